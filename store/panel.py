"""Panel writes and reads: panelists, duplicates, the reward ledger, recorded replies, purges.

Functions that write expect to be called inside a transaction (``store.db.immediate``); the
worker calls them in the one transaction that finishes a message, ``receiptctl`` in its own.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from email.utils import make_msgid

import sqlite_utils

from .db import all_rows, one_row
from .records import now

STATUSES = ("invited", "active", "waitlisted", "left")


def clean_address(address: str | None) -> str | None:
    address = (address or "").strip().lower()
    return address if "@" in address else None


# -- panelists ---------------------------------------------------------------------------------

def get_panelist(db: sqlite_utils.Database, address: str | None) -> dict | None:
    address = clean_address(address)
    if address is None:
        return None
    return one_row(db.execute("SELECT * FROM panelists WHERE address = ?", [address]))


def get_panelist_by_id(db: sqlite_utils.Database, panelist_id: int) -> dict | None:
    return one_row(db.execute("SELECT * FROM panelists WHERE id = ?", [panelist_id]))


def list_panelists(db: sqlite_utils.Database, status: str | None = None) -> list[dict]:
    if status:
        return all_rows(db.execute("SELECT * FROM panelists WHERE status = ? ORDER BY id", [status]))
    return all_rows(db.execute("SELECT * FROM panelists WHERE status != 'left' ORDER BY id"))


def invite(db: sqlite_utils.Database, address: str, *, country: str | None = None, reward: str = "credit",
           charity: str | None = None, language: str | None = None) -> tuple[dict, str]:
    """Invite an address; returns the row and what happened: invited, admitted (was waitlisted),
    or exists (already invited or active: unchanged). ``language`` None keeps the column's default."""
    address = clean_address(address)
    if address is None:
        raise ValueError("not a mail address")
    existing = get_panelist(db, address)
    stamp = now()
    if existing is None:
        db.execute(
            """INSERT INTO panelists (address, status, country, reward, charity, language, invited_at, created_at,
                                     updated_at)
               VALUES (?, 'invited', ?, ?, ?, coalesce(?, 'en'), ?, ?, ?)""",
            [address, country, reward, charity, language, stamp, stamp, stamp],
        )
        return get_panelist(db, address), "invited"
    if existing["status"] == "waitlisted":
        db.execute(
            """UPDATE panelists SET status = 'invited', invited_at = ?, updated_at = ?,
                      country = coalesce(?, country), reward = ?, charity = ?, language = coalesce(?, language)
               WHERE id = ?""",
            [stamp, stamp, country, reward, charity, language, existing["id"]],
        )
        return get_panelist(db, address), "admitted"
    return existing, "exists"


def set_preferences(db: sqlite_utils.Database, panelist_id: int, *, country: str | None = None,
                    reward: str | None = None, charity: str | None = None) -> None:
    if reward == "credit":
        charity = None
    db.execute(
        """UPDATE panelists SET country = coalesce(?, country), reward = coalesce(?, reward),
                  charity = CASE WHEN ? IS NULL THEN charity WHEN ? = 'credit' THEN NULL ELSE ? END,
                  updated_at = ? WHERE id = ?""",
        [country, reward, reward, reward, charity, now(), panelist_id],
    )


def waitlist(db: sqlite_utils.Database, address: str) -> bool:
    """Put an unknown sender on the waiting list; False when the address is already known."""
    address = clean_address(address)
    if address is None:
        return False
    stamp = now()
    cursor = db.execute(
        """INSERT OR IGNORE INTO panelists (address, status, waitlisted_at, created_at, updated_at)
           VALUES (?, 'waitlisted', ?, ?, ?)""",
        [address, stamp, stamp, stamp],
    )
    return cursor.rowcount == 1


def admit(db: sqlite_utils.Database, address: str) -> dict | None:
    """A waitlisted address becomes invited (active with its next mail); None if not waitlisted."""
    row = get_panelist(db, address)
    if row is None or row["status"] != "waitlisted":
        return None
    return invite(db, address)[0]


def activate(db: sqlite_utils.Database, panelist: dict) -> bool:
    """An invited panelist's first mail makes them active."""
    if panelist["status"] != "invited":
        return False
    stamp = now()
    db.execute("UPDATE panelists SET status = 'active', joined_at = ?, updated_at = ? WHERE id = ?",
               [stamp, stamp, panelist["id"]])
    return True


def erase_panelist(db: sqlite_utils.Database, panelist: dict, *, keep_queue_id: int | None = None) -> dict:
    """LEAVE / ``receiptctl panelist remove``: erase everything about the panelist.

    Their receipts (line items, redactions, images cascade), their mails and earlier replies
    go; the panelist row stays only as an anonymous id with status ``left`` so that the reward
    ledger keeps its totals. ``keep_queue_id`` is the mail being finished now: it stays
    (the queue needs it; ``Queue.finish`` erases its sender).
    """
    address = panelist["address"]
    receipts = db.execute("DELETE FROM receipts WHERE panelist_id = ? OR (sender IS NOT NULL AND sender = ?)",
                          [panelist["id"], address]).rowcount
    messages = 0
    if address:
        messages = db.execute(
            """DELETE FROM messages WHERE (sender = ? OR lower(envelope_from) = ?) AND id != ?
               AND status != 'claimed'""",
            [address, address, keep_queue_id or -1],
        ).rowcount
        db.execute("DELETE FROM outbound WHERE recipient = ?", [address])
    stamp = now()
    db.execute(
        """UPDATE panelists SET address = NULL, status = 'left', country = NULL, charity = NULL, language = 'en',
                  invited_at = NULL, joined_at = NULL, waitlisted_at = NULL, left_at = ?, updated_at = ?
           WHERE id = ?""",
        [stamp, stamp, panelist["id"]],
    )
    return {"receipts": receipts, "messages": messages}


# -- receipts ----------------------------------------------------------------------------------

def hamming(a: str, b: str) -> int:
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def find_duplicate(db: sqlite_utils.Database, *, image_sha256: str | None, phash: str | None,
                   dedupe_key: str | None, purchase_date: str | None, total: int | None,
                   max_distance: int) -> int | None:
    """The accepted receipt (anyone's) this one repeats, if any.

    The same: image or PDF bytes; merchant + date + time + total; or a perceptual hash within
    ``max_distance`` of a receipt with the same date and total. A perceptual hash alone is not
    enough: renderings of one shop's template differ by only a few bits for different receipts.
    """
    if image_sha256:
        row = db.execute("SELECT id FROM receipts WHERE status = 'accepted' AND image_sha256 = ? LIMIT 1",
                         [image_sha256]).fetchone()
        if row:
            return row[0]
    if dedupe_key:
        row = db.execute("SELECT id FROM receipts WHERE status = 'accepted' AND dedupe_key = ? LIMIT 1",
                         [dedupe_key]).fetchone()
        if row:
            return row[0]
    if phash and purchase_date and total is not None:
        for receipt_id, other in db.execute(
            """SELECT id, phash FROM receipts WHERE status = 'accepted' AND purchase_date = ? AND total = ?
               AND phash IS NOT NULL""",
            [purchase_date, total],
        ):
            if hamming(phash, other) <= max_distance:
                return receipt_id
    return None


def month_count(db: sqlite_utils.Database, panelist_id: int, month: str) -> int:
    return db.execute(
        "SELECT count(*) FROM receipts WHERE panelist_id = ? AND panel_month = ? AND status = 'accepted'",
        [panelist_id, month],
    ).fetchone()[0]


def nth_accepted(db: sqlite_utils.Database, panelist_id: int, month: str, n: int) -> int | None:
    """The id of the panelist's n-th accepted receipt of the month (the one that earns a reward)."""
    row = db.execute(
        """SELECT id FROM receipts WHERE panelist_id = ? AND panel_month = ? AND status = 'accepted'
           ORDER BY id LIMIT 1 OFFSET ?""",
        [panelist_id, month, n - 1],
    ).fetchone()
    return row[0] if row else None


def delete_receipt(db: sqlite_utils.Database, panelist: dict, receipt_id: int) -> bool:
    """Delete one of the panelist's receipts (its line items, redactions and image cascade)."""
    cursor = db.execute(
        "DELETE FROM receipts WHERE id = ? AND (panelist_id = ? OR (panelist_id IS NULL AND sender = ?))",
        [receipt_id, panelist["id"], panelist["address"]],
    )
    return cursor.rowcount == 1


def delete_all_receipts(db: sqlite_utils.Database, panelist: dict) -> int:
    return db.execute(
        "DELETE FROM receipts WHERE panelist_id = ? OR (panelist_id IS NULL AND sender = ?)",
        [panelist["id"], panelist["address"]],
    ).rowcount


def receipt_counts(db: sqlite_utils.Database, panelist_id: int) -> dict[str, int]:
    return dict(db.execute("SELECT status, count(*) FROM receipts WHERE panelist_id = ? GROUP BY status",
                           [panelist_id]).fetchall())


# -- rewards -----------------------------------------------------------------------------------

def award(db: sqlite_utils.Database, *, panelist: dict, month: str, threshold: int, amount: int, currency: str,
          receipt_id: int | None, queue_id: int | None) -> dict | None:
    """Write the month's reward once: the unique (panelist, month) key makes a second write a
    no-op, whether it comes from a reprocessed mail or a later receipt. Returns the new row."""
    kind = "donation" if panelist["reward"] == "donation" else "credit"
    cursor = db.execute(
        """INSERT OR IGNORE INTO rewards
           (panelist_id, month, threshold, amount, currency, kind, charity, receipt_id, message_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [panelist["id"], month, threshold, amount, currency, kind,
         panelist["charity"] if kind == "donation" else None, receipt_id, queue_id, now()],
    )
    if cursor.rowcount != 1:
        return None
    return one_row(db.execute("SELECT * FROM rewards WHERE id = ?", [cursor.lastrowid]))


def reward_for_month(db: sqlite_utils.Database, panelist_id: int, month: str) -> dict | None:
    """The month's receipt reward (a survey reward of the month is not one)."""
    return one_row(db.execute("SELECT * FROM rewards WHERE panelist_id = ? AND month = ? AND survey_id IS NULL",
                           [panelist_id, month]))


def rewards_of(db: sqlite_utils.Database, panelist_id: int) -> list[dict]:
    return all_rows(db.execute("SELECT * FROM rewards WHERE panelist_id = ? ORDER BY month", [panelist_id]))


# -- replies -----------------------------------------------------------------------------------

def record_reply(db: sqlite_utils.Database, *, recipient: str, subject: str, body: str, kind: str,
                 queue_id: int | None, panelist_id: int | None, in_reply_to: str | None, send: bool,
                 domain: str, max_per_day: int = 0, forget: bool = False,
                 attachments: Sequence[tuple[str, str, bytes]] = ()) -> tuple[int, str]:
    """Record one reply; ``send`` False (no relay configured) records it as never to be sent.
    Past ``max_per_day`` replies to the address in 24 hours it is recorded as suppressed.
    ``attachments`` ((filename, media type, content), ...) are kept only while the reply waits
    to be sent: a reply that is never sent keeps none."""
    status = "pending" if send else "recorded"
    if max_per_day:
        since = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).isoformat(timespec="seconds")
        recent = db.execute(
            "SELECT count(*) FROM outbound WHERE recipient = ? AND created_at > ? AND status != 'suppressed'",
            [recipient, since],
        ).fetchone()[0]
        if recent >= max_per_day:
            status = "suppressed"
    cursor = db.execute(
        """INSERT INTO outbound (message_id, panelist_id, kind, recipient, subject, body, header_message_id,
                                 in_reply_to, status, forget, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [queue_id, panelist_id, kind, recipient, subject, body, make_msgid(domain=domain), in_reply_to,
         status, int(forget), now()],
    )
    if status == "pending":
        for filename, media_type, content in attachments:
            db.execute("INSERT INTO outbound_attachments (outbound_id, filename, media_type, content) "
                       "VALUES (?, ?, ?, ?)", [cursor.lastrowid, filename, media_type, content])
    return cursor.lastrowid, status


def attachments_of(db: sqlite_utils.Database, outbound_id: int) -> list[tuple[str, str, bytes]]:
    return [tuple(row) for row in db.execute(
        "SELECT filename, media_type, content FROM outbound_attachments WHERE outbound_id = ? ORDER BY id",
        [outbound_id])]


def last_reply_at(db: sqlite_utils.Database, panelist_id: int, kind: str,
                  statuses: Sequence[str] = ("pending", "sent")) -> str | None:
    """When the panelist's latest reply of ``kind`` in one of ``statuses`` was recorded (ISO 8601
    UTC), or None."""
    marks = ", ".join("?" * len(statuses))
    return db.execute(
        f"SELECT max(created_at) FROM outbound WHERE panelist_id = ? AND kind = ? AND status IN ({marks})",
        [panelist_id, kind, *statuses],
    ).fetchone()[0]


def due_replies(db: sqlite_utils.Database, limit: int = 50) -> list[dict]:
    return all_rows(db.execute(
        """SELECT * FROM outbound WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
           ORDER BY id LIMIT ?""",
        [now(), limit],
    ))


def mark_sent(db: sqlite_utils.Database, outbound_id: int) -> None:
    db.execute("DELETE FROM outbound_attachments WHERE outbound_id = ?", [outbound_id])
    db.execute(
        """UPDATE outbound SET status = 'sent', sent_at = ?, attempts = attempts + 1, error = NULL,
                  recipient = CASE WHEN forget THEN NULL ELSE recipient END,
                  subject = CASE WHEN forget THEN NULL ELSE subject END,
                  body = CASE WHEN forget THEN NULL ELSE body END
           WHERE id = ?""",
        [now(), outbound_id],
    )


def mark_failed(db: sqlite_utils.Database, outbound_id: int, error: str, *, retry_delay: float,
                max_attempts: int, permanent: bool = False) -> str:
    attempts = db.execute("SELECT attempts FROM outbound WHERE id = ?", [outbound_id]).fetchone()[0] + 1
    if permanent or attempts >= max_attempts:
        db.execute("DELETE FROM outbound_attachments WHERE outbound_id = ?", [outbound_id])
        db.execute("UPDATE outbound SET status = 'failed', attempts = ?, error = ? WHERE id = ?",
                   [attempts, error, outbound_id])
        return "failed"
    due = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=retry_delay * attempts)
    db.execute("UPDATE outbound SET attempts = ?, error = ?, next_attempt_at = ? WHERE id = ?",
               [attempts, error, due.isoformat(timespec="seconds"), outbound_id])
    return "retry"


# -- retention ---------------------------------------------------------------------------------

def purge(db: sqlite_utils.Database, cutoff: str) -> dict[str, int]:
    """Receipts, finished mails and settled replies older than ``cutoff`` (ISO 8601 UTC) go;
    the reward ledger stays. Dead letters are left for the operator."""
    receipts = db.execute("DELETE FROM receipts WHERE created_at < ?", [cutoff]).rowcount
    messages = db.execute(
        "DELETE FROM messages WHERE status = 'done' AND outcome != 'dead_letter' AND received_at < ?", [cutoff]
    ).rowcount
    replies = db.execute("DELETE FROM outbound WHERE status != 'pending' AND created_at < ?", [cutoff]).rowcount
    return {"receipts": receipts, "messages": messages, "replies": replies}


def last_run(db: sqlite_utils.Database, name: str) -> str | None:
    row = db.execute("SELECT last_run FROM maintenance WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def mark_run(db: sqlite_utils.Database, name: str, when: str) -> None:
    db.execute("INSERT INTO maintenance (name, last_run) VALUES (?, ?) "
               "ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run", [name, when])
