"""Replies to survey mails: which survey a mail answers, and what becomes of its answers.

:func:`match` runs before OCR, outside any transaction: a mail answers a survey when its
In-Reply-To / References name a survey mail's Message-ID, or its subject names a survey's id.
:func:`answer` runs inside the transaction that finishes the message (panel/flow.py), for a
panelist only (a stranger's or a spoofed mail never gets here): complete answers are stored and
rewarded there, once per panelist and survey; anything else is answered and nothing is stored.
"""
from __future__ import annotations

import datetime as dt
import html
import logging
import re
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser

import sqlite_utils

from parse.mail import values_of
from parse.types import ParsedMail
from store import surveys as store

from .. import templates
from ..failpoints import failpoint
from ..replies import reply_subject
from . import catalog, wording
from .answers import read_answers

log = logging.getLogger(__name__)

_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_MAX_TEXT = 20_000  # characters of a reply read for answers


@dataclass(frozen=True)
class SurveyReply:
    survey_id: str
    text: str  # the reply's own text: held in memory while the mail is finished, never logged


@dataclass(frozen=True)
class Outcome:
    kind: str  # survey_confirmed | survey_unclear | survey_closed | survey_repeated | survey_not_sent
    subject: str
    body: str
    reward: dict | None = None  # the reward written (survey_confirmed)


def match(db: sqlite_utils.Database, mail: ParsedMail, raw: bytes) -> SurveyReply | None:
    """The survey this mail answers, with the mail's text; None when it answers none."""
    def ids(name: str) -> list[str]:
        return [mid for value in values_of(mail.headers, name) for mid in _MESSAGE_ID.findall(value)]

    thread = ids("In-Reply-To") + ids("References")[::-1]  # the mail answered first, then the newest before it
    survey_id = store.survey_of_thread(db, thread) or survey_in_subject(mail.subject, store.ids(db))
    return SurveyReply(survey_id, body_text(raw)) if survey_id else None


def survey_in_subject(subject: str | None, survey_ids: list[str]) -> str | None:
    """The survey id written in the subject as a word of its own; the longest id first."""
    for survey_id in sorted(survey_ids, key=len, reverse=True):
        if re.search(rf"(?<![\w.-]){re.escape(survey_id)}(?![\w-]|\.\w)", subject or "", re.IGNORECASE):
            return survey_id
    return None


def body_text(raw: bytes) -> str:
    """The mail's plain-text body; an HTML-only mail's text without its quoted blocks."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        part = message.get_body(preferencelist=("plain", "html"))
        text = part.get_content() if part is not None else ""
    except Exception:  # a malformed body holds no answers
        return ""
    if part is not None and part.get_content_subtype() == "html":
        text = re.sub(r"(?is)<blockquote.*?</blockquote>|<(script|style).*?</\1>", "", text)
        text = re.sub(r"(?i)<br\s*/?>|</(p|div|li|tr)>", "\n", text)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text[:_MAX_TEXT]


def answer(db: sqlite_utils.Database, reply: SurveyReply, panelist: dict, *, queue_id: int,
           received_at: dt.datetime, month: str, subject: str | None) -> Outcome:
    """Store and reward complete answers (in the caller's transaction), or say why not."""
    survey, row = catalog.load(db, reply.survey_id)
    language = templates.language_of(panelist)

    def outcome(kind: str, words: tuple[str, str], reward: dict | None = None) -> Outcome:
        log.info("msg=%s panelist=%s survey=%s: %s", queue_id, panelist["id"], survey.id, kind)
        return Outcome(kind, reply_subject(subject, words[0]), words[1], reward)

    if not store.mailed(db, survey.id, panelist["id"]):
        return outcome("survey_not_sent", wording.not_sent(survey, language))
    answered_at = store.answered_at(db, survey.id, panelist["id"])
    if answered_at is not None:
        return outcome("survey_repeated", wording.repeated(survey, answered_at, language))
    if received_at >= catalog.closes_at(row):
        return outcome("survey_closed", wording.closed(survey, language))
    reading = read_answers(reply.text, survey)
    if not reading.complete:
        return outcome("survey_unclear", wording.unclear(survey, reading.problems, language))
    kinds = {q.number: q.kind for q in survey.questions}
    store.store_answers(db, survey_id=survey.id, panelist_id=panelist["id"], queue_id=queue_id,
                        received_at=received_at,
                        answers=[(a.question, None, a.value) if kinds[a.question] == "text" else
                                 (a.question, a.value, None) for a in reading.answers])
    failpoint("survey.before_reward")
    reward = store.award(db, panelist=panelist, survey_id=survey.id, month=month, amount=row["reward_amount"],
                         currency=row["reward_currency"], queue_id=queue_id)
    words = wording.reward_text(row["reward_amount"], row["reward_currency"], panelist, language)
    return outcome("survey_confirmed", wording.confirmed(survey, reading.answers, words, language), reward)
