"""County submissions: the city's figures are their sums; the roll-up table an office compiles."""
import json
import shutil

from click.testing import CliRunner

from conftest import SAMPLES
from extract import extract_file
from extract.cli import cli
from extract.series.rollup import check_rollup, county_of

COUNTIES = SAMPLES / "counties"
CITY = SAMPLES / "yueyang-minsheng-2025-01.txt"


def _parts(folder):
    return [extract_file(p) for p in sorted(folder.glob("*.txt"))]


def test_county_names():
    assert sorted(county_of(x) for x in _parts(COUNTIES)) == ["平江县", "汨罗市", "湘阴县"]


def test_planted_rollup_mismatch_and_nothing_else():
    flags = check_rollup(extract_file(CITY), _parts(COUNTIES))
    assert [(f.code, f.severity, f.item, f.expected, f.found) for f in flags] == [
        ("ROLLUP_MISMATCH", "error", "(4)", "4600人", "4687人")]


def test_county_that_did_not_report(tmp_path):
    folder = tmp_path / "counties"
    shutil.copytree(COUNTIES, folder)
    text = (folder / "平江县.txt").read_text(encoding="utf-8")
    (folder / "平江县.txt").write_text(text.replace("已新建电动汽车公共充电桩40个。", "正在推进。"), encoding="utf-8")
    flags = check_rollup(extract_file(CITY), _parts(folder))
    assert sorted((f.code, f.item, f.found) for f in flags) == [
        ("ROLLUP_MISMATCH", "(4)", "4687人"), ("ROLLUP_MISSING", "(20)", "未报送")]
    assert "平江县" in next(f for f in flags if f.code == "ROLLUP_MISSING").message


def test_check_with_parts_and_rollup_command(tmp_path):
    res = CliRunner().invoke(cli, ["check", str(CITY), "--parts", str(COUNTIES), "--format", "jsonl", "-q"])
    assert res.exit_code == 1 and "ROLLUP_MISMATCH" in res.stdout
    res = CliRunner().invoke(cli, ["rollup", str(COUNTIES), "--targets", str(SAMPLES / "yueyang-targets-2025.csv"), "-q"])
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["item"], r["total"], r["target"], r["percent"]) for r in rows] == [
        ("(1)", 5698, 26170, 21.77), ("(4)", 4600, 59000, 7.8), ("(20)", 135, 375, 36)]
    assert rows[0]["湘阴县"] == 2000
    out = tmp_path / "汇总表.xlsx"
    assert CliRunner().invoke(cli, ["rollup", str(COUNTIES), "-o", str(out), "-q"]).exit_code == 0
    from openpyxl import load_workbook

    ws = load_workbook(out)["汇总表"]
    assert [c.value for c in ws[1]][:3] == ["序号", "指标", "单位"] and ws["A2"].value == "(1)"


def test_counties_ranked_by_completion_against_their_own_targets(tmp_path, rules):
    from extract import load_targets
    from extract.series.rollup import rollup_table

    t = tmp_path / "county-targets.csv"
    t.write_text("level,item,project,metric,unit,annual_target\n"
                 "湘阴县,(1),设备,补充配置电脑,台,10000\n汨罗市,(1),设备,补充配置电脑,台,3600\n"
                 "平江县,(1),设备,补充配置电脑,台,4745\n", encoding="utf-8")
    ranked, rows = rollup_table(_parts(COUNTIES), load_targets(t, rules))
    assert ranked == ["汨罗市", "平江县", "湘阴县"]  # 50%, 40%, 20%: completion, not size, decides
