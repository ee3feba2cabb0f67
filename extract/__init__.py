"""bulletin: figures and completion percentages from Chinese progress bulletins.

The public API, exposed lazily (PEP 562): `import extract.models` or `extract.read`
pulls in nothing else, and `from extract import extract_file` loads only what
extraction needs. The stages, in the order data flows through them:
base (models, errors, messages, rules, numbers) -> read -> text -> figures -> checks
-> series -> output -> the pipeline (stream, batch, api) -> the shells (cli).
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "extract_file": "api", "extract_text": "api", "extract_stream": "api", "extract_raw": "api",
    "extract_many": "api", "expand_paths": "api", "merge": "api", "check": "api", "load_targets": "api",
    "load_rules": "rules",
    "BulletinError": "errors", "ReadError": "errors", "RuleError": "errors",
    "Box": "models", "Document": "models", "Extraction": "models", "FileError": "models", "Flag": "models",
    "Record": "models", "TargetRow": "models",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
