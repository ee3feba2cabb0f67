"""A series of issues in SQLite: documents, records and flags, and checks across issues.

Documents are keyed by series (title without issue number), issue number and
as-of date, with the file's SHA-256 so a file is never stored twice. A corrected
re-issue (same key, new content) supersedes the earlier one, which stays in the
store marked as superseded. Issue numbers, not the order of ingestion, decide
which issue came before.
"""
from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Optional

from ..errors import BulletinError
from ..models import Extraction, Flag

SCHEMA_VERSION = 1
_SCHEMA = [
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY, series TEXT NOT NULL, issue_no INTEGER, as_of TEXT, issue_date TEXT,
        title TEXT, source TEXT, sha256 TEXT NOT NULL UNIQUE, ingested_at TEXT NOT NULL,
        superseded_by INTEGER REFERENCES documents(id))""",
    "CREATE INDEX documents_key ON documents(series, issue_no, as_of)",
    """CREATE TABLE records (
        doc_id INTEGER NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL, level TEXT, item TEXT, project TEXT,
        metric TEXT, value TEXT, unit TEXT, value_std TEXT, unit_std TEXT, percent TEXT, target TEXT, role TEXT,
        rule TEXT, snippet TEXT, page INTEGER, start INTEGER, "end" INTEGER)""",
    "CREATE INDEX records_doc ON records(doc_id)",
    "CREATE INDEX records_key ON records(level, item, metric)",
    """CREATE TABLE flags (
        doc_id INTEGER NOT NULL REFERENCES documents(id), code TEXT, severity TEXT, item TEXT, metric TEXT,
        message TEXT, expected TEXT, found TEXT)""",
]
# Migrations from version N to N+1, in order; version 0 is an empty file.
_MIGRATIONS: dict[int, list[str]] = {0: _SCHEMA}


class HistoryError(BulletinError):
    """The history database cannot be used."""


def file_hash(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating or migrating) a history database; refuse one written by a newer version."""
    try:
        conn = sqlite3.connect(str(path))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise HistoryError(f"{path}: 不是可用的历史数据库 ({e})") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise HistoryError(f"{path}: 数据库由更新版本的 bulletin 写入 (版本 {version} > {SCHEMA_VERSION}), 请升级 bulletin")
    try:
        while version < SCHEMA_VERSION:
            with conn:
                for stmt in _MIGRATIONS[version]:
                    conn.execute(stmt)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as e:
        conn.close()
        raise HistoryError(f"{path}: 不是 bulletin 的历史数据库 ({e})") from None
    if not {"documents", "records", "flags"} <= tables:
        conn.close()
        raise HistoryError(f"{path}: 不是 bulletin 的历史数据库 (缺少数据表)")
    conn.row_factory = sqlite3.Row
    return conn


def _s(v) -> Optional[str]:
    return None if v is None else str(v)


def ingest(conn: sqlite3.Connection, x: Extraction, flags: list[Flag], sha256: str) -> str:
    """Store one document: 'stored', 'duplicate' (this file is already there) or 'superseded' (a correction)."""
    d = x.document
    if conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone():
        return "duplicate"
    as_of = _s(d.as_of)
    earlier = conn.execute(
        "SELECT id FROM documents WHERE series = ? AND issue_no IS ? AND as_of IS ? AND superseded_by IS NULL",
        (d.series or d.title, d.issue_no, as_of)).fetchall()
    with conn:
        cur = conn.execute(
            "INSERT INTO documents (series, issue_no, as_of, issue_date, title, source, sha256, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (d.series or d.title, d.issue_no, as_of, _s(d.issue_date), d.title, d.source, sha256,
             datetime.now(timezone.utc).isoformat(timespec="seconds")))
        doc_id = cur.lastrowid
        conn.executemany(
            'INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [(doc_id, i, r.level, r.item, r.project, r.metric, _s(r.value), r.unit, _s(r.value_std), r.unit_std,
              _s(r.percent), _s(r.target), r.role, r.rule, r.snippet, r.page, r.start, r.end)
             for i, r in enumerate(x.records)])
        conn.executemany("INSERT INTO flags VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [(doc_id, f.code, f.severity, f.item, f.metric, f.message, f.expected, f.found) for f in flags])
        for (old,) in earlier:
            conn.execute("UPDATE documents SET superseded_by = ? WHERE id = ?", (doc_id, old))
    return "superseded" if earlier else "stored"


def previous_issue(conn: sqlite3.Connection, series: str, issue_no: Optional[int], as_of: Optional[str],
                   sha256: Optional[str] = None) -> Optional[sqlite3.Row]:
    """The latest current issue of the series before this one: by issue number, else by as-of date."""
    if issue_no is not None:
        return conn.execute(
            "SELECT * FROM documents WHERE series = ? AND superseded_by IS NULL AND issue_no < ? AND sha256 IS NOT ? "
            "ORDER BY issue_no DESC, as_of DESC LIMIT 1", (series, issue_no, sha256)).fetchone()
    if as_of is not None:
        return conn.execute(
            "SELECT * FROM documents WHERE series = ? AND superseded_by IS NULL AND as_of < ? AND sha256 IS NOT ? "
            "ORDER BY as_of DESC LIMIT 1", (series, as_of, sha256)).fetchone()
    return None


def records_of(conn: sqlite3.Connection, doc_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM records WHERE doc_id = ? ORDER BY seq", (doc_id,)).fetchall()


def trajectory(conn: sqlite3.Connection, item: Optional[str] = None, metric: Optional[str] = None,
               series: Optional[str] = None) -> list[dict]:
    """A figure across issues: one row per current issue and matching record, oldest issue first."""
    sql = ("SELECT d.series, d.issue_no, d.as_of, d.source, r.level, r.item, r.metric, r.value, r.unit, r.percent, "
           "r.target FROM records r JOIN documents d ON d.id = r.doc_id WHERE d.superseded_by IS NULL "
           "AND r.value IS NOT NULL")
    args: list = []
    if item:
        sql += " AND r.item = ?"
        args.append(item)
    if metric:
        sql += " AND r.metric LIKE ?"
        args.append(f"%{metric}%")
    if series:
        sql += " AND d.series = ?"
        args.append(series)
    sql += " ORDER BY d.series, r.level, r.item, r.metric, d.issue_no, d.as_of"
    return [dict(row) for row in conn.execute(sql, args)]


def dec(v: Optional[str]) -> Optional[Decimal]:
    return None if v is None else Decimal(v)
