"""Analyst views on a million receipts: generate a database with the project's real schema, time every view.

    .venv/bin/python bench/views_1m.py --receipts 1000000 --db var/bench-views-1m.db

The schema comes from the project's migrations applied to a fresh file (tables, FTS triggers,
analyst indexes and views). Data has a realistic spread: Zipf-distributed merchants in a dozen
categories with their own basket sizes, opening hours and weekday patterns, 24 months, 20 000
panelists of varying activity (lognormal), geometric basket sizes, brand and generic items.
Everything is inserted with executemany in one transaction; the indexes and triggers of the big
tables are dropped for the load and recreated from their stored SQL (what they maintain row by row
in production is then built in bulk). Every receipt is accepted: only those have line items.

Each view is timed three ways (best of ``--repeat`` runs, warm cache): ``SELECT * ... LIMIT 100``,
a full ``SELECT count(*)`` over it, and a typical analyst query (a GROUP BY or filter), on the
operational file (the views) and, side by side, on the analysts' file written from it
(``store.analyst_db.build``, timed: the daemon's refresh).
"""
from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store import analyst_brands, analyst_db, analytics, search_index  # noqa: E402
from store.db import open_db  # noqa: E402
from store.migrations import MIGRATIONS  # noqa: E402

# category: (share of receipts, mean basket size, peak hours, weekday weights Sun..Sat, price range cents)
CATEGORIES = {
    "grocery": (0.34, 9.0, (11, 17, 18), (1.2, 0.8, 0.8, 0.9, 1.0, 1.2, 1.6), (80, 1200)),
    "convenience": (0.10, 2.5, (8, 13, 21), (1, 1, 1, 1, 1, 1.1, 1.1), (100, 600)),
    "pharmacy": (0.07, 3.0, (10, 16), (0.6, 1, 1, 1, 1, 1, 1.1), (300, 3000)),
    "restaurant": (0.12, 3.5, (12, 19, 20), (1.1, 0.7, 0.8, 0.9, 1.0, 1.4, 1.5), (500, 3000)),
    "coffee": (0.08, 1.8, (7, 8, 9, 15), (0.8, 1.1, 1.1, 1.1, 1.1, 1.0, 0.9), (250, 700)),
    "fuel": (0.07, 1.3, (7, 17, 18), (0.8, 1, 1, 1, 1, 1.2, 1), (2500, 9000)),
    "clothing": (0.05, 2.2, (14, 16), (1.2, 0.7, 0.7, 0.8, 0.9, 1.1, 1.8), (900, 8000)),
    "electronics": (0.03, 1.4, (15, 18), (1.2, 0.8, 0.8, 0.8, 0.9, 1.1, 1.6), (1500, 40000)),
    "home": (0.06, 3.0, (11, 15), (1.5, 0.7, 0.7, 0.8, 0.9, 1.0, 1.7), (200, 6000)),
    "department_store": (0.05, 4.0, (13, 16), (1.4, 0.8, 0.8, 0.8, 0.9, 1.1, 1.6), (300, 5000)),
    "bakery": (0.03, 2.5, (7, 8, 12), (1.4, 0.9, 0.9, 0.9, 1.0, 1.2, 1.5), (150, 900)),
}
GENERIC = {
    "grocery": ["MILK 2L", "BANANAS", "WHITE BREAD", "EGGS 12PK", "CHICKEN BREAST", "BUTTER 250G", "CHEDDAR",
                "APPLES GALA", "TOMATOES", "RICE 1KG", "PASTA", "YOGURT", "ORANGE JUICE", "POTATOES 2KG", "ONIONS",
                "GROUND BEEF", "LETTUCE", "CARROTS", "COFFEE BEANS", "TOILET PAPER"],
    "convenience": ["WATER 500ML", "CHIPS", "CANDY BAR", "SANDWICH", "GUM", "ENERGY DRINK", "NEWSPAPER"],
    "pharmacy": ["IBUPROFEN", "VITAMIN C", "BANDAGES", "SHAMPOO", "TOOTHPASTE", "SUNSCREEN", "COUGH SYRUP"],
    "restaurant": ["BURGER", "FRIES", "SALAD", "PIZZA MARGHERITA", "SODA", "BEER", "PASTA CARBONARA", "DESSERT"],
    "coffee": ["LATTE", "CAPPUCCINO", "AMERICANO", "CROISSANT", "MUFFIN", "TEA"],
    "fuel": ["UNLEADED", "DIESEL", "CAR WASH", "SNACK"],
    "clothing": ["T-SHIRT", "JEANS", "SOCKS 3PK", "JACKET", "DRESS", "SNEAKERS"],
    "electronics": ["USB CABLE", "HEADPHONES", "CHARGER", "HDMI CABLE", "BATTERIES AA", "MOUSE"],
    "home": ["LIGHT BULB", "DETERGENT", "TRASH BAGS", "TOWEL", "PLANT POT", "SCREWS"],
    "department_store": ["TOWEL", "MUG", "T-SHIRT", "SHAMPOO", "BATTERIES AA", "CANDLE"],
    "bakery": ["SOURDOUGH", "BAGUETTE", "CROISSANT", "CINNAMON ROLL", "RYE BREAD"],
}
BRANDED = {
    "grocery": ["COCA-COLA 1.5L", "COKE ZERO 6PK", "PEPSI MAX 2L", "HEINZ KETCHUP", "KELLOGGS CORN FLAKES",
                "NUTELLA 400G", "NESCAFE GOLD", "BARILLA SPAGHETTI", "DORITOS NACHO", "LAYS CLASSIC",
                "PRINGLES ORIGINAL", "OREO COOKIES", "DANONE YOGURT", "TIDE PODS", "PAMPERS SIZE 4"],
    "convenience": ["COCA COLA 500ML", "RED BULL 250ML", "PEPSI 500ML", "DORITOS", "LAY'S SALTED", "OREO"],
    "pharmacy": ["COLGATE TOTAL", "GILLETTE MACH3", "DOVE SOAP", "PAMPERS WIPES"],
    "restaurant": ["COKE", "PEPSI"],
    "coffee": ["NUTELLA CREPE"],
    "fuel": ["RED BULL", "COCA-COLA 500ML", "PRINGLES"],
    "department_store": ["COLGATE 2PK", "GILLETTE FUSION", "DOVE BODY WASH"],
}
CURRENCIES = (("USD", 0.9), ("EUR", 0.06), ("GBP", 0.04))


def generate(path: Path, receipts: int, panelists: int, seed: int) -> dict:
    import datetime as dt

    import numpy as np

    rng = np.random.default_rng(seed)
    if path.exists():
        path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_db(path, migrate=True)  # the project's real schema
    db.close()
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")  # one big transaction: no WAL file of the database's size
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("BEGIN")
    # Bulk load: the indexes and FTS triggers of the three big tables are dropped and recreated
    # from their own stored SQL afterwards (same schema; sorted index builds and one FTS rebuild
    # are several times faster than row-by-row maintenance).
    deferred = conn.execute(
        """SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
           AND tbl_name IN ('messages', 'receipts', 'line_items') ORDER BY rowid""").fetchall()
    for kind, name, _ in deferred:
        conn.execute(f"DROP {kind.upper()} {name}")
    stamp = "2027-01-01T00:00:00+00:00"
    conn.executemany(
        "INSERT INTO panelists (id, address, status, reward, created_at, updated_at) VALUES (?, ?, 'active', 'credit', ?, ?)",
        ((i, f"panelist{i}@example.org", stamp, stamp) for i in range(1, panelists + 1)),
    )
    cats = list(CATEGORIES)
    shares = np.array([CATEGORIES[c][0] for c in cats])
    n_merchants = 2000
    m_cat = rng.choice(len(cats), n_merchants, p=shares / shares.sum())
    m_name = [f"{rng.choice(['SUN', 'CITY', 'GREEN', 'BEST', 'FRESH', 'MAIN ST', 'HAPPY', 'BLUE'])} "
              f"{rng.choice(['MARKET', 'STORE', 'SHOP', 'MART', 'CORNER', 'PLACE'])} #{i}" for i in range(n_merchants)]
    zipf = 1 / (np.arange(n_merchants) + 1) ** 1.07
    merchant = rng.choice(n_merchants, receipts, p=zipf / zipf.sum())
    cat = m_cat[merchant]
    activity = np.exp(rng.normal(0, 1, panelists))
    panelist = rng.choice(panelists, receipts, p=activity / activity.sum()) + 1
    first = dt.date(2025, 1, 1)
    dates = [first + dt.timedelta(days=d) for d in range(730)]
    date_str = np.array([d.isoformat() for d in dates])
    weekday = np.array([(d.weekday() + 1) % 7 for d in dates])  # 0 = Sunday
    hours = np.arange(6, 23)
    day = np.empty(receipts, dtype=np.int64)
    hour = np.empty(receipts, dtype=np.int64)
    size = np.empty(receipts, dtype=np.int64)
    for c, name in enumerate(cats):
        idx = np.nonzero(cat == c)[0]
        _, basket, peaks, wd, _ = CATEGORIES[name]
        w = np.array(wd)[weekday]
        day[idx] = rng.choice(730, len(idx), p=w / w.sum())
        hw = 1 + sum(3 * np.exp(-((hours - p) ** 2) / 2) for p in peaks)
        hour[idx] = rng.choice(hours, len(idx), p=hw / hw.sum())
        size[idx] = np.minimum(60, rng.geometric(1 / basket, len(idx)))
    minute = rng.integers(0, 60, receipts)
    currency = rng.choice(np.array([c for c, _ in CURRENCIES]), receipts, p=[w for _, w in CURRENCIES])
    # line items
    n_items = int(size.sum())
    item_receipt = np.repeat(np.arange(receipts), size)
    item_pos = np.arange(n_items) - np.repeat(np.cumsum(size) - size, size)
    item_cat = cat[item_receipt]
    desc = np.empty(n_items, dtype=object)
    unit = np.empty(n_items, dtype=np.int64)
    branded_draw = rng.random(n_items) < 0.18
    for c, name in enumerate(cats):
        idx = np.nonzero(item_cat == c)[0]
        lo, hi = CATEGORIES[name][4]
        unit[idx] = rng.integers(lo, hi + 1, len(idx))
        generic = np.array(GENERIC[name], dtype=object)
        desc[idx] = generic[rng.integers(0, len(generic), len(idx))]
        if name in BRANDED:
            b_idx = idx[branded_draw[idx]]
            branded = np.array(BRANDED[name], dtype=object)
            desc[b_idx] = branded[rng.integers(0, len(branded), len(b_idx))]
    qty = np.where(rng.random(n_items) < 0.85, 1, rng.integers(2, 5, n_items))
    amount = qty * unit
    total = np.bincount(item_receipt, weights=amount, minlength=receipts).astype(np.int64)
    rid = np.arange(1, receipts + 1)
    d_str = date_str[day]
    step = 50_000
    for lo in range(0, receipts, step):
        hi = min(receipts, lo + step)
        ds, hs, ms = d_str[lo:hi].tolist(), hour[lo:hi].tolist(), minute[lo:hi].tolist()
        ids = rid[lo:hi].tolist()
        conn.executemany(
            """INSERT INTO messages (id, message_id, sha256, source, received_at, size, status, outcome)
               VALUES (?, ?, ?, 'smtp', ?, 2000, 'done', 'processed')""",
            ((i, f"<{i}@bench>", f"{i:064x}", f"{d}T{h:02d}:40:00+00:00") for i, d, h in zip(ids, ds, hs)))
        conn.executemany(
            """INSERT INTO receipts (id, message_id, position, merchant, purchase_date, purchase_time, currency,
               total, subtotal, category, status, created_at, panelist_id, panel_month)
               VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?)""",
            ((i, i, m_name[m], d, f"{h:02d}:{mi:02d}", cur, t, t, cats[c], f"{d}T{h:02d}:45:00+00:00", pn, d[:7])
             for i, m, d, h, mi, cur, t, c, pn in zip(ids, merchant[lo:hi].tolist(), ds, hs, ms,
                                                      currency[lo:hi].tolist(), total[lo:hi].tolist(),
                                                      cat[lo:hi].tolist(), panelist[lo:hi].tolist())))
    step = 250_000
    for lo in range(0, n_items, step):
        hi = min(n_items, lo + step)
        conn.executemany(
            """INSERT INTO line_items (receipt_id, position, description, quantity, unit_price, amount)
               VALUES (?, ?, ?, ?, ?, ?)""",
            zip((item_receipt[lo:hi] + 1).tolist(), item_pos[lo:hi].tolist(), desc[lo:hi].tolist(),
                qty[lo:hi].astype(float).tolist(), unit[lo:hi].tolist(), amount[lo:hi].tolist()))
    loaded = time.perf_counter() - started
    # what the dropped triggers would have done row by row: the stored item name and the receipt's
    # month and currency on line items, the search index, the brand matches
    for migration in MIGRATIONS:  # the migrations' own statements that fill them in for stored rows
        if migration.name in ("0102_analyst_indexes", "0104_accepted_line_items"):
            for statement in migration.statements():
                if re.search(r"^UPDATE line_items SET", statement, re.MULTILINE):
                    conn.execute(statement)
    for _, _, sql in deferred:
        conn.execute(sql)
    conn.execute("INSERT INTO line_items_fts (line_items_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO receipts_fts (receipts_fts) VALUES ('rebuild')")
    analyst_brands.rebuild_brand_items(conn)
    conn.execute("COMMIT")
    print(f"rows inserted in {loaded:.0f} s; indexes and FTS built in {time.perf_counter() - started - loaded:.0f} s")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")  # as the daemon leaves it
    conn.close()
    return {"receipts": receipts, "items": n_items, "panelists": panelists, "seconds": time.perf_counter() - started,
            "bytes": path.stat().st_size}


MONTH = "2026-06"
QUERIES = {
    "v_receipts": f"SELECT merchant, count(*), sum(total) FROM v_receipts WHERE month = '{MONTH}' "
                  "GROUP BY merchant ORDER BY 3 DESC LIMIT 20",
    "v_spend_by_month_category": f"SELECT * FROM v_spend_by_month_category WHERE month = '{MONTH}' ORDER BY spend DESC",
    "v_spend_by_merchant": "SELECT * FROM v_spend_by_merchant ORDER BY spend DESC LIMIT 20",
    "v_shopping_hours": "SELECT * FROM v_shopping_hours ORDER BY weekday, hour",
    "v_items": f"SELECT item, count(*), sum(amount) FROM v_items WHERE month = '{MONTH}' "
               "GROUP BY item ORDER BY 2 DESC LIMIT 20",
    "v_brand_mentions": f"SELECT brand, count(DISTINCT panelist), sum(amount) FROM v_brand_mentions "
                        f"WHERE month = '{MONTH}' GROUP BY brand ORDER BY 3 DESC",
}
EXTRA = {
    "v_items, one item by month": "SELECT month, count(*), sum(amount) FROM v_items WHERE item = 'milk 2l' GROUP BY month",
    "v_brand_mentions, one brand by month": "SELECT month, count(DISTINCT panelist), sum(amount) FROM v_brand_mentions "
                                            "WHERE brand = 'Pepsi' GROUP BY month",
    "line_items_fts MATCH 'croissant'": "SELECT count(*) FROM line_items_fts WHERE line_items_fts MATCH 'croissant'",
    "receipts_fts MATCH 'market'": "SELECT count(*) FROM receipts_fts WHERE receipts_fts MATCH 'market'",
}


def timed(conn, sql: str, repeat: int) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(conn.execute(sql).fetchall())
        best = min(best, time.perf_counter() - started)
    return best, rows


def time_views(path: Path, repeat: int) -> dict[str, list[str]]:
    """Each view's LIMIT 100, count(*) and typical query, then the extra queries, as table cells."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.execute("PRAGMA cache_size = -262144")
    cells: dict[str, list[str]] = {}
    for view in analytics.VIEWS:
        t_limit, _ = timed(conn, f"SELECT * FROM {view} LIMIT 100", repeat)
        t_count, _ = timed(conn, f"SELECT count(*) FROM {view}", repeat)
        (count,) = conn.execute(f"SELECT count(*) FROM {view}").fetchone()
        t_typ, rows = timed(conn, QUERIES[view], repeat)
        cells[view] = [f"{t_limit:.3f}", f"{t_count:.3f} ({count})", f"{t_typ:.3f} ({rows})"]
    for name, sql in EXTRA.items():
        t, rows = timed(conn, sql, repeat)
        cells[name] = [f"{t:.3f}", "", f"({rows})"]
    conn.close()
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--receipts", type=int, default=1_000_000)
    parser.add_argument("--panelists", type=int, default=20_000)
    parser.add_argument("--db", default="var/bench-views-1m.db")
    parser.add_argument("--analyst-db", default="var/bench-analytics-1m.db", help="the analysts' file written from it")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="time an existing database, do not generate")
    parser.add_argument("--purge", action="store_true", help="also time a 1 000-receipt delete + purge_search_index")
    args = parser.parse_args()
    path = Path(args.db)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        info = generate(path, args.receipts, args.panelists, args.seed)
        print(f"generated {info['receipts']} receipts, {info['items']} line items, {info['panelists']} panelists "
              f"in {info['seconds']:.0f} s ({info['bytes'] / 2**20:.0f} MiB)")
    started = time.perf_counter()
    built = analyst_db.build(path, args.analyst_db)
    print(f"analysts' database written in {time.perf_counter() - started:.1f} s "
          f"({built.path.stat().st_size / 2**20:.0f} MiB; {built.rows['v_receipts']} receipts, "
          f"{built.rows['v_items']} items)")
    print(f"sqlite {sqlite3.sqlite_version}; best of {args.repeat}, seconds; "
          "operational file (views) | analysts' file (tables)")
    print()
    print("| view | LIMIT 100 | count(*) (rows) | typical query (rows) |")
    print("|---|---|---|---|")
    timings = [time_views(file, args.repeat) for file in (path, built.path)]
    for name in timings[0]:
        cells = [" / ".join(t[name][k] for t in timings) for k in range(len(timings[0][name]))]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    print("typical queries:")
    for view, sql in QUERIES.items():
        print(f"  {view}: {sql}")
    if args.purge:
        db = open_db(path)
        started = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM receipts WHERE id IN (SELECT id FROM receipts ORDER BY random() LIMIT 1000)")
        db.execute("COMMIT")
        deleted = time.perf_counter() - started
        started = time.perf_counter()
        search_index.purge_search_index(db)
        print(f"delete 1000 receipts (cascade, FTS triggers): {deleted:.2f} s; "
              f"purge_search_index (optimize): {time.perf_counter() - started:.1f} s")
        db.close()


if __name__ == "__main__":
    main()
