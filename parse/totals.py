"""Total, subtotal, tax, tip: labelled amounts chosen by keyword strength and arithmetic."""
from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from .amounts import CURRENCY_CODE_RE, CURRENCY_WORD_RE, Amount, find_amounts
from .layout import Doc, Line, holds_a_date, keyword_end, value_after
from .text import (
    ascii_upper, find_keyword, fold, has_keyword, one_letter_lost, one_letter_off, squash_spaces, summe_ms_mended,
)
from .vat import MAX_TAX_SHARE, RATE_RE, TAX, Vat, find_vat, is_tax_of_gross, is_tax_of_net, rate_of

# Strongest first. Each keyword names the final amount to pay.
FINAL_TOTAL = (
    "GRAND TOTAL", "ROUNDED TOTAL", "TOTAL ROUNDED", "ROUND TOTAL", "NETT TOTAL", "NET TOTAL",
    "TOTAL AMOUNT PAYABLE", "AMOUNT PAYABLE", "TOTAL PAYABLE", "TOTAL DUE", "AMOUNT DUE", "BALANCE DUE",
    "TOTAL TO PAY", "TOTAL AFTER ROUNDING", "AFTER ROUNDING", "ROUNDED", "ZU ZAHLEN", "ZAHLBETRAG", "GESAMTBETRAG",
    "ENDBETRAG", "A PAYER", "NET A PAYER", "A PAGAR", "TOTAL A PAGAR", "A BETALE", "ATT BETALA", "DO ZAPLATY",
    "TE BETALEN",
)
PLAIN_TOTAL = ("TOTAL", "SUMME", "GESAMT", "TOTAAL", "BETRAG", "AMOUNT", "TOTALE", "JUMLAH", "DUE", "SOMME",
               "KOKKU", "UKUPNO", "RAZEM", "SUMA", "TOTALT", "I ALT", "YHTEENSA", "IMPORTE", "TTL")
SUBTOTAL = ("SUBTOTAL", "SUB TOTAL", "SUB-TOTAL", "ZWISCHENSUMME", "TOTAL BEFORE TAX", "TOTAL EXCL",
            "AMOUNT EXCL", "NETT OF TAX", "NET OF TAX", "TOTAL NET", "NETTO", "TOTAL HT", "SUBTTL", "SUB TTL",
            "SOUS-TOTAL", "SOUS TOTAL", "SBTL", "MDSE ST")  # a fast-food till's and a thrift store's abbreviations
TIP = ("TIP", "GRATUITY", "TRINKGELD", "POURBOIRE")
# a guide to what the guest might add ("Suggested Gratuity: 18% = 7.63"), nothing paid
TIP_SUGGESTION = ("SUGGEST", "SUGGESTED", "GUIDE", "CALCULATOR", "RECOMMENDED", "SUGGESTION", "SUGGESTIONS",
                   "FOR YOUR CONVENIENCE", "TIP OPTIONS", "GRATUITY OPTIONS", "TIP AMOUNTS", "TIP CHART",
                   "TIP PERCENTAGES")
_SUGGESTION_BLOCK = 5  # lines under such a heading that list percentages
SERVICE_CHARGE = ("SERVICE CHARGE", "SERVICE CHG", "SVC CHG", "SERVICE FEE", "BEDIENUNG", "SERVICIO", "SERVIZIO",
                  "COPERTO", "AUTO GRAT", "AUTO GRATUITY", "AUTOGRAT", "INCLUDED GRATUITY")  # a party's, by the house
# Amounts that are not the total even when a "TOTAL" keyword shares their line.
NOT_TOTAL = (
    "CHANGE", "TENDERED", "CASH", "RÜCKGELD", "GEGEBEN", "BAR", "CHANGE DUE", "RENDU", "ROUNDING",
    "ADJUSTMENT", "DISCOUNT", "SAVINGS", "SAVING", "SAVED", "RABATT", "POINTS", "PUNKTE", "QTY", "QUANTITY", "COUPON",
    "COUPONS",
    "PROMOTION", "PROMOTIONS",
    "ITEMS", "ITEM", "COUNT", "ANZAHL", "ARTIKEL", "SUPPLIES", "INCLUDES", "INCLUDED", "EXCLUDING", "TAX", "GST",
    "VAT", "MWST", "SST", "UST", "IVA", "TVA", "BTW", "HST", "PST", "DEPOSIT", "PFAND", "WEIGHT", "TIP",
    "GRATUITY", "BALANCE", "PREVIOUS",
    # a split bill's share: "Total / Comensal 62,00" under the bill's total
    "PER PERSON", "PRO PERSON", "PAR PERSONNE", "POR PERSONA", "COMENSAL", "PER GUEST", "PER COVER",
)
# the shop's VAT or company registration number ("Vat Number: 660 4548 36", "Company No. 04031467"): no tax
REGISTRATION_NUMBERS = ("VAT NO", "VAT NUMBER", "VAT REG", "VAT REGISTRATION", "COMPANY NO", "COMPANY NUMBER")
NOT_TAX = ("TAX INVOICE", "INVOICE", "GST ID", "GST REG", "GST NO", "REG NO", "TAX ID", "SUMMARY", "INCLUSIVE",
           "INCL", "INKL", "STEUER NR", "STEUERNR", "UST ID", "USTID", "ST NR", "EXEMPT", "TAXABLE", "RELIEF", "CODE",
           "NR", "EXCL", "EXCLUDING", "EXCLUSIVE", "OHNE", "NET", "NETT", "NETTO", "BEFORE") + REGISTRATION_NUMBERS
_TOTAL_INCLUDES_TAX = re.compile(r"\bIN[CK][LI1|\]]")
_TAX_INCLUDED = re.compile(r"\bINCLUDE[SD]?\b|\bENTHALTEN|\bENTH\.|\bINCLUDED\b")
# "INCL. GST", "Inclusive of VAT", "exkl. MwSt" (OCR may garble the first word): qualifies a total
_TAX_QUALIFIER = re.compile(r"\b(?:IN|EX|I[RN])[A-Z\]|]*\.?\s*(?:OF\s+)?(?:GST|VAT|TAX|MWST|SST|UST|IVA|TVA|BTW|HST)\b")
_SUMMARY = ("SUMMARY", "ZUSAMMENFASSUNG", "TAX ANALYSIS", "VAT ANALYSIS", "MWST-SATZ", "MWST SATZ")
_PAID_SCORE = 2.2  # between a plain "TOTAL" label and one that names the final amount
CASH_GIVEN = ("CASH", "TENDERED", "GEGEBEN", "BAR", "BARGELD", "ESPECES", "TUNAI", "PAID", "PAYMENT", "PAY",
              "CONTANT", "CONTANTI", "ENTREGADO", "EFECTIVO", "DINHEIRO")


_CHANGE = ("CHANGE", "RÜCKGELD", "ZURÜCK", "RENDU", "BAKI", "WECHSELGELD", "WISSELGELD", "CAMBIO", "TROCO",
           "RESTO")


@dataclass(frozen=True)
class Pick:
    value: Decimal
    line: int
    confidence: float


@dataclass(frozen=True)
class Totals:
    total: Pick | None
    subtotal: Pick | None
    tax: Pick | None
    tax_rate: Decimal | None
    tip: Pick | None
    rounding: Pick | None = None  # a printed cash-rounding adjustment (``ROUNDING ADJ -0.02``)


def labelled_subtotal_and_total(doc: Doc) -> tuple[Pick | None, Pick | None]:
    """The subtotal and the total as their labels give them, before any arithmetic."""
    return _labelled(doc, SUBTOTAL), _pick_total(doc)


def find_totals(doc: Doc) -> Totals:
    total = _pick_total(doc)
    subtotal = _labelled(doc, SUBTOTAL)
    tax, rate = _pick_tax(doc, total, subtotal)
    total = _sum_in_a_garbled_total(doc, total, subtotal, tax)
    tip = _pick_tip(doc, total)
    if tax is None:  # no tax added to the prices: the VAT included in them, if printed
        total = _last_digit_read(doc, total, subtotal, tax)  # "Summe 5,2A": the VAT table's gross may say it
        paid, paid_tip = _paid_with_tip(doc, total, tip)
        vat = find_vat(doc, paid.value if paid else None)
        if vat is not None:
            return Totals(paid, _net_subtotal(subtotal, vat, paid), Pick(vat.tax, vat.lines[-1], 0.7), vat.rate,
                          paid_tip, _rounding_adjustment(doc))
    if total and tax and (subtotal is None or subtotal.value == total.value):
        with_tax = _total_after_tax(doc, total, tax)
        if with_tax is not None:
            total, subtotal = with_tax, Pick(total.value, total.line, 0.6)
    total, subtotal, tax, tip = _sign_read_as_digit(doc, total, subtotal, tax, tip)
    total = _signed_over_a_blank_tip(doc, total, subtotal, tax)
    total = _last_digit_read(doc, total, subtotal, tax)
    total = _twin_that_adds_up(doc, total, subtotal, tax)
    total = _comma_lost(doc, total)
    over = subtotal and total and subtotal.value > total.value and not _taken_off_between(doc, subtotal, total, tax) \
        and not _split_checks_share(doc, total)
    taxed = over and _tax_in_the_subtotal(doc, subtotal, tax)
    if taxed and 0 <= total.line < tax.line and total.value + tax.value == subtotal.value:  # the amount before it
        total, subtotal, over = Pick(subtotal.value, subtotal.line, 0.7), total, False
    if over:
        subtotal = _point_lost(subtotal, total, tax)
    if over and subtotal.value > total.value:
        subtotal = _unsigned_below(doc, subtotal, total)
    if over and subtotal and subtotal.value > total.value:
        subtotal = _subtotal_of_the_prices(doc, subtotal, total)
    if over and subtotal and subtotal.value > total.value:
        computed = subtotal.value + (tax.value if tax and not taxed else 0)
        if total.confidence < 0.9 and not _printed(doc, total.value, total.line) \
                and not _closes_the_charges(doc, subtotal, total):
            total = Pick(computed, subtotal.line, 0.4)
        else:
            subtotal = None
    if subtotal and total and tax and not over:
        subtotal = _subtotal_its_prices_and_tax_make(doc, subtotal, tax, total)
    total, tip = _paid_with_tip(doc, total, tip)  # the printed total once read right, then the tip on it
    total = _slips_sum_over_a_smeared_first_digit(doc, total, subtotal, tax, tip)
    total = _share_paid(doc, total)
    totals = Totals(total, subtotal, tax, rate, tip, _rounding_adjustment(doc))
    computed = _computed_total(doc, totals)
    return replace(totals, total=computed) if computed is not None else totals


_GARBLED_TOTAL_LINES = 3  # lines under the tax where the total's line may stand


def _tax_in_the_subtotal(doc: Doc, subtotal: Pick, tax: Pick | None) -> bool:
    """A card slip's ``AMOUNT 40.48`` / ``TAX 3.34`` / ``SUBTOTAL 43.82`` over its tip and total lines: the line
    above the tax prints the bill before it, the subtotal under them the bill with it."""
    if tax is None or not 0 < tax.line < subtotal.line:
        return False
    return any(amount.value + tax.value == subtotal.value for amount in doc.lines[tax.line - 1].amounts)

# a split bill's share under its total: "Split 4 Ways 25.70", "Check 2 of 3 25.70", "Split 1 of 2 25.70", "Per
# Person 25.70"; and the one that says it is this guest's to pay: "Your Share 25.70", "Amt Due This Guest 25.70"
_SHARE_RE = re.compile(r"\bSPLIT\s(?:BY\s\d{1,2}|CHECK)\b|\b(?:CHECK|SPLIT)\s?\d{1,2}\s?OF\s?\d{1,2}\b"
                       r"|\b\d{1,2}\s?WAYS\b|\bPER (?:PERSON|GUEST)\b|\bEACH\s?SHARE\b")  # not "SPLIT TENDER", "SHARE SIZE"
_OWN_SHARE_RE = re.compile(r"\bYOUR SHARE\b|\bTHIS GUEST\b")


def _share_paid(doc: Doc, total: Pick | None) -> Pick | None:
    """This guest's share of a split bill, printed under the bill's total, is what was paid where it
    says it is this guest's (``Your Share 25.70``) or a card pays it under it (``Split 4 Ways 25.70`` /
    ``MASTERCARD 4410 25.70``); else the total as it was."""
    if total is None:
        return total
    for line in doc.lines[total.line + 1:]:
        upper = ascii_upper(line.text)
        own = bool(_OWN_SHARE_RE.search(upper))
        if not line.amounts or not (own or _SHARE_RE.search(upper)) or not 0 < line.amounts[-1].value < total.value:
            continue
        share = line.amounts[-1].value
        if own or _tenders_pay_a_share(doc, total, share):
            return Pick(share, line.index, total.confidence)
    return total


def _split_checks_share(doc: Doc, total: Pick) -> bool:
    """The total read is one guest's share of a split check, on the split's line or right under it
    (``Split 1 of 2`` / ``Amount Due 31.55``): less than the bill's subtotal, as a share is."""
    return 0 <= total.line < len(doc.lines) and any(
        _SHARE_RE.search(upper) or _OWN_SHARE_RE.search(upper)
        for upper in (ascii_upper(line.text) for line in doc.lines[max(total.line - 1, 0):total.line + 1]))


def _tenders_pay_a_share(doc: Doc, total: Pick, share: Decimal) -> bool:
    """A card or cash line under the total pays ``share``, and the tenders do not pay the bill between
    them (``VISA 38.56`` / ``MASTERCARD 38.55``)."""
    tenders = [line.amounts[-1].value for line in doc.lines[total.line + 1:]
               if line.amounts and has_keyword(line.text, CARD_PAID + CASH_GIVEN)]
    return share in tenders and sum(tenders) != total.value


def _taken_off_between(doc: Doc, subtotal: Pick, total: Pick, tax: Pick | None) -> bool:
    """``ZWISCHENSUMME 10,48`` / ``COUPON RABATT -2,00`` / ``SUMME 8,48``: money taken off under the
    subtotal (with what else was rung up there, and the tax added) make the total less than the
    subtotal, as printed (``Zwischensumme 3,48`` / ``Tragetasche 0,20`` / ``Leergutbon -0,81`` / ``Summe 2,87``)."""
    if not 0 <= subtotal.line < total.line:
        return False
    between = [line.amounts[-1].value for line in doc.lines[subtotal.line + 1:total.line]
               if line.amounts and line.amounts[-1].has_decimals and (tax is None or line.index != tax.line)]
    added = tax.value if tax and subtotal.line < tax.line < total.line else 0
    taken_off = [value for value in between if value < 0]  # the savings' own sum ("TOTAL SAVINGS 1.85") aside
    return bool(taken_off) and total.value - added - subtotal.value in (sum(taken_off), sum(between, Decimal(0)))


def _sum_in_a_garbled_total(doc: Doc, total: Pick | None, subtotal: Pick | None, tax: Pick | None) -> Pick | None:
    """The subtotal plus the tax (or plus every charge between it and the total: the tax and a gratuity,
    a service charge, a tip keyed in), where the total label's line under them prints exactly its digits,
    a sign read as one more digit before them maybe, or one digit doubled (``32.554``), and its point
    read as another glyph or lost so that no amount in cents was read on it (``SUBTOTAL 33.48`` / ``Tax
    2.76`` / ``TOTAL 736*24``; ``Gratuity 20% 22.79`` / ``TOTAL 14587``; ``Bal Due`` over ``1687``), while
    the total read is another amount (cash given less change, both misread); else ``total``."""
    if subtotal is None or tax is None or not 0 <= subtotal.line <= tax.line:
        return total
    owed = subtotal.value + tax.value
    if total is not None and total.value == owed:
        return total
    for line in doc.lines[tax.line + 1:tax.line + 1 + _GARBLED_TOTAL_LINES]:
        if not _total_strength(line.text) or any(a.in_cents for a in line.amounts):
            continue  # an amount read on it is the readings' business
        written = _digits_after_the_label(doc, line)
        for due in (owed, _with_the_charges(doc, subtotal, line)):
            if due is not None and _written_as(written, due):
                return Pick(due, line.index, 0.7)
    return total


def _written_as(written: str, due: Decimal) -> bool:
    """The digits a total's line prints are ``due``'s, a sign read as one more digit before them maybe, or
    one of them read twice (``32554`` for 32.54)."""
    wanted = _cents_digits(due)
    return written == wanted or len(written) == len(wanted) + 1 and written.endswith(wanted) \
        or _one_digit_more(written, wanted, doubled=True)


# "1687", "$2174": a line holding nothing but the digits of an amount whose point was lost
_BARE_DIGITS_RE = re.compile(r"^\s*\$?\s?(\d{3,6})\s*$")


def _digits_after_the_label(doc: Doc, line: Line) -> str:
    """The digits a total's line prints after its label, or where it prints none, those of the line under
    it that holds nothing but digits (``Bal Due`` / ``1687``: the amount read as a line of its own)."""
    written = re.sub(r"\D", "", line.text[keyword_end(line.text, FINAL_TOTAL + PLAIN_TOTAL):])
    below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    bare = _BARE_DIGITS_RE.match(below.text) if below is not None and not written else None
    return bare[1] if bare else written


def _with_the_charges(doc: Doc, subtotal: Pick, line: Line) -> Decimal | None:
    """The subtotal and every amount charged between it and ``line`` (``charges_between``), where they
    are all positive and come to less than ``MAX_CHARGES_SHARE`` of it; else None."""
    charges = [doc.lines[li].amounts[ai].value
               for li, ai in charges_between(doc, subtotal, Pick(Decimal(0), line.index, 0)) or ()]
    if not charges or any(c <= 0 for c in charges) or sum(charges) >= MAX_CHARGES_SHARE * subtotal.value:
        return None
    return subtotal.value + sum(charges)


def _one_digit_more(longer: str, shorter: str, doubled: bool = False) -> bool:
    """``longer`` is ``shorter`` with one digit more (``3016`` for ``306``); where ``doubled``, one of its
    digits read twice (``32554`` for ``3254``)."""
    return len(longer) == len(shorter) + 1 and any(
        longer[:i] + longer[i + 1:] == shorter and (not doubled or longer[i] == longer[i + 1:i + 2])
        for i in range(len(longer)))


# digits OCR takes for one another inside an amount
_DIGIT_SLIPS = {frozenset(pair) for pair in ("68", "38", "08", "56", "17", "49", "69", "35", "01")}


def _computed_total(doc: Doc, totals: Totals) -> Pick | None:
    """A total read that nothing on the receipt agrees with gives way to the one its arithmetic
    computes (cash given minus change, volume x unit price) where the read total is that amount
    with one digit misread, or could not have been paid (more than the cash given, with change);
    or to the subtotal and the charges on it, where a tender under the total pays that too and the
    total read is it with one digit lost or read twice (``Total 30.6``, ``Total 300.80``)."""
    total = totals.total
    if total is None or total_checks(doc, totals):
        return None
    given, change = _cash_and_change(doc)
    unsigned_total = sign_digit_dropped(total.value, ANY_DIGIT)
    if unsigned_total is not None and unsigned_total in _paid_in_cash_readings(given, change):
        return Pick(unsigned_total, total.line, 0.7)  # "BALANCE DUe 456.78" / "CASH S60.00" / "ChaNGE DUE 53.22"
    paid = _paid_in_cash(given, change)
    computed = [(value, "metered") for value in sorted(metered_amounts(doc))]
    if paid is not None:
        computed.insert(0, (paid, "cash"))
    subtotal = totals.subtotal
    for value, source in computed:
        if value <= 0:
            continue
        over_cash = source == "cash" and paid != given and total.value > given and _printed_under(doc, total, given) \
            and not _rest_tendered(doc, total, paid)
        if subtotal is not None and subtotal.line != total.line and value < subtotal.value <= total.value:
            continue  # "Subtotal 58.28" / "Total 72.35" / "Cash 30.00" / "Change 7.65": 80.00 handed over
        if over_cash or _one_digit_slip(value, total.value) or source == "metered" and value == unsigned_total:
            return Pick(value, total.line, 0.6)  # "FUEL SALE 840.57": 13.008 gal at 3.119, its $ read as an 8
    owed = _sum_a_tender_pays(doc, totals, paid)
    if owed is not None and (_one_digit_slip(owed, total.value) or _one_digit_more_or_less(owed, total.value)):
        return Pick(owed, total.line, 0.6)
    tax = totals.tax
    if subtotal is not None and tax is not None and subtotal.line < tax.line < total.line \
            and not any(line.amounts for line in doc.lines[tax.line + 1:total.line]) and any(
            _first_digit_slip(subtotal.value + tax.value, read) for read in (total.value, unsigned_total) if read):
        return Pick(subtotal.value + tax.value, total.line, 0.6)  # "SUBTOTAL $35.00" / "TAX $1.53" / "CARD 656 53"
    return None


def _printed_under(doc: Doc, pick: Pick, value: Decimal) -> bool:
    """Cash handed over is printed under the total it pays, not above it among the items."""
    return any(a.value == value for line in doc.lines[pick.line + 1:] for a in line.amounts)


def _rest_tendered(doc: Doc, total: Pick, paid: Decimal) -> bool:
    """A line under the total that is no cash, change or balance line prints what the cash did not pay: another
    tender, its label maybe garbled (``TOTAL 15.46`` / ``FOOD TENDER 11.76`` / ``CASH 5.00`` / ``CHANGE 1.30``)."""
    rest = total.value - paid
    return any(a.value == rest for line in doc.lines[total.line + 1:] for a in line.amounts[-1:]
               if a.in_cents and not _change_line(line.text) and not has_keyword(line.text, CASH_GIVEN + _BALANCE_LEFT))


def _sum_a_tender_pays(doc: Doc, totals: Totals, paid: Decimal | None) -> Decimal | None:
    """The subtotal with the tax (or with every charge between it and the total) where a second witness
    agrees: the cash given less the change, or a card's or cash line under the total printing it (the cash
    handed over as printed too, before its change)
    (``Subtotal 27.70`` / ``Tax 2.46`` / ``Total 30.6`` / ``VISA 30.16``)."""
    subtotal, tax, total = totals.subtotal, totals.tax, totals.total
    if subtotal is None or total is None or not 0 <= subtotal.line < total.line:
        return None
    tendered = {a.value for line in doc.lines[total.line + 1:] if has_keyword(line.text, CARD_PAID + CASH_GIVEN)
                and not _change_line(line.text) for a in line.amounts if a.in_cents}
    if paid is not None:
        tendered.add(paid)
    sums = (subtotal.value + tax.value if tax else None, _with_the_charges(doc, subtotal, doc.lines[total.line]))
    return next((owed for owed in sums if owed is not None and owed in tendered), None)


def _one_digit_more_or_less(a: Decimal, b: Decimal) -> bool:
    """``b`` as read is ``a`` with any one digit lost or one more read (``30.6``, ``3.16``, ``300.80`` or
    ``30.880`` for 30.16, 33.16, 30.80): OCR's decoder drops a faint digit or collapses a repeated one, or
    repeats one."""
    shorter, longer = sorted((_cents_digits(a), f"{b:f}".replace(".", "")), key=len)
    return _one_digit_more(longer, shorter)


def _one_digit_slip(a: Decimal, b: Decimal) -> bool:
    first, second = f"{a:.2f}", f"{b:.2f}"
    if len(first) != len(second):
        return False
    differ = [(x, y) for x, y in zip(first, second) if x != y]
    return len(differ) == 1 and frozenset(differ[0]) in _DIGIT_SLIPS


def _first_digit_slip(owed: Decimal, total: Decimal) -> bool:
    """``total`` is ``owed`` with its first digit misread as a look-alike (56.53 for 36.53): the digit
    beside a currency sign OCR smeared; a tip or charge lost to the OCR changes a later digit, or more (and
    one printed between the tax and the total, or money taken off there, stops the rule: ``Service 20.00``)."""
    return _one_digit_slip(owed, total) and f"{owed:.2f}"[0] != f"{total:.2f}"[0]


def total_checks(doc: Doc, totals: Totals) -> tuple[str, ...]:
    """The receipt's own arithmetic that agrees with the total read, by name: subtotal + tax
    (+ tip) equals it (a subtotal equal to the total with nothing added is only a repeat), cash
    given minus change equals it, the tenders under it pay it between them, it is printed again
    (the card line), volume x unit price makes it, a VAT table's rows (net + tax = gross) add up
    to it, the card slip's amount and the tip written under it make it."""
    total = totals.total
    if total is None:
        return ()
    checks = []
    if totals.subtotal is not None and totals.subtotal.line != total.line:
        service = _labelled(doc, SERVICE_CHARGE)
        added = (totals.tax.value if totals.tax else Decimal(0)) + (service.value if service else Decimal(0))
        added += sum(_house_gratuities(doc, totals), Decimal(0))
        tips = {Decimal(0), totals.tip.value if totals.tip else Decimal(0)}
        if any(added + tip > 0 and abs(totals.subtotal.value + added + tip - total.value) <= _CHECK_TOLERANCE
               for tip in tips) or any(_charges_between_add_up(doc, totals.subtotal, bill)
                                       for bill in _bills(doc, totals)):
            checks.append("subtotal_plus_tax")
    if cash_pays(doc, total.value):
        checks.append("cash_minus_change")
    if _tenders_paying(doc, total):
        checks.append("tenders_sum")
    if _printed(doc, total.value, total.line) or _tip_on_a_repeated_total(doc, totals):
        checks.append("printed_again")
    if total.value in metered_amounts(doc):
        checks.append("quantity_times_price")
    if (vat := vat_table_gross(doc)) is not None and vat.value == total.value:
        checks.append("vat_table")
    if _tip_guide_agrees(doc, totals):
        checks.append("tip_guide")
    tip = totals.tip
    if tip is not None and 0 <= tip.line < total.line and _slips_amount_and_tip(doc, doc.lines[tip.line], tip.value,
                                                                                total.value):
        checks.append("slip_sum")  # the card slip's amount and the tip on it make the total
    return tuple(checks)


def _bills(doc: Doc, totals: Totals) -> list[Pick]:
    """The total, and where a tip was added on the card slip, the bill printed before it (the first
    line under the subtotal that prints the total less the tip)."""
    total, tip, subtotal = totals.total, totals.tip, totals.subtotal
    bills = [total]
    if tip is not None and tip.value and subtotal is not None:
        bill = total.value - tip.value
        bills += [Pick(bill, line.index, total.confidence) for line in doc.lines[subtotal.line + 1:tip.line]
                  if any(a.value == bill for a in line.amounts)][:1]
    return bills


MAX_CHARGE_LINES = 4  # lines of taxes, fees and gratuities between a subtotal and its total
MAX_CHARGES_SHARE = Decimal("0.5")  # taxes, fees and a house gratuity never come to half the bill


def _charges_between_add_up(doc: Doc, subtotal: Pick, total: Pick) -> bool:
    """The amounts printed between the subtotal and the total (``charges_between``) add up with
    the subtotal to the total: the tax, fees and a house gratuity, whatever their labels came out
    as (``Sales An 4.01`` / ``Gratity 18% 8.14``), and come to less than half of the subtotal."""
    charges = [doc.lines[li].amounts[ai].value for li, ai in charges_between(doc, subtotal, total) or ()]
    return bool(charges) and all(c > 0 for c in charges) and sum(charges) < MAX_CHARGES_SHARE * subtotal.value \
        and abs(subtotal.value + sum(charges) - total.value) <= _CHECK_TOLERANCE


def charges_between(doc: Doc, subtotal: Pick, total: Pick) -> list[tuple[int, int]] | None:
    """Where each line between the subtotal and the total charges an amount, that amount's (line,
    index): the line's last priced one (a rate may print before it: ``SALES TAX 6.258 54.42``, its
    % read as 8). None where the total is not below the subtotal or more than ``MAX_CHARGE_LINES``
    lines lie between."""
    if not 0 <= subtotal.line < total.line or total.line - subtotal.line - 1 > MAX_CHARGE_LINES:
        return None
    slots = []
    for line in doc.lines[subtotal.line + 1:total.line]:
        priced = [i for i, a in enumerate(line.amounts) if a.has_decimals and not a.measure]
        if priced:
            slots.append((line.index, priced[-1]))
    return slots


_GUIDE_SHARES = tuple(Decimal(share) / 100 for share in (10, 12, 15, 18, 20, 22, 25))
_MIN_GUIDE_ROWS = 2


def _tip_guide_agrees(doc: Doc, totals: Totals) -> bool:
    """Two or more rows of the tip guide work out from the total read (or its subtotal): a usual share
    of it (``15% = 18.43`` of 122.85), or the tip and what the bill comes to with it (``18.43  Total
    141.28``)."""
    total, tip = totals.total, totals.tip
    bases = {total.value} | ({totals.subtotal.value} if totals.subtotal else set())
    if tip is not None:  # the guide's bill, before the tip paid on it
        bases.add(total.value - tip.value)
    headings = [line.index for line in doc.lines if has_keyword(line.text, TIP_SUGGESTION)]
    agreeing = 0
    for line in doc.lines:
        amounts = [a.value for a in line.amounts if a.has_decimals]
        under_heading = any(0 < line.index - heading <= _SUGGESTION_BLOCK for heading in headings)
        if not amounts or not (under_heading or _tip_suggestion(doc, line)):  # "158 S18,43": its % read as 8
            continue
        tip = amounts[0]
        shares = {(base * share).quantize(_CENT, rounding=ROUND_HALF_UP) for base in bases for share in _GUIDE_SHARES}
        if tip in shares or (len(amounts) >= 2 and amounts[1] - tip == total.value):
            agreeing += 1
    return agreeing >= _MIN_GUIDE_ROWS


def _house_gratuities(doc: Doc, totals: Totals) -> list[Decimal]:
    """Gratuities the house added to the bill (``Gratuity 18%`` between the subtotal and the bill's
    total) where the tip paid is another one, under the bill (keyed in at the card terminal)."""
    tip = totals.tip
    if tip is None or totals.subtotal is None:
        return []
    return [other.value for other in _tips(doc)
            if other.line != tip.line and totals.subtotal.line < other.line < tip.line]


def _tip_on_a_repeated_total(doc: Doc, totals: Totals) -> bool:
    """The total paid is the bill plus a tip written above it, and the bill is printed twice
    (``Total 56.32`` and the card slip's ``Amount: 56.32``), as a total with no tip would be."""
    total, tip = totals.total, totals.tip
    if total is None or tip is None or not tip.value or tip.line > total.line:
        return False
    bill = total.value - tip.value
    return sum(1 for line in doc.lines if any(a.value == bill for a in line.amounts)) >= 2


# "10.875 @ $2.399/GAL", "2.516G" over "PRICE/GAL $2.659", "32,15 l x 1,789 EUR/l": fuel sold by volume
_METERED_RE = re.compile(
    r"(?P<q>\d{1,4}[.,]\d{2,3})\s?(?:G|GAL|GALLONS?|L|LTR|LITRES?|LITERS?)?\s?[@xX*]\s?(?:[$€£]|EUR)?\s?"
    r"(?P<p>\d{1,2}[.,]\d{2,3})(?!\d)")
# "41.07 L @ 152.9p/L", "32.15 @ 145.9 PPL": a UK pump's price in pence per litre
_PENCE_METERED_RE = re.compile(
    r"(?P<q>\d{1,4}[.,]\d{2,3})\s?(?:L|LTR|LITRES?)?\s?[@xX*]\s?(?P<p>\d{2,3}[.,]\d)\s?(?:PPL|P)(?![A-Z])")
_PENCE = Decimal(100)
_VOLUME_RE = re.compile(r"(?P<q>\d{1,4}[.,]\d{2,3})\s?(?:G|GAL|GALLONS?|L|LTR|LITRES?|LITERS?)\b"
                        r"|(?:GALLONS?|GALS?|LITRES?|LITERS?|VOLUME|MENGE)\W{0,3}(?P<after>\d{1,4}[.,]\d{3})(?![\d.,])")
_UNIT_PRICE_RE = re.compile(r"(?:PRICE|PREIS)\s?/\s?(?:G|GAL|GALLON|L|LTR|LITRE|LITER)\b\D{0,6}(?P<p>\d{1,2}[.,]\d{2,3})")


# a pump table's header (``Pump Gallons Price``) over its row (``07 12.448 $4.299``): the units named once
_TABLE_VOLUME_RE = re.compile(r"\b(?:GALLONS?|LITRES?|LITERS?)\b")
_TABLE_PRICE_RE = re.compile(r"\bPRICE\b")
_THREE_DECIMALS_RE = re.compile(r"(?<![\d.,])\d{1,4}[.,]\d{3}(?![\d.,])")


def metered_amounts(doc: Doc) -> set[Decimal]:
    """Volume x unit price printed on the receipt (a fuel sale), rounded to cents."""
    quantities: list[Decimal] = []
    prices: list[Decimal] = []
    found: set[Decimal] = set()
    header = ""
    for line in doc.lines:
        upper = ascii_upper(line.text)
        for match in _METERED_RE.finditer(upper):
            found.add(_decimal(match["q"]) * _decimal(match["p"]))
        for match in _PENCE_METERED_RE.finditer(upper):
            found.add(_decimal(match["q"]) * _decimal(match["p"]) / _PENCE)
        quantities += [_decimal(m["q"] or m["after"]) for m in _VOLUME_RE.finditer(upper)]
        prices += [_decimal(m["p"]) for m in _UNIT_PRICE_RE.finditer(upper)]
        if (tabled := _tabled(header, upper)) is not None:
            quantities.append(tabled[0])
            prices.append(tabled[1])
        header = upper
    found.update(q * p for q in quantities for p in prices)
    return {value.quantize(_CENT, rounding=ROUND_HALF_UP) for value in found}


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _tabled(header: str, row: str) -> tuple[Decimal, Decimal] | None:
    """The volume and the price per unit of a pump table's row: two numbers of three decimals under a
    header naming the volume and the price, in the header's order."""
    volume, price = _TABLE_VOLUME_RE.search(header), _TABLE_PRICE_RE.search(header)
    values = [_decimal(value) for value in _THREE_DECIMALS_RE.findall(row)]
    if volume is None or price is None or len(values) != 2:
        return None
    volume_first = volume.start() < price.start()
    return (values[0], _unsigned(values[1])) if volume_first else (values[1], _unsigned(values[0]))


_MAX_PRICE_PER_UNIT = Decimal(20)  # no fuel costs more a gallon or a litre


def _unsigned(price: Decimal) -> Decimal:
    """A pump's price per unit whose ``$`` OCR read as a digit (``84.299`` for $4.299) without it."""
    text = f"{price:f}"
    if price > _MAX_PRICE_PER_UNIT and text[0] in SIGN_DIGITS and text[1] != ".":
        return Decimal(text[1:])
    return price


_CENT = Decimal("0.01")


_CHECK_TOLERANCE = Decimal("0.01")


# what EasyOCR reads a currency sign ($, £, €) as, glued before the amount on phone photos: parse.agreement
# tries readings of the whole receipt without them. It also reads a $ as a 4 ("$2.06" as "42.06"), but
# prices start with a 4 too often for a whole reading to drop one (on receipts-dev2's untouched split
# that cost a total); a price's 4 goes only where the items then hit their subtotal (parse.items)
SIGN_DIGITS = "5689"
PRICE_SIGN_DIGITS = SIGN_DIGITS + "4"


def sign_digit_dropped(value: Decimal, digits: str = SIGN_DIGITS) -> Decimal | None:
    """``656.58`` -> ``56.58``: the amount with a leading digit that may be a misread sign removed."""
    text = f"{value:.2f}"
    if len(text) > 4 and text[0] in digits and text[1] != ".":
        return Decimal(text[1:])
    return None


# what a blurred sign before the tax also comes out as (``$2.47`` as ``12.47``): only the sum decides
TAX_SIGN_DIGITS = "1" + PRICE_SIGN_DIGITS
# a tax comes to at least this share of the bill before it, and at most the other (VAT up to 27 %)
_TAX_SHARES = (Decimal("0.01"), Decimal("0.3"))


def _sign_read_as_digit(doc: Doc, total: Pick | None, subtotal: Pick | None, tax: Pick | None,
                        tip: Pick | None) -> tuple[Pick | None, Pick | None, Pick | None, Pick | None]:
    """A total (and subtotal, tax and a tip above the total) whose currency sign OCR read as a
    digit (``$56.58`` -> ``656.58``), chosen by the receipt's own arithmetic: the reading without
    the leading digit is kept only when subtotal + tax (+ tip) then equals the total (of several
    such readings, one whose tax is a share of the subtotal a tax comes to, then one that keeps no
    digit it drops elsewhere (``signs_kept``), then the one that drops fewest), or, with no
    subtotal, when that reading is printed again below the total (the card or cash line) and the
    digit reading is not, or the prices above it add up to that reading (``0.88`` ``0.34``
    ``1.99`` / ``Sototal 83.21``); a sign read as a 4 only where the prices do (``Tax 4.20`` /
    ``T0tal 456.75``: a total starts with a 4 too often for a repeat to say). With a subtotal, each of the four may
    also be read with the letter glued before it as its first digit, on a receipt that prints no dollar sign
    (``Total Due S6.47``: 56.47; ``_first_digit_as_a_letter``)."""
    if total is None:
        return total, subtotal, tax, tip
    tipped = tip if tip and tip.line < total.line else None
    if subtotal is not None:
        printed = (subtotal.value, tax.value if tax else Decimal(0), tipped.value if tipped else Decimal(0),
                   total.value)
        alike = _signed_alike(doc, total, subtotal, tax, tip)
        if alike is not None:
            return alike
        if printed[0] + printed[1] + printed[2] == printed[3]:
            return total, subtotal, tax, tip
        fits = []
        for values in itertools.product(
                *(_as_read_or_unsigned(doc, pick, digits) if pick else (Decimal(0),)
                  for pick, digits in ((subtotal, SIGN_DIGITS), (tax, TAX_SIGN_DIGITS), (tipped, TAX_SIGN_DIGITS),
                                       (total, SIGN_DIGITS)))):
            if values[2] == 0 < printed[2]:
                continue  # "TIP 10.00" is no tip of $0.00: its 1 is no sign (a $0.50 tip read "80.50" is one)
            if values[0] + values[1] + values[2] == values[3]:
                fits.append((not tax_share(values[1], values[0]), signs_kept(printed, values),
                             sum(v != p for v, p in zip(values, printed)), values))
        if not fits:
            return total, subtotal, tax, tip
        s_value, x_value, p_value, t_value = min(fits)[-1]
        return (Pick(t_value, total.line, max(total.confidence, 0.8)),
                Pick(s_value, subtotal.line, subtotal.confidence),
                replace(tax, value=x_value) if tax else None, replace(tip, value=p_value) if tipped else tip)
    stripped = sign_digit_dropped(total.value, PRICE_SIGN_DIGITS)
    if stripped is None or stripped < 1 or _printed(doc, total.value, total.line):  # "50.25" is no "$0.25"
        return total, subtotal, tax, tip
    if sign_digit_dropped(total.value) is None and _whole_price_above(doc, total.line, total.value - stripped):
        return total, subtotal, tax, tip  # "FAMILY PACK 40" over "TOTAL 47.50": the 4 is a whole-dollar price's
    repeated = sign_digit_dropped(total.value) is not None and any(
        a.value == stripped for line in doc.lines[total.line + 1:] for a in line.amounts)  # a 4 is no sign here
    if repeated or prices_add_up(doc, total.line, stripped):
        return Pick(stripped, total.line, total.confidence), subtotal, tax, tip
    return total, subtotal, tax, tip


def _whole_price_above(doc: Doc, end: int, dropped: Decimal) -> bool:
    """A line above ``end`` prints ``dropped`` (40, 400) as a whole number: a price without cents."""
    return any(value == dropped for line in doc.lines[:max(end, 0)]
               for value in (a.value for a in find_amounts(line.text, doc.decimal, integers=True)))


def _signed_over_a_blank_tip(doc: Doc, total: Pick | None, subtotal: Pick | None, tax: Pick | None) -> Pick | None:
    """A total more than twice the bill (subtotal and tax) under a tip's line whose amount was not read
    (``Subtotal $23.00`` / ``Tax $1.90`` / ``Tip`` / ``Tota1 829.50``): its sign read as a digit, the total is
    the bill and a tip of no more than half of it without that digit (29.50: a tip of 4.60); else as it was."""
    if total is None or subtotal is None or not 0 <= subtotal.line < total.line:
        return total
    bill = subtotal.value + (tax.value if tax else 0)
    unsigned = sign_digit_dropped(total.value)
    if unsigned is None or total.value <= 2 * bill or not bill < unsigned <= bill * (1 + _MAX_TIP_SHARE):
        return total
    blank_tip = any(has_keyword(line.text, TIP) and not line.amounts and not _tip_suggestion(doc, line)
                    for line in doc.lines[subtotal.line + 1:total.line])
    return Pick(unsigned, total.line, total.confidence) if blank_tip else total


def _signed_alike(doc: Doc, total: Pick, subtotal: Pick, tax: Pick | None, tip: Pick | None) \
        -> tuple[Pick, Pick, Pick | None, Pick | None] | None:
    """Subtotal and total whose signs OCR read as the same digit (``Subtotal 417.48`` / ``Tax 1.22`` /
    ``Total 418.70`` on a bill of 17.48; a 4 too): the sum holds either way, and the prices above the
    subtotal decide, adding up to it without that digit (as printed or each without it) and not with
    it. The tax keeps it or loses it as the sum then says. None where they do not so decide."""
    digit = f"{subtotal.value:.2f}"[0]
    unsigned_subtotal = sign_digit_dropped(subtotal.value, digit if digit in PRICE_SIGN_DIGITS else "")
    unsigned_total = sign_digit_dropped(total.value, digit)
    if unsigned_subtotal is None or unsigned_total is None:
        return None  # the prices are summed only where the first digit may be a sign (every reading asks)
    prices = _prices_above(doc, subtotal.line)
    if len(prices) < 2 or sum(prices) == subtotal.value:
        return None
    if unsigned_subtotal not in (sum(prices), sum(sign_digit_dropped(price, digit) or price for price in prices)):
        return None
    gap = subtotal.value - unsigned_subtotal
    if any(re.search(rf"(?<![\d.,]){int(gap)}(?:00)?\s*$", line.text) for line in doc.lines[:subtotal.line]):
        return None  # "Btl 40000", "Room Fee 500": the digit is a price's, not a sign's
    added = tip.value if tip and tip.line < total.line else Decimal(0)
    for tax_value in (tax.value, sign_digit_dropped(tax.value, digit)) if tax else (Decimal(0),):
        if tax_value is not None and unsigned_subtotal + tax_value + added == unsigned_total:
            return (Pick(unsigned_total, total.line, total.confidence), Pick(unsigned_subtotal, subtotal.line,
                    subtotal.confidence), replace(tax, value=tax_value) if tax else None, tip)
    return None


def _unsigned_below(doc: Doc, subtotal: Pick, total: Pick) -> Pick:
    """A subtotal above the total it comes to (``SUBTOTAL 419.50`` / ``Total 24.23``) without a
    leading digit that may be a misread sign, or two where the sign came out two glyphs
    (``SUBTOTAL 1538.45`` / ``TOTAL DUE 42.10``), where that leaves it below the total by less
    than taxes and charges come to (19.50, 38.45); else as it was, and so where the prices above it make it as read
    (``Sub Total 46.50`` under 14.25, 1.00, 28.50, 2.75: the total under it is the one misread)."""
    if prices_add_up(doc, subtotal.line, subtotal.value):
        return subtotal
    once = _unless_signed(doc, subtotal, sign_digit_dropped(subtotal.value, TAX_SIGN_DIGITS))
    twice = sign_digit_dropped(once, ANY_DIGIT) if once is not None else None
    for unsigned in (once, twice):
        if unsigned is not None and 0 < unsigned <= total.value \
                and total.value - unsigned < MAX_CHARGES_SHARE * unsigned:
            return Pick(unsigned, subtotal.line, subtotal.confidence)
    return subtotal


def _as_read_or_unsigned(doc: Doc, pick: Pick, digits: str) -> tuple[Decimal, ...]:
    """The picked amount as read, without a leading digit of ``digits`` (a misread sign), and with the letter
    before it that the amount parser took for a sign read as its digit (``Total Due S6.47``: 56.47)."""
    unsigned = _unless_signed(doc, pick, sign_digit_dropped(pick.value, digits))
    lettered = _first_digit_as_a_letter(doc, pick)
    return tuple(value for value in (pick.value, unsigned, lettered) if value is not None)


# "Total Due S6.47", "G7.17": a first digit 5, 6 or 8 read as a letter, which reads as a dollar sign's S
_LETTER_FOR_DIGIT_RE = re.compile(r"(?<![\w.,$])(?P<letter>[SGB])(?P<number>\d{1,3}[.,]\d{2})(?![\d.,])")
_LETTER_DIGITS = {"S": "5", "G": "6", "B": "8"}


def _first_digit_as_a_letter(doc: Doc, pick: Pick) -> Decimal | None:
    """The picked amount with the letter printed before it read as its first digit, on a receipt that prints
    no dollar sign (a Micros check's ``S6.47``: no ``$6.47`` where no amount is signed)."""
    if not 0 <= pick.line < len(doc.lines) or any("$" in line.text for line in doc.lines):
        return None
    for m in _LETTER_FOR_DIGIT_RE.finditer(doc.lines[pick.line].text):
        if Decimal(m["number"].replace(",", ".")) == pick.value:
            return Decimal(_LETTER_DIGITS[m["letter"]] + m["number"].replace(",", "."))
    return None


def signs_kept(printed: Sequence[Decimal], values: Sequence[Decimal]) -> int:
    """How many amounts of a reading keep a leading digit that the reading drops from another as a
    misread sign: a printer signs every amount of the totals block or none (``SUBTOTAL 568.78`` /
    ``TAX 54.30`` / ``TIP 513.76`` / ``BALANCE DUE 586.84``: the 5 of all four, or of none). A sign
    read as two glyphs drops both (``SUBTOTAL 7541.30`` / ``TAX 853.92`` / ``BALANCE DUE 545.22``:
    41.30 + 3.92 = 45.22, not 541.30 + 3.92 = 545.22 with the tax's 5 dropped and the total's kept)."""
    dropped = {glyph for p, v in zip(printed, values) if v != p
               for glyph in f"{abs(p):f}"[:len(f"{abs(p):f}") - len(f"{abs(v):f}")]}
    return sum(1 for p, v in zip(printed, values) if v == p and abs(p) >= 10 and f"{p:f}"[0] in dropped)


def tax_share(tax: Decimal, before: Decimal, shares: tuple[Decimal, Decimal] = _TAX_SHARES) -> bool:
    """``tax`` is a share of ``before`` within ``shares`` (by default what any tax comes to; no
    tax printed passes)."""
    return not tax or before > 0 and shares[0] <= tax / before <= shares[1]


def _unless_signed(doc: Doc, pick: Pick, value: Decimal | None) -> Decimal | None:
    """``value`` (the picked amount without its first digit), unless the amount was printed with a
    currency sign OCR read as one (``S54.86``): then that digit is the amount's own."""
    signed = 0 <= pick.line < len(doc.lines) and any(
        a.value == pick.value and a.currency is not None for a in doc.lines[pick.line].amounts)
    return None if signed else value


def prices_add_up(doc: Doc, end: int, target: Decimal) -> bool:
    """The prices printed above line ``end`` (each line's last amount in cents, two at least)
    add up to ``target``; a count line's unit price (``2 @ 15.82`` over the line's price) is no
    price of its own, and the prices stop at a subtotal above ``end`` (``SUBTOTAL 24.64`` over ``TOTAL
    24.64``, both their ``£`` read as 2: the subtotal is no price); a tax line above counts with them."""
    return _prices_sum_above(doc, _first_subtotal_line(doc, end)) == target


def total_over_the_prices(doc: Doc, total: Pick) -> bool:
    """The prices printed above the first total, subtotal or tax line (two at least) come to the total
    or less, and the total is less than twice them (what taxes, charges and a tip add): ``Pad Thai
    27.90`` / ``Lasagna 17.99`` / ``Clam Chowder 7.25`` over ``Amount 856.46`` is 56.46, its ``$`` an 8."""
    end = next((line.index for line in doc.lines[:total.line + 1]
                if has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL + SUBTOTAL + TAX)), total.line)
    added = _prices_sum_above(doc, end)
    return added is not None and 0 < added <= total.value < 2 * added


def unlabelled_subtotal(doc: Doc, total: Pick) -> Pick | None:
    """A subtotal whose label OCR garbled past reading (``ASUBTOAE 54.20``): a line above the total whose
    amount is what the two or more prices above it come to, and that with the charges under it (taxes,
    fees) makes the total. None where no line is."""
    for line in doc.lines[:max(total.line, 0)]:
        last = line.amounts[-1] if line.amounts else None
        if last is not None and last.in_cents and _prices_sum_above(doc, line.index) == last.value:
            subtotal = Pick(last.value, line.index, 0.6)
            if _charges_between_add_up(doc, subtotal, total):
                return subtotal
    return None


def _first_subtotal_line(doc: Doc, end: int) -> int:
    """The first priced subtotal's line above ``end``; else ``end``."""
    return next((line.index for line in doc.lines[:end] if line.amounts and has_keyword(line.text, SUBTOTAL)), end)


def _prices_sum_above(doc: Doc, end: int) -> Decimal | None:
    """What the prices above line ``end`` (``_prices_above``) come to, where there are two or more."""
    prices = _prices_above(doc, end)
    return sum(prices, Decimal(0)) if len(prices) >= 2 else None


def _prices_above(doc: Doc, end: int) -> list[Decimal]:
    """Each line's last amount in cents above line ``end``, but a count line's unit price and the
    time of day on the date's line (``08/13/23 11.24 AM``)."""
    return [line.amounts[-1].value for line in doc.lines[:max(end, 0)]
            if line.amounts and line.amounts[-1].in_cents and not line.amounts[-1].measure
            and not _COUNT_AT_UNIT_PRICE_RE.match(line.text) and not holds_a_date(line.text)]


def _subtotal_of_the_prices(doc: Doc, subtotal: Pick, total: Pick) -> Pick:
    """A subtotal above its total with one digit misread (``SUBTOTAL 37.96`` over ``VISA 19.67``):
    the prices above it, where they add up to it but for that digit (11.98 + 5.98 = 17.96) and
    the total is that sum plus what taxes and charges add; else as it was."""
    added = _prices_sum_above(doc, subtotal.line)
    if added is not None and _digit_off(added, subtotal.value) and 0 < added <= total.value \
            and total.value - added < MAX_CHARGES_SHARE * added:
        return Pick(added, subtotal.line, 0.6)
    return subtotal


def _subtotal_its_prices_and_tax_make(doc: Doc, subtotal: Pick, tax: Pick, total: Pick) -> Pick:
    """A subtotal read with one digit lost, added or misread (``Subtotal S11.39`` for $111.39) under prices
    that add up to it but for that digit, and that with the tax make the total: the prices' sum; else as it was."""
    if not subtotal.line < tax.line < total.line or subtotal.value + tax.value == total.value:
        return subtotal
    added = _prices_sum_above(doc, subtotal.line)
    if added is not None and added + tax.value == total.value and (
            _one_digit_slip(added, subtotal.value) or _one_digit_more_or_less(added, subtotal.value)):
        return Pick(added, subtotal.line, 0.6)
    return subtotal


# "2 @ 15.82", "3 x 3,13", "2 @ $5.87": a count and the unit price alone on their line
_COUNT_AT_UNIT_PRICE_RE = re.compile(r"^\s*\d{1,3}\s?(?:@|[xX×*])\s?[$€£S]?\s?\d{1,4}\s?[.,]\s?\d{2}\s*$")


def _paid_with_tip(doc: Doc, total: Pick | None, tip: Pick | None) -> tuple[Pick | None, Pick | None]:
    """The total and the tip paid on it: printed under it, or written in by hand on the card slip."""
    tip_printed_below = total is not None and tip is not None and tip.line >= _bill_line(doc, total) \
        and not _implausible_tip(tip.value, total)
    written = _total_written_in(doc, total) if total and not tip_printed_below else None
    return written if written is not None else (_with_tip(doc, total, tip), tip)


def _with_tip(doc: Doc, total: Pick | None, tip: Pick | None) -> Pick | None:
    """A tip printed under the total, then the total with the tip (``Total 25.68``, the card's
    ``Visa 12.21``): that is the amount paid."""
    bill_line = _bill_line(doc, total) if total is not None else -1
    if total is None or tip is None or tip.line < bill_line or not tip.value or _implausible_tip(tip.value, total):
        return total
    paid = total.value + tip.value
    if _paid_beside_the_tip(doc, tip, paid):
        return Pick(paid, tip.line, total.confidence)
    # under the tip, or between the bill and the tip (``Total 43.23`` / ``Visa 51.23`` / ``Tip 8.00``)
    for line in doc.lines[tip.line + 1:] + doc.lines[bill_line + 1:tip.line]:
        # as printed too: a reading that drops a sign's digit also drops a handwritten total's 8;
        # and with its sign read as a digit where the bill's was not (``Total Paid 5107.25``), as any digit on a
        # total's line (``TOTAL 7108.19``; not ``Rewards Balance 151.96``)
        signs = ANY_DIGIT if has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL) else SIGN_DIGITS
        if any(a.value == paid or sign_digit_dropped(a.value, signs) == paid
               for a in (*line.amounts, *find_amounts(line.text, doc.decimal))):
            return Pick(paid, line.index, total.confidence)
    if _slip_pays_a_part(doc, total, tip):
        return Pick(paid, tip.line, total.confidence)
    written = _written_over_a_tip_cut_short(doc, total, tip)
    if written is not None:
        return written
    for line in doc.lines[tip.line + 1:tip.line + 3]:  # the total written in by hand, one digit misread
        if _cents_digit_lost(total.value):
            break  # the bill lost a digit ("Amount 83.7"): the total under it is the sum, not a slip
        if has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL) and (
                any(_digit_off(a.value, paid) for a in line.amounts)
                or _handwritten_as(line.text[keyword_end(line.text, FINAL_TOTAL + PLAIN_TOTAL):], paid)):
            return _bill_and_tip_written(doc, line, tip, total.confidence) \
                or Pick(paid, line.index, 0.8 * total.confidence)  # "Total: 5626": its point lost
    for line in doc.lines[tip.line + 1:tip.line + 3]:
        if not has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL):
            continue
        written = line.text[keyword_end(line.text, FINAL_TOTAL + PLAIN_TOTAL):]
        if re.fullmatch(r"[\W_]*", written):
            return Pick(paid, line.index, 0.6 * total.confidence)  # "Total: ______": left blank, the tip written in
        if any(a.value == paid for a in find_amounts(written, doc.decimal, integers=True)):
            return Pick(paid, line.index, total.confidence)  # "Total: 46": whole dollars
        if _some_digits_of(doc, written, paid, total.value):
            return Pick(paid, line.index, 0.6 * total.confidence)  # "Totel 44" for 54.14: most digits lost
        break
    slip = _slip_prints_the_bill(doc, doc.lines[tip.line], total.value)
    for line in doc.lines[tip.line + 1:tip.line + 3]:  # the bill's total misread, the slip's sum is not
        if has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL):
            for a in line.amounts:
                if _slips_amount_and_tip(doc, doc.lines[tip.line], tip.value, a.value) \
                        or slip and 0 < a.value - total.value <= total.value * _MAX_TIP_SHARE:
                    return Pick(a.value, line.index, 0.6)
    if bill_line < tip.line - 1 and _slip_prints_the_bill(doc, doc.lines[tip.line], total.value, signed=True) \
            and not any(line.amounts or has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL)
                        for line in doc.lines[tip.line + 1:tip.line + 3]):
        # the bill's total, the slip's amount printing it again (its sign maybe read as a digit), a tip: the slip's
        # total lost to glare, or never written
        return Pick(paid, tip.line, 0.6 * total.confidence)
    return total


def _bill_and_tip_written(doc: Doc, line: Line, tip: Pick, confidence: float) -> Pick | None:
    """The total written on the slip's ``line``, one digit off the slip's amount and the tip, where it is
    the tip and the bill as a line above prints it: the slip's amount is the one misread (``75.67`` /
    ``Amount 75.61`` / ``Tip 11.00`` / ``Total 86.67``). None where no line above prints that bill."""
    for amount in line.amounts:
        bill = amount.value - tip.value
        if amount.in_cents and bill > 0 and any(a.in_cents and a.value == bill
                                                for above in doc.lines[:tip.line] if _reads_as_the_bill(above)
                                                for a in above.amounts):
            return Pick(amount.value, line.index, confidence)
    return None


def _reads_as_the_bill(line: Line) -> bool:
    """A line that prints the bill: labelled as the total (no subtotal, tax or item), or a bare amount."""
    return _total_strength(line.text) > 0 or not re.search(r"[^\W\d_]", line.text)


def _some_digits_of(doc: Doc, written: str, paid: Decimal, bill: Decimal) -> bool:
    """The slip's total read as a few of the digits of the bill and the tip, too few to be a price (``Totel 44``
    under ``Amount 45.88`` / ``Tip 8.26``: 54.14 blurred): no total, since less than the bill itself."""
    found = find_amounts(written, doc.decimal, integers=True)
    if len(found) != 1 or found[0].in_cents or found[0].value >= bill or found[0].value < 10:
        return False  # one digit alone says nothing
    rest = iter(f"{paid:.2f}".replace(".", ""))
    return all(digit in rest for digit in str(found[0].value))  # in order, some left out


def _written_over_a_tip_cut_short(doc: Doc, total: Pick, tip: Pick) -> Pick | None:
    """The total written under a tip that lost its last digit (``Tip: 6.3`` / ``Total: 37.86`` on a bill of
    31.55): the bill and a tip beginning with the digits read; None where the tip has its cents, or no
    total's line under it so prints."""
    if not _cents_digit_lost(tip.value):
        return None
    for line in doc.lines[tip.line + 1:tip.line + 3]:
        if has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL):
            found = next((a.value for a in line.amounts if a.in_cents and _begins(a.value - total.value, tip.value)),
                         None)
            if found is not None:
                return Pick(found, line.index, total.confidence)
    return None


def _slips_sum_over_a_smeared_first_digit(doc: Doc, total: Pick | None, subtotal: Pick | None, tax: Pick | None,
                                          tip: Pick | None) -> Pick | None:
    """The card slip's total right under its ``Amount`` and ``Tip`` whose first digit, beside its sign, OCR
    misread (``Amount 17.68`` / ``Tip 3.54`` / ``Total Paid 41.22``; the bill's own total garbled above): the
    amount and the tip, where the amount is the subtotal and its tax (or a share of it a tax comes to); or whose
    sign OCR read as a digit of any kind, where without it the total is the amount and the tip (``AMOUNT: $38.44`` /
    ``Tip 7.79`` / ``TOTAL 746.23``; a tip in whole dollars maybe, its cents lost: ``Tip 7``)."""
    if total is None or tip is None or tip.line != total.line - 1:
        return total
    tip_line = doc.lines[tip.line]
    above = _slip_amount_over(doc, tip_line)
    unsigned = sign_digit_dropped(total.value, ANY_DIGIT)
    for amount in above.amounts if above is not None else ():
        if unsigned is not None and _adds_the_tip(unsigned - amount.value, tip.value, tip_line):
            return Pick(unsigned, total.line, 0.6)
        if subtotal is None:
            continue
        paid = amount.value + tip.value
        taxed = amount.value == subtotal.value + tax.value if tax else tax_share(amount.value - subtotal.value,
                                                                                  subtotal.value)
        if taxed and _first_digit_differs(paid, total.value):
            return Pick(paid, total.line, 0.6)
    return total


def _first_digit_differs(a: Decimal, b: Decimal) -> bool:
    """Same digits but the first (``41.22`` for 21.22)."""
    first, second = f"{a:.2f}", f"{b:.2f}"
    return len(first) == len(second) and first[0] != second[0] and first[1:] == second[1:]


def _paid_beside_the_tip(doc: Doc, tip: Pick, paid: Decimal) -> bool:
    """The tip's line prints the bill and the tip exactly right of the tip (``Tip $6.00 Total $39.76``: the
    tip's and the final total's rows OCR read as one line)."""
    line = doc.lines[tip.line]
    tip_end = next((a.end for a in line.amounts if a.value == tip.value), None)
    return tip_end is not None and any(a.value == paid for a in line.amounts if a.start >= tip_end)


def _slip_pays_a_part(doc: Doc, total: Pick, tip: Pick) -> bool:
    """The card slip over the tip charges the part of the bill that other tenders left to the card
    (``Total 27.00`` / ``Gift Card 20.00`` / ``VISA xxxx7100`` / ``Amount: 7.00`` / ``Tip: 2.00`` / ``Total:
    9.00``): the tip is paid on the bill, not the slip's total. Not where another card pays the rest: a guest
    splitting the bill pays the slip alone."""
    above = _slip_amount_over(doc, doc.lines[tip.line])
    paying = _tenders_paying(doc, total)
    cards = paying[0] if paying else []
    return above is not None and len(cards) == 1 and any(a.value == cards[0] < total.value for a in above.amounts)


def _bill_line(doc: Doc, total: Pick) -> int:
    """The first line that labels the bill's total (``Total 69.10`` over the card slip's ``Amount:
    69.10``, each copy of the slip printing it again): a tip under it is added to it."""
    return min((line.index for line in doc.lines[:max(total.line, 0) + 1]
                if _total_strength(line.text) and any(a.value == total.value for a in line.amounts)),
               default=total.line)


def _slip_prints_the_bill(doc: Doc, tip_line: Line, bill: Decimal, signed: bool = False) -> bool:
    """The card slip's ``Amount`` over its tip prints the bill again: what its total adds to the bill
    is the tip, however the tip's own amount came out (``Amount 32.45`` / ``Tip 9,34`` / ``Totar Raid
    38.29``: 5.84). ``signed``: its sign maybe read as a digit too (``Amount: 698.44``)."""
    above = _slip_amount_over(doc, tip_line)
    return above is not None and any(a.value == bill or signed and sign_digit_dropped(a.value, ANY_DIGIT) == bill
                                     for a in above.amounts)


def _slip_amount_over(doc: Doc, tip_line: Line) -> Line | None:
    """The card slip's ``Amount`` line right over its tip, if that is one."""
    above = doc.lines[tip_line.index - 1] if tip_line.index else None
    return above if above is not None and has_keyword(above.text, _SLIP_AMOUNT) else None


def _digit_off(a: Decimal, b: Decimal) -> bool:
    """Same digits but one (``25.98`` for a handwritten ``75.98``)."""
    first, second = f"{a:.2f}", f"{b:.2f}"
    return len(first) == len(second) and sum(x != y for x, y in zip(first, second)) == 1


_MAX_TIP_SHARE = Decimal("0.5")
_WHOLE_TIP_RE = re.compile(r"^\W*(\d{1,3})\W*$")


def _total_written_in(doc: Doc, total: Pick) -> tuple[Pick, Pick] | None:
    """The card slip's ``Tip: ____`` / ``Total: ____`` filled in by hand under the printed total:
    the total written in is what was paid, where it is the total plus the tip written above it
    (often whole dollars: ``Tip: 14``; one digit of the total misread or its point smudged), or,
    the tip unread, a plausible tip more than the total. The slip's tip may stand over its ``Amount``
    that the total read is (``Total 55.93`` / ``Tip 10`` / ``Amount $55.93`` / ``Total 65 93`` on a curled
    photo): with none under the total, it is looked for between the bill's first line and the total.
    Returns the total paid and the tip."""
    below = next((line for line in doc.lines[total.line + 1:] if _slips_tip_label(doc, line)), None)
    if below is not None:
        return _written_under_the_tip(doc, total, below)
    above = next((line for line in doc.lines[_bill_line(doc, total) + 1:max(total.line, 0)]
                  if _slips_tip_label(doc, line)), None)
    return (_written_under_the_tip(doc, total, above) if above is not None else None) \
        or _tip_over_the_slips_total(doc, total)


def _slips_tip_label(doc: Doc, line: Line) -> bool:
    """A tip's label where the guest writes one in, not a tip guide's heading or row."""
    return has_keyword(line.text, TIP) and not _tip_suggestion(doc, line) and not _heads_a_guide(doc, line)


def _written_under_the_tip(doc: Doc, total: Pick, line: Line) -> tuple[Pick, Pick] | None:
    """The total written in under the slip's tip ``line`` and the tip it adds to ``total`` (``_total_written_in``)."""
    tip = _written_tip(doc, line, keyword_end(line.text, TIP))
    unsigned_tip = None
    if tip is not None and _implausible_tip(tip, total):
        # "Tip: 330.00" for $30.00: its sign read as a digit; the total written in says it
        tip, unsigned_tip = None, sign_digit_dropped(tip, ANY_DIGIT)
    for below in doc.lines[line.index + 1:line.index + 3]:
        if not has_keyword(below.text, FINAL_TOTAL + PLAIN_TOTAL) or _tip_suggestion(doc, below) \
                or below.index in _tip_guide_rows(doc):
            continue  # not a guide's row ("18%: $6.48 (Total $45.36)", "154 6.72 Total 51,55") under a blank slip
        label_end = keyword_end(below.text, FINAL_TOTAL + PLAIN_TOTAL)
        slips_own = next((a.value for a in below.amounts if tip is not None
                          and _slips_amount_and_tip(doc, line, tip, a.value)), None)
        if slips_own is not None and slips_own != total.value + tip:
            # the slip's amount and tip make its total as read: the bill's total above was misread
            return Pick(slips_own, below.index, total.confidence), Pick(tip, line.index, 0.6)
        if tip is not None and _handwritten_as(below.text[label_end:], total.value + tip):
            return Pick(total.value + tip, below.index, total.confidence), Pick(tip, line.index, 0.6)
        amount = value_after(doc, below, label_end)
        # as printed too: a reading that drops a sign's digit also drops a handwritten total's 5
        # in whole dollars too: the guest rounds the total up ("Total: 46")
        written = [a.value for a in find_amounts(below.text[label_end:], doc.decimal, integers=True)]
        points_lost = [(value / 100).quantize(_CENT) for value in written if value == value.to_integral_value()
                       and value >= 100]  # "Total 5548": its point lost
        values = ([amount.value] if amount is not None else []) + written + points_lost
        for value in values:
            added = value - total.value
            if added > 0 and (_adds_the_tip(added, tip, line) if tip is not None
                              else added <= total.value * _MAX_TIP_SHARE):
                return Pick(value, below.index, total.confidence), Pick(added, line.index, 0.6)
        for value in values if tip is not None or unsigned_tip is not None else ():
            # the total's sign read as any digit, where the tip read says so (``Tip 14.11`` / ``TOTAL 7108.19`` on
            # 94.08); both signs read as digits (``Tip 529.96`` / ``TOTAL 6179.74`` on 149.78): unsigned, they add up,
            # or come to a tip one digit off the one read (``Tip 512.41`` / ``Total Paid 672.66`` on 60.55: 12.11)
            paid = sign_digit_dropped(value, ANY_DIGIT)
            added = paid - total.value if paid is not None else Decimal(0)
            if added > 0 and (_adds_the_tip(added, tip, line) if tip is not None
                              else _tip_read_so(added, unsigned_tip)):
                return Pick(paid, below.index, total.confidence), Pick(added, line.index, 0.6)
    return None


def _adds_the_tip(added: Decimal, tip: Decimal, tip_line: Line) -> bool:
    """What the slip's total adds to the bill is the tip read, or, the tip read in whole dollars on ``tip_line``
    (``Tip 14``: no amount with cents), that tip with cents OCR lost (14.11)."""
    whole = tip == tip.to_integral_value() and not any(a.has_decimals for a in tip_line.amounts)
    return added == tip or whole and Decimal(0) < added - tip < 1


def _tip_read_so(added: Decimal, tip: Decimal) -> bool:
    """What the slip's total adds to the bill is the tip read, or that tip with one digit misread."""
    return added > 0 and (added == tip or _digit_off(added, tip))


# a tip written in whole dollars after a label of a few glyphs OCR garbled (``Tin? 19``, ``Tp: 15``)
# (``7ip: 7``: its T read as a 7)
_WHOLE_DOLLARS_TIP_RE = re.compile(r"^\s*(?=\S*[A-Za-z])[A-Za-z0-9]{1,4}\W{0,2}\s+(\d{1,3})\s*$")


def _whole_dollars_tip(line: Line) -> Decimal | None:
    """The whole dollars on a tip's line whose label OCR garbled; not cash handed over (``CASH 20``)."""
    match = _WHOLE_DOLLARS_TIP_RE.match(line.text)
    if match is None or has_keyword(line.text, CASH_GIVEN + CARD_PAID + _CHANGE):
        return None
    return Decimal(match[1])


def _slips_amount_and_tip(doc: Doc, tip_line: Line, tip: Decimal, value: Decimal) -> bool:
    """The card slip's own sum: its ``Amount`` over the tip (its sign maybe read as a digit or two:
    ``Anount: 568, 72``, ``Anount 5543.84``; its last digit maybe lost: ``Amount 83.7``, or the tip's: ``Tip: 9.4``)
    and the tip make the total written under them exactly (68.72 + 14.00 = 82.72; 83.7? + 16.74 = 100.45; 63.09 +
    9.4? = 72.55), whatever the bill's total above was read as."""
    above = _slip_amount_over(doc, tip_line)
    if above is None or not 0 < tip <= value * _MAX_TIP_SHARE:
        return False
    return any(bill is not None and (bill + tip == value or _cents_digit_lost(bill) and _begins(value - tip, bill)
                                     or _cents_digit_lost(tip) and _begins(value - bill, tip))
               for a in above.amounts for bill in _as_read_and_unsigned(a.value))


def _as_read_and_unsigned(value: Decimal) -> tuple[Decimal | None, ...]:
    """``value``, without its leading digit (a sign read as one), and without two (a sign read as
    two: ``5543.84`` for $43.84)."""
    once = sign_digit_dropped(value, ANY_DIGIT)
    return value, once, sign_digit_dropped(once, ANY_DIGIT) if once is not None else None


def _last_digit_read(doc: Doc, total: Pick | None, subtotal: Pick | None, tax: Pick | None) -> Pick | None:
    """A total whose last digit OCR lost or read as a letter (``TOTAL 44.4g``, ``TOTAL 47.6G``, ``Summe 5,2A``): the
    amount that subtotal + tax makes, that a line under it prints in cents (the card, the cash handed over), that
    cash given less change makes or the VAT table's net and tax, where it begins with the digits read; else as it
    was."""
    if total is None or not _cents_digit_lost(total.value):
        return total
    checked = [subtotal.value + (tax.value if tax else 0)] if subtotal is not None else []
    if total.value in checked or any(a.value == total.value for line in doc.lines[total.line + 1:]
                                     for a in line.amounts if a.in_cents):
        return total  # printed again as read ("TOTAL 12.5" / "VISA 12.50"): a 0 lost, nothing misread
    below = [a.value for line in doc.lines[total.line + 1:] if has_keyword(line.text, CARD_PAID + CASH_GIVEN)
             and not has_keyword(line.text, _NOT_PAID) for a in line.amounts if a.in_cents]
    witnesses = [value for value in (_cash_minus_change(doc), _vat_gross(doc)) if value is not None]
    found = next((value for value in checked + below + witnesses if _begins(value, total.value)), None)
    return Pick(found, total.line, total.confidence) if found is not None else total


def _comma_lost(doc: Doc, total: Pick | None) -> Pick | None:
    """A total's label over a whole number whose decimal mark OCR lost (``Summe 477`` under ``Joghurt 0,49`` /
    ``Butter 2,29`` / ``Äpfel 1,99``): in cents where the prices above it make that exactly; else as it was."""
    for line in doc.lines:
        if not has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL) or any(a.in_cents for a in line.amounts):
            continue
        written = _WHOLE_NUMBER_RE.fullmatch(line.text[keyword_end(line.text, FINAL_TOTAL + PLAIN_TOTAL):])
        in_cents = (Decimal(written[1]) / 100).quantize(_CENT) if written else None
        if in_cents is not None and (total is None or total.value != in_cents) \
                and prices_add_up(doc, line.index, in_cents):
            return Pick(in_cents, line.index, 0.6)
    return total


_WHOLE_NUMBER_RE = re.compile(r"\W*(?:EUR|€)?\s?(\d{3,5})\W*")


def _vat_gross(doc: Doc) -> Decimal | None:
    """What the VAT table's rows come to, net and tax, where each prints its net amount."""
    vat = find_vat(doc, None)
    return vat.net + vat.tax if vat is not None and vat.net is not None else None


_NOT_PAID = ("BAL", "BALANCE", "SAVED", "SAVINGS", "SAVE", "POINTS", "REWARDS", "EARNED")


def _point_lost(subtotal: Pick, total: Pick, tax: Pick | None) -> Pick:
    """A subtotal read as a whole number whose point OCR lost (``Subtotal $900`` / ``Tax 0.86`` / ``Total $9.86``):
    in cents where that and the tax make the total; else as it was."""
    in_cents = subtotal.value / 100
    if subtotal.value.as_tuple().exponent != 0 or in_cents + (tax.value if tax else 0) != total.value:
        return subtotal
    return Pick(in_cents.quantize(Decimal("0.01")), subtotal.line, subtotal.confidence)


_TWIN_LINES = 2  # lines apart: a till's "Total" and "Balance Due" one over the other


def _twin_that_adds_up(doc: Doc, total: Pick | None, subtotal: Pick | None, tax: Pick | None) -> Pick | None:
    """Of two total lines printed together (``Total: 46.51`` / ``Balance Due: 48.51``), the one that subtotal +
    tax makes, where the chosen one does not and is one misread digit off it, no payment printed between them nor
    an amount that adds their difference (``Total 43.00`` / ``Tip 5.00`` / ``Total 48.00``: a tip, no misread 3)."""
    if total is None or subtotal is None or not 0 <= subtotal.line < total.line:
        return total
    bill = subtotal.value + (tax.value if tax else 0)
    if total.value == bill or not _one_digit_slip(total.value, bill) \
            or has_keyword(doc.lines[total.line].text, ROUNDING) and abs(total.value - bill) < _MAX_ROUNDING:
        return total  # "TOTAL 46.51" / "ROUNDED TOTAL 46.50": cash rounding, no misread digit
    for line in doc.lines[max(subtotal.line + 1, total.line - _TWIN_LINES):total.line + _TWIN_LINES + 1]:
        between = doc.lines[min(line.index, total.line) + 1:max(line.index, total.line)]
        if line.index != total.line and _total_strength(line.text) and any(a.value == bill for a in line.amounts) \
                and not any(card_line(other.text) or _cash_handed_over(other.text)
                            or any(a.value == abs(total.value - bill) for a in other.amounts) for other in between):
            return Pick(bill, line.index, total.confidence)
    return total


def _cents_digit_lost(value: Decimal) -> bool:
    """One decimal where a price prints two (``83.7``): OCR lost the last digit."""
    return value.as_tuple().exponent == -1


def _begins(value: Decimal, lost: Decimal) -> bool:
    """``value`` in cents is ``lost`` with its last digit read (83.71 for ``83.7``)."""
    return f"{value:.2f}"[:-1] == f"{lost:.1f}"


_SLIP_AMOUNT = ("AMOUNT", "AMT", "PURCHASE", "SUBTOTAL", "BASE")
ANY_DIGIT = "123456789"  # any digit a blurred sign may come out as


def _tip_over_the_slips_total(doc: Doc, total: Pick) -> tuple[Pick, Pick] | None:
    """The card slip's tip whose label OCR garbled (``Tipa 9.00``; written in whole dollars, ``Tin? 19``):
    the one amount on the line right over the slip's total, where the bill and it make that total exactly
    (52.47 + 9.00 = 61.47; 105.27 + 19 = 124.27), its sign maybe read as a digit (``Hp 21.22`` / ``TOTAL 1127.33``
    under the bill's 106.11); the total's own label maybe garbled too (``Tipa 15`` / ``Tetel : 98.01``), where
    the sum is printed exactly in cents."""
    for line in doc.lines[total.line + 2:]:
        above = doc.lines[line.index - 1]
        labelled = has_keyword(line.text, FINAL_TOTAL + PLAIN_TOTAL)
        garbled = not labelled and _total_with_its_vowels_misread(line)
        if not labelled and not garbled:
            continue
        tip = above.amounts[0].value if len(above.amounts) == 1 else _whole_dollars_tip(above)
        if tip is None or not 0 < tip <= total.value * _MAX_TIP_SHARE:
            continue
        if garbled:  # no label to tell it: only the slip's sum printed exactly, under a tip's one short word
            if _garbled_tip_over_a_bare_total(above, line) \
                    and any(a.in_cents and a.value == total.value + tip for a in line.amounts):
                return Pick(total.value + tip, line.index, total.confidence), Pick(tip, above.index, 0.6)
            continue
        written = _handwritten_digits(line.text[keyword_end(line.text, FINAL_TOTAL + PLAIN_TOTAL):])
        values = _as_read_and_unsigned if _garbled_tip_over_a_bare_total(above, line) else lambda v: (v,)
        if any(total.value + tip in values(a.value) for a in line.amounts) \
                or written == _cents_digits(total.value + tip):  # "Tota1: 4544": its point lost
            return Pick(total.value + tip, line.index, total.confidence), Pick(tip, above.index, 0.6)
    return None


# TOTAL with both its vowels misread (``Tetel : 98.01``, ``Tatol 61.47``), the label alone on its line
_VOWELS_MISREAD_TOTAL_RE = re.compile(r"\W*T[AEIOU0]T[AEIOU0][L1I]\W*(?:[$S]?\s?\d[\d.,\s]*)?")


def _total_with_its_vowels_misread(line: Line) -> bool:
    """The slip's total's line whose label OCR read with both vowels wrong, too far from TOTAL for the
    keywords (one letter off): the slip's sum under a garbled tip says it (``_tip_over_the_slips_total``)."""
    return _VOWELS_MISREAD_TOTAL_RE.fullmatch(ascii_upper(line.text)) is not None


def _garbled_tip_over_a_bare_total(above: Line, line: Line) -> bool:
    """A sign read as a digit is dropped from the slip's total only where the line over it is a garbled tip (one
    short word, ``Hp 21.22``) and the total's line prints its label alone (``TOTAL 1127.33``; not ``Total Savings
    This Year 230.00``, ``TOTAL BAL``, ``Total Donated YTD``, a tip guide's ``18% 15.00``)."""
    over, under = re.findall(r"[A-Za-z]+", above.text), re.findall(r"[A-Za-z]+", line.text)
    return len(over) == 1 and len(over[0]) <= 4 and "%" not in above.text and len(under) == 1


def _handwritten_as(text: str, value: Decimal) -> bool:
    """The digits written in by hand are ``value``'s, one of them maybe misread and the point
    smudged into anything (``33.- 83``, ``26.04`` for 76.04), a digit maybe read as its look-alike
    letter (``13O 53``, ``4b.44``)."""
    written, expected = _handwritten_digits(text), _cents_digits(value)
    return len(written) == len(expected) and sum(a != b for a, b in zip(written, expected)) <= 1


# the letters a handwritten digit is read as: 0 as O, D or Q; 1 as l, I or |; 5 as S; 8 as B; 6 as b or G;
# 2 as Z; 9 as g or q
_HANDWRITTEN_LOOK_ALIKES = str.maketrans("ODQoIl|!SsBbGZzgq", "00001111556862299")


def _cents_digits(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", "")


def _handwritten_digits(text: str) -> str:
    """The digits of the words holding one, look-alike letters among them read as digits (``13O 53``;
    not the ``USD`` or the thanks after them)."""
    return "".join(re.sub(r"\D", "", word.translate(_HANDWRITTEN_LOOK_ALIKES))
                   for word in text.split() if any(ch.isdigit() for ch in word))


def _implausible_tip(tip: Decimal, total: Pick) -> bool:
    """More than half the bill: no tip a guest writes, but one whose sign OCR read as a digit."""
    return tip > total.value * _MAX_TIP_SHARE


def _written_tip(doc: Doc, line: Line, label_end: int) -> Decimal | None:
    amount = value_after(doc, line, label_end, lookahead=0)
    if amount is not None:
        return amount.value
    whole = _WHOLE_TIP_RE.match(line.text[label_end:].replace("_", " "))
    return Decimal(whole[1]) if whole else None


def _net_subtotal(subtotal: Pick | None, vat: Vat, total: Pick | None) -> Pick | None:
    """A printed subtotal stays; a "Netto" label of the VAT table itself ("Steuer % Netto Steuer
    Brutto", "Netto 57,74 MwSt 19% 10,97") is the net amount: the rows' nets, where they add up."""
    if subtotal is not None and not vat.lines[0] - 1 <= subtotal.line <= vat.lines[-1]:
        return subtotal
    if vat.net is not None and total is not None and vat.net + vat.tax == total.value:
        return Pick(vat.net, vat.lines[0], 0.7)
    return None


def _total_after_tax(doc: Doc, total: Pick, tax: Pick) -> Pick | None:
    """The "total" read was the amount before tax (its label garbled, "Suh Total"; or a net total, ``Net total
    89.94`` / ``GST 5.00 % 4.50`` / ``Total 94.44``): the sum with the tax below it is printed at least twice further
    down (the real total, the amount paid), or once on a line labelled a total (paid with two cards)."""
    value = total.value + tax.value
    below = [line.index for line in doc.lines[max(total.line, tax.line) + 1:]
             if any(abs(a.value) == value for a in line.amounts)]  # "T0\"- RM 73.00": a stray sign
    if len(below) >= 2 or below and has_keyword(doc.lines[below[0]].text, FINAL_TOTAL + PLAIN_TOTAL):
        return Pick(value, below[0], 0.6)
    return None


def _pick_tip(doc: Doc, total: Pick | None = None) -> Pick | None:
    """The tip or gratuity paid: not a line of a tip guide (under a "Suggested gratuity" heading,
    or listing two or more percentages), which only says what the guest might add. The guest's
    tip under the bill's ``total`` before a gratuity the house added above it (``Gratuity 18%``
    in the bill, ``Tip 14.64`` keyed in at the card terminal)."""
    tips = _tips(doc)
    below = [tip for tip in tips if total is not None and tip.line > total.line]
    return (below or tips or [None])[0]


def _tips(doc: Doc) -> list[Pick]:
    """Every tip or gratuity printed as paid, top to bottom (no tip guide's line)."""
    tips = []
    for line in doc.lines:
        if _tip_suggestion(doc, line) or not has_keyword(line.text, TIP) or _heads_a_guide(doc, line):
            continue
        amount = value_after(doc, line, keyword_end(line.text, TIP))
        if amount is not None and amount.value >= 0:
            tips.append(Pick(amount.value, line.index, 0.8))
    return tips


def _heads_a_guide(doc: Doc, line: Line) -> bool:
    """A tip's label with no amount of its own over two rows opening with a share (``Tip Choices`` /
    ``18% = 9.75  Total 63.93`` / ``20% = ...``): the guide's heading, whatever its words, not a tip
    paid (``Discretionary Gratuity`` over its one ``12.5% 5.00`` is)."""
    below = doc.lines[line.index + 1:line.index + 3]
    return not line.amounts and len(below) == 2 and all(_GUIDE_ROW_RE.search(ascii_upper(b.text)) for b in below)


# "15% = 7.46 Total 57.20", "Tip 18%: $8.95 Total $58.69": a row of a tip guide, what the bill would come to
_GUIDE_ROW_RE = re.compile(r"^\W*(?:[A-Z]{2,12}\W{0,3})?\d{1,2}(?:[.,]\d)?\s?%")


def _tip_guide_rows(doc: Doc) -> set[int]:
    """The lines of a tip guide with or without its heading: rows opening with a percentage, an
    amount and a total, two or more of them (one such line may be a tax or a discount); and any
    row with a total, or opening with a share before an amount in a run of rising shares (``157 12.74`` / ``18.
    115.29``: their % and total's label lost), under the guide's heading (``_tip_suggestion``)."""
    rows = {line.index for line in doc.lines if len(line.amounts) >= 2 and _GUIDE_ROW_RE.search(ascii_upper(line.text))
            and has_keyword(line.text, PLAIN_TOTAL)}
    under_heading = {line.index for line in doc.lines
                     if (has_keyword(line.text, PLAIN_TOTAL) or _share_in_a_run(doc, line))
                     and not has_keyword(line.text, TIP_SUGGESTION) and _tip_suggestion(doc, line)}
    guide = (rows if len(rows) >= 2 else set()) | under_heading | _rows_of_rising_shares(doc)
    return guide | _rows_going_on(doc, guide)


_PERCENT_RE = re.compile(r"(?<![\d.,])(\d{1,2})(?:[.,]\d)?\s?%")


def _share_in_a_run(doc: Doc, line: Line) -> bool:
    """A row opening with a share, its % lost (``18. 115.29``), next to a row of a smaller share above it or a larger
    one under it (a row's % shares: its last above, its first under): a guide's row; not ``22 53.88`` alone, a table's
    number before the bill's total."""
    share = _opening_share(line)
    if share is None:
        return False
    above = _row_share(doc.lines[line.index - 1], last=True) if line.index else None
    below = _row_share(doc.lines[line.index + 1], last=False) if line.index + 1 < len(doc.lines) else None
    return above is not None and above < share or below is not None and below > share


def _row_share(line: Line, last: bool) -> int | None:
    shares = _PERCENT_RE.findall(line.text)
    return int(shares[-1 if last else 0]) if shares else _opening_share(line)


# a short number (the share, its % lost) opening a line with amounts after it: a guide's row in shape
_SHARE_OPENING_RE = re.compile(r"\W*\d{1,3}\W?\s+\W?\d")  # an amount right after it (not "2 Guests 30.24")


def _rows_going_on(doc: Doc, guide: set[int]) -> set[int]:
    """The lines right under a tip guide's rows that go on in their shape, a short number and two amounts in
    cents (``19, 824,59 Total 8188.24`` / ``188 49,46 Total 5193415`` / ``247 832.74 Hptal 9196. 43``): the
    guide's last row, its share and its total's label garbled, not the bill's total."""
    more: set[int] = set()
    for line in doc.lines:
        if (line.index - 1 in guide or line.index - 1 in more) and line.index not in guide \
                and _SHARE_OPENING_RE.match(line.text) and sum(a.in_cents for a in line.amounts) >= 2:
            more.add(line.index)
    return more


def _rows_of_rising_shares(doc: Doc) -> set[int]:
    """Three lines one under another opening with usual tip shares, each more than the one above, each
    with an amount (``15v 10.69 Toral 12.95`` / ``18* 27 To 406.67`` / ``203 24.06 Totali4n 16``): a tip
    guide whose heading and % signs OCR garbled, not the bill's total."""
    shares = [_opening_share(line) for line in doc.lines]
    rows: set[int] = set()
    for start in range(len(shares) - _GUIDE_ROWS + 1):
        run = shares[start:start + _GUIDE_ROWS]
        if all(a is not None and b is not None and a < b for a, b in zip(run, run[1:])):
            rows.update(range(start, start + _GUIDE_ROWS))
    return rows


def _opening_share(line: Line) -> int | None:
    match = _GARBLED_SHARE_RE.match(line.text) or _SHARE_GLYPH_RE.match(line.text)
    rest = line.text[match.end():] if match else ""
    # the tip's amount straight after the share ("15v 9.14 Toral"), not an item's name ("10 Wings 12.00")
    return int(match[1]) if match and re.match(r"\s*\$?\d", rest) and find_amounts(rest) else None


def _tip_suggestion(doc: Doc, line: Line) -> bool:
    """A tip guide's heading, or a line under one that opens with a share (its % maybe misread) or
    prints a tip before its total, or one listing two or more percentages, or a percentage (not a
    tax's) and what the total would be."""
    if names_a_guide(line.text) or line.text.count("%") >= 2:
        return True
    if "%" in line.text and has_keyword(line.text, PLAIN_TOTAL) and not has_keyword(line.text, TAX):
        return True  # not "TOTAL INCL. GST@6%": a tax's rate
    above = doc.lines[max(0, line.index - _SUGGESTION_BLOCK):line.index]
    share = "%" in line.text or _GARBLED_SHARE_RE.match(line.text) or _tip_before_the_total(line) \
        or _ROW_TAIL_RE.search(line.text)
    return bool(share) and any(names_a_guide(other.text) for other in above)


# a guide row's tail, split off its share onto a line of its own: "+4%: (Tip $77.76" / "Total $2,706.05)"
_ROW_TAIL_RE = re.compile(r"\d[.,]\d{2}\s?\)\s*$")


_GUIDE_WORDS = tuple(word for word in TIP_SUGGESTION if " " not in word)
_TIP_AND_WORD_RE = re.compile(r"\W*(?:TIP|GRATUITY)\W{1,3}([A-Z]{5,12})\W*$")


def names_a_guide(text: str) -> bool:
    """A tip guide's heading: its words, or a tip's label alone with one word a letter off or lost
    from a guide's (``Tip Guioe``, ``Tip Calculatr``): a blurred photo garbles the heading's one long word."""
    if has_keyword(text, TIP_SUGGESTION):
        return True
    match = _TIP_AND_WORD_RE.match(ascii_upper(text))
    return match is not None and any(one_letter_off(match[1], word) or one_letter_lost(match[1], word)
                                     for word in _GUIDE_WORDS)


def _tip_before_the_total(line: Line) -> bool:
    """An amount in cents before the line's total label (``"fe 49,69 Tetal $28.u``): a guide's tip
    and what the bill comes to with it, its share garbled."""
    found = find_keyword(line.text, PLAIN_TOTAL + FINAL_TOTAL)
    return found is not None and any(a.in_cents for a in find_amounts(line.text[:found[1]]))


# a guide's row opening with a usual share whose % a blurred photo misread ("157 3563 Total 27.86", "209 085")
_GARBLED_SHARE_RE = re.compile(r"\s*(10|12|15|18|20|22|25)[\d\"'}*°]?[,.]?\s")
# ... its % read as a letter ("15v 10.69")
_SHARE_GLYPH_RE = re.compile(r"\s*(10|12|15|18|20|22|25)[a-zA-Z]?[,.:]?\s")
_GUIDE_ROWS = 3


def _labelled(doc: Doc, keywords: tuple[str, ...], exclude: tuple[str, ...] = ()) -> Pick | None:
    for line in doc.lines:
        if has_keyword(line.text, keywords) and not has_keyword(line.text, exclude):
            amount = value_after(doc, line, keyword_end(line.text, keywords))
            if amount is not None and amount.value >= 0:
                return Pick(amount.value, line.index, 0.8)
    return None


def _cash_minus_change(doc: Doc) -> Decimal | None:
    return _paid_in_cash(*_cash_and_change(doc))


def cash_pays(doc: Doc, value: Decimal) -> bool:
    """Cash given minus change is ``value`` (with a card's share of a split bill)."""
    readings = _paid_in_cash_readings(*_cash_and_change(doc))
    return value in readings or bool(readings) and value == _with_the_cards_share(doc, readings[0])


def _paid_in_cash_readings(given: Decimal | None, change: Decimal | None) -> list[Decimal]:
    """Cash given minus change, the change read as printed and without a leading digit that was its
    sign (``CASH S60.00`` / ``CHANGE DUE 53.22`` pay 56.78), unless the cash may print a sign read as
    a digit too (``CASH 570 00`` / ``CHANGE DUE 54,75``, ``Cas# 8180 , 00`` / ``change que 23.51``:
    both signed or neither, which the readings without signs weigh)."""
    unsigned = sign_digit_dropped(abs(change), ANY_DIGIT) if change is not None and given is not None \
        and (sign_digit_dropped(given, ANY_DIGIT) or 0) < 1 else None
    return [paid for paid in (_paid_in_cash(given, change), _paid_in_cash(given, unsigned)) if paid is not None]


def _paid_in_cash(given: Decimal | None, change: Decimal | None) -> Decimal | None:
    if given is not None and change is not None and given >= abs(change):
        return given - abs(change)  # "CHANGE -9.55": the sign says which way the money went
    return None


def _cash_and_change(doc: Doc) -> tuple[Decimal | None, Decimal | None]:
    given = change = named = None
    change_line = named_line = -1
    for line in doc.lines:
        if change is None and _change_line(line.text):
            amount = value_after(doc, line, keyword_end(line.text, _CHANGE_LABELS))
            change, change_line = (amount.value, line.index) if amount else (None, -1)
        elif given is None and _cash_handed_over(line.text) and not _bill_or_cash_back(line.text):
            amount = value_after(doc, line, keyword_end(line.text, CASH_GIVEN))
            given = amount.value if amount else None
        elif named is None and _names_cash(line.text) and not _bill_or_cash_back(line.text):
            amount = value_after(doc, line, keyword_end(line.text, CASH_GIVEN))
            named, named_line = (amount.value, line.index) if amount else (None, -1)
    if given is None and change == 0 and 0 <= named_line < change_line:
        # no cash handed over, a card named with a word of cash ("EC-Cash 12,50", "Apple Pay 17.90") over a zero
        # change: the card paid exactly what the change says was paid, as a cash tender would have
        given = named
    if given is None and change is not None and change_line > 0:
        given = _tendered_above(doc.lines[change_line - 1], change)
    return given, change


def cash_and_change_lines(doc: Doc) -> tuple[Line, Line] | None:
    """The first line of cash handed over and the first line of change under it, as ``cash_pays`` finds
    them by their labels (``CASH {30.00-`` / ``CHANGE DUE 3182``), whatever their amounts came out as."""
    change = next((line for line in doc.lines if _change_line(line.text)), None)
    given = next((line for line in doc.lines[:change.index] if _cash_handed_over(line.text)
                  and not _bill_or_cash_back(line.text)), None) if change is not None else None
    return (given, change) if given is not None else None


# a cash register's short label too, opening its line ("CASH 20.00" / "CHG 8.90"; not "SVC CHG", "BAG CHG")
_CHANGE_LABELS = _CHANGE + ("CHG",)
_CHG_OPENING_RE = re.compile(r"\W*CHG\b", re.IGNORECASE)


def _change_line(text: str) -> bool:
    return has_keyword(text, _CHANGE) or bool(_CHG_OPENING_RE.match(text))


# money the till hands out on a debit card, charged with the purchase: never cash given for it
CASH_BACK = ("CASH BACK", "CASHBACK", "CASH OUT", "BARGELDAUSZAHLUNG", "AUSZAHLUNG")


def _paid_positive(doc: Doc, refunds: set[Decimal]) -> bool:
    """A card or cash line prints a positive amount: money was paid, the receipt is no return. Change
    handed back is none (``Rückgeld Bar 1,76`` for empties worth more than the purchase), nor the refund
    itself printed unsigned (``TOTAL 14.99-`` / ``VISA CREDIT 14.99``)."""
    return any(a.value > 0 and -a.value not in refunds for line in doc.lines
               if (card_line(line.text) or _names_cash(line.text))
               and not has_keyword(line.text, ("REFUND", "RETURN", "AUSZAHLUNG")) and not _change_line(line.text)
               for a in line.amounts)


def _with_the_cards_share(doc: Doc, cash: Decimal | None) -> Decimal | None:
    """A bill paid part in cash, part by card (``Total 64.67`` / ``Cash 40.00`` / ``Visa 24.67`` /
    ``Change 0.00``): what the cash paid and the card's amount together, where a total line prints
    that; what the cash paid where no card line prints an amount; else None (a part paid, the
    rest not read)."""
    if cash is None:
        return None
    # the tenders under the first total or cash line: not "VISA GIFT CARD 25.00", an item above them
    tenders = min((line.index for line in doc.lines
                   if _total_strength(line.text) or _cash_handed_over(line.text)), default=len(doc.lines))
    cards = [a.value for line in doc.lines[tenders:]
             if has_keyword(line.text, CARD_PAID) and not _total_strength(line.text)
             and not has_keyword(line.text, CASH_BACK + _CHANGE) and not _cash_handed_over(line.text)
             for a in line.amounts[-1:] if a.in_cents and a.value > 0 and a.value != cash]
    if not cards:
        return cash
    totals = {a.value for line in doc.lines if _total_strength(line.text) for a in line.amounts}
    return next((cash + card for card in cards if cash + card in totals), None)


def _card_less_cash_back(doc: Doc) -> Pick | None:
    """No total label read (``**** BALANCE 13.29`` / ``CASH BACK 20.00`` / ``DEBIT 33.29``): the card
    was charged the purchase and the cash handed out on it; the purchase is the card's amount less
    the cash back, where another line prints it."""
    backs = [a.value for line in doc.lines if has_keyword(line.text, CASH_BACK) for a in line.amounts[-1:]
             if a.in_cents and a.value > 0]
    cards = [a.value for line in doc.lines
             if card_line(line.text) and not has_keyword(line.text, CASH_BACK)
             for a in line.amounts[-1:] if a.in_cents]
    for charged in cards:
        for back in backs:
            purchase = charged - back
            printed = [line.index for line in doc.lines if not has_keyword(line.text, CARD_PAID + CASH_BACK)
                       and any(a.value == purchase for a in line.amounts)]
            if purchase > 0 and printed:
                return Pick(purchase, printed[0], 0.5)
    return None


def _tendered_above(line: Line, change: Decimal) -> Decimal | None:
    """The money handed over, printed on the line right above the change with a label OCR garbled
    or in a language not listed (``EWR 50.00`` / ``Chenge 28.05``): its one amount, larger than the
    change, on a line that is no total, subtotal or tax line. With no change given back that line
    may be the card's, and it says nothing the total does not."""
    amounts = [a for a in line.amounts if a.has_decimals]
    if not change or len(amounts) != 1 or amounts[0].value <= abs(change) or _total_strength(line.text) \
            or has_keyword(line.text, SUBTOTAL + TAX + TIP):
        return None
    return amounts[0].value


_SAVINGS = ("SAVING", "SAVINGS", "SAVED", "YOU SAVE")


def _total_strength(text: str) -> float:
    """0 when the line is not a total label; higher for labels that name the final amount."""
    text = summe_ms_mended(_m_read_as_rn(text))  # "SUME EUR 11,62": its two M's read as one
    upper = ascii_upper(text)
    if has_keyword(text, SUBTOTAL):
        return 0.0
    if has_keyword(text, FINAL_TOTAL) or _starred_balance(upper):
        return 0.0 if has_keyword(text, _SAVINGS) else 3.0  # "SAVING GRAND TOTAL $2.60": what markdowns saved
    if not has_keyword(text, PLAIN_TOTAL):
        return 2.0 if _amount_compound(upper) else 0.0
    qualifier = _TAX_QUALIFIER.search(upper)
    if qualifier and not _TAX_INCLUDED.search(upper):
        if qualifier.group(0).startswith("EX"):
            return 0.0  # "TOTAL EXCL. VAT" is the net amount
        text = upper[:qualifier.start()] + upper[qualifier.end():]
        return 2.5 if not has_keyword(text, NOT_TOTAL) else 0.0
    if has_keyword(text, NOT_TOTAL):
        # "TOTAL INCL GST" is still a total; "TOTAL INCLUDES 6% GST 1.51" is its tax
        if _TOTAL_INCLUDES_TAX.search(upper) and not _TAX_INCLUDED.search(upper) and not RATE_RE.search(text):
            return 2.5
        return 0.0
    return 2.0


# "**** BALANCE 10.74": Kroger's and Albertsons' tills print no TOTAL, the amount due after stars ("**** 8ALANCE")
_STARRED_BALANCE_RE = re.compile(r"[\s*]*\*{3,}\s*(?P<word>[A-Z8]{7})[^A-Z]*")


def _starred_balance(upper: str) -> bool:
    m = _STARRED_BALANCE_RE.fullmatch(upper)
    return m is not None and (m["word"] == "BALANCE" or one_letter_off(m["word"], "BALANCE"))


def _starred_balance_left(doc: Doc, line: Line) -> bool:
    """A starred ``**** BALANCE`` under a total's line or another starred balance: what is left on a gift card, an
    EBT card, a house account or the points (``TOTAL 5.94`` / ``SBUX CARD 5.94`` / ``*** BALANCE 18.06``), not the
    amount due (Kroger's till prints it before any payment, and no TOTAL; a gift card bought above it is an item)."""
    if has_keyword(line.text, FINAL_TOTAL) or not _starred_balance(ascii_upper(line.text)):
        return False
    return any(above.amounts and _total_strength(above.text) for above in doc.lines[:line.index])


def _m_read_as_rn(text: str) -> str:
    """``Surnme EUR 8,74``: the label with an m that OCR read as rn mended, where that makes it a total's."""
    mended = text.replace("rn", "m").replace("RN", "M")
    return mended if mended != text and has_keyword(mended, PLAIN_TOTAL) and not has_keyword(text, PLAIN_TOTAL) else text


# German compounds naming the amount ("Rechnungsbetrag", "Bruttobetrag"; OCR may garble the
# first part) are totals, except the net, tax, discount and deposit ones
_AMOUNT_COMPOUND_RE = re.compile(r"(?<![A-Z])([A-Z]{3,})BETRAG(?![A-Z])")
_NOT_TOTAL_COMPOUNDS = ("NETTO", "STEUER", "MWST", "UST", "RABATT", "PFAND", "RUECK", "GUTSCHEIN", "BONUS", "TRINKGELD")


def _amount_compound(upper: str) -> bool:
    match = _AMOUNT_COMPOUND_RE.search(upper)
    return bool(match) and not any(part in match[1] for part in _NOT_TOTAL_COMPOUNDS) \
        and not has_keyword(upper, NOT_TOTAL + SUBTOTAL)


# tenders that pay part of a bill: what is left to pay after them is no total of the purchase
_VOUCHERS = ("GIFT CARD", "GIFTCARD", "GIFT CERTIFICATE", "GIFT CERT", "VOUCHER", "STORE CREDIT", "GUTSCHEIN",
             "WERTGUTSCHEIN", "GESCHENKKARTE", "GESCHENKGUTSCHEIN", "CHEQUE CADEAU", "BON D ACHAT", "TARJETA REGALO",
             "EBT", "SNAP", "WIC")  # US food benefits' cards: pay for what they cover, the rest paid otherwise


def _left_after_a_voucher(doc: Doc, line: Line) -> bool:
    """``Total 24.08`` / ``Gift Card 10.00`` / ``Balance Due 14.08``, ``Summe 11,20`` / ``Gutschein 5,00``
    / ``Restbetrag 6,20``: the line right under a gift card or voucher paid with, below a total, is what
    was left to pay, and so is one further down that prints the total less the vouchers (the card slip's
    ``Betrag EUR 6,20`` under ``Restguthaben Geschenkkarte 0,00``); the purchase's total is the one above.
    (A voucher bought is an item above the total.)"""
    bill = next((above for above in doc.lines[:line.index] if _total_strength(above.text) and above.amounts), None)
    vouchers = [above for above in doc.lines[bill.index + 1:line.index] if _voucher_paid(above)] if bill else []
    if not vouchers:
        return False
    left = bill.amounts[-1].value - sum(voucher.amounts[-1].value for voucher in vouchers)
    return vouchers[-1].index >= line.index - 2 or any(a.value == left for a in line.amounts)


def _voucher_paid(line: Line) -> bool:
    """A gift card or voucher paying with its amount (not ``Voucher -5.00``, money taken off; nor the balance
    left on the card)."""
    return bool(line.amounts) and all(a.value > 0 for a in line.amounts) and has_keyword(line.text, _VOUCHERS) \
        and not has_keyword(line.text, _BALANCE_LEFT)


# what is left on a gift card or an account, no money paid (``Restguthaben Geschenkkarte 15,00``)
_BALANCE_LEFT = _NOT_PAID + ("GUTHABEN", "RESTGUTHABEN", "REMAINING", "SALDO", "AVAILABLE", "KONTOSTAND")
_MAX_TENDERS = 4  # tenders that pay one bill between them
_SLIP_LINES = 3  # lines of a card slip from the card's name to its amount
_CARD_AMOUNT = _SLIP_AMOUNT + ("BETRAG",)


def _tenders_under(doc: Doc, start: int) -> tuple[list[Decimal], list[Decimal]]:
    """What each tender under line ``start`` paid: the cards (``Kartenzahlung girocard 6,98``, or the slip's
    ``Amount: $7.00`` under ``VISA xxxx7100``; printed again on the slip, once), and the others: a voucher or
    gift card, the cash handed over less the change, a cash-back handed out on the card (``Auszahlung 50,00``)
    negative."""
    cards: list[Decimal] = []
    others: list[Decimal] = []
    cash = change = None
    for line in doc.lines[start + 1:]:
        value = next((a.value for a in line.amounts[-1:] if a.in_cents and a.value > 0), None)
        if _change_line(line.text):
            change = value if change is None else change
        elif has_keyword(line.text, CASH_BACK):
            others += [-value] if value else []
        elif has_keyword(line.text, _BALANCE_LEFT):
            continue
        elif has_keyword(line.text, _VOUCHERS):
            others += [value] if value else []
        elif has_keyword(line.text, CARD_PAID):
            value = value or _slips_amount_under(doc, line)
            cards += [value] if value and value not in cards else []
        elif cash is None and _cash_handed_over(line.text, _HANDED_OVER):
            cash = value
    if cash is not None:
        others.append(cash - change if change is not None and change < cash else cash)
    return cards, others


def _slips_amount_under(doc: Doc, card: Line) -> Decimal | None:
    """The amount of the card slip under a card's line that prints none (``VISA xxxx7100`` / ``Amount: $7.00``)."""
    for line in doc.lines[card.index + 1:card.index + 1 + _SLIP_LINES]:
        if has_keyword(line.text, _CARD_AMOUNT):
            return next((a.value for a in line.amounts[-1:] if a.in_cents and a.value > 0), None)
    return None


def _tenders_paying(doc: Doc, total: Pick) -> tuple[list[Decimal], list[Decimal]] | None:
    """The tenders under the total (cards, others) that pay it between them, two or more (``Summe 55,80`` /
    ``Gutschein 30,00`` / ``Bar 30,00`` / ``Rückgeld 4,20``; a card charged a cash-back too: ``SUMME 11,47`` /
    ``Auszahlung 50,00`` / ``girocard 61,47``); None where they do not, or where two cards pay it and a tip is
    printed under it: guests splitting the bill, each slip with its tip what its guest paid."""
    cards, others = _tenders_under(doc, total.line)
    tenders = cards + others
    if not 2 <= len(tenders) <= _MAX_TENDERS or sum(tenders) != total.value:
        return None
    split = len(cards) > 1 and any(tip.line > total.line for tip in _tips(doc))
    return None if split else (cards, others)


_TENDERED_BONUS = 1.5  # as much as the cash paid adds: the tenders paying a total say it was paid


def _paid_in_parts(doc: Doc, scored: list[tuple[float, int, Decimal]]) -> list[tuple[float, int, Decimal]]:
    """A total the tenders under it pay between them (``_tenders_paying``) is what was paid; an amount under it
    that one tender or some of them paid (``Restbetrag 25,80``, the card slip's ``Betrag EUR 6,98``, the card's
    charge with the cash-back ``Betrag EUR 61,47``) is no total of the purchase."""
    parts: dict[Decimal, tuple[int, set[Decimal]]] = {}
    for _, index, value in scored:
        paying = _tenders_paying(doc, Pick(value, index, 0)) if index >= 0 and value not in parts else None
        if paying:
            parts[value] = (index, _part_sums(paying[0] + paying[1]))
    kept = []
    for score, index, value in scored:
        if value in parts:
            kept.append((score + _TENDERED_BONUS, index, value))
        elif not any(value in paid and (index < 0 or index > at) for at, paid in parts.values()):
            kept.append((score, index, value))
    return kept


def _part_sums(tenders: list[Decimal]) -> set[Decimal]:
    """What one of the tenders paid, or some of them but not all."""
    return {sum(some) for size in range(1, len(tenders)) for some in itertools.combinations(tenders, size)}


def _pick_total(doc: Doc) -> Pick | None:
    everywhere = Counter(a.value for line in doc.lines for a in line.amounts if a.value > 0)
    paid = _with_the_cards_share(doc, _cash_minus_change(doc))
    summary_from = _summary_start(doc)
    scored: list[tuple[float, int, Decimal]] = []
    refunded: list[tuple[float, int, Decimal]] = []  # a return's total: money paid back
    guide = _tip_guide_rows(doc)
    for line in doc.lines:
        strength = _total_strength(line.text)
        if not strength or line.index in guide or _left_after_a_voucher(doc, line) \
                or _starred_balance_left(doc, line):
            continue
        amount = _label_value(doc, line, keyword_end(line.text, FINAL_TOTAL + PLAIN_TOTAL))
        value = amount.value if amount is not None else _hyphen_decimal(line.text)
        if value is not None and value < 0:
            refunded.append((strength + 0.2 * line.confidence, line.index, value))
        if value is None or value <= 0 or _in_tenths_of_cents(value) or _separator_lost(doc, amount):
            continue
        score = strength
        score += 0.5 * min(everywhere[value] - 1, 2)  # the total is usually repeated (paid, card slip)
        if paid is not None and value == paid:
            score += 1.5
        score += 0.2 * line.confidence
        if line.index > summary_from:
            score -= 2.0  # a tax summary table's "Total" row sums the tax lines only
        scored.append((score, line.index, value))
    if paid is not None and paid > 0 and _printed(doc, paid, -1):
        scored.append((_PAID_SCORE, -1, paid))  # cash given minus change: the amount paid
    scored = _paid_in_parts(doc, [s for s in scored if not _share_of_a_total_above(doc, s, scored)])
    refunds = {value for _, _, value in refunded}
    if not scored and refunds and not _paid_positive(doc, refunds):  # a return, or empties worth more than the purchase
        score, index, value = max(refunded, key=lambda s: (s[0], s[1]))
        return Pick(value, index, min(0.99, 0.45 + 0.12 * score))
    if scored:
        score, index, value = max(scored, key=lambda s: (s[0], s[1]))
        agree = sum(1 for s in scored if s[2] == value)
        confidence = min(0.99, 0.45 + 0.12 * score + 0.05 * agree)
        rounded = _rounded(doc, value, index, paid, summary_from)
        if rounded is not None:
            return Pick(rounded, index, confidence)
        return Pick(value, index, confidence)
    if paid is not None and paid > 0:  # no total label read: cash given minus change is what was paid ...
        vat = vat_table_gross(doc)
        if vat is not None and _one_digit_slip(vat.value, paid) and not _printed(doc, paid, -1):
            return vat  # ... unless a digit of it was misread (Geg. BAR 10,09 for 10,00): the VAT table's gross
        return Pick(paid, -1, 0.5)
    return (_sum_under_the_subtotal(doc) or _card_less_cash_back(doc) or _gross_of_the_net(doc)
            or _paid_on_one_line(doc) or _printed_thrice(doc)
            or vat_table_gross(doc) or _paid_less_change_unlabelled(doc) or _printed_twice_with_its_code(doc)
            or _bare_total_under_an_overread_subtotal(doc, _largest_plausible(doc)))


_MAX_SHARES = 20  # diners a bill is split between
_SHARE_BELOW = 2  # lines under the bill's total that print the share per person


def _share_of_a_total_above(doc: Doc, candidate: tuple[float, int, Decimal],
                            scored: list[tuple[float, int, Decimal]]) -> bool:
    """A plain total label's amount right under another's that is a whole fraction of it (``Total
    124,00`` / ``Comensales Tota | /Conensa 62,00``, the split bill's label garbled): a share per
    person, not the bill's total (an ``Amount due`` under it may be after a discount)."""
    _, index, value = candidate
    if index < 0 or has_keyword(doc.lines[index].text, FINAL_TOTAL):
        return False
    for _, above, bill in scored:
        if 0 <= above < index <= above + _SHARE_BELOW and bill > value:
            shares = bill / value
            if shares == shares.to_integral_value() and shares <= _MAX_SHARES:
                return True
    return False


def _label_value(doc: Doc, line: Line, label_end: int) -> Amount | None:
    """The amount a total label refers to, but not the one of a payment line under a label whose
    own amount OCR lost (``zu zahlen 24 ,`` over ``Bar 25,00``: three letters pass for a currency)."""
    amount = value_after(doc, line, label_end)
    if amount is None or any(a is amount for a in line.amounts):
        return amount
    source = next((n for n in doc.lines[line.index + 1:] if any(a is amount for a in n.amounts)), None)
    return None if source is not None and has_keyword(source.text, _HANDED_OVER + _CHANGE) else amount


_HANDED_OVER = tuple(word for word in CASH_GIVEN if word not in ("PAID", "PAYMENT", "PAY"))  # may exceed the total


CARD_PAID = ("VISA", "MASTERCARD", "MASTER CARD", "AMEX", "DEBIT", "CREDIT", "EC-KARTE", "EC KARTE", "GIROCARD",
              "KARTE", "KARTENZAHLUNG", "TARJETA", "CARTE", "CB", "EFTPOS", "CARD", "EC-CASH", "EC CASH", "EC",
              "KREDITKARTE", "BANKKARTE", "DEBITKARTE", "MAESTRO", "V PAY", "VPAY", "APPLE PAY", "GOOGLE PAY")
# cards named with a word of cash ("EC-Cash 12,50", "Apple Pay 8,40"): no cash handed over
_CARD_NAMED_WITH_CASH_RE = re.compile(r"\bEC[\s-]?CASH\b|\b(?:APPLE|GOOGLE|SAMSUNG|V)\s?PAY\b")


# card words that also name dishes, drinks and goods ("Pizza Maestro", "MAESTRO DOBEL 750ML", "EC-Kartenetui"): on a
# line of the bill's body a tender's only as the label opening its line ("Maestro 49,80", "EC 27,90", "Zahlart: EC")
_ITEM_PRONE_CARDS = ("MAESTRO", "EC")
_PLAIN_CARDS = tuple(word for word in CARD_PAID if word not in _ITEM_PRONE_CARDS)
_ITEM_PRONE_LABEL_RE = re.compile(r"\W*(?:(?:GEG(?:EBEN)?|ZAHLART|BEZAHLT|MIT|PER)\b\W*)*(?:MAESTRO|EC)\b")
_TENDER_WORDS = frozenset(("CASH", "KARTE", "CARD", "EUR", "CHF", "USD", "GBP", "KONTAKTLOS", "CONTACTLESS", "DEBIT",
                           "CHIP", "PIN", "NFC", "BETRAG", "ZAHLUNG", "MAESTRO", "GIROCARD", "VISA", "MASTERCARD"))


_CARD_EARNINGS = ("SAVINGS", "SAVINQS", "SAVED", "SAVE", "POINTS", "REWARDS", "COUPON", "EARNED")


def card_line(text: str) -> bool:
    """A card's line: a card's word, but one that also names goods (``_ITEM_PRONE_CARDS``) only where it opens the
    line as its label and no other word but a tender's follows it (not ``Maestro Special 12in 13.95``); never a line of
    what a card saved or earned (``Club Card Savings 1.00-``, ``ANNUAL CARD SAVINGS``, ``Card Points``)."""
    if has_keyword(text, _CARD_EARNINGS):
        return False
    if has_keyword(text, _PLAIN_CARDS):
        return True
    upper = ascii_upper(text)
    label = _ITEM_PRONE_LABEL_RE.match(upper)
    return label is not None and all(word in _TENDER_WORDS for word in re.findall(r"[A-Z]{3,}", upper[label.end():]))


def _cash_handed_over(text: str, words: tuple[str, ...] = CASH_GIVEN) -> bool:
    """A line of cash handed over (``Gegeben Bar 5,00``, ``CASH 50.00``), not of a card whose name holds a
    word of cash (``EC-Cash 12,50``, ``Apple Pay 8,40``)."""
    return has_keyword(_CARD_NAMED_WITH_CASH_RE.sub(" ", _item_bars_dropped(text)), words)


def _bill_or_cash_back(text: str) -> bool:
    """A bill's line or cash back to the customer (``CASH BACK 20.00``), no cash handed over."""
    return has_keyword(text, ("BILL",) + CASH_BACK)


def _names_cash(text: str) -> bool:
    """A word of cash on the line, a card's name (``EC-Cash``) too, but no item's ``Bar`` (``Snack Bar Combo``)."""
    return has_keyword(_item_bars_dropped(text), CASH_GIVEN)


# the German ``Bar`` (cash) opens its line or follows a tender's word (``Gegeben Bar``, ``Zahlung BAR``); after
# another word it names an item (``Snack Bar Combo``, ``Candy Bar``, ``Salad Bar``)
_BAR_AFTER_A_WORD_RE = re.compile(r"\b([A-Z]+)\W*\s\W*BAR\b")
_TENDER_BEFORE_BAR = frozenset(("GEG", "GEGEBEN", "ZAHLUNG", "ZAHLART", "ZAHLUNGSART", "BEZAHLT", "MIT", "PER", "IN",
                                "BETRAG", "SUMME", "GESAMT", "TOTAL", "EUR", "CHF", "RUECKGELD", "ZURUECK"))


def _item_bars_dropped(text: str) -> str:
    return _BAR_AFTER_A_WORD_RE.sub(
        lambda match: match[0] if match[1] in _TENDER_BEFORE_BAR else match[1], ascii_upper(text))


_CENTS_LOST_DIGITS = 3  # "EUR5622": a total this long printed without its separator ...
_PRICES_IN_CENTS = 2  # ... on a receipt printing this many prices in cents


def _separator_lost(doc: Doc, amount: Amount | None) -> bool:
    """A total read without a decimal separator (``ZU ZaHLEN EUR5622`` for 56,22) where the
    receipt prints its prices in cents: OCR lost the separator, the amount is no reading of it."""
    if amount is None or amount.has_decimals or len(f"{abs(amount.value):f}") < _CENTS_LOST_DIGITS:
        return False
    in_cents = sum(a.has_decimals and a.value != amount.value for line in doc.lines for a in line.amounts)
    return in_cents >= _PRICES_IN_CENTS


def _in_tenths_of_cents(value: Decimal) -> bool:
    """Three decimals (``2.771``): a unit price, or a price with its tax letter read as a digit
    (``2.77T``); what is paid is always a whole number of cents."""
    return value != value.quantize(Decimal("0.01"))


def _sum_under_the_subtotal(doc: Doc) -> Pick | None:
    """No total label read: the first amount under the subtotal that the subtotal and the charges
    between them add up to (``Subtotal 30.25`` / ``Tax 2.87`` / ``33.12``: the total's label lost)."""
    subtotal = _labelled(doc, SUBTOTAL)
    for pick in unlabelled_under(doc, subtotal):
        charges = charges_between(doc, subtotal, pick)
        if charges and subtotal.value + sum(doc.lines[li].amounts[ai].value for li, ai in charges) == pick.value:
            return pick
    return None


def _bare_total_under_an_overread_subtotal(doc: Doc, largest: Pick | None) -> Pick | None:
    """No total label read and the largest amount the subtotal's own (``Sultotal 473.40`` / ``Tik 8425 10 373`` /
    ``Service Charge 27-18`` / ``155.54``): a subtotal over the bare amount closing its charges was misread (its
    sign read as a digit, a digit slipped), and that amount is the total; ``largest`` otherwise."""
    subtotal = _labelled(doc, SUBTOTAL)
    if largest is None or subtotal is None or largest.line != subtotal.line:
        return largest
    bare = next((pick for pick in unlabelled_under(doc, subtotal) if _closes_the_charges(doc, subtotal, pick)), None)
    return Pick(bare.value, bare.line, largest.confidence) if bare is not None else largest


def _closes_the_charges(doc: Doc, subtotal: Pick, pick: Pick) -> bool:
    """``pick`` a bare amount right under the charges printed under the subtotal (each line between printing
    digits, however garbled, one of them labelled a tax or a service charge), less than the subtotal and more than
    each charge read (not a change's, a balance's or a gift card's amount under a subtotal with no charge)."""
    between = doc.lines[subtotal.line + 1:pick.line]
    slots = charges_between(doc, subtotal, pick)
    if slots is None or not all(re.search(r"\d", line.text) for line in between) \
            or not any(has_keyword(line.text, TAX + SERVICE_CHARGE) for line in between):
        return False
    charges = [doc.lines[li].amounts[ai].value for li, ai in slots]
    return pick.line in {p.line for p in unlabelled_under(doc, subtotal)} and pick.value < subtotal.value \
        and all(0 < charge < pick.value for charge in charges)


def unlabelled_under(doc: Doc, subtotal: Pick | None) -> list[Pick]:
    """The last priced amount of each line without a letter (no label) under the subtotal and at
    least one charge's line: where a total whose label OCR lost may stand."""
    if subtotal is None:
        return []
    return [Pick(priced[-1].value, line.index, 0.6)
            for line in doc.lines[subtotal.line + 2:subtotal.line + 2 + MAX_CHARGE_LINES]
            for priced in [[a for a in line.amounts if a.has_decimals and not a.measure]]
            if priced and not any(ch.isalpha() for ch in line.text)]


# the prices without VAT, as a line labels them
_NET_LABELS = ("TOTAL HT", "PRIX HT", "MONTANT HT", "HT", "NETTOBETRAG", "SUMME NETTO", "NETTO", "BASE IMPONIBLE",
               "NET TOTAL", "TOTAL NET", "NET")
# VAT rates of the countries whose receipts the panel reads (France 5.5/10/20, Germany 7/19, Spain 10/21 ...)
VAT_RATES = tuple(Decimal(rate) for rate in ("2.1", "4", "5", "5.5", "6", "7", "8.1", "9", "10", "12", "13", "19",
                                             "20", "21", "22", "23", "24", "25"))


def _gross_of_the_net(doc: Doc) -> Pick | None:
    """No total label read: the amount printed that the labelled net (``Prix HT 13,82``) comes to
    with one VAT rate added (13.82 + 10 % = 15.20, ``Sonxe 15,20``), where exactly one does."""
    for line in doc.lines:
        if not has_keyword(line.text, _NET_LABELS) or len(line.amounts) != 1 or line.amounts[0].value <= 0:
            continue
        net = line.amounts[0].value
        grosses = {(net * (1 + rate / 100)).quantize(_CENT, rounding=ROUND_HALF_UP) for rate in VAT_RATES}
        printed = [Pick(a.value, other.index, 0.6) for other in doc.lines if other.index != line.index
                   for a in other.amounts if a.value in grosses]
        if len({pick.value for pick in printed}) == 1:
            return printed[-1]
    return None


_THRICE = 3  # lines printing the total where no label was read: the sum, the card slip, the VAT table, the bonus


def _printed_thrice(doc: Doc) -> Pick | None:
    """No total label read: the largest amount printed on three lines or more, on two of them
    beside its currency, and no dearer amount beside one: the total, which a receipt repeats
    (``K EUR 19.40`` / ``#astarcard EUR 19,40`` / ``Betfag EUr 19,40``), not an item bought
    thrice or a modifier's price."""
    return _repeated_beside_currency(doc, _THRICE, _THRICE - 1, signs=True)


def _printed_twice_with_its_code(doc: Doc) -> Pick | None:
    """No total label read: the largest amount printed on two lines, both times after the currency's
    code (``Sues EUR 31,34`` / ``Ged. fc Casn EUR 31.34``: the sum and the card line, their labels
    garbled), and no dearer amount beside one: European receipts print the code only there, never
    beside an item's price (a sign may stand beside every price: ``$12.99`` twice is two dishes)."""
    found = _repeated_beside_currency(doc, 2, 2, signs=False)
    if found is None:
        return None
    labels = {_words_before_amounts(line) for line in doc.lines if found.value in (a.value for a in line.amounts)}
    return found if len(labels) > 1 else None  # "Pizza Margherita 9,50 EUR" twice: one dish bought twice


def _words_before_amounts(line: Line) -> str:
    return squash_spaces(fold(line.text[:line.amounts[0].start])) if line.amounts else ""


def _repeated_beside_currency(doc: Doc, lines: int, named_lines: int, signs: bool) -> Pick | None:
    """The largest amount in cents printed on ``lines`` lines or more, ``named_lines`` of them
    beside its currency (its sign or code where ``signs``, else its code), where no dearer amount
    stands beside one."""
    lines_of: dict[Decimal, list[int]] = {}
    named: Counter[Decimal] = Counter()
    for line in doc.lines:
        priced = {a.value: a for a in line.amounts if a.has_decimals and not a.measure and a.value > 0}
        code = bool(CURRENCY_CODE_RE.search(line.text))
        for value, amount in priced.items():
            lines_of.setdefault(value, []).append(line.index)
            named[value] += code or signs and (amount.currency is not None or bool(CURRENCY_WORD_RE.search(line.text)))
    repeated = [v for v, at in lines_of.items() if len(at) >= lines and named[v] >= named_lines]
    if not repeated or max(repeated) < max(v for v, count in named.items() if count):
        return None  # "5,99 €" three times under a dearer amount beside its currency: a price
    return Pick(max(repeated), lines_of[max(repeated)][0], 0.5)


def _paid_on_one_line(doc: Doc) -> Pick | None:
    """No total label read: the amount of the one payment line (a card, or cash with no change
    given back), which is what was paid. Cash handed over is not, where the change's label is read
    and its amount is not (``Geg: BAR 70,00`` / ``Ruckeeld 42``)."""
    changes = [line for line in doc.lines if has_keyword(line.text, _CHANGE)]
    if any(a.value for line in changes for a in line.amounts):
        return None
    change_unread = any(not any(a.in_cents for a in line.amounts) for line in changes)
    paid = [line for line in doc.lines if line.amounts and (
        card_line(line.text) or not change_unread and has_keyword(line.text, CASH_GIVEN))]
    values = {line.amounts[-1].value for line in paid if line.amounts[-1].has_decimals}
    if len(values) != 1 or next(iter(values)) <= 0:
        return None
    return Pick(values.pop(), paid[0].index, 0.4)


# "TOTAL 16-D0": the decimal point read as a hyphen, at the end of a label's line
_HYPHEN_DECIMAL_RE = re.compile(r"(?<![\w.,\-])(\d{1,4})-([\dODQ]{2})\s*$")
_ZERO = str.maketrans("ODQ", "000")


def _hyphen_decimal(text: str) -> Decimal | None:
    match = _HYPHEN_DECIMAL_RE.search(ascii_upper(text))
    return Decimal(f"{match[1]}.{match[2].translate(_ZERO)}") if match else None


_VAT_BLOCK = 4  # lines of a VAT table under its heading (``VAT Analysis: Net VAT Gross``)


def vat_table_gross(doc: Doc) -> Pick | None:
    """No total label read: the gross of a VAT table (``84.54 14.79 99.33``: net, tax, gross in
    cents, net + tax = gross, the tax a share a VAT rate can be) on lines naming the tax or under
    a heading that does. One row per rate: their grosses add up to what was paid, unless one row
    is the others' sum (the table's sum row)."""
    rows: dict[tuple[Decimal, Decimal, Decimal], int] = {}
    for line in doc.lines:
        block = doc.lines[max(0, line.index - _VAT_BLOCK):line.index + 1]
        if not any(has_keyword(other.text, TAX) for other in block):
            continue
        values = [a.value for a in line.amounts if a.in_cents and a.value > 0]
        for row in zip(values, values[1:], values[2:]):
            if row[0] + row[1] == row[2] and row[1] <= row[2] * MAX_TAX_SHARE:
                rows.setdefault(row, line.index)  # a row printed again (a second copy) counts once
    for line in doc.lines:
        values = [a.value for a in line.amounts if a.in_cents and a.value > 0]
        for net, tax in zip(values, values[1:]):
            if (net, tax, net + tax) not in rows and _tax_at_a_rate(net, tax) and _printed(doc, net + tax, line.index):
                rows[(net, tax, net + tax)] = line.index
    if not rows:
        return None
    grosses = [gross for _, _, gross in rows]
    largest = max(grosses)
    paid = largest if largest * 2 == sum(grosses) or len(grosses) == 1 else sum(grosses)
    return Pick(paid, max(rows.values()), 0.4)


_MIN_NET = Decimal(1)


def _tax_at_a_rate(net: Decimal, tax: Decimal) -> bool:
    """``tax`` is ``net``'s VAT at one of ``VAT_RATES`` to the cent: a VAT row printing the net and
    the tax but not the gross (``MwSt 19: 55,06 10,46``: 65,52, printed as the total above it),
    whatever its label and rate came out as."""
    return net >= _MIN_NET and any(abs(net * rate / 100 - tax) < _CENT for rate in VAT_RATES)


def _paid_less_change_unlabelled(doc: Doc) -> Pick | None:
    """No label read at all: three lines of one amount each, the bill, a round sum handed over,
    the change (``21 95`` / ``EWP 50.00`` / ``Chnenge 28.05``: every label garbled), where the bill
    is the sum less the change and is printed again elsewhere (the VAT row, the card line)."""
    for bill, given, change in zip(doc.lines, doc.lines[1:], doc.lines[2:]):
        if any(len(line.amounts) != 1 or not line.amounts[0].in_cents for line in (bill, given, change)):
            continue
        owed, handed, back = (line.amounts[0].value for line in (bill, given, change))
        if handed % 1 == 0 and 0 < back < handed and handed - back == owed and _printed(doc, owed, bill.index):
            return Pick(owed, bill.index, 0.5)
    return None


def _largest_plausible(doc: Doc) -> Pick | None:
    """No total label read: the largest amount in cents not printed as cash given or change, nor in
    a tip guide (what the bill would come to with a tip). An amount with one decimal or three
    (``1*7446,992``, ``0,694.9``: a quantity times a unit price with its ``=`` or ``*`` read as a
    digit, a weight) is no price."""
    best: tuple[Decimal, int] | None = None
    guide = _tip_guide_rows(doc)
    for line in doc.lines:
        if has_keyword(line.text, CASH_GIVEN + _CHANGE) or holds_a_date(line.text) or line.index in guide:
            continue
        for amount in line.amounts:
            if amount.in_cents and (best is None or amount.value > best[0]):
                best = (amount.value, line.index)
    return Pick(best[0], best[1], 0.25) if best else None


def _pick_tax(doc: Doc, total: Pick | None, subtotal: Pick | None) -> tuple[Pick | None, Decimal | None]:
    """The tax added to the bill or included in it: no more than ``MAX_TAX_SHARE`` of the total read, or of
    the subtotal where that is more (``Subtotal 30.63`` / ``Tax 2.53`` / ``Total 3.16``: the total's
    repeated 3 collapsed into one)."""
    candidates: list[tuple[float, Line, Decimal]] = []
    bill = max((pick.value for pick in (total, subtotal) if pick is not None), default=None)
    for line in doc.lines:
        found = find_keyword(line.text, TAX)
        if found is not None and has_keyword(line.text, SUBTOTAL):
            found = _tax_beside_the_subtotal(line)
        if found is None or has_keyword(line.text, NOT_TAX) or _count_read_as_a_code(line.text, found[1]):
            continue
        amounts = [a for a in line.amounts if a.start > found[1]]
        rate = rate_of(line.text)
        if rate is not None:
            amounts = [a for a in amounts if a.value != rate]
        if not amounts:
            after = value_after(doc, line, len(line.text))
            amounts = [after] if after else []
        if not amounts:
            continue
        value = amounts[-1].value
        if value < 0 or (bill is not None and value > bill * MAX_TAX_SHARE):
            continue
        score = (1.0 if found[0] in ("SALES TAX", "TOTAL TAX", "TAX", "VAT", "MWST", "GST") else 0.7)
        candidates.append((score, line, value))
    if not candidates:
        return None, None
    score, line, value = max(candidates, key=lambda c: (c[0], -c[1].index))
    taxes = _taxes_one_under_another(doc, candidates) or _taxes_by_rate(candidates)
    if len(taxes) >= 2 and any(line is chosen for _, chosen, _ in taxes):  # state and city tax: both added
        return Pick(sum((value for _, _, value in taxes), Decimal(0)), taxes[-1][1].index, 0.5 + 0.3 * score), None
    return Pick(value, line.index, 0.5 + 0.3 * score), rate_of(line.text)


_NO_TAX_AFTER_RE = re.compile(r"\W*(?:FREE|SAVED|SAVINGS?|EXEMPT|BASE|HOLIDAY)\b")
# a US bill's subtotal, the sales tax added to it
_SUBTOTAL_BEFORE_TAX = ("SUBTOTAL", "SUB TOTAL", "SUB-TOTAL", "SUBTTL", "SUB TTL")


def _count_read_as_a_code(text: str, start: int) -> bool:
    """``Eier Bodenh. 0St 4,58 B`` (10 St., its 1 lost): an item's count, its 0 folded into the Q of QST, is no
    tax code."""
    rest = ascii_upper(text)[start:].split(maxsplit=1)
    return bool(rest) and pieces_counted(rest[0])


def pieces_counted(word: str) -> bool:
    """``10St``, ``0St``: a count of pieces (Stück) ending in 0, no QST (a 0 folds as a Q does)."""
    return _PIECES_RE.fullmatch(ascii_upper(word)) is not None


_PIECES_RE = re.compile(r"\d*0ST\.?")


def _tax_beside_the_subtotal(line: Line) -> tuple[str, int, int] | None:
    """The tax's label after the subtotal's amount on one line (``Subtotal 29.06 Tax 1.74``: two rows of
    the bill OCR read as one), with its start and end on the line; None where the line is the subtotal's
    alone (``Subtotal before tax 29.06``, ``Sub Total 29.06 Taxable 29.06``)."""
    label_end = keyword_end(line.text, _SUBTOTAL_BEFORE_TAX)
    subtotal = next((a for a in line.amounts if a.start >= label_end), None)
    if not has_keyword(line.text, _SUBTOTAL_BEFORE_TAX) or subtotal is None:
        return None
    rest = line.text[subtotal.end:]
    found = find_keyword(rest, TAX)
    if found is None or has_keyword(rest, NOT_TAX + SUBTOTAL):
        return None
    if re.search(r"\w", rest[:found[1]]) or _NO_TAX_AFTER_RE.match(ascii_upper(rest[found[2]:])):
        return None  # the tax's label opens what follows the subtotal: not "NON-TAX 1.29", "TAX FREE", "TAX SAVED"
    return found[0], subtotal.end + found[1], subtotal.end + found[2]


def _taxes_one_under_another(doc: Doc, candidates: list[tuple[float, Line, Decimal]]
                             ) -> list[tuple[float, Line, Decimal]]:
    """The tax lines printed one under another right under the subtotal, one amount each
    (``State Tax 1.30`` / ``Meals Tax 0.21``): taxes added one after the other. Empty where the
    subtotal is not right above them (a VAT table's rows print several amounts each)."""
    single = {line.index: (score, line, value) for score, line, value in candidates if len(line.amounts) == 1}
    for start in sorted(single):
        if start == 0 or not has_keyword(doc.lines[start - 1].text, SUBTOTAL):
            continue
        run = []
        while start + len(run) in single:
            run.append(single[start + len(run)])
        return run
    return []


def _taxes_by_rate(candidates: list[tuple[float, Line, Decimal]]) -> list[tuple[float, Line, Decimal]]:
    """Tax lines one under another, each its own rate's, its tax that rate of an amount beside it
    (``MwSt A 7% von 11,47 = 0,75`` / ``MwSt B 19% von 3,29 = 0,53``): the taxes of the rates, together."""
    by_rate = {line.index: (score, line, value) for score, line, value in candidates if _tax_at_its_rate(line, value)}
    for start in sorted(by_rate):
        run = []
        while start + len(run) in by_rate:
            run.append(by_rate[start + len(run)])
        if len(run) >= 2 and len({rate_of(line.text) for _, line, _ in run}) == len(run):
            return run
    return []


def _tax_at_its_rate(line: Line, tax: Decimal) -> bool:
    rate = rate_of(line.text)
    return rate is not None and rate > 0 and any(
        is_tax_of_gross(tax, a.value, rate) or is_tax_of_net(tax, a.value, rate)
        for a in line.amounts if a.value not in (tax, rate))


def _summary_start(doc: Doc) -> int:
    """Index of a tax summary header (its rows are not the receipt total), else past the end."""
    for line in doc.lines:
        if has_keyword(line.text, _SUMMARY) and not line.amounts:
            return line.index
    return len(doc.lines)


def _printed(doc: Doc, value: Decimal, except_line: int) -> bool:
    """``value`` appears as an amount on some other line (paid, card slip, ...)."""
    return any(a.value == value for line in doc.lines if line.index != except_line for a in line.amounts)


ROUNDING = ("ROUNDING", "ROUNDED", "ROUND", "RUNDUNG", "GERUNDET", "ADJ", "ADJUSTMENT", "ARRONDI")
_ROUNDING_STEP = Decimal("0.05")
_MAX_ROUNDING = Decimal("0.10")  # cash rounding moves a total by less than this (to 0.05 or 0.10)


def _rounding_adjustment(doc: Doc) -> Pick | None:
    """The amount of a rounding line (``ROUNDING ADJ 0.01``, ``Rundung -0,02``), not a rounded total's."""
    for line in doc.lines:
        if has_keyword(line.text, ROUNDING) and not has_keyword(line.text, FINAL_TOTAL):
            amount = value_after(doc, line, keyword_end(line.text, ROUNDING))
            if amount is not None and abs(amount.value) < _MAX_ROUNDING:
                return Pick(amount.value, line.index, 0.7)
    return None


def _rounded(doc: Doc, value: Decimal, index: int, paid: Decimal | None, summary_from: int) -> Decimal | None:
    """Cash rounding: the amount actually due is ``value`` rounded to 0.05, printed after it
    (or implied by cash minus change) when the receipt has a rounding line."""
    if value % _ROUNDING_STEP == 0 or not any(has_keyword(line.text, ROUNDING) for line in doc.lines):
        return None
    def close(v: Decimal) -> bool:
        return v != value and abs(v - value) <= _ROUNDING_STEP and v % _ROUNDING_STEP == 0
    if paid is not None and close(paid):
        return paid
    later = [a.value for line in doc.lines[index + 1:summary_from] if index >= 0
             and not has_keyword(line.text, CASH_GIVEN + _CHANGE) for a in line.amounts]
    matches = [v for v in later if close(v)]
    return matches[-1] if matches else None
