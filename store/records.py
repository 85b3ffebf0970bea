"""Writing a processed mail's records. Call inside the transaction that finishes the message."""
from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal

import sqlite_utils

# ISO 4217 currencies whose minor unit is not the cent.
_MINOR_DIGITS = {"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "HUF": 2, "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3}


def to_minor(amount: Decimal | None, currency: str | None) -> int | None:
    """A decimal amount as an integer count of the currency's minor unit (cents)."""
    if amount is None:
        return None
    digits = _MINOR_DIGITS.get((currency or "").upper(), 2)
    return int((amount * (10**digits)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_minor(value: int | None, currency: str | None) -> Decimal | None:
    if value is None:
        return None
    digits = _MINOR_DIGITS.get((currency or "").upper(), 2)
    return (Decimal(value) / (10**digits)).quantize(Decimal(1).scaleb(-digits))


def lines_json(lines) -> str:
    """OCR lines (parse.types.OcrLine) as compact JSON, words included."""
    def line(ln, with_words: bool = True) -> dict:
        data = {"text": ln.text, "box": list(ln.box) if ln.box else None, "confidence": round(ln.confidence, 4)}
        if with_words and ln.words:
            data["words"] = [line(w, False) for w in ln.words]
        return data

    return json.dumps([line(ln) for ln in lines], separators=(",", ":"), ensure_ascii=False)


def lines_from_json(text: str):
    from parse.types import OcrLine

    def line(data: dict) -> OcrLine:
        return OcrLine(text=data["text"], box=tuple(data["box"]) if data.get("box") else None,
                       confidence=data.get("confidence", 1.0), words=tuple(line(w) for w in data.get("words", ())))

    return [line(d) for d in json.loads(text)]


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def save_mail_result(db: sqlite_utils.Database, queue_id: int, result, *, panelist_id: int | None = None,
                     panel_month: str | None = None) -> list[int]:
    """Store the parts, receipts (each with its verdict already given), line items and redaction
    counts of one mail; returns receipt ids. The ``messages`` row is the queue's to finish.

    ``result`` is an ``ingest.pipeline.MailResult``; only its data is read here.
    """
    mail = result.mail
    parts = db.table("message_parts")
    for item in result.receipts:
        parts.insert(_part(queue_id, item.position, outcome="receipt", media_type=item.media_type))
    for skipped in result.skipped:
        parts.insert(
            _part(
                queue_id,
                skipped.position,
                outcome="skipped",
                reason=skipped.reason,
                media_type=skipped.media_type,
                extension=file_extension(skipped.filename),
                declared_type=skipped.declared_type,
                size=skipped.size,
            )
        )
    sender = mail.from_address
    ids = []
    for item in result.receipts:
        ids.append(_save_receipt(db, queue_id, sender, item, panelist_id=panelist_id, panel_month=panel_month))
    return ids


def file_extension(filename: str | None) -> str | None:
    """Only the extension of a part's file name is stored: the name itself may say who and why."""
    if not filename or "." not in filename:
        return None
    extension = filename.rsplit(".", 1)[1].lower()
    return extension if extension.isalnum() and len(extension) <= 8 else None


def _part(queue_id: int, position: int, **fields) -> dict:
    return {"message_id": queue_id, "position": position, **fields}


_AMOUNTS = ("total", "subtotal", "tax", "tip", "redacted_amount")
_COLUMNS = {"phone": "merchant_phone", "date": "purchase_date", "time": "purchase_time"}  # where a column differs


def receipt_record(r) -> dict:
    """The one serialisation of a receipt (``r`` is a parse.types.Receipt): its fields as plain
    values under the names ``receiptctl extract`` prints. Dates are ISO 8601, times HH:MM,
    amounts, quantities and the tax rate Decimal (JSON writes them as text)."""
    return {
        "merchant": r.merchant,
        "merchant_raw": r.merchant_raw,
        "brand_wikidata": r.brand_wikidata,
        "merchant_address": r.merchant_address,
        "phone": r.phone,
        "date": r.date.isoformat() if r.date else None,
        "time": r.time.strftime("%H:%M") if r.time else None,
        "currency": r.currency,
        "total": r.total,
        "subtotal": r.subtotal,
        "tax": r.tax,
        "tax_rate": r.tax_rate,
        "tip": r.tip,
        "items": [{"description": item.description, "quantity": item.quantity, "unit_price": item.unit_price,
                   "amount": item.amount} for item in r.items],
        "redacted_items": r.redacted_items,
        "redacted_amount": r.redacted_amount,
        "payment": r.payment,
        "receipt_number": r.receipt_number,
        "category": r.category,
        "confidence": r.confidence,
        "flags": r.flags,
    }


def receipt_fields(r) -> dict:
    """The columns of ``receipts`` that extraction decides: :func:`receipt_record` with amounts in
    minor units, the tax rate as text, confidence and flags as JSON (the items are line_items rows)."""
    record = receipt_record(r)
    del record["items"]
    for key in _AMOUNTS:
        record[key] = to_minor(record[key], r.currency)
    record["tax_rate"] = str(r.tax_rate) if r.tax_rate is not None else None
    record["confidence"] = json.dumps(r.confidence, sort_keys=True)
    record["flags"] = json.dumps(r.flags, sort_keys=True)
    return {_COLUMNS.get(key, key): value for key, value in record.items()}


def replace_line_items(db: sqlite_utils.Database, receipt_id: int, receipt) -> None:
    """The receipt's line items become ``receipt.items``; None (a rejected receipt) keeps none."""
    db.execute("DELETE FROM line_items WHERE receipt_id = ?", [receipt_id])
    if receipt is None:
        return
    cur = receipt.currency
    db.table("line_items").insert_all(
        {
            "receipt_id": receipt_id,
            "position": position,
            "description": line.description,
            "quantity": float(line.quantity) if line.quantity is not None else None,
            "unit_price": to_minor(line.unit_price, cur),
            "amount": to_minor(line.amount, cur),
        }
        for position, line in enumerate(receipt.items)
    )


def _save_receipt(db: sqlite_utils.Database, queue_id: int, sender: str | None, item, *,
                  panelist_id: int | None = None, panel_month: str | None = None) -> int:
    row = {
        "message_id": queue_id,
        "position": item.position,
        "sender": sender,
        "media_type": item.media_type,
        **receipt_fields(item.receipt),
        "status": item.status,
        "reason": item.reason,
        "ocr_seconds": round(item.ocr_seconds, 3),
        "image_sha256": item.image_sha256,
        "created_at": now(),
        "panelist_id": panelist_id,
        "panel_month": panel_month,
        "phash": getattr(item, "phash", None),
        "dedupe_key": getattr(item, "dedupe_key", None),
    }
    receipt_id = db.table("receipts").insert(row).last_pk
    replace_line_items(db, receipt_id, item.receipt if item.status == "accepted" else None)
    db.table("redactions").insert_all(
        {"receipt_id": receipt_id, "kind": redaction.kind, "count": redaction.count} for redaction in item.redactions
    )
    if item.lines:
        db.table("receipt_lines").insert({"receipt_id": receipt_id, "lines": lines_json(item.lines)})
    if item.redacted_image is not None:
        db.table("receipt_images").insert(
            {"receipt_id": receipt_id, "media_type": "image/jpeg", "image": item.redacted_image}
        )
    return receipt_id
