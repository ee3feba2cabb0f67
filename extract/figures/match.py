"""Run the rules over cleaned text: numbers, then quantities, then completion phrases.

Numbers are found once; a quantity is a number the units table can close;
a completion phrase claims the percentage inside it. Attaching percentages to
quantities is `records`' job.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from decimal import Decimal
from typing import Optional

import regex

from ..numbers import exact, parse_number
from ..rules import CompletionRule, RuleSet

RATIO_UNITS = {"%", "个百分点", "‰", "倍", "折"}


@dataclass
class Quantity:
    start: int          # the number (qualifiers before it are not in the span)
    end: int            # end of the unit
    value: Decimal
    unit: str           # as written, multiplier and 余/多 included
    value_std: Decimal
    unit_std: str
    kind: str
    qualifier: str
    rule: str
    qual_before: str = ""
    percent: Optional[Decimal] = None
    percent_span: Optional[tuple[int, int]] = None
    completion_rule: str = ""
    role: str = "other"
    target: Optional[Decimal] = None
    measured: Optional["Quantity"] = None  # for a target: the progress figure measured against it
    place: str = ""     # "甲县、乙区分别完成投资2.1亿元、1.8亿元": the place this figure is for


@dataclass
class Completion:
    start: int              # where the phrase starts
    end: int
    pct_start: int
    pct_end: int            # the number and its % sign
    value: Decimal
    signed: bool            # False when the % sign is missing
    rule: CompletionRule
    target_span: Optional[tuple[int, int]] = None
    order: int = 0      # "分别完成…的87.5%、70%": this percentage's place in the list
    count: int = 1      # and the length of the list
    place: str = ""     # "完成率分别为:东岭县82.4%、…": the place named right before this percentage
    money: bool = False  # the phrase measures money (投资完成率, 拨付率): only an amount can carry it
    rate: str = ""      # the rate named in the phrase (完成率), what a percentage without a figure measures
    action: tuple[str, ...] = ()  # 分配率: the words of the action whose amount it measures (分配, 下达)


class _Exclusions:
    """Spans no figure may fall in (document numbers, phones, quoted names), found once per text."""

    def __init__(self, text: str, rules: RuleSet):
        self.text = text
        self.before = [b for _id, b, _a in rules.exclusion_patterns if b is not None]
        spans = sorted(m.span() for _id, _b, a in rules.exclusion_patterns if a is not None for m in a.finditer(text))
        self.starts = [s for s, _ in spans]
        self.spans = spans
        self.reach = list(accumulate((e for _, e in spans), max))  # furthest end so far

    def __call__(self, s: int, e: int) -> bool:
        if any(b.search(self.text[max(0, s - 6):s]) for b in self.before):
            return True
        i = bisect_right(self.starts, s) - 1
        while i >= 0 and self.reach[i] >= e:
            if self.spans[i][1] >= e:
                return True
            i -= 1
        return False


def _unit_at(text: str, pos: int, rules: RuleSet) -> Optional[regex.Match]:
    return rules.re_unit.match(text, pos)


def _make(text: str, s: int, e: int, value: Decimal, um: regex.Match, rules: RuleSet, rule: str,
          written_in: Optional[str] = None) -> Quantity:
    unit = rules.units[um.group("unit")]
    mult = rules.multipliers.get(um.group("mult") or "", Decimal(1))
    approx = um.group("approx0") or um.group("approx") or um.group("approx2") or ""
    written = (written_in or text)[um.start():um.end()].strip().replace(" ", "").replace("\t", "")
    quals = []
    qb = rules.re_qual_before.search(text[max(0, s - 4):s])
    if qb and any(text[max(0, s - 4):s].rstrip().endswith(w) for w in rules.qual_not):
        qb = None
    before = qb.group().strip() if qb else ""
    if before:
        quals.append(before)
    if approx:
        quals.append(approx)
    qa = rules.re_qual_after.match(text, um.end())
    if qa:
        quals.append(qa.group())
    return Quantity(start=s, end=um.end(), value=value, unit=written,
                    value_std=exact(value * mult * unit.factor), unit_std=unit.std, kind=unit.kind,
                    qualifier="".join(quals), rule=rule, qual_before=before)


def _borrowing(text: str, s: int, e: int, value: Decimal, um: regex.Match, rules: RuleSet, rule: str,
               written_in: Optional[str]) -> Quantity:
    """A number that takes the unit written after a later number ("3-5个", "10.83、12.88个百分点"):
    its span is the number alone."""
    q = _make(text, s, e, value, um, rules, rule, written_in)
    q.end = e
    q.unit = (written_in or text)[um.start():um.end()].strip()
    return q


def _shared_unit(text: str, pos: int, rules: RuleSet) -> Optional[regex.Match]:
    """"10.83、12.88个百分点": the unit after the last number of a list that starts at `pos`."""
    for _ in range(12):
        jm = rules.re_list_joiner.match(text, pos)
        if not jm:
            return None
        nm = rules.re_number.match(text, jm.end())
        if not nm or not nm.group()[0].isdigit():
            return None
        um = _unit_at(text, nm.end(), rules)
        if um is not None:
            return um
        pos = nm.end()
    return None


def find_quantities(text: str, rules: RuleSet, original: Optional[str] = None) -> list[Quantity]:
    """Every number that a unit closes, minus exclusions; ranges give both ends.

    `text` is what rules match on; units as written are taken from `original`
    (traditional characters stay traditional)."""
    out: list[Quantity] = []
    excluded = _Exclusions(text, rules)
    skip_until = -1
    for m in rules.re_number.finditer(text):
        s, e = m.span()
        if s < skip_until:
            continue
        raw = m.group()
        if not raw[0].isdigit():
            # A Chinese numeral may end in a multiplier that belongs to the unit (三千五百万元).
            if raw in rules.cn_article:
                continue
            if len(raw) > 1 and raw[-1] in rules.multipliers and _unit_at(text, e, rules) is None \
                    and _unit_at(text, e - 1, rules) is not None:
                e -= 1
                raw = raw[:-1]
        value = parse_number(raw, rules)
        if value is None:
            continue
        if excluded(s, e):
            continue
        um = _unit_at(text, e, rules)
        if um is None and raw[0].isdigit() and s > 1 and (regex.match(r"\p{Han}", text[s - 1])
                                                          or (text[s - 1] in rules.list_joiners and text[s - 2].isdigit())):
            shared = _shared_unit(text, e, rules)
            if shared is not None:
                out.append(_borrowing(text, s, e, value, shared, rules, "quantity.list_shared_unit", original))
                continue
        if um is None:
            # Low end of a range ("3-5个"): the high end's unit closes it.
            jm = rules.re_range_joiner.match(text, e)
            if jm:
                hm = rules.re_number.match(text, jm.end())
                if hm:
                    hv = parse_number(hm.group(), rules)
                    hu = _unit_at(text, hm.end(), rules)
                    if hv is not None and hu is not None:
                        if hv <= value or not raw[0].isdigit() == hm.group()[0].isdigit():
                            skip_until = hm.end()  # garbled ("7516-9岁"): neither end is a figure
                            continue
                        lo = _borrowing(text, s, e, value, hu, rules, "quantity.range", original)
                        lo.qualifier = rules.range_qualifier
                        hi = _make(text, hm.start(), hm.end(), hv, hu, rules, "quantity.range", original)
                        hi.qualifier = rules.range_qualifier + hi.qualifier.replace(rules.range_qualifier, "")
                        out.extend([lo, hi])
                        skip_until = hm.end()
            continue
        if not raw[0].isdigit() and (um.group("unit") in RATIO_UNITS or um.group("unit") in rules.arabic_only_units):
            continue
        out.append(_make(text, s, e, value, um, rules, "quantity.number_unit", original))
    return out


_PCT_IN_LIST = regex.compile(r"(?P<name>\p{Han}{2,8}?)?(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)[ \t]*+%")


def _pct_in_words(text: str, rules: RuleSet) -> Optional[Decimal]:
    """四十 -> 40, 三十二点五 -> 32.5, 12.5 -> 12.5 (after 百分之)."""
    if text[:1].isdigit():
        return Decimal(text.replace(",", ""))
    whole, _, frac = text.partition("点")
    value = parse_number(whole, rules)
    if value is None:
        return None
    if frac:
        digits = "".join(str(rules.cn_digits.get(c, "")) for c in frac)
        if len(digits) != len(frac):
            return None
        value = Decimal(f"{int(value)}.{digits}")
    return Decimal(value)


def _measures_money(text: str, m: regex.Match, rule: CompletionRule, rules: RuleSet) -> bool:
    """Does the phrase measure money? `named`: when it, or the words right before it in its
    clause, name money ("年度投资完成率", "完成年度计划投资的")."""
    if rule.measures != "named":
        return rule.measures == "money"
    head = m.start("pcts") if "pcts" in m.groupdict() and m.group("pcts") else m.end()
    lo = max(0, m.start() - 6)
    before = text[lo:m.start()]
    cut = max(before.rfind(c) for c in ",。;、\n ")
    return bool(rules.re_money_words.search(text, lo + cut + 1, head))


def find_completions(text: str, rules: RuleSet) -> list[Completion]:
    """Completion phrases; when two rules claim one percentage, the earlier rule wins."""
    claimed: dict[int, Completion] = {}
    for rule, pat in rules.completion_patterns:
        for m in pat.finditer(text):
            money = _measures_money(text, m, rule, rules)
            rate = next((w for w in rules.rate_words if w in m.group()), "")
            action = tuple(next((words for stem, words in rules.rate_actions.items() if rate.startswith(stem)), ()))
            if rule.attach == "respectively":
                pcts = list(_PCT_IN_LIST.finditer(text, m.start("pcts"), m.end("pcts")))
                for k, pm in enumerate(pcts):
                    ps = pm.start("n")
                    if ps not in claimed:
                        claimed[ps] = Completion(
                            start=m.start(), end=m.end(), pct_start=ps, pct_end=pm.end(),
                            value=Decimal(pm.group("n").replace(",", "")), signed=True, rule=rule,
                            order=k, count=len(pcts), place=pm.group("name") or "", money=money, rate=rate,
                            action=action)
                continue
            words = bool(m.groupdict().get("cn"))  # 百分之四十
            ps = m.start("cn") if words else m.start("pct")
            if ps in claimed:
                continue
            try:
                val = _pct_in_words(m.group("pct"), rules) if words else Decimal(m.group("pct").replace(",", ""))
            except ArithmeticError:
                continue
            if val is None:
                continue
            signed = words or bool(m.groupdict().get("sign"))
            if not signed and val > 1000:
                continue
            pe = m.end("sign") if signed and not words else m.end("pct")
            tspan = m.span("tqty") if "tqty" in m.groupdict() and m.group("tqty") else None
            claimed[ps] = Completion(start=m.start(), end=m.end(), pct_start=ps, pct_end=pe, value=val,
                                     signed=signed, rule=rule, target_span=tspan, money=money, rate=rate,
                                     action=action)
    return sorted(claimed.values(), key=lambda c: c.pct_start)


def find_stated_targets(text: str, rules: RuleSet, clause_start) -> dict[int, str]:
    """Number offsets that target rules mark as annual targets -> rule id."""
    out: dict[int, str] = {}
    for rule, pat, not_after in rules.target_patterns:
        for m in pat.finditer(text):
            q = m.start("q")
            if not_after is not None and not_after.search(text, clause_start(m.start()), m.start()):
                continue
            out.setdefault(q, rule.id)
    return out
