"""Merchant name, address and phone from the receipt header (or a legal name in the footer).

A name is only taken from a line that looks like one: a legal-form suffix (SDN BHD, GmbH,
Inc, LLC, Ltd, ...) is strong evidence; otherwise the first name-like header line. When the
name is only a logo, nothing name-like is read and the merchant stays empty.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from .dates import find_dates
from .layout import Doc, Line
from .text import ascii_upper, digits, has_keyword, letters, squash_spaces

_LEGAL_RE = re.compile(
    r"\bSDN\.?\s?B\w{1,2}D\b\.?|\bS/B\b|\bBHD\b|\bBERHAD\b|\bGMBH\b|\bG\.?M\.?B\.?H\b|\bAG\b|\bKG\b|\bE\.?\s?K\.\B"
    r"|\bINC\b\.?|\bINCORPORATED\b|\bLLC\b|\bL\.L\.C\b|\bLTD\b\.?|\bLIMITED\b|\bPLC\b|\bCORP\b\.?|\bCORPORATION\b"
    r"|\bCO\.\s?(?:LTD|KG)|\bPTE\b|\bPTY\b|\bS\.?A\.?R\.?L\b|\bSAS\b|\bS\.A\.|\bB\.?V\.?\b|\bN\.V\.|\bOHG\b|\bUG\b"
)
_BUSINESS_WORDS = (
    "ENTERPRISE", "ENTERPRISES", "TRADING", "COMPANY", "RESTAURANT", "RESTORAN", "STORE", "STORES", "SHOP",
    "MART", "MARKET", "SUPERMARKET", "KEDAI", "BAKERY", "BAKERIES", "CAFE", "PHARMACY", "APOTHEKE",
    "HARDWARE", "BOOKSTORE", "BOOKSTORES", "STATIONERY", "HOUSE", "CENTRE", "CENTER", "GROUP", "HOLDINGS",
    "INDUSTRIES", "SERVICES", "SERVICE", "STATION", "BISTRO", "KITCHEN", "DINER", "GRILL", "BAR", "PUB",
    "MARKT", "BAECKEREI", "DROGERIE", "TANKSTELLE", "CINEMA", "KINO", "THEATRE", "THEATER", "HOTEL",
    "PERNIAGAAN", "SYARIKAT", "GALLERY", "CONFECTIONERY", "HEALTHCARE", "ELECTRICAL", "OUTLET", "BOUTIQUE",
)
_NOT_NAME = (
    "TAX INVOICE", "INVOICE", "INV", "TAX", "NOTE", "ADJUSTMENT", "RECEIPT", "RECHNUNG", "QUITTUNG", "KASSENBON", "BELEG", "CASH BILL", "BILL",
    "WELCOME", "WILLKOMMEN", "THANK YOU", "DANKE", "DANK", "THANKS", "MERCI", "COPY", "DUPLICATE", "CUSTOMER", "TEL", "PHONE",
    "FAX", "GST", "VAT", "REG", "REGISTRATION", "COMPANY NO", "CO NO", "UST", "STEUER", "TABLE", "ORDER",
    "CASHIER", "SERVER", "DATE", "DATUM", "TIME", "FORMERLY", "LICENSEE", "OPEN", "HOURS", "WWW", "HTTP",
    "EMAIL", "E-MAIL", "MEMBER", "SALE", "SALES", "ITEM", "QTY", "DESCRIPTION",
    "CHANGE", "POS", "TERMINAL", "SIMPLIFIED", "OFFICIAL", "ORIGINAL",
)
_ADDRESS_KEYWORDS = (
    "JALAN", "JLN", "LOT", "TAMAN", "TMN", "LORONG", "PERSIARAN", "KAWASAN", "BANDAR", "SEKSYEN", "BATU",
    "STREET", "ROAD", "RD", "AVENUE", "AVE", "BLVD", "BOULEVARD", "DRIVE", "LANE", "SUITE", "FLOOR", "LEVEL",
    "BLOCK", "BLK", "UNIT", "HIGHWAY", "HWY", "SQUARE", "PLAZA", "MALL", "STRASSE", "PLATZ", "WEG", "ALLEE",
    "GASSE", "DAMM", "RUE", "AUTOROUTE",
)
# postcodes: 5 digits (US, DE, MY, FR), UK, 4 digits before a town; street numbers "NO. 12", "Hauptstr. 5",
# German street names glued to their kind ("Karlstrasse 5", "Lindenweg 3a")
_ADDRESS_RE = re.compile(
    r"(?<!#)\b\d{5}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b\d{4}\s[A-Z]{3,}|\bNO\.?\s?\d|STR\.\s?\d|\b\d+\s?[A-Z]?,"
    r"|[A-Z](?:STRASSE|STR|WEG|PLATZ|ALLEE|GASSE|DAMM|RING|UFER|CHAUSSEE)\.?\s\d{1,4}\s?[A-Z]?\b"
)
# US: "540 MARKET ST", "1206 W MAIN ST"; "SAN FRANCISCO CA", "NEW YORK, NY" (a town and its state)
_US_STREET_RE = re.compile(
    r"^\s*\d{1,6}\s+(?:[NSEW]\.?\s+)?[A-Z][A-Z0-9 .'-]*\b(?:ST|AVE|RD|BLVD|DR|LN|WAY|PL|CT|PKWY|HWY|CIR|TER|SQ|TRL)\b\.?"
    r"(?:\s*(?:#|STE|SUITE|UNIT)\s*\w+)?\s*,?$")
_US_STATES = ("AL AK AZ AR CA CO CT DC FL GA IA ID IL KS KY LA MA MD MI MN MO MS MT NC ND NE NH NJ NM NV NY "
              "OH PA RI SC SD TN TX UT VA VT WA WI WV WY").split()  # IN, OR, ME, OK, HI, DE: also words
_US_TOWN_RE = re.compile(rf"^[A-Z][A-Z .'-]+?,?\s(?:{'|'.join(_US_STATES)})\.?(?:\s\d{{5}}(?:-\d{{4}})?)?$")
_LEGAL_CANON = (
    (re.compile(r"(?<![A-Z])[S5J~][DIJU]N[\s.:,_;']*B[A-Z]{1,2}D(?![A-Z])[.:_]*", re.IGNORECASE), "SDN BHD"),
    (re.compile(r"(?<![A-Z])S/[B8](?![A-Z\d])", re.IGNORECASE), "S/B"),
    (re.compile(r"\bG\.?M\.?B\.?H(?![A-Z])\.?", re.IGNORECASE), "GmbH"),
)
# what follows a legal form in brackets or after a colon is its registration number (often garbled)
_AFTER_LEGAL_RE = re.compile(r"(SDN BHD|S/B|GmbH)\s*(?:[(\[{:;]|\d).*\d.*$")


def _is_address(text: str) -> bool:
    upper = squash_spaces(ascii_upper(text))
    return (bool(_ADDRESS_RE.search(upper) or _US_STREET_RE.match(upper) or _US_TOWN_RE.match(upper))
            or has_keyword(text, _ADDRESS_KEYWORDS))


def _has_postcode(text: str) -> bool:
    """A postcode, so the address is complete (at most a region or country follows)."""
    return bool(_POSTCODE_RE.search(ascii_upper(text)))


# a postcode before its town ("81100 JOHOR BAHRU", "10827 Berlin"), ending the line before the town's
# line, after a US state ("NY 10001"), or the UK form ("WC2B 6XF"); four digits are a house number as often
# "81100 JOHOR BAHRU," / "BANDAR BUKIT RAJA, 41050": the line asks for a town, region or country under it
_TOWN_MAY_FOLLOW_RE = re.compile(r",\s*$|(?<![A-Z]{2} )(?<!\d)\d{5}\s*$")
_POSTCODE_RE = re.compile(r"(?<![A-Z\d-])\d{5}(?:\s+[A-Z]{2,}|\s*[,.]?\s*$)|\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b"
                          r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")


_NOT_OWN_NAME = ("FORMERLY", "KNOWN AS", "LICENSEE", "BILL TO", "SOLD TO", "SHIP TO", "DELIVER TO",
                 "CUSTOMER", "OWNED BY", "OPERATED BY", "MANAGED BY", "DIVISION OF", "FRANCHISEE", "KUNDE")
_BODY_STARTS = ("DATE", "DATUM", "INV NO", "INVOICE NO", "RECEIPT NO", "BELEG", "CASHIER", "KASSIERER")
_REG_NUMBER_RE = re.compile(r"\(?\s*(?:CO\.?\s*(?:NO|REG)\.?\s*:?)?\s*\b[A-Z]{0,2}\d{4,}[-\s]?[A-Z]?\b\s*\)?\.?")
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
    end = header_end(doc, first_body_line)
    name_line, confidence = _name_line(doc, heights, end)
    name = _full_name(doc, name_line) if name_line is not None else None
    address, address_end = _address(doc, name_line, end)
    if not name:  # a logo: the name as the receipt says it elsewhere (its web address, its thanks)
        name, confidence = named_elsewhere(doc)
        return MerchantInfo(name, None, confidence, address, find_phone(doc), address_end)
    return MerchantInfo(name, name_line, confidence, address, find_phone(doc), address_end)


# "Thank you for shopping at Greggs", "Welcome to Joe's Diner", "Danke fuer Ihren Einkauf bei REWE"
_THANKS_RE = re.compile(
    r"(?:THANK\s?YOU\s+FOR\s+(?:SHOPPING|VISITING|DINING|CHOOSING|YOUR\s+(?:VISIT|ORDER|PURCHASE))"
    r"(?:\s+(?:AT|WITH|IN))?|WELCOME\s+TO|(?:IHREN|IHR)\s+EINKAUF\s+(?:BEI|IM)|MERCI\s+DE\s+VOTRE\s+VISITE\s+CHEZ)"
    r"\s+(?P<name>[A-Z0-9&'. -]{2,40}?)\s*[!.,]?\s*$")
_WEB_RE = re.compile(r"(?:WWW\.|HTTPS?://(?:WWW\.)?)(?P<name>[A-Z0-9-]{2,40})\.[A-Z]{2,}")
_EMAIL_RE = re.compile(r"\b(?:INFO|CONTACT|KONTAKT|SERVICE|HELLO|HALLO|MAIL|OFFICE|SHOP|SALES|SUPPORT|FEEDBACK|"
                       r"CUSTOMERSERVICE|KUNDENSERVICE)@(?P<name>[A-Z0-9-]{2,40})\.[A-Z]{2,}")
_NOT_MERCHANT_SITES = ("FACEBOOK", "INSTAGRAM", "TWITTER", "TIKTOK", "YOUTUBE", "GOOGLE", "GMAIL", "YAHOO",
                       "HOTMAIL", "OUTLOOK", "TRIPADVISOR", "YELP", "SURVEY", "GMX", "WEB")


def named_elsewhere(doc: Doc) -> tuple[str | None, float]:
    """No name line in the header: the receipt's thanks names the shop (0.5), or its web address
    or a shop mailbox does (0.4). Nothing: ``None``, rather than a guess."""
    for line in doc.lines:
        match = _THANKS_RE.search(squash_spaces(ascii_upper(line.text)))
        if match and letters(match["name"]) >= 2 and not has_keyword(match["name"], _NOT_NAME):
            return clean_name(line.text[match.start("name"):match.end("name")]) or None, 0.5
    for line in doc.lines:
        upper = ascii_upper(line.text).replace(" ", "")
        match = _WEB_RE.search(upper) or _EMAIL_RE.search(upper)
        if match and match["name"] not in _NOT_MERCHANT_SITES and letters(match["name"]) >= 3:
            return match["name"].replace("-", " "), 0.4
    return None, 0.0


def _full_name(doc: Doc, index: int) -> str:
    """The name line, joined with up to two lines above when the name visibly continues across
    them: ``AIK HUAT HARDWARE`` / ``ENTERPRISE (SETIA`` / ``ALAM SDN BHD``, ``POPULAR BOOK`` / ``CO. (M) SDN BHD``."""
    name = clean_name(doc.lines[index].text)
    for above in reversed(doc.lines[max(0, index - 2):index]):
        upper_name, upper_above = ascii_upper(name), ascii_upper(above.text)
        continues = (
            upper_above.count("(") > upper_above.count(")")
            or re.match(r"(?:CO(?![A-Z])|\(|&|AND\b)", upper_name)
            or has_keyword(name.split()[0] if name.split() else "", _BUSINESS_WORDS)
            # "ENTERPRISE SETIA" / "ALAM SDN BHD": a legal name without its business word yet
            or (has_keyword(above.text, _BUSINESS_WORDS) and not has_keyword(name, _BUSINESS_WORDS))
        )
        repeated = ascii_upper(name).startswith(squash_spaces(ascii_upper(above.text)).strip(" .,"))
        if not continues or repeated or letters(above.text) < 3 or above.amounts \
                or has_keyword(above.text, _NOT_NAME) or _is_address(above.text):
            break
        name = clean_name(above.text) + " " + name
    return name


def clean_name(text: str) -> str:
    for pattern, canonical in _LEGAL_CANON:
        text = pattern.sub(canonical, text)
    text = _AFTER_LEGAL_RE.sub(r"\1", text)
    text = _REG_NUMBER_RE.sub(" ", text)
    text = re.sub(r"\(\s*\)", " ", text)
    text = re.sub(r"\(\W*\w?\W*$", " ", text)  # a cut-off "(L" / "( 00/" after the name
    return squash_spaces(text).strip(" .,:;-*#")


def _name_score(line: Line, position: float, tall: bool) -> float:
    upper = ascii_upper(line.text)
    if letters(line.text) < 3 or digits(line.text) > letters(line.text) or line.amounts:
        return 0.0
    legal = bool(_LEGAL_RE.search(upper))
    if not legal and (has_keyword(line.text, _NOT_NAME) or _is_address(line.text) or _STORE_NUMBER_RE.search(upper)):
        return 0.0
    score = 1.0 + 2.0 * (1.0 - position) + 0.5 * line.confidence
    if legal:
        score += 4.0
    elif has_keyword(line.text, _BUSINESS_WORDS):
        score += 1.0
    if tall:
        score += 0.7
    first_letter = re.search(r"[^\W\d_]", line.text)
    if first_letter and first_letter.group(0).islower():
        score -= 1.5  # a fragment of a word split by OCR (or a scribble), not the start of a name
    return score


def _name_line(doc: Doc, heights: list[int], end: int) -> tuple[int | None, float]:
    median = statistics.median(heights) if heights else 0
    scored: list[tuple[float, int]] = []
    for line in doc.lines[:end]:
        tall = bool(median) and heights[line.index] > 1.3 * median
        score = _name_score(line, line.index / max(end, 1), tall)
        if score and _follows(doc, line.index, _NOT_OWN_NAME):
            score = 0.0
        if score and line.index and _continues_address(doc.lines[line.index - 1].text) \
                and not _LEGAL_RE.search(ascii_upper(line.text)):
            score = 0.0  # "Lot 3, Jalan Pelabur 23/1," / "40S( Shah Alam, Selaugor": the town, misread
        if score and any(has_keyword(above.text, _BODY_STARTS) for above in doc.lines[:line.index]):
            score = 0.0  # past the date / invoice number: a customer, not the seller
        if score:
            scored.append((score, line.index))
    if not any(score >= 5 for score, _ in scored):  # no legal name in the header: try the footer
        for line in doc.lines[max(end, 2 * len(doc.lines) // 3):]:
            if _LEGAL_RE.search(ascii_upper(line.text)) and not line.amounts and letters(line.text) >= 6:
                scored.append((4.5, line.index))
                break
    if not scored:
        return None, 0.0
    score, index = max(scored, key=lambda s: (s[0], -s[1]))
    return index, min(0.95, 0.2 + score / 9)


def _continues_address(text: str) -> bool:
    return text.rstrip().endswith(",") and _is_address(text) and not _has_postcode(text)


def _follows(doc: Doc, index: int, keywords: tuple[str, ...]) -> bool:
    return has_keyword(doc.lines[index].text, keywords) or (
        index > 0 and has_keyword(doc.lines[index - 1].text, keywords)
    )


def _address(doc: Doc, name_line: int | None, end: int) -> tuple[str | None, int | None]:
    """The address under the name, and the index of its last line."""
    start = 0 if name_line is None else name_line + 1
    parts: list[str] = []
    last = None
    complete = False  # a postcode was read: only a region or country may follow
    for line in doc.lines[start:min(max(end + 2, start + 5), start + 7)]:
        if find_dates(line.text) and not parts:
            continue  # a date printed beside the header (OCR put it in between)
        if _priced(line):
            break  # the body has begun
        if has_keyword(line.text, _NOT_ADDRESS) or _STORE_NUMBER_RE.search(ascii_upper(line.text)):
            if parts:
                break
            continue
        if complete and (digits(line.text) or len(line.text.split()) > 5):
            break  # after the postcode only a town, region or country ("KLANG SELANGOR D. E, MALAYSIA")
        if _is_address(line.text) or (parts and letters(line.text) >= 4 and not line.amounts):
            cleaned = squash_spaces(line.text).strip(" ,;")
            if _REG_NUMBER_RE.fullmatch(ascii_upper(cleaned)):
                continue
            parts.append(cleaned)
            last = line.index
            if len(parts) >= 4 or complete:
                break
            complete = _has_postcode(line.text)
            if complete and not _TOWN_MAY_FOLLOW_RE.search(ascii_upper(line.text)):
                break  # "Jackson, NJ 08527", "10827 Berlin": nothing of the address follows
        elif parts:
            break
    return (", ".join(parts), last) if parts else (None, None)


def _priced(line: Line) -> bool:
    """A price on the line; an address's "NO.53 55,57 & 59, JALAN SAGU 18," has none at its end."""
    if not any(amount.has_decimals for amount in line.amounts):
        return False
    return not has_keyword(line.text, _ADDRESS_KEYWORDS) or bool(_PRICE_AT_END_RE.search(line.text))


_PRICE_AT_END_RE = re.compile(r"\d[.,]\s?\d{2}\s*[A-Z*]{0,2}\W*$", re.IGNORECASE)
_STORE_NUMBER_RE = re.compile(r"\b(?:STORE|STR|ST|FILIALE|BRANCH|MARKT)\s?(?:#|NO\b|NR\b)")
_NOT_ADDRESS = ("TEL", "REG", "TELEPHONE", "PHONE", "FAX", "MOBILE", "WHATSAPP", "WHATSAPPS", "HOTLINE", "GST", "VAT",
                "UST", "UID", "TAX INVOICE", "INVOICE", "RECEIPT", "EMAIL", "E-MAIL", "WWW")


def find_phone(doc: Doc) -> str | None:
    for line in doc.lines:
        text = re.split(r"FAX|Fax|fax", line.text)[0]
        keyword = has_keyword(text, _PHONE_KEYWORDS)
        match = _US_PHONE_RE.search(text) if not keyword else _PHONE_RE.search(text)
        if match:
            number = squash_spaces(match.group(0)).strip(" -./")
            if 7 <= digits(number) <= 15:
                return number
    return None
