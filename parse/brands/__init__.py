"""Merchants as entities: printed shop names resolved against a brand directory built from
OpenStreetMap's name-suggestion-index (see SOURCE.md). Pure: the data file ships with the package.

    match_brand("WALGREENS #03521", country="US")  -> BrandMatch(Brand("Walgreens", ...), "WALGREENS", 1.0)
    match_domain("www.walgreens.com")              -> BrandMatch(Brand("Walgreens", ...), ...)
"""
from .directory import Brand, category_of, directory
from .match import BrandMatch, cinema_logo, match_brand, match_domain, match_scheme, match_slogan

__all__ = ["Brand", "BrandMatch", "category_of", "cinema_logo", "directory", "match_brand", "match_domain",
           "match_scheme", "match_slogan"]
