"""The library API: pure functions from inputs to pydantic models."""
from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .errors import ReadError
from .models import Document, Extraction, FileError
from .normalize import normalize, simplified
from .read import SUPPORTED, read_file
from .records import build_records
from .rules import RuleSet, load_rules
from .segment import segment
from .textmap import RawText


def _rules(rules: Optional[RuleSet]) -> RuleSet:
    return rules if rules is not None else load_rules()


def text_safe(name: str) -> str:
    """A file name every output can carry (undecodable bytes in names from other systems become U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def extract_raw(raw: RawText, rules: Optional[RuleSet] = None) -> Extraction:
    """Reader output -> cleaned text, document header and records."""
    rules = _rules(rules)
    raw.source = text_safe(raw.source)
    tm = normalize(raw, rules)
    match_text = simplified(tm.text)
    structure = segment(match_text, rules)
    h = structure.header
    doc = Document(source=raw.source, title=h.title, series=h.series, issue_no=h.issue_no,
                   issue_date=h.issue_date, as_of=h.as_of, issuer=h.issuer, pages=raw.pages,
                   encoding=raw.encoding, extractor=raw.extractor)
    try:
        records = build_records(tm, structure, rules, doc, match_text)
    finally:
        close = getattr(raw.box_lookup, "close", None)
        if close is not None:
            close()
    doc.n_records = len(records)
    doc.n_completion = sum(1 for r in records if r.percent is not None)
    page_offsets = [bisect_left(tm.origin, start) for start in raw.page_starts]
    x = Extraction(document=doc, records=records, text=tm.text, page_offsets=page_offsets)
    x._structure = structure
    return x


def extract_text(text: str, source: str = "<text>", rules: Optional[RuleSet] = None) -> Extraction:
    """Extract from a string, as if it were a text file's content."""
    raw = RawText(text=text, source=source, pages=text.count("\f") + 1, extractor="text", encoding=None)
    return extract_raw(raw, rules)


def extract_file(path: Union[str, Path], rules: Optional[RuleSet] = None, max_pages: int = 5000,
                 engine: str = "auto") -> Extraction:
    """Extract from one file; raises ReadError when it cannot be read.

    PDFs are read with PDFium (`engine="auto"` or `"pdfium"`) or pdfplumber."""
    return extract_raw(read_file(Path(path), max_pages=max_pages, engine=engine), rules)


def expand_paths(paths: Iterable[Union[str, Path]]) -> list[Path]:
    """Files as given; a folder means its supported files, recursively, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted((f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED),
                              key=lambda f: f.as_posix()))
        else:
            out.append(p)
    return out


def extract_many(paths: Iterable[Union[str, Path]], rules: Optional[RuleSet] = None,
                 max_pages: int = 5000) -> Iterator[Union[Extraction, FileError]]:
    """One result per file, in order; a file that fails is a FileError value, never an exception."""
    rules = _rules(rules)
    for p in expand_paths(paths):
        yield extract_or_error(p, rules, max_pages=max_pages)


def extract_or_error(path: Union[str, Path], rules: Optional[RuleSet] = None, max_pages: int = 5000,
                     engine: str = "auto") -> Union[Extraction, FileError]:
    """One file's extraction, or a FileError saying why not: a bad file, or a bug, never ends a batch."""
    try:
        return extract_file(path, rules, max_pages=max_pages, engine=engine)
    except ReadError as e:
        code, msg = e.code, e.message
    except RecursionError:
        code, msg = "too_complex", "文件结构过于复杂,无法处理"
    except MemoryError:
        code, msg = "too_large", "文件过大,内存不足"
    except Exception as e:  # a bug must not lose the rest of the batch
        code, msg = "internal_error", f"处理时出现内部错误 ({type(e).__name__}: {e})"
    return FileError(source=text_safe(str(path)), code=code, message=msg)


def check(extraction: Extraction, rules: Optional[RuleSet] = None, targets: Optional[list] = None,
          as_of=None, tolerance=0, schedule_margin=None, history=None, sha256: Optional[str] = None) -> list:
    """Flags for one extracted document (see extract.checks for the list of checks).

    With `history` (a connection from extract.history.connect) it is also checked against
    the previous issue of its series."""
    from decimal import Decimal

    from .checks import SEVERITY_ORDER, CheckContext, run_checks

    ctx = CheckContext(extraction, _rules(rules), targets, as_of=as_of, tolerance=Decimal(str(tolerance)),
                       schedule_margin=None if schedule_margin is None else Decimal(str(schedule_margin)))
    flags = run_checks(ctx)
    if history is not None:
        from .checks.across import check_history

        flags = sorted(flags + check_history(ctx, history, sha256),
                       key=lambda f: (f.start if f.start is not None else -1, SEVERITY_ORDER[f.severity], f.code))
    return flags


def load_targets(path: Union[str, Path], rules: Optional[RuleSet] = None) -> list:
    """A target table (CSV/XLSX) as TargetRows; raises TargetTableError naming row and column."""
    from .targets import read_targets

    return read_targets(path, _rules(rules))
