"""`bulletin ingest`, `history` and `rollup`: commands over a series of issues and over county submissions."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import api
from .options import FORMATS, choose_format, load_ruleset, open_history, rules_option, target_table
from .batch import Batch, batch_options, err, open_out

db_option = click.option("--db", "db_path", default="bulletin.db", show_default=True, type=click.Path(dir_okay=False),
                         help="历史数据库 (SQLite) 文件。")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False), help="目标表, 用于同时保存核对结果。")
@batch_options
@rules_option
def ingest_cmd(paths, db_path, targets_path, workers, max_pages, timeout, engine, errors_path, quiet, cross_check,
               rules_dirs) -> None:
    """把各期专报的文档、数据和问题存入历史数据库 (同一文件不会重复存入; 更正版取代原版)。"""
    from ..series.history import file_hash, ingest

    rules = load_ruleset(rules_dirs)
    targets = target_table(targets_path, rules)
    conn = open_history(db_path)
    batch = Batch.start(paths, workers, timeout, max_pages, engine, rules_dirs, quiet)
    counts: dict[str, int] = {}
    labels = {"stored": "已存入", "duplicate": "已存在, 跳过", "superseded": "已存入, 取代同一期的旧版本"}
    for result in batch:
        try:
            flags = api.check(result, rules, targets)
            status = ingest(conn, result, flags, file_hash(result.document.source))
        except Exception as e:  # the store is left as it was: ingest is one transaction
            batch.fail(result.document.source, e)
            continue
        counts[status] = counts.get(status, 0) + 1
        d = result.document
        err(f"{labels[status]}: {d.source} ({d.series} 第{d.issue_no or '-'}期, 截至 {d.as_of or '-'})")
    conn.close()
    batch.finish(errors_path)
    err(f"入库完成: 新存入 {counts.get('stored', 0) + counts.get('superseded', 0)} 个, "
         f"重复 {counts.get('duplicate', 0)} 个, 失败 {len(batch.failed)} 个 -> {db_path}")
    sys.exit(1 if batch.failed else 0)


@click.command("history")
@db_option
@click.option("--item", help="只看该序号, 如 (1) 或 1.。")
@click.option("--metric", help="只看指标中含此文字的数据。")
@click.option("--series", help="只看该系列 (标题去掉期号)。")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="写入文件 (csv/jsonl)。")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "jsonl")), help="输出格式, 默认终端表格。")
def history_cmd(db_path, item, metric, series, out, fmt) -> None:
    """查看某项数据在各期专报中的变化。"""
    import csv
    import io
    import json

    from ..series.history import trajectory

    fmt = fmt or (Path(out).suffix.lower().lstrip(".") if out else "table")
    if fmt not in ("table", "csv", "jsonl"):
        raise click.UsageError("格式应为 table、csv 或 jsonl")
    conn = open_history(db_path, must_exist=True)
    rows = trajectory(conn, item=item, metric=metric, series=series)
    conn.close()
    if fmt == "jsonl":
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    elif fmt == "csv":
        buf = io.StringIO(newline="")
        w = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["series"], lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
        data = "\ufeff" + buf.getvalue()
    else:
        lines, last = [], None
        for r in rows:
            key = (r["series"], r["level"], r["item"], r["metric"])
            if key != last:
                lines.append(f"== {r['series']} [{r['level']}] {r['item']} {r['metric']}")
                last = key
            pct = f"  完成 {r['percent']}%" if r["percent"] is not None else ""
            lines.append(f"   第{r['issue_no'] or '-'}期 截至 {r['as_of'] or '-'}: {r['value']}{r['unit']}{pct}")
        data = "\n".join(lines) + ("\n" if lines else "没有找到数据\n")
    with open_out(out) as fh:
        fh.write(data.encode("utf-8"))


@click.command("rollup")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="汇总表: .xlsx、.csv 或 .jsonl。")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="输出格式, 默认按 -o 的扩展名; 无 -o 时为 JSONL。")
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False), help="目标表, 用于计算完成百分比。")
@batch_options
@rules_option
def rollup_cmd(paths, out, fmt, targets_path, workers, max_pages, timeout, engine, errors_path, quiet, cross_check,
               rules_dirs) -> None:
    """把各县市区报送汇总成表: 每项一行, 每县一列, 合计、目标和完成百分比。"""
    import csv
    import io
    import json

    from ..series.rollup import rollup_table
    from ..output.write import excel_cell, safe_cell

    fmt = choose_format(fmt, out)
    rules = load_ruleset(rules_dirs)
    targets = target_table(targets_path, rules)
    batch = Batch.start(paths, workers, timeout, max_pages, engine, rules_dirs, quiet)
    counties, rows = rollup_table(list(batch), targets)
    fields = ["item", "metric", "unit", *counties, "total", "target", "percent"]
    labels = {"item": "序号", "metric": "指标", "unit": "单位", "total": "合计", "target": "目标", "percent": "完成百分比"}

    def plain(v):
        return float(v) if hasattr(v, "as_tuple") and v != v.to_integral_value() else (int(v) if hasattr(v, "as_tuple") else v)
    with open_out(out) as fh:
        if fmt == "jsonl":
            fh.write("".join(json.dumps({k: plain(r.get(k)) for k in fields}, ensure_ascii=False) + "\n"
                             for r in rows).encode("utf-8"))
        elif fmt == "csv":
            buf = io.StringIO(newline="")
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow([labels.get(f, f) for f in fields])
            for r in rows:
                w.writerow([safe_cell(plain(r.get(f))) if r.get(f) is not None else "" for f in fields])
            fh.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
        else:
            from openpyxl import Workbook
            from openpyxl.styles import Font

            wb = Workbook()
            ws = wb.active
            ws.title = "汇总表"
            ws.append([labels.get(f, f) for f in fields])
            for c in ws[1]:
                c.font = Font(bold=True)
            for r in rows:
                ws.append([excel_cell(plain(r.get(f))) for f in fields])
                if r.get("percent") is not None:
                    ws.cell(row=ws.max_row, column=len(fields)).value = float(r["percent"]) / 100
                    ws.cell(row=ws.max_row, column=len(fields)).number_format = "0.00%"
            ws.freeze_panes = "D2"
            wb.save(fh)
    batch.finish(errors_path)
    err(f"汇总完成: {len(counties)} 个县市区, {len(rows)} 项, 读取失败 {len(batch.failed)} 个")
    sys.exit(1 if batch.failed else 0)
