"""The panel's part of a mail, one function per step of ``ingest.steps`` that needs the panel.

Before OCR, :meth:`Panel.inbound` says who sent the mail and what it asks for (a stranger's
photos are never read). Inside the one transaction that finishes the message the steps call,
in their order: :meth:`Panel.enroll` (is the sender still a member; a stranger is waitlisted),
:meth:`Panel.command` (LEAVE, a survey answer, DELETE), :meth:`Panel.decide` (each receipt's
verdict), :func:`panel.rewards.settle`, and :meth:`Panel.compose` + :meth:`Panel.record` (the
one reply). Outcome names are the steps' business (``ingest.outcomes``), not the panel's.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass

import sqlite_utils

from receiptd.config import Config
from parse.mail import values_of
from parse.types import ParsedMail
from store import panel as store

from . import export, replies, templates
from .commands import Command, automated, find_command
from .eligibility import ACCEPTED, REJECTED, Rules, judge
from .rewards import Progress
from .surveys import inbox as surveys

log = logging.getLogger(__name__)

MEMBER_STATUSES = ("invited", "active")
EXPORT_INTERVAL = dt.timedelta(days=1)  # EXPORT answers with the data at most this often


@dataclass(frozen=True)
class Inbound:
    sender: str | None
    automated: str | None  # why no reply may be sent, or None
    command: Command | None  # never set for automated mail
    received_at: dt.datetime
    month: str
    member: bool  # invited or active panelist (as read before OCR; checked again in the transaction)
    survey: surveys.SurveyReply | None = None  # a reply to a survey mail: answered, no receipts read

    @property
    def leaving(self) -> bool:
        return self.command is not None and self.command.kind == "leave"

    @property
    def stranger(self) -> bool:
        """Not a panelist (a leaver's membership is checked in the transaction)."""
        return not self.member and not self.leaving

    @property
    def reads(self) -> bool:
        """Whether the mail's photos are read: a member's, unless they leave or answer a survey."""
        return self.member and not self.leaving and self.survey is None


@dataclass(frozen=True)
class Reply:
    """The one reply to a mail, before it is recorded."""

    kind: str
    subject: str
    body: str
    panelist_id: int | None = None
    forget: bool = False  # a leaver's: its address and text go once it is sent
    attachments: tuple = ()


class Panel:
    def __init__(self, config: Config, db: sqlite_utils.Database):
        self.config = config
        self.db = db
        self.rules = Rules.from_config(config.panel)
        own = list(config.smtp.recipients)
        if config.outbound:
            own.append(config.outbound.from_address.lower())
        self.own_addresses = tuple(own)
        from_address = config.outbound.from_address if config.outbound else (own[0] if own else "receiptd.localhost")
        self.domain = from_address.rpartition("@")[2] or "receiptd.localhost"

    # -- admit: before OCR, no writes --------------------------------------------------------------

    def inbound(self, mail: ParsedMail, raw: bytes, *, envelope_from: str | None, source: str,
                received_at: str) -> Inbound:
        sender = store.clean_address(mail.from_address)
        why = automated(mail.headers, return_path(mail, envelope_from, source), sender, self.own_addresses)
        received = dt.datetime.fromisoformat(received_at)
        if received.tzinfo is None:
            received = received.replace(tzinfo=dt.timezone.utc)
        command = None if why else find_command(mail.subject, raw)
        return Inbound(
            sender=sender,
            automated=why,
            command=command,
            received_at=received,
            month=self.rules.month(received),
            member=self.member(self.db, sender) is not None,
            # a reply to a survey mail with photos attached is a receipts mail (replying to our latest mail is easy)
            survey=None if why or command or mail.candidates else surveys.match(self.db, mail, raw),
        )

    @staticmethod
    def member(db: sqlite_utils.Database, sender: str | None) -> dict | None:
        panelist = store.get_panelist(db, sender)
        return panelist if panelist is not None and panelist["status"] in MEMBER_STATUSES else None

    # -- inside the finishing transaction, in the steps' order -------------------------------------

    def enroll(self, db: sqlite_utils.Database, inbound: Inbound) -> dict | None:
        """The member as the transaction sees them (an invited one's first mail makes them
        active), or None: then a stranger, or removed while OCR ran."""
        panelist = None if inbound.stranger else self.member(db, inbound.sender)
        if panelist is not None and store.activate(db, panelist):
            panelist = store.get_panelist_by_id(db, panelist["id"])
        return panelist

    def waitlist(self, db: sqlite_utils.Database, inbound: Inbound, subject: str | None) -> Reply | None:
        """Not a panelist: nothing is read; the waiting list once, with one reply."""
        if inbound.sender and not inbound.automated and store.waitlist(db, inbound.sender):
            return Reply("waitlisted", *replies.waitlisted_reply(subject))
        return None

    def leave(self, db: sqlite_utils.Database, panelist: dict, queue_id: int, subject: str | None) -> Reply:
        """LEAVE: the panelist's data is erased; the mail being finished stays (the queue needs
        it) and forgets its sender when the queue finishes it."""
        language = templates.language_of(panelist)
        store.erase_panelist(db, panelist, keep_queue_id=queue_id)
        log.info("msg=%s panelist=%s left the panel; their data is erased", queue_id, panelist["id"])
        return Reply("left", *replies.left_reply(subject, language), panelist_id=panelist["id"], forget=True)

    def answer_survey(self, db: sqlite_utils.Database, panelist: dict, queue_id: int, inbound: Inbound,
                      subject: str | None) -> Reply:
        answered = surveys.answer(db, inbound.survey, panelist, queue_id=queue_id, received_at=inbound.received_at,
                                  month=inbound.month, subject=subject)
        return Reply(answered.kind, answered.subject, answered.body, panelist_id=panelist["id"])

    def delete(self, db: sqlite_utils.Database, panelist: dict, command: Command) -> list[str] | None:
        """DELETE n / DELETE ALL, before the mail's own receipts are stored; the reply's section."""
        language = templates.language_of(panelist)
        if command.kind == "delete":
            deleted = store.delete_receipt(db, panelist, command.receipt_id)
            return replies.deleted_section(command.receipt_id, int(deleted), language)
        if command.kind == "delete_all":
            return replies.deleted_section(None, store.delete_all_receipts(db, panelist), language)
        return None

    def decide(self, db: sqlite_utils.Database, items, received_at: dt.datetime) -> list:
        """The panel's verdict on each receipt, in the mail's order: the pure rules, then
        duplicates of an accepted receipt stored before, or of an earlier one in this mail."""
        decided = []
        for item in items:
            status, reason = judge(item.receipt, received_at, self.rules)
            if status == ACCEPTED and (self._stored_duplicate(db, item) or any(
                    self._repeats(item, earlier) for earlier in decided if earlier.status == ACCEPTED)):
                status, reason = REJECTED, "duplicate"
            decided.append(dataclasses.replace(item, status=status, reason=reason))
        return decided

    def _stored_duplicate(self, db: sqlite_utils.Database, item) -> bool:
        r = item.receipt
        return store.find_duplicate(
            db, image_sha256=item.image_sha256, phash=item.phash, dedupe_key=item.dedupe_key,
            purchase_date=r.date.isoformat() if r.date else None, total=item.total_minor,
            max_distance=self.config.panel.duplicate_hash_distance,
        ) is not None

    def _repeats(self, item, earlier) -> bool:
        """``store.panel.find_duplicate``'s three tests, against a receipt of the same mail."""
        if item.image_sha256 and item.image_sha256 == earlier.image_sha256:
            return True
        if item.dedupe_key and item.dedupe_key == earlier.dedupe_key:
            return True
        return bool(item.phash and earlier.phash and item.receipt.date and item.total_minor is not None
                    and item.receipt.date == earlier.receipt.date and item.total_minor == earlier.total_minor
                    and store.hamming(item.phash, earlier.phash) <= self.config.panel.duplicate_hash_distance)

    def compose(self, db: sqlite_utils.Database, panelist: dict, subject: str | None, command: Command | None,
                decisions: list[replies.Decision], progress: Progress, *, skipped: int,
                notes: tuple = ()) -> Reply:
        """The reply to a member's receipts and command: what became of each receipt, the
        month's progress, and what the command asked for."""
        language = templates.language_of(panelist)
        sections: list[list[str]] = [list(note) for note in notes]
        if decisions or command is None:
            sections.append(replies.receipts_section(decisions, skipped=skipped,
                                                     max_age_days=self.config.panel.max_age_days, language=language))
        sections.append(replies.progress_lines(progress, language) + [""])
        if command is not None and command.kind == "status":
            sections.append(replies.status_section(store.rewards_of(db, panelist["id"]),
                                                   store.receipt_counts(db, panelist["id"]), language))
        kind, attachments = (command.kind if command else "receipts"), []
        if command is not None and command.kind == "export":
            kind, section, attachments = self.export(db, panelist, language)
            sections.append(section)
        reply_subject, body = replies.compose(subject, replies.summary(decisions, progress, language), sections,
                                              language)
        return Reply(kind, reply_subject, body, panelist_id=panelist["id"], attachments=tuple(attachments))

    def export(self, db: sqlite_utils.Database, panelist: dict, language: str) -> tuple[str, list[str], list]:
        """EXPORT: the panelist's own data as attachments of the reply, when the sender was
        authenticated (with ``[auth] mode = "off"`` anyone could ask in their name) and at most
        once per :data:`EXPORT_INTERVAL`. Returns the reply's kind, its section, the attachments."""
        now = dt.datetime.now(dt.timezone.utc)
        if self.config.auth.mode == "off":
            return "export_refused", replies.export_section("unverified", language, moment=now), []
        last = store.last_reply_at(db, panelist["id"], "export", statuses=("pending", "sent"))
        if last is not None and now - dt.datetime.fromisoformat(last) < EXPORT_INTERVAL:
            last_at = dt.datetime.fromisoformat(last)
            return "export_refused", replies.export_section("later", language, moment=now, last=last_at,
                                                            next_allowed=last_at + EXPORT_INTERVAL), []
        data = export.collect(db, panelist, now=now)
        log.info("panelist=%s export of their data attached", panelist["id"])
        return ("export", replies.export_section("attached", language, moment=now),
                [item.as_attachment() for item in export.files(data)])

    def record(self, db: sqlite_utils.Database, inbound: Inbound, reply: Reply, *, queue_id: int,
               in_reply_to: str | None) -> None:
        if inbound.automated or not inbound.sender:
            return  # never answer a robot: no mail loops
        outbound_id, status = store.record_reply(
            db, recipient=inbound.sender, subject=reply.subject, body=reply.body, kind=reply.kind,
            queue_id=queue_id, panelist_id=reply.panelist_id, in_reply_to=in_reply_to,
            send=self.config.outbound is not None, domain=self.domain,
            max_per_day=self.config.panel.max_replies_per_day, forget=reply.forget, attachments=reply.attachments,
        )
        log.info("msg=%s reply outbound=%s %s (%s)", queue_id, outbound_id, status, reply.kind)


def return_path(mail: ParsedMail, envelope_from: str | None, source: str) -> str | None:
    """The envelope sender: '' for a bounce's empty return path, None when unknown.

    Over SMTP it is the MAIL FROM the queue kept (empty stored as NULL). A mail fetched
    over IMAP has no envelope of ours: its Return-Path header tells, when present.
    """
    if envelope_from:
        return envelope_from
    if source == "smtp":
        return ""
    paths = values_of(mail.headers, "Return-Path")  # the last hop's is the first
    return paths[0].strip("<>").strip() if paths else None
