"""Run every rule's own examples and counter-examples.

Used by `bulletin rules check` and by the parametrized test that names each
rule; a user's rule directory is checked the same way as the built-in one.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, Optional

from .rules import Example, RuleSet


@dataclass
class ExampleResult:
    file: str
    rule_id: str
    text: str
    ok: bool
    message: str = ""

    @property
    def test_id(self) -> str:
        return f"{self.rule_id}:{self.text[:16]}"


def _records(text: str, rules: RuleSet):
    from .api import extract_text

    return extract_text(text, source="<example>", rules=rules).records


def _same(exp: Optional[Decimal | str], got: object) -> bool:
    if exp is None:
        return True
    if isinstance(exp, Decimal):
        return got is not None and Decimal(str(got)) == exp
    return exp == got


def _check_example(ex: Example, rules: RuleSet, rule_ids: set[str] | None = None,
                   units: set[str] | None = None) -> str:
    recs = _records(ex.text, rules)
    if len(recs) != len(ex.expect):
        got = ", ".join(f"{r.value}{r.unit or ''}({r.percent})" for r in recs)
        return f"期望 {len(ex.expect)} 条记录, 得到 {len(recs)} 条: {got}"
    for i, (e, r) in enumerate(zip(ex.expect, recs)):
        for field in ("value", "unit", "value_std", "unit_std", "percent", "target", "qualifier", "role", "metric", "place"):
            exp = getattr(e, field)
            if not _same(exp, getattr(r, field)):
                return f"第 {i + 1} 条记录 {field}: 期望 {exp}, 得到 {getattr(r, field)}"
        if e.value is None and e.percent is not None and r.value is not None:
            return f"第 {i + 1} 条记录应无数量 (value null), 得到 {r.value}"
    if rule_ids is not None and not any(r.rule in rule_ids for r in recs):
        return f"没有记录由规则 {', '.join(sorted(rule_ids))} 产生"
    if units is not None and not any(r.unit and any(u in r.unit for u in units) for r in recs):
        return "没有记录使用本组单位"
    return ""


def iter_results(rules: RuleSet) -> Iterator[ExampleResult]:
    from .numbers import parse_number

    src = rules.sources
    for ex in rules.number_examples:
        got = parse_number(ex["text"], rules)
        ok = got is not None and got == Decimal(ex["value"])
        yield ExampleResult(src["numbers"], "numbers", ex["text"], ok, "" if ok else f"期望 {ex['value']}, 得到 {got}")
    for text in rules.number_counter_examples:
        got = parse_number(text, rules)
        yield ExampleResult(src["numbers"], "numbers.counter", text, got is None, "" if got is None else f"不应解析为数字, 得到 {got}")
    for g in rules.unit_groups:
        surfaces = {u.surface for u in g.units}
        for ex in g.examples:
            msg = _check_example(ex, rules, units=surfaces)
            yield ExampleResult(src["units"], g.id, ex.text, not msg, msg)
        for text in g.counter_examples:
            bad = [r for r in _records(text, rules) if r.unit and r.unit_std in {u.std for u in g.units}]
            yield ExampleResult(src["units"], g.id + ".counter", text, not bad,
                                "" if not bad else f"不应提取 {bad[0].value}{bad[0].unit}")
    for ex in rules.measure_examples:
        msg = _check_example(ex, rules)
        yield ExampleResult(src["measure_words"], "measure_words", ex.text, not msg, msg)
    for text in rules.measure_counter_examples:
        bad = [r for r in _records(text, rules) if r.unit and r.unit in rules.arabic_only_units]
        yield ExampleResult(src["measure_words"], "measure_words.counter", text, not bad,
                            "" if not bad else f"不应提取 {bad[0].value}{bad[0].unit}")
    for qr in rules.quantity_rules:
        for ex in qr.examples:
            msg = _check_example(ex, rules)
            yield ExampleResult(src["quantity"], qr.id, ex.text, not msg, msg)
        for text in qr.counter_examples:
            recs = _records(text, rules)
            yield ExampleResult(src["quantity"], qr.id + ".counter", text, not recs,
                                "" if not recs else f"不应提取 {recs[0].value}{recs[0].unit}")
    for tr in rules.target_rules:
        for ex in tr.examples:
            msg = _check_example(ex, rules, rule_ids={tr.id})
            yield ExampleResult(src["quantity"], tr.id, ex.text, not msg, msg)
        for text in tr.counter_examples:
            bad = [r for r in _records(text, rules) if r.role == "target"]
            yield ExampleResult(src["quantity"], tr.id + ".counter", text, not bad,
                                "" if not bad else f"不应识别为目标: {bad[0].value}{bad[0].unit}")
    for cr in rules.completion_rules:
        for ex in cr.examples:
            msg = _check_example(ex, rules, rule_ids={cr.id})
            yield ExampleResult(src["completion"], cr.id, ex.text, not msg, msg)
        for text in cr.counter_examples:
            bad = [r for r in _records(text, rules) if r.rule == cr.id or r.percent is not None]
            yield ExampleResult(src["completion"], cr.id + ".counter", text, not bad,
                                "" if not bad else f"不应识别为完成百分比: {bad[0].percent}")
    for ex_rule in rules.exclusions:
        for text in ex_rule.counter_examples:
            recs = _records(text, rules)
            yield ExampleResult(src["exclusions"], ex_rule.id, text, not recs,
                                "" if not recs else f"不应提取 {recs[0].value}{recs[0].unit}")
    for typo, pat in rules.typo_patterns:
        for text in typo.examples:
            yield ExampleResult(src["typos"], typo.id, text, bool(pat.search(text)), "" if pat.search(text) else "应被识别为错别字")
        for text in typo.counter_examples:
            yield ExampleResult(src["typos"], typo.id + ".counter", text, not pat.search(text),
                                "" if not pat.search(text) else "不应被识别为错别字")
    for i, ex in enumerate(rules.tables.get("example", [])):
        msg = _check_example(Example.model_validate(ex), rules)
        yield ExampleResult(src["tables"], f"tables.example{i + 1}", ex["text"], not msg, msg)
    for rw, pat in rules.re_rewrites:
        for ex in rw.examples:
            got = pat.sub(rw.replace, ex["text"])
            yield ExampleResult(src["normalize"], rw.id, ex["text"], got == ex["expect"],
                                "" if got == ex["expect"] else f"期望 {ex['expect']!r}, 得到 {got!r}")
        for text in rw.counter_examples:
            got = pat.sub(rw.replace, text)
            yield ExampleResult(src["normalize"], rw.id + ".counter", text, got == text,
                                "" if got == text else f"不应改写, 得到 {got!r}")


def run_examples(rules: RuleSet) -> list[ExampleResult]:
    return list(iter_results(rules))
