"""Privacy on real-looking receipts: the name after a role label (Server, Cashier, Host,
Es bediente Sie, Kassierer, Bed. ...), the card-terminal block of German card receipts
(Kundenbeleg: trace, terminal, VU and authorisation numbers, AID, EMV data, transaction
numbers) and loyalty or voucher numbers are erased from the text, the words and the stored
image, in English and German; the lines a receipt is read by (items, totals, the payment
word, the shop's address, phone and tax number, dates, the receipt number) stay, and
extraction from the redacted lines gives the same fields.

The fixture lines are written here after the shapes of real receipts (REWE and Lidl
e-receipts, US restaurant checks); none is copied from one.
"""
from __future__ import annotations

import pytest
from PIL import Image

from images import font, receipt_image
from parse.extract import extract_receipt
from parse.types import OcrLine
from redact import redact_image, redact_receipt, scrub_text
from redact.spans import FILL

# (printed line, the words of it that must be erased)
DE_CARD_RECEIPT = [
    ("REWE Markt GmbH", ()),
    ("Lindenallee 14, 50667 Köln", ()),
    ("Telefon: 0221 / 4471230", ()),
    ("UID Nr.: DE298765431", ()),
    ("EUR", ()),
    ("BIO BANANEN 1,99 B", ()),
    ("VOLLMILCH 3,5% 1,19 B", ()),
    ("ROGGENBROT 2,49 B", ()),
    ("SUMME EUR 5,67", ()),
    ("Geg. EC-Cash EUR 5,67", ()),
    ("* * Kundenbeleg * *", ()),
    ("Datum: 14.03.2025", ()),
    ("Uhrzeit: 10:22:31 Uhr", ()),
    ("Beleg-Nr. 4821", ()),
    ("Trace-Nr. 731904", ("731904",)),
    ("Kartenzahlung", ()),
    ("girocard", ()),
    ("Nr. ###############4417 0000", ("###############4417",)),
    ("Terminal-ID 56034417", ("56034417",)),
    ("VU-Nr. 43400129947", ("43400129947",)),
    ("AID A0000000043060", ("A0000000043060",)),
    ("EMV-Daten: A00000004306/01", ("A00000004306/01",)),
    ("Autorisierungsnr. 604512", ("604512",)),
    ("Capt.-Ref.= 0825", ("0825",)),
    ("Betrag EUR 5,67", ()),
    ("Zahlung erfolgt", ()),
    ("TSE-Transaktion: 948464", ()),
    ("14.03.2025 10:22 Bon-Nr.:1187", ()),
    ("Markt:5472 Kasse:3 Bed.: Anna", ("Anna",)),
    ("PAYBACK Karten-Nr.: #########8812", ("#########8812",)),
    ("Es bediente Sie: Frau Kowalczyk", ("Frau", "Kowalczyk")),
    ("Vielen Dank für Ihren Einkauf", ()),
]

US_RESTAURANT_CHECK = [
    ("BLUE HERON GRILL", ()),
    ("410 Harbor Drive", ()),
    ("Portland, ME 04101", ()),
    ("(207) 555-0174", ()),
    ("Server: Maria Oyelaran", ("Maria", "Oyelaran")),
    ("Table: 12 Guests: 2", ()),
    ("03/14/2025 07:41 PM", ()),
    ("CHECK #4412", ()),
    ("CLAM CHOWDER 8.95", ()),
    ("FISH TACOS 14.50", ()),
    ("ICED TEA 3.25", ()),
    ("SUBTOTAL 26.70", ()),
    ("TAX 1.47", ()),
    ("TOTAL 28.17", ()),
    ("VISA 28.17", ()),
    ("CARD # XXXXXXXXXXXX4821", ("XXXXXXXXXXXX4821",)),
    ("AID A0000000031010", ("A0000000031010",)),
    ("AUTH CODE: 08765Z", ("08765Z",)),
    ("TRANSACTION ID: 309873", ("309873",)),
    ("TC# 7302 1458 6694 0127 3385", ("7302", "1458", "6694", "0127", "3385")),
    ("Your host today was Vicente", ("Vicente",)),
    ("REWARDS # 7788 9911 22", ("7788", "9911", "22")),
    ("THANK YOU", ()),
]

RECEIPTS = {"de_card_receipt": DE_CARD_RECEIPT, "us_restaurant_check": US_RESTAURANT_CHECK}


def scrub(text: str) -> tuple[str, dict[str, int]]:
    out, counts = scrub_text(text, terms=False)
    assert len(out) == len(text)  # erasure keeps the layout
    return out, dict(counts)


def visible(text: str) -> str:
    return " ".join(text.replace(FILL, " ").split())


# --- names after a role label ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line, label",
    [
        ("Server: Maria", "Server:"),
        ("Your server today was Alex", "Your server today was"),
        ("YOUR SERVER WAS ALEX", "YOUR SERVER WAS"),
        ("Cashier: JOHN D", "Cashier:"),
        ("Host: Vicente", "Host:"),
        ("WAITER: BOB K.", "WAITER:"),
        ("Bartender: Lisa Marie", "Bartender:"),
        ("Es bediente Sie: Frau Müller", "Es bediente Sie:"),
        ("Ihre Kassiererin heute war Lena Maier", "Ihre Kassiererin heute war"),
        ("Ihr Kassierer heute: Tom", "Ihr Kassierer heute:"),
        ("Bed.: Anna", "Bed.:"),
        ("Markt:5472 Kasse:3 Bed.: Anna", "Markt:5472 Kasse:3 Bed.:"),
        ("Kasse: 3 Bed , Anna", "Kasse: 3 Bed ,"),  # as OCR reads "Bed.:" (found by test_privacy.py)
        ("Kasse:3 Bed_ Jana", "Kasse:3 Bed_"),
        ("Kellnerin: Sophie", "Kellnerin:"),
        ("Verkäufer: Hans Peters", "Verkäufer:"),
        ("Bedienung: 12 Jana", "Bedienung: 12"),
    ],
)
def test_the_name_after_a_role_label_is_erased_and_the_label_kept(line: str, label: str) -> None:
    out, counts = scrub(line)
    assert counts == {"person_name": 1}, counts
    assert visible(out) == label


# --- the card-terminal block ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind, secret",
    [
        ("AID A0000000043060", "emv_data", "A0000000043060"),
        ("EMV-AID: A0000000041010", "emv_data", "A0000000041010"),
        ("EMV-Daten: A00000002501/00", "emv_data", "A00000002501"),
        ("ARQC 1A2B3C4D5E6F7A8B", "emv_data", "1A2B3C4D5E6F7A8B"),
        ("TVR 0080008000", "emv_data", "0080008000"),
        ("PAN SEQ 01", "emv_data", "01"),
        ("Kartenfolgenr. 002", "emv_data", "002"),
        ("T-ID 60158601", "terminal_id", "60158601"),
        ("Capt.-Ref.= 0825", "terminal_id", "0825"),
        ("AID59: 861717", "auth_code", "861717"),
        ("Auth. No. 531732", "auth_code", "531732"),
        ("Transaction ID: 309873", "transaction_id", "309873"),
        ("Transaktionsnr. 284519", "transaction_id", "284519"),
        ("Transaktionsnummer: 2111061", "transaction_id", "2111061"),
        ("SEQ NO: 99442212", "transaction_id", "99442212"),
        ("Trans-Nr: 00012345678901234567890", "transaction_id", "2345678901"),
        ("00071234567890123456789012", "transaction_id", "1234567890"),
        ("TC# 7302 1458 6694 0127 3385", "transaction_id", "6694"),
        ("Nr. #########9334M", "card_number", "9334"),
    ],
)
def test_card_terminal_values_are_erased(line: str, kind: str, secret: str) -> None:
    out, counts = scrub(line)
    assert counts == {kind: 1}, counts
    assert secret not in out
    assert not any(c.isdigit() for c in out.split()[-1]), out  # the last value is gone entirely


# --- loyalty programmes and vouchers ----------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind, secret",
    [
        ("PAYBACK Karten-Nr.: #########9334", "member_id", "9334"),
        ("DeutschlandCard-Nr. 3081234567890", "member_id", "3081234567890"),
        ("Store card: 6001234567", "member_id", "6001234567"),
        ("Nectar card 98263000123", "member_id", "98263000123"),
        ("Treuekarte 4417229011", "member_id", "4417229011"),
        ("Gutschein 08883172536567", "voucher", "08883172536567"),
        ("GIFT CARD # 6061 2233 4455 6677", "voucher", "4455"),
    ],
)
def test_loyalty_and_voucher_numbers_are_erased(line: str, kind: str, secret: str) -> None:
    out, counts = scrub(line)
    assert counts == {kind: 1}, counts
    assert secret not in out


# --- what stays -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "* * Kundenbeleg * *",
        "K-U-N-D-E-N-B-E-L-E-G",
        "* * Händlerbeleg * *",
        "Kartenzahlung",
        "Kontaktlos Chip Online",
        "Bezahlung American Express",
        "Betrag EUR 37,36",
        "Zahlung erfolgt",
        "Datum: 11.08.2023",
        "Uhrzeit: 16:09:27 Uhr",
        "Beleg-Nr. 7064",
        "Pos-Info 00 075 00",
        "AS-Zeit 11.08. 16:09 Uhr",
        "AS-Proc-Code = 24 012 00",
        "Autorisierungsantwortcode 00",
        "TSE-Transaktion: 948464",
        "TSE Transaktionsnummer: 2111061",
        "TSE-Signaturzähler: 1969216",
        "TSE-Start: 2023-08-11T16:09:20.000",
        "UID Nr.: DE283751503",
        "UST-ID-NR: DE813388807",
        "Markt:5472 Kasse:3 Bed.:303030",
        "Kassierer: 12",
        "PAYBACK Punkte 125",
        "Punkte vor dem Einkauf: 7.638 Punkte",
        "PAYBACK Monatsumsatz: 41,24 EUR",
        "Lidl Plus Rabatt -0,39",
        "Gutschein 5,00",
        "GIFT CARD 25.00",
        "Mitarbeiterrabatt 5% -0,29 A",
        "TRANS 4455 REG 3 12:02",
        "TRANS #: 52",
        "RITE AID #05678",
        "BAND AID 30CT 3.49",
        "ATC 12PK 3.99",
        "WAITRESS APRON 12.99",
        "BED. LINEN 2X 19.99",
        "HOST: 2 GUESTS",
        "Table: 105 Guests: 4",
        "4006381333931 4.99",
        "0221 9636303 19.99",
        "12345678901234567 12.99 12/03/2024",
    ],
)
def test_terminal_block_and_receipt_lines_that_stay(line: str) -> None:
    out, counts = scrub(line)
    assert out == line, counts


def test_a_receipt_number_printed_as_the_transaction_number_stays() -> None:
    """The receipt number is kept in the store (and read again from the stored lines)."""
    texts = ["CORNER MARKET", "MILK 3.49", "TOTAL 3.49", "TRANSACTION NO: 558560", "TRACE NO: 771203"]
    lines = [OcrLine(t) for t in texts]
    receipt = extract_receipt(lines)
    assert receipt.receipt_number == "558560"
    redacted = redact_receipt(receipt, lines)
    assert redacted.lines[3].text == texts[3]
    assert "771203" not in redacted.lines[4].text


# --- whole receipts: text, extraction, image ----------------------------------------------------


def rendered(printed: list[tuple[str, tuple[str, ...]]]) -> tuple[Image.Image, list[OcrLine]]:
    """The receipt drawn as ``images.receipt_image`` draws it, and its lines with the box of
    every word (as OCR gives them)."""
    size = 26
    texts = [text for text, _ in printed]
    image = receipt_image(texts, width=820, size=size)
    glyphs = font(size)
    line_height = int(size * 1.6)
    lines = []
    for index, text in enumerate(texts):
        x, y = 40, line_height * (index + 2)
        _, top, _, bottom = glyphs.getbbox(text)
        words, pos = [], 0
        for word in text.split():
            at = text.index(word, pos)
            x0 = x + round(glyphs.getlength(text[:at]))
            x1 = x + round(glyphs.getlength(text[: at + len(word)]))
            words.append(OcrLine(word, (x0, y + top, x1, y + bottom), 0.9))
            pos = at + len(word)
        box = (words[0].box[0], y + top, words[-1].box[2], y + bottom)
        lines.append(OcrLine(text, box, 0.9, tuple(words)))
    return image, lines


@pytest.mark.parametrize("name", RECEIPTS)
def test_redacted_lines_erase_exactly_the_secret_words(name: str) -> None:
    printed = RECEIPTS[name]
    _, lines = rendered(printed)
    redacted = redact_receipt(extract_receipt(lines), lines)
    assert redacted.unlocated == 0
    for (text, secrets), line in zip(printed, redacted.lines):
        for before, after in zip(text.split(), line.words):
            if before in secrets:
                assert set(after.text) == {FILL}, (text, line.text)
            else:
                assert after.text == before, (text, line.text)


@pytest.mark.parametrize("name", RECEIPTS)
def test_extraction_from_the_redacted_lines_reads_the_same_receipt(name: str) -> None:
    _, lines = rendered(RECEIPTS[name])
    receipt = extract_receipt(lines)
    redacted = redact_receipt(receipt, lines)
    again = extract_receipt(redacted.lines)  # what reprocessing reads from the store
    fields = ("merchant", "merchant_address", "phone", "date", "time", "currency", "total", "subtotal", "tax",
              "payment", "receipt_number")
    assert receipt.total is not None and receipt.payment and receipt.receipt_number and receipt.date
    for field in fields:
        assert getattr(again, field) == getattr(receipt, field) == getattr(redacted.receipt, field), field
    assert [(i.description, i.amount) for i in again.items] == [(i.description, i.amount) for i in receipt.items]
    assert len(receipt.items) == 3


@pytest.mark.parametrize("name", RECEIPTS)
def test_the_stored_image_is_black_where_the_secret_words_were(name: str) -> None:
    printed = RECEIPTS[name]
    image, lines = rendered(printed)
    redacted = redact_receipt(extract_receipt(lines), lines)
    out = redact_image(image, redacted.erased_boxes).convert("L")
    original = image.convert("L")
    erased = kept = 0
    for (text, secrets), line in zip(printed, lines):
        for word in line.words:
            crop = out.crop(word.box)
            if word.text in secrets:
                assert crop.getextrema() == (0, 0), (text, word.text)  # solid black
                erased += 1
            else:
                assert crop.tobytes() == original.crop(word.box).tobytes(), (text, word.text)
                kept += 1
    assert erased >= 9 and kept > 3 * erased
