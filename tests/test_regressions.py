"""Named regression tests for defects found in review: each once crashed or gave a wrong number."""
import json
import os
import shutil
import sqlite3
import sys
import zipfile

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from extract import check, extract_text
from extract.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_percentage_with_thousands_separator_is_checked(rules):
    x = extract_text("已完成补充配置电脑15,698台,完成年目标任务1500台的1,046.53%。", rules=rules)
    flags = check(x, rules)
    assert ("OVER_TARGET", "1046.53%") in [(f.code, f.found) for f in flags]
    assert not [f for f in flags if f.code == "PERCENT_MISMATCH"]


def test_table_ratio_cell_with_words(rules):
    text = (SAMPLES / "county-employment-table.txt").read_text(encoding="utf-8").replace("| 25 |", "| 25%以上 |")
    x = extract_text(text, rules=rules)
    assert check(x, rules) == []


def test_city_figure_of_zero_with_parts(tmp_path):
    city = tmp_path / "city.txt"
    city.write_text("(1)更新义务教育学校设备。已完成补充配置电脑0台。", encoding="utf-8")
    res = run("check", city, "--parts", SAMPLES / "counties", "--format", "jsonl", "-q")
    assert "Traceback" not in res.output and res.exit_code == 1
    assert "ROLLUP_MISMATCH" in res.stdout


@pytest.mark.parametrize("content,name", [(b"not json\n", "a.jsonl"), ("[1,2]\n".encode(), "b.jsonl"),
                                          ("code,item\n".encode("utf-16"), "c.csv"), (None, "missing.jsonl")])
def test_bad_accept_file_is_a_usage_error(tmp_path, content, name):
    p = tmp_path / name
    if content is not None:
        p.write_bytes(content)
    res = run("check", SAMPLES / "yueyang-minsheng-2025-01.txt", "--accept", p, "-q")
    if name == "b.jsonl":
        assert res.exit_code == 0  # rows that are not flags are skipped
    else:
        assert res.exit_code == 2 and "已接受问题清单有误" in res.stderr


def test_foreign_sqlite_database_is_refused(tmp_path):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE documents (x)")
    conn.commit()
    conn.close()
    res = run("ingest", SAMPLES / "yueyang-minsheng-2025-01.txt", "--db", db, "-q")
    assert res.exit_code == 2 and "不是 bulletin 的历史数据库" in res.stderr
    db2 = tmp_path / "v1.db"
    conn = sqlite3.connect(db2)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    assert run("history", "--db", db2).exit_code == 2


def test_control_characters_do_not_break_excel(tmp_path):
    doc = tmp_path / "vt.txt"
    doc.write_text("已完成补充配置电脑5698台,\x0b完成全年任务的21.77%;", encoding="utf-8")
    assert run("extract", doc, "-o", tmp_path / "o.xlsx", "-q").exit_code == 0
    assert run("report", doc, "-o", tmp_path / "r.xlsx", "-q").exit_code == 0


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="names must be bytes that are not UTF-8")
def test_file_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "weird"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"\xd6\xd0\xce\xc4.txt")  # GBK bytes
    with open(name, "wb") as f:
        f.write("新增就业12人,完成率40%。".encode("utf-8"))
    res = run("extract", folder, "-q")
    assert res.exit_code == 0 and "\ufffd" in json.loads(res.stdout.splitlines()[0])["source"]
    assert run("report", folder, "-o", tmp_path / "r.html", "-q").exit_code == 0


def test_malformed_ofd_is_corrupt(tmp_path):
    src = SAMPLES / "county-employment-table.ofd"
    bad = tmp_path / "bad.ofd"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.endswith("Content.xml"):
                data = data.replace(b'Size="4.94"', b'Size="a"', 1)
            zout.writestr(item, data)
    res = run("extract", bad, "-q")
    assert res.exit_code == 1 and "[corrupt]" in res.stderr


def test_bom_only_text_is_empty(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf\n\n")
    res = run("extract", p, "-q")
    assert res.exit_code == 1 and "[empty]" in res.stderr


def test_rollup_columns_in_the_lines_unit(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(SAMPLES / "counties", folder)
    f = folder / "湘阴县.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("城镇新增就业1500人", "城镇新增就业0.15万人"), encoding="utf-8")
    rows = [json.loads(line) for line in run("rollup", folder, "-q").stdout.splitlines()]
    jobs = next(r for r in rows if r["item"] == "(4)")
    assert (jobs["unit"], jobs["湘阴县"], jobs["total"]) == ("人", 1500, 4600)
