"""Shared test helpers: real daemons on loopback port 0, real SMTP clients, real SQLite files."""
from __future__ import annotations

import datetime as dt
import smtplib
import sqlite3
import time
import zoneinfo
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

import pytest

from harness import Daemon, toml_value, write_config  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEV_SET = REPO.parent / "shared" / "datasets" / "receipts-dev"
RECIPIENT = "receipts@localhost"



def zone_far_from_a_month_boundary(now: dt.datetime | None = None) -> str:
    """A fixed-offset zone whose local time is at least 12 hours from the start and the end of a month.

    The panel counts receipts per calendar month of arrival. A suite started near midnight on the last
    day of a month would send some of a test's receipts in one month and the rest in the next; with the
    panel in this zone the whole run (well under 12 hours) falls in one month."""
    now = now or dt.datetime.now(dt.timezone.utc)
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (month_start + dt.timedelta(days=32)).replace(day=1)
    if now - month_start < dt.timedelta(hours=12):
        return "Etc/GMT-12"  # UTC+12 (POSIX signs are inverted)
    if next_month - now < dt.timedelta(hours=12):
        return "Etc/GMT+12"  # UTC-12
    return "UTC"


PANEL_ZONE = zone_far_from_a_month_boundary()
PANEL_NOW = dt.datetime.now(zoneinfo.ZoneInfo(PANEL_ZONE))

needs_dev_set = pytest.mark.skipif(
    not (DEV_SET / "images").is_dir(), reason=f"the dev receipts are not at {DEV_SET} (../shared absent)"
)


def daemon_sections(tmp_path: Path, **overrides) -> dict:
    sections = {
        "smtp": {"host": "127.0.0.1", "port": 0},
        "store": {"database": str(tmp_path / "receiptd.db")},
        "queue": {"poll_interval": 0.5, "retry_delay": 0.0, "shutdown_timeout": 30.0},
        "ocr": {"preload": False, "network_dir": str(tmp_path / "easyocr")},
        # the pipeline tests mail from an address that is no panelist, with receipts from 2025:
        # they test extraction, so the panel rules are off (tests/test_panel*.py turn them on)
        "panel": {"enabled": False, "timezone": PANEL_ZONE},
        "log": {"level": "INFO"},
    }
    for section, keys in overrides.items():
        sections.setdefault(section, {}).update(keys)
    return sections


@pytest.fixture
def daemon_factory(tmp_path):
    started: list[Daemon] = []

    def start(env: dict | None = None, **overrides) -> Daemon:
        config = write_config(tmp_path / f"config{len(started)}.toml", daemon_sections(tmp_path, **overrides))
        daemon = Daemon(config, env).start()
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
