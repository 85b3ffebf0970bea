#!/usr/bin/env python3
"""CPython's email test corpus through the real SMTP path: every mail gets an outcome.

    .venv/bin/python bench/email_corpus.py

Prints how many mails were answered 250 and the outcome of each kind; exits 1 if any
accepted mail has no outcome or the daemon died.
"""
from __future__ import annotations

import collections
import smtplib
import sqlite3
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # tests/harness.py

from harness import Daemon, write_config  # noqa: E402

CORPUS = Path(sysconfig.get_paths()["stdlib"]) / "test" / "test_email" / "data"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="receiptd-corpus-"))
    database = work / "receiptd.db"
    config = write_config(work / "config.toml", {
        "smtp": {"port": 0, "rate_per_ip": "", "rate_per_sender": ""},
        "store": {"database": str(database)},
        "ocr": {"preload": False},
        "panel": {"enabled": False},
    })
    daemon = Daemon(config).start()
    mails = sorted(CORPUS.glob("msg_*.txt"))
    replies = collections.Counter()
    for path in mails:
        raw = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        with smtplib.SMTP("127.0.0.1", daemon.port, timeout=30) as client:
            client.ehlo()
            client.mail("sender@example.org")
            client.rcpt("receipts@localhost")
            replies[client.data(raw)[0]] += 1
    conn = sqlite3.connect(str(database), timeout=30)
    deadline = time.monotonic() + 300
    while conn.execute("SELECT count(*) FROM messages WHERE outcome IS NULL").fetchone()[0] and time.monotonic() < deadline:
        time.sleep(0.2)
    outcomes = dict(conn.execute("SELECT coalesce(outcome, 'NONE'), count(*) FROM messages GROUP BY 1").fetchall())
    reasons = dict(conn.execute("SELECT reason, count(*) FROM message_parts WHERE outcome = 'skipped' GROUP BY 1"))
    alive = daemon.proc.poll() is None
    daemon.terminate()
    print(f"{len(mails)} mails from {CORPUS}")
    print("| SMTP replies | outcomes | skipped parts by reason | daemon alive |")
    print("|---|---|---|---|")
    print(f"| {dict(replies)} | {outcomes} | {reasons} | {alive} |")
    sys.exit(0 if alive and "NONE" not in outcomes else 1)


if __name__ == "__main__":
    main()
