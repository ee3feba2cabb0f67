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


if __name__ == "__main__":
    make(HERE / "county-employment-table-ruled.pdf", ruled=True)
    make(HERE / "county-employment-table-threeline.pdf", ruled=False)
