"""Write 第2期 of the seed series (synthetic): figures advanced by a plausible month.

Every figure grows by a fifth, except targets, rates and standards; completion
percentages are recomputed from the target table (or advanced 8 points when the
text states none). Planted for the history checks: (20) 新建电动汽车公共充电桩
goes backwards (135个 -> 120个, 32%), and (11) 新建社区老年助餐点 is copied
unchanged from 第1期 (15个, 31.9%). Usage: python samples/make_issue2.py
"""
from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from extract import extract_file, load_targets  # noqa: E402
from extract.checks.matching import match_target  # noqa: E402

GROWTH = Decimal("1.2")
KEEP_UNITS = {"%", "个百分点", "元/月", "个工作日", "岁"}


def _round(v: Decimal, like: Decimal) -> Decimal:
    places = -like.as_tuple().exponent if like.as_tuple().exponent < 0 else 0
    return v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def make() -> str:
    x = extract_file(HERE / "yueyang-minsheng-2025-01.txt")
    targets = load_targets(HERE / "yueyang-targets-2025.csv")
    text = x.text
    edits = []  # (start, end, new text)
    for r in x.records:
        if r.value is None:
            if r.percent is not None:
                new = min(Decimal(100), r.percent + 8)
                edits.append((r.percent_start, r.percent_start + len(str(r.percent)), str(_round(new, r.percent))))
            continue
        if r.role == "target" or r.unit_std in KEEP_UNITS or not text[r.start].isdigit():
            continue
        if r.item == "(11)":
            continue  # planted: copied unchanged from 第1期
        value = Decimal(120) if r.item == "(20)" else _round(r.value * GROWTH, r.value)  # (20): planted regression
        number_end = r.start + len(str(r.value))
        edits.append((r.start, number_end, str(value)))
        if r.percent is not None:
            m = match_target(r, targets)
            if m.row is not None:
                per_unit = r.value_std / r.value
                pct = value * per_unit / m.row.target_std * 100
            else:
                pct = r.percent * GROWTH
            edits.append((r.percent_start, r.percent_start + len(str(r.percent)), str(_round(pct, r.percent))))
    for s, e, new in sorted(edits, reverse=True):
        text = text[:s] + new + text[e:]
    for old, new in (("(第1期)", "(第2期)"), ("2025年3月26日", "2025年4月27日"), ("截止到3月25日", "截止到4月25日"),
                     ("2025年3。周27日", "2025年4月27日")):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


if __name__ == "__main__":
    (HERE / "yueyang-minsheng-2025-02.txt").write_text(make() + "\n", encoding="utf-8")
