"""The schema's migrations: one list, in the order they are applied, each one's SQL frozen as text.

A fresh file and an existing one run :data:`MIGRATIONS` in the same order; sqlite-utils records
each by name in ``_sqlite_migrations`` (set "receiptd") and applies those not recorded, each in
its own transaction, at start-up. A migration is the statements of its files in ``migration_sql/``,
as they were applied: no Python decides what it does (no config, no live view builder), so a
file migrated by a newer checkout gets what an older one got. Never edit a listed file.

Adding a migration (a table, a column, changed analyst views):
  1. write ``store/migration_sql/NNNN_what.sql``: plain statements, ``;``-terminated (a changed
     view is dropped and created again in full);
  2. append ``Migration("NNNN_what", ("NNNN_what.sql",))`` at the END of :data:`MIGRATIONS`.
Never insert one above another: an existing file would apply it after the ones below it, a fresh
file before them. The number in a name is only part of the name; the list's order is the order.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Migrations

SQL_DIR = Path(__file__).resolve().parent / "migration_sql"


@dataclass(frozen=True)
class Migration:
    name: str                     # as recorded in _sqlite_migrations: never renamed
    sql_files: tuple[str, ...]    # in migration_sql/, run in this order

    def sql(self) -> str:
        return "".join((SQL_DIR / name).read_text(encoding="utf-8") for name in self.sql_files)

    def statements(self) -> list[str]:
        return split_statements(self.sql())


# The analyst views as 0103 made them; 0104 and 0105 made them again with the same SQL.
ANALYST_VIEWS_1 = "analyst_views_1.sql"

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", ("0001_initial.sql",)),
    Migration("0002_imap_ledger", ("0002_imap_ledger.sql",)),
    Migration("0003_panel", ("0003_panel.sql",)),
    Migration("0004_sender_auth", ("0004_sender_auth.sql",)),
    Migration("0005_receipt_lines", ("0005_receipt_lines.sql",)),
    Migration("0006_part_extension", ("0006_part_extension.sql",)),
    Migration("0007_receipt_brand", ("0007_receipt_brand.sql",)),
    Migration("0100_analyst_tables", ("0100_analyst_tables.sql",)),
    Migration("0101_analyst_search", ("0101_analyst_search.sql",)),
    Migration("0102_analyst_indexes", ("0102_analyst_indexes.sql",)),
    Migration("0103_analyst_views", (ANALYST_VIEWS_1,)),
    Migration("0104_accepted_line_items", ("0104_accepted_line_items.sql", ANALYST_VIEWS_1)),
    Migration("0105_receipt_brand_views", (ANALYST_VIEWS_1,)),
    Migration("0008_panelist_language", ("0008_panelist_language.sql",)),
    Migration("0009_outbound_attachments", ("0009_outbound_attachments.sql",)),
    Migration("0010_surveys", ("0010_surveys.sql",)),
    Migration("0011_survey_rewards", ("0011_survey_rewards.sql",)),
    Migration("0012_dispatch", ("0012_dispatch.sql",)),
    # append new migrations here, at the end
)


def split_statements(script: str) -> list[str]:
    """The complete statements of ``script``, each with the comment lines above it."""
    statements, statement = [], ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            statements.append(statement)
            statement = ""
    if statement.strip() and not all(line.strip().startswith("--") for line in statement.strip().splitlines()):
        raise ValueError("incomplete SQL statement at the end of a migration")
    return statements


def execute_script(db, script: str) -> None:
    """Run statements one by one: ``executescript`` would COMMIT the migration's transaction."""
    for statement in split_statements(script):
        db.execute(statement)


def _registry(listed: tuple[Migration, ...]) -> Migrations:
    registry = Migrations("receiptd")
    for migration in listed:
        def apply(db, migration: Migration = migration) -> None:
            execute_script(db, migration.sql())

        registry(name=migration.name)(apply)
    return registry


migrations = _registry(MIGRATIONS)
