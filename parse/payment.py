"""How the receipt was paid (cash or a card brand, never a card number) and its receipt number."""
from __future__ import annotations

import re

from .layout import Doc
from .text import find_keyword, has_keyword

# keyword -> payment label; order is priority (brands before generic card words)
_CARD_BRANDS: dict[str, str] = {
    "VISA": "visa", "MASTERCARD": "mastercard", "MASTER CARD": "mastercard", "MASTER": "mastercard",
    "MAESTRO": "maestro", "AMEX": "amex", "AMERICAN EXPRESS": "amex", "DISCOVER": "discover",
    "DINERS": "diners", "JCB": "jcb", "UNIONPAY": "unionpay", "GIROCARD": "girocard", "EC-KARTE": "girocard",
    "EC KARTE": "girocard", "EC-CASH": "girocard", "EC CASH": "girocard", "APPLE PAY": "apple pay",
    "GOOGLE PAY": "google pay", "PAYPAL": "paypal",
}
_GENERIC_CARD: dict[str, str] = {
    "DEBIT": "debit card", "CREDIT CARD": "credit card", "CREDIT": "credit card", "KARTE": "card",
    "KARTENZAHLUNG": "card", "CARD": "card", "CONTACTLESS": "card", "KONTAKTLOS": "card", "EDC": "card",
    "EFTPOS": "card", "TARJETA": "card", "CARTE": "card", "CARTE BANCAIRE": "card", "CB": "card", "CARTA": "card",
    "BANCOMAT": "card", "PINNEN": "card", "PINBETALING": "card",
}
_CASH = ("CASH", "BAR", "BARGELD", "ESPECES", "TUNAI", "CONTANTI", "EFECTIVO")
_CASH_CONTEXT = ("CHANGE", "RÜCKGELD", "ZURÜCK", "TENDERED", "GEGEBEN", "RENDU", "BAKI")
_NOT_PAYMENT = ("CASH BILL", "CASHIER", "WE ACCEPT", "ACCEPTED", "LOYALTY", "MEMBER", "POINTS", "CARD NO",
                "CARD NUMBER", "CASH & CARRY", "CASH AND CARRY")

_RECEIPT_NO_KEYWORDS = (
    "RECEIPT NO", "RECEIPT NUMBER", "RECEIPT #", "RECEIPT", "INVOICE NO", "INVOICE NUMBER", "INVOICE #",
    "INV NO", "INV #", "INVOICE", "BILL NO", "BILL #", "DOCUMENT NO", "DOC NO", "TRANSACTION NO",
    "TRANSACTION #", "TRANS NO", "TRANS #", "TRANSACTION", "TRX", "TXN", "BELEG NR", "BELEG-NR", "BELEGNR",
    "BON NR", "BON-NR", "BONNR", "RECHNUNG NR", "RECHNUNGSNR", "RECHNUNGSNUMMER", "CHECK #", "CHECK NO",
    "ORDER NO", "ORDER #", "REF NO", "TICKET NO", "SLIP NO", "CASH INV NO", "NO. FACTURE",
    # bare labels, after the numbered ones ("TRN#4021", "CHK 681203", "Order 448", "Beleg 0088")
    "TRN", "TRANS", "CHK", "CHECK", "ORDER", "BELEG", "BON", "KASSENBON", "TICKET", "REF",
)
_ID_RE = re.compile(r"[#:\s.]*([A-Z0-9][A-Z0-9\-/]{2,24})", re.IGNORECASE)


def find_payment(doc: Doc, country: str | None) -> tuple[str | None, float]:
    for table in (_CARD_BRANDS, _GENERIC_CARD):
        for line in doc.lines:
            if has_keyword(line.text, _NOT_PAYMENT):
                continue
            found = find_keyword(line.text, tuple(table))
            if found and (line.amounts or table is _CARD_BRANDS):
                return table[found[0]], 0.85 if line.amounts else 0.6
    cash_words = _CASH if country in ("DE", "AT", "CH") else tuple(w for w in _CASH if w != "BAR")
    for line in doc.lines:
        if has_keyword(line.text, _NOT_PAYMENT):
            continue
        if has_keyword(line.text, cash_words) and line.amounts:
            return "cash", 0.85
    if any(has_keyword(line.text, _CASH_CONTEXT) and line.amounts for line in doc.lines):
        return "cash", 0.5
    return None, 0.0


def find_receipt_number(doc: Doc) -> tuple[str | None, float]:
    for line in doc.lines:
        found = find_keyword(line.text, _RECEIPT_NO_KEYWORDS)
        if found is None or has_keyword(line.text, ("TAX INVOICE",)) and found[0] == "INVOICE":
            continue
        rest = line.text[found[2]:]
        match = _ID_RE.match(rest)
        if match and any(ch.isdigit() for ch in match.group(1)):
            return match.group(1).strip("-/"), 0.7
    return None, 0.0
