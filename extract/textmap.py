"""Text that remembers where every character came from.

Normalization rewrites the text many times; each rewrite carries an origin
list along (cleaned index -> raw index), so a regex can run on clean text and
every hit still knows its page and its box on the page (pdfplumber's TextMap
idea).
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable, Optional, Union

import regex

from .models import Box

BoxTuple = tuple[float, float, float, float]


@dataclass
class RawText:
    """What a reader produced: pages joined by form feeds, with char boxes for PDFs."""

    text: str
    source: str
    pages: int
    extractor: str = "text"
    encoding: Optional[str] = None
    boxes: Optional[list[Optional[BoxTuple]]] = None
    page_starts: list[int] = field(default_factory=list)
    box_lookup: Optional[Callable[[list[int]], list[Optional[BoxTuple]]]] = None  # lazy boxes (PDFium)
    confidences: Optional[list[Optional[float]]] = None  # OCR confidence of each character's word
    ocr_pages: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.page_starts:
            starts = [0]
            pos = self.text.find("\f")
            while pos != -1:
                starts.append(pos + 1)
                pos = self.text.find("\f", pos + 1)
            self.page_starts = starts

    def page_of(self, raw_index: int) -> int:
        return bisect_right(self.page_starts, raw_index)


@dataclass
class TextMap:
    """Cleaned text plus, for each of its characters, the raw index it came from."""

    text: str
    origin: "array[int]"  # compact: one machine integer per character, not a Python object
    raw: RawText

    @classmethod
    def identity(cls, raw: RawText) -> "TextMap":
        return cls(raw.text, array("q", range(len(raw.text))), raw)

    def sub(self, pattern: Union[str, "regex.Pattern"], repl: Union[str, Callable[["regex.Match"], str]]) -> "TextMap":
        """Regex substitution that keeps the origin map in step.

        A replacement as long as what it replaces maps char to char; otherwise
        every new char maps to the first replaced one.
        """
        pat = regex.compile(pattern) if isinstance(pattern, str) else pattern
        parts: list[str] = []
        origin = array("q")
        last = 0
        text, src = self.text, self.origin
        for m in pat.finditer(text):
            s, e = m.span()
            new = repl(m) if callable(repl) else m.expand(repl)
            if new == m.group():
                continue
            parts.append(text[last:s])
            origin.extend(src[last:s])
            parts.append(new)
            if len(new) == e - s:
                origin.extend(src[s:e])
            elif new:
                anchor = src[s] if s < len(src) else (src[-1] if src else 0)
                origin.extend(array("q", [anchor]) * len(new))
            last = e
        if last == 0 and not parts:
            return self
        parts.append(text[last:])
        origin.extend(src[last:])
        return TextMap("".join(parts), origin, self.raw)

    def translate(self, table: dict[int, str]) -> "TextMap":
        """One-to-one character mapping (full-width to half-width): offsets unchanged."""
        return TextMap(self.text.translate(table), self.origin, self.raw)

    def delete_spans(self, spans: list[tuple[int, int]]) -> "TextMap":
        if not spans:
            return self
        parts: list[str] = []
        origin, last = array("q"), 0
        for s, e in sorted(spans):
            if s < last:
                s = last
            parts.append(self.text[last:s])
            origin.extend(self.origin[last:s])
            last = max(last, e)
        parts.append(self.text[last:])
        origin.extend(self.origin[last:])
        return TextMap("".join(parts), origin, self.raw)

    def confidence(self, start: int, end: int) -> Optional[float]:
        """The lowest OCR confidence of the words behind text[start:end]; None for text layers."""
        conf = self.raw.confidences
        if conf is None:
            return None
        vals = [conf[self.origin[i]] for i in range(start, min(end, len(self.origin)))
                if conf[self.origin[i]] is not None]
        return round(min(vals), 1) if vals else None

    # -- locating spans --------------------------------------------------
    def page(self, index: int) -> int:
        if not self.origin:
            return 1
        index = min(max(index, 0), len(self.origin) - 1)
        return self.raw.page_of(self.origin[index])

    def box(self, start: int, end: int) -> Optional[Box]:
        """Union of the boxes of the raw chars behind text[start:end], on the first char's page."""
        if start >= end or (self.raw.boxes is None and self.raw.box_lookup is None):
            return None
        page = self.page(start)
        idx = [self.origin[i] for i in range(start, min(end, len(self.origin)))
               if self.raw.page_of(self.origin[i]) == page]
        got = [self.raw.boxes[i] for i in idx] if self.raw.boxes is not None else self.raw.box_lookup(idx)
        found = [b for b in got if b is not None]
        if not found:
            return None
        return Box(x0=round(min(b[0] for b in found), 2), top=round(min(b[1] for b in found), 2),
                   x1=round(max(b[2] for b in found), 2), bottom=round(max(b[3] for b in found), 2))
