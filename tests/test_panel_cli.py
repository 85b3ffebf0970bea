"""receiptctl panelist / waitlist / rewards against a real database."""
from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import RECIPIENT, REPO, daemon_sections, query, wait_until, write_config
from store import panel as store
from store.db import immediate, open_db
from test_panel import Relay

RECEIPTCTL = Path(REPO / ".venv" / "bin" / "receiptctl")
QUEUED = "welcome mail queued: the running daemon sends it (if it is not running, when it next runs)\n"


def receiptctl(tmp_path, **sections):
    """receiptctl against a config of these sections (the panel on): stdout, or stderr where it fails."""
    panel = {"enabled": True, **sections.pop("panel", {})}
    config = write_config(tmp_path / "c.toml", daemon_sections(tmp_path, panel=panel, **sections))

    def ctl(*args, ok=True):
        result = subprocess.run([str(RECEIPTCTL), "--config", str(config), *args], capture_output=True, text=True,
                                timeout=120, cwd=REPO)
        assert (result.returncode == 0) == ok, result.stderr
        return result.stdout if ok else result.stderr

    return ctl


def test_panelist_and_waitlist_commands(tmp_path):
    ctl = receiptctl(tmp_path)

    assert ctl("panelist", "invite", "Alice@Example.org", "--country", "us") == (
        "alice@example.org invited\nwelcome mail recorded, not sent: no [outbound] relay is configured\n")
    assert ctl("panelist", "invite", "alice@example.org") == "alice@example.org is already invited\n"
    ctl("panelist", "invite", "bob@example.net", "--donate", "City Food Bank")
    db = open_db(tmp_path / "receiptd.db")
    with immediate(db):
        store.waitlist(db, "carol@example.com")
        store.waitlist(db, "dave@example.com")
        store.award(db, panelist=store.get_panelist(db, "bob@example.net"), month="2026-10", threshold=10,
                    amount=1000, currency="USD", receipt_id=None, queue_id=None)
    db.close()

    assert ctl("waitlist", "list") == "carol@example.com\ndave@example.com\n"
    assert ctl("waitlist", "admit", "carol@example.com", "--no-mail") == "carol@example.com admitted (invited)\n"
    assert "not on the waiting list" in ctl("waitlist", "admit", "alice@example.org", ok=False)
    assert ctl("waitlist", "list") == "dave@example.com\n"

    listing = [line.split("\t") for line in ctl("panelist", "list").splitlines()]
    assert listing == [["alice@example.org", "invited", "US", "credit"],
                       ["bob@example.net", "invited", "-", "donation:City Food Bank"],
                       ["carol@example.com", "invited", "-", "credit"],
                       ["dave@example.com", "waitlisted", "-", "credit"]]
    shown = ctl("panelist", "show", "bob@example.net")
    assert "charity       City Food Bank" in shown and "2026-10  10.00 USD  donation (City Food Bank)" in shown
    ctl("panelist", "set", "bob@example.net", "--credit")
    assert "reward        credit" in ctl("panelist", "show", "bob@example.net")

    assert ctl("panelist", "remove", "bob@example.net").startswith("bob@example.net removed")
    ctl("panelist", "show", "bob@example.net", ok=False)
    assert "bob@example.net" not in ctl("panelist", "list")
    assert ctl("rewards").split() == ["2026-10", "donation", "1", "10.00", "USD"]  # the ledger keeps it


def test_a_new_panelist_gets_one_welcome_mail(tmp_path):
    ctl = receiptctl(tmp_path, smtp={"recipients": ["receipts@panel.example.org"]},
                     panel={"reward_receipts": 12, "reward_amount": "7.50", "reward_currency": "EUR"},
                     outbound={"host": "127.0.0.1", "port": 25, "from": "receipts@panel.example.org"})
    database = tmp_path / "receiptd.db"
    assert ctl("panelist", "invite", "alice@example.org", "--donate", "City Food Bank") == (
        "alice@example.org invited\n" + QUEUED)
    assert ctl("panelist", "invite", "Alice@example.org") == "alice@example.org is already invited\n"
    assert ctl("panelist", "invite", "bob@example.net", "--no-mail") == "bob@example.net invited\n"
    db = open_db(database)
    with immediate(db):
        for address in ("carol@example.com", "dave@example.com"):
            store.waitlist(db, address)
    db.close()
    assert ctl("waitlist", "admit", "carol@example.com") == "carol@example.com admitted (invited)\n" + QUEUED
    ctl("waitlist", "admit", "dave@example.com", "--no-mail")
    ctl("waitlist", "admit", "erin@example.com", ok=False)  # unknown: nobody to welcome

    rows = query(database, "SELECT recipient, kind, status, subject, in_reply_to, body FROM outbound ORDER BY id")
    assert [row[:5] for row in rows] == [
        (address, "welcome", "pending", "Welcome to the receipts panel", None)
        for address in ("alice@example.org", "carol@example.com")]
    alice, carol = rows[0][5], rows[1][5]
    for words in ("to receipts@panel.example.org as attachments", "12 eligible receipts in a calendar month",
                  "receipts from Amazon", "dated at most 30 days", "medication", "STATUS", "DELETE ALL", "LEAVE"):
        assert words in alice, words
    assert "a donation of €7.50 to City Food Bank" in alice and "a credit of €7.50" in carol


def test_the_running_daemon_delivers_a_welcome_mail_recorded_while_it_was_stopped(daemon_factory, tmp_path):
    relay = Relay().start()
    try:
        sections = {"panel": {"enabled": True},
                    "outbound": {"host": "127.0.0.1", "port": relay.port, "from": RECIPIENT, "retry_delay": 0.5}}
        assert receiptctl(tmp_path, **sections)("panelist", "invite", "alice@example.org").endswith(QUEUED)
        daemon = daemon_factory(**sections)
        welcome = wait_until(lambda: relay.received and relay.received[0], timeout=60, message="the welcome mail")
        assert (welcome["To"], welcome["From"], welcome["Subject"], welcome["Auto-Submitted"]) == (
            "alice@example.org", RECIPIENT, "Welcome to the receipts panel", "auto-generated")
        assert "10 eligible receipts" in welcome.get_content() and f"to {RECIPIENT}" in welcome.get_content()
        wait_until(lambda: query(tmp_path / "receiptd.db", "SELECT kind, status FROM outbound")
                   == [("welcome", "sent")])
        assert "eligible receipts" not in daemon.log and len(relay.received) == 1  # no body in the log
    finally:
        relay.stop()
