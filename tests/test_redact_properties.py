"""Property tests: card numbers are always caught; ordinary receipt numbers never are."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum import ean, luhn

from redact import RedactionPolicy, scrub_text
from redact.spans import FILL

SETTINGS = settings(max_examples=150, deadline=None)  # local: leaves the global profile alone


@st.composite
def luhn_numbers(draw: st.DrawFn) -> str:
    length = draw(st.integers(13, 19))
    body = draw(st.text("0123456789", min_size=length - 1, max_size=length - 1))
    return body + luhn.calc_check_digit(body)


def _grouped(number: str, sep: str) -> str:
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


FORMATS = st.sampled_from(["plain", "space4", "dash4"])
PREFIXES = st.sampled_from(["", "VISA ", "MASTERCARD ", "Karte: ", "CARD # ", "PAN ", "debit ", "ref "])
SUFFIXES = st.sampled_from(["", " APPROVED", " 12.99", " EUR 1.234,56", " 12/03/2024"])


@SETTINGS
@given(luhn_numbers(), FORMATS, PREFIXES, SUFFIXES, st.booleans())
def test_luhn_valid_card_numbers_are_always_caught(number: str, fmt: str, prefix: str, suffix: str, keep4: bool) -> None:
    shown = {"plain": number, "space4": _grouped(number, " "), "dash4": _grouped(number, "-")}[fmt]
    # documented exception: a bare 13-digit number that is also a valid EAN-13 barcode,
    # with no card word on the line, is taken for the barcode of an item
    is_barcode = len(number) == 13 and fmt == "plain" and prefix in ("", "ref ") and ean.is_valid(number)
    assume(not is_barcode)
    line = prefix + shown + suffix
    out, counts = scrub_text(line, RedactionPolicy(keep_card_last4=keep4), terms=False)
    region = out[len(prefix) : len(prefix) + len(shown)]
    visible_digits = "".join(c for c in region if c.isdigit())
    assert counts["card_number"] + counts["member_id"] >= 1, (line, out)
    if keep4:
        assert visible_digits == number[-4:], (line, out)
    else:
        assert visible_digits == "", (line, out)
    assert out[len(prefix) + len(shown) :] == suffix  # what follows is untouched


def _price_us(d: Decimal) -> str:
    return f"{d:,.2f}"


def _price_de(d: Decimal) -> str:
    return f"{d:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2039, 12, 31))
times = st.times()
date_formats = st.sampled_from(["%m/%d/%Y", "%m/%d/%y", "%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d-%m-%Y", "%b %d, %Y", "%Y%m%d"])
time_formats = st.sampled_from(["%H:%M", "%H:%M:%S", "%I:%M %p", "%H.%M Uhr"])
zips = st.integers(0, 99999).map(lambda z: f"{z:05d}")
quantities = st.integers(1, 48)


@st.composite
def ordinary_lines(draw: st.DrawFn) -> str:
    p, q = draw(prices), draw(prices)
    d = draw(dates).strftime(draw(date_formats))
    t = draw(times).strftime(draw(time_formats))
    z = draw(zips)
    n = draw(quantities)
    templates = [
        f"TOTAL {_price_us(p)}",
        f"TOTAL {p}",
        f"SUBTOTAL {_price_us(p)} TAX {_price_us(q)}",
        f"SUMME EUR {_price_de(p)}",
        f"MWST 19% {_price_de(q)} NETTO {_price_de(p)}",
        f"{d} {t}",
        f"DATE: {d} TIME: {t}",
        f"{n} @ {_price_us(p)}",
        f"{n} x {_price_de(p)} {_price_de(q)} A",
        f"{n} ST x {_price_de(p)}",
        f"Springfield, IL {z}",
        f"{z} Berlin",
        f"STORE 0421 {z} {d} {t}",
        f"BANANAS {n} LB {_price_us(p)} F",
        f"ITEM {z} {_price_us(p)} {_price_us(q)}",
        "TOTAL 45.00",
    ]
    return draw(st.sampled_from(templates))


@SETTINGS
@given(ordinary_lines())
def test_ordinary_receipt_numbers_are_never_erased(line: str) -> None:
    out, counts = scrub_text(line, terms=False)
    assert out == line, (line, out, counts)
    assert FILL not in out
