"""Amounts by agreement (#14 class 1 and 5): the readings of a receipt's amounts that its own
arithmetic supports, on OCR-line fixtures written as EasyOCR reads phone photos."""
from dataclasses import replace
from decimal import Decimal

import pytest

from parse.agreement import read_amounts
from parse.extract import extract_receipt
from parse.layout import build_doc
from parse.totals import names_a_guide

from test_extract import ocr, read_as

# every "$" of the totals block read as "8", the tax too: only the reading without the 8s adds up
SIGN_AS_EIGHT_EVERYWHERE = ocr("""
CORNER GIFTS
118 LAKE STREET
CHICAGO IL 60601
GREETING CARD 4,99
GIFT BAG 2.49
SUBTOTAL 819.47
SALES TAX 81,95
TOTAL 821,42
VISA 821. 42
05/02/2017 14;17
""")


def test_a_sign_read_as_the_same_digit_on_every_amount_is_dropped_where_the_arithmetic_agrees():
    receipt = extract_receipt(SIGN_AS_EIGHT_EVERYWHERE)
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("21.42"), Decimal("19.47"), Decimal("1.95"))
    assert receipt.flags["total_subtotal_plus_tax"] and receipt.flags["currency_sign_read_as_digit"]


def test_cash_minus_change_decides_between_the_readings():
    lines = ocr("""
PET SUPPLIES PLUS
ITEM DISCOUNT 849.99
TOTAL SALES 85,64
CASH 810,00
CHANGE 84.36
""")
    reading = read_amounts(build_doc(lines), "USD")
    assert reading.totals.total.value == Decimal("5.64")
    assert "cash_minus_change" in reading.checks and reading.sign_digit == "8"


def test_signs_read_as_different_digits_are_dropped_together_where_cash_and_change_agree():
    lines = ocr("""
DENIM OUTLET
SKINNY JEAN 619.95
TOTAL 819.95
CASH 520.00
CHANGE 0.05
""")
    assert extract_receipt(lines).total == Decimal("19.95")


def test_a_digit_on_every_dollar_amount_is_a_sign_where_no_arithmetic_can_tell():
    lines = ocr("""
GROCERY OUTLET
GROCERY $5.99
GROCERY 87.29
GROCERY 813.99
GROCERY 84.99
TOTAL 832 . 26
CREDIT CARD 832. 26
""")
    assert extract_receipt(lines).total == Decimal("32.26")


def test_a_true_leading_digit_on_a_ringgit_receipt_stays():
    """Ringgit are printed "RM", letters that OCR does not turn into one digit."""
    lines = ocr("""
KEDAI RUNCIT SDN BHD
TOTAL SALES (INCLUSIVE GST) RM 82,80
CREDIT RM 82,80
GST SUMMARY 82,80
""")
    assert extract_receipt(lines).total == Decimal("82.80")


def test_a_total_under_an_item_price_is_no_reading():
    """51.15 four times on a euro receipt with item prices above 1.15: the 5 is a digit."""
    lines = ocr("""
SUPERMERCADO
JAMON 7,51
HUEVOS 3,78
TOTAL FACTURA 51,15
IMPORTE 51,15
TARJETA 51,15
""")
    assert read_amounts(build_doc(lines), None).totals.total.value == Decimal("51.15")


def test_volume_times_unit_price_corrects_a_misread_digit_of_the_fuel_total():
    lines = ocr("""
CORNER GAS
PUMP# 4
REGULAR CA 2.516G
PRICE/GAL $2.659
FUEL TOTAL $ 6.89
""")
    receipt = extract_receipt(lines)
    assert receipt.total == Decimal("6.69")


def test_fuel_sold_at_a_price_per_gallon_supports_the_total():
    lines = ocr("""
SPEEDY FUEL 0066
#2 Diesel
10.875 @ $2.399/GAL
Fuel Total 826 09
TaX S0.60
Total 826 09
""")
    receipt = extract_receipt(lines)
    assert receipt.total == Decimal("26.09") and receipt.flags["total_quantity_times_price"]


def test_a_total_larger_than_the_cash_given_gives_way_to_cash_minus_change():
    lines = ocr("""
PANADERIA LA ESPIGA
2 BUNUELOS 2.00
CALDO DE COSTILLA 6,45
TOTaL; 80,4
Cash Tendered: 40.00
CHANGE : -9.55
""")
    assert extract_receipt(lines).total == Decimal("30.45")


def test_a_total_nothing_agrees_with_has_low_confidence():
    lines = ocr("""
SOME SHOP
THING 3.00
TOTAL 12.00
""")
    receipt = extract_receipt(lines)
    assert receipt.total == Decimal("12.00") and receipt.confidence["total"] <= 0.5


def test_a_receipt_with_no_total_label_was_paid_what_its_one_payment_line_says():
    lines = ocr("""
    GASTHAUS ZUR POST
    Schnitzel 14,60
    Bier 2x 4,20 8,40
    Kaffee 2,90
    Bar 32,60
    """)
    assert extract_receipt(lines).total == Decimal("32.60")


def test_total_words_of_more_languages():
    lines = ocr("""
    KOHVIK
    Big Mac 60.00
    Ketsup 3.00
    KOKKU 63.00
    SUMMA ILMA KM 52.50
    KAIBEMAKS 20% 10.50
    """)
    assert extract_receipt(lines).total == Decimal("63.00")


def test_milk_is_no_danish_total():
    """``Lait`` (French: milk) reads as ``IAIT`` through OCR's look-alikes, which is the Danish
    ``I ALT`` (total) glued: a one-letter word of a label stands apart, so the item is no total
    (read more surely than the total line, and printed again on its count line)."""
    lines = ocr("""
Seeblick Boulangerie SARL
69002 Lyon
Le 22/05/2025 a 16:28
Beurre doux 15,97
Lait demi-ecreme 16,59
2 x 16,59
Oeufs xl2 33,18
TOTAL TTC 155 ,60 €
dont TVA 20% 25,93
CB SANS CONTACT 155,60
""")
    lines = [replace(line, confidence=0.6) if "TOTAL" in line.text else replace(line, confidence=1.0) for line in lines]
    assert extract_receipt(lines).total == Decimal("155.60")
    assert extract_receipt(ocr("""
DANSK BUTIK
Kaffe 40,00
Mælk 12,00
I alt 52,00
""")).total == Decimal("52.00")


def test_a_label_misread_by_one_letter_still_labels_its_amount():
    """``Chenge``, ``T0TfL``: one glyph of a total or change label misread; no ordinary word lies
    one letter from these labels except the ones named (``CHARGE`` stays a charge)."""
    receipt = extract_receipt(ocr("""
HARBOR DELI
22 PIER ROAD
SEATTLE WA 98101
TURKEY CLUB 12.50
ICED TEA 3.25
SERVICE CHARGE 1.58
T0TfL 17.33
CASH 20.00
Chenge 2.67
06/14/2019 12:41
"""))
    assert receipt.total == Decimal("17.33")
    assert receipt.flags["total_cash_minus_change"]


def test_a_total_whose_sign_became_a_digit_is_confirmed_by_its_repeat_printed_without_a_sign():
    """No total label OCR could read; the slip's ``APPROVED 558.92`` (``$58.92``, the sign read as
    5) and a garbled card line ``VF E9TASebit 58.92`` (its sign lost): dropping every leading 5
    also cuts that line's own 5, so the repeat is looked up as read; four digits with cents do
    not repeat by chance."""
    receipt = extract_receipt(ocr("""
HARBOR MARKET
SEATTLE WA 98101
ICED TEA 9.99
PAPER TOWELS 45.12
VF E9TASebit 58.92
APPROVED 558.92
06/14/2019 12:41
"""))
    assert receipt.total == Decimal("58.92")
    assert receipt.flags["total_printed_again"] and receipt.flags["currency_sign_read_as_digit"]


def test_a_product_named_total_with_a_tax_letter_read_as_a_third_decimal_is_no_total():
    """``LIST TOTAL CARE 2.77T`` read ``2.771``: what is paid is a whole number of cents, so the
    three-decimal amount is no total; ``TOTaL 20.41`` is, and subtotal + tax agree with it (its
    misread letter comes with a lower OCR confidence than the product line's)."""
    lines = ocr("""
CORNER PHARMACY
4365 N ORACLE ROAD TUCSON AZ 85705
ALOE SANITIZER 2.99T
LIST TOTAL CARE 3.22 2.771
OPTI-FREE PM 3,29T
SUBTOTAL 18,88
AZ 8.1%. TAX 1.53
TOTaL 20.41
CASH 21 ,00
04/01/2016 8;39 AM
""")
    lines = [replace(line, confidence=0.5) if line.text.startswith("TOTaL") else line for line in lines]
    receipt = extract_receipt(lines)
    assert (receipt.total, receipt.tax) == (Decimal("20.41"), Decimal("1.53"))
    assert receipt.flags["total_subtotal_plus_tax"]


def test_the_money_handed_over_is_read_from_the_line_above_the_change_when_its_label_is_garbled():
    """``EWR 50.00`` (the cash line's label misread) above ``Chenge 28.05``: cash given minus change
    is what was paid, and the receipt prints it (its total label garbled too)."""
    receipt = extract_receipt(ocr("""
BROODJESZAAK DE HOEK
STATIONSPLEIN 3 AMSTERDAM
05/09/2011 07:41
BROODJE KAAS 9.60
KOFFIE 2.85
INiToraal (incl 3T4} 21 95
EWR 50.00
Chenge 28.05
BEDANKT EN TOT ZIENS
"""))
    assert receipt.total == Decimal("21.95")
    assert receipt.flags["total_cash_minus_change"]


def test_cash_and_change_words_of_more_languages():
    receipt = extract_receipt(ocr("""
CERVECERIA LA PLAZA
CALLE MAYOR 5 MADRID
12/03/2016 21:10
2 CANAS 3,00
1 TORTILLA 5,50
TOTAL 8,50
ENTREGADO 10,00
CAMBIO 1,50
"""))
    assert receipt.total == Decimal("8.50")
    assert receipt.flags["total_cash_minus_change"]


SPLIT_BILL = """
ASADOR EL PASEO
PASEO DE LA CASTELLANA 36 MADRID
08/09/2012 22:15
2 CHULETON 80,00
1 VINO TINTO 44,00
"""


def test_a_split_bills_share_per_person_is_no_total():
    receipt = extract_receipt(ocr(SPLIT_BILL + """Total (Impuestos Inc.) 124,00
Comensales 2 Total / Comensal 62,00
"""))
    assert receipt.total == Decimal("124.00")


def test_a_german_compound_naming_the_amount_labels_the_total_even_garbled():
    """``Rechnungsbetrag`` (its first part garbled by OCR) names the amount to pay; a net or tax
    compound (``Nettobetrag``, ``Steuerbetrag``) does not."""
    receipt = extract_receipt(ocr("""
GASTHAUS ZUR POST
Hauptstr. 3 85354 Freising
Rechnungsdatum: 13.05.2017 16:48
Kaffee 2,40
Apfelstrudel 6,30
Nettobetrag EUR 7,31
Steuerbetrag EUR 1,39
Rechrunasbetrag EUR 8 70
Bar gegeben 10,00
"""))
    assert receipt.total == Decimal("8.70")


def test_pound_signs_the_recogniser_cannot_read_come_out_as_ones_and_twos():
    """EasyOCR's English characters have no "£": ``£70.32`` comes out ``170.32``, ``£80.00`` as
    ``280.00``, ``£9.68`` as ``29.68``. Dropping them is kept where cash minus change then agrees."""
    receipt = extract_receipt(ocr("""
MORRISONS
Wm Morrison Supermarkets PLC
Thamesmead London SE2 9RT
VAT No 343 4141 44
MILK 1.45
BREAD 1.10
Items Sold: 49 TOTAL 170.32
CASH 280.00
CHANGE 29.68
09/06/2009 17:53
"""))
    assert (receipt.total, receipt.currency) == (Decimal("70.32"), "GBP")
    assert receipt.flags["total_cash_minus_change"] and receipt.flags["currency_sign_read_as_digit"]


def test_british_prices_starting_with_one_or_two_stay_where_their_own_arithmetic_agrees():
    receipt = extract_receipt(ocr("""
THE CORNER KITCHEN LTD
Oxford OX1 4AH
VAT No 123 4567 89
FISH AND CHIPS 12.49
TEA 2.10
TOTAL 14.59
CASH 20.00
CHANGE 5.41
"""))
    assert receipt.total == Decimal("14.59") and "currency_sign_read_as_digit" not in receipt.flags


def test_a_tip_guide_under_the_total_is_no_tip_paid():
    """US restaurant checks print what 15/18/20 % would be; the guest added none of it."""
    for guide in ("Suggested Gratuity\n15% = 6.36\n18% = 7.63\n20% = 8.48",
                  "Tip Guide 18%: $7.63 20%: $8.48 22%: $9.32"):
        receipt = extract_receipt(ocr(f"""
OLIVE GROVE
1234 MAIN ST SPRINGFIELD IL 62701
Server: KATIE 09/18/2014 7:42 PM
2 LASAGNA 35.98
1 ICED TEA 2.99
Subtotal 38.97
Tax 3.41
Total 42.38
{guide}
"""))
        assert (receipt.total, receipt.tip) == (Decimal("42.38"), None), guide
    charged = extract_receipt(ocr("""
OLIVE GROVE
1234 MAIN ST SPRINGFIELD IL 62701
Subtotal 38.97
Tax 3.41
Total 42.38
Tip 7.63
Total 50.01
"""))
    assert (charged.total, charged.tip) == (Decimal("50.01"), Decimal("7.63"))


def test_a_service_charge_between_subtotal_and_total_is_part_of_the_arithmetic():
    receipt = extract_receipt(ocr("""
CHEZ VICTOR
12 RUE DU LOUVRE 75001 PARIS
18/09/2014 19:42
STEAK FRITES 24.00
VIN 8.00
SUBTOTAL 32.00
SERVICE CHARGE 18% 5.76
TAX 2.80
TOTAL 40.56
"""))
    assert receipt.total == Decimal("40.56") and receipt.flags["total_subtotal_plus_tax"]


_CHECK = """
COPPER KETTLE
4321 Ocean Ave
Austin, TX 78701
Server: Dana Table: 7
10/19/24 6:00 PM
2 Pad Thai 27.90
1 Iced Tea 2.99
Subtotal 30.89
Sales Tax 2.55
Total 33.44
VISA XXXX1234
Auth 012345
APPROVED
Amount: 33.44
"""


def test_a_tip_and_total_written_in_by_hand_on_the_card_slip_are_what_was_paid():
    """The customer copy's blank "Tip" / "Total" lines filled in with a pen: a whole-dollar tip
    (no cents to make it an amount), or a tip OCR could not read at all, and the total it makes."""
    whole = extract_receipt(ocr(_CHECK + "Tip: 6\nTotal: 39.44\nSignature"))
    assert (whole.total, whole.tip) == (Decimal("39.44"), Decimal("6"))
    assert whole.flags["total_subtotal_plus_tax"]
    unread = extract_receipt(ocr(_CHECK + "Tip\nTotal: 38.44\nSignature"))
    assert (unread.total, unread.tip) == (Decimal("38.44"), Decimal("5.00"))
    blank = extract_receipt(ocr(_CHECK + "Tip: ______\nTotal: ______\nSignature"))
    assert (blank.total, blank.tip) == (Decimal("33.44"), None)
    # no tip is more than the bill: a larger amount under the tip line is something else
    assert extract_receipt(ocr(_CHECK + "Tip\nTotal: 99.44")).total == Decimal("33.44")
    # nor more than half of it: "Tip: 36.00" is a $6.00 whose sign was read as a 3; the total says it
    signed = extract_receipt(ocr(_CHECK + "Tip: 36.00\nTotal: 39.44\nSignature"))
    assert (signed.total, signed.tip) == (Decimal("39.44"), Decimal("6.00"))


def test_a_tip_written_on_the_card_slip_whose_total_line_was_lost_is_added_to_the_bill():
    """The slip's ``Amount`` prints the bill, a tip is written under it and its total line is lost to glare
    (or never written in): what was paid is the bill and the tip. Not where a total was written that
    neither reading makes, nor a tip over half the bill."""
    lost = extract_receipt(ocr(_CHECK + "Tip: 12.00"))
    assert (lost.total, lost.tip) == (Decimal("45.44"), Decimal("12.00"))
    signed = extract_receipt(ocr(_CHECK + "Tip: 6.00\nx______________\nCustomer Copy"))
    assert signed.total == Decimal("39.44")
    assert extract_receipt(ocr(_CHECK + "Tip: 6.00\nTotal: 4S.b9")).total == Decimal("33.44")
    assert extract_receipt(ocr(_CHECK + "Tip: 6.00\n71.20")).total == Decimal("33.44")
    assert extract_receipt(ocr(_CHECK + "Tip: 20.00")).total == Decimal("33.44")
    signed = extract_receipt(ocr(_CHECK.replace("Amount: 33.44", "Amount: 633.44") + "Tip: 6.00"))
    assert signed.total == Decimal("39.44")  # the slip's amount with its sign read as a 6


@pytest.mark.parametrize(("tip", "paid"), [("Tip: 6.00", "39.44"), ("Tip:", "33.44")])
def test_a_tip_guides_rows_under_a_blank_slip_total_are_not_its_value(tip, paid):
    """A guide printed under the slip's blank ``Total:`` (``18% 5.65`` / ``20% 6.28``): its rows are no total
    written in, nor a tip; what was paid is the bill and the tip written in, if one was."""
    receipt = extract_receipt(ocr(_CHECK + f"{tip}\nTotal:\n18% 6.02\n20% 6.69\n22% 7.36"))
    assert receipt.total == Decimal(paid)


def test_the_card_slips_amount_and_tip_making_its_total_outvote_a_bill_misread_by_its_subtotals_sign():
    """The subtotal's ``$`` read as a 4 (``431,20`` for 131.20) makes the bill 442.84 one digit off the printed
    142.84; the slip's own sum (``Amount : 1142.84``, its sign a 1, and ``Tip: 29``) makes its written 171.84
    exactly: that is what was paid, not 442.84 and the tip."""
    receipt = extract_receipt(ocr("""
HARBOR LIGHT TAVERN
Columbus, OH 43215
08/21/2023 12:47 PM
Chicken Wings 42.99
Lasagna 53.97
Subtotal 431,20
Tax 11.64
Toial 142.84
MASTERCARD XXXXXXXXXXXX4127
Amount : 1142.84
Tip: 29
Total: 171.84
Signature
"""))
    assert (receipt.total, receipt.tip) == (Decimal("171.84"), Decimal("29"))


def test_a_lowercase_s_glued_to_the_amounts_is_a_dollar_sign():
    receipt = extract_receipt(ocr("""
COPPER KETTLE
Austin, TX 78701
3 Club Sandwich 35.25
2 Cheesecake 15.00
SUBTOTAL s50.25
TAX 4.15
TOTAL s54.40
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("54.40"), Decimal("50.25"))


_DISCOUNTER = """
NORDKAUF
Bahnhofstr. 12
50667 Köln
13.05.17 16:48
Vollmilch 3,5% 0,99 A
Kaffee gemahlen 4,99 A
Cola 1,5L 0,79 B
Pfand 0,25 B
"""


def test_a_total_label_whose_amount_ocr_lost_does_not_take_the_cash_line_under_it():
    """"zu zahlen 7,02" read as "zu zahlen 7 ,": the "Bar 10,00" under it is the money handed
    over, not the total's value column ("Bar" is as short as a currency)."""
    receipt = extract_receipt(ocr(_DISCOUNTER + "Summe 7,02\nzu zahlen 7 ,\nBar 10,00\nVielen Dank"))
    assert receipt.total == Decimal("7.02")


def test_zu_zahlen_with_its_u_lost_or_a_letter_misread_is_the_total_over_cash_misread():
    """``Z ZAHLEN 7,02`` (the U of ZU lost), ``Zu zatlen 7,02``: still the amount due, under a SUMME garbled past
    reading; the cash handed over, one of its digits misread (``Bar 20,00`` for 10,00), makes no other total."""
    for label in ("Z ZAHLEN", "Zu zatlen", "zuZahlen"):
        receipt = extract_receipt(ocr(_DISCOUNTER + f"SUISE 7, 02\n{label} 7,02\nBar 20,00\nRückgeld 2,98"))
        assert receipt.total == Decimal("7.02"), label


def test_a_count_before_zahlen_is_no_zu_zahlen_label():
    """``2 Zahlen`` (a count, its 2 a digit): no ZU, the line is an item's; cash minus change stays the total."""
    receipt = extract_receipt(ocr(_DISCOUNTER + "Sticker 2 Zahlen 1,00 A\nSUISE 8, 02\nBar 10,00\nRückgeld 1,98"))
    assert receipt.total == Decimal("8.02")
    assert "Sticker 2 Zahlen" in {item.description for item in receipt.items}


def test_cash_minus_change_is_the_total_where_no_total_label_was_read_even_with_the_umlaut_misread():
    """The Ü of "Rückgeld" comes out u, i or ii; the "Summe" line garbled past reading."""
    for change in ("Rickgeld", "Riickgeld", "Ruckgeld", "Rückgeld"):
        receipt = extract_receipt(ocr(_DISCOUNTER + f"Sum e 7 , E\n02\nGegeben Bar 10,00\n{change} 2,98"))
        assert receipt.total == Decimal("7.02"), change


def test_where_both_readings_add_up_the_one_whose_prices_sum_to_its_subtotal_wins():
    """``$54.89`` read ``554.89`` on the subtotal and the total only (the tax printed without a
    sign): both readings add up below the subtotal; the dishes above it say which is right."""
    receipt = extract_receipt(ocr("""
BLUE HERON GRILL
3429 Elm Street
Springfield, IL 62701
08/11/23 5:54 PM
Lasagna 17.99
2 Pad Thai 27.90
Margarita 9.00
Sub Total 554.89
Sales Tax 4.53
Amount Due 559.42
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("59.42"), Decimal("54.89"))


def test_a_leading_digit_is_no_sign_where_dropping_it_leaves_cents_only():
    """``TOTAL 80.38`` is the amount's own 8: no bill is 0.38; the tip written under it counts."""
    receipt = extract_receipt(ocr("""
CASA VERDE CANTINA
Austin, TX 78701
05/30/24 3:22 PM
2 Pad Thai 27.90
Ribeye Steak 28.00
Cheesecake 7.50
Margarita 9.00
Sales Tax 6.13
TOTAL 80.38
VISA XXXX3192
Amount: 80.38
Tip: 18.00
Total: 98.38
"""))
    assert (receipt.total, receipt.tip) == (Decimal("98.38"), Decimal("18.00"))


def test_a_tip_guide_without_its_heading_is_no_total_and_no_tip():
    """Rows that open with a percentage and say what the bill would come to ("15% = 6.97 Total
    53.46"), two or more of them, or one that names the tip and its total."""
    base = "LUCKY DRAGON\n4376 Elm Street\nSpringfield, IL 62701\n2024-10-10 20:47\n2 Fish Tacos 28.50\n" \
           "1 Lasagna 17.99\nTotal 46.49\n"
    guide = extract_receipt(ocr(base + "15% = 6.97  Total 53.46\n18% = 8.37  Total 54.86\n20% = 9.30  Total 55.79"))
    assert (guide.total, guide.tip) == (Decimal("46.49"), None)
    one = extract_receipt(ocr(base + "Tip 18%: 8.37 Total 54.86"))
    assert (one.total, one.tip) == (Decimal("46.49"), None)


def test_a_tip_under_a_bill_whose_sign_was_read_as_a_digit():
    """The bill's "$" read as 5 on its label line and on the card slip's amount, a tip and the
    total paid written under them: the bill's repeat supports the reading without the 5s, and
    the tip is added to the bill once that is read right."""
    receipt = extract_receipt(ocr("""
LUCKY DRAGON
Austin, TX 78701
02/21/24 6:50 PM
2 Caesar Salad 19.00
1 Clam Chowder 7.25
3 Fish Tacos 26.55
Sub Total S52.80
TAX 54.36
Balance Due 557.16
VISA XXXX1269
Amount: 557.16
Tip: 11.00
Total: 68.16
"""))
    assert (receipt.total, receipt.tip) == (Decimal("68.16"), Decimal("11.00"))


def test_signs_read_as_different_digits_are_settled_by_the_prices_and_the_tip_kept():
    """The subtotal's and total's "$" read as 5, the tax's as 8: only the reading that drops any
    of them has the dishes add up to its subtotal; the total paid written under it keeps its 8."""
    receipt = extract_receipt(ocr("""
GOLDEN SPOON BISTRO
Austin, TX 78701
04/14/24 4:00 PM
1 Caesar Salad 9.50
2 Lasagna 35.98
Chicken Wings 12.99
SUBTOTAL 558.47
Sales Tax 84.82
TOTAL 563.29
MASTERCARD XXXX4166
Amount: 563.29
Tip: 20.00
Total: 83.29
"""))
    assert (receipt.total, receipt.subtotal, receipt.tip) == (Decimal("83.29"), Decimal("58.47"), Decimal("20.00"))


def test_a_handwritten_total_with_one_digit_misread_is_the_bill_plus_the_tip():
    """"Total: 75.98" written by hand, read "25.98": the printed bill and the tip above it say 75.98."""
    receipt = extract_receipt(ocr(_CHECK + "Tip: 7.00\nTotal: 20.44\nSignature"))
    assert (receipt.total, receipt.tip) == (Decimal("40.44"), Decimal("7.00"))
    assert extract_receipt(ocr(_CHECK + "Tip: 7.00\nTotal: 29.55\nSignature")).total == Decimal("33.44")


def test_a_quantity_times_price_or_a_weight_with_its_sign_read_as_a_digit_is_no_total():
    """No total label read (``SUMA PLN`` garbled): the largest amount is the total, but not one
    in tenths of cents or with one decimal (``1*7446,992``, ``0 , ,694.9``: the ``=`` and the
    ``*`` of a quantity line read as digits); money is printed in cents."""
    receipt = extract_receipt(ocr("""
SKLEP SPOZYWCZY
LOSOSIOWY Hacki 1*7446,992 4,99
SER Lind 0 , ,694.9, ,99= 6,93
SUHA PLN 16:10
11,92
"""))
    assert receipt.total == Decimal("11.92")


def test_a_vat_tables_sum_row_is_the_total_where_no_total_label_was_read():
    """The total label garbled (``TotalAmount L993}``), a reference number read as a large amount;
    the VAT table's sum row (net + VAT = gross) says what was paid."""
    receipt = extract_receipt(ocr("""
TAJ GARDEN
Invoice No. 100102
REF 1804.07
LAMB BHUNA 9.95
Tetol No. TotalAmount L993}
VAT Analysis: Net VAT Gross
Vat@17.5% 8454 14.79 99.3
84.54 14.79 99 33
Please call again soon!
"""))
    assert receipt.total == Decimal("99.33")


def test_a_split_bills_share_under_the_total_is_no_total_even_with_its_label_garbled():
    """``Total / Comensal`` garbled past reading: an amount that divides the total printed right
    above it (124,00 / 2) is a share per person."""
    receipt = extract_receipt(ocr(SPLIT_BILL + """Total (Iepuestcs Jnc|;,) 124,00
Coaensales Tota | /Conensa 62,00]
"""))
    assert receipt.total == Decimal("124.00")


def test_the_prices_adding_up_to_a_total_without_its_first_digit_show_that_digit_was_a_sign():
    """``Sototal 83.21`` (``$3.21``, the sign read as 8): the prices above it add up to 3.21."""
    receipt = extract_receipt(ocr("""
STOP & SHOP
APPLE GALA 0.88 X
SPINACH 0.34 X
1 99 x
Sototal 83.21
Change S0.00
"""))
    assert receipt.total == Decimal("3.21")


def test_the_gst_a_total_includes_decides_between_readings_the_checks_support_alike():
    """Australian prices include 10% GST, 1/11 of the total: ``Includes GST of 51.81`` is $1.81,
    the GST of 19.95; the total read 619.95 is repeated by chance of the same misread."""
    lines = ocr("""
DENIM OUTLET
BLUE 36 19.95 619.95
TOTAL 819.95
Inelues GST of 51.81
Arounts Tendered 620.00
Cash 520.00
Tota| Teteered 619.95
""")
    reading = read_amounts(build_doc(lines), "AUD")
    assert (reading.totals.total.value, reading.totals.tax.value) == (Decimal("19.95"), Decimal("1.81"))


def test_the_tax_rate_printed_beside_the_tax_decides_between_readings_the_checks_support_alike():
    """``GST @6%: 50.39`` is 0.39, 6 % included in 6.90; the total and the cash line both read with
    the same misread sign (``56,90``) repeat each other, as the reading without it does."""
    lines = ocr("""
RICE HOUSE
Fried Noodle S2.00
Vegetable 52.20
Total Amount: S6.90
GST @6%: 50.39
Nett Total: 56,90
CASH 56,90
""")
    reading = read_amounts(build_doc(lines), "MYR")
    assert (reading.totals.total.value, reading.totals.tax.value) == (Decimal("6.90"), Decimal("0.39"))
    euro = read_amounts(build_doc(ocr("""
BAECKEREI KORN
Roggenbrot 63,50
Kuchen 66,50
SUMME 610,00
MwSt 19% 61,60
BAR 610,00
""")), "EUR")  # the euro sign read as a 6: 19 % included in 10,00 is 1,60
    assert (euro.totals.total.value, euro.totals.tax.value) == (Decimal("10.00"), Decimal("1.60"))


def test_the_grosses_of_a_vat_tables_rows_add_up_to_the_total_where_no_total_label_was_read():
    """One row per rate and no sum row: the rows' grosses together are what was paid."""
    receipt = extract_receipt(ocr("""
BAECKEREI SONNENSCHEIN
ROGGENBROT 3,50
ORANGENSAFT 2,38
Sxnne EUR 5 ,8
MwSt% Netto MwSt Brutto
A 19% 2,00 0,38 2,38
B 7% 3,27 0,23 3,50
"""))
    assert receipt.total == Decimal("5.88")


def test_zurueck_is_the_change_of_cash_handed_over():
    """A German restaurant bill prints ``Gegeben 50,00`` / ``Zurück 8,70`` (the Ü read as u or ii):
    the cash minus the change is what was paid."""
    for change in ("Zurück", "Zuruck", "Zuriick", "Iuruck"):  # one letter off too
        receipt = extract_receipt(ocr(_DISCOUNTER + f"Sum e 7 , E\n02\nGegeben 10,00\n{change} 2,98"))
        assert receipt.total == Decimal("7.02"), change


def test_a_subtotal_printed_with_its_sign_keeps_its_first_digit_and_count_lines_are_no_prices():
    """``S54.86`` was read with its sign: its 5 is its own. The tax's and total's signs were read as
    5s (``53.43``, ``568.16``); the prices add up to the subtotal once the count lines' unit prices
    (``2 @ 15.82``) are left out, which decides between the two readings that both add up."""
    receipt = extract_receipt(ocr("""
MAPLE MARKET
847 Main Street
Portland, OR  97205
2 @ 15.82
PASTA PENNE 31.64
3 @ 3.13
EGGS LARGE 12CT 9.39 N
PAPER TOWELS 13.83
SUBTOTAL S54.86
SALES TAX 6.25% 53.43
TIP s9.87
AMOUNT DUE 568.16
CASH S70.00
CHANGE DUE S1.84
12/06/24 01.34 PM
"""))
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("68.16"), Decimal("54.86"), Decimal("3.43"))
    assert receipt.flags["items_sum_to_subtotal"]


def test_a_vat_tables_own_arithmetic_supports_its_gross_as_the_total():
    """The total label garbled past reading; the VAT table's row adds up (84.54 + 14.79 = 99.33)
    and is the total, its leading digits its own: dropping them as signs would leave the tax,
    printed twice, as the total."""
    receipt = extract_receipt(ocr("""
Taj Mahal
Authentic Indian Food
Tondoori Aled Guill 10 %0 3110
Plnt of Heineksn
Totol No:Itm24 Totsl Amount (9991
VAT Anahale Net VaT Grox:
Vat017 ; 8454 14.79 99.
VatesY 0.00 0.00 0.00
84.54 14.79 99 33
Please call again soon!
"""))
    assert receipt.total == Decimal("99.33") and receipt.flags["total_vat_table"]


def test_a_vat_tables_heading_naming_the_amount_is_no_total_label():
    """``Base IVA Importe`` heads the VAT table's columns: the amount under it is the tax, not the
    total (``Importe`` alone is a Spanish total label; ``IVA incluido`` beside a total still is one)."""
    receipt = extract_receipt(ocr("""
HIPPOPOTAMUS RESTAURATION
Ticket 005-00017592 Fec . 15/01/18
Ct Articulo Importe
MENU Dia GV 35,80
2 Cafe Cortado 3,70
Total 39,50
Base IvA Importe
35,91 10x 3,59
Tota] 39 _ 50
"""))
    assert receipt.total == Decimal("39.50")
    assert extract_receipt(ocr("""
BAR PEPE
Cana 2,50
TOTAL IVA INCLUIDO 2,50
""")).total == Decimal("2.50")


def test_a_total_is_no_sign_and_cents_where_a_date_under_it_reads_as_those_cents():
    """``ZU ZAHLEN EUR 50,25`` with ``16 .06 . 25`` under it (read as 0.25): the 5 is the total's own."""
    receipt = extract_receipt(ocr("""
Seeblick Getranke e.K_
80331 Miinchen
3 x 12,28
Hahnchenbrust 36 , 84 B
Butter 16,76 A
Rabatt -3,35
ZU ZAHLEN EUR 50,25
MwSt 19% 42,23 8, 02
Geg. BAR 60 , 00
Rickgeld 9,75
16 .06 . 25 07:53 Bon 4711
"""))
    assert receipt.total == Decimal("50.25")


def test_a_whole_dollar_tip_written_in_and_a_total_smudged_or_one_digit_off_are_what_was_paid():
    """``Tip: 5`` / ``Total: 33.- 83`` (the point smudged into a dash and a space) under a bill of
    28.83: the bill plus the tip was paid; a total written in that is not that stays unread."""
    slip = """
BLUE HERON GRILL
2 Pad Thai 13.95
1 Chicken Wings 12.99
Subtotal 26.94
Sales Tax 1.89
Total 28.83
VISA XXXX4637
Amount 28.83
Tip: 5
Total: 33.- 83
Signature
"""
    receipt = extract_receipt(ocr(slip))
    assert (receipt.total, receipt.tip) == (Decimal("33.83"), Decimal("5"))
    assert extract_receipt(ocr(slip.replace("Total: 33.- 83", "Total: 33. .83"))).total == Decimal("33.83")
    slip = slip.replace("Total: 33.- 83", "Total: 28.- 8")  # no total of 28.83 + 5: the bill stands
    assert extract_receipt(ocr(slip)).total == Decimal("28.83")


def test_a_handwritten_total_keeps_the_digit_a_reading_drops_from_the_printed_amounts():
    """The sign of ``Amount: 541.96`` was read as a 5, so the receipt is read without such 5s; the
    total written in by hand (``50.96``, the tip unread) keeps its own."""
    receipt = extract_receipt(ocr("""
THE SALTY PELICAN
2 Fish Tacos 28.50
1 Onion Rings 5.99
Sub Total $39.49
Sales Tax $2.47
Balance Due S41.96
DISCOVER XXXXXXXXXXXX7980
APPROVED
Amount: 541.96
Tip:
Total: 50.96
Signature
"""))
    assert (receipt.total, receipt.tip) == (Decimal("50.96"), Decimal("9.00"))


def test_a_partys_house_gratuity_is_part_of_the_arithmetic():
    """``Auto Grat 18%`` between the tax and the total: subtotal + tax + gratuity is the total,
    which decides that the 5s of ``53.61`` and ``564.38`` were dollar signs (S51.50 kept its own)."""
    receipt = extract_receipt(ocr("""
THE SALTY PELICAN
3 Draft Beer 19.50
2 Coffee 5.00
3 Margarita 27.00
SUBTOTAL S51.50
Tax 53.61
Auto Grat 18% s9.27
Balance Due 564. 38
VISA 564. 38
"""))
    assert (receipt.total, receipt.tax) == (Decimal("64.38"), Decimal("3.61"))


def test_a_subtotal_whose_amount_ocr_garbled_takes_no_amount_from_the_tax_line_under_it():
    """``Sub Total 537 . '25`` reads no amount, and ``TAX 6.2598 52 . 33`` is the tax's own line, not
    the subtotal's value column; the prices above the tax and the tax make the total once the 5s
    of the dollar signs are dropped (37.25 + 2.33 = 39.58)."""
    receipt = extract_receipt(ocr("""
HARBOR LIGHT TAVERN
Dec 05 24 8:25PM
2 Cheesecake 15 . 00
1 Clam Chowder 7.25
sub fries 2.00
2 Draft Beer 13 . 00
Sub Total 537 . '25
TAX 6.2598 52 . 33
TOTAL 539. 58
VISA 539 .58
"""))
    assert (receipt.total, receipt.tax) == (Decimal("39.58"), Decimal("2.33"))
    assert receipt.subtotal is None


def test_state_and_city_tax_printed_one_under_another_are_both_added():
    receipt = extract_receipt(ocr("""
RED BARN BBQ
248 Route 9
Springfield, IL 62701
1 Draft Beer 6.50
1 Fish Tacos 14.25
SUBTOTAL S20. 75
State Tax S1.30
Meals Tax So .21
Auto Grat 18% 53.74
TOTAL 526 . 00
DISCOVER XXXX5388
Amount 526 .00
06/04/2025 4:34 PM
"""))
    assert (receipt.total, receipt.tax) == (Decimal("26.00"), Decimal("1.51"))
    assert receipt.flags["total_subtotal_plus_tax"]


def test_a_tip_keyed_in_at_the_terminal_under_a_house_gratuity_is_what_was_paid():
    """The bill includes the house's 18 % (above its total); the guest's tip, keyed in at the card
    terminal, and the total paid are printed under the card line, that total with its $ read as 5."""
    receipt = extract_receipt(ocr("""
HARBOR LIGHT TAVERN
24 Route 9
Springfield, IL 62701
2 Cheeseburger 26.98
2 Coke 5.50
1 Draft Beer 6.50
SUBTOTAL S65 .47
TAX 6.25% 54.09
Gratuity 18% S11.78
TOTAL 581.34
VISA XXXXXXXXXXXX7154
Chip Read APPROVED
Amount 581.34
Tip S14.64
Total Paid S95 .98
12/16/24 3:48 PM
"""))
    assert (receipt.total, receipt.tip) == (Decimal("95.98"), Decimal("14.64"))
    assert receipt.flags["total_subtotal_plus_tax"]


def test_a_total_paid_whose_sign_alone_was_read_as_a_digit_is_the_bill_plus_the_tip():
    receipt = extract_receipt(ocr("""
MAPLE STREET DINER
2 Fish Tacos 28.50
2 Cheeseburger 26.98
Iced Tea 2.99
Sub Total S58.47
TAX 8.25% S4.82
Total s63.29
AMEX XXXXXXXXXXXX7913
Amount s63.29
Tip S11.39
Total Paid 574.68
05/02/2024 7:12 PM
"""))
    assert (receipt.total, receipt.tip) == (Decimal("74.68"), Decimal("11.39"))


_SLIP_UNDER_A_GARBLED_BILL = """
ROSA'S TRATTORIA
Austin, TX 78701
1 Coke 2.75
Cheeseburger 13.49
Sub Total 16.24
Tax 144
TOTAL 17 64
AMEX XXXXXXXXXXXX1498
Amount {amount}
Tip 3.54
Total Paid 41.22
11/13/24 8:45 PM
"""


def test_a_slips_total_with_its_first_digit_misread_is_its_amount_and_tip():
    """The slip's ``Total Paid`` beside its sign smeared into another first digit (41.22 for $21.22), the bill's
    total garbled above it: the slip's amount, the subtotal and a tax, and its tip make the total."""
    receipt = extract_receipt(ocr(_SLIP_UNDER_A_GARBLED_BILL.format(amount="17.68")))
    assert (receipt.total, receipt.tip) == (Decimal("21.22"), Decimal("3.54"))


def test_a_slips_total_over_an_amount_no_subtotal_and_tax_make_is_kept_as_read():
    """An amount below the subtotal (a share of a split bill): nothing says the total's first digit is a slip."""
    receipt = extract_receipt(ocr(_SLIP_UNDER_A_GARBLED_BILL.format(amount="7.68")))
    assert receipt.total == Decimal("41.22")


def test_the_tip_guide_worked_out_from_the_total_decides_between_readings_the_bill_supports_alike():
    """``$113.49`` + ``$9.36`` = ``$122.85`` read as 5113.49 + 9.36 = 5122.85 adds up too; the guide's
    rows (15 % = 18.43, the bill then 141.28; their % read as 8) only work out from 122.85."""
    receipt = extract_receipt(ocr("""
ROSA'S TRATTORIA
343 Ocean Ave
Portland, OR 97205
2 Draft Beer 13.00
2 Ribeye Steak 56.00
Sub Total 5113 . 49
TaX 8.258 9.36
Total 5122 . 85
TIP GUIDE
158 S18 , 43 Total $141.28
18% 522 . 11 Total $144.96
208 524 . 57 Total $147.42
10/21/2024 12:19 PM
MASTERCARD 5122 . 85
"""))
    assert receipt.total == Decimal("122.85")
    assert receipt.flags["total_tip_guide"]


def test_with_every_label_garbled_the_bill_is_the_round_sum_handed_over_less_the_change():
    receipt = extract_receipt(ocr("""
McDenala s Schiphol
Ontoij- New York 9.60
Koffie 03 Ltr 2 85
INuToraal (inc] 3T4} 21 95
EWP 50.00
Chnenge 28.05
INOL bi4: 6.00* 21.95 1.24
"""))
    assert receipt.total == Decimal("21.95")


# a blurred phone photo: the "$" of the totals block read as a 5 on some amounts and a 1 on the tax
BLURRED_DOLLARS = """
RED BARN BBQ
8891 Route 9
Portland, OR 97205
2023-09-17 18:20
Draft Beer 6.50
1 Cheeseburger 13.49
2 Clam Chowder 14.50
3 Coke 8.25
Subtotal 535.24
Sales Tax 12.47
Balance Due 537.71
VISA 537.71
"""


def test_a_blurred_dollar_read_as_a_one_on_one_amount_and_a_five_on_others_is_dropped_by_the_arithmetic():
    """Subtotal + tax = total only without the leading digits; 535.24 + 2.47 = 537.71 adds up too,
    but a 0.5 % sales tax is no US rate: 2.47 on 35.24 (7 %) is."""
    receipt = extract_receipt(ocr(BLURRED_DOLLARS))
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("37.71"), Decimal("35.24"), Decimal("2.47"))
    assert receipt.flags["total_subtotal_plus_tax"] and receipt.flags["currency_sign_read_as_digit"]


def test_amounts_that_start_with_a_one_or_a_seven_keep_it_where_they_add_up_as_printed():
    receipt = extract_receipt(ocr(BLURRED_DOLLARS.replace("535.24", "135.24").replace("12.47", "11.83")
                                  .replace("537.71", "147.07").replace("13.49", "113.49").replace("14.50", "7.00")))
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("147.07"), Decimal("135.24"), Decimal("11.83"))
    assert not receipt.flags.get("currency_sign_read_as_digit")


def test_the_charges_between_subtotal_and_total_add_up_whatever_their_labels_came_out_as():
    """``Sales Tax`` read ``Sales An``, ``Gratuity 18%`` read ``Gratity 184``: the amounts printed
    between the subtotal and the total still make the total with the subtotal (every "$" read as 5)."""
    receipt = extract_receipt(ocr("""
COPPER KETTLE
9700 Ocean Ave
Columbus, OH 43215
1 Coke 1.75
3 Chicken Salad 28.50
1 Pad Thai 13.95
Subtotal 545.20
Sales An 54.01
Gratity 184 58.14
Amount Due 557.35
VISA 557.35
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("57.35"), Decimal("45.20"))
    assert receipt.flags["total_subtotal_plus_tax"]
    assert receipt.tip == Decimal("8.14")  # the gratuity's label read with a letter lost is still a gratuity


def test_a_sign_read_as_a_different_digit_on_each_amount_of_the_totals_block_is_settled_by_the_sum():
    """``$34.69`` / ``$2.17`` / ``$6.24`` / ``$43.10`` read 634.69 / 82.17 / 86.24 / 343.10: only
    without every leading digit do the subtotal and charges make the total, which the card line
    (543.10) repeats without its own misread sign."""
    receipt = extract_receipt(ocr("""
HARBOR LIGHT TAVERN
4482 Ocean Ave
Portland, OR 97205
2024-11-17 15:59
1 Pad Thai 13.95
1 Cheeseburger 13.49
side ranch 0.75
1 Draft Beer 6.50
Subtotal 634.69
Sales Tax 82.17
Service Charge 86.24
TOTAL 343.10
VISA 543.10
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("43.10"), Decimal("34.69"))
    assert receipt.flags["total_subtotal_plus_tax"] and receipt.flags["currency_sign_read_as_digit"]


# a market's groceries, the totals block under them in each test
MARKET_GROCERIES = """
WILLOW MARKET
871 Main Street
Columbus, OH 43215
EGGS LARGE 12CT 15.40 F
CHEDDAR CHEESE 21.54 T
PAPER TOWELS 11.33 F
"""


def test_a_printer_signs_every_amount_of_the_totals_block_or_none():
    """With the tip's sign dropped too, 68.78 + 4.30 + 13.76 = 86.84; 68.78 + 4.30 + 513.76 =
    586.84 adds up as well, but keeps the 5 it drops from the subtotal and the tax."""
    receipt = extract_receipt(ocr(MARKET_GROCERIES + """ORANGE JUICE 1.64
MILK 1 GAL 18.87 N
SUBTOTAL 568.78
SALES TAX 6.25% 54.30
TIP 513.76
BALANCE DUE 586.84
DEBIT 586.84
Aug 04, 2024 08:25 PM
"""))
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("86.84"), Decimal("68.78"), Decimal("4.30"))


# a blurred restaurant check's items, the totals block under them in each test
TAVERN_CHECK = """
HARBOR LIGHT TAVERN
4482 Ocean Ave
Portland, OR 97205
2023-02-16 12:39
2 Coffee 5.00
1 Cheesecake 7.50
add bacon 1.50
2 Coke 5.50
"""


def test_a_subtotal_above_the_total_loses_a_leading_digit_that_leaves_it_just_below():
    """``SUBTOTAL 419.50`` over ``Total 24.23`` (its sign read as 4, the tax line garbled): the
    subtotal is 19.50 and the total stands, not the subtotal taken for the bill."""
    receipt = extract_receipt(ocr(TAVERN_CHECK + """
SUBTOTAL 419.50
Sales Tax 1722
Auto Grat 18% 3.51
Total 24.23
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("24.23"), Decimal("19.50"))


def test_a_tax_line_whose_rate_prints_before_its_amount_charges_the_amount():
    """``SALES TAX 6.25% $4.42`` read ``6.258 54.42`` (each sign a different digit): the block
    settles on the line's last amount."""
    receipt = extract_receipt(ocr("""
WILLOW MARKET
871 Main Street
Columbus, OH 43215
APPLES GALA 13.40 N
TOMATO SAUCE 23.26 N
TOMATOES 9.20
SUBTOTAL 370.66
SALES TAX 6.258 54.42
TIP 814.13
BALANCE DUE 589.21
MASTERCARD 589.21
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("89.21"), Decimal("70.66"))
    assert receipt.flags["total_subtotal_plus_tax"]


def test_an_amount_label_misread_by_a_letter_still_labels_the_total():
    """``Anount pue $74.73``: AMOUNT with its M read N, over a card line garbled; the block settles
    368.25 / 46.48 / 874.73."""
    receipt = extract_receipt(ocr("""
MAPLE STREET DINER
3230 Route 9
Columbus, OH 43215
2 Ribeye Steak 56.00
1 Fish Tacos 14.25
Discount -2.00
SUBTOTAL 368.25
TaX 9.508 46.48
Anount pue 874.73
MASTERCARD 34.7}
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("74.73"), Decimal("68.25"))


def test_a_tip_guide_row_whose_percent_was_misread_is_no_total():
    """Under ``TIP GUIDE``, ``157 3563 Total 27.86`` and ``209 085" Totol 29.08`` are the guide's
    15 % and 20 % rows (their % read as 7 and 9): the bill is the total above them."""
    receipt = extract_receipt(ocr(TAVERN_CHECK + """
SUBTOTAL 19.50
Sales Tax 1722
Auto Grat 18% 3.51
Total 24.23
TIP GUIDE
157 3563 Total 27.86
209 085" Totol 29.08
"""))
    assert receipt.total == Decimal("24.23")


def test_a_sign_read_as_two_digits_on_the_bill_is_settled_by_the_sum_and_the_card_slips_tip_added():
    """``$83.20`` read ``1583.20``: no one-digit drop makes the block add up, without both leading
    digits it does (66.96 + 4.19 + 12.05). The slip under it repeats the bill (``Amount 583.20``),
    and the tip keyed in there (17.00, no sign) makes what was paid."""
    receipt = extract_receipt(ocr("""
HARBOR LIGHT TAVERN
7104 Main St
Austin, TX 78701
3 Lasagna 53.97
1 Chicken Wings 12.99
SUBTOTAL 566.96
Sales Tax 54.19
Gratuity 18% 512.05
Balance Due 1583.20
Feb 20 23 6:46PM
MASTERCARD XXXXXXXXXXXX4241
APPROVED
Amount 583.20
Tip: 17.00
Total: 100.20
"""))
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("100.20"), Decimal("66.96"), Decimal("4.19"))
    assert receipt.tip == Decimal("17.00")


def test_the_card_slips_tip_and_total_lose_the_digit_the_blocks_signs_became():
    """The block settles on 68.42 + 4.28 + 12.32 = 85.02 (the subtotal's sign read as two digits,
    the others as a 5 or an 8); the slip's ``Tip 512.75`` and ``TOTAL 597.77`` carry the same 5."""
    receipt = extract_receipt(ocr("""
COPPER KETTLE
170 Elm Street
Columbus, OH 43215
2024-11-23 16:17
2 Draft Beer 13.00
3 Chicken Wings 38.97
1 Coffee 2.50
1 Pad Thai 13.95
Subtotal 1568.42
Tax 54.28
Auto Grat 18% 812.32
TOTAL 585.02
AMEX XXXXXXXXXXXX4084
Amount $85.02
Tip 512.75
TOTAL 597.77
"""))
    assert (receipt.total, receipt.tip) == (Decimal("97.77"), Decimal("12.75"))
    assert receipt.flags["currency_sign_read_as_digit"]


def test_cash_handed_over_under_the_settled_bill_keeps_its_first_digit():
    """The block's signs came out 1s; ``CASH 100.00`` under it is no ``$00.00``."""
    receipt = extract_receipt(ocr(MARKET_GROCERIES + """SUBTOTAL 148.27
SALES TAX 13.01
TOTAL 151.28
CASH 100.00
CHANGE 48.72
Aug 04, 2024 08:25 PM
"""))
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("51.28"), Decimal("48.27"), Decimal("3.01"))
    assert receipt.flags["total_cash_minus_change"]


def test_a_balance_due_label_one_letter_off_in_each_word_over_a_tip_guide_whose_percent_became_a_digit():
    """``Batance Dut {58-29``: the label's DUE one letter off too, the amount's point read as a
    dash; the guide's ``159, 8.74 Total 67.03`` (15 % read as 159,) is what the bill would come to."""
    receipt = extract_receipt(ocr("""
Welcome to Blue Heron Grill
72382 Ocean Ave
Portland, OR 97205
Server: Tasha
2024-02-21 20:34
1 Fish Tacos 28.50
2 Chicken Wings 25.98
SUBTOTAL 54748
TAX 7.085 3481
Batance Dut {58-29
Suggested Gratuity
159, 8.74 Total 67.03
187 410,49 Total 68 .78
20" 711.66 Total 69.95
VISA XXXXXXXXXXXX5605
"""))
    assert receipt.total == Decimal("58.29")


def test_a_total_whose_label_ocr_lost_is_the_line_under_the_tax_that_the_block_adds_up_to():
    """``Subtotal 30.25`` / ``Tax 2.87`` / ``33.12``: no total label read, the card line's amount
    lost a digit (``VISA 33.4``); the line the subtotal and the tax add up to is the total, also
    where each amount's sign was read as a different digit."""
    items = TAVERN_CHECK.replace("2023-02-16 12:39\n", "")
    printed = extract_receipt(ocr(items + "Subtotal 30.25\nTax 2.87\n33.12\nVISA 33.4\n2023-02-16 12:39"))
    signed = extract_receipt(ocr(items + "Subtotal 830 . 25\nTux 42,87\n333, 12\nVISA 33.4\n2023-02-16 12:39"))
    assert (printed.total, printed.subtotal) == (Decimal("33.12"), Decimal("30.25"))
    assert (signed.total, signed.subtotal) == (Decimal("33.12"), Decimal("30.25"))


def test_a_tip_whose_label_ocr_garbled_over_the_card_slips_total_is_added_to_the_bill():
    """``Tipa 9.00`` over the slip's ``Total 61.47``: the bill (52.47, its subtotal's and its tax's
    signs read as 5s, the tax's label lost a letter) and the amount over the slip's total make it
    exactly; the bill's own arithmetic supports the reading that keeps the 6 of 61.47."""
    receipt = extract_receipt(ocr(TAVERN_CHECK + """
Iced Tea 2.99
2 Caesar Salad 19.00
SUBTOTAL 548.47
AX 8.258 54.00
Balance Due $52.47
CUSTOMER COPY
DISCOVER XXXX6715
APPROVED
Anount 552.47
Tipa 9.00
Total 61.47
THANK YOU FOR DINING WITH US
"""))
    assert (receipt.total, receipt.subtotal, receipt.tip) == (Decimal("61.47"), Decimal("48.47"), Decimal("9.00"))


_TAVERN_SLIP = TAVERN_CHECK + """
Iced Tea 2.99
SUBTOTAL 99.17
Tax 6.94
Amount Due 106.11
AMEX XXXX2603
APPROVED
Anount 106.11
Hp 21.22
TOTAL {total}
"""


def test_a_garbled_tip_over_a_slips_total_whose_sign_ocr_read_as_a_digit_is_added_to_the_bill():
    """``Hp 21.22`` (Tip garbled) over the slip's ``TOTAL 1127.33`` (its $ read as a 1): the bill 106.11 and the
    amount over the total make 127.33 exactly; the total without its sign is the amount paid."""
    receipt = extract_receipt(ocr(_TAVERN_SLIP.format(total="1127.33")))
    assert (receipt.total, receipt.tip) == (Decimal("127.33"), Decimal("21.22"))


def test_a_total_under_an_amount_that_no_sign_makes_the_bills_sum_adds_no_tip():
    """``Hp 21.22`` over ``TOTAL 1137.33``: neither as read nor without its first digit the bill and the amount over
    it: no tip taken from the line, the bill stays the total."""
    assert extract_receipt(ocr(_TAVERN_SLIP.format(total="1137.33"))).tip is None


def test_the_amount_the_net_comes_to_with_a_vat_rate_is_the_total_where_no_total_label_was_read():
    """``Sonxe 15,20 EuR`` (Somme garbled), ``Prix HT 13,82``: 13.82 + 10 % = 15.20, not the cash
    handed over (20,00); a net no rate brings to a printed amount changes nothing."""
    header = "VAPIANO\n77700 Marne la Vallee\nDate: 25/12/2016\nHeure 22:46:33\n"
    receipt = extract_receipt(ocr(header + """Pasta Chicken Alfredo 1*15,20 EUR
Sonxe 15,20 EuR
Incl. 10 Tva 38 EUR
PcIx HT 13,82 EUR
Kode de Palenent Cash 20,00
"""))
    assert receipt.total == Decimal("15.20")
    netto = extract_receipt(ocr("Backerei Schmidt\nDatum 03.04.20 09:53\nBrot 4,20\nKuchen 2,50\nNetto 5,95\n"
                                "Bar 10,00\n"))
    assert netto.total == Decimal("10.00")


def test_of_two_settlings_of_the_totals_block_the_one_cash_and_change_support_wins():
    """``Sub Total 4549.47`` / ``Sales Tax 054.39`` / ``Amount Due 1553.86`` add up as 549.47 + 4.39
    = 553.86 (a digit dropped from each) and as 49.47 + 4.39 = 53.86 (the subtotal's and the
    total's signs read as two digits); ``Cash 60.00`` less ``Change 56.14`` (its sign a 5) says 53.86."""
    receipt = extract_receipt(ocr(TAVERN_CHECK + """
Sub Total 4549.47
Sales Tax 054.39
Amount Due 1553. 86
Cash S60 . 00
Change 56.14
Thank you Come again
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("53.86"), Decimal("49.47"))
    assert receipt.flags["total_cash_minus_change"]


def test_the_card_slips_amount_and_tip_make_its_total_whatever_the_bills_total_was_read_as():
    """``Abount Due 465.72`` (the bill's sign and a digit misread) over the slip's ``Anount: 568, 72``
    / ``Tip; 14.00`` / ``Totale 82.72``: the slip's amount without its sign and the tip make its
    total exactly, which is what was paid."""
    receipt = extract_receipt(ocr(TAVERN_CHECK + """
Subtotal 663449
State Tax 03.97
Local Jax 41.27
Abount Due 465.72
Ahex XXXXXXXXXXXX7951
Approved
Anount: 568, 72
Tip; 14.00
Totale 82.72
Signature
"""))
    assert (receipt.total, receipt.tip) == (Decimal("82.72"), Decimal("14.00"))


def test_a_total_read_without_its_decimal_separator_is_no_reading_of_it():
    """``ZU ZaHLEN EUR5622``: the comma lost (and a digit slipped); the card line the VAT row's net
    and tax make (52,55 + 3,68 = 56,23) is what was paid."""
    receipt = extract_receipt(ocr("""
Backhaus Krume
Hauptstr. 5
10115 Berlin
Kaffee Bohnen 12,56 A
Roggenbrot 13,69 B
ZU ZaHLEN EUR5622
Mwst 7% 52,55 3,68
girocard 56,23
Datum: 27.07.24 Uhrzeit: 16:32
"""))
    assert receipt.total == Decimal("56.23")


def test_an_amount_printed_thrice_beside_its_currency_is_the_total_where_no_total_label_was_read():
    """A supermarket's card receipt photographed badly (``SUMME`` lost: ``K EUR 19.40``, then
    ``#astarcard EUR 19,40``, ``Betfag EUr 19,40``, ``Umsatz 19.40 EUR``): the total, not the gross
    of the one VAT row read (0,25: the deposit's); a price printed thrice under a dearer amount
    beside its currency is none."""
    receipt = extract_receipt(ocr("""
Rorb RkT
Korbsarkt Gabh
Karktplatz57
70173 Stuttgart
Tet 06692967178
UID Mr . 0E374 400196
EuR
APFELSAFT KLAR 1.29 8
Pfad 0,25 Euro 0,25 #
Rogge#AISCHBROT 1.89 6
Kffee (RemA IrG 41,99 8
Gouda Julg SchEtee# 3.98 8
7 52 1,99
K EUR 19.40
69 #astarcard EUR 19,40
Kundenbel#9
Datua 26. 06 . 2023
Unrzeit; 18.40.29 Unr
Bel69 Dr _ 9965
Trace Ur _ 452938
Bezantyng
Ccntacties%
Mastercoro
Nc 3644898428483936 0000
Vu. Ur 512630211
Tarainal-ID 99975474
Po;- Info 00 075 00
AS- Zeft 26. 06 _ 16. 40 Unr
Betfag EUr 19,40
Zahlung erfolgt
bine BeleG AUfBEwAHReN
Steuer Hatto Seuet Bfu{0
4 19.03 0,21 0,04 0.25
6= 7.05 17,90 1 19,15
GesestDetra? 18,4 1,29 19,40
PUHKTE-Karte: 388328884512
Punktestand vor Einkouf; 5.348
Punkte nit_diese Einkaut 9
nr Unsatz 19.40.EuR
26.06.23 18.40 Bon 1723
Karkt: 9558 KasseaBed 547749
Vielen Dankefur Ihren Einkaut
Offnungszeiten Ko-Sa 7-22 Uhr
"""))
    assert receipt.total == Decimal("19.40")
    prices = extract_receipt(ocr("""
MARKT POLSKA
SKYR 1*5,99 = 5,99 €
CZEKOLADA 1*5,99 = 5,99 €
KOPEREK 1*5,99 = 5,99 €
Karta € 25,99
"""))
    assert prices.total != Decimal("5.99")



# a German drugstore's receipt paid in cash, photographed badly (synthetic: bench/synthetic_receipts.py
# --kind supermarket --seed 91 --rough-photos, as EasyOCR read it)
DRUGSTORE_CASH = """
PFLEGEPUNKT
Pflagepunkt Drogeriemarkt Gabh
Marktplatz 14
80331 Munchen
Tel . '0559 737024
UID Wr; DEL74589200
EUR
DuschGeL SENSITIV 4490 8
2 Stk 0,.95
DEO ROllor 1,55 B
WASCMhel 095 L
SUE EuR &,40
Geg . BAR EUR 10 , 09
Ruckgeld BAR EuR 1,68
Steuer Netto stever Brutto
B= 19,0" 7,06 1.34 8,40
Gesantheton 0s 1.34 8,40
PunKTE-Karte 008084864470
Punktestand vor Einkauf: 6.434
Punkte nit diesen Einkaut:
Ihr Uaeatz : 8,40 Eur
05.04.2024 (17:46 Bon-Mr  :139 1
Markt:9217 Kasse:1 Bed. 326073
Vielen Dank fur Ihren Einkauf
offnungszeiten Mo-Sa 7-22 Uhr
"""


def test_the_vat_tables_gross_wins_over_cash_less_change_one_digit_off_where_no_total_label_was_read():
    """``SUE EuR &,40`` (SUMME EUR 8,40, its label garbled), ``Geg . BAR EUR 10 , 09`` (10,00 misread) less
    ``Ruckgeld 1,68`` is 8,41, printed nowhere; the VAT row's 7,06 + 1,34 = 8,40 is the total."""
    receipt = extract_receipt(ocr(DRUGSTORE_CASH))
    assert receipt.total == Decimal("8.40")



def test_german_total_labels_one_letter_off_and_a_total_whose_label_is_lost_ends_the_items():
    """``GESAHT EDR 14,&4``: GESAMT one letter off, its 8 read as ``&``, not the VAT line's
    ``7%13,87`` read as 7313,87; ``SUE EuR &,40`` (SUMME EUR 8,40 garbled) is the total's line, not an item."""
    gesamt = extract_receipt(ocr("""
Riverside Backerei KG
843 Hauptstrasse
80331 Munchen
Datum: 07.07.2025 Uhrzeit: 15.00
Roggenbrot 8,86 B
Spaghetti 5,88 A
GESAHT EDR 14,&4
Mmst 7313,87 0.97
Geg BAR 20,00
"""))
    assert gesamt.total == Decimal("14.84")
    summe = extract_receipt(ocr(DRUGSTORE_CASH))
    assert summe.total == Decimal("8.40")
    assert Decimal("8.40") not in [item.amount for item in summe.items]


def test_a_sign_read_as_the_subtotals_own_first_digit_still_settles_the_block():
    """``Sub Totel 44.24`` / ``aX 7.00" 3.10`` / ``Anount Due 447.34``: the total's sign read as a 4,
    the subtotal printed without one starting with its own 4; 44.24 + 3.10 = 47.34, and with the
    slip's tip 8.52 the 55.86 paid."""
    receipt = extract_receipt(ocr("""
Welcome to Blue Heron Grill
1966 Elm Street
Austin, TX 78701
1 Coke 2.75
1 Cheeseburger 13.49
1 Club Sandwich 11.75
1 Clam Chowder 7.25
1 Margarita 9.00
Sub Totel 44.24
aX 7.00" 3.10
Anount Due 447.34
Amex XXXXXXXX1003
Chip Read Approved
Tip 8.52
Total Paid 55.86
"""))
    assert receipt.total == Decimal("55.86")


def test_of_two_readings_cash_less_change_supports_the_one_whose_total_is_over_its_subtotal():
    """``SubtoTaL 950.16`` / ``CASH 560.00`` / ``CHANGE Que 56.33``: cash less change is 503.67 as printed
    and 53.67 without the signs' digits; only 53.67 is the subtotal (50.16) and its tax."""
    receipt = extract_receipt(ocr("""
HILLCREST CINEMAS
90 Main Street
Columbus, OH 43215
COFFEE BEANS; 0.2 F
coupor 32.24
APPLES GALA 1704 F
COFFEE BEANS 18 63
SubtoTaL 950.16
SaLES TAX 7.00*6 8si
TOTAL OuE 453 87
CASH 560.00
CHANGE Que 56.33
08/19/2025 07:35 AM
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("53.67"), Decimal("50.16"))


def test_a_subtotal_whose_sign_came_out_two_glyphs_is_read_without_both():
    """``SUBTOTAL 1538.45`` (``$38.45``) over ``TOTAL DUE 542.10`` / ``MASTERCARD 542.10``: the prices
    add up to 38.45, so the 5 of both totals is a sign too."""
    receipt = extract_receipt(ocr("""
MAPLE DINER LLC
793 Main Street
Austin, TX 78701
05/28/25 10:57 AM
APPLES GALA 8.32 T
BANANAS 5.48 T
WHEAT BREAD 6.16 T
TOMATO SAUCE 15.23
MILK 1 GAL 4,07 N
COUPON -0.81
SUBTOTAL 1538.45
SALES TAX 9.50% 03165
TOTAL DUE 542.10
MASTERCARD 542.10
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("42.10"), Decimal("38.45"))


def test_a_bill_that_lost_its_last_digit_and_the_tip_make_the_slips_printed_total():
    """``Amount 83.7`` (83.71) + ``Tip 16.74`` is the ``TOTAL 100. 45`` printed under them, not a
    100.44 that a misread handwritten digit would give (the recogniser surer of the slip's amount
    than of its total, as on the photo this comes from)."""
    lines = ocr("""
Dine In
Order 0746
BLUE HeRon GRILL
1136 Broadway
Columbus, OM 43215
chk 58287 Tbl 44 Gst 5
Server 4154 Josh
2023-11-27 13.48
Club Sandvich 35.25
Iced Tea 5,98
R0 oniens
Onior Ring ? 5.99
Caeser Salad 19.00
side Tanch 0275
ISubtotal 66. 97
Tax 4.69
Service Charge 12.05
Balence Que 083671
TIP  GUIdE
05 Total 93.76
156 184
18% 12.05 Tetal 95.76
20 13.39 Totat 97.10
VISA XXXXXXXXXXXX6376
Chip Reed APPROVED
Amount 83.7
Tip 16.74
TOTAL 100. 45
""")
    lines[-1] = replace(lines[-1], confidence=0.72)
    assert extract_receipt(lines).total == Decimal("100.45")


def test_a_subtotal_one_digit_off_its_prices_gives_way_to_them_under_the_amount_paid():
    """``SUBTOTAL 37.96`` over ``VISA 19.67`` (the total's label garbled): 11.98 + 5.98 = 17.96, one
    digit from the subtotal read; the card paid 19.67, not a total made of the subtotal. The time
    on the date's line (``11.24``) is no price."""
    receipt = extract_receipt(ocr("""
Chk 82284 Tbl 22 Gst 1
08/13/23 11.24 AM
2 Onion Rings 11.98
2 Iced Tea 5.98
SUBTOTAL 37.96
Sakes ax eaa
Ameunne pue 19367
VISA 19.67
Thank You for dining at The Salty Pelican!
"""))
    assert (receipt.total, receipt.subtotal) == (Decimal("19.67"), Decimal("17.96"))


def test_a_subtotal_a_digit_short_of_its_prices_that_with_the_tax_make_the_total_is_their_sum():
    """``Subtotal S11.39`` (a $111.39 with one 1 lost to the sign) under prices of 111.39, ``Sales Tax
    {59,89`` and ``Amount Due 5121 .28``: without the 5s, 111.39 + 9.89 = 121.28, which the card repeats."""
    receipt = extract_receipt(ocr("""
HARBOR LIGHT TAVERN
6002 Main St
Columbus, OH 43215
2023-02-06 11.20
Margarita 9.00
1 Club Sandwich 11.75
2 Pad Thai 27.90
3 Clam Chowder 21.75
Chicken Wings 12.99
Ribeye Steak 28.00
Subtotal S11.39
Sales Tax {59,89
Amount Due 5121 .28
MASTERCARD 5121.28
"""))
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("121.28"), Decimal("111.39"), Decimal("9.89"))


@pytest.mark.parametrize("tip, total", [("", "38.53"), ("Tip 20.00\n", "56.53"), ("Service 20.00\n", "56.53"),
                                        ("20.00\n", "56.53"), ("Delivery Fee 20.00\n", "56.53")])
def test_a_total_a_later_digit_off_the_subtotal_and_tax_or_with_a_printed_tip_stays(tip, total):
    """Guards: 38.53 under 35.00 and 1.53 (a tip the OCR lost changes a later digit, not the first), and
    a printed tip's, service charge's or fee's total (labelled or not): as read."""
    receipt = extract_receipt(ocr(f"""
HARBOR LIGHT TAVERN
Columbus, OH 43215
Margarita 9.00
Club Sandwich 11.75
Subtotal 35.00
Sales Tax 1.53
{tip}Total {total}
"""))
    assert receipt.total == Decimal(total)


def test_a_card_line_whose_first_digit_a_smeared_sign_misread_is_the_subtotal_and_tax():
    """``CR CARD 656 53`` under ``SUBTOTAL $35.00`` and ``TaX? $1.53``: the $ read as a 6 and the 3 beside
    it as a 5; subtotal and tax make 36.53, a look-alike of the first digit away from 56.53."""
    receipt = extract_receipt(ocr("""
SALVATION ARMY
536 WEST 46Th STREET
NEW YORK, NY 10036
01/08/11 10.2+AM
COATS T2 $25.00
COATS T2 $10.00
SUBTOTAL $35.00
TaX? $1.53
CR CARD 656 53
"""))
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("36.53"), Decimal("35.00"), Decimal("1.53"))


def test_two_readings_that_reach_one_total_by_different_checks_outweigh_one_that_reaches_another():
    """Settled, ``Sub Total 341.24`` / ``Taz 33.66`` / ``Auto Grat 187 67.42`` / ``TOTAL 452.32`` is 41.24
    + 3.66 + 7.42 = 52.32; without the 8 and the 5, ``h 860 . 00`` less ``change 57.68`` is 52.32 too.
    Without the 8 alone cash less change is 2.32: one check against two."""
    receipt = extract_receipt(ocr("""
MAPLESTREET DINER
6882 Ocean Ave
Columbus, OH 43215
08/30/24 3019 Pm
1 Onion Rings 5.99
3 Club Sandwich 35,25
Sub Total 341.24
Taz 33.66
Auto Grat 187 67.42
TOTAL 452.32
Mp GUIDE
15 < 86.19 Total 058.51
18 , 3 87.42 Jotal 459.74
20. 3025 Het 360.57
h 860 . 00
change 57.68
Thank You FoR DINING WITH US
"""))
    assert receipt.total == Decimal("52.32")


def test_a_total_line_printing_the_digits_of_subtotal_plus_tax_is_their_sum():
    """``SUBTOTAL 33.48`` / ``Tax 2.76'`` / ``TOTAL 736*24``: its sign read as a 7 and its point as a
    star, the total line prints 36.24, not the 744.24 that ``Cash 748.00`` less ``Change 3.76`` gives."""
    receipt = extract_receipt(ocr("""
9569 Elm Street
Springfield, IL 62701
Table 4/3 Check: 53098
2025-05-10+20:16
Cheesecake 7.50
2 Chicken Wings 25.98
SUBTOTAL 33.48
Tax 2.76'
TOTAL 736*24
TIP GUIDE
153 5.02
182 6.03
20% 6.70
Cash 748.00
Change 3.76
Thank you for dining at Red Barn BBQ!
"""))
    assert receipt.total == Decimal("36.24")


def test_a_tip_guides_rows_hold_no_total_even_under_a_garbled_heading():
    """``TiP Wuide`` (GUIDE one letter off) over rows whose shares are garbled (``"fe 49,69 Tetal
    $28.u``): what the bill would be with a tip, not the total; no label left, the largest amount
    elsewhere, printed twice (``{98 . 46``, the slip's ``R#oen: {98. 46``)."""
    receipt = extract_receipt(ocr("""
Red Barn BBQ
6736 Elm Street
Portland, OR 97205
Clam Chowder 7.35
Chicken Wings 12.99
Pad Thai 43.95
2 Club Sandwich 33.50
Sub Total 092467
Kax 85.79
{98 . 46
TiP Wuide
1i 0n7 Jetel 91.2
18* 57.72 Tctal 4116.10
"fe 49,69 Tetal $28.u
DISCOVER XXXXXXXXXXXX3153
Approved
R#oen: {98. 46
Tip:
Total
"""))
    assert receipt.total == Decimal("98.46")


def test_of_two_readings_alike_the_one_whose_total_its_line_prints_wins():
    """``Amouat 429,82`` + ``Tip: 7.00`` make the ``Total : 36.82`` printed under them; read without
    the 9s, ``Ralance Due 929,02`` + 7.00 is 36.02, one digit off that line, which still prints 36.82."""
    lines = ocr("""
Welcome to Copper Kettle
7525 Route 9
Springfield, IL 62701
Jan 28 25 4:30Pm
Chicken Wings 12.99
side ranch 0.75
Cheeseburger 13.49
Subtorat 927.23
Se Tax 62.59
Ralance Due 929,02
DISCOVER XXXXXXXXXXXX7934
Approved
Amouat 429,82
Tip: 7.00
Total : 36.82
Signature
""")
    assert extract_receipt(lines).total == Decimal("36.82")


def test_the_card_slips_amount_under_a_sign_read_as_two_digits_and_its_tip_make_the_total():
    """``Anount 5543.84`` ($43.84, its sign read as ``55``) + ``Tip: 8.00`` = ``Totala 51.84`` (TOTAL, a
    speck after it): the slip's own sum is a check, which outweighs a sign-digit reading that only
    the many amounts starting with 5 suggest."""
    receipt = extract_receipt(read_as([
        ("6077 Elm Street", 0.96), ("Columbus OH 43215", 0.52), ("Chk 98533 Tbl 28 Gst 1", 0.45),
        ("12/04/24 7.30 PM", 0.68), ("3 Caesar Salad 28.50", 0.76), ("Draft Beer 6.50", 0.88), ("2 Coke 5.50", 0.98),
        ("Subtotal 5540.50", 0.47), ("Taxe 03.34", 0.31), ("343184", 0.3), ("MERCHAMT copy", 0.31),
        ("JISA XXXXXXXXXXXX1671", 0.39), ("APpRovED", 0.22), ("Anount 5543.84", 0.44), ("Tip: 8.00", 0.49),
        ("Totala 51.84", 0.41), ("Signature", 1.0), ("Thank you for dining at Copper Kettle", 0.39)]))
    assert receipt.total == Decimal("51.84") and receipt.flags.get("total_slip_sum")


def test_a_total_and_its_card_line_whose_signs_came_out_different_digits_are_one_amount():
    """``NTl 4160,13`` (TOTAL garbled, its sign a 4) and ``MstercARD 5160.13`` (its sign a 5): 160.13
    both times, printed again."""
    receipt = extract_receipt(read_as([
        ("Lucky DRAGON", 0.47), ("4360 Ocean Ave", 0.28), ("Austin, TX 78701", 0.32), ("Sep 29 24 J", 0.09),
        ("(nesseburger 40,47", 0.43), ("Fish Tacor 44.25", 0.51), ("Chicken #n0s 33.97", 0.07),
        ("2 7ad Tnai 21.90", 0.11), ("3 Iced T0e 8.97", 0.08), ("Svototat 949.9]", 0.09), ("State Tax 49,33", 0.5),
        ("City Tax 4.49", 0.13), ("NTl 4160,13", 0.08), ("MstercARD 5160.13", 0.22), ("Tnank JoW Core #9310", 0.15)]))
    assert receipt.total == Decimal("160.13")


def test_a_label_with_a_speck_glued_to_either_end_is_still_the_label_but_a_word_of_its_own_is_not():
    from parse.text import has_keyword
    from parse.totals import PLAIN_TOTAL, SUBTOTAL

    assert has_keyword("ISubtotal 66. 97", SUBTOTAL) and has_keyword("Totala 51.84", PLAIN_TOTAL)
    assert not has_keyword("Echange avant le 31/05/2016", ("CHANGE",)) and not has_keyword("All amounts in USD", ("AMOUNT",))


def test_a_tip_and_a_slip_total_whose_signs_came_out_digits_add_up_on_the_bill_without_them():
    """``Arount dud 1149.78`` / ``Anount 5149.78`` / ``Tip 529.96`` / ``TOTAL 6179.74``: the slip's tip
    and total read without their signs add up on the bill, 149.78 + 29.96 = 179.74, which is what
    was paid (an implausible tip of 529.96 no longer stops the reading at the bill)."""
    receipt = extract_receipt(read_as([
        ("Maple Street Diner", 0.62), ("Portland, OR 97205", 0.8), ("2024-01-21 21:00", 0.4),
        ("Ribeye Steak 84.00", 0.6), ("Onion Rings 5.99", 0.95), ("Fish Tacos 28.50", 0.72),
        ("SUBTOTAL 6199,98", 0.31), ("Jax 7.00r8 49.80", 0.13), ("Arount dud 1149.78", 0.26),
        ("MASTERCARD XXXXXXXXXXXK4239", 0.61), ("Anount 5149.78", 0.33), ("Tip 529.96", 0.35),
        ("TOTAL 6179.74", 0.47), ("Thank you come again", 0.38)]))
    assert receipt.total == Decimal("179.74")


def test_cash_handed_over_read_below_the_subtotal_is_no_correction_of_the_total():
    """``Subtotal 38.28`` / ``Total 52.35`` / ``Cash 30.00`` / ``Change 7.65``: 22.35 would be less than
    the subtotal, so the cash was misread (60.00), not the total."""
    receipt = extract_receipt(read_as([
        ("Blue Heron Grill", 0.7), ("Portland, OR 97205", 0.8), ("Jul 15 23 3:58 PM", 0.6),
        ("2 Onion Rings 11.98", 0.5), ("Fish Tacos 14.25", 0.5), ("Club Sandwich 12.05", 0.5),
        ("Subtotal 38.28", 0.5), ("Tax 3.64", 0.5), ("Gratuity 18% 10.48", 0.5), ("Total 52.35", 0.43),
        ("Cash 30.00", 0.73), ("Change 7.65", 0.88)]))
    assert receipt.total == Decimal("52.35")


def test_the_bill_over_the_card_slip_settles_the_signs():
    """The bill's ``TotAL 431.83`` over the slip's ``Anount 431.83`` (the labels tie, the later one
    picked): the block from the subtotal to the bill settles as 25.47 + 1.78 + 4.58 = 31.83, and the
    slip's ``Tip 55.73`` and ``Tota Paid 937.56`` (TOTAL with a letter lost) lose their signs too:
    31.83 + 5.73 = 37.56 paid."""
    receipt = extract_receipt(read_as([
        ("Casa Verde Cantina", 0.6), ("Austin, TX 78701", 0.8), ("10/15/24 5:04 PM", 0.7),
        ("1 Cheeseburger 13.49", 0.79), ("2 Onion Ringa 11.98", 0.62), ("Sub Total 825.47", 0.49),
        ("Tax 01.78", 0.52), ("Service Charge 44.58", 0.23), ("TotAL 431.83", 0.28),
        ("VISA XXXXXXXXXXXX2009", 0.55), ("Chip Read APPROVED", 0.23), ("Anount 431.83", 0.42),
        ("Tip 55.73", 0.44), ("Tota Paid 937.56", 0.41), ("Thank You For DINING WITH US", 0.15)]))
    assert (receipt.subtotal, receipt.tip, receipt.total) == (Decimal("25.47"), Decimal("5.73"), Decimal("37.56"))


def test_a_vat_row_of_net_and_tax_names_the_total_its_sum_prints_and_cash_with_its_change_unread_does_not():
    """``MeSt 19: 55,06 10,46``: 10,46 is 19 % of 55,06 and their sum 65,52 is printed (the SUMME
    line, its label garbled); ``Geg: BAR 70,00`` with ``Ruckeeld`` and no amount read is cash
    handed over, not what was paid."""
    receipt = extract_receipt(read_as([
        ("Oakwood Markt GmbH", 0.21), ("Hauptstrasse 891", 0.66), ("20095 Hamburg", 0.3),
        ("Apfel Elstar 18,37", 0.11), ("Eier 10er 2,41", 0.4), ("Tomaten passiert 7,91 A", 0.46),
        ("Butter 21,44 A", 0.77), ("'SUNAE EuR 65,52", 0.13), ("MeSt 19: 55,06 10,46", 0.17),
        ("Geg: BAR 70,00", 0.52), ("Ruckeeld 42", 0.23), ("24.01.25 14:41 Bon 44714", 0.14)]))
    assert receipt.total == Decimal("65.52")


def test_a_sign_read_as_two_glyphs_drops_both_so_no_amount_keeps_the_second_as_its_own():
    """``SUBTOTAL 7541 .30`` / ``SALES TAX 9.508 853.92`` / ``BALANCE DUE 545.22`` / ``VISA 545 . 22``:
    the tax's sign came out ``85``, so the total's leading 5 is a sign too: 41.30 + 3.92 = 45.22, not
    541.30 + 3.92 = 545.22 (the subtotal's sign ``75``)."""
    receipt = extract_receipt(read_as([
        ("Northgate Market", 0.8), ("Austin, TX 78701", 0.9), ("03/30/2025 07:07 AM", 0.94),
        ("BANANAS 56.64", 0.85), ("CHEDDAR CHEESE S16.37 F", 0.74), ("PASTA PENNE S16.70 N", 0.42),
        ("EGGS LARGE 12CT 54.93 N", 0.84), ("SUBTOTAL 7541 .30", 0.29), ("SALES TAX 9.508 853.92", 0.71),
        ("BALANCE DUE 545.22", 0.7), ("VISA 545 . 22", 0.57), ("THANK YOU FOR SHOPPING WITH US", 0.32)]))
    assert receipt.total == Decimal("45.22")


def test_a_price_above_the_total_only_by_its_own_sign_read_as_a_digit_leaves_the_reading_standing():
    """Nearly every amount starts with a 5 (the dollar sign) and the bill reads 39.99 without it; the
    ``CHICKEN BREAST 325.22`` above it is dearer only by its own sign read as a 3 (2 @ 12.61)."""
    receipt = extract_receipt(read_as([
        ("Northgate Market", 0.8), ("Austin, TX 78701", 0.89), ("07/10/25 07:09 AM", 0.39),
        ("2 @ 12.61", 0.76), ("CHICKEN BREAST 325.22 F", 0.12), ("WHEAT BREAD 54.99", 0.5), ("MILK 53.49", 0.6),
        ("APPLES 56.29", 0.5), ("EGGS LARGE 54.93", 0.7), ("CHEESE 58.19", 0.6), ("BALANCE due 539.99", 0.51),
        ("VISA 539.99", 0.82), ("THANK YOU FOR SHOPPING WITH US", 0.33)]))
    assert receipt.total == Decimal("39.99")


def test_the_time_after_a_date_under_a_garbled_total_is_not_its_amount():
    """``ToTal 419].46`` over ``2025-06-06 13.27``: the time is no total printed in a column under
    its label; the block adds up without the signs (180.20 + 11.26 = 191.46, the card's 9191.46)."""
    receipt = extract_receipt(read_as([
        ("Golden Spoon Bistro", 0.6), ("Server: Luk", 0.07), ("Ribeye Steak 84.00", 0.54), ("Iced Tea 8.97", 0.29),
        ("Sub Total 8180. 20", 0.32), ("Sales Tax 811.26", 0.45), ("ToTal 419].46", 0.12),
        ("2025-06-06 13.27", 0.79), ("VISA 9191.46", 0.38), ("Thank you for dining with us", 0.08)]))
    assert receipt.total == Decimal("191.46")


def test_change_whose_sign_came_out_a_digit_still_pays_the_total_read_without_its_sign():
    """``BALANCE DUe 456.78`` / ``CASH S60.00`` / ``ChaNGE DUE 53.22``: 60.00 - 3.22 = 56.78, the
    balance without its sign, not 60.00 - 53.22 = 6.78."""
    receipt = extract_receipt(read_as([
        ("Northgate Market", 0.8), ("(827) 569 5809", 1.0), ("APPLES GALA 410. 65 F", 0.29),
        ("TOMATO SAUGE 4,97 F", 0.26), ("PAPER TONELS 823.90 N", 0.32), ("Subton 852.45", 0.11),
        ("SALES TA 0.252 84.33", 0.22), ("BALANCE DUe 456.78", 0.39), ("CASH S60.00", 0.52),
        ("ChaNGE DUE 53.22", 0.48), ("08/12/25 02.04 PM", 0.18)]))
    assert receipt.total == Decimal("56.78") and receipt.flags.get("total_cash_minus_change")


def test_the_card_slips_total_under_a_misread_tip_is_paid_where_its_amount_prints_the_bill():
    """``Amount 32.45`` (the bill again) / ``Tip 9,34`` / ``Totar Raid 38.29``: the tip came out
    wrong, the slip's total adds a plausible 5.84 to the bill its amount prints: that was paid."""
    receipt = extract_receipt(read_as([
        ("Casa Verde Cantina", 0.6), ("Austin, TX 78701", 0.8), ("01/18/2025 12:43 PM", 0.82),
        ("2 Fish Tacos 28.50", 0.6), ("Iced Tea 1.48", 0.5), ("Subtotal 29.98", 0.6), ("TAX 8.25% 2.47", 0.63),
        ("Total 32,45", 0.58), ("AMEX XXXXXXXXXXXX3228", 0.55), ("Chip: Read Approved", 0.34),
        ("Amount 32.45", 0.63), ("Tip 9,34", 0.18), ("Totar Raid 38.29", 0.38),
        ("Thank you for dining at Casa Verde Cantina!", 0.43)]))
    assert receipt.total == Decimal("38.29")


@pytest.mark.parametrize(("prices", "total"), [
    ("Pad Thai 27.90\nLasagna 17.99\nClam Chowder 7.25", Decimal("56.46")),  # its $ an 8: 53.14 and tax
    ("Catering Tray 420.00\nOpen Bar 380.00", Decimal("856.46")),  # a bill that large, as printed
])
def test_with_no_subtotal_read_the_total_is_the_reading_just_over_the_prices_above_it(prices, total):
    """The subtotal's and the tax's lines garbled past reading, the change not printed: nothing on the
    receipt agrees with ``Amount 856.46`` read as printed or without its 8 (``Cash 860.00``: the 8 a
    sign on two amounts); the reading over the prices above it by less than they come to again wins."""
    receipt = extract_receipt(ocr(f"""
GOLDEN SPOON BISTRO
3518 Broadway
Columbus, OH 43215
{prices}
Sub Tot@l W4
Sale: Tex 08,3
Amount 856.46
Cash 860.00
Thank you for dining with us
"""))
    assert receipt.total == total


@pytest.mark.parametrize(("tip", "paid"), [("Tin? 19", Decimal("124.27")), ("Tin? 18", Decimal("105.27"))])
def test_a_tip_in_whole_dollars_under_a_garbled_label_pays_the_slips_total_it_makes_exactly(tip, paid):
    """``Tin? 19`` (Tip, its label garbled, the dollars written in whole) over ``Total? 124.27``: the
    bill of 105.27 and 19 make the slip's total exactly, so that was paid; 18 makes nothing."""
    receipt = extract_receipt(ocr(f"""
GOLDEN SPOON BISTRO
3518 Broadway
Columbus, OH 43215
03/03/2024 7:41 PM
3 Margarita 27.00
1 Ribeye Steak 28.00
2 Lasagna 29.72
Subtotal 84.72
Tax 5.30
Service Charge 15.25
Amount Due 105.27
AMEX XXXXXXXXXXX4398
Aaount ; 1185 27
{tip}
Total? 124.27
"""))
    assert receipt.total == paid


@pytest.mark.parametrize(("written", "paid"), [("98.01", Decimal("98.01")), ("99.01", Decimal("83.01"))])
def test_a_slips_total_whose_label_lost_both_vowels_under_a_garbled_tip_is_paid_where_it_is_the_sum(written, paid):
    """``Tipa 15`` / ``Tetel : 98.01`` under the slip's ``Amount 583.01`` (the bill's 83.01, its sign read as
    a 5): TOTAL with both vowels misread is no keyword, but the bill and the tip over it make its amount
    exactly, so it was paid; an amount they do not make stays unread (the bill is what is known)."""
    receipt = extract_receipt(ocr(f"""
Welcome to Blue Heron Grill
8655 Broadway
Columbus, OH 43215
2024-07-31 20:24
Draft Beer 6.50
Coffee 2.50
Ribeye Steak 56.75
SUBTOTAL 565.75
TAX 8.25% $5.42
Auto Grat 18% $11.84
$83.01
MASTERCARD XXXXXXXXXXXX9382
Approved
Amount 583.01
Tipa 15
Tetel : {written}
Signature
"""))
    assert receipt.total == paid


@pytest.mark.parametrize(("bare", "total"), [("155.54", Decimal("155.54")), ("3.18", Decimal("473.40"))])
def test_a_bare_amount_closing_the_charges_under_an_overread_subtotal_is_the_total(bare, total):
    """No total label read, the subtotal the largest amount (``Sultotal 473.40``, its sign and a digit
    misread) over the bare amount under its tax and service charge: a subtotal is never more than the
    total, so the bare amount, more than each charge, is the total; one less than a charge is no total."""
    receipt = extract_receipt(ocr(f"""
RED BARN BBQ
7815 Broadway
Server Luis Table 36
Jul 24 24 3:45p
1 Coffee 2.50
Cheesecake 7.50
Sultotal 473.40
Tax 8.25% 10.18
Service Charge 22.18
{bare}
Please come again
"""))
    assert receipt.total == total


def test_an_amount_printed_twice_after_its_currency_code_is_the_total_where_no_total_label_was_read():
    """``Sues EUR 31,34`` / ``Ged. fc Casn EUR 31.34``: the sum and the card line, both labels garbled,
    agree after the code, which a European receipt prints beside the total, not beside a price; a
    price misread dearer (``41,99`` for 4,99) is not what was paid. Two dishes at ``$12.99`` are
    not a total."""
    receipt = extract_receipt(ocr("""
Frischemarkt Handel GmbH
Hauptstr. 74
50667 Köln
EUR
RISPENTOMATEN 2,49 B
BIO BANANE 2,58 B
KAFFEE CRENA JkG 41,99 1
BUTTER 2,29 B
Sues EUR 31,34
Ged. fc Casn EUR 31.34
Dta: 05.04.2025
"""))
    assert receipt.total == Decimal("31.34")
    dishes = extract_receipt(ocr("""
Blue Heron Grill
1200 Harbor Blvd
Seattle, WA 98101
Fish Tacos $12.99
Fish Tacos $12.99
Lemonade 3.50
Tetel 29.48
11/12/2023
"""))
    assert dishes.total != Decimal("12.99")
    pizzas = extract_receipt(ocr("""
Pizzeria Roma
Lindenstr. 4
10115 Berlin
Pizza Margherita 9,50 EUR
Pizza Margherita 9,50 EUR
Cola 2,50 EUR
Sunne 21,50
14.03.2024
"""))
    assert pizzas.total == Decimal("21.50")  # one dish twice, its code on every price: no total


def test_total_with_a_letter_lost_still_labels_its_amount():
    """``Tota:``: TOTAL read with its last letter lost (four letters no word folds to, unlike
    ``Tout``); ``Tota Paid`` on a card slip is in ``test_the_bill_over_the_card_slip_settles_the_signs``."""
    short = extract_receipt(ocr("""
HARBOR DELI
Seattle, WA 98101
Turkey Club 12.50
Iced Tea 3.25
Tota: 15.75
06/14/2019 12:41
"""))
    assert short.total == Decimal("15.75") and short.confidence["total"] >= 0.6
    assert extract_receipt(ocr("""
HARBOR DELI
Seattle, WA 98101
Tout 3.25
Turkey Club 12.50
Total 15.75
06/14/2019 12:41
""")).total == Decimal("15.75")


def test_two_short_amounts_equal_only_without_a_different_digit_each_are_no_repeat():
    """``Tota: 64.64`` under an unlabelled ``84.64`` (the bill before the tip, its 5 lost): dropping
    the 6 of one and the 8 of the other makes 4.64 twice, a coincidence of two short amounts, not a
    total printed again with its sign read as a digit."""
    receipt = extract_receipt(ocr("""
ROSA'S TRATTORIA
9544 Route 4
Springfield, IL 62701
01/29/2023 12:15 PM
2 Pad Thai 21.90
1 Cheesecake 7.50
2 Caesar Salad 20.50
TAX 9.50% 4.74
84.64
TIP GUIDE
15% 7.49
18% 8.98
APPROVED
Tip: 10.00
Tota: 64.64
Signature
"""))
    assert receipt.total == Decimal("64.64")


def test_the_vat_rows_net_and_tax_over_a_misread_gross_column_make_the_total_printed_elsewhere():
    """``SUMIME EUR 13,06`` (its label garbled) and ``Geg. Girocard EUR 13,06``; the VAT table's row
    ``Gesamtbetrag 10,97 2,09 43.06`` read the gross column's 1 as a 4: net + tax at 19 % is 13.06,
    printed twice, not the 43.06 the table's two rows repeat. A labelled total over a table with one
    readable row stays (``TOTAL 44.50``, the row's 13.00 also an item's amount)."""
    receipt = extract_receipt(ocr("""
Pflegepunkt Drogeriemarkt GmbH
Bahnhofstr. 12
80335 München
SHAMPOO REPAIR 2,45 A
TASCHENTUECHER 1,25 A
ZAHNCREME 11,95 A
Aktionsrabatt -2,59
SUMIME EUR 13,06
Geg . Girocard EUR 13,06
MwSt% Netto MwSt Brutto
A= 19 % 10,97 2,09 43,06
Gesantbetrag 10,97 2,09 43.06
01.05.2023 15:04 Bon-Nr 7212
"""))
    assert receipt.total == Decimal("13.06")
    labelled = extract_receipt(ocr("""
LE PAIN QUOTIDIEN
Rue Antoine Dansaert 16
1000 Bruxelles
Coca cola light 4 x 3.25 13.00
Filet de poitrine 14.50
Moules 17.00
TOTAL 44.50
21% BOISSONS 10.74 2.26 13.00
12% CUISINE 28.12 338 31,30
TOTAL 38.87 .63 44.50
12/03/2016 20:14
"""))
    assert labelled.total == Decimal("44.50")


def test_the_net_read_from_the_vat_tables_sum_row_whose_tax_and_gross_lost_their_commas_gives_way_to_the_gross():
    """``Gesamtbetrag 13,57 2458 1645``: the sum row's tax and gross lost their commas, the net alone read; the row
    above prints that net with its tax and gross (``A= 19,08 13,57 2,58 16,15``), the total its gross (a labelled
    total over such a table stays: test_the_vat_rows_net_and_tax_over_a_misread_gross_column_...)."""
    lines = """PFLEGEPUNKT
TASCHENTUECHER 3,75 A
WASCHMITTEL 4,95 A
DEO ROLL-ON 4,65 A
ZAHNCREME 2,90 A
SUMME EURA16445
Geg . BAR EUR "20,00
Steuer Netto Steuer Brurto
A= 19,08 13,57 2,58 16,15
Gesamtbetrag 13,57 2458 1645
25.04.23 10:44 Bon 2246
"""
    assert extract_receipt(ocr(lines)).total == Decimal("16.15")


def test_a_tip_of_ten_under_a_bill_that_adds_up_as_printed_drops_no_digits():
    """``Subtotal 52.50`` / ``Tax 3.28`` / ``Total 55.78`` / ``Tip 10.00`` / ``Total 65.78`` add up as
    printed; dropping the 5s adds up too (2.50 + 3.28 = 5.78) but leaves no line printing the total
    paid: the bill and the tip stand."""
    receipt = extract_receipt(ocr("""
Blue Heron Grill
1200 Harbor Blvd
Seattle, WA 98101
09/14/2024 7:42 PM
2 Fish Tacos 25.98
1 Burger 14.50
2 Beer 12.02
Subtotal 52.50
Tax 3.28
Total 55.78
Tip 10.00
Total 65.78
"""))
    assert (receipt.subtotal, receipt.tip, receipt.total) == (Decimal("52.50"), Decimal("10.00"), Decimal("65.78"))


@pytest.mark.parametrize(("text", "total"), [
    ("BLUE WATER SUSHI\nHonolulu HI 96816\n12/09/2023 7:55 PM\n2 Miso Soup 7.00\n1 Rainbow Roll 16.00\nSubtotal 23.00\n"
     "Tax 1.08\nTotal 24.08\nGift Card 10.00\nBalance Due 14.08\nMastercard 14.08", "24.08"),
    ("Cafe Rosa\n10115 Berlin\n18.11.2023 15:00\n2 Cappuccino 7,00\n1 Kuchen 4,20\nSumme 11,20\nGutschein 5,00\n"
     "Restbetrag 6,20\nKarte 6,20", "11.20"),
    # a voucher bought is an item above the total
    ("Cafe Rosa\n10115 Berlin\n18.11.2023 15:00\nGutschein 25,00\nSumme 25,00\nKarte 25,00", "25.00"),
])
def test_what_is_left_to_pay_after_a_gift_card_is_no_total_of_the_purchase(text, total):
    assert extract_receipt(ocr(text)).total == Decimal(total)


@pytest.mark.parametrize(("text", "total"), [
    ("Kaufland\nStollen 7,99 A\nKerzen 7,48 B\nSumme 1 5,47\nKartenzahlung 15,47\n03.12.2026", "15.47"),
    ("DINER\nBURGER 10.00\nSODA 5.47\nTOTAL 1 5.47\nCASH 20.00\nCHANGE 4.53\n12/03/26", "15.47"),
    # a count of items before the total, no line printing 25.40: the count stays apart
    ("SHOP\nCOLA 2.70\nCOLA 2.70\nTOTAL 2 5.40\nVISA 5.40\n12/03/26", "5.40"),
])
def test_a_space_inside_the_whole_part_of_a_total_is_joined_where_a_check_agrees(text, total):
    """``Summe 1 5,47`` over ``Kartenzahlung 15,47``: a wide-set font's amount that OCR split in its
    whole part is read joined where the card line, or the cash less the change, agrees."""
    assert extract_receipt(ocr(text)).total == Decimal(total)


def test_an_underscore_read_for_a_labels_space_still_labels_it():
    """``Sub_Total 569.49``: the subtotal, and with it the sign read as a 5 on every amount."""
    receipt = extract_receipt(ocr("""
ROSA'S TRATTORIA
7704 Broadway
Columbus OH 43215
2 Ribeye Steak 56,00
Cheeseburger 13.49
Sub_Total 569.49
Tax 55.73
575,22
04/07/2025 8:25 PM
Amount 575.22
"""))
    assert (receipt.subtotal, receipt.tax, receipt.total) == (Decimal("69.49"), Decimal("5.73"), Decimal("75.22"))


_NORTHGATE = "NORTHGATE HARDWARE\n762 Main Street\nAustin, TX 78701\n12/29/2024 05:18 PM\n"


@pytest.mark.parametrize(("body", "total"), [
    # a total whose sign became a digit is the tender printed with its sign
    ("TOMATO SAUCE 81.449 F\nSUBTOTAL 43796\nAmount Due 453.63\nMASTERCARD S53.63", "53.63"),
    # an item's price with its sign read does not cut the total's first digit
    ("LADDER $800.00\nDRILL $15.00\nTOTAL 815.00", "815.00"),
])
def test_a_total_whose_sign_became_a_digit_is_the_tender_printed_with_its_sign(body, total):
    assert extract_receipt(ocr(_NORTHGATE + body)).total == Decimal(total)


@pytest.mark.parametrize("phone", ["( 817 ) 429 - 6611", "(817) 429-6611"])
def test_a_phone_number_is_no_amount_where_every_point_was_lost(phone):
    """Faded thermal prints losing their decimal points (``SUBTOTAL 784`` / ``TAX 33`` / ``TOTAL 817``): the
    header's phone number is read as no amount in cents, its ``- 6611`` no price of the slogan above it."""
    receipt = extract_receipt(ocr(f"Walmart\nSave money. Live better.\n{phone}\nGV EGGS F 3.87 N\nDAWN 3.97 X\n"
                                  "SUBTOTAL 784\nTAX 33\nTOTAL 817"))
    assert (receipt.total, [i.amount for i in receipt.items]) == (Decimal("8.17"), [Decimal("3.87"), Decimal("3.97")])


def test_a_coupon_with_a_minus_on_a_receipt_that_lost_its_points_stays_a_discount():
    receipt = extract_receipt(ocr("Walmart\nGV EGGS 387\nDAWN 397\nCOUPON - 100\nSUBTOTAL 684\nTAX 33\nTOTAL 717"))
    assert [i.amount for i in receipt.items] == [Decimal("3.87"), Decimal("3.97"), Decimal("-1.00")]


GARBLED_GUIDE_BILL = "CASA VERDE CANTINA\nColumbus, OH 43215\n08/24/23 8:02 PM\nChicken Wings 38.97\nLasagna 17.99\n" \
                     "Subtotal 56.96\nTax 3.99\nTotal 60.95\n"


def test_a_tip_guide_whose_heading_and_percent_signs_ocr_garbled_is_no_total():
    """Three rows one under another opening with rising tip shares, their % read as letters or digits
    (``15v 9.14 Toral 70.09`` / ``18* ...`` / ``203 ...``) under a heading OCR garbled: a tip guide."""
    receipt = extract_receipt(ocr(GARBLED_GUIDE_BILL + "For yur Convenenc#\n15v 9.14 Toral 70.09\n18* 10.97 To 71.92\n"
                                                       "203 12.19 Totali4n 73.14"))
    assert (receipt.total, receipt.tip) == (Decimal("60.95"), None)


def test_quantities_opening_item_lines_are_no_tip_guide():
    """Item lines opening with counts that happen to be shares stand above the total, which stays."""
    receipt = extract_receipt(ocr("OYSTER BAR\nAustin, TX 78701\n08/24/23 8:02 PM\n10 Wings 12.00\n12 Oysters 30.00\n"
                                  "15 Shrimp 22.50\nTotal 64.50"))
    assert receipt.total == Decimal("64.50")


_OAKWOOD = "OAKWOOD HARDWARE\n441 MAIN STREET\nCOLUMBUS OH 43215\n09/30/2025 06:43 PM\n"


def test_a_total_that_lost_its_point_and_its_sign_is_the_sum_the_signs_dropped_make():
    """A blurred photo turned each amount's ``$`` into a different digit and lost the total's point too
    (``TOTAL DUE 62646`` for $26.46): its line is read with the point put back and the block settled,
    where subtotal + tax and cash less change, each amount without its sign, make it (24.50 + 1.96 =
    30.00 - 3.54), not the 356.46 that cash less change as printed works out and no line prints."""
    lines = ocr(_OAKWOOD + "PAINT BRUSH 313.52\nDUCT TAPE 710.98\nSUBTOTAL 324.50\nSALES TAX 6.25% 51.96\n"
                           "TOTAL DUE 62646\nCASH 430.00\nCHANGE DUE 73.54")
    receipt = extract_receipt(lines)
    assert (receipt.subtotal, receipt.tax, receipt.total) == (Decimal("24.50"), Decimal("1.96"), Decimal("26.46"))
    assert {"subtotal_plus_tax", "cash_minus_change"} <= set(read_amounts(build_doc(lines), "USD").checks)


def test_a_whole_number_on_the_total_line_the_arithmetic_does_not_make_leaves_the_total_worked_out():
    """Guard: the total's line prints a whole number (``TOTAL DUE 2700``) that neither sum makes with its
    point put back: cash less change, which subtotal + tax confirm, stays the total."""
    receipt = extract_receipt(ocr(_OAKWOOD + "PAINT BRUSH 13.52\nDUCT TAPE 10.98\nSUBTOTAL 24.50\n"
                                  "SALES TAX 6.25% 1.96\nTOTAL DUE 2700\nCASH 30.00\nCHANGE DUE 3.54"))
    assert receipt.total == Decimal("26.46")


def test_items_opening_with_counts_over_a_total_row_with_their_count_are_no_tip_guide():
    """Guard: ``10 Wings 12.00`` / ``12 Oysters 30.00`` / ``22 TOTAL 42.00``: a count column, not tip shares."""
    receipt = extract_receipt(ocr("OYSTER BAR\n08/24/23 8:02 PM\n10 Wings 12.00\n12 Oysters 30.00\n22 TOTAL 42.00"))
    assert receipt.total == Decimal("42.00")


_HILLCREST = "HILLCREST TOBACCO\n903 MAIN STREET\nCOLUMBUS OH 43215\n02/08/2024 08:54 AM\n"


def test_a_total_cash_and_change_each_misread_their_own_way_are_read_where_cash_less_change_makes_the_total():
    """A blurred photo read the total's ``$`` as two digits (``AMOUNT DUE 1528.18`` for $28.18), the cash's
    as a brace (``CASH {30.00-``) and the change's as a digit with its point lost (``CHANGE DUE 3182`` for
    $1.82), the subtotal and tax past reading: each amount without its sign's glyphs and with its point
    put back, makes cash - change the total, 30.00 - 1.82 = 28.18."""
    lines = ocr(_HILLCREST + "MILK 1 GAL 400 T\nSUBTOTAL 322 54\nTAX 7 0024 458\nAMOUNT DUE 1528.18\n"
                             "CASH {30.00-\nCHANGE DUE 3182")
    assert extract_receipt(lines).total == Decimal("28.18")
    assert "cash_minus_change" in read_amounts(build_doc(lines), "USD").checks


def test_a_look_alike_slip_that_only_one_sum_vouches_for_is_not_read():
    """Guard: ``CHANGE DUE 3782`` makes 30.00 - 1.82 = 28.18 only with its 7 read as a 1: one sum and a
    slip are too little; the total stays as printed where no other check (the card line, the other sum)
    agrees."""
    lines = ocr(_HILLCREST + "MILK 1 GAL 400 T\nSUBTOTAL 322 54\nTAX 7 0024 458\nAMOUNT DUE 1528.18\n"
                             "CASH {30.00-\nCHANGE DUE 3782")
    assert extract_receipt(lines).total == Decimal("1528.18")


@pytest.mark.parametrize("tenders", ["FINANCING 1500.00\nCASH 30.00\nCHANGE 1.82",
                                     "CASH 30.00\nFINANCING 1500.00\nCHANGE 1.82"])
def test_a_bill_split_between_another_tender_and_cash_keeps_its_total(tenders):
    """Guard: cash less change makes the total without its first two digits because another tender pays
    the rest (``FINANCING 1500.00``, before the cash or between cash and change): no sign became digits."""
    assert extract_receipt(ocr(_HILLCREST + f"MILK 1 GAL 4.00\nTOTAL 1528.18\n{tenders}")).total == Decimal("1528.18")


def test_a_total_right_as_printed_stays_where_only_the_change_lost_its_point():
    """Guard: ``TOTAL 152.81`` / ``CASH 200.00`` / ``CHANGE DUE 4719``: the change's point put back makes
    the total as printed (200.00 - 47.19); the 1 opening it is its own digit, no sign's."""
    receipt = extract_receipt(ocr(_HILLCREST + "MILK 1 GAL 400 T\nAMOUNT DUE 152.81\nCASH 200.00\nCHANGE DUE 4719"))
    assert receipt.total == Decimal("152.81")


def test_two_totals_the_sums_make_with_one_slip_each_leave_the_total_as_printed():
    """Guard: ``SUBTOTAL 530.75`` / ``SALES TAX 92215`` / ``AMOUNT DUE 382.90`` make 32.90 with the total's 8
    read as a 3 and 82.90 with the subtotal's 3 read as an 8: one slip each, so neither is chosen."""
    lines = ocr(_HILLCREST + "MILK 1 GAL 400 T\nSUBTOTAL 530.75\nSALES TAX 92215\nAMOUNT DUE 382.90")
    assert extract_receipt(lines).total != Decimal("32.90")


def test_two_totals_cash_less_change_makes_alike_leave_the_total_as_printed():
    """Guard: where the readings of the total, the cash and the change agree on two totals with as few
    slips (``AMOUNT DUE 5528.18`` is 28.18 or 528.18 beside ``CASH 530.00`` read as 30.00 or 530.00),
    nothing settles which."""
    receipt = extract_receipt(ocr(_HILLCREST + "MILK 1 GAL 400 T\nAMOUNT DUE 5528.18\nCASH 530.00\nCHANGE DUE 182"))
    assert receipt.total == Decimal("5528.18")


def test_a_total_subtotal_and_tax_each_misread_their_own_way_are_read_where_they_add_up():
    """The same class over the subtotal and a single tax line: ``SUBTOTAL 530.75`` (its ``$`` a 5), ``SALES
    TAX 92215`` ($2.15: its sign two digits, its point lost) and ``AMOUNT DUE 332.90`` ($32.90: its sign a 3)
    add up as 30.75 + 2.15 = 32.90, not as 0.75 + 2.15 = 2.90 (no bill of under a dollar)."""
    lines = ocr(_HILLCREST + "MILK 1 GAL 400 T\nSUBTOTAL 530.75\nSALES TAX 92215\nAMOUNT DUE 332.90")
    assert extract_receipt(lines).total == Decimal("32.90")
    assert "subtotal_plus_tax" in read_amounts(build_doc(lines), "USD").checks


def test_a_sign_read_as_a_four_on_nearly_every_amount_is_dropped_where_nothing_adds_up():
    """A ``$`` read as a 4 on nearly every amount of a shop receipt (``Subtotal 496,41`` / ``Sales Tax 6.25%
    46.03`` / ``Total 4102.44`` / ``DEBIT 4102.44``), its subtotal's label too garbled to add anything up:
    like a 5, 6, 8 or 9 on nearly every amount, the 4 is the sign (96.41 + 6.03 = 102.44)."""
    lines = ocr(_HILLCREST + "PAPER TOWELS 417.71\nTOMATO SAUCE 3.82\nSubtatat 496,41\nSales Tax 6.25% 46.03\n"
                             "Total 4102.44\nDEBIT 4102.44")
    assert extract_receipt(lines).total == Decimal("102.44")


def test_a_four_opening_some_amounts_only_stays_their_own_digit():
    """Guard: prices and a total opening with a 4 among others that do not (``MOP 41.99`` / ``PAIL 12.50`` /
    ``TOTAL 45.04`` / ``VISA 45.04``): fours spread like a price's first digits are no sign."""
    lines = ocr(_HILLCREST + "MOP 41.99\nPAIL 12.50\nSPONGE 27.10\nBROOM 33.20\nTotal 45.04\nVISA 45.04")
    assert extract_receipt(lines).total == Decimal("45.04")


def test_cash_and_change_under_the_total_whose_labels_ocr_garbled_make_the_total():
    """A photo garbled both tender labels under the total (``Cs 330.00`` for CASH $30.00, ``chage Due 30.60``
    for CHANGE DUE $0.60: a letter lost), each amount's sign a 3 and the total's a 6 (``Amount Due 629.40``):
    the two lines right under the total are still the cash and the change, and 30.00 - 0.60 = 29.40."""
    lines = ocr(_HILLCREST + "MILK 1 GAL 400 T\nAmount Due 629.40\nCs 330.00\nchage Due 30.60")
    assert extract_receipt(lines).total == Decimal("29.40")
    assert "cash_minus_change" in read_amounts(build_doc(lines), "USD").checks


def test_a_line_under_the_total_before_no_change_is_no_cash():
    """Guard: under ``Amount Due 629.40`` a short label and a line with DUE whose word is no CHANGE (``Tp 330.00``
    / ``Balance Due 30.60``): no cash and change, the total stays as printed."""
    lines = ocr(_HILLCREST + "MILK 1 GAL 400 T\nAmount Due 629.40\nTp 330.00\nBalance Due 30.60")
    assert extract_receipt(lines).total != Decimal("29.40")


@pytest.mark.parametrize(("text", "total"), [
    ("BEST BUY #1412\n4400 Easton Way\nColumbus OH 43219\n03/14/2024 02:11 PM\nLG SOUNDBAR 429.99\nTOTAL 429.99\n"
     "MASTERCARD 429.99", "429.99"),
    ("TESCO EXPRESS\n12 High Street\nLondon SW1A 1AA\n14/03/2024 10:22\nMEAL DEAL 4.50\nWINE 42.00\nTOTAL 46.50\n"
     "VISA 46.50", "46.50"),
])
def test_prices_really_opening_with_a_four_repeated_on_total_and_card_keep_it(text, total):
    """Guard: one price starting with 4, repeated by the total and the card line, makes every amount start
    with 4 by itself; the sums tie either way, and nothing beyond the spread (a tax at its printed rate)
    speaks for a sign: the 4 is the price's own."""
    assert extract_receipt(ocr(text)).total == Decimal(total)


@pytest.mark.parametrize(("tail", "total"), [
    ("ITEM 18.00\nTAX 1.26\nTOTAL 19.26\nVISA 19.26\nRound Up 0.74\nTotal Donated YTD 320.00", "19.26"),
    ("MILK 22.40\nTOTAL 22.40\nYou Saved 7.60\nTotal Savings This Year 230.00", "22.40"),
])
def test_a_total_line_under_a_short_amount_that_is_no_slips_total_adds_no_tip(tail, total):
    """Guard: ``Round Up 0.74`` over ``Total Donated YTD 320.00`` (20.00 without its 3), ``You Saved 7.60`` over
    ``Total Savings This Year 230.00``: no garbled tip over a slip's bare total; no sign is dropped."""
    assert extract_receipt(ocr(_HILLCREST + tail)).total == Decimal(total)


_SIGNED_BILL_OVER_ITS_SLIP = """RED BARN BBQ
9466 Route 9
06/22/2024 12:41 PM
Ribeye Steak 28.00
3 Cheesecake 22.50
Lasagna 17.99
Chicken Wings 12.99
Cheeseburger 40.47
Caesar Salad 9.50
SUBTOTAL 8131.45
Sales Tax 110. 84
8142.29
MERCHANT COPY
VISA XXXXXXXXXXXX6819
"""


def test_the_card_slips_amount_equal_to_the_settled_bill_keeps_its_first_digit():
    """The bill's "$" read as 8 and the tax's as 1 (``8131.45`` + ``110.84`` = ``8142.29``): the card slip under
    it prints the settled bill without a sign (``Amount 142.29``); its 1 is the bill's own, no sign to drop
    for the digits the block's signs became (which would settle 31.45 + 10.84 = 42.29 by the slip's repeat)."""
    receipt = extract_receipt(ocr(_SIGNED_BILL_OVER_ITS_SLIP + "Anount 142.29\nSignature"))
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("142.29"), Decimal("131.45"), Decimal("10.84"))


def test_a_card_slips_amount_with_the_blocks_sign_digit_still_loses_it_under_the_settled_bill():
    """Guard: the card slip's ``Amount 8142.29`` under the same block prints the bill with its sign read as the
    block's 8: it is the bill less that digit, as before."""
    receipt = extract_receipt(ocr(_SIGNED_BILL_OVER_ITS_SLIP + "Amount 8142.29\nSignature"))
    assert receipt.total == Decimal("142.29")



# as a blurred photo's read gave them: the dishes, the subtotal and the tax garbled, the bill's label lost
_SLIP_MISREAD_UNDER_ITS_BILL = [
    ("CASA VERDE CANTINA", 0.12), ("5050 Main St", 0.77), ("Austin . TX 78701", 0.49), ("(702) 562-8502", 0.22),
    ("Server: Kim Table: 25", 0.23), ("(heeseburo8r 40 47", 0.04), ("dlen (horder 7.5", 0.16),
    ("4 cleb Sandxich 23.50", 0.30), ("SubTOTAL T1.27", 0.16), ("Sele T3x 045", 0.06), ("75.67", 0.34),
    ("2024-02-08 19.48", 0.75), ("MASTERCARD XXXXXXXXXXXX5046", 0.21), ("APPROVED", 0.41)]


def test_a_slips_amount_misread_by_one_digit_gives_way_to_the_bill_above_and_the_tip_written():
    """The slip's ``Amount 75.61`` a digit off the bill ``75.67`` printed above it: the total written in (``Total :
    86.67``) is that bill and the tip, not a slip of the guest's pen on 75.61 + 11.00."""
    slip = [("Anount 75.61", 0.82), ("Tip; 11.00", 0.58), ("Total : 86.67", 0.55), ("Signature", 0.82)]
    receipt = extract_receipt(read_as(_SLIP_MISREAD_UNDER_ITS_BILL + slip))
    assert (receipt.total, receipt.tip) == (Decimal("86.67"), Decimal("11.00"))


def test_a_handwritten_total_a_digit_off_that_no_bill_above_makes_is_still_the_slips_amount_and_tip():
    """Guard: ``Total : 86.37`` is no bill printed above and the tip: the written digit is the one misread."""
    slip = [("Anount 75.67", 0.82), ("Tip; 11.00", 0.58), ("Total : 86.37", 0.55), ("Signature", 0.82)]
    assert extract_receipt(read_as(_SLIP_MISREAD_UNDER_ITS_BILL + slip)).total == Decimal("86.67")


_TOTAL_ON_THE_SLIP_TOO = """COPPER KETTLE
9301 Main St
Austin, TX 78701
03/15/2025 12:14 PM
Fish Tacos 44.25
Coke 8,25
side ranch 0.75
Subtotal 54.72
Tax 3.83
Amount Due 58.55
MASTERCARD XXXX7810
APPROVED
"""


def test_a_total_repeated_on_the_card_slip_is_one_first_digit_of_the_amounts_not_two():
    """``Subtotal 54.72`` / ``Amount Due 58.55`` / the slip's ``Anount 58.55`` open with 5 under a ``Fish Tacos
    44.25`` (the tax's line garbled): three amounts of four, but two values of three, no sign on nearly every
    amount; the total as printed stands, not 8.55."""
    receipt = extract_receipt(ocr(_TOTAL_ON_THE_SLIP_TOO.replace("Tax 3.83", "Ja 7.06 = 7483") + "Anount 58.55"))
    assert (receipt.total, receipt.subtotal) == (Decimal("58.55"), Decimal("54.72"))


def test_a_total_repeated_on_the_card_slip_under_no_price_opening_otherwise_is_still_a_sign_throughout():
    """Guard: no price of two or more whole digits above (``Fish Tacos 4.25``): every value opens with the 5, the
    repeat aside too; it is the sign, as before (8.55)."""
    receipt = extract_receipt(ocr(_TOTAL_ON_THE_SLIP_TOO.replace("Tax 3.83", "Ja 7.06 = 7483").replace("44.25", "4.25")
                                  + "Anount 58.55"))
    assert receipt.total == Decimal("8.55")


def test_an_amount_printed_with_and_without_its_sign_read_as_a_digit_is_one_value_of_the_share():
    """Guard: a gift card's ``Balance 100.00`` over ``Subtotal 8100.00`` and two more ``8100.00``: the same value
    with its sign read as an 8 and without; every value opens with the 8, which is the sign (100.00)."""
    receipt = extract_receipt(ocr("""
ROSS DRESS FOR LESS
San Diego, CA
Gift Card
Balance 100.00
8100.00
Subtotal 8100.00
8100.00
Debit
Date: 07/25/16 Time: 06:29
"""))
    assert receipt.total == Decimal("100.00")


@pytest.mark.parametrize(("above", "bill", "tip", "written", "total"), [
    ("Ribeye 43.00\nCoffee 2.00\nTotal 45.00\n", "45.00", "9.00", "52.00", "54.00"),
    ("Subtotal 30.40\nCity Tax 0.50\nTotal 30.90\n", "30.90", "6.00", "36.40", "36.90"),
])
def test_a_written_total_a_digit_off_whose_bill_less_the_tip_is_an_item_or_the_subtotal_keeps_the_slip(
        above, bill, tip, written, total):
    """Guard: the guest's ``Total: 52.00`` (54.00 misread) less the tip is ``Ribeye 43.00``, an item, not the bill;
    ``Total: 36.40`` less the tip the subtotal ``30.40``: the slip's amount and tip stand, as before the rule that
    takes a bill printed above (a total's line or a bare amount) and the tip for the written total."""
    receipt = extract_receipt(ocr(f"PORTLAND TAPHOUSE\n04/12/2025 7:41 PM\n{above}"
                                  f"VISA XXXX4821\nAmount {bill}\nTip: {tip}\nTotal: {written}\n"))
    assert (receipt.total, receipt.tip) == (Decimal(total), Decimal(tip))


@pytest.mark.parametrize(("items", "sign"), [("Club Sandwich 12.99\n", "6"),
                                             ("Club Sandwich 12.99\nFries 4.36\nCoke 5.00\n", "4")])
def test_a_sign_read_as_one_digit_on_the_total_card_and_slip_over_cheaper_items_is_still_dropped(items, sign):
    """Guard: ``TOTAL 622.35`` / ``VISA 622.35`` / ``Amount 622.35`` over ``Club Sandwich 12.99``: the total printed
    three times is one value, but no price without the digit costs more than 22.35, so the digit is the sign."""
    receipt = extract_receipt(ocr(f"CORNER DELI\n01/09/2025 12:30 PM\n{items}"
                                  f"TOTAL {sign}22.35\nVISA {sign}22.35\nAmount {sign}22.35\n"))
    assert receipt.total == Decimal("22.35")


UNLABELLED_SUBTOTAL_CHECK = """
Welcome to Lucky Dragon
Chk 56643 Tbl 23 Gst 1
1 Pad Thai 13.95
1 club Sandwich 11.75
2 Fish Tacos 28. 50
{}
State Tax 53,39
Locat Tax S1.08
TOTAL 558.67
Cash 558. 67
Thank you! Come again
"""


def test_a_subtotal_whose_label_ocr_garbled_makes_the_prices_sum_that_settles_the_sign():
    """Every ``$`` of the bill read as a 5, the subtotal's label garbled past reading (``ASUBTOAE 554.20``):
    the prices above that line come to its amount without the 5 (54.20), and with the taxes under it to
    the total without it (58.67), which breaks the tie with the bill as printed."""
    receipt = extract_receipt(ocr(UNLABELLED_SUBTOTAL_CHECK.format("ASUBTOAE 554.20")))
    assert receipt.total == Decimal("58.67")


def test_a_line_under_the_prices_that_is_not_their_sum_leaves_the_bill_as_printed():
    """Guard: the line under the prices prints something else than their sum (``ASUBTOAE 554.80``): no
    unlabelled subtotal, the bill stands as printed."""
    receipt = extract_receipt(ocr(UNLABELLED_SUBTOTAL_CHECK.format("ASUBTOAE 554.80")))
    assert receipt.total == Decimal("558.67")


GUIDE_UNDER_THE_SLIPS_TIP = "BLUE HERON GRILL\nColumbus, OH 43215\nApr 21 24 3:08 PM\nCheeseburger 14.99\n" \
                            "Onion Rings 17.97\nIced Tea 7.98\nSub Total 40.94\nTax 3.09\n{}Total : 53.03"


def test_a_garbled_tip_guides_row_under_the_slips_tip_is_no_total_written_in():
    """``Tip CIDE`` (TIP GUIDE garbled) over three rows opening with rising shares whose % OCR read as digits
    (``154 6.60 Total 50,63`` / ``182 ...`` / ``208 ...``): what the bill would come to with each tip, not the
    total the guest wrote under the slip's tip; the slip's own ``Total`` under the guide is."""
    guide = "Tip CIDE\n154 6.60 Total 50,63\n182 7.93 Tetat 51 96\n208 8.81 Total 52.84\n"
    receipt = extract_receipt(ocr(GUIDE_UNDER_THE_SLIPS_TIP.format(guide)))
    assert receipt.total == Decimal("53.03")


def test_the_total_written_right_under_the_slips_tip_still_counts():
    """Guard: with no guide, the ``Total`` under the slip's ``Tip: 9`` is the total paid."""
    receipt = extract_receipt(ocr(GUIDE_UNDER_THE_SLIPS_TIP.format("Tip: 9\n")))
    assert receipt.total == Decimal("53.03")


def _slip_signed_on_every_amount(tip: str, paid: str) -> list:
    """A check whose ``$`` a blurred photo read as a different digit on each amount of its totals and slip (the
    bill's total ``360 55`` for $60.55, its point lost), with a tip and the total paid as given."""
    return read_as([("COPPER KETTLE", 0.9), ("Portland, OR 97205", 0.9), ("01/03/23 4:23 PM", 0.5),
                    ("1 Coke 2.75", 0.9), ("1 Margarita 9.00", 0.7), ("3 Pad Thai 41.85", 0.6),
                    ("1 Iced Tea 2.99", 0.5), ("Sub Total 056 .59", 0.7), ("saleseTar 83.96", 0.2),
                    ("Total 360 55", 0.6), ("Anount 5560-55", 0.5), (f"Tip {tip}", 0.7), (f"Total Paid {paid}", 0.4)])


def test_a_slips_total_and_tip_both_signed_make_the_total_where_the_tip_is_one_digit_off():
    """``Tip 512 . 41`` / ``Total Paid 672 .66`` on a bill of 60.55: each sign read as a digit, and one digit of the
    tip misread (12.11 as 12.41); the total paid, unsigned, adds 12.11 to the bill: that is the total, not the
    bill under a tip of 512.41 no guest leaves."""
    receipt = extract_receipt(_slip_signed_on_every_amount("512 . 41", "672 .66"))
    assert (receipt.total, receipt.tip) == (Decimal("72.66"), Decimal("12.11"))


@pytest.mark.parametrize(("tip", "paid", "total"), [("512 . 11", "672 .66", "72.66"),
                                                    ("512 . 41", "681 .97", "60.55")])
def test_a_slips_total_adding_the_signed_tip_exactly_or_far_from_it_keeps_its_reading(tip, paid, total):
    """Guard: the tip read right makes the total paid as before (72.66); a total paid two digits off the bill and
    the tip (``681 .97``: 21.42 added) is no reading of them, the bill stands."""
    assert extract_receipt(_slip_signed_on_every_amount(tip, paid)).total == Decimal(total)


@pytest.mark.parametrize(("lines", "total"), [
    ("BLUE HERON GRILL\nRibeye Steak 76.84\nTAX 6.17\nTOTAL 83.01\n20% 13.15\nTetel 96.16\n", Decimal("83.01")),
    ("FARM STAND\nApples 6.00\nHoney 12.00\nSubtotal 18.00\nChange\n2.00\n", Decimal("18.00")),
    ("BOOK NOOK\nNovel 25.00\nMap 15.00\nSubtotal 40.00\nGIFT CARD ****1234\nBALANCE\n$6.80\n", Decimal("40.00")),
])
def test_a_tip_guides_row_over_a_garbled_total_and_a_bare_amount_under_a_chargeless_subtotal_change_nothing(lines,
                                                                                                             total):
    """Guard: a tip guide's ``20% 13.15`` over a ``Tetel`` is no garbled tip (only one short word is); a change's or
    a gift card balance's bare amount under a subtotal with no charge between is no total."""
    assert extract_receipt(ocr(lines)).total == total


_GARBLED_GUIDE = """
COPPER KETTLE
Springfield, IL 62701
Table 59/5 Check: 15595
Pad Thai 13.95
Margarita 18.00
Subfotal 6138,95
Service Charge 33.57
9140.12
Tip Guioe
19, 821,02 Total 8161.14
188 25,22 Total {5165.34
247 828.02 Hptal 9168. 14
CUSTONER Copy
AMEX XXXAXXXXXAX1423
APPROVED
Kaount : 6140.12
Tip:
Tetal :
Signature
"""


def test_a_tip_guides_garbled_heading_and_rows_are_not_the_bill():
    """A blurred photo garbles a tip guide's heading by one letter (``Tip Guioe``), its shares (``19,`` for 15%)
    and its last row's total label (``247 832.74 Hptal 9196. 43``): the rows under the heading, and the row going
    on in their shape, are what the bill would come to with a tip, not the bill (140.12, its sign two digits)."""
    assert extract_receipt(ocr(_GARBLED_GUIDE)).total == Decimal("140.12")


def test_a_split_checks_line_under_a_tip_guides_rows_goes_on_no_guide():
    """Guard: a count and a word before the amounts (``2 Guests 30.24 15.12``, the check split two ways) is
    no guide's row going on: the whole check's amount on it is the total."""
    receipt = extract_receipt(ocr("CAFE\nServer: Ann\n1 Salad 12.00\n1 Pasta 16.00\nSubtotal 28.00\nTax 2.24\n"
                                  "Tip Guide\n18% 5.44 Total 35.68\n20% 6.05 Total 36.29\n2 Guests 30.24 15.12"))
    assert receipt.total == Decimal("30.24")


def test_a_tips_label_over_a_word_no_letter_off_a_guides_heads_no_guide():
    """Only a word a letter off or short of a guide's heading's makes one (``Tip Guest`` is no ``Tip Guide``), and
    lines of a count and two amounts (``2 Burger 12.00 24.00``) under item lines go on no guide: the bill's total
    over them stays."""
    assert names_a_guide("Tip Guioe") and names_a_guide("TIP CALCULATR")
    assert not names_a_guide("Tip Guest") and not names_a_guide("Tip: 12.00")
    receipt = extract_receipt(ocr("""
DINER
Tip Guest
1 Soup 6.00 6.00
2 Burger 12.00 24.00
Subtotal 30.00
Tax 2.40
Total 32.40
"""))
    assert receipt.total == Decimal("32.40")


_HARBOR = "HARBOR MARKET INC\n299 Main Street\nPortland, OR 97205\nNov 21 2024 05:45 PM\n"


def test_a_subtotal_garbled_past_reading_over_the_tax_adds_up_with_it_once_each_sign_is_dropped():
    """The subtotal's label garbled past reading (``SUROTA 4143.70``) over ``SALES TAX 6.259 038.98`` and
    ``TOTAL DUE 615268``, each ``$`` read as one digit or two: 143.70 + 8.98 = 152.68, every amount having
    lost a sign and the fewest glyphs dropped (not 43.70 + 8.98 = 52.68, two glyphs dropped from each)."""
    lines = ocr(_HARBOR + "CHICKEN BREAST 23.06 F\nAPPLES GALA 3.96 T\nSUROTA 4143.70\nSALES TAX 6.259 038.98\n"
                          "YTOTAL DUE 615268\nMASTERCARD 5152.68")
    assert extract_receipt(lines).total == Decimal("152.68")


@pytest.mark.parametrize("label", ["SAUTEAL", "STOUT"])
def test_an_item_like_subtotal_over_the_tax_adds_no_sum_where_no_sign_was_lost(label):
    """Guard: an item whose word is a little like SUBTOTAL (``SAUTEAL 3.25``, ``STOUT``) over the tax makes no sum
    with it where the amounts keep their digits: the total as printed stands."""
    lines = ocr(f"HARBOR MARKET INC\n299 Main Street\nPortland, OR 97205\nNov 21 2024 05:45 PM\nFISH 10.00\n"
                f"{label} 3.25\nTAX 1.37\nTOTAL 14.62")
    assert extract_receipt(lines).total == Decimal("14.62")


def test_an_item_over_the_tax_is_no_garbled_subtotal():
    """Guard: a word unlike SUBTOTAL over the tax (``SUGAR 4143.70``) is an item, no subtotal to add up."""
    lines = ocr(_HARBOR + "CHICKEN BREAST 23.06 F\nSUGAR 4143.70\nSALES TAX 6.259 038.98\n"
                          "YTOTAL DUE 615268\nMASTERCARD 5152.68")
    assert extract_receipt(lines).total != Decimal("152.68")


@pytest.mark.parametrize(("charge", "total", "cash", "change"), [
    ("GIFT CARD 20.00", "25.93", "26.00", "0.07"), ("LOTTO 20.00", "25.93", "26.00", "0.07"),
    ("Tip 20.00", "25.93", "26.00", "0.07")])
def test_charges_between_the_subtotal_and_a_total_over_twice_it_keep_the_totals_first_digit(charge, total, cash,
                                                                                            change):
    """Guard: a gift card, a lottery ticket or a tip between the subtotal and the total make the total over twice
    the subtotal; where they add up to it, the digit it shares with the cash is no sign."""
    lines = ocr(f"HARBOR MARKET INC\n299 Main Street\nPortland, OR 97205\nNov 21 2024 05:45 PM\nCHIPS 5.49\n"
                f"SUBTOTAL 5.49\nSALES TAX 0.44\n{charge}\nTOTAL {total}\nCASH {cash}\nCHANGE DUE {change}")
    assert extract_receipt(lines).total == Decimal(total)


def test_a_sign_shared_by_the_total_and_the_cash_is_dropped_where_the_subtotal_says_so():
    """The ``$`` read as a 3 on both the total and the cash (``BALANCE DUE 3558.27`` / ``CASH 360.00`` /
    ``CHANGE DUE 51.73``): cash less change pays 358.27 and 58.27 alike, but after ``SUBTOTAL 0548.06``
    (48.06) no tax and tip make 358.27; the bill is 58.27."""
    lines = ocr(_HARBOR + "PASTA PENNE 13.34\nAPPLES GALA 11.66\nSUBTOTAL 0548. 06\nSALES TAX 6.258 33.00\nTIP 572\n"
                          "BALANCE   DuE 3558.27\nCASH 360. 00\nCHANGE   due 51.73")
    assert extract_receipt(lines).total == Decimal("58.27")


def test_a_total_within_twice_its_subtotal_keeps_the_digit_it_shares_with_the_cash():
    """Guard: ``SUBTOTAL 348.06`` / ``TOTAL 358.27`` / ``CASH 360.00`` / ``CHANGE DUE 1.73``: the total is a
    bill its subtotal comes to, the 3s are the amounts' own."""
    lines = ocr(_HARBOR + "PASTA PENNE 13.34\nSUBTOTAL 348.06\nSALES TAX 10.21\nTOTAL 358.27\nCASH 360.00\n"
                          "CHANGE DUE 1.73")
    assert extract_receipt(lines).total == Decimal("358.27")


def test_a_grocers_tax_on_its_few_taxable_items_is_no_reason_to_drop_the_totals_first_digit():
    """``SUBTOTAL 65.61`` / ``GST 5% 0.29`` / ``TOTAL 65.90`` / ``CREDIT 65.90``: dropping the 6s from the totals block
    adds up too (5.61 + 0.29 = 5.90) and the tax is then a likelier share of the bill, but the tax is on the few
    taxable items, and a bill of 5.90 under a pork piece of 14.87 is no reading of a real receipt."""
    lines = ocr("NOFRILLS\n11411 40th Ave NW\nEdmonton AB\n06038369427 PC FREE RUN LRG 4.79\n"
                "2135200 PORK PIECE R 14.87\n2707710 PK SIDE RIB COV 16.17\n4078 CORN BICOLOR R 1.50\nSUBTOTAL 65.61\n"
                "G:GST 5% 5.89 @ 5.000% 0.29\nTOTAL 65.90\n06/20/2015 18:13:21\nCREDIT TN 65.90")
    assert extract_receipt(lines).total == Decimal("65.90")


def test_a_sign_read_as_the_totals_first_digit_is_still_dropped_where_no_price_stands_over_the_bill():
    """Guard: ``SUB TOTAL 549.88`` / ``TAX 84.74`` / ``TOTAL 554.62`` under prices of 17.99 and 15.99: without
    the first digits the sum adds up as well (49.88 + 4.74 = 54.62, a sales tax's share), and no price is over
    the 54.62 it leaves."""
    lines = ocr("RED BARN BBQ\n6198 Broadway\nPortland OR 97205\n08/13/2024 5:47 PM\nLasagna 17.99\n"
                "Onion Rings 15.99\nBrisket 15.90\nSUB TOTAL 549.88\nTAX 84.74\nTOTAL 554.62\nMASTERCARD 554.62")
    assert extract_receipt(lines).total == Decimal("54.62")


@pytest.mark.parametrize("struck", [["TOASTER 24.99 G", "VOID TOASTER 24.99-"], ["CANDLE 24.99 G", "Markdown : 20.37"],
                                    ["CANDLE WAS 24.99 4.62 G"]])
def test_a_price_voided_marked_down_or_struck_out_over_the_bill_does_not_keep_the_totals_sign(struck):
    """Guard: ``SUBTOTAL 65.61`` / ``TOTAL 65.84`` / ``CREDIT TN 65.84`` with their signs read as 6s over a price of
    24.99 that was voided, marked down or struck out: the bill is 5.84."""
    lines = ocr("\n".join(["NOFRILLS", "11411 40th Ave NW", "Edmonton AB", *struck, "CANDLE 4.62 G", "SUBTOTAL 65.61",
                           "G:GST 5% 4.62 @ 5.000% 0.23", "TOTAL 65.84", "CREDIT TN 65.84"]))
    assert extract_receipt(lines).total == Decimal("5.84")


@pytest.mark.parametrize("prices, total", [
    ("2 Club Sandwich 23.50\n1 Clam Chowder 7.25\nIced Tea 5.98\nadd bacon 1.50\nMargarita 18.00\nCheeseburger 43.49",
     "74.08"), ("Wine bottle 120.00", "574.08")])
def test_a_block_settled_two_ways_alike_keeps_the_reading_whose_tax_is_a_sales_tax(prices, total):
    """``SubTOTAL 569.72`` / ``Sales Tax 34.36`` / ``TotaL 574.08`` / ``Cash 580.00`` / ``Change 35.92``: the tax's
    3 is its sign, and the block adds up with it dropped alone (569.72 + 4.36) or with the 5s too (69.72 + 4.36);
    cash less change pays both. A tax of 0.8 % is no restaurant's; 6.25 % on 69.72 is, where no price is over 74.08
    (guard: under a bottle of 120.00 a bill of 74.08 is no reading of a real receipt)."""
    lines = ocr(f"GOLDEN SPOON BISTRO\n5172 Route\nSpringfield, IL 62701\n2023-06-27 21:04\n{prices}\n"
                "SubTOTAL 569.72\nSales Tax 34. 36\nTotaL 574. 08\nCash 580 . 00\nChange 35.92")
    assert extract_receipt(lines).total == Decimal(total)


def test_cash_signed_over_an_unread_total_pays_the_bill_its_subtotal_comes_to():
    """``SUBTOTAL 521.32`` (a 5 for its sign) / ``TOTAL DUE 525185`` (its point lost) / ``CASH 330.00`` / ``CHANGE
    DUE 54,15``: cash less change is the total; 330.00 - 4.15 = 325.85 is no bill of a 21.32 subtotal, 30.00 -
    4.15 = 25.85 is (its tip and tax added)."""
    lines = ocr("HARBOR FOODS\n340 Main Street\nSpringfield, IL 62701\nAug 28, 2024 03:25 PM\nCOFFEE BEANS 14.43\n"
                "EGGS LARGE 12CT 3.00\nAPPLES GALA 3.89\nSUBTOTAL 521.32\nSALES TAX 6.25% 81,33\nTIP 43220\n"
                "TOTAL DUE 525185\nCASH 330.00\nCHANGE DUE 54,15")
    assert extract_receipt(lines).total == Decimal("25.85")


def test_cash_over_an_unread_total_keeps_its_first_digit_where_the_bill_is_its_subtotals():
    """Guard: ``SUBTOTAL 301.32`` / ``CASH 330.00`` / ``CHANGE DUE 4.15``: 325.85 is a bill its subtotal comes to."""
    lines = ocr("HARBOR FOODS\n340 Main Street\nSpringfield, IL 62701\nAug 28, 2024 03:25 PM\nTV STAND 301.32\n"
                "SUBTOTAL 301.32\nSALES TAX 24.53\nTOTAL DUE 325185\nCASH 330.00\nCHANGE DUE 4.15")
    assert extract_receipt(lines).total == Decimal("325.85")


def test_a_total_repeated_under_two_signs_settles_its_subtotal_too():
    """``subTotal 389.60`` / ``Sales Tax 7.00% 6.27`` / ``Total 395.87`` / ``MASTERCARD 695,87``: the total and the
    card read their signs as a 3 and a 6 (95.87 both times), and so did the subtotal: 89.60 + 6.27 = 95.87."""
    lines = ocr("WILLOW MARKET\n910 Rail Ave\nPortland OR 97205\nOrange Juice 9.20\nCheddar Cheese 15.89\n"
                "Pasta Penne 32.90\nBananas 17.41\nsubTotal 389.60\nSales Tax 7.00% 6.27\nTotal 395.87\n"
                "MASTERCARD 695,87\n07/27/2024 02:30 PM")
    assert extract_receipt(lines).total == Decimal("95.87")


@pytest.mark.parametrize("lines, total", [
    # a grocer taxing a few flagged items: a tax of 0.8 % is its by nature, the block's two readings alike
    (["ORG BANANAS 3LB 2.49 E", "KS PAPER TOWEL 22.99 A", "SUBTOTAL 569.72", "TAX 34.36", "TOTAL 574.08",
      "VISA 574.08"], "574.08"),
    # no line prints the total: a deposit, a money order between the subtotal and the cash make cash less change
    (["SUBTOTAL 45.00", "SECURITY DEPOSIT 100.00", "CASH 150.00", "CHANGE 5.00"], "145.00"),
    (["SUBTOTAL 1.29", "MONEY ORDER 300.00", "MO FEE 0.99", "CASH 320.00", "CHANGE 17.72"], "302.28"),
    # a cash's 1 is its own (the subtotal lost its 1)
    (["SUBTOTAL 52.40", "TAX 12.19", "CASH 180.00", "CHANGE 15.41"], "164.59"),
    # a block that adds up as printed under a card line one digit misread: no two signs settle it
    (["SUBTOTAL 369.00", "SALES TAX 25.83", "TOTAL 394.83", "VISA 894.83"], "394.83")])
def test_sign_readings_of_the_totals_block_keep_the_printed_digits_where_the_receipt_says_so(lines, total):
    """Guards of the sign readings above (near cases of a misfire review)."""
    assert extract_receipt(ocr("\n".join(lines))).total == Decimal(total)


@pytest.mark.parametrize(("lines", "total"), [
    # a grocer's items close in tax flags: the block adds up both as 539.41 + 3.25 and as 39.41 + 3.25; the prices
    # (signs read as an S, a 5 and an 8) come to 39.41, and 3.25 is 8.25 % of it
    (["WILLOW MARKET INC", "Springfield, IL 62701", "APPLES GALA S14.42 N", "3 @ 1.56", "COFFEE BEANS 54.68 T",
      "WHEAT BREAD 83.40 F", "CHICKEN BREAST 516.91 N", "SUBTOTAL 539.41", "SALES TAX 8.25% 33.25",
      "BALANCE DUE 542.66", "MASTERCARD 542.66", "04/10/2025 06:19 PM"], "42.66"),
    # a thrift store's merchandise subtotal, its card total's sign read as a 6 and its point as a space
    (["SALVATION ARMY", "536 WEST 46TH STREET", "NEW YORK, NY 10036", "01/08/11 10:24 AM", "COATS 10.00",
      "COATS 25.00", "MDSE ST $35.00", "TAX $1.53", "CR CARD 656 53"], "36.53"),
])
def test_the_prices_a_printed_rate_and_a_subtotals_label_settle_a_block_whose_signs_were_misread(lines, total):
    assert extract_receipt(ocr("\n".join(lines))).total == Decimal(total)
