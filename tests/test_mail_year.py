"""A date printed without its year (``02.03. 15:59``, ``03/02 3:59PM``) takes the year from when the
mail came in: the daemon end to end, reprocessing, and the rule itself on OCR lines."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import query, send, wait_done
from parse.extract import dated_by_mail, extract_receipt
from parse.types import OcrLine
from test_panel import ALICE, TODAY, invite, pdf_mail

GERMAN_SLIP = ["KORBMARKT", "Hauptstr. 5", "50667 Koeln", "BUTTER 1,99 B", "SUMME EUR 1,99", "Geg. EC-Cash EUR 1,99",
               "AS-Zeit 02.03. 15:59 Uhr", "Betrag EUR 1,99"]
US_CHECK = ["BLUE HERON GRILL", "1200 Main Street", "Springfield, IL 62701", "Server: Dana  03/02 3:59PM",
            "2 Iced Tea 5.98", "Subtotal 5.98", "Tax 0.48", "Total 6.46"]


def ocr(rows: list[str]) -> list[OcrLine]:
    return [OcrLine(text, box=(10, 30 * i, 400, 30 * i + 24), confidence=0.8) for i, text in enumerate(rows)]


@pytest.mark.parametrize(("rows", "received", "expected"), [
    (GERMAN_SLIP, dt.date(2026, 3, 4), dt.date(2026, 3, 2)),  # day first: the 2nd of March
    (US_CHECK, dt.date(2026, 3, 4), dt.date(2026, 3, 2)),  # a US check: month first
    (GERMAN_SLIP, dt.date(2026, 1, 4), dt.date(2025, 3, 2)),  # mailed in January: last year's March
    (GERMAN_SLIP, dt.date(2026, 2, 27), dt.date(2025, 3, 2)),  # days after the mail came: last year's
])
def test_a_date_without_its_year_is_the_latest_such_day_before_the_mail(rows, received, expected):
    lines = ocr(rows)
    receipt = extract_receipt(lines)
    assert receipt.date is None  # nothing on the receipt says the year
    dated = dated_by_mail(receipt, lines, received)
    assert (dated.date, dated.time) == (expected, dt.time(15, 59))
    assert dated.flags["date_year_from_mail"] and dated.confidence["date"] == 0.5
    assert dated.total == receipt.total


def test_a_receipt_that_prints_its_year_keeps_its_date():
    lines = ocr(GERMAN_SLIP + ["02.03.2021 15:59 Bon-Nr.:4711"])
    receipt = extract_receipt(lines)
    assert dated_by_mail(receipt, lines, dt.date(2026, 3, 4)) is receipt
    assert receipt.date == dt.date(2021, 3, 2)


def test_the_daemon_dates_a_year_less_receipt_by_its_mail(daemon_factory, tmp_path):
    """A US e-receipt printing ``MM/DD`` and the time only: stored with the year the mail came in,
    flagged, and accepted by the panel (it is this month's)."""
    database = tmp_path / "receiptd.db"
    invite(database, ALICE)
    daemon = daemon_factory(panel={"enabled": True})
    rows = US_CHECK[:3] + [f"Server: Dana  {TODAY:%m/%d} 3:59PM"] + US_CHECK[4:]
    send(daemon.port, pdf_mail(ALICE, rows), mail_from=ALICE)
    wait_done(database)
    ((date, time, status, flags),) = query(database, "SELECT purchase_date, purchase_time, status, flags FROM receipts")
    assert (date, time, status) == (TODAY.isoformat(), "15:59", "accepted")
    assert json.loads(flags)["date_year_from_mail"] is True


def test_reprocess_dates_a_stored_year_less_receipt_by_its_mail(tmp_path):
    """Receipts stored undated before this rule get their date from the stored mail's arrival."""
    from ingest.reprocess import reprocess
    from receiptd import config as configuration
    from store.records import lines_json
    from test_analytics import STAMP, Fixture

    received = dt.datetime.fromisoformat(STAMP).date()
    rows = GERMAN_SLIP[:6] + [f"AS-Zeit {received:%d.%m.} 15:59 Uhr"] + GERMAN_SLIP[7:]
    fx = Fixture(tmp_path / "receiptd.db")
    stored = fx.receipt(None, "KORBMARKT", received.isoformat(), None, 199, currency="EUR", status="rejected")
    fx.db.execute("UPDATE receipts SET purchase_date = NULL, reason = 'date_unreadable' WHERE id = ?", [stored])
    fx.db.execute("INSERT INTO receipt_lines (receipt_id, lines) VALUES (?, ?)", [stored, lines_json(ocr(rows))])
    config = configuration.from_dict({"panel": {"enabled": False}})
    assert reprocess(fx.db, config, [stored]).changed == 1
    assert fx.rows("SELECT purchase_date, purchase_time, status FROM receipts WHERE id = ?", [stored]) == [
        {"purchase_date": received.isoformat(), "purchase_time": "15:59", "status": "accepted"}]
    fx.db.close()
