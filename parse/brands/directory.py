"""The brand directory: NSI's brands loaded once from the shipped data file, indexed by folded name."""
from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .fold import compact, has_umlaut, tokens
from .words import FILLER, RECEIPT_WORDS

WORLD = "001"
DATA_FILE = "nsi-brands.json.gz"
# a brand in several OSM trees is filed under the first of these it has: a supermarket or warehouse
# club's fuel stations stay a supermarket's, a fuel brand's shops and car washes stay a fuel brand's
PRIMARY_TAGS = ("shop=supermarket", "shop=wholesale", "shop=department_store", "amenity=fuel",
                "amenity=pharmacy", "shop=chemist")

_GROCERY_SHOPS = frozenset("""
supermarket convenience grocery greengrocer butcher deli cheese dairy frozen_food health_food organic
seafood farm alcohol beverages wine beer coffee tea confectionery chocolate spices pasta nuts water
wholesale kiosk food country_store
""".split())
_RESTAURANT_AMENITIES = frozenset("restaurant fast_food cafe bar pub biergarten ice_cream food_court".split())
_ENTERTAINMENT_AMENITIES = frozenset("karaoke_box nightclub theatre".split())
_BY_TAG = {
    "shop=chemist": "pharmacy", "amenity=pharmacy": "pharmacy",
    "amenity=fuel": "fuel", "shop=fuel": "fuel", "shop=gas": "fuel",
    "amenity=cinema": "cinema",
    "shop=tobacco": "tobacco", "shop=e-cigarette": "tobacco",
    # bakeries sell to eat now, as parse/category.py counts BAKERY among the restaurant words
    "shop=bakery": "restaurant", "shop=pastry": "restaurant",
}

NAME, OTHER_NAME, ALIAS = 2, 1, 0  # how strongly a key names its brand


def category_of(tag: str) -> str:
    """receiptd's spending category for an OSM tag such as ``shop=supermarket``."""
    key, _, value = tag.partition("=")
    if tag in _BY_TAG:
        return _BY_TAG[tag]
    if key == "shop":
        return "grocery" if value in _GROCERY_SHOPS else "retail"
    if key == "amenity" and value in _RESTAURANT_AMENITIES:
        return "restaurant"
    if key in ("tourism", "leisure") or value in _ENTERTAINMENT_AMENITIES:
        return "entertainment"
    return "retail"


@dataclass(frozen=True)
class Brand:
    name: str
    wikidata: str
    category: str
    countries: frozenset[str]  # ISO 3166-1 alpha-2; "001": worldwide
    amazon: bool
    tag: str = ""  # the OSM tag it is filed under, e.g. "amenity=fuel"
    excluded: frozenset[str] = field(default=frozenset())

    def trades_in(self, country: str) -> bool:
        return (WORLD in self.countries or country in self.countries) and country not in self.excluded


@dataclass(frozen=True)
class Entry:
    brand: Brand
    strength: int  # NAME, OTHER_NAME or ALIAS
    rank: tuple  # smaller first among equals when no country decides


class Directory:
    """Folded names -> entries; per country, the names long enough for a fuzzy match, by length."""

    FUZZY_MIN = 7  # letters; a shorter name is one OCR slip away from an ordinary word
    SHORT = 3  # letters; a name this short must be printed as spelled (``C&A``, not ``CA``)

    def __init__(self, rows: list[list], common_names: list[str] = (), near_common: list[str] = ()):
        self.brands = [_brand(row) for row in rows]
        self.common = frozenset(common_names)  # one-word names that are ordinary words
        self.near_common = frozenset(near_common)  # ordinary words a few OCR edits from a name
        keys: dict[str, dict[int, int]] = defaultdict(dict)
        till_words: dict[str, dict[int, int]] = defaultdict(dict)  # names a till prints as words ("Netto", "Total")
        self.whole_line_only: set[str] = set()
        self.short_spellings: dict[str, set[str]] = defaultdict(set)
        for number, row in enumerate(rows):
            names = [(row[0], NAME)] + [(n, OTHER_NAME) for n in row[6]] + [(a, ALIAS) for a in row[7]]
            for name, strength in names:
                for spelled in (False, True) if has_umlaut(name) else (False,):
                    words = tokens(name, spelled)
                    key = compact(words)
                    if not _usable(key):
                        continue
                    if all(w.key in RECEIPT_WORDS for w in words):
                        till_words[key][number] = max(strength, till_words[key].get(number, ALIAS))
                        continue
                    if all(w.key in FILLER for w in words):
                        self.whole_line_only.add(key)
                    if len(key) <= self.SHORT:
                        self.short_spellings[key].add("".join(name.lower().split()))
                    keys[key][number] = max(strength, keys[key].get(number, ALIAS))
                    if (acronym := _ampersand_acronym(name, words)) is not None:  # "M&S Food": "M&S"
                        self.short_spellings[words[0].key].add(acronym)
                        keys[words[0].key].setdefault(number, OTHER_NAME)
        ranks = [_rank(brand) for brand in self.brands]
        self.index = self._indexed(keys, ranks)
        self.till_word_index = self._indexed(till_words, ranks)
        self._fuzzy: dict[tuple[str | None, bool], dict[int, list[str]]] = {}

    def _indexed(self, keys: dict[str, dict[int, int]], ranks: list[tuple]) -> dict[str, list[Entry]]:
        return {key: sorted((Entry(self.brands[n], s, ranks[n]) for n, s in found.items()), key=lambda e: e.rank)
                for key, found in keys.items()}

    def entries(self, key: str, country: str | None) -> list[Entry]:
        return _trading(self.index.get(key, ()), country)

    def web_entries(self, key: str, country: str | None) -> list[Entry]:
        """A web address's name: a name that is a till's word too (``www.netto.de``) names its brand there."""
        return self.entries(key, country) or _trading(self.till_word_index.get(key, ()), country)

    def fuzzy_keys(self, country: str | None) -> dict[int, list[str]]:
        """The names long enough for a fuzzy match in ``country``, by length."""
        return self._by_length(country, long=True)

    def short_keys(self, country: str | None) -> dict[int, list[str]]:
        """The names of 4 to 6 letters in ``country``, by length: a logo alone may have one glyph misread."""
        return self._by_length(country, long=False)

    def _by_length(self, country: str | None, long: bool) -> dict[int, list[str]]:
        if (country, long) not in self._fuzzy:
            by_length: dict[int, list[str]] = defaultdict(list)
            for key in self.index:
                if (len(key) >= self.FUZZY_MIN if long else self.SHORT < len(key) < self.FUZZY_MIN) \
                        and key.isascii() and key not in self.whole_line_only \
                        and key not in self.common and self.entries(key, country):
                    by_length[len(key)].append(key)
            self._fuzzy[(country, long)] = dict(by_length)
        return self._fuzzy[(country, long)]


def _trading(entries: Iterable[Entry], country: str | None) -> list[Entry]:
    return [e for e in entries if country is None or e.brand.trades_in(country)]


def _ampersand_acronym(name: str, words: list) -> str | None:
    """The initials joined by an ampersand that open a name whose other words are filler
    (``M&S Food``), as printed (``m&s``): the chain's short name alone."""
    if len(words) < 2 or len(words[0].key) > Directory.SHORT or not all(w.key in FILLER for w in words[1:]):
        return None
    printed = name[words[0].start:words[0].end].lower()
    return printed if "&" in printed else None


def _usable(key: str) -> bool:
    """Not one glyph repeated ("Lili" folds to "llll"), and a short name of letters, not "3" or "T2"."""
    letters = sum(ch.isalpha() for ch in key)
    return len(set(key)) >= 2 and letters >= (2 if len(key) <= Directory.SHORT else 1)


def _brand(row: list) -> Brand:
    name, wikidata, tags, countries, excluded, amazon = row[:6]
    return Brand(name, wikidata, category_of(tags[0]), frozenset(countries), bool(amazon), tags[0],
                 frozenset(excluded))


def _rank(brand: Brand) -> tuple:
    """Prefer supermarkets, fuel and pharmacies, then brands trading in more places."""
    tag_rank = PRIMARY_TAGS.index(brand.tag) if brand.tag in PRIMARY_TAGS else len(PRIMARY_TAGS)
    return tag_rank, WORLD not in brand.countries, -len(brand.countries), brand.name


@cache
def directory() -> Directory:
    raw = resources.files(__package__).joinpath(DATA_FILE).read_bytes()
    document = json.loads(gzip.decompress(raw))
    return Directory(document["brands"], document["common_names"], document["near_common"])
