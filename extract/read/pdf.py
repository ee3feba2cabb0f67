"""PDF text layers -> RawText: PDFium (default, fast) or pdfplumber, with char boxes.

Lines that reach the right margin continue on the next line; wide gaps between
the cells of a table row become "|" borders; pages without a usable text layer
go to OCR.
"""
from __future__ import annotations

import statistics
from array import array
from pathlib import Path
from typing import Iterator, Optional

import regex

from ..errors import ReadError
from .pdf_lines import Cell, Line, join_lines, split_cells, table_rows
from .textmap import BoxTuple, RawText

MAX_PAGES = 5000


def _line_text(chars: list[dict]) -> tuple[str, list[Optional[BoxTuple]]]:
    """Characters of one line in reading order; a space only between Latin words, and a "|"
    over a gap of 0.6 character or more, a table's cell border (as the PDFium engine marks them)."""
    out: list[str] = []
    boxes: list[Optional[BoxTuple]] = []
    prev = None
    for ch in chars:
        t = ch.get("text", "")
        if not t:
            continue
        if prev is not None:
            gap = ch["x0"] - prev["x1"]
            size = float(ch.get("size") or (ch["x1"] - ch["x0"]) or 1)
            if gap >= 0.6 * size and not t.isspace() and not prev["text"].isspace() and not ch.get("inserted") \
                    and not prev.get("inserted"):
                out.append("|")
                boxes.append(None)
            elif gap > 0.25 * size and prev["text"][-1:].isascii() and t[:1].isascii() and not t.isspace():
                out.append(" ")
                boxes.append(None)
        box = (float(ch["x0"]), float(ch["top"]), float(ch["x1"]), float(ch["bottom"]))
        for c in t:
            out.append(c)
            boxes.append(box)
        prev = ch
    return "".join(out), boxes


def read_pdf(path: Path, max_pages: int = MAX_PAGES) -> RawText:
    """PDF text layer through pdfplumber; lines wrapped at the right margin are joined."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(str(path))
    except PDFPasswordIncorrect:
        raise ReadError("encrypted", "PDF 有打开密码,无法读取") from None
    except Exception as e:  # pdfminer raises many kinds for broken files
        if "password" in repr(e).lower():
            raise ReadError("encrypted", "PDF 有打开密码,无法读取") from None
        raise ReadError("corrupt", f"PDF 文件损坏或不是 PDF ({type(e).__name__})") from None
    parts: list[str] = []
    boxes: list[Optional[BoxTuple]] = []
    n_chars = 0
    try:
        with pdf:
            try:
                pages = pdf.pages
            except Exception as e:
                if "password" in repr(e).lower() or "PDFPasswordIncorrect" in repr(e):
                    raise ReadError("encrypted", "PDF 有打开密码,无法读取") from None
                raise ReadError("corrupt", f"PDF 文件损坏 ({type(e).__name__})") from None
            if len(pages) == 0:
                raise ReadError("corrupt", "PDF 没有页面")
            if len(pages) > max_pages:
                raise ReadError("too_many_pages", f"PDF 共 {len(pages)} 页,超过上限 {max_pages} 页")
            for i, page in enumerate(pages):
                if i:
                    parts.append("\f")
                    boxes.append(None)
                lines = page.extract_text_lines(return_chars=True, strip=True)
                text, pboxes = page_text(lines)
                n_chars += sum(1 for b in pboxes if b is not None)
                parts.append(text)
                boxes.extend(pboxes)
                page.close()
            n_pages = len(pages)
    except ReadError:
        raise
    except Exception as e:
        if "password" in repr(e).lower():
            raise ReadError("encrypted", "PDF 有打开密码,无法读取") from None
        raise ReadError("corrupt", f"PDF 文件损坏,读取失败 ({type(e).__name__})") from None
    if n_chars == 0:
        raise ReadError("no_text_layer", "PDF 没有文字层(可能是扫描件),需要先做 OCR")
    return RawText(text="".join(parts), source=str(path), pages=n_pages, extractor="pdfplumber", boxes=boxes)


def page_text(lines: list[dict]) -> tuple[str, list[Optional[BoxTuple]]]:
    """Join a page's lines (pdfplumber's, y downwards): wrapped lines and table rows put back together."""
    if not lines:
        return "", []
    widths = [c["x1"] - c["x0"] for ln in lines for c in ln["chars"][:50] if c["x1"] > c["x0"]]
    cw = statistics.median(widths) if widths else 10.0
    out: list[Line] = []
    for ln in lines:
        text, boxes = _line_text(ln["chars"])
        if not text:
            continue
        size = round(statistics.median(float(c.get("size") or 0) for c in ln["chars"]), 1) if ln["chars"] else 0.0
        real = [b for b in boxes if b is not None]
        out.append(Line(text, boxes, ln["x0"], ln["x1"], -min(b[1] for b in real), -max(b[3] for b in real), size,
                        plain=not any(c.get("inserted") for c in ln["chars"])))

    def cells_of(line: Line) -> list[Cell]:
        def extent(a: int, b: int) -> tuple[float, float]:
            first, last = line.items[a], line.items[b]
            return (first[0] if first else line.x0), (last[2] if last else line.x1)
        return split_cells(line, extent)
    return join_lines(table_rows(out, cells_of, None), None, char_width=cw)


def read_pdf_pdfium(path: Path, max_pages: int = MAX_PAGES) -> RawText:
    """The whole text layer through PDFium, as one RawText (see `pdfium_pages`)."""
    raw = RawText.join(list(pdfium_pages(path, max_pages)))
    if len(raw.ocr_pages) == raw.pages:
        raw.extractor = "ocr"
    return raw


def pdfium_pages(path: Path, max_pages: int = MAX_PAGES) -> Iterator[RawText]:
    """A PDF's text layer through PDFium, one page at a time: about 30x faster than
    pdfplumber, same characters, and only one page in memory.

    Line geometry comes from the first and last character of each line only;
    the boxes of other characters are looked up later, for the spans that
    become records (RawText.refs and box_lookup). Pages without a usable text
    layer are read by OCR. Every page after the first starts with its form feed.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise ReadError("encrypted", "PDF 有打开密码,无法读取") from None
        raise ReadError("corrupt", f"PDF 文件损坏或不是 PDF ({e})") from None
    lookup = _PdfiumBoxes(pdf, str(path))  # owns the document from here: records look boxes up after reading
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise ReadError("corrupt", "PDF 没有页面")
        if n_pages > max_pages:
            raise ReadError("too_many_pages", f"PDF 共 {n_pages} 页,超过上限 {max_pages} 页")
        n_chars = n_ocr = 0
        for i in range(n_pages):
            lead = "\f" if i else ""
            if i and i % lookup.RENEW_PAGES == 0:
                lookup.renew()
            page = lookup.pdf[i]
            tp = page.get_textpage()
            try:
                text = tp.get_text_range()
                if usable_text(text):
                    n_chars += len(text) - text.count(" ") - text.count("\r") - text.count("\n")
                    ptext, prefs = _pdfium_page(tp, text, i)
                    refs = array("q", [-1] * len(lead))
                    refs.extend(prefs)
                    chunk = RawText(text=lead + ptext, source=str(path), pages=n_pages, extractor="pdfium",
                                    refs=refs, box_lookup=lookup, first_page=max(i, 1))
                else:
                    # A scan, or a text layer that is garbage: read the page's image instead.
                    from .ocr import ocr_page

                    otext, oboxes, oconf = ocr_page(page)
                    n_chars += len(otext.strip())
                    n_ocr += 1
                    chunk = RawText(text=lead + otext, source=str(path), pages=n_pages,
                                    extractor="pdfium",
                                    boxes=[None] * len(lead) + list(oboxes),
                                    refs=array("q", [-1]) * (len(lead) + len(otext)), box_lookup=lookup,
                                    confidences=[None] * len(lead) + list(oconf), ocr_pages={i + 1},
                                    first_page=max(i, 1))
            except BaseException:
                tp.close()
                page.close()
                raise
            lookup.keep(i, page, tp)  # its records' boxes are looked up soon, while it is still open
            yield chunk
    except BaseException:  # a ReadError, or a reader that stopped early (GeneratorExit)
        lookup.close()
        raise
    if n_chars == 0:
        lookup.close()
        raise ReadError("no_text_layer", "PDF 没有文字层, OCR 也没有识别出文字")


_CID = regex.compile(r"\(cid:\d+\)")


def usable_text(text: str) -> bool:
    """Is a page's text layer real text? Not when empty, (cid:NN) codes, private-use or junk characters."""
    body = "".join(text.split())
    if not body:
        return False
    if len(_CID.findall(text)) * 6 > len(body) * 0.2:
        return False
    bad = sum(1 for c in body if 0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd" or (ord(c) < 32))
    if bad > 0.1 * len(body):
        return False
    cjk = sum(1 for c in body if "\u4e00" <= c <= "\u9fff")
    ascii_ok = sum(1 for c in body if c.isascii() and (c.isalnum() or c in ".,;:%()-/"))
    other = len(body) - cjk - ascii_ok
    return other <= 0.5 * len(body)


class _PdfiumBoxes:
    """Boxes of characters, looked up in the PDF only when a record needs them.

    The reader hands over the pages it has read, still open (`keep`): a window's
    records are looked up right after its pages are read, so most lookups find
    their page open. At most OPEN_PAGES stay open, and the document is opened
    afresh every RENEW_PAGES pages (`renew`): PDFium caches every font it has
    met, and a PDF merged from many files has fonts for each; so memory stays flat."""

    OPEN_PAGES = 64  # more than a window's pages (stream.WINDOW_PAGES)
    RENEW_PAGES = 40

    def __init__(self, pdf, path: str):
        self.pdf, self.path = pdf, path
        self._pages: dict[int, tuple[object, object, float, object]] = {}  # open: page, textpage, height, document
        self._docs: dict[int, list] = {id(pdf): [pdf, 0]}  # documents with open pages: document, pages open

    def renew(self) -> None:
        import pypdfium2 as pdfium

        old, self.pdf = self.pdf, pdfium.PdfDocument(self.path)
        self._docs[id(self.pdf)] = [self.pdf, 0]
        self._release(old)

    def keep(self, pno: int, page, textpage) -> None:
        if len(self._pages) >= self.OPEN_PAGES:
            self._close_page(next(iter(self._pages)))
        self._pages[pno] = (page, textpage, page.get_height(), self.pdf)
        self._docs[id(self.pdf)][1] += 1

    def release(self, before_page: int) -> None:
        """Close the pages before `before_page` (0-based): their window's records have their boxes."""
        for pno in [p for p in self._pages if p < before_page]:
            self._close_page(pno)

    def __call__(self, refs: list[int]) -> list[Optional[BoxTuple]]:
        """Boxes for PDFium character references (page << 24 | char index); None for -1."""
        out: list[Optional[BoxTuple]] = []
        for ref in refs:
            if ref < 0 or self.pdf is None:
                out.append(None)
                continue
            pno, ci = ref >> 24, ref & 0xFFFFFF
            if pno not in self._pages:
                page = self.pdf[pno]
                self.keep(pno, page, page.get_textpage())
            _, tp, height, _ = self._pages[pno]
            left, bottom, right, top = tp.get_charbox(ci, loose=True)
            out.append((left, height - top, right, height - bottom))
        return out

    def _release(self, doc) -> None:
        entry = self._docs.get(id(doc))
        if entry is not None and entry[1] == 0 and doc is not self.pdf:
            del self._docs[id(doc)]
            doc.close()

    def _close_page(self, pno: int) -> None:
        page, tp, _, doc = self._pages.pop(pno)
        tp.close()
        page.close()
        self._docs[id(doc)][1] -= 1
        self._release(doc)

    def close(self) -> None:
        for pno in list(self._pages):
            self._close_page(pno)
        for doc, _ in list(self._docs.values()):
            doc.close()
        self._docs.clear()
        self.pdf = None


def _pdfium_page(tp, text: str, pno: int) -> tuple[str, list[int]]:
    """Join a page's lines like `page_text`, from the boxes of each line's ends."""
    import pypdfium2.raw as pdfium_c

    lines: list[Line] = []
    pos = 0
    for raw_line in text.split("\r\n"):
        s, e = pos, pos + len(raw_line)
        pos = e + 2
        stripped = raw_line.strip()
        if not stripped:
            continue
        first = s + len(raw_line) - len(raw_line.lstrip())
        last = first + len(stripped) - 1
        b0, b1 = tp.get_charbox(first, loose=True), tp.get_charbox(last, loose=True)
        mid = (first + last) // 2
        probes = [first, last] + ([mid] if not text[mid].isspace() else [])  # a space's "size" is 1
        sizes = sorted(pdfium_c.FPDFText_GetFontSize(tp, k) for k in probes)
        size = round(sizes[len(sizes) // 2], 1)
        lines.append(Line(_cells_marked(tp, stripped, first, size), [(pno << 24) | (first + k) for k in range(len(stripped))],
                          b0[0], b1[2], max(b0[3], b1[3]), min(b0[1], b1[1]), size))

    def cells_of(line: Line) -> list[Cell]:
        def extent(a: int, b: int) -> tuple[float, float]:
            ra, rb = line.items[a], line.items[b]
            return (tp.get_charbox(ra & 0xFFFFFF, loose=True)[0] if ra >= 0 else line.x0,
                    tp.get_charbox(rb & 0xFFFFFF, loose=True)[2] if rb >= 0 else line.x1)
        return split_cells(line, extent)
    return join_lines(table_rows(lines, cells_of, -1), -1)


def _cells_marked(tp, seg: str, off: int, size: float) -> str:
    """A table row as text: a space over a gap of 0.6 character or more becomes a "|" cell border.

    Ruled tables and three-line tables (三线表) alike lay their cells out with wide gaps;
    prose never has them. One character for one, so offsets do not move."""
    if " " not in seg:
        return seg
    chars = list(seg)
    for k, c in enumerate(seg):
        if c != " " or k == 0 or k == len(seg) - 1 or seg[k - 1] == " ":
            continue
        j = k + 1
        while j < len(seg) and seg[j] == " ":
            j += 1
        if j >= len(seg):
            continue
        gap = tp.get_charbox(off + j, loose=True)[0] - tp.get_charbox(off + k - 1, loose=True)[2]
        if gap >= 0.6 * (size or 10.0):
            chars[k] = "|"
    return "".join(chars)
