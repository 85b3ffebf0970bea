"""Character spans of text to erase, and erasing them."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

FILL = "\u2588"  # full block


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str
    counted: bool = True  # False for a span that overlaps one already counted

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


SHIELD = "shield"  # a span that must stay readable (the merchant's tax id)


def add_span(spans: list[Span], new: Span) -> None:
    """Add ``new`` unless it is empty or touches a shield; it is counted only if it
    overlaps no span already there (it is still erased)."""
    if new.end <= new.start:
        return
    overlapping = [s for s in spans if s.overlaps(new.start, new.end)]
    if any(s.kind == SHIELD for s in overlapping):
        return
    spans.append(Span(new.start, new.end, new.kind, counted=not overlapping))


def mask(text: str, spans: Iterable[Span]) -> str:
    """Replace every non-space character inside the spans with a block."""
    chars = list(text)
    for s in spans:
        for i in range(max(s.start, 0), min(s.end, len(chars))):
            if not chars[i].isspace():
                chars[i] = FILL
    return "".join(chars)


def mask_all(text: str) -> str:
    return "".join(c if c.isspace() else FILL for c in text)


def kinds(spans: Iterable[Span]) -> Counter[str]:
    return Counter(s.kind for s in spans if s.counted and s.kind != SHIELD)
