"""Stage 5, checks: a document's records (+ a target table) -> Flags.

In come an Extraction and, optionally, the office's target table (`targets`, read
here too, since matching a record to its target row is part of checking); out
come Flags, each naming the item, quoting the text and saying what was expected.
Each family of checks is a small module taking a CheckContext; `run_checks`
runs them in order. Messages come from `messages.py`.
"""
from .context import Check, CheckContext
from .run import SEVERITY_ORDER, all_checks, run_checks

__all__ = ["Check", "CheckContext", "SEVERITY_ORDER", "all_checks", "run_checks"]
