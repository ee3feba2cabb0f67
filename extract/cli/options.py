"""Options and option handling that every command shares: formats, rules, targets, history."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from .. import api
from ..errors import RuleError
from ..rules import RuleSet, load_rules
from .batch import err

FORMATS = ("jsonl", "csv", "xlsx")


def load_ruleset(rules_dirs: tuple[str, ...]) -> RuleSet:
    try:
        return load_rules(tuple(rules_dirs))
    except RuleError as e:
        raise click.UsageError(f"规则文件有误: {e}") from None


def choose_format(fmt: Optional[str], out: Optional[str]) -> str:
    by_ext = Path(out).suffix.lower().lstrip(".") if out else None
    if by_ext and by_ext not in FORMATS:
        if fmt is None:
            raise click.UsageError(f"无法从扩展名 .{by_ext} 判断输出格式,请用 --format 指定 ({'/'.join(FORMATS)})")
        by_ext = None
    if fmt and by_ext and fmt != by_ext:
        raise click.UsageError(f"--format {fmt} 与输出文件扩展名 .{by_ext} 不一致")
    return fmt or by_ext or "jsonl"


rules_option = click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False),
                            help="追加用户规则目录 (可多次使用),与内置规则合并。")


def target_table(path: Optional[str], rules: RuleSet) -> Optional[list]:
    """The target table, or exit 2 naming its file, row and column before anything runs."""
    from ..checks.targets import TargetTableError

    if not path:
        return None
    try:
        return api.load_targets(path, rules)
    except TargetTableError as e:
        err(f"目标表有误: {e}")
        sys.exit(2)


def open_history(db_path: str, must_exist: bool = False):
    from ..series.history import HistoryError, connect

    if must_exist and not Path(db_path).exists():
        raise click.UsageError(f"历史数据库不存在: {db_path} (先用 bulletin ingest 写入)")
    try:
        return connect(db_path)
    except HistoryError as e:
        raise click.UsageError(str(e)) from None
