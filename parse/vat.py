"""Tax included in the prices (VAT, MwSt, GST), read from a receipt's VAT lines.

European receipts print prices with VAT and show the VAT apart, in one of two forms:

* a table, one row per rate: ``B= 7,0% 4,60 0,32 4,92`` (rate, net, tax, gross),
  ``SR @ 6% 68,87 4,13`` (rate, net, tax), ``1=19,00% 4,12 0,78 4,90``;
* a line naming the tax included: ``inkl. 7% MwSt 1,33``, ``Incl VAT 20% 1.50``.

Rows are known by their arithmetic (net x rate = tax, net + tax = gross), not by column
titles, so the order of the columns and the words around them may vary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .layout import Doc, Line
from .text import ascii_upper, has_keyword

# "7.00%", and as OCR spaces it: "7. 00%", "8 . 25%" (not 25 %)
RATE_RE = re.compile(r"(?<![\d.,])(\d{1,2}(?:\s?[.,]\s?\d{1,3})?)\s?%")
TAX = ("SALES TAX", "TOTAL TAX", "TAX", "VAT", "GST", "SST", "MWST", "MW ST", "UST", "MEHRWERTSTEUER",
       "STEUER", "TVA", "HST", "PST", "IVA", "BTW", "TPS", "TVQ", "QST", "TVH")
MAX_TAX_SHARE = Decimal("0.35")  # no sales tax / VAT rate is above this share of the total
_INCLUDED_RE = re.compile(r"\b(?:INCL|INKL|INCLUDED|INCLUDES|INCLUSIVE|ENTHALTEN|ENTH|DARIN|DAVON)\b")
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class VatRow:
    rate: Decimal
    tax: Decimal
    net: Decimal | None  # None where only the tax is printed
    line: int


@dataclass(frozen=True)
class Vat:
    tax: Decimal
    rate: Decimal | None  # None when the receipt has several rates
    net: Decimal | None  # the prices without VAT, where every row prints its net amount
    lines: tuple[int, ...]


def find_vat(doc: Doc, total: Decimal | None) -> Vat | None:
    """The VAT included in ``total``: the rows' taxes summed, one row per rate."""
    rows: dict[Decimal, VatRow] = {}
    for line in doc.lines:
        row = _row(line, total)
        if row is not None and row.rate not in rows:  # a rate's row printed again (a second copy) counts once
            rows[row.rate] = row
    if not rows:
        return None
    tax = sum((row.tax for row in rows.values()), Decimal(0))
    if total is not None and tax > total * MAX_TAX_SHARE:
        return None
    nets = [row.net for row in rows.values()]
    net = sum(nets, Decimal(0)) if all(n is not None for n in nets) else None
    rate = next(iter(rows)) if len(rows) == 1 else None
    return Vat(tax, rate, net, tuple(sorted(row.line for row in rows.values())))


def rate_of(text: str) -> Decimal | None:
    match = RATE_RE.search(text)
    if not match:
        return None
    rate = Decimal(match.group(1).replace(",", ".").replace(" ", ""))
    rate = rate.quantize(Decimal(1)) if rate == rate.to_integral_value() else rate.normalize()  # 19,00% is 19
    return rate if 0 < rate < 30 else None


def _row(line: Line, total: Decimal | None) -> VatRow | None:
    rate = rate_of(line.text)
    if rate is None:
        return None
    amounts = [a.value for a in line.amounts if a.has_decimals and not a.measure and a.value != rate and a.value > 0]
    for triple in zip(amounts, amounts[1:], amounts[2:]):  # net, tax, gross in any order
        gross = max(triple)
        net, tax = sorted(triple)[1], min(triple)
        if net + tax == gross and is_tax_of_net(tax, net, rate):
            return VatRow(rate, tax, net, line.index)
    for pair in zip(amounts, amounts[1:]):
        small, large = sorted(pair)
        if is_tax_of_net(small, large, rate):
            return VatRow(rate, small, large, line.index)
        if is_tax_of_gross(small, large, rate):
            return VatRow(rate, small, large - small, line.index)
    if len(amounts) == 1 and _names_included_tax(line.text):
        tax = amounts[0]
        if total is None or is_tax_of_gross(tax, total, rate) or tax < total * rate / (_HUNDRED + rate):
            return VatRow(rate, tax, None, line.index)
    return None


def _names_included_tax(text: str) -> bool:
    return bool(_INCLUDED_RE.search(ascii_upper(text))) and has_keyword(text, TAX)


def _close(value: Decimal, expected: Decimal, base: Decimal) -> bool:
    """Equal up to rounding per item: 2 cents and half a percent of the base."""
    return abs(value - expected) <= Decimal("0.02") + base * Decimal("0.005")


def is_tax_of_net(tax: Decimal, net: Decimal, rate: Decimal) -> bool:
    """``tax`` is ``rate`` percent added to ``net``, up to rounding."""
    return tax < net and _close(tax, net * rate / _HUNDRED, net)


def is_tax_of_gross(tax: Decimal, gross: Decimal, rate: Decimal) -> bool:
    """``tax`` is what ``gross`` includes at ``rate`` percent, up to rounding."""
    return tax < gross and _close(tax, gross * rate / (_HUNDRED + rate), gross)
