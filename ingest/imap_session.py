"""One IMAP connection for one account: the only module that talks to imapclient.

Every imapclient, socket and TLS failure leaves this module as :class:`ImapError`, so the
poller handles one domain exception (and reconnects); a refused action (the server answers NO
or BAD, the connection is fine) leaves as :class:`ActionRefused`. Mail is fetched with ``BODY.PEEK[]``:
a plain ``RFC822`` fetch would mark it read before it is queued.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from imapclient import DELETED, FLAGGED, SEEN, IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from receiptd.config import ImapAccount

FETCH_ITEM = "BODY.PEEK[]"
FETCHED_KEY = b"BODY[]"
IDLE_CHECK_SECONDS = 1.0  # how often a waiting IDLE looks at the stop event


class ImapError(Exception):
    """Talking to the IMAP server failed (network, TLS, login, protocol); the poller reconnects."""


class ActionRefused(ImapError):
    """The server refused the action or the creation of ``move_to``; the connection is still usable."""


class FolderMissing(ImapError):
    """A configured folder does not exist on the server (the connection is still usable)."""


@dataclass(frozen=True)
class FolderInfo:
    name: str
    uidvalidity: int
    exists: int
    uidnext: int | None = None  # the UID the next mail will get (None: the server did not say)


@dataclass(frozen=True)
class FetchedMail:
    uid: int
    raw: bytes


@contextlib.contextmanager
def boundary(what: str, refused: type[ImapError] = ImapError) -> Iterator[None]:
    """Turn imapclient, socket and TLS errors into :class:`ImapError`; a NO or BAD answer into ``refused``."""
    try:
        yield
    except ImapError:
        raise
    except (IMAPClientError, OSError, EOFError) as err:  # ssl.SSLError and socket.timeout are OSErrors
        detail = str(err).strip() or "connection closed"
        answered = isinstance(err, IMAPClientError) and not isinstance(err, IMAPClientAbortError)
        raise (refused if answered else ImapError)(f"{what}: {type(err).__name__}: {detail}") from err


def resolve_password(account: ImapAccount) -> str:
    """The password from the config, an environment variable or a file (first line)."""
    if account.password is not None:
        return account.password.get_secret_value()
    if account.password_env:
        value = os.environ.get(account.password_env)
        if not value:
            raise ImapError(f"environment variable {account.password_env} (password_env) is not set")
        return value
    try:
        return Path(account.password_file).read_text().splitlines()[0]
    except (OSError, IndexError) as err:
        raise ImapError(f"cannot read password_file {account.password_file}: {type(err).__name__}") from None


def default_port(account: ImapAccount) -> int:
    return account.port or (993 if account.tls == "ssl" else 143)


class ImapSession:
    """A logged-in connection; use as a context manager (logs out, or drops the socket)."""

    def __init__(self, client: IMAPClient):
        self.client = client
        self.idle = client.has_capability("IDLE")
        self.move = client.has_capability("MOVE")
        self.uidplus = client.has_capability("UIDPLUS")
        self.selected: str | None = None

    @classmethod
    def open(cls, account: ImapAccount) -> "ImapSession":
        password = resolve_password(account)
        port = default_port(account)
        context = ssl.create_default_context(cafile=account.ca_file or None)
        with boundary(f"connect to {account.host}:{port}"):
            client = IMAPClient(account.host, port=port, ssl=account.tls == "ssl", ssl_context=context,
                                timeout=account.timeout)
        try:
            if account.tls == "starttls":
                with boundary("STARTTLS"):
                    if not client.has_capability("STARTTLS"):
                        raise ImapError("the server does not offer STARTTLS (tls = \"starttls\")")
                    client.starttls(context)
            with boundary(f"login as {account.username}"):
                client.login(account.username, password)
            with boundary("CAPABILITY"):
                return cls(client)
        except BaseException:
            _drop(client)
            raise

    def __enter__(self) -> "ImapSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.client.logout()
        except Exception:
            _drop(self.client)

    def interrupt(self) -> None:
        """From another thread: make a blocking call return at once (it then raises ImapError)."""
        with contextlib.suppress(Exception):
            self.client.socket().shutdown(socket.SHUT_RDWR)

    def ensure_folder(self, name: str) -> bool:
        """Create ``name`` if it is missing; True if it was created."""
        with boundary(f"create folder {name!r}", refused=ActionRefused):
            if self.client.folder_exists(name):
                return False
            self.client.create_folder(name)
            with contextlib.suppress(IMAPClientError):
                self.client.subscribe_folder(name)
            return True

    def select(self, name: str) -> FolderInfo:
        self.selected = None
        with boundary(f"select {name!r}"):
            try:
                info = self.client.select_folder(name)
            except IMAPClientAbortError:
                raise
            except IMAPClientError:
                if not self.client.folder_exists(name):
                    raise FolderMissing(f"folder {name!r} does not exist") from None
                raise
        self.selected = name
        uidnext = info.get(b"UIDNEXT")
        return FolderInfo(name=name, uidvalidity=int(info[b"UIDVALIDITY"]), exists=int(info.get(b"EXISTS", 0)),
                          uidnext=int(uidnext) if uidnext is not None else None)

    def search(self, *, after_uid: int, since: dt.date | None) -> list[int]:
        """UIDs above ``after_uid`` in the selected folder (arrived on or after ``since``), ascending."""
        criteria: list = ["UID", f"{after_uid + 1}:*"]
        if since is not None:
            criteria += ["SINCE", since]
        with boundary("UID SEARCH"):
            uids = self.client.search(criteria)
        # "n:*" also matches the highest UID when it is below n
        return sorted(int(uid) for uid in uids if int(uid) > after_uid)

    def fetch(self, uids: list[int]) -> list[FetchedMail]:
        """The raw bytes of each mail, without setting \\Seen; a mail expunged meanwhile is left out."""
        with boundary(f"UID FETCH {FETCH_ITEM} of {len(uids)} mail(s)"):
            response = self.client.fetch(uids, [FETCH_ITEM])
        mails = []
        for uid in uids:
            data = response.get(uid) or {}
            raw = data.get(FETCHED_KEY)
            if raw is not None:
                mails.append(FetchedMail(uid=uid, raw=bytes(raw)))
        return mails

    def apply(self, action: str, uids: list[int], move_to: str = "") -> None:
        """The account's action on mails that are committed to the queue."""
        if not uids:
            return
        with boundary(f"{action} {len(uids)} mail(s)", refused=ActionRefused):
            if action == "seen":
                self.client.add_flags(uids, [SEEN], silent=True)
            elif action == "flag":
                self.client.add_flags(uids, [FLAGGED], silent=True)
            elif action == "move" and self.move:
                self.client.move(uids, move_to)
            elif action == "move":
                self.client.copy(uids, move_to)
                self._expunge(uids)
            elif action == "delete":
                self._expunge(uids)
            else:
                raise ValueError(f"unknown action {action!r}")

    def _expunge(self, uids: list[int]) -> None:
        self.client.add_flags(uids, [DELETED], silent=True)
        if self.uidplus:
            self.client.uid_expunge(uids)
        else:  # without UIDPLUS, EXPUNGE also removes other mails already marked \Deleted
            self.client.expunge()

    def wait_for_mail(self, timeout: float, stop: threading.Event) -> bool:
        """IDLE on the selected folder until new mail, ``timeout`` seconds or ``stop``.

        True when the folder should be looked at again now (new mail, or the server warns).
        """
        new_mail = False
        with boundary("IDLE"):
            self.client.idle()
            try:
                deadline = time.monotonic() + timeout
                while not stop.is_set() and time.monotonic() < deadline:
                    asked = time.monotonic()
                    responses = self.client.idle_check(timeout=IDLE_CHECK_SECONDS)
                    if any(r and r[0] == b"BYE" for r in responses):
                        raise ImapError("the server closed the connection (BYE)")
                    if any(len(r) > 1 and r[1] == b"EXISTS" for r in responses):
                        new_mail = True
                        break
                    if any(r and r[0] in (b"NO", b"BAD") for r in responses):
                        new_mail = True  # e.g. the folder was replaced under us: SELECT it afresh
                        break
                    if not responses and time.monotonic() - asked < IDLE_CHECK_SECONDS / 2:
                        break  # readable but nothing to read: the server hung up; DONE below says so
            finally:
                self.client.idle_done()
        return new_mail


def _drop(client: IMAPClient) -> None:
    with contextlib.suppress(Exception):
        client.shutdown()
