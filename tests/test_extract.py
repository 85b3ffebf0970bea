"""End-to-end field extraction on OCR-line fixtures written as EasyOCR emits them (noise kept)."""
import datetime as dt
from decimal import Decimal

import pytest

from parse.extract import extract_receipt
from parse.merchant import has_legal_form
from parse.types import OcrLine


def ocr(text: str) -> list[OcrLine]:
    """One OcrLine per non-empty line, boxes stacked top to bottom like a narrow receipt."""
    rows = [row.strip() for row in text.strip().splitlines() if row.strip()]
    return [OcrLine(row, box=(10, 30 * i, 10 + 12 * len(row), 30 * i + 24), confidence=0.8)
            for i, row in enumerate(rows)]


def read_as(rows: list[tuple[str, float]]) -> list[OcrLine]:
    """OCR lines as a blurred photo's read gave them, each with the recogniser's confidence; boxes
    stacked as ``ocr`` stacks them."""
    return [OcrLine(text, box=(10, 30 * i, 10 + 12 * len(text), 30 * i + 24), confidence=confidence)
            for i, (text, confidence) in enumerate(rows)]


US_GROCERY = ocr("""
Save money. Live better.
( 479 ) 273 - 4134
SUPERCENTER STORE #5260
1206 W MAIN ST
BENTONVILLE AR 72712
ST# 05260 OP# 009055 TE# 55 TR# 07461
BANANAS 000000004011 KF 1.24 N
MILK 2% GAL 007874235187 F 3.48 N
BREAD WHT 007225003712 F 2 .50 N
PAPER TOWELS 003600040912 9.97 X
SUBTOTAL 17.19
TAX 1 7.500 % 0.75
TOTAL 17.94
VISA TEND 17.94
ACCOUNT # **** **** **** 4821 S
CHANGE DUE 0.00
03/14/24 18:42:07
""")

GERMAN_SUPERMARKET = ocr("""
Frische Markt GmbH
Hauptstraße 12
50667 Köln
Tel. 0221 123456
EUR
Bio Vollmilch 3,8% 1,19 A
Bananen 1,2 kg x 1,49 1,79 A
Brot Roggen 2,49 A
Rotwein Trocken 5,99 B
Pfand 0,25 A
SUMME EUR 11,71
Geg. EC-Karte EUR 11,71
MwSt-Satz Netto MwSt Brutto
A 7% 5,35 0,37 5,72
B 19% 5,03 0,96 5,99
Datum: 31.12.2024 Uhrzeit: 13:39:12
Bon-Nr. 4711 Kasse 3
Vielen Dank für Ihren Einkauf
""")

UK_CAFE = ocr("""
The Corner Kitchen Ltd
14 High Street
Oxford OX1 4AH
VAT Reg No. GB 123 4567 89
Table 7 Covers 2
2 x Flat White £3.20 £6.40
Full Breakfast £11.50
Orange Juice £2.95
Subtotal £20.85
VAT 20% £3.48
Total £20.85
Card Payment Mastercard £20.85
05/11/2023 09:14
Receipt No: 1042
Thank you for visiting!
""")

MALAYSIAN_HARDWARE = ocr("""
SYARIKAT PERNIAGAAN GIN KEE
(81109-A)
NO 290,JALAN AIR PANAS;
53200, KUALA LUMPUR;
TEL 03-40210276
GST ID 000750673920
SIMPLIFIED TAX INVOICE
Doc No CSO0012514 Date: 03/01/2018
Cashier USER Time: 10.37.00
1938 2 6 89 13.78 SR
4" ROLLER SET
Tolai Qty: 94,87
Total Sales Excluding GST) 89.50
Total GST 5.37
Rounding 0.00
Total Sales (Inclusive of GST) 94.87
CASH 94.87
Change 0.00
GST SUMMARY
SR 89.50 5.37
Total 89.50 5.37
""")


def test_us_grocery():
    r = extract_receipt(US_GROCERY)
    assert r.total == Decimal("17.94")
    assert r.subtotal == Decimal("17.19")
    assert r.tax == Decimal("0.75")
    assert r.date == dt.date(2024, 3, 14)
    assert r.time == dt.time(18, 42, 7)
    assert r.currency is None or r.currency == "USD"
    assert r.payment == "visa"
    assert r.flags["subtotal_plus_tax_equals_total"] is True
    assert r.flags["items_sum_to_subtotal"] is True
    assert "4821" not in (r.payment or "") and "4821" not in (r.receipt_number or "")


def test_us_balance_due_and_two_digit_year_month_first():
    lines = ocr("""
    Corner Deli LLC
    123 Elm Street, Springfield IL 62704
    (217) 555-0199
    04/05/24 12:31 PM
    Turkey Sandwich 8.99
    Soda 1.99
    SUBTOTAL 10.98
    SALES TAX 0.69
    BALANCE DUE $11.67
    CASH $20.00
    CHANGE $8.33
    """)
    r = extract_receipt(lines)
    assert r.total == Decimal("11.67")
    assert r.date == dt.date(2024, 4, 5)  # US: month first
    assert r.time == dt.time(12, 31)
    assert r.currency == "USD"
    assert r.payment == "cash"
    assert r.merchant == "Corner Deli LLC"
    assert r.phone == "(217) 555-0199"
    assert r.category == "restaurant"


def test_german_supermarket():
    r = extract_receipt(GERMAN_SUPERMARKET)
    assert r.total == Decimal("11.71")
    assert r.currency == "EUR"
    assert r.date == dt.date(2024, 12, 31)
    assert r.time == dt.time(13, 39, 12)
    assert r.payment == "girocard"
    assert r.merchant == "Frische Markt GmbH"
    assert r.receipt_number == "4711"
    assert r.category == "grocery"
    assert sum(i.amount for i in r.items) == Decimal("11.71")


def test_german_zu_zahlen_and_bar():
    lines = ocr("""
    Backhaus Sonne
    Datum 03.04.24 07:55
    2 x Brötchen 0,45 0,90
    Kaffee 2,80
    Zwischensumme 3,70
    ZU ZAHLEN 3,70
    BAR 5,00
    Rückgeld 1,30
    MwSt 7% 0,24
    """)
    r = extract_receipt(lines)
    assert r.total == Decimal("3.70")
    assert r.subtotal == Decimal("3.70")
    assert r.date == dt.date(2024, 4, 3)  # German: day first
    assert r.payment == "cash"
    assert r.tax == Decimal("0.24") and r.tax_rate == Decimal("7")
    item = r.items[0]
    assert item.quantity == 2 and item.unit_price == Decimal("0.45") and item.amount == Decimal("0.90")


def test_uk_cafe():
    r = extract_receipt(UK_CAFE)
    assert r.total == Decimal("20.85")
    assert r.currency == "GBP"
    assert r.date == dt.date(2023, 11, 5)  # UK: day first
    assert r.payment == "mastercard"
    assert r.tax == Decimal("3.48") and r.tax_rate == Decimal("20")
    assert r.merchant == "The Corner Kitchen Ltd"
    assert r.receipt_number == "1042"
    assert r.category == "restaurant"


def test_malaysian_hardware_with_summary_table():
    r = extract_receipt(MALAYSIAN_HARDWARE)
    assert r.total == Decimal("94.87")
    assert r.date == dt.date(2018, 1, 3)
    assert r.currency == "MYR"
    assert r.merchant == "SYARIKAT PERNIAGAAN GIN KEE"
    assert r.phone == "03-40210276"
    assert r.payment == "cash"
    assert r.tax == Decimal("5.37")


def test_malaysian_rounded_total_and_split_name():
    lines = ocr("""
    POPULAR Book
    Co_ (M) SDN BHD
    (Co. No. 113825-W)
    No 8 , Jalan 7/118B, Desa Tun Razak
    01/03/18 19:14 Slip No. 0010104733
    Member Card No : 2008011381468
    Card Expiry: 30/09/18
    2pc 9. 89 19. 78 T
    Total RM Inc]. of GST 49. 39
    Rounding Adj 0. 01
    Tota] RM 49. 40
    Cash ~50. 00
    CHANGE 0.60
    """)
    r = extract_receipt(lines)
    assert r.total == Decimal("49.40")
    assert r.date == dt.date(2018, 3, 1)
    assert r.merchant == "POPULAR Book Co_ (M) SDN BHD"
    assert r.payment == "cash"


def test_no_merchant_when_only_a_logo():
    lines = ocr("""
    TAX INVOICE
    123 Main Street
    Date 12/01/2024
    Item 5.00
    TOTAL 5.00
    """)
    assert extract_receipt(lines).merchant is None


def test_cash_and_change_are_not_the_total():
    lines = ocr("""
    Shop Ltd
    Item 3.50
    CASH 10.00
    CHANGE 6.50
    """)
    r = extract_receipt(lines)
    assert r.total == Decimal("3.50")


@pytest.mark.parametrize("text", [
    "DOLLAR GENERAL\nCLOROX WIPES 12.45\nSUBTOTAL 12.45\nSales Tax 7% 0.87\nTOTAL 13.32\nCASH BACK 20.00\n"
    "DEBIT 33.32\nCHANGE DUE 0.00",
    # Kroger's total is its BALANCE (no total label): the debit less the cash back is the purchase
    "KROGER\nMILK 3.49\nBREAD 9.83\n**** BALANCE 13.32\nCASH BACK 20.00\nDEBIT 33.32\nCHANGE 0.00",
    "REWE\nMilch 3,49\nBrot 9,83\nSUMME EUR 13,32\nAuszahlung 20,00\ngirocard 33,32",
])
def test_cash_back_on_a_debit_card_is_neither_cash_given_nor_the_purchase(text):
    assert extract_receipt(ocr(text)).total == Decimal("13.32")


@pytest.mark.parametrize("heading", ["Tip Suggestions", "Gratuity Options", "Tip Percentages", "Gratuity", "Tip Choices"])
def test_a_tip_guide_under_any_heading_adds_no_tip(heading):
    """A tip's label with no amount over rows opening with a share is the guide's heading (its
    words vary by till), not a tip paid: the bill's total stands."""
    receipt = extract_receipt(ocr(f"Bluebird Cafe\nBurger 50.00\nSubtotal 50.00\nTax 4.18\nTotal 54.18\n{heading}\n"
                                  "18% = 9.75  Total 63.93\n20% = 10.84  Total 65.02"))
    assert (receipt.total, receipt.tip) == (Decimal("54.18"), None)


def test_two_label_and_value_pairs_read_as_one_line_keep_their_own_values():
    """``Subtotal 22.95   Tax 1.98`` and ``Amount 54.18  Tip 10.00  Total 64.18``: a label's value is
    the first amount after it where another label follows, not the line's last amount."""
    receipt = extract_receipt(ocr("Golden Dragon\n1 Kung Pao Chicken 13.95\n1 Fried Rice 9.00\n"
                                  "Subtotal 22.95   Tax 1.98\nTotal 24.93"))
    assert (receipt.subtotal, receipt.total) == (Decimal("22.95"), Decimal("24.93"))
    receipt = extract_receipt(ocr("Golden Dragon\n1 Peking Duck 54.18\nAmount 54.18  Tip 10.00  Total 64.18"))
    assert (receipt.tip, receipt.total) == (Decimal("10.00"), Decimal("64.18"))


@pytest.mark.parametrize(("text", "total"), [
    ("THE HOME DEPOT\nCORDLESS DRILL -89.00\nSUBTOTAL -89.00\nSALES TAX -7.39\nTOTAL -96.39\nREFUND TO VISA -96.39",
     "-96.39"),
    ("PENNY\nLeergut -3,75 A\nBrot 1,29 A\nSUMME EUR -2,46\nAuszahlung Bar 2,46", "-2.46"),  # empties worth more
    # empties worth more, the change paid out in cash: no money paid
    ("Kaufland\nBrötchen 0,49 B\nLeergutbon -2,25 A\nSumme -1,76\nRückgeld Bar 1,76", "-1.76"),
    # a card's word that names goods too, on an item's line: no card paid ("Espresso Maestro", "EC-Kartenetui")
    ("Kaufland\nEspresso Maestro 0,49 B\nLeergutbon -2,25 A\nSumme -1,76\nRückgeld Bar 1,76", "-1.76"),
    ("Kaufland\nEC-Kartenetui 0,49 B\nLeergutbon -2,25 A\nSumme -1,76\nRückgeld Bar 1,76", "-1.76"),
])
def test_a_returns_negative_total_is_its_total(text, total):
    """A return's receipt (or empties worth more than the purchase) totals below zero: the labelled
    total is what was paid back, not the least negative amount on it."""
    assert extract_receipt(ocr(text)).total == Decimal(total)


@pytest.mark.parametrize("total_line", ["TOTAL 14.99-", "TOTAL -14.99"])
def test_a_returns_negative_total_stands_where_the_card_line_prints_the_refund_unsigned(total_line):
    """A return whose total prints a minus (trailing or leading), refunded to a card whose line prints the same
    amount unsigned (``VISA CREDIT 14.99``): that line is the refund, no money paid; the total stays negative."""
    receipt = extract_receipt(ocr(f"Walgreens\nCHICAGO, IL 60661\nRETURN\n1 VITAMINS 14.99-\n{total_line}\n"
                                  "VISA CREDIT 14.99\n12/05/2026 11:31 AM"))
    assert receipt.total == Decimal("-14.99")


@pytest.mark.parametrize(("text", "total"), [
    ("Walgreens\nVITAMINS 14.99\nTOTAL 14.99\nVISA CREDIT 14.99", "14.99"),  # a credit card paying a sale
    ("PENNY\nPfandrückgabe -3,25 A\nBrot 5,29 A\nSUMME EUR 2,04\nBar 2,04", "2.04"),  # empties worth less
])
def test_a_sale_paid_by_a_credit_card_or_with_empties_worth_less_keeps_its_positive_total(text, total):
    assert extract_receipt(ocr(text)).total == Decimal(total)


@pytest.mark.parametrize("item", ["Snack Bar Combo", "Candy Bar", "Salad Bar Large"])
def test_an_item_named_bar_is_no_cash_handed_over(item):
    """An item whose name holds ``Bar`` (a snack bar's combo, a candy bar, a salad bar) is no German word of cash:
    it opens no line and follows no tender's word. Cash less change does not replace the labelled total, and with
    no total label read, the cash under the items less the change is the total."""
    for total_line in ("TOTAL 21.50\n", ""):
        receipt = extract_receipt(ocr(f"WELLFLEET DRIVE-IN\n08/14/2026 8:12 PM\n{item} 12.50\nPopcorn 9.00\n"
                                      f"{total_line}CASH 30.00\nCHANGE 8.50"))
        assert receipt.total == Decimal("21.50")


def test_an_items_tender_word_above_the_total_is_no_cash_that_total_could_not_be_paid_with():
    """``PAID PARKING 12.50`` among the items: cash handed over is printed under the total it pays, so a tender's
    word above it is no cash the total exceeds."""
    receipt = extract_receipt(ocr("WELLFLEET DRIVE-IN\n08/14/2026 8:12 PM\nPAID PARKING 12.50\nPopcorn 9.00\n"
                                  "TOTAL 21.50\nCASH 30.00\nCHANGE 8.50"))
    assert receipt.total == Decimal("21.50")


@pytest.mark.parametrize("tender", ["Bar 30,00", "Gegeben Bar 30,00", "Geg. BAR 30,00", "Zahlung BAR EUR 30,00"])
def test_the_german_bar_opening_its_line_or_after_a_tenders_word_is_cash_handed_over(tender):
    """A kiosk's receipt with no total label: the German ``Bar`` opening its line or after a tender's word is the
    cash handed over, and less the change it is the total."""
    receipt = extract_receipt(ocr(f"Kiosk am Eck\n03.12.2026 17:48\nCola 12,50\nChips 9,00\n{tender}\n"
                                  "Rückgeld 8,50"))
    assert receipt.total == Decimal("21.50")


def test_a_bill_paid_part_in_cash_part_by_card_is_the_total_not_the_cash():
    receipt = extract_receipt(ocr("Steak Place\n11/27/2026 6:48 PM\nRibeye 60.44\nTotal 64.67\nCash 40.00\n"
                                  "Visa 24.67\nChange 0.00"))
    assert receipt.total == Decimal("64.67")


@pytest.mark.parametrize("text", [
    # the filled copy of the slip above a blank one, each printing the bill again
    "Olive Garden\n12/01/2026 7:41 PM\nLasagna 43.35\nTax 3.91\nTotal 47.26\nAmount: 47.26\nTip: 9.00\n"
    "Total: 56.26\nAmount: 47.26\nTip: ____\nTotal: ____",
    # the slip photographed above the bill
    "Blue Door\nAmount: 47.26\nTip: 9.00\nTotal: 56.26\n12/04/2026 7:02 PM\nBurger 43.35\nTax 3.91\nTotal 47.26",
    # the card's charge, tip included, printed between the bill and the tip
    "Blue Door\n12/04/2026 7:02 PM\nBurger 43.35\nTax 3.91\nTotal 47.26\nVisa 56.26\nTip 9.00",
    # the total written in by hand, its point lost or a hyphen
    "Blue Door\n12/04/2026 7:02 PM\nBurger 43.35\nTax 3.91\nTotal 47.26\nTip: 9.00\nTotal: 5626",
    "Blue Door\n12/04/2026 7:02 PM\nBurger 43.35\nTax 3.91\nTotal 47.26\nTip: 9.00\nTotal: 56-26",
])
def test_a_tip_on_the_card_slip_is_added_to_the_bill_wherever_the_slip_stands(text):
    receipt = extract_receipt(ocr(text))
    assert (receipt.tip, receipt.total) == (Decimal("9.00"), Decimal("56.26"))


@pytest.mark.parametrize(("payments", "total"), [
    ("Summe 11,98\nGegeben Bar 5,00\nKartenzahlung girocard 6,98\nBetrag EUR 6,98", "11.98"),
    ("Summe 11,98\nGegeben Bar 5,00\nEC-Cash 6,98\nRückgeld 0,00\nBetrag EUR 6,98", "11.98"),
    ("Summe 11,98\nBar 5,00\nApple Pay 6,98\nRückgeld 0,00", "11.98"),
    ("Summe 11,98\nKreditkarte 7,00\nBar 10,00\nRückgeld 5,02", "11.98"),
    ("Summe 11,98\nGeschenkkarte 5,00\nEC-Karte 6,98\nRestguthaben Geschenkkarte 0,00\nBetrag EUR 6,98", "11.98"),
    # the card's amount unread: the slip's amount is the sum less the voucher, however far under it
    ("Summe 11,98\nGeschenkkarte 5,00\ngirocard\nRestguthaben Geschenkkarte 0,00\nTerminal-ID 12345678\n"
     "TA-Nr 004711\nBetrag EUR 6,98", "11.98"),
    ("Summe 11,98\nGutschein 5,00\nRestbetrag 6,98\nBar 10,00\nRückgeld 3,02", "11.98"),
    ("SUMME € 11,98\nAuszahlung € 50,00\nGeg. girocard € 61,98\nBetrag EUR 61,98", "11.98"),
    ("Summe 11,98\nBargeldauszahlung 50,00\nKartenzahlung 61,98\nBetrag EUR 61,98\nZahlung erfolgt", "11.98"),
    # the gift card's balance left is no tender
    ("Summe 11,98\nGeschenkkarte 11,98\nRestguthaben Geschenkkarte 8,02", "11.98"),
])
def test_tenders_paying_the_sum_between_them_leave_it_the_total(payments, total):
    """Two tenders (cash, a voucher, a card) or a card charged a cash-back: what one of them paid, what was
    left after the other (``Restbetrag``), the card's charge on its slip (``Betrag EUR``) is no total."""
    text = f"Kaufland\nSteinsetzerstr. 11\n28279 Bremen\nAriel 9,99 A\nMehl 1,99 B\n{payments}\nDatum 01.12.2026"
    assert extract_receipt(ocr(text)).total == Decimal(total)


US_BILL = "Cafe X\nCheck #551\nOrdered: 7/25/26 6:44 PM\n1 Burger $20.00\n1 Fries $5.00\nSubtotal $25.00\nTax $2.00\n" \
          "Total $27.00"


@pytest.mark.parametrize(("payments", "tip", "total"), [
    ("Gift Card $20.00\nAmount Due $7.00\nVISA xxxx7100\nAmount: $7.00", None, "27.00"),
    ("Cash $20.00\nAmount Due $7.00\nVISA xxxx7100\nAmount: $7.00", None, "27.00"),
    ("VISA XXXX6110 20.00\nBalance Due 7.00\nAMEX XXXX1002 7.00\nBalance Due 0.00", None, "27.00"),
    # the card's slip pays the balance, a tip written on it: the tip is paid on the bill
    ("Gift Card $20.00\nAmount Due $7.00\nVISA xxxx7100\nAmount: $7.00\n+ Tip: 2.00\n= Total: 9.00", "2.00", "29.00"),
    ("Gift Card $20.00\nVISA xxxx7100\nAmount: $7.00\n+ Tip: 2.00\n= Total: 9.00", "2.00", "29.00"),
])
def test_a_balance_left_after_another_tender_is_no_total(payments, tip, total):
    receipt = extract_receipt(ocr(f"{US_BILL}\n{payments}"))
    assert (receipt.tip, receipt.total) == (tip and Decimal(tip), Decimal(total))


def test_two_guests_slips_splitting_the_bill_each_pay_their_own_share():
    text = (f"{US_BILL}\nVisa xxxxxxxxxxxx4410\nAmount: $13.50\n+Tip: 3.00\n=Total: 16.50\n"
            "Mastercard xxxxxxxxxxxx2093\nAmount: $13.50\n+Tip: 2.00\n=Total: 15.50")
    assert extract_receipt(ocr(text)).total in (Decimal("16.50"), Decimal("15.50"), Decimal("32.00"))


def test_a_tip_guides_row_under_a_blank_slip_is_no_total_written_in():
    receipt = extract_receipt(ocr("The Pit Stop\n12/05/2026 12:40 PM\nLobster Roll 36.00\nSubtotal 36.00\nTax 2.88\n"
                                  "Total 38.88\nTip: ______\nTotal: ______\n18%: $6.48 (Total $45.36)"))
    assert (receipt.tip, receipt.total) == (None, Decimal("38.88"))


def test_a_column_of_labels_read_before_its_column_of_values_pairs_them_in_order():
    """A slanted photo's label column read before its amounts (``Subtotal`` / ``Tax`` / ``Total`` /
    ``9.20`` / ``0.95`` / ``10.15``): each label takes the amount at its own place."""
    receipt = extract_receipt(ocr("Starbucks\n12/05/2026 07:12 AM\nLatte 5.95\nPike 3.25\nSubtotal\nTax\nTotal\n"
                                  "9.20\n0.95\n10.15\nVisa 10.15"))
    assert (receipt.subtotal, receipt.tax, receipt.total) == (Decimal("9.20"), Decimal("0.95"), Decimal("10.15"))


@pytest.mark.parametrize(("text", "tip", "total"), [
    # "Options" under an item is no tip guide's heading; one share row under a gratuity's label is the gratuity
    ("Green Leaf Salads\n12/03/2026 12:41 PM\nCobb Salad 14.50\nDressing Options Ranch\nLemonade 4.00\n"
     "Subtotal 18.50\nSales Tax 1.98\nTip 20% 4.10\nTotal 24.58", "4.10", "24.58"),
    ("The Ivy\n03/12/2026 20:41\nSteak 40.00\nDiscretionary Gratuity\n12.5% 5.00\nTotal 45.00\nCard 45.00",
     "5.00", "45.00"),
])
def test_a_tip_that_only_looks_like_a_guides_heading_is_paid(text, tip, total):
    receipt = extract_receipt(ocr(text))
    assert (receipt.tip, receipt.total) == (Decimal(tip), Decimal(total))


def test_a_gift_card_bought_and_a_coupons_total_are_no_tender_and_no_total():
    assert extract_receipt(ocr("Walgreens\n12/03/2026 2:14 PM\nVISA GIFT CARD 25.00\nCANDY 5.00\nCASH 40.00\n"
                               "CHANGE 10.00")).total == Decimal("30.00")
    coupon_total = ocr("KROGER\n12/03/2026 2:14 PM\nMILK 3.49\nBREAD 2.99\nSC KROGER COUPON -1.00\n"
                       "**** BALANCE 5.48\nVISA 5.48\nCHANGE 0.00\nCOUPON TOTAL -1.00")
    assert extract_receipt(coupon_total).total == Decimal("5.48")


def test_empty_input():
    r = extract_receipt([])
    assert r.total is None and r.merchant is None and r.items == ()


def test_confidences_are_probabilities():
    r = extract_receipt(UK_CAFE)
    assert r.confidence and all(0.0 <= v <= 1.0 for v in r.confidence.values())


def test_items_named_like_payment_words_are_kept():
    from parse.items import summary_line

    for item in ("PROTEIN BAR 2.49", "BAR SOAP 3.99", "GREETING CARD 4.50", "Gift card holder 1.99"):
        assert not summary_line(item), item
    for summary in ("TOTAL 8.37", "VISA ****1234 8.37", "BAR 20,00", "CHANGE DUE 0.00", "SUBTOTAL 7.75",
                    "TAX 8% 0.62", "MwSt 19% 1,23"):
        assert summary_line(summary), summary


def test_total_label_garbled_but_subtotal_plus_tax_printed_twice():
    lines = ocr("""
    Lamp Gallery Sdn Bhd
    Date 20/12/2017
    LED TRACK LIGHT 2 * 33.02 66.04
    JOINT PIN 2.83
    Suh Total RM 68 , 87
    GST 6% RM 4.13
    T0"- RM 73. 00
    CA RM 73. 00
    CHANGE RM 0. 00
    """)
    r = extract_receipt(lines)
    assert (r.total, r.subtotal, r.tax) == (Decimal("73.00"), Decimal("68.87"), Decimal("4.13"))


def test_total_after_rounding_beats_the_item_amounts():
    lines = ocr("""
    Mart Sri Muda
    BATTERY AA 2 2.50 5,03
    TTotal 5.00
    Rounding Adjustment 0,03
    Total After Rounding 5.00
    """)
    assert extract_receipt(lines).total == Decimal("5.00")


def test_total_with_its_decimal_point_read_as_a_hyphen():
    lines = ocr("""
    Hardware Enterprise
    120000143 18.D6 13.00 S
    SOCKET 15A
    TOTAL 16-D0
    CHANGE O-00
    """)
    assert extract_receipt(lines).total == Decimal("16.00")


def test_tax_included_total_is_not_raised_by_the_tax():
    lines = ocr("""
    Cafe Berlin
    Kaffee 3,20
    SUMME EUR 3,20
    MwSt 19% 0,51
    Bar 3,20
    """)
    r = extract_receipt(lines)
    assert r.total == Decimal("3.20")


def test_a_date_in_the_future_is_no_purchase_date():
    lines = ocr("""
    Corner Shop
    23/03/2024
    TOTAL 5.00
    DD: 01/07/2047 12:44
    """)
    assert extract_receipt(lines).date == dt.date(2024, 3, 23)


def test_a_count_line_above_or_below_its_item_gives_quantity_and_unit_price():
    lines = ocr("""
    Frische Markt GmbH
    3 x 1,49
    Vollmilch 3,5% 4,47 A
    Bananen 1,79 A
    Brot Roggen 4,98 A
    2 x 2,49
    Butter 2,19 A
    SUMME EUR 13,43
    """)
    items = [(i.description, i.quantity, i.unit_price, i.amount) for i in extract_receipt(lines).items]
    assert items == [("Vollmilch 3,5%", Decimal(3), Decimal("1.49"), Decimal("4.47")),
                     ("Bananen", None, None, Decimal("1.79")),
                     ("Brot Roggen", Decimal(2), Decimal("2.49"), Decimal("4.98")),
                     ("Butter", None, None, Decimal("2.19"))]


def test_discount_lines_take_money_off_even_when_ocr_lost_the_minus():
    lines = ocr("""
    Hillcrest Backerei KG
    Bananen 18,12 A
    Rabatt 33,62
    Butter 3,04 A
    Rabatt 0,61
    Eier 10er 16,52 B
    Summe EUR 33,45
    """)
    amounts = [(i.description, i.amount) for i in extract_receipt(lines).items]
    assert amounts == [("Bananen", Decimal("18.12")), ("Rabatt", Decimal("-3.62")), ("Butter", Decimal("3.04")),
                       ("Rabatt", Decimal("-0.61")), ("Eier 10er", Decimal("16.52"))]
    assert sum(amount for _, amount in amounts) == extract_receipt(lines).total


def test_a_discount_is_not_shortened_unless_the_items_then_add_up():
    lines = ocr("""
    Corner Shop Ltd
    Tea Bags 80 4.37
    Multibuy saving 22.72
    TOTAL 9.99
    """)
    assert [i.amount for i in extract_receipt(lines).items] == [Decimal("4.37"), Decimal("-22.72")]


def test_the_address_is_no_item_when_the_date_is_printed_under_the_totals():
    lines = ocr("""
    HARBOR HARDWARE
    873 Main Street
    Springfield, IL 62701
    (523) 613-5596
      2 @ 2.12
    EGGS LARGE 12CT 4.24 F
    COUPON -0 . 85
    SUBTOTAL 3.39
    TOTAL 3.39
    03/14/2025 10:22 AM
    """)
    r = extract_receipt(lines)
    assert [(i.description, i.quantity, i.amount) for i in r.items] == [
        ("EGGS LARGE 12CT", Decimal(2), Decimal("4.24")), ("COUPON", None, Decimal("-0.85"))]
    assert r.merchant_address == "873 Main Street, Springfield, IL 62701"


def test_items_printed_as_a_price_line_then_the_name():
    lines = ocr("""
    SYARIKAT PERNIAGAAN GIN KEE
    Doc No CSO0013118 Date: 03/02/2018
    Cashier USER Time. 11.49.00
    Salesperson Ref ,
    Item Qty SiPrice Amount Tax
    2786 2 4.77 9.54 SR
    12M WIRE ROPE CLIP
    1471 4.77 4.77 SR
    4" X KINKI BRD 2 WAY SCREWDRIVER
    1943 2 23.32 46 64 SR
    HOES SET
    Total Qty: 5
    Total Sales (Inclusive of GST) 60.95
    """)
    items = [(i.description, i.quantity, i.amount) for i in extract_receipt(lines).items]
    assert items == [("12M WIRE ROPE CLIP", Decimal(2), Decimal("9.54")),
                     ('4" X KINKI BRD 2 WAY SCREWDRIVER', Decimal(1), Decimal("4.77")),
                     ("HOES SET", Decimal(2), Decimal("46.64"))]


def test_items_end_at_the_first_total_even_when_the_total_is_read_further_down():
    lines = ocr("""
    POPULAR Book Co (M) SDN BHD
    01/03/18 19:14 Slip No. 0010104733
    Item Qty Total
    X-VENTURE UNEXPLAINED 12.00
    PU EXPANDING FILE 37.39
    Total RM Inc. of GST 49.39
    Rounding Adj 0.01
    Total RM 49.40
    """)
    r = extract_receipt(lines)
    assert r.total == Decimal("49.40")
    assert [i.amount for i in r.items] == [Decimal("12.00"), Decimal("37.39")]


def test_a_garbled_subtotal_label_still_ends_the_items():
    lines = ocr("""
    Pharmacy Sdn Bhd
    PANADOL ACTIFAST 20'S 12.00
    ALPHA LIPID LIFE LINE 165.00
    SubTatal 177.00
    Roundlng Ad] 0.00
    TOTAL 177.00
    """)
    assert [i.description for i in extract_receipt(lines).items] == ["PANADOL ACTIFAST 20'S", "ALPHA LIPID LIFE LINE"]


def test_sizes_and_codes_printed_beside_an_item_are_not_prices():
    lines = ocr("""
    MR. D.I.Y. (M) SDN BHD
    -TAX INVOICE-
    ACRYLIC TAPE 18MM*1.5M *S
    UA12 - 12/144
    9086391 4 X 2.90 11.60
    11.60
    RESTAURANT ORDER CHIT NCR
    3.5"X6"
    3 X 2.9000 8.70 SR
    ITEM(S) : 2 QTY(S) : 7
    TOTAL INCL. GST@6% RM 20.30
    """)
    r = extract_receipt(lines)
    assert [(i.description, i.quantity, i.unit_price, i.amount) for i in r.items] == [
        ("ACRYLIC TAPE 18MM*1.5M *S", Decimal(4), Decimal("2.90"), Decimal("11.60")),
        ("RESTAURANT ORDER CHIT NCR", Decimal(3), Decimal("2.9000"), Decimal("8.70"))]
    assert r.flags["items_sum_to_total"] is True


def test_litres_and_the_price_per_litre_are_not_items():
    lines = ocr("""
    PETRODELI ENTERPRISE
    INVOICE NUMBER: 60000152273
    39.42 LITRE PUMP # 09
    FUELSAVE 95 RM 85.54 C
    2.170 RM / LITRE
    TOTAL RM 85.54
    """)
    assert [(i.description, i.amount) for i in extract_receipt(lines).items] == [("FUELSAVE 95", Decimal("85.54"))]


def test_a_weighed_item_takes_its_weight_and_price_per_kilo():
    lines = ocr("""
    REWE Markt GmbH
    BANANEN
    0,556 kg x 2,99 EUR/kg 1,66
    MILCH 1,5L 1,19
    SUMME EUR 2,85
    """)
    items = extract_receipt(lines).items
    assert [(i.description, i.quantity, i.unit_price, i.amount) for i in items] == [
        ("BANANEN", Decimal("0.556"), Decimal("2.99"), Decimal("1.66")),
        ("MILCH 1,5L", None, None, Decimal("1.19"))]


def test_items_printed_by_their_code_alone_are_known_by_their_arithmetic():
    lines = ocr("""
    SWC ENTERPRISE SDN BHD
    001 23/03/2018 19:08:32
    0025679 U 2X11.80 23.60 S
    0025679 U 2X8.80 17.60 S
    ITEM 2 SUBTOTAL INCL GST 41.20
    TOTAL 41.20
    """)
    assert [(i.quantity, i.unit_price, i.amount) for i in extract_receipt(lines).items] == [
        (Decimal(2), Decimal("11.80"), Decimal("23.60")), (Decimal(2), Decimal("8.80"), Decimal("17.60"))]


def test_items_add_up_to_the_total_before_cash_rounding():
    receipt = """
    POPULAR Book Co (M) SDN BHD
    01/03/18 19:14 Slip No. 0010104733
    X-VENTURE UNEXPLAINED 12.00
    PU EXPANDING FILE {price}
    Rounding Adj 0.01
    Total RM 49.40
    """
    assert extract_receipt(ocr(receipt.format(price="37.39"))).flags["items_sum_to_total"] is True
    assert extract_receipt(ocr(receipt.format(price="37.29"))).flags["items_sum_to_total"] is False


def test_items_stop_where_they_add_up_when_a_garbled_label_follows():
    lines = ocr("""
    RESTORAN WAN SHENG
    Date 02-04-2018 15:14:07
    Teh (B)
    2 X 2,20 4.40 SR
    Herbal Tea
    1,70 1,70 SR
    Take Away
    3 X 0,20 0,60 SR
    Tota} QTY: 6
    Tata Excluding GST ) : 6,33
    GST payanle {6% 0,37
    Total (Inclusive of GST) 6.70
    """)
    r = extract_receipt(lines)
    assert [(i.description, i.amount) for i in r.items] == [
        ("Teh (B)", Decimal("4.40")), ("Herbal Tea", Decimal("1.70")), ("Take Away", Decimal("0.60"))]
    assert r.total == Decimal("6.70") and r.flags["items_sum_to_total"] is True


def test_a_rounding_whose_minus_ocr_lost_still_reconciles_the_items():
    lines = ocr("""
    BEMED (SP) SDN BHD
    CB# 59581331715 14/05/2017 02.58.39
    PANADOL ACTIFAST 20'S ZRL
    458140 12.00 12.00
    ALPHA LIPID LIFE LINE SR
    184810 165.00 165.00
    PIL CHI-KIT TECK AUN (12'S) SR
    160160 14.22 14.22
    Roundlng Ad] ~0.02
    Total Inclusive GST: 191.20
    """)
    r = extract_receipt(lines)
    assert sum(i.amount for i in r.items) == Decimal("191.22")
    assert r.flags["items_sum_to_total"] is True


def test_items_start_under_the_first_line_with_the_purchase_date():
    lines = ocr("""
    Sanjung Realiti Sdn. Bhd. (779763-K)
    Car Park Office, Basement 1
    TAX INVOICE
    Tax Invoice No. 0714/0601/00601
    27/06/18 10:08
    010100 Pay parking ticket 1,50 RM
    27/06/18 09:49 27/06/18 10:08
    Length of stay: 0 Dy, 0 Hr, 19 Min
    Total amount 1.50 RM
    Accepted total 2.00 RM
    Change 0.50 RM
    """)
    r = extract_receipt(lines)
    assert [(i.description, i.amount) for i in r.items] == [("010100 Pay parking ticket", Decimal("1.50"))]
    assert r.date == dt.date(2018, 6, 27)


def test_a_date_under_the_totals_does_not_hide_the_items_when_the_total_label_is_garbled():
    lines = ocr("""
    MR. D.I.Y. SDN BHD
    (CO.REG 704427-T)
    -TAX INVOICE-
    BATTERY LR03-4B AAA 4 PCS *S
    XC12 12/144
    902193 1 X 3, 90 3, 90
    Item(s) Qty(s)
    Tota Inc] GST@6X RM 3 , 90
    CaSH RM 4,00
    CHANGE RM 0,10
    24-11-17 13:11 SH01 ZT09 T2 R000011248
    """)
    r = extract_receipt(lines)
    assert r.total == Decimal("3.90")
    assert [(i.description, i.amount) for i in r.items] == [("BATTERY LR03-4B AAA 4 PCS *S", Decimal("3.90"))]


def test_short_trade_words_must_be_printed_as_they_are():
    """Look-alike folding reads KIND as KINO (cinema); short trade words match only as printed,
    long ones still through OCR slips (T0BACC0)."""
    thanks = ocr("""
    SWC ENTERPRISE SDN BHD
    23/03/2018 19:08:32
    0025679 U 2X8.80 17.60 S
    TOTAL 17.60
    THANK YOU FOR YOUR KIND SUPPORT
    """)
    assert extract_receipt(thanks).category == "retail"
    assert extract_receipt(ocr("KINO 3 SAAL 2 REIHE 5\nSUMME 9,50")).category == "cinema"
    assert extract_receipt(ocr("T0BACC0 SHOP\nTOTAL 9.50")).category == "tobacco"


def test_a_shops_own_trade_word_outweighs_goods_that_sound_like_another_trade():
    """A hardware store selling a hose pump is no petrol station; a stationer selling restaurant
    order pads is no restaurant, even when OCR glued its name together."""
    hardware = ocr("""
    GREENWAY HARDWARE
    2217 OAK AVENUE
    03/14/2024 10:12 AM
    HOSE PUMP 12.99
    TOTAL 12.99
    """)
    stationer = ocr("""
    SANYUSTATIONERY SHOP
    23/03/2018 19:08
    RESTAURANT ORDER CHIT NCR 8.70
    TOTAL 8.70
    """)
    assert (extract_receipt(hardware).category, extract_receipt(stationer).category) == ("retail", "retail")
    # the glued match needs a long word: SUNSCREEN is not a cinema's SCREEN
    assert extract_receipt(ocr("SUNSCREEN SPF 50 9.99\nTOTAL 9.99")).category == "retail"
    assert extract_receipt(ocr("BHPETROL STATION\nUNLEADED 40.00\nTOTAL 40.00")).category == "fuel"


@pytest.mark.parametrize(("lines", "category"), [
    ("Village Wine & Liquor\nNorthampton, MA 01060\nSAM ADAMS 12PK 19.99\nTOTAL 19.99", "grocery"),
    ("MAIN ENTRANCE TICKET BOOTH\nAnaheim, CA 92802\n2 DAY PARK HOPPER ADULT 628.00\nTOTAL 628.00",
     "entertainment"),
])
def test_a_drink_shop_files_as_a_grocer_and_a_parks_ticket_booth_as_entertainment(lines, category):
    """As the directory files OSM's shop=alcohol: a liquor store is a grocer's trade."""
    assert extract_receipt(ocr(lines)).category == category


def test_a_street_named_for_a_trade_is_neither_the_name_nor_the_trade():
    """``Market Street`` under a candy shop: the street, not the name joined with it, and no grocer."""
    receipt = extract_receipt(ocr("Sweet Tooth Candy Co\nMarket Street\nThe Woodlands TX 77380\n"
                                  "12/03/2026 12:14 PM\nFudge 12.99\nTOTAL 12.99\nVISA 12.99"))
    assert (receipt.merchant, receipt.category) == ("Sweet Tooth Candy Co", "retail")
    bakery = extract_receipt(ocr("BAKERY LANE\n1420 Elm St\nDallas TX 75201\n12/03/2026 8:14 AM\nScone 3.50\nTOTAL 3.50"))
    assert bakery.merchant == "BAKERY LANE"  # a shop's name ending in a street's word, not a street named for a trade


@pytest.mark.parametrize(("header", "merchant", "address"), [
    # a US street and "town STATE" are an address, not the name; a store number is neither
    ("STARBUCKS\nStore #10291\n540 Market St\nSan Francisco CA", "STARBUCKS", "540 Market St, San Francisco CA"),
    ("Walgreens #03521\n4800 N BROADWAY ST\nCHICAGO, IL 60640\n773-555-0100", "Walgreens",  # a store number
     "4800 N BROADWAY ST, CHICAGO, IL 60640"),
    ("SIX FLAGS GREAT ADVENTURE\n1 Six Flags Blvd\nJackson, NJ 08527\nADMISSION ADULT", "SIX FLAGS GREAT ADVENTURE",
     "1 Six Flags Blvd, Jackson, NJ 08527"),
    ("CVS pharmacy\n1234 BROADWAY\nNEW YORK, NY 10001\n(212) 555-0198", "CVS pharmacy",
     "1234 BROADWAY, NEW YORK, NY 10001"),
    # the address ends at its postcode's line (a region or country may follow), not at the next lines
    ("CinemaxX\nDammtordamm 1, 20354 Hamburg\nVorstellung: Dune 2 Saal 5\nReihe 9 Platz 12", "CinemaxX",
     "Dammtordamm 1, 20354 Hamburg"),
    ("REWE Markt GmbH\nHauptstr. 12\n10827 Berlin\nUID Nr.: DE812706034", "REWE Markt GmbH",
     "Hauptstr. 12, 10827 Berlin"),
    # the logo line above a legal name that opens with it is the trade name, not part of a longer one;
    # a glued street name
    ("dm-drogerie markt\ndm-drogerie markt GmbH + Co. KG\nKarlstrasse 5\n76133 Karlsruhe",
     "dm-drogerie markt", "Karlstrasse 5, 76133 Karlsruhe"),
    # house numbers and prices: "55,57" inside an address line is no price
    ("BOOK TA .K(TAMAN DAYA) SDN BND\n789417-W\nNO.53 55,57 & 59, JALAN SAGU 18,\nTAMAN DAYA,\n81100 JOHOR BAHRU,\n"
     "JOHOR.\nDOCUMENT NO : TD01167104", "BOOK TA .K(TAMAN DAYA) SDN BHD",
     "NO.53 55,57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR."),
    ("SANYU STATIONERY SHOP\nNO. 31G&33G, JALAN SETIA INDAH X ,U13/X\n40170 SETIA ALAM\n"
     "Mobile /Whatsapps : +6012-918 7937", "SANYU STATIONERY SHOP",
     "NO. 31G&33G, JALAN SETIA INDAH X ,U13/X, 40170 SETIA ALAM"),
])
def test_merchant_and_address_from_the_header(header, merchant, address):
    r = extract_receipt(ocr(header + "\n12/03/2024 10:12\nCOFFEE 3.50\nTOTAL 3.50"))
    assert (r.merchant_raw, r.merchant_address) == (merchant, address)


def test_item_names_lose_their_counts_and_keep_their_sizes():
    r = extract_receipt(ocr("""
    CORNER STORE
    1 CVS IBUPROFEN 200MG 9.99
    2 @ 1.24 BANANAS 2.48 N
    ALPHA LIPID LIFE LINE 450MG 450G
    1 185.00 185.00
    TOTAL 197.43
    """))
    assert [(i.description, i.quantity, i.unit_price, i.amount) for i in r.items] == [
        ("CVS IBUPROFEN 200MG", 1, Decimal("9.99"), Decimal("9.99")),
        ("BANANAS", 2, Decimal("1.24"), Decimal("2.48")),
        ("ALPHA LIPID LIFE LINE 450MG 450G", 1, Decimal("185.00"), Decimal("185.00")),
    ]


def test_quantities_on_the_line_under_the_name():
    """A German count line after its item (``2 Stk x 0,89``), a UK weight line with the price per
    kilo (``0.935 kg @ £0.92/kg``), and fuel whose litres stand on the name's line."""
    rewe = extract_receipt(ocr("REWE\nBROETCHEN 1,78 B\n2 Stk x 0,89\nSUMME EUR 1,78"))
    tesco = extract_receipt(ocr("TESCO\nBANANAS LOOSE\n0.935 kg @ £0.92/kg £0.86\nTOTAL £0.86"))
    aral = extract_receipt(ocr("ARAL\nSuper E10 38,41 l\n1,789 EUR/l 68,71 A\nSUMME EUR 68,71"))
    assert [(i.description, i.quantity, i.unit_price, i.amount) for r in (rewe, tesco, aral) for i in r.items] == [
        ("BROETCHEN", 2, Decimal("0.89"), Decimal("1.78")),
        ("BANANAS LOOSE", Decimal("0.935"), Decimal("0.92"), Decimal("0.86")),
        ("Super E10", Decimal("38.41"), Decimal("1.789"), Decimal("68.71")),
    ]


@pytest.mark.parametrize(("line", "number"), [
    ("REG#03 TRN#4021 CSHR#1178213 STR#1049", "4021"),
    ("CHK 681203", "681203"),
    ("Order 448", "448"),
    ("Datum 03.02.2025 Beleg 0088", "0088"),
    ("RESTAURANT ORDER CHIT NCR 8.70", None),  # a label with no number after it is no receipt number
])
def test_bare_receipt_number_labels(line, number):
    assert extract_receipt(ocr(f"SHOP\n{line}\nTOTAL 8.70")).receipt_number == number


@pytest.mark.parametrize(("text", "merchant"), [
    # the name printed only as a logo: the receipt's own words elsewhere, or nothing rather than a guess
    ("1200 Main Street\nSpringfield, IL 62701\n03/14/2024 10:12\nMILK 3.49\nTOTAL 3.49\nVISA 3.49\n"
     "www.cornermarket.com", "CORNERMARKET"),
    ("14/03/2024\nTEA 2.50\nTOTAL 2.50\nThank you for shopping at Greggs", "Greggs"),
    ("03/14/2024\nMILK 3.49\nTOTAL 3.49\ninfo@sunrise-bakery.co.uk", "SUNRISE BAKERY"),
    ("Hauptstr. 12\n10827 Berlin\nBROT 2,49\nSUMME 2,49\nBAR 5,00\nVielen Dank\nBaeckerei Schmidt GmbH\n"
     "USt-IdNr. DE123456789", "Baeckerei Schmidt GmbH"),
    ("03/14/2024 10:12\nMILK 3.49\nTOTAL 3.49\nVISA 3.49\nfacebook.com/cornermarket", "CORNERMARKET"),  # its page
    ("03/14/2024 10:12\nMILK 3.49\nTOTAL 3.49\nVISA 3.49\nLike us on facebook.com", None),
    ("TAX InOiCE ADJUSTMENT Note\nCash Inv No, 7014F714\n14/10/2017\nBREAD 2.13\nTOTAL 2.13", None),
])
def test_a_logo_only_name_is_found_elsewhere_or_left_empty(text, merchant):
    assert extract_receipt(ocr(text)).merchant_raw == merchant


@pytest.mark.parametrize(("line", "payment"), [
    ("CB 5,60", "card"), ("TARJETA 2,15", "card"), ("EFTPOS $5.70", "card"), ("BANCOMAT 2,79", "card"),
    ("CONTANTI 5,00", "cash"), ("EFECTIVO 5,00", "cash"),
])
def test_payment_words_of_other_countries(line, payment):
    assert extract_receipt(ocr(f"SHOP\nTOTAL 2,15\n{line}")).payment == payment


# -- a currency sign read as a digit (issue 14, class 1) --------------------------------------

def test_a_dollar_sign_read_as_a_digit_is_dropped_where_subtotal_and_tax_agree():
    r = extract_receipt(ocr("""
        JOE'S DINER
        123 MAIN ST
        SPRINGFIELD IL 62701
        09/01/16 7:42 PM
        2 BURGER 24.00
        1 FRIES 4.50
        SUBTOTAL $28.50
        TAX $2.35
        TOTAL 830.85
    """))
    assert r.total == Decimal("30.85") and r.subtotal == Decimal("28.50")


def test_a_sign_read_as_a_digit_on_subtotal_and_total_both():
    r = extract_receipt(ocr("""
        CORNER CAFE
        LATTE 4.25
        MUFFIN 3.50
        SUBTOTAL 57.75
        SALES TAX $0.64
        TOTAL 68.39
    """))
    assert (r.total, r.subtotal) == (Decimal("8.39"), Decimal("7.75"))


def test_a_sign_read_as_a_digit_with_only_the_card_line_to_agree():
    r = extract_receipt(ocr("""
        QUICK MART
        COFFEE 2.19
        DONUT 1.29
        TOTAL 53.48
        VISA $3.48
    """))
    assert r.total == Decimal("3.48")


def test_a_true_leading_digit_stays_when_the_arithmetic_holds():
    r = extract_receipt(ocr("""
        HOME STORE
        LAMP 52.00
        SUBTOTAL 52.00
        TAX 4.16
        TOTAL 56.16
        VISA 56.16
    """))
    assert r.total == Decimal("56.16")


def test_us_evidence_orders_dates_month_first():
    """A state and ZIP code spaced out, a North American phone number: month first (#14 class 2)."""
    lines = ocr("""
    Thai Kitchen
    953 E. Sahara Ave
    Las Vegas NV   89104
    702-735-3033
    Name : AMANDA W 11/6/2011 1;38:27 AM
    TOTAL 12.50
    """)
    receipt = extract_receipt(lines)
    assert receipt.date == dt.date(2011, 11, 6) and "date_order_guessed" not in receipt.flags


def test_spanish_words_order_dates_day_first():
    lines = ocr("""
    La Taurina
    Factura 5/611
    11/02/17 14:03 Mesa 4
    Und Articulo Precio Total
    1 COPA RIOJA 3,10
    TOTAL 3,10
    """)
    assert extract_receipt(lines).date == dt.date(2017, 2, 11)


@pytest.mark.parametrize("printed, expected", [
    ("05/04/2016", dt.date(2016, 5, 4)),  # slashes: month first, as the panel's first country prints them
    ("05.04.2016", dt.date(2016, 4, 5)),  # dots: day first, as Germany and most of Europe print them
])
def test_an_order_the_receipt_cannot_decide_is_guessed_by_its_separator_and_flagged(printed, expected):
    receipt = extract_receipt(ocr(f"""
    Corner Shop
    {printed}
    TOTAL 5.00
    """))
    assert receipt.date == expected and receipt.flags["date_order_guessed"]


def test_a_garbled_logo_line_resolves_to_its_brand_with_the_printed_line_kept():
    """#14 class 4: the canonical brand in merchant, the line as printed in merchant_raw, the
    brand's Wikidata id, and its category from its OSM tags (a supermarket: grocery)."""
    receipt = extract_receipt(ocr("""
    AIdi SUD
    Hauptstr. 12
    10827 Berlin
    Bananen 1,79 A
    SUMME EUR 1,79
    Datum 31.12.24 13:39
    """))
    assert receipt.merchant.upper().startswith("ALDI") and receipt.merchant_raw == "AIdi SUD"
    assert receipt.brand_wikidata and receipt.category == "grocery"


def test_a_web_address_names_the_brand_of_a_logo_only_receipt():
    receipt = extract_receipt(ocr("""
    4800 N BROADWAY ST
    CHICAGO, IL 60640
    03/14/2024 10:12
    SHAMPOO 3.49
    TOTAL 3.49
    VISA 3.49
    www.walgreens.com
    """))
    assert receipt.merchant == "Walgreens" and receipt.category == "pharmacy"


@pytest.mark.parametrize(("web", "merchant"), [
    ("www.netto-online.de", "Netto"), ("www.norma-online.de", "Norma"),  # a generic affix to the chain's name
    ("www.netto.de", "Netto"),  # a name that is a till's word too (Netto: net of VAT)
])
def test_a_discounters_web_address_names_its_chain(web, merchant):
    """German discounters print the web address under the totals, the only name a scan that lost the logo
    keeps; their domains add ``-online`` to the chain's name, or are a word the till prints too."""
    receipt = extract_receipt(ocr(
        f"Bahnhofstr. 10\n93047 Regensburg\nKartoffeln 2kg 2,49 A\nZu zahlen 2,49\n11.07.2026\n{web}"))
    assert receipt.merchant == merchant and receipt.category == "grocery"


def test_a_web_address_whose_affix_is_part_of_the_name_stays_as_printed():
    receipt = extract_receipt(ocr(
        "Bahnhofstr. 10\n93047 Regensburg\nAspirin 20 St. 5,49 A\nZu zahlen 5,49\n11.07.2026\nwww.shop-apotheke.com"))
    assert receipt.merchant_raw == "SHOP APOTHEKE" and receipt.category == "pharmacy"


@pytest.mark.parametrize("street", ["Industriepark Ponholz 1", "Gewerbegebiet Nord 4", "Gewerbepark Süd 12"])
def test_an_industrial_estate_over_the_postcode_is_the_address_not_the_name(street):
    """Discounters and DIY stores stand on industrial estates; their street line opens a logo-less scan."""
    receipt = extract_receipt(ocr(f"{street}\n93142 Maxhütte-Haidhof\nKartoffeln 2kg 2,49 A\nZu zahlen 2,49"))
    assert receipt.merchant_address == f"{street}, 93142 Maxhütte-Haidhof"


def test_a_name_with_a_number_over_a_street_stays_the_name():
    receipt = extract_receipt(ocr("Park Café 1\nHauptstr. 5\n12345 Stadt\nKaffee 2,49\nSumme 2,49"))
    assert receipt.merchant_raw == "Park Café 1" and receipt.merchant_address == "Hauptstr. 5, 12345 Stadt"


@pytest.mark.parametrize("header", [
    "The Loft Restaurant\n12 Harbour Rd",  # a restaurant's own trade word: not the clothes shop Loft
    "1200 Main Street\nSpringfield, IL 62701",  # a town that shares a brand's name
])
def test_lines_that_only_share_a_brands_name_give_no_brand(header):
    receipt = extract_receipt(ocr(header + "\nNEW BALANCE SNEAKERS 89.99\n03/14/2024 10:12\nTOTAL 89.99"))
    assert receipt.brand_wikidata is None


def test_modifiers_indented_under_a_restaurant_item_are_part_of_it():
    """#14 class 6: a quantity before the name; indented modifiers (priced or not) are no items."""
    rows = [("JOE'S DINER", 10), ("Server: Maria Table 12", 10), ("2 Cheeseburger 21.90", 10), ("No Onions", 40),
            ("Add Bacon 2.00", 40), ("1 Caesar Salad 9.50", 10), ("3 Coke 7.50", 10), ("Subtotal 40.90", 10),
            ("Tax 3.37", 10), ("Total 44.27", 10), ("11/14/2023 7:42 PM", 10)]
    lines = [OcrLine(text, box=(x, 30 * i, x + 12 * len(text), 30 * i + 24), confidence=0.8)
             for i, (text, x) in enumerate(rows)]
    receipt = extract_receipt(lines)
    assert [(i.description, i.quantity, i.amount) for i in receipt.items] == [
        ("Cheeseburger, Add Bacon", Decimal(2), Decimal("23.90")), ("Caesar Salad", Decimal(1), Decimal("9.50")),
        ("Coke", Decimal(3), Decimal("7.50"))]
    assert receipt.flags["items_sum_to_subtotal"]


def test_a_logo_only_receipt_is_known_by_the_legal_name_in_its_footer():
    receipt = extract_receipt(ocr("""
    Musterstr. 12
    50667 Köln
    Bananen 1,79 A
    SUMME EUR 1,79
    Geg. EC-Karte EUR 1,79
    Datum 02.03.24 15:59
    Lidl Vertriebs-GmbH & Co. KG
    """))
    assert (receipt.merchant, receipt.category) == ("Lidl", "grocery") and receipt.brand_wikidata


def test_a_legal_form_in_lower_case_is_a_split_word_not_a_company():
    """``inc udes`` is "includes" split by OCR; the name line at the top stays the merchant."""
    receipt = extract_receipt(ocr("""
The Pancake Parlour
Bourke St
Apple Pancakes 18.90
Chicken Tenders 24.90
TOTAL 43.80
ind cates item inc udes GST
MAY 08, 17 13:46
"""))
    assert receipt.merchant == "The Pancake Parlour"


@pytest.mark.parametrize(("header", "merchant"), [
    # a name whose letters fold to a phone line's "TEL" is still a name; its slogan is not
    ("Tej Mahal\nAuthentic Indian Food\n17 The Crescent\nLondon SE2 9RT", "Tej Mahal"),
    # the currency heading the price column is no name
    ("EUR\nCAFE LINDENHOF\nLindenstr. 4\n10969 Berlin", "CAFE LINDENHOF"),
    # "IVA Inc." / "IMP Inc": tax included, not a company's legal form
    ("LA TAURINA\nPlaza del Pueblo 7\n28410 Manzanares\nImporte Cobrado (IMP Inc.)", "LA TAURINA"),
    # an offer printed above the name
    ("BUY ONE GET ONE FREE QUARTER POUNDER\nHARBOR GRILL\n12 Pier Road\nSeattle WA 98101", "HARBOR GRILL"),
    # a slogan whose spaces OCR lost is no name; a logo glued in capitals still is
    ("Boughttheworldsmostexpensive\nDENIM CORNER\n100 Bulla Road", "DENIM CORNER"),
    ("PETRODELIENTERPRISE\nLot 485 Jalan Ulu Kelang\n54200 Kuala Lumpur", "PETRODELIENTERPRISE"),
    # the trade printed alone under the name, or alone above it, is part of the name
    ("CAVALIERE\nRestaurant\nMain Street 4\n12345 Town", "CAVALIERE Restaurant"),
    ("La Aventura\nRESTAURANTE\nCalle Mayor 5\n07691 Porto Petro", "La Aventura RESTAURANTE"),
])
def test_the_name_line_among_look_alikes_offers_slogans_and_trades(header, merchant):
    assert extract_receipt(ocr(header + "\n12/03/2024 10:12\nCOFFEE 3.50\nTOTAL 3.50")).merchant_raw == merchant


@pytest.mark.parametrize(("header", "merchant"), [
    # a restaurant named after its street: a trade word and no house number
    ("MAPLE STREET DINER\n1679 Route 9\nColumbus OH 43215", "MAPLE STREET DINER"),
    ("Park Ave Cafe\n20 Park Ave\nNew York, NY 10016", "Park Ave Cafe"),
    # ... or a word after the street's suffix that no address prints there, or the suffix first
    ("Bleecker Street Pizza\n69 7th Ave S\nNew York, NY 10014", "Bleecker Street Pizza"),
    ("Ocean Drive Tacos\nMiami Beach, FL 33139", "Ocean Drive Tacos"),
    ("5th Ave Bagels\n1063 5th Ave\nNew York, NY 10028", "5th Ave Bagels"),
    ("Street Tacos Food Truck\nLos Angeles, CA 90014", "Street Tacos Food Truck"),
    ("Harbor Grill\nWater Street NW\nWashington, DC 20007", "Harbor Grill"),  # a street and its direction
    # a check's header rows are no name, even where the name above was not read
    ("Server: Kim Table: 15\nGuests 6 Check #68802", None),
])
def test_a_restaurant_named_after_its_street_and_a_checks_header_rows(header, merchant):
    assert extract_receipt(ocr(header + "\n10/19/24 6:00 PM\n1 Coffee 2.50\nTOTAL 2.50")).merchant_raw == merchant


def test_the_headers_date_under_the_address_is_no_part_of_it():
    receipt = extract_receipt(ocr("Harbor Grill\n418 W 8th St\nSep 1 2016 12:15 PM\n1 Coffee 2.50\nTOTAL 2.50"))
    assert receipt.merchant_address == "418 W 8th St"


@pytest.mark.parametrize(("header", "first_item"), [
    ("Kamps\nSchadowstr. 30\nMohnbrötchen\n0,45 A", "Mohnbrötchen"),  # its price on the line under it
    # a pump's label
    ("Aral\nHamburger Str. 1\nSäule 4 Super E10\n41,23 l x 1,779 EUR/l 73,35 B", "Säule 4 Super E10"),
    ("Metzgerei Kern\nHauptstr. 5\nAufschnitt\n0,456 kg x 12,90 EUR/kg 5,88", "Aufschnitt"),  # its weight under it
])
def test_a_name_row_under_a_street_with_no_postcode_is_the_first_item(header, first_item):
    """Bakeries, Apotheken and petrol stations print an item's name over its price or its litres, and
    glare takes the town's line: the name under the street opens the body, it is no part of the address."""
    receipt = extract_receipt(ocr(header + "\nSnickers 1,49 B\nSumme 10,00\n14.02.26 07:31"))
    assert receipt.merchant_address == header.splitlines()[1]
    assert [item.description for item in receipt.items][:1] == [first_item]


def test_a_town_under_its_street_with_no_postcode_stays_in_the_address():
    receipt = extract_receipt(ocr("Bäckerei Kern\nHauptstr. 5\nMusterstadt\nTel. 0711 12345\nBrezel 0,80\nSumme 0,80"))
    assert receipt.merchant_address == "Hauptstr. 5, Musterstadt"
    receipt = extract_receipt(ocr("Bäckerei Kern\nMarktplatz 3\n71634 Ludwigsburg\nEUR\nBrezel 0,80\nSumme 0,80"))
    assert receipt.merchant_address == "Marktplatz 3, 71634 Ludwigsburg"


@pytest.mark.parametrize("legal_line", [
    "DEICHMANN SE Deichmannweg 9 45359 Essen", "DEICHMANN GmbH Deichmannweg 9 45359 Essen",
    "DEICHMANN SE & Co. KG Deichmannweg 9 45359 Essen",
])
def test_a_footers_legal_name_before_the_firms_address_names_the_shop(legal_line):
    """A scan lost the logo: the footer's legal line is the only name left. Its legal form (a European
    company's ``SE`` too) ends the name; the firm's street, postcode and town after it are no part of it."""
    body = "Schildergasse 60\n50667 Köln\nSneaker Herren Gr. 43 39,99\nSocken 3er 5,99\nGesamt EUR 45,98\n02.05.2026\n"
    receipt = extract_receipt(ocr(body + legal_line))
    assert receipt.merchant == "Deichmann"
    assert "Essen" not in receipt.merchant_raw


def test_se_in_an_item_and_a_sole_traders_legal_line_name_no_chain():
    body = "Schildergasse 60\n50667 Köln\nSocken 3er 5,99\nGesamt EUR 5,99\n02.05.2026\n"
    assert extract_receipt(ocr(body + "Sneaker SE 2")).merchant is None  # a model's letters, no legal form
    assert extract_receipt(ocr(body + "Mode Müller e.K. Hauptstr. 5 12345 Stadt")).merchant == "Mode Müller e.K"


def test_the_logo_that_prints_the_footers_legal_name_first_words_is_the_merchant():
    """A discounter prints its name as a logo and its legal name only in the footer: the shop is
    the logo's name (the legal name's other words are the company's, not the shop's)."""
    body = "\nBahnhofstr. 12\n50667 Köln\n13.05.17 16:48\nButter 2,19 A\nSumme 2,19\nBar 5,00\nRückgeld 2,81\n"
    assert extract_receipt(ocr("NORDKAUF" + body + "Nordkauf Markt GmbH & Co. KG")).merchant_raw == "NORDKAUF"
    # a logo that is not the legal name's beginning leaves the legal name
    assert extract_receipt(ocr("Frische Preise" + body + "Nordkauf Markt GmbH")).merchant_raw == "Nordkauf Markt GmbH"
    # OCR cut the footer's name in two (or glued the logo's words): still its first words
    assert extract_receipt(ocr("MARKTBLITZ" + body + "Marktb litz KG")).merchant_raw == "MARKTBLITZ"
    assert extract_receipt(ocr("NORD KAUF" + body + "Nordkauf Markt GmbH")).merchant_raw == "NORD KAUF"
    # but not a word's first letters
    assert extract_receipt(ocr("NORD" + body + "Nordkauf Markt GmbH")).merchant_raw == "Nordkauf Markt GmbH"


@pytest.mark.parametrize(("header", "merchant"), [
    # a house number and a street with no suffix over the town: the name above is the shop's,
    # even where OCR spread its letters and is unsure of them
    ("LUCKY    DRAGON\n414 Broadway\nAustin, TX 78701", "LUCKY DRAGON"),
    ("99 RANCH MARKET\n1300 Valley Blvd\nRosemead, CA 91770", "99 RANCH MARKET"),
])
def test_a_street_named_without_a_suffix_over_the_town_is_no_name(header, merchant):
    lines = ocr(header + "\n(917) 650-4111\nServer: Maria Table: 13\nGuests: 2 Check #33625\n05/16/2024 3:24 PM"
                         "\n1 Coffee 2.50\nTOTAL 2.50")
    lines[0] = OcrLine(lines[0].text, lines[0].box, confidence=0.1)
    assert extract_receipt(lines).merchant_raw == merchant


def test_the_sessions_rules_leave_ordinary_lines_alone():
    """What a review's probes found the new rules took wrongly, each read as before: a label ending in
    ``#`` or a number, a brand's own name with a slip beside its trade word, TOTAL's four-letter
    look-alikes inside an item's name, a discount voucher, a numberless street and its district over
    the postcode, a pipe's size before a price, a tall street opened by a preposition."""
    assert extract_receipt(ocr("MAMAK CORNER\nJalan Ipoh 12\n51200 Kuala Lumpur\nBill # 48213\n03/14/2024 08:42\n"
                               "Teh Tarik 2.50\nTotal 2.50")).receipt_number == "48213"
    assert extract_receipt(ocr("PETRON JALAN IPOH\n51200 Kuala Lumpur\n03/14/2024 08:42\nRON 95 30.00\n"
                               "TOTAL RM 30.00")).category == "fuel"
    assert extract_receipt(ocr("Wafle House\nAtlanta, GA 30303\n03/14/2024 08:42\nWaffle 4.25\nTotal 4.25")).merchant \
        == "Waffle House"
    toti = extract_receipt(ocr("Trattoria Roma\nVia Roma 1\n03/14/2024 20:42\nPasta Toti 12,00\nTota la coca 3,60\n"
                               "Totale 15,60"))
    assert [i.amount for i in toti.items] == [Decimal("12.00"), Decimal("3.60")]
    assert extract_receipt(ocr("Corner Deli\nBoston MA 02110\n03/14/2024 08:42\nLunch Special 25.00\nTotal 25.00\n"
                               "Voucher -5.00\nTotal Due 20.00\nCard 20.00")).total == Decimal("20.00")
    assert extract_receipt(ocr("Station Road Cambridge\nCambridge CB1 2JW\n14/03/2024 08:42\nTea 2.50\n"
                               "Total 2.50")).merchant_raw is None
    assert extract_receipt(ocr("Home Depot\nDallas TX 75201\nPVC PIPE 3/4/1 0 3.49\nTotal 3.49\n03/14/24 10:42")).date \
        == dt.date(2024, 3, 14)


def test_a_total_label_whose_m_ocr_read_as_rn_is_the_total_over_a_two_rate_vat_table():
    """``Surnme EUR 8,74`` over a table of two rates: the total, not one rate's gross."""
    receipt = extract_receipt(ocr("ROSSMANN\nBabydream 2,50 A\nIsana Creme 1,45 A\nKatzenfutter 4,79 B\n"
                                  "Surnme EUR 8,74\nMwSt A 19% 3,32 0,63\nMwSt B 7% 4,48 0,31\n03.12.2026 10:14"))
    assert receipt.total == Decimal("8.74")


def test_a_summe_whose_two_ms_ocr_read_as_one_is_the_total_over_a_misread_tender():
    """``SUME EUR 11,62``: SUMME with its two M's read as one glyph is the total label; the cash handed over, one
    digit misread (``20,09`` for 20,00), less the change does not make what was paid."""
    receipt = extract_receipt(ocr("MARKTWERK\nH-MILCH 3,5% 0,99 A\nRISPENTOMATEN 2,49 A\nROGGENBROT 1,89 A\n"
                                  "PAPRIKA ROT 6,25 A\nSUME EUR 11,62\nGeg. BAR EUR 20,09\nRückgeld BAR EUR 8,38\n"
                                  "30.11.2024 17:17"))
    assert receipt.total == Decimal("11.62")


def test_an_item_named_like_a_summe_with_merged_ms_and_no_currency_after_it_is_no_total():
    """Guard: ``Sune 2,49`` with no tax class and no EUR after its word is an item costing what the lines above
    it cost, not SUMME: the SUMME under it is the total."""
    assert extract_receipt(ocr("MARKTWERK\nBROT 2,49\nSune 2,49\nSUMME 4,98")).total == Decimal("4.98")


@pytest.mark.parametrize("label", ["Sunne", "SUHHE", "Sukke"])
def test_a_summe_whose_ms_ocr_read_each_as_an_n_is_the_total_over_a_misread_tender(label):
    """``Sunne EUR 26,65``: SUMME with each of its M's read as an N (or H, K) is the total label; the cash handed
    over, one digit misread (``30,08`` for 30,00), less the change does not make what was paid."""
    receipt = extract_receipt(ocr(f"KAUFGUT\nHackfleisch 500g 7,98 A\nKaffee gemahlen 14,97 A\nSchokolade 2,97 A\n"
                                  f"Bananen lose 0,73 A\n{label} EUR 26,65\nGegeben Bar 30,08\nRückgeld 3,35\n"
                                  "03.08.2023 15:38"))
    assert receipt.total == Decimal("26.65")


def test_an_item_named_like_a_summe_with_its_ms_read_as_ns_is_no_total():
    """Guard: ``SUNNE 1,99 A``, a price with its tax class after it, is an item's, not a SUMME read with N's."""
    receipt = extract_receipt(ocr("MARKTWERK\nSUNNE 1,99 A\nBROT 2,49 A\nSUMME EUR 4,48\nGeg. BAR EUR 5,00\n"
                                  "Rückgeld BAR EUR 0,52\n30.11.2024 17:17"))
    assert (receipt.total, len(receipt.items)) == (Decimal("4.48"), 2)


def test_an_item_named_like_a_summe_with_merged_ms_is_no_total():
    """``SUNE 1,99 A``: a price with its tax class after it is an item's, not a SUMME read with one M."""
    receipt = extract_receipt(ocr("MARKTWERK\nSUNE 1,99 A\nBROT 2,49 A\nSUMME EUR 4,48\nGeg. BAR EUR 5,00\n"
                                  "Rückgeld BAR EUR 0,52\n30.11.2024 17:17"))
    assert (receipt.total, len(receipt.items)) == (Decimal("4.48"), 2)


@pytest.mark.parametrize("labels", [("TOT", "CHG"), ("TTL", "CHG"), ("TTL", "CHANGE")])
def test_a_cash_registers_short_labels_give_the_total_and_the_change(labels):
    """``TTL``, ``CHG``: cash handed over less the change is what was paid, not the cash."""
    total, change = labels
    receipt = extract_receipt(ocr(f"DONUT SHOP\n12/04/2026 7:12 AM\nDOZEN 10.28\nSUBTTL 10.28\nTAX 0.82\n"
                                  f"{total} 11.10\nCASH 20.00\n{change} 8.90"))
    assert (receipt.total, receipt.subtotal) == (Decimal("11.10"), Decimal("10.28"))


@pytest.mark.parametrize("charge", ["SVC CHG 8.00", "BAG CHG 8.00"])
def test_a_charges_short_label_is_no_change(charge):
    receipt = extract_receipt(ocr(f"BISTRO\n12/04/2026 7:12 PM\nSTEAK 40.00\n{charge}\nTOTAL 48.00\nCASH 50.00\n"
                                  "CHANGE 2.00"))
    assert receipt.total == Decimal("48.00")


def test_a_pump_slips_total_whose_dollar_sign_ocr_read_as_a_digit_is_what_the_gallons_cost():
    """``FUEL SALE 840.57`` and ``CREDIT 840,57`` agree with each other; 13.008 gallons at 3.119 make 40.57."""
    receipt = extract_receipt(ocr("EXXON\nSPRINGFIELD NJ 07081\n12/02/26 19:05\nGALLONS 13.008\nPRICE/G 3.119\n"
                                  "FUEL SALE 840.57\nCREDIT 840,57"))
    assert receipt.total == Decimal("40.57")


@pytest.mark.parametrize("price", ["$4.299", "84.299"])
def test_a_pump_tables_header_gives_its_row_the_gallons_and_the_price(price):
    """Costco's pump slip prints ``Pump Gallons Price`` over ``07 12.448 $4.299``, the units named in the header
    alone: 12.448 gallons at 4.299 make 53.51, not the ``Total Sale 853.51`` its ``$`` read as an 8 made."""
    receipt = extract_receipt(ocr(f"COSTCO\nGASOLINE\nPump Gallons Price\n07 12.448 {price}\nRegular\n"
                                  "Total Sale 853.51"))
    assert receipt.total == Decimal("53.51")


def test_a_table_header_of_no_volume_makes_no_pump_table():
    receipt = extract_receipt(ocr("SUBWAY\nQty Size Item Price\n1 6 Turkey 7.29\nSubtotal 7.29\nTax 0.51\n"
                                  "Total 87.80"))
    assert receipt.total == Decimal("7.80")


TACO_BELL = "Taco Bell\n12/05/2026 11:47 PM\nCrunchwrap 5.69\nGordita 4.99\nFreeze 3.69\n"


@pytest.mark.parametrize("totals", [
    "Subtotal 414.37\nTax 1.20\nTotal 415.57",  # a $ read as 4 on subtotal and total: the sum holds either way
    "SUBTOTAL 414.37\nTAX 41.20\nTOTAL 415.57\nVISA 415.57",  # and on the tax
])
def test_a_sign_read_as_the_same_digit_on_subtotal_and_total_goes_where_the_prices_say(totals):
    receipt = extract_receipt(ocr(TACO_BELL + totals))
    assert (receipt.subtotal, receipt.total) == (Decimal("14.37"), Decimal("15.57"))


def test_a_bill_in_the_four_hundreds_keeps_its_four():
    receipt = extract_receipt(ocr("Texas Roadhouse\n12/05/2026 8:01 PM\nParty Platter 250.00\nRibeye 162.00\n"
                                  "SUBTOTAL 412.00\nTAX 41.20\nTOTAL 453.20\nVISA 453.20"))
    assert receipt.total == Decimal("453.20")


@pytest.mark.parametrize(("body", "total"), [
    ("Latte 5.25\nScone 5.03\nSubtotal 1028\nTax 82\nTotal 1110", "11.10"),  # every point lost
    ("Latte 5.25\nScone 5.03\nSubtotal 10.28\nTax 82\nTotal 1110\nVisa 1110", "11.10"),
    ("Waffle 410\nHashbrown Bowl 618\nSUBTOTAL 1028\nTAX 82\nTOTAL 1110", "11.10"),
    ("Club 1250\nSoda 640\nTax 250\nTotal 2140\nCash 2500\nChange 360", "21.40"),
])
def test_a_total_whose_point_was_lost_is_read_in_cents_where_the_sum_then_holds(body, total):
    assert extract_receipt(ocr(f"Blue Door\n12/04/2026 7:02 PM\n{body}")).total == Decimal(total)


def test_whole_numbers_that_make_no_sum_stay_no_total():
    receipt = extract_receipt(ocr("Blue Door\n12/04/2026 7:02 PM\nTable 12\nGuests 2\nLatte 5.25\nTotal 5.25"))
    assert receipt.total == Decimal("5.25")


CARD_SLIP = "IHOP\nCUSTOMER COPY\n11/29/26 10:42 AM\nVISA XXXX0318\nAMOUNT: $38.44\n"


@pytest.mark.parametrize(("written", "total"), [
    ("Tip: 7.56\nTotal: 46", "46.00"),  # the guest rounds up: whole dollars
    ("Tip: ____\nTotal: 46", "46.00"),
    ("Tip: 8.00\nTotal: ________", "46.44"),  # the total left blank under the tip written in
    ("Tip ______\nTotal 4848", "48.48"),  # its point lost
    ("Tip: 8\nTotal: 4b.44", "46.44"),  # a 6 read as b
    ("7ip: 7\nTota1: 4544", "45.44"),  # the tip's T read as a 7
    ("Tip 7.79\nTOTAL 746.23", "46.23"),  # the total's sign read as a 7: the amount and the tip say so
])
def test_a_total_written_in_by_hand_is_what_was_paid(written, total):
    assert extract_receipt(ocr(CARD_SLIP + written)).total == Decimal(total)


@pytest.mark.parametrize(("tip", "paid"), [
    ("Tip 14", "TOTAL 108.19"),  # a tip of 14.11 whose cents OCR lost
    ("Tip 14", "TOTAL 7108.19"),  # and the total's sign read as a 7
    ("Tip 14.11", "TOTAL 7108.19"),
])
def test_a_slips_total_under_the_bill_is_the_bill_and_its_tip_whatever_the_tip_and_the_sign_lost(tip, paid):
    """The bill's ``TOTAL 94.08``, the slip's ``Amount 94.08``, its tip and its total: 108.19 paid."""
    lines = ocr(f"LUCKY DRAGON\n03/22/2023 12:06\nChicken Wings 85.97\nSUBTOTAL 85.97\nTax 8.11\nTOTAL 94.08\n"
                f"VISA XXXXXXXXXXXX9882\nAmount 94.08\n{tip}\n{paid}\nTHANK YOU")
    assert extract_receipt(lines).total == Decimal("108.19")


def test_a_balance_under_a_cash_tip_is_no_total_with_its_first_digit_a_sign():
    """Guard: ``Rewards Balance 151.96`` under ``Cash Tip 8.66`` on a bill of 43.30 the card paid: 51.96 is the bill
    and the tip by chance; a balance's line is no total's."""
    lines = ocr("BLUE DOOR CAFE\n12/04/2026 7:02 PM\nBurger 40.00\nTax 3.30\nTotal 43.30\nVisa 43.30\n"
                "Cash Tip 8.66\nRewards Balance 151.96")
    assert extract_receipt(lines).total == Decimal("43.30")


@pytest.mark.parametrize(("torn", "whole", "date"), [
    ("2/05/26 7:48 PM", "12/05/26 20:14", dt.date(2026, 12, 5)),  # a torn edge took the month's first digit
    ("1/30/26 7:14 PM", "NOV 30 2026 19:20", dt.date(2026, 11, 30)),
])
def test_a_date_whose_first_digit_was_torn_off_gives_way_to_the_whole_one(torn, whole, date):
    text = f"Tortilla Flats\n{torn}\nBurger 21.00\nTotal 21.00\n{whole}\nVISA ****3344\nAmount 21.00"
    assert extract_receipt(ocr(text)).date == date


def test_a_return_deadline_is_no_whole_date_of_a_torn_one():
    text = "Tortilla Flats\n2/05/26 7:48 PM\nBurger 21.00\nTotal 21.00\nReturn by 12/05/26"
    assert extract_receipt(ocr(text)).date == dt.date(2026, 2, 5)


@pytest.mark.parametrize(("text", "category"), [
    ("Modehaus Zinser GmbH & Co. KG\nHirschstr. 2\n72070 Tuebingen\n05.12.2026\nPullover 49,95\nSUMME 49,95",
     "retail"),  # a legal form's KG is no kilogram
    ("Metzgerei Huber\nHauptstr. 3\n80331 Muenchen\n05.12.2026\nLeberkaese 3,20\nSUMME 3,20", "grocery"),
    ("Imbiss am Markt\n05.12.2026\nCurrywurst 3,50\nPommes 2,50\nSUMME 6,00", "restaurant"),
    ("TIME OUT MARKET\n401 Park Dr\n12/05/2026 7:12 PM\nServer: Jess\nBurger 21.00\nTotal 21.00\nTip 4.00",
     "restaurant"),  # a food hall's stall: its server and the tip
])
def test_the_trade_words_of_german_shops_and_of_a_bill_served_file_the_category(text, category):
    assert extract_receipt(ocr(text)).category == category


@pytest.mark.parametrize("text", [
    "Backerei Hoffmann\nFriedrich-Ebert-Str. 104\n34119 Kassel\n1 Mohnkuchen 3,60\nSUMME 3,60\n02.12.2026 09:03",
    "Gaststatte Linde\nHauptstr. 4\n34119 Kassel\n1 Tagesessen 12,60\nSUMME 12,60\n02.12.2026 13:03",  # dots lost
    "Weinbar Rutz\nChausseestraße 8\n10115 Berlin\n2 Riesling 0,1l 16,00\nSumme EUR 16,00\n04.12.2026 21:33",
    "Cocktailbar Ruff\nPappelallee 64\n10437 Berlin\n1 Negroni 12,00\nSumme EUR 12,00\n05.12.2026 23:52",
    "Gelateria Leone\nSonnenstraße 4\n80331 München\nAmarenabecher 8,50\nSumme 8,50\n30.11.2026 15:12",
    "Herzogliches Bräustüberl\nSchloßplatz 1\n83684 Tegernsee\n2 Helles 0,5l 9,20\nSumme EUR 9,20\n29.11.2026",
    "elbgold\nLagerstraße 34c\n20357 Hamburg\n01.12.2026 09:12\nIm Haus\nFlat White 4,20\nSumme 7,70 EUR",
    "Frieda\n01.12.2026 09:12\nAußer Haus\n2 Croissant 5,00\nSumme 5,00 EUR",  # the order's kind
])
def test_german_bars_cafes_and_inns_are_restaurants_their_umlauts_lost_or_their_order_kind_printed(text):
    assert extract_receipt(ocr(text)).category == "restaurant"


@pytest.mark.parametrize("logo", ["BRAUHAUS SION", "BRAUHAUS LEMKE"])
def test_a_faint_brewhouses_trade_word_is_no_slipped_chain(logo):
    """``BRAUHAUS`` is one letter from Bauhaus (DIY): a trade's word, read unsure, stays the inn's name."""
    receipt = extract_receipt(read_as([(logo, 0.45), ("Unter Taschenmacher 5-7", 0.8), ("50667 Köln", 0.8),
                                       ("Tisch 31", 0.8), ("7 Kölsch 0,2l 16,80", 0.8), ("Summe EUR 16,80", 0.8),
                                       ("04.12.2026 19:52", 0.8)]))
    assert (receipt.merchant.upper(), receipt.category) == (logo, "restaurant")


def test_a_card_slips_trinkgeld_is_no_item():
    text = ("Kundenbeleg\nCafe Luitpold\nBrienner Str. 11\n80333 München\nMastercard\nDatum 29.11.2026 16:12\n"
            "Betrag EUR 34,50\nTrinkgeld EUR 4,00\nGesamt EUR 38,50\nZahlung erfolgt")
    assert extract_receipt(ocr(text)).items == ()


@pytest.mark.parametrize(("text", "total"), [
    ("Cinemark\n12/05/2026 8:47 PM\nLG POPCORN 9.50\nREFILL BUCKET 24.99\nCANDY 10.00\nTOTAL 44.4g\nDEBIT 44.49",
     "44.49"),  # the total's last digit read as a letter: the card line prints it
    ("Spec's\n12/02/2026\nBUFFALO TRACE 26.99\nSHINER 16.99\nSUBTOTAL 43.98\nTAX 3.63\nTOTAL 47.6G\nCASH 50.00",
     "47.61"),  # subtotal + tax
    ("LEGOLAND\n11/28/2026\nDAY TICKET 218.00\nPARKING 30.00\nSUBTOTAL 248.00\nTAX 17.36\nT0TAL 2G5.36", "265.36"),
])
def test_a_totals_digit_read_as_a_letter_is_read_where_a_check_agrees(text, total):
    assert extract_receipt(ocr(text)).total == Decimal(total)


@pytest.mark.parametrize(("text", "total"), [
    ("Tim Hortons\nMontréal QC H3B 4W5\n1 Café moyen 2.14\nSous-total 2.14\nTPS 0.11\nTVQ 0.21\nTotal 2.46", "2.46"),
    ("Zeughauskeller\n8001 Zürich\n02.12.2026 19:48\n1 Rösti 8.50\n1 Bier 7.50\nTotal Fr. 16.-", "16.00"),
])
def test_quebec_and_swiss_totals(text, total):
    assert extract_receipt(ocr(text)).total == Decimal(total)


@pytest.mark.parametrize(("text", "category"), [
    ("CEDAR POINT\n07/18/2026\nFAST LANE PLUS 190.00\nGENERAL PARKING 25.00\nTOTAL 215.00", "entertainment"),
    ("PIRATE'S COVE\n06/28/2026\nADULT 18 HOLE 25.90\nADMISSIONS TAX 5% 1.89\nTOTAL 27.79", "entertainment"),
])
def test_a_parks_gate_and_a_mini_golf_are_entertainment(text, category):
    assert extract_receipt(ocr(text)).category == category


@pytest.mark.parametrize("later", ["Delivery 15/11/2026", "Next service 11/15/2026", "Event 11/08/26 8:00 PM"])
def test_a_later_date_of_something_else_is_no_whole_date_of_the_purchase(later):
    text = f"Tortilla Flats\n1/15/2026 7:48 PM\nBurger 21.00\nTotal 21.00\n{later}"
    assert extract_receipt(ocr(text)).date.month == 1


@pytest.mark.parametrize(("share", "paid"), [
    ("Your Share 25.70", "25.70"),  # this guest's share of a split bill
    ("Amt Due This Guest 25.70", "25.70"),
    ("Split 4 Ways 25.70\nMASTERCARD 4410 25.70", "25.70"),  # a card pays the share
    ("Split 4 Ways 19.28", "77.11"),  # a share printed for the table's information: the bill was paid
    ("Split 1 of 2 38.56\nVISA 38.56", "38.56"),
    ("Split 1 of 2 38.56", "77.11"),
    ("Split 1 of 2\nAmount Due 38.56", "38.56"),  # the share under the split's line: less than the subtotal
    ("Split 1 of 2\nAmount Due 38.56\nVISA ****0772\nTip: 7.44\nTotal: 46.00", "46.00"),  # and the tip on it
])
def test_a_split_bills_share_is_what_this_guest_paid(share, paid):
    text = f"Blue Door\n12/04/2026 7:02 PM\nBurger 40.00\nFries 31.00\nSubtotal 71.00\nTax 6.11\nTotal 77.11\n{share}"
    assert extract_receipt(ocr(text)).total == Decimal(paid)


def test_a_priced_pump_line_takes_its_gallons_from_the_line_under_it():
    text = ("SHEETZ\n12/05/2026 18:22\nPUMP 08 UNLEADED 38.40\n12.004 GAL @ 3.199\nMTO CHEESEBURGER 6.99\n"
            "SHMOCHA MD 3.49\nTOTAL 48.88")
    items = extract_receipt(ocr(text)).items
    assert [(i.amount, i.quantity) for i in items] == [(Decimal("38.40"), Decimal("12.004")),
                                                       (Decimal("6.99"), None), (Decimal("3.49"), None)]


def test_a_deposits_count_line_keeps_its_count():
    text = ("Village Wine & Liquor\n145 Main St\nNorthampton, MA 01060\n12-04-2026 20:11\nSAM ADAMS 12PK CAN 19.99\n"
            "BTL DEP 12 @ 0.05 .60\nTOTAL 20.59\nCASH 25.00\nCHANGE 4.41")
    deposit = extract_receipt(ocr(text)).items[1]
    assert (deposit.amount, deposit.quantity) == (Decimal("0.60"), Decimal("12"))


def test_a_price_in_the_hundreds_with_its_point_lost_keeps_the_bills_digits():
    text = ("Tao Downtown\n12/05/2026 11:40 PM\nDon Julio 1942 Btl 40000\nMixers 12.50\nWaters 4.98\n"
            "SUBTOTAL 417.48\nTAX 37.05\nTOTAL 454.53")
    assert extract_receipt(ocr(text)).total == Decimal("454.53")


@pytest.mark.parametrize(("text", "total"), [
    ("GREGGS\nVAT Reg No 179 2861 52\n03/12/2026 07:31\nBreakfast Deal 3.75\nYum Yum 1.25\nDeal Saving -0.40\n"
     "TOTAL 14.60\nContactless 14.60", "4.60"),  # a pound sign read as 1 on the total and the card: the prices decide
    ("TESCO\nVAT Number: GB 220 4302 31\nMilk 1.45\nBread 1.10\nTOTAL 12.55\nCARD 12.55", "2.55"),
])
def test_a_pound_sign_read_as_a_digit_goes_where_the_prices_add_up(text, total):
    assert extract_receipt(ocr(text)).total == Decimal(total)


@pytest.mark.parametrize(("text", "total"), [
    ("TESCO\nTesco Stores Ltd\nWHITE BREAD 800G 20.75\nFREE RANGE EGGS 6 21.39\nPG TIPS 80 22.50\nSUBTOTAL 24.64\n"
     "TOTAL 24.64\nCONTACTLESS 24.64", "4.64"),
    ("TESCO\nTesco Stores Ltd\nWHITE BREAD 800G 10.75\nFREE RANGE EGGS 6 11.39\nPG TIPS 80 2.50\nSUBTOTAL 24.64\n"
     "TOTAL 24.64\nCONTACTLESS 24.64", "24.64"),  # a real £24.64 whose prices add up as printed
])
def test_the_prices_that_add_up_to_a_pound_misread_total_stop_at_its_subtotal(text, total):
    """A UK till slip whose every £ reads as a 2, prices, SUBTOTAL and TOTAL alike: the subtotal
    is no price of its own, so the prices read without their 2 add up to the total."""
    assert extract_receipt(ocr(text)).total == Decimal(total)


@pytest.mark.parametrize(("text", "category"), [
    ("Pasar Segar\n05/12/2026\nCHICKEN BREAST 1.234 KG 12.34\nTOMATO 0.500 KG 2.50\nTOTAL 14.84", "grocery"),
    ("Eckladen\n05.12.2026\nPommes Frites TK 2,5kg 4,99\nGyros Pfanne 400g 3,49\nMilch 1,19\nSUMME 9,67", "grocery"),
    ("Whole Foods Market\n12/05/2026\nBANANAS 1.29\nShopper Tip 5.00\nTip adjusted after delivery\nTOTAL 6.29",
     "grocery"),  # a delivery's tip: no server, no table
])
def test_weighed_articles_packed_dishes_and_a_shoppers_tip_stay_a_grocers(text, category):
    assert extract_receipt(ocr(text)).category == category


def test_an_items_name_whose_os_were_read_as_zeros_still_names_it():
    text = ("Regal\n12/05/2026 7:02 PM\n2 ADULT 37.00\nLG P0PC0RN 9.75\nLG DRINK 6.75\n30% 0FF C0UP0N -3.00\n"
            "TOTAL 50.50")
    assert [i.amount for i in extract_receipt(ocr(text)).items] == [Decimal("37.00"), Decimal("9.75"),
                                                                    Decimal("6.75"), Decimal("-3.00")]


@pytest.mark.parametrize(("below", "total"), [
    ("YOU SAVED 12.53\nVISA 12.50", "12.50"),  # the total's 0 lost: a saving that begins alike is no total
    ("SBUX CARD BAL 9.07\nSBUX CARD 9.00", None),
])
def test_a_total_with_its_last_zero_lost_takes_no_saving_or_balance_below(below, total):
    value = "12.5" if total else "9.0"
    receipt = extract_receipt(ocr(f"Starbucks\n12/05/2026 8:02 AM\nLatte {value}0\nTOTAL {value}\n{below}"))
    assert receipt.total == Decimal(total or "9.00")


@pytest.mark.parametrize("payments", [
    "GIFT CARD 50.00\nSPLIT TENDER 27.11\nVISA 27.11",  # one guest paying with two tenders
    "Split 2 Ways 38.56\nVISA 38.56\nMASTERCARD 38.55",  # both cards paying the bill
])
def test_split_tenders_paying_the_whole_bill_are_no_share(payments):
    text = f"Blue Door\n12/04/2026 7:02 PM\nBurger 40.00\nFries 31.00\nSubtotal 71.00\nTax 6.11\nTotal 77.11\n{payments}"
    assert extract_receipt(ocr(text)).total == Decimal("77.11")


def test_a_priced_line_of_another_sale_over_a_pump_line_stays_its_own_item():
    text = "SHELL\n12/05/2026 18:22\nCAR WASH DELUXE 10.00\nPUMP 3 REG 3.127 GAL @ 3.199\nTOTAL 20.00"
    assert len(extract_receipt(ocr(text)).items) == 2


def test_a_handwritten_totals_currency_and_thanks_are_no_digits_of_it():
    assert extract_receipt(ocr(CARD_SLIP + "Tip: 8.00\nTotal: 46.44 USD Thank you")).total == Decimal("46.44")


def test_a_word_opening_like_a_month_is_no_date_lines_word():
    text = "Tortilla Flats\n1/15/2026 7:48 PM\nBurger 21.00\nTotal 21.00\nMARKET 11/15/2026"
    assert extract_receipt(ocr(text)).date.month == 1


def test_a_tips_one_is_no_currency_sign():
    """The slip over the bill: ``TIP 10.00`` above the bill's total; read without its 1 the sums of the
    bill still held, with a tip of nothing."""
    receipt = extract_receipt(ocr("McNAMARA'S IRISH PUB\n11/27/2026 11:05 PM\nAMOUNT 60.09\nTIP 10.00\nTOTAL 70.09"
                                  "\nReuben 55.00\nSubtotal 55.00\nTax 5.09\nTotal 60.09"))
    assert receipt.total == Decimal("70.09")


@pytest.mark.parametrize(("header", "date", "currency"), [
    ("GREGGS\nShop 0412 Sheffield Fargate", dt.date(2026, 12, 4), "GBP"),  # a chain of one country: its own
    ("Iceland\nShop 0412 Sheffield Fargate", dt.date(2026, 4, 12), None),  # a chain of three countries: no guess
    ("GREGGS\nDublin 2", dt.date(2026, 12, 4), "EUR"),  # the receipt's own words say another country
])
def test_a_chain_trading_in_one_country_gives_its_currency_and_date_order_where_the_receipt_names_none(
        header, date, currency):
    receipt = extract_receipt(ocr(f"{header}\nSAUSAGE ROLL 1.25\nMEDIUM LATTE 2.60\nTOTAL 3.85\nCONTACTLESS 3.85\n"
                                  "04/12/2026 08:03"))
    assert (receipt.date, receipt.currency) == (date, currency)


@pytest.mark.parametrize("mark", ["Leeds LS12", "22 Marine Parade, Whitby YO21", "Tel 01632 960123",
                                  "Tel: 020 7946 0000", "0161 496 0000", "07700 900123"])
def test_a_british_postcode_area_or_phone_number_alone_reads_the_day_first_and_the_pound_read_as_a_2(mark):
    """British independents (chippies, cafés) printing no pound sign, VAT, Ltd nor full postcode: the postcode's
    outward code closing the address's line or a UK phone number says Britain, weakly."""
    receipt = extract_receipt(ocr(f"Golden Fry\n{mark}\nLarge Haddock 28.20\nChips 23.00\nTOTAL 211.20\n"
                                  "CARD 211.20\n06/12/2026 17:45"))
    assert (receipt.currency, receipt.date, receipt.total) == ("GBP", dt.date(2026, 12, 6), Decimal("11.20"))


@pytest.mark.parametrize(("mark", "currency"), [
    ("Tel (817) 429-6611", "USD"), ("Arlington TX 76012", "USD"), ("1200 SE 3rd Ave", None),
    ("Tel 01 496 0000", None),  # Dublin's
    ("Tel 030 1234567", None),  # Berlin's
    ("1012 AB Amsterdam", None), ("Suite B2", None), ("Concourse B12", None),
    ("TABLE B12", None), ("Stall N2", None),  # a diner's table, a market's stall: one letter needs a comma
])
def test_american_irish_german_and_dutch_addresses_and_phones_are_no_weak_british_evidence(mark, currency):
    receipt = extract_receipt(ocr(f"Golden Fry\n{mark}\nLarge Haddock 8.20\nChips 3.00\nTOTAL 11.20\n"
                                  "CARD 11.20\n06/12/2026 17:45"))
    assert (receipt.currency, receipt.date) == (currency, dt.date(2026, 6, 12))


def test_weak_british_evidence_never_outweighs_american():
    receipt = extract_receipt(ocr("Golden Fry\nLeeds LS12\nLarge Haddock 8.20\nSALES TAX 0.50\nTOTAL 8.70\n"
                                  "06/12/2026 5:45 PM"))
    assert (receipt.currency, receipt.date) == ("USD", dt.date(2026, 6, 12))


@pytest.mark.parametrize(("header", "currency"), [
    ("CENTRA\nCentra Athlone", "EUR"), ("SUPERVALU\nMain Street, Dungarvan", "EUR"),
    ("CENTRA\nCentra Athlone\nVAT No. IE 6388047V", "EUR"),
    ("CENTRA\nCentra Newry\nVAT No. GB 220 4302 31", "GBP"),  # Northern Ireland's
    ("CENTRA\nCentra Newry", None),  # a town of Northern Ireland: no guess
    ("CENTRA\nDublin Road, Newry", None), ("CENTRA\nKildare Terrace, Leeds", None),  # streets named for them
    ("CENTRA\nCentra Newry\nWEXFORD CHEDDAR", None),  # a product's name
])
def test_a_chain_of_ireland_and_britain_is_irish_where_the_receipt_names_an_irish_town(header, currency):
    """Irish stores of chains trading in Ireland and Northern Ireland (Centra, SuperValu, Eurospar) whose euro sign
    OCR lost: the store's Irish town says euro; Northern Irish stores print pounds or a GB VAT number."""
    receipt = extract_receipt(ocr(f"{header}\nBARRYS TEA 40 2.85\nMILK 1L 1.29\nTOTAL 4.14\nCASH 5.00\n"
                                  "CHANGE 0.86\n19/10/2026 07:40"))
    assert (receipt.total, receipt.currency) == (Decimal("4.14"), currency)


def test_a_northern_irish_store_of_an_irish_chain_printing_pounds_stays_british():
    receipt = extract_receipt(ocr("CENTRA\nCentra Newry\nBARRYS TEA 40 £2.85\nMILK 1L £1.29\nTOTAL £4.14\n"
                                  "CASH £5.00\nCHANGE £0.86\n19/10/2026 07:40"))
    assert receipt.currency == "GBP"


@pytest.mark.parametrize("header", ["Co-operative Group Limited\nCo-op Food Exeter Sidwell St",
                                    "Co-operative Group Limited"])
def test_a_store_line_naming_the_chain_before_its_street_or_the_chains_company_names_the_chain(header):
    """British chains' receipts whose logo was lost: the store's line under the legal name opens with the chain's
    name and closes with its town and street (``Co-op Food Exeter Sidwell St``), or the Co-op's company prints."""
    receipt = extract_receipt(ocr(f"{header}\nCHICKEN TIKKA SANDWICH £3.10\nBALANCE DUE £3.10\n17/11/26 12:49"))
    assert (receipt.merchant, receipt.category) == ("Co-op Food", "grocery")


@pytest.mark.parametrize("street", ["Tesco Road", "Asda Way", "Tesco Road Leeds", "12 Tesco Road", "Unit 3 Asda Way"])
def test_a_street_named_for_a_chain_on_an_independents_address_line_names_no_chain(street):
    receipt = extract_receipt(ocr(f"The Corner Cafe\n{street}\nCHICKEN TIKKA SANDWICH £3.10\nBALANCE DUE £3.10"))
    assert (receipt.merchant, receipt.category) == ("The Corner Cafe", "restaurant")


def test_a_photo_cut_under_the_logo_opens_with_an_item():
    receipt = extract_receipt(ocr("TESCO WHOLE MILK 4PT £1.65\nSMOKED BACK BACON £2.99\nHOVIS 750G £1.60\n"
                                  "TOTAL £6.24\nVISA £6.24\n02/12/26 08:44\nVAT Number: 220430231"))
    assert [i.amount for i in receipt.items] == [Decimal("1.65"), Decimal("2.99"), Decimal("1.60")]


def test_a_photo_opening_with_the_tail_of_the_receipt_above_reads_the_items_under_it():
    receipt = extract_receipt(ocr("Total 23.18\nVISA XXXX2281 23.18\n12/04/2026 12:41 PM\nThank you! See you soon\n"
                                  "Applebee's\nGrill + Bar\n4155 S Buckner Blvd\nDallas, TX 75227\n"
                                  "Server: Keisha Table 9\n12/05/2026 6:09 PM\nBoneless Wings 12.95\n"
                                  "Raspberry Iced Tea 3.50\nSub Total 16.45\nTax 1.36\nTotal 17.81\nBalance Due 17.81"))
    assert [i.amount for i in receipt.items] == [Decimal("12.95"), Decimal("3.50")]


@pytest.mark.parametrize(("text", "total"), [
    ("EDEKA\nBahnhofstr. 4\n91522 Ansbach\nKaffee 7,99 A\nButter 1,29 B\nMilch 3,22 A\nSUMME EUR 72,50\n"
     "EC-Cash EUR 12,50\nRückgeld EUR 0,00\n05.12.2026 17:20", "12.50"),  # the Summe's 1 read as 7
    ("TARGET\nUnion Square\n12/05/2026 05:02 PM\nPAPER TOWEL 12.99\nEGGS 3.79\nSUBTOTAL 16.78\nTAX 1.12\n"
     "TOTAL 77.90\nAPPLE PAY 17.90\nCHANGE DUE 0.00", "17.90"),
])
def test_a_card_named_with_a_word_of_cash_over_a_zero_change_paid_what_the_change_says(text, total):
    assert extract_receipt(ocr(text)).total == Decimal(total)


def test_a_card_word_that_names_goods_is_no_tender_in_the_bills_body():
    receipt = extract_receipt(ocr("PIZZA MAESTRO\n14 Castle St\nCardiff CF10 1BS\n05/12/2026 19:22\n"
                                  "Maestro Special 12in 13.95\nGarlic Bread 4.50\nCoke 1.5L 2.95\n21.40\nCash 25.00\n"
                                  "Change 3.60"))
    assert [str(item.amount) for item in receipt.items] == ["13.95", "4.50", "2.95"]


TOMS = "Tom's Restaurant\n11/20/2026 8:21 AM\nBurger 13.95\nOmelette 11.25\nCoffee 2.50\nSubtotal 27.70\nTax 2.46\n"


@pytest.mark.parametrize(("totals", "total"), [
    ("Total 30.6\nCash 40.00\nChange 9.84", "30.16"),  # its 1 lost: cash less change pays the sum
    ("Total 30.6\nVISA 30.16", "30.16"),  # the card pays the sum
    ("Total 300.16\nVISA 30.16", "30.16"),  # its 0 read twice
    ("Total 3.16\nVISA 30.16", "30.16"),  # its 0 lost: the tax is more than a tax's share of it, not of the subtotal
    ("Total 30.116", "30.16"),  # a digit read twice, three decimals that no amount paid prints: the sum alone
    ("Total 30.16\nVISA 30.16", "30.16"),
])
def test_a_total_with_a_digit_lost_or_read_twice_is_the_sum_a_tender_pays(totals, total):
    """EasyOCR's decoder collapses a repeated digit (``33.16`` as ``3.16``) or repeats one: the subtotal and
    the tax make the total where the card or the cash less the change pays that sum too."""
    assert extract_receipt(ocr(TOMS + totals)).total == Decimal(total)


HOOTERS = ("Hooters\n11/29/2026 3:55 PM\n50 Wings 22.99\n30 Wings 18.99\nPitchers 30.00\nPickles 15.99\nNachos 13.99\n"
           "Soda 12.00\nSubtotal 113.96\nTax 9.12\n")
DENNYS = "Denny's\n11/27/2026 9:02 PM\nSlamburger 12.29\nSoft Drink 3.29\nSubtotal 15.58\nTax 1.29\n"


@pytest.mark.parametrize(("text", "total"), [
    (HOOTERS + "Gratuity 20% 22.79\nTOTAL 14587", "145.87"),  # a gratuity between the tax and the total
    (HOOTERS + "Service Charge 22.79\nTOTAL 14587", "145.87"),
    (HOOTERS + "TOTAL 12308", "123.08"),
    (DENNYS + "Bal Due\n1687", "16.87"),  # the amount read as a line of its own
    (DENNYS + "Total\n$1687", "16.87"),
    (DENNYS + "Bal Due 1687", "16.87"),
])
def test_a_total_whose_point_was_lost_is_the_subtotal_and_every_charge_on_it(text, total):
    assert extract_receipt(ocr(text)).total == Decimal(total)


PANERA = "Panera Bread\n12/02/2026 12:22 PM\nYou Pick 2 10.99\nTurkey Bravo 11.49\nDrink 3.29\nDrink 3.29\n"


@pytest.mark.parametrize(("totals", "total", "tax"), [
    ("Subtotal 29.06 Tax 1.74\nTotal 30.80\nVisa 30.80", "30.80", "1.74"),
    ("Subtotal 29.06 Tax 1.74\nTotal 330.80\nVisa 30.80", "30.80", "1.74"),  # and the total's 3 read twice
    ("Subtotal 29.06 Taxable 29.06\nTax 1.74\nTotal 30.80", "30.80", "1.74"),  # the taxable amount is no tax
])
def test_a_subtotal_and_tax_read_as_one_line_give_the_tax_after_the_subtotals_amount(totals, total, tax):
    receipt = extract_receipt(ocr(PANERA + totals))
    assert (receipt.total, receipt.tax) == (Decimal(total), Decimal(tax))


CHILIS = "Chili's\n11/22/2026 6:31 PM\nOldtimer 13.99\nCrispers 12.49\nRita 5.00\nSubtotal $31.48\nTax $2.28\n"


@pytest.mark.parametrize(("tip", "total"), [
    ("Tip $6.00 Total $39.76", "39.76"),  # the tip and the final total read as one line
    ("Tip $6.00 Total Charged $39 76", "39.76"),
    ("Tip 18%: $6.00 Total $39.76", "33.76"),  # a tip guide's row: nothing paid
])
def test_a_tip_and_the_total_with_it_on_one_line_are_paid(tip, total):
    text = f"{CHILIS}Check Total $33.76\n{tip}\nVISA ****1180"
    assert extract_receipt(ocr(text)).total == Decimal(total)


OLIVE_GARDEN = "Olive Garden\n12/04/2026 7:22 PM\nLasagna 19.49\nMarsala 16.99\nZiti Fritta 9.49\nLemonade 6.58\n"


@pytest.mark.parametrize(("totals", "total"), [
    ("Tax 4.20\nT0tal 456.75", "56.75"),  # the prices and the tax make it without the 4
    ("Tax 4.20\nT0tal 456.75\nVISA 456.75", "456.75"),  # printed again as read
    ("Tax 4.20\nT0tal 452.75", "452.75"),  # the prices make neither
])
def test_a_dollar_sign_read_as_a_four_goes_only_where_the_prices_add_up(totals, total):
    assert extract_receipt(ocr(OLIVE_GARDEN + totals)).total == Decimal(total)


SLIP_UNDER_THE_BILL = ("Olive Garden\n11/29/2026 5:48 PM\nScampi 19.99\nTour of Italy 17.49\nCalamari 8.99\n"
                       "Soda 6.48\nSubtotal 52.95\nTax 2.98\nTotal 55.93\nVISA XXXX0119\n")


@pytest.mark.parametrize(("slip", "total"), [
    ("Amount: 55.93\nTip: 6.3\nTotal: 62.24", "62.24"),  # the tip's last digit lost: the total written says it
    ("Amount: 55.93\nTip: 6.3l\nTotal: 62.24", "62.24"),  # its 1 read as l
    ("Amount: 55.93\nTip: 6.30\nTotal: 62.24", "62.23"),  # a tip in cents: the total written misread
    ("Tip 10\nAmount $55.93\nTotal 65 93", "65.93"),  # a curled slip: the tip read over its amount
])
def test_a_handwritten_tip_read_short_or_above_the_slips_amount_pays_the_total_written(slip, total):
    assert extract_receipt(ocr(SLIP_UNDER_THE_BILL + slip)).total == Decimal(total)


def test_a_blank_tip_on_the_merchants_copy_leaves_the_customers_copy_to_say_what_was_paid():
    receipt = extract_receipt(ocr("Texas Roadhouse\n11/27/2026 7:05 PM\nRibeye 98.71\nSubtotal 98.71\nTax 8.14\n"
                                  "Total 106.85\nDISCOVER XXXX7811\nAMOUNT 106.85\nTIP ________\nTOTAL ________\n"
                                  "DISCOVER XXXX7811\nAMOUNT 106.85\nTIP 20.00\nTOTAL 126.85"))
    assert receipt.total == Decimal("126.85")


TORCHYS = ("Torchy's Tacos\n12/05/2026 8:55 PM\nTrailer Park 6.25\nDemocrat 5.75\nBrushfire 6.25\nQueso 4.75\n"
           "Subtotal $23.00\nTax $1.90\n")


@pytest.mark.parametrize("tip", ["Tip", "Tip 4.60"])
def test_a_total_far_over_the_bill_under_a_tip_loses_its_sign_read_as_a_digit(tip):
    """``Tota1 829.50`` on a bill of 24.90: its $ read as an 8; without it, the bill and a tip."""
    assert extract_receipt(ocr(f"{TORCHYS}{tip}\nTota1 829.50\nVisa XXXX4420")).total == Decimal("29.50")


def _pipe_ocr(text: str) -> list[OcrLine]:
    return ocr(text.replace("|", "\n"))


@pytest.mark.parametrize(("text", "field", "expected"), [
    # a no-tax row merged with the subtotal's is no tax
    ("KROGER|1420 N CLARK ST|CHICAGO IL 60610|12/05/2026 7:42 PM|BANANAS 1.29|SOAP 4.00|SUBTOTAL 5.29 NON-TAX 1.29|"
     "TAX 0.32|TOTAL 5.61|VISA 5.61", "tax", "0.32"),
    ("KROGER|1420 N CLARK ST|CHICAGO IL 60610|12/05/2026 7:42 PM|BANANAS 1.29|SOAP 4.00|SUBTOTAL 5.29 TAX FREE 1.29|"
     "TAX 0.32|TOTAL 5.61|VISA 5.61", "tax", "0.32"),
    # a whole-dollar price above makes the total's 4 no sign
    ("TACO TRUCK|1420 N CLARK ST|CHICAGO IL 60610|12/05/2026 7:42 PM|FAMILY PACK 40|TACOS 4.50|HORCHATA 3.00|"
     "TOTAL 47.50|CASH 50.00|CHANGE 2.50", "total", "47.50"),
    # three numbers apart before a clock are no date; a short year-first date beside an ISO one stays year first
    ("Imbiss Ali|Berliner Str. 2|10115 Berlin|Bestellung 12 1 25 12:30|Doener 6,50|Cola 2,50|Summe 9,00|Bar 10,00|"
     "Rueckgeld 1,00|05.12.2026", "date", "2026-12-05"),
    ("MAXIMA LT|Vilnius|PVM kodas LT100001232|2025-11-09|Pienas 1.29|Duona 0.99|MOKETI 2.28|Kortele 2.28|"
     "25.11.09 14:22", "date", "2025-11-09"),
])
def test_what_only_looks_like_a_tax_beside_the_subtotal_a_sign_as_4_or_a_faded_date(text, field, expected):
    assert str(getattr(extract_receipt(_pipe_ocr(text)), field)) == expected


@pytest.mark.parametrize("balance", ["**** BALANCE", "**** 8ALANCE"])
@pytest.mark.parametrize("footer", ["ANNUAL CARD SAVINGS $412.77", "KROGER PLUS CARD SAVINGS 14.20"])
def test_a_kroger_tills_starred_balance_is_the_total_not_the_years_card_savings(balance, footer):
    """Kroger's and Albertsons' tills print no TOTAL: ``**** BALANCE`` is the amount due; the year's savings
    on the card under it (a card's word, a larger amount) are no payment."""
    text = (f"Kroger\nKROGER #00947\nKRO MILK GAL 2.69 F\nCOCA COLA 12PK 7.49 T\nTAX 0.56\n{balance} 10.74\n"
            f"VISA USD$ 10.74\nCHANGE 0.00\n12/04/26 06:47pm 947 12 45 311\n{footer}")
    assert extract_receipt(ocr(text)).total == Decimal("10.74")


def test_a_kroger_tills_starred_balance_paid_in_cash_is_no_item():
    text = "Kroger\nKRO PNT BUTTER 2.29 F\nKRO EGGS 9.70 F\nTAX 0.48\n**** 8ALANCE 12.47\nCASH 20.00\nCHANGE 7.53"
    receipt = extract_receipt(ocr(text))
    assert (receipt.total, [item.amount for item in receipt.items]) == (
        Decimal("12.47"), [Decimal("2.29"), Decimal("9.70")])


ALOHA_CHECK = ("Applebee's\n2340 E Fowler Ave\nTampa, FL 33612\nServer: 105 Jen\n07:41 PM 09/01/2016\nTbl 14/1 Chk 4521\n"
               "Boneless Wings 8.99\n2 Bud Light 7.00\nBourbon St Steak 15.99\nOriental Chkn Salad 11.49\n"
               "Sub Total: 43.47\nTax: 3.04\n")


@pytest.mark.parametrize(("lines", "total"), [
    ("Total: 46.51\nBalance Due: 48.51", "46.51"),  # the stronger label's amount misread by a digit
    ("Total: 46.51\nBalance Due: 46.57", "46.51"),
    ("Total: 48.51\nBalance Due: 46.51", "46.51"),  # the plain one misread
    ("Total: 47.51\nBalance Due: 48.51", "48.51"),  # neither is the bill: the stronger label stands
])
def test_of_two_total_lines_printed_together_the_one_the_bill_makes_wins_a_misread_digit(lines, total):
    assert extract_receipt(ocr(ALOHA_CHECK + lines)).total == Decimal(total)


@pytest.mark.parametrize(("total", "expected"), [("S6.47", "56.47"), ("G6.47", "66.47")])
def test_a_first_digit_read_as_a_letter_on_a_check_that_prints_no_dollar_sign(total, expected):
    """``Total Due S6.47``: a Micros check signs no amount, so its S is a 5, where subtotal and tax make it."""
    subtotal = Decimal(expected) - Decimal("3.69")
    text = (f"OUTBACK STEAKHOUSE\nTBL 21/1 CHK 4521 GST 2\nSEP01'16 07:41PM\n1 RIBEYE {subtotal - Decimal('2.79')}\n"
            f"1 FRIES 2.79\nSubtotal {subtotal}\nTax 3.69\n08:32PM Total Due {total}")
    assert extract_receipt(ocr(text)).total == Decimal(expected)


def test_a_dollar_signed_amount_stays_without_its_s():
    text = "Diner\n1 Burger 5.78\nSubtotal $5.78\nTax $0.69\nTotal S6.47\n12/05/2026 7:41 PM"
    assert extract_receipt(ocr(text)).total == Decimal("6.47")


def test_a_subtotal_whose_point_was_lost_does_not_replace_the_total_it_makes():
    text = ("PANDA EXPRESS #1406\nLos Angeles CA 90028\n11/18/2017 1:02:44 PM\n1 Plate 7.10\n1 Fountain Drink Med 1.90\n"
            "Subtotal $900\nTax 0.86\nTotal $9.86")
    assert extract_receipt(ocr(text)).total == Decimal("9.86")


@pytest.mark.parametrize(("text", "total"), [
    ("STARBUCKS\n12/05/2026 8:02\nGRANDE LATTE 5.45\nSUBTOTAL 5.45\nTAX 0.49\nTOTAL 5.94\nSBUX CARD 5.94\n***4417\n"
     "*** BALANCE 18.06", "5.94"),  # what is left on the card
    ("TRUE VALUE\n12/05/2026\nPAINT 1GAL 34.99\nROLLER 6.99\nSUBTOTAL 41.98\nTAX 3.36\nTOTAL 45.34\n"
     "HOUSE ACCOUNT 45.34\n**** BALANCE 312.80", "45.34"),  # the house account's balance
    ("ALBERTSONS\n12/05/2026\nMILK 3.99 F\nCEREAL 4.49 F\nSOAP 2.99 T\nTAX 0.25\n**** BALANCE 11.72\nEBT SNAP 8.48\n"
     "VISA 3.24\nEBT SNAP BAL\n**** BALANCE 201.52", "11.72"),  # the second one: the EBT card's
])
def test_a_starred_balance_under_a_total_or_a_payment_is_what_is_left_on_a_card(text, total):
    assert extract_receipt(ocr(text)).total == Decimal(total)


def test_a_cash_rounded_total_under_the_total_is_no_misread_digit():
    text = ("CORNER CAFE\n12/05/2026\nBURGER 14.00\nSALAD 28.00\nSUBTOTAL 42.00\nTAX 4.51\nTOTAL 46.51\n"
            "ROUNDED TOTAL 46.50\nCASH 50.00\nCHANGE 3.50")
    assert extract_receipt(ocr(text)).total == Decimal("46.50")


def test_a_gift_card_bought_over_a_starred_balance_is_an_item_and_the_balance_the_total():
    text = ("SAFEWAY\nDENVER CO 80210\nSIG SELECT COFFEE 6.99 S\n  Club Card Savings 2.00-\nLUCERNE GREEK YOGURT 4.79 S\n"
            "STARBUCKS GIFT CARD 5.00\nTAX 0.41\n**** BALANCE 15.19\nGIFT CARD 10.00\nGIFT CARD BAL 0.00\nVISA 5.19\n"
            "CHANGE 0.00\n12/05/26 02:28pm")
    receipt = extract_receipt(ocr(text))
    assert (receipt.total, [item.amount for item in receipt.items]) == (
        Decimal("15.19"), [Decimal("6.99"), Decimal("-2.00"), Decimal("4.79"), Decimal("5.00")])


def test_a_receipt_printing_decimal_commas_reads_its_slashed_date_day_first():
    """Receipts that name no country but print decimal commas: no month-first country prints them."""
    receipt = extract_receipt(ocr("""
    PANADERIA SOL
    PAN 0,60
    LECHE 0,99
    TOTAL 1,59
    06/12/2026 13:22
    """))
    assert receipt.date == dt.date(2026, 12, 6)
    # decimal points: the slashed date stays month first
    assert extract_receipt(ocr("CORNER DELI\nBAGEL 2.60\nTOTAL 2.60\n06/12/2026 13:22")).date == dt.date(2026, 6, 12)


def test_a_chain_of_countries_sharing_the_euro_gives_its_receipt_the_euro():
    """Receipts of a chain trading in several countries of one currency and date order (Albert Heijn: the
    Netherlands and Belgium), whose own words name no country."""
    receipt = extract_receipt(ocr("Albert Heijn\nKAAS 4,49\nAPPELS 2,19\nPIN 6,68\n06/12/2026 17:02"))
    assert (receipt.merchant, receipt.currency, receipt.date) == ("Albert Heijn", "EUR", dt.date(2026, 12, 6))


@pytest.mark.parametrize(("header", "merchant"), [("MERCADONA", "Mercadona"), ("CONSUM S.COOP.V.", "Consum")])
def test_a_euro_sign_alone_finds_the_chain_of_any_euro_country(header, merchant):
    """Receipts whose only mark of a country is the euro sign: a Spanish chain (its cooperative's legal form
    ``S.COOP.V.`` too) is found as well as a German one."""
    receipt = extract_receipt(ocr(f"{header}\nPAN 1,30 €\nLECHE 0,89 €\nTOTAL 2,19 €\n06/12/26"))
    assert (receipt.merchant, receipt.category, receipt.currency) == (merchant, "grocery", "EUR")
    german = extract_receipt(ocr("REWE\nBrot 1,30 €\nMilch 0,89 €\nTOTAL 2,19 €\n06.12.26"))
    assert german.merchant == "Rewe"


@pytest.mark.parametrize(("text", "day"), [
    ("CANADIAN TIRE\nCalgary AB\nWIPER BLADES 24.99\nSUBTOTAL 24.99\nGST 1.25\nTOTAL 26.24\nDEC 06, 2026", 6),
    ("METRO\nQuébec QC\nPAIN 3,49\nTOTAL 3,49\nComptant 5,00\nMonnaie 1,51\n06/12/2026 10:12", 6),
])
def test_a_town_and_its_province_with_gst_or_quebec_words_is_canada(text, day):
    """Canadian receipts printing a town and its province code without a postcode, with GST (not Malaysia's)
    or Québec's till words (their dates day first)."""
    receipt = extract_receipt(ocr(text))
    assert (receipt.currency, receipt.date) == ("CAD", dt.date(2026, 12, day))


@pytest.mark.parametrize("text", [
    "TABERNA LA FAROLA\nC/ Cava Baja 22 Madrid\nMesa 3\n2 CAÑAS 4,40\nTOTAL 4,40\n06/12/2026",
    "BAR EL RINCON\nCalle Mayor 14 Sevilla\n1 TORTILLA 6,00\nTOTAL 6,00\n06/12/2026",
    "DA MARIO\nVia Roma 3\nTavolo 12\n1 LASAGNA 12,00\n2 COPERTO 4,00\nTOTALE 16,00",
])
def test_spanish_and_italian_bar_and_restaurant_words_say_restaurant(text):
    """Spanish and Italian bars and restaurants: a taberna, a bar's name, a table's number, a cover charge."""
    assert extract_receipt(ocr(text)).category == "restaurant"


def test_a_bar_of_soap_or_a_bar_code_is_no_bar():
    """Near case of a bar's name: ``BAR`` opening an item's or a code's line."""
    receipt = extract_receipt(ocr("HOME STORE\nBAR CODE 4001234\nBAR SOAP 2.99\nTOTAL 2.99"))
    assert receipt.category != "restaurant"


def test_a_shop_named_for_bar_harbor_is_no_bar():
    """``BAR HARBOR OUTFITTERS``: the town in Maine opening a shop's name, not a bar's."""
    receipt = extract_receipt(ocr("BAR HARBOR OUTFITTERS\nBar Harbor, ME 04609\nFleece Jacket 49.99\nSUBTOTAL 49.99\n"
                                  "SALES TAX 2.75\nTOTAL 52.74\n12/05/26 2:14 PM"))
    assert receipt.category != "restaurant"


def test_a_street_named_row_is_no_cinemas_seat_row():
    """Receipts from a street named ... Row (Merrion Row): only a seat's row (``Row F Seat 12``) is a cinema's."""
    receipt = extract_receipt(ocr("O'DONOGHUES\n15 Merrion Row Dublin 2\n2 Guinness 12.80\nTOTAL 12.80\n06/12/2026"))
    assert receipt.category != "cinema"
    ticket = extract_receipt(ocr("ODEON\nAdult 12.50\nRow F Seat 12\nTOTAL 12.50\n06/12/2026"))
    assert ticket.category == "cinema"


def test_a_legal_name_with_its_version_under_the_shops_name_is_no_item():
    """Cooperatives printing their legal name with a version number under the logo (``Coop Alleanza 3.0``)."""
    receipt = extract_receipt(ocr("Coop\nCoop Alleanza 3.0\nLATTE 1,35\nUOVA 2,49\nTOTALE 3,84\n6 dic 2026"))
    assert [item.description for item in receipt.items] == ["LATTE", "UOVA"]
    # the name again with a price: an item of the shop's own brand
    own_brand = extract_receipt(ocr("Coop\nCoop Latte 1,35\nUOVA 2,49\nTOTALE 3,84\n6 dic 2026"))
    assert len(own_brand.items) == 2


@pytest.mark.parametrize("header", ["SAM'S CLUB\nFUEL CENTER", "COSTCO\nGASOLINE", "Kroger\nFUEL CENTER"])
def test_a_warehouse_clubs_or_grocers_pump_slip_is_fuel(header):
    """Costco, Sam's Club and Kroger run fuel stations whose slips name the chain, filed as a grocer: a total
    that its gallons at their price make, on a slip of a fuel station's words, is fuel."""
    receipt = extract_receipt(ocr(f"{header}\n12/04/26 16:11:02\nPUMP 08 UNLEADED\n13.112 GAL @ $2.819/GAL\n"
                                  "FUEL TOTAL $36.96\nVISA ****4021"))
    assert (receipt.total, receipt.category) == (Decimal("36.96"), "fuel")


@pytest.mark.parametrize("pump_line", ["41.07 L @ 152.9p/L 562.80", "41.07 @ 152.9 PPL 562.80",
                                       "41.07 LTR x 152.9P PER LITRE 562.80"])
def test_a_uk_pump_price_in_pence_per_litre_makes_the_fuel_total(pump_line):
    """Tesco, Sainsbury's and Asda forecourts price fuel in pence per litre: 41.07 litres at 152.9p make
    £62.80, so the total whose £ OCR read as a 5 is 62.80, and the grocer's forecourt slip is fuel."""
    receipt = extract_receipt(ocr(f"TESCO\nTesco Stores Ltd\nPump 3 DIESEL\n{pump_line}\nTOTAL 562.80\n"
                                  "CONTACTLESS 562.80"))
    assert (receipt.total, receipt.category) == (Decimal("62.80"), "fuel")


def test_a_grocers_weighed_line_in_pounds_per_kilo_is_no_pump_price():
    receipt = extract_receipt(ocr("TESCO\nTesco Stores Ltd\nLOOSE CARROTS\n0.925 kg @ £0.83/kg 0.77\nMILK 1.45\n"
                                  "TOTAL 2.22\nCONTACTLESS 2.22"))
    assert (receipt.total, receipt.category) == (Decimal("2.22"), "grocery")


@pytest.mark.parametrize("text", [
    "The Crown Inn\nMarket Place Wetherby\nPint Guinness £5.40\nPint Guinness £5.40\nBALANCE DUE £10.80",
    "Kings Arms\n14 Church Lane\nCrisps £1.20\nScampi Fries £1.30\nBALANCE DUE £2.50",
    "THE ANCHOR\nBankside London SE1\n2 x Camden Hells 13.90\nGin & Tonic 8.75\nSUBTOTAL 22.65\n"
    "Discretionary Service Charge 12.5% 2.83\nTOTAL TO PAY £25.48",
    "The Old Bell\nCrisps £1.20\n2 Pint Lager £10.80\nTOTAL £12.00",
])
def test_a_british_pubs_words_say_restaurant(text):
    """A British pub: its name closing in INN or ARMS, a pint poured, a service charge; its town's
    ``Market Place`` is its address, no market's."""
    assert extract_receipt(ocr(text)).category == "restaurant"


def test_a_hotels_bill_under_an_inns_name_is_no_pubs():
    receipt = extract_receipt(ocr("Holiday Inn\nLeeds City Centre\nROOM 214\nROOM CHARGE 89.00\nBREAKFAST 12.50\n"
                                  "TOTAL £101.50"))
    assert receipt.category != "restaurant"


def test_milk_by_the_pint_is_no_pint_poured():
    receipt = extract_receipt(ocr("Village Stores\n2 PINTS SEMI SKIMMED 1.45\nSEMI SKIMMED MILK 4 PINTS 1.65\n"
                                  "BREAD 1.10\nTOTAL 4.20"))
    assert receipt.category == "grocery"


def test_a_warehouse_receipt_listing_a_gas_can_or_fuel_points_stays_a_grocers():
    assert extract_receipt(ocr("COSTCO\nWHOLESALE\nKS GAS CAN 5GAL 19.99\nPROPANE EXCHANGE 21.99\nSUBTOTAL 41.98\n"
                               "TOTAL 41.98")).category == "grocery"
    assert extract_receipt(ocr("Kroger\nMILK 2.79\nEGGS 5.49\nFUEL POINTS EARNED 120\nTOTAL 8.28")).category \
        == "grocery"


@pytest.mark.parametrize(("text", "chain"), [
    ("REGAL\nIrvine, CA 92618\n12/05/2026 9:14 PM\n1 Adult Evening 17.25\nTotal 17.25", "Regal Cinemas"),
    ("REGAL\nIrvine, CA 92618\n12/05/2026 9:14 PM\nLG POPCORN 9.50\nTotal 9.50\nRegal Crown Club", "Regal Cinemas"),
    ("ALAMO DRAFTHOUSE\nAustin, TX 78717\nServer: Kayla Seat: C14\n12/02/2026 8:05 PM\n1 Queso 10.00\nTotal 10.00",
     "Alamo Drafthouse Cinema"),
])
def test_a_cinema_chains_logo_without_its_trade_word_is_the_chain_where_the_receipt_shows_films(text, chain):
    """Cinema chains whose directory name closes with the trade's word (Regal Cinemas, Alamo Drafthouse
    Cinema) print their logo without it: the chain where a ticket, a seat or its loyalty scheme agrees."""
    receipt = extract_receipt(ocr(text))
    assert (receipt.merchant, receipt.category) == (chain, "cinema")


@pytest.mark.parametrize("text", [
    "REGAL\nIrvine, CA 92618\n12/05/2026 2:10 PM\nGel Manicure 35.00\nTotal 35.00",
    "REGAL\nHigh Point, NC 27260\n12/05/2026\nRecliner Sofa 899.00\nTotal 899.00",
])
def test_a_regal_logo_over_a_manicure_or_a_sofa_is_no_cinema(text):
    """Near case of a cinema chain's logo without its trade's word: nothing on the receipt shows films."""
    receipt = extract_receipt(ocr(text))
    assert receipt.merchant != "Regal Cinemas" and receipt.category != "cinema"


def test_a_nail_salons_or_a_car_rentals_whole_name_keeps_its_own_trade():
    """Near cases of a cinema's logo: Regal Nails and Alamo Rent A Car print their whole names."""
    nails = extract_receipt(ocr("REGAL NAILS\nIrvine, CA 92618\nTicket 0042\nGel Manicure 35.00\nTotal 35.00"))
    assert (nails.merchant, nails.category) == ("Regal Nails", "retail")
    cars = extract_receipt(ocr("ALAMO RENT A CAR\nOrlando, FL 32827\nMidsize SUV 3 days 189.00\nTotal 189.00"))
    assert cars.category != "cinema"


@pytest.mark.parametrize("text", [
    "LUCKY STRIKE\nNew York NY 10011\nLane 3 Guests 6\nLane Rental 1 hr 120.00\nShoes 6 @ 8.00 48.00\n"
    "Sliders 24.00\nTotal 192.00",
    "LUCKY STRIKE\nNew York NY 10011\nLane Rental 1 hr 120.00\nShoes 6 @ 8.00 48.00\nTotal 168.00",
    "Tierpark Hagenbeck\n22527 Hamburg\nJahreskarte Familie 225,00\nSumme 225,00\nMastercard 225,00",
    "FUN ZONE\nDallas TX 75201\nLaser Tag 2 @ 10.00 20.00\nGame Card 25.00\nTotal 45.00",
    "SeaWorld Orlando\nGold Pass - Adult x 2 $191.76\nTotal Paid Today $191.76\nPass activation at the front gate",
])
def test_bowling_arcade_zoo_and_park_words_are_entertainment(text):
    """Bowling centres, arcades, zoos and parks, printing their lanes and shoe rental, laser tag and game cards,
    a Tierpark's Jahreskarte or a park's front gate, not the word BOWLING (a shoe rental is no shoe shop)."""
    assert extract_receipt(ocr(text)).category == "entertainment"


@pytest.mark.parametrize(("text", "category"), [
    ("SOLE CITY\nNike Air Max 129.99\nSHOES 2 @ 59.99 119.98\nTotal 249.97", "retail"),
    ("RAINFOREST\nServer: Ana\nSouvenir Cup 12.99\nCheeseburger 15.99\nTotal 28.98", "restaurant"),
    ("CORNER STORE\nMILK 3.49\nBREAD 2.99\nSOUVENIR MAGNET 4.99\nTotal 11.47", "grocery"),
])
def test_a_shoe_shop_a_restaurants_souvenir_cup_or_a_grocers_magnet_keep_their_trades(text, category):
    """Near cases of the venue words: shoes sold, a souvenir among a restaurant's or a grocer's lines."""
    assert extract_receipt(ocr(text)).category == category


@pytest.mark.parametrize("text", [
    "SMOKER FRIENDLY\nFort Collins CO 80525\nCAMEL BLUE BOX 10.29\nZYN COOL MINT 6MG 5.99\nTOTAL 16.28",
    "Davidoff of Geneva\nNew York, NY 10022\nWinston Churchill Robusto 2 @ 32.00 64.00\n"
    "Padron 1964 Maduro 28.50\nCutter 79.00\nTotal 171.50",
    "QUICK STOP 24\nMARLBORO GOLD KS 9.49\nOTP TAX 0.38\nTOTAL 9.87",
    "Lotto & Presse Krause\n01.12.2026\nZeitschrift 4,50\nZigarillos 6,00\nenthält Tabaksteuer\nSUMME 10,50",
])
def test_cigarette_cigar_and_nicotine_names_on_item_lines_are_tobacco(text):
    """Tobacco shops whose items are product names (Camel, Zyn, Marlboro, a robusto) and their tax lines."""
    assert extract_receipt(ocr(text)).category == "tobacco"


@pytest.mark.parametrize(("text", "category"), [
    ("LUCKY STRIKE\nNew York NY 10011\nBowling 2 hrs 120.00\nTotal 120.00", "entertainment"),
    ("MAPLE & CO\nCAMEL WOOL COAT 129.99\nTotal 129.99", "retail"),
    ("QUICK STOP\nMILK 3.49\nBREAD 2.99\nMARLBORO GOLD 9.49\nTotal 15.97", "grocery"),
])
def test_a_cigarettes_name_as_a_shops_name_a_colour_or_among_groceries_is_no_tobacco_shop(text, category):
    """Near cases of the product names: only on item lines, a name that is a word too with its pack's word,
    and a grocer's words still win."""
    assert extract_receipt(ocr(text)).category == category


@pytest.mark.parametrize(("text", "category"), [
    ("KINOPOLIS\n03.12.2026 17:48\nTicket 11,50\nNachos Käse 5,90\nSumme 17,40", "cinema"),
    ("TABAKBÖRSE\nMarktplatz 3\n72070 Tübingen\nFeuerzeug 1,50\nSUMME 1,50", "tobacco"),
])
def test_a_german_compound_opening_with_a_trade_word_is_that_trade(text, category):
    """German shops named by a compound of their trade's word (Kinopolis, Kinotag, Tabakbörse, Tabakhaus)."""
    assert extract_receipt(ocr(text)).category == category


@pytest.mark.parametrize("text", [
    "Lotto Laden\nKinder Pingui 1,29\nKinderriegel 0,99\nSUMME 2,28",
    "Asia Shop Nguyen\nKinoko Pilze 2,49\nTabasco 3,99\nSUMME 6,48",
])
def test_kinder_kinoko_and_tabasco_are_no_cinema_or_tobacco_words(text):
    """Near cases of the trade compounds: a word opening like KINO or TABAK that is none of them."""
    assert extract_receipt(ocr(text)).category not in ("cinema", "tobacco")


def test_an_entertainment_centre_filed_as_a_restaurant_is_entertainment_on_a_bill_of_play():
    """Main Event and Dave & Buster's, filed as restaurants: a bill of bowling and laser tag with no food."""
    play = ocr("MAIN EVENT\nHouston TX 77007\n12/05/2026 7:44PM\nBowling Per Game 3 @ 7.99 23.97\n"
               "Laser Tag 2 @ 10.00 20.00\nTOTAL 43.97\nVISA 43.97")
    assert extract_receipt(play).category == "entertainment"


def test_an_entertainment_centres_bill_with_food_stays_a_restaurants():
    """Near case: a dish named for play (``Arcade Burger``) on a restaurant chain's bill."""
    meal = ocr("MAIN EVENT\nHouston TX 77007\n12/05/2026 7:44PM\nArcade Burger 14.99\nBowling Per Game 7.99\n"
               "TOTAL 22.98\nVISA 22.98")
    assert extract_receipt(meal).category == "restaurant"


@pytest.mark.parametrize("text", [
    "JOE'S BAR\nMemphis TN 38103\n05/18/2024 11:20 PM\nMiller High Life 4.00\nSubtotal 4.00\nTax 0.39\nTotal 4.39",
    "SKYLINE LOUNGE\nChicago IL 60601\nOld Fashioned 14.00\nTotal 14.00",
    "BLUE DOG BREWERY\nDenver CO 80202\nHazy IPA 7.00\nTotal 7.00",
    "MURPHY'S\nBoston MA 02110\nDraft Sam Adams 7.00\nPitcher Bud Light 18.00\nTotal 25.00",
])
def test_a_us_bar_named_bar_lounge_or_brewery_or_pouring_drafts_is_a_restaurant(text):
    """US bars selling only drinks: a name closing with BAR, LOUNGE or BREWERY, drafts, pitchers, an IPA."""
    assert extract_receipt(ocr(text)).category == "restaurant"


@pytest.mark.parametrize("text", [
    "POLISHED NAIL BAR\nGel Manicure 35.00\nTotal 35.00",
    "SWEET TOOTH CANDY BAR\nGummy Bears 1 LB 8.99\nTotal 8.99",
    "CORNER MARKET\nGuinness Draught 4PK 9.99\nBREAD 2.99\nTotal 12.98",
    "Schreibwaren Huber\nHefte 3,50\nSUMME 3,50\nBar 5,00\nRückgeld 1,50",
])
def test_a_nail_bar_a_candy_bar_canned_draught_or_cash_paid_bar_is_no_bar(text):
    """Near cases of a bar's words: a service's or a sweet shop's name, draught in cans, German cash ``Bar``."""
    assert extract_receipt(ocr(text)).category != "restaurant"


@pytest.mark.parametrize(("text", "category"), [
    ("MARCUS\nMilwaukee, WI 53202\nSenior Special 7.99\nCoffee 2.00\nTotal 9.99", "restaurant"),
    ("CARIBBEAN\nMiami, FL 33137\nServer: Ana Seat 2\nJerk Chicken 14.00\nTotal 14.00", "restaurant"),
    ("REGAL\nDallas TX 75201\nServer: Ana\nAdult Buffet 12.99\nSenior Buffet 10.99\nTotal 23.98", "restaurant"),
    ("MARCUS\nMilwaukee, WI 53202\nSenior Cut 15.00\nTotal 15.00", "retail"),
])
def test_a_one_word_cinema_logo_over_a_diners_seats_or_seniors_is_no_cinema(text, category):
    """Near cases of a cinema chain's logo without its trade's word: a diner's, a buffet's or a barber's bill with
    a seat, a server, an adult's or a senior's dish or cut, no film's word or ticket's kind alone on its line."""
    assert extract_receipt(ocr(text)).category == category


def test_a_one_word_cinema_logo_over_a_ticket_kind_alone_is_the_cinema():
    """A cinema's ticket line of its kind alone (``2 Adult``) shows films under a one-word logo (Harkins)."""
    receipt = extract_receipt(ocr("HARKINS\nTempe, AZ 85281\n12/05/2026 7:10 PM\n2 Adult 25.00\nTotal 25.00"))
    assert receipt.category == "cinema"


@pytest.mark.parametrize(("text", "category"), [
    ("NYC GIFTS\nNew York NY 10036\nSOUVENIR MUG 9.99\nKEYCHAIN 4.99\nTotal 14.98", "retail"),
    ("HARBOR GIFTS\nNEWPORT BEACH TOWEL PACK 19.99\nTotal 19.99", "retail"),
    ("SALEM WITCH SHOP\nSALEM CANDLE 3 PACK 24.99\nTotal 24.99", "retail"),
    ("ADVENTURE OUTFITTERS\nCAMEL HUMP TENT BOX 89.99\nTotal 89.99", "retail"),
])
def test_a_souvenir_shops_mug_or_a_towns_name_before_a_pack_is_no_park_or_tobacco(text, category):
    """Near cases of the venue and cigarette words: a souvenir with no park's word, a cigarette's name that is a
    town or a word before a pack's word with other words between (``NEWPORT BEACH TOWEL PACK``, ``CAMEL HUMP``)."""
    assert extract_receipt(ocr(text)).category == category


@pytest.mark.parametrize("text", [
    "STARBUCKS\nOrlando FL 32819\nSouvenir Mug 15.95\nTotal 15.95",
    "Applebee's\nDallas TX 75201\nRaffle Tickets 5.00\nRiblets 14.99\nTotal 19.99",
])
def test_a_restaurant_chains_souvenir_or_raffle_tickets_are_no_bill_of_play(text):
    """Near cases of ``plays_not_dines``: a restaurant chain's items that are not all play stay a restaurant's."""
    assert extract_receipt(ocr(text)).category == "restaurant"


@pytest.mark.parametrize("text", [
    "GLOW MAKEUP BAR\nHouston TX 77007\nFull Face 65.00\nTotal 65.00",
    "THE MASSAGE LOUNGE\nTampa FL 33602\n60 Min Massage 89.00\nTotal 89.00",
    "MIDWEST BREWERY SUPPLY\nMalt Extract 3LB 14.99\nTotal 14.99",
    "HOME GOODS PLUS\nGLASS PITCHER 2QT 14.99\nTotal 14.99",
])
def test_a_makeup_bar_a_massage_lounge_a_brewers_supply_or_a_glass_pitcher_is_no_bar(text):
    """Near cases of a US bar's words: a service named ... BAR or LOUNGE, a brewery's name before a shop's word,
    a pitcher sold with no drink on its line."""
    assert extract_receipt(ocr(text)).category != "restaurant"


@pytest.mark.parametrize(("opening", "name"), [
    ("Bäckerei Weber - Das Brot vom Meister", "Bäckerei Weber"),
    ("Blumen Meyer - Blumen für jeden Anlass", "Blumen Meyer"),
    ("Café Sander · Inh. Anna Sander", "Café Sander"),
    ("Bäckerei - Konditorei Weber", "Bäckerei - Konditorei Weber"),  # trade words after the mark: the name
    ("Rosen-Apotheke", "Rosen-Apotheke"),
    # the part after the mark names another trade, or the name before it is a trade's word alone or too short
    ("Hotel - Restaurant zur Linde", "Hotel - Restaurant zur Linde"),
    ("Trattoria - da Mario e figli", "Trattoria - da Mario e figli"),
    ("K1 - die Tankstelle am Ring", "K1 - die Tankstelle am Ring"),
])
def test_a_slogan_after_a_spaced_mark_on_an_independents_name_line_is_no_part_of_its_name(opening, name):
    """German independents print a slogan after their name (``Bäckerei Weber - Das Brot vom Meister``): a phrase
    in mixed case or with German function words after a spaced mark is cut, and its words (``Brot``) say nothing of
    the trade."""
    receipt = extract_receipt(ocr(f"{opening}\nKirchgasse 4\n56068 Koblenz\nBrötchen 0,65 B\nSumme 0,65\n"
                                  "11.05.2024"))
    assert receipt.merchant == name
    if name == "Bäckerei Weber":
        assert receipt.category == "restaurant"


@pytest.mark.parametrize(("above", "name"), [
    ("Frisch vom Land", "Metzgerei Huber"), ("Kaffee & Kuchen wie bei Oma", "Café Huber"),
])
def test_a_tagline_over_a_trade_and_surname_name_is_not_joined_to_it(above, name):
    """A German ``Trade Surname`` line is a whole name: the tagline above it is not the first half of a legal name
    broken over lines (those end in a legal form or are printed in capitals: ``AIK HUAT HARDWARE`` / ``ENTERPRISE
    (SETIA`` / ``ALAM SDN BHD``)."""
    receipt = extract_receipt(ocr(f"{above}\n{name}\nHauptstr. 3\n84028 Landshut\nLeberkäs 2,20 B\nSumme 2,20\n"
                                  "29.06.2024"))
    assert receipt.merchant == name


@pytest.mark.parametrize("tender", ["EBT FOOD TENDER 11.76", "EBT CASH 11.76", "SNAP 11.76", "WIC 11.76",
                                    "FOOD TENDER 11.76"])
def test_a_benefit_card_paying_beside_cash_leaves_the_total_standing(tender):
    """US grocers' split tenders: an EBT, SNAP or WIC card (or a tender whose name OCR lost) pays what it covers
    and cash the rest, so a total above the cash handed over is no misread of cash less change."""
    text = f"MEIJER\n11/09/2024\nTOTAL 15.46\n{tender}\nCASH TENDER 5.00\nCHANGE 1.30"
    assert extract_receipt(ocr(text)).total == Decimal("15.46")


def test_what_is_left_on_a_benefit_card_pays_none_of_a_total_misread_over_the_cash():
    """``EBT FS BALANCE`` is what the card has left, no tender: a total over the cash handed over still gives
    way to cash less change, even where the balance happens to be the difference."""
    text = "MEIJER\n11/09/2024\nTOTAL 84.82\nCASH 20.00\nCHANGE 5.18\nEBT FS BALANCE 70.00"
    assert extract_receipt(ocr(text)).total == Decimal("14.82")


@pytest.mark.parametrize("sign", ["LOTTO", "DHL Paketshop", "Hermes PaketShop"])
def test_a_service_agencys_sign_over_a_kiosks_name_is_the_service_sold_there(sign):
    """A kiosk prints the sign of a service it sells (Lotto, a parcel shop) over its own name: the seller is the
    name line under the sign, and the sign is no part of it."""
    receipt = extract_receipt(ocr(f"{sign}\nKiosk am Bahnhof\nBahnhofsplatz 1\n42103 Wuppertal\nZeitung 2,20 B\n"
                                  "Summe 2,20\n02.07.2024"))
    assert (receipt.merchant, receipt.merchant_raw) == ("Kiosk am Bahnhof", "Kiosk am Bahnhof")


def test_a_service_agencys_sign_with_no_name_under_it_is_the_shops_name():
    """Near case: an agency whose only name line is its sign keeps it."""
    receipt = extract_receipt(ocr("Lotto Toto Annahmestelle\nBahnhofsplatz 1\n42103 Wuppertal\nZeitung 2,20 B\n"
                                  "Summe 2,20\n02.07.2024"))
    assert receipt.merchant == "Lotto Toto Annahmestelle"


def test_the_opening_logos_brand_wins_over_the_operators_brand_in_a_legal_line_under_it():
    """A fuel station's logo over the legal line of the firm that runs it (``star`` / ``Orlen Deutschland GmbH``):
    the station is the logo's brand; the same brand on both lines stays that brand."""
    receipt = extract_receipt(ocr("star\nTankstelle\nOrlen Deutschland GmbH\nStadtring 3\n25524 Itzehoe\n"
                                  "Super E5 50,00 A\nSumme 50,00\n08.07.2024"))
    assert (receipt.merchant, receipt.category) == ("star", "fuel")
    rewe = extract_receipt(ocr("REWE\nREWE Markt GmbH\nHansastr. 9\n23552 Lübeck\nChips 1,29 B\nSUMME 1,29\n"
                               "30.03.2024"))
    assert rewe.merchant == "Rewe"


def test_pump_and_price_per_litre_lines_make_fuel_and_shells_loyalty_scheme_names_shell():
    """A station named for its street prints no fuel word: its pump's number (``Pumpe 3``) and the litres times the
    price per litre say fuel, and Shell's own loyalty scheme (ClubSmart, with the member's points) names Shell."""
    receipt = extract_receipt(ocr("Station Heerstraße\nHeerstr. 400\n13593 Berlin\nPumpe 3 Shell V-Power 100 45,20 A\n"
                                  "23,10 l x 1,957 EUR/l\nSUMME 45,20\n12.06.2024\nShell ClubSmart Punkte: 45"))
    assert (receipt.merchant, receipt.category) == ("Shell", "fuel")


@pytest.mark.parametrize("row", ["Äpfel 0,884 kg x 1,49 EUR/kg 1,32", "Mineralwasser 1 l 0,79", "Pfand 0,25",
                                 "Pumpe 1 x 19,99", "Garten Pumpe 12 V 1,32", "Deko Säule 40 cm 1,32",
                                 "Spülmittel 0,750 l x 4,20 EUR/l 3,15"])
def test_a_grocers_price_per_kilo_or_a_drinks_litre_is_no_fuel(row):
    """Near cases of the pump's lines: a price per kilogram, a bottle's size with no price per litre."""
    receipt = extract_receipt(ocr(f"Hofladen Weber\nDorfstr. 2\n24105 Kiel\n{row}\nSUMME 1,32\n12.06.2024"))
    assert receipt.category != "fuel"


@pytest.mark.parametrize("header", ["Fahrrad Schmidt\nPumpe 1 x 19,99\nSUMME 19,99",
                                    "Eisenwaren Hansen\nGarten Pumpe 12 V 49,90\nSUMME 49,90"])
def test_a_pump_sold_in_a_shop_is_no_pumps_number(header):
    """A bicycle pump or a garden pump sold by the piece or by its volts: no fuel station's pump number."""
    assert extract_receipt(ocr(header + "\n12.06.2024")).category != "fuel"


@pytest.mark.parametrize(("printed", "name"), [("Apothekc am Markt", "Apotheke am Markt"),
                                               ("Eiscate Venezia", "Eiscafé Venezia")])
def test_an_independents_trade_word_one_look_alike_glyph_off_is_that_trade(printed, name):
    """A pharmacy's or an ice-cream café's trade word on its name line with one glyph misread (``Apothekc``,
    ``Eiscate``) is that word, in the name and for the category."""
    receipt = extract_receipt(ocr(f"{printed}\nMarktplatz 2\n35037 Marburg\nPflaster 2,99 A\nSumme 2,99\n"
                                  "23.11.2024"))
    assert receipt.merchant == name and receipt.category in ("pharmacy", "restaurant")


@pytest.mark.parametrize(("printed", "name"), [("NILLOY HARKET", "NILLOY MARKET"),
                                               ("Oak Hardwarc", "Oak Hardware")])
def test_a_us_shops_trade_word_one_look_alike_glyph_off_is_that_trade(printed, name):
    """A US shop's ``MARKET`` or ``Hardware`` on its name line with one glyph misread (its M read as H, an e as c)."""
    receipt = extract_receipt(ocr(f"{printed}\n95 Main Street\nSpringfield, IL 62701\nBANANAS 1.29\nTOTAL 1.29\n"
                                  "09/07/25 1:57 PM"))
    assert receipt.merchant == name


def test_a_word_a_look_alike_off_a_trade_word_but_a_letter_longer_is_not_mended():
    """Near case: ``MARKETS`` (one letter more) is a word of its own, no glyph misread."""
    receipt = extract_receipt(ocr("FARMERS MARKETS\n95 Main Street\nSpringfield, IL 62701\nBANANAS 1.29\n"
                                  "TOTAL 1.29\n09/07/25 1:57 PM"))
    assert receipt.merchant == "FARMERS MARKETS"


def test_an_owners_title_one_letter_longer_than_a_trade_word_is_not_mended():
    """Near case: ``Apotheker`` (the owner's title) has one letter more than the trade word, no glyph misread."""
    receipt = extract_receipt(ocr("APOTHEKER KLEIN\nMarktplatz 2\n35037 Marburg\nPflaster 2,99 A\nSumme 2,99\n"
                                  "23.11.2024"))
    assert receipt.merchant == "APOTHEKER KLEIN"


@pytest.mark.parametrize(("printed", "chain"), [("Getranke Hottmann", "Getränke Hoffmann"),
                                                ("Getranke Hofmann", None), ("Bäckerei Schmitt", None)])
def test_a_family_trade_chains_surname_with_look_alike_glyphs_on_an_unsure_line_is_that_chain(printed, chain):
    """On a blurred name line, a family-trade chain's surname with glyphs read as look-alikes (``Hottmann`` for
    Hoffmann) is the chain; a letter more or less (``Hofmann``) or an unlike letter (``Schmitt``, not Schmidt) is
    another family's shop."""
    receipt = extract_receipt(read_as([(printed, 0.43), ("Spandauer Damm 20", 0.8), ("14059 Berlin", 0.8),
                                       ("Wasser 5,99 A", 0.8), ("Summe 5,99", 0.8), ("21.12.2024", 0.8)]))
    assert receipt.brand_wikidata is not None if chain else receipt.brand_wikidata is None
    if chain:
        assert receipt.merchant == chain


@pytest.mark.parametrize(("logo", "chain", "currency"), [("7-ELEVE", "7-Eleven", None),
                                                          ("TRADER JOE'", "Trader Joe's", "USD")])
def test_a_chains_name_cut_at_the_papers_edge_is_that_chain_and_its_store_line_no_part_of_it(logo, chain, currency):
    """A phone photo cuts the logo's last letters at the paper's edge (``7-ELEVE``, ``TRADER JOE'``): the one chain
    whose name so begins; the branch's ``Store 2O441`` line under it is no part of the name."""
    receipt = extract_receipt(read_as([(logo, 0.3), ("Store 2O441", 0.3), ("RED BULL 3.99", 0.8),
                                       ("TOTAL 3.99", 0.8)]))
    assert receipt.merchant == chain and receipt.merchant_raw == logo
    if currency:
        assert receipt.currency == currency


def test_a_name_that_begins_a_chains_with_words_after_it_is_not_that_chain():
    """Near case: a local shop whose name begins with a chain's (``TARGET AUTO``) is its own."""
    receipt = extract_receipt(ocr("TARGET AUTO\nOIL FILTER 9.99\nTOTAL 9.99"))
    assert receipt.merchant != "Target"
    # a whole word of a chain's name, its next word not printed (WinCo's faded "Foods" over its slogan): no cut
    faded = extract_receipt(read_as([("Foods", 0.5), ("1122 N Broadway", 0.8), ("Boise, ID 83702", 0.8),
                                     ("CORN TORTILLAS .88", 0.8), ("TOTAL .88", 0.8)]))
    assert faded.merchant != "Foods Co"


@pytest.mark.parametrize(("slogan", "chain"), [("Save noney. Live bettor.", "Walmart"),
                                               ("Expect More. Pay Less.", "Target")])
def test_a_chains_own_slogan_names_it_where_its_logo_was_lost(slogan, chain):
    """Walmart and Target print their slogans under the logo; with the logo lost the slogan (OCR slips tolerated)
    names the chain, and is never itself the shop's name."""
    receipt = extract_receipt(ocr(f"{slogan}\nGV SUGAR 3.14 N\nTOTAL 3.14"))
    assert receipt.merchant == chain


def test_a_chains_logo_under_the_totals_over_its_street_address_names_the_shop():
    """A receipt photographed in two halves or folded prints its logo after the totals: with no name in the header,
    a line that is a chain's name alone over a street address names the shop; the chain's name inside an item
    (``CVS ALLERGY RELIEF``) does not."""
    receipt = extract_receipt(ocr("SUBTOTAL 22.47\nNV 8.375% TAX 1.88\nTOTAL 24.35\nMASTERCARD 24.35\n"
                                  "MC ************2009\nCHANGE 0.00\nRETURNS WITH RECEIPT THRU 05/02/2024\n"
                                  "MARCH 3, 2024 7:48 PM\nCVS/pharmacy\n3075 E TROPICANA AVE\nLAS VEGAS, NV 89121\n"
                                  "NEOSPORIN 1OZ 7.99T\nCVS ALLERGY RELIEF 9.49T\nPOWERADE 28OZ 4.99T"))
    assert receipt.merchant == "CVS Pharmacy"
    items_only = extract_receipt(ocr("CVS ALLERGY RELIEF 9.49T\n3075 E TROPICANA AVE\nTOTAL 9.49"))
    assert items_only.merchant != "CVS Pharmacy"


@pytest.mark.parametrize(("text", "not_merchant", "not_category"), [
    ("WELCOME\nThe Red Lion\n2 Pint Lager 9.00\nTOTAL 9.00\n06/12/2026", "Welcome", None),  # a greeting, no chain
    ("REGAL\nNail Spa\nTicket No. 4411\nManicure 25.00\nTOTAL 25.00", None, "cinema"),  # a ticket's number
    ("MARCO\nHair Studio\nCut 30.00\nTOTAL 30.00", "Marco's Pizza", "restaurant"),  # its own name, no 's cut
    ("Bäckerei Müller\nIm Haus\nBrezel 0,80\nSumme 0,80", "Bäckerei Müller Im Haus", None),  # the order's kind
])
def test_a_greeting_a_tickets_number_a_name_without_its_s_and_im_haus_name_no_chain_nor_place(text, not_merchant,
                                                                                             not_category):
    """Near cases of this session's name rules (the closing review): a till word other than a VAT table's, a
    salon's ticket number, a name that only lacks a chain's possessive, a bakery's dine-in line."""
    receipt = extract_receipt(ocr(text))
    assert receipt.merchant != not_merchant and (not_category is None or receipt.category != not_category)


def test_a_slips_total_read_as_a_few_of_its_digits_is_the_bill_and_the_tip():
    """The slip's total blurred to a few of its digits, less than the bill itself (``Total: 14`` for 48.14 under
    ``Tip: 9.70``): no total of its own, so the bill and the tip are what was paid."""
    assert extract_receipt(ocr(CARD_SLIP + "Tip: 9.70\nTotal: 14")).total == Decimal("48.14")


def test_a_slips_total_of_other_digits_is_not_read_as_the_bill_and_the_tip():
    assert extract_receipt(ocr(CARD_SLIP + "Tip: 9.70\nTotal: 27")).total == Decimal("38.44")


def test_a_footers_legal_name_with_a_speck_read_as_a_letter_after_its_gmbh_names_the_shop():
    """``Frischpunkt Markt Gmbhi``: a speck after the line's last letter read as an i still closes a legal form."""
    receipt = extract_receipt(ocr("""
    Bahnhofstr. 44
    20095 Hamburg
    EUR
    Joghurt Natur 0,49 B
    SUMME 0,49
    22.06.23 09:33 Kasse 05
    Vielen Dank fur Ihren Einkauf
    Frischpunkt Markt Gmbhi
    USt-IdNr DE967418787
    """))
    assert receipt.merchant == "Frischpunkt Markt GmbH"


def test_a_word_ending_in_gmbh_like_letters_inside_a_line_is_no_legal_form():
    """Only at the end of a line is a letter after ``GmbH`` a speck: ``Gmbhi Str`` names no company."""
    assert has_legal_form("Frischpunkt Markt Gmbhi") and not has_legal_form("Gmbhi Str 4")


@pytest.mark.parametrize(("text", "total"), [
    # paid with a refund card and a gift card, the total printed nowhere else: the net total is before tax
    ("IKEA\nWelcome to IKEA Edmonton\n1311 - 102 St NW Edmonton AB\nFJADRAR inner 18911 14.00 G\n"
     "SPARKA soft toy 21394 7.98 G\nLACK TV bnch 19.99 G\nNet total 41.97\nTax :\nGST 5.00 % 2.10\nTotal 44.07\n"
     "Total Items: 3\nRefund Cards 30.00 CAD\nIKEA Gift CARD 14.07 CAD\n02/13/15 11:29:09 AM 349 59", "44.07"),
    # guard: a Malaysian nett total under the sales and their tax is the amount paid
    ("KEDAI RUNCIT ANEKA\n12 Jalan Pasar\n55100 Kuala Lumpur\n21/06/2018 13:02\nBERAS 10KG 45.00\n"
     "MINYAK 5KG 44.94\nTOTAL SALES (EXCL GST) 89.94\nGST 6% 5.40\nNETT TOTAL 95.34\nCASH 100.00\nCHANGE 4.66",
     "95.34"),
])
def test_a_net_total_then_its_tax_make_the_total_printed_once_under_them(text, total):
    """``Net total 41.97`` / ``GST 5.00 % 2.10`` / ``Total 44.07``: the total; ``TOTAL SALES (EXCL GST)`` /
    ``GST 6%`` / ``NETT TOTAL 95.34``: the nett total."""
    assert extract_receipt(ocr(text)).total == Decimal(total)


def test_what_markdowns_saved_under_a_grand_total_label_is_not_the_total():
    """``SAVING GRAND TOTAL $1.30`` under ``TOTAL SALES $9.38``: a strong label, but what was saved."""
    lines = ocr("LUCKY 97 SUPERMARKET\n10725-97 Street Edmonton AB T5H 2L9\n001-003 4/6/2015 12:14:47\n"
                "LETTUCE - HEAD $1.98\nMarkdown : $1.30\nDW ARROW ROOT STARCH $3.29 *\nNON FOODS $4.99 G*\n"
                "Net Sales $9.13\nGST [$4.99] $0.25\nTOTAL SALES $9.38\nSUB TOTAL $9.38\nMasterCard $9.38\n"
                "Item count 3\nTemporary markdown $1.30\nSAVING GRAND TOTAL $1.30")
    assert extract_receipt(lines).total == Decimal("9.38")


def test_a_tip_guides_row_tail_split_onto_its_own_line_is_no_bill():
    """``Suggested Additional Tip:`` rows, one split in two (``Total $2,706.05)`` over ``+5%: (Tip $97.20``): the tail
    is a row's, the bill is the total above the guide."""
    lines = ocr("Gravitas\nServer: Rahel T\n12/29/23 6:47 PM\n6-Course Tasting $1,320.00\nRiesling $272.00\n"
                "Yan I Am $352.00\nSubtotal $1,944.00\n22% Gratuity (22.00%) $427.68\nDC Tax $237.17\n"
                "Total $2,608.85\nSuggested Additional Tip:\n+2%: (Tip $38.88 Total $2,647.73)\n"
                "+3%: (Tip $58.32 Total $2,667.17)\n"
                "Total $2,706.05)\n+5%: (Tip $97.20\n+7%: (Tip $136.08 Total $2,744.93)")
    assert extract_receipt(lines).total == Decimal("2608.85")


@pytest.mark.parametrize(("tip", "total"), [
    ("TIP", "43.82"), ("TIP 10.00", "53.82"), ("TIP 10.00\nTOTAL 53.82", "53.82"),
])
def test_a_slips_subtotal_under_its_amount_and_tax_already_holds_the_tax(tip, total):
    """``AMOUNT 40.48`` / ``TAX 3.34`` / ``SUBTOTAL 43.82`` over a blank or written tip: the subtotal is the bill with
    its tax (the amount and the tax above it make it), not a sum the tax is added to again (47.16)."""
    slip = f"LONGHORN GRILL 354\nLewisville TX 75067\nDATE 7/07/14 TIME 8:20:48PM\nVISA XXXXXXXXXXX6622\n" \
           f"AUTH 287522 TBL 44 CHECK 885654\nAMOUNT 40.48\nTAX 3.34\nSUBTOTAL 43.82\n{tip}\nTOTAL\nCUSTOMER COPY"
    assert extract_receipt(ocr(slip)).total == Decimal(total)


def test_a_subtotal_holding_its_tax_over_a_discount_and_a_cash_paid_balance_is_no_total():
    """Guard: ``Subtotal 10.34`` (``Amount 9.50`` and ``Tax 0.84`` above it) over an unsigned coupon and a balance
    paid in cash: what the cash paid is the total, not the subtotal."""
    receipt = "SLICE HOUSE\nAustin, TX 78701\n10/19/24 6:00 PM\nAmount 9.50\nTax 0.84\nSubtotal 10.34\n" \
              "Coupon 2.00\nBalance 8.34\nCash 10.00\nChange 1.66"
    assert extract_receipt(ocr(receipt)).total == Decimal("8.34")


@pytest.mark.parametrize("guide", ["TIP GULDE\n157 12.95\n18. 101.89", "Tip Guide\n15 12.95\n20 103.62"])
def test_a_tip_guides_rows_whose_percent_and_total_label_were_lost_are_no_total(guide):
    """``18. 115.29`` under ``TIP GULDE``: a share opening a row and what the bill comes to with it, no total; the
    bill's own total stands above them, its label lost (and the subtotal's and the tax's garbled)."""
    check = f"COPPER KETTLE\n1578 Route 9\nColumbus, OH 43215\nJun 01 '25 7:30pm\n2 Chicken Wings 25.98\n" \
            f"3 Lasagna 53.97\nSubeTotat 79. 95\nSales  ax 6.40\n86.35\n{guide}\nMERCHANT COPY"
    assert extract_receipt(ocr(check)).total == Decimal("86.35")


def test_a_subtotal_its_prices_make_as_read_keeps_its_first_digit_under_a_misread_slip():
    """``Sub Total 46.50`` under 14.25, 1.00, 28.50 and 2.75, an auto gratuity's amount garbled, the slip's amount
    ``58.13`` read without its 5: the subtotal keeps its 4 (not 6.50 + 3.26 = 9.76), the slip's total stands."""
    check = "MAPLE STREET DINER\n6032 Ocean Ave\nAustin, TX 78701\nServer: Josh Table: 4\nFish Tacos 14.25\n" \
            "extra cheese 1.00\nCaesar Salad 28.50\nCoke 2.75\nSub Total 46.50\nSales Tax 3.26\n" \
            "Auto Grat 189 8737\nTOTal 58.13\n12/21/2023 7:31 PM\nAMEX XXXXXXXXXXXX5945\nChip Read APPROVED\n" \
            "Amount 58. 13\nTip 11.63\nTotal 69.76\nThank you ! Come again"
    assert extract_receipt(ocr(check)).total == Decimal("69.76")


@pytest.mark.parametrize(("bill", "rows", "total"), [
    ("2 Burger 49.78\nSubtotal 49.78\nTax 4.10", "Suggested Gratuity\n18% 9.70 20% 10.78\nTbl 22 Chk 5510\n22 53.88",
     "53.88"),
    ("2 Burger 31.06\nSubtotal 31.06\nTax 2.56", "Tip Guide\n18% 5.59 20% 6.21\n12 33.62\nServer 12", "33.62"),
])
def test_a_table_or_servers_number_before_a_total_whose_label_was_lost_is_no_guide_row(bill, rows, total):
    """Guard: ``22 53.88`` under a guide's % row is no row of rising shares: the bill's total, its label lost."""
    check = f"HARBOR GRILL\nAustin, TX 78701\n10/19/24 6:00 PM\n{bill}\n{rows}"
    assert extract_receipt(ocr(check)).total == Decimal(total)
