"""The panel's part of finishing one mail, called by the worker.

Before OCR the worker asks :meth:`Panel.inbound` who sent the mail and what it asks for (a
stranger's photos are never read). Inside the one transaction that finishes the message,
:meth:`Panel.finish_member` / :meth:`Panel.finish_stranger` run the command, store the
receipts with their eligibility, settle the month's reward and record the reply. After the
commit the worker's outbox hands replies to the relay.
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
from store.records import save_mail_result, to_minor

from . import export, replies, templates
from .commands import Command, automated, find_command
from .eligibility import ACCEPTED, REJECTED, Rules, judge
from .failpoints import failpoint
from .rewards import settle
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

    # -- before OCR ------------------------------------------------------------------------------

    def inbound(self, queue_id: int, mail: ParsedMail, raw: bytes, envelope_from: str | None,
                received_at: str) -> Inbound:
        sender = store.clean_address(mail.from_address)
        why = automated(mail.headers, self.return_path(queue_id, mail, envelope_from), sender, self.own_addresses)
        received = dt.datetime.fromisoformat(received_at)
        if received.tzinfo is None:
            received = received.replace(tzinfo=dt.timezone.utc)
        panelist = store.get_panelist(self.db, sender)
        command = None if why else find_command(mail.subject, raw)
        return Inbound(
            sender=sender,
            automated=why,
            command=command,
            received_at=received,
            month=self.rules.month(received),
            member=panelist is not None and panelist["status"] in MEMBER_STATUSES,
            # a reply to a survey mail with photos attached is a receipts mail (replying to our latest mail is easy)
            survey=None if why or command or mail.candidates else surveys.match(self.db, mail, raw),
        )

    def return_path(self, queue_id: int, mail: ParsedMail, envelope_from: str | None) -> str | None:
        """The envelope sender: '' for a bounce's empty return path, None when unknown.

        Over SMTP it is the MAIL FROM the queue kept (empty stored as NULL). A mail fetched
        over IMAP has no envelope of ours: its Return-Path header tells, when present.
        """
        if envelope_from:
            return envelope_from
        row = self.db.execute("SELECT source FROM messages WHERE id = ?", [queue_id]).fetchone()
        if row is None or row[0] == "smtp":
            return ""
        paths = values_of(mail.headers, "Return-Path")  # the last hop's is the first
        return paths[0].strip("<>").strip() if paths else None

    # -- inside the finishing transaction ----------------------------------------------------------

    def finish_stranger(self, db: sqlite_utils.Database, queue_id: int, mail: ParsedMail, inbound: Inbound) -> str:
        """Not a panelist: nothing is read; the waiting list once, with one reply."""
        db.execute("UPDATE messages SET sender = ? WHERE id = ?", [inbound.sender, queue_id])
        if inbound.sender and not inbound.automated and store.waitlist(db, inbound.sender):
            subject, body = replies.waitlisted_reply(mail.subject)
            self._record(db, inbound, mail, queue_id, None, "waitlisted", subject, body)
        return "not_panelist"

    def finish_member(self, db: sqlite_utils.Database, queue_id: int, mail: ParsedMail, inbound: Inbound,
                      result) -> tuple[str, list[replies.Decision]]:
        """Run the command, store receipts with their decisions, settle the reward, record the
        reply. Returns the message outcome and the decisions."""
        panelist = store.get_panelist(db, inbound.sender)
        if panelist is None or panelist["status"] not in MEMBER_STATUSES:
            return self.finish_stranger(db, queue_id, mail, inbound), []  # removed while OCR ran
        if store.activate(db, panelist):
            panelist = store.get_panelist_by_id(db, panelist["id"])
        command = inbound.command
        language = templates.language_of(panelist)
        if command is not None and command.kind == "leave":
            store.erase_panelist(db, panelist, keep_queue_id=queue_id)
            subject, body = replies.left_reply(mail.subject, language)
            self._record(db, inbound, mail, queue_id, panelist["id"], "left", subject, body, forget=True)
            log.info("msg=%s panelist=%s left the panel; their data is erased", queue_id, panelist["id"])
            return "command", []
        if inbound.survey is not None:
            reply = surveys.answer(db, inbound.survey, panelist, queue_id=queue_id, received_at=inbound.received_at,
                                   month=inbound.month, subject=mail.subject)
            self._record(db, inbound, mail, queue_id, panelist["id"], reply.kind, reply.subject, reply.body)
            return "survey", []

        sections: list[list[str]] = []
        if command is not None and command.kind == "delete":
            deleted = store.delete_receipt(db, panelist, command.receipt_id)
            sections.append(replies.deleted_section(command.receipt_id, int(deleted), language))
        elif command is not None and command.kind == "delete_all":
            sections.append(replies.deleted_section(None, store.delete_all_receipts(db, panelist), language))

        decided = []

        def decide(db, item):
            item = self.decide(db, item, inbound.received_at)
            decided.append(item)
            return item

        ids = save_mail_result(db, queue_id, result, panelist_id=panelist["id"], panel_month=inbound.month,
                               decide=decide)
        decisions = [
            replies.Decision(rid, item.receipt.merchant, item.receipt.date.isoformat() if item.receipt.date else None,
                             item.receipt.currency, to_minor(item.receipt.total, item.receipt.currency),
                             item.status, item.reason)
            for rid, item in zip(ids, decided)
        ]
        failpoint("panel.before_reward")
        progress = settle(db, panelist, inbound.month, self.config.panel, queue_id=queue_id)
        if progress.new_reward:
            log.info("msg=%s panelist=%s earned the %s reward", queue_id, panelist["id"], inbound.month)

        if decisions or command is None:
            sections.append(replies.receipts_section(decisions, skipped=len(result.skipped),
                                                     max_age_days=self.config.panel.max_age_days, language=language))
        sections.append(replies.progress_lines(progress, language) + [""])
        if command is not None and command.kind == "status":
            sections.append(replies.status_section(store.rewards_of(db, panelist["id"]),
                                                   store.receipt_counts(db, panelist["id"]), language))
        kind, attachments = (command.kind if command else "receipts"), []
        if command is not None and command.kind == "export":
            kind, section, attachments = self.export(db, panelist, language)
            sections.append(section)
        subject, body = replies.compose(mail.subject, replies.summary(decisions, progress, language), sections,
                                        language)
        self._record(db, inbound, mail, queue_id, panelist["id"], kind, subject, body, attachments=attachments)
        if decisions:
            return result.outcome, decisions
        return ("command" if command else result.outcome), decisions

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

    def decide(self, db: sqlite_utils.Database, item, received_at: dt.datetime):
        """The panel's verdict on one receipt: the pure rules, then duplicates (database)."""
        status, reason = judge(item.receipt, received_at, self.rules)
        if status == ACCEPTED:
            r = item.receipt
            duplicate_of = store.find_duplicate(
                db, image_sha256=item.image_sha256, phash=item.phash, dedupe_key=item.dedupe_key,
                purchase_date=r.date.isoformat() if r.date else None, total=to_minor(r.total, r.currency),
                max_distance=self.config.panel.duplicate_hash_distance,
            )
            if duplicate_of is not None:
                status, reason = REJECTED, "duplicate"
        return dataclasses.replace(item, status=status, reason=reason)

    def _record(self, db, inbound: Inbound, mail: ParsedMail, queue_id: int, panelist_id: int | None, kind: str,
                subject: str, body: str, *, forget: bool = False, attachments=()) -> None:
        if inbound.automated or not inbound.sender:
            return  # never answer a robot: no mail loops
        outbound_id, status = store.record_reply(
            db, recipient=inbound.sender, subject=subject, body=body, kind=kind, queue_id=queue_id,
            panelist_id=panelist_id, in_reply_to=mail.message_id, send=self.config.outbound is not None,
            domain=self.domain, max_per_day=self.config.panel.max_replies_per_day, forget=forget,
            attachments=attachments,
        )
        log.info("msg=%s reply outbound=%s %s (%s)", queue_id, outbound_id, status, kind)
