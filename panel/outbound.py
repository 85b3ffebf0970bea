"""Sending recorded replies through the configured relay, after the commit that recorded them.

A reply is a row in ``outbound`` before anything is sent: a relay that is down, a crash, a
restart lose nothing; the worker tries again later (``retry_delay`` times the attempts so
far) up to ``max_attempts``. A crash after the relay took a mail and before it is marked
sent sends it again (at least once; the Message-ID stays the same, so clients fold it).
A reply's files (``outbound_attachments``, e.g. EXPORT's) travel with it and are deleted once
it is sent.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
import time
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

import sqlite_utils

from receiptd.config import OutboundConfig
from store import panel as store
from store.db import immediate

log = logging.getLogger(__name__)


def build_message(row: dict, sender: str, attachments: Sequence[tuple[str, str, bytes]] = ()) -> EmailMessage:
    """The mail of one ``outbound`` row, with its attachments ((filename, media type, content), ...)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = row["recipient"]
    msg["Subject"] = row["subject"] or ""
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = row["header_message_id"]
    if row["in_reply_to"]:
        msg["In-Reply-To"] = row["in_reply_to"]
        msg["References"] = row["in_reply_to"]
    # RFC 3834: an automatic reply (or, unprompted, a generated mail); responders do not answer it
    msg["Auto-Submitted"] = "auto-replied" if row["in_reply_to"] else "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    msg.set_content(row["body"] or "")
    for filename, media_type, content in attachments:
        maintype, _, subtype = media_type.partition("/")
        msg.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename,
                           params={"charset": "utf-8"} if maintype == "text" else None)
    return msg


class Outbox:
    def __init__(self, config: OutboundConfig | None, db: sqlite_utils.Database):
        self.config = config
        self.db = db
        self._down_until = 0.0  # after a failed connection: no new try before this (monotonic)

    def send_due(self) -> int:
        """Send what is due; returns how many were sent. Never raises for relay trouble."""
        if self.config is None or time.monotonic() < self._down_until:
            return 0
        rows = store.due_replies(self.db)
        if not rows:
            return 0
        sent = 0
        try:
            client = self._connect()
        except (OSError, smtplib.SMTPException) as err:
            error = f"relay unavailable: {type(err).__name__}: {str(err)[:200]}"
            with immediate(self.db):
                for row in rows:
                    store.mark_failed(self.db, row["id"], error, retry_delay=self.config.retry_delay,
                                      max_attempts=self.config.max_attempts)
            self._down_until = time.monotonic() + self.config.retry_delay
            log.warning("outbound: %d repl(ies) not sent, will retry: %s", len(rows), error)
            return 0
        try:
            for row in rows:
                try:
                    message = build_message(row, self.config.from_address, store.attachments_of(self.db, row["id"]))
                    client.send_message(message,
                                        from_addr=self.config.from_address, to_addrs=[row["recipient"]])
                except smtplib.SMTPRecipientsRefused as err:
                    code = next(iter(err.recipients.values()))[0]
                    with immediate(self.db):
                        state = store.mark_failed(self.db, row["id"], f"recipient refused ({code})",
                                                  retry_delay=self.config.retry_delay,
                                                  max_attempts=self.config.max_attempts, permanent=code >= 500)
                    log.warning("outbound=%s recipient refused (%s): %s", row["id"], code, state)
                    continue
                except (OSError, smtplib.SMTPException) as err:
                    with immediate(self.db):
                        store.mark_failed(self.db, row["id"], f"{type(err).__name__}: {str(err)[:200]}",
                                          retry_delay=self.config.retry_delay, max_attempts=self.config.max_attempts)
                    log.warning("outbound=%s not sent, will retry: %s", row["id"], type(err).__name__)
                    break  # the connection is likely gone; the rest waits for the next round
                with immediate(self.db):
                    store.mark_sent(self.db, row["id"])
                sent += 1
                log.info("outbound=%s sent (msg=%s, %s)", row["id"], row["message_id"], row["kind"])
        finally:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                client.close()
        return sent

    def _connect(self) -> smtplib.SMTP:
        cfg = self.config
        client = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        try:
            client.ehlo()
            if cfg.starttls:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if cfg.username:
                password = Path(cfg.password_file).read_text().strip() if cfg.password_file else ""
                client.login(cfg.username, password)
        except BaseException:
            client.close()
            raise
        return client
