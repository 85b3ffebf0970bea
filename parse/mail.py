"""Raw mail bytes -> a ParsedMail: the sender and every part that may hold a receipt.

mail-parser walks the MIME tree, forwarded messages (message/rfc822) and inline parts
included; here we only decide, from the bytes themselves, what each part really is. Where
mail-parser gives up (an empty ``boundary=""``, a lost epilogue, ...), the standard
library's parser reads what it can; a mail is rejected only when nothing can be read.

Every header is read through :func:`header` / :func:`header_values`: one string per
header, or None, however often the mail repeats it (mail-parser returns a list for a
repeated header, and a list where a string is expected once crashed the worker).
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import email
import email.header
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from email.utils import getaddresses

import mailparser
from mailparser.dates import parse_mail_date
from PIL import Image

from .images import RECEIPT_IMAGE_TYPES, sniff, too_small
from .types import Candidate, ParsedMail, SkippedPart

_CONTAINER_TYPES = frozenset({"message/rfc822", "message/delivery-status", "text/rfc822-headers"})
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")

# ParsedMail.headers keeps every occurrence of a repeated header, joined by a line break: a
# decoded header value never holds one (see header_values), so the join can be undone.
HEADER_JOIN = "\n"


class MailRejected(Exception):
    """The bytes cannot be read as a mail at all."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PartLimits:
    min_image_side: int = 300
    min_image_pixels: int = 150_000
    max_image_pixels: int = 60_000_000


def parse_mail(raw: bytes, limits: PartLimits = PartLimits()) -> ParsedMail:
    try:
        parsed = mailparser.parse_from_bytes(raw)
        message, attachments = parsed.message, list(parsed.attachments)
    except Exception as err:
        # mail-parser gave up on a mail the standard library may still read: take its parts
        message, attachments = _stdlib_parts(raw, f"unparseable_mail ({type(err).__name__})")
    candidates: list[Candidate] = []
    skipped: list[SkippedPart] = []
    for position, attachment in enumerate(attachments):
        declared = (attachment.get("mail_content_type") or "").lower() or None
        if declared in _CONTAINER_TYPES:
            continue  # a forwarded mail: its own parts are listed after it
        filename = safe_filename(attachment.get("filename"))
        common = dict(position=position, filename=filename, declared_type=declared)
        if attachment.get("unreadable"):
            skipped.append(SkippedPart(reason="unreadable_part", **common))
            continue
        data = _payload_bytes(attachment)
        media_type = sniff(data)
        if media_type == "application/pdf":
            candidates.append(Candidate(kind="pdf", media_type=media_type, data=data, **common))
        elif media_type in RECEIPT_IMAGE_TYPES:
            reason = image_size_problem(data, limits)
            if reason:
                skipped.append(SkippedPart(reason=reason, media_type=media_type, size=len(data), **common))
            else:
                candidates.append(Candidate(kind="image", media_type=media_type, data=data, **common))
        else:
            reason = "unsupported_image_type" if (media_type or "").startswith("image/") else "not_a_receipt_type"
            skipped.append(SkippedPart(reason=reason, media_type=media_type, size=len(data), **common))
    return ParsedMail(
        message_id=header(message, "Message-ID"),
        from_address=from_address(message),
        subject=header(message, "Subject"),
        date=_date(message),
        candidates=tuple(candidates),
        skipped=tuple(skipped),
        headers=all_headers(message),
    )


# -- headers -----------------------------------------------------------------------------------

def header_values(message: Message | None, name: str) -> list[str]:
    """Every occurrence of header ``name`` (case-insensitive), in order, each decoded to one
    line of text; empty ones left out.

    8-bit bytes are read as UTF-8 (an undecodable byte becomes U+FFFD); RFC 2047 encoded
    words are decoded where they are well-formed and kept as written where they are not;
    control characters, line breaks included, become spaces.
    """
    return _decoded(_raw_values(message, name))


def header(message: Message | None, name: str) -> str | None:
    """One header as one string: its first non-empty occurrence (deterministic: a repeated
    Subject: or Message-ID: reads as the first), None when the mail has none."""
    values = header_values(message, name)
    return values[0] if values else None


def all_headers(message: Message | None) -> dict[str, str]:
    """Every header by its first spelling, repeated ones joined by :data:`HEADER_JOIN`.

    One pass over the headers: a sender choosing many distinct names costs linear time."""
    grouped: dict[str, tuple[str, list]] = {}
    for key, value in message.raw_items() if message is not None else ():
        grouped.setdefault(key.lower(), (key, []))[1].append(value)
    return {key: HEADER_JOIN.join(_decoded(values)) for key, values in grouped.values()}


def values_of(headers: Mapping[str, str], name: str) -> list[str]:
    """The occurrences of header ``name`` in a ParsedMail's ``headers`` (case-insensitive)."""
    for key, value in headers.items():
        if key.lower() == name.lower():
            return [line.strip() for line in str(value).split(HEADER_JOIN) if line.strip()]
    return []


def from_address(message: Message | None) -> str | None:
    """The author's address when the mail names exactly one; else None.

    Two From: headers, or one naming several mailboxes, leave it open who sent the mail:
    the sender is then unknown (to the panel, a stranger that gets no reply) rather than
    one of them picked silently, as sender_auth.from_domain does for authentication. The
    same address repeated is no ambiguity. Display names are not decoded here, so an
    encoded name cannot smuggle in an address.
    """
    try:
        pairs = getaddresses([_unfold(value) for value in _raw_values(message, "From")])
    except Exception:  # a From: the address parser cannot take is no address
        return None
    addresses = {address.strip().lower() for _name, address in pairs if address and "@" in address}
    return addresses.pop() if len(addresses) == 1 else None


def _raw_values(message: Message | None, name: str) -> list:
    wanted = name.lower()
    return [value for key, value in message.raw_items() if key.lower() == wanted] if message is not None else []


def _decoded(values: list) -> list[str]:
    return [text for text in map(_decode, values) if text]


def _unfold(value) -> str:
    if not isinstance(value, str):  # a Header object a program set
        value = str(value)
    try:  # the bytes as they came (surrogate escapes), read as UTF-8
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return _FOLD.sub("", value)


def _decode(value) -> str:
    text = _unfold(value)
    if "=?" in text:
        try:
            decoded = str(email.header.make_header(email.header.decode_header(text)))
            decoded.encode("utf-8")  # a codec may make lone surrogates: no text for SQLite
            text = decoded
        except Exception:  # a broken or unknown encoded word: keep it as written
            pass
    return _CONTROL.sub(" ", text).strip()


def _date(message: Message | None) -> dt.datetime | None:
    """The first Date: that can be read (with mail-parser's lenient date parser)."""
    for value in header_values(message, "Date"):
        try:
            parsed = parse_mail_date(value).value
        except Exception:
            continue
        if isinstance(parsed, dt.datetime):
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
    return None


# -- the standard library's reading, where mail-parser gave up ----------------------------------

def _stdlib_parts(raw: bytes, reason: str) -> tuple[Message, list[dict]]:
    """The mail as the standard library reads it, with its parts in mail-parser's shape.

    A part whose bytes cannot be taken is listed as unreadable (it names its position); the
    mail is rejected with ``reason`` only when the parser fails, or finds neither a header
    nor a body.
    """
    try:
        message = email.message_from_bytes(raw)
        leaves = [part for part in message.walk() if not part.is_multipart()]
    except Exception:  # RecursionError on absurd nesting, ...
        raise MailRejected(reason) from None
    if not message.keys() and not any(part.get_payload() for part in leaves):
        raise MailRejected(reason)
    attachments = []
    for part in leaves:
        try:
            attachment = _stdlib_attachment(part)
        except Exception:
            attachment = {"unreadable": True, "mail_content_type": None, "filename": None}
        if attachment is not None:
            attachments.append(attachment)
    return message, attachments


def _stdlib_attachment(part: Message) -> dict | None:
    """A leaf part as mail-parser lists an attachment; None for a body text."""
    content_type = part.get_content_type()
    filename = part.get_filename()
    if content_type.startswith("text/") and not filename and part.get_content_disposition() != "attachment":
        return None  # the mail's own words, not a part that may hold a receipt
    payload = part.get_payload(decode=True)
    return {"mail_content_type": content_type, "filename": _decode(filename) if filename else None,
            "data": payload if isinstance(payload, bytes) else b""}


def safe_filename(name: str | None) -> str | None:
    """A display name only: no directories, no control characters, bounded length."""
    if not name:
        return None
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = name.lstrip(".")
    return name[:120] or None


def _payload_bytes(attachment: dict) -> bytes:
    if "data" in attachment:  # read by the standard library's parser: bytes already
        return attachment["data"]
    payload = attachment.get("payload") or ""
    if attachment.get("binary"):
        try:
            return base64.b64decode(payload)
        except (binascii.Error, ValueError):
            return b""
    return payload.encode("utf-8", "surrogateescape")


def image_size_problem(data: bytes, limits: PartLimits) -> str | None:
    """Judge an image by its header alone: too small to be a receipt, too large to decode."""
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            width, height = image.size
    except Image.DecompressionBombError:
        return "too_large"
    except Exception:
        return "unreadable_image"
    if width * height > limits.max_image_pixels:
        return "too_large"
    if too_small(width, height, min_side=limits.min_image_side, min_pixels=limits.min_image_pixels):
        return "too_small"
    return None
