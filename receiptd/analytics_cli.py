"""receiptctl's analyst commands: ``report brands`` (k-suppressed CSV + chart) and ``serve`` (Datasette)."""
from __future__ import annotations

import csv
import datetime as dt
import ipaddress
import re
from decimal import Decimal
from pathlib import Path

import click

from . import config as configuration

METADATA = Path(__file__).resolve().parent.parent / "store" / "datasette-metadata.yml"

BRAND_SQL = """
SELECT brand, currency,
       count(DISTINCT panelist) AS panelists,
       count(DISTINCT receipt_id) AS receipts,
       count(*) AS items,
       sum(amount) AS spend
FROM v_brand_mentions
WHERE month = ? AND panelist IS NOT NULL
GROUP BY brand, currency
ORDER BY brand, currency
"""


def _db(config: configuration.Config):
    from store import analytics
    from store.db import open_db

    db = open_db(config.store.database, busy_timeout_ms=config.store.busy_timeout_ms, migrate=True)
    analytics.sync(db, config.analytics)
    return db


def _month(ctx, param, value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}", value or "") or not 1 <= int(value[5:]) <= 12:
        raise click.BadParameter("expected YYYY-MM, e.g. 2026-06")
    return value


def brand_report(db, month: str, k: int) -> tuple[list[dict], int]:
    """Per brand and currency for ``month``: panelists, receipts, items and spend; cells with fewer
    than ``k`` distinct panelists are left out. Returns (published rows, number suppressed).

    Only receipts from a panelist count (an extraction-only receipt has no one to count)."""
    from store.records import _MINOR_DIGITS

    published, suppressed = [], 0
    for brand, currency, panelists, receipts, items, spend in db.execute(BRAND_SQL, [month]).fetchall():
        if panelists < k:
            suppressed += 1
            continue
        digits = _MINOR_DIGITS.get((currency or "").upper(), 2)
        published.append({
            "month": month, "brand": brand, "currency": currency, "panelists": panelists, "receipts": receipts,
            "items": items, "spend": Decimal(f"{spend:.{digits}f}") if spend is not None else None,
        })
    return published, suppressed


def write_chart(path: Path, rows: list[dict], month: str, k: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    height = max(2.5, 0.35 * len(rows) + 1.5)
    fig, (spend_ax, people_ax) = plt.subplots(1, 2, figsize=(11, height), sharey=True)
    labels = [f"{r['brand']} ({r['currency']})" for r in rows]
    spend_ax.barh(labels, [float(r["spend"] or 0) for r in rows], color="#4477aa")
    spend_ax.set_xlabel("spend (currency of the row)")
    people_ax.barh(labels, [r["panelists"] for r in rows], color="#ee6677")
    people_ax.set_xlabel("distinct panelists")
    spend_ax.invert_yaxis()
    if not rows:
        spend_ax.text(0.5, 0.5, f"no brand reached {k} panelists", ha="center", va="center",
                      transform=spend_ax.transAxes)
    fig.suptitle(f"Brand spend, {month} (cells with fewer than {k} panelists suppressed)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


@click.group()
def report() -> None:
    """Aggregate reports safe to share (small cells suppressed)."""


@report.command("brands")
@click.option("--month", required=True, callback=_month, help="purchase month, YYYY-MM")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="directory to write into")
@click.option("--k", "k", type=click.IntRange(min=1), default=None,
              help="least distinct panelists a published cell has (default [analytics] k_threshold)")
@click.pass_obj
def report_brands(config: configuration.Config, month: str, out_dir: str, k: int | None) -> None:
    """Spend and panelist counts per brand for MONTH: brands-MONTH.csv and brands-MONTH.png in OUT."""
    k = k or config.analytics.k_threshold
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db = _db(config)
    try:
        rows, suppressed = brand_report(db, month, k)
    finally:
        db.close()
    csv_path, png_path = out / f"brands-{month}.csv", out / f"brands-{month}.png"
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["month", "brand", "currency", "panelists", "receipts", "items", "spend"])
        writer.writeheader()
        writer.writerows(rows)
    write_chart(png_path, rows, month, k)
    click.echo(f"{csv_path}: {len(rows)} brand rows ({suppressed} suppressed: fewer than {k} panelists)")
    click.echo(f"{png_path}")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_metadata(path: Path, database_name: str) -> dict:
    """The metadata file, its single database section renamed to the served file's name."""
    import yaml

    metadata = yaml.safe_load(path.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    if databases:
        (section,) = databases.values()
        metadata["databases"] = {database_name: section}
    return metadata


def build_datasette(database: Path, metadata_path: Path = METADATA):
    """A Datasette serving ``database`` read-only (``?mode=ro``) with the analyst metadata."""
    from datasette import hookimpl
    from datasette.app import Datasette
    from datasette.plugins import pm

    from store.analytics import analyst_authorizer

    name = database.stem

    class AnalystConnections:
        """Every connection to the served database gets the analyst authorizer."""

        __name__ = "receiptd-analyst"  # Datasette lists plugins by module name

        @hookimpl
        def prepare_connection(self, conn, database, datasette):
            if database == name:
                conn.set_authorizer(analyst_authorizer)

    if pm.get_plugin("receiptd-analyst") is not None:
        pm.unregister(name="receiptd-analyst")
    pm.register(AnalystConnections(), name="receiptd-analyst")
    ds = Datasette(
        [str(database)],  # not immutable: the daemon keeps writing; Datasette opens it with ?mode=ro
        metadata=load_metadata(metadata_path, name),
        settings={"sql_time_limit_ms": 5000, "allow_download": False, "suggest_facets": False},
    )
    return ds


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="loopback address to listen on")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--metadata", "metadata_path", default=str(METADATA), show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="Datasette metadata (descriptions, canned queries)")
@click.pass_obj
def serve(config: configuration.Config, host: str, port: int, metadata_path: str) -> None:
    """Datasette on the database, read-only, on loopback: analyst views, search, canned queries.

    Analysts' own SQL reads addresses, panelist row ids, mails and images as NULL."""
    if not _loopback(host):
        raise click.ClickException(f"{host} is not a loopback address: serve on 127.0.0.1 (put a proxy with "
                                   "authentication in front to share it)")
    import uvicorn
    from datasette.cli import run_sync

    database = Path(config.store.database).resolve()
    _db(config).close()  # migrations, brand list and pseudonyms up to date before the read-only server
    ds = build_datasette(database, Path(metadata_path))
    run_sync(ds.invoke_startup)
    click.echo(f"receiptctl serve: http://{host}:{port}/ ({database}, read-only) "
               f"started {dt.datetime.now().isoformat(timespec='seconds')}", err=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)


def register(main: click.Group) -> None:
    main.add_command(report)
    main.add_command(serve)
