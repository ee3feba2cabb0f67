"""Many files: in parallel processes, in input order, each with a time and page limit.

A file that fails, hangs or crashes its worker is a FileError value; the batch
goes on and every input is accounted for in the summary.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor, TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional, Union

from .models import Document, Extraction, FileError, Record
from .rules import load_rules


@dataclass
class BatchOptions:
    workers: int = 0               # 0: the number of cores
    timeout: float = 120.0         # seconds per file
    max_pages: int = 5000
    rules_dirs: tuple[str, ...] = ()
    engine: str = "auto"
    spool_dir: Optional[str] = None  # set: records go to a JSONL file there, window by window (Spooled)


@dataclass
class Spooled:
    """A file extracted window by window into a spool file (JSONL lines as `write.to_dict` gives them),
    so that neither the worker nor the parent ever holds a long document's records."""

    document: Document
    path: str


Result = Union[Extraction, Spooled, FileError]


def _one(path: str, opts: BatchOptions) -> Result:
    from .api import extract_or_error

    rules = load_rules(opts.rules_dirs)
    if opts.spool_dir is not None:
        return spool_file(path, opts, rules)
    return extract_or_error(path, rules, max_pages=opts.max_pages, engine=opts.engine)


def spool_file(path: str, opts: BatchOptions, rules) -> Union[Spooled, FileError]:
    """Extract one file into a new spool file in `opts.spool_dir`; a failure leaves no spool behind."""
    import tempfile

    from .api import extract_stream, file_error
    from .output.write import TableWriter

    fd, spool = tempfile.mkstemp(suffix=".jsonl", dir=opts.spool_dir)
    try:
        with os.fdopen(fd, "wb") as fh:
            writer = TableWriter(Record, "jsonl", fh)
            doc = None
            early = False  # records written before the document stated its as-of date
            for window in extract_stream(path, rules, max_pages=opts.max_pages, engine=opts.engine):
                early = early or (window.document.as_of is None and bool(window.records))
                for r in window.records:
                    writer.add(r)
                doc = window.document
                del window
        if doc is None:
            raise RuntimeError("no document")
        if doc.as_of is not None and early:
            _fill_as_of(spool, doc.as_of.isoformat())
        return Spooled(document=doc, path=spool)
    except Exception as e:  # a bad file, or a bug: this file only
        try:
            os.unlink(spool)
        except OSError:
            pass
        return file_error(path, e)


def _timeout_error(path: str, opts: BatchOptions) -> FileError:
    return FileError(source=path, code="timeout", message=f"处理超过 {opts.timeout:g} 秒,已放弃")


def run_batch(paths: list[Path], opts: BatchOptions,
              on_done: Optional[Callable[[Result], None]] = None) -> Iterator[Result]:
    """Results in input order. One worker runs in-process; more use a process pool."""
    workers = opts.workers or os.cpu_count() or 1
    files = [str(p) for p in paths]
    guarded = opts.timeout > 0 and any(_needs_guard(f) for f in files)
    if (workers <= 1 and not guarded) or (len(files) == 1 and not guarded):
        for f in files:  # in-process: nothing here needs a time limit enforced from outside
            result = _one(f, opts)
            if on_done:
                on_done(result)
            yield result
        return
    # A time limit needs a process that can be stopped: worker processes, restarted after a timeout.
    yield from _parallel(files, opts, max(1, min(workers, len(files))), on_done)


def _needs_guard(path: str) -> bool:
    """PDFs are where hostile input hangs a parser; small text files need no process of their own."""
    try:
        return Path(path).suffix.lower() == ".pdf" or Path(path).stat().st_size > 20_000_000
    except OSError:
        return False


def _kill(pool: ProcessPoolExecutor) -> None:
    for proc in list(getattr(pool, "_processes", {}).values()):
        try:
            proc.terminate()
        except Exception:
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def _fill_as_of(spool: str, as_of: str) -> None:
    """Give the records of windows read before the as-of date was found that date, line by line."""
    import json

    patched = spool + ".tmp"
    with open(spool, "rb") as src, open(patched, "wb") as dst:
        for line in src:
            row = json.loads(line)
            if row.get("as_of") is None:
                row["as_of"] = as_of
                line = json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n"
            dst.write(line)
    os.replace(patched, spool)


def _ready() -> bool:
    """Run in each new worker: it pays for its imports and rules before any file's clock starts."""
    from .api import extract_file

    load_rules()
    return callable(extract_file)


def _new_pool(workers: int, opts: BatchOptions) -> ProcessPoolExecutor:
    """Worker processes started and warmed up, so a time limit measures work, not start-up."""
    pool = ProcessPoolExecutor(max_workers=workers)
    for fut in [pool.submit(_ready) for _ in range(workers)]:
        fut.result()
    return pool


def _parallel(files: list[str], opts: BatchOptions, workers: int, on_done) -> Iterator[Result]:
    pool = _new_pool(workers, opts)
    try:
        futures = [pool.submit(_one, f, opts) for f in files]
        for i, f in enumerate(files):
            fut = futures[i]
            try:
                # Files ahead of it shared the workers; give each its own limit from when we wait for it.
                result = fut.result(timeout=opts.timeout if opts.timeout > 0 else None)
            except FutureTimeout:
                result = _timeout_error(f, opts)
                # A stuck worker would hold the pool: restart it for the files still to come.
                _kill(pool)
                pool = _new_pool(workers, opts)
                futures[i + 1:] = [pool.submit(_one, g, opts) for g in files[i + 1:]]
            except Exception as e:
                result = FileError(source=f, code="crashed", message=f"处理进程异常退出 ({type(e).__name__})")
                if "BrokenProcessPool" in type(e).__name__:
                    pool = _new_pool(workers, opts)
                    futures[i + 1:] = [pool.submit(_one, g, opts) for g in files[i + 1:]]
            if on_done:
                on_done(result)
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class Progress:
    """A rich progress bar on a terminal; plain lines on standard error otherwise."""

    def __init__(self, total: int, enabled: bool = True):
        self.total, self.done, self.enabled = total, 0, enabled
        self.bar = None
        if enabled and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn

            self.bar = RichProgress(TextColumn("处理文件"), BarColumn(), MofNCompleteColumn(),
                                    TextColumn("{task.description}"), transient=True)
            self.task = self.bar.add_task("", total=total)
            self.bar.start()

    def __call__(self, result: Result) -> None:
        self.done += 1
        name = result.source if isinstance(result, FileError) else result.document.source
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=Path(name).name)
        elif self.enabled and self.total > 1:
            status = "失败" if isinstance(result, FileError) else "完成"
            print(f"[{self.done}/{self.total}] {status} {name}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
