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

from parse.mail import MailRejected, parse_mail
from receiptd.config import Config
from redact import RedactionPolicy, scrub_text
from store.db import immediate, open_db
from store.records import save_mail_result

from .pipeline import Pipeline
from .queue import Claimed, LostClaim, Queue

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1


class Worker:
    def __init__(self, config: Config, db: sqlite_utils.Database, pipeline: Pipeline | None = None):
        self.config = config
        self.db = db
        self.queue = Queue(db, max_attempts=config.queue.max_attempts, retry_delay=config.queue.retry_delay)
        self.pipeline = pipeline or Pipeline(config)
        self.current: int | None = None

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
            result = self.pipeline.process_mail(mail)
            with immediate(self.db):
                receipt_ids = save_mail_result(self.db, claimed.id, result)
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
                wake.wait(config.queue.poll_interval)
                wake.clear()
    finally:
        db.close()
    log.info("worker stopped%s", " on signal" if stopping else "")
