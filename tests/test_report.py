"""The review report: escaped HTML that works in a real browser, and an Excel workbook."""
import shutil

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from extract.cli import cli

TARGETS = SAMPLES / "yueyang-targets-2025.csv"
PLANTED = SAMPLES / "yueyang-minsheng-2025-01-planted.txt"


def _report(tmp_path, *paths, name="review.html"):
    out = tmp_path / name
    res = CliRunner().invoke(cli, ["report", *map(str, paths), "--targets", str(TARGETS), "-o", str(out), "-q"])
    return res, out


def test_html_report_of_planted_errors(tmp_path):
    res, out = _report(tmp_path, PLANTED)
    assert res.exit_code == 1  # two error-level flags are planted
    html = out.read_text(encoding="utf-8")
    assert html.count('class="fig fig-progress') >= 20 and 'fig-target' in html and 'fig-other' in html
    assert "PERCENT_MISMATCH" in html and "SUM_MISMATCH" in html and "PERCENT_SIGN_MISSING" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    assert "<svg" in html and "序时进度 23.01%" in html and 'id="progress-0"' in html


def test_document_text_is_escaped(tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text('测试专报\n(1)<script>alert(1)</script>新建5个,完成全年任务的50%。\n'
                    '(2)"><img src=x onerror=alert(2)>新增就业12人,完成率40%。\n', encoding="utf-8")
    res, out = _report(tmp_path, evil)
    html = out.read_text(encoding="utf-8")
    body = html.split("<script>")  # only our own script element may exist
    assert len(body) == 2 and "alert(1)</script>" not in html
    assert "<img" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_xlsx_review_workbook(tmp_path):
    from openpyxl import load_workbook

    res, out = _report(tmp_path, PLANTED, SAMPLES / "yueyang-minsheng-2025-01.txt", name="review.xlsx")
    assert res.exit_code == 1
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "数据", "问题", "进度"]
    data = wb["数据"]
    header = [c.value for c in data[2]]
    assert data["A1"].value == "文件" and header[0] == "source"
    row = next(r for r in data.iter_rows(min_row=3, values_only=True) if r[header.index("value")] == 5698)
    assert row[header.index("unit")] == "台" and row[header.index("item")] == "(1)"
    issues = wb["问题"]
    codes = [r[0] for r in issues.iter_rows(min_row=3, values_only=True)]
    assert "PERCENT_MISMATCH" in codes and "SUM_MISMATCH" in codes
    first_error = next(i for i, c in enumerate(codes, start=3) if c == "PERCENT_MISMATCH")
    assert issues.cell(row=first_error, column=1).fill.fgColor.rgb.endswith("F8CBCB")
    prog = wb["进度"]
    ph = [c.value for c in prog[2]]
    cell = prog.cell(row=3, column=ph.index("percent") + 1)
    assert cell.number_format == "0.00%" and 0 < cell.value < 2
    assert data.freeze_panes == "A3" and data.auto_filter.ref.startswith("A2")


def test_xlsx_neutralizes_formulas(tmp_path):
    from openpyxl import load_workbook

    evil = tmp_path / "evil.txt"
    evil.write_text("=HYPERLINK(\"http://x\",\"y\")新增就业12人,完成率40%。", encoding="utf-8")
    res, out = _report(tmp_path, evil, name="r.xlsx")
    ws = load_workbook(out)["数据"]
    for row in ws.iter_rows(min_row=3, values_only=True):
        for v in row:
            assert not (isinstance(v, str) and v.startswith("="))


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Debian chromium and chromium-driver not installed (.ci/run installs them)")
def test_report_in_a_real_browser(tmp_path):
    pytest.importorskip("selenium")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    res, out = _report(tmp_path, PLANTED, SAMPLES / "yueyang-minsheng-2025-01.pdf")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                f"--user-data-dir={tmp_path / 'profile'}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    try:
        driver.get(out.as_uri())
        figs = driver.find_elements(By.CSS_SELECTOR, ".fig")
        assert len(figs) > 150
        link = driver.find_element(By.CSS_SELECTOR, "li.sev-error a[data-goto]")
        target_id = link.get_attribute("data-goto")
        link.click()
        target = driver.find_element(By.ID, target_id)
        assert "active" in target.get_attribute("class")
        assert driver.execute_script(
            "var r=arguments[0].getBoundingClientRect(); var p=arguments[0].closest('.text').getBoundingClientRect();"
            "return r.top>=p.top && r.bottom<=p.bottom && r.top>=0 && r.bottom<=window.innerHeight;", target)
        header = driver.find_element(By.CSS_SELECTOR, "#progress-0 th[data-col='5']")
        header.click()  # sort by completion %
        values = [float(td.text) for td in driver.find_elements(By.CSS_SELECTOR, "#progress-0 tbody tr td:nth-child(6)")]
        assert values == sorted(values) and len(values) > 10
        figs[0].click()
        detail = driver.find_element(By.ID, "detail")
        assert detail.is_displayed() and "metric" in detail.text
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
        driver.save_screenshot(str(tmp_path / "report.png"))
        assert (tmp_path / "report.png").stat().st_size > 10_000
    finally:
        driver.quit()
