"""`receiptctl survey send`: one survey mail per panelist of the audience, recorded in ``outbound``
(the daemon sends it like any reply), its Message-ID remembered to match the replies."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from store import panel as panel_store
from store import surveys as store

from .. import templates
from . import catalog, wording


class SurveyClosed(Exception):
    """The survey's closing date has passed: it is not sent."""


@dataclass(frozen=True)
class Sent:
    mailed: int  # new survey mails recorded
    already: int  # panelists of the audience mailed by an earlier send
    status: str  # the outbound status of the new mails: pending (a relay is configured) or recorded


def send(db: sqlite_utils.Database, survey_id: str, *, domain: str, relay: bool, now: dt.datetime) -> Sent:
    """Record the survey mail to every panelist of the audience not mailed yet. Call inside a
    transaction; ``relay`` False records them as never to be sent (no [outbound])."""
    survey, row = catalog.load(db, survey_id)
    if now >= catalog.closes_at(row):
        raise SurveyClosed(row["closes_at"])
    audience = survey.audience
    since = months_before(now.date(), audience.months) if audience.months else None
    mailed = already = 0
    for panelist in store.audience(db, countries=audience.countries, categories=audience.categories,
                                   brands=audience.brands, since=since):
        if store.mailed(db, survey.id, panelist["id"]):
            already += 1
            continue
        language = templates.language_of(panelist)
        subject, body = wording.survey_mail(survey, panelist, language,
                                            (row["reward_amount"], row["reward_currency"]))
        outbound_id, _ = panel_store.record_reply(
            db, recipient=panelist["address"], subject=subject, body=body, kind="survey", queue_id=None,
            panelist_id=panelist["id"], in_reply_to=None, send=relay, domain=domain,
        )
        store.record_mail(db, survey_id=survey.id, panelist_id=panelist["id"], outbound_id=outbound_id)
        mailed += 1
    store.mark_sent(db, survey.id)
    return Sent(mailed, already, "pending" if relay else "recorded")


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    following = dt.date(year + (month == 11), (month + 1) % 12 + 1, 1)
    return dt.date(year, month + 1, min(day.day, (following - dt.timedelta(days=1)).day))
