"""PII in one line of text: card numbers, IBANs, e-mail addresses, phone numbers,
labelled values (member numbers, names, auth codes, terminal ids, EMV data) and long
transaction numbers. Pure functions."""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence

import phonenumbers
from stdnum import iban

from . import cards, transactions
from .labels import Label, find_labelled
from .policy import RedactionPolicy
from .spans import SHIELD, Span, add_span

_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,32}", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+\-]+ ?@ ?[\w\-]+(?: ?\. ?[\w\-]+)*\. ?[A-Za-z]{2,}")
# any word with an "@" and letters on both sides (an address whose dot OCR lost, "jdoe@gmx")
_AT_WORD = re.compile(r"(?<!\S)([^\s@]*[^\W\d_][^\s@]*)@([^\s@]*[^\W\d_][^\s@]*)(?!\S)")
# The merchant's tax registration: never erased (and shields its digits from the detectors).
_TAX_ID = re.compile(
    r"(?<![^\W\d_])(?:ust[.\-\s]*id(?:[.\-\s]*nr)?|ust[.\-\s]*idnr|ust[.\-\s]*nr|steuer[\s\-]*(?:nr|nummer)|st[.\-\s]*nr"
    r"|w[\-\s]?idnr|vat(?:[\s\-]*(?:reg(?:istration)?|no|nr|id|#|number))*|gst(?:[\s/\-]*(?:hst|reg|no|#|number))*"
    r"|hst(?:[\s\-]*(?:no|#))?|tax[\s\-]*(?:id|no|#|reg)|(?-i:EIN|ABN|TIN|SIRET|UID|Uid))(?![^\W\d_])(?:[\s.\-]*(?:nr|no)(?![^\W\d_]))?\.?[\s:#.\-]*"
    r"[A-Z]{0,3}\s?\d[\d/ .\-]{3,20}\d(?:\s?[A-Z]{2}\d{4})?",
    re.IGNORECASE,
)
# Labelled references that may be the receipt's own number (``TRANSACTION NO``, ``REF NO``):
# that one stays, as the store keeps it.
_REFERENCES = {"terminal_id", transactions.KIND}


def _ibans(text: str) -> list[Span]:
    spans = []
    for m in _IBAN.finditer(text):
        raw = m.group()
        # longest prefix (at a character boundary) that is a valid IBAN
        for end in range(len(raw), 14, -1):
            if raw[end - 1] == " ":
                continue
            candidate = raw[:end].replace(" ", "").upper()
            if iban.is_valid(candidate):
                spans.append(Span(m.start(), m.start() + end, "iban"))
                break
    return spans


def _national(number: str, regions: Sequence[str]) -> str | None:
    for region in regions:
        try:
            return str(phonenumbers.parse(number, region).national_number)
        except phonenumbers.NumberParseException:
            continue
    return None


_PHONE_LABEL = re.compile(
    r"(?<![^\W\d_])(?:tel|tele?fon|telephone|phone|ph|fon|handy|mobil|mobile|cell|fax|call|r(?:ü|ue)ckruf|whatsapp|sms)(?![^\W\d_])",
    re.IGNORECASE,
)
# Formats that are phone numbers without a label: +49 ..., 0049 ..., (212) 555-0187, 212-555-0187.
_PHONE_SHAPE = re.compile(r"^(?:\+\d|00\d{1,2}[\s\-/(])|^\(?\d{3}\)?[\s.\-]?\d{3}[.\-]\d{4}$|^1[\s.\-]\d{3}[\s.\-]\d{3}[.\-]\d{4}$")
_PRICE = re.compile(r"\d[.,]\d{2}(?!\d)")
# a number right after a phone label, however OCR spaced it: "Tel _ 0171 849274", "+49 151 901424"
_LABELLED_NUMBER = re.compile(r"[\s:#.=_\-]*(\+?\(?\d(?:[\s\-/.()]{0,2}\d)*)")
_DATE_LIKE = re.compile(r"^\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4}$")


def _phones(text: str, regions: Sequence[str], keep_phones: Collection[str]) -> list[Span]:
    """Phone numbers after a phone label, or in an unmistakable format, except those kept."""
    keep = {n for p in keep_phones if (n := _national(p, regions))}
    keep_digits = {re.sub(r"\D", "", p)[-7:] for p in keep_phones if len(re.sub(r"\D", "", p)) >= 7}
    labels = [m.end() for m in _PHONE_LABEL.finditer(text)]
    spans = []
    for region in regions:
        for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            raw = m.raw_string
            if not (any(end <= m.start for end in labels) or _PHONE_SHAPE.match(raw)):
                continue
            if raw.count("/") >= 2 or re.match(r"[./,]\d", text[m.end : m.end + 2]) or _PRICE.search(raw):
                continue  # 143/123/45678 is a German tax number; a date or a price
            if str(m.number.national_number) in keep or re.sub(r"\D", "", raw)[-7:] in keep_digits:
                continue
            spans.append(Span(m.start, m.end, "phone"))
    # right after a phone label, a number OCR misread or dropped a digit of (so it is no
    # valid number any more) is still the number
    for end in labels:
        m = _LABELLED_NUMBER.match(text, end)
        if not m or any(s.overlaps(m.start(1), m.end(1)) for s in spans):
            continue
        raw = m.group(1)
        digits = re.sub(r"\D", "", raw)
        if not 6 <= len(digits) <= 15 or _PRICE.search(raw) or _DATE_LIKE.match(raw):
            continue
        if digits[-7:] in keep_digits or any(digits.endswith(n) for n in keep):
            continue
        spans.append(Span(m.start(1), m.end(1), "phone"))
    return spans


def find_pii(
    text: str,
    policy: RedactionPolicy = RedactionPolicy(),
    *,
    keep_phones: Collection[str] = (),
    keep_numbers: Collection[str] = (),
    carry: Label | None = None,
) -> tuple[list[Span], Label | None]:
    """Spans of PII in one line, and a label whose value is expected on the next line.

    keep_phones: phone numbers not to erase (the merchant's own).
    keep_numbers: digit strings of the receipt's own number: no card number unless the line
        speaks of a card, and never erased as a transaction or terminal reference.
    """
    spans: list[Span] = []
    spans.extend(Span(m.start(), m.end(), SHIELD) for m in _TAX_ID.finditer(text))

    def add_card(s: Span) -> None:
        if policy.keep_card_last4 and not any(o.overlaps(s.start, s.end) for o in spans):
            kept = cards.keep_last4(s, text)
            spans.append(Span(kept.end, s.end, SHIELD))  # the last four stay readable
            s = kept
        add_span(spans, s)

    labelled, waiting = find_labelled(text, carry)
    for s in labelled:
        if s.kind == "card_number":
            add_card(s)
        elif not (s.kind in _REFERENCES and transactions.is_kept(text[s.start : s.end], keep_numbers)):
            add_span(spans, s)
    for s in transactions.find_long(text, keep_digits=keep_numbers):
        add_span(spans, s)
    for s in cards.find_full(text, keep_digits=keep_numbers):
        add_card(s)
    for s in _ibans(text):
        add_span(spans, s)
    for s in cards.find_masked(text):
        add_card(s)
    for m in _EMAIL.finditer(text):
        add_span(spans, Span(m.start(), m.end(), "email"))
    for m in _AT_WORD.finditer(text):
        if sum(c.isalpha() for c in m.group(1)) >= 2 and sum(c.isalpha() for c in m.group(2)) >= 2:
            add_span(spans, Span(m.start(), m.end(), "email"))
    for s in _phones(text, policy.phone_regions, keep_phones):
        add_span(spans, s)
    return sorted(s for s in spans if s.kind != SHIELD), waiting


def find_pii_lines(
    texts: Sequence[str],
    policy: RedactionPolicy = RedactionPolicy(),
    *,
    keep_phones: Collection[str] = (),
    keep_numbers: Collection[str] = (),
) -> list[list[Span]]:
    """find_pii for consecutive lines, passing a dangling label on to the next line."""
    out = []
    carry: Label | None = None
    for text in texts:
        spans, carry = find_pii(text, policy, keep_phones=keep_phones, keep_numbers=keep_numbers, carry=carry)
        out.append(spans)
    return out
