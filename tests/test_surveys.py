"""Surveys by mail: the file format, reading answers out of replies, k-suppressed results, and
end to end with a real daemon (SMTP in), a real aiosmtpd relay (out), real SQLite and receiptctl."""
from __future__ import annotations

import csv
import datetime as dt
import subprocess
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

import pytest

from conftest import FIXTURES, RECIPIENT, REPO, query, send, wait_done, wait_until
from panel.surveys.answers import AMBIGUOUS, INVALID, MISSING, TWICE, UNCLEAR, own_lines, read_answers
from panel.surveys.definition import SurveyError, parse_survey
from panel.surveys.inbox import body_text, survey_in_subject
from panel.surveys.results import aggregate, suppressed_keys
from panel.surveys.sending import months_before
from store import panel as panel_store
from store import surveys as store
from store.db import immediate, open_db
from test_panel import Relay, panel_daemon

SURVEY = FIXTURES / "survey.toml"
SURVEY_ID = "2026-12-soft-drinks"
RECEIPTCTL = REPO / ".venv" / "bin" / "receiptctl"
AUTHSERV = "mx.panel.example"
ALICE, BERT, CAROL = "alice@example.org", "bert@example.de", "carol@example.com"


@pytest.fixture(scope="module")
def survey():
    return parse_survey(SURVEY.read_text(encoding="utf-8"), "survey.toml")


# -- the file --------------------------------------------------------------------------------------

def test_a_survey_file_is_read_with_its_languages_and_closing_day(survey):
    assert [q.kind for q in survey.questions] == ["choice", "scale", "number", "text"]
    assert survey.questions[0].letters == "ABCD"
    assert survey.questions[0].options[2].get("de") == "eine Handelsmarke"
    assert survey.questions[0].options[0].get("de") == "Coca-Cola"  # one text for every language
    assert (survey.reward_amount, survey.reward_currency, survey.audience.countries) == (Decimal("2.00"), "USD",
                                                                                        ("US", "DE"))
    # a closing date counts to the end of that day in the panel's time zone
    assert survey.closes_at("Europe/Berlin") == dt.datetime(2100, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_every_problem_of_a_survey_file_is_named_with_its_line_and_field():
    source = SURVEY.read_text(encoding="utf-8")
    broken = (source.replace('currency = "USD"', 'currency = "dollars"')
                    .replace('type = "scale"', 'type = "slider"')
                    .replace("[audience]", "[audience]\nmonths = 0")
                    .replace('closes = 2099-12-31', 'closes = "soon"\ncolour = "red"'))
    with pytest.raises(SurveyError) as raised:
        parse_survey(broken, "cola.toml")
    lines = broken.splitlines()
    SLIDER = 'type = "slider"'  # noqa: N806

    def line_of(text: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if line.startswith(text))

    assert raised.value.problems == (
        f"cola.toml:{line_of('colour')}: colour: unknown key; expected one of audience, closes, id, intro, questions, "
        "reward, title",
        f"cola.toml:{line_of('closes')}: closes: a TOML date such as 2026-12-31 (got 'soon')",
        f"cola.toml:{line_of('currency')}: reward.currency: an ISO 4217 code such as \"USD\" or \"EUR\" "
        "(got 'dollars')",
        f"cola.toml:{line_of('months')}: audience.months: a whole number of months from 1 to 36 (got 0)",
        f"cola.toml:{line_of(SLIDER)}: question 2: type: one of choice, scale, number, text (got 'slider')",
    )
    with pytest.raises(SurveyError, match=r"^x.toml: not valid TOML: .*line 1"):
        parse_survey("id = \n", "x.toml")
    with pytest.raises(SurveyError, match=r"x.toml:\d+: question 1: options: a choice question needs a list of 2"):
        parse_survey(source.replace('options = ["Coca-Cola", "Pepsi", ', 'options = [').replace(
            '{ en = "a store brand", de = "eine Handelsmarke" }, { en = "none", de = "keine" }', '"none"'), "x.toml")


# -- answers ---------------------------------------------------------------------------------------

def answers_of(text: str, survey) -> dict[int, str]:
    reading = read_answers(text, survey)
    assert reading.complete, reading.problems
    return {a.question: a.value for a in reading.answers}


def test_answers_one_a_line_or_several_on_one_line_in_both_languages(survey):
    english = ("Hi there,\n\n1 B\n2 4\n3 2.49\n4 Less sugar please\n\nBest,\nAnna\n-- \nAnna Smith\n1 A\n\n"
               "On Fri, Dec 4, 2026 at 10:00 AM Receipts Panel <receipts@localhost>\nwrote:\n"
               "> 1. Which cola do you buy most often?\n> 1 C\n")
    assert answers_of(english, survey) == {1: "B", 2: "4", 3: "2.49", 4: "Less sugar please"}
    german = ("1 c, 2 5, 3 2,49 €\n\nAm Fr., 4. Dez. 2026 um 10:00 Uhr schrieb Receipts Panel <receipts@localhost>:\n"
              "> 1 A\n")
    assert answers_of(german, survey) == {1: "C", 2: "5", 3: "2.49"}  # the free text is optional
    assert answers_of("1) a  2: 3  3 = $1", survey) == {1: "A", 2: "3", 3: "1"}
    assert answers_of("1 A 2 3 3 $1,299.00", survey)[3] == answers_of("1 A 2 3 3 1.299,00 €", survey)[3] == "1299.00"
    assert own_lines("1 D\n-----Ursprüngliche Nachricht-----\n1 A") == ["1 D"]  # an Outlook original is not read


def test_incomplete_unreadable_and_ambiguous_answers_are_each_named(survey):
    reading = read_answers("Thanks!\n1 E 2 7\n3 1,299\n1 B\n1 C\n", survey)
    assert not reading.complete and reading.answers == ()
    assert {(p.kind, p.question, p.detail) for p in reading.problems} == {
        (INVALID, 1, "E"), (INVALID, 2, "7"), (AMBIGUOUS, 3, "1,299"), (TWICE, 1, "B / C")}
    reading = read_answers("1 B 2 four\n", survey)
    assert {(p.kind, p.question) for p in reading.problems} == {(UNCLEAR, 2), (MISSING, 3)}
    assert [(a.question, a.value) for a in reading.answers] == [(1, "B")]


def test_an_html_only_reply_is_read_without_its_quoted_block(survey):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = ALICE, RECIPIENT, "Re: survey"
    msg.set_content("<div>1 B<br>2 4<br>3 2.49 &euro;</div><blockquote><div>1 A</div></blockquote>", subtype="html")
    assert answers_of(body_text(msg.as_bytes()), survey) == {1: "B", 2: "4", 3: "2.49"}


def test_the_survey_is_found_by_its_id_in_the_subject():
    ids = ["2026-12-cola", "2026-12-cola-2"]
    assert survey_in_subject("Re: Umfrage: Cola [2026-12-cola-2]", ids) == "2026-12-cola-2"
    assert survey_in_subject("AW: survey 2026-12-cola.", ids) == "2026-12-cola"
    assert survey_in_subject("Re: 2026-12-colas", ids) is None


# -- results ---------------------------------------------------------------------------------------

def test_small_cells_are_suppressed_and_so_is_a_cell_that_subtraction_would_reveal():
    assert suppressed_keys({"A": 5, "B": 7, "C": 0, "D": 0}, 5) == {"C", "D"}
    assert suppressed_keys({"A": 5, "B": 7, "C": 2}, 5) == {"C", "A"}  # else C = total - A - B
    assert suppressed_keys({"A": 5, "B": 7, "C": 0}, 5) == {"C"}  # a lone 0 reveals no one
    assert suppressed_keys({"A": 5, "B": 7, "C": 2, "D": 0}, 5) == {"C", "D"}  # C + D = 2: neither is known
    assert suppressed_keys({"A": 1, "B": 2}, 5) == {"A", "B"}


def test_results_publish_counts_shares_and_medians_only_from_k_panelists(survey):
    rows = []
    for response, (choice, scale, price, text) in enumerate(
            [("B", "4", "2.49", "x"), ("B", "5", "1.99", None), ("B", "4", "3", None), ("A", "2", "2.5", None)], 1):
        rows += [{"response_id": response, "question": 1, "value": choice, "free_text": None},
                 {"response_id": response, "question": 2, "value": scale, "free_text": None},
                 {"response_id": response, "question": 3, "value": price, "free_text": None}]
        if text:
            rows.append({"response_id": response, "question": 4, "value": None, "free_text": text})
    results = aggregate(survey, rows, k=3)
    cells = {(c.question, c.option): c for c in results.cells}
    assert results.respondents == 4
    assert (cells[1, "all"].panelists, cells[1, "B"].panelists, cells[1, "B"].share) == (4, 3, Decimal("0.750"))
    assert cells[1, "A"].suppressed and cells[1, "C"].suppressed
    assert cells[2, "median"].median == Decimal("4") and cells[2, "4"].suppressed  # 2 of 4 chose 4: below k
    assert cells[3, "median"].median == Decimal("2.495")
    assert cells[4, "all"].suppressed and results.texts == ()  # one free text: not published


# -- the audience, leaving, and the reward ledger ----------------------------------------------------

def test_the_audience_is_active_panelists_of_the_country_with_a_matching_receipt(tmp_path):
    db = open_db(tmp_path / "r.db", migrate=True)
    with immediate(db):
        for address, country in ((ALICE, "US"), (BERT, "DE"), (CAROL, "US"), ("dora@example.org", "FR")):
            panel_store.activate(db, panel_store.invite(db, address, country=country)[0])
        panel_store.invite(db, "erin@example.org", country="US")  # invited, never mailed: not active
        message = db.execute("INSERT INTO messages (sha256, source, received_at, size) VALUES ('0', 'smtp', '', 1)"
                             ).lastrowid
        for position, (address, category, merchant, day) in enumerate((
                (ALICE, "grocery", "Walmart", "2026-11-20"), (CAROL, "fuel", "Shell", "2026-11-20"),
                (BERT, "grocery", "Aldi Süd", "2026-05-01"))):
            db.execute("""INSERT INTO receipts (message_id, position, panelist_id, merchant, category, purchase_date,
                                                status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'accepted', '')""",
                       [message, position, panel_store.get_panelist(db, address)["id"], merchant, category, day])

    def audience(**filters):
        return [p["address"] for p in store.audience(db, **{"categories": (), "brands": (), "since": None, **filters})]

    assert audience(countries=("US", "DE")) == [ALICE, BERT, CAROL]
    since = months_before(dt.date(2026, 12, 4), 3)
    assert since == dt.date(2026, 9, 4)
    assert audience(countries=("US", "DE"), categories=("grocery",), since=since) == [ALICE]  # Bert's is too old
    assert audience(countries=("US",), brands=("shell",), since=since) == [CAROL]


def test_leaving_takes_the_answers_along_and_rewards_of_both_kinds_live_side_by_side(tmp_path):
    db = open_db(tmp_path / "r.db", migrate=True)
    with immediate(db):
        panel_store.activate(db, panel_store.invite(db, ALICE)[0])
        alice = panel_store.get_panelist(db, ALICE)
        store.create(db, survey_id="s-1", title="t", source="", reward_amount=200, reward_currency="USD",
                     closes_at=dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc))
        outbound, _ = panel_store.record_reply(db, recipient=ALICE, subject="s", body="b", kind="survey",
                                               queue_id=None, panelist_id=alice["id"], in_reply_to=None, send=False,
                                               domain="x.example")
        store.record_mail(db, survey_id="s-1", panelist_id=alice["id"], outbound_id=outbound)
        assert store.store_answers(db, survey_id="s-1", panelist_id=alice["id"], queue_id=None,
                                   received_at=dt.datetime.now(dt.timezone.utc),
                                   answers=[(1, "B", None), (2, None, "free words")]) is not None
        assert store.store_answers(db, survey_id="s-1", panelist_id=alice["id"], queue_id=None,
                                   received_at=dt.datetime.now(dt.timezone.utc), answers=[(1, "C", None)]) is None
        first = store.award(db, panelist=alice, survey_id="s-1", month="2026-12", amount=200, currency="USD",
                            queue_id=None)
        again = store.award(db, panelist=alice, survey_id="s-1", month="2026-12", amount=200, currency="USD",
                            queue_id=None)
        receipts = panel_store.award(db, panelist=alice, month="2026-12", threshold=10, amount=1000, currency="USD",
                                     receipt_id=None, queue_id=None)
    assert (first["kind"], first["survey_id"], again) == ("survey", "s-1", None)
    assert receipts is not None  # the month's receipt reward is not blocked by the survey's
    assert panel_store.reward_for_month(db, alice["id"], "2026-12")["kind"] == "credit"
    with immediate(db):
        panel_store.erase_panelist(db, alice)
    for table in ("survey_responses", "survey_answers", "survey_mails"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    assert db.execute("SELECT kind, amount FROM rewards ORDER BY id").fetchall() == [("survey", 200), ("credit", 1000)]


def test_the_rewards_rebuild_keeps_existing_rows_and_their_monthly_key():
    from store.migrations import migrations

    db = open_db(":memory:")
    migrations.apply(db, stop_before="0011_survey_rewards")
    with immediate(db):
        panelist = panel_store.invite(db, ALICE, reward="donation", charity="City Food Bank")[0]
        before = panel_store.award(db, panelist=panelist, month="2026-11", threshold=10, amount=1000, currency="USD",
                                   receipt_id=None, queue_id=None)
    migrations.apply(db)
    assert panel_store.rewards_of(db, panelist["id"]) == [{**before, "survey_id": None}]
    with immediate(db):
        assert panel_store.award(db, panelist=panelist, month="2026-11", threshold=10, amount=1000, currency="USD",
                                 receipt_id=None, queue_id=None) is None
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


# -- receiptctl survey ----------------------------------------------------------------------------

def test_survey_create_names_the_problems_and_refuses_an_id_twice(tmp_path):
    from test_panel_cli import receiptctl as ctl_for

    ctl = ctl_for(tmp_path)
    broken = tmp_path / "broken.toml"
    broken.write_text(SURVEY.read_text(encoding="utf-8").replace('amount = "2.00"', 'amount = "-1"'))
    error = ctl("survey", "create", str(broken), ok=False)
    line = next(n for n, text in enumerate(broken.read_text().splitlines(), 1) if text.startswith("amount"))
    assert f"{broken}:{line}: reward.amount: a positive amount such as \"2.00\" (got '-1')" in error
    assert ctl("survey", "list") == "no surveys\n"
    assert ctl("survey", "create", str(SURVEY)).startswith(f"survey {SURVEY_ID} created")
    assert "exists already" in ctl("survey", "create", str(SURVEY), ok=False)
    assert ctl("survey", "send", SURVEY_ID) == (  # nobody is an active panelist yet; no relay configured
        f"{SURVEY_ID}: 0 survey mail(s) recorded, not sent: no [outbound] relay is configured; "
        "0 panelist(s) had it already\n")
    assert "no survey nope" in ctl("survey", "send", "nope", ok=False)
    assert ctl("survey", "list").split("\t")[:2] == [SURVEY_ID, "open"]


# -- end to end ------------------------------------------------------------------------------------

def setup_panelists(database: Path, *panelists: tuple[str, str, str, str | None]) -> None:
    """Active panelists: (address, country, language, charity or None)."""
    db = open_db(database, migrate=True)
    try:
        with immediate(db):
            for address, country, language, charity in panelists:
                row, _ = panel_store.invite(db, address, country=country, language=language,
                                            reward="donation" if charity else "credit", charity=charity)
                panel_store.activate(db, row)
    finally:
        db.close()


def receiptctl(daemon, *args) -> str:
    result = subprocess.run([str(RECEIPTCTL), "--config", str(daemon.config_path), *args], capture_output=True,
                            text=True, timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return result.stdout


def survey_daemon(daemon_factory, relay, env=None):
    return panel_daemon(daemon_factory, relay, env=env, auth={"mode": "upstream", "authserv_id": AUTHSERV},
                        analytics={"k_threshold": 2})


def reply(to_survey, sender: str, body: str, *, subject: str | None = None, thread: bool = True,
          authenticated: bool = True) -> EmailMessage:
    """A panelist's reply to their survey mail, as their mail client writes it."""
    msg = EmailMessage()
    msg["From"], msg["To"] = sender, RECIPIENT
    msg["Subject"] = subject if subject is not None else f"Re: {to_survey['Subject']}"
    msg["Message-ID"] = f"<{dt.datetime.now().timestamp()}.{abs(hash(body))}@{sender.split('@')[1]}>"
    if thread:
        msg["In-Reply-To"] = msg["References"] = to_survey["Message-ID"]
    if authenticated:  # what our MTA (the upstream) wrote after checking DKIM
        msg["Authentication-Results"] = f"{AUTHSERV}; dkim=pass header.d={sender.split('@')[1]}"
    msg.set_content(body)
    return msg


def text(msg) -> str:
    return msg.get_content().replace("\r\n", "\n")


def mail(daemon, msg) -> str:
    send(daemon.port, msg, mail_from=msg["From"])
    return msg["Message-ID"]


@pytest.fixture
def relay():
    relay = Relay().start()
    yield relay
    relay.stop()


def create_and_send(daemon, relay, count: int) -> dict[str, EmailMessage]:
    assert receiptctl(daemon, "survey", "create", str(SURVEY)).startswith(f"survey {SURVEY_ID} created: 4 question(s)")
    assert receiptctl(daemon, "survey", "send", SURVEY_ID) == (
        f"{SURVEY_ID}: {count} survey mail(s) queued (the running daemon sends them); 0 panelist(s) had it already\n")
    wait_until(lambda: len(relay.received) >= count, timeout=60, message="the survey mails")
    return {m["To"]: m for m in relay.received}


def test_a_survey_answered_by_mail_in_both_languages_rewards_each_panelist_once(daemon_factory, relay, tmp_path):
    database = tmp_path / "receiptd.db"
    setup_panelists(database, (ALICE, "US", "en", "City Food Bank"), (BERT, "DE", "de", None),
                    (CAROL, "US", "en", None))
    daemon = survey_daemon(daemon_factory, relay)
    surveys = create_and_send(daemon, relay, 3)
    assert surveys[ALICE]["Subject"] == f"Survey: Soft drinks [{SURVEY_ID}]"
    assert surveys[BERT]["Subject"] == f"Umfrage: Erfrischungsgetränke [{SURVEY_ID}]"
    assert "3. Wie viel würden Sie für eine 1,5-l-Flasche zahlen?" in text(surveys[BERT])
    assert "earn a donation of $2.00 to City Food Bank, once" in text(surveys[ALICE])
    headers = {address: m["Message-ID"] for address, m in surveys.items()}
    assert dict(query(database, "SELECT p.address, m.header_message_id FROM survey_mails m "
                                "JOIN panelists p ON p.id = m.panelist_id")) == headers

    # Alice: one answer a line, in the thread, above her client's quote and below her signature
    alice = mail(daemon, reply(surveys[ALICE], ALICE, (
        "1 B\n2 4\n3 2.49\n4 Less sugar\n\n-- \nAlice\n\nOn Fri, Dec 4, 2026 at 10:00 AM Receipts Panel "
        f"<{RECIPIENT}> wrote:\n> 1. Which cola do you buy most often?\n")))
    # Bert, in German: first incomplete (no price), then everything on one line with a decimal comma,
    # matched by the survey id in the subject only
    bert_incomplete = mail(daemon, reply(surveys[BERT], BERT, (
        "1 b 2 5\n\nAm Fr., 4. Dez. 2026 um 10:00 schrieb Receipts Panel <receipts@localhost>:\n> 1 A\n")))
    bert = mail(daemon, reply(surveys[BERT], BERT, "1 B, 2 5, 3 2,49, 4 Mehr Auswahl", thread=False,
                              subject=f"AW: Umfrage [{SURVEY_ID}]"))
    # a forger writes as Carol: not authenticated, so nothing is stored, rewarded or answered
    forged = mail(daemon, reply(surveys[CAROL], CAROL, "1 A\n2 1\n3 9.99", authenticated=False))
    # a stranger who saw the survey: waitlisted, nothing stored or rewarded
    stranger = mail(daemon, reply(surveys[ALICE], "eve@example.net", "1 D\n2 1\n3 0.50"))
    outcomes = dict(wait_done(database, 5))

    assert [outcomes[n] for n in range(1, 6)] == ["survey", "survey", "survey", "spoofed", "not_panelist"]
    confirmed = text(relay.reply_to(alice))
    assert "We have recorded your answers:\n\n  1. B (Pepsi)\n  2. 4\n  3. 2.49\n  4. Less sugar" in confirmed
    assert "you earned a donation of $2.00 to City Food Bank" in confirmed
    unclear = relay.reply_to(bert_incomplete)
    assert unclear["Subject"] == f"Re: {surveys[BERT]['Subject']}"
    problems = text(unclear).split("daher ist noch nichts gespeichert:\n\n")[1].split("\n\nBitte")[0]
    assert problems == "  Frage 3: keine Antwort gefunden."  # 1 and 2 were read
    german = text(relay.reply_to(bert))
    assert "1. B (Pepsi)" in german and "3. 2,49" in german and "Für Ihre Teilnahme erhalten Sie eine Gutschrift" \
        " von 2,00 $." in german
    assert relay.replies_to(forged) == [] and "waiting list" in text(relay.reply_to(stranger))

    # time passes: the survey closes; Carol's answers come too late, Alice answers a second time
    db = open_db(database)
    with immediate(db):
        db.execute("UPDATE surveys SET closes_at = ?", [(dt.datetime.now(dt.timezone.utc)
                                                         - dt.timedelta(minutes=1)).isoformat(timespec="seconds")])
    db.close()
    carol = mail(daemon, reply(surveys[CAROL], CAROL, "1 A 2 3 3 1.99"))
    again = mail(daemon, reply(surveys[ALICE], ALICE, "1 C\n2 1\n3 5"))
    wait_done(database, 7)
    assert "The survey closed on December 31, 2099" in text(relay.reply_to(carol))  # the file's date
    assert "we keep those first answers" in text(relay.reply_to(again))

    assert query(database, "SELECT p.address, w.kind, w.survey_id, w.amount, w.currency, w.charity, w.threshold "
                           "FROM rewards w JOIN panelists p ON p.id = w.panelist_id ORDER BY w.id") == [
        (ALICE, "survey", SURVEY_ID, 200, "USD", "City Food Bank", None),
        (BERT, "survey", SURVEY_ID, 200, "USD", None, None)]
    assert query(database, "SELECT p.address, a.question, a.value, a.free_text FROM survey_answers a "
                           "JOIN panelists p ON p.id = a.panelist_id ORDER BY p.address, a.question") == [
        (ALICE, 1, "B", None), (ALICE, 2, "4", None), (ALICE, 3, "2.49", None), (ALICE, 4, None, "Less sugar"),
        (BERT, 1, "B", None), (BERT, 2, "5", None), (BERT, 3, "2.49", None), (BERT, 4, None, "Mehr Auswahl")]
    wait_until(lambda: query(database, "SELECT count(*) FROM outbound WHERE status = 'pending'") == [(0,)])
    assert len(relay.received) == 3 + 6  # three survey mails; one reply per mail but the forged one
    assert query(database, "SELECT kind FROM outbound WHERE kind LIKE 'survey%' ORDER BY id") == [
        ("survey",)] * 3 + [("survey_confirmed",), ("survey_unclear",), ("survey_confirmed",), ("survey_closed",),
                            ("survey_repeated",)]
    assert SURVEY_ID in receiptctl(daemon, "survey", "list") and "answered 2\trewarded 2" in receiptctl(
        daemon, "survey", "list")

    # results: k = 2 ([analytics] k_threshold), aggregate only; free text only in the results' own file
    out = tmp_path / "results"
    printed = receiptctl(daemon, "survey", "results", SURVEY_ID, "--out", str(out))
    assert "respondents 2" in printed
    with open(out / f"survey-{SURVEY_ID}.csv", newline="", encoding="utf-8") as fh:
        cells = {(row["question"], row["option"]): row for row in csv.DictReader(fh)}
    assert [cells["1", "all"]["panelists"], cells["1", "B"]["panelists"], cells["1", "B"]["share"]] == [
        "2", "2", "1.000"]
    assert cells["1", "A"]["panelists"] == "" and cells["1", "A"]["suppressed"] == "1"
    assert cells["2", "4"]["suppressed"] == cells["2", "5"]["suppressed"] == "1"  # one panelist each
    assert (cells["2", "median"]["median"], cells["3", "median"]["median"]) == ("4.5", "2.49")
    assert (out / f"survey-{SURVEY_ID}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with open(out / f"survey-{SURVEY_ID}-free-text.csv", newline="", encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == [["survey", "question", "answer"], [SURVEY_ID, "4", "Less sugar"],
                                        [SURVEY_ID, "4", "Mehr Auswahl"]]
    analyst = tmp_path / "analyst.db"
    receiptctl(daemon, "analytics-db", "--out", str(analyst))
    assert b"Less sugar" not in analyst.read_bytes() and b"Mehr Auswahl" not in analyst.read_bytes()

    # Bert leaves: his answers go with him; his reward stays in the ledger
    leave = mail(daemon, reply(surveys[BERT], BERT, "", subject="AUSTRETEN", thread=False))
    relay.reply_to(leave)
    assert query(database, "SELECT DISTINCT p.address FROM survey_answers a JOIN panelists p ON p.id = a.panelist_id"
                 ) == [(ALICE,)]
    assert query(database, "SELECT count(*) FROM rewards WHERE kind = 'survey'") == [(2,)]


def test_a_crash_between_storing_the_answers_and_the_reward_still_gives_exactly_one(daemon_factory, relay, tmp_path):
    database = tmp_path / "receiptd.db"
    setup_panelists(database, (ALICE, "US", "en", None))
    marker = tmp_path / "crashed"
    # the worker dies hard (no rollback, as a power cut would) after storing the answers, before the reward
    daemon = survey_daemon(daemon_factory, relay, env={"RECEIPTD_FAILPOINT": f"survey.before_reward:{marker}"})
    surveys = create_and_send(daemon, relay, 1)
    answered = mail(daemon, reply(surveys[ALICE], ALICE, "1 A\n2 2\n3 1.50"))
    wait_until(lambda: "worker process died" in daemon.log, timeout=60, message="the worker crash")
    assert marker.exists()
    assert wait_done(database, 1, timeout=120) == [(1, "survey")]  # the restarted worker's second attempt
    assert query(database, "SELECT attempts FROM messages") == [(2,)]
    assert query(database, "SELECT count(*) FROM survey_responses") == [(1,)]
    assert query(database, "SELECT count(*), kind, survey_id FROM rewards") == [(1, "survey", SURVEY_ID)]
    assert "you earned a credit of $2.00" in text(relay.reply_to(answered))
    wait_until(lambda: query(database, "SELECT count(*) FROM outbound WHERE status = 'pending'") == [(0,)])
    assert len(relay.replies_to(answered)) == 1
