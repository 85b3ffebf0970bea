"""Headers as real mail has them: repeated, empty, broken, 8-bit; MIME without a usable boundary.

The raw-mail strategy here also feeds the SMTP fuzzing in test_malformed.py.
"""
from __future__ import annotations

import base64
import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from images import encode, receipt_image, text_pdf
from panel.commands import automated, find_command
from parse.mail import MailRejected, parse_mail
from parse.types import ParsedMail

PANELIST = b"panelist@example.org"
CRLF = b"\r\n"


def mail(*headers: bytes, body: bytes = b"Content-Type: text/plain\r\n\r\nhello\r\n") -> bytes:
    return CRLF.join(headers) + CRLF + body


def attachment(media_type: bytes, data: bytes, name: bytes) -> bytes:
    return (b"Content-Type: " + media_type + b"\r\nContent-Transfer-Encoding: base64\r\n"
            b'Content-Disposition: attachment; filename="' + name + b'"\r\n\r\n' + b64(data))


# -- repeated headers --------------------------------------------------------------------------

def test_a_repeated_subject_reads_as_its_first_and_commands_still_work():
    raw = mail(b"From: panelist@example.org", b"Subject: STATUS", b"Subject: my receipt")
    parsed = parse_mail(raw)
    assert parsed.subject == "STATUS"
    assert find_command(parsed.subject, raw).kind == "status"


def test_a_repeated_message_id_reads_as_its_first():
    raw = mail(b"From: panelist@example.org", b"Message-ID:", b"Message-ID: <one@example.org>",
               b"Message-ID: <two@example.org>")
    assert parse_mail(raw).message_id == "<one@example.org>"


def test_headers_absent_or_empty_read_as_none():
    parsed = parse_mail(mail(b"Subject:", b"From:", b"Message-ID:   ", b"Date:"))
    assert (parsed.subject, parsed.from_address, parsed.message_id, parsed.date) == (None, None, None, None)
    parsed = parse_mail(b"\r\njust a body\r\n")
    assert (parsed.subject, parsed.from_address, parsed.message_id, parsed.headers) == (None, None, None, {})


def test_two_from_headers_naming_two_addresses_leave_the_sender_unknown():
    # which From: a mail program shows differs; picking one would let a second From: speak
    # for a panelist, so the sender is unknown (to the panel: a stranger, who gets no reply)
    assert parse_mail(mail(b"From: panelist@example.org", b"From: other@example.net")).from_address is None
    assert parse_mail(mail(b"From: panelist@example.org, other@example.net")).from_address is None
    # the same address twice is no ambiguity
    twice = mail(b"From: Pat <Panelist@example.org>", b"From: panelist@example.org")
    assert parse_mail(twice).from_address == "panelist@example.org"
    # an encoded display name cannot smuggle in an address
    assert parse_mail(mail(b"From: =?utf-8?q?other=40example.net?= <panelist@example.org>")).from_address \
        == "panelist@example.org"


def test_a_date_read_from_the_first_readable_date_header():
    parsed = parse_mail(mail(b"Date: not a date", b"Date: Tue, 2 Jan 2024 10:00:00 +0200"))
    assert parsed.date.isoformat() == "2024-01-02T08:00:00+00:00"


def test_every_occurrence_of_a_repeated_automation_header_counts():
    def why(*headers: bytes) -> str | None:
        return automated(parse_mail(mail(b"From: panelist@example.org", *headers)).headers, "panelist@example.org")

    assert why(b"Auto-Submitted: no", b"Auto-Submitted: auto-replied") == "auto_submitted"
    assert why(b"Auto-Submitted: auto-replied", b"Auto-Submitted: no") == "auto_submitted"
    assert why(b"Precedence: normal", b"Precedence: Bulk") == "precedence"
    assert why(b"List-Id: <a.lists.example>", b"List-Id: <b.lists.example>") == "mailing_list"
    assert why(b"Auto-Submitted: no", b"Auto-Submitted: no", b"Precedence: normal") is None


def test_broken_encoded_words_and_8bit_bytes_read_as_one_line_of_text():
    raw = mail(b"From: =?utf-8?q?J=C3=BCrgen?= <panelist@example.org>",
               b"Subject: =?utf-8?q?broken",
               b"Subject: x",
               b"To: \xff\xfe <receipts@localhost>",
               b"X-One: =?utf-8?b?!!!?=",
               b"X-Two: =?x-unknown?q?abc?=",
               b"X-Three: =?utf-8?q?line=0Abreak?=",
               b"X-Four: Quittung f\xc3\xbcr Caf\xc3\xa9",
               b"X-Five: folded\r\n  over two lines")
    parsed = parse_mail(raw)
    assert parsed.subject == "=?utf-8?q?broken"
    assert parsed.from_address == "panelist@example.org"
    assert parsed.headers["From"] == "Jürgen <panelist@example.org>"
    assert parsed.headers["Subject"] == "=?utf-8?q?broken\nx"  # occurrences kept, one per line
    assert parsed.headers["X-Three"] == "line break"
    assert parsed.headers["X-Four"] == "Quittung für Café"
    assert parsed.headers["X-Five"] == "folded  over two lines"
    assert parsed.headers["To"].endswith("<receipts@localhost>")
    for value in parsed.headers.values():
        value.encode("utf-8")  # text SQLite and a reply can take


# -- no usable boundary ------------------------------------------------------------------------

@functools.cache
def photo() -> bytes:
    return encode(receipt_image(), "JPEG")


def test_an_empty_boundary_is_read_by_the_standard_library():
    # mail-parser fails on this one (AttributeError on a missing epilogue); its photo is there
    body = (b'Content-Type: multipart/mixed; boundary=""\r\n\r\n'
            b'--\r\nContent-Type: multipart/alternative; boundary="lost"\r\n\r\nno parts here\r\n'
            b"--\r\n" + attachment(b"image/jpeg", photo(), b"receipt.jpg"))
    parsed = parse_mail(mail(b"From: panelist@example.org", b"Subject: receipt", b"MIME-Version: 1.0",
                             body=body))
    assert parsed.subject == "receipt" and parsed.from_address == "panelist@example.org"
    assert [(c.kind, c.media_type, c.filename) for c in parsed.candidates] == [("image", "image/jpeg", "receipt.jpg")]


def test_a_mail_nothing_can_read_is_rejected_with_the_reason():
    nested = b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) for i in range(3000))
    try:
        parse_mail(b"From: panelist@example.org\r\n" + nested + b"Content-Type: text/plain\r\n\r\nhi\r\n")
    except MailRejected as rejected:
        assert rejected.reason.startswith("unparseable_mail (")
    else:
        raise AssertionError("3000 nested multiparts were read")


# -- fuzzing -----------------------------------------------------------------------------------

PANEL_SUBJECTS = [b"receipt", b"STATUS", b"DELETE ALL", b"DELETE 1"]  # never LEAVE: it ends the panelist
BROKEN = [b"", b"   ", b"=?utf-8?q?broken", b"=?utf-8?b?!!!?=", b"=?x-unknown?q?abc?=", b"=?utf-8?q?a=0Ab?=",
          b"f\xc3\xbcr Caf\xc3\xa9", b"\xff\xfe\xfd", b"=?utf-8?q?J=C3=BCrgen?= \xc3\xa9", b"\x01ctl\x7f"]
VALUES = {
    b"Subject": PANEL_SUBJECTS + BROKEN,
    b"From": [PANELIST, b"Pat <" + PANELIST + b">", b"other@example.net", b"panelist@example.org, other@example.net",
              b"<>", b"\xff\xfe <" + PANELIST + b">", b"=?utf-8?q?other=40example.net?= <" + PANELIST + b">"] + BROKEN,
    b"To": [b"receipts@localhost", b"undisclosed-recipients:;"] + BROKEN,
    b"Date": [b"Tue, 2 Jan 2024 10:00:00 +0200", b"Mon, 99 Foo 2024 99:99:99 +9999", b"yesterday"] + BROKEN,
    b"Message-ID": [b"<fuzz-1@example.org>", b"<fuzz-2@example.org>", b"not-an-id"] + BROKEN,
    b"Auto-Submitted": [b"no", b"auto-replied"],
    b"Precedence": [b"bulk", b"normal"],
}
GARBAGE_LINES = [b"A line without a colon", b"X-\xff\xfe: 8-bit name", b" a continuation with nothing before",
                 b": no name"]


def header_lines():
    """Up to 10 header lines: any of VALUES' headers absent, once or repeated, or a broken line."""
    named = st.one_of(*(st.tuples(st.just(name), st.sampled_from(pool)) for name, pool in VALUES.items()))
    line = st.one_of(named.map(lambda pair: pair[0] + b": " + pair[1]), st.sampled_from(GARBAGE_LINES))
    return st.lists(line, max_size=10)


def mime_trees():
    leaf = st.one_of(
        st.tuples(st.just("text"), st.text(max_size=100).map(lambda s: s.encode("utf-8", "surrogatepass"))),
        st.tuples(st.just("binary"), st.sampled_from([b"image/jpeg", b"image/png", b"application/pdf"]),
                  st.one_of(st.binary(max_size=1000), st.just(b"receipt.pdf"))),
    )
    return st.recursive(leaf, lambda children: st.one_of(
        st.tuples(st.just("multipart"), st.sampled_from([b"mixed", b"alternative", b"related"]),
                  st.sampled_from(["ok", "empty", "missing"]), st.lists(children, min_size=1, max_size=3)),
        st.tuples(st.just("message"), header_lines(), children),
    ), max_leaves=6)


@functools.cache
def receipt_pdf() -> bytes:
    return text_pdf(["FUZZ MART", "01/02/2024", "TOTAL 1.00"])


def render(tree, depth: int = 0) -> bytes:
    """One MIME part, its headers included; a boundary as declared, empty, or missing."""
    kind = tree[0]
    if kind == "text":
        return b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(tree[1])
    if kind == "binary":
        _, media_type, data = tree
        return attachment(media_type, receipt_pdf() if data == b"receipt.pdf" else data, b"part")
    if kind == "message":
        _, headers, inner = tree
        return b"Content-Type: message/rfc822\r\n\r\n" + b"".join(h + CRLF for h in headers) + render(inner, depth + 1)
    _, subtype, mode, children = tree
    boundary = {"ok": b"=_b%d" % depth, "empty": b"", "missing": b"=_undeclared%d" % depth}[mode]
    declared = {"ok": b'; boundary="' + boundary + b'"', "empty": b'; boundary=""', "missing": b""}[mode]
    parts = b"".join(b"--" + boundary + CRLF + render(child, depth + 1) + CRLF for child in children)
    return b"Content-Type: multipart/" + subtype + declared + b"\r\n\r\n" + parts + b"--" + boundary + b"--\r\n"


def b64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", CRLF)


def raw_mails():
    """Whole mails as bytes on the wire: fuzzed headers over a fuzzed MIME tree."""
    return st.tuples(header_lines(), mime_trees()).map(
        lambda pair: b"".join(h + CRLF for h in pair[0]) + b"MIME-Version: 1.0\r\n" + render(pair[1]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_mails())
def test_fuzzed_headers_and_boundaries_parse_to_one_string_per_header(raw):
    try:
        parsed = parse_mail(raw)
    except MailRejected as rejected:
        assert rejected.reason.startswith("unparseable_mail (")
        return
    assert isinstance(parsed, ParsedMail)
    for value in (parsed.subject, parsed.message_id, parsed.from_address):
        assert value is None or (isinstance(value, str) and value and "\n" not in value and "\r" not in value)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in parsed.headers.items())
    automated(parsed.headers, "sender@example.org", parsed.from_address)
    find_command(parsed.subject, raw)
