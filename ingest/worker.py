"""The worker: drains the queue, passes each mail through the steps (``ingest.steps``), and
after each commit hands recorded replies to the relay.

It runs in its own process (OCR is CPU-bound and must never block the SMTP event loop).
Embedded mode (``[dispatch] mode = "embedded"``, the default) reads each mail here with one
OCR engine kept for the process's life; celery mode sends the reading to OCR workers and
keeps several mails in flight (``ingest.dispatch``). Either way this process is the only
one that writes the mails' results to SQLite.
"""
from __future__ import annotations

import ctypes
import logging
import signal
import time

import sqlite_utils

from receiptd.config import Config
from panel.outbound import Outbox
from panel.retention import purge_if_due
from store.db import immediate, open_db
from store.search_index import purge_search_index

from . import sender_auth
from .pipeline import Pipeline
from .queue import Queue
from .steps import Steps, describe_error

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
HOUSEKEEPING_INTERVAL = 3600.0  # seconds between looks at whether the daily purge is due


class Worker:
    def __init__(self, config: Config, db: sqlite_utils.Database, pipeline: Pipeline | None = None, app=None):
        self.config = config
        self.db = db
        self.queue = Queue(db, max_attempts=config.queue.max_attempts, retry_delay=config.queue.retry_delay)
        self.pipeline = pipeline or Pipeline(config)
        self.steps = Steps(config, db, self.queue, self.pipeline)
        self.outbox = Outbox(config.outbound, db)
        sender_auth.use_nameservers(config.auth.nameservers, config.auth.dns_port)
        self.coordinator = None
        if config.dispatch.mode == "celery":
            from .dispatch import Coordinator

            self.coordinator = Coordinator(config, db, self.steps, app)
        self.current: int | None = None
        self._next_housekeeping = 0.0

    def run_once(self) -> bool:
        """Embedded: claim and process one message. Celery: send and finish what is due.
        False when nothing moved."""
        if self.coordinator is not None:
            moved = self.coordinator.run_once()
        else:
            moved = self._process_one()
        if moved and self.steps.panel is not None:
            self.after_commit()
        return moved

    def _process_one(self) -> bool:
        claimed = self.queue.claim()
        if claimed is None:
            return False
        self.current = claimed.id
        try:
            self.steps.process(claimed)
        finally:
            self.current = None
        return True

    def drain(self) -> int:
        """Process until the queue has nothing due (tests and `receiptctl`); embedded mode."""
        count = 0
        while self.run_once():
            count += 1
        return count

    def wait_seconds(self) -> float:
        """How long to wait for a wake-up when nothing moved."""
        if self.coordinator is not None:
            return self.coordinator.wait_seconds()
        return self.config.queue.poll_interval

    def close(self) -> None:
        if self.coordinator is not None:
            self.coordinator.close()

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
        if self.coordinator is not None and self.coordinator.busy:
            return  # mails are out at the OCR workers: not idle
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
    if config.ocr.preload and worker.coordinator is None:
        worker.pipeline.engine  # load the model now: a missing model fails start-up, not a mail
        worker.pipeline.second_recogniser  # a missing Tesseract is said at start-up, not at a mail
    if ready is not None:
        ready.set()
    try:
        while not stop.is_set():
            if not worker.run_once():
                worker.housekeeping()
                wake.wait(worker.wait_seconds())
                wake.clear()
    finally:
        worker.close()
        db.close()
    log.info("worker stopped%s", " on signal" if stopping else "")
