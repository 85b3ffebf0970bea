"""Text helpers shared by the field rules: OCR-tolerant keyword matching and cleanup.

OCR confuses look-alike glyphs (``TOTAL`` read as ``Tota]`` or ``T0TAL``). Keywords are
therefore matched on a *folded* form where every look-alike maps to one representative.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from functools import lru_cache
from itertools import accumulate

# Look-alike glyphs -> one representative. Applied to keyword and text alike.
_FOLD = str.maketrans({
    "0": "O", "Q": "O", "Ø": "O", "D": "O",
    "1": "I", "L": "I", "|": "I", "]": "I", "[": "I", "!": "I", "J": "I", "Í": "I",
    "5": "S", "$": "S",
    "8": "B",
    "2": "Z",
    "€": "E",
})

_UMLAUTS = str.maketrans({"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS"})


def ascii_upper(text: str) -> str:
    """Upper case with German umlauts spelled out and other accents dropped."""
    if text.isascii():  # most OCR text: nothing to spell out or drop
        return text.upper()
    text = text.upper().translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def as_printed(text: str, start: int, end: int) -> str:
    """The part of ``text`` that ``ascii_upper(text)[start:end]`` upper-cases: an umlaut or a ß is
    one character of ``text`` and two of its upper case (``für Netto``: ``FUER NETTO``)."""
    ends = list(accumulate(len(ascii_upper(ch)) for ch in text))
    return text[bisect_right(ends, start):bisect_left(ends, end) + 1]


def fold(text: str) -> str:
    """Upper-cased, accent-free text with OCR look-alikes merged (same length rules as keywords)."""
    return ascii_upper(text).translate(_FOLD)


@lru_cache(maxsize=None)  # the keywords are the rules' own constants: a few thousand patterns at most
def _keyword_pattern(keyword: str, glued_prefix: bool) -> re.Pattern[str]:
    # words of a keyword may be glued or split by OCR, but a one-letter word stands apart: glued,
    # "I ALT" (Danish: total) would be the French "LAIT" (milk) and "ALT" (the L of both read as I)
    words = keyword.split()
    body = "".join(_word_pattern(word) + (r"[\s.:]+" if len(word) == 1 or len(after) == 1 else r"[\s.:]*")
                   for word, after in zip(words, words[1:])) + _word_pattern(words[-1])
    return re.compile(rf"{'' if glued_prefix else '(?<![A-Z])'}{body}(?![A-Z])")


# A recogniser without German letters reads an umlaut as its vowel, a Ü also as "II" or "I" (its dots
# and strokes): "Rückgeld" comes out "Ruckgeld", "Riickgeld", "Rickgeld". A keyword written with its
# umlaut ("RÜCKGELD") matches each of them; one spelled out ("RUECKGELD", "DUE") only itself.
_UMLAUT_READINGS = {"Ä": ("AE", "A"), "Ö": ("OE", "O"), "Ü": ("UE", "U", "II", "I")}


def _word_pattern(word: str) -> str:
    """One keyword word, folded; letters inside a long word may carry a stray space."""
    glyphs = [f"(?:{'|'.join(_UMLAUT_READINGS[ch])})" if ch in _UMLAUT_READINGS else re.escape(fold(ch))
              for ch in word.upper()]
    return r"\s?".join(glyphs) if len(fold(word)) > 3 else "".join(glyphs)


# Label words OCR often misreads by one letter (``TOTfL``, ``Chenge``, ``SUBTATAL``, ``Dalance``,
# ``Setver``, ``Anount``) that no ordinary word lies one letter from, except those named: such a word is read
# as the label. One of eight letters or more also with a letter lost (``Gratity``, ``Subtotl``), or one letter off
# with a speck glued on (``ISUBIOTAL``).
_SLIP_PRONE_LABELS = ("TOTAL", "SUBTOTAL", "TOTAAL", "CHANGE", "GRATUITY", "BALANCE", "SERVER", "AMOUNT", "SUMME",
                      "GESAMT", "ZURUCK", "RUCKGELD", "GUIDE")
_REAL_NEIGHBOURS = ("CHARGE", "CHANCE", "TOTALS", "VALANCE", "SERVED", "SERVES", "SEVER", "SUMMA", "AMOUNTS",
                    "CHANGED", "CHANGES", "SERVERS", "BALANCES", "GUIDED", "GUIDES", "SUMMEN", "ECHANGE", "SUMMER",
                    "TOTALE")
_LOST_LETTER_LABELS = 8
_WORD_RE = re.compile(r"[A-Z]{5,}")
# TOTAL with a letter lost (``Tota: 64.64``, ``OTAL 822,35``, ``Tota Paid``), opening its line as a label:
# before a colon, an amount, PAID or nothing (not the Catalan ``Tota la coca``, nor ``Pasta Toti 12,00``)
_SHORT_TOTAL_RE = re.compile(r"(?<![A-Z])[A-Z]{4}(?![A-Z])")
_LABEL_AFTER_RE = re.compile(r"\s*(?:[:;.]|$|[^\sA-Z]|[OISBZ]{1,4}\s*[.,]|PAI[OI]\b)")


@lru_cache(maxsize=4096)  # each line is searched for many keyword lists in a row
def _folded_for_keywords(text: str) -> str:
    """The line folded, an underscore OCR read for a space a space (``Sub_Total``, ``Amount_Due``), and
    label words' slips mended."""
    return _mend_zu_zahlen(_upper(text), _mend_label_slips(fold(text).replace("_", " ")))


def _mend_label_slips(folded: str) -> str:
    def mend(word: re.Match[str]) -> str:
        if word.group() in _FOLDED_NEIGHBOURS:
            return word.group()
        return next((label for label in _FOLDED_LABELS if one_letter_off(word.group(), label)
                     or len(label) >= _LOST_LETTER_LABELS and (
                         one_letter_lost(word.group(), label)
                         or any(one_letter_off(unspecked, label) for unspecked in _unspecked(word.group())))
                     or label in _unspecked(word.group())),  # "TOTALA", "ISUBTOTAL": a speck glued on
                    word.group())

    def mend_due(pair: re.Match[str]) -> str:
        return f"{pair[1]}{_DUE}" if one_letter_off(pair[2], _DUE) else pair.group()

    def mend_total(word: re.Match[str]) -> str:
        labels = not re.search(r"[A-Z]", folded[:word.start()]) and _LABEL_AFTER_RE.match(folded, word.end())
        return _FOLDED_TOTAL if labels and one_letter_lost(word.group(), _FOLDED_TOTAL) else word.group()
    mended = _SHORT_TOTAL_RE.sub(mend_total, _WORD_RE.sub(mend, folded))
    return _DUE_AFTER_RE.sub(mend_due, mended)


def _unspecked(word: str) -> tuple[str, str]:
    """The word without its last letter and without its first: a speck OCR glued on either end."""
    return word[:-1], word[1:]


# "Balance Dut", "Amount Oue": the DUE of a total's label one letter off, right after the label's first word
_DUE = fold("DUE")
_DUE_AFTER = "|".join(fold(word) for word in ("BALANCE", "AMOUNT", "TOTAL"))
_DUE_AFTER_RE = re.compile(rf"((?<![A-Z])(?:{_DUE_AFTER})\s+)([A-Z]{{3}})(?![A-Z])")


# "Z ZAHLEN 28,71", "Zu zatlen 25,04": the German amount due with its ZU's U lost, or a letter of ZAHLEN misread
_ZAHLEN = fold("ZAHLEN")
_ZU_ZAHLEN_RE = re.compile(r"(?<![A-Z])(Z(?:U\s?|\s))([A-Z]{6})(?![A-Z])")


def _mend_zu_zahlen(upper: str, folded: str) -> str:
    """The label mended in place (``Z ZAHLEN`` as ``ZUZAHLEN``), its length kept for the positions after it; its
    Z read as a letter (``2 Zahlen`` is a count), a slip only after ZAHLEN's own Z (not ``zu mahlen``)."""
    def mend(pair: re.Match[str]) -> str:
        word = pair[2]
        if word != _ZAHLEN and not (word.startswith("Z") and one_letter_off(word, _ZAHLEN)) \
                or not upper[pair.start()].isalpha():
            return pair.group()
        return ("ZU" if pair[1] == "Z " else pair[1]) + _ZAHLEN
    return _ZU_ZAHLEN_RE.sub(mend, folded) if len(upper) == len(folded) else folded


def find_keyword(text: str, keywords: tuple[str, ...], glued_prefix: int = 0) -> tuple[str, int, int] | None:
    """First keyword (in the given priority order) found in ``text``, with its start and end.

    ``glued_prefix``: keywords of at least this many letters also match at the end of a longer
    word, where OCR lost the space before them (``SANYUSTATIONERY``); 0: never. A label word
    misread by one letter, or with a speck glued to either end (``TOTALA``, ``ISUBTOTAL``), counts as
    the label (``_SLIP_PRONE_LABELS``; not a word of its own: ``ECHANGE``, ``AMOUNTS``)."""
    folded = _folded_for_keywords(text)
    if _any_keyword_pattern(keywords, glued_prefix).search(folded) is None:  # most lines hold none
        return None
    for keyword in keywords:
        pattern = _keyword_pattern(keyword, _glued(keyword, glued_prefix))
        match = pattern.search(folded)
        while match is not None and not _lettered(text, folded, match, keyword):
            match = pattern.search(folded, match.end())  # the next match, as finditer would give it
        if match is not None:
            return keyword, match.start(), match.end()
    return None


@lru_cache(maxsize=None)  # one per keyword list of the rules
def _any_keyword_pattern(keywords: tuple[str, ...], glued_prefix: int) -> re.Pattern[str]:
    """Matches where any of ``keywords`` would: one search tells a line without any of them."""
    return re.compile("|".join(f"(?:{_keyword_pattern(keyword, _glued(keyword, glued_prefix)).pattern})"
                               for keyword in keywords))


def _glued(keyword: str, glued_prefix: int) -> bool:
    return 0 < glued_prefix <= len(keyword.replace(" ", ""))


def _lettered(text: str, folded: str, match: re.Match[str], keyword: str) -> bool:
    """The match was read as letters, not digits folded into their look-alikes (``9815`` is no ``BIS``),
    its last word too where the keyword spells that with letters (``Tax 10.1%`` is no ``TAX ID``;
    ``BILL #``, ``RON 95`` end in no letter)."""
    upper = _upper(text)
    if len(upper) != len(folded):
        return True
    words = upper[match.start():match.end()].split()
    spelled = any(ch.isalpha() for ch in keyword.split()[-1])
    return bool(words) and any(ch.isalpha() for ch in (words[-1] if spelled else "".join(words)))


@lru_cache(maxsize=4096)  # a line's matches are checked for many keywords in a row
def _upper(text: str) -> str:
    return ascii_upper(text)


_FOLDED_TOTAL = fold("TOTAL")
_FOLDED_LABELS = tuple(fold(label) for label in _SLIP_PRONE_LABELS)
_FOLDED_NEIGHBOURS = frozenset(fold(word) for word in _REAL_NEIGHBOURS)


def has_keyword(text: str, keywords: tuple[str, ...]) -> bool:
    return find_keyword(text, keywords) is not None


# SUMME opening its line, its two M's read as one upright glyph (``SUKE EUR 16,00``, ``Sume 44,37``)
_MS_MERGED_RE = re.compile(r"\W*SU[MHKN]E\b")
# ... or as one glyph or each as an N, H or K, the letters read for them (``Sunne EUR 26,65``, ``SUHHE``)
_MS_MISREAD_RE = re.compile(r"\W*SU(?P<ms>[MHKN]|[HKN]{2})E\b")
# ... its amount or currency right after it, no other word between (not ``Sune Eis 1,99``)
_LABEL_THEN_AMOUNT_RE = re.compile(r"\W*\w+[\s:.]*(?:EUR\b|€|\d|$)")
# an item's price with its tax class after it (``SUNNE 1,99 A``): a SUMME line prints none
TAX_CLASS_AT_END_RE = re.compile(r"\d[.,]\d{2}\s?\*?[AB12]\s*$")


def summe_ms_merged(text: str) -> bool:
    """The line opens with SUMME, its two M's read as one glyph (``SUME EUR 11,62``), its amount after it."""
    return _misread_summe(text) is not None


# ... the currency right after it: a total's label, not an item named so (``Sune 2,49``)
_LABEL_THEN_CURRENCY_RE = re.compile(r"\W*\w+[\s:.]*(?:EUR\b|€)")


def summe_ms_mended(text: str) -> str:
    """The line with its SUMME whose two M's OCR read as one glyph, or each as an N, H or K, spelled out where the
    currency follows it (``SUME EUR 11,62``, ``Sunne EUR 11,62``: ``SUMME EUR 11,62``); else the line."""
    match = _misread_summe(text, _MS_MISREAD_RE)
    if match is None or len(match.string) != len(text) or not _LABEL_THEN_CURRENCY_RE.match(text.upper()):
        return text
    return f"{text[:match.start('ms')]}MM{text[match.end('ms'):]}"


def _misread_summe(text: str, pattern: re.Pattern[str] = _MS_MERGED_RE) -> re.Match[str] | None:
    """The match of the misread SUMME in the folded line, where it labels the amount after it; else None."""
    match = pattern.match(fold(text))
    if match is None or not _LABEL_THEN_AMOUNT_RE.match(text.upper()) or TAX_CLASS_AT_END_RE.search(text):
        return None
    return match


def known_word(word: str, words: Collection[str], slip_min: int) -> bool:
    """``word`` is one of ``words``, or, ``slip_min`` letters long at least, one of them with one letter misread."""
    return word in words or len(word) >= slip_min and any(one_letter_off(word, known) for known in words)


def one_letter_off(word: str, other: str) -> bool:
    """Same length, exactly one letter different: an OCR misread of one glyph (``UCT``/``OCT``)."""
    return len(word) == len(other) and sum(a != b for a, b in zip(word, other)) == 1


def one_letter_lost(word: str, other: str) -> bool:
    """``other`` with one letter left out: a glyph OCR dropped (``GRATITY``/``GRATUITY``)."""
    return len(word) == len(other) - 1 and any(other[:i] + other[i + 1:] == word for i in range(len(other)))


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def squash_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
