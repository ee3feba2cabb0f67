"""The command line: exit codes, streams, formats, messages in Chinese."""
import csv
import io
import json
import subprocess
import sys


import pytest
from click.testing import CliRunner

from conftest import ROOT, SEED_PDF, SEED_TXT
from extract.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args):
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_extract_jsonl_on_stdout_only_records(runner):
    res = run(runner, "extract", SEED_TXT)
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    recs = [json.loads(line) for line in lines]
    assert len(recs) == 88 and all("value" in r and "percent" in r for r in recs)
    assert "完成" in res.stderr and "88" in res.stderr
    first = recs[9]
    assert (first["value"], first["unit"], first["percent"]) == (5698, "台", 21.77)


def test_csv_has_bom_and_model_columns(runner, tmp_path):
    out = tmp_path / "数据 out.csv"
    res = run(runner, "extract", SEED_TXT, "-o", out)
    assert res.exit_code == 0 and res.stdout == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0])[:6] == ["source", "page", "section", "level", "item", "project"]
    assert rows[9]["value"] == "5698" and rows[9]["percent"] == "21.77"


def test_xlsx_output(runner, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    assert run(runner, "extract", SEED_TXT, "-o", out).exit_code == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[0] == "source" and ws.cell(row=11, column=header.index("value") + 1).value == 5698


def test_documents_file(runner, tmp_path):
    docs = tmp_path / "docs.jsonl"
    res = run(runner, "extract", SEED_TXT, SEED_PDF, "--documents", docs, "-o", tmp_path / "r.jsonl")
    assert res.exit_code == 0
    d = [json.loads(line) for line in docs.read_text(encoding="utf-8").splitlines()]
    assert [x["extractor"] for x in d] == ["text", "pdfium"]
    assert d[0]["issue_no"] == 1 and d[0]["as_of"] == "2025-03-25" and d[0]["n_records"] == 88
    assert d[1]["pages"] == 9


def test_format_conflict_is_a_usage_error(runner, tmp_path):
    res = runner.invoke(cli, ["extract", str(SEED_TXT), "-o", str(tmp_path / "x.csv"), "--format", "jsonl"])
    assert res.exit_code == 2 and "不一致" in res.stderr


def test_failed_file_does_not_stop_the_batch(runner, tmp_path):
    bad = tmp_path / "坏 文件.pdf"
    bad.write_bytes(b"not a pdf at all")
    res = run(runner, "extract", bad, SEED_TXT, tmp_path / "missing.txt")
    assert res.exit_code == 1
    assert len(res.stdout.splitlines()) == 88
    errors = [line for line in res.stderr.splitlines() if line.startswith("错误")]
    assert len(errors) == 2
    assert "坏 文件.pdf" in errors[0] and "[corrupt]" in errors[0]
    assert "[not_found]" in errors[1]
    assert "失败 2 个" in res.stderr


def test_empty_folder(runner, tmp_path):
    res = run(runner, "extract", tmp_path)
    assert res.exit_code == 1 and "没有找到" in res.stderr


def test_text_command_prints_the_offsets_text(runner):
    res = run(runner, "text", SEED_TXT)
    assert res.exit_code == 0
    recs = [json.loads(line) for line in run(runner, "extract", SEED_TXT).stdout.splitlines()]
    r = recs[9]
    assert res.stdout[r["start"]:r["end"]] == "5698台"


def test_rules_check_builtin_and_user(runner, tmp_path):
    res = run(runner, "rules", "check")
    assert res.exit_code == 0 and "失败 0 条" in res.stderr
    user = tmp_path / "myrules"
    user.mkdir()
    (user / "completion.toml").write_text(
        '[[rule]]\nid = "completion.my_rule"\npattern = \'达成率{PCT}\'\nattach = "sentence"\n'
        'examples = [{ text = "新增就业12人,达成率40%", expect = [{ value = "12", unit = "人", percent = "41" }] }]\n',
        encoding="utf-8")
    res = run(runner, "rules", "check", user)
    assert res.exit_code == 1 and "completion.my_rule" in res.stderr and "percent" in res.stderr


def test_bad_rule_file_names_file_and_rule(runner, tmp_path):
    user = tmp_path / "bad"
    user.mkdir()
    (user / "completion.toml").write_text('[[rule]]\nid = "completion.broken"\npattern = "(unclosed"\n'
                                          'attach = "sentence"\nexamples = [{ text = "x", expect = [] }]\n',
                                          encoding="utf-8")
    res = runner.invoke(cli, ["extract", str(SEED_TXT), "--rules", str(user)])
    assert res.exit_code == 2
    assert "completion.toml:completion.broken:" in res.stderr


def test_a_new_rate_is_a_word_in_a_vocabulary(runner, tmp_path):
    """A way of writing the built-in rules do not know needs a word, not a pattern."""
    doc = tmp_path / "d.txt"
    doc.write_text("新增就业12人,达成率40%。", encoding="utf-8")
    before = [json.loads(x) for x in run(runner, "extract", doc).stdout.splitlines()]
    assert [(r["value"], r["percent"]) for r in before] == [(12, None), (40, None)]
    user = tmp_path / "r"
    user.mkdir()
    (user / "completion.toml").write_text('[vocabulary]\nRATE_DONE = ["达成率"]\n', encoding="utf-8")
    after = [json.loads(x) for x in run(runner, "extract", doc, "--rules", user).stdout.splitlines()]
    assert [(r["value"], r["percent"], r["rule"]) for r in after] == [(12, 40, "completion.rate")]


def test_user_rules_add_to_builtin(runner, tmp_path):
    user = tmp_path / "r"
    user.mkdir()
    (user / "completion.toml").write_text(
        '[[rule]]\nid = "completion.reach_rate"\npattern = \'达成率{PCT}\'\nattach = "sentence"\n'
        'examples = [{ text = "新增就业12人,达成率40%", expect = [{ value = "12", unit = "人", percent = "40" }] }]\n',
        encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("新增就业12人,达成率40%。完成补充配置电脑5698台,完成全年任务的21.77%。", encoding="utf-8")
    recs = [json.loads(x) for x in run(runner, "extract", doc, "--rules", user).stdout.splitlines()]
    assert [(r["value"], r["percent"], r["rule"]) for r in recs] == [
        (12, 40, "completion.reach_rate"), (5698, 21.77, "completion.of_object")]


def test_python_dash_m_and_help_in_chinese():
    res = subprocess.run([sys.executable, "-m", "extract", "extract", "--help"], capture_output=True, cwd=ROOT)
    assert res.returncode == 0 and "提取" in res.stdout.decode("utf-8")
    res = subprocess.run([sys.executable, "-m", "extract", "extract"], capture_output=True, cwd=ROOT)
    assert res.returncode == 2 and b"Traceback" not in res.stderr


def test_formula_like_cells_are_neutralized(runner, tmp_path):
    doc = tmp_path / "evil.txt"
    doc.write_text("=HYPERLINK(\"x\")新增就业12人。\n+SUM(1)完成率40%", encoding="utf-8")
    out = tmp_path / "o.csv"
    run(runner, "extract", doc, "-o", out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    for row in rows:
        for v in row.values():
            assert not v.startswith(("=", "+", "@")) or v.lstrip("+-").replace(".", "").isdigit()


TARGETS = ROOT / "samples" / "yueyang-targets-2025.csv"


def test_check_table_report_and_exit_codes(runner):
    res = run(runner, "check", SEED_TXT, "--targets", TARGETS)
    assert res.exit_code == 0  # warnings and infos only
    assert "PERCENT_SIGN_MISSING" in res.stdout and "原文: 已完成残疾人托养服务498人" in res.stdout
    assert "错误 0 条, 警告 8 条, 提示 4 条" in res.stderr
    strict = run(runner, "check", SEED_TXT, "--targets", TARGETS, "--fail-on", "warning")
    assert strict.exit_code == 1


def test_check_jsonl_on_stdout_holds_only_flags(runner):
    res = run(runner, "check", SEED_TXT, "--format", "jsonl")
    flags = [json.loads(line) for line in res.stdout.splitlines()]
    assert flags and all({"code", "severity", "message", "expected", "found", "snippet", "start"} <= set(f) for f in flags)


def test_check_error_flag_exits_1_and_accept_suppresses_it(runner, tmp_path):
    doc = tmp_path / "专报 2.txt"
    doc.write_text("(1)城镇新增就业14687人,完成年目标任务59000人的28.49%。", encoding="utf-8")
    res = run(runner, "check", doc, "--format", "jsonl")
    assert res.exit_code == 1
    flags = tmp_path / "flags.jsonl"
    flags.write_text(res.stdout, encoding="utf-8")
    again = run(runner, "check", doc, "--accept", flags)
    assert again.exit_code == 0 and "已接受 1 条" in again.stderr
    # Accepted by code, item and quoted text, not offsets: a new line above does not revive it.
    doc.write_text("(0)新建5个。\n(1)城镇新增就业14687人,完成年目标任务59000人的28.49%。", encoding="utf-8")
    assert "PERCENT_MISMATCH" not in run(runner, "check", doc, "--accept", flags).stdout


def test_check_csv_and_xlsx_output(runner, tmp_path):
    from openpyxl import load_workbook

    assert run(runner, "check", SEED_TXT, "--targets", TARGETS, "-o", tmp_path / "f.csv").exit_code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "f.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 12 and list(rows[0])[:3] == ["code", "severity", "message"]
    assert run(runner, "check", SEED_TXT, "-o", tmp_path / "f.xlsx").exit_code == 0
    assert load_workbook(tmp_path / "f.xlsx").active["A1"].value == "code"


def test_bad_target_table_exits_2_before_checking(runner, tmp_path):
    t = tmp_path / "bad.csv"
    t.write_text("level,item,project,metric,unit,annual_target\n省级,(1),x,y,人,很多\n", encoding="utf-8")
    res = run(runner, "check", SEED_TXT, "--targets", t)
    assert res.exit_code == 2 and "第2行" in res.stderr and "annual_target" in res.stderr and res.stdout == ""


def test_check_bad_date_option(runner):
    res = runner.invoke(cli, ["check", str(SEED_TXT), "--as-of", "2025/03/25"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.stderr
