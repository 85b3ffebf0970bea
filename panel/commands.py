"""What a mail asks for, and whether it may be answered at all.

Commands stand alone in the subject or on the first non-empty line of the text body, in
English or German (case-insensitive): ``STATUS``/``STAND``, ``DELETE <receipt-id>``/``LÖSCHEN
<receipt-id>``, ``DELETE ALL``/``LÖSCHEN ALLE``, ``EXPORT``/``AUSKUNFT``, ``LEAVE``/``AUSTRETEN``
(``LOESCHEN`` for a keyboard without umlauts).
Automated mail (auto-replies, bounces, lists, bulk) is never answered and never obeyed:
that is what keeps two robots from mailing each other forever.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser

from parse.mail import values_of

_DELETE = r"(?:DELETE|LÖSCHEN|LOESCHEN)"
_COMMAND = re.compile(
    rf"^\s*(?:(?P<word>STATUS|STAND|LEAVE|AUSTRETEN|EXPORT|AUSKUNFT)|{_DELETE}\s+(?P<all>ALLE?)"
    rf"|{_DELETE}\s+#?(?P<number>\d{{1,18}}))\s*[.!]?\s*$",
    re.IGNORECASE,
)
_KINDS = {"STATUS": "status", "STAND": "status", "LEAVE": "leave", "AUSTRETEN": "leave",
          "EXPORT": "export", "AUSKUNFT": "export"}
_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@", re.IGNORECASE)


@dataclass(frozen=True)
class Command:
    kind: str  # status | delete | delete_all | export | leave
    receipt_id: int | None = None


def parse_command(text: str | None) -> Command | None:
    match = _COMMAND.match(unicodedata.normalize("NFC", text or ""))
    if not match:
        return None
    if match["number"]:
        return Command("delete", int(match["number"]))
    if match["all"]:
        return Command("delete_all")
    return Command(_KINDS[match["word"].upper()])


def first_body_line(raw: bytes) -> str | None:
    """The first non-empty line of the mail's plain-text body (None without one)."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        part = message.get_body(preferencelist=("plain",))
        text = part.get_content() if part is not None else ""
    except Exception:  # a malformed body is not a command
        return None
    for line in text.splitlines()[:20]:
        if line.strip():
            return line.strip()[:200]
    return None


def find_command(subject: str | None, raw: bytes) -> Command | None:
    return parse_command(subject) or parse_command(first_body_line(raw))


def automated(headers: dict[str, str], envelope_from: str | None, sender: str | None = None,
              own_addresses: tuple[str, ...] = ()) -> str | None:
    """Why this mail must not be answered (RFC 3834, RFC 2369, bounces), or None.

    ``envelope_from`` is the return path: ``""`` for a bounce's empty one, None when unknown.
    A repeated header counts when any of its occurrences says the mail is automated.
    """
    def values(name: str) -> list[str]:
        return [value.lower() for value in values_of(headers, name)]

    if any(value.split(";")[0].strip() != "no" for value in values("Auto-Submitted")):
        return "auto_submitted"
    if envelope_from is not None and envelope_from.strip() in ("", "<>"):
        return "null_return_path"  # a bounce (delivery status notification); None: not known
    if values("List-Id") or values("List-Unsubscribe"):
        return "mailing_list"
    if any(value in ("bulk", "list", "junk", "auto_reply") for value in values("Precedence")):
        return "precedence"
    if values("X-Autoreply") or values("X-Autorespond"):
        return "auto_reply"
    if any("multipart/report" in value for value in values("Content-Type")):
        return "delivery_report"
    for address in (envelope_from, sender):
        if address and _BOUNCE_SENDERS.match(address.strip()):
            return "robot_sender"
        if address and address.strip().lower() in own_addresses:
            return "own_address"
    return None
