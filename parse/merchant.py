"""Merchant name and phone from the receipt header (or a legal name in the footer); the address
under the name comes from ``parse.address``.

A name is only taken from a line that looks like one: a legal-form suffix (SDN BHD, GmbH,
Inc, LLC, Ltd, ...) is strong evidence; otherwise the first name-like header line. When the
name is only a logo, nothing name-like is read and the merchant stays empty.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from .amounts import CURRENCY_MARKERS
from .address import (ADDRESS_KEYWORDS, REG_NUMBER_RE, STORE_NUMBER_RE, continues_address, find_address, has_postcode,
                      is_address, is_us_street, opens_with_market_place, opens_with_town_and_state,
                      state_and_zip_alone)
from .brands.fold import fold_word
from .brands.match import look_alike_slips
from .brands.programmes import slogan_brand_key
from .brands.words import FAMILY_TRADES
from .layout import Doc, Line
from .text import (as_printed, ascii_upper, digits, find_keyword, fold, has_keyword, letters, one_letter_lost,
                   one_letter_off, squash_spaces)

# a GmbH misread: its m (``Grbh``, ``Gabh``, ``GnbH``), its G a 6, its small h a small k (``Gmbk``)
_GMBH_MISREAD = r"\b[G6][MNRAWH][B8](?:H|(?-i:k))"
_SPECK_CLOSING_THE_LINE = r"[IL1|!](?=\W*$)"  # "Markt Gmbhi": a speck after the line's last letter read as one
# "Marktwerk Süd omG" closing its line: the H of an oHG (its o in lower case) read as an m or an n
_OHG_MISREAD = r"(?-i:\bo[mn]G\b)(?=\W*$)"
LEGAL_RE = re.compile(
    r"\bSDN\.?\s?B\w{1,2}D\b\.?|\bS/B\b|\bBHD\b|\bBERHAD\b|\bGMBH\b|\bG\.?M\.?B\.?H\b"
    rf"|{_GMBH_MISREAD}\b|{_GMBH_MISREAD}{_SPECK_CLOSING_THE_LINE}"
    r"|\bAG\b|\bKG\b|\bE\.?\s?K\.\B"
    r"|\bINC\b\.?|\bINCORPORATED\b|\bLLC\b|\bL\.L\.C\b|\bLTD\b\.?|\bLIMITED\b|\bPLC\b|\bCORP\b\.?|\bCORPORATION\b"
    r"|\bCO\.\s?(?:LTD|KG)|\bPTE\b|\bPTY\b|\bS\.?A\.?R\.?L\b|\bSAS\b|\bS\.A\.|\bB\.?V\.?\b|\bN\.V\.|\bOHG\b|\bUG\b"
    r"|\bS(?:OC)?\.\s?COOP\.(?:\s?V\.)?|\bS\.C\.(?:A\.)?R\.L\b"  # a Spanish and an Italian cooperative's
    rf"|{_OHG_MISREAD}"
)
_LEGAL_ANY_CASE_RE = re.compile(LEGAL_RE.pattern, re.IGNORECASE)


def has_legal_form(text: str) -> bool:
    """A legal form printed as one (``SDN BHD``, ``GmbH``, ``Inc``, ``LTD``). All in lower case it
    is a piece of a word OCR split (``ind cates item inc udes GST``), not a company's form; after a
    tax word it says the tax is included (``IVA Inc.``, ``IMP Inc``)."""
    return bool(_legal_forms(text))


def _legal_forms(text: str) -> list[re.Match[str]]:
    """The legal forms printed on the line, in order; a European company's ``SE`` only before ``& Co.`` or the
    firm's address (``DEICHMANN SE Deichmannweg 9``), not a model's letters (``Sneaker SE 2``)."""
    printed = [match for match in _LEGAL_ANY_CASE_RE.finditer(text)
               if not match.group().islower() and not _TAX_BEFORE_RE.search(text[:match.start()])
               and not _opens_a_name(text, match)]
    european = [match for match in _EUROPEAN_COMPANY_RE.finditer(text)
                if (_AND_COMPANY_RE.match(text, match.end()) or is_address(text[match.end():]))
                and not any(ch.isdigit() for ch in text[:match.start()])
                and not _STREET_SUFFIX_BEFORE_RE.search(text[:match.start()])]
    return sorted(printed + european, key=lambda match: match.start())


_EUROPEAN_COMPANY_RE = re.compile(r"(?<=[^\W\d_]{2}\s)SE\b")
# "505 8th St SE": a US street's quadrant, no European company
_STREET_SUFFIX_BEFORE_RE = re.compile(
    r"\b(?:ST|STREET|AVE|AVENUE|BLVD|RD|ROAD|DR|DRIVE|PL|CT|WAY|TER|PKWY|HWY|LN)\.?\s*$", re.IGNORECASE)
_AND_COMPANY_RE = re.compile(r"\s*(?:&|\+|UND)\s*CO\b", re.IGNORECASE)


def legal_name(text: str) -> str:
    """A legal-name line as far as its legal form, the firm's street, postcode and town printed after it
    dropped (``DEICHMANN GmbH Deichmannweg 9 45359 Essen``: ``DEICHMANN GmbH``); else the line."""
    for form in _legal_forms(text):
        rest = text[form.end():]
        if is_address(rest) and not has_legal_form(rest):
            return text[:form.end()].strip()
    return text


def _opens_a_name(text: str, match: re.Match[str]) -> bool:
    """A form's letters opening a line of other words are a word of a name (``PTE THING``: a logo,
    its I read as a T), not its legal form, which closes a legal name (``GmbH & Co. oHG`` alone
    continues the name above it)."""
    rest = without_legal_forms(text[match.end():])
    return not text[:match.start()].strip() and any(len(word) >= 3 for word in re.findall(r"[^\W\d_]+", rest))


def without_legal_forms(text: str) -> str:
    """The text with its legal forms blanked out (``GmbH + Co. KG``: no kilograms)."""
    return _LEGAL_ANY_CASE_RE.sub(" ", text)


_TAX_BEFORE_RE = re.compile(r"\b(?:IVA|IMP|IMPUESTOS?|TAX|TAXES|TVA|IGIC)\W*$", re.IGNORECASE)


_BUSINESS_WORDS = (
    "ENTERPRISE", "ENTERPRISES", "TRADING", "COMPANY", "RESTAURANT", "RESTORAN", "STORE", "STORES", "SHOP",
    "MART", "MARKET", "SUPERMARKET", "KEDAI", "BAKERY", "BAKERIES", "CAFE", "PHARMACY", "APOTHEKE",
    "HARDWARE", "BOOKSTORE", "BOOKSTORES", "STATIONERY", "HOUSE", "CENTRE", "CENTER", "GROUP", "HOLDINGS",
    "INDUSTRIES", "SERVICES", "SERVICE", "STATION", "BISTRO", "KITCHEN", "DINER", "GRILL", "BAR", "PUB",
    "MARKT", "BAECKEREI", "DROGERIE", "TANKSTELLE", "CINEMA", "KINO", "THEATRE", "THEATER", "HOTEL",
    "PERNIAGAAN", "SYARIKAT", "GALLERY", "CONFECTIONERY", "HEALTHCARE", "ELECTRICAL", "OUTLET", "BOUTIQUE",
    "RESTAURANTE", "RISTORANTE", "RESTAURATION", "PIZZERIA", "TRATTORIA", "BRASSERIE", "CAFETERIA", "TAVERN",
    "STEAKHOUSE", "BREWERY", "BOOKSHOP", "CERVECERIA", "CERVESERIA", "GASTSTAETTE", "METZGEREI", "IMBISS", "KONDITOREI",
    "EISCAFE", "EISDIELE", "KIOSK", "SPAETI", "TRINKHALLE",
    "GAS", "BBQ", "BARBECUE", "CANTINA", "TAQUERIA", "DELI", "EATERY", "SMOKEHOUSE", "ROADHOUSE", "CHOPHOUSE",
    "GASTHOF", "GASTHAUS", "LANDGASTHOF", "WIRTSHAUS", "WEINSTUBE", "BRAUHAUS", "BIERGARTEN", "RATSKELLER",
    "FLEISCHEREI", "PARTYSERVICE", "BACKSTUBE", "LANDBAECKEREI", "LANDMETZGEREI", "STEAKHAUS", "TAVERNE",
)
# a trade word names the shop's trade in the plural too: "Premier Restaurants Eesti AS", "Village Bakeries"
_TRADE_FORMS = _BUSINESS_WORDS + tuple(word + "S" for word in _BUSINESS_WORDS
                                       if not word.endswith("S") and word + "S" not in _BUSINESS_WORDS)
# where a shop is, not what it sells: "ILLINOIS CENTER" under "SUE'S HALLMARK" is the mall
_PLACE_WORDS = ("CENTRE", "CENTER")
_TRADES_NOT_PLACES = tuple(word for word in _TRADE_FORMS if word.rstrip("S") not in _PLACE_WORDS)
SLIP_MIN = 7  # letters; a trade word this long is still itself with one letter misread ("BOOKSHOF")
_NOT_NAME = (
    "TAX INVOICE", "INVOICE", "INV", "TAX", "NOTE", "ADJUSTMENT", "RECEIPT", "RECHNUNG", "QUITTUNG", "KASSENBON",
    "BELEG", "KUNDENBELEG", "HAENDLERBELEG", "KASSENBELEG", "ZAHLUNGSBELEG", "BELEGKOPIE", "KUNDENKOPIE",
    "CASH BILL", "BILL", "BEWIRTUNGSBELEG", "WELCOME", "WILLKOMMEN", "THANK YOU", "DANKE", "DANK", "THANKS", "MERCI",
    "COPY",
    "DUPLICATE", "CUSTOMER", "TEL", "PHONE",
    "FAX", "GST", "VAT", "REG", "REGISTRATION", "COMPANY NO", "CO NO", "UST", "STEUER", "TABLE", "ORDER",
    "CASHIER", "SERVER", "GUEST", "GUESTS", "COVERS", "CHECK", "CHK", "TBL", "DATE", "DATUM", "TIME", "FORMERLY",
    "LICENSEE",
    "OPEN", "HOURS", "WWW", "HTTP",
    "EMAIL", "E-MAIL", "MEMBER", "SALE", "SALES", "ITEM", "QTY", "DESCRIPTION",
    "CHANGE", "POS", "TERMINAL", "SIMPLIFIED", "OFFICIAL", "ORIGINAL",
    # offers and surveys printed above the shop's name
    "BUY ONE", "GET ONE", "COUPON", "VALIDATION", "VALID", "EXPIRES", "SURVEY",
)
# words of three letters or fewer are matched as printed: folded look-alikes make a name of them
# ("Tej Mahal" folds to the "TEL" of a phone line)
_SHORT_NOT_NAME_RE = re.compile(
    r"(?<![A-Z0-9])(?:" + "|".join(re.escape(w) for w in _NOT_NAME if len(w) <= 3) + r")(?![A-Z0-9])")
_LONG_NOT_NAME = tuple(w for w in _NOT_NAME if len(w) > 3)
_LEGAL_CANON = (
    (re.compile(r"(?<![A-Z])[S5J~][DIJU]N[\s.:,_;']*B[A-Z]{1,2}D(?![A-Z])[.:_]*", re.IGNORECASE), "SDN BHD"),
    (re.compile(r"(?<![A-Z])S/[B8](?![A-Z\d])", re.IGNORECASE), "S/B"),
    (re.compile(rf"\bG\.?M\.?B\.?H(?![A-Z])\.?|{_GMBH_MISREAD}(?:(?![A-Z])\.?|{_SPECK_CLOSING_THE_LINE})",
                re.IGNORECASE), "GmbH"),
    (re.compile(_OHG_MISREAD), "oHG"),
    # "GmbH 6 Co RG": its & read as a 6 or an 8, its K as an R
    (re.compile(r"(?<=GmbH)\s*[&68+]\s*C[O0]\.?\s*[KR][G6]\b\.?", re.IGNORECASE), " & Co. KG"),
)
# what follows a legal form in brackets or after a colon is its registration number (often garbled)
_AFTER_LEGAL_RE = re.compile(r"(SDN BHD|S/B|GmbH)\s*(?:[(\[{:;]|\d).*\d.*$")


_NOT_OWN_NAME = ("FORMERLY", "KNOWN AS", "LICENSEE", "BILL TO", "SOLD TO", "SHIP TO", "DELIVER TO",
                 "CUSTOMER", "OWNED BY", "OPERATED BY", "MANAGED BY", "DIVISION OF", "FRANCHISEE", "KUNDE")
# "Inh. Dr. M. Meier e.K.": the owner's line, under the shop's name or beside it ("Blumen Meier Inh. Hans Meier")
_OWNER_RE = re.compile(r"(?:^|\s)INH(?:ABER(?:IN)?)?\b\.?:?(?:\s|$).*$", re.IGNORECASE)


def names_the_owner(text: str) -> bool:
    """``Inh. Thomas Müller e.K.``: the line names the shop's owner (a merchant, not a chain)."""
    return bool(_OWNER_RE.search(text) or _MERCHANT_FORM_RE.search(text))


# "e.K.", "e. Kfm.", "E.K.": a registered merchant
_MERCHANT_FORM_RE = re.compile(r"\be\.\s?K(?:fm|fr)?\.?(?!\w)", re.IGNORECASE)
_BODY_STARTS = ("DATE", "DATUM", "INV NO", "INVOICE NO", "RECEIPT NO", "BELEG", "CASHIER", "KASSIERER")
_PHONE_KEYWORDS = ("TEL", "TELEPHONE", "PHONE", "PH", "TELEFON", "HOTLINE", "CALL", "MOBILE", "HP")
_PHONE_RE = re.compile(r"\+?\(?\d[\d\s\-().\/]{5,}\d")
_US_PHONE_RE = re.compile(r"\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b")


@dataclass(frozen=True)
class MerchantInfo:
    name: str | None
    name_line: int | None
    name_confidence: float
    address: str | None
    phone: str | None
    address_end: int | None = None  # index of the address's last line


def header_end(doc: Doc, first_body_line: int | None) -> int:
    """Index after the header: first date/amount-heavy line, at most 45 % of the receipt."""
    limit = max(8, int(len(doc.lines) * 0.45))
    if first_body_line is not None:
        limit = min(limit, max(first_body_line, 3))
    return min(limit, len(doc.lines))


def find_merchant(doc: Doc, heights: list[int], first_body_line: int | None) -> MerchantInfo:
    phone = find_phone(doc)
    doc = replace(doc, lines=tuple(line if line.amounts else replace(line, text=mended_glyphs(line.text))
                                   for line in without_phones_after_names(doc).lines))
    end = header_end(doc, first_body_line)
    name_line, confidence, trade_name = _name_line(doc, heights, end)
    name = trade_name or (_with_trade_below(doc, name_line, _full_name(doc, name_line), heights)
                          if name_line is not None
                          else None)
    address, address_end = find_address(doc, 0 if name_line is None else name_line + 1, end)
    if not name:  # a logo: the name as the receipt says it elsewhere (its web address, its thanks)
        name, confidence = named_elsewhere(doc)
        return MerchantInfo(name, None, confidence, address, phone, address_end)
    # the name was lost above its address (a line further down is no name), or only a tagline was read
    if _under_the_address(doc, name_line) or describes_the_trade(doc.lines[name_line].text):
        thanked = _named_in_thanks(doc)
        if thanked:
            return MerchantInfo(thanked, None, 0.5, address, phone, address_end)
        if _PRICED_END_RE.search(doc.lines[name_line].text):  # "bratt-Beer 650": an item, its price's point lost
            name, confidence = named_elsewhere(doc)
            return MerchantInfo(name, None, confidence, address, phone, address_end)
    name = _trade_words_mended(_without_welcome(name))
    return MerchantInfo(_cleaner_in_thanks(doc, name, name_line), name_line, confidence, address, phone, address_end)


_PRICED_END_RE = re.compile(r"[^\W\d_]{3}.*\s\d{3,4}\s*$")
# the shop's name, its branch's number maybe, and its phone on one line: "Subway#39344-0 Phone 780-437-2604"
_NAME_THEN_PHONE_RE = re.compile(r"(?P<name>\W*[^\W\d_]{3}.*?)\s+(?:PHONE|TEL|TELEPHONE|PH)\b\.?\s?[:#]?\s*"
                                 r"\+?\(?\d[\d\s\-().\/]{5,}\d\s*", re.IGNORECASE)


def without_phones_after_names(doc: Doc) -> Doc:
    """``doc`` with the phone cut off each line that prints it after a name (``Subway#39344-0 Phone 780-437-2604``:
    ``Subway#39344-0``): the name is looked for as on a line of its own; the phone is ``find_phone``'s."""
    lines = tuple(replace(line, text=match["name"]) if not line.amounts
                  and (match := _NAME_THEN_PHONE_RE.fullmatch(line.text)) else line for line in doc.lines)
    return replace(doc, lines=lines) if lines != doc.lines else doc


SAME_NAME_SIMILARITY = 0.65  # letters alike (normalised Levenshtein) for two readings of one name
UNSURE_NAME = 0.6  # a name line read less surely than this may be garbled ...
CLEANER_BY = 0.1  # ... and another reading surer by this is the cleaner one


def _cleaner_in_thanks(doc: Doc, name: str, name_line: int) -> str:
    """``name`` as the receipt's thanks spells it (``Thank you for dining at Blue Heron Grill``),
    where the recogniser was unsure of the name line (``Slue HexoN GRtL`` on a blurred photo's
    header) and the thanks is the same name read more surely; else ``name``."""
    unsure = doc.lines[name_line].confidence
    if unsure >= UNSURE_NAME:
        return name
    for line in doc.lines:
        if line.index == name_line or line.confidence < unsure + CLEANER_BY:
            continue
        text = thanks_text(line.text)
        match = THANKS_RE.search(ascii_upper(text))
        if not match or letters(match["name"]) < 3 or _us(match["name"]):
            continue
        named = clean_name(as_printed(text, match.start("name"), match.end("name")))
        if named and Levenshtein.normalized_similarity(_letters_only(name), _letters_only(named)) \
                >= SAME_NAME_SIMILARITY:
            return named
    return name


# "Thank you for shopping at Greggs", "Welcome to Joe's Diner", "Danke fuer Ihren Einkauf bei REWE"
# (the glyphs a blurred photo misreads in them too: "Thank You tor dining at", "Helcoma to")
# "at Copper Kettle?": its ! read as ?, but no question of the footer ("with us. How was it?", "WHY NOT RETURN?")
_NO_QUESTION = r"(?![^?]*?(?:[.!,]\s|\s-\s|\b(?:US|AT|WHY|HOW|DID|DO|ANY|QUESTIONS?|FIND|WAS|IS|ARE|CAN)\b)[^?]*\?\s*$)"
# ("hank you for dining at": the line's first letter lost; "Tnank you": its h read as an n)
THANKS_RE = re.compile(
    r"(?:(?:T[HN]?|(?<![A-Z])H)AN(?:[KX]\s?YO[UV]|KS)['`‘’\":;,!]?\s+[FT]OR\s+['`‘’\"]?"
    r"(?:(?:SHOPPING|VISITING|DIN+ING|CHOOSING|YOUR\s+(?:VISIT|ORDER|PURCHASE))(?:\s+(?:AT|WITH|IN|TO))?"
    r"|(?:EATING|COMING|SUPPORTING)\s+(?:AT|WITH|TO))"
    r"|[WH]E[LI]\s?[CG]O(?:M|RN|N)[EA]\s+TO|(?:IHREN|IHR)\s+EINKAUF\s+(?:BEI|IM)"
    # "Willkommen bei REWE"; a place needs two words ("im Gasthaus Adler", not "im Markt")
    r"|WILLKOMMEN\s+(?:BEI|(?:IM|IN\s+DER|IN\s+DEN|IN|AUF\s+DEM)(?=\s+\S+\s+\S))"
    r"(?:\s+(?:IHREM|IHRER|UNSEREM|UNSERER))?"
    r"|TH?AN[KX]\s?YO[UV]\s?!?\s+[-–—]+"  # "Thank you! - The Blue Fig": signed with the name, not a courtesy
    r"(?!\s*(?:PLEASE|COME|HAVE|SEE|VISIT|DRIVE|ENJOY|TAKE|GOD|GRACIAS|MERCI|DANKE|CHEERS|BYE|GOOD|STAY|AGAIN|WE)\b)"
    r"|MERCI\s+DE\s+VOTRE\s+VISITE\s+CHEZ)"
    r"\s+" + _NO_QUESTION + r"(?P<name>[A-Z0-9&'\"$. -]{2,40}?)\s*[!.,?]?\s*$")
# "Ihr Kaufland-Team dankt", "Ihr REWE Team", "Your Tesco team": a footer signed with the shop's name
_TEAM_RE = re.compile(r"(?<![A-Z])(?:IHR|IHRE|EUER|YOUR)\s+(?P<name>[A-Z0-9&'$. -]{2,30}?)(?:\s|\s?-\s?)TEAM(?![A-Z])")
_TEAMS_OF_ANY_SHOP = ("SERVICE", "KUNDENSERVICE", "KUNDEN", "FILIAL", "FILIALE", "KASSEN", "VERKAUFS", "SUPPORT",
                      "CUSTOMER SERVICE", "STORE", "SHOP", "MARKT", "PRAXIS", "APOTHEKEN", "RESTAURANT", "CAFE")
_US = ("US", "UNS", "NOUS", "LOCAL", "SMALL")  # "Ihr Einkauf bei uns", "Thanks for shopping local!": no name
_OURS = ("OUR", "YOUR", "UNSER", "UNSEREM", "UNSERER", "IHREM", "IHRER")  # "coming to our store": no name


def thanks_naming(text: str) -> re.Match[str] | None:
    """The thanks or the team's signature on a line that names the shop (its ``name`` group), in
    the line upper-cased with its spaces squashed."""
    upper = ascii_upper(thanks_text(text))
    team = _TEAM_RE.search(upper)
    if team and (team["name"] in _TEAMS_OF_ANY_SHOP or _is_trade_only(team["name"])):
        team = None  # "Ihr Service-Team", "Ihr Apotheken-Team": no name
    return THANKS_RE.search(upper) or team or _garbled_thanks(upper)


_GLUED_AT_RE = re.compile(r"(?<=\s)at(?=[A-Z])")  # "dining atRed Barn": the space lost, the case says it
_LOST_A_OF_AT_RE = re.compile(r"(?<=ing\s)t(?=\s[A-Z])")  # "dining t Red Barn" (not "visiting T Mobile")
# the spaces around the verb lost, a quote or a letter in one's place: 'Thank You tor"diningeat Casa Verde'
_GLUED_VERB_RE = re.compile(r"(?<=\w)\"(?=dining|shopping|visiting)|(?<=ing)e?(?=at\s)", re.IGNORECASE)


def thanks_text(text: str) -> str:
    """A line as ``thanks_naming`` reads it (before upper-casing): its match's spans index this."""
    return squash_spaces(_LOST_A_OF_AT_RE.sub("at", _GLUED_AT_RE.sub("at ", _GLUED_VERB_RE.sub(" ", text))))


# the thanks of a blurred photo, each word of it misread but the verb's letters ("Thankeyou for
# dining at", "Thank you To7 dining 08", "Thank Vou ter dining #"; its f and t read as braces:
# "Thank ycu {on jining 0{")
_GARBLED_THANKS_RE = re.compile(
    r"(?:^|\s)TH[A-Z]{2,8}(?:\s?[YV][A-Z]{1,3})?\s+\S{2,3}\s+(?P<verb>[A-Z]{5,9})\s+[A-Z0-9#@{(\[]{1,2}\s+"
    r"(?P<name>[A-Z0-9&'\"$.\]( -]{2,40}?)\s*[!.,]?\s*$")
_THANKS_VERBS = ("DINING", "SHOPPING", "VISITING")
_VERB_SLIPS = 2


def _garbled_thanks(upper: str) -> re.Match[str] | None:
    match = _GARBLED_THANKS_RE.search(upper)
    verb_read = match is not None and any(Levenshtein.distance(match["verb"], verb) <= _VERB_SLIPS
                                          for verb in _THANKS_VERBS)
    return match if verb_read else None


_WEB_RE = re.compile(r"(?:WWW\.|HTTPS?://(?:WWW\.)?)(?P<name>[A-Z0-9-]{2,40})\.[A-Z]{2,}")
_EMAIL_RE = re.compile(r"\b(?:INFO|CONTACT|KONTAKT|SERVICE|HELLO|HALLO|MAIL|OFFICE|SHOP|SALES|SUPPORT|FEEDBACK|"
                       r"CUSTOMERSERVICE|KUNDENSERVICE)@(?P<name>[A-Z0-9-]{2,40})\.[A-Z]{2,}")
# sites of no shop: social networks, mail hosts, and the till and payment vendors that print their own
# address on every shop's receipt ("https://clover.com/privacy", "squareup.com/receipt/...")
_NOT_MERCHANT_SITES = ("FACEBOOK", "INSTAGRAM", "TWITTER", "TIKTOK", "YOUTUBE", "GOOGLE", "GMAIL", "YAHOO",
                       "CLOVER", "SQUAREUP", "SQUARE", "TOASTTAB", "TOAST", "SPOTON", "LIGHTSPEEDHQ", "LIGHTSPEED",
                       "REVELSYSTEMS", "HEARTLAND", "SHOPIFY", "SUMUP", "ZETTLE", "IZETTLE", "PAYPAL", "STRIPE",
                       "HOTMAIL", "OUTLOOK", "TRIPADVISOR", "YELP", "SURVEY", "GMX", "WEB")


def _without_welcome(name: str) -> str:
    """The name a welcome line opens with (``Welcome to Blue Heron Grill``), its welcome however
    misread (``Helcoma to``, ``Nelcore tO``, ``Mel cone tO``, ``Hetcone to``, ``Helcore Io``,
    ``Welcone o``, ``(Ne [cone tO``)."""
    welcome = thanks_naming(name)
    if welcome and letters(welcome["name"]) >= 3:
        return clean_name(as_printed(thanks_text(name), welcome.start("name"), welcome.end("name"))) or name
    for garbled in (_WELCOME_TO_RE.match(squash_spaces(name)), _WELCOME_GLUED_TO_RE.match(squash_spaces(name))):
        if garbled and _misread_welcome(garbled) and letters(garbled["name"]) >= 3:
            return clean_name(garbled["name"]) or name
    return name


def _misread_welcome(garbled: re.Match[str]) -> bool:
    """The words before the name are ``Welcome to`` with a few letters misread: one more where the
    ``to`` itself was read as one (``dlcora t0``), the ``to`` counted where glued to it (``Nelcoadeto``)."""
    welcome_letters = re.sub(r"[^A-Z]", "", ascii_upper(garbled["word"]))
    said = "WELCOMETO" if "glued" in garbled.groupdict() else "WELCOME"
    slips = WELCOME_SLIPS + bool(garbled.groupdict().get("to") and _TO_RE.fullmatch(garbled["to"]))
    return Levenshtein.distance(welcome_letters, said) <= slips


WELCOME_SLIPS = 3  # letters of "WELCOME" misread, a "TO" and a name after it
# the welcome one word or split in two (a bracket for a letter: "(Ne [cone", or in one word: "Re[cone"), its TO
# maybe "Io", "o" or two glyphs of any kind ("Wel cone 30"), the gap after it maybe read as a hyphen ("elcore to-Blue")
_WELCOME_TO_RE = re.compile(r"\W*(?P<word>[^\W\d_]{6,8}|[^\W\d_]{2,4}(?: [^\w\s]?|[^\w\s])[^\W\d_]{2,5})"
                            r"\s+(?P<to>[TtIl1]?[Oo0]|\S{2})(?:\s+|\s?-\s?)(?P<name>.+)")
# the "to" itself misread (a zero, an O after a small t): its welcome may have one more letter misread
_TO_RE = re.compile(r"t[O0]|T0")
# "Nelcoadeto": Welcome's E (or a c read for it) glued to its "to" (not "Delconto Trattoria")
_WELCOME_GLUED_TO_RE = re.compile(r"\W*(?P<word>[^\W\d_]{5,8}[EeCc](?P<glued>[Tt][Oo0]))\s+(?P<name>.+)")


def _under_the_address(doc: Doc, index: int) -> bool:
    """The receipt opens with its address (``6852 Broadway`` / ``Portland OR 97205``) above the
    line taken for the name (an item line: ``Cheesecake 750``): the logo over it was not read."""
    return any(is_address(line.text) or _house_number(line.text)
               for line in doc.lines[:index]) and not has_legal_form(doc.lines[index].text)


def _named_in_thanks(doc: Doc) -> str | None:
    """The shop the first thanks or team's signature names (not ``with us``), cleaned."""
    for line in doc.lines:
        match = thanks_naming(line.text)
        if match and letters(match["name"]) >= 2 and not not_a_name(match["name"]) and not _us(match["name"]):
            return clean_name(as_printed(thanks_text(line.text), match.start("name"), match.end("name"))) or None
    return None


def _us(name: str) -> bool:
    """``US``, ``WITH US`` (its W misread: ``NITH US``): the thanks names no shop."""
    return name.split()[-1] in _US and len(name.split()) <= 2 or name.split()[0] in _OURS


def named_elsewhere(doc: Doc) -> tuple[str | None, float]:
    """No name line in the header: the receipt's thanks names the shop (0.5), or its web address
    or a shop mailbox does (0.4). Nothing: ``None``, rather than a guess."""
    thanked = _named_in_thanks(doc)
    if thanked:
        return thanked, 0.5
    for line in doc.lines:
        upper = ascii_upper(line.text).replace(" ", "")
        match = _WEB_RE.search(upper) or _EMAIL_RE.search(upper) or _HANDLE_RE.search(ascii_upper(line.text)) \
            or _PAGE_RE.search(upper) or _own_bare_web(doc, line.text)
        if match and match["name"] not in _NOT_MERCHANT_SITES and letters(match["name"]) >= 3:
            return _as_printed_elsewhere(doc, match["name"]) or _capitals_words(line.text, match["name"]) \
                or _label_words(match["name"]), 0.4
    spelled = _spelled_in_its_words(doc)
    return spelled, 0.4 if spelled else 0.0


_ORDER_AND_TILL_SITES = ("TOUCHBISTRO", "SHOPKEEP", "DOORDASH", "GRUBHUB", "UBEREATS", "POSTMATES", "SEAMLESS",
                         "CHOWNOW", "OPENTABLE", "MENUFY", "SLICELIFE", "TELLSUBWAY", "MYSURVEY")
# a bare web address whose name the shop spells in its own words' capitals ("RedbirdSpiritShop.com")
_WORDS_NAME = r"(?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+){1,4})"
_WORDS_NAME_RE = re.compile(_WORDS_NAME + r"(?![A-Za-z])", re.ASCII)
_WORDS_WEB_RE = re.compile(r"(?<![\w.@/-])" + _WORDS_NAME + r"\.(?:com|net|org|us|biz)\b(?![.\w/])", re.ASCII)


def _capitals_words(text: str, name: str) -> str | None:
    """A web address's name as the line prints it in its words' capitals (``www.RedbirdSpiritShop.com``)."""
    spelled = next((m["name"] for m in _WORDS_NAME_RE.finditer(text) if ascii_upper(m["name"]) == name), None)
    return _in_words(spelled) if spelled else None


def _spelled_in_its_words(doc: Doc) -> str | None:
    """The name of a bare web address printed above the first priced line beside the shop's street, town or phone,
    its words' capitals kept (``RedbirdSpiritShop.com`` under ``(309)452-7400``: ``Redbird Spirit Shop``); not a
    till's, a network's or an ordering service's (``TouchBistro.com``, ``ORDER FROM`` / ``BiteSquad.com``)."""
    for line in doc.lines:
        if any(amount.has_decimals for amount in line.amounts):
            return None
        match = _WORDS_WEB_RE.search(line.text)
        if match and ascii_upper(match["name"]) not in _NOT_MERCHANT_SITES + _ORDER_AND_TILL_SITES \
                and _beside_the_address(doc, line) and not _names_a_service(doc, line):
            return _in_words(match["name"])
    return None


def _in_words(name: str) -> str:
    """``RedbirdSpiritShop``: ``Redbird Spirit Shop``; ``McGuiresIrishPub``: ``McGuires Irish Pub``."""
    return " ".join(re.findall(r"(?:Ma?c)?[A-Z][a-z]+", name))


_CONTACT_BLOCK = 2  # lines above a web address where the shop's street, town, phone or mail may stand


def _beside_the_address(doc: Doc, line: Line) -> bool:
    """A line just above or under ``line`` prints the shop's street, town, phone number or mail address."""
    near = doc.lines[max(0, line.index - _CONTACT_BLOCK):line.index] + doc.lines[line.index + 1:line.index + 2]
    return any(is_address(other.text) or _PHONE_END_RE.search(other.text)
               or _EMAIL_RE.search(ascii_upper(other.text).replace(" ", "")) for other in near)


# an ordering service's or a tab's address over or on its line: "ORDER FROM" / "BiteSquad.com", "Open your tab at"
_SERVICE_WORDS = ("ORDER", "ORDERED", "ORDERS", "VIA", "POWERED", "TAB", "DELIVERY", "DELIVERED", "CATERING")


def _names_a_service(doc: Doc, line: Line) -> bool:
    """``line`` or the one above it names an ordering service or a tab (``ORDER FROM`` / ``BiteSquad.com``)."""
    above = doc.lines[line.index - 1].text if line.index else ""
    return has_keyword(line.text, _SERVICE_WORDS) or has_keyword(above, _SERVICE_WORDS)


# the shop's own page on a social network, where it names no other way: "Follow us @ramblecoffee",
# "IG: @saltbox_kitchen", "instagram.com/ramblecoffee"
# (read on the line as printed, upper-cased: the network's word stands alone, not the IG of "craig@bikeworks.com")
_HANDLE_RE = re.compile(r"(?<![A-Z0-9])(?:FOLLOW\s?US|INSTAGRAM|IG|FACEBOOK|FB|TIKTOK|TWITTER)\W{0,3}"
                        r"(?:ON(?:\s?(?:INSTAGRAM|FACEBOOK))?)?\W{0,3}"
                        r"@(?P<name>[A-Z0-9_.]{3,30}?)[.!]?(?:$|[^A-Z0-9_.])")
# a web address without its www ("pizzaluce.com" in a till's footer), the shop's own where no till's or network's
_BARE_WEB_RE = re.compile(r"(?<![\w.@/-])(?P<name>[A-Z][A-Z0-9-]{2,39})\.(?:COM|NET|ORG|CO|US|BIZ|RESTAURANT)\b"
                          r"(?![.\w/])")
_PAGE_RE = re.compile(r"(?:INSTAGRAM|FACEBOOK)\.COM/(?P<name>[A-Z0-9_.]{3,30}?)[./]?(?:$|[^A-Z0-9_.])")


def _own_bare_web(doc: Doc, text: str) -> re.Match[str] | None:
    """A web address without its www that the receipt shows is the shop's own: the same name as a handle
    (``pizzaluce.com @pizzaluce``) or in words printed on another line; a delivery app's, a till's or a
    survey's bare address in the footer (``doordash.com``, ``touchbistro.com``, ``tellsubway.com``) is none."""
    match = _BARE_WEB_RE.search(ascii_upper(text))
    if match is None:
        return None
    handles = {found["name"].replace("_", "").replace(".", "")
               for found in re.finditer(r"@(?P<name>[A-Z0-9_.]{3,30})", ascii_upper(text))}
    own = match["name"].replace("-", "") in handles or _as_printed_elsewhere(doc, match["name"]) is not None
    return match if own else None


def _label_words(label: str) -> str:
    """A web address's or handle's name as words: its dashes, dots and underscores as spaces, and a trade
    glued to its end set apart (``SALTBOXKITCHEN``: ``SALTBOX KITCHEN``)."""
    words = re.sub(r"[-_.]+", " ", label).split()
    if len(words) == 1:
        trade = next((trade for trade in _GLUED_TRADES if label.endswith(trade) and len(label) - len(trade) >= 3), None)
        words = [label[:-len(trade)], trade] if trade else words
    return " ".join(words)


_GLUED_TRADES = ("KITCHEN", "COFFEE", "BAKERY", "CAFE", "PIZZERIA", "PIZZA", "DELI", "GRILL", "TAVERN", "DINER",
                 "BISTRO", "BREWING", "BREWERY", "TAPROOM", "CREAMERY", "ROASTERS", "TACOS", "BURGERS", "SUSHI",
                 "RAMEN", "NOODLES", "EATS", "BAGELS", "DONUTS", "BOOKS", "RECORDS", "CANTINA", "TAQUERIA")


def _as_printed_elsewhere(doc: Doc, label: str) -> str | None:
    """The words of a line that spell a web address's name (``Blue Heron Grill - Since 1998`` for
    ``www.blueherongrill.com``): the name as the shop prints it."""
    wanted = re.sub(r"[^A-Z0-9]", "", label)
    for line in doc.lines:
        words = line.text.split()
        for end in range(len(words), 0, -1):
            if _letters_only(" ".join(words[:end])) == wanted:
                return clean_name(" ".join(words[:end]))
    return None


def _full_name(doc: Doc, index: int) -> str:
    """The name line, joined with up to two lines above when the name visibly continues across
    them: ``AIK HUAT HARDWARE`` / ``ENTERPRISE (SETIA`` / ``ALAM SDN BHD``, ``POPULAR BOOK`` / ``CO. (M) SDN BHD``."""
    name = clean_name(doc.lines[index].text)
    if index and _operator_under_its_shop(doc.lines[index].text, doc.lines[index - 1].text):
        return clean_name(doc.lines[index - 1].text)
    if index and ascii_upper(doc.lines[index - 1].text).strip(" .") in _ARTICLES:
        return f"{clean_name(doc.lines[index - 1].text)} {name}"  # "THE" / "BLUE DOOR"
    for above in reversed(doc.lines[max(0, index - 2):index]):
        upper_name, upper_above = ascii_upper(name), ascii_upper(above.text)
        continues = (
            upper_above.count("(") > upper_above.count(")")
            or re.match(r"(?:CO(?![A-Z])|\(|&|AND\b)", upper_name) or _LEGAL_FORM_FIRST_RE.match(upper_name)
            or _trade_first_continued(name, above.text)
            # "ENTERPRISE SETIA" / "ALAM SDN BHD": a legal name without its business word yet
            or (has_keyword(above.text, _TRADE_FORMS) and not has_keyword(name, _TRADE_FORMS))
        )
        repeated = _letters_only(name).startswith(_letters_only(above.text))  # "M a r k t W e r k" / "Marktwerk oHG"
        if not continues or repeated or letters(above.text) < 3 or above.amounts \
                or not_a_name(above.text) or _is_address(above.text) or _currency_alone(above.text) \
                or service_sign(above.text):
            break
        name = clean_name(above.text) + " " + name
    return name


# a service agency's sign over the shop that sells the service (``LOTTO`` over ``Kiosk am Bahnhof``)
_SERVICE_SIGN_RE = re.compile(r"\W*(?:(?:LOTTO(?:\W?TOTO)?|TOTO)(?:\W?ANNAHMESTELLE)?"
                              r"|(?:DHL|HERMES|DPD|GLS|UPS)\W?PAKET\W?SHOP"
                              r"|WESTERN UNION|DEUTSCHE POST|POST\W?(?:FILIALE|AGENTUR|PARTNER))\W*")


def service_sign(text: str) -> bool:
    """The line is only a service agency's sign (``LOTTO``, ``DHL Paketshop``, ``Western Union``)."""
    return bool(_SERVICE_SIGN_RE.fullmatch(ascii_upper(text).strip()))


# an independent's trade words as printed, that a name line may print with one glyph slipped (``Apothekc am Markt``,
# a US shop's ``NILLOY HARKET``: its M read as H)
_MENDED_TRADES = ("Apotheke", "Eiscafé", "Bäckerei", "Metzgerei", "Getränke", "Konditorei", "Fleischerei",
                  "Market", "Hardware")
MENDED_TRADE_LETTERS = 6  # a trade word this long, one glyph off, is still known


def _trade_words_mended(name: str) -> str:
    """The name with a trade word one look-alike glyph off read as that word (``Apothekc am Markt``,
    ``Eiscate Venezia``), not a word of its own (``Apotheker``: one letter more)."""
    return " ".join(_mended_trade(word) for word in name.split(" "))


def _mended_trade(word: str) -> str:
    folded = ascii_upper(word).lower()
    if len(folded) < MENDED_TRADE_LETTERS:
        return word
    for trade in _MENDED_TRADES:
        if any(look_alike_slips(folded, spelled, 1) and (len(folded) >= 7 or folded[-1] == spelled[-1])
               for spelled in _spellings(trade)):  # a short word's last letter is no slip: ``Markel`` is a name
            return trade.upper() if word.isupper() else trade
    return word


def _spellings(trade: str) -> set[str]:
    """A trade word folded, its umlauts spelled out (``baeckerei``) or dropped (``backerei``)."""
    return {ascii_upper(trade).lower(), ascii_upper(unicodedata.normalize("NFKD", trade)).lower()}


def _trade_first_continued(name: str, above: str) -> bool:
    """A name opening with its trade word that a legal name's line above begins: the joined name ends in a
    legal form, or the line above has no German function word in lower case (``AIK HUAT HARDWARE`` /
    ``ENTERPRISE (SETIA``); not a tagline over a German shop's ``Trade Surname`` (``Frisch vom Land`` /
    ``Metzgerei Huber``)."""
    return has_keyword(name.split()[0] if name.split() else "", _TRADE_FORMS) \
        and (has_legal_form(name) or not _SLOGAN_WORDS.intersection(re.findall(r"[^\W\d_]+", above)))


# the forms of a German firm that runs a shop under another name ("Café Central" over "Central Gastro
# GmbH", "Rosen-Apotheke" over "Apothekerin Anna Klein e.K.")
_OPERATOR_FORM_RE = re.compile(r"\b(?:GMBH|MBH|KG|OHG|UG|GBR)\b|\bE\.?\s?K\.(?!\w)", re.IGNORECASE)


def _operator_under_its_shop(legal: str, above: str) -> bool:
    """``above`` is the shop's own name, a whole one that says its trade, over the firm that runs it:
    a German operator's line with words of its own (not ``GmbH & Co. oHG`` alone, not the shop's
    name again: ``REWE`` / ``REWE Markt GmbH``)."""
    own_words = [word for word in re.findall(r"[^\W\d_]+", without_legal_forms(legal)) if len(word) >= 3]
    above_words = re.findall(r"[^\W\d_]+", above)
    named = any(len(word) >= 4 and not has_keyword(word, _TRADE_FORMS) for word in above_words)
    # the shop says its trade, or the firm is named for it ("Sushi Yamato" / "Yamato Gastro GmbH")
    its_shop = has_keyword(above, _TRADE_FORMS) or has_keyword(legal, _OPERATOR_WORDS) \
        or {fold(word) for word in own_words if len(word) >= 4} & {fold(word) for word in above_words}
    return bool(_OPERATOR_FORM_RE.search(legal)) and bool(own_words) and not _LEGAL_FORM_FIRST_RE.match(
        ascii_upper(legal)) and bool(its_shop) and _name_alone(above) and named \
        and not _letters_only(legal).startswith(_letters_only(above))  # not "Café & Konditorei & Eis" alone


# what a German firm that runs restaurants or shops calls itself: "Krone Gastro GmbH", "Betriebs GmbH"
_OPERATOR_WORDS = ("GASTRO", "GASTRONOMIE", "SYSTEMGASTRONOMIE", "BETRIEBS", "BETRIEBSGESELLSCHAFT", "HOLDING",
                   "VERWALTUNGS", "HANDELS")


# a line opening with the legal form, its name on the line above: "ALDI SUED" / "GmbH & Co. oHG",
# "Netto Marken-Discount" / "Stiftung & Co. KG"
_LEGAL_FORM_FIRST_RE = re.compile(rf"(?:{LEGAL_RE.pattern})|(?:STIFTUNG|SE)\s*(?:&|\+|UND)\s*CO\b")


def _letters_only(text: str) -> str:
    """Letters and digits only, upper case (``M a r k t W e r k`` and ``Marktwerk`` alike)."""
    return re.sub(r"[^A-Z0-9]", "", ascii_upper(text))


def _with_trade_below(doc: Doc, index: int, name: str, heights: list[int]) -> str:
    """The shop's trade printed alone under its name is part of it: ``CAVALIERE`` / ``Restaurant``,
    ``VOLUME ONE`` / ``BOOKSHOP``; not under a name that says its trade (``MAPLE STREET DINER`` /
    ``Bar & Grill``: what else it is)."""
    below = doc.lines[index + 1] if index + 1 < len(doc.lines) else None
    if below is not None and _store_number(below.text):
        return name  # "7-ELEVE" / "Store 2O441": the branch's number, no part of the name
    if below is not None and _place_of_the_shop(below.text):
        return f"{name} {clean_name(below.text)}"  # "TABAKBORSE" / "am Markt", "Apotheke" / "am Markt"
    if below is not None and (_is_trade_only(name) or describes_the_trade(name) and _over_address_or_phone(doc, below)
                              and not _says_what_it_serves(below.text)) and _name_alone(below.text):
        return f"{name} {clean_name(below.text)}"  # "Restaurant" / "Zur Post", "Chinese Restaurant" / "Peking Garden"
    if below is not None and _logo_continues(doc, doc.lines[index], below, heights):
        return f"{name} {clean_name(below.text)}"  # "YELLOW DOG" / "EATS", "La Cocina" / "de Abuela"
    if below is None or _is_trade_only(name) or has_keyword(name, _TRADE_FORMS) \
            or not _is_trade_only(below.text, parted=False):
        return name
    return f"{name} {clean_name(below.text)}"


# a branch's number on a line of its own (``Store 2O441``, ``STORE #1187``: a digit read as a letter too)
_STORE_NUMBER_RE = re.compile(r"\W*STORE\W{0,3}(?:NO\W{0,2})?(?=[0-9OIL]*\d)[0-9OIL]{2,}\W*")


def _store_number(text: str) -> bool:
    return bool(_STORE_NUMBER_RE.fullmatch(ascii_upper(text)))


# "am Markt", "an der Oper", "im Hauptbahnhof": where a shop is, under its name (not an inn's "Zum Löwen", "Zur
# Post", nor a till's "AM PM")
_PLACE_OF_THE_SHOP_RE = re.compile(  # not "Im Haus", where the order is eaten
    r"\s*(?!IM\s+HAUS\b)(?:AM|IM|BEIM|AN\s+(?:DER|DEN|DEM)|IN\s+DER|AUF\s+DEM)(?:\s+[A-Z][A-Z'-]{2,}){1,2}\s*")


def _place_of_the_shop(text: str) -> bool:
    return bool(_PLACE_OF_THE_SHOP_RE.fullmatch(ascii_upper(text)))


def _logo_continues(doc: Doc, name: Line, below: Line, heights: list[int]) -> bool:
    """A name stacked over two logo lines: ``YELLOW DOG`` / ``EATS``, ``SPIN CITY`` / ``RECORDS``, ``La
    Cocina`` / ``de Abuela``: the line under the name, printed no smaller, is words that a small word opens
    in lower case, or one word in capitals under a name in capitals, right over the shop's address or
    phone (``Zur Eiche`` / ``Kneipe`` says what it is); not a branch or a part of town (``MIDTOWN``,
    ``AIRPORT``), not under a name that says its trade or holds a number past its first word (``5 NAPKIN``
    / ``BURGER`` joins)."""
    name_text, below_text = _unspaced_groups(name.text), _unspaced_groups(below.text).strip()
    if digits(_LEADING_NUMBER_RE.sub("", name_text)) or _is_address(name_text) or has_keyword(name_text, _TRADE_FORMS) \
            or has_legal_form(name_text) or len(name_text.split()) > 3 \
            or heights[below.index] < 0.8 * heights[name.index] or not_a_name(below_text) or _is_address(below_text):
        return False
    if _LINKED_RE.fullmatch(below_text):
        return True
    word = below_text.split()[0] if len(below_text.split()) == 1 else ""
    return _over_address_or_phone(doc, below) and word.isalpha() and len(word) >= 3 \
        and word.isupper() and name_text.isupper() \
        and fold(word) not in _PARTS_OF_TOWN and not _GLUED_STREET_RE.search(ascii_upper(word)) \
        and (_says_what_it_is(word) or _description_words_only(name_text))


def _says_what_it_is(word: str) -> bool:
    """One word of what a shop is, pours or sells (``EATS``, ``RECORDS``, ``LOUNGE``, ``BURGER``, ``TAVERNA``): not a
    branch's or a district's name (``BALLARD``, ``BROOKLYN``, ``SOHO``) nor a pub's ``FREEHOUSE``."""
    folded = fold(word)
    return folded in _DESCRIPTIONS or folded in _POURS or folded in _ROOMS or folded in _SUBTITLE_WORDS \
        or has_keyword(word, _TRADE_FORMS + _COMPANY_TRADES + _FARE + _GLUED_TRADES + _MORE_TRADES)


def _description_words_only(text: str) -> bool:
    """``TANDOORI``, ``BALTI``, ``CURRY``: a name line of a cuisine's or a trade's words alone, which the line under
    it completes (``TANDOORI`` / ``PALACE``)."""
    words = [fold(word) for word in re.findall(r"[^\W\d_]+", text)]
    return bool(words) and all(word in _DESCRIPTIONS or word in _POURS or word in _ROOMS for word in words)


# trades a stacked logo's second line says, beyond the trade words above
_MORE_TRADES = ("TAVERNA", "LUNCHEONETTE", "EMPORIUM", "OUTFITTERS", "PROVISIONS", "GOODS", "SUPPLY", "CYCLES", "BIKES",
                "BOOKS", "RECORDS", "RAMEN", "PHO", "TEA", "JUICE", "CANDY", "COOKIES", "CUPCAKES", "TAPAS", "BURRITOS")


def _over_address_or_phone(doc: Doc, line: Line) -> bool:
    """The line right under ``line`` is the shop's address or phone: the name's lines end at ``line``."""
    after = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    return after is not None and (_is_address(after.text) or bool(_BARE_STREET_RE.fullmatch(ascii_upper(after.text)))
                                  or find_phone(replace(doc, lines=(after,))) is not None)


# a house number and a street named without its suffix ("120 N Limestone", "414 Broadway")
_BARE_STREET_RE = re.compile(r"\s*\d{1,5}\s+(?:[NSEW]\.?\s+)?[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)?\s*")


# "de Abuela", "of Brooklyn", "& Sons": a name's second line opened by a small word
# (not where it is: "on Broadway", "im Hauptbahnhof", "am Markt"; nor a German till's "zum Mitnehmen", "zur Abholung")
_LINKED_RE = re.compile(r"(?:de|del|della|di|da|du|la|le|of|the|and|&|und)(?:\s+[A-Z][\w'-]+){1,2}")
_LEADING_NUMBER_RE = re.compile(r"^\d{1,3}\s+(?=[^\W\d_])")  # "5 NAPKIN", "2 AMYS": a number the name opens with
_GLUED_STREET_RE = re.compile(r"(?:STRASSE|STR|WEG|PLATZ|ALLEE|GASSE|DAMM|RING|UFER|CHAUSSEE|STREET|ROAD|AVENUE)$")
# a branch's or a district's name under a chain's or a shop's: "MIDTOWN", "AIRPORT", "NORTH"
_PARTS_OF_TOWN = frozenset(fold(word) for word in """
DOWNTOWN UPTOWN MIDTOWN AIRPORT NORTH SOUTH EAST WEST CENTRAL CENTRE CENTER VILLAGE STATION MALL PLAZA TERMINAL
CAMPUS HARBOR HARBOUR BEACH PARK HEIGHTS HILLS SQUARE CITY LOCATION BRANCH STORE EXPRESS NORD SUED OST
""".split())


def _name_alone(text: str) -> bool:
    """Words that may name a shop under its trade: no number, no address, no owner, no trade word alone."""
    return letters(text) >= 3 and not digits(text) and not _is_trade_only(text) and not _is_address(text) \
        and not not_a_name(text) and not has_keyword(text, _NOT_OWN_NAME) and not has_legal_form(text) \
        and not _OWNER_RE.match(text.strip()) and not _MENU_RE.search(ascii_upper(text))


def _says_what_it_serves(text: str) -> bool:
    """A subtitle, not a name: a cuisine's, a dish's or a trade's word (``Italienische Spezialitäten``,
    ``Chinese Takeaway``, ``Indian Cuisine``), a list (``Frisch · Lecker · Halal``), a delivery service."""
    words = [fold(word) for word in re.findall(r"[^\W\d_]+", text)]
    return any(word in _DESCRIPTIONS for word in words) or bool(re.search(r"[·•|]", text)) \
        or has_keyword(text, _TRADE_FORMS + _DELIVERY) or bool(_DESCRIPTION_TAGLINE_RE.search(ascii_upper(text)))


# a tagline under a name of a trade's words ("Fully Licensed", "Halal", "Eat In or Take Away", "Open 7 Days")
_DESCRIPTION_TAGLINE_RE = re.compile(r"\b(?:LICEN[SC]ED|HALAL|EAT\s?IN|TAKE\s?AWAY|TAKEOUT|OPEN|EST|SINCE)\b")
_DELIVERY = ("LIEFERSERVICE", "LIEFERDIENST", "HEIMSERVICE", "BRINGDIENST", "ABHOLSERVICE", "DELIVERY")
# a menu's line ("Lunch Special", "Happy Hour"), not a name with a meal's word ("The Breakfast Club", "Lunch Box")
_MENU_RE = re.compile(r"\b(?:SPECIALS?|MENU|HAPPY HOUR|COMBOS?|BUFFET)\b")


def _is_trade_only(text: str, parted: bool = True) -> bool:
    """One or two words, each a trade word (or a long one with one letter misread: ``BOOKSHOF``), or, where
    ``parted``, up to four parted by marks (``Bäckerei - Konditorei - Café``, ``Metzgerei • Partyservice``)."""
    words = re.findall(r"[^\W\d_]+", text)
    few = len(words) <= 2 or parted and bool(_TRADES_PARTED_RE.fullmatch(text.strip()))
    return 0 < len(words) <= 4 and few and not digits(text) and all(_is_trade_word(word) for word in words)


_TRADES_PARTED_RE = re.compile(r"[^\W\d_]+(?:\s*[-–•·&/|+,]\s*[^\W\d_]+){1,3}")


_LONG_TRADE_WORDS = tuple(fold(word) for word in _BUSINESS_WORDS if len(word) >= SLIP_MIN)


def _is_trade_word(word: str) -> bool:
    folded = fold(word)
    return has_keyword(word, _TRADE_FORMS) or (
        len(folded) >= SLIP_MIN and any(one_letter_off(folded, trade) for trade in _LONG_TRADE_WORDS))


# a digit OCR reads for a look-alike letter in a word of letters ("L4 TAURINA", "CAF0", "DRe5s")
_LETTER_FOR_DIGIT = str.maketrans("0458", "OASB")
SHORT_WORD = 3  # letters; a short word ending in 0 or 4 is a word ("L4", "CAF0"), a longer one a number ("PLAZA8")


def _mend_digits(text: str) -> str:
    """A word of letters with one digit look-alike in it is read with the letter: ``L4 TAURINA``,
    ``CAF0``; not a digit that starts a word (``4EVER``, ``7ELEVEN``), stands beside another
    (``B52``, ``STUDIO54``) or ends a longer word (``PLAZA8``: a number glued on). A word in capitals
    whose Os were read as 0s, wherever after its first letter, has them back (``T0PG0LF``, ``JUMB0``)."""
    def mend(word: re.Match[str]) -> str:
        found = word.group()
        if _OS_READ_AS_ZEROS_RE.fullmatch(found):
            return found.replace("0", "O")  # "T0PG0LF", "JUMB0"
        at = [i for i, ch in enumerate(found) if ch.isdigit()]
        if len(at) != 1 or at[0] == 0 or found[at[0]] not in "0458" \
                or (at[0] == len(found) - 1 and _glued_number(found)):
            return found
        return found.translate(_LETTER_FOR_DIGIT)
    return re.sub(r"[^\W_]{2,}", mend, text)


# a word in capitals whose Os OCR read as 0s, after its first letter, however many ("T0PG0LF", "JUMB0": a
# store's number glued on is no lone 0; an l in it may be an I or an L, "UNlVERSAL", "PElICAN", and stays)
_OS_READ_AS_ZEROS_RE = re.compile(r"(?=(?:[A-Z0]*[A-Z]){3})[A-Z]+(?:0[A-Z]*)+")


def _glued_number(word: str) -> bool:
    """A number glued to the word's end (``PLAZA8``, ``NO5``), not a letter misread (``L4``, ``CAF0``)."""
    return len(word) - 1 > SHORT_WORD or word[-1] not in "04"


_EIGHT_FOR_AMPERSAND_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+) 8 (?=([^\W\d_]+))")
# words a number follows in a name ("LUCKY 8", "ROUTE 8 DINER", "PIER 8", "STUDIO 8", "SUPER 8")
_NUMBERED = frozenset("""LUCKY GOLDEN ROUTE RT PIER STUDIO CLUB GATE SUPER CRAZY WOK FIGURE HWY HIGHWAY NO NUMBER
UNIT SUITE TERMINAL STATION PLATFORM LEVEL FLOOR BAY DOCK STORE ROOM LOT CHINA PHO""".split())


def _ampersand_for_eight(match: re.Match[str]) -> str:
    """"TONY 8 SONS": its & read as 8; not a number in the name ("LUCKY 8", "ROUTE 8 DINER", "PIER 8 SEAFOOD")."""
    after = match[2]
    if ascii_upper(match[1]) in _NUMBERED or has_keyword(after, _TRADE_FORMS) or fold(after) in _DESCRIPTIONS:
        return match[0]
    return f"{match[1]} & "


_LETTER_SPACED_RE = re.compile(r"(?<!\S)[^\W_](?:\s[^\W_]){3,}(?!\S)")


def _unspaced_groups(text: str) -> str:
    """A logo printed letter-spaced, its words parted by wider gaps (``T H E   B L U E   D O O R``): each
    word's letters joined (``THE BLUE DOOR``)."""
    if not _LETTER_SPACED_RE.search(text):
        return text
    groups = re.split(r"\s{2,}", text.strip())
    return " ".join(group.replace(" ", "") if re.fullmatch(r"[^\W_](?: [^\W_])+", group) else group
                    for group in groups)


# a glyph read for a look-alike in a word of letters, before the merchant's lines are weighed (its digits
# make a name an address): "GRlLL", "SUNR1SE", "MA1N STREET D1NER", "R00M", "0AK", "PH0 99", "Rosa'5"
_ZEROS_ONES_FIVES_IN_WORD_RE = re.compile(r"(?<=[A-Za-z])[015]+(?=[A-Za-z])")
_L_AMONG_CAPITALS_RE = re.compile(r"(?<=[A-Z])l(?=[A-Z])")
_ZERO_OPENING_CAPITALS_RE = re.compile(r"(?<![\w])0(?=[A-Z]{2})")
_ZERO_CLOSING_CAPITALS_RE = re.compile(r"(?<![\w])([A-Z]{2})0(?![\w])")
_FIVE_AFTER_APOSTROPHE_RE = re.compile(r"(?<=[A-Za-z]['’])5\b")
# a British or a Canadian postcode, its outward code and its inward code ("SW1A 1AA", "K1A 0B1"): no misread
# word (a word of that shape alone is one: "MA1N")
_POSTCODE_RE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|[A-Z]\d[A-Z]\s\d[A-Z]\d)\b")


def mended_glyphs(text: str) -> str:
    """The line with a look-alike glyph inside a word of letters read as the letter (``GRlLL``, ``R00M``,
    ``PH0 99``, ``Rosa'5``); a postcode keeps its digits."""
    postcodes = [match.span() for match in _POSTCODE_RE.finditer(text)]

    def in_word(word: re.Match[str]) -> str:
        if any(start <= word.start() < end for start, end in postcodes):
            return word[0]
        return _ZEROS_ONES_FIVES_IN_WORD_RE.sub(lambda m: m[0].translate(_ZEROS_ONES_FIVES_AS_LETTERS), word[0])
    text = _WORD_OF_FOUR_RE.sub(in_word, text)  # not "A1A ALE WORKS", a road's name
    text = _L_AMONG_CAPITALS_RE.sub("I", text)
    text = _ZERO_OPENING_CAPITALS_RE.sub("O", text)
    text = _ZERO_CLOSING_CAPITALS_RE.sub(r"\1O", text)
    return _FIVE_AFTER_APOSTROPHE_RE.sub("s", text)


_ZEROS_ONES_FIVES_AS_LETTERS = str.maketrans("015", "OIS")
_WORD_OF_FOUR_RE = re.compile(r"[^\W_]{4,}")
_DASHED_STORE_NUMBER_RE = re.compile(r"#\s?\d{3,6}-\d{1,4}\b")
# a German ü read as two i after a word's capital (``Siid``, ``Miiller``, ``Griin``), a consonant after them; not
# "Hawaiian", "Shiitake", "Skiing"
_U_UMLAUT_AS_II_RE = re.compile(  # nor Finnish, Danish, Hawaiian names: "Liisa", "Friis", "Niihau", "Riikka"
    r"(?:(?<=\b[A-Z])|(?<=\b[A-Z][rl]))ii(?=(?!kk|[sv]\b)[b-df-hj-np-tv-z](?:[b-df-hj-np-tv-z]|\b))")
# "(asa Verde": a capital C read as a bracket that nothing closes
_BRACKET_FOR_C_RE = re.compile(r"(?<!\S)\((?=[a-z]{2,}\b)(?![^()]*\))")


def clean_name(text: str) -> str:
    text = _unspaced_groups(text)  # "T H E   B L U E   D O O R"
    text = _EIGHT_FOR_AMPERSAND_RE.sub(_ampersand_for_eight, text)  # "TONY 8 SONS"
    text = _without_slogan(_OWNER_RE.sub("", text))  # "Blumen Meier Inh. Hans Meier"
    text = _DASHED_STORE_NUMBER_RE.sub(" ", text)  # "SUBWAY #12345-0"
    text = _POSSESSIVE_DOLLAR_RE.sub("s", _mend_digits(_BRACKET_FOR_C_RE.sub("C", text)))  # "Rosa'$ Trattoria"
    text = _QUOTE_FOR_APOSTROPHE_RE.sub("'", text)  # 'Rosa"s
    text = _GLUED_POSSESSIVE_RE.sub(" ", text)  # "NONNA'SDELI": the space after a possessive lost
    for pattern, word in _ACCENT_LOST:  # "Caf Central", "D ner Kebap": the accented letter lost or read as a space
        text = pattern.sub(lambda m, word=word: _accented_as_printed(m, word), text)
    text = _U_UMLAUT_AS_II_RE.sub("ü", text)  # "Marktwerk Siid oHG", "Miiller": an ü read as two i
    for pattern, canonical in _LEGAL_CANON:
        text = pattern.sub(canonical, text)
    text = _AFTER_LEGAL_RE.sub(r"\1", legal_name(text))
    named_for = _NAMED_FOR_NUMBER_RE.match(text)  # "1889 Brewing Co.": a number the shop is named for
    kept = named_for[0] if named_for else ""
    text = kept + REG_NUMBER_RE.sub(" ", text[len(kept):])
    text = re.sub(r"\(\s*\)", " ", text)
    text = re.sub(r"\(\W*\w?\W*$", " ", text)  # a cut-off "(L" / "( 00/" after the name
    return squash_spaces(text).strip(" .,:;-*#\"·–|")


# a slogan after the name, parted by a spaced mark: "Bäckerei Weber - Das Brot vom Meister"
_SLOGAN_MARK_RE = re.compile(r"\s[-–·|]\s")
_SLOGAN_WORDS = frozenset("das die der den dem vom von aus für fur jeden jede wie bei mit seit und im am".split())
SLOGAN_WORDS = 3  # words; a phrase this long in mixed case after the mark is a slogan


def _without_slogan(text: str) -> str:
    """The name without the slogan after it (``Blumen Meyer - Blumen für jeden Anlass``): a phrase in mixed
    case or with German function words after a spaced mark; not trade words (``Bäckerei - Konditorei``)
    nor an unspaced hyphen (``Rosen-Apotheke``, ``Back-Factory``)."""
    mark = _SLOGAN_MARK_RE.search(text)
    kept = text[:mark.start()].strip() if mark is not None else ""
    if letters(kept) < _KEPT_LETTERS or _is_trade_only(kept):
        return text  # "Trattoria - da Mario e figli", "K1 - die Tankstelle am Ring": the name is both parts
    words = re.findall(r"[^\W\d_]+", text[mark.end():])
    phrase = len(words) >= SLOGAN_WORDS and any(word[0].islower() for word in words) \
        or any(word in _SLOGAN_WORDS for word in words)
    named = {fold(word) for word in re.findall(r"[^\W\d_]+", kept)}
    names_a_trade = any(fold(word) not in named and _names_a_trade(word) for word in words)
    return text[:mark.start()] if phrase and not names_a_trade else text  # "Hotel - Restaurant zur Linde"


def _names_a_trade(word: str) -> bool:
    """``Restaurant``, ``Metzgerei``, ``pizza``: a word saying what the shop is or serves."""
    return _says_the_trade(fold(word)) or fold(word) in _CUISINES or fold_word(word, False) in FAMILY_TRADES


_KEPT_LETTERS = 4  # a name's letters left before a slogan's mark ("K1" is none)


# the owner's line with its "Inh." not printed: a person, a title maybe, and a registered merchant's form
# ("Apotheker Jens Hoffmann e.K.", "Thomas Kunz e.Kfm.")
_PERSON_TITLES = r"(?:Apotheker(?:in)?|Dr\.|Kaufmann|Kauffrau|Fam\.|Familie)"
_REGISTERED_PERSON_RE = re.compile(rf"(?:{_PERSON_TITLES}\s+)*"
                                   r"[A-ZÄÖÜ][a-zäöüß]+\.?(?:\s+[A-ZÄÖÜ][a-zäöüß-]+){1,2}\s+e\.\s?K(?:fm|fr)?\.?")
# the branch, under a lost logo ("Filiale Mannheim-Neckarau", "BRANCH: 0412"); not "Branch Line", a name
_BRANCH_RE = re.compile(r"(?:FILIALE|FIL\.|ZWEIGSTELLE|NIEDERLASSUNG)(?![A-Z])|BRANCH\s*(?:[:#]|NO\b|NR\b|ID\b)")


def _registered_person(text: str) -> bool:
    """``Apotheker Jens Hoffmann e.K.``, ``Thomas Kunz e.K.``: the owner's line without its Inh.; not the shop's
    own legal name, opening with its trade (``Schuhhaus Meier e.K.``, ``Elektro Braun e.K.``, ``Foto Studio Lange
    e.K.``)."""
    if not _REGISTERED_PERSON_RE.fullmatch(text):
        return False
    first = re.match(r"[^\W\d_]+", text)[0]
    return bool(_PERSON_TITLE_RE.match(text)) or not (
        has_keyword(first, _TRADE_FORMS) or fold_word(first, False) in FAMILY_TRADES
        or fold_word(first, True) in FAMILY_TRADES or _SHOP_NOUN_RE.search(ascii_upper(first)))


_PERSON_TITLE_RE = re.compile(rf"{_PERSON_TITLES}\s")
# a German shop's noun opening its legal name: "Schuhhaus", "Weinhandlung", "Spielwaren", "Elektro", "Foto"
_SHOP_NOUN_RE = re.compile(r"(?:HAUS|HANDLUNG|WAREN|BEDARF|LADEN|GESCHAEFT|STUDIO|CENTER|ZENTRUM|MARKT|TECHNIK"
                           r"|SERVICE)$"
                           r"|^(?:ELEKTRO|FOTO|FAHRRAD|ZWEIRAD|UHREN|SCHMUCK|PAPETERIE|PAPIER|MODE|SPORT|TABAK|LOTTO"
                           r"|BUCH|AUTO|KFZ|REISE|MALER|SANITAER|HEIZUNG|RAUMAUSSTATTUNG|GOLDSCHMIEDE|JUWELIER|BETTEN"
                           r"|MOEBEL|TEPPICH|FARBEN|EISEN|GARTEN|ZOO|TIERBEDARF|COPY|KOPIER|DRUCK|WEIN|TEE|KAFFEE)$")
# four digits opening a name before its words ("1889 Brewing Co.", "1776 Tavern"), not a registration number
_NAMED_FOR_NUMBER_RE = re.compile(r"\d{4}\s+(?=[^\W\d_]{2})")


def _name_score(line: Line, position: float, tall: bool, over_its_address: bool = False) -> float:
    """How much the line looks like the shop's name (0: none); ``over_its_address``: the line opens the
    receipt over the shop's whole address (``_over_its_address``), so a street's shape in it is its name's."""
    upper = ascii_upper(line.text)
    if letters(line.text) < 3 or digits(line.text) > letters(line.text) or line.amounts \
            or _OWNER_RE.match(line.text.strip()) or line.index and _registered_person(line.text.strip()):
        return 0.0  # no name: too few letters, a number, a price, the owner's line
    legal = has_legal_form(line.text)
    if not legal and (not_a_name(line.text) or STORE_NUMBER_RE.search(upper)
                      or _is_address(line.text) and not _named_after_street(line.text) and not over_its_address):
        return 0.0
    if _currency_alone(line.text) or _order_number(line.text) or _tagline_only(line.text) \
            or _BRANCH_RE.match(upper.strip()):
        return 0.0  # "EUR" heading the price column; "Orde{ #840"; "Since 2014"; "Filiale Mannheim-Neckarau"
    if _house_number(line.text) and not has_keyword(line.text, _BUSINESS_WORDS) and not over_its_address:
        return 0.0  # "679 Moa Strea": a street whose suffix OCR garbled
    if _PERSON_RE.fullmatch(line.text.strip()) or ascii_upper(line.text).strip(" .") in _ARTICLES \
            or _TABLE_OR_WAITER_RE.search(upper) or _WHERE_RE.match(line.text.strip()):
        return 0.0  # "Jordan P.", "Kellner: Hans", "Tisch 3": the bill's people and table; "THE" over the name;
        # "at Ponce City Market": where the stall is
    score = 1.0 + 2.0 * (1.0 - position) + 0.5 * line.confidence
    if _glued_sentence(line.text.strip()):
        score -= 1.5  # "Boughtworldsmostexpensive": a slogan whose spaces OCR lost
    if legal:
        score += 4.0
    elif has_keyword(line.text, _TRADES_NOT_PLACES):
        score += 1.0
    if tall:
        score += 0.7
    if _POSSESSIVE_RE.search(line.text):
        score += 0.5  # "HATOFF'S GAS", "SUE'S HALLMARK": an owner's name
    first_letter = re.search(r"[^\W\d_]", line.text)
    if first_letter and first_letter.group(0).islower() and not _capital_lost(line.text):
        score -= 1.5  # a fragment of a word split by OCR (or a scribble), not the start of a name
    return score


_WHERE_RE = re.compile(r"(?:at|@)\s+[A-Z]")  # "at Ponce City Market" under a stall's name (not "At Home")
# a person's given name and initial ("Jordan P.", "Sam R."): the guest or the server, never the shop
_PERSON_RE = re.compile(r"[A-Z][a-z]{2,12}\s[A-Z]\.")  # not "Salon K", "Studio B"
_TABLE_OR_WAITER_RE = re.compile(r"\b(?:TISCH|KELLNER(?:IN)?|BEDIENER(?:IN)?|BEDIENUNG)\s*(?:[:#]|NR\b|\d)")
_ARTICLES = frozenset(("THE", "EL", "LA", "LE", "LES", "LOS", "LAS", "IL", "DIE", "DER", "DAS", "ZUM", "ZUR"))
# words that say what a restaurant serves or is, not its name: "Chinese Restaurant", "Authentic Italian Cuisine",
# "Japanese Steakhouse & Sushi"
_CUISINES = frozenset(fold(word) for word in """
AMERICAN ASIAN CHINESE JAPANESE THAI VIETNAMESE KOREAN INDIAN PAKISTANI NEPALESE MEXICAN TEX-MEX ITALIAN FRENCH
GREEK MEDITERRANEAN LEBANESE TURKISH PERSIAN ETHIOPIAN CARIBBEAN CUBAN PERUVIAN BRAZILIAN SPANISH GERMAN IRISH
BRITISH SOUTHERN CAJUN CREOLE AUTHENTIC TANDOORI BALTI CURRY
CHINESISCHES ITALIENISCHES GRIECHISCHES ASIATISCHES INDISCHES THAILAENDISCHES TUERKISCHES CHINA ASIA DOENER KEBAP
""".split())
_DESCRIPTIONS = _CUISINES | frozenset(fold(word) for word in """
SEAFOOD STEAK SUSHI HIBACHI NOODLE NOODLES DUMPLING DUMPLINGS TAPAS VEGAN VEGETARIAN FAMILY FINE CASUAL CUISINE
NEAPOLITAN SICILIAN WING BAKE TAKEAWAY TAKE AWAY FISH CHIP CHIPS KEBAB KEBABS
FOOD FOODS DINING AND & SPORTS BAR GRILL PIZZA TACOS BURGERS WINGS SPEZIALITAETEN KUECHE
DISCOUNT SMOKE VAPE TOBACCO CIGAR CIGARS FARM NEIGHBORHOOD COMMUNITY COMPOUNDING SPECIALTY GOURMET ORGANIC ARTISAN
LIQUOR LIQUORS SPIRITS FREE
""".split())
# what a bar or a café pours, shows or makes, and the kind of room it is: "Wine Bar", "Coffee House",
# "Cocktail Lounge", "Brewing Company"
_POURS = frozenset(fold(word) for word in """
WINE WINES COCKTAIL COCKTAILS COFFEE ESPRESSO BEER BEERS CRAFT TAP OYSTER RAW JUICE SMOOTHIE DESSERT GELATO
BREAKFAST BRUNCH WHISKEY WHISKY PIANO KARAOKE HOOKAH BREWING ROASTING
""".split())
_ROOMS = frozenset(fold(word) for word in """
BAR PUB HOUSE LOUNGE ROOM TAPROOM HALL GARDEN SHOP CAFE PARLOR PARLOUR ROASTERS ROASTERY DISTILLERY WINERY
CREAMERY BAKEHOUSE HAUS STUBE
""".split())
_DESCRIPTION_PENALTY = 2.5
# a tagline over the name ("Family Owned Since 1978", "ESTABLISHED IN BROOKLYN"): the trade's words under
# it name the shop
_TAGLINE_RE = re.compile(r"\b(?:SINCE|EST|ESTABLISHED|OWNED|OPERATED|FINEST|PROUDLY|HOME OF|SERVING)\b"
                         r"|\b(?:18|19|20)\d{2}\b")


def _under_an_opening_tagline(doc: Doc, line: Line, scored: list[tuple[float, int]]) -> bool:
    """The line right under a tagline that opens the receipt (``Family Owned Since 1978`` / ``ORGANIC FARM
    MARKET``): the trade's words are the name; not under a tagline under the name (``GOLDEN WOK`` / ``EST.
    1998`` / ``Chinese Restaurant``)."""
    return line.index > 0 and bool(_TAGLINE_RE.search(ascii_upper(doc.lines[line.index - 1].text))) \
        and all(index == line.index - 1 for _, index in scored)


def describes_the_trade(text: str) -> bool:
    """Every word of the line says what the shop serves or is, one of them a cuisine (``Chinese
    Restaurant``, ``Authentic Italian Cuisine``), what it pours and the room (``Wine Bar``,
    ``Coffee House``), or what it serves and its trade (``Seafood Restaurant``, ``Brewing Company``,
    ``Sports Bar``): a subtitle or a tagline under another name line, not a name; on the name line
    itself it sends the reader to the thanks, where one names the shop."""
    words = _subtitle_words(text)
    kinds = [word for word in words if word in _ROOMS or has_keyword(word, _TRADE_FORMS)]
    described = any(word in _CUISINES for word in words) or bool(kinds) and len(kinds) < len(words)
    return len(words) >= 2 and described and all(_says_the_trade(word) for word in words)


# "Bar 6 Grill", "Pizza 8 Pasta": a subtitle's & read as a 6 or an 8 between two words
_AMPERSAND_AS_DIGIT_RE = re.compile(r"(?<=[^\W\d_])\s[68]\s(?=[^\W\d_])")


def _subtitle_words(text: str) -> list[str]:
    """The line's folded words and its &s, an & read as a digit between words mended; in a line of two words
    joined by such an & (``Bat 6 Grill``), one word a glyph off a word of the trade is that word (``BAR``; a
    printed & mends none: ``Lake & Pub``, ``King & Bar`` are names)."""
    mended_text, blurred = _AMPERSAND_AS_DIGIT_RE.subn(" & ", text)
    words = [fold(word) for word in re.findall(r"[^\W\d_]+|&", mended_text)]
    if not blurred or len(words) != 3 or words[1] != "&" or all(_says_the_trade(word) for word in words):
        return words
    misread = [i for i in (0, 2) if not _says_the_trade(words[i])]
    if len(misread) != 1:
        return words
    at = misread[0]
    kinds = sorted(_DESCRIPTIONS | _POURS | _ROOMS)
    mended = next((kind for kind in kinds if one_letter_off(words[at], kind)), words[at])
    return words[:at] + [mended] + words[at + 1:]


def _says_the_trade(word: str) -> bool:
    """The folded word says what a shop serves or is (``PIZZA``, ``WINE``, ``LOUNGE``, ``BAKERY``)."""
    return word in _DESCRIPTIONS or word in _POURS or word in _ROOMS or has_keyword(word, _TRADE_FORMS)


# one word and a number (after "#" or not): an order's or a table's number, its label maybe garbled
# ("Orde{ #840", "Jrder 450")
_NUMBERED_RE = re.compile(r"\W*(?P<label>[^\W\d_]\S{1,9})\s*#?\s?\d{2,}\W*")
_NUMBER_LABELS = tuple(fold(label) for label in ("ORDER", "TABLE", "CHECK", "TICKET", "GUEST"))


def _order_number(text: str) -> bool:
    numbered = _NUMBERED_RE.fullmatch(text.strip())
    label = re.sub(r"[^A-Z]", "", fold(numbered["label"])) if numbered else ""
    return any(label == other or one_letter_off(label, other) or one_letter_lost(label, other)
               for other in _NUMBER_LABELS)


# places, not trades: "Northgate Shopping Center", "Union Station" are addresses
_TRADES = tuple(word for word in _BUSINESS_WORDS if word not in ("CENTRE", "CENTER", "HOUSE", "STATION", "GALLERY"))


def _named_after_street(text: str) -> bool:
    """``MAPLE STREET DINER``, ``Park Ave Cafe``, ``Bleecker Street Pizza``, ``5th Ave Bagels``: a shop
    named after its street, no house number; a trade word in it, or what it sells after the street's
    suffix (an address puts a direction, a town or a district there: ``Main St NW``, ``High Street
    Kensington``), or the suffix opening the line (``Street Tacos``). A street named for a trade is
    the street (``Market Street``, ``Mill Road``)."""
    if digits(_ORDINAL_RE.sub("", text)) or opens_with_market_place(text):
        return False
    suffix = find_keyword(text, _STREET_SUFFIXES)
    if suffix is not None and not letters(text[suffix[2]:]) \
            and squash_spaces(ascii_upper(text[:suffix[1]])).strip() in _STREETS_NAMED_FOR_TRADES:
        return False  # "Market Street", "Mill Road": a street named for a trade (not "Bakery Lane", a shop)
    if has_keyword(text, _TRADES):
        return True
    if suffix is None:
        return False
    if not letters(text[:suffix[1]]):
        return True  # "Street Tacos": no address opens with its suffix
    return has_keyword(text[suffix[2]:], _FARE)


_STREETS_NAMED_FOR_TRADES = ("MARKET", "MILL", "STATION", "BANK", "BREWERY", "QUARRY", "FORGE", "MINT")
_ORDINAL_RE = re.compile(r"\b\d{1,3}(?:ST|ND|RD|TH)\b", re.IGNORECASE)  # "5th Ave", "42nd Street"
# suffixes that follow an English street's name ("Bleecker Street"), and what an address prints after them
_STREET_SUFFIXES = ("STREET", "ROAD", "AVENUE", "AVE", "BLVD", "BOULEVARD", "DRIVE", "LANE", "HIGHWAY", "HWY")
# what a place named after its street sells, after the suffix (a town or a district may follow it too:
# ``High Street Kensington``)
_FARE = ("PIZZA", "TACOS", "TACO", "COFFEE", "BAGELS", "BAGEL", "SEAFOOD", "FOOD", "FOODS", "BURGERS", "BURGER",
         "SUSHI", "NOODLES", "RAMEN", "WINGS", "CHICKEN", "DONUTS", "DOUGHNUTS", "CREAMERY", "ICE CREAM", "BREWING",
         "TRUCK", "SUBS", "SANDWICHES", "BURRITOS", "BARBECUE", "PANCAKES", "WAFFLES", "CLEANERS", "LIQUORS",
         "WINE", "SPIRITS", "TEA", "JUICE", "NAILS", "SALON", "FLOWERS", "FLORIST", "BOOKS", "RECORDS")


_LOWER_CASE_STATE_RE = re.compile(r"^(?P<name>[^\d,]+?)\s+(?P<last>[A-Z][a-z])$")


# "4551Main St": a house number glued to its street's name, the space between them lost (only on a line its
# street's suffix closes: not "1889Brewing Company", "21Street Tavern")
_GLUED_HOUSE_NUMBER_RE = re.compile(r"^(\W*\d{1,5})(?=[^\W\d_]{2})")


def _is_address(text: str) -> bool:
    """An address line, but not a name whose last letters OCR split off into a US state's shape:
    a state is printed in capitals after its town (``Springfield, IL``), not as ``Bugenvi Ia``
    (``Sawmill Rd`` stays a street). A house number glued to its street (``4551Main St``) is read apart."""
    if _STREET_NAME_ALONE_RE.search(ascii_upper(text)):
        text = _GLUED_HOUSE_NUMBER_RE.sub(r"\1 ", text.strip())
    split = _LOWER_CASE_STATE_RE.match(text.strip())
    company = _COMPANY_CO_RE.match(ascii_upper(text).strip())
    return is_address(text) and not (split and not is_address(split["name"])
                                     and not has_keyword(split["last"], ADDRESS_KEYWORDS)) \
        and not (company and not is_address(company["name"]) and has_keyword(company["name"], _COMPANY_TRADES))


# "Rise Coffee Co.", "HUDSON COFFEE CO": a company named for its trade, not a town in Colorado
_COMPANY_CO_RE = re.compile(r"^(?P<name>[^\d,]+?)\s+CO\.?$")
_COMPANY_TRADES = _TRADE_FORMS + ("COFFEE", "BREWING", "ROASTERS", "ROASTING", "PIZZA", "CANDY", "SUPPLY", "BAKING",
                                  "BAGEL", "BAGELS", "DONUT", "DONUTS", "TACO", "BURGER", "TEA", "JUICE", "MERCANTILE",
                                  "CREAMERY", "PROVISIONS", "GOODS", "OUTFITTERS", "CHOCOLATE", "SANDWICH", "CIDER")


def _currency_alone(text: str) -> bool:
    return ascii_upper(text).strip(" .:") in CURRENCY_MARKERS


def not_a_name(text: str) -> bool:
    """A bill's header words (``Order #192``, ``YOUR GUEST NUMBER IS``, ``To Go``), a department's heading, a
    card's or staff's line: no shop's name, unless a name holds those words (``TIME OUT MARKET``)."""
    return _header_words(text) and not _named_with_header_words(text)


_FREE_HOUSE_RE = re.compile(r"\W*(?:A\s+FREE\s?HOUSE|FREE\s+HOUSE)\W*")  # a British pub's tagline, the whole line
# a supermarket till's department heading over its items, the whole line ("GROCERY", "GENERAL MERCHANDISE")
_DEPARTMENT_RE = re.compile(r"\W*(?:GR[O0]CERY|DELI|PRODUCE|MEAT|SEAFOOD|MEAT\s?&\s?SEAFOOD|DAIRY|FROZEN(?:\sFOODS?)?"
                            r"|GENERAL\s+MERCHANDISE|LIQUOR|FLORAL|HBC|HEALTH\s?&\s?BEAUTY|REFRIGERATED|BEER\s?&\s?WINE"
                            r"|NATURAL\s+FOODS?)\W*")


_MASKED_CARD_RE = re.compile(r"[X*#]{4,}\s?\d{4}(?!\d)")  # "VISA XXXXXXXXXXXX2093": a card, no name
# the till's staff with their name or number ("Employee: Rosa", "CLERK 03"), not "TRAVIS COUNTY CLERK"
_STAFF_RE = re.compile(r"\b(?:EMPLOYEE|CLERK)\b\s*(?:[:#]|NO\b|NR\b|ID\b|\d)")


def _header_words(text: str) -> bool:
    text = text.rstrip(" !")  # "WELCOME!": its mark no I
    upper = ascii_upper(text)
    return bool(_FREE_HOUSE_RE.fullmatch(upper) or _DEPARTMENT_RE.fullmatch(upper)) \
        or has_keyword(text, _LONG_NOT_NAME) \
        or bool(_MASKED_CARD_RE.search(upper)) or bool(_STAFF_RE.search(upper)) \
        or bool(_SHORT_NOT_NAME_RE.search(upper)) \
        or bool(_ORDER_TYPE_RE.fullmatch(upper.replace("0", "O").strip(" .:*-#"))) \
        or _site_or_handle_alone(upper)


def _site_or_handle_alone(upper: str) -> bool:
    """A line of a web or mail address or a social handle and its label alone (``IG: @saltbox_kitchen``,
    ``info@gmail.com``, ``Follow us on Instagram @x``): where the shop is found, never the name line itself
    (a name OCR joined to a mailbox keeps its words: ``ALDI SUD anna.schmidt@gmail.com``)."""
    if not _SITE_OR_HANDLE_RE.search(upper):
        return False
    return letters(_SITE_LABEL_RE.sub(" ", _SITE_OR_HANDLE_RE.sub(" ", upper))) < 3


# a web or mail address or a social handle, whole
_SITE_OR_HANDLE_RE = re.compile(r"(?:HTTPS?://)?(?:WWW\s?\.)?[\w.-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}"
                                r"|(?:HTTPS?://|WWW\s?\.)\S+|@[A-Z0-9_.]{3,}|[\w-]+(?:\.[\w-]+)*\.(?:COM|NET|ORG)\b\S*")
_SITE_LABEL_RE = re.compile(r"\b(?:FOLLOW|US|ON|AT|VISIT|INSTAGRAM|IG|FACEBOOK|FB|TWITTER|TIKTOK|E-?MAIL|MAIL|WEB"
                            r"|WEBSITE|ONLINE|FIND|LIKE)\b")


# words of a bill's header that also name restaurants (``TIME OUT MARKET``, ``Original Joe's``, ``HARVEST
# TABLE``, ``CHECK PLEASE BAR``, ``WELCOME DINER``, ``ORDER UP DINER``); any header word in the possessive
# is a name's (``SERVER'S CHOICE``)
_HEADER_WORDS_IN_NAMES = frozenset(("TIME", "ORIGINAL", "TABLE", "CHECK", "ORDER", "WELCOME"))
# words beside which those are the header's own ("ORIGINAL RECEIPT", "Online Order", "Welcome to", "Order Type")
_HEADER_COMPANIONS = frozenset("""
TO BACK OF FOR NO NR NUMBER NUM NBR TYPE COPY RECEIPT REPRINT REPRINTED VOID VOIDED MERCHANT ONLINE MOBILE PICKUP PICK
WEB KIOSK CATERING YOUR SPLIT CLOSED OPENED PAID PRINT PRINTED ARRIVAL CLOSE TOTAL STATION DETAILS SUMMARY INFO
NAME PLACED READY ENTERED SENT FIRED SEATED START STARTED END ENDED AHEAD HERE SERVICE DELIVERY TAKEOUT COUNTER DINE
EAT PREP WAIT ESTIMATED QUOTED LOCAL BUSINESS DAY
""".split())
_POSSESSIVE_WORD_RE = re.compile(r"[A-Z]+['’`]S(?![A-Z])")


def _named_with_header_words(text: str) -> bool:
    """A name holding words a bill's header prints (``TIME OUT MARKET``, ``SERVER'S CHOICE``): the
    header's own use carries a value (a number, ``:`` or ``#``: ``Table 12``, ``TIME: 19:12``), stands
    alone or beside its companions (``GUEST CHECK``, ``ORIGINAL RECEIPT``, ``Welcome to``); the name's
    says it is one: a possessive, a trade's word (``MARKET``, ``BAR``, ``DINER``) or TABLE closing it
    (``HARVEST TABLE``; not ``PRE-CHECK``, ``APP ORDER``, ``WELCOME JESSICA``, ``TABLE BOOTH``)."""
    upper = ascii_upper(text)
    if re.search(r"[\d:#]", upper):
        return False
    possessive = _POSSESSIVE_WORD_RE.findall(upper)
    words = re.findall(r"[A-Z]+", _POSSESSIVE_WORD_RE.sub(" ", upper))
    if any(word in _HEADER_COMPANIONS for word in words):
        return False
    rest = [word for word in words if word not in _HEADER_WORDS_IN_NAMES]
    if len(rest) == len(words) and not possessive:
        return False  # no such word: the rules above judge the line
    return len(words) + len(possessive) >= 2 and not _header_words(" ".join(rest)) \
        and any(len(word) >= 3 for word in rest + possessive) \
        and bool(possessive or has_keyword(text, _TRADE_FORMS) or words[-1] == "TABLE" != words[0])


# a line of the order's type alone, printed above or below the restaurant's name ("Pizza To Go" is a name)
_ORDER_TYPE_RE = re.compile(r"(?:TO\s?G[OU]|DINE\s?IN|EAT\s?IN|TAKE\s?(?:OUT|AWAY)|CARRY\s?OUT|DELIVERY|"
                            r"PICK\s?UP(?:\s+(?:AT|@)\s+(?:THE\s+)?(?:WINDOW|COUNTER|TRUCK))?|"
                            r"DRIVE\s?THR(?:U|OUGH)|FOR\s?HERE|COUNTER|BAR|PATIO"
                            # "DINE 1#", "DINELIN": its IN misread
                            r"|DINE(?!R)\s?(?:[A-Z]?[IL1|!]?N?|[^A-Z\s]{1,3}|[A-Z][^A-Z\s]))")


def _capital_lost(text: str) -> bool:
    """A name whose capital OCR lost before a capitalised trade word: ``ippopot amus Restauration``."""
    found = find_keyword(text, _TRADES_NOT_PLACES)
    return found is not None and text[found[1]:found[1] + 1].isupper()


# trade words whose accented letter OCR lost or read as a space, and the word as printed
_ACCENT_LOST = tuple((re.compile(pattern, re.IGNORECASE), word) for pattern, word in (
    (r"(?<![^\W\d_])(EIS|)(CAF)(?:\s+(?=[^\W\d_]{3})|$)", "Café "), (r"(?<![^\W\d_])()(D) ?NER(?![^\W\d_])", "Döner"),
    (r"(?<![^\W\d_])()(B) ?CKEREI", "Bäckerei"), (r"(?<![^\W\d_])()(GASTST) ?TTE", "Gaststätte")))
def _accented_as_printed(match: re.Match[str], word: str) -> str:
    """``word`` in the case the receipt printed the match in, after its glued first part (``Eiscaf``)."""
    printed = re.sub(r"\W", "", match[0])
    if len(printed) > 1 and printed.isupper():
        return match[1] + word.upper()
    return match[1] + (word.lower() if match[1] else word)


# (an owner's name of two letters or more: the O' of O'SULLIVAN, the D' of D'SOUZA open a surname)
_GLUED_POSSESSIVE_RE = re.compile(r"(?<=[A-Z]{2}'S)(?=[A-Z]{3})|(?<=[^\W\d_][a-z]'s)(?=[A-Z][a-z]{2})")
_POSSESSIVE_DOLLAR_RE = re.compile(r"(?<=[^\W\d_]['’`´\"])\$(?![^\W\d_])")  # 'Rosa"$': its ' read as a "
_QUOTE_FOR_APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])\"(?=[sS](?![^\W\d_]))")
_POSSESSIVE_RE = re.compile(r"[^\W\d_]\s?['’`´]\s?[Ss$](?![^\W\d_])")
_GLUED_SENTENCE_RE = re.compile(r"[^\W\d_]{18,}")


def _glued_sentence(text: str) -> bool:
    """One word of 18+ letters, mostly lower case: a sentence whose spaces OCR lost (a logo's
    glued name is in capitals: ``PETRODELiENTERPRISE``)."""
    return bool(_GLUED_SENTENCE_RE.fullmatch(text)) and sum(ch.islower() for ch in text) > len(text) / 2


def _name_line(doc: Doc, heights: list[int], end: int) -> tuple[int | None, float, str | None]:
    """The name line's index, the confidence in it, and the trade name where the line is a logo
    printing the legal name's first words (``_trade_name``)."""
    median = statistics.median(heights) if heights else 0
    scored: list[tuple[float, int]] = []
    opening = next((line.index for line in doc.lines[:end] if letters(line.text) >= 3), None)
    for line in doc.lines[:end]:
        tall = bool(median) and heights[line.index] > 1.3 * median
        own_address = line.index == opening and _over_its_address(doc, line)
        score = _name_score(line, line.index / max(end, 1), tall, own_address)
        if score and (_follows(doc, line.index, _NOT_OWN_NAME) or _store_number(line.text)
                      or slogan_brand_key(line.text)):  # a branch's number, a chain's slogan: no name
            score = 0.0
        if score and line.index and continues_address(doc.lines[line.index - 1].text) \
                and not has_legal_form(line.text):
            score = 0.0  # "Lot 3, Jalan Pelabur 23/1," / "40S( Shah Alam, Selaugor": the town, misread
        if score and not own_address and (_street_over_town(doc, line) or _street_before_town(doc, line, tall)
                                          or _named_for_street_below(doc, line) or under_house_number(doc, line)
                                          or town_over_its_state(doc, line)):
            score = 0.0  # a street, a mall named for it, the town under a street or over its state
        if score and any(has_keyword(above.text, _BODY_STARTS) for above in doc.lines[:line.index]):
            score = 0.0  # past the date / invoice number: a customer, not the seller
        if score and scored and scored[-1][1] == line.index - 1 and _place_of_the_shop(line.text):
            score = 0.0  # "TABAKBORSE" / "am Markt": where the shop is, joined to its name
        if score and scored and describes_the_trade(line.text) and not _under_an_opening_tagline(doc, line, scored):
            score -= _DESCRIPTION_PENALTY  # "Chinese Restaurant" under "Lucky Dragon": what it is, not its name
        if score:
            scored.append((score, line.index))
    if not any(score >= 5 for score, _ in scored):  # no legal name in the header: try the footer
        for line in doc.lines[max(end, 2 * len(doc.lines) // 3):]:
            if has_legal_form(line.text) and not line.amounts and letters(line.text) >= 6:
                scored.append((4.5, line.index))
                break
    if not scored:
        return None, 0.0, None
    score, index = max(scored, key=lambda s: (s[0], -s[1]))
    confidence = min(0.95, 0.2 + score / 9)
    named_as = _doing_business_as(doc, end)
    if named_as is not None:
        return named_as[0], confidence, named_as[1]  # "DBA DOGWOOD TAPHOUSE" under the operator's name
    if index > 0 and (index - 1) in {at for _, at in scored} and (
            _subtitle_under(doc.lines[index - 1].text, doc.lines[index].text) or _logo_over_slogan(doc, index)):
        index -= 1  # "Vino Veritas" / "Wine Bar & Bottle Shop", "Blue Heron Bistro" / "RJM Restaurant Group LLC"
    elif index > 0 and (index - 1) in {at for _, at in scored} and _logo_over_its_trade(doc, index):
        name = f"{clean_name(doc.lines[index - 1].text)} {clean_name(doc.lines[index].text)}"
        return index - 1, confidence, name  # "PHO BAC" / "SUP SHOP", "COURT STREET" / "GROCERS"
    if index >= end or has_legal_form(doc.lines[index].text):  # the logo that prints the legal name's first words
        for _, other in sorted(scored, reverse=True):
            trade_name = _trade_name(doc, other, index)
            if trade_name:
                return other, confidence, trade_name
    return index, confidence, None


def _logo_over_slogan(doc: Doc, index: int) -> bool:
    """The name line (``index``) is a slogan in title case (``Good Food Good Hood``, ``Seafood Spirits``) right
    under the line opening the receipt, a logo in capitals whose case the recogniser misread in its words
    (``ThESaLTY PELICAN``, ``haRbor_LIGHT TaveRM``): the logo is the name, however unsure its reading."""
    above = doc.lines[index - 1]
    opening = next((other.index for other in doc.lines if letters(other.text) >= 3), None)
    slogan = doc.lines[index].text.strip()
    return above.index == opening and _capitals_misread(above.text) and not _service_or_header_line(above.text) \
        and bool(_TITLE_CASE_LINE_RE.fullmatch(slogan)) \
        and (not has_keyword(slogan, _BUSINESS_WORDS) or describes_the_trade(slogan))


_NOT_A_LOGO_WORDS = frozenset("WIFI FREE TRAINING MODE UBER EATS UBEREATS DOORDASH GRUBHUB DUPLICATE KOPIE".split())


def _service_or_header_line(text: str) -> bool:
    """``RePRINT``, ``TRAiNING MODE``, ``FREE WiFi``, ``UberEATS``: a header's or a service's words, no logo."""
    return any(word in _HEADER_COMPANIONS or word in _NOT_A_LOGO_WORDS
               for word in re.findall(r"[A-Z]+", ascii_upper(text)))


_CASE_FLIP_RE = re.compile(r"[a-z][A-Z]")  # "BarN", "TaveRM": a capital after a small letter inside a word
_TITLE_CASE_LINE_RE = re.compile(r"\W?[A-Z][a-z]+(?:\s+\W?[A-Za-z][a-z]+)+")  # "Fine Italion (uisine"


def _capitals_misread(text: str) -> bool:
    """A logo in capitals, read with some of its letters small: half its letters or more still capitals
    and a capital after a small letter inside one of its words (``ReD BarN Ado``, ``ThESaLTY``)."""
    capitals = sum(char.isupper() for char in text)
    return letters(text) >= 6 and 2 * capitals >= letters(text) and bool(_CASE_FLIP_RE.search(text))


def _logo_over_its_trade(doc: Doc, index: int) -> bool:
    """The name line (``index``), words with a trade's word in capitals (``SUP SHOP``, ``GROCERS``, ``BOURBON
    BAR``), is the second line of a logo whose first, right above it and opening the receipt, is the name
    without a trade (``PHO BAC``, ``COURT STREET``, ``JULEPS``): the address or the phone right under them."""
    above, line = doc.lines[index - 1], doc.lines[index]
    opening = next((other.index for other in doc.lines if letters(other.text) >= 3), None)
    return above.index == opening and _over_address_or_phone(doc, line) \
        and all(text.isupper() and not digits(text) and len(text.split()) <= 3 for text in (above.text, line.text)) \
        and has_keyword(line.text, _TRADES_NOT_PLACES) and not has_keyword(above.text, _TRADE_FORMS)


def _subtitle_under(name: str, below: str) -> bool:
    """``below`` says what the shop ``name`` over it is (a trade's words, ``An Independent Bookstore``) or
    who runs it (an American company's legal name, ``RJM Restaurant Group LLC``): the name is the line
    above, one without a legal form or a tagline's words (nor, over a trade's words, a trade's word)."""
    if has_legal_form(name) or _TAGLINE_RE.search(ascii_upper(name)) or digits(name) or "#" in name:
        return False  # not "#Waka1 (10)" over "Charcoal Grill Diner"
    if has_legal_form(below):
        return bool(_US_COMPANY_RE.search(ascii_upper(below))) and not _TITLED_RE.match(ascii_upper(name).strip())
    return not has_keyword(name, _TRADE_FORMS) and has_keyword(below, _TRADES_NOT_PLACES) \
        and not _POSSESSIVE_RE.search(below) and _trade_words_only(below)


_TITLED_RE = re.compile(r"(?:DR|MR|MRS|MS|PROF)\.?\s")  # "Dr. Sarah Lee" over her practice's LLC: a person
# what a subtitle says of the shop besides its trade ("An Independent Bookstore", "Wood Fired Kitchen")
_SUBTITLE_WORDS = frozenset(fold(word) for word in """
A AN THE AND OF + INDEPENDENT LOCAL WOOD FIRED BOTTLE BOTTLES CREPERIE CREPES PASTA GIFTS PASTRY PASTRIES BREAD
CATERING EVENTS UND MIT SEIT SINCE
""".split())


def _trade_words_only(text: str) -> bool:
    """Every word of the line is a trade's or says what the shop is (``Wine Bar & Bottle Shop``, ``Creperie &
    Cafe``): a subtitle; ``Harbor Grill``, ``Ristorante Da Mario`` name a shop of their own (under a reprint's
    mark, a greeting or a garbled logo)."""
    words = [fold(word) for word in re.findall(r"[^\W\d_]+|[&+]", text)]
    return bool(words) and all(word in _DESCRIPTIONS or word in _POURS or word in _ROOMS or word in _SUBTITLE_WORDS
                               or has_keyword(word, _TRADE_FORMS + _COMPANY_TRADES + _FARE) for word in words)


_US_COMPANY_RE = re.compile(r"\b(?:LLC|L\.L\.C|INC|CORP|CORPORATION)\b\.?\s*$")
_DBA_RE = re.compile(r"^\W*D\s?/?\s?B\s?/?\s?A\b[:.]?\s+(?=\S)")


def _doing_business_as(doc: Doc, end: int) -> tuple[int, str] | None:
    """A header line ``DBA DOGWOOD TAPHOUSE`` (``D/B/A``): the name the company trades under."""
    for line in doc.lines[:end]:
        match = _DBA_RE.match(ascii_upper(line.text))
        if match:
            name = clean_name(line.text[match.end():])
            if letters(name) >= 3:
                return line.index, name
    return None


def _tagline_only(text: str) -> bool:
    """``Since 2014``, ``EST. 1987``, ``Family Owned Since 1962``: a tagline's words alone, no name."""
    words = re.findall(r"[A-Z]+|\d+", ascii_upper(text))
    return bool(words) and any(word in ("SINCE", "EST", "ESTABLISHED") or _YEAR_RE.fullmatch(word) for word in words) \
        and all(word in _TAGLINE_WORDS or _YEAR_RE.fullmatch(word) for word in words)


_YEAR_RE = re.compile(r"(?:18|19|20)\d\d")
_TAGLINE_WORDS = frozenset("SINCE EST ESTABLISHED FAMILY OWNED OPERATED AND LOCALLY PROUDLY SERVING IN THE "
                           "COMMUNITY YEARS".split())
SLIPPED_LOGO_MIN = 7  # letters; a logo this long that opens the legal name with one letter misread is still it
LONG_LOGO = 10  # letters; with two


def _trade_name(doc: Doc, index: int, legal_index: int) -> str | None:
    """The shop's trade name where the header line ``index`` is the legal name's first word(s): the
    logo printing them (``NORDKAUF`` over the footer's ``Nordkauf GmbH & Co. KG``, ``PFLEGEPUNKT``
    over ``Pflegepunkt Drogeriemarkt GmbH``), however OCR split or glued the words (``MARKTBLITZ``
    over ``Marktb litz KG``) or spaced the letters (``M a r k t W e r k``), on one line or two. As
    the logo prints it where OCR read it whole, else (a letter or two misread: ``P F L E 6 E P U N K
    T``, ``50NNENDR0GERIE``; its letters spaced unevenly: ``P FL E G EP U n Kt``) as the legal name prints
    those words. None where it opens no legal name."""
    if index == legal_index:
        return None
    words = re.findall(r"[^\W_]+", doc.lines[legal_index].text)  # whole words, not "NORD" of NORDSEE
    openings = [_folded_letters(" ".join(words[:count])) for count in range(1, len(words) + 1)]
    logo = doc.lines[index].text
    below = doc.lines[index + 1].text if index + 1 < len(doc.lines) and index + 1 != legal_index else ""
    for printed in (f"{logo} {below}", logo) if below else (logo,):  # "ELKEN" / "SERVICE" over "ELKEN SERVICE SDN BHD"
        name = _folded_letters(printed)
        if letters(name) >= 4 and name in openings:
            opening = " ".join(words[:openings.index(name) + 1])
            logo_name = _unspaced(clean_name(printed))
            return logo_name if _letters_only(printed) == _letters_only(opening) \
                and not _spaced_unevenly(logo_name, opening) else opening
    name = _folded_letters(logo)
    slipped = [count for count, opening in enumerate(openings, 1) if len(opening) >= SLIPPED_LOGO_MIN
               and (Levenshtein.distance(name, opening) <= _slips_allowed(opening)
                    or _marks_for_letters(logo, opening))]
    return " ".join(words[:slipped[0]]) if slipped else None


def _spaced_unevenly(logo: str, opening: str) -> bool:
    """``P FL E G EP U n Kt``: a logo's letters OCR spaced out unevenly, pieces of one or two letters left, more
    words than the legal name's opening prints (not ``NORD KAUF`` over ``Nordkauf Markt GmbH``)."""
    words = logo.split()
    return len(words) > len(opening.split()) and any(len(word) <= 2 for word in words)


def _folded_letters(text: str) -> str:
    """Letters and digits only, OCR look-alikes merged (``5 0 N N E`` and ``Sonne`` alike)."""
    return "".join(re.findall(r"[A-Z0-9]+", fold(text)))


def _marks_for_letters(logo: str, opening: str) -> bool:
    """``M < r k t w @ r k`` over ``Marktwerk Süd oHG``: a logo's letters printed spaced out, one or two read as
    marks (``<``, ``@``); one glyph for each letter of the legal name's opening, the others read as it prints them
    but for the slips allowed, two glyphs off at most."""
    glyphs = logo.split()
    if len(glyphs) != len(opening) or any(len(glyph) != 1 for glyph in glyphs):
        return False
    marks = sum(not glyph.isalnum() for glyph in glyphs)
    slips = sum(glyph.isalnum() and _folded_letters(glyph) != letter for glyph, letter in zip(glyphs, opening))
    return marks > 0 and slips <= _slips_allowed(opening) and marks + slips <= _MARKS_FOR_LETTERS


_MARKS_FOR_LETTERS = 2  # glyphs of a spaced logo read as marks or other letters


def _slips_allowed(opening: str) -> int:
    """OCR slips a logo may carry and still be read as the legal name's opening: one, two in a long one."""
    return 2 if len(opening) >= LONG_LOGO else 1


_SPACED_LETTERS_RE = re.compile(r"(?<!\S)[^\W_](?: [^\W_]){2,}(?!\S)")


def _unspaced(text: str) -> str:
    """A logo's letters printed spaced out, put together: ``M a r k t W e r k`` -> ``MarktWerk``."""
    return _SPACED_LETTERS_RE.sub(lambda m: m.group(0).replace(" ", ""), text)


# not "7 ELEVEN"; "248 Route 9", "12 Highway 7": a numbered road; "36} Main Street": its last digit a bracket;
# "2513 #ain St": the street's first letter a glyph; '9" Nain 3': its second digit a quote (not "50's Burgers")
_HOUSE_NUMBER_OPENING = r"\d{1,4}[\d}\])|!\"][A-Z]?\s+[^\w\s]?"
_HOUSE_NUMBER_RE = re.compile(
    rf"{_HOUSE_NUMBER_OPENING}[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)?(?:\s+\d{{1,3}})?")
# "9932 El0 Sireef": a zero, one or five read for a letter of the street's name after its first two, only before
# a suffix however garbled (not a name's "10 Barrel5 Brewing", "400 Gradi0 Pizza", "16 Handle5")
_DIGIT_IN_STREETS_NAME_RE = re.compile(
    rf"{_HOUSE_NUMBER_OPENING}[A-Z]{{2}}(?:[A-Z.'-]|(?<=[A-Z]{{2}})[015](?![015]))*\s+(?P<suffix>[A-Z][A-Z.'-]+)"
    r"(?:\s+\d{1,3})?")
_SUFFIX_SLIPS = 2  # letters of a long suffix OCR may misread ("Sireef" for STREET)
_SUFFIXES_AFTER_A_NAME = (*_STREET_SUFFIXES, "ST", "RD", "DR", "LN", "WAY", "PLACE", "PL", "COURT", "CT")


def _over_its_address(doc: Doc, line: Line) -> bool:
    """``101 NOODLE EXPRESS``, ``STATE STREET BRATS``, ``Kneaded Bread Co.`` opening the receipt over
    its whole address (a house number, street and suffix, then the postcode, a line of a subtitle
    between at most): shaped like a street or a town, but the shop's address is printed once, so
    this is its name. Not a complete street itself (``100 Main St`` over its suite), nor a mall,
    a square or a building (``VALLEY FAIR MALL``, ``ONE MARKET PLAZA``), nor a line with a comma
    or a postcode (a town)."""
    text = line.text
    if "," in text or "#" in text or has_postcode(text) or is_us_street(text) \
            or has_keyword(text, _PLACES_IN_ADDRESSES) \
            or _STREET_NAME_ALONE_RE.search(ascii_upper(text)):
        return False
    below = doc.lines[line.index + 1:line.index + 4]
    for at, street in enumerate(below[:2]):
        if is_us_street(street.text) and any(has_postcode(after.text) for after in below[at:at + 2]):
            return at == 0 or not digits(below[0].text)
    return False


# a street's name closed by its suffix ("ELM STREET", "WASHINGTON AVE", "LAKE ST."): a branch named for it
_STREET_NAME_ALONE_RE = re.compile(r"\b(?:STREET|ST|AVENUE|AVE|ROAD|RD|BOULEVARD|BLVD|DRIVE|DR|LANE|LN|WAY|PLACE|PL"
                                   r"|PIKE"
                                   r"|PARKWAY|PKWY|HIGHWAY|HWY|COURT|CT|TERRACE|TRAIL)\.?\s*$")
_PLACES_IN_ADDRESSES = ("MALL", "PLAZA", "CENTER", "CENTRE", "SQUARE", "SUITE", "STE", "UNIT", "FLOOR", "LEVEL",
                        "BLOCK", "LOT", "TERMINAL", "BUILDING", "BLDG", "TOWER", "CONCOURSE", "GATE", "PIER")


def _house_number(text: str) -> bool:
    """A house number and a street's name alone (``414 Broadway``, ``3671 Elm_Street`` with OCR's
    underscore for a space)."""
    text = squash_spaces(ascii_upper(text).replace("_", " ")).rstrip(".,:;")
    if _HOUSE_NUMBER_RE.fullmatch(text):
        return True
    garbled = _DIGIT_IN_STREETS_NAME_RE.fullmatch(text)
    return garbled is not None and _street_suffix(garbled["suffix"].strip("."))


def _street_suffix(word: str) -> bool:
    """A street's suffix, a long one with up to two letters misread (``SIREEF``)."""
    return any(word == suffix if len(suffix) <= 4 else Levenshtein.distance(word, suffix) <= _SUFFIX_SLIPS
               for suffix in _SUFFIXES_AFTER_A_NAME)


def _street_over_town(doc: Doc, line: Line) -> bool:
    """``414 Broadway`` over ``Austin, TX 78701``: a house number and a street named without
    a suffix, on the line above the town (a shop's name over it has a trade word: ``99 Ranch Market``)."""
    below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    return _house_number(line.text) and below is not None \
        and is_address(below.text) and not has_keyword(line.text, _BUSINESS_WORDS)


# a street named before its house number, as most of Europe prints it (``Am Markt 3``, ``Humboldtstr
# 140-144``, ``Rue de Rivoli 12a``), and a postcode before its town (``91054 Erlangen``, ``D-50667 Koeln``)
_STREET_BEFORE_NUMBER_RE = re.compile(
    r"(?:[A-Z][A-Z.'-]*\s+){0,3}[A-Z][A-Z.'-]+\s+\d{1,4}\s?[A-Z]?(?:\s?[-/]\s?\d{1,4}[A-Z]?)?")
_POSTCODE_TOWN_RE = re.compile(r"(?:[A-Z]{1,2}\s?-\s?\d{4,5}|\d{5})\s+[A-Z]")  # "10115 Berlin", "A-1010 Wien"
# a German street named after a place by a preposition (``Am Markt``, ``An der Kirche``, ``Zum Hafen``)
_PLACE_STREET_RE = re.compile(r"(?:AM|AN|AUF|IM|IN|ZUM|ZUR|BEIM|UNTER|HINTER|VOR|OBERE|UNTERE)\s")
# ... its preposition garbled into two other letters (``Ke Markt 38``), under a name line
_GARBLED_PLACE_STREET_RE = re.compile(r"[A-Z]{2}\s\S+\s\d")


def _street_before_town(doc: Doc, line: Line, tall: bool = False) -> bool:
    """``Am Markt 3`` over ``91054 Erlangen``: a street named before its house number, with no street
    word in it, on the line above a postcode and its town (not a US street: ``1234 Main Street``). A
    trade's word makes it a shop's name (``Cafe 21``), and so does a print larger than the receipt's
    text (``Studio 54``: a logo), unless a preposition opens it (``Am Markt``; under the name, a word of two
    letters OCR made of one: ``Ke Markt 38``)."""
    below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    street = squash_spaces(ascii_upper(line.text)).strip(" .,;")
    if below is None or has_legal_form(line.text) or not _STREET_BEFORE_NUMBER_RE.fullmatch(street):
        return False
    above = doc.lines[line.index - 1].text if line.index >= 1 else ""
    under_a_name = letters(above) >= 3 and not has_keyword(above, _NOT_NAME)  # not "Willkommen", "Kundenbeleg"
    if (tall or has_keyword(line.text, _TRADE_FORMS)) and not _PLACE_STREET_RE.match(street) \
            and not (under_a_name and _GARBLED_PLACE_STREET_RE.match(street)):
        return False
    town = ascii_upper(below.text).strip()
    return bool(_POSTCODE_TOWN_RE.match(town)) and not has_keyword(below.text, ADDRESS_KEYWORDS)


_TOWN_WORDS = 3  # words of a town's name at most ("Normal", "Colorado Springs", "Salt Lake City")


def town_over_its_state(doc: Doc, line: Line) -> bool:
    """``Norma1`` under ``319 North Street`` and over ``IL,61761``: a town's name alone between its street and its
    state and ZIP code, no shop's name (not ``CORNER SPIRITS`` over ``IL 61761``, its town lost)."""
    below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    above = doc.lines[line.index - 1].text if line.index else ""
    return below is not None and state_and_zip_alone(below.text) and len(line.text.split()) <= _TOWN_WORDS \
        and not has_legal_form(line.text) and not has_keyword(line.text, _BUSINESS_WORDS) \
        and not describes_the_trade(line.text) and (is_address(above) or _house_number(above))


def under_house_number(doc: Doc, line: Line) -> bool:
    """The line under a street (``3671 Elm_Street``, or its suffix garbled: ``697 Mem Sueet``) that
    prints a postcode's digits, or a town and its state with the ZIP code lost: the town, however OCR
    misread its state and ZIP code (``Springhield 162701``, ``Springfield; AL67701``, ``Springfields IL
    an``), or over the phone number's line (``_over_a_phone_number``), not a name."""
    if line.index == 0 or has_legal_form(line.text) \
            or digits(line.text) < _ZIP_DIGITS and not opens_with_town_and_state(line.text) \
            and not _over_a_phone_number(doc, line):
        return False  # "BAR LOLO" under "08007 Barcelona" (a postcode's shape too)
    return _house_number(doc.lines[line.index - 1].text)


_ZIP_DIGITS = 4  # digits of a postcode at least, however OCR misread the rest of the town's line
# a phone number's last seven digits closing a line, its area code however misread ("(36e} 477-9215")
# a phone number ending its line (``(36e} 477-9215``), its area code's bracket maybe read as a digit and run into
# the number (``((95512443-3526`` for ``(955) 443-3526``: ten digits and that one before the last seven at least)
_PHONE_END_RE = re.compile(r"(?:(?<!\d)|(?<=\d{4}))\d{3}\s?[-.]\s?\d{4}\s*$")


_GARBLED_STATE_RE = re.compile(r"\d|\w[.,;]\s")  # "Springtield. 1 ani": a digit, or a word's mark before more


def _over_a_phone_number(doc: Doc, line: Line) -> bool:
    """The line over the phone number's (under the street): the town, its state and ZIP code
    garbled past reading (``Springtield. 1 ani`` over ``(36e} 477-9215``)."""
    below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    return below is not None and _PHONE_END_RE.search(below.text) is not None \
        and _GARBLED_STATE_RE.search(line.text) is not None  # its state or ZIP garbled, not a name alone


def _named_for_street_below(doc: Doc, line: Line) -> bool:
    """``FARGA GRAN VIA`` over ``Gran Via Corts Catalanes 630``: a mall or square named for the street
    under it, the line ending in two or more words that open the street's line (``SIX FLAGS GREAT
    ADVENTURE`` over ``1 Six Flags Blvd`` gave the street its name; a shop so named has a trade word)."""
    below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    if below is None or not digits(below.text) or has_keyword(line.text, _TRADE_FORMS):
        return False
    words = re.findall(r"[A-Z]+", fold(line.text))
    street = re.findall(r"[A-Z]+", fold(re.sub(r"^\W*\d+\W*", "", below.text)))
    return any(words[-shared:] == street[:shared] for shared in range(2, len(words)))


def _follows(doc: Doc, index: int, keywords: tuple[str, ...]) -> bool:
    return any(has_keyword(_COPY_RE.sub(" ", doc.lines[at].text), keywords) for at in (index, index - 1) if at >= 0)


# "** CUSTOMER COPY **" over the shop's name: which copy of the slip this is, not a customer's name
_COPY_RE = re.compile(r"(?:CUSTOMER|MERCHANT|CARDHOLDER|KUNDEN|HAENDLER|HÄNDLER)[\s-]?(?:COPY|RECEIPT|BELEG)",
                      re.IGNORECASE)


def find_phone(doc: Doc) -> str | None:
    for line in doc.lines:
        text = re.split(r"FAX|Fax|fax", line.text)[0]
        keyword = has_keyword(text, _PHONE_KEYWORDS)
        for match in (_US_PHONE_RE if not keyword else _PHONE_RE).finditer(text):  # a branch's number before it
            number = squash_spaces(match.group(0)).strip(" -./")
            if 7 <= digits(number) <= 15:
                return number
    return None
