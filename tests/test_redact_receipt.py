"""redact_receipt: sensitive items dropped into the count/amount bucket, PII erased from
fields, lines and words, boxes reported for the image."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from parse.extract import extract_receipt
from parse.types import LineItem, OcrLine, Receipt
from redact import Redacted, Redaction, RedactionPolicy, redact_receipt
from redact.spans import FILL

DATA = Path(__file__).parent / "redact_data"


def ocr_line(text: str, y: int) -> OcrLine:
    """A line with per-word boxes laid out left to right, 10 px a character."""
    words = []
    pos = 0
    for word in text.split():
        at = text.index(word, pos)
        x0 = 10 + at * 10
        words.append(OcrLine(word, (x0, y, x0 + len(word) * 10, y + 20), 0.9))
        pos = at + len(word)
    return OcrLine(text, (10, y, 10 + len(text) * 10, y + 20), 0.9, tuple(words))


def build(texts: list[str]) -> list[OcrLine]:
    return [ocr_line(t, 30 * i) for i, t in enumerate(texts)]


US_LINES = [
    "WALGREENS #04512",  # 0
    "123 MAIN ST, SPRINGFIELD, IL 62704",  # 1
    "TEL: (217) 555-0142",  # 2
    "MILK 2% GAL 3.49",  # 3
    "IBUPROFEN 200MG 100CT 8.99",  # 4
    "BREAD WHITE 2.29",  # 5
    "RX# 6012345 AMOXICILLIN 500MG 12.00",  # 6
    "DR. JONES QTY 30",  # 7
    "ASPARAGUS 1 LB 4.99",  # 8
    "SUBTOTAL 31.76",  # 9
    "TAX 1.03",  # 10
    "TOTAL 32.79",  # 11
    "VISA 4111 1111 1111 1111",  # 12
    "AUTH CODE: 0A12B3",  # 13
    "MYWALGREENS # 7788991122",  # 14
    "CASHIER: JANE DOE",  # 15
    "12/03/2024 14:35 TRANS 4455",  # 16
]


def us_receipt() -> Receipt:
    return Receipt(
        merchant="WALGREENS #04512",
        merchant_address="123 MAIN ST, SPRINGFIELD, IL 62704",
        phone="(217) 555-0142",
        total=Decimal("32.79"),
        subtotal=Decimal("31.76"),
        tax=Decimal("1.03"),
        items=(
            LineItem("MILK 2% GAL", Decimal("3.49"), line_index=3),
            LineItem("IBUPROFEN 200MG 100CT", Decimal("8.99"), line_index=4),
            LineItem("BREAD WHITE", Decimal("2.29"), line_index=5),
            LineItem("RX# 6012345 AMOXICILLIN 500MG", Decimal("12.00"), line_index=6),
            LineItem("ASPARAGUS 1 LB", Decimal("4.99"), line_index=8),
        ),
        payment="VISA 4111 1111 1111 1111",
        receipt_number="4455",
        confidence={"total": 0.9},
    )


def report(r: Redacted) -> dict[str, int]:
    return {x.kind: x.count for x in r.report}


def test_sensitive_items_go_to_the_bucket_and_totals_reconcile() -> None:
    receipt = us_receipt()
    r = redact_receipt(receipt, build(US_LINES))
    assert [i.description for i in r.receipt.items] == ["MILK 2% GAL", "BREAD WHITE", "ASPARAGUS 1 LB"]
    assert r.receipt.redacted_items == 2
    assert r.receipt.redacted_amount == Decimal("20.99")
    assert sum(i.amount for i in r.receipt.items) + r.receipt.redacted_amount == receipt.subtotal
    assert r.receipt.total == receipt.total and r.receipt.tax == receipt.tax
    # item line indices still point at the right lines
    for item in r.receipt.items:
        assert r.lines[item.line_index].text == US_LINES[item.line_index]


def test_sensitive_lines_and_their_detail_line_are_blacked_out() -> None:
    r = redact_receipt(us_receipt(), build(US_LINES))
    assert len(r.lines) == len(US_LINES)
    for i in (4, 6, 7):
        assert set(r.lines[i].text) <= {FILL, " "}
        assert all(set(w.text) == {FILL} for w in r.lines[i].words)
        assert r.lines[i].box in r.erased_boxes
    for i in (0, 1, 2, 3, 5, 8, 9, 10, 11, 16):
        assert r.lines[i].text == US_LINES[i]
        assert r.lines[i].box not in r.erased_boxes


def test_pii_is_erased_from_lines_words_and_fields() -> None:
    lines = build(US_LINES)
    r = redact_receipt(us_receipt(), lines)
    assert r.lines[12].text == f"VISA {FILL*4} {FILL*4} {FILL*4} {FILL*4}"
    assert [w.text for w in r.lines[12].words][0] == "VISA"
    assert r.lines[13].text == f"AUTH CODE: {FILL*6}"
    assert r.lines[14].text == f"MYWALGREENS # {FILL*10}"
    assert r.lines[15].text == f"CASHIER: {FILL*4} {FILL*3}"
    # exactly the erased words' boxes are reported
    for i in (12, 13, 14, 15):
        for before, after in zip(lines[i].words, r.lines[i].words):
            assert (before.box in r.erased_boxes) == (after.text != before.text)
    assert lines[12].words[0].box not in r.erased_boxes  # "VISA" stays
    assert r.receipt.payment == f"VISA {FILL*4} {FILL*4} {FILL*4} {FILL*4}"
    # the merchant's own phone, address and receipt number stay
    assert r.receipt.phone == "(217) 555-0142"
    assert r.receipt.merchant_address == US_LINES[1]
    assert r.receipt.receipt_number == "4455"
    assert r.lines[2].text == US_LINES[2]
    assert r.unlocated == 0


def test_report_counts_kinds_never_content() -> None:
    r = redact_receipt(us_receipt(), build(US_LINES))
    assert report(r) == {
        "auth_code": 1,
        "card_number": 1,
        "member_id": 1,
        "person_name": 1,
        "sensitive_item": 2,
        "sensitive_line": 1,
    }
    for entry in r.report:
        assert isinstance(entry, Redaction) and set(vars(entry)) == {"kind", "count"}
    blob = repr(r.report)
    for secret in ("4111", "0A12B3", "JANE", "IBUPROFEN", "7788991122"):
        assert secret not in blob


def test_keep_card_last4() -> None:
    r = redact_receipt(us_receipt(), build(US_LINES), RedactionPolicy(keep_card_last4=True))
    assert r.lines[12].text == f"VISA {FILL*4} {FILL*4} {FILL*4} 1111"
    assert r.receipt.payment.endswith(" 1111")
    last_word = build(US_LINES)[12].words[-1]
    assert last_word.box not in r.erased_boxes


def test_extra_terms_from_policy() -> None:
    policy = RedactionPolicy(extra_terms=("asparagus",))
    r = redact_receipt(us_receipt(), build(US_LINES), policy)
    assert "ASPARAGUS 1 LB" not in [i.description for i in r.receipt.items]
    assert r.receipt.redacted_amount == Decimal("25.98")


def test_german_pharmacy_receipt() -> None:
    texts = [
        "Apotheke am Markt",  # 0
        "Marktplatz 1, 10115 Berlin",  # 1
        "Tel. 030 1234567",  # 2
        "PZN 01234567 Ibu-ratiopharm 400 akut 5,49 A",  # 3
        "Zuzahlung 5,00",  # 4
        "Taschentücher 10x10 1,29 B",  # 5
        "Kondome 10 Stück 8,95 A",  # 6
        "SUMME EUR 20,73",  # 7
        "Kartenzahlung girocard",  # 8
        "Karte: ############1234",  # 9
        "Terminal-ID: 62033421",  # 10
        "Genehmigungs-Nr. 987654",  # 11
        "PAYBACK Karte: 3083 4210 0000 1234",  # 12
        "Es bediente Sie: Frau Müller",  # 13
        "UST-ID DE123456789",  # 14
        "Beleg-Nr. 1234 12.03.2024 09:41",  # 15
    ]
    receipt = Receipt(
        merchant="Apotheke am Markt",
        merchant_address="Marktplatz 1, 10115 Berlin",
        phone="030 1234567",
        currency="EUR",
        total=Decimal("20.73"),
        items=(
            LineItem("Ibu-ratiopharm 400 akut", Decimal("5.49"), line_index=3),
            LineItem("Zuzahlung", Decimal("5.00"), line_index=4),
            LineItem("Taschentücher 10x10", Decimal("1.29"), line_index=5),
            LineItem("Kondome 10 Stück", Decimal("8.95"), line_index=6),
        ),
        payment="girocard ############1234",
        receipt_number="1234",
    )
    r = redact_receipt(receipt, build(texts))
    assert [i.description for i in r.receipt.items] == ["Taschentücher 10x10"]
    assert r.receipt.redacted_items == 3
    assert r.receipt.redacted_amount == Decimal("19.44")
    assert r.receipt.payment == f"girocard {FILL*16}"
    kept = {0, 1, 2, 5, 7, 8, 14, 15}
    for i in kept:
        assert r.lines[i].text == texts[i], i
    for i in (9, 10, 11, 12, 13):
        assert r.lines[i].text != texts[i] and FILL in r.lines[i].text
    assert "Müller" not in r.lines[13].text and "62033421" not in r.lines[10].text
    assert report(r)["sensitive_item"] == 3


def test_a_prescription_read_as_an_item_by_its_number_goes_to_the_bucket() -> None:
    """A pharmacy pickup's ``RX <number> <copay>`` line, read as an item, names no medication: its number
    alone makes it sensitive, and the shop's goods stay."""
    texts = ["Walgreens", "RX 0873321-06231 15.00 N", "1 RX 4821930 4.00N", "HALLS MENTHOL 30CT 2.99 B",
             "SUBTOTAL 21.99", "TOTAL 21.99"]
    lines = build(texts)
    r = redact_receipt(extract_receipt(lines), lines)
    assert [i.description for i in r.receipt.items] == ["HALLS MENTHOL 30CT"]
    assert (r.receipt.redacted_items, r.receipt.redacted_amount) == (2, Decimal("19.00"))
    assert all(set(r.lines[i].text) <= {FILL, " "} for i in (1, 2))


def test_lines_without_boxes_or_words() -> None:
    lines = [OcrLine("CASHIER: JANE"), OcrLine("CONDOMS 12PK 9.99"), OcrLine("MILK 3.49")]
    receipt = Receipt(items=(LineItem("CONDOMS 12PK", Decimal("9.99"), line_index=1), LineItem("MILK", Decimal("3.49"), line_index=2)))
    r = redact_receipt(receipt, lines)
    assert r.lines[0].text == f"CASHIER: {FILL*4}"
    assert r.lines[1].text == f"{FILL*7} {FILL*4} {FILL*4}"
    assert r.erased_boxes == ()
    assert r.unlocated == 2  # the caller must not keep an image it can not black out


def test_line_box_is_used_when_words_do_not_match_text() -> None:
    line = OcrLine("VISA 4111111111111111", (0, 0, 200, 20), words=(OcrLine("V1SA", (0, 0, 40, 20)), OcrLine("4111111111111111", (50, 0, 200, 20))))
    r = redact_receipt(Receipt(), [line])
    assert r.erased_boxes == ((0, 0, 200, 20),)
    assert all(set(w.text) == {FILL} for w in r.lines[0].words)


def test_items_without_line_index_and_amount() -> None:
    receipt = Receipt(items=(LineItem("TYLENOL EXTRA STR"), LineItem("EGGS", Decimal("2.99"))))
    r = redact_receipt(receipt, [])
    assert [i.description for i in r.receipt.items] == ["EGGS"]
    assert r.receipt.redacted_items == 1 and r.receipt.redacted_amount is None


def test_redaction_is_idempotent_and_input_untouched() -> None:
    receipt = us_receipt()
    lines = build(US_LINES)
    once = redact_receipt(receipt, lines)
    twice = redact_receipt(once.receipt, once.lines)
    assert twice.receipt == once.receipt and twice.lines == once.lines
    assert twice.receipt.redacted_amount == once.receipt.redacted_amount
    assert receipt == us_receipt() and lines == build(US_LINES)
    once.receipt.confidence["x"] = 1.0
    assert "x" not in receipt.confidence


def test_grocery_receipt_keeps_at_least_99_percent_of_items() -> None:
    names = [l.strip() for l in (DATA / "grocery_items.txt").read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    assert len(names) >= 200
    texts = [f"{name} {1 + i % 17}.{i % 100:02d}" for i, name in enumerate(names)]
    items = tuple(LineItem(name, Decimal(f"{1 + i % 17}.{i % 100:02d}"), line_index=i) for i, name in enumerate(names))
    r = redact_receipt(Receipt(items=items), build(texts))
    kept = [i.description for i in r.receipt.items]
    assert len(kept) >= 0.99 * len(names), sorted(set(names) - set(kept))
    assert all(k == names[i.line_index] for k, i in zip(kept, r.receipt.items))  # descriptions untouched
    unchanged = sum(a.text == b for a, b in zip(r.lines, texts))
    assert unchanged >= 0.99 * len(texts)
    assert r.report == tuple(x for x in r.report if x.kind in ("sensitive_item", "sensitive_line"))


def test_a_customer_phone_that_extraction_took_for_the_shop_phone_is_erased() -> None:
    """A receipt without a shop phone: extraction takes the first phone it sees, the customer's."""
    texts = ["CORNER MARKET", "03/14/2025 10:22", "MILK 2% GAL 3.49", "TOTAL 3.49", "CUSTOMER PHONE: 512-555-0190"]
    receipt = Receipt(merchant="CORNER MARKET", phone="512-555-0190", total=Decimal("3.49"),
                      items=(LineItem("MILK 2% GAL", Decimal("3.49"), line_index=2),))
    r = redact_receipt(receipt, build(texts))
    assert r.receipt.phone is None
    assert "0190" not in r.lines[4].text and r.lines[4].text.startswith("CUSTOMER PHONE:")
    assert Redaction("phone", 1) in r.report


def test_shop_phone_in_the_header_is_kept() -> None:
    texts = ["CORNER MARKET", "TEL (217) 555-0100", "MILK 2% GAL 3.49", "TOTAL 3.49", "PHONE: 512-555-0190"]
    receipt = Receipt(merchant="CORNER MARKET", phone="(217) 555-0100", total=Decimal("3.49"),
                      items=(LineItem("MILK 2% GAL", Decimal("3.49"), line_index=2),))
    r = redact_receipt(receipt, build(texts))
    assert r.receipt.phone == "(217) 555-0100" and r.lines[1].text == texts[1]
    assert "0190" not in r.lines[4].text


def test_the_merchant_line_as_printed_is_scrubbed_like_the_merchant():
    """merchant_raw reaches the analysts' file: what redaction erases from merchant goes from it too."""
    from parse.extract import extract_receipt
    from parse.types import OcrLine
    from redact import RedactionPolicy, redact_receipt

    lines = [OcrLine(text, box=(10, 30 * i, 300, 30 * i + 24)) for i, text in enumerate(
        ["ALDI SUD anna.schmidt@gmail.com", "Musterstr. 1", "12345 Berlin", "SUMME EUR 5,00", "Datum 01.02.24"])]
    receipt = extract_receipt(lines)
    assert "anna" in receipt.merchant_raw
    redacted = redact_receipt(receipt, lines, RedactionPolicy()).receipt
    assert "anna" not in redacted.merchant_raw and "anna" not in redacted.merchant
