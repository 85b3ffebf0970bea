"""Retention: receipts and finished mails older than ``retention_months`` are purged once a day."""
from __future__ import annotations

import datetime as dt
import logging

import sqlite_utils

from store import panel as store
from store.db import immediate

log = logging.getLogger(__name__)

JOB = "retention"


def months_before(when: dt.datetime, months: int) -> dt.datetime:
    index = when.year * 12 + (when.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    days_in_month = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return when.replace(year=year, month=month, day=min(when.day, days_in_month))


def purge_if_due(db: sqlite_utils.Database, retention_months: int, now: dt.datetime | None = None) -> dict | None:
    """Purge when the last purge is a day old or more (the date is kept in the database, so a
    restart does not purge again); returns the counts, or None when not due or disabled."""
    if retention_months <= 0:
        return None
    now = now or dt.datetime.now(dt.timezone.utc)
    with immediate(db):
        last = store.last_run(db, JOB)
        if last and now - dt.datetime.fromisoformat(last) < dt.timedelta(days=1):
            return None
        counts = store.purge(db, months_before(now, retention_months).isoformat(timespec="seconds"))
        store.mark_run(db, JOB, now.isoformat(timespec="seconds"))
    log.info("retention: purged %d receipt(s), %d mail(s), %d repl(ies) older than %d months",
             counts["receipts"], counts["messages"], counts["replies"], retention_months)
    return counts
