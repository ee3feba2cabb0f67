"""History at scale: ingest N synthetic bulletins (default 10,000) into SQLite, then time queries.

Each bulletin is one issue of one of ten series, with six figures (three with a
completion percentage). Prints ingest rate and the time of a history query and of
finding the previous issue. Usage: python bench/history_speed.py [--n 10000]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def bulletin(series: int, issue: int) -> str:
    month = 1 + issue % 12
    return (f"第{series}县民生实事专报(第{issue}期)\n2025年{month}月28日\n截至{month}月25日,进展如下。\n"
            f"(1)更新设备。已完成补充配置电脑{1000 + issue}台,完成全年任务的{(1000 + issue) / 400:.2f}%。\n"
            f"(2)促进就业。城镇新增就业{2000 + 3 * issue}人,完成全年任务的{(2000 + 3 * issue) / 900:.2f}%。\n"
            f"(3)新建充电桩{50 + issue % 40}个,完成率{(50 + issue % 40) / 1.2:.1f}%;培训{300 + issue}人次。\n"
            f"(4)投资{12.5 + issue / 100:.2f}亿元,惠及{8 + issue % 5}万人。\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    args = ap.parse_args()
    from extract import check, extract_text, load_rules
    from extract.series.history import connect, ingest, previous_issue, trajectory

    rules = load_rules()
    db = Path(tempfile.mkdtemp()) / "history.db"
    conn = connect(db)
    t = time.perf_counter()
    for i in range(args.n):
        series, issue = i % 10, i // 10 + 1
        x = extract_text(bulletin(series, issue), source=f"s{series}-{issue}.txt", rules=rules)
        ingest(conn, x, check(x, rules), sha256=f"{series}-{issue}")
    t_ingest = time.perf_counter() - t
    n_rec = conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    t = time.perf_counter()
    rows = trajectory(conn, item="(1)", series="第3县民生实事专报")
    t_query = time.perf_counter() - t
    t = time.perf_counter()
    prev = previous_issue(conn, "第3县民生实事专报", args.n // 10, None)
    t_prev = time.perf_counter() - t
    print(f"ingest: {args.n} bulletins, {n_rec} records in {t_ingest:.1f} s ({args.n / t_ingest:.0f} bulletins/s, "
          f"extraction and checks included); database {db.stat().st_size / 1e6:.1f} MB")
    print(f"history query (one item of one series): {len(rows)} rows in {t_query * 1000:.1f} ms")
    print(f"previous issue lookup: issue {prev['issue_no'] if prev else None} in {t_prev * 1000:.2f} ms")


if __name__ == "__main__":
    main()
