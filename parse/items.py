"""Line items: description lines with a price between the header and the totals block.

Handles one-line items (``2 x 3,50  7,00``), and two-line items where the description line
has no amount and the next line holds only quantity / unit price / amount.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from itertools import combinations, product
from math import prod
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from .amounts import CURRENCY_WORD_RE, Amount, clean_numbers, to_cents
from .layout import Doc, Line, holds_a_date, keyword_end, value_after
from .text import (TAX_CLASS_AT_END_RE, find_keyword, fold, has_keyword, known_word, letters, one_letter_lost,
                   one_letter_off, squash_spaces, summe_ms_merged)
from .totals import (ANY_DIGIT, FINAL_TOTAL, NOT_TOTAL, PLAIN_TOTAL, PRICE_SIGN_DIGITS, REGISTRATION_NUMBERS, ROUNDING,
                     SIGN_DIGITS, SUBTOTAL, TIP, TIP_SUGGESTION, pieces_counted, sign_digit_dropped)
from .types import LineItem, OcrLine
from .vat import RATE_RE, TAX

_ITEM_WORDS = ("DEPOSIT", "PFAND", "DISCOUNT", "RABATT", "WEIGHT", "ITEM", "COUPON", "COUPONS", "PROMOTION",
               "PROMOTIONS")  # not totals, but items
# a card terminal's slip printed into the receipt (``Kartenzahlung``, ``Terminal-ID``, ``SALE AUD 43.80``),
# the cash lines (``Geg. Bar``, ``Zurück``) and what the receipt says about the purchase (``Posten: 5``,
# ``Sie sparen 0,40``): words of lines that are no items
_PAYMENT_WORDS = ("GEG", "GEGEBEN", "ZURÜCK", "KARTENZAHLUNG", "ZAHLUNG", "GIROCARD", "MAESTRO", "ERFOLGT",
                  "KONTAKTLOS", "KUNDENBELEG", "HÄNDLERBELEG", "BELEG", "TRACE", "TID", "MID", "AID", "ARQC",
                  "EFTPOS", "APPROVED", "SALE", "PURCHASE", "DEBIT", "CREDIT", "COPY", "CUSTOMER", "MERCHANT",
                  "BRUTTO", "POSTEN", "SIE", "IHRE", "SPAREN", "ERSPARNIS", "GESPART", "TAXABLE", "NR", "NUMMER",
                  "TERMINAL ID", "KREDITKARTE", "WECHSELGELD", "AMEX",
                  # French, Spanish, Dutch, Italian and Polish payment, change and tax-base lines
                  "ESPECES", "CB", "CARTE", "BANCAIRE", "MONTANT", "HT", "EFECTIVO", "CAMBIO", "ENTREGADO", "TARJETA",
                  "PAGO", "CON", "BASE", "IMPONIBLE", "CUOTA", "CONTANT", "PIN", "WISSELGELD", "TERUG", "CONTANTI",
                  "RESTO", "BANCOMAT", "CARTA", "KARTA", "GOTOWKA", "RESZTA",
                  # the Polish tax summary under the items (``Sprzed. opod. PTU A``, ``Kwota PTU A 23,00%``)
                  "SPRZEDAZ", "SPRZED", "OPODATKOWANA", "OPOD", "PTU", "KWOTA", "PODATEK",
                  # what the discounts came to, under the items: no discount of its own
                  "YOU SAVED", "YOUR SAVINGS", "TODAY", "GESAMTER PREISVORTEIL", "AHORRO TOTAL", "USTED AHORRA",
                  "VOUS ECONOMISEZ", "BESPAART")
# the price per kilo printed under a weighed item (``PRECIO KILO 6.30``): the item's, not one of its own
_PER_UNIT = ("PRECIO KILO", "PRECIO KG", "PRIX KILO", "PRIX KG", "PREIS KG", "PRICE PER KG", "PRICE PER LB")
# a currency code beside a label (``Summe EUR``, ``SALE AUD``) adds nothing; beside a price alone it is no label
_CURRENCY_CODES = frozenset(fold(code) for code in ("EUR", "USD", "GBP", "AUD", "CAD", "CHF", "NZD", "RM", "MYR",
                                                     "SGD", "PLN", "CZK", "SEK", "NOK", "DKK", "HRK"))
_NOT_ITEM = FINAL_TOTAL + PLAIN_TOTAL + SUBTOTAL + TAX + tuple(w for w in NOT_TOTAL if w not in _ITEM_WORDS) + (
    "VISA", "MASTERCARD", "CARD", "KARTE", "EC", "PAYMENT", "CHANGE", "TEL", "FAX", "INVOICE", "RECEIPT",
    "DATE", "DATUM", "TIME", "CASHIER", "TABLE", "NETT", "NET", "AMOUNT", "TERMINAL", "AUTH", "APPROVAL",
) + _PAYMENT_WORDS + _PER_UNIT + TIP
_NOT_ITEM_WORDS = frozenset(fold(word) for phrase in _NOT_ITEM for word in phrase.split())
# a line of only these words takes money off: its amount is negative, whatever OCR made of the minus
DISCOUNT_WORDS = ("DISCOUNT", "RABATT", "NACHLASS", "COUPON", "REMISE", "REDUCTION", "SAVING", "SAVINGS",
                  "MULTIBUY", "PROMO", "PROMOTION", "OFF", "PREISVORTEIL", "AKTION", "RABAIS", "DESCUENTO", "DTO",
                  "SCONTO", "KORTING", "AHORRO")
_DISCOUNT_WORDS = frozenset(fold(word) for word in DISCOUNT_WORDS)
# the German compounds a discount is printed as (``Sofortrabatt``, ``Mengenrabatt``, ``Preisnachlass``)
_DISCOUNT_ENDINGS = tuple(fold(word) for word in ("RABATT", "NACHLASS", "VORTEIL"))
# a line naming a coupon beside other words (``MFR COUPON``, ``STORE COUPON``, ``COUPON REST.COM``) may be one
_COUPON_WORDS = frozenset(fold(word) for word in ("COUPON", "DISCOUNT", "RABATT", "DESCUENTO", "SCONTO", "KORTING",
                                                  "REMISE", "SAVINGS", "COMP", "COMPED", "PROMO", "HAPPY"))
# a line naming a saving (``NECTAR PRICE SAVING``, ``2 FOR £4 SAVING``) or a loyalty scheme's price (Tesco's ``Cc
# Clubcard Price``, Morrisons' ``MORE CARD PRICE``, the Co-op's ``Member Price``) takes money off: its minus may be lost
_SAVING_NAMES = ("SAVING", "CLUBCARD PRICE", "CARD PRICE", "MEMBER PRICE", "NECTAR PRICE")
# ... closing the description (a pound sign or a class letter read after it), not inside a product's name
# ("SPACE SAVING HANGERS", "TESCO ENERGY SAVING BULB")
_SAVING_NAME_RE = re.compile(r"\b(?:" + "|".join(re.escape(fold(name)).replace(r"\ ", r"\s?") for name in _SAVING_NAMES)
                             + r")(?:\s+\S)?\W*$")
# "Happy Hour =S7.50": the minus before a price (and its currency sign) read as "="
_MINUS_LOOKALIKE_RE = re.compile(r"(?:^|\s)=\s?[$S5]?\s*$")
# empties handed back (``Leergut 0,75``, ``Pfandrückgabe``): money back, whatever OCR made of the minus
# (``Pfand 0,25`` alone is the deposit paid: an item)
_RETURN_WORDS = ("LEERGUT", "LEERGUTBON", "LEERG", "PFAND RÜCKGABE", "PFANDBON", "PFANDGUTSCHRIFT", "RÜCKGABE",
                 "EMPTIES", "BOTTLE RETURN", "BOTTLE DEPOSIT RETURN", "STATIEGELD RETOUR", "RETOUR")
# a count before a mark; not a dimension (``Schrauben 4x40``, ``3x1,5``, ``2X4X8 STUD``): a number glued after
# the x is a unit price (``2x0,69``); German tills' ``10 Stück x 0,19`` (``2iStk X 0,49``: a stray glyph
# between) and ``2 à 1,19`` too
_QTY_X_RE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,3})?)\s?"
    r"(?:[Xx×](?!\d(?!\d*[.,]\d{2,4}(?!\d)))|\*|@|(?:(?<=\d)[i;:])?"
    r"(?i:STÜCK|STUCK|STUECK|STCK|STK|ST|PC|PCS|EA|STUK|KS|SZT|PZ|UDS|UND)|à(?=\s?\d))"
    r"(?![^\W\d_])\s*[x×@*]?\s*")
# "0,69 x 2 1,38 A" (LIDL, NETTO): the unit price, then the count, then the amount; EDEKA prints a euro sign
# after the unit price ("2,09 € x 2"), which OCR may read as a 6 or a C ("0,89 6 x 3")
_UNIT_X_COUNT_RE = re.compile(r"(?<![\d.,])(\d{1,4}[.,]\d{2})\s?(?:[€6C]\s?)?[xX×*]\s?(\d{1,3})(?![\d.,])")
# "Kefir 0,89 x 5 445 A": the amount after the unit price and the count, its comma lost
_COMMA_LOST_AMOUNT_RE = re.compile(_UNIT_X_COUNT_RE.pattern + r"\s+(\d{3,5})(?:\s?[A-Z*]{1,2})?\s*$")
# "Ix Gyros 8,90", "lx Tee": a count of one whose 1 OCR read as a letter
_COUNT_OF_ONE_RE = re.compile(r"^(\s*)[Il|](?=\s?[xX]\s)")
# "Zx Half Pint 2,75": a count of two whose 2 OCR read as a Z
_COUNT_OF_TWO_RE = re.compile(r"^(\s*)Z(?=\s?[xX]\s)")
# "2 Bistro Burger", and a count before a pack's size ("1 6pc McNuggets"); not a multibuy ("3 FOR 2 SAVING")
_LEADING_QTY_RE = re.compile(r"^\s*(\d{1,2})\s+(?!(?i:FOR)\b)(?=[A-Za-z]|\d{1,3}\s?(?i:PC|PCS|PCE|CT|PK|PACK)\b)")
# a crate's or a pack's bottles and their size in litres ("12x0,75", "20x0,50", "6 x 1,5"; not "5 x 0,35", a
# count at a price): one article
_CRATE_RE = re.compile(r"(?<![\d.,])(?:\d{1,2}[xX×]0[.,]\d{1,3}|\d{1,2}\s?[xX×]\s?(?:0[.,](?:33|5|7|75|330|500|750)"
                       r"|1[.,][05]))(?![\d.,])")
# "2,00 Cana 3,60": the count printed with decimals before the name (Spanish and Italian bar tickets, "Uds")
_DECIMAL_COUNT_RE = re.compile(r"^\s*(\d{1,2})[.,]00\s+(?=[^\W\d_]{2})")
# "Latte x 2 9.00", "Croissant (x3) 10.50": the count printed after the name (Square, Shopify, Lightspeed), a
# currency sign maybe between it and the price, or a pound sign read as E, f or L ("Peroni 330ml x2 f10.90")
# (the letter glued to the price: "BOXERS x3 L 12.00", "EGGS x12 L 3.60" print a pack and its size)
_COUNT_AFTER_NAME_RE = re.compile(r"(?<=[^\W\d_])[\s(]+[xX×]\s?(\d{1,2})\)?\s*"
                                  r"(?:(?:[$€£]|(?<=\s)S)?\s*|(?<=\s)[EfL])$")
# "Spicy Tuna Roll  Qty 2  17.00": the count in a labelled column after the name
_QTY_COLUMN_RE = re.compile(r"(?<=\s)QTY\s?[:.]?\s?(\d{1,3})\s*(?:[$€£]|(?<=\s)S)?\s*$", re.IGNORECASE)
_MAX_ITEMS = 200


def summary_line(text: str) -> bool:
    """A total, tax, payment or header line: a keyword and no other word.

    ``PROTEIN BAR``, ``BAR SOAP`` and ``GREETING CARD`` hold a keyword too, but they are items.
    """
    if not has_keyword(text, _NOT_ITEM) or _saving_taken_off(text):
        return False
    return all(fold(word) in _NOT_ITEM_WORDS or fold(word) in _CURRENCY_CODES
               for word in re.findall(r"[^\W\d_]{2,}", text))


# the first of these ends the items, whichever total the receipt's own total was read from
_ITEMS_END = ("TOTAL", "SUBTOTAL", "SUB TOTAL", "SUBTOT", "SUBTTL", "SUB TTL", "SUMME", "ZWISCHENSUMME", "GESAMT",
              "ZU ZAHLEN", "BALANCE DUE", "AMOUNT DUE", "TOTAL DUE", "JUMLAH", "TOTAAL", "TOTALE", "TAXABLE",
              "GESAMTSUMME", "ENDSUMME", "BONSUMME", "GESAMTBETRAG", "ENDBETRAG", "ZAHLBETRAG", "RECHNUNGSBETRAG",
              # the Polish tax summary (``Sprzed. opod. PTU A 154,77``) stands between the items and SUMA PLN
              "PTU")
# words of a column header ("Item Qty Price Amount"): a header line is no item's description
_COLUMN_WORDS = frozenset(fold(word) for word in (
    "ITEM", "ITEMS", "QTY", "QUANTITY", "PRICE", "AMOUNT", "AMT", "DESCRIPTION", "DESC", "UNIT", "TAX", "CODE",
    "DISC", "RM", "U/P", "UP", "SPRICE", "ARTIKEL", "MENGE", "PREIS", "BETRAG", "BEZEICHNUNG", "PRIX", "QTE"))


def first_total_line(doc: Doc, start: int, end: int) -> int:
    """Index of the first total or subtotal line (a label with its amount) in ``[start, end)``, else ``end``."""
    for line in doc.lines[start:end]:
        text = _GLUED_DIGIT_RE.sub(" ", line.text)  # "TAXABLE2 86.46": a tax class glued to the label
        slipped = _slipped_subtotal(doc, line)
        if ((has_keyword(text, _ITEMS_END) or _garbled_total(text) or slipped) and not _column_header(line.text)
                and (value_after(doc, line, keyword_end(line.text, _ITEMS_END)) is not None
                     or _subtotal_over_garbled_value(line.text, slipped))
                and not _total_in_a_name(doc, line) and not has_keyword(text, _SAVINGS_WORDS)):
            return line.index
    return end


# what the discounts came to (``*SAVINGS TOTAL 4.26*``, ``TOTAL NON-COUPON SAVINGS``), printed above the items
# on some US grocery receipts: no total of the items
_SAVINGS_WORDS = ("SAVINGS", "SAVING", "SAVED", "ERSPARNIS", "GESPART", "PREISVORTEIL", "AHORRO", "BESPAART",
                  "ECONOMISEZ", "ECONOMIE")


_END_WORDS = frozenset(fold(word) for word in _ITEMS_END if " " not in word)


def _total_in_a_name(doc: Doc, line: Line) -> bool:
    """``LIST TOTAL CARE 2.77``, ``COLGATE TOTAL WHITENING 3.49``, ``COLGATE TOTAL 2,45``, ``FUEL TOTAL
    312.49``: a total word after a word of a name (no total, tax, payment or column word), at the name's
    end or before another of its words, with an item below it, names a product (or a department's sum
    the shop's other articles follow)."""
    # "1 COLGATE TOTAL 4.8OZ 4.99T": its count first, and a size after the total word, are the name's
    named = _SIZE_RE.sub(" SIZE ", _LEADING_COUNT_RE.sub("", line.text))
    words = _words(re.split(r"\d", named, maxsplit=1)[0])
    inside = [i for i, word in enumerate(words) if word in _END_WORDS and 0 < i]
    if not inside or not all(_name_word(words[i - 1]) and (i == len(words) - 1 or _name_word(words[i + 1]))
                             for i in inside[:1]):
        return False
    below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    return below is not None and _named(below.text) and bool(_priced(below)) and not _skipped(below) \
        and not has_keyword(below.text, _ITEMS_END + _NOT_AFTER_SUBTOTAL) and not _garbled_total(below.text)


def _section_total(line: Line, items: list[LineItem]) -> bool:
    """``MERCHANDISE TOTAL 31.95``, ``FUEL TOTAL 32.06`` over more articles: what the section's items
    above it cost together (``items``: those since the last such total), under a total word; no article."""
    priced = [a for a in line.amounts if a.has_decimals]
    return bool(items) and len(priced) == 1 and has_keyword(line.text, _ITEMS_END) and priced[0].value == _sum(
        tuple(items))


# a pack's size in a product's name ("4.8OZ", "12 CT"): a word of the name, not a price
_SIZE_RE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:OZ|ML|CL|L|G|KG|LB|CT|PK|MG)\b", re.IGNORECASE)


def _name_word(word: str) -> bool:
    return len(word) >= 3 and word not in _NOT_ITEM_WORDS and word not in _COLUMN_WORDS and word not in _END_WORDS


def items_bound(doc: Doc, end: int, total: Decimal | None) -> int:
    """Where the items end at the latest: ``end``, the line the total was read from, unless that line
    is an item's (a name beside its price, no total, tax or payment word) and a total label below it
    shows the total's last digits, its amount garbled (``CAFE 5.58`` over ``ToTaL: 58``: the one item
    of a receipt); then that label."""
    if end >= len(doc.lines) or total is None:
        return end
    line = doc.lines[end]
    if not (_named(line.text) and _priced(line)) or _skipped(line) or has_keyword(line.text, _NOT_ITEM) \
            or _garbled_total(line.text):
        return end
    printed = re.sub(r"\D", "", f"{total:.2f}")
    return next((below.index for below in doc.lines[end + 1:]
                 if (has_keyword(below.text, _ITEMS_END) or _garbled_total(below.text))
                 and any(len(number) >= 2 and printed.endswith(number) for number in re.findall(r"\d+", below.text))),
                end)


def total_among_items(doc: Doc, start: int, end: int, total: Decimal | None) -> int:
    """Where the items end at the latest: the first line after a priced one that prints the
    total right after its currency, or that a line right under it prints again (the payment),
    whatever its label came out as (``SUE EuR &,40`` for ``SUMME EUR 8,40``, ``SE EUR 12, 42``; ``Zu zatlen 25,04``
    over ``irocard 25,04``): the total's line, no item; ``end`` where none does."""
    priced_above = prices_above = 0
    sum_above = Decimal(0)
    for line in doc.lines[start:end]:
        amounts = [a for a in line.amounts if a.has_decimals]
        last = amounts[-1].value if amounts else None
        if priced_above and last == total and _AFTER_CURRENCY_RE.search(line.text) \
                and (not _SPLIT_CENTS_RE.search(line.text) or sum_above):
            return line.index
        # two prices above at least: not a lone item that costs the total, over its total's line
        if prices_above >= _PRICES_ABOVE and last is not None and total in (last, sign_digit_dropped(last, ANY_DIGIT)) \
                and _printed_under(doc, line.index, total, sum_above):
            return line.index  # "Suen e 725,04" over "Zu zatlen 25,04": its currency sign read as a digit
        priced_above += bool(amounts)
        sum_above += sum(a.value for a in amounts[-1:])
        prices_above += any(a.in_cents and not a.measure for a in amounts)
    return end


_PRICES_ABOVE = 2
_SPLIT_CENTS_RE = re.compile(r"\d[.,]\s\d{2}\s*$")

_PAID_UNDER = 2  # lines under the total where the payment prints it again


def _printed_under(doc: Doc, index: int, value: Decimal, sum_above: Decimal) -> bool:
    """The payment under a line prints ``value`` again, its currency sign maybe read as a digit (``girocard
    440,47`` under ``Sunite 40,47``), or pays it in cash: the note handed over less the change right under it
    (``BAR 35,00`` / ``Rückgeld 4,23`` under a total of 30,77), unless the prices above come to nothing
    (returned empties cancelling the rest: that line is the item that makes the total) or a line under it ends
    in a tax class (an item)."""
    below = doc.lines[index + 1:index + 1 + _PAID_UNDER]
    paid = [line.amounts[-1].value if line.amounts else None for line in below]
    cash_paid = sum_above != 0 and not any(TAX_CLASS_AT_END_RE.search(line.text) for line in below)
    signed = [sign_digit_dropped(amount, ANY_DIGIT) for amount in paid if amount is not None]
    return value in paid or value in signed or (cash_paid and _cash_less_change(paid, value))


def _cash_less_change(paid: list[Decimal | None], value: Decimal) -> bool:
    return len(paid) == _PAID_UNDER and None not in paid and paid[0] > value and paid[0] - paid[1] == value


# "EuR &,40" ending a line; "EUR 12, 42", a space read after its comma
_AFTER_CURRENCY_RE = re.compile(rf"(?:{CURRENCY_WORD_RE.pattern})\W*(?:\d+[.,]\s\d{{2}}|\S+)\s*$", re.IGNORECASE)


_GLUED_DIGIT_RE = re.compile(r"(?<=[A-Za-z]{4})\d(?=\s|$)")
_CLOCK_RE = re.compile(r"(?<![\d.,])[0-2]?\d\s?[.:;]\s?[0-5]\d(?:\s?[.:;]\s?[0-5]\d)?(?![\d,])")


_DATE_HEADINGS = ("DATE", "DATUM", "UHRZEIT", "FECHA")


# who served which table (``Server: Kim``, ``Table 14``, ``Tisch 12``, ``Bediener 4``): a check's header
# line, no description of the price under it
_CHECK_HEADER_WORDS = frozenset(fold(word) for word in (
    "SERVER", "SERVED", "WAITER", "WAITRESS", "TABLE", "TBL", "GUEST", "GUESTS", "CHECK", "CHK", "CASHIER", "CLERK",
    "BEDIENER", "BEDIENUNG", "KELLNER", "TISCH", "MESA", "CAMARERO", "SERVEUR"))
_HEADER_WORD_RE = re.compile(r"([^\W\d_]+)\s?(?=[:;#]|\s?\d)")
_SLIPPED_HEADER_LETTERS = 6  # a longer header word may have one letter misread (``Servar``); not FISCH, CABLE


def _check_header(text: str) -> bool:
    """A check's header line: its word, a number or a colon right after it (``Servar: Luk``, one letter
    misread; ``Table 14/3``); not ``TABLE SALT 26OZ``, which names an article."""
    for match in _HEADER_WORD_RE.finditer(text):
        word = fold(match[1])
        if known_word(word, _CHECK_HEADER_WORDS, _SLIPPED_HEADER_LETTERS):
            return True
    return False


# the words of a German receipt's header row beside its date and time (``Fil. 1157 31.10.24 15:01``)
_TILL_WORDS = ("FIL", "FILIALE", "KASSE", "BON", "BON-NR")


def _clock_line(text: str) -> bool:
    """``Cashier USER Time: 11.49.00``, ``Datum: 12.07.13 21;52``, ``Fil. 1157 31.10,.24 15:01``: a labelled
    time (with its date, a branch's or till's number), whose digits are no price."""
    clocks = [clock.group() for clock in _CLOCK_RE.finditer(text)]
    if not clocks:
        return False
    return has_keyword(text, ("TIME", "UHRZEIT", "ZEIT", "HEURE")) or (
        (has_keyword(text, ("DATE", "DATUM")) or has_keyword(text, _TILL_WORDS) and _CLOCK_AT_END_RE.search(text))
        and any(re.search(r"[:;]", clock) for clock in clocks))  # "DATE PALM 3.50"


# a till's row closes with its time (``Fil. 1157 31.10.24 15:01``; not ``BON 12:00 ANGEBOT 1,99 B``)
_CLOCK_AT_END_RE = re.compile(r"\d[:;]\d{2}\s*$")
_TOTAL_WORDS = tuple(fold(word) for word in ("TOTAL", "SUBTOTAL", "SUMME", "GESAMT", "JUMLAH", "ZWISCHENSUMME"))


def _garbled_total(text: str) -> bool:
    """A word one letter away from TOTAL, SUBTOTAL, ... (``SubTatal``, ``SURTOTAL``, ``Surnme``: an ``m``
    read as ``rn``), or a long one with a letter lost (``Subtota``, ``Zwischensumm``), or with its M's
    misread (``SUKKE``) or merged into one (``SUKE``); the label's words joined too, a stray glyph split it
    (``Sub (otal``)."""
    if summe_ms_merged(text):
        return True
    words = re.findall(r"[A-Z]{5,}", fold(text).replace("RN", "M"))
    return any(word == total or one_letter_off(word, total) or (len(word) >= 6 and one_letter_lost(word, total))
               or _ms_misread(word, total) and not TAX_CLASS_AT_END_RE.search(text)
               for word in (*words, _label_letters(text)) for total in _TOTAL_WORDS)


_AS_M = str.maketrans("HKN", "MMM")  # the glyphs OCR reads an M as, its strokes upright


def _ms_misread(word: str, total: str) -> bool:
    """``SUHHE``, ``SUKKE`` for SUMME: a label's M's, both of them, read as an H, K or N."""
    return "M" in total and word != total and word.translate(_AS_M) == total


_SUBTOTAL_WORD = fold("SUBTOTAL")
_SUBTOTAL_SLIPS = 2  # letters of an eight-letter label OCR may misread, its SUB read right
_SUBTOTAL_LABELS = ("SUBTOTAL", "SUB TOTAL", "SUB-TOTAL", "ZWISCHENSUMME")
_GARBLED_VALUE_DIGITS = 3


def _slipped_subtotal(doc: Doc, line: Line) -> bool:
    """A label opening with SUB, two letters of SUBTOTAL misread (``Subtetat``, ``Sub Ietal``), where no
    subtotal's label is read below it: there the items end. Over a subtotal read right it is an item
    (``SUB ITAL 7.99``, a modifier's ``sub tots 1.50``)."""
    label = _label_letters(line.text)
    return label.startswith("SUB") and Levenshtein.distance(label, _SUBTOTAL_WORD) <= _SUBTOTAL_SLIPS \
        and not any(has_keyword(below.text, _SUBTOTAL_LABELS) for below in doc.lines[line.index + 1:])


def _subtotal_over_garbled_value(text: str, slipped: bool) -> bool:
    """``Sub Total 8717}``: a subtotal's label (or its slip, ``slipped``) beside an amount OCR garbled
    into none; the items end there all the same."""
    return (slipped or has_keyword(text, _SUBTOTAL_LABELS)) and sum(ch.isdigit() for ch in text) >= _GARBLED_VALUE_DIGITS


def _label_letters(text: str) -> str:
    """The letters of a line before its first digit, folded, nothing between them (``Sub (otal``: SUBOTAI)."""
    return re.sub(r"[^A-Z]", "", fold(re.split(r"\d", text, maxsplit=1)[0]).replace("RN", "M"))


def _column_header(text: str) -> bool:
    words = [fold(word) for word in re.findall(r"[^\W\d_][^\s]*", text)]
    return len(words) >= 2 and sum(word.strip(".:;") in _COLUMN_WORDS for word in words) >= 2


# the heads of the VAT table's columns under the items (``Steuer % Netto Steuer Brutto``, ``MwSt Netto Brutto``)
_VAT_COLUMN_WORDS = frozenset(("STEUER", "NETTO", "BRUTTO", "MWST", "UST", "SATZ"))


def _vat_table_header(text: str) -> bool:
    """``Steuer Netto Steuer Brurto``: the VAT table's header, two of its column heads or more (one maybe garbled),
    no item's name to carry over to the prices of the row under it."""
    words = [word.strip(".:;%") for word in re.findall(r"[^\W\d_][^\s]*", fold(text))]
    return len(set(words) & _VAT_COLUMN_WORDS) >= 2 and all(word.isalpha() for word in words)


def find_items(doc: Doc, body_start: int, body_end: int) -> tuple[LineItem, ...]:
    headers = [line.index for line in doc.lines[body_start:body_end] if not line.amounts and _column_header(line.text)]
    body_start = headers[0] + 1 if headers else body_start  # the items table starts under its header
    body = [line for line in doc.lines[body_start:body_end] if not _skipped(line)]
    if _price_first(body):
        return _price_first_items(body)
    items: list[LineItem] = []
    pending: Line | None = None  # a description line still waiting for its price line
    count: tuple[Decimal, Decimal] | None = None  # a "3 x 1,49" line above the item it counts
    taken = -1  # a line read with the one above it
    section_start = 0  # the first item of the section a department's total sums up
    for line in doc.lines[body_start:body_end]:
        if line.index <= taken:
            continue
        if _tip_guide_heading(doc, line):
            break  # the guide's rows under it are what a tip would come to, no items
        if _section_total(line, items[section_start:]):
            section_start, pending, count = len(items), None, None  # the next section's articles follow
            continue
        if _skipped(line):
            pending = count = None
            continue
        if _FORMER_PRICE_RE.match(line.text) and pending is None and items and items[-1].line_index == line.index - 1:
            continue  # "ORIG 40.00" under "SONOMA FLANNEL 24.00"
        below = doc.lines[line.index + 1] if line.index + 1 < body_end else None
        if (fuel := _fuel(line, below, pending)) is not None:
            if items and items[-1].line_index == line.index - 1 and items[-1].amount == fuel.amount \
                    and (_FUEL_SALE_RE.search(doc.lines[line.index - 1].text)
                         or fuel.description in ("Fuel", items[-1].description)):
                # "PUMP 08 UNLEADED 38.40" over "12.004 GAL @ 3.199": the sale above, its gallons under it
                # (not "CAR WASH DELUXE 10.00" over "PUMP 3 REG 3.127 GAL @ 3.199")
                items[-1] = replace(items[-1], quantity=fuel.quantity, unit_price=fuel.unit_price)
            else:
                items.append(fuel)
            # the price per volume alone on the line below ("11.204 GAL" over "@ 3.099/GAL") was read with it
            price_below = len([a for a in line.amounts if a.has_decimals]) == 1
            taken = line.index + 1 if price_below else line.index
            if _prints_again(doc.lines[taken + 1] if taken + 1 < body_end else None, fuel.amount):
                taken += 1  # "10.512 GAL @ $3.459/GAL" over "FUEL 36.36": one sale
            pending = count = None
            continue
        priced = _with_line_total(line, _with_cents(_priced(line), doc.decimal)) or _misread_price(line, doc)
        priced = _with_comma_lost_amount(line, priced) or _comma_lost_price(line, _made_by(count, below))
        if (weight := _weight_line(line)) is not None and (not priced or priced[-1].value == weight[1]):
            if items and items[-1].line_index == line.index - 1 and not _counts_line(below, weight, doc.decimal):
                mended = _leading_digit_mended(items[-1], weight)  # not where the line under it is weighed
                if mended is not items[-1]:  # its weight kept, its printed amount too: the sum settles which
                    items[-1] = replace(_with_count(mended, weight), amount=items[-1].amount)
                    continue
            if items and items[-1].line_index == line.index - 1 and _counts(items[-1], weight):
                items[-1] = _with_count(items[-1], weight)  # printed under its item
            else:
                count = weight  # printed above its item
            continue
        counted = _count_line(line.text, priced)
        if counted is not None and pending is not None and _counts_line(below, counted, doc.decimal):
            pending = None  # "2 x 4,99" over "Kaffee 9,98": the count's item is below, not the line above
        counts_pending = counted if pending is not None else None
        counted = counted if pending is None else None
        if counted is not None and items and _counts(items[-1], counted):  # printed under its item
            items[-1] = _with_count(items[-1], counted)
            continue
        if counted is not None and len(priced) == 1:  # printed above its item
            count = counted
            continue
        if priced and (_named(line.text) or _short_name(line.text[:priced[0].start])):
            item = _tilde_for_minus(_weighed(_item(line.text, priced, line.index), line), line)
            if (extended := _extended_below(item, _unit_then_count(line.text, priced)
                                            or _unit_marked(line.text, priced, item), below)) is not None:
                item, taken = extended, below.index  # "Joghurt 2,09 € x 2" / "4,18 A": the amount wrapped
            items.append(_with_count(item, count) if count and _counts(item, count) else item)
            pending = count = None
        elif priced and pending is not None:
            priced = priced[-1:] if _WAS_NOW_RE.search(line.text) else priced  # the regular price is no unit price
            item = _item(pending.text + " " + line.text, priced, pending.index, description=pending.text)
            item = _weighed(_counted_out(item, counts_pending, priced, line), line, pending)
            if (extended := _extended_below(item, counts_pending, below)) is not None:
                item, taken = extended, below.index
            items.append(_with_count(item, count) if count and _counts(item, count) else item)
            pending = count = None
        elif (counted_item := _unnamed_item(line, priced) or _coded_saving(line, priced)) is not None:
            items.append(counted_item)
        elif items and _price_below_free_line(items[-1], line, priced):
            items[-1] = replace(items[-1], amount=priced[0].value)
        elif not priced and _named(line.text):  # a "Datum Zeit Fil. Kasse Bon" row heads the date's values
            pending = None if has_keyword(line.text, _DATE_HEADINGS) or _check_header(line.text) else line
        if len(items) >= _MAX_ITEMS:
            break
    return _counts_handed_on(tuple(items))


def _tip_guide_heading(doc: Doc, line: Line) -> bool:
    """A tip guide's heading, alone on its line (``Suggested Gratuity``, ``TIP GUIDE``, ``For Your
    Convenience``): printed under the items, never an item's name (not ``Travel Guide 12.99``, a wrapped
    ``Field Guide`` over its price, ``CHEF'S SUGGESTIONS`` over the dishes): it names the tip, or a line
    under it opens with a share (``15% 8.14``, ``18 9.77``)."""
    if line.amounts or not has_keyword(line.text, TIP_SUGGESTION):
        return False
    below = doc.lines[line.index + 1:line.index + 3]
    return has_keyword(line.text, TIP) or any("%" in other.text or _GUIDE_SHARE_RE.match(other.text) for other in below)


# a guide row's share, its % maybe read as a mark or lost (``15 418.14``, ``18" 9.77``); no ``2 @ 25.00``
_GUIDE_SHARE_RE = re.compile(r"\s*(?:10|12|15|18|20|22|25)[\d\"'}*°%+]?[,.]?\s(?!\s*[@xX])")


def _counts_handed_on(items: tuple[LineItem, ...]) -> tuple[LineItem, ...]:
    """``Toastbrot`` / ``2 x 0,79  0,99 A`` / ``Joghurt 1,58 A``: a count that does not make its item's amount
    but makes the next item's (which prints none) is the next item's, its count line read onto the line of
    the price above it (an A4 scan of a skewed receipt)."""
    handed = list(items)
    for index in range(len(handed) - 1):
        item, below = handed[index], handed[index + 1]
        if not item.quantity or item.quantity <= 1 or item.unit_price is None or item.amount is None:
            continue
        count = (item.quantity, item.unit_price)
        if _count_of(item.amount, count) is None and below.quantity is None \
                and below.amount == (item.quantity * item.unit_price).quantize(_CENT):
            handed[index] = replace(item, quantity=None, unit_price=None)
            handed[index + 1] = _with_count(below, count)
    return tuple(handed)


def _counted_out(item: LineItem, count: tuple[Decimal | None, Decimal] | None, priced: list[Amount],
                 line: Line) -> LineItem:
    """An item named on one line and counted on the next (``Akkuschrauber 18V`` / ``2 ST x 59,00 118,00 1``):
    the count line's count (not a pack size in the name: ``Kabelbinder 100St``); where OCR garbled the
    amount after the unit price into no price (``118 ,00 L``: a tax class 1 read as litres), count x
    unit price for the amount."""
    if count is None or count[0] is None:
        return item
    quantity, unit = count
    made = (quantity * unit).quantize(Decimal("0.01"))
    if item.amount == made:
        return replace(item, quantity=quantity, unit_price=unit)
    if quantity <= 1 or len(priced) != 1 or item.amount != unit:
        return item
    if not any(amount.start > priced[0].end and amount not in priced for amount in line.amounts):
        return item  # "3 X 1.0000 3.00 SR": the one price is the line's amount
    return replace(item, amount=made, quantity=quantity, unit_price=unit)


def _extended_below(item: LineItem, count: tuple[Decimal | None, Decimal] | None,
                    below: Line | None) -> LineItem | None:
    """``J2O ORANGE 275ML`` / ``  2 @ £1.75`` / ``£3.50``: the amount the count makes, alone on the line under
    the count line that gave the item its unit price, is the item's amount; None where it is not."""
    if count is None or count[0] is None or count[0] <= 1 or below is None or item.amount != count[1]:
        return None
    quantity, unit = count
    priced = _priced(below)
    if _named(below.text) or len(priced) != 1 or priced[0].value != (quantity * unit).quantize(_CENT):
        return None
    return replace(item, amount=priced[0].value, quantity=quantity, unit_price=unit)


# fuel sold by volume, its amount not printed beside it: ``10.875 @ $2.399/GAL``, ``12.345 GAL @ 3.199/GAL``,
# ``REGULAR 2.516G`` over ``PRICE/GAL $2.659``
_FUEL_SALE_RE = re.compile(r"\b(?:PUMP|UNLEADED|UNL|REGULAR|DIESEL|E10|E5|BENZIN|FUEL|GAS|SAEULE|ZAPFSAEULE)\b", re.I)
_PER_VOLUME_RE = re.compile(r"(?:PRICE\s?/\s?|PER\s|/\s?)(?:GAL|GALLON|G|L|LTR|LITRE|LITER)\b|\bPPG\b", re.I)
_GALLONS_AFTER_RE = re.compile(r"\s?G\b")  # "REGULAR CR 12.411 G": a pump's gallons, its G apart
_VOLUME_BEFORE_RE = re.compile(r"\b(?:GALLONS?|GALS?|LITERS?|LITRES?|VOLUME)\W*$", re.I)  # "GALLONS 10.152"
_MAX_VOLUME = Decimal(500)
_MAX_PRICE_PER_UNIT = Decimal(20)


def _fuel(line: Line, below: Line | None, name: Line | None) -> LineItem | None:
    """The fuel of a pump's line: a volume printed with three decimals and the price per gallon or
    litre after it (on the line, or alone on the line below), the amount what they make. Named by
    the line's words or by the name line above (``#2 Diesel`` over ``10.875 @ $2.399/GAL``)."""
    own = [a for a in line.amounts if a.has_decimals]
    cleaned = clean_numbers(line.text)
    if len(own) == 2 and (_PER_VOLUME_RE.search(cleaned[own[1].end:])
                          or own[0].measure and _VOLUME_UNIT_RE.match(cleaned, own[0].end)
                          and "@" in cleaned[own[0].end:own[1].start]):
        volume, price = own  # the price per unit last ("11.204 Gal @ $3.099"), the amount nowhere on the line
        per_unit = cleaned[own[1].end:]
    elif len(own) == 1 and (own[0].measure or _GALLONS_AFTER_RE.match(cleaned, own[0].end)
                            or _VOLUME_BEFORE_RE.search(cleaned[:own[0].start])) \
            and below is not None and _PER_VOLUME_RE.search(below.text) \
            and len(below_prices := [a for a in below.amounts if a.has_decimals]) == 1:
        volume, price = own[0], below_prices[0]
        per_unit = clean_numbers(below.text)[price.end:]
    elif len(own) == 3 and (_VOLUME_UNIT_RE.match(cleaned, own[0].end) or _GALLONS_AFTER_RE.match(cleaned, own[0].end)) \
            and ("@" in cleaned[own[0].end:own[1].start] or _per_litre_beside(own[0], own[1])) \
            and abs(own[0].value * own[1].value - own[2].value) <= _CENT:
        volume, price = own[:2]  # "10.114 GAL @ 2.919 29.52": the amount they make printed after them
        per_unit = ""
    else:
        return None
    unit_price = _price_per_unit(price.value, per_unit)
    if not _pumped(volume, price) or not 0 < volume.value <= _MAX_VOLUME or unit_price is None:
        return None
    words = _without_measure(squash_spaces(clean_numbers(line.text)[:volume.start])).strip(" @#:-")
    if _VOLUME_BEFORE_RE.search(words):
        words = ""  # "GALLONS 10.152": the volume's label, no fuel's name
    description = words if _named(words) else squash_spaces(name.text) if name is not None else "Fuel"
    return LineItem(description=description, amount=to_cents(volume.value * unit_price), quantity=volume.value,
                    unit_price=unit_price, line_index=line.index)


def _per_litre_beside(volume: Amount, price: Amount) -> bool:
    """A German pump's litres and the price per litre right after them, no ``x`` or ``@`` between
    (``25,61 l 1,849 EUR/l 47,35 EUR``, ``52,18 l 1,659 86,57 A``): the price has three decimals."""
    return volume.measure and price.value.as_tuple().exponent == -3


def _pumped(volume: Amount, price: Amount) -> bool:
    """A pump's volume: three decimals (``10.875``), or two with its litres printed beside them where
    the price per litre has three (``41,23 l x 1,779 EUR/l``, as German pumps print them)."""
    places = volume.value.as_tuple().exponent
    return places == -3 or places == -2 and volume.measure and price.value.as_tuple().exponent == -3


def _prints_again(line: Line | None, amount: Decimal | None) -> bool:
    return line is not None and amount is not None and bool(line.amounts) \
        and abs(line.amounts[-1].value - amount) <= _CENT


_CENT = Decimal("0.01")
_VOLUME_UNIT_RE = re.compile(r"\s?(?:GALLONS?|GALS?|G|L|LTR|LITRES?|LITERS?)\b", re.I)  # not "1.230 kg @ $17.61/kg"
_CENTS_PER_UNIT_RE = re.compile(r"^\s?(?:C|¢|CTS?)\s?/", re.I)  # "42.318 L @ 142.9 c/L": Canadian pumps


def _price_per_unit(value: Decimal, after: str) -> Decimal | None:
    """The pump's price per gallon or litre: in cents where it says so (``142.9 c/L``), its dollar
    sign read as a digit where no fuel costs that much, in tenths of a cent as US pumps print
    (``PRICE/G S5.299`` read 55.299; not a peso's ``P58.50``)."""
    if _CENTS_PER_UNIT_RE.match(after):
        value = value / 100
    if value > _MAX_PRICE_PER_UNIT and value.adjusted() >= 1 and str(value)[0] in SIGN_DIGITS \
            and value.as_tuple().exponent == -3:
        value = value - int(str(value)[0]) * Decimal(10) ** value.adjusted()  # "55.299": its $ read as a 5
    return value if 0 < value <= _MAX_PRICE_PER_UNIT else None


# "17.Co", "EO.20", "Eil.85" (a pound sign glued), "2*50" (its point a star), "SO. 00" (a dollar sign
# read as S, as amounts read "S15.00"): a price at the end of a line whose digits or point OCR read as
# look-alikes; a letter glued after it makes it a size ("1.5OZ"), not a price
_LOOKALIKE_DIGITS = "0OoDQCc1Iil|!5Ss8B2Zz9gq"
_MISREAD_PRICE_RE = re.compile(
    rf"(?:^|\s)(?P<sign>[$£€EFfSs])?(?P<units>[\d{_LOOKALIKE_DIGITS}]{{1,3}})(?:\s?[.,]\s?|[*+])"
    rf"(?P<cents>[\d{_LOOKALIKE_DIGITS}]{{2}})"
    r"(?P<tax_class>\s+[A-Z*]{1,2}|\s8)?\s*$")  # its tax class B read as an 8 (``WASCHMITTEL 14+85 8``)
_AS_DIGIT = str.maketrans("OoDQCcIil|!SsBZzgq", "000000111115582299")


def _lone_price_under(doc: Doc, line: Line) -> bool:
    """The name's own price wrapped onto the line under it (``Wattepads 50+50 B`` / ``1,29 B``): the plus is
    the name's."""
    below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    return below is not None and _LONE_PRICE_RE.fullmatch(below.text) is not None


_LONE_PRICE_RE = re.compile(r"\s*-?\d+[.,]\d{2}(?:\s*[A-Z*]{1,2})?\s*")  # "1,29 B" alone on its line


def _misread_price(line: Line, doc: Doc) -> list[Amount]:
    """The price of a named line that printed none OCR could read, if its last word is one whose
    look-alike letters make a price (two real digits at least, or whole units with both cents read
    as O's: ``4.OO``), its point or comma maybe read as a star or a plus (``Cotee 2*50``, ``14+85 8``)."""
    match = _MISREAD_PRICE_RE.search(line.text)
    if match is None or not _named(line.text[:match.start()]) or any(a.has_decimals for a in line.amounts):
        return []
    printed = match["units"] + match["cents"]
    whole = match["units"].isdigit() and re.fullmatch(r"[0OoDQ]{2}", match["cents"])  # "Add Side Salad 4.OO"
    if sum(ch.isdigit() for ch in printed) < 2 and not whole \
            or re.search(r"[*+]", match.group()) and _names_a_reduction(line.text) \
            or "+" in match.group() and (not match["tax_class"] or _lone_price_under(doc, line)):
        return []  # "Happy Hour 25*00": a discount whose minus and point came out other glyphs, no price; a plus
        # for a comma only before a tax class (not "7 Margarite 718+00", a $ read as a 7 too)
    value = _misread_value(match)
    start = match.start("sign") if match["sign"] else match.start("units")  # the name ends before the sign
    return [Amount(value=value, start=start, end=match.end("cents"))]


def _misread_value(match: re.Match[str]) -> Decimal:
    return Decimal(f"{match['units'].translate(_AS_DIGIT)}.{match['cents'].translate(_AS_DIGIT)}")


def _with_line_total(line: Line, priced: list[Amount]) -> list[Amount]:
    """``Tea 3 @ 1.00 3.OO``: the one price read is the unit price after a count's ``@``; the line's
    total, its digits read as look-alikes, ends the line."""
    if len(priced) != 1 or not re.search(r"@\s*[$S]?$", line.text[:priced[0].start]):
        return priced
    total = _MISREAD_PRICE_RE.search(line.text, priced[0].end)
    if total is None or not any(ch.isdigit() for ch in total["units"]):
        return priced
    value = _misread_value(total)
    return [*priced, Amount(value=value, start=total.start("units"), end=total.end("cents"))]


def _with_comma_lost_amount(line: Line, priced: list[Amount]) -> list[Amount]:
    """``Kefir 0,89 x 5 445 A``: the one price read is the unit price before the count; the number after
    them whose digits are what the count makes (4,45) is the line's amount, its comma lost."""
    match = _COMMA_LOST_AMOUNT_RE.search(line.text)
    if len(priced) != 1 or match is None or Decimal(match[1].replace(",", ".")) != priced[0].value:
        return priced
    made = priced[0].value * int(match[2])
    if Decimal(match[3]) != made * 100:
        return priced
    return [*priced, Amount(value=made, start=match.start(3), end=match.end(3))]


# an amount OCR read without its comma at a line's end, a tax class after it (``Butter 438 A``)
_COMMA_LOST_AT_END_RE = re.compile(r"(?<![\d.,])(\d{3,5})(?:\s?[A-Z0-9*]{1,2})?\s*$")


def _made_by(count: tuple[Decimal | None, Decimal] | None, below: Line | None) -> Decimal | None:
    """What the count line above an item (``2 Stk X 2,19``) or the weight line under it
    (``2,27 kg X 3,49 EUR/kg``) makes: the item's amount; None where neither says it."""
    if count is not None and count[0] is not None:
        return _made(count[0], count[1])
    weight = _weight_line(below) if below is not None else None
    return _made(*weight) if weight else None


def _made(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """What a count or weight line makes: the quantity times the unit price, to the cent."""
    return (quantity * unit_price).quantize(_CENT, ROUND_HALF_UP)


def _comma_lost_price(line: Line, made: Decimal | None) -> list[Amount]:
    """``Butter 438 A`` under ``2 Stk X 2,19``: a named line's last number whose digits are what its count
    or weight line makes (4,38) is its amount, its comma lost or read as a digit (``Bananen 4792 B`` over
    ``2,474 kg X 1,99 EUR/kg``: 4,92); no price where they are not."""
    match = _COMMA_LOST_AT_END_RE.search(line.text)
    if made is None or match is None or not _named(line.text[:match.start()]) \
            or made * 100 not in (int(match[1]), _comma_read_as_digit(match[1])):
        return []
    return [Amount(value=made, start=match.start(1), end=match.end(1))]


def _comma_read_as_digit(printed: str) -> int | None:
    """The cents a price's digits say where the glyph before its last two was its comma (``4792``: 492)."""
    return int(printed[:-3] + printed[-2:]) if len(printed) >= _COMMA_AS_DIGIT_LENGTH else None


_COMMA_AS_DIGIT_LENGTH = 4  # a euro digit, the comma, two cents


def _leading_digit_mended(item: LineItem, weight: tuple[Decimal, Decimal]) -> LineItem:
    """``PAPRIKA ROT 22,34 A`` over ``0,781 kg X 2,99 EUR/kg``: an amount whose digits are what the weight
    line under it makes but for its first, misread (``47,20`` for 17,20) or a stray mark read before it as
    one (``22,34`` for 2,34), is that amount; its cents differing, it stays."""
    made = _made(*weight)
    if item.amount is None or item.quantity is not None or item.amount == made or made <= 0:
        return item
    printed, wanted = f"{item.amount:.2f}".replace(".", ""), f"{made:.2f}".replace(".", "")
    slipped = len(printed) == len(wanted) and printed[1:] == wanted[1:]
    return replace(item, amount=made) if slipped or printed[1:] == wanted else item


def _names_a_reduction(text: str) -> bool:
    return any(word in _COUPON_WORDS or word in _DISCOUNT_WORDS for word in _words(text))


def _price_below_free_line(item: LineItem, line: Line, priced: list[Amount]) -> bool:
    """``Chicken Vindaloo Hot $0.00`` / ``$15.00``: a price alone on the line under an item read at
    0.00 (a free option printed beside the name) is the item's price."""
    return item.amount == 0 and item.line_index == line.index - 1 and len(priced) == 1 and line.is_amount_only


# Costco's instant savings: its own code, a slash and the code of the article it takes money off
_CODED_SAVING_RE = re.compile(r"^\W*\d{4,}\s*/\s*\d{4,}\b")


def _coded_saving(line: Line, priced: list[Amount]) -> LineItem | None:
    """``352118 /1299788 100.00-A``: money taken off the article coded after the slash, no name printed."""
    if len(priced) != 1 or priced[0].value >= 0 or not _CODED_SAVING_RE.match(line.text):
        return None
    return LineItem(description=squash_spaces(line.text[:priced[0].start]), amount=priced[0].value,
                    line_index=line.index)


def _unnamed_item(line: Line, priced: list[Amount]) -> LineItem | None:
    """``0025679 U 2X8.80 17.60 S``: an item printed by its code alone, known by its arithmetic
    (quantity times unit price is the amount)."""
    if len(priced) < 2 or _named(line.text):
        return None
    item = _item(line.text, priced, line.index)
    counted = item.quantity is not None and item.unit_price is not None and item.quantity > 0
    return item if counted and abs(item.quantity * item.unit_price - item.amount) <= Decimal("0.01") else None


def _weighed(item: LineItem, line: Line, name_line: Line | None = None) -> LineItem:
    """``0,556 kg x 2,99 EUR/kg 1,66``: the weight and the price per unit are the item's
    quantity and unit price when they multiply to its amount (``Super E10 38,41 l`` /
    ``1,789 EUR/l 68,71``: the litres may stand on the name's line)."""
    measures = [a.value for source in (name_line, line) if source for a in source.amounts if a.measure]
    if item.quantity is None and len(measures) == 2 and item.amount is not None \
            and abs(measures[0] * measures[1] - item.amount) <= Decimal("0.01"):
        name = item.description
        if name_line is not None and any(a.measure for a in name_line.amounts):
            name = _without_measure(name)
        return replace(item, description=name, quantity=measures[0], unit_price=measures[1])
    return item


def _weight_line(line: Line) -> tuple[Decimal, Decimal] | None:
    """(weight, price per unit) of a line that only weighs an item, its amount printed on the item's
    line above or below it (``0,826 kg x 2,99 EUR/kg``, ``1.23 lb @ 1.99 /lb``)."""
    measures = [a.value for a in line.amounts if a.measure and a.has_decimals]
    weighed = _WEIGHT_PER_UNIT_RE.search(line.text)  # not "ROPE NYLON 0.5in 50.0ft": two sizes
    if len(measures) == 2 and len(line.amounts) == 2 and weighed:
        return measures[0], measures[1]
    # "2.19 lb @ 2.49": the price's unit lost, the weight's and the @ printed, no name
    first, second = line.amounts if len(line.amounts) == 2 else (None, None)
    if first and first.measure and first.has_decimals and second.in_cents and not second.measure \
            and _AT_BETWEEN_RE.fullmatch(line.text, first.end, second.start) and not _named(line.text):
        return first.value, second.value
    return _weighed_per_kilo_misread(line)


# "EUR/K9", "EURJk9", "EUR/Rg", "EURkg": a weight line's price per kg ending it, its letters misread
_PER_KILO_READ_RE = re.compile(r"EUR\s?[/J|]?\s?[KR*][G9]\s*$", re.IGNORECASE)
_GRAMS_RE = re.compile(r"\d[.,]\d{3}")  # a weight in kg to the gram (2,474)


def _weighed_per_kilo_misread(line: Line) -> tuple[Decimal, Decimal] | None:
    """``2,474 *9 1,99 EUR/K9``, ``1,479 k9 0 3,79 EUR/Rg``: the kg of a weight line read as ``*9``, ``k9`` or
    ``Rg``, its amounts no measures then; a weight to the gram and a price, under a price per kg, weigh still."""
    decimals = [a for a in line.amounts if a.has_decimals]
    if len(decimals) != 2 or not _PER_KILO_READ_RE.search(line.text):
        return None
    weight, price = decimals
    return (weight.value, price.value) if _GRAMS_RE.fullmatch(line.text, weight.start, weight.end) else None


_AT_BETWEEN_RE = re.compile(r"\s?[A-Za-z|1]{0,3}\s?@\s?[$]?")


_WEIGHT_PER_UNIT_RE = re.compile(r"\d\s?(?:KG|G|[LI1|]BS?|OZ)\b.*(?:[xX×@*]|/\s?(?:KG|G|[LI1|]BS?|OZ)\b)",
                                 re.IGNORECASE)


def _priced(line: Line) -> list[Amount]:
    """The line's money amounts: printed with decimals, no unit glued to them."""
    return [a for a in line.amounts if a.has_decimals and not a.measure]


# words of a price line that name nothing: quantity marks, units, tax codes (``3 X 2.90 8.70 SR``)
_PRICE_LINE_WORDS = frozenset(("X", "PC", "PCS", "EA", "STK", "ST", "KG", "QTY", "SR", "ZR", "ZRL", "TX", "NT",
                               "RM", "EUR", "USD", "GBP", "STUK", "KS", "SZT", "PZ", "UDS", "UND",
                               "WAS", "NOW"))  # "was 3.29 now 2.99 F": a sale price under its name


def _named(text: str) -> bool:
    """The line names something: a word of three or more letters that is not a price line's mark (its
    O maybe read as a 0: ``LG P0PC0RN``, ``30% 0FF C0UP0N``)."""
    return any(len(word) >= 3 and word.upper() not in _PRICE_LINE_WORDS
               for word in re.findall(r"[^\W\d_]+", _O_READ_AS_ZERO_RE.sub("O", text)))


# a 0 beside capitals, not a size's ("20OZ", "750ML", "30PK")
_O_READ_AS_ZERO_RE = re.compile(r"(?<=[A-Z])0|(?<![\d.,])0(?=[A-Z]{2})")


# "2 OJ 7.00", "1 PB&J 6.50", "1 M&MS 5.79", "1 M Hi-C 1.49": a count (maybe a drink's size letter after it),
# then a name too short for a word of three letters
_COUNTED_SHORT_NAME_RE = re.compile(
    r"\s*\d{1,2}\s+(?:[SML]\s+)?(?P<name>[A-Za-z][A-Za-z&'.+-]{1,5}(?:\s[A-Za-z&'.+-]{1,5})?)\s*")


def _counted_short_name(text: str) -> bool:
    """The text before a price is a count and a short name of two letters or more, none of them a
    price line's marks (``2 X``, ``1 EA``)."""
    match = _COUNTED_SHORT_NAME_RE.fullmatch(text)
    return match is not None and letters(match["name"]) >= 2 and not any(
        word.upper().strip(".") in _PRICE_LINE_WORDS for word in match["name"].split())


# "RX 0873321-06231 15.00 N", "1 RX 4821930 10.00N": a prescription's number, maybe its store's after a dash
_PRESCRIPTION_RE = re.compile(r"\s*(?:\d{1,2}\s+)?RX\s*#?:?\s*\d{6,}(?:-\d{3,5})?\s*", re.IGNORECASE)


def _short_name(text: str) -> bool:
    """The text before a price names its item without a word of three letters: a counted short name or a
    prescription's number."""
    return _counted_short_name(text) or _PRESCRIPTION_RE.fullmatch(text) is not None


def _skipped(line: Line) -> bool:
    """No item's line: a total, tax, payment or header line (not a count line whose glued unit reads
    like a tax: ``5ST X 59,00 295,00 1`` is no ``SST``), a column header (the VAT table's too), a clock, a tax or
    savings line, the shop's VAT or company number (``Vat Number: 66O 4548 36``: its digit groups read as a price)."""
    summary = summary_line(line.text) and _count_line(line.text, _priced(line)) is None
    return (summary or (not line.amounts and (_column_header(line.text) or _vat_table_header(line.text)))
            or _clock_line(line.text) or _tax_line(line.text) or _savings_total(line.text)
            or bool(_PRICE_NOTE_RE.match(line.text)) or _registration_line(line.text) or _label_with_a_digit(line))


# a word of letters and digits OCR read for letters ("Sa1es", "Tota1", "SUBT0TAL"; "VIT D3", "5W30" spell no label)
_LETTERED_WORD_RE = re.compile(r"(?<![^\W_])(?=[^\W_]*[^\W\d_])[^\W_]*[0158][^\W_]*")
_DIGIT_AS_LETTER = str.maketrans("0158", "OLSB")


def _label_with_a_digit(line: Line) -> bool:
    """``Sa1es Tax .98``, ``SUBT0TAL 26.10``: a total's, tax or payment label with a digit for a letter, one amount
    beside it, read as the label it spells; not a name with digits of its own (``CVS VIT D3``, ``5W30 OIL``)."""
    if len(line.amounts) != 1:
        return False
    spelled = _LETTERED_WORD_RE.sub(_as_label_word, line.text)
    return spelled != line.text and (_tax_line(spelled) or summary_line(spelled))


def _as_label_word(word: re.Match[str]) -> str:
    """The word with its digits read as letters where it then is a label's word (folded, as keywords match)."""
    labelled = fold(word.group()) in _LABEL_WORDS and not pieces_counted(word.group())  # "10St" is a count
    return word.group().translate(_DIGIT_AS_LETTER) if labelled else word.group()


def _registration_line(text: str) -> bool:
    """``Vat Number: 66O 4548 36``, ``Company No. 4O3 1467 12``: the label opens the line (not a product's name:
    ``HONEST COMPANY NO TEARS SHAMPOO 9.99``, ``Foundation Brewing Company No Limits 8.50``)."""
    found = find_keyword(text, REGISTRATION_NUMBERS)
    return found is not None and not re.search(r"[A-Z]{3,}", fold(text)[:found[1]])


# a note under an item on what it cost before or elsewhere, or would refund (Walgreens' ``REGULAR PRICE 9.99``,
# ``RETURN VALUE 9.49``, Burlington's ``Compare At 100.00``, a German shop's reference price): no article of its own
_PRICE_NOTE_RE = re.compile(r"^\W*(?:REG(?:ULAR)?|ORIG(?:INAL)?)\.?\s+PRICE\b|^\W*RETURN\s+VALUE\b"
                            r"|^\W*COMPARE\s+AT\b"
                            # German: "Ursprünglicher Preis 49,99", "statt 399,00 Sie sparen 170,00", "UVP 59,99"
                            r"|^\W*(?:URSPR(?:Ü|UE|U)NGLICHER\s+PREIS|ORIGINALPREIS|NORMALPREIS)\b"
                            r"|^\W*(?:STATT|UVP)\.?:?\s*(?:EUR\s?)?\d+[.,]\d{2}(?!.*\b(?:JETZT|NUR|NOW)\b)",
                            re.IGNORECASE)
# Kohl's and Macy's ``ORIG 40.00``, ``WAS $12.00``, ``REG 149.00 SALE``: right under a priced item, what it cost
# before (not a wrapped name's flavour line, ``PITA CHIPS`` / ``ORIG 2.99``, nor a fuel grade, ``REG 40.00``)
_FORMER_PRICE_RE = re.compile(r"^\W*(?:ORIG|WAS)\.?:?\s*\$?\s?\d+[.,]\d{2}(?:\s+(?:SALE|CLEARANCE|CLR))?\W*$"
                              r"|^\W*REG\.?:?\s*\$?\s?\d+[.,]\d{2}\s+(?:SALE|CLEARANCE|CLR)\W*$", re.IGNORECASE)


_WAS_NOW_RE = re.compile(r"\bWAS\b.*\bNOW\b", re.IGNORECASE)


_NEGATIVE_PRICE_RE = re.compile(r"[-~]\s?[$£€]?\s?\d+[.,]\d{2}(?!\d)|\d[.,]\d{2}\s?-(?![\d-])")


_SAVING_TAKEN_OFF_WORDS = ("SAVINGS", "SAVING", "SIE SPAREN")
_TILDE_BEFORE_PRICE_RE = re.compile(r"~\s?\d+[.,]\d{2}(?!\d)")  # "~0,24": EasyOCR's reading of a minus


def _tilde_for_minus(item: LineItem, line: Line) -> LineItem:
    """``Sie sparen ~0,24 B``: a saving taken off, its minus read as a tilde."""
    if item.amount <= 0 or not _TILDE_BEFORE_PRICE_RE.search(line.text) or not _saving_taken_off(line.text):
        return item
    return replace(item, amount=-item.amount, description=(item.description or "").rstrip(" ~") or None)


def _saving_taken_off(text: str) -> bool:
    """``Savings 1.50-``, ``Card Savings -1.50``, a German ``Sie sparen -0,24 B`` under its item (its tax class
    printed, maybe read as a digit: a line of the sum's; without one it may say what the sale price already
    saved): a saving taken off among the items, its amount negative; not what the savings came to (``YOU SAVED
    3.50``, ``*SAVINGS TOTAL 4.26*``)."""
    return has_keyword(text, _SAVING_TAKEN_OFF_WORDS) and bool(_NEGATIVE_PRICE_RE.search(text)) \
        and not _savings_total(text) and not has_keyword(text, ("YOU SAVED", "YOUR SAVINGS")) \
        and (not has_keyword(text, ("SIE SPAREN",)) or bool(_TAX_CLASS_FLAG_RE.search(text)))


_TAX_CLASS_FLAG_RE = re.compile(r"\d[.,]\d{2}\s?\*?[A-D128]\s*$")  # ``-0,24 B``, ``~0,24 8`` (a B read as 8)


def _savings_total(text: str) -> bool:
    """``TOTAL NON-COUPON SAVINGS 4.26``, ``*SAVINGS TOTAL 4.26*``: what the discounts came to, whatever
    else the line names."""
    return has_keyword(text, _SAVINGS_WORDS) and has_keyword(text, ("TOTAL", "TODAY", "GESAMT", "TOTALE", "TOTAAL"))


def _tax_line(text: str) -> bool:
    """``GST payable (6%) 0,37``, ``MwSt 19% 1,23``: a tax and its rate, however garbled the rest; or a
    tax named last before its amount (``FOOD TAX 1.28``, ``LIQUOR TAX``, ``dont TVA 0,30``)."""
    if has_keyword(text, TAX) and bool(RATE_RE.search(text)):
        return True
    before = re.split(r"\d", text, maxsplit=1)[0]
    words = _words(before)
    return bool(words) and words[-1] in _TAX_WORDS and not _pack_count_read_as_o(before.split()[-1])


def _pack_count_read_as_o(word: str) -> bool:
    """``Eier Bodenh. oSt 2,29 B``: a pack's ``10St`` (Stück), its 1 lost and its 0 read as a small o; no QST
    (a tax label is printed in capitals)."""
    return word.startswith("o") and pieces_counted("0" + word[1:])


_TAX_WORDS = frozenset(fold(word) for word in TAX if " " not in word) | {"QST"}
_LABEL_WORDS = _NOT_ITEM_WORDS | _TAX_WORDS


def _price_line(line: Line) -> bool:
    """``2786 2 4.77 9.54 SR``: an item's code, quantity and prices, its name on another line."""
    return not _named(line.text) and len(_priced(line)) >= 2


def _description_line(line: Line) -> bool:
    return _named(line.text) and not _priced(line)


def _price_first(body: list[Line]) -> bool:
    """Items printed as a price line followed by the item's name (some POS systems): the body
    opens with a price line, every price line but a last one is followed by a name line, and fewer
    lines print a name beside a price (``2 x 0,69 1,38`` over ``Joghurt 1,38 A`` is a count line)."""
    shapes = ["P" if _price_line(line) else "D" if _description_line(line) else "-" for line in body]
    named_and_priced = sum(_named(line.text) and bool(_priced(line)) for line in body)
    shapes = [shape for shape in shapes if shape != "-"]
    if not shapes or shapes[0] != "P" or named_and_priced >= shapes.count("P"):
        return False
    return all(shapes[i + 1] == "D" for i, shape in enumerate(shapes[:-1]) if shape == "P")


def _price_first_items(body: list[Line]) -> tuple[LineItem, ...]:
    items: list[LineItem] = []
    prices: Line | None = None
    for line in body:
        if _price_line(line):
            prices = line
        elif prices is not None and _description_line(line):
            priced = _priced(prices)
            items.append(_item(prices.text, priced, line.index, description=squash_spaces(line.text)))
            prices = None
    return tuple(items[:_MAX_ITEMS])


def _count_line(text: str, priced: list[Amount]) -> tuple[Decimal | None, Decimal] | None:
    """(quantity, unit price) of a line that only counts an item (``3 x 1,49``, ``2 @ 0.99``, or with
    the amount they make: ``2 x 1,19 2,38``); the quantity None where OCR lost it (``X 2,29``,
    ``Stk x 0,69``): the item's amount then says it."""
    if len(priced) == 1 and _LOST_COUNT_RE.fullmatch(text.strip()):
        return None, priced[0].value
    if len(priced) == 1 and (offer := _AT_FOR_RE.fullmatch(text.strip())) and int(offer["per"]):
        return Decimal(offer["count"]), (priced[0].value / int(offer["per"])).quantize(Decimal("0.01"))
    match = _QTY_X_RE.search(text)
    unit_first = _unit_then_count(text, priced)
    if not (match or unit_first) or not 1 <= len(priced) <= 2 \
            or letters(_CURRENCY_AFTER_RE.sub("", _QTY_X_RE.sub(" ", text))) > 2:
        return None  # "2 x 1,29 EUR", "2 Stk x 1,29 EUR": the currency after it is no name
    quantity = unit_first[0] if unit_first else Decimal(match.group(1).replace(",", "."))
    if len(priced) == 2 and quantity * priced[0].value != priced[1].value:
        return None
    return quantity, priced[0].value


_UNIT_MARK_RE = re.compile(r"(?:(?<![^\W\d_])(?:à|a|je|ea)|@)\s?[$€£]?\s?$", re.IGNORECASE)


def _unit_marked(text: str, priced: list[Amount], item: LineItem) -> tuple[Decimal, Decimal] | None:
    """(count, unit price) of an item line that opens with its count and marks its one price as the unit's
    (``2x Hugo à 7,50``, ``2 Pils @ 4.90``): its amount may stand alone on the line under it (``15,00 €``)."""
    if len(priced) != 1 or not item.quantity or item.quantity <= 1 or item.amount != priced[0].value \
            or not _UNIT_MARK_RE.search(text[:priced[0].start]):
        return None
    return item.quantity, priced[0].value


def _unit_then_count(text: str, priced: list[Amount]) -> tuple[Decimal, Decimal] | None:
    """(count, unit price) of a line that prints the unit price first (LIDL, NETTO, EDEKA: ``0,89 x 5``,
    ``2,09 € x 2``): a whole number after the x, where the number before it is the line's first price (not a
    quantity of 0,89)."""
    match = _UNIT_X_COUNT_RE.search(text)
    if match is None or not priced or Decimal(match[1].replace(",", ".")) != priced[0].value or not int(match[2]):
        return None
    return Decimal(match[2]), priced[0].value


_CURRENCY_AFTER_RE = re.compile(r"\s(?:EUR|USD|GBP|CHF)\s*$", re.IGNORECASE)
_LOST_COUNT_RE = re.compile(r"(?:(?i:STK)[a-z]?|(?i:ST))?\s?[Xx×]\s?\d{1,3}[.,]\d{2}(?:\s?EUR)?")
# "2 AT 1 FOR 2.50" (Walmart), "2 @ 2 FOR 6.00" (Publix): the count bought, at a price for so many
_AT_FOR_RE = re.compile(r"(?P<count>\d{1,3})\s*(?:AT\s|@)\s*(?P<per>\d{1,2})\s+FOR\s+\$?\s?\d{1,3}[.,]\d{2}",
                        re.IGNORECASE)
_MAX_LOST_COUNT = 99


def _counts_line(line: Line | None, count: tuple[Decimal | None, Decimal], decimal: str) -> bool:
    """``line`` names an item whose price the count makes (``3 x 0,89`` over ``Spaghetti 2,67 B``, or
    ``Butter 438 A``, its comma lost)."""
    if line is None:
        return False
    priced = _with_cents(_priced(line), decimal) or _comma_lost_price(line, _made_by(count, None))
    return bool(priced) and _named(line.text) and _count_of(priced[-1].value, count) is not None


def _counts(item: LineItem, count: tuple[Decimal | None, Decimal]) -> bool:
    return item.quantity is None and item.amount is not None and _count_of(item.amount, count) is not None


def _count_of(amount: Decimal, count: tuple[Decimal | None, Decimal]) -> Decimal | None:
    """The quantity of ``count`` that makes ``amount``: its own, else (lost) the whole number of unit
    prices it is, from 2 on."""
    quantity, unit_price = count
    if quantity is not None:
        return quantity if abs(quantity * unit_price - amount) <= Decimal("0.01") else None
    if unit_price <= 0 or amount % unit_price or not 2 <= amount / unit_price <= _MAX_LOST_COUNT:
        return None
    return amount / unit_price


def _with_count(item: LineItem, count: tuple[Decimal | None, Decimal]) -> LineItem:
    quantity, unit_price = _count_of(item.amount, count), count[1]
    if quantity == quantity.to_integral_value():
        quantity = quantity.quantize(Decimal("1"))
    return replace(item, quantity=quantity, unit_price=unit_price)


def _pack_size(text: str, match: re.Match[str]) -> bool:
    """A count of nothing (``S0St``), or a size in a name, its unit with no times sign after it
    (``Kabelbinder 100St 3,29``, ``Eier 10 St``, ``1 6pc McNuggets``): no quantity bought."""
    if Decimal(match.group(1).replace(",", ".")) == 0 or _CRATE_RE.match(text, match.start()):
        return True
    marked = re.search(r"[xX×@*]", match.group(0)) is not None
    before = text[:match.start()]
    return not marked and (letters(before) >= 3 or bool(re.fullmatch(r"\s*\d{1,2}\s+", before)))


def _item(text: str, amounts: list[Amount], index: int, description: str | None = None) -> LineItem:
    text = _counts_as_digits(text)
    amounts = [a for a in amounts[:-1] if a.value.as_tuple().exponent <= -2] + amounts[-1:]  # "3x1,5": a size
    amount = amounts[-1].value
    quantity = unit_price = None
    after_name = False  # the count printed after the name: maybe a pack's size ("BECKS PILS 6X0,33")
    qty_match = _QTY_X_RE.search(text)
    if (count := _decimal_count(text, amounts)) is not None and description is None:
        quantity, amounts = count, amounts[1:]
    elif (counted := _unit_times_count(text, amount)) is not None:
        quantity, unit_price = counted
    elif qty_match and not _is_price(qty_match.group(1), amounts) and not _pack_size(text, qty_match) \
            and not _after_the_prices(text, qty_match):
        quantity = Decimal(qty_match.group(1).replace(",", "."))
        after_name = letters(text[:qty_match.start()]) >= 3
    elif lead := _LEADING_QTY_RE.match(description if description is not None else text):
        quantity = Decimal(lead.group(1))  # "2 Bistro Burger" over its price: the name line's count
    elif after := _COUNT_AFTER_NAME_RE.search(description if description is not None else text[:amounts[0].start]):
        quantity, after_name = Decimal(after.group(1)), True
    elif column := _QTY_COLUMN_RE.search(description if description is not None else text[:amounts[0].start]):
        quantity = Decimal(column.group(1))
    if unit_price is None and len(amounts) >= 2:
        unit_price = amounts[-2].value
        if quantity is None and unit_price and (amount / unit_price) == (amount / unit_price).to_integral_value():
            quantity = amount / unit_price
    elif unit_price is None and quantity:
        unit_price = (amount / quantity).quantize(Decimal("0.01"))
    if quantity is not None and unit_price is not None and abs(quantity * unit_price - amount) > Decimal("0.05"):
        unit_price = None if len(amounts) < 2 else unit_price
    crate = unit_price is not None and _CRATE_RE.search(text) \
        and (quantity is None or abs(quantity * unit_price - amount) > Decimal("0.05"))
    if crate:
        quantity = unit_price = None  # "Gerolsteiner 12x0,75 6,49": twelve bottles of 0,75 l, one crate
        amounts = amounts[-1:]  # the bottles' size is the name's
    if (after_name or _PIECES_FIRST_RE.match(text)) and quantity and len(amounts) < 2 and (amount * 100) % quantity:
        quantity = unit_price = None  # "Eier x6 2,19", "Volvic 6 x 1,5 l 3,29", "4pc Nuggets 2.19": the pack
    desc = _without_count(description) if description is not None else _description(text, amounts)
    if quantity is not None and quantity == quantity.to_integral_value():
        quantity = quantity.quantize(Decimal("1"))
    return LineItem(description=desc, amount=amount, quantity=quantity, unit_price=unit_price, line_index=index)


# "4pc Nuggets", "8 Pc Bucket", "10 ct Wings": the pieces in a pack opening its name, no count's mark after them
_PIECES_FIRST_RE = re.compile(r"\s*\d{1,3}\s?(?:PC|PCS|PCE|PIECE|CT)\b(?!\s?[xX@*])\s*[^\W\d_]", re.IGNORECASE)


def _decimal_count(text: str, amounts: list[Amount]) -> Decimal | None:
    """The count of ``2,00 Cana 3,60``: a whole number printed with decimals before the name, the
    line's first amount, with the item's price after the name."""
    match = _DECIMAL_COUNT_RE.match(text)
    if match is None or len(amounts) < 2 or amounts[0].start > match.end(1) or amounts[0].value <= 0:
        return None
    return Decimal(match.group(1))


def _unit_times_count(text: str, amount: Decimal) -> tuple[Decimal, Decimal] | None:
    """(count, unit price) of ``0,69 x 2 1,38``, where they multiply to the amount."""
    for match in _UNIT_X_COUNT_RE.finditer(text):
        unit_price, count = Decimal(match.group(1).replace(",", ".")), Decimal(match.group(2))
        if count > 0 and unit_price * count == amount:
            return count, unit_price
    return None


def _after_the_prices(text: str, match: re.Match[str]) -> bool:
    """``PFAND 0,25 EURO 0,25 4 *``: a count standing after the line's last price (REWE's tax class A read as
    a 4 before its deposit star) counts nothing."""
    return bool(_WITH_CENTS_RE.search(text, 0, match.start())) and not _WITH_CENTS_RE.search(text, match.end())


_WITH_CENTS_RE = re.compile(r"\d[.,]\d{2}")  # a number printed with cents (or more decimals: "1,779")


def _is_price(number: str, amounts: list[Amount]) -> bool:
    """``2,99 X 11,96``: a number before the ``x`` printed with cents and read as one of the line's
    prices is the unit price (its count lost), not a count; ``PAPER TOWELS 9.97 X``: the price itself,
    its tax flag after it."""
    return bool(re.fullmatch(r"\d+[.,]\d{2}", number)) and Decimal(number.replace(",", ".")) in (
        a.value for a in amounts)


def _with_cents(amounts: list[Amount], decimal: str) -> list[Amount]:
    """On a decimal-comma receipt a price's third decimal is a glyph glued to it, most often its tax
    class (``2,49B`` read as ``2,498``); on a decimal-point one such a number is a quantity or a price
    per unit (``10.875 @ $2.399/GAL``) and stays as read."""
    if decimal != ",":
        return amounts
    return [replace(a, value=a.value.quantize(Decimal("0.01"), rounding=ROUND_DOWN))
            if a.value.as_tuple().exponent == -3 else a for a in amounts]


def _description(text: str, amounts: list[Amount]) -> str:
    cut = amounts[0].start if amounts else len(text)
    # amounts' positions refer to the cleaned text, which only ever shortens noisy numbers
    desc = text[:cut] if cut <= len(text) else text
    desc = _QTY_COLUMN_RE.sub("", _COUNT_AFTER_NAME_RE.sub("", _DECIMAL_COUNT_RE.sub("", desc)))
    desc = _counts_as_digits(desc)
    desc = _LEADING_QTY_RE.sub("", _QTY_X_RE.sub(lambda m: m.group(0) if _pack_size(desc, m) else " ", desc))  # "1 CVS"
    desc = re.sub(r"(RM|EUR|USD|GBP|MYR|[$€£]|(?<=-)[EfL])\s*$", "", desc.strip())
    if amounts and amounts[0].currency == "USD" and re.search(r"(?<!\w)[Ss]$", desc):
        desc = desc[:-1]  # "Garlic Naan S8.00": the S was the dollar sign
    if not letters(desc):  # "2 @ 1.24 BANANAS 2.48 N": the name after count and price
        named = max(_NUMBER_SPLIT_RE.split(text), key=letters)
        desc = named if letters(named) else desc
    return squash_spaces(desc).strip(" .:*-") or squash_spaces(text)


def _counts_as_digits(text: str) -> str:
    return _COUNT_OF_TWO_RE.sub(r"\g<1>2", _COUNT_OF_ONE_RE.sub(r"\g<1>1", text))


def _without_count(name: str) -> str:
    """A name line printed over its price without the count before or after the name (``2x Weissbier``,
    ``Latte x 2``)."""
    name = _QTY_COLUMN_RE.sub("", _COUNT_AFTER_NAME_RE.sub("", _LEADING_COUNT_RE.sub("", _counts_as_digits(name))))
    return squash_spaces(name) or name


_LEADING_COUNT_RE = re.compile(r"^\s*\d{1,2}\s?[xX×]?\s+(?=[^\W\d_])")


def _without_measure(text: str) -> str:
    """``Super E10 38,41 l``: the name without the quantity printed after it."""
    return _TRAILING_MEASURE_RE.sub("", text).strip() or text


_TRAILING_MEASURE_RE = re.compile(r"\s+\d+(?:[.,]\d+)?\s?(?:L|LTR|LITRES?|LITERS?|KG|G|GAL|LBS?)\.?\s*$", re.I)
_NUMBER_SPLIT_RE = re.compile(r"(?:^|\s)[@x*]?\s?[-$€£]?\d+(?:[.,]\d+)?(?=\s|$)")


# what a till prints between the subtotal and the total that no article is: taxes, tips, fees, cash back
_NOT_AFTER_SUBTOTAL = ("TAX", "TX", "TIP", "GRATUITY", "SURCHARGE", "CASH BACK", "CASHBACK", "SERVICE", "FEE") + _NOT_ITEM


def reductions_after_subtotal(doc: Doc, subtotal: tuple[int, Decimal], total: tuple[int, Decimal]) \
        -> tuple[LineItem, ...]:
    """Money taken off between the subtotal and the total (``ZWISCHENSUMME 10,48`` / ``COUPON RABATT
    -2,00`` / ``SUMME 8,48``), its minus printed: a coupon or discount on the whole basket, or an
    article's saving listed there by its name (Tesco's ``CLUBCARD PRICES`` / ``NESCAFE GOLD -£1.25``),
    with any article rung up there (``Tragetasche 0,20``), where such lines take the subtotal to the
    total; items of the receipt all the same. ``subtotal`` and ``total``: (line, amount)."""
    worded, named = [], []
    for line in doc.lines[subtotal[0] + 1:total[0]]:
        priced = [a for a in line.amounts if a.has_decimals]
        if len(priced) != 1 or not _named(line.text) or summary_line(line.text) or _skipped(line) \
                or has_keyword(line.text, ROUNDING + _NOT_AFTER_SUBTOTAL) and not _names_a_reduction(line.text):
            continue  # "Rundung -0,02": the cash rounded; not "TRADEPOINT CARD DISCOUNT -5.25"
        item = _item(line.text, priced, line.index)
        named.append(item)
        if item.amount < 0 and (_takes_money_off(item) or any(word in _COUPON_WORDS for word in _words(item.description))):
            worded.append(item)
    if any(item.amount < 0 for item in named) and subtotal[1] + _sum(tuple(named)) == total[1]:
        return tuple(named)  # with an article rung up after the subtotal ("TRAGETASCHE 0,30")
    return tuple(worded)


def reductions_under_a_first_total(doc: Doc, first: int, total: tuple[int, Decimal]) -> tuple[LineItem, ...]:
    """``TOTAL 52.50`` / ``TRADEPOINT CARD DISCOUNT -5.25`` / ``BALANCE DUE 47.25``: money taken off under the
    first total line (``first``), the one the items end at, where it takes that total to the one paid
    (``total``: its line and amount), as under a subtotal (``reductions_after_subtotal``); else none."""
    line = doc.lines[first]
    if not has_keyword(line.text, _ITEMS_END):
        return ()
    amount = value_after(doc, line, keyword_end(line.text, _ITEMS_END))
    if amount is None or amount.value <= total[1]:
        return ()
    # only money taken off by name (a discount, a coupon, empties): not a tender paid under the total
    # ("DEPOSIT PAID -200.00", "Anzahlung -300,00", "Wertgutschein -20,00", "CLUBCARD VOUCHER -5.00")
    reductions = tuple(item for item in reductions_after_subtotal(doc, (first, amount.value), total)
                       if item.amount < 0 and (_takes_money_off(item) or _names_a_reduction(item.description or "")))
    return reductions if reductions and amount.value + _sum(reductions) == total[1] else ()


def subtotal_among_items(items: tuple[LineItem, ...], subtotal: Decimal | None, tax: Decimal | None,
                         total: Decimal | None,
                         tip: Decimal | None = None) -> tuple[tuple[LineItem, ...], Decimal | None]:
    """``2 Dbl-Dbl 11.90`` / ``1 Shake Choc 3.75`` / ``Counter-Eat In 15.65`` / ``TAX 1.60`` / ``Amount Due
    17.25``: the last line read as an item is the subtotal under a label no till word names (the order's
    kind), where it costs what the items above it cost together and the tax brings it to the total. With
    no tax read, the lines after it read as items too where they bring it to the total (``Sbttal 28.00`` / ``Iax
    1.68`` over ``Ttai 29.68``: every label of the block garbled). A last line whose one word is a garbled
    SUBTOTAL (``ASUBTOAE``) needs no tax to bring it there (_garbled_subtotal_under). On a check the total paid
    may hold the ``tip`` too (``Subteran 80.94`` / ``TAX 7.69`` / ``Tip 13.29`` / ``Total Paid 101.92``)."""
    if subtotal is not None or total is None or len(items) < _ITEMS_UNDER_A_SUBTOTAL + 1:
        return items, subtotal
    paid = {total, total - tip} if tip else {total}
    for at in range(len(items) - 1, max(len(items) - 1 - _CHARGES_UNDER_A_SUBTOTAL, _ITEMS_UNDER_A_SUBTOTAL) - 1, -1):
        line, above, charges = items[at], items[:at], items[at + 1:]
        added = tax if tax is not None and not charges else _sum(charges) if tax is None and charges else None
        if line.amount is not None and line.quantity in (None, 1) and line.amount == _sum(above) \
                and (added is not None and line.amount + added in paid
                     or not charges and _garbled_subtotal_under(line, total)):
            return above, line.amount
    return items, subtotal


# one word: at most a stray glyph before SUBT, after it only what OCR makes of OTAL ("ASUBTOAE"; not a dish's
# "Sub Turkey", "Italian Sub Toasted")
_GARBLED_SUBTOTAL_RE = re.compile(r"^[A-Z]?SUBT[OTALIEC]{0,5}$")


def _garbled_subtotal_under(line: LineItem, total: Decimal) -> bool:
    """``ASUBTOAE 54.20``, the last line above the total, under items that cost 54.20 together: a subtotal's
    label whose SUBT OCR read (a stray glyph before it, the letters after it garbled), less than the total (two
    taxes, one of them not read)."""
    description = line.description or ""
    return line.amount < total and len(description.split()) == 1 \
        and bool(_GARBLED_SUBTOTAL_RE.match(_label_letters(description)))


_ITEMS_UNDER_A_SUBTOTAL = 2
_CHARGES_UNDER_A_SUBTOTAL = 2  # a tax and a charge (a service's, a bag's) whose labels came out garbled


def settle_discounts(items: tuple[LineItem, ...], targets: tuple[Decimal, ...]) -> tuple[LineItem, ...]:
    """Discount lines and empties handed back as reductions. Their amount is made negative; where the
    items still miss every target (the subtotal, the total: a VAT table's net ``Summe 0,27 3,91 4,18`` may
    be read for the subtotal), a coupon read positive is taken off, or a discount whose minus OCR read as a
    leading digit (``-3,62`` as ``33,62``) is read without it, but only if that makes the items add up
    exactly to one of them, the first they can."""
    items = tuple(replace(i, amount=-i.amount) if _takes_money_off(i) and i.amount > 0 else i for i in items)
    if not targets or _sum(items) in targets:
        return items
    for target in targets:
        if (flipped := _coupons_flipped(items, target)) is not None:
            return flipped
    for target in targets:
        if (noted := _savings_noted(items, target)) is not None:
            return noted
    for target in targets:
        for index, item in enumerate(items):
            digits = str(-item.amount)
            if _takes_money_off(item) and len(digits.split(".")[0]) >= 2:
                repaired = items[:index] + (replace(item, amount=-Decimal(digits[1:])),) + items[index + 1:]
                if _sum(repaired) == target:
                    return repaired
    return items


_MAX_COUPONS = 12  # coupons and savings read positive, tried together (4096 readings)
_SAVINGS_NOTE_WORDS = frozenset(fold(word) for word in ("SAVINGS", "SAVING", "SAVED", "SAVE", "ERSPARNIS"))


def _savings_noted(items: tuple[LineItem, ...], target: Decimal) -> tuple[LineItem, ...] | None:
    """The items without the one savings line read positive whose amount the sale price above it already took off
    (``NLP Savings $4.00`` under ``SNIP LEFT 9.97``: a note of the saving, no article), where the others add up to
    ``target`` exactly and taking it off does not; None where no such line or more than one would do."""
    noted = [index for index, item in enumerate(items) if item.amount > 0
             and any(word in _SAVINGS_NOTE_WORDS for word in _words(item.description or ""))
             and _sum(items) - item.amount == target]
    return items[:noted[0]] + items[noted[0] + 1:] if len(noted) == 1 else None


def _coupons_flipped(items: tuple[LineItem, ...], target: Decimal) -> tuple[LineItem, ...] | None:
    """The items with the fewest coupons and savings read positive (``MFR COUPON 1.50``, ``  Cc Clubcard Price
    0.85``: their minus lost) taken off that make them add up to ``target`` exactly; None where none do, or two
    sets as small do (nothing tells them apart)."""
    coupons = [index for index, item in enumerate(items) if item.amount > 0 and _names_a_coupon(item)]
    if len(coupons) > _MAX_COUPONS:
        return None
    gap = _sum(items) - target
    for size in range(1, len(coupons) + 1):
        hits = [chosen for chosen in combinations(coupons, size) if 2 * sum(items[i].amount for i in chosen) == gap]
        if len(hits) > 1:
            return None
        if hits:
            return tuple(replace(item, amount=-item.amount) if index in hits[0] else item
                         for index, item in enumerate(items))
    return None


# "CAFE REGULAR 25", "Zwiebeln rot '99", "PMPR SNSTV POUCH 18CT 57t": a price whose units and decimal
# separator OCR lost, its cents left at the end of the name (a tax class or flag after them, glued or
# not, in either case; not a size: "20 G", "33 CL"; FS: food stamps)
_CENTS_LEFT_RE = re.compile(r"\s['‘’`´,.]?(\d{2})(?:\s?(?:[A-FH-KM-Z*]|FS|TX|NT))?\s*$", re.IGNORECASE)
_MAX_LOST_UNITS = 9  # one digit lost before the separator
# "Fideua Mixta 2 17 00", "Big Mac XL 60 00 60": a price whose separator OCR read as a space, beside a
# currency sign read as a digit or a column cut short, which the amount parser leaves alone; every
# such pair of a line is one reading (they overlap: "2 17" and "17 00"); so is one whose separator
# came out as specks of punctuation (`27 ." 90`, `1, ,38*B`); a speck may close the line after the cents
# ("1 Cheesecake 7 50;")
_SPECKS = re.escape(".,'\"`‘’´:;_")  # "40 _ 47": an underscore too
_SPACED_PRICE_RE = re.compile(
    rf"(?<!\S)(?=(\d{{1,3}})(?: |\s?[{_SPECKS}][\s{_SPECKS}]{{0,2}}?\s?)(\d{{2}})(?:\s|\*?[A-Z]?[;,.]?$))")
# "1 Coke 2275": the point lost, the last two digits the cents (a sign may lead, or the point came out
# a digit: "Cheesecake 7450" for 7.50, or both: "3 Pad Thai 441485" for $41.85); "Caesar Salad 9-50",
# "cheesecake 7e50", "Lasagna 35.+98": the point read as one or two other glyphs, or as a digit and a glyph
# ("Clam Chowder 71+25"; not a clock's colon, a date's slash, a percentage or a size's x; a star is a point of
# its own: _MISREAD_PRICE_RE)
_POINT_LOST_RE = re.compile(r"(?<=\s)[$£€]?(\d{1,4})(\d{2})(?:\s?[A-Z*])?\s*$")
_SIGN_AND_POINT_DIGITS = 4  # units this long: a sign read as a digit before them, the point as one after
_GLYPH_POINT_RE = re.compile(r"(?<=\s)(\d{1,3})[^\d\s:/%xX×*]{1,2}(\d{2})(?:\s?[A-Z*])?\s*$")
# ... a mark for the point, no letter ("14-50", "14+50"; not "Room 2B14")
_MARK_POINT_RE = re.compile(r"(?<=\s)(\d{1,3})[^\w\s:/%×*]{1,2}(\d{2})(?:\s?[A-Z*])?\s*$")
# "BACON ROLL £2:50", "LATTE REGULAR 3:55": a price closing a named line, its point read as a colon (a clock's
# shape, which the amount parser leaves alone; "1 Margarita 9 :00": a speck before it), its pound sign maybe
# read as a digit ("62:50")
_COLON_POINT_RE = re.compile(r"(?<=\s)[£$€]?(\d{1,3})\s?:\s?(\d{2})\s*$")
# "Pall Mall Red XXL 1O,OO": a price closing a named line, its zeros read as O's, too few digits left for the
# amount parser (not a size, "1O OZ", "2OO ML", nor a name's "ZOO")
_ZEROS_AS_O_RE = re.compile(r"(?<=\s)(?=[\dOo]*\d)([\dOo]{1,4})[.,]([\dOo]{2})(?:\s?[A-Z*])?\s*$")
_MAX_COMBINATIONS = 64  # readings of the lines tried together, at most


class _Reading(NamedTuple):
    """One reading of a line's lost price: its value, whether its units were lost, where its name ends."""
    line: Line
    value: Decimal
    units_lost: bool
    cut: int


def with_short_named_items(items: tuple[LineItem, ...], doc: Doc, end: int,
                           subtotal: Decimal | None) -> tuple[LineItem, ...]:
    """Priced lines under the first item named by words of one or two letters only (``OJ Lg 4.79``, ``OJ 4.79``),
    none a price line's mark (``TX``, ``EA``): items, all of them together, where the items then make the
    subtotal and do not without them."""
    if not items or subtotal is None or _sum(items) == subtotal:
        return items
    used = {item.line_index for item in items}
    first = min((index for index in used if index is not None), default=end)
    found = tuple(_item(line.text, priced, line.index) for line in doc.lines[first + 1:end]
                  if line.index not in used and not _skipped(line) and (priced := _priced(line))
                  and _letters_short_name(line.text[:priced[0].start]))
    if not found or _sum(items + found) != subtotal:
        return items
    return tuple(sorted(items + found, key=lambda item: item.line_index or 0))


_SHORT_WORD_RE = re.compile(r"[^\W\d_]{1,2}")


def _letters_short_name(text: str) -> bool:
    """Words of one or two letters alone, two letters at least, none a price line's mark (``OJ Lg``, not
    ``TX``, ``1 EA``)."""
    words = text.split()
    return letters(text) >= 2 and all(_SHORT_WORD_RE.fullmatch(word) and word.upper() not in _PRICE_LINE_WORDS
                                      for word in words)


def fill_lost_prices(items: tuple[LineItem, ...], doc: Doc, start: int, end: int,
                     targets: tuple[Decimal, ...]) -> tuple[LineItem, ...]:
    """Items whose price OCR garbled, found by the receipt's arithmetic: named lines in
    ``[start, end)`` that gave no item because their price lost its units and separator
    (``CAFE REGULAR 25`` for 1,25, ``TOMATE FRITO 65`` for 0,65) or its separator alone
    (``Fideua Mixta 2 17 00`` for 17,00: each pair of numbers a reading, the line maybe no item), and
    a name printed over its priced twin (``REUTILIZABLE DIA`` / ``REUTILIZABLE DIA 0,05``: one line per
    article bought, one price lost). All of them together, and only where they make the items hit a
    target exactly: with their cents alone, or with the units one such line lost (a single digit)."""
    if not items or not targets or _sum(items) in targets:
        return items
    for variant in _code_apart(items, doc):
        if variant is not items and _sum(variant) in targets:
            return variant
        if (filled := _fill(variant, doc, start, end, targets)) is not None:
            return filled
    return items


def _fill(items: tuple[LineItem, ...], doc: Doc, start: int, end: int,
          targets: tuple[Decimal, ...]) -> tuple[LineItem, ...] | None:
    """``items`` with the lost prices of ``fill_lost_prices`` where they hit a target, else None."""
    used = {item.line_index for item in items}
    by_line = {item.line_index: item for item in items}
    choices: list[list[_Reading | None]] = []  # per line, the readings of its price
    twins: list[tuple[Line, LineItem]] = []
    class_digits = _class_digits(doc.lines[start:end])
    for line in doc.lines[start:end]:
        if line.index in used or _skipped(line) or not _named(line.text) \
                or re.search(r"[:#]", _COLON_POINT_RE.sub("", line.text)):
            continue
        if readings := _lost_price_readings(_without_class_digit(line, class_digits)):
            choices.append(readings)
        elif not any(ch.isdigit() for ch in line.text):
            twin = next((by_line[i] for i in (line.index + 1, line.index - 1) if i in by_line
                         and _same_name(by_line[i].description, line.text)), None)
            if twin is not None:
                twins.append((line, twin))
    if not choices and not twins:
        return None
    if prod(len(readings) for readings in choices) > _MAX_COMBINATIONS:  # the cents alone, as read first
        choices = [readings[:1] for readings in choices if readings[0] is not None]
    known = sum((twin.amount for _, twin in twins), Decimal(0))
    for target in targets:
        for chosen in product(*choices):
            readings = [reading for reading in chosen if reading is not None]
            units = target - _sum(items) - known - sum((reading.value for reading in readings), Decimal(0))
            lost = _lost_units(readings, units)
            if lost is not None:
                found = [LineItem(description=_without_count(r.line.text[:r.cut]).strip(" .:*-'"),
                                  amount=r.value + added, line_index=r.line.index) for r, added in zip(readings, lost)]
                found += [replace(twin, line_index=line.index, description=squash_spaces(line.text))
                          for line, twin in twins]
                return tuple(sorted(items + tuple(found), key=lambda item: item.line_index or 0))
    return None


# dm's and Rossmann's tax class, a digit after the price ("dmBio Haferflocken 0,95  2"), or a discounter's A or B
# that OCR read as a 4, 8, 6 or 0 ("Cola 0,79 8")
_CLASS_DIGIT_RE = re.compile(r"(?<=\d)\s+\d\s*$")
_PRICE_THEN_CLASS_DIGIT_RE = re.compile(r"\d[.,]\d{2}\s+\d\s*$")
_PRICE_THEN_CLASS_LETTER_RE = re.compile(r"\d[.,]\d{2}\s?\*?[AB]\s*$")
_CLASS_DIGIT_SEEN = 2  # priced lines ending in the same digit: the receipt's class as OCR reads it


def _classes_printed_as_digits(lines: Sequence[Line]) -> bool:
    """Most of the priced lines end in a tax class after the price, some of them (all but letters A and B) in a
    digit: printed so (``0,95  2``) or a letter OCR read as one (``Kaffee 4,99 4``, ``Cola 0,79 8``)."""
    priced = [clean_numbers(line.text) for line in lines if _priced(line)]
    as_digits = sum(bool(_PRICE_THEN_CLASS_DIGIT_RE.search(text)) for text in priced)
    as_letters = sum(bool(_PRICE_THEN_CLASS_LETTER_RE.search(text)) for text in priced)
    return bool(as_digits) and 2 * (as_digits + as_letters) > len(priced)


def _class_digits(lines: Sequence[Line]) -> str:
    """The digits a tax class stands as after the prices: any, where most priced lines print one
    (_classes_printed_as_digits); else each digit two priced lines or more end in (``WATTEPADS 1,70 4``,
    ``Aktionsrabatt 0,34 4``: class A read as a 4), which OCR may have read so after a price it garbled too."""
    if _classes_printed_as_digits(lines):
        return "0123456789"
    ends = [text.rstrip()[-1] for line in lines
            if _priced(line) and _PRICE_THEN_CLASS_DIGIT_RE.search(text := clean_numbers(line.text))]
    return "".join(digit for digit in set(ends) if ends.count(digit) >= _CLASS_DIGIT_SEEN)


def _without_class_digit(line: Line, digits: str) -> Line:
    """``Ebelin Wattepads 2x80 295  1``, ``SHAMPOO REPAIR 245 4``: the line without the class digit after its
    price (here one whose comma OCR lost), where it is one of the ``digits`` the receipt prints its classes as."""
    digit = _CLASS_DIGIT_RE.search(line.text)
    return replace(line, text=line.text[:digit.start()]) if digit and digit[0].strip() in digits else line


def _lost_units(readings: list[_Reading], units: Decimal) -> list[Decimal] | None:
    """The units each reading lost, where ``units`` (what the items still miss) says it without
    doubt: none; all of it on the one reading that lost its units (a single digit); or a 1 on each
    of two or more that did, the thin ``1`` with its separator being the glyphs OCR drops (``Dill
    '39``, ``Zwiebeln rot '99`` for 1,39 and 1,99). None where it cannot."""
    lost_units = [reading.units_lost for reading in readings]
    if units == 0:
        return [Decimal(0)] * len(readings)
    if units % 1 or units < 0:
        return None
    if lost_units == [True] and units <= _MAX_LOST_UNITS:
        return [units]
    if sum(lost_units) >= 2 and units == sum(lost_units):
        return [Decimal(int(lost)) for lost in lost_units]
    return None


# "FLR, UNBLCHD 1737 59 FS": a product code printed before a price of cents alone whose point OCR lost
# (.59), read as one price (1737,59)
_CODE_AND_CENTS_RE = re.compile(r"(?<![\d.,])(\d{4}) (\d{2})(?!\S)")


def _code_apart(items: tuple[LineItem, ...], doc: Doc) -> list[tuple[LineItem, ...]]:
    """The items as read, then, where some price joins a four-digit product code to the cents after it
    (``FLR, UNBLCHD 1737 59 FS``), with all of those read as the cents alone (0,59)."""
    apart = tuple(replace(item, amount=cents, unit_price=None) if (cents := _cents_after_code(item, doc)) is not None
                  else item for item in items)
    return [items, apart] if apart != items else [items]


def _cents_after_code(item: LineItem, doc: Doc) -> Decimal | None:
    if item.line_index is None or item.line_index >= len(doc.lines) or item.amount is None or item.amount < 1000:
        return None
    for match in _CODE_AND_CENTS_RE.finditer(doc.lines[item.line_index].text):
        if Decimal(f"{match[1]}.{match[2]}") == item.amount:
            return Decimal(f"0.{match[2]}")
    return None


def _lost_price_readings(line: Line) -> list[_Reading | None]:
    """The readings of a named line's price that the amount parser could not read: its cents left
    (``CAFE REGULAR 25``: the line must be an item), then each pair of numbers split by a space
    (``Fideua Mixta 2 17 00``: 2,17 or 17,00, its units printed; with no cents left alone, maybe no
    price at all); a price whose point a blurred photo lost (``1 Coke 2275``: 22,75, or 2,75 its
    sign read as a digit), or read as a colon (``BACON ROLL 62:50``: 62.50, or 2.50, the clock's shape maybe no
    price at all); a price whose zeros came out O's (``Pall Mall Red XXL 1O,OO``); a price whose tax class 1 OCR
    read as an L at the line's end, taken for litres (``Arbeitshandschuhe 3,95 L``)."""
    if line.amounts and all(amount.measure for amount in line.amounts) and line.amounts[-1].in_cents \
            and _LITRES_FOR_CLASS_RE.search(line.text):
        return [_Reading(line, line.amounts[-1].value, False, line.amounts[-1].start), None]
    if line.amounts and not _whole_after_a_sign(line):
        return []
    pairs = [pair for pair in _SPACED_PRICE_RE.finditer(line.text)
             if _named(line.text[:pair.start(1)]) and re.fullmatch(r"0|[1-9]\d*", pair.group(1))]  # not "00 60"
    readings: list[_Reading | None] = [
        _Reading(line, Decimal(f"{pair.group(1)}.{pair.group(2)}"), False, pair.start(1)) for pair in pairs]
    glued = _POINT_LOST_RE.search(line.text)
    if glued and _named(line.text[:glued.start()]) and not pairs:
        units, cents = glued.group(1), glued.group(2)
        readings += [_Reading(line, Decimal(f"{whole}.{cents}"), False, glued.start())
                     for whole in _point_lost_wholes(units)]
    glyph = _GLYPH_POINT_RE.search(line.text)
    if glyph and _named(line.text[:glyph.start()]) and not pairs:
        readings += [_Reading(line, Decimal(f"{whole}.{glyph.group(2)}"), False, glyph.start())
                     for whole in _glyph_point_wholes(glyph.group(1))]
    zeros = _ZEROS_AS_O_RE.search(line.text)
    if zeros and _named(line.text[:zeros.start()]):
        readings.append(_Reading(line, _zeros_read(zeros), False, zeros.start()))
    colon = _COLON_POINT_RE.search(line.text)
    if colon and _named(line.text[:colon.start()]):
        readings += [_Reading(line, Decimal(f"{whole}.{colon.group(2)}"), False, colon.start())
                     for whole in dict.fromkeys((colon.group(1), colon.group(1)[1:] or colon.group(1)))]
    left = _CENTS_LEFT_RE.search(line.text)
    if left is None or not _named(line.text[:left.start()]) or any(pair.end(2) == left.end(1) for pair in pairs):
        return readings + [None] if readings else []
    return [_Reading(line, Decimal(f"0.{left.group(1)}"), True, left.start()), *readings]


def with_unconfirmed_lost_prices(items: tuple[LineItem, ...], doc: Doc, start: int, end: int,
                                 targets: tuple[Decimal, ...], tax: Decimal | None = None) -> tuple[LineItem, ...]:
    """A restaurant check's dishes whose price a blurred photo garbled past any reading the bill confirms (``2
    Lasagna 3598``, ``Onion Rings 15499``: the point lost or read as a digit, a sign read as one; the items miss
    every target however such prices are read, ``fill_lost_prices`` found none): items still, at the likeliest
    reading, where a check's header or tip line says a restaurant's: a named line in ``[start, end)`` closing in
    the digits alone, opening with a count (``1 Coke 275``, anywhere among the items) or set under the first item
    read, above the last (not a check's header, ``Guests; Check 271817``; not ``Loyalty Points 125`` under the
    last dish), where the items then cost no more than the bill (one under the last item read only where the
    items then make the bill exactly, with or without the tax: not ``1 Loyalty Points 125``): a reading that
    makes them cost more gives way to the next likeliest (``Draft Beer 6250`` on a check of 59.49: 6.50, its
    point read as a digit). An item priced over the whole bill is misread itself (``Ribeye Steak 228.00`` on
    80.57) and counts for nothing."""
    if not items or _sum(items) in targets or not _restaurant_check(doc):
        return items
    used = {item.line_index for item in items if item.line_index is not None}
    if not used:
        return items
    dishes = [dish for line in doc.lines[start:end] if line.index not in used
              and (dish := _unconfirmed_dish(line, below_an_item=min(used) < line.index,
                                             above_the_last=line.index < max(used)))]
    if not dishes or prod(len(readings) for readings in dishes) > _MAX_COMBINATIONS:
        return items
    bill = max(targets, default=None)
    within = tuple(item for item in items if bill is None or item.amount <= bill)  # over it: misread itself
    exactly, last = {*targets, *(target - tax for target in targets if tax)}, max(used)
    found = next((chosen for chosen in product(*dishes) if _fits_the_bill(
        within + chosen, bill, exactly, under_the_last=any((dish.line_index or 0) > last for dish in chosen))), None)
    if found is None:
        return items
    return tuple(sorted(items + found, key=lambda item: item.line_index or 0))


def _fits_the_bill(items: tuple[LineItem, ...], bill: Decimal | None, exactly: set[Decimal],
                   under_the_last: bool) -> bool:
    """The items cost no more than the bill; with a dish read under the last item, they make it exactly."""
    if under_the_last:
        return _sum(items) in exactly
    return bill is None or _sum(items) <= bill


_TIP_WORDS = ("TIP", "GRATUITY", "GRAT")


def _restaurant_check(doc: Doc) -> bool:
    """A check's header line (``Server: Kim``, ``Table 14``) or a tip's (``Tip:``, ``Auto Grat 18%``)."""
    return any(_check_header(line.text) or has_keyword(line.text, _TIP_WORDS) for line in doc.lines)


def _unconfirmed_dish(line: Line, below_an_item: bool, above_the_last: bool) -> list[LineItem]:
    """The readings of ``2 Lasagna 3598``, likeliest first: two lasagnas at 35.98 (or 3.98, the point read as a
    digit: ``Draft Beer 6250`` for 6.50); ``Onion Rings 15499`` (under an item) as onion rings at 5.99 (or 15.99,
    the point alone read as a digit): the last two digits the cents, three units or more a sign and a point read
    as digits about them; ``2 Clam Chowder 14-50``, ``14+50``: the point read as a mark, the units as printed,
    only on a counted dish (not ``Spice Level 1-10`` under one). A line under the last item must open with a
    count, its digits no zero-padded number (``2 Bags 0010``). No reading where the line is no dish."""
    glued = _POINT_LOST_RE.search(line.text)
    price = glued or _MARK_POINT_RE.search(line.text)
    if price is None or line.amounts or _skipped(line) or _check_header(line.text) or re.search(r"[:#]", line.text) \
            or not _named(line.text[:price.start()]):
        return []
    counted = _LEADING_QTY_RE.match(line.text)
    if counted is None and not glued:
        return []  # a mark for the point only on a counted dish (not "Spice Level 1-10")
    units = price.group(1)
    if not (below_an_item and above_the_last) and (counted is None or not above_the_last and units[0] == "0"):
        return []
    return [LineItem(description=_without_count(line.text[:price.start()]).strip(" .:*-'"),
                     amount=Decimal(f"{whole}.{price.group(2)}"), line_index=line.index,
                     quantity=Decimal(counted.group(1)) if counted else None)
            for whole in dict.fromkeys(_unconfirmed_wholes(units, glued=bool(glued))) if whole]


def _unconfirmed_wholes(units: str, glued: bool) -> list[str]:
    """The units of an unconfirmed dish's price, likeliest first: with the point lost, three digits or more a
    sign and a point read as digits about them (``15499``: 5), else as printed, then the point alone read as a
    digit (15, ``6250``: 6); with the point read as a glyph, as printed, then a sign read as a digit before
    three (``723+50``: 23)."""
    if glued:
        return [units[1:-1], units[:-1]] if len(units) > 2 else [units, units[:-1]]
    return [units, units[1:]] if len(units) > 2 else [units]


def _point_lost_wholes(units: str) -> list[str]:
    """The units of a price whose point OCR lost (``2275``: 22, or 2 with a sign read as a digit, or 2 with
    the point read as one); four digits are a sign and a point both read as digits (``441485``: 41)."""
    if len(units) == _SIGN_AND_POINT_DIGITS:
        return [units[1:-1]]
    return list(dict.fromkeys((units, units[1:] or "0", units[:-1] or units)))


def _glyph_point_wholes(units: str) -> list[str]:
    """The units of a price whose point OCR read as other glyphs (``Caesar Salad 9-50``: 9), or as a digit and a
    glyph (``Clam Chowder 71+25``: 7)."""
    return [units, units[:-1]] if len(units) > 1 else [units]


def _zeros_read(match: re.Match[str]) -> Decimal:
    return Decimal(f"{match[1]}.{match[2]}".translate(_O_AS_ZERO))


_O_AS_ZERO = str.maketrans("Oo", "00")


def _whole_after_a_sign(line: Line) -> bool:
    """The line's one amount a whole number of three digits or more after a currency sign, closing the line
    (``Tonkotsu Original $1150``): a price whose point was lost, as ``1150`` alone is."""
    return len(line.amounts) == 1 and line.amounts[0].currency is not None and not line.amounts[0].has_decimals \
        and line.amounts[0].value >= 100 and bool(_POINT_LOST_RE.search(line.text))


_LITRES_FOR_CLASS_RE = re.compile(r"\d[.,]\d{2}\s[Ll]\s*$")


def _same_name(description: str, text: str) -> bool:
    return squash_spaces(fold(description)) == squash_spaces(fold(text))


def fit_to(items: tuple[LineItem, ...], targets: tuple[Decimal, ...], read: Doc | None = None,
           printed: Doc | None = None) -> tuple[LineItem, ...]:
    """Items whose sum misses every target (subtotal, total, ...): the prices whose first digit was a
    currency sign read as a digit (``$3.95`` as ``83.95``, on several lines of a phone photo), or
    whose first digit the receipt's reading took for one (``read``, the lines as
    ``parse.agreement`` read them, against ``printed``, as OCR gave them: ``56.00`` is a price, not
    ``$6.00``), are settled by the sum (``_sign_digits_settled``); so is a line total OCR misread
    where its count times its unit price (``2x Weissbier 3,30 26,40``: 6,60) makes the sum hit
    one; so does a run of items read twice at the seam of two photos (``_seam_repeat_dropped``), and so do notes
    on an item's price (``_price_notes_dropped``); else, where the first ``k`` items hit one exactly,
    the lines after those were no items (a garbled total or tax label)."""
    if not items or not targets or _sum(items) in targets:
        return items
    if (weighed := _weighed_first_digit_settled(items, targets)) is not None:
        return weighed
    if (signed := _sign_digits_settled(items, targets, read, printed)) is not None:
        return signed
    if (counted := _by_count_times_price(items, targets)) is not None:
        return counted
    if (once := _seam_repeat_dropped(items, targets, read)) is not None:
        return once
    if (paid := _price_notes_dropped(items, targets)) is not None:
        return paid
    if (starred := _starred_minus_settled(items, targets, read)) is not None:
        return starred
    running, fitting = Decimal(0), len(items)
    for k, item in enumerate(items[:-1], start=1):
        running += item.amount or 0
        if running in targets:
            fitting = k
    return items[:fitting]


_FREE_WORDS = ("BOGO", "B1G1", "FREE")


def _unpriced_saving_among(items: tuple[LineItem, ...], read: Doc | None) -> bool:
    """A line among the items' lines naming a saving (``BOGO FREE``, ``MFR COUPON``) with no amount read."""
    indices = [item.line_index for item in items if item.line_index is not None]
    if read is None or not indices:
        return False
    return any(not line.amounts and (has_keyword(line.text, DISCOUNT_WORDS) or has_keyword(line.text, _FREE_WORDS))
               for line in read.lines[min(indices):max(indices) + 2])


def _seam_repeat_dropped(items: tuple[LineItem, ...], targets: tuple[Decimal, ...],
                         read: Doc | None = None) -> tuple[LineItem, ...] | None:
    """A receipt photographed in two overlapping halves: a run of items read again right after itself (``DORITOS
    4.98`` / ``GV BUTTER 4.12`` / ``DORITOS 4.98`` / ``GV BUTTER 4.12``), the items over a target by exactly what
    the run costs, is read once (not an item bought twice that the subtotal counts twice); None where none is."""
    if _unpriced_saving_among(items, read):
        return None  # "BANQUET MEAL 1.25" twice over "BOGO FREE": a saving OCR read no amount of, no seam
    over = {_sum(items) - target for target in targets}
    for size in range(1, len(items) // 2 + 1):
        for start in range(len(items) - 2 * size + 1):
            run, again = items[start:start + size], items[start + size:start + 2 * size]
            if _sum(run) > 0 and _sum(run) in over and all(map(_read_again, run, again)):
                return items[:start + size] + items[start + 2 * size:]
    return None


def _price_notes_dropped(items: tuple[LineItem, ...], targets: tuple[Decimal, ...]) -> tuple[LineItem, ...] | None:
    """The items without the notes under an item on its price, dearer than it and printed with no minus: what it
    cost before (``NYQUIL 14.99`` / ``REG 16.99``, Kohl's ``REG 24.00 SALE 40% OFF``) or what a saving came to (a
    pharmacy's ``INSURANCE SAVINGS 12.48`` under a prescription's ``10.00`` copay: nothing taken off it), where
    they then hit a target (all of them, else one); None where they do not (a fuel grade, ``REG 30.00``, bought
    beside a car wash; a saving whose minus OCR lost is taken off by ``settle_discounts``)."""
    notes = [index for index, (above, item) in enumerate(zip(items, items[1:]), start=1)
             if _dearer_right_under(above, item) and _price_note(item.description or "")]
    for chosen in ([notes] if len(notes) > 1 else []) + [[index] for index in notes]:
        kept = tuple(item for index, item in enumerate(items) if index not in chosen)
        if _sum(kept) in targets:
            return kept
    return None


def _weighed_first_digit_settled(items: tuple[LineItem, ...],
                                 targets: tuple[Decimal, ...]) -> tuple[LineItem, ...] | None:
    """Weighed items whose printed amount slipped a first digit from what their weight makes (``22,34`` over
    ``0,781 kg X 2,99``) take that where the items then hit a target; None where they do not (``AEPFEL 3,58 A``
    over ``1,000 kg X 2,58`` under a SUMME that the 3,58 makes)."""
    slipped = [k for k, item in enumerate(items) if item.amount is not None and item.quantity is not None
               and item.unit_price is not None and _weighed_differently(item)]
    if not slipped:
        return None
    mended = tuple(replace(item, amount=_made(item.quantity, item.unit_price))
                   if k in slipped else item for k, item in enumerate(items))
    return mended if _sum(mended) in targets else None


def _weighed_differently(item: LineItem) -> bool:
    as_weighed = _leading_digit_mended(replace(item, quantity=None), (item.quantity, item.unit_price))
    return as_weighed.amount != item.amount


# "Spaghetti 0,89-B": the star between a price and its tax class read as a minus
_STAR_AS_MINUS_RE = re.compile(r"\d[.,]\d{2}\s?-\s?[A-Z]\s*$")


def _starred_minus_settled(items: tuple[LineItem, ...], targets: tuple[Decimal, ...],
                           read: Doc | None) -> tuple[LineItem, ...] | None:
    """The items with the minus of ``0,89-B`` (``2,29 -A``) taken for the star before a tax class that
    it is (``0,89*B``), where they then hit a target (all such prices, else one); None where they do not
    (``Leergut 0,25-B``: money paid back)."""
    if read is None:
        return None
    starred = [index for index, item in enumerate(items) if item.amount is not None and item.amount < 0
               and item.line_index is not None and _STAR_AS_MINUS_RE.search(read.lines[item.line_index].text)]
    for chosen in ([starred] if len(starred) > 1 else []) + [[index] for index in starred]:
        signed = tuple(replace(item, amount=-item.amount) if index in chosen else item
                       for index, item in enumerate(items))
        if _sum(signed) in targets:
            return signed
    return None


# a reference price's words (``REG``, ``LIST``, ``WAS``, ``ORIG``), maybe the sale's terms after them
_REFERENCE_PRICE_WORDS = frozenset(fold(word) for word in ("REG", "LIST", "WAS", "ORIG"))
_SALE_TERMS = frozenset(fold(word) for word in ("SALE", "NOW", "OFF", "CLEARANCE", "CLR"))


def _price_note(description: str) -> bool:
    """``REG``, ``REG SALE 40% OFF``, ``INSURANCE SAVINGS``: a reference price's words alone (not ``REGULAR
    COFFEE``, ``REG UNLEADED``), or a saving named."""
    words = _words(description)
    return bool(words) and words[0] in _REFERENCE_PRICE_WORDS and set(words[1:]) <= _SALE_TERMS \
        or has_keyword(description, _SAVINGS_WORDS)


def _dearer_right_under(above: LineItem, item: LineItem) -> bool:
    """``item`` is printed right under ``above``, positive and dearer than it."""
    return None not in (above.amount, item.amount, above.line_index, item.line_index) \
        and item.line_index == above.line_index + 1 and item.amount > max(above.amount, Decimal(0))


def _read_again(item: LineItem, again: LineItem) -> bool:
    """The same line read twice: its name (through OCR look-alikes), count and price."""
    return (fold(item.description or ""), item.quantity, item.amount) \
        == (fold(again.description or ""), again.quantity, again.amount)


def _by_count_times_price(items: tuple[LineItem, ...], targets: tuple[Decimal, ...]) -> tuple[LineItem, ...] | None:
    """The items with the amounts their count and unit price make, where a printed amount disagrees:
    all of them, else one, if that makes the sum hit a target."""
    wrong = [index for index, item in enumerate(items) if item.quantity and item.unit_price is not None
             and item.amount is not None and item.quantity * item.unit_price != item.amount]
    for chosen in ([wrong] if len(wrong) > 1 else []) + [[index] for index in wrong]:
        repaired = tuple(replace(item, amount=to_cents(item.quantity * item.unit_price)) if index in chosen else item
                         for index, item in enumerate(items))
        if _sum(repaired) in targets:
            return repaired
    return None


_MAX_SIGN_CHOICES = 12  # prices that may carry a sign read as a digit, tried together (4096 readings)


def _sign_digits_settled(items: tuple[LineItem, ...], targets: tuple[Decimal, ...], read: Doc | None,
                         printed: Doc | None) -> tuple[LineItem, ...] | None:
    """The items with the fewest prices read the other way (leading digit dropped as a sign, or given
    back where the receipt's reading dropped it) that make their sum hit a target exactly; None where
    no such reading is, or two readings with as few changes hit one (nothing tells them apart)."""
    choices = [(index, other) for index, item in enumerate(items) for other in _other_readings(item, read, printed)]
    if not choices or len(choices) > _MAX_SIGN_CHOICES:
        return None
    gap = {target - _sum(items) for target in targets}
    for changes in range(1, len(choices) + 1):
        hits = [chosen for chosen in combinations(choices, changes)
                if len({index for index, _ in chosen}) == changes
                and sum(other - items[index].amount for index, other in chosen) in gap]
        if len(hits) > 1:
            return None
        if hits:
            read_as = dict(hits[0])
            return tuple(_priced_at(item, read_as[index]) if index in read_as else item
                         for index, item in enumerate(items))
    return None


def _other_readings(item: LineItem, read: Doc | None, printed: Doc | None) -> list[Decimal]:
    """The item's price without a leading digit that may be a sign (``83.95`` -> ``3.95``), and with
    the digit the receipt's reading dropped from its line given back (``6.00`` printed ``56.00``;
    with a priced modifier merged in, ``7.00`` becomes ``57.00``)."""
    if item.amount is None or item.amount <= 0:
        return []
    index = item.line_index
    line = printed.lines[index] if printed is not None and index is not None and index < len(printed.lines) else None
    # "PASTA PENNE S54.54": its $ read as the S, its 5 is its own
    sign_read = (item.description or "").rsplit(" ", 1)[-1] in _SIGN_LOOKALIKES \
        or line is not None and _SIGN_GLUED_RE.search(line.text) is not None
    dropped = None if sign_read else sign_digit_dropped(item.amount, PRICE_SIGN_DIGITS)
    others = [dropped] if dropped is not None else []
    if read is not None and line is not None:
        others += [item.amount + as_printed.value - as_read.value
                   for as_read, as_printed in zip(read.lines[index].amounts, printed.lines[index].amounts)
                   if as_read.value != as_printed.value]
    return others


_SIGN_LOOKALIKES = ("S", "s", "$")  # a "$" OCR read as a letter, left at the end of the item's name
_SIGN_GLUED_RE = re.compile(r"(?<![\w.,])[Ss$]\d")  # ... or glued to the price on its line


def _priced_at(item: LineItem, amount: Decimal) -> LineItem:
    unit_price = amount if item.unit_price == item.amount or item.quantity == 1 else None
    return replace(item, amount=amount, unit_price=unit_price)


def _takes_money_off(item: LineItem) -> bool:
    """A discount (``Rabatt``, ``Preisvortei]``: its words read through OCR look-alikes) or empties
    handed back (``Leergut``, ``Pfandrückgabe``)."""
    description = item.description or ""
    words = _mended(_words(description), _DISCOUNT_WORDS)
    if words and all(word in _DISCOUNT_WORDS or word.endswith(_DISCOUNT_ENDINGS) for word in words):
        return True
    if len(words) > 1 and "".join(words).endswith(_DISCOUNT_ENDINGS):  # "Aktions rabatt": a compound OCR split
        return True
    if _comped(words):
        return True
    return _opens_with_a_return_word(description)


# a return word this long may have one letter misread (``Pfandruckoabe``, ``Leergutbom``); not LEERGUT, RETOUR
_SLIPPED_RETURN_LETTERS = 10
_SLIP_PRONE_RETURN_WORDS = frozenset(fold(spelling.replace(" ", "")) for word in _RETURN_WORDS
                                     for spelling in (word, word.replace("Ü", "U"))
                                     if len(spelling.replace(" ", "")) >= _SLIPPED_RETURN_LETTERS)


def _opens_with_a_return_word(description: str) -> bool:
    """The line opens with a word of empties handed back, read right or, a long one, one letter off."""
    found = find_keyword(_inner_digits_as_letters(description), _RETURN_WORDS)
    if found is not None:
        return found[1] <= 1
    words = _words(description)
    return bool(words) and any(one_letter_off(words[0], word) for word in _SLIP_PRONE_RETURN_WORDS)


_SLIPPED_DISCOUNT_LETTERS = 6  # a discount's word this long may have one letter misread (``Coupen``); not PROMO


def _discount_word(word: str) -> bool:
    """A discount's word, read right or, a long one, one letter off (``Coupen``, ``Discaunt``)."""
    return known_word(word, _DISCOUNT_WORDS, _SLIPPED_DISCOUNT_LETTERS)


# a digit OCR read for a letter inside a word (``Leer9ut`` for Leergut, ``Pfandb0n``): a g as 9 or 6, an o as 0
_INNER_DIGIT_RE = re.compile(r"(?<=[^\W\d_])[05689](?=[^\W\d_])")
_INNER_DIGIT_AS_LETTER = str.maketrans("05689", "OSGBG")


def _inner_digits_as_letters(text: str) -> str:
    return _INNER_DIGIT_RE.sub(lambda digit: digit[0].translate(_INNER_DIGIT_AS_LETTER), text)


# a restaurant's reductions (``Comp Manager``, ``Mgr Comp``, ``Happy Hour``): lines of these words alone
_COMP_WORDS = frozenset(fold(word) for word in ("COMP", "COMPED", "MANAGER", "MGR", "HAPPY", "HOUR", "EMPLOYEE"))
_COMP_MARKS = frozenset(fold(word) for word in ("COMP", "COMPED", "HAPPY"))


def _comped(words: list[str]) -> bool:
    """Words of a comp or a happy hour only, each read right or one letter off (``Cowp Hanager``)."""
    known = [next((comp for comp in _COMP_WORDS if word == comp or one_letter_off(word, comp)), None)
             for word in words]
    return bool(words) and None not in known and bool(_COMP_MARKS & set(known))


def _names_a_coupon(item: LineItem) -> bool:
    """``MFR COUPON 2.00``, ``NECTAR PRICE SAVING 0.50``: a coupon or a saving named beside other words, its
    minus lost, or a minus read as a look-alike (``Happy Hour =S7.50``), or its long word one letter off
    (``Coupen 35. 00``; ``Viscount 9.00`` is a dish); only where the items then add up is it taken for one."""
    description = item.description or ""
    words = _words(description)
    return any(word in _COUPON_WORDS for word in words) or bool(words) and all(map(_discount_word, words)) \
        or bool(_SAVING_NAME_RE.search(fold(description))) or bool(_MINUS_LOOKALIKE_RE.search(description))


def _words(text: str) -> list[str]:
    """The folded words of ``text`` (two letters or more, punctuation around them dropped)."""
    return [word for word in (fold(token).strip(".:;,*-'") for token in re.findall(r"[^\W\d_]\S*", text))
            if len(word) >= 2]


def _mended(words: list[str], known: frozenset[str]) -> list[str]:
    """``words`` with a known word OCR split in two put together again (``SA VING``)."""
    mended: list[str] = []
    for word in words:
        if mended and mended[-1] not in known and word not in known and mended[-1] + word in known:
            mended[-1] += word
        else:
            mended.append(word)
    return mended


def _sum(items: tuple[LineItem, ...]) -> Decimal:
    return sum((item.amount for item in items if item.amount is not None), Decimal(0))


_MODIFIER_INDENT = 2.0  # characters a modifier is printed to the right of its item
_MODIFIER_GAP = 3  # lines a modifier may stand below its item (unpriced modifiers between)


def merge_modifiers(items: tuple[LineItem, ...], lines: Sequence[OcrLine]) -> tuple[LineItem, ...]:
    """A priced line indented under an item is part of it, not an item of its own: a
    restaurant's ``2 Cheeseburger 21.90`` / ``   Add Bacon 2.00`` is one cheeseburger line of
    23.90. ``lines`` are the OCR lines the items' indexes point into. Indented means to the right of the
    item and of where the item lines usually start: names printed right of a count column (``2 Roll Set``
    over ``Zaru Soba``), a photo taken at a slant, are no modifiers. An add-on marked as one (``+ Extra
    Shot 0.50``, ``ADD BACON 2.00``) is a modifier wherever OCR placed it. Money taken off (a discount,
    a coupon, empties handed back: ``  MFR CPN -1.00``) is an item of its own."""
    column = _usual_left(items, lines)
    merged: list[LineItem] = []
    for item in items:
        above = merged[-1] if merged else None
        if above is not None and item.quantity is None and item.amount is not None and above.amount is not None \
                and (0 <= item.amount or _opens_with_modifier_word(lines, item)) and abs(item.amount) < above.amount \
                and not _takes_money_off(item) and not _coded(lines, item) \
                and not has_keyword(item.description or "", _DEPOSITS) \
                and (_indented_under(lines, above, item, column) or _marked_under(lines, above, item)
                     or _worded_under(lines, above, item, column)):  # costs less
            merged[-1] = replace(above, description=f"{above.description}, {item.description.lstrip('+ ')}",
                                 amount=above.amount + item.amount, unit_price=None)
        else:
            merged.append(item)
    return tuple(merged)


# a drink's deposit set in under it ("  BOTTLE DEP 0.40", "  CRV 0.40", "  Pfand 0,25"): an item of its own
_DEPOSITS = ("DEPOSIT", "DEP", "CRV", "PFAND", "STATIEGELD", "EINWEG")
_MODIFIER_MARK_RE = re.compile(r"^\s*(?:\+|ADD\s)", re.IGNORECASE)
_ITEM_CODE_RE = re.compile(r"^\W*\d{5,}\s+[^\W\d_]")


def _coded(lines: Sequence[OcrLine], item: LineItem) -> bool:
    """``111222 KS WATER 40PK 4.49``: a line opening with an article number is an article of its own,
    however far right it starts (its tax flag column left empty)."""
    return item.line_index is not None and item.line_index < len(lines) \
        and bool(_ITEM_CODE_RE.match(lines[item.line_index].text))


def _marked_under(lines: Sequence[OcrLine], item: LineItem, modifier: LineItem) -> bool:
    return _within_reach(lines, item, modifier) and bool(_MODIFIER_MARK_RE.match(lines[modifier.line_index].text))


_MODIFIER_REACH = 8  # lines: a modifier under a run of unpriced ones (rice, beans, salsa) is still its item's


def _within_reach(lines: Sequence[OcrLine], item: LineItem, modifier: LineItem) -> bool:
    """The modifier stands a few lines under its item, or further down where every line between is
    set in under the item as a modifier is (``Burrito Bowl 11.45`` / ``White Rice`` / ``Black
    Beans`` / ``Salsa`` / ``Guacamole 2.95``)."""
    if item.line_index is None or modifier.line_index is None or modifier.line_index >= len(lines):
        return False
    gap = modifier.line_index - item.line_index
    if not 0 < gap <= _MODIFIER_REACH:
        return False
    top = lines[item.line_index]
    return gap <= _MODIFIER_GAP or top.box is not None and all(
        line.box is not None and (line.box[0] - top.box[0]) >= _MODIFIER_INDENT * _char_width(top)
        for line in lines[item.line_index + 1:modifier.line_index])


def _usual_left(items: tuple[LineItem, ...], lines: Sequence[OcrLine]) -> float | None:
    """The median left edge of the items' lines, leaving out those opening with a modifier's word (set in under
    their items: ``side ranch 0.75``, whose edge would move the items' own to the right)."""
    lefts = sorted(lines[i.line_index].box[0] for i in items
                   if i.line_index is not None and i.line_index < len(lines) and lines[i.line_index].box
                   and not _modifier_worded(lines[i.line_index].text))
    return lefts[len(lefts) // 2] if lefts else None


def _indented_under(lines: Sequence[OcrLine], item: LineItem, modifier: LineItem, column: float | None) -> bool:
    indent = _indent(lines, item, modifier, column)
    return indent is not None and indent >= _MODIFIER_INDENT \
        and not _in_name_column(lines[item.line_index], lines[modifier.line_index])


# the words a restaurant's modifier opens with (``side ranch 0.75``, ``extra cheese 1.00``, ``sub fries 2.00``)
_MODIFIER_WORDS = frozenset(fold(word) for word in ("EXTRA", "XTRA", "SIDE", "SUB", "NO", "ADD"))
_WORDED_INDENT = 0.75  # characters a modifier known by its word is set in at least (a slanted photo's slack)
_SLIPPED_MODIFIER_LETTERS = 5  # a modifier's word this long may have one letter misread (``extre``)


def _opens_with_modifier_word(lines: Sequence[OcrLine], item: LineItem) -> bool:
    """``  No Cheese -0.50``, ``  Sub Side Salad -1.00``: a modifier that costs less, not money taken off
    (``  MFR CPN -1.00``)."""
    return item.line_index is not None and item.line_index < len(lines) \
        and next(iter(_words(lines[item.line_index].text)), "") in _MODIFIER_WORDS \
        and not _MONEY_OFF_RE.search(lines[item.line_index].text)


_MONEY_OFF_RE = re.compile(r"%|\bOFF\b(?!-)", re.IGNORECASE)  # "EXTRA 15% OFF -10.43": money off, no modifier


def _worded_under(lines: Sequence[OcrLine], item: LineItem, modifier: LineItem, column: float | None) -> bool:
    """``2 Caesar Salad 19.00`` / `` sub fries 2.00``: a line opening with a modifier's word (or that word
    with one letter misread: ``extre cheese``), set in under an item by less than a modifier's usual
    indent (a photo taken at a slant moves the lines' edges)."""
    indent = _indent(lines, item, modifier, column)
    if indent is None or indent < _WORDED_INDENT or _in_name_column(lines[item.line_index], lines[modifier.line_index]):
        return False
    return _modifier_worded(lines[modifier.line_index].text)


def _modifier_worded(text: str) -> bool:
    """The line opens with a modifier's word, or that word with one letter misread (``extre cheese``)."""
    return known_word(next(iter(_words(text)), ""), _MODIFIER_WORDS, _SLIPPED_MODIFIER_LETTERS)


def _indent(lines: Sequence[OcrLine], item: LineItem, modifier: LineItem, column: float | None) -> float | None:
    """How many characters the modifier's line starts right of its item's (and of the items' usual left
    edge), where it stands a few lines under it."""
    if not _within_reach(lines, item, modifier):
        return None
    first, second = lines[item.line_index], lines[modifier.line_index]
    if first.box is None or second.box is None:
        return None
    left, width = max(first.box[0], column if column is not None else first.box[0]), _char_width(first)
    return (second.box[0] - left) / width if width > 0 else None


def _char_width(line: OcrLine) -> float:
    """The width of a character: from the words' own boxes where OCR gave them (the gap before a price
    column holds no characters), else from the whole line."""
    widths = sorted((word.box[2] - word.box[0]) / len(word.text) for word in line.words
                    if word.box is not None and len(word.text) >= 3)
    if widths:
        return widths[len(widths) // 2]
    return (line.box[2] - line.box[0]) / max(len(line.text), 1)


_COUNT_WORD_RE = re.compile(r"^(?:\d{1,2}|[Il|1Z]?\d?[xX×])$")


def _in_name_column(item: OcrLine, line: OcrLine) -> bool:
    """``1x Berenjenas 7,00`` over ``Croquetas 5,50``: a line starting where the name of a counted item
    starts (right of its count word) is an item whose count OCR lost, not a modifier, which is indented
    past the name. Known from the words' own boxes only."""
    if len(item.words) < 2 or item.words[0].box is None or item.words[1].box is None or line.box is None \
            or not _COUNT_WORD_RE.match(item.words[0].text):
        return False
    name = item.words[1]
    return line.box[0] - name.box[0] < (name.box[2] - name.box[0]) / max(len(name.text), 1)


# an article priced this many times the whole bill is no reading of its price: a price somewhat over
# the bill may be right (a split check's share, a pharmacy's co-payment, a total read a digit short)
ABSURD_OVER_TOTAL = 5


def within_the_bill(items: tuple[LineItem, ...], total: Decimal | None, confirmed: bool = False,
                    targets: tuple[Decimal, ...] = ()) -> tuple[LineItem, ...]:
    """No one article costs many times the whole bill (the total with what was taken off added back): a
    price read so is its currency sign read as a digit (``Cheeseburger 413.49`` on a bill of 29.48: 13.49)
    where dropping it brings the price under the bill, else no price of an item (``NIE ; P160204147616
    403,827,0u0``: a header's numbers), or an article code read with a price of cents alone (``BANANAS ||
    4011 || .84``: 0.84, where the prices then make one of the bill's ``targets``). Where half the prices or
    more stand so far over the bill, it is the total that was misread, unless the receipt's own checks
    ``confirmed`` it: the prices stay. Money taken off stays as read."""
    if total is None or total <= 0:
        return items
    bill = total - sum(item.amount for item in items if item.amount < 0)
    over = sum(item.amount > bill * ABSURD_OVER_TOTAL for item in items)
    if not over or 2 * over >= sum(item.amount >= 0 for item in items) and not confirmed:
        return items
    kept, with_cents = [], []
    for item in items:
        if item.amount <= bill * ABSURD_OVER_TOTAL:
            kept.append(item)
            with_cents.append(item)
            continue
        unsigned = sign_digit_dropped(item.amount, ANY_DIGIT)
        if unsigned is not None and 0 < unsigned <= bill:
            kept.append(replace(item, amount=unsigned))
            with_cents.append(kept[-1])
        elif item.amount >= _CODE_BEFORE_CENTS and item.amount % 1:
            with_cents.append(replace(item, amount=item.amount % 1))
    return tuple(with_cents if sum(item.amount for item in with_cents) in targets else kept)


def reductions_within_the_bill(items: tuple[LineItem, ...], targets: tuple[Decimal, ...]) -> tuple[LineItem, ...]:
    """No discount takes off more than the whole bill (what the items bought cost, the subtotal, the total): one
    read so is its currency sign read as a digit (``Happy Hour -87.50`` on a check of 63.47: -$7.50) where
    dropping it brings it under the bill; else it stays as read."""
    if not targets or min(targets) < 0:  # a refund or deposit return: the reduction passes the purchases
        return items
    bill = max((_sum(tuple(item for item in items if item.amount is not None and item.amount > 0)), *targets))
    return tuple(replace(item, amount=-unsigned) if item.amount is not None and -item.amount > bill
                 and (unsigned := sign_digit_dropped(-item.amount, PRICE_SIGN_DIGITS)) is not None
                 and unsigned <= bill else item for item in items)


_CODE_BEFORE_CENTS = 1000  # four digits or more before the point: a PLU or article code, no price
