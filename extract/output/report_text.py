"""Flags for people on a terminal, grouped by document and item; accepted flags."""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path

from ..messages import SEVERITY_LABEL
from ..models import Document, Flag


def flag_key(f: Flag | dict) -> tuple[str, str, str]:
    """How a reviewed flag is recognised when it recurs: by code, item and quoted text, not offsets."""
    get = f.get if isinstance(f, dict) else lambda k: getattr(f, k)
    return (str(get("code") or ""), str(get("item") or ""), str(get("snippet") or "").strip())


class AcceptFileError(ValueError):
    """The file of accepted flags cannot be read."""


def load_accepted(path: str) -> set[tuple[str, str, str]]:
    try:
        raw = Path(path).read_bytes().decode("utf-8-sig")
        if path.lower().endswith(".csv"):
            rows = list(csv.DictReader(io.StringIO(raw)))
        else:
            rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
    except OSError as e:
        raise AcceptFileError(f"{path}: 无法读取 ({e.strerror})") from None
    except ValueError as e:  # not UTF-8, not JSON
        raise AcceptFileError(f"{path}: 不是 UTF-8 的 JSONL 或 CSV 问题清单 ({type(e).__name__})") from None
    return {flag_key(r) for r in rows if isinstance(r, dict)}


def render_flags(flags: list[Flag], docs: list[Document]) -> str:
    out: list[str] = []
    by_doc: dict[str, list[Flag]] = defaultdict(list)
    for f in flags:
        by_doc[f.source].append(f)
    for d in docs:
        fl = by_doc.get(d.source, [])
        counts = " / ".join(f"{SEVERITY_LABEL[s]} {sum(1 for f in fl if f.severity == s)}" for s in ("error", "warning", "info"))
        out.append(f"== {d.source}  {d.title}  ({counts})")
        if not fl:
            out.append("   未发现问题")
        groups: dict[tuple[str, str], list[Flag]] = defaultdict(list)
        for f in fl:
            groups[(f.level, f.item)].append(f)
        for (level, item), group in groups.items():
            out.append(f"  [{level or '文档'}] {item}".rstrip())
            for f in group:
                page = f" 第{f.page}页" if f.page else ""
                out.append(f"    {SEVERITY_LABEL[f.severity]} {f.code}{page}: {f.message}")
                if f.snippet:
                    out.append(f"      原文: {f.snippet}")
                if f.expected or f.found:
                    out.append(f"      应为: {f.expected}    实为: {f.found}")
        out.append("")
    return "\n".join(out)
