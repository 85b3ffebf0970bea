"""The panel end to end: real daemon, real SMTP in, a real aiosmtpd relay out, real SQLite.

Receipts are PDF e-receipts with a text layer (no OCR) except where a photo is the point.
Their dates are relative to today, and each has its own time and total (no duplicates).
"""
from __future__ import annotations

import datetime as dt
import email
import smtplib
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller

from conftest import PANEL_NOW, RECIPIENT, query, receipt_mail, send, wait_done, wait_until, wire
from images import encode, receipt_image, text_pdf
from store import panel as store
from store.db import immediate, open_db

ALICE = "alice@example.org"
BOB = "bob@example.net"
TODAY = PANEL_NOW.date()  # in the panel's zone, which keeps the suite inside one calendar month
MONTH = PANEL_NOW.strftime("%Y-%m")


# -- helpers -----------------------------------------------------------------------------------

def receipt_lines(n: int = 0, *, merchant: str = "CORNER MARKET", days_ago: int = 1) -> list[str]:
    """A grocery receipt whose time and total depend on ``n`` (so no two are duplicates)."""
    milk = 349 + n
    subtotal = milk + 299 + 127
    tax = round(subtotal * 0.08)
    total = subtotal + tax
    money = lambda cents: f"{cents // 100}.{cents % 100:02d}"  # noqa: E731
    date = TODAY - dt.timedelta(days=days_ago)
    return [
        merchant, "1200 Main Street", "Springfield, IL 62701",
        f"{date:%m/%d/%Y} {8 + n // 60:02d}:{n % 60:02d} AM",
        f"MILK 1 GAL         {money(milk)}", "WHOLE WHEAT BREAD  2.99", "BANANAS            1.27",
        f"SUBTOTAL           {money(subtotal)}", f"TAX                {money(tax)}",
        f"TOTAL              {money(total)}", f"VISA               {money(total)}", "THANK YOU",
    ]


def total_of(n: int) -> int:
    subtotal = 349 + n + 299 + 127
    return subtotal + round(subtotal * 0.08)


def pdf_mail(sender: str, *receipts: list[str], subject: str = "receipt", **kw):
    return receipt_mail([(text_pdf(lines), "application/pdf", f"r{i}.pdf") for i, lines in enumerate(receipts)],
                        sender=sender, subject=subject, **kw)


def mail(port: int, msg, sender: str):
    send(port, msg, mail_from=sender)
    return msg["Message-ID"]


def invite(database, *addresses, **preferences) -> None:
    db = open_db(database, migrate=True)
    try:
        with immediate(db):
            for address in addresses:
                store.invite(db, address, **preferences)
    finally:
        db.close()


class Relay:
    """The outbound relay: a real aiosmtpd server on a free loopback port."""

    def __init__(self, port: int = 0):
        self.received: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        relay = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                relay.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
                relay.received.append(email.message_from_bytes(envelope.original_content, policy=policy.default))
                return "250 OK"

        class FreePortController(Controller):
            def _trigger_server(self):
                self.port = self.server.sockets[0].getsockname()[1]  # port 0: the one the OS gave
                super()._trigger_server()

        self.controller = FreePortController(Handler(), hostname="127.0.0.1", port=port)

    def start(self) -> "Relay":
        self.controller.start()
        self.port = self.controller.port
        return self

    def stop(self) -> None:
        self.controller.stop()

    def replies_to(self, message_id: str) -> list[email.message.EmailMessage]:
        return [m for m in self.received if m["In-Reply-To"] == message_id]

    def reply_to(self, message_id: str, timeout: float = 60) -> email.message.EmailMessage:
        return wait_until(lambda: (found := self.replies_to(message_id)) and found[0], timeout=timeout,
                          message=f"a reply to {message_id}")


@pytest.fixture
def relay():
    relay = Relay().start()
    yield relay
    relay.stop()


def panel_daemon(daemon_factory, relay: Relay | None = None, env: dict | None = None, **overrides):
    sections = {"panel": {"enabled": True}, **overrides}
    if relay is not None:
        sections["outbound"] = {"host": "127.0.0.1", "port": relay.port, "from": RECIPIENT, "retry_delay": 0.5}
    return daemon_factory(env=env, **sections)


def text(reply) -> str:
    return reply.get_content()


# -- rewards -----------------------------------------------------------------------------------

def test_ten_eligible_receipts_earn_one_reward_and_the_eleventh_adds_none(daemon_factory, relay, tmp_path):
    database = tmp_path / "receiptd.db"
    invite(database, ALICE, reward="donation", charity="City Food Bank")
    daemon = panel_daemon(daemon_factory, relay)
    ids = [mail(daemon.port, pdf_mail(ALICE, receipt_lines(n, days_ago=1 + n % 3)), ALICE) for n in range(11)]
    wait_done(database, 11)

    assert query(database, "SELECT status, reason FROM receipts") == [("accepted", None)] * 11
    assert query(database, "SELECT status FROM panelists WHERE address = ?", [ALICE]) == [("active",)]
    [(month, threshold, amount, currency, kind, charity, receipt_id)] = query(
        database, "SELECT month, threshold, amount, currency, kind, charity, receipt_id FROM rewards")
    assert (month, threshold, amount, currency, kind, charity) == (MONTH, 10, 1000, "USD", "donation", "City Food Bank")
    assert receipt_id == query(database, "SELECT id FROM receipts ORDER BY id")[9][0]  # the 10th earned it

    seventh, tenth, eleventh = (text(relay.reply_to(ids[i])) for i in (6, 9, 10))
    assert "7 of 10 eligible receipts" in seventh and "3 more this month" in seventh
    assert "10 of 10" in tenth and "you earned this month's reward" in tenth
    assert "a donation of $10.00 to City Food Bank" in tenth
    assert "earned this month's reward" in eleventh and "Congratulations" not in eleventh
    assert len(relay.received) == 11  # one reply per mail
    reply = relay.replies_to(ids[0])[0]
    assert reply["To"] == ALICE and reply["Auto-Submitted"] == "auto-replied"


def test_a_crash_between_the_tenth_receipt_and_its_reward_still_gives_exactly_one(daemon_factory, tmp_path):
    database = tmp_path / "receiptd.db"
    invite(database, ALICE)
    daemon = panel_daemon(daemon_factory)
    for n in range(9):
        mail(daemon.port, pdf_mail(ALICE, receipt_lines(n)), ALICE)
    wait_done(database, 9)
    daemon.terminate()

    # the worker dies hard (os._exit, no rollback) after storing the 10th receipt, before the reward
    marker = tmp_path / "crashed"
    daemon = panel_daemon(daemon_factory, env={"RECEIPTD_FAILPOINT": f"panel.before_reward:{marker}"})
    mail(daemon.port, pdf_mail(ALICE, receipt_lines(9)), ALICE)
    wait_until(lambda: "worker process died" in daemon.log, timeout=60, message="the worker crash")
    assert marker.exists()
    assert wait_done(database, 10, timeout=120)[-1][1] == "processed"  # restarted worker, second attempt
    assert query(database, "SELECT attempts FROM messages ORDER BY id DESC LIMIT 1") == [(2,)]
    assert query(database, "SELECT count(*) FROM receipts WHERE status = 'accepted'") == [(10,)]
    assert query(database, "SELECT count(*), month FROM rewards") == [(1, MONTH)]


# -- eligibility -------------------------------------------------------------------------------

def test_amazon_and_90_day_old_receipts_are_rejected_with_their_reason_and_told(daemon_factory, tmp_path):
    """Without [outbound] the replies are recorded (not sent)."""
    database = tmp_path / "receiptd.db"
    invite(database, ALICE)
    daemon = panel_daemon(daemon_factory)
    mail(daemon.port, pdf_mail(ALICE, receipt_lines(1, merchant="AMAZON FRESH")), ALICE)
    mail(daemon.port, pdf_mail(ALICE, receipt_lines(2, days_ago=90)), ALICE)
    mail(daemon.port, pdf_mail(ALICE, receipt_lines(3, merchant="Whole Foods Market"), receipt_lines(4)), ALICE)
    wait_done(database, 3)

    rows = query(database, "SELECT id, merchant, status, reason FROM receipts ORDER BY id")
    assert [(r[2], r[3]) for r in rows] == [("rejected", "amazon_merchant"), ("rejected", "too_old"),
                                            ("rejected", "amazon_merchant"), ("accepted", None)]
    rejected_ids = [r[0] for r in rows if r[2] == "rejected"]
    # a rejected receipt keeps its row, not its line items
    assert query(database, "SELECT DISTINCT receipt_id FROM line_items") == [(rows[3][0],)]
    replies = query(database, "SELECT recipient, status, kind, body FROM outbound ORDER BY id")
    assert [(r[0], r[1], r[2]) for r in replies] == [(ALICE, "recorded", "receipts")] * 3
    assert f"#{rejected_ids[0]}" in replies[0][3] and "(amazon_merchant)" in replies[0][3]
    assert "more than 30 days before we received it (too_old)" in replies[1][3]
    assert "Accepted:" in replies[2][3] and "Not accepted:" in replies[2][3] and "1 of 10" in replies[2][3]


def test_the_same_photo_from_a_second_panelist_is_a_duplicate_and_delete_removes_it(
        daemon_factory, relay, tmp_path):
    database = tmp_path / "receiptd.db"
    invite(database, ALICE, BOB)
    daemon = panel_daemon(daemon_factory, relay, ocr={"preload": True})
    photo = receipt_image(receipt_lines(5))
    first = mail(daemon.port, receipt_mail([(encode(photo, "JPEG", quality=90), "image/jpeg", "IMG_1.JPG")],
                                           sender=ALICE), ALICE)
    # the same photo, re-encoded as another app would send it: other bytes, same picture
    second = mail(daemon.port, receipt_mail([(encode(photo, "PNG"), "image/png", "receipt.png")], sender=BOB), BOB)
    wait_done(database, 2)
    [(alice_id, a_status, a_hash), (bob_id, b_status, b_reason)] = query(
        database, "SELECT id, status, coalesce(reason, phash) FROM receipts ORDER BY id")
    assert (a_status, b_status, b_reason) == ("accepted", "rejected", "duplicate")
    assert len(a_hash) == 16
    assert "already been sent to us (duplicate)" in text(relay.reply_to(second))
    assert f"#{alice_id}" in text(relay.reply_to(first))

    assert query(database, "SELECT count(*) FROM receipt_images WHERE receipt_id = ?", [alice_id]) == [(1,)]
    assert query(database, "SELECT count(*) FROM line_items WHERE receipt_id = ?", [alice_id]) != [(0,)]
    # Bob cannot delete Alice's receipt; Alice can
    bobs = mail(daemon.port, receipt_mail(sender=BOB, subject=f"DELETE {alice_id}"), BOB)
    wait_done(database, 3)
    assert "no receipt" in text(relay.reply_to(bobs)).lower()
    alices = mail(daemon.port, receipt_mail(sender=ALICE, subject="Delete", body=f"DELETE {alice_id}\nthanks"), ALICE)
    wait_done(database, 4)
    confirmation = text(relay.reply_to(alices))
    assert f"Receipt #{alice_id} and everything we read from it are deleted" in confirmation
    for table, key in (("receipts", "id"), ("line_items", "receipt_id"), ("redactions", "receipt_id"),
                       ("receipt_images", "receipt_id")):
        assert query(database, f"SELECT count(*) FROM {table} WHERE {key} = ?", [alice_id]) == [(0,)], table
    assert query(database, "SELECT outcome FROM messages ORDER BY id")[2:] == [("command",), ("command",)]


# -- who may send, and who is answered ---------------------------------------------------------

def test_an_unknown_sender_is_waitlisted_once_and_told_so(daemon_factory, relay, tmp_path):
    database = tmp_path / "receiptd.db"
    daemon = panel_daemon(daemon_factory, relay)
    stranger = "Stranger@Example.COM"
    first = mail(daemon.port, pdf_mail(stranger, receipt_lines(1)), stranger)
    mail(daemon.port, pdf_mail(stranger, receipt_lines(2)), stranger)
    # a bounce (empty return path) from another unknown address is neither waitlisted nor answered
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.sendmail("", [RECIPIENT], wire(pdf_mail("mailer@bounces.example", receipt_lines(3))))
    assert wait_done(database, 3) == [(1, "not_panelist"), (2, "not_panelist"), (3, "not_panelist")]

    assert query(database, "SELECT address, status FROM panelists") == [("stranger@example.com", "waitlisted")]
    assert query(database, "SELECT count(*) FROM receipts") == [(0,)]
    reply = relay.reply_to(first)
    assert reply["To"] == "stranger@example.com"
    assert "waiting list" in text(reply) and "not read the receipts" in text(reply)
    wait_until(lambda: query(database, "SELECT count(*) FROM outbound WHERE status = 'pending'") == [(0,)])
    assert len(relay.received) == 1  # told once, not per mail
    assert query(database, "SELECT count(*) FROM spool") == [(0,)]  # a stranger's mail is not kept


def test_no_reply_to_an_auto_replied_mail(daemon_factory, relay, tmp_path):
    database = tmp_path / "receiptd.db"
    invite(database, ALICE)
    daemon = panel_daemon(daemon_factory, relay)
    auto = pdf_mail(ALICE, receipt_lines(1), subject="Out of office: STATUS")
    auto["Auto-Submitted"] = "auto-replied"
    mail(daemon.port, auto, ALICE)
    listed = pdf_mail(ALICE, receipt_lines(2), subject="LEAVE")
    listed["Precedence"] = "bulk"
    mail(daemon.port, listed, ALICE)
    human = mail(daemon.port, pdf_mail(ALICE, receipt_lines(3)), ALICE)
    wait_done(database, 3)
    relay.reply_to(human)
    # the automated mails' receipts count (and their commands are not obeyed), but nobody answers them
    assert query(database, "SELECT count(*), sum(status = 'accepted') FROM receipts") == [(3, 3)]
    assert query(database, "SELECT status FROM panelists") == [("active",)]
    assert query(database, "SELECT message_id FROM outbound") == [(3,)]
    assert len(relay.received) == 1


# -- commands and the relay --------------------------------------------------------------------

def test_status_delete_all_and_leave(daemon_factory, relay, tmp_path):
    database = tmp_path / "receiptd.db"
    invite(database, ALICE, BOB)
    db = open_db(database)
    with immediate(db):  # a reward from an earlier month: LEAVE must not take it out of the ledger
        store.award(db, panelist=store.get_panelist(db, ALICE), month="2000-01", threshold=10, amount=1000,
                    currency="USD", receipt_id=None, queue_id=None)
    db.close()
    daemon = panel_daemon(daemon_factory, relay)
    mail(daemon.port, pdf_mail(ALICE, receipt_lines(1), receipt_lines(2)), ALICE)
    mail(daemon.port, pdf_mail(BOB, receipt_lines(3)), BOB)
    status = mail(daemon.port, receipt_mail(sender=ALICE, subject="status"), ALICE)
    wait_done(database, 3)
    body = text(relay.reply_to(status))
    assert "2 of 10 eligible receipts" in body and "2 accepted" in body and "January 2000: a credit of $10.00" in body

    delete_all = mail(daemon.port, receipt_mail(sender=ALICE, subject="DELETE ALL"), ALICE)
    wait_done(database, 4)
    assert "All your receipts (2)" in text(relay.reply_to(delete_all))
    assert query(database, "SELECT sender FROM receipts") == [(BOB,)]

    leave = mail(daemon.port, receipt_mail(sender=ALICE, subject="Leave"), ALICE)
    assert "You have left the receipts panel" in text(relay.reply_to(leave))
    # her earlier mails are erased: of five, Bob's and the LEAVE mail (without its sender) are left
    assert query(database, "SELECT id, sender, outcome FROM messages ORDER BY id") == [
        (2, BOB, "processed"), (5, None, "command")]
    wait_until(lambda: query(database, "SELECT status FROM outbound WHERE kind = 'left'") == [("sent",)])
    # nothing about Alice is left: not her address, mails or replies; the ledger keeps its row
    assert query(database, "SELECT count(*) FROM panelists WHERE address = ?", [ALICE]) == [(0,)]
    assert query(database, "SELECT status, address FROM panelists ORDER BY id") == [("left", None), ("active", BOB)]
    assert query(database, "SELECT count(*) FROM messages WHERE sender = ? OR envelope_from = ?", [ALICE, ALICE]) == [(0,)]
    assert query(database, "SELECT recipient, body FROM outbound WHERE kind = 'left'") == [(None, None)]
    assert query(database, "SELECT count(*) FROM outbound WHERE recipient = ?", [ALICE]) == [(0,)]
    assert query(database, "SELECT month, amount, panelist_id IS NOT NULL FROM rewards") == [("2000-01", 1000, 1)]


def test_replies_wait_for_a_relay_that_is_down(daemon_factory, tmp_path):
    database = tmp_path / "receiptd.db"
    invite(database, ALICE)
    with socket.socket() as probe:  # a port where nothing listens yet
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    down = Relay(port)
    daemon = daemon_factory(panel={"enabled": True},
                            outbound={"host": "127.0.0.1", "port": port, "from": RECIPIENT, "retry_delay": 0.5})
    ident = mail(daemon.port, pdf_mail(ALICE, receipt_lines(1)), ALICE)
    wait_done(database)
    wait_until(lambda: query(database, "SELECT status, attempts > 0, error LIKE 'relay unavailable%' FROM outbound")
               == [("pending", 1, 1)], message="a failed attempt")
    relay = down.start()
    try:
        assert "1 of 10" in text(relay.reply_to(ident, timeout=60))
        wait_until(lambda: query(database, "SELECT status FROM outbound") == [("sent",)])
    finally:
        relay.stop()
