import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "samples"
SEED_TXT = SAMPLES / "yueyang-minsheng-2025-01.txt"
SEED_PDF = SAMPLES / "yueyang-minsheng-2025-01.pdf"
CORPUS = Path(__file__).parent / "corpus"
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
