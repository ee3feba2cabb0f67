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


def _doc(size: int) -> Document:
    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = datetime(2025, 3, 26)
    style = doc.styles["Normal"]
    style.font.size = Pt(size)
    style.font.name = "Noto Sans CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    style.paragraph_format.space_after = Pt(0)
    return doc


def _table(doc, rows, style: str | None = "Table Grid"):
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    if style:
        table.style = style
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    return table


def write_awkward_docx(out: Path) -> None:
    """Tables as county offices really lay them out, each one a trap for a reader of lines:
    a county cell merged over two indicator rows; a monthly table that runs across a page
    break, its rows at the foot and head of pages looking alike; an official 16 pt table with
    no rules whose header cells all wrap, with a short indented sentence right under it."""
    from docx.shared import Cm

    doc = _doc(12)
    doc.add_paragraph("一、各县市区就业工作完成情况")
    rows = [["县市区", "指标", "年度目标(人)", "完成数(人)", "完成比例(%)"],
            ["岳阳县", "城镇新增就业", "5200", "1300", "25"], ["", "失业人员再就业", "600", "150", "25"],
            ["华容县", "城镇新增就业", "4800", "1056", "22"], ["", "失业人员再就业", "500", "100", "20"]]
    table = _table(doc, rows)
    table.cell(1, 0).merge(table.cell(2, 0)).text = "岳阳县"
    table.cell(3, 0).merge(table.cell(4, 0)).text = "华容县"
    doc.add_paragraph("全市城镇新增就业10056人,完成全年任务的25.1%。")
    doc.add_paragraph("二、各月城镇新增就业情况")
    topics = ["城镇新增就业", "农村危房改造", "新增托位", "老旧小区改造", "农村供水保障", "义务教育学校建设"]
    ways = ["稳步推进", "有序开展", "加快实施", "全面铺开", "持续深化"]
    for i in range(30):
        doc.add_paragraph(f"{topics[i % 6]}工作{ways[i // 6]},各地结合实际细化工作方案,压实{topics[(i + 1) % 6]}责任,加强调度。")
    doc.add_paragraph("单位:人").alignment = 2
    rows = [["月份", "城镇新增就业目标(人)", "完成数(人)", "完成比例(%)"]]
    for m in range(1, 13):
        target, done = 400 + 7 * m, 380 + 9 * m
        rows.append([f"{m}月", str(target), str(done), str(round(done * 100 / target))])
    _table(doc, rows)
    doc.add_paragraph("全年城镇新增就业5000人。")
    doc.add_page_break()
    run = doc.add_paragraph().add_run("三、重点项目进展")
    run.font.size = Pt(16)
    rows = [["序号", "项目名称", "目标(万元)", "完成(万元)", "完成率(%)"],
            ["1", "城区老旧小区改造工程", "12000", "3000", "25"], ["2", "农村公路提质改造工程", "8000", "2400", "30"]]
    table = _table(doc, rows, style=None)
    table.autofit = False
    for j, width in enumerate([1.2, 6.0, 2.9, 2.9, 2.6]):
        table.columns[j].width = Cm(width)
        for cell in table.columns[j].cells:
            cell.width = Cm(width)
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(16)
    for text in ("完成率达到96%。", "全市新增托位320个,完成全年任务的16%。"):
        para = doc.add_paragraph()
        para.paragraph_format.first_line_indent = Pt(32)
        para.add_run(text).font.size = Pt(16)
    doc.add_paragraph("四、各县市区城镇新增就业情况(单位:人)")
    _table(doc, [["县市区", "城镇新增就业目标", "完成数", "完成比例(%)"], ["岳阳县", "5200", "1300", "25"],
                 ["华容县", "", "1056", "22"], ["湘阴县", "5000", "", ""], ["平江县", "6000", "1140", "19"]])
    doc.add_paragraph("五、重点项目投资完成情况")
    doc.add_paragraph("(单位:万元)").alignment = 2
    rows = [["项目", "年度目标", "完成数", "完成率(%)"], ["岳阳市城区老旧小区改造工程", "12000", "3000", "25"],
            ["华容县第二人民医院", "8000", "", ""], ["湘阴县城乡供水一体化工程", "", "900", ""],
            ["平江县养老服务中心", "5000", "2000", "40"]]
    table = _table(doc, rows)  # a wide first column; figures right-aligned under left-aligned headers
    for j, width in enumerate([7.5, 3.5, 3.5, 2.5]):
        for cell in table.columns[j].cells:
            cell.width = Cm(width)
    for row in table.rows[1:]:
        for cell in row.cells[1:]:
            cell.paragraphs[0].alignment = 2
    doc.add_paragraph("全市上半年各月新增就业情况如下。")
    rows = [["月份", "计划新增就业(人)", "实际新增就业(人)", "完成比例(%)"]]
    for m in range(1, 7):
        rows.append([f"{m}月", str(400 + 10 * m)] + ([str(396 + 6 * m), str(round((396 + 6 * m) * 100 / (400 + 10 * m)))]
                                                    if m <= 3 else ["", ""]))
    _table(doc, rows)  # months not reported yet: empty cells at the end of a row whose label has digits
    doc.add_paragraph("六、城镇新增就业完成情况")
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    rows = [["序号", "县市区", "年度目标(人)", "完成情况", ""], ["", "", "", "完成数(人)", "完成比例(%)"],
            ["1", "岳阳县", "5200", "1300", "25"], ["2", "华容县", "4800", "", ""], ["3", "湘阴县", "5000", "1450", "29"],
            ["合计", "", "15000", "2750", "18.3"]]
    table = _table(doc, rows)  # a header in two tiers: 完成情况 over 完成数(人) and 完成比例(%)
    table.cell(0, 3).merge(table.cell(0, 4)).text = "完成情况"
    for j in range(3):
        cell = table.cell(0, j).merge(table.cell(1, j))
        cell.text = rows[0][j]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    table.cell(5, 0).merge(table.cell(5, 1)).text = "合计"
    doc.add_paragraph("七、湘阴县、平江县重点民生实事完成情况")
    rows = [["县市区", "指标", "年度目标", "完成数", "完成比例(%)"],
            ["湘阴县", "新增就业(人)", "5000", "1450", "29"], ["", "新增托位(个)", "400", "120", "30"],
            ["平江县", "新增就业(人)", "6000", "1140", "19"], ["", "新增托位(个)", "300", "60", "20"]]
    table = _table(doc, rows)  # the county merged over its rows and centred between them
    for r in table.rows:
        for cell in r.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    table.cell(1, 0).merge(table.cell(2, 0)).text = "湘阴县"
    table.cell(3, 0).merge(table.cell(4, 0)).text = "平江县"
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
        awkward = Path(tmp, "tables-awkward-lo.docx")
        write_awkward_docx(awkward)
        convert(awkward, "pdf", HERE / "tables-awkward-lo.pdf")
        xlsx = Path(tmp, "county-employment-table.xlsx")
        write_xlsx(xlsx)
        convert(xlsx, "xls", HERE / "county-employment-table.xls")


if __name__ == "__main__":
    main()
