"""Surveys in the database: created from a checked file, loaded back as a :class:`Survey`."""
from __future__ import annotations

import datetime as dt

import sqlite_utils

from store import surveys as store
from store.records import to_minor

from .definition import Survey, parse_survey


class UnknownSurvey(LookupError):
    """No survey has this id."""


def create(db: sqlite_utils.Database, source: str, name: str, zone: str) -> Survey:
    """Check ``source`` (the file's text; ``name`` for errors) and store it. Raises
    :class:`~panel.surveys.definition.SurveyError` or :class:`store.surveys.SurveyExists`."""
    survey = parse_survey(source, name)
    store.create(db, survey_id=survey.id, title=survey.title.versions[0][1], source=source,
                 reward_amount=to_minor(survey.reward_amount, survey.reward_currency),
                 reward_currency=survey.reward_currency, closes_at=survey.closes_at(zone))
    return survey


def load(db: sqlite_utils.Database, survey_id: str) -> tuple[Survey, dict]:
    """The survey and its row (reward in minor units, closes_at, sent_at)."""
    row = store.get(db, survey_id)
    if row is None:
        raise UnknownSurvey(survey_id)
    return parse_survey(row["source"], f"survey {survey_id}"), row


def closes_at(row: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(row["closes_at"])
