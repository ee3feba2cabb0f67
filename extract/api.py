"""The library API: pure functions from inputs to pydantic models."""
from __future__ import annotations

from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .errors import ReadError
from .models import Document, Extraction, FileError
from .read.files import SUPPORTED, read_chunks
from .rules import RuleSet, load_rules
from .text.segment import Structure
from .stream import WINDOW_CHARS, parts
from .read.textmap import RawText


def _rules(rules: Optional[RuleSet]) -> RuleSet:
    return rules if rules is not None else load_rules()


def text_safe(name: str) -> str:
    """A file name every output can carry (undecodable bytes in names from other systems become U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def extract_raw(raw: RawText, rules: Optional[RuleSet] = None, window_chars: int = WINDOW_CHARS) -> Extraction:
    """Reader output -> cleaned text, document header and records."""
    return merge(stream_chunks([raw], rules, window_chars))  # `parts` cuts it into pieces


def extract_text(text: str, source: str = "<text>", rules: Optional[RuleSet] = None) -> Extraction:
    """Extract from a string, as if it were a text file's content."""
    raw = RawText(text=text, source=source, pages=text.count("\f") + 1, extractor="text", encoding=None)
    return extract_raw(raw, rules)


def extract_file(path: Union[str, Path], rules: Optional[RuleSet] = None, max_pages: int = 5000,
                 engine: str = "auto") -> Extraction:
    """Extract from one file; raises ReadError when it cannot be read.

    PDFs are read with PDFium (`engine="auto"` or `"pdfium"`) or pdfplumber."""
    return merge(extract_stream(path, rules, max_pages=max_pages, engine=engine))


def extract_stream(path: Union[str, Path], rules: Optional[RuleSet] = None, max_pages: int = 5000,
                   engine: str = "auto", window_chars: int = WINDOW_CHARS) -> Iterator[Extraction]:
    """One file's extraction a window of pages at a time, so that memory stays flat
    however long the document is; raises ReadError when it cannot be read.

    Each window is an Extraction whose `offset` says where its `text` starts in the
    document text; its records' offsets and pages are the document's. Its
    `page_offsets` are those of the pages that start in it. The last window's
    `document` has the totals. `merge` joins the windows into one Extraction."""
    return stream_chunks(read_chunks(Path(path), max_pages=max_pages, engine=engine), rules, window_chars)


def stream_chunks(chunks: Iterable[RawText], rules: Optional[RuleSet] = None,
                  window_chars: int = WINDOW_CHARS) -> Iterator[Extraction]:
    """Consecutive pieces of one document's reader output -> its windows (see extract_stream)."""
    rules = _rules(rules)
    it = iter(chunks)
    first = next(it, None)
    if first is None:
        return
    source = text_safe(first.source)
    doc = Document(source=source, pages=first.pages, encoding=first.encoding, extractor=first.extractor)
    ocr_pages: set[int] = set()

    def tracked() -> Iterator[RawText]:
        for chunk in chain([first], it):
            ocr_pages.update(chunk.ocr_pages)
            yield chunk
    try:
        for part in parts(tracked(), rules, doc, window_chars):
            # One header for the whole document, read in its first window; a later window may
            # add the as-of date (截至…) and, the last, the signature's issuer.
            h = part.header
            doc.title, doc.series, doc.issue_no = h.title, h.series, h.issue_no
            doc.issue_date, doc.as_of, doc.issuer = h.issue_date, h.as_of, h.issuer
            doc.n_records += len(part.records)
            doc.n_completion += sum(1 for r in part.records if r.percent is not None)
            if part.final and doc.extractor == "pdfium" and len(ocr_pages) == doc.pages:
                doc.extractor = "ocr"
            x = Extraction(document=doc.model_copy(), records=part.records, text=part.text,
                           page_offsets=[part.page_offsets[p] for p in sorted(part.page_offsets)], offset=part.offset)
            x._structure = Structure(header=part.header, sections=part.sections)
            part = None  # type: ignore[assignment]  # a window is dropped once the caller is done with it
            yield x
            x = None  # type: ignore[assignment]
    finally:
        close = getattr(first.box_lookup, "close", None)
        if close is not None:
            close()


def merge(windows: Iterable[Extraction]) -> Extraction:
    """A document's windows (from extract_stream) as one Extraction."""
    texts: list[str] = []
    records: list = []
    page_offsets: list[int] = []
    sections: list = []
    header = None
    last: Optional[Extraction] = None
    for x in windows:
        texts.append(x.text)
        records.extend(x.records)
        page_offsets.extend(x.page_offsets)
        secs = x._structure.sections
        sections.extend(secs if last is None else secs[1:])  # a window's first section continues the last one's
        if last is None:
            header = x._structure.header
        last = x
    if last is None:
        raise ReadError("empty", "文件为空")
    as_of = last.document.as_of
    if as_of is not None:
        for r in records:  # windows read before the document stated its date
            if r.as_of is None:
                r.as_of = as_of
    out = Extraction(document=last.document, records=records, text="".join(texts), page_offsets=page_offsets or [0])
    out._structure = Structure(header=header, sections=sections)
    return out


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
    except Exception as e:  # a bug must not lose the rest of the batch
        return file_error(path, e)


def file_error(path: Union[str, Path], e: BaseException) -> FileError:
    """Why a file could not be extracted, as a FileError value (English code, Chinese message)."""
    if isinstance(e, ReadError):
        code, msg = e.code, e.message
    elif isinstance(e, RecursionError):
        code, msg = "too_complex", "文件结构过于复杂,无法处理"
    elif isinstance(e, MemoryError):
        code, msg = "too_large", "文件过大,内存不足"
    else:
        code, msg = "internal_error", f"处理时出现内部错误 ({type(e).__name__}: {e})"
    return FileError(source=text_safe(str(path)), code=code, message=msg)


def check(extraction: Extraction, rules: Optional[RuleSet] = None, targets: Optional[list] = None,
          as_of=None, tolerance=0, schedule_margin=None, history=None, sha256: Optional[str] = None) -> list:
    """Flags for one extracted document (see extract.checks for the list of checks).

    With `history` (a connection from extract.series.history.connect) it is also checked against
    the previous issue of its series."""
    from decimal import Decimal

    from .checks import SEVERITY_ORDER, CheckContext, run_checks

    ctx = CheckContext(extraction, _rules(rules), targets, as_of=as_of, tolerance=Decimal(str(tolerance)),
                       schedule_margin=None if schedule_margin is None else Decimal(str(schedule_margin)))
    flags = run_checks(ctx)
    if history is not None:
        from .series.across import check_history

        flags = sorted(flags + check_history(ctx, history, sha256),
                       key=lambda f: (f.start if f.start is not None else -1, SEVERITY_ORDER[f.severity], f.code))
    return flags


def load_targets(path: Union[str, Path], rules: Optional[RuleSet] = None) -> list:
    """A target table (CSV/XLSX) as TargetRows; raises TargetTableError naming row and column."""
    from .checks.targets import read_targets

    return read_targets(path, _rules(rules))
