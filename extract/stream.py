"""Long documents a window at a time, so memory stays flat however many pages there are.

A window is raw text (what the window before it left over, plus new pages). It is
normalized, segmented and turned into records up to a safe cut: the start of the
last section, else of the last paragraph, before the window's last page and
margin, so that a sentence broken across pages, and an item with its figures,
stay in one window. What follows the cut is read again as the start of the next
window, with the normalization and open sections the window before left.
A document shorter than one window is read in one piece, exactly as before.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Optional

from .models import Document, Record
from .text.normalize import NormalizeState, normalize, simplified
from .figures.records import build_records
from .rules import RuleSet
from .text.segment import Header, Section, Structure, find_as_of, first_year, parse_header, segment, signed_by
from .read.textmap import RawText, TextMap

WINDOW_CHARS = 60_000  # raw characters a window gathers before it is cut (about 40 full pages)
WINDOW_PAGES = 40      # or pages, whichever comes first (a PDF's open pages follow the window)
MARGIN = 2_000         # the last characters of a window are never final: what follows may join them
HARD_MAX = 4           # a window with no safe cut grows to this many WINDOW_CHARS, then is cut anyway,
TABLE_MAX = 64         # except inside a table, which grows to this many (its rows need their header)


@dataclass
class Part:
    """One window's share of a document: its text, records and sections, at document offsets."""

    offset: int                     # where `text` starts in the document text
    text: str
    records: list[Record]
    sections: list[Section]         # at document offsets; the first continues the last window's
    page_offsets: dict[int, int]    # page -> document offset where it starts, for the pages starting here
    header: Header
    final: bool = False


@dataclass
class _State:
    norm: NormalizeState = field(default_factory=NormalizeState)
    header: Optional[Header] = None
    stack: tuple = ()
    offset: int = 0
    pages_done: int = 0  # pages whose start offset is known
    year: Optional[int] = None  # the first year (20xx年) the document names


def chunks_of(raw: RawText, size: int = WINDOW_CHARS) -> Iterator[RawText]:
    """A whole reader output as pieces of about `size` characters, for `parts`."""
    if len(raw.text) <= size:
        yield raw
        return
    for start in range(0, len(raw.text), size):
        yield raw.slice(start, start + size)


def parts(chunks: Iterable[RawText], rules: RuleSet, document: Document,
          window_chars: int = WINDOW_CHARS) -> Iterator[Part]:
    """Consecutive pieces of one document's raw text -> its Parts, in order.

    `document` gives the source and extractor records carry."""
    state = _State()
    pending: list[RawText] = []
    size, wait_for = 0, window_chars
    for chunk in (piece for whole in chunks for piece in chunks_of(whole, window_chars)):
        pending.append(chunk)
        size += len(chunk.text)
        if size < wait_for and len(pending) < WINDOW_PAGES:
            continue
        raw = RawText.join(pending)
        pending = []
        part, rest = _window(raw, rules, document, state, final=False, force=size >= HARD_MAX * window_chars,
                             margin=min(MARGIN, window_chars // 2), hard=size >= TABLE_MAX * window_chars)
        raw = None  # type: ignore[assignment]
        if part is not None:
            yield part
            part = None
            wait_for = window_chars
        else:
            wait_for = min(2 * size, TABLE_MAX * window_chars)  # no safe cut yet: try again at twice the size
        pending = [rest] if rest is not None and rest.text else []
        size = len(rest.text) if rest is not None else 0
    raw = RawText.join(pending) if pending else RawText(text="", source=document.source, pages=document.pages,
                                                         extractor=document.extractor)
    part, _ = _window(raw, rules, document, state, final=True, force=True, margin=0)
    yield part


def _window(raw: RawText, rules: RuleSet, document: Document, state: _State, final: bool,
            force: bool, margin: int, hard: bool = False) -> tuple[Optional[Part], Optional[RawText]]:
    """Records up to the window's safe cut, and the raw text after it; (None, raw) when there is no cut yet."""
    norm = replace(state.norm, furniture=set(state.norm.furniture))
    tm = normalize(raw, rules, norm)
    match_text = simplified(tm.text)
    header = state.header if state.header is not None else parse_header(match_text, rules, signature=final)
    if state.header is not None and header.as_of is None:
        header.as_of = find_as_of(match_text, rules, header.issue_date, state.year)  # 截至… later on
    if final and not header.issuer:
        header.issuer = signed_by(match_text, rules)  # the signature ends the document's last window
    structure = segment(match_text, rules, header=header, stack=state.stack)
    cut = len(tm.text) if final else _cut(tm, structure, force, margin, hard)
    if cut is None:
        return None, raw
    raw_cut = tm.origin[cut] if cut < len(tm.text) else len(raw.text)
    window = TextMap(tm.text[:cut], tm.origin[:cut], raw)
    sections = [s for s in structure.sections if s.start < cut]
    kept = Structure(header=structure.header, sections=sections)
    records = build_records(window, kept, rules, document, match_text[:cut])
    release = getattr(raw.box_lookup, "release", None)
    if release is not None and not final:
        release(raw.page_of(raw_cut) - 1)  # pages wholly before the rest: their boxes are looked up
    base = state.offset
    if base:
        for r in records:
            r.start += base
            r.end += base
            if r.percent_start is not None:
                r.percent_start += base
                r.percent_end += base
    pages: dict[int, int] = {}
    for j, start in enumerate(raw.page_starts):
        page = raw.first_page + j
        if page > state.pages_done and (final or start <= raw_cut):
            pages[page] = base + bisect_left(window.origin, start)
            state.pages_done = page
    if final:
        for page in range(state.pages_done + 1, document.pages + 1):  # empty pages at the end
            pages[page] = base + cut
    part = Part(offset=base, text=window.text, records=records, sections=[s.shifted(base) for s in sections],
                page_offsets=pages, header=structure.header, final=final)
    state.norm, state.header = norm, structure.header
    state.year = state.year or first_year(window.text)
    state.stack = kept.at(cut - 1).stack if cut else state.stack
    state.offset = base + cut
    return part, (raw.slice(raw_cut) if not final else None)


def _cut(tm: TextMap, structure: Structure, force: bool, margin: int, hard: bool = False) -> Optional[int]:
    """Where the window's final text ends: at a section start, else a paragraph start, in the
    part of the window whose text cannot change when more pages come; None to wait for more."""
    raw = tm.raw
    limit_raw = len(raw.text) - margin
    if len(raw.page_starts) > 1 and raw.page_starts[-1] > len(raw.text) // 2:
        # The last page may go on onto the next one: it waits for it. A last page that is most
        # of the window (a text with one form feed near its start) is cut like a text.
        limit_raw = min(limit_raw, raw.page_starts[-1])
    limit = bisect_left(tm.origin, limit_raw)
    text = tm.text
    if limit <= 0:
        return (text.rfind("\n") + 1 or len(text)) if force and text else None

    def line_at(pos: int) -> str:
        end = text.find("\n", pos)
        return text[pos:end if end != -1 else len(text)]

    def clean(pos: int) -> bool:
        """A line start that no table row touches (a table is read with its header)."""
        if pos <= 0 or text[pos - 1] != "\n" or not text[pos:pos + 1].strip():
            return False
        before = text.rfind("\n", 0, pos - 1)
        prev = text[before + 1:pos - 1] if before != -1 else text[:pos - 1]
        if not prev.strip():  # a blank line: look at the paragraph before it
            before2 = text.rfind("\n", 0, max(before, 0))
            prev = text[before2 + 1:before] if before > 0 else ""
        return "|" not in line_at(pos) and "|" not in prev

    for sec in reversed(structure.sections):
        if sec.start > limit or sec.inline:
            continue
        if sec.start < limit // 2:
            break
        if clean(sec.start):
            return sec.start
    pos = text.rfind("\n", 0, limit)
    while pos > 0:
        j = pos - 1
        while j > 0 and text[j] in " \t\n":
            j -= 1
        if text[j] in "。;!?:" and clean(pos + 1):
            return pos + 1
        pos = text.rfind("\n", 0, pos)
    if not force:
        return None
    pos = text.rfind("\n", 0, limit)
    cut = pos + 1 if pos > 0 else limit
    start = _table_start(text, cut)
    if start is None:
        return cut
    # Never inside a table: the rows after the cut would lose their header. Before it, else
    # (the table is longer than the window) wait for its end, up to the hard limit.
    return start if start > 0 else (cut if hard else None)


def _table_start(text: str, pos: int) -> Optional[int]:
    """Where the table whose rows surround `pos` begins (its header line); None if no table is there."""
    line_end = text.find("\n", pos)
    if "|" not in text[pos:line_end if line_end != -1 else len(text)] and "|" not in text[text.rfind("\n", 0, max(pos - 1, 0)) + 1:pos]:
        return None
    start = pos
    while start > 0:
        prev_start = text.rfind("\n", 0, start - 1) + 1
        line = text[prev_start:start - 1]
        if "|" not in line and line.strip():
            break
        start = prev_start
    while start < pos and not text[start:text.find("\n", start) if text.find("\n", start) != -1 else len(text)].strip():
        start = text.find("\n", start) + 1  # from its first row, not a blank line above it
    return start
