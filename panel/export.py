"""A panelist's own data (GDPR Art. 15 and 20), as CSV files and one JSON file.

:func:`collect` reads exactly one panelist's rows: the panelist record, their receipts with
the fields read and the line items, their rewards and, once surveys exist, their survey
answers. :func:`files` turns them into the attachments of the EXPORT reply or the files of
``receiptctl panelist export``; both come from here, so the operator and the panelist get the
same thing. Stored images and raw mails are not part of it (the photo itself is never kept).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

CSV, JSON = "text/csv", "application/json"
SURVEY_ANSWERS = "survey_answers"  # the surveys' table, when it exists (one row per answer, with panelist_id)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class PersonalData:
    exported_at: dt.datetime
    tables: tuple[Table, ...]  # panelist, receipts, line_items, rewards[, survey_answers]

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.name == name), None)


@dataclass(frozen=True)
class ExportFile:
    filename: str
    media_type: str
    content: bytes

    def as_attachment(self) -> tuple[str, str, bytes]:
        return self.filename, self.media_type, self.content


def _table(db: sqlite_utils.Database, name: str, sql: str, params: list) -> Table:
    cursor = db.execute(sql, params)
    columns = tuple(d[0] for d in cursor.description)
    rows = tuple(tuple(None if isinstance(v, bytes) else v for v in row) for row in cursor.fetchall())
    return Table(name, columns, rows)


def collect(db: sqlite_utils.Database, panelist: dict, *, now: dt.datetime | None = None) -> PersonalData:
    """Everything held about ``panelist`` (a ``panelists`` row), read in the caller's transaction."""
    mine = "panelist_id = ? OR (panelist_id IS NULL AND sender IS NOT NULL AND sender = ?)"
    who = [panelist["id"], panelist["address"]]
    tables = [
        _table(db, "panelist", "SELECT * FROM panelists WHERE id = ?", [panelist["id"]]),
        _table(db, "receipts", f"SELECT * FROM receipts WHERE {mine} ORDER BY id", who),
        _table(db, "line_items", f"""SELECT * FROM line_items WHERE receipt_id IN (SELECT id FROM receipts WHERE {mine})
                                     ORDER BY receipt_id, position""", who),
        _table(db, "rewards", "SELECT * FROM rewards WHERE panelist_id = ? ORDER BY month", [panelist["id"]]),
    ]
    if _has_column(db, SURVEY_ANSWERS, "panelist_id"):
        tables.append(_table(db, SURVEY_ANSWERS, f"SELECT * FROM {SURVEY_ANSWERS} WHERE panelist_id = ? ORDER BY rowid",
                             [panelist["id"]]))
    return PersonalData(now or dt.datetime.now(dt.timezone.utc), tuple(tables))


def _has_column(db: sqlite_utils.Database, table: str, column: str) -> bool:
    return any(row[1] == column for row in db.execute(f"PRAGMA table_info({table})"))


def files(data: PersonalData) -> list[ExportFile]:
    """One CSV per table, then all of it as one JSON document (receipts carrying their line items)."""
    out = [ExportFile(f"{table.name}.csv", CSV, _csv(table)) for table in data.tables]
    return out + [ExportFile("receiptd-export.json", JSON, _json(data))]


def _csv(table: Table) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8")


def _json(data: PersonalData) -> bytes:
    items: dict[int, list[dict]] = {}
    for item in data.table("line_items").records():
        items.setdefault(item["receipt_id"], []).append(item)
    document = {"exported_at": data.exported_at.isoformat(timespec="seconds")}
    for table in data.tables:
        records = table.records()
        if table.name == "panelist":
            document["panelist"] = records[0] if records else None
        elif table.name == "receipts":
            document["receipts"] = [{**r, "line_items": items.get(r["id"], [])} for r in records]
        elif table.name != "line_items":
            document[table.name] = records
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def write(directory: Path, exported: list[ExportFile]) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for item in exported:
        path = directory / item.filename
        path.write_bytes(item.content)
        written.append(path)
    return written
