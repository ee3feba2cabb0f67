"""Small domain exceptions. The CLI turns each into a one-line Chinese message."""
from __future__ import annotations


class BulletinError(Exception):
    """Base of every error this package raises on purpose."""


class RuleError(BulletinError):
    """A rule file is invalid: reported as `file:rule_id: message`."""

    def __init__(self, file: str, rule_id: str, message: str):
        self.file, self.rule_id, self.message = file, rule_id, message
        super().__init__(f"{file}:{rule_id}: {message}" if rule_id else f"{file}: {message}")


class ReadError(BulletinError):
    """A file cannot be read; `code` is the stable English reason."""

    def __init__(self, code: str, message: str):
        self.code, self.message = code, message
        super().__init__(f"{message} ({code})")
