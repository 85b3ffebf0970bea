"""The purchase date as a phone photo or a scan prints it and the recogniser damages it: slashes read
as one thin mark, a separator lost, letters for digits beside a month's name, a year split by a space,
and the other dates a receipt prints (a reprint's, a birth date checked, a member's first day)."""
from __future__ import annotations

import datetime as dt

import pytest

from parse.extract import extract_receipt
from parse.types import OcrLine

US = "Kroger|3417 CLIFTON AVE|CINCINNATI, OH 45220|MILK 2.79|EGGS 5.49|SUBTOTAL 8.28|TAX 0.00|TOTAL 8.28|VISA 8.28|"
DE = "REWE|Hansastr. 41|81373 München|MILCH 1,19 B|BROT 2,49 B|SUMME EUR 3,68|Geg. BAR EUR 5,00|Rückgeld 1,32|"


@pytest.fixture(autouse=True)
def _frozen_today(monkeypatch):
    """The rules that read a date by how near now it is (a slipped colon's year, a weekday's digit no later than
    tomorrow) as on the day these cases were written: the cases must not turn false as the years pass."""
    monkeypatch.setattr("parse.dates._today", lambda: dt.date(2026, 12, 6))


def purchase_date(text: str) -> dt.date | None:
    rows = [row for row in text.split("|") if row.strip()]
    return extract_receipt([OcrLine(row, box=(10, 30 * i, 10 + 12 * len(row), 30 * i + 24), confidence=0.8)
                            for i, row in enumerate(rows)]).date


@pytest.mark.parametrize(("text", "expected"), [
    (US + "12I07I25 O2:14 AM", dt.date(2025, 12, 7)),  # both slashes read as I, a 0 as O in the time
    (US + "1Zl01l25 14:22", dt.date(2025, 12, 1)),  # as l, a 2 as Z
    (US + "12103124 7:41 PM", dt.date(2024, 12, 3)),  # as 1
    (US + "12I03I2024 7:41 PM", dt.date(2024, 12, 3)),
    (US + "DATE: 12103124 TIME: 19:41", dt.date(2024, 12, 3)),
])
def test_both_slashes_read_as_one_thin_mark_beside_a_time_or_a_label(text, expected):
    assert purchase_date(text) == expected


def test_an_order_number_with_ones_in_it_beside_a_time_is_no_date():
    assert purchase_date(US + "ORDER 45112134 7:41 PM|12/03/24") == dt.date(2024, 12, 3)


@pytest.mark.parametrize(("text", "expected"), [
    (US + "11/2G/2025|07:41 AM", dt.date(2025, 11, 26)),  # an upper-case G is a 6
    (DE + "0G.12.2025     08:14  Bon-Nr.:7712", dt.date(2025, 12, 6)),
    (DE + "Datum 1g.11.2026 Uhrzeit 18:42", dt.date(2026, 11, 19)),  # a lower-case g a 9
    (DE + "14.0g.2026 18:42", dt.date(2026, 9, 14)),
])
def test_a_g_in_a_date_is_a_six_in_capitals_and_a_nine_in_lower_case(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "0312.2024 14:22  Kasse 4 Bon 1188", dt.date(2024, 12, 3)),
    (DE + "03.122024 14:22", dt.date(2024, 12, 3)),
    (DE + "Datum Uhrzeit Filiale Kasse Bon|0312.24 14:22 4711 3 1234", dt.date(2024, 12, 3)),
    (DE + "Datum: 0312.2024 Uhrzeit: 14:22:10", dt.date(2024, 12, 3)),
    (US + "12/032024 7:41 PM", dt.date(2024, 12, 3)),
])
def test_a_separator_lost_beside_a_time_a_label_or_under_a_header_row(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize("text", [US + "WED 12042024 7:41 PM", DE + "Mi 04122024 14:22"])
def test_a_weekday_beside_a_date_whose_separators_were_lost_picks_its_order(text):
    """``WED 12042024``: 4 December 2024 is a Wednesday, 12 April no day of one misread digit."""
    assert purchase_date(text) == dt.date(2024, 12, 4)


def test_a_price_with_four_digits_is_no_date_with_a_lost_separator():
    assert purchase_date(US + "TV 1012.24|12/01/24") == dt.date(2024, 12, 1)


@pytest.mark.parametrize(("text", "expected"), [
    (US + "12032024 7:41 PM", dt.date(2024, 12, 3)),  # month first on a US receipt
    (US + "11302025 7:41 PM", dt.date(2025, 11, 30)),
    (DE + "Datum: 03122024 Uhrzeit: 14:22:10", dt.date(2024, 12, 3)),  # day first on a German one
])
def test_a_date_whose_separators_were_lost_reads_in_the_receipts_order(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "DEC03'Z4 07:41PM", dt.date(2024, 12, 3)),  # a Micros printer's date, a 2 read as Z
    (US + "DEC0S'24 07:41PM", dt.date(2024, 12, 5)),
    (US + "DEC03\"24 07:41PM", dt.date(2024, 12, 3)),  # its apostrophe a double quote
    (US + "DEC0324 07:41PM", dt.date(2024, 12, 3)),  # its apostrophe lost
    (US + "Oct 3l, 2025 7:41 PM", dt.date(2025, 10, 31)),
    (US + "N0V 30, 2025 7:41 PM", dt.date(2025, 11, 30)),
    (US + "0EC03'24 07:41PM", dt.date(2024, 12, 3)),
    (US + "TueDec 3, 2024 7:41 PM", dt.date(2024, 12, 3)),
    (US + "Decernber 3, 2024 7:41 PM", dt.date(2024, 12, 3)),
])
def test_a_months_name_and_its_day_and_year_with_a_glyph_misread(text, expected):
    assert purchase_date(text) == expected


def test_a_words_letters_after_a_months_name_are_no_day():
    """``Gouda jung 11,96``: JUN then a G, no day; the receipt's own date stands."""
    assert purchase_date(DE + "Gouda jung 11,96|Datum 09.01.2024") == dt.date(2024, 1, 9)


@pytest.mark.parametrize(("text", "expected"), [
    (US + "DATE: 12/03/24TIME: 19:41", dt.date(2024, 12, 3)),  # a two-digit year glued to its time's label
    (US + "2024-12-0319:41:07", dt.date(2024, 12, 3)),  # an ISO date glued to its time
    (DE + "03,12.2418:07 Bon 5512 Kasse 1", dt.date(2024, 12, 3)),  # a comma for a dot and the time glued
    (DE + "03.12:24 14:22", dt.date(2024, 12, 3)),  # a dot read as a colon
    (DE + "03.12.20 24 14:22", dt.date(2024, 12, 3)),  # a letter-spaced year split after its century
    (US + "12/03/20 24 7:41 PM", dt.date(2024, 12, 3)),
    (DE + "TSE-Start: 2O24-12-O3T13:21:40.000Z", dt.date(2024, 12, 3)),  # the stamp alone, Os for 0s
])
def test_glued_and_split_dates(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize("text", [
    US + "Reprinted: 12/04/24 10:02 AM|Closed 12/03/24 8:15 PM",
    US + "**DUPLICATE** 12/04/24 10:02|12/03/24 19:41",
    DE + "Kopie 04.12.2024 10:02|03.12.2024 14:22",
    DE + "Nachdruck 04.12.2024 10:02|03.12.2024 14:22",
    US + "Printed 12/04/2024 10:02 AM|12/03/2024",
    DE + "Leergutbon 28.11.24 14:02|03.12.24 14:22",
    DE + "Leergutbon|28.11.2024 10:12|03.12.2024 14:22",  # the voucher's word on the line over its date
    DE + "Pfandrückgabe 01.12.2024 12:31 -1,50|03.12.2024 14:22",
])
def test_a_reprints_or_a_vouchers_own_date_is_not_the_purchase(text):
    assert purchase_date(text) == dt.date(2024, 12, 3)


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "05:12.2024 18:04 Bon-Nr.:6625", dt.date(2024, 12, 5)),  # the first dot read as a colon, a full year
    (DE + "Start 14:05.12 14:32|05.11.2024", dt.date(2024, 11, 5)),  # a time of seconds, no date
])
def test_a_dotted_dates_first_dot_read_as_a_colon_before_a_full_year(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize("text", [
    US + "DOB 04/12/2000|AGE 24|12/03/2024",
    DE + "Geburtsdatum 04.12.2001|03.12.2024",
    DE + "Mitglied seit 15.03.2019|03.12.2024",
    DE + "Kunde seit 15.03.2019|03.12.2024",
    DE + "Umtauschfrist 02.01.2025|03.12.2024",
    DE + "Fällig am 17.12.2024|03.12.2024",
    DE + "Abholtermin 05.12.2024|03.12.2024",
    DE + "Punktestand vom 01.12.2024|03.12.2024",
    DE + "Rezeptdatum 28.11.2024|03.12.2024",
    US + "Your next fill date 12/31/24|12/03/24",
])
def test_a_birth_date_a_members_first_day_and_other_dates_are_not_the_purchase(text):
    assert purchase_date(text) == dt.date(2024, 12, 3)


@pytest.mark.parametrize("text", [
    US + "12/03/2024 11:12 AM|RX 0873321-06231 15.00 N|FILL DATE 11/27/2024",
    US + "RX FILL DATE 11/27/2024|12/03/2024",
    US + "DATE FILLED|11/27/2024|12/03/2024 11:12 AM",
    US + "RX 4821930 FILL DT 11/27/24|12/03/24",
    DE + "Rezept vom 28.11.2024|Köln, den 03.12.2024",
])
def test_a_prescriptions_fill_date_is_not_the_purchase(text):
    """A pharmacy pickup prints the day each prescription was filled (or written), days before it is picked up
    and paid."""
    assert purchase_date(text) == dt.date(2024, 12, 3)


@pytest.mark.parametrize("text", [US + "Growler Filled 12/03/2024 6:12 PM", US + "Tank Filled|12/03/2024 10:14 AM",
                                  US + "ORDER FILLED 12/03/2024"])
def test_a_growler_or_an_order_filled_on_the_day_keeps_its_date(text):
    assert purchase_date(text) == dt.date(2024, 12, 3)


def test_a_receipts_only_date_labelled_date_stays_the_purchase():
    assert purchase_date("Walgreens|RX 0873321-06231 15.00 N|DATE 11/27/2024|TOTAL 15.00") == dt.date(2024, 11, 27)


@pytest.mark.parametrize("text", [
    "Beef 'O' Brady's|4520 W Kennedy Blvd|Tampa, FL 33609|Server: 118 Kenzie DOB: 07/18/2024|06:12 PM|"
    "Tbl 12/1 Gst 2 Chk 2266|1 WINGS 10 PC 15.99|SUBTOTAL 15.99|Tax 1.12|Total Due 17.11",
    "BAR LOUIE|Server: 33 Kelsey|DOB:|07/18/2024|Tbl 201/1 Gst 2|1 LOUIE BURGER 15.49|Total Due 16.85",
])
def test_a_restaurant_tills_date_of_business_labelled_dob_is_the_purchase(text):
    """Aloha prints the business day as ``DOB``: too recent for a birth date an age check read."""
    assert purchase_date(text) == dt.date(2024, 7, 18)


@pytest.mark.parametrize("text", [
    "AutoZone|RETURN 12/05/2026 09:12 AM|CORE RETURN -22.00|TOTAL -22.00",
    "AutoZone|RETURN|12/05/2026 09:12 AM|CORE RETURN -22.00|TOTAL -22.00",
])
def test_a_returns_own_sale_stamped_with_its_time_is_dated(text):
    assert purchase_date(text) == dt.date(2026, 12, 5)


def test_a_return_deadline_stays_a_deadline():
    assert purchase_date(US + "12/03/24 7:41 PM|RETURNS THRU 01/02/25") == dt.date(2024, 12, 3)


def test_a_sales_savings_printed_negative_make_no_return():
    """``TOTAL SAVINGS -3.00`` is what the discounts came to, no money paid back: ``RETURNS`` beside a
    later date and its time stays a deadline."""
    assert purchase_date(US + "TOTAL SAVINGS -3.00|RETURNS 01/29/2025 11:59 PM|11/30/2024 3:14 PM") \
        == dt.date(2024, 11, 30)


@pytest.mark.parametrize("weighed", ["  2.02 lb @ 1 lb /1.24", "  0.84 lb @ 1 lb /2.18"])
def test_a_price_per_pound_is_no_date(weighed):
    """Walmart's ``1 lb /1.24``: the LB read as 18 made it 18/1/24 (and a day-first order for the
    receipt)."""
    text = f"Walmart|ST# 05453 OP# 009043 TE# 43 TR# 01922|TOMATO 000000004087KF 2.50 N|{weighed}" \
           "|SUBTOTAL 2.50|TOTAL 2.50|12/04/26 18:26:40"
    assert purchase_date(text) == dt.date(2026, 12, 4)


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "ABHOLUNG|03.12.2024 18:12", dt.date(2024, 12, 3)),  # a takeaway's order type, no pickup day
    (DE + "Abholung 03.12.2024 18:12", dt.date(2024, 12, 3)),
    (US + "FREE REFILL|12/03/2024 7:12 PM", dt.date(2024, 12, 3)),
    (DE + "Rechnungsdatum 03.12.2024 fällig sofort", dt.date(2024, 12, 3)),
    (DE + "Rückgabe: 06.12.2024 17:00|03.12.2024 09:14", dt.date(2024, 12, 3)),  # a rental's return day
    (US + "RETURN 12/04/24 09:12 AM|12/03/24 09:12 AM", dt.date(2024, 12, 3)),
    (US + "LAST DAY TO RETURN 01/29/2025 11:59 PM|11/30/2024 3:14 PM", dt.date(2024, 11, 30)),
    (US + "12/03/2024 6:41 PM Customer Copy|Take our survey by 12/17/2024", dt.date(2024, 12, 3)),
    (DE + "05.12.20 15 08:14", dt.date(2020, 12, 5)),  # a till's number between a 2020 date and its time
    (US + "11/29/19 07 06:42 AM", dt.date(2019, 11, 29)),
    (US + "03/14/20 12 7:41 PM", dt.date(2020, 3, 14)),
    (US + "TERM 0112-01 07:12 AM|12/04/2024 07:12 AM", dt.date(2024, 12, 4)),  # ids and amounts by a clock
    (US + "ORDER 2104-24 12:45 PM|Dec 01, 2024", dt.date(2024, 12, 1)),
    (US + "12:45 PM Subtotal 1012.25|12/03/2024", dt.date(2024, 12, 3)),
    (US + "Server: MAY 1012 7:41 PM|12/03/2024", dt.date(2024, 12, 3)),  # a server named May
    (US + "CHECK 21101124 7:41 PM|12/03/2024", dt.date(2024, 12, 3)),  # a check's number
    ("TESCO|Oxford Street|London W1D 1LL|MILK 1.20|TOTAL 1.20|N0W 12.24 OFF|28/11/2024", dt.date(2024, 11, 28)),
    (US + "DATE: 12/OZ/2024 7:41 PM", dt.date(2024, 12, 2)),  # a date's 02 read OZ: no weight's unit
])
def test_what_only_looks_like_the_rules_slips_leaves_the_date_alone(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "Datum: O9,ll.2O26|Uhrzeit: 11:14:07 Uhr", dt.date(2026, 11, 9)),  # a comma, letters for digits
    (DE + "l8,ll.2O25 l5:O3 Bon-Nr.:44l2", dt.date(2025, 11, 18)),
    (DE + "O8l3 l 2O4l19 29 11.2O2S O9:52", dt.date(2025, 11, 29)),  # a space, an S for a 5
    (DE + "1O 11.2O26 O8:5l Filiale O4l2 Kasse 1 Bon 22O8", dt.date(2026, 11, 10)),
    (DE + "Datum Uhrzeit Filiale Kasse Bon|2O.l2,25 l1:3O 3l88 O7 l2O4", dt.date(2025, 12, 20)),
    (DE + "O7.11.2O2516:48 Bon 5512 Kasse 6", dt.date(2025, 11, 7)),  # its time glued on
    (DE + "Datum: 01,12 2026 Uhrzeit: 06:48:12", dt.date(2026, 12, 1)),
])
def test_a_faded_german_date_with_its_separators_and_digits_slipped_together(text, expected):
    assert purchase_date(text) == expected


def test_digits_with_a_comma_and_a_space_and_no_clock_or_label_are_no_date():
    assert purchase_date(DE + "Brot 12,05 2025 A|03.12.2024 14:22") == dt.date(2024, 12, 3)


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "26.11.25 14:02|Coupon gültig bis 31.01.2026", dt.date(2025, 11, 26)),  # no year-first 2026-11-25
    (DE + "Kunde seit 12.03.2025|25.11.24 18:07", dt.date(2024, 11, 25)),
])
def test_a_dotted_two_digit_year_date_stays_day_first_beside_another_dates_year(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "0412 771901/08 02:12.26 18:30", dt.date(2026, 12, 2)),  # the first dot read as a colon
    (DE + "Datum: 30.10:26 Zeit: 11:58", dt.date(2026, 10, 30)),  # the second, the time's label between
    (DE + "TSE-Start: 2O26-ll-O7TlS:4S:O2.OOO", dt.date(2026, 11, 7)),  # a faint stamp's digits as letters
    (DE + "S. Dez. 2O2S, l4:22", dt.date(2025, 12, 5)),  # a day's and a year's digits as letters, a month's name
])
def test_faded_german_dates_with_glyphs_slipped(text, expected):
    assert purchase_date(text) == expected


def test_a_german_date_with_a_dot_lost_before_its_time_where_no_other_date_is_printed():
    assert purchase_date(DE + "4418 220871/11 2811.25 16:02") == dt.date(2025, 11, 28)


@pytest.mark.parametrize("text", [
    DE + "SUMME 1012.25 16:02",  # an amount's label: money
    DE + "10:15.20 12:00",  # no month 15
])
def test_no_date_from_money_or_clock_like_numbers(text):
    assert purchase_date(text) is None


def test_a_header_rows_date_label_misread_by_a_letter_still_labels_the_row_under_it():
    """The coupon's deadline is a date, so the lost dot's fallback does not apply: the header row must."""
    text = DE + "Dalum Uhrzeit Filiale Kasse Bon|0412.25 17:22 1187 04 2291|Coupon gültig bis 31.12.25"
    assert purchase_date(text) == dt.date(2025, 12, 4)


def test_a_date_torn_in_its_year_beside_the_stamps_printed_twice_is_theirs():
    text = DE + "TSE-Start: 2026-11-12T17:08:51.000|TSE-Stop: 2026-11-12T17:09:22.000|0918 2 301204 12.11.20"
    assert purchase_date(text) == dt.date(2026, 11, 12)


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "Sa 03.11.2025 07:12", dt.date(2025, 11, 8)),  # a Saturday: the 8 read as 3
    (DE + "Fr, 06.11.2026 19:20", dt.date(2026, 11, 6)),  # a Friday as printed
    (DE + "So 03.11.2025 07:12", dt.date(2025, 11, 3)),  # a Monday: SO is MO misread, the date stays
    (DE + "Mo 12.06.26 10:00", dt.date(2026, 6, 12)),  # no Monday one digit off before tomorrow: as printed
])
def test_a_german_weekdays_two_letters_before_its_date(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "Datum: 051226 Uhrzeit: 18:04:33", dt.date(2026, 12, 5)),  # right after the date's label
    (DE + "Kartenzahlung|051226 18:04:33|Beleg-Nr. 0123", dt.date(2026, 12, 5)),  # opening its line before a time
    (DE + "Datum Uhrzeit Kasse|051226 18:04 05", dt.date(2026, 12, 5)),  # under a header row that opens with it
    (US + "120526 07:14", dt.date(2026, 12, 5)),  # month first on a US receipt
])
def test_a_two_digit_year_date_with_both_separators_lost_after_its_label_or_before_a_time(text, expected):
    """A card slip's or a pump's faded ``DDMMYY`` (``MMDDYY`` in the US), read where the receipt prints no
    other date."""
    assert purchase_date(text) == expected


@pytest.mark.parametrize("text", [
    DE + "TA-Nr. 011225 18:04",  # a slip's numbers after their own labels
    DE + "Trace 051226 18:04",
    US + "AUTH 120526 07:14",
    DE + "Terminal-ID 56012345",
    DE + "Bon Uhrzeit Kasse|011225 18:04 05",  # a header row's Bon number
    DE + "Datum: 071227 Uhrzeit: 18:04",  # in the future
    DE + "Datum: 051223 Uhrzeit: 18:04",  # three years back
    DE + "051226",  # no label, no time
])
def test_six_digits_after_another_label_under_another_column_or_out_of_range_are_no_date(text):
    assert purchase_date(text) is None


def test_six_digits_give_way_to_a_date_the_receipt_prints():
    assert purchase_date(DE + "051126 18:04|05.12.2026 18:04 Bon-Nr.:6625") == dt.date(2026, 12, 5)


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "05.12.2026 18:04 Bon-Nr.:6625|TSE-Start: 2026-12-05T17:04:11.000Z|Datum: 03.12.26 Uhrzeit: 18:04:33",
     dt.date(2026, 12, 5)),  # the slip's 5 read as 3
    (DE + "06.12.2026 00:30 Bon-Nr.:6625|TSE-Start: 2026-12-05T23:30:11.000Z|Datum: 06.12.26 Uhrzeit: 00:30:33",
     dt.date(2026, 12, 6)),  # the stamp of the UTC day before stays the shop's day
    (DE + "Datum: 03.12.26 Uhrzeit: 18:04:33", dt.date(2026, 12, 3)),  # the slip's date alone
    (DE + "Datum: 03.12.26 18:04|Abholung: 05.12.2026|Abholung: 2026-12-05", dt.date(2026, 12, 3)),  # no stamp
    (DE + "Datum: 06.12.26 18:04|Gutschein gültig bis 08.12.2026|Gutschein 2026-12-08", dt.date(2026, 12, 6)),
])
def test_a_card_slips_date_one_look_alike_off_gives_way_to_the_tills_date_its_stamp_confirms(text, expected):
    """The till's dotted date and the security module's stamp print one day; the slip's one dotted date a
    look-alike digit off is that day misread, though the stamp is of another kind."""
    assert purchase_date(text) == expected


def test_a_bill_past_midnight_keeps_its_date_beside_stamps_of_the_utc_day_before():
    """The stamps' ``2026-12-05T23:41Z`` is 00:41 on the 6th in Germany: no misread 5 outvoting the till's 6."""
    text = DE + "Datum: 06.12.2026 00:41|TSE-Start: 2026-12-05T23:41:10.000Z|TSE-Stop: 2026-12-05T23:42:10.000Z"
    assert purchase_date(text) == dt.date(2026, 12, 6)


@pytest.mark.parametrize(("text", "expected"), [
    (US + "JUNI4'17 07:41PM", dt.date(2017, 6, 14)),  # the day's 1 as I: no German JUNI, the 4th
    (US + "MARZ7'19 07:41PM", dt.date(2019, 3, 27)),  # the day's 2 as Z: no German MÄRZ
    (US + "NOVI1'13 07:41PM", dt.date(2013, 11, 11)),
    (US + "SEPOl'16 07:41PM", dt.date(2016, 9, 1)),
    (US + "5EP22'17 06:10PM", dt.date(2017, 9, 22)),  # the month's S read 5
    (US + "FE809'19 07:30PM", dt.date(2019, 2, 9)),  # its B read 8
    (US + "AU609'14 08:47PM", dt.date(2014, 8, 9)),  # its G read 6
    (US + "THU 5EP 01,2016 7:41PM", dt.date(2016, 9, 1)),
])
def test_a_micros_printers_date_with_a_glyph_of_its_day_or_month_misread(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "Datum 25.06.26 23:15|TSE-Start: 2026-06-25T23:15:02+02:00|TSE-Stop: 2026-06-25T23:15:09+02:00",
     dt.date(2026, 6, 25)),  # stamps with their offset: the shop's time already
    (DE + "03.12.25 10:02|Abholbereit ab 2025-12-08|Abholung bis 2025-12-08", dt.date(2025, 12, 3)),  # a pickup
    (DE + "Start 14:05.12 14:32|05.11.2026", dt.date(2026, 11, 5)),  # a time of seconds, no date
])
def test_stamps_pickups_and_times_of_seconds_leave_the_tills_date(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (DE + "05.01.24 41;269196 824563|TSE-Start: 2024-01-03T10:26:00.000|TSE-Stop: 2024-01-03T10:26:21.000",
     dt.date(2024, 1, 3)),  # the till's 3 read as 5: the stamps, printed twice at midday, say the 3rd
    (DE + "Datum: 06.12.2026 00:41|TSE-Start: 2026-12-05T23:41:10.000|TSE-Stop: 2026-12-05T23:42:10.000",
     dt.date(2026, 12, 6)),  # stamps near midnight without their Z: their day is in doubt, the till's stands
])
def test_the_security_modules_stamps_outvote_a_misread_digit_of_the_tills_date_where_their_day_is_sure(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "Sep l, 2016 7:41 PM", dt.date(2016, 9, 1)),  # Squirrel's date, its day one look-alike letter
    (US + "Aug ZO, 2012 12:35 PM", dt.date(2012, 8, 20)),
    (DE + "0l-Sep-2016 19:41", dt.date(2016, 9, 1)),  # day, month's name and year with dashes
    (US + "Dec S 2026 1:42 pm", dt.date(2026, 12, 5)),  # Square's date with no comma: the time after the year says it
    (US + "DecO5'Z6 08:41PM", dt.date(2026, 12, 5)),  # a Micros date, the day's 0 as O glued to the month, a Z
    (US + "Dec S 2026", None),  # no comma, no time: a letter, not a day
])
def test_a_day_of_look_alike_letters_beside_a_months_name_and_a_full_year(text, expected):
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "0CT O3 2O26 1O:22 AM", dt.date(2026, 10, 3)),  # CVS: the month's O a 0, the day's and year's 0s Os
    (US + "N0V l4 2O26 ll:O2 AM", dt.date(2026, 11, 14)),
    (US + "N0V2l'26 O8:3OPM", dt.date(2026, 11, 21)),  # Micros: the day's 1 an l
    (US + "C0D SS OO", None),  # no digit of a day or a year: a word, not a month
])
def test_a_month_with_a_zero_for_its_o_and_look_alike_letters_in_its_day_or_year(text, expected):
    """CVS's and Walgreens' upper-case month names on a faded photo: both slips at once."""
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "12/03/267:14pm 540 22 401 17", dt.date(2026, 12, 3)),  # Kroger: a one-digit hour glued to the year
    (US + "12/05/2614:03", dt.date(2026, 12, 5)),  # a two-digit hour keeps its reading
    (US + "12/01/2O2605:47 PM", dt.date(2026, 12, 1)),  # Target: a look-alike in a four-digit year, the time glued
])
def test_a_year_glued_to_its_time_with_a_one_digit_hour_or_a_look_alike_letter(text, expected):
    """US tills' dates whose space before the time was lost: an unpadded hour with AM or PM, or a year's O."""
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "11,30/2026 02:14 PM 4455 03 1130 2212", dt.date(2026, 11, 30)),  # Walgreens
    (US + "APPLES 1,99/2 3.98", None),  # a unit price per two, no year
    (US + "CHEESE 12,50/KG 6.25", None),
])
def test_a_dates_first_slash_read_as_a_comma_before_a_full_year(text, expected):
    """A slashed US date whose first slash came out a comma; a price has no slash and year after it."""
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "02-0ec-2026 6:10 PM", dt.date(2026, 12, 2)),  # Clover: day, month's name, year
    (US + "12 0ZX 2024", None),  # no month one letter from it
])
def test_a_day_first_month_name_with_a_zero_for_its_first_letter(text, expected):
    """Clover's D-MON-YYYY date with the month's O or D read as 0."""
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "Febb 19 24 2 :21PM", dt.date(2024, 2, 19)),  # the month's last letter read twice
    (US + "Nav 13 24 8;45 PM", dt.date(2024, 11, 13)),  # one letter misread
    (US + "Febb 19 24", None),  # no time of day after it: no check's date line
    (US + "Fees 19 24 2:21 PM", None),  # a word no month's name with a letter read twice or misread
])
def test_a_checks_month_day_short_year_with_one_letter_misread_or_read_twice(text, expected):
    """A restaurant check's "MON DD YY H:MM PM" whose month's name OCR misread in one letter or read one twice."""
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "86/17/24 2:16 PM", dt.date(2024, 6, 17)),  # the month's 0 read as an 8
    (US + "40/01/z4 1,0} P#", dt.date(2024, 10, 1)),  # the month's 1 read as a 4, the time garbled
    (US + "56/13/24 2:16 PM", None),  # no look-alike of its 5 makes a calendar date
    (US + "86/20/24 S126 m", None),  # no time of day after it: three numbers between slashes on a garbled line
])
def test_a_slashed_dates_first_tens_digit_read_as_a_look_alike(text, expected):
    """A US check's MM/DD/YY whose month's 0 or 1 OCR read as an 8 or a 4: no field of a date is 40 or more."""
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "DEC03126 08:05PM", dt.date(2026, 12, 3)),  # the apostrophe of DEC03'26 read as 1
    (US + "DEC0526 08:05PM", dt.date(2026, 12, 5)),  # no mark: the day glued to its year
])
def test_a_micros_dates_apostrophe_read_as_one_before_a_clock(text, expected):
    """Micros' MONDD'YY with its apostrophe come out a 1, a time of day after it."""
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "PLU 4011 2,10/2026 3.49|12/03/2026 02:14 PM", dt.date(2026, 12, 3)),  # a weight and a price, no date
    (US + "BAG 1,05/2020 1.05|12/03/2026 02:14 PM", dt.date(2026, 12, 3)),
    (DE + "18:04.2026 05.12.2026", dt.date(2026, 12, 5)),  # a time before a proper date: no first dot as a colon
    (US + "REF JUN10116 10:30|12/03/2026 02:14 PM", dt.date(2026, 12, 3)),  # a reference, no Micros date
    (DE + "Leergut bitte am Automaten|05.12.2026 18:04|Aktion vom 07.12.2026", dt.date(2026, 12, 5)),
])
def test_codes_weights_and_sentences_that_look_like_this_sessions_date_slips_leave_the_date(text, expected):
    """Near cases of the slips' rules: a comma in a weight or a price before a year's digits, a time glued to a
    year before the till's date, a reference glued to a month's name, a deposit machine's sentence over the date."""
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "Ordered: 12l5l2026 6:40 PM", dt.date(2026, 12, 5)),  # Toast's unpadded month and day, slashes read l
    (US + "Ordered: 11/8l2026 9:02 AM", dt.date(2026, 11, 8)),
    (US + "ITEM 12l5l2026", None),  # no time after it: a code, no date
])
def test_toasts_unpadded_date_whose_slashes_came_out_as_l_before_a_time(text, expected):
    assert purchase_date(text) == expected



@pytest.mark.parametrize(("text", "expected"), [
    (US + "Server: 397 Luis|11/11/2074 9:31 PM", dt.date(2024, 11, 11)),  # the year's third digit
    (US + "03/15/7025 10:42 AM", dt.date(2025, 3, 15)),  # its first
    (DE + "14.01.2073 14:01 Bon-Nr 0574", dt.date(2023, 1, 14)),
    (DE + "14.01.7023 14:01 Bon-Nr 0574", dt.date(2023, 1, 14)),
])
def test_a_years_two_read_as_seven_after_a_day_and_a_month(text, expected):
    """EasyOCR reads a 2 of a photographed year as 7 (``2074``, ``7025``): after a day and a month with their
    separators, a year of the 2070s is one of the 2020s for a purchase, and 70YY is 20YY."""
    assert purchase_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (US + "07032074 09.18 AM", None),  # no separators: a digit may be lost with them ("07/13/2024"), no wrong date
    (US + "11/11/74 9:31 PM", None),  # a two-digit year is as printed: 1974, no 2024
])
def test_a_seventies_year_is_read_as_the_twenties_only_printed_whole_with_its_separators(text, expected):
    assert purchase_date(text) == expected
