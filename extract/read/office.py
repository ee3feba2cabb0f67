"""Word (.docx) and Excel (.xlsx) files -> RawText; old Office and WPS files through LibreOffice.

Tables become lines of "|" cells, which the table reader turns into records.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import ReadError
from .textmap import RawText


def read_docx(path: Path) -> RawText:
    """Word paragraphs and tables in document order; a table row becomes a line of "|" cells."""
    import zipfile

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise ReadError("unsupported", "读取 .docx 需要 python-docx: pip install python-docx") from None
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ReadError("corrupt", f"Word 文件损坏或不是 .docx ({type(e).__name__})") from None
    except Exception as e:  # python-docx raises a few kinds for non-Word zips
        raise ReadError("corrupt", f"Word 文件无法读取 ({type(e).__name__})") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.append("")
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(cell.text.split()).replace("|", "/")
                    if not cells or text != cells[-1]:  # merged cells repeat; keep one
                        cells.append(text)
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError("empty", "Word 文件中没有文字")
    return RawText(text=text, source=str(path), pages=1, extractor="docx")


def read_xlsx(path: Path) -> RawText:
    """Each sheet's rows as lines of "|" cells under the sheet's name; formulas read as their saved values."""
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(str(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise ReadError("corrupt", f"Excel 文件损坏或不是 .xlsx ({type(e).__name__})") from None
    except Exception as e:  # openpyxl raises a few kinds for odd workbooks
        raise ReadError("corrupt", f"Excel 文件无法读取 ({type(e).__name__})") from None
    lines: list[str] = []
    try:
        for ws in wb.worksheets:
            lines += [ws.title, ""]
            for row in ws.iter_rows(values_only=True):
                cells = ["" if v is None else " ".join(str(v).split()).replace("|", "/") for v in row]
                while cells and not cells[-1]:
                    cells.pop()
                if not any(cells):
                    continue
                lines.append("| " + " | ".join(cells) + " |" if len(cells) > 1 else cells[0])
            lines.append("")
    finally:
        wb.close()
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError("empty", "Excel 文件中没有内容")
    return RawText(text=text, source=str(path), pages=1, extractor="xlsx")


def convert_with_libreoffice(path: Path, target: str) -> Path:
    """Old Office and WPS files -> .docx/.xlsx in a temporary folder, through LibreOffice headless."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:  # Windows installs it outside PATH
        import os

        for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
            cand = Path(base or "") / "LibreOffice" / "program" / "soffice.exe"
            if base and cand.exists():
                soffice = str(cand)
                break
    if soffice is None:
        raise ReadError("unsupported", f"{path.suffix} 文件需要 LibreOffice 转换: 请安装 LibreOffice, "
                                       f"或先另存为 .{target} / PDF 再处理")
    out = Path(tempfile.mkdtemp(prefix="bulletin-"))
    # A profile of its own: conversions in parallel workers, or beside a LibreOffice the user has
    # open, would otherwise wait on one another's profile lock or silently do nothing.
    profile = (out / "profile").as_uri()
    try:
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                        "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError) as e:
        shutil.rmtree(out, ignore_errors=True)
        raise ReadError("corrupt", f"LibreOffice 无法转换此文件 ({type(e).__name__})") from None
    converted = out / (path.stem + "." + target)
    if not converted.exists():
        shutil.rmtree(out, ignore_errors=True)
        raise ReadError("corrupt", "LibreOffice 没有生成转换结果")
    return converted
