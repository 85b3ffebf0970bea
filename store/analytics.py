"""The SQLite file as a research product, and keeping it in step with ``[analytics]``.

Made by migrations 0100-0105 (``store/migrations.py``, SQL in ``store/migration_sql/``). A plain
``sqlite3 var/receiptd.db`` user can query everything: nothing needs a Python function at query time.

- :data:`VIEWS`: accepted receipts only, decimal amounts, the receipt's own (local) date and
  time, and a panelist pseudonym; never an address or a panelist row id.
- ``analyst_pseudonyms``: one pseudonym per panelist (``store.pseudonyms``).
- ``line_items_fts`` / ``receipts_fts``: FTS5 over item descriptions and merchant names, kept in
  step by triggers; ``store.search_index.purge_search_index`` merges deleted rows' tokens away.
- ``line_items.item``: the normalized item name, stored by a trigger (grouping and indexes);
  ``line_items.month`` / ``currency``: copies of its receipt's, kept by triggers. Line items
  exist for accepted receipts only (a trigger refuses others; rejecting a receipt deletes them),
  so ``v_items`` reads line_items alone.
- ``analyst_brands`` / ``analyst_brand_terms`` / ``analyst_brand_items``: the brand list and its
  matches (``store.analyst_brands``); ``v_brand_mentions`` reads them.
"""
from __future__ import annotations

from .analyst_brands import brand_terms, configured_brands, rebuild_brand_items, stored_terms, write_brands
from .db import immediate
from .pseudonyms import sync_pseudonyms

VIEWS = ("v_receipts", "v_spend_by_month_category", "v_spend_by_merchant", "v_shopping_hours", "v_items",
         "v_brand_mentions")


def sync(db, analytics) -> None:
    """Bring the brand list and the pseudonyms in line with ``[analytics]`` (one transaction).

    Run by ``receiptctl report`` and ``receiptctl serve``; the daemon may run it at start-up.
    """
    terms = brand_terms(configured_brands(analytics))
    with immediate(db):
        if stored_terms(db) != {brand: sorted(phrases) for brand, phrases in terms.items()}:
            write_brands(db, terms)
            rebuild_brand_items(db)
        sync_pseudonyms(db, analytics.pseudonym_salt)
