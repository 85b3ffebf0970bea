"""Which receipts count: pure rules on an extracted (already redacted) receipt.

Reason codes, in the order they are checked: ``amazon_merchant``, ``excluded_category``,
``unreadable``, ``date_unreadable``, ``future_date``, ``too_old``. ``duplicate`` needs the database and is
decided in the worker's transaction (``store.panel.find_duplicate``).
"""
from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from functools import cache

from parse.brands import directory
from parse.types import Receipt

ACCEPTED = "accepted"
REJECTED = "rejected"

# Built-in terms of the excluded categories, matched as whole words in the merchant name,
# the extracted category and the line items. Ambiguous single words are avoided
# ("SUBWAY" is also a sandwich chain, "CHIPS" a snack).
CATEGORY_TERMS: dict[str, tuple[str, ...]] = {
    "casino": ("CASINO", "SLOTS", "SLOT MACHINE", "POKER", "BLACKJACK", "ROULETTE", "SPORTSBOOK", "CASINO CAGE"),
    "gun_store": ("GUN SHOP", "GUN STORE", "GUNS", "FIREARM", "FIREARMS", "AMMO", "AMMUNITION", "ARMORY",
                  "ARMOURY", "HANDGUN", "RIFLE", "SHOTGUN", "PISTOL", "GUNSMITH"),
    "transit": ("TRANSIT", "FARE", "BUS FARE", "TRAIN FARE", "METROCARD", "METRO CARD", "BUS PASS", "RAIL PASS",
                "TRANSIT AUTHORITY", "OYSTER CARD", "CLIPPER CARD", "FARE CARD", "TRANSPORT FOR LONDON"),
    "tuition": ("TUITION", "TUITION FEE", "SCHOOL FEE", "SCHOOL FEES", "COURSE FEE", "COURSE FEES",
                "SEMESTER FEE", "ENROLLMENT FEE", "ENROLMENT FEE"),
    "rent": ("RENT", "RENT PAYMENT", "MONTHLY RENT", "LEASE PAYMENT", "APARTMENT RENT"),
}


def normalize(text: str | None) -> str:
    """Upper case, punctuation to spaces, single spaces: 'Amazon.com' -> 'AMAZON COM'."""
    return " ".join(re.sub(r"[^0-9A-Z]+", " ", (text or "").upper()).split())


def _has_phrase(haystack: str, phrase: str) -> bool:
    return bool(phrase) and f" {phrase} " in f" {haystack} "


@dataclass(frozen=True)
class Rules:
    amazon: tuple[str, ...]
    excluded: dict[str, tuple[str, ...]]
    max_age_days: int
    zone: zoneinfo.ZoneInfo

    @classmethod
    def from_config(cls, panel) -> "Rules":
        excluded = {}
        for name in panel.excluded_categories:
            terms = CATEGORY_TERMS.get(name, (name.replace("_", " ").upper(),))
            excluded[name] = tuple(normalize(t) for t in terms)
        return cls(
            amazon=tuple(normalize(name) for name in panel.amazon_merchants),
            excluded=excluded,
            max_age_days=panel.max_age_days,
            zone=zoneinfo.ZoneInfo(panel.timezone),
        )

    def local_date(self, when: dt.datetime) -> dt.date:
        return when.astimezone(self.zone).date()

    def month(self, when: dt.datetime) -> str:
        """The panel's calendar month of an instant, 'YYYY-MM'."""
        return when.astimezone(self.zone).strftime("%Y-%m")


def unreadable(receipt: Receipt) -> bool:
    return receipt.total is None or receipt.date is None or receipt.merchant is None


def unreadable_reason(receipt: Receipt) -> str:
    """``date_unreadable`` when only the date is missing (the reply can say where to look), else
    ``unreadable``."""
    if receipt.date is None and receipt.total is not None and receipt.merchant is not None:
        return "date_unreadable"
    return "unreadable"


def judge_readable(receipt: Receipt) -> tuple[str, str | None]:
    """The rule that holds with or without the panel: total, date and merchant must be read."""
    return (REJECTED, unreadable_reason(receipt)) if unreadable(receipt) else (ACCEPTED, None)


@cache
def amazon_brands() -> frozenset[str]:
    """Wikidata ids of the directory's Amazon-owned brands (Amazon, Amazon Fresh, Whole Foods Market ...)."""
    return frozenset(brand.wikidata for brand in directory().brands if brand.amazon and brand.wikidata)


def amazon_merchant(receipt: Receipt, rules: Rules) -> bool:
    """The brand decides, whatever was printed; the word list (``[panel] amazon_merchants``) only
    where the brand directory did not know the merchant."""
    if receipt.brand_wikidata:
        return receipt.brand_wikidata in amazon_brands()
    merchant = normalize(receipt.merchant)
    return any(_has_phrase(merchant, name) for name in rules.amazon)


def excluded_category(receipt: Receipt, rules: Rules) -> str | None:
    """The excluded category the receipt falls in, if any."""
    category = normalize(receipt.category).replace(" ", "_").lower()
    texts = [normalize(receipt.merchant)] + [normalize(item.description) for item in receipt.items]
    for name, terms in rules.excluded.items():
        if category == name:
            return name
        if any(_has_phrase(text, term) for text in texts for term in terms):
            return name
    return None


def judge(receipt: Receipt, received_at: dt.datetime, rules: Rules) -> tuple[str, str | None]:
    """Accepted, or rejected with its reason code; ``received_at`` is when the mail arrived."""
    if amazon_merchant(receipt, rules):
        return REJECTED, "amazon_merchant"
    if excluded_category(receipt, rules):
        return REJECTED, "excluded_category"
    if unreadable(receipt):
        return REJECTED, unreadable_reason(receipt)
    received = rules.local_date(received_at)
    if receipt.date > received:
        return REJECTED, "future_date"
    if receipt.date < received - dt.timedelta(days=rules.max_age_days):
        return REJECTED, "too_old"
    return ACCEPTED, None


def dedupe_key(receipt: Receipt, total_minor: int | None) -> str | None:
    """merchant|date|time|total when all four were read (else no key: too weak to match on)."""
    merchant = normalize(receipt.merchant)
    if not merchant or receipt.date is None or receipt.time is None or total_minor is None:
        return None
    return f"{merchant}|{receipt.date.isoformat()}|{receipt.time.strftime('%H:%M')}|{total_minor}"
