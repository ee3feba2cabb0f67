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
from typing import Any, BinaryIO, Iterable

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
    return flat_dict(to_dict(model))


def flat_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A record as `to_dict` (or a JSONL line) gives it, its box spread over four columns."""
    if "box" in row:
        row = dict(row)
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


class TableWriter:
    """Rows of one model written as they come, so a long document never sits in memory:
    JSONL, CSV (UTF-8 with BOM) or XLSX (openpyxl's write-only mode)."""

    def __init__(self, model_cls: type[BaseModel], fmt: str, out: BinaryIO, sheet: str = "数据"):
        if fmt not in ("jsonl", "csv", "xlsx"):
            raise ValueError(fmt)
        self.fmt, self.out, self.cols, self.n = fmt, out, columns(model_cls), 0
        if fmt == "csv":
            # Rows go through a buffer of our own: a wrapper over `out` would close it if dropped.
            self.buf = io.StringIO(newline="")
            self.csv = csv.DictWriter(self.buf, fieldnames=self.cols, extrasaction="ignore", lineterminator="\r\n")
            self.csv.writeheader()
            self._flush_csv(b"\xef\xbb\xbf")
        elif fmt == "xlsx":
            from openpyxl import Workbook

            self.wb = Workbook(write_only=True)
            self.ws = self.wb.create_sheet(sheet)
            self.ws.freeze_panes = "A2"
            self.ws.append(self.cols)

    def add(self, model: BaseModel) -> None:
        if self.fmt == "jsonl":
            self.add_line(json.dumps(to_dict(model), ensure_ascii=False).encode("utf-8") + b"\n")
        else:
            self.add_dict(to_dict(model))

    def add_line(self, line: bytes) -> None:
        """One JSONL line as `to_dict` wrote it (a worker's spool file)."""
        if self.fmt == "jsonl":
            self.out.write(line if line.endswith(b"\n") else line + b"\n")
            self.n += 1
        elif line.strip():
            self.add_dict(json.loads(line))

    def add_dict(self, row: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.add_line(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
            return
        row = flat_dict(row)
        if self.fmt == "csv":
            self.csv.writerow({k: ("" if v is None else safe_cell(v)) for k, v in row.items()})
            self._flush_csv()
        else:
            self.ws.append([excel_cell(row.get(c)) for c in self.cols])
        self.n += 1

    def _flush_csv(self, prefix: bytes = b"") -> None:
        self.out.write(prefix + self.buf.getvalue().encode("utf-8"))
        self.buf.seek(0)
        self.buf.truncate()

    def close(self) -> int:
        """Finish the file (XLSX is written here); the number of rows."""
        if self.fmt == "xlsx":
            from openpyxl.utils import get_column_letter

            self.ws.auto_filter.ref = f"A1:{get_column_letter(len(self.cols))}{self.n + 1}"
            self.wb.save(self.out)
        return self.n


def write(models: Iterable[BaseModel], model_cls: type[BaseModel], fmt: str, out: BinaryIO) -> int:
    w = TableWriter(model_cls, fmt, out)
    for m in models:
        w.add(m)
    return w.close()
