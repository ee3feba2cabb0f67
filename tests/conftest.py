import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "samples"
SEED_TXT = SAMPLES / "yueyang-minsheng-2025-01.txt"
SEED_PDF = SAMPLES / "yueyang-minsheng-2025-01.pdf"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"  # real bulletins labelled by hand: never copied into the project
CORPUS_MISSING = "../shared/corpus is absent (a user's checkout): the real-document tests are skipped"


def corpus_ids() -> list[str]:
    """Every labelled document of the shared corpus; none when the folder is absent."""
    return sorted(p.name[:3] for p in (CORPUS / "gold").glob("*.jsonl")) if CORPUS.is_dir() else []


def corpus_docs() -> list[Path]:
    return [CORPUS / "docs" / f"{i}.txt" for i in corpus_ids()]


requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=CORPUS_MISSING)
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="session")
def rules():
    from extract import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def seed_txt(rules):
    from extract import extract_file

    return extract_file(SEED_TXT, rules)


@pytest.fixture(scope="session")
def seed_pdf(rules):
    from extract import extract_file

    return extract_file(SEED_PDF, rules)
