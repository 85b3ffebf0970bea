"""Celery mode's bookkeeping in SQLite: the OCR tasks in flight, the workers seen, the counters.

Written only by the coordinator (the worker process, the one SQLite writer), each call in a
transaction of the caller's; read by ``receiptctl status`` and ``/metrics``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlite_utils

from .records import now

STALE_RESULTS_DROPPED = "stale_results_dropped"  # an answer for an attempt given up, or a lost claim
UNANSWERED = "unanswered"                        # a mail given back to the queue: no worker answered in time
BROKER_UNREACHABLE = "broker_unreachable"        # a mail left queued: the broker could not be reached
FAILED_TASKS = "failed_tasks"                    # a part whose task raised on the worker
COUNTERS = (STALE_RESULTS_DROPPED, UNANSWERED, BROKER_UNREACHABLE, FAILED_TASKS)


def record_sent(db: sqlite_utils.Database, message_id: int, attempt: int, tasks: Mapping[int, str]) -> None:
    db.execute("DELETE FROM dispatched WHERE message_id = ? AND attempt = ?", [message_id, attempt])
    stamp = now()
    db.conn.executemany("INSERT INTO dispatched (task_id, message_id, attempt, position, sent_at) VALUES (?, ?, ?, ?, ?)",
                   [(task_id, message_id, attempt, position, stamp) for position, task_id in tasks.items()])


def forget_tasks(db: sqlite_utils.Database, task_ids: Iterable[str]) -> None:
    db.conn.executemany("DELETE FROM dispatched WHERE task_id = ?", [(task_id,) for task_id in task_ids])


def sent_tasks(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT task_id FROM dispatched ORDER BY message_id, attempt, position")]


def count(db: sqlite_utils.Database, name: str, n: int = 1) -> None:
    db.execute("INSERT INTO dispatch_counters (name, value) VALUES (?, ?) "
               "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value", [name, n])


def saw_workers(db: sqlite_utils.Database, parts_by_worker: Mapping[str, int]) -> None:
    stamp = now()
    db.conn.executemany(
        "INSERT INTO ocr_workers (name, first_seen_at, last_seen_at, parts) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET last_seen_at = excluded.last_seen_at, parts = parts + excluded.parts",
        [(name, stamp, stamp, n) for name, n in parts_by_worker.items()])


def tasks_in_flight(db: sqlite_utils.Database) -> int:
    """Tasks of the current attempt of mails still claimed."""
    return db.execute("SELECT count(*) FROM dispatched d JOIN messages m ON m.id = d.message_id "
                      "WHERE m.status = 'claimed' AND m.attempts = d.attempt").fetchone()[0]


def counters(db: sqlite_utils.Database) -> dict[str, int]:
    found = dict(db.execute("SELECT name, value FROM dispatch_counters").fetchall())
    return {name: found.get(name, 0) for name in COUNTERS}


def workers(db: sqlite_utils.Database) -> list[tuple[str, str, int]]:
    """(name, last seen, parts read), the latest seen first."""
    return [tuple(row) for row in db.execute(
        "SELECT name, last_seen_at, parts FROM ocr_workers ORDER BY last_seen_at DESC, name")]
