"""A chain's own customer programmes printed on its receipts: the survey site a fast-food receipt
invites the guest to (``www.mcdvoice.com``) and the loyalty scheme a pharmacy or grocer prints its
card number under (``ExtraCare Card #: ****4410``). Where the logo was not read they name the shop.

name-suggestion-index lists brands' own web sites, not these; no public dataset lists them, so
they are kept here by hand: each is printed on the chain's receipts and used by no other shop, or by
others only after words of their own (``_OPENING_ONLY``: "Sweet Treats Rewards"); partner schemes such as
Payback, Nectar or DeutschlandCard are left out: several chains print them.
Each maps to the brand's name in the directory.
"""
from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from .fold import compact, tokens

# the survey site's name (its web address without "www." and ending) -> the brand
SURVEY_SITES = {
    "mcdvoice": "McDonald's", "mcdfoodforthoughts": "McDonald's", "tellthebell": "Taco Bell",
    "talktowendys": "Wendy's", "mybkexperience": "Burger King", "mycfavisit": "Chick-fil-A",
    "tellpizzahut": "Pizza Hut", "telldunkin": "Dunkin'", "mystarbucksvisit": "Starbucks",
    "pandaguestexperience": "Panda Express", "subwaylistens": "Subway", "informtarget": "Target",
    "krogerfeedback": "Kroger", "walgreenslistens": "Walgreens", "dgcustomerfirst": "Dollar General",
    "dennyslistens": "Denny's", "tellculvers": "Culver's", "jacklistens": "Jack in the Box",
    "mykfcexperience": "KFC", "tellpopeyes": "Popeyes", "whataburgersurvey": "Whataburger",
    "krispykremelistens": "Krispy Kreme", "tellarbys": "Arby's", "dqfansurvey": "Dairy Queen",
}
# a loyalty scheme's name as printed -> the brand that runs it alone
LOYALTY_SCHEMES = {
    "ExtraCare": "CVS Pharmacy", "myWalgreens": "Walgreens", "mPerks": "Meijer",
    "MyLowe's": "Lowe's", "Clubcard": "Tesco", "Advantage Card": "Boots",
    "ExtraBucks": "CVS Pharmacy", "Ultamate Rewards": "Ulta Beauty", "Beauty Insider": "Sephora",
    "Crown Club": "Regal Cinemas", "AMC Stubs": "AMC", "Speedy Rewards": "Speedway",
    "Treats Rewards": "PetSmart", "PowerUp Rewards": "GameStop", "My Best Buy": "Best Buy",
    "Pro Xtra": "The Home Depot", "Navyist Rewards": "Old Navy",
    "Pals Rewards": "Petco", "Target Circle": "Target", "REDcard": "Target", "Kohl's Cash": "Kohl's",
    "Michaels Rewards": "Michaels", "Shell ClubSmart": "Shell",
}

# a chain's own slogan, printed under its logo (the chains' published taglines, as their receipts print them):
# kept to the few big chains whose receipts print one, so that a slogan names its chain where the logo was lost
# (Netto's "Marken-Discount" under its logo, over its legal line "Stiftung & Co. KG"; not a plain "Discount")
SLOGANS = {
    "Save money. Live better.": "Walmart", "Expect More. Pay Less.": "Target", "Fresh for Everyone": "Kroger",
    "Where shopping is a pleasure": "Publix", "Save time. Save money. Every day!": "Dollar General",
    "Marken-Discount": "Netto Marken-Discount",
}
SLOGAN_SIMILARITY = 0.8  # letters alike (normalised Levenshtein): a slogan with OCR slips ("Save noney. Live bettor")


def _key(name: str) -> str:
    return compact(tokens(name))


def _words(text: str) -> tuple[str, ...]:
    return tuple(token.key for token in tokens(text))


SURVEY_KEYS = {_key(site): _key(brand) for site, brand in SURVEY_SITES.items()}
# the scheme's words as printed (Tesco's "Clubcard" is one word, Safeway's "Club Card" two)
SCHEME_KEYS = {_words(scheme): _key(brand) for scheme, brand in LOYALTY_SCHEMES.items()}


# schemes named with ordinary words, that other shops' programmes end their names with ("Sweet Treats
# Rewards", "Pizza Pals Rewards"): the chain's only where they open the line
_OPENING_ONLY = {_words(scheme) for scheme in ("Treats Rewards", "Pals Rewards")}


def scheme_brand_key(text: str) -> str | None:
    """The directory key of the brand whose loyalty scheme ``text`` names in words of its own
    (``ExtraCare Card #: ****4410``, ``MYLOWES``); None where it names none."""
    words = _words(text)
    for scheme, brand in SCHEME_KEYS.items():
        starts = (0,) if scheme in _OPENING_ONLY else range(len(words))
        if any(words[start:start + len(scheme)] == scheme for start in starts):
            return brand
    return None


SLOGAN_KEYS = {_key(slogan): _key(brand) for slogan, brand in SLOGANS.items()}
# a chain's company as its legal name prints it, where name-suggestion-index lists it under none of the brand's names
COMPANIES = {"Co-operative Group": "Co-op Food"}
COMPANY_KEYS = {_words(company): _key(brand) for company, brand in COMPANIES.items()}


def company_brand_key(text: str) -> str | None:
    """The directory key of the chain whose company's legal name opens ``text`` (``Co-operative Group Limited``)."""
    words = _words(text)
    return next((brand for company, brand in COMPANY_KEYS.items() if words[:len(company)] == company), None)


def slogan_brand_key(text: str) -> str | None:
    """The directory key of the chain whose own slogan ``text`` is, OCR slips tolerated; None where it is none."""
    key = _key(text)
    return next((brand for slogan, brand in SLOGAN_KEYS.items()
                 if Levenshtein.normalized_similarity(key, slogan) >= SLOGAN_SIMILARITY), None)
