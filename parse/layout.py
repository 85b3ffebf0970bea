"""A receipt's lines prepared once for all field rules: cleaned text, amounts, keyword helpers."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .amounts import CURRENCY_MARKERS, Amount, detect_decimal_style, find_amounts
from .dates import find_dates
from .text import find_keyword, letters
from .types import OcrLine


@dataclass(frozen=True)
class Line:
    index: int
    text: str
    amounts: tuple[Amount, ...]
    confidence: float

    @property
    def is_amount_only(self) -> bool:
        """Nothing but numbers and currency marks: the value column of a label on another line."""
        return bool(self.amounts) and letters(self.text) <= 3


@dataclass(frozen=True)
class Doc:
    lines: tuple[Line, ...]
    decimal: str

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]


def build_doc(ocr_lines: Sequence[OcrLine]) -> Doc:
    texts = [line.text for line in ocr_lines]
    decimal = detect_decimal_style(texts)
    lines = tuple(
        Line(index=i, text=line.text, amounts=tuple(find_amounts(line.text, decimal)), confidence=mean_confidence(line))
        for i, line in enumerate(ocr_lines)
    )
    return Doc(lines=lines, decimal=decimal)


def mean_confidence(line: OcrLine) -> float:
    """Mean over the line's words (one unsure word should not sink a readable line)."""
    if not line.words:
        return line.confidence
    return sum(w.confidence for w in line.words) / len(line.words)


def value_after(doc: Doc, line: Line, keyword_end: int = 0, lookahead: int = 2) -> Amount | None:
    """The amount a label on ``line`` refers to: rightmost on the line after the label, else the
    next amount-only line (labels and values printed as separate columns)."""
    after = [a for a in line.amounts if a.start >= keyword_end]
    if after:
        return next((a for a, b in zip(after, after[1:]) if _labelled_between(line.text[a.end:b.start])), after[-1])
    if lookahead and (paired := _paired_in_columns(doc, line)) is not None:
        return paired
    for nxt in doc.lines[line.index + 1: line.index + 1 + lookahead]:
        if _guide_row(doc, nxt):
            break  # a tip guide's rows under a blank slip's "Total:" ("18% 5.65" / "20% 6.28")
        if nxt.is_amount_only and not _own_label(nxt.text) and not holds_a_date(nxt.text):
            return nxt.amounts[-1]  # not the time after a date ("ToTal 419].46" / "2025-06-06 13.27")
        if letters(nxt.text) > 3 or _own_label(nxt.text):
            break
    return None


_LABEL_WORDS = 3  # words; a bare label of a column of labels ("Subtotal", "Sales Tax", "Amount Due")


def _paired_in_columns(doc: Doc, line: Line) -> Amount | None:
    """A label in a column of bare labels whose values OCR read as a column of bare amounts under
    it (``Subtotal`` / ``Tax`` / ``Total`` / ``9.20`` / ``0.95`` / ``10.15``: a slanted photo's
    columns read one after the other): the amount at the label's place in its column."""
    def bare_label(other: Line) -> bool:
        return not other.amounts and letters(other.text) >= 3 and len(other.text.split()) <= _LABEL_WORDS \
            and not any(ch.isdigit() for ch in other.text)
    if not bare_label(line):
        return None
    first = line.index
    while first > 0 and bare_label(doc.lines[first - 1]):
        first -= 1
    last = line.index
    while last + 1 < len(doc.lines) and bare_label(doc.lines[last + 1]):
        last += 1
    labels = last - first + 1
    values = doc.lines[last + 1:last + 1 + labels]
    if labels < 2 or len(values) < labels or not all(len(v.amounts) == 1 and letters(v.text) == 0
                                                     and len(v.text.split()) <= 2 and not _guide_row(doc, v)
                                                     for v in values):
        return None
    return values[line.index - first].amounts[-1]


_RATE_FIRST_RE = re.compile(r"\s*\d{1,2}(?:[.,]\d{1,3})?\s?%")


def _guide_row(doc: Doc, line: Line) -> bool:
    """A row of a tip guide: it opens with a percentage, and so does a row beside it (``18% 5.65`` / ``20%
    6.28``); not a tax's rate alone over or beside its amount."""
    if not _RATE_FIRST_RE.match(line.text):
        return False
    return any(_RATE_FIRST_RE.match(other.text) for other in doc.lines[max(line.index - 1, 0):line.index + 2]
               if other is not line)


def _labelled_between(text: str) -> bool:
    """Another label stands between two amounts of a line (``Subtotal 22.95   Tax 1.98``: two label
    and value pairs OCR read as one line): the first amount is the first label's."""
    return any(len(word) >= 3 and word.upper() not in CURRENCY_MARKERS for word in re.findall(r"[^\W\d_]+", text))


@lru_cache(maxsize=4096)  # asked of the same lines for every label and every reading of a receipt
def holds_a_date(text: str) -> bool:
    return bool(find_dates(text))


def _own_label(text: str) -> bool:
    """A word of three letters that is no currency: the line's own label (``TAX 2.33``, ``TIP``)."""
    return any(len(word) == 3 and word.upper() not in CURRENCY_MARKERS for word in re.findall(r"[^\W\d_]+", text))


def keyword_end(text: str, keywords: tuple[str, ...]) -> int:
    """Rough position just past a keyword, so amounts printed before it are ignored."""
    found = find_keyword(text, keywords)
    return 0 if found is None else found[2]
