"""Progress tables written as text, one row a line, cells separated by "|".

A row becomes records like prose does: the target cell a `target` record, the
progress cell a `progress` record carrying the row's ratio as its percent and
the target in `target`; the unit comes from the column header or the caption.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Optional

import regex

from ..models import Record
from ..numbers import exact
from ..rules import RuleSet


@dataclass
class Cell:
    start: int
    end: int
    text: str


@dataclass
class Column:
    index: int
    role: str          # label, target, progress, ratio, other, ignore
    metric: str
    unit: str
    unit_std: str
    factor: Decimal


class _Patterns:
    def __init__(self, rules: RuleSet):
        t = rules.tables
        self.kinds = [(k, regex.compile("|".join(t["columns"][k])))
                      for k in ("ignore", "ratio", "target", "progress", "count", "label") if t["columns"].get(k)]
        self.group_header = regex.compile(t["columns"].get("group_header", "(?!)"))
        self.period_column = regex.compile(t["columns"].get("period_column", "(?!)"))
        self.unit_column = regex.compile(t["columns"].get("unit_column", "(?!)"))
        self.cumulative = regex.compile(t["columns"].get("cumulative", "累计"))
        self.caption_kinds = {k: regex.compile(v) for k, v in t["columns"].get("caption_kinds", {}).items()}
        self.header_unit = regex.compile(t["columns"]["header_unit"])
        self.caption_unit = regex.compile(t["columns"]["caption_unit"])
        self.cell_number = regex.compile(t["columns"]["cell_number"])
        self.place = rules.compile(r"^\p{Han}{1,10}?{ORG}$", "structure", "markers.org_suffix")


@lru_cache(maxsize=8)
def _patterns(rules: RuleSet) -> _Patterns:
    return _Patterns(rules)


def _cells(text: str, start: int, end: int, lead: bool = True, trail: bool = True) -> list[Cell]:
    """A line's cells. `lead`/`trail`: the table's rows start/end with a border, so a pipe there is
    no cell; in a table whose rows do not, " |  | 目标任务" starts with two empty cells."""
    line = text[start:end]
    inner_start = start + (1 if lead and line.lstrip().startswith("|") else 0) + (len(line) - len(line.lstrip()))
    inner_end = end - (1 if trail and line.rstrip().endswith("|") else 0) - (len(line) - len(line.rstrip()))
    cells, pos = [], inner_start
    for part in text[inner_start:inner_end].split("|"):
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(pos + lead, pos + lead + len(part.strip()), part.strip()))
        pos += len(part) + 1
    return cells


_CELL_LINE = regex.compile(r"(?m)^[ \t]*+(?P<cell>[^|\n。;,!?]{0,40}?)[ \t]*+\|?[ \t]*+$")
_CAPTION_ROW = regex.compile(r"填报单位|单位\s*[::]|截至|截止|制表|填报日期|填表")
_ROW_NUMBER_HEADER = regex.compile(r"^(?:序号|编号|序)$")
_TOTAL_LABEL = regex.compile(r"^(?:合计|总计|小计|全市|全省|全县|全区|全州|共计)$")
_FIGURE = regex.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*%?$")


def _column_tables(text: str, lines: list[tuple[int, int]], p: Optional["_Patterns"] = None
                   ) -> list[tuple[int, list[list[Cell]]]]:
    """Tables flattened one cell a line ("序号 |", "长沙市 |", "150 |" …, blank lines or not): the
    header is the run of text cells before the first figure, and rows are re-formed by counting
    cells against it, a row starting at each next row number (or a total row) when the header
    starts with 序号, else every header-length cells. A row short of cells lost its leading ones
    to a merged cell (全省 spanning 序号 and 市州)."""
    tables = []
    i = 0
    while i < len(lines):
        run: list[Cell] = []
        j = i
        while j < len(lines):
            s, e = lines[j]
            m = _CELL_LINE.match(text, s, e)
            if m is None or (not m.group("cell") and "|" not in text[s:e] and run and j + 1 < len(lines)
                             and not _CELL_LINE.match(text, *lines[j + 1])):
                break
            if m.group("cell"):
                run.append(Cell(m.start("cell"), m.end("cell"), m.group("cell")))
            elif "|" in text[s:e] and run:
                run.append(Cell(m.start("cell"), m.start("cell"), ""))  # " |" alone: an empty cell
            j += 1
        header = []
        for c in run:
            if _FIGURE.match(c.text):
                break
            header.append(c)
        first = len(header)
        # Title and caption lines above look like cells too: the header starts at its 序号.
        lead = next((k for k, c in enumerate(header) if _ROW_NUMBER_HEADER.match(c.text.replace(" ", ""))), None)
        if lead is not None:
            header = header[lead:]
        elif p is not None:
            # No 序号 to count rows by: the header is the run of cells that name columns, and the
            # first row starts at the first cell that names none (农村危房改造 after 累计完成).
            def names(c: Cell) -> bool:  # a title or caption names columns too, but is long or says so
                return len(c.text) <= 16 and _names_column(c.text, p) and not _CAPTION_ROW.search(c.text)

            k0 = next((k for k, c in enumerate(header) if names(c)), None)
            k1 = k0
            while k1 is not None and k1 < len(header) and names(header[k1]):
                k1 += 1
            if k0 is not None:
                first, header = k1, header[k0:k1]
        rows = _reform(run[first:], len(header)) if 3 <= len(header) <= 24 else None
        if rows:
            tables.append((header[0].start, _header_rows(header, len(rows[0]), p) + rows))
            i = j
        else:
            i = max(j, i + 1)
    return tables


def _names_column(text: str, p: "_Patterns") -> bool:
    """Does a cell name a column (全年任务, 占比(%), 单位, 项目名称), by the header vocabulary?"""
    return any(pat.search(text) for _kind, pat in p.kinds) or bool(p.unit_column.fullmatch(text.strip())) \
        or bool(p.period_column.match(text.strip()))


def _header_rows(header: list[Cell], width: int, p: Optional["_Patterns"]) -> list[list[Cell]]:
    """A header flattened one cell a line holds more cells than a row when it has two tiers
    (县市区, 发放创业担保贷款(万元), 农村公路提质改造(公里), then 年度目标, 完成数, 完成比例 twice):
    the leading label cells and the spanning cells are the upper tier, the rest the lower one."""
    extra = len(header) - width
    if extra <= 0 or p is None:
        return [header]
    periods = 0  # "月度完成情况" over 1月…6月 in the middle of the header, the months last
    while periods < len(header) and p.period_column.match(header[len(header) - 1 - periods].text.strip()):
        periods += 1
    if extra == 1 and periods >= 2:
        upper, lower = header[:len(header) - periods], header[len(header) - periods:]
        span = next((k for k, c in enumerate(upper) if p.group_header.search(c.text)), None)
        if span is not None:
            return [upper[:span] + [Cell(c.start, c.end, _tiered(c.text, upper[span].text)) for c in lower]
                    + upper[span + 1:]]
    lead = next((k for k, c in enumerate(header)
                 if p.header_unit.search(c.text) or any(pat.search(c.text) for kind, pat in p.kinds
                                                        if kind in ("target", "progress", "ratio"))), 0)
    upper, lower = header[:lead + extra], header[lead + extra:]
    return [upper, lower] if len(lower) == width - lead and len(lower) % extra == 0 else [header]


def _reform(cells: list[Cell], width: int) -> Optional[list[list[Cell]]]:
    """Cells after a header -> rows, or None when they do not make rows. Numbered rows (序号) are
    cut at each next number, and their most common length is the width (a header in two tiers
    is longer than a row); otherwise rows are `width` cells each."""
    numbered = cells and cells[0].text == "1"
    rows: list[list[Cell]] = []
    if numbered:
        expected = 1
        for c in cells:
            if c.text == str(expected) or (_TOTAL_LABEL.match(c.text) and rows):
                rows.append([])
                if c.text == str(expected):
                    expected += 1
            if not rows:
                return None
            rows[-1].append(c)
        if rows:
            lengths = sorted(len(r) for r in rows)
            width = min(width, lengths[len(lengths) // 2])
            rows[-1] = rows[-1][:width]  # lines after the last row (a signature) are not its cells
    else:
        rows = [cells[k:k + width] for k in range(0, len(cells), width)]
    if len(rows) < 2 or any(len(r) > width or len(r) < width // 2 for r in rows):
        return None
    if sum(len(r) == width for r in rows) < len(rows) * 2 / 3:
        return None
    return [[Cell(r[0].start, r[0].start, "")] * (width - len(r)) + r for r in rows]


def find_tables(text: str, p: Optional["_Patterns"] = None) -> list[tuple[int, list[list[Cell]]]]:
    """(caption start, rows) of each table: blocks of two or more lines with two or more "|" each,
    and tables flattened one cell a line."""
    tables, block = [], []
    pos = 0
    lines = []
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    for s, e in lines + [(len(text), len(text))]:
        line = text[s:e]
        # A row needs two borders; under a header, one will do ("4月|440": the rest not in yet).
        if line.count("|") >= (2 if not block else 1) and not regex.fullmatch(r"[\s|:\-—]*", line):
            block.append((s, e))
            continue
        if block and (not line.strip() and e < len(text) or regex.fullmatch(r"[\s|:\-—]+", line)):
            continue  # a markdown rule line under the header, or the blank line between PDF rows
        while block and _CAPTION_ROW.search(text, block[0][0], block[0][1]):
            block = block[1:]  # "填报单位:…|截至2025年9月30日|单位:万元" is the caption, not the header
        if len(block) >= 2:
            lines_of = [text[bs:be] for bs, be in block]
            lead = sum(ln.lstrip().startswith("|") for ln in lines_of) * 2 > len(lines_of)
            trail = sum(ln.rstrip().endswith("|") for ln in lines_of) * 2 > len(lines_of)
            tables.append((block[0][0], [_cells(text, bs, be, lead, trail) for bs, be in block]))
        block = []
    covered = [(t[1][0][0].start, t[1][-1][-1].end) for t in tables]
    for found in _column_tables(text, lines, p):
        start, end = found[1][0][0].start, found[1][-1][-1].end
        if not any(a < end and start < b for a, b in covered):
            tables.append(found)
    return sorted(tables, key=lambda t: t[0])


def _columns(header: list[Cell], caption: str, rules: RuleSet) -> list[Column]:
    from .units import parse_unit

    p = _patterns(rules)
    cap = p.caption_unit.search(caption)
    cols = []
    cap_units = regex.split(r"[、,]", cap.group("unit")) if cap else []
    for i, cell in enumerate(header):
        role = next((k for k, pat in p.kinds if pat.search(cell.text)), "other")
        month = p.period_column.match(cell.text.split(" ")[0]) and not p.cumulative.search(cell.text.split(" ")[0])
        role = "other" if role == "count" or month else role  # 1月 under 月度完成情况 is a month's figure
        if p.unit_column.fullmatch(cell.text.strip()):
            role = "unit"
        hu = p.header_unit.search(cell.text)
        unit = hu.group("unit") if hu and hu.group("unit") != "%" else _caption_unit(cell.text, cap_units, rules, p)
        parsed = parse_unit(unit, rules) if unit else None
        metric = p.header_unit.sub("", cell.text)
        for k in ("target", "progress"):
            if role == k:
                metric = next(pat for kk, pat in p.kinds if kk == k).sub("", metric)
        metric = regex.sub(r"^(?:年度|全年|本年|今年|年)", "", metric.strip(" 数值量")).strip(" 数值量")
        if parsed is None and role in ("target", "progress", "other"):
            unit = ""
        cols.append(Column(i, role, metric, unit, parsed[0] if parsed else "", parsed[1] if parsed else Decimal(1)))
    done = [c for c, h in zip(cols, header) if c.role == "progress"]
    if len(done) > 1 and sum(c.role == "ratio" for c in cols) == 1:
        # 当月完成 and 累计完成 beside one ratio: the cumulative figure is what the ratio measures.
        cumulative = [c for c in done if p.cumulative.search(header[c.index].text)]
        if len(cumulative) == 1:
            for c in done:
                if c is not cumulative[0]:
                    c.role = "other"
    return cols


_BRACKET_UNIT = regex.compile(r"\([^()]{1,6}\)\s*$")


def _tiered(lower: str, upper: str) -> str:
    """One header from a cell and the cell above it (序号 over 序号 is 序号): the upper words first,
    unless only the upper cell ends in a unit, which must stay last (农村危房改造(户) over 全年任务)."""
    if not upper or upper == lower:
        return lower
    if _BRACKET_UNIT.search(upper) and not _BRACKET_UNIT.search(lower):
        return f"{lower} {upper}"
    return f"{upper} {lower}"


def _header_tiers(rows: list[list[Cell]], p: _Patterns) -> tuple[list[Cell], list[list[Cell]]]:
    """A header in up to three tiers -> one header cell per column, and the body rows.

    The rows before the first with a figure are header tiers. A lower tier holds the columns at
    the right; the upper tier's leading cells are the columns on the left (序号, 地区) and its other
    cells span the lower tier's cells evenly (农村危房改造(户) over 全年任务, 累计完成, 完成比例).
    A lower cell's header is its own words and then the words of the cell above it."""
    tiers = 0
    while tiers < min(3, len(rows) - 1) and not any(_is_figure(c.text, p) for c in rows[tiers]):
        tiers += 1
    tiers = max(tiers, 1)
    header = [c for c in rows[0]]
    width = max((len(r) for r in rows), default=len(header))
    if tiers > 1 and all(len(r) == width for r in rows[:tiers]):
        # Every tier has a cell per column: a spanning cell is given once, then empty cells.
        merged = [c.text for c in rows[0]]
        for lower in rows[1:tiers]:
            upper = merged[:]
            for j in range(1, width):
                if not upper[j] and upper[j - 1] and lower[j].text:
                    upper[j] = upper[j - 1]  # "新增公办学位 |  |" spans the cells under it
            merged = [_tiered(lower[j].text, upper[j]) if lower[j].text else upper[j] for j in range(width)]
        return [Cell(c.start, c.end, t) for c, t in zip(rows[0], merged)], rows[tiers:]
    for lower in rows[1:tiers]:
        lower = [c for c in lower if c.text] or lower
        lead = width - len(lower)
        spans = len(header) - lead
        if lead < 0 or spans <= 0 or len(lower) % spans:
            return rows[0], rows[1:]  # not a header this reader can align: the first row alone, as before
        per = len(lower) // spans
        header = header[:lead] + [Cell(c.start, c.end, _tiered(c.text, header[lead + k // per].text))
                                  for k, c in enumerate(lower)]
    return header, rows[tiers:]


def _caption_unit(header: str, units: list[str], rules: RuleSet, p: _Patterns) -> str:
    """The caption's unit for a column; of several ("单位:个、亿元"), the one of the kind its header names."""
    from .units import parse_unit

    if len(units) <= 1:
        return units[0] if units else ""
    for kind, pat in p.caption_kinds.items():
        if pat.search(header):
            for u in units:
                parsed = parse_unit(u, rules)
                if parsed is not None and rules.units.get(parsed[0]) is not None \
                        and rules.units[parsed[0]].kind == kind:
                    return u
    return ""


def table_records(text: str, rules: RuleSet, place: Callable[[int, int], dict], common: dict
                  ) -> tuple[list[Record], list[tuple[int, int]]]:
    """Records of every table in the text, and the spans of the rows they cover."""
    p = _patterns(rules)
    records: list[Record] = []
    spans: list[tuple[int, int]] = []
    for cap_start, rows in find_tables(text, p):
        caption = text[max(0, text.rfind("\n", 0, max(cap_start - 1, 0)) - 80):cap_start]
        header, body = _header_tiers(rows, p)
        cols = _columns(header, caption, rules)
        if not any(c.role in ("target", "progress", "ratio") for c in cols):
            continue
        default_metric = next((c.metric for c in cols if c.role == "target" and c.metric), "")
        prev: list[Cell] = []
        for row in body:
            row = prev = _fill_merged(row, prev, cols, p)
            labels = [row[c.index].text for c in cols if c.role == "label" and c.index < len(row)]
            if not any(labels):  # "合计" spanning 序号 and 县市区, written in the first
                labels = [next((row[c.index].text for c in cols if c.role == "ignore" and c.index < len(row)
                                and row[c.index].text and not _is_figure(row[c.index].text, p)), "")] + labels[1:]
            own = _label_unit(labels, rules, p)  # "新增就业(人)": the row says its own unit
            unit_col = next((c.index for c in cols if c.role == "unit" and c.index < len(row)), None)
            if unit_col is not None:  # a 单位 column: each row's unit is written in it
                own = _unit(row[unit_col].text.strip(), rules) or own
            row_cols = [c if c.unit or own is None or c.role in ("label", "ignore", "ratio", "unit") else
                        Column(c.index, c.role, c.metric, *own) for c in cols]
            for i, c in enumerate(row_cols):  # "5200人", "2.4亿元": a cell's own unit comes first
                cell_unit = _cell_unit(row[c.index].text, rules, p) if c.index < len(row) else None
                if cell_unit is not None and c.role not in ("label", "ignore", "ratio", "unit"):
                    row_cols[i] = Column(c.index, c.role, c.metric, *cell_unit)
            if not any(c.unit for c in row_cols):
                continue
            spans.append((row[0].start, row[-1].end))
            group: dict[str, tuple[Column, Cell, Decimal]] = {}
            groups = []
            for c in row_cols:
                if c.index >= len(row) or c.role in ("label", "ignore", "unit") or not _is_figure(row[c.index].text, p):
                    continue
                m = p.cell_number.match(row[c.index].text)
                if c.role in group:
                    groups.append(group)
                    group = {}
                group[c.role] = (c, row[c.index], Decimal(m.group("num").replace(",", "")))
            groups.append(group)
            for g in groups:
                records.extend(_row_records(g, labels, place, common, default_metric, p.place))
    return records, spans


UnitTriple = tuple[str, str, Decimal]  # unit as written, canonical unit, factor


def _unit(unit: str, rules: RuleSet) -> Optional[UnitTriple]:
    from .units import parse_unit

    parsed = parse_unit(unit, rules) if unit and unit != "%" else None
    return (unit, parsed[0], parsed[1]) if parsed is not None else None


def _cell_unit(text: str, rules: RuleSet, p: _Patterns) -> Optional[UnitTriple]:
    """The unit written after a cell's number ("1300人", "2.4亿元")."""
    m = p.cell_number.match(text)
    return _unit(m.group("rest"), rules) if m else None


def _label_unit(labels: list[str], rules: RuleSet, p: _Patterns) -> Optional[UnitTriple]:
    """The unit a row label carries at its end ("新增托位(个)")."""
    for label in labels:
        m = p.header_unit.search(label)
        found = _unit(m.group("unit"), rules) if m else None
        if found is not None:
            return found
    return None


def _fill_merged(row: list[Cell], prev: list[Cell], cols: list[Column], p: _Patterns) -> list[Cell]:
    """A row short of its leading labels lies under a label cell merged over several rows
    ("岳阳县" over 城镇新增就业 and 失业人员再就业): it takes them from the row above."""
    if len(row) >= len(cols):
        return row
    lead_cols = next((i for i, c in enumerate(cols) if c.role not in ("label", "ignore")), len(cols))
    lead_cells = next((i for i, c in enumerate(row) if _is_figure(c.text, p)), len(row))
    missing = lead_cols - lead_cells
    if missing <= 0 or len(row) + missing > len(cols):
        return row
    if len(prev) < missing:  # no row above to take them from: the figures still keep their columns
        return [Cell(row[0].start, row[0].start, "")] * missing + row
    return prev[:missing] + row


def _is_figure(text: str, p: _Patterns) -> bool:
    """A cell holding a figure, not a label that starts with digits (4月, 2季度, 2024年)."""
    m = p.cell_number.match(text)
    return bool(m) and not regex.search(r"[月季年日期周批]", m.group("rest"))


_GENERIC_METRIC = regex.compile(r"^\s*(?:完成)?(?:情况|进展情况|进展|进度|情 况)?\s*$")


def _specific(metric: str) -> str:
    """A column's metric unless it says nothing of what is counted (完成情况, 进度)."""
    return "" if _GENERIC_METRIC.match(metric or "") else metric


def _row_records(g: dict, labels: list[str], place: Callable[[int, int], dict], common: dict,
                 default_metric: str = "", place_name: Optional[regex.Pattern] = None) -> list[Record]:
    out = []
    where = next((lab for lab in labels if place_name is not None and place_name.match(lab)), "")  # a row by 地区
    ratio = g.get("ratio")
    target = g.get("target")
    progress = g.get("progress")
    item = labels[0] if labels else ""
    project = labels[1] if len(labels) > 1 else item

    def rec(entry, role, rule, **kw) -> Optional[Record]:
        col, cell, value = entry
        if not col.unit:
            return None
        num = regex.match(r"-?[\d,]+(?:\.\d+)?", cell.text)
        num_end = cell.start + (num.end() if num else len(cell.text))
        pl = place(cell.start, num_end)
        pl.update(item=item, project=project)
        named = next((lab for lab in labels if lab and lab != where), "")  # 项目名称/指标 beside 区县
        metric = _specific(col.metric) or (_specific(target[0].metric) if target else "") \
            or (_specific(progress[0].metric) if progress else "") or _specific(default_metric) \
            or (regex.sub(r"\([^()]{1,6}\)\s*$", "", named) if named and where else "") \
            or (regex.sub(r"\([^()]{1,6}\)\s*$", "", project) if project != item else "")  # "指标" column
        return Record(**common, **pl, metric=metric, place=where, value=value, unit=col.unit, value_std=exact(value * col.factor),
                      unit_std=col.unit_std, role=role, start=cell.start, end=num_end, rule=rule, **kw)

    if target is not None:
        r = rec(target, "target", "table.target")
        if r:
            out.append(r)
    if progress is not None:
        extra = {}
        if ratio is not None:
            num = regex.match(r"-?[\d,]+(?:\.\d+)?%?", ratio[1].text)
            extra = dict(percent=ratio[2], percent_start=ratio[1].start,
                         percent_end=ratio[1].start + (num.end() if num else len(ratio[1].text)))
        if target is not None and target[0].unit_std == progress[0].unit_std:
            extra["target"] = exact(target[2] * target[0].factor / progress[0].factor)
        r = rec(progress, "progress" if ratio is not None or target is not None else "other", "table.progress", **extra)
        if r:
            out.append(r)
    for role, entry in g.items():
        if role == "other":
            r = rec(entry, "other", "table.cell")
            if r:
                out.append(r)
    return out
