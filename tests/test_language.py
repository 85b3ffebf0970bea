"""Replies in the panelist's language: the template files, locale formats, German commands,
``panelists.language``, and a German panelist's mail answered in German through the real daemon."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import PANEL_NOW, query, wait_done
from panel import templates
from panel.commands import Command, parse_command
from panel.replies import reason_words
from store import panel as store
from store.db import immediate, open_db
from store.migrations import migrations
from test_panel import Relay, mail, panel_daemon, pdf_mail, receipt_lines, total_of
from test_panel_cli import receiptctl

ANNA = "anna@example.de"
BOB = "bob@example.net"
GERMAN_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                 "November", "Dezember")
REASON_CODES = ("amazon_merchant", "excluded_category", "unreadable", "date_unreadable", "future_date", "too_old",
                "duplicate")  # receipts.reason, as README.md lists them


def german_date(day: dt.date) -> str:
    return f"{day.day}. {GERMAN_MONTHS[day.month - 1]} {day.year}"


def german_money(cents: int, sign: str) -> str:
    return f"{cents // 100},{cents % 100:02d} {sign}"


def german_receipt(days_ago: int, milk: int = 119) -> tuple[list[str], int]:
    """A German e-receipt (EUR, dd.mm.yyyy) and its total in cents."""
    day = PANEL_NOW.date() - dt.timedelta(days=days_ago)
    total = milk + 249
    return ["REWE Markt GmbH", "Hauptstr. 5", "10115 Berlin", f"MILCH 1L          {milk // 100},{milk % 100:02d}",
            "BROT              2,49", f"SUMME EUR         {total // 100},{total % 100:02d}",
            f"Datum {day:%d.%m.%Y} 10:{days_ago % 60:02d}"], total


# -- the template files --------------------------------------------------------------------------

def test_every_kind_exists_in_every_language_with_the_same_placeholders():
    found = templates.available()
    kinds = {kind for kind, _ in found}
    assert {"reply", "welcome", "waitlisted", "left", "reasons", "common"} <= kinds
    for kind in sorted(kinds):
        english = templates.load(kind, "en")
        for language in templates.LANGUAGES:
            assert (kind, language) in found, f"{kind}.{language}.toml is missing"
            other = templates.load(kind, language)
            assert other.language == language
            assert set(other.parts) == set(english.parts), (kind, language)
            pairs = [(english.subject, other.subject), (english.body, other.body)]
            pairs += [(english.parts[name], other.parts[name]) for name in english.parts]
            for theirs, ours in pairs:
                assert templates.placeholders(ours) == templates.placeholders(theirs), (kind, language, ours)
                assert bool(ours) == bool(theirs), (kind, language)


def test_every_rejection_reason_has_a_german_text():
    for code in REASON_CODES:
        english = reason_words(code, "en", max_age_days=30)
        german = reason_words(code, "de", max_age_days=30)
        assert english and german and english != german, code
    assert "30 Tage" in reason_words("too_old", "de", max_age_days=30)


def test_a_missing_placeholder_value_is_an_error_not_a_silent_gap():
    with pytest.raises(templates.TemplateError, match="max_age_days"):
        templates.part("reasons", "de", "too_old")


def test_amounts_and_dates_per_locale():
    assert templates.money(1234, "EUR", "de") == "12,34 €"
    assert templates.money(1234, "USD", "en") == "$12.34"
    assert templates.money(None, "EUR", "de") == "?"
    assert templates.date("2026-12-02", "de") == "2. Dezember 2026"
    assert templates.date(dt.date(2026, 12, 2), "en") == "December 2, 2026"
    assert templates.month("2026-03", "de") == "März 2026" and templates.month("2026-03", "en") == "March 2026"
    assert templates.money(1234, "EUR", "xx") == "€12.34"  # an unknown language falls back to English


@pytest.mark.parametrize(("text", "command"), [
    ("STAND", Command("status")), ("stand.", Command("status")), ("LÖSCHEN 42", Command("delete", 42)),
    ("löschen #7", Command("delete", 7)), ("LOESCHEN 3", Command("delete", 3)),
    ("Löschen alle", Command("delete_all")),
    ("LO\u0308SCHEN ALLE", Command("delete_all")),  # decomposed umlaut, as some clients send it
    ("AUSKUNFT", Command("export")), ("export", Command("export")), ("AUSTRETEN", Command("leave")),
    ("LÖSCHEN", None), ("bitte LÖSCHEN 4", None), ("AUSKUNFT BITTE", None),
])
def test_commands_in_both_languages(text, command):
    assert parse_command(text) == command


@pytest.mark.parametrize(("country", "language"), [("DE", "de"), ("at", "de"), ("CH", "de"), ("LI", "de"),
                                                   ("US", "en"), ("FR", "en"), (None, "en")])
def test_the_language_from_the_country(country, language):
    assert templates.language_for_country(country) == language


# -- panelists.language ---------------------------------------------------------------------------

def test_existing_panelists_get_their_language_from_their_country(tmp_path):
    db = open_db(tmp_path / "old.db")
    migrations.apply(db, stop_before="0008_panelist_language")
    with immediate(db):
        for address, country in (("a@x.de", "DE"), ("b@x.at", "at"), ("c@x.ch", "CH"), ("d@x.com", "US"),
                                 ("e@x.org", None)):
            db.execute("INSERT INTO panelists (address, status, country, created_at, updated_at) "
                       "VALUES (?, 'active', ?, '2026-01-01', '2026-01-01')", [address, country])
    migrations.apply(db)
    assert db.execute("SELECT address, language FROM panelists ORDER BY id").fetchall() == [
        ("a@x.de", "de"), ("b@x.at", "de"), ("c@x.ch", "de"), ("d@x.com", "en"), ("e@x.org", "en")]
    db.close()


def test_invite_sets_the_language_and_the_welcome_mail_is_in_it(tmp_path):
    ctl = receiptctl(tmp_path, panel={"reward_currency": "EUR", "max_age_days": 30})
    ctl("panelist", "invite", "anna@example.at", "--country", "AT")
    ctl("panelist", "invite", "carl@example.de", "--country", "DE", "--language", "en")
    ctl("panelist", "invite", "dora@example.org", "--language", "de")
    ctl("panelist", "invite", "eve@example.org")
    ctl("panelist", "invite", "fritz@example.org", "--language", "fr", ok=False)
    database = tmp_path / "receiptd.db"
    assert query(database, "SELECT address, language FROM panelists ORDER BY id") == [
        ("anna@example.at", "de"), ("carl@example.de", "en"), ("dora@example.org", "de"), ("eve@example.org", "en")]
    welcome = dict(((r, (s, b)) for r, s, b in query(database, "SELECT recipient, subject, body FROM outbound")))
    subject, body = welcome["anna@example.at"]
    assert subject == "Willkommen im Belege-Panel"
    assert "höchstens 30 Tage" in body and "eine Gutschrift von 10,00 €" in body
    assert "Spielbanken" in body and "AUSTRETEN" in body and "LÖSCHEN ALLE" in body
    shown = [line.split("  ")[1].replace("<Nummer>", "42") for line in body.splitlines() if line.startswith("  ")]
    assert [parse_command(word) for word in shown] == [  # the German words it teaches are obeyed
        Command("status"), Command("delete", 42), Command("delete_all"), Command("export"), Command("leave")]
    assert welcome["carl@example.de"][0] == "Welcome to the receipts panel"
    assert "a credit of €10.00" in welcome["carl@example.de"][1]
    assert welcome["dora@example.org"][0] == "Willkommen im Belege-Panel"


def test_a_panelist_who_leaves_keeps_no_language(tmp_path):
    db = open_db(tmp_path / "r.db", migrate=True)
    with immediate(db):
        row, _ = store.invite(db, ANNA, country="DE", language="de")
        store.erase_panelist(db, row)
    assert db.execute("SELECT address, country, language FROM panelists").fetchall() == [(None, None, "en")]
    db.close()


# -- through the daemon ----------------------------------------------------------------------------

def plain(reply) -> str:
    return reply.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def test_a_german_panelist_is_answered_in_german(daemon_factory, tmp_path):
    database = tmp_path / "receiptd.db"
    db = open_db(database, migrate=True)
    with immediate(db):
        anna, _ = store.invite(db, ANNA, country="DE", language="de")
        store.award(db, panelist=anna, month="2025-03", threshold=10, amount=750, currency="EUR", receipt_id=None,
                    queue_id=None)
        store.invite(db, BOB, country="US")
    db.close()
    relay = Relay().start()
    try:
        daemon = panel_daemon(daemon_factory, relay)
        fresh, fresh_total = german_receipt(days_ago=1)
        old, _ = german_receipt(days_ago=60, milk=229)
        receipts = mail(daemon.port, pdf_mail(ANNA, fresh, old, subject="Belege"), ANNA)
        english = mail(daemon.port, pdf_mail(BOB, receipt_lines(5)), BOB)
        status = mail(daemon.port, pdf_mail(ANNA, subject="STAND"), ANNA)
        wait_done(database, count=3)
        [(kept,)] = query(database, "SELECT id FROM receipts WHERE sender = ? AND status = 'accepted'", (ANNA,))
        delete = mail(daemon.port, pdf_mail(ANNA, subject="Bitte", body=f"Löschen {kept}\nDanke"), ANNA)
        refused = mail(daemon.port, pdf_mail(ANNA, subject="AUSKUNFT"), ANNA)
        leave = mail(daemon.port, pdf_mail(ANNA, subject="austreten"), ANNA)

        body = plain(relay.reply_to(receipts))
        yesterday = PANEL_NOW.date() - dt.timedelta(days=1)
        assert "Vielen Dank für Ihre Mail." in body
        assert f"Angenommen:\n  #{kept}  Rewe, {german_date(yesterday)}, {german_money(fresh_total, '€')}" in body
        assert "Nicht angenommen:" in body and "(too_old)" in body
        assert "weil er mehr als 30 Tage vor dem Eingang" in body
        assert f"{GERMAN_MONTHS[PANEL_NOW.month - 1]} {PANEL_NOW.year}: 1 von 10 gültigen Belegen." in body
        assert "Noch 9 in diesem Monat" in body and "AUSKUNFT" in body and "Thank" not in body

        body = plain(relay.reply_to(english))
        assert f"{PANEL_NOW:%B} {PANEL_NOW.year}: 1 of 10 eligible receipts." in body
        cents = total_of(5)
        assert f", ${cents // 100}.{cents % 100:02d}" in body
        assert f"{yesterday:%B} {yesterday.day}, {yesterday.year}" in body

        reply = relay.reply_to(status)
        assert reply["Subject"] == "Re: STAND"
        assert "Belege, die wir für Sie speichern: 1 angenommen, 1 nicht angenommen." in plain(reply)
        assert "Ihre Prämien:\n  März 2025: eine Gutschrift von 7,50 €" in plain(reply)
        assert f"Beleg #{kept} und alles, was wir daraus gelesen haben, ist gelöscht." in plain(relay.reply_to(delete))
        assert "Dieses Panel prüft nicht, wer eine Mail gesendet hat" in plain(relay.reply_to(refused))
        assert not list(relay.reply_to(refused).iter_attachments())
        assert "Sie haben das Belege-Panel verlassen." in plain(relay.reply_to(leave))
    finally:
        relay.stop()
    assert query(database, "SELECT count(*) FROM receipts WHERE id = ?", (kept,)) == [(0,)]

