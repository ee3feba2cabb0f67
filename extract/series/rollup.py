"""County submissions and the city's figures they add up to.

A county's figure counts toward a city figure of the same item label, unit and
metric (by the words of the metric). The roll-up table is what an office
compiles: one row per item and metric, one column per county, the total, the
target and the completion percentage.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

import regex

from ..checks.percent import decimals, fmt, half_unit
from ..checks.matching import similarity
from ..messages import message
from ..models import Extraction, Flag, Record, TargetRow
from ..numbers import exact
from ..checks.targets import half_width_label

SAME_METRIC = 60.0
_COUNTY = regex.compile(r"^\p{Han}{1,6}?(?:自治县|县|市|区|旗)")


def county_of(x: Extraction) -> str:
    """The county a submission comes from: the place its title or issuer starts with, else the file name."""
    from pathlib import Path

    for text in (x.document.title, x.document.issuer):
        m = _COUNTY.match(text or "")
        if m:
            return m.group()
    return Path(x.document.source).stem


@dataclass
class Line:
    """One item and metric of the roll-up: each county's figure and the total."""

    item: str
    metric: str
    unit: str
    unit_std: str
    per_unit: Decimal
    by_county: dict[str, Record] = field(default_factory=dict)
    city: Optional[Record] = None

    def total_std(self) -> Decimal:
        return sum((r.value_std for r in self.by_county.values()), Decimal(0))


def _countable(r: Record) -> bool:
    return r.value is not None and r.value_std is not None and r.role != "target" and r.unit_std not in ("%", "个百分点")


def build_lines(parts: list[Extraction], city: Optional[Extraction] = None) -> tuple[list[Line], list[str]]:
    """Group the counties' figures into lines by item, unit and metric words; attach the city's figure."""
    counties = []
    lines: list[Line] = []
    for x in parts:
        county = county_of(x)
        counties.append(county)
        for r in x.records:
            if not _countable(r) or not r.item:
                continue
            item = half_width_label(r.item)
            line = next((ln for ln in lines if ln.item == item and ln.unit_std == r.unit_std
                         and similarity(ln.metric, r.metric) >= SAME_METRIC and county not in ln.by_county), None)
            if line is None:
                line = Line(item, r.metric, r.unit, r.unit_std, r.value_std / r.value if r.value else Decimal(1))
                lines.append(line)
            line.by_county[county] = r
    if city is not None:
        for line in lines:
            cands = [r for r in city.records if _countable(r) and half_width_label(r.item) == line.item
                     and r.unit_std == line.unit_std]
            scored = sorted(((similarity(line.metric, r.metric), r) for r in cands), key=lambda t: -t[0])
            if scored and scored[0][0] >= SAME_METRIC:
                line.city = scored[0][1]
    return lines, counties


def check_rollup(city: Extraction, parts: list[Extraction]) -> list[Flag]:
    """ROLLUP_MISMATCH where the city figure is not the counties' sum; ROLLUP_MISSING where a county is silent."""
    lines, counties = build_lines(parts, city)
    flags: list[Flag] = []
    for line in lines:
        c = line.city
        if c is None:
            continue
        base = dict(source=city.document.source, page=c.page, level=c.level, item=c.item, metric=c.metric,
                    start=c.start, end=c.end, snippet=c.snippet, rule=c.rule)
        missing = [k for k in counties if k not in line.by_county]
        for k in missing:
            flags.append(Flag(code="ROLLUP_MISSING", severity="warning",
                              message=message("ROLLUP_MISSING", county=k, metric=c.metric or line.metric),
                              expected=f"{k} 报送此项", found="未报送", **base))
        total = line.total_std()
        slack = sum((half_unit(decimals(str(r.value))) * (r.value_std / r.value) for r in line.by_county.values()
                     if decimals(str(r.value)) or r.value_std != r.value), Decimal(0))
        own = half_unit(decimals(str(c.value))) * (c.value_std / c.value if c.value else Decimal(1))
        if not missing and abs(total - c.value_std) > slack + own:
            per = c.value_std / c.value if c.value else Decimal(1)
            places = decimals(str(c.value))
            parts_txt = " + ".join(f"{k} {r.value}{r.unit}" for k, r in line.by_county.items())
            flags.append(Flag(code="ROLLUP_MISMATCH", severity="error",
                              message=message("ROLLUP_MISMATCH", parts=parts_txt, total=fmt(total / per, places),
                                              unit=c.unit, city=c.value),
                              expected=f"{fmt(total / per, places)}{c.unit}", found=f"{c.value}{c.unit}", **base))
    return flags


def rollup_table(parts: list[Extraction], targets: Optional[list[TargetRow]] = None) -> tuple[list[str], list[dict]]:
    """The roll-up: (county columns ranked by completion, one row per item and metric)."""
    from ..checks.matching import match_target

    lines, counties = build_lines(parts)
    rows = []
    for line in lines:
        total = line.total_std() / line.per_unit
        target = None
        if targets:
            probe = next(iter(line.by_county.values())).model_copy(update={"level": "", "metric": line.metric})
            # County submissions carry the city's item labels but not its levels.
            m = match_target(probe, [t.model_copy(update={"level": ""}) for t in targets if t.unit_std == line.unit_std])
            if m.row is not None:
                target = m.row.target_std / line.per_unit
        row = dict(item=line.item, metric=line.metric, unit=line.unit,
                   **{k: (exact(line.by_county[k].value_std / line.per_unit) if k in line.by_county else None)
                      for k in counties},  # in the line's unit: 0.15万人 shows as 1500 under 人
                   total=total, target=target,
                   percent=(total / target * 100).quantize(Decimal("0.01")) if target else None)
        rows.append(row)

    by_county = {k: [ln.by_county[k] for ln in lines if k in ln.by_county] for k in counties}

    def completion(k: str) -> tuple[int, Decimal]:
        """A county's mean completion: its own percentages, else its figures against county rows of the
        target table (level = the county); counties with neither rank after, by their share of the totals."""
        pcts = []
        for r in by_county[k]:
            if r.percent is not None:
                pcts.append(r.percent)
            elif targets:
                mine = [t for t in targets if t.level and t.level in k or k in t.level]
                m = match_target(r.model_copy(update={"level": k}), mine) if mine else None
                if m is not None and m.row is not None and m.unit_ok and m.row.target_std:
                    pcts.append(r.value_std / m.row.target_std * 100)
        if pcts:
            return 1, sum(pcts, Decimal(0)) / len(pcts)
        shares = [Decimal(r[k]) / r["total"] for r in rows if r.get(k) is not None and r["total"]]
        return 0, sum(shares, Decimal(0)) / len(shares) if shares else Decimal(0)

    ranked = sorted(counties, key=completion, reverse=True)
    return ranked, rows
