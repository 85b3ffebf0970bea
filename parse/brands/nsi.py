"""NSI's brands tree -> the rows of the brand directory (build time only)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .directory import PRIMARY_TAGS
from .regions import Resolver, resolve_all

KEPT_TRADES = {
    "shop": None,  # every shop
    "amenity": {"restaurant", "fast_food", "cafe", "bar", "pub", "biergarten", "ice_cream", "food_court",
                "pharmacy", "fuel", "cinema", "car_wash", "karaoke_box", "nightclub", "theatre"},
    "tourism": {"theme_park", "zoo", "aquarium"},
    "leisure": {"amusement_arcade", "bowling_alley", "water_park", "trampoline_park", "indoor_play",
                "escape_game", "miniature_golf", "high_ropes_course"},
}
# Amazon's own brands, by the brand:wikidata NSI gives them (each must be present: the build checks)
AMAZON_BRANDS = {
    "Q3884": "Amazon",
    "Q4740834": "Amazon Fresh",
    "Q27676067": "Amazon Go",
    "Q22906322": "Amazon Books",
    "Q1809448": "Whole Foods Market",
}
AMAZON_OPERATOR = "Q3884"
_NAME_TAGS = re.compile(r"^(brand|name|official_name)(:[a-z]{2,3}(-[A-Za-z]+)?)?$")
_ALIAS_TAGS = re.compile(r"^(short_name|alt_name)(:[a-z]{2,3})?$")
_QUALIFIER = re.compile(r"\s+\([^)]*\)$")


def kept_trees(nsi: dict) -> Iterator[tuple[str, list[dict]]]:
    """(``key=value``, items) of every tree path in the brands tree."""
    for path, tree in nsi["nsi"].items():
        kind, key, value = (path.split("/") + ["", ""])[:3]
        if kind == "brands" and key in KEPT_TRADES:
            yield f"{key}={value}", tree["items"]


def is_kept(tag: str, item: dict) -> bool:
    key, value = tag.split("=")
    tags = item["tags"]
    if tags.get("brand:wikidata") in AMAZON_BRANDS or tags.get("operator:wikidata") == AMAZON_OPERATOR:
        return True
    values = KEPT_TRADES[key]
    return values is None or value in values


def names_of(item: dict, canonical: str) -> tuple[list[str], list[str]]:
    """(names the brand goes by, weaker aliases), without the canonical name and duplicates."""
    tags = item["tags"]
    names = [_QUALIFIER.sub("", item["displayName"])]
    names += [value for key, value in sorted(tags.items()) if _NAME_TAGS.match(key)]
    aliases = list(item.get("matchNames", ()))
    aliases += [part.strip() for key, value in sorted(tags.items()) if _ALIAS_TAGS.match(key)
                for part in value.split(";")]
    names = list(dict.fromkeys(n for n in names if n and n != canonical))
    return names, [a for a in dict.fromkeys(aliases) if a and a != canonical and a not in names]


def _tags_in_order(tags: set[str], main: set[str]) -> list[str]:
    """The brand's tags, the one it is filed under first: a primary tag, else that of the item
    named just the brand (IKEA's furniture stores, not its cafés), else the alphabetically first."""
    return sorted(tags, key=lambda tag: (PRIMARY_TAGS.index(tag) if tag in PRIMARY_TAGS else len(PRIMARY_TAGS),
                                         tag not in main, tag))


def brand_rows(nsi: dict, resolver: Resolver) -> list[list]:
    """One row per brand: NSI items of one canonical name and Wikidata id are merged."""
    merged: dict[tuple[str, str], dict] = {}
    for tag, items in kept_trees(nsi):
        for item in items:
            if not is_kept(tag, item):
                continue
            tags = item["tags"]
            canonical = tags.get("brand") or _QUALIFIER.sub("", item["displayName"])
            wikidata = tags.get("brand:wikidata", "")
            entry = merged.setdefault((canonical, wikidata or tag), {
                "tags": set(), "main": set(), "countries": set(), "excluded": None, "names": [], "aliases": [],
                "amazon": wikidata in AMAZON_BRANDS or tags.get("operator:wikidata") == AMAZON_OPERATOR})
            entry["tags"].add(tag)
            if _QUALIFIER.sub("", item["displayName"]) == canonical:
                entry["main"].add(tag)
            location = item["locationSet"]
            entry["countries"] |= resolve_all(resolver, location.get("include", ()))
            excluded = resolve_all(resolver, [code for code in location.get("exclude", ())
                                              if resolver.is_whole_country(code)])
            entry["excluded"] = excluded if entry["excluded"] is None else entry["excluded"] & excluded
            names, aliases = names_of(item, canonical)
            entry["names"] += [n for n in names if n not in entry["names"]]
            entry["aliases"] += [a for a in aliases if a not in entry["aliases"]]
    return [[name, wikidata if wikidata.startswith("Q") else "", _tags_in_order(e["tags"], e["main"]),
             sorted(e["countries"]), sorted(e["excluded"]), int(e["amazon"]),
             e["names"], [a for a in e["aliases"] if a not in e["names"]]]
            for (name, wikidata), e in sorted(merged.items())]


def check_amazon(rows: list[list]) -> None:
    found = {row[1] for row in rows if row[5]}
    missing = sorted(set(AMAZON_BRANDS) - found)
    if missing:
        raise SystemExit(f"Amazon brands missing from NSI (update AMAZON_BRANDS): {missing}")
