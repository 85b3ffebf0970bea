"""One mail's way through receiptd: one ordered list of named steps, as Mailman's runner passes
a message through its handlers.

    parse -> authenticate -> admit -> read -> enroll -> command -> decide -> save -> settle
          -> reply -> finish

``parse``, ``authenticate`` and ``admit`` only look. ``read`` is the pure pipeline (OCR,
extraction, redaction: :mod:`ingest.pipeline`), run in this process (embedded) or by OCR
workers (:mod:`ingest.dispatch`). The steps from ``enroll`` on run in the one transaction
that finishes the message; ``finish`` (``Queue.finish``) is the last. A step that ends a mail
(a rejected or spoofed one, a stranger, a leaver, a survey answer) sets its outcome; the
steps after it see that and do only what an ended mail still needs (its reply, its finish).
Outcome names: :mod:`ingest.outcomes`.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from panel.eligibility import dedupe_key, judge_readable
from panel.failpoints import failpoint
from panel.flow import Inbound, Panel, Reply
from panel.replies import Decision
from panel.rewards import Progress, settle
from parse.extract import dated_by_mail
from parse.mail import MailRejected, parse_mail
from parse.types import ParsedMail
from receiptd.config import Config
from redact import RedactionPolicy, scrub_text
from store.db import immediate
from store.records import save_mail_result, to_minor

from . import outcomes, sender_auth
from .pipeline import MailResult, Pipeline, ReceiptResult
from .queue import FORGET_SENDER, KEEP_SENDER, Claimed, LostClaim, Queue

log = logging.getLogger(__name__)

STEPS = ("parse", "authenticate", "admit", "read", "enroll", "command", "decide", "save", "settle", "reply",
         "finish")
LOOK = STEPS[: STEPS.index("read")]          # before reading: no writes
COMMIT = STEPS[STEPS.index("read") + 1:]     # in the transaction that finishes the message


@dataclass(frozen=True)
class Flight:
    """A mail on its way: what the steps so far have learnt. Each step returns a new one."""

    claimed: Claimed
    started: float
    mail: ParsedMail | None = None
    verdict: sender_auth.Verdict | None = None
    inbound: Inbound | None = None  # the panel's look at sender and command (panel on)
    result: MailResult | None = None  # what read + understand gave
    panelist: dict | None = None  # the member, as the finishing transaction sees them
    notes: tuple[tuple[str, ...], ...] = ()  # reply sections of the command (DELETE)
    receipts: tuple[ReceiptResult, ...] = ()  # decided, then stored
    receipt_ids: tuple[int, ...] = ()
    progress: Progress | None = None
    reply: Reply | None = None
    outcome: str | None = None  # set: the mail has ended
    error: str | None = None  # why a rejected mail is rejected

    @property
    def reads(self) -> bool:
        """Whether the ``read`` step has photos to read for this mail."""
        return self.outcome is None and (self.inbound is None or self.inbound.reads)

    @property
    def leaving(self) -> bool:
        return self.inbound is not None and self.inbound.leaving and self.outcome == outcomes.COMMAND


class Steps:
    """The steps, each a method of the same name: ``Flight -> Flight``."""

    def __init__(self, config: Config, db: sqlite_utils.Database, queue: Queue, pipeline: Pipeline):
        self.config = config
        self.db = db
        self.queue = queue
        self.pipeline = pipeline
        self.panel = Panel(config, db) if config.panel.enabled else None

    # -- running them ------------------------------------------------------------------------------

    def look(self, claimed: Claimed) -> Flight:
        """``parse``, ``authenticate``, ``admit``: whether (and what) the mail needs read."""
        return self._run(Flight(claimed, time.perf_counter()), LOOK)

    def commit(self, flight: Flight) -> str:
        """The steps after ``read``, in one transaction; the outcome, or ``lost_claim``."""
        try:
            with immediate(self.db):
                flight = self._run(flight, COMMIT)
        except LostClaim:
            log.warning("msg=%s was taken over by another worker; this result is dropped", flight.claimed.id)
            return outcomes.LOST_CLAIM
        log_finished(flight)
        return flight.outcome

    def process(self, claimed: Claimed) -> str:
        """Every step, reading in this process (embedded mode). An unexpected error keeps the
        mail: retried, then dead-lettered (``Queue.fail``)."""
        try:
            flight = self.look(claimed)
            flight = self.read(flight)
            return self.commit(flight)
        except Exception as err:  # unexpected: keep the mail, retry, then dead-letter
            return self.fail(claimed, err)

    def fail(self, claimed: Claimed, err: BaseException | str) -> str:
        error = err if isinstance(err, str) else describe_error(err)
        log.error("msg=%s processing failed (attempt %d): %s", claimed.id, claimed.attempts, error)
        return self.queue.fail(claimed.id, error)

    def _run(self, flight: Flight, names: tuple[str, ...]) -> Flight:
        for name in names:
            flight = getattr(self, name)(flight)
        return flight

    # -- looking ---------------------------------------------------------------------------------

    def parse(self, flight: Flight) -> Flight:
        try:
            return dataclasses.replace(flight, mail=parse_mail(flight.claimed.raw, self.pipeline.part_limits))
        except MailRejected as rejected:
            return dataclasses.replace(flight, outcome=outcomes.REJECTED, error=rejected.reason)

    def authenticate(self, flight: Flight) -> Flight:
        if flight.outcome:
            return flight
        claimed, auth = flight.claimed, self.config.auth
        if auth.mode == sender_auth.VERIFY:
            verdict = sender_auth.verify(claimed.raw, envelope_from=claimed.envelope_from, client_ip=claimed.peer_ip,
                                         helo=claimed.helo, timeout=auth.timeout)
        elif auth.mode == sender_auth.UPSTREAM:
            verdict = sender_auth.trust_upstream(claimed.raw, auth.authserv_id)
        else:
            verdict = sender_auth.Verdict(sender_auth.OFF, None, passed=True)
        return dataclasses.replace(flight, verdict=verdict)

    def admit(self, flight: Flight) -> Flight:
        """The panel's door: a spoofed From ends here (no receipts, no command, no reply: the
        real owner of the address would get it); a stranger ends here unread."""
        if flight.outcome or self.panel is None:
            return flight
        if not flight.verdict.passed:
            return dataclasses.replace(flight, outcome=outcomes.SPOOFED)
        claimed = flight.claimed
        inbound = self.panel.inbound(flight.mail, claimed.raw, envelope_from=claimed.envelope_from,
                                     source=claimed.source, received_at=claimed.received_at)
        return dataclasses.replace(flight, inbound=inbound,
                                   outcome=outcomes.NOT_PANELIST if inbound.stranger else None)

    # -- reading (pure) ----------------------------------------------------------------------------

    def read(self, flight: Flight) -> Flight:
        if not flight.reads:
            return flight
        return dataclasses.replace(flight, result=self.pipeline.process_mail(flight.mail))

    # -- finishing, in one transaction -------------------------------------------------------------

    def enroll(self, flight: Flight) -> Flight:
        """A member as the transaction sees them; a stranger (or one removed while OCR ran)
        goes on the waiting list, with one reply."""
        if self.panel is None or flight.outcome not in (None, outcomes.NOT_PANELIST):
            return flight
        panelist = self.panel.enroll(self.db, flight.inbound)
        if panelist is not None:
            return dataclasses.replace(flight, panelist=panelist)
        reply = self.panel.waitlist(self.db, flight.inbound, flight.mail.subject)
        return dataclasses.replace(flight, outcome=outcomes.NOT_PANELIST, reply=reply, result=None)

    def command(self, flight: Flight) -> Flight:
        """LEAVE and a survey answer end the mail; DELETE runs before its receipts are stored."""
        if flight.panelist is None or flight.outcome:
            return flight
        inbound, queue_id, subject = flight.inbound, flight.claimed.id, flight.mail.subject
        if inbound.leaving:
            reply = self.panel.leave(self.db, flight.panelist, queue_id, subject)
            return dataclasses.replace(flight, outcome=outcomes.COMMAND, reply=reply)
        if inbound.survey is not None:
            reply = self.panel.answer_survey(self.db, flight.panelist, queue_id, inbound, subject)
            return dataclasses.replace(flight, outcome=outcomes.SURVEY, reply=reply)
        if inbound.command is not None:
            note = self.panel.delete(self.db, flight.panelist, inbound.command)
            if note is not None:
                return dataclasses.replace(flight, notes=(tuple(note),))
        return flight

    def decide(self, flight: Flight) -> Flight:
        """Each receipt's verdict; the total in minor units is worked out here, once."""
        if flight.outcome:
            return flight
        received = dt.datetime.fromisoformat(flight.claimed.received_at).date()
        items = [with_total(dated_by_mail_year(item, received)) for item in flight.result.receipts]
        if self.panel is None:  # without the panel, a receipt must only be readable
            decided = []
            for item in items:
                status, reason = judge_readable(item.receipt)
                decided.append(dataclasses.replace(item, status=status, reason=reason))
        else:
            decided = self.panel.decide(self.db, items, flight.inbound.received_at)
        return dataclasses.replace(flight, receipts=tuple(decided))

    def save(self, flight: Flight) -> Flight:
        if flight.outcome:
            return flight
        result = dataclasses.replace(flight.result, receipts=flight.receipts)
        panelist_id = flight.panelist["id"] if flight.panelist else None
        month = flight.inbound.month if flight.panelist else None
        ids = save_mail_result(self.db, flight.claimed.id, result, panelist_id=panelist_id, panel_month=month)
        return dataclasses.replace(flight, receipt_ids=tuple(ids))

    def settle(self, flight: Flight) -> Flight:
        if flight.panelist is None or flight.outcome:
            return flight
        failpoint("panel.before_reward")
        progress = settle(self.db, flight.panelist, flight.inbound.month, self.config.panel,
                          queue_id=flight.claimed.id)
        if progress.new_reward:
            log.info("msg=%s panelist=%s earned the %s reward", flight.claimed.id, flight.panelist["id"],
                     flight.inbound.month)
        return dataclasses.replace(flight, progress=progress)

    def reply(self, flight: Flight) -> Flight:
        """The one reply: an ended mail's (waitlisted, left, survey) or the receipts' own."""
        if self.panel is None or flight.inbound is None:
            return flight
        reply = flight.reply
        if reply is None and flight.outcome is None:
            reply = self.panel.compose(self.db, flight.panelist, flight.mail.subject, flight.inbound.command,
                                       decisions(flight), flight.progress, skipped=len(flight.result.skipped),
                                       notes=flight.notes)
        if reply is not None:
            self.panel.record(self.db, flight.inbound, reply, queue_id=flight.claimed.id,
                              in_reply_to=flight.mail.message_id)
        return dataclasses.replace(flight, reply=reply)

    def finish(self, flight: Flight) -> Flight:
        """``Queue.finish``: the outcome, with what the message row learnt (sender, date, auth)."""
        outcome = flight.outcome or self._outcome_of(flight)
        keep_raw = self.config.store.retain_raw_days > 0
        # a stranger's, a leaver's or a spoofed mail is never kept, whatever retain_raw_days says
        keep_raw = keep_raw and outcome not in (outcomes.NOT_PANELIST, outcomes.SPOOFED) and not flight.leaving
        sender, mail_date = KEEP_SENDER, None
        if outcome == outcomes.SPOOFED:
            sender = flight.mail.from_address
        elif outcome == outcomes.NOT_PANELIST:
            sender = flight.inbound.sender
        elif flight.leaving:
            sender = FORGET_SENDER
        elif flight.result is not None:  # its receipts were stored
            sender = flight.mail.from_address or flight.claimed.sender
            mail_date = flight.mail.date.isoformat() if flight.mail.date else None
        self.queue.finish(flight.claimed.id, outcome, error=flight.error, keep_raw=keep_raw, sender=sender,
                          mail_date=mail_date, auth=flight.verdict.summary() if flight.verdict else None)
        return dataclasses.replace(flight, outcome=outcome)

    @staticmethod
    def _outcome_of(flight: Flight) -> str:
        if not flight.receipts and flight.inbound is not None and flight.inbound.command is not None:
            return outcomes.COMMAND
        return outcomes.PROCESSED if flight.receipts else outcomes.NO_RECEIPT


def dated_by_mail_year(item: ReceiptResult, received: dt.date) -> ReceiptResult:
    """A receipt that printed its date without the year takes the year from when its mail came in
    (``parse.extract.dated_by_mail``)."""
    return dataclasses.replace(item, receipt=dated_by_mail(item.receipt, item.lines, received))


def with_total(item: ReceiptResult) -> ReceiptResult:
    """The receipt's total in minor units, and the duplicate key made with it."""
    total = to_minor(item.receipt.total, item.receipt.currency)
    return dataclasses.replace(item, total_minor=total, dedupe_key=dedupe_key(item.receipt, total))


def decisions(flight: Flight) -> list[Decision]:
    return [Decision(rid, item.receipt.merchant, item.receipt.date.isoformat() if item.receipt.date else None,
                     item.receipt.currency, item.total_minor, item.status, item.reason)
            for rid, item in zip(flight.receipt_ids, flight.receipts)]


def log_finished(flight: Flight) -> None:
    queue_id, outcome = flight.claimed.id, flight.outcome
    if outcome == outcomes.REJECTED:
        log.warning("msg=%s rejected: %s", queue_id, flight.error)
        return
    if outcome == outcomes.SPOOFED:
        log.warning("msg=%s spoofed: sender authentication %s", queue_id, flight.verdict.summary())
        return
    inbound = flight.inbound
    log.info(
        "msg=%s %s: %d receipt(s) %s, %d part(s) skipped%s%s, %.1fs",
        queue_id,
        outcome,
        len(flight.receipts),
        [f"{r.status}{'/' + r.reason if r.reason else ''}" for r in flight.receipts],
        len(flight.result.skipped) if flight.result else 0,
        f", command {inbound.command.kind}" if inbound and inbound.command else "",
        f", automated ({inbound.automated})" if inbound and inbound.automated else "",
        time.perf_counter() - flight.started,
    )


def describe_error(err: BaseException) -> str:
    """The error's class, where it was raised, and its message with PII erased."""
    frames = traceback.extract_tb(err.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    message, _ = scrub_text(str(err)[:300], RedactionPolicy())
    return f"{type(err).__name__}{where}: {message}"
