"""The analysts' database (issue 18): a separate file with only what analysts may see, served by
``receiptctl serve``; hostile SQL against the running server finds no protected value."""
from __future__ import annotations

import contextlib
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import write_config
from store import analyst_authorizer, analyst_db
from test_analytics import STAMP, Fixture, _brand_panel, small_panel

ADDRESSES = ("ann@example.org", "bob@example.org", "cat@example.org")
RAW_MAIL = b"From: ann@example.org\r\nSubject: my receipt\r\n\r\nSECRET-RAW-MAIL-BODY-7731\r\n"
REPLY_BODY = "SECRET-REPLY-BODY-4419"
IMAGE_BYTES = b"\xff\xd8\xff\xe0SECRET-IMAGE-BYTES-0925" + bytes(range(256)) * 4
REASON = "too_old-SECRET-REASON"
PROTECTED = (*ADDRESSES, "SECRET-RAW-MAIL-BODY-7731", REPLY_BODY, "SECRET-IMAGE-BYTES-0925", "SECRET-REASON",
             "my receipt")


def operational_database(path: Path) -> Path:
    """Panelists, receipts and line items, plus spool rows, replies, images and a rejection reason."""
    fx = Fixture(path)
    small_panel(fx)
    _brand_panel(fx)
    db = fx.db
    (message_id, receipt_id) = db.execute("SELECT message_id, id FROM receipts ORDER BY id LIMIT 1").fetchone()
    db.execute("INSERT INTO spool (message_id, raw) VALUES (?, ?)", [message_id, RAW_MAIL])
    db.execute("""INSERT INTO outbound (message_id, kind, recipient, subject, body, header_message_id, status, created_at)
                  VALUES (?, 'receipts', ?, 'Your receipt', ?, '<reply-1@receiptd>', 'sent', ?)""",
               [message_id, ADDRESSES[0], REPLY_BODY, STAMP])
    db.execute("INSERT INTO receipt_images (receipt_id, media_type, image) VALUES (?, 'image/jpeg', ?)",
               [receipt_id, IMAGE_BYTES])
    db.execute("UPDATE receipts SET reason = ? WHERE status = 'rejected'", [REASON])
    db.close()
    return path


def test_the_file_holds_only_the_analysts_tables_and_no_protected_bytes(tmp_path):
    source = operational_database(tmp_path / "receiptd.db")
    built = analyst_db.build(source, tmp_path / "analytics.db")
    conn = sqlite3.connect(built.path)
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    shadow = {t for t in tables if t.startswith(("line_items_fts_", "receipts_fts_")) or t == "sqlite_stat1"}
    assert tables - shadow == set(analyst_db.ANALYST_TABLES)
    data = built.path.read_bytes()
    for value in PROTECTED:
        assert value.encode() not in data, value
    assert IMAGE_BYTES[4:40] not in data and RAW_MAIL not in data
    assert b"Sun Market" in data and built.rows["v_receipts"] > 0
    assert not list(tmp_path.glob(".analytics.db.*"))  # the temporary file was renamed into place


def test_a_refresh_replaces_the_file_and_deleted_receipts_are_gone_from_it(tmp_path):
    source = operational_database(tmp_path / "receiptd.db")
    out = tmp_path / "analytics.db"
    analyst_db.build(source, out)
    assert b"Tokyo Mart" in out.read_bytes()
    before = out.stat().st_ino
    db = sqlite3.connect(source)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("DELETE FROM receipts WHERE merchant = 'Tokyo Mart'")
    db.commit()
    db.close()
    analyst_db.build(source, out)
    assert out.stat().st_ino != before  # a new file, renamed over the old one
    assert b"Tokyo Mart" not in out.read_bytes()
    assert analyst_db.refreshed_at(out) is not None


def test_the_build_refuses_to_overwrite_the_operational_file(tmp_path):
    source = operational_database(tmp_path / "receiptd.db")
    with pytest.raises(ValueError):
        analyst_db.build(source, source)


def test_the_authorizer_is_an_allow_list(tmp_path):
    built = analyst_db.build(operational_database(tmp_path / "receiptd.db"), tmp_path / "analytics.db")
    conn = sqlite3.connect(f"file:{built.path}?immutable=1", uri=True)
    conn.set_authorizer(analyst_authorizer.analyst_authorizer)
    try:
        assert conn.execute("SELECT count(DISTINCT panelist) FROM v_receipts").fetchone() == (15,)  # 3 + the brand panel's 12
        assert conn.execute("SELECT count(*) FROM line_items_fts WHERE line_items_fts MATCH 'milk'").fetchone()[0] > 0
        for sql in ("WITH c AS (SELECT sql FROM sqlite_stmt) SELECT * FROM c",
                    f"ATTACH DATABASE '{tmp_path / 'receiptd.db'}' AS op",
                    "SELECT * FROM pragma_database_list",
                    "PRAGMA journal_mode = WAL"):
            with pytest.raises(sqlite3.DatabaseError):
                conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_receiptctl_analytics_db_writes_the_file(tmp_path):
    source = operational_database(tmp_path / "receiptd.db")
    config = write_config(tmp_path / "config.toml", {"store": {"database": str(source)}})
    out = tmp_path / "share" / "panel.db"
    result = CliRunner().invoke(__import__("receiptd.cli", fromlist=["main"]).main,
                                ["--config", str(config), "analytics-db", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{out}: v_receipts " in result.output
    with contextlib.closing(sqlite3.connect(out)) as conn:
        assert conn.execute("SELECT count(*) FROM v_receipts").fetchone()[0] > 0
    # without --out: [analytics] database, by default analytics.db beside the operational file
    result = CliRunner().invoke(__import__("receiptd.cli", fromlist=["main"]).main,
                                ["--config", str(config), "analytics-db"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "analytics.db").exists()


# -- receiptctl serve, attacked --------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_serve(config: Path):
    """``receiptctl serve`` as a subprocess on a free loopback port; yields its base URL."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "receiptd.cli", "--config", str(config), "serve", "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"receiptctl serve did not come up:\n{proc.communicate()[0].decode(errors='replace')}")
            time.sleep(0.2)  # polling a port that is not bound yet: nothing to wait on
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def served(tmp_path):
    source = operational_database(tmp_path / "receiptd.db")
    config = write_config(tmp_path / "config.toml", {"store": {"database": str(source)}})
    with running_serve(config) as base:
        yield base, source, config


HOSTILE_SQL = (
    "WITH c AS (SELECT id, address FROM panelists) SELECT * FROM c",
    "WITH c AS (SELECT r.id, p.address FROM receipts r JOIN panelists p ON p.id = r.panelist_id) SELECT * FROM c",
    "WITH c AS (SELECT raw FROM spool) SELECT cast(raw AS text) FROM c",
    "WITH c AS (SELECT recipient, body FROM outbound) SELECT * FROM c",
    "WITH c AS (SELECT hex(image) FROM receipt_images) SELECT * FROM c",
    "WITH c AS (SELECT a.pseudonym, p.address FROM analyst_pseudonyms a JOIN panelists p ON p.id = a.panelist_id) "
    "SELECT * FROM c",
    "WITH RECURSIVE c(x) AS (SELECT address FROM panelists UNION SELECT x FROM c) SELECT * FROM c",
    "SELECT (SELECT group_concat(address) FROM panelists) AS a",
    "SELECT * FROM (SELECT address FROM panelists)",
    "WITH v_x AS (SELECT address FROM panelists) SELECT * FROM v_x",
    "WITH v_receipts AS (SELECT address AS merchant FROM panelists) SELECT * FROM v_receipts",
    "SELECT sql FROM sqlite_stmt",
    "SELECT reason FROM receipts",
    "SELECT * FROM sqlite_master",
    "ATTACH DATABASE 'receiptd.db' AS op",
    "SELECT * FROM pragma_database_list",
)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def test_hostile_sql_against_serve_finds_no_protected_value(served):
    base, source, _ = served
    requests = []
    for sql in HOSTILE_SQL:
        q = urllib.parse.quote(sql)
        requests += [f"{base}/receiptd.json?sql={q}", f"{base}/receiptd.csv?sql={q}", f"{base}/receiptd?sql={q}"]
    where = urllib.parse.quote("receipt_id in (with c as (select id from panelists) select id from c)")
    requests += [f"{base}/receiptd/v_receipts.json?_where={where}", f"{base}/receiptd/v_receipts?_where={where}",
                 f"{base}/receiptd/v_receipts.csv?_where={where}"]
    requests += [f"{base}/receiptd/{table}.json" for table in ("panelists", "spool", "outbound", "receipt_images",
                                                                "messages", "receipts")]
    requests += [f"{base}/receiptd.json", f"{base}/receiptd", f"{base}/-/databases.json", f"{base}/receiptd.db"]
    for url in requests:
        status, body = _get(url)
        for value in PROTECTED:
            assert value not in body, (url, value)
        assert str(source) not in body, url  # not even the operational file's path
    # the analysts' surface still answers
    status, body = _get(f"{base}/receiptd.json?sql={urllib.parse.quote('select count(*) as n from v_receipts')}"
                        "&_shape=array")
    assert status == 200 and json.loads(body)[0]["n"] > 0
    status, body = _get(f"{base}/receiptd/v_receipts.json?_shape=array&_size=max")
    assert status == 200 and "Sun Market" in body
    (database,) = json.loads(_get(f"{base}/-/databases.json")[1])
    assert database["is_mutable"] is False and database["path"].endswith("analytics.db")


def test_serve_reads_a_refreshed_file_without_a_restart(served):
    base, source, config = served
    sql = urllib.parse.quote("select count(*) as n from v_receipts where merchant = 'Tokyo Mart'")
    url = f"{base}/receiptd.json?sql={sql}&_shape=array"
    assert json.loads(_get(url)[1])[0]["n"] > 0
    with contextlib.closing(sqlite3.connect(source)) as db:
        db.execute("DELETE FROM receipts WHERE merchant = 'Tokyo Mart'")
        db.commit()
    result = CliRunner().invoke(__import__("receiptd.cli", fromlist=["main"]).main,
                                ["--config", str(config), "analytics-db"])
    assert result.exit_code == 0, result.output
    for _ in range(8):  # every thread of Datasette's pool: each reopens on the new file
        assert json.loads(_get(url)[1])[0]["n"] == 0


def test_the_daemon_writes_the_analysts_file_at_start_up(daemon_factory, tmp_path):
    from conftest import wait_until

    daemon = daemon_factory()
    out = tmp_path / "analytics.db"  # [analytics] database unset: beside the operational file
    wait_until(lambda: "analysts' database refreshed" in daemon.log, timeout=60, message="the first refresh")
    with contextlib.closing(sqlite3.connect(f"file:{out}?mode=ro", uri=True)) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(analyst_db.ANALYST_TABLES) <= tables and "panelists" not in tables
