"""OCR lines -> a Receipt. Pure: no I/O, and no OCR text is ever logged.

Each field comes from its own module (merchant, dates, totals, items, payment, category);
this module only runs them in order, picks the date and time, and adds the consistency flags.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Collection, Sequence
from decimal import Decimal

from .agreement import CHECK_WEIGHTS, read_amounts
from .amounts import to_cents
from .brand import CLOCK_LETTERS, BrandFound, countries_of_its_name, find_brand
from .category import find_category, plays_not_dines
from .dates import (RawDate, TimeMatch, dates_on_lines, dates_like_numbers, find_dates, find_times, in_year_before,
                    only_in_stamp, order_from_dates, resolve, six_digit_dates, stamp_at_shop, usual_order,
                    utc_clock_at_shop, without_utc_stamp, year_two_as_seven, yearless_dates)
from .items import (DISCOUNT_WORDS, fill_lost_prices, find_items, first_total_line, fit_to, items_bound,
                    merge_modifiers, reductions_after_subtotal, reductions_under_a_first_total,
                    reductions_within_the_bill, settle_discounts, subtotal_among_items, summary_line,
                    total_among_items, with_short_named_items, with_unconfirmed_lost_prices, within_the_bill)
from .layout import Doc, Line, build_doc
from .locale import (EURO_COUNTRIES, MALAYSIAN_GST_RATE, SHARED_TAX_COUNTRIES, Locale, detect_locale, home_locale,
                     named_by_a_shared_tax_alone, only_the_euro)
from .merchant import MerchantInfo, find_merchant, header_end, without_phones_after_names
from .papers import one_paper_after_another
from .payment import find_payment, find_receipt_number
from .text import ascii_upper, find_keyword, has_keyword, letters
from .totals import CASH_GIVEN, Totals, card_line
from .types import LineItem, OcrLine, Receipt
from .vat import is_tax_of_gross, is_tax_of_net

_DATE_LABELS = ("DATE", "DATUM", "DT", "DATE/TIME", "TARIKH", "LE", "VERKAUF", "RECHNUNGSDATUM", "KAUFDATUM",
                "BELEGDATUM", "VERKAUFSDATUM")
# a date of the service bought, not of the purchase: a show, a journey, a stay, a delivery
_SERVICE_DATE = ("VORSTELLUNG", "HINFAHRT", "RÜCKFAHRT", "ABFAHRT", "ANKUNFT", "ANREISE", "ABREISE", "LIEFERTERMIN",
                 "LIEFERDATUM", "TERMIN", "SHOWTIME", "SHOW TIME", "DEPARTURE", "ARRIVAL", "CHECK-IN", "CHECK IN",
                 "CHECK-OUT", "CHECK OUT", "DELIVERY DATE", "PICKUP DATE", "EVENT DATE", "SEANCE")
_SERVICE_PENALTY = 1.0
# a film's rating or the screen it shows on, on a ticket's show line or over it ("THE QUIET HOUR PG-13" /
# "Sat 12/05/2026 7:00PM", "FROZEN PG", "Saal 3 FSK 12"; not "PG TIPS 80", "EFTPOS AUD 7.60", a restaurant's
# "Saal 1 Tisch 12")
_FILM_RE = re.compile(r"\bPG-?13\b|\bPG\)?\s*$|\bNC-?17\b|\bFSK\s?\d{1,2}\b|"
                      r"\b(?:AUD(?:ITORIUM)?|SAAL|KINO|SCREEN)\s?#?\d{1,2}\b(?![.,]\d)(?!.*\bTISCH\b)", re.IGNORECASE)
_PRINTED_AGAIN_BONUS = 0.5  # the date on another line too (the card slip, the till's TSE stamp)
_NOT_PURCHASE_DATE = ("EXP", "EXPIRY", "EXPIRES", "VALID", "GÜLTIG", "BIS", "BEST BEFORE", "USE BY",
                      "MHD", "DUE DATE", "RETURN BY", "BIRTH", "POINTS EXPIRY",
                      # a return or exchange deadline, a coupon's "valid until", in the panel's languages
                      "RETURN", "RETURNS", "UNTIL", "RÜCKGABE", "UMTAUSCH", "ECHANGE", "VALABLE", "JUSQU",
                      "VALIDO", "HASTA", "DEVOLUCION", "SCADENZA", "VALIDADE", "GELDIG",
                      # an offer's or a survey's end, a member's first day
                      "GOOD THRU", "GOOD THROUGH", "ENDS", "REDEEM", "ENTER BY", "EXPIRE", "EXPIRATION", "DEADLINE",
                      "SINCE", "SEIT",
                      # a birth date checked for an age-limited sale, a payment's or a pickup's day, a points
                      # balance's day, a prescription's, its filling's, the next refill's
                      "DOB", "D.O.B.", "GEBURTSDATUM", "FÄLLIG AM", "ABHOLUNG AM", "ABHOLDATUM", "ABHOLTERMIN",
                      "PUNKTESTAND", "REZEPTDATUM", "FILL DATE", "DATE FILLED", "FILL DT", "REZEPT VOM", "VERORDNUNG VOM", "NEXT FILL", "NEXT REFILL", "REFILL DUE",
                      "UMTAUSCHFRIST", "RÜCKGABEFRIST")
# a date of another print than the sale's: a reprint's or a copy's, a deposit voucher's paid in with it
_REPRINT = ("REPRINT", "REPRINTED", "PRINTED", "DUPLICATE", "KOPIE", "RECHNUNGSKOPIE", "NACHDRUCK", "DUPLIKAT")
_VOUCHER_PRINT = ("LEERGUTBON", "PFANDBON", "LEERGUT", "PFANDRUECKGABE", "PFANDRUCKGABE", "PFANDRÜCKGABE")
# the voucher's word alone on its line, a number maybe (``Leergutbon``, ``PFANDBON 0815``; not ``Pfandbon eingelöst``)
_VOUCHER_ALONE_RE = re.compile(r"\W*(?:LEERGUTBON|PFANDBON|LEERGUT|PFANDRU?E?CKGABE)\W*(?:NR\W*)?\d*\W*")
_TOLERANCE = Decimal("0.02")


def extract_receipt(lines: Sequence[OcrLine]) -> Receipt:
    lines = one_paper_after_another(lines)  # a bill and its card slip side by side: each read whole
    doc = build_doc(lines)
    if not doc.lines:
        return Receipt()
    locale = detect_locale(doc.texts)
    confidence: dict[str, float] = {}

    date, date_line, confidence["date"], order_guessed = _pick_date(doc, _day_first(locale, doc))
    time, confidence["time"] = _pick_time(doc, date_line, date)
    reading = read_amounts(doc, locale.currency)
    printed, (doc, totals) = doc, (reading.doc, reading.totals)
    first_body = _first_body_line(doc)
    merchant = find_merchant(doc, _heights(lines), first_body)
    brand = find_brand(without_phones_after_names(doc), locale.country, header_end(doc, first_body),
                       merchant.name_line)
    if brand is None and only_the_euro(locale):
        brand, locale = _brand_of_the_euro(doc, locale, header_end(doc, first_body), merchant.name_line)
    home = None
    if locale.country is None and brand is not None:
        home = home_locale(countries_of_its_name(brand.brand), doc.texts)
    elif brand is None and named_by_a_shared_tax_alone(doc.texts) and not _at_malaysias_gst_rate(totals):
        brand, home = _brand_of_the_shared_tax(doc, header_end(doc, first_body), merchant.name_line)
    if home is not None:
        # the receipt names no country (or a tax of several), the chain trades in one: its currency and date order
        locale, brand = home, find_brand(doc, home.country, header_end(doc, first_body), merchant.name_line) or brand
        date, date_line, confidence["date"], order_guessed = _pick_date(printed, locale.day_first)
        time, confidence["time"] = _pick_time(printed, date_line, date)
    body_end = min((p.line for p in (totals.subtotal, totals.total) if p and p.line >= 0), default=_first_paid(doc))
    name_line = merchant.name_line if (merchant.name_line or 0) < body_end else None  # not a legal name in the footer
    top = _top_of_body(doc)
    name_line = _name_printed_again(doc, name_line, merchant.name)
    after_header = max(_under(name_line, top), _under(merchant.address_end, top))
    if after_header >= body_end:
        after_header = _under(name_line, top)
    body_start = _items_start(doc, after_header, first_total_line(doc, after_header, body_end), date)
    items_end = first_total_line(doc, body_start, items_bound(doc, body_end, _money(totals.total)))
    items_end = total_among_items(doc, body_start, items_end, _money(totals.total))
    items = find_items(doc, body_start, items_end)
    if top == 0 and items and items[0].line_index == 0 and _adds_up(items[1:], totals):
        items = items[1:]  # "Rewards Balance $5.00", "Sie haben 1,20 EUR gespart" over items that make the bill
    if totals.subtotal and totals.total and totals.subtotal.line == items_end < totals.total.line:
        items += reductions_after_subtotal(doc, (totals.subtotal.line, totals.subtotal.value),
                                           (totals.total.line, totals.total.value))
    elif totals.total and items_end < totals.total.line:
        items += reductions_under_a_first_total(doc, items_end, (totals.total.line, totals.total.value))
    payment, confidence["payment"] = find_payment(doc, locale.country)
    receipt_number, confidence["receipt_number"] = find_receipt_number(doc)
    item_lines = {item.line_index for item in items if item.line_index is not None}
    category, confidence["category"] = _trade(doc, brand, merchant, reading.checks, item_lines)

    confidence.update({
        "merchant": max(merchant.name_confidence, 0.6 + 0.35 * brand.score) if brand else merchant.name_confidence,
        "merchant_address": 0.6 if merchant.address else 0.0,
        "phone": 0.7 if merchant.phone else 0.0,
        "currency": locale.currency_confidence if locale.currency else 0.0,
        "total": totals.total.confidence if totals.total else 0.0,
        "subtotal": totals.subtotal.confidence if totals.subtotal else 0.0,
        "tax": totals.tax.confidence if totals.tax else 0.0,
        "tip": totals.tip.confidence if totals.tip else 0.0,
        "items": 0.5 if items else 0.0,
    })
    total = _money(totals.total)
    subtotal = _money(totals.subtotal)
    tax = _money(totals.tax)
    rounding = _money(totals.rounding)
    items, labelled_otherwise = subtotal_among_items(items, subtotal, tax, total, _money(totals.tip))
    if labelled_otherwise != subtotal:  # the tax brings it to the total: as sure as a labelled one
        subtotal, confidence["subtotal"] = labelled_otherwise, 0.6
    targets = tuple(v for v in (subtotal, *_before_rounding(total, rounding)) if v is not None)
    items = with_short_named_items(settle_discounts(items, targets), doc, items_end, subtotal)
    items = fit_to(fill_lost_prices(items, doc, body_start, items_end, targets), targets, doc, printed)
    items = reductions_within_the_bill(
        with_unconfirmed_lost_prices(items, doc, body_start, items_end, targets, tax), targets)
    items = merge_modifiers(items, lines)  # as read at last: a lost price filled, a sign digit dropped
    made = sum((item.amount for item in items), Decimal(0))
    # where a tender prints what the items make, it is the total that was misread
    if not any(amount.value == made for line in doc.lines for amount in line.amounts):
        items = within_the_bill(items, total, reading.support >= CHECK_WEIGHTS["subtotal_plus_tax"], targets)
    flags = _flags(items, subtotal, tax, _money(totals.tip), total, rounding)
    flags.update({f"total_{check}": True for check in reading.checks})
    if order_guessed:
        flags["date_order_guessed"] = True  # nothing on the receipt says day-first or month-first
    if reading.sign_digit:
        flags["currency_sign_read_as_digit"] = True
    if total is not None and not reading.checks and not flags.get("items_sum_to_total"):
        confidence["total"] = min(confidence["total"], 0.5)  # nothing on the receipt agrees with it
    if flags.get("subtotal_plus_tax_equals_total"):
        for name in ("total", "subtotal", "tax"):
            confidence[name] = min(0.99, confidence[name] + 0.1)
    return Receipt(
        merchant=brand.brand.name if brand else merchant.name,
        merchant_raw=merchant.name or (brand.printed if brand else None),  # the shop's name as printed
        brand_wikidata=brand.brand.wikidata if brand else None,
        merchant_address=merchant.address,
        phone=merchant.phone,
        date=date,
        time=time,
        currency=locale.currency,
        total=total,
        subtotal=subtotal,
        tax=tax,
        tax_rate=totals.tax_rate,
        tip=_money(totals.tip),
        items=items,
        payment=payment,
        receipt_number=receipt_number,
        category=category,
        confidence={k: round(v, 2) for k, v in confidence.items()},
        flags=flags,
    )


def _trade(doc: Doc, brand: BrandFound | None, merchant: MerchantInfo, checks: tuple[str, ...],
           item_lines: Collection[int]) -> tuple[str, float]:
    """The category and its confidence: the brand's own trade (its OSM tags), not a word count, says it,
    but a pump slip (its total what volume x price make, its words a fuel station's) is fuel whichever
    chain runs the pump (a warehouse club's, a grocer's), and a bill of play alone is entertainment though
    the directory files its chain as a restaurant (``plays_not_dines``: Main Event's bowling)."""
    if brand is None:
        return find_category(doc, merchant.name_line, merchant.name)
    if "quantity_times_price" in checks and find_category(doc, merchant.name_line, merchant.name)[0] == "fuel":
        return "fuel", 0.9
    if brand.brand.category == "restaurant" and plays_not_dines(doc, merchant.name_line, item_lines):
        return "entertainment", 0.9
    return brand.brand.category, 0.9


def dated_by_mail(receipt: Receipt, lines: Sequence[OcrLine], received: dt.date, source: str = "mail") -> Receipt:
    """A receipt whose date was read nowhere, dated by one printed without its year (``02.03. 15:59``,
    ``03/02 3:59PM``) in the year that makes it the latest day not after the mail came in
    (``received``; or, ``source="photo"``, the day the photo was taken); flagged
    ``date_year_from_mail`` (``date_year_from_photo``). Any other receipt as it is."""
    if receipt.date is not None:
        return receipt
    doc = build_doc(lines)
    day_first = detect_locale(doc.texts).day_first
    for line in doc.lines:
        for raw in yearless_dates(line.text):
            value = in_year_before(raw, received, usual_order(raw) if day_first is None else day_first)
            if value is None:
                continue
            times = find_times(line.text) if receipt.time is None else ()  # the date's own digits are none
            return dataclasses.replace(
                receipt, date=value, time=times[0].value if times else receipt.time,
                confidence={**receipt.confidence, "date": 0.5},
                flags={**receipt.flags, f"date_year_from_{source}": True})
    return receipt


def _day_first(locale: Locale, doc: Doc) -> bool | None:
    """The locale's date order; where it says none, day first on a receipt that prints decimal commas (no country
    that prints its dates month first does, but Québec, which prints them day first)."""
    return True if locale.day_first is None and doc.decimal == "," else locale.day_first


def _brand_of_the_euro(doc: Doc, locale: Locale, end: int, name_line: int | None) -> tuple[BrandFound | None, Locale]:
    """Where euro signs alone said Germany and no German brand was read, the brand another euro country's
    directory reads (``MERCADONA`` over ``PAN 1,30 €``), the first such country on a tie, and that country."""
    found = [(brand, country) for country in EURO_COUNTRIES if country != locale.country
             and (brand := find_brand(doc, country, end, name_line)) is not None]
    if not found:
        return None, locale
    brand, country = max(found, key=lambda pair: pair[0].score)
    return brand, dataclasses.replace(locale, country=country)


def _at_malaysias_gst_rate(totals: Totals) -> bool:
    """The tax is Malaysia's GST rate of the total, added to it or included (``TOTAL 8.70`` / ``GST 0.49``)."""
    tax, total = totals.tax, totals.total
    return tax is not None and total is not None and tax.value > 0 and (
        is_tax_of_net(tax.value, total.value - tax.value, Decimal(MALAYSIAN_GST_RATE))
        or is_tax_of_gross(tax.value, total.value, Decimal(MALAYSIAN_GST_RATE)))


def _brand_of_the_shared_tax(doc: Doc, end: int, name_line: int | None) -> tuple[BrandFound | None, Locale | None]:
    """Where the goods and services tax alone said Malaysia and no Malaysian brand was read, the brand another
    country of that tax reads (a Canadian ``ARBY'S`` over ``GST .41``), and those countries' locale where they share
    one (``home_locale``)."""
    found = [(brand, country) for country in sorted(SHARED_TAX_COUNTRIES - {"MY"})
             if (brand := find_brand(doc, country, end, name_line)) is not None]
    if not found:
        return None, None
    brand = max(found, key=lambda pair: pair[0].score)[0]
    return brand, home_locale(frozenset(country for found_brand, country in found if found_brand.brand == brand.brand))


def _name_printed_again(doc: Doc, name_line: int | None, name: str | None) -> int | None:
    """The shop's name line, or the line under it where that prints the name again with a number that is no
    price (``Coop`` / ``Coop Alleanza 3.0``: the cooperative's legal name and its version)."""
    if name_line is None or not name or name_line + 1 >= len(doc.lines):
        return name_line
    under = doc.lines[name_line + 1]
    again = under.text.upper().startswith(f"{name.upper()} ") and under.amounts \
        and not any(amount.in_cents for amount in under.amounts)
    return name_line + 1 if again else name_line


def _money(pick) -> Decimal | None:
    return to_cents(pick.value) if pick is not None else None


def _under(index: int | None, top: int) -> int:
    """The first line under a header line read at ``index``; ``top`` where none was read."""
    return top if index is None else index + 1


def _adds_up(items: Sequence[LineItem], totals: Totals) -> bool:
    """The items make the subtotal, the total, or the total less the tax (a line over them is none of them)."""
    made = sum((item.amount for item in items), Decimal(0))
    total, tax = _money(totals.total), _money(totals.tax)
    return bool(items) and made in {_money(totals.subtotal), total, total - tax if total is not None and tax else None}


def _top_of_body(doc: Doc) -> int:
    """Where the body starts on a receipt whose name and address were not read: its first line (a photo cut
    under the logo opens with an item: ``TESCO WHOLE MILK 4PT £1.65``), unless that line is a total's (``Total
    23.18``: the tail of the receipt printed above it)."""
    return 0 if first_total_line(doc, 0, 1) == 1 else 1


def _heights(lines: Sequence[OcrLine]) -> list[int]:
    return [(line.box[3] - line.box[1]) if line.box else 0 for line in lines]


def _first_paid(doc: Doc) -> int:
    """Where the body ends when no total's line was read (the total is cash given less change):
    the first payment line, else the receipt's end."""
    return next((line.index for line in doc.lines if line.amounts and (has_keyword(line.text, CASH_GIVEN)
                                                                        or card_line(line.text))), len(doc.lines))


def _items_start(doc: Doc, header_end: int, totals_start: int, date: dt.date | None) -> int:
    """Items start under the first line between the header and the totals that prints the
    purchase date (invoice number, cashier and date lines come first; a parking ticket prints
    the date again with its times). A date with no item's price under it is printed under the items."""
    if date is None:
        return header_end
    for line in doc.lines[header_end:totals_start]:
        if any(a.has_decimals and a.value < 0 for a in line.amounts):
            continue  # "Pfandbon 05.12.2026 -3,25 B": empties handed back that print the day, no header's line
        if any(date in (resolve(raw, True), resolve(raw, False)) for raw in find_dates(line.text)):
            below = doc.lines[line.index + 1:totals_start]
            priced = any(a.has_decimals for other in below if not summary_line(other.text) for a in other.amounts)
            return line.index + 1 if priced else header_end
    return header_end


_STAMP_ABOVE_THE_LOGO = 2  # lines: an order ticket's date and clock printed over the shop's name


def _first_body_line(doc: Doc) -> int | None:
    """First line that is clearly past the header: it holds a date or a priced amount; not a date alone on the
    receipt's first lines, a ticket's stamp over the shop's name (``2004-10-31`` / ``8:21 PM`` / ``YOUR GUEST NUMBER
    IS`` / ``98`` over ``IN-N-OUT BURGER LAS VEGAS EASTERN``)."""
    for line in doc.lines:
        if _dated_or_priced(line) and not _stamp_above_the_logo(doc, line.index):
            return line.index
    return None


def _dated_or_priced(line: Line) -> bool:
    return any(a.has_decimals for a in line.amounts) or bool(find_dates(line.text))


def _stamp_above_the_logo(doc: Doc, index: int) -> bool:
    """A date on one of the receipt's first lines, alone or with its clock, and a line of words under it before the
    next date or priced amount."""
    line = doc.lines[index]
    if index >= _STAMP_ABOVE_THE_LOGO or letters(line.text) > CLOCK_LETTERS \
            or any(a.has_decimals for a in line.amounts):
        return False
    for line in doc.lines[index + 1:]:
        if _dated_or_priced(line):
            return False
        if letters(line.text) > CLOCK_LETTERS and not find_times(line.text):
            return True
    return False


def _labelled(doc: Doc, index: int, labels: Sequence[str]) -> bool:
    """Line ``index`` carries one of ``labels``, or the line above it is that label alone (it
    holds no date of its own): ``Datum`` over ``03.12.2026``."""
    above = doc.lines[index - 1].text if index > 0 else ""
    return has_keyword(doc.lines[index].text, labels) or has_keyword(above, labels) and not find_dates(above)


# the words a deadline's label line ends with, the date under it: "RETURNS WITH RECEIPT THRU",
# "Rückgabe bis zum", "valable jusqu'au"
_DEADLINE_ENDINGS = frozenset(("THRU", "THROUGH", "BY", "UNTIL", "TIL", "BEFORE", "BIS", "ZUM", "AU", "HASTA",
                               "TOT", "AL", "ENTRO", "DATE", "DATUM", "ON", "SPÄTESTENS", "SPATESTENS",
                               "SPAETESTENS"))


def _before_its_deadline(text: str, raw: RawDate) -> bool:
    """``raw`` stands before the deadline's word on its line, another date after it, and the sale's clock between them
    or a date's label before it: the sale's moment and the return's deadline on one line (Target's ``01/12/2013 04:13
    PM EXPIRES 04/12/13``, ``Kaufdatum 12.03.2024 Rückgabe bis ...``; not an offer's ``01.11.2023 bis
    30.11.2023``)."""
    found = find_keyword(text, _NOT_PURCHASE_DATE)
    if found is None or raw.end > found[1] or not find_dates(text[found[2]:]):
        return False
    upper = ascii_upper(text)
    return bool(_SALE_CLOCK_RE.search(upper[raw.end:found[1]]) or _SALE_DATE_LABEL_RE.search(upper[:raw.start]))


_SALE_CLOCK_RE = re.compile(r"(?<![\d.,])[0-2]?\d\s?[:;]\s?[0-5]\d(?![\d.,])")
_SALE_DATE_LABEL_RE = re.compile(r"(?:DATE|DATUM|KAUFDATUM|DATED|FECHA|DATA)\W*$")


def _deadline(doc: Doc, index: int) -> bool:
    """Line ``index`` prints a deadline, not the purchase: its own line carries a deadline's word
    (``Gültig bis 31.12.2026``), or the line above is a deadline's label that leads to it (``RETURNS
    WITH RECEIPT THRU`` over ``05/31/2016``); a footer that merely holds such a word (``Vielen Dank und
    bis bald!``, ``Umtausch nur mit Kassenbon``, ``Returns accepted within 28 days``) labels nothing. On a
    receipt that pays money back, a return's own line with its time (``RETURN 12/05/2026 09:12 AM``) dates
    the return, no deadline (``_return_only``)."""
    text = doc.lines[index].text

    def returns_sale(label: str) -> bool:  # only where a deadline's word was read: the costly checks last
        return _return_only(label) and bool(find_times(text)) and _pays_back(doc)
    if has_keyword(text, _NOT_PURCHASE_DATE):
        return not returns_sale(text)
    above = doc.lines[index - 1].text if index > 0 else ""
    if not has_keyword(above, _NOT_PURCHASE_DATE) or find_dates(above) or returns_sale(above):
        return False
    words = above.split()
    return any(has_keyword(" ".join(words[-len(label.split()):]), (label,)) for label in _NOT_PURCHASE_DATE) \
        or bool(words) and words[-1].strip(":;.,").upper() in _DEADLINE_ENDINGS


def _business_day(doc: Doc, index: int, value: dt.date, latest: dt.date) -> bool:
    """``DOB: 07/18/2026`` on a restaurant till (Aloha's date of business): a date labelled only DOB that
    is too recent to be the birth date of a buyer whose age was checked, where the receipt prints no other
    purchase date (a pet's or a child patient's ``DOB: 03/14/2019`` beside the invoice's date is a birth date)."""
    text = doc.lines[index].text
    above = doc.lines[index - 1].text if index else ""
    labelled = next((line for line in (text, above) if has_keyword(line, _NOT_PURCHASE_DATE)), "")
    return has_keyword(labelled, _BIRTH_DATE_LABELS) and not has_keyword(labelled, _NOT_BIRTH_DATE) \
        and value.year > latest.year - _YOUNGEST_CHECKED_AGE


_BIRTH_DATE_LABELS = ("DOB", "D.O.B.")
_NOT_BIRTH_DATE = tuple(label for label in _NOT_PURCHASE_DATE if label not in _BIRTH_DATE_LABELS)
_YOUNGEST_CHECKED_AGE = 16  # years; an age-limited sale checks no younger buyer's birth date


# a return's own sale: "RETURN 12/05/2026 09:12 AM", "RETURN" over the date and its time
_RETURN_WORDS = ("RETURN", "RETURNS", "RÜCKGABE", "UMTAUSCH")
_DEADLINES_BUT_RETURNS = tuple(label for label in _NOT_PURCHASE_DATE if label not in _RETURN_WORDS)


def _pays_back(doc: Doc) -> bool:
    """A total printed negative: the receipt of a return (not a sale's with a rental's return day on it, nor
    what a sale's discounts came to: ``TOTAL SAVINGS -3.00``)."""
    return any(a.value < 0 for line in doc.lines
               if has_keyword(line.text, _REFUND_TOTALS) and not has_keyword(line.text, DISCOUNT_WORDS)
               for a in line.amounts)


_REFUND_TOTALS = ("TOTAL", "SUMME", "GESAMT", "REFUND", "ERSTATTUNG", "AUSZAHLUNG", "ZU ZAHLEN")


def _return_only(text: str) -> bool:
    """The line names a return, not a deadline for one: no deadline's other word (``Return by``,
    ``Returns until``, ``Rückgabe bis``)."""
    return not has_keyword(text, _DEADLINES_BUT_RETURNS) and not any(
        word.strip(":;.,").upper() in _DEADLINE_ENDINGS for word in text.split())


def _torn_from(value: dt.date, whole: dt.date, kind: str, day_first: bool | None) -> bool:
    """``value`` is ``whole`` read from a torn edge that took the first digit of its first field
    (``2/05/26`` of ``12/05/26`` or ``DEC 05 2026``, printed on the card slip): same year, the other
    field the same, the first its last digit."""
    if kind != "numeric" or value.year != whole.year:
        return False
    if day_first:
        return value.month == whole.month and whole.day >= 10 and f"{whole.day}"[1:] == f"{value.day}"
    return value.day == whole.day and whole.month >= 10 and f"{whole.month}"[1:] == f"{value.month}"


_MONTH_OR_CLOCK = re.compile(r"JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
                             r"|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?|AM|PM|UHR", re.IGNORECASE)


def _bare_date_line(text: str) -> bool:
    """A line of the date and its time alone (``12/05/26 20:14``, ``NOV 30 2026 7:20 PM``), no word of
    what else it dates (``Delivery 15/11/2026``, ``Next service 11/15/2026``)."""
    return all(_MONTH_OR_CLOCK.fullmatch(word) for word in re.findall(r"[A-Za-z]+", text))


def _pick_date(doc: Doc, locale_day_first: bool | None) -> tuple[dt.date | None, int | None, float, bool]:
    """The purchase date, its line, its confidence, and whether its order was guessed (the
    receipt could not decide between day-first and month-first)."""
    found: list[tuple[int, RawDate]] = [(index, year_two_as_seven(raw)) for index, raw in dates_on_lines(doc.texts)]
    if not found:
        return _date_read_no_other_way(doc, locale_day_first)
    evidence = order_from_dates([raw for _, raw in found])
    day_first = locale_day_first if evidence is None else evidence
    best: tuple[float, int, dt.date, RawDate] | None = None
    latest = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1)  # no purchase is in the future
    resolved = [(index, raw, resolve(raw, usual_order(raw) if day_first is None else day_first))
                for index, raw in found]
    printed_on = _lines_printing(doc, resolved)
    undated = not any(value is not None and value <= latest and not _deadline(doc, index)
                      for index, _, value in resolved)
    for index, raw, value in resolved:
        deadline = _deadline(doc, index) and not _before_its_deadline(doc.lines[index].text, raw)
        if value is None or value > latest or deadline and not (undated and _business_day(doc, index, value, latest)):
            continue  # no date, a future one, or a deadline: not the purchase
        text = doc.lines[index].text
        score = 1.0 - 0.5 * index / len(doc.lines)
        if _labelled(doc, index, _DATE_LABELS):
            score += 1.0
        if find_times(text):
            score += 0.8
        if raw.kind == "compact":
            score -= 0.8
        if has_keyword(text, _SERVICE_DATE) or _shows_a_film(doc, index):
            score -= _SERVICE_PENALTY
        if _other_print(doc, index, value, resolved):
            score -= _SERVICE_PENALTY
        if len(printed_on.get(value, ())) >= 2:
            score += _PRINTED_AGAIN_BONUS
        if only_in_stamp(text, value):
            score -= _UTC_STAMP_PENALTY
        if best is None or score > best[0]:
            best = (score, index, value, raw)
    if best is None:
        return None, None, 0.0, False
    score, index, value, raw = best
    opens_its_line = doc.lines[index].text.lstrip()[:1].isdigit()  # a torn date opens its line
    whole = next(((other_index, other) for other_index, _, other in resolved
                  if opens_its_line and other is not None and other <= latest and not _deadline(doc, other_index)
                  and _torn_from(value, other, raw.kind, day_first) and _bare_date_line(doc.lines[other_index].text)),
                 None)
    if whole is not None:
        index, value = whole
    if only_in_stamp(doc.lines[index].text, value):  # the shop printed no date of its own clock
        value = stamp_at_shop(doc.lines[index].text).date()
    ambiguous = raw.either_order and raw.first <= 12 and raw.second <= 12 and raw.first != raw.second
    confidence = min(0.95, 0.5 + 0.15 * score) - (0.15 if ambiguous and evidence is None else 0.0)
    return value, index, max(confidence, 0.1), ambiguous and day_first is None


def _date_read_no_other_way(doc: Doc, day_first: bool | None) -> tuple[dt.date | None, int | None, float, bool]:
    """Where no line reads a date: a stamp whose T OCR read as a digit (``2024-06-13709:15:00``), a two-digit-year
    date with a dot lost (``2811.25 16:02``), else one with both lost (``Datum: 051226``), less and less surely."""
    stamped = next(((line.index, stamp) for line in doc.lines if (stamp := stamp_at_shop(line.text))), None)
    if stamped:
        return stamped[1].date(), stamped[0], 0.5, False
    latest = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1)
    lost_dot = [(index, value) for index, raw in dates_like_numbers(doc.texts)
                if (value := resolve(raw, True)) and value <= latest]
    if lost_dot:
        return lost_dot[0][1], lost_dot[0][0], 0.4, False
    lost_both = six_digit_dates(doc.texts, day_first)
    return (lost_both[0][1], lost_both[0][0], 0.3, day_first is None) if lost_both else (None, None, 0.0, False)


def _other_print(doc: Doc, index: int, value: dt.date, resolved: list[tuple[int, RawDate, dt.date | None]]) -> bool:
    """The line dates a reprint made after the sale printed on the receipt, or a deposit voucher printed
    before it: another date the receipt prints, no deadline's, is earlier than the reprint's (``Reprinted:
    12/04/24`` over ``Closed 12/03/24``) or later than the voucher's (``Leergutbon 28.11.24``)."""
    text = doc.lines[index].text
    above = doc.lines[index - 1].text if index > 0 else ""
    reprint = has_keyword(text, _REPRINT)
    # the voucher's word on its own line over a date alone (``Leergutbon`` / ``28.11.2026 10:12``) too
    voucher = has_keyword(text, _VOUCHER_PRINT) or bool(_VOUCHER_ALONE_RE.fullmatch(ascii_upper(above))) \
        and not _priced_above(doc, index)
    if not (reprint or voucher):
        return False
    others = [other for at, _, other in resolved if other and at != index and not _deadline(doc, at)]
    return reprint and any(other < value for other in others) or voucher and any(other > value for other in others)


def _priced_above(doc: Doc, index: int) -> bool:
    """The line over line ``index`` prints an amount (a voucher's word there names a priced line, not the date)."""
    return index > 0 and bool(doc.lines[index - 1].amounts)


def _shows_a_film(doc: Doc, index: int) -> bool:
    """A cinema ticket's show: the film's rating or its screen on the date's line or the one over it."""
    return any(_FILM_RE.search(doc.lines[at].text) for at in (index, index - 1) if at >= 0)


def _lines_printing(doc: Doc, resolved: list[tuple[int, RawDate, dt.date | None]]) -> dict[dt.date, set[int]]:
    """The lines each date stands on, the till's security-module stamp counted in the shop's time."""
    printed: dict[dt.date, set[int]] = {}
    for index, _, value in resolved:
        if value is not None:
            printed.setdefault(value, set()).add(index)
    for line in doc.lines:
        if (stamp := stamp_at_shop(line.text)) is not None:
            printed.setdefault(stamp.date(), set()).add(line.index)
    return printed


def _pick_time(doc: Doc, date_line: int | None, day: dt.date | None) -> tuple[dt.time | None, float]:
    """The time beside the purchase date (``day``, on ``date_line``; or on a line next to it); else a security
    module's UTC stamp beside that line, turned to the shop's clock, unless the till prints its own time up to an
    hour after it; else the first time printed; else the first stamp."""
    if date_line is not None:  # four digits after the date (``1737``) only where no line beside prints a time
        beside = [times[0] for index in (date_line, date_line + 1, date_line - 1) if 0 <= index < len(doc.lines)
                  if (times := _local_times(doc.lines[index]))]
        chosen = next((time for time in beside if not time.weak), beside[0] if beside else None)
        if chosen is not None:
            return chosen.value, 0.85
        # a security module's stamp beside the date (its date often read off it): its time, the till's own first
        stamped = _first_stamp_time(doc.lines[max(date_line - 1, 0):date_line + 2], day)
        if stamped is not None:
            printed = _printed_within_the_hour(doc, stamped)
            return (printed if printed is not None else stamped), 0.5
    for line in doc.lines:
        times = _local_times(line)
        if times:
            return times[0].value, 0.5
    stamp = _first_stamp_time(doc.lines, day)
    return (stamp, 0.5) if stamp is not None else (None, 0.0)


_STAMP_TO_PRINT_MINUTES = 60  # a till prints its own time at most this long after its security module's start


def _printed_within_the_hour(doc: Doc, stamped: dt.time) -> dt.time | None:
    """The till's own time printed on any line just after its security module's start (``Uhrzeit 15:51`` beside a
    stamp at 15:47 local): it wins over the stamp, as the till's own date and time do."""
    return next((times[0].value for line in doc.lines if (times := _local_times(line))
                 and 0 <= _minutes(times[0].value) - _minutes(stamped) <= _STAMP_TO_PRINT_MINUTES), None)


def _local_times(line: Line) -> list[TimeMatch]:
    """The times a line prints on the shop's clock (a machine stamp's UTC clock blanked out)."""
    return find_times(without_utc_stamp(line.text))


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _first_stamp_time(lines: Sequence[Line], day: dt.date | None) -> dt.time | None:
    """The shop's time of the first machine stamp on ``lines`` (the module's start before its stop)."""
    return next((stamp for line in lines if (stamp := _stamp_time(line.text, day)) is not None), None)


def _stamp_time(text: str, day: dt.date | None) -> dt.time | None:
    """The shop's time of a line's machine stamp; one whose date OCR garbled taken on ``day``, the purchase's."""
    stamp = stamp_at_shop(text)
    if stamp is not None:
        return stamp.time()
    return utc_clock_at_shop(text, day) if day is not None else None


_UTC_STAMP_PENALTY = 1.5  # a stamp in UTC is the purchase date only where the shop printed none


def _before_rounding(total: Decimal | None, rounding: Decimal | None) -> tuple[Decimal | None, ...]:
    """The total, and what it was before a printed cash rounding (OCR often loses the sign)."""
    if total is None or not rounding:
        return (total,)
    return total, total - rounding, total + rounding


def _flags(items, subtotal, tax, tip, total, rounding) -> dict[str, bool]:
    """Consistency of the amounts read. Items sum to the subtotal; where prices include tax
    (VAT, GST) they sum to the total instead, before any printed cash rounding."""
    flags: dict[str, bool] = {}
    item_sum = sum((item.amount for item in items if item.amount is not None), Decimal(0))
    if items and subtotal is not None:
        flags["items_sum_to_subtotal"] = abs(item_sum - subtotal) <= _TOLERANCE
    if items and total is not None:
        flags["items_sum_to_total"] = item_sum in _before_rounding(total, rounding)
    if subtotal is not None and tax is not None and total is not None:
        # the total printed before the tip, or the amount paid with it
        flags["subtotal_plus_tax_equals_total"] = any(
            abs(subtotal + tax + extra - total) <= _TOLERANCE for extra in {Decimal(0), tip or Decimal(0)})
    return flags
