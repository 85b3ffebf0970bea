"""Line items (#14 part 6) on OCR-line fixtures written as EasyOCR returns them: German discounter
layouts, count lines, deposits and empties, lines that are no items, and US restaurant quantities."""
from decimal import Decimal

import pytest

from parse.extract import extract_receipt
from parse.items import summary_line
from parse.types import OcrLine


def ocr(text: str) -> list[OcrLine]:
    """One OcrLine per non-empty line; leading spaces of a row indent its box (one space, 12 px)."""
    rows = [row for row in text.strip("\n").splitlines() if row.strip()]
    lines = []
    for i, row in enumerate(rows):
        left = 10 + 12 * (len(row) - len(row.lstrip()))
        lines.append(OcrLine(row.strip(), box=(left, 30 * i, left + 12 * len(row.strip()), 30 * i + 24),
                             confidence=0.8))
    return lines


def items(text: str) -> list[tuple[str, Decimal | None, Decimal | None, Decimal]]:
    return [(i.description, i.quantity, i.unit_price, i.amount) for i in extract_receipt(ocr(text)).items]


def amounts(text: str) -> list[Decimal]:
    return [i.amount for i in extract_receipt(ocr(text)).items]


def test_a_discounters_price_column_with_tax_classes_counts_deposits_and_empties():
    receipt = extract_receipt(ocr("""
ALDI SÜD
Kassenstr. 4
45127 Essen
EUR
Milch 1,5% 0,79 A
2 x 0,69
Joghurt Natur 1,38 A
Bananen 1,69 A
Mineralwasser 0,19*A
Pfand 0,25*C
Leergut 0,75 C
Summe 3,55
Geg. Bar 10,00
Rückgeld 6,45
Steuer % Netto Steuer Brutto
A 7% 3,78 0,26 4,04
Posten: 6
02.03.24 15:59 4711 0815
"""))
    assert [(i.description, i.quantity, i.amount) for i in receipt.items] == [
        ("Milch 1,5%", None, Decimal("0.79")), ("Joghurt Natur", Decimal(2), Decimal("1.38")),
        ("Bananen", None, Decimal("1.69")), ("Mineralwasser", None, Decimal("0.19")),
        ("Pfand", None, Decimal("0.25")), ("Leergut", None, Decimal("-0.75"))]  # empties back: money back
    assert sum(i.amount for i in receipt.items) == receipt.total


def test_count_lines_under_or_before_their_item_in_every_spelling():
    assert items("""
EDEKA Frischemarkt
Apfelsaft 1,98 B
2 Stk x 0,99
2 X 0,69
Quark 1,38 B
Brezel 0,90 B
3 St. x 0,30
SUMME EUR 4,26
""") == [("Apfelsaft", Decimal(2), Decimal("0.99"), Decimal("1.98")),
         ("Quark", Decimal(2), Decimal("0.69"), Decimal("1.38")),
         ("Brezel", Decimal(3), Decimal("0.30"), Decimal("0.90"))]


def test_a_count_line_with_its_amount_under_the_item_is_no_item_of_its_own():
    assert items("""
EDEKA Frischecenter
Hauptstraße 3
12345 Musterstadt
Milch 3,5% 2,38 B
  2 x 1,19 2,38
Butter 1,99 B
SUMME 4,37
""") == [("Milch 3,5%", Decimal(2), Decimal("1.19"), Decimal("2.38")), ("Butter", None, None, Decimal("1.99"))]


def test_unit_price_times_count_beside_the_name():
    """LIDL and NETTO print ``name unit x count amount``; OCR may lose the count."""
    assert items("""
LIDL
Mineralwasser 0,69 x 2 1,38 A
Fairtrade Rosen 2,99 X 11,96 A
Gurken 0,49 A
zu zahlen 13,83
""") == [("Mineralwasser", Decimal(2), Decimal("0.69"), Decimal("1.38")),
         ("Fairtrade Rosen", Decimal(4), Decimal("2.99"), Decimal("11.96")),
         ("Gurken", None, None, Decimal("0.49"))]


def test_a_tax_class_glued_to_the_price_as_a_third_decimal_is_no_cent():
    assert amounts("""
NETTO Marken-Discount
Toastbrot 2,498
Zahnpasta 1,451
Summe EUR 3,94
""") == [Decimal("2.49"), Decimal("1.45")]


def test_the_price_on_the_line_under_the_name():
    assert items("""
REWE Markt GmbH
Vollkornbrot Dinkel
2,49 B
Bananen 1,2 kg
1,79 B
SUMME EUR 4,28
""") == [("Vollkornbrot Dinkel", None, None, Decimal("2.49")), ("Bananen 1,2 kg", None, None, Decimal("1.79"))]


@pytest.mark.parametrize("line", [
    "Summe EUR 3,50", "Zwischensumme 5,76", "MwSt 19% 0,56", "Netto 2,94", "Brutto 3,50", "Steuer 0,56",
    "Geg. Bar 20,00", "Geg. EC-Karte EUR 11,71", "Rückgeld 5,64", "Zurück 5,64", "EC-Cash 3,50",
    "Kartenzahlung 3,21", "Kartenzahlung girocard", "Betrag EUR 3,21", "Gesamt EUR 3,21", "Sie sparen 0,40",
    "Anzahl Artikel 12", "Posten: 5", "SALE AUD 43.80", "CUSTOMER COPY", "Terminal-ID 56002717",
    "PRECIO KILO 6.30",  # the price per kilo under a weighed item
])
def test_total_payment_and_terminal_lines_are_no_items(line):
    assert summary_line(line)


@pytest.mark.parametrize("line", ["81,10 52.20", "10 2.00", "Pfand 0,25", "Bananen 1,69 A", "Kaffee Crema 4,99"])
def test_prices_and_items_are_no_summary_lines(line):
    assert not summary_line(line)


def test_a_terminal_slip_printed_under_the_items_hides_no_item():
    """The card slip (with the purchase date) stands between the items and the subtotal."""
    receipt = extract_receipt(ocr("""
The Pancake Parlour
Bourke St
Bavarian Apple 18.90
Chicken Tenders 24.90
NAB EFTPOS
CUSTOMER COPY
MAY 08, 17 13:46
ACCOUNT TYPE CREDIT
SALE AUD 43.80
APPROVED 00
SUBTOTAL 43.80
TOTAL 43.80
"""))
    assert [(i.description, i.amount) for i in receipt.items] == [
        ("Bavarian Apple", Decimal("18.90")), ("Chicken Tenders", Decimal("24.90"))]


def test_a_discount_read_through_look_alikes_takes_money_off_and_is_no_modifier():
    assert items("""
Lidl
Frühkart. 2,5kg 2,69 A
      Preisvortei] 0,30
Gurken 0,95 A
zu zahlen 3,34
""") == [("Frühkart. 2,5kg", None, None, Decimal("2.69")), ("Preisvortei]", None, None, Decimal("-0.30")),
         ("Gurken", None, None, Decimal("0.95"))]


@pytest.mark.parametrize("end", ["Subtota 11,98", "Subtota\" 11,98", "TAXABLE2 11.98", "Surnme 11,98",
                                 "Gesamtsumme 11,98"])
def test_the_items_end_at_a_subtotal_label_with_a_letter_lost_or_a_tax_class_glued(end):
    assert amounts(f"""
ROSS DRESS FOR LESS
US ARMY ONE KNOT 2.99 R
COTTON FLOOR MAT 8.99 R
{end}
TAX 1.05
TOTAL 13.03
""") == [Decimal("2.99"), Decimal("8.99")]


def test_names_right_of_a_count_column_are_items_not_modifiers():
    """``2 Roll Set`` prints its count left of the names; ``Zaru Soba`` under it is an item."""
    assert items("""
Charcoal Grill Diner
2 Roll Set 17.80
  Tori Soboro Don 6.80
  Zaru Soba 4.80
3 Curry Udon 17.40
  Gomaae 3.50
Subtotal 50.30
""") == [("Roll Set", Decimal(2), Decimal("8.90"), Decimal("17.80")),
         ("Tori Soboro Don", None, None, Decimal("6.80")), ("Zaru Soba", None, None, Decimal("4.80")),
         ("Curry Udon", Decimal(3), Decimal("5.80"), Decimal("17.40")), ("Gomaae", None, None, Decimal("3.50"))]


def test_lines_of_a_slanted_photo_are_no_modifiers():
    """A few lines start further left (the photo's slant): the lines at the usual left are items."""
    assert amounts("""
KENYON'S MEAT MARKET
MEAT FT2 10.05
           MEAT FT2 5.96
MEAT FT2 4.30
           GROCERY FT2 6.00
           MEAT FT2 15.95
           MEAT FT2 6.01
TAXABLE 48.27
""") == [Decimal("10.05"), Decimal("5.96"), Decimal("4.30"), Decimal("6.00"), Decimal("15.95"), Decimal("6.01")]


def test_a_price_alone_under_an_item_read_at_zero_is_its_price():
    assert items("""
PURNIMA RESTAURANT
Garlic Naan $4.00
Chicken Vindaloo Hot $0.00
                               $15.00
Subtotal $19.00
""") == [("Garlic Naan", None, None, Decimal("4.00")), ("Chicken Vindaloo Hot", None, None, Decimal("15.00"))]


def test_a_price_whose_digits_ocr_read_as_letters():
    assert amounts("""
EL GRECO
Filet de poitrine 14.50
Brochette agneau 17.Co
BANANA SINGLE EO.20
ORGANIC MILK 1.5OZ
TOTAL 31.70
""") == [Decimal("14.50"), Decimal("17.00"), Decimal("0.20")]  # "1.5OZ" is a size


def test_an_item_price_whose_currency_sign_ocr_read_as_a_digit():
    """``£3.95`` read as ``83.95``: read without the digit only where the items then add up."""
    assert amounts("""
La Banca
2 x Olive Marinate 6.50
1 x Gelati E Sorbetti 83.95
1 x Beefeater Gin 2.65
Total to Pay 13.10
""") == [Decimal("6.50"), Decimal("3.95"), Decimal("2.65")]
    assert amounts("""
La Banca
Gelati E Sorbetti 83.95
Beefeater Gin 2.65
Total to Pay 90.00
""") == [Decimal("83.95"), Decimal("2.65")]  # nothing adds up: as printed


def test_a_count_of_one_read_as_a_letter_and_a_labelled_date_line():
    assert items("""
ILIO'S Restaurant
Datum: .07 . 13 21;52 Tisch: 102
Ix Gyros 8,90
lx Tee 2,10
DATE PALM SUGAR 3,50
Sume; Eur 14,50
""") == [("Gyros", Decimal(1), Decimal("8.90"), Decimal("8.90")), ("Tee", Decimal(1), Decimal("2.10"), Decimal("2.10")),
         ("DATE PALM SUGAR", None, None, Decimal("3.50"))]


def test_a_quantity_before_the_name_on_a_us_restaurant_receipt():
    receipt = extract_receipt(ocr("""
THE DINER
Server: Amy Table 4
2 Burger 17.98
1 Fries 3.49
    Extra Cheese 0.50
3 Soda 5.97
Subtotal 27.94
Tax 2.31
Total 30.25
"""))
    assert [(i.description, i.quantity, i.amount) for i in receipt.items] == [
        ("Burger", Decimal(2), Decimal("17.98")), ("Fries, Extra Cheese", Decimal(1), Decimal("3.99")),
        ("Soda", Decimal(3), Decimal("5.97"))]
    assert receipt.flags["items_sum_to_subtotal"]


def test_an_item_printed_by_its_code_first_makes_no_price_first_layout_of_named_items():
    """Items that print a name beside their price outnumber the price lines: no name is paired with
    the price line above it (``Kundenkarte`` is no item)."""
    assert items("""
Netto Marken-Discount
Hauptstr. 5
4011 2 0,69 1,38
Buttermilch 1,38 A
Zucker 0,85 A
Kundenkarte
Summe EUR 3,61
""") == [("4011 2", Decimal(2), Decimal("0.69"), Decimal("1.38")), ("Buttermilch", None, None, Decimal("1.38")),
         ("Zucker", None, None, Decimal("0.85"))]
