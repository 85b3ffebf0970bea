"""The durable queue on a real SQLite file: claim order, retry cap, dead letter, recovery."""
from __future__ import annotations

import pytest

from ingest.queue import LostClaim, Queue
from store.db import immediate, open_db


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "q.db", migrate=True)
    yield database
    database.close()


def enqueue(queue: Queue, n: int) -> list[int]:
    return [queue.enqueue(f"Message-ID: <{i}@t>\r\n\r\nbody {i}".encode(), envelope_from="a@t", recipients=["r@t"]).id
            for i in range(n)]


def status(db, queue_id):
    return db.execute("SELECT status, outcome, attempts FROM messages WHERE id = ?", [queue_id]).fetchone()


def test_claims_in_arrival_order_and_raises_attempts(db):
    queue = Queue(db)
    ids = enqueue(queue, 3)
    claimed = [queue.claim() for _ in range(3)]
    assert [c.id for c in claimed] == ids
    assert all(c.attempts == 1 for c in claimed)
    assert claimed[0].raw.endswith(b"body 0")
    assert queue.claim() is None


def test_same_message_id_and_bytes_is_one_row(db):
    queue = Queue(db)
    raw = b"Message-ID: <x@t>\r\n\r\nsame"
    first = queue.enqueue(raw, envelope_from="a@t", recipients=["r@t"])
    again = queue.enqueue(raw, envelope_from="a@t", recipients=["r@t"])
    other = queue.enqueue(raw + b"!", envelope_from="a@t", recipients=["r@t"])
    assert (again.id, again.duplicate) == (first.id, True)
    assert other.id != first.id and not other.duplicate
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 2


def test_finish_records_outcome_and_drops_raw_bytes(db):
    queue = Queue(db)
    [queue_id] = enqueue(queue, 1)
    queue.claim()
    with immediate(db):
        queue.finish(queue_id, "processed")
    assert status(db, queue_id) == ("done", "processed", 1)
    assert db.execute("SELECT count(*) FROM spool").fetchone()[0] == 0


def test_failures_retry_then_dead_letter_after_the_cap(db):
    queue = Queue(db, max_attempts=3, retry_delay=0)
    [queue_id] = enqueue(queue, 1)
    results = []
    for _ in range(3):
        claimed = queue.claim()
        assert claimed.id == queue_id
        results.append(queue.fail(queue_id, "RuntimeError: boom"))
    assert results == ["retry", "retry", "dead_letter"]
    assert status(db, queue_id) == ("done", "dead_letter", 3)
    assert "boom" in db.execute("SELECT error FROM messages").fetchone()[0]
    # the raw mail stays for an operator
    assert db.execute("SELECT count(*) FROM spool").fetchone()[0] == 1
    assert queue.claim() is None


def test_retry_waits_for_its_delay(db):
    queue = Queue(db, retry_delay=3600)
    [queue_id] = enqueue(queue, 1)
    queue.claim()
    assert queue.fail(queue_id, "transient") == "retry"
    assert queue.claim() is None  # not due for an hour


def test_recover_requeues_a_crashed_claim_and_dead_letters_at_the_cap(tmp_path):
    path = tmp_path / "q.db"
    first = Queue(open_db(path, migrate=True), max_attempts=2)
    a, b = enqueue(first, 2)
    first.claim()  # a: attempt 1, then the process "crashes"
    first.db.close()

    second = Queue(open_db(path), max_attempts=2)
    assert second.recover() == 1
    assert status(second.db, a) == ("queued", None, 1)
    assert second.claim().id == a  # attempt 2, crash again
    third = Queue(open_db(path), max_attempts=2)
    assert third.recover() == 1
    assert status(third.db, a)[:2] == ("done", "dead_letter")
    assert third.claim().id == b


def test_a_stale_worker_cannot_finish_a_recovered_message(tmp_path):
    path = tmp_path / "q.db"
    stale = Queue(open_db(path, migrate=True))
    [queue_id] = enqueue(stale, 1)
    stale.claim()
    fresh = Queue(open_db(path))
    fresh.recover()
    assert fresh.claim().id == queue_id
    with pytest.raises(LostClaim):
        with immediate(stale.db):
            stale.finish(queue_id, "processed")
    with immediate(fresh.db):
        fresh.finish(queue_id, "processed")
    assert status(fresh.db, queue_id)[:2] == ("done", "processed")


def test_release_gives_back_without_counting_the_attempt(db):
    queue = Queue(db)
    [queue_id] = enqueue(queue, 1)
    queue.claim()
    queue.release(queue_id)
    assert status(db, queue_id) == ("queued", None, 0)
    assert queue.depth() == 1


def test_raw_bytes_kept_for_retain_days_then_purged(db):
    queue = Queue(db)
    done, dead = enqueue(queue, 2)
    queue.claim()
    with immediate(db):
        queue.finish(done, "processed", keep_raw=True)
    queue.claim()
    queue.dead_letter(dead, "boom")
    assert queue.purge_raw(retain_days=1) == 0  # finished just now: kept
    db.execute("UPDATE messages SET finished_at = '2000-01-01T00:00:00+00:00'")
    assert queue.purge_raw(retain_days=1) == 1
    assert db.execute("SELECT message_id FROM spool").fetchall() == [(dead,)]  # the dead letter keeps its mail
