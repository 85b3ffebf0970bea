"""The redaction of one receipt: drop sensitive purchases, erase PII from its text and lines."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from parse.types import Box, LineItem, OcrLine, Receipt

from .detectors import find_pii_lines
from .lexicon import is_sensitive
from .policy import RedactionPolicy, Redaction
from .scrub import scrub_text
from .spans import Span, kinds, mask, mask_all

_PRICE = re.compile(r"\d[.,]\d{2}(?!\d)")
# words that make a phone number the customer's, not the shop's
_CUSTOMER = re.compile(
    r"(?<![^\W\d_])(?:customer|cust|kunden?\w*|card\s*holder|karteninhaber\w*|member\w*|mitglied\w*|patient\w*"
    r"|your|ihre?|handy|mobil\w*|cell|call\s*back|r(?:ü|ue)ckruf\w*|privat\w*|home)(?![^\W\d_])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Redacted:
    """A receipt fit to store.

    receipt: sensitive items removed (counted in redacted_items, summed in
        redacted_amount) and PII erased from its text fields.
    lines: the OCR lines, same count and order (item line indices stay valid), with
        erased text blocked out (``█``) in the line and in its words.
    erased_boxes: the image boxes of every erased word or line, to black out.
    report: how many things of each kind were erased, never what they were.
    unlocated: erased lines or words that had no box: their text is erased but the
        image can not be; the caller should not keep the image if this is not 0.
    """

    receipt: Receipt
    lines: tuple[OcrLine, ...]
    erased_boxes: tuple[Box, ...]
    report: tuple[Redaction, ...]
    unlocated: int = 0


@dataclass
class _Boxes:
    boxes: list[Box] = dataclasses.field(default_factory=list)
    unlocated: int = 0

    def add(self, box: Box | None) -> None:
        if box is None:
            self.unlocated += 1
        elif box not in self.boxes:
            self.boxes.append(box)


def _word_offsets(line: OcrLine) -> list[tuple[int, int]] | None:
    """Where each word's text lies in the line's text; None if they do not line up."""
    offsets = []
    pos = 0
    for w in line.words:
        at = line.text.find(w.text, pos) if w.text else -1
        if at < 0:
            return None
        offsets.append((at, at + len(w.text)))
        pos = at + len(w.text)
    return offsets


def _erase_line(line: OcrLine, out: _Boxes) -> OcrLine:
    if line.box is not None:
        out.add(line.box)
    elif line.words and all(w.box is not None for w in line.words):
        for w in line.words:
            out.add(w.box)
    else:
        out.add(None)
    words = tuple(dataclasses.replace(w, text=mask_all(w.text)) for w in line.words)
    return dataclasses.replace(line, text=mask_all(line.text), words=words)


def _erase_spans(line: OcrLine, spans: list[Span], out: _Boxes) -> OcrLine:
    if not spans:
        return line
    offsets = _word_offsets(line) if line.words else None
    if offsets is None:  # no words, or words that do not match the text: the whole line
        if line.box is None and line.words and all(w.box is not None for w in line.words):
            for w in line.words:
                out.add(w.box)
        else:
            out.add(line.box)
        words = tuple(dataclasses.replace(w, text=mask_all(w.text)) for w in line.words)
        return dataclasses.replace(line, text=mask(line.text, spans), words=words)
    words = []
    for w, (start, end) in zip(line.words, offsets):
        inside = [Span(max(s.start, start) - start, min(s.end, end) - start, s.kind) for s in spans if s.overlaps(start, end)]
        if inside:
            out.add(w.box if w.box is not None else line.box)
            w = dataclasses.replace(w, text=mask(w.text, inside))
        words.append(w)
    return dataclasses.replace(line, text=mask(line.text, spans), words=tuple(words))


def _sensitive_lines(texts: Sequence[str], items: Sequence[LineItem], policy: RedactionPolicy) -> tuple[set[int], set[int]]:
    """(indices of sensitive lines, indices of sensitive items)."""
    lines = {i for i, t in enumerate(texts) if is_sensitive(t, policy.extra_terms)}
    removed = set()
    for k, item in enumerate(items):
        on_line = item.line_index is not None and item.line_index in lines
        if on_line or is_sensitive(item.description, policy.extra_terms):
            removed.add(k)
            if item.line_index is not None and 0 <= item.line_index < len(texts):
                lines.add(item.line_index)
    # a detail line right after a sensitive one (prescriber, quantity, Rx number) goes
    # too, when it has no price of its own and is no kept item's line
    kept_item_lines = {it.line_index for k, it in enumerate(items) if k not in removed}
    for i in sorted(lines):
        j = i + 1
        if j < len(texts) and j not in lines and j not in kept_item_lines and texts[j].strip() and not _PRICE.search(texts[j]):
            lines.add(j)
    return lines, removed


def _scrub_field(value: str | None, policy: RedactionPolicy, keep_phones: tuple[str, ...], counts: Counter[str]) -> str | None:
    if value is None:
        return None
    text, c = scrub_text(value, policy, keep_phones=keep_phones, terms=False)
    counts.update(c)
    return text


def _merchant_phone(phone: str | None, texts: Sequence[str], items: Sequence[LineItem]) -> str | None:
    """The extracted phone if it is the shop's: printed in the header (above the first item,
    or in the top half without items) on a line that does not call it the customer's.
    Extraction takes the first phone it sees; on a receipt without a shop phone that is
    the customer's, which must then be erased like any other."""
    if not phone:
        return None
    want = re.sub(r"\D", "", phone)[-7:]
    if len(want) < 7:
        return None
    first_item = min((it.line_index for it in items if it.line_index is not None), default=None)
    header_end = first_item if first_item is not None else max(1, (len(texts) + 1) // 2)
    for i, text in enumerate(texts):
        if want in re.sub(r"\D", "", text):
            return phone if i < header_end and not _CUSTOMER.search(text) else None
    return phone  # not on any line (a field of its own): nothing on the lines to keep


def redact_receipt(receipt: Receipt, lines: Sequence[OcrLine], policy: RedactionPolicy = RedactionPolicy()) -> Redacted:
    """Remove sensitive purchases and erase PII; see ``Redacted``."""
    texts = [line.text for line in lines]
    merchant_phone = _merchant_phone(receipt.phone, texts, receipt.items)
    keep_phones = (merchant_phone,) if merchant_phone else ()
    keep_numbers = (re.sub(r"\D", "", receipt.receipt_number),) if receipt.receipt_number else ()
    keep_numbers = tuple(n for n in keep_numbers if n)

    sensitive, removed = _sensitive_lines(texts, receipt.items, policy)
    pii = find_pii_lines(texts, policy, keep_phones=keep_phones, keep_numbers=keep_numbers)

    boxes = _Boxes()
    line_counts: Counter[str] = Counter()
    out_lines = []
    removed_lines = {receipt.items[k].line_index for k in removed}
    for i, (line, spans) in enumerate(zip(lines, pii)):
        line_counts += kinds(spans)
        if i in sensitive:
            if i not in removed_lines:
                line_counts["sensitive_line"] += 1
            out_lines.append(_erase_line(line, boxes))
        else:
            out_lines.append(_erase_spans(line, spans, boxes))

    field_counts: Counter[str] = Counter()
    kept_items = []
    for k, item in enumerate(receipt.items):
        if k not in removed:
            kept_items.append(dataclasses.replace(item, description=_scrub_field(item.description, policy, keep_phones, field_counts)))
    amounts = [receipt.items[k].amount for k in removed if receipt.items[k].amount is not None]
    redacted_amount = receipt.redacted_amount
    if amounts:
        redacted_amount = (redacted_amount or Decimal(0)) + sum(amounts, Decimal(0))

    if receipt.phone and not merchant_phone:
        field_counts["phone"] += 1
    new_receipt = dataclasses.replace(
        receipt,
        phone=merchant_phone,
        merchant=_scrub_field(receipt.merchant, policy, keep_phones, field_counts),
        merchant_raw=_scrub_field(receipt.merchant_raw, policy, keep_phones, field_counts),
        merchant_address=_scrub_field(receipt.merchant_address, policy, keep_phones, field_counts),
        payment=_scrub_field(receipt.payment, policy, keep_phones, field_counts),
        items=tuple(kept_items),
        redacted_items=receipt.redacted_items + len(removed),
        redacted_amount=redacted_amount,
        confidence=dict(receipt.confidence),
        flags=dict(receipt.flags),
    )

    counts = Counter({k: max(line_counts[k], field_counts[k]) for k in line_counts | field_counts})
    if removed:
        counts["sensitive_item"] = len(removed)
    report = tuple(Redaction(kind, n) for kind, n in sorted(counts.items()) if n > 0)
    return Redacted(new_receipt, tuple(out_lines), tuple(boxes.boxes), report, boxes.unlocated)
