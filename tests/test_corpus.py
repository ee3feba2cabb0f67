"""Real bulletins from many provinces, hand-labelled by others (../shared/corpus), scored with
the shared scorer. Floors are pooled over a kind of document, never set per document: a floor
per document invites rules fitted to one text."""
import pytest

from conftest import CORPUS, corpus_ids, requires_corpus
from corpus_scores import PROSE_WITH_TABLE, combined, gold, load_scorer, meta, predicted
from extract import extract_file

pytestmark = requires_corpus


def _prose_ids() -> list[str]:
    """Every document of kind prose, except the three whose tables belong to the table floor."""
    return [i for i in corpus_ids() if meta(i).get("kind") == "prose" and i not in PROSE_WITH_TABLE]


@pytest.fixture(scope="module")
def scorer():
    return load_scorer()


def test_prose_corpus_pooled_f1(scorer, rules):
    ids = _prose_ids()
    assert len(ids) >= 20
    assert combined(scorer, [(predicted(i, rules), gold(i)) for i in ids])[2] >= 0.93


def test_target_inside_phrase_is_its_own_record(rules):
    recs = extract_file(CORPUS / "docs" / "008.txt", rules).records
    first = next(r for r in recs if r.value == 12314)
    target = next(r for r in recs if r.value == 12500)
    assert (str(first.percent), str(first.target), first.role) == ("98.5", "12500", "progress")
    assert (target.role, target.percent) == ("target", None)


def _table_ids() -> list[str]:
    """The flattened tables, and the three prose documents with a table after them, scored whole."""
    return [i for i in corpus_ids() if meta(i).get("kind") == "table" or i in PROSE_WITH_TABLE]


@pytest.mark.xfail(strict=True, reason="issue 12: flattened tables are not all read yet (0.79 of 0.95)")
def test_table_corpus_pooled_f1(scorer, rules):
    ids = _table_ids()
    assert len(ids) >= 7
    assert combined(scorer, [(predicted(i, rules), gold(i)) for i in ids])[2] >= 0.95


def test_table_corpus_does_not_fall_back(scorer, rules):
    """Not the floor the tables issue asks for: a guard that what is read now stays read."""
    assert combined(scorer, [(predicted(i, rules), gold(i)) for i in _table_ids()])[2] >= 0.78
