"""The panel's rules without a daemon: eligibility, commands, robots, duplicates, the ledger,
retention and the reply texts, on real SQLite files."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from receiptd import config
from conftest import zone_far_from_a_month_boundary
from panel import replies, rewards
from panel.commands import Command, automated, find_command, parse_command
from panel.eligibility import Rules, amazon_brands, dedupe_key, judge
from panel.retention import months_before, purge_if_due
from panel.rewards import settle
from parse.brands import directory
from parse.types import LineItem, Receipt
from store import panel as store
from store.db import immediate, open_db

UTC = dt.timezone.utc
RECEIVED = dt.datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
RULES = Rules.from_config(config.Config().panel)


def receipt(merchant="CORNER MARKET", days_ago=1, total="8.37", items=(), category="grocery", **kw) -> Receipt:
    return Receipt(merchant=merchant, date=RECEIVED.date() - dt.timedelta(days=days_ago), time=dt.time(10, 22),
                   currency="USD", total=Decimal(total) if total else None, category=category,
                   items=tuple(LineItem(text) for text in items), **kw)


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "receiptd.db", migrate=True)
    yield db
    db.close()


# -- eligibility -------------------------------------------------------------------------------

@pytest.mark.parametrize("merchant", ["AMAZON.COM", "Amazon Go", "amazon fresh #1234", "WHOLE FOODS MARKET",
                                      "Amazon 4-star", "AMZN Mktp US"])
def test_amazon_and_its_stores(merchant):
    assert judge(receipt(merchant), RECEIVED, RULES) == ("rejected", "amazon_merchant")


@pytest.mark.parametrize("merchant", ["AMAZING GRACE CAFE", "WHOLESOME FOODS", "Corner Market"])
def test_not_amazon(merchant):
    assert judge(receipt(merchant), RECEIVED, RULES) == ("accepted", None)


def brand_id(name: str) -> str:
    [brand] = {b for b in directory().brands if b.name == name}
    return brand.wikidata


def test_the_brand_decides_amazon_whatever_was_printed():
    whole_foods = brand_id("Whole Foods Market")
    assert whole_foods in amazon_brands()
    printed = "WFM DOMAIN NORTHSIDE"  # a store's own name, none of [panel] amazon_merchants
    assert judge(receipt(printed), RECEIVED, RULES) == ("accepted", None)
    assert judge(receipt(printed, brand_wikidata=whole_foods), RECEIVED, RULES) == ("rejected", "amazon_merchant")


@pytest.mark.parametrize("name", ["Aldi Süd", "Walgreens"])
def test_a_brand_amazon_does_not_own_is_not_amazon(name):
    assert judge(receipt(name, brand_wikidata=brand_id(name)), RECEIVED, RULES) == ("accepted", None)


@pytest.mark.parametrize(("merchant", "items"), [
    ("LUCKY STAR CASINO", ()), ("FRONTIER GUN SHOP", ()), ("CITY TRANSIT AUTHORITY", ()),
    ("CORNER MARKET", ("AMMUNITION 9MM",)), ("STATE UNIVERSITY", ("TUITION FEE SPRING",)),
    ("OAK APARTMENTS", ("MONTHLY RENT",)), ("METRO", ("BUS FARE",)),
])
def test_excluded_categories(merchant, items):
    assert judge(receipt(merchant, items=items), RECEIVED, RULES) == ("rejected", "excluded_category")


@pytest.mark.parametrize("items", [("CURRENT BUNS",), ("SUBWAY FOOTLONG",), ("POTATO CHIPS",), ("WELFARE BAG",)])
def test_ordinary_items_are_not_excluded(items):
    assert judge(receipt(items=items), RECEIVED, RULES) == ("accepted", None)


def test_an_extracted_category_in_the_list_is_excluded():
    rules = Rules.from_config(config.from_dict({"panel": {"excluded_categories": ["Tobacco"]}}).panel)
    assert judge(receipt(category="tobacco"), RECEIVED, rules) == ("rejected", "excluded_category")
    assert judge(receipt(merchant="CASINO ROYALE"), RECEIVED, rules) == ("accepted", None)


def test_dates_relative_to_the_day_the_mail_arrived():
    assert judge(receipt(days_ago=30), RECEIVED, RULES) == ("accepted", None)
    assert judge(receipt(days_ago=31), RECEIVED, RULES) == ("rejected", "too_old")
    assert judge(receipt(days_ago=0), RECEIVED, RULES) == ("accepted", None)
    assert judge(receipt(days_ago=-1), RECEIVED, RULES) == ("rejected", "future_date")


def test_the_panel_time_zone_decides_the_day_and_the_month():
    rules = Rules.from_config(config.from_dict({"panel": {"timezone": "Pacific/Auckland"}}).panel)
    late = dt.datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 1 December in Auckland
    assert (rules.month(late), RULES.month(late)) == ("2026-12", "2026-11")
    dec1 = Receipt(merchant="SHOP", date=dt.date(2026, 12, 1), total=Decimal("1.00"))
    assert judge(dec1, late, rules) == ("accepted", None)
    assert judge(dec1, late, RULES) == ("rejected", "future_date")


@pytest.mark.parametrize("start", [dt.datetime(2026, 11, 30, 23, 50, tzinfo=UTC), dt.datetime(2026, 12, 1, 0, 5, tzinfo=UTC),
                                   dt.datetime(2026, 12, 31, 12, 30, tzinfo=UTC), dt.datetime(2026, 2, 14, 9, tzinfo=UTC)])
def test_the_suites_panel_zone_keeps_a_run_started_at_any_time_in_one_month(start):
    rules = Rules.from_config(config.from_dict({"panel": {"timezone": zone_far_from_a_month_boundary(start)}}).panel)
    assert {rules.month(start + dt.timedelta(hours=h)) for h in range(12)} == {rules.month(start)}


@pytest.mark.parametrize(("missing", "reason"), [(("merchant",), "unreadable"), (("date",), "date_unreadable"),
                                                 (("total",), "unreadable"), (("date", "total"), "unreadable")])
def test_unreadable(missing, reason):
    r = receipt()
    r = Receipt(**{**{f: getattr(r, f) for f in ("merchant", "date", "total", "currency")},
                   **{field: None for field in missing}})
    assert judge(r, RECEIVED, RULES) == ("rejected", reason)


def test_a_date_unreadable_reply_says_where_receipts_print_the_date():
    reason = replies.reason_words("date_unreadable", "en", max_age_days=30)
    assert "date" in reason and "top" in reason


def test_dedupe_key_needs_all_four_fields():
    assert dedupe_key(receipt("Corner Market."), 837) == f"CORNER MARKET|{RECEIVED.date() - dt.timedelta(days=1)}|10:22|837"
    assert dedupe_key(Receipt(merchant="X", date=RECEIVED.date(), total=Decimal(1)), 100) is None


# -- commands and robots -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "command"), [
    ("STATUS", Command("status")), ("status.", Command("status")), ("  Delete 42 ", Command("delete", 42)),
    ("DELETE #7", Command("delete", 7)), ("delete all", Command("delete_all")), ("LEAVE", Command("leave")),
    ("receipt", None), ("Re: STATUS", None), ("please DELETE 4", None), ("DELETE", None), ("", None), (None, None),
])
def test_commands(text, command):
    assert parse_command(text) == command


def test_a_command_on_the_first_body_line():
    raw = b"From: a@b.org\r\nSubject: hello\r\nContent-Type: text/plain\r\n\r\n\r\n  delete 12\r\nthanks\r\n"
    assert find_command("hello", raw) == Command("delete", 12)
    assert find_command("STATUS", raw) == Command("status")  # the subject first


@pytest.mark.parametrize(("headers", "envelope", "why"), [
    ({"Auto-Submitted": "auto-replied"}, "a@b.org", "auto_submitted"),
    ({"auto-submitted": "auto-generated; type=x"}, "a@b.org", "auto_submitted"),
    ({"Auto-Submitted": "no"}, "a@b.org", None),
    ({}, "", "null_return_path"),
    ({}, None, None),  # not known (IMAP without Return-Path): judged on the headers
    ({"List-Id": "<news.shop.example>"}, "a@b.org", "mailing_list"),
    ({"Precedence": "bulk"}, "a@b.org", "precedence"),
    ({"Precedence": "junk"}, "a@b.org", "precedence"),
    ({"Content-Type": "multipart/report; report-type=delivery-status"}, "a@b.org", "delivery_report"),
    ({}, "MAILER-DAEMON@mx.example", "robot_sender"),
    ({}, "receipts@localhost", "own_address"),
    ({"Subject": "receipt"}, "a@b.org", None),
])
def test_automated_mail_is_never_answered(headers, envelope, why):
    assert automated(headers, envelope, "a@b.org", ("receipts@localhost",)) == why


# -- duplicates, rewards, deletion -------------------------------------------------------------

def add_receipt(db, *, panelist_id=None, status="accepted", phash=None, sha=None, key=None, date="2026-11-20",
                total=837, month="2026-11", sender=None):
    db.execute("INSERT OR IGNORE INTO messages (id, sha256, source, received_at, size) VALUES (1, 'x', 'smtp', '2026-11-01', 1)")
    position = db.execute("SELECT count(*) FROM receipts").fetchone()[0]
    return db.table("receipts").insert({
        "message_id": 1, "position": position, "status": status, "phash": phash, "image_sha256": sha,
        "dedupe_key": key, "purchase_date": date, "total": total, "panelist_id": panelist_id,
        "panel_month": month, "sender": sender, "created_at": "2026-11-20T10:00:00+00:00"}).last_pk


def test_duplicates_by_bytes_by_fields_and_by_perceptual_hash_with_the_same_date_and_total(db):
    original = add_receipt(db, phash="f0f0f0f0f0f0f0f0", sha="abc", key="SHOP|2026-11-20|10:22|837")
    add_receipt(db, status="rejected", phash="0000000000000000", sha="zzz", total=999)

    def dup(**kw):
        args = dict(image_sha256=None, phash=None, dedupe_key=None, purchase_date="2026-11-20", total=837,
                    max_distance=8)
        return store.find_duplicate(db, **{**args, **kw})

    assert dup(image_sha256="abc") == original
    assert dup(dedupe_key="SHOP|2026-11-20|10:22|837") == original
    assert dup(phash="f0f0f0f0f0f0f0f7") == original  # 3 bits apart: a re-encoded photo
    assert dup(phash="f0f0f0f0f0f0f0f7", total=838) is None  # a look-alike receipt of the same shop
    assert dup(phash="0f0f0f0f0f0f0f0f") is None  # far apart
    assert dup(phash="0000000000000000", total=999) is None  # only accepted receipts count
    assert dup(dedupe_key="SHOP|2026-11-20|10:23|837") is None


def test_the_reward_is_written_once_and_survives_deleted_receipts(db):
    panel_config = config.Config().panel
    with immediate(db):
        alice, _ = store.invite(db, "Alice@Example.org")
        for _ in range(9):
            add_receipt(db, panelist_id=alice["id"])
        assert settle(db, alice, "2026-11", panel_config, queue_id=None).count == 9
        tenth = add_receipt(db, panelist_id=alice["id"])
        first = settle(db, alice, "2026-11", panel_config, queue_id=1)
        again = settle(db, alice, "2026-11", panel_config, queue_id=1)  # a reprocessed mail
        assert first.new_reward and first.reward["amount"] == 1000 and not again.new_reward
        assert first.reward["receipt_id"] == tenth
        assert store.delete_all_receipts(db, alice) == 10
        for _ in range(10):
            add_receipt(db, panelist_id=alice["id"])
        assert not settle(db, alice, "2026-11", panel_config, queue_id=None).new_reward
    assert db.execute("SELECT count(*), receipt_id FROM rewards").fetchone() == (1, None)  # the 10th was deleted


def test_waitlist_once_then_admit(db):
    with immediate(db):
        assert store.waitlist(db, "New@Example.org") is True
        assert store.waitlist(db, "new@example.org") is False
        assert store.admit(db, "new@example.org")["status"] == "invited"
        assert store.admit(db, "new@example.org") is None
        assert store.waitlist(db, "not an address") is False


def test_replies_are_capped_per_address_and_day(db):
    with immediate(db):
        states = [store.record_reply(db, recipient="a@b.org", subject="s", body="b", kind="receipts",
                                     queue_id=None, panelist_id=None, in_reply_to=None, send=True,
                                     domain="localhost", max_per_day=2)[1] for _ in range(3)]
    assert states == ["pending", "pending", "suppressed"]


# -- retention ---------------------------------------------------------------------------------

def test_months_before():
    assert months_before(dt.datetime(2026, 3, 31, tzinfo=UTC), 1) == dt.datetime(2026, 2, 28, tzinfo=UTC)
    assert months_before(dt.datetime(2026, 11, 23, tzinfo=UTC), 12) == dt.datetime(2025, 11, 23, tzinfo=UTC)


def test_retention_purges_old_receipts_and_mails_once_a_day_and_keeps_rewards(db):
    now = dt.datetime(2026, 11, 23, 12, tzinfo=UTC)
    with immediate(db):
        alice, _ = store.invite(db, "alice@example.org")
        db.execute("""INSERT INTO messages (id, sha256, source, received_at, size, status, outcome)
                      VALUES (1, 'a', 'smtp', '2025-10-01T10:00:00+00:00', 1, 'done', 'processed'),
                             (2, 'b', 'smtp', '2026-11-01T10:00:00+00:00', 1, 'done', 'processed')""")
        for queue_id, created in ((1, "2025-10-01T10:00:00+00:00"), (2, "2026-11-01T10:00:00+00:00")):
            rid = db.table("receipts").insert({"message_id": queue_id, "position": 0, "status": "accepted",
                                               "created_at": created, "panelist_id": alice["id"]}).last_pk
            db.table("receipt_images").insert({"receipt_id": rid, "media_type": "image/jpeg", "image": b"x"})
        store.award(db, panelist=alice, month="2025-10", threshold=10, amount=1000, currency="USD",
                    receipt_id=1, queue_id=1)
    assert purge_if_due(db, 12, now) == {"receipts": 1, "messages": 1, "replies": 0}
    assert db.execute("SELECT message_id FROM receipts").fetchall() == [(2,)]
    assert db.execute("SELECT count(*) FROM receipt_images").fetchone() == (1,)
    assert db.execute("SELECT month, receipt_id, message_id FROM rewards").fetchall() == [("2025-10", None, None)]
    assert purge_if_due(db, 12, now + dt.timedelta(hours=23)) is None  # once a day
    assert purge_if_due(db, 12, now + dt.timedelta(hours=25)) is not None
    assert purge_if_due(db, 0, now + dt.timedelta(days=9)) is None  # 0 keeps everything


# -- reply texts and configuration -------------------------------------------------------------

def test_a_receipts_reply():
    decisions = [replies.Decision(12, "CORNER MARKET", "2026-11-20", "USD", 837, "accepted", None),
                 replies.Decision(13, "AMAZON FRESH", "2026-11-21", "USD", 1200, "rejected", "amazon_merchant")]
    progress = rewards.Progress("2026-11", 7, 10, None)
    subject, body = replies.compose("receipt", "x", [replies.receipts_section(decisions, skipped=1, max_age_days=30,
                                                                              language="en"),
                                                     replies.progress_lines(progress, "en")], "en")
    assert subject == "Re: receipt"
    assert "#12  CORNER MARKET, November 20, 2026, $8.37" in body
    assert "#13  AMAZON FRESH" in body and "(amazon_merchant)" in body
    assert "November 2026: 7 of 10 eligible receipts." in body and "DELETE <number>" in body
    assert replies.compose("Re: x", "y", [], "en")[0] == "Re: x"
    assert replies.compose(None, "y", [], "en")[0] == "Your receipts: y"


def test_the_welcome_mail_teaches_the_commands_the_daemon_obeys():
    panel = config.from_dict({"panel": {"excluded_categories": [], "max_age_days": 45}}).panel
    subject, body = replies.welcome_mail(panel, {"reward": "credit", "charity": None}, None)
    assert subject == "Welcome to the receipts panel"
    assert "to the panel's address as attachments" in body and "store Amazon owns do not." in body
    assert "dated at most 45 days" in body and "reward: a credit of $10.00." in body
    shown = [line.split("  ")[1].replace("<number>", "42") for line in body.splitlines() if line.startswith("  ")]
    assert [parse_command(word) for word in shown] == [
        Command("status"), Command("delete", 42), Command("delete_all"), Command("export"), Command("leave")]

@pytest.mark.parametrize(("data", "named"), [
    ({"panel": {"timezone": "Mars/Olympus"}}, "'panel.timezone'"),
    ({"panel": {"reward_amount": "ten"}}, "'panel.reward_amount'"),
    ({"panel": {"reward_amount": 10}}, "'panel.reward_amount'"),
    ({"panel": {"reward_receipts": 0}}, "'panel.reward_receipts'"),
    ({"panel": {"reward_currency": "DOLLARS"}}, "'panel.reward_currency'"),
    ({"outbound": {"host": "relay.example"}}, "'outbound.from'"),
    ({"outbound": {"host": "relay.example", "from": "x@y", "tls": True}}, "unknown key 'outbound.tls'"),
])
def test_bad_panel_configuration_is_refused_naming_the_key(data, named):
    with pytest.raises(config.ConfigError) as err:
        config.from_dict(data)
    assert named in str(err.value)
