"""Numbering of items and the dates of the document."""
from __future__ import annotations

from datetime import date
from typing import Optional

import regex

from ..messages import message
from ..models import Flag
from ..numbers import parse_number
from ..text.segment import structure_patterns
from .context import CheckContext

_COUNT_TITLE = regex.compile(r"(?P<n>[一二三四五六七八九十百]+|\d+)大")


def check_numbering(ctx: CheckContext) -> list[Flag]:
    """Items that skip, repeat, start inside another item's paragraph; "十大" with another count."""
    flags: list[Flag] = []
    by_parent: dict[tuple, int] = {}
    by_level: dict[tuple, int] = {}
    sections = [s for s in ctx.structure.sections if s.kind and s.number is not None and s.path]
    for sec in sections:
        label = sec.path[-1][: len(sec.item)] or sec.item
        span = dict(start=sec.start, end=sec.start + len(label))
        if sec.inline:
            flags.append(ctx.flag("NUMBERING", "warning", message("NUMBERING_INLINE", label=sec.item),
                                  expected=f"{sec.item} 另起一段", found=f"{sec.item} 在上一段中", **span))
        parent_key = (sec.kind, tuple(sec.path[:-1]))
        level_key = (sec.kind, sec.level)
        prev = by_parent.get(parent_key)
        allowed = {1}
        if prev is not None:
            allowed.add(prev + 1)
        elif level_key in by_level:
            allowed.add(by_level[level_key] + 1)  # numbering that runs on across headings: (4) under "2."
        if (prev is not None or level_key in by_level) and sec.number not in allowed:
            key = "NUMBERING_REPEAT" if prev is not None and sec.number <= prev else "NUMBERING_SKIP"
            last = prev if prev is not None else by_level[level_key]
            flags.append(ctx.flag("NUMBERING", "warning", message(key, label=sec.item, prev=last),
                                  expected=f"序号 {last + 1}", found=sec.item, **span))
        by_parent[parent_key] = sec.number
        by_level[level_key] = sec.number
    children: dict[tuple, set] = {}
    for s in ctx.structure.sections:
        if s.kind and s.path:
            children.setdefault(tuple(s.path[:-1]), set()).add(tuple(s.path))
    for sec in ctx.structure.sections:
        if not sec.path:
            continue
        m = _COUNT_TITLE.search(sec.path[-1])
        if not m or sec.item == "" and not sec.kind:
            continue
        want = parse_number(m.group("n"), ctx.rules)
        kids = children.get(tuple(sec.path), set())
        if want is not None and kids and len(kids) != want:
            flags.append(ctx.flag("NUMBERING", "warning", message("NUMBERING_COUNT", title=m.group(), count=len(kids)),
                                  start=sec.start, end=sec.start + len(sec.path[-1]), expected=f"{int(want)} 项",
                                  found=f"{len(kids)} 项"))
    return flags


def _date(y: Optional[str], mo: Optional[str], d: Optional[str]) -> Optional[date]:
    try:
        return date(int(y), int(mo), int(d)) if y and mo and d else None
    except ValueError:
        return None


def check_dates(ctx: CheckContext) -> list[Flag]:
    doc = ctx.extraction.document
    text = ctx.text
    flags: list[Flag] = []
    if doc.as_of and doc.issue_date and doc.as_of > doc.issue_date:
        flags.append(ctx.flag("DATE_ORDER", "warning", message("DATE_ORDER", as_of=doc.as_of, issue_date=doc.issue_date),
                              start=0, end=0, expected=f"不晚于 {doc.issue_date}", found=str(doc.as_of)))
    tail_start = len(text)
    for _ in range(3):
        tail_start = text.rfind("\n", 0, max(tail_start - 1, 0)) + 1 if tail_start > 0 else 0
    for m in ctx.rules.re_garbled_date.finditer(text):
        read = _date(m.group("y"), m.group("m"), m.group("d"))
        note = ""
        if m.start() >= tail_start and read and doc.issue_date and read != doc.issue_date:
            note = f" (似为 {read},与文首日期 {doc.issue_date} 不一致)"
        flags.append(ctx.flag("DATE_ORDER", "warning", message("DATE_GARBLED", found=m.group()) + note,
                              start=m.start(), end=m.end(),
                              expected=f"{doc.issue_date.year}年{doc.issue_date.month}月{doc.issue_date.day}日" if doc.issue_date else "YYYY年M月D日",
                              found=m.group()))
    for m in structure_patterns(ctx.rules).date.finditer(text, tail_start):
        read = _date(m.group("y"), m.group("m"), m.group("d"))
        if read and doc.issue_date and read != doc.issue_date and m.start() > len(text) // 2:
            flags.append(ctx.flag("DATE_ORDER", "warning", message("DATE_SIGNATURE", found=read, expected=doc.issue_date),
                                  start=m.start(), end=m.end(), expected=str(doc.issue_date), found=str(read)))
    return flags
