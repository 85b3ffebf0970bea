"""receiptctl panelist / waitlist / rewards against a real database."""
from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import REPO, daemon_sections, write_config
from store import panel as store
from store.db import immediate, open_db

RECEIPTCTL = Path(REPO / ".venv" / "bin" / "receiptctl")


def test_panelist_and_waitlist_commands(tmp_path):
    config = write_config(tmp_path / "c.toml", daemon_sections(tmp_path, panel={"enabled": True}))

    def ctl(*args, ok=True):
        result = subprocess.run([str(RECEIPTCTL), "--config", str(config), *args], capture_output=True, text=True,
                                timeout=120, cwd=REPO)
        assert (result.returncode == 0) == ok, result.stderr
        return result.stdout

    assert ctl("panelist", "invite", "Alice@Example.org", "--country", "us") == "alice@example.org invited\n"
    assert ctl("panelist", "invite", "alice@example.org") == "alice@example.org is already invited\n"
    ctl("panelist", "invite", "bob@example.net", "--donate", "City Food Bank")
    db = open_db(tmp_path / "receiptd.db")
    with immediate(db):
        store.waitlist(db, "carol@example.com")
        store.waitlist(db, "dave@example.com")
        store.award(db, panelist=store.get_panelist(db, "bob@example.net"), month="2026-10", threshold=10,
                    amount=1000, currency="USD", receipt_id=None, message_id=None)
    db.close()

    assert ctl("waitlist", "list") == "carol@example.com\ndave@example.com\n"
    assert ctl("waitlist", "admit", "carol@example.com") == "carol@example.com admitted (invited)\n"
    assert "not on the waiting list" in subprocess.run(
        [str(RECEIPTCTL), "--config", str(config), "waitlist", "admit", "alice@example.org"],
        capture_output=True, text=True, cwd=REPO).stderr
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
