"""The merchant as a known brand: the receipt's header lines, a legal name in its footer, its web
or mail address and its thanks, resolved against the brand directory (``parse.brands``) for the receipt's country.

Only the header and those address and thanks lines are tried: product names on item lines
(``NEW BALANCE``, ``Beefeater Gin``) are brands too, but not the seller's.
"""
from __future__ import annotations

from dataclasses import dataclass

from .address import is_address
from .brands import Brand, BrandMatch, match_brand, match_domain
from .category import CATEGORIES, mentions
from .layout import Doc
from .merchant import THANKS_RE, has_legal_form
from .text import ascii_upper, squash_spaces


@dataclass(frozen=True)
class BrandFound:
    brand: Brand
    printed: str  # the line (or web address) as printed, cleaned of surrounding space
    line: int
    score: float


def find_brand(doc: Doc, country: str | None, header_end: int) -> BrandFound | None:
    """The best brand on a header line (a logo or legal-name line), else the one a legal name in
    the footer, a web or mail address or a thanks line names; None where the directory knows none."""
    best: BrandFound | None = None
    for line in doc.lines[:header_end]:
        if is_address(line.text) or any(amount.has_decimals for amount in line.amounts):
            continue  # "Springfield, IL 62701": a town that shares a brand's name; a priced item
        match = match_brand(line.text, country)
        if match is not None and not _other_trade(line.text, match.brand) and (best is None or match.score > best.score):
            best = _found(match, line.text, line.index)
    if best is not None:
        return best
    for line in doc.lines[header_end:]:  # a legal name in the footer ("Lidl Vertriebs-GmbH & Co. KG")
        if has_legal_form(line.text) and not line.amounts:
            match = match_brand(line.text, country)
            if match is not None and not _other_trade(line.text, match.brand):
                return _found(match, line.text, line.index)
    for line in doc.lines:
        thanks = THANKS_RE.search(squash_spaces(ascii_upper(line.text)))
        match = match_domain(line.text, country) or (match_brand(thanks["name"], country) if thanks else None)
        if match is not None:
            return _found(match, match.printed if thanks is None else line.text, line.index)
    return None


def _other_trade(text: str, brand: Brand) -> bool:
    """The line names a trade that is not the brand's (``The Loft Restaurant`` is no clothes shop)."""
    return not mentions(text, brand.category) and any(
        mentions(text, category) for category in CATEGORIES if category != brand.category)


def _found(match: BrandMatch, printed: str, index: int) -> BrandFound:
    return BrandFound(match.brand, squash_spaces(printed), index, match.score)
