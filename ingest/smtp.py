"""The SMTP listener: a thin aiosmtpd handler that only persists.

``handle_DATA`` writes the raw mail and its envelope to the durable queue (in a writer
thread, never on the event loop) and answers 250 only once that is committed to disk.
Unknown recipients get 550 (this is never a relay); a failure to persist gets 451 so
that the sending server tries again later.
"""
from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import limits
from aiosmtpd.smtp import SMTP, Envelope, Session
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from receiptd.config import SmtpConfig
from receiptd.metrics import SmtpMetrics, unserved
from store.db import open_db

from .queue import Queue

log = logging.getLogger(__name__)


class QueueWriter:
    """The queue behind one thread with its own connection: SQLite writes off the event loop."""

    def __init__(self, database: str, *, busy_timeout_ms: int):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="queue-writer")
        self._queue: Queue | None = None
        self._database = database
        self._busy_timeout_ms = busy_timeout_ms

    def _open(self) -> Queue:
        if self._queue is None:
            self._queue = Queue(open_db(self._database, busy_timeout_ms=self._busy_timeout_ms))
        return self._queue

    async def enqueue(self, raw: bytes, envelope_from: str | None, recipients: list[str],
                      peer_ip: str | None = None, helo: str | None = None):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor,
            lambda: self._open().enqueue(raw, envelope_from=envelope_from, recipients=recipients,
                                         peer_ip=peer_ip, helo=helo),
        )

    def close(self) -> None:
        def _close():
            if self._queue is not None:
                self._queue.db.close()

        self._executor.submit(_close).result()
        self._executor.shutdown(wait=True)


class Limits:
    """Connection count and moving-window rates, on the event loop (no I/O)."""

    def __init__(self, config: SmtpConfig):
        self.max_connections = config.max_connections
        self.connections = 0
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._per_ip = limits.parse(config.rate_per_ip) if config.rate_per_ip else None
        self._per_sender = limits.parse(config.rate_per_sender) if config.rate_per_sender else None

    def admit(self, peer) -> str | None:
        """None to serve the connection, else the 421 greeting that refuses it."""
        if self.connections >= self.max_connections:
            return "421 4.7.0 Too many connections, try again later"
        address = peer[0] if isinstance(peer, tuple) else str(peer)
        if self._per_ip and not self._limiter.hit(self._per_ip, "ip", address):
            log.warning("connection rate limit reached for a client address")
            return "421 4.7.0 Too many connections from your address, try again later"
        self.connections += 1
        return None

    def release(self) -> None:
        self.connections -= 1

    def sender_allowed(self, sender: str) -> bool:
        return self._per_sender is None or self._limiter.hit(self._per_sender, "sender", sender.lower())


class ReceiptHandler:
    def __init__(self, config: SmtpConfig, writer: QueueWriter, on_enqueued: Callable[[], None] = lambda: None,
                 metrics: SmtpMetrics | None = None):
        self.recipients = frozenset(config.recipients)
        self.max_recipients = config.max_recipients
        self.writer = writer
        self.on_enqueued = on_enqueued
        self.limits = Limits(config)
        self.metrics = metrics or unserved()

    async def handle_MAIL(self, server: SMTP, session: Session, envelope: Envelope, address: str, mail_options):
        if not self.limits.sender_allowed(address):
            log.warning("sender rate limit reached")
            self.metrics.rejected.labels("sender_rate").inc()
            return "450 4.7.1 Too much mail from this sender, try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options):
        if len(envelope.rcpt_tos) >= self.max_recipients:
            self.metrics.rejected.labels("too_many_recipients").inc()
            return "452 4.5.3 Too many recipients"
        if address.strip().lower() not in self.recipients:
            self.metrics.rejected.labels("unknown_recipient").inc()
            return "550 5.1.1 Recipient address rejected: no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        self.metrics.received.inc()
        try:
            peer = session.peer[0] if isinstance(session.peer, tuple) else None
            stored = await self.writer.enqueue(raw, envelope.mail_from or None, list(envelope.rcpt_tos),
                                               peer_ip=peer, helo=session.host_name)
        except Exception as err:
            log.error("could not queue a %d-byte mail: %s: %s", len(raw), type(err).__name__, err)
            self.metrics.rejected.labels("storage").inc()
            return "451 4.3.0 Temporary failure storing the message; please try again later"
        if stored.duplicate:
            log.info("msg=%s delivered again (same Message-ID and bytes); kept once", stored.id)
        else:
            log.info("msg=%s queued (%d bytes)", stored.id, len(raw))
            self.on_enqueued()
        self.metrics.accepted.inc()
        return f"250 2.0.0 OK: queued as {stored.id}"


class GatedSMTP(SMTP):
    """aiosmtpd's SMTP, refusing a connection with 421 when the limits say so.

    The gate is asyncio's public protocol surface: ``connection_made`` decides before
    aiosmtpd greets (a refused client reads 421 instead of 220, and no session starts),
    ``connection_lost`` gives the slot back. A STARTTLS upgrade calls ``connection_made``
    again on the same connection; that call is aiosmtpd's alone.
    """

    def __init__(self, handler: ReceiptHandler, **settings):
        super().__init__(handler, **settings)
        self._limits = handler.limits
        self._admitted = False
        self._refused = False

    def connection_made(self, transport) -> None:
        if self._admitted:  # the STARTTLS upgrade of an admitted connection
            return super().connection_made(transport)
        refusal = self._limits.admit(transport.get_extra_info("peername"))
        if refusal:
            self._refused = True
            self.event_handler.metrics.rejected.labels("connection_limit").inc()
            transport.write(refusal.encode("ascii") + b"\r\n")
            transport.close()
            return
        self._admitted = True
        super().connection_made(transport)

    def connection_lost(self, error) -> None:
        if self._refused:
            return  # no session was started for it: nothing of aiosmtpd's to tear down
        if self._admitted:
            self._admitted = False
            self._limits.release()
        super().connection_lost(error)


def tls_context(config: SmtpConfig) -> ssl.SSLContext | None:
    if not config.tls_cert:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(config.tls_cert, config.tls_key)
    return context


def smtp_factory(config: SmtpConfig, handler: ReceiptHandler) -> Callable[[], SMTP]:
    context = tls_context(config)  # loaded once: a bad certificate stops start-up

    def make() -> SMTP:
        return GatedSMTP(
            handler,
            data_size_limit=config.max_message_size,
            hostname=config.hostname,
            ident="receiptd",
            timeout=config.timeout,
            enable_SMTPUTF8=True,
            tls_context=context,
            require_starttls=config.require_starttls,
            command_call_limit=config.command_call_limit or None,
        )

    return make
