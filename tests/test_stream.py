"""Long documents are read a window at a time; the windows must change nothing.

Each test runs with windows far smaller than the default, so that cuts fall in
every kind of place the samples and corpus have: between items, inside lists,
before tables, across a page broken mid-sentence.
"""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, SEED_PDF, SEED_TXT, corpus_docs
from extract import extract_file
from extract.api import check, extract_raw, extract_stream, merge, stream_chunks
from extract.cli import cli
from extract.errors import ReadError
from extract.read.textmap import RawText

FILES = sorted(SAMPLES.rglob("*.txt")) + sorted(SAMPLES.glob("*.pdf")) + corpus_docs()
ONE_WINDOW = 10 ** 9


def _dump(models):
    return [m.model_dump() for m in models]


def _same(a, b):
    assert a.text == b.text
    assert a.page_offsets == b.page_offsets
    assert _dump(a.records) == _dump(b.records)
    assert a.document == b.document


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_small_windows_give_the_same_text_records_and_flags(path, rules):
    whole = merge(extract_stream(path, rules, window_chars=ONE_WINDOW))
    windows = list(extract_stream(path, rules, window_chars=800))
    joined = merge(windows)
    _same(joined, whole)
    assert _dump(check(joined, rules)) == _dump(check(whole, rules))


@pytest.mark.parametrize("text", [SEED_TXT.read_text(encoding="utf-8") * 6,
                                  SEED_TXT.read_text(encoding="utf-8").replace("\f", "") * 6],
                         ids=["with page breaks", "one page"])
@pytest.mark.parametrize("window", [500, 1500])
def test_a_long_text_in_many_windows(text, window, rules):
    raw = RawText(text=text, source="long.txt", pages=text.count("\f") + 1)
    whole = extract_raw(raw, rules, window_chars=ONE_WINDOW)
    windows = list(stream_chunks([raw], rules, window))
    assert len(windows) > 10
    joined = merge(windows)
    _same(joined, whole)
    assert len(whole.records) == 6 * 88
    assert _dump(check(joined, rules)) == _dump(check(whole, rules))


def test_each_window_holds_only_its_own_records(rules):
    windows = list(extract_stream(SEED_PDF, rules, window_chars=800))
    assert len(windows) > 3
    whole = merge(windows)
    for w in windows:
        assert whole.text[w.offset:w.offset + len(w.text)] == w.text
        for r in w.records:
            assert w.offset <= r.start < w.offset + len(w.text)
            assert r.page == whole.page_at(r.start)
            assert whole.text[r.start:r.end] == w.text[r.start - w.offset:r.end - w.offset]
    assert windows[-1].document.n_records == len(whole.records) == 88
    assert [w.document.n_records for w in windows] == sorted(w.document.n_records for w in windows)


def test_a_file_that_fails_halfway_leaves_no_rows_and_no_spool(monkeypatch, tmp_path):
    """Records of a file go out only once the whole file is done; its spool file is removed."""
    import tempfile

    import extract.api as api

    real = api.extract_stream

    def fails_after_one_window(path, *args, **kwargs):
        if Path(path).name != "bad.txt":
            yield from real(path, *args, **kwargs)
            return
        yield next(iter(real(SEED_TXT, *args[1:], window_chars=800)))
        raise ReadError("corrupt", "文件在第 2 页之后损坏")

    monkeypatch.setattr(api, "extract_stream", fails_after_one_window)
    spool_root = tmp_path / "tmp"
    spool_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool_root))
    bad = tmp_path / "bad.txt"
    bad.write_text("x", encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(bad), str(SEED_TXT), "-j", "1", "--timeout", "0"])
    assert res.exit_code == 1 and "文件在第 2 页之后损坏 [corrupt]" in res.stderr
    sources = {json.loads(line)["source"] for line in res.stdout.splitlines()}
    assert sources == {str(SEED_TXT)} and len(res.stdout.splitlines()) == 88
    assert list(spool_root.iterdir()) == []


def test_text_command_prints_the_text_records_index(tmp_path):
    res = CliRunner().invoke(cli, ["text", str(SEED_PDF)])
    assert res.exit_code == 0
    x = extract_file(SEED_PDF)
    assert res.stdout == x.text
    r = x.records[10]
    assert res.stdout[r.start:r.end].startswith(str(r.value).split(".")[0][:2])


SEED = SEED_TXT.read_text(encoding="utf-8")


def _one_and_default(tmp_path, name, text, rules):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return merge(extract_stream(path, rules, window_chars=ONE_WINDOW)), list(extract_stream(path, rules)), path


def test_a_form_feed_at_the_start_does_not_cut_inside_a_word(tmp_path, rules):
    """Its last page starts at the first character: windows are cut like a text's, at paragraph starts."""
    whole, windows, _ = _one_and_default(tmp_path, "ff.txt", "\f" + SEED * 15, rules)
    assert len(windows) > 1
    assert all(w.text.endswith("\n") for w in windows[:-1])
    _same(merge(windows), whole)
    assert _dump(check(merge(windows), rules)) == _dump(check(whole, rules))


def test_an_as_of_date_stated_late_reaches_every_record(tmp_path, rules):
    body = SEED.replace("截止到 3 月 25 日,", "")
    text = body * 14 + "\n\n截至2025年6月30日,累计完成投资12亿元,完成全年任务的30%。\n"
    whole, windows, path = _one_and_default(tmp_path, "late.txt", text, rules)
    assert len(windows) > 1 and windows[0].document.as_of is None
    joined = merge(windows)
    assert str(joined.document.as_of) == "2025-06-30" and {r.as_of for r in joined.records} == {joined.document.as_of}
    _same(joined, whole)
    assert _dump(check(joined, rules)) == _dump(check(whole, rules))
    out = tmp_path / "r.jsonl"
    assert CliRunner().invoke(cli, ["extract", str(path), "-o", str(out), "-q"]).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(whole.records) and {r["as_of"] for r in rows} == {"2025-06-30"}


def test_a_table_longer_than_the_hard_limit_keeps_every_row(rules):
    """Windows are never cut inside a table (its rows would lose their header), however long it is."""
    rows = ["一、各村就业情况", "县市区|年度目标(人)|完成数(人)|完成比例(%)"]
    rows += [f"第{i}村|{1000 + i}|{500 + i}|{round((500 + i) * 100 / (1000 + i))}" for i in range(400)]
    raw = RawText(text="\n".join(rows) + "\n", source="t.txt", pages=1)
    whole = extract_raw(raw, rules, window_chars=ONE_WINDOW)
    windows = list(stream_chunks([raw], rules, 500))  # the table is over 30 windows long
    assert len(whole.records) == 800
    _same(merge(windows), whole)


def test_spool_and_csv_writer_leave_nothing_behind(monkeypatch, tmp_path):
    """No spool folder left when no file is found; a CSV writer dropped half-way never closes its output."""
    import gc
    import io
    import tempfile

    from extract.models import Record
    from extract.output.write import TableWriter

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    (tmp_path / "empty").mkdir()
    res = CliRunner().invoke(cli, ["extract", str(tmp_path / "empty")])
    assert res.exit_code == 1 and sorted(p.name for p in tmp_path.iterdir()) == ["empty"]
    out = io.BytesIO()
    writer = TableWriter(Record, "csv", out)
    del writer
    gc.collect()
    assert not out.closed and out.getvalue().startswith(b"\xef\xbb\xbfsource,")


def test_cross_check_on_extract_compares_the_spooled_records(tmp_path):
    """The parent compares a file's spooled records with pdfplumber's reading, after the worker's time."""
    pdf = SAMPLES / "county-employment-table-lo-ruled.pdf"
    res = CliRunner().invoke(cli, ["extract", str(pdf), "--cross-check", "-o", str(tmp_path / "r.jsonl"), "-j", "2"])
    assert res.exit_code == 0 and "警告" not in res.stderr
    assert len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()) == 11
