"""The durable inbound queue: enqueue / claim / finish / fail / recover / release.

Rows live in ``messages`` (one per inbound mail) and their raw bytes in ``spool``. A mail is
acknowledged to its sender (SMTP 250, IMAP action) only after :meth:`Queue.enqueue` has
committed. A claimed message that a crash left unfinished is put back by :meth:`recover` at
start-up; after ``max_attempts`` claims it becomes a dead letter for an operator.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import uuid
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import default as default_policy

import sqlite_utils

from store.db import immediate

from .outcomes import DEAD_LETTER, DROPPED, RETRY

log = logging.getLogger(__name__)


def utcnow() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Enqueued:
    id: int
    duplicate: bool  # the same mail (Message-ID and bytes) was already queued


@dataclass(frozen=True)
class Claimed:
    id: int
    raw: bytes
    attempts: int
    envelope_from: str | None
    received_at: str
    peer_ip: str | None = None
    helo: str | None = None
    source: str = "smtp"  # smtp | imap:<account>
    sender: str | None = None  # messages.sender as claimed (the envelope sender until a step learns more)


KEEP_SENDER = object()    # Queue.finish: messages.sender stays as it is
FORGET_SENDER = object()  # ... is erased, with the envelope sender (a leaver's mail)


class LostClaim(Exception):
    """The message is no longer claimed by this worker (recovered by a newer daemon)."""


class Queue:
    def __init__(self, db: sqlite_utils.Database, *, max_attempts: int = 3, retry_delay: float = 30.0):
        self.db = db
        self.max_attempts = max_attempts
        self.retry_delay = retry_delay
        self.token = uuid.uuid4().hex

    def enqueue(self, raw: bytes, *, envelope_from: str | None, recipients: list[str], source: str = "smtp",
                peer_ip: str | None = None, helo: str | None = None) -> Enqueued:
        """Store the raw mail durably; returns once the transaction is on disk."""
        sha256 = hashlib.sha256(raw).hexdigest()
        message_id = _message_id(raw)
        with immediate(self.db):
            cursor = self.db.execute(
                """INSERT OR IGNORE INTO messages
                   (message_id, sha256, source, envelope_from, recipients, sender, received_at, size, peer_ip, helo)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [message_id, sha256, source, envelope_from, json.dumps(recipients), envelope_from, utcnow(), len(raw),
                 peer_ip, helo],
            )
            if cursor.rowcount == 0:
                row = self.db.execute(
                    "SELECT id FROM messages WHERE coalesce(message_id, '') = ? AND sha256 = ?",
                    [message_id or "", sha256],
                ).fetchone()
                return Enqueued(id=row[0], duplicate=True)
            queue_id = cursor.lastrowid
            self.db.execute("INSERT INTO spool (message_id, raw) VALUES (?, ?)", [queue_id, raw])
        return Enqueued(id=queue_id, duplicate=False)

    def claim(self) -> Claimed | None:
        """Take the oldest queued message that is due, raising its attempt count."""
        with immediate(self.db):
            row = self.db.execute(
                """UPDATE messages SET status = 'claimed', attempts = attempts + 1, claimed_at = ?, claim_token = ?
                   WHERE id = (SELECT id FROM messages WHERE status = 'queued'
                               AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                               ORDER BY id LIMIT 1)
                   RETURNING id, attempts, envelope_from, received_at, peer_ip, helo, source, sender""",
                [utcnow(), self.token, utcnow()],
            ).fetchone()
            if row is None:
                return None
            raw = self.db.execute("SELECT raw FROM spool WHERE message_id = ?", [row[0]]).fetchone()
        if raw is None:
            # The bytes are gone (an operator removed them): nothing can ever process this.
            self.dead_letter(row[0], "raw message missing from spool")
            return self.claim()
        return Claimed(id=row[0], raw=raw[0], attempts=row[1], envelope_from=row[2], received_at=row[3],
                       peer_ip=row[4], helo=row[5], source=row[6], sender=row[7])

    def finish(self, queue_id: int, outcome: str, *, error: str | None = None, keep_raw: bool = False,
               sender=KEEP_SENDER, mail_date: str | None = None, auth: str | None = None) -> None:
        """Mark done, with what processing learnt: the sender (an address, None, or
        :data:`KEEP_SENDER` / :data:`FORGET_SENDER`), the mail's Date, the sender
        authentication's summary. Call inside the transaction that writes the message's records.

        Raises :class:`LostClaim` (the caller's transaction then rolls back) when another
        worker has taken the message over, so a stale worker can never store it twice.
        """
        learnt, values = [], []
        if sender is FORGET_SENDER:
            learnt += ["sender = NULL", "envelope_from = NULL"]
        elif sender is not KEEP_SENDER:
            learnt.append("sender = ?")
            values.append(sender)
        for column, value in (("mail_date", mail_date), ("auth", auth)):
            if value is not None:
                learnt.append(f"{column} = ?")
                values.append(value)
        also = "".join(f", {assignment}" for assignment in learnt)
        cursor = self.db.execute(
            f"""UPDATE messages SET status = 'done', outcome = ?, error = ?, finished_at = ?{also}
               WHERE id = ? AND status = 'claimed' AND claim_token = ?""",
            [outcome, error, utcnow(), *values, queue_id, self.token],
        )
        if cursor.rowcount != 1:
            raise LostClaim(f"message {queue_id} is not claimed by this worker")
        if not keep_raw:
            self.db.execute("DELETE FROM spool WHERE message_id = ?", [queue_id])

    def fail(self, queue_id: int, error: str) -> str:
        """An unexpected error: retry later, or dead-letter once attempts are used up."""
        attempts = self.db.execute("SELECT attempts FROM messages WHERE id = ?", [queue_id]).fetchone()[0]
        if attempts >= self.max_attempts:
            self.dead_letter(queue_id, f"{error} (after {attempts} attempts)")
            return DEAD_LETTER
        due = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=self.retry_delay * attempts)
        with immediate(self.db):
            self.db.execute(
                "UPDATE messages SET status = 'queued', error = ?, next_attempt_at = ? WHERE id = ? AND claim_token = ?",
                [error, due.isoformat(timespec="seconds"), queue_id, self.token],
            )
        return RETRY

    def dead_letter(self, queue_id: int, error: str) -> None:
        """Set aside for an operator; the raw mail is kept for `receiptctl deadletter retry`."""
        with immediate(self.db):
            self.db.execute(
                """UPDATE messages SET status = 'done', outcome = ?, error = ?, finished_at = ?
                   WHERE id = ? AND status != 'done'""",
                [DEAD_LETTER, error, utcnow(), queue_id],
            )
        log.error("msg=%s dead-lettered: %s", queue_id, error)

    def release(self, queue_id: int) -> None:
        """Give back a claimed message untouched (graceful shutdown): the claim does not count."""
        with immediate(self.db):
            self.db.execute(
                "UPDATE messages SET status = 'queued', attempts = max(attempts - 1, 0) WHERE id = ? AND status = 'claimed'",
                [queue_id],
            )

    def recover(self) -> int:
        """At start-up: messages left claimed by a crash go back to the queue, or to dead letter."""
        rows = self.db.execute("SELECT id, attempts FROM messages WHERE status = 'claimed'").fetchall()
        for queue_id, attempts in rows:
            if attempts >= self.max_attempts:
                self.dead_letter(queue_id, f"processing did not finish after {attempts} attempts (worker crashed)")
            else:
                with immediate(self.db):
                    self.db.execute("UPDATE messages SET status = 'queued' WHERE id = ?", [queue_id])
                log.warning("msg=%s reclaimed after an unfinished attempt (%d so far)", queue_id, attempts)
        return len(rows)

    def purge_raw(self, retain_days: int) -> int:
        """Delete the raw bytes of messages done more than ``retain_days`` ago (dead letters
        keep theirs for an operator); returns how many went."""
        cutoff = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=retain_days)).isoformat(timespec="seconds")
        with immediate(self.db):
            return self.db.execute(
                """DELETE FROM spool WHERE message_id IN (
                       SELECT id FROM messages WHERE status = 'done' AND outcome != ?
                       AND finished_at < ?)""",
                [DEAD_LETTER, cutoff],
            ).rowcount

    def depth(self) -> int:
        return self.db.execute("SELECT count(*) FROM messages WHERE status IN ('queued', 'claimed')").fetchone()[0]


def _message_id(raw: bytes) -> str | None:
    headers = BytesHeaderParser(policy=default_policy).parsebytes(raw)
    try:
        value = headers.get("Message-ID")
    except Exception:  # a malformed header must not stop the mail from being queued
        return None
    return str(value).strip() or None if value else None


class DeadLetters:
    """An operator's view of the dead-letter state: list, retry (back to the queue), drop."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def list(self) -> list[dict]:
        return [
            dict(row)
            for row in self.db.query(
                """SELECT m.id, m.received_at, m.sender, m.size, m.attempts, m.error,
                          (s.message_id IS NOT NULL) AS has_raw
                   FROM messages m LEFT JOIN spool s ON s.message_id = m.id
                   WHERE m.outcome = ? ORDER BY m.id""", [DEAD_LETTER]
            )
        ]

    def retry(self, queue_id: int) -> bool:
        """Queue it again with fresh attempts (after the cause was fixed)."""
        with immediate(self.db):
            cursor = self.db.execute(
                """UPDATE messages SET status = 'queued', outcome = NULL, attempts = 0, next_attempt_at = NULL,
                          claim_token = NULL, finished_at = NULL
                   WHERE id = ? AND outcome = ?
                     AND EXISTS (SELECT 1 FROM spool WHERE spool.message_id = messages.id)""",
                [queue_id, DEAD_LETTER],
            )
        return cursor.rowcount == 1

    def drop(self, queue_id: int) -> bool:
        """Give up on it for good: the raw mail is deleted, the row stays with outcome 'dropped'."""
        with immediate(self.db):
            cursor = self.db.execute(
                "UPDATE messages SET outcome = ?, finished_at = ? WHERE id = ? AND outcome = ?",
                [DROPPED, utcnow(), queue_id, DEAD_LETTER],
            )
            if cursor.rowcount == 1:
                self.db.execute("DELETE FROM spool WHERE message_id = ?", [queue_id])
        return cursor.rowcount == 1
