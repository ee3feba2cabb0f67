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

from ..models import Box

BoxTuple = tuple[float, float, float, float]


@dataclass
class RawText:
    """What a reader produced: pages joined by form feeds, with char boxes for PDFs.

    A RawText may be a window of a longer document (see `stream`): its first
    character is on page `first_page`, and pieces join with `RawText.join`.
    """

    text: str
    source: str
    pages: int
    extractor: str = "text"
    encoding: Optional[str] = None
    boxes: Optional[list[Optional[BoxTuple]]] = None  # a box per character, where the reader knows it
    page_starts: list[int] = field(default_factory=list)
    refs: Optional["array[int]"] = None  # PDFium: page << 24 | char index per character, -1 for none
    box_lookup: Optional[Callable[[list[int]], list[Optional[BoxTuple]]]] = None  # refs -> boxes, lazily
    confidences: Optional[list[Optional[float]]] = None  # OCR confidence of each character's word
    ocr_pages: set[int] = field(default_factory=set)
    first_page: int = 1

    def __post_init__(self) -> None:
        if not self.page_starts:
            starts = [0]
            pos = self.text.find("\f")
            while pos != -1:
                starts.append(pos + 1)
                pos = self.text.find("\f", pos + 1)
            self.page_starts = starts

    def page_of(self, raw_index: int) -> int:
        return self.first_page - 1 + bisect_right(self.page_starts, raw_index)

    def boxes_at(self, idx: list[int]) -> list[Optional[BoxTuple]]:
        """Boxes of the characters at raw indices `idx`: the reader's own, else PDFium's, looked up now."""
        got: list[Optional[BoxTuple]] = [self.boxes[i] for i in idx] if self.boxes is not None else [None] * len(idx)
        if self.refs is not None and self.box_lookup is not None:
            missing = [k for k, b in enumerate(got) if b is None]
            if missing:
                found = self.box_lookup([self.refs[idx[k]] for k in missing])
                for k, b in zip(missing, found):
                    got[k] = b
        return got

    @property
    def has_boxes(self) -> bool:
        return self.boxes is not None or (self.refs is not None and self.box_lookup is not None)

    def slice(self, start: int, end: Optional[int] = None) -> "RawText":
        """The characters [start:end] as a RawText of their own, pages numbered as in the whole."""
        end = len(self.text) if end is None else end
        return RawText(text=self.text[start:end], source=self.source, pages=self.pages, extractor=self.extractor,
                       encoding=self.encoding,
                       boxes=self.boxes[start:end] if self.boxes is not None else None,
                       refs=self.refs[start:end] if self.refs is not None else None,
                       box_lookup=self.box_lookup,
                       confidences=self.confidences[start:end] if self.confidences is not None else None,
                       ocr_pages=self.ocr_pages, first_page=self.page_of(start))

    @staticmethod
    def join(parts: list["RawText"]) -> "RawText":
        """Consecutive pieces of one document as one RawText."""
        if len(parts) == 1:
            return parts[0]
        first = parts[0]

        def cat(attr: str, fill):
            if all(getattr(p, attr) is None for p in parts):
                return None
            out = [] if attr != "refs" else array("q")
            for p in parts:
                v = getattr(p, attr)
                if v is None:
                    v = [fill] * len(p.text) if attr != "refs" else array("q", [-1]) * len(p.text)
                out.extend(v)
            return out
        raw = RawText(text="".join(p.text for p in parts), source=first.source, pages=first.pages,
                      extractor=first.extractor, encoding=first.encoding, boxes=cat("boxes", None),
                      refs=cat("refs", -1), box_lookup=next((p.box_lookup for p in parts if p.box_lookup), None),
                      confidences=cat("confidences", None), ocr_pages=set().union(*(p.ocr_pages for p in parts)),
                      first_page=first.first_page)
        return raw


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
        if start >= end or not self.raw.has_boxes:
            return None
        page = self.page(start)
        idx = [self.origin[i] for i in range(start, min(end, len(self.origin)))
               if self.raw.page_of(self.origin[i]) == page]
        got = self.raw.boxes_at(idx)
        found = [b for b in got if b is not None]
        if not found:
            return None
        return Box(x0=round(min(b[0] for b in found), 2), top=round(min(b[1] for b in found), 2),
                   x1=round(max(b[2] for b in found), 2), bottom=round(max(b[3] for b in found), 2))
