"""Read a PDF's numbers with both engines and report the figures whose digits differ.

Chinese PDFs sometimes place or encode digits so that one text engine reads them
differently from another; a figure both engines agree on can be trusted more.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

from .messages import message
from .models import Extraction, Flag, Record
from .rules import RuleSet


def _key(r: Record) -> tuple:
    return (str(r.value), r.unit, str(r.percent))


def cross_check(x: Extraction, rules: RuleSet) -> list[Flag]:
    """ENGINE_MISMATCH flags for a PDF read with PDFium, against pdfplumber's reading."""
    from .api import extract_file

    if x.document.extractor != "pdfium" or not Path(x.document.source).suffix.lower() == ".pdf":
        return []
    other = extract_file(x.document.source, rules, engine="pdfplumber")
    return compare(x.records, other.records, x.document.source)


def compare(a: list[Record], b: list[Record], source: str) -> list[Flag]:
    """Align two engines' records figure by figure; every figure read differently is a flag."""
    flags: list[Flag] = []
    sm = SequenceMatcher(a=[_key(r) for r in a], b=[_key(r) for r in b], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            ra = a[i1 + k] if i1 + k < i2 else None
            rb = b[j1 + k] if j1 + k < j2 else None
            at = ra or rb
            found = f"PDFium: {_show(ra)}; pdfplumber: {_show(rb)}"
            flags.append(Flag(code="ENGINE_MISMATCH", severity="warning",
                              message=message("ENGINE_MISMATCH", pdfium=_show(ra), pdfplumber=_show(rb)),
                              source=source, page=at.page, level=at.level, item=at.item, metric=at.metric,
                              start=ra.start if ra else None, end=ra.end if ra else None, snippet=at.snippet,
                              expected="两种引擎读出相同的数字", found=found, rule=at.rule))
    return flags


def _show(r) -> str:
    if r is None:
        return "(无)"
    pct = f" ({r.percent}%)" if r.percent is not None else ""
    return f"{r.value if r.value is not None else ''}{r.unit or ''}{pct}"
