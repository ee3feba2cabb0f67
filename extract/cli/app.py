"""`bulletin`: a thin click shell over the library API.

Standard output carries only the data asked for; progress, errors and the
summary go to standard error. Exit codes: 0 clean, 1 a file failed, 2 usage.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import click

from .. import api
from ..errors import BulletinError, ReadError, RuleError
from ..models import Document, Record
from ..read.files import ENGINES
from ..rules import RuleSet
from .batch import Batch, batch_options, err, open_out
from .options import FORMATS, choose_format, load_ruleset, open_history, rules_option, target_table
from .series import history_cmd, ingest_cmd, rollup_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bulletin", message="bulletin %(version)s")
def cli() -> None:
    """bulletin: 从政府工作专报、简报、通报中提取数据并核对。"""


# Commands over series of issues and county submissions live in their own module.
for _command in (ingest_cmd, history_cmd, rollup_cmd):
    cli.add_command(_command)


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="输出文件;省略时以 JSONL 写到标准输出。")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="输出格式;省略时按 -o 的扩展名判断。")
@click.option("--documents", "docs_out", type=click.Path(dir_okay=False), help="另存每个文件的文档信息 (格式按扩展名)。")
@batch_options
@rules_option
def extract_cmd(paths: tuple[str, ...], out: Optional[str], fmt: Optional[str], docs_out: Optional[str],
                workers: int, max_pages: int, timeout: float, engine: str, errors_path: Optional[str], quiet: bool,
                cross_check: bool, rules_dirs: tuple[str, ...]) -> None:
    """提取每个数据 (数字+单位、完成百分比) 为一条记录。PATHS 可以是文件或文件夹。"""
    fmt = choose_format(fmt, out)
    docs_fmt = choose_format(None, docs_out) if docs_out else None
    load_ruleset(rules_dirs)
    import shutil
    import tempfile

    from ..output.write import TableWriter, write

    batch = Batch.start(paths, workers, timeout, max_pages, engine, rules_dirs, quiet)
    batch.opts.spool_dir = spool_dir = tempfile.mkdtemp(prefix="bulletin-")
    documents: list[Document] = []
    try:
        with open_out(out) as fh:
            writer = TableWriter(Record, fmt, fh)
            for result in batch:  # a file's records go out whole, once it is done, or not at all
                documents.append(result.document)
                if cross_check:  # outside the worker: pdfplumber's slow second reading is not the file's time
                    _warn_cross_check(result, rules_dirs)
                with open(result.path, "rb") as spool:
                    for line in spool:
                        writer.add_line(line)
                os.unlink(result.path)
                fh.flush()
            writer.close()
    finally:
        shutil.rmtree(spool_dir, ignore_errors=True)
    if docs_out and docs_fmt:
        with open_out(docs_out) as fh:
            write(documents, Document, docs_fmt, fh)
    batch.finish(errors_path)
    n_rec = sum(d.n_records for d in documents)
    err(f"完成: 共 {len(batch.files)} 个文件, 成功 {len(documents)} 个, 失败 {len(batch.failed)} 个; 提取数据 {n_rec} 条")
    sys.exit(1 if batch.failed else 0)


def _warn_cross_check(result, rules_dirs: tuple[str, ...]) -> None:
    """--cross-check on extract: PDFium's figures against pdfplumber's, as warnings on standard error."""
    from ..crosscheck import cross_check as run_cross_check
    from ..models import Extraction

    if result.document.extractor != "pdfium":
        return
    with open(result.path, "rb") as spool:
        records = [Record.model_validate_json(line) for line in spool if line.strip()]
    for f in run_cross_check(Extraction(document=result.document, records=records, text=""), load_ruleset(rules_dirs)):
        err(f"警告: {f.source} 第{f.page}页: {f.message}")


def _all_checks(result, rules, targets, as_of, tolerance, schedule_margin, history, cross_check, parts) -> list:
    """Every check asked for on one document: its own, against history, both engines, county parts."""
    sha = None
    if history is not None:
        from ..series.history import file_hash

        sha = file_hash(result.document.source)
    found = api.check(result, rules, targets, as_of=as_of, tolerance=tolerance, schedule_margin=schedule_margin,
                      history=history, sha256=sha)
    if cross_check:
        from ..crosscheck import cross_check as run_cross_check

        found += run_cross_check(result, rules)
    if parts:
        from ..series.rollup import check_rollup

        found += check_rollup(result, parts)
    return found


def _as_of(ctx, param, value: Optional[str]):
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"日期应为 YYYY-MM-DD 格式, 而不是 {value!r}") from None


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False), help="目标表 (CSV 或 XLSX)。")
@click.option("--as-of", callback=_as_of, help="统计截止日期 YYYY-MM-DD, 用于计算序时进度 (默认取文中日期)。")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="把问题清单写入文件 (csv/jsonl/xlsx)。")
@click.option("--format", "fmt", type=click.Choice(("table",) + FORMATS), help="输出格式, 默认在终端显示表格。")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), default="error", show_default=True,
              help="出现该级别或更严重的问题时退出码为 1。")
@click.option("--accept", "accept_path", type=click.Path(dir_okay=False),
              help="已审核可接受的问题清单 (JSONL 或 CSV), 再次出现时不再报告。")
@click.option("--tolerance", type=click.FloatRange(0), default=0.0, show_default=True,
              help="完成百分比额外允许的误差 (百分点)。")
@click.option("--schedule-margin", type=click.FloatRange(0), default=None,
              help="落后序时进度多少个百分点才报告 (默认 10)。")
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help="历史数据库 (bulletin ingest 写入); 给出时与同一系列的上一期比较。")
@click.option("--parts", "parts_paths", multiple=True, type=click.Path(),
              help="各县市区报送的文件或文件夹 (可多次使用); 核对市级数字是否等于各县之和。")
@batch_options
@rules_option
def check_cmd(paths, targets_path, as_of, out, fmt, fail_on, accept_path, tolerance, schedule_margin, db_path,
              parts_paths, workers, max_pages, timeout, engine, errors_path, quiet, cross_check, rules_dirs) -> None:
    """核对数据: 完成百分比、分项合计、% 号、序时进度、序号、日期、错别字。"""
    from ..models import Flag
    from ..output.report_text import render_flags, load_accepted, flag_key

    if fmt is None:
        fmt = choose_format(None, out) if out else "table"
    elif out and fmt != "table":
        fmt = choose_format(fmt, out)
    if fmt == "table" and out:
        raise click.UsageError("表格格式只能显示在终端; 写文件请用 csv/jsonl/xlsx")
    rules = load_ruleset(rules_dirs)
    targets = target_table(targets_path, rules)
    from ..output.report_text import AcceptFileError

    try:
        accepted = load_accepted(accept_path) if accept_path else set()
    except AcceptFileError as e:
        raise click.UsageError(f"已接受问题清单有误: {e}") from None
    history = open_history(db_path, must_exist=True) if db_path else None
    parts = []
    if parts_paths:
        part_batch = Batch.start(parts_paths, workers, timeout, max_pages, engine, rules_dirs, True)
        parts = list(part_batch)
        if part_batch.failed:
            err(f"警告: {len(part_batch.failed)} 个县市区文件读取失败, 合计核对不完整")
    batch = Batch.start(paths, workers, timeout, max_pages, engine, rules_dirs, quiet)
    flags: list[Flag] = []
    docs: list[Document] = []
    suppressed = 0
    for result in batch:
        try:
            found = _all_checks(result, rules, targets, as_of, tolerance, schedule_margin, history, cross_check, parts)
        except Exception as e:  # a bug in one check must not cost the batch
            batch.fail(result.document.source, e)
            continue
        docs.append(result.document)
        kept = [f for f in found if flag_key(f) not in accepted]
        suppressed += len(found) - len(kept)
        flags.extend(kept)
        batch.set_flags(result.document.source, len(kept))
    failed = batch.failed
    files = batch.files
    from ..output.write import write

    if fmt == "table":
        click.get_binary_stream("stdout").write(render_flags(flags, docs).encode("utf-8"))
    else:
        with open_out(out) as fh:
            write(flags, Flag, fmt, fh)
    batch.finish(errors_path, with_flags=True)
    counts = {s: sum(1 for f in flags if f.severity == s) for s in ("error", "warning", "info")}
    err(f"核对完成: 共 {len(files)} 个文件, 失败 {len(failed)} 个; 错误 {counts['error']} 条, "
         f"警告 {counts['warning']} 条, 提示 {counts['info']} 条" + (f"; 已接受 {suppressed} 条" if suppressed else ""))
    worst = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}[fail_on]
    sys.exit(1 if failed or any(f.severity in worst for f in flags) else 0)


@cli.command("report")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="报告文件: review.html (网页) 或 review.xlsx (Excel)。")
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False), help="目标表 (CSV 或 XLSX)。")
@click.option("--as-of", callback=_as_of, help="统计截止日期 YYYY-MM-DD (默认取文中日期)。")
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help="历史数据库; 给出时报告各项在历次专报中的变化, 并与上一期比较。")
@batch_options
@rules_option
def report_cmd(paths, out, targets_path, as_of, db_path, workers, max_pages, timeout, engine, errors_path, quiet,
               cross_check, rules_dirs) -> None:
    """生成供编辑审阅的报告: 高亮原文中的数据和问题, 列出各项进度 (HTML 或 Excel)。"""
    from ..output.report import Reviewed, render_html
    from ..output.report_xlsx import write_review_xlsx

    kind = Path(out).suffix.lower()
    if kind not in (".html", ".htm", ".xlsx"):
        raise click.UsageError("报告文件应以 .html 或 .xlsx 结尾")
    rules = load_ruleset(rules_dirs)
    targets = target_table(targets_path, rules)
    history = open_history(db_path, must_exist=True) if db_path else None
    batch = Batch.start(paths, workers, timeout, max_pages, engine, rules_dirs, quiet)
    docs = []
    for result in batch:
        try:
            flags = _all_checks(result, rules, targets, as_of, 0, None, history, cross_check, [])
        except Exception as e:  # a bug in one check must not cost the batch
            batch.fail(result.document.source, e)
            continue
        batch.set_flags(result.document.source, len(flags))
        docs.append(Reviewed(result, flags))
    with open_out(out) as fh:
        if kind == ".xlsx":
            write_review_xlsx(docs, batch.failed, fh, as_of)
        else:
            fh.write(render_html(docs, batch.failed, as_of, history=history).encode("utf-8"))
    batch.finish(errors_path, with_flags=True)
    n_err = sum(1 for d in docs for f in d.flags if f.severity == "error")
    err(f"报告已生成: {out} ({len(docs)} 个文件, {sum(len(d.extraction.records) for d in docs)} 条数据, "
         f"{sum(len(d.flags) for d in docs)} 个问题, 读取失败 {len(batch.failed)} 个)")
    sys.exit(1 if batch.failed or n_err else 0)


@cli.command("text")
@click.argument("path", type=click.Path())
@rules_option
@click.option("--engine", type=click.Choice(ENGINES), default="auto", show_default=True, help="PDF 文字提取引擎。")
def text_cmd(path: str, rules_dirs: tuple[str, ...], engine: str) -> None:
    """打印清理后的文档文本 (记录的 start/end 偏移量即指向此文本)。"""
    rules = load_ruleset(rules_dirs)
    stdout = click.get_binary_stream("stdout")
    try:
        for window in api.extract_stream(path, rules, engine=engine):  # the same windows as `extract`
            stdout.write(window.text.encode("utf-8"))
    except ReadError as e:
        err(f"错误: {path}: {e.message} [{e.code}]")
        sys.exit(1)


@cli.group("rules")
def rules_group() -> None:
    """规则文件相关命令。"""


@rules_group.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
def rules_check(directory: Optional[str]) -> None:
    """运行规则自带的示例与反例;给出 DIRECTORY 时检查该目录下的用户规则 (与内置规则合并)。"""
    from ..examples import run_examples

    rules = load_ruleset((directory,) if directory else ())
    results = run_examples(rules)
    bad = [r for r in results if not r.ok]
    for r in bad:
        err(f"失败: {r.file}:{r.rule_id}: {r.message}")
    err(f"规则示例: 共 {len(results)} 条, 通过 {len(results) - len(bad)} 条, 失败 {len(bad)} 条")
    sys.exit(1 if bad else 0)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except BulletinError as e:  # pragma: no cover - the commands map their own errors
        err(f"错误: {e}")
        sys.exit(1)
    except KeyboardInterrupt:
        err("已中断")
        sys.exit(130)
    except BrokenPipeError:  # `bulletin extract … | head`: the reader has what it wanted
        try:
            sys.stdout = None  # type: ignore[assignment]
        finally:
            os._exit(0)


if __name__ == "__main__":
    main()

