#!/usr/bin/env python3
"""Scale-out: the same mails through embedded mode and celery mode, in one run on this machine.

    .venv/bin/python bench/scale_out.py --receipts 12 --repeats 3

Variants, each on a fresh database with its processes started and warmed up before the clock
starts (the repeats are interleaved, so a drift in the machine's load touches every variant):
  embedded   the daemon's worker reads the mails itself, [ocr] threads = THREADS
  celery-1   one OCR worker process (``ocr-worker --concurrency 1``), the same threads: the
             broker's overhead against embedded
  celery-2   two OCR worker processes of THREADS each: the scaling against celery-1
Then the kill runs (celery-2): a worker's pool process SIGKILLed mid-task, the broker
restarted, the coordinator SIGKILLed and started again; mails lost and stored twice counted.
Receipts/s is mails of one photo each over the time from the first SMTP send to the last
mail done. Real Redis (Debian's redis-server) on loopback; real OCR.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import smtplib
import sqlite3
import statistics
import sys
import tempfile
import time
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # tests/harness.py, tests/celery_parts.py, tests/images.py

from celery_parts import OcrWorker, Redis  # noqa: E402
from dovecot import _process_tree  # noqa: E402
from harness import Daemon, write_config  # noqa: E402

DEV_SET = ROOT.parent / "shared" / "datasets" / "receipts-dev" / "images"


def photos(count: int) -> list[bytes]:
    """The dev set's first ``count`` photos (read in place, never copied), else synthetic ones."""
    if DEV_SET.is_dir():
        found = sorted(p for p in DEV_SET.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
        if len(found) >= count:
            return [p.read_bytes() for p in found[:count]]
    from images import US_RECEIPT, encode, receipt_image

    return [encode(receipt_image(US_RECEIPT[:3] + [f"03/14/2025 10:{n:02d}"] + US_RECEIPT[4:], width=760 + n),
                   "JPEG", quality=90) for n in range(count)]


def mail(data: bytes, n: int, tag: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "bench@example.org", "receipts@localhost", f"receipt {n}"
    msg["Message-ID"] = f"<{tag}-{n}@bench.example.org>"
    msg.set_content("receipt attached")
    msg.add_attachment(data, maintype="image", subtype="jpeg", filename=f"r{n}.jpg")
    return msg.as_bytes(policy=SMTP_POLICY)


def send(port: int, raw: bytes) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        client.sendmail("bench@example.org", ["receipts@localhost"], raw)


def done(database: Path) -> int:
    conn = sqlite3.connect(str(database), timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM messages WHERE status = 'done'").fetchone()[0]
    finally:
        conn.close()


def wait_done(database: Path, count: int, timeout: float = 1800) -> None:
    deadline = time.monotonic() + timeout
    while done(database) < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out: {done(database)} of {count} mails done in {database}")
        time.sleep(0.05)


def sections(directory: Path, threads: int, redis: Redis | None, in_flight: int) -> dict:
    made = {
        "smtp": {"host": "127.0.0.1", "port": 0},
        "store": {"database": str(directory / "receiptd.db")},
        "queue": {"poll_interval": 0.5, "retry_delay": 0.0, "shutdown_timeout": 30.0},
        "ocr": {"preload": True, "threads": threads},
        "panel": {"enabled": False},
        "log": {"level": "INFO"},  # the ready lines the harness waits for are INFO
    }
    if redis is not None:
        made["dispatch"] = {"mode": "celery", "broker_url": redis.url, "in_flight": in_flight,
                            "task_time_limit": 120.0}
    return made


class Setup:
    """A daemon (embedded or coordinator) and its OCR workers, started and warmed up."""

    def __init__(self, base: Path, name: str, *, workers: int, threads: int, redis: Redis | None, in_flight: int):
        self.dir = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=base))
        self.config = write_config(self.dir / "config.toml", sections(self.dir, threads, redis, in_flight))
        self.database = self.dir / "receiptd.db"
        self.workers = [OcrWorker(self.config).start() for _ in range(workers)]
        self.daemon = Daemon(self.config).start(timeout=300)
        self.sent = 0

    def run(self, batch: list[bytes], tag: str) -> float:
        """Seconds from the first send to the last mail done."""
        started = time.perf_counter()
        for n, data in enumerate(batch):
            send(self.daemon.port, mail(data, n, tag))
        self.sent += len(batch)
        wait_done(self.database, self.sent)
        return time.perf_counter() - started

    def cpu_seconds(self) -> float:
        """CPU time of the daemon's processes so far (the coordinator in celery mode: its own work
        per mail, the most one coordinator and its SQLite writer can take)."""
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for pid in _process_tree(self.daemon.proc.pid):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        return total

    def stop(self) -> None:
        self.daemon.stop()
        for worker in self.workers:
            worker.stop()


def measure(base: Path, name: str, batch: list[bytes], warm: list[bytes], redis: Redis | None, workers: int,
            threads: int, in_flight: int) -> dict:
    setup = Setup(base, name, workers=workers, threads=threads, redis=redis, in_flight=in_flight)
    try:
        setup.run(warm, f"{name}-warm")
        cpu = setup.cpu_seconds()
        seconds = setup.run(batch, name)
        cpu = setup.cpu_seconds() - cpu
    finally:
        setup.stop()
    return {"variant": name, "receipts": len(batch), "seconds": round(seconds, 2),
            "receipts_per_s": round(len(batch) / seconds, 3), "daemon_cpu_s_per_receipt": round(cpu / len(batch), 3)}


def kill_run(base: Path, batch: list[bytes], redis: Redis, threads: int, in_flight: int) -> dict:
    """celery-2 with a pool process SIGKILLed mid-task, the broker restarted and the coordinator
    SIGKILLed; every mail must end processed once."""
    setup = Setup(base, "kills", workers=2, threads=threads, redis=redis, in_flight=in_flight)
    try:
        for n, data in enumerate(batch):
            send(setup.daemon.port, mail(data, n, "kills"))
        first = setup.workers[0]
        first.wait_for(r"Task receiptd\.read_part\[[\w-]+\] received", 600, "a task")
        for child in first.children():
            os.kill(child, signal.SIGKILL)
        wait_done(setup.database, 1)
        redis.restart()
        wait_done(setup.database, min(len(batch) // 2, len(batch) - 1))
        setup.daemon.kill()
        setup.daemon = Daemon(setup.config).start(timeout=300)
        wait_done(setup.database, len(batch))
    finally:
        setup.stop()
    conn = sqlite3.connect(str(setup.database))
    try:
        ended = conn.execute("SELECT count(*) FROM messages WHERE outcome IN ('processed', 'no_receipt')").fetchone()[0]
        receipts, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT message_id || '/' || position) FROM receipts").fetchone()
        stale = conn.execute("SELECT coalesce(sum(value), 0) FROM dispatch_counters "
                             "WHERE name = 'stale_results_dropped'").fetchone()[0]
    finally:
        conn.close()
    return {"variant": "kills", "mails": len(batch), "lost": len(batch) - ended, "duplicated": receipts - distinct,
            "stale_results_dropped": stale}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--receipts", type=int, default=12, help="mails of one photo each, per variant and repeat")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="[ocr] threads of every reader")
    parser.add_argument("--in-flight", type=int, default=4)
    parser.add_argument("--no-kills", action="store_true")
    args = parser.parse_args()

    batch = photos(args.receipts + 2)
    warm, batch = batch[:2], batch[2:]
    base = Path(tempfile.mkdtemp(prefix="receiptd-scale-out-"))
    redis_dir = base / "redis"
    redis_dir.mkdir()
    redis = Redis(redis_dir).start()
    rows: list[dict] = []
    try:
        for repeat in range(args.repeats):
            for name, broker, workers in (("embedded", None, 0), ("celery-1", redis, 1), ("celery-2", redis, 2)):
                row = measure(base, name, batch, warm, broker, workers, args.threads, args.in_flight)
                rows.append({**row, "repeat": repeat})
                print("BENCH " + json.dumps(rows[-1]), flush=True)
        kills = None if args.no_kills else kill_run(base, batch, redis, args.threads, args.in_flight)
        if kills:
            print("BENCH " + json.dumps(kills), flush=True)
    finally:
        redis.stop()
    report(rows, kills, args)


def report(rows: list[dict], kills: dict | None, args) -> None:
    median = {name: statistics.median(r["receipts_per_s"] for r in rows if r["variant"] == name)
              for name in ("embedded", "celery-1", "celery-2")}
    print(f"\n{args.receipts} receipts per run, {args.repeats} repeats, [ocr] threads = {args.threads}, "
          f"in_flight = {args.in_flight}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| variant | receipts/s per repeat | median receipts/s | median s/receipt | daemon CPU s/receipt |")
    print("|---|---|---|---|---|")
    for name, value in median.items():
        each = ", ".join(f"{r['receipts_per_s']:.3f}" for r in rows if r["variant"] == name)
        cpu = statistics.median(r["daemon_cpu_s_per_receipt"] for r in rows if r["variant"] == name)
        print(f"| {name} | {each} | {value:.3f} | {1 / value:.2f} | {cpu:.3f} |")
    overhead = 1 / median["celery-1"] - 1 / median["embedded"]
    print(f"\ncelery-1 / embedded: {median['celery-1'] / median['embedded']:.3f} "
          f"(broker overhead {overhead:+.2f} s per receipt)")
    print(f"celery-2 / celery-1: {median['celery-2'] / median['celery-1']:.3f}")
    if kills:
        print(f"kill run: {kills['mails']} mails, {kills['lost']} lost, {kills['duplicated']} duplicated, "
              f"{kills['stale_results_dropped']} stale answers dropped")


if __name__ == "__main__":
    main()
