"""Celery mode end to end on real parts: real Redis on loopback, real ``receiptctl ocr-worker``
processes running the real OCR, the real daemon as coordinator. Workers and the coordinator are
killed with SIGKILL and the broker is restarted mid-run: every mail is finished exactly once,
and the records are those that embedded mode writes for the same mails."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import pytest

from celery_parts import BROKER_PASSWORD, Redis, ocr_workers, redis_binary, redis_server  # noqa: F401
from conftest import (FIXTURES, REPO, daemon_sections, query, receipt_mail, send, wait_done, wait_until,
                      write_config)
from harness import Daemon
from images import US_RECEIPT, encode, receipt_image

# a part may take this long on a worker; a mail waits (in_flight + 1) times this for its answers
TASK_TIME_LIMIT = 30.0


def photo(n: int) -> bytes:
    """A receipt photo whose total and time depend on ``n`` (no two alike)."""
    lines = list(US_RECEIPT)
    lines[3] = f"03/14/2025 {10 + n:02d}:{n:02d}"
    lines[-3] = f"TOTAL              {8 + n}.37"
    return encode(receipt_image(lines, width=760 + n), "JPEG", quality=90)


def mails(count: int) -> list[bytes]:
    """``count`` mails; the first holds the fixture photo and a synthetic one, the rest one each."""
    made = [receipt_mail([((FIXTURES / "receipt.jpg").read_bytes(), "image/jpeg", "a.jpg"),
                          (photo(0), "image/jpeg", "b.jpg")], message_id="<m0@example.org>")]
    made += [receipt_mail([(photo(n), "image/jpeg", f"r{n}.jpg")], message_id=f"<m{n}@example.org>")
             for n in range(1, count)]
    return made


def records(database) -> list[tuple]:
    """What a mail leaves behind, without timings: the comparison between the modes."""
    return (query(database, "SELECT id, status, outcome, sender, mail_date FROM messages ORDER BY id")
            + query(database, "SELECT message_id, position, merchant, purchase_date, purchase_time, currency, total, "
                              "subtotal, tax, status, reason, image_sha256, phash, dedupe_key, confidence, flags "
                              "FROM receipts ORDER BY message_id, position")
            + query(database, "SELECT r.message_id, r.position, l.position, l.description, l.amount FROM line_items l "
                              "JOIN receipts r ON r.id = l.receipt_id ORDER BY 1, 2, 3")
            + query(database, "SELECT r.message_id, r.position, d.kind, d.count FROM redactions d "
                              "JOIN receipts r ON r.id = d.receipt_id ORDER BY 1, 2, 3")
            + query(database, "SELECT r.message_id, r.position, length(i.image), l.lines FROM receipts r "
                              "LEFT JOIN receipt_images i ON i.receipt_id = r.id "
                              "LEFT JOIN receipt_lines l ON l.receipt_id = r.id ORDER BY 1, 2")
            + query(database, "SELECT message_id, position, outcome, reason FROM message_parts "
                              "ORDER BY message_id, position"))


def run_daemon(tmp_path, name: str, **overrides) -> tuple[Daemon, object]:
    directory = tmp_path / name
    directory.mkdir(exist_ok=True)
    config = write_config(directory / "config.toml", daemon_sections(directory, **overrides))
    return Daemon(config).start(), directory / "receiptd.db"


def celery_sections(redis, in_flight: int = 2, **extra) -> dict:
    return {"dispatch": {"mode": "celery", "broker_url": redis.url, "in_flight": in_flight,
                         "task_time_limit": TASK_TIME_LIMIT}, "ocr": {"threads": 1}, **extra}


def embedded_records(tmp_path, batch: list) -> list[tuple]:
    daemon, database = run_daemon(tmp_path, "embedded", ocr={"threads": 1})
    try:
        for msg in batch:
            send(daemon.port, msg)
        wait_done(database, len(batch), timeout=600)
    finally:
        daemon.stop()
    return records(database)


def test_celery_mode_writes_the_records_of_embedded_mode(redis_server, ocr_workers, tmp_path):
    batch = mails(3)
    expected = embedded_records(tmp_path, batch)
    directory = tmp_path / "celery"
    directory.mkdir()
    sections = daemon_sections(directory, **celery_sections(redis_server))
    # the broker's URL with its password comes from the environment, as in production
    del sections["dispatch"]["broker_url"]
    sections["dispatch"]["broker_url_env"] = "TEST_RECEIPTD_BROKER"
    env = {"TEST_RECEIPTD_BROKER": redis_server.url}
    config = write_config(directory / "config.toml", sections)
    workers = [ocr_workers(config, env=env), ocr_workers(config, env=env)]
    daemon = Daemon(config, env).start()
    database = directory / "receiptd.db"
    for msg in batch:
        send(daemon.port, msg)
    wait_done(database, len(batch), timeout=600)
    daemon.stop()
    assert records(database) == expected
    assert query(database, "SELECT attempts FROM messages") == [(1,), (1,), (1,)]
    seen = dict(query(database, "SELECT name, parts FROM ocr_workers"))
    assert sum(seen.values()) == 4 and set(seen) <= {worker_name(w) for w in workers}
    status = receiptctl(config, "status", env=env)
    assert re.search(r"tasks in flight\s+0", status) and re.search(r"stale results dropped\s+0", status)
    assert f"redis://:***@127.0.0.1:{redis_server.port}/0" in status
    for log in [daemon.log, status] + [worker.log for worker in workers]:
        assert BROKER_PASSWORD not in log


def test_kills_and_a_broker_restart_lose_no_mail_and_store_none_twice(redis_server, ocr_workers, tmp_path):
    batch = mails(6)
    expected = embedded_records(tmp_path, batch)
    directory = tmp_path / "celery"
    directory.mkdir()
    config = write_config(directory / "config.toml", daemon_sections(directory, **celery_sections(redis_server)))
    first, second = ocr_workers(config), ocr_workers(config)
    daemon = Daemon(config).start()
    database = directory / "receiptd.db"
    for msg in batch:
        send(daemon.port, msg)

    # a worker's pool process is SIGKILLed while it reads a part: Celery gives the task back
    first.wait_for(r"Task receiptd\.read_part\[[\w-]+\] received", 300, "a task at the first worker")
    [child] = first.children()
    os.kill(child, signal.SIGKILL)
    first.wait_for(r"WorkerLostError|exited with|signal 9", 120, "the lost pool process to be noticed")

    # the broker restarts mid-run (its append-only file keeps the queued tasks)
    wait_done(database, 1, timeout=600)
    redis_server.restart()

    # the coordinator is SIGKILLed with mails out at the workers, then started again
    wait_done(database, 3, timeout=600)
    daemon.kill()
    restarted = Daemon(config).start()
    wait_done(database, len(batch), timeout=900)
    restarted.stop()

    assert records(database) == expected
    assert query(database, "SELECT count(*), count(DISTINCT message_id || '/' || position) FROM receipts") == [
        (7, 7)]
    assert second.proc.poll() is None


def test_a_mail_no_worker_answers_goes_back_to_the_queue_and_its_late_answer_is_dropped(
        redis_server, ocr_workers, tmp_path):
    sections = celery_sections(redis_server, in_flight=1)
    sections["dispatch"]["task_time_limit"] = 10.0  # the mail waits 20 s for an answer
    directory = tmp_path / "celery"
    directory.mkdir()
    # after the first attempt, 10 s before the next: the worker starts in between
    config = write_config(directory / "config.toml", daemon_sections(directory, queue={"retry_delay": 10.0},
                                                                     **sections))
    daemon = Daemon(config).start()
    database = directory / "receiptd.db"
    send(daemon.port, mails(2)[1])
    wait_until(lambda: query(database, "SELECT attempts, status FROM messages") == [(1, "queued")], timeout=60,
               message="the first attempt given up")
    assert "attempt 1 given up: no OCR worker answered within 20s; the queue retries it" in daemon.log
    assert counter(database, "unanswered") == 1

    ocr_workers(config)  # reads the first attempt's task too: that answer is stale
    assert wait_done(database, 1, timeout=600) == [(1, "processed")]
    assert query(database, "SELECT attempts FROM messages") == [(2,)]
    wait_until(lambda: counter(database, "stale_results_dropped") == 1, timeout=120,
               message="the stale answer counted")
    assert query(database, "SELECT count(*) FROM receipts") == [(1,)]
    daemon.stop()


def test_a_mail_stays_queued_while_the_broker_is_down_and_is_read_once_it_is_up(ocr_workers, tmp_path):
    if redis_binary() is None:
        pytest.skip("redis-server is not installed (make test installs it; or apt-get install redis-server)")
    (tmp_path / "redis").mkdir()
    broker = Redis(tmp_path / "redis")  # its port is chosen; nothing listens there yet
    directory = tmp_path / "celery"
    directory.mkdir()
    config = write_config(directory / "config.toml", daemon_sections(directory, **celery_sections(broker)))
    daemon = Daemon(config).start()
    database = directory / "receiptd.db"
    send(daemon.port, mails(2)[1])
    wait_until(lambda: counter(database, "broker_unreachable") >= 2, timeout=120, message="two tries to send")
    assert query(database, "SELECT status, attempts, outcome FROM messages") == [("queued", 0, None)]
    assert daemon.log.count("cannot be reached") == 1  # one line for the outage, not one per try

    broker.start()
    ocr_workers(config)
    assert wait_done(database, 1, timeout=300) == [(1, "processed")]
    assert query(database, "SELECT attempts FROM messages") == [(1,)]
    assert "the broker can be reached again" in daemon.log
    daemon.stop()
    broker.stop()


def test_a_worker_with_other_ocr_settings_refuses_the_task(redis_server, ocr_workers, tmp_path):
    directory = tmp_path / "celery"
    directory.mkdir()
    sections = celery_sections(redis_server, in_flight=1)
    config = write_config(directory / "config.toml", daemon_sections(directory, queue={"max_attempts": 1},
                                                                     **sections))
    other = write_config(directory / "worker.toml", daemon_sections(directory, ocr={"max_side": 3000, "threads": 1},
                                                                    dispatch=sections["dispatch"]))
    ocr_workers(other)
    daemon = Daemon(config).start()
    database = directory / "receiptd.db"
    send(daemon.port, mails(2)[1])
    assert wait_done(database, 1, timeout=300) == [(1, "dead_letter")]
    [(error,)] = query(database, "SELECT error FROM messages")
    assert "OCR settings differ" in error
    assert query(database, "SELECT count(*) FROM receipts") == [(0,)]
    daemon.stop()


def counter(database, name: str) -> int:
    rows = query(database, "SELECT value FROM dispatch_counters WHERE name = ?", [name])
    return rows[0][0] if rows else 0


def worker_name(worker) -> str:
    return worker.wait_for(r"OCR worker (\S+):", 1, "the worker's name").group(1)


def receiptctl(config, *args: str, env: dict | None = None) -> str:
    run = subprocess.run([sys.executable, "-c", "from receiptd.cli import main; main()", "--config", str(config),
                          *args], cwd=REPO, capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.fixture(autouse=True)
def _no_leftover_mail(tmp_path):
    yield
    for database in tmp_path.glob("*/receiptd.db"):
        assert query(database, "SELECT count(*) FROM messages WHERE status != 'done'") == [(0,)], database
