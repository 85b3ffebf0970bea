"""receiptctl reprocess: extraction runs again on stored (redacted) lines; rewards stay single."""
from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess

from receiptd import config as configuration
from conftest import REPO, query, send, wait_done
from ingest.reprocess import reprocess
from parse.extract import extract_receipt
from parse.types import OcrLine
from store.records import lines_json
from test_analytics import Fixture
from test_panel import ALICE, TODAY, invite, pdf_mail, receipt_lines, total_of


def test_reprocess_restores_fields_and_never_pays_twice(daemon_factory, tmp_path):
    database = tmp_path / "receiptd.db"
    invite(database, ALICE)
    daemon = daemon_factory(panel={"enabled": True})
    for n in range(10):
        send(daemon.port, pdf_mail(ALICE, receipt_lines(n)), mail_from=ALICE)
    wait_done(database, count=10)
    assert query(database, "SELECT count(*) FROM rewards") == [(1,)]
    daemon.terminate()
    # an older release read receipt 3 badly: no total, so it was rejected as unreadable
    bad = query(database, "SELECT id FROM receipts ORDER BY id")[3][0]
    conn = sqlite3.connect(str(database))
    with conn:
        conn.execute("UPDATE receipts SET total = NULL, merchant = 'C0RNER', status = 'rejected', "
                     "reason = 'unreadable' WHERE id = ?", [bad])
        conn.execute("DELETE FROM line_items WHERE receipt_id = ?", [bad])
    conn.close()

    since = (TODAY - dt.timedelta(days=1)).isoformat()
    outputs = []
    for _ in range(2):
        run = subprocess.run([str(REPO / ".venv" / "bin" / "receiptctl"), "--config", str(daemon.config_path),
                              "reprocess", "--since", since, "--no-progress"], capture_output=True, text=True,
                             timeout=300)
        assert run.returncode == 0, run.stderr
        outputs.append(run.stdout.strip())
    assert outputs == ["10 receipts reprocessed, 1 changed, 0 new rewards",
                       "10 receipts reprocessed, 0 changed, 0 new rewards"]
    assert query(database, "SELECT total, merchant, status, reason FROM receipts WHERE id = ?", (bad,)) == [
        (total_of(3), "CORNER MARKET", "accepted", None)]
    assert query(database, "SELECT count(*) FROM line_items WHERE receipt_id = ?", (bad,)) == [(3,)]
    assert query(database, "SELECT count(*) FROM rewards") == [(1,)]


def test_reprocess_fills_the_printed_name_and_brand_of_receipts_stored_before(tmp_path):
    lines = [OcrLine(text) for text in ("ALDI SÜD", "Musterstr. 1", "12345 Berlin", "SUMME EUR 5,00",
                                        "Datum 01.02.24")]
    fx = Fixture(tmp_path / "receiptd.db")
    old = fx.receipt(None, "ALDI SÜD", "2024-02-01", None, 500, currency="EUR")  # merchant_raw, brand NULL
    fx.db.execute("INSERT INTO receipt_lines (receipt_id, lines) VALUES (?, ?)", [old, lines_json(lines)])
    expected = extract_receipt(lines)
    assert expected.merchant_raw  # the printed line, with or without a brand found for it
    config = configuration.from_dict({"panel": {"enabled": False}})
    assert reprocess(fx.db, config, [old]).changed == 1
    assert fx.rows("SELECT merchant, merchant_raw, brand_wikidata FROM receipts WHERE id = ?", [old]) == [
        {"merchant": expected.merchant, "merchant_raw": expected.merchant_raw,
         "brand_wikidata": expected.brand_wikidata}]
    assert reprocess(fx.db, config, [old]).changed == 0
    fx.db.close()
