"""Sender authentication: DKIM and SPF against a real DNS server on loopback, trusted
Authentication-Results, and spoofed mail earning nothing through the real SMTP path."""
from __future__ import annotations

import base64

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from conftest import query, send, wait_done, wire
from dns_server import LoopbackDns
from ingest import sender_auth
from test_panel import ALICE, invite, pdf_mail, receipt_lines

SELECTOR = b"panel2026"


@pytest.fixture(scope="module")
def signing_key():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, "v=DKIM1; k=rsa; p=" + base64.b64encode(public).decode()


@pytest.fixture
def dns(signing_key):
    zone = {
        f"{SELECTOR.decode()}._domainkey.example.org": signing_key[1],
        "example.org": "v=spf1 ip4:192.0.2.10 -all",      # the panelist's provider, not loopback
        "trusted-relay.example": "v=spf1 ip4:127.0.0.1 -all",
    }
    with LoopbackDns(zone) as server:
        sender_auth.use_nameservers(("127.0.0.1",), server.port)
        yield server


def signed(msg, private_key: bytes) -> bytes:
    raw = wire(msg)
    signature = dkim.sign(raw, SELECTOR, b"example.org", private_key,
                          include_headers=[b"from", b"to", b"subject", b"message-id", b"date"])
    return signature + raw


def test_dkim_signed_mail_passes_and_an_altered_copy_fails(dns, signing_key):
    raw = signed(pdf_mail(ALICE, receipt_lines(1)), signing_key[0])
    verdict = sender_auth.verify(raw, envelope_from=ALICE, client_ip="127.0.0.1", helo="localhost")
    assert (verdict.dkim, verdict.dkim_domain, verdict.passed) == ("pass", "example.org", True)
    altered = raw.replace(b"TOTAL", b"T0TAL", 1) if b"TOTAL" in raw else raw[:-40] + b"X" * 40
    tampered = sender_auth.verify(altered, envelope_from=ALICE, client_ip="127.0.0.1", helo="localhost")
    assert tampered.dkim == "fail"
    assert tampered.spf == "fail"  # example.org's SPF record does not list 127.0.0.1
    assert not tampered.passed


def test_spf_pass_must_be_aligned_with_from(dns):
    msg = pdf_mail(ALICE, receipt_lines(2))
    unaligned = sender_auth.verify(wire(msg), envelope_from="bounce@trusted-relay.example", client_ip="127.0.0.1",
                                   helo="trusted-relay.example")
    assert unaligned.spf == "pass" and not unaligned.passed  # SPF passes for another domain than From:
    del msg["From"]
    msg["From"] = "someone@trusted-relay.example"
    aligned = sender_auth.verify(wire(msg), envelope_from="bounce@trusted-relay.example", client_ip="127.0.0.1",
                                 helo="trusted-relay.example")
    assert aligned.passed


def test_only_our_mtas_authentication_results_are_trusted():
    msg = pdf_mail(ALICE, receipt_lines(3))
    msg["Authentication-Results"] = "evil.example; dkim=pass header.d=example.org"  # written by the sender
    assert not sender_auth.trust_upstream(wire(msg), "mx.panel.example").passed
    msg["Authentication-Results"] = "mx.panel.example; dkim=fail header.d=example.org; spf=pass smtp.mailfrom=x@example.org"
    verdict = sender_auth.trust_upstream(wire(msg), "mx.panel.example")
    assert (verdict.dkim, verdict.spf, verdict.spf_domain, verdict.passed) == ("fail", "pass", "example.org", True)


def test_alignment_is_relaxed_but_not_loose():
    assert sender_auth.aligned("example.org", "example.org")
    assert sender_auth.aligned("mail.example.org", "example.org")
    assert not sender_auth.aligned("example.org.evil.com", "example.org")
    assert not sender_auth.aligned("notexample.org", "example.org")


def test_spoofed_mail_earns_nothing_through_smtp(daemon_factory, tmp_path, dns, signing_key):
    database = tmp_path / "receiptd.db"
    invite(database, ALICE)
    daemon = daemon_factory(panel={"enabled": True},
                            auth={"mode": "verify", "nameservers": ["127.0.0.1"], "dns_port": dns.port})
    genuine = signed(pdf_mail(ALICE, receipt_lines(4)), signing_key[0])
    forged = pdf_mail(ALICE, receipt_lines(5), subject="DELETE ALL")  # unsigned, from loopback
    import smtplib
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.sendmail(ALICE, ["receipts@localhost"], genuine)
    send(daemon.port, forged, mail_from=ALICE)
    done = wait_done(database, count=2)
    assert [outcome for _, outcome in done] == ["processed", "spoofed"]
    [(status, auth)] = query(database, "SELECT r.status, m.auth FROM receipts r JOIN messages m ON m.id = r.message_id")
    assert status == "accepted" and auth.startswith("pass (verify: dkim=pass@example.org")
    [(auth,)] = query(database, "SELECT auth FROM messages WHERE outcome = 'spoofed'")
    assert auth.startswith("fail (verify: dkim=none spf=fail@example.org")
    # the forged DELETE ALL was not honoured, and nobody was answered on the forger's behalf
    assert query(database, "SELECT count(*) FROM receipts") == [(1,)]
    assert query(database, "SELECT count(*) FROM outbound WHERE message_id = 2") == [(0,)]
