"""Parts and their totals: "A x、B y,合计 t" and "t,其中 A x, B y"."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from decimal import Decimal

from ..messages import message
from ..models import Flag, Record
from .context import CheckContext
from .percent import decimals, fmt, half_unit

NOT_ADDABLE = {"%", "个百分点", "‰", "倍", "折"}


def _per_unit(r: Record) -> Decimal:
    return r.value_std / r.value if r.value else Decimal(1)


def _slack(rs: list[Record]) -> Decimal:
    """How far a sum of rounded figures may honestly be off."""
    return sum((half_unit(decimals(str(r.value))) * _per_unit(r) for r in rs), Decimal(0))


def _compatible(ctx: CheckContext, a: str, b: str) -> bool:
    return a == b or any({a, b} <= set(pair) for pair in ctx.rules.checks["sums"]["mixable"])


def _mixed(ctx: CheckContext, total: Record, parts: list[Record]) -> list[Flag]:
    units = {p.unit_std for p in parts} | {total.unit_std}
    if len(units) == 1:
        return []
    shown = " + ".join(dict.fromkeys(p.unit for p in parts))
    return [ctx.flag("UNIT_MISMATCH", "warning", message("UNIT_MIXED_SUM", units=f"{shown} → {total.unit}"), record=total,
                     expected=f"同一种计数 ({total.unit})", found=shown)]


def _sum_flag(ctx: CheckContext, total: Record, parts: list[Record], key: str) -> Flag:
    s = sum((p.value_std for p in parts), Decimal(0)) / _per_unit(total)
    places = max(decimals(str(p.value)) for p in parts + [total])
    listed = " + ".join(f"{p.value}{p.unit}" for p in parts)
    return ctx.flag("SUM_MISMATCH", "error", message(key, parts=listed, computed=fmt(s, places), total=total.value,
                                                     unit=total.unit), record=total,
                    expected=f"{fmt(s, places)}{total.unit}", found=f"{total.value}{total.unit}")


def check_sums(ctx: CheckContext) -> list[Flag]:
    cfg = ctx.rules.checks["sums"]
    text = ctx.text
    recs = [r for r in ctx.records if r.value is not None and r.unit_std not in NOT_ADDABLE and r.value_std is not None]
    starts = [r.start for r in recs]
    flags: list[Flag] = []
    last_total_end = 0
    for i, t in enumerate(recs):
        lead = text[max(0, t.start - 10):t.start]
        if not any(w in lead for w in cfg["total_words"]):
            continue
        para = text.rfind("\n", 0, t.start) + 1
        parts = [p for p in recs[bisect_left(starts, max(para, last_total_end)):i] if p.role != "target"
                 and _compatible(ctx, p.unit_std, t.unit_std)]
        last_total_end = t.end
        if len(parts) < 2:
            continue
        total = sum((p.value_std for p in parts), Decimal(0))
        if abs(total - t.value_std) > _slack(parts + [t]):
            flags.append(_sum_flag(ctx, t, parts, "SUM_MISMATCH"))
        flags.extend(_mixed(ctx, t, parts))
    word = cfg["parts_word"]
    pos = text.find(word)
    while pos != -1:
        flags.extend(_check_parts(ctx, recs, starts, pos, word, Decimal(str(cfg["exhaustive_share"]))))
        pos = text.find(word, pos + len(word))
    return flags


def _check_parts(ctx: CheckContext, recs: list[Record], starts: list[int], pos: int, word: str,
                 share: Decimal) -> list[Flag]:
    text = ctx.text
    if pos > 0 and text[pos - 1] == "(":
        end = text.find(")", pos)
    else:
        ends = [i for i in (text.find(c, pos) for c in "。;\n") if i != -1]
        end = min(ends) if ends else len(text)
    sent_start = max([max(0, pos - 300)] + [text.rfind(c, max(0, pos - 300), pos) + 1 for c in "。;\n"])
    before = recs[bisect_left(starts, sent_start):bisect_left(starts, pos)]
    after = recs[bisect_right(starts, pos):bisect_left(starts, end)]
    flags = []
    for whole in reversed(before):
        parts = [p for p in after if _compatible(ctx, p.unit_std, whole.unit_std)]
        after = [p for p in after if p not in parts]
        if not parts:
            continue
        s = sum((p.value_std for p in parts), Decimal(0))
        slack = _slack(parts + [whole])
        if s > whole.value_std + slack:
            flags.append(_sum_flag(ctx, whole, parts, "PARTS_EXCEED"))
        elif len(parts) >= 2 and abs(s - whole.value_std) > slack:
            if s >= share * whole.value_std:
                flags.append(_sum_flag(ctx, whole, parts, "SUM_MISMATCH"))
            elif s >= whole.value_std / 2 and _one_digit_off(s, whole):
                # Looks like a mistyped digit; but "其中" may list only some parts.
                f = _sum_flag(ctx, whole, parts, "SUM_MISMATCH")
                flags.append(f.model_copy(update=dict(severity="warning", message=f.message + message("PARTIAL_HINT"))))
    return flags


def _one_digit_off(s: Decimal, whole: Record) -> bool:
    """Is the difference one digit in one place (7629 vs 6629), as a mistyped digit makes it?"""
    unit = Decimal(10) ** -decimals(str(whole.value)) * _per_unit(whole)
    diff = abs(s - whole.value_std) / unit
    if diff != diff.to_integral_value():
        return False
    digits = str(int(diff)).rstrip("0")
    return len(digits) == 1
