"""Opening the SQLite file: WAL, synchronous=FULL, foreign keys, a busy timeout."""
from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from .migrations import migrations


def open_db(path: str | Path, *, busy_timeout_ms: int = 10_000, migrate: bool = False) -> sqlite_utils.Database:
    """A connection in autocommit mode; group writes with :func:`immediate`.

    ``synchronous=FULL`` in WAL mode means a COMMIT has reached the disk when it returns:
    the SMTP listener answers 250 only after that.
    """
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")  # a deleted receipt's bytes are zeroed, not left in free pages
    db = sqlite_utils.Database(conn)
    if migrate:
        migrations.apply(db)
    return db


@contextlib.contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction that takes the write lock up front (no deadlock on upgrade)."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def one_row(cursor: sqlite3.Cursor) -> dict | None:
    """The cursor's next row as a dict of column names, or None."""
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row))


def all_rows(cursor: sqlite3.Cursor) -> list[dict]:
    """The cursor's rows as dicts of column names."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
