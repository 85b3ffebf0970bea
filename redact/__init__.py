"""Redaction: the pure stage every receipt passes before anything is stored.

Sensitive purchases (medication, pharmacy, medical tests, sexual health) are removed
from the receipt (only their count and summed amount stay) and blacked out of the
lines and image; PII (card numbers, IBANs, e-mail addresses, customer phones,
member, loyalty and voucher numbers, names of cashiers, servers and cardholders, and
the card terminal's data: auth codes, terminal ids, trace and transaction numbers,
EMV data) is erased from every text. Reports say how many of each kind, never what.
"""
from .image import redact_image, redacted_jpeg
from .policy import Redaction, RedactionPolicy
from .receipt import Redacted, redact_receipt
from .scrub import scrub_text

__all__ = [
    "Redacted",
    "Redaction",
    "RedactionPolicy",
    "redact_image",
    "redact_receipt",
    "redacted_jpeg",
    "scrub_text",
]
