"""Sensitive-purchase terms (medication, pharmacy, medical tests, sexual health).

The terms live in the packaged data files ``redact/lexicons/*.txt``: one term a line,
``#`` starts a comment. A term is

* a word or phrase, matched case-insensitively as whole words, tolerant of common OCR
  confusions (0/o, 1/l/i, 5/s), umlaut spellings (ä/ae/a) and of spaces or hyphens
  between the words of a phrase (``pregnancy test`` also finds ``PREGNANCY-TEST``);
* with ``*`` at its end (or start): any letters may follow (or precede) it,
  ``condom*`` finds ``CONDOMS``;
* ``re:`` followed by a regular expression (case-insensitive), for patterns such as
  pharmacy numbers ``re:\\bpzn\\s*[:\\-]?\\s*\\d{7,8}\\b``.

Digits next to a word do not break it: ``IBUPROFEN400MG`` matches ``ibuprofen``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .spans import Span

KIND = "sensitive_term"

_CONFUSABLE = {
    "o": "[o0]",
    "i": "[i1l|!]",
    "l": "[l1i|]",
    "s": "[s5$]",
    "ä": "(?:ä|ae|a)",
    "ö": "(?:ö|oe|o)",
    "ü": "(?:ü|ue|u)",
    "ß": "(?:ß|ss)",
}
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"


def parse_terms(text: str) -> list[str]:
    """The terms of one lexicon file's text."""
    terms = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            terms.append(line)
    return terms


@lru_cache(maxsize=1)
def packaged_terms() -> tuple[str, ...]:
    folder = resources.files("redact").joinpath("lexicons")
    terms: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            terms.extend(parse_terms(entry.read_text(encoding="utf-8")))
    return tuple(terms)


def term_regex(term: str) -> str:
    """The regular expression (source) for one lexicon term."""
    if term.startswith("re:"):
        source = term[3:].strip()
        re.compile(source)  # fail early on a bad pattern
        return f"(?:{source})"
    lead = term.startswith("*")
    trail = term.endswith("*")
    body = term.strip("*").strip().casefold()
    if not body:
        raise ValueError(f"empty lexicon term: {term!r}")
    parts = []
    for ch in body:
        if ch.isspace():
            parts.append(r"[\s\-._]*")
        elif ch == "-":
            parts.append(r"[\s\-]?")
        elif ch in "'\u2019`":
            parts.append(r"['\u2019`]?")
        elif ch in _CONFUSABLE:
            parts.append(_CONFUSABLE[ch])
        else:
            parts.append(re.escape(ch))
    core = "".join(parts).replace(r"[\s\-._]*[\s\-._]*", r"[\s\-._]*")
    before = r"[^\W\d_]*" if lead else _NOT_LETTER_BEFORE
    after = r"[^\W\d_]*" if trail else _NOT_LETTER_AFTER
    return before + core + after


@lru_cache(maxsize=32)
def compiled(extra_terms: tuple[str, ...] = ()) -> re.Pattern[str]:
    terms = sorted(set(packaged_terms()) | set(extra_terms), key=lambda t: (-len(t), t))
    return re.compile("|".join(term_regex(t) for t in terms), re.IGNORECASE)


def find_terms(text: str, extra_terms: tuple[str, ...] = ()) -> list[Span]:
    """Spans of sensitive terms in ``text``."""
    return [Span(m.start(), m.end(), KIND) for m in compiled(tuple(extra_terms)).finditer(text) if m.end() > m.start()]


def is_sensitive(text: str, extra_terms: tuple[str, ...] = ()) -> bool:
    return compiled(tuple(extra_terms)).search(text) is not None
