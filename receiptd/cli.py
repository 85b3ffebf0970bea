"""receiptctl: the operator's and analyst's command line. Thin: parse, call, print."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from . import config as configuration


@click.group()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="config.toml to use")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """Inspect and operate a receiptd installation."""
    try:
        ctx.obj = configuration.load(config_path)
    except configuration.ConfigError as err:
        raise click.ClickException(f"configuration error: {err}") from None


@main.command()
@click.pass_obj
def status(config: configuration.Config) -> None:
    """Queue depth, dead letters and messages by outcome."""
    from store.db import open_db

    db = open_db(config.store.database, busy_timeout_ms=config.store.busy_timeout_ms, migrate=True)
    try:
        queued = dict(db.execute("SELECT status, count(*) FROM messages GROUP BY status").fetchall())
        outcomes = db.execute(
            "SELECT outcome, count(*) FROM messages WHERE outcome IS NOT NULL GROUP BY outcome ORDER BY outcome"
        ).fetchall()
        receipts = db.execute("SELECT status, count(*) FROM receipts GROUP BY status ORDER BY status").fetchall()
    finally:
        db.close()
    dead = dict(outcomes).get("dead_letter", 0)
    click.echo(f"database      {config.store.database}")
    click.echo(f"queue depth   {queued.get('queued', 0) + queued.get('claimed', 0)} "
               f"(queued {queued.get('queued', 0)}, in progress {queued.get('claimed', 0)})")
    click.echo(f"dead letters  {dead}")
    click.echo("messages by outcome:" + ("" if outcomes else " none yet"))
    for outcome, count in outcomes:
        click.echo(f"  {outcome:<12} {count}")
    click.echo("receipts by status:" + ("" if receipts else " none yet"))
    for state, count in receipts:
        click.echo(f"  {state:<12} {count}")


@main.command()
@click.argument("images", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
def extract(config: configuration.Config, images: tuple[str, ...]) -> None:
    """OCR and extract receipts from IMAGE files; one JSON object per line (the daemon's code path)."""
    from ingest.pipeline import Pipeline
    from parse.images import ImageRejected, sniff
    from parse.pdf import PdfRejected
    from parse.types import Candidate

    pipeline = Pipeline(config)
    failed = False
    for path in images:
        data = Path(path).read_bytes()
        media_type = sniff(data)
        if media_type is None:
            click.echo(json.dumps({"image": path, "error": "not an image or PDF"}))
            failed = True
            continue
        candidate = Candidate(
            position=0, kind="pdf" if media_type == "application/pdf" else "image", media_type=media_type, data=data
        )
        started = time.perf_counter()
        try:
            result = pipeline.understand(candidate, pipeline.read(candidate))
        except (ImageRejected, PdfRejected) as err:
            click.echo(json.dumps({"image": path, "error": err.reason}))
            failed = True
            continue
        record = receipt_json(result.receipt)
        click.echo(json.dumps({"image": path, **record, "status": result.status, "reason": result.reason,
                               "seconds": round(time.perf_counter() - started, 3)}, ensure_ascii=False))
        sys.stdout.flush()
    if failed:
        sys.exit(1)


def receipt_json(receipt) -> dict:
    def amount(value):
        return None if value is None else str(value)

    return {
        "merchant": receipt.merchant,
        "merchant_address": receipt.merchant_address,
        "phone": receipt.phone,
        "date": receipt.date.isoformat() if receipt.date else None,
        "time": receipt.time.strftime("%H:%M") if receipt.time else None,
        "currency": receipt.currency,
        "total": amount(receipt.total),
        "subtotal": amount(receipt.subtotal),
        "tax": amount(receipt.tax),
        "tax_rate": amount(receipt.tax_rate),
        "tip": amount(receipt.tip),
        "items": [
            {
                "description": item.description,
                "quantity": amount(item.quantity),
                "unit_price": amount(item.unit_price),
                "amount": amount(item.amount),
            }
            for item in receipt.items
        ],
        "redacted_items": receipt.redacted_items,
        "redacted_amount": amount(receipt.redacted_amount),
        "payment": receipt.payment,
        "receipt_number": receipt.receipt_number,
        "category": receipt.category,
        "confidence": receipt.confidence,
        "flags": receipt.flags,
    }


if __name__ == "__main__":
    main()
