"""Survey writes and reads: surveys, the mail each panelist got, answers, survey rewards.

Functions that write expect to be called inside a transaction (``store.db.immediate``). The
schema is migration_sql/0010_surveys.sql and 0011_survey_rewards.sql.
"""
from __future__ import annotations

import datetime as dt

import sqlite_utils

from .db import all_rows, one_row
from .records import now


class SurveyExists(Exception):
    """A survey with this id was created before."""


# -- surveys -------------------------------------------------------------------------------------

def create(db: sqlite_utils.Database, *, survey_id: str, title: str, source: str, reward_amount: int,
           reward_currency: str, closes_at: dt.datetime) -> None:
    if get(db, survey_id) is not None:
        raise SurveyExists(survey_id)
    db.execute(
        """INSERT INTO surveys (id, title, source, reward_amount, reward_currency, closes_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [survey_id, title, source, reward_amount, reward_currency,
         closes_at.astimezone(dt.timezone.utc).isoformat(timespec="seconds"), now()],
    )


def get(db: sqlite_utils.Database, survey_id: str) -> dict | None:
    return one_row(db.execute("SELECT * FROM surveys WHERE id = ?", [survey_id]))


def ids(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT id FROM surveys ORDER BY length(id) DESC, id")]


def overview(db: sqlite_utils.Database) -> list[dict]:
    """Every survey with how many were mailed, answered and rewarded."""
    return all_rows(db.execute(
        """SELECT s.id, s.title, s.closes_at, s.sent_at, s.reward_amount, s.reward_currency,
                  (SELECT count(*) FROM survey_mails m WHERE m.survey_id = s.id) AS mailed,
                  (SELECT count(*) FROM survey_responses r WHERE r.survey_id = s.id) AS answered,
                  (SELECT count(*) FROM rewards w WHERE w.survey_id = s.id) AS rewarded
           FROM surveys s ORDER BY s.created_at, s.id"""
    ))


def audience(db: sqlite_utils.Database, *, countries: tuple[str, ...], categories: tuple[str, ...],
             brands: tuple[str, ...], since: dt.date | None) -> list[dict]:
    """Active panelists of these countries; with categories or brands, only those with an
    accepted receipt from one of them purchased on or after ``since``."""
    marks = lambda values: ", ".join("?" for _ in values)  # noqa: E731
    sql = f"SELECT * FROM panelists WHERE status = 'active' AND upper(country) IN ({marks(countries)})"
    params: list = [c.upper() for c in countries]
    if categories or brands:
        lowered = [b.lower() for b in brands]
        sql += f""" AND EXISTS (SELECT 1 FROM receipts r WHERE r.panelist_id = panelists.id
                    AND r.status = 'accepted' AND r.purchase_date >= ?
                    AND (r.category IN ({marks(categories) or "NULL"})
                         OR lower(r.merchant) IN ({marks(lowered) or "NULL"})
                         OR r.brand_wikidata IN ({marks(brands) or "NULL"})))"""
        params += [since.isoformat(), *categories, *lowered, *brands]
    return all_rows(db.execute(sql + " ORDER BY id", params))


def mark_sent(db: sqlite_utils.Database, survey_id: str) -> None:
    db.execute("UPDATE surveys SET sent_at = ? WHERE id = ?", [now(), survey_id])


# -- the survey mails ------------------------------------------------------------------------------

def mailed(db: sqlite_utils.Database, survey_id: str, panelist_id: int) -> bool:
    return db.execute("SELECT 1 FROM survey_mails WHERE survey_id = ? AND panelist_id = ?",
                      [survey_id, panelist_id]).fetchone() is not None


def record_mail(db: sqlite_utils.Database, *, survey_id: str, panelist_id: int, outbound_id: int) -> str:
    """Remember the survey mail recorded as ``outbound_id``; returns its Message-ID."""
    header = db.execute("SELECT header_message_id FROM outbound WHERE id = ?", [outbound_id]).fetchone()[0]
    db.execute(
        """INSERT INTO survey_mails (survey_id, panelist_id, outbound_id, header_message_id, created_at)
           VALUES (?, ?, ?, ?, ?)""",
        [survey_id, panelist_id, outbound_id, header, now()],
    )
    return header


def survey_of_thread(db: sqlite_utils.Database, message_ids: list[str]) -> str | None:
    """The survey whose mail one of these Message-IDs names; the first in the list that does."""
    if not message_ids:
        return None
    found = dict(db.execute(
        f"""SELECT header_message_id, survey_id FROM survey_mails
            WHERE header_message_id IN ({", ".join("?" for _ in message_ids)})""",
        message_ids,
    ).fetchall())
    return next((found[mid] for mid in message_ids if mid in found), None)


# -- answers and rewards ---------------------------------------------------------------------------

def answered_at(db: sqlite_utils.Database, survey_id: str, panelist_id: int) -> str | None:
    """When the panelist's answers to the survey arrived (ISO 8601 UTC); None if they have not answered."""
    row = db.execute("SELECT received_at FROM survey_responses WHERE survey_id = ? AND panelist_id = ?",
                     [survey_id, panelist_id]).fetchone()
    return row[0] if row else None


def store_answers(db: sqlite_utils.Database, *, survey_id: str, panelist_id: int, queue_id: int | None,
                  received_at: dt.datetime, answers: list[tuple[int, str | None, str | None]]) -> int | None:
    """Store one panelist's answers ((question, value, free_text), ...) once; None when they had
    answered this survey before (the first answers stay)."""
    cursor = db.execute(
        """INSERT OR IGNORE INTO survey_responses (survey_id, panelist_id, message_id, received_at)
           VALUES (?, ?, ?, ?)""",
        [survey_id, panelist_id, queue_id, received_at.astimezone(dt.timezone.utc).isoformat(timespec="seconds")],
    )
    if cursor.rowcount != 1:
        return None
    response_id = cursor.lastrowid
    db.conn.executemany(
        """INSERT INTO survey_answers (response_id, survey_id, panelist_id, question, value, free_text)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [(response_id, survey_id, panelist_id, question, value, text) for question, value, text in answers],
    )
    return response_id


def award(db: sqlite_utils.Database, *, panelist: dict, survey_id: str, month: str, amount: int, currency: str,
          queue_id: int | None) -> dict | None:
    """The survey's reward, once per panelist and survey (a second write is a no-op): kind
    ``survey``, given to the panelist's charity when they donate their rewards."""
    charity = panelist["charity"] if panelist["reward"] == "donation" else None
    cursor = db.execute(
        """INSERT OR IGNORE INTO rewards (panelist_id, month, threshold, amount, currency, kind, charity, receipt_id,
                                          message_id, created_at, survey_id)
           VALUES (?, ?, NULL, ?, ?, 'survey', ?, NULL, ?, ?, ?)""",
        [panelist["id"], month, amount, currency, charity, queue_id, now(), survey_id],
    )
    if cursor.rowcount != 1:
        return None
    return one_row(db.execute("SELECT * FROM rewards WHERE id = ?", [cursor.lastrowid]))


def answers(db: sqlite_utils.Database, survey_id: str) -> list[dict]:
    """Every stored answer of a survey: response id, question, value, free text."""
    return all_rows(db.execute(
        """SELECT response_id, question, value, free_text FROM survey_answers WHERE survey_id = ?
           ORDER BY question, response_id""",
        [survey_id],
    ))
