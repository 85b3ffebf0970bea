"""The worker: drains the queue, runs the pipeline, stores records with the outcome.

It runs in its own process (OCR is CPU-bound and must never block the SMTP event loop)
and owns one OCR engine for its whole life.
"""
from __future__ import annotations

import ctypes
import logging
import signal
import time
import traceback
from pathlib import Path

import sqlite_utils

from receiptd.config import Config
from panel.flow import Panel
from panel.outbound import Outbox
from panel.retention import purge_if_due
from parse.mail import MailRejected, parse_mail
from redact import RedactionPolicy, scrub_text
from store.db import immediate, open_db
from store.records import save_mail_result
from store.search_index import purge_search_index

from . import sender_auth
from .pipeline import Pipeline
from .queue import Claimed, LostClaim, Queue

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
HOUSEKEEPING_INTERVAL = 3600.0  # seconds between looks at whether the daily purge is due


class Worker:
    def __init__(self, config: Config, db: sqlite_utils.Database, pipeline: Pipeline | None = None):
        self.config = config
        self.db = db
        self.queue = Queue(db, max_attempts=config.queue.max_attempts, retry_delay=config.queue.retry_delay)
        self.pipeline = pipeline or Pipeline(config)
        self.panel = Panel(config, db) if config.panel.enabled else None
        self.outbox = Outbox(config.outbound, db)
        sender_auth.use_nameservers(config.auth.nameservers, config.auth.dns_port)
        self.current: int | None = None
        self._next_housekeeping = 0.0

    def run_once(self) -> bool:
        """Claim and process one message; False when nothing is due."""
        claimed = self.queue.claim()
        if claimed is None:
            return False
        self.current = claimed.id
        try:
            self.process(claimed)
        finally:
            self.current = None
        return True

    def drain(self) -> int:
        """Process until the queue has nothing due (tests and `receiptctl`)."""
        count = 0
        while self.run_once():
            count += 1
        return count

    def process(self, claimed: Claimed) -> str:
        started = time.perf_counter()
        keep_raw = self.config.store.retain_raw_days > 0
        try:
            try:
                mail = parse_mail(claimed.raw, self.pipeline.part_limits)
            except MailRejected as rejected:
                with immediate(self.db):
                    self.queue.finish(claimed.id, "rejected", error=rejected.reason, keep_raw=keep_raw)
                log.warning("msg=%s rejected: %s", claimed.id, rejected.reason)
                return "rejected"
            verdict = self.authenticate(claimed)
            if self.panel is not None:
                return self.process_panel(claimed, mail, started, keep_raw, verdict)
            result = self.pipeline.process_mail(mail)
            with immediate(self.db):
                receipt_ids = save_mail_result(self.db, claimed.id, result)
                self._record_auth(claimed.id, verdict)
                self.queue.finish(claimed.id, result.outcome, keep_raw=keep_raw)
        except LostClaim:
            log.warning("msg=%s was taken over by another worker; this result is dropped", claimed.id)
            return "lost_claim"
        except Exception as err:  # unexpected: keep the mail, retry, then dead-letter
            error = describe_error(err)
            log.error("msg=%s processing failed (attempt %d): %s", claimed.id, claimed.attempts, error)
            return self.queue.fail(claimed.id, error)
        log.info(
            "msg=%s %s: %d receipt(s) %s, %d part(s) skipped, %.1fs",
            claimed.id,
            result.outcome,
            len(receipt_ids),
            [f"{r.status}{'/' + r.reason if r.reason else ''}" for r in result.receipts],
            len(result.skipped),
            time.perf_counter() - started,
        )
        return result.outcome

    def authenticate(self, claimed: Claimed) -> sender_auth.Verdict:
        auth = self.config.auth
        if auth.mode == sender_auth.VERIFY:
            return sender_auth.verify(claimed.raw, envelope_from=claimed.envelope_from, client_ip=claimed.peer_ip,
                                      helo=claimed.helo, timeout=auth.timeout)
        if auth.mode == sender_auth.UPSTREAM:
            return sender_auth.trust_upstream(claimed.raw, auth.authserv_id)
        return sender_auth.Verdict(sender_auth.OFF, None, passed=True)

    def _record_auth(self, queue_id: int, verdict: sender_auth.Verdict) -> None:
        self.db.execute("UPDATE messages SET auth = ? WHERE id = ?", [verdict.summary(), queue_id])

    def process_spoofed(self, claimed: Claimed, mail, verdict: sender_auth.Verdict) -> str:
        """From: not authenticated: recorded as such; no receipts, no command, no reply (the
        real owner of the address would get it)."""
        with immediate(self.db):
            self.db.execute("UPDATE messages SET sender = ? WHERE id = ?", [mail.from_address, claimed.id])
            self._record_auth(claimed.id, verdict)
            self.queue.finish(claimed.id, "spoofed")
        log.warning("msg=%s spoofed: sender authentication %s", claimed.id, verdict.summary())
        return "spoofed"

    def process_panel(self, claimed: Claimed, mail, started: float, keep_raw: bool,
                      verdict: sender_auth.Verdict) -> str:
        """The panel's way: strangers are not read; members' receipts are judged and rewarded,
        their commands run, and one reply is recorded, all in the transaction that finishes
        the message. Replies go to the relay after the commit."""
        if not verdict.passed:
            return self.process_spoofed(claimed, mail, verdict)
        inbound = self.panel.inbound(claimed.id, mail, claimed.raw, claimed.envelope_from, claimed.received_at)
        result = None
        if inbound.member and not inbound.leaving and inbound.survey is None:  # a survey reply: no OCR
            result = self.pipeline.process_mail(mail)
        decisions = []
        with immediate(self.db):
            if not inbound.member and not inbound.leaving:
                outcome = self.panel.finish_stranger(self.db, claimed.id, mail, inbound)
            else:
                outcome, decisions = self.panel.finish_member(self.db, claimed.id, mail, inbound, result)
            self._record_auth(claimed.id, verdict)
            # a stranger's or a leaver's mail is never kept, whatever retain_raw_days says
            keep = keep_raw and outcome not in ("not_panelist",) and not inbound.leaving
            self.queue.finish(claimed.id, outcome, keep_raw=keep)
        log.info(
            "msg=%s %s: %d receipt(s) %s, %d part(s) skipped%s%s, %.1fs",
            claimed.id,
            outcome,
            len(decisions),
            [f"{d.status}{'/' + d.reason if d.reason else ''}" for d in decisions],
            len(result.skipped) if result else 0,
            f", command {inbound.command.kind}" if inbound.command else "",
            f", automated ({inbound.automated})" if inbound.automated else "",
            time.perf_counter() - started,
        )
        self.after_commit()
        return outcome

    def after_commit(self) -> None:
        """Hand recorded replies to the relay, and scrub deleted receipts' words from the
        search index; trouble there never fails a message."""
        try:
            self.outbox.send_due()
        except Exception as err:  # the database was busy, ...: the replies wait for the next round
            log.warning("outbound: sending postponed: %s", describe_error(err))
        try:
            with immediate(self.db):
                purge_search_index(self.db)
        except Exception as err:
            log.warning("search index purge postponed: %s", describe_error(err))

    def housekeeping(self) -> None:
        """When idle: purge past retention once a day, retry replies that are due."""
        now = time.monotonic()
        if now >= self._next_housekeeping:
            self._next_housekeeping = now + HOUSEKEEPING_INTERVAL
            try:
                purge_if_due(self.db, self.config.panel.retention_months)
                if self.config.store.retain_raw_days > 0:
                    self.queue.purge_raw(self.config.store.retain_raw_days)
            except Exception as err:
                log.error("retention purge failed: %s", describe_error(err))
        self.after_commit()


def describe_error(err: BaseException) -> str:
    """The error's class, where it was raised, and its message with PII erased."""
    frames = traceback.extract_tb(err.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    message, _ = scrub_text(str(err)[:300], RedactionPolicy())
    return f"{type(err).__name__}{where}: {message}"


def die_with_parent() -> None:
    """Linux: the kernel kills this process if the daemon dies (no orphaned worker)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the claim token still fences a stale worker


def run_worker_process(config: Config, stop, wake, ready=None) -> None:
    """Entry point of the worker process (multiprocessing, spawn)."""
    from receiptd.logs import configure_logging

    configure_logging(config.log.level, process="worker")
    stopping = False

    def _stop(signum, frame):
        nonlocal stopping
        stopping = True
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    die_with_parent()
    db = open_db(config.store.database, busy_timeout_ms=config.store.busy_timeout_ms)
    worker = Worker(config, db)
    if config.ocr.preload:
        worker.pipeline.engine  # load the model now: a missing model fails start-up, not a mail
    if ready is not None:
        ready.set()
    try:
        while not stop.is_set():
            if not worker.run_once():
                worker.housekeeping()
                wake.wait(config.queue.poll_interval)
                wake.clear()
    finally:
        db.close()
    log.info("worker stopped%s", " on signal" if stopping else "")
