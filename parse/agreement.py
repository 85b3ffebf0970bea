"""Amounts by agreement: the readings of a receipt's amounts that its own arithmetic supports.

OCR reads a currency sign glued to an amount as a digit on phone photos (``$33.02`` comes out
``833.02``, ``$5.64`` as ``85.64``), usually on every amount the printer gave a sign. So the
document is read once as printed and once for each digit a sign may have become, with that
digit dropped from the amounts that start with it; the reading whose totals the most checks
support wins, and the printed reading wins a tie. The checks are named so that the receipt's
confidence can say which agreed.
"""
from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from .amounts import Amount, find_amounts
from .address import is_address
from .layout import Doc, Line, holds_a_date
from .text import ascii_upper, has_keyword, one_letter_lost, one_letter_off
from .totals import (ANY_DIGIT, CARD_PAID, CASH_GIVEN, FINAL_TOTAL, MAX_CHARGES_SHARE, PLAIN_TOTAL, PRICE_SIGN_DIGITS,
                     SIGN_DIGITS, SUBTOTAL, TIP, Pick, Totals, cash_and_change_lines, cash_pays, charges_between,
                     find_totals, labelled_subtotal_and_total, prices_add_up, sign_digit_dropped, signs_kept,
                     tax_share, total_checks, total_over_the_prices, unlabelled_subtotal, unlabelled_under,
                     vat_table_gross)
from .vat import TAX, is_tax_of_gross, is_tax_of_net

_MIN_SIGNED = 2  # amounts starting with the digit before a reading without it is tried
_SIGNED_SHARE = 0.75
# a sign read as a 4 is dropped where the arithmetic or nearly every amount says so, never by a tie's breakers: a 4
# opens a price as often as a sign (``Tax 4.20`` / ``T0tal 456.75`` / ``VISA 456.75`` is 456.75 as printed)
_PRICES_FIRST_DIGIT = "4"
SIGN_FIRST = (None, "USD", "CAD", "AUD", "NZD", "GBP")  # one glyph printed before the amount
POUND_DIGITS = "12"  # what a "£" outside the recogniser's characters comes out as
_PRICE_CUTS = ("DISCOUNT", "SAVINGS", "YOU SAVE", "SAVED", "COUPON", "RABATT", "NACHLASS", "DESCUENTO", "REMISE",
               "PROMO", "OFF")
# arithmetic outweighs a repeat: a reading without a digit may repeat a short amount by chance
CHECK_WEIGHTS = {"subtotal_plus_tax": 2, "cash_minus_change": 2, "quantity_times_price": 2, "vat_table": 2,
                 "printed_again": 1, "tip_guide": 1, "slip_sum": 2, "tenders_sum": 2}


@dataclass(frozen=True)
class Reading:
    doc: Doc
    totals: Totals
    checks: tuple[str, ...]
    sign_digit: str | None = None  # the digit (or digits) dropped as a misread currency sign
    unsigned_lines: frozenset[int] = frozenset()  # the lines whose amounts lost it
    # the total without the digit stands, as read, on another line (``APPROVED 558.92`` / ``DEBIT 58.92``)
    repeated_as_printed: bool = False

    @property
    def support(self) -> int:
        """The checks' weight. Without a digit, a repeat counts only where the repeat lost its
        digit too (``TOTAL 822,35`` / ``VISA 822,35``) or was read with its sign (``DEBIT $30.83``):
        dropping a digit makes a short amount equal to some price by chance (63.00 -> 3.00 beside
        a 3.00 item), and dropping a different digit from each of two short amounts too (``Tota:
        64.64`` and ``84.64`` are no 4.64 twice)."""
        return sum(CHECK_WEIGHTS[check] for check in self.counted)

    @property
    def counted(self) -> tuple[str, ...]:
        """The checks that count towards the support."""
        return tuple(check for check in self.checks if check != "printed_again" or self._repeat_counts)

    @property
    def _repeat_counts(self) -> bool:
        total, tip = self.totals.total, self.totals.tip
        if self.sign_digit is None or total is None:
            return True
        # a tip written under the bill: the bill is what the card slip repeats
        bills = {total.value, total.value - tip.value} if tip is not None and tip.line < total.line else {total.value}
        return self.repeated_as_printed or any(
            a.value in bills and (a.currency is not None or line.index in self.unsigned_lines and (
                len(self.sign_digit) == 1 or _distinctive(a.value)))
            for line in self.doc.lines if line.index != total.line for a in line.amounts)


def _distinctive(value: Decimal) -> bool:
    """Four or more digits with cents (``58.92``): another line printing it by chance is unlikely,
    unlike a short or round amount (``3.00``), which an item may cost."""
    return abs(value) >= 10 and value % 1 != 0


def read_amounts(doc: Doc, currency: str | None = None) -> Reading:
    """The reading of the receipt's amounts with the most arithmetic support. Where the checks
    cannot tell, a digit on nearly every amount is taken for the sign of a ``currency`` printed
    before amounts (dollars and pounds; None: not known)."""
    best = printed = _reading(doc, None)
    considered = [best]
    for digits in (*PRICE_SIGN_DIGITS, SIGN_DIGITS):  # one digit for every sign, or any of them
        unsigned = without_sign_digit(doc, digits)
        if unsigned is None:
            continue
        candidate = _reading(unsigned, digits, doc)
        if _cents_only(candidate) or not _outweighs_the_printed_sum(candidate, printed):
            continue  # "TOTAL 80.38" is no "$0.38"
        considered.append(candidate)
        unsigned_tie = candidate.support == best.support and best.sign_digit is None and len(digits) == 1
        if candidate.support > best.support or unsigned_tie and (
                currency in SIGN_FIRST and _a_sign_throughout(doc, digits) and not _below_a_price(candidate)
                and (digits not in _PRICES_FIRST_DIGIT  # a 4 only where something beyond its spread speaks for it
                     or _tie_breakers(candidate, doc, currency) > _tie_breakers(best, doc, currency))) \
                or candidate.support == best.support and digits not in _PRICES_FIRST_DIGIT \
                and not _below_an_item(candidate) \
                and _tie_breakers(candidate, doc, currency) > _tie_breakers(best, doc, currency):
            best = candidate
    for candidate in (settled_reading(doc, currency), _repeated_under_two_signs(doc, currency, printed),
                      _repeated_beside_its_sign(doc), _vat_gross_reading(doc, printed.totals),
                      _whole_part_joined(doc)):
        # a blurred sign read as a different digit on each amount: the sum, or the repeat, decides alone
        if candidate is not None and not _cents_only(candidate) and _outweighs_the_printed_sum(candidate, printed):
            considered.append(candidate)
            if candidate.support > best.support:
                best = candidate
    best = _pooled_best(best, considered, doc, currency)
    if best.totals.total is not None and best.totals.total.line < 0:
        # a total worked out from cash and change that no line prints: the total's own line, its point lost
        restored = _total_point_settled(doc)
        if restored is not None and restored.support and restored.support >= best.support \
                and _total_as_printed(restored):
            best = restored
    points = _points_lost(doc) if not _SUMS & set(best.counted) and currency is not None else None
    if points is not None and _SUMS & set(points.counted) and points.totals.total is not None \
            and points.totals.total.line in points.unsigned_lines:
        best = points  # the total itself lost its point, and the sum it then makes says so
    commas = _commas_lost(doc) if not _SUMS & set(best.counted) else None
    if commas is not None:
        best = commas  # every price and the total lost its comma, and the prices make the total
    if not best.counted and (tendered := _paid_as_tendered(doc, best.totals)) is not None:
        best = tendered  # each of the total, the cash and the change misread its own way, and they agree
    if currency in SIGN_FIRST:
        best = _sign_shared_with_the_cash(best, doc) or best
    if currency == "GBP" and best.sign_digit is None:
        # the recogniser has no "£": it reads one as a 1 or a 2 (or an E, which amounts skip). Real
        # prices start with those digits often, so only the arithmetic may drop them, never a tie.
        for digits in (*POUND_DIGITS, POUND_DIGITS):
            unsigned = without_sign_digit(doc, digits)
            candidate = _reading(unsigned, digits, doc) if unsigned is not None else None
            if candidate is not None and (candidate.support > best.support or candidate.support == best.support
                                          and _only_its_prices_add_up(candidate, best)):
                best = candidate
    return best


def _only_its_prices_add_up(candidate: Reading, best: Reading) -> bool:
    """The prices above the total add up to ``candidate``'s total and not to ``best``'s: a tie the
    pound signs read as digits on every price and on the total alike (``Breakfast Deal 3.75`` / ``Yum
    Yum 1.25`` / ``Deal Saving -0.40`` / ``TOTAL 14.60`` / ``Contactless 14.60``) cannot break alone."""
    mine, theirs = candidate.totals.total, best.totals.total
    return mine is not None and theirs is not None and prices_add_up(candidate.doc, mine.line, mine.value) \
        and not prices_add_up(best.doc, theirs.line, theirs.value)


def _outweighs_the_printed_sum(candidate: Reading, printed: Reading) -> bool:
    """Where the amounts as printed add up (subtotal + tax, and the tip, make the total), another
    reading's total must be an amount its total's line prints, not one it worked out: ``Subtotal
    52.50`` / ``Tax 3.28`` / ``Total 55.78`` / ``Tip 10.00`` / ``Total 65.78`` also adds up as 2.50 +
    3.28 = 5.78 with the 5s dropped, but no line prints 5.78 as the total paid."""
    return "subtotal_plus_tax" not in printed.counted or _total_as_printed(candidate)


def _pooled_best(best: Reading, considered: Sequence[Reading], printed: Doc, currency: str | None) -> Reading:
    """``best``, unless the readings that give another total agree with it by more checks together
    than those giving ``best``'s: each reading drops the digits its own way, and two that read the
    same total by different checks are two witnesses (``Sub Total 341.24`` / ``Taz 33.66`` / ``Auto
    Grat 18% 67.42`` / ``TOTAL 452.32`` settle as 41.24 + 3.66 + 7.42 = 52.32; ``Cash 860.00`` /
    ``Change 57.68`` pay 52.32 read without their 8 and 5, and 2.32 without the 8 alone). Of those
    readings, the best supported, then the one the tie-breakers favour."""
    checks_of: dict[Decimal | None, set[str]] = {}
    for reading in considered:
        checks_of.setdefault(_total_of(reading), set()).update(reading.counted)
    pooled = {total: sum(CHECK_WEIGHTS[check] for check in checks) for total, checks in checks_of.items()}
    strongest = max((weight for total, weight in pooled.items() if total is not None), default=None)
    if strongest is None or strongest <= pooled.get(_total_of(best), 0):
        return best
    return max((reading for reading in considered
                if _total_of(reading) is not None and pooled[_total_of(reading)] == strongest),
               key=lambda reading: (reading.support, _tie_breakers(reading, printed, currency)))


def _vat_gross_reading(doc: Doc, totals: Totals) -> Reading | None:
    """The reading whose total is the VAT table's gross (net + tax at a rate) where the total picked
    is that row's gross column read as another amount, and another line prints the gross: ``SUMIME
    EUR 13,06`` (its label garbled) / ``Geg. Girocard EUR 13,06`` / ``Gesamtbetrag 10,97 2,09 43.06``
    (the column's 1 read as a 4). The checks weigh it like any other reading. None where the total
    picked stands elsewhere (``TOTAL 44.50`` over a table whose one readable row is 13.00). Where the total picked
    is the table's sum row's net (_net_column_read), the gross where the VAT table's check then agrees.
    ``totals``: the receipt's as printed."""
    gross = vat_table_gross(doc)
    if gross is None or totals.total is None or totals.total.value == gross.value \
            or not 0 <= totals.total.line < len(doc.lines):
        return None
    if _net_column_read(doc, doc.lines[totals.total.line], totals.total.value, gross.value):
        grossed = replace(totals, total=gross)
        checks = total_checks(doc, grossed)
        return Reading(doc, grossed, checks) if "vat_table" in checks else None
    if not _beside_its_net_and_tax(doc.lines[totals.total.line], gross.value):
        return None
    printed_at = [line.index for line in doc.lines if line.index not in (gross.line, totals.total.line)
                  and any(a.in_cents and a.value == gross.value for a in line.amounts)]
    if not printed_at:
        return None
    totals = replace(totals, total=Pick(gross.value, printed_at[0], gross.confidence))
    checks = total_checks(doc, totals)
    return Reading(doc, totals, checks) if {"vat_table", "printed_again"} <= set(checks) else None


# the tax and gross columns after the net on the VAT table's sum row, their commas lost ("13,57 2458 1645")
_COLUMNS_AFTER_NET_RE = re.compile(r"(?:\s+[\d.,]+){2}\s*$")


def _net_column_read(doc: Doc, line: Line, total: Decimal, gross: Decimal) -> bool:
    """The total read from the VAT table's sum row (``Gesamtbetrag 13,57 2458 1645``) is its net, the row's first
    amount, the tax and gross after it read without their commas: another row prints that net with its tax and
    gross (``A= 19,0% 13,57 2,58 16,15``)."""
    first = next((amount for amount in line.amounts if amount.in_cents), None)
    return first is not None and first.value == total and bool(_COLUMNS_AFTER_NET_RE.fullmatch(line.text[first.end:])) \
        and any(_beside_its_net_and_tax(other, gross) and total in (a.value for a in other.amounts)
                for other in doc.lines if other.index != line.index)


def _beside_its_net_and_tax(line: Line, gross: Decimal) -> bool:
    values = [a.value for a in line.amounts if a.in_cents]
    return any(net + tax == gross for net, tax in itertools.combinations(values, 2))


# "Summe 1 5,47", "TOTAL 1 234.56": OCR put a space inside the whole part of an amount (a wide-set
# printer's font); only on the lines that label a total or a payment, where no count stands before it
_SPLIT_WHOLE_RE = re.compile(r"(?<![\d.,])(\d{1,3}) (?=\d{1,3}[.,]\d{2}(?![\d.,]))")
_JOINED_LABELS = FINAL_TOTAL + PLAIN_TOTAL + SUBTOTAL + CARD_PAID + CASH_GIVEN


def _whole_part_joined(doc: Doc) -> Reading | None:
    """The reading of ``doc`` with the split whole parts of its total and payment lines joined
    (``Summe 1 5,47`` / ``Kartenzahlung 15,47``); the checks weigh it like any other (here the card
    line printing the total again). None where no such line splits an amount."""
    lines = list(doc.lines)
    for line in doc.lines:
        if _SPLIT_WHOLE_RE.search(line.text) and has_keyword(line.text, _JOINED_LABELS):
            text = _SPLIT_WHOLE_RE.sub(r"\1", line.text)
            lines[line.index] = replace(line, text=text, amounts=tuple(find_amounts(text, doc.decimal)))
    if lines == list(doc.lines):
        return None
    return _reading(replace(doc, lines=tuple(lines)), None, doc)


_SUMS = frozenset(("subtotal_plus_tax", "cash_minus_change"))
# a whole number closing its line, its point lost (``TOTAL 1110``): not part of a date, a time, a phone
# number or a decimal, nor an amount in cents itself
_POINT_LOST_RE = re.compile(r"(?<![\d.,:/-])(\d{2,5})\s*$")
# numbers that are no money: a store's, a check's, a table's, a register's
_NUMBERED_LINE_RE = re.compile(r"#|\b(?:STORE|STR|CHK|CHECK|TBL|TABLE|UNIT|REG|TRN|TRANS|ORDER|GUEST|GUESTS|SERVER|"
                               r"CASHIER|TERMINAL|TERM|REF|AUTH|APPR|ITEMS|QTY|ACCT|CARD)\b", re.IGNORECASE)
# a US phone number, its groups spaced out ("( 817 ) 429 - 6611", "817-429-6611"): its last group no cents
_PHONE_NUMBER_RE = re.compile(r"(?<!\d)\(?\s?\d{3}\s?\)?\s?[-.]?\s?\d{3}\s?[-.]\s?\d{4}\s*$")
_MIN_POINTS_LOST = 2  # lines; one whole number alone is no evidence


def _points_lost(doc: Doc) -> Reading | None:
    """The reading of ``doc`` in which every whole number closing a line without an amount in cents
    is one whose point faint thermal print lost (``SUBTOTAL 1028`` / ``TAX 82`` / ``TOTAL 1110``:
    10.28 + 0.82 = 11.10). It counts only where it gains a sum the printed reading lacks (subtotal +
    tax, cash - change); None where fewer than two lines read so."""
    if not any(has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL) and _POINT_LOST_RE.search(line.text)
               and not any(a.in_cents for a in line.amounts) for line in doc.lines):
        return None  # no total's line lost its point: the reading could not count
    lines = [_point_put_back(line, doc.decimal) if _lost_its_point(line) and not is_address(line.text) else line
             for line in doc.lines]
    if sum(line is not first for line, first in zip(lines, doc.lines)) < _MIN_POINTS_LOST:
        return None
    return _reading(replace(doc, lines=tuple(lines)), None, doc)


def _lost_its_point(line: Line) -> bool:
    """``line`` closes with a whole number that may be an amount whose point was lost (``TOTAL 1110``)."""
    return _POINT_LOST_RE.search(line.text) is not None and not any(a.in_cents for a in line.amounts) \
        and not holds_a_date(line.text) and not _NUMBERED_LINE_RE.search(line.text) \
        and not _PHONE_NUMBER_RE.search(line.text)


def _point_put_back(line: Line, decimal: str | None) -> Line:
    """``line`` with a point before the last two digits of the whole number closing it (``1110`` -> ``11.10``)."""
    whole = _POINT_LOST_RE.search(line.text)
    text = f"{line.text[:whole.start(1)]}{whole[1][:-2] or '0'}{decimal or '.'}{whole[1][-2:]}"
    return replace(line, text=text, amounts=tuple(find_amounts(text, decimal)))


def _total_point_settled(doc: Doc) -> Reading | None:
    """The reading of ``doc`` with the point put back in the total label's whole number, its sign's
    digits settled as ``settled_reading`` settles them (``SUBTOTAL 357.98`` / ``SALES TAX 53.62`` /
    ``TOTAL DUE 66160`` / ``CASH 470,00`` / ``CHANGE DUE 58.40``: 57.98 + 3.62 = 61.60 = 70.00 - 8.40).
    None where no total's line lost its point."""
    lines = [_point_put_back(line, doc.decimal) if has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL)
             and _lost_its_point(line) else line for line in doc.lines]  # its label says it is no ZIP code
    if lines == list(doc.lines):
        return None
    restored = replace(doc, lines=tuple(lines))
    return settled_reading(restored) or _reading(restored, None, doc)


# "Joghurt 049 A": a price of three or four digits whose comma a faded scan lost, its tax class after it (A, B,
# dm's 1 or 2, a starred class), a name before it (not part of a date, a code or a number in cents)
_COMMA_LOST_PRICE_RE = re.compile(r"(?<=[^\W\d_]\s)(?:.*\s)?(?<![\d.,:/-])(?P<num>\d{3,4})\s(?:[AB12]|\*[AB]?)\s*$")
_PRICE_IN_CENTS_RE = re.compile(r"\d[.,]\d{2}\s?(?:[AB12]|\*[AB]?)\s*$")  # "Butter 2,29 A": the comma kept
# "Summe 477", "EC-Cash 477": a total's or a payment's whole number closing its line
_WHOLE_PAID_RE = re.compile(r"(?<![\d.,:/-])(?P<num>\d{3,5})\s*$")
# numbers a German till prints after a word that labels no money: a bon's, a branch's, a till's, a terminal's
_NUMBERED_GERMAN_RE = re.compile(r"\b(?:BON|FIL|FILIALE|KASSE|BELEG|NR|TERMINAL|TRACE|ARTIKEL|ART|PLU|EAN)\b",
                                 re.IGNORECASE)
_MIN_COMMAS_LOST = 2  # prices; one whole number before a tax class is no faded scan


def _commas_lost(doc: Doc) -> Reading | None:
    """The reading of ``doc`` in which a faded scan lost every decimal comma (``Joghurt 049 A`` / ``Butter 229 A``
    / ``Äpfel 199 A`` / ``Summe 477`` / ``EC-Cash 477``): every price before its tax class, and the total's and
    the payments' whole numbers, read in cents. None where a price kept its comma, fewer than two prices lost it,
    or the prices above the total's label do not make the number it prints."""
    prices = [line for line in doc.lines if _COMMA_LOST_PRICE_RE.search(line.text) and not line.amounts
              and not _NUMBERED_GERMAN_RE.search(line.text)]
    if len(prices) < _MIN_COMMAS_LOST or any(_PRICE_IN_CENTS_RE.search(line.text) for line in doc.lines):
        return None
    paid = [line for line in doc.lines if has_keyword(line.text, _PAID_LABELS) and _WHOLE_PAID_RE.search(line.text)
            and not line.amounts and not _NUMBERED_LINE_RE.search(line.text)
            and not _NUMBERED_GERMAN_RE.search(line.text) and not holds_a_date(line.text)]
    lines = list(doc.lines)
    for line in prices:
        lines[line.index] = _comma_put_back(line, _COMMA_LOST_PRICE_RE)
    for line in paid:
        lines[line.index] = _comma_put_back(line, _WHOLE_PAID_RE)
    reading = _reading(replace(doc, lines=tuple(lines), decimal=","), None, doc)
    total = reading.totals.total
    labelled = total is not None and total.line in {line.index for line in paid} \
        and has_keyword(doc.lines[total.line].text, FINAL_TOTAL + PLAIN_TOTAL)
    return reading if labelled and prices_add_up(reading.doc, total.line, total.value) else None


def _comma_put_back(line: Line, pattern: re.Pattern[str]) -> Line:
    """``line`` with a comma before the last two digits of the number ``pattern`` finds (``049`` -> ``0,49``)."""
    end = pattern.search(line.text).end("num")
    text = f"{line.text[:end - 2]},{line.text[end - 2:]}"
    return replace(line, text=text, amounts=tuple(find_amounts(text, ",")))


# the money closing a total's or a tender's line, its point kept, spaced off or read as a space, or lost
# (``1528.18``, ``3130 . 00``, ``530 01``, ``3182``), a sign's glyph or a minus around it (``CASH {30.00-``)
_CLOSING_MONEY_RE = re.compile(r"(?<![\d.,])(?P<whole>\d{1,6})(?:(?:\s?[.,]\s?|\s)(?P<cents>\d{2}))?\s?-?\s*$")
# the digits EasyOCR reads for one another on a blurred photo: fewer than totals' one-amount slips (not 4/9, 6/9,
# 3/5, 0/1), as each of three amounts may also drop glyphs here and every slip allowed is another chance agreement
_LOOK_ALIKE_DIGITS = {"0": "68", "1": "7", "3": "8", "5": "6", "6": "058", "7": "1", "8": "036"}
_MAX_SIGN_GLYPHS = 2  # a "$" comes out as one digit or as two ("1528.18" for $28.18)
# a look-alike slip needs a witness beside the one sum: the other sum, or the card line repeating the total
_SLIP_SUPPORT = CHECK_WEIGHTS["cash_minus_change"] + CHECK_WEIGHTS["printed_again"]


def _paid_as_tendered(doc: Doc, totals: Totals) -> Reading | None:
    """The reading in which the total's line and the two amounts of a sum that should make it (cash and
    change, or the subtotal and a single tax line) each lost a sign read as one or two digits, or their
    point, and one of the three at most a digit read as its look-alike, where that sum then makes the
    total its line reads: ``AMOUNT Due 1528.18`` / ``CASH {30.00-`` / ``CHANGE DUE 3182`` pay 28.18 as
    30.00 - 1.82; ``SUBTOTAL 530.75`` / ``SALES TAX 92215`` / ``AMOUNT DUE 332.90`` add up as 30.75 + 2.15
    = 32.90 (not 0.75 + 2.15: a bill is one unit at least). Of the readings that agree, those with the
    fewest slips (``_one_total``); one with a slip needs another check beside its sum (``_SLIP_SUPPORT``).
    None where they give more than one total, or none, or the one printed."""
    total = totals.total
    if total is None:
        return None
    fits = [(costs, values, lines) for total_line in _total_lines(doc, total)
            for lines, values, costs in _sums_read(doc, total_line)]
    least = min((_slips(costs) for costs, _, _ in fits), default=None)
    chosen = _one_total([fit for fit in fits if _slips(fit[0]) == least])
    if chosen is None or chosen[0][0] == total.value:
        return None
    values, lines = chosen
    if _another_tenders_share(doc, total, values[0]):
        return None
    read = {line.index: _money_rewritten(line, value, doc.decimal) for line, value in zip(lines, values)}
    reading = _reading(replace(doc, lines=tuple(read.get(line.index, line) for line in doc.lines)), ANY_DIGIT, doc)
    agreed = reading.totals.total is not None and reading.totals.total.value == values[0]
    vouched = reading.support >= (_SLIP_SUPPORT if least else CHECK_WEIGHTS["cash_minus_change"])
    return reading if agreed and _SUMS & set(reading.counted) and vouched else None


_Fit = tuple[tuple[tuple[int, int], ...], tuple[Decimal, ...], tuple[Line, ...]]  # costs, values, lines (_sums_read)


def _one_total(fits: Sequence[_Fit]) -> tuple[tuple[Decimal, ...], tuple[Line, ...]] | None:
    """The values and lines of the one total ``fits`` give. Where they give more than one, those in which each
    of the three amounts lost a sign, with the fewest glyphs dropped: a printer signs all three, a sign is one
    glyph more often than two (``SUROTA 4143.70`` / ``SALES TAX 6.259 038.98``
    / ``TOTAL DUE 615268``: 143.70 + 8.98 = 152.68, not 43.70 + 8.98); not where one amount was read
    unsigned (``AMOUNT DUE 5528.18`` / ``CASH 530.00`` / ``CHANGE DUE 182``: 528.18 or 28.18). None
    where still more than one total, or none."""
    if len({values[0] for _, values, _ in fits}) > 1:
        signed = [fit for fit in fits if all(dropped for _, dropped in fit[0])]
        fewest = min((_dropped(costs) for costs, _, _ in signed), default=None)
        fits = [fit for fit in signed if _dropped(fit[0]) == fewest]
    return (fits[0][1], fits[0][2]) if len({values[0] for _, values, _ in fits}) == 1 else None


def _slips(costs: Sequence[tuple[int, int]]) -> int:
    return sum(slips for slips, _ in costs)


def _dropped(costs: Sequence[tuple[int, int]]) -> int:
    return sum(dropped for _, dropped in costs)


# tax, fees and a tip never double the bill before them
_MAX_BILL_OVER_SUBTOTAL = 2


def _sign_shared_with_the_cash(best: Reading, printed: Doc) -> Reading | None:
    """``best`` with the leading digit dropped from its total and from the cash given, where the two carry
    the same digit for their sign, so that cash less change pays the total either way, and only without it
    is the total a bill its subtotal could come to (``SUBTOTAL 0548.06`` / ``BALANCE DUE 3558.27`` / ``CASH
    360.00`` / ``CHANGE DUE 51.73``: 58.27 = 60.00 - 1.73 after a subtotal of 48.06, not 358.27). Where no
    line's amount is the total (cash less change), the cash's leading digit alone, any a sign comes out as
    (``SUBTOTAL 21.32`` / ``TOTAL DUE 525185`` / ``CASH 330.00`` / ``CHANGE DUE 4.15``: 25.85, not 325.85; not a
    1, nor under a deposit or a money order the lines above the cash add). None
    where the total is under twice the subtotal its label gives (not a VAT table's net), or cash less
    change did not pay it."""
    total, subtotal = best.totals.total, best.totals.subtotal
    tendered = cash_and_change_lines(best.doc)
    if total is None or subtotal is None or tendered is None or not tendered[0].amounts \
            or not 0 <= subtotal.line < len(best.doc.lines) \
            or not has_keyword(best.doc.lines[subtotal.line].text, SUBTOTAL) \
            or "cash_minus_change" not in best.counted \
            or not 0 < _MAX_BILL_OVER_SUBTOTAL * subtotal.value < total.value:
        return None
    unread = total.line < 0
    charges = [line.amounts[-1].value for line in
               best.doc.lines[subtotal.line + 1:tendered[0].index if unread else total.line] if line.amounts]
    if charges and subtotal.value + sum(charges) == total.value:
        return None  # the lines between print what the total adds to the subtotal (a gift card, a tip, a deposit)
    cash = tendered[0].amounts[-1].value
    given = sign_digit_dropped(cash, _TWO_SIGNS if unread else f"{total.value:f}"[0])
    bill = (total.value - cash + given if given is not None else None) if unread \
        else sign_digit_dropped(total.value, f"{total.value:f}"[0])
    if bill is None or given is None or not subtotal.value <= bill < _MAX_BILL_OVER_SUBTOTAL * subtotal.value:
        return None
    lines = list(best.doc.lines)
    lines[tendered[0].index] = _last_amount_as(tendered[0], given)
    if not unread:
        lines[total.line] = _last_amount_as(lines[total.line], bill)
    reading = _reading(replace(best.doc, lines=tuple(lines)), ANY_DIGIT, printed)
    kept = reading.totals.total is not None and reading.totals.total.value == bill
    return reading if kept and "cash_minus_change" in reading.counted else None


def _last_amount_as(line: Line, value: Decimal) -> Line:
    """``line`` with its last amount read as ``value``."""
    *rest, last = line.amounts or (None,)
    return replace(line, amounts=(*rest, replace(last, value=value))) if last is not None else line


def _another_tenders_share(doc: Doc, total: Pick, paid: Decimal) -> bool:
    """What the total as read exceeds ``paid`` by stands under it: a bill split between cash and another
    tender (``TOTAL 1528.18`` / ``FINANCING 1500.00`` / ``CASH 30.00`` / ``CHANGE 1.82``), no digits a sign
    became."""
    return any(amount.value == total.value - paid for line in doc.lines[total.line + 1:] for amount in line.amounts)


def _total_lines(doc: Doc, total: Pick) -> list[Line]:
    """The line of the total picked, and those a total's label opens (the subtotal's not)."""
    return [line for line in doc.lines if line.index == total.line
            or has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL) and not has_keyword(line.text, SUBTOTAL)]


def _sums_read(doc: Doc, total_line: Line) \
        -> Iterator[tuple[tuple[Line, Line, Line], tuple[Decimal, Decimal, Decimal], tuple[tuple[int, int], ...]]]:
    """((the total's line, the sum's two lines), (total, one, other), their costs: the slips and the glyphs
    dropped of each, ``_money_readings``) for the readings in
    which cash - change, or subtotal + tax, makes the total (one unit at least), at most one slip among
    the three."""
    tenders, taxed = _cash_and_change_lines(doc, total_line), _subtotal_and_tax_lines(doc, total_line)
    for pair, adds in ((tenders, _cash_less_change), (taxed, _subtotal_and_tax)):
        if pair is None or total_line in pair:
            continue
        total, one, other = (_money_readings(line) for line in (total_line, *pair))
        # a subtotal's label garbled past reading (``SUROTA``, mended in ``pair``) adds up only where all three
        # amounts lost a sign
        labelled = adds is not _subtotal_and_tax or has_keyword(doc.lines[pair[0].index].text, SUBTOTAL)
        for first, second in itertools.product(one, other):
            made = adds(first, second)
            if made is None or made < 1 or made not in total:
                continue
            costs = (total[made], one[first], other[second])
            if sum(slips for slips, _ in costs) <= 1 and (labelled or all(dropped for _, dropped in costs)):
                yield (total_line, *pair), (made, first, second), costs


# a short label OCR garbled (``Cs``, ``Csh``), and the change's one a letter lost or off before its DUE (``chage Due``)
_SHORT_LABEL_RE = re.compile(r"\W*[A-Za-z]{1,4}\W*(?=\d)")
_CHANGE_DUE_RE = re.compile(r"\W*([A-Za-z]{5,7})\s+DUE\b", re.IGNORECASE)
_CHANGE = "CHANGE"
_NOT_CASH = TIP + CARD_PAID + ("TAX",)


def _cash_and_change_lines(doc: Doc, total_line: Line) -> tuple[Line, Line] | None:
    """The cash's and the change's lines as their labels name them, or, where OCR garbled both, the two lines
    right under the total's, a short label opening the first and CHANGE a letter lost or off the second's before
    its DUE (``Cs 330 00`` / ``chage Due 38 60``), their labels mended (``CASH Cs 330 00`` / ``CHANGE Due 38 60``)."""
    named = cash_and_change_lines(doc)
    if named is not None:
        return named
    below = doc.lines[total_line.index + 1:total_line.index + 3]
    if len(below) != 2 or not _SHORT_LABEL_RE.match(below[0].text) or has_keyword(below[0].text, _NOT_CASH):
        return None
    change = _CHANGE_DUE_RE.match(below[1].text)
    word = ascii_upper(change[1]) if change is not None else ""
    if not (one_letter_lost(word, _CHANGE) or one_letter_off(word, _CHANGE)):
        return None
    return replace(below[0], text=f"CASH {below[0].text}"), \
        replace(below[1], text=f"{_CHANGE}{below[1].text[change.end(1):]}")


def _cash_less_change(cash: Decimal, change: Decimal) -> Decimal | None:
    return cash - change if change < cash else None


def _subtotal_and_tax(subtotal: Decimal, tax: Decimal) -> Decimal | None:
    return subtotal + tax if 0 < tax < MAX_CHARGES_SHARE * subtotal else None


def _subtotal_and_tax_lines(doc: Doc, total_line: Line) -> tuple[Line, Line] | None:
    """The subtotal's line and the one line between it and the total's, where only a tax stands; or, where
    OCR garbled the subtotal's label past reading (``SUROTA 4143.70`` over ``SALES TAX 6.259 038.98``), the
    line over a tax's, its label mended (``SUBTOTAL SUROTA 4143.70``)."""
    above = doc.lines[max(total_line.index - 2, 0):total_line.index]
    if len(above) != 2 or has_keyword(above[1].text, SUBTOTAL):
        return None
    if has_keyword(above[0].text, SUBTOTAL):
        return above[0], above[1]
    if has_keyword(above[1].text, TAX) and _garbled_subtotal_label(above[0].text):
        return replace(above[0], text=f"{SUBTOTAL[0]} {above[0].text}"), above[1]
    return None


_GARBLED_LIKENESS = 0.6  # difflib's ratio of a garbled label's letters to its word: SUROTA 0.71, SUGAR 0.31
_LABEL_WORD_RE = re.compile(r"\W*([^\W\d_]{4,})\W*(?=\d)")


def _garbled_subtotal_label(text: str) -> bool:
    """``text`` opens with one word of letters, then its amount, the word like SUBTOTAL and no other label."""
    word = _LABEL_WORD_RE.match(text)
    return word is not None and not has_keyword(text, FINAL_TOTAL + PLAIN_TOTAL + TAX + CARD_PAID + CASH_GIVEN) \
        and difflib.SequenceMatcher(None, ascii_upper(word[1]), SUBTOTAL[0]).ratio() >= _GARBLED_LIKENESS


def _money_readings(line: Line) -> dict[Decimal, tuple[int, int]]:
    """What the money closing ``line`` may be, with the look-alike slips each reading takes (0 or 1) and the
    glyphs it drops: without one or two leading digits that were a sign, the point before its last two digits."""
    match = _CLOSING_MONEY_RE.search(line.text)
    if match is None or match["cents"] is None and len(match["whole"]) < 3:
        return {}
    digits = match["whole"] + (match["cents"] or "")
    readings: dict[Decimal, tuple[int, int]] = {}
    for dropped in range(_MAX_SIGN_GLYPHS + 1):
        rest = digits[dropped:]
        for variant, slips in ((rest, 0), *((rest[:i] + alike + rest[i + 1:], 1) for i, digit in enumerate(rest)
                                            for alike in _LOOK_ALIKE_DIGITS.get(digit, ""))):
            if len(variant) >= 3 and (len(variant) == 3 or variant[0] != "0"):
                value = Decimal(f"{variant[:-2]}.{variant[-2:]}")
                readings[value] = min((slips, dropped), readings.get(value, (slips, dropped)))
    return readings


def _money_rewritten(line: Line, value: Decimal, decimal: str | None) -> Line:
    """``line`` with the money closing it printed as ``value``."""
    money = f"{value:.2f}".replace(".", decimal or ".")
    text = f"{line.text[:_CLOSING_MONEY_RE.search(line.text).start()]}{money}"
    return replace(line, text=text, amounts=tuple(find_amounts(text, decimal)))


def _total_of(reading: Reading) -> Decimal | None:
    return reading.totals.total.value if reading.totals.total is not None else None


_TWO_SIGNS = "3456789"  # what a sign comes out as; a 1 or a 2 is the amount's own first digit too often


def _repeated_under_two_signs(doc: Doc, currency: str | None, printed: Reading) -> Reading | None:
    """The reading of ``doc`` in which an amount printed on two lines, its sign read as a different
    digit on each, is that amount without them (``NTl 4160,13`` / ``MstercARD 5160.13``: 160.13 both
    times; ``Total 4133.55`` / ``MASTERCARD 3133.55``): two amounts of three or more whole digits that
    differ in their first digit alone, each a digit a sign comes out as (not ``TOTAL 444.66`` / ``VISA
    144.66``: a 1 misread); its totals block then settled as ``settled_reading`` settles it (``subTotal 389.60`` /
    ``Sales Tax 6.27`` / ``Total 395.87`` / ``MstercARD 695,87``: 89.60 + 6.27 = 95.87), where the block did not
    add up as printed or the tie-breakers favour the settled reading (not ``SUBTOTAL 369.00`` / ``SALES TAX 25.83``
    / ``TOTAL 394.83`` / ``VISA 894.83``: the card's 3 misread). ``printed``: the reading of ``doc`` as printed.
    None where no two amounts do."""
    amounts = [(line.index, i, f"{a.value:f}") for line in doc.lines for i, a in enumerate(line.amounts)
               if a.in_cents and not a.measure and a.currency is None and a.value >= 100]
    for (first_line, first, one), (second_line, second, other) in itertools.combinations(amounts, 2):
        if first_line != second_line and len(one) == len(other) and one[0] != other[0] \
                and {one[0], other[0]} <= set(_TWO_SIGNS) and one[1:] == other[1:] and one[1] != "0":
            value = Decimal(one[1:])
            lines = list(doc.lines)
            for index, position in ((first_line, first), (second_line, second)):
                unsigned = tuple(replace(a, value=value) if i == position else a
                                 for i, a in enumerate(lines[index].amounts))
                lines[index] = replace(lines[index], amounts=unsigned)
            repeated = replace(doc, lines=tuple(lines))
            settled = settled_reading(repeated)
            if settled is not None and _total_of(settled) == value and (not _adds_up_as_printed(doc) or _tie_breakers(
                    settled, doc, currency) > _tie_breakers(printed, doc, currency)):
                return settled
            return _reading(repeated, ANY_DIGIT, doc)
    return None


def _repeated_beside_its_sign(doc: Doc) -> Reading | None:
    """The reading of ``doc`` in which a total or a tender whose sign was read as a digit is the amount
    another total's or tender's line prints with its sign read (``Amount Due 453.63`` / ``MASTERCARD
    S53.63``: 53.63 both times): the first digit one a sign comes out as, the rest that signed amount's,
    of two or more whole digits (not an item's ``$15.00`` under ``TOTAL 815.00``). None where none is."""
    paid = [line for line in doc.lines if has_keyword(line.text, _PAID_LABELS)]
    signed = {f"{a.value:f}" for line in paid for a in line.amounts
              if a.in_cents and not a.measure and a.currency is not None and a.value >= 10}
    for line in paid if signed else ():
        for position, amount in enumerate(line.amounts):
            text = f"{amount.value:f}"
            if amount.in_cents and not amount.measure and amount.currency is None and amount.value >= 100 \
                    and text[0] in _TWO_SIGNS and text[1] != "0" and text[1:] in signed \
                    and not any(f"{a.value:f}" == text[1:] for a in line.amounts):
                unsigned = tuple(replace(a, value=Decimal(text[1:])) if i == position else a
                                 for i, a in enumerate(line.amounts))
                lines = tuple(replace(line, amounts=unsigned) if other is line else other for other in doc.lines)
                return _reading(replace(doc, lines=lines), ANY_DIGIT, doc)
    return None


_PAID_LABELS = FINAL_TOTAL + PLAIN_TOTAL + CARD_PAID + CASH_GIVEN  # the total's and the tenders' lines


MAX_SETTLINGS = 6  # readings of the totals block that add up, the fewest drops first, weighed by their support


def settled_reading(doc: Doc, currency: str | None = None) -> Reading | None:
    """The reading of ``doc`` with the leading digit dropped from those amounts of the totals block
    (the subtotal, the amount each line between it and the total charges, the total, and the total
    printed again below it) that make subtotal + charges = total exactly, where they do not as
    printed: a sign blurred on a phone photo comes out a different digit on each amount (``Subtotal
    634.69`` / ``Tax 82.17`` / ``Service Charge 86.24`` / ``TOTAL 343.10`` / ``VISA 543.10``).
    Of several such readings, the one the receipt's other checks support most (cash given minus
    change: ``Sub Total 4549.47`` / ``Tax 054.39`` / ``Amount Due 1553.86`` add up both as 549.47 +
    4.39 and as 49.47 + 4.39, and ``Cash 60.00`` / ``Change 56.14`` say the second), then the one
    that drops fewest; none may keep a digit it drops elsewhere (``signs_kept``) unless no reading
    can (``Sub Totel 44.24`` / ``Tax 3.10`` / ``Amount Due 447.34``: the subtotal's own 4, the
    total's sign read as one), and the charges come to less than half of the subtotal. Of readings the checks
    support alike, one that drops more where the tie-breakers favour it and no item's price stands over its total
    (``SubTOTAL 569.72`` / ``Sales Tax 34.36`` / ``TotaL 574.08`` / ``Cash 580.00`` / ``Change 35.92``: a tax of
    0.8 % on 569.72, of 6.25 % on 69.72); where items close in tax flags (a grocer's few taxed items) a sales tax's
    share is no tie-breaker, the prices and a printed rate are (``S14.42 N`` ... ``SUBTOTAL 539.41`` / ``SALES TAX
    8.25% 33.25`` / ``BALANCE DUE 542.66``: 39.41, 3.25, 42.66). ``currency``: the receipt's, for its sales taxes'
    shares. None where the block adds up as printed, or no reading does."""
    subtotal, total = labelled_subtotal_and_total(doc)
    if subtotal is None or total is None:
        return None
    fits = []
    labelled = [total, *_bill_above(doc, subtotal, total)]
    # or a bill whose label OCR lost ("333, 12")
    for rank, bill in enumerate([*labelled, *unlabelled_under(doc, subtotal)]):
        block = _totals_block(doc, subtotal, bill)
        if block is None:
            continue
        readings = [_with_and_without_sign(doc.lines[li].amounts[ai]) for li, ai in block]
        printed = [doc.lines[li].amounts[ai].value for li, ai in block]
        for values in itertools.product(*readings):
            added = values[1:-1]
            if values[0] + sum(added) != values[-1] or any(c <= 0 for c in added) \
                    or sum(added) >= MAX_CHARGES_SHARE * values[0]:
                continue
            drops = sum(_digits_dropped(p, v) for v, p in zip(values, printed))
            if drops == 0 and rank < len(labelled):
                return None
            if drops:
                fits.append((bool(signs_kept(printed, values)), drops, rank, values, block, printed))
    consistent = [fit for fit in fits if not fit[0]] or fits  # a price's own first digit may be the sign's
    settlings = [_reading(_settled(doc, values, block, printed), ANY_DIGIT, doc)
                 for *_, values, block, printed in sorted(consistent, key=lambda fit: fit[:3])[:MAX_SETTLINGS]]
    best = max(settlings, key=lambda reading: reading.support, default=None)
    if best is None:
        return best
    sales_tax = not _items_tax_flagged(doc, subtotal)
    bar = _tie_breakers(best, doc, currency, sales_tax)
    rivals = [(favoured, reading) for reading in settlings if reading.support == best.support
              and (favoured := _tie_breakers(reading, doc, currency, sales_tax)) > bar and not _below_an_item(reading)]
    return max(rivals, key=lambda rival: rival[0], default=(bar, best))[1]


def _adds_up_as_printed(doc: Doc) -> bool:
    """The labelled subtotal and the amounts under it make the labelled total as printed."""
    subtotal, total = labelled_subtotal_and_total(doc)
    block = _totals_block(doc, subtotal, total) if subtotal is not None and total is not None else None
    printed = [doc.lines[li].amounts[ai].value for li, ai in block or ()]
    return bool(printed) and printed[0] + sum(printed[1:-1]) == printed[-1]


# a price's tax flag closing an item's line (``KS PAPER TOWEL 22.99 A``, ``BANANAS 2.49 E``, ``TOWELS 4.99 GC``)
_TAX_FLAG_RE = re.compile(r"\d[.,]\d\d\s+(?:[A-Z]{1,2}|\*)$")
_FLAGGED_ITEMS = 2


def _items_tax_flagged(doc: Doc, subtotal: Pick) -> bool:
    """Items above the ``subtotal`` close in a tax flag: a grocer taxing a few of them, its tax a small share of the
    bill by nature (no share tells two readings of its totals block apart)."""
    return sum(1 for line in doc.lines[:subtotal.line] if _TAX_FLAG_RE.search(line.text.strip())) >= _FLAGGED_ITEMS


def _bill_above(doc: Doc, subtotal: Pick, total: Pick) -> list[Pick]:
    """The total's first printing under the subtotal, where the total picked is a later one that
    the labels tie with it (the bill's ``TotAL 431.83`` over the card slip's ``Anount 431.83``)."""
    for line in doc.lines[subtotal.line + 1:total.line]:
        if any(a.has_decimals and a.value == total.value for a in line.amounts):
            return [Pick(total.value, line.index, total.confidence)]
    return []


def _settled(doc: Doc, values: Sequence[Decimal], block: list[tuple[int, int]], printed: Sequence[Decimal]) -> Doc:
    """``doc`` with the block's amounts read as ``values``, and the amounts under its total as
    ``_below_the_bill`` reads them."""
    settled = {(li, ai): v for v, (li, ai) in zip(values, block) if v != doc.lines[li].amounts[ai].value}
    bill, bill_line = values[-1], block[-1][0]
    dropped = "".join({f"{p:f}"[0] for p, v in zip(printed, values) if _digits_dropped(p, v) == 1})
    as_the_block = _with_settled(doc, settled, bill, bill_line, dropped)
    if dropped and not cash_pays(as_the_block, bill):
        # the block's signs came out different digits: so may cash's and change's, which then pay the bill
        any_sign = _with_settled(doc, settled, bill, bill_line, ANY_DIGIT)
        return any_sign if cash_pays(any_sign, bill) else as_the_block
    return as_the_block


def _with_settled(doc: Doc, settled: dict[tuple[int, int], Decimal], bill: Decimal, bill_line: int,
                  dropped: str) -> Doc:
    lines = []
    for line in doc.lines:
        amounts = tuple(replace(a, value=settled[(line.index, i)]) if (line.index, i) in settled
                        else _below_the_bill(a, bill, dropped) if line.index > bill_line else a
                        for i, a in enumerate(line.amounts))
        lines.append(replace(line, amounts=amounts) if amounts != line.amounts else line)
    return replace(doc, lines=tuple(lines))


def _below_the_bill(amount: Amount, bill: Decimal, dropped: str) -> Amount:
    """An amount under the settled total: the bill printed again without its sign (``VISA
    543.10``), or an amount whose sign came out a digit the block's signs did (the card slip's
    ``Tip 512.75`` / ``TOTAL 597.77``), unless that leaves a zero in front (``CASH 100.00``)."""
    if amount.value == bill:
        return amount  # the card slip's ``Amount 142.29`` under ``TOTAL 8142.29``: the bill itself
    if bill in _with_and_without_sign(amount)[1:]:
        return replace(amount, value=bill)
    unsigned = _unsigned(amount, dropped)
    return amount if f"{unsigned.value:f}".startswith("0") else unsigned


def _totals_block(doc: Doc, subtotal: Pick, total: Pick) -> list[tuple[int, int]] | None:
    """(line, amount index) of the subtotal, each charge between it and the total, and the total."""
    charges = charges_between(doc, subtotal, total)
    first, last = _priced_at(doc, subtotal), _priced_at(doc, total)
    if charges is None or not first or not last or not charges:
        return None
    return [*first, *charges, *last]


def _priced_at(doc: Doc, pick: Pick) -> list[tuple[int, int]]:
    """The (line, index) of the picked amount's last printing on its line, if it prints there."""
    amounts = doc.lines[pick.line].amounts
    return [(pick.line, i) for i, a in enumerate(amounts)
            if a.has_decimals and not a.measure and a.value == pick.value][-1:]


def _with_and_without_sign(amount: Amount) -> tuple[Decimal, ...]:
    """The amount as read, and without its leading digit where that may be a misread sign, or
    without its two leading digits where the sign came out two glyphs (``1583.20`` for $83.20)."""
    unsigned = _unsigned(amount, ANY_DIGIT)
    if unsigned is amount:
        return (amount.value,)
    twice = _unsigned(unsigned, ANY_DIGIT)
    return (amount.value, unsigned.value) if twice is unsigned else (amount.value, unsigned.value, twice.value)


def _digits_dropped(printed: Decimal, value: Decimal) -> int:
    return len(f"{abs(printed):f}") - len(f"{abs(value):f}")


def _below_a_price(reading: Reading) -> bool:
    """The total is smaller than a price printed above it, even without a leading digit that may
    be that price's own sign (``2 @ 12.61`` / ``CHICKEN BREAST 325.22`` under a total of 76.67), and
    nothing took money off: no reading of a real receipt."""
    total = reading.totals.total
    return total is not None and _over_the_total(reading, reading.doc.lines[:max(total.line, 0)])


def _below_an_item(reading: Reading) -> bool:
    """``_below_a_price``, of the items' prices only: above the totals block (its first total, subtotal or tax
    line), not a time after a date (``27 Mar 2018 18.46``). A grocer's tax on its few taxable items is a small share
    of the bill, and a reading that drops the first digit the totals block shares (``SUBTOTAL 65.61`` / ``GST 5%
    0.29`` / ``TOTAL 65.90``) gives a likelier share of a bill of 5.90 under a ``PORK PIECE 14.87``."""
    total = reading.totals.total
    if total is None or any(has_keyword(line.text, _PRICES_NOT_PAID) for line in reading.doc.lines):
        return False  # a void, a return, a markdown, a price struck out: a price over the bill says nothing
    end = next((line.index for line in reading.doc.lines[:max(total.line, 0)]
                if has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL + SUBTOTAL + TAX)), total.line)
    taken_off = {-a.value for line in reading.doc.lines for a in line.amounts if a.value < 0}  # its minus printed
    priced = [replace(line, amounts=tuple(a for a in line.amounts if a.value not in taken_off))
              for line in reading.doc.lines[:max(end, 0)] if not holds_a_date(line.text)]
    return _over_the_total(reading, priced)


_PRICES_NOT_PAID = ("VOID", "RETURN", "REFUND", "MARKDOWN", "WAS", "REG PRICE", "REGULAR", "ORIG", "CORRECTION",
                    "STORNO")


def _over_the_total(reading: Reading, lines: Sequence[Line]) -> bool:
    """A price on ``lines`` is over the reading's total, with or without a first digit that may be its sign, and no
    line takes money off."""
    total = reading.totals.total
    if total is None or any(has_keyword(line.text, _PRICE_CUTS) for line in reading.doc.lines):
        return False
    return any(a.value > total.value and (sign_digit_dropped(a.value, _TWO_SIGNS) or a.value) > total.value
               for line in lines for a in line.amounts if a.has_decimals and not a.measure)


def _cents_only(reading: Reading) -> bool:
    """The reading's total lost all its whole units (``80.38`` -> ``0.38``): the digit was the
    amount's own, not a sign; a bill of less than one dollar or pound is no restaurant's or shop's."""
    total = reading.totals.total
    return total is not None and 0 <= total.value < 1


def _tie_breakers(reading: Reading, printed: Doc, currency: str | None, sales_tax: bool = True) -> int:
    """What decides between two readings the checks support alike: the prices add up to the
    subtotal, the tax is the share of the total a single included rate gives (the country's GST,
    else the rate printed beside the tax), or (``sales_tax``) a sales tax's share of the bill that the country's
    rates give; and the total is not below the subtotal, and is its line's amount."""
    share = _gst_share(reading, currency) or _printed_rate_share(reading) \
        or sales_tax and _sales_tax_share(reading, currency)
    return _prices_add_up(reading, printed) + share + _total_over_its_subtotal(reading) + _total_as_printed(reading) \
        + _total_over_its_prices(reading)


def _total_as_printed(reading: Reading) -> bool:
    """The reading's total is the amount its total's line prints as the reading reads it, not one
    computed in its place (``Balance Due 678.84`` / ``Cash 80.00`` / ``Change 41.16``: 38.84 is cash
    less change as printed, 78.84 both the balance and cash less change read without the signs)."""
    total = reading.totals.total
    return total is not None and 0 <= total.line < len(reading.doc.lines) and any(
        a.value == total.value for a in reading.doc.lines[total.line].amounts)


def _total_over_its_subtotal(reading: Reading) -> bool:
    """The reading's total is its subtotal or more, by less than the subtotal again (what taxes,
    charges and a tip add): ``Subtotal 950.16`` / ``CASH 560.00`` / ``CHANGE 56.33`` pays 503.67 as
    printed, less than the subtotal; without the signs' digits 53.67 on 50.16."""
    subtotal, total = reading.totals.subtotal, reading.totals.total
    return subtotal is not None and total is not None and 0 < subtotal.value <= total.value < 2 * subtotal.value


def _total_over_its_prices(reading: Reading) -> bool:
    """No subtotal read: the reading's total is the prices above the totals or more, by less than they
    come to again (``totals.total_over_the_prices``)."""
    total = reading.totals.total
    return reading.totals.subtotal is None and total is not None and 0 <= total.line < len(reading.doc.lines) \
        and total_over_the_prices(reading.doc, total)


# the share of the bill before tax that sales taxes come to: US states and cities (about 3 % to
# 11.5 %), Canada's GST, PST and HST (5 % to 15 %)
SALES_TAX_SHARES = {"USD": (Decimal("0.025"), Decimal("0.12")), "CAD": (Decimal("0.045"), Decimal("0.16"))}


def _sales_tax_share(reading: Reading, currency: str | None) -> bool:
    """The reading's tax is a share of the bill before it that the country's sales taxes give
    (``Tax 2.47`` on ``Subtotal 35.24``: 7 %; not on 535.24)."""
    shares, tax = SALES_TAX_SHARES.get(currency or ""), reading.totals.tax
    base = reading.totals.subtotal or reading.totals.total
    if shares is None or tax is None or base is None or not tax.value:
        return False
    return tax_share(tax.value, base.value if reading.totals.subtotal else base.value - tax.value, shares)


# currencies of countries with one rate of goods and services tax, included in the prices
GST_RATES = {"AUD": Decimal(10), "NZD": Decimal(15)}


def _gst_share(reading: Reading, currency: str | None) -> bool:
    """The reading's tax is the GST its total includes at the country's one rate (``Total 19.95``
    / ``Includes GST of 1.81``: 19.95 x 10/110)."""
    rate, total, tax = GST_RATES.get(currency or ""), reading.totals.total, reading.totals.tax
    if rate is None or total is None or tax is None or not tax.value:
        return False
    share = total.value * rate / (100 + rate)
    return abs(share - tax.value) <= Decimal("0.005")


def _printed_rate_share(reading: Reading) -> bool:
    """The reading's tax is what the rate printed beside it comes to on its total: included in it
    (``GST @6%: 0.39`` of ``Total 6.90``; ``MwSt 19% 1,60`` of ``SUMME 10,00``) or added to the
    amount before it (``TAX 8.25% 1.65`` on ``Total 21.65``)."""
    total, tax, rate = reading.totals.total, reading.totals.tax, reading.totals.tax_rate
    if total is None or tax is None or not tax.value or not rate or rate <= 0:
        return False
    return is_tax_of_gross(tax.value, total.value, rate) or is_tax_of_net(tax.value, total.value - tax.value, rate)


def _prices_add_up(reading: Reading, printed: Doc) -> bool:
    """The prices above the reading's subtotal add up to it, as printed or as the reading has them
    (a sign on the totals block only, or on every amount): what decides between two readings that
    both add up below it (``Sub Total 5113.39`` / ``Tax 7.09`` / ``Amount Due 5120.48``); with no
    subtotal read, a line makes it unlabelled (``unlabelled_subtotal``), or the prices above the tax
    add up to the total less the tax."""
    subtotal, tax, total = reading.totals.subtotal, reading.totals.tax, reading.totals.total
    if subtotal is None and total is not None and unlabelled_subtotal(reading.doc, total) is not None:
        return True
    if subtotal is None:  # its label garbled: the prices above the tax and the tax make the total
        return tax is not None and total is not None and 0 <= tax.line < total.line and any(
            prices_add_up(doc, tax.line, total.value - tax.value) for doc in (printed, reading.doc))
    return any(prices_add_up(doc, subtotal.line, subtotal.value) for doc in (printed, reading.doc))


def _a_sign_throughout(doc: Doc, digit: str) -> bool:
    """``_signed_throughout``; for a 4 (a price's own first digit as often as a sign's), every amount of two or more
    whole digits from the first total's line down opens with it too (``Toial 4102.44`` / ``DEBIT 4102.44``; not
    ``TOTAL 52.50`` / ``DISCOUNT -5.25`` / ``BALANCE DUE 47.25``)."""
    if not _signed_throughout(doc, digit):
        return False
    if digit not in _PRICES_FIRST_DIGIT:
        return True
    totals = (line.index for line in doc.lines if has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL))
    first = next(totals, len(doc.lines))
    below = [f"{abs(a.value):f}" for line in doc.lines[first:] for a in line.amounts
             if a.in_cents and not a.measure and abs(a.value) >= 10]
    return len(below) >= 2 and all(text[0] == digit for text in below)


def _signed_throughout(doc: Doc, digit: str) -> bool:
    """Nearly every amount of two or more integer digits starts with ``digit``: a currency sign
    read as it, where the arithmetic cannot tell (``SUBTOTAL 822,35`` / ``TOTAL 822,35`` / ``VISA
    822,35``). Leading digits of real prices are spread out; one digit on three or more of them,
    or on two beside a sign that OCR did read, is the sign. Where a price printed without the digit costs
    more than every amount less it would, the share is of the amounts' values, each less the digit: the total
    printed again on the card slip is one price's first digit, not two (``Subtotal 54.72`` / ``Amount Due 58.55``
    / ``Amount 58.55`` under ``Fish Tacos 44.25``: two of three), and an amount printed with and without it one
    value (``Balance 100.00`` / ``Subtotal 8100.00`` / ``8100.00``: one of one)."""
    amounts = [a for line in doc.lines for a in line.amounts
               if a.in_cents and not a.measure and abs(a.value) >= 10]
    starting = [a for a in amounts if f"{abs(a.value):f}"[0] == digit and a.currency is None]
    signed_elsewhere = any(a.currency is not None for line in doc.lines for a in line.amounts)
    enough = len(starting) >= 3 or (len(starting) == 2 and signed_elsewhere)
    if not enough or len(starting) < _SIGNED_SHARE * len(amounts):
        return False
    unsigned = [a.value for a in amounts if a not in starting]
    starting_values = _values_less(starting, digit)
    if not unsigned or max(unsigned) <= max(starting_values):
        return True  # ``Club Sandwich 12.99`` / ``TOTAL 622.35`` / ``VISA 622.35`` / ``Amount 622.35``
    return len(starting_values) >= _SIGNED_SHARE * len(_values_less(amounts, digit))


def _values_less(amounts: Sequence[Amount], digit: str) -> set[Decimal]:
    """The amounts' values, each without ``digit`` where it opens one that has no sign read."""
    texts = (f"{abs(a.value):f}" for a in amounts)
    return {Decimal(text[1:]) if text[0] == digit and a.currency is None else Decimal(text)
            for a, text in zip(amounts, texts)}


def _reading(doc: Doc, digit: str | None, printed: Doc | None = None) -> Reading:
    totals = find_totals(doc)
    checks = total_checks(doc, totals)
    if printed is None:
        return Reading(doc, totals, checks)
    unsigned = frozenset(line.index for line, first in zip(doc.lines, printed.lines) if line is not first)
    total = totals.total
    repeated = total is not None and _distinctive(total.value) and any(
        a.value == total.value for line in printed.lines if line.index != total.line for a in line.amounts)
    if repeated and "printed_again" not in checks:
        checks += ("printed_again",)
    return Reading(doc, totals, checks, digit, unsigned, repeated)


def without_sign_digit(doc: Doc, digits: str) -> Doc | None:
    """``doc`` with the leading digit dropped from every priced amount of two or more integer
    digits that starts with one of ``digits`` (and has no sign read beside it); None when fewer
    than two amounts do (a single one is the business of ``parse.totals``' own check)."""
    changed = 0
    lines: list[Line] = []
    for line in doc.lines:
        amounts = tuple(_unsigned(amount, digits) for amount in line.amounts)
        changed += sum(new is not old for new, old in zip(amounts, line.amounts))
        lines.append(replace(line, amounts=amounts) if amounts != line.amounts else line)
    return replace(doc, lines=tuple(lines)) if changed >= _MIN_SIGNED else None


def _unsigned(amount: Amount, digits: str) -> Amount:
    text = f"{abs(amount.value):f}"
    whole = text.split(".")[0]
    if not amount.has_decimals or amount.measure or amount.currency or len(whole) < 2 or whole[0] not in digits:
        return amount
    value = Decimal(text[1:])
    if not value:
        return amount  # "CASH 80.00" is no $0.00
    return replace(amount, value=-value if amount.value < 0 else value)
