"""The analysts' database: a separate SQLite file holding only what analysts may see.

The operational database holds addresses, raw mail, replies and images; no authorizer on a
connection to it can make it safe to hand out (``sqlite3 var/receiptd.db`` reads everything).
:func:`build` writes a fresh file from it instead:

- the analyst views' rows materialised as tables of the same names (``v_receipts``, ``v_items``,
  ``v_brand_mentions``, ``v_spend_by_month_category``, ``v_spend_by_merchant``,
  ``v_shopping_hours``): accepted receipts only, panelists as pseudonyms, no address, mail,
  reply, image, panelist row id or rejection reason;
- the brand list (``analyst_brands``, ``analyst_brand_terms``), FTS5 over item descriptions and
  merchant names (``line_items_fts``, ``receipts_fts``), and ``analyst_info`` (when it was made,
  the Datasette metadata and canned queries).

The file is written under a temporary name beside the target with ``secure_delete`` on, and
renamed into place: readers see the old file or the new one, never half of one, and since every
refresh is a new file no freed page of it can hold a deleted receipt.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

# view name -> (integer key column, indexes): the key becomes the table's INTEGER PRIMARY KEY
_MATERIALISED: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "v_receipts": ("receipt_id", ("month, merchant, total", "merchant, currency", "brand_wikidata, currency",
                                  "category, month", "panelist", "purchase_date", "weekday, hour")),
    "v_items": ("item_id", ("month, item, currency, amount", "item, month, currency, amount", "receipt_id")),
    "v_brand_mentions": (None, ("month, brand, currency, panelist, amount", "brand, month, currency, panelist, amount",
                                "receipt_id")),
    "v_spend_by_month_category": (None, ("month, category",)),
    "v_spend_by_merchant": (None, ("merchant", "spend")),
    "v_shopping_hours": (None, ()),
}
_COPIED = ("analyst_brands", "analyst_brand_terms")
# FTS5 table -> (content table, its key, the indexed column)
_SEARCH = {"line_items_fts": ("v_items", "item_id", "description"),
           "receipts_fts": ("v_receipts", "receipt_id", "merchant")}
SEARCH_TABLES = tuple(_SEARCH)
INFO_TABLE = "analyst_info"
ANALYST_TABLES = frozenset((*_MATERIALISED, *_COPIED, *_SEARCH, INFO_TABLE))


@dataclass(frozen=True)
class Built:
    path: Path
    rows: dict[str, int]
    seconds: float
    refreshed_at: str


def _columns(conn: sqlite3.Connection, view: str) -> list[tuple[str, str]]:
    return [(row[1], row[2] or "") for row in conn.execute(f"PRAGMA main.table_info({view})")]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create_table(conn: sqlite3.Connection, view: str, key: str | None) -> None:
    columns = []
    for name, declared in _columns(conn, view):
        kind = "INTEGER PRIMARY KEY" if name == key else declared
        columns.append(f"{_quote(name)} {kind}".strip())
    conn.execute(f"CREATE TABLE out.{view} ({', '.join(columns)})")


def build(source: str | Path, out: str | Path, *, metadata_text: str = "") -> Built:
    """Write the analysts' file ``out`` from the operational database ``source`` (read-only).

    One read transaction on ``source``: every table of the new file shows the same moment."""
    started = time.monotonic()
    source, out = Path(source).resolve(), Path(out).resolve()
    if source == out:
        raise ValueError("the analysts' database must be another file than the operational one")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    refreshed_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True, isolation_level=None)
    rows: dict[str, int] = {}
    try:
        conn.execute("ATTACH DATABASE ? AS out", [str(tmp)])
        conn.execute("PRAGMA out.secure_delete = ON")
        conn.execute("PRAGMA out.journal_mode = OFF")  # a fresh file under a temporary name: nothing to roll back to
        conn.execute("BEGIN")
        for view, (key, _) in _MATERIALISED.items():
            _create_table(conn, view, key)
            rows[view] = conn.execute(f"INSERT INTO out.{view} SELECT * FROM main.{view}").rowcount
        for table in _COPIED:
            conn.execute(f"CREATE TABLE out.{table} AS SELECT * FROM main.{table} WHERE 0")
            rows[table] = conn.execute(f"INSERT INTO out.{table} SELECT * FROM main.{table}").rowcount
        conn.execute("COMMIT")  # ends the read transaction on the operational file
        conn.execute("BEGIN")
        for view, (_, indexes) in _MATERIALISED.items():
            for n, columns in enumerate(indexes):
                conn.execute(f"CREATE INDEX out.{view}_{n} ON {view} ({columns})")
        for fts, (content, key, column) in _SEARCH.items():
            conn.execute(f"CREATE VIRTUAL TABLE out.{fts} USING fts5 ({column}, content='{content}', "
                         f"content_rowid='{key}')")
            conn.execute(f"INSERT INTO out.{fts} ({fts}) VALUES ('rebuild')")
        conn.execute(f"CREATE TABLE out.{INFO_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
        conn.executemany(f"INSERT INTO out.{INFO_TABLE} (key, value) VALUES (?, ?)",
                         [("refreshed_at", refreshed_at), ("datasette_metadata", metadata_text)])
        conn.execute("COMMIT")
        conn.execute("ANALYZE out")
        conn.execute("DETACH DATABASE out")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, out)
    directory = os.open(out.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return Built(out, rows, time.monotonic() - started, refreshed_at)


def refreshed_at(path: str | Path) -> str | None:
    """When the analysts' file at ``path`` was made (ISO 8601, UTC), or None without one."""
    if not Path(path).exists():
        return None
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        row = conn.execute(f"SELECT value FROM {INFO_TABLE} WHERE key = 'refreshed_at'").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return row[0] if row else None
