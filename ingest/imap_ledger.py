"""What was fetched from each IMAP folder, and whether the action was applied to it.

A row keyed by (account, folder, UIDVALIDITY, UID) is written once the mail is committed to
the queue, and marked when the account's action (move, flag, seen, delete) has been applied
on the server. After a crash between the two, the row says "already queued: just apply the
action". After a UIDVALIDITY change the old UIDs mean nothing; a mail is then recognised by
its Message-ID and the sha256 of its bytes.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import default as default_policy

import sqlite_utils

from store.db import immediate

from .queue import utcnow


@dataclass(frozen=True)
class Identity:
    message_id: str | None
    sha256: str


@dataclass(frozen=True)
class LedgerEntry:
    uid: int
    queue_id: int
    action_done: bool


@dataclass(frozen=True)
class FolderState:
    uidvalidity: int
    done_uid: int  # every mail with a lower or equal UID is queued and its action applied


def identity(raw: bytes) -> Identity:
    try:
        value = BytesHeaderParser(policy=default_policy).parsebytes(raw).get("Message-ID")
        message_id = str(value).strip() or None if value else None
    except Exception:  # a malformed header: the bytes alone identify the mail
        message_id = None
    return Identity(message_id=message_id, sha256=hashlib.sha256(raw).hexdigest())


class Ledger:
    """The ledger of one account, on a connection owned by the account's poller thread."""

    def __init__(self, db: sqlite_utils.Database, account: str):
        self.db = db
        self.account = account

    def folder_state(self, folder: str) -> FolderState | None:
        row = self.db.execute(
            "SELECT uidvalidity, done_uid FROM imap_folders WHERE account = ? AND folder = ?",
            [self.account, folder],
        ).fetchone()
        return FolderState(uidvalidity=row[0], done_uid=row[1]) if row else None

    def set_folder_state(self, folder: str, state: FolderState) -> None:
        with immediate(self.db):
            self.db.execute(
                """INSERT INTO imap_folders (account, folder, uidvalidity, done_uid, updated_at)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (account, folder) DO UPDATE SET
                       uidvalidity = excluded.uidvalidity, done_uid = excluded.done_uid,
                       updated_at = excluded.updated_at""",
                [self.account, folder, state.uidvalidity, state.done_uid, utcnow()],
            )

    def entries(self, folder: str, uidvalidity: int, uids: list[int]) -> dict[int, LedgerEntry]:
        """Ledger rows for ``uids`` (ascending) of this folder under this UIDVALIDITY."""
        if not uids:
            return {}
        rows = self.db.execute(
            """SELECT uid, queue_id, action_done_at IS NOT NULL FROM imap_ledger
               WHERE account = ? AND folder = ? AND uidvalidity = ? AND uid BETWEEN ? AND ?""",
            [self.account, folder, uidvalidity, uids[0], uids[-1]],
        ).fetchall()
        wanted = set(uids)
        return {uid: LedgerEntry(uid, queue_id, bool(done)) for uid, queue_id, done in rows if uid in wanted}

    def pending(self, folder: str, uidvalidity: int, *, above_uid: int) -> list[int]:
        """UIDs recorded as queued whose action is not marked applied yet."""
        rows = self.db.execute(
            """SELECT uid FROM imap_ledger WHERE account = ? AND folder = ? AND uidvalidity = ? AND uid > ?
               AND action_done_at IS NULL ORDER BY uid""",
            [self.account, folder, uidvalidity, above_uid],
        ).fetchall()
        return [row[0] for row in rows]

    def find_queued(self, mail: Identity) -> int | None:
        """The queue id of a mail this account fetched before (under any folder or UIDVALIDITY)."""
        row = self.db.execute(
            """SELECT queue_id FROM imap_ledger
               WHERE account = ? AND sha256 = ? AND coalesce(message_id, '') = ? LIMIT 1""",
            [self.account, mail.sha256, mail.message_id or ""],
        ).fetchone()
        return row[0] if row else None

    def record(self, folder: str, uidvalidity: int, uid: int, *, queue_id: int, mail: Identity, size: int,
               action: str) -> None:
        """The mail is committed to the queue as ``queue_id``; its action is still due."""
        with immediate(self.db):
            self.db.execute(
                """INSERT OR IGNORE INTO imap_ledger
                   (account, folder, uidvalidity, uid, queue_id, message_id, sha256, size, fetched_at, action)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [self.account, folder, uidvalidity, uid, queue_id, mail.message_id, mail.sha256, size,
                 utcnow(), action],
            )

    def mark_done(self, folder: str, uidvalidity: int, uids: Iterable[int]) -> None:
        """The action has been applied on the server to these mails."""
        now = utcnow()
        with immediate(self.db):
            self.db.conn.executemany(
                """UPDATE imap_ledger SET action_done_at = ?
                   WHERE account = ? AND folder = ? AND uidvalidity = ? AND uid = ? AND action_done_at IS NULL""",
                [(now, self.account, folder, uidvalidity, uid) for uid in uids],
            )
