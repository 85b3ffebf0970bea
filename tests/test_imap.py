"""IMAP ingestion against a real Dovecot on loopback: every mail queued exactly once, then acted on."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import time
import tomllib
from pathlib import Path

import pytest
import sqlite_utils
from imapclient import DELETED, FLAGGED, SEEN

from conftest import (REPO, Daemon, daemon_sections, query, receipt_mail, toml_value, wait_done, wait_until, wire,
                      write_config)
from dovecot import ACL, DOVECOT_PASSWORD, Dovecot, dovecot, hiding  # noqa: F401  (the fixture)
from receiptd import config
from ingest.imap import ImapPoller
from ingest.imap_ledger import Ledger
from ingest.imap_session import ImapError, ImapSession
from ingest.queue import Queue
from store.db import open_db

FAST = {"reconnect_delay": 0.2, "reconnect_max_delay": 1.0, "poll_interval": 0.5, "timeout": 10.0}


# -- helpers -------------------------------------------------------------------------------------


def write_imap_config(path: Path, sections: dict, accounts: list[dict]) -> Path:
    write_config(path, sections)
    lines = []
    for account in accounts:
        lines.append("[[imap.accounts]]")
        for key, value in account.items():
            lines.append(f"{key} = {value.isoformat() if isinstance(value, dt.date) else toml_value(value)}")
    with path.open("a") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


@pytest.fixture
def imap_daemon(tmp_path):
    """``start(accounts, **overrides)``: run_daemon.py with these ``[[imap.accounts]]``."""
    started: list[Daemon] = []

    def start(accounts: list[dict], **overrides) -> Daemon:
        path = tmp_path / f"imap-config{len(started)}.toml"
        write_imap_config(path, daemon_sections(tmp_path, **overrides), accounts)
        daemon = Daemon(path).start()
        started.append(daemon)
        return daemon

    yield start
    for daemon in started:
        daemon.stop()


def text_mail(n: int, tag: str = "t") -> bytes:
    """A small mail without photos: it ends as ``no_receipt`` without OCR."""
    return wire(receipt_mail(body=f"no photo, mail {n}", message_id=f"<{tag}-{n}-{time.time_ns()}@example.org>"))


def append(server: Dovecot, folder: str, mails: list[bytes], **kwargs) -> None:
    with server.client() as client:
        if not client.folder_exists(folder):
            client.create_folder(folder)
        for raw in mails:
            client.append(folder, raw, **kwargs)


def folder_fetch(server: Dovecot, folder: str, item: str, key: bytes) -> dict[int, object]:
    with server.client() as client:
        if not client.folder_exists(folder):
            return {}
        client.select_folder(folder, readonly=True)
        uids = client.search("ALL")
        return {uid: data[key] for uid, data in client.fetch(uids, [item]).items()} if uids else {}


def folder_flags(server: Dovecot, folder: str) -> dict[int, tuple]:
    return folder_fetch(server, folder, "FLAGS", b"FLAGS")


def folder_message_ids(server: Dovecot, folder: str) -> list[str]:
    """The Message-ID of every mail in the folder, sorted: a mail there twice is listed twice."""
    headers = folder_fetch(server, folder, "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]", b"BODY[HEADER.FIELDS (MESSAGE-ID)]")
    return sorted(message_id_of(raw) for raw in headers.values())


def queued_ids(database: Path) -> list[str]:
    return [row[0] for row in query(database, "SELECT message_id FROM messages ORDER BY id")]


def queued_count(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        return query(database, "SELECT count(*) FROM messages")[0][0]
    except Exception:  # before the first migration
        return 0


def message_id_of(raw: bytes) -> str:
    return next(line.split(b":", 1)[1].strip().decode() for line in raw.splitlines()
                if line.lower().startswith(b"message-id:"))


def poller_for(tmp_path: Path, **account) -> tuple[ImapPoller, sqlite_utils.Database]:
    """A poller (not started: the test calls ``sync_folder``) for this account, on a fresh database."""
    parsed = config.from_dict({"imap": {"accounts": [account]}}).imap.accounts[0]
    store = config.StoreConfig(database=str(tmp_path / "poller.db"))
    return ImapPoller(parsed, store, on_enqueued=lambda: None), open_db(store.database, migrate=True)


def sync(poller: ImapPoller, session: ImapSession, db: sqlite_utils.Database) -> int:
    return poller.sync_folder(session, Queue(db), Ledger(db, poller.account.name), "INBOX")


def imap_errors(daemon: Daemon) -> list[str]:
    return [line for line in daemon.log.splitlines() if " ERROR " in line and "ingest.imap" in line]


def assert_one_connection(daemon: Daemon) -> None:
    assert daemon.log.count("logged in to") == 1 and "reconnecting" not in daemon.log, daemon.log


# -- config --------------------------------------------------------------------------------------


def account_dict(**overrides) -> dict:
    return {"name": "a", "host": "imap.example.org", "username": "u", "password": "pw-Secret-1", **overrides}


@pytest.mark.parametrize(
    ("account", "named"),
    [
        (account_dict(prot=993), "unknown key 'imap.accounts.0.prot'"),
        (account_dict(port="993"), "'imap.accounts.0.port'"),
        (account_dict(tls="yes"), "'imap.accounts.0.tls'"),
        (account_dict(action="archive"), "'imap.accounts.0.action'"),
        (account_dict(action="move"), "'imap.accounts.0.move_to'"),
        (account_dict(password_env="X"), "'imap.accounts.0.password_file': Value error, give exactly one"),
        ({k: v for k, v in account_dict().items() if k != "password"}, "give exactly one"),
        (account_dict(since="2024-01-01"), "'imap.accounts.0.since'"),
        (account_dict(idle_timeout=1800.0), "'imap.accounts.0.idle_timeout'"),
        (account_dict(folders=[]), "'imap.accounts.0.folders'"),
    ],
)
def test_bad_imap_config_is_refused_naming_the_key(account, named):
    with pytest.raises(config.ConfigError) as err:
        config.from_dict({"imap": {"accounts": [account]}})
    assert named in str(err.value)
    assert "pw-Secret-1" not in str(err.value)


def test_config_errors_never_echo_a_password():
    for data in ({"imap": {"accounts": [account_dict(password=12345678)]}},
                 {"imap": {"accounts": [account_dict(), account_dict(password="pw-Other-2")]}}):
        with pytest.raises(config.ConfigError) as err:
            config.from_dict(data)
        assert "12345678" not in str(err.value) and "pw-" not in str(err.value), str(err.value)
    assert "unique" in str(err.value) and "'imap.accounts.1.name'" in str(err.value)
    assert "pw-Secret-1" not in repr(config.from_dict({"imap": {"accounts": [account_dict()]}}))


def test_the_documented_example_account_is_valid():
    text = (REPO / "config.toml").read_text()
    block = text[text.index("# [[imap.accounts]]"):]
    lines = [line[2:] for line in block.splitlines() if line.startswith("# ") and not line.startswith("# #")]
    account = tomllib.loads("\n".join(lines))["imap"]["accounts"][0]
    parsed = config.from_dict({"imap": {"accounts": [account]}}).imap.accounts[0]
    assert parsed.password_env == "RECEIPTD_IMAP_PASSWORD" and parsed.tls == "ssl"


# -- (1) mails become queued messages, then the action is applied -------------------------------


def test_move_action_queues_every_mail_then_moves_it(dovecot, imap_daemon, tmp_path):
    database = tmp_path / "receiptd.db"
    first = [text_mail(n, "move") for n in range(3)]
    append(dovecot, "INBOX", first)
    daemon = imap_daemon([dovecot.account(action="move", move_to="Processed", batch_size=2, **FAST)])

    rows = wait_done(database, 3, timeout=120)
    assert [outcome for _, outcome in rows] == ["no_receipt"] * 3
    wait_until(lambda: len(folder_flags(dovecot, "Processed")) == 3, timeout=30, message="moved")
    assert folder_flags(dovecot, "INBOX") == {}
    assert sorted(queued_ids(database)) == sorted(message_id_of(raw) for raw in first)
    assert query(database, "SELECT DISTINCT source, recipients FROM messages") == [("imap", '["receipts"]')]

    # new mail while the poller IDLEs is picked up at once
    later = [text_mail(n, "later") for n in range(2)]
    started = time.monotonic()
    append(dovecot, "INBOX", later)
    wait_until(lambda: queued_count(database) == 5, timeout=30, message="mail appended later queued")
    assert time.monotonic() - started < 10  # IDLE, not the 600 s idle_timeout
    wait_until(lambda: len(folder_flags(dovecot, "Processed")) == 5, timeout=30, message="moved")
    # the ledger notes the action once the server has confirmed the move: a moment later
    ledger_sql = ("SELECT folder, count(*), count(action_done_at), count(DISTINCT queue_id) "
                  "FROM imap_ledger GROUP BY folder")
    wait_until(lambda: query(database, ledger_sql) == [("INBOX", 5, 5, 5)], timeout=30, message="ledger")
    assert "idle=yes" in daemon.log
    assert "no photo" not in daemon.log and "Subject" not in daemon.log  # no mail content in logs


def test_seen_and_flag_actions_on_two_accounts(dovecot, imap_daemon, tmp_path):
    database = tmp_path / "receiptd.db"
    append(dovecot, "Seen-me", [text_mail(n, "seen") for n in range(3)])
    append(dovecot, "Flag-me", [text_mail(n, "flag") for n in range(2)])
    daemon = imap_daemon([
        dovecot.account(name="seen", folders=["Seen-me"], action="seen", **FAST),
        dovecot.account(name="flag", folders=["Flag-me"], action="flag", **FAST),
    ])
    wait_done(database, 5, timeout=120)
    wait_until(lambda: all(SEEN in f for f in folder_flags(dovecot, "Seen-me").values()), timeout=30,
               message="seen set")
    wait_until(lambda: all(FLAGGED in f for f in folder_flags(dovecot, "Flag-me").values()), timeout=30,
               message="flagged")
    assert len(folder_flags(dovecot, "Seen-me")) == 3
    # BODY.PEEK[]: the flagged mails stayed unread
    assert all(SEEN not in flags for flags in folder_flags(dovecot, "Flag-me").values())
    # seen/flagged mails stay in the folder: later passes and a restart queue nothing again
    daemon.terminate()
    imap_daemon([
        dovecot.account(name="seen", folders=["Seen-me"], action="seen", **FAST),
        dovecot.account(name="flag", folders=["Flag-me"], action="flag", **FAST),
    ])
    append(dovecot, "Flag-me", [text_mail(9, "flag")])
    wait_until(lambda: queued_count(database) == 6, timeout=30, message="the new mail")
    # one more mail in each folder: once both are queued, each account has passed over its folder
    # again after the restart, and the mails seen or flagged before were not queued a second time
    append(dovecot, "Flag-me", [text_mail(10, "flag")])
    append(dovecot, "Seen-me", [text_mail(10, "seen")])
    wait_until(lambda: queued_count(database) == 8, timeout=30, message="a later pass of each account")
    # the ledger row follows the queue's commit (a mail is on disk before anything else happens to it)
    ledger_sql = ("SELECT account, count(*), count(DISTINCT queue_id) FROM imap_ledger "
                  "GROUP BY account ORDER BY account")
    wait_until(lambda: sum(count for _, count, _ in query(database, ledger_sql)) == 8, timeout=30,
               message="the ledger rows of the new mails")
    assert query(database, ledger_sql) == [("flag", 4, 4), ("seen", 4, 4)]


def test_since_skips_older_mail(dovecot, tmp_path):
    old, new = text_mail(1, "old"), text_mail(2, "new")
    append(dovecot, "INBOX", [old], msg_time=dt.datetime(2020, 5, 1, 12, 0, tzinfo=dt.timezone.utc))
    append(dovecot, "INBOX", [new])
    poller, db = poller_for(tmp_path, **dovecot.account(since=dt.date(2023, 1, 1)))
    with ImapSession.open(poller.account) as session:
        assert sync(poller, session, db) == 1
    assert [r[0] for r in db.execute("SELECT message_id FROM messages").fetchall()] == [message_id_of(new)]


def test_delete_action_expunges_only_the_queued_mails(dovecot, tmp_path):
    # an old mail (before `since`, so never read) that its owner marked \\Deleted: UID EXPUNGE leaves it
    append(dovecot, "INBOX", [text_mail(0, "old")], flags=[b"\\Deleted"],
           msg_time=dt.datetime(2020, 5, 1, 12, 0, tzinfo=dt.timezone.utc))
    keep_uid = list(folder_flags(dovecot, "INBOX"))[0]
    append(dovecot, "INBOX", [text_mail(n, "delete") for n in range(3)])
    poller, db = poller_for(tmp_path, **dovecot.account(action="delete", batch_size=2, since=dt.date(2023, 1, 1)))
    with ImapSession.open(poller.account) as session:
        assert session.uidplus
        assert sync(poller, session, db) == 3
        assert sync(poller, session, db) == 0
    assert list(folder_flags(dovecot, "INBOX")) == [keep_uid]
    assert db.execute("SELECT count(*), count(action_done_at) FROM imap_ledger").fetchone() == (3, 3)


@pytest.mark.parametrize(("dovecot", "action", "offered"), [
    pytest.param(hiding("MOVE"), "move", (False, True), id="move-without-MOVE"),
    pytest.param(hiding("MOVE", "UIDPLUS"), "move", (False, False), id="move-without-MOVE-UIDPLUS"),
    pytest.param(hiding("UIDPLUS"), "delete", (True, False), id="delete-without-UIDPLUS"),
], indirect=["dovecot"])
def test_actions_fall_back_to_copy_and_expunge(dovecot, tmp_path, action, offered):
    mails = [text_mail(n, "fallback") for n in range(5)]
    append(dovecot, "INBOX", mails)
    move_to = "Processed" if action == "move" else ""
    poller, db = poller_for(tmp_path, **dovecot.account(action=action, move_to=move_to, batch_size=2))
    with ImapSession.open(poller.account) as session:
        # what the session chose from the server's list (imapclient would refuse MOVE or UID EXPUNGE
        # without it); Dovecot itself would still accept both
        assert (session.move, session.uidplus) == offered
        assert sync(poller, session, db) == 5
        assert sync(poller, session, db) == 0
    assert folder_flags(dovecot, "INBOX") == {}  # no copy left behind marked \Deleted
    moved = folder_flags(dovecot, "Processed")
    assert folder_message_ids(dovecot, "Processed") == (sorted(map(message_id_of, mails)) if move_to else [])
    assert all(DELETED not in flags for flags in moved.values())
    assert db.execute("SELECT count(*), count(action_done_at) FROM imap_ledger").fetchone() == (5, 5)


@pytest.mark.parametrize("dovecot", [pytest.param(hiding("IDLE"), id="without-IDLE")], indirect=True)
def test_without_idle_new_mail_is_polled(dovecot, imap_daemon, tmp_path):
    database = tmp_path / "receiptd.db"
    append(dovecot, "INBOX", [text_mail(1, "poll")])
    daemon = imap_daemon([dovecot.account(action="seen", **FAST)])  # poll_interval 0.5 s
    wait_until(lambda: queued_count(database) == 1, timeout=60, message="first mail queued")
    for n in (2, 3):
        started = time.monotonic()
        append(dovecot, "INBOX", [text_mail(n, "poll")])
        wait_until(lambda: queued_count(database) == n, timeout=30, message=f"mail {n} queued")  # noqa: B023
        assert time.monotonic() - started < 5
    assert "idle=no" in daemon.log
    assert_one_connection(daemon)  # IDLE was never tried (imapclient would have refused it)


def test_mail_reported_to_another_command_during_a_pass_is_not_left_for_idle(dovecot, tmp_path):
    append(dovecot, "INBOX", [text_mail(1, "race")])
    poller, db = poller_for(tmp_path, **dovecot.account(action="seen", idle_timeout=20, **FAST))
    with ImapSession.open(poller.account) as session:
        assert sync(poller, session, db) == 1
        append(dovecot, "INBOX", [text_mail(2, "race")])
        session.client.noop()  # the server reports the new mail here, so IDLE will not report it again
        started = time.monotonic()
        poller._wait(session, "INBOX")
        assert time.monotonic() - started < 5  # not the 20 s IDLE: the next pass looks at once
        assert sync(poller, session, db) == 1


# -- (2) crash between commit and action; SIGKILL mid-batch --------------------------------------


def test_crash_between_commit_and_action_only_applies_the_action_on_restart(dovecot, tmp_path, monkeypatch):
    mails = [text_mail(n, "crash") for n in range(3)]
    append(dovecot, "INBOX", mails)
    account = config.from_dict({"imap": {"accounts": [dovecot.account(action="move", move_to="Done")]}}
                               ).imap.accounts[0]
    store = config.StoreConfig(database=str(tmp_path / "crash.db"))
    db = open_db(store.database, migrate=True)
    woken = []
    poller = ImapPoller(account, store, on_enqueued=lambda: woken.append(1))

    def power_cut(self, action, uids, move_to=""):
        raise ImapError("connection lost before the action")

    with ImapSession.open(account) as session:
        session.ensure_folder("Done")
        with monkeypatch.context() as patch:
            patch.setattr(ImapSession, "apply", power_cut)
            with pytest.raises(ImapError):
                poller.sync_folder(session, Queue(db), Ledger(db, account.name), "INBOX")
    assert woken  # the worker is woken as soon as mail is committed
    assert db.execute("SELECT count(*), count(action_done_at) FROM imap_ledger").fetchone() == (3, 0)
    assert len(folder_flags(dovecot, "INBOX")) == 3  # not moved: not acknowledged yet

    fresh_db = open_db(store.database)  # "the restart"
    queue = Queue(fresh_db)
    enqueued = []
    monkeypatch.setattr(queue, "enqueue", lambda *a, **k: enqueued.append(1))
    with ImapSession.open(account) as session:
        assert poller.sync_folder(session, queue, Ledger(fresh_db, account.name), "INBOX") == 0
    assert enqueued == []  # the ledger said "queued already": nothing fetched or enqueued again
    assert fresh_db.execute("SELECT count(*), count(action_done_at) FROM imap_ledger").fetchone() == (3, 3)
    assert folder_flags(dovecot, "INBOX") == {} and len(folder_flags(dovecot, "Done")) == 3
    assert fresh_db.execute("SELECT count(*) FROM messages").fetchone()[0] == 3


def test_sigkill_mid_batch_loses_and_duplicates_nothing(dovecot, imap_daemon, tmp_path):
    database = tmp_path / "receiptd.db"
    total = 240
    mails = [text_mail(n, "kill") for n in range(total)]
    append(dovecot, "INBOX", mails)
    account = dovecot.account(action="move", move_to="Processed", batch_size=8, **FAST)

    cut_at = []
    for threshold in (20, 100):  # two power cuts while the poller works through the folder
        daemon = imap_daemon([account])
        wait_until(lambda: queued_count(database) >= threshold, timeout=120, interval=0.01,
                   message=f"{threshold} mails queued")
        daemon.kill()
        cut_at.append(queued_count(database))
    assert any(count < total for count in cut_at), f"the poller finished before the kill ({cut_at})"

    daemon = imap_daemon([account])
    wait_until(lambda: queued_count(database) >= total and folder_flags(dovecot, "INBOX") == {}, timeout=120,
               message="every mail queued and moved")
    wait_done(database, total, timeout=300)
    ids = queued_ids(database)
    assert len(ids) == total and sorted(ids) == sorted(message_id_of(raw) for raw in mails)
    assert len(folder_flags(dovecot, "Processed")) == total
    # the ledger notes each move once the server has confirmed it: a moment after the folder empties
    wait_until(lambda: query(database, "SELECT count(*), count(DISTINCT queue_id), count(action_done_at) "
                                       "FROM imap_ledger") == [(total, total, total)], timeout=30,
               message="every move in the ledger")
    assert query(database, "SELECT DISTINCT outcome FROM messages") == [("no_receipt",)]
    assert "Traceback" not in daemon.log


# -- (3) the server restarts under a connected poller --------------------------------------------


def test_poller_reconnects_after_dovecot_restarts(dovecot, imap_daemon, tmp_path):
    database = tmp_path / "receiptd.db"
    daemon = imap_daemon([dovecot.account(action="seen", **FAST)])
    append(dovecot, "INBOX", [text_mail(1, "before")])
    wait_until(lambda: queued_count(database) == 1, timeout=30, message="first mail queued")
    wait_until(lambda: "logged in" in daemon.log, timeout=10, message="connected")

    dovecot.stop()
    wait_until(lambda: "reconnecting in" in daemon.log, timeout=30, message="the poller finds the server gone")
    dovecot.start()
    append(dovecot, "INBOX", [text_mail(2, "after")])
    wait_until(lambda: queued_count(database) == 2, timeout=60, message="mail after the restart queued")
    wait_until(lambda: all(SEEN in f for f in folder_flags(dovecot, "INBOX").values()), timeout=30,
               message="seen set")
    assert daemon.proc.poll() is None  # the daemon itself never restarted
    assert "reconnecting in" in daemon.log
    assert daemon.log.count("logged in to") >= 2
    started = time.monotonic()
    assert daemon.terminate(30) == 0  # SIGTERM stops the IDLEing poller promptly
    assert time.monotonic() - started < 15
    assert "imap=test" in daemon.log and "stopped" in daemon.log


# -- (4) a new UIDVALIDITY ------------------------------------------------------------------------


def test_folder_recreated_with_the_same_mails_queues_nothing_twice(dovecot, imap_daemon, tmp_path):
    database = tmp_path / "receiptd.db"
    mails = [text_mail(n, "uidv") for n in range(3)]
    append(dovecot, "Receipts", mails)
    daemon = imap_daemon([dovecot.account(folders=["Receipts"], action="seen", **FAST)])
    wait_until(lambda: queued_count(database) == 3, timeout=30, message="3 mails queued")
    wait_until(lambda: query(database, "SELECT count(action_done_at) FROM imap_ledger") == [(3,)], timeout=30,
               message="3 actions")
    old_validity = query(database, "SELECT uidvalidity FROM imap_folders")[0][0]

    with dovecot.client() as client:
        client.delete_folder("Receipts")
        client.create_folder("Receipts")
        assert client.select_folder("Receipts")[b"UIDVALIDITY"] != old_validity
        for raw in mails:
            client.append("Receipts", raw)
        client.append("Receipts", text_mail(4, "uidv-new"))

    wait_until(lambda: queued_count(database) == 4, timeout=60, message="the one new mail queued")
    wait_until(lambda: query(database, "SELECT count(*) FROM imap_ledger WHERE uidvalidity != ? "
                                       "AND action_done_at IS NOT NULL", (old_validity,)) == [(4,)],
               timeout=60, message="all 4 mails of the new folder recorded and acted on")
    append(dovecot, "Receipts", [text_mail(5, "uidv-later")])  # queued only after a later pass
    wait_until(lambda: queued_count(database) == 5, timeout=30, message="a later pass")
    wait_until(lambda: all(SEEN in flags for flags in folder_flags(dovecot, "Receipts").values()), timeout=30,
               message="seen set on the later mail")
    assert "UIDVALIDITY changed" in daemon.log
    assert "already queued" in daemon.log


# -- (5) the server refuses the action: logged once, import goes on, retried at each pass --------


def test_a_move_to_folder_the_server_refuses_to_create(dovecot, imap_daemon, tmp_path):
    database = tmp_path / "receiptd.db"
    append(dovecot, "INBOX", [text_mail(n, "refused") for n in range(3)])
    # the folder separator is ".": Dovecot answers CREATE with NO [CANNOT] Invalid mailbox name
    daemon = imap_daemon([dovecot.account(action="move", move_to="Receipts/Done", batch_size=2, idle_timeout=0.5,
                                          **FAST)], log={"level": "DEBUG"})
    wait_until(lambda: queued_count(database) == 3, timeout=60, message="mails queued")
    append(dovecot, "INBOX", [text_mail(3, "refused")])
    wait_until(lambda: queued_count(database) == 4, timeout=30, message="mail arriving later queued")
    wait_until(lambda: daemon.log.count("retried at each pass") >= 6, timeout=30, message="retries at later passes")

    # the refusal is one line, however many passes and batches (a busy database under a loaded
    # machine may log its own retry line beside it)
    refusals = [line for line in imap_errors(daemon) if "retried at each pass" in line]
    assert len(refusals) == 1, imap_errors(daemon)
    [error] = refusals
    assert "imap=test" in error and "folder 'INBOX'" in error and "Receipts/Done" in error and "[CANNOT]" in error
    assert_one_connection(daemon)
    assert queued_count(database) == 4  # queued once: the ledger knows them
    assert query(database, "SELECT count(*), count(action_done_at) FROM imap_ledger") == [(4, 0)]
    assert len(folder_flags(dovecot, "INBOX")) == 4
    assert "no photo" not in daemon.log


@pytest.mark.parametrize("dovecot", [pytest.param(ACL, id="acl")], indirect=True)
def test_a_refused_move_is_retried_at_each_pass_until_it_works(dovecot, imap_daemon, tmp_path):
    database = tmp_path / "receiptd.db"
    mails = [text_mail(n, "noperm") for n in range(3)]
    append(dovecot, "INBOX", mails)
    append(dovecot, "Locked", [])
    dovecot.set_rights("Locked", "lr")  # may look up and read, not insert: MOVE gets NO [NOPERM]
    daemon = imap_daemon([dovecot.account(action="move", move_to="Locked", idle_timeout=0.5, **FAST)])
    wait_until(lambda: imap_errors(daemon), timeout=60, message="the refusal logged")
    assert queued_count(database) == 3 and len(folder_flags(dovecot, "INBOX")) == 3

    dovecot.set_rights("Locked", None)
    wait_until(lambda: folder_message_ids(dovecot, "Locked") == sorted(map(message_id_of, mails)), timeout=30,
               message="moved once the folder takes mail")
    wait_until(lambda: "move applied again" in daemon.log, timeout=30, message="the recovery logged")
    [error] = imap_errors(daemon)
    assert "[NOPERM]" in error and "folder 'INBOX'" in error
    assert_one_connection(daemon)
    assert folder_flags(dovecot, "INBOX") == {}
    assert query(database, "SELECT count(*), count(action_done_at) FROM imap_ledger") == [(3, 3)]
    assert queued_count(database) == 3


# -- (6) the password from the environment or a file, never in the logs --------------------------


def test_password_from_env_and_file_never_logged(dovecot, imap_daemon, tmp_path, monkeypatch):
    database = tmp_path / "receiptd.db"
    monkeypatch.setenv("RECEIPTD_TEST_IMAP_PASSWORD", DOVECOT_PASSWORD)
    secret_file = tmp_path / "imap-password"
    secret_file.write_text(DOVECOT_PASSWORD + "\n")
    wrong_file = tmp_path / "wrong-password"
    wrong_file.write_text("Wrong-Pa55-for-tests\n")
    append(dovecot, "From-env", [text_mail(1, "env")])
    append(dovecot, "From-file", [text_mail(2, "file")])
    base = {k: v for k, v in dovecot.account(**FAST).items() if k != "password"}
    daemon = imap_daemon([
        {**base, "name": "env", "folders": ["From-env"], "password_env": "RECEIPTD_TEST_IMAP_PASSWORD"},
        {**base, "name": "file", "folders": ["From-file"], "password_file": str(secret_file)},
        {**base, "name": "wrong", "folders": ["INBOX"], "password_file": str(wrong_file)},
    ], log={"level": "DEBUG"})
    wait_until(lambda: queued_count(database) == 2, timeout=60, message="both mails queued")
    wait_until(lambda: "imap=wrong" in daemon.log and "reconnecting in" in daemon.log, timeout=30,
               message="the failed login logged")
    daemon.terminate(30)
    assert DOVECOT_PASSWORD not in daemon.log
    assert "Wrong-Pa55" not in daemon.log
    assert "AUTHENTICATIONFAILED" in daemon.log or "LoginError" in daemon.log
    assert query(database, "SELECT account FROM imap_ledger ORDER BY account") == [("env",), ("file",)]


def test_tls_is_verified_and_never_falls_back_to_plain(tmp_path):
    if reason := Dovecot.unavailable() or (None if shutil.which("openssl") else "openssl is not installed"):
        pytest.skip(reason)
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True, timeout=60)
    with Dovecot.running(tls_files=(cert, key)) as server:
        def account(**overrides):
            return config.from_dict({"imap": {"accounts": [server.account(**overrides)]}}).imap.accounts[0]

        with ImapSession.open(account(tls="ssl", port=server.imaps_port, ca_file=str(cert))) as session:
            assert session.select("INBOX").uidvalidity > 0
        with ImapSession.open(account(tls="starttls", ca_file=str(cert))) as session:
            assert session.select("INBOX").uidvalidity > 0
        with pytest.raises(ImapError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
            ImapSession.open(account(tls="ssl", port=server.imaps_port))  # untrusted without ca_file
        with pytest.raises(ImapError, match="SSL|ssl|TLS"):
            ImapSession.open(account(tls="ssl", port=server.port, ca_file=str(cert)))  # plain port: no fallback


def test_one_refusal_whatever_the_mail_count_or_the_servers_timing_note():
    from ingest.imap import refusal_kind

    quick = "NO [CANNOT] Invalid mailbox name (0.001 + 0.000 secs)."
    waited = "NO [CANNOT] Invalid mailbox name (0.001 + 0.000 + 0.004 secs)."  # Dovecot waited for a lock
    assert refusal_kind(quick) == refusal_kind(waited)
    assert refusal_kind("NO [CANNOT] 3 mails") == refusal_kind("NO [CANNOT] 12 mails")
    assert refusal_kind(quick) != refusal_kind("NO [OVERQUOTA] Quota exceeded (0.001 + 0.000 secs).")
