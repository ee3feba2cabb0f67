"""Checks against the previous issue of the same series, from the history database."""
from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Optional

import regex

from .history import dec, previous_issue, records_of
from ..messages import message
from ..models import Flag, Record
from ..checks.context import CheckContext
from ..checks.percent import decimals, fmt, half_unit

_CUMULATIVE = regex.compile(r"已|累计|截至|截止|共计")


def _implied_target(value_std: Decimal, pct: Decimal) -> tuple[Decimal, Decimal]:
    """Target implied by a value and its rounded percentage, and how far the rounding lets it move."""
    t = value_std / pct * 100
    return t, t * half_unit(decimals(str(pct))) / pct


def check_history(ctx: CheckContext, conn: sqlite3.Connection, sha256: Optional[str] = None) -> list[Flag]:
    doc = ctx.extraction.document
    prev = previous_issue(conn, doc.series or doc.title, doc.issue_no, str(doc.as_of) if doc.as_of else None, sha256)
    if prev is None:
        return []
    label = f"第{prev['issue_no']}期" if prev["issue_no"] is not None else f"截至 {prev['as_of']}"
    index: dict[tuple, list[sqlite3.Row]] = {}
    for p in records_of(conn, prev["id"]):
        index.setdefault((p["level"], p["item"], p["metric"]), []).append(p)
    flags: list[Flag] = []
    as_of_moved = str(doc.as_of) != prev["as_of"] if doc.as_of else False
    for r in ctx.records:
        if r.percent is None and not (r.value is not None and r.role == "progress"):
            continue
        same = [p for p in index.get((r.level, r.item, r.metric), []) if p["unit_std"] == r.unit_std]
        if not same:
            continue
        p = same[0]
        flags.extend(_compare(ctx, r, p, label, as_of_moved))
    return flags


def _compare(ctx: CheckContext, r: Record, p: sqlite3.Row, label: str, as_of_moved: bool) -> list[Flag]:
    out = []
    pv, pp = dec(p["value_std"]), dec(p["percent"])
    cumulative = r.percent is not None or bool(_CUMULATIVE.search(r.snippet))
    if r.value_std is not None and pv is not None and cumulative and r.value_std < pv:
        out.append(ctx.flag("REGRESSION", "error", message("REGRESSION", prev=label, found=f"{r.value}{r.unit}",
                                                           before=f"{dec(p['value'])}{p['unit']}"), record=r,
                            expected=f"≥{dec(p['value'])}{p['unit']} ({label})", found=f"{r.value}{r.unit}"))
    if r.percent is not None and pp is not None:
        if r.percent < pp:
            out.append(ctx.flag("PERCENT_REGRESSION", "warning", message(
                "PERCENT_REGRESSION", prev=label, before=pp, found=r.percent), record=r,
                expected=f"≥{pp}% ({label})", found=f"{r.percent}%"))
        elif as_of_moved and r.percent == pp and (r.value is None or dec(p["value"]) == r.value):
            out.append(ctx.flag("STALE", "warning", message("STALE", prev=label), record=r,
                                expected=f"较{label}有变化", found=f"{r.value or ''}{r.unit or ''} {r.percent}% (与{label}相同)"))
        if r.value_std is not None and pv is not None and r.percent > 0 and pp > 0:
            tc, slack_c = _implied_target(r.value_std, r.percent)
            tp, slack_p = _implied_target(pv, pp)
            per_unit = r.value_std / r.value if r.value else Decimal(1)
            if abs(tc - tp) > slack_c + slack_p + half_unit(decimals(str(r.value))) * per_unit:
                places = decimals(str(r.value))
                out.append(ctx.flag("TARGET_CHANGED", "warning", message(
                    "TARGET_CHANGED", prev=label, before=fmt(tp / per_unit, places), found=fmt(tc / per_unit, places),
                    unit=r.unit), record=r, expected=f"{fmt(tp / per_unit, places)}{r.unit} ({label})",
                    found=f"{fmt(tc / per_unit, places)}{r.unit}"))
    return out
