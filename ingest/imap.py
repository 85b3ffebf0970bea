"""IMAP sources: one poller thread per ``[[imap.accounts]]``, feeding the durable queue.

Per folder and pass: SELECT (UIDVALIDITY), UID SEARCH above the folder's done mark (and
``since``), then in batches: FETCH ``BODY.PEEK[]`` -> enqueue (committed) -> ledger row ->
wake the worker -> apply the action on the server -> mark the ledger rows done. A mail is
never acted on before it is on disk, and the ledger makes every step safe to repeat after a
crash. Between passes the poller IDLEs where the server offers it (re-issued every
``idle_timeout``), otherwise sleeps ``poll_interval``. Any network error: reconnect with
exponential backoff, in the same thread; the daemon keeps running. An action the server
refuses (NO: ``move_to`` cannot be created, no permission) is logged once per folder and
distinct error, left undone in the ledger and tried again at the next pass; new mail is still
queued meanwhile.

Log lines carry ``imap=ACCOUNT run=ID`` (one id per connection) and ``msg=N``; never mail
content, never the password.
"""
from __future__ import annotations

import logging
import random
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from email.utils import parseaddr

from receiptd.config import Config, ImapAccount, StoreConfig
from store.db import open_db

from .imap_ledger import FolderState, Ledger, identity
from .imap_session import ActionRefused, FetchedMail, FolderMissing, ImapError, ImapSession, default_port
from .queue import Queue

log = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 5.0  # then the socket is shut down under a blocking call


class ImapPoller(threading.Thread):
    """Reads one account's folders until :meth:`stop`; reconnects after any failure."""

    def __init__(self, account: ImapAccount, store: StoreConfig, on_enqueued: Callable[[], None]):
        super().__init__(name=f"imap-{account.name}", daemon=True)
        self.account = account
        self.store = store
        self.on_enqueued = on_enqueued
        self._stopping = threading.Event()
        self._session: ImapSession | None = None
        self._tag = f"imap={account.name}"
        self._delay = account.reconnect_delay  # before the next reconnection; doubles up to the max
        self._refusals: dict[str, set[str]] = {}  # folder -> refusals logged since its action last worked
        self._uidnext: dict[str, int | None] = {}  # folder -> UIDNEXT when it was last synced

    # -- thread -------------------------------------------------------------------------

    def run(self) -> None:
        db = open_db(self.store.database, busy_timeout_ms=self.store.busy_timeout_ms)
        queue, ledger = Queue(db), Ledger(db, self.account.name)
        try:
            while not self._stopping.is_set():
                self._tag = f"imap={self.account.name} run={uuid.uuid4().hex[:8]}"
                try:
                    self._connected(queue, ledger)
                except ImapError as err:
                    if self._stopping.is_set():
                        break
                    log.warning("%s %s; reconnecting in %.1fs", self._tag, err, self._delay)
                except sqlite3.Error as err:
                    log.error("%s database error: %s: %s; retrying in %.1fs", self._tag, type(err).__name__, err,
                              self._delay)
                except Exception:  # the thread must not die: log, back off, go on
                    log.exception("%s unexpected error; retrying in %.1fs", self._tag, self._delay)
                finally:
                    self._session = None
                if self._stopping.wait(self._delay * random.uniform(0.8, 1.2)):
                    break
                self._delay = min(self._delay * 2, self.account.reconnect_max_delay)
        finally:
            db.close()
            log.info("%s stopped", self._tag)

    def request_stop(self) -> None:
        self._stopping.set()

    def stop(self, timeout: float = 2 * STOP_GRACE_SECONDS) -> None:
        """Finish the step in hand and log out; past a grace period, cut the connection."""
        self._stopping.set()
        self.join(STOP_GRACE_SECONDS)
        if self.is_alive() and self._session is not None:
            self._session.interrupt()
        self.join(max(timeout - STOP_GRACE_SECONDS, 0.1))

    # -- one connection -----------------------------------------------------------------

    def _connected(self, queue: Queue, ledger: Ledger) -> None:
        account = self.account
        with ImapSession.open(account) as session:
            self._session = session
            log.info("%s logged in to %s as %s (tls=%s, idle=%s)", self._tag, account.host, account.username,
                     account.tls, "yes" if session.idle else "no")
            missing_logged: set[str] = set()
            while not self._stopping.is_set():
                idle_folder = None
                for folder in account.folders:
                    try:
                        self.sync_folder(session, queue, ledger, folder)
                    except FolderMissing as err:
                        if folder not in missing_logged:
                            log.warning("%s %s; skipped until it appears", self._tag, err)
                            missing_logged.add(folder)
                        continue
                    missing_logged.discard(folder)
                    idle_folder = idle_folder or folder
                    if self._stopping.is_set():
                        return
                self._delay = self.account.reconnect_delay  # a full pass: the connection is healthy
                self._wait(session, idle_folder)

    def _wait(self, session: ImapSession, idle_folder: str | None) -> None:
        """Until new mail may be there: IDLE on the first folder, or sleep ``poll_interval``."""
        account = self.account
        if not session.idle or idle_folder is None:
            self._stopping.wait(account.poll_interval)
            return
        # IDLE reports on the selected folder, and only what the server has not reported yet: mail
        # that arrived during the pass (its EXISTS answered another command) shows in UIDNEXT
        info = session.select(idle_folder)
        if info.uidnext is not None and info.uidnext != self._uidnext.get(idle_folder):
            return
        timeout = account.idle_timeout if len(account.folders) == 1 else min(account.idle_timeout,
                                                                             account.poll_interval)
        session.wait_for_mail(timeout, self._stopping)

    # -- one folder ---------------------------------------------------------------------

    def sync_folder(self, session: ImapSession, queue: Queue, ledger: Ledger, folder: str) -> int:
        """Queue every mail of ``folder`` not queued yet and apply the action; returns how many were new."""
        account = self.account
        info = session.select(folder)
        self._uidnext[folder] = info.uidnext
        state = ledger.folder_state(folder)
        if state is not None and state.uidvalidity != info.uidvalidity:
            log.warning("%s folder %r: UIDVALIDITY changed (%d -> %d); mails already queued are recognised by "
                        "Message-ID and content", self._tag, folder, state.uidvalidity, info.uidvalidity)
            state = None
        if state is None:
            state = FolderState(uidvalidity=info.uidvalidity, done_uid=0)
            ledger.set_folder_state(folder, state)

        uids = session.search(after_uid=state.done_uid, since=account.since)
        known = ledger.entries(folder, info.uidvalidity, uids)
        done = {uid for uid, entry in known.items() if entry.action_done}

        gone = set(ledger.pending(folder, info.uidvalidity, above_uid=state.done_uid)) - set(uids)
        if gone:  # moved or deleted before a crash kept the ledger from saying so
            log.info("%s folder %r: %d queued mail(s) already gone from the folder; action counted as applied",
                     self._tag, folder, len(gone))
            ledger.mark_done(folder, info.uidvalidity, sorted(gone))

        unfinished = [uid for uid, entry in known.items() if not entry.action_done]
        if unfinished:
            if folder not in self._refusals:
                log.info("%s folder %r: %d mail(s) queued by an earlier run; applying %s", self._tag, folder,
                         len(unfinished), account.action)
            if self._act(session, ledger, folder, info.uidvalidity, sorted(unfinished)):
                done.update(unfinished)

        fresh = [uid for uid in uids if uid not in known]
        new_total = 0
        for start in range(0, len(fresh), account.batch_size):
            if self._stopping.is_set():
                break
            batch = fresh[start:start + account.batch_size]
            mails = session.fetch(batch)
            new = sum(self._import(queue, ledger, folder, info.uidvalidity, mail) for mail in mails)
            if new:
                self.on_enqueued()
            new_total += new
            acted = [mail.uid for mail in mails]
            if self._act(session, ledger, folder, info.uidvalidity, acted):
                done.update(acted)

        done_uid = state.done_uid
        for uid in uids:
            if uid not in done:
                break
            done_uid = uid
        if done_uid != state.done_uid:
            ledger.set_folder_state(folder, FolderState(uidvalidity=info.uidvalidity, done_uid=done_uid))
        return new_total

    def _import(self, queue: Queue, ledger: Ledger, folder: str, uidvalidity: int, mail: FetchedMail) -> bool:
        """Commit the mail to the queue (once) and record it in the ledger; True if it is new."""
        mail_id = identity(mail.raw)
        queue_id = ledger.find_queued(mail_id)
        new = False
        if queue_id is not None:
            log.info("%s msg=%s already queued (same Message-ID and content as fetched before); uid %d in %r "
                     "recorded", self._tag, queue_id, mail.uid, folder)
        else:
            stored = queue.enqueue(mail.raw, envelope_from=_return_path(mail.raw),
                                   recipients=[self.account.username], source="imap")
            queue_id, new = stored.id, not stored.duplicate
            if new:
                log.info("%s msg=%s queued (%d bytes) from %r uid %d", self._tag, queue_id, len(mail.raw), folder,
                         mail.uid)
            else:
                log.info("%s msg=%s delivered again (same Message-ID and bytes); kept once", self._tag, queue_id)
        ledger.record(folder, uidvalidity, mail.uid, queue_id=queue_id, mail=mail_id, size=len(mail.raw),
                      action=self.account.action)
        return new

    def _act(self, session: ImapSession, ledger: Ledger, folder: str, uidvalidity: int, uids: list[int]) -> bool:
        """Apply the action to queued mails; False if the server refused it (the next pass tries again)."""
        account = self.account
        if not uids:
            return True
        try:
            if account.action == "move" and session.ensure_folder(account.move_to):
                log.info("%s created folder %r", self._tag, account.move_to)
            session.apply(account.action, uids, account.move_to)
        except ActionRefused as err:
            logged = self._refusals.setdefault(folder, set())
            kind = refusal_kind(str(err))
            level = logging.DEBUG if kind in logged else logging.ERROR
            logged.add(kind)
            log.log(level, "%s folder %r: %s; the mail is queued, its action is retried at each pass", self._tag,
                    folder, err)
            return False
        ledger.mark_done(folder, uidvalidity, uids)
        if self._refusals.pop(folder, None):
            log.info("%s folder %r: %s applied again", self._tag, folder, account.action)
        return True


_SERVER_TIMING_RE = re.compile(r"\s*\([\d.+\s]*\bsecs?\)")  # Dovecot's "(0.001 + 0.000 + 0.002 secs)"


def refusal_kind(text: str) -> str:
    """The same refusal, whatever the mail count or the server's timing note (Dovecot adds a third
    figure to it when it waited for a lock)."""
    return re.sub(r"\d+(\.\d+)?", "#", _SERVER_TIMING_RE.sub("", text))


class ImapSources:
    """The pollers of all configured accounts (none by default)."""

    def __init__(self, config: Config, on_enqueued: Callable[[], None]):
        self.pollers = [ImapPoller(account, config.store, on_enqueued) for account in config.imap.accounts]

    def start(self) -> "ImapSources":
        if self.pollers:
            # imapclient's debug log would carry protocol lines (headers); keep it quiet
            logging.getLogger("imapclient").setLevel(max(logging.WARNING, logging.getLogger().level))
        for poller in self.pollers:
            poller.start()
            log.info("imap=%s polling %s on %s:%d (action=%s)", poller.account.name,
                     ",".join(poller.account.folders), poller.account.host, default_port(poller.account),
                     poller.account.action)
        return self

    def stop(self) -> None:
        for poller in self.pollers:
            poller.request_stop()
        for poller in self.pollers:
            poller.stop()


def _return_path(raw: bytes) -> str | None:
    try:
        value = BytesHeaderParser(policy=default_policy).parsebytes(raw).get("Return-Path")
    except Exception:
        return None
    address = parseaddr(str(value))[1] if value else ""
    return address or None
