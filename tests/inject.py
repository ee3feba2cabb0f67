"""Plant checkable errors in a clean bulletin, for testing that `check` finds each one.

Works on the cleaned text (what `bulletin text` prints), so record offsets apply.
Each planted error knows the flag it must raise: code, item and the changed text.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from extract import Extraction, Record, load_rules
from extract.text.segment import segment


@dataclass
class Planted:
    kind: str
    code: str
    item: str
    metric: str
    new_text: str                   # the changed characters, which the flag's snippet must quote
    side_codes: set = field(default_factory=set)  # flags that may follow from it at the same figure


def _change_digit(s: str, rng: random.Random, lead: bool = True) -> str:
    """Change one of the leading digits so the figure moves by a visible amount."""
    digits = [i for i, c in enumerate(s) if c.isdigit()]
    i = digits[0] if lead or len(digits) < 2 else rng.choice(digits[:2])
    choices = [d for d in "123456789" if d != s[i]] if i == digits[0] else [d for d in "0123456789" if d != s[i]]
    return s[:i] + rng.choice(choices) + s[i + 1:]


def candidates(x: Extraction, targets_ok: set[tuple[str, str]]) -> dict[str, list]:
    text = x.text
    recs = x.records
    checkable = [r for r in recs if r.percent is not None and r.value is not None and (r.item, r.metric) in targets_ok]
    signed = [r for r in recs if r.percent is not None and r.percent_end and text[r.percent_end - 1] == "%"]
    typo = [i for i in range(len(text) - 2) if text[i:i + 3] in ("已完成", "已经完", "已新建") ]
    sums = [r for r in recs if r.value is not None and r.role == "other" and r.percent is None
            and "其中" in r.snippet and r.unit_std == "人"]
    return dict(value=checkable, percent=checkable, sign=signed, typo=typo, sum=sums)


def plant(x: Extraction, targets_ok: set[tuple[str, str]], rng: random.Random, k: int = 3) -> tuple[str, list[Planted]]:
    """Text with k errors planted at distinct items, and what each must raise."""
    text = x.text
    cands = candidates(x, targets_ok)
    edits: list[tuple[int, int, str, Planted]] = []
    used_items: set[str] = set()
    kinds = ["value", "percent", "sign", "typo", "sum"]
    tries = 0
    while len(edits) < k and tries < 100:
        tries += 1
        kind = rng.choice(kinds)
        pool = cands[kind]
        if not pool:
            continue
        c = rng.choice(pool)
        if kind == "typo":
            sec_item = segment(x.text, load_rules()).at(c).item
            s, e, new = c, c + 1, "己"
            p = Planted(kind, "TYPO", sec_item, "", "己" + text[c + 1:c + 3])
        else:
            r: Record = c
            if r.item in used_items:
                continue
            if kind == "value":
                s, e = r.start, r.start + len(str(r.value))
                new = _change_digit(text[s:e], rng)
                # The figure may also be a total or a part of a sum, which the change breaks too.
                p = Planted(kind, "PERCENT_MISMATCH", r.item, r.metric, new, {"SUM_MISMATCH"})
            elif kind == "percent":
                s, e = r.percent_start, r.percent_end - (1 if text[r.percent_end - 1] == "%" else 0)
                new = _change_digit(text[s:e], rng)
                p = Planted(kind, "PERCENT_MISMATCH", r.item, r.metric, new, {"BEHIND_SCHEDULE", "OVER_TARGET"})
            elif kind == "sign":
                s, e, new = r.percent_end - 1, r.percent_end, ""
                p = Planted(kind, "PERCENT_SIGN_MISSING", r.item, r.metric, text[r.percent_start:r.percent_end - 1])
            else:
                s, e = r.start, r.start + len(str(r.value))
                new = _change_digit(text[s:e], rng)
                p = Planted(kind, "SUM_MISMATCH", r.item, "", new)
        if any(not (e <= s2 or s >= e2) for s2, e2, _, _ in edits) or p.item in used_items:
            continue
        used_items.add(p.item)
        edits.append((s, e, new, p))
    for s, e, new, _p in sorted(edits, key=lambda t: -t[0]):
        text = text[:s] + new + text[e:]
    return text, [p for *_, p in edits]
