"""Two papers photographed side by side: the itemised bill and its signed card slip, or the two slips
of a split check. The recogniser joins the words of both that stand at one height into one line
(``Orange Juice 4.50  Amount $42.63``), so each paper is read whole, one after the other: the one
that prints more prices (the bill) first, then the other (the slip that says what was paid).

A gap between two papers is one no word crosses, wider than any space between a line's words, that
three or more lines open lettered words after. A single receipt's header centres its name across any
such x, and its price column holds no words, so a single receipt is never cut.

A slip laid over the top of its bill is read first: it is moved under the bill where the photo opens with
the slip's amount and its tip, and the bill under them prints its own header and that amount as its total.
"""
from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from .text import letters
from .types import OcrLine

GUTTER_HEIGHTS = 4.0  # text heights between a line's two words: wider than any space within one paper
GUTTER_ROWS = 3  # lines whose words on the right open at the gutter
_WORD_RE = re.compile(r"[^\W\d_]{4}")  # a word: a paper's lines hold them, a price column's do not
_LETTERED = 3  # letters of the word that opens the right paper's part of a line


def one_paper_after_another(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """``lines`` as two papers read one after the other where a gutter parts them, else as they are."""
    boxed = [line for line in lines if line.box]
    if len(boxed) != len(lines) or not lines:
        return list(lines)
    height = statistics.median(line.box[3] - line.box[1] for line in lines) or 1
    gutter = _gutter(lines, height)
    if gutter is None:
        return _slip_under_its_bill(lines)
    left: list[OcrLine] = []
    right: list[OcrLine] = []
    for line in lines:
        words = line.words or (line,)
        for side, part in ((left, [w for w in words if w.box[2] <= gutter]),
                           (right, [w for w in words if w.box[0] >= gutter])):
            if part:
                side.append(_joined(part))
    if 2 * _worded(right) < len(right) or _worded(left) < GUTTER_ROWS:
        return list(lines)  # a price column read garbled ("I7an9", "asd", "25.98"), specks by the edge: one paper
    if not (_pays(left) and _pays(right)):
        return list(lines)  # one side prints no sum of its own (an invoice's addresses and rates beside its meta
        # block, its totals): one paper; a bill and its slip each print what was paid
    first, second = (left, right) if _priced(left) >= _priced(right) else (right, left)
    return first + second


def _gutter(lines: Sequence[OcrLine], height: float) -> float | None:
    """The x where the second paper starts, or None."""
    starts = [after.box[0] for line in lines for before, after in zip(line.words, line.words[1:])
              if after.box[0] - before.box[2] >= GUTTER_HEIGHTS * height and letters(after.text) >= _LETTERED]
    for x in sorted(set(starts)):
        if sum(abs(start - x) <= 2 * height for start in starts) < GUTTER_ROWS:
            continue
        edge = x - height
        if not any(word.box[0] < edge < word.box[2] for line in lines for word in (line.words or (line,))):
            return edge
    return None


def _joined(words: list[OcrLine]) -> OcrLine:
    if len(words) == 1:
        return words[0]
    box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
           max(w.box[2] for w in words), max(w.box[3] for w in words))
    return OcrLine(" ".join(w.text for w in words), box=box, confidence=min(w.confidence for w in words),
                   words=tuple(words))


_AMOUNT_RE = re.compile(r"\d[.,]\d{2}(?!\d)")  # "42.63", "9,26": not a town's "Austin, TX 78704"


def _priced(lines: list[OcrLine]) -> int:
    return sum(bool(_AMOUNT_RE.search(line.text)) for line in lines)


_SUM_RE = re.compile(r"\b(?:TOTAL|SUMME|AMOUNT|BETRAG|BALANCE|DUE|GESAMT|PURCHASE|ZU ZAHLEN)\b", re.IGNORECASE)


def _pays(lines: list[OcrLine]) -> bool:
    """A line of the paper prints a sum and its amount (``Total 103.18``, ``Amount: $103.18``)."""
    return any(_SUM_RE.search(line.text) and _AMOUNT_RE.search(line.text) for line in lines)


def _worded(lines: list[OcrLine]) -> int:
    return sum(bool(_WORD_RE.search(line.text)) for line in lines)


_SLIP_AMOUNT_RE = re.compile(r"^\W*(?:AMOUNT|AMT|PURCHASE|SALE)\b", re.IGNORECASE)
_WHOLE_AMOUNT_RE = re.compile(r"(?<![\d.,])\d[\d.,]*[.,]\d{2}(?!\d)")
_TIP_RE = re.compile(r"\b(?:TIP|GRATUITY)\b", re.IGNORECASE)
_TOTAL_RE = re.compile(r"\b(?:TOTAL|BALANCE|DUE)\b", re.IGNORECASE)
_SLIP_WORD_RE = re.compile(r"\b(?:SIGN|SIGNATURE|COPY|CUSTOMER|MERCHANT|CARDHOLDER|THANK|THANKS|AGREE|VISA|MASTERCARD"
                           r"|AMEX|DISCOVER|CARD|AUTH|APPROVED|APPROVAL|ENTRY|CHIP|CONTACTLESS)\b", re.IGNORECASE)
_SLIP_HEAD = 3  # lines over the slip's amount: its copy's name, the card and its number, the entry
_SLIP_LINES = 10  # lines of a slip over its bill: its amount, tip and total, card and signature lines


def _slip_under_its_bill(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """A card slip photographed over its bill (``CUSTOMER COPY`` / ``VISA XXXX0012`` / ``Amount: $44.41`` / ``Tip
    9.00`` / ``Total: 53.41`` / ``Mama Rosa's Trattoria`` ... ``Total 44.41``) read after the bill; else ``lines``
    as they are."""
    opening = next((i for i, line in enumerate(lines[:_SLIP_HEAD]) if not _SLIP_WORD_RE.search(line.text)), None)
    amount = opening is not None and _SLIP_AMOUNT_RE.search(lines[opening].text) \
        and _WHOLE_AMOUNT_RE.search(lines[opening].text)
    if not amount:
        return list(lines)
    tip = next((i for i, line in enumerate(lines[opening + 1:_SLIP_LINES], opening + 1)
                if _TIP_RE.search(line.text)), None)
    if tip is None:
        return list(lines)
    bill = next((i for i, line in enumerate(lines[tip + 1:_SLIP_LINES + 1], tip + 1)
                 if _WORD_RE.search(line.text) and not _AMOUNT_RE.search(line.text)
                 and not _SUM_RE.search(line.text) and not _SLIP_WORD_RE.search(line.text)), None)
    charged = re.compile(rf"(?<![\d.,]){re.escape(amount[0])}(?!\d)")
    if bill is None or not any(_TOTAL_RE.search(line.text) and charged.search(line.text) for line in lines[bill:]) \
            or _priced(list(lines[bill:])) < GUTTER_ROWS:
        return list(lines)
    return list(lines[bill:]) + list(lines[:bill])
