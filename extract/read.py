"""Files -> RawText: decoded text files, PDF text layers with char boxes.

Only this module and `write` touch files. A file that cannot be read raises
ReadError with a stable English code and a Chinese message.
"""
from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path
from typing import Optional

from .errors import ReadError
from .textmap import BoxTuple, RawText

TEXT_SUFFIXES = {".txt", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED = TEXT_SUFFIXES | PDF_SUFFIXES
MAX_PAGES = 5000
SAMPLE = 20000


def _gb2312_level1(c: str) -> bool:
    """Whether c is among the 3,755 most common characters (GB2312 level 1)."""
    try:
        b = c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def plausible_chinese(text: str, simplified: bool = True) -> bool:
    """Does a decoding read as Chinese prose rather than mojibake or binary?"""
    sample = text[:SAMPLE]
    if not sample:
        return True
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or 0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd")
    if bad / len(sample) > 0.01:
        return False
    cjk = [c for c in sample if "\u4e00" <= c <= "\u9fff"]
    if not cjk or not simplified:
        return True
    return sum(map(_gb2312_level1, cjk)) / len(cjk) >= 0.8


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8, then GB18030, then a detector (Big5 and others)."""
    if not data.strip():
        raise ReadError("empty", "文件为空")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if plausible_chinese(text):
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and plausible_chinese(text, simplified=False):
            return text, best.encoding
    raise ReadError("undecodable", "无法识别文本编码(不是 UTF-8、GB18030 或 Big5 文本)")


def read_text_file(path: Path) -> RawText:
    data = path.read_bytes()
    text, enc = decode_text(data)
    return RawText(text=text, source=str(path), pages=text.count("\f") + 1, extractor="text", encoding=enc)


def _line_text(chars: list[dict]) -> tuple[str, list[Optional[BoxTuple]]]:
    """Characters of one line in reading order; a space only between Latin words."""
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
            if gap > 0.25 * size and prev["text"][-1:].isascii() and t[:1].isascii() and not t.isspace():
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
                text, pboxes = _page_text(lines)
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


def _page_text(lines: list[dict]) -> tuple[str, list[Optional[BoxTuple]]]:
    """Join a page's lines: a line that reaches the right margin continues on the next."""
    if not lines:
        return "", []
    widths = [c["x1"] - c["x0"] for ln in lines for c in ln["chars"][:50] if c["x1"] > c["x0"]]
    cw = statistics.median(widths) if widths else 10.0
    sizes = Counter(round(float(c.get("size") or 0), 1) for ln in lines for c in ln["chars"])
    body = sizes.most_common(1)[0][0] if sizes else 0.0

    def body_size(ln: dict) -> bool:
        # Titles and headings set larger than the body never continue onto the next line.
        sz = statistics.median(float(c.get("size") or 0) for c in ln["chars"]) if ln["chars"] else 0.0
        return abs(sz - body) <= 0.5
    left = min(ln["x0"] for ln in lines)
    right = max(ln["x1"] for ln in lines)
    out: list[str] = []
    boxes: list[Optional[BoxTuple]] = []
    prev_full = False
    for i, ln in enumerate(lines):
        text, lboxes = _line_text(ln["chars"])
        if i:
            indented = ln["x0"] - left > 1.2 * cw
            if prev_full and not indented and body_size(ln):
                if out and out[-1][-1:].isascii() and out[-1][-1:].isalnum() and text[:1].isascii() and text[:1].isalnum():
                    out.append(" ")
                    boxes.append(None)
            else:
                out.append("\n\n")
                boxes.extend([None, None])
        out.append(text)
        boxes.extend(lboxes)
        prev_full = right - ln["x1"] < 2.0 * cw and body_size(ln)
    return "".join(out), boxes


def read_file(path: Path, max_pages: int = MAX_PAGES) -> RawText:
    """Dispatch on the suffix; every failure is a ReadError."""
    if not path.exists():
        raise ReadError("not_found", "文件不存在")
    if path.is_dir():
        raise ReadError("unsupported", "这是一个文件夹,不是文件")
    suffix = path.suffix.lower()
    try:
        if path.stat().st_size == 0:
            raise ReadError("empty", "文件为空")
        if suffix in PDF_SUFFIXES:
            return read_pdf(path, max_pages=max_pages)
        if suffix in TEXT_SUFFIXES:
            return read_text_file(path)
    except PermissionError:
        raise ReadError("unreadable", "没有读取权限") from None
    except OSError as e:
        raise ReadError("unreadable", f"无法读取文件 ({e.strerror})") from None
    raise ReadError("unsupported", f"不支持的文件类型 {suffix or '(无扩展名)'},支持: .txt .pdf")
