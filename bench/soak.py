#!/usr/bin/env python3
"""Soak: concurrent SMTP clients while the daemon is SIGKILLed at random moments and restarted.

    .venv/bin/python bench/soak.py --clients 4 --mails 50 --kills 6 --seed 1

Each client sends its mails one after another and, like a real MTA, retries a mail (same
Message-ID, same bytes) until it is answered 250. Mails carry a small PDF e-receipt, so the
worker is busy storing records when the kills land. At the end, with the daemon running
undisturbed until the queue is empty, every mail answered 250 must have exactly one row in
`messages`, with an outcome, and one set of receipts.
"""
from __future__ import annotations

import argparse
import random
import smtplib
import sqlite3
import sys
import tempfile
import threading
import time
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # tests/harness.py

from fpdf import FPDF  # noqa: E402

from harness import Daemon, write_config  # noqa: E402

RECIPIENT = "receipts@localhost"


def receipt_pdf(n: int) -> bytes:
    pdf = FPDF(format=(80, 120))
    pdf.add_page()
    pdf.set_font("Courier", size=8)
    for line in ("SOAK MARKET", "12 Test Road", f"03/14/2025 10:{n % 60:02d}", f"ITEM {n}  {n % 50 + 1}.00",
                 f"TOTAL  {n % 50 + 1}.00"):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def mail(client: int, n: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"client{client}@example.org"
    msg["To"] = RECIPIENT
    msg["Subject"] = "receipt"
    msg["Message-ID"] = f"<soak-{client}-{n}@example.org>"
    msg.set_content("attached")
    msg.add_attachment(receipt_pdf(client * 1000 + n), maintype="application", subtype="pdf", filename="r.pdf")
    return msg.as_bytes(policy=SMTP_POLICY)


class Sender(threading.Thread):
    def __init__(self, client: int, mails: int, port_of):
        super().__init__(daemon=True)
        self.client, self.mails, self.port_of = client, mails, port_of
        self.acknowledged: list[str] = []
        self.retries = 0

    def run(self) -> None:
        for n in range(self.mails):
            raw = mail(self.client, n)
            while True:
                try:
                    with smtplib.SMTP("127.0.0.1", self.port_of(), timeout=10) as smtp:
                        smtp.sendmail(f"client{self.client}@example.org", [RECIPIENT], raw)
                    self.acknowledged.append(f"<soak-{self.client}-{n}@example.org>")
                    break
                except (OSError, smtplib.SMTPException):
                    self.retries += 1
                    time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--mails", type=int, default=50, help="per client")
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    work = Path(tempfile.mkdtemp(prefix="receiptd-soak-"))
    database = work / "receiptd.db"
    config = write_config(work / "config.toml", {
        "smtp": {"port": 0, "rate_per_ip": "", "rate_per_sender": ""},
        "store": {"database": str(database)},
        "queue": {"poll_interval": 0.5, "retry_delay": 0.0},
        "ocr": {"preload": False},
        "panel": {"enabled": False},  # any sender's mail is processed: this measures the queue
        "log": {"level": "INFO"},  # the ready line, with the bound port, is at INFO
    })
    daemon = Daemon(config).start()
    current = {"port": daemon.port}
    senders = [Sender(c, args.mails, lambda: current["port"]) for c in range(args.clients)]
    started = time.monotonic()
    for sender in senders:
        sender.start()
    kills = 0
    while kills < args.kills and any(s.is_alive() for s in senders):
        time.sleep(rng.uniform(0.3, 1.5))
        daemon.kill()
        kills += 1
        daemon = Daemon(config).start()
        current["port"] = daemon.port
    for sender in senders:
        sender.join()

    acknowledged = [mid for s in senders for mid in s.acknowledged]
    deadline = time.monotonic() + 300
    conn = sqlite3.connect(str(database), timeout=30)
    while time.monotonic() < deadline:
        if conn.execute("SELECT count(*) FROM messages WHERE outcome IS NULL").fetchone()[0] == 0:
            break
        time.sleep(0.5)
    daemon.terminate()
    rows = dict(conn.execute("SELECT message_id, count(*) FROM messages GROUP BY message_id").fetchall())
    with_outcome = dict(conn.execute(
        "SELECT message_id, count(*) FROM messages WHERE outcome IS NOT NULL GROUP BY message_id").fetchall())
    receipts = dict(conn.execute(
        "SELECT m.message_id, count(r.id) FROM messages m LEFT JOIN receipts r ON r.message_id = m.id "
        "GROUP BY m.id").fetchall())
    outcomes = dict(conn.execute("SELECT outcome, count(*) FROM messages GROUP BY outcome").fetchall())
    lost = sum(1 for mid in acknowledged if with_outcome.get(mid, 0) != 1)
    duplicated = sum(1 for mid in acknowledged if rows.get(mid, 0) > 1 or receipts.get(mid, 0) > 1)
    print("| mails answered 250 | kills | client retries | lost | duplicated | outcomes | seconds |")
    print("|--------------------|-------|----------------|------|------------|----------|---------|")
    print(f"| {len(acknowledged):18d} | {kills:5d} | {sum(s.retries for s in senders):14d} | {lost:4d} | "
          f"{duplicated:10d} | {outcomes} | {time.monotonic() - started:7.0f} |")
    sys.exit(1 if lost or duplicated or len(acknowledged) != args.clients * args.mails else 0)


if __name__ == "__main__":
    main()
