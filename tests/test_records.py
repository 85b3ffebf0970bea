"""One serialisation of a Receipt (store.records.receipt_record): what `receiptctl extract` prints and
what the receipts table stores are the same fields, written two ways."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from parse.types import LineItem, Receipt
from store.db import open_db
from store.records import receipt_fields, receipt_record

RECEIPT = Receipt(
    merchant="Aldi Süd", merchant_raw="ALDI SUD", brand_wikidata="Q41171672", merchant_address="Hauptstr. 1",
    phone="089 123", date=dt.date(2026, 11, 3), time=dt.time(9, 5), currency="EUR", total=Decimal("12.30"),
    subtotal=Decimal("11.50"), tax=Decimal("0.80"), tax_rate=Decimal("7"), tip=None,
    items=(LineItem("MILCH 1L", amount=Decimal("1.98"), quantity=Decimal("2"), unit_price=Decimal("0.99")),),
    payment="card",
    receipt_number="0042", category="grocery", redacted_items=1, redacted_amount=Decimal("4.20"),
    confidence={"total": 0.9}, flags={"total_checked": True})


def test_extract_prints_every_field_with_amounts_as_decimal_text():
    printed = json.loads(json.dumps(receipt_record(RECEIPT), default=str))
    assert printed == {
        "merchant": "Aldi Süd", "merchant_raw": "ALDI SUD", "brand_wikidata": "Q41171672",
        "merchant_address": "Hauptstr. 1", "phone": "089 123", "date": "2026-11-03", "time": "09:05",
        "currency": "EUR", "total": "12.30", "subtotal": "11.50", "tax": "0.80", "tax_rate": "7", "tip": None,
        "items": [{"description": "MILCH 1L", "quantity": "2", "unit_price": "0.99", "amount": "1.98"}],
        "redacted_items": 1, "redacted_amount": "4.20", "payment": "card", "receipt_number": "0042",
        "category": "grocery", "confidence": {"total": 0.9}, "flags": {"total_checked": True}}


def test_the_store_writes_the_same_fields_as_columns_in_minor_units():
    assert receipt_fields(RECEIPT) == {
        "merchant": "Aldi Süd", "merchant_raw": "ALDI SUD", "brand_wikidata": "Q41171672",
        "merchant_address": "Hauptstr. 1", "merchant_phone": "089 123", "purchase_date": "2026-11-03",
        "purchase_time": "09:05", "currency": "EUR", "total": 1230, "subtotal": 1150, "tax": 80, "tax_rate": "7",
        "tip": None, "redacted_items": 1, "redacted_amount": 420, "payment": "card", "receipt_number": "0042",
        "category": "grocery", "confidence": '{"total": 0.9}', "flags": '{"total_checked": true}'}


def test_every_stored_field_is_a_column_of_receipts(tmp_path):
    db = open_db(tmp_path / "receiptd.db", migrate=True)
    columns = {row[1] for row in db.execute("PRAGMA table_info(receipts)")}
    db.close()
    assert set(receipt_fields(RECEIPT)) <= columns
    assert set(receipt_fields(Receipt())) == set(receipt_fields(RECEIPT))
