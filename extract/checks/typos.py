"""Confusable characters in the words that carry figures, from rules/typos.toml."""
from __future__ import annotations

from ..messages import message
from ..models import Flag
from .context import CheckContext


def check_typos(ctx: CheckContext) -> list[Flag]:
    flags = []
    for typo, pat in ctx.rules.typo_patterns:
        for m in pat.finditer(ctx.text):
            found = ctx.text[m.start():m.end() + 2]
            expected = typo.right + ctx.text[m.end():m.end() + 2] if len(typo.right) == 1 else typo.right
            flags.append(ctx.flag("TYPO", "warning", message("TYPO", found=found, expected=expected),
                                  start=m.start(), end=m.end(), expected=expected, found=found, rule=typo.id))
    return flags
