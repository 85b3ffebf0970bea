"""Shared test helpers: real daemons on loopback port 0, real SMTP clients, real SQLite files."""
from __future__ import annotations

import json
import os
import re
import signal
import smtplib
import sqlite3
import subprocess
import sys
import threading
import time
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEV_SET = REPO.parent / "shared" / "datasets" / "receipts-dev"
RECIPIENT = "receipts@localhost"

needs_dev_set = pytest.mark.skipif(
    not (DEV_SET / "images").is_dir(), reason=f"the dev receipts are not at {DEV_SET} (../shared absent)"
)


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(value)


def write_config(path: Path, sections: dict) -> Path:
    lines = []
    for section, keys in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in keys.items())
    path.write_text("\n".join(lines) + "\n")
    return path


def daemon_sections(tmp_path: Path, **overrides) -> dict:
    sections = {
        "smtp": {"host": "127.0.0.1", "port": 0},
        "store": {"database": str(tmp_path / "receiptd.db")},
        "queue": {"poll_interval": 0.5, "retry_delay": 0.0, "shutdown_timeout": 30.0},
        "ocr": {"preload": False, "network_dir": str(tmp_path / "easyocr")},
        "log": {"level": "INFO"},
    }
    for section, keys in overrides.items():
        sections.setdefault(section, {}).update(keys)
    return sections


class Daemon:
    """``run_daemon.py`` in its own process group, its stderr collected."""

    def __init__(self, config_path: Path):
        self.config_path = config_path
        self.proc: subprocess.Popen | None = None
        self.lines: list[str] = []
        self.port: int | None = None

    def start(self, timeout: float = 120) -> "Daemon":
        self.lines = []
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "run_daemon.py"), "--config", str(self.config_path)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._collect, args=(self.proc,), daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            matches = (re.search(r"receiptd ready: smtp=[\d.]+:(\d+)", line) for line in list(self.lines))
            match = next((m for m in matches if m), None)
            if match:
                self.port = int(match.group(1))
                return self
            if self.proc.poll() is not None:
                raise AssertionError("daemon exited during start-up:\n" + self.log)
            time.sleep(0.05)
        raise AssertionError("daemon did not get ready:\n" + self.log)

    def _collect(self, proc) -> None:
        for line in proc.stderr:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def terminate(self, timeout: float = 90) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def kill(self) -> None:
        """SIGKILL the daemon and its worker, as a power cut or the OOM killer would."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                self.terminate(60)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def daemon_factory(tmp_path):
    started: list[Daemon] = []

    def start(**overrides) -> Daemon:
        config = write_config(tmp_path / f"config{len(started)}.toml", daemon_sections(tmp_path, **overrides))
        daemon = Daemon(config).start()
        started.append(daemon)
        return daemon

    yield start
    for daemon in started:
        daemon.stop()


def receipt_mail(images: list[tuple[bytes, str, str]] = (), *, sender="panelist@example.org", subject="receipt",
                 body="my receipt", message_id: str | None = None) -> EmailMessage:
    """A mail as a phone sends it: text body plus attached photos ``(bytes, maintype/subtype, filename)``."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = RECIPIENT
    msg["Subject"] = subject
    msg["Message-ID"] = message_id or f"<{time.time_ns()}@example.org>"
    msg.set_content(body)
    for data, media_type, filename in images:
        maintype, subtype = media_type.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg


def wire(msg: EmailMessage) -> bytes:
    """The mail as it travels: CRLF line ends (smtplib sends bytes as they are)."""
    return msg.as_bytes(policy=SMTP_POLICY)


def send(port: int, msg: EmailMessage, rcpt: str = RECIPIENT, mail_from: str = "panelist@example.org"):
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        return client.sendmail(mail_from, [rcpt], wire(msg))


def query(database: Path | str, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(str(database), timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def wait_until(predicate, timeout: float = 120, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message}")


def wait_done(database, count: int = 1, timeout: float = 180):
    return wait_until(
        lambda: (rows := query(database, "SELECT id, outcome FROM messages WHERE status = 'done' ORDER BY id"))
        and len(rows) >= count and rows,
        timeout=timeout,
        message=f"{count} message(s) done",
    )
