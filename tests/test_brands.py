"""The brand directory (parse/brands): NSI's brands, shipped with the package, matched offline."""
from __future__ import annotations

import socket
import time

import pytest

from parse.brands import Brand, category_of, directory, match_brand, match_domain


def test_directory_loads_from_the_package_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the brand directory must not touch the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    directory.cache_clear()
    try:
        found = directory()
    finally:
        directory.cache_clear()
    assert len(found.brands) > 10_000
    assert all(isinstance(brand, Brand) for brand in found.brands[:100])


@pytest.mark.parametrize(("printed", "country", "name", "category"), [
    ("AIdi", "DE", "Aldi", "grocery"),  # capital I for l
    ("ALDI SÜD", "DE", "Aldi Süd", "grocery"),
    ("ALDI SUED", "DE", "Aldi Süd", "grocery"),
    ("t o o m Baumarkt", "DE", "toom Baumarkt", "retail"),  # letter-spaced logo
    ("WALGREENS #03521", "US", "Walgreens", "pharmacy"),  # store number
    ("Walmart Supercenter", "US", "Walmart", "grocery"),
    ("Walrnart", "US", "Walmart", "grocery"),  # rn for m
    ("REWE Markt GmbH", "DE", "Rewe", "grocery"),
    ("REWE Max Mustermann oHG", "DE", "Rewe", "grocery"),  # a franchisee's legal name
    ("McDonald's Restaurant #1234", "US", "McDonald's", "restaurant"),
    ("TRADER JOE'S", "US", "Trader Joe's", "grocery"),
    ("Lidl Dienstleistung GmbH & Co. KG", "DE", "Lidl", "grocery"),
    ("dm-drogerie markt GmbH + Co. KG", "DE", "dm", "pharmacy"),
    ("R0SSMANN", "DE", "Rossmann", "pharmacy"),  # zero for O
    ("Rossnann", "DE", "Rossmann", "pharmacy"),  # an OCR slip: fuzzy
    ("SHELL", "DE", "Shell", "fuel"),
    ("Shell Station", "US", "Shell", "fuel"),
    ("WELCOMETOBESTBUY#478", "US", "Best Buy", "retail"),  # a transcript without spaces
])
def test_printed_lines_resolve_to_their_brand(printed, country, name, category):
    match = match_brand(printed, country)
    assert match is not None, printed
    assert match.brand.name.startswith(name)
    assert match.brand.category == category
    assert country in match.brand.countries or "001" in match.brand.countries


def test_match_keeps_what_was_printed_and_scores_exact_names_highest():
    exact = match_brand("WALGREENS #03521", "US")
    garbled = match_brand("WALGRFENS #03521", "US")
    assert exact.printed == "WALGREENS" and exact.score == 1.0
    assert garbled.brand == exact.brand and garbled.printed == "WALGRFENS" and 0.8 < garbled.score < 1.0


def test_amazon_brands_are_flagged_by_wikidata_id():
    whole_foods = match_brand("WHOLE FOODS MARKET", "US")
    assert whole_foods.brand.name == "Whole Foods Market" and whole_foods.brand.amazon
    assert match_brand("Amazon Fresh", "GB").brand.amazon
    assert not match_brand("Walmart Supercenter", "US").brand.amazon
    by_name = {brand.name: brand for brand in directory().brands}
    assert by_name["Amazon Books"].amazon and by_name["Amazon"].amazon
    assert not by_name["Café Amazon"].amazon  # a Thai chain of the same name


@pytest.mark.parametrize(("printed", "name"), [
    ("www.walgreens.com", "Walgreens"),
    ("rewe.de", "Rewe"),
    ("Fragen? info@lidl.de", "Lidl"),
    ("https://www.wholefoodsmarket.com/stores", "Whole Foods Market"),
    ("www.tesco.co.uk", "Tesco"),
])
def test_web_addresses_resolve_to_their_brand(printed, name):
    match = match_domain(printed)
    assert match is not None and match.brand.name == name


def test_unknown_or_absent_domains_give_none():
    assert match_domain("www.example-bistro-zurich.ch") is None
    assert match_domain("TOTAL 12.99") is None


RECEIPT_LINES = [
    "TOTAL", "SUBTOTAL", "CASH", "CHANGE", "VISA", "THANK YOU", "TAX", "MwSt", "Summe", "BAR", "EC-Cash",
    "Netto", "Telephone", "123 Main Street", "Hauptstraße 12, 10115 Berlin", "MILK 2L 1.99", "Bananen",
    "12/05/2019", "24.12.2023 18:04", "Total 23.45", "Best before", "Target price", "Real value",
    "Thank you for shopping with us", "CARD NO: XXXX1234", "Coop bonus points 12",
]


@pytest.mark.parametrize("country", ["DE", "US", "GB", None])
@pytest.mark.parametrize("printed", RECEIPT_LINES)
def test_ordinary_receipt_lines_are_no_brand(printed, country):
    assert match_brand(printed, country) is None


def test_short_and_ordinary_word_names_need_a_clean_line():
    assert match_brand("dm", "DE").brand.name == "dm"
    assert match_brand("BP", "GB").brand.category == "fuel"
    assert match_brand("BP 12 Hauptstr", "DE") is None  # a short name with other words and numbers
    assert match_brand("TARGET", "US").brand.name == "Target"
    assert match_brand("TARGET", None) is None  # an ordinary word needs the receipt's country
    assert match_brand("Target Stores Inc", "US").brand.name == "Target"
    assert match_brand("Target audience survey", "US") is None


def test_country_restricts_the_brands_considered():
    assert match_brand("WALGREENS", "US") is not None
    assert match_brand("WALGREENS", "DE") is None  # Walgreens trades in the US only
    assert match_brand("TRADER JOE'S", "DE") is None
    assert match_brand("toom Baumarkt", "US") is None
    assert match_brand("Lidl", "US").brand.name == "Lidl"  # worldwide brands trade everywhere


@pytest.mark.parametrize(("tag", "category"), [
    ("shop=supermarket", "grocery"), ("shop=convenience", "grocery"), ("shop=bakery", "restaurant"),
    ("shop=chemist", "pharmacy"), ("amenity=pharmacy", "pharmacy"), ("amenity=fuel", "fuel"),
    ("amenity=cinema", "cinema"), ("tourism=theme_park", "entertainment"), ("leisure=bowling_alley", "entertainment"),
    ("shop=tobacco", "tobacco"), ("shop=e-cigarette", "tobacco"), ("amenity=fast_food", "restaurant"),
    ("amenity=cafe", "restaurant"), ("shop=doityourself", "retail"), ("shop=clothes", "retail"),
])
def test_osm_tags_map_to_receipt_categories(tag, category):
    assert category_of(tag) == category


def test_a_whole_receipt_is_matched_well_within_50_ms():
    receipt = ["REWE Markt GmbH", "Hauptstraße 12", "10115 Berlin", "UID Nr.: DE812706034"]
    receipt += [f"ARTIKEL NUMMER {n} 1,99 A" for n in range(30)]
    receipt += ["SUMME EUR 59,70", "Geg. EC-Cash EUR 59,70", "MwSt 7% 3,91", "Vielen Dank", "Rossnann"]
    directory()
    match_brand("warm-up", "DE")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for line in receipt:
            match_brand(line, "DE")
        best = min(best, time.perf_counter() - start)
    assert best < 0.05
