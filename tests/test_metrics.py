"""Prometheus metrics from a real daemon, scraped over HTTP."""
from __future__ import annotations

import re
import smtplib
import urllib.request

from conftest import query, receipt_mail, send, wait_until
from images import text_pdf


def scrape(port: int) -> dict[str, float]:
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    return {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
            for line in text.splitlines() if line.startswith("receiptd_")}


def test_metrics_count_mails_outcomes_and_ocr_time(daemon_factory, tmp_path):
    daemon = daemon_factory(metrics={"host": "127.0.0.1", "port": 0})
    port = int(re.search(r"metrics on http://127.0.0.1:(\d+)/metrics", daemon.log).group(1))
    send(daemon.port, receipt_mail([(text_pdf(), "application/pdf", "r.pdf")]))
    send(daemon.port, receipt_mail(body="no photo"))
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.ehlo()
        client.mail("x@example.org")
        assert client.rcpt("nobody@localhost")[0] == 550
    database = tmp_path / "receiptd.db"
    wait_until(lambda: query(database, "SELECT count(*) FROM messages WHERE outcome IS NOT NULL") == [(2,)],
               message="both done")
    metrics = scrape(port)
    assert metrics["receiptd_mails_received_total"] == 2
    assert metrics["receiptd_mails_accepted_total"] == 2
    assert metrics['receiptd_mails_rejected_total{reason="unknown_recipient"}'] == 1
    assert metrics["receiptd_queue_depth"] == 0
    assert metrics["receiptd_dead_letters"] == 0
    assert metrics['receiptd_messages_total{outcome="processed"}'] == 1
    assert metrics['receiptd_messages_total{outcome="no_receipt"}'] == 1
    assert metrics["receiptd_ocr_seconds_count"] == 1
    assert metrics['receiptd_ocr_seconds_bucket{le="+Inf"}'] == 1
    assert sum(v for k, v in metrics.items() if k.startswith("receiptd_receipts_total")) == 1


def test_imap_actions_the_server_has_not_applied_are_a_gauge_per_account(tmp_path):
    from prometheus_client import CollectorRegistry, generate_latest

    from receiptd.metrics import DatabaseCollector
    from store.db import open_db

    database = tmp_path / "receiptd.db"
    db = open_db(database, migrate=True)
    row = {"folder": "INBOX", "uidvalidity": 1, "queue_id": 1, "sha256": "x", "size": 1, "fetched_at": "2026-11-23",
           "action": "move"}
    db["imap_ledger"].insert_all([{**row, "account": "shop", "uid": 1, "action_done_at": None},
                                  {**row, "account": "shop", "uid": 2, "action_done_at": None},
                                  {**row, "account": "shop", "uid": 3, "action_done_at": "2026-11-23"},
                                  {**row, "account": "home", "uid": 1, "action_done_at": "2026-11-23"}])
    db.close()
    registry = CollectorRegistry()
    registry.register(DatabaseCollector(str(database)))
    text = generate_latest(registry).decode()
    assert 'receiptd_imap_actions_pending{account="shop"} 2.0' in text
    assert 'account="home"' not in text
