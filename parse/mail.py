"""Raw mail bytes -> a ParsedMail: the sender and every part that may hold a receipt.

mail-parser walks the MIME tree, forwarded messages (message/rfc822) and inline parts
included; here we only decide, from the bytes themselves, what each part really is.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import re
from dataclasses import dataclass

import mailparser
from PIL import Image

from .images import RECEIPT_IMAGE_TYPES, sniff, too_small
from .types import Candidate, ParsedMail, SkippedPart

_CONTAINER_TYPES = frozenset({"message/rfc822", "message/delivery-status", "text/rfc822-headers"})


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
        mail = mailparser.parse_from_bytes(raw)
    except Exception as err:
        raise MailRejected(f"unparseable_mail ({type(err).__name__})") from None
    candidates: list[Candidate] = []
    skipped: list[SkippedPart] = []
    for position, attachment in enumerate(mail.attachments):
        declared = (attachment.get("mail_content_type") or "").lower() or None
        if declared in _CONTAINER_TYPES:
            continue  # a forwarded mail: its own parts are listed after it
        filename = safe_filename(attachment.get("filename"))
        data = _payload_bytes(attachment)
        media_type = sniff(data)
        common = dict(position=position, filename=filename, declared_type=declared)
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
        message_id=(mail.message_id or "").strip() or None,
        from_address=_from_address(mail),
        subject=mail.subject or None,
        date=_date(mail),
        candidates=tuple(candidates),
        skipped=tuple(skipped),
        headers={k: str(v) for k, v in mail.headers.items() if isinstance(v, (str, int))},
    )


def safe_filename(name: str | None) -> str | None:
    """A display name only: no directories, no control characters, bounded length."""
    if not name:
        return None
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = name.lstrip(".")
    return name[:120] or None


def _payload_bytes(attachment: dict) -> bytes:
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


def _from_address(mail) -> str | None:
    for _name, address in mail.from_ or []:
        if address and "@" in address:
            return address.strip().lower()
    return None


def _date(mail) -> dt.datetime | None:
    value = mail.date
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
