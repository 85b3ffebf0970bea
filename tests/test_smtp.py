"""The SMTP door on a real daemon: what is accepted, refused, and when 250 is said."""
from __future__ import annotations

import hashlib
import smtplib
import sqlite3

import pytest

from conftest import RECIPIENT, query, receipt_mail, send, wait_until, wire


def test_unknown_recipient_gets_550_and_nothing_is_queued(daemon_factory, tmp_path):
    daemon = daemon_factory()
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.ehlo()
        client.mail("someone@example.org")
        code, reply = client.rcpt("postmaster@elsewhere.example")
        assert code == 550
        code, _ = client.rcpt(RECIPIENT.upper())  # recipients are case-insensitive
        assert code == 250
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(daemon.port, receipt_mail(), rcpt="relay-me@gmail.example")
    assert refused.value.recipients["relay-me@gmail.example"][0] == 550
    assert query(tmp_path / "receiptd.db", "SELECT count(*) FROM messages") == [(0,)]


def test_oversize_mail_gets_552(daemon_factory, tmp_path):
    daemon = daemon_factory(smtp={"max_message_size": 50_000})
    big = receipt_mail([(b"\xff\xd8\xff" + bytes(80_000), "image/jpeg", "big.jpg")])
    # a client that declares SIZE is refused at MAIL FROM ...
    with pytest.raises(smtplib.SMTPSenderRefused) as err:
        send(daemon.port, big)
    assert err.value.smtp_code == 552
    # ... and one that does not is refused after DATA
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.ehlo()
        assert client.esmtp_features["size"] == "50000"
        assert client.mail("panelist@example.org")[0] == 250
        assert client.rcpt(RECIPIENT)[0] == 250
        code, _ = client.data(wire(big))
        assert code == 552
    assert query(tmp_path / "receiptd.db", "SELECT count(*) FROM messages") == [(0,)]


def test_failure_to_persist_gets_451_then_the_retry_is_stored(daemon_factory, tmp_path):
    daemon = daemon_factory(store={"busy_timeout_ms": 300})
    database = tmp_path / "receiptd.db"
    blocker = sqlite3.connect(str(database), isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another writer holds the database: the queue cannot commit
    msg = receipt_mail()
    try:
        with pytest.raises(smtplib.SMTPDataError) as err:
            send(daemon.port, msg)
        assert err.value.smtp_code == 451
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert query(database, "SELECT count(*) FROM messages") == [(0,)]
    assert send(daemon.port, msg) == {}  # the sender's retry succeeds
    assert query(database, "SELECT count(*) FROM messages") == [(1,)]


def test_250_only_after_the_mail_is_on_disk(daemon_factory, tmp_path):
    daemon = daemon_factory(store={"retain_raw_days": 1})  # the spooled bytes stay after the worker is done
    msg = receipt_mail(body="no photo here")
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.ehlo()
        client.mail("panelist@example.org")
        client.rcpt(RECIPIENT)
        code, reply = client.data(wire(msg))
    assert code == 250
    queue_id = int(reply.decode().rsplit(" ", 1)[-1])
    # a fresh connection (another process) sees the committed row and its bytes at once
    rows = query(tmp_path / "receiptd.db", "SELECT m.message_id, m.sha256, s.raw FROM messages m "
                 "JOIN spool s ON s.message_id = m.id WHERE m.id = ?", (queue_id,))
    [(message_id, sha256, raw)] = rows
    assert message_id == msg["Message-ID"]
    # the bytes spooled are the mail as sent (smtplib's dot-stuffing and line ends undone)
    assert raw.replace(b"\r\n", b"\n") == wire(msg).replace(b"\r\n", b"\n")
    assert sha256 == hashlib.sha256(raw).hexdigest()


def test_same_mail_twice_is_kept_once(daemon_factory, tmp_path):
    daemon = daemon_factory()
    msg = receipt_mail(body="hello", message_id="<twice@example.org>")
    send(daemon.port, msg)
    send(daemon.port, msg)
    database = tmp_path / "receiptd.db"
    wait_until(lambda: query(database, "SELECT outcome FROM messages") == [("no_receipt",)], message="no_receipt")
    assert query(database, "SELECT count(*) FROM messages") == [(1,)]


def test_sigterm_stops_cleanly_with_exit_0(daemon_factory):
    daemon = daemon_factory()
    assert daemon.terminate() == 0
    assert "receiptd stopped" in daemon.log
    with pytest.raises(OSError):
        smtplib.SMTP("127.0.0.1", daemon.port, timeout=5)


def test_too_many_recipients_get_452(daemon_factory):
    daemon = daemon_factory(smtp={"recipients": ["a@localhost", "b@localhost", "c@localhost"], "max_recipients": 2})
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.ehlo()
        client.mail("panelist@example.org")
        assert [client.rcpt(r)[0] for r in ("a@localhost", "b@localhost", "c@localhost")] == [250, 250, 452]


def test_connections_over_the_limit_get_421(daemon_factory):
    daemon = daemon_factory(smtp={"max_connections": 1})
    with smtplib.SMTP("127.0.0.1", daemon.port) as first:
        first.ehlo()
        with pytest.raises(smtplib.SMTPConnectError) as refused:
            smtplib.SMTP("127.0.0.1", daemon.port)
        assert refused.value.smtp_code == 421
    # the slot is free again once the first client has gone
    wait_until(lambda: connects(daemon.port), message="a free slot")


def connects(port: int) -> bool:
    try:
        smtplib.SMTP("127.0.0.1", port).quit()
    except smtplib.SMTPConnectError:
        return False
    return True


def test_rate_per_ip_and_per_sender(daemon_factory):
    daemon = daemon_factory(smtp={"rate_per_ip": "3/minute", "rate_per_sender": "2/minute"})
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.ehlo()
        codes = []
        for _ in range(3):
            codes.append(client.mail("busy@example.org")[0])
            client.rset()
        assert codes == [250, 250, 450]
        assert client.mail("other@example.org")[0] == 250  # per sender, not per connection
    smtplib.SMTP("127.0.0.1", daemon.port).quit()
    smtplib.SMTP("127.0.0.1", daemon.port).quit()
    with pytest.raises(smtplib.SMTPConnectError) as refused:
        smtplib.SMTP("127.0.0.1", daemon.port)
    assert refused.value.smtp_code == 421


def test_each_command_is_limited_per_connection(daemon_factory):
    daemon = daemon_factory(smtp={"command_call_limit": 3, "max_connections": 1})
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.ehlo()
        assert [client.noop()[0] for _ in range(3)] == [250, 250, 250]
        code, reply = client.noop()
        assert (code, reply) == (421, b"4.7.0 NOOP sent too many times")
        with pytest.raises(smtplib.SMTPServerDisconnected):
            client.noop()
    # the gate gives the closed connection's slot back; a fresh connection has its own budget
    wait_until(lambda: connects(daemon.port), message="a free slot")
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        assert [client.noop()[0] for _ in range(3)] == [250, 250, 250]


def test_the_connection_gate_uses_aiosmtpd_public_surface():
    from ingest.smtp import GatedSMTP

    private = [name for name in vars(GatedSMTP) if name.startswith("_") and not name.startswith("__")]
    assert private == [], private  # no aiosmtpd internals overridden (_handle_client was)
