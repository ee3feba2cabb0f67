"""Write the county progress table sample as a real Word file (.docx) with a ruled table.

Why: county submissions often arrive as Word documents whose figures sit in a
table; this builds one (python-docx) so the .docx reader is tested on a real file.
Usage: python samples/make_docx.py [-o OUT]
"""
from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
ROWS = [("1", "岳阳县", "5200", "1300", "25"), ("2", "华容县", "4800", "1056", "22"), ("3", "湘阴县", "5000", "1450", "29"),
        ("4", "平江县", "6000", "1140", "19"), ("5", "汨罗市", "5500", "1485", "27")]


def make_docx(out: Path) -> None:
    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = datetime(2025, 3, 26)  # stable output
    doc.add_heading("岳阳市城镇新增就业进度表(截至2025年3月25日)", level=1)
    doc.add_paragraph("全市城镇新增就业工作稳步推进,各县市区完成情况如下。单位:人")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "县市区", "城镇新增就业目标", "完成数", "完成比例(%)")):
        cell.text = text
    for row in ROWS:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    doc.add_paragraph("其他工作:全市开展职业技能培训3154人,完成全年任务的17.52%。")
    doc.save(str(out))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--out", type=Path, default=HERE / "county-employment-table.docx")
    make_docx(ap.parse_args().out)


if __name__ == "__main__":
    main()
