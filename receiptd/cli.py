"""receiptctl: the operator's and analyst's command line. Thin: parse, call, print."""
from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import click

from receiptd import config as configuration
from .ops_cli import open_store


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

    db = open_store(config)
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
    _dispatch_status(config)


def _dispatch_status(config: configuration.Config) -> None:
    """Celery mode: the OCR tasks out, the workers seen, the answers dropped."""
    from ingest.ocr_tasks import BrokerConfigError, broker_url, masked
    from store import dispatch

    if config.dispatch.mode != "celery":
        click.echo("dispatch      embedded (OCR in the worker process)")
        return
    try:
        broker = masked(broker_url(config.dispatch))
    except BrokerConfigError as err:
        broker = f"unknown: {err}"
    db = open_store(config)
    try:
        in_flight, counters, workers = dispatch.tasks_in_flight(db), dispatch.counters(db), dispatch.workers(db)
    finally:
        db.close()
    click.echo(f"dispatch      celery, broker {broker}, up to {config.dispatch.in_flight} mails in flight")
    click.echo(f"tasks in flight        {in_flight}")
    click.echo(f"stale results dropped  {counters[dispatch.STALE_RESULTS_DROPPED]}")
    click.echo(f"unanswered (retried)   {counters[dispatch.UNANSWERED]}")
    click.echo(f"broker unreachable     {counters[dispatch.BROKER_UNREACHABLE]}")
    click.echo(f"failed tasks           {counters[dispatch.FAILED_TASKS]}")
    click.echo("OCR workers seen:" + ("" if workers else " none yet"))
    for name, last_seen, parts in workers:
        click.echo(f"  {name}  last answered {last_seen}, {parts} part(s)")


@main.command("ocr-worker")
@click.option("--concurrency", type=click.IntRange(min=1), default=1, show_default=True,
              help="worker processes, each with its own OCR engine ([ocr] threads each)")
@click.pass_obj
def ocr_worker(config: configuration.Config, concurrency: int) -> None:
    """Start an OCR worker: Celery's own worker on the [dispatch] broker of this config."""
    from ingest.ocr_tasks import BrokerConfigError, run_worker

    if config.dispatch.mode != "celery":
        raise click.ClickException('[dispatch] mode is not "celery": there is no broker to take work from')
    try:
        run_worker(config, concurrency=concurrency)
    except BrokerConfigError as err:
        raise click.ClickException(str(err)) from None


@main.command()
@click.argument("images", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--received", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day the mail came in (YYYY-MM-DD): a date printed without its year takes it from this, "
                   "as the daemon does; without it, from the day a photo's EXIF says it was taken.")
@click.pass_obj
def extract(config: configuration.Config, images: tuple[str, ...], received: dt.datetime | None) -> None:
    """OCR and extract receipts from IMAGE files; one JSON object per line (the daemon's code path)."""
    from ingest.pipeline import Pipeline
    from panel.eligibility import judge_readable
    from parse.extract import dated_by_mail
    from parse.images import ImageRejected, sniff, taken_on
    from parse.pdf import PdfRejected
    from parse.types import Candidate
    from store.records import receipt_record

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
        day, source = (received.date(), "mail") if received else (taken_on(data), "photo")
        receipt = dated_by_mail(result.receipt, result.lines, day, source=source) if day else result.receipt
        record = receipt_record(receipt)
        status, reason = judge_readable(receipt)
        click.echo(json.dumps({"image": path, **record, "status": status, "reason": reason,
                               "seconds": round(time.perf_counter() - started, 3)}, ensure_ascii=False,
                              default=str))  # Decimal amounts as text ("12.30")
        sys.stdout.flush()
    if failed:
        sys.exit(1)


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) != 2 or not value.isalpha():
        raise click.BadParameter("an ISO 3166 two-letter code, e.g. US", param_hint="--country")
    return value.upper()


@main.group()
def panelist() -> None:
    """Panel members: invite, list, show, set preferences, remove."""


WELCOME_STATUS = {
    "pending": "welcome mail queued: the running daemon sends it (if it is not running, when it next runs)",
    "recorded": "welcome mail recorded, not sent: no [outbound] relay is configured",
    "suppressed": "welcome mail suppressed: the address had max_replies_per_day replies in the last 24 hours",
}

no_mail_option = click.option("--no-mail", is_flag=True, help="send no welcome mail (e.g. already told)")


def _welcome(db, config: configuration.Config, row: dict, no_mail: bool) -> str | None:
    """Record the welcome mail to a new panelist in the open transaction; what to tell the operator."""
    from panel.flow import Panel
    from panel.replies import welcome_mail
    from store import panel as store

    if no_mail:
        return None
    if not config.panel.enabled:
        return "no welcome mail: the panel is off ([panel] enabled = false)"
    panel = Panel(config, db)
    subject, body = welcome_mail(config.panel, row, next(iter(panel.own_addresses), None))
    _, status = store.record_reply(
        db, recipient=row["address"], subject=subject, body=body, kind="welcome", queue_id=None,
        panelist_id=row["id"], in_reply_to=None, send=config.outbound is not None, domain=panel.domain,
        max_per_day=config.panel.max_replies_per_day,
    )
    return WELCOME_STATUS[status]


@panelist.command("invite")
@click.argument("address")
@click.option("--country", help="ISO 3166 two-letter country code")
@click.option("--donate", "charity", metavar="CHARITY", help="give the rewards to this charity (default: credit)")
@click.option("--language", type=click.Choice(["en", "de"]),
              help="language of the panelist's mail (default: from --country, DE/AT/CH/LI German, else English)")
@no_mail_option
@click.pass_obj
def panelist_invite(config: configuration.Config, address: str, country: str | None, charity: str | None,
                    language: str | None, no_mail: bool) -> None:
    """Invite ADDRESS and mail it a welcome: its first mail makes it an active panelist.
    Admits a waitlisted address."""
    from panel.templates import language_for_country
    from store import panel as store
    from store.db import immediate

    db = open_store(config)
    try:
        with immediate(db):
            try:
                row, what = store.invite(db, address, country=_country(country),
                                         reward="donation" if charity else "credit", charity=charity,
                                         language=language or (language_for_country(country) if country else None))
            except ValueError as err:
                raise click.ClickException(f"{address}: {err}") from None
            mailed = _welcome(db, config, row, no_mail) if what != "exists" else None
    finally:
        db.close()
    if what == "exists":
        click.echo(f"{row['address']} is already {row['status']}")
        return
    click.echo(f"{row['address']} {what}")
    if mailed:
        click.echo(mailed)


@panelist.command("list")
@click.option("--status", type=click.Choice(["invited", "active", "waitlisted", "left"]), help="only this status")
@click.pass_obj
def panelist_list(config: configuration.Config, status: str | None) -> None:
    """Panelists (all but those who left): address, status, country, reward."""
    from store import panel as store

    db = open_store(config)
    try:
        rows = store.list_panelists(db, status)
    finally:
        db.close()
    for row in rows:
        reward = f"donation:{row['charity']}" if row["reward"] == "donation" else "credit"
        click.echo(f"{row['address'] or '(erased #' + str(row['id']) + ')'}\t{row['status']}\t"
                   f"{row['country'] or '-'}\t{reward}")


@panelist.command("show")
@click.argument("address")
@click.pass_obj
def panelist_show(config: configuration.Config, address: str) -> None:
    """One panelist: status, dates, this month's progress, receipts and rewards."""
    import datetime as dt

    from panel.eligibility import Rules
    from panel.replies import money, month_name
    from store import panel as store

    db = open_store(config)
    try:
        row = store.get_panelist(db, address)
        if row is None:
            raise click.ClickException(f"{address}: not a panelist")
        month = Rules.from_config(config.panel).month(dt.datetime.now(dt.timezone.utc))
        count = store.month_count(db, row["id"], month)
        counts = store.receipt_counts(db, row["id"])
        rewards = store.rewards_of(db, row["id"])
    finally:
        db.close()
    for key in ("address", "status", "country", "language", "reward", "charity", "invited_at", "joined_at",
                "waitlisted_at"):
        click.echo(f"{key:<14}{row[key] if row[key] is not None else '-'}")
    click.echo(f"{'this month':<14}{count} of {config.panel.reward_receipts} ({month_name(month)})")
    click.echo(f"{'receipts':<14}{counts.get('accepted', 0)} accepted, {counts.get('rejected', 0)} rejected")
    click.echo("rewards:" + ("" if rewards else " none"))
    for reward in rewards:
        click.echo(f"  {reward['month']}  {money(reward['amount'], reward['currency'])}  {reward['kind']}"
                   + (f" ({reward['charity']})" if reward["charity"] else ""))


@panelist.command("set")
@click.argument("address")
@click.option("--country", help="ISO 3166 two-letter country code")
@click.option("--credit", is_flag=True, help="rewards as a credit")
@click.option("--donate", "charity", metavar="CHARITY", help="rewards as a donation to this charity")
@click.pass_obj
def panelist_set(config: configuration.Config, address: str, country: str | None, credit: bool,
                 charity: str | None) -> None:
    """Change a panelist's country or reward preference (rewards already earned keep theirs)."""
    from store import panel as store
    from store.db import immediate

    if credit and charity:
        raise click.UsageError("--credit and --donate exclude each other")
    db = open_store(config)
    try:
        with immediate(db):
            row = store.get_panelist(db, address)
            if row is None:
                raise click.ClickException(f"{address}: not a panelist")
            store.set_preferences(db, row["id"], country=_country(country),
                                  reward="credit" if credit else ("donation" if charity else None), charity=charity)
    finally:
        db.close()
    click.echo(f"{row['address']} updated")


@panelist.command("remove")
@click.argument("address")
@click.pass_obj
def panelist_remove(config: configuration.Config, address: str) -> None:
    """Remove ADDRESS from the panel and erase its data, as a LEAVE mail does (no mail is sent).
    The reward ledger keeps its rows, without the address."""
    from store import panel as store
    from store.db import immediate
    from store.search_index import purge_search_index

    db = open_store(config)
    try:
        with immediate(db):
            row = store.get_panelist(db, address)
            if row is None:
                raise click.ClickException(f"{address}: not a panelist")
            counts = store.erase_panelist(db, row)
        with immediate(db):
            purge_search_index(db)  # no word of their receipts stays in the search index
    finally:
        db.close()
    click.echo(f"{row['address']} removed: {counts['receipts']} receipt(s) and {counts['messages']} mail(s) erased")


@panelist.command("export")
@click.argument("address")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="directory for the files (created if missing)")
@click.pass_obj
def panelist_export(config: configuration.Config, address: str, out_dir: Path) -> None:
    """Write all data held about ADDRESS (record, receipts with line items, rewards, survey
    answers) as CSV files and one JSON file: what an EXPORT mail sends the panelist."""
    from panel import export
    from store import panel as store
    from store.db import immediate

    db = open_store(config)
    try:
        with immediate(db):  # one transaction: the files agree with each other
            row = store.get_panelist(db, address)
            if row is None:
                raise click.ClickException(f"{address}: not a panelist")
            exported = export.files(export.collect(db, row))
    finally:
        db.close()
    for path in export.write(out_dir, exported):
        click.echo(path)


@main.group()
def waitlist() -> None:
    """Senders who mailed without being panelists."""


@waitlist.command("list")
@click.pass_obj
def waitlist_list(config: configuration.Config) -> None:
    """The waiting list's addresses, oldest first, one a line."""
    from store import panel as store

    db = open_store(config)
    try:
        rows = store.list_panelists(db, "waitlisted")
    finally:
        db.close()
    for row in rows:
        click.echo(row["address"])


@waitlist.command("admit")
@click.argument("address")
@no_mail_option
@click.pass_obj
def waitlist_admit(config: configuration.Config, address: str, no_mail: bool) -> None:
    """Invite a waitlisted ADDRESS onto the panel and mail it a welcome (active with its next mail)."""
    from store import panel as store
    from store.db import immediate

    db = open_store(config)
    try:
        with immediate(db):
            row = store.admit(db, address)
            mailed = _welcome(db, config, row, no_mail) if row else None
    finally:
        db.close()
    if row is None:
        raise click.ClickException(f"{address}: not on the waiting list")
    click.echo(f"{row['address']} admitted (invited)")
    if mailed:
        click.echo(mailed)


@main.command()
@click.option("--month", help="only this month, YYYY-MM")
@click.pass_obj
def rewards(config: configuration.Config, month: str | None) -> None:
    """The reward ledger by month: rewards, credit and donation totals."""
    from panel.replies import money

    db = open_store(config)
    try:
        rows = db.execute(
            """SELECT month, kind, currency, count(*), sum(amount) FROM rewards
               WHERE ? IS NULL OR month = ? GROUP BY month, kind, currency ORDER BY month, kind""",
            [month, month],
        ).fetchall()
    finally:
        db.close()
    if not rows:
        click.echo("no rewards")
    for month_, kind, currency, count, total in rows:
        click.echo(f"{month_}  {kind:<9} {count:>5}  {money(total, currency)}")


from . import ops_cli  # noqa: E402  (operator commands live in their own module)

ops_cli.register(main)
from . import analytics_cli  # noqa: E402  (analyst commands: report, serve)

analytics_cli.register(main)
from . import survey_cli  # noqa: E402  (surveys: create, send, list, results)

survey_cli.register(main)

if __name__ == "__main__":
    main()
