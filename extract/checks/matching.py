"""Records -> target rows: by level and item label first, then by the words of the metric.

Every match says how it was made and its score; an ambiguous or missing match
is reported as such, never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..models import Record, TargetRow
from .targets import half_width_label

MIN_SCORE = 50.0     # below this, metric words do not name the same thing
MARGIN = 10.0        # the best row must beat the runner-up by this much
FALLBACK_SCORE = 80.0  # a match by words alone, without the item label, must be this close


@dataclass
class TargetMatch:
    row: Optional[TargetRow]
    method: str                       # level+item, level+item+metric, metric, ambiguous, none
    score: float = 0.0
    unit_ok: bool = True
    candidates: list[TargetRow] = field(default_factory=list)


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    import jieba  # loaded only when a target table is matched

    jieba.setLogLevel(60)
    return " ".join(w for w in jieba.lcut(text) if w.strip())


def similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    if not a or not b:
        return 0.0
    return float(max(fuzz.token_set_ratio(_words(a), _words(b)), fuzz.partial_ratio(a, b) if min(len(a), len(b)) >= 3 else 0))


def _level_ok(row: TargetRow, rec: Record) -> bool:
    return not row.level or (bool(rec.level) and (row.level in rec.level or rec.level in row.level))


def _best(rec: Record, rows: list[TargetRow]) -> tuple[list[tuple[float, TargetRow]], float]:
    scored = sorted(((similarity(rec.metric, r.metric or r.project), r) for r in rows), key=lambda x: -x[0])
    runner = scored[1][0] if len(scored) > 1 else 0.0
    return scored, runner


def match_target(rec: Record, rows: list[TargetRow]) -> TargetMatch:
    item = half_width_label(rec.item)
    in_level = [r for r in rows if _level_ok(r, rec)]
    by_item = [r for r in in_level if r.item and r.item == item] if item else []
    if by_item:
        same_unit = [r for r in by_item if r.unit_std == rec.unit_std]
        if len(same_unit) == 1:
            return TargetMatch(same_unit[0], "level+item", similarity(rec.metric, same_unit[0].metric))
        pool = same_unit or by_item
        if len(pool) == 1:
            return TargetMatch(pool[0], "level+item", similarity(rec.metric, pool[0].metric), unit_ok=False)
        scored, runner = _best(rec, pool)
        best, row = scored[0]
        if best >= MIN_SCORE and best - runner >= MARGIN:
            return TargetMatch(row, "level+item+metric", best, unit_ok=row.unit_std == rec.unit_std)
        return TargetMatch(None, "ambiguous", best, candidates=[r for s, r in scored if best - s < MARGIN])
    loose = [r for r in in_level if not r.item or not item]
    if loose:
        scored, runner = _best(rec, [r for r in loose if r.unit_std == rec.unit_std] or loose)
        best, row = scored[0]
        if best >= FALLBACK_SCORE:
            if best - runner < MARGIN / 2:
                return TargetMatch(None, "ambiguous", best, candidates=[r for s, r in scored if best - s < MARGIN / 2])
            return TargetMatch(row, "metric", best, unit_ok=row.unit_std == rec.unit_std)
    return TargetMatch(None, "none")
