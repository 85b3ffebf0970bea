"""The analysts' brand list: ``[analytics] brands`` as FTS5 queries and whole-word phrases, and the
stored (line item, brand) matches that ``v_brand_mentions`` reads.

``analyst_brands`` / ``analyst_brand_terms`` hold the list; ``analyst_brand_items`` every match,
kept by triggers on line_items and receipts (migrations 0102, 0104) and rebuilt by
:func:`rebuild_brand_items` when the list changes (``store.analytics.sync``).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path


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


def configured_brands(analytics) -> list[str]:
    """The entries of ``[analytics] brands`` and of its ``brands_file``."""
    entries = list(analytics.brands)
    if analytics.brands_file:
        entries += read_brands_file(analytics.brands_file)
    return entries


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


def stored_terms(db) -> dict[str, list[str]]:
    """brand -> phrases (sorted) as the file holds them."""
    current: dict[str, list[str]] = {}
    for brand, phrase in db.execute("SELECT brand, phrase FROM analyst_brand_terms ORDER BY brand, phrase"):
        current.setdefault(brand, []).append(phrase)
    return current


def write_brands(db, terms: dict[str, list[str]]) -> None:
    db.execute("DELETE FROM analyst_brands")
    db.execute("DELETE FROM analyst_brand_terms")
    for brand, phrases in terms.items():
        db.execute("INSERT INTO analyst_brands (brand, query) VALUES (?, ?)",
                   [brand, " OR ".join(_phrase(p) for p in phrases)])
        for phrase in phrases:
            db.execute("INSERT INTO analyst_brand_terms (brand, phrase) VALUES (?, ?)", [brand, phrase])


def rebuild_brand_items(db) -> None:
    """Recompute analyst_brand_items for the current brand list: full-text candidates, then the
    whole-word test the triggers apply to the stored item name (so both agree)."""
    db.execute("DELETE FROM analyst_brand_items")
    db.execute("""
        INSERT OR IGNORE INTO analyst_brand_items (item_id, brand, receipt_id, month, currency, amount, panelist_id)
        SELECT li.id, b.brand, r.id, substr(r.purchase_date, 1, 7), r.currency, li.amount, r.panelist_id
        FROM analyst_brands b
        JOIN line_items_fts ON line_items_fts MATCH b.query
        JOIN line_items li ON li.id = line_items_fts.rowid
        JOIN receipts r ON r.id = li.receipt_id
        WHERE r.status = 'accepted' AND EXISTS (
            SELECT 1 FROM analyst_brand_terms t
            WHERE t.brand = b.brand AND instr((' ' || replace(li.item, '.', ' ') || ' '), ' ' || t.phrase || ' ') > 0)""")
