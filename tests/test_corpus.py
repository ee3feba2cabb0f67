"""Real bulletins from other cities, hand-labeled by others, scored like ../shared/tools/score.py."""
import importlib.util
import json

import pytest

from conftest import CORPUS
from extract import extract_file
from extract.write import to_dict

spec = importlib.util.spec_from_file_location("score", CORPUS / "score.py")
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

PROSE = ["001", "004", "008", "010"]
ALL = PROSE + ["014"]


def _pred(doc_id, rules):
    return [to_dict(r) for r in extract_file(CORPUS / "docs" / f"{doc_id}.txt", rules).records]


def _gold(doc_id):
    return [json.loads(line) for line in open(CORPUS / "gold" / f"{doc_id}.jsonl", encoding="utf-8") if line.strip()]


def _combined(ids, rules):
    pred, gold = [], []
    for i in ids:
        pred += _pred(i, rules)
        gold += _gold(i)
    pq, pc = score.keys(pred)
    gq, gc = score.keys(gold)
    return (score.prf(pq, gq)[2] + score.prf(pc, gc)[2]) / 2


def test_prose_corpus_combined_f1(rules):
    assert _combined(PROSE, rules) >= 0.97


def test_all_corpus_combined_f1(rules):
    assert _combined(ALL, rules) >= 0.97


@pytest.mark.parametrize("doc_id", ALL)
def test_each_document_scores(doc_id, rules):
    assert _combined([doc_id], rules) >= 0.9


def test_target_inside_phrase_is_its_own_record(rules):
    recs = extract_file(CORPUS / "docs" / "008.txt", rules).records
    first = next(r for r in recs if r.value == 12314)
    target = next(r for r in recs if r.value == 12500)
    assert (str(first.percent), str(first.target), first.role) == ("98.5", "12500", "progress")
    assert (target.role, target.percent) == ("target", None)
