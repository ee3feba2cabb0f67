"""What every check reads: the document's records and text, the target table and the options."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Callable, Optional

from ..models import Extraction, Flag, Record, TargetRow
from ..rules import RuleSet


@dataclass
class CheckContext:
    extraction: Extraction
    rules: RuleSet
    targets: Optional[list[TargetRow]] = None
    as_of: Optional[date] = None             # overrides the document's as-of date
    tolerance: Decimal = Decimal(0)          # extra percentage points allowed
    schedule_margin: Optional[Decimal] = None
    _segments: object = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.extraction.text

    @property
    def records(self) -> list[Record]:
        return self.extraction.records

    @property
    def structure(self):
        if self._segments is None:
            from ..text.segment import segment

            self._segments = self.extraction._structure or segment(self.text, self.rules)
        return self._segments

    def flag(self, code: str, severity: str, message: str, *, record: Optional[Record] = None,
             start: Optional[int] = None, end: Optional[int] = None, **kw: object) -> Flag:
        """A flag placed at a record, or at a span of the text."""
        doc = self.extraction.document
        if record is not None:
            loc = dict(page=record.page, level=record.level, item=record.item, metric=record.metric,
                       start=record.start if start is None else start, end=record.end if end is None else end,
                       snippet=record.snippet, rule=record.rule)
        else:
            s = start or 0
            sec = self.structure.at(s)
            e = end or s
            # The quoted sentence, at most 120 characters either side: look no further than that.
            lo = max(max(self.text.rfind(c, max(0, s - 120), s) for c in "。;!?\n") + 1, s - 120)
            ends = [i for i in (self.text.find(c, e, e + 120) for c in "。;!?\n") if i != -1]
            hi = min(min(ends) + 1 if ends else len(self.text), e + 120)
            loc = dict(page=self.extraction.page_at(s), level=sec.level, item=sec.item, start=start, end=end,
                       snippet=self.text[lo:hi].strip())
        loc.update(kw)
        return Flag(code=code, severity=severity, message=message, source=doc.source, **loc)


Check = Callable[[CheckContext], list[Flag]]
