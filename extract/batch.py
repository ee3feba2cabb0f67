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

from .models import Extraction, FileError
from .rules import load_rules


@dataclass
class BatchOptions:
    workers: int = 0               # 0: the number of cores
    timeout: float = 120.0         # seconds per file
    max_pages: int = 5000
    rules_dirs: tuple[str, ...] = ()
    engine: str = "auto"


def _one(path: str, opts: BatchOptions) -> Union[Extraction, FileError]:
    from .api import extract_or_error

    return extract_or_error(path, load_rules(opts.rules_dirs), max_pages=opts.max_pages, engine=opts.engine)


def _timeout_error(path: str, opts: BatchOptions) -> FileError:
    return FileError(source=path, code="timeout", message=f"处理超过 {opts.timeout:g} 秒,已放弃")


def run_batch(paths: list[Path], opts: BatchOptions,
              on_done: Optional[Callable[[Union[Extraction, FileError]], None]] = None
              ) -> Iterator[Union[Extraction, FileError]]:
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


def _parallel(files: list[str], opts: BatchOptions, workers: int, on_done) -> Iterator[Union[Extraction, FileError]]:
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

    def __call__(self, result: Union[Extraction, FileError]) -> None:
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
