"""Cleaned text -> document header and the section each offset belongs to."""
from __future__ import annotations

import calendar
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Optional

import regex

from ..numbers import parse_number
from ..rules import RuleSet


@dataclass
class Header:
    title: str = ""
    series: str = ""
    issue_no: Optional[int] = None
    issue_date: Optional[date] = None
    as_of: Optional[date] = None
    issuer: str = ""


@dataclass
class Section:
    """A run of text under one section path, from `start` to the next section."""

    start: int
    path: list[str] = field(default_factory=list)
    level: str = ""
    item: str = ""
    project: str = ""
    inline: bool = False  # the item started inside another item's paragraph
    title_end: int = 0    # end of the item's first sentence, its title
    kind: str = ""
    number: Optional[int] = None
    stack: tuple = ()     # the open sections here (kind, label, title, number), for the next window

    def shifted(self, by: int) -> "Section":
        """The same section, its offsets moved by `by` (a window's place in its document)."""
        from dataclasses import replace

        return replace(self, start=self.start + by, title_end=self.title_end + by if self.title_end else 0)


@dataclass
class Structure:
    header: Header
    sections: list[Section]
    _starts: list[int] = field(default_factory=list)

    def at(self, offset: int) -> Section:
        if not self._starts:
            self._starts = [s.start for s in self.sections]
        i = bisect_right(self._starts, offset) - 1
        return self.sections[i] if i >= 0 else Section(start=0)


class _Patterns:
    def __init__(self, rules: RuleSet):
        st = rules.structure
        h = st["header"]
        self.title_words = h["title_words"]
        self.issue_no = regex.compile(h["issue_no"])
        self.issuer_suffix = regex.compile(h["issuer_suffix"])
        self.as_of = regex.compile(h["as_of"])
        self.date = regex.compile(h["date"])
        self.iso_date = regex.compile(h["iso_date"])
        self.header_lines = int(h["header_lines"])
        m = st["markers"]
        self.bullet = regex.compile(m["bullet"])
        self.kinds = [(k.kind, regex.compile(k.pattern), k.label) for k in rules.marker_kinds]
        self.inline = regex.compile(m["inline"])
        self.named = regex.compile(rules.expand(m["named"]))
        self.title_max = int(m["title_max"])


@lru_cache(maxsize=8)
def structure_patterns(rules: RuleSet) -> _Patterns:
    return _Patterns(rules)


def _int(text: Optional[str], rules: RuleSet) -> Optional[int]:
    if not text:
        return None
    if len(text) == 1 and "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    v = parse_number(text, rules)
    return int(v) if v is not None else None


def _date(y: Optional[int], m: Optional[int], d: Optional[int]) -> Optional[date]:
    try:
        return date(y, m, d) if y and m and d else None
    except ValueError:
        return None


def parse_header(text: str, rules: RuleSet, signature: bool = True) -> Header:
    """Title, issue, dates and issuer from the document's first lines; with `signature`, an issuer
    missing there is looked for in the signature, the last line (the text is the whole document)."""
    p = structure_patterns(rules)
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    head = lines[: p.header_lines]
    h = Header()
    # A title is a short line that is not a sentence of the body.
    short = [ln for ln in head if len(ln) <= 60 and not regex.search(r"[。;]|[,:]$", ln)
             and not any(pat.match(ln, p.bullet.match(ln).end()) for _k, pat, _l in p.kinds)]
    numbered = [ln for ln in short if p.issue_no.search(ln)]
    # "2025年第5期" under "经济运行简报": a year and an issue number are no title.
    titled = [ln for ln in numbered if regex.sub(r"(?:19|20)\d{2}\s*年?|[\s()]", "", p.issue_no.sub("", ln))] or \
             [ln for ln in short if any(w in ln for w in p.title_words) and not p.issuer_suffix.search(ln)] or \
             [ln for ln in head[:1] if ln in short]
    if titled:
        h.title = titled[0]
        m = p.issue_no.search(h.title) or (p.issue_no.search(numbered[0]) if numbered else None)
        if m and m.group() not in h.title:
            h.issue_no = _int(m.group("n"), rules)
            h.series = h.title
        elif m:
            h.issue_no = _int(m.group("n"), rules)
            h.series = regex.sub(r"[\s(]*" + regex.escape(m.group()) + r"[\s)]*", "", h.title).strip()
        else:
            h.series = h.title
        idx = head.index(h.title)
        before = [ln for ln in head[:idx] if p.issuer_suffix.search(ln) and len(ln) <= 40]
        if before:
            h.issuer = before[0]
    for ln in head:
        m = p.date.search(ln) or p.iso_date.search(ln)
        if m and regex.search(r"(?:截至|截止)(?:到|至)?\s*+(?:目前)?\s*+$", ln[:m.start()]):
            continue  # "截至2025年8月25日" is the date the figures stand at, not the issue's date
        if m:
            h.issue_date = _date(_int(m.group("y"), rules), _int(m.group("m"), rules), _int(m.group("d"), rules))
            if h.issue_date:
                break
    if not h.issuer and signature:
        h.issuer = signed_by(text, rules)
    h.as_of = find_as_of(text, rules, h.issue_date)
    return h


def first_year(text: str) -> Optional[int]:
    m = regex.search(r"(20\d{2})\s*年", text)
    return int(m.group(1)) if m else None


def find_as_of(text: str, rules: RuleSet, issue_date: Optional[date], year: Optional[int] = None) -> Optional[date]:
    """The statistics date (截至3月25日, 截止到2025年3月底): a year left out is the issue date's,
    else that of the first year the document names (`year`, when the text is a later window)."""
    p = structure_patterns(rules)
    m = p.as_of.search(text)
    if not m:
        return None
    y = _int(m.group("y"), rules)
    month, day = _int(m.group("m"), rules), _int(m.group("d"), rules)
    if y is None:
        ref = issue_date
        if ref is None:
            named = year or first_year(text)
            ref = date(named, 12, 31) if named else None
        if ref and month:
            y = ref.year - (1 if month > ref.month else 0)
    if y and month and m.group("eom"):
        day = calendar.monthrange(y, month)[1]
    return _date(y, month, day)


def signed_by(text: str, rules: RuleSet) -> str:
    """The issuer in a document's last line, its signature ("…县文广旅体局 2025年3月25日"), if any."""
    end = len(text.rstrip())
    start = text.rfind("\n", 0, end) + 1
    sig = regex.split(r"[\s(|]", text[start:end].strip())[0]
    return sig if sig and structure_patterns(rules).issuer_suffix.search(sig) and len(sig) <= 40 else ""


def _title(rest: str, limit: int) -> str:
    t = regex.split(r"[。;!?,\n]", rest, maxsplit=1)[0].strip()
    t = t.strip(" \t,:、")
    return t[:limit]


def _title_len(rest: str) -> int:
    m = regex.search(r"[。;!?,\n]", rest)
    return m.start() if m else len(rest)


def segment(text: str, rules: RuleSet, header: Optional[Header] = None, stack: tuple = ()) -> Structure:
    """Sections from leading markers; nesting follows the document's own order of first use.

    A window of a longer document passes the header read from its first window and
    the sections still open where it starts (`Section.stack` of the window before)."""
    p = structure_patterns(rules)
    header = header if header is not None else parse_header(text, rules)
    stack: list[tuple[str, str, str, Optional[int]]] = list(stack)  # kind, label, title, number
    sections: list[Section] = []

    def emit(start: int, inline: bool = False, title_end: int = 0) -> None:
        path = [lab + ttl for _, lab, ttl, _ in stack]
        level = ""
        for kind, lab, ttl, _ in stack:
            if kind != "bracket":
                level = ttl if kind != "named" else lab
                break
        if not level and stack:
            level = stack[0][2].strip("【】")
        item, project, kind, number = "", "", "", None
        for k, lab, ttl, n in reversed(stack):
            if k not in ("bracket", "named"):
                item, project, kind, number = lab, ttl, k, n
                break
        sections.append(Section(start=start, path=path, level=level, item=item, project=project,
                                inline=inline, kind=kind, number=number, title_end=title_end, stack=tuple(stack)))

    emit(0)

    def push(kind: str, label: str, title: str, number: Optional[int]) -> None:
        if kind == "named":
            while stack and stack[-1][0] != "bracket":
                stack.pop()
        elif any(k == kind for k, *_ in stack):
            while stack and stack[-1][0] != kind:
                stack.pop()
            stack.pop()
        stack.append((kind, label, title, number))

    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        body = p.bullet.match(line).end()
        found = False
        for kind, pat, label in p.kinds:
            m = pat.match(line, body)
            if not m:
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            lab = label.format(**groups)
            rest = line[m.end():]
            title = groups.get("title", "") if kind == "bracket" else _title(rest, p.title_max)
            if kind == "bracket":
                lab = ""
                title = f"【{groups['title']}】"
            push(kind, lab, title, _int(groups.get("n"), rules))
            emit(start, title_end=start + m.end() + _title_len(rest))
            found = True
            # Items that start inside this paragraph, after a sentence end.
            for im in p.inline.finditer(line, m.end()):
                for k2, pat2, label2 in p.kinds:
                    if k2 != kind:
                        continue
                    m2 = pat2.match(line, im.end())
                    if not m2:
                        continue
                    n2 = _int(m2.groupdict().get("n"), rules)
                    cur = stack[-1][3] if stack else None
                    if n2 is not None and cur is not None and n2 == cur + 1:
                        push(kind, label2.format(**{k: v for k, v in m2.groupdict().items() if v}),
                             _title(line[m2.end():], p.title_max), n2)
                        emit(start + im.end(), inline=True,
                             title_end=start + m2.end() + _title_len(line[m2.end():]))
            break
        if not found:
            m = p.named.match(line, body)
            if m and not any(k == "named" and lab == m.group("name") for k, lab, *_ in stack[-1:]):
                push("named", m.group("name"), "", None)
                emit(start)
    return Structure(header=header, sections=sections)
