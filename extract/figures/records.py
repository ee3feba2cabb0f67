"""Quantities and completion phrases -> Records: who a percentage belongs to,
which figure is the target, what is counted, where it all sits."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from decimal import Decimal
from typing import Optional

import regex

from .match import RATIO_UNITS, Completion, Quantity, find_completions, find_quantities, find_stated_targets
from ..models import Document, Record
from ..numbers import exact
from ..rules import RuleSet
from ..text.segment import Structure
from ..read.textmap import TextMap


_LAST_PHRASE = regex.compile(r"[的是和与及、,:;]")
WINDOW = 60        # chars around a number that can name what it counts
SNIPPET_MAX = 200
ATTACH_REACH = 300  # a percentage never reaches further back than this for its quantity  # a snippet is its sentence, cut this far either side of the figure


class _Bounds:
    """Sentence and clause boundaries of the text, for fast lookups."""

    def __init__(self, text: str, rules: RuleSet):
        self.text = text
        self.sent = [m.start() for m in rules.re_sentence_end.finditer(text)]
        self.clause = [m.start() for m in rules.re_clause_end.finditer(text)]

    @staticmethod
    def _around(ends: list[int], pos: int, n: int) -> tuple[int, int]:
        i = bisect_left(ends, pos)
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] + 1 if i < len(ends) else n
        return start, end

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._around(self.sent, pos, len(self.text))

    def clause_of(self, pos: int) -> tuple[int, int]:
        return self._around(self.clause, pos, len(self.text))


def _inside_closed_aside(text: str, lo: int, q: Quantity, until: int) -> bool:
    """Is q inside a parenthesis that closes before `until` ("(其中3家…35家…),完成…")?"""
    depth = text.count("(", lo, q.start) - text.count(")", lo, q.start)
    return depth > 0 and text.count(")", q.end, until) > text.count("(", q.end, until)


def _in_context(text: str, comps: list[Completion], rules: RuleSet, b: _Bounds) -> list[Completion]:
    """Completion phrases that are progress: not a requirement (按照…完成率60%的目标) and not a
    status bucket's share of the items (推进正常的有4项,占目标任务的40%). Those stay plain %."""
    kept = []
    for c in comps:
        clause = b.clause_of(c.start)[0]
        sentence = max(b.sentence(c.start)[0], c.start - ATTACH_REACH)
        if rules.re_requirement.search(text, clause, c.start):
            continue
        if c.rule.attach == "clause" and rules.re_benchmark.search(text[clause:c.start]):
            continue  # "低于全省(67.3%)": a benchmark, not this clause's progress
        if c.rule.attach == "clause" and rules.re_part_of.search(text, sentence, c.start):
            continue  # "其中女性310人(67.4%)": a share of the whole
        if rules.re_share_bucket.search(text[sentence:c.start]):
            continue
        kept.append(c)
    return kept


def _names_action(words: str, action: tuple[str, ...]) -> bool:
    """"已分配" names the action 分配; "未分配" and "尚未拨付" deny it."""
    return any(i > -1 and not words[max(0, i - 2):i].endswith(("未", "没有", "尚未", "不"))
               for w in action for i in (words.rfind(w),))


def _not_done(text: str, q: Quantity, lo: int, rules: RuleSet, b: _Bounds) -> bool:
    """A figure a completion passes over for a done one before it: a part after 其中, work in
    progress (正在建设48个, 在建8个, 开工12所), a total (总套数3500套)."""
    clause = text[b.clause_of(q.start)[0]:q.start]
    return bool(rules.re_not_done.search(clause)) or rules.re_part_of.search(text, lo, q.start) is not None


def _is_change(text: str, q: Quantity, rules: RuleSet, b: _Bounds) -> bool:
    """"比去年同期增加334.9亿元": a change against an earlier period is never what a completion measures."""
    lo = max(b.clause_of(q.start)[0], q.start - WINDOW)
    return bool(rules.re_comparison.search(text[lo:q.start]))


def _is_ratio_metric(text: str, lo: int, q: Quantity, rules: RuleSet) -> bool:
    before = text[max(lo, q.start - WINDOW):q.start]
    return any(w in before for w in rules.ratio_words)


def _attach(text: str, comps: list[Completion], qs: list[Quantity], rules: RuleSet, b: _Bounds) -> list[Completion]:
    """Give each completion to its quantity; return the completions left without one."""
    starts = [q.start for q in qs]
    by_start = {q.start: q for q in qs}
    alone: list[Completion] = []
    groups: dict[int, list[Quantity]] = {}
    for c in comps:
        if c.rule.attach == "respectively":
            if c.start not in groups:
                groups[c.start] = _last_eligible(text, qs, starts, c, rules, b)
            figures = groups[c.start]
            if len(figures) != c.count or figures[c.order].percent is not None \
                    or (c.money and any(q.kind != "money" for q in figures)):
                alone.append(c)  # the list does not line up with the figures: no guessing
                continue
            q = figures[c.order]
            q.percent, q.percent_span, q.completion_rule, q.role = c.value, (c.pct_start, c.pct_end), c.rule.id, "progress"
            if c.order == c.count - 1:
                _parallel_targets(figures, qs, starts, b)
            continue
        target_q = by_start.get(c.target_span[0]) if c.target_span else None
        if target_q is not None:
            target_q.role = "target"
        mode = c.rule.attach
        chosen: Optional[Quantity] = None
        if mode != "none":
            lo = b.clause_of(c.start)[0] if mode == "clause" else b.sentence(c.start)[0]
            lo = max(lo, c.start - ATTACH_REACH)
            own = b.clause_of(c.start)[0]
            if mode == "sentence" and not c.money and rules.re_own_subject.search(text, own, c.start):
                lo = max(lo, own)  # "…,项目总体完成率75%": the clause's own subject is measured
            sent = b.sentence(c.start)[0]
            if mode == "sentence" and not text[sent:c.start].strip() and sent > 1 and text[sent - 1] == ";":
                lo = max(b.sentence(sent - 2)[0], c.start - ATTACH_REACH)  # "…总计1741.75万元;完成年初预算100%"
            hi = c.start if mode != "before_target" else (c.target_span[0] if c.target_span else c.start)
            i = bisect_right(starts, hi) - 1
            fallback: Optional[Quantity] = None
            while i >= 0 and qs[i].start >= lo:
                q = qs[i]
                i -= 1
                if q.end > hi or q.unit_std in RATIO_UNITS or q.percent is not None or q.role == "target":
                    continue
                if c.money and q.kind != "money":
                    continue
                if c.action and not _names_action(text[b.clause_of(q.start)[0]:q.start], c.action):
                    if not c.money:
                        fallback = fallback or q  # 办结率 after 受理8.6万件: the work's own figure first
                    continue  # 分配率 measures what is 已分配, not a total or what is 未分配
                if _inside_closed_aside(text, lo, q, c.start) or _is_ratio_metric(text, b.clause_of(q.start)[0], q, rules) \
                        or _is_change(text, q, rules, b):
                    continue
                if _not_done(text, q, lo, rules, b) and not c.action:
                    fallback = fallback or q  # "已建成520个,其中快充桩200个": the part is not what is measured
                    continue
                chosen = q
                break
            chosen = chosen or fallback
        if chosen is None:
            alone.append(c)
            continue
        chosen.percent, chosen.percent_span = c.value, (c.pct_start, c.pct_end)
        chosen.completion_rule, chosen.role = c.rule.id, "progress"
        if target_q is not None:
            target_q.rule, target_q.measured = c.rule.id, chosen
            if target_q.unit_std == chosen.unit_std:
                chosen.target = _in_unit_of(target_q.value_std, chosen)
        elif target_q is None:
            _infer_target(chosen, qs, starts, b)
            if chosen.target is None:
                _stated_target(chosen, qs, starts, b, c.start)
    return alone


def _parallel_targets(figures: list[Quantity], qs: list[Quantity], starts: list[int], b: _Bounds) -> None:
    """"计划改造县道20公里、乡道50公里,已改造县道18.6公里、乡道42.3公里,完成…的93%和84.6%": as many
    targets as figures, in the same units and order, earlier in the sentence: each is its figure's target."""
    lo = max(b.sentence(figures[0].start)[0], figures[0].start - ATTACH_REACH)
    targets = [t for t in qs[bisect_left(starts, lo):bisect_left(starts, figures[0].start)]
               if t.role == "target" and t.measured is None][-len(figures):]
    if len(targets) != len(figures) or any(t.unit_std != q.unit_std for t, q in zip(targets, figures)):
        return
    for t, q in zip(targets, figures):
        t.measured = q
        q.target = _in_unit_of(t.value_std, q)


def _last_eligible(text: str, qs: list[Quantity], starts: list[int], c: Completion, rules: RuleSet,
                  b: _Bounds) -> list[Quantity]:
    """The last `c.count` figures of the sentence before a "分别…" list, in text order."""
    lo = max(b.sentence(c.start)[0], c.start - ATTACH_REACH)
    out: list[Quantity] = []
    i = bisect_right(starts, c.start) - 1
    while i >= 0 and qs[i].start >= lo and len(out) <= c.count:
        q = qs[i]
        i -= 1
        if q.end <= c.start and q.unit_std not in RATIO_UNITS and q.role != "target" and q.percent is None \
                and not _is_ratio_metric(text, b.clause_of(q.start)[0], q, rules) and not _is_change(text, q, rules, b):
            out.append(q)
    if len(out) > c.count:
        # "学位3200个、托位640个、床位180张,分别完成…的80%、64%": one list longer than the percentages
        extra, first = out[c.count], out[c.count - 1]
        if regex.fullmatch(r"[、和及与]\p{Han}{0,10}", text[extra.end:first.start].strip(" \t")):
            return []
        out = out[:c.count]
    return out[::-1]


def _share_qualifiers(text: str, qs: list[Quantity], rules: RuleSet, b: _Bounds) -> None:
    """"不低于740元/月和485元/月": a bound before the first of a pair binds both."""
    for prev, q in zip(qs, qs[1:]):
        if prev.qual_before and not q.qual_before and prev.unit_std == q.unit_std \
                and b.clause_of(prev.start) == b.clause_of(q.start) \
                and text[prev.end:q.start].strip() in rules.same_metric_joiners - {""}:
            q.qual_before = prev.qual_before
            q.qualifier = prev.qual_before + q.qualifier


def _listed_places(text: str, qs: list[Quantity], rules: RuleSet, b: _Bounds) -> None:
    """"甲县、乙区、丙市分别完成投资2.1亿元、1.8亿元、0.9亿元": N places, 分别, then N figures of one
    kind joined as a list: each figure is for its place. Counts or kinds that differ pair nothing."""
    starts = [q.start for q in qs]
    for m in rules.re_place_list.finditer(text):
        names = [n for n in regex.split(r"[、和及与]", m.group("names"))]
        lo, hi = m.end(), b.sentence(m.end())[1]
        figures: list[Quantity] = []
        pos = lo
        for q in qs[bisect_left(starts, lo):bisect_left(starts, hi)]:
            gap = text[pos:q.start].strip(" \t")
            if figures and (not gap or gap[0] not in "、和及与" or regex.search(r"[,。;:]", gap)):
                break
            if not figures and ("," in gap or "。" in gap):
                break
            figures.append(q)
            pos = q.end
        if len(figures) == len(names) and len({q.kind for q in figures}) == 1:
            for q, name in zip(figures, names):
                q.place = name


def _shares_words(a: str, b: str) -> bool:
    """Do two phrases share a two-character word (新建, 改造) other than filler?"""
    grams = {a[i:i + 2] for i in range(len(a) - 1)} - {"计划", "全年", "年度", "今年", "已经", "完成", "目标", "任务"}
    return any(g in b for g in grams if regex.fullmatch(r"\p{Han}{2}", g))


def _share_target_role(text: str, qs: list[Quantity]) -> None:
    """"全年计划改造县道20公里、乡道50公里": the figures listed after a plan's first figure are plans too."""
    for prev, q in zip(qs, qs[1:]):
        gap = text[prev.end:q.start].strip(" \t")
        if prev.role == "target" and q.role == "other" and gap[:1] in ("、", "和", "及") \
                and len(gap) <= 12 and not regex.search(r"[,。;:!?\n]|已|完成", gap):
            q.role, q.rule = "target", prev.rule


def _stated_target(q: Quantity, qs: list[Quantity], starts: list[int], b: _Bounds, until: int) -> None:
    """"年度任务200户,已完成156户,完成率78%", "12家,目标任务15家,完成80%": a target figure of the
    sentence, before the completion phrase, in the same unit."""
    lo = max(b.sentence(q.start)[0], q.start - ATTACH_REACH)
    hi = bisect_left(starts, until)
    found = [t for t in qs[bisect_left(starts, lo):hi]
             if t.role == "target" and t.unit_std == q.unit_std and t.measured is None]
    if len(found) > 1:
        # "计划新建学校10所、改造学校20所,已新建8所": the plan whose words the figure repeats, else none.
        words = b.text[b.clause_of(q.start)[0]:q.start]
        named = [t for t in found if _shares_words(b.text[max(b.clause_of(t.start)[0], t.start - 8):t.start], words)]
        if len(named) != 1:
            return
        found = named
    if found:
        found[-1].measured = q
        q.target = _in_unit_of(found[-1].value_std, q)
        return
    # "年度目标任务改造老旧小区120个。已完工36个,完成全年任务的30%。": the sentence before, same paragraph.
    before = b.sentence(lo - 1)[0] if lo > 0 else lo
    if before < lo and "\n" not in b.text[before:lo] and q.start - before <= ATTACH_REACH:
        for t in reversed(qs[bisect_left(starts, before):bisect_left(starts, lo)]):
            if t.role == "target" and t.unit_std == q.unit_std and t.measured is None:
                t.measured = q
                q.target = _in_unit_of(t.value_std, q)
                return


def _title_targets(qs: list[Quantity], comps: list[Completion], structure: Structure) -> None:
    """An item titled by its figure ("7.高标准农田建设29.89万亩。") whose body reports completion:
    the title figure is the item's annual target."""
    q_starts = [q.start for q in qs]
    c_starts = [c.start for c in comps]
    secs = structure.sections

    def between(starts: list[int], items: list, lo: int, hi: int) -> list:
        return items[bisect_left(starts, lo):bisect_left(starts, hi)]

    for i, sec in enumerate(secs):
        if not sec.item or sec.title_end <= sec.start:
            continue
        end = secs[i + 1].start if i + 1 < len(secs) else 10 ** 12
        body_comps = between(c_starts, comps, sec.title_end, end)
        if not body_comps or between(c_starts, comps, sec.start, sec.title_end):
            continue
        titled = [q for q in between(q_starts, qs, sec.start, sec.title_end) if q.role == "other" and q.percent is None]
        body = [q for q in between(q_starts, qs, sec.title_end, end) if q.role == "progress"]
        claimed = {q.percent_span[0] for q in body if q.percent_span}
        alone = any(c.pct_start not in claimed for c in body_comps)
        for t in titled:
            if not alone and not any(q.unit_std == t.unit_std for q in body):
                continue  # "实行孕产妇13种致畸基因免费筛查" is not measured in 种
            t.role, t.rule = "target", "target.item_title"
            for q in body:
                if q.target is None and q.unit_std == t.unit_std:
                    q.target = _in_unit_of(t.value_std, q)


def _in_unit_of(value_std: Decimal, q: Quantity) -> Optional[Decimal]:
    if not q.value:
        return None
    return exact(value_std * q.value / q.value_std) if q.value_std else None


def _infer_target(q: Quantity, qs: list[Quantity], starts: list[int], b: _Bounds) -> None:
    """"15个…已完成8个(53%)": an earlier, larger figure of the same unit in the clause is the target."""
    lo = max(b.clause_of(q.start)[0], q.start - ATTACH_REACH)
    earlier = qs[bisect_left(starts, lo):bisect_left(starts, q.start)]
    for t in reversed(earlier):
        if t.unit_std == q.unit_std and t.percent is None and t.role == "other" and t.value_std >= q.value_std:
            if regex.search(r"中[ \t]*+(?:已经|已|有|共)", b.text[t.end:q.start]):
                return  # "126个项目中已完工38个": the set the figure is drawn from, not its target
            t.role, t.measured = "target", q
            q.target = _in_unit_of(t.value_std, q)
            return


def _metric(text: str, q: Quantity, prev: Optional[tuple[Quantity, str]], b: _Bounds, rules: RuleSet) -> str:
    """What is counted: the words before the number, else the words after its unit."""
    clo, chi = b.clause_of(q.start)
    clo, chi = max(clo, q.start - WINDOW), min(chi, q.end + WINDOW)
    lo = max(clo, prev[0].end if prev else 0)
    before = text[lo:q.start]
    stops = list(rules.re_metric_stop.finditer(before))
    if stops:
        before = before[stops[-1].end():]
    words = _trim(rules.re_item_start.sub("", before, count=1), rules)
    if q.qual_before and words.endswith(q.qual_before):
        words = _trim(words[: -len(q.qual_before)], rules)
    noun = _noun_after(text, q.end, chi, rules)
    raw = before.strip(" \t,:、")
    verb = next((v for v in rules.metric_verbs if raw.endswith(v)), "")
    if verb and noun:
        # "安装3064个报警器" counts 安装报警器; "已完成3栋学生宿舍…" counts 学生宿舍…
        return noun if verb in rules.metric_lead else verb + noun
    if len(words) >= 2:
        return words[-30:]
    if prev and prev[0].end >= clo and text[prev[0].end:q.start].strip() in rules.same_metric_joiners:
        return prev[1]
    return noun


def _noun_after(text: str, start: int, end: int, rules: RuleSet) -> str:
    after = text[start:end]
    stop = rules.re_metric_stop.search(after)
    if stop:
        after = after[:stop.start()]
    qa = rules.re_qual_after.match(after)
    if qa:
        after = after[qa.end():]
    digit = next((i for i, c in enumerate(after) if c.isdigit()), None)
    if digit is not None:
        after = after[:digit]  # the next figure starts its own words
    for word in rules.metric_after_stop:
        i = after.find(word)
        if i > 0:
            after = after[:i]
        elif i == 0:
            return ""
    return _trim(after[:20], rules)


def _trim(s: str, rules: RuleSet) -> str:
    """Drop filler words at both ends ("已完成…", "…达到"); a filler alone is no metric."""
    punct = " \t\"“”'‘’,:、();。!?"
    s = s.strip(punct)
    changed = True
    while changed and s:
        changed = False
        for w in rules.metric_lead:
            if s.startswith(w):
                s, changed = s[len(w):], True
        for w in rules.metric_trail:
            if s.endswith(w):
                s, changed = s[: -len(w)], True
        s = s.strip(punct)
    return s


_NAME_LIST = regex.compile(r"\p{Han}+(?:、\p{Han}+)+")


def _listed_name(text: str, c: Completion, b: _Bounds) -> str:
    """"排名前三的是甲县、乙区、丙市,完成率分别为78.7%、71.2%、66.5%": the name in the list before
    that stands where this percentage stands in its own list."""
    if c.rule.attach != "respectively" or c.count < 2:
        return ""
    s0 = max(b.sentence(c.start)[0], c.start - ATTACH_REACH)
    lists = list(_NAME_LIST.finditer(text, s0, c.start))
    if not lists:
        return ""
    names = lists[-1].group().split("、")
    if len(names) != c.count:
        return ""
    names[0] = regex.split(r"[是为有的]", names[0])[-1]  # "排名前三的是甲县" -> 甲县
    return names[c.order] if all(2 <= len(n) <= 12 for n in names) else ""


def _named_place(text: str, c: Completion, b: _Bounds, rules: RuleSet) -> str:
    """"北岭县(完成率51.2%)", "中坪区(53.6%)": the office or place right before a bracketed percentage."""
    s0 = max(b.sentence(c.start)[0], c.start - WINDOW)
    before = _LAST_PHRASE.split(text[max(s0, c.start - 20):c.start].rstrip(" \t("))[-1]
    named = rules.re_named_tail.search(before)
    return named.group("name") if named and text[c.start:c.start + 1] in "(" + "完" else ""


def _measured(text: str, c: Completion, b: _Bounds, rules: RuleSet) -> str:
    """What a list of places' percentages measures: the rate the phrase or its sentence names."""
    if c.rate:
        return c.rate
    s0 = max(b.sentence(c.start)[0], c.start - WINDOW)
    found = [(text.rfind(w, s0, c.start), w) for w in rules.rate_words]
    pos, word = max(found, default=(-1, ""))
    return word if pos >= 0 else ""


def _subject(text: str, c: Completion, b: _Bounds, rules: RuleSet, project: str) -> str:
    """What a percentage without a quantity measures: the clause's or sentence's subject, else the project."""
    s0 = max(b.sentence(c.start)[0], c.start - WINDOW)
    lead = _trim(text[max(b.clause_of(c.start)[0], c.start - WINDOW):c.start], rules)
    if rules.re_subject_suffix.search(lead):
        return lead
    m = rules.re_subject.match(rules.re_item_start.sub("", text[s0:c.start], count=1))
    return _trim(m.group(), rules) if m else project


def build_records(tm: TextMap, structure: Structure, rules: RuleSet, document: Document,
                  match_text: Optional[str] = None) -> list[Record]:
    """Records of a document; rules run on `match_text` (the text read as simplified), while
    units as written and snippets come from the document's own characters."""
    text = match_text if match_text is not None else tm.text
    b = _Bounds(text, rules)
    qs = find_quantities(text, rules, original=tm.text)
    comps = _in_context(text, find_completions(text, rules), rules, b)
    claimed = {c.pct_start for c in comps}
    qs = [q for q in qs if not (q.unit_std == "%" and q.start in claimed)]
    stated = find_stated_targets(text, rules, lambda pos: b.clause_of(pos)[0])
    for q in qs:
        if q.start in stated:
            q.role, q.rule = "target", stated[q.start]
    _share_qualifiers(text, qs, rules, b)
    _share_target_role(text, qs)
    _listed_places(text, qs, rules, b)
    alone = _attach(text, comps, qs, rules, b)
    _title_targets(qs, comps, structure)

    records: list[Record] = []
    h = structure.header
    common = dict(source=document.source, doc_title=h.title, issue_no=h.issue_no, as_of=h.as_of,
                  extractor=document.extractor)

    def place(start: int, end: int) -> dict:
        sec = structure.at(start)
        s0, s1 = b.sentence(start)
        s0, s1 = max(s0, start - SNIPPET_MAX), min(s1, end + SNIPPET_MAX)  # hostile one-sentence files
        return dict(page=tm.page(start), section=" > ".join(sec.path), level=sec.level, item=sec.item,
                    project=sec.project, snippet=tm.text[s0:s1].strip())

    prev: Optional[tuple[Quantity, str]] = None
    metrics: dict[int, str] = {}
    for q in qs:
        metrics[id(q)] = _metric(text, q, prev, b, rules)
        prev = (q, metrics[id(q)])
    for q in qs:
        metric = metrics[id(q.measured)] if q.measured is not None and metrics[id(q.measured)] else metrics[id(q)]
        if not metric and (q.role == "progress" or q.percent is not None):
            metric = structure.at(q.start).project  # "累计完成245.6公里": the item says what
        ps, pe = q.percent_span or (None, None)
        records.append(Record(**common, **place(q.start, q.end), metric=metric, place=q.place, value=q.value, unit=q.unit,
                              value_std=q.value_std, unit_std=q.unit_std, qualifier=q.qualifier, role=q.role,
                              percent=q.percent, target=q.target, start=q.start, end=q.end,
                              percent_start=ps, percent_end=pe,
                              rule=q.completion_rule or q.rule))
    for c in alone:
        pl = place(c.pct_start, c.pct_end)
        where = c.place or _listed_name(text, c, b) or _named_place(text, c, b, rules)
        metric = (_measured(text, c, b, rules) if where else "") or _subject(text, c, b, rules, pl["project"])
        records.append(Record(**common, **pl, metric=metric, place=where, value=None,
                              unit=None, role="progress", percent=c.value, start=c.pct_start, end=c.pct_end,
                              percent_start=c.pct_start, percent_end=c.pct_end, rule=c.rule.id))
    from .tables import table_records

    table_recs, rows = table_records(text, rules, place, common)
    if rows:
        starts = sorted(rows)
        def in_row(r: Record) -> bool:
            i = bisect_right(starts, (r.start, 10 ** 12)) - 1
            return i >= 0 and starts[i][0] <= r.start < starts[i][1]
        records = [r for r in records if not in_row(r)] + table_recs
    records.sort(key=lambda r: (r.start, r.end))
    for r in records:  # in text order, so a PDF's pages are visited once each for their boxes
        r.box = tm.box(r.start, r.end)
        if r.page in tm.raw.ocr_pages:
            r.extractor = "ocr"
            r.confidence = tm.confidence(r.start, max(r.end, r.percent_end or r.end))
    return records
