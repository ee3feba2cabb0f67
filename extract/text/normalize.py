"""Repair what extraction broke, keeping every character's origin.

Full-width forms, page numbers and running heads, lines wrapped mid-sentence
(also across pages), spaces between CJK characters. Defects of the text itself
(己 for 已, a missing %, a garbled date) are left for `check`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from ..rules import RuleSet
from ..read.textmap import RawText, TextMap

_CJK_OR_COMMA = regex.compile(r"[\p{Han},、]")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


@lru_cache(maxsize=8)
def _width_table(extra: tuple[tuple[str, str], ...]) -> dict[int, int | str]:
    table: dict[int, int | str] = dict(_FULLWIDTH)
    for k, v in extra:
        if len(k) == 1 and len(v) == 1:  # one-to-one only: offsets must not move
            table[ord(k)] = v
    return table


class _Patterns:
    def __init__(self, rules: RuleSet):
        pf = rules.normalize["page_furniture"]
        self.page_number = regex.compile(pf["page_number"])
        self.strict_footer = regex.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,/共]\s*共?\s*\d{1,4}\s*页)?)\s*$")
        self.repeat_share = float(pf["repeat_share"])
        self.min_pages = int(pf["min_pages"])
        self.edge_lines = int(pf["edge_lines"])
        lj = rules.normalize["line_join"]
        self.min_newline = int(lj["min_chars_newline"])
        self.min_blank = int(lj["min_chars_blank"])
        self.sentence_end = regex.compile(lj["sentence_end"])
        markers = rules.structure["markers"]
        starts = "|".join(f"(?:{m.pattern})" for m in rules.marker_kinds)
        self.item_start = regex.compile(markers["bullet"] + f"(?:{starts})")
        self.bullet_line = regex.compile(r"^[ \t]*+[-•·●▪◆■][ \t]")
        self.named = regex.compile(rules.expand(markers["named"]))
        self.breaks = regex.compile(r"(?<![ \t])[ \t]*+[\n\f][\s]*+")  # starts a whitespace run: linear


@lru_cache(maxsize=8)
def _patterns(rules: RuleSet) -> _Patterns:
    return _Patterns(rules)


@dataclass
class NormalizeState:
    """What a long document's first window taught normalization, for the windows after it:
    its running heads and feet, its full line length, that its header is behind us."""

    furniture: set[str] = field(default_factory=set)
    min_newline: Optional[int] = None
    in_body: bool = False


def _may_be_head(line: str) -> bool:
    """Running heads and feet are short and are not sentences or table rows."""
    return len(line) <= 40 and not line.endswith(("。", ";")) and "|" not in line and "\t" not in line


def _shape(line: str) -> str:
    return regex.sub(r"\d+", "#", line)


def _furniture_spans(text: str, p: _Patterns, state: NormalizeState) -> list[tuple[int, int]]:
    """Spans of page-number lines and running heads/feet, with their newline."""
    pages: list[list[tuple[int, int, str]]] = []
    pos = 0
    for chunk in text.split("\f"):
        lines = []
        off = pos
        for line in chunk.split("\n"):
            if line.strip():
                lines.append((off, off + len(line), line.strip()))
            off += len(line) + 1
        pages.append(lines)
        pos += len(chunk) + 1
    spans: list[tuple[int, int]] = []
    multi = len(pages) > 1
    edges: list[list[tuple[int, int, str]]] = []
    for lines in pages:
        edge = lines[: p.edge_lines] + lines[-p.edge_lines:] if multi else []
        edges.append(edge)
        for s, e, t in lines:
            if p.strict_footer.match(t) or (multi and (s, e, t) in edge and p.page_number.match(t)):
                spans.append((s, e + 1 if text[e:e + 1] == "\n" else e))  # keep a page break
    if len(pages) >= p.min_pages:
        # Pages that show a line of this shape at an edge; table rows ("7月|500|480|96") are never
        # running heads, however alike their rows at the foot of each page look.
        counts = Counter(k for edge in edges for k in {_shape(t) for _, _, t in edge if _may_be_head(t)})
        need = max(2, int(p.repeat_share * len(pages) + 0.999))
        state.furniture.update(k for k, n in counts.items() if n >= need)
    if state.furniture and multi:
        for edge in edges:
            for s, e, t in edge:
                if _may_be_head(t) and _shape(t) in state.furniture:
                    spans.append((s, e + 1 if text[e:e + 1] == "\n" else e))  # keep a page break
    return sorted(set(spans))


def _join_breaks(tm: TextMap, p: _Patterns, state: NormalizeState, pages_only: bool = False) -> TextMap:
    """Undo line breaks inside sentences; keep paragraph breaks as newlines."""
    text = tm.text
    runs = [m.span() for m in p.breaks.finditer(text)]
    # A single line break joins only lines about as long as the document's full lines:
    # short header lines ("…办公室" / "…简报") stay apart.
    if state.min_newline is None:
        lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
        full = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
        state.min_newline = max(p.min_newline, int(0.9 * full + 0.5))
    min_newline = state.min_newline
    first_sentence = text.find("。") if not state.in_body else 0  # header lines above it never join
    decisions: dict[int, str] = {}
    for i, (s, e) in enumerate(runs):
        prev = text[runs[i - 1][1] if i else 0:s].strip()
        nxt = text[e:runs[i + 1][0] if i + 1 < len(runs) else len(text)]
        run = text[s:e]
        blank = run.count("\n") > 1 or "\f" in run
        in_header = not state.in_body and (first_sentence == -1 or e <= text.rfind("\n", 0, first_sentence))
        keep = "\n\n" if blank else "\n"
        if in_header or (pages_only and "\f" not in run):
            decisions[s] = keep  # a PDF's lines were joined from their geometry already
        else:
            decisions[s] = _decide(prev, nxt, blank, e >= len(text), p, min_newline)
    return tm.sub(p.breaks, lambda m: decisions[m.start()])


def _decide(prev: str, nxt: str, blank: bool, at_end: bool, p: _Patterns, min_newline: int) -> str:
    keep = "\n\n" if blank else "\n"
    if not prev or not nxt.strip() or at_end:
        return keep
    last, first = prev[-1], nxt.lstrip()[0]
    if p.sentence_end.search(prev) or p.item_start.match(nxt) or p.named.match(nxt) or p.bullet_line.match(nxt):
        return keep
    cjk_last = bool(_CJK_OR_COMMA.match(last))
    if blank:
        ok = len(prev) >= p.min_blank and cjk_last and bool(_CJK_OR_COMMA.match(first))
    else:
        ok = len(prev) >= min_newline and (cjk_last or last.isdigit()) and not first.isspace()
    if not ok:
        return keep
    latin = last.isascii() and last.isalnum() and first.isascii() and first.isalnum()
    return " " if latin else ""


def normalize(raw: RawText, rules: RuleSet, state: Optional[NormalizeState] = None) -> TextMap:
    """Raw reader output -> cleaned text with an origin map.

    A window of a longer document passes the `state` its earlier windows left."""
    p = _patterns(rules)
    state = state if state is not None else NormalizeState()
    extra = tuple(sorted(rules.normalize.get("width", {}).get("extra", {}).items()))
    tm = TextMap.identity(raw).translate(_width_table(extra))
    tm = tm.sub(r"\r\n?", lambda m: "\n")
    tm = tm.delete_spans(_furniture_spans(tm.text, p, state))
    for _rw, pat in rules.re_rewrites:
        tm = tm.sub(pat, _rw.replace)
    tm = _join_breaks(tm, p, state, pages_only=raw.extractor in ("pdfium", "pdfplumber", "ocr", "ofd"))
    state.in_body = state.in_body or "。" in tm.text  # past the header once a sentence has ended
    return tm.sub(r"^\s++|(?<!\s)\s++$", "")


@lru_cache(maxsize=1)
def _t2s() -> dict[int, str]:
    """Traditional -> simplified, one character for one, so offsets do not move."""
    import zhconv.zhconv as z

    z.loaddict()
    return {ord(k): v for k, v in z.zhcdicts["zh2Hans"].items() if len(k) == 1 and len(v) == 1}


def simplified(text: str) -> str:
    """The text rules match on: traditional characters read as simplified ones (萬→万, 任務→任务)."""
    if text.isascii():
        return text
    return text.translate(_t2s())
