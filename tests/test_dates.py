"""Dates and times: formats, day/month order, OCR slips."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parse.dates import dates_on_lines, find_dates, find_times, order_from_dates, parse_date, parse_time, resolve
from parse.extract import extract_receipt

from test_extract import ocr


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("25/12/2018 8:13:39 PM", True, dt.date(2018, 12, 25)),
        ("Datum: 31.12.2024 13:39", True, dt.date(2024, 12, 31)),
        ("DATE 12/31/2024", False, dt.date(2024, 12, 31)),
        ("03/04/24", False, dt.date(2024, 3, 4)),
        ("03/04/24", True, dt.date(2024, 4, 3)),
        ("2024-12-31", False, dt.date(2024, 12, 31)),
        ("14 MAR 2018 18:40", False, dt.date(2018, 3, 14)),
        ("12/04/Z6 6:12pm", False, dt.date(2026, 12, 4)),  # a 2 read as Z, an 8 as B
        ("11/0B/2026 06:48 PM", False, dt.date(2026, 11, 8)),
        ("DEC O4 2026 7:12 AM", False, dt.date(2026, 12, 4)),  # the day's 0 read as O after the month
        ("DECO4'26 7:41PM", False, dt.date(2026, 12, 4)),
        ("Dec 1O, 2026", False, dt.date(2026, 12, 10)),
        ("DEC 25, 2018", True, dt.date(2018, 12, 25)),
        ("OCT 3, 2016 12:16:25 PM", True, dt.date(2016, 10, 3)),
        ("25. Dezember 2018", True, dt.date(2018, 12, 25)),
        ("3. März 2024", True, dt.date(2024, 3, 3)),
        ("DATE 02/JAN/2017", True, dt.date(2017, 1, 2)),
        ("Datum 24122018", True, dt.date(2018, 12, 24)),
        ("ORD #50 -REG #19- 18/01/2018 10:27:03", True, dt.date(2018, 1, 18)),
        ("1O/O3/2O18", True, dt.date(2018, 3, 10)),  # O read for 0
        ("02/Jan/20t7", True, dt.date(2017, 1, 2)),
        ("Date;   17104/2018", True, dt.date(2018, 4, 17)),  # a separator read as 1
        ("Date: 04/1212017", True, dt.date(2017, 12, 4)),
        ("01727/2025 3:53 PM", False, dt.date(2025, 1, 27)),  # a blurred slash read as 7
        ("Doc No. CS0011904 Date;   1710412018", True, dt.date(2018, 4, 17)),  # both, beside DATE
        ("Date 18-Q6: 2018 16:15;47", True, dt.date(2018, 6, 18)),  # Q for 0, ":" for "-"
        ("14 Mar 2C18 18;40", True, dt.date(2018, 3, 14)),  # C for 0 in a year
        ("CB#: 389720 17/61.2018 4 2153", True, dt.date(2018, 1, 17)),  # 0 broken into 6
        ("Date 17/81/2019", True, dt.date(2019, 1, 17)),  # 0 broken into 8
        ("CB# 59581331715 14mayn2o17 02.58.39", True, dt.date(2017, 5, 14)),  # "/" after MAY read as n
        ("Date Uct 3, 2016 12;16;25 PM", True, dt.date(2016, 10, 3)),  # one letter of the month misread
        ("3 DEX 2016", True, dt.date(2016, 12, 3)),
        ("Datum: 17 10 .24 Uhrzeit: 16:56", True, dt.date(2024, 10, 17)),  # a separator lost, beside DATUM
        ("Apr 30 _ 2024 02 :48 PM", False, dt.date(2024, 4, 30)),  # the comma read as "_"
        ("Datum: 20 , 08 , 2025 Uhrzeit: 10 : 41", True, dt.date(2025, 8, 20)),  # dots read as commas
        ("Le 26/08/2024a 19.28", True, dt.date(2024, 8, 26)),  # the next word glued to the year
        ("12 06 . 24 08: 28 Bon 4711", True, dt.date(2024, 6, 12)),  # a separator lost, beside a time
        ("01 11.2025 1l:59 Bon 4711", True, dt.date(2025, 11, 1)),  # ... before a full year
        ("30 . 08 , 2024 09:12", True, dt.date(2024, 8, 30)),  # the second dot read as a comma
        ("18 , 04.2025 09:32 Bon 4711", True, dt.date(2025, 4, 18)),  # the first dot read as a comma
    ],
)
def test_parse_date(text, day_first, expected):
    assert parse_date(text, day_first) == expected


@pytest.mark.parametrize("text", ["17/61/18", "14 MAYA 2017", "Qty 65/45/2018", "99/99/2018",
                                  "MAZ 3, 2016", "SUN 3 2016", "ABC 3, 2016", "Menge 2 10.24", "2 10.24 A",
                                  "2,49 2,2025"])
def test_no_repair_without_a_valid_date(text):
    assert parse_date(text) is None


def test_a_ten_digit_number_without_a_date_label_is_no_date():
    assert parse_date("Tel 1710412018") is None


def test_impossible_day_decides_the_order():
    raws = find_dates("12/31/24") + find_dates("01/02/24")
    assert order_from_dates(raws) is False
    raws = find_dates("31/12/24") + find_dates("01/02/24")
    assert order_from_dates(raws) is True


def test_time_like_dotted_text_is_not_a_date():
    assert find_dates("Time: 11.29.00") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13:39", dt.time(13, 39)),
        ("25/12/2018 8:13:39 PM", dt.time(20, 13, 39)),
        ("8.13PM", dt.time(20, 13)),
        ("17-02-18 09:04PM", dt.time(21, 4)),
        ("12:05 AM", dt.time(0, 5)),
        ("Date 03/02/2018 15.28", dt.time(15, 28)),
        ("09/08/2024 1:29 PA", dt.time(13, 29)),  # a blurred M read as A
        ("Jun 24 '24 9 23pM", dt.time(21, 23)),  # the colon lost: AM/PM says it is a time
        ("01727/2025 3*53 PM", dt.time(15, 53)),
        ("04/18/24 101Pm", dt.time(13, 1)),  # the colon lost with no gap left: AM/PM still says it
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


def test_amount_is_not_a_time():
    assert parse_time("TOTAL 12.30") is None


def test_a_number_before_a_word_opening_with_am_is_no_time():
    """``Room 230 AMEX``: no AM/PM after the digits, however they are read."""
    assert parse_time("Room 230 AMEX") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Datum: 17.05.2024", None),  # the date's own digits are no 17:05
        ("21.03.24 19:45", dt.time(19, 45)),
        ("09.11.2023 14:22 2211/3 183021/1", dt.time(14, 22)),
        ("Datum 03.02.2025 Zeit 09:17", dt.time(9, 17)),
        ("Date Uct 3, 2015 12;16;25 PM", dt.time(12, 16, 25)),  # OCR read the colons as semicolons
        ("Time: 11.29.00", dt.time(11, 29)),
        ("SALESPERSON TIME: 16.22:00", dt.time(16, 22)),
        ("Cashier USER Time; 10.,50.00", dt.time(10, 50)),  # broken separators after a TIME label
        ('Cashier USER Time" 16.1500', dt.time(16, 15)),
        ("TIME 1234 5678", None),
        ("27/06/2025 07,34", dt.time(7, 34)),  # right after the date, the colon read as a comma or lost
        ("16/07/2025 15 03 Bon 4711", dt.time(15, 3)),
        ("12/01/2024 12,50 EUR", None),  # money
        ("01 11.2025 1l:59 Bon 4711", dt.time(11, 59)),  # a letter for a digit beside the colon
    ],
)
def test_times_beside_german_dates_and_ocr_slips(text, expected):
    assert parse_time(text) == expected


dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))


@given(dates)
def test_iso_round_trips(value):
    assert parse_date(f"Date: {value.isoformat()}", day_first=False) == value


@given(dates.filter(lambda d: d.day > 12))
def test_day_first_with_big_day_parses_whatever_the_default(value):
    text = f"{value.day:02d}/{value.month:02d}/{value.year}"
    assert parse_date(text, day_first=False) == value


@given(dates)
def test_german_round_trips(value):
    assert parse_date(f"{value.day:02d}.{value.month:02d}.{value.year} 12:00", day_first=True) == value


# a two-digit year past next year is the last century's ("23-10-92" is 1992)
two_digit_years = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(dt.date.today().year + 1, 12, 31))


@given(two_digit_years)
def test_us_round_trips_month_first(value):
    assert parse_date(f"{value.month}/{value.day}/{value.year % 100:02d}", day_first=False) == value


@given(dates)
def test_resolve_order_is_consistent(value):
    (raw,) = find_dates(f"{value.day:02d}/{value.month:02d}/{value.year}")
    assert resolve(raw, day_first=True) == value


@given(dates, st.times().map(lambda t: t.replace(second=0, microsecond=0)), st.sampled_from([".", "/", "-"]))
def test_the_time_beside_a_date_is_the_printed_one(day, clock, separator):
    printed = f"{day.day:02d}{separator}{day.month:02d}{separator}{day.year}"
    assert parse_time(f"{printed} {clock:%H:%M}") == clock
    assert parse_time(f"Datum: {printed}") is None


@pytest.mark.parametrize(("line", "date", "time"), [
    ("03.04,20 09,53", dt.date(2020, 4, 3), dt.time(9, 53)),
    ("03,04.20 09:53", dt.date(2020, 4, 3), dt.time(9, 53)),
    ("21.11,19  17:33 Kasse 3", dt.date(2019, 11, 21), dt.time(17, 33)),
    ("03 04 20 09:53 Bon 5678", dt.date(2020, 4, 3), dt.time(9, 53)),  # both dots read as spaces
])
def test_a_german_short_year_date_with_a_dot_read_as_a_comma_before_the_time(line, date, time):
    from parse.extract import extract_receipt
    from parse.types import OcrLine

    rows = ["REWE Markt GmbH", "Hauptstr. 5", "50667 Koeln", "Banane 1,29 A", "SUMME EUR 1,29", line]
    r = extract_receipt([OcrLine(t, box=(10, 30 * i, 300, 30 * i + 24), confidence=0.8) for i, t in enumerate(rows)])
    assert (r.date, r.time) == (date, time)


def test_an_amount_pair_with_a_comma_is_no_short_year_date():
    from parse.extract import extract_receipt
    from parse.types import OcrLine

    rows = ["CAFE", "2 x 12.05,50 10:00", "TOTAL 4.00"]
    r = extract_receipt([OcrLine(t, box=(10, 30 * i, 300, 30 * i + 24), confidence=0.8) for i, t in enumerate(rows)])
    assert r.date is None


def test_three_numbers_without_a_time_after_them_are_no_date():
    assert parse_date("ARTIKEL 12 03 20 STUECK", day_first=True) is None


@pytest.mark.parametrize("text, day_first, expected", [
    ("FRI 23-10-92 80o04", True, dt.date(1992, 10, 23)),  # a two-digit year past next year
    ("Jun17' 13 09;35PM", False, dt.date(2013, 6, 17)),  # a US restaurant printer's month, day, 'yy
    ("Server = Katie 09 '18/2014", False, dt.date(2014, 9, 18)),  # one separator read as an apostrophe
    ("DinArtS 06-09-2816F 22:35:32", True, dt.date(2016, 9, 6)),  # the 0 of the year read as 8
    ("2624.05.07 48;57", False, dt.date(2024, 5, 7)),  # a year-first date's 0 read as 6
    ("7023-11-05 12:44", True, dt.date(2023, 11, 5)),  # its 2 read as 7
    ("Datum: 02.03,15", True, dt.date(2015, 3, 2)),  # a dot read as a comma, after the date's label
])
def test_date_slips_of_phone_photos(text, day_first, expected):
    assert parse_date(text, day_first=day_first) == expected


def _receipt(rows):
    from parse.extract import extract_receipt
    from parse.types import OcrLine

    return extract_receipt([OcrLine(t, box=(10, 30 * i, 300, 30 * i + 24), confidence=0.8) for i, t in enumerate(rows)])


_PT_ROWS = ["Continente Modelo", "Rua do Carmo 12", "1200-093 Lisboa", "ARROZ AGULHA 1,29", "TOTAL A PAGAR 1,29"]


@pytest.mark.parametrize(("printed", "expected"), [
    ("Periodo 11/2025", dt.date(2025, 11, 9)),  # the year printed in another date: year first
    ("Periodo 11/2009", dt.date(2009, 11, 25)),  # the day-first year is the one printed
    ("Doc FS 2025/734800", dt.date(2009, 11, 25)),  # a document number is no date
    ("Tel 21 555-2025", dt.date(2009, 11, 25)),  # nor is a phone number
])
def test_a_two_digit_year_date_agrees_with_the_year_printed_elsewhere(printed, expected):
    assert _receipt([*_PT_ROWS[:3], printed, *_PT_ROWS[3:], "25-11-09 13:10 TPA 0413"]).date == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("KS# 3 (Lct.1C'15 (Sat) 11:01", dt.date(2015, 10, 10)),  # O read as L, the day's 0 as C
    ("Nov.2O'14(Fri) 12:40", dt.date(2014, 11, 20)),  # the day's 0 read as O
    ("Ucl.10'15", None),  # two letters off every month
    ("THE 10'15", None),
])
def test_a_us_printers_month_day_apostrophe_year_with_ocr_slips(text, expected):
    assert parse_date(text, day_first=False) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("18 ENE 2016", dt.date(2016, 1, 18)),
    ("22 enero 2016 14:05", dt.date(2016, 1, 22)),
    ("23 AGO 2016", dt.date(2016, 8, 23)),
    ("12 outubro 2018", dt.date(2018, 10, 12)),
    ("3 luglio 2019", dt.date(2019, 7, 3)),
    ("5 GIU 2019", dt.date(2019, 6, 5)),
    ("9 maart 2019", dt.date(2019, 3, 9)),
])
def test_month_names_in_spanish_portuguese_italian_and_dutch(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["MAYO 1.15", "PAID OUT 10 15", "CASH OUT 20.00", "SET 2 10"])
def test_words_before_prices_are_no_month_names(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("Date: I0-!1-2013 Time: 15,31", True, dt.date(2013, 11, 10)),  # 1 read as "!"
    ("jeudi23juin2016", True, dt.date(2016, 6, 23)),  # the weekday glued to the day
    ("SAT25/12/2013", True, dt.date(2013, 12, 25)),
    ("Aug262017 10:15AM", False, dt.date(2017, 8, 26)),  # the day glued to a four-digit year
    ("Aug12017", False, dt.date(2017, 8, 1)),
])
def test_glued_and_misread_date_parts(text, day_first, expected):
    assert parse_date(text, day_first=day_first) == expected


_DE_ROWS = ["EDEKA Markt", "Hauptstr. 5", "50667 Koeln", "Banane 1,29 A", "SUMME EUR 1,29"]


@pytest.mark.parametrize(("rows", "expected"), [
    (["Datum Filiale Kasse Bon", "13.05,17 1234 2 5678"], dt.date(2017, 5, 13)),  # a dot read as a comma
    (["Datum Filiale Kasse Bon", "13 05.17 1234 2 5678"], dt.date(2017, 5, 13)),  # ... as a space
    (["Datum Filiale Kasse Bon", "13 05 17 1234 2 5678"], dt.date(2017, 5, 13)),  # both as spaces
    (["Fecha Caja Ticket", "13 05 17 0003 004512"], dt.date(2017, 5, 13)),
    (["Datum: 13 05 17"], dt.date(2017, 5, 13)),  # both as spaces, after the label
    (["Filiale Kasse Bon", "13 05 17 1234 2 5678"], None),  # no header names a date
    (["Datum Filiale Kasse Bon", "EDEKA 13 05 17 1234"], None),  # the row does not start with it
])
def test_a_german_short_year_date_under_a_header_row_or_label(rows, expected):
    assert _receipt(_DE_ROWS + rows).date == expected


@pytest.mark.parametrize("row", ["05 12 2026 18 04 Bon-Nr.:6625", "Datum 05 12 2026 Kasse 2",
                                 "Bon 6625 05 12 2026 18 04"])
def test_a_full_year_date_whose_dots_and_colon_all_came_out_as_spaces(row):
    """Faded thermal print loses every dot and colon of the date and time; a 20YY year read where the date
    opens the line, follows its label or stands before the time of day is the date."""
    assert _receipt(_DE_ROWS + [row]).date == dt.date(2026, 12, 5)


@pytest.mark.parametrize("row", ["Tel. 0711 12 10 2026", "Kasse 3 05 12 2026 Bon 7", "4006381 333931", "7 % 12 50"])
def test_spaced_numbers_inside_a_line_with_no_label_or_time_are_no_date(row):
    assert _receipt(_DE_ROWS + [row]).date is None


@pytest.mark.parametrize("deadline", [
    "Offer ends 05/31/2016 11:59 PM", "Good thru 05/31/2016", "Redeem by 05/31/2016", "Member since 03/12/2015",
    "Points expire 05/31/2016", "Expiration 05/31/2016", "Enter by 05/31/2016 11:59 PM",
    "RETURN DATE 05/31/2016", "Returns accepted until 05/31/2016", "Valido hasta 31/05/2016 12:00",
    "Echange avant le 31/05/2016 12:00", "Umtausch bis 31.05.2016", "Ruilen geldig tot 31-05-2016",
])
def test_a_return_or_exchange_deadline_is_not_the_purchase_date(deadline):
    assert _receipt(["SHOP", "Main St 5", "TOTAL 1.29", deadline, "01/04/2016"]).date in (
        dt.date(2016, 4, 1), dt.date(2016, 1, 4))  # the deadline's order says which


def test_a_deadline_under_its_label_is_not_the_purchase_date_and_alone_is_no_date():
    """``RETURNS WITH RECEIPT THRU`` wrapped over its date; a receipt whose only date is a
    deadline has no purchase date read (the second look and the panelist's reply take it from
    there) rather than a wrong one."""
    cvs = ["CVS/pharmacy", "TOTAL 20.41", "RETURNS WITH RECEIPT THRU", "05/31/2016", "APRIL 1, 2016"]
    assert _receipt(cvs).date == dt.date(2016, 4, 1)
    assert _receipt(cvs[:-1]).date is None
    assert _receipt(["BÄCKEREI", "SUMME EUR 1,29", "Umtausch bis", "31.05.2016"]).date is None


@pytest.mark.parametrize("footer", ["Vielen Dank und bis bald!", "Mo-Sa 7 bis 20 Uhr", "Umtausch nur mit Kassenbon",
                                    "Returns accepted within 28 days"])
def test_a_footer_holding_a_deadlines_word_does_not_label_the_date_under_it(footer):
    """A greeting, opening hours or a return policy over the receipt's only date: the word is no
    label that leads to the date (as ``Gültig bis`` or ``RETURNS WITH RECEIPT THRU`` would be)."""
    assert _receipt(["Bäckerei Sailer", "Brezel 2,50", "Summe EUR 2,50", footer, "03.12.2026 08:14"]).date \
        == dt.date(2026, 12, 3)


@pytest.mark.parametrize("label", ["Gültig bis", "Rückgabe bis zum", "Return by:", "MHD", "Valid thru",
                                   "Umtausch bis spätestens", "Umtausch bis spatestens"])
def test_a_deadlines_label_line_still_labels_the_date_under_it(label):
    assert _receipt(["SHOP", "Summe EUR 2,50", label, "03.12.2026"]).date is None


@pytest.mark.parametrize("rows", [
    # the show's date and time at the top; the sale's at the bottom, the till's TSE stamp agreeing
    ["CinemaxX", "Sa 05.12.2026 20:15 Kino 3", "2 x Ticket Parkett 25,80", "Gesamt EUR 25,80", "03.12.2026 18:02",
     "TSE-Start: 2026-12-03T17:01:44.000Z"],
    ["DB Fernverkehr AG", "Hinfahrt am 05.12.2026 ab 08:51", "Gesamtpreis 65,40 EUR", "Verkauf 03.12.2026 14:33"],
    ["Möbel Kraft", "Liefertermin: 01.12.2026 10:00", "Sofa 899,00", "Summe 899,00", "Datum: 03.12.2026"],
    # a ticket bought before the show and photographed after it: the film's rating over the show's date
    ["REGAL", "Washington DC 20001", "THE QUIET HOUR PG-13", "Sat 12/05/2026 7:00PM", "ADULT IMAX 22.49",
     "Total $22.49", "12/03/2026 10:14AM T#118822"],
])
def test_the_date_of_the_service_bought_is_not_the_purchase_date(rows):
    """A show, a journey or a delivery printed with its date and time: the purchase's date is the
    one the sale's label, the card slip or the TSE stamp vouches for."""
    assert _receipt(rows).date == dt.date(2026, 12, 3)


@pytest.mark.parametrize("line", ["EFTPOS AUD 7.60", "Saal 1 Tisch 12", "PG TIPS 80 BAGS 2,99"])
def test_a_currencys_code_or_a_restaurants_hall_over_the_date_marks_no_show(line):
    """``AUD 7.60`` is Australian dollars, ``Saal 1 Tisch 12`` a dining hall: the date under them is the sale's."""
    assert _receipt(["SHOP", line, "03.12.2026 18:02", "Summe 7,60", "Punkte gültig ab 01.12.2026"]).date \
        == dt.date(2026, 12, 3)


@pytest.mark.parametrize("row", ["Banane 2 10.24 A", "2 10.24 A"])
def test_a_price_under_a_date_label_that_lost_its_date_is_no_date(row):
    assert _receipt(_DE_ROWS[:3] + ["Datum", row, "SUMME EUR 10,24"]).date is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Dec 31 '23 4:O9PM", dt.time(16, 9)),  # a zero read as the letter O, AM/PM glued on
    ("10/19/24 6:0O PM", dt.time(18, 0)),
    ("ZOLL:OO", None),
    ("Aug 24 '24 7:36ph", dt.time(19, 36)),  # the M of PM read as h or N
    ("06/14/23 1:41 PN", dt.time(13, 41)),
    ("16:48 h", dt.time(16, 48)),
    ("Jul 28 24 7 : SOPM", dt.time(19, 50)),  # S for 5, O for 0
    ("11:59 PHONE", dt.time(11, 59)),
])
def test_a_letter_for_a_digit_or_for_the_m_in_a_twelve_hour_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("02/10/25 4:18 PK", dt.time(16, 18)),  # the M's left stroke lost: K
    ("03/01/2024 05;42 P#", dt.time(17, 42)),  # its strokes run together: #
    ("03/01/2024 05:42 A#", dt.time(5, 42)),
    ("02/10/25 4:18 PKG 2", dt.time(4, 18)),  # a word after the time, not its half of the day
])
def test_a_broken_m_of_pm_read_as_k_or_a_hash_still_says_the_half_of_the_day(text, expected):
    """A blurred photo's PM whose M came out ``K`` or ``#``: the evening's time, not the morning's."""
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("12/05/2025 08:42 P# 03", dt.time(8, 42)), ("12/05/2025 13:05 P# 03", dt.time(13, 5))])
def test_a_pump_number_after_the_time_is_no_broken_pm(text, expected):
    """Guard: a gas station's ``P# 03`` (pump number 3) after a 24-hour time: K or # is an M only ending the line."""
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2024 08-08 15:06", dt.date(2024, 8, 8)),  # one separator of a year-first date read as a space
    ("2024-08 08 3:06 PM", dt.date(2024, 8, 8)),
    ("2025 05-03 18*00", dt.date(2025, 5, 3)),  # the time's colon a star
    ("2024 08-08", None),  # no time after it: a number and a range
    ("2024 13-08 15:06", None),
    ("2025 01-05.14.30", dt.date(2025, 1, 5)),  # the gap before the time read as a point: not 01-05-14
])
def test_a_year_first_date_with_a_separator_read_as_a_space_before_a_time(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("08702/10 17;43 Pin USED", False, dt.date(2010, 8, 2)),  # the first slash read as 7, a time after it
    ("Tran 2038 2:38pm 7716/12", False, dt.date(2012, 7, 16)),  # ... unpadded, a time before it
    ("DATE 08/02710", False, dt.date(2010, 8, 2)),  # the second slash, beside the date's label
    ("06/17124 2.16 Pm", False, dt.date(2024, 6, 17)),  # ... as a 1, beside a time whose colon was read as a point
    ("05/27124 04.37 PM", False, dt.date(2024, 5, 27)),  # ... the time's colon read as a point before its PM
    ("Datum: T0.07. 13 21:52 Tisch: 102", True, dt.date(2013, 7, 10)),  # a T for the 1 of the day
])
def test_a_slash_read_as_a_digit_and_a_digit_read_as_a_letter(text, day_first, expected):
    assert parse_date(text, day_first=day_first) == expected


@pytest.mark.parametrize("text", [
    "Fra 3715/2016",  # an invoice number: no time or label beside it
    "Ticket 7716/12 Mesa 4 12:30",  # the time is not beside it
    "1716/12 12:30",  # 1/16/12 or 17/6/12: which digit is the slash is not settled
    "06/17124 2.16",  # a price beside it, no time of day: no AM or PM after a point
    "Item 05/27124 04.37",  # a point between two numbers and no AM or PM: a price, no time of day
])
def test_no_slash_read_as_a_digit_without_a_sure_date(text):
    assert parse_date(text, day_first=False) is None


def _dates_of(rows):
    return [resolve(raw, day_first=False) for _, raw in dates_on_lines(rows)]


@pytest.mark.parametrize(("rows", "expected"), [
    (["DATE 06/07/2014 SUN"], [dt.date(2014, 7, 6)]),  # the weekday settles the order: 6 July, a Sunday
    (["WED 08/23/2013 10:15"], [dt.date(2013, 8, 28)]),  # 8 read as 3: the 28th is the Wednesday
    (["Samstag 26.08.2017"], [dt.date(2017, 8, 26)]),  # agrees: kept
    (["MON 06/07/2014"], [dt.date(2014, 6, 7)]),  # neither order nor one digit off it: left as read
])
def test_a_weekday_printed_beside_the_date_corroborates_it(rows, expected):
    assert _dates_of(rows) == expected


def test_a_date_printed_twice_outweighs_a_one_digit_misread_copy():
    rows = ["27/06/16 10:08", "CARD 27/06/18 09:49", "SIGNED 27/06/18"]
    assert _dates_of(rows) == [dt.date(2018, 6, 27)] * 3
    assert _dates_of(["27/06/16 10:08", "EXPIRY 30/09/18", "30/09/18"])[0] == dt.date(2016, 6, 27)
    # a return deadline a month on, printed twice, is no misread copy of the purchase date
    assert _dates_of(["27/06/18 10:08", "RETURN BY 27/07/18", "27/07/18"])[0] == dt.date(2018, 6, 27)


def test_a_french_weekday_abbreviation_settles_the_order():
    assert _dates_of(["dim. 04/09/16 22:17"]) == [dt.date(2016, 9, 4)]  # Sunday 4 September, not 9 April


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("Do,01.09.2016 12:34", True, dt.date(2016, 9, 1)),  # a German weekday and its comma, no space
    ("THU,09/01/16", False, dt.date(2016, 9, 1)),
    ("SEP-01-2016 7:32 PM", False, dt.date(2016, 9, 1)),  # a month name, hyphens
    ("09/01/1612:34 PM", False, dt.date(2016, 9, 1)),  # the space between year and time lost
    ("09/01/2012:34", False, dt.date(2012, 9, 1)),  # a full year stays one
])
def test_dates_glued_to_the_words_and_times_around_them(text, day_first, expected):
    assert parse_date(text, day_first) == expected


def test_a_two_digit_year_glued_to_a_time_leaves_the_time():
    assert parse_time("09/01/1612:34 PM") == dt.time(12, 34)
    assert find_dates("TOTAL,12.50") == []  # an amount after a comma is no date


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("Datum: 19. 09.?014", True, dt.date(2014, 9, 19)),  # the year's 2 read as a mark
    ("Rn: 5881- Datum: 19. 09.*014", True, dt.date(2014, 9, 19)),
    ("3881 Iatun: 19. 09,2u14", True, dt.date(2014, 9, 19)),  # its 0 as a u, a dot as a comma
    ("Di/08/11 10.24AM", False, dt.date(2011, 1, 8)),  # the 0 of the month as a D, the 1 as an i
    ("Kassa #4 15/09/*2010 16:35", True, dt.date(2010, 9, 15)),  # a mark before the year
    ("dim. O4sept.16 22317", True, dt.date(2016, 9, 4)),  # the day's 0 as an O before the month's name
    ("JEU 1O DEC 2014", True, dt.date(2014, 12, 10)),
])
def test_a_blurred_photos_date_with_a_digit_read_as_a_letter_or_a_mark(text, day_first, expected):
    assert parse_date(text, day_first) == expected


@pytest.mark.parametrize("text", ["ID 12.3?014", "12/05/2U145", "Art.Nr. 12.09?014", "NO3 DEC 2016", "POS O1 AUG"])
def test_a_mark_in_a_number_that_is_no_date_stays_no_date(text):
    assert find_dates(text) == []


_GERMAN_RECEIPT = """REWE Markt GmbH
Hauptstr. 5
50667 Koeln
{top}Milch 1,19 A
Brot 2,49 A
SUMME EUR 3,68
Geg. BAR EUR 5,00
Rueckgeld EUR 1,32
{tse}
{bottom}"""
_TSE = "TSE-Start: 2023-03-14T23:41:47.000Z\nTSE-Stop: 2023-03-14T23:42:03.000Z"


@pytest.mark.parametrize(("top", "tse", "bottom", "date", "time"), [
    # the till's own stamp under the security module's: the module's is UTC, an hour behind Berlin
    ("", _TSE, "15.03.23 00:41 Bon 4711", dt.date(2023, 3, 15), dt.time(0, 41)),
    ("15.03.23 00:41 Bon 4711\n", _TSE, "", dt.date(2023, 3, 15), dt.time(0, 41)),
    # a till line merged into the stamp's by OCR, its T read as 0, its zeros as letters
    ("", "2023-03-14023:41:47.oooz 15.03.23 00:41", "", dt.date(2023, 3, 15), dt.time(0, 41)),
    # only the stamps: their instant on Berlin's clock (summer time: two hours ahead; the T read as 7)
    ("", _TSE, "", dt.date(2023, 3, 15), dt.time(0, 41, 47)),
    ("", "TSE-Start: 2024-06-13709:15:00 .000z\nTSE-Stop: 2024-06-13709:16:00 . 000z", "", dt.date(2024, 6, 13),
     dt.time(11, 15)),
])
def test_a_security_modules_utc_stamp_is_the_purchase_time_only_where_the_till_printed_none(top, tse, bottom, date,
                                                                                            time):
    receipt = extract_receipt(ocr(_GERMAN_RECEIPT.format(top=top, tse=tse, bottom=bottom)))
    assert (receipt.date, receipt.time) == (date, time)


def test_a_garbled_security_module_line_gives_no_time_its_clock_being_utc():
    """``TSE-Start; 7023.02.0oto9;52;08``: the module's stamp read too garbled to be one, its clock (09:52 UTC,
    10:52 in Berlin) is no time of the shop's; the receipt then prints none."""
    tse = "TSE-Start; 7023.02.0oto9;52;08. 800Z\nSE Ston : 2023+02-@9to9 58.29 . B00Z"
    assert extract_receipt(ocr(_GERMAN_RECEIPT.format(top="", tse=tse, bottom=""))).time is None


@pytest.mark.parametrize(("top", "tse", "time"), [
    # the till's time garbled, the stamp's date too: its clock (13:49 UTC) on the purchase day, summer time
    ("14.04.23-15.499743 2 5641\n", "TSE-Start: Z023 04-14T13;49.00.008z", dt.time(15, 49)),
    # the date read off the stop's stamp: the start's garbled clock beside it, not a price read as a time
    ("Pfand 0 ; 50,\n", "TsE Stent: 2023 09.1STo6 ;04 :00 Do0z\nTSE-Stop: 2023-09-15t06:05: 24.0ooz", dt.time(8, 4)),
])
def test_a_security_modules_clock_whose_date_ocr_garbled_is_utc_on_the_purchase_day(top, tse, time):
    """``13;49.00.008z``: a stamp's clock still ends in its seconds' fraction and the Z of UTC where OCR garbled
    its date and label; it is no local time, but the shop's two hours on in summer on the purchase's day."""
    assert extract_receipt(ocr(_GERMAN_RECEIPT.format(top=top, tse=tse, bottom=""))).time == time


def test_a_tills_clock_with_seconds_and_no_zone_stays_local():
    """Guard: the till's own time with its seconds (``19:03:27``) is the shop's, a UTC stamp beside it or not."""
    receipt = extract_receipt(ocr(_GERMAN_RECEIPT.format(top="14.04.23 19:03:27 Bon 4711\n", bottom="",
                                                         tse="TSE-Start: Z023 04-14T13;49.00.008z")))
    assert receipt.time == dt.time(19, 3, 27)


def test_a_till_line_merged_into_a_security_modules_line_keeps_its_time():
    """Guard: the stamp read right, the till's own date and time OCR merged into its line still count."""
    tse = "TSE-Stop: 2023-03-14T23:42:03.000Z 15.03.23 00:41"
    receipt = extract_receipt(ocr(_GERMAN_RECEIPT.format(top="", tse=tse, bottom="")))
    assert (receipt.date, receipt.time) == (dt.date(2023, 3, 15), dt.time(0, 41))


def test_a_catalan_weekday_settles_the_order():
    """``dimaRTS 06-09-2016``: dimarts (Tuesday) was the 6th of September, not the 9th of June."""
    [(_, raw)] = dates_on_lines(["dimaRTS 06-09-2016 22.35:32"])
    assert resolve(raw, False) == dt.date(2016, 9, 6)


@pytest.mark.parametrize(("text", "expected"), [
    ("05/30/25 08,48 PM", dt.time(20, 48)),  # the colon read as a comma, the half of the day after it
    ("05/30/25 08,48 pm", dt.time(20, 48)),
    ("05/30/25 12 05 AM", dt.time(0, 5)),
    ("27/06/2025 07,34", dt.time(7, 34)),
])
def test_a_time_right_after_the_date_keeps_its_am_or_pm(text, expected):
    assert parse_time(text) == expected


def test_a_card_slips_authorisation_time_gives_no_year():
    """German girocard slips print the authorisation time as ``AS-Zeit 02.03. 15:59 Uhr``: a day and
    a month, then the hour; the hour is no two-digit year (2015)."""
    from parse.extract import extract_receipt
    from parse.types import OcrLine

    assert find_dates("AS-Zeit 02.03. 15:59 Uhr") == []
    rows = ["REWE", "Hauptstr. 5", "50667 Koeln", "Banane 1,29 B", "SUMME EUR 1,29", "Geg. EC-Cash EUR 1,29",
            "AS-Zeit 02.03. 15:59 Uhr", "Betrag EUR 1,29", "Datum 02.03.2021 15:59 Bon-Nr. 4711"]
    r = extract_receipt([OcrLine(t, box=(10, 30 * i, 300, 30 * i + 24), confidence=0.8) for i, t in enumerate(rows)])
    assert (r.date, r.time) == (dt.date(2021, 3, 2), dt.time(15, 59))


def test_a_speck_after_the_colon_of_a_time_is_no_loss():
    assert [match.value for match in find_times("08/14/24 02:.35 PM")] == [dt.time(14, 35)]


def test_a_one_digit_hour_glued_to_a_four_digit_year():
    assert parse_date("04/22/20238:06 PM", day_first=False) == dt.date(2023, 4, 22)
    assert parse_time("04/22/20238:06 PM") == dt.time(20, 6)


@pytest.mark.parametrize(("text", "time"), [("03.12.202617:31 Bon-Nr.:7712", dt.time(17, 31)),
                                           ("03.12.202617:31:05", dt.time(17, 31, 5))])
def test_a_two_digit_hour_glued_to_a_four_digit_year(text, time):
    """A German till's ``03.12.2026 17:31`` with its space lost."""
    assert (parse_date(text, day_first=True), parse_time(text)) == (dt.date(2026, 12, 3), time)


@pytest.mark.parametrize(("text", "expected"), [
    ("09/17/202510442AM", dt.date(2025, 9, 17)),  # the hour glued on, its colon read as a digit
    ("12/01/20241042 PM", dt.date(2024, 12, 1)),  # its colon lost
])
def test_a_two_digit_hour_glued_to_a_four_digit_year_before_am_or_pm(text, expected):
    assert parse_date(text, day_first=False) == expected


def test_a_four_digit_year_with_digits_glued_on_and_no_am_or_pm_is_no_date():
    assert parse_date("Ref 12/01/20241234", day_first=False) is None


def test_a_labelled_time_whose_first_colon_ocr_lost_keeps_its_hour():
    assert parse_time("Uhrzeit: 07 09 : 48  Uhr") == dt.time(7, 9, 48)
    assert parse_time("TIME 10:15 PM") == dt.time(22, 15)


def test_a_date_with_a_comma_for_its_second_dot_is_not_read_from_the_till_number_before_it():
    """``Kasse 17 02.05,2024 10:31``: 02.05.2024 (its second dot read as a comma), not 17.02.05 made
    of the till's number and the date's day and month."""
    assert [(raw.first, raw.second, raw.year) for raw in find_dates("Bon 4275 Kasse 17 02.05,2024 10:31")] \
        == [(2, 5, 2024)]


def test_digits_that_look_like_letters_are_no_deadline_label():
    """``26.03,24 19.13 9815 4762`` under a garbled ``Datum Zeit Filiale Kasse Bon`` row: the filial
    number 9815 folds to ``9BIS`` but reads as no "bis" (until), so the date stands."""
    receipt = extract_receipt(ocr("""
SPARKORB
Industriestrasse 10
70173 Stuttgart
Datun elt F Kasse Bon N
26.03,24 19.13 9815 4762
EUR
Bananen 1,69 B
Butter 4,38 B
Summe 6,07
Karte 6,07
"""))
    assert receipt.date == dt.date(2024, 3, 26)


def test_a_year_first_date_with_both_dashes_read_as_spaces_before_a_time_with_a_dot_for_its_colon():
    """``2025 06 18 16.11`` on a phone photo of a check: 18 June 2025 at 16:11."""
    assert [(raw.year, raw.second, raw.first) for raw in find_dates("2025 06 18 16.11")] == [(2025, 6, 18)]
    assert [t.value for t in find_times("2025 06 18 16.11")] == [dt.time(16, 11)]
    assert [t.value for t in find_times("2023-11-27 13.48")] == [dt.time(13, 48)]
    assert find_dates("Table 2025 06 18") == []  # no time after it: a table and counts


def test_a_semicolon_for_the_comma_after_a_months_day():
    """``Jan 08; 2024``: the comma after the day read as a semicolon."""
    assert [(raw.year, raw.first, raw.second) for raw in find_dates("Jan 08; 2024 09451 AM")] == [(2024, 8, 1)]


def test_a_year_less_date_whose_dots_ocr_spaced_and_read_as_an_underscore():
    """``AS-Zeit 02 . 03 _ 15:59``: the card slip's 2 March, its last dot read as an underscore."""
    from parse.dates import yearless_dates

    assert [(raw.first, raw.second, raw.year) for raw in yearless_dates("AS-Zeit 02 . 03 _ 15:59 Uhr")] == [(2, 3, 0)]


@pytest.mark.parametrize(("text", "expected"), [
    ("09/01/201 6 7:42 PM", dt.date(2016, 9, 1)),  # a space read inside the year
    ("14.03.202 4 17:42", dt.date(2024, 3, 14)),
])
def test_a_space_read_before_the_last_digit_of_a_four_digit_year(text, expected):
    assert parse_date(text, day_first=text[2] == ".") == expected


def test_a_two_digit_year_before_a_time_stays_two_digits():
    assert parse_date("09/01/20 16:42", day_first=False) == dt.date(2020, 9, 1)


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("08/16/2 4 05,51 PM", False, dt.date(2024, 8, 16)),  # a space read inside a two-digit year
    ("12.05.2 3 12:00", True, dt.date(2023, 5, 12)),
    ("2024 06,18 14*48", True, dt.date(2024, 6, 18)),  # a year-first date's separators a space and a comma
    ("2024 06,18", True, None),  # no time after it: a number and an amount
])
def test_a_year_split_by_a_space_and_a_year_first_date_with_a_comma_before_a_time(text, day_first, expected):
    assert parse_date(text, day_first=day_first) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("17.05. 25 116:15 5404 7 2341", dt.time(16, 15)),  # a bar in the gap read as a 1
    ("07.04.24 415.48", dt.time(15, 48)),  # read as a 4, the colon a dot
    ("22 .02. 2025 418.31 Bon-Nr 3336", dt.time(18, 31)),
])
def test_a_stray_mark_read_as_a_digit_before_the_hour_right_after_the_date(text, expected):
    """A German till's ``17.05.25 16:15``: a speck in the gap after the date read as a digit glued to the hour;
    an hour of three digits is none, so the last two are the hour."""
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["07.04.24 415.48 EUR", "07.04.24 415,48", "07.04.24 515.48", "Bon 415.48"])
def test_a_three_digit_number_after_a_date_that_is_money_or_no_hour_is_no_time(text):
    """An amount (its currency, its decimal comma), a leading digit no mark reads as, or no date before it."""
    assert parse_time(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("05/10/2023 9:21 PF", dt.time(21, 21)),  # the M of PM read as F
    ("10/19/25 07.35 p", dt.time(19, 35)),  # the M lost at the line's end, a date beside the time
    ("09/08/2024 1:29 A", dt.time(1, 29)),
])
def test_a_pm_whose_m_was_read_as_f_or_lost_at_the_line_end_still_says_the_half_of_the_day(text, expected):
    """A blurred check's ``PM``: its M read as ``F``, or lost where the line ends; the evening's time still."""
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("BANANAS 12.50 P", None),  # a price and a letter after it: no date beside it, no time
    ("05/10/2023 9:21 PFD 2", dt.time(9, 21)),  # a word after the time, not its half of the day
])
def test_a_price_with_a_lone_letter_after_it_is_no_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("04/13/23 3637 PN", dt.time(15, 37)),  # 3:37 PM, its colon read as a 6
    ("12/03/23 1716 PA", dt.time(13, 16)),  # 1:16 PM, its colon read as a 7
])
def test_a_twelve_hour_time_whose_colon_was_read_as_a_digit(text, expected):
    """AM or PM after four digits whose first two make no 12-hour hour: the second digit is the colon."""
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["Order 1216 PM", "Table 2316 4", "Chk 3637"])
def test_four_digits_that_may_be_a_hour_or_lack_am_pm_are_no_colon_read_as_a_digit(text):
    """``1216 PM`` may be 12:16 or 1:16: not settled; without AM or PM four digits are a number."""
    assert parse_time(text) is None


def test_a_time_whose_colon_was_lost_with_no_gap_ending_the_line_after_the_date():
    """``2024-01-16 17:37`` read ``2024-01-16 1737``: right after the date, the four digits ending the line."""
    assert parse_time("2024-01-16 1737") == dt.time(17, 37)


@pytest.mark.parametrize("text", ["2024-01-16 1737 REG 02", "2024-01-16 2460", "Store 1737"])
def test_four_digits_after_a_date_that_do_not_end_the_line_or_make_no_time_are_none(text):
    assert parse_time(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("11/1682025 12.50 PM", dt.date(2025, 11, 16)),  # the second slash read as an 8, a time after it
    ("10/19725 07.35 p", dt.date(2025, 10, 19)),  # ... as a 7, the time's M lost at the line's end
    ("02/19/202444.22 PM", dt.date(2024, 2, 19)),  # the time glued to the year, its colon a point
])
def test_a_slash_read_as_an_eight_or_a_year_glued_to_a_time_with_a_point(text, expected):
    assert parse_date(text, day_first=False) == expected


@pytest.mark.parametrize("text", ["11/1682025", "Item 11/1682025 12.50", "Ref 10/19725 07.35"])
def test_a_slash_read_as_a_digit_needs_a_time_of_day_beside_it(text):
    """No time of day (a bare ``12.50`` is a price): a number, no date."""
    assert parse_date(text, day_first=False) is None


@pytest.mark.parametrize(("receipt", "expected"), [
    ("12.07.2024 14:22 A\nSUMME 2,78", dt.time(14, 22)),  # a 24-hour time with a letter after it
    ("Filiale 4521 Am Markt\n12.07.2024\nSUMME 2,78", None),  # German Am, An: no AM for a colon read as a digit
    ("Markt 2345 An der Kirche\n12.07.2024\nSUMME 2,78", None),
    ("3740 PA-51\n12/05/2026\nTOTAL 14.50", None),  # a state's PA
    ("STORE 2345 PH 207-555-0199\n12/05/2026\nBurger 14.50\nTOTAL 14.50\nTIME 7:42 PM", dt.time(19, 42)),
    ("12.07.2024 1234\nUhrzeit 14:22\nSUMME 2,78", dt.time(14, 22)),  # four digits after the date: a Bon-Nr
    ("09.02.2023\nTSE-Stop: 09.02.2023 10:52:29\nSUMME 2,78", dt.time(10, 52, 29)),  # the till's own date and time
])
def test_numbers_and_letters_near_a_time_that_no_colon_slip_or_broken_pm_explains_stand(receipt, expected):
    """Guard: the rules for a colon read as a digit before AM/PM (only on a date's line), four digits glued
    after a date (only where no line beside prints a time), a lone A/P after a time (not a 24-hour one) and a
    garbled security-module line (not one that prints a readable date) leave these as before."""
    assert extract_receipt(ocr(receipt)).time == expected


@pytest.mark.parametrize(("text", "expected"), [("1811/25 14:22", dt.date(2025, 1, 18)),
                                                ("1817/25 14:22", dt.date(2025, 7, 18))])
def test_a_slash_read_as_one_or_seven_comes_before_an_eight(text, expected):
    """Guard: a day-first ``18/1/25`` whose first slash came out a 1: the 8 of the day is no slash."""
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("02/25/25 07.56P4", dt.time(19, 56)),  # the M of PM read as a 4, a point for the colon
    ("Jan 26 24 11:19A4", dt.time(11, 19)),
    ("05/173 8,50 P4", dt.time(20, 50)),  # a garbled date, the colon read as a comma
    ("Nay 30 '24 7:03Phe", dt.time(19, 3)),  # a speck after the M read as a letter, ending the line
    ("01/04/2024 05:27 PHi", dt.time(17, 27)),
    ("Nov 13, 2024 02:48 Pri", dt.time(14, 48)),  # the M read as ri
    ("05/30/25 8,48 PM", dt.time(20, 48)),  # the colon read as a comma, PM after it
])
def test_a_pm_whose_m_came_out_a_4_ri_or_a_letter_more_still_says_the_half_of_the_day(text, expected):
    """A photographed check's ``PM`` whose M EasyOCR read as ``4`` or ``ri`` or with a stray letter glued after it
    at the line's end, and a colon read as a comma before AM or PM: the evening's time still."""
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("COPY PAPER 5.49 A4", None),  # paper's size after its price: no date on the line, no time
    ("Summe 3,50 EUR 12.03.2024", None),  # money with a comma beside a date, no AM or PM
    ("11:59 PHONE", dt.time(11, 59)),  # a word after the time, not its half of the day
    ("10:15 AMEX 4425", dt.time(10, 15)),
])
def test_a_price_with_a4_or_a_comma_and_a_word_after_a_time_are_no_half_of_the_day(text, expected):
    """Guard: a 4 is an M only where a date is on the line or a colon is in the time; a comma is a colon only before
    AM or PM; a word of more letters after a time is no PM."""
    assert parse_time(text) == expected


@pytest.mark.parametrize(("lines", "time"), [
    ("DINER\n05/30/2025\nTable 2, 07:45 PM\n", dt.time(19, 45)),  # a table's number and a comma before the time
    ("REWE\n14.03.23 Kasse 2, 14:22\n", dt.time(14, 22)),
    ("DINER\n12/05/2023\nOrdered: 12/05, 07:45 PM\n", dt.time(19, 45)),
    ("MARKET\n05/30/2025\nDonut 1,29 AN\n", None),  # a comma price with tax flags after it
    ("REWE\n14.03.2023\nMilch 1,19 A A\n", None),
    ("DEPANNEUR\n2023-05-30\nPAIN 3,29 PF\n", None),
    ("PARKHAUS\n12.07.2024 14:22 P4\n", dt.time(14, 22)),  # a 24-hour time: the letters after it no half of the day
    ("DINER\n01/04/2024 14:30 AMY\n", dt.time(14, 30)),
    ("DINER\n11/13/2024 14:48 PRI\n", dt.time(14, 48)),
    ("AIRPORT NEWS\n01/04/2024 10:30 PHX\n", dt.time(10, 30)),  # a capitalised word, no speck
    ("GARAGE\n12/05/2023\nIN 08:15 P4\n", dt.time(8, 15)),  # P4 off the date's line
    ("MARKET\n12/05/2023\n1/2 GAL MILK 3.49 A4\n", None),  # a half gallon is no garbled date
    ("REWE\n14.04.2023 19:03:27.002 Bon 4711\n", dt.time(19, 3, 27)),  # the till's seconds and a fraction: no UTC
])
def test_commas_capitals_24_hour_times_and_a_tills_fractions_keep_their_plain_reading(lines, time):
    """Guard: a comma is a colon only where two digits and AM/PM follow it on a date's line; a letter more after
    PM only lower-case (a speck); a garbled M gives no half of the day to a 24-hour hour, nor a 4 off a date's
    line; ``1/2`` is no garbled date; a clock ending ``.002`` is a UTC stamp only on a security module's line."""
    assert extract_receipt(ocr(lines)).time == time


def test_the_tills_own_time_just_after_its_security_modules_start_wins_over_the_stamp():
    """Guard: ``Uhrzeit 15:51`` printed by the till, the module's start at 13:47 UTC (15:47 in Berlin) beside the
    date read off its stamp: the till's own time, as the till's own date and time win."""
    receipt = extract_receipt(ocr("REWE\nUhrzeit 15:51 Bon 4711\nSUMME EUR 3,68\n"
                                  "TSE-Start: 2023-04-14T13:47:12.000Z\nTSE-Stop: 2023-04-14T13:49:30.000Z\n"))
    assert receipt.time == dt.time(15, 51)


@pytest.mark.parametrize(("text", "expected"), [
    ("03/30/2025 03:41-PM", dt.time(15, 41)),  # the gap before PM read as a hyphen
    ("10/02/2024 11:05 -PM", dt.time(23, 5)),
])
def test_a_meridiem_after_a_hyphen_read_for_its_gap_still_says_the_half_of_the_day(text, expected):
    """A photographed ``03:41 PM`` whose space OCR read as a hyphen (``03:41-PM``): the afternoon's time still."""
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("OPEN 9:00-PAUL", dt.time(9, 0)),  # a word after the hyphen, no AM or PM
    ("9:00-P", dt.time(9, 0)),  # a lone letter after a hyphen is no half of the day
    ("10:00-12:00", dt.time(10, 0)),  # opening hours: a range
])
def test_a_hyphen_after_a_time_with_no_am_or_pm_after_it_says_no_half_of_the_day(text, expected):
    """Guard: the hyphen counts only before a whole ``AM`` or ``PM``."""
    assert parse_time(text) == expected


def test_a_slashed_date_whose_second_slash_was_lost_before_its_year_reads_beside_a_clock_read_with_a_point():
    """``01/04/2025 10:20 AM`` read ``01/042025 10.20 AM``: the slash before the year lost and the clock's colon read
    as a point; AM after it says it is a time of day as a colon would, so the date reads as it does beside ``10:20``."""
    assert parse_date("01/042025 10.20 AM", day_first=False) == dt.date(2025, 1, 4)


@pytest.mark.parametrize("text", ["01/042025 10.20", "ITEM 01/042025 12.50"])
def test_a_lost_separator_beside_a_point_number_with_no_am_or_pm_reads_no_date(text):
    """Guard: ``10.20`` with no AM or PM is money, not a clock: the run of digits stays no date."""
    assert parse_date(text) is None


def test_a_check_date_beside_a_clock_read_with_a_point_keeps_its_time():
    """Guard: the point-read clock mends only a lost separator before a four-digit year: ``Jul 06 24 5.37pm`` stays
    a check's date and its 17:37, not a date ``24 5.37``."""
    assert parse_time("Jul 06 24 5.37pm") == dt.time(17, 37)


def test_a_full_year_whose_two_twos_were_both_read_as_sevens_is_read_in_the_2020s():
    """A photographed ``09/16/2024`` read ``09/16/7074``: EasyOCR reads a 2 as 7, here both of the year's (one read so,
    ``7024`` and ``2074``, were already read); no purchase is dated in the 71st century."""
    receipt = extract_receipt(ocr("ROSA'S TRATTORIA\n5672 Broadway\n09/16/7074 4:56 PM\nCoffee 2.50\nTotal 2.50"))
    assert receipt.date == dt.date(2024, 9, 16)


@pytest.mark.parametrize("text", ["09/16/2874 4:56 PM", "09/16/7084 4:56 PM"])
def test_a_year_that_no_two_read_as_seven_explains_stays_no_date(text):
    """Guard: only the 2s of 2024 read as 7s are mended: an 8 for the 0 too, or another decade, is no date."""
    assert parse_date(text) is None


def test_an_order_number_on_a_line_with_a_clock_read_with_a_point_is_no_date():
    """Guard: ``Order 0312/2019 Pickup 10.20 AM``: a separator lost before a year is mended only where the clock read
    with a point follows the year right away; the printed date stands."""
    receipt = extract_receipt(ocr("ROSA'S TRATTORIA\n11/03/2024\nCoffee 2.50\nTotal 2.50\n"
                                  "Order 0312/2019 Pickup 10.20 AM\n"))
    assert receipt.date == dt.date(2024, 11, 3)


@pytest.mark.parametrize(("text", "expected"), [
    ("Dec 16,2024 07-15 AM", dt.time(7, 15)),
    ("02/14/24 3-44 PM", dt.time(15, 44)),
])
def test_a_twelve_hour_times_colon_read_as_a_hyphen_before_am_or_pm_on_a_dates_line(text, expected):
    """A photographed ``07:15 AM`` beside the date whose colon OCR read as a hyphen (``07-15 AM``): AM or PM after
    two digits says it is the time of day, as it does for a colon read as a comma."""
    assert [t.value for t in find_times(text)] == [expected]


@pytest.mark.parametrize("text", ["OPEN 10-15 AM", "12/05/2024 10-15", "Mon-Fri 9-11 AM"])
def test_a_hyphen_between_numbers_off_a_dates_line_or_with_no_am_or_pm_is_no_time(text):
    """Guard: ``10-15`` is a range; only on a date's line and before AM or PM is its hyphen a colon."""
    assert find_times(text) == []


@pytest.mark.parametrize("text", ["11/21/202410527 PM", "11/21/20240527 PM"])
def test_a_twelve_hour_time_glued_to_the_dates_full_year_with_its_colon_lost(text):
    """``11/21/2024 05:27 PM`` read with the gap after the year and the clock's colon lost, a stray mark maybe read as
    a 1 between them (``202410527 PM``): the four digits before PM are the time."""
    assert [t.value for t in find_times(text)] == [dt.time(17, 27)]


@pytest.mark.parametrize("text", ["Event 12/05/2026 7-10 PM", "Pickup 12/06/2026 10-11 AM",
                                  "21.11.20241052 Am Markt"])
def test_hours_from_and_to_or_a_word_after_digits_glued_to_the_year_are_no_time(text):
    """Guard: a hyphen between an hour and a later one (``7-10 PM``) is a range, not a colon read as a hyphen; digits
    glued to a year with a word after an ``Am`` (a German street, ``Am Markt``) are no 12-hour time."""
    assert find_times(text) == []


@pytest.mark.parametrize("text", ["11/21/241052 PM", "11/21/20241052", "11/21/2024105277 PM"])
def test_digits_glued_to_a_short_year_or_with_no_am_or_pm_after_them_are_no_glued_time(text):
    """Guard: after a two-digit year the digits may be the year's own; with no AM or PM after them, or more digits
    than a time's, they are none."""
    assert find_times(text) == []


@pytest.mark.parametrize("text", ["2024-04-29 49.72", "2024-04-29 49.52 USD", "2024-04-29 490.52", "49.52",
                                  "PUMP 04 12/05/26 45.12 P", "2024-04-29 45.12", "Date 04/29/2024 41.50"])
def test_money_of_forty_odd_after_a_date_is_no_time(text):
    """Guard: an amount of 40 to 49 after a date (a pump slip's sale, a statement's row) is money, not a time whose
    hour's 1 OCR read as a 4."""
    assert find_times(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("01/09/2025 3.:11 PM", dt.time(15, 11)),  # a speck before the colon
    ("05/15/2023.12:45 PM", dt.time(12, 45)),  # the gap between the date and its time read as a point
    ("05/15/2023,12:45", dt.time(12, 45)),  # ... or as a comma
])
def test_a_speck_before_the_colon_or_a_point_for_the_gap_after_the_date_leaves_the_time(text, expected):
    """A blurred check's clock: a speck read as a point before its colon (``3.:11 PM``, as after it: ``02:.35``),
    or the gap between the date and the time read as a point glued to the year (``2023.12:45``)."""
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["Subtotal 3.11", "TOTAL 12.50 3.11", "17.05.2024,12"])
def test_a_point_without_a_colon_after_it_is_no_clock(text):
    """Guard: a point with no colon beside it stays money; a comma after a date with no clock after it, no gap."""
    assert parse_time(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("02/03/24 07219 A", dt.time(7, 19)),  # 07:19 AM, its colon read as a 2, the M lost at the line's end
    ("02/03/24 08122 PM", dt.time(20, 22)),  # 08:22 PM, its colon read as a 1
])
def test_a_zero_padded_twelve_hour_time_whose_colon_was_read_as_a_digit(text, expected):
    """Five digits opening with a zero-padded hour before AM or PM on a date's line: the third is the colon."""
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["Store 07219 A", "02/03/24 0721 A", "02/03/24 07219"])
def test_five_digits_off_a_dates_line_or_four_or_with_no_am_or_pm_are_no_colon_read_as_a_digit(text):
    """Guard: a store's number off a date's line, four digits (a zero-padded hour and minutes ``0721`` would need
    its colon), or five digits with no half of the day after them are no time."""
    assert parse_time(text) is None


def test_a_number_after_a_word_on_a_dates_line_with_a_lone_letter_after_it_is_no_time():
    """Guard: ``12/05/2026 REG 1716 P``: a register's number and a letter, not 1:16 PM with its M lost."""
    assert parse_time("12/05/2026 REG 1716 P") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("DATE           2015 / 02 / 12", dt.date(2015, 2, 12)),  # a card slip's year-first date, spaced separators
    ("Kas: 001/0010 Bon0950 Dat.31.08.2015 Zeit19:22:02", dt.date(2015, 8, 31)),  # glued to its label's point
])
def test_dates_spaced_about_their_separators_or_glued_to_a_labels_point(text, expected):
    lines = ocr(f"KAISERS MARKT\nLorettostr. 26\n40219 Duesseldorf\nBROT 1,39\nSUMME EUR 1,39\n{text}")
    assert extract_receipt(lines).date == expected


@pytest.mark.parametrize("text", ["Preis 1.31.08.2015", "Betrag 4,12.03.24", "2015 /02/ 12"])
def test_a_date_after_an_amounts_point_or_with_its_gaps_unlike_is_none(text):
    """Guard: a number with a point or comma before it is an amount's tail, not a day; a year-first date's
    separators are spaced alike or not at all."""
    assert find_dates(text) == []


def test_a_typographic_apostrophe_before_a_short_year_reads_as_one():
    """``DATE: OCT.08\u201915``: the recogniser's (or a PDF's) curly apostrophe."""
    lines = ocr("ARBY'S\nSOUTHGATE CNTR\nBEEF N CHED 5.29\nSBTL 5.29\nTOTAL 5.55\nCASH 10.00\n"
                "0803 TIME: 17:11 #01 DATE: OCT.08\u201915 REG0001")
    assert extract_receipt(lines).date == dt.date(2015, 10, 8)


def test_a_card_terminals_year_first_short_date_reads_so_where_a_date_read_one_way_agrees():
    """``DATE: Feb 10, 2015`` over two card slips' ``DATE/TIME : 15/02/10``: read day first the slips' date is
    15 February 2010, printed twice; read year first as the terminal prints it, the date the receipt prints."""
    lines = ocr("SHOPPERS DRUG MART\n780-484-7718\nBAND-AID BANDAGES G 7.99\nSUBTOTAL : 7.99\n5.0%GST : 0.40\n"
                "TOTAL : $8.39\nVISA : 8.39\nDATE: Feb 10, 2015 TIME: 4:17PM\nACCT : VISA $ 8.39\n"
                "DATE/TIME : 15/02/10 16:16:28\nACCT : VISA $ 8.39\nDATE / TIME : 15/02/10 16:17:01")
    assert extract_receipt(lines).date == dt.date(2015, 2, 10)


def test_a_short_date_day_first_stays_so_where_another_line_prints_it_so():
    """Guard: ``12/03/24`` under a receipt that also prints ``12 Mar 2024``: the year-first reading (24 March 2012)
    agrees with nothing."""
    lines = ocr("CAFE LUNA\n12 High Street\nLondon W1 2AB\n12 Mar 2024 13:02\nFLAT WHITE 3.20\nTOTAL 3.20\n"
                "CARD 3.20\n12/03/24 13:03")
    assert extract_receipt(lines).date == dt.date(2024, 3, 12)


def test_the_sales_moment_before_a_return_deadline_on_its_line_is_the_purchase_date():
    """Target prints the sale's moment and the return deadline on one line: ``01/12/2013 04:13 PM EXPIRES
    04/12/13``; the date before the deadline's word is the purchase's."""
    lines = ocr("SUNNYVALE - 408-702-1012\n01/12/2013 04:13 PM EXPIRES 04/12/13\nHOME\n"
                "002050194 10PK HANGERS T $8.99\nSUBTOTAL $8.99\nT = CA TAX 8.375 on $8.99 $0.75\nTOTAL $9.74\n"
                "VISA $9.74")
    assert extract_receipt(lines).date == dt.date(2013, 1, 12)


def test_a_date_after_a_deadlines_word_stays_a_deadline():
    """Guard: ``RETURNS BY 04/12/13``, ``COUPON VALID 03/01/2013 - 03/31/2013``: no purchase date on either line."""
    lines = ocr("CORNER SHOP\n12 Main St\nAustin, TX 78701\nRETURNS BY 04/12/13\n"
                "COUPON VALID 03/01/2013 - 03/31/2013\nHANGERS $8.99\nTOTAL $9.74")
    assert extract_receipt(lines).date is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Bäckerei Schmitz\nArt.12.03.24 Dübel 2,49\nSUMME EUR 2,49\n07.11.2023", dt.date(2023, 11, 7)),  # an article's
    ("Bäckerei Schmitz\nKasse 1 Vers.2.10.15\nSUMME EUR 1,19\n07.11.2023", dt.date(2023, 11, 7)),  # a version's
    ("Bäckerei Schmitz\nAktion 01.11.2023 bis 30.11.2023\nSUMME EUR 1,19\n07.11.2023", dt.date(2023, 11, 7)),  # offer
    ("CORNER MARKET\nSALE 12/01/2023 UNTIL 12/31/2023\nTOTAL 3.49\n12/14/2023", dt.date(2023, 12, 14)),
    ("Bäckerei Schmitz\nGutschein 01.02.2023 gültig bis 01.02.2026\nSUMME EUR 1,19\n07.11.2023",
     dt.date(2023, 11, 7)),
    ("THE COPPER KETTLE\nTOTAL 25.00\n25/03/24 14:02\nVoucher valid until 24 Mar 2025", dt.date(2024, 3, 25)),
])
def test_numbers_after_a_words_point_and_periods_and_vouchers_name_no_purchase_date(text, expected):
    """Guard: a point after an article's or a version's word is no date label's (``Art.12.03.24``); an offer's or a
    voucher's period opens with no sale (``Aktion 01.11.2023 bis 30.11.2023``); a voucher's deadline agrees with no
    sale's date read year first (``25/03/24`` is no 24 March 2025)."""
    assert extract_receipt(ocr(text)).date == expected


@pytest.mark.parametrize(("bill", "slip", "date"), [
    ("01429 154 3797 4533607 1/7/13 12:15P", "DATE/TIME 13/01/07 12:16:15", dt.date(2013, 1, 7)),
    ("TOTAL 30.85", "Date:16/02/21 Time:17:57:35\nWE VALUE YOUR FEEDBACK\nRESPOND BY 02/28/16", dt.date(2016, 2, 21)),
])
def test_a_card_terminals_year_first_short_date_reads_so_near_another_date_the_receipt_prints(bill, slip, date):
    """A Canadian terminal prints ``YY/MM/DD``: read so it is the bill's own date, or a week before a survey's
    deadline, where read day first it is years from either."""
    lines = ocr(f"SEARS\nEDMONTON SOUTHGATE\n{bill}\nKIDS SHOES 13.99 G\nSUBTOTAL 29.38\nGST 1.47\nTOTAL 30.85\n"
                f"MASTERCARD 30.85\n{slip}")
    assert extract_receipt(lines).date == date


@pytest.mark.parametrize(("sale", "since", "date"), [
    # read year first (13 May 2012) it is months from the member's date
    ("12/05/13", "MEMBER SINCE 10/20/12", dt.date(2013, 12, 5)),
    # read year first (13 May 2010) it is a week from it, but a member's date dates no sale
    ("10/05/13", "MEMBER SINCE 05/20/10", dt.date(2013, 10, 5)),
])
def test_a_short_date_stays_in_its_order_where_its_year_first_reading_is_near_no_date_of_the_sale(sale, since, date):
    """Guard: a US sale's short date beside a member's date stays in its order."""
    lines = ocr(f"CORNER MARKET\nAustin, TX 78701\n{sale} 4:12 PM\nMILK 3.49\nTOTAL 3.49\n{since}")
    assert extract_receipt(lines).date == date


@pytest.mark.parametrize("deal", ["1 @ 2.29 or 2/4.00", "2/5.00 SALE", "CHIPS 3/10.00 @ 3.69", "1 @ 1.79 OR 3/5.00"])
def test_a_multi_buy_price_on_an_items_line_is_no_date(deal):
    """``2/4.00`` (two for 4.00) under an item, printed twice, is no date of 2000: the sale's is the till's."""
    lines = ocr(f"CORNER DRUG\n#0412 88 MAIN ST\nAustin, TX 78701\n0117 4410 0093 06/14/2023 5:42 PM\n"
                f"CRACKERS 2.00\n{deal}\nPRETZELS 2.00\n{deal}\nSUBTOTAL 4.00\nTOTAL 4.33\nVISA 4.33")
    assert extract_receipt(lines).date == dt.date(2023, 6, 14)


@pytest.mark.parametrize(("text", "date"), [
    ("5/24.22 10:11", dt.date(2022, 5, 24)),  # a slash read as a point, beside the time
    ("DATE 5/4.22 3.50", dt.date(2022, 5, 4)),  # beside the date's label
    ("11/26.24 2.15 PM", dt.date(2024, 11, 26)),  # its clock's colon read as a point too
    ("10/12.24 PUMP 03 $35.00", dt.date(2024, 10, 12)),  # a price on its line, the year a recent one
])
def test_a_date_whose_second_slash_reads_as_a_point_is_still_a_date_beside_a_time_or_label(text, date):
    """Guard: the multi-buy's shape beside a clock or a date's label, or its cents a recent year, is a date whose
    slash was misread."""
    assert extract_receipt(ocr(f"CORNER DRUG\nAustin, TX 78701\n{text}\nTOTAL 4.33")).date == date
