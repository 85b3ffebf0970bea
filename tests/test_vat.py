"""VAT included in the prices (parse/vat.py), on OCR-line fixtures as German, UK and Malaysian
receipts print it: tables by rate, and lines naming the tax included."""
from decimal import Decimal

import pytest

from parse.extract import extract_receipt
from parse.vat import rate_of
from test_extract import ocr

REWE = """
REWE Markt GmbH
BIO BANANE 1,99 B
VOLLMILCH 3,5% 1,15 B
BROETCHEN 1,78 B
PFAND 0,25 A
SUMME EUR 5,17
Geg. EC-Cash EUR 5,17
Steuer % Netto Steuer Brutto
A= 19,0% 0,21 0,04 0,25
B= 7,0% 4,60 0,32 4,92
Gesamtbetrag 4,81 0,36 5,17
Datum: 17.05.2024
"""
ARAL = """
ARAL Tankstelle
Super E10 38,41 l
1,789 EUR/l 68,71 A
SUMME EUR 68,71
Mastercard EUR 68,71
Netto 57,74 MwSt 19% 10,97
"""
PRET = """
Pret A Manger
Flat White 3.25
Tuna Baguette 5.75
Total to pay GBP 9.00
Contactless Amex 9.00
Incl VAT 20% 1.50
"""
KINO = """
CinemaxX
1x Erwachsene 12,90
1x Popcorn gross 7,50
Gesamt 20,40 EUR
Girocard 20,40
inkl. 7% MwSt 1,33
inkl. 19% MwSt 1,20
"""
GST_SUMMARY = """
SANYU STATIONERY SHOP
RESTAURANT ORDER CHIT NCR 8.70
Total Sales Inclusive GST @6% 8.70
Cash 10.00
Change 1.30
GST Summary Amount(RM) Tax(RM)
SR @ 6% 8.21 0.49
"""
DM = """
dm-drogerie markt
Zahnpasta 2x 0,75 1,50 1
Duschgel 3,40 1
SUMME EUR 4,90
BAR EUR 10,00
MwSt-Satz Netto MwSt Brutto
1=19,00% 4,12 0,78 4,90
"""


LIDL = """
Lidl Vertriebs GmbH & Co. KG
Bananen 1,29 A
Coca Cola 1,5l 1,19 A
Pfand 0,25 B
zu zahlen 2,73
MWST% MWST + Netto = Brutto
A 7 % 0,16 2,32 2,48
B 19 % 0,04 0,21 0,25
Summe 0,20 2,53 2,73
"""


@pytest.mark.parametrize(("text", "total", "subtotal", "tax", "rate"), [
    (REWE, "5.17", "4.81", "0.36", None),  # two rates: their taxes summed, no single rate
    (ARAL, "68.71", "57.74", "10.97", "19"),  # "Netto" labels the table's net, not 10,97
    (PRET, "9.00", None, "1.50", "20"),
    (KINO, "20.40", None, "2.53", None),
    (GST_SUMMARY, "8.70", "8.21", "0.49", "6"),
    (DM, "4.90", "4.12", "0.78", "19"),  # "19,00%" is 19
    (LIDL, "2.73", "2.53", "0.20", None),  # columns tax, net, gross
])
def test_the_vat_included_in_the_prices(text, total, subtotal, tax, rate):
    r = extract_receipt(ocr(text))
    expected = tuple(None if v is None else Decimal(v) for v in (total, subtotal, tax, rate))
    assert (r.total, r.subtotal, r.tax, r.tax_rate) == expected
    if subtotal is not None:
        assert r.flags["subtotal_plus_tax_equals_total"]


def test_a_tax_added_to_the_prices_keeps_its_line_and_rate():
    us = extract_receipt(ocr("CVS pharmacy\nIBUPROFEN 200MG 9.99\nDASANI WATER 1.79\nSUBTOTAL 11.78\n"
                             "NY 8.875% TAX 1.05\nTOTAL 12.83"))
    assert (us.subtotal, us.tax, us.tax_rate) == (Decimal("11.78"), Decimal("1.05"), Decimal("8.875"))


def test_a_tip_after_the_total_is_paid_with_it():
    r = extract_receipt(ocr("STARBUCKS\nGr Latte 5.45\nButter Croissant 3.95\nSubtotal $9.40\n"
                            "Tax 8.625% $0.81\nTotal $10.21\nTip $2.00\nVisa $12.21"))
    assert (r.total, r.tip, r.flags["subtotal_plus_tax_equals_total"]) == (Decimal("12.21"), Decimal("2.00"), True)
    no_tip_paid = extract_receipt(ocr("DINER\nPANCAKES 17.90\nSubtotal 17.90\nTax 1.12\nAmount Due 19.02\n"
                                      "Gratuity 4.00\nThank you"))
    assert no_tip_paid.total == Decimal("19.02")  # the tip is only written in: nothing shows it was paid


def test_numbers_that_only_look_like_a_vat_row_are_not_tax():
    # a percentage beside amounts that are not rate x net: a discount line, a milk fat share
    r = extract_receipt(ocr("SHOP\nVOLLMILCH 3,5% 1,15\nRABATT 10% -0,50 2,00\nSUMME 2,65"))
    assert r.tax is None


@pytest.mark.parametrize(("text", "rate"), [
    ("SALES TAX 7.00% 2.11", Decimal(7)), ("SALES TAX 7. 00% s2.11", Decimal(7)),
    ("TAX 8 . 25% 10 . 42", Decimal("8.25")), ("A= 19,0% 0,21", Decimal(19)), ("MwSt 19 %", Decimal(19)),
])
def test_a_rate_is_read_with_the_spaces_ocr_puts_around_its_separator(text, rate):
    assert rate_of(text) == rate


def test_the_rate_beside_a_us_sales_tax_decides_whose_sign_became_a_digit():
    """Subtotal, tax and total add up whether or not the leading 5s are a misread $; the tax is
    7.00 % of 30.20, not of 530.20 (the rate read with OCR's spaces in it)."""
    receipt = extract_receipt(ocr("""
KASTANIE MARKET INC
333 Main Street
Portland, OR 97205
TOMATO SAUCE S4.75
TOMATO SAUCE $23.06
ORANGE JUICE S2.39 T
SUBTOTAL 530.20
SALES TAX 7. 00% s2.11
TOTAL 532.31
DEBIT 532.31
"""))
    assert (receipt.total, receipt.subtotal, receipt.tax_rate) == (Decimal("32.31"), Decimal("30.20"), Decimal(7))


def test_each_rates_tax_on_its_own_line_are_added_and_a_rate_is_no_tax_id():
    """``MwSt A 7% von 11,47 = 0,75`` / ``MwSt B 19% von 3,29 = 0,53``: each rate's tax of the amount
    beside it, one line each: the receipt's tax is both. ``Tax 10.1% 0.95``: a rate whose digits fold
    to letters is no ``TAX ID``."""
    kaufland = extract_receipt(ocr("""
Kaufland
Stuttgarter Str. 1
70173 Stuttgart
Karotten 1kg 0,99 A
Hähnchenbrust 5,49 A
Katzenfutter 3,29 B
K-Classic Kaffee 4,99 A
Summe 14,76
Kartenzahlung 14,76
MwSt A 7% von 11,47 = 0,75
MwSt B 19% von 3,29 = 0,53
Datum: 14.03.2024 18:42
"""))
    assert (kaufland.total, kaufland.tax) == (Decimal("14.76"), Decimal("1.28"))
    starbucks = extract_receipt(ocr("""
Starbucks
1912 Pike Place
Seattle, WA 98101
Latte 5.25
Scone 4.15
Subtotal 9.40
Tax 10.1% 0.95
Total 10.35
09/01/2016 7:42 AM
"""))
    assert (starbucks.total, starbucks.tax) == (Decimal("10.35"), Decimal("0.95"))


_BASKET = "EUR\nButter 2,29 A\nJoghurt 0,49 A\nKartoffeln 2,49 A\n"


@pytest.mark.parametrize("rest", [
    "Summe 5,2A\nKartenzahlung 5,27\nMwSt Netto MwSt Brutto\nA 7% 4,93 0,34 5,27",  # the card pays it
    "Summe 5,2\nMwSt Netto MwSt Brutto\nA 7% 4,93 0,34 5,27",  # the VAT table's net and tax make it
    "Summe 5,2b\nBar 10,00\nRückgeld 4,73",  # cash given less change makes it
])
def test_a_sum_whose_last_cent_was_lost_is_what_the_card_the_vat_table_or_the_change_says(rest):
    """German receipts print a VAT table: a ``Summe`` whose last digit OCR lost or read as a letter is still read
    from the card's line, the table's net and tax, or the cash handed over less the change."""
    receipt = extract_receipt(ocr(_BASKET + rest + "\n01.02.25 10:00"))
    assert receipt.total == Decimal("5.27")


def test_a_sum_whose_decimal_comma_was_lost_is_in_cents_where_the_prices_make_it():
    receipt = extract_receipt(ocr("EUR\nJoghurt 0,49 A\nButter 2,29 A\nÄpfel 1,99 A\nSumme 477\n01.02.25 10:00"))
    assert (receipt.total, len(receipt.items)) == (Decimal("4.77"), 3)
    # a number the prices do not make stays no total: a receipt's number beside its label
    other = extract_receipt(ocr("EUR\nJoghurt 0,49 A\nButter 2,29 A\nÄpfel 1,99 A\nSumme 478\n01.02.25 10:00"))
    assert other.total != Decimal("4.78")


_FADED = "NORMA\nEUR\n4011 Joghurt 049 A\nButter 229 A\nÄpfel 199 A\n"


def test_a_faded_scan_that_lost_every_comma_reads_its_prices_and_total_in_cents_where_they_add_up():
    """Faded German scans lose every decimal comma (``Joghurt 049 A`` / ``Summe 477`` / ``EC-Cash 477``): each
    price before its tax class and the total's and payments' numbers are cents where the prices make the total;
    a product code before a name stays no price."""
    receipt = extract_receipt(ocr(_FADED + "Summe 477\nEC-Cash 477\nBon 4632 Kasse 2\n01.02.25 10:00"))
    assert (receipt.total, [item.amount for item in receipt.items]) \
        == (Decimal("4.77"), [Decimal("0.49"), Decimal("2.29"), Decimal("1.99")])


@pytest.mark.parametrize("rest", [
    "Summe 478\nEC-Cash 478",  # the prices do not make the total's number
    "Bon 477\nKasse 2",  # a bon's number is no total
])
def test_a_faded_scan_whose_prices_do_not_make_a_total_label_s_number_reads_no_money_in_it(rest):
    receipt = extract_receipt(ocr(_FADED + rest + "\n01.02.25 10:00"))
    assert receipt.total not in (Decimal("4.78"), Decimal("4.77"))
