"""Hostile and broken input, one folder of fixtures: each file a clear reason or a normal result."""
import json

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from extract import FileError, extract_file, extract_many
from extract.api import extract_stream
from extract.cli import cli

SEED_PDF = SAMPLES / "yueyang-minsheng-2025-01.pdf"
ZERO_PAGES = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
              b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
              b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
              b"trailer << /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n")


def _pdf(path, draw, encrypt=None):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=encrypt, invariant=1)
    draw(c)
    c.showPage()
    c.save()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The folder of fixtures: broken files that must fail cleanly, odd ones that must work."""
    import pypdfium2 as pdfium
    from reportlab.lib.pdfencrypt import StandardEncryption

    d = tmp_path_factory.mktemp("hostile")
    (d / "empty.txt").write_bytes(b"")
    (d / "zero-pages.pdf").write_bytes(ZERO_PAGES)
    seed = SEED_PDF.read_bytes()
    (d / "truncated.pdf").write_bytes(seed[: len(seed) // 3])
    (d / "really-a-jpeg.pdf").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 8)
    _pdf(d / "needs-password.pdf", lambda c: c.drawString(72, 720, "12 km"), StandardEncryption("pw", ownerPassword="o"))
    (d / "binary.txt").write_bytes(bytes(range(256)) * 100)
    # Odd but valid.
    start = seed.rfind(b"startxref")
    (d / "broken-xref.pdf").write_bytes(seed[:start] + b"startxref\n999999\n%%EOF\n")
    _pdf(d / "owner-password-only.pdf", lambda c: c.drawString(72, 720, "Total 12 km"),
         StandardEncryption("", ownerPassword="o", canModify=0))
    big = pdfium.PdfDocument.new()
    src = pdfium.PdfDocument(str(SEED_PDF))
    for _ in range(2000 // len(src) + 1):
        big.import_pages(src)
    big.save(str(d / "2000-pages.pdf"))
    (d / "digits.txt").write_bytes((b"1234567890" * 100 + b"\n") * 10000)
    (d / "岳阳 专报 第1期.txt").write_bytes((SAMPLES / "yueyang-minsheng-2025-01.txt").read_bytes())
    return d


BROKEN = {"empty.txt": "empty", "zero-pages.pdf": "corrupt", "truncated.pdf": "corrupt",
          "really-a-jpeg.pdf": "corrupt", "needs-password.pdf": "encrypted", "binary.txt": "undecodable"}


@pytest.mark.parametrize("name,code", sorted(BROKEN.items()))
def test_broken_file_gets_its_reason(hostile, name, code):
    [result] = list(extract_many([hostile / name]))
    assert isinstance(result, FileError) and result.code == code and result.message


def test_pdfium_repairs_a_broken_xref(hostile):
    assert len(extract_file(hostile / "broken-xref.pdf").records) == 88


def test_pdf_encrypted_without_user_password(hostile):
    assert "12" in extract_file(hostile / "owner-password-only.pdf").text


def test_two_thousand_pages_stream_in_bounded_windows(hostile):
    """Records come a window of about 40 pages at a time, and a consumer that lets each go
    never holds them all (bench/memory_pages.py measures the memory this keeps flat)."""
    sizes = []
    windows = extract_stream(hostile / "2000-pages.pdf")
    while (w := next(windows, None)) is not None:
        sizes.append(len(w.records))
        last = w.document
        del w
    assert last.pages >= 2000 and sum(sizes) == last.n_records == 88 * (last.pages // 9)
    assert len(sizes) >= last.pages // 40 and max(sizes) <= 88 * 6


def test_ten_megabytes_of_digits(hostile):
    assert extract_file(hostile / "digits.txt").records == []


def test_whole_folder_in_one_batch(hostile, tmp_path):
    errors = tmp_path / "errors.csv"
    res = CliRunner().invoke(cli, ["extract", str(hostile), "-j", "2", "--max-pages", "3000", "--errors", str(errors),
                                   "-o", str(tmp_path / "r.jsonl")])
    assert res.exit_code == 1
    lines = errors.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert len(lines) == len(list(hostile.iterdir()))  # every input accounted for
    failed = [line for line in lines if ",失败," in line]
    assert len(failed) == len(BROKEN)
    sources = [json.loads(x)["source"] for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert str(hostile / "岳阳 专报 第1期.txt") in sources
    assert sources.count(str(hostile / "2000-pages.pdf")) == 88 * (2007 // 9)  # streamed out whole
