"""The finishing path in one process (fake OCR, real SQLite): one ordered list of named steps, the
outcome names in one module, ``messages`` written only by the queue, and what crosses the wire to
an OCR worker in celery mode (JSON that reads back into the same result)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from receiptd import config as configuration
from images import US_RECEIPT
from ingest import outcomes, wire
from ingest.ocr_tasks import BrokerConfigError, broker_url, masked, task_id, visibility_timeout
from ingest.pipeline import ocr_fingerprint
from ingest.steps import COMMIT, LOOK, STEPS
from parse.mail import parse_mail
from test_layering import ROOT, graph
from test_panel import ALICE, receipt_lines
from test_worker import harness  # noqa: F401  (the fixture)


def test_a_mail_passes_one_ordered_list_of_named_steps():
    assert STEPS == ("parse", "authenticate", "admit", "read", "enroll", "command", "decide", "save", "settle",
                     "reply", "finish")
    assert LOOK + ("read",) + COMMIT == STEPS


def test_the_read_step_imports_no_store_and_no_panel():
    assert {target.split(".")[0] for target in graph()["ingest.pipeline"]} <= {"parse", "redact", "receiptd"}


def test_messages_rows_are_written_only_by_the_queue():
    writers = sorted(str(path.relative_to(ROOT)) for package in ("ingest", "panel", "store", "receiptd")
                     for path in (ROOT / package).rglob("*.py")
                     if any(words in path.read_text(encoding="utf-8")
                            for words in ("UPDATE messages", "INTO messages")))
    assert writers == ["ingest/queue.py"]


def test_outcome_names_are_the_ones_stored(harness):
    h = harness(panel={"enabled": True})
    h.invite(ALICE)
    h.enqueue(receipt_lines(1))
    h.enqueue(receipt_lines(2), sender="stranger@example.org")
    h.worker.drain()
    stored = {outcome for (outcome,) in h.rows("SELECT outcome FROM messages")}
    assert stored == {outcomes.PROCESSED, outcomes.NOT_PANELIST} and stored <= set(outcomes.ENDED)


def test_a_part_read_here_and_read_back_from_the_wire_is_the_same_result(harness):
    h = harness()
    h.enqueue(US_RECEIPT)
    mail = parse_mail(h.queue.claim().raw, h.worker.pipeline.part_limits)
    [candidate] = mail.candidates
    part = h.worker.pipeline.read_part(candidate)
    assert part.receipt.total is not None and part.redacted_image and part.lines
    travelled = wire.decode(json.loads(json.dumps(wire.encode(part))))
    assert travelled == part
    assert travelled.receipt.items == part.receipt.items and travelled.receipt.confidence == part.receipt.confidence


def test_only_the_result_classes_come_back_from_the_wire():
    with pytest.raises(wire.WireError):
        wire.decode({"$": "Popen", "args": ["sh"]})
    with pytest.raises(wire.WireError):
        wire.encode(Path("/etc/passwd"))


def test_the_fingerprint_follows_what_changes_a_result_not_where_models_live():
    base = ocr_fingerprint(configuration.from_dict({}))
    assert ocr_fingerprint(configuration.from_dict({"ocr": {"threads": 1, "cache_dir": "/srv/ocr"}})) == base
    assert ocr_fingerprint(configuration.from_dict({"ocr": {"max_side": 3000}})) != base
    assert ocr_fingerprint(configuration.from_dict({"ocr": {"second_recogniser": "none"}})) != base
    assert ocr_fingerprint(configuration.from_dict({"redact": {"keep_card_last4": True}})) != base


def test_task_ids_name_the_message_the_attempt_and_the_part():
    assert task_id(12, 2, 0) == "receiptd-12-2-0"
    assert len({task_id(12, a, p) for a in (1, 2) for p in (0, 1)}) == 4


def test_dispatch_defaults_to_embedded_and_celery_needs_a_broker():
    assert configuration.from_dict({}).dispatch.mode == "embedded"
    with pytest.raises(configuration.ConfigError, match="broker_url"):
        configuration.from_dict({"dispatch": {"mode": "celery"}})
    with pytest.raises(configuration.ConfigError, match="mode"):
        configuration.from_dict({"dispatch": {"mode": "rabbit"}})
    dispatch = configuration.from_dict({"dispatch": {"mode": "celery", "broker_url": "redis://h:6379/0",
                                                     "task_time_limit": 60, "in_flight": 3}}).dispatch
    assert visibility_timeout(dispatch) > dispatch.task_time_limit


def test_the_broker_password_comes_from_the_environment_and_is_masked(monkeypatch):
    dispatch = configuration.from_dict({"dispatch": {"mode": "celery", "broker_url_env": "TEST_BROKER"}}).dispatch
    with pytest.raises(BrokerConfigError, match="TEST_BROKER"):
        broker_url(dispatch)
    monkeypatch.setenv("TEST_BROKER", "redis://:s3cret@10.0.0.5:6379/0")
    assert broker_url(dispatch) == "redis://:s3cret@10.0.0.5:6379/0"
    assert masked(broker_url(dispatch)) == "redis://:***@10.0.0.5:6379/0"
    assert masked("redis://user:pw@h/0") == "redis://user:***@h/0" and masked("redis://h/0") == "redis://h/0"


def test_status_and_metrics_show_tasks_in_flight_workers_seen_and_stale_answers(tmp_path):
    from click.testing import CliRunner
    from prometheus_client import CollectorRegistry, generate_latest

    from conftest import daemon_sections, write_config
    from ingest.queue import Queue
    from receiptd.cli import main
    from receiptd.metrics import DatabaseCollector
    from store import dispatch as book
    from store.db import immediate, open_db

    config = write_config(tmp_path / "c.toml", daemon_sections(
        tmp_path, dispatch={"mode": "celery", "broker_url": "redis://:pw-42@127.0.0.1:1/0"}))
    db = open_db(tmp_path / "receiptd.db", migrate=True)
    queue = Queue(db)
    queue_id = queue.enqueue(b"Message-ID: <1@t>\r\n\r\nx", envelope_from=None, recipients=[]).id
    claimed = queue.claim()
    with immediate(db):
        book.record_sent(db, queue_id, claimed.attempts, {0: task_id(queue_id, 1, 0), 1: task_id(queue_id, 1, 1)})
        book.saw_workers(db, {"receiptd-ocr-7@host2": 3})
        book.count(db, book.STALE_RESULTS_DROPPED, 2)
    db.close()

    status = CliRunner().invoke(main, ["--config", str(config), "status"])
    assert status.exit_code == 0, status.output
    lines = status.output.splitlines()
    assert "tasks in flight        2" in lines and "stale results dropped  2" in lines
    assert any(line.split()[0] == "receiptd-ocr-7@host2" and "3 part(s)" in line for line in lines if line.strip())
    assert "redis://:***@127.0.0.1:1/0" in status.output and "pw-42" not in status.output

    registry = CollectorRegistry()
    registry.register(DatabaseCollector(str(tmp_path / "receiptd.db")))
    text = generate_latest(registry).decode()
    assert "receiptd_dispatch_tasks_in_flight 2.0" in text
    assert "receiptd_ocr_workers_seen 1.0" in text
    assert "receiptd_dispatch_stale_results_dropped_total 2.0" in text
    assert 'receiptd_ocr_worker_last_seen_timestamp_seconds{worker="receiptd-ocr-7@host2"}' in text
