"""The daemon: the SMTP listener on our event loop, the worker in its own process.

Start-up: migrate, recover what a crash left claimed, start the worker, bind SMTP, log one
ready line. SIGTERM/SIGINT: stop accepting, let the worker finish (or give back) the
message in hand, close the database, return 0.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import time

from receiptd.config import Config
from receiptd.metrics import start_metrics
from ingest.imap import ImapSources
from ingest.queue import Queue
from ingest.smtp import QueueWriter, ReceiptHandler, smtp_factory
from ingest.worker import run_worker_process
from store import analytics
from store.db import open_db

from .systemd import Notifier

log = logging.getLogger("receiptd")

WORKER_RESTART_DELAY = 5.0
STATUS_INTERVAL = 10.0


class WorkerProcess:
    """The worker process, restarted if it dies; its unfinished message is recovered."""

    def __init__(self, config: Config):
        self.config = config
        self._ctx = multiprocessing.get_context("spawn")
        self.stop = self._ctx.Event()
        self.wake = self._ctx.Event()
        self.process = None

    def start(self) -> None:
        ready = self._ctx.Event()
        self.process = self._ctx.Process(
            target=run_worker_process, args=(self.config, self.stop, self.wake, ready), name="receiptd-worker"
        )
        self.process.start()
        while not ready.wait(0.2):
            if not self.process.is_alive():
                raise RuntimeError(f"the worker process exited during start-up (exit code {self.process.exitcode})")

    def alive(self) -> bool:
        return self.process is not None and self.process.is_alive()

    def shutdown(self, timeout: float) -> None:
        """Ask the worker to finish its message and exit; past ``timeout``, stop it hard."""
        if self.process is None:
            return
        self.stop.set()
        self.wake.set()
        self.process.join(timeout)
        if self.process.is_alive():
            log.warning("worker did not finish within %.0fs; stopping it, its message goes back to the queue", timeout)
            self.process.terminate()
            self.process.join(5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            release_claimed(self.config)


class AnalystRefresher:
    """Writes the analysts' database anew every ``[analytics] refresh_minutes`` (first right after
    start-up), in a thread of its own; a failed refresh is logged and tried at the next interval."""

    def __init__(self, config: Config):
        self.config = config
        self.interval = config.analytics.refresh_minutes * 60
        self.next_at = time.monotonic()
        self.running: asyncio.Future | None = None

    def due(self, loop: asyncio.AbstractEventLoop) -> None:
        if not self.interval or time.monotonic() < self.next_at or (self.running and not self.running.done()):
            return
        self.next_at = time.monotonic() + self.interval
        self.running = loop.run_in_executor(None, self._refresh)

    def _refresh(self) -> None:
        from .analytics_cli import refresh_analyst_db

        try:
            built = refresh_analyst_db(self.config, sync=False)  # start-up synced brands and pseudonyms
        except Exception as err:  # noqa: BLE001 - the daemon keeps taking mail; the next interval retries
            log.error("analysts' database refresh failed (%s: %s); next try in %d min",
                      type(err).__name__, err, self.interval // 60)
            return
        log.info("analysts' database refreshed: %s (%d receipts, %.1fs)", built.path,
                 built.rows.get("v_receipts", 0), built.seconds)

    async def finish(self) -> None:
        if self.running is not None:
            await self.running


def release_claimed(config: Config) -> None:
    db = open_db(config.store.database, busy_timeout_ms=config.store.busy_timeout_ms)
    try:
        queue = Queue(db, max_attempts=config.queue.max_attempts)
        for (queue_id,) in db.execute("SELECT id FROM messages WHERE status = 'claimed'").fetchall():
            queue.release(queue_id)
    finally:
        db.close()


def queue_depth(config: Config) -> int:
    db = open_db(config.store.database, busy_timeout_ms=config.store.busy_timeout_ms)
    try:
        return Queue(db).depth()
    finally:
        db.close()


def prepare_database(config: Config) -> None:
    """Apply pending migrations and put back what a crash left claimed."""
    db = open_db(config.store.database, busy_timeout_ms=config.store.busy_timeout_ms, migrate=True)
    try:
        analytics.sync(db, config.analytics)  # brand list and pseudonyms, for plain sqlite3 users
        recovered = Queue(db, max_attempts=config.queue.max_attempts).recover()
        if recovered:
            log.warning("recovered %d message(s) left unfinished by an earlier run", recovered)
    finally:
        db.close()


async def serve(config: Config) -> int:
    loop = asyncio.get_running_loop()
    prepare_database(config)
    worker = WorkerProcess(config)
    await loop.run_in_executor(None, worker.start)

    writer = QueueWriter(config.store.database, busy_timeout_ms=config.store.busy_timeout_ms)
    metrics = None
    if config.metrics is not None:
        metrics, _ = start_metrics(config.metrics.host, config.metrics.port, config.store.database)
    handler = ReceiptHandler(config.smtp, writer, on_enqueued=worker.wake.set, metrics=metrics)
    server = await loop.create_server(smtp_factory(config.smtp, handler), config.smtp.host, config.smtp.port)
    host, port = server.sockets[0].getsockname()[:2]
    # IMAP sources (issue 7): one poller thread per [[imap.accounts]], none by default
    imap_sources = ImapSources(config, on_enqueued=worker.wake.set).start()

    stopping = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    log.info(
        "receiptd ready: smtp=%s:%d recipients=%s database=%s worker_pid=%d",
        host, port, ",".join(config.smtp.recipients), config.store.database, worker.process.pid,
    )
    systemd = Notifier()
    systemd.ready(f"accepting mail on {host}:{port}")
    next_status = 0.0
    analysts = AnalystRefresher(config)

    while not stopping.is_set():
        try:
            await asyncio.wait_for(stopping.wait(), timeout=1.0)
        except asyncio.TimeoutError:
            pass
        if worker.alive() and systemd.watchdog_due():
            systemd.watchdog()  # the event loop answers and the worker lives
        if time.monotonic() >= next_status:
            next_status = time.monotonic() + STATUS_INTERVAL
            depth = await loop.run_in_executor(None, queue_depth, config)
            systemd.status(f"accepting mail on {host}:{port}; queue depth {depth}")
        analysts.due(loop)
        if not stopping.is_set() and not worker.alive():
            log.error("worker process died (exit code %s); restarting it", worker.process.exitcode)
            await asyncio.sleep(WORKER_RESTART_DELAY)
            await loop.run_in_executor(None, prepare_database, config)
            await loop.run_in_executor(None, worker.start)

    log.info("stopping: no new mail is accepted")
    systemd.stopping()
    server.close()
    await server.wait_closed()
    await loop.run_in_executor(None, imap_sources.stop)  # IMAP sources (issue 7)
    started = time.monotonic()
    await loop.run_in_executor(None, worker.shutdown, config.queue.shutdown_timeout)
    await loop.run_in_executor(None, writer.close)
    await analysts.finish()
    log.info("receiptd stopped (%.1fs)", time.monotonic() - started)
    return 0
