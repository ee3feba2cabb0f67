"""The batch side of the command line: options shared by `extract` and `check`, and a runner
that reports failures as they come and keeps one summary row per input."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import BinaryIO, Iterator, Optional

import click

from .. import api
from ..models import FileError
from ..read.files import ENGINES


def err(msg: str) -> None:
    click.echo(msg, err=True)


@contextmanager
def open_out(out: Optional[str]) -> Iterator[BinaryIO]:
    """The output file, or standard output (left open) when there is none."""
    if out is None:
        yield click.get_binary_stream("stdout")
        return
    try:
        fh = open(out, "wb")
    except OSError as e:
        raise click.UsageError(f"无法写入输出文件 {out}: {e.strerror}") from None
    with fh:
        yield fh


def batch_options(f):
    """--workers, --timeout, --max-pages, --engine, --cross-check, --errors, --quiet: shared by extract and check."""
    f = click.option("--quiet", "-q", is_flag=True, help="不显示进度和汇总表。")(f)
    f = click.option("--cross-check", is_flag=True,
                     help="PDF 用两种引擎各读一遍, 报告数字不一致之处 (较慢)。")(f)
    f = click.option("--errors", "errors_path", type=click.Path(dir_okay=False),
                     help="把每个文件的处理结果 (汇总表) 另存为 CSV。")(f)
    f = click.option("--engine", type=click.Choice(ENGINES), default="auto", show_default=True,
                     help="PDF 文字提取引擎: auto/pdfium (快) 或 pdfplumber。")(f)
    f = click.option("--timeout", type=click.FloatRange(0), default=120.0, show_default=True,
                     help="单个文件的处理时限 (秒), 0 表示不限。")(f)
    f = click.option("--max-pages", default=5000, show_default=True, type=click.IntRange(1),
                     help="单个 PDF 的页数上限。")(f)
    f = click.option("--workers", "-j", type=click.IntRange(0), default=0,
                     help="并行进程数, 默认等于 CPU 核数。")(f)
    return f


class Batch:
    """Runs the files, reports failures as they come, and keeps one summary row per input."""

    def __init__(self, paths, workers, timeout, max_pages, engine, rules_dirs, quiet, spool_dir=None):
        from ..batch import BatchOptions

        self.files = api.expand_paths(paths)
        self.opts = BatchOptions(workers=workers, timeout=timeout, max_pages=max_pages,
                                 rules_dirs=tuple(rules_dirs), engine=engine, spool_dir=spool_dir)
        self.quiet = quiet
        self.rows: list[dict] = []
        self.failed: list[FileError] = []

    @classmethod
    def start(cls, paths, workers, timeout, max_pages, engine, rules_dirs, quiet, spool_dir=None) -> "Batch":
        """The batch of PATHS; with no supported file among them, a clear message and exit code 1.

        With `spool_dir`, results are batch.Spooled: records wait in files there, not in memory."""
        batch = cls(paths, workers, timeout, max_pages, engine, rules_dirs, quiet, spool_dir)
        if not batch.files:
            err("错误: 没有找到可处理的文件 (支持 .txt .pdf .docx .xlsx .ofd)")
            sys.exit(1)
        return batch

    def __iter__(self):
        from ..batch import Progress, run_batch

        progress = Progress(len(self.files), enabled=not self.quiet)
        try:
            for result in run_batch(self.files, self.opts, on_done=progress):
                if isinstance(result, FileError):
                    self.failed.append(result)
                    err(f"错误: {result.source}: {result.message} [{result.code}]")
                    self.rows.append(dict(file=result.source, status="失败", pages="", figures="", flags="",
                                          reason=f"{result.message} [{result.code}]"))
                    continue
                d = result.document
                self.rows.append(dict(file=d.source, status="成功", pages=d.pages, figures=d.n_records, flags="",
                                      reason=""))
                yield result
        finally:
            progress.close()

    def fail(self, source: str, exc: Exception) -> None:
        """A file whose checking failed: one line, a failed row, and the batch goes on."""
        err = FileError(source=source, code="internal_error", message=f"核对时出现内部错误 ({type(exc).__name__}: {exc})")
        self.failed.append(err)
        err(f"错误: {err.source}: {err.message} [{err.code}]")
        for row in self.rows:
            if row["file"] == source and row["status"] == "成功":
                row.update(status="失败", reason=f"{err.message} [{err.code}]")

    def set_flags(self, source: str, n: int) -> None:
        for row in self.rows:
            if row["file"] == source and row["status"] == "成功":
                row["flags"] = n

    def finish(self, errors_path: Optional[str], with_flags: bool = False) -> None:
        if errors_path:
            import csv
            import io

            from ..output.write import safe_cell

            buf = io.StringIO(newline="")
            w = csv.DictWriter(buf, fieldnames=["file", "status", "pages", "figures", "flags", "reason"],
                               lineterminator="\r\n")
            w.writeheader()
            for row in self.rows:
                w.writerow({k: safe_cell(v) for k, v in row.items()})
            with open_out(errors_path) as fh:
                fh.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
        if not self.quiet and len(self.rows) > 1:
            err("文件\t状态\t页数\t数据\t" + ("问题\t" if with_flags else "") + "原因")
            for row in self.rows:
                cells = [row["file"], row["status"], row["pages"], row["figures"]] + \
                        ([row["flags"]] if with_flags else []) + [row["reason"]]
                err("\t".join(str(c) for c in cells))
