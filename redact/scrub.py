"""Erase PII (and sensitive-purchase terms) from free text, e.g. a log or error message."""
from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from .detectors import find_pii_lines
from .lexicon import find_terms
from .policy import RedactionPolicy
from .spans import add_span, kinds, mask


def scrub_text(
    text: str,
    policy: RedactionPolicy = RedactionPolicy(),
    *,
    keep_phones: Collection[str] = (),
    terms: bool = True,
) -> tuple[str, Counter[str]]:
    """``text`` with every detected item blocked out (``█``), and how many of each kind.

    terms: also erase sensitive-purchase terms (kind "sensitive_term").
    keep_phones: phone numbers that may stay (the merchant's own).
    """
    lines = text.split("\n")
    per_line = find_pii_lines(lines, policy, keep_phones=keep_phones)
    out: list[str] = []
    counts: Counter[str] = Counter()
    for line, spans in zip(lines, per_line):
        spans = list(spans)
        if terms:
            for s in find_terms(line, policy.extra_terms):
                add_span(spans, s)
        counts += kinds(spans)
        out.append(mask(line, spans))
    return "\n".join(out), counts

