"""The worker in process: mails enqueued in a real SQLite file, then a ``Worker`` drains the queue.

Its OCR engine is a fake that reads back the lines each test photo was drawn with (no OCR model
is loaded), so the queue's and the panel's logic is tested in a second; the end-to-end tests
(test_pipeline.py, test_panel.py) run the same code behind a real daemon with real OCR."""
from __future__ import annotations

import re
import types

import pytest

from receiptd import config as configuration
from conftest import PANEL_ZONE, receipt_mail, wire
from images import US_RECEIPT, encode, receipt_image
from ingest.pipeline import Pipeline
from ingest.queue import Queue
from ingest.worker import Worker
from parse.types import OcrLine
from store import panel as store
from store.db import immediate, open_db
from test_panel import ALICE, BOB, MONTH, receipt_lines, total_of

LINE_HEIGHT, LEFT, CHAR_WIDTH = 44, 40, 17  # as images.receipt_image draws its lines (28 px DejaVu Sans Mono)


class FakeOcr:
    """Reads the text a test photo was drawn with, found by the photo's size (each photo made here
    is one pixel wider than the one before); any other image (a crop) reads as nothing."""

    def __init__(self, fails: Exception | None = None):
        self.pages: dict[tuple[int, int], list[str]] = {}
        self.fails = fails
        self.reads = 0

    def photo(self, lines: list[str]) -> bytes:
        image = receipt_image(lines, width=760 + len(self.pages))
        self.pages[image.size] = lines
        return encode(image, "JPEG", quality=90)

    def read(self, image, text_height: float | None = None, known_text_height: float | None = None) -> list[OcrLine]:
        self.reads += 1
        if self.fails is not None:
            raise self.fails
        return [line(index, text) for index, text in enumerate(self.pages.get(image.size, ()))]

    def text_turn(self, image):
        return types.SimpleNamespace(turn=0)


def line(index: int, text: str) -> OcrLine:
    top = LINE_HEIGHT * (index + 2)
    words = tuple(OcrLine(m.group(), (LEFT + CHAR_WIDTH * m.start(), top, LEFT + CHAR_WIDTH * m.end(), top + 30), 0.99)
                  for m in re.finditer(r"\S+", text))
    return OcrLine(text, (LEFT, top, LEFT + CHAR_WIDTH * len(text), top + 30), 0.99, words)


class Harness:
    """A queue in a real file, and the worker that drains it."""

    def __init__(self, tmp_path, ocr: FakeOcr, **sections):
        settings = {"store": {"database": str(tmp_path / "receiptd.db")},
                    "queue": {"retry_delay": 0.0},
                    "panel": {"enabled": False, "timezone": PANEL_ZONE}}
        for section, keys in sections.items():
            settings.setdefault(section, {}).update(keys)
        self.config = configuration.from_dict(settings)
        self.db = open_db(self.config.store.database, migrate=True)
        self.queue = Queue(self.db)
        self.ocr = ocr
        self.worker = Worker(self.config, self.db, Pipeline(self.config, engine_factory=lambda: ocr))

    def enqueue(self, *receipts: list[str], sender: str = ALICE, subject: str = "receipt") -> int:
        photos = [(self.ocr.photo(lines), "image/jpeg", f"r{i}.jpg") for i, lines in enumerate(receipts)]
        raw = wire(receipt_mail(photos, sender=sender, subject=subject))
        return self.queue.enqueue(raw, envelope_from=sender, recipients=["receipts@localhost"]).id

    def invite(self, *addresses: str) -> None:
        with immediate(self.db):
            for address in addresses:
                store.invite(self.db, address)

    def rows(self, sql: str, params=()) -> list[tuple]:
        return self.db.execute(sql, params).fetchall()


@pytest.fixture
def harness(tmp_path):
    made: list[Harness] = []

    def make(ocr: FakeOcr | None = None, **sections) -> Harness:
        made.append(Harness(tmp_path, ocr or FakeOcr(), **sections))
        return made[-1]

    yield make
    for each in made:
        each.db.close()


def test_a_photo_becomes_a_record_and_the_spooled_bytes_go(harness):
    h = harness()
    queue_id = h.enqueue(US_RECEIPT)
    assert h.worker.drain() == 1
    assert h.rows("SELECT status, outcome, attempts FROM messages WHERE id = ?", [queue_id]) == [
        ("done", "processed", 1)]
    assert h.rows("SELECT merchant, purchase_date, total, currency, status FROM receipts WHERE message_id = ?",
                  [queue_id]) == [("CORNER MARKET", "2025-03-14", 837, "USD", "accepted")]
    assert h.rows("SELECT count(*) FROM line_items") == [(3,)]
    assert h.rows("SELECT count(*) FROM receipt_images") == [(1,)]
    assert h.rows("SELECT count(*) FROM spool") == [(0,)]
    assert h.worker.drain() == 0


def test_a_mail_without_a_photo_is_no_receipt_and_nothing_is_read(harness):
    h = harness()
    queue_id = h.queue.enqueue(wire(receipt_mail(body="no photo")), envelope_from=ALICE, recipients=["r@t"]).id
    h.worker.drain()
    assert h.rows("SELECT outcome FROM messages WHERE id = ?", [queue_id]) == [("no_receipt",)]
    assert h.ocr.reads == 0


def test_an_engine_that_keeps_failing_dead_letters_the_mail_after_the_cap(harness):
    h = harness(FakeOcr(fails=RuntimeError("model file is damaged")), queue={"max_attempts": 3})
    queue_id = h.enqueue(US_RECEIPT)
    assert h.worker.drain() == 3  # claimed three times: the first two put it back
    [(outcome, attempts, error)] = h.rows("SELECT outcome, attempts, error FROM messages WHERE id = ?", [queue_id])
    assert (outcome, attempts) == ("dead_letter", 3)
    assert re.fullmatch(r"RuntimeError at test_worker.py:\d+: model file is damaged \(after 3 attempts\)", error)
    assert h.rows("SELECT count(*) FROM receipts") == [(0,)]
    assert h.rows("SELECT count(*) FROM spool") == [(1,)]  # kept for the operator


def test_the_tenth_receipt_of_the_month_earns_one_reward_and_the_eleventh_none(harness):
    h = harness(panel={"enabled": True})
    h.invite(ALICE)
    for n in range(11):
        h.enqueue(receipt_lines(n))
    assert h.worker.drain() == 11
    assert h.rows("SELECT outcome, count(*) FROM messages GROUP BY outcome") == [("processed", 11)]
    assert h.rows("SELECT status, count(*) FROM receipts GROUP BY status") == [("accepted", 11)]
    [(month, amount, receipt_total)] = h.rows(
        "SELECT w.month, w.amount, r.total FROM rewards w JOIN receipts r ON r.id = w.receipt_id")
    assert (month, amount, receipt_total) == (MONTH, 1000, total_of(9))
    assert h.rows("SELECT kind, count(*) FROM outbound GROUP BY kind") == [("receipts", 11)]


def test_the_same_receipt_twice_is_a_duplicate_and_earns_nothing(harness):
    h = harness(panel={"enabled": True})
    h.invite(ALICE)
    h.enqueue(receipt_lines(1))
    h.enqueue(receipt_lines(1))  # another photo of the same receipt: same merchant, date, time, total
    h.worker.drain()
    assert h.rows("SELECT status, reason FROM receipts ORDER BY id") == [("accepted", None), ("rejected", "duplicate")]
    assert h.rows("SELECT count(*) FROM line_items l JOIN receipts r ON r.id = l.receipt_id "
                  "WHERE r.status = 'rejected'") == [(0,)]


def test_a_stranger_is_waitlisted_once_and_their_photos_are_never_read(harness):
    h = harness(panel={"enabled": True})
    first = h.enqueue(receipt_lines(1), sender=BOB)
    second = h.enqueue(receipt_lines(2), sender=BOB)
    h.worker.drain()
    assert h.rows("SELECT id, outcome FROM messages ORDER BY id") == [(first, "not_panelist"),
                                                                       (second, "not_panelist")]
    assert h.ocr.reads == 0
    assert h.rows("SELECT address, status FROM panelists") == [(BOB, "waitlisted")]
    assert h.rows("SELECT kind, count(*) FROM outbound GROUP BY kind") == [("waitlisted", 1)]
    assert h.rows("SELECT count(*) FROM receipts") == [(0,)]
