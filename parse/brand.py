"""The merchant as a known brand: the receipt's header lines, a legal name in its footer, its web
or mail address and its thanks, resolved against the brand directory (``parse.brands``) for the receipt's country.
Where a logo was lost, the footer as OCR garbled it: a web address with its dots misread, a thanks
ending in the name, the shop's own app, a closing line of the name after the last price.

Only the header and those footer lines are tried: product names on item lines
(``NEW BALANCE``, ``Beefeater Gin``) are brands too, but not the seller's.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import takewhile

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .address import has_postcode, is_address
from .brands import (Brand, BrandMatch, cinema_logo, directory, match_brand, match_domain, match_scheme,
                     match_slogan)
from .brands.directory import ALIAS, NAME
from .brands.fold import compact, fold_word, tokens
from .brands.match import STROKE_LOST_PAIRS
from .brands.programmes import scheme_brand_key
from .brands.words import FAMILY_TRADES, LEGAL_FORMS
from .category import CATEGORIES, mentions, served_at_a_table
from .dates import find_times
from .layout import Doc, Line, holds_a_date
from .merchant import (has_legal_form, legal_name, names_the_owner, not_a_name, service_sign, thanks_naming,
                       town_over_its_state, under_house_number, without_legal_forms)
from .text import ascii_upper, digits, fold, known_word, letters, squash_spaces

LOGO_PART_WORDS = 3  # words; a logo split over two lines has at most this many on each ("DRESS FOR LESS")
DOMAIN_SLIP_MIN = 8  # letters; a web address's name this long may carry one OCR slip ("contInante.pt")
SLIP_MIN = 5  # letters; a word of thanks this long is still itself with one letter misread ("SHOPPlNG")
_CCTLD_COUNTRY = {"uk": "GB"}  # a country's web ending that is not its ISO code

# a web address without "www": its name and a common or a Western country's ending
_WEB_ENDINGS = "com net org uk ie de at ch fr es it pt nl be lu pl cz dk se no fi us ca au nz".split()
_GENERIC_ENDINGS = ("com", "net", "org")
# a web address whose dots OCR read as spaces, underscores or commas (``WWw _ rossstores , COm``, ``WWw . BEST BUY .
# COM``, ``Log in at PaneraBread . com .``, ``http : //survey . walmart . ca``, ``visit www walmart com``), its name
# split once by a space maybe (each name read both ways: ``sainsburys co uk``, ``BEST BUY . COM``); looked for at
# each word (matches overlap); ``_broken_web_addresses`` says which count
_BROKEN_WEB_RES = tuple(re.compile(
    r"(?<![A-Z0-9])(?=(?:(?P<www>W[WNM]W)(?![A-Z0-9])[\W_]{0,4})?"
    rf"(?P<label>[A-Z0-9][A-Z0-9-]{{2,39}}(?: [A-Z0-9-]{{2,}}){split})(?P<dot>\s*[._,]\s*|\s+)"
    r"(?P<tld>CO[., ]\s?UK|[A-Z]{2,3})(?![A-Z0-9])(?P<digits>\s?\d)?(?P<word>\s+[A-Z]|'[A-Z])?)", re.IGNORECASE)
    for split in ("??", "?"))
_BARE_WEB_RE = re.compile(rf"(?<![\w.@-])(?P<label>[A-Z0-9-]{{3,40}})\.(?P<tld>{'|'.join(_WEB_ENDINGS)})\b(?![.\w])",
                          re.IGNORECASE)
# a bracket OCR printed for a word's last l: "Lade dir die Lid] Plus App", "Tota]"
_BRACKET_FOR_L_RE = re.compile(r"(?<=[^\W\d_])[\]\[}{](?![^\W\d_])")
# the shop's name closing a line after "at": "Thank you for shopping at Stop & Shop" however garbled
_AT_NAME_RE = re.compile(r"(?:^|\s)(?:AT|BEI|CHEZ|@)\s+(?P<name>[^\s@][^@]{2,40}?)[\s!.,:;]*$", re.IGNORECASE)
_THANKS_WORDS = tuple(fold(word) for word in (
    "YOU", "THANK", "THANKS", "SHOPPING", "VISITING", "DANKE", "MERCI", "GRACIAS", "GRAZIE", "OBRIGADO", "DANK"))
# the shop's own app: "Lade dir die Lidl Plus App herunter", "Download the Walgreens app"
_APP_RE = re.compile(r"(?P<name>(?:[^\W\d_][\w'&-]*?(?:\s+|-(?=APP\b))){1,2}?)(?:PLUS\s+|\+\s*)?APP\b",
                     re.IGNORECASE)  # "Mein dm-App": the name hyphened to it


@dataclass(frozen=True)
class BrandFound:
    brand: Brand
    printed: str  # the line (or web address) as printed, cleaned of surrounding space
    line: int
    score: float


def find_brand(doc: Doc, country: str | None, header_end: int, name_line: int | None = None) -> BrandFound | None:
    """The best brand on a header line (a logo or legal-name line), or on two short header lines
    read as one (a logo printed over two lines), else the one a legal name in the footer, a web or
    mail address or a thanks line names, or the chain's own loyalty scheme (``_named_by_its_scheme``;
    ``name_line``: the line read as the shop's name, if any); None where the directory knows none."""
    header = doc.lines[:header_end]
    opening = next((line.index for line in header if _opens_the_receipt(line.text)), None)
    named = ((line.text, line.index, _read_surely(line)) for line in header  # not "Springfield, IL 62701" (a town),
             if _names_no_place(line.text) and not under_house_number(doc, line)  # nor a priced item
             and not town_over_its_state(doc, line)
             and not (line.index != opening and _garbled_town(line.text))
             and not any(amount.has_decimals for amount in line.amounts) and not _sign_over_a_name(header, line))
    logos = ((f"{first.text} {second.text}", first.index, _read_surely(first) and _read_surely(second))
             for first, second in _split_logos(header) if not _sign_over_a_name(header, first))
    one_line = _best_named(named, country, opening)
    if one_line is not None and (_logo_runs_on_in_another_trade(header, one_line)
                                 or _under_an_owners_name(header, one_line, country)):
        one_line = None
    one_line = _logo_over_its_operator(header, one_line, country, opening)
    if one_line is not None and _stroke_lost_over_a_table(doc, one_line):
        one_line = None
    best = _logo_over_its_slogan(header, country, opening) \
        or _longer_logo(one_line, _best_named(logos, country, opening)) \
        or _named_like_a_place(header, country, opening) or _named_before_its_street(header, country) \
        or _cinema_by_its_logo(doc, header, country) \
        or _cut_at_the_edge(header, country, opening) or _logo_lost_over_its_last_word(header, country, opening)
    if best is not None and not _owners_surname(header, best):
        return best
    for line in doc.lines[header_end:]:  # a legal name in the footer ("Lidl Vertriebs-GmbH & Co. KG")
        if has_legal_form(line.text) and not line.amounts:
            legal = legal_name(line.text) if _no_name_in_header(doc, header_end) else line.text
            match = match_brand(legal, country, sure=_read_surely(line))
            if match is not None and not _other_trade(line.text, match):
                return _found(match, line.text, line.index)
    for line in doc.lines:
        thanks = thanks_naming(line.text)
        match = match_domain(line.text, country) or (match_brand(thanks["name"], country) if thanks else None)
        if match is not None:
            return _found(match, match.printed if thanks is None else line.text, line.index)
    return _named_under_a_store_label(doc, country) or _named_in_footer(doc, country, header_end) \
        or _logo_over_an_address(doc, country, header_end) or _named_by_its_scheme(doc, country, name_line) \
        or _named_by_its_slogan(header, country)


def _opens_the_receipt(text: str) -> bool:
    """A line of words that may be the receipt's logo: not the bill's header words over it (``YOUR GUEST NUMBER
    IS`` / ``98`` over ``IN-N-OUT BURGER LAS VEGAS EASTERN``, ``Order #192``, ``To Go``), a date or a clock."""
    return any(ch.isalpha() for ch in text) and not not_a_name(text) and not holds_a_date(text) \
        and not (letters(text) <= CLOCK_LETTERS and find_times(text))


CLOCK_LETTERS = 2  # a clock's AM or PM, the line's only letters ("8:21 PM")


# a line that only labels the next as the shop: an app's e-receipt prints its shop at the foot ("Markt:" over "EDEKA
# Treis-Karden")
_STORE_LABEL_RE = re.compile(r"\W*(?:IHR\s)?(?:MARKT|FILIALE|GESCHA?E?FT|STORE|SHOP)\s?:\W*")  # on ascii_upper's text


def _named_under_a_store_label(doc: Doc, country: str | None) -> BrandFound | None:
    """The line under a store label names the chain as a receipt's opening line would, its place or franchisee
    after it (``Markt:`` / ``EDEKA Treis-Karden``)."""
    for above, line in zip(doc.lines, doc.lines[1:]):
        if _STORE_LABEL_RE.fullmatch(ascii_upper(above.text)) and not line.amounts:
            match = match_brand(line.text, country, opens_receipt=True, sure=_read_surely(line))
            if match is not None and not _other_trade(line.text, match):
                return _found(match, line.text, line.index)
    return None


OPERATED_LOGO_SCORE = 0.8  # the opening logo read as its brand exactly or by look-alike letters, not fuzzily


def _logo_over_its_operator(header: Sequence[Line], found: BrandFound | None, country: str | None,
                            opening: int | None) -> BrandFound | None:
    """The brand of the receipt's opening logo where a legal line under it names another brand of the same
    trade (``star`` / ``Tankstelle`` / ``Orlen Deutschland GmbH``: Orlen runs the star station); else ``found``."""
    if found is None or opening is None or found.line <= opening or not has_legal_form(header[found.line].text):
        return found
    logo = header[opening]
    match = match_brand(logo.text, country, opens_receipt=True, sure=_read_surely(logo))
    if match is None or match.brand == found.brand or match.brand.category != found.brand.category \
            or match.score < OPERATED_LOGO_SCORE:
        return found
    return _found(match, logo.text, opening)


def _sign_over_a_name(header: Sequence[Line], line: Line) -> bool:
    """The line is a service agency's sign (``LOTTO``, ``DHL Paketshop``) over another name line (``Kiosk am
    Bahnhof``): the service sold there, not the seller; a sign with no name under it is the shop's only name."""
    below = header[line.index + 1] if line.index + 1 < len(header) else None
    return service_sign(line.text) and below is not None and letters(below.text) >= 3 \
        and not is_address(below.text) and not has_postcode(below.text)


def _owners_surname(header: Sequence[Line], found: BrandFound) -> bool:
    """The name read as a chain's is one word that the owner's line prints too (``Müller`` over ``Inh.
    Thomas Müller e.K.``), or one printed beside a line of a family trade's words alone (``Bäckerei`` /
    ``Müller``, ``Metzgerei`` / ``Wolf``): a merchant's own shop named for its owner, not the chain of
    that name."""
    printed = [token.key for token in tokens(found.printed)]
    return len(printed) == 1 and any(
        line.index != found.line and names_the_owner(line.text) and printed[0] == _surname(line.text)
        or line.index in (found.line - 1, found.line + 1) and _family_trade_only(line.text)
        and not _in_its_own_trade(found.brand, line.text)
        for line in header)


def _in_its_own_trade(brand: Brand, text: str) -> bool:
    """The family trade's line names the chain's own trade (``KAMPS`` / ``Bäckerei``, ``VINZENZMURR`` /
    ``Metzgerei``, ``KLIER`` / ``Friseur``), or a counter of a supermarket chain's (``EDEKA`` / ``Bäckerei``):
    the chain's logo over what it is, not a surname beside another trade."""
    tags = {tag for token in tokens(text) for tag in _FAMILY_TRADE_TAGS.get(token.key, ())}
    return brand.tag in tags or brand.tag in _GROCERS_TAGS and bool(tags & _COUNTER_TAGS)


_BAKERS = ("shop=bakery", "shop=pastry", "shop=confectionery", "amenity=cafe")
_BUTCHERS = ("shop=butcher", "shop=deli")
_FAMILY_TRADE_TAGS = {fold_word(word, spell): tags for words, tags in (
    ("bäckerei konditorei backstube landbäckerei café cafe boulangerie pâtisserie patisserie bakkerij panadería "
     "panaderia pastelería pasteleria panetteria pasticceria", _BAKERS),
    ("metzgerei fleischerei landmetzgerei partyservice feinkost boucherie charcuterie traiteur slagerij carnicería "
     "carniceria macelleria", _BUTCHERS),
    ("optik", ("shop=optician",)), ("friseur", ("shop=hairdresser",)), ("blumen", ("shop=florist",)),
    ("getränke", ("shop=beverages",)), ("schuhhaus", ("shop=shoes",)), ("modehaus", ("shop=clothes",)),
    ("reisen", ("shop=travel_agency",)), ("autohaus", ("shop=car", "shop=car_repair")),
    ("fromagerie", ("shop=cheese",))) for word in words.split() for spell in (False, True)}
_GROCERS_TAGS = frozenset(("shop=supermarket", "shop=convenience", "shop=department_store"))
_COUNTER_TAGS = frozenset(_BAKERS + _BUTCHERS + ("shop=beverages", "shop=cheese"))


def _family_trade_only(text: str) -> bool:
    """``Bäckerei``, ``Bäckerei - Konditorei``, ``Landmetzgerei & Partyservice``: a family trade's words alone."""
    words = [token.key for token in tokens(text) if not token.number]
    return bool(words) and any(word in FAMILY_TRADES for word in words) \
        and all(word in FAMILY_TRADES or word in _FAMILY_TRADE_KIN for word in words)


_FAMILY_TRADE_KIN = frozenset(fold_word(word, spell) for word in "und café cafe partyservice feinkost landbäckerei "
                              "landmetzgerei backstube catering".split() for spell in (False, True))


def _surname(text: str) -> str | None:
    """The owner's line's last name before its legal form (``Inh. Thomas Müller e.K.``: ``muller``); the
    chain a franchisee's line opens with is no surname (``REWE Thomas Müller e.K.``, ``Subway Inh. A. Yilmaz``)."""
    names = [t.key for t in tokens(text) if not t.number and t.key not in LEGAL_FORMS and len(t.key) > 1]
    return names[-1] if names else None


def _named_by_its_scheme(doc: Doc, country: str | None, name_line: int | None) -> BrandFound | None:
    """The chain whose own loyalty scheme a line names (``ExtraCare Card #: ****4410``, ``myWalgreens
    Earned 0.16``): no offer taken off the bill (an independent's ``AMC STUBS 10% OFF -2.80``); where
    another name was read surely, only a line with the member's number (not a bar named ``THE CROWN
    CLUB``, nor ``Show your AMC Stubs card for 10% off`` under ``TONY'S TRATTORIA``)."""
    named_surely = name_line is not None and _read_surely(doc.lines[name_line])
    for line in doc.lines:
        if any(a.value < 0 for a in line.amounts) or named_surely and not _MEMBER_RE.search(line.text):
            continue
        match = match_scheme(line.text, country)
        if match is not None:
            return _found(match, line.text, line.index)
    return None


# a member's card number, in full or masked ("****4410"), or the points credited to the member ("Punkte: 45")
def _logo_over_an_address(doc: Doc, country: str | None, header_end: int) -> BrandFound | None:
    """Under the header, a line that is a chain's name and nothing else, over a street address: the logo of a
    receipt photographed in two halves or folded (``CVS/pharmacy`` / ``3075 E TROPICANA AVE``); not an item's
    brand (``CVS ALLERGY RELIEF``), nor a name that is an ordinary word."""
    for line, below in zip(doc.lines[header_end:], doc.lines[header_end + 1:]):
        if line.amounts or not is_address(below.text):
            continue
        match = match_brand(line.text, country)
        if match is not None and compact(tokens(match.printed)) == compact(tokens(line.text)) \
                and compact(tokens(match.printed)) not in directory().common:
            return _found(match, line.text, line.index)
    return None


LOGO_SLIPS = 1  # glyphs a logo over its chain's slogan may have misread


def _logo_over_its_slogan(header: Sequence[Line], country: str | None, opening: int | None) -> BrandFound | None:
    """The opening line, one word a glyph off a till's word that opens a chain's name (``Nettc``), over that
    chain's own slogan (``Marken-Discount``): the chain, its logo misread."""
    if opening is None or opening + 1 >= len(header):
        return None
    logo, words = header[opening], tokens(header[opening].text)
    match = match_slogan(header[opening + 1].text, country)
    if match is None or len(words) != 1:
        return None
    till_word = tokens(match.brand.name)[0].key
    if till_word not in directory().till_word_index or Levenshtein.distance(words[0].key, till_word) > LOGO_SLIPS:
        return None
    return _found(match, logo.text, opening)


def _named_by_its_slogan(header: Sequence[Line], country: str | None) -> BrandFound | None:
    """The chain whose own slogan a header line prints (``Save money. Live better.``: Walmart), or its company's
    legal name (``Co-operative Group Limited``: Co-op), its logo lost."""
    for line in header:
        match = match_slogan(line.text, country)
        if match is not None:
            return _found(match, line.text, line.index)
    return None


_MEMBER_RE = re.compile(r"\d{4}|\*{3}|\b(?:PUNKTE|POINTS)\W{0,2}\d", re.IGNORECASE)


WHOLE_NAME_SCORE = 0.9  # a brand's name or alias, all the words of its line
WHOLE_BRAND_SCORE = 1.0  # the brand's own name, whole


CUT_NAME_MIN = 5  # letters a chain's name cut at the paper's edge keeps ...
CUT_LETTERS = 2  # ... and the most it loses
CUT_NAME_SCORE = 0.8


def _cut_at_the_edge(header: Sequence[Line], country: str | None, opening: int | None) -> BrandFound | None:
    """The opening line, alone, is a chain's name with its last one or two letters cut at the paper's edge
    (``7-ELEVE``, ``TRADER JOE'``): the one chain whose name so begins, where the line names none itself."""
    if opening is None:
        return None
    text = header[opening].text
    key, found = compact(tokens(text)), directory()
    if len(key) < CUT_NAME_MIN or found.entries(key, country) or key in found.common:
        return None
    last = tokens(text)[-1].key
    possessive_lost = not text.rstrip().endswith("'")  # "MARCO" is its own name, not Marco's cut short
    entries = [entry for whole in _keys_beginning(key) if len(whole) - len(key) <= CUT_LETTERS
               and not (possessive_lost and whole == key + "s")
               for entry in found.entries(whole, country)
               if last not in {token.key for token in tokens(entry.brand.name)}]  # a letter cut, no word ("Foods Co")
    if len({entry.brand.wikidata or entry.brand.name for entry in entries}) != 1:
        return None
    brand = max(entries, key=lambda entry: entry.strength).brand
    return _found(BrandMatch(brand, text.strip(), CUT_NAME_SCORE), text, opening)


_STORE_FORMATS = frozenset(("wholesale", "supercenter", "supercentre"))  # a chain's format, no trade's word
LOST_LOGO_MIN = 4  # letters of the words lost before it
LAST_WORD_SCORE = 0.7


def _logo_lost_over_its_last_word(header: Sequence[Line], country: str | None,
                                  opening: int | None) -> BrandFound | None:
    """The opening line, a store format's word alone, is the last word of one chain's name, its first word printed
    in a logo the recogniser lost (``WHOLESALE`` over ``Arvada #676``: Costco Wholesale), where no other chain of the
    country ends so, the line under it prints the branch's number or street and no company's legal name follows
    (``WHOLESALE`` over ``KAPPA FOODS INC``); a trade's word over a name is an independent shop's (``PIZZERIA`` /
    ``Da Mario`` is no Sbarro, ``BISTRO`` / ``am Bahnhof`` no IKEA)."""
    if opening is None or country is None or opening + 1 >= len(header) or not digits(header[opening + 1].text) \
            or any(has_legal_form(line.text) for line in header[opening + 1:]):
        return None
    words = tokens(header[opening].text)
    found = directory()
    if len(words) != 1 or words[0].key not in _STORE_FORMATS or found.entries(words[0].key, country):
        return None
    entries = [entry for key in _keys_ending(words[0].key) for entry in found.entries(key, country)]
    if len({entry.brand.wikidata or entry.brand.name for entry in entries}) != 1:
        return None
    text = header[opening].text
    return _found(BrandMatch(entries[0].brand, text.strip(), LAST_WORD_SCORE), text, opening)


@cache
def _keys_ending(word: str) -> tuple[str, ...]:
    """The directory's names that end with ``word`` after LOST_LOGO_MIN letters or more (one scan per format word)."""
    return tuple(key for key in directory().index if key.endswith(word) and len(key) - len(word) >= LOST_LOGO_MIN)


@cache
def _sorted_keys() -> tuple[str, ...]:
    return tuple(sorted(directory().index))


def _keys_beginning(prefix: str) -> list[str]:
    """The directory's names that begin with ``prefix`` and are longer."""
    keys = _sorted_keys()
    start = bisect_right(keys, prefix)
    return list(takewhile(lambda key: key.startswith(prefix), keys[start:start + 50]))




def _stroke_lost_over_a_table(doc: Doc, found: BrandFound) -> bool:
    """A chain named by a faint logo with a bold capital's stroke lost, an R for an A or a P (``MARCO`` for Mapco),
    over a bill served at a table (``served_at_a_table``): a restaurant's own name, not the chain's."""
    printed, name = compact(tokens(found.printed)), compact(tokens(found.brand.name))
    differ = [(a, b) for a, b in zip(printed, name) if a != b]
    return len(printed) == len(name) and len(differ) == 1 and differ[0] in STROKE_LOST_PAIRS \
        and served_at_a_table(doc)


def _cinema_by_its_logo(doc: Doc, header: Sequence[Line], country: str | None) -> BrandFound | None:
    """A cinema chain's logo without its trade's word (``REGAL``, ``ALAMO DRAFTHOUSE``): a logo of two words
    alone, one of a word where the receipt's other lines agree that films are shown (``_shows_films``) and
    none that a table was served; not ``REGAL`` over a manicure or a sofa, ``MARCUS`` over a diner's bill."""
    for line in header:
        match = cinema_logo(line.text, country)
        if match is not None and (len(tokens(match.printed)) > 1
                                  or _shows_films(doc, line.index, match.brand) and not served_at_a_table(doc)):
            return _found(match, line.text, line.index)
    return None


# a film's words on a line (not a phone's ``Screen Protector``, a till's ``Ticket 4411``, a ``Parking Ticket``),
# a ticket's kind alone on its priced line (``2 Adult 25.00``, ``1 Adult Evening 17.25``; not a diner's ``Senior
# Special``, a buffet's ``Adult Buffet``, a barber's ``Senior Cut``)
_FILM_RE = re.compile(r"(?<![A-Z])(?:MOVIES?|FILMS?|SHOWTIMES?|IMAX|AUDITORIUM|MATINEE|POPCORN|CINEMAS?|KINO"
                      r"|VORSTELLUNG|(?:SCREEN|THEAT(?:ER|RE)|SAAL)\W{0,2}#?\d"
                      r"|(?<!PARKING )(?<!LOTTERY )(?<!LOTTO )(?<!RAFFLE )"
                      r"TICKETS?(?!\W{0,2}(?:NO\b|NR\b|#)?\W{0,2}\d{3}))"
                      r"(?![A-Z])")
_TICKET_KIND_RE = re.compile(r"\W*(?:\d{1,2}\s*X?\s*)?(?:ADULTS?|SENIORS?|CHILD(?:REN)?|STUDENTS?)"
                             r"(?:\s+(?:EVENING|MATINEE|PRIME|TWILIGHT|3D|IMAX))?\s+\$?\d{1,3}[.,]\d{2}\b.*")


def _shows_films(doc: Doc, logo: int, brand: Brand) -> bool:
    """A line besides the logo's says a film's word, sells a ticket's kind or names the chain's own loyalty
    scheme (``Regal Crown Club``)."""
    chain = compact(tokens(brand.name))
    return any(line.index != logo and (_FILM_RE.search(ascii_upper(line.text)) or scheme_brand_key(line.text) == chain
                                       or bool(line.amounts) and _TICKET_KIND_RE.fullmatch(ascii_upper(line.text)))
               for line in doc.lines)


def _named_like_a_place(header: Sequence[Line], country: str | None, opening: int | None) -> BrandFound | None:
    """A chain whose whole name reads like an address (``SAVE A LOT``, ``SONIC DRIVE-IN``, ``TRACTOR
    SUPPLY CO``, ``SAKS FIFTH AVENUE``): the receipt's opening line, without a digit (no house number,
    no ZIP code), that is a brand's name or alias and nothing else; or a chain's name opening that line
    and the place its store is named for after it (``Chick-fil-A Hwy 280``, ``Chick-fil-A Mall of
    Georgia``); a store's number may close the line (``SONIC DRIVE-IN #3301``)."""
    for line in header:
        if line.index != opening or not is_address(line.text):
            continue  # the opening line only: not "Market Street" under a shop's name
        text = line.text.strip()
        unnumbered = _STORE_NUMBER_AFTER_RE.sub("", text)  # "SONIC DRIVE-IN #3301": its store's number after it
        suite = _STREET_CLOSING_RE.search(unnumbered) and "#" in text[len(unnumbered):]  # "MARKET STREET #105"
        text = unnumbered if not digits(unnumbered) and not suite else text
        match = match_brand(text, country, opens_receipt=True, sure=_read_surely(line))
        if match is None or digits(match.printed):
            continue
        whole = match.score >= WHOLE_NAME_SCORE and match.printed == text and not digits(text)
        store = text.startswith(match.printed) and match.score >= STORE_NAMED_SCORE \
            and is_address(text[len(match.printed):]) and not is_address(match.printed)
        if whole or store:
            return _found(match, line.text, line.index)
    return None


def _named_before_its_street(header: Sequence[Line], country: str | None) -> BrandFound | None:
    """A store's line under a lost logo or a legal name: a chain's name opening it, the town and a street of its own
    name closing it (``Co-op Food Exeter Sidwell St``); not a street named for a chain (``Tesco Road``), nor an
    address with its house number first."""
    for line in header:
        store = _BEFORE_A_STREET_RE.match(line.text.strip())
        if store is None:
            continue
        match = match_brand(store["store"], country, sure=_read_surely(line))
        if match is not None and line.text.strip().startswith(match.printed) and match.score >= STORE_NAMED_SCORE:
            return _found(match, line.text, line.index)
    return None


# words before a street's own name and its kind closing the line; no house number opening it
_BEFORE_A_STREET_RE = re.compile(r"(?P<store>[^\W\d].*?),?\s+[A-Z][\w'.-]+\s(?:STREET|ST|ROAD|RD|AVENUE|AVE|LANE"
                                 r"|LN|WAY|SQUARE|SQ|PLACE|PL|PARADE|HILL|ROW|GATE|TERRACE|CRESCENT)\.?\s*$",
                                 re.IGNORECASE)


_STORE_NUMBER_AFTER_RE = re.compile(r"\s*(?:STORE|NO\.?|#)\s?#?\s?\d{1,6}(?:-\d{1,4})?\s*$", re.IGNORECASE)
# "MARKET STREET #105": a street and its suite, not a chain's store number ("BURGER STREET STORE 22" is)
_STREET_CLOSING_RE = re.compile(r"\b(?:STREET|ST|AVENUE|AVE|ROAD|RD|BOULEVARD|BLVD|LANE|LN|DRIVE|DR|WAY|PLAZA"
                                r"|SQUARE|SQ)\.?\s*$", re.IGNORECASE)
STORE_NAMED_SCORE = 0.85  # a brand's whole name before the place its store is named for


# "Springfleld. Jou", "Springtield, L 6270": a town's line, its state and ZIP code garbled past an address's shape: a
# word or two, the mark after the town glued to it, a state's few glyphs and maybe the ZIP code's digits
_GARBLED_TOWN_RE = re.compile(r"\s*[^\W\d_]{3,}(?:\s[^\W\d_]{3,})?[.,;]\s+[^\W\d_]{1,3}(?:\s+\d{3,5})?\s*")


def _garbled_town(text: str) -> bool:
    """A town's line under the shop's name, however OCR garbled its state and ZIP code: no brand's name
    (``Springfleld. Jou`` is no Springfield store), even where the name above it is garbled too."""
    return bool(_GARBLED_TOWN_RE.fullmatch(text)) and not has_legal_form(text)


def _names_no_place(text: str) -> bool:
    """Not an address line; a legal name is never one, whatever its OCR slips look like (``MR _
    D.1,Y _ (M) SDN BHD``: a digit and a comma read as a house number)."""
    return not is_address(text) or has_legal_form(text)


def _named_in_footer(doc: Doc, country: str | None, header_end: int) -> BrandFound | None:
    """Where the header names no brand, the footer may, as OCR read it: a web address with its dots
    misread or a letter slipped, a garbled thanks that ends in the name, the shop's own app, or a
    closing line of the name itself (after the last price)."""
    if country is None:
        return None
    footer = [line for line in doc.lines[header_end:] if not line.amounts]
    for line in doc.lines:
        match = _misread_web_address(line.text, country)
        if match is not None:
            return _found(match, match.printed, line.index)
    last_priced = max((line.index for line in doc.lines if any(a.has_decimals for a in line.amounts)), default=-1)
    for line in footer:
        text = _mend_brackets(line.text)
        closing = line.index > last_priced and not any(ch.isdigit() for ch in text)  # not "New Balance 453"
        above = doc.lines[line.index - 1].text if line.index else ""
        match = _named_after_at(text, above, country) or _named_app(text, country) \
            or (_closing_name(text, country) if closing else None)
        if match is not None and not _other_trade(text, match):
            return _found(match, line.text, line.index)
    return None


def _closing_name(text: str, country: str) -> BrandMatch | None:
    """A closing line naming the brand (``McDona Id Restaurart``), not one ordinary word that may
    close any receipt (``Lotto``, ``Shell``: a service sold there)."""
    match = match_brand(text, country)
    return None if match is None or compact(tokens(match.printed)) in directory().common else match


def _mend_brackets(text: str) -> str:
    """A bracket OCR printed for a word's closing l is that l: ``Lid]`` -> ``Lidl``."""
    return _BRACKET_FOR_L_RE.sub("l", text)


def _misread_web_address(text: str, country: str) -> BrandMatch | None:
    """A web address as OCR misread it: dots read as other marks (``WWw _ rossstores , COm``), a
    trade word glued to the name (``rossstores``), or one letter of a long name slipped
    (``contInante.pt``)."""
    for label, tld in _broken_web_addresses(text):
        # the receipt's country, then the web ending's: "contInante.pt" on a receipt taken for Spanish
        for where in dict.fromkeys((country, _CCTLD_COUNTRY.get(tld, tld.upper()) if len(tld) == 2 else country)):
            match = _web_name(label, tld, where) or _web_name_without_affix(label, tld, where)
            if match is not None:
                return match
    return None


def _broken_web_addresses(text: str) -> Iterator[tuple[str, str]]:
    """The name and the ending of each web address ``text`` spells with its dots misread (``_BROKEN_WEB_RES``), or
    without www (``_BARE_WEB_RE``). After www any ending and any marks between; without it a known ending after a
    point, or after a comma a generic one (not a US town's ``Corona, CA``), no digits after a country's ending (a
    state's code and its ZIP: ``Target. CA 95112``), no sentence going on (``Valid in store only . No cash
    value``)."""
    for found in (found for regex in _BROKEN_WEB_RES for found in regex.finditer(text)):
        tld = re.sub(r"\W+", ".", found["tld"].lower())
        generic = tld in _GENERIC_ENDINGS
        pointed = "." in found["dot"] or "," in found["dot"] and generic
        # a sentence goes on: a country's ending with a word after it or in title case ("only . No cash value", "at
        # Target. It's"), a generic one in title case with a word after it ("Ask . Net prices"); not "kroger . com for"
        titled = found["tld"][:1].isupper() and found["tld"][1:].islower()
        sentence = not generic and (found["word"] or titled) or generic and found["word"] and titled
        if found["www"] or pointed and tld.rsplit(".", 1)[-1] in _WEB_ENDINGS and not found["digits"] \
                and not sentence:
            yield found["label"].replace(" ", "").lower(), tld
    for found in _BARE_WEB_RE.finditer(text):
        yield found["label"].lower(), found["tld"].lower()


def _no_name_in_header(doc: Doc, header_end: int) -> bool:
    """The header prints no shop's name: its lines are the address's alone (the logo lost); then the footer's legal
    line names it up to its legal form (``DEICHMANN SE Deichmannweg 9``), not an operator under a café's name."""
    return all(is_address(line.text) or has_postcode(line.text) for line in doc.lines[:header_end])


def _web_name_without_affix(label: str, tld: str, country: str) -> BrandMatch | None:
    """The brand a web address names once its generic affix is dropped (``netto-online.de``: ``netto``)."""
    name = _WEB_AFFIX_RE.sub("", label)
    match = _web_name(name, tld, country) if name != label else None
    return None if match is None else replace(match, printed=f"{label}.{tld}")


# a web address's generic affix around the chain's name: "netto-online.de", "online-rossmann", "xyz-shop.de"
_WEB_AFFIX_RE = re.compile(r"^online-|-online$")


def _web_name(label: str, tld: str, country: str) -> BrandMatch | None:
    """The brand a web address's name gives in ``country``: exactly, with a filler word glued on,
    or within one OCR slip of a long name."""
    printed = f"{label}.{tld}"
    exact = match_domain(f"www.{printed}", country)
    if exact is not None:
        return exact
    glued = match_brand(label, country)  # "rossstores": the name and a filler word
    if glued is not None and glued.printed == label:
        return BrandMatch(glued.brand, printed, glued.score)
    key = fold_word(label.replace("-", ""))
    if len(key) < DOMAIN_SLIP_MIN or not key.isascii():
        return None
    near = process.extractOne(key, _domain_names(country), scorer=Levenshtein.distance, score_cutoff=1)
    if near is None:
        return None
    entry = next(e for e in directory().entries(near[0], country) if e.strength == NAME)
    return BrandMatch(entry.brand, printed, round(1 - near[1] / len(key), 3))


@cache
def _domain_names(country: str) -> tuple[str, ...]:
    """The directory's own names (not aliases) of 8+ letters trading in ``country``, ordinary words
    among them: in a web address "continente" is the shop, not the word."""
    found = directory()
    return tuple(key for key in found.index if len(key) >= DOMAIN_SLIP_MIN and key.isascii()
                 and any(e.strength == NAME for e in found.entries(key, country)))


def _named_after_at(text: str, above: str, country: str) -> BrandMatch | None:
    """The words closing a thanks after "at" are the brand, all of them, however garbled the rest
    (``T4AN/( You FCF StjPJI 9 AT STOP 6 SHOP``, or ``At Guardian`` under ``Thank You For Shopping``);
    not a partner's offer (``Earn points at Shell``)."""
    found = _AT_NAME_RE.search(text)
    if found is None or not _thanks_word(f"{above} {text[:found.start('name')]}"):
        return None
    match = match_brand(found["name"], country)
    return match if match is not None and match.printed == found["name"].strip(" '\"") else None


def _thanks_word(text: str) -> bool:
    """A word of thanks or of the visit (``You``, ``THANKS``, ``SHOPPlNG``), one letter misread at most."""
    words = re.findall(r"[A-Z]{3,}", fold(text))
    return any(known_word(word, _THANKS_WORDS, SLIP_MIN) for word in words)


def _named_app(text: str, country: str) -> BrandMatch | None:
    """The word(s) before "App" name the shop's own app: ``Lade dir die Lidl Plus App herunter``."""
    found = _APP_RE.search(text)
    if found is None:
        return None
    words = found["name"].split()
    for start in range(len(words) - 1, -1, -1):
        match = match_brand(" ".join(words[start:]), country)
        if match is not None and match.score == 1.0:
            return match
    return None


def _best_named(printed: Iterable[tuple[str, int, bool]], country: str | None,
                opening: int | None) -> BrandFound | None:
    """The best-scored brand that one of the (text, line index, read surely) triples names in its
    own trade; ``opening``: the index of the receipt's first line of words."""
    best: BrandFound | None = None
    for text, index, sure in printed:
        match = match_brand(text, country, opens_receipt=index == opening, sure=sure)
        if match is not None and not _other_trade(text, match) and (best is None or match.score > best.score):
            best = _found(match, text, index)
    return best


def _longer_logo(line: BrandFound | None, logo: BrandFound | None) -> BrandFound | None:
    """The brand one header line names, unless the logo printed over two lines names another more
    surely (``TOBY`` / ``CARVERY``), or one of another trade whose name runs on into the second line
    (``BJS`` / ``WHOLESALE CLUB``: the warehouse club, not BJ's Restaurant; ``TESCO`` / ``Express``
    stays Tesco)."""
    if line is None or logo is None or logo.brand == line.brand or logo.line != line.line:
        return line or logo
    if logo.score > line.score:
        return logo  # "TOBY" / "CARVERY": the whole logo, not a short name a slip away (TCBY)
    return logo if logo.brand.category != line.brand.category and len(logo.printed.split()) > len(
        line.printed.split()) else line


SURE_READ = 0.75  # a line's mean word confidence from which the recogniser read it as printed


def _logo_runs_on_in_another_trade(header: Sequence[Line], found: BrandFound) -> bool:
    """The line naming a brand is the first half of a logo printed over two lines whose second names
    another trade: ``MAC'S`` / ``TAVERN`` is a bar, not Circle K's Mac's; ``BOB'S`` / ``DINER`` no
    clothes shop. Only a name read as one of the brand's aliases, not its whole name: ``GLOBUS`` /
    ``SB-Warenhaus``, ``GetGo`` / ``Cafe + Market`` are the brand's own."""
    return found.score < WHOLE_BRAND_SCORE and _read_as_its_alias(found) and any(
        first.index == found.line and _other_trade(f"{found.printed} {second.text}", found)
        for first, second in _split_logos(header))


def _read_as_its_alias(found: BrandFound) -> bool:
    """The line spells one of the brand's aliases exactly (``MAC'S`` for Circle K): not the brand's own name in
    an ordinary word (``TARGET`` / ``CAFE``, ``GIANT`` / ``FUEL``), nor its name with a letter misread (``FRFD MEYER``
    / ``FUEL CENTER``)."""
    key = compact(tokens(found.printed))
    return any(entry.brand == found.brand and entry.strength == ALIAS for entry in directory().entries(key, None))


def _under_an_owners_name(header: Sequence[Line], found: BrandFound, country: str | None) -> bool:
    """The brand's line is the second of a logo under an owner's name in the possessive that names no
    brand itself: ``ARNOLD'S`` / ``COUNTRY KITCHEN`` is Arnold's, not the Country Kitchen chain."""
    above = next((line for line in header if line.index == found.line - 1), None)
    return above is not None and bool(_OWNERS_NAME_RE.fullmatch(above.text.strip())) \
        and match_brand(above.text, country) is None


_OWNERS_NAME_RE = re.compile(r"(?:[^\W\d_]+\s)?[^\W\d_]+['’`][Ss]")


def _read_surely(line: Line) -> bool:
    return line.confidence >= SURE_READ


def _split_logos(lines: Sequence[Line]) -> Iterator[tuple[Line, Line]]:
    """Two adjacent short lines of words that may be one logo printed over two lines
    (``SALVATION`` / ``ARMY``), none of them an address or a line with numbers."""
    for first, second in zip(lines, lines[1:]):
        if _logo_part(first.text) and _logo_part(second.text):
            yield first, second


def _logo_part(text: str) -> bool:
    """A short line of words: digits only where OCR took them for letters inside a word (``R2O5S``,
    ``DRe5s``), not a number (``JOE'S 75``)."""
    words = text.split()
    return 0 < len(words) <= LOGO_PART_WORDS and all(_letters_word(word) for word in words) and not is_address(text)


def _letters_word(word: str) -> bool:
    """A word of letters, some of them maybe read as digits (more letters than digits)."""
    return not digits(word) or letters(word) > digits(word)


def _other_trade(text: str, match: BrandMatch | BrandFound) -> bool:
    """The line names a trade that is not the brand's (``The Loft Restaurant`` is no clothes shop),
    in the words around the brand's name: its own words are no trade (``Panera Bread`` sells no bread),
    nor is a legal form (the ``KG`` of ``GmbH + Co. KG`` is no kilogram of a grocer's)."""
    around = without_legal_forms(text.replace(match.printed, " ", 1))
    category = match.brand.category
    kin = _KINDRED_TRADES.get(category, ())
    return not mentions(around, category) and any(mentions(around, other) for other in CATEGORIES
                                                  if other != category and other not in kin)


# a fuel station's shop sells groceries ("SHELL FOOD MARKET", "CIRCLE K MARKET"); a cinema serves meals at
# the seats ("AMC DINE-IN BURBANK 16")
_KINDRED_TRADES = {"fuel": ("grocery",), "cinema": ("restaurant",)}


def _found(match: BrandMatch, printed: str, index: int) -> BrandFound:
    return BrandFound(match.brand, squash_spaces(printed), index, match.score)


def countries_of_its_name(brand: Brand) -> frozenset[str]:
    """The countries of every chain of the directory that ``brand``'s own name names (``A&W``: the American, the
    Canadian and the Malaysian chain; ``Londis``: the British and the Irish)."""
    entries = directory().index.get(compact(tokens(brand.name)), ())
    return frozenset(brand.countries).union(*(entry.brand.countries for entry in entries))
