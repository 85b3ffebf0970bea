"""Transaction numbers that no label announces: a run of 20 digits or more
(``TC# 7302 1458 6694 0127 3385``, a terminal's ``00012345678901234567890``).

No price, date, phone or barcode on a receipt is that long; the receipt's own number
(which the store keeps) stays.
"""
from __future__ import annotations

import re
from collections.abc import Collection

from .spans import Span

KIND = "transaction_id"
MIN_DIGITS = 20

# digits in groups joined by one space or dash; no letter glued on, and no part of a price,
# date or time ("... 12.99", "... 12/03/2024") next to it
_RUN = re.compile(r"(?<![^\W_])(?<!\d[.,/:])\d(?:[ \-]?\d)*(?![^\W_]|[.,/:]\d)")


def is_kept(value: str, keep_digits: Collection[str]) -> bool:
    """True if ``value`` is the receipt's own number (its digits are among ``keep_digits``)."""
    return re.sub(r"\D", "", value) in keep_digits


def find_long(text: str, keep_digits: Collection[str] = ()) -> list[Span]:
    return [Span(m.start(), m.end(), KIND) for m in _RUN.finditer(text)
            if sum(c.isdigit() for c in m.group()) >= MIN_DIGITS and not is_kept(m.group(), keep_digits)]
