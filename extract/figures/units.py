"""Units as the units table knows them: a written unit -> its canonical unit and factor."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..rules import RuleSet


def parse_unit(unit: str, rules: RuleSet) -> Optional[tuple[str, Decimal]]:
    """"万人" -> ("人", 10000); None for a unit the units table does not know."""
    u = unit.strip()
    mult = Decimal(1)
    for m in sorted(rules.multipliers, key=len, reverse=True):
        if u.startswith(m) and u[len(m):] in rules.units:
            mult, u = rules.multipliers[m], u[len(m):]
            break
    if u not in rules.units:
        return None
    d = rules.units[u]
    return d.std, mult * d.factor
