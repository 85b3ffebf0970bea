"""STARTTLS with a certificate and key from config."""
from __future__ import annotations

import datetime as dt
import smtplib
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conftest import RECIPIENT, query, receipt_mail, wait_until, wire


@pytest.fixture
def certificate(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


def test_starttls_required_then_mail_accepted(daemon_factory, tmp_path, certificate):
    cert, key = certificate
    daemon = daemon_factory(smtp={"tls_cert": cert, "tls_key": key, "require_starttls": True})
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.ehlo()
        assert client.has_extn("starttls")
        assert client.mail("panelist@example.org")[0] == 530  # must issue STARTTLS first
    context = ssl.create_default_context(cafile=cert)
    with smtplib.SMTP("localhost", daemon.port) as client:
        client.starttls(context=context)
        client.sendmail("panelist@example.org", [RECIPIENT], wire(receipt_mail(body="over TLS")))
    wait_until(lambda: query(tmp_path / "receiptd.db", "SELECT outcome FROM messages") == [("no_receipt",)],
               message="processed")


def test_half_a_tls_pair_is_a_config_error(tmp_path, certificate):
    from receiptd import config

    with pytest.raises(config.ConfigError, match="tls_cert and tls_key"):
        config.from_dict({"smtp": {"tls_cert": certificate[0]}})
