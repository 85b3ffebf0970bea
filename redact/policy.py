"""The knobs of the redaction stage and the content-free record of what it erased."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RedactionPolicy:
    """What to erase beyond the fixed rules.

    keep_card_last4: keep the last four digits of a card number (masked or not);
        by default they are erased too.
    extra_terms: more sensitive-item terms (same syntax as a line of a lexicon file:
        plain words, ``*`` wildcards at either end, or ``re:`` regular expressions).
    phone_regions: regions whose numbering plans phone detection knows (ISO 3166 codes).
    """

    keep_card_last4: bool = False
    extra_terms: tuple[str, ...] = ()
    phone_regions: tuple[str, ...] = ("US", "DE")


@dataclass(frozen=True)
class Redaction:
    """How many things of one kind were erased: never what they were."""

    kind: str
    count: int
