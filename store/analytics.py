"""The SQLite file as a research product: analyst views, full-text search, pseudonyms, brands.

Registered as named migrations on ``store.migrations.migrations`` (imported at the end of that
module, so they run after every table migration). A plain ``sqlite3 var/receiptd.db`` user can
query everything here: nothing needs a Python function at query time.

- ``v_receipts``, ``v_spend_by_month_category``, ``v_spend_by_merchant``, ``v_shopping_hours``,
  ``v_items``, ``v_brand_mentions``: accepted receipts only, decimal amounts, the receipt's own
  (local) date and time, and a panelist pseudonym; never an address or a panelist row id.
- ``analyst_pseudonyms``: one pseudonym per panelist, written by a trigger when the panelist row
  is created (random, ``p`` + 16 hex digits); with ``[analytics] pseudonym_salt`` set,
  :func:`sync` replaces it by ``p`` + HMAC-SHA256(salt, address)[:16], stable across databases.
- ``line_items_fts`` / ``receipts_fts``: FTS5 over item descriptions and merchant names,
  kept in step by triggers (a cascade delete of a receipt's items fires them too). FTS5 keeps
  deleted tokens in old index segments until they are merged: :func:`purge_search_index`
  merges them away (call it after deleting receipts); see its docstring.
- ``line_items.item``: the normalized item name, stored by a trigger (grouping and indexes);
  ``line_items.month`` / ``currency``: copies of its receipt's, kept by triggers. Line items
  exist for accepted receipts only (a trigger refuses others; rejecting a receipt deletes them),
  so ``v_items`` reads line_items alone.
- ``analyst_brands`` / ``analyst_brand_terms``: the brand list (config) as FTS5 queries and as
  phrases; ``analyst_brand_items`` holds every (line item, brand) match, kept by triggers and
  rebuilt by :func:`sync` when the list changes; ``v_brand_mentions`` reads it.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .migrations import _execute_script, migrations
from .records import _MINOR_DIGITS

# -- SQL building blocks -----------------------------------------------------------------------


def _digits_sql(currency: str) -> str:
    """Number of decimals of ``currency``'s minor unit, as an SQL expression."""
    cases = " ".join(f"WHEN '{code}' THEN {digits}" for code, digits in sorted(_MINOR_DIGITS.items()) if digits != 2)
    return f"(CASE upper({currency}) {cases} ELSE 2 END)"


def decimal_sql(value: str, currency: str) -> str:
    """An integer minor-unit amount as a decimal number (12.34 for 1234 cents)."""
    digits = _digits_sql(currency)
    return f"round({value} * 1.0 / (CASE {digits} WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), {digits})"


def _normalized_item_sql(column: str) -> str:
    """Item name for grouping: lower case, punctuation as spaces, single spaces, trimmed.

    A full stop counts only before a space or at the end ("CHOC. BAR" -> "choc bar", "1.5L" stays)."""
    expr = f"replace(lower({column}) || ' ', '. ', ' ')"
    for char in (",", "*", "#", "-", "/", "_", "+", '"', "'", "(", ")", ":", ";", "!"):
        expr = f"replace({expr}, '{char.replace(chr(39), chr(39) * 2)}', ' ')"
    for _ in range(3):
        expr = f"replace({expr}, '  ', ' ')"
    return f"trim({expr})"


def _brand_text_sql(item: str) -> str:
    """The normalized item with every full stop a space too, padded: brand phrases are looked up
    in it as ' word word ' (whole words)."""
    return f"(' ' || replace({item}, '.', ' ') || ' ')"


MONTH = "substr(purchase_date, 1, 7)"
WEEKDAY = "CAST(strftime('%w', purchase_date) AS INTEGER)"      # 0 = Sunday (indexable: no 'now')
HOUR = "CAST(substr(purchase_time, 1, 2) AS INTEGER)"
ITEM = _normalized_item_sql("description")


def _match_brands_sql(where: str) -> str:
    """INSERT the brand matches of the line items selected by ``where`` (alias li) into
    analyst_brand_items: a brand phrase found as whole words in the item (case and punctuation
    ignored), accepted receipts only."""
    return f"""INSERT OR IGNORE INTO analyst_brand_items (item_id, brand, receipt_id, month, currency, amount, panelist_id)
    SELECT li.id, t.brand, r.id, substr(r.purchase_date, 1, 7), r.currency, li.amount, r.panelist_id
    FROM line_items li JOIN receipts r ON r.id = li.receipt_id JOIN analyst_brand_terms t
    WHERE {where} AND r.status = 'accepted' AND instr({_brand_text_sql("li.item")}, ' ' || t.phrase || ' ') > 0"""


def _q(expr: str, alias: str) -> str:
    """Qualify the bare column names of an expression with a table alias."""
    return re.sub(r"\b(purchase_date|purchase_time|description)\b", rf"{alias}.\1", expr)


def receipt_of_item_sql(receipt_id: str) -> str:
    """(month, currency) of the receipt ``receipt_id``, as a row value: what line items copy."""
    return f"(SELECT {_q(MONTH, 'r')}, r.currency FROM receipts r WHERE r.id = {receipt_id})"


# Index expressions must be spelled exactly as the views spell them (qualified with r./li.); the
# columns they read are repeated at the end so that SQLite 3.40 sees the index as covering.
_INDEXES = f"""
CREATE INDEX receipts_analyst_month ON receipts (status, {MONTH}, category, currency, total, panelist_id, purchase_date);
CREATE INDEX receipts_analyst_merchant ON receipts (status, merchant, currency, total, panelist_id, purchase_date);
CREATE INDEX receipts_analyst_hours ON receipts (status, {WEEKDAY}, {HOUR}, panelist_id, purchase_date, purchase_time);
-- the normalized item name, stored (kept by the triggers below): SQLite 3.40 recomputes indexed
-- expressions row by row, a stored column is read from a covering index
ALTER TABLE line_items ADD COLUMN item TEXT;
UPDATE line_items SET item = {ITEM};

-- brand matches, stored: one row per (line item, brand), kept by triggers (v_brand_mentions)
CREATE TRIGGER line_items_analyst_ai AFTER INSERT ON line_items BEGIN
    UPDATE line_items SET item = {_q(ITEM, "new")} WHERE id = new.id;
    {_match_brands_sql("li.id = new.id")};
END;
CREATE TRIGGER line_items_analyst_au AFTER UPDATE OF description, amount, receipt_id ON line_items BEGIN
    UPDATE line_items SET item = {_q(ITEM, "new")} WHERE id = new.id;
    DELETE FROM analyst_brand_items WHERE item_id = old.id;
    {_match_brands_sql("li.id = new.id")};
END;
CREATE TRIGGER line_items_analyst_ad AFTER DELETE ON line_items BEGIN
    DELETE FROM analyst_brand_items WHERE item_id = old.id;
END;
CREATE TRIGGER receipts_analyst_au AFTER UPDATE OF status, purchase_date, currency, panelist_id ON receipts BEGIN
    DELETE FROM analyst_brand_items WHERE receipt_id = old.id;
    {_match_brands_sql("li.receipt_id = new.id")};
END;
CREATE TRIGGER receipts_analyst_ad AFTER DELETE ON receipts BEGIN
    DELETE FROM analyst_brand_items WHERE receipt_id = old.id;
END;
CREATE INDEX line_items_analyst_receipt ON line_items (receipt_id, item, amount);
CREATE INDEX line_items_analyst_item ON line_items (item, receipt_id, amount);
"""


def _accepted_items_sql() -> str:
    """Migration 0104: the line item triggers of 0102 redone, with the receipt's month and currency."""
    refuse = "SELECT RAISE(ABORT, 'line items belong to accepted receipts only')"
    not_accepted = "(SELECT status FROM receipts WHERE id = new.receipt_id) IS NOT 'accepted'"
    fill = (f"UPDATE line_items SET item = {_q(ITEM, 'new')}, "
            f"(month, currency) = {receipt_of_item_sql('new.receipt_id')} WHERE id = new.id")
    return f"""
-- line items exist for accepted receipts only (records.replace_line_items writes none for others)
DELETE FROM line_items WHERE receipt_id NOT IN (SELECT id FROM receipts WHERE status = 'accepted');
CREATE TRIGGER line_items_accepted_bi BEFORE INSERT ON line_items WHEN {not_accepted} BEGIN
    {refuse};
END;
CREATE TRIGGER line_items_accepted_bu BEFORE UPDATE OF receipt_id ON line_items WHEN {not_accepted} BEGIN
    {refuse};
END;
CREATE TRIGGER receipts_items_status AFTER UPDATE OF status ON receipts WHEN new.status IS NOT 'accepted' BEGIN
    DELETE FROM line_items WHERE receipt_id = new.id;
END;

-- the receipt's month and currency, copied onto its line items: v_items filters and groups on
-- them without reading receipts
ALTER TABLE line_items ADD COLUMN month TEXT;       -- YYYY-MM of the receipt's purchase date
ALTER TABLE line_items ADD COLUMN currency TEXT;
UPDATE line_items SET (month, currency) = {receipt_of_item_sql('line_items.receipt_id')};
DROP TRIGGER line_items_analyst_ai;
DROP TRIGGER line_items_analyst_au;
CREATE TRIGGER line_items_analyst_ai AFTER INSERT ON line_items BEGIN
    {fill};
    {_match_brands_sql("li.id = new.id")};
END;
CREATE TRIGGER line_items_analyst_au AFTER UPDATE OF description, amount, receipt_id ON line_items BEGIN
    {fill};
    DELETE FROM analyst_brand_items WHERE item_id = old.id;
    {_match_brands_sql("li.id = new.id")};
END;
CREATE TRIGGER receipts_items_au AFTER UPDATE OF purchase_date, currency ON receipts
WHEN new.purchase_date IS NOT old.purchase_date OR new.currency IS NOT old.currency BEGIN
    UPDATE line_items SET (month, currency) = ({_q(MONTH, 'new')}, new.currency) WHERE receipt_id = new.id;
END;
-- covering v_items by month and by item (receipt lookups use line_items_receipt)
DROP INDEX line_items_analyst_receipt;
DROP INDEX line_items_analyst_item;
CREATE INDEX line_items_analyst_month ON line_items (month, item, currency, amount);
CREATE INDEX line_items_analyst_item_month ON line_items (item, month, currency, amount);
"""


def _views_sql() -> str:
    month, weekday, hour = _q(MONTH, "r"), _q(WEEKDAY, "r"), _q(HOUR, "r")
    dec = lambda col: decimal_sql(col, "r.currency")  # noqa: E731
    item_dec = lambda col: decimal_sql(col, "li.currency")  # noqa: E731
    receipt = lambda col: f"(SELECT {col} FROM receipts r WHERE r.id = li.receipt_id)"  # noqa: E731
    return f"""
-- one row per accepted receipt; the date and time are the shop's, as printed; merchant is the
-- canonical brand where the brand directory knows it, merchant_raw the name as printed
CREATE VIEW v_receipts AS
SELECT r.id AS receipt_id,
       (SELECT pseudonym FROM analyst_pseudonyms p WHERE p.panelist_id = r.panelist_id) AS panelist,
       r.merchant, r.merchant_raw, r.brand_wikidata, r.category,
       r.purchase_date, r.purchase_time,
       {month} AS month,
       {weekday} AS weekday,
       CASE {weekday} WHEN 0 THEN 'Sun' WHEN 1 THEN 'Mon' WHEN 2 THEN 'Tue' WHEN 3 THEN 'Wed'
            WHEN 4 THEN 'Thu' WHEN 5 THEN 'Fri' WHEN 6 THEN 'Sat' END AS weekday_name,
       {hour} AS hour,
       r.currency,
       {dec('r.total')} AS total,
       {dec('r.subtotal')} AS subtotal,
       {dec('r.tax')} AS tax,
       {dec('r.tip')} AS tip,
       (SELECT count(*) FROM line_items li WHERE li.receipt_id = r.id) AS items,
       r.panel_month
FROM receipts r
WHERE r.status = 'accepted';

CREATE VIEW v_spend_by_month_category AS
SELECT {month} AS month,
       r.category,
       r.currency,
       count(*) AS receipts,
       count(DISTINCT r.panelist_id) AS panelists,
       {dec('sum(r.total)')} AS spend,
       {dec('avg(r.total)')} AS avg_basket
FROM receipts r
WHERE r.status = 'accepted'
GROUP BY {month}, r.category, r.currency;

CREATE VIEW v_spend_by_merchant AS
SELECT r.merchant,
       r.currency,
       count(*) AS receipts,
       count(DISTINCT r.panelist_id) AS panelists,
       {dec('sum(r.total)')} AS spend,
       {dec('avg(r.total)')} AS avg_basket,
       min(r.purchase_date) AS first_date,
       max(r.purchase_date) AS last_date
FROM receipts r
WHERE r.status = 'accepted'
GROUP BY r.merchant, r.currency;

-- receipts by hour of day x weekday (0 = Sunday), from the time printed on the receipt
CREATE VIEW v_shopping_hours AS
SELECT {weekday} AS weekday,
       CASE {weekday} WHEN 0 THEN 'Sun' WHEN 1 THEN 'Mon' WHEN 2 THEN 'Tue' WHEN 3 THEN 'Wed'
            WHEN 4 THEN 'Thu' WHEN 5 THEN 'Fri' WHEN 6 THEN 'Sat' END AS weekday_name,
       {hour} AS hour,
       count(*) AS receipts,
       count(DISTINCT r.panelist_id) AS panelists
FROM receipts r
WHERE r.status = 'accepted' AND {weekday} IS NOT NULL AND {hour} IS NOT NULL
GROUP BY {weekday}, {hour};

-- one row per line item of an accepted receipt (triggers keep line items for those only): read
-- from line_items alone, the receipt's columns through scalar subqueries, evaluated only when asked for
CREATE VIEW v_items AS
SELECT li.id AS item_id,
       li.receipt_id,
       (SELECT p.pseudonym FROM receipts r JOIN analyst_pseudonyms p ON p.panelist_id = r.panelist_id
        WHERE r.id = li.receipt_id) AS panelist,
       {receipt('merchant')} AS merchant,
       {receipt('category')} AS category,
       {receipt('purchase_date')} AS purchase_date,
       li.month,
       li.position,
       li.description,
       li.item,
       li.quantity,
       {item_dec('li.unit_price')} AS unit_price,
       {item_dec('li.amount')} AS amount,
       li.currency
FROM line_items li;

-- item descriptions naming a brand of the configured list (whole words, case and punctuation
-- ignored); read from analyst_brand_items, the item and receipt columns only when asked for
CREATE VIEW v_brand_mentions AS
SELECT bi.brand,
       bi.item_id,
       bi.receipt_id,
       (SELECT pseudonym FROM analyst_pseudonyms p WHERE p.panelist_id = bi.panelist_id) AS panelist,
       bi.month,
       bi.currency,
       {decimal_sql('bi.amount', 'bi.currency')} AS amount,
       (SELECT description FROM line_items li WHERE li.id = bi.item_id) AS description,
       (SELECT quantity FROM line_items li WHERE li.id = bi.item_id) AS quantity,
       (SELECT merchant FROM receipts r WHERE r.id = bi.receipt_id) AS merchant,
       (SELECT category FROM receipts r WHERE r.id = bi.receipt_id) AS category,
       (SELECT purchase_date FROM receipts r WHERE r.id = bi.receipt_id) AS purchase_date
FROM analyst_brand_items bi;
"""


VIEWS = ("v_receipts", "v_spend_by_month_category", "v_spend_by_merchant", "v_shopping_hours", "v_items",
         "v_brand_mentions")

_SEARCH = """
CREATE VIRTUAL TABLE line_items_fts USING fts5 (description, content='line_items', content_rowid='id');
CREATE VIRTUAL TABLE receipts_fts USING fts5 (merchant, content='receipts', content_rowid='id');
INSERT INTO line_items_fts (line_items_fts) VALUES ('rebuild');
INSERT INTO receipts_fts (receipts_fts) VALUES ('rebuild');

CREATE TRIGGER line_items_fts_ai AFTER INSERT ON line_items BEGIN
    INSERT INTO line_items_fts (rowid, description) VALUES (new.id, new.description);
END;
CREATE TRIGGER line_items_fts_ad AFTER DELETE ON line_items BEGIN
    INSERT INTO line_items_fts (line_items_fts, rowid, description) VALUES ('delete', old.id, old.description);
    INSERT OR REPLACE INTO analyst_state (key, value) VALUES ('search_index_dirty', '1');
END;
CREATE TRIGGER line_items_fts_au AFTER UPDATE OF description ON line_items BEGIN
    INSERT INTO line_items_fts (line_items_fts, rowid, description) VALUES ('delete', old.id, old.description);
    INSERT INTO line_items_fts (rowid, description) VALUES (new.id, new.description);
    INSERT OR REPLACE INTO analyst_state (key, value) VALUES ('search_index_dirty', '1');
END;
CREATE TRIGGER receipts_fts_ai AFTER INSERT ON receipts BEGIN
    INSERT INTO receipts_fts (rowid, merchant) VALUES (new.id, new.merchant);
END;
CREATE TRIGGER receipts_fts_ad AFTER DELETE ON receipts BEGIN
    INSERT INTO receipts_fts (receipts_fts, rowid, merchant) VALUES ('delete', old.id, old.merchant);
    INSERT OR REPLACE INTO analyst_state (key, value) VALUES ('search_index_dirty', '1');
END;
CREATE TRIGGER receipts_fts_au AFTER UPDATE OF merchant ON receipts BEGIN
    INSERT INTO receipts_fts (receipts_fts, rowid, merchant) VALUES ('delete', old.id, old.merchant);
    INSERT INTO receipts_fts (rowid, merchant) VALUES (new.id, new.merchant);
    INSERT OR REPLACE INTO analyst_state (key, value) VALUES ('search_index_dirty', '1');
END;
"""

_TABLES = """
-- one pseudonym per panelist: what analysts see instead of the address or the row id
CREATE TABLE analyst_pseudonyms (
    panelist_id INTEGER PRIMARY KEY REFERENCES panelists(id) ON DELETE CASCADE,
    pseudonym TEXT NOT NULL,
    keyed TEXT                    -- NULL: random; else a fingerprint of the salt it was derived with
);
INSERT INTO analyst_pseudonyms (panelist_id, pseudonym) SELECT id, 'p' || lower(hex(randomblob(8))) FROM panelists;
CREATE TRIGGER panelists_pseudonym AFTER INSERT ON panelists BEGIN
    INSERT OR IGNORE INTO analyst_pseudonyms (panelist_id, pseudonym) VALUES (new.id, 'p' || lower(hex(randomblob(8))));
END;

-- the configured brand list; query is an FTS5 expression over line_items_fts (search)
CREATE TABLE analyst_brands (
    brand TEXT PRIMARY KEY,
    query TEXT NOT NULL
);
-- the phrases a brand is matched with: lower-case words separated by single spaces
CREATE TABLE analyst_brand_terms (
    brand TEXT NOT NULL,
    phrase TEXT NOT NULL,
    PRIMARY KEY (brand, phrase)
) WITHOUT ROWID;
-- line items naming a brand (kept by triggers on line_items and receipts; rebuilt when the list
-- changes); the receipt's month, currency and panelist are copied so that aggregates need no join
CREATE TABLE analyst_brand_items (
    item_id INTEGER NOT NULL,     -- line_items.id
    brand TEXT NOT NULL,
    receipt_id INTEGER NOT NULL,
    month TEXT,                   -- YYYY-MM of the purchase date
    currency TEXT,
    amount INTEGER,               -- minor units
    panelist_id INTEGER,
    PRIMARY KEY (item_id, brand)
) WITHOUT ROWID;
CREATE INDEX analyst_brand_items_month ON analyst_brand_items (month, brand, currency, panelist_id, amount);
CREATE INDEX analyst_brand_items_brand ON analyst_brand_items (brand, currency, panelist_id, amount, month);
CREATE INDEX analyst_brand_items_receipt ON analyst_brand_items (receipt_id);

-- small flags kept by triggers (search_index_dirty: rows were deleted since the last purge)
CREATE TABLE analyst_state (
    key TEXT PRIMARY KEY,
    value TEXT
);
"""


@migrations(name="0100_analyst_tables")
def analyst_tables(db) -> None:
    _execute_script(db, _TABLES)
    from receiptd.config import AnalyticsConfig

    _write_brands(db, brand_terms(AnalyticsConfig().brands))


@migrations(name="0101_analyst_search")
def analyst_search(db) -> None:
    _execute_script(db, _SEARCH)


@migrations(name="0102_analyst_indexes")
def analyst_indexes(db) -> None:
    _execute_script(db, _INDEXES)
    rebuild_brand_items(db)


@migrations(name="0103_analyst_views")
def analyst_views(db) -> None:
    create_views(db)


@migrations(name="0104_accepted_line_items")
def accepted_line_items(db) -> None:
    """Line items of accepted receipts only, with their receipt's month and currency: v_items
    reads line_items alone (counting 4.7 M joined rows took 2.4 s)."""
    db.execute("DROP VIEW v_items")  # on a fresh file 0103 made it with the columns added here
    _execute_script(db, _accepted_items_sql())
    create_views(db)


@migrations(name="0105_receipt_brand_views")
def receipt_brand_views(db) -> None:
    """v_receipts with merchant_raw and brand_wikidata (0007_receipt_brand) beside merchant."""
    create_views(db)  # on a fresh file 0103 made them so already: 0007 runs before the 01xx migrations


def create_views(db) -> None:
    """(Re)create the analyst views; a later migration that changes a table they read calls this."""
    for name in VIEWS:
        db.execute(f"DROP VIEW IF EXISTS {name}")
    _execute_script(db, _views_sql())


# -- brands ------------------------------------------------------------------------------------


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def brand_phrases(names: Iterable[str]) -> list[str]:
    """Each name as lower-case words, with and without its punctuation and accents
    ("Coca-Cola" -> "coca cola", "cocacola"; "Kellogg's" -> "kellogg s", "kelloggs")."""
    phrases: list[str] = []
    for name in names:
        folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        for text in (name, folded):
            words = re.findall(r"[^\W_]+", text.lower())
            for variant in (" ".join(words), "".join(words)):
                if variant and variant not in phrases:
                    phrases.append(variant)
    return phrases


def brand_query(names: Iterable[str]) -> str:
    """FTS5 query matching any of ``names`` as a whole-word phrase (for search; a superset of
    what the stored matching counts, which :func:`rebuild_brand_items` relies on)."""
    return " OR ".join(_phrase(p) for p in brand_phrases(names))


def parse_brand(entry: str) -> tuple[str, list[str]]:
    """``"Brand"`` or ``"Brand = alias | alias"`` -> (brand, [brand, aliases...])."""
    name, _, aliases = entry.partition("=")
    name = name.strip()
    return name, [name] + [a.strip() for a in aliases.split("|") if a.strip()]


def read_brands_file(path: str | Path) -> list[str]:
    """One entry per line as in ``[analytics] brands``; blank lines and ``#`` comments ignored."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def brand_terms(entries: Iterable[str]) -> dict[str, list[str]]:
    """brand -> phrases, for the configured entries (a repeated brand adds its aliases)."""
    terms: dict[str, list[str]] = {}
    for entry in entries:
        name, names = parse_brand(entry)
        phrases = brand_phrases(names)
        if name and phrases:
            terms.setdefault(name, [])
            terms[name] += [p for p in phrases if p not in terms[name]]
    return terms


def _write_brands(db, terms: dict[str, list[str]]) -> None:
    db.execute("DELETE FROM analyst_brands")
    db.execute("DELETE FROM analyst_brand_terms")
    for brand, phrases in terms.items():
        db.execute("INSERT INTO analyst_brands (brand, query) VALUES (?, ?)",
                   [brand, " OR ".join(_phrase(p) for p in phrases)])
        for phrase in phrases:
            db.execute("INSERT INTO analyst_brand_terms (brand, phrase) VALUES (?, ?)", [brand, phrase])


def rebuild_brand_items(db) -> None:
    """Recompute analyst_brand_items for the current brand list: full-text candidates, then the
    same whole-word test the triggers apply (so both agree)."""
    db.execute("DELETE FROM analyst_brand_items")
    db.execute(f"""
        INSERT OR IGNORE INTO analyst_brand_items (item_id, brand, receipt_id, month, currency, amount, panelist_id)
        SELECT li.id, b.brand, r.id, substr(r.purchase_date, 1, 7), r.currency, li.amount, r.panelist_id
        FROM analyst_brands b
        JOIN line_items_fts ON line_items_fts MATCH b.query
        JOIN line_items li ON li.id = line_items_fts.rowid
        JOIN receipts r ON r.id = li.receipt_id
        WHERE r.status = 'accepted' AND EXISTS (
            SELECT 1 FROM analyst_brand_terms t
            WHERE t.brand = b.brand AND instr({_brand_text_sql("li.item")}, ' ' || t.phrase || ' ') > 0)""")


def configured_brands(analytics) -> list[str]:
    entries = list(analytics.brands)
    if analytics.brands_file:
        entries += read_brands_file(analytics.brands_file)
    return entries


# -- pseudonyms --------------------------------------------------------------------------------


def salt_fingerprint(salt: str) -> str:
    return hashlib.sha256(b"receiptd-pseudonym-salt\0" + salt.encode()).hexdigest()[:12]


def keyed_pseudonym(salt: str, address: str) -> str:
    return "p" + hmac.new(salt.encode(), address.strip().lower().encode(), hashlib.sha256).hexdigest()[:16]


def assign_pseudonym(db, panelist_id: int, address: str | None, salt: str) -> str:
    """The pseudonym of one panelist, (re)derived from the salt when one is configured.

    The panel code may call this right after creating a panelist; without the call the row gets
    a random pseudonym from the trigger, re-keyed by the next :func:`sync`.
    """
    if salt and address:
        pseudonym = keyed_pseudonym(salt, address)
        db.execute(
            """INSERT INTO analyst_pseudonyms (panelist_id, pseudonym, keyed) VALUES (?, ?, ?)
               ON CONFLICT (panelist_id) DO UPDATE SET pseudonym = excluded.pseudonym, keyed = excluded.keyed""",
            [panelist_id, pseudonym, salt_fingerprint(salt)],
        )
        return pseudonym
    db.execute("INSERT OR IGNORE INTO analyst_pseudonyms (panelist_id, pseudonym) VALUES (?, 'p' || lower(hex(randomblob(8))))",
               [panelist_id])
    return db.execute("SELECT pseudonym FROM analyst_pseudonyms WHERE panelist_id = ?", [panelist_id]).fetchone()[0]


def sync_pseudonyms(db, salt: str) -> int:
    """Give every panelist a pseudonym; with a salt, key those not keyed with it yet (and whose
    address is still known: a panelist who left keeps the pseudonym they had). Returns rows changed."""
    changed = db.execute(
        "INSERT OR IGNORE INTO analyst_pseudonyms (panelist_id, pseudonym) "
        "SELECT id, 'p' || lower(hex(randomblob(8))) FROM panelists").rowcount
    if not salt:
        return changed
    fingerprint = salt_fingerprint(salt)
    rows = db.execute(
        """SELECT p.id, p.address FROM panelists p JOIN analyst_pseudonyms a ON a.panelist_id = p.id
           WHERE p.address IS NOT NULL AND (a.keyed IS NULL OR a.keyed != ?)""",
        [fingerprint],
    ).fetchall()
    for panelist_id, address in rows:
        assign_pseudonym(db, panelist_id, address, salt)
    return changed + len(rows)


# -- keeping it in step ------------------------------------------------------------------------


def sync(db, analytics) -> None:
    """Bring the brand list and the pseudonyms in line with ``[analytics]`` (one transaction).

    Run by ``receiptctl report`` and ``receiptctl serve``; the daemon may run it at start-up.
    """
    from .db import immediate

    terms = brand_terms(configured_brands(analytics))
    with immediate(db):
        current: dict[str, list[str]] = {}
        for brand, phrase in db.execute("SELECT brand, phrase FROM analyst_brand_terms ORDER BY brand, phrase"):
            current.setdefault(brand, []).append(phrase)
        if current != {brand: sorted(phrases) for brand, phrases in terms.items()}:
            _write_brands(db, terms)
            rebuild_brand_items(db)
        sync_pseudonyms(db, analytics.pseudonym_salt)


def purge_search_index(db, *, force: bool = False) -> bool:
    """Merge the FTS5 indexes so that deleted rows leave no token behind in their shadow tables.

    FTS5 records a deletion as a marker in a new index segment; the deleted row's tokens stay in
    older segments (``*_fts_data``) until those are merged. ``optimize`` merges everything into
    one segment, dropping them; ``secure_delete`` zeroes the pages freed by it. Runs only when a
    trigger has flagged a deletion since the last purge (or ``force``). Call it after deleting
    receipts (panel DELETE / LEAVE, retention purge); it is transactional, so inside or after
    the deleting transaction both work. Costs a rewrite of the index (see bench/RESULTS.md).
    """
    dirty = db.execute("SELECT value FROM analyst_state WHERE key = 'search_index_dirty'").fetchone()
    if not (force or (dirty and dirty[0] == "1")):
        return False
    (previous,) = db.execute("PRAGMA secure_delete").fetchone()
    db.execute("PRAGMA secure_delete = ON")
    try:
        db.execute("INSERT INTO line_items_fts (line_items_fts) VALUES ('optimize')")
        db.execute("INSERT INTO receipts_fts (receipts_fts) VALUES ('optimize')")
        db.execute("DELETE FROM analyst_state WHERE key = 'search_index_dirty'")
    finally:
        db.execute(f"PRAGMA secure_delete = {int(previous)}")
    return True
