"""EXPORT / AUSKUNFT: a panelist's own data as CSV and JSON attachments of one reply, through a
real daemon (SMTP in, an aiosmtpd relay out), and ``receiptctl panelist export`` for an operator."""
from __future__ import annotations

import csv
import io
import json

from conftest import query, wait_done
from store import panel as store
from store.db import immediate, open_db
from test_language import plain
from test_panel import Relay, mail, panel_daemon, pdf_mail, receipt_lines
from test_panel_cli import receiptctl

ALICE = "alice@example.org"
BOB = "bob@example.net"
AUTHSERV = "mx.panel.test"
UPSTREAM = {"mode": "upstream", "authserv_id": AUTHSERV}
FILES = ["panelist.csv", "receipts.csv", "line_items.csv", "rewards.csv", "survey_answers.csv", "receiptd-export.json"]


def authenticated(msg, sender: str):
    """The mail as our own MTA hands it on: with its Authentication-Results (DKIM passed)."""
    domain = sender.rpartition("@")[2]
    msg["Authentication-Results"] = f"{AUTHSERV}; dkim=pass header.d={domain}; spf=pass smtp.mailfrom={sender}"
    return msg


def panel_with_two_panelists(database) -> None:
    """Alice and Bob, each with a reward and the answers to one survey question."""
    db = open_db(database, migrate=True)
    with immediate(db):
        db.execute("INSERT INTO surveys (id, title, source, reward_amount, reward_currency, closes_at, created_at) "
                   "VALUES ('s1', 'Drinks', '', 100, 'USD', '2030-01-01', '2019-01-01')")
        for address, month, answer in ((ALICE, "2019-01", "B"), (BOB, "2019-02", "D")):
            row, _ = store.invite(db, address, country="US")
            store.award(db, panelist=row, month=month, threshold=10, amount=1000, currency="USD", receipt_id=None,
                        queue_id=None)
            response = db.execute("INSERT INTO survey_responses (survey_id, panelist_id, received_at) "
                                  "VALUES ('s1', ?, '2019-01-02')", [row["id"]]).lastrowid
            db.execute("INSERT INTO survey_answers (response_id, survey_id, panelist_id, question, value) "
                       "VALUES (?, 's1', ?, 1, ?)", [response, row["id"], answer])
    db.close()


def attachments(reply) -> dict[str, bytes]:
    """Each attached file's name and its bytes as sent (the transfer encoding undone)."""
    return {part.get_filename(): part.get_payload(decode=True) for part in reply.iter_attachments()}


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_export_attaches_exactly_the_senders_data_once_a_day_and_never_to_a_spoofed_from(daemon_factory, tmp_path):
    database = tmp_path / "receiptd.db"
    panel_with_two_panelists(database)
    relay = Relay().start()
    try:
        daemon = panel_daemon(daemon_factory, relay, auth=UPSTREAM)
        mail(daemon.port, authenticated(pdf_mail(ALICE, receipt_lines(1), receipt_lines(2)), ALICE), ALICE)
        mail(daemon.port, authenticated(pdf_mail(BOB, receipt_lines(3)), BOB), BOB)
        spoofed = mail(daemon.port, pdf_mail(BOB, subject="EXPORT"), BOB)  # no authentication: not Bob
        export = mail(daemon.port, authenticated(pdf_mail(ALICE, subject="EXPORT"), ALICE), ALICE)
        again = mail(daemon.port, authenticated(pdf_mail(ALICE, subject="Auskunft"), ALICE), ALICE)
        reply, second = relay.reply_to(export), relay.reply_to(again)
        wait_done(database, count=5)
    finally:
        relay.stop()

    files = attachments(reply)
    assert sorted(files) == sorted(FILES)
    assert "Attached is all data we hold about you" in plain(reply)
    assert {part.get_content_charset() for part in reply.iter_attachments()
            if part.get_content_maintype() == "text"} == {"utf-8"}
    mine = [str(i) for (i,) in query(database, "SELECT id FROM receipts WHERE sender = ? ORDER BY id", (ALICE,))]
    assert len(mine) == 2
    items = query(database, f"SELECT id, receipt_id FROM line_items WHERE receipt_id IN ({','.join(mine)}) ORDER BY id")
    assert items  # the receipts had line items to export

    [panelist] = csv_rows(files["panelist.csv"])
    assert panelist["address"] == ALICE and panelist["language"] == "en"
    receipts = csv_rows(files["receipts.csv"])
    assert [r["id"] for r in receipts] == mine and {r["sender"] for r in receipts} == {ALICE}
    assert all(r["merchant"] == "CORNER MARKET" and r["total"] for r in receipts)
    assert sorted((int(r["id"]), int(r["receipt_id"])) for r in csv_rows(files["line_items.csv"])) == items
    assert [(r["month"], r["amount"]) for r in csv_rows(files["rewards.csv"])] == [("2019-01", "1000")]
    assert [(r["question"], r["value"]) for r in csv_rows(files["survey_answers.csv"])] == [("1", "B")]

    document = json.loads(files["receiptd-export.json"])
    assert document["panelist"]["address"] == ALICE
    assert [str(r["id"]) for r in document["receipts"]] == mine
    assert sorted((i["id"], r["id"]) for r in document["receipts"] for i in r["line_items"]) == items
    assert [r["month"] for r in document["rewards"]] == ["2019-01"]
    assert [a["value"] for a in document["survey_answers"]] == ["B"]
    assert not any(BOB.encode() in content or b"2019-02" in content for content in files.values())

    # once a day: the second one says when the next is possible, and carries nothing
    assert not list(second.iter_attachments())
    assert "You can ask for it once a day: please send EXPORT again after" in plain(second)
    assert query(database, "SELECT kind FROM outbound WHERE recipient = ? AND kind LIKE 'export%' ORDER BY id",
                 (ALICE,)) == [("export",), ("export_refused",)]
    # the forged From got nothing, and nothing was recorded for it
    assert relay.replies_to(spoofed) == []
    assert query(database, "SELECT outcome FROM messages WHERE message_id = ?", (spoofed,)) == [("spoofed",)]
    assert query(database, "SELECT count(*) FROM outbound WHERE recipient = ? AND kind LIKE 'export%'",
                 (BOB,)) == [(0,)]
    # sent: the copy of the data in the outbound table is gone
    assert query(database, "SELECT count(*) FROM outbound_attachments") == [(0,)]

    # the operator's export writes the same files
    out = tmp_path / "alice"
    printed = receiptctl(tmp_path, auth=UPSTREAM)("panelist", "export", ALICE, "--out", str(out))
    assert sorted(line.rpartition("/")[2] for line in printed.splitlines()) == sorted(FILES)
    for name in FILES[:-1]:
        assert (out / name).read_bytes() == files[name], name
    operator = json.loads((out / "receiptd-export.json").read_bytes())
    assert {**operator, "exported_at": None} == {**document, "exported_at": None}


def test_export_is_refused_when_senders_are_not_authenticated(daemon_factory, tmp_path):
    database = tmp_path / "receiptd.db"
    panel_with_two_panelists(database)
    relay = Relay().start()
    try:
        daemon = panel_daemon(daemon_factory, relay)  # [auth] mode = "off", the default
        mail(daemon.port, pdf_mail(ALICE, receipt_lines(1)), ALICE)
        export = mail(daemon.port, pdf_mail(ALICE, subject="receipts", body="EXPORT\n-- \nAlice"), ALICE)
        reply = relay.reply_to(export)
    finally:
        relay.stop()
    assert not list(reply.iter_attachments())
    assert "this panel does not verify who sent a mail" in plain(reply)
    assert query(database, "SELECT kind FROM outbound WHERE recipient = ? ORDER BY id", (ALICE,))[-1] == (
        "export_refused",)
    assert query(database, "SELECT count(*) FROM outbound_attachments") == [(0,)]


def test_an_unknown_address_has_nothing_to_export(tmp_path):
    ctl = receiptctl(tmp_path)
    assert "nobody@example.org: not a panelist" in ctl("panelist", "export", "nobody@example.org", "--out",
                                                       str(tmp_path / "x"), ok=False)
    assert not (tmp_path / "x").exists()
