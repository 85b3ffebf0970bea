"""Where a receipt comes from, judged from its own text: currency, country, date order.

Evidence is generic (currency markers, legal-form suffixes, tax names, postcode shapes,
country and language words), never a merchant name.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .amounts import CURRENCY_MARKERS
from .text import ascii_upper

# country -> (currency, day_first)
COUNTRIES: dict[str, tuple[str, bool]] = {
    "US": ("USD", False), "DE": ("EUR", True), "AT": ("EUR", True), "FR": ("EUR", True),
    "GB": ("GBP", True), "MY": ("MYR", True), "SG": ("SGD", True), "CH": ("CHF", True),
    "MA": ("MAD", True), "CA": ("CAD", False), "AU": ("AUD", True), "NZ": ("NZD", True), "ES": ("EUR", True),
    "IT": ("EUR", True), "NL": ("EUR", True), "IE": ("EUR", True), "IN": ("INR", True),
    "BE": ("EUR", True), "PT": ("EUR", True), "HR": ("EUR", True), "EE": ("EUR", True), "NO": ("NOK", True),
    "PL": ("PLN", True),
}

# a US state and its ZIP code ("OH 43017", "CA, 94103-1234")
_US_STATE = (r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ"
             r"|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)")
_US_STATE_ZIP = rf"\b{_US_STATE}\.?,?\s{{0,4}}\d{{5}}(?:-\d{{4}})?\b"
# a town closing an address's line: alone on it, after a comma, a house number or a postcode ("Bilbao", "C/ Cava
# Baja 22 Madrid", "1012 AB Amsterdam"; not a product's "MILANO COOKIES")
_TOWN_CLOSING = r"(?:^\s*|,\s?|\d{{2,5}}\s(?:[A-Z]{{2}}\s)?)(?:{towns})\s*$"
_FRIES_SIZES = "".join(rf"(?<!\b{size} )" for size in ("LG", "SM", "MD", "MED", "REG", "LRG", "SIDE", "ORD"))
# the goods and services tax: Malaysia's, and Singapore's, Australia's, New Zealand's, Canada's and India's too; not a
# guest count ("TBL 21/1 CHK 4521 GST 2", "Gst 2")
_SHARED_TAX = r"\bGST\b(?!\s?:?\s?\d{1,2}(?![\d.,%])(?!\s?%))"
SHARED_TAX_COUNTRIES = frozenset(("MY", "SG", "AU", "NZ", "CA", "IN"))
# (country, pattern, weight) -- patterns run on upper-cased, accent-free text
_COUNTRY_EVIDENCE: list[tuple[str, re.Pattern[str], float]] = [
    (country, re.compile(pattern), weight)
    for country, pattern, weight in [
        ("MY", r"\bSDN\.?\s?BHD\b|\bBHD\b|\bS/B\b|\bMALAYSIA\b|\bJALAN\b|\bJLN\b|\bTAMAN\b|\bSELANGOR\b"
               r"|\bKUALA LUMPUR\b|\bJOHOR\b|\bPENANG\b|\bRINGGIT\b|\bSST\b", 2.0),
        ("MY", _SHARED_TAX, 1.0),
        ("DE", r"\bGMBH\b|\bMWST\b|\bUST\b|\bSUMME\b|\bZU ZAHLEN\b|\bRUECKGELD\b|\bGEGEBEN\b|\bSTEUER"
               r"|\bSTR(?:ASSE|\.)|\bDEUTSCHLAND\b|\bEC-?KARTE\b|\bKASSE\b|\bBELEG\b"
               r"|\bNETTO\b|\bBRUTTO\b|\bDATUM\b|\bUHRZEIT\b|\bGIROCARD\b", 2.0),
        # German words, printed in Austria and Switzerland too
        ("DE", r"\bGESAMT(?:BETRAG)?\b|\bZWISCHENSUMME\b|\bKARTENZAHLUNG\b|\bTRINKGELD\b|\bMEHRWERTSTEUER\b", 1.0),
        # the till's change and bottle deposit, its umlaut's dots maybe lost ("Zurück", "Ruckgeld", "Pfand", "Leergut")
        ("DE", r"\bZURU?ECK\b|\bRU?ECKGELD\b|\bPFAND|\bLEERGUT", 1.0),
        # a German restaurant's table and thanks, printed by German-style restaurants abroad too
        ("DE", r"\bTISCH\b|\bVIELEN DANK\b", 0.75),
        ("AT", r"\bOESTERREICH\b|\bAUSTRIA\b", 3.0),
        ("FR", r"\bTVA\b|\bMERCI\b|\bFRANCE\b|\bTTC\b|\bESPECES?\b", 1.5),
        ("MA", r"\bMAROC\b|\bMOROCCO\b|\bDHS\b", 2.0),
        ("MA", r"\bDH\b|\bMAD\b", 0.5),  # two or three letters that OCR also makes of specks
        # a postcode's inward digit may come out as a letter ("LS1 SAB")
        ("GB", r"\bPLC\b|\bLTD\b|\bLIMITED\b|\bUNITED KINGDOM\b|\bENGLAND\b"
               r"|\b[A-Z]{1,2}\d[A-Z\d]?\s[\dSOIZB][A-Z]{2}\b", 1.5),
        ("GB", r"\bVAT\b", 2.0),  # the US has no VAT
        # Ireland's VAT rates (the UK's are 20 %, 5 % and 0 %): more than the bare "VAT" says Britain
        ("IE", r"\bVAT\b.{0,16}?(?<![\d.,])(?:23|13[.,]5|9)(?:[.,]0{1,2})?\s?%", 3.0),
        ("US", rf"\bSALES TAX\b|\bLLC\b|\bUSA\b|\bUNITED STATES\b|{_US_STATE_ZIP}|\(\d{{3}}\)\s?\d{{3}}-\d{{4}}", 1.5),
        # weaker: also Canadian (month-first too) or British: a North American phone number, Inc.,
        # a plain "TAX", a 12-hour clock, a restaurant check's words
        ("US", r"(?<![\d-])\d{3}[-.]\d{3}[-.]\d{4}(?![\d-])|\bINC\b\.?$|\bTAX\b|\b[01]?\d:[0-5]\d\s?[AP]\.?M\b"
               r"|\bSERVER\b|\bGUESTS?\b|\bCHK\b|\bTBL\b|\bGRATUITY\b|\bTIP\b", 0.5),
        ("SG", r"\bSINGAPORE\b|\bPTE\.? LTD\b", 3.0),
        ("CH", r"\bSCHWEIZ\b|\bSUISSE\b|\bCHF\b", 3.0),
        # the Swiss company number (VAT number), the Swiss payment app and post bank
        ("CH", r"\bCHE[-\s]?\d{3}\.\d{3}\.\d{3}\b|\bTWINT\b|\bPOSTFINANCE\b", 3.0),
        # francs before an amount ("Fr. 8.50", "Total Fr 4.20", "Fr. 5.-"); not a German Friday's date ("Fr. 05.12.26")
        # (not fries: "LG FR 3.49"; not opening hours: "Mo.-Fr. 7.00-20.00")
        ("CH", _FRIES_SIZES + r"\bS?FR\.?\s?(?:0|[1-9]\d{0,3})\.(?:\d{2}|-)(?![.,]?\d)(?!\s?[-–]\s?\d)", 2.0),
        ("AU", r"\bPTY\.? LTD\b|\bAUSTRALIA\b|\bABN\b", 3.0),
        ("CA", r"\bCANADA\b|\bHST\b|\bGST/HST\b", 2.0),
        # a state and its four-digit postcode ("Bella Vista NSW 2153"), card words of Australia and NZ
        ("AU", r"\b(?:NSW|VIC|QLD|TAS|ACT)\s\d{4}\b|\bEFTPOS\b", 2.0),
        ("NZ", r"\bNEW ZEALAND\b|\bNZ\$|\bNZD\b", 3.0),
        # New Zealand's GST number ("GST No: 72-034-883"), a city and its four-digit postcode ("Auckland 1021")
        ("NZ", r"\bGST\s?(?:NO|NUMBER|REG)\b\W{0,3}\d{2,3}-\d{3}-\d{3}\b"
               r"|\b(?:AUCKLAND|WELLINGTON|CHRISTCHURCH|DUNEDIN|TAURANGA|NAPIER|NELSON|QUEENSTOWN|ROTORUA)"
               r"\s\d{4}\s*$", 3.0),  # closing the line: not "NELSON 2022 SAUV BLANC", a vintage
        ("ES", r"\bTOTAL A PAGAR\b|\bESPANA\b|\bS\.L\.|\bS\.A\.|\bFACTURA\b|\bIMPORTE\b|\bCIF\b|\bIVA INCL", 1.5),
        # a Spanish-speaking restaurant's words: in Spain, and in Mexican restaurants of the US
        ("ES", r"\bEFECTIVO\b|\bTARJETA\b|\bGRACIAS\b|\bCAMBIO\b|\bCAMARERO\b|\bARTICULO\b|\bPRECIO\b|\bMESA\b", 0.75),
        ("IT", r"\bTOTALE\b|\bCONTANTI\b|\bRESTO\b|\bSCONTRINO\b|\bGRAZIE\b|\bITALIA\b|\bP\.\s?IVA\b|\bS\.R\.L\b", 1.5),
        ("ES", r"\bIVA\b", 0.5),
        ("IT", r"\bIVA\b", 0.5),
        ("NL", r"\bBTW\b|\bTOTAAL\b|\bBEDANKT\b|\bNEDERLAND\b|\bKVK\b|\bPINNEN\b|\bB\.V\.", 2.0),
        ("IE", r"\bIRELAND\b|\bEIRE\b", 2.0),
        # an Eircode ("T12 A6K4", "D6W XY12"), an Irish VAT number, a county ("Co. Kildare"), a Dublin postal
        # district ("Dublin 6")
        ("IE", r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s(?=[A-Z]*\d)(?=\d*[AC-FHKNPRTV-Y])[0-9AC-FHKNPRTV-Y]{4}\b"
               r"|\bIE\s?\d{7}[A-Z]{1,2}\b|\bIE\s?\d[A-Z+*]\d{5}[A-Z]\b"  # the new format, the old (IE 8F52100V)
               r"|\bCO\.?\s(?:DUBLIN|CORK|KILDARE|GALWAY|MEATH|WICKLOW|KERRY|LIMERICK|CLARE|MAYO|DONEGAL|SLIGO"
               r"|WEXFORD|WATERFORD|KILKENNY|TIPPERARY|LOUTH|WESTMEATH|OFFALY|LAOIS|CARLOW|CAVAN|MONAGHAN"
               r"|LEITRIM|ROSCOMMON|LONGFORD)\b|\bDUBLIN\s\d{1,2}W?\b", 3.0),
        ("AT", r"\bOESTERREICHISCH|\bWIEN\b|\bBANKOMAT\b|\bATU\s?\d{8}\b", 3.0),
        ("BE", r"\bBANCONTACT\b|\bBRUXELLES\b|\bANTWERPEN\b", 2.0),
        # a province and its postcode ("Vancouver, BC, V6G 2L7", "Edmonton, AB, T6H-4M6"; a 6 may come out as G),
        # Canada's taxes, a GST account's nine digits ("GST# 128 127 324", "GST/HST 137466199 RT 0001": a
        # Malaysian GST id has 12), a western province's name closing an address's line (not "NE Alberta St", nor
        # "NOVA SCOTIA SALMON")
        ("CA", r"\b(?:BC|AB|SK|MB|ON|QC|NB|NS|PE|NL|YT|NT|NU),?\s+[A-Z][\dA-Z][A-Z][\s-]?\d[A-Z]\d\b|\bPST\b"
               r"|\bQST\b|\bTVQ\b|\bGST\s?/\s?HST\b|\bGST\s?[#:=]?\s?(?:NO\.?\s?)?R?\s?(?:\d[\s-]?){8}\d(?![\s-]?\d)"
               r"|(?<!\d)(?<!\d[\s-])(?:\d[\s-]?){8}\d\s?RT\s?[0O]{3}[1LI]\b"
               r"|\b(?:ALBERTA|SASKATCHEWAN|MANITOBA|BRITISH COLUMBIA|NOVA SCOTIA)"
               r"(?:,?\s+[A-Z]\d[A-Z][\s-]?\d[A-Z]\d)?(?:,?\s*CANADA)?\s*$", 3.0),
        ("BE", r"\bBELGI(?:QUE|E|UM|EN)\b|\b(?:BTW|TVA)\W{0,3}BE\W{0,2}0?\d{3}", 3.0),
        ("PT", r"\bPORTUGAL\b|\bCONTRIBUINTE\b|\bOBRIGADO\b|\bFATURA\b|\bTALAO\b|\bNIF\b", 2.0),
        ("HR", r"\bHRVATSKA\b|\bOIB\b|\bPDV\b|\bHRK\b|\bRACUN\b", 2.0),
        ("EE", r"\bEESTI\b|\bKOKKU\b|\bKMKR\b|\bKAIBEMAKS", 2.0),
        ("NO", r"\bNORGE\b|\bMVA\b|\bORG\.?\s?NR\b|\bREGNING\b|\bNOK\b", 2.0),
        ("PL", r"\bPOLSKA\b|\bPARAGON\b|\bFISKALNY\b|\bNIP\b|\bPTU\b|\bSPRZEDAZ|\bPLN\b|\bRAZEM\b", 2.0),
        ("IN", r"\bGSTIN\b|\bCGST\b|\bSGST\b|\bINDIA\b|\bRS\.\s?\d", 3.0),
    ]
]
_CURRENCY_COUNTRY = {"USD": "US", "EUR": "DE", "GBP": "GB", "MYR": "MY", "SGD": "SG", "CHF": "CH",
                     "MAD": "MA", "CAD": "CA", "AUD": "AU", "NZD": "NZ", "INR": "IN", "NOK": "NO", "PLN": "PL"}
EURO_COUNTRIES = ("DE", "AT", "FR", "ES", "IT", "NL", "IE", "BE", "PT", "HR", "EE")
_MARKER_RE = re.compile(
    r"(?<![A-Z])(" + "|".join(re.escape(m) for m in sorted(CURRENCY_MARKERS, key=len, reverse=True)) + r")(?![A-Z])"
)


# a slashed date and a 12-hour clock: how US tills print the sale's moment (and some in countries that
# print 12-hour clocks day-first: their own marks say so)
_US_MOMENT_RE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\s{1,3}[01]?\d:[0-5]\d\s?[AP]\.?M\b")
_US_MOMENT_WEIGHT = 1.5
_OTHER_TWELVE_HOUR_COUNTRIES = ("GB", "IE", "CA", "AU", "NZ")
_WORDS_SAY_GB = 3.0  # British evidence (VAT, a postcode, Ltd) that turns euro signs into pounds
_MARKS_COUNTED = 3


_SWISS_NEIGHBOURS = ("DE", "AT", "FR", "IT")
_QUEBEC_FRENCH_RE = re.compile(r"\bSOUS[- ]?TOTAL\b|\bTPS\b|\bTVQ\b|\bCOMPTANT\b|\bMONNAIE\b|\bHEURE\b")


@dataclass(frozen=True)
class Locale:
    country: str | None
    currency: str | None
    day_first: bool | None  # None: nothing on the receipt says which order its dates are in
    currency_confidence: float
    worded: bool = field(default=False, compare=False)  # a country's words on the receipt voted (not its marks alone)


def currency_votes(texts: Sequence[str]) -> Counter[str]:
    """Currency marks on the receipt. A sign (``€``, ``$``) counts beside a number only: OCR makes
    them of specks (``1 & 0 € _``); a code (``EUR``, ``RM``) beside a number, or as a word in
    capitals of three letters or more (:func:`_code_alone`)."""
    votes: Counter[str] = Counter()
    for text in texts:
        upper = ascii_upper(text)
        for match in _MARKER_RE.finditer(upper):
            marker = match.group(1)
            if _NUMBER_BESIDE_RE.search(upper[max(0, match.start() - 3):match.end() + 3]) or _code_alone(
                    marker, text[match.start():match.end()] if len(text) == len(upper) else marker):
                votes[CURRENCY_MARKERS[marker]] += 1
    return votes


def _code_alone(marker: str, printed: str) -> bool:
    """A currency code with no number beside it (``Betrag in EUR``) counts where it is printed in
    capitals and has three letters or more: ``Cad`` is a garbled card, ``DH`` / ``RM`` two letters
    of any garbled word."""
    return sum(ch.isalpha() for ch in marker) >= 3 and printed.isupper()


_NUMBER_BESIDE_RE = re.compile(r"\d")


# a web or mail address under a country's domain ("www.vapiano.fr", "info@rewe.de", "...schiphol .nl" at
# a line's end, its dot spaced by OCR)
_DOMAIN_COUNTRIES = {"NL": "NL", "DE": "DE", "AT": "AT", "FR": "FR", "ES": "ES", "IT": "IT", "BE": "BE",
                     "PT": "PT", "IE": "IE", "PL": "PL", "NO": "NO", "EE": "EE", "HR": "HR", "CA": "CA", "AU": "AU",
                     "NZ": "NZ", "MY": "MY", "SG": "SG", "CH": "CH", "UK": "GB"}
_DOMAIN_RE = re.compile(r"(?:\bWWW\s?\.|@|HTTPS?:)\S*[A-Z\d]\s?\.\s?(?P<tld>[A-Z]{2})(?![A-Z\d])"
                        r"|[A-Z]{3}\s?\.(?P<end>[A-Z]{2})\s*$")
_DOMAIN_WEIGHT = 2.0


# capitals that name towns abroad too (Dublin, Ohio; London, Kentucky): evidence where the line names
# no US state (and ZIP code) and the name is no street's ("DUBLIN GRANVILLE RD")
# the capitals anywhere on a line; the other towns only as an address's town: after a comma or a street, or
# alone on their line (not "CORK & BOTTLE", "THE CORK", "Kilkenny 5.20")
_TOWN_OF_AN_ADDRESS = r"(?:,\s?|\b(?:ST|STREET|RD|ROAD|AVE|SQ|SQUARE|QUAY)\s|^\s*(?={town}\W*(?:CITY)?\W*$))"
_AFTER = {"DUBLIN": "", "LONDON": "",
          **{town: _TOWN_OF_AN_ADDRESS.format(town=town) for town in ("GALWAY", "CORK", "LIMERICK", "KILKENNY")}}
_CAPITALS = [(country, re.compile(rf"{_AFTER[town]}\b{town}\b(?!\W{{0,2}}(?:[A-Z]+\s)?(?:RD|ROAD|ST|STREET|AVE|AVENUE|"
                                  rf"PIKE|BLVD|DR|DRIVE|HWY|WAY|LN|LANE|PKWY)\b)(?!,?\s{{0,2}}{_US_STATE}\b)"), weight)
             for country, town, weight in (("IE", "DUBLIN", 2.0), ("GB", "LONDON", 1.5), ("IE", "GALWAY", 1.5),
                                           ("IE", "CORK", 1.5), ("IE", "LIMERICK", 1.5), ("IE", "KILKENNY", 1.5))]
_US_STATE_ZIP_RE = re.compile(_US_STATE_ZIP)
# evidence that counts once on the receipt however many lines print it: "E23.73", "f1.75", "L2.75", a pound
# sign read as E, f or L before a price (the E a euro sign too, on an Irish receipt's every price)
_ONCE_EVIDENCE = [("GB", re.compile(r"(?<![A-Z\d])E\d{1,4}\.\d{2}\b"), 1.0),
                  # F and L on a total's or a tender's line (not a size or a department glued to an item's
                  # price: "MENS JACKET L12.99", "Linens L5.00")
                  ("GB", re.compile(r"\b(?:TOTAL|BALANCE|DUE|PAY|CASH|CARD|CONTACTLESS|VISA|MASTERCARD|DEBIT|CHANGE)\b"
                                    r".*(?<![A-Z\d])[FL]\d{1,4}\.\d{2}\b"), 1.0)]


# a town and its province closing a header's line ("Calgary AB", "#1021 Ottawa ON", "Québec QC")
_TOWN_AND_PROVINCE_RE = re.compile(r"^\s*(?:#?\d+\s)?[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){0,2},?\s"
                                   r"(?:AB|BC|MB|NB|NS|ON|PE|QC|SK)\s*$")
_LONG_TOWN_AND_PROVINCE_RE = re.compile(r"^\s*[A-Z][A-Z.'-]{3,}(?:\s[A-Z][A-Z.'-]+){0,2},?\s"
                                        r"(?:AB|BC|MB|NB|NS|PE|QC|SK)\s*$")
_STREET_LINE_RE = re.compile(r"^\W*\d[\d\s-]{0,8}\s?[A-Z0-9].*\b(?:AVE|AVENUE|ST|STREET|RD|ROAD|BLVD|DR|DRIVE"
                             r"|TRAIL|WAY|NW|SW|NE|SE)\b")
_CANADIAN_TAX_OR_WORD_RE = re.compile(rf"\bGST\b|{_QUEBEC_FRENCH_RE.pattern}")
_TOWN_AND_PROVINCE_WEIGHT = 2.0  # less than a Malaysian legal form and its GST
_HEADER_LINES = 5


def _canadian_town(uppers: Sequence[str]) -> bool:
    """A town and its province in the header, or a town and a province but Ontario under a street's line anywhere
    (a card slip's ``11411 40th Ave`` / ``Edmonton AB`` under the items), where the receipt prints GST or a Québec
    till word too (not a Swedish ``IKEA AB``, nor ``ADD ON`` or ``CHEESE ON`` among the items)."""
    return (any(_TOWN_AND_PROVINCE_RE.search(upper) for upper in uppers[1:_HEADER_LINES])
            or any(_LONG_TOWN_AND_PROVINCE_RE.search(upper) and _STREET_LINE_RE.search(above)
                   for above, upper in zip(uppers, uppers[1:]))) \
        and any(_CANADIAN_TAX_OR_WORD_RE.search(upper) for upper in uppers)


# a big town of a euro country closing an address's line, on a receipt that prints euros or decimal commas (not a
# US receipt's "PARIS" or "TOMATOES, ROMA")
_EURO_TOWNS: list[tuple[str, re.Pattern[str], float]] = [
    (country, re.compile(_TOWN_CLOSING.format(towns=towns)), 1.5) for country, towns in [
        ("ES", "MADRID|BARCELONA|VALENCIA|SEVILLA|ZARAGOZA|MALAGA|BILBAO|MURCIA|ALICANTE|VALLADOLID|VIGO|GRANADA"),
        ("FR", "PARIS|LYON|MARSEILLE|TOULOUSE|NANTES|STRASBOURG|MONTPELLIER|BORDEAUX|LILLE|RENNES"),
        ("IT", "ROMA|MILANO|NAPOLI|TORINO|PALERMO|GENOVA|FIRENZE|VENEZIA|PADOVA"),
        ("NL", "AMSTERDAM|ROTTERDAM|UTRECHT|EINDHOVEN|GRONINGEN|TILBURG|ALMERE|NIJMEGEN|HAARLEM"),
    ]
]
_EURO_PRINT_RE = re.compile(r"\d,\d{2}(?!\d)|€|\bEUR\b")


def country_votes(texts: Sequence[str], shared_tax: bool = True) -> Counter[str]:
    """Each country's weight of evidence; ``shared_tax``: the goods and services tax votes Malaysia too."""
    votes: Counter[str] = Counter()
    euro_print = any(_EURO_PRINT_RE.search(text.upper()) for text in texts)
    evidence = [entry for entry in _COUNTRY_EVIDENCE if shared_tax or entry[1].pattern != _SHARED_TAX]
    for text in texts:
        upper = ascii_upper(text)
        for country, pattern, weight in evidence + (_EURO_TOWNS if euro_print else []):
            if pattern.search(upper):
                votes[country] += weight
        for country, pattern, weight in _CAPITALS:
            if pattern.search(upper) and not _US_STATE_ZIP_RE.search(upper):
                votes[country] += weight
        domain = _DOMAIN_RE.search(upper)
        if domain and (country := _DOMAIN_COUNTRIES.get(domain["tld"] or domain["end"])):
            votes[country] += _DOMAIN_WEIGHT
    uppers = [ascii_upper(text) for text in texts]
    for country, weight in {(country, weight) for country, _, weight in _ONCE_EVIDENCE}:
        if any(pattern.search(upper) for upper in uppers for c, pattern, _ in _ONCE_EVIDENCE if c == country):
            votes[country] += weight
    if _canadian_town(uppers):
        votes["CA"] += _TOWN_AND_PROVINCE_WEIGHT
    return votes


# Malaysia's rate of the tax (2015-2018) printed beside it: "GST @6%", "SR 6%", "GST 6.00%"
MALAYSIAN_GST_RATE = 6
_MALAYSIAN_RATE_RE = re.compile(r"\b(?:GST|SR)\b\W{0,3}(?:@\W{0,2})?6(?:[.,]0{1,2})?\s?%")


def named_by_a_shared_tax_alone(texts: Sequence[str]) -> bool:
    """The receipt's only word of a country is the goods and services tax, which several countries levy (a Canadian
    Arby's: ``GST .41``; ``SHARED_TAX_COUNTRIES``): no currency's mark but a bare dollar sign (not ``RM``, ``S$``),
    no Malaysian rate beside it (``GST 6%``)."""
    uppers = [ascii_upper(text) for text in texts]
    return bool(country_votes(texts)) and not country_votes(texts, shared_tax=False) \
        and set(currency_votes(texts)) <= {"USD"} and not any(_MALAYSIAN_RATE_RE.search(upper) for upper in uppers)


# a UK postcode's area (the letters its outward code opens with); one letter alone only after a comma
# ("Birmingham, B12"; not a diner's "TABLE B12" or a market's "Stall N2")
_UK_POSTCODE_AREAS = ("AB|AL|BA|BB|BD|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY"
                      "|EC|EH|EN|EX|FK|FY|GL|GU|HA|HD|HG|HP|HR|HS|HU|HX|IG|IP|IV|KA|KT|KW|KY|LA|LD|LE|LL|LN|LS"
                      "|LU|ME|MK|ML|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|SA|SE|SG|SK|SL|SM|SN|SO"
                      "|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|UB|WA|WC|WD|WF|WN|WR|WS|WV|YO|ZE"
                      r"|(?<=,\s)[BEGLMNSW]")
# a room of a building is no town before it ("Suite B2", "Concourse B12", "Level L2")
_NO_TOWN = r"(?<!\bSUITE)(?<!\bSTE)(?<!\bUNIT)(?<!\bAPT)(?<!\bBLDG)(?<!\bBUILDING)(?<!\bLEVEL)(?<!\bFLOOR)" \
           r"(?<!\bROOM)(?<!\bGATE)(?<!\bTERMINAL)(?<!\bCONCOURSE)(?<!\bSTORE)(?<!\bSTAND)(?<!\bBOOTH)(?<!\bLOT)"
# weak British evidence: a postcode's outward code alone closing an address's line after a town ("Leeds LS12",
# "22 Marine Parade, Whitby YO21"; not "SE 3rd Ave"), a UK phone number ("01632 960123", "020 7946 0000",
# "0161 496 0000", "07700 900123"; not Dublin's "01 496 0000" nor Berlin's "030 1234567")
_WEAK_BRITISH = [re.compile(rf"^\s*(?:\d{{1,4}}[A-Z]?\s)?(?:[A-Z][A-Z'.-]*,?\s){{0,4}}[A-Z][A-Z'.-]{{2,}}{_NO_TOWN},?\s"
                            rf"(?:{_UK_POSTCODE_AREAS})\d[A-Z\d]?\s*$"),
                 re.compile(r"(?<![\d+])(?:01\d{3}\s\d{6}|0(?:11\d|1\d1)\s\d{3}\s\d{4}|02\d\s\d{4}\s\d{4}"
                            r"|07\d{3}\s\d{6})(?![\d-])")]
_WEAK_BRITISH_WEIGHT = 1.0


def _weakly_british(texts: Sequence[str], countries: Counter[str], currencies: Counter[str]) -> float:
    """Weak British evidence (a postcode's outward code, a UK phone number), counted where nothing else says a
    country: no other country's words or marks, no currency but the pound."""
    if any(votes for country, votes in countries.items() if country != "GB") \
            or any(votes for currency, votes in currencies.items() if currency != "GBP"):
        return 0.0
    uppers = [ascii_upper(text) for text in texts]
    return sum(_WEAK_BRITISH_WEIGHT for pattern in _WEAK_BRITISH if any(pattern.search(upper) for upper in uppers))


def detect_locale(texts: Sequence[str]) -> Locale:
    """Country and currency from the words; ``$`` alone means US, ``$`` beside Malaysian words MYR."""
    currencies = currency_votes(texts)
    countries = country_votes(texts)
    worded = bool(countries)
    if not any(countries[c] for c in _OTHER_TWELVE_HOUR_COUNTRIES) \
            and any(_US_MOMENT_RE.search(ascii_upper(text)) for text in texts):
        countries["US"] += _US_MOMENT_WEIGHT  # no British, Irish, Canadian, Australian or NZ mark beside it
    if weakly_british := _weakly_british(texts, countries, currencies):
        countries["GB"] += weakly_british
        worded = True
    printed = currencies.most_common(1)[0][0] if currencies else None
    if printed == "EUR" and not any(countries[c] for c in EURO_COUNTRIES) and countries["GB"] >= _WORDS_SAY_GB:
        printed = "GBP"  # OCR reads a pound sign as a euro sign; the receipt's words are British
        currencies["GBP"] += currencies.pop("EUR")
    if printed == "EUR" and any(countries[c] for c in EURO_COUNTRIES):
        pass  # the euro says which countries, their words say which one
    elif printed and printed != "USD":
        # one mark may be a speck or a misread "$" ("WaS € 29193.00" beside "VIC 2041"): it weighs
        # less than a state and its postcode; two or more outweigh most words, but no more than
        # three count (a tax letter after every price read as "€" is no evidence thirteen times)
        votes = min(currencies[printed], _MARKS_COUNTED)
        countries[_CURRENCY_COUNTRY[printed]] += 3.0 * votes if votes >= 2 else 1.5
    elif printed == "USD":
        countries["US"] += 1.0  # "$" is shared by many dollars and by some ringgit receipts
    country = countries.most_common(1)[0][0] if countries else None
    if country is None:
        return Locale(None, None, None, 0.0)
    if currencies["CHF"] and not currencies["EUR"] and country in _SWISS_NEIGHBOURS:
        country = "CH"  # francs, no euro: the German, French or Italian words are Switzerland's
    currency, day_first = COUNTRIES[country]
    if country == "CA" and sum(bool(_QUEBEC_FRENCH_RE.search(ascii_upper(text))) for text in texts) >= 2:
        day_first = True  # Québec's French receipts print the day first
    if printed and printed != "USD" and (currencies[printed] >= 2 or _CURRENCY_COUNTRY[printed] == country):
        currency = printed  # one stray mark against the country's words is a speck ("0.€ JUIIBO")
    if currency != COUNTRIES[country][0] and currencies[COUNTRIES[country][0]]:
        currency = COUNTRIES[country][0]  # its own currency printed too: the other marks are misreads
    confidence = 0.9 if printed and currency == printed else (0.6 if printed else 0.4)
    return Locale(country, currency, day_first, confidence, worded)


_HOME_CONFIDENCE = 0.4  # no mark printed: the currency of the countries the chain trades in


# an Irish town or county of the Republic (not Northern Ireland's), on a line that prints no amount ("Centra
# Athlone", "Main St, Dungarvan"); not a word of a product or a British town's name too ("Mayo", "Bray", "Kells")
_IRISH_PLACE_RE = re.compile(
    r"^(?!.*\d[.,]\d{2}).*\b(?:CARLOW|CAVAN|DONEGAL|KILDARE|KILKENNY|LAOIS|LEITRIM|LONGFORD|LOUTH|MONAGHAN|OFFALY"
    r"|ROSCOMMON|SLIGO|TIPPERARY|WATERFORD|WESTMEATH|WEXFORD|WICKLOW|MEATH|GALWAY|LIMERICK|DUBLIN|CORK|KERRY"
    r"|ATHLONE|DUNGARVAN|DUNDALK|DROGHEDA|ENNIS|TRALEE|NAVAN|NAAS|LETTERKENNY|MULLINGAR|KILLARNEY|CASTLEBAR"
    r"|PORTLAOISE|TULLAMORE|CLONMEL|BALBRIGGAN|ARKLOW|MAYNOOTH|CELBRIDGE|LEIXLIP|GREYSTONES|NENAGH|THURLES|BALLINA"
    r"|WESTPORT|MALLOW|COBH|MIDLETON|YOUGHAL|SKIBBEREEN|BANTRY|KINSALE|GOREY|ENNISCORTHY|EDENDERRY|ASHBOURNE"
    r"|DUNBOYNE|TUAM|BALLINASLOE|LOUGHREA|CLIFDEN|LISTOWEL|DINGLE|KENMARE|BUNDORAN|BUNCRANA|CARRICKMACROSS"
    r"|BLANCHARDSTOWN|TALLAGHT|LUCAN|MALAHIDE|CLONDALKIN|SWORDS)\b"
    r"(?!\s+(?:ROAD|RD|STREET|ST|TERRACE|AVENUE|AVE|LANE|PLACE|WAY)\b)")  # a street named for it elsewhere
_NORTHERN_IRISH_TOWN_RE = re.compile(
    r"\b(?:NEWRY|BELFAST|ANTRIM|ARMAGH|DERRY|LONDONDERRY|LISBURN|PORTADOWN|ENNISKILLEN|OMAGH|COLERAINE)\b")


def _names_an_irish_place(texts: Sequence[str]) -> bool:
    """A line over the prices names a town or county of the Republic, and no line a Northern Irish town."""
    return any(_IRISH_PLACE_RE.search(ascii_upper(text)) for text in _over_the_prices(texts)) \
        and not any(_NORTHERN_IRISH_TOWN_RE.search(ascii_upper(text)) for text in texts)


def _over_the_prices(texts: Sequence[str]) -> Sequence[str]:
    """The lines above the first that prints a price: the shop's header, not a product's name (``WEXFORD
    CHEDDAR``)."""
    return next((texts[:i] for i, text in enumerate(texts) if _PRICE_RE.search(text)), texts)


_PRICE_RE = re.compile(r"\d[.,]\d{2}\b")


def home_locale(countries: frozenset[str], texts: Sequence[str] = ()) -> Locale | None:
    """The locale of a chain that trades in one country alone (Greggs: ``{"GB"}``), or in countries that share
    one currency and one date order (Albert Heijn: ``{"NL", "BE"}``, its country unknown), for a receipt whose own
    text named no country; of a chain of Ireland and Britain (Centra, SuperValu: Northern Ireland prints pounds)
    Ireland's where ``texts`` name an Irish place (``_names_an_irish_place``); None for another chain of countries
    that differ, or of the whole world (``001``)."""
    if "IE" in countries and _names_an_irish_place(texts):
        countries = frozenset({"IE"})
    if not countries or not countries <= COUNTRIES.keys() or len({COUNTRIES[c] for c in countries}) != 1:
        return None
    currency, day_first = COUNTRIES[next(iter(countries))]
    return Locale(next(iter(countries)) if len(countries) == 1 else None, currency, day_first, _HOME_CONFIDENCE)


def only_the_euro(locale: Locale) -> bool:
    """Euro signs alone say where the receipt comes from, no country's word: any euro country, not Germany only."""
    return locale.currency == "EUR" and not locale.worded
