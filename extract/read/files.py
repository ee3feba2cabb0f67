"""Files -> RawText: which reader reads a file, and text files' encodings.

PDFs are read in `read_pdf`, Word, Excel and old Office files in `read_office`,
OFD in `ofd`, scanned pages in `ocr`.

Only this module and `write` touch files. A file that cannot be read raises
ReadError with a stable English code and a Chinese message.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import ReadError
from .office import convert_with_libreoffice, read_docx, read_xlsx
from .pdf import MAX_PAGES, pdfium_pages, read_pdf, read_pdf_pdfium
from .textmap import RawText

TEXT_SUFFIXES = {".txt", ".text"}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
OFD_SUFFIXES = {".ofd"}
CONVERTIBLE = {".doc": "docx", ".wps": "docx", ".xls": "xlsx", ".et": "xlsx"}  # through LibreOffice
SUPPORTED = TEXT_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES | XLSX_SUFFIXES | OFD_SUFFIXES | set(CONVERTIBLE)
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
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or 0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd")
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
    if not text.lstrip("\ufeff").strip():
        raise ReadError("empty", "文件为空")
    return RawText(text=text, source=str(path), pages=text.count("\f") + 1, extractor="text", encoding=enc)


ENGINES = ("auto", "pdfium", "pdfplumber")


def read_chunks(path: Path, max_pages: int = MAX_PAGES, engine: str = "auto") -> Iterator[RawText]:
    """A file's text in consecutive pieces: a PDF page by page (PDFium), other files whole.

    Every failure is a ReadError, raised as the pieces are read."""
    if path.suffix.lower() in PDF_SUFFIXES and engine != "pdfplumber":
        _check_file(path)
        try:
            yield from pdfium_pages(path, max_pages=max_pages)
        except PermissionError:
            raise ReadError("unreadable", "没有读取权限") from None
        except OSError as e:
            raise ReadError("unreadable", f"无法读取文件 ({e.strerror})") from None
        return
    yield read_file(path, max_pages=max_pages, engine=engine)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise ReadError("not_found", "文件不存在")
    if path.is_dir():
        raise ReadError("unsupported", "这是一个文件夹,不是文件")
    try:
        if path.stat().st_size == 0:
            raise ReadError("empty", "文件为空")
    except OSError as e:
        raise ReadError("unreadable", f"无法读取文件 ({e.strerror})") from None


def read_file(path: Path, max_pages: int = MAX_PAGES, engine: str = "auto") -> RawText:
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
            if engine == "pdfplumber":
                return read_pdf(path, max_pages=max_pages)
            return read_pdf_pdfium(path, max_pages=max_pages)
        if suffix in TEXT_SUFFIXES:
            return read_text_file(path)
        if suffix in DOCX_SUFFIXES:
            return read_docx(path)
        if suffix in XLSX_SUFFIXES:
            return read_xlsx(path)
        if suffix in OFD_SUFFIXES:
            from .ofd import read_ofd

            return read_ofd(path)
        if suffix in CONVERTIBLE:
            converted = convert_with_libreoffice(path, CONVERTIBLE[suffix])
            try:
                raw = read_docx(converted) if converted.suffix == ".docx" else read_xlsx(converted)
            finally:
                import shutil

                shutil.rmtree(converted.parent, ignore_errors=True)
            raw.source = str(path)
            return raw
    except PermissionError:
        raise ReadError("unreadable", "没有读取权限") from None
    except OSError as e:
        raise ReadError("unreadable", f"无法读取文件 ({e.strerror})") from None
    raise ReadError("unsupported", f"不支持的文件类型 {suffix or '(无扩展名)'},"
                                   "支持: .txt .pdf .docx .xlsx .ofd (.doc .wps .xls .et 需 LibreOffice)")
