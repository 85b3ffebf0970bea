"""A survey's results, only in aggregate and k-suppressed. Pure: answers in, cells out.

Per question: how many panelists answered it (the ``all`` cell); per option of a choice and per
value of the 1-5 scale, how many chose it and their share; the median of a number or of the scale.
A question fewer than ``k`` panelists answered is suppressed whole. Otherwise a cell of fewer
than ``k`` is suppressed; where that leaves one suppressed cell of a question holding anyone, the
smallest published cell is suppressed too: with the total published, a lone suppressed cell
could be worked out by subtraction. Free texts are given (sorted, so that
no order ties them to one another) only for a question at least ``k`` panelists answered.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .definition import SCALE, Survey

ALL, MEDIAN = "all", "median"
_SHARE = Decimal("0.001")


@dataclass(frozen=True)
class Cell:
    question: int
    kind: str
    option: str  # a choice's letter, a scale value, "all" or "median"
    label: str  # the option's text (first language), or the question's for "all"
    panelists: int | None  # None: suppressed
    share: Decimal | None = None  # of the panelists who answered the question
    median: Decimal | None = None

    @property
    def suppressed(self) -> bool:
        return self.panelists is None and self.median is None


@dataclass(frozen=True)
class Results:
    survey_id: str
    k: int
    respondents: int | None  # panelists with stored answers; None if fewer than k
    cells: tuple[Cell, ...]
    texts: tuple[tuple[int, tuple[str, ...]], ...]  # (question, free texts) of questions k or more answered


def suppressed_keys(counts: dict[str, int], k: int) -> set[str]:
    """The cells to leave out: those below k, and the smallest other one where a lone cell left out
    holds anyone (total minus the published cells would give its count)."""
    hidden = {key for key, count in counts.items() if count < k}
    if len(hidden) == 1 and counts[next(iter(hidden))] > 0 and len(counts) > 1:
        hidden.add(min((key for key in counts if key not in hidden), key=lambda key: (counts[key], key)))
    return hidden


def aggregate(survey: Survey, answers: list[dict], k: int) -> Results:
    """``answers``: rows with response_id, question, value, free_text (store.surveys.answers)."""
    by_question: dict[int, list[dict]] = {}
    for row in answers:
        by_question.setdefault(row["question"], []).append(row)
    respondents = len({row["response_id"] for row in answers})
    cells: list[Cell] = []
    texts = []
    for question in survey.questions:
        rows = by_question.get(question.number, [])
        answered = len(rows)
        label = question.text.versions[0][1]
        if answered < k:
            cells.append(Cell(question.number, question.kind, ALL, label, None))
            continue
        cells.append(Cell(question.number, question.kind, ALL, label, answered))
        if question.kind == "text":
            texts.append((question.number, tuple(sorted(row["free_text"] for row in rows))))
            continue
        if question.kind in ("choice", "scale"):
            options = (list(zip(question.letters, (o.versions[0][1] for o in question.options)))
                       if question.kind == "choice" else [(str(n), str(n)) for n in SCALE])
            counted = Counter(row["value"] for row in rows)
            counts = {key: counted.get(key, 0) for key, _ in options}
            hidden = suppressed_keys(counts, k)
            for key, text in options:
                shown = key not in hidden
                share = (Decimal(counts[key]) / answered).quantize(_SHARE, ROUND_HALF_UP) if shown else None
                cells.append(Cell(question.number, question.kind, key, text, counts[key] if shown else None, share))
        if question.kind in ("scale", "number"):
            median = statistics.median(Decimal(row["value"]) for row in rows)
            cells.append(Cell(question.number, question.kind, MEDIAN, label, None, None, Decimal(median)))
    return Results(survey.id, k, respondents if respondents >= k else None, tuple(cells), tuple(texts))
