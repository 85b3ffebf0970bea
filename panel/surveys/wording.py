"""The words of the survey mail and of the replies to answers, in the panelist's language.
Pure: data in, (subject, body) out; the texts are template files (panel/templates/survey*.toml).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.numbers import format_decimal

from .. import templates
from ..replies import reward_words
from ..templates import part
from .answers import AMBIGUOUS, INVALID, MISSING, TWICE, UNCLEAR, Answer, Problem
from .definition import Question, Survey

_EXAMPLE_AMOUNT = Decimal("2.49")


def number(value: Decimal | str, language: str) -> str:
    """A decimal as the language writes it: 2.49 (en), 2,49 (de)."""
    return format_decimal(Decimal(value), locale=templates.LOCALES.get(language, "en_US"), group_separator=False)


def reward_text(amount: int, currency: str, panelist: dict, language: str) -> str:
    """The extra reward in words: a credit, or a donation to the panelist's charity."""
    kind = "donation" if panelist.get("reward") == "donation" else "credit"
    return reward_words({"amount": amount, "currency": currency, "kind": kind, "charity": panelist.get("charity")},
                        language)


def closing(survey: Survey, language: str) -> str:
    if isinstance(survey.closes, dt.datetime):
        return templates.moment(survey.closes, language)
    return templates.date(survey.closes, language)


def example(survey: Survey, language: str) -> str:
    """A reply answering the first (up to three) questions that are not free text: '1 B, 2 4, 3 2.49'."""
    values = {"choice": lambda q: q.letters[min(1, len(q.letters) - 1)], "scale": lambda q: "4",
              "number": lambda q: number(_EXAMPLE_AMOUNT, language)}
    shown = [f"{q.number} {values[q.kind](q)}" for q in survey.questions if q.kind in values][:3]
    return ", ".join(shown)


def _question(question: Question, language: str) -> list[str]:
    lines = [part("survey", language, "question", number=question.number, text=question.text.get(language))]
    if question.kind == "choice":
        lines += [part("survey", language, "option", letter=letter, text=option.get(language))
                  for letter, option in zip(question.letters, question.options)]
    hint = {"choice": "choice_hint", "scale": "scale_hint", "number": "number_hint", "text": "text_hint"}
    lines.append(part("survey", language, hint[question.kind], example=number(_EXAMPLE_AMOUNT, language)))
    if question.optional:
        lines.append(part("survey", language, "optional"))
    return lines


def questions_text(survey: Survey, language: str) -> str:
    return "\n\n".join("\n".join(_question(q, language)) for q in survey.questions)


def survey_mail(survey: Survey, panelist: dict, language: str, reward: tuple[int, str]) -> tuple[str, str]:
    """The survey mail to one panelist; ``reward`` is (amount in minor units, currency)."""
    return templates.render(
        "survey", language, title=survey.title.get(language), id=survey.id, intro=survey.intro.get(language),
        questions=questions_text(survey, language), example=example(survey, language),
        closes=closing(survey, language), reward=reward_text(*reward, panelist, language),
    )


# -- replies to answers ----------------------------------------------------------------------------

def _answer_text(answer: Answer, question: Question, language: str) -> str:
    if question.kind == "choice":
        option = question.options[question.letters.index(answer.value)]
        return part("survey_confirmed", language, "choice", letter=answer.value, text=option.get(language))
    if question.kind == "number":
        return number(answer.value, language)
    return answer.value


def confirmed(survey: Survey, answers: tuple[Answer, ...], reward: str, language: str) -> tuple[str, str]:
    questions = {q.number: q for q in survey.questions}
    lines = [part("survey_confirmed", language, "answer", number=a.question,
                  answer=_answer_text(a, questions[a.question], language)) for a in answers]
    return templates.render("survey_confirmed", language, id=survey.id, title=survey.title.get(language),
                            answers="\n".join(lines), reward=reward)


def _problem_line(problem: Problem, survey: Survey, language: str) -> str:
    if problem.question is None:
        return part("survey_unclear", language, "unclear_line", detail=problem.detail)
    question = next(q for q in survey.questions if q.number == problem.question)
    name = {MISSING: "missing", TWICE: "twice", UNCLEAR: "unclear", AMBIGUOUS: "ambiguous"}.get(problem.kind)
    if problem.kind == INVALID:
        name = "invalid_choice" if question.kind == "choice" else "invalid_scale"
    return part("survey_unclear", language, name, number=problem.question, detail=problem.detail,
                letters=", ".join(question.letters), example=number(Decimal("12.99"), language))


def unclear(survey: Survey, problems: tuple[Problem, ...], language: str) -> tuple[str, str]:
    return templates.render(
        "survey_unclear", language, id=survey.id, title=survey.title.get(language),
        problems="\n".join(_problem_line(p, survey, language) for p in problems),
        example=example(survey, language), questions=questions_text(survey, language),
    )


def closed(survey: Survey, language: str) -> tuple[str, str]:
    return templates.render("survey_closed", language, id=survey.id, title=survey.title.get(language),
                            closes=closing(survey, language))


def repeated(survey: Survey, answered_at: str, language: str) -> tuple[str, str]:
    return templates.render("survey_repeated", language, id=survey.id, title=survey.title.get(language),
                            date=templates.date(answered_at, language))


def not_sent(survey: Survey, language: str) -> tuple[str, str]:
    return templates.render("survey_not_sent", language, id=survey.id, title=survey.title.get(language))
