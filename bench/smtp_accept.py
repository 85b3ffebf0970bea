#!/usr/bin/env python3
"""SMTP accept rate: receiptd's handler (durable SQLite queue) against a bare aiosmtpd
handler that writes and fsyncs one file per mail, side by side in one run.

    .venv/bin/python bench/smtp_accept.py --messages 100 --clients 4 --size 1000000 --rounds 3

Each round sends the same mails to both servers in turn (order alternating); the table
shows the median messages/s over rounds and the ratio receiptd / bare.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import smtplib
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.smtp import SMTP  # noqa: E402

from receiptd.config import SmtpConfig  # noqa: E402
from ingest.smtp import QueueWriter, ReceiptHandler, smtp_factory  # noqa: E402
from store.db import open_db  # noqa: E402

RECIPIENT = "receipts@localhost"


class FsyncFileHandler:
    """The bare baseline: write the mail to a file, fsync, answer 250."""

    def __init__(self, directory: Path):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope):
        path = self.directory / f"{uuid.uuid4().hex}.eml"
        with open(path, "wb") as fh:
            fh.write(envelope.original_content)
            fh.flush()
            os.fsync(fh.fileno())
        return "250 OK"


class ServerThread:
    def __init__(self, factory):
        self.factory = factory
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.port = 0
        threading.Thread(target=self._run, daemon=True).start()
        self.ready.wait()

    def _run(self):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(self.loop.create_server(self.factory, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self.ready.set()
        self.loop.run_forever()


def make_mail(size: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = "panelist@example.org"
    msg["To"] = RECIPIENT
    msg["Subject"] = "receipt"
    msg.set_content("photo attached")
    msg.add_attachment(os.urandom(size), maintype="image", subtype="jpeg", filename="IMG.jpg")
    return msg.as_bytes(policy=SMTP_POLICY)


def blast(port: int, mails: list[bytes], clients: int) -> float:
    def client(chunk: list[bytes]):
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
            for raw in chunk:
                smtp.sendmail("panelist@example.org", [RECIPIENT], raw)

    chunks = [mails[i::clients] for i in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, chunks))
    return len(mails) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--size", type=int, default=1_000_000, help="photo bytes per mail")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="smtp-bench-"))
    # no rate limits: this measures throughput, not policy
    config = SmtpConfig(max_message_size=4 * args.size + 100_000, rate_per_ip="", rate_per_sender="")
    database = work / "queue.db"
    open_db(database, migrate=True).close()
    writer = QueueWriter(str(database), busy_timeout_ms=10_000)
    ours = ServerThread(smtp_factory(config, ReceiptHandler(config, writer)))
    spool = work / "spool"
    spool.mkdir()
    bare = ServerThread(lambda: SMTP(FsyncFileHandler(spool), data_size_limit=config.max_message_size))

    rates: dict[str, list[float]] = {"receiptd (SQLite WAL, synchronous=FULL)": [], "bare aiosmtpd + fsync file": []}
    names = list(rates)
    for round_no in range(args.rounds):
        mails = [make_mail(args.size) for _ in range(args.messages)]
        order = [(names[0], ours), (names[1], bare)]
        for name, server in order if round_no % 2 == 0 else reversed(order):
            rates[name].append(blast(server.port, mails, args.clients))

    stored = open_db(database).execute("SELECT count(*) FROM messages").fetchone()[0]
    assert stored == args.messages * args.rounds, stored
    ours_median = statistics.median(rates[names[0]])
    bare_median = statistics.median(rates[names[1]])
    print(f"{args.messages} mails x {args.rounds} rounds, {args.clients} clients, {args.size / 1e6:.1f} MB photo each")
    print(f"| {'server':<42} | median msg/s | MB/s  | rounds (msg/s) |")
    print(f"|{'-' * 44}|--------------|-------|----------------|")
    for name in names:
        median = statistics.median(rates[name])
        print(f"| {name:<42} | {median:12.1f} | {median * args.size / 1e6:5.1f} | "
              f"{', '.join(f'{r:.1f}' for r in rates[name])} |")
    print(f"ratio receiptd / bare: {ours_median / bare_median:.2f}")


if __name__ == "__main__":
    main()
