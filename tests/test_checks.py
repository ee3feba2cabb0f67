"""Every check: a clean text raises no flag; a planted error raises exactly this flag."""
import json
from datetime import date

import pytest

from conftest import GOLDEN, SAMPLES, SEED_TXT
from extract import check, extract_file, extract_text, load_targets
from extract.checks.targets import read_targets

HEAD = "测试县民生实事工作专报\n第1期\n2025年3月26日\n截至3月25日,各项工作进展如下。\n"


def flags(text, rules, targets=None, **kw):
    return check(extract_text(HEAD + text, rules=rules), rules, targets, **kw)


def codes(fs):
    return sorted((f.code, f.severity) for f in fs)


CASES = [
    # (name, clean text, planted text, expected (code, severity), expected found)
    ("percent_mismatch",
     "(1)城镇新增就业14687人,完成年目标任务59000人的24.89%。",
     "(1)城镇新增就业14687人,完成年目标任务59000人的28.49%。", ("PERCENT_MISMATCH", "error"), "28.49%"),
    ("percent_rounding",
     "(1)新建基站191个,完成年目标任务609个的31.36%。",
     "(1)新建基站191个,完成年目标任务609个的31.37%。", ("ROUNDING", "info"), "31.37%"),
    ("percent_bracket_target",
     "(1)15个农村幸福院建设已完成8个(53%)。",
     "(1)15个农村幸福院建设已完成8个(63%)。", ("PERCENT_MISMATCH", "error"), "63%"),
    ("budget_percent",
     "(1)一般公共服务支出年初预算为1250万元,支出决算为1180.5万元,完成年初预算的94.44%。",
     "(1)一般公共服务支出年初预算为1250万元,支出决算为1180.5万元,完成年初预算的98.44%。", ("PERCENT_MISMATCH", "error"), "98.44%"),
    ("plan_inside_percent_traditional",
     "(1)完成投資12.5億元,占年度計劃投資20億元的62.5%。",
     "(1)完成投資12.5億元,占年度計劃投資20億元的65.2%。", ("PERCENT_MISMATCH", "error"), "65.2%"),
    ("listed_percents",
     "(1)今年计划改造县道20公里、乡道50公里,已改造县道18.6公里、乡道42.3公里,完成市定任务的93%和84.6%。",
     "(1)今年计划改造县道20公里、乡道50公里,已改造县道18.6公里、乡道42.3公里,完成市定任务的93%和48.6%。", ("PERCENT_MISMATCH", "error"), "48.6%"),
    ("sum_total",
     "(1)住院救助1.71万人次,门诊救助0.99万人次。合计救助2.70万人次。",
     "(1)住院救助1.71万人次,门诊救助0.99万人次。合计救助2.80万人次。", ("SUM_MISMATCH", "error"), "2.80万人次"),
    ("sum_parts_exceed",
     "(1)扶助对象7629人,其中伤残对象2795人,失独对象4834人。",
     "(1)扶助对象7629人,其中伤残对象2795人,失独对象4934人。", ("SUM_MISMATCH", "error"), "7629人"),
    ("sum_mixed_units",
     "(1)住院救助1.71万人次,门诊救助0.99万人次。合计救助2.70万人次。",
     "(1)资助参保1.71万人,门诊救助0.99万人次。合计救助2.70万人次。", ("UNIT_MISMATCH", "warning"), "万人 + 万人次"),
    ("sign_missing",
     "(1)托养服务498人,完成全年任务的27.82%。",
     "(1)托养服务498人,完成全年任务的27.82。", ("PERCENT_SIGN_MISSING", "warning"), "27.82"),
    ("over_target",
     "(1)参互人186494人,完成全年任务的99.81%。",
     "(1)参互人186494人,完成全年任务的100.81%。", ("OVER_TARGET", "info"), "100.81%"),
    ("behind_schedule",
     "(1)城镇新增就业4687人,完成全年任务的17.94%。",
     "(1)城镇新增就业4687人,完成全年任务的7.94%。", ("BEHIND_SCHEDULE", "warning"), "7.94%"),
    ("numbering_skip",
     "(1)新建5个。\n(2)新建6个。\n(3)新建7个。",
     "(1)新建5个。\n(2)新建6个。\n(4)新建7个。", ("NUMBERING", "warning"), "(4)"),
    ("numbering_repeat",
     "(1)新建5个。\n(2)新建6个。\n(3)新建7个。",
     "(1)新建5个。\n(2)新建6个。\n(2)新建7个。", ("NUMBERING", "warning"), "(2)"),
    ("numbering_inline",
     "(1)新建5个。\n(2)新建6个。",
     "(1)新建5个。(2)新建6个。", ("NUMBERING", "warning"), "(2) 在上一段中"),
    ("numbering_count",
     "(一)三大民生实事\n1.新建5个。\n2.新建6个。\n3.新建7个。",
     "(一)三大民生实事\n1.新建5个。\n2.新建6个。", ("NUMBERING", "warning"), "2 项"),
    ("typo",
     "(1)已完成农村公路提质改造30.819公里。",
     "(1)己完成农村公路提质改造30.819公里。", ("TYPO", "warning"), "己完成"),
    ("garbled_date",
     "(1)新建5个。\n某某办公室\n2025年3月26日",
     "(1)新建5个。\n某某办公室\n2025年3。周27日", ("DATE_ORDER", "warning"), "2025年3。周27日"),
    ("signature_date",
     "(1)新建5个。\n某某办公室\n2025年3月26日",
     "(1)新建5个。\n某某办公室\n2025年3月29日", ("DATE_ORDER", "warning"), "2025-03-29"),
]


@pytest.mark.parametrize("name,clean,planted,expected,found", CASES, ids=[c[0] for c in CASES])
def test_clean_then_planted(name, clean, planted, expected, found, rules):
    assert flags(clean, rules) == [], codes(flags(clean, rules))
    got = flags(planted, rules)
    assert codes(got) == [expected], [(f.code, f.message) for f in got]
    assert got[0].found == found and got[0].message and got[0].snippet


def test_as_of_after_issue_date(rules):
    text = "测试县民生实事工作专报\n第1期\n2025年3月26日\n截至3月28日,新建5个。\n"
    got = check(extract_text(text, rules=rules), rules)
    assert codes(got) == [("DATE_ORDER", "warning")] and got[0].found == "2025-03-28"


def test_as_of_option_moves_the_schedule(rules):
    text = "(1)城镇新增就业4687人,完成全年任务的17.94%。"
    assert flags(text, rules) == []
    late = flags(text, rules, as_of=date(2025, 6, 30))
    assert codes(late) == [("BEHIND_SCHEDULE", "warning")]
    assert flags(text, rules, as_of=date(2025, 6, 30), schedule_margin=40) == []


def _table(tmp_path, rows, header="level,item,project,metric,unit,annual_target"):
    p = tmp_path / "targets.csv"
    p.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return p


def test_table_target_checks(tmp_path, rules):
    text = "(一)省级民生实事\n(1)城镇新增就业4687人,完成全年任务的24.89%;脱贫人口务工规模11.94万人,完成全年任务的101.96%。"
    good = read_targets(_table(tmp_path, ["省级,(1),就业,城镇新增就业,人,18830", "省级,(1),就业,脱贫人口务工规模,万人,11.71"]), rules)
    assert codes(flags(text, rules, good)) == [("OVER_TARGET", "info")]
    wrong = read_targets(_table(tmp_path, ["省级,(1),就业,城镇新增就业,人,28830", "省级,(1),就业,脱贫人口务工规模,万人,11.71"]), rules)
    got = [f for f in flags(text, rules, wrong) if f.code == "PERCENT_MISMATCH"]
    assert len(got) == 1 and got[0].metric == "城镇新增就业" and got[0].expected == "16.26%" and got[0].target_row == 2
    assert got[0].match == "level+item+metric"


def test_table_unit_mismatch_missing_and_ambiguous(tmp_path, rules):
    text = "(一)省级民生实事\n(1)城镇新增就业4687人,完成全年任务的24.89%。\n(2)新建站点12个,完成全年任务的50%。"
    t = read_targets(_table(tmp_path, ["省级,(1),就业,城镇新增就业,万元,18830"]), rules)
    assert ("UNIT_MISMATCH", "error") in codes(flags(text, rules, t))
    assert ("TARGET_MISSING", "info") in codes(flags(text, rules, t))
    amb = read_targets(_table(tmp_path, ["省级,(2),站点,新建站点甲,个,24", "省级,(2),站点,新建站点乙,个,20"]), rules)
    got = [f for f in flags(text, rules, amb) if f.code == "TARGET_AMBIGUOUS"]
    assert len(got) == 1 and "2、3" in got[0].found


def test_sentence_form_target_table(tmp_path, rules):
    p = _table(tmp_path, ['省级,(1),更新义务教育学校设备,"补充配置电脑26170台,建设物理化学生物考室174个"'],
               header="level,item,project,annual_target")
    rows = read_targets(p, rules)
    assert [(r.metric, r.unit, str(r.annual_target)) for r in rows] == [("补充配置电脑", "台", "26170"),
                                                                       ("建设物理化学生物考室", "个", "174")]
    x = extract_file(SEED_TXT, rules)
    got = [f for f in check(x, rules, rows) if f.item == "(1)"]
    assert got == []


@pytest.mark.parametrize("rows,header,row,column", [
    (["省级,(1),就业,城镇新增就业,人,18830"], "level,item,project,metric,annual_target_x", 1, "annual_target"),
    (["省级,(1),就业,城镇新增就业,人,很多"], None, 2, "annual_target"),
    (["省级,(1),就业,城镇新增就业,人,1", "省级,(1),就业,城镇新增就业,人,2"], None, 3, "metric"),
    (["省级,(1),就业,城镇新增就业,斤两,1"], None, 2, "unit"),
])
def test_bad_target_table_names_row_and_column(tmp_path, rules, rows, header, row, column):
    from extract.checks.targets import TargetTableError

    p = _table(tmp_path, rows, header or "level,item,project,metric,unit,annual_target")
    with pytest.raises(TargetTableError) as e:
        read_targets(p, rules)
    assert e.value.row == row and e.value.column == column and str(p) in str(e.value)


def test_formula_cell_in_xlsx_is_refused(tmp_path, rules):
    from openpyxl import Workbook

    from extract.checks.targets import TargetTableError

    wb = Workbook()
    ws = wb.active
    ws.append(["level", "item", "project", "metric", "unit", "annual_target"])
    ws.append(["省级", "(1)", "就业", "城镇新增就业", "人", "=100*2"])
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(TargetTableError) as e:
        read_targets(tmp_path / "t.xlsx", rules)
    assert e.value.row == 2 and e.value.column == "F"


def test_seed_with_targets_matches_golden_flags(rules):
    x = extract_file(SEED_TXT, rules)
    got = [dict(code=f.code, severity=f.severity, item=f.item, expected=f.expected, found=f.found)
           for f in check(x, rules, load_targets(SAMPLES / "yueyang-targets-2025.csv", rules))]
    with open(GOLDEN / "yueyang-minsheng-2025-01.flags.jsonl", encoding="utf-8") as fh:
        want = [json.loads(line) for line in fh if line.strip()]
    assert got == want
    assert not [f for f in got if f["severity"] == "error"]


@pytest.mark.parametrize("doc", ["001", "008"])
def test_corpus_with_targets_in_text_raises_no_error(doc, rules):
    from conftest import CORPUS, CORPUS_MISSING

    if not CORPUS.is_dir():
        pytest.skip(CORPUS_MISSING)
    x = extract_file(CORPUS / "docs" / f"{doc}.txt", rules)
    fs = check(x, rules)
    assert not [f for f in fs if f.severity == "error"]
    assert {f.code for f in fs} <= {"OVER_TARGET", "BEHIND_SCHEDULE"}


CLEAN_PARAGRAPHS = [
    # the done figure, not a part or work in progress after it, carries the completion
    "(1)公共充电桩建设。计划建设充电桩1000个,已建成520个,其中快充桩200个,完成全年任务的52%。",
    "(2)老旧小区改造。年度目标任务改造老旧小区120个。已完工36个,正在建设48个,完成全年任务的30%。",
    "(3)农村危房改造。全年任务1500户,已完成1200户,其中特困户300户,完成率80%。",
    # the set a figure is drawn from is not its target
    "(4)重点项目。全市126个续建项目中已完工38个,完成年度任务的76%。",
    # of two plans, the one the figure repeats
    "(5)学校建设。全年计划新建学校10所、改造学校20所,已新建8所,完成全年任务的80%。",
    # a share of a larger unit's task, a rate measured on its own work
    "(6)户厕改造。我县承担农村户厕改造任务2000户,占全市目标任务的18%。热线受理群众诉求8.6万件,办结8.52万件,办结率99.1%。",
]


@pytest.mark.parametrize("text", CLEAN_PARAGRAPHS, ids=[t[:3] for t in CLEAN_PARAGRAPHS])
def test_clean_paragraphs_raise_nothing(text, rules):
    """Correct arithmetic in the shapes that once drew a completion onto the wrong figure."""
    got = [(f.code, f.message) for f in flags(text, rules) if f.severity in ("error", "warning")]
    assert got == []
