"""The offset invariant: text[start:end] is the number and its unit, for every record of every sample."""
from decimal import Decimal

import regex
import pytest

from conftest import SAMPLES, corpus_docs
from extract import extract_file

DOCS = sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.pdf")) + corpus_docs()


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_every_record_points_at_its_words(path, rules):
    x = extract_file(path, rules)
    assert x.records
    for r in x.records:
        span = x.text[r.start:r.end]
        if r.value is not None and r.rule.startswith("table."):
            assert Decimal(span.replace(",", "")) == r.value, span  # a cell: the unit is in the column header
        elif r.value is not None:
            compact = span.replace(" ", "")
            if r.rule == "quantity.range" and not compact.endswith(r.unit):
                # the low end of a range (3-6岁) takes the high end's unit, written after it
                assert x.text[r.end:r.end + 24].replace(" ", "").find(r.unit) > 0, (span, r.unit)
                compact += r.unit
            assert compact.endswith(r.unit), (span, r.unit)
            number = compact[: len(compact) - len(r.unit)]
            assert regex.fullmatch(r"[\d.,]+|[零〇一二两三四五六七八九十百千万亿]+", number), span
        if r.percent is not None:
            pct = x.text[r.percent_start:r.percent_end]
            assert regex.match(r"[\d.]+%?$", pct), pct
            assert abs(float(pct.rstrip("%")) - float(r.percent)) < 1e-9
        assert span and span in r.snippet or x.text[r.percent_start:r.percent_end] in r.snippet
        assert 1 <= r.page <= x.document.pages


def test_pdf_records_carry_their_box(rules):
    import pdfplumber

    x = extract_file(SAMPLES / "yueyang-minsheng-2025-01.pdf", rules, engine="pdfplumber")
    seed_pdf = x
    with pdfplumber.open(SAMPLES / "yueyang-minsheng-2025-01.pdf") as pdf:
        for r in seed_pdf.records:
            assert r.box is not None
            page = pdf.pages[r.page - 1]
            inside = page.within_bbox((r.box.x0 - 0.5, r.box.top - 0.5, r.box.x1 + 0.5, r.box.bottom + 0.5))
            chars = "".join(c["text"] for c in inside.chars)
            number = x_number = seed_pdf.text[r.start:r.end]
            # Every character of the record's words is drawn inside its box on its page.
            assert all(ch in chars for ch in number), (number, chars, r.page)
            del x_number


def test_page_of_a_figure_after_the_first_page(seed_pdf):
    pages = {r.page for r in seed_pdf.records}
    assert len(pages) >= 5


def test_both_pdf_engines_give_the_same_records(rules, seed_pdf):
    """PDFium (the default) and pdfplumber: same text, same records, boxes within one character."""
    plumber = extract_file(SAMPLES / "yueyang-minsheng-2025-01.pdf", rules, engine="pdfplumber")
    assert seed_pdf.document.extractor == "pdfium" and plumber.document.extractor == "pdfplumber"
    assert seed_pdf.text == plumber.text
    key = lambda r: r.model_dump(exclude={"box", "extractor"})
    assert [key(r) for r in seed_pdf.records] == [key(r) for r in plumber.records]
    for a, b in zip(seed_pdf.records, plumber.records):
        assert max(abs(a.box.x0 - b.box.x0), abs(a.box.top - b.box.top), abs(a.box.x1 - b.box.x1),
                   abs(a.box.bottom - b.box.bottom)) < 16.0  # one character: pdfplumber places justified CJK glyphs up to 9 pt off (PDFium boxes checked against a rendering)
