"""A second look: the lines that should hold a field the first read missed, read again closer.

The OCR text itself often lacks a field: a date's digit lost or misread on a small photo, a
total label garbled. Where no date was found, or where nothing on the receipt agrees with the
total, the few lines that should hold them are read again
from the image, magnified and contrast-stretched (``RegionReader``, given by the caller, does
the reading; this module is pure). A new reading is kept only where the receipt then reads at
least as well in every field and better in one, so a receipt that already passes its checks
is never re-read and what works cannot break. (Reading also unsure date lines and unsure logo
lines again, magnified so, gained 3 of 72 fields on receipts-dev2 and cost five times as much.)

Where the lines read again still leave the date missing or the total unsupported, the whole
page is read once more with the detector aiming at taller text (``closer_read``; ``PageReader``,
given by the caller, does it): a phone photo's small characters come out whole, which at that
scale a scan's lines do not (read so from the start, receipts-dev lost 3 totals and 5 merchants),
so only a receipt that still fails its checks is read so, and kept on the same terms.

A date that passes every check may still have a digit misread: where the page was not read again,
the date's line, if the recogniser was unsure of it, is read once more as that closer page read
would read it (``date_read_closer``; ``BandReader``, given by the caller, reads a few lines' band),
and a different date is kept on the terms its docstring gives.

Last, a recogniser of another make (``parse.tesseract``; ``OtherLineReader`` and ``OtherPageReadings``,
given by the caller) is asked where EasyOCR stays unsure of the date or missed it:
``date_by_other_recogniser`` and ``date_from_other_page``.
"""
from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .agreement import CHECK_WEIGHTS
from .amounts import find_amounts
from .dates import MONTHS, find_dates, find_times, printed_years
from .extract import extract_receipt
from .layout import mean_confidence
from .text import ascii_upper, digits, has_keyword
from .totals import CARD_PAID, CASH_GIVEN, FINAL_TOTAL, PLAIN_TOTAL, SUBTOTAL
from .types import Box, OcrLine, Receipt

# the lines read again across a line's box (given the height of its text), in the image's pixels
RegionReader = Callable[[Box, float], list[OcrLine]]
# the whole page read again, its text magnified more than the first read's
PageReader = Callable[[], list[OcrLine]]
# the line across a box read again as that closer page read would (given the page's text height)
BandReader = Callable[[Box, float], list[OcrLine]]
# the line across a box read by the other recogniser
OtherLineReader = Callable[[Box], list[OcrLine]]
# the page read by the other recogniser in each of its ways in turn, each read only when asked for
OtherPageReadings = Callable[[], Iterable[list[OcrLine]]]

MAX_LINES = 4  # lines re-read per field: the cost stays a fraction of the first read
UNSURE_DATE = 0.9  # a date line's mean word confidence below which its date may be misread
MAX_DATE_LINES = 2  # unsure lines with a date read again
_DATE_WORDS = ("DATE", "DATUM", "FECHA", "DATA", "DATE/TIME", "TIME", "ZEIT", "UHRZEIT", "HEURE")
_DATE_SHAPE_RE = re.compile(r"\d{1,2}\s?[^\w\s]{1,2}\s?\d{1,2}\s?[^\w\s]{1,2}\s?\S{2,4}|\d{1,2}\s?[A-Za-z]{3}\W{0,2}\d{2}")


@dataclass(frozen=True)
class LookedAgain:
    lines: tuple[OcrLine, ...]
    receipt: Receipt
    # the readings kept: "lines" (second look), "page" (closer_read), "date" (date_read_closer),
    # "other date" (date_by_other_recogniser), "other page" (date_from_other_page)
    kept: frozenset[str]


def look_again(lines: Sequence[OcrLine], receipt: Receipt, read_region: RegionReader,
               read_page: PageReader | None = None, read_band: BandReader | None = None,
               other_line: OtherLineReader | None = None, other_page: OtherPageReadings | None = None) -> LookedAgain:
    """Every look again, in order: the second look at the lines that should hold a missed field;
    then, where given, the page read closer; where that is not kept, the unsure date's line read
    closer; then, where given, the other recogniser on a date line EasyOCR is unsure of, and on
    the page where there is still no date. The pipeline and ``bench/accuracy.py`` both look so."""
    kept: set[str] = set()
    read_page = _once(read_page) if read_page is not None else None  # the closer read and the date's lines share it
    looked = second_look(lines, receipt, read_region)
    if looked is not None:
        (lines, receipt), kept = looked, {"lines"}
    again = closer_read(receipt, read_page, lines) if read_page is not None else None
    if again is not None:
        (lines, receipt), kept = again, kept | {"page"}
    else:
        dated = date_read_closer(lines, receipt, read_band, other_line, read_page) if read_band is not None else None
        if dated is not None:
            (lines, receipt), kept = dated, kept | {"date"}
    for name, reader, look in (("other date", other_line, date_by_other_recogniser),
                               ("other page", other_page, date_from_other_page)):
        other = look(lines, receipt, reader) if reader is not None else None
        if other is not None:
            (lines, receipt), kept = other, kept | {name}
    return LookedAgain(tuple(lines), receipt, frozenset(kept))


def _once(read_page: PageReader) -> PageReader:
    """``read_page``, reading the page at its first call only."""
    read: list[list[OcrLine]] = []

    def page() -> list[OcrLine]:
        if not read:
            read.append(read_page())
        return read[0]

    return page


def second_look(lines: Sequence[OcrLine], receipt: Receipt,
                read_region: RegionReader) -> tuple[list[OcrLine], Receipt] | None:
    """The lines with some re-read and the receipt they give, where that receipt is better;
    None where nothing was re-read or nothing got better. A line's new reading replaces the
    first only where it holds what the line was read again for (a date, an amount) and the
    recogniser is about as sure of it."""
    targets = lines_to_reread(lines, receipt)
    looked = list(lines)
    for index, field in targets.items():
        box = lines[index].box
        again = _closest(read_region(box, box[3] - box[1]), box, field)
        replacing = _holds(lines[index].text, field)
        if again is not None and _holds(again.text, field) and _surer(again, lines[index], replacing):
            looked[index] = again
    if looked == list(lines):
        return None
    improved = extract_receipt(looked)
    return (looked, improved) if better(improved, receipt) else None


def closer_read(receipt: Receipt, read_page: PageReader,
                lines: Sequence[OcrLine] | None = None) -> tuple[list[OcrLine], Receipt] | None:
    """The page read again and the receipt it gives, where ``receipt`` still has no date or
    nothing agrees with its total, and the new receipt is better; else None (and a receipt that
    passes its checks is not read again). Where the page read whole is not better but gives the
    date the first read lacked, and ``lines`` (the first read's) are given, the page's date lines
    alone replace the first read's lines they lie on, kept on the same terms: a blurred photo's
    page read may read the date and lose the name that the first read found in its footer. The
    other way round too: where the page read whole supports a total the first read's did not but
    loses the date that the first read found, the first read's date lines go onto the page's (a
    check's ``Nay 31 24 3;54p*`` read once, its ``Total 949.61`` from a tip guide's row)."""
    if receipt.date is not None and _total_supported(receipt):
        return None
    page = read_page()
    again = extract_receipt(page)
    if better(again, receipt) and not _date_swapped(again, receipt):
        return page, _time_kept(_surer_name_kept(again, receipt), receipt, page)
    if lines is None:
        return None
    if receipt.date is None and again.date is not None:
        grafted = _grafted(lines, page, "date")
    elif receipt.date is not None and again.date is None and _total_supported(again):
        grafted = _grafted(page, lines, "date")
    else:
        return None
    new = extract_receipt(grafted) if grafted is not None else None
    if new is None or not better(new, receipt) or receipt.date not in (None, new.date):
        return None
    return grafted, _time_kept(_surer_name_kept(new, receipt), receipt, grafted)


_SHOP_FIELDS = ("merchant", "merchant_raw", "brand_wikidata", "merchant_address", "phone", "category")


def _surer_name_kept(new: Receipt, old: Receipt) -> Receipt:
    """``new`` (the page read closer, kept for a date or a total) with ``old``'s shop where ``old``
    named it more surely: a closer read of a blurred header may garble the name the first read
    had (``Maple StreetDIMER`` read as ``pina a``, a line above it taken for the name)."""
    if old.merchant is None or new.merchant == old.merchant or (new.brand_wikidata and not old.brand_wikidata) \
            or new.confidence.get("merchant", 0.0) >= old.confidence.get("merchant", 0.0):
        return new  # a brand the closer read gained is one of its gains
    confidence = {**new.confidence, "merchant": old.confidence["merchant"],
                  "category": old.confidence.get("category", 0.0)}
    return replace(new, **{field: getattr(old, field) for field in _SHOP_FIELDS}, confidence=confidence)


def _clock_garbled(page: Sequence[OcrLine], time: dt.time) -> bool:
    """A page line holding a date prints ``time`` garbled after it: its hour on the 12-hour clock and within two
    glyphs the last digit of its minutes (``9830 Pr`` for 21:30, ``9 J5pM`` for 21:35), or that digit before AM or
    PM; not a price the first read took for a time, nor a register's number after the date."""
    minute = time.minute % 10
    clock = re.compile(rf"(?<!\d){time.hour % 12 or 12}.{{0,2}}{minute}|{minute}\s?[AP]")
    return any((dates := find_dates(text := line.text.upper())) and clock.search(text[dates[-1].end:])
               for line in page)


def _time_kept(new: Receipt, old: Receipt, page: Sequence[OcrLine]) -> Receipt:
    """``new`` (the page read closer) with ``old``'s time of day where it reads the same date as ``old`` (or ``old``
    read none) and lost the time, its date line still printing the clock garbled (_clock_garbled): a closer read
    kept for a total may garble the clock the first read had (``4:23 Ph`` read ``4823 Pr``), one kept for the
    date the first read lacked too (``Feb H '24 9 35PM`` read ``Feb 11 24 9 J5pM``)."""
    if new.time is not None or old.time is None or old.date not in (None, new.date) \
            or not _clock_garbled(page, old.time):
        return new
    return replace(new, time=old.time, confidence={**new.confidence, "time": old.confidence.get("time", 0.0)})


def _date_swapped(new: Receipt, old: Receipt) -> bool:
    """``new`` reads another date than the first read found, and its total is no better supported: a
    page read closer that gains only a name is no reason to doubt the date (``date_read_closer`` asks
    that of the date's own line, on its own terms)."""
    return old.date is not None and new.date != old.date and not (_total_supported(new) and not _total_supported(old))


def _grafted(lines: Sequence[OcrLine], page: Sequence[OcrLine], field: str) -> list[OcrLine] | None:
    """``lines`` with each line that lacks ``field`` replaced by the line of ``page`` holding it
    that lies on it (its vertical centre within the line's box, the nearest); None where none is."""
    grafted = list(lines)
    for new in page:
        if new.box is None or not _holds(new.text, field):
            continue
        centre = _centre(new)
        on_line = [i for i, old in enumerate(lines) if old.box is not None and old.box[1] <= centre <= old.box[3]]
        if on_line:
            nearest = min(on_line, key=lambda i: abs(_centre(lines[i]) - centre))
            if not _holds(lines[nearest].text, field):
                grafted[nearest] = new
    return grafted if grafted != list(lines) else None


def date_read_closer(lines: Sequence[OcrLine], receipt: Receipt, read_band: BandReader,
                     read_other: OtherLineReader | None = None,
                     read_page: PageReader | None = None) -> tuple[list[OcrLine], Receipt] | None:
    """The lines with the date's read again and the receipt they give, where that receipt reads a
    different date and nothing worse; else None. A date read from a line the recogniser was
    unsure of may have a digit misread (``07/03/2016`` for 02/03, ``1/08/2012`` for 11/08) with
    every check passing: that line is read again as the page read aiming at taller text reads it
    (``read_band``; where the two page reads disagreed on a date, that read was right 5 times of
    6 on receipts-dev2's tuning part and receipts-dev). Its reading replaces the first where it
    holds a date, the recogniser is about as sure of it and no digit was lost, and the new date
    agrees with a four-digit year printed elsewhere on the receipt as well as the first did; and,
    where ``read_other`` is given, the other recogniser does not read the first date surely on
    the lines read again (two readings against one: ``07/11/12`` at 0.47, read closer ``01/11/12``,
    is Tesseract's ``07/11/12`` at 0.88). Where a line's band holds no date (a slanted line's band
    cuts through its neighbours), the line is taken from the whole page read so (``read_page``,
    where given), once."""
    if receipt.date is None:
        return None
    unsure = [i for i, line in enumerate(lines) if line.box is not None and mean_confidence(line) < UNSURE_DATE
              and find_dates(line.text)][:MAX_DATE_LINES]
    if not unsure:
        return None
    page_height = _text_height(lines)
    looked = list(lines)
    page = _once(read_page) if read_page is not None else None
    for index in unsure:
        box = lines[index].box
        again = _closest(read_band(box, page_height), box, "date")
        if (again is None or not _holds(again.text, "date")) and page is not None:
            again = _closest(page(), box, "date")
        if again is not None and _holds(again.text, "date") and _surer(again, lines[index], replacing=False):
            looked[index] = again
    if looked == list(lines):
        return None
    new = extract_receipt(looked)
    years = printed_years(line.text for i, line in enumerate(lines) if i not in unsure)
    year_kept = receipt.date.year not in years or new.date is not None and new.date.year in years
    if new.date in (None, receipt.date) or _gains(new, receipt) is None or not year_kept:
        return None
    if read_other is not None and _other_reads(lines, [i for i in unsure if looked[i] is not lines[i]],
                                               read_other) == receipt.date:
        return None
    return looked, new


def _other_reads(lines: Sequence[OcrLine], indices: list[int], read_other: OtherLineReader):
    """The date the receipt reads with the other recogniser's sure readings of lines ``indices``
    in place (None where it is sure of none of them)."""
    looked = list(lines)
    for index in indices:
        looked[index] = _sure_other_reading(lines[index], read_other) or lines[index]
    return extract_receipt(looked).date if looked != list(lines) else None


def _sure_other_reading(line: OcrLine, read_other: OtherLineReader) -> OcrLine | None:
    """The other recogniser's reading of ``line`` where it holds a date and the other is sure of it."""
    other = _closest(read_other(line.box), line.box, "date")
    sure = other is not None and _holds(other.text, "date") and mean_confidence(other) >= SURE_OTHER
    return other if sure else None


# EasyOCR is unsure of a date line's reading below this mean word confidence, and the other
# recogniser sure of its own at or above this (Tesseract's word confidence, 0..1). On the date
# lines EasyOCR read below 0.5 on receipts-dev2's tuning part, receipts-dev and receipts-dev2's
# tuning photos turned 3-7 degrees and turned back (46 lines), every reading Tesseract gave 0.8
# or more held the printed date, but one whose year was after today, which no purchase is.
DOUBTED_DATE = 0.5
SURE_OTHER = 0.8


def date_by_other_recogniser(lines: Sequence[OcrLine], receipt: Receipt,
                             read_other: OtherLineReader) -> tuple[list[OcrLine], Receipt] | None:
    """The lines with a doubted date line read by the other recogniser and the receipt they give,
    where that receipt reads a different date and nothing worse; else None. Two recognisers of
    different makes rarely misread the same digit: EasyOCR's ``12.05. 2017`` at 0.32 is Tesseract's
    ``13.05. 2017`` at 0.80 (``DOUBTED_DATE``, ``SURE_OTHER``). The other's reading replaces the
    line where it holds a date and loses no digit."""
    if receipt.date is None:
        return None
    doubted = [i for i, line in enumerate(lines) if line.box is not None and mean_confidence(line) < DOUBTED_DATE
               and find_dates(line.text)][:MAX_DATE_LINES]
    looked = list(lines)
    for index in doubted:
        other = _sure_other_reading(lines[index], read_other)
        if other is not None and digits(other.text) >= digits(lines[index].text):
            looked[index] = other
    if looked == list(lines):
        return None
    new = extract_receipt(looked)
    if new.date in (None, receipt.date) or _gains(new, receipt) is None:
        return None
    return looked, new


def date_from_other_page(lines: Sequence[OcrLine], receipt: Receipt,
                         read_other: OtherPageReadings) -> tuple[list[OcrLine], Receipt] | None:
    """Where no look found a date, the page read by the other recogniser, in each of its ways in
    turn until one gives the date: only its lines that hold a date join EasyOCR's, each at its
    place on the page (the other reads whole phone photos' amounts far worse), and the receipt
    they give is kept where it reads a date and nothing worse; else None. The receipt's own
    evidence (EasyOCR's lines) still orders the date."""
    if receipt.date is not None:
        return None
    for reading in read_other():
        dated = [line for line in reading if line.box is not None and find_dates(line.text)]
        if not dated:
            continue
        looked = list(lines)
        for line in dated:  # after the last line read above its centre, EasyOCR's order kept
            above = [i for i, first in enumerate(looked) if first.box is not None and _centre(first) <= _centre(line)]
            looked.insert(above[-1] + 1 if above else 0, line)
        new = extract_receipt(looked)
        if new.date is not None and _gains(new, receipt) is not None:
            return looked, new
    return None


def _centre(line: OcrLine) -> float:
    return (line.box[1] + line.box[3]) / 2


def _text_height(lines: Sequence[OcrLine]) -> float:
    """The median height of the words' boxes: the page's text height as its read measured it."""
    return float(statistics.median_high(word.box[3] - word.box[1] for line in lines
                                        for word in (line.words or (line,)) if word.box is not None))


def lines_to_reread(lines: Sequence[OcrLine], receipt: Receipt) -> dict[int, str]:
    """The lines to read again, by index, with the field each is read for: where a date should
    be when none was read, where the total is when nothing agrees with it."""
    targets: dict[int, str] = {}
    boxed = [i for i, line in enumerate(lines) if line.box is not None]
    if receipt.total is not None and not _total_supported(receipt):
        targets.update((i, "total") for i in [i for i in boxed if _may_hold_the_total(lines[i].text)][-MAX_LINES:])
    if receipt.date is None:
        dated = [i for i in boxed if _may_hold_a_date(lines[i].text)]
        targets.update((i, "date") for i in dated[:MAX_LINES])
    return dict(sorted(targets.items()))


def _holds(text: str, field: str) -> bool:
    if field == "date":
        return bool(find_dates(text))
    return any(amount.has_decimals for amount in find_amounts(text))


def better(new: Receipt, old: Receipt) -> bool:
    """At least as good in every field read, better in one."""
    return (_gains(new, old) or 0) > 0


def _gains(new: Receipt, old: Receipt) -> int | None:
    """How many fields ``new`` reads (a date, a supported total, a merchant, a brand) that ``old``
    does not; None where it lost one that ``old`` reads, or reads another total that fewer of the
    receipt's checks support (a closer read that finds the date but misreads the amounts)."""
    if new.total != old.total and _checks_weight(new) < _checks_weight(old):
        return None
    gained = 0
    for field, supported in (("date", lambda r: r.date is not None),
                             ("total", _total_supported),
                             ("merchant", lambda r: r.merchant is not None),
                             ("brand", lambda r: r.brand_wikidata is not None)):
        before, after = supported(old), supported(new)
        if before and not after:
            return None
        gained += after and not before
    return gained


# a new reading of what the first missed may be this much less sure and still be kept; one that
# would replace what the first read held must be this much surer
SURER_MARGIN = 0.1


def _surer(again: OcrLine, first: OcrLine, replacing: bool) -> bool:
    """The recogniser is about as sure of the new reading (clearly surer, where it would replace
    what the first read already held), and it is not cut shorter: no digit lost, no four-digit
    year lost (``03/01/2018`` is not ``03/01/20``), hardly a character."""
    alnum = sum(ch.isalnum() for ch in again.text) >= 0.9 * sum(ch.isalnum() for ch in first.text)
    year_kept = bool(_FULL_YEAR_RE.search(again.text)) or not _FULL_YEAR_RE.search(first.text)
    kept = alnum and year_kept and digits(again.text) >= digits(first.text)
    margin = -SURER_MARGIN if replacing else SURER_MARGIN
    return kept and mean_confidence(again) >= mean_confidence(first) - margin


_FULL_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


MIN_ITEMS_SUPPORTING = 2  # prices that add up to the total say it was read right; one alone is the total again


def _checks_weight(receipt: Receipt) -> int:
    """The weight of the checks that agree with the receipt's total (``parse.agreement.CHECK_WEIGHTS``)."""
    return sum(weight for check, weight in CHECK_WEIGHTS.items() if receipt.flags.get(f"total_{check}"))


def _total_supported(receipt: Receipt) -> bool:
    """Something on the receipt agrees with the total: one of its checks (``parse.agreement``), or
    two or more prices that add up to it."""
    if receipt.total is None or receipt.total <= 0:
        return False
    return any(flag.startswith("total_") for flag in receipt.flags) or (
        receipt.flags.get("items_sum_to_total", False) and len(receipt.items) >= MIN_ITEMS_SUPPORTING)


def _may_hold_a_date(text: str) -> bool:
    """A date's label, a date's shape (digits between separators, a month's name beside digits)
    or a time of day, which receipts print beside the date."""
    month = any(word in MONTHS for word in re.findall(r"[A-Z]{3,9}", ascii_upper(text))) and digits(text) >= 2
    return bool(month or has_keyword(text, _DATE_WORDS) or _DATE_SHAPE_RE.search(text) or find_times(text))


def _may_hold_the_total(text: str) -> bool:
    return has_keyword(text, FINAL_TOTAL + PLAIN_TOTAL + SUBTOTAL + CARD_PAID + CASH_GIVEN)


def _closest(read: list[OcrLine], box: Box | None, field: str) -> OcrLine | None:
    """The line read again that lies on ``box``'s line: its vertical centre closest, overlapping.
    A date may also come from a line read within the box's height beside it: a box the first
    read drew over two printed lines (``NIP 937-00-08-168`` / ``2025-11-19 nr wydr``) is read
    again as two, and the date is on the other."""
    if box is None:
        return None
    centre = (box[1] + box[3]) / 2
    boxed = [(line, (line.box[1] + line.box[3]) / 2) for line in read if line.box is not None]
    on_line = [(line, middle) for line, middle in boxed if line.box[1] <= centre <= line.box[3]]
    if field == "date" and not any(_holds(line.text, field) for line, _ in on_line):
        on_line = [(line, middle) for line, middle in boxed
                   if box[1] <= middle <= box[3] and _holds(line.text, field)] or on_line
    if not on_line:
        return None
    return min(on_line, key=lambda pair: abs(pair[1] - centre))[0]
