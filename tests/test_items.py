"""Line items (#14 part 6) on OCR-line fixtures written as EasyOCR returns them: German discounter
layouts, count lines, deposits and empties, lines that are no items, and US restaurant quantities."""
from decimal import Decimal

import pytest

from parse.extract import extract_receipt
from parse.items import summary_line
from parse.types import OcrLine, Receipt

from test_extract import read_as


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


def test_a_dollar_sign_read_as_s_before_a_price_is_no_digit_and_no_part_of_the_name():
    """``Chicken Vindaloo Hot SO. 00``: $0.00 with its sign read as S and its zero as O (not 50.00), the
    price under it the item's; ``Garlic Naan S8.00``: the name ends before the sign."""
    assert items("""
PURNIMA RESTAURANT
Garlic Naan S8.00
Chicken Vindaloo Hot SO. 00
                               S15.00
Coconut Soup S4.00
Subtotal S27.00
""") == [("Garlic Naan", None, None, Decimal("8.00")), ("Chicken Vindaloo Hot", None, None, Decimal("15.00")),
         ("Coconut Soup", None, None, Decimal("4.00"))]


@pytest.mark.parametrize("saving", ["Savings 1.50-", "Card Savings -1.50"])
def test_a_saving_taken_off_among_the_items_is_an_item_and_what_the_savings_came_to_is_not(saving):
    assert amounts(f"""
SAFEWAY
San Francisco CA
LUCERNE BUTTER 5.99
{saving}
MILK 3.49
BALANCE 7.98
YOU SAVED 1.50
""") == [Decimal("5.99"), Decimal("-1.50"), Decimal("3.49")]


_SIE_SPAREN = """
FRISCHEHOF
Lindenallee 55
70173 Stuttgart
EUR
JOGHURT MILD 1,18 B
2 Stk X 0,59
{saving}
BUTTER 1,99 B
SUMME EUR {total}
Geg. Bar EUR 5,00
"""


@pytest.mark.parametrize("saving", ["Sie sparen -0,24 B", "Sie sparen ~0,24 8"])
def test_a_german_sie_sparen_under_its_item_takes_the_saving_off(saving):
    """``Sie sparen -0,24 B`` under its item: a saving the sum takes off, its minus maybe read as a tilde."""
    assert amounts(_SIE_SPAREN.format(saving=saving, total="2,93")) == [
        Decimal("1.18"), Decimal("-0.24"), Decimal("1.99")]


def test_a_lost_count_line_with_a_stray_letter_after_stk_still_counts_the_item_below():
    """``Stkex 1,69`` over ``Bananen 6,76 A``: ``4 Stk x 1,69``, its count lost and a glyph glued to Stk."""
    assert items("""
FRISCHPUNKT
EUR
Stkex 1,69
Bananen 6,76 A
Toastbrot 1,19 A
SUMME 7,95
""") == [("Bananen", Decimal("4"), Decimal("1.69"), Decimal("6.76")), ("Toastbrot", None, None, Decimal("1.19"))]


def test_a_sie_sparen_with_a_minus_and_no_tax_class_says_what_the_sale_price_saved():
    """Guard: ``Sie sparen -0,40`` under ``Butter 1,79 A`` with no tax class: what the sale price already saved
    (the items make the SUMME without it), not a line of the sum's."""
    receipt = extract_receipt(ocr("FRISCHEHOF\nEUR\nButter 1,79 A\nSie sparen -0,40\nMilch 1,19 A\nSUMME 2,98\n"))
    assert sum(item.amount for item in receipt.items) == Decimal("2.98")


def test_a_sie_sparen_with_no_minus_stays_no_item():
    """Guard: ``Sie sparen 0,24 B``, no sign before it, says what was saved: no line of the sum's."""
    assert amounts(_SIE_SPAREN.format(saving="Sie sparen 0,24 B", total="3,17")) == [Decimal("1.18"), Decimal("1.99")]


def test_a_packs_count_read_with_a_small_o_is_no_quebec_tax():
    """``Eier Bodenh. oSt 2,29 B``: the pack's ``10St``, its 1 lost and its 0 read as o, is no QST line."""
    assert amounts("""
Sparfix KG
EUR
Apfelschorle 0,69 A
Eier Bodenh . oSt 2,29 B
Spaghetti 1,78 B
SUMME 4,76
""") == [Decimal("0.69"), Decimal("2.29"), Decimal("1.78")]


def test_a_quebec_tax_line_read_with_a_capital_o_stays_no_item():
    """Guard: ``OST 0.99`` (QST, its Q read as O) under the items is the tax, not an article."""
    assert amounts("""
Depanneur Lavoie
Montreal QC
POUTINE 9.99
TPS 0.50
OST 0.99
TOTAL 11.48
""") == [Decimal("9.99")]


def test_a_multibuy_line_counts_the_item_above_and_an_article_number_opens_an_item_wherever_it_starts():
    assert items("""
Walmart
ST# 02314
DORITOS 002840031401 5.00 X
2 AT 1 FOR 2.50
MILK 3.42 N
SUBTOTAL 8.42
""") == [("DORITOS 002840031401", Decimal("2"), Decimal("2.50"), Decimal("5.00")), ("MILK", None, None, Decimal("3.42"))]
    lines = ocr("""
COSTCO WHOLESALE
E 22222 ROTISSERIE CHKN 4.99
111222 KS WATER 40PK 4.49 A
SUBTOTAL 9.48
""")
    water = lines[2]
    lines[2] = OcrLine(water.text, box=(water.box[0] + 36, water.box[1], water.box[2] + 36, water.box[3]),
                       confidence=water.confidence)  # its flag column empty: three characters right
    assert [i.amount for i in extract_receipt(lines).items] == [Decimal("4.99"), Decimal("4.49")]


def test_a_pack_size_after_the_count_is_part_of_the_name_not_the_quantity():
    assert items("""
McDonald's
09/01/2016 12:15 PM
1 6pc McNuggets 4.99
2 10pc McNuggets 11.98
Kabelbinder 100St 3,29
Subtotal 20.26
""") == [("6pc McNuggets", Decimal("1"), Decimal("4.99"), Decimal("4.99")),
         ("10pc McNuggets", Decimal("2"), Decimal("5.99"), Decimal("11.98")),
         ("Kabelbinder 100St", None, None, Decimal("3.29"))]


def test_a_note_of_the_regular_price_or_the_return_value_under_an_item_is_no_item():
    assert amounts("""
Walgreens
Los Angeles, CA 90026
ADVIL 24CT 6.99
  3.00 OFF RETAIL -3.00
  REGULAR PRICE 9.99
NATURE MADE D3 9.49 B
  RETURN VALUE 9.49
SUBTOTAL 13.48
""") == [Decimal("6.99"), Decimal("-3.00"), Decimal("9.49")]
    # a fuel's grade or a dish's size with its price is the item, not a note
    assert amounts("SHELL\nPREPAY FUEL\nREG 40.00\nTOTAL 40.00") == [Decimal("40.00")]
    assert amounts("Dominos\n1 Pepperoni Pizza\nREG 12.99\nTOTAL 12.99") == [Decimal("12.99")]


def test_a_tax_flag_x_after_the_price_is_no_count():
    assert items("""
SUPERCENTER STORE #5260
BREAD WHT 007225003712 F 2.50 N
PAPER TOWELS 003600040912 9.97 X
2 X 1.50 BAGELS 3.00 X
SUBTOTAL 15.47
""") == [("BREAD WHT 007225003712 F", None, None, Decimal("2.50")),
         ("PAPER TOWELS 003600040912", None, None, Decimal("9.97")),
         ("BAGELS", Decimal("2"), Decimal("1.50"), Decimal("3.00"))]


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


def test_compound_and_foreign_discount_words_take_money_off():
    """``Sofortrabatt``, ``Mengenrabatt`` (German compounds), ``Descuento``, ``Korting``, ``Sconto``:
    printed without their minus, they are reductions all the same."""
    assert amounts("""
Kaufland
Vollmilch 3,5% 1,29 A
Sofortrabatt 0,20 A
Hafermilch 1,99 A
Mengenrabatt 0,30
Summe 2,78
""") == [Decimal("1.29"), Decimal("-0.20"), Decimal("1.99"), Decimal("-0.30")]
    assert amounts("""
SUPERMERCADO LA PLAZA
PAN INTEGRAL 1,10
Descuento 0,15
AGUA MINERAL 0,55
Korting 0,05
Sconto 10% 0,10
TOTAL 1,35
""") == [Decimal("1.10"), Decimal("-0.15"), Decimal("0.55"), Decimal("-0.05"), Decimal("-0.10")]


def test_a_coupon_named_beside_other_words_takes_money_off_where_the_items_then_add_up():
    assert amounts("""
KROGER
LAUNDRY DETERGENT 11.49
MFR COUPON 1.50
STORE COUPON SAVE 0.75
APPLES 2.30
SUBTOTAL 11.54
TOTAL 11.54
""") == [Decimal("11.49"), Decimal("-1.50"), Decimal("-0.75"), Decimal("2.30")]
    assert amounts("""
KROGER
COUPON BINDER 4.99
APPLES 2.30
SUBTOTAL 7.29
TOTAL 7.29
""") == [Decimal("4.99"), Decimal("2.30")]  # a coupon binder bought: the items add up as printed


@pytest.mark.parametrize(("subtotal", "expected"), [
    ("SUBTOTAL 11.15\nSALES TAX 0.92\nTOTAL 12.07", ["9.97", "1.18"]),  # the items add up without it
    ("SUBTOTAL 7.15\nSALES TAX 0.59\nTOTAL 7.74", ["9.97", "-4.00", "1.18"]),  # with it taken off
])
def test_a_savings_note_under_a_sale_price_is_no_article_where_the_items_add_up_without_it(subtotal, expected):
    """``NLP Savings $4.00`` under an item whose price already took it off: the items add up without it, not with it
    taken off; a saving the items only add up with taken off stays a reduction."""
    receipt = f"HARDWARE DEPOT\n10/17/18 09:03 AM\n037103136480 SNIP LEFT 9.97\nNLP Savings $4.00\n" \
              f"045242268061 BLADES 1.18\n{subtotal}"
    assert amounts(receipt) == [Decimal(value) for value in expected]


def test_a_restaurant_discount_whose_minus_ocr_lost_or_read_as_an_equals_sign_takes_money_off():
    assert amounts("""
HARBOR LIGHT TAVERN
2 Lasagna 35.98
1 Coffee 2.50
Happy Hour =S7.50
SUBTOTAL 30.98
TOTAL 33.54
""") == [Decimal("35.98"), Decimal("2.50"), Decimal("-7.50")]
    assert amounts("""
GOLDEN SPOON BISTRO
2 Margarita 18.00
1 Pad Thai 13.95
Happy Hour S2.00
Comp Manager 5.00
SUBTOTAL 24.95
TOTAL 27.01
""") == [Decimal("18.00"), Decimal("13.95"), Decimal("-2.00"), Decimal("-5.00")]


def test_a_diy_stores_article_lines_counted_on_the_line_under_them():
    """Article number and name on one line; count, unit price and amount with a tax class under it:
    a count glued to its unit (``5ST``, not the tax ``SST``), an amount whose tax class 1 OCR read as
    litres (``118 ,00 L``): count x unit price."""
    assert amounts("""
WERKHOF
Art.-Nr. Bezeichnung Menge Preis Betrag
3120378 Akkuschrauber 18V
5ST X 59,00 295, 00 1
4803357964999 Schlagbohrer
2 ST X 59,00 118 ,00 L
749750 Arbeitshandschuhe
5 ST x 3,95 19,75 1
Summe EUR 432,75
""") == [Decimal("295.00"), Decimal("118.00"), Decimal("19.75")]


def test_the_count_line_under_an_article_says_its_count_not_a_pack_size_in_its_name():
    receipt = extract_receipt(ocr("""
WERKHOF
Art.-Nr. Bezeichnung Menge Preis Betrag
4103936669177 Kabelbinder 100St
5 ST x 3,29 16,45 1
Summe EUR 16,45
"""))
    assert [(item.amount, item.quantity, item.unit_price) for item in receipt.items] == [
        (Decimal("16.45"), Decimal("5"), Decimal("3.29"))]


def test_a_discount_compound_split_by_ocr_takes_money_off():
    """Whether or not the items add up to the sum read (here they do not)."""
    assert amounts("""
PFLEGEPUNKT
WATTEPADS 1,70 A
Aktionsrabatt 0,34 A
DUSCHGEL SENSITIV 0,95 A
Aktions rabatt ~0,19
HANDCREME 1,75 A
SUMME EUR 9,99
""") == [Decimal("1.70"), Decimal("-0.34"), Decimal("0.95"), Decimal("-0.19"), Decimal("1.75")]


def test_a_tax_named_last_before_its_amount_is_no_item():
    receipt = extract_receipt(ocr("""
RIVERSIDE TAPHOUSE
1 PALE ALE 6.50
1 FISH TACOS 13.00
FOOD TAX 1.14
LIQUOR TAX 0.59
SUB-TOTAL 21.23
TOTAL 21.23
"""))
    assert [i.description for i in receipt.items] == ["PALE ALE", "FISH TACOS"]
    assert amounts("""
BRASSERIE DU PORT
Moules Frites 16,50
Pression 5,20
Dont TVA 3,31
Somme 21,70 EUR
""") == [Decimal("16.50"), Decimal("5.20")]


def test_a_count_printed_after_the_name():
    """Tablet POS systems (Square, Shopify) print ``Latte x 2`` and the line's amount."""
    assert items("""
NORTHSIDE ROASTERS
Flat White x 2 9.50
Almond Croissant (x3) 12.75
Drip Coffee 3.25
Subtotal 25.50
""") == [("Flat White", Decimal(2), Decimal("4.75"), Decimal("9.50")),
         ("Almond Croissant", Decimal(3), Decimal("4.25"), Decimal("12.75")),
         ("Drip Coffee", None, None, Decimal("3.25"))]


def test_a_count_printed_with_decimals_before_the_name():
    """Spanish and Italian bar tickets print the units as ``2,00`` before the name."""
    assert items("""
CERVECERIA SANTA ANA
2,00 Caña 4,40
1,00 Tortilla Española 7,50
3,00 Café con leche 1,60 4,80
TOTAL 16,70
""") == [("Caña", Decimal(2), Decimal("2.20"), Decimal("4.40")),
         ("Tortilla Española", Decimal(1), Decimal("7.50"), Decimal("7.50")),
         ("Café con leche", Decimal(3), Decimal("1.60"), Decimal("4.80"))]


def test_a_price_whose_units_ocr_lost_is_read_where_the_items_then_add_up():
    """``TE VERDE 35`` is 1,35 (a ``1,`` lost): the total says which units."""
    assert items("""
CAFETERIA LUNA
BOCADILLO JAMON 4,50
TE VERDE 35
ZUMO NARANJA 2,80
TOTAL 8,65
""") == [("BOCADILLO JAMON", None, None, Decimal("4.50")), ("TE VERDE", None, None, Decimal("1.35")),
         ("ZUMO NARANJA", None, None, Decimal("2.80"))]
    assert amounts("""
CAFETERIA LUNA
BOCADILLO JAMON 4,50
TE VERDE 35
ZUMO NARANJA 2,80
TOTAL 9,10
""") == [Decimal("4.50"), Decimal("2.80")]  # 1.80 missing: no single lost digit explains it


def test_prices_that_each_lost_a_thin_one_are_read_where_the_items_then_add_up():
    """OCR drops the thin ``1`` with the separator after it on several lines of one receipt (a
    discounter's ``Dill '39 B``, a drug store's ``99T`` with its tax flag glued on): each is a 1,
    where that makes the items hit the total exactly, and only then."""
    lidl = """
LIDL
Dill '39 B
Cocktailtomaten 49 A
Rucola 125g 0,85 A
Zwiebeln rot '99 A
Gurken 1,90 A
SUMME {}
"""
    assert amounts(lidl.format("7,62")) == [Decimal("1.39"), Decimal("1.49"), Decimal("0.85"), Decimal("1.99"),
                                            Decimal("1.90")]
    assert amounts(lidl.format("6,62")) == [Decimal("0.85"), Decimal("1.90")]  # two lost a 1: which two?
    assert amounts("""
CVS/pharmacy
CVS TRVL TB CRSTTP 1CT 99T
PMPR SNSTV POUCH 18CT 57t
OPTI-FREE PM 2Z 3.29T
SUBTOTAL 6.85
""") == [Decimal("1.99"), Decimal("1.57"), Decimal("3.29")]


def test_cents_left_of_lost_prices_and_a_name_printed_over_its_priced_twin():
    """A grocery printing one line per article: ``BOLSA PAPEL`` lost its price beside its twin,
    ``PAN 55`` and ``SAL 32`` their ``0,``."""
    assert amounts("""
SUPERMERCADO EL SOL
BOLSA PAPEL
BOLSA PAPEL 0,10
ACEITE GIRASOL 2,15
PAN 55
SAL 32
TOTAL A PAGAR 3,22
""") == [Decimal("0.10"), Decimal("0.10"), Decimal("2.15"), Decimal("0.55"), Decimal("0.32")]


def test_the_one_item_whose_price_was_read_as_the_total_is_an_item():
    """The TOTAL line's amount is garbled (``ToTaL: 20``, its last digits left): the total was read
    from the item's line, and the items run to the label below it."""
    receipt = extract_receipt(ocr("""
CAFE DU PARC
Caissier: 12
Date: 14/03/2019 09:12
CHOCOLAT CHAUD 4.20
ToTaL: 20
Dont TVA 0.38
Especes 10
Rendu 80
"""))
    assert (receipt.total, [(i.description, i.amount) for i in receipt.items]) == (
        Decimal("4.20"), [("CHOCOLAT CHAUD", Decimal("4.20"))])


def test_a_count_on_a_name_line_whose_price_stands_on_the_row_below():
    assert items("""
Gasthaus zur Krone
2x Weissbier 0,5l
                          9,20
1 Schnitzel Wiener Art
                          14,90
Summe 24,10
""") == [("Weissbier 0,5l", Decimal(2), Decimal("4.60"), Decimal("9.20")),
         ("Schnitzel Wiener Art", Decimal(1), Decimal("14.90"), Decimal("14.90"))]


@pytest.mark.parametrize("line", [
    "Especes 20,00", "Rendu 1,50", "CB 12,40", "Carte Bancaire 12,40", "Prix HT 11,27", "Efectivo 20,00",
    "Cambio 6,30", "Entregado 20,00", "Pago con tarjeta 12,40", "Base Imponible 11,27", "Cuota 1,13",
    "Contant 20,00", "PIN 12,40", "Wisselgeld 7,60", "Contanti 20,00", "Resto 5,15", "Bancomat 12,40",
    "Kreditkarte 12,40", "Wechselgeld 1,20", "AMEX 12.40",
    "YOU SAVED $2.00 TODAY", "Your Savings 2.00", "Gesamter Preisvorteil 4,44", "Usted ahorra 1,20",
    "Vous economisez 2,00", "U bespaart 1,00",  # what the discounts came to
    "CASH RM 106.28", "CHANGE RM 47.00", "Karta PLN 12,48",  # a currency code beside the label
])
def test_french_spanish_dutch_and_italian_payment_and_savings_lines_are_no_items(line):
    assert summary_line(line)


@pytest.mark.parametrize("line", ["Café con leche 1,60", "Pizza Base 3,00", "Carte des vins 4,00", "Preisvorteil 0,30",
                                  "TODAY SPECIAL PIZZA 9.99"])
def test_names_holding_a_payment_word_are_items(line):
    assert not summary_line(line)


def ocr_words(text: str) -> list[OcrLine]:
    """As ``ocr``, with a word box per space-separated token (EasyOCR's words)."""
    lines = []
    for line in ocr(text):
        words, x = [], line.box[0]
        for token in line.text.split(" "):
            words.append(OcrLine(token, box=(x, line.box[1], x + 12 * len(token), line.box[3]), confidence=0.8))
            x += 12 * (len(token) + 1)
        lines.append(OcrLine(line.text, box=line.box, confidence=line.confidence, words=tuple(words)))
    return lines


def test_a_line_in_the_name_column_under_a_counted_item_is_an_item_whose_count_ocr_lost():
    """``Croquetas`` starts where the name of ``1x Berenjenas`` does (its ``1x`` lost); ``Add Bacon`` is
    indented past the name of ``1 Burger``: a modifier."""
    receipt = extract_receipt(ocr_words("""
TAPAS BAR SOL
1x Pan con Tomate 3,00
1x Berenjenas con Miel 7,00
   Croquetas de Pulpo 5,50
   Espinacas 7,50
2x Tarta de Santiago 11,00
1x Cana 2,50
1x Burger 12,00
      Add Bacon 2,00
Item Total 50,50
"""))
    assert [(i.description, i.amount) for i in receipt.items] == [
        ("Pan con Tomate", Decimal("3.00")), ("Berenjenas con Miel", Decimal("7.00")),
        ("Croquetas de Pulpo", Decimal("5.50")), ("Espinacas", Decimal("7.50")),
        ("Tarta de Santiago", Decimal("11.00")), ("Cana", Decimal("2.50")), ("Burger, Add Bacon", Decimal("14.00"))]


def test_a_line_total_ocr_misread_is_what_its_count_times_its_unit_price_make_where_the_items_then_add_up():
    assert items("""
CAFE DE BRUG
2x Weissbier 3,30 26,40
1x Bitterballen 6,50 6,50
Totaal 13,10
""") == [("Weissbier", Decimal(2), Decimal("3.30"), Decimal("6.60")),
         ("Bitterballen", Decimal(1), Decimal("6.50"), Decimal("6.50"))]


def test_a_count_of_two_whose_2_ocr_read_as_a_z():
    assert items("""
THE RED LION
Zx Half Pint Bitter 5,70
Ix Scampi 9,95
Total 15,65
""") == [("Half Pint Bitter", Decimal(2), Decimal("2.85"), Decimal("5.70")),
         ("Scampi", Decimal(1), Decimal("9.95"), Decimal("9.95"))]


def test_an_add_on_marked_as_one_is_a_modifier_however_ocr_placed_it():
    """A slanted photo puts ``+ Extra Shot`` at the items' left edge: its mark says it is an add-on."""
    assert items("""
BEAN THERE CAFE
1 Oat Latte 5.25
+ Extra Shot 0.75
ADD Vanilla Syrup 0.60
1 Blueberry Muffin 3.95
Subtotal 10.55
""") == [("Oat Latte, Extra Shot, ADD Vanilla Syrup", Decimal(1), None, Decimal("6.60")),
         ("Blueberry Muffin", Decimal(1), Decimal("3.95"), Decimal("3.95"))]


def test_a_modifier_is_indented_by_characters_of_the_words_not_of_a_line_stretched_to_its_price_column():
    """OCR gives ``BACON BURGER 9.79`` one box from the name to the price column: its characters are
    as wide as its words' (12 px), not the box's width over 17 characters."""
    def row(i: int, left: int, name: str, price: str) -> OcrLine:
        box = (left, 30 * i, 700, 30 * i + 24)
        words = (OcrLine(name, box=(left, box[1], left + 12 * len(name), box[3])),
                 OcrLine(price, box=(700 - 12 * len(price), box[1], 700, box[3])))
        return OcrLine(f"{name} {price}", box=box, confidence=0.8, words=words)

    lines = [OcrLine("RED BARN GRILL", box=(200, 0, 368, 24)), row(1, 10, "ICED TEA", "2.39"),
             row(2, 10, "BACON BURGER", "9.79"), row(3, 58, "GLUTEN FREE BUN", "0.50"),
             row(4, 10, "HOUSE SALAD", "7.50"), row(5, 10, "Subtotal", "20.18")]
    assert [(i.description, i.amount) for i in extract_receipt(lines).items] == [
        ("ICED TEA", Decimal("2.39")), ("BACON BURGER, GLUTEN FREE BUN", Decimal("10.29")),
        ("HOUSE SALAD", Decimal("7.50"))]


def test_a_dimension_in_the_name_is_no_count():
    """DIY and lumber tills print sizes (``4x40``, ``3x1,5``, ``2X4X8``): no count, no unit price; a
    count with its unit price glued (``2x0,69``) is one."""
    assert items("""
toom Baumarkt
Spanplattenschrauben 4x40 3,99 A
Mantelleitung 3x1,5 12,99 A
Kantholz 2X4X8 8,49 A
Duebel 2x0,69 1,38 A
Summe 26,85
""") == [("Spanplattenschrauben 4x40", None, None, Decimal("3.99")),
         ("Mantelleitung 3x1,5", None, None, Decimal("12.99")),
         ("Kantholz 2X4X8", None, None, Decimal("8.49")),
         ("Duebel", Decimal(2), Decimal("0.69"), Decimal("1.38"))]


def test_counts_in_pieces_in_other_languages():
    """``ks`` (Czech), ``szt`` (Polish), ``stuk`` (Dutch), ``uds`` (Spanish) count pieces like ``Stk``."""
    assert items("""
ALBERT
Rohlik 10 ks x 2,50 25,00
Jogurt 2 szt x 3,49 6,98
Kaas 3 stuk x 1,20 3,60
Pan 2 uds x 0,90 1,80
CELKEM 37,38
""") == [("Rohlik", Decimal(10), Decimal("2.50"), Decimal("25.00")),
         ("Jogurt", Decimal(2), Decimal("3.49"), Decimal("6.98")),
         ("Kaas", Decimal(3), Decimal("1.20"), Decimal("3.60")),
         ("Pan", Decimal(2), Decimal("0.90"), Decimal("1.80"))]


def test_a_price_whose_decimal_point_ocr_read_as_a_space_is_read_where_the_items_then_add_up():
    """``Fideua Mixta 2 17 00``: a pound sign read as ``2`` before ``17 00`` (17,00), ``2 2 95`` for
    2,95; ``Big Burger Menu 12 50 12``, a column cut short after ``12 50``. Each pair of numbers is a
    reading; the total says which."""
    assert amounts("""
EL RINCON
Tel 0121 454 5368
1x Fideua Mixta 2 17 00
1x Tarta de Queso 2 6,50
1x 330ml Sprite 2 2 95
Total 26.45
""") == [Decimal("17.00"), Decimal("6.50"), Decimal("2.95")]
    assert items("""
GRILL HOUSE
Kassa 4 15/09/2010 16:35
Cola Large 00
Big Burger Menu 12 50 12
Fries 3.00
TOTAL 15.50
""") == [("Cola Large", None, None, Decimal("0.00")), ("Big Burger Menu", None, None, Decimal("12.50")),
         ("Fries", None, None, Decimal("3.00"))]
    assert amounts("""
EL RINCON
1x Fideua Mixta 2 17 00
1x Tarta de Queso 2 6,50
Total 30.00
""") == [Decimal("6.50")]  # no reading makes 30,00


def test_the_polish_tax_summary_under_the_items_is_no_item():
    """``Sprzed. opod. PTU A 0,79`` / ``Kwota PTU A 23,00% 0,15``: the taxable sales and the tax of each
    class stand between the items and ``SUMA PLN``; where an item lost its price they must not fill in."""
    assert amounts("""
CARREFOUR POLSKA
ul. Targowa 72 Warszawa
NIP 937-00-08-168
PARAGON FISKALNY
TORBA RECYKLING 1*0,79= 0,79 A
SEREK PHILADELPHIA 1*8,49= 8,49 C
BANANY PLANTANY
Sprzed. opod. PTU A 0,79
Kwota PTU A 23,00% 0,15
Sprzed. opod. PTU C 11,82
Kwota PTU C 5,00% 0,56
Podatek PTU 0,71
SUMA PLN 12,61
""") == [Decimal("0.79"), Decimal("8.49")]


def test_a_total_word_inside_a_product_name_does_not_end_the_items():
    """``LISTERINE TOTAL CARE 2.77`` (``COLGATE TOTAL WHITENING``) names a product: a total word between
    two words of a name, an item under it. ``SUB TOTAL``, ``GRAND TOTAL DUE`` and ``TOTAL`` alone end
    the items."""
    receipt = extract_receipt(ocr("""
CVS/pharmacy
CVS ALOE SANITIZER 1.99 T
LISTERINE TOTAL CARE 2.77 T
OPTI-FREE PM 3.29 T
SUBTOTAL 8.05
TAX 0.65
TOTAL 8.70
"""))
    assert [i.amount for i in receipt.items] == [Decimal("1.99"), Decimal("2.77"), Decimal("3.29")]
    assert amounts("""
CORNER DINER
BURGER 9.00
GRAND TOTAL DUE 9.00
COFFEE TO GO 2.00
""") == [Decimal("9.00")]


def test_fuel_sold_by_volume_is_one_item_of_volume_times_price_per_unit():
    """A US pump's ``10.875 @ $2.399/GAL`` under ``#2 Diesel``, or ``REGULAR 2.516G`` over
    ``PRICE/GAL $2.659``: the amount is printed nowhere beside them; the volume and the price per gallon
    make it. ``1,789 EUR/l 68,71`` prints its amount: the volume stays the quantity of that."""
    assert items("""
SPEEDWAY 0006661
Pump 02
#2 Diesel
10.875 @ $2.399/GAL
gas Total $26.09
""") == [("#2 Diesel", Decimal("10.875"), Decimal("2.399"), Decimal("26.09"))]
    assert items("""
HATOFF'S GAS
PUMP# 3
REGULAR CA 2.516G
PRICE/GAL $2.659
FUEL TOTAL $ 6.69
""") == [("REGULAR CA", Decimal("2.516"), Decimal("2.659"), Decimal("6.69"))]
    assert items("""
Shell Station
Super E10 38,41 l
1,789 EUR/l 68,71
Summe 68,71
""") == [("Super E10", Decimal("38.41"), Decimal("1.789"), Decimal("68.71"))]


def test_a_pumps_gallons_printed_apart_from_their_g_are_the_fuels_volume():
    """``REGULAR CR 12.411 G`` over ``PRICE/GAL $2.179``: the three decimals and the G after a space
    are gallons, not an item of $12.41, and the price per gallon is no item of its own."""
    assert items("""
SHELL
REGULAR CR 12.411 G
PRICE/GAL $2.179
FUEL TOTAL $27.04
TOTAL $27.04
""") == [("REGULAR CR", Decimal("12.411"), Decimal("2.179"), Decimal("27.04"))]


@pytest.mark.parametrize(("lines", "item"), [
    ("CHEVRON\nUnleaded Plus  11.204 Gal @ $3.099\nFuel Sale $34.72\nMASTERCARD $34.72",
     ("Unleaded Plus", Decimal("11.204"), Decimal("3.099"), Decimal("34.72"))),
    ("CIRCLE K\nPUMP# 4 REGULAR\n12.411 G @ 2.179 /G\nFUEL TOTAL 27.04",
     ("PUMP# 4 REGULAR", Decimal("12.411"), Decimal("2.179"), Decimal("27.04"))),
    ("SHELL\nGALLONS 10.152\nPRICE/G $2.099\nFUEL TOTAL 21.31", ("Fuel", Decimal("10.152"), Decimal("2.099"), Decimal("21.31"))),
])
def test_a_pumps_volume_and_price_per_gallon_in_other_layouts_make_one_fuel_item(lines, item):
    """``Gal @ $3.099`` with no amount after it, a price per ``/G``, a volume after its label
    ``GALLONS``: one item of volume times price, never the price per gallon as an item."""
    assert items(lines) == [item]


def test_a_total_word_in_a_counted_product_name_with_its_size_does_not_end_the_items():
    """``1 COLGATE TOTAL 4.8OZ 4.99T``: a count before the name and a size after TOTAL are the
    product's (Colgate Total toothpaste), not a total line ending the item list."""
    assert amounts("""
CVS pharmacy
1 CVS IBUPROFEN 200MG 8.79T
1 COLGATE TOTAL 4.8OZ 4.99T
1 GATORADE 28OZ 2.29T
SUBTOTAL 16.07
TAX 1.02
TOTAL 17.09
""") == [Decimal("8.79"), Decimal("4.99"), Decimal("2.29")]


def test_a_multibuy_at_sign_line_and_a_counted_short_name():
    """Publix's ``2 @ 2 FOR 6.00`` counts the item above, no item ``FOR``; ``2 OJ 7.00``: a count
    and a name of two letters is an item."""
    assert items("Publix\nPUB ICE CREAM 6.00 F\n   2 @ 2 FOR 6.00\nBOUNTY PAPER TWL 7.99 T\nGrand Total 13.99") == [
        ("PUB ICE CREAM", Decimal("2"), Decimal("3.00"), Decimal("6.00")), ("BOUNTY PAPER TWL", None, None, Decimal("7.99"))]
    assert amounts("Sunrise Diner\n1 BLT 8.99\n2 OJ 7.00\n1 PB&J 6.50\nSubtotal 22.49\nTax 1.80\nTotal 24.29") == [
        Decimal("8.99"), Decimal("7.00"), Decimal("6.50")]


@pytest.mark.parametrize("line", ["1 M Hi-C 1.49", "1 L Hi C 1.49", "2 S OJ 1.49"])
def test_a_counted_drink_with_its_size_letter_and_a_short_name_is_an_item(line):
    """McDonald's, Wendy's and Dunkin' print a drink as its count, its size letter and a short name, maybe
    hyphenated: no word of three letters names it."""
    assert amounts(f"McDonald's\n1 M Fries 3.29\n{line}\nSubtotal 4.78\nTax .29\nTotal 5.07") == [
        Decimal("3.29"), Decimal("1.49")]


@pytest.mark.parametrize("line", ["1 EA 4.99", "2 X 4.99", "1 M EA 4.99"])
def test_a_count_and_a_price_lines_mark_is_no_short_name(line):
    assert amounts(f"Walmart\nMILK 2.99\n{line}\nTOTAL 2.99") == [Decimal("2.99")]


@pytest.mark.parametrize("line", ["Eier x6 2,19 A", "Volvic 6 x 1,5 l 3,29 A", "Kuechenrolle 4x 2,49 B"])
def test_a_pack_size_after_the_name_is_no_count_bought(line):
    """A count after the name that does not divide the amount into whole cents is the pack's size."""
    assert items(f"REWE\n{line}\nSUMME EUR 9,99")[0][1:3] == (None, None)
    assert items("REWE\nLatte x 2 9,00\nSUMME EUR 9,00")[0][1:3] == (Decimal("2"), Decimal("4.50"))


def test_a_name_line_with_two_sizes_is_no_weight_line():
    assert amounts("ACE HARDWARE\nROPE NYLON 0.5in 50.0ft\n7.99\nCHAIN 0.25in 10.0ft\n7.99\nTOTAL 15.98") == [
        Decimal("7.99"), Decimal("7.99")]


@pytest.mark.parametrize("unit", ["E/kg", "C/kg"])
def test_a_weight_lines_price_per_kilo_with_its_euro_sign_misread_still_weighs_the_item(unit):
    assert items(f"REWE\nBananen 2,47 A\n   0,826 kg x 2,99 {unit}\nMilch 1,19 B\nSUMME EUR 3,66")[0] == (
        "Bananen", Decimal("0.826"), Decimal("2.99"), Decimal("2.47"))


@pytest.mark.parametrize("layout", ["under", "over"])
def test_a_weight_line_without_an_amount_weighs_the_item_beside_it(layout):
    """``0,826 kg x 2,99 EUR/kg`` on its own line, under the item (REWE) or over it (ALDI, LIDL),
    ``1.23 lb @ 1.99 /lb`` in the US: the weight and the price per unit are the item's quantity and
    unit price where they make its amount; the line is no item."""
    weights = {"under": ("Bananen 2,47 A", "   0,826 kg x 2,99 EUR/kg"),
               "over": ("   0,826 kg x 2,99 EUR/kg", "Bananen 2,47 A")}[layout]
    assert items("\n".join(("REWE", *weights, "Milch 1,19 B", "SUMME EUR 3,66"))) == [
        ("Bananen", Decimal("0.826"), Decimal("2.99"), Decimal("2.47")), ("Milch", None, None, Decimal("1.19"))]
    assert items("""
SAFEWAY
  1.23 lb @ 1.99 /lb
WT BANANAS 2.45
MILK 3.49
TOTAL 5.94
""") == [("WT BANANAS", Decimal("1.23"), Decimal("1.99"), Decimal("2.45")), ("MILK", None, None, Decimal("3.49"))]


@pytest.mark.parametrize("weighed", ["1.23 Ib @ 1.99 /lb", "1.23 lb @ 1.99 /Ib", "1.23 lb @ 1.99 /1b",
                                     "1.23 lb @ 1.99"])
def test_a_us_weight_line_with_its_pounds_misread_or_its_price_unit_lost_weighs_the_item(weighed):
    """A pound's l read as I or 1 (``Ib``, ``/1b``), or the price's ``/lb`` lost: still the weight line of the
    item under it, no item of its own."""
    assert items(f"SAFEWAY\n  {weighed}\nWT BANANAS 2.45\nMILK 3.49\nTOTAL 5.94") == [
        ("WT BANANAS", Decimal("1.23"), Decimal("1.99"), Decimal("2.45")), ("MILK", None, None, Decimal("3.49"))]


@pytest.mark.parametrize("row", ["2x Hugo à 7,50", "2 Hugo @ 7,50", "2x Hugo je 7,50"])
def test_an_items_amount_wrapped_under_its_line_that_marks_its_unit_price_is_the_items(row):
    """``2x Hugo à 7,50`` / ``15,00 €``: the line's one price is the unit's, the amount alone under it what the count
    makes; an amount that the count does not make stays no part of it."""
    text = f"Trattoria Ponte\nTisch 11\n{row}\n        15,00 €\n1x Pizza Tonno 13,90 €\nSumme 28,90 €"
    assert [(amount, quantity) for _, quantity, _, amount in items(text)] == [
        (Decimal("15.00"), Decimal("2")), (Decimal("13.90"), Decimal("1"))]


@pytest.mark.parametrize("label", ["SUBTOT", "SUBTTL", "SUB TTL"])
def test_a_subtotal_printed_short_ends_the_items(label):
    """``SUBTOT 12.99``, ``SUBTTL``: a till's abbreviation of the subtotal is no item."""
    assert amounts(f"""
BOOK STOP
Unit 41 Merry Hill Centre
ADULT P/BACK 5.99
NOTEBOOK A5 7.00
{label} 12.99
VAT 2.17
TOTAL 15.16
""") == [Decimal("5.99"), Decimal("7.00")]


def test_a_price_of_cents_whose_point_ocr_lost_after_a_product_code_is_cents():
    """A US grocery printing each item's code before its price: ``FLR, UNBLCHD 1737 59 FS`` is .59 (not
    1737,59), ``OAKDELL EGGS 70642910004 88 FS`` .88, where the items then add up to the subtotal."""
    assert amounts("""
WINCO FOODS
Store #0139
OAKDELL EGGS 70642910004 88 FS
BAR S BACON 1590006105 2.38 FS
FLR, UNBLCHD 1737 59 FS
BAKING POWDER 1783 30 FS
LYS APC LEMON 1920075352 2.12
SUBTOTAL 6.27
TOTAL TAX .25
TOTAL 6.52
""") == [Decimal("0.88"), Decimal("2.38"), Decimal("0.59"), Decimal("0.30"), Decimal("2.12")]


def test_the_savings_printed_above_the_items_and_a_was_now_price_line():
    """A US grocery printing what the discounts came to above the items (``*SAVINGS TOTAL 4.26*``): no
    end of the items and no item; ``was 3.29 now 2.99 F`` under a name is that item's price line."""
    receipt = extract_receipt(ocr("""
meijer
Mason MI # 174
****SAVINGS TODAY****
TOTAL NON-COUPON SAVINGS 0.30
*SAVINGS TOTAL 0.30*
GROCERY
4125019175 MEIJER KETCHUP 1.59 F
*4125001715 TORTILLA CHP
was 3.29 now 2.99 F
TOTAL TAX .00
TOTAL 4.58
"""))
    assert [(i.description.lstrip("*0123456789 "), i.unit_price, i.amount) for i in receipt.items] == [
        ("MEIJER KETCHUP", None, Decimal("1.59")), ("TORTILLA CHP", None, Decimal("2.99"))]


def test_a_count_line_over_the_first_item_is_that_items_not_the_address_lines_above():
    """``2 x 4,99`` printed over ``Kaffee gemahlen 9,98``, right under the shop's town and ``EUR``
    (the shop named only in the footer): the count is the coffee's, and the town is no item."""
    assert items("""
Hauptstrasse 87
70173 Stuttgart
EUR
2 x 4,99
Kaffee gemahlen 9,98 B
Kartoffeln 2kg 2,49 B
SUMME 12,47
zu zahlen 12,47
Danke fuer Ihren Einkauf
Sparfix KG
""") == [("Kaffee gemahlen", Decimal(2), Decimal("4.99"), Decimal("9.98")),
         ("Kartoffeln 2kg", None, None, Decimal("2.49"))]


def test_a_count_line_whose_count_ocr_lost_takes_the_count_its_item_makes():
    """``X 0,25`` over ``Mineralwasser 1,00 B`` (the 4 lost): four bottles; ``Stk x 0,69`` under an
    item of 2,76 the same. A price no whole count of it makes is left alone."""
    assert items("""
NETTO
Apfelschorle 2,76 B
Stk x 0,69
X 0,25
Mineralwasser 1,00 B
X 0,30
Bananen 1,69 A
SUMME 5,45
""") == [("Apfelschorle", Decimal(4), Decimal("0.69"), Decimal("2.76")),
         ("Mineralwasser", Decimal(4), Decimal("0.25"), Decimal("1.00")),
         ("Bananen", None, None, Decimal("1.69"))]


def test_empties_handed_back_with_the_umlaut_misread_take_money_off():
    """``Pfandrückgabe`` read ``Pfandrickgabe`` or ``Pfandriickgabe`` (an English recogniser has no Ü),
    its minus lost: money handed back all the same."""
    for word in ("Pfandrückgabe", "Pfandruckgabe", "Pfandrickgabe", "Pfandriickgabe"):
        assert amounts(f"""
NETTO
Mineralwasser 1,00 B
Pfand 1,00 B
{word} 1,25 A
SUMME 0,75
""") == [Decimal("1.00"), Decimal("1.00"), Decimal("-1.25")], word


@pytest.mark.parametrize("word", ["Pfandruckoabe", "Pfandrückgabc", "Leergutbom"])
def test_empties_handed_back_with_a_letter_of_their_long_word_misread_take_money_off(word):
    """``Pfandruckoabe 01,25 B``: a long word of empties handed back with one letter misread (its g read as an o),
    its minus read as a 0 or lost: money handed back all the same."""
    assert amounts(f"""
NETTO
Mineralwasser 1,00 B
Pfand 1,00 B
{word} 01,25 A
SUMME 0,75
""") == [Decimal("1.00"), Decimal("1.00"), Decimal("-1.25")], word


@pytest.mark.parametrize("item", ["Leerguf 1,25 A", "Pfandbox 1,25 A"])
def test_a_word_one_letter_from_a_short_return_word_stays_an_item(item):
    """Guard: only a long return word may have a letter misread: ``Leerguf 1,25 A`` (one letter from LEERGUT, seven
    letters) or ``Pfandbox`` (one from PFANDBON, eight) stays what it was read as, an item."""
    assert amounts(f"NETTO\nMineralwasser 1,00 B\nPfand 1,00 B\n{item}\nSUMME 3,25\n")[-1] == Decimal("1.25")


def test_several_item_prices_whose_currency_sign_ocr_read_as_a_digit():
    """A phone photo of a receipt printing ``$`` before every price: three of them read as digits
    (``$8.96`` -> ``58 . 96``, ``$27.56`` -> ``527.56``, ``$43.65`` -> ``543.65``), the others
    with their sign; the subtotal's own reading decides which prices lose a digit."""
    assert amounts("""
MAPLE FOODS LLC
214 Main Street
Columbus OH 43215
11/27/2025 07:35 PM
ORANGE JUICE 58 . 96 T
ORANGE JUICE S2.91 N
2 @ 13.78
PAPER TOWELS 527.56 T
ORANGE JUICE $2.06
EGGS LARGE 12CT $2.16 N
SUBTOTAL 543.65
SALES TAX 7.00% $3.06
AMOUNT DUE S46.71
CASH $50 . 00
CHANGE DUE $3.29
""") == [Decimal("8.96"), Decimal("2.91"), Decimal("27.56"), Decimal("2.06"), Decimal("2.16")]


def test_a_price_starting_with_a_digit_ocr_also_reads_for_a_sign_is_kept_where_the_items_add_up():
    """The amounts' signs were read as digits (``S136.00``, ``9136.00``), so the receipt is read
    without them; ``2 Ribeye Steak 56.00`` printed no sign: the subtotal keeps its 5."""
    assert amounts("""
RED BARN BBQ
Springfield, IL 62701
2 Onion Rings 11.98
2 Ribeye Steak 56.00
2 Iced Tea 5.98
1 Draft Beer 6.50
1 Pad Thai 13.95
2 Fish Tacos 30.50
Sub Total 5124.91
TAX 8.875% 511.09
Total S136.00
VISA XXXX5018
Amount 9136.00
""") == [Decimal("11.98"), Decimal("56.00"), Decimal("5.98"), Decimal("6.50"), Decimal("13.95"),
                        Decimal("30.50")]


def test_item_prices_whose_dollar_sign_ocr_read_as_a_4():
    """``$2.06`` read as ``42.06`` and ``$5.17`` as ``45.17`` beside prices read with their sign."""
    assert amounts("""
MAPLE MARKET
847 Main Street
Portland, OR  97205
PASTA PENNE 42.06 T
TOMATO SAUCE $4.62 F
PASTA PENNE 45.17 N
3 @ 8 .10
TOMATO SAUCE $24.30 F
SUBTOTAL $36.15
SALES TAX 9,50% $3.43
TIP $6.51
TOTAL DUE $46 . 09
CASH $50 . 00
CHANGE DUE $3.91
""") == [Decimal("2.06"), Decimal("4.62"), Decimal("5.17"), Decimal("24.30")]


def test_a_price_whose_separator_came_out_as_specks_of_punctuation():
    """``27 ." 90``: the amount parser reads no price there; the subtotal says it is 27.90."""
    assert amounts("""
THE GRILL
Chk 85436 Tbl 1 Gst 4
Sep 10 23 5:00PM
2 Pad Thai 27 ." 90
2 Ribeye Steak 56 . 00
1 Margarita 9 . 00
1 Coffee 2 .50
Subtotal S95 . 40
TAX 8 . 875% s8.47
Amount Due S103 .87
""") == [Decimal("27.90"), Decimal("56.00"), Decimal("9.00"), Decimal("2.50")]


def test_the_row_of_values_under_a_date_heading_is_no_item():
    """``Datum Zeit Fil. Kasse Bon-Nr .`` over its values, the date garbled (``21 _ 01.23``): the
    ``01.23`` is no price of the heading's (nor of the town above it)."""
    assert amounts("""
Bahnhofstr. 13
80331 Munchen
Datum Zeit Fil. Kasse Bon-Nr .
21 _ 01.23 13:26 3275 1 6194
EUR
3 x 0 , 69
Apfelschorle 2,07*B
Pfand 0,75 B
Butter 8,76 A
SUMME 11,58
girocard 11,58
TSE-Start: 2023-01-21712:26:00 . 000z
""") == [Decimal("2.07"), Decimal("0.75"), Decimal("8.76")]


def test_a_saving_whose_word_ocr_split_in_two_takes_money_off():
    """``Multibuy sa ving 22.64``: a saving, its word split by a space, however its minus was lost."""
    assert amounts("""
TESCO
22/06/2025 17:03
Braeburn Apples 34.60
Baked Beans 13.68
Multibuy sa ving 22.64
TOTAL E25.64
""") == [Decimal("34.60"), Decimal("13.68"), Decimal("-22.64")]


def test_a_price_whose_tax_class_was_read_as_litres_counts_where_the_items_then_add_up():
    assert amounts("""
BAUKISTE
Art.-Nr. Bezeichnung Menge Preis Betrag
7832831 Silikon transp.
1 ST X 5,49 5,49
7710898 Arbeitshandschuhe 3,95 L
4244426042406 Duebel 8mm 50St 2,49
Summe EUR 11,93
""") == [Decimal("5.49"), Decimal("3.95"), Decimal("2.49")]


def test_a_price_whose_sign_ocr_read_as_an_s_keeps_its_leading_digit():
    """Of ``S54.54`` and ``54.13`` one line lost $50 to a sign read as a 5: not the one whose $ came
    out an S (its 5 is its own)."""
    assert amounts("""
SPRINGFIELD MARKET
MILK 1 GAL S6.80
3 @ 18.18
PASTA PENNE S54.54 N
MILK 1 GAL 54.13
3 @ 12.07
CHEDDAR CHEESE s36.21 T
SUBTOTAL S101.68
SALES TAX 8.25% S8.39
AMOUNT DUE S110 .07
""") == [Decimal("6.80"), Decimal("54.54"), Decimal("4.13"), Decimal("36.21")]


def test_a_price_whose_point_came_out_an_underscore_counts_where_the_items_then_add_up():
    assert amounts("""
SALTY PELICAN
1 Cheesecake 7.50
3 Cheeseburger 40 _ 47
1 Coke 2.75
SUBTOTAL S50.72
""") == [Decimal("7.50"), Decimal("40.47"), Decimal("2.75")]


def test_a_pack_size_in_a_name_is_no_quantity_bought():
    receipt = extract_receipt(ocr("""
WERKHOF
2479121 Kabelbinder 100St 3,29 1
4244426042406 Duebel 8mm S0St 2,49
GOUDA 2 x 1,99 3,98
Summe EUR 9,76
"""))
    assert [(item.amount, item.quantity) for item in receipt.items] == [
        (Decimal("3.29"), None), (Decimal("2.49"), None), (Decimal("3.98"), Decimal("2"))]


@pytest.mark.parametrize(("subtotal", "coke"), [("15.25", Decimal("2.75")), ("35.25", Decimal("22.75"))])
def test_a_price_whose_point_a_blurred_photo_lost_is_read_as_the_subtotal_needs_it(subtotal, coke):
    """``1 Coke 2275``: 22.75, or 2.75 with its sign read as a 2; the subtotal says which."""
    receipt = f"""
RED BARN BBQ
12 Main St
Springfield, IL 62701
2023-02-16 12:39
2 Coffee 5.00
1 Cheesecake 7.50
1 Coke 2275
Subtotal {subtotal}
"""
    assert amounts(receipt) == [Decimal("5.00"), Decimal("7.50"), coke]
    assert amounts(receipt.replace(f"Subtotal {subtotal}", "Subtotal 14.00")) == [Decimal("5.00"), Decimal("7.50")]


def test_a_price_after_its_sign_whose_point_was_lost_is_read_as_one_without_its_sign():
    """``Tonkotsu Original $1150``: 11.50, as ``1150`` alone is; not 1150 dollars, not dropped."""
    receipt = """
Ramen Place
Tonkotsu Original $1150
Mi-So-Hot $13.25
Subtotal $24.75
Sales Tax $2.04
Total $26.79
"""
    assert amounts(receipt) == [Decimal("11.50"), Decimal("13.25")]


def test_the_items_end_at_a_garbled_total_that_the_payment_under_it_prints_again():
    """``Suen e 725,04`` (SUMME, its currency sign read as a 7) over ``Zu zatlen 25,04`` / ``irocard
    25,04``: neither label read, the payment printing the total says where the items end."""
    receipt = extract_receipt(read_as([
        ("KAUFGUT", 0.5), ("Hauptstrabe 80", 0.55), ("50667 Koln", 0.82), ("Datum {Zeit Fil: Kasse Bon-Nr.", 0.13),
        ("05.01.24 41;269196 824563", 0.22), ("EuR", 0.5), ("Apfelschorte 0,69*8", 0.47), ("Pfand 0,25 8", 0.7),
        ("Spaghetti 0 , 89", 0.59), ("70,59", 0.53), ("Toaten passiert 2,36*A", 0.41), ("Stk 2,49", 0.89),
        ("Kartoffeln 2k9 9,96", 0.82), ("Joghurt Natur 80,49", 0.4), ("Cole 1,5L 0,79 8", 0.61),
        ("Pand 0,25 6", 0.16), ("Eier Bodenh . lest 2,29", 0.4), ("Toastbrot 1479", 0.12),
        ("Volleilch 3,58 0,99", 0.6), ("Baranen [0s8 44,89", 0.17), ("2,457 R9 X 1,99 EUR/k9", 0.14),
        ("Suen e 725,04", 0.16), ("Zu zatlen 25,04", 0.73), ("irocard 25,04", 0.43), ("Kertenzanlung girocard", 0.74),
        ("Betrag EUR 25,04", 0.72), ("Zahlung erfolet", 0.34), ("Mst Retto FxSt Brutto", 0.04),
        ("74 21,55 15 28,06", 0.22), ("8 198 1,66 20, 32 1,98", 0.19), ("Vielen Dank fur Ihren Einkauf", 0.84),
        ("Kaufgut KG", 0.92)]))
    assert receipt.total == Decimal("25.04")
    assert not {"Suen e", "Zu zatlen", "irocard"} & {item.description for item in receipt.items}


# one price misread (22,28 for 25,54): the items alone do not add up to the total
_SIGNED_PAYMENT_ITEMS = "Sparkorb KG\nEUR\nToastbrot 4,76 B\nButter 2,19 B\nHackfleisch 500g 7,98 B\nKaffee 22,28 B\n"


def test_the_items_end_at_a_garbled_total_the_card_under_it_prints_with_its_sign_read_as_a_digit():
    """``Sunite 40,47`` (SUMME garbled) over ``girocard 440,47``: the card pays the total, its euro sign read as a
    4; the line priced at it is the total's, no item."""
    receipt = _SIGNED_PAYMENT_ITEMS + "Sunite 40,47\ngirocard 440,47\nDebit Mastercard\nBetrag EUR 40 47\n"
    assert amounts(receipt) == [Decimal("4.76"), Decimal("2.19"), Decimal("7.98"), Decimal("22.28")]


def test_a_last_item_the_card_under_it_does_not_print_stays_an_item():
    """Guard: ``Kaffee 40,47`` over ``girocard 440,74`` (no reading of it without its first digit is the line's
    price) stays an item."""
    receipt = _SIGNED_PAYMENT_ITEMS + "Kaffee 40,47 B\ngirocard 440,74\nDebit Mastercard\n"
    assert amounts(receipt)[-1] == Decimal("40.47")


_CASH_PAID_HEAD = "Sparkorb\nIndustriestrabe 14\n70173 Stuttgart\n16.09.24 08:11\nEUR\n"
# one price misread (7,76 for 6,76): the items alone do not add up to the total
_CASH_PAID_ITEMS = "Cola 1,5L 2,37 B\nPfand 0,75 B\nHackfleisch 500g 3,99 A\nBananen 7,76 A\nBrot 13,90 A\n"


def _cash_paid(total_line: str, change: str) -> Receipt:
    return extract_receipt(ocr(_CASH_PAID_HEAD + _CASH_PAID_ITEMS + f"{total_line}\nBAR 35,00\nRUcKGELd {change}\n"
                               "Vielen Dank fur Ihren Einkauf\n"))


def test_the_items_end_at_a_garbled_total_that_the_cash_handed_over_less_the_change_pays():
    """``Sun 48 26,77`` (SUMME, garbled past reading) over ``BAR 35,00`` / ``RUcKGELd 8,23``: the cash handed
    over less the change pays the total, so that line is the total's and the items end there."""
    receipt = _cash_paid("Sun 48 26,77", "8,23")
    assert receipt.total == Decimal("26.77")
    assert [item.description for item in receipt.items][-1] == "Brot"


def test_a_line_over_cash_and_change_that_do_not_pay_it_is_not_taken_for_the_total():
    """Guard: where the cash less the change (35,00 - 7,23) is not the line's amount, the change says nothing
    of that line."""
    assert "Sun 48" in [item.description for item in _cash_paid("Sun 48 26,77", "7,23").items]


@pytest.mark.parametrize("label", ["Leer9ut", "Leer6ut"])
def test_empties_whose_g_came_out_as_a_digit_are_money_back(label):
    """``Leer9ut 0,50 B``: the g of Leergut read as a 9 (or 6) inside the word; still empties handed back, taken off."""
    receipt = extract_receipt(ocr(_CASH_PAID_HEAD + _CASH_PAID_ITEMS + f"{label} 0,50 B\nSUMME 27,27\n"))
    assert [item.amount for item in receipt.items][-1] == Decimal("-0.50")


def test_a_word_with_a_digit_inside_that_names_no_empties_stays_an_item():
    """Guard: ``Lee9ings 0,50 B``, a digit inside another word, is no return of empties."""
    receipt = extract_receipt(ocr(_CASH_PAID_HEAD + _CASH_PAID_ITEMS + "Lee9ings 0,50 B\nSUMME 28,27\n"))
    assert [item.amount for item in receipt.items][-1] == Decimal("0.50")


_SUPERMARKET_HEAD = "FRISCHEHOF\nHauptstraße 45\n20095 Hamburg\n12.07.24 07:13\nEUR\n"


def test_the_items_end_at_a_garbled_total_whose_amount_a_space_split_after_its_comma():
    """``SE EUR 12, 42`` (SUMME EUR 12,42, its label garbled, a space read after the comma) prints the total
    after its currency: the items end there, and the card tender under it, its label and a digit misread
    (``Geg_ VISA FUR 17,42``), is no item, though a price lost above leaves the items short of the total."""
    receipt = extract_receipt(ocr(_SUPERMARKET_HEAD + "SPAGEnT 0n9 8\nGouda Jung 5,97 A\nBio Banane 1,29 A\n"
                                  "Trauben Hell 4,37 A\nSE EUR 12, 42\nGeg_ VISA FUR 17,42\nKundenbeleg\n"
                                  "Betrag EUR 12,42\nGesamtbetrag 11,61 0,81 12,42"))
    assert receipt.total == Decimal("12.42")
    assert "Geg_ VISA FUR" not in {item.description for item in receipt.items}


def test_a_price_split_after_its_comma_beside_a_currency_that_is_not_the_total_stays_an_item():
    """``Gutschein EUR 5, 00`` among the items costs no total: an item still."""
    receipt = extract_receipt(ocr(_SUPERMARKET_HEAD + "Spaghetti 0,79 A\nGutschein EUR 5, 00\nBio Banane 1,29 A\n"
                                  "SUMME EUR 7,08\nGeg. VISA EUR 7,08\nBetrag EUR 7,08"))
    assert [item.amount for item in receipt.items] == [Decimal("0.79"), Decimal("5.00"), Decimal("1.29")]


def test_a_shops_legal_name_in_the_footer_does_not_hide_the_items_when_no_total_line_was_read():
    """The total is the cash given less the change (``Gegeben_Bar 25,00`` / ``Iuruck 2,76``: no total
    label read); the legal name at the foot (``Hotdraut Geu# 8 Co . KG``) is the name, the logo read
    unsurely, and the items stand above the payment, not after the footer."""
    receipt = extract_receipt(read_as([
        ("HOROKAUF", 0.32), ("Industriestrake 22", 0.22), ("50667 Kotn", 0.61),
        ("Datur Heit Fila Kasse Bot- Hr .", 0.26), ("25.10.24 15810-9524 782761", 0.19), ("EUR", 0.97),
        ("Votlailch 3,5. 0,99 B", 0.1), ("GoudatScheiben 1,89 6", 0.24), ("Topaten pussiert 8,59 B", 0.25),
        ("30,49", 0.17), ("Joghurt hatur 4,96 8", 0.15), ("3 X0,09", 0.78), ("Aptelschor te 2.07*A", 0.23),
        ("Pfand 0,75 A", 0.16), ("Hackfleiech ged. 43499 8", 0.23), ("11,556ek9 K 8,99:EUR/Kg", 0.03),
        ("SuretEUR 22.,24", 0.33), ("Zui Zahlen 22,24", 0.19), ("Gegeben_Bar 25,00", 0.26), ("Iuruck 2,76", 0.2),
        ("Kast Metto Kust Brutto", 0.2), ("198 2,31 0,45 2482", 0.07), ("0 79 18,15 1,1 119,42", 0.15),
        ("TSE-Tronetktion: 573536", 0.07), ("TSE-S10p 2024-10-25113.10:19 . 000z", 0.04),
        ("Vieclen Dank fut Ihren Einkaut", 0.11), ("Hotdraut Geu# 8 Co . KG", 0.03), ("US t-Idhr 0l394860640", 0.14)]))
    assert receipt.total == Decimal("22.24")
    assert {"GoudatScheiben", "Aptelschor te", "Pfand"} <= {item.description for item in receipt.items}


def test_a_price_whose_point_came_out_a_star_is_the_items_price():
    """``Cotee 2*50`` (Coffee 2.50): its point read as a star; not a count line's ``2 * 1,29``, nor a
    discount whose minus came out a digit (``Happy Hour 25*00``)."""
    assert amounts("""
CASA VERDE CANTINA
12 Main St
Springfield, IL 62701
2023-02-16 12:39
1 Cheesecake 7.50
Caesar Salad 9.50
Cotee 2*50
Chicken Wings 12.99
Happy Hour 25*00
Subtotal 32.49
""") == [Decimal("7.50"), Decimal("9.50"), Decimal("2.50"), Decimal("12.99")]


def test_a_price_whose_comma_came_out_a_plus_before_its_tax_class_read_as_an_8_is_the_items_price():
    """``WASCHMITTEL 14+85 8`` (14,85 B): the comma read as a plus, the tax class B as an 8; the price the line
    prints, not the unit price of the count line under it; a reduction so read (``Rabatt 0+50 8``) no price."""
    receipt = ("SONNENDROGERIE\nEUR\nDEO ROLL-ON 3,10 B\nWASCHMITTEL 14+85 8\n3 Stk X 4,95\nRabatt 0+50 8\n"
               "TASCHENTUECHER 1,25 B\nSUMME EUR 19,20\nGeg. BAR EUR 20,00")
    assert amounts(receipt)[:2] == [Decimal("3.10"), Decimal("14.85")]
    assert Decimal("0.50") not in amounts(receipt)


def test_a_price_with_its_tax_class_read_as_an_8_after_a_point_is_the_items_price():
    """``Bananen lose 4,75.8`` (4,75 B, a speck between them read as a point): no amount of either locale, but
    the price 4,75 and its tax class; the weight line under it gives the quantity."""
    receipt = ("PREISRADL\nAm Markt 14\n80331 Muenchen\n29.09.23 17:24\nEUR\nJoghurt Natur 0,49 B\n"
               "Bananen lose 4,75.8\n2,387 kg 1,99 EUR/kg\nGouda Scheiben 5,67 B\nSUMME 10,91\nEC-Karte 10,91")
    assert amounts(receipt) == [Decimal("0.49"), Decimal("4.75"), Decimal("5.67")]


def test_a_plus_with_no_tax_class_after_it_is_no_comma():
    """``7 Margarite 718+00`` on a US check (its $ read as a 7 too, no tax class): the plus makes no price of it."""
    assert Decimal("718.00") not in amounts("HARBOR TAVERN\n08/21/2023 12:40\nWings 12.99\n7 Margarite 718+00\n"
                                            "Fries 4.50\nSubtotal 35.49\nTotal 35.49")


def test_prices_whose_point_came_out_a_digit_or_other_glyphs_are_read_as_the_subtotal_needs_them():
    """A phone photo's point read as a 4 (``Cheesecake 7450``: 7.50, not 74.50), a hyphen or a letter
    (``Caesar Salad 9-50``, ``Iced Tea 2e99``), or two specks (``Lasagna 35.+98``); taken only where the
    items then make the subtotal."""
    receipt = """
CASA VERDE CANTINA
12 Main St
Springfield, IL 62701
2023-02-16 12:39
1 Coffee 2.50
1 Cheesecake 7450
1 Caesar Salad 9-50
1 Iced Tea 2e99
2 Lasagna 35.+98
Subtotal 58.47
"""
    assert amounts(receipt) == [Decimal("2.50"), Decimal("7.50"), Decimal("9.50"), Decimal("2.99"), Decimal("35.98")]
    assert amounts(receipt.replace("Subtotal 58.47", "Subtotal 60.00")) == [Decimal("2.50")]


@pytest.mark.parametrize(("label", "read"), [("ASUBTOAE", [Decimal("13.95"), Decimal("11.75"), Decimal("28.50")]),
                                             ("Family Platter", [Decimal("13.95"), Decimal("11.75"), Decimal("28.50"),
                                                                 Decimal("54.20")])])
def test_a_garbled_subtotal_costing_what_the_items_above_cost_is_no_item(label, read):
    """``ASUBTOAE 554.20`` under items of 54.20: a subtotal's label, its SUBT read among garbled letters,
    whose amount the items make, where one of two taxes was not read (the tax read does not bring it to the
    total): no item. A dish costing as much as the items above it (``Family Platter``) stays one."""
    assert amounts(f"""
Welcome to Lucky Dragon
6764 Broadway
Springfield, IL 62701
05/10/2023 9:21 PM
1 Pad Thai 13.95
1 club Sandwich 11.75
2 Fish Tacos 28. 50
{label} 554.20
State Tax 53,39
Locat Tax S1.08
TOTAL 558.67
Cash 558. 67
""") == read


@pytest.mark.parametrize("below", ["", "Iced Tea 2.99\n"])
def test_a_sub_sandwich_costing_what_the_items_above_cost_stays_an_item(below):
    """Guard: ``Sub Turkey 7.75`` under items of 7.75, no subtotal printed, last or with a drink under it: a dish
    whose name opens with SUB and a T-word is no garbled subtotal (that is one word of SUBTOTAL's letters)."""
    read = amounts(f"""
DELI
Chips 4.50
Soup 3.25
Sub Turkey 7.75
{below}Tax 1.16
Total 19.88
""")
    assert Decimal("7.75") in read and len(read) == 3 + bool(below)


@pytest.mark.parametrize("subtotal", ["Sub (otal 648.92", "Subtetat 48.92", "Sub Ietal 48.92", "Sub Total 4892}"])
def test_the_items_end_at_a_subtotal_whose_label_or_amount_ocr_garbled(subtotal):
    """``Sub (otal`` (a stray glyph for the t), ``Subtetat`` (two letters misread), ``Sub Total 4892}``
    (its amount no amount): the subtotal all the same; the tax lines under it are no items."""
    assert items(f"""
BLUE HERON GRILL
2371 Route 9
Austin, TX 78701
1 Margarita 9.00
1 Onion Rings 5.99
2 Caesar Salad 19.00
1 Coke 2.75
{subtotal}
StaterTax 53.06
Heals Tar 90.98
Balance Due 52.14
""") == [("Margarita", Decimal(1), Decimal("9.00"), Decimal("9.00")),
         ("Onion Rings", Decimal(1), Decimal("5.99"), Decimal("5.99")),
         ("Caesar Salad", Decimal(2), Decimal("9.50"), Decimal("19.00")),
         ("Coke", Decimal(1), Decimal("2.75"), Decimal("2.75"))]


def test_items_whose_names_start_like_a_subtotal_are_items():
    assert amounts("""
SUBWAY
12 Main St
Springfield, IL 62701
SUBWAY CLUB 6.99
SUB FRIES 2.00
SUBTOTAL 8.99
""") == [Decimal("6.99"), Decimal("2.00")]


def test_a_modifier_known_by_its_word_is_part_of_its_item_though_a_slanted_photo_set_it_in_less():
    """``sub fries`` and ``extre cheese`` (EXTRA, one letter misread) set in by one character under their
    items: modifiers; ``Tori Soboro Don`` set in as far opens no modifier's word: an item."""
    assert items("""
GOLDEN SPOON BISTRO
2 Caesar Salad 19.00
 sub fries 2.00
1 Cheeseburger 13.49
 extre cheese 1.00
1 Roll Set 8.90
 Tori Soboro Don 6.80
1 Coke 2.75
1 Iced Tea 2.99
Subtotal 56.93
""") == [("Caesar Salad, sub fries", Decimal(2), None, Decimal("21.00")),
         ("Cheeseburger, extre cheese", Decimal(1), None, Decimal("14.49")),
         ("Roll Set", Decimal(1), Decimal("8.90"), Decimal("8.90")), ("Tori Soboro Don", None, None, Decimal("6.80")),
         ("Coke", Decimal(1), Decimal("2.75"), Decimal("2.75")), ("Iced Tea", Decimal(1), Decimal("2.99"), Decimal("2.99"))]


MODIFIED_CHECK = """
THE SALTY PELICAN
Server: Dana Table: 14
12/18/2023 11:02 AM
Caesar Salad 28.50
{indent}side ranch 0.75
Cheeseburger 13.49
{indent}extra cheese 1.00
Sub Total 43.74
Total 47.35
"""


def test_modifiers_set_in_under_their_items_leave_the_items_usual_left_edge_where_the_items_start():
    """As many worded modifiers as items (``side ranch``, ``extra cheese`` set in a character): their own edge
    is no item's usual left edge, which would leave them set in by nothing and items of their own."""
    assert items(MODIFIED_CHECK.format(indent=" ")) == [
        ("Caesar Salad, side ranch", None, None, Decimal("29.25")),
        ("Cheeseburger, extra cheese", None, None, Decimal("14.49"))]


def test_worded_lines_at_the_items_own_left_edge_stay_items():
    """Guard: ``side ranch`` and ``extra cheese`` starting where the items start are items of their own."""
    assert amounts(MODIFIED_CHECK.format(indent="")) == [
        Decimal("28.50"), Decimal("0.75"), Decimal("13.49"), Decimal("1.00")]


def test_a_modifier_whose_lost_price_the_subtotal_restores_is_part_of_its_item():
    """``add bacon 150``: the modifier's point lost, its price found by the subtotal; it is
    merged into the item above as any priced modifier."""
    assert items("""
RED BARN BBQ
12 Main St
Springfield, IL 62701
1 Cheeseburger 13.49
   add bacon 150
1 Coke 2.75
Subtotal 17.74
""") == [("Cheeseburger, add bacon", Decimal(1), None, Decimal("14.99")), ("Coke", Decimal(1), Decimal("2.75"),
                                                                        Decimal("2.75"))]


def test_a_checks_server_line_is_no_name_for_the_garbled_item_under_it():
    """``Servar: Luk`` (SERVER, one letter misread) over an item whose name OCR garbled into no word:
    the server's line names no dish."""
    receipt = extract_receipt(ocr("""
HARBOR LIGHT TAVERN
6311 Elm Street
Austin, TX 78701
Table 14/3 Check: 70463
Servar: Luk
2 [0r00n8 35,98
Iced Tea 2.99
Subtotal 38.97
"""))
    assert "Servar: Luk" not in [item.description for item in receipt.items]


def test_a_restaurants_comp_and_happy_hour_take_money_off_whatever_ocr_made_of_their_minus():
    """``Cowp Hanager 2.00`` (Comp Manager, two letters misread) and ``Happy Hour 5.00``: reductions, their
    minus lost; ``Parking 1 Hour`` is no comp."""
    assert amounts("""
RED BARN BBQ
12 Main St
Springfield, IL 62701
1 Cheeseburger 13.49
1 Coke 2.75
Parking 1 Hour 2.00
Cowp Hanager 2.00
Happy Hour 5.00
Subtotal 11.24
Tax 0.68
Total 11.92
""") == [Decimal("13.49"), Decimal("2.75"), Decimal("2.00"), Decimal("-2.00"), Decimal("-5.00")]


def test_items_named_like_a_slipped_subtotal_over_the_subtotal_read_right_are_items():
    """``SUB ITAL`` and a modifier's ``sub tots`` are two letters from SUBTOTAL; the subtotal read right
    below them says they are no subtotal."""
    assert amounts("""
JERSEY DELI
12 Main St
Springfield, IL 62701
SUB ITAL 7.99
SUB TUNA 6.99
CHIPS 1.50
SUBTOTAL 16.48
""") == [Decimal("7.99"), Decimal("6.99"), Decimal("1.50")]
    assert items("""
RED BARN BBQ
1 Burger 12.99
   sub tots 1.50
1 Coke 2.75
1 Iced Tea 2.99
Subtotal 20.23
""") == [("Burger, sub tots", Decimal(1), None, Decimal("14.49")), ("Coke", Decimal(1), Decimal("2.75"), Decimal("2.75")),
         ("Iced Tea", Decimal(1), Decimal("2.99"), Decimal("2.99"))]


@pytest.mark.parametrize(("name", "price_line"), [("Fisch 250g", "2 x 1,99 3,98 B"), ("TABLE SALT 26OZ", "2 @ 1.29 2.58")])
def test_an_articles_name_like_a_checks_header_word_names_the_price_under_it(name, price_line):
    """``Fisch`` (one letter from TISCH), ``TABLE SALT`` (no number or colon after the word): articles."""
    receipt = extract_receipt(ocr(f"""
FRISCHMARKT
Hauptstr. 1
50667 Koeln
{name}
{price_line}
Brot 2,49
SUMME 6,47
"""))
    assert receipt.items[0].description == name


def test_a_slanted_photos_items_opening_with_other_words_are_no_modifiers():
    """``Double Espresso`` set in half a character under ``Cold Brew``: an item (DOUBLE is no modifier's
    word, and COLD no misread HOLD)."""
    def row(i: int, left: int, name: str, price: str) -> OcrLine:
        box = (left, 30 * i, 400, 30 * i + 24)
        return OcrLine(f"{name} {price}", box=box, confidence=0.8,
                       words=(OcrLine(name, box=(left, box[1], left + 12 * len(name), box[3])),
                              OcrLine(price, box=(400 - 12 * len(price), box[1], 400, box[3]))))

    lines = [OcrLine("BEAN THERE CAFE", box=(100, 0, 280, 24)), row(1, 10, "Cold Brew", "4.25"),
             row(2, 17, "Double Espresso", "3.50"), row(3, 10, "Muffin", "2.95"), row(4, 10, "Subtotal", "10.70")]
    assert [i.amount for i in extract_receipt(lines).items] == [Decimal("4.25"), Decimal("3.50"), Decimal("2.95")]


def test_a_side_ordered_at_a_counted_items_name_column_is_an_item():
    """``Side Salad`` starting where ``Burger``'s name starts, right of its count: an item of its own."""
    def row(i: int, words: list[tuple[int, str]], price: str) -> OcrLine:
        top, text = 30 * i, " ".join(word for _, word in words) + f" {price}"
        boxes = tuple(OcrLine(word, box=(left, top, left + 12 * len(word), top + 24)) for left, word in words)
        return OcrLine(text, box=(words[0][0], top, 400, top + 24), confidence=0.8,
                       words=boxes + (OcrLine(price, box=(400 - 12 * len(price), top, 400, top + 24)),))

    lines = [OcrLine("RED BARN BBQ", box=(100, 0, 244, 24)), row(1, [(10, "1"), (34, "Burger")], "12.99"),
             row(2, [(34, "Side"), (94, "Salad")], "4.99"), row(3, [(10, "1"), (34, "Coke")], "2.75"),
             row(4, [(10, "Subtotal")], "20.73")]
    assert [i.amount for i in extract_receipt(lines).items] == [Decimal("12.99"), Decimal("4.99"), Decimal("2.75")]


def test_a_price_dearer_than_the_whole_bill_is_its_sign_read_as_a_digit_or_no_price():
    """``Cheeseburger 413.49`` on a bill of 29.48: its $ read as a 4 (13.49; no subtotal was read, so
    nothing else says it); a header's number over the items is no article."""
    assert amounts("""
Harbor Grill
12 Main St
Ref 0440 403,827.00
Cheeseburger 413.49
Fries 4.50
Iced Tea 2.99
Coffee 1.49
Onion Rings 5.99
Tax 1.50
Total 29.48
Cash 40.00
Change 10.52
""") == [Decimal("13.49"), Decimal("4.50"), Decimal("2.99"), Decimal("1.49"), Decimal("5.99")]


def test_prices_far_over_a_total_its_own_arithmetic_confirms_are_no_prices_however_many():
    """Two of three prices many times the bill, but the card and the VAT table's gross both print
    the total (``Cartao Credito 23,04``, ``21,74 1,30 23,04``): a header's numbers and a price read
    with digits glued on, not a misread total; the one price within the bill stays."""
    assert amounts("""
Continente
NIF P160204147616 403,827,0
AZEITE VE RESERVA GALLO 751,90
BURRATA DE VACA 2,79
TOTAL A PAGAR 23,04
Cartao Credito 23,04
Taxa IVA Liquido IVA Total
6% 21,74 1,30 23,04
""") == [Decimal("2.79")]


def test_an_article_code_read_with_a_price_of_cents_alone_is_that_price_under_a_total_that_adds_up():
    """``CORN TORTILLAS || 7064291 || .88`` and ``BANANAS || 4011 || .84`` read as 7064291.88 and 4011.84
    on a bill of 7.61 that subtotal and tax make: the code is no price, the cents are."""
    assert amounts("""
WinCo Foods
Boise, ID 83702
07/22/24 18:41
CORN TORTILLAS 7064291 .88 FS
CHEDDAR SHRD 3.48 FS
BANANAS 4011 .84 FS
DISH SOAP 1.98
SUBTOTAL 7.18
TOTAL TAX .43
TOTAL 7.61
DEBIT CARD TENDER 7.61
""") == [Decimal("0.88"), Decimal("3.48"), Decimal("0.84"), Decimal("1.98")]


def test_prices_over_a_total_that_is_less_than_most_of_them_stay_as_read():
    """Half the prices or more over the total: the total was misread (``Summe 0,21``), not they."""
    assert amounts("""
Pflegepunkt
EUR
ZAHNCREME 4,95 A
SHAMPOO 2,45 A
DUSCHGEL 1,29 A
Summe 0,21
""") == [Decimal("4.95"), Decimal("2.45"), Decimal("1.29")]



@pytest.mark.parametrize("text", [
    "Diner\n12 Main St\nPancakes 6.00\nCoffee 2.00\nEggs 6.21\nTOTAL 4.21\n09/01/16",  # the total a digit short
    "Apotheke am Markt\nLindenstr. 4\nPantoprazol 20mg 18,47\nIbuprofen 5,99\nSumme 10,90\nBar 10,90",  # a co-payment
])
def test_a_price_somewhat_over_the_total_stays_as_read(text):
    assert all(item.amount in (Decimal("6.00"), Decimal("2.00"), Decimal("6.21"), Decimal("18.47"), Decimal("5.99"))
               for item in extract_receipt(ocr(text)).items)


def counted(text: str) -> list[tuple[Decimal, Decimal | None]]:
    return [(i.amount, i.quantity) for i in extract_receipt(ocr(text)).items]


def test_a_priced_modifier_under_a_run_of_unpriced_ones_is_part_of_its_item():
    """Rice, beans and salsa set in under the bowl, then ``Guacamole 2.95``: still the bowl's."""
    assert amounts("""
Chipotle
12/02/2026 7:05 PM
Burrito Bowl     11.45
   White Rice
   Black Beans
   Salsa
   Guacamole      2.95
Chips             2.00
Subtotal         16.40
Total            16.40
""") == [Decimal("14.40"), Decimal("2.00")]


@pytest.mark.parametrize(("line", "name"), [
    ("Al Pastor Taco x 3      $10.50", "Al Pastor Taco"), ("Al Pastor Taco (x3)  $10.50", "Al Pastor Taco"),
    ("Al Pastor Taco x 3  S10.50", "Al Pastor Taco"), ("Al Pastor Taco  Qty 3  10.50", "Al Pastor Taco"),
    ("Al Pastor Taco  Qty: 3  $10.50", "Al Pastor Taco"),
])
def test_a_count_after_the_name_before_a_dollar_sign_or_in_a_qty_column(line, name):
    receipt = extract_receipt(ocr(f"Taco Truck\n12/03/2026 1:22 PM\n{line}\nHorchata  $5.00\nSubtotal  $15.50"))
    taco = receipt.items[0]
    assert (taco.amount, taco.quantity, taco.description) == (Decimal("10.50"), Decimal(3), name)


@pytest.mark.parametrize(("name", "amount"), [("7Up Can", "2.00"), ("2Liter Coke", "3.00"), ("3Musketeers Bar", "1.29"),
                                            ("9LIVES DRY FOOD", "4.50")])
def test_a_number_glued_to_a_name_is_the_name_and_no_count(name, amount):
    assert counted(f"Deli\n12/03/2026 1:22 PM\n{name} {amount}\nChips 1.00\nSubtotal 9.99")[0] == (
        Decimal(amount), None)


@pytest.mark.parametrize(("line", "amount"), [("   Add Side Salad 4.OO", "21.50"), ("Side Salad 4.OO", "4.00")])
def test_a_whole_price_whose_cents_ocr_read_as_letters_is_a_price(line, amount):
    """``4.OO``: one real digit, both cents read as O (add-ons cost whole dollars)."""
    assert amount in [str(a) for a in amounts(f"O'Malley's Pub\n12/05/2026 10:14 PM\nShepherd's Pie 17.50\n"
                                              f"{line}\nGuinness 8.00\nSubtotal 29.50\nTotal 29.50")]


def test_a_subtotal_labelled_with_the_orders_kind_is_no_item():
    """In-N-Out's ``Counter-Eat In 15.65``: what the items above cost, the tax bringing it to the total."""
    receipt = extract_receipt(ocr("IN-N-OUT BURGER\n12/04/2026 12:30 PM\n2 Dbl-Dbl 11.90\n1 Shake Choc 3.75\n"
                                  "Counter-Eat In 15.65\nTAX 1.60\nAmount Due $17.25"))
    assert ([i.amount for i in receipt.items], receipt.subtotal) == ([Decimal("11.90"), Decimal("3.75")],
                                                                    Decimal("15.65"))
    assert receipt.flags["subtotal_plus_tax_equals_total"]


@pytest.mark.parametrize(("saving", "off"), [("  MVP SAVINGS -2.00", "-2.00"), ("  MFR CPN -1.00", "-1.00"),
                                           ("  E-VIC SAVINGS 2.00-", "-2.00"),
                                           ("  Target Circle 10% off $0.99-", "-0.99")])
def test_money_taken_off_under_an_item_is_no_modifier_of_it(saving, off):
    """A store's savings, a maker's coupon, a loyalty offer set in under the article: items of their own."""
    assert amounts(f"FOOD LION\nSalisbury NC 28144\n12/05/26 9:01am\nCHKN BREAST 9.87\n{saving}\nBREAD 1.59\n"
                   "TOTAL 9.46") == [Decimal("9.87"), Decimal(off), Decimal("1.59")]


@pytest.mark.parametrize(("pump", "amount", "volume"), [
    ("GALLONS 9.614\nPRICE/G S5.299\nFUEL SALE S50.94", "50.94", "9.614"),  # the price's $ read as a 5
    ("PUMP 04 REGULAR\n42.318 L @ 142.9 c/L\nFUEL 60.47", "60.47", "42.318"),  # cents per litre (Canada)
    ("PUMP 5 REGULAR\n10.512 GAL @ $3.459/GAL\nFUEL 36.36", "36.36", "10.512"),  # the sale printed under it
])
def test_a_pumps_volume_and_price_per_unit_make_one_fuel_item(pump, amount, volume):
    assert counted(f"SHELL\nSACRAMENTO CA 95822\n11/27/2026 17:48\n{pump}\nCAR WASH 12.00\nTOTAL 99.99") == [
        (Decimal(amount), Decimal(volume)), (Decimal("12.00"), None)]


def test_a_weighed_articles_kilograms_at_a_price_are_no_fuel():
    assert counted("SUPERSTORE\nCalgary AB T2Z 4J2\nDEC 02 2026 15:33\nCHICKEN 21.66\n  1.230 kg @ $17.61/kg\n"
                   "EGGS 3.69\nSUBTOTAL 25.35\nTOTAL 25.35") == [(Decimal("21.66"), Decimal("1.230")),
                                                             (Decimal("3.69"), None)]


def test_a_coupon_between_the_subtotal_and_the_total_is_an_item_and_leaves_the_total_as_printed():
    receipt = extract_receipt(ocr("REWE\nLACHS 4,99 B\nPROSECCO 5,49 A\nZWISCHENSUMME 10,48\nCOUPON RABATT -2,00 A\n"
                                  "SUMME EUR 8,48\n05.12.2026 11:48"))
    assert (receipt.subtotal, receipt.total) == (Decimal("10.48"), Decimal("8.48"))
    assert [i.amount for i in receipt.items] == [Decimal("4.99"), Decimal("5.49"), Decimal("-2.00")]


@pytest.mark.parametrize(("taken_off", "paid"), [("Leergutbon -3,25 A", "4,52"), ("Coupon -0,50 B", "7,27")])
def test_money_taken_off_between_a_plain_sum_and_what_is_left_to_pay_is_an_item(taken_off, paid):
    """``Summe 7,77`` / ``Leergutbon -3,25 A`` / ``Zu zahlen 4,52``: the sum is the subtotal under another label."""
    receipt = extract_receipt(ocr(f"Netto\nKirchstr. 2\n99084 Erfurt\nButtertoast 1,99 B\nGouda 2,49 B\n"
                                  f"Waschmittel 3,29 A\nSumme 7,77\n{taken_off}\nZu zahlen {paid}\n28.11.2026"))
    assert receipt.total == Decimal(paid.replace(",", "."))
    assert [i.amount for i in receipt.items] == [Decimal("1.99"), Decimal("2.49"), Decimal("3.29"),
                                                 Decimal(taken_off.split()[-2].replace(",", "."))]


def test_money_taken_off_under_a_plain_sum_is_an_item_where_the_vat_tables_net_is_the_subtotal():
    text = ("Netto\nButtertoast 1,99 B\nGouda 2,49 B\nKaffee 1,99 B\nSumme 6,47\nLeergutbon -3,25 B\nZu zahlen 3,22\n"
            "Bar 5,00\nRückgeld 1,78\nB 7% 3,01 0,21 3,22\n28.11.2026 08:11")
    assert amounts(text)[-1] == Decimal("-3.25")


def test_a_sum_repeated_as_what_is_left_to_pay_takes_nothing_off():
    assert amounts("Netto\nButtertoast 1,99 B\nGouda 2,49 B\nSumme 4,48\nZu zahlen 4,48\nBar 5,00\nRückgeld 0,52\n"
                   "28.11.2026") == [Decimal("1.99"), Decimal("2.49")]


def test_a_warehouse_clubs_instant_saving_printed_by_codes_alone_takes_money_off():
    """Costco's ``352118 /1299788 100.00-A``: no name, the code of the article it is taken off."""
    assert amounts("Costco\n12/01/2026 18:22\n1299788 ROOMBA J7 349.99 A\n352118 /1299788 100.00-A\n"
                   "1100201 KS PAPERTOWEL 23.99 A\nSUBTOTAL 273.98\nTOTAL 273.98") == [
        Decimal("349.99"), Decimal("-100.00"), Decimal("23.99")]


def test_a_crates_bottles_and_their_size_are_no_count_where_they_do_not_make_the_price():
    assert items("trinkgut\nGerolsteiner 12x0,75 6,49\nCola 2 x 1,49 2,98\nSumme 9,47") == [
        ("Gerolsteiner 12x0,75", None, None, Decimal("6.49")), ("Cola", Decimal("2"), Decimal("1.49"), Decimal("2.98"))]


def test_an_articles_saving_listed_between_the_subtotal_and_the_total_is_an_item_where_it_makes_the_total():
    """Tesco's ``CLUBCARD PRICES`` block: the article's name, its saving, under the subtotal."""
    assert amounts("Tesco\nLondon EC1N 2HP\nMILK 2PT £1.55\nNESCAFE GOLD £5.50\nSUBTOTAL £7.05\nCLUBCARD PRICES\n"
                   "NESCAFE GOLD -£1.25\nTOTAL £5.80\n04/12/26 18:32") == [Decimal("1.55"), Decimal("5.50"),
                                                                       Decimal("-1.25")]


def test_a_multibuys_numbers_are_no_count():
    assert counted("Superdrug\nLeeds LS1 6HD\nPADS £1.29\nMICELLAR £5.99\n3 FOR 2 SAVING -£5.99\nTOTAL £1.29")[-1] == (
        Decimal("-5.99"), None)


@pytest.mark.parametrize("pump", ["Saule 4 Super E10\n  41,23 l x 1,779 EUR/l\n   73,35 EUR A",
                                  "Zapfsäule 4 Super E10\nMenge: 41,23 l\nPreis: 1,779 EUR/l\nBetrag: 73,35 EUR"])
def test_a_german_pumps_litres_with_two_decimals_at_a_price_with_three_are_one_fuel_item(pump):
    assert counted(f"Aral\nHauptstr. 1\n10115 Berlin\n{pump}\nKaffee 3,49 EUR A\nSumme 76,84\n03.12.2026 10:00") == [
        (Decimal("73.35"), Decimal("41.23")), (Decimal("3.49"), None)]


@pytest.mark.parametrize("pump", ["Menge Preis Betrag\n25,61 l 1,849 EUR/l 47,35 EUR", "25,61 l 1,849 47,35 A"])
def test_a_german_pumps_litres_and_price_per_litre_without_an_x_are_one_fuel_item(pump):
    """German pumps print litres, the price per litre with three decimals and the amount on one line, no ``x``
    between them, under a ``Menge Preis Betrag`` header or under the pump's label: the price is not cut to cents."""
    fuel = items(f"ESSO\nFrankfurter Str. 210\n63067 Offenbach\nSäule 3 Super E5\n{pump}\nGesamt EUR 47,35")[0]
    assert fuel[1:] == (Decimal("25.61"), Decimal("1.849"), Decimal("47.35"))


def test_a_bottles_size_at_its_price_is_no_fuel():
    assert items("Kiosk\nHauptstr. 1\n12345 Stadt\nCola 1,5 l 0,99 EUR\nChips 1,80 EUR\nSumme 2,79") == [
        ("Cola 1,5 l", None, None, Decimal("0.99")), ("Chips", None, None, Decimal("1.80"))]


@pytest.mark.parametrize(("line", "amount", "count"), [("Tea 3 @ 1.00  3.OO", "3.00", 3),
                                                       ("2 @ 4.50 Tart  9.OO", "9.00", 2)])
def test_a_counts_line_total_whose_digits_ocr_read_as_letters_is_the_items_amount(line, amount, count):
    assert counted(f"Jade Palace\n12/06/2026 11:40 AM\nHar Gow 13.90\n{line}\nSubtotal 99.99")[1] == (
        Decimal(amount), Decimal(count))


def test_a_count_before_a_multibuys_price_stays_a_count():
    """``3 LIMES 1.00``: three for a dollar, whatever the price in cents the count does not divide."""
    assert counted("KROGER\n3 LIMES 1.00\n3 AVOCADOS HASS 5.00\nSUBTOTAL 6.00")[0] == (Decimal("1.00"), Decimal(3))


@pytest.mark.parametrize("count", ["2 x 1,29 EUR", "2 Stk x 1,29 EUR", "2 Stück x 1,29", "2 Stuck x 1,29", "2 à 1,29"])
def test_a_german_count_line_with_its_currency_or_spelled_out_pieces_counts_the_item_above(count):
    assert counted(f"Kaufland\nMilch 1,19 A\nHaferdrink 2,58 A\n{count}\nSumme 3,77")[1] == (Decimal("2.58"), Decimal(2))


@pytest.mark.parametrize("first", ["COLGATE TOTAL 2,45 B", "Lenor Summer Breeze 1,4L 2,45 A"])
def test_a_total_word_ending_an_articles_name_does_not_end_the_items(first):
    """``COLGATE TOTAL 2,45``: a product, the articles under it still items; ``Summer`` is no ``Summe``."""
    assert amounts(f"dm-drogerie markt\n{first}\nBalea Dusche 0,95 A\nTempo 1,45 A\nSUMME EUR 4,85") == [
        Decimal("2.45"), Decimal("0.95"), Decimal("1.45")]


@pytest.mark.parametrize("deposit", ["  BOTTLE DEP 0.40", "  CRV 0.40"])
def test_a_drinks_deposit_set_in_under_it_is_an_item_of_its_own(deposit):
    assert amounts(f"Market Basket\nMB MUFFIN 1.99\nGATORADE 8PK 6.99\n{deposit}\nSUBTOTAL 9.38") == [
        Decimal("1.99"), Decimal("6.99"), Decimal("0.40")]


def test_a_compare_at_price_under_an_item_is_no_item():
    assert amounts("Burlington\nWOMENS PUFFER JACKET 39.99\n  Compare At 100.00\nTHROW BLANKET 12.99\n"
                   "SUBTOTAL 52.98\nTAX 2.97\nTOTAL 55.95") == [Decimal("39.99"), Decimal("12.99")]


@pytest.mark.parametrize("pump", ["  10.114 GAL @ 2.919 29.52", "10.114 G @ 2.919 29.52"])
def test_a_pumps_volume_at_its_price_with_the_amount_they_make_on_one_line_is_one_fuel_item(pump):
    assert counted(f"Maverik\n12/01/26 12:44\nPUMP 2 UNLEADED\n{pump}\nCAR WASH 12.00\nSUBTOTAL 41.52") == [
        (Decimal("29.52"), Decimal("10.114")), (Decimal("12.00"), None)]


@pytest.mark.parametrize(("after", "total", "rung_up"), [
    ("Tragetasche 0,20 A\nLeergutbon -0,81 B", "2,87", ["0.20", "-0.81"]),
    ("Leergutbon -1,50 B\nSchokoriegel 0,89 A", "2,87", ["-1.50", "0.89"]),
])
def test_what_is_rung_up_with_empties_after_the_subtotal_is_an_item_where_it_makes_the_total(after, total, rung_up):
    receipt = extract_receipt(ocr(f"REWE\nMILCH 1,19 B\nBUTTER 2,29 B\nZWISCHENSUMME EUR 3,48\n{after}\nSUMME EUR {total}\n"
                                  "05.12.2026 11:02"))
    assert receipt.total == Decimal(total.replace(",", "."))
    assert [i.amount for i in receipt.items] == [Decimal("1.19"), Decimal("2.29"), *map(Decimal, rung_up)]


@pytest.mark.parametrize("bon", ["Pfandbon 05.12.2026 -3,25 B", "Leergutbon 05.12.26 09:41 -3,25 B"])
def test_an_empties_bon_that_prints_the_day_is_an_item_not_the_headers_date_line(bon):
    assert amounts(f"EDEKA\nHauptstr. 1\n10115 Berlin\nBananen 1,49 A\n{bon}\nKaffee 5,99 A\nSUMME EUR 4,23\n"
                   "05.12.2026 11:02") == [Decimal("1.49"), Decimal("-3.25"), Decimal("5.99")]


@pytest.mark.parametrize("modifier", ["  No Cheese -0.50", "  Sub Side Salad -1.00"])
def test_a_modifier_that_costs_less_is_part_of_its_item(modifier):
    assert amounts(f"Diner\nCheeseburger 10.49\n{modifier}\nFries 3.00\nSubtotal 99.99")[0] == Decimal("10.49") + Decimal(
        modifier.split()[-1])


@pytest.mark.parametrize(("section", "after"), [("MERCHANDISE TOTAL 31.95", "GIFT WRAP 4.99"),
                                                ("FUEL TOTAL 31.95", "ROLLER TAQUITO 4.99")])
def test_a_section_total_over_more_articles_is_no_article(section, after):
    assert amounts(f"SHOP\nSHIRT 20.00\nTIE 11.95\n{section}\n{after}\nSUBTOTAL 36.94\nTAX 2.00\nTOTAL 38.94") == [
        Decimal("20.00"), Decimal("11.95"), Decimal("4.99")]


def test_an_order_total_over_a_tip_ends_the_items():
    assert amounts("Pizza Place\nLarge Pepperoni Pizza 18.99\nGarlic Knots 5.99\nOrder Total 24.98\nDriver Tip 5.00\n"
                   "Grand Total 29.98") == [Decimal("18.99"), Decimal("5.99")]


def test_meat_by_the_pound_at_its_price_is_no_fuel():
    assert counted("WHOLE FOODS\nKING CRAB LEGS 2.150 LB @ 59.99 128.98\nTOTAL 128.98")[0][0] == Decimal("128.98")


def test_each_sections_total_sums_its_own_articles():
    assert amounts("SHOP\nMILK 3.00\nBREAD 2.00\nGROCERY TOTAL 5.00\nSHAMPOO 3.50\nSOAP 1.00\nHEALTH TOTAL 4.50\n"
                   "PEN 1.00\nSUBTOTAL 10.50\nTAX 0.50\nTOTAL 11.00") == [
        Decimal("3.00"), Decimal("2.00"), Decimal("3.50"), Decimal("1.00"), Decimal("1.00")]


@pytest.mark.parametrize(("line", "price"), [
    ("4pc Chicken Nuggets 2.19", "2.19"),  # the pieces in a pack, no count
    ("8 Pc Bucket 29.99", "29.99"),
    ("10 pc Wings 15.49", "15.49"),
])
def test_the_pieces_of_a_pack_opening_its_name_are_no_count(line, price):
    assert items(f"KFC\n{line}\nMed Drink 1.99\nTOTAL 9.99")[0][1:] == (None, None, Decimal(price))


def test_money_off_opening_with_a_modifiers_word_is_no_modifier():
    assert amounts("""
MACY'S
WOOL COAT 69.50
  EXTRA 15% OFF -10.43
BOOTS 89.99
TOTAL 149.06
""") == [Decimal("69.50"), Decimal("-10.43"), Decimal("89.99")]


@pytest.mark.parametrize("size", ["20OZ", "750ML", "30PK", "40CT"])
def test_a_sizes_zero_is_no_o_of_a_name_on_the_line_under_an_items_name(size):
    assert items(f"CVS\nCOCA COLA CLASSIC\n{size} 2.49\nTOTAL 2.49")[0][0].startswith("COCA COLA")


@pytest.mark.parametrize(("text", "expected"), [
    ("Kohl's\n12/05/2026 3:14 PM\nSONOMA FLANNEL 24.00\n  ORIG 40.00\nNIKE TEE 22.50\n  ORIG 30.00\nSKILLET 29.99"
     "\nSUBTOTAL 76.49\nTAX 6.88\nTOTAL 83.37", ["24.00", "22.50", "29.99"]),
    ("Macy's\n12/05/2026 3:14 PM\nINC BLAZER 89.50\n  REG 149.00 SALE\nSCARF 22.99\nSUBTOTAL 112.49\nTAX 0.00"
     "\nTOTAL 112.49", ["89.50", "22.99"]),
    ("Kohl's\n12/05/2026 3:14 PM\nSONOMA FLANNEL 24.00\n  ORIG. $40.00\nSKILLET 29.99\nSUBTOTAL 53.99"
     "\nTOTAL 53.99", ["24.00", "29.99"]),
    ("DEICHMANN\n1780021 Stiefelette Gr.38 25,00\n  Ursprünglicher Preis 49,99\n1640021 Socken 3er 4,99"
     "\nSumme 29,99\ngirocard 29,99\n21.11.2026 15:12", ["25.00", "4.99"]),
    ("SATURN\n2891201 SONY WH-1000XM5 1 229,00 A\n  statt 399,00  Sie sparen 170,00\n1446690 SANDISK 128GB 1 14,99 A"
     "\nSumme 243,99\ngirocard 243,99\nDatum 28.11.2026", ["229.00", "14.99"]),
])
def test_a_department_stores_or_a_german_shops_former_price_under_an_item_is_no_item(text, expected):
    assert amounts(text) == [Decimal(value) for value in expected]


def test_a_fuel_grade_priced_alone_stays_an_item():
    assert amounts("SHELL\nPREPAY FUEL\nREG 40.00\nTOTAL 40.00") == [Decimal("40.00")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kaufland\nKL BOURBON VANILLESCHOTE 1,5G\n  2 x 2,49 4,98 B\nBUTTER 1,99 B\nSumme 6,97\nKartenzahlung 6,97"
     "\n03.12.2024 10:12", ["4.98", "1.99"]),  # a size in grams over its count and price, no price of its own
    ("GNC\n200 MAIN ST\nBOISE ID 83702\nCREATINE 5.0g N\n  1 @ 29.99 29.99\nSUBTOTAL 29.99\nTOTAL 29.99"
     "\n12/03/2024 7:41 PM", ["29.99"]),
    ("Getränkemarkt\nSTATT-BRÄU PILS 20X0,5 14,99 A\nPFAND 3,10 A\nSUMME EUR 18,09\nBar 20,00\n03.12.2024 17:41",
     ["14.99", "3.10"]),  # an article named like a former price's word
    ("Saturn\nUVP-ADAPTER USB-C 12,99 A\nSANDISK 128GB 14,99 A\nSumme 27,98\ngirocard 27,98\nDatum 28.11.2024",
     ["12.99", "14.99"]),
    ("Deichmann\n1780021 Stiefelette Gr.38\n  statt 49,99 jetzt 25,00\n1640021 Socken 3er 4,99\nSumme 29,99"
     "\ngirocard 29,99\n21.11.2026 15:12", ["25.00", "4.99"]),  # the row says what it costs now
])
def test_sizes_and_names_that_look_like_a_slip_or_a_former_price_stay_as_printed(text, expected):
    assert amounts(text) == [Decimal(value) for value in expected]


@pytest.mark.parametrize("saving", ["NECTAR PRICE SAVING 0.50", "  Cc Clubcard Price 0.50", "  MORE CARD PRICE 0.50",
                                    "  MemberPrice Saving L0.50", "  2 FOR E4 SAVING 0.50", "MEAL DEAL SAVING 0.50"])
def test_a_saving_whose_minus_ocr_lost_takes_money_off_where_the_items_then_add_up(saving):
    """A British loyalty price or multibuy saving read without its minus, on its own line or set in under its
    article (no modifier of it)."""
    assert amounts(f"Sainsbury's\nEdinburgh EH16 5PB\nBASMATI RICE 1KG 2.15\n{saving}\nNAAN BREAD 2PK 1.25\n"
                   "BALANCE DUE 2.90\n27/11/2026 18:49") == [Decimal("2.15"), Decimal("-0.50"), Decimal("1.25")]


def test_only_the_savings_whose_minus_was_lost_take_money_off_again():
    assert amounts("TESCO\nCambridge CB5 8WR\nBAKED BEANZ 4PK 4.00\n  Cc Clubcard Price -1.00\nCHICKEN BREAST 4.60\n"
                   "  Cc Clubcard Price 0.85\nFRUIT & BARLEY 1L 2.10\nTOTAL 8.85\n28/11/26 19:55") == [
        Decimal("4.00"), Decimal("-1.00"), Decimal("4.60"), Decimal("-0.85"), Decimal("2.10")]


def test_savings_as_small_as_one_another_that_either_make_the_total_stay_as_read():
    assert amounts("Sainsbury's\nLeeds LS1 5AB\nRICE 2.15\nNECTAR PRICE SAVING 0.50\nNAAN 1.25\n"
                   "NECTAR PRICE SAVING 0.50\nBALANCE DUE 3.40\n27/11/2026 18:49") == [
        Decimal("2.15"), Decimal("0.50"), Decimal("1.25"), Decimal("0.50")]  # which one lost its minus?


@pytest.mark.parametrize(("line", "price"), [("BACON ROLL 62:50", "2.50"), ("BACON ROLL £2:50", "2.50"),
                                             ("LATTE REGULAR 3:55", "3.55")])
def test_a_price_whose_point_ocr_read_as_a_colon_is_an_item_where_the_items_then_add_up(line, price):
    assert amounts(f"SPAR\nWest Bromwich B70 0DJ\n{line}\nKENCO LATTE 2.20\nTOTAL {Decimal(price) + Decimal('2.20')}\n"
                   "02/12/26 07:12") == [Decimal(price), Decimal("2.20")]


def test_a_price_whose_point_came_out_a_colon_after_a_speck_is_read_as_the_subtotal_needs_it():
    """``1 Margarita 9 :00``: the point read as a colon with a space before it (no clock); 9.00 where the
    items then make the subtotal, and the priced modifier under it is the margarita's, not the wings'."""
    receipt = """
ROSA'S TRATTORIA
7340 Main St
Springfield, IL 62701
01/30/24 3:00 PM
1 Cheesecake 7.50
3 Chicken Wings 38.97
1 Margarita 9 :00
   add bacon 1.50
SUBTOTAL 56.97
"""
    assert amounts(receipt) == [Decimal("7.50"), Decimal("38.97"), Decimal("10.50")]
    assert amounts(receipt.replace("SUBTOTAL 56.97", "SUBTOTAL 50.00")) == [Decimal("7.50"), Decimal("40.47")]


def test_a_price_whose_sign_and_point_both_came_out_digits_is_read_as_the_subtotal_needs_it():
    """``3 Pad Thai 441485``: ``$41.85`` with its sign and its point each read as a 4 (six digits, no amount);
    41.85 where the items then make the subtotal, else no item."""
    receipt = """
COPPER KETTLE
1290 Broadway
Portland, OR 97205
01/03/23 4:23 PM
1 Coke 2.75
1 Margarita 9.00
3 Pad Thai 441485
1 Iced Tea 2.99
Sub Total 56.59
"""
    assert amounts(receipt) == [Decimal("2.75"), Decimal("9.00"), Decimal("41.85"), Decimal("2.99")]
    assert amounts(receipt.replace("Sub Total 56.59", "Sub Total 56.00")) == [
        Decimal("2.75"), Decimal("9.00"), Decimal("2.99")]


def test_a_clock_on_a_named_line_that_makes_no_sum_is_no_item():
    assert amounts("CAFFE NERO\nLeeds LS1 6HB\nLATTE 3.55\nREADY AT 12:30\nHOT CHOCOLATE 4.10\nTOTAL 8.00\n"
                   "04/12/2026 13:10") == [Decimal("3.55"), Decimal("4.10")]


@pytest.mark.parametrize("number", ["Vat Number: 66O 4548 36", "VAT Registration No 22O 4302 31",
                                    "Company No. 4O3 1467 12"])
def test_the_shops_vat_or_company_number_is_no_item_beside_a_saving(number):
    assert amounts(f"Sainsbury's\nCardiff CF10 2BY\n{number}\nHOUMOUS 200G £1.10\nNECTAR PRICE SAVING -£0.50\n"
                   "CARROTS £0.85\nBALANCE DUE £1.45\n01/12/2026 13:05") == [Decimal("1.10"), Decimal("-0.50"),
                                                                           Decimal("0.85")]


def test_a_header_number_far_over_the_bill_is_no_item_beside_a_saving():
    assert amounts("Sainsbury's\nCardiff CF10 2BY\nRef 66O 4548 36\nHOUMOUS 200G £1.10\nNECTAR PRICE SAVING -£0.50\n"
                   "CARROTS £0.85\nBALANCE DUE £1.45\n01/12/2026 13:05") == [Decimal("1.10"), Decimal("-0.50"),
                                                                           Decimal("0.85")]


def test_an_article_dearer_than_the_total_after_a_large_discount_stays():
    assert amounts("Currys\nLeeds LS1 5AB\nTELEVISION 40IN 100.00\nPRICE MATCH DISCOUNT -95.00\nTOTAL 5.00\n"
                   "04/12/2026 13:10") == [Decimal("100.00"), Decimal("-95.00")]


def test_a_count_lines_amount_alone_on_the_line_under_it_is_the_items():
    assert counted("Sainsbury's\nCardiff CF10 2BY\nHOUMOUS 200G £1.10\nJ2O ORANGE 275ML\n  2 @ £1.75\n£3.50\n"
                   "BALANCE DUE £4.60\n01/12/2026 13:05") == [(Decimal("1.10"), None), (Decimal("3.50"), Decimal(2))]


def test_an_amount_under_a_count_line_that_the_count_does_not_make_is_not_the_items():
    assert counted("Sainsbury's\nCardiff CF10 2BY\nJ2O ORANGE 275ML\n  2 @ £1.75\n£3.40\nBALANCE DUE £3.40\n"
                   "01/12/2026 13:05")[0] != (Decimal("3.40"), Decimal(2))


@pytest.mark.parametrize("sign", ["f", "E", "L", "£"])
def test_a_count_after_the_name_before_a_pound_sign_read_as_a_letter(sign):
    assert counted(f"PizzaExpress\nBath BA1 2AB\nDough Balls {sign}6.25\nPeroni 330ml x2 {sign}10.90\n"
                   f"Total {sign}17.15\n04/12/26 20:58") == [(Decimal("6.25"), None), (Decimal("10.90"), Decimal(2))]


def test_a_discount_between_a_first_total_and_the_balance_due_is_an_item():
    assert amounts("B&Q\nCardiff CF24 5RE\nDULUX EMULSION 10L 48.00\nDUST SHEET 4.50\nTOTAL 52.50\n"
                   "TRADEPOINT CARD DISCOUNT -5.25\nBALANCE DUE 47.25\nMASTERCARD 47.25\n04/12/2026 09:14") == [
        Decimal("48.00"), Decimal("4.50"), Decimal("-5.25")]


@pytest.mark.parametrize("paid", ["NECTAR POINTS REDEEMED -5.00", "GIFT CARD -5.00"])
def test_a_payment_between_a_first_total_and_the_balance_due_is_no_item(paid):
    assert amounts(f"Sainsbury's\nLeeds LS1 5AB\nMINCE PIES 6PK 4.00\nCRACKERS 8.00\nTOTAL 12.00\n{paid}\n"
                   "BALANCE DUE 7.00\nVISA 7.00\n02/12/2026 19:07") == [Decimal("4.00"), Decimal("8.00")]


@pytest.mark.parametrize(("text", "amounts"), [
    # a tender paid under the total is no money taken off
    ("Sainsbury's\nLeeds LS1 5AB\nMINCE PIES 6PK 4.00\nCRACKERS 8.00\nTOTAL 12.00\nNECTAR SPEND -5.00\n"
     "BALANCE DUE 7.00\nVISA 7.00\n02/12/2026 19:07", ["4.00", "8.00"]),
    # a balance opening a photo whose logo was not read is no item
    ("Rewards Balance $5.00\nAvocado Toast 9.50\nCold Brew 4.75\nSubtotal 14.25\nTax 1.28\nTotal 15.53\nVISA 15.53\n"
     "12/05/2026 9:41 AM", ["9.50", "4.75"]),
    # a product named with a saving is no saving; a coupon beside it still is
    ("TARGET\nMinneapolis MN 55408\nSPACE SAVING HANGERS 3.00\nOLAY REGENERIST 25.99\nMFR COUPON 3.00\nSUBTOTAL 25.99\n"
     "TAX 0.00\nTOTAL 25.99\n12/05/2026 03:14 PM", ["3.00", "25.99", "-3.00"]),
    # a product named with a company's words is no registration number
    ("TARGET\nMinneapolis MN 55408\nHONEST COMPANY NO TEARS SHAMPOO 9.99\nPAMPERS SWADDLERS 29.99\nSUBTOTAL 39.98\n"
     "TOTAL 39.98\n12/05/2026 03:14 PM", ["9.99", "29.99"]),
    # a size's letter before a column's bar is no pound sign with a 1
    ("TARGET\nMinneapolis MN 55408\nGOODFELLOW TEE L|12.00\nUP&UP WIPES 3.99\nSUBTOTAL 15.99\nTOTAL 15.99\n"
     "12/05/2026 03:14 PM", ["12.00", "3.99"]),
])
def test_what_only_looks_like_a_saving_a_registration_number_or_a_pound_sign(text, amounts):
    assert [str(item.amount) for item in extract_receipt(ocr(text)).items] == amounts


def test_a_size_letter_glued_to_an_items_price_is_no_british_mark():
    receipt = extract_receipt(ocr("GOODWILL\nStore 221\nMENS JACKET L12.99\nKIDS BOOTS 6.99\nTOTAL 19.98\nCASH 20.00\n"
                                  "CHANGE 0.02\n04/12/2026 15:20"))
    assert receipt.currency != "GBP" and str(receipt.date) == "2026-04-12"


@pytest.mark.parametrize("text", [
    "LIDL\nKefir\n0,89 x 5\n4,45 A\nBrot 1,79 A\nzu zahlen 6,24\nKartenzahlung 6,24",  # the row in three lines
    "LIDL\nKefir 0,89 x 5 445 A\nBrot 1,79 A\nzu zahlen 6,24\nKartenzahlung 6,24",  # the amount's comma lost
    "EDEKA\nKefir 0,89 € x 5\n4,45 A\nBrot 1,79 A\nSUMME € 6,24",  # the amount wrapped to the next line
    "LIDL\nKefir 4,45 A\n0,89 x 5\nBrot 1,79 A\nzu zahlen 6,24\nKartenzahlung 6,24",  # the count under its item
    "LIDL\nKefir 0,89 x 5 4,45 A\nBrot 1,79 A\nzu zahlen 6,24\nKartenzahlung 6,24",  # the whole row on one line
])
def test_a_unit_price_before_its_count_counts_the_amount_they_make(text):
    """LIDL, NETTO and EDEKA print ``0,89 x 5`` (the unit price, then the count): 0,89 is no count."""
    assert counted(text) == [(Decimal("4.45"), Decimal(5)), (Decimal("1.79"), None)]


@pytest.mark.parametrize(("text", "kefir"), [
    ("LIDL\nKefir\n0,89 x 5\n4,40 A\nBrot 1,79 A\nzu zahlen 2,68\nKartenzahlung 2,68", (Decimal("0.89"), None)),
    ("EDEKA\nKefir 0,89 € x 5\n4,40 A\nBrot 1,79 A\nSUMME € 2,68", (Decimal("0.89"), None)),
    ("LIDL\nKefir 0,89 x 5 444 A\nBrot 1,79 A\nzu zahlen 2,68\nKartenzahlung 2,68", (Decimal("0.89"), None)),
])
def test_an_amount_the_unit_price_and_count_do_not_make_is_not_the_items(text, kefir):
    assert counted(text)[0] == kefir


@pytest.mark.parametrize("text", [
    "ALDI Nord\nToastbrot\n2 x 0,79 0,99 A\nJoghurt 1,58 A\nSumme 2,57\nKartenzahlung 2,57",
    "dm-drogerie markt\nToastbrot\n2 x 0,79 0,99 1\nJoghurt 1,58 1\nSUMME EUR 2,57",
])
def test_a_count_line_read_onto_the_price_above_counts_the_item_whose_amount_it_makes(text):
    assert counted(text) == [(Decimal("0.99"), None), (Decimal("1.58"), Decimal(2))]


@pytest.mark.parametrize("sign", ["€", "6", "C"])
def test_a_euro_sign_between_unit_price_and_count_read_as_a_digit_is_no_count(sign):
    assert counted(f"EDEKA\nActivia 0,89 {sign} x 3 2,67 A\nBrot 1,79 A\nSUMME € 4,46") == [
        (Decimal("2.67"), Decimal(3)), (Decimal("1.79"), None)]


def test_a_count_whose_amount_was_misread_stays_where_the_next_item_is_not_what_it_makes():
    assert counted("ALDI Nord\nToastbrot\n2 x 0,79 0,99 A\nJoghurt 1,59 A\nSumme 2,58\nKartenzahlung 2,58")[0] == (
        Decimal("0.99"), Decimal(2))


@pytest.mark.parametrize(("mark", "quantity"), [("4 *", None), ("A *", None), ("A", None)])
def test_a_tax_class_read_as_a_digit_after_the_last_price_is_no_count(mark, quantity):
    """REWE's ``PFAND 0,25 EURO 0,25 A *``: the A read as a 4 stands after the price, no count before it."""
    assert [(amount, None if count == 1 else count) for amount, count in counted(
        f"REWE\nCOCA-COLA 1,0L 1,19 {mark}\nPFAND 0,25 EURO 0,25 {mark}\nSUMME EUR 1,44")] == [
        (Decimal("1.19"), quantity), (Decimal("0.25"), quantity)]


def test_a_count_line_under_a_deposit_whose_class_was_read_as_a_digit_counts_it():
    assert counted("REWE\nCOLA ZERO 3,57 A *\n  3 Stk x 1,19\nPFAND 0,25 EURO O,75 4 *\n  3 Stk x O,25\n"
                   "SUMME EUR 4,32") == [(Decimal("3.57"), Decimal(3)), (Decimal("0.75"), Decimal(3))]


def test_a_discount_whose_minus_was_lost_is_settled_against_the_total_where_a_vat_tables_net_is_the_subtotal():
    """LIDL's VAT table closes with ``Summe 0,27 3,91 4,18`` (tax, net, gross): read for the subtotal, the net
    alone would leave ``Rabatt Baguette 0,46`` positive."""
    assert amounts("LIDL\nBaguette Kräuter 1,95 A\nRabatt Baguette 0,46\nSandwich 2,69 A\nzu zahlen 4,18\n"
                   "Kartenzahlung 4,18\nMWST% MWST + Netto = Brutto\nA 7% 0,27 3,91 4,18\nSumme 0,27 3,91 4,18") == [
        Decimal("1.95"), Decimal("-0.46"), Decimal("2.69")]


@pytest.mark.parametrize(("total", "expected"), [
    ("3,90", [Decimal("2.95"), Decimal("0.95")]),
    ("3,80", [Decimal("0.95")]),  # no reading of the lost comma makes the total
])
def test_a_price_whose_comma_was_lost_before_a_class_digit_where_every_price_prints_one(total, expected):
    """dm prints its tax class as a digit after the price (``0,95  2``): ``Wattepads 295  1`` is 2,95 in class 1."""
    assert amounts(f"dm-drogerie markt\nWattepads 295 1\nHaferflocken 0,95 2\nSUMME EUR {total}\n"
                   f"EC-Karte EUR {total}") == expected


@pytest.mark.parametrize(("total", "expected"), [
    ("9,26", [Decimal("4.99"), Decimal("0.79"), Decimal("0.25"), Decimal("2.49"), Decimal("0.74")]),
    ("9,30", [Decimal("4.99"), Decimal("0.79"), Decimal("2.49"), Decimal("0.74")]),  # no reading makes the total
])
def test_a_deposit_whose_comma_was_read_as_a_digit_before_a_class_letter_read_as_one(total, expected):
    """A discounter's class letters A and B after the prices, some of them read as digits (``Kaffee 4,99 4``,
    ``Cola 0,79 8``): ``Pfand 0725 0``, its comma read as a 7 and its B as a 0, is 0,25 where that makes the total."""
    assert amounts(f"NORDKAUF\nEUR\nKaffee 4,99 4\nCola 0,79 8\nPfand 0725 0\nKartoffeln 2,49 A\n"
                   f"Milch 0,74 A\nSUMME EUR {total}\nBar EUR {total}") == expected


@pytest.mark.parametrize(("total", "expected"), [
    ("14,66", [Decimal("1.70"), Decimal("-0.34"), Decimal("2.45"), Decimal("4.95"), Decimal("1.75"),
               Decimal("1.25"), Decimal("0.95"), Decimal("1.95")]),
    # no reading of the lost commas makes the total
    ("14,70", [Decimal("1.70"), Decimal("-0.34"), Decimal("1.25"), Decimal("0.95"), Decimal("1.95")]),
])
def test_prices_whose_commas_were_lost_before_the_class_letter_other_prices_show_read_as_the_same_digit(
        total, expected):
    """A drugstore's class A after its prices, OCR reading it as a 4 on some lines (``WATTEPADS 1,70 4``,
    ``Aktionsrabatt 0,34 4``): ``SHAMPOO REPAIR 245 4`` is 2,45 in class A where the lost commas make the total,
    though most prices print no class digit."""
    assert amounts(f"PFLEGEPUNKT\nEUR\nWATTEPADS 1,70 4\nAktionsrabatt 0,34 4\nSHAMPOO REPAIR 245 4\n"
                   f"WASCHMITTEL 495 4\nHANDCREME 175\nTASCHENTUECHER 1,25\nDUSCHGEL 0,95\nZAHNCREME 1,95\n"
                   f"SUMME EUR {total}\nGeg VISA EUR {total}") \
        == expected


def test_a_price_whose_comma_was_lost_before_a_digit_no_other_price_ends_in_keeps_its_line_out():
    """One price ending in a class digit is no class the receipt prints: ``Eier 10 St 219 4`` stays unread."""
    assert amounts("PFLEGEPUNKT\nEUR\nWATTEPADS 1,70 4\nEier 10 St 219 4\nZAHNCREME 1,95\nSUMME EUR 5,84\n"
                   "Geg VISA EUR 5,84") == [Decimal("1.70"), Decimal("1.95")]


@pytest.mark.parametrize("header", ["Steuer Netto Steuer Brurto", "MwSt % Netto MwSt Brutto"])
def test_the_vat_tables_header_under_garbled_totals_is_no_item_named_over_its_row(header):
    """``SUMME EURA16445`` and the cash lines garbled, the items run on to the VAT table: its header (its Brutto
    maybe garbled) names no item whose price is the row under it (``A= 19,08 13,57 2,58 16,15``)."""
    assert amounts(f"PFLEGEPUNKT\nEUR\nZAHNCREME 1,95\nWASCHMITTEL 4,95\nSUMME EURA6490\n{header}\n"
                   "A= 19,08 5,88 1,12 7,00\nGesamtbetrag 5,88 112 700") == [Decimal("1.95"), Decimal("4.95")]


@pytest.mark.parametrize("line", ["RX 0873321-06231 15.00 N", "1 RX 0873321 15.00N", "RX# 0873321 15.00"])
def test_a_prescriptions_number_and_copay_is_an_item(line):
    """A pharmacy pickup (Walgreens, CVS, Rite Aid) prints each prescription as ``RX``, its number (maybe its
    store's after a dash) and the copay: no word of three letters names it, yet it is bought."""
    assert amounts(f"Walgreens\n{line}\nHALLS MENTHOL 30CT 2.99 B\nSUBTOTAL 17.99\nTOTAL 17.99") == [
        Decimal("15.00"), Decimal("2.99")]


def test_a_prescription_or_register_number_without_a_price_is_no_item():
    assert amounts("Walgreens\nST# 05432 OP# 009054 TE# 54 TR# 04712\nRX#: 0482193\nRX PICKUP DOB VERIFIED 04/12/1961\n"
                   "HALLS MENTHOL 30CT 2.99 B\nTOTAL 2.99") == [Decimal("2.99")]


def test_a_totals_block_whose_labels_all_came_out_garbled_is_no_items():
    """``Sbttal 28.00`` / ``Iax 1.68`` over ``Ttai 29.68``: the subtotal costs what the items above it cost, and with
    the tax under it makes the total; neither is an item. Not where the items' sum makes the total itself."""
    receipt = extract_receipt(ocr("THE STAG HEAD PUB\nAnn Arbor MI 48104\n03/01/2024 10:40 PM\nTwo Hearted 7.00\n"
                                  "Two Hearted 7.00\nPub Burger 14.00\nSbttal 28.00\nIax 1.68\nTtai 29.68\nVsa 29.68"))
    assert [item.amount for item in receipt.items] == [Decimal("7.00"), Decimal("7.00"), Decimal("14.00")]
    assert receipt.subtotal == Decimal("28.00")
    kept = extract_receipt(ocr("CORNER STORE\n03/01/2024\nSoap 7.00\nTowel 7.00\nBasket 14.00\nCandle 1.68\n"
                               "Ttai 29.68\nVsa 29.68"))
    assert len(kept.items) == 4


def test_a_price_whose_zeros_came_out_os_is_a_price_where_the_items_then_make_the_total():
    """``Pall Mall Red XXL 1O,OO``: a price closing a named line, every zero read as an O, too few digits left
    to read as money; a price where the items then make the total. Not where they do not, nor a size (``1O OZ``)."""
    assert amounts("Tabak Lorenz\n03.12.2026 07:41\nCamel Blue 10,00\nPall Mall Red XXL 1O,OO\nSUMME 20,00\n"
                   "Bar 20,00") == [Decimal("10.00"), Decimal("10.00")]
    assert amounts("Tabak Lorenz\n03.12.2026 07:41\nCamel Blue 10,00\nPall Mall Red XXL 1O,OO\nSUMME 10,00\n"
                   "Bar 10,00") == [Decimal("10.00")]
    assert amounts("Tabak Lorenz\n03.12.2026 07:41\nCamel Blue 10,00\nFeuerzeug 1O OZ\nSUMME 20,00\n"
                   "Bar 20,00") == [Decimal("10.00")]


@pytest.mark.parametrize("short", ["OJ Lg", "OJ", "Lg OJ"])
def test_an_item_named_by_two_letter_words_is_an_item_where_the_prices_then_make_the_subtotal(short):
    """``OJ Lg 4.79`` between named items: no word of three letters names it, yet the items make the subtotal only
    with it."""
    assert amounts(f"IHOP\nAnaheim CA 92802\n07/27/2024 9:44 AM\nRooty Tooty 12.49\nBig Steak Omelette 16.99\n"
                   f"{short} 4.79\nSubtotal 34.27\nTax 2.66\nTotal 36.93") == [
        Decimal("12.49"), Decimal("16.99"), Decimal("4.79")]


@pytest.mark.parametrize(("line", "subtotal"), [("TX 4.79", "34.27"), ("EA 4.79", "34.27"), ("OJ 4.79", "29.48")])
def test_a_short_line_of_a_price_lines_mark_or_one_the_subtotal_leaves_out_is_no_item(line, subtotal):
    assert amounts(f"IHOP\nAnaheim CA 92802\n07/27/2024 9:44 AM\nRooty Tooty 12.49\nBig Steak Omelette 16.99\n"
                   f"{line}\nSubtotal {subtotal}\nTax 2.66\nTotal 36.93") == [Decimal("12.49"), Decimal("16.99")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Walgreens\nNYQUIL LIQCP 24CT 14.99 B\n  REG 16.99\nHALLS DROPS 2.29 B\nTOTAL 17.28", ["14.99", "2.29"]),
    ("KOHL'S\nSONOMA TEE 9.60\n  REG 24.00 SALE 40% OFF\nSO JEANS 21.00\n  REG 42.00\nSUBTOTAL 30.60\nTAX 2.45"
     "\nTOTAL 33.05", ["9.60", "21.00"]),
    ("CVS/pharmacy\nRX#1184221 10.00N\n  INSURANCE SAVINGS 12.48\nCVS VIT D3 6.29T\nTOTAL 16.29", ["10.00", "6.29"]),
])
def test_a_reference_price_or_a_saving_dearer_than_the_item_above_is_no_item_where_the_items_then_add_up(
        text, expected):
    """US pharmacies and department stores print under an item what it cost before (``REG 16.99``) or what the
    insurance saved (``INSURANCE SAVINGS 12.48``), no minus: more than the item cost, so nothing taken off it."""
    assert amounts(text) == [Decimal(value) for value in expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("KROGER\nMILK 3.99\nKROGER SAVINGS 1.00-\nEGGS 2.49\nTOTAL 5.48", ["3.99", "-1.00", "2.49"]),
    ("STARBUCKS\nLATTE 4.99\nREGULAR COFFEE 1.99\nTOTAL 6.98", ["4.99", "1.99"]),
    ("SHELL\nCAR WASH 10.00\nREG UNLEADED 30.00\nTOTAL 40.00", ["10.00", "30.00"]),
    ("SHELL\nCAR WASH 10.00\nREG 30.00\nTOTAL 40.00", ["10.00", "30.00"]),  # a fuel grade the total counts
])
def test_a_saving_taken_off_and_items_named_like_a_reference_price_stay_as_printed(text, expected):
    assert amounts(text) == [Decimal(value) for value in expected]


@pytest.mark.parametrize("label", ["Sa1es Tax", "SA1ES TAX", "5ales Tax"])
def test_a_tax_label_with_a_digit_for_a_letter_is_no_item(label):
    """Heavily damaged US shop photos: a label word of the totals block with a digit for a letter (1 for L, 5 for
    S) ends the items as the clean label does."""
    assert amounts(f"PUBLIX\nBANANAS 1.43 F\nTIDE 13.99 T\n{label} .98\nGrand Total 16.40") == [
        Decimal("1.43"), Decimal("13.99")]


def test_names_with_digits_of_their_own_stay_items_beside_a_label_with_a_digit():
    assert amounts("CVS/pharmacy\nCVS VIT D3 6.29 T\n5W30 OIL 24.99 T\nSa1es Tax 2.00\nTOTAL 33.28") == [
        Decimal("6.29"), Decimal("24.99")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Walmart\nGV MILK 3.28 N\nDORITOS 4.98 N\nGV BUTTER 4.12 N\nDORITOS 4.98 N\nGV BUTTER 4.12 N\nBOUNTY 5.97 X"
     "\nSUBTOTAL 18.35\nTOTAL 18.35", ["3.28", "4.98", "4.12", "5.97"]),
    ("TARGET\nGG CEREAL 2.99\nGG MILK 1G 3.59\nSIMPLY OJ 4.49\nSIMPLY OJ 4.49\nUP&UP TISSUE 6.99\nSUBTOTAL 18.06"
     "\nTAX 0.61\nTOTAL 18.67", ["2.99", "3.59", "4.49", "6.99"]),
])
def test_a_run_of_items_read_again_at_the_seam_of_two_photos_is_read_once_where_the_subtotal_says_so(
        text, expected):
    """A long receipt photographed in two overlapping halves: the lines of the overlap come out twice, one run
    right after the other, and the items then cost more than the subtotal by exactly that run."""
    assert amounts(text) == [Decimal(value) for value in expected]


def test_an_item_bought_twice_that_the_subtotal_counts_twice_stays_twice():
    assert amounts("DOLLAR GENERAL\nBANQUET MEAL 1.25\nBANQUET MEAL 1.25\nPEPSI 2L 2.00\nSUBTOTAL 4.50"
                   "\nTOTAL 4.50") == [Decimal("1.25"), Decimal("1.25"), Decimal("2.00")]
    # a saving read with no amount takes the second off, no seam: both stay
    assert amounts("DOLLAR GENERAL\nBANQUET MEAL 1.25\nBANQUET MEAL 1.25\nBOGO FREE\nPEPSI 2L 2.00\nSUBTOTAL 3.25"
                   "\nTOTAL 3.25") == [Decimal("1.25"), Decimal("1.25"), Decimal("2.00")]


_SUPERMARKET_A4 = """
KORBMARKT
Lindenallee 25
50667 Koln
EUR
HAEHNCHENBRUSTFILET 5,99 B
SPAGHETTI 1,58 B
{label} EUR 7,57
Datum: 07.03.2023
B= 7,0: 7,07 0,50 7,57
Gesamtbetrag 7,07 0,50 7,57
"""


@pytest.mark.parametrize("label", ["SUKKE", "SUHHE", "SUMME"])
def test_a_summe_whose_ms_ocr_read_as_h_or_k_ends_the_items(label):
    """``SUKKE EUR 13,26``, ``SUHHE``: both M's of SUMME read as one other upright glyph; the items end there,
    so the date printed under them, over a tax row its % read as a colon, is no header the items start under."""
    assert amounts(_SUPERMARKET_A4.format(label=label)) == [Decimal("5.99"), Decimal("1.58")]


@pytest.mark.parametrize("label", ["SUKE", "SUHE", "Sume"])
def test_a_summe_whose_two_ms_ocr_read_as_one_glyph_ends_the_items(label):
    """``SUKE EUR 13,26``, ``Sume``: SUMME's two M's read together as one upright glyph; the items end there,
    not under the date printed below them."""
    assert amounts(_SUPERMARKET_A4.format(label=label)) == [Decimal("5.99"), Decimal("1.58")]


@pytest.mark.parametrize("name", ["SUKIYAKI SAUCE", "SUPERSPAR"])
def test_a_name_opening_with_a_merged_summes_letters_is_still_an_item(name):
    """Only the four letters as a word of their own are a SUMME: ``SUKIYAKI SAUCE 2,49 A`` stays an item."""
    receipt = f"REWE\nEUR\n{name} 2,49 A\nBROT 1,79 A\nSUMME EUR 4,28\nGeg. BAR EUR 5,00"
    assert amounts(receipt) == [Decimal("2.49"), Decimal("1.79")]


def test_a_soup_is_no_garbled_summe():
    """``SUPPE``: a name one letter pair from SUMME, no M's misread (a P is no look-alike of an M), stays an item."""
    receipt = "REWE\nEUR\nTOMATENSUPPE 2,49 A\nBROT 1,79 A\nSUMME EUR 4,28\nGeg. BAR EUR 5,00"
    assert amounts(receipt) == [Decimal("2.49"), Decimal("1.79")]


@pytest.mark.parametrize(("rows", "amount"), [
    ("2 Stk X 2,19\nButter 438 A", Decimal("4.38")),  # the count above makes 4,38
    ("Pfand 0725 B\n2 Stk X 2,19\nButter 438 A", Decimal("4.38")),  # the count is Butter's, not the line's above
    ("Tomaten Rispen 792 B\n2,27 kg X 3,49 EUR/kg", Decimal("7.92")),  # the weight under it makes 7,92
])
def test_a_price_whose_comma_ocr_lost_is_what_its_count_or_weight_line_makes(rows, amount):
    """``Butter 438 A``: an item's last number, its comma lost, whose digits are what the count line above it or
    the weight line under it makes, is its amount."""
    receipt = f"NORDKAUF\nEUR\nMilch 0,99 A\n{rows}\nBrot 1,79 A\nSUMME 7.l6"  # no sum to fill by
    assert amounts(receipt) == [Decimal("0.99"), amount, Decimal("1.79")]


@pytest.mark.parametrize("weight", ["2,474 *9 X 1,99 EUR/K9", "2,474 k9 0 1,99 EUR/Rg", "2,474 *9 1,99 EURJk9"])
def test_a_weight_line_with_its_kg_misread_weighs_the_item_above_it(weight):
    """``2,474 *9 1,99 EUR/K9``: the kg read as ``*9``, ``k9`` or ``Rg`` (a g read as a 9), the amounts no measures
    then; a weight to the gram and a price under a price per kg still weigh the item above."""
    receipt = f"NORDKAUF\nEUR\nMilch 0,99 A\nBananen Lose 4,92 B\n{weight}\nBrot 1,79 A\nSUMME 7.l0"
    assert items(receipt)[1] == ("Bananen Lose", Decimal("2.474"), Decimal("1.99"), Decimal("4.92"))


@pytest.mark.parametrize("rows", [
    "Bananen Lose 4792 B\n2,474 *9 1,99 EUR/K9", "Bananen Lose 4692 B\n2,474 kg X 1,99 EUR/kg",
    "2 Stk X 2,46\nBananen Lose 4792 B"])
def test_a_price_whose_comma_ocr_read_as_a_digit_is_what_its_weight_or_count_line_makes(rows):
    """``Bananen Lose 4792 B`` over ``2,474 *9 1,99 EUR/K9``: the comma read as a 7 (or a 6); the digits but that one
    are what the weight line under it or the count line above it makes (4,92): the amount."""
    receipt = f"NORDKAUF\nEUR\nMilch 0,99 A\n{rows}\nBrot 1,79 A\nSUMME 7.l0"
    assert amounts(receipt) == [Decimal("0.99"), Decimal("4.92"), Decimal("1.79")]


def test_a_weight_line_without_a_weight_to_the_gram_is_no_weight_line():
    """``2,47 *9 1,99 EUR/K9``: a first amount to the cent, no weight to the gram, is no weight the misread kg
    gives; the item's number, its comma read as a digit, has nothing to be checked against."""
    receipt = "NORDKAUF\nEUR\nMilch 0,99 A\nBananen Lose 4792 B\n2,47 *9 1,99 EUR/K9\nBrot 1,79 A\nSUMME 7.l0"
    assert Decimal("4.92") not in amounts(receipt)


def test_a_count_of_pieces_ending_in_0_is_no_qst_tax_line():
    """``Eier Bodenh. 0St 4,58 B`` (10 St., its 1 lost): the 0 folds as the Q of QST does; the count of pieces
    makes no tax line, the line is an item under its count line, and the tax comes from the VAT table."""
    receipt = extract_receipt(ocr("PREISRADL\nEUR\nToastbrot 1,19 B\n2 Stk x 2,29\nEier Bodenh . 0St 4,58 B\n"
                                  "Summe EUR 5,77\nBAR 10,00\nRUCKGELD 4,23\nSteuer % Netto Steuer Brutto\n"
                                  "B 7% 5,39 0,38 5,77"))
    assert [item.amount for item in receipt.items] == [Decimal("1.19"), Decimal("4.58")]
    assert receipt.tax == Decimal("0.38")


def test_a_qst_label_still_reads_as_a_tax():
    """``QST 9.975% 1,00`` (Québec's sales tax), its letters read right: a tax line still."""
    receipt = extract_receipt(ocr("DEPANNEUR\nPAIN 10,00\nSOUS-TOTAL 10,00\nTPS 5% 0,50\nQST 9.975% 1,00\n"
                                  "TOTAL 11,50"))
    assert receipt.tax is not None and receipt.total == Decimal("11.50")
    assert [item.amount for item in receipt.items] == [Decimal("10.00")]


def test_a_number_its_count_line_does_not_make_is_no_price():
    """``Butter 437 A`` under ``2 Stk X 2,19``: 4,37 is not what the count makes; no price read into it."""
    receipt = "NORDKAUF\nEUR\nMilch 0,99 A\n2 Stk X 2,19\nButter 437 A\nBrot 1,79 A\nSUMME 2,78\n"
    assert amounts(receipt) == [Decimal("0.99"), Decimal("1.79")]


@pytest.mark.parametrize("printed", ["22,34", "42,34", "32,34"])
def test_a_weighed_price_with_its_first_digit_misread_is_what_its_weight_makes(printed):
    """``PAPRIKA ROT 22,34 A`` over ``0,781 kg X 2,99 EUR/kg``: a stray mark before the price read as a digit
    (``22,34``, ``42,34`` for 2,34) is no digit of it; the weight line's product is the amount."""
    receipt = f"FRISCHEHOF\nEUR\nBROT 1,89 A\nPAPRIKA ROT {printed} A\n0,781 kg X 2,99 EUR/kg\nSUMME EUR 4,23\n"
    assert items(receipt)[1] == ("PAPRIKA ROT", Decimal("0.781"), Decimal("2.99"), Decimal("2.34"))


def test_a_weighed_price_its_cents_apart_from_the_weights_stays():
    """``2,35`` for what the weight makes at 2,34: the till rounds its own way; the printed price stands."""
    receipt = "FRISCHEHOF\nEUR\nBROT 1,89 A\nPAPRIKA ROT 2,35 A\n0,781 kg X 2,99 EUR/kg\nSUMME EUR 4,24\n"
    assert amounts(receipt) == [Decimal("1.89"), Decimal("2.35")]


@pytest.mark.parametrize("star", ["0,89-B", "0,89 -B"])
def test_a_star_before_the_tax_class_read_as_a_minus_is_no_reduction(star):
    """``Spaghetti 0,89-B``: the ``*`` of ``0,89*B`` read as a minus; the price is positive where the items
    then make the total."""
    receipt = f"NORDKAUF\nEUR\nSpaghetti {star}\nButter 2,19 B\nZu zahlen 3,08\nEC Karte 3,08"
    assert amounts(receipt) == [Decimal("0.89"), Decimal("2.19")]


def test_empties_paid_back_keep_their_minus():
    """``Leergut 0,25-B`` where the items make the total with it taken off: money paid back, a minus."""
    receipt = "NORDKAUF\nEUR\nLeergut 0,25-B\nButter 2,19 B\nZu zahlen 1,94\nEC Karte 1,94"
    assert amounts(receipt) == [Decimal("-0.25"), Decimal("2.19")]


@pytest.mark.parametrize("header", ["Fil. 1157 31.10,.24 15:01", "Kasse 3 Bon 6318 12.06,.25 17:55"])
def test_a_branch_and_till_row_with_its_time_is_no_item(header):
    """``Fil. 1157 31.10,.24 15:01``: a discounter's header row (branch or till number, date, time), its date
    garbled so that it reads as a price; no item."""
    receipt = f"PREISRADL\nHauptstrasse 117\n70173 Stuttgart\n{header}\nEUR\nToastbrot 2,38 B\nSUMME 2,38\n"
    assert amounts(receipt) == [Decimal("2.38")]


def test_a_count_line_with_a_stray_glyph_before_stk_counts_its_item():
    """``2iStk X 0,49``: OCR read the gap between the count and ``Stk`` as an ``i``; still the count line of the
    item above it, no item."""
    receipt = "FRISCHEHOF\nEUR\nMINERALWASSER 0,98 A\n2iStk X 0,49\nBROT 1,89 A\nSUMME EUR 2,87\n"
    assert items(receipt)[0] == ("MINERALWASSER", Decimal(2), Decimal("0.49"), Decimal("0.98"))
    assert len(items(receipt)) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("FRISCHEHOF\nEUR\nBROT 1,89 A\nAEPFEL 3,58 A\n1,000 kg X 2,58 EUR/kg\nSUMME EUR 5,47", "5.47"),
    ("EDEKA\nEUR\nKAESE 3,34 A\n0,781 kg X 2,99 EUR/kg\nPAPRIKA ROT\n2,34 A\nSUMME EUR 5,68", "5.68"),
    ("REWE\nEUR\nBROT 1,79 A\nSUNNE 1,99 A\nSUMME EUR 3,78", "3.78"),  # an item's name, its price and class
    ("PREISRADL\nEUR\nToastbrot 2,38 B\nBON 12:00 ANGEBOT 1,99 B\nSUMME 4,37", "4.37"),  # no till's row
])
def test_printed_prices_the_sum_confirms_and_items_like_a_garbled_summe_or_a_till_row_stay(text, expected):
    """Guards: a weighed price the SUMME confirms though its first digit is not the weight line's (or the
    weight line is the next item's), an item named like a misread SUMME, an offer's time on an item's row."""
    assert sum(amounts(text)) == Decimal(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("PREISRADL\nEUR\nKaffee zu mahlen 7,99 A\nMilch 0,99 A\nSUMME EUR 8,98", "8.98"),  # no ZU ZAHLEN
    ("FRISCHEHOF\nEUR\nTuete 0,00 A\nRucksack EUR 24, 99\nSUMME EUR 24,99", "24.99"),  # an item, not the total
    ("SONNENDROGERIE\nEUR\nWattepads 50+50 B\n1,29 B\nSUMME EUR 1,29", "1.29"),  # a pack's size, its price below
    ("SONNENDROGERIE\nEUR\nVitamin 10+12 8\n2,49 B\nSUMME EUR 2,49", "2.49"),
])
def test_a_name_like_zu_zahlen_an_item_after_its_currency_and_a_pack_size_with_a_plus_stay_items(text, expected):
    """Guards: ``zu mahlen`` (ground coffee) is no amount due; an item priced after ``EUR`` over nothing but a free
    bag is no total; a pack's ``50+50`` whose price prints on the next line is no price."""
    assert sum(amounts(text)) == Decimal(expected)


def test_the_last_item_that_brings_returned_empties_to_the_total_is_an_item_over_cash_and_change():
    """Guard: ``Leergut -3,68`` cancels the two items above it, so ``Kaffee 5,99`` alone makes the total (its
    ``SUMME`` line lost) over ``BAR 10,00`` / ``Rückgeld 4,01``: an item, not the garbled total's line."""
    receipt = extract_receipt(ocr("Sparkorb\n70173 Stuttgart\n16.09.24 08:11\nMilch 1,19 A\nBrot 2,49 A\n"
                                  "Leergut -3,68 B\nKaffee 5,99 A\nBAR 10,00\nRückgeld 4,01\n"))
    assert [item.description for item in receipt.items] == ["Milch", "Brot", "Leergut", "Kaffee"]


def test_an_item_priced_at_the_total_over_two_items_that_differ_by_it_is_no_total():
    """Guard: ``Kaese 5,00 A`` over ``Wein 9,00 A`` / ``Bier 4,00 B`` (9,00 - 4,00 = 5,00, the total after a
    coupon): lines ending in a tax class are items, not the cash handed over and the change."""
    receipt = extract_receipt(ocr("Sparkorb\nIndustriestrasse 14\n70173 Stuttgart\n05.12.2025 14:30\nEUR\n"
                                  "Milch 1,19 A\nButter 2,29 A\nKaese 5,00 A\nWein 9,00 A\nBier 4,00 B\n"
                                  "Gutschein -16,48\nSUMME 5,00\nEC-Karte 5,00\n"))
    assert len(receipt.items) == 6


US_CHECK_WITH_TIP_GUIDE = """
CASA VERDE CANTINA
Server: Dana
2 Ribeye Steak 56.00
1 Cheeseburger 13.49
1 Iced Tea 2.99
SUBTOTAL 92
Tax 8. 25* 09.22
{}
15 418.14
20+ 824.19
Acount : 78.70
"""


def test_a_tip_guides_heading_ends_the_items():
    """A tip guide's heading alone on its line (``Suggested Gratuity``) is printed under the items: with the
    subtotal's amount lost, the guide's first row under it is no item named by the heading."""
    receipt = US_CHECK_WITH_TIP_GUIDE.format("Suggested Gratuity")
    assert [(name, amount) for name, _, _, amount in items(receipt)] == [
        ("Ribeye Steak", Decimal("56.00")), ("Cheeseburger", Decimal("13.49")), ("Iced Tea", Decimal("2.99"))]


def test_an_item_named_like_a_guide_stays_an_item():
    """Guard: a guide word on a priced line (``Travel Guide 12.99``) names an item."""
    receipt = "BOOK NOOK\nTravel Guide 12.99\nMap 4.50\nSUBTOTAL 17.49\nTAX 1.40\nTOTAL 18.89\n"
    assert [amount for *_, amount in items(receipt)] == [Decimal("12.99"), Decimal("4.50")]


@pytest.mark.parametrize("receipt", [
    "BOOK NOOK\nField Guide\n9780307957900 24.99\nBookmark 2.99\nTOTAL 27.98\n",
    "BISTRO 9\nCHEF'S SUGGESTIONS\nDuck Confit 32.00\nRisotto 24.00\nTOTAL 56.00\n",
    "BISTRO 9\nBurger 16.00\nSuggested by Dana\nFries 5.00\nTOTAL 21.00\n"])
def test_a_guide_word_alone_on_its_line_that_heads_no_shares_ends_no_items(receipt):
    """Guard: a name wrapped over its price (``Field Guide``), a menu's heading, a note under a dish: a line of
    guide words that names no tip and heads no share rows (``15%``, ``18 9.77``) is no tip guide."""
    assert len(items(receipt)) == 2


GARBLED_CHECK = """
GOLDEN SPOON BISTRO
1051 Main St
Austin, TX 78701
Server: Ben Table: 98
09/05/2024 5:49 PM
1 Clam Chowder 725
2 Lasagna 3598
1 Coke 275
1 Coffee 1.50
Onion Rings 15499
Margarita 9.00
Sub Total 74.48
State Tax 4.66
Total 79.14
"""


def test_a_checks_dishes_whose_garbled_prices_no_reading_confirms_are_items_still():
    """A restaurant check photographed blurred: prices whose point was lost (``2 Lasagna 3598``) or read as a
    digit with the sign (``Onion Rings 15499``: $5.99), where no reading makes the subtotal (another price
    misread, ``1 Coffee 1.50`` for 2.50). A line opening with a count, or set under the first item, is a dish
    still, its last two digits the cents."""
    assert [(name, quantity, amount) for name, quantity, _, amount in items(GARBLED_CHECK)] == [
        ("Clam Chowder", Decimal("1"), Decimal("7.25")), ("Lasagna", Decimal("2"), Decimal("35.98")),
        ("Coke", Decimal("1"), Decimal("2.75")), ("Coffee", Decimal("1"), Decimal("1.50")),
        ("Onion Rings", None, Decimal("5.99")), ("Margarita", None, Decimal("9.00"))]


def test_a_garbled_price_read_past_the_bill_is_read_as_its_point_read_as_a_digit():
    """``Draft Beer 6250`` on a check of 59.49 that no reading makes: 62.50 would cost more than the bill, so its
    point came out a digit (6.50)."""
    check = """
RED BARN BBQ
Server: Ben
12/20/2023 1:19 PM
Onion Rings 5.99
Draft Beer 6250
2 Cheeseburger 26.98
Clam Chowder 14.56
Subtotal 55.47
Amount Due 59.49
"""
    assert amounts(check) == [Decimal("5.99"), Decimal("6.50"), Decimal("26.98"), Decimal("14.56")]


@pytest.mark.parametrize("line", ["12 Visits 1200", "1 Loyalty Points 125", "3 Room 1205"])
def test_a_counted_line_under_the_last_item_that_makes_no_bill_is_no_dish(line):
    """Guard: under the last dish, a counted line closing in digits (``12 Visits 1200``, a loyalty line) is a dish
    only where its reading makes the bill exactly; here the items with the tax already make the total."""
    check = "GOLDEN SPOON BISTRO\nServer: Ben Table: 12\n09/05/2024 5:49 PM\n1 Burger 12.99\n1 Fries 4.50\n" \
            f"2 Coke 5.00\n{line}\nTax 1.86\nTotal 24.35\n"
    assert amounts(check) == [Decimal("12.99"), Decimal("4.50"), Decimal("5.00")]


@pytest.mark.parametrize("header", ["Tbl 41 Gst 1", "Server: Kim"])
def test_a_counted_dish_with_a_garbled_price_under_the_last_item_read_is_a_dish(header):
    """``2 Club Sandwich 23450`` under the last item read, its point lost: a counted dish still, on a check known
    by its server or by its ``Tbl 41`` alone."""
    check = f"""
BLUE HERON GRILL
{header}
09/25/2023 3:45 PM
Coffee 2.50
2 Club Sandwich 23450
Tax 1.82
Total 27.82
"""
    assert [(name, quantity) for name, quantity, _, _ in items(check)] == [
        ("Coffee", None), ("Club Sandwich", Decimal(2))]


def test_a_dish_whose_sign_and_point_came_out_glyphs_is_read_beside_an_item_priced_over_the_bill():
    """``2 Club Sandwich 723+50``: its point a plus and its $ a 7 (23.50, as 723.50 costs more than the bill);
    ``Ribeye Steak 228.00``, over the whole bill, is misread itself and leaves no reading over the bill."""
    check = """
MAPLE STREET DINER
Server: Ben Table: 40
09/08/2023 12:37 PM
2 Club Sandwich 723+50
1 Clam Chowder 8.25
1 Fish Tacos 14.25
Ribeye Steak 228.00
Sub Total 74.00
Sales Tax 6.57
TOTAL 80.57
"""
    assert [(name, amount) for name, _, _, amount in items(check)][0] == ("Club Sandwich", Decimal("23.50"))
    assert len(items(check)) == 4


def test_garbled_digits_on_a_shops_receipt_or_above_a_checks_first_item_give_no_item():
    """Guard: with no check's header or tip (a shop's receipt), or above the first item read with no count
    (``Party of 4 2155``: a header's numbers), lines of a name and digits alone stay no items."""
    shop = GARBLED_CHECK.replace("Server: Ben Table: 98\n", "")
    assert amounts(shop) == [Decimal("1.50"), Decimal("9.00")]
    header = GARBLED_CHECK.replace("1 Clam Chowder 725\n2 Lasagna 3598\n1 Coke 275\n", "Party of 4 2155\n")
    assert not {Decimal("21.55"), Decimal("2155")} & set(amounts(header))


@pytest.mark.parametrize(("subtotal", "chowder"), [("35.75", Decimal("7.25")), ("99.75", Decimal("71.25"))])
def test_a_point_read_as_a_digit_and_a_speck_is_read_as_the_subtotal_needs(subtotal, chowder):
    """``Clam Chowder 71+25``: the point came out a 1 and a plus (7.25), or the plus alone (71.25); the subtotal
    says which."""
    receipt = f"""
COPPER KETTLE
Springfield, IL 62701
02/11/2024 9:35 PM
2 Coffee 5.00
Clam Chowder 71+25
Club Sandwich 23.50
SUBTOTAL {subtotal}
"""
    assert amounts(receipt) == [Decimal("5.00"), chowder, Decimal("23.50")]


@pytest.mark.parametrize(("printed", "read"), [("-87.50", Decimal("-7.50")), ("-17.50", Decimal("-17.50"))])
def test_a_discount_over_the_whole_bill_is_its_sign_read_as_a_digit(printed, read):
    """``Happy Hour -87.50`` on a check of 63.47: no discount takes off more than the bill, its $ came out an 8
    (-7.50). Guard: one under the bill (``-17.50``) stays as read."""
    receipt = f"""
THE SALTY PELICAN
Server: Maria
06/18/2023 5:57 PM
1 Margarita 9.00
2 Draft Beer 13.00
1 Lasagna 17.99
Happy Hour {printed}
Subtotal 59.74
Tax 3.73
TOTAL 63.47
"""
    assert amounts(receipt)[-1] == read


def test_a_price_split_by_a_space_with_a_speck_after_it_is_read_as_the_subtotal_needs():
    """``1 Cheesecake 7 50;``: the point read as a space and a stray speck after the cents (``;``, ``,``, ``.``)
    is still the price where the items then make the subtotal; where they do not, no item."""
    receipt = """
LUCKY DRAGON
Server : Luis
2 Iced Tea 5.98
1 Cheesecake 7 50;
3 Caesar Salad 28.50
Subtotal 41.98
"""
    assert amounts(receipt) == [Decimal("5.98"), Decimal("7.50"), Decimal("28.50")]
    assert amounts(receipt.replace("41.98", "44.48")) == [Decimal("5.98"), Decimal("28.50")]


@pytest.mark.parametrize(("lines", "read"), [
    # numbers under the last dish, no subtotal to make: loyalty points, a card's last four, a counted bag
    ("Server: Ben\n1 Burger 12.99\nLoyalty Points 125\nTax 1.07\nTotal 14.06", [Decimal("12.99")]),
    ("Server: Ben\n1 Burger 12.99\nCard ending 4821\nTax 1.07\nTotal 14.06", [Decimal("12.99")]),
    ("Server: Ben\n1 Burger 12.99\n2 Bags 0010\nTax 1.07\nTotal 14.06", [Decimal("12.99")]),
    ("Server: Ben\n1 Burger 12.99\n1 Coffee 1.50\nTicket 0045\nSubtotal 15.49\nTotal 16.77",
     [Decimal("12.99"), Decimal("1.50")]),
    # a return or an empties' refund passing the purchases: the total below nothing, as read
    ("RETURN JACKET -48.00\nT-SHIRT 25.00\nTOTAL -23.00", [Decimal("-48.00"), Decimal("25.00")]),
    ("12.03.2024 12:30\nKaffee 4,99\nLeergut -53,10\nSUMME EUR -48,11", [Decimal("4.99"), Decimal("-53.10")]),
])
def test_numbers_under_a_checks_last_dish_and_a_refund_passing_the_purchases_stay_as_read(lines, read):
    """Guard: a check's numbers under its last dish (points, a card's digits, an order's ticket) are no dishes
    whose price OCR garbled; a return or empties' refund bigger than what was bought is no sign read as a digit
    where the total is below nothing."""
    assert amounts(f"GOLDEN SPOON\n{lines}\n") == read


DASHED_CHECK = """
ROSA'S TRATTORIA
Server: Kim Table: 12
12/06/2024 9:53 PM
2 Clam Chowder 14-50
2 Draft Beer 15.00
1 Iced Tea 4.99
Subtotal 38.49
Tax 3.18
Total 41.67
"""


@pytest.mark.parametrize("printed", ["14-50", "14+50"])
def test_a_checks_dish_whose_point_came_out_a_dash_or_a_plus_is_an_item_still(printed):
    """A restaurant check photographed blurred: a dish's point read as a dash or a plus (``2 Clam Chowder 14-50``),
    where no reading makes the subtotal (another price misread): a dish still, opening with its count, the digits
    either side its units and cents."""
    assert items(DASHED_CHECK.replace("14-50", printed))[0] == ("Clam Chowder", Decimal("2"), None, Decimal("14.50"))


@pytest.mark.parametrize("receipt", [DASHED_CHECK.replace("Server: Kim Table: 12\n", ""),
                                     DASHED_CHECK.replace("2 Clam Chowder 14-50\n", "Party of 4 12-15\n")])
def test_a_dashed_number_on_a_shops_receipt_or_above_a_checks_first_dish_gives_no_item(receipt):
    """Guard: with no check's header (a shop's receipt), or above the first dish with no count (``Party of 4
    12-15``), a name and two numbers joined by a dash stay no item."""
    assert amounts(receipt) == [Decimal("15.00"), Decimal("4.99")]


@pytest.mark.parametrize("printed", ["Room 2B14", "Spice Level 1-10"])
def test_a_letter_between_digits_or_an_uncounted_range_under_a_dish_is_no_dish(printed):
    """Guard: a letter between two numbers (``Room 2B14``) is no point read as a mark, and a line with no count
    under a dish (``Spice Level 1-10``, a modifier's range) is no dish at units and cents."""
    receipt = DASHED_CHECK.replace("2 Clam Chowder 14-50\n", f"2 Lasagna 35.98\n{printed}\n").replace(
        "Subtotal 38.49\nTax 3.18\nTotal 41.67", "Subtotal 53.97\nTax 4.45\nTotal 58.42")
    assert amounts(receipt) == [Decimal("35.98"), Decimal("15.00"), Decimal("4.99")]


TIPPED_CHECK = """
GOLDEN SPOON BISTRO
Table 42 Check: 26537
2024-04-23 12:38
Onion Rings 12.73
Chicken Wings 12.99
Cheeseburger 40.47
Clam Chowder 7.25
Cheesecake 7.50
Subteran 80.94
TAX 7.69
Tip 13.29
Total Paid 101.92
"""


def test_a_garbled_subtotal_over_the_tax_and_tip_that_make_the_total_paid_is_no_item():
    """``Subteran 80.94``: a check's subtotal whose label OCR garbled past reading, what the dishes above it cost
    together, where it, the tax and the tip make the total paid: the subtotal, no dish."""
    receipt = extract_receipt(ocr(TIPPED_CHECK))
    assert (len(receipt.items), receipt.subtotal) == (5, Decimal("80.94"))


def test_a_last_dish_costing_the_others_over_a_tax_and_tip_that_miss_the_total_stays_a_dish():
    """Guard: where the tax and the tip do not bring it to the total paid, a last line costing what the lines
    above it cost together stays a dish."""
    assert len(extract_receipt(ocr(TIPPED_CHECK.replace("101.92", "182.86"))).items) == 6


def test_a_coupon_whose_word_ocr_misread_by_one_letter_takes_money_off():
    """``Coupen 5.00``: a discount's word of six letters or more, one letter misread, alone on its line, takes
    money off as read right."""
    receipt = """
ROSA'S TRATTORIA
Server: Josh
1 Lasagna 17.99
1 Coke 2.75
Coupen 5.00
Subtotal 15.74
Tax 1.30
Total 17.04
"""
    assert amounts(receipt) == [Decimal("17.99"), Decimal("2.75"), Decimal("-5.00")]


@pytest.mark.parametrize("dish", ["Viscount 9.00", "Seduction 9.00"])
def test_a_word_one_letter_off_a_discounts_that_the_bill_counts_as_money_spent_stays_a_dish(dish):
    """Guard: a dish or drink named a letter off a discount's word (``Viscount``, ``Seduction``) stays a dish
    where the total counts it as spent."""
    assert amounts(f"ROSA'S\nServer: Josh\n1 Lasagna 17.99\n{dish}\nTotal 26.99\n") == [Decimal("17.99"),
                                                                                          Decimal("9.00")]


def test_a_short_word_one_letter_off_a_discounts_stays_a_dish():
    """Guard: a short word one letter off a discount's (``Primo`` from PROMO) names a dish."""
    receipt = "ROSA'S TRATTORIA\nServer: Josh\n1 Lasagna 17.99\nPrimo 5.00\nSubtotal 22.99\nTax 1.90\nTotal 24.89\n"
    assert amounts(receipt) == [Decimal("17.99"), Decimal("5.00")]
