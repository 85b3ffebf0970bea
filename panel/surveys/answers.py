"""Reading a panelist's answers out of a reply. Pure: the reply's text and the survey in, a
:class:`Reading` out.

Answers are ``1 B``, ``2 4``, ``3 2.49`` (or ``3 2,49``), one a line or several on one line
(``1 B 2 4, 3 2.49``); ``1. B``, ``1) B``, ``1: B`` and ``Q1 B`` are read too. An amount may carry
a currency sign or code and thousands separators (``$1,299.00``, ``1.299,00 €``); ``1,299`` alone
is ambiguous (a thousands separator, or three decimals?) and asked again. A free-text answer
runs to the end of its line. What the mail client added is left out: quoted lines (``>``), the
``On ... wrote:`` / ``Am ... schrieb ...:`` line, everything from a signature (``-- ``) or a
forwarded original (``-----Original Message-----``) on. Lines that do not start with a question's
number are taken as greetings and ignored; a line that does, but cannot be read, is a problem.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .definition import SCALE, Survey

MISSING, INVALID, TWICE, UNCLEAR, AMBIGUOUS = "missing", "invalid", "twice", "unclear", "ambiguous"
_SNIPPET = 40  # characters of a not-understood fragment quoted back to the panelist


@dataclass(frozen=True)
class Answer:
    question: int
    value: str  # the choice's letter, the scale's digit, the number as a plain decimal, or the free text


@dataclass(frozen=True)
class Problem:
    kind: str  # missing | invalid | twice | unclear | ambiguous
    question: int | None  # None: a fragment of no question
    detail: str = ""  # what was written (at most _SNIPPET characters), or what is allowed


@dataclass(frozen=True)
class Reading:
    answers: tuple[Answer, ...]
    problems: tuple[Problem, ...]

    @property
    def complete(self) -> bool:
        return not self.problems


# -- what the panelist wrote, without what their mail client added --------------------------------

_SIGNATURE = re.compile(r"^--\s*$")
_ORIGINAL = re.compile(r"^\s*(-{3,}\s*(original message|ursprüngliche nachricht|weitergeleitete nachricht|"
                       r"forwarded message)\s*-{3,}|_{10,})\s*$", re.IGNORECASE)
_ATTRIBUTION_START = re.compile(r"^\s*(on|am)\s", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(r"(\bwrote|\bschrieb\b.*)\s*:\s*$", re.IGNORECASE)


def own_lines(text: str) -> list[str]:
    """The lines the panelist wrote: no quotes, attribution, signature or forwarded original."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    own: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _SIGNATURE.match(line) or _ORIGINAL.match(line):
            break
        if line.lstrip().startswith(">"):
            index += 1
            continue
        if _ATTRIBUTION_START.match(line):
            end = next((j for j in range(index, min(index + 3, len(lines))) if _ATTRIBUTION_END.search(lines[j])), None)
            if end is not None:  # "On <date>, <name> wrote:", possibly wrapped over three lines
                index = end + 1
                continue
        own.append(line)
        index += 1
    return own


# -- answers -------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\s*(?:[qQfF](?=\d))?(\d{1,2})(?:\s*[.):=]\s*|\s+)")
_CHOICE = re.compile(r"([A-Za-z])(?![A-Za-z0-9])[.)]?")
_DIGITS = re.compile(r"(\d+)(?![\d.,]*\d)")
_AMOUNT = re.compile(r"(?:[$€£]\s*)?(\d{1,9})(?:([.,])(\d+))?(?![\d])"
                     r"\s*(?:[$€£]|(?:eur|usd|gbp|chf|euros?|dollars?)\b)?", re.IGNORECASE)
_GROUPED = re.compile(r"(?:[$€£]\s*)?(\d{1,3}(?:([.,])\d{3})+)(?!\2)([.,])(\d{1,2})(?!\d)"  # 1,299.00 / 1.299,00
                      r"\s*(?:[$€£]|(?:eur|usd|gbp|chf|euros?|dollars?)\b)?", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*[,;]?\s*")


def read_answers(text: str, survey: Survey) -> Reading:
    """Every answer found, and every problem: unreadable, out of range, given twice, missing."""
    questions = {q.number: q for q in survey.questions}
    found: dict[int, str] = {}
    problems: list[Problem] = []
    for line in own_lines(text):
        start = _NUMBER.match(line)
        if not start or int(start.group(1)) not in questions:
            continue  # a greeting, a thank-you: not an answer line
        for answer_or_problem in _scan(line, questions):
            if isinstance(answer_or_problem, Problem):
                problems.append(answer_or_problem)
                continue
            answer = answer_or_problem
            before = found.setdefault(answer.question, answer.value)
            if before != answer.value:
                problems.append(Problem(TWICE, answer.question, f"{before} / {answer.value}"[:_SNIPPET]))
    answered = {p.question for p in problems} | set(found)
    problems += [Problem(MISSING, q.number) for q in survey.questions if q.number not in answered and not q.optional]
    twice = {p.question for p in problems if p.kind == TWICE}
    answers = tuple(Answer(n, v) for n, v in sorted(found.items()) if n not in twice)
    return Reading(answers, tuple(sorted(set(problems), key=lambda p: (p.question or 0, p.kind, p.detail))))


def _scan(line: str, questions: dict) -> list[Answer | Problem]:
    """The answers of one line, left to right: number, value, separator, number, value ..."""
    out: list[Answer | Problem] = []
    pos = 0
    while pos < len(line):
        start = _NUMBER.match(line, pos)
        if not start or int(start.group(1)) not in questions:
            rest = line[pos:].strip()
            if rest:
                out.append(Problem(UNCLEAR, None, rest[:_SNIPPET]))
            break
        question = questions[int(start.group(1))]
        pos = start.end()
        if question.kind == "text":
            value = line[pos:].strip()
            out.append(Answer(question.number, value) if value else Problem(MISSING, question.number))
            break
        item, pos = _value(line, pos, question)
        out.append(item)
        if isinstance(item, Problem) and item.kind == UNCLEAR:
            break  # where this answer ends, and the next begins, cannot be told
        pos = _SEPARATOR.match(line, pos).end()
    return out


def _value(line: str, pos: int, question) -> tuple[Answer | Problem, int]:
    rest = line[pos:].strip()[:_SNIPPET]
    if question.kind == "choice":
        match = _CHOICE.match(line, pos)
        if not match:
            return Problem(UNCLEAR, question.number, rest), len(line)
        letter = match.group(1).upper()
        if letter not in question.letters:
            return Problem(INVALID, question.number, letter), match.end()
        return Answer(question.number, letter), match.end()
    if question.kind == "scale":
        match = _DIGITS.match(line, pos)
        if not match:
            return Problem(UNCLEAR, question.number, rest), len(line)
        if int(match.group(1)) not in SCALE:
            return Problem(INVALID, question.number, match.group(1)), match.end()
        return Answer(question.number, str(int(match.group(1)))), match.end()
    grouped = _GROUPED.match(line, pos)
    if grouped:
        whole = grouped.group(1).replace(grouped.group(2), "")
        return Answer(question.number, str(Decimal(f"{whole}.{grouped.group(4)}"))), grouped.end()
    match = _AMOUNT.match(line, pos)
    if not match:
        return Problem(UNCLEAR, question.number, rest), len(line)
    whole, mark, decimals = match.groups()
    if mark and len(decimals) == 3:  # 1,299 or 1.299: a thousands separator, or three decimals?
        return Problem(AMBIGUOUS, question.number, match.group(0).strip()), match.end()
    if mark and len(decimals) > 3:
        return Problem(UNCLEAR, question.number, rest), len(line)
    value = Decimal(f"{whole}.{decimals}" if mark else whole)
    return Answer(question.number, str(value)), match.end()
