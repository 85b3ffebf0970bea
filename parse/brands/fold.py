"""Brand names and printed lines folded to one comparable form.

Lower case, accents dropped (``ä`` -> ``a``, or ``ae`` where a name is spelled out), apostrophes
removed, OCR look-alikes merged (``I l 1 |`` -> ``l``, ``0`` -> ``o``, ``5`` -> ``s``, ``rn`` -> ``m``)
and letter-spaced words joined (``t o o m`` -> ``toom``). A line and a name fold alike, so equal
folds are an exact match whatever glyphs OCR picked.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

_WORD = re.compile(r"(?:[^\W_]|\|)+(?:['’`´](?:[^\W_]|\|)+)*")
_APOSTROPHES = re.compile(r"['’`´]")
_LOOK_ALIKES = str.maketrans({"i": "l", "1": "l", "|": "l", "0": "o", "5": "s"})
_SPELLED_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_UMLAUT = re.compile("[äöüÄÖÜ]")
_LETTER_GAP = re.compile(r"\s*[.&+'-]?\s*")
_TRAILING_DIGITS = re.compile(r"(?<=[^\W\d_])\d{2,}$")


class Token(NamedTuple):
    key: str  # folded
    start: int  # span in the printed text
    end: int
    number: bool  # a store number, house number or the like: mostly digits


def fold_word(word: str, spell_umlauts: bool = False) -> str:
    word = word.lower().replace("ß", "ss")
    if spell_umlauts:
        word = word.translate(_SPELLED_UMLAUTS)
    if not word.isascii():
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
        word = _APOSTROPHES.sub("", word)
    return word.replace("'", "").translate(_LOOK_ALIKES).replace("rn", "m").replace("vv", "w")  # "VVALMART"


def has_umlaut(text: str) -> bool:
    return _UMLAUT.search(text) is not None


def _is_number(word: str) -> bool:
    if word.isalpha():
        return False
    digits = sum(ch.isdigit() for ch in word)
    return digits >= 2 and digits * 2 >= len(word)


def tokens(text: str, spell_umlauts: bool = False) -> list[Token]:
    """The words of ``text``, folded; letters printed apart are joined (``t o o m``, ``H & M``),
    and a store number glued to a word is split off (``SPEEDWAY0006661``)."""
    found: list[Token] = []
    in_run = False  # the last token was built from single letters
    for start, end in _spans(text):
        word = text[start:end]
        key = fold_word(word, spell_umlauts)
        single = len(key) == 1 and key.isalpha()
        if single and in_run and _LETTER_GAP.fullmatch(text, found[-1].end, start):
            last = found.pop()
            found.append(Token(last.key + key, last.start, end, False))
        else:
            found.append(Token(key, start, end, _is_number(word)))
        in_run = single
    return found


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """The words' spans; a store number's dash suffix is the number's (``SUBWAY #12345-0``)."""
    spans = list(_word_spans(text))
    skip = False
    for (start, end), after in zip(spans, spans[1:] + [None]):
        if skip:
            skip = False
            continue
        if after is not None and _is_number(text[start:end]) and _DASH_SUFFIX.fullmatch(text, end, after[1]):
            yield start, after[1]
            skip = True
        else:
            yield start, end


_DASH_SUFFIX = re.compile(r"-\d{1,4}")


def _word_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _WORD.finditer(text):
        if not match.group().strip("|"):
            continue
        digits = _TRAILING_DIGITS.search(match.group())
        if digits and digits.start() > 0:
            yield match.start(), match.start() + digits.start()
            yield match.start() + digits.start(), match.end()
        else:
            yield match.span()


_JOINING = frozenset(("and", "und"))  # "Marks and Spencer" is "Marks & Spencer": the & is no word


def compact(words: list[Token]) -> str:
    return "".join(token.key for i, token in enumerate(words)
                   if not (token.key in _JOINING and 0 < i < len(words) - 1))
