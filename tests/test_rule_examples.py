"""Every rule's own examples and counter-examples, one test each, named by the rule."""
import pytest

from extract import load_rules
from extract.examples import iter_results

RESULTS = list(iter_results(load_rules()))


@pytest.mark.parametrize("result", RESULTS, ids=[r.test_id for r in RESULTS])
def test_rule_example(result):
    assert result.ok, f"{result.file}:{result.rule_id}: {result.text!r}: {result.message}"


def test_every_rule_has_examples():
    rules = load_rules()
    ids = {r.rule_id for r in RESULTS}
    for rule in rules.completion_rules + rules.quantity_rules:
        assert rule.id in ids
    for g in rules.unit_groups:
        assert g.id in ids
    for ex in rules.exclusions:
        assert ex.id in ids
