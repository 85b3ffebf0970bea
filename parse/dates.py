"""Dates and times printed on receipts.

Numeric dates like ``03/04/2024`` are ambiguous. ``find_dates`` returns them unresolved
(``RawDate``); the caller picks the order once per receipt with ``order_from_dates`` (days
above 12 seen elsewhere on the same receipt) and locale evidence, then ``resolve`` each.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zoneinfo
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .text import ascii_upper, digits, one_letter_off

# English, German, French, Spanish, Portuguese, Italian and Dutch names, less those that are also
# words printed before prices ("MAYO", "MARCO", "MAG", "GEN")
MONTHS: dict[str, int] = {}
for _number, _names in enumerate([
    ("JAN", "JANUARY", "JANUAR", "JANV", "JANVIER", "JAENNER", "JANNER", "ENE", "ENERO", "JANEIRO", "GENNAIO",
     "JANUARI"),
    ("FEB", "FEBRUARY", "FEBRUAR", "FEV", "FEVR", "FEVRIER", "FEBRERO", "FEVEREIRO", "FEBBRAIO", "FEBRUARI"),
    ("MAR", "MARCH", "MAERZ", "MARZ", "MRZ", "MARS", "MARZO", "MAART", "MRT"),
    ("APR", "APRIL", "AVR", "AVRIL", "ABRIL", "APRILE"),
    ("MAY", "MAI", "MAIO", "MAGGIO", "MEI"),
    ("JUN", "JUNE", "JUNI", "JUIN", "JUNIO", "JUNHO", "GIUGNO", "GIU"),
    ("JUL", "JULY", "JULI", "JUIL", "JUILLET", "JULIO", "JULHO", "LUGLIO", "LUG"),
    ("AUG", "AUGUST", "AOUT", "AGO", "AGOSTO", "AUGUSTUS"),
    ("SEP", "SEPT", "SEPTEMBER", "SEPTEMBRE", "SEPTIEMBRE", "SETIEMBRE", "SETEMBRO", "SETT", "SETTEMBRE"),
    ("OCT", "OCTOBER", "OKT", "OKTOBER", "OCTOBRE", "OCTUBRE", "OUTUBRO", "OTT", "OTTOBRE"),
    ("NOV", "NOVEMBER", "NOVEMBRE", "NOVIEMBRE", "NOVEMBRO"),
    ("DEC", "DECEMBER", "DEZ", "DEZEMBER", "DECEMBRE", "DIC", "DICIEMBRE", "DEZEMBRO", "DICEMBRE"),
], start=1):
    for _name in _names:
        MONTHS[_name] = _number

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEP = r"\s?(?P<sep>[/.\-])\s?"
_SAME_SEP = r"\s?(?P=sep)\s?"
# a four-digit year may have the next word glued to it ("26/08/2024A 19.28": "a" lost its space)
# and a year may have the time glued to it ("09/01/1612:34 PM", "04/22/20238:06 PM": its space lost; a two-digit
# year's one-digit hour only with AM or PM after it: "12/03/267:14PM")
# ("AS-Zeit 02.03. 15:59 Uhr", a card slip's authorisation time: the day and month of a date, then the
# hour before its colon: no two-digit year)
_YEAR = (r"(?P<y>(?!19|20)\d{2}(?=[0-2]\d[:;][0-5]\d(?!\d))|\d{2}(?=[1-9][:;][0-5]\d\s?[AP]M)"
         r"|(?!19|20)\d{2}(?=8\d[:;][0-5]\d\s?[AP]M)"  # "12/04/2481:07 PM": the space lost, the hour's 0 read as an 8
         r"|[12]\d{3}(?!\d)|[12][\dOCILT]{3}(?![\dA-Z])"
         r"|(?:19|20)\d{2}(?=[0-2]?\d\s?[:;]\s?[0-5]\d(?!\d))"  # "04/22/20238:06 PM", "03.12.202617:31"
         # "09/17/202510442AM": the hour glued on, its colon lost or read as a digit (or a point: "02/19/202444.22 PM"),
         # AM or PM after the minutes
         r"|(?:19|20)\d{2}(?=(?:0?[1-9]|1[0-2])\d?[.:;]?[0-5]\d\s?[AP]M)"
         r"|\d{2}(?=(?:TIME|ZEIT|UHRZEIT)(?![A-Z]))"  # "DATE: 12/03/24TIME: 19:41": the label's space lost
         r"|\d{2}(?![\dA-Z])(?!\s?[:;]\s?[0-5]\d(?!\d)))")

# ("2024-12-0319:41:07": the time glued on; "2015 / 02 / 12": spaced about its separators)
_ISO_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<gap>\s?)[-/.](?P=gap)(?P<a>\d{1,2})(?P=gap)[-/.](?P=gap)"
                     r"(?P<b>\d{1,2})"
                     r"(?:(?!\d)|(?=[0-2]\d\s?[:;]\s?[0-5]\d(?!\d)))")
# "2024 08-08 15:06", "2024-08 08 15:06", "2025 06 18 16.11": one separator of a year-first date or both
# read as a space (the other maybe as a comma: "2024 06,18 14*48"), a time after it (its colon maybe a
# star or a dot: "2025 05-03 18*00"; the gap before it maybe read as a point: "2025 01-05.14.30")
_CLOCK_AFTER = r"(?=(?:\s{1,3}|\.)[0-2]?\d\s?[:;.*]\s?[0-5]\d(?!\d))"
_ISO_SPACED_RES = (
    re.compile(r"(?<![\d.,])(?P<y>(?:19|20)\d{2}) (?P<a>[01]\d)[-/.,](?P<b>[0-3]\d)" + _CLOCK_AFTER),
    re.compile(r"(?<![\d.,])(?P<y>(?:19|20)\d{2})[-/.](?P<a>[01]\d) (?P<b>[0-3]\d)" + _CLOCK_AFTER),
    re.compile(r"(?<![\d.,])(?P<y>(?:19|20)\d{2}) (?P<a>[01]\d) (?P<b>[0-3]\d)" + _CLOCK_AFTER),  # both
)
# not after a digit, a point or a comma (an amount's cents, an article's number: "Art.12.03.24"); after a date
# label's point, yes: "Dat.31.08.2015"
_NOT_AFTER_AMOUNT = r"(?:(?<![\d.,])|(?<=\bDAT\.)|(?<=\bDATUM\.)|(?<=\bDT\.)|(?<=\bDATE\.)|(?<=\bD\.))"
_NUMERIC_RE = re.compile(rf"{_NOT_AFTER_AMOUNT}(?P<a>\d{{1,2}}){_SEP}(?P<b>\d{{1,2}}){_SAME_SEP}{_YEAR}")
_MIXED_RE = re.compile(rf"{_NOT_AFTER_AMOUNT}(?P<a>\d{{1,2}}){_SEP}(?P<b>\d{{1,2}})\s?[/.\-]\s?{_YEAR}")
# a separator after the month name may come out as one letter: "14MAYN2017" (14/MAY/2017)
_MONTH_END = r"(?:\.|[A-Z](?=[12][\dOCILT]{3}(?![\dA-Z])))?(?![A-Z])"
_DAY_MONTH_RE = re.compile(
    rf"(?<![\dA-Z])(?P<a>\d{{1,2}})(?:ST|ND|RD|TH)?[\s\-/.]*(?P<m>{_MONTH_RE}){_MONTH_END}[\s\-/.,']*{_YEAR}"
)
# "AUG 26 2017", "SEP-01-2016", "Jan 08; 2024" (its comma a semicolon), "DEC03"24" (its apostrophe a
# double quote), and "AUG262017", "DEC0324 07:41PM": the day glued to its year (a two-digit one before
# a time)
_GLUED_SHORT_YEAR = r"(?<=[A-Z]\d{2})(?=\d{2}\s{1,3}[0-2]?\d\s?[:;]\s?[0-5]\d)"  # the day glued to the month too
_MONTH_DAY_RE = re.compile(
    rf"(?<![A-Z])(?P<m>{_MONTH_RE})\.?(?![A-Z])[\s\-/.]*(?P<a>\d{{1,2}})"
    rf"(?:(?:ST|ND|RD|TH)?(?!\d)[\s,;._'\"/\-]*|(?=[12]\d{{3}}(?!\d))|{_GLUED_SHORT_YEAR}){_YEAR}"
)
# a month abbreviation with one letter misread ("UCT 3, 2016"), only in a full "MON D, YYYY",
# "D MON YYYY" or US printer's "MON.D'YY" date and only where one month is that close
_FUZZY_MONTH_RES = (
    re.compile(r"(?<![A-Z\d])(?P<m>[A-Z]{3})\.?\s?(?P<a>\d{1,2})(?!\d)[\s,.]*(?P<y>(?:19|20)\d{2})(?![\dA-Z])"),
    re.compile(r"(?<![A-Z\d])(?P<m>[A-Z]{3})[.,]?\s?(?P<a>\d{1,2})\s?['\"]\s?(?P<y>\d{2})(?![\dA-Z])"),
    re.compile(r"(?<![A-Z\d])(?P<a>\d{1,2})[\s\-/.]*(?P<m>[A-Z]{3})\.?[\s\-/.,]*(?P<y>(?:19|20)\d{2})(?![\dA-Z])"),
)
# a US check's "MON DD YY" before its time of day, the month's letter misread or read twice ("FEBB 19 24 2:21PM"):
# a check date's slip, read only where no line reads a date without the slips (``dates_on_lines``)
_CHECK_MONTH_SLIP_RE = re.compile(r"(?<![A-Z\d])(?P<m>[A-Z]{3,4})\.?\s?(?P<a>\d{1,2})\s(?P<y>\d{2})"
                                  r"(?=\s{1,3}[0-2]?\d\s?[:;]\s?[0-5]\d(?!\d))")
_WEEKDAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN", "DIE", "MIT", "DON", "FRE", "SAM", "SON"}
# "03122024", "12032024", "11302025": a date whose separators were lost, in the receipt's order
_COMPACT_RE = re.compile(r"(?<!\d)(?P<a>[0-3]\d)(?P<b>[0-3]\d)(?P<y>20\d{2})(?!\d)")
_TIME_RE = re.compile(  # "02:.35 PM", "3.:11 PM": a speck after the colon or before it
    r"(?<![\d.:,])(?P<h>[0-2]?\d)(?:\s?(?:[.,](?=[:;]))?(?P<sep>[:;.])|(?P<comma>,)(?=[0-5]\d(?!\d)\s?[AP])"
    r"|(?P<dash>-)(?=[0-5]\d(?!\d)\s?[AP]\.?M\b))(?:(?<=[:;])[.,'])?"
    r"\s?(?P<m>[0-5]\d)(?:(?<!,\d\d)\s?[:;.]\s?(?P<s>[0-5]\d))?(?!\d)"
    r"(?:(?:\s?-(?=\s?[AP]M\b))?\s?(?P<ap>[AP])\.?\s?"
    r"(?:[MNHAF]\b|[K#](?=\s*$)|(?P<ri>R[IN]\b)|(?P<more>[MNH][A-Z](?=\s*$))"
    r"|(?P<four>4)(?![\d.,])|(?P<lone>(?=\s*$)))\.?)?"  # the M of AM/PM may
)  # come out N, H, A or F ("7:36ph", "1:29 PA", "9:21 PF"), a broken M as K or # ending the line ("4:18 PK",
# "05;42 P#"; not a pump's "P# 03"), as RI or RN ("02:48 Pri"), with a speck read as a letter after it ending the line
# ("7:03Phe", "05:27 PHi"; lower-case only), as a 4 ("07.56P4": only on a date's line, "5.49 A4" may be paper's
# price), each only on an hour of 1 to 12 (_guessed_m_refused), or be lost at the line's end ("10/19/25 07.35 p":
# only a time with its colon or beside a date, "12.50 P" is a price); a colon read as a comma only with two digits
# and AM or PM after it on a date's line ("8,50 PM"; "3,50" is money), and as a hyphen only so too ("07-15 AM";
# "10-15" with no AM or PM, or "7-10 PM", a later hour after it, is a range); the gap before AM or PM read as a hyphen
# ("03:41-PM")
_YEAR_FIX = str.maketrans({"O": "0", "C": "0", "I": "1", "L": "1", "T": "1"})
# a T for a 1 too ("Datum: T0.07.13"), as in years; a G for a 6 ("11/2G/2025")
_DIGIT_FIX = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "T": "1", "|": "1", "!": "1", "S": "5",
                            "B": "8", "Z": "2", "G": "6"})
# "18-06: 2018": OCR read the last separator as ":" / ";" / ","
_SLIPPED_SEPARATOR_RE = re.compile(r"(\d{1,2}\s?[/.\-]\s?[\dOQD]?\d)\s?[:;,]\s?((?:19|20)\d{2})(?!\d)")
# "03.12:24 14:22", "Datum: 30.10:26 Zeit: 11:58": the second dot of a two-digit-year date read as a colon, a time
# of day after it (its label between them too); the first read so is a clock's seconds as often ("14:05.12 14:32":
# ``dates_like_numbers``)
_CLOCK_AFTER_A_DATE = r"(?=\s{1,3}(?:(?:UHR)?ZEIT:?\s{0,3})?[0-2]?\d\s?[:;]\s?[0-5]\d(?![\d.,]))"
_SLIPPED_SHORT_YEAR_RE = re.compile(
    r"(?<![\d.,:])(?P<dm>(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])):(?P<y>\d{2})" + _CLOCK_AFTER_A_DATE)
# "1g.11.2026", "14.0g.2026": a lower-case g is a 9 (an upper-case G a 6)
_LOWER_G_RE = re.compile(r"(?<![\w.,])(?=[\d.\-/]*g)[\dg]{1,2}([./\-])[\dg]{1,2}\1[\dg]{2,4}(?![\w.,])")
_UNITS = frozenset(("LB", "OZ"))  # letters of a date's look-alike digits, a weight's unit after a number
_DATEISH_RE = re.compile(r"(?<![A-Z\d])[\dOQDILTSBZG|!]{1,4}(?:\s?[/\-.]\s?[\dOQDILTSBZG|!]{1,4}){2}(?![A-Z\d])")
# "17104/2018", "04/1212017", "01727/2025": OCR read one of two like separators as the digit 1 or
# 7 (a slash is a thin stroke); the other separator shows which. Only where the repaired date is valid.
_DATE_LABEL_RE = re.compile(r"\b(?:DATE|DATUM|DATED|FECHA|DATA)\b")
# "12I07I25 02:14 AM", "1ZL01L25 14:22", "12103124 7:41 PM": both slashes read as one thin mark (I, l, |,
# 1), maybe digits as letters too; only after a date label or right before a time of day
_SAME_MARKS_RE = re.compile(r"(?<![\dA-Z.,/\-])(?P<a>[\dOQDSBZG]{2})(?P<s>[IL|!1])(?P<b>[\dOQDSBZG]{2})(?P=s)"
                            r"(?P<y>(?:19|20)[\dOQDSBZG]{2}|[\dOQDSBZG]{2})(?![\dA-Z])")
_BOTH_SEPARATORS_AS_ONE_RE = re.compile(r"(?<![\d.,/\-])(?P<a>[0-3]\d)1(?P<b>[01]\d)1(?P<y>(?:19|20)\d{2})(?!\d)")
# "17/61.2018": no day or month is over 31; a 6, 8 or 9 leading one is a broken 0 (beside a full year)
_BROKEN_ZERO_RES = (
    re.compile(r"(?<![\d.,/\-])(?P<a>\d{1,2})(?P<s1>[/.\-])(?P<b>[689]\d)(?P<s2>[/.\-])(?P<y>(?:19|20)\d{2})(?!\d)"),
    re.compile(r"(?<![\d.,/\-])(?P<a>[689]\d)(?P<s1>[/.\-])(?P<b>\d{1,2})(?P<s2>[/.\-])(?P<y>(?:19|20)\d{2})(?!\d)"),
)
# "0312.2024 14:22", "03.122024", "12/032024 7:41 PM": one separator lost with nothing left of it; only
# beside a date label or a time of day, or under a header row
_SEPARATOR_LOST_RES = (
    re.compile(r"(?<![\d.,/\-])(?P<a>[0-3]\d)(?P<b>[0-3]\d)(?P<sep>[/.\-])(?P<y>(?:19|20)\d{2})(?![\d.,/\-])"),
    re.compile(r"(?<![\d.,/\-])(?P<a>[0-3]\d)(?P<sep>[/.\-])(?P<b>[0-3]\d)(?P<y>(?:19|20)\d{2})(?![\d.,/\-])"),
)
# ... with a two-digit year only under a header row: beside a clock "1012.25", "1203-24", "0112-01" are money, ids
_HEADED_SEPARATOR_LOST_RE = re.compile(
    r"(?<![\d.,/\-])(?P<a>[0-3]\d)(?P<b>[0-3]\d)(?P<sep>[/.\-])(?P<y>\d{2})(?![\d.,/\-])")
# "DATUM: 17 10 .24": OCR lost one separator; only beside a DATE label or a time of day
_FULL_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_CLOCK_RE = re.compile(r"(?<![\d.,])[0-2]?\d\s?:\s?[0-5]\d(?![\d.,])")
# a clock read with a point (or a comma) for its colon, AM or PM after it, right after a four-digit run: a
# separator lost before the year there ("01/042025 10.20 AM"; not a spaced one: "JUL 06 24 5.37PM" is no 24/5/37;
# not an order's "0312/2019 Pickup 10.20 AM")
_POINT_CLOCK_RE = re.compile(r"\d{4}\s{1,3}[0-2]?\d\s?[.,]\s?[0-5]\d\s?[AP]\.?M\b")
_SEPARATOR_AS_SPACE_RES = (
    re.compile(r"(?<![\d.,])(?P<a>[0-3]?\d) (?P<b>[01]?\d)\s?(?P<sep>[/.\-])\s?(?P<y>\d{4}|\d{2})(?![\d.,])"),
    re.compile(r"(?<![\d.,])(?P<a>[0-3]?\d)\s?(?P<sep>[/.\-])\s?(?P<b>[01]?\d) (?P<y>\d{4}|\d{2})(?![\d.,:])"),
)
# where a date's label is written: right before it, or on a header row above the row that starts with it
# ("Datum Filiale Kasse" / "13 05.17 0012 02"; zero-padded there: "2 10.24" is a count and a price)
_AFTER_LABEL = r"(?:(?<=\bDATUM)|(?<=\bDATE)|(?<=\bFECHA)|(?<=\bDATA))\W{0,3}"
_ROW_START = r"^\W{0,3}"
_HEADED_SEPARATOR_AS_SPACE_RES = (
    re.compile(_ROW_START + r"(?P<a>[0-3]\d) (?P<b>[01]\d)\s?(?P<sep>[/.\-])\s?(?P<y>\d{4}|\d{2})(?![\d.,])"),
    re.compile(_ROW_START + r"(?P<a>[0-3]\d)\s?(?P<sep>[/.\-])\s?(?P<b>[01]\d) (?P<y>\d{4}|\d{2})(?![\d.,:])"),
)
# "03 04 20 09:53": both dots of a two-digit-year date read as spaces, a time of day right after it
_SEPARATORS_AS_SPACES_RE = re.compile(
    r"(?<![\d.,])(?P<a>[0-3]\d) (?P<b>[01]\d) (?P<y>\d{2}|(?:19|20)\d{2})(?=\s{1,3}[0-2]?\d\s?[:;]\s?[0-5]\d(?![\d.,]))")
# "20 , 08 , 2025", "18 , 04.2025": a dot of a date read as a comma (a full year after them)
_COMMAS_RE = re.compile(
    r"(?<![\d.,])(?P<a>[0-3]?\d)\s?(?P<s1>[.,])\s?(?P<b>[01]?\d)\s?(?P<s2>[.,])\s?(?P<y>(?:19|20)\d{2})(?![\d.,])")
# "03.04,20 09,53": a dot of a two-digit-year date read as a comma, a time of day right after it (or glued
# on: "03,12.2418:07")
_COMMA_SHORT_YEAR_RE = re.compile(
    r"(?<![\d.,])(?P<a>[0-3]\d)\s?(?P<s1>[.,])\s?(?P<b>[01]\d)\s?(?P<s2>[.,])\s?(?P<y>\d{2})"
    r"(?=\s{1,3}(?:[01]\d|2[0-3])\s?[:,.;]\s?[0-5]\d(?![\d.,])|(?:[01]\d|2[0-3])[:;][0-5]\d(?![\d.,]))")
# "Datum: 02.03,15": the same slip after a date label, with nothing after it, or under a header row
_COMMA_SHORT_YEAR = r"(?P<a>[0-3]\d)\s?(?P<s1>[.,])\s?(?P<b>[01]\d)\s?(?P<s2>[.,])\s?(?P<y>\d{2})(?![\d.,])"
_LABELLED_COMMA_SHORT_YEAR_RE = re.compile(_AFTER_LABEL + _COMMA_SHORT_YEAR)
_HEADED_COMMA_SHORT_YEAR_RE = re.compile(_ROW_START + _COMMA_SHORT_YEAR)
# "Datum: 13 05 17": both dots read as spaces, after a date label or under a header row
_SPACES_SHORT_YEAR = r"(?P<a>[0-3]\d) (?P<b>[01]\d) (?P<y>\d{2})(?![\d.,])"
_LABELLED_SEPARATORS_AS_SPACES_RE = re.compile(_AFTER_LABEL + _SPACES_SHORT_YEAR)
_HEADED_SEPARATORS_AS_SPACES_RE = re.compile(_ROW_START + _SPACES_SHORT_YEAR)
# "05 12 2026 18 04 Bon-Nr.:6625": faded print lost every dot and colon; with its full year 20YY, where it
# opens the line, follows a date label or stands before a time of day (not a phone's "0711 12 34 56")
_SPACES_FULL_YEAR = r"(?P<a>[0-3]\d) (?P<b>[01]\d) (?P<y>20\d{2})(?![\d.,])"
_SPACED_CLOCK_AFTER = r"(?=\s{1,3}(?:[01]\d|2[0-3])\s?[\s:;]\s?[0-5]\d(?![\d.,]))"
_SEPARATORS_AS_SPACES_FULL_YEAR_RES = (re.compile(_ROW_START + _SPACES_FULL_YEAR),
                                       re.compile(_AFTER_LABEL + _SPACES_FULL_YEAR),
                                       re.compile(r"(?<![\d.,])" + _SPACES_FULL_YEAR + _SPACED_CLOCK_AFTER))
_SEPARATOR_AS_ONE_RES = (  # a blurred slash also comes out a 7 ("01727/2025")
    re.compile(r"(?<![\d.,/\-])(?P<a>[0-3]\d)[17](?P<b>[0-3]\d)(?P<sep>[/\-])(?P<y>(?:19|20)\d{2})(?!\d)"),
    re.compile(r"(?<![\d.,/\-])(?P<a>[0-3]\d)(?P<sep>[/\-])(?P<b>[0-3]\d)[17](?P<y>(?:19|20)\d{2})(?!\d)"),
)


@dataclass(frozen=True)
class RawDate:
    """A date as printed. ``kind`` is ``"numeric"`` (order unknown), ``"fixed"`` or ``"compact"``;
    ``year`` 0 where none was printed (``yearless_dates``)."""

    first: int  # day or month (numeric, compact), or the day (fixed)
    second: int
    year: int
    start: int
    end: int
    kind: str
    separator: str = ""  # of a numeric date: "/", "." or "-"
    short_year: bool = False  # the year printed with two digits

    @property
    def either_order(self) -> bool:
        """Printed with no month's name or year first (``03/12/2024``, ``03122024``): day first or month first."""
        return self.kind in ("numeric", "compact")

    @property
    def forces_day_first(self) -> bool:
        return self.kind == "numeric" and self.first > 12 >= self.second

    @property
    def forces_month_first(self) -> bool:
        return self.kind == "numeric" and self.second > 12 >= self.first


@dataclass(frozen=True)
class TimeMatch:
    value: dt.time
    start: int
    end: int
    weak: bool = False  # four digits after a date (``1737``): the time only where no line beside prints one


# "04 '18/2014": one separator read as an apostrophe, the other printed, a full year after them
_APOSTROPHE_SEPARATOR_RES = (
    re.compile(r"(?<![\d.,])(?P<a>\d{1,2})\s?'\s?(?P<b>\d{1,2})\s?(?P<sep>[/.\-])\s?(?P<y>(?:19|20)\d{2})(?!\d)"),
    re.compile(r"(?<![\d.,])(?P<a>\d{1,2})\s?(?P<sep>[/.\-])\s?(?P<b>\d{1,2})\s?'\s?(?P<y>(?:19|20)\d{2})(?!\d)"),
)
# "OCT.1C'15": the 0 of a day read as a letter, right before a two-digit year after an apostrophe
_DAY_ZERO_AS_LETTER_RE = re.compile(r"(?<![\dA-Z])(?P<d>[0-3])[OC](?=\s?'\s?\d{2}(?![\dA-Z]))")
# "O4SEPT.16", "1O DEC 2016": a 0 of the day read as the letter O, right before a month's name
_DAY_ZERO_AS_O_RE = re.compile(
    rf"(?<![\dA-Z])(?:O(?P<units>\d)|(?P<tens>[0-3])O)(?=[\s\-/.]*(?:{_MONTH_RE})\.?[\s\-/.,']*\d)")
# "DEC O4 2026", "DECO4'26", "Dec 1O, 2026": the same after the month's name
_MONTH_THEN_DAY_ZERO_AS_O_RE = re.compile(
    rf"(?<![A-Z])(?P<m>(?:{_MONTH_RE})\.?[\s\-/.]*)(?:O(?P<units>\d)|(?P<tens>[0-3])O)(?=[\s\-/.,']*\d)(?![\dA-Z])")
# a month's day and year with look-alike letters for some digits ("0CT O3 2O26", "N0V2l'26"), two digits read right
_DAY_LIKE, _YEAR_LIKE = r"[\dOQDILSBZG|]{1,2}", r"[\dOQDILSBZG|]{2}"
_MIN_MONTH_DIGITS = 2
# "N0V 30, 2025", "0EC03'24": a month's three letters with a 0 read for an O or a D, a day and a year after
_DAY_AND_YEAR_AFTER = rf"(?=(?P<rest>\.?\s?{_DAY_LIKE}[\s,'\"]{{0,3}}{_YEAR_LIKE}))"
_MONTH_WITH_ZERO_RE = re.compile(r"(?<![A-Z\d])(?=[A-Z]?0)(?P<t>[A-Z0]{3})" + _DAY_AND_YEAR_AFTER)
# "02-0EC-2026": Clover's day first, the same 0 in the month between the day and a four-digit year
_DAY_FIRST_MONTH_WITH_ZERO_RE = re.compile(r"(?<=\d[\s\-/.])(?=[A-Z]?0)(?P<t>[A-Z0]{3})(?=[\s\-/.]*[12]\d{3}(?!\d))")
# "5EP22'17", "FE809'19", "AU609'14": a letter of a month's three read as its look-alike digit, a day after it
_MONTH_WITH_DIGIT_RE = re.compile(r"(?<![A-Z\d])(?P<t>[A-Z0568]{3})" + _DAY_AND_YEAR_AFTER)
_MONTH_LETTER_FIX = str.maketrans({"0": "O", "5": "S", "6": "G", "8": "B"})
# "JUNI4'17", "MARZ7'19", "SEPOl'16": a Micros printer's day glued to the month, a digit read as a letter
# (before the German JUNI, JULI, MARZ read it as a month's name), an apostrophe and the year after it
_GLUED_DAY_SLIP_RE = re.compile(
    r"(?<![A-Z])(?P<m>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?P<d>[\dILZOSBG|]{2})(?=\s?'\s?\d{2}(?!\d))")
# "DEC03126 08:05PM": a Micros printer's apostrophe between the day and the year read as 1 or l, a clock after it
_APOSTROPHE_AS_ONE_RE = re.compile(
    r"^\W*(?P<m>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?P<d>0[1-9]|[12]\d|3[01])[1L](?P<y>\d{2})"
    r"(?=\s{1,3}[0-2]?\d\s?[:;]\s?[0-5]\d)")
# "DEC0S'24", "Oct 3l, 2025", "DEC03'Z4", "DecO5'Z6": a letter for a digit in the day or year after a month's name
_MONTH_DIGITS_SLIP_RE = re.compile(
    rf"(?<![A-Z])(?P<m>{_MONTH_RE})(?!(?!O\d)[A-Z])(?P<rest>\.?[\s\-/.]*(?P<d>[\dOQDILSBZG|]{{1,2}})[\s,;.'\"/\-]*"
    rf"(?P<y>[\dOQDILSBZG|]{{2,4}}))(?![\dA-Z])")
# "S. Dez. 2O2S, l4:22": a day before a month's name and a year after it, digits of both read as letters
_DAY_MONTH_LOOK_ALIKES_RE = re.compile(
    rf"(?<![A-Z\d])(?P<d>[\dOQDILSBZG|]{{1,2}})(?P<m>[.\-]?\s?(?:{_MONTH_RE})\.?[\s,\-]*)"
    rf"(?P<y>[2Z][\dOQDILSBZG|]{{3}})(?![A-Z\d])")  # "0l-Sep-2016" too
# "Sep l, 2016", "Aug ZO, 2012": a day of letters alone after a month's name, a comma and a four-digit year after it
_FULL_YEAR_AFTER_COMMA_RE = re.compile(r",\s?[12][\dOQDILSBZG|]{3}$")
# "DECERNBER": a month's m read as rn
_RN_MONTH_RE = re.compile(r"(?<![A-Z])[A-Z]*RN[A-Z]*(?![A-Z])")
# "JEUDI23JUIN2016": the weekday glued to the day
_GLUED_WEEKDAY_RE = re.compile(
    r"(?<![A-Z])(?P<w>(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY|MONTAG|DIENSTAG|MITTWOCH|DONNERSTAG|FREITAG"
    r"|SAMSTAG|SONNTAG|LUNDI|MARDI|MERCREDI|JEUDI|VENDREDI|SAMEDI|DIMANCHE|LUNES|MARTES|MIERCOLES|JUEVES"
    r"|VIERNES|SABADO|DOMINGO|LUNEDI|MARTEDI|MERCOLEDI|GIOVEDI|VENERDI|SABATO|DOMENICA"
    r"|(?:MAAN|DINS|WOENS|DONDER|VRIJ|ZATER|ZON)DAG|MON|TUE|WED|THU|FRI|SAT|SUN|JEU|VEN)"
    r"(?=\d|(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]{0,6}\.?\s?\d)")  # "TUEDEC 3, 2024" too
# "Do,01.09.2016", "THU,09/01/16": a weekday's comma with no space after it before a date
_COMMA_AFTER_WORD_RE = re.compile(r"(?<=[A-Z]),(?=[0-3]?\d\s?[/.\-]\s?[01]?\d\s?[/.\-])")
# "19. 09.?014", "19. 09,2u14": the first digit of a year after a day and a month read as a mark,
# its 0 as a U; "15/09/*2010": a mark before it
_YEAR_SLIP_RE = re.compile(
    r"(?<![\d.,])(?P<dm>\d{1,2}\s?[/.\-,]\s?\d{1,2}\s?[/.\-,]\s?)"
    r"(?:[?*](?P<lost>0\d{2})|2U(?P<u>\d{2})|[?*](?P<full>(?:19|20)\d{2}))(?!\d)")
# "09/01/201 6", "08/16/2 4 05,51 PM": a space read inside a year, before its last digit (a two-digit
# year's with a time after it: not "PVC 1/2/1 0 FT")
_YEAR_SPLIT_RE = re.compile(
    r"(?<![\d.,])(?P<head>\d{1,2}(?P<s>[/.\-])\d{1,2}(?P=s)"
    r"(?:(?:19|20)\d|\d(?=\s\d\s+[0-2]?\d\s?(?:[:;]\s?[0-5]\d|[.,*]\s?[0-5]\d\s?[AP]M))))"
    r" (?P<last>\d)(?![\d.,:])")
# "03.12.20 24 14:22", "12/03/20 24 7:41 PM": a letter-spaced year split after its century, a time of day after it
# (a year from 2021 to next year's: "05.12.20 15 08:14" is a 2020 date and a till's number)
_YEAR_SPLIT_AFTER_CENTURY_RE = re.compile(
    r"(?<![\d.,])(?P<head>[0-3]?\d(?P<s>[/.\-])[0-3]?\d(?P=s)20) (?P<last>\d{2})"
    r"(?=\s{1,3}[0-2]?\d\s?[:;.]\s?[0-5]\d(?!\d))")
# "12/01/2O2605:47 PM": a four-digit year with a look-alike letter, the time glued to it
_GLUED_YEAR_LOOK_ALIKE_RE = re.compile(
    r"(?<![\d.,])(?P<dm>\d{1,2}/\d{1,2}/)(?=[\dOCILT]*[OCILT])(?P<y>2[O0][\dOCILT]{2})(?=[0-2]\d[:;][0-5]\d)")
# "11,30/2026 02:14 PM": the first slash read as a comma, a full year after the second (a price has no slash after)
_FIRST_SLASH_AS_COMMA_RE = re.compile(
    r"(?<![\w.,])(?P<a>\d{1,2}),(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?=\s{1,3}[0-2]?\d\s?[:;]\s?[0-5]\d)")
# "06-09-2816": the 0 of a year read as 8, beside a day and month; "03/15/7025", "14.01.7023": its 2 read as 7 (a
# year's third 2 read so, "2074", makes a real year: ``year_two_as_seven`` reads it for the purchase; both 2s read
# so, "09/16/7074", the same)
_CENTURY_SLIP_RE = re.compile(
    r"(?<![\d.,])(?P<dm>\d{1,2}[/.\-]\d{1,2}[/.\-])(?:28|70)(?P<yy>[0-3]\d|(?<=70)7\d)(?!\d)")
# "05:12.2026 18:04", "Datum: 05;12.2026": a day-first date's first dot read as a colon, a full year after its
# second
_FIRST_DOT_AS_COLON_RE = re.compile(r"(?<![\d.,:])(?P<d>[0-3]?\d)[:;](?P<m>[01]?\d)\.(?P<y>20\d{2})(?![\d.,:])")
# "12l5l2026 6:40 PM", "11/8l2026 9:02 AM": Toast's unpadded month and day, a slash read as l, a full year and a
# time after it
_SLASH_AS_L_RE = re.compile(r"(?<![\w.,/])(?P<m>1[0-2]|0?[1-9])(?P<s1>[/LI|])(?P<d>[12]\d|3[01]|0?[1-9])(?P<s2>[/LI|])"
                            r"(?P<y>20\d{2})(?=\s{1,3}[0-2]?\d\s?[:;]\s?[0-5]\d)")
# "2624.05.07", "7023-11-05": one of a year-first date's "20" misread, its month and day after it
# with the same separator twice
_YEAR_FIRST_SLIP_RE = re.compile(
    r"(?<![\d.,/\-])(?:2[1-9]|[13-9]0)(?P<yy>[0-3]\d)"
    r"(?P<md>(?P<s>[/.\-])(?:0[1-9]|1[0-2])(?P=s)(?:0[1-9]|[12]\d|3[01]))(?![\d.,])")


# a day-first date whose separators OCR read as a comma or a space and some of whose digits as letters, on faded
# thermal print (``O9,ll.2O26``, ``29 11.2O2S 09:52``, ``1O 11.2O26``, ``01,12 2026``, ``O7.11.2O2516:48``)
_LOOK_ALIKE = r"[\dOQDILSBZG|]"
_LOOSE_DATE_RE = re.compile(
    rf"(?<![A-Z\d.,:/])(?P<d>{_LOOK_ALIKE}{{1,2}})(?P<s1>\s?[.,]\s?|\s)(?P<m>{_LOOK_ALIKE}{{1,2}})(?P<s2>\s?[.,]\s?|\s)"
    rf"(?P<y>[2Z]{_LOOK_ALIKE}{{3}}(?=\d{{2}}:\d{{2}})|[2Z]{_LOOK_ALIKE}{{3}}(?![A-Z\d])|{_LOOK_ALIKE}{{2}}(?![A-Z\d]))")
_LOOK_ALIKE_CLOCK_RE = re.compile(r"\s*(?:UHRZEIT:?\s*|ZEIT:?\s*)?[\dOQDILSBZG|]{1,2}[:.][\dOQDILSBZG|]{2}")
_MIN_REAL_DIGITS = 3


def _loose_date(match: re.Match[str], labelled: bool) -> str:
    """``_LOOSE_DATE_RE``'s date with its look-alikes read as digits and its separators as dots, where it is one: a
    day and a month, at least three digits read as digits, a separator or a glyph slipped, and a four-digit year
    of this century (up to next year) or two digits, beside a clock or a date's label where only digits were
    read; else the text as it was."""
    day, month, year = (match[part].translate(_DIGIT_FIX) for part in ("d", "m", "y"))
    printed = match["d"] + match["m"] + match["y"]
    slipped = not printed.isdigit() or match["s1"].strip() != "." or match["s2"].strip() != "."
    if not slipped or digits(printed) < _MIN_REAL_DIGITS or not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return match[0]
    if not digits(match["d"]) and not labelled:
        return match[0]  # a day of letters alone is a word ("THIS IS 12 2026": no 15.12.2026)
    if len(year) == 2 and not match["s1"].strip() and not match["s2"].strip():
        return match[0]  # "Tisch 5 2 12 20:15", "Bestellung 12 1 25 12:30": numbers apart, no date
    beside = labelled or bool(_LOOK_ALIKE_CLOCK_RE.match(match.string, match.end()))
    if len(year) == 4:  # digits alone with a comma or a space need a clock or a label (not "12,05 2025": a price)
        whole = 2000 <= int(year) <= 2000 + _THIS_CENTURY_UP_TO and (beside or not printed.isdigit())
    else:
        whole = beside
    return f"{day}.{month}.{year}" if whole else match[0]


_CURLY_QUOTES = str.maketrans("\u2018\u2019", "''")  # a typographic apostrophe before a short year: "OCT.08\u201915"


def prepare(text: str, under_label: bool = False, check_slips: bool = True) -> str:
    """Upper case, accents dropped, and OCR letter-for-digit slips fixed inside date-like tokens.
    ``under_label``: the line is the row of values under a header row that names the date;
    ``check_slips``: a check date's first field read 40 or more is mended too."""
    text = ascii_upper(_LOWER_G_RE.sub(lambda m: m[0].replace("g", "9"), text)).translate(_CURLY_QUOTES)
    labelled = bool(_DATE_LABEL_RE.search(text))
    text = _SAME_MARKS_RE.sub(lambda m: _same_marks(m, labelled), text)
    text = _MONTH_WITH_ZERO_RE.sub(_month_with_zero, text)
    text = _MONTH_WITH_DIGIT_RE.sub(_month_with_digit, text)
    text = _DAY_FIRST_MONTH_WITH_ZERO_RE.sub(_month_with_zero, text)
    text = _APOSTROPHE_AS_ONE_RE.sub(lambda m: f"{m['m']}{m['d']}'{m['y']}", text)
    text = _GLUED_DAY_SLIP_RE.sub(lambda m: m["m"] + m["d"].translate(_DIGIT_FIX), text)
    text = _DAY_MONTH_LOOK_ALIKES_RE.sub(_day_month_look_alikes, text)
    text = _RN_MONTH_RE.sub(lambda m: month if (month := m[0].replace("RN", "M")) in MONTHS else m[0], text)
    text = _MONTH_DIGITS_SLIP_RE.sub(
        lambda m: m["m"] + m["rest"].translate(_DIGIT_FIX) if (digits(m["d"]) or _year_says_a_day(m)) and digits(m["y"])
        else m[0], text)

    text = _SLASH_AS_L_RE.sub(lambda m: f"{m['m']}/{m['d']}/{m['y']}", text)

    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        per_weight = re.split(r"[/\-.]", token)[0].strip() in _UNITS \
            and re.search(r"\d\s?$", match.string[:match.start()])
        # "1 LB /1.24": a price per pound (not "12/OZ/2024", a date's 02 read as OZ)
        return token.translate(_DIGIT_FIX) if digits(token) >= 3 and not per_weight else token

    text = _DATEISH_RE.sub(fix, text)
    if check_slips:
        text = _FIRST_TENS_SLIP_RE.sub(_first_tens_slip, text)
    text = _LOOSE_DATE_RE.sub(lambda m: _loose_date(m, labelled), text)
    text = _SLIPPED_SEPARATOR_RE.sub(lambda m: f"{m[1].translate(_DIGIT_FIX).replace(' ', '')}-{m[2]}", text)
    text = _SLIPPED_SHORT_YEAR_RE.sub(lambda m: f"{m['dm']}.{m['y']}", text)
    for regex in _SEPARATOR_AS_ONE_RES + _APOSTROPHE_SEPARATOR_RES:
        text = regex.sub(_separator_as_one, text)
    text = _YEAR_SPLIT_RE.sub(lambda m: f"{m['head']}{m['last']}", text)
    text = _YEAR_SPLIT_AFTER_CENTURY_RE.sub(
        lambda m: f"{m['head']}{m['last']}" if 21 <= int(m["last"]) <= _THIS_CENTURY_UP_TO else m.group(0), text)
    text = _GLUED_YEAR_LOOK_ALIKE_RE.sub(lambda m: m["dm"] + m["y"].translate(_YEAR_FIX), text)
    text = _FIRST_SLASH_AS_COMMA_RE.sub(lambda m: _separator_as_one(m, "/"), text)
    text = _CENTURY_SLIP_RE.sub(lambda m: f"{m['dm']}20{m['yy']}", text)
    text = _YEAR_FIRST_SLIP_RE.sub(lambda m: f"20{m['yy']}{m['md']}", text)
    text = _FIRST_DOT_AS_COLON_RE.sub(  # beside a date's label or before a time ("18:04.2026 05.12.2026": none)
        lambda m: f"{m['d']}.{m['m']}.{m['y']}" if labelled or _CLOCK_AFTER_RE.match(m.string, m.end()) else m[0], text)
    text = _YEAR_SLIP_RE.sub(_year_slip, text)
    text = _DAY_ZERO_AS_LETTER_RE.sub(lambda m: f"{m['d']}0", text)
    text = _DAY_ZERO_AS_O_RE.sub(lambda m: f"0{m['units']}" if m["units"] else f"{m['tens']}0", text)
    text = _MONTH_THEN_DAY_ZERO_AS_O_RE.sub(
        lambda m: m["m"] + (f"0{m['units']}" if m["units"] else f"{m['tens']}0"), text)
    text = _GLUED_WEEKDAY_RE.sub(lambda m: f"{m['w']} ", text)
    text = _COMMA_AFTER_WORD_RE.sub(", ", text)
    headed = (_HEADED_COMMA_SHORT_YEAR_RE,) if under_label else ()
    for regex in (_COMMAS_RE, _COMMA_SHORT_YEAR_RE, _LABELLED_COMMA_SHORT_YEAR_RE, *headed):
        text = regex.sub(lambda m: _separator_as_one(m, ".") if "," in m["s1"] + m["s2"] else m.group(0), text)
    for regex in _BROKEN_ZERO_RES:
        text = regex.sub(_broken_zero, text)
    if labelled:  # "DATE: 1710412018": both separators read as 1, only beside a label
        text = _BOTH_SEPARATORS_AS_ONE_RE.sub(_both_separators_as_one, text)
    if not _NUMERIC_RE.search(text) and not _MIXED_RE.search(text):  # no date read whole ("02.05-2024")
        # "12 06 . 24 08:28": beside a label or a time of day; "01 11.2025": a full year says it
        beside = labelled or bool(_CLOCK_RE.search(text))
        for regex in _SEPARATOR_AS_SPACE_RES:
            text = regex.sub(lambda m: _separator_as_one(m) if beside or _FULL_YEAR_RE.fullmatch(m["y"])
                             else m.group(0), text)
        for regex in _HEADED_SEPARATOR_AS_SPACE_RES if under_label else ():
            text = regex.sub(_separator_as_one, text)
        for regex in _SEPARATOR_LOST_RES if beside or under_label or _POINT_CLOCK_RE.search(text) else ():
            text = regex.sub(_separator_as_one, text)
        if under_label:
            text = _HEADED_SEPARATOR_LOST_RE.sub(_separator_as_one, text)
        headed = (_HEADED_SEPARATORS_AS_SPACES_RE,) if under_label else ()
        for regex in (_SEPARATORS_AS_SPACES_RE, _LABELLED_SEPARATORS_AS_SPACES_RE, *headed,
                      *_SEPARATORS_AS_SPACES_FULL_YEAR_RES):
            text = regex.sub(lambda m: _separator_as_one(m, "."), text)
        text = _SLASH_AS_DIGIT_RE.sub(lambda m: _slash_as_digit(m) if labelled or _clock_beside(m) else m[0], text)
    return text


# "86/17/24 2:16", "40/01/24 1,0}": a slashed date's first field read 40 or more, its tens digit a look-alike of a
# 0 or a 1, before its time of day (a line of garbage may print three numbers between slashes)
_FIRST_TENS_SLIP_RE = re.compile(
    r"(?<![\d.,/\-])(?P<t>[4-9])(?P<rest>\d/[0-3]\d/(?:\d{2}|(?:19|20)\d{2}))(?![\d.,/\-])"
    r"(?=\s{1,3}[0-2]?\d\s?[:;,.]\s?[0-5}{])")


def _first_tens_slip(m: re.Match[str]) -> str:
    """The date whose first field's tens digit is the one look-alike of the digit read that makes it a calendar date
    (``86/17/24``: 06/17/24; ``40/01/24``: 10/01/24), else the text as read."""
    readings = [f"{printed}{m['rest']}" for printed in "0123" if m["t"] in _LOOKALIKE_DIGITS[printed]]
    dates = [date for date in readings if int(date[:2]) and _valid_either_way(date)]
    return dates[0] if len(dates) == 1 else m[0]


def _year_says_a_day(m: re.Match[str]) -> bool:
    """A day of letters alone after a month's name is one where a full year follows it, after a comma (``Sep l,
    2016``) or with a time of day after it (Square's ``Dec S 2026 1:42 pm``)."""
    return bool(_FULL_YEAR_AFTER_COMMA_RE.search(m["rest"]) or _FULL_YEAR_RE.fullmatch(m["y"])
                and _CLOCK_AFTER_RE.match(m.string, m.end()))


def _today() -> dt.date:
    """Today, for the rules that read a date by how near now it is (a test freezes it)."""
    return dt.date.today()


def _day_month_look_alikes(m: re.Match[str]) -> str:
    """``_DAY_MONTH_LOOK_ALIKES_RE``'s date with digits for its letters, where its year has two digits or more read as
    digits and is of this century (up to next year) and its day is one (a digit in it, or its dot); else the text
    as it was."""
    day, year = m["d"].translate(_DIGIT_FIX), m["y"].translate(_DIGIT_FIX)
    if digits(m["y"]) < 2 or not 1 <= int(day) <= 31 or not 2000 <= int(year) <= 2000 + _THIS_CENTURY_UP_TO:
        return m[0]
    if not digits(m["d"]) and not m["m"].startswith((".", "-")):
        return m[0]  # a day of letters alone is a word ("IS DEC 2024"), unless a German day's dot follows it
    return f"{day}{m['m']}{year}"


def _same_marks(m: re.Match[str], labelled: bool) -> str:
    """The date with slashes for its two like marks, where it is one and stands where dates do."""
    a, b, year = (m[part].translate(_DIGIT_FIX) for part in "aby")
    clock = _CLOCK_AFTER_RE.match(m.string[m.end():m.end() + 12].translate(_DIGIT_FIX))
    if digits(m[0]) < 4 or not (labelled or clock) or not _valid_either_way(f"{a}/{b}/{year}"):
        return m.group(0)
    if m["s"] == "1" and not labelled and m.string[:m.start()].strip():
        return m.group(0)  # "CHECK 21101124 7:41 PM": an 8-digit number after a word is an id
    return f"{a}/{b}/{year}"


def _month_with_zero(m: re.Match[str]) -> str:
    """The month's name a 0 in it stands for (``N0V``: NOV; ``0EC``: DEC, its one other letter read
    right), else the token as read."""
    token = m["t"].replace("0", "O")
    if "rest" in m.groupdict() and digits(m["rest"]) < _MIN_MONTH_DIGITS:
        return m[0]
    if token in MONTHS:
        return token
    near = {name for name in MONTHS if len(name) == 3 and one_letter_off(name, token)}
    return near.pop() if len(near) == 1 else m[0]


def _month_with_digit(m: re.Match[str]) -> str:
    """The month's name one look-alike digit in it stands for (``5EP``: SEP), else the token as read."""
    token = m["t"].translate(_MONTH_LETTER_FIX)
    return token if digits(m["t"]) == 1 and token in MONTHS and digits(m["rest"]) >= _MIN_MONTH_DIGITS else m[0]


def _year_slip(m: re.Match[str]) -> str:
    year = m["full"] or ("2" + m["lost"] if m["lost"] else "20" + m["u"])
    return m["dm"] + year


# "08702/10 17;43", "2:38pm 7716/12", "08/02710": one slash of a date read as a 7 or a 1 (a slash
# is a thin stroke), the other printed; only beside a date label or right beside a time of day
# ("Fra 3715/2016" is an invoice number)
_SLASH_AS_DIGIT_RE = re.compile(r"(?<![\d.,/\-])(?:(?P<run>\d{3,5})/(?P<y>\d{2}|(?:19|20)\d{2})"
                                r"|(?P<a>\d{1,2})/(?P<tail>\d{4,7}))(?![\d.,/])")


_CLOCK_BEFORE_RE = re.compile(r"(?<![\d.,])[0-2]?\d\s?[:;]\s?[0-5]\d(?:\s?[AP][A-Z]{0,2})?\s{1,3}$")
# its colon maybe read as a point or a comma where AM or PM follows ("06/17124 2.16 Pm"; a bare "2.16" is a price; its
# M maybe lost at the line's end: "10/19725 07.35 p")
_CLOCK_AFTER_RE = re.compile(r"\s{1,3}[0-2]?\d\s?(?:[:;]\s?[0-5]\d(?![\d.,])|[.,][0-5]\d\s?[AP](?:M(?![A-Z])|\s*$))",
                             re.IGNORECASE)


def _clock_beside(m: re.Match[str]) -> bool:
    """A time of day right before or right after the match (``2:38PM 7716/12``, ``08702/10 17;43``,
    ``06/17124 2.16 Pm``)."""
    return bool(_CLOCK_BEFORE_RE.search(m.string, 0, m.start()) or _CLOCK_AFTER_RE.match(m.string, m.end()))


# a thin or blurred slash read as a digit: a 1 or 7 first, an 8 only where neither makes a date (``1811/25`` is
# 18/1/25, not 1/1/25; ``11/1682025``: 11/16/2025)
_SLASH_DIGITS = ("17", "8")


def _slash_as_digit(m: re.Match[str]) -> str:
    readings = (_slash_put_back(m, digits) for digits in _SLASH_DIGITS)
    return next((reading for reading in readings if reading is not None), m.group(0))


def _slash_put_back(m: re.Match[str], slash_digits: str) -> str | None:
    """The date with the one of ``slash_digits`` that stands for its slash put back, where exactly one of them
    makes a valid date (``1716/12`` reads 1/16/12 or 17/6/12: left alone); None where none does."""
    if m["run"]:
        run = m["run"]
        readings = {f"{run[:i]}/{run[i + 1:]}/{m['y']}" for i in range(1, len(run) - 1) if run[i] in slash_digits}
    else:
        tail = m["tail"]
        readings = {f"{m['a']}/{tail[:i]}/{tail[i + 1:]}" for i in (1, 2) if tail[i] in slash_digits}
    valid = [reading for reading in readings if _NUMERIC_RE.fullmatch(reading) and _valid_either_way(reading)]
    return valid[0] if len(valid) == 1 else (m.group(0) if valid else None)


def _valid_either_way(date: str) -> bool:
    """``"7/16/12"`` is a calendar date read month first or day first."""
    a, b, year = date.split("/")
    return _make(_year(year), int(b), int(a)) is not None or _make(_year(year), int(a), int(b)) is not None


def _both_separators_as_one(m: re.Match[str]) -> str:
    if _make(int(m["y"]), int(m["b"]), int(m["a"])) is None and _make(int(m["y"]), int(m["a"]), int(m["b"])) is None:
        return m.group(0)
    return f"{m['a']}/{m['b']}/{m['y']}"


def _broken_zero(m: re.Match[str]) -> str:
    """One part repaired, and only where that makes a valid date."""
    if int(m["a"]) > 31 and int(m["b"]) > 31:
        return m.group(0)
    a, b = ("0" + part[1] if int(part) > 31 and part[0] in "689" else part for part in (m["a"], m["b"]))
    year = int(m["y"])
    if _make(year, int(b), int(a)) is None and _make(year, int(a), int(b)) is None:
        return m.group(0)
    return f"{a}{m['s1']}{b}{m['s2']}{m['y']}"


def _separator_as_one(m: re.Match[str], sep: str | None = None) -> str:
    """The date with both separators the same (``sep``, else the one printed), where it is valid."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if _make(year, b, a) is None and _make(year, a, b) is None:
        return m.group(0)
    sep = sep or m["sep"]
    return f"{m['a']}{sep}{m['b']}{sep}{m['y']}"


_THIS_CENTURY_UP_TO = dt.date.today().year % 100 + 1  # "23-10-92" is 1992, "03.04.20" 2020


def _year(raw: str) -> int:
    year = int(raw.translate(_YEAR_FIX))
    if year >= 100:
        return year
    return 2000 + year if year <= _THIS_CENTURY_UP_TO else 1900 + year


def find_dates(text: str, under_label: bool = False, check_slips: bool = True) -> list[RawDate]:
    """Date-looking spans on one line, left to right, overlapping candidates dropped; ``check_slips``: with
    the slips of a check's date that a check number or a size may look like too (``_CHECK_MONTH_SLIP_RE``,
    ``_FIRST_TENS_SLIP_RE``)."""
    return _dates_in(prepare(text, under_label, check_slips), check_slips)


# a two-digit-year date before a time of day with one dot lost ("4418 220871/11 2811.25 16:02") or its first dot read
# as a colon ("02:12.26 18:30"): they could be money ("1012.25") or a clock's seconds ("BEST LAP 01:01.12 7:58"), so
# they are read only where a receipt prints no other date, and never on a line of an amount's label
_MONEY_WORD_RE = re.compile(r"\b(?:SUMME|TOTAL|GESAMT|BAR|EUR|EC|KARTE|BETRAG|ZU ZAHLEN|MWST|NETTO|BRUTTO)\b|[$\u20ac]")
_DAY, _MONTH = r"(?P<a>0[1-9]|[12]\d|3[01])", r"(?P<b>0[1-9]|1[0-2])"
_LIKE_NUMBERS_RES = tuple(re.compile(r"(?<![\d.,/\-:])" + shape + r"(?P<y>\d{2})" + _CLOCK_AFTER_A_DATE)
                          for shape in (_DAY + _MONTH + r"\.", _DAY + r"\." + _MONTH, _DAY + ":" + _MONTH + r"\."))


_HEADER_WORDS = frozenset(("ZEIT", "UHRZEIT", "FILIALE", "KASSE", "BON", "BELEG", "TIME"))
# "Datum: 051226 Uhrzeit: 18:04:33", "051226 18:04:33", "120526 07:14": a two-digit-year date with both its dots or
# slashes lost, right after a date's label or opening its line before a time of day (six digits after another word
# are a trace, TA or auth number: "TA-Nr. 011225 18:04", "AUTH 120526 07:14")
_SIX_DIGITS = r"(?P<a>\d{2})(?P<b>\d{2})(?P<y>\d{2})(?![\d.,/\-:])"
_SIX_DIGIT_RES = (re.compile(_AFTER_LABEL + _SIX_DIGITS), re.compile(_ROW_START + _SIX_DIGITS + _CLOCK_AFTER_A_DATE))
_SIX_DIGITS_SPAN = dt.timedelta(days=2 * 366)  # a receipt is read within about two years of the purchase


def _names_the_date(text: str) -> bool:
    """The line names the date: its label, or a header row's ``DATUM`` misread by a letter beside another
    column's name (``Dalum Uhrzeit Filiale Kasse Bon``)."""
    if _DATE_LABEL_RE.search(text):
        return True
    words = re.findall(r"[A-Z]+", text)
    return any(one_letter_off(word, "DATUM") for word in words) and any(word in _HEADER_WORDS for word in words)


def dates_like_numbers(texts: Sequence[str]) -> list[tuple[int, RawDate]]:
    """The day-first two-digit-year dates of ``_LIKE_NUMBERS_RES`` on lines of no amount's label, each with its
    line's index: for a receipt on which ``dates_on_lines`` finds none."""
    found = []
    for index, text in enumerate(texts):
        upper = ascii_upper(text)
        if _MONEY_WORD_RE.search(upper):
            continue
        for regex in _LIKE_NUMBERS_RES:
            for m in regex.finditer(upper):
                year = _year(m["y"])
                if _make(year, int(m["b"]), int(m["a"])) and year >= 2000:
                    found.append((index, RawDate(int(m["a"]), int(m["b"]), year, m.start(), m.end(), "fixed", ".",
                                                 True)))
    return found


def six_digit_dates(texts: Sequence[str], day_first: bool | None) -> list[tuple[int, dt.date]]:
    """The dates of ``_SIX_DIGIT_RES`` (``DDMMYY``, ``MMDDYY`` where ``day_first`` is False), each with its line's
    index, none in the future or more than about two years back, none opening a header row's values whose first
    column is not the date (``Bon Uhrzeit`` over ``011225 18:04``): for a receipt on which ``dates_on_lines``
    finds none."""
    today = _today()
    found = []
    for index, text in enumerate(texts):
        upper = ascii_upper(text)
        regexes = _SIX_DIGIT_RES[:1] if index and _heads_another_column(ascii_upper(texts[index - 1])) \
            else _SIX_DIGIT_RES
        for m in (m for regex in regexes for m in regex.finditer(upper)):
            raw = RawDate(int(m["a"]), int(m["b"]), _year(m["y"]), m.start(), m.end(), "compact", short_year=True)
            value = resolve(raw, usual_order(raw) if day_first is None else day_first)
            if value is not None and today - _SIX_DIGITS_SPAN <= value <= today + dt.timedelta(days=1):
                found.append((index, value))
    return found


def _heads_another_column(text: str) -> bool:
    """A header row (column names, no digits) whose first column is not the date."""
    words = re.findall(r"[A-Z]+", text)
    return not any(c.isdigit() for c in text) and any(word in _HEADER_WORDS for word in words) \
        and not _DATE_LABEL_RE.fullmatch(words[0])


def dates_on_lines(texts: Sequence[str]) -> list[tuple[int, RawDate]]:
    """The dates of a whole receipt, each with its line's index. A line that names the date and
    holds none is a header row (``Datum Uhrzeit Filiale``): it labels the row of values under it.
    A two-digit-year date agrees with a year printed elsewhere (``year_first_where_printed``). A
    check date's slips are read only where no line reads a date without them: a check number
    (``Chk 61/11/24``) or a word (``Dan 12 24 7:42 PM``) looks like one beside the date printed."""
    return _dates_on_lines(texts, check_slips=False) or _dates_on_lines(texts, check_slips=True)


def _dates_on_lines(texts: Sequence[str], check_slips: bool) -> list[tuple[int, RawDate]]:
    printed = _years_in_dates(texts)
    years = frozenset(_year_of(m) for m in printed)
    # a four-digit-year date printed year first ("2024-10-23", "2025.11.09"): a dotted short one is too
    year_first = any(m["y3"] for m in printed)
    found: list[tuple[int, RawDate]] = []
    stamped: set[int] = set()  # lines whose machine stamp prints the shop's day, whether it is UTC or local
    header = False
    for index, text in enumerate(texts):
        raws = find_dates(text, under_label=header, check_slips=check_slips)
        weekday, misread_as = _weekday_printed(text) if raws else (None, None)
        if misread_as is not None:  # a German weekday's two letters: its dotted date is day first
            raws = [_day_first(raw) for raw in raws]
        stamp = _stamp_days(text) if raws else None
        if stamp is not None:
            raws = [_at_shop(raw, stamp) for raw in raws]
            if stamp.printed == stamp.at_shop:  # not near midnight: "T23:41" is the next day if UTC
                stamped.add(index)
        found.extend((index, on_weekday(year_first_where_printed(raw, years, year_first), weekday,
                                        misread_as or frozenset())) for raw in raws)
        header = not raws and _names_the_date(ascii_upper(text))
    return printed_twice_wins(year_first_near_another(found, texts), frozenset(stamped))


# weekday names and their three-letter abbreviations ("dim. 04sept.16"), 0 = Monday, in the panel's
# languages (Catalan and Portuguese too); no two-letter ones ("MO", "SO", "DO" are words) and none that
# is also a month's ("MAR")
_WEEKDAY_NAMES: dict[str, int] = {name: number for number, names in enumerate([
    ("MON", "MONDAY", "MONTAG", "LUN", "LUNDI", "LUNES", "LUNEDI", "MAANDAG", "DILLUNS", "SEGUNDA"),
    ("TUE", "TUES", "TUESDAY", "DIENSTAG", "MARDI", "MARTES", "MARTEDI", "DINSDAG", "DIMARTS", "TERCA"),
    ("WED", "WEDNESDAY", "MITTWOCH", "MER", "MERCREDI", "MIE", "MIERCOLES", "MERCOLEDI", "WOENSDAG", "DIMECRES",
     "QUARTA"),
    ("THU", "THUR", "THURS", "THURSDAY", "DONNERSTAG", "JEU", "JEUDI", "JUE", "JUEVES", "GIO", "GIOVEDI",
     "DONDERDAG", "DIJOUS", "QUINTA"),
    ("FRI", "FRIDAY", "FREITAG", "VEN", "VENDREDI", "VIE", "VIERNES", "VENERDI", "VRIJDAG", "DIVENDRES", "SEXTA"),
    ("SAT", "SATURDAY", "SAMSTAG", "SAM", "SAMEDI", "SAB", "SABADO", "SABATO", "ZATERDAG", "DISSABTE"),
    ("SUN", "SUNDAY", "SONNTAG", "DIM", "DIMANCHE", "DOM", "DOMINGO", "DOMENICA", "ZONDAG", "DIUMENGE"),
]) for name in names}
_WEEKDAY_RE = re.compile(r"(?<![A-Z])(" + "|".join(sorted(_WEEKDAY_NAMES, key=len, reverse=True)) + r")(?![A-Z])")
# digits OCR takes for one another (each pair both ways)
_LOOKALIKE_DIGITS = {"0": "689", "1": "47", "2": "37", "3": "258", "4": "1", "5": "36", "6": "058", "7": "12",
                     "8": "0369", "9": "08"}


# German weekdays' two letters, only right before a date ("Sa 08.11.2025", "Fr, 06.11.26"): elsewhere they are words
_SHORT_WEEKDAYS = ("MO", "DI", "MI", "DO", "FR", "SA", "SO")
_SHORT_WEEKDAY_RE = re.compile(r"(?<![A-Z\d])(MO|DI|MI|DO|FR|SA|SO)\.?,?\s{1,2}(?=[0-3]?\d\s?\.\s?[01]?\d\s?\.)")


def _weekday_printed(text: str) -> tuple[int | None, frozenset[int] | None]:
    """``printed_weekday``, else a German weekday's two letters before the date, with the weekdays whose two
    letters are one letter off them (``SA``/``SO``, ``DI``/``DO``): a date falling on one of those is kept.
    None for those where no two letters were read."""
    prepared = prepare(text)
    weekday = _weekday_in(prepared)
    if weekday is not None:
        return weekday, None
    short = {m[1] for m in _SHORT_WEEKDAY_RE.finditer(prepared)}
    if len(short) != 1:
        return None, None
    name = short.pop()
    return _SHORT_WEEKDAYS.index(name), frozenset(
        number for number, other in enumerate(_SHORT_WEEKDAYS) if sum(a != b for a, b in zip(name, other)) == 1)


def _at_shop(raw: RawDate, stamp: _StampDays) -> RawDate:
    """The date of the line's machine stamp, marked UTC (``2026-12-05T23:41:10Z``), as the shop's clock read it
    (the 6th, past midnight), so that it counts for the date the till printed (``printed_twice_wins``)."""
    if raw.kind != "fixed" or raw.separator or not stamp.utc or _make(raw.year, raw.second, raw.first) != stamp.printed:
        return raw
    day = stamp.at_shop
    return RawDate(day.day, day.month, day.year, raw.start, raw.end, raw.kind, raw.separator, raw.short_year)


def _day_first(raw: RawDate) -> RawDate:
    """A dotted numeric date read day first (``fixed``), where it is valid so."""
    if raw.kind != "numeric" or raw.separator != "." or _make(raw.year, raw.second, raw.first) is None:
        return raw
    return RawDate(raw.first, raw.second, raw.year, raw.start, raw.end, "fixed", raw.separator, raw.short_year)


def year_two_as_seven(raw: RawDate) -> RawDate:
    """A purchase date's four-digit year of the 2070s read as that of the 2020s: EasyOCR reads a photographed 2 as 7
    (``11/11/2074``), and no purchase is dated 45 years on; not where the separators were lost (``07032074``: a
    digit may be lost with them)."""
    if raw.short_year or raw.kind == "compact" or not 2070 <= raw.year <= 2079:
        return raw
    return dataclasses.replace(raw, year=raw.year - 50)


def printed_weekday(text: str) -> int | None:
    """The weekday named on a line (``DATE 06/29/2014 SUN``, ``JEUDI23JUIN2016``), 0 = Monday; None
    where none or two are."""
    return _weekday_in(prepare(text))


def _weekday_in(prepared: str) -> int | None:
    named = {_WEEKDAY_NAMES[m[1]] for m in _WEEKDAY_RE.finditer(prepared)}
    return named.pop() if len(named) == 1 else None


def on_weekday(raw: RawDate, weekday: int | None, misread_as: frozenset[int] = frozenset()) -> RawDate:
    """``raw`` as the weekday printed beside it reads it: of its two orders the one that falls on
    that weekday (``SUN 06/07/2014`` is 6 July); where neither does, the one date one misread digit
    away that does, if only one (``SUN 06/29/2015``: the 28th, a 8 read as 9). Else ``raw``, and where
    it falls on a weekday of ``misread_as`` (the weekday's name misread, not the date)."""
    reads = _reads(raw)
    if weekday is None or any(read.weekday() in misread_as for read in reads):
        return raw
    if any(read.weekday() == weekday for read in reads):
        matching = {read for read in reads if read.weekday() == weekday}
    else:
        matching = {near for read in reads for near in _one_digit_off(read) if near.weekday() == weekday}
    if len(matching) != 1 or matching == set(reads):
        return raw
    date = matching.pop()
    kind = "fixed" if raw.either_order else raw.kind
    return RawDate(date.day, date.month, date.year, raw.start, raw.end, kind, raw.separator, raw.short_year)


def _reads(raw: RawDate) -> set[dt.date]:
    """The calendar dates ``raw`` can be: both orders of a numeric or compact date where both are valid."""
    if not raw.either_order:
        return {date for date in (resolve(raw, True),) if date}
    return {date for date in (_make(raw.year, raw.second, raw.first), _make(raw.year, raw.first, raw.second)) if date}


def _lookalike_off(printed: str, other: str) -> bool:
    """The two differ in exactly one character, a digit and its lookalike (``3``/``8``, ``1``/``7``)."""
    differ = [(a, b) for a, b in zip(printed, other) if a != b]
    return len(printed) == len(other) and len(differ) == 1 and differ[0][1] in _LOOKALIKE_DIGITS.get(differ[0][0], "")


def _one_digit_off(date: dt.date) -> list[dt.date]:
    """Valid dates one lookalike digit away in the day, the month or the year's last digit, none after tomorrow."""
    printed = f"{date.day:02d}{date.month:02d}{date.year:04d}"
    latest = _today() + dt.timedelta(days=1)
    nears = []
    for position in (0, 1, 2, 3, 7):
        for digit in _LOOKALIKE_DIGITS[printed[position]]:
            other = printed[:position] + digit + printed[position + 1:]
            near = _make(int(other[4:]), int(other[2:4]), int(other[:2]))
            if near is not None and near <= latest:
                nears.append(near)
    return nears


def printed_twice_wins(found: list[tuple[int, RawDate]], stamped: frozenset[int] = frozenset()) \
        -> list[tuple[int, RawDate]]:
    """A date printed once that is one lookalike digit off a date printed more often on the receipt
    (a card slip's copy, a footer's) is that date misread: ``27/06/16`` beside two ``27/06/18``.
    (A deadline a month on, ``27/07/18``, is no lookalike of ``27/06/18``.) A dotted date is read day first as a
    date with a month's name or a year first is, and counts against another kind only where that one is the
    security module's stamps of a day not in doubt (on the lines ``stamped``: ``05.01.24`` beside two
    ``2024-01-03T10:26``) or the year was torn (``12.11.20`` beside two ``2026-11-12``), and counts as printed
    again in one of its own kind where the stamps print it too (a card slip's ``03.12.26`` beside the till's
    ``05.12.2026`` and its stamp's ``2026-12-05``; not a pickup's ``Abholung: 05.12.2026`` and ``2026-12-05``);
    a pickup's date printed twice a few days on is no stamp."""
    def printed(raw: RawDate) -> str:
        kind = "fixed" if raw.kind == "numeric" and raw.separator == "." else raw.kind
        return f"{raw.first:02d}{raw.second:02d}{raw.year:04d}{kind}"

    counts = Counter(printed(raw) for _, raw in found)
    by_print = {printed(raw): raw for _, raw in found}
    kinds_printed: dict[str, set[str]] = {}  # a till's dotted date and the stamps' ISO one count for the same date
    for _, raw in found:
        kinds_printed.setdefault(printed(raw), set()).add(raw.kind)
    only_stamps = {key for key in counts if all(index in stamped for index, raw in found if printed(raw) == key)}
    stamped_too = {printed(raw) for index, raw in found if index in stamped}
    settled = []
    for index, raw in found:
        own = printed(raw)
        better = [other for other, count in counts.items() if count > counts[own] and _lookalike_off(own, other)
                  and (by_print[other].kind == raw.kind or raw.kind in kinds_printed[other] and other in stamped_too
                       or own[:4] == other[:4] or other in only_stamps)]
        if len(better) == 1:
            winner = by_print[better[0]]
            raw = RawDate(winner.first, winner.second, winner.year, raw.start, raw.end, winner.kind,
                          winner.separator, winner.short_year)
        settled.append((index, raw))
    return settled


def _dates_in(text: str, check_slips: bool = True) -> list[RawDate]:
    """``find_dates`` on text already ``prepare``d; spans are in that text."""
    found: list[RawDate] = []

    def add(candidate: RawDate) -> None:
        if not 1990 <= candidate.year <= 2099:
            return
        if any(candidate.start < other.end and other.start < candidate.end for other in found):
            return
        found.append(candidate)

    for m in (m for regex in (_ISO_RE, *_ISO_SPACED_RES) for m in regex.finditer(text)):
        add(RawDate(int(m["b"]), int(m["a"]), int(m["y"]), m.start(), m.end(), "fixed"))
    for regex in (_DAY_MONTH_RE, _MONTH_DAY_RE):
        for m in regex.finditer(text):
            add(RawDate(int(m["a"]), MONTHS[m["m"]], _year(m["y"]), m.start(), m.end(), "fixed"))
    for regex in (_NUMERIC_RE, _MIXED_RE):  # same separators first: "#19- 18/01/2018"
        for m in regex.finditer(text):
            if not _time_like(m) and not _multi_buy_price(m):
                add(RawDate(int(m["a"]), int(m["b"]), _year(m["y"]), m.start(), m.end(), "numeric", m["sep"],
                            short_year=len(m["y"]) == 2))
    for regex in (*_FUZZY_MONTH_RES, _CHECK_MONTH_SLIP_RE) if check_slips else _FUZZY_MONTH_RES:
        for m in regex.finditer(text):
            month = _near_month(m["m"])
            if month is not None:
                add(RawDate(int(m["a"]), month, _year(m["y"]), m.start(), m.end(), "fixed"))
    for m in _COMPACT_RE.finditer(text):
        add(RawDate(int(m["a"]), int(m["b"]), int(m["y"]), m.start(), m.end(), "compact"))
    found = [d for d in found if resolve(d, day_first=True) or resolve(d, day_first=False)]
    return sorted(found, key=lambda d: d.start)


# a date printed without its year, a time of day right after it: "02.03. 15:59" (a German till's line, a
# card slip's "AS-Zeit"), "03/02 3:59PM" (a US check), "Mar 02 3:59 PM", "02 MAR 15:59"
_CLOCK_NEXT = r"(?=\s{1,3}[0-2]?\d\s?[:;]\s?[0-5]\d(?!\d))"
_YEARLESS_NUMERIC_RES = (
    re.compile(r"(?<![\d.,/:])(?P<a>[0-3]?\d)\s?(?P<sep>\.)\s?(?P<b>[01]?\d)\s?[._]" + _CLOCK_NEXT),  # "02 . 03 _"
    re.compile(r"(?<![\d.,/:])(?P<a>[01]\d)(?P<sep>/)(?P<b>[0-3]\d)" + _CLOCK_NEXT),  # not "Table 3/12 19:30"
)
_YEARLESS_NAMED_RES = (
    re.compile(rf"(?<![A-Z])(?P<m>{_MONTH_RE})\.?\s?(?P<a>[0-3]?\d)" + _CLOCK_NEXT),
    re.compile(rf"(?<![\dA-Z])(?P<a>[0-3]?\d)\.?\s?(?P<m>{_MONTH_RE})\.?" + _CLOCK_NEXT),
)
MAIL_GRACE = dt.timedelta(days=1)  # a receipt dated a day after the mail came: clocks and time zones


def yearless_dates(text: str) -> list[RawDate]:
    """Dates printed without their year (``year`` 0), a time of day right after each; none on a
    line that prints a date with its year."""
    prepared = prepare(text)
    return [] if _dates_in(prepared) else _yearless_in(prepared)


def _yearless_in(text: str) -> list[RawDate]:
    """``yearless_dates`` on text already ``prepare``d; spans are in that text."""
    found = [RawDate(int(m["a"]), int(m["b"]), 0, m.start(), m.end(), "numeric", m["sep"])
             for regex in _YEARLESS_NUMERIC_RES for m in regex.finditer(text)]
    found += [RawDate(int(m["a"]), MONTHS[m["m"]], 0, m.start(), m.end(), "fixed")
              for regex in _YEARLESS_NAMED_RES for m in regex.finditer(text)]
    return sorted(found, key=lambda d: d.start)


def in_year_before(raw: RawDate, received: dt.date, day_first: bool) -> dt.date | None:
    """A year-less date in the year that makes it the latest day not after ``received`` (a
    receipt is mailed after the purchase; ``MAIL_GRACE`` for clocks)."""
    for year in (received.year, received.year - 1):
        value = resolve(dataclasses.replace(raw, year=year), day_first)
        if value is not None and value <= received + MAIL_GRACE:
            return value
    return None


def _near_month(token: str) -> int | None:
    """The month whose three-letter name differs from ``token`` in exactly one letter (or that it is with one letter
    read twice), if only one does."""
    if token in MONTHS or token in _WEEKDAYS:
        return None
    near = {number for name, number in MONTHS.items()
            if len(name) == 3 and (one_letter_off(name, token) or _one_letter_doubled(token, name))}
    return near.pop() if len(near) == 1 else None


def _one_letter_doubled(token: str, name: str) -> bool:
    """``token`` is ``name`` with one of its letters read twice (``FEBB``/``FEB``)."""
    return len(token) == len(name) + 1 and any(
        token[:i] + token[i + 1:] == name and token[i] == token[i - 1] for i in range(1, len(token)))


# a multi-buy price ("1 @ 2.19 or 2/4.00", "DORITOS 2/5.00 @ 2.49"): a count, a slash and a price, on an item's
# line (a deal's word, "@", or another price) with no time of day and no date's label, its cents no recent year
# ("11/26.24 2.15 PM": a date whose second slash, and its clock's colon, OCR read as points)
_MULTI_BUY_RE = re.compile(r"(?<![\d.,/])(?:[2-9]|1[0-2])/\$?\d{1,2}\.\d{2}(?![\d.,/])")
_RECENT_YEARS_FROM = 10  # two-digit years a purchase's date may print (2010 on); "2/4.00" reads as none
_DEAL_CONTEXT_RE = re.compile(r"@|\b(?:OR|FOR|EA|EACH|SALE|PRICE)\b|(?<![\d.,/])\d{1,3}\.\d{2}(?![\d.,/])")


def _multi_buy_price(match: re.Match[str]) -> bool:
    """A slash-then-point "date" that is a multi-buy price on an item's line (``2/4.00``: two for 4.00)."""
    if match["sep"] != "/" or not _MULTI_BUY_RE.fullmatch(match[0].replace(" ", "")) \
            or _RECENT_YEARS_FROM <= int(match["y"]) <= _today().year % 100:
        return False
    rest = match.string[:match.start()] + " " + match.string[match.end():]
    return not _CLOCK_RE.search(match.string) and not _DATE_LABEL_RE.search(match.string) \
        and bool(_DEAL_CONTEXT_RE.search(rest))


def _time_like(match: re.Match[str]) -> bool:
    """``11.29.00`` / ``13.04.00`` are times: a dotted date is day-first (middle part at most 12)
    and a year ``00`` is no receipt's."""
    if match["sep"] != "." or len(match["y"]) != 2:
        return False
    hour, minute, second = int(match["a"]), int(match["b"]), int(match["y"])
    return hour < 24 and minute < 60 and second < 60 and (minute > 12 or second == 0)


def resolve(raw: RawDate, day_first: bool) -> dt.date | None:
    """The calendar date, in the preferred order when ``raw`` is numeric, else the other if valid."""
    if raw.kind == "fixed":
        return _make(raw.year, raw.second, raw.first)
    preferred = (raw.second, raw.first) if day_first else (raw.first, raw.second)
    return _make(raw.year, *preferred) or _make(raw.year, preferred[1], preferred[0])


def year_first(raw: RawDate) -> dt.date | None:
    """A slashed or hyphened two-digit-year date read year first, as Canadian card terminals print it
    (``DATE/TIME 15/02/10 16:16:28``: 10 February 2015); None where it reads no date so."""
    if raw.kind != "numeric" or not raw.short_year or raw.separator == ".":
        return None
    return _make(_year(f"{raw.first:02d}"), raw.second, raw.year % 100)


def usual_order(raw: RawDate) -> bool:
    """Day first for a dotted date (``13.05.17``: Germany and most of Europe); month first for
    slashes and hyphens, as in the United States, where the panel starts. Only for a receipt
    that says nothing else about its order (a date whose separators were lost: day first, as
    card terminals print it)."""
    return raw.separator == "." or raw.kind == "compact"


# a four-digit year written as part of a date ("09/11/2025", "2025-11-19"), even where OCR broke the
# rest of it ("09741/2025"); not the last group of a phone number ("555-2015") or a postcode ("2015-123")
_YEAR_IN_DATE_RE = re.compile(
    r"(?<=\d)\s?/\s?(?P<y>(?:19|20)\d{2})(?!\d)|(?<!\d{3})(?<=\d)\s?[.\-]\s?(?P<y2>(?:19|20)\d{2})(?!\d)"
    r"|(?<!\d)(?P<y3>(?:19|20)\d{2})\s?(?P<sep>[/.\-])\s?[01]?\d\s?(?P=sep)")


def printed_years(texts: Iterable[str]) -> frozenset[int]:
    """The four-digit years the receipt prints in its dates."""
    return frozenset(_year_of(m) for m in _years_in_dates(texts))


def _years_in_dates(texts: Iterable[str]) -> list[re.Match[str]]:
    return [m for text in texts for m in _YEAR_IN_DATE_RE.finditer(ascii_upper(text))]


def _year_of(match: re.Match[str]) -> int:
    return int(match["y"] or match["y2"] or match["y3"])


def year_first_where_printed(raw: RawDate, years: frozenset[int], year_first: bool = False) -> RawDate:
    """``25-11-09`` read year first (9 November 2025) where the receipt prints 2025 in another
    date and not 2009: a two-digit-year date agrees with the year printed elsewhere. Else ``raw``; a dotted
    date stays day first (``26.11.25`` beside a coupon's ``gültig bis 31.01.2026``: 26 November 2025)."""
    if raw.kind != "numeric" or not raw.short_year or raw.year in years or raw.separator == "." and not year_first:
        return raw
    year = _year(f"{raw.first:02d}")
    if year not in years or _make(year, raw.second, raw.year % 100) is None:
        return raw
    return RawDate(raw.year % 100, raw.second, year, raw.start, raw.end, "fixed")


def _same_print(one: RawDate, other: RawDate) -> bool:
    """The two are one date printed alike (a card slip's copy)."""
    return (one.first, one.second, one.year, one.kind) == (other.first, other.second, other.year, other.kind)


_SALES_DEADLINE = dt.timedelta(days=62)  # a survey's or a return's deadline a few weeks after the sale
_FAR_FROM_EVERY_PRINT = dt.timedelta(days=366)
_SAME_DAY = dt.timedelta(days=1)  # the card slip's clock may pass midnight
# a line dating what follows a sale: a survey's or a return's deadline
_DEADLINE_WORDS_RE = re.compile(r"\b(?:RESPOND|ENTER|SURVEY|RETURNS?|EXCHANGES?|REFUNDS?)\b")
# a line dating something else than the sale: a member's, a birth's, an expiry's, a past service's
_OTHER_DAY_WORDS_RE = re.compile(r"\b(?:SINCE|SEIT|DOB|BIRTH|EXP\w*|VALID|GOOD|ISSUED|LAST|ORIG\w*|PREV\w*|GIVEN|DUE"
                                 r"|NEXT|ENDS?|WARRANTY|MEMBER)\b")


def year_first_near_another(found: list[tuple[int, RawDate]], texts: Sequence[str]) -> list[tuple[int, RawDate]]:
    """A slashed two-digit-year date read year first (``year_first``), as Canadian card terminals print it, where
    another line prints that day again or a survey's or a return's deadline weeks after it, and its readings in
    either order are a year or more from each date the others print, copies of itself aside (``13/01/07`` under the
    bill's ``1/7/13``: 7 January 2013; ``Date:16/02/21`` over a survey's ``RESPOND BY 02/28/16``: 21 February 2016;
    not ``10/05/13`` over ``MEMBER SINCE 05/20/10``). Two lines each read the other's date so: the later is the
    sale's (``DATE 10/02/15`` and the slip's ``15/02/10``: 10 February 2015)."""
    latest = _today() + dt.timedelta(days=1)
    flips: dict[int, dt.date] = {}
    for at, (index, raw) in enumerate(found):
        ahead = year_first(raw)
        others = [(ascii_upper(texts[other_index]), other) for other_index, other in found
                  if other_index != index and not _same_print(other, raw)]
        if ahead is not None and ahead <= latest \
                and any(_dates_the_sale(ahead, text, other) for text, other in others) \
                and all(abs(own - read) >= _FAR_FROM_EVERY_PRINT for own in _reads(raw)
                        for _, other in others for read in _reads(other)):
            flips[at] = ahead
    settled = []
    for at, (index, raw) in enumerate(found):
        if at in flips:
            ahead = max([flips[at]] + [date for other, date in flips.items() if other != at and date in _reads(raw)])
            raw = RawDate(ahead.day, ahead.month, ahead.year, raw.start, raw.end, "fixed")
        settled.append((index, raw))
    return settled


def _dates_the_sale(day: dt.date, text: str, other: RawDate) -> bool:
    """``other``, printed on the line ``text`` (upper-cased), says ``day`` is the sale's: it prints that day again,
    or it is a survey's or a return's deadline weeks after it."""
    if _DEADLINE_WORDS_RE.search(text):
        return any(dt.timedelta(0) <= read - day <= _SALES_DEADLINE for read in _reads(other))
    return not _OTHER_DAY_WORDS_RE.search(text) and any(abs(read - day) <= _SAME_DAY for read in _reads(other))


def order_from_dates(raws: list[RawDate]) -> bool | None:
    """True (day first) / False (month first) when some date on the receipt only reads one way."""
    day_first = sum(r.forces_day_first for r in raws)
    month_first = sum(r.forces_month_first for r in raws)
    if day_first == month_first:
        return None
    return day_first > month_first


def parse_date(text: str, day_first: bool = True) -> dt.date | None:
    """The first date in ``text`` (convenience for callers with a single string)."""
    raws = find_dates(text)
    if not raws:
        return None
    evidence = order_from_dates(raws)
    return resolve(raws[0], day_first if evidence is None else evidence)


def find_times(text: str) -> list[TimeMatch]:
    """Times on a line. ``15.28`` counts only with AM/PM or beside a date (else it is money);
    a date's own digits are never a time (``17.05.2024`` holds no 17:05, ``02.03. 15:59`` no 02:03:15)."""
    raw = text
    text = _CLOCK_SLIP_RE.sub(lambda m: m.group(0).translate(_DIGIT_FIX), prepare(text))
    dates = _dates_in(text)
    for date in dates + _yearless_in(text):  # "02.03. 15:59" holds no 02:03:15
        end = _gap_as_point_end(text, date.end)
        text = text[:date.start] + " " * (end - date.start) + text[end:]
    beside_date = bool(dates)
    garbled_date = beside_date or bool(_SLASHED_DIGITS_RE.search(text))
    found = []
    for m in _TIME_RE.finditer(text):
        if not _reads_as_clock(m, beside_date, garbled_date):
            continue
        hour, minute = int(m["h"]), int(m["m"])
        if m["ap"] and not (m["lone"] is not None and hour > 12) \
                and not _guessed_m_refused(m, hour, raw, garbled_date):  # "14:22 A": a 24-hour time, a letter
            if not 1 <= hour <= 12:
                continue
            hour = _on_24_hour_clock(hour, m["ap"])
        if hour > 23:
            continue
        second = int(m["s"]) if m["s"] else 0
        found.append(TimeMatch(dt.time(hour, minute, second), m.start(), m.end()))
    labelled = _labelled_time(text)
    if found and labelled and labelled[0].start < found[0].start and found[0].end <= labelled[0].end:
        return labelled  # "Uhrzeit: 07 09 : 48": its first colon lost, not 09:48
    return found or labelled or [t for date in dates[-1:] if (t := _time_after(text, date))] \
        or _colon_lost(text, garbled_date)


_ENDS_LOWER_CASE_RE = re.compile(r"[a-z]\s*$")


# "05/15/2023.12:45 PM": the gap between a date and its time of day read as a point or a comma
_GAP_AS_POINT_RE = re.compile(r"[.,](?=\s?[0-2]?\d\s?[:;]\s?[0-5]\d(?!\d))")


def _gap_as_point_end(text: str, end: int) -> int:
    """Where a date ending at ``end`` ends with the point read for the gap before its time (``2023.12:45``)."""
    gap = _GAP_AS_POINT_RE.match(text, end)
    return gap.end() if gap else end


def _guessed_m_refused(m: re.Match[str], hour: int, raw: str, garbled_date: bool) -> bool:
    """An M of AM/PM guessed from what OCR made of it (RI, a letter more, a 4) says no half of the day on a 24-hour
    hour (``14:22 P4``); a letter more only lower-case, as a speck reads (``7:03Phe``; not ``10:30 PHX``); a 4
    only on a date's line (``IN 08:15 P4``): the time stays as printed."""
    if not (m["ri"] or m["more"] or m["four"]):
        return False
    return not 1 <= hour <= 12 or bool(m["more"]) and not _ENDS_LOWER_CASE_RE.search(raw) \
        or bool(m["four"]) and not garbled_date


def _names_a_later_hour(m: re.Match[str]) -> bool:
    """The number after the hyphen could be an hour after the first (``7-10 PM``): a range of hours."""
    return int(m["h"]) < int(m["m"]) <= 12


def _reads_as_clock(m: re.Match[str], beside_date: bool, garbled_date: bool) -> bool:
    """A ``_TIME_RE`` match is a time of day: with its colon; with a point for it where AM or PM follows, it has
    seconds, or a date is on its line; with a comma or a hyphen only where AM or PM follows on a line holding a
    date, however garbled (``05/173 8,50 P4``, ``Dec 16,2024 07-15 AM``). Off such a line a time with an M read as
    4 after it is a time only with its colon (``IN 08:15 P4``), the 4 no half of the day (_guessed_m_refused)."""
    if m["four"] and not garbled_date:  # "IN 08:15 P4": no half of the day, the time as printed
        return m["sep"] in (":", ";") or bool(m["s"])
    half_day = bool(m["ap"]) and m["lone"] is None
    if m["dash"] and _names_a_later_hour(m):
        return False  # "Pickup 12/06/2026 10-11 AM", "7-10 PM": hours from and to, not a clock's colon
    if m["comma"] or m["dash"]:
        return garbled_date and half_day
    return m["sep"] != "." or half_day or bool(m["s"]) or beside_date


# "9 23pM", "3*53 PM": a 12-hour time whose colon a blurred photo lost or made a star, or lost with no gap left
# ("101Pm": 1:01 PM); AM/PM says it
_COLON_LOST_RE = re.compile(r"(?<![\d.,:])(?P<h>1[0-2]|0?[1-9])[\s*](?P<m>[0-5]\d)\s?(?P<ap>[AP])\.?[MNHA]\b"
                            r"|(?<!\S)(?P<h2>1[0-2]|0?[1-9])(?P<m2>[0-5]\d)(?P<ap2>[AP])\.?[MNHA]\b")


# "3637 PN", "1716 PA": a 12-hour time whose colon OCR read as a digit (3:37 PM, 1:16 PM); only where the first two
# digits are no 12-hour hour ("1216 PM" may be 12:16); a zero-padded hour's five digits too ("07219 A": 07:19 AM),
# the M lost at the line's end only right after the date ("12/05/2026 REG 1716 P": a register's number)
_COLON_AS_DIGIT_RE = re.compile(r"(?<![\d.,:])(?P<h>0[1-9]|[2-9]|1(?=[3-9]))\d(?P<m>[0-5]\d)\s?(?P<ap>[AP])"
                                r"(?:\.?[MNHAF]\b|(?P<lone>(?=\s*$)))")


# a slashed date, however garbled (``04 /13723 3637 PN``, ``412/03/23 1716 PA``)
_SLASHED_DIGITS_RE = re.compile(r"\d\s?/\s?\d\d")


def _colon_lost(text: str, beside_date: bool) -> list[TimeMatch]:
    """A 12-hour time whose colon was lost; one whose colon came out a digit only on a date's line, a garbled
    slashed one too (not ``Filiale 4521 Am Markt``, ``STORE 2345 PH 207-...``, ``3740 PA-51``: upper-cased, Am,
    PH and PA read as AM or PM)."""
    regexes = (_COLON_LOST_RE, _COLON_AS_DIGIT_RE) if beside_date else (_COLON_LOST_RE,)
    return [TimeMatch(dt.time(_on_24_hour_clock(int(_part(m, "h")), _part(m, "ap")), int(_part(m, "m"))),
                      m.start(), m.end())
            for regex in regexes for m in regex.finditer(text) if not _lone_half_after_a_word(m)][:1]


def _lone_half_after_a_word(m: re.Match[str]) -> bool:
    """AM or PM's M lost (``07219 A``) where a word stands between the date (blanked out) and the digits: a number
    and a letter (``12/05/2026 REG 1716 P``), no time."""
    return m.groupdict().get("lone") is not None and bool(m.string[:m.start()].strip())


def _part(m: re.Match[str], name: str) -> str:
    """The group ``name`` of whichever alternative matched (``h`` or ``h2``)."""
    return m[name] or m.groupdict().get(name + "2")


# "1l:59", "7 : SOPM": a letter for a digit beside a colon
_CLOCK_SLIP_RE = re.compile(r"(?<![\w.,])[\dOIL|]{1,2}\s?[:;]\s?[\dOILS|]{2}(?:(?=\s?[AP]\.?[MNH]\b)|(?![\w.,]))")
# "27/06/2025 07,34", "16/07/2025 15 03", "2025 06 18 16.11": right after the date, the colon lost or
# read as a comma or a dot
_AFTER_DATE_TIME_RE = re.compile(r"\s{1,3}(?P<h>[01]\d|2[0-3])(?:\s?[,.]\s?|\s)(?P<m>[0-5]\d)(?![\d.,])"
                                 r"(?!\s?(?:EUR|USD|GBP|CHF|RM|[€$£]))")  # "12,50 EUR" is money
# "17.05.25 116:15", "07.04.24 415.48": right after the date, a stray mark in the gap read as a digit before the
# hour (an hour of three digits is none); only with a colon or a dot, as a till prints a time
_STRAY_MARK_TIME_RE = re.compile(r"\s{1,3}[147|](?P<h>[01]\d|2[0-3])\s?[:;.]\s?(?P<m>[0-5]\d)(?![\d.,])"
                                 r"(?!\s?(?:EUR|USD|GBP|CHF|RM|[€$£]))")


# "2024-01-16 1737": right after the date, the colon lost with no gap left; only where the time ends the line
_GLUED_AFTER_DATE_TIME_RE = re.compile(r"\s{1,3}(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?=\s*$)")


# "11/21/202410527 PM": a 12-hour time glued to the date's four-digit year, its colon lost and a stray mark maybe
# read as a 1 or a 7 before it (05:27 PM); only with AM or PM after it, no word after them ("2024 1052" is no time,
# nor "21.11.20241052 Am Markt")
_GLUED_TO_YEAR_TIME_RE = re.compile(r"[17|]?(?P<h>0[1-9]|1[0-2])(?P<m>[0-5]\d)(?=\s?[AP]\.?M\b(?!\s*[A-Z]))")


def _time_after(text: str, date: RawDate) -> TimeMatch | None:
    end = date.end
    m = (_AFTER_DATE_TIME_RE.match(text, end) or _STRAY_MARK_TIME_RE.match(text, end)
         or _GLUED_AFTER_DATE_TIME_RE.match(text, end)
         or (None if date.short_year else _GLUED_TO_YEAR_TIME_RE.match(text, end)))
    if not m:
        return None
    hour = int(m["h"])
    half = _HALF_DAY_RE.match(text, m.end())  # "05/30/25 08,48 PM"
    if half and 1 <= hour <= 12:
        hour = _on_24_hour_clock(hour, half[1])
    return TimeMatch(dt.time(hour, int(m["m"])), m.start("h"), half.end() if half else m.end(),
                     weak=m.re is _GLUED_AFTER_DATE_TIME_RE)


_HALF_DAY_RE = re.compile(r"\s?([AaPp])\.?[Mm]\b")


def _on_24_hour_clock(hour: int, half: str) -> int:
    """``hour`` (1-12) of the half of the day ``half`` (A or P) names."""
    return hour % 12 + (12 if half in "Pp" else 0)


# "TIME: 16.1500", "Time; 10.,50.00": after a TIME label, OCR-broken separators between the digits
_LABELLED_TIME_RE = re.compile(r"\b(?:TIME|ZEIT|UHRZEIT|HEURE)\b\W{0,3}(?P<t>[\dOIL][\dOIL.,:;' ]{3,9})(?![\dA-Z])")


def _labelled_time(text: str) -> list[TimeMatch]:
    m = _LABELLED_TIME_RE.search(text)
    if not m:
        return []
    raw = m["t"].strip()
    digits = re.sub(r"\D", "", raw.translate(_DIGIT_FIX))
    if len(digits) not in (4, 6) or not (raw[:2].isdigit() and raw[2:3] in ".,:;' "):
        return []
    hour, minute, second = int(digits[:2]), int(digits[2:4]), int(digits[4:] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return []
    return [TimeMatch(dt.time(hour, minute, second), m.start("t"), m.end("t"))]


# the till's security module (a German TSE) stamps each transaction in ISO 8601, in UTC: "TSE-Start:
# 2023-03-14T23:41:47.000Z" for a purchase at 00:41 on the 15th in Berlin; OCR reads the T as 1, 7, I, 0, t
_UTC_STAMP_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s?-\s?(?P<mo>[01]\d)\s?-\s?(?P<d>[0-3]\d)"
                           r"[TtIl107|]\s?(?P<h>[0-2]\d)\s?[:;.]\s?(?P<mi>[0-5]\d)(?:\s?[:;.]\s?(?P<s>[0-5]\d))?")
TSE_ZONE = "Europe/Berlin"  # the stamps are German: the law that asks for them is
_STAMP_O_RE = re.compile(r"(?<=[\d\-])[Oo]|[Oo](?=[\d\-])")  # "2O24-12-O3T13:21": an O for a 0 beside digits
# "2O26-ll-O7TlS:4S:O2": a faint stamp's digits read as letters; its shape (dashes, a T, colons) says it is one
_LOOK_ALIKE_STAMP_RE = re.compile(
    r"(?<![\w\-])[2Z][\dOQDILSBZG|]{3}-[\dOQDILSBZG|]{2}-[\dOQDILSBZG|]{2}[Tt][\dOQDILSBZG|]{2}:[\dOQDILSBZG|]{2}",
    re.IGNORECASE)


def _stamp_digits(text: str) -> str:
    """The line with its machine stamps' look-alike letters read as digits (same length: spans as in ``text``)."""
    def read(m: re.Match[str]) -> str:
        stamp = m[0].upper()
        return stamp[:10].translate(_DIGIT_FIX) + "T" + stamp[11:].translate(_DIGIT_FIX) if digits(stamp) >= 4 else m[0]

    return _LOOK_ALIKE_STAMP_RE.sub(read, _STAMP_O_RE.sub("0", text))


def _stamps(text: str) -> list[re.Match[str]]:
    """The machine stamps on a line, their look-alike letters read as digits (spans as in ``text``)."""
    return list(_UTC_STAMP_RE.finditer(_stamp_digits(text)))


class _StampDays(NamedTuple):
    printed: dt.date  # the day the line's machine stamp prints
    at_shop: dt.date  # that instant's day on the shop's clock, were it UTC
    utc: bool  # marked UTC (``...T23:41:10.000Z``): not a local time, nor one with its offset


_ZULU_RE = re.compile(r"(?:[.,][\dO]{1,6})?\s?[Zz](?![A-Za-z])")


def _stamp_days(text: str) -> _StampDays | None:
    """The days a line's machine stamp gives, read once."""
    digits_read = _stamp_digits(text)
    m = _UTC_STAMP_RE.search(digits_read)
    at = _instant_at_shop(m)
    return _StampDays(dt.date(int(m["y"]), int(m["mo"]), int(m["d"])), at.date(),
                      bool(_ZULU_RE.match(digits_read, m.end()))) if at else None


def stamp_at_shop(text: str) -> dt.datetime | None:
    """The instant a line's ISO 8601 machine stamp gives (``2023-03-14T23:41:47.000Z``), on the
    shop's clock (``TSE_ZONE``)."""
    return _instant_at_shop(_UTC_STAMP_RE.search(_stamp_digits(text)))


def _instant_at_shop(m: re.Match[str] | None) -> dt.datetime | None:
    if m is None:
        return None
    try:
        instant = dt.datetime(int(m["y"]), int(m["mo"]), int(m["d"]), int(m["h"]), int(m["mi"]), int(m["s"] or 0),
                              tzinfo=dt.timezone.utc)
    except ValueError:
        return None
    return instant.astimezone(zoneinfo.ZoneInfo(TSE_ZONE))


# the security module's own lines (``TSE-Start:``, ``TSE-Stop:``, ``SE Ston :`` read faint): they print its UTC
# stamp, however garbled (``7023.02.0oto9;52;08``: its clock is no local time)
_TSE_STAMP_LINE_RE = re.compile(r"\W*T?SE\s?[-_.]?\s?(?:START|ST[O0][PN])\b", re.IGNORECASE)


# a stamp's clock, its date and label garbled, still ends as one: its seconds, their fraction and a Z for UTC
# ("1STo6 ;04 :00 Do0z", "72t09.35;00.C002": the Z read as 2 after the fraction's point); a till's own clock ends
# at the seconds
_ZULU_CLOCK_RE = re.compile(r"(?<!\d)(?P<h>[0-2Oo]\d)\s?[:;.]\s?(?P<mi>[0-5]\d)\s?[:;.]\s?[0-5]\d"
                            r"(?:\s?[.,]\s?[\dOoCD]{3}2|\s?[.,]?\s?[\dOoCD]{2,3}[zZ])(?![\dA-Za-z])")


def _zulu_clocks(text: str) -> list[re.Match[str]]:
    if not (_TSE_LABEL_RE.search(text) or _T_BEFORE_CLOCK_RE.search(text)):  # a stamp's line: its label or its T
        return []
    return [m for m in _ZULU_CLOCK_RE.finditer(text) if _zulu_hour(m) < 24]


def _zulu_hour(clock: re.Match[str]) -> int:
    return int(clock["h"].upper().translate(_DIGIT_FIX))


_TSE_LABEL_RE = re.compile(r"\bT?S\s?E\b|\bTSE", re.IGNORECASE)
_T_BEFORE_CLOCK_RE = re.compile(r"\d[Tt7][0-2Oo]\d\s?[:;.]")


def utc_clock_at_shop(text: str, day: dt.date) -> dt.time | None:
    """The shop's time of a machine stamp's UTC clock whose date OCR garbled (``TsE Stent: 2023 09.1STo6 ;04 :00
    Do0z``), on ``day``, the purchase's date (``08:04`` on the 15th of September in Berlin)."""
    clocks = _zulu_clocks(text)
    if not clocks:
        return None
    hour, minute = _zulu_hour(clocks[0]), int(clocks[0]["mi"])
    instant = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.timezone.utc)
    return instant.astimezone(zoneinfo.ZoneInfo(TSE_ZONE)).time()


def without_utc_stamp(text: str) -> str:
    """The line with its machine stamps blanked out: what else it prints (a till merges lines); a security
    module's line whose stamp OCR garbled blanked whole, a UTC clock whose date OCR garbled blanked."""
    stamps = _stamps(text)
    if not stamps and _TSE_STAMP_LINE_RE.match(text) and not find_dates(text):  # "TSE-Stop: 09.02.2023 10:52:29"
        return " " * len(text)
    for m in stamps + _zulu_clocks(text):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


def only_in_stamp(text: str, value: dt.date) -> bool:
    """The line prints ``value`` in a machine stamp only (``TSE-Start: 2023-03-14T23:41:47.000Z``),
    not beside it too (a till's line merged into the stamp's)."""
    return bool(_stamps(text)) and not any(
        value in (resolve(raw, True), resolve(raw, False)) for raw in find_dates(without_utc_stamp(text)))


def parse_time(text: str) -> dt.time | None:
    times = find_times(text)
    return times[0].value if times else None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
