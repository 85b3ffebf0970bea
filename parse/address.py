"""The shop's address: the lines under its name, up to the postcode's line.

An address line is known by its words (JALAN, STREET, STRASSE, RUE, ...), a postcode, a house
number (``NO. 12``, ``Hauptstr. 5``, ``Karlstrasse 5``) or the US forms (``540 MARKET ST``,
``SAN FRANCISCO CA``). The block ends at its postcode's line (a town, region or country may
follow where that line asks for one), at a phone, registration or store-number line, or where
prices begin.
"""
from __future__ import annotations

import re

from .dates import find_dates
from .layout import Doc, Line
from .text import ascii_upper, digits, has_keyword, letters, squash_spaces

ADDRESS_KEYWORDS = (
    "JALAN", "JLN", "LOT", "TAMAN", "TMN", "LORONG", "PERSIARAN", "KAWASAN", "BANDAR", "SEKSYEN", "BATU",
    "STREET", "ROAD", "RD", "AVENUE", "AVE", "BLVD", "BOULEVARD", "DRIVE", "LANE", "SUITE", "FLOOR", "LEVEL",
    "BLOCK", "BLK", "UNIT", "HIGHWAY", "HWY", "SQUARE", "PLAZA", "MALL", "STRASSE", "PLATZ", "WEG", "ALLEE",
    "GASSE", "DAMM", "RUE", "AUTOROUTE", "INDUSTRIEPARK", "GEWERBEPARK", "GEWERBEGEBIET",
)
# postcodes: 5 digits (US, DE, MY, FR; not a "#12345" store number), UK, 4 digits before a town;
# street numbers "NO. 12", "Hauptstr. 5", German street names glued to their kind ("Karlstrasse 5"; its ß read as
# a B, G or L after a name of some letters: "Industriestrage 2", "Hauptstrabe 94", "Hauptstrale 10"; not
# "Maestrale 2", "Astrale 3")
_ADDRESS_RE = re.compile(
    r"(?<!#)\b\d{5}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b\d{4}\s[A-Z]{3,}|\bNO\.?\s?\d|STR\.\s?\d|\b\d+\s?[A-Z]?,"
    r"|(?:[A-Z](?:STRASSE|STR|WEG|PLATZ|ALLEE|GASSE|DAMM|RING|UFER|CHAUSSEE)|\b[A-Z]{4,}STRA[BG]E"
    r"|\b[A-Z]{3,}[B-DF-Z]STRALE)\.?\s\d{1,4}\s?[A-Z]?\b"
)
_MARKET_PLACE_RE = re.compile(r"\W*MARKET\s(?:PLACE|PL|ST)\b\.?\s+[A-Z]")
# US: "540 MARKET ST", "1206 W MAIN ST"; "SAN FRANCISCO CA", "NEW YORK, NY" (a town and its state)
_US_STREET_RE = re.compile(
    r"^\s*\d{1,6}\s+(?:[NSEW]\.?\s+)?[A-Z][A-Z0-9 .'-]*"
    r"\b(?:ST|AVE|RD|BLVD|DR|LN|WAY|PL|CT|PKWY|HWY|CIR|TER|SQ|TRL|PLZ|EXPY|FWY|TPKE|PIKE|CTR|XING)\b\.?"
    r"(?:\s+(?:[NS][EW]?|[EW])\b\.?)?(?:\s*(?:#|STE|SUITE|UNIT)\s*\w+)?\s*,?$")  # "422 Washington Ave N", "12 Main St NW"
_US_STATES = ("AL AK AZ AR CA CO CT DC FL GA IA ID IL KS KY LA MA MD MI MN MO MS MT NC ND NE NH NJ NM NV NY "
              "OH PA RI SC SD TN TX UT VA VT WA WI WV WY").split()  # IN, OR, ME, OK, HI, DE: also words
# (its ZIP glued to the state by OCR: "COLUMBUS OH43215")
_US_TOWN_RE = re.compile(rf"^[A-Z][A-Z .'-]+?,?\s(?:{'|'.join(_US_STATES)})\.?(?:\s?\d{{5}}(?:-\d{{4}})?)?$")
# a town, its state and ZIP code, however OCR slipped between them ("Pertland; OR97205", "Columbus,OH 43215"):
# with the ZIP code after it, a state that is also a word (IN, OR, ME, OK, HI, DE) is the state
_STATES_AND_WORDS = _US_STATES + ["IN", "OR", "ME", "OK", "HI", "DE"]
_US_TOWN_ZIP_RE = re.compile(rf"^[A-Z][A-Z .'-]+?[,;.]?\s?(?:{'|'.join(_STATES_AND_WORDS)})\.?\s?\d{{5}}(?:-\d{{4}})?$")
# a town and its state's two capitals, whatever OCR made of the rest ("Springfields IL an": the ZIP code lost)
_TOWN_AND_STATE_RE = re.compile(rf"^[A-Z][A-Za-z .'-]+?[,;.]?\s(?:{'|'.join(_US_STATES)})(?![A-Za-z])")
# a postcode before its town ("81100 JOHOR BAHRU", "10827 Berlin") or ending the line before the
# town's line, after a US state ("NY 10001"), or the UK form ("WC2B 6XF"); four digits are a house
# number as often as a postcode
_POSTCODE_RE = re.compile(r"(?<![A-Z\d-])\d{5}(?:\s+[A-Z]{2,}|\s*[,.]?\s*$)|\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b"
                          r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")
# "81100 JOHOR BAHRU," / "BANDAR BUKIT RAJA, 41050": the line asks for a town, region or country under it
_TOWN_MAY_FOLLOW_RE = re.compile(r",\s*$|(?<![A-Z]{2} )(?<!\d)\d{5}\s*$")
# "STORE #5260", "Filiale Nr. 12", and a line of the word and the number alone ("Filiale 1234", "Markt: 6857")
STORE_NUMBER_RE = re.compile(r"\b(?:STORE|STR|ST|FILIALE|BRANCH|MARKT)\s?(?:#|NO\b|NR\b)"
                             r"|^\s*(?:STORE|FILIALE|FIL|BRANCH|MARKT|RESTAURANT|REST|LOCATION|LOC)\.?\s?[#:]?\s?"
                             r"\d{1,6}\s*$")
REG_NUMBER_RE = re.compile(r"\(?\s*(?:CO\.?\s*(?:NO|REG)\.?\s*:?)?\s*\b[A-Z]{0,2}\d{4,}[-\s]?[A-Z]?\b\s*\)?\.?")
_NOT_ADDRESS = ("TEL", "REG", "TELEPHONE", "PHONE", "FAX", "MOBILE", "WHATSAPP", "WHATSAPPS", "HOTLINE", "GST",
                "VAT", "UST", "UID", "TAX INVOICE", "INVOICE", "RECEIPT", "EMAIL", "E-MAIL", "WWW")
_PRICE_AT_END_RE = re.compile(r"\d[.,]\s?\d{2}\s*[A-Z*]{0,2}\W*$", re.IGNORECASE)


def opens_with_market_place(text: str) -> bool:
    """A British town's market place and the town (``Market Place Wetherby``): an address, no shop's name."""
    return bool(_MARKET_PLACE_RE.match(squash_spaces(ascii_upper(text))))


def is_us_street(text: str) -> bool:
    """A US house number, street and suffix (``1408 Huntington Dr``, ``603 State St``), a suite after it."""
    return bool(_US_STREET_RE.match(squash_spaces(ascii_upper(text))))


# a US state and its ZIP code alone on their line, the town over them ("IL,61761", "CA 94401")
_STATE_AND_ZIP_ALONE_RE = re.compile(rf"\W*(?:{'|'.join(_STATES_AND_WORDS)})\W{{0,3}}\d{{5}}(?:-\d{{4}})?\W*")


def state_and_zip_alone(text: str) -> bool:
    """A US state and its ZIP code alone on their line (``IL,61761``): the line over it is the town."""
    return bool(_STATE_AND_ZIP_ALONE_RE.fullmatch(squash_spaces(ascii_upper(text))))


def opens_with_town_and_state(text: str) -> bool:
    """A US town's line by its opening: a town and its state's two capitals (``Springfields IL an``)."""
    return bool(_TOWN_AND_STATE_RE.match(text.strip()))


def is_address(text: str) -> bool:
    upper = squash_spaces(ascii_upper(text))
    return (bool(_ADDRESS_RE.search(upper) or _US_STREET_RE.match(upper) or _US_TOWN_RE.match(upper)
                 or _US_TOWN_ZIP_RE.match(upper) or _MARKET_PLACE_RE.match(upper))
            or has_keyword(text, ADDRESS_KEYWORDS))


def continues_address(text: str) -> bool:
    """An address line ending in a comma before its postcode: the next line is the address too."""
    return text.rstrip().endswith(",") and is_address(text) and not has_postcode(text)


def find_address(doc: Doc, start: int, end: int) -> tuple[str | None, int | None]:
    """The address block from line ``start`` (under the name), and the index of its last line."""
    parts: list[str] = []
    last = None
    complete = False  # a postcode was read: only a town, region or country may follow
    for line in doc.lines[start:min(max(end + 2, start + 5), start + 7)]:
        if find_dates(line.text):
            if parts:
                break  # the header's date and time under the address: no part of it
            continue  # a date printed beside the header (OCR put it in between)
        if _priced(line):
            break  # the body has begun
        if has_keyword(line.text, _NOT_ADDRESS) or STORE_NUMBER_RE.search(ascii_upper(line.text)):
            if parts:
                break
            continue
        if complete and (digits(line.text) or len(line.text.split()) > 5):
            break  # after the postcode only a town, region or country ("KLANG SELANGOR D. E, MALAYSIA")
        if is_address(line.text) or (parts and letters(line.text) >= 4 and not line.amounts
                                     and not _opens_body(doc, line)):
            cleaned = squash_spaces(line.text).strip(" ,;")
            if REG_NUMBER_RE.fullmatch(ascii_upper(cleaned)):
                continue
            parts.append(cleaned)
            last = line.index
            if len(parts) >= 4 or complete:
                break
            complete = has_postcode(line.text)
            if complete and not _TOWN_MAY_FOLLOW_RE.search(ascii_upper(line.text)):
                break  # "Jackson, NJ 08527", "10827 Berlin": nothing of the address follows
        elif parts:
            break
    return (", ".join(parts), last) if parts else (None, None)


# a pump's label (``Säule 4 Super E10``): the fuel's item, not the address's town
_PUMP_LABEL_RE = re.compile(r"\b(?:SAEULE|ZAPFSAEULE|ZAPFS|PUMPE|SUPER|E10|E5|DIESEL|BENZIN)\b")


def _opens_body(doc: Doc, line: Line) -> bool:
    """A name line under the street that is the first item's (its postcode's line lost or never printed):
    a pump's label, or a name whose price (``Mohnbrötchen`` / ``0,45 A``), litres or weight the line under
    it prints."""
    if _PUMP_LABEL_RE.search(ascii_upper(line.text)):
        return True
    below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    if below is None or find_dates(below.text):
        return False
    priced_under = below.is_amount_only and any(amount.has_decimals for amount in below.amounts)
    return priced_under or bool(below.amounts) and below.amounts[0].measure and below.amounts[0].has_decimals


def has_postcode(text: str) -> bool:
    return bool(_POSTCODE_RE.search(ascii_upper(text)))


def _priced(line: Line) -> bool:
    """A price on the line; an address's "NO.53 55,57 & 59, JALAN SAGU 18," has none at its end."""
    if not any(amount.has_decimals for amount in line.amounts):
        return False
    return not has_keyword(line.text, ADDRESS_KEYWORDS) or bool(_PRICE_AT_END_RE.search(line.text))
