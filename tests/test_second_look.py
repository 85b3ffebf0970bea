"""The second look (#14 part 2): lines that should hold a field the first read missed are read
again; a new reading is kept only where the receipt then reads better. The region reader here
stands in for ``parse.ocr.read_region`` (tests/test_ocr.py runs the real one)."""
import datetime as dt
from dataclasses import replace
from decimal import Decimal

from parse.extract import extract_receipt
from parse.second_look import better, lines_to_reread, second_look
from parse.types import OcrLine, Receipt

from test_extract import ocr


def _word(text: str, box, confidence: float) -> OcrLine:
    return OcrLine(text, box=box, confidence=confidence, words=(OcrLine(text, box=box, confidence=confidence),))


class Reader:
    """Answers each region with the line given for the box asked about, and records the asks."""

    def __init__(self, answers: dict[int, tuple[str, float]], lines: list[OcrLine]):
        self.answers = {lines[i].box: answer for i, answer in answers.items()}
        self.asked: list = []

    def __call__(self, box):
        self.asked.append(box)
        text, confidence = self.answers.get(box, ("", 0.0))
        return [_word(text, box, confidence)] if text else []


def _lines(text: str, unsure: dict[int, float] = {}) -> list[OcrLine]:
    lines = ocr(text)
    return [_word(line.text, line.box, unsure.get(i, 0.9)) for i, line in enumerate(lines)]


DATE_LOST = """
CORNER DELI
12 MAIN STREET
Datum: .07 . 13 21;52 Tisch: 102
2x Kaffee 2,40 4,80
SUMME EUR 4,80
BAR 10,00
RUECKGELD 5,20
"""


def test_a_date_the_first_read_lost_is_read_again_on_the_lines_that_may_hold_it():
    lines = _lines(DATE_LOST)
    first = extract_receipt(lines)
    assert first.date is None and first.total == Decimal("4.80")
    reader = Reader({2: ("Datum: 10.07.13 21:52 Tisch: 102", 0.9)}, lines)
    looked, receipt = second_look(lines, first, reader)
    assert receipt.date == dt.date(2013, 7, 10) and receipt.total == Decimal("4.80")
    assert looked[2].text.startswith("Datum: 10.07.13")
    assert lines[2].box in reader.asked and lines[0].box not in reader.asked  # the name line is not read again


def test_a_receipt_that_passes_its_checks_is_never_read_again():
    lines = _lines("""
CORNER DELI
Datum: 10.07.13 21:52
2x Kaffee 2,40 4,80
SUMME EUR 4,80
BAR 10,00
RUECKGELD 5,20
""")
    receipt = extract_receipt(lines)
    assert receipt.date and receipt.flags["total_cash_minus_change"]
    assert lines_to_reread(lines, receipt) == {}
    reader = Reader({}, lines)
    assert second_look(lines, receipt, reader) is None and reader.asked == []


def test_an_unsure_date_line_read_again_more_surely_changes_the_date():
    lines = _lines("""
PET EXPRESS
Oper: Staff Date:02/08/2015 15.59
TOTAL SALES 5,64
Cash 10,00
Change 4.36
""", unsure={1: 0.5})
    first = extract_receipt(lines)
    reader = Reader({1: ("Oper: Staff Date:02/08/2016 15.59", 0.7)}, lines)
    assert second_look(lines, first, reader)[1].date == dt.date(2016, 2, 8)


def test_a_new_reading_less_sure_than_the_first_is_not_kept():
    lines = _lines("""
TIENDA
Fec Actual 15/01/2018 15;11
TOTAL 39,50
TARJETA 39,50
""", unsure={1: 0.5})
    first = extract_receipt(lines)
    reader = Reader({1: ("Fec Actual '5/01/2018 15;1i", 0.3)}, lines)
    assert second_look(lines, first, reader) is None


def test_a_receipt_that_gains_a_date_but_loses_its_total_s_support_is_not_better():
    supported = Receipt(total=Decimal("4.80"), flags={"total_cash_minus_change": True})
    assert not better(replace(supported, date=dt.date(2013, 7, 10), flags={}), supported)
    assert better(replace(supported, date=dt.date(2013, 7, 10)), supported)
    assert not better(supported, supported)


def test_an_unsure_logo_line_read_again_as_a_known_brand_gives_the_brand():
    lines = _lines("""
Steak Shake Ho;ll
1280 Hwy 315
11/6/2011 1:38 PM
Burger 5.00
Total 5.00
Cash 10.00
Change 5.00
""", unsure={0: 0.4})
    first = extract_receipt(lines)
    assert first.brand_wikidata is None
    reader = Reader({0: ("Steak n Shake No:11", 0.7)}, lines)
    looked, receipt = second_look(lines, first, reader)
    assert receipt.merchant == "Steak 'n Shake" and receipt.brand_wikidata
