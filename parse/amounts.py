"""Money amounts in OCR text: decimal comma or point, thousands separators, OCR noise.

``find_amounts`` returns every amount printed on a line (left to right); ``parse_amount``
reads one string. The receipt's decimal style (``"."`` or ``","``) decides only the
ambiguous case of a separator followed by exactly three digits (``9.000`` is nine with three
decimals on a point-decimal receipt and nine thousand on a comma-decimal one).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")

# Currency markers, longest first so "RM" wins over a lone "M" and "US$" over "$".
CURRENCY_MARKERS: dict[str, str] = {
    "USD": "USD", "US$": "USD", "EUR": "EUR", "GBP": "GBP", "MYR": "MYR", "CHF": "CHF",
    "SGD": "SGD", "S$": "SGD", "CAD": "CAD", "AUD": "AUD", "RM": "MYR", "DH": "MAD",
    "€": "EUR", "£": "GBP", "$": "USD", "EURO": "EUR", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "C$": "CAD",
    "CA$": "CAD", "INR": "INR", "RS.": "INR", "₹": "INR", "NZD": "NZD", "NOK": "NOK", "PLN": "PLN",
}
_MARKER_RE = "|".join(re.escape(m) for m in sorted(CURRENCY_MARKERS, key=len, reverse=True))
# a currency named anywhere on a line, however OCR cased it ("EuR"): where a total is printed beside it
CURRENCY_WORD_RE = re.compile(r"(?<![A-Z])(?:EUR|USD|GBP|CAD|AUD)(?![A-Z])|[€$£]", re.IGNORECASE)
CURRENCY_CODE_RE = re.compile(r"(?<![A-Z])(?:EUR|USD|GBP|CAD|AUD|CHF)(?![A-Z])", re.IGNORECASE)  # a code, no sign

# Glyphs OCR puts inside numbers instead of digits; only replaced inside number-like tokens.
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "S": "5", "s": "5", "l": "1", "I": "1",
                            "|": "1", "B": "8", "Z": "2", "&": "8"})
_CONFUSABLE = "OoDQSslI|BZ&"

_SPACED_DECIMAL_RE = re.compile(r"(?<=\d)\s*([.,])\s+(?=\d{2}(?!\d))|(?<=\d)\s+([.,])(?=\d{2}(?!\d))")
_DOUBLE_SEPARATOR_RE = re.compile(r"(?<=\d)\s?([.,])[.,]\s?(?=\d{2}(?!\d))")
# a price closing its line with a space inside its cents ("Chedoar cheese 4.1 4", "AMOUNT $28 .7 4"): one amount
_SPLIT_CENTS_RE = re.compile(r"(?<![\d.,])(\d{1,4}) ?([.,])(\d) (\d)\s*$")
# "7 00 SR", "47 76 €", "1 99 x" at the end of a line: OCR lost the decimal point of a price
# column, its tax letter maybe read lower-case (not the last pair of a phone number, "02 39 72 71 42")
_LOST_SEPARATOR_RE = re.compile(  # a zero of the units read as an O too ("TIP 1o 00")
    r"(?<![\d.,:/])(\d{1,4}|\d[\dOo]{1,3}) (\d{2})(?=\s?(?:[A-Z]{1,2}|[A-Z]\s[A-Z]|[a-z]|EUR|[€$£])?\s*$)")
_DIGIT_GROUP_BEFORE_RE = re.compile(r"(?:^|\s)\d{1,4} $")
_CURRENCY_BEFORE_RE = re.compile(rf"(?:{_MARKER_RE})$")
# "S8.70", "SO.00", "s96.56": OCR reads a "$" glued to an amount as "S" or "s" (a genuine leading 5 is read as 5)
_DOLLAR_AS_S_RE = re.compile(r"(?<![\w.,$])[Ss](?=[\dO]{1,4}[.,](?:[\dO]{2}|\dl)(?![\d.,]))")  # "S8.0l" too
# a unit of measure (or a dimension's "x") printed straight after a number makes it a size
# ... and so does a unit word after a space (``39.42 LITRE``) or a price per unit (``2.170 RM / LITRE``,
# ``2,99 EUR/kg``, its euro sign read as E or C: ``13,90 E/kg``): a quantity or a unit price, never an item's amount
# (a pound's l read as I, 1 or |: "2.19 Ib @ 2.49 /1b")
_MEASURE_RE = re.compile(
    r'(?:MM|CM|KM|M|KG|G|GR|MG|L|LTR|ML|CL|OZ|[LI1|]BS?|IN|FT|X)(?![A-Za-z])|["”]'
    r'|\s(?:LITRES?|LITERS?|LTRS?|L|KGS?|[LI1|]BS?|GALLONS?|GAL)\b'
    r'|\s?(?:RM|EUR|USD|GBP|CHF|[$€£EC])?\s?/\s?'
    r'(?:KG|G|L|LTR|LITRE|LITER|[LI1|]B|100\s?G|M|ST|STK|PC|PCS|EA|GAL|GALLON)\b',
    re.IGNORECASE)
_GARBLED_BEFORE_RE = re.compile(r"[^\s\d.,\-−(:=*]")  # ".20" glued to a glyph, no currency marker
# (a look-alike may also open a number glued to "RM": "RMS.60" is RM 5.60)
_NUMBERISH_RE = re.compile(
    rf"(?:(?<![\w.,])[{_CONFUSABLE}]|(?<=RM)[{_CONFUSABLE}]|(?<![\d.,])\d)"
    rf"[\d{_CONFUSABLE}.,]*[.,][\d{_CONFUSABLE}]{{2,3}}(?![\w])"
)
_AMOUNT_RE = re.compile(
    rf"(?P<cur1>{_MARKER_RE})?\s?(?P<sign>[-−])?\s?(?P<cur2>{_MARKER_RE})?\s?"
    r"(?P<num>\d{1,3}(?:[.,']\d{3})+(?:[.,]\d{1,3})?|\d+[.,]\d{1,3}|[.,]\d{2}|\d+)"
    rf"(?P<trail>-)?(?!\d)\s?(?P<cur3>{_MARKER_RE})?",
)


@dataclass(frozen=True)
class Amount:
    value: Decimal
    start: int  # span in the cleaned line text
    end: int
    currency: str | None = None  # ISO code of a marker printed next to it
    has_decimals: bool = True  # printed with a decimal part (not a bare integer)
    measure: bool = False  # a unit glued to it (``1.5M``, ``2.0MM``, ``3.5"``): a size, not money

    @property
    def in_cents(self) -> bool:
        """Printed with two decimals, as money is (``12.50``; not ``12.5``, ``2.771`` or ``12``)."""
        return self.has_decimals and self.value.as_tuple().exponent == -2


def clean_numbers(text: str) -> str:
    """Undo OCR noise inside numbers: ``84 . 81`` -> ``84.81``, ``1O.5O`` -> ``10.50``."""
    text = _DOUBLE_SEPARATOR_RE.sub(r"\1", text)
    text = _SPLIT_CENTS_RE.sub(r"\1\2\3\4", text)
    text = _TAX_CLASS_AFTER_A_POINT_RE.sub(" ", text)
    text = _SPACED_DECIMAL_RE.sub(lambda m: m.group(1) or m.group(2), text)
    text = _LOST_SEPARATOR_RE.sub(_lost_separator, text)
    text = _DOLLAR_AS_S_RE.sub("$", text)
    text = _WHOLE_EUROS_RE.sub(r"\1\g<2>00", text)
    text = _SIZE_GLUED_TO_PRICE_RE.sub(r"\1 ", text)
    text = _NINE_AS_G_RE.sub(lambda m: m[0].translate(_G_AS_DIGIT)
                             if m[0] == "g" or _PAID_LABEL_RE.search(m.string, 0, m.start()) else m[0], text)
    text = _SEMICOLON_COMMA_RE.sub(lambda m: f"{m['units']},{m['cents']}" if m["flag"] or int(m["cents"]) >= 60
                                   else m[0], text)
    text = _SIGNED_NINE_AS_G_RE.sub(lambda m: f"{m['num'] or m['num2']}9", text)
    text = _POUND_AFTER_MINUS_RE.sub("- ", text)
    text = _POUND_BEFORE_ONE_RE.sub("£", text)
    text = _ODD_POINT_RE.sub(lambda m: f"{m['label']}{m['units']}.{m['cents']}", text)
    text = _NINE_OR_SIX_AFTER_LABEL_RE.sub(lambda m: m["label"] + m["num"].translate(_G_AS_DIGIT), text)
    text = _LAST_NINE_AFTER_LABEL_RE.sub(lambda m: f"{m['label']}{m['num']}9", text)

    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        if sum(ch.isdigit() for ch in token) * 2 < len(token.replace(".", "").replace(",", "")) \
                and not _money_of_look_alikes(match):
            return token  # mostly letters: a word, not a number
        if _LITRES_RE.fullmatch(token) and not _MONEY_BEFORE_RE.search(match.string, 0, match.start()):
            return token  # "1,5l", "0,33l": a bottle's size, not 1,51; but "$ 9.0l", "Total 8.0l" are money
        if _FLAG_AFTER_CENTS_RE.search(token):
            return token[:-1].translate(_DIGIT_FIX) + token[-1]  # "9.49B": the tax flag B, no third decimal 8
        return token.translate(_DIGIT_FIX)

    return _NUMBERISH_RE.sub(fix, text)


# "1O,OO", "B,9O": an amount's shape (up to four glyphs, a separator, two), look-alikes of digits but one at least
_LOOK_ALIKE_AMOUNT_RE = re.compile(r"(?=.*\d)[\dODQBSZlI]{1,4}[.,][\dODQBSZlI]{2}")
_CURRENCY_BEFORE_AMOUNT_RE = re.compile(r"(?:\bEUR|[€$£])\s?$", re.IGNORECASE)


def _money_of_look_alikes(match: re.Match[str]) -> bool:
    """An amount most of whose digits OCR read as look-alike letters, after a total's or a payment's label or
    the currency (``Gegeben Bar 1O,OO``, ``SUMME EUR B,9O``): money, where a word is none (``BO,OK``, ``SO,DA``)."""
    before = match.string[:match.start()]
    return bool(_LOOK_ALIKE_AMOUNT_RE.fullmatch(match.group(0))) and bool(
        _PAID_LABEL_RE.search(before) or _CURRENCY_BEFORE_AMOUNT_RE.search(before))


_FLAG_AFTER_CENTS_RE = re.compile(r"[.,]\d{2}B$")
# a price with a decimal comma and its tax class B read as an 8 after a point at the line's end ("4,75.8"): no
# amount of either locale, the point a gap's speck
_TAX_CLASS_AFTER_A_POINT_RE = re.compile(r"(?<=\d,\d{2})\.(?=8\s*$)")
# "Betrag 150,-", "Gesamt 73,-", "Fr. 5.-": whole euros (francs) with a dash for the cents (not "1,50-", a minus)
_WHOLE_EUROS_RE = re.compile(r"(?<![\d.,])(\d{1,5})([.,])-{1,2}(?![\d-])")


# "Subtotal 10:28", "Total 11;10", "Tax 0_82", "Total $91 '40": a point read as a colon, a semicolon, an
# underscore or an apostrophe after a money label (no clock stands there)
_MONEY_LABEL = r"(?P<label>(?i:SUB\s?T[O0]TAL|T[O0]TAL|TAX|BALANCE|AMOUNT|SUMME)\W{0,3}[$S]?\s?)"  # "T0TAL" too
_ODD_POINT_RE = re.compile(rf"{_MONEY_LABEL}(?P<units>\d{{1,4}})(?:[:;_]|\s?['`])(?P<cents>\d{{2}})(?![\d:;_])"
                           r"(?!\s?[AaPp]\.?[Mm]\b)")
# "MORE CARD SAVING -E0.40", "-f0.40", "-L1.25": a minus, then a pound sign read as a letter
_POUND_AFTER_MINUS_RE = re.compile(r"(?<![\w.,])-[EfL](?=\d{1,4}[.,]\d{2}(?!\d))")
# "Total El7.23", "fl0.90": a pound sign read as a letter, glued to a price whose 1 OCR read as a letter too
_POUND_BEFORE_ONE_RE = re.compile(r"(?<![\w.,])[EfL](?=[lI]\d{0,3}[.,]\d{2}(?![\d.,]))")  # not a bar: "0,5 L|3,80"
# "TOTAL 1G.29", "TOTAL 41.g7": a 9 read as g, a 6 as G, in an amount after a money label (not its last
# glyph: a dispensary's "TOTAL: 3.5g" is grams)
_NINE_OR_SIX_AFTER_LABEL_RE = re.compile(
    rf"{_MONEY_LABEL}(?P<num>(?=[\dgG]{{1,4}}[.,][\dgG]\d(?![\w.,]))(?=[^\s]*[gG])[\dgG]{{1,4}}[.,][\dgG]\d)")
_G_AS_DIGIT = str.maketrans("gG", "96")
# a total's or a payment's label: an upper-case G closing its amount is a 6 ("Zu zahlen 6,5G"), not a size's
# gram ("BIO SAFRAN 0,4G" over its count and price)
_PAID_LABEL_RE = re.compile(r"(?i)\b(?:ZU\s?ZAHLEN|SUMME|GESAMT\w*|TOTAL|BETRAG|BAR|GEGEBEN|R(?:Ü|UE|U)CKGELD|EC|KARTE"
                            r"|GIROCARD|VISA|MASTERCARD)\b")
# "TAX 1.5g", "SUBTOTAL 17.7g": the last 9 read as g after a label no grams follow (a total may be grams)
_LAST_NINE_AFTER_LABEL_RE = re.compile(r"(?P<label>(?i:SUB\s?T[O0]TAL|TAX|BALANCE)\W{0,3}[$S]?\s?)"
                                       r"(?P<num>\d{1,4}[.,]\d)g(?![\w.,])")
# "Kase 1,4g A", "Lachsbrotchen 3,4g", "Zu zahlen 6,5G": a decimal comma's price ending the line (before its
# tax class), its last 9 read as g, its 6 as G (not grams before a price, "Safran 0,4g 2,99", nor a
# decimal point's "Flower 3.5g")
_NINE_AS_G_RE = re.compile(r"(?<=\d,\d)[gG](?=\s?(?:[A-D]|\*[A-D]?)?\s*$)")
# "AUGUSTINER HELL 20X0,5L 18;99 A": a decimal comma read as a semicolon, its price ending the line (a
# tax class after it, or cents no clock's minutes are: not "18;42", a time)
_SEMICOLON_COMMA_RE = re.compile(
    r"(?<![\d.,;:])(?P<units>\d{1,4});(?P<cents>\d{2})(?=\s?(?P<flag>[A-D]|\*[A-D]?)?\s*$)")
# "CRAYOLA 64CT T $4.2g", "PAMPERS CRUISERS 34.9g T": the same after a dollar sign or before a tax flag (not a
# size's grams, "CREATINE 5.0g N", a dispensary's "FLOWER 3.5g H", its price on the row below)
_SIGNED_NINE_AS_G_RE = re.compile(
    r"(?P<num>\$\s?\d{1,4}\.\d)g(?![\w.,])|(?<![\w.,])(?P<num2>\d{2,4}\.[1-9])g(?=\s[A-Z]\s*$)")
_LITRES_RE = re.compile(r"\d+[.,]\dl|0[.,]\d{2}l")
# "Wasser 1,5l2,99B", "Cola 0,33l2,50": a bottle's size glued to the price after it
_SIZE_GLUED_TO_PRICE_RE = re.compile(r"(?<![\d.,])(\d{1,2}[.,]\d{1,3}[lL])(?=\d{1,3}[.,]\d{2}(?!\d))")
_MONEY_BEFORE_RE = re.compile(
    r"[$€£]\s?$|(?i:TOTAL|SUMME|BALANCE|BETRAG|DUE|CASH|CHANGE|TAX|TIP|GRATUITY|AMOUNT|AMT)\W{0,3}$")


def _lost_separator(match: re.Match[str]) -> str:
    before = match.string[:match.start()]
    # "WA05 12": the digits end a code; not "RM18 80", nor "E65 35" (a lone E is a pound sign)
    code = before[-1:].isalpha() and before[-2:-1].isalnum() and not _CURRENCY_BEFORE_RE.search(before)
    if code or _DIGIT_GROUP_BEFORE_RE.search(before):
        return match.group(0)  # the end of a code, or one more group of a number printed in groups
    return f"{match[1]}.{match[2]}"


def detect_decimal_style(texts: Iterable[str]) -> str:
    """``","`` when the receipt mostly writes ``12,50``, else ``"."``."""
    comma = point = 0
    for text in texts:
        for match in re.finditer(r"\d([.,])\d{2}(?![\d.,])", clean_numbers(text)):
            if match.group(1) == ",":
                comma += 1
            else:
                point += 1
    return "," if comma > point else "."


def parse_number(raw: str, decimal: str = ".") -> Decimal | None:
    """A plain number string (no currency) -> Decimal, using ``decimal`` only when ambiguous."""
    raw = raw.strip().replace("'", ",").replace(" ", ",")
    if not raw or not any(ch.isdigit() for ch in raw):
        return None
    separators = [i for i, ch in enumerate(raw) if ch in ".,"]
    if not separators:
        return Decimal(raw)
    last = separators[-1]
    tail = raw[last + 1:]
    head = raw[:last]
    if len(tail) == 3 and raw[last] != decimal:
        decimal_at = None  # 1,234 on a point receipt / 1.234 on a comma receipt: thousands
    elif len(tail) == 3 and len(separators) > 1 and raw[separators[-2]] == raw[last]:
        decimal_at = None  # 1.234.567: repeated separator is a thousands separator
    elif len(tail) in (1, 2, 3):
        decimal_at = last
    else:
        return None
    if decimal_at is None:
        digits = re.sub(r"[.,]", "", raw)
        groups = re.split(r"[.,]", raw)
        if any(len(g) != 3 for g in groups[1:]) or len(groups[0]) > 3:
            return None
        return Decimal(digits)
    int_part = re.sub(r"[.,]", "", head)
    # thousands groups in the integer part must be three digits long
    groups = re.split(r"[.,]", head)
    if len(groups) > 1 and (any(len(g) != 3 for g in groups[1:]) or len(groups[0]) > 3):
        return None
    try:
        return Decimal(f"{int_part or '0'}.{tail}")
    except InvalidOperation:
        return None


def to_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def find_amounts(text: str, decimal: str = ".", *, integers: bool = False) -> list[Amount]:
    """Every amount on a line. Bare integers (``12``) only when ``integers`` is set."""
    cleaned = clean_numbers(text)
    found: list[Amount] = []
    for match in _AMOUNT_RE.finditer(cleaned):
        num = match.group("num")
        has_decimals = bool(re.search(r"[.,]\d{1,3}$", num)) and not _is_thousands_only(num, decimal)
        marker = match.group("cur1") or match.group("cur2") or match.group("cur3")
        if not has_decimals and not (integers or match.group("cur1") or match.group("cur2")):
            continue
        if _looks_like_date_or_id(cleaned, match.start("num"), match.end("num")):
            continue
        if (num[0] in ".," and match.start("num") == match.start()
                and _GARBLED_BEFORE_RE.match(cleaned[max(0, match.start() - 1):match.start()])):
            continue  # "$&.20": OCR garbled the whole part, this is no 20 cents
        value = parse_number(num, decimal)
        if value is None:
            continue
        if match.group("sign") or match.group("trail"):
            value = -value
        found.append(Amount(value=value, start=match.start("num"), end=match.end("num"),
                            currency=CURRENCY_MARKERS.get(marker) if marker else None,
                            has_decimals=has_decimals, measure=bool(_MEASURE_RE.match(cleaned, match.end("num")))))
    return found


def parse_amount(text: str, decimal: str = ".") -> Decimal | None:
    """The single (last) amount in ``text``, e.g. ``"EUR 1.234,50"`` -> ``Decimal("1234.50")``."""
    amounts = find_amounts(text, decimal, integers=True)
    return amounts[-1].value if amounts else None


def _is_thousands_only(num: str, decimal: str) -> bool:
    separators = [ch for ch in num if ch in ".,"]
    if not separators:
        return False
    tail = re.split(r"[.,]", num)[-1]
    return len(tail) == 3 and (separators[-1] != decimal or len(separators) > 1 and len(set(separators)) == 1)


# "05.12" before ".26"
_DATE_PART_BEFORE_RE = re.compile(r"(?<![\d.,])(?P<day>\d{1,2})(?P<separator>[.,])(?P<month>\d{1,2})$")


_HALF_DAY_AFTER_RE = re.compile(r"\s?[AP]\.?M\b", re.IGNORECASE)


def _looks_like_date_or_id(text: str, start: int, end: int) -> bool:
    """Part of a date (``31.12.2024``), a time (``12.30PM``) or a long id, not money."""
    before = text[max(0, start - 1):start]
    after = text[end:end + 3]
    if after[:1] == "/" and _MEASURE_RE.match(text, end):
        return False  # "0.92/kg": a price per unit
    if before in ("/", ":", "#") or after[:1] in ("/", ":", "%"):
        return True
    date_part = _DATE_PART_BEFORE_RE.search(text, 0, start)
    if date_part is not None and text[start:start + 1] == date_part["separator"] \
            and 1 <= int(date_part["day"]) <= 31 and 1 <= int(date_part["month"]) <= 12:
        return True  # ".26" of "05.12.26" once "05.12" was no amount: the rest of a date
    if before == "-" and start >= 2 and text[start - 2].isalnum():
        return True  # 03-4162-2318, 18-01-2018
    if re.match(r"[.,]\d", after) or (before in (".", ",") and start >= 2 and text[start - 2].isdigit()):
        return True  # more number parts follow/precede: 31.12.2024, 1.2.3
    if re.match(r"-[0-3]\d(?!\d)", after) and re.fullmatch(r"\d{4}[.,][01]\d", text[start:end]):
        return True  # "2023.01-29": an ISO date whose first dash came out a point
    return bool(_HALF_DAY_AFTER_RE.match(text, end))  # "12.30PM"; not "23.45 AMEX", "102.82 Amount"
