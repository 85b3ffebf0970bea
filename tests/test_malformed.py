"""Malformed input through the real SMTP path: no crash, every accepted mail has an outcome."""
from __future__ import annotations

import io
import smtplib
import sysconfig
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import FIXTURES, RECIPIENT, query, receipt_mail, send, wait_until, wire
from images import text_pdf
from store import panel as panel_store
from store.db import immediate, open_db
from test_mail_headers import attachment, mail, raw_mails, receipt_pdf

CORPUS = Path(sysconfig.get_paths()["stdlib"]) / "test" / "test_email" / "data"


def crlf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def deliver(port: int, raw: bytes) -> int | None:
    """The queue id if the mail was answered 250, None if the server refused it."""
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        client.ehlo()
        client.mail("sender@example.org")
        client.rcpt(RECIPIENT)
        code, reply = client.data(raw)
    return int(reply.decode().rsplit(" ", 1)[-1]) if code == 250 else None


def outcomes(database) -> dict[int, str | None]:
    return dict(query(database, "SELECT id, outcome FROM messages"))


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"CPython's email test corpus is not at {CORPUS}")
def test_cpython_email_corpus_every_mail_gets_an_outcome(daemon_factory, tmp_path):
    daemon = daemon_factory(smtp={"rate_per_ip": "", "rate_per_sender": ""})
    mails = sorted(CORPUS.glob("msg_*.txt"))
    accepted = [q for q in (deliver(daemon.port, crlf(p.read_bytes())) for p in mails) if q]
    database = tmp_path / "receiptd.db"
    wait_until(lambda: all(outcomes(database).get(q) for q in accepted), timeout=300, message="all outcomes")
    assert len(mails) >= 40 and len(accepted) == len(mails)
    results = outcomes(database)
    assert set(results.values()) <= {"no_receipt", "processed", "rejected"}, results
    assert daemon.proc.poll() is None


def test_bad_images_get_clear_reasons_and_bounded_memory(daemon_factory, tmp_path):
    daemon = daemon_factory(smtp={"rate_per_ip": "", "rate_per_sender": ""})
    photo = (FIXTURES / "receipt.jpg").read_bytes()
    bomb = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(bomb, "PNG")  # 900 Mpx, a few hundred kB
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "hello")
    parts = [
        (photo[: len(photo) // 2], "image/jpeg", "truncated.jpg"),
        (bomb.getvalue(), "image/png", "bomb.png"),
        (archive.getvalue(), "image/jpeg", "archive.jpg"),
        (b"<html><body>hi</body></html>", "image/jpeg", "page.jpg"),
        (b"", "image/jpeg", "empty.jpg"),
    ]
    send(daemon.port, receipt_mail(parts))
    database = tmp_path / "receiptd.db"
    wait_until(lambda: outcomes(database).get(1), message="outcome")
    assert outcomes(database) == {1: "no_receipt"}
    assert query(database, "SELECT extension, reason FROM message_parts ORDER BY position") == [
        ("jpg", "unreadable_image"),
        ("png", "too_large"),
        ("jpg", "not_a_receipt_type"),
        ("jpg", "not_a_receipt_type"),
        ("jpg", "not_a_receipt_type"),
    ]
    worker_pid = int(daemon.log.split("worker_pid=")[1].split()[0])
    peak_kb = next(int(line.split()[1]) for line in Path(f"/proc/{worker_pid}/status").read_text().splitlines()
                   if line.startswith("VmHWM"))
    assert peak_kb < 600_000, f"worker peak memory {peak_kb} kB"

    # a 50 MB attachment never gets in: 552, nothing stored
    huge = receipt_mail([(bytes(50_000_000), "image/jpeg", "huge.jpg")])
    with pytest.raises(smtplib.SMTPSenderRefused) as refused:
        send(daemon.port, huge)
    assert refused.value.smtp_code == 552
    assert len(outcomes(database)) == 1


def mime_trees():
    leaf = st.one_of(
        st.tuples(st.just("text"), st.sampled_from(["plain", "html"]), st.text(max_size=200)),
        st.tuples(st.just("image"), st.sampled_from(["jpeg", "png", "gif", "heic"]), st.binary(max_size=2000)),
        st.tuples(st.just("application"), st.sampled_from(["pdf", "octet-stream", "zip"]), st.binary(max_size=2000)),
    )
    return st.recursive(leaf, lambda children: st.tuples(
        st.just("multipart"), st.sampled_from(["mixed", "alternative", "related"]), st.lists(children, min_size=1, max_size=4)),
        max_leaves=8)


def build(tree) -> EmailMessage:
    maintype, subtype, content = tree
    msg = EmailMessage()
    if maintype == "multipart":
        {"mixed": msg.make_mixed, "alternative": msg.make_alternative, "related": msg.make_related}[subtype]()
        for child in content:
            msg.attach(build(child))
    elif maintype == "text":
        msg.set_content(content, subtype=subtype)
    else:
        msg.set_content(content, maintype=maintype, subtype=subtype, filename=f"part.{subtype}")
    return msg


@pytest.fixture(scope="module")
def shared_daemon(tmp_path_factory):
    from conftest import Daemon, daemon_sections, write_config

    tmp = tmp_path_factory.mktemp("mime")
    config = write_config(tmp / "c.toml", daemon_sections(tmp, smtp={"rate_per_ip": "", "rate_per_sender": ""}))
    daemon = Daemon(config).start()
    yield daemon, tmp / "receiptd.db"
    daemon.stop()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(tree=mime_trees(), with_pdf=st.booleans())
def test_hypothesis_mime_trees_never_crash(shared_daemon, tree, with_pdf):
    daemon, database = shared_daemon
    msg = build(tree)
    msg["From"] = "panelist@example.org"
    msg["To"] = RECIPIENT
    msg["Subject"] = "fuzz"
    if with_pdf and msg.is_multipart():
        msg.add_attachment(text_pdf(["FUZZ MART", "TOTAL 1.00"]), maintype="application", subtype="pdf",
                           filename="r.pdf")
    queue_id = deliver(daemon.port, wire(msg))
    assert queue_id is not None
    wait_until(lambda: outcomes(database).get(queue_id), timeout=60, message="outcome")
    assert outcomes(database)[queue_id] in {"no_receipt", "processed", "rejected"}


# -- repeated headers and missing boundaries, through SMTP and the worker, the panel on --------

PANELIST = "panelist@example.org"
PANEL_OUTCOMES = {"no_receipt", "processed", "rejected", "not_panelist", "command"}


@pytest.fixture(scope="module")
def panel_daemon(tmp_path_factory):
    from conftest import Daemon, daemon_sections, write_config

    tmp = tmp_path_factory.mktemp("headers")
    database = tmp / "receiptd.db"
    db = open_db(database, migrate=True)
    with immediate(db):
        panel_store.invite(db, PANELIST)
    db.close()
    sections = daemon_sections(tmp, smtp={"rate_per_ip": "", "rate_per_sender": ""},
                               panel={"enabled": True, "max_replies_per_day": 1000})
    daemon = Daemon(write_config(tmp / "c.toml", sections)).start()
    yield daemon, database
    daemon.stop()


def finished(database, queue_id: int) -> tuple | None:
    """(outcome, attempts, error) once the message is done."""
    rows = query(database, "SELECT outcome, attempts, error FROM messages WHERE id = ? AND status = 'done'",
                 (queue_id,))
    return rows[0] if rows else None


def deliver_and_finish(daemon, database, raw: bytes) -> tuple:
    queue_id = deliver(daemon.port, raw)
    assert queue_id is not None
    return wait_until(lambda: finished(database, queue_id), timeout=60, message="outcome")


def test_repeated_headers_and_an_empty_boundary_get_their_outcome_first_time(panel_daemon):
    daemon, database = panel_daemon
    status_twice = mail(b"From: panelist@example.org", b"To: receipts@localhost", b"Subject: STATUS",
                        b"Subject: and again", b"Message-ID: <s1@example.org>", b"Message-ID: <s2@example.org>")
    assert deliver_and_finish(daemon, database, status_twice)[:2] == ("command", 1)

    # two authors: the panelist's address is not taken on the second From:'s word
    two_authors = mail(b"From: other@example.net", b"From: panelist@example.org", b"To: receipts@localhost",
                       b"Subject: receipt", b"Message-ID: <two-from@example.org>")
    assert deliver_and_finish(daemon, database, two_authors)[:2] == ("not_panelist", 1)
    assert query(database, "SELECT sender FROM messages WHERE message_id = '<two-from@example.org>'") == [(None,)]

    empty_boundary = mail(
        b"From: panelist@example.org", b"To: receipts@localhost", b"Subject: receipt", b"MIME-Version: 1.0",
        b"Message-ID: <empty-boundary@example.org>",
        body=(b'Content-Type: multipart/mixed; boundary=""\r\n\r\n'
              b'--\r\nContent-Type: multipart/alternative; boundary="lost"\r\n\r\nno parts here\r\n'
              b"--\r\n" + attachment(b"application/pdf", receipt_pdf(), b"receipt.pdf")))
    outcome, attempts, error = deliver_and_finish(daemon, database, empty_boundary)
    assert (outcome, attempts, error) == ("processed", 1, None)
    assert query(database, "SELECT p.media_type, p.outcome FROM message_parts p JOIN messages m "
                           "ON m.id = p.message_id WHERE m.message_id = '<empty-boundary@example.org>' "
                           "ORDER BY p.position") == [
        (None, "skipped"), ("application/pdf", "receipt")]  # the lost alternative's text, the receipt


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(raw=raw_mails())
def test_hypothesis_broken_headers_and_boundaries_never_dead_letter(panel_daemon, raw):
    daemon, database = panel_daemon
    outcome, attempts, error = deliver_and_finish(daemon, database, raw)
    assert outcome in PANEL_OUTCOMES, (outcome, error)
    assert attempts == 1, error  # never retried: nothing crashed on the way
    if outcome == "rejected":
        assert error.startswith("unparseable_mail ("), error
