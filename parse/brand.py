"""The merchant as a known brand: the receipt's header lines, a legal name in its footer, its web
or mail address and its thanks, resolved against the brand directory (``parse.brands``) for the receipt's country.

Only the header and those address and thanks lines are tried: product names on item lines
(``NEW BALANCE``, ``Beefeater Gin``) are brands too, but not the seller's.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .address import is_address
from .brands import Brand, BrandMatch, match_brand, match_domain
from .category import CATEGORIES, mentions
from .layout import Doc, Line
from .merchant import THANKS_RE, has_legal_form
from .text import ascii_upper, squash_spaces

LOGO_PART_WORDS = 2  # words; a logo split over two lines has at most this many on each


@dataclass(frozen=True)
class BrandFound:
    brand: Brand
    printed: str  # the line (or web address) as printed, cleaned of surrounding space
    line: int
    score: float


def find_brand(doc: Doc, country: str | None, header_end: int) -> BrandFound | None:
    """The best brand on a header line (a logo or legal-name line), or on two short header lines
    read as one (a logo printed over two lines), else the one a legal name in the footer, a web or
    mail address or a thanks line names; None where the directory knows none."""
    header = doc.lines[:header_end]
    opening = next((line.index for line in header if any(ch.isalpha() for ch in line.text)), None)
    named = ((line.text, line.index) for line in header  # not "Springfield, IL 62701" (a town), a priced item
             if not is_address(line.text) and not any(amount.has_decimals for amount in line.amounts))
    logos = ((f"{first.text} {second.text}", first.index) for first, second in _split_logos(header))
    best = _best_named(named, country, opening) or _best_named(logos, country, opening)
    if best is not None:
        return best
    for line in doc.lines[header_end:]:  # a legal name in the footer ("Lidl Vertriebs-GmbH & Co. KG")
        if has_legal_form(line.text) and not line.amounts:
            match = match_brand(line.text, country)
            if match is not None and not _other_trade(line.text, match):
                return _found(match, line.text, line.index)
    for line in doc.lines:
        thanks = THANKS_RE.search(squash_spaces(ascii_upper(line.text)))
        match = match_domain(line.text, country) or (match_brand(thanks["name"], country) if thanks else None)
        if match is not None:
            return _found(match, match.printed if thanks is None else line.text, line.index)
    return None


def _best_named(printed: Iterable[tuple[str, int]], country: str | None, opening: int | None) -> BrandFound | None:
    """The best-scored brand that one of the (text, line index) pairs names in its own trade;
    ``opening``: the index of the receipt's first line of words."""
    best: BrandFound | None = None
    for text, index in printed:
        match = match_brand(text, country, opens_receipt=index == opening)
        if match is not None and not _other_trade(text, match) and (best is None or match.score > best.score):
            best = _found(match, text, index)
    return best


def _split_logos(lines: Sequence[Line]) -> Iterator[tuple[Line, Line]]:
    """Two adjacent short lines of words that may be one logo printed over two lines
    (``SALVATION`` / ``ARMY``), none of them an address or a line with numbers."""
    for first, second in zip(lines, lines[1:]):
        if _logo_part(first.text) and _logo_part(second.text):
            yield first, second


def _logo_part(text: str) -> bool:
    return 0 < len(text.split()) <= LOGO_PART_WORDS and not any(ch.isdigit() for ch in text) and not is_address(text)


def _other_trade(text: str, match: BrandMatch) -> bool:
    """The line names a trade that is not the brand's (``The Loft Restaurant`` is no clothes shop),
    in the words around the brand's name: its own words are no trade (``Panera Bread`` sells no bread)."""
    around = text.replace(match.printed, " ", 1)
    category = match.brand.category
    return not mentions(around, category) and any(mentions(around, other) for other in CATEGORIES if other != category)


def _found(match: BrandMatch, printed: str, index: int) -> BrandFound:
    return BrandFound(match.brand, squash_spaces(printed), index, match.score)
