"""The schema's migrations: one explicitly ordered list, each migration's SQL frozen as text.

``fixtures/schema_at_0105.json`` was recorded by :func:`history` run on the store/ of commit 2c05213
(the migration functions before the SQL was frozen): the schema (``sqlite_master``), the applied
names and the rows a file ends with when the migrations up to 0105_receipt_brand_views are applied
to a fresh file, and to files that had stopped before each later migration (with rows written at
that point). The frozen migrations must leave exactly that. It is never recorded again: a change
of the schema is a new migration, appended to the list, which this comparison does not apply."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from store.db import open_db
from store.migrations import MIGRATIONS, SQL_DIR, migrations

RECORDED = Path(__file__).resolve().parent / "fixtures" / "schema_at_0105.json"
LAST_RECORDED = "0105_receipt_brand_views"
STAMP = "2026-06-30T12:00:00+00:00"


def registered_names() -> list[str]:
    return [m.name for m in MIGRATIONS]


def apply_through(db, last: str) -> None:
    """Apply the pending migrations up to and including ``last`` (not the ones appended after it)."""
    names = registered_names()
    following = names[names.index(last) + 1:]
    migrations.apply(db, stop_before=following[0] if following else None)


def tables(db) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def write_rows(db) -> None:
    """A mail with an accepted and a rejected receipt, each with line items, in the columns that exist."""
    if "line_items" not in tables(db):
        return
    message = db.execute("INSERT INTO messages (message_id, sha256, source, received_at, size) "
                         "VALUES ('<1@fixture>', '00', 'smtp', ?, 100)", [STAMP]).lastrowid
    for position, (merchant, status, items) in enumerate((
            ("Sun Market", "accepted", ("COCA-COLA 1.5L", "Bananas", "Colgate Total")),
            ("Amazon", "rejected", ("Kellogg's Corn Flakes",)))):
        receipt = db.execute(
            """INSERT INTO receipts (message_id, position, merchant, purchase_date, purchase_time, currency, total,
                                     status, created_at) VALUES (?, ?, ?, '2026-06-06', '10:15', 'USD', 1234, ?, ?)""",
            [message, position, merchant, status, STAMP]).lastrowid
        for n, description in enumerate(items):
            try:
                db.execute("INSERT INTO line_items (receipt_id, position, description, quantity, unit_price, amount) "
                           "VALUES (?, ?, ?, 1, 299, 299)", [receipt, n, description])
            except sqlite3.IntegrityError:  # from 0104 on, rejected receipts keep no line items
                pass


def snapshot(db) -> dict:
    """Schema, migration names and rows: everything but random pseudonyms and timestamps of applying."""
    schema = [list(row) for row in db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")]
    rows = {}
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"):
        if name.startswith(("sqlite_", "_sqlite_")) or "_fts" in name or name == "analyst_pseudonyms":
            continue
        cursor = db.execute(f"SELECT * FROM {name}")
        rows[name] = sorted(json.loads(json.dumps(list(map(list, cursor.fetchall())))), key=repr)
    if "line_items_fts" in tables(db):
        rows["search coca"] = [row[0] for row in db.execute(
            "SELECT rowid FROM line_items_fts WHERE line_items_fts MATCH 'coca' ORDER BY rowid")]
    names = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    return {"schema": schema, "rows": rows, "applied": names}


def history(stopped_before: str | None) -> dict:
    """A file migrated up to ``stopped_before`` (None: a fresh file), rows written, then migrated on."""
    db = open_db(":memory:")
    if stopped_before is not None:
        migrations.apply(db, stop_before=stopped_before)
        write_rows(db)
    apply_through(db, LAST_RECORDED)
    try:
        return snapshot(db)
    finally:
        db.close()


def test_the_frozen_migrations_leave_what_the_last_commits_functions_left():
    recorded = json.loads(RECORDED.read_text())
    names = registered_names()
    assert names[:len(recorded["applied"])] == recorded["applied"]
    for name, rows in recorded["rows"].items():
        found = history(None if name == "fresh" else name.removeprefix("stopped before "))
        assert found["applied"] == recorded["applied"], name
        assert found["schema"] == recorded["schema"], name
        assert found["rows"] == rows, name


def test_the_list_is_the_order_a_fresh_file_applies_them_in(tmp_path):
    db = open_db(tmp_path / "receiptd.db", migrate=True)
    assert [m.name for m in migrations.applied(db)] == [m.name for m in MIGRATIONS]
    assert not migrations.pending(db)
    db.close()


def test_an_existing_file_applies_the_appended_ones_after_the_rest(tmp_path):
    path = tmp_path / "receiptd.db"
    db = open_db(path)
    migrations.apply(db, stop_before=MIGRATIONS[-1].name)
    db.close()
    db = open_db(path, migrate=True)
    assert [m.name for m in migrations.applied(db)] == [m.name for m in MIGRATIONS]
    db.close()


def test_each_migration_is_frozen_sql_listed_once():
    listed = [m.name for m in MIGRATIONS]
    assert len(set(listed)) == len(listed)
    files = {name for m in MIGRATIONS for name in m.sql_files}
    assert files == {p.name for p in SQL_DIR.glob("*.sql")}  # every file is used, none is missing
    for migration in MIGRATIONS:
        assert migration.statements(), migration.name
