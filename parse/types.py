"""The small frozen values that flow between the pure stages (parse/, redact/).

Amounts are ``Decimal`` in the receipt's own currency; the store turns them into integer
minor units. Nothing here does I/O.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels of the OCR'd image


@dataclass(frozen=True)
class OcrLine:
    """One visual line of text, left to right, as OCR (or a PDF text layer) gave it."""

    text: str
    box: Box | None = None
    confidence: float = 1.0
    words: tuple["OcrLine", ...] = ()

    def from_crop(self, scale: float, left: int, top: int) -> "OcrLine":
        """This line as read on a crop of an image whose corner is at ``left, top``, magnified
        ``scale`` times, with its box and its words' in the whole image's pixels."""
        box = None
        if self.box is not None:
            x0, y0, x1, y1 = self.box
            box = (round(x0 / scale + left), round(y0 / scale + top), round(x1 / scale + left), round(y1 / scale + top))
        return replace(self, box=box, words=tuple(word.from_crop(scale, left, top) for word in self.words))


@dataclass(frozen=True)
class LineItem:
    description: str
    amount: Decimal | None = None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    line_index: int | None = None  # index into the OCR lines it came from


@dataclass(frozen=True)
class Receipt:
    """A receipt as extracted from one image or document; every field may be missing."""

    merchant: str | None = None  # the canonical brand where the directory knows it, else the line as printed
    merchant_raw: str | None = None  # the merchant line (or web address) as printed on the receipt
    brand_wikidata: str | None = None  # the brand's Wikidata id, e.g. "Q125054" (ALDI), where known
    merchant_address: str | None = None
    phone: str | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    currency: str | None = None
    total: Decimal | None = None
    subtotal: Decimal | None = None
    tax: Decimal | None = None
    tax_rate: Decimal | None = None
    tip: Decimal | None = None
    items: tuple[LineItem, ...] = ()
    payment: str | None = None
    receipt_number: str | None = None
    category: str | None = None
    redacted_items: int = 0  # sensitive line items removed by redact/
    redacted_amount: Decimal | None = None  # their summed amount, so totals still reconcile
    confidence: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    flags: dict[str, bool] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Candidate:
    """A part of a mail that may hold a receipt: an image, or a PDF page set."""

    position: int
    kind: str  # "image" or "pdf"
    media_type: str  # sniffed from the bytes, e.g. "image/jpeg"
    data: bytes
    filename: str | None = None
    declared_type: str | None = None


@dataclass(frozen=True)
class SkippedPart:
    position: int
    reason: str  # e.g. "too_small", "not_an_image", "unreadable_image"
    media_type: str | None = None
    filename: str | None = None
    declared_type: str | None = None
    size: int = 0


@dataclass(frozen=True)
class ParsedMail:
    message_id: str | None
    from_address: str | None
    subject: str | None
    date: dt.datetime | None
    candidates: tuple[Candidate, ...]
    skipped: tuple[SkippedPart, ...]
    headers: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
