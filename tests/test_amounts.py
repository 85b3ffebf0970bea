"""Amount parsing: decimal styles, thousands separators, OCR noise, currency markers."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parse.amounts import detect_decimal_style, find_amounts, parse_amount


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("TOTAL 84 . 81", ".", "84.81"),
        ("AMOUNT $28 .7 4", ".", "28.74"),  # a space inside the cents of a price closing its line
        ("Chedoar cheese 4.1 4", ".", "4.14"),
        ("BM 2HotCakes 10 . 00", ".", "10.00"),
        ("M Porridge 5,60", ".", "5.60"),  # OCR read the point as a comma
        ("SUMME EUR 1.234,50", ",", "1234.50"),
        ("Total 1,234.56 USD", ".", "1234.56"),
        ("RM1o6.50", ".", "106.50"),
        ("Total Sales RM 213.QO", ".", "213.00"),
        ("TOTAL 1O.5O", ".", "10.50"),
        ("GESAHT EDR 14,&4", ",", "14.84"),  # an 8 read as an ampersand
        ("SUE EuR &,40", ",", "8.40"),
        ("Change Due 0 00", ".", "0.00"),
        ("RM 41,,95", ".", "41.95"),
        ("£12.99", ".", "12.99"),
        ("12,50 €", ",", "12.50"),
        ("DISCOUNT -2.00", ".", "-2.00"),
        ("PFAND 0,25-", ",", "-0.25"),
        ("Nett Total: S8.70", ".", "8.70"),  # "$" read as "S", not as 5
        ("Change SO.00", ".", "0.00"),
        ("Total $.99", ".", "0.99"),
        ("NET A PAYER 47 76 €", ",", "47.76"),
        ("CARLSBERG CAN 320ML RMS.60", ".", "5.60"),  # 5 read as S after RM
        ("Total to pay E65 35", ".", "65.35"),  # a pound sign read as E, the point lost  # the decimal comma lost before the currency
        ("1943 2 23.32 46 64 SR", ".", "46.64"),
        ("1 99 x", ".", "1.99"),  # the point lost before a tax letter read lower-case
        ("TIP 1o 00", ".", "10.00"),  # the point lost, a handwritten 0 of the units read as o
        ("TOTAL 2O 50", ".", "20.50"),
        ("1 NEUTROGENA WIPES 9.49B", ".", "9.49"),  # a tax flag B glued to the cents, no third decimal 8
        ("Kase 1,4g A", ",", "1.49"),  # a decimal comma's price ending the line, its last 9 read as g
        ("Lachsbrotchen 3,4g", ",", "3.49"),
        ("Safran 0,4g 2,99", ",", "2.99"),  # grams, then the price
        ("MORE CARD SAVING -E0.40", ".", "-0.40"),  # a minus, then a pound sign read as E, f or L
        ("NESCAFE GOLD -L1.25", ".", "-1.25"),
        ("Total El7.23", ".", "17.23"),  # a pound sign read as E, f or L glued to a 1 read as a letter
        ("Card fl0.90", ".", "10.90"),
        ("Total LI2.50", ".", "12.50"),
        ("TOTAL 41.g7", ".", "41.97"),  # a 9 read as g, a 6 as G, after a money label
        ("TOTAL 1G.29", ".", "16.29"),
        ("Subtotal 10:28", ".", "10.28"),  # a point read as a colon, a semicolon, an underscore after a label
        ("Total $11;10", ".", "11.10"),
        ("TAX 0_82", ".", "0.82"),
        ("Total $91 '40", ".", "91.40"),  # a point read as an apostrophe after a label, a gap before it or none
        ("TOTAL 91'40", ".", "91.40"),
        ("Total 1'234.50", ".", "1234.50"),  # guard: an apostrophe between thousands stays one
    ],
)
def test_parse_amount(text, decimal, expected):
    assert parse_amount(text, decimal) == Decimal(expected)


@pytest.mark.parametrize(("text", "prices"), [("Blue Dream Flower 3.5g", []), ("Pre-Roll 1.0g", []), ("TOTAL: 3.5g", []), ("TOTAL: 3.5G", []),
                                             ("Hefe 2,5g 0,39", [Decimal("0.39")])])
def test_grams_with_a_decimal_are_no_price(text, prices):
    """A weight in grams is a size, not a price whose last 9 OCR read as g."""
    assert [a.value for a in find_amounts(text) if a.has_decimals and not a.measure] == prices


def test_cents_glued_to_a_garbled_glyph_are_no_amount():
    assert find_amounts("Nett Total: $#.20") == []  # OCR lost the whole part of "$8.20"
    assert [a.value for a in find_amounts("Nett Total: $&.20")] == [Decimal("8.20")]  # its 8 read as "&"


def test_three_decimals_follow_the_receipt_style():
    assert parse_amount("9.000", ".") == Decimal("9.000")
    assert parse_amount("9.000", ",") == Decimal("9000")


@pytest.mark.parametrize(
    "text", ["Tel 03-4162-2318", "Date 31.12.2024", "8.13PM", "Table 12", "GST ID 000504664064",
             "Tel 02 39 72 71 42", "WA05 12", "2023.01-29 14:12"]
)
def test_dates_phones_and_ids_are_not_money(text):
    assert [a for a in find_amounts(text) if a.has_decimals] == []


@pytest.mark.parametrize("text", ["ACRYLIC TAPE 18MM*1.5M", '3.5"X6"', "39.42 LITRE", "2.170 RM / LITRE",
                                  "0,556 kg", "2,99 EUR/kg", "(2.333X", "Super E10 38,41 l", "£0.92/kg",
                                  "Coca Cola 1,5l", "Wasser 0,33l"])
def test_sizes_and_prices_per_unit_are_measures(text):
    assert [a.measure for a in find_amounts(text, "," if "," in text else ".") if a.has_decimals][-1] is True


def test_a_price_beside_a_size_is_money():
    size, price = find_amounts("COKE 1.5L 3.49")
    assert (size.measure, price.measure, price.value) == (True, False, Decimal("3.49"))
    litres, price = find_amounts("Coca Cola 1,5l 1,19 A", ",")  # a lower-case l is no misread 1 here
    assert (litres.value, litres.measure, price.value, price.measure) == (Decimal("1.5"), True, Decimal("1.19"), False)


@pytest.mark.parametrize(("text", "value"), [("TOTAL $ 9.0l", "9.01"), ("Total: $ 103.4l", "103.41"),
                                           ("Total S8.0l", "8.01"), ("SUMME € 3,2l", "3.21")])
def test_a_last_cent_read_as_l_after_a_currency_sign_is_money_not_litres(text, value):
    (amount,) = find_amounts(text, "," if "," in text else ".")
    assert (amount.value, amount.measure) == (Decimal(value), False)


@pytest.mark.parametrize(("text", "value"), [("Total 8.0l", "8.01"), ("SUMME 3,2l", "3.21"), ("TAX: 0.6l", "0.61"),
                                           ("BALANCE DUE 12.3l", "12.31"), ("Tip: 6.3l", "6.31"),
                                           ("Gratuity 4.5l", "4.51"), ("Amount: 31.5l", "31.51"),
                                           ("AMT 9.0l", "9.01")])
def test_a_last_cent_read_as_l_after_a_money_label_is_money_not_litres(text, value):
    """No currency sign, but a total, tax, tip or payment label before it: ``Total 8.0l`` is 8.01; a
    handwritten tip on the card slip too (``Tip: 6.3l``)."""
    (amount,) = find_amounts(text, "," if "," in text else ".")
    assert (amount.value, amount.measure) == (Decimal(value), False)


@pytest.mark.parametrize(("text", "value"), [("Gegeben Bar 1O,OO", "10.00"), ("SUMME EUR B,9O", "8.90"),
                                           ("Summe 2O,OO", "20.00"), ("Kartenzahlung 1Z,5O", "12.50")])
def test_an_amount_of_look_alikes_after_a_payment_or_a_total_or_its_currency_is_money(text, value):
    """``1O,OO``: more letters than digits, but an amount's shape with a real digit, where money stands."""
    assert [a.value for a in find_amounts(text, ",")] == [Decimal(value)]


@pytest.mark.parametrize("text", ["Summe BO,OK", "Bar SO,DA", "EUR SO,OO", "Milch B,9O", "Gegeben Bar 1O,OOO"])
def test_words_and_look_alikes_where_no_money_stands_are_no_amount(text):
    assert [a for a in find_amounts(text, ",") if a.has_decimals] == []


def test_currency_marker_is_reported():
    (amount,) = find_amounts("NETT TOTAL: $8.20")
    assert amount.currency == "USD" and amount.value == Decimal("8.20")
    (amount,) = find_amounts("RM 3.90")
    assert amount.currency == "MYR"


def test_decimal_style_detection():
    assert detect_decimal_style(["SUMME 12,50", "BAR 20,00", "MWST 7% 0,82"]) == ","
    assert detect_decimal_style(["TOTAL 12.50", "CASH 20.00", "M Porridge 5,60"]) == "."


def _us(value: Decimal) -> str:
    return f"{value:,.2f}"


def _german(value: Decimal) -> str:
    return _us(value).replace(",", "_").replace(".", ",").replace("_", ".")


money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2)


@given(money)
def test_us_format_round_trips(value):
    assert parse_amount(f"TOTAL ${_us(value)}", ".") == value


@given(money)
def test_german_format_round_trips(value):
    assert parse_amount(f"SUMME EUR {_german(value)}", ",") == value


@given(money)
def test_plain_format_round_trips_in_either_style(value):
    text = f"{value:.2f}"
    assert parse_amount(text, ".") == value
    assert parse_amount(text.replace(".", ","), ",") == value


@pytest.mark.parametrize(("text", "value"), [
    ("Betrag 150,-", Decimal("150.00")),  # whole euros, a dash for the cents
    ("Gesamt 73,--", Decimal("73.00")),
    ("Fr. 5.-", Decimal("5.00")),
])
def test_whole_euros_with_a_dash_for_the_cents_are_money(text, value):
    amounts = find_amounts(text, ",")
    assert [a.value for a in amounts] == [value] and amounts[0].in_cents


def test_a_minus_after_the_cents_stays_a_minus():
    assert [a.value for a in find_amounts("Pfand 1,50-", ",")] == [Decimal("-1.50")]


@pytest.mark.parametrize(("text", "price"), [
    ("Wasser 1,5l2,99B", Decimal("2.99")),  # a bottle's size glued to its price
    ("Volvic 1,5l1,99A", Decimal("1.99")),
    ("Cola 0,33l2,50", Decimal("2.50")),
])
def test_a_bottles_size_glued_to_its_price_is_no_part_of_it(text, price):
    assert [a.value for a in find_amounts(text, ",") if not a.measure] == [price]


@pytest.mark.parametrize("text", ["Vorstellung 05.12.26 18:30", "Rezept vom 12.11.26"])
def test_a_two_digit_years_date_leaves_no_cents_behind(text):
    assert [a for a in find_amounts(text, ",") if a.has_decimals] == []



@pytest.mark.parametrize(("text", "value"), [
    ("TAX 1.5g", Decimal("1.59")),  # the last 9 read as g after a label no grams follow
    ("SUBTOTAL 17.7g", Decimal("17.79")),
])
def test_a_nine_read_as_g_closing_a_tax_or_subtotal_is_a_nine(text, value):
    assert [a.value for a in find_amounts(text)] == [value]


def test_a_total_in_grams_stays_grams():
    assert [a.value for a in find_amounts("TOTAL: 3.5g") if not a.measure] != [Decimal("3.59")]


@pytest.mark.parametrize(("text", "decimal", "expected"), [
    ("TOTAL 23.45 AMEX", ".", ["23.45"]),  # a card's name opening with AM is no time's AM
    ("Subtotal 102.82 Amount: $110.53", ".", ["102.82", "110.53"]),
    ("PAMPERS CRUISERS 34.9g T", ".", ["34.99"]),  # a price's last 9 read as g before its tax flag
    ("CRAYOLA 64CT T $4.2g", ".", ["4.29"]),  # or after a dollar sign
    ("Zu zahlen 6,5G", ",", ["6.56"]),  # a decimal comma's last 6 read as G
    ("AUGUSTINER HELL 20X0,5L 18;99 A", ",", ["18.99"]),  # a decimal comma read as a semicolon
])
def test_a_card_word_after_an_amount_and_a_last_digit_read_as_a_letter(text, decimal, expected):
    assert [str(a.value) for a in find_amounts(text, decimal) if not a.measure] == expected


@pytest.mark.parametrize(("text", "decimal"), [
    ("12.30 PM", "."),  # a time
    ("Flower 3.5g", "."),  # grams, a dispensary's
    ("Uhrzeit 18;42", ","),  # a time whose colon came out a semicolon
])
def test_times_and_weights_stay_no_price(text, decimal):
    assert [a.value for a in find_amounts(text, decimal) if a.has_decimals and not a.measure] == []


@pytest.mark.parametrize(("text", "expected"), [("TEl7.23", ["7.23"]), ("Total E12.99", ["12.99"])])
def test_a_letter_inside_a_word_before_a_price_is_no_pound_sign(text, expected):
    assert [str(a.value) for a in find_amounts(text)] == expected
