"""Typeset the county progress table as a PDF, twice: a fully ruled table and a
three-line table (三线表: top, header and bottom rules, no vertical rules).

Why: county submissions arrive as PDFs whose figures sit in tables; this gives
the table reader real layouts with known figures (the same as
county-employment-table.txt). Needs reportlab and Debian's fonts-wqy-zenhei.
Usage: python samples/make_table_pdf.py
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
FONT, FONT_FILE = "WQYZenHei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
HEADER = ["序号", "县市区", "城镇新增就业目标", "完成数", "完成比例(%)"]
ROWS = [["1", "岳阳县", "5200", "1300", "25"], ["2", "华容县", "4800", "1056", "22"], ["3", "湘阴县", "5000", "1450", "29"],
        ["4", "平江县", "6000", "1140", "19"], ["5", "汨罗市", "5500", "1485", "27"]]


def make(out: Path, ruled: bool) -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    title = ParagraphStyle("t", fontName=FONT, fontSize=18, leading=28, alignment=1)
    body = ParagraphStyle("b", fontName=FONT, fontSize=14, leading=24, firstLineIndent=28)
    style = [("FONT", (0, 0), (-1, -1), FONT, 12), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 6),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.8, "black"))
    else:  # 三线表
        style += [("LINEABOVE", (0, 0), (-1, 0), 1.5, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.8, "black"),
                  ("LINEBELOW", (0, -1), (-1, -1), 1.5, "black")]
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm, invariant=1)
    doc.build([Paragraph("岳阳市城镇新增就业进度表(截至2025年3月25日)", title), Spacer(1, 8),
               Paragraph("全市城镇新增就业工作稳步推进,各县市区完成情况如下。单位:人", body), Spacer(1, 8),
               Table([HEADER] + ROWS, style=TableStyle(style)), Spacer(1, 12),
               Paragraph("其他工作:全市开展职业技能培训3154人,完成全年任务的17.52%。", body)])


PROJECTS = ["岳阳县城乡供水一体化提质改造工程(含管网延伸)", "华容县", "湘阴县农村公路安全生命防护工程及危桥改造", "平江县",
            "汨罗市城区老旧小区改造"]


def make_wrapped(out: Path) -> None:
    """A table whose cells wrap: "序号" in a narrow first column and long project names break
    onto two lines, then notes and prose under the table."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    body = ParagraphStyle("b", fontName=FONT, fontSize=11, leading=16, firstLineIndent=22)
    note = ParagraphStyle("n", fontName=FONT, fontSize=11, leading=16, leftIndent=22)
    cell = ParagraphStyle("c", fontName=FONT, fontSize=10, leading=13)
    rows = [[Paragraph(t, cell) for t in ("序号", "项目名称", "年度目标", "完成数", "完成比例(%)")]]
    for i, name in enumerate(PROJECTS, 1):
        target, done = 5000 + i * 100, 1000 + i * 37
        rows.append([Paragraph(t, cell) for t in (str(i), name, str(target), str(done), f"{100 * done / target:.2f}")])
    table = Table(rows, colWidths=[30, 170, 80, 70, 80])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc = SimpleDocTemplate(str(out), pagesize=A4, invariant=1)
    doc.build([Paragraph("岳阳市重点项目进度表(截至2025年3月25日)", body), Spacer(1, 8),
               Paragraph("(一)重点项目。全市共安排重点项目5个,总投资32.5亿元,已完成投资10.2亿元,完成全年任务的31.4%。", body),
               Spacer(1, 8), Paragraph("单位:人", body), table, Spacer(1, 6),
               Paragraph("注:1.完成比例按年度目标计算。", note), Paragraph("2.数据来源:市统计局。", note),
               Paragraph("(二)民生实事。新增城镇就业人员5200人,完成全年任务的25%;新建幼儿园3所,完成全年任务的60%。", body)])


if __name__ == "__main__":
    make(HERE / "county-employment-table-ruled.pdf", ruled=True)
    make(HERE / "county-employment-table-threeline.pdf", ruled=False)
    make_wrapped(HERE / "project-table-wrapped.pdf")
