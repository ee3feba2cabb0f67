"""The ordered list of checks, run over one document."""
from __future__ import annotations

from ..models import Flag
from .context import Check, CheckContext


def all_checks() -> list[Check]:
    from . import layout, percent, sums, typos

    return [percent.check_percentages, percent.check_percent_sign, percent.check_over_target,
            percent.check_schedule, sums.check_sums, layout.check_numbering, layout.check_dates,
            typos.check_typos]


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def run_checks(ctx: CheckContext) -> list[Flag]:
    flags: list[Flag] = []
    for check in all_checks():
        flags.extend(check(ctx))
    return sorted(flags, key=lambda f: (f.start if f.start is not None else -1, SEVERITY_ORDER[f.severity], f.code))
