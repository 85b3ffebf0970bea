"""Real parts for celery mode's tests: Debian's redis-server on a free loopback port, and
``receiptctl ocr-worker`` processes (Celery's own prefork worker, real OCR).

``redis_server`` fixture: a running broker in the test's directory, append-only file on (so a
restart keeps queued tasks, as a production broker should); tests that need it are skipped with
the reason where redis-server is not installed (``make test`` installs it).
"""
from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dovecot import _process_tree, free_port
from harness import REPO, Daemon


def redis_binary() -> str | None:
    return shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)


class Redis:
    """One redis-server; ``restart`` keeps its port, its password and (append-only file) its data."""

    def __init__(self, directory: Path, password: str = ""):
        self.dir = directory
        self.port = free_port()
        self.password = password
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{':' + self.password + '@' if self.password else ''}127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 30) -> "Redis":
        self.proc = subprocess.Popen(
            [redis_binary(), "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.dir),
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no",
             "--logfile", str(self.dir / "redis.log"), *(["--requirepass", self.password] if self.password else [])],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ping():
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError("redis-server did not start:\n" + self.log)

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                if self.password:
                    sock.sendall(f"AUTH {self.password}\r\n".encode())
                    if not sock.recv(16).startswith(b"+OK"):
                        return False
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def restart(self) -> None:
        self.stop()
        self.start()

    @property
    def log(self) -> str:
        path = self.dir / "redis.log"
        return path.read_text(errors="replace") if path.exists() else ""


BROKER_PASSWORD = "br0ker-Pa55-for-tests"


@pytest.fixture
def redis_server(tmp_path):
    """A broker with a password, as production runs it (``requirepass``)."""
    if redis_binary() is None:
        pytest.skip("redis-server is not installed (make test installs it; or apt-get install redis-server)")
    directory = tmp_path / "redis"
    directory.mkdir()
    server = Redis(directory, BROKER_PASSWORD).start()
    yield server
    server.stop()


class OcrWorker(Daemon):
    """``receiptctl --config PATH ocr-worker --concurrency N`` in its own process group, its
    stderr collected as the daemon's is."""

    def __init__(self, config_path: Path, concurrency: int = 1, env: dict | None = None):
        super().__init__(config_path, env)
        self.concurrency = concurrency

    def start(self, timeout: float = 180) -> "OcrWorker":
        self.lines = []
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from receiptd.cli import main; main()", "--config", str(self.config_path),
             "ocr-worker", "--concurrency", str(self.concurrency)],
            cwd=REPO, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, start_new_session=True)
        threading.Thread(target=self._collect, args=(self.proc,), daemon=True).start()
        self.wait_for(r" ready\.", timeout, "the OCR worker to get ready")
        return self

    def wait_for(self, pattern: str, timeout: float, what: str) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = next((m for m in (re.search(pattern, line) for line in list(self.lines)) if m), None)
            if match:
                return match
            if self.proc.poll() is not None:
                raise AssertionError(f"the OCR worker exited waiting for {what}:\n{self.log}")
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}:\n{self.log}")

    def children(self) -> list[int]:
        """The pool's processes (prefork), which run the tasks."""
        return [pid for pid in _process_tree(self.proc.pid) if pid != self.proc.pid]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.kill()  # the tests do not wait for Celery's warm shutdown


@pytest.fixture
def ocr_workers():
    started: list[OcrWorker] = []

    def start(config_path: Path, concurrency: int = 1, env: dict | None = None) -> OcrWorker:
        started.append(OcrWorker(config_path, concurrency, env))
        return started[-1].start()

    yield start
    for worker in started:
        worker.stop()
