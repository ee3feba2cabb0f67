"""Planted errors: every one is flagged at the right item with the right code, nothing else new appears."""
import random
from collections import Counter

import pytest

from conftest import SAMPLES, SEED_TXT
from extract import check, extract_file, extract_text, load_targets
from extract.checks.matching import match_target
from inject import plant

SEEDS = range(40)


@pytest.fixture(scope="module")
def base(rules):
    x = extract_file(SEED_TXT, rules)
    targets = load_targets(SAMPLES / "yueyang-targets-2025.csv", rules)
    ok = {(r.item, r.metric) for r in x.records if r.percent is not None and r.value is not None
          and match_target(r, targets).row is not None}
    flags = check(extract_text(x.text, rules=rules), rules, targets)
    return x, targets, ok, flags


def _key(f):
    return (f.code, f.item, f.metric)


STATS = Counter()


@pytest.mark.parametrize("seed", SEEDS)
def test_planted_errors_are_found(seed, base, rules):
    x, targets, ok, before = base
    text, planted = plant(x, ok, random.Random(seed))
    assert planted
    after = check(extract_text(text, rules=rules), rules, targets)
    new = Counter(map(_key, after)) - Counter(map(_key, before))
    for p in planted:
        STATS["planted"] += 1
        hits = [f for f in after if f.code == p.code and f.item == p.item and p.new_text in f.snippet]
        assert hits, (p, [(f.code, f.item, f.snippet) for f in after if f.item == p.item])
        STATS["found"] += 1
        for f in hits[:1]:
            new[_key(f)] -= 1
        for code in p.side_codes:
            for k in list(new):
                if k[0] == code and k[1] == p.item:
                    del new[k]
    unexpected = +new
    STATS["false"] += sum(unexpected.values())
    assert not unexpected, unexpected
