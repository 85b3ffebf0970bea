"""receiptctl's survey commands: ``survey create FILE``, ``send ID``, ``list``, ``results ID --out DIR``."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import click

from receiptd import config as configuration

from .ops_cli import open_store

CSV_COLUMNS = ("survey", "question", "kind", "option", "label", "panelists", "share", "median", "suppressed")


@click.group()
def survey() -> None:
    """Surveys by mail for extra rewards: create, send, list, results."""


@survey.command("create")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
def survey_create(config: configuration.Config, path: str) -> None:
    """Check the survey FILE (TOML) and store it; `survey send` mails it."""
    from panel.surveys import catalog
    from panel.surveys.definition import SurveyError
    from store.db import immediate
    from store.surveys import SurveyExists

    try:
        source = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(f"{path}: not UTF-8 text") from None
    db = open_store(config)
    try:
        with immediate(db):
            created = catalog.create(db, source, path, config.panel.timezone)
    except SurveyError as err:
        raise click.ClickException(f"survey not created:\n{err}") from None
    except SurveyExists as err:
        raise click.ClickException(f"{path}: a survey with id {err} exists already; give this one another id") from None
    finally:
        db.close()
    click.echo(f"survey {created.id} created: {len(created.questions)} question(s), closes "
               f"{created.closes_at(config.panel.timezone).isoformat()}")


@survey.command("send")
@click.argument("survey_id", metavar="ID")
@click.pass_obj
def survey_send(config: configuration.Config, survey_id: str) -> None:
    """Record the survey mail to every panelist of the audience not mailed yet (the daemon sends it)."""
    from panel.flow import Panel
    from panel.surveys.catalog import UnknownSurvey
    from panel.surveys.sending import SurveyClosed, send
    from store.db import immediate

    if not config.panel.enabled:
        raise click.ClickException("the panel is off ([panel] enabled = false): no survey is sent")
    db = open_store(config)
    try:
        with immediate(db):
            sent = send(db, survey_id, domain=Panel(config, db).domain, relay=config.outbound is not None,
                        now=dt.datetime.now(dt.timezone.utc))
    except UnknownSurvey:
        raise click.ClickException(f"no survey {survey_id}") from None
    except SurveyClosed as err:
        raise click.ClickException(f"survey {survey_id} closed at {err}: not sent") from None
    finally:
        db.close()
    how = "queued (the running daemon sends them)" if sent.status == "pending" else \
        "recorded, not sent: no [outbound] relay is configured"
    click.echo(f"{survey_id}: {sent.mailed} survey mail(s) {how}; {sent.already} panelist(s) had it already")


@survey.command("list")
@click.pass_obj
def survey_list(config: configuration.Config) -> None:
    """Every survey: id, whether it is open, closing time, mails, answers and rewards."""
    from store import surveys as store

    db = open_store(config)
    try:
        rows = store.overview(db)
    finally:
        db.close()
    now = dt.datetime.now(dt.timezone.utc)
    for row in rows:
        state = "open" if now < dt.datetime.fromisoformat(row["closes_at"]) else "closed"
        click.echo(f"{row['id']}\t{state}\tcloses {row['closes_at']}\tmailed {row['mailed']}\t"
                   f"answered {row['answered']}\trewarded {row['rewarded']}\t{row['title']}")
    if not rows:
        click.echo("no surveys")


@survey.command("results")
@click.argument("survey_id", metavar="ID")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="directory to write into")
@click.option("--k", "k", type=click.IntRange(min=1), default=None,
              help="least panelists a published cell has (default [analytics] k_threshold)")
@click.pass_obj
def survey_results(config: configuration.Config, survey_id: str, out_dir: str, k: int | None) -> None:
    """Aggregate results of survey ID in OUT: survey-ID.csv (counts, shares, medians; cells of fewer
    than k panelists suppressed), survey-ID.png, and survey-ID-free-text.csv (free answers)."""
    from panel.surveys import catalog
    from panel.surveys.chart import write_chart
    from panel.surveys.results import aggregate
    from store import surveys as store

    k = k or config.analytics.k_threshold
    db = open_store(config)
    try:
        try:
            definition, _ = catalog.load(db, survey_id)
        except catalog.UnknownSurvey:
            raise click.ClickException(f"no survey {survey_id}") from None
        results = aggregate(definition, store.answers(db, survey_id), k)
    finally:
        db.close()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    csv_path, png_path = out / f"survey-{survey_id}.csv", out / f"survey-{survey_id}.png"
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for c in results.cells:
            writer.writerow([survey_id, c.question, c.kind, c.option, c.label,
                             "" if c.panelists is None else c.panelists, "" if c.share is None else c.share,
                             "" if c.median is None else c.median, int(c.suppressed)])
    write_chart(png_path, results, definition.title.versions[0][1])
    suppressed = sum(c.suppressed for c in results.cells)
    click.echo(f"{csv_path}: {len(results.cells)} cells ({suppressed} suppressed: fewer than {k} panelists); "
               f"respondents {results.respondents if results.respondents is not None else f'fewer than {k}'}")
    click.echo(str(png_path))
    if results.texts:
        text_path = out / f"survey-{survey_id}-free-text.csv"
        with open(text_path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(("survey", "question", "answer"))
            writer.writerows((survey_id, question, text) for question, texts in results.texts for text in texts)
        click.echo(str(text_path))


def register(main: click.Group) -> None:
    main.add_command(survey)
