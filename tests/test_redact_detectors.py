"""Unit tests of the PII detectors, on OCR-style receipt lines (US and German)."""
from __future__ import annotations

import pytest

from redact import RedactionPolicy, scrub_text
from redact.spans import FILL

KEEP4 = RedactionPolicy(keep_card_last4=True)


def scrub(text: str, policy: RedactionPolicy = RedactionPolicy(), **kw) -> tuple[str, dict[str, int]]:
    out, counts = scrub_text(text, policy, **kw)
    assert len(out) == len(text)  # erasure keeps the layout
    return out, dict(counts)


def visible(text: str) -> str:
    return text.replace(FILL, "")


def assert_untouched(text: str, **kw) -> None:
    out, counts = scrub(text, **kw)
    assert out == text, counts


# --- card numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "VISA 4111 1111 1111 1111",
        "VISA 4111-1111-1111-1111",
        "CARD 4111111111111111",
        "MC 5500 0000 0000 0004",
        "AMEX 3782 822463 10005",
        "DISCOVER 6011000990139424",
        "Karte 6759 6498 2643 8453 12",  # 18-digit Maestro
        "4012888888881881 APPROVED",
        "4111 11111111 1111",  # OCR lost the space between two groups of four
    ],
)
def test_full_card_numbers_are_erased(line: str) -> None:
    out, counts = scrub(line)
    assert counts.get("card_number") == 1
    assert sum(c.isdigit() for c in out) <= 2  # at most a digit of the brand's text remains


def test_full_card_keeps_last4_when_asked() -> None:
    out, counts = scrub("VISA 4111 1111 1111 1234".replace("1234", "1111"), KEEP4)
    assert out == f"VISA {FILL*4} {FILL*4} {FILL*4} 1111"
    assert counts == {"card_number": 1}


def test_luhn_invalid_long_number_is_not_a_card() -> None:
    assert_untouched("REF 4111 1111 1111 1112 X")


def test_ean13_barcode_on_item_line_is_kept() -> None:
    assert_untouched("4006381333931 MILK 1.99")


def test_receipt_number_is_kept_unless_card_context() -> None:
    from redact.detectors import find_pii

    assert find_pii("RECEIPT 4111111111111111", keep_numbers=["4111111111111111"])[0] == []
    assert find_pii("VISA 4111111111111111", keep_numbers=["4111111111111111"])[0] != []


def test_emv_application_id_is_erased_and_the_card_brand_kept() -> None:
    out, counts = scrub("AID: A0000000041010 MASTERCARD")
    assert counts == {"emv_data": 1}
    assert visible(out).split() == ["AID:", "MASTERCARD"]


@pytest.mark.parametrize(
    "line, kept4",
    [
        ("VISA ****1234", "VISA ****1234"),
        ("CARD # ************1234", None),
        ("MASTERCARD XXXX XXXX XXXX 5454", None),
        ("Debit xxxx1234", None),
        ("ACCT: ############9876", None),
        ("Girocard 672511******1234", None),
        ("Visa ending in 4321", None),
        ("Karte endet auf 4321", None),
    ],
)
def test_masked_card_numbers_drop_last4_by_default(line: str, kept4: str | None) -> None:
    out, counts = scrub(line)
    digits = [c for c in line if c.isdigit()]
    assert counts.get("card_number", 0) + counts.get("member_id", 0) == 1
    assert not any(c.isdigit() for c in out), out
    out4, _ = scrub(line, KEEP4)
    assert out4.endswith(line[-4:])  # last four kept
    assert sum(c.isdigit() for c in out4) == 4 or len(digits) == 4


# --- IBAN and bank accounts -------------------------------------------------------------


def test_valid_iban_is_erased_and_bic_kept() -> None:
    out, counts = scrub("IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX")
    assert counts == {"iban": 1}
    assert out.endswith("BIC COBADEFFXXX")
    assert "3704" not in out


def test_unlabelled_compact_iban_is_erased() -> None:
    out, counts = scrub("Überweisung an GB82WEST12345698765432 erfolgt")
    assert counts == {"iban": 1}
    assert visible(out) == "Überweisung an  erfolgt"


def test_invalid_iban_checksum_is_not_erased_without_label() -> None:
    assert_untouched("CODE DE00370400440532013000")


def test_masked_iban_after_label_is_erased() -> None:
    out, counts = scrub("IBAN: DE12 XXXX XXXX XXXX XX34 56")
    assert counts == {"iban": 1}
    assert visible(out).split() == ["IBAN:"]


def test_old_german_account_number() -> None:
    out, counts = scrub("Kto-Nr. 0532013000 BLZ 37040044")
    assert counts == {"bank_account": 1}
    assert "0532013000" not in out and "37040044" in out


# --- e-mail -----------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["E-MAIL: jane.doe+rcpt@example.com", "Beleg an max.mustermann@gmx.de gesendet", "mail john_smith @ yahoo.com"])
def test_email_is_erased(line: str) -> None:
    out, counts = scrub(line)
    assert counts == {"email": 1}
    assert "@" not in out


# --- phones -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["Customer phone 212-555-0187", "PH: (415) 555-2671", "Handy: 0171 1234567", "Tel. +49 89 1234567", "Rückruf unter 030 12345678"],
)
def test_phone_numbers_are_erased(line: str) -> None:
    out, counts = scrub(line)
    assert counts == {"phone": 1}
    assert sum(c.isdigit() for c in out) == 0


def test_merchant_phone_is_kept() -> None:
    assert_untouched("TEL: (415) 555-2671", keep_phones=["415-555-2671"])
    assert_untouched("Tel. 089 1234567", keep_phones=["+49 89 1234567"])
    out, counts = scrub("STORE 415-555-2671 CUSTOMER 212-555-0187", keep_phones=["(415) 555-2671"])
    assert counts == {"phone": 1} and "415-555-2671" in out and "0187" not in out


# --- labelled ids -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind, secret",
    [
        ("MEMBER # 1234567890", "member_id", "1234567890"),
        ("MEMBER: 555 123 987", "member_id", "987"),
        ("CUSTOMER NO. 00012345", "member_id", "00012345"),
        ("REWARDS # 7788 9911 22", "member_id", "9911"),
        ("EXTRACARE CARD #: 4410023311", "member_id", "4410023311"),
        ("CLUBCARD: ************9876", "member_id", "9876"),
        ("Kundennr. 4711-0815", "member_id", "4711-0815"),
        ("Kunden-Nr: 123456", "member_id", "123456"),
        ("PAYBACK Karte: 3083 4210 0000 1234", "member_id", "1234"),
        ("PAYBACK-Nr. ********1234", "member_id", "1234"),
        ("Mitglieds-Nr 99887766", "member_id", "99887766"),
        ("AUTH CODE: 0A12B3", "auth_code", "0A12B3"),
        ("APPR CODE 123456", "auth_code", "123456"),
        ("APPROVAL # 08765Z", "auth_code", "08765Z"),
        ("Genehmigungs-Nr. 987654", "auth_code", "987654"),
        ("Autorisierungsnummer: 55A219", "auth_code", "55A219"),
        ("TERMINAL ID: 12345678", "terminal_id", "12345678"),
        ("Terminal-ID: 5678901", "terminal_id", "5678901"),
        ("TID 62033421", "terminal_id", "62033421"),
        ("MID: 000123456789", "terminal_id", "000123456789"),
        ("MERCHANT ID 4451002", "terminal_id", "4451002"),
        ("TRACE NO 004512", "terminal_id", "004512"),
        ("Trace-Nr. 004512", "terminal_id", "004512"),
        ("STAN 123456", "terminal_id", "123456"),
        ("RRN 401234567890", "terminal_id", "401234567890"),
        ("VU-Nr. 455600123", "terminal_id", "455600123"),
        ("TA-Nr. 002233", "transaction_id", "002233"),
        ("EXP 12/25", "card_expiry", "12/25"),
        ("gültig bis 12/26", "card_expiry", "12/26"),
    ],
)
def test_labelled_values_are_erased(line: str, kind: str, secret: str) -> None:
    out, counts = scrub(line)
    assert counts == {kind: 1}, counts
    assert secret not in out
    label = line.split()[0].rstrip(":")
    assert out.startswith(label)  # the label stays


def test_two_ids_on_one_line() -> None:
    out, counts = scrub("TID 62033421 MID 000123456789")
    assert counts == {"terminal_id": 2}
    assert visible(out).split() == ["TID", "MID"]


@pytest.mark.parametrize(
    "line",
    [
        "MEMBER SAVINGS 2.00",
        "MEMBER PRICE 3.49",
        "CUSTOMER COPY",
        "PAYBACK Punkte 125",
        "Beleg-Nr. 1234",
        "Bon-Nr. 5678 Kasse 3",
        "TRANS 4455 REG 3 12:02",
        "ST# 1234 OP# 5678 TE# 12 TR# 03456",
        "TERMINAL 3",
        "FIRST AID KIT 9.99",
        "APPROVED - THANK YOU",
        "EXPRESS LANE 4",
        "MID ATLANTIC FARMS EGGS 3.99",
        "PANCAKE MIX 2.49",
        "PAN 10IN NONSTICK 19.99",
        "BONUS 12OZ 3.99",
        "REWARDS 2X POINTS",
        "MID 2PK 4.99",
        "HOST: 2 GUESTS",
        "EXP 2 DAYS",
        "KONTO 12,50",
    ],
)
def test_harmless_lines_with_label_words_are_kept(line: str) -> None:
    assert_untouched(line)


# --- names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, name",
    [
        ("CASHIER: JANE D.", "JANE"),
        ("Cashier: Maria Lopez", "Lopez"),
        ("SERVER: MIKE TABLE 12 GUESTS 2", "MIKE"),
        ("CARDHOLDER: JOHN A SMITH", "SMITH"),
        ("Card Holder Name: Erika Mustermann", "Mustermann"),
        ("Kassierer: 12 Anna", "Anna"),
        ("Es bediente Sie: Frau Müller", "Müller"),
        ("Sie wurden bedient von Herr Schmidt", "Schmidt"),
        ("Bediener: Kevin 0815", "Kevin"),
        ("Karteninhaber: Max Mustermann", "Mustermann"),
        ("PATIENT: DOE, JOHN", "DOE"),
        ("NAME: ALICE WONG", "WONG"),
        ("YOU WERE SERVED BY: CHRIS", "CHRIS"),
    ],
)
def test_names_after_labels_are_erased(line: str, name: str) -> None:
    out, counts = scrub(line, terms=False)
    assert counts == {"person_name": 1}, counts
    assert name not in out


def test_name_on_the_line_after_its_label() -> None:
    out, counts = scrub("YOUR CASHIER TODAY WAS\nMARIA\nTHANK YOU")
    assert out.split("\n") == ["YOUR CASHIER TODAY WAS", FILL * 5, "THANK YOU"]
    assert counts == {"person_name": 1}


def test_cashier_number_alone_is_kept() -> None:
    assert_untouched("CASHIER: 0123")
    assert_untouched("OPERATOR 5 LANE 2")


# --- what must never be erased ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "TOTAL 45.00",
        "SUBTOTAL 1,234.56",
        "SUMME EUR 1.234,56",
        "MWST 19% 2,39",
        "12/03/2024 14:35",
        "2024-03-12 14:35:12",
        "12.03.2024 09:41 Uhr",
        "2 @ 1.99",
        "3 x 0,89",
        "Beverly Hills, CA 90210",
        "10115 Berlin",
        "UST-ID DE123456789",
        "USt-IdNr.: DE 123 456 789",
        "Steuer-Nr 143/123/45678",
        "St.-Nr. 21/815/08150",
        "GST REG # 123456789 RT0001",
        "VAT NO GB 123 4567 89",
        "TAX ID 12-3456789",
    ],
)
def test_ordinary_receipt_text_is_kept(line: str) -> None:
    assert_untouched(line)


def test_scrub_text_erases_sensitive_terms_too() -> None:
    out, counts = scrub("item IBUPROFEN 400MG failed to parse")
    assert counts == {"sensitive_term": 1}
    assert "IBUPROFEN" not in out and out.endswith("400MG failed to parse")
    out, counts = scrub("item IBUPROFEN 400MG failed", terms=False)
    assert counts == {}


# --- what OCR makes of PII (found by tests/test_privacy.py on rendered receipts) -----------


@pytest.mark.parametrize(
    "line, kind, secret",
    [
        ("MASTERCARD 5406 - 8565- 6085- 9468", "card_number", "8565"),  # spaces around the dashes
        ("VISA 4111  1111 1111  1111", "card_number", "1111"),  # doubled spaces
        ("Mitglieds-Nr _ 76527437946", "member_id", "76527437946"),  # "." read as "_"
        ("Genehmigungs-Nr _ 335702", "auth_code", "335702"),
        ("E-Mail: j.wischnewski73eposteo.de", "email", "wischnewski"),  # "@" read as "e"
        ("E-RECEIPT SENT To m . oyelaran79@mailbox. org", "email", "oyelaran"),  # spaces around dots
        ("receipt for jdoe@gmx", "email", "jdoe"),  # the dot and TLD lost
        ("Handy: +49 151 9014242", "phone", "9014242"),  # a digit dropped: no valid number any more
        ("Tel _ 0171 849274", "phone", "849274"),
    ],
)
def test_ocr_misreadings_of_pii_are_still_erased(line: str, kind: str, secret: str) -> None:
    out, counts = scrub(line, terms=False)
    assert kind in counts, counts
    assert secret not in out


@pytest.mark.parametrize("line", ["MILK 2@1.99", "EMAIL OFFERS 2X POINTS", "PHONE CASE 12.99", "Tel. 089 1234567 12.03.2024"])
def test_ocr_tolerance_keeps_harmless_lines(line: str) -> None:
    assert_untouched(line, keep_phones=["089 1234567"])


def test_merchant_phone_after_a_phone_label_is_kept_however_spaced() -> None:
    assert_untouched("Tel _ 069 2470880", keep_phones=["069 2470880"])
