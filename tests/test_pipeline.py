"""End to end on real parts: SMTP -> queue -> worker (real OCR) -> SQLite records."""
from __future__ import annotations

import json


from conftest import DEV_SET, FIXTURES, needs_dev_set, query, receipt_mail, send, wait_done, wait_until
from images import encode, receipt_image, text_pdf

OCR = {"ocr": {"preload": True}}


def receipts(database):
    return query(database, "SELECT merchant, purchase_date, currency, total, status, reason FROM receipts ORDER BY id")


def test_committed_real_receipt_photo_becomes_a_record(daemon_factory, tmp_path):
    daemon = daemon_factory(**OCR)
    label = json.loads((FIXTURES / "receipt.json").read_text())
    photo = (FIXTURES / "receipt.jpg").read_bytes()
    send(daemon.port, receipt_mail([(photo, "image/jpeg", "IMG_2041.JPG")]))
    database = tmp_path / "receiptd.db"
    assert wait_done(database) == [(1, "processed")]
    [(merchant, date, currency, total, status, reason)] = receipts(database)
    assert date == label["normalized"]["date"]
    assert total == round(float(label["normalized"]["total"]) * 100)
    assert currency == label["currency"]
    # the original photo left the queue; only a redacted, downscaled copy is stored
    assert query(database, "SELECT count(*) FROM spool") == [(0,)]
    [(stored,)] = query(database, "SELECT image FROM receipt_images")
    assert stored[:3] == b"\xff\xd8\xff" and stored != photo


@needs_dev_set
def test_dev_set_receipt_from_shared(daemon_factory, tmp_path):
    label = json.loads((DEV_SET / "labels" / "sroie-009.json").read_text())
    daemon = daemon_factory(**OCR)
    send(daemon.port, receipt_mail([((DEV_SET / "images" / "sroie-009.jpg").read_bytes(), "image/jpeg", "r.jpg")]))
    database = tmp_path / "receiptd.db"
    wait_done(database)
    [(merchant, date, currency, total, status, reason)] = receipts(database)
    assert (date, total) == (label["normalized"]["date"], round(float(label["normalized"]["total"]) * 100))


def test_pdf_e_receipt_text_layer_and_a_photo_in_one_mail(daemon_factory, tmp_path):
    daemon = daemon_factory(**OCR)
    photo = encode(receipt_image(), "JPEG", quality=90)
    send(daemon.port, receipt_mail([(text_pdf(), "application/pdf", "receipt.pdf"), (photo, "image/jpeg", "p.jpg")]))
    database = tmp_path / "receiptd.db"
    assert wait_done(database) == [(1, "processed")]
    rows = receipts(database)
    assert [(r[1], r[2], r[3]) for r in rows] == [("2025-03-14", "USD", 837)] * 2
    items = query(database, "SELECT description, amount FROM line_items WHERE receipt_id = 1 ORDER BY position")
    assert ("BANANAS", 127) in [(d.upper(), a) for d, a in items]


def test_mail_without_a_receipt_is_recorded_as_such(daemon_factory, tmp_path):
    daemon = daemon_factory()
    logo = encode(receipt_image(["ACME"], width=150, size=14), "PNG")
    send(daemon.port, receipt_mail([(logo, "image/png", "logo.png")], body="forgot the photo"))
    database = tmp_path / "receiptd.db"
    assert wait_done(database) == [(1, "no_receipt")]
    assert query(database, "SELECT extension, outcome, reason FROM message_parts") == [("png", "skipped", "too_small")]
    assert receipts(database) == []


def test_sigkill_during_processing_then_restart_gives_exactly_one_set_of_records(daemon_factory, tmp_path):
    photo = (FIXTURES / "receipt.jpg").read_bytes()
    daemon = daemon_factory(**OCR)
    database = tmp_path / "receiptd.db"
    send(daemon.port, receipt_mail([(photo, "image/jpeg", "a.jpg"), (photo, "image/jpeg", "b.jpg")]))
    wait_until(lambda: query(database, "SELECT status FROM messages") == [("claimed",)], message="claim")
    daemon.kill()  # claimed and reading its two photos (seconds of OCR): killed before it can finish
    assert query(database, "SELECT status, attempts, outcome FROM messages") == [("claimed", 1, None)]

    restarted = daemon_factory(**OCR)
    assert wait_done(database) == [(1, "processed")]
    assert query(database, "SELECT attempts FROM messages") == [(2,)]
    assert query(database, "SELECT count(*), count(DISTINCT position) FROM receipts") == [(2, 2)]
    assert "reclaimed after an unfinished attempt" in restarted.log


def test_a_mail_that_keeps_killing_the_worker_goes_to_dead_letter(daemon_factory, tmp_path):
    """Three crashed attempts: the message is set aside for an operator, not retried forever."""
    photo = (FIXTURES / "receipt.jpg").read_bytes()
    database = tmp_path / "receiptd.db"
    daemon = daemon_factory(**OCR, queue={"max_attempts": 2})
    send(daemon.port, receipt_mail([(photo, "image/jpeg", "a.jpg")]))
    for _ in range(2):
        wait_until(lambda: query(database, "SELECT status FROM messages") == [("claimed",)], message="claim")
        daemon.kill()
        daemon = daemon_factory(**OCR, queue={"max_attempts": 2})
    [(status, outcome, error)] = query(database, "SELECT status, outcome, error FROM messages")
    assert (status, outcome) == ("done", "dead_letter")
    assert "2 attempts" in error
    assert query(database, "SELECT count(*) FROM spool") == [(1,)]  # kept for the operator
