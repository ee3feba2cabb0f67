"""Records and documents -> JSONL, CSV (UTF-8 with BOM) and XLSX.

Column order comes from the pydantic models. Numbers stay exact: Decimal is
written as a JSON number with the digits that were printed. Text that a
spreadsheet would run as a formula is neutralized.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO, Iterable, Sequence

from pydantic import BaseModel

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _json_value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and abs(v) < 10 ** 15 and "." not in str(v) else float(v)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, BaseModel):
        return {k: _json_value(x) for k, x in v}
    return v


def to_dict(model: BaseModel) -> dict[str, Any]:
    return {k: _json_value(v) for k, v in model}


def columns(model_cls: type[BaseModel]) -> list[str]:
    """Flat column names: nested boxes become box_x0, box_top, ..."""
    cols = []
    for name, field in model_cls.model_fields.items():
        if name == "box":
            cols += ["box_x0", "box_top", "box_x1", "box_bottom"]
        else:
            cols.append(name)
    return cols


def flat_row(model: BaseModel) -> dict[str, Any]:
    row = to_dict(model)
    if "box" in row:
        box = row.pop("box") or {}
        for k in ("x0", "top", "x1", "bottom"):
            row[f"box_{k}"] = box.get(k)
    return row


def safe_cell(v: Any) -> Any:
    """A string that Excel would evaluate ("=1+1", "@SUM") gets a leading apostrophe."""
    if isinstance(v, str) and v.startswith(FORMULA_START):
        try:
            float(v)
            return v
        except ValueError:
            return "'" + v
    return v


def excel_cell(v: Any) -> Any:
    """A cell Excel accepts: neutralized like CSV, minus the control characters a worksheet refuses."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    v = safe_cell(v)
    return ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v


def write_jsonl(models: Iterable[BaseModel], out: BinaryIO) -> int:
    n = 0
    for m in models:
        out.write(json.dumps(to_dict(m), ensure_ascii=False).encode("utf-8") + b"\n")
        n += 1
    return n


def write_csv(models: Sequence[BaseModel], model_cls: type[BaseModel], out: BinaryIO) -> int:
    buf = io.StringIO(newline="")
    cols = columns(model_cls)
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\r\n")
    w.writeheader()
    for m in models:
        w.writerow({k: ("" if v is None else safe_cell(v)) for k, v in flat_row(m).items()})
    out.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    return len(models)


def write_xlsx(models: Sequence[BaseModel], model_cls: type[BaseModel], out: BinaryIO, sheet: str = "数据") -> int:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    cols = columns(model_cls)
    ws.append(cols)
    for m in models:
        row = flat_row(m)
        ws.append([excel_cell(row.get(c)) for c in cols])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.save(out)
    return len(models)


def write(models: Sequence[BaseModel], model_cls: type[BaseModel], fmt: str, out: BinaryIO) -> int:
    if fmt == "jsonl":
        return write_jsonl(models, out)
    if fmt == "csv":
        return write_csv(models, model_cls, out)
    if fmt == "xlsx":
        return write_xlsx(models, model_cls, out)
    raise ValueError(fmt)
