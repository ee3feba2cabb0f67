"""Read a target table (CSV or XLSX) into TargetRows, refusing anything doubtful.

Columns: level, item, project, metric, unit, annual_target (owner, note optional).
The form offices actually receive, one row per project with the targets written
as a sentence ("补充配置电脑26170台,建设物理化学生物考室174个"), is read with
the bulletin rules: each figure of the sentence becomes a row.
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Optional

import regex

from ..errors import BulletinError, ReadError
from ..models import TargetRow
from ..figures.units import parse_unit
from ..rules import RuleSet

REQUIRED = ("level", "item", "project", "annual_target")
OPTIONAL = ("metric", "unit", "owner", "note")
_NUMBER = regex.compile(r"^[+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


class TargetTableError(BulletinError):
    """A target table that cannot be trusted: names the file, the row and the column."""

    def __init__(self, file: str, row: Optional[int], column: str, message: str):
        self.file, self.row, self.column, self.message = file, row, column, message
        where = f"{file}" + (f" 第{row}行" if row else "") + (f" 列 {column}" if column else "")
        super().__init__(f"{where}: {message}")


_HALF = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def half_width_label(label: str) -> str:
    return label.strip().translate(_HALF).replace(" ", "").replace("、", ".")


def _read_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, data_only=False, read_only=True)
        except Exception as e:  # openpyxl raises many kinds for broken files
            raise TargetTableError(str(path), None, "", f"无法读取 Excel 文件 ({type(e).__name__})") from None
        ws = wb.worksheets[0]
        rows: list[list[str]] = []
        for r, row in enumerate(ws.iter_rows(), start=1):
            cells = []
            for c, cell in enumerate(row, start=1):
                v = cell.value
                if cell.data_type == "f" or (isinstance(v, str) and v.startswith("=")):
                    col = cell.column_letter if hasattr(cell, "column_letter") else str(c)
                    raise TargetTableError(str(path), r, col, "单元格是公式,请改为数值 (formula cells are refused)")
                cells.append("" if v is None else str(v))
            rows.append(cells)
        wb.close()
        return rows
    from ..read.files import decode_text

    try:
        text, _ = decode_text(path.read_bytes())
    except ReadError as e:
        raise TargetTableError(str(path), None, "", e.message) from None
    except OSError as e:
        raise TargetTableError(str(path), None, "", f"无法读取 ({e.strerror})") from None
    return [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff")))]


def read_targets(path: str | Path, rules: RuleSet) -> list[TargetRow]:
    path = Path(path)
    if not path.is_file():
        raise TargetTableError(str(path), None, "", "目标表文件不存在")
    rows = _read_rows(path)
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise TargetTableError(str(path), None, "", "目标表为空")
    header = [h.strip().lower() for h in rows[0]]
    for col in REQUIRED:
        if col not in header:
            raise TargetTableError(str(path), 1, col, f"缺少必需的列 {col} (需要 {', '.join(REQUIRED + OPTIONAL[:2])})")
    idx = {h: i for i, h in enumerate(header)}
    out: list[TargetRow] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for n, raw in enumerate(rows[1:], start=2):
        cell = {h: (raw[i].strip() if i < len(raw) else "") for h, i in idx.items()}
        target, unit = cell["annual_target"], cell.get("unit", "")
        base = dict(level=cell["level"], item=half_width_label(cell["item"]), project=cell["project"],
                    owner=cell.get("owner", ""), note=cell.get("note", ""))
        if not target:
            raise TargetTableError(str(path), n, "annual_target", "目标值为空")
        if _NUMBER.match(target.replace(" ", "")):
            parsed = parse_unit(unit, rules)
            if parsed is None:
                raise TargetTableError(str(path), n, "unit", f"未知单位 '{unit}' (不在 rules/units.toml 中)")
            value = Decimal(target.replace(",", "").replace(" ", "").lstrip("+"))
            found = [TargetRow(row=n, metric=cell.get("metric", ""), unit=unit, annual_target=value,
                               unit_std=parsed[0], target_std=value * parsed[1], **base)]
        elif not unit:
            found = _sentence_rows(target, n, base, rules)
            if not found:
                raise TargetTableError(str(path), n, "annual_target", f"目标 '{target[:30]}' 中没有找到数字和单位")
        else:
            raise TargetTableError(str(path), n, "annual_target", f"目标值 '{target[:30]}' 不是数字")
        for t in found:
            key = (t.level, t.item, t.project, t.metric)
            if key in seen:
                raise TargetTableError(str(path), n, "metric",
                                       f"与第{seen[key]}行重复 (同一 level/item/project/metric)")
            seen[key] = n
            out.append(t)
    return out


def _sentence_records(sentence: str, rules: RuleSet) -> list:
    """The figures of a target written as a sentence, read by the stages that read a bulletin."""
    from ..figures.records import build_records
    from ..models import Document
    from ..read.textmap import RawText
    from ..text.normalize import normalize, simplified
    from ..text.segment import parse_header, segment

    raw = RawText(text=sentence, source="<target>", pages=1)
    tm = normalize(raw, rules)
    text = simplified(tm.text)
    structure = segment(text, rules, header=parse_header(text, rules, signature=True))
    return build_records(tm, structure, rules, Document(source="<target>", pages=1), text)


def _sentence_rows(sentence: str, n: int, base: dict, rules: RuleSet) -> list[TargetRow]:
    from ..numbers import exact

    rows = []
    for r in _sentence_records(sentence, rules):
        if r.value is None or r.unit_std in ("%", "个百分点"):
            continue
        rows.append(TargetRow(row=n, metric=r.metric, unit=r.unit or "", annual_target=r.value,
                              unit_std=r.unit_std or "", target_std=exact(r.value_std) or Decimal(0), **base))
    return rows
