"""A series of issues: stored once, ordered by issue number, checked against the previous issue."""
import json
import sqlite3

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from extract import check, extract_file
from extract.cli import cli
from extract.series.history import HistoryError, connect, file_hash, trajectory

ISSUE1 = SAMPLES / "yueyang-minsheng-2025-01.txt"
ISSUE2 = SAMPLES / "yueyang-minsheng-2025-02.txt"
ACROSS = {"REGRESSION", "PERCENT_REGRESSION", "STALE", "TARGET_CHANGED"}


def _ingest(db, *paths):
    return CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", str(db), "-q", "-j", "1"])


def test_ingest_twice_stores_once(tmp_path, rules):
    db = tmp_path / "h.db"
    assert _ingest(db, ISSUE1).exit_code == 0
    res = _ingest(db, ISSUE1, ISSUE2)
    assert res.exit_code == 0 and "已存在, 跳过" in res.stderr
    conn = connect(db)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2
    assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 88 + len(extract_file(ISSUE2, rules).records)


def test_issue_numbers_not_ingestion_order_decide(tmp_path, rules):
    db = tmp_path / "h.db"
    _ingest(db, ISSUE2)
    _ingest(db, ISSUE1)  # the earlier issue arrives last
    conn = connect(db)
    got = [(f.code, f.item) for f in check(extract_file(ISSUE2, rules), rules, history=conn, sha256=file_hash(ISSUE2))
           if f.code in ACROSS]
    assert sorted(got) == [("PERCENT_REGRESSION", "(20)"), ("REGRESSION", "(20)"), ("STALE", "(11)")]
    assert [f for f in check(extract_file(ISSUE1, rules), rules, history=conn, sha256=file_hash(ISSUE1))
            if f.code in ACROSS] == []


def test_planted_cross_issue_errors_and_nothing_else_new(tmp_path, rules):
    db = tmp_path / "h.db"
    _ingest(db, ISSUE1)
    res = CliRunner().invoke(cli, ["check", str(ISSUE2), "--db", str(db), "--format", "jsonl", "-q"])
    flags = [json.loads(line) for line in res.stdout.splitlines()]
    without = [json.loads(line) for line in
               CliRunner().invoke(cli, ["check", str(ISSUE2), "--format", "jsonl", "-q"]).stdout.splitlines()]
    new = [f for f in flags if f not in without]
    assert sorted((f["code"], f["item"], f["found"]) for f in new) == [
        ("PERCENT_REGRESSION", "(20)", "32%"), ("REGRESSION", "(20)", "120个"),
        ("STALE", "(11)", "15个 31.9% (与第1期相同)")]
    assert res.exit_code == 1  # REGRESSION is an error


def test_corrected_reissue_supersedes(tmp_path, rules):
    db = tmp_path / "h.db"
    fixed = tmp_path / "第1期 更正.txt"
    fixed.write_text(ISSUE1.read_text(encoding="utf-8").replace("完成全年任务的27.82。", "完成全年任务的27.82%。"),
                     encoding="utf-8")
    _ingest(db, ISSUE1)
    res = _ingest(db, fixed)
    assert "取代" in res.stderr
    conn = connect(db)
    rows = conn.execute("SELECT source, superseded_by FROM documents ORDER BY id").fetchall()
    assert rows[0]["superseded_by"] == 2 and rows[1]["superseded_by"] is None
    assert {r["source"] for r in trajectory(conn, item="(13)")} == {str(fixed)}


def test_history_command(tmp_path):
    db = tmp_path / "h.db"
    _ingest(db, ISSUE1, ISSUE2)
    res = CliRunner().invoke(cli, ["history", "--db", str(db), "--item", "(20)", "--format", "jsonl"])
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["issue_no"], r["value"], r["percent"]) for r in rows] == [(1, "135", "36"), (2, "120", "32")]
    table = CliRunner().invoke(cli, ["history", "--db", str(db), "--metric", "充电桩"]).stdout
    assert "第1期 截至 2025-03-25: 135个  完成 36%" in table


def test_newer_database_is_refused(tmp_path):
    db = tmp_path / "h.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(HistoryError):
        connect(db)
    res = CliRunner().invoke(cli, ["ingest", str(ISSUE1), "--db", str(db), "-q"])
    assert res.exit_code == 2 and "更新版本" in res.stderr


def test_not_a_database(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    res = CliRunner().invoke(cli, ["history", "--db", str(bad)])
    assert res.exit_code == 2 and "不是可用的历史数据库" in res.stderr


def test_report_shows_history(tmp_path):
    db = tmp_path / "h.db"
    _ingest(db, ISSUE1, ISSUE2)
    out = tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["report", str(ISSUE2), "--db", str(db), "-o", str(out), "-q"])
    html = out.read_text(encoding="utf-8")
    assert res.exit_code == 1 and "<h3>历次变化</h3>" in html and html.count('class="hist"') >= 20
    assert "135个 → 120个" in html and "REGRESSION" in html
