"""Inputs: encodings, bad files, folders. Each bad file is a clear reason, never a traceback."""

import pytest

from conftest import SEED_TXT
from extract import FileError, extract_file, extract_many
from extract.errors import ReadError
from extract.read.files import decode_text

SEED = SEED_TXT.read_text(encoding="utf-8")
TRAD = "已完成補充配置電腦5698臺,惠及家長3000人次。"


@pytest.mark.parametrize("enc,expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030")])
def test_simplified_encodings_decode(enc, expected):
    text, used = decode_text(SEED.encode(enc))
    assert text.replace("\ufeff", "") == SEED and used == expected


def test_big5_is_not_read_as_gb18030_mojibake():
    text, used = decode_text((TRAD * 20).encode("big5"))
    assert text == TRAD * 20
    assert used.lower().replace("_", "").replace("-", "") in {"big5", "cp950", "big5hkscs"}


def test_gbk_file_gives_the_same_records(tmp_path, seed_txt):
    p = tmp_path / "简报 GBK.txt"
    p.write_bytes(SEED.encode("gbk"))
    x = extract_file(p)
    assert x.document.encoding == "gb18030"
    assert [(r.value, r.unit, r.percent) for r in x.records] == [(r.value, r.unit, r.percent) for r in seed_txt.records]


def _pdf(path, draw, encrypt=None):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=encrypt, invariant=1)
    draw(c)
    c.showPage()
    c.save()
    return path


def test_bad_inputs_each_get_a_reason(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 50)
    (tmp_path / "truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    (tmp_path / "jpeg.pdf").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200)
    _pdf(tmp_path / "locked.pdf", lambda c: c.drawString(72, 720, "secret 12"),
         StandardEncryption("user-pw", ownerPassword="owner-pw"))
    _pdf(tmp_path / "scan.pdf", lambda c: c.rect(72, 72, 300, 300, fill=1))
    results = {r.source.split("/")[-1].split("\\")[-1]: r for r in extract_many([tmp_path])}
    codes = {name: r.code for name, r in results.items() if isinstance(r, FileError)}
    assert codes == {"binary.txt": "undecodable", "empty.txt": "empty", "jpeg.pdf": "corrupt",
                     "locked.pdf": "encrypted", "scan.pdf": "no_text_layer", "truncated.pdf": "corrupt"}
    for r in results.values():
        assert r.message and "\n" not in r.message


def test_pdf_encrypted_without_user_password_opens(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    p = _pdf(tmp_path / "owner-only.pdf", lambda c: c.drawString(72, 720, "Total 12 km"),
             StandardEncryption("", ownerPassword="owner-pw", canModify=0))
    x = extract_file(p)
    assert x.document.extractor == "pdfium" and "12" in x.text


def test_missing_file():
    with pytest.raises(ReadError) as e:
        extract_file("no/such/file.txt")
    assert e.value.code == "not_found"


def test_folder_is_expanded_in_stable_order(tmp_path):
    for name in ["b.txt", "a.txt", "sub/c.txt", "skip.bin"]:
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text("新增就业12人。", encoding="utf-8")
    names = [r.document.source.replace("\\", "/").split(str(tmp_path.name) + "/")[1] for r in extract_many([tmp_path])]
    assert names == ["a.txt", "b.txt", "sub/c.txt"]


def test_ten_megabytes_of_digits_gives_no_figures(tmp_path):
    p = tmp_path / "digits.txt"
    p.write_bytes((b"1234567890" * 100 + b"\n") * 10000)
    assert extract_file(p).records == []


@pytest.mark.parametrize("text", ["8个(53%)" * 20000, "1.新建15个。完成率5%\n" * 10000, "12个" * 40000,
                                  "完成全年任务的" * 20000, "1," * 100000, "(" * 100000, '"两' * 50000])
def test_hostile_text_stays_linear(text):
    """Patterns that could backtrack or rescan: each finishes (a quadratic path would take minutes)."""
    from extract import extract_text

    x = extract_text(text)
    assert all(len(r.snippet) <= 500 for r in x.records)


def test_traditional_big5_file_gives_the_same_figures(tmp_path, seed_txt):
    """A Big5 file in traditional characters: the figures of the simplified original, units as written."""
    from zhconv import convert

    trad = convert(SEED, "zh-tw")
    p = tmp_path / "繁體.txt"
    p.write_bytes(trad.encode("big5", errors="replace"))
    x = extract_file(p)
    assert x.document.encoding.lower().replace("_", "").replace("-", "") in {"big5", "cp950", "big5hkscs"}
    key = lambda recs: [(r.value, r.value_std, r.unit_std, r.percent, r.role) for r in recs]
    assert key(x.records) == key(seed_txt.records)
    assert any(r.unit == "萬人" for r in x.records) and any(r.unit == "臺" for r in x.records)
