"""receiptctl against a real database."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import REPO, daemon_sections, write_config
from ingest.queue import Queue
from store.db import immediate, open_db

RECEIPTCTL = Path(REPO / ".venv" / "bin" / "receiptctl")


def run(*args):
    return subprocess.run([str(RECEIPTCTL), *args], capture_output=True, text=True, timeout=300, cwd=REPO)


def test_status_shows_queue_depth_dead_letters_and_outcomes(tmp_path):
    config = write_config(tmp_path / "c.toml", daemon_sections(tmp_path))
    db = open_db(tmp_path / "receiptd.db", migrate=True)
    queue = Queue(db, max_attempts=1)
    ids = [queue.enqueue(f"Message-ID: <{i}@t>\r\n\r\n{i}".encode(), envelope_from=None, recipients=[]).id
           for i in range(4)]
    queue.claim()
    queue.fail(ids[0], "boom")  # -> dead letter
    queue.claim()
    with immediate(db):
        queue.finish(ids[1], "no_receipt")
    db.close()
    result = run("--config", str(config), "status")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "queue depth   2 (queued 2, in progress 0)" in lines
    assert "dead letters  1" in lines
    assert any(line.split() == ["no_receipt", "1"] for line in lines)


def test_extract_prints_one_json_object_per_image(tmp_path):
    config = write_config(tmp_path / "c.toml", daemon_sections(tmp_path))
    label = json.loads((REPO / "tests" / "fixtures" / "receipt.json").read_text())
    not_image = tmp_path / "notes.txt"
    not_image.write_text("hello")
    result = run("--config", str(config), "extract", "tests/fixtures/receipt.jpg", str(not_image))
    assert result.returncode == 1  # one input was not an image
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert (first["date"], first["total"], first["currency"]) == (
        label["normalized"]["date"], label["normalized"]["total"], label["currency"])
    assert first["seconds"] > 0 and isinstance(first["items"], list)
    assert second == {"image": str(not_image), "error": "not an image or PDF"}


def test_bad_config_is_a_clean_error(tmp_path):
    config = write_config(tmp_path / "c.toml", {"store": {"databse": "x.db"}})
    result = run("--config", str(config), "status")
    assert result.returncode != 0
    assert "unknown key 'store.databse'" in result.stderr
    assert "Traceback" not in result.stderr


def test_deadletter_list_retry_drop(tmp_path):
    config = write_config(tmp_path / "c.toml", daemon_sections(tmp_path))
    db = open_db(tmp_path / "receiptd.db", migrate=True)
    queue = Queue(db, max_attempts=1)
    first, second = (queue.enqueue(f"Message-ID: <d{i}@t>\r\n\r\n{i}".encode(), envelope_from=None,
                                   recipients=[]).id for i in range(2))
    for queue_id in (first, second):
        queue.claim()
        queue.fail(queue_id, "ValueError at x.py:1: bad")
    db.close()

    listed = run("--config", str(config), "deadletter", "list")
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == [str(first), str(second)]
    assert "raw=kept" in listed.stdout and "ValueError" in listed.stdout

    assert run("--config", str(config), "deadletter", "retry", str(first)).stdout.strip() == f"{first} queued again"
    assert run("--config", str(config), "deadletter", "drop", str(second)).stdout.strip() == f"{second} dropped"
    again = run("--config", str(config), "deadletter", "retry", str(second))
    assert again.returncode != 0 and "not a dead letter" in again.stderr
    db = open_db(tmp_path / "receiptd.db")
    assert db.execute("SELECT id, status, outcome, attempts FROM messages ORDER BY id").fetchall() == [
        (first, "queued", None, 0), (second, "done", "dropped", 1)]
    assert db.execute("SELECT message_id FROM spool").fetchall() == [(first,)]


def test_export_csv_and_parquet(tmp_path):
    import csv

    import pyarrow.parquet as pq

    config = write_config(tmp_path / "c.toml", daemon_sections(tmp_path))
    db = open_db(tmp_path / "receiptd.db", migrate=True)
    queue_id = Queue(db).enqueue(b"Message-ID: <e@t>\r\n\r\nx", envelope_from="p@t", recipients=[]).id
    receipt_id = db.table("receipts").insert({
        "message_id": queue_id, "position": 0, "sender": "p@t", "merchant": "CORNER MARKET",
        "purchase_date": "2026-11-01", "currency": "USD", "total": 837, "status": "accepted",
        "created_at": "2026-11-02T00:00:00+00:00"}).last_pk
    db.table("line_items").insert({"receipt_id": receipt_id, "position": 0, "description": "MILK", "amount": 349})
    db.close()
    for fmt in ("csv", "parquet"):
        result = run("--config", str(config), "export", "--format", fmt, "--out", str(tmp_path / fmt))
        assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(open(tmp_path / "csv" / "receipts.csv")))
    assert [(r["merchant"], r["total"], r["purchase_date"]) for r in rows] == [("CORNER MARKET", "837", "2026-11-01")]
    assert "sender" not in rows[0]
    table = pq.read_table(tmp_path / "parquet" / "line_items.parquet").to_pylist()
    assert [(r["receipt_id"], r["description"], r["amount"]) for r in table] == [(receipt_id, "MILK", 349)]


def test_extract_dates_a_year_less_receipt_by_the_day_given_as_received(tmp_path):
    from images import text_pdf

    config = write_config(tmp_path / "c.toml", daemon_sections(tmp_path))
    slip = tmp_path / "slip.pdf"
    slip.write_bytes(text_pdf(["KORBMARKT", "Hauptstr. 5", "50667 Koeln", "BUTTER 1,99 B", "SUMME EUR 1,99",
                               "AS-Zeit 02.03. 15:59 Uhr", "Betrag EUR 1,99"]))
    undated, dated = (json.loads(run("--config", str(config), "extract", *received, str(slip)).stdout)
                      for received in ((), ("--received", "2026-01-04")))
    assert (undated["date"], undated["reason"]) == (None, "date_unreadable")
    assert (dated["date"], dated["time"], dated["status"]) == ("2025-03-02", "15:59", "accepted")
    assert dated["flags"]["date_year_from_mail"] is True


def test_extract_without_a_received_day_dates_a_year_less_receipt_by_the_day_its_photo_was_taken(tmp_path):
    """A photo's camera writes the day it was taken (EXIF DateTimeOriginal): a receipt printed
    without its year takes the year that makes it the latest such day not after it."""
    from PIL import Image

    from images import receipt_image

    config = write_config(tmp_path / "c.toml", daemon_sections(tmp_path))
    image = receipt_image(["KORBMARKT", "Hauptstr. 5", "50667 Koeln", "BUTTER 1,99 B", "SUMME EUR 1,99",
                           "AS-Zeit 02.03. 15:59 Uhr", "Betrag EUR 1,99"])
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "2026:01:04 12:00:00"
    photo, bare = tmp_path / "photo.jpg", tmp_path / "bare.jpg"
    image.save(photo, "JPEG", exif=exif)
    image.save(bare, "JPEG")
    dated, undated = (json.loads(line) for line in run("--config", str(config), "extract", str(photo),
                                                       str(bare)).stdout.splitlines())
    assert (dated["date"], dated["time"], dated["flags"].get("date_year_from_photo")) == ("2025-03-02", "15:59", True)
    assert (undated["date"], undated["reason"]) == (None, "date_unreadable")
