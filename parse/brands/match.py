"""Printed lines and web addresses resolved to brands of the directory."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .directory import ALIAS, NAME, Brand, Directory, Entry, directory
from .fold import Token, compact, fold_word, tokens
from .programmes import SURVEY_KEYS, company_brand_key, scheme_brand_key, slogan_brand_key
from .words import FAMILY_TRADES, FILLER, GREETINGS, LEGAL_FORMS, LEGAL_NAME_TRADES, OTHER_TRADES, RECEIPT_WORDS

MAX_LINE = 80  # characters; longer lines are prose, addresses or item lists
MAX_WORDS = 4  # a brand name is at most this many words
MAX_FREE_TAIL = 2  # other words (a place, an owner) after a distinctive name
DISTINCTIVE = 8  # letters; a name this long may have such words after it
LEGAL_MIN = 4  # letters; a name this long may stand in a legal name with an owner's name after it
GLUED_GREETING_MIN = 3  # letters; "WELCOMETO" is split off a glued word, "A" (AMEXX) is not
CLEAN, LEGAL, FREE, MORE = "clean", "legal", "free", "more"  # what follows the brand on its line
OPENING = "opening"  # a few other words after the brand on the receipt's first line ("EDEKA Mueller": its owner)
# the trade whose chains' stores print their franchisee after the chain's short name ("REWE Josef Seifert");
# a short name of another trade before other words is a surname ("Mueller Reisen", "Ross Hardware")
FRANCHISED = "grocery"
MAX_CO_BRAND_WORDS = 3  # words of a second chain after "&" on a co-branded store's line
NAMED_FOR_ITS_PLACE = "cinema"  # the trade whose chains name each house for its place ("AMC Lincoln Square 13")
OWNED = "owned"  # a legal name with its owner's first name before the brand ("Dirk Rossmann GmbH")

_AMOUNT_OR_DATE = re.compile(r"\d[.,]\d\d(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2}")
_GLUED_FILLER = re.compile("(?:(?:" + "|".join(sorted(FILLER, key=len, reverse=True)) + r")\d{0,4})+")
_GLUED_GREETING = re.compile("(?:" + "|".join(sorted(GREETINGS, key=len, reverse=True)) + ")+")
_LOST_LETTER = re.compile(r"\s*[~^`´'’\"*°]")  # a mark OCR printed for a first letter it could not read
_DOMAIN = re.compile(r"(?:@|\bwww\.|https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,6})\b", re.IGNORECASE)
_COMMON_TLDS = frozenset("com net org info biz shop store de at ch uk ie fr es it nl be lu pt pl cz dk se no fi "
                         "us ca au nz eu".split())
_SECOND_LEVEL = frozenset("co com net org gov edu ac ltd plc".split())
_CCTLD_COUNTRY = {"uk": "GB"}


@dataclass(frozen=True)
class BrandMatch:
    brand: Brand
    printed: str  # the words of the line that named it
    score: float  # 1.0: the brand's name, exactly (folded); less: an alias, other words, OCR slips


class Span(NamedTuple):
    start: int  # first word
    end: int  # past the last word
    tail: str  # CLEAN, LEGAL, FREE or MORE


class Hit(NamedTuple):
    entry: Entry
    span: Span
    distance: int  # OCR edits between the printed words and the name


def match_brand(text: str, country: str | None = None, opens_receipt: bool = False,
                sure: bool = False) -> BrandMatch | None:
    """The brand one printed line names (a logo or legal-name line), or None.

    The brand must stand at the start of the line (after a greeting such as "Welcome to") and be
    followed only by filler words (legal forms, trade words, store numbers); a line ending in a
    legal form may name an owner too, and a distinctive name (8+ letters) two other words (a place,
    a branch), or any number on the line that ``opens_receipt`` (the first line of words).
    ``country`` (ISO alpha-2) keeps the brands trading there or worldwide. Without it every brand
    counts but the evidence must be stronger: no names that are ordinary words ("Target"), no other
    words after a name, no OCR-distance match; among equal names a supermarket, fuel or pharmacy
    chain wins, then the most widespread. ``sure``: the recogniser read the line surely; a name near
    it then differs from it only by the glyphs OCR confuses (``Mario's Pizza`` is no ``Marco's Pizza``).
    """
    if len(text) > MAX_LINE or _AMOUNT_OR_DATE.search(text):
        return None
    printed, text = text, _COOPERATIVE.sub(_as_one_word, text)
    found = _match_line(text, country, opens_receipt, sure, printed=printed)
    ampersand = _AMPERSAND_READ.sub(" & ", text) if found is None else text
    return _match_line(ampersand, country, opens_receipt, sure, printed=printed) if ampersand != text else found


# a Spanish cooperative's legal form, its dots splitting it into words ("CONSUM S.COOP.V.", "SOC. COOP.")
_COOPERATIVE = re.compile(r"\bS(?:OC)?\.\s?COOP\.(?:\s?V\.)?", re.IGNORECASE)


def _as_one_word(form: re.Match[str]) -> str:
    """The cooperative's form as one word of the legal forms, as long as printed (the words keep their places)."""
    return "SOCCOOP".ljust(len(form.group()))


# an "&" between two words of a name read as a lone "a" or "8" ("Barnes a Noble", "STOP 8 SHOP")
_AMPERSAND_READ = re.compile(r"(?<=[^\W\d_]) [aA8] (?=[^\W\d_])")


def _match_line(text: str, country: str | None, opens_receipt: bool, sure: bool,
                printed: str | None = None) -> BrandMatch | None:
    """``match_brand`` on ``text``; the words named are quoted from ``printed`` (the line as printed,
    of the same length), where given."""
    words = tokens(text)
    if all(w.number or w.key in FILLER or w.key in RECEIPT_WORDS or w.key in GREETINGS for w in words):
        return _named_by_a_till_word(words, printed or text, country, opens_receipt)
    found = directory()
    spans = [span for span in _spans(words, opens_receipt) if not _runs_on(text, words, span)]
    unowned = [span for span in spans if span.tail != OWNED]  # an owner's name: the brand's exactly
    hit = _exact(found, text, words, spans, country) or _glued(found, words, unowned, country) \
        or _fuzzy(found, words, unowned, country, sure) or _first_letter_lost(found, text, words, unowned, country) \
        or _short_name_before_its_trade(found, text, words, spans, country) \
        or (_short_logo_slipped(found, text, words, spans, country, sure)
            or _short_logo_over_its_trade(found, text, words, country, sure) if opens_receipt else None)
    if hit is None:
        return None
    first, last = words[hit.span.start], words[hit.span.end - 1]
    return BrandMatch(hit.entry.brand, (printed or text)[first.start:last.end], _score(found, hit, words))


# till words that label an amount: alone on the opening line, a totals row of a receipt cut at the top
_AMOUNT_LABELS = frozenset(("total", "net", "change"))
TILL_WORD_SCORE = 0.8


_VAT_TABLE_WORDS = frozenset({"netto"})  # a chain named by a VAT table's word; not "Welcome" over a pub's name


def _named_by_a_till_word(words: list[Token], printed: str, country: str | None,
                          opens_receipt: bool) -> BrandMatch | None:
    """A chain named by a till's word (Netto) where only a name stands: before a legal form on its legal name's
    line (``Netto ApS & Co. KG``, ``Netto Stiftung & Co. KG``), or alone on the receipt's opening line (not an
    amount's label: ``TOTAL``); never a VAT table's ``Netto`` (amounts beside it, or other words)."""
    named = [(at, w) for at, w in enumerate(words) if not w.number and w.key not in FILLER]
    if country is None or len(named) != 1:
        return None
    at, word = named[0]
    legal_line = at == 0 and len(words) > 1 and words[-1].key in LEGAL_FORMS
    logo_alone = opens_receipt and len(words) == 1 and word.key not in _AMOUNT_LABELS
    entries = [entry for entry in directory().till_word_index.get(word.key, ()) if entry.brand.trades_in(country)]
    if word.key not in _VAT_TABLE_WORDS or not entries or not (legal_line or logo_alone):
        return None
    return BrandMatch(_best(entries, country).brand, printed[word.start:word.end], TILL_WORD_SCORE)


def match_domain(text: str, country: str | None = None) -> BrandMatch | None:
    """The brand of a web address or mail domain printed on a receipt (``www.walgreens.com``,
    ``info@lidl.de``). A country-code domain stands for ``country`` when that is not given."""
    match = _DOMAIN.search(text)
    if not match or not (match.group(0)[:1] in "@wWhH" and match.group(0) != match.group(1)
                         or match.group(1).lower().rsplit(".", 1)[-1] in _COMMON_TLDS):
        return None  # "POM.LEB.W.AP.ZW." is an item's abbreviation: a web address says www, @ or a known ending
    labels = match.group(1).lower().split(".")
    tld = labels.pop()
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    if len(tld) == 2 and country is None:
        country = _CCTLD_COUNTRY.get(tld, tld.upper())
    key = fold_word(labels[-1].replace("-", ""))
    key = SURVEY_KEYS.get(key, key)  # a chain's own survey site ("www.mcdvoice.com")
    found = directory()
    entries = found.web_entries(key, country)  # a brand of another country is not this shop
    if not entries and "and" in key[1:-1]:  # "smartandfinal.com", "stopandshop.com": the name's ampersand spelled
        entries = found.entries(re.sub(r"(?<=.)and(?=.)", "", key), country)
    if not entries:
        return None
    entry = _best(entries, country)
    return BrandMatch(entry.brand, match.group(1), 0.9 if entry.strength == ALIAS else 1.0)


def match_scheme(text: str, country: str | None) -> BrandMatch | None:
    """The brand whose own loyalty scheme a line names (``ExtraCare Card #: ****4410``: CVS)."""
    key = scheme_brand_key(text)
    entries = [e for e in directory().entries(key, country) if e.strength == NAME] if key else []
    return BrandMatch(_best(entries, country).brand, text.strip(), 0.9) if entries and country else None


def match_slogan(text: str, country: str | None) -> BrandMatch | None:
    """The chain whose own slogan a line is (``Save money. Live better.``: Walmart), or whose company's legal name
    opens it (``Co-operative Group Limited``: Co-op Food)."""
    key = slogan_brand_key(text) or company_brand_key(text)
    entries = [e for e in directory().entries(key, country) if e.strength == NAME] if key else []
    return BrandMatch(_best(entries, country).brand, text.strip(), 0.8) if entries else None


_MERCHANTS_FORMS = frozenset(("ek", "kfm", "kfr"))


def _spans(words: list[Token], opens_receipt: bool) -> list[Span]:
    """Word spans that may be the brand, longest first: only greetings or filler words before
    them, and after them filler words, a legal name's owner and form, or a few other words
    (any number on the receipt's first line)."""
    named = [w for w in words if not w.number]
    # a legal name: a legal form at the end, or before its place ("ALDI GmbH & Co. KG Mülheim")
    legal_name = any(w.key in LEGAL_FORMS for w in named[-1 - MAX_FREE_TAIL:])
    # a trade's word is filler in a chain's legal name ("C&A Mode GmbH"), not beside an owner's ("Mode Müller",
    # "Lebensmittel Schäfer e.K.": a registered merchant's form is no chain's)
    company = legal_name and not any(w.key in _MERCHANTS_FORMS for w in named[-1 - MAX_FREE_TAIL:])
    filler = [w.number or w.key in FILLER and (company or w.key not in LEGAL_NAME_TRADES) for w in words]
    n = len(words)
    lead = [all(filler[i] or words[i].key in GREETINGS for i in range(j)) for j in range(n + 1)]
    others_after = [sum(not f for f in filler[k:]) for k in range(n + 1)]
    spans = []
    for j in (j for j in range(n) if lead[j]):
        traded = any(words[i].key in LEGAL_NAME_TRADES for i in range(j))
        for k in range(j + 1, min(n, j + MAX_WORDS) + 1):
            if all(filler[j:k]) or traded and len(compact(words[j:k])) < Directory.FUZZY_MIN:
                continue  # a trade's word before a short name ("Moden Wolf GmbH"): the owner's, not a chain's
            others = others_after[k]
            owner_after = opens_receipt and not any(w.key in OTHER_TRADES for w in words[k:])
            tail = CLEAN if not others else LEGAL if legal_name \
                else (OPENING if owner_after else FREE) if others <= MAX_FREE_TAIL else MORE if opens_receipt else None
            if tail:
                spans.append(Span(j, k, tail))
    if legal_name and n > 2 and not lead[1] and words[0].key.isalpha() and not filler[1] and all(filler[2:]):
        spans.append(Span(1, 2, OWNED))  # "Dirk Rossmann GmbH": one word, the brand, then its legal form
    return sorted(spans, key=lambda s: (s.start - s.end, s.tail != CLEAN, s.start))


def _runs_on(text: str, words: list[Token], span: Span) -> bool:
    """A one-word name running on past its word with an ampersand (``Hudson & Vine``, ``Marshall &
    Rose``): a name of its own, not the brand's; not before a legal form (``Aldi & Co.``), a trade's
    word (``EDEKA & Baeckerei Schmidt``) or a second chain (``Marshalls & HomeGoods``, ``Shell & Subway``),
    nor a brand of two words (``Pizza Hut & WingStreet``)."""
    if span.end >= len(words) or span.end - span.start >= 2:
        return False
    after = words[span.end]
    if "&" not in text[words[span.end - 1].end:after.start] or after.number \
            or after.key in FILLER or after.key in OTHER_TRADES or after.key in FAMILY_TRADES:
        return False
    return not any(directory().entries(compact(words[span.end:end]), None)
                   for end in range(span.end + 1, min(len(words), span.end + MAX_CO_BRAND_WORDS) + 1))


def _allowed(found: Directory, key: str, span: Span, entry: Entry, country: str | None) -> bool:
    """Ordinary words need a country and a clean line; other words after a name need a country and
    a distinctive name, more than two of them its own name, except a grocery chain's own name of 4+
    letters opening the receipt before its franchisee's; a legal name's owner needs a name of 4+
    letters; short names must be names."""
    strength = entry.strength
    if key in found.common:
        return span.tail == CLEAN and country is not None
    if span.tail == LEGAL:
        return len(key) >= LEGAL_MIN and key not in found.whole_line_only
    if span.tail == OPENING and len(key) >= LEGAL_MIN and strength == NAME and country is not None \
            and entry.brand.category == FRANCHISED:
        return True  # a franchise's owner or branch after the chain's own name: "EDEKA Mueller", "REWE Schmidt"
    if span.tail in (FREE, OPENING):
        return len(key) >= DISTINCTIVE and strength != ALIAS and country is not None
    if span.tail in (MORE, OWNED):
        return len(key) >= DISTINCTIVE and strength == NAME and country is not None
    return len(key) > Directory.SHORT or strength != ALIAS


def _best(entries: list[Entry], country: str | None) -> Entry:
    if country is None:
        return max(entries, key=lambda e: e.strength)  # the rank order breaks ties
    return max(entries, key=lambda e: (e.strength, country in e.brand.countries))


def _lookup(found: Directory, key: str, span: Span, country: str | None) -> Entry | None:
    entries = [e for e in found.entries(key, country) if _allowed(found, key, span, e, country)]
    return _best(entries, country) if entries else None


def _exact(found: Directory, text: str, words: list[Token], spans: list[Span], country: str | None) -> Hit | None:
    for span in spans:
        key = compact(words[span.start:span.end])
        if key in found.whole_line_only and (span.start, span.end, span.tail) != (0, len(words), CLEAN):
            continue
        if key in found.short_spellings and not _short_ok(found, key, text, words, span):
            continue
        entry = _lookup(found, key, span, country) or _cinemas_house(found, key, text, words, span, country)
        if entry and not _trade_word_without_its_marks(found, key, entry, text):
            return Hit(entry, span, 0)
    return None


def _trade_word_without_its_marks(found: Directory, key: str, entry: Entry, line: str) -> bool:
    """A chain named by a trade's ordinary word and a mark (``&pizza``) is named only by a line with its
    mark: ``PIZZA`` printed under ``TONY'S`` says what the shop sells."""
    marks = {ch for ch in entry.brand.name if not ch.isalnum() and not ch.isspace()}
    return key in found.common and key in OTHER_TRADES and not marks <= set(line)


# words that say a line names a cinema's house ("AMC DINE-IN BURBANK 16", "REGAL IMAX")
_HOUSE_WORDS = frozenset(token.key for word in ("DINE", "DINEIN", "IMAX", "CINEMA", "CINEMAS", "THEATRE", "THEATRES",
                                                 "THEATER", "THEATERS", "LUXE", "STADIUM", "KINO", "MULTIPLEX")
                         for token in tokens(word))
MAX_SCREENS_DIGITS = 2  # "AMC BURBANK 16": a house's screens, not a store's number


def _cinemas_house(found: Directory, key: str, text: str, words: list[Token], span: Span,
                   country: str | None) -> Entry | None:
    """A cinema chain's own name, as printed, opening the line before its house's place and screens
    (``AMC BURBANK 16``, ``CINEMARK TINSELTOWN 17``) or a cinema's word (``AMC DINE-IN ...``); not a
    shop of another trade that shares the name (``AMC DELI 2``, ``VILLAGE BAKERY CAFE``, ``ODEON BAR & GRILL``)."""
    if span.start or span.tail not in (FREE, OPENING, MORE) or country is None:
        return None
    rest = words[span.end:]
    traded = any(w.key in OTHER_TRADES or w.key in FAMILY_TRADES for w in rest)
    screens = _screens_close(text, words) and len(rest) >= 2 and not traded
    if not screens and not any(w.key in _HOUSE_WORDS for w in rest):
        return None
    entries = [entry for entry in found.entries(key, country)
               if entry.strength == NAME and entry.brand.category == NAMED_FOR_ITS_PLACE]
    return _best(entries, country) if entries else None


# the trade's word a cinema chain's directory name closes with and its logo leaves off ("Regal Cinemas": REGAL)
_CINEMAS_OWN_WORDS = frozenset(fold_word(word) for word in ("cinema", "cinemas", "theatre", "theatres", "theater",
                                                            "theaters"))
LOGO_WITHOUT_TRADE_SCORE = 0.8


def cinema_logo(text: str, country: str | None) -> BrandMatch | None:
    """The cinema chain whose directory name is the line's words and its trade's word (``REGAL`` for Regal
    Cinemas, ``ALAMO DRAFTHOUSE`` for Alamo Drafthouse Cinema): the logo as the chain prints it. Only a
    name no brand has of its own, the line that name alone; whether the receipt is a cinema's its other
    lines say (``parse.brand``): ``REGAL`` may be a nail bar or a sofa's maker."""
    words = tokens(text)
    if country is None or not words or any(word.number for word in words):
        return None
    entries = [entry for entry in _cinemas_by_their_logos().get(compact(words), ()) if entry.brand.trades_in(country)]
    return BrandMatch(_best(entries, country).brand, text.strip(), LOGO_WITHOUT_TRADE_SCORE) if entries else None


@cache
def _cinemas_by_their_logos() -> dict[str, list[Entry]]:
    """Cinema chains by their names without the trade's word closing them, where no brand is named so."""
    found = directory()
    logos: dict[str, list[Entry]] = defaultdict(list)
    for brand in found.brands:
        words = tokens(brand.name)
        if brand.category != NAMED_FOR_ITS_PLACE or len(words) < 2 or words[-1].key not in _CINEMAS_OWN_WORDS:
            continue
        logo = compact(words[:-1])
        if len(logo) > Directory.SHORT and logo not in found.index:
            logos[logo] += [entry for entry in found.entries(compact(words), None)
                            if entry.brand == brand and entry.strength == NAME]
    return dict(logos)


def _short_ok(found: Directory, key: str, text: str, words: list[Token], span: Span) -> bool:
    """A name of 3 letters or fewer, printed as the brand spells it, on a line without numbers but its store's."""
    printed = text[words[span.start].start:words[span.end - 1].end]
    numbered = [w for w in words if w.number]
    screens = numbered == words[-1:] and _screens_close(text, words) \
        and any(entry.brand.category == NAMED_FOR_ITS_PLACE for entry in found.entries(key, None))  # "AMC BURBANK 16"
    store = numbered == words[-1:] and bool(_STORE_NUMBER_CLOSING_RE.search(text))  # "H-E-B #0014", "QFC #0816"
    return "".join(printed.lower().split()) in found.short_spellings[key] and (not numbered or screens or store)


_STORE_NUMBER_CLOSING_RE = re.compile(r"#\s?\d{2,6}\s*$")


def _screens_close(text: str, words: list[Token]) -> bool:
    """The line closes with a house's screens (``AMC BURBANK 16``), not a store's number."""
    last = text[words[-1].start:words[-1].end]
    return last.isdigit() and len(last) <= MAX_SCREENS_DIGITS


SHORT_SLIP_MIN = 4  # letters; a shorter logo with a letter misread is too near too many names
# a four-letter logo one slip off is read only as a grocer's, a filling station's or a chemist's, the chains that
# print their logo alone on top (``RFWE``, ``LIOL``): of other trades too many are one slip from a word or a name
# (``TOBY``, ``MODO``, ``VOLK``)
_FOUR_LETTER_SLIP_TRADES = frozenset(("grocery", "fuel", "drugstore", "pharmacy"))
# digits OCR reads for letters in a short logo ("SHEET2", "H-E-8"; 0, 1 and 5 fold to letters already)
_DIGITS_AS_LETTERS = str.maketrans("826", "bzg")
_LOOK_ALIKE_LETTERS = str.maketrans("l1|0826", "iiiobzg")


def _short_logo_slipped(found: Directory, text: str, words: list[Token], spans: list[Span],
                        country: str | None, sure: bool = False) -> Hit | None:
    """A short chain's logo alone on the receipt's opening line, one glyph OCR read as a look-alike:
    a digit for a letter (``SHEET2``, ``H-E-8``, ``0BI``), or, in a name of 5 or 6 letters (4 of
    ``_FOUR_LETTER_SLIP_TRADES``), one of the ``_LOGO_SLIPS`` (``EDFKA``, ``TARQET``, ``RFWE``) where no other
    name is as near; on a line read unsurely, one of ``_STROKES_LOST`` too (``_stroke_lost``); no ordinary word,
    and no other letters: ``PETRA`` and ``TORO`` are names of their own, not Petro and Taro."""
    whole = next((span for span in spans if (span.start, span.end, span.tail) == (0, len(words), CLEAN)), None)
    if whole is None or country is None:
        return None
    query = compact(words).translate(_DIGITS_AS_LETTERS)
    if not query.isascii() or not query.isalpha() or any(w.key in RECEIPT_WORDS or w.key in GREETINGS for w in words):
        return None
    if len(query) <= Directory.SHORT:  # spelled as the brand spells it ("H-E-B"), a look-alike apart
        printed = "".join(text[words[0].start:words[-1].end].lower().split()).translate(_LOOK_ALIKE_LETTERS)
        spelled = {spelling.translate(_LOOK_ALIKE_LETTERS) for spelling in found.short_spellings.get(query, ())}
        entry = _lookup(found, query, whole, country) if printed in spelled else None
        return Hit(entry, whole, 1) if entry else None
    if len(query) >= Directory.FUZZY_MIN or query in found.common or query in found.near_common:
        return None
    if query in found.index:  # a digit for a letter ("SHEET2"), or another country's chain spelled exactly
        near = [query] if query in found.short_keys(country).get(len(query), ()) else []  # (DENNER is no Dehner)
    elif len(query) < SHORT_SLIP_MIN:
        return None
    else:
        near = [key for key in found.short_keys(country).get(len(query), ()) if _one_logo_slip(query, key)
                and (len(query) > SHORT_SLIP_MIN or query[0] == key[0] and any(  # not FLAN for Elan: its first letter
                    entry.brand.category in _FOUR_LETTER_SLIP_TRADES for entry in found.entries(key, country)))] \
            or ([] if sure else _stroke_lost(query, country))
    entries = [e for e in found.entries(near[0], country) if e.strength != ALIAS] if len(near) == 1 else []
    return Hit(_best(entries, country), whole, 1) if entries else None


# the letters a logo's bold capitals come out as most often: an E whose lower bar OCR lost, a Y's stem,
# a G's bar read as a Q's tail (``TARQET``), round capitals for one another (``CDSTCO``, ``EOEKA``), a U's
# bowl lost (``SATVRN``), a K's arms crossed (``EDEXA``)
_LOGO_SLIPS = frozenset((("f", "e"), ("v", "y"), ("q", "g"), ("d", "o"), ("o", "d"), ("o", "c"), ("c", "o"),
                         ("v", "u"), ("x", "k")))  # not an n for an m: "LUNA'S", "ADNAN'S", "BRAUN'S" are names


def _one_logo_slip(printed: str, name: str, slips: frozenset[tuple[str, str]] = _LOGO_SLIPS) -> bool:
    differ = [(a, b) for a, b in zip(printed, name) if a != b]
    return len(differ) == 1 and differ[0] in slips


# a stroke a bold logo's capital lost: an A's bar or a P's bowl left open as an R (``EDEKR``, ``NORMR``, ``KAMRS``)
STROKE_LOST_PAIRS = frozenset((("r", "a"), ("r", "p")))  # (as read, as printed)
_STROKES_LOST = _LOGO_SLIPS | STROKE_LOST_PAIRS
# the trades whose chains print their logo alone on top: grocers, filling stations, chemists and bakeries
_LOGO_ON_TOP_TAGS = frozenset(("shop=supermarket", "shop=convenience", "amenity=fuel", "shop=chemist",
                               "amenity=pharmacy", "shop=bakery"))


def _stroke_lost(printed: str, country: str) -> list[str]:
    """The one chain of ``_LOGO_ON_TOP_TAGS`` of ``country`` whose name ``printed`` is, a stroke of one capital
    lost (``_STROKES_LOST``), or one of the ``_LOGO_SLIPS``; chains named by an ordinary word too (``PENNV``,
    ``NORMR``), as the printed word is none; its first letter as printed (``SNELL``, ``RENNY`` are names)."""
    near = [key for key in _logo_on_top_names(country).get(len(printed), ())
            if printed[0] == key[0] and _one_logo_slip(printed, key, _STROKES_LOST)]
    return near if len(near) == 1 else []


@cache
def _logo_on_top_names(country: str) -> dict[int, tuple[str, ...]]:
    """The own names of 4 to 6 letters of ``country``'s chains of ``_LOGO_ON_TOP_TAGS``, by length."""
    found, by_length = directory(), defaultdict(list)
    for key in found.index:
        if Directory.SHORT < len(key) < Directory.FUZZY_MIN and key.isascii() and key not in found.whole_line_only \
                and any(e.strength == NAME and e.brand.tag in _LOGO_ON_TOP_TAGS for e in found.entries(key, country)):
            by_length[len(key)].append(key)
    return {length: tuple(keys) for length, keys in by_length.items()}


# a chain's trade as the words after its short name say it ("JET Tankstellen", "OBI Bau- und Heimwerkermärkte")
_TRADE_WORDS = {fold_word(word): category for words, category in (
    ("tankstelle tankstellen", "fuel"), ("apotheke apotheken drogerie drogeriemarkt drogeriemärkte", "pharmacy"),
    ("bau baumarkt baumärkte heimwerkermarkt heimwerkermärkte", "retail"),
    ("supermarkt supermärkte lebensmittel", "grocery")) for word in words.split()}


def _short_name_before_its_trade(found: Directory, text: str, words: list[Token], spans: list[Span],
                                 country: str | None) -> Hit | None:
    """A chain's name of 3 letters, as it spells it, opening a legal name before a word of the chain's own trade
    (``HEM Tankstellen Deutsche Tamoil GmbH``, ``OBI Bau- und Heimwerkermärkte GmbH``); not a firm of another
    trade (``ABC Immobilien GmbH``)."""
    span = next((span for span in spans if (span.start, span.end, span.tail) == (0, 1, LEGAL)), None)
    if span is None or country is None or len(words) < 2 or len(words[0].key) != Directory.SHORT \
            or not _short_ok(found, words[0].key, text, words, span):
        return None
    entries = [entry for entry in found.entries(words[0].key, country)
               if entry.strength == NAME and entry.brand.category == _TRADE_WORDS.get(words[1].key)]
    return Hit(_best(entries, country), span, 0) if entries else None


# a short logo's capital read with a stroke lost: an E's lower bar (``JFT``), a P's bowl left open (``RLUS``)
_SHORT_STROKES_LOST = frozenset((("f", "e"), ("r", "p")))


def _short_logo_over_its_trade(found: Directory, text: str, words: list[Token], country: str | None,
                               sure: bool) -> Hit | None:
    """A chain's logo of 3 letters read unsurely with one of the ``_SHORT_STROKES_LOST``, over the words of the
    chain's own trade (``JFT`` / ``Tankstelle``): the one such chain of ``country``."""
    trades = {_TRADE_WORDS.get(word.key) for word in words[1:]}
    if sure or country is None or len(words) < 2 or None in trades or len(trades) != 1 \
            or len(words[0].key) != Directory.SHORT or words[0].number:
        return None
    printed = text[words[0].start:words[0].end].lower().translate(_LOOK_ALIKE_LETTERS)
    entries = [entry for key, spellings in found.short_spellings.items() for entry in found.entries(key, country)
               if entry.strength == NAME and entry.brand.category in trades
               and any(_one_logo_slip(printed, spelled, _SHORT_STROKES_LOST) for spelled in spellings
                       if len(spelled) == len(printed))]
    return Hit(entries[0], Span(0, len(words), CLEAN), 1) if len(entries) == 1 else None


def _glued(found: Directory, words: list[Token], spans: list[Span], country: str | None) -> Hit | None:
    """A brand in one word with a greeting or filler words glued on (``WELCOMETOBESTBUY``,
    ``REWEMARKTGMBH``, as some transcripts print), or a distinctive one with other words."""
    for span in spans:
        if span.end - span.start == 1 and span.tail != MORE and words[span.start].key not in FAMILY_TRADES:
            for key, tail in _glued_keys(words[span.start].key, span.tail):
                entry = _lookup(found, key, span._replace(tail=tail), country)
                if entry:
                    return Hit(entry, span._replace(tail=tail), 0)
    return None


def _glued_keys(word: str, tail: str) -> Iterator[tuple[str, str]]:
    greeting = _GLUED_GREETING.match(word)
    starts = (0, greeting.end()) if greeting and GLUED_GREETING_MIN <= greeting.end() < len(word) else (0,)
    for start in starts:
        for cut in range(len(word) - 1, start + 2, -1):
            rest = word[cut:]
            yield word[start:cut], tail if _GLUED_FILLER.fullmatch(rest) else FREE
        if start:
            yield word[start:], tail


def edits_allowed(length: int) -> int:
    return 0 if length < Directory.FUZZY_MIN else 1 if length < 11 else 2


def _fuzzy(found: Directory, words: list[Token], spans: list[Span], country: str | None, sure: bool) -> Hit | None:
    """The nearest name within a few OCR edits, for distinctive names on otherwise clean lines of a
    receipt whose country is known, or within one edit for a name of 8+ letters that a place or a
    branch follows (``McDenald's Schiphol``); never for a word that is an ordinary word's spelling or a
    trade's (``BRAUHAUS`` is no Bauhaus).
    On a line read ``sure``ly, only edits of glyphs OCR confuses (``Salvatlon``, not ``Sakura Sushi``
    for Kura Sushi nor ``Gyro Express`` for Nero Express)."""
    if country is None:
        return None
    by_length = found.fuzzy_keys(country)
    best: Hit | None = None
    for span in spans:
        query = compact(words[span.start:span.end])
        allowed = _fuzzy_edits(query, span.tail)
        if not allowed or not query.isascii() or query in found.near_common or query in found.index \
                or query in OTHER_TRADES or query in FAMILY_TRADES \
                or any(w.key in RECEIPT_WORDS or w.key in GREETINGS for w in words[span.start:span.end]):
            continue
        # beside a family trade's word the rest is a surname, read exactly (not so Pizza Hutt, Wafle House)
        trades = [w.key for w in words[span.start:span.end] if w.key in FAMILY_TRADES]
        for length in range(len(query) - allowed, len(query) + allowed + 1):
            found_key = process.extractOne(query, by_length.get(length, ()), scorer=Levenshtein.distance,
                                           score_cutoff=allowed)
            if found_key and trades and not _same_surname(_without(query, trades), _without(found_key[0], trades),
                                                          sure, allowed):
                continue  # "Baeckerei Schmitt" is no "Baeckerei Schmidt": the slips fall on a surname
            if found_key and sure and not _ocr_slips(query, found_key[0], _word_ends(words[span.start:span.end])):
                continue
            if found_key and (best is None or found_key[1] < best.distance):
                entry = _best(found.entries(found_key[0], country), country)
                if span.tail == CLEAN or entry.strength != ALIAS:
                    best = Hit(entry, span, found_key[1])
    return best


# glyphs of a folded key that OCR reads one for another (i, 1 and | fold to l, 0 to o, 5 to s,
# rn to m already), and the ones it adds or drops (thin strokes, stray digits)
_CONFUSED_GLYPHS = ("ltfj", "oceadqg", "gq96", "nmruh", "hbk", "b86", "uvyw", "sz2", "ef", "pr", "kx")
LOST_LETTER_NAME = 7  # letters; a name this long may have one letter of a word dropped (STARBUKS, KAUFLAN)
_CONFUSED = frozenset((a, b) for group in _CONFUSED_GLYPHS for a in group for b in group if a != b)
_SLIPPED_IN = frozenset("ltfj0123456789")


def look_alike_slips(printed: str, word: str, most: int) -> bool:
    """``printed`` is ``word`` (both lower case) with one to ``most`` glyphs read as look-alikes, and no glyph
    added or lost (``apothekc`` for apotheke, ``hottmann`` for hoffmann; not ``hofmann``)."""
    slips = [(a, b) for a, b in zip(printed, word) if a != b]
    return len(printed) == len(word) and 0 < len(slips) <= most and all(slip in _CONFUSED for slip in slips)


def _ocr_slips(printed: str, name: str, word_ends: frozenset[int] = frozenset()) -> bool:
    """Every edit from ``printed`` to ``name`` is one OCR makes: a glyph read as a look-alike, a thin
    stroke or a digit added or lost (``VVHOLE`` for WHOLE), or, in a long name, one letter lost from
    the middle or end of a word (``STARBUKS``, ``KAUFLAN``; not a word lost between two: ``Super
    Mart`` is no ``Super H Mart``). ``word_ends``: where the printed words end in ``printed``."""
    letter_lost = len(name) >= LOST_LETTER_NAME
    for op, at, to in Levenshtein.editops(printed, name):
        between_words = at - 1 in word_ends and at < len(printed)
        if op == "insert" and not _slipped_in(name, to) and letter_lost and at > 0 and not between_words:
            letter_lost = False  # the one letter a long name may lose
            continue
        if op == "replace" and (printed[at], name[to]) not in _CONFUSED \
                or op == "delete" and not _slipped_in(printed, at) \
                or op == "insert" and not _slipped_in(name, to):
            return False
    return True


def _word_ends(words: list[Token]) -> frozenset[int]:
    """The positions of a compact key at which its words end (the last letter of each)."""
    ends, length = set(), 0
    for word in words:
        length += len(word.key)
        ends.add(length - 1)
    return frozenset(ends)


def _slipped_in(key: str, at: int) -> bool:
    """The glyph at ``at`` is one OCR adds or drops: a thin stroke, a digit, the r of an rn it
    read as m (``ARNY`` folds to ``amy``), or one v of a W it read as two (``VVHOLE``)."""
    return key[at] in _SLIPPED_IN or key[at] == "r" and key[at + 1:at + 2] in ("m", "n") \
        or key[at] == "v" and "v" in (key[at - 1:at], key[at + 1:at + 2])


def _same_surname(printed: str, surname: str, sure: bool, slips: int) -> bool:
    """The chain's surname beside its family trade's word, read exactly, or on a line read unsurely with only
    look-alike glyphs slipped (``Getranke Hottmann``; not ``Hofmann``, nor ``Schmitt`` for Schmidt)."""
    return printed == surname or not sure and look_alike_slips(printed, surname, slips)


def _without(key: str, words: list[str]) -> str:
    for word in words:
        key = key.replace(word, "", 1)
    return key


def _fuzzy_edits(query: str, tail: str) -> int:
    if tail == CLEAN:
        return edits_allowed(len(query))
    return min(1, edits_allowed(len(query))) if tail in (FREE, OPENING) and len(query) >= DISTINCTIVE else 0


def _first_letter_lost(found: Directory, text: str, words: list[Token], spans: list[Span],
                       country: str | None) -> Hit | None:
    """A name whose first letter OCR printed as a mark (``~APIANO`` for Vapiano) on an otherwise
    clean line: the rest of the name exactly, 6 letters at least, and no ordinary word."""
    if country is None or not words or not _LOST_LETTER.fullmatch(text[:words[0].start]):
        return None
    for span in (s for s in spans if s.start == 0 and s.tail == CLEAN):
        rest = compact(words[span.start:span.end])
        if len(rest) + 1 < Directory.FUZZY_MIN or rest in found.near_common or rest in found.common:
            continue
        keys = [key for key in found.fuzzy_keys(country).get(len(rest) + 1, ()) if key[1:] == rest]
        entries = [e for key in keys for e in found.entries(key, country) if e.strength != ALIAS]
        if len(keys) == 1 and entries:
            return Hit(_best(entries, country), span, 1)
    return None


def _score(found: Directory, hit: Hit, words: list[Token]) -> float:
    key = compact(words[hit.span.start:hit.span.end])
    score = 1 - hit.distance / len(key)
    if key in found.common:
        score *= 0.8
    if hit.entry.strength == ALIAS:
        score *= 0.9
    if hit.span.tail in (FREE, OPENING, MORE):
        score *= 0.85
    return round(score, 3)
