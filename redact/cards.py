"""Payment card numbers: full ones (Luhn-checked) and masked ones (``****1234``)."""
from __future__ import annotations

import re
from collections.abc import Collection

from stdnum import ean, luhn

from .spans import Span

KIND = "card_number"

# Dates joined by dashes are no part of a card number.
_DASH_DATE = re.compile(r"(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4})(?!\d)")
# Runs of digit groups joined by spaces or dashes, e.g. "4111 1111-1111 1111"; OCR often
# reads a dash with a space beside it ("5406 - 8565- 6085") or doubles a space.
_RUN = re.compile(r"\d+(?:(?: ?- ?| {1,2})\d+)*")
_GROUP = re.compile(r"\d+")
# Words that say "this line is about a payment card".
_CARD_CONTEXT = re.compile(
    r"(?<![^\W\d_])(?:visa|master\s*card|mc|amex|american\s+express|discover|diners|jcb|maestro|"
    r"girocard|debit|credit|card|karte|karten\w*|pan|acct|account|konto|ec)(?![^\W\d_])",
    re.IGNORECASE,
)
_MASKED = re.compile(
    r"(?<![A-Za-z0-9*#\u2022])"
    r"(?:\d{1,6}[ \-]?){0,2}"  # leading visible digits (BIN), if any
    r"(?:[*Xx#\u2022]{2,}[ \-]?){1,6}"  # mask groups
    r"(?:\d{4}[A-Z]|\d{2,4})"  # trailing visible digits, with a letter some terminals add ("#########9334M")
    r"(?![A-Za-z0-9*#\u2022]|[.,]\d)"
)
_ENDING = re.compile(
    r"(?<![^\W\d_])(?:ending(?:\s+(?:in|with))?|endet\s+auf|endend\s+(?:auf|mit)|last\s*(?:4|four)(?:\s+digits)?)"
    r"\s*[:#]?\s*(\d{4})(?!\d)",
    re.IGNORECASE,
)


def _groups_ok(groups: list[str]) -> bool:
    """Card numbers are printed whole, in groups of four (the last one shorter), or 4-6-4/4-6-5;
    OCR may lose a space between two groups of four (``4219 99953123 5077``)."""
    if len(groups) == 1:
        return True
    lengths = [len(g) for g in groups]
    return all(n % 4 == 0 for n in lengths[:-1]) or lengths in ([4, 6, 4], [4, 6, 5])


def _is_decimal_part(text: str, start: int, end: int) -> bool:
    """True if the digits at start:end are part of a price or a decimal like 1.234,56."""
    before = text[start - 2 : start]
    after = text[end : end + 2]
    return (len(before) == 2 and before[0].isdigit() and before[1] in ".,") or (
        len(after) == 2 and after[0] in ".," and after[1].isdigit()
    )


def find_full(text: str, keep_digits: Collection[str] = ()) -> list[Span]:
    """Unmasked card numbers: 13-19 digits, Luhn-valid, plain or grouped."""
    spans: list[Span] = []
    context = _CARD_CONTEXT.search(text) is not None
    dates = [(m.start(), m.end()) for m in _DASH_DATE.finditer(text)]
    for run in _RUN.finditer(text):
        groups = list(_GROUP.finditer(run.group()))
        bounds = [(run.start() + g.start(), run.start() + g.end()) for g in groups]
        usable = [not _is_decimal_part(text, s, e) and not any(a <= s and e <= b for a, b in dates) for s, e in bounds]
        i = 0
        while i < len(bounds):
            found = None
            for j in range(len(bounds), i, -1):
                if not all(usable[i:j]):
                    continue
                parts = [text[s:e] for s, e in bounds[i:j]]
                digits = "".join(parts)
                if not 13 <= len(digits) <= 19 or not _groups_ok(parts):
                    continue
                start, end = bounds[i][0], bounds[j - 1][1]
                glued = (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha())
                if glued and digits[0] == "0":
                    continue  # e.g. an EMV application id "A0000000031010"
                if not luhn.is_valid(digits):
                    continue
                if j - i == 1 and len(digits) == 13 and not context and ean.is_valid(digits):
                    continue  # an EAN-13 barcode on an item line
                if digits in keep_digits and not context:
                    continue  # the receipt's own number
                found = (start, end, j)
                break
            if found:
                spans.append(Span(found[0], found[1], KIND))
                i = found[2]
            else:
                i += 1
    return spans


def find_masked(text: str) -> list[Span]:
    """Masked card numbers (``XXXX XXXX XXXX 1234``, ``411111******1234``) and 'ending in 1234'."""
    spans: list[Span] = []
    for m in _MASKED.finditer(text):
        if sum(m.group().count(c) for c in "*Xx#\u2022") >= 3:
            spans.append(Span(m.start(), m.end(), KIND))
    spans.extend(Span(m.start(1), m.end(1), KIND) for m in _ENDING.finditer(text))
    return spans


def keep_last4(span: Span, text: str) -> Span:
    """Shrink a card-number span so its last four digits stay outside it."""
    seen = 0
    end = span.end
    while end > span.start and seen < 4:
        end -= 1
        if text[end].isdigit():
            seen += 1
    return Span(span.start, end, span.kind)
