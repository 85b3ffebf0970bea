"""Prometheus metrics at ``[metrics] host, port``: series named ``receiptd_*``.

SMTP counters live in the listener's process. Everything the worker decides (outcomes,
receipts, OCR time, rewards) is read from the database at scrape time, so the numbers are
right across worker restarts and crashes without a multi-process metrics store.
"""
from __future__ import annotations

import logging
import sqlite3

from prometheus_client import CollectorRegistry, Counter, start_http_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

log = logging.getLogger(__name__)

OCR_BUCKETS = (0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60)
DISPATCH_COUNTERS = {  # store.dispatch's counters (celery mode)
    "stale_results_dropped": "OCR answers dropped: their attempt was given up or its claim lost",
    "unanswered": "Mails given back to the queue: no OCR worker answered in time",
    "broker_unreachable": "Mails left queued: the broker could not be reached",
    "failed_tasks": "Mails retried: an OCR task failed on a worker",
}


class SmtpMetrics:
    def __init__(self, registry: CollectorRegistry):
        self.received = Counter("receiptd_mails_received", "Mails offered over SMTP (DATA received)", registry=registry)
        self.accepted = Counter("receiptd_mails_accepted", "Mails answered 250 and queued", registry=registry)
        self.rejected = Counter("receiptd_mails_rejected", "SMTP refusals by reason", ["reason"], registry=registry)


class DatabaseCollector:
    """Queue depth, dead letters, outcomes, receipts, OCR seconds and rewards, from SQLite."""

    def __init__(self, database: str):
        self.database = database

    def collect(self):
        try:
            conn = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=5)
        except sqlite3.Error as err:
            log.warning("metrics: cannot read the database: %s", err)
            return
        try:
            yield from self._families(conn)
        except sqlite3.Error as err:
            log.warning("metrics: %s", err)
        finally:
            conn.close()

    def _families(self, conn: sqlite3.Connection):
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        yield GaugeMetricFamily("receiptd_queue_depth", "Mails queued or in progress",
                                value=one("SELECT count(*) FROM messages WHERE status IN ('queued', 'claimed')"))
        yield GaugeMetricFamily("receiptd_dead_letters", "Mails waiting for an operator",
                                value=one("SELECT count(*) FROM messages WHERE outcome = 'dead_letter'"))
        outcomes = CounterMetricFamily("receiptd_messages", "Processed mails by outcome", labels=["outcome"])
        for outcome, count in conn.execute("SELECT outcome, count(*) FROM messages WHERE outcome IS NOT NULL GROUP BY 1"):
            outcomes.add_metric([outcome], count)
        yield outcomes
        receipts = CounterMetricFamily("receiptd_receipts", "Receipts by status and reason", labels=["status", "reason"])
        for status, reason, count in conn.execute("SELECT status, coalesce(reason, ''), count(*) FROM receipts GROUP BY 1, 2"):
            receipts.add_metric([status, reason], count)
        yield receipts
        yield self._ocr_histogram(conn)
        pending = GaugeMetricFamily("receiptd_imap_actions_pending",
                                    "IMAP mails queued whose move/flag/delete the server has not applied yet",
                                    labels=["account"])
        for account, count in conn.execute("SELECT account, count(*) FROM imap_ledger WHERE action_done_at IS NULL "
                                           "GROUP BY account"):
            pending.add_metric([account], count)
        yield pending
        if one("SELECT count(*) FROM sqlite_master WHERE name = 'rewards'"):
            yield CounterMetricFamily("receiptd_rewards_issued", "Rewards written to the ledger",
                                      value=one("SELECT count(*) FROM rewards"))
        if one("SELECT count(*) FROM sqlite_master WHERE name = 'dispatched'"):
            yield from self._dispatch(conn, one)

    def _dispatch(self, conn: sqlite3.Connection, one):
        """Celery mode (store.dispatch's tables): tasks out, workers seen, the coordinator's counters."""
        yield GaugeMetricFamily("receiptd_dispatch_tasks_in_flight", "OCR tasks at the workers, not answered yet",
                                value=one("SELECT count(*) FROM dispatched d JOIN messages m ON m.id = d.message_id "
                                          "WHERE m.status = 'claimed' AND m.attempts = d.attempt"))
        yield GaugeMetricFamily("receiptd_ocr_workers_seen", "OCR workers whose answers were used",
                                value=one("SELECT count(*) FROM ocr_workers"))
        seen = GaugeMetricFamily("receiptd_ocr_worker_last_seen_timestamp_seconds",
                                 "When each OCR worker's answer was last used (Unix time)", labels=["worker"])
        for name, stamp in conn.execute("SELECT name, CAST(strftime('%s', last_seen_at) AS INTEGER) FROM ocr_workers"):
            seen.add_metric([name], stamp or 0)
        yield seen
        counted = dict(conn.execute("SELECT name, value FROM dispatch_counters"))
        for name, text in DISPATCH_COUNTERS.items():
            yield CounterMetricFamily(f"receiptd_dispatch_{name}", text, value=counted.get(name, 0))

    def _ocr_histogram(self, conn: sqlite3.Connection) -> HistogramMetricFamily:
        columns = ", ".join(f"sum(ocr_seconds <= {b})" for b in OCR_BUCKETS)
        row = conn.execute(f"SELECT {columns}, count(*), coalesce(sum(ocr_seconds), 0) FROM receipts "
                           "WHERE ocr_seconds IS NOT NULL").fetchone()
        *cumulative, count, total = row
        buckets = [(str(b), c or 0) for b, c in zip(OCR_BUCKETS, cumulative)] + [("+Inf", count)]
        return HistogramMetricFamily("receiptd_ocr_seconds", "OCR + extraction seconds per receipt",
                                     buckets=buckets, sum_value=total)


def start_metrics(host: str, port: int, database: str) -> tuple[SmtpMetrics, int]:
    """Serve /metrics; returns the SMTP counters and the bound port."""
    registry = CollectorRegistry()
    registry.register(DatabaseCollector(database))
    smtp = SmtpMetrics(registry)
    server, _thread = start_http_server(port, addr=host, registry=registry)
    bound = server.server_address[1]
    log.info("metrics on http://%s:%d/metrics", host, bound)
    return smtp, bound


def unserved() -> SmtpMetrics:
    """Counters that go nowhere, when [metrics] is absent."""
    return SmtpMetrics(CollectorRegistry())
