"""Analyst views, pseudonyms, full-text search, brand matching and the k-suppressed brand report,
on small fixture databases built with the project's real migrations."""
from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from receiptd import config as configuration
from conftest import write_config
from store import analyst_brands, analytics, pseudonyms, search_index
from store.db import open_db
from store.migrations import migrations

STAMP = "2026-06-30T12:00:00+00:00"


class Fixture:
    """Writes panelists, mails, receipts and line items the way the daemon's tables hold them."""

    def __init__(self, path: Path, stop_before: str | None = None):
        self.path = path
        self.db = open_db(path)
        migrations.apply(self.db, stop_before=stop_before)
        self._message = 0

    def panelist(self, address: str) -> int:
        cur = self.db.execute(
            "INSERT INTO panelists (address, status, created_at, updated_at) VALUES (?, 'active', ?, ?)",
            [address, STAMP, STAMP])
        return cur.lastrowid

    def receipt(self, panelist_id: int | None, merchant: str, date: str, time: str | None, total: int,
                currency: str = "USD", category: str | None = "grocery", items=(), status: str = "accepted",
                sender: str | None = None) -> int:
        self._message += 1
        queue_id = self.db.execute(
            """INSERT INTO messages (message_id, sha256, source, sender, received_at, size, status, outcome)
               VALUES (?, ?, 'smtp', ?, ?, 100, 'done', 'processed')""",
            [f"<{self._message}@fixture>", f"{self._message:064x}", sender, STAMP]).lastrowid
        receipt_id = self.db.execute(
            """INSERT INTO receipts (message_id, position, sender, merchant, purchase_date, purchase_time, currency,
                                     total, subtotal, tax, category, status, created_at, panelist_id, panel_month)
               VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [queue_id, sender, merchant, date, time, currency, total, total, 0, category, status, STAMP,
             panelist_id, date[:7]]).lastrowid
        for position, (description, amount) in enumerate(items):
            self.db.execute(
                """INSERT INTO line_items (receipt_id, position, description, quantity, unit_price, amount)
                   VALUES (?, ?, ?, 1, ?, ?)""", [receipt_id, position, description, amount, amount])
        return receipt_id

    def rows(self, sql: str, params=()) -> list[dict]:
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


@pytest.fixture
def fx(tmp_path):
    fixture = Fixture(tmp_path / "receiptd.db")
    yield fixture
    fixture.db.close()


def small_panel(fx: Fixture) -> dict:
    """Three panelists, five receipts (one rejected), in two months, two currencies."""
    ann = fx.panelist("ann@example.org")
    bob = fx.panelist("bob@example.org")
    cat = fx.panelist("cat@example.org")
    ids = {
        "r1": fx.receipt(ann, "Sun Market", "2026-06-06", "10:15", 1234, items=[("COCA-COLA 1.5L", 299),
                                                                                   ("Bananas", 135), ("MILK  2L", 800)],
                         sender="ann@example.org"),   # a Saturday
        "r2": fx.receipt(bob, "Sun Market", "2026-06-07", "18:40", 2000, items=[("Coke Zero 6pk", 599),
                                                                                   ("milk 2l", 790)],
                         sender="bob@example.org"),   # a Sunday
        "r3": fx.receipt(cat, "Corner Pharmacy", "2026-06-07", "18:05", 550, category="pharmacy",
                         items=[("Colgate Total", 550)], sender="cat@example.org"),
        "r4": fx.receipt(ann, "Tokyo Mart", "2026-07-01", "09:00", 500, currency="JPY", items=[("PEPSI", 500)],
                         sender="ann@example.org"),
        "rejected": fx.receipt(bob, "Amazon", "2026-06-08", "12:00", 9999, status="rejected",
                               sender="bob@example.org"),
    }
    return {"panelists": {"ann": ann, "bob": bob, "cat": cat}, **ids}


# -- schema ------------------------------------------------------------------------------------


def test_analyst_migrations_come_after_the_table_migrations(fx):
    names = [m.name for m in migrations.applied(fx.db)]
    first = names.index("0100_analyst_tables")
    assert names[first:first + 5] == ["0100_analyst_tables", "0101_analyst_search", "0102_analyst_indexes",
                                      "0103_analyst_views", "0104_accepted_line_items"]
    assert all(not n.startswith("01") for n in names[:first])
    views = {row[0] for row in fx.db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert set(analytics.VIEWS) <= views


def test_0104_drops_items_of_rejected_receipts_and_copies_month_and_currency(tmp_path):
    fx = Fixture(tmp_path / "old.db", stop_before="0104_accepted_line_items")
    db = fx.db
    kept = fx.receipt(None, "Sun Market", "2026-06-06", "10:15", 100, currency="EUR", items=[("Milk", 100)])
    fx.receipt(None, "Amazon", "2026-06-08", "12:00", 200, status="rejected", items=[("Pepsi", 200)])
    assert db.execute("SELECT count(*) FROM line_items").fetchone() == (2,)  # possible before 0104
    migrations.apply(db)
    assert fx.rows("SELECT receipt_id, month, currency, item FROM line_items") == [
        {"receipt_id": kept, "month": "2026-06", "currency": "EUR", "item": "milk"}]
    assert fx.rows("SELECT merchant, month, amount, currency FROM v_items") == [
        {"merchant": "Sun Market", "month": "2026-06", "amount": 1.0, "currency": "EUR"}]
    assert db.execute("SELECT count(*) FROM line_items_fts WHERE line_items_fts MATCH 'pepsi'").fetchone() == (0,)
    db.close()


def test_a_plain_sqlite3_connection_can_query_every_view(fx):
    small_panel(fx)
    conn = sqlite3.connect(fx.path)  # no Python function registered: stored pseudonyms, plain SQL
    try:
        for view in analytics.VIEWS:
            assert conn.execute(f"SELECT count(*) FROM {view}").fetchone()[0] > 0, view
    finally:
        conn.close()


# -- the views ---------------------------------------------------------------------------------


def test_v_receipts_decimal_amounts_local_date_time_category_and_pseudonym(fx):
    ids = small_panel(fx)
    fx.receipt(ids["panelists"]["cat"], "Souk", "2026-06-09", None, 1234, currency="KWD", category=None)
    rows = {r["receipt_id"]: r for r in fx.rows("SELECT * FROM v_receipts")}
    assert ids["rejected"] not in rows  # accepted receipts only
    r1 = rows[ids["r1"]]
    assert r1["total"] == 12.34 and r1["currency"] == "USD"
    assert (r1["purchase_date"], r1["purchase_time"], r1["month"]) == ("2026-06-06", "10:15", "2026-06")
    assert (r1["weekday"], r1["weekday_name"], r1["hour"]) == (6, "Sat", 10)
    assert r1["category"] == "grocery" and r1["items"] == 3
    assert rows[ids["r4"]]["total"] == 500 and rows[ids["r4"]]["weekday_name"] == "Wed"  # JPY: no minor unit
    souk = next(r for r in rows.values() if r["merchant"] == "Souk")
    assert souk["total"] == 1.234 and souk["hour"] is None  # KWD: three decimals
    pseudonym = fx.db.execute("SELECT pseudonym FROM analyst_pseudonyms WHERE panelist_id = ?",
                              [ids["panelists"]["ann"]]).fetchone()[0]
    assert r1["panelist"] == pseudonym and rows[ids["r4"]]["panelist"] == pseudonym
    assert r1["panelist"] != rows[ids["r2"]]["panelist"]


def test_v_spend_by_month_category(fx):
    small_panel(fx)
    rows = fx.rows("SELECT * FROM v_spend_by_month_category ORDER BY month, category, currency")
    assert rows == [
        {"month": "2026-06", "category": "grocery", "currency": "USD", "receipts": 2, "panelists": 2,
         "spend": 32.34, "avg_basket": 16.17},
        {"month": "2026-06", "category": "pharmacy", "currency": "USD", "receipts": 1, "panelists": 1,
         "spend": 5.5, "avg_basket": 5.5},
        {"month": "2026-07", "category": "grocery", "currency": "JPY", "receipts": 1, "panelists": 1,
         "spend": 500, "avg_basket": 500},
    ]


def test_v_spend_by_merchant(fx):
    small_panel(fx)
    rows = {(r["merchant"], r["currency"]): r for r in fx.rows("SELECT * FROM v_spend_by_merchant")}
    assert set(rows) == {("Sun Market", "USD"), ("Corner Pharmacy", "USD"), ("Tokyo Mart", "JPY")}  # no Amazon
    sun = rows[("Sun Market", "USD")]
    assert (sun["receipts"], sun["panelists"], sun["spend"], sun["avg_basket"]) == (2, 2, 32.34, 16.17)
    assert (sun["first_date"], sun["last_date"]) == ("2026-06-06", "2026-06-07")


def test_v_shopping_hours_hour_by_weekday(fx):
    ids = small_panel(fx)
    fx.receipt(ids["panelists"]["ann"], "Sun Market", "2026-06-14", "18:59", 100)  # another Sunday, 18h
    fx.receipt(ids["panelists"]["ann"], "Sun Market", "2026-06-14", None, 100)  # no time: not counted
    rows = fx.rows("SELECT weekday, weekday_name, hour, receipts, panelists FROM v_shopping_hours "
                   "ORDER BY weekday, hour")
    assert rows == [
        {"weekday": 0, "weekday_name": "Sun", "hour": 18, "receipts": 3, "panelists": 3},
        {"weekday": 3, "weekday_name": "Wed", "hour": 9, "receipts": 1, "panelists": 1},
        {"weekday": 6, "weekday_name": "Sat", "hour": 10, "receipts": 1, "panelists": 1},
    ]


def test_v_items_normalizes_item_names(fx):
    ids = small_panel(fx)
    fx.receipt(ids["panelists"]["cat"], "Bakery", "2026-06-10", "08:00", 300,
               items=[("CHOC. BAR", 150), ("  Choc-Bar*  ", 150)])
    rows = fx.rows("SELECT description, item, amount, currency, month, merchant FROM v_items ORDER BY item_id")
    items = {r["description"]: r["item"] for r in rows}
    assert items["COCA-COLA 1.5L"] == "coca cola 1.5l"
    assert items["MILK  2L"] == items["milk 2l"] == "milk 2l"
    assert items["CHOC. BAR"] == items["  Choc-Bar*  "] == "choc bar"
    milk = fx.rows("SELECT item, count(*) AS n, sum(amount) AS spend FROM v_items WHERE item = 'milk 2l' GROUP BY item")
    assert milk == [{"item": "milk 2l", "n": 2, "spend": 15.9}]
    assert next(r for r in rows if r["description"] == "PEPSI")["amount"] == 500  # JPY


def test_v_items_lists_every_column_for_accepted_receipts_only(fx):
    ids = small_panel(fx)
    columns = [row[1] for row in fx.db.execute("PRAGMA table_info(v_items)")]
    assert columns == ["item_id", "receipt_id", "panelist", "merchant", "category", "purchase_date", "month", "position",
                       "description", "item", "quantity", "unit_price", "amount", "currency"]
    pseudonym = fx.db.execute("SELECT pseudonym FROM analyst_pseudonyms WHERE panelist_id = ?",
                              [ids["panelists"]["ann"]]).fetchone()[0]
    bananas = fx.rows("SELECT * FROM v_items WHERE description = 'Bananas'")
    assert bananas == [{"item_id": bananas[0]["item_id"], "receipt_id": ids["r1"], "panelist": pseudonym,
                        "merchant": "Sun Market", "category": "grocery", "purchase_date": "2026-06-06",
                        "month": "2026-06", "position": 1, "description": "Bananas", "item": "bananas",
                        "quantity": 1.0, "unit_price": 1.35, "amount": 1.35, "currency": "USD"}]
    assert fx.db.execute("SELECT count(*) FROM v_items").fetchone() == (7,)
    assert fx.db.execute("SELECT count(*) FROM v_items WHERE receipt_id = ?", [ids["rejected"]]).fetchone() == (0,)


def test_line_items_belong_to_accepted_receipts_only(fx):
    ids = small_panel(fx)
    with pytest.raises(sqlite3.IntegrityError, match="line items belong to accepted receipts only"):
        fx.db.execute("INSERT INTO line_items (receipt_id, position, description, amount) VALUES (?, 0, 'X', 1)",
                      [ids["rejected"]])
    with pytest.raises(sqlite3.IntegrityError, match="accepted receipts only"):
        fx.db.execute("UPDATE line_items SET receipt_id = ? WHERE receipt_id = ?", [ids["rejected"], ids["r2"]])
    # rejecting a receipt (reprocess) deletes its items: from line_items, v_items, search and brands
    fx.db.execute("UPDATE receipts SET status = 'rejected' WHERE id = ?", [ids["r1"]])
    assert fx.db.execute("SELECT count(*) FROM line_items WHERE receipt_id = ?", [ids["r1"]]).fetchone() == (0,)
    assert fx.db.execute("SELECT count(*) FROM v_items WHERE receipt_id = ?", [ids["r1"]]).fetchone() == (0,)
    assert fx.db.execute("SELECT count(*) FROM line_items_fts WHERE line_items_fts MATCH 'bananas'").fetchone() == (0,)
    assert fx.db.execute("SELECT count(*) FROM v_brand_mentions WHERE receipt_id = ?", [ids["r1"]]).fetchone() == (0,)
    assert fx.db.execute("SELECT count(*) FROM v_items").fetchone() == (4,)
    # other updates of a receipt keep its items
    fx.db.execute("UPDATE receipts SET status = 'accepted', merchant = 'Sun' WHERE id = ?", [ids["r2"]])
    assert fx.db.execute("SELECT count(*) FROM v_items WHERE receipt_id = ?", [ids["r2"]]).fetchone() == (2,)


def test_v_items_follows_the_receipts_date_and_currency(fx):
    ids = small_panel(fx)
    fx.db.execute("UPDATE receipts SET purchase_date = '2026-08-02' WHERE id = ?", [ids["r2"]])
    months = fx.rows("SELECT month, count(*) AS n, sum(amount) AS spend FROM v_items WHERE item = 'milk 2l' "
                     "GROUP BY month ORDER BY month")
    assert months == [{"month": "2026-06", "n": 1, "spend": 8.0}, {"month": "2026-08", "n": 1, "spend": 7.9}]
    assert {r["purchase_date"] for r in fx.rows("SELECT purchase_date FROM v_items WHERE receipt_id = ?",
                                                [ids["r2"]])} == {"2026-08-02"}
    fx.db.execute("UPDATE receipts SET currency = 'KWD' WHERE id = ?", [ids["r3"]])
    assert fx.rows("SELECT amount, currency FROM v_items WHERE receipt_id = ?", [ids["r3"]]) == [
        {"amount": 0.55, "currency": "KWD"}]
    # moving an item to another receipt takes that receipt's month and currency
    item = fx.db.execute("SELECT id FROM line_items WHERE receipt_id = ?", [ids["r3"]]).fetchone()[0]
    fx.db.execute("UPDATE line_items SET receipt_id = ? WHERE id = ?", [ids["r4"], item])
    assert fx.rows("SELECT month, currency, merchant FROM v_items WHERE item_id = ?", [item]) == [
        {"month": "2026-07", "currency": "JPY", "merchant": "Tokyo Mart"}]


def test_v_brand_mentions_matches_the_configured_brands(fx, tmp_path):
    ids = small_panel(fx)
    fx.receipt(ids["panelists"]["bob"], "Corner", "2026-06-11", "11:00", 400,
               items=[("COCACOLA CAN", 100), ("cola generic", 100), ("PEPSICO CRISPS", 100), ("Pepsi Max", 100)])
    brands = fx.rows("SELECT brand, description FROM v_brand_mentions ORDER BY item_id")
    coke = sorted(r["description"] for r in brands if r["brand"] == "Coca-Cola")
    assert coke == ["COCA-COLA 1.5L", "COCACOLA CAN", "Coke Zero 6pk"]  # whole words: not "cola generic"
    assert sorted(r["description"] for r in brands if r["brand"] == "Pepsi") == ["PEPSI", "Pepsi Max"]
    assert [r["brand"] for r in brands if r["description"] == "Colgate Total"] == ["Colgate"]

    # another list, from the config and a brands file
    brands_file = tmp_path / "brands.txt"
    brands_file.write_text("# our clients\nBananaCo = Bananas\n\n")
    settings = configuration.from_dict({"analytics": {"brands": ["Milk"], "brands_file": str(brands_file)}}).analytics
    analytics.sync(fx.db, settings)
    found = {(r["brand"], r["description"]) for r in fx.rows("SELECT brand, description FROM v_brand_mentions")}
    assert found == {("Milk", "MILK  2L"), ("Milk", "milk 2l"), ("BananaCo", "Bananas")}


def test_brand_queries_cover_spellings():
    assert analyst_brands.brand_query(["Coca-Cola", "Coke"]) == '"coca cola" OR "cocacola" OR "coke"'
    assert analyst_brands.brand_query(["Kellogg's"]) == '"kellogg s" OR "kelloggs"'
    assert analyst_brands.brand_query(['Say "hi"']) == '"say hi" OR "sayhi"'
    assert analyst_brands.parse_brand("Coca-Cola = Coke | Coca Cola") == ("Coca-Cola", ["Coca-Cola", "Coke", "Coca Cola"])
    with pytest.raises(configuration.ConfigError, match="analytics.brands"):
        configuration.from_dict({"analytics": {"brands": ["= nameless"]}})


# -- no addresses, no panelist row ids -----------------------------------------------------------


def test_no_view_exposes_an_address_or_a_panelist_row_id(fx):
    ids = small_panel(fx)
    panelist_ids = {str(i) for i in ids["panelists"].values()}
    for view in analytics.VIEWS:
        columns = [row[1] for row in fx.db.execute(f"PRAGMA table_info({view})")]
        assert not {"sender", "address", "panelist_id", "envelope_from", "message_id"} & set(columns), view
        for row in fx.rows(f"SELECT * FROM {view}"):
            for value in row.values():
                assert "@" not in str(value), (view, row)
            if "panelist" in row and row["panelist"] is not None:
                assert row["panelist"] not in panelist_ids and row["panelist"].startswith("p"), row


def test_pseudonyms_random_by_default_keyed_with_a_salt(fx, tmp_path):
    ids = small_panel(fx)
    ann = ids["panelists"]["ann"]
    random_one = fx.db.execute("SELECT pseudonym FROM analyst_pseudonyms WHERE panelist_id = ?", [ann]).fetchone()[0]
    assert len(random_one) == 17 and int(random_one[1:], 16) >= 0

    # the panel's own code path creates panelists: the trigger gives them a pseudonym too
    from store.panel import invite

    row, _ = invite(fx.db, "new@example.org")
    assert fx.db.execute("SELECT count(*) FROM analyst_pseudonyms WHERE panelist_id = ?", [row["id"]]).fetchone()[0] == 1

    salted = configuration.from_dict({"analytics": {"pseudonym_salt": "s3cret"}}).analytics
    analytics.sync(fx.db, salted)
    keyed = fx.db.execute("SELECT pseudonym FROM analyst_pseudonyms WHERE panelist_id = ?", [ann]).fetchone()[0]
    assert keyed == pseudonyms.keyed_pseudonym("s3cret", "ann@example.org") != random_one
    # the same address in another database with the same salt: the same pseudonym
    other = Fixture(tmp_path / "other.db")
    other.panelist("bob@example.org")
    other_ann = other.panelist("Ann@Example.org ")
    analytics.sync(other.db, salted)
    assert other.db.execute("SELECT pseudonym FROM analyst_pseudonyms WHERE panelist_id = ?",
                            [other_ann]).fetchone()[0] == keyed
    other.db.close()
    # a panelist who left (address erased) keeps the pseudonym; syncing again changes nothing
    fx.db.execute("UPDATE panelists SET address = NULL, status = 'left' WHERE id = ?", [ann])
    analytics.sync(fx.db, salted)
    assert fx.db.execute("SELECT pseudonym FROM analyst_pseudonyms WHERE panelist_id = ?", [ann]).fetchone()[0] == keyed


# -- full-text search --------------------------------------------------------------------------


def _shadow_bytes(db, *tables: str) -> bytes:
    out = b""
    for table in tables:
        for name, in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?",
                                [f"{table}_%"]):
            for row in db.execute(f"SELECT * FROM [{name}]"):
                out += b"".join(v if isinstance(v, bytes) else str(v).encode() for v in row if v is not None)
    return out


def test_search_index_follows_inserts_updates_and_deletes(fx):
    ids = small_panel(fx)
    secret = fx.receipt(ids["panelists"]["bob"], "Zanzibarcafe", "2026-06-12", "09:30", 700,
                        items=[("Quokkaberry jam", 400), ("Bananas", 300)])
    match = lambda table, q: [r[0] for r in fx.db.execute(  # noqa: E731
        f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [q])]
    assert len(match("line_items_fts", "quokkaberry")) == 1
    assert match("receipts_fts", "zanzibarcafe") == [secret]
    assert len(match("line_items_fts", "bananas")) == 2
    fx.db.execute("UPDATE receipts SET merchant = 'Sun Market' WHERE id = ?", [ids["r3"]])
    assert match("receipts_fts", "pharmacy") == [] and len(match("receipts_fts", "sun")) == 3

    fx.db.execute("DELETE FROM receipts WHERE id = ?", [secret])  # items go by ON DELETE CASCADE
    assert match("line_items_fts", "quokkaberry") == [] and match("receipts_fts", "zanzibarcafe") == []
    assert len(match("line_items_fts", "bananas")) == 1
    assert search_index.purge_search_index(fx.db) is True
    shadow = _shadow_bytes(fx.db, "line_items_fts", "receipts_fts").lower()
    assert b"quokkaberry" not in shadow and b"zanzibarcafe" not in shadow and b"pharmacy" not in shadow
    assert b"bananas" in shadow  # the index is still there, with the remaining rows
    assert fx.db.execute("INSERT INTO line_items_fts (line_items_fts) VALUES ('integrity-check')").rowcount is not None
    assert search_index.purge_search_index(fx.db) is False  # nothing deleted since


def test_deleted_panelist_data_leaves_no_trace_in_the_search_index(fx):
    ids = small_panel(fx)
    from store.panel import erase_panelist, get_panelist_by_id

    fx.receipt(ids["panelists"]["cat"], "Xylophonia Store", "2026-06-13", "10:00", 100, items=[("Wumpus Tea", 100)])
    erase_panelist(fx.db, get_panelist_by_id(fx.db, ids["panelists"]["cat"]))
    search_index.purge_search_index(fx.db)
    shadow = _shadow_bytes(fx.db, "line_items_fts", "receipts_fts").lower()
    assert b"wumpus" not in shadow and b"xylophonia" not in shadow and b"colgate" not in shadow
    assert fx.db.execute("SELECT count(*) FROM v_items WHERE description LIKE '%wumpus%'").fetchone() == (0,)


# -- the brand report and its k threshold ------------------------------------------------------


def _brand_panel(fx: Fixture) -> None:
    """Brand Nine is bought by 9 panelists, Brand Ten by 10 (one of them twice), in June 2026."""
    people = [fx.panelist(f"p{i}@example.org") for i in range(12)]
    for i in range(10):
        fx.receipt(people[i], "Sun Market", "2026-06-15", "12:00", 500, items=[("BRANDTEN soup", 250)])
    fx.receipt(people[0], "Sun Market", "2026-06-16", "12:00", 500, items=[("brandten soup", 250)])
    for i in range(2, 11):
        fx.receipt(people[i], "Sun Market", "2026-06-17", "12:00", 500, items=[("BrandNine crisps", 199)])
    fx.receipt(people[11], "Sun Market", "2026-07-01", "12:00", 500, items=[("BrandNine crisps", 199)])  # July
    fx.receipt(None, "Sun Market", "2026-06-18", "12:00", 500, items=[("BrandNine crisps", 199)])  # no panelist


def test_brand_report_suppresses_cells_below_k(fx):
    _brand_panel(fx)
    settings = configuration.from_dict({"analytics": {"brands": ["Brand Ten = BrandTen", "BrandNine"]}}).analytics
    analytics.sync(fx.db, settings)
    from receiptd.analytics_cli import brand_report

    rows, suppressed = brand_report(fx.db, "2026-06", k=10)
    assert [r["brand"] for r in rows] == ["Brand Ten"] and suppressed == 1  # BrandNine: 9 panelists
    ten = rows[0]
    assert (ten["panelists"], ten["receipts"], ten["items"], str(ten["spend"])) == (10, 11, 11, "27.50")
    rows, suppressed = brand_report(fx.db, "2026-06", k=9)
    assert {r["brand"]: r["panelists"] for r in rows} == {"Brand Ten": 10, "BrandNine": 9} and suppressed == 0


def test_receiptctl_report_brands_writes_csv_and_png(fx, tmp_path):
    _brand_panel(fx)
    fx.db.close()
    config = write_config(tmp_path / "config.toml", {
        "store": {"database": str(fx.path)},
        "analytics": {"brands": ["Brand Ten = BrandTen", "BrandNine"]},  # k_threshold: the default, 10
    })
    out = tmp_path / "out"
    result = CliRunner().invoke(__import__("receiptd.cli", fromlist=["main"]).main,
                                ["--config", str(config), "report", "brands", "--month", "2026-06", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 brand rows (1 suppressed: fewer than 10 panelists)" in result.output
    with open(out / "brands-2026-06.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows == [{"month": "2026-06", "brand": "Brand Ten", "currency": "USD", "panelists": "10", "receipts": "11",
                     "items": "11", "spend": "27.50"}]
    assert "BrandNine" not in (out / "brands-2026-06.csv").read_text()
    assert (out / "brands-2026-06.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    fx.db = open_db(fx.path)  # for the fixture's teardown

    bad = CliRunner().invoke(__import__("receiptd.cli", fromlist=["main"]).main,
                             ["--config", str(config), "report", "brands", "--month", "June", "--out", str(out)])
    assert bad.exit_code != 0 and "YYYY-MM" in bad.output


def test_serve_refuses_a_non_loopback_host(tmp_path):
    config = write_config(tmp_path / "config.toml", {"store": {"database": str(tmp_path / "r.db")}})
    result = CliRunner().invoke(__import__("receiptd.cli", fromlist=["main"]).main,
                                ["--config", str(config), "serve", "--host", "0.0.0.0"])
    assert result.exit_code != 0 and "not a loopback address" in result.output


def test_stored_brand_matches_follow_updates_and_deletes_and_agree_with_a_rebuild(fx):
    ids = small_panel(fx)
    ann, bob = ids["panelists"]["ann"], ids["panelists"]["bob"]
    mentions = lambda: sorted(fx.db.execute(  # noqa: E731
        "SELECT brand, item_id, receipt_id, month, currency, amount, panelist_id FROM analyst_brand_items").fetchall())
    r = fx.receipt(bob, "Corner", "2026-06-20", "10:00", 900,
                   items=[("Red-Bull 250ml", 300), ("DR.PEPPER", 300), ("Pepsi / Heinz combo", 300)])
    found = {(b, d) for b, d in fx.db.execute("SELECT brand, description FROM v_brand_mentions WHERE receipt_id = ?", [r])}
    assert found == {("Red Bull", "Red-Bull 250ml"), ("Pepsi", "Pepsi / Heinz combo"), ("Heinz", "Pepsi / Heinz combo")}
    item = fx.db.execute("SELECT id FROM line_items WHERE receipt_id = ? AND position = 1", [r]).fetchone()[0]
    fx.db.execute("UPDATE line_items SET description = 'Nutella 400g', amount = 450 WHERE id = ?", [item])
    assert fx.db.execute("SELECT brand, amount FROM analyst_brand_items WHERE item_id = ?", [item]).fetchall() == \
        [("Nutella", 450)]
    assert fx.db.execute("SELECT item FROM line_items WHERE id = ?", [item]).fetchone() == ("nutella 400g",)
    # a receipt that is reprocessed and rejected (its items go), then accepted again with new ones
    fx.db.execute("UPDATE receipts SET status = 'rejected' WHERE id = ?", [ids["r1"]])
    fx.db.execute("DELETE FROM line_items WHERE receipt_id = ?", [ids["r1"]])
    assert fx.db.execute("SELECT count(*) FROM analyst_brand_items WHERE receipt_id = ?", [ids["r1"]]).fetchone() == (0,)
    fx.db.execute("UPDATE receipts SET status = 'accepted', panelist_id = ? WHERE id = ?", [bob, ids["r1"]])
    fx.db.execute("INSERT INTO line_items (receipt_id, position, description, amount) VALUES (?, 0, 'OREO', 100)",
                  [ids["r1"]])
    assert fx.db.execute("SELECT brand, panelist_id FROM analyst_brand_items WHERE receipt_id = ?",
                         [ids["r1"]]).fetchall() == [("Oreo", bob)]
    fx.db.execute("UPDATE receipts SET panelist_id = ? WHERE id = ?", [ann, ids["r1"]])
    assert fx.db.execute("SELECT panelist_id FROM analyst_brand_items WHERE receipt_id = ?",
                         [ids["r1"]]).fetchall() == [(ann,)]
    fx.db.execute("DELETE FROM receipts WHERE id = ?", [r])
    assert fx.db.execute("SELECT count(*) FROM analyst_brand_items WHERE receipt_id = ?", [r]).fetchone() == (0,)
    kept = mentions()
    assert kept
    analyst_brands.rebuild_brand_items(fx.db)
    assert mentions() == kept
