"""Merchants as brands in the store (#14 part 4): receipts.merchant_raw and brand_wikidata, written
from the Receipt, added to fresh and existing files, shown to analysts beside the canonical merchant."""
from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

from ingest.pipeline import MailResult, ReceiptResult
from parse.types import ParsedMail, Receipt
from store import analyst_db, analytics
from store.db import open_db
from store.migrations import ANALYST_VIEWS_1, SQL_DIR, execute_script, migrations
from store.records import save_mail_result
from test_analytics import Fixture

BRAND_COLUMNS = ["merchant", "merchant_raw", "brand_wikidata"]
ALDI_SUED = "Q41171672"


def columns(db, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def previous_release(path) -> None:
    """A file as the release before 0007_receipt_brand left it: every other migration applied,
    no brand columns, v_receipts without them."""
    db = open_db(path, migrate=True)
    for view in analytics.VIEWS:
        db.execute(f"DROP VIEW {view}")
    for column in ("merchant_raw", "brand_wikidata"):
        db.execute(f"ALTER TABLE receipts DROP COLUMN {column}")
    views = (SQL_DIR / ANALYST_VIEWS_1).read_text(encoding="utf-8")
    execute_script(db, views.replace("r.merchant_raw, r.brand_wikidata, ", ""))
    db.execute("DELETE FROM _sqlite_migrations WHERE name IN ('0007_receipt_brand', '0105_receipt_brand_views')")
    db.close()


def test_a_fresh_file_has_the_columns_before_the_views_read_them(tmp_path):
    db = open_db(tmp_path / "receiptd.db", migrate=True)
    names = [m.name for m in migrations.applied(db)]
    assert names.index("0007_receipt_brand") < names.index("0100_analyst_tables")
    assert names.index("0105_receipt_brand_views") == names.index("0100_analyst_tables") + 5
    assert {"merchant_raw", "brand_wikidata"} <= set(columns(db, "receipts"))
    view = columns(db, "v_receipts")
    assert view[view.index("merchant"):view.index("merchant") + 3] == BRAND_COLUMNS
    db.close()


def test_an_existing_file_gets_the_columns_and_the_views_and_its_rows_keep_null(tmp_path):
    path = tmp_path / "receiptd.db"
    previous_release(path)
    fx = Fixture(path, stop_before="0007_receipt_brand")  # applies nothing: only 0007 and 0105 are pending
    assert "merchant_raw" not in columns(fx.db, "v_receipts")
    old = fx.receipt(None, "ALDI SÜD", "2024-02-01", "10:00", 500, currency="EUR")
    migrations.apply(fx.db)
    assert [m.name for m in migrations.applied(fx.db)][-2:] == ["0007_receipt_brand", "0105_receipt_brand_views"]
    assert fx.rows("SELECT merchant, merchant_raw, brand_wikidata FROM v_receipts WHERE receipt_id = ?", [old]) == [
        {"merchant": "ALDI SÜD", "merchant_raw": None, "brand_wikidata": None}]
    fx.db.close()


def _mail_result(receipt: Receipt) -> MailResult:
    mail = ParsedMail(message_id="<1@example.org>", from_address="ann@example.org", subject="receipt",
                      date=None, candidates=(), skipped=())
    return MailResult(mail, (ReceiptResult(position=0, media_type="image/jpeg", receipt=receipt),), ())


def test_records_write_the_printed_name_and_the_brand(tmp_path):
    fx = Fixture(tmp_path / "receiptd.db")
    message = fx.db.execute(
        "INSERT INTO messages (sha256, source, received_at, size) VALUES ('00', 'smtp', '2024-02-01T10:00:00', 1)"
    ).lastrowid
    receipt = Receipt(merchant="Aldi Süd", merchant_raw="AIdi SUD", brand_wikidata=ALDI_SUED,
                      date=dt.date(2024, 2, 1), currency="EUR", total=Decimal("5.00"))
    [receipt_id] = save_mail_result(fx.db, message, _mail_result(receipt))
    assert fx.rows("SELECT merchant, merchant_raw, brand_wikidata FROM receipts WHERE id = ?", [receipt_id]) == [
        {"merchant": "Aldi Süd", "merchant_raw": "AIdi SUD", "brand_wikidata": ALDI_SUED}]
    fx.db.close()


def test_analysts_group_by_the_canonical_merchant_and_get_the_brand_columns(tmp_path):
    fx = Fixture(tmp_path / "receiptd.db")
    for printed, total in (("ALDI SÜD", 500), ("AIdi SUD", 700)):
        receipt_id = fx.receipt(None, "Aldi Süd", "2026-06-06", "10:15", total, currency="EUR")
        fx.db.execute("UPDATE receipts SET merchant_raw = ?, brand_wikidata = ? WHERE id = ?",
                      [printed, ALDI_SUED, receipt_id])
    assert fx.rows("SELECT merchant, receipts, spend FROM v_spend_by_merchant") == [
        {"merchant": "Aldi Süd", "receipts": 2, "spend": 12.0}]
    fx.db.close()
    built = analyst_db.build(tmp_path / "receiptd.db", tmp_path / "analytics.db")
    conn = sqlite3.connect(built.path)
    try:
        rows = conn.execute("SELECT merchant, merchant_raw, brand_wikidata FROM v_receipts ORDER BY receipt_id")
        assert rows.fetchall() == [("Aldi Süd", "ALDI SÜD", ALDI_SUED), ("Aldi Süd", "AIdi SUD", ALDI_SUED)]
        plan = conn.execute("EXPLAIN QUERY PLAN SELECT brand_wikidata, count(*) FROM v_receipts "
                            "GROUP BY brand_wikidata, currency").fetchall()
        assert "USING COVERING INDEX" in str(plan)
    finally:
        conn.close()
