"""Scanned pages: OCR with Tesseract chi_sim; the key figures of the seed still come out."""
import shutil

import pytest

from conftest import SAMPLES
from extract import FileError, extract_file, extract_many

SCAN = SAMPLES / "yueyang-minsheng-2025-01-scan.pdf"
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Tesseract not installed (.ci/run installs it)")


@needs_tesseract
def test_scan_gives_the_key_figures(rules):
    x = extract_file(SCAN, rules)
    assert x.document.extractor == "ocr"
    got = {(str(r.value), r.unit, str(r.percent)) for r in x.records}
    key = {("5698", "台", "21.77"), ("51", "个", "29.31"), ("3000", "人次", "10.7"), ("4687", "人", "7.94"),
           ("3154", "人", "17.52"), ("4802", "万元", "7.3"), ("58.08", "万人", "37.69"), ("6988", "人", "34.91")}
    assert key <= got, key - got
    assert all(r.extractor == "ocr" and r.confidence is not None and 0 <= r.confidence <= 100 for r in x.records)
    assert all(r.box is not None for r in x.records)
    r = next(r for r in x.records if r.value == 5698)
    assert (r.item, r.metric) == ("(1)", "补充配置电脑")


def test_without_tesseract_a_clear_error(monkeypatch, tmp_path):
    pytesseract = pytest.importorskip("pytesseract")
    from extract.read import ocr

    ocr._tesseract.cache_clear()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    try:
        [result] = list(extract_many([SCAN]))
    finally:
        ocr._tesseract.cache_clear()
    assert isinstance(result, FileError) and result.code == "ocr_unavailable"
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in result.message


def test_garbled_text_layer_is_not_text():
    from extract.read.pdf import usable_text

    assert usable_text("完成补充配置电脑5698台,完成全年任务的21.77%")
    assert not usable_text("(cid:12)(cid:34)(cid:56)(cid:78)(cid:90)(cid:11)(cid:13)")
    assert not usable_text("\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\ue00a\ue00b")
    assert not usable_text("   ")
