"""Two papers photographed side by side (parse/papers.py): the itemised bill and its signed card slip.
The recogniser joins the words that stand at one height on both into one line; each paper is read
whole, the bill first, so the slip's written total is what was paid and the bill keeps its items."""
from __future__ import annotations

from decimal import Decimal

from parse.extract import extract_receipt
from parse.papers import one_paper_after_another
from parse.types import OcrLine

SECOND_PAPER = 60  # the column (characters) where the right-hand paper starts


def photo(text: str) -> list[OcrLine]:
    """``left || right``: one OCR line whose two words stand on two papers; ``|| right``: the right
    paper's line alone; leading spaces indent a line."""
    lines = []
    for i, row in enumerate(row for row in text.strip("\n").splitlines() if row.strip()):
        top, indent = 30 * i, 10 + 12 * (len(row) - len(row.lstrip()))
        right_x = 10 + 12 * SECOND_PAPER
        if row.lstrip().startswith("||"):
            part = row.strip()[2:].strip()
            lines.append(OcrLine(part, box=(right_x, top, right_x + 12 * len(part), top + 24), confidence=0.8))
        elif "||" in row:
            left, right = (part.strip() for part in row.split("||", 1))
            words = (OcrLine(left, box=(indent, top, indent + 12 * len(left), top + 24), confidence=0.8),
                     OcrLine(right, box=(right_x, top, right_x + 12 * len(right), top + 24), confidence=0.8))
            lines.append(OcrLine(f"{left} {right}", box=(indent, top, right_x + 12 * len(right), top + 24),
                                 confidence=0.8, words=words))
        else:
            part = row.strip()
            lines.append(OcrLine(part, box=(indent, top, indent + 12 * len(part), top + 24), confidence=0.8))
    return lines


BILL_AND_SLIP = """
OLIVE GARDEN
ITALIAN KITCHEN
4750 W Kennedy Blvd
Tampa, FL 33609
Server: BRITTANY 12/04/2026 || OLIVE GARDEN #1712
Table 22/1 7:18 PM || 4750 W Kennedy Blvd
Guests: 3 40117 || Tampa, FL
2 Tour of Italy 43.98 || 12/04/2026 8:02 PM
Chicken Alfredo 20.49 || Server: BRITTANY
Five Cheese Ziti 17.79 || VISA XXXXXXXXXXXX4417
2 Strawberry Lemonade 9.58 || Auth: 08842Q
Peach Tea 3.99 || CHIP
Subtotal 95.83 || Amount: $103.18
Tax 7.35 || + Tip: 20.00
Total 103.18 || = Total: 123.18
Balance Due 103.18 || X____________
|| I agree to pay above total amount
|| Customer Copy
"""


def test_a_bill_and_its_slip_side_by_side_read_one_after_the_other():
    receipt = extract_receipt(photo(BILL_AND_SLIP))
    assert receipt.total == Decimal("123.18")  # what the slip says was paid, tip and all
    assert receipt.subtotal == Decimal("95.83")
    assert [item.amount for item in receipt.items] == [Decimal(v) for v in ("43.98", "20.49", "17.79", "9.58",
                                                                            "3.99")]
    assert receipt.merchant == "Olive Garden"


def test_the_split_puts_the_paper_with_the_prices_first():
    lines = one_paper_after_another(photo(BILL_AND_SLIP))
    texts = [line.text for line in lines]
    assert texts.index("Peach Tea 3.99") < texts.index("Amount: $103.18") < texts.index("Customer Copy")
    assert "Peach Tea 3.99 CHIP" not in texts


SINGLE_RECEIPT_WIDE_PRICES = """
CASA VERDE CANTINA
93 Broadway
Austin, TX 78701
Oct 18 '24 7:12 PM
Lasagna || I7an9
Add bacon || asd
Ribeye Steak || 18.60
Chicken Wings || 25.98
Sub Fries || 7.00
Cheeseburger || 16.98
Subtotal || 88.56
"""


def test_a_single_receipts_price_column_read_garbled_is_no_second_paper():
    """Its prices far right, some read as letters (``I7an9``, ``asd``): no paper's lines, one receipt."""
    lines = photo(SINGLE_RECEIPT_WIDE_PRICES)
    assert one_paper_after_another(lines) == lines


def test_specks_by_the_edge_of_a_scan_are_no_second_paper():
    """A scan's left edge read as marks beside every line (``a``, ``7``, ``=``): no paper of words."""
    lines = photo("""
a || TAX INVOICE
7 || ABN 80 092 221 406
5 || Yes Optus Plenty Valley
= || Westfield Plenty Valley
= || 415 McDonalds Rd
|| Ph: 03 9422 5000
|| Total 10.00
""")
    assert one_paper_after_another(lines) == lines


def test_an_invoice_with_its_number_and_date_beside_the_customers_address_is_one_paper():
    """A letter-size invoice prints ``Invoice #:`` and ``Date:`` far right of ``Bill To:``; only one side
    prints a sum: no second paper."""
    lines = photo("""
Bright Plumbing LLC
4410 Oak St
Austin, TX 78704
Bill To: || Invoice #: 1187
Sarah Miller || Date: 12/05/2026
118 Elm Ave || Due: Upon Receipt
Austin, TX 78702 || Terms: Net 15
Water heater flush 120.00
Replace valve 45.00
Labor (hours) 190.00
Subtotal 355.00
Tax 14.03
Total 369.03
""")
    assert one_paper_after_another(lines) == lines


SLIP_OVER_BILL = """
Amount: $44.41
Tip: 9.00
Total: 53.41
X______________
Customer Copy
Mama Rosa's Trattoria
Boston, MA 02113
12/05/2026 8:48 PM
1 Gnocchi 21.00
1 Veal Marsala 17.00
1 Glass Chianti 3.50
Subtotal 41.50
MA Meals Tax 7% 2.91
Total 44.41
"""


def test_a_card_slip_laid_over_the_top_of_its_bill_is_read_after_the_bill():
    """The photo opens with the slip (its amount, tip and total): the bill under it keeps its name and items, and
    what was paid is the slip's total."""
    receipt = extract_receipt(photo(SLIP_OVER_BILL))
    assert receipt.merchant == "Mama Rosa's Trattoria"
    assert [item.description for item in receipt.items] == ["Gnocchi", "Veal Marsala", "Glass Chianti"]
    assert (receipt.total, receipt.tip) == (Decimal("53.41"), Decimal("9.00"))


def test_a_slip_alone_or_over_a_bill_of_another_amount_stays_where_it_is():
    """Not moved where no bill under it prints the slip's amount as its total (a second guest's share)."""
    other = SLIP_OVER_BILL.replace("Total 44.41", "Total 47.41")
    assert [line.text for line in one_paper_after_another(photo(other))][0] == "Amount: $44.41"
    alone = "\n".join(SLIP_OVER_BILL.strip().splitlines()[:5])
    assert [line.text for line in one_paper_after_another(photo(alone))][0] == "Amount: $44.41"


def test_a_slip_over_its_bill_opening_with_its_copy_and_card_lines_is_read_after_the_bill():
    receipt = extract_receipt(photo("CUSTOMER COPY\nVISA XXXXXXXXXXXX0012\n" + SLIP_OVER_BILL))
    assert receipt.merchant == "Mama Rosa's Trattoria" and len(receipt.items) == 3


def test_a_bill_whose_name_holds_a_slip_word_keeps_its_name_under_the_slip_over_it():
    """``AUTHENTIC THAI KITCHEN``: AUTH inside a word is no slip's line."""
    bill = SLIP_OVER_BILL.replace("Mama Rosa's Trattoria", "AUTHENTIC THAI KITCHEN")
    assert extract_receipt(photo(bill)).merchant == "AUTHENTIC THAI KITCHEN"
