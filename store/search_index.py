"""Erasing deleted rows from the full-text indexes (``line_items_fts``, ``receipts_fts``)."""
from __future__ import annotations


def purge_search_index(db, *, force: bool = False) -> bool:
    """Merge the FTS5 indexes so that deleted rows leave no token behind in their shadow tables.

    FTS5 records a deletion as a marker in a new index segment; the deleted row's tokens stay in
    older segments (``*_fts_data``) until those are merged. ``optimize`` merges everything into
    one segment, dropping them; ``secure_delete`` zeroes the pages freed by it. Runs only when a
    trigger has flagged a deletion since the last purge (or ``force``). Call it after deleting
    receipts (panel DELETE / LEAVE, retention purge); it is transactional, so inside or after
    the deleting transaction both work. Costs a rewrite of the index (see bench/RESULTS.md).
    """
    dirty = db.execute("SELECT value FROM analyst_state WHERE key = 'search_index_dirty'").fetchone()
    if not (force or (dirty and dirty[0] == "1")):
        return False
    (previous,) = db.execute("PRAGMA secure_delete").fetchone()
    db.execute("PRAGMA secure_delete = ON")
    try:
        db.execute("INSERT INTO line_items_fts (line_items_fts) VALUES ('optimize')")
        db.execute("INSERT INTO receipts_fts (receipts_fts) VALUES ('optimize')")
        db.execute("DELETE FROM analyst_state WHERE key = 'search_index_dirty'")
    finally:
        db.execute(f"PRAGMA secure_delete = {int(previous)}")
    return True
