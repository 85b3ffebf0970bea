"""receiptctl's analyst commands: ``report brands`` (k-suppressed CSV + chart) and ``serve`` (Datasette)."""
from __future__ import annotations

import csv
import datetime as dt
import ipaddress
import re
from decimal import Decimal
from pathlib import Path

import click

from receiptd import config as configuration

SERVED_NAME = "receiptd"  # the database's name in serve's URLs (/receiptd/v_receipts), whatever the file is called
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


def refresh_analyst_db(config: configuration.Config, out: str | Path | None = None, *, sync: bool = True):
    """Write the analysts' database (``[analytics] database``, or ``out``) anew from the operational
    one; with ``sync``, first bring the brand list and pseudonyms in line with ``[analytics]``."""
    from store import analyst_db, analytics
    from store.db import open_db

    if sync:
        db = open_db(config.store.database, busy_timeout_ms=config.store.busy_timeout_ms, migrate=True)
        try:
            analytics.sync(db, config.analytics)
        finally:
            db.close()
    return analyst_db.build(config.store.database, out or configuration.analyst_database(config),
                            metadata_text=METADATA.read_text(encoding="utf-8"))


def _analyst_file(config: configuration.Config):
    """The analysts' database, made anew first (read-only connection)."""
    import sqlite3

    from store.analyst_authorizer import analyst_authorizer

    built = refresh_analyst_db(config)
    conn = sqlite3.connect(f"file:{built.path}?mode=ro", uri=True)
    conn.set_authorizer(analyst_authorizer)
    return conn


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
    db = _analyst_file(config)
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
    """A Datasette serving the analysts' file ``database``, immutable, with the analyst metadata and
    an allow-list authorizer on its connections. When the file is replaced by a refresh, each
    connection is opened anew on the new file before its next query."""
    from datasette import hookimpl
    from datasette.app import Datasette
    from datasette.plugins import pm

    from store.analyst_authorizer import analyst_authorizer

    name = SERVED_NAME

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
        metadata=load_metadata(metadata_path, name),
        settings={"sql_time_limit_ms": 5000, "allow_download": False, "suggest_facets": False},
    )
    if "_memory" in ds.databases:
        ds.remove_database("_memory")  # Datasette's scratch database when it is given no file: not served
    ds.add_database(_refreshing_database(ds, database), name=name)
    return ds


def _refreshing_database(ds, path: Path):
    """A Datasette ``Database`` for an immutable file that refreshes replace by renaming: a
    connection opened on an older file (another inode) is closed and opened on the current one."""
    import os

    from datasette import database as datasette_database

    class RefreshedFile(datasette_database.Database):
        def __init__(self):
            super().__init__(ds, path=str(path), is_mutable=False)
            self._opened_on: dict[int, int] = {}  # id(connection) -> inode it was opened on
            self._inode = os.stat(path).st_ino

        def connect(self, write=False):
            conn = super().connect(write=write)
            self._opened_on[id(conn)] = os.stat(path).st_ino
            return conn

        async def execute_fn(self, fn):
            current = os.stat(path).st_ino
            if current != self._inode:  # a refresh replaced the file: its counts and hash are new
                self._cached_table_counts = None
                self.cached_hash = self.cached_size = None
                self._inode = current

            def on_current_file(conn):
                if self._opened_on.get(id(conn)) != current:
                    self._opened_on.pop(id(conn), None)
                    conn.close()
                    if conn in self._all_file_connections:
                        self._all_file_connections.remove(conn)
                    conn = self.connect()
                    self.ds._prepare_connection(conn, self.name)  # the authorizer, as on the first one
                    setattr(datasette_database.connections, self.name, conn)
                return fn(conn)

            return await super().execute_fn(on_current_file)

    return RefreshedFile()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="loopback address to listen on")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--metadata", "metadata_path", default=str(METADATA), show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="Datasette metadata (descriptions, canned queries)")
@click.pass_obj
def serve(config: configuration.Config, host: str, port: int, metadata_path: str) -> None:
    """Datasette on the analysts' database ([analytics] database), read-only, on loopback.

    The file is made anew at start; while the daemon refreshes it, each query reads the newest."""
    if not _loopback(host):
        raise click.ClickException(f"{host} is not a loopback address: serve on 127.0.0.1 (put a proxy with "
                                   "authentication in front to share it)")
    import uvicorn
    from datasette.cli import run_sync

    built = refresh_analyst_db(config)
    ds = build_datasette(built.path, Path(metadata_path))
    run_sync(ds.invoke_startup)
    click.echo(f"receiptctl serve: http://{host}:{port}/ ({built.path}, the analysts' database, read-only) "
               f"started {dt.datetime.now().isoformat(timespec='seconds')}", err=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)


@click.command("analytics-db")
@click.option("--out", "out_path", default=None, type=click.Path(dir_okay=False),
              help="file to write (default [analytics] database)")
@click.pass_obj
def analytics_db(config: configuration.Config, out_path: str | None) -> None:
    """Write the analysts' database: only what analysts may see, as a new file renamed into place."""
    built = refresh_analyst_db(config, out_path)
    counts = ", ".join(f"{table} {n}" for table, n in built.rows.items())
    click.echo(f"{built.path}: {counts} ({built.seconds:.1f}s)")


def register(main: click.Group) -> None:
    main.add_command(report)
    main.add_command(serve)
    main.add_command(analytics_db)
