"""The review workbook: 汇总 (summary), 数据 (records), 问题 (flags), 进度 (progress per item).

Chinese headers in row 1, the English field names in row 2; frozen headers,
filters, fitted widths, percentages as percentages, flag rows coloured by
severity, and no cell that Excel would run as a formula.
"""
from __future__ import annotations

from datetime import date
from typing import BinaryIO, Optional

from ..messages import FIELD_LABELS, SEVERITY_LABEL
from ..models import FileError, Flag, Record
from .report import Reviewed, progress_rows
from .write import columns, excel_cell, flat_row

FILLS = {"error": "F8CBCB", "warning": "FCE4B6", "info": "DDEFE3"}
PERCENT_FIELDS = {"percent", "schedule"}


def _sheet(wb, title: str, fields: list[str], rows: list[dict], severity_of=None):
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append([FIELD_LABELS.get(f, f) for f in fields])
    ws.append(fields)
    for c in ws[1]:
        c.font = Font(bold=True)
    for c in ws[2]:
        c.font = Font(italic=True, color="777777")
    for row in rows:
        values = []
        for f in fields:
            v = row.get(f)
            if f in PERCENT_FIELDS and isinstance(v, (int, float)):
                v = float(v) / 100
            values.append(excel_cell(v))
        ws.append(values)
        r = ws.max_row
        for i, f in enumerate(fields, start=1):
            if f in PERCENT_FIELDS:
                ws.cell(row=r, column=i).number_format = "0.00%"
        if severity_of is not None:
            fill = PatternFill("solid", fgColor=FILLS.get(severity_of(row), "FFFFFF"))
            for c in ws[r]:
                c.fill = fill
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(fields))}{max(ws.max_row, 2)}"
    for i, f in enumerate(fields, start=1):
        longest = max([len(str(ws.cell(row=r, column=i).value or "")) for r in range(1, min(ws.max_row, 200) + 1)] + [4])
        ws.column_dimensions[get_column_letter(i)].width = min(60, longest * 1.6 + 2)
    return ws


def write_review_xlsx(docs: list[Reviewed], failed: list[FileError], out: BinaryIO, as_of: Optional[date] = None) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    summary = [dict(source=d.extraction.document.source, doc_title=d.extraction.document.title,
                    issue_no=d.extraction.document.issue_no, as_of=str(d.extraction.document.as_of or ""),
                    page=d.extraction.document.pages, value=len(d.extraction.records),
                    code="", severity="读取成功",
                    message=" / ".join(f"{SEVERITY_LABEL[s]} {sum(1 for f in d.flags if f.severity == s)}"
                                       for s in ("error", "warning", "info"))) for d in docs]
    summary += [dict(source=f.source, severity="读取失败", code=f.code, message=f.message) for f in failed]
    _sheet(wb, "汇总", ["source", "doc_title", "issue_no", "as_of", "page", "value", "severity", "code", "message"], summary)
    rec_cols = columns(Record)
    _sheet(wb, "数据", rec_cols, [flat_row(r) for d in docs for r in d.extraction.records])
    flag_cols = columns(Flag)
    _sheet(wb, "问题", flag_cols, [flat_row(f) for d in docs for f in d.flags], severity_of=lambda r: r.get("severity"))
    prog = [dict(source=d.extraction.document.source, **row) for d in docs for row in progress_rows(d.extraction, as_of)]
    _sheet(wb, "进度", ["source", "level", "item", "metric", "value", "target", "percent", "schedule", "status", "page"],
           prog)
    wb.save(out)
