"""Completion percentages: against targets, the % sign, over 100%, the time schedule."""
from __future__ import annotations

import calendar
from decimal import Decimal
from typing import Optional

import regex

from .matching import TargetMatch, match_target
from ..messages import message
from ..models import Flag, Record
from .context import CheckContext


def decimals(printed: str) -> int:
    return len(printed.split(".", 1)[1]) if "." in printed else 0


def half_unit(places: int) -> Decimal:
    return Decimal(5) * Decimal(10) ** (-(places + 1))


def fmt(d: Decimal, places: int = 2) -> str:
    return f"{d:.{places}f}"


_PRINTED = regex.compile(r"\d[\d,]*(?:\.\d+)?")


def _pct_text(ctx: CheckContext, r: Record) -> str:
    """The percentage as printed (its digits, for its precision); the record's value when the text has none."""
    if r.percent_start is not None:
        m = _PRINTED.search(ctx.text, r.percent_start, r.percent_end)
        if m:
            return m.group().replace(",", "")
    return str(r.percent)


def _match_info(m: Optional[TargetMatch]) -> dict:
    if m is None or m.row is None:
        return {}
    return dict(match=m.method, match_score=round(m.score, 1), target_row=m.row.row)


def check_percentages(ctx: CheckContext) -> list[Flag]:
    """PERCENT_MISMATCH / ROUNDING against the stated or tabled target; target table problems."""
    flags: list[Flag] = []
    for r in ctx.records:
        if r.percent is None or r.value is None or not r.value or r.value_std is None:
            continue
        per_unit = r.value_std / r.value
        text_target = r.target * per_unit if r.target is not None else None
        m: Optional[TargetMatch] = None
        table_target = None
        if ctx.targets is not None:
            m = match_target(r, ctx.targets)
            if m.method == "none" and text_target is None:
                flags.append(ctx.flag("TARGET_MISSING", "info", message("TARGET_MISSING", metric=r.metric or r.project),
                                      record=r, expected="目标表中的一行", found="无"))
            elif m.method == "ambiguous":
                rows = "、".join(str(c.row) for c in m.candidates)
                flags.append(ctx.flag("TARGET_AMBIGUOUS", "warning", message("TARGET_AMBIGUOUS", rows=rows), record=r,
                                      expected="唯一的一行", found=f"第 {rows} 行", match="ambiguous",
                                      match_score=round(m.score, 1)))
            elif m.row is not None and not m.unit_ok:
                flags.append(ctx.flag("UNIT_MISMATCH", "error",
                                      message("UNIT_MISMATCH", unit=r.unit, target_unit=m.row.unit), record=r,
                                      expected=m.row.unit, found=r.unit or "", **_match_info(m)))
            elif m.row is not None:
                table_target = m.row.target_std
        if text_target is not None and table_target is not None:
            tol = half_unit(decimals(str(r.target))) * per_unit
            if abs(text_target - table_target) > tol:
                flags.append(ctx.flag("TARGET_CONFLICT", "warning", message(
                    "TARGET_CONFLICT", text_target=r.target, table_target=fmt(table_target / per_unit, decimals(str(r.target))),
                    unit=r.unit), record=r, expected=f"{fmt(table_target / per_unit, decimals(str(r.target)))}{r.unit}",
                    found=f"{r.target}{r.unit}", **_match_info(m)))
        target = text_target if text_target is not None else table_target
        if target is None or target <= 0:
            continue
        flags.extend(_compare(ctx, r, target, per_unit, m if text_target is None else None))
    return flags


def _compare(ctx: CheckContext, r: Record, target: Decimal, per_unit: Decimal, m: Optional[TargetMatch]) -> list[Flag]:
    printed = _pct_text(ctx, r)
    places = decimals(printed)
    p = Decimal(printed)
    # A figure with decimals or a multiplier (4802万元) was rounded too; a plain count (191个) is exact.
    rounded = decimals(str(r.value)) > 0 or any(r.unit and r.unit.startswith(m) for m in ctx.rules.multipliers)
    delta = half_unit(decimals(str(r.value))) * per_unit if rounded else Decimal(0)
    lo = (r.value_std - delta) / target * 100
    hi = (r.value_std + delta) / target * 100
    computed = r.value_std / target * 100
    tol = half_unit(places) + ctx.tolerance
    if lo - tol <= p <= hi + tol:
        return []
    gap = min(abs(p - lo), abs(p - hi))
    kw = dict(value=r.value, unit=r.unit, target=fmt(target / per_unit, max(decimals(str(r.value)), 0)),
              target_unit=r.unit, computed=fmt(computed, places), printed=printed)
    common = dict(record=r, expected=f"{fmt(computed, places)}%", found=f"{printed}%", **_match_info(m))
    if gap <= Decimal(10) ** -places + ctx.tolerance:
        return [ctx.flag("ROUNDING", "info", message("ROUNDING", **kw), **common)]
    return [ctx.flag("PERCENT_MISMATCH", "error", message("PERCENT_MISMATCH", **kw), **common)]


def check_percent_sign(ctx: CheckContext) -> list[Flag]:
    flags = []
    for r in ctx.records:
        if r.percent is None or r.percent_start is None or r.rule.startswith("table."):
            continue  # a table's ratio column says "%" in its header
        printed = ctx.text[r.percent_start:r.percent_end]
        if not printed.endswith("%") and not printed.startswith("百分之"):
            flags.append(ctx.flag("PERCENT_SIGN_MISSING", "warning", message("PERCENT_SIGN_MISSING", found=printed),
                                  record=r, start=r.percent_start, end=r.percent_end,
                                  expected=f"{printed}%", found=printed))
    return flags


def check_over_target(ctx: CheckContext) -> list[Flag]:
    return [ctx.flag("OVER_TARGET", "info", message("OVER_TARGET", printed=_pct_text(ctx, r)), record=r,
                     expected="≤100%", found=f"{_pct_text(ctx, r)}%")
            for r in ctx.records if r.percent is not None and r.percent > 100]


def schedule_pct(as_of) -> Decimal:
    """序时进度: days elapsed in the year at the as-of date ÷ days in the year."""
    days = 366 if calendar.isleap(as_of.year) else 365
    return Decimal(as_of.timetuple().tm_yday) / Decimal(days) * 100


def check_schedule(ctx: CheckContext) -> list[Flag]:
    as_of = ctx.as_of or ctx.extraction.document.as_of
    if as_of is None:
        return []
    margin = ctx.schedule_margin if ctx.schedule_margin is not None else Decimal(str(ctx.rules.checks["schedule"]["margin"]))
    sched = schedule_pct(as_of)
    flags = []
    for r in ctx.records:
        if r.percent is None or r.role != "progress" or r.percent >= sched - margin:
            continue
        flags.append(ctx.flag("BEHIND_SCHEDULE", "warning", message(
            "BEHIND_SCHEDULE", printed=_pct_text(ctx, r), as_of=as_of.isoformat(), schedule=fmt(sched),
            gap=fmt(sched - r.percent)), record=r, expected=f"≥{fmt(sched - margin)}% (序时进度 {fmt(sched)}%)",
            found=f"{_pct_text(ctx, r)}%"))
    return flags
