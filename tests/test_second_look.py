"""The second look (#14 part 2): lines that should hold a field the first read missed are read
again; a new reading is kept only where the receipt then reads better. The region reader here
stands in for ``parse.ocr.read_region`` (tests/test_ocr.py runs the real one)."""
import datetime as dt
import types
from dataclasses import replace
from decimal import Decimal

import pytest

from ingest.pipeline import Pipeline
from parse import tesseract
from parse.extract import extract_receipt
from parse.second_look import (DOUBTED_DATE, SURE_OTHER, better, closer_read, date_by_other_recogniser,
                               date_from_other_page, date_read_closer, lines_to_reread, look_again, second_look)
from parse.types import Candidate, OcrLine, Receipt
from receiptd.config import Config

from images import encode, receipt_image
from test_extract import ocr


def _word(text: str, box, confidence: float) -> OcrLine:
    return OcrLine(text, box=box, confidence=confidence, words=(OcrLine(text, box=box, confidence=confidence),))


class Reader:
    """Answers each region with the line given for the box asked about, and records the asks."""

    def __init__(self, answers: dict[int, tuple[str, float]], lines: list[OcrLine]):
        self.answers = {lines[i].box: answer for i, answer in answers.items()}
        self.asked: list = []

    def __call__(self, band, text_height):
        self.asked.append(band)
        return [_word(text, box, confidence) for box, (text, confidence) in self.answers.items()
                if band[1] <= box[1] and box[3] <= band[3]]


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

    def asked_for(box):
        return any(band[1] <= box[1] and box[3] <= band[3] for band in reader.asked)

    assert asked_for(lines[2].box) and not asked_for(lines[0].box)  # the name line is not read again


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


def test_a_receipt_that_gains_a_date_but_loses_its_total_s_support_is_not_better():
    supported = Receipt(total=Decimal("4.80"), flags={"total_cash_minus_change": True})
    assert not better(replace(supported, date=dt.date(2013, 7, 10), flags={}), supported)
    assert better(replace(supported, date=dt.date(2013, 7, 10)), supported)
    assert not better(supported, supported)


def test_a_receipt_that_gains_a_date_and_a_merchant_but_reads_a_total_fewer_checks_support_is_not_better():
    """A closer read of a blurred photo that finds the date and the name and misreads the amounts
    (453.52 where subtotal + tax and cash less change made 53.52) is no better reading."""
    first = Receipt(total=Decimal("53.52"), flags={"total_subtotal_plus_tax": True, "total_cash_minus_change": True})
    again = Receipt(total=Decimal("452.52"), date=dt.date(2023, 11, 6), merchant="Casa Verde Cantina",
                    flags={"total_subtotal_plus_tax": True})
    assert not better(again, first)
    assert better(replace(again, total=Decimal("53.52")), first)


def test_a_new_reading_of_a_lost_date_much_less_sure_than_the_first_is_not_kept():
    lines = _lines(DATE_LOST, unsure={2: 0.8})
    first = extract_receipt(lines)
    reader = Reader({2: ("Datum: 10.07.13 21:52 Tisch: 102", 0.5)}, lines)
    assert second_look(lines, first, reader) is None


def test_a_date_read_again_beside_the_centre_of_a_box_drawn_over_two_printed_lines_is_kept():
    """The first read drew one box over the tax number and the date under it and kept only the
    number; read again closer, the band splits into two lines and the date is on the lower one."""
    lines = _lines(DATE_LOST.replace("Datum: .07 . 13 21;52 Tisch: 102", "NIP 937-00 nr 072002 Datum"))
    first = extract_receipt(lines)
    assert first.date is None
    x0, y0, x1, y1 = lines[2].box
    tall = (x0, y0 - 10, x1, y1 + 10)  # the first read's box spans both printed lines
    lines[2] = replace(lines[2], box=tall, words=(replace(lines[2].words[0], box=tall),))

    def read_band(band, text_height):
        middle = (y0 + y1) // 2  # the number's line covers the box's centre, the date's lies below it
        return [_word("NIP 937-00-08-168", (x0, y0 - 10, x1, middle + 2), 0.9),
                _word("2025-11-19 nr wydr 072002", (x0, middle + 4, x1, y1 + 10), 0.9)]

    looked, receipt = second_look(lines, first, read_band)
    assert receipt.date == dt.date(2025, 11, 19) and looked[2].text.startswith("2025-11-19")


class PageReader:
    """Answers with the page read again (standing in for ``OcrEngine.read`` at a larger text
    height; tests/test_ocr.py runs the real one) and counts the reads."""

    def __init__(self, text: str):
        self.text, self.reads = text, 0

    def __call__(self):
        self.reads += 1
        return _lines(self.text)


def test_the_page_read_again_closer_is_kept_where_it_gives_the_date_the_first_read_lost():
    first = extract_receipt(_lines(DATE_LOST))
    page = PageReader(DATE_LOST.replace("Datum: .07 . 13 21;52", "Datum: 10.07.13 21:52"))
    lines, receipt = closer_read(first, page)
    assert page.reads == 1 and receipt.date == dt.date(2013, 7, 10) and receipt.total == Decimal("4.80")
    assert any(line.text.startswith("Datum: 10.07.13") for line in lines)


def test_the_page_is_not_read_again_where_the_receipt_passes_its_checks():
    receipt = extract_receipt(_lines(DATE_LOST.replace("Datum: .07 . 13 21;52", "Datum: 10.07.13 21:52")))
    page = PageReader(DATE_LOST)
    assert closer_read(receipt, page) is None and page.reads == 0


def test_the_page_is_not_read_again_where_the_prices_add_up_to_the_total():
    """No payment line, no subtotal: two or more prices adding up to the total agree with it;
    prices that miss it by a cent do not."""
    page = PageReader(DATE_LOST)
    receipt = extract_receipt(_lines("CAFE LUNA\n10.07.13 21:52\nESPRESSO 2,40\nCROISSANT 2,40\nSUMME EUR 4,80"))
    assert closer_read(receipt, page) is None and page.reads == 0
    missed = extract_receipt(_lines("CAFE LUNA\n10.07.13 21:52\nESPRESSO 2,40\nCROISSANT 2,39\nSUMME EUR 4,80"))
    closer_read(missed, page)
    assert page.reads == 1


def test_where_the_page_read_whole_loses_what_the_first_read_found_its_date_line_alone_is_grafted():
    """The first read found the name only in the footer's thanks and lost the date; the page read
    closer reads the date but garbles the thanks: the page's date line replaces the first read's
    line it lies on, and the receipt keeps its name and gains its date."""
    text = DATE_LOST + "Thank you for dining at Corner Deli\n"
    first_lines = _lines(text.replace("CORNER DELI\n", "Cxrnei Dcl1 #\n"))
    first = extract_receipt(first_lines)
    page_text = text.replace("Datum: .07 . 13 21;52", "Datum: 10.07.13 21:52").replace("CORNER DELI\n", "@ ;\n")
    page = PageReader(page_text.replace("Thank you for dining at Corner Deli", "Thaik yoi fr d1u1n9 a Crner"))
    whole = extract_receipt(_lines(page.text))
    assert first.date is None and first.merchant and whole.date and whole.merchant is None  # neither better
    lines, receipt = closer_read(first, page, first_lines)
    assert receipt.date == dt.date(2013, 7, 10) and receipt.merchant == first.merchant
    assert [i for i, (a, b) in enumerate(zip(lines, first_lines)) if a is not b] == [2]  # the date's own line
    assert closer_read(first, PageReader(page.text)) is None  # without the first read's lines: nothing


def test_a_page_read_again_that_gains_the_date_but_loses_the_total_s_support_is_not_kept():
    first = extract_receipt(_lines(DATE_LOST))
    assert first.flags.get("total_cash_minus_change")
    lost_change = (DATE_LOST.replace("Datum: .07 . 13 21;52", "Datum: 10.07.13 21:52")
                   .replace("SUMME EUR 4,80", "SUMME EUR 4,30").replace("RUECKGELD 5,20", ""))
    page = PageReader(lost_change)
    assert closer_read(first, page) is None and page.reads == 1


def test_a_page_read_again_that_gains_only_a_name_and_reads_another_date_is_not_kept():
    """The first read lost the logo and read a date; nothing agrees with its total. Read closer, the
    page gives the name and another date, its total no better supported: the name alone is no reason
    to take the other date. With the same date the page is kept."""
    text = "@ ;\n12 MAIN STREET\n12/10/2023 9:30 PM\nCOFFEE 2.40\nMUFFIN 2.00\nTOTAL 9.99\n"
    first = extract_receipt(_lines(text))
    assert first.merchant is None and first.date == dt.date(2023, 12, 10)
    assert not any(flag.startswith("total_") or value for flag, value in first.flags.items())  # no check agrees
    page = PageReader(text.replace("@ ;", "CORNER DELI").replace("12/10/2023", "10/12/2023"))
    assert closer_read(first, page) is None and page.reads == 1
    lines, receipt = closer_read(first, PageReader(text.replace("@ ;", "CORNER DELI")))
    assert receipt.merchant == "CORNER DELI" and receipt.date == first.date


def test_a_page_read_again_kept_for_the_date_keeps_the_name_the_first_read_was_surer_of():
    """Read closer, a blurred header may garble the name the first read had: the page is kept for the
    date it gains, the shop as the first read named it more surely; a name read surer stays the page's."""
    first = extract_receipt(_lines(DATE_LOST))
    assert first.merchant == "CORNER DELI" and first.date is None

    class GarbledName(PageReader):
        def __call__(self):
            self.reads += 1
            return _lines(self.text, unsure={0: 0.1})

    page_text = DATE_LOST.replace("Datum: .07 . 13 21;52", "Datum: 10.07.13 21:52")
    lines, receipt = closer_read(first, GarbledName(page_text.replace("CORNER DELI", "CQRNFR DFII")))
    assert receipt.date == dt.date(2013, 7, 10) and receipt.merchant == "CORNER DELI"
    assert lines[0].text == "CQRNFR DFII"  # the page's lines are kept as read
    _, sure = closer_read(first, PageReader(page_text.replace("CORNER DELI", "CORNER DELI & CAFE")))
    assert sure.merchant == "CORNER DELI & CAFE"
    _, branded = closer_read(first, GarbledName(page_text.replace("CORNER DELI", "BURGER KING")))
    assert branded.merchant == "Burger King" and branded.brand_wikidata  # a brand gained is a gain


DATE_MISREAD = """
CORNER DELI
12 MAIN STREET
07/03/2016 15:56:15
COFFEE 2.40
MUFFIN 2.00
SUBTOTAL 4.40
TAX 0.35
TOTAL 4.75
VISA 4.75
"""


class BandReader:
    """Stands in for ``parse.ocr.read_band``: answers the box asked about with the text given for
    it (unsure lines are read again one by one), and records the page text heights it was given."""

    def __init__(self, answers: dict[int, tuple[str, float]], lines: list[OcrLine]):
        self.answers = {lines[i].box: answer for i, answer in answers.items()}
        self.heights: list[float] = []

    def __call__(self, box, page_text_height):
        self.heights.append(page_text_height)
        text, confidence = self.answers.get(box, ("", 0.0))
        return [_word(text, box, confidence)] if text else []


def test_an_unsure_date_line_read_closer_replaces_a_misread_digit():
    """``07/03/2016`` read unsurely; the closer read says ``02/03/2016`` about as surely: the
    receipt takes the new date (US order: 3 February), and keeps its total."""
    lines = _lines(DATE_MISREAD, unsure={2: 0.64})
    first = extract_receipt(lines)
    assert first.date == dt.date(2016, 7, 3) and first.total == Decimal("4.75")
    reader = BandReader({2: ("02/03/2016 15:56:15", 0.6)}, lines)
    looked, receipt = date_read_closer(lines, first, reader)
    assert receipt.date == dt.date(2016, 2, 3) and receipt.total == Decimal("4.75")
    assert looked[2].text.startswith("02/03/2016") and looked[:2] == lines[:2]
    assert reader.heights == [lines[0].box[3] - lines[0].box[1]]  # the page's text height, not the line's


def test_where_the_date_line_s_band_holds_no_date_the_line_is_taken_from_the_page_read_closer():
    """A slanted line's band cuts through its neighbours and reads no date: the closer page read
    gives the line (once, for every unsure line), and its date replaces the misread one."""
    lines = _lines(DATE_MISREAD, unsure={2: 0.64})
    first = extract_receipt(lines)
    band = BandReader({2: ("12 MAIN STREET", 0.8)}, lines)
    page = PageReader(DATE_MISREAD.replace("07/03/2016", "02/03/2016"))
    looked, receipt = date_read_closer(lines, first, band, read_page=page)
    assert receipt.date == dt.date(2016, 2, 3) and receipt.total == Decimal("4.75") and page.reads == 1
    assert date_read_closer(lines, first, BandReader({2: ("02/03/2016 15:56:15", 0.6)}, lines), read_page=page)
    assert page.reads == 1  # a band that holds a date: the page is not read


def test_a_date_read_surely_is_not_read_again():
    lines = _lines(DATE_MISREAD)  # every line read at 0.9
    reader = BandReader({2: ("02/03/2016 15:56:15", 0.95)}, lines)
    assert date_read_closer(lines, extract_receipt(lines), reader) is None and reader.heights == []


def test_a_closer_reading_much_less_sure_or_shorter_does_not_replace_the_date():
    lines = _lines(DATE_MISREAD, unsure={2: 0.64})
    first = extract_receipt(lines)
    assert date_read_closer(lines, first, BandReader({2: ("02/03/2016 15:56:15", 0.4)}, lines)) is None
    assert date_read_closer(lines, first, BandReader({2: ("02/03/2016", 0.9)}, lines)) is None  # time lost


def test_a_closer_reading_whose_year_the_receipt_does_not_print_does_not_replace_the_date():
    """``25-11-09`` (year first: 9 November 2025, the receipt prints 2025 elsewhere) read again as
    ``26-11-09`` is 26 November 2009: the year printed elsewhere keeps the first reading."""
    text = DATE_MISREAD.replace("07/03/2016 15:56:15", "25-11-09 13:10:09").replace(
        "12 MAIN STREET", "12 MAIN STREET\nFS 0104 09741/2025 13:10")
    lines = _lines(text, unsure={3: 0.2})
    first = extract_receipt(lines)
    assert first.date == dt.date(2025, 11, 9)
    assert date_read_closer(lines, first, BandReader({3: ("26-11-09 13:10:09", 0.5)}, lines)) is None


class MisreadDateOcr:
    """Stands in for ``OcrEngine`` in a real ``Pipeline``: the whole photo reads as ``DATE_MISREAD``
    with its date line unsure; a read of one line's rows (``rows``, the band ``read_band`` asks
    for) reads ``02/03/2016``. Records what each band read was given."""

    LINE, LEFT, CHAR = 44, 40, 17

    def __init__(self):
        self.bands: list[tuple[float | None, float | None, tuple[int, int] | None]] = []

    def read(self, image, text_height=None, known_text_height=None, rows=None):
        if rows is not None:
            self.bands.append((text_height, known_text_height, rows))
            return [_word("02/03/2016 15:56:15", (self.LEFT, rows[0], self.LEFT + 19 * self.CHAR, rows[1]), 0.7)]
        texts = DATE_MISREAD.strip().splitlines()
        return [_word(text, (self.LEFT, self.LINE * (i + 2), self.LEFT + self.CHAR * len(text), self.LINE * (i + 2) + 30),
                      0.64 if "/2016" in text else 0.95) for i, text in enumerate(texts)]

    def text_turn(self, image):  # the few lines read as little text: the orientation check asks
        return types.SimpleNamespace(turn=0)


def test_the_pipeline_reads_an_unsure_date_line_closer_and_keeps_the_closer_date():
    """The wiring: ``Pipeline`` reads the photo, the date's line is read again as a band (the
    detector at ``[ocr] second_look_text_height``, the page's text height given, the line's rows
    only) and the record gets the date read closer; with the height 0 it is not read again. The
    photo prints what the closer read reads (Tesseract, asked too, reads the photo itself)."""
    photo = encode(receipt_image(DATE_MISREAD.replace("07/03/2016", "02/03/2016").strip().splitlines()), "PNG")
    candidate = Candidate(position=0, kind="image", media_type="image/png", data=photo)
    ocr = MisreadDateOcr()
    result = Pipeline(Config(), engine_factory=lambda: ocr).read_part(candidate)
    assert result.receipt.date == dt.date(2016, 2, 3) and result.receipt.total == Decimal("4.75")
    [(height, page_height, rows)] = ocr.bands
    assert height == Config().ocr.second_look_text_height and page_height == 30 and rows[1] - rows[0] == 30

    off = Config.model_validate({"ocr": {"second_look_text_height": 0}})
    ocr = MisreadDateOcr()
    result = Pipeline(off, engine_factory=lambda: ocr).read_part(candidate)
    assert result.receipt.date == dt.date(2016, 7, 3) and ocr.bands == []


class OtherLineReader:
    """Answers for the line box asked about with the other recogniser's reading given for it
    (standing in for ``parse.tesseract.read_line``; tests/test_tesseract.py runs the real one)."""

    def __init__(self, answers: dict[int, tuple[str, float]], lines: list[OcrLine]):
        self.answers = {lines[i].box: answer for i, answer in answers.items()}
        self.asked: list = []

    def __call__(self, box):
        self.asked.append(box)
        text, confidence = self.answers.get(box, ("", 0.0))
        return [_word(text, box, confidence)] if text else []


def test_a_doubted_date_line_takes_the_other_recognisers_sure_reading():
    """EasyOCR read ``07/03/2016`` at 0.3; Tesseract reads the line ``02/03/2016`` at 0.9: the
    receipt takes 3 February and keeps its total; the other lines are not asked about."""
    lines = _lines(DATE_MISREAD, unsure={2: 0.3})
    first = extract_receipt(lines)
    assert first.date == dt.date(2016, 7, 3)
    reader = OtherLineReader({2: ("02/03/2016 15:56:15", 0.9)}, lines)
    looked, receipt = date_by_other_recogniser(lines, first, reader)
    assert receipt.date == dt.date(2016, 2, 3) and receipt.total == Decimal("4.75")
    assert reader.asked == [lines[2].box] and looked[2].text.startswith("02/03/2016")


def test_the_other_recogniser_is_not_asked_or_not_followed_where_either_is_not_sure_enough():
    sure = _lines(DATE_MISREAD, unsure={2: DOUBTED_DATE})  # EasyOCR about as sure as it gets on photos
    reader = OtherLineReader({2: ("02/03/2016 15:56:15", 0.95)}, sure)
    assert date_by_other_recogniser(sure, extract_receipt(sure), reader) is None and reader.asked == []

    doubted = _lines(DATE_MISREAD, unsure={2: 0.3})
    first = extract_receipt(doubted)
    unsure_other = OtherLineReader({2: ("02/03/2016 15:56:15", SURE_OTHER - 0.05)}, doubted)
    assert date_by_other_recogniser(doubted, first, unsure_other) is None
    digit_lost = OtherLineReader({2: ("02/03/2016 15:56:1", 0.95)}, doubted)
    assert date_by_other_recogniser(doubted, first, digit_lost) is None
    future = OtherLineReader({2: ("02/03/2046 15:56:15", 0.95)}, doubted)  # no purchase is after today
    assert date_by_other_recogniser(doubted, first, future) is None


def test_where_no_look_found_a_date_the_other_recognisers_page_gives_it_in_the_receipts_own_order():
    """The other recogniser's page has the date line (and garbles the rest); only its dated line
    joins EasyOCR's, at its place, and the US receipt's own evidence reads it month-first."""
    lines = _lines(DATE_MISREAD.replace("07/03/2016 15:56:15", "O7iO3/2OI6 I5;56"))
    first = extract_receipt(lines)
    assert first.date is None and first.total == Decimal("4.75")
    page_lines = _lines(DATE_MISREAD.replace("07/03/2016", "02/03/2016").replace("TOTAL 4.75", "TOTAL 9.75"))
    looked, receipt = date_from_other_page(lines, first, lambda: [page_lines])
    assert receipt.date == dt.date(2016, 2, 3) and receipt.total == Decimal("4.75")
    assert len(looked) == len(lines) + 1 and looked[3].text.startswith("02/03/2016")
    assert [line for line in looked if line is not looked[3]] == lines


def test_the_other_recognisers_page_is_not_read_where_a_date_was_found_nor_kept_without_one():
    lines = _lines(DATE_MISREAD)
    reads: list = []
    assert date_from_other_page(lines, extract_receipt(lines), lambda: reads.append(1) or []) is None and not reads
    lost = _lines(DATE_MISREAD.replace("07/03/2016 15:56:15", "O7iO3/2OI6 I5;56"))
    undated = _lines("CORNER DELI\nTOTAL 4.75")
    assert date_from_other_page(lost, extract_receipt(lost), lambda: [undated, undated, []]) is None


def test_the_other_recognisers_page_is_read_its_ways_in_turn_until_one_gives_the_date():
    """Its first way of reading the page finds no date (the date printed apart from the column);
    the second does, and the third is never read."""
    lines = _lines(DATE_MISREAD.replace("07/03/2016 15:56:15", "O7iO3/2OI6 I5;56"))
    first = extract_receipt(lines)
    read: list[str] = []

    def readings():
        for way, text in (("column", "CORNER DELI\nTOTAL 4.75"), ("sparse", DATE_MISREAD), ("block", DATE_MISREAD)):
            read.append(way)
            yield _lines(text)

    assert date_from_other_page(lines, first, readings)[1].date == dt.date(2016, 7, 3)
    assert read == ["column", "sparse"]


def test_the_pipeline_asks_tesseract_about_a_doubted_date_line_unless_told_not_to():
    """The wiring, with the real Tesseract: EasyOCR (stood in for) reads the photo's date
    ``02/03/2016`` as ``07/03/2016`` at 0.3; Tesseract reads the printed line, and the record gets
    3 February; with ``[ocr] second_recogniser = "none"`` it keeps EasyOCR's date."""
    if not tesseract.available():
        pytest.skip("Tesseract's eng and deu models are not installed (apt-get install tesseract-ocr-eng"
                    " tesseract-ocr-deu)")
    printed = DATE_MISREAD.replace("07/03/2016", "02/03/2016").strip().splitlines()
    photo = encode(receipt_image(printed), "PNG")
    candidate = Candidate(position=0, kind="image", media_type="image/png", data=photo)

    class DoubtedDateOcr(MisreadDateOcr):
        def read(self, image, text_height=None, known_text_height=None, rows=None):
            if rows is not None:  # the closer read of the band reads nothing new
                return []
            return [replace(line, confidence=0.3, words=tuple(replace(w, confidence=0.3) for w in line.words))
                    if "/2016" in line.text else line for line in super().read(image)]

    result = Pipeline(Config(), engine_factory=DoubtedDateOcr).read_part(candidate)
    assert result.receipt.date == dt.date(2016, 2, 3) and result.receipt.total == Decimal("4.75")
    off = Config.model_validate({"ocr": {"second_recogniser": "none"}})
    assert Pipeline(off, engine_factory=DoubtedDateOcr).read_part(candidate).receipt.date == dt.date(2016, 7, 3)


def test_a_closer_reading_gives_way_where_the_other_recogniser_surely_reads_the_first_date():
    """The band read turns ``02/03/2016`` (read at 0.4) into ``07/03/2016``; Tesseract reads the
    line ``02/03/2016`` at 0.9: two readings against one, the first date stays. Unsure of its
    own reading (or reading the closer date), Tesseract does not stop the closer read."""
    text = DATE_MISREAD.replace("07/03/2016", "02/03/2016")
    lines = _lines(text, unsure={2: 0.4})
    first = extract_receipt(lines)
    assert first.date == dt.date(2016, 2, 3)
    band = BandReader({2: ("07/03/2016 15:56:15", 0.45)}, lines)
    assert date_read_closer(lines, first, band)[1].date == dt.date(2016, 7, 3)  # no other recogniser
    sure_first = OtherLineReader({2: ("02/03/2016 15:56:15", 0.9)}, lines)
    assert date_read_closer(lines, first, band, sure_first) is None and sure_first.asked == [lines[2].box]
    unsure = OtherLineReader({2: ("02/03/2016 15:56:15", SURE_OTHER - 0.1)}, lines)
    agrees = OtherLineReader({2: ("07/03/2016 15:56:15", 0.9)}, lines)
    for other in (unsure, agrees):
        assert date_read_closer(lines, first, band, other)[1].date == dt.date(2016, 7, 3)


def test_the_page_read_closer_is_read_once_for_the_closer_read_and_the_date_s_line():
    """A total nothing supports sends the page to the closer read (not kept: no better); the date's
    unsure line, whose band reads no date, then takes its line from that same read, not a second."""
    unsupported = DATE_MISREAD.replace("VISA 4.75\n", "").replace("TAX 0.35", "TAX 0.55")
    lines = _lines(unsupported, unsure={2: 0.64})
    first = extract_receipt(lines)
    assert first.date is not None and not first.flags.get("total_subtotal_plus_tax")
    page = PageReader(unsupported)
    look_again(lines, first, Reader({}, lines), page, BandReader({}, lines))
    assert page.reads == 1



SMEARED_CHECK = ("RED BARN BBQ\n1861 Route 9\nAustin TX 78701\nServer 3481 Josh\nNay 31 24 3;54p*\n"
                 "Ribeye Steak 28'00\n1 Coftee 2850\nclar Chonder 7*25\nSub Total 637.75\nSalei Tax 63.59\n41 34\n"
                 "Suogested Cratcity\n157 2 46.20 Total 3675\nHa 37 44 Total se.78\n20} {0.27 Total 949.61\n")
SHARPER_PAGE = ("RED BARN BBQ\n1861 Route 9\nAustin TX 78701\nServer 3481 Josh\nNay 3l Z4 3;54p*\n"
                "Ribeye Steak 28.00\n1 Coffee 2.50\nClam Chowder 7.25\nSub Total 37.75\nSales Tax 3.59\nTotal 41.34\n"
                "Suggested Gratuity\n18% 6.80 Total 48.14\n20% 8.27 Total 49.61\n")


def test_where_the_page_read_whole_supports_the_total_but_loses_the_date_the_first_read_s_date_line_is_grafted():
    """The first read found the check's date and took a tip guide's row for the total, which no check
    supports; the page read closer reads the bill right (subtotal + tax = total) but loses the date: the
    first read's date line goes onto the page, and the receipt has both. A page whose total is no
    better supported is not kept."""
    first_lines = _lines(SMEARED_CHECK)
    first = extract_receipt(first_lines)
    whole = extract_receipt(_lines(SHARPER_PAGE))
    assert first.date == dt.date(2024, 5, 31) and first.total == Decimal("949.61")
    assert whole.date is None and whole.total == Decimal("41.34")  # neither is better than the other
    lines, receipt = closer_read(first, PageReader(SHARPER_PAGE), first_lines)
    assert (receipt.date, receipt.total) == (dt.date(2024, 5, 31), Decimal("41.34"))
    assert closer_read(first, PageReader(SHARPER_PAGE)) is None  # without the first read's lines: nothing
    unsupported = PageReader(SHARPER_PAGE.replace("Sales Tax 3.59", "Sales Tax 3.95").split("Suggested")[0])
    assert closer_read(first, unsupported, first_lines) is None


def test_a_page_read_again_kept_that_garbles_the_time_of_the_same_date_keeps_the_first_reads_time():
    """A page read closer kept for what it gains (a name, a total) may garble the clock beside the date the first read
    had (``9:30 PM`` read ``9830 Pr``): the same date, the first read's time. Another date or a time read both ways
    stays the page's."""
    text = "@ ;\n12 MAIN STREET\n12/10/2023 9:30 PM\nCOFFEE 2.40\nMUFFIN 2.00\nTOTAL 9.99\n"
    first = extract_receipt(_lines(text))
    assert first.time == dt.time(21, 30)
    named = text.replace("@ ;", "CORNER DELI")
    _, receipt = closer_read(first, PageReader(named.replace("9:30 PM", "9830 Pr")))
    assert receipt.merchant == "CORNER DELI" and receipt.time == dt.time(21, 30)
    _, read_again = closer_read(first, PageReader(named.replace("9:30 PM", "9:50 PM")))
    assert read_again.time == dt.time(21, 50)


def test_a_page_read_again_that_reads_as_a_price_what_the_first_read_took_for_a_time_keeps_no_time():
    """Guard: the first read took a price whose point it read as a colon (``COFFEE 2:40``) for the time; the page
    read closer, kept for its name, reads the price and no clock after the date: no time is kept."""
    first = extract_receipt(_lines("@ ;\n12 MAIN STREET\n12/10/2023\nCOFFEE 2:40\nMUFFIN 2.00\nTOTAL 9.99\n"))
    _, receipt = closer_read(first, PageReader("CORNER DELI\n12 MAIN STREET\n12/10/2023\nCOFFEE 2.40\n"
                                               "MUFFIN 2.00\nTOTAL 9.99\n"))
    assert receipt.merchant == "CORNER DELI" and receipt.time is None


def test_a_page_read_again_kept_for_the_date_the_first_read_lacked_keeps_the_first_reads_time():
    """The first read found the check's clock but not its date (``Feb H '24 9 35PM``: 11 read as H); the page read
    closer reads the date and garbles the clock (``Feb 11 24 9 J5pM``): the date from the page, the time from the
    first read, which no date of its own contradicts. A first date other than the page's keeps the page's time."""
    text = "COPPER KETTLE\n7101 Main St\nSpringfield, IL 62701\nFeb H '24 9 35PM\nCOFFEE 5.00\nTOTAL 9.99\n"
    first = extract_receipt(_lines(text))
    assert first.date is None and first.time == dt.time(21, 35)
    _, receipt = closer_read(first, PageReader(text.replace("Feb H '24 9 35PM", "Feb 11 24 9 J5pM")))
    assert receipt.date == dt.date(2024, 2, 11) and receipt.time == dt.time(21, 35)
    dated = text.replace("Feb H '24", "Feb 12 '24")  # another date, the page's total better supported
    supported = PageReader(text.replace("Feb H '24 9 35PM", "Feb 11 24 9 J5pM")
                           .replace("TOTAL 9.99", "SUBTOTAL 5.00\nTAX 0.40\nTOTAL 5.40"))
    _, page = closer_read(extract_receipt(_lines(dated)), supported)
    assert page.date == dt.date(2024, 2, 11) and page.time is None


def test_a_page_read_again_gaining_the_date_with_a_registers_number_after_it_keeps_no_price_for_a_time():
    """Guard: the first read lacked the date and took a price (``COFFEE 2:40``) for the time; the page read closer
    gains the date with a register's number after it (``REG 10``), no clock: no time is kept."""
    first = extract_receipt(_lines("CORNER DELI\n12 MAIN STREET\n12/1O/2O2\nCOFFEE 2:40\nMUFFIN 2.00\nTOTAL 9.99\n"))
    _, receipt = closer_read(first, PageReader("CORNER DELI\n12 MAIN STREET\n12/10/2023 REG 10\nCOFFEE 2.40\n"
                                               "MUFFIN 2.00\nTOTAL 9.99\n"))
    assert receipt.date == dt.date(2023, 12, 10) and receipt.time is None
