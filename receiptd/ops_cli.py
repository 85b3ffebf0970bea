"""receiptctl's operator commands: dead letters and exports."""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from receiptd import config as configuration

# Exported columns: purchase data only; no addresses, no mail identifiers.
EXPORTS = {
    "receipts": """SELECT id, merchant, merchant_raw, brand_wikidata, merchant_address, purchase_date, purchase_time,
                          currency, total, subtotal, tax, tax_rate, tip, payment, category, status, reason,
                          redacted_items, redacted_amount, created_at
                   FROM receipts ORDER BY id""",
    "line_items": """SELECT li.id, li.receipt_id, li.position, li.description, li.quantity, li.unit_price, li.amount
                     FROM line_items li ORDER BY li.receipt_id, li.position""",
}


def open_store(config: configuration.Config):
    """The configured database, migrated: every receiptctl command opens it so."""
    from store.db import open_db

    return open_db(config.store.database, busy_timeout_ms=config.store.busy_timeout_ms, migrate=True)


@click.group()
def deadletter() -> None:
    """Mails set aside after repeated failures: list, retry, drop."""


@deadletter.command("list")
@click.pass_obj
def deadletter_list(config: configuration.Config) -> None:
    """One line per dead letter: id, received, attempts, whether the raw mail is kept, error."""
    from ingest.queue import DeadLetters

    db = open_store(config)
    try:
        rows = DeadLetters(db).list()
    finally:
        db.close()
    if not rows:
        click.echo("no dead letters")
    for row in rows:
        click.echo(f"{row['id']}\t{row['received_at']}\tattempts={row['attempts']}\t"
                   f"raw={'kept' if row['has_raw'] else 'gone'}\t{row['error']}")


@deadletter.command("retry")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.pass_obj
def deadletter_retry(config: configuration.Config, ids: tuple[int, ...]) -> None:
    """Put dead letters IDS back on the queue with fresh attempts."""
    _each(config, ids, "retry", "queued again")


@deadletter.command("drop")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.pass_obj
def deadletter_drop(config: configuration.Config, ids: tuple[int, ...]) -> None:
    """Give up on dead letters IDS: their raw mail is deleted, the rows stay as 'dropped'."""
    _each(config, ids, "drop", "dropped")


def _each(config: configuration.Config, ids: tuple[int, ...], action: str, done: str) -> None:
    from ingest.queue import DeadLetters

    db = open_store(config)
    failed = []
    try:
        letters = DeadLetters(db)
        for queue_id in ids:
            if getattr(letters, action)(queue_id):
                click.echo(f"{queue_id} {done}")
            else:
                failed.append(queue_id)
    finally:
        db.close()
    if failed:
        raise click.ClickException(f"not a dead letter (or its raw mail is gone): {', '.join(map(str, failed))}")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="export", show_default=True,
              help="directory for receipts.<fmt> and line_items.<fmt>")
@click.pass_obj
def export(config: configuration.Config, fmt: str, out_dir: str) -> None:
    """Write receipts and line items (amounts in minor units) as CSV or Parquet files."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db = open_store(config)
    try:
        for name, sql in EXPORTS.items():
            cursor = db.execute(sql)
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            path = out / f"{name}.{fmt}"
            (_write_csv if fmt == "csv" else _write_parquet)(path, columns, rows)
            click.echo(f"{path}: {len(rows)} rows")
    finally:
        db.close()


def _write_csv(path: Path, columns: list[str], rows: list[tuple]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows(rows)


def _write_parquet(path: Path, columns: list[str], rows: list[tuple]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
    pq.write_table(table, path)


@click.command()
@click.option("--since", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="receipts stored on or after this date (YYYY-MM-DD)")
@click.option("--progress/--no-progress", default=True, show_default=True, help="show a progress bar")
@click.pass_obj
def reprocess(config: configuration.Config, since, progress: bool) -> None:
    """Extract receipts again from their stored (redacted) text after an upgrade; never a second reward."""
    from tqdm import tqdm

    from ingest.reprocess import candidates
    from ingest.reprocess import reprocess as run

    db = open_store(config)
    try:
        ids = candidates(db, since.date())
        bar = (lambda items: tqdm(items, total=len(ids), unit="receipt", file=sys.stderr)) if progress else iter
        result = run(db, config, ids, progress=bar)
    finally:
        db.close()
    click.echo(f"{result.receipts} receipts reprocessed, {result.changed} changed, {result.rewards} new rewards")


def register(main: click.Group) -> None:
    main.add_command(deadletter)
    main.add_command(export)
    main.add_command(reprocess)
