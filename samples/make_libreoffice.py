"""The county progress table as LibreOffice lays it out and saves it: two PDFs (a fully
ruled table and a three-line table, 三线表) and the old binary formats (.doc, .xls).

Why: most county submissions are typed in a word processor and exported; these are
real exports of a document this script writes (python-docx, openpyxl), with the
same figures as county-employment-table.txt. Needs LibreOffice (`soffice`) and a
CJK font (Debian: libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk).
Usage: python samples/make_libreoffice.py
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
TITLE = "岳阳市城镇新增就业进度表(截至2025年3月25日)"
HEADER = ("序号", "县市区", "城镇新增就业目标", "完成数", "完成比例(%)")
ROWS = [("1", "岳阳县", "5200", "1300", "25"), ("2", "华容县", "4800", "1056", "22"), ("3", "湘阴县", "5000", "1450", "29"),
        ("4", "平江县", "6000", "1140", "19"), ("5", "汨罗市", "5500", "1485", "27")]


def _borders(table, edges: dict[str, int]) -> None:
    """Table borders by edge (top, bottom, insideH, insideV, left, right): size in eighths of a point, 0 = none."""
    props = table._tbl.tblPr
    el = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{edge}")
        size = edges.get(edge, 0)
        b.set(qn("w:val"), "single" if size else "nil")
        if size:
            b.set(qn("w:sz"), str(size))
            b.set(qn("w:color"), "000000")
        el.append(b)
    props.append(el)


def _header_rule(row, size: int) -> None:
    """The rule under a three-line table's header row."""
    for cell in row.cells:
        tc_pr = cell._tc.get_or_add_tcPr()
        borders = OxmlElement("w:tcBorders")
        b = OxmlElement("w:bottom")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), str(size))
        b.set(qn("w:color"), "000000")
        borders.append(b)
        tc_pr.append(borders)


def write_docx(out: Path, ruled: bool) -> None:
    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = datetime(2025, 3, 26)
    style = doc.styles["Normal"]
    style.font.size = Pt(14)
    style.font.name = "Noto Sans CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    doc.add_paragraph(TITLE).alignment = 1
    doc.add_paragraph("全市城镇新增就业工作稳步推进,各县市区完成情况如下。单位:人")
    table = doc.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = text
    for row in ROWS:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    if ruled:
        _borders(table, {e: 6 for e in ("top", "left", "bottom", "right", "insideH", "insideV")})
    else:  # 三线表: a heavy top and bottom rule, a light one under the header
        _borders(table, {"top": 12, "bottom": 12})
        _header_rule(table.rows[0], 6)
    doc.add_paragraph("其他工作:全市开展职业技能培训3154人,完成全年任务的17.52%。")
    doc.save(str(out))


def write_xlsx(out: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "城镇新增就业"
    ws.append([TITLE])
    ws.append(["单位:人"])
    ws.append(list(HEADER))
    for row in ROWS:
        ws.append([int(v) for v in row[:1]] + [row[1]] + [int(v) for v in row[2:]])
    wb.save(str(out))


def convert(src: Path, target: str, out: Path) -> None:
    """LibreOffice headless: src -> out in format `target` (pdf, doc, xls)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice (soffice)")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()  # its own profile: runs beside an open LibreOffice
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        shutil.move(str(Path(tmp, f"{src.stem}.{target}")), out)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for ruled, name in ((True, "ruled"), (False, "threeline")):
            docx = Path(tmp, f"county-employment-table-lo-{name}.docx")
            write_docx(docx, ruled)
            convert(docx, "pdf", HERE / f"county-employment-table-lo-{name}.pdf")
            if ruled:
                convert(docx, "doc", HERE / "county-employment-table.doc")
        xlsx = Path(tmp, "county-employment-table.xlsx")
        write_xlsx(xlsx)
        convert(xlsx, "xls", HERE / "county-employment-table.xls")


if __name__ == "__main__":
    main()
