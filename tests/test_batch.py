"""Batches: parallel workers keep input order, limits turn into reasons, every input is accounted for."""
import csv
import io
import json

from click.testing import CliRunner

from conftest import SAMPLES, corpus_docs
from extract.cli import cli


def _big_pdf(tmp_path, pages=2000):
    """The sample's pages over and over: work enough to outlast a short time limit on a fast machine."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(SAMPLES / "yueyang-minsheng-2025-01.pdf"))
    doc = pdfium.PdfDocument.new()
    doc.import_pages(src, [i % len(src) for i in range(pages)])
    p = tmp_path / "大 文件.pdf"
    doc.save(str(p))
    return p


def test_two_workers_keep_order_and_account_for_every_file(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    files = [SAMPLES / "yueyang-minsheng-2025-01.pdf", bad, *corpus_docs()]
    errors = tmp_path / "errors.csv"
    res = CliRunner().invoke(cli, ["extract", *map(str, files), "-j", "2", "--errors", str(errors)])
    assert res.exit_code == 1
    sources = list(dict.fromkeys(json.loads(line)["source"] for line in res.stdout.splitlines()))
    assert sources == [str(f) for f in files if f != bad]
    rows = list(csv.DictReader(io.StringIO(errors.read_text(encoding="utf-8-sig"))))
    assert [r["file"] for r in rows] == [str(f) for f in files]
    assert [r["status"] for r in rows] == ["成功", "失败"] + ["成功"] * (len(files) - 2)
    assert rows[1]["reason"].endswith("[corrupt]") and rows[0]["pages"] == "9" and rows[0]["figures"] == "88"


def test_time_and_page_limits(tmp_path):
    big = _big_pdf(tmp_path)
    res = CliRunner().invoke(cli, ["extract", str(big), str(SAMPLES / "yueyang-minsheng-2025-01.txt"),
                                   "-j", "2", "--timeout", "1"])
    assert res.exit_code == 1 and "[timeout]" in res.stderr
    assert len(res.stdout.splitlines()) == 88  # the other file is whole; the slow one left nothing half-done
    res = CliRunner().invoke(cli, ["extract", str(big), "--max-pages", "10", "-j", "1"])
    assert res.exit_code == 1 and "[too_many_pages]" in res.stderr and res.stdout == ""


def test_pdfplumber_engine_option(tmp_path):
    res = CliRunner().invoke(cli, ["extract", str(SAMPLES / "yueyang-minsheng-2025-01.pdf"), "--engine", "pdfplumber"])
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert res.exit_code == 0 and len(recs) == 88 and {r["extractor"] for r in recs} == {"pdfplumber"}


def test_cross_check_reports_digits_read_differently(rules):
    from extract import extract_file
    from extract.crosscheck import compare, cross_check

    x = extract_file(SAMPLES / "yueyang-minsheng-2025-01.pdf", rules)
    assert cross_check(x, rules) == []  # both engines agree on the sample
    other = [r.model_copy() for r in x.records]
    from decimal import Decimal

    other[9] = other[9].model_copy(update={"value": Decimal("5968")})  # a displaced digit
    flags = compare(x.records, other, x.document.source)
    assert [(f.code, f.item, f.found) for f in flags] == [
        ("ENGINE_MISMATCH", "(1)", "PDFium: 5698台 (21.77%); pdfplumber: 5968台 (21.77%)")]


def test_cross_check_option(tmp_path):
    res = CliRunner().invoke(cli, ["check", str(SAMPLES / "yueyang-minsheng-2025-01.pdf"), "--cross-check",
                                   "--format", "jsonl", "-q"])
    assert res.exit_code == 0 and "ENGINE_MISMATCH" not in res.stdout
