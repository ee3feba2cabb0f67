"""Document header and section structure."""
from extract import extract_text

DOC = """某某县民生实事工作领导小组办公室
民生实事工作简报
第十二期
二〇二五年十月八日
截至9月底,全县民生实事进展如下。
一、总体情况
全县30项民生实事已完成19项。
二、分项进展
(一)教育
1.新建幼儿园5所。已完成3所,完成率60%。
2.新增学位1000个,完成全年任务的45%。
(二)就业
①城镇新增就业1200人,完成率80%。
县人社局:开展培训320人次。
"""


def test_header_with_chinese_numeral_dates():
    x = extract_text(DOC)
    d = x.document
    assert d.title == "民生实事工作简报"
    assert d.issue_no == 12
    assert str(d.issue_date) == "2025-10-08"
    assert str(d.as_of) == "2025-09-30"
    assert d.issuer == "某某县民生实事工作领导小组办公室"


def test_sections_levels_items():
    recs = {(r.value, r.unit): r for r in extract_text(DOC).records}
    r = recs[(3, "所")]
    assert (r.level, r.item, r.project, str(r.percent), str(r.target)) == ("分项进展", "1.", "新建幼儿园5所", "60", "5")
    assert recs[(5, "所")].role == "target"
    assert recs[(1000, "个")].item == "2." and str(recs[(1000, "个")].percent) == "45"
    assert recs[(1200, "人")].item == "①" and recs[(1200, "人")].section.endswith("(二)就业 > ①城镇新增就业1200人")
    assert recs[(320, "人次")].level == "县人社局" and recs[(320, "人次")].item == ""
    assert recs[(19, "项")].level == "总体情况"


def test_percentages_of_named_counties_name_them(rules):
    text = "二、各县市区进展\n排名后三位的是北岭县(完成率51.2%)、中坪区(53.6%)和石桥县(55.0%)。"
    recs = extract_text(text, rules=rules).records
    assert [(r.place, r.metric, str(r.percent), r.value) for r in recs] == [
        ("北岭县", "完成率", "51.2", None), ("中坪区", "完成率", "53.6", None), ("石桥县", "完成率", "55.0", None)]


def test_a_year_and_issue_line_is_not_the_title(rules):
    from extract import extract_text

    x = extract_text("经济运行简报\n2025年第5期\n\n一、总体情况\n1-5月,全市实现地区生产总值1286.5亿元,同比增长6.2%。\n", rules=rules)
    d = x.document
    assert (d.title, d.series, d.issue_no) == ("经济运行简报", "经济运行简报", 5)
