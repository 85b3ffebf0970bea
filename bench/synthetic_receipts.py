"""Rendered receipts from the US, Germany, the UK and France, in the layout of receipts-dev.

    .venv/bin/python bench/synthetic_receipts.py var/synthetic --count 48 --seed 1
    .venv/bin/python bench/accuracy.py var/synthetic

The dev set is Malaysian scans only; extraction is also judged on other countries' receipts and
on phone photos. This writes ``images/<id>.jpg`` and ``labels/<id>.json`` (``company`` and
``normalized.date`` / ``normalized.total``, as receipts-dev, and ``normalized.time``) for receipts rendered with Pillow:
each country's own words (TOTAL / BALANCE DUE / AMOUNT DUE, SUMME / ZU ZAHLEN / GESAMT,
TOTAL TTC / NET A PAYER), date formats (month first in the US), decimal commas, currency marks,
tax lines, quantities, discounts, tips, card and cash payment lines, in several fonts, some
faded; half of them as photos (tilted, in mild perspective, shaded, noisy, blurred, JPEG'd). Everything comes from one seed, so a run is repeatable.
The receipts are invented; no real shop is named.

    .venv/bin/python bench/synthetic_receipts.py var/synthetic-usd --count 24 --countries us --dollar-signs

writes US receipts whose amounts carry a glued "$", half of them phone photos (#14 class 1).

    .venv/bin/python bench/synthetic_receipts.py /tmp/syn-rest --kind restaurant --count 24 --seed 14
    .venv/bin/python bench/synthetic_receipts.py /tmp/syn-disc --kind discounter --count 24 --seed 14

write US restaurant checks (server / table / guests header, "2 Lasagna 35.98", modifiers indented
under a dish, a tip guide, a card slip whose tip and total are left blank or written in by hand in
a larger slanted font: the labelled total is then what was paid), three in four as phone photos;
and German discounter receipts (a logo, or only the legal name in the footer, which is then the
label; tax-class letters in the price column, "2 x 0,69" count lines, Pfand and Leergut, Summe /
zu zahlen, cash with change or a card, the VAT table, DD.MM.YY beside the time at the top, the
bottom or under a "Datum Uhrzeit Filiale Kasse Bon" header), four in five as 300 dpi scans. Their
labels also carry ``items`` (description, count, amount), ``item_count`` and ``items_sum_matches``.

    .venv/bin/python bench/synthetic_receipts.py /tmp/syn-mkt61 --kind supermarket --count 24 --seed 61
    .venv/bin/python bench/synthetic_receipts.py /tmp/syn-vpay61 --kind restaurant --count 24 --seed 61 \
        --varied-headers --varied-payments

write German supermarket and drugstore receipts (a logo over the legal name, count and weight lines
under their items, savings, Pfand, SUMME, "Geg. EC-Cash" or cash with change, the card terminal's
customer copy with "Datum:" / "Uhrzeit:" lines and the year-less "AS-Zeit 02.03. 15:59 Uhr", the
VAT table's "Gesamtbetrag" row, a loyalty-points block), three in four laid on an A4 flatbed and
scanned; and restaurant checks whose discounts, taxes and payments vary (a happy-hour discount,
state and city tax, the total alone under a rule, a tip keyed in at the card terminal, cash with
change).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import zoneinfo
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSans.ttf", "DejaVuSansCondensed.ttf")
THERMAL_FONTS = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")  # till printers print a fixed pitch
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CENT = Decimal("0.01")

NAMES = ("Harbor", "Maple", "Sunrise", "Lindenhof", "Greenway", "Riverside", "Bluebell", "Kastanie", "Oakwood",
         "Meadow", "Northgate", "Sonnenblick", "Beaumont", "Willow", "Hillcrest", "Seeblick")
KINDS = {
    "us": ("MARKET", "PHARMACY", "DINER", "CINEMAS", "TOBACCO", "FOODS", "HARDWARE"),
    "de": ("Markt", "Apotheke", "Bäckerei", "Drogerie", "Kino", "Getränke"),
    "uk": ("Stores", "Pharmacy", "Cafe", "Cinema", "Newsagents", "Foods"),
    "fr": ("Marché", "Pharmacie", "Boulangerie", "Cinéma", "Tabac", "Épicerie"),
}
LEGAL = {"us": ("", "", "INC", "LLC"), "de": ("", "GmbH", "KG", "e.K."), "uk": ("", "Ltd", "Ltd"),
         "fr": ("", "SARL", "SAS")}
ITEMS = {
    "us": ("MILK 1 GAL", "WHEAT BREAD", "BANANAS", "EGGS LARGE 12CT", "CHEDDAR CHEESE", "COFFEE BEANS",
           "ORANGE JUICE", "PAPER TOWELS", "CHICKEN BREAST", "APPLES GALA", "PASTA PENNE", "TOMATO SAUCE"),
    "de": ("Vollmilch 3,5%", "Roggenbrot", "Bananen", "Eier 10er", "Gouda jung", "Kaffee Bohnen", "Apfelsaft",
           "Butter", "Hähnchenbrust", "Äpfel Elstar", "Spaghetti", "Tomaten passiert"),
    "uk": ("Semi Skimmed Milk", "Wholemeal Bread", "Bananas", "Free Range Eggs", "Mature Cheddar", "Tea Bags 80",
           "Orange Juice", "Kitchen Roll", "Chicken Thighs", "Braeburn Apples", "Penne Pasta", "Baked Beans"),
    "fr": ("Lait demi-écrémé", "Baguette", "Bananes", "Oeufs x12", "Comté", "Café moulu", "Jus d'orange",
           "Beurre doux", "Poulet fermier", "Pommes Gala", "Pâtes", "Yaourt nature"),
}
CITIES = {
    "us": ("Springfield, IL 62701", "Portland, OR 97205", "Austin, TX 78701", "Columbus, OH 43215"),
    "de": ("50667 Köln", "80331 München", "20095 Hamburg", "70173 Stuttgart"),
    "uk": ("Oxford OX1 4AH", "Leeds LS1 5AB", "Bristol BS1 4DJ", "York YO1 7HH"),
    "fr": ("75011 Paris", "69002 Lyon", "33000 Bordeaux", "31000 Toulouse"),
}


@dataclass(frozen=True)
class Receipt:
    id: str
    country: str
    merchant: str
    date: dt.date
    time: dt.time
    total: Decimal
    lines: list[str]


def money(value: Decimal, country: str, sign: bool = False) -> str:
    """``value`` as the country prints it; with ``sign``, a US amount carries its "$" glued on
    (``$12.34``, ``-$2.00``), as most US tills print the totals block: what phone photos garble."""
    text = f"{value:.2f}"
    if sign and country == "us":
        return f"-${text[1:]}" if text.startswith("-") else f"${text}"
    return text.replace(".", ",") if country in ("de", "fr") else text


def row(left: str, right: str, width: int) -> str:
    return f"{left} {right.rjust(max(1, width - len(left) - 1))}"


def build(rng: random.Random, index: int, country: str, signs: bool = False) -> Receipt:
    width = rng.choice((32, 36, 40))
    kind = rng.choice(KINDS[country])
    name = f"{rng.choice(NAMES)} {kind}"
    legal = rng.choice(LEGAL[country])
    merchant = f"{name} {legal}".strip()
    if country == "us":
        merchant = merchant.upper()
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 700))
    time = dt.time(rng.randrange(7, 22), rng.randrange(60))
    items = [(rng.choice(ITEMS[country]), Decimal(rng.randrange(79, 1899)) / 100) for _ in range(rng.randrange(2, 8))]
    lines = [merchant.center(width).rstrip(), f"{rng.randrange(1, 999)} " + {
        "us": "Main Street", "de": "Hauptstraße", "uk": "High Street", "fr": "rue de la Paix"}[country],
        rng.choice(CITIES[country])]
    phone = {"us": f"({rng.randrange(200, 999)}) {rng.randrange(200, 999)}-{rng.randrange(1000, 9999)}",
             "de": f"Tel. 0{rng.randrange(30, 999)} {rng.randrange(100000, 9999999)}",
             "uk": f"Tel: 01{rng.randrange(100, 999)} {rng.randrange(100000, 999999)}",
             "fr": f"Tél : 0{rng.randrange(1, 5)} {rng.randrange(10, 99)} {rng.randrange(10, 99)} "
                   f"{rng.randrange(10, 99)} {rng.randrange(10, 99)}"}[country]
    lines.append(phone)
    date_line = _date_line(rng, country, date, time)
    top = rng.random() < 0.5
    if top:
        lines.append(date_line)
    lines.append("")
    subtotal = _item_lines(rng, country, items, lines, width, signs and rng.random() < 0.5)
    total = _totals(rng, country, subtotal, lines, width, signs)
    lines.extend(_payment(rng, country, total, width, signs))
    if not top:
        lines.append(date_line)
    lines.append({"us": "THANK YOU FOR SHOPPING WITH US", "de": "Vielen Dank für Ihren Einkauf",
                  "uk": "Thank you for your custom", "fr": "Merci de votre visite"}[country])
    return Receipt(f"syn-{index:03d}-{country}", country, merchant, date, time, total, lines)


def _item_lines(rng: random.Random, country: str, items, lines: list[str], width: int, sign: bool = False) -> Decimal:
    """Item lines, some with a quantity line above them or a discount below; returns their sum."""
    subtotal = Decimal(0)
    for description, price in items:
        suffix = {"us": rng.choice(("", " F", " N", " T")), "de": rng.choice((" A", " B")), "uk": "", "fr": ""}[country]
        quantity = rng.choice((1, 1, 1, 2, 3))
        amount = price * quantity
        if quantity > 1:
            times = {"us": "@", "de": "x", "uk": "@", "fr": "x"}[country]
            lines.append(f"  {quantity} {times} {money(price, country)}")
        lines.append(row(description, money(amount, country, sign) + suffix, width))
        subtotal += amount
        if rng.random() < 0.1:
            discount = (amount * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)
            word = {"us": "COUPON", "de": "Rabatt", "uk": "Multibuy saving", "fr": "Remise"}[country]
            lines.append(row(word, "-" + money(discount, country), width))
            subtotal -= discount
    return subtotal


def _date_line(rng: random.Random, country: str, date: dt.date, time: dt.time) -> str:
    if country == "us":
        d = date.strftime(rng.choice(("%m/%d/%Y", "%m/%d/%y", "%b %d, %Y")))
        return f"{d} {time.strftime('%I:%M %p')}"
    if country == "de":
        d = date.strftime(rng.choice(("%d.%m.%Y", "%d.%m.%y")))
        return rng.choice((f"Datum: {d} Uhrzeit: {time:%H:%M}", f"{d} {time:%H:%M} Bon 4711"))
    if country == "uk":
        return f"{date:%d/%m/%Y} {time:%H:%M}"
    return f"Le {date:%d/%m/%Y} à {time:%H:%M}"


def _totals(rng: random.Random, country: str, subtotal: Decimal, lines: list[str], width: int,
            sign: bool = False) -> Decimal:
    """Tax and total lines in the country's words; returns the total to pay."""
    cur = {"us": "", "de": "EUR ", "uk": "£", "fr": ""}[country]
    if country == "us":
        rate = Decimal(rng.choice(("6.25", "7.00", "8.25", "9.50")))
        tax = (subtotal * rate / 100).quantize(CENT, ROUND_HALF_UP)
        total = subtotal + tax
        lines.append(row("SUBTOTAL", money(subtotal, country, sign), width))
        lines.append(row(f"SALES TAX {rate}%", money(tax, country, sign), width))
        if rng.random() < 0.25:  # a restaurant bill: the tip is added before the total
            tip = (subtotal * Decimal(rng.choice(("0.15", "0.18", "0.20")))).quantize(CENT, ROUND_HALF_UP)
            lines.append(row("TIP", money(tip, country, sign), width))
            total += tip
        lines.append(row(rng.choice(("TOTAL", "BALANCE DUE", "AMOUNT DUE", "TOTAL DUE")), money(total, country, sign),
                         width))
        return total
    rate = Decimal(rng.choice(("19", "7"))) if country == "de" else Decimal("20")
    tax = (subtotal * rate / (100 + rate)).quantize(CENT, ROUND_HALF_UP)  # VAT included in prices
    if country == "de":
        lines.append(row(rng.choice(("SUMME", "ZU ZAHLEN", "GESAMT", "Summe")), cur + money(subtotal, country), width))
        lines.append(f"MwSt {rate}% {money(subtotal - tax, country)} {money(tax, country)}")
    elif country == "uk":
        lines.append(row(rng.choice(("TOTAL", "BALANCE DUE", "Total to pay")), cur + money(subtotal, country), width))
        lines.append(row(f"VAT {rate}% included", cur + money(tax, country), width))
    else:
        lines.append(row(rng.choice(("TOTAL TTC", "NET A PAYER", "TOTAL")), money(subtotal, country) + " €", width))
        lines.append(row(f"dont TVA {rate}%", money(tax, country), width))
    return subtotal


def _payment(rng: random.Random, country: str, total: Decimal, width: int, sign: bool = False) -> list[str]:
    """Paid by card (a masked number under it) or in cash with change."""
    cash, change = {"us": ("CASH", "CHANGE DUE"), "de": ("Geg. BAR", "Rückgeld"), "uk": ("Cash", "Change due"),
                    "fr": ("Espèces", "Rendu")}[country]
    if rng.random() < 0.4:
        given = (total / 10).to_integral_value(rounding="ROUND_CEILING") * 10
        return [row(cash, money(given, country, sign), width), row(change, money(given - total, country, sign), width)]
    card = {"us": ("VISA", "MASTERCARD", "DEBIT"), "de": ("EC-Karte", "Kartenzahlung", "girocard"),
            "uk": ("Card payment", "Contactless", "VISA DEBIT"), "fr": ("CB", "Carte bancaire", "CB SANS CONTACT")}
    return [row(rng.choice(card[country]), money(total, country, sign), width),
            f"{'*' * 12}{rng.randrange(1000, 9999)}"]


# --- restaurant checks (US) and discounter receipts (DE): --kind restaurant / --kind discounter ---

RESTAURANTS = ("COPPER KETTLE", "BLUE HERON GRILL", "ROSA'S TRATTORIA", "LUCKY DRAGON", "THE SALTY PELICAN",
               "MAPLE STREET DINER", "RED BARN BBQ", "CASA VERDE CANTINA", "HARBOR LIGHT TAVERN", "GOLDEN SPOON BISTRO")
DISHES = (("Lasagna", "17.99"), ("Caesar Salad", "9.50"), ("Cheeseburger", "13.49"), ("Fish Tacos", "14.25"),
          ("Chicken Wings", "12.99"), ("Iced Tea", "2.99"), ("Draft Beer", "6.50"), ("Coke", "2.75"),
          ("Ribeye Steak", "28.00"), ("Pad Thai", "13.95"), ("Clam Chowder", "7.25"), ("Onion Rings", "5.99"),
          ("Margarita", "9.00"), ("Coffee", "2.50"), ("Cheesecake", "7.50"), ("Club Sandwich", "11.75"))
MODIFIERS = (("no onions", None), ("add bacon", "1.50"), ("extra cheese", "1.00"), ("side ranch", "0.75"),
             ("well done", None), ("sub fries", "2.00"), ("no ice", None), ("dressing on side", None))
SERVERS = ("Maria", "Dana", "Josh", "Kim", "Luis", "Tasha", "Ben")
DISCOUNTERS = ("NORDKAUF", "SPARFIX", "PREISRADL", "KAUFGUT", "MARKTBLITZ", "SPARKORB", "FRISCHPUNKT")
GROCERIES = (("Vollmilch 3,5%", "0.99"), ("Toastbrot", "1.19"), ("Bananen", "1.69"), ("Eier Bodenh. 10St", "2.29"),
             ("Gouda Scheiben", "1.89"), ("Kaffee gemahlen", "4.99"), ("Apfelschorle", "0.69"), ("Butter", "2.19"),
             ("Joghurt Natur", "0.49"), ("Spaghetti", "0.89"), ("Tomaten passiert", "0.59"), ("Mineralwasser", "0.25"),
             ("Kartoffeln 2kg", "2.49"), ("Schokolade", "0.99"), ("Cola 1,5L", "0.79"), ("Hackfleisch 500g", "3.99"))
BOTTLED = ("Apfelschorle", "Mineralwasser", "Cola 1,5L")


@dataclass(frozen=True)
class Check:
    """A receipt of the new kinds: its lines, the words written by hand into some of them
    (line index, text), and the labelled items (description, count, amount)."""

    receipt: Receipt
    handwritten: tuple[tuple[int, str], ...]
    items: tuple[tuple[str, int, Decimal], ...]


def build_restaurant(rng: random.Random, index: int, varied: bool = False, payments: bool = False) -> Check:
    """A US restaurant check: server/table header, quantities before the dishes, modifiers indented
    under them, subtotal, sales tax, total; a tip guide, a card slip with a tip line left blank or
    filled in by hand (the paid total is then total + tip), "$" glued to the amounts on some.
    ``varied``: the header and what is paid as more restaurants print them (``_Variety``);
    ``payments``: taxes, discounts and payments as more checks print them (``_PaymentVariety``)."""
    variety = _Variety(random.Random(rng.random())) if varied else None
    paying = _PaymentVariety(random.Random(rng.random())) if payments else None
    width = rng.choice((32, 36, 40))
    sign = rng.random() < 0.5
    name = rng.choice(RESTAURANTS)
    when = dt.datetime(2023, 1, 1, 11) + dt.timedelta(days=rng.randrange(0, 900), minutes=rng.randrange(0, 660))
    lines = [name.center(width).rstrip(), f"{rng.randrange(1, 9999)} " + rng.choice(
        ("Ocean Ave", "Main St", "Elm Street", "Broadway", "Route 9")), rng.choice(CITIES["us"]),
        f"({rng.randrange(200, 999)}) {rng.randrange(200, 999)}-{rng.randrange(1000, 9999)}", ""]
    if variety is not None:
        lines = variety.header(name, lines, width)
    server, table = rng.choice(SERVERS), rng.randrange(1, 60)
    guests, check = rng.randrange(1, 7), rng.randrange(1000, 99999)
    lines.extend(rng.choice((
        [row(f"Server: {server}", f"Table: {table}", width), row(f"Guests: {guests}", f"Check #{check}", width)],
        [f"Chk {check}  Tbl {table}  Gst {guests}", f"Server {rng.randrange(100, 999)} {server}"],
        [row(f"Table {table}/{guests}", f"Check: {check}", width), f"Server: {server}"])))
    date_line = _us_check_date(rng, when)
    top = rng.random() < 0.8
    if top:
        lines.append(date_line)
    lines.append("")
    items, subtotal = [], Decimal(0)
    for description, price in rng.sample(DISHES, rng.randrange(2, 7)):
        quantity = rng.choice((1, 1, 1, 2, 2, 3))
        amount = Decimal(price) * quantity
        lines.append(row(f"{quantity} {description}", money(amount, "us"), width))
        if rng.random() < 0.3:
            modifier, extra = rng.choice(MODIFIERS)
            if extra is None:
                lines.append(f"   {modifier}")
            else:
                lines.append(row(f"   {modifier}", money(Decimal(extra), "us"), width))
                amount += Decimal(extra)
        items.append((description, quantity, amount))
        subtotal += amount
    if paying is not None and paying.layout == "discount":
        off = paying.discount(subtotal, lines, width, sign)
        items.append(("Discount", 1, -off))
        subtotal -= off
    rate = Decimal(rng.choice(("6.25", "7.00", "8.25", "8.875", "9.50")))
    tax = (subtotal * rate / 100).quantize(CENT, ROUND_HALF_UP)
    total = subtotal + tax
    lines.extend(["", row(rng.choice(("Subtotal", "SUBTOTAL", "Sub Total")), money(subtotal, "us", sign), width)])
    if paying is not None and paying.layout == "two taxes":
        tax = paying.two_taxes(subtotal, lines, width, sign)
        total = subtotal + tax
    else:
        lines.append(row(rng.choice(("Sales Tax", "Tax", f"TAX {rate}%")), money(tax, "us", sign), width))
    if variety is not None and guests >= 5:  # a party's gratuity, added by the house
        gratuity = (subtotal * Decimal("0.18")).quantize(CENT, ROUND_HALF_UP)
        lines.append(row(variety.pick(("Gratuity 18%", "Auto Grat 18%", "Service Charge")), money(gratuity, "us", sign),
                         width))
        total += gratuity
    total_label = rng.choice(("Total", "TOTAL", "Balance Due", "Amount Due"))
    if paying is not None and paying.layout == "bare total":
        lines.extend(["-" * width, money(total, "us", sign).rjust(width)])
    else:
        lines.append(row(total_label, money(total, "us", sign), width))
    if rng.random() < 0.4:
        lines.extend(_tip_guide(rng, subtotal, total, sign))
    if not top:
        lines.append(date_line)
    handwritten: list[tuple[int, str]] = []
    paid = total
    if paying is not None and paying.layout in ("terminal tip", "cash"):
        paid = paying.paid(total, lines, width, sign)
    elif rng.random() < 0.6:  # the card slip: the customer's copy with the tip line
        card = rng.choice(("VISA", "MASTERCARD", "AMEX", "DISCOVER"))
        lines.extend(["", rng.choice(("CUSTOMER COPY", "MERCHANT COPY", "")),
                      rng.choice((f"{card} XXXX{rng.randrange(1000, 9999)}",
                                  f"{card} {'X' * 12}{rng.randrange(1000, 9999)}")),
                      rng.choice((f"Auth {rng.randrange(0, 999999):06d}",
                                  f"Auth Code: {rng.randrange(0, 999999):06d}")),
                      "APPROVED", row("Amount:", money(total, "us", sign), width), ""])
        if rng.random() < 0.5:  # the tip and the paid total written in by hand
            tip = (total * Decimal(rng.choice(("0.15", "0.18", "0.20", "0.22")))).quantize(Decimal(1), ROUND_HALF_UP)
            paid = total + tip
            handwritten = [(len(lines), f"{tip}" if rng.random() < 0.5 else f"{tip}.00"),
                           (len(lines) + 2, f"{paid:.2f}")]
        lines.extend(["Tip: ______________", "", "Total: ____________", "", "x_______________________",
                      "Signature"])
    else:
        lines.append(row(rng.choice(("VISA", "MASTERCARD", "Cash")), money(total, "us", sign), width))
    lines.append(rng.choice(("Thank you! Come again", "THANK YOU FOR DINING WITH US", "Please come again")))
    if variety is not None:
        lines.extend(variety.footer(name))
    receipt = Receipt(f"syn-rest-{index:03d}-us", "us", name, when.date(), when.time(), paid, lines)
    return Check(receipt, tuple(handwritten), tuple(items))


SLOGANS = ("Fine Italian Cuisine", "Est. 1987", "Family Owned Since 1975", "Bar & Grill", "Authentic Mexican Food",
           "Seafood & Spirits", "Good Food Good Mood")


class _Variety:
    """How more restaurants print their check: a slogan under the name, "Welcome to" before it, the
    order type above it, no name at the top (the logo a picture) but in the thanks at the bottom,
    the web address in the footer. Its own random stream, so the plain checks of a seed stay."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.layout = rng.choice(("slogan", "welcome", "order first", "logo only", "web"))

    def pick(self, options):
        return self.rng.choice(options)

    def header(self, name: str, lines: list[str], width: int) -> list[str]:
        rest = lines[1:]
        if self.layout == "slogan":
            return [lines[0], self.pick(SLOGANS).center(width).rstrip(), *rest]
        if self.layout == "welcome":
            return [f"Welcome to {name.title()}".center(width).rstrip(), *rest]
        if self.layout == "order first":
            return [self.pick(("DINE IN", "Dine In", "TO GO")), f"Order #{self.rng.randrange(1, 999)}", *lines]
        if self.layout == "logo only":
            return rest
        return lines

    def footer(self, name: str) -> list[str]:
        if self.layout == "logo only":
            return [f"Thank you for dining at {name.title()}!"]
        if self.layout == "web":
            return [f"www.{name.lower().replace(' ', '').replace(chr(39), '')}.com"]
        return []


class _PaymentVariety:
    """What more checks print between the dishes and the thanks: a discount (happy hour, a comp)
    under the dishes, state and city taxes on two lines, the total alone under a rule with no
    word, a tip keyed in at the card terminal (tip and paid total printed after the card line),
    cash with change. Its own random stream, so the checks of a seed without it stay."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.layout = rng.choice(("discount", "two taxes", "bare total", "terminal tip", "cash"))

    def discount(self, subtotal: Decimal, lines: list[str], width: int, sign: bool) -> Decimal:
        off = min(subtotal / 2, Decimal(self.rng.choice(("2.00", "5.00", "7.50")))).quantize(CENT)
        lines.append(row(self.rng.choice(("Happy Hour", "Comp Manager", "Coupon", "Discount 10%")),
                         "-" + money(off, "us", sign), width))
        return off

    def two_taxes(self, subtotal: Decimal, lines: list[str], width: int, sign: bool) -> Decimal:
        state = (subtotal * Decimal("0.0625")).quantize(CENT, ROUND_HALF_UP)
        local = (subtotal * Decimal(self.rng.choice(("0.0075", "0.01", "0.02")))).quantize(CENT, ROUND_HALF_UP)
        lines.extend([row("State Tax", money(state, "us", sign), width),
                      row(self.rng.choice(("City Tax", "Local Tax", "Meals Tax")), money(local, "us", sign), width)])
        return state + local

    def paid(self, total: Decimal, lines: list[str], width: int, sign: bool) -> Decimal:
        if self.layout == "cash":
            given = (total / 20).to_integral_value(rounding="ROUND_CEILING") * 20
            lines.extend([row("Cash", money(given, "us", sign), width),
                          row("Change", money(given - total, "us", sign), width)])
            return total
        tip = (total * Decimal(self.rng.choice(("0.15", "0.18", "0.20")))).quantize(CENT, ROUND_HALF_UP)
        card = self.rng.choice(("VISA", "MASTERCARD", "AMEX"))
        lines.extend(["", f"{card} XXXXXXXXXXXX{self.rng.randrange(1000, 9999)}", "Chip Read  APPROVED",
                      row("Amount", money(total, "us", sign), width), row("Tip", money(tip, "us", sign), width),
                      row(self.rng.choice(("Total", "TOTAL", "Total Paid")), money(total + tip, "us", sign), width)])
        return total + tip


def _us_check_date(rng: random.Random, when: dt.datetime) -> str:
    """The US restaurant printers' date formats: month first, a 12-hour clock."""
    clock = when.strftime("%I:%M %p").lstrip("0")
    return rng.choice((f"{when:%m/%d/%Y} {clock}", f"{when:%b %d} '{when:%y} {clock.replace(' ', '')}",
                       f"{when:%Y-%m-%d} {when:%H:%M}", f"{when:%m/%d/%y} {clock}"))


def _tip_guide(rng: random.Random, subtotal: Decimal, total: Decimal, sign: bool) -> list[str]:
    """The suggested gratuity block: a share of the subtotal (or the total), sometimes with the
    total that tip would make."""
    base = rng.choice((subtotal, total))
    lines = ["", rng.choice(("Suggested Gratuity", "TIP GUIDE", "For your convenience:"))]
    with_total = rng.random() < 0.5
    for percent in (15, 18, 20):
        tip = (base * percent / 100).quantize(CENT, ROUND_HALF_UP)
        text = f"{percent}% = {money(tip, 'us', sign)}"
        lines.append(f"{text}  Total {money(total + tip, 'us', sign)}" if with_total else text)
    return lines


def build_discounter(rng: random.Random, index: int, varied: bool = False) -> Check:
    """A German discounter receipt: a logo line (or none: the legal name only in the footer),
    a price column with tax-class letters, count lines over the line totals, deposits and returned
    bottles, Summe / zu zahlen, cash with change or a card, the VAT table, the date DD.MM.YY
    beside the time at the top or the bottom or in a header/value row. ``varied``: the till's
    security-module (TSE) block with its UTC stamps, and weighed goods (``_TillVariety``)."""
    variety = _TillVariety(random.Random(rng.random())) if varied else None
    width = rng.choice((34, 38, 42))
    brand = rng.choice(DISCOUNTERS)
    logo = rng.random() < 0.75
    legal = f"{brand.title()} {rng.choice(('GmbH & Co. KG', 'Markt GmbH', 'Discount GmbH & Co. oHG', 'KG'))}"
    when = dt.datetime(2023, 1, 1, 8) + dt.timedelta(days=rng.randrange(0, 900), minutes=rng.randrange(0, 720))
    store, till, bon = rng.randrange(100, 9999), rng.randrange(1, 9), rng.randrange(1000, 9999)
    lines = [brand.center(width).rstrip()] if logo else []
    lines.extend([rng.choice(("Hauptstraße", "Bahnhofstr.", "Industriestraße", "Am Markt"))
                  + f" {rng.randrange(1, 120)}",
                  rng.choice(CITIES["de"])])
    stamp = f"{when:%d.%m.%y} {when:%H:%M}"
    place = rng.choice(("top", "bottom", "table"))
    if place == "top":
        lines.append(rng.choice((stamp, f"{stamp} Bon {bon}", f"Fil. {store}  {stamp}")))
    elif place == "table":
        lines.extend([rng.choice(("Datum Uhrzeit Filiale Kasse Bon", "Datum  Zeit  Fil.  Kasse  Bon-Nr.")),
                      f"{stamp} {store} {till} {bon}"])
    lines.extend(["", "EUR".rjust(width)])
    letters = rng.choice((("A", "B"), ("B", "A")))  # which letter is 7 % (food), which 19 %
    rates = {letters[0]: Decimal(7), letters[1]: Decimal(19)}
    items: list[tuple[str, int, Decimal]] = []
    gross = {letter: Decimal(0) for letter in rates}
    for description, price in rng.sample(GROCERIES, rng.randrange(3, 10)):
        letter = letters[1] if description in BOTTLED else letters[0]
        quantity = rng.choice((1, 1, 1, 2, 3, 4))
        amount = Decimal(price) * quantity
        if quantity > 1:
            lines.append(f"  {quantity} x {money(Decimal(price), 'de')}" if rng.random() < 0.6
                         else f"  {quantity} Stk x {money(Decimal(price), 'de')}")
        marker = rng.choice((" ", "*")) if rng.random() < 0.3 else " "
        lines.append(row(description, f"{money(amount, 'de')}{marker}{letter}", width))
        items.append((description, quantity, amount))
        gross[letter] += amount
        if description in BOTTLED:
            deposit = Decimal("0.25") * quantity
            lines.append(row("Pfand", f"{money(deposit, 'de')} {letters[1]}", width))
            items.append(("Pfand", quantity, deposit))
            gross[letters[1]] += deposit
    if variety is not None:
        for description, kilos, per_kilo in variety.weighed():
            amount = (kilos * per_kilo).quantize(CENT, ROUND_HALF_UP)
            lines.extend([row(description, f"{money(amount, 'de')} {letters[0]}", width),
                          f"  {str(kilos).replace('.', ',')} kg x {money(per_kilo, 'de')} EUR/kg"])
            items.append((description, 1, amount))
            gross[letters[0]] += amount
    if rng.random() < 0.25:
        bottles = rng.randrange(2, 9)
        refund = Decimal("0.25") * bottles
        label = rng.choice(("Leergut", "Leergutbon", "Pfandrückgabe"))
        lines.append(row(label, f"-{money(refund, 'de')} {letters[1]}", width))
        items.append(("Leergut", 1, -refund))
        gross[letters[1]] -= refund
    total = sum(gross.values(), Decimal(0))
    lines.append("-" * width)
    lines.append(row(rng.choice(("Summe", "SUMME", "Summe EUR")), money(total, "de"), width))
    if rng.random() < 0.5:
        lines.append(row(rng.choice(("zu zahlen", "Zu zahlen", "ZU ZAHLEN")), money(total, "de"), width))
    if rng.random() < 0.45:
        given = (total / 5).to_integral_value(rounding="ROUND_CEILING") * 5
        lines.extend([row(rng.choice(("Bar", "Gegeben Bar", "BAR")), money(given, "de"), width),
                      row(rng.choice(("Rückgeld", "Zurück", "RÜCKGELD")), money(given - total, "de"), width)])
    else:
        lines.extend([row(rng.choice(("EC-Karte", "Kartenzahlung", "girocard")), money(total, "de"), width),
                      "", rng.choice(("Kartenzahlung girocard", "EC-Cash", "Debit Mastercard")),
                      f"Betrag EUR {money(total, 'de')}", "Zahlung erfolgt"])
    lines.extend(["", rng.choice(("MwSt    %    Netto   MwSt  Brutto", "Steuer  %  Netto  Steuer  Brutto",
                                  "MWST% NETTO MWST BRUTTO"))])
    for letter in sorted(rates):
        if gross[letter]:
            vat = (gross[letter] * rates[letter] / (100 + rates[letter])).quantize(CENT, ROUND_HALF_UP)
            lines.append(f"{letter} {rates[letter]}%  {money(gross[letter] - vat, 'de')}  {money(vat, 'de')}  "
                         f"{money(gross[letter], 'de')}")
    if variety is not None:
        lines.extend(variety.tse_block(when))
    if place == "bottom":
        lines.extend(["", rng.choice((f"{stamp} {store} {till} {bon}", f"{stamp}  Kasse {till}  Bon {bon}", stamp))])
    lines.extend(["", rng.choice(("Vielen Dank für Ihren Einkauf", "Danke für Ihren Einkauf!")), legal,
                  f"USt-IdNr. DE{rng.randrange(100000000, 999999999)}"])
    company = brand if logo else legal  # no logo: the legal name is the only name printed
    receipt = Receipt(f"syn-disc-{index:03d}-de", "de", company, when.date(), when.time(), total, lines)
    return Check(receipt, (), tuple(items))


WEIGHED = (("Bananen lose", "1.99"), ("Tomaten Rispen", "3.49"), ("Hackfleisch gem.", "8.99"),
           ("Aepfel Elstar", "2.79"))


class _TillVariety:
    """What German tills print besides (since 2020): the security module's block, its stamps in
    ISO 8601 UTC (an hour or two behind the shop's clock); goods weighed at the till."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def weighed(self) -> list[tuple[str, Decimal, Decimal]]:
        chosen = self.rng.sample(WEIGHED, self.rng.choice((0, 1, 1, 2)))
        return [(name, Decimal(self.rng.randrange(150, 2500)) / 1000, Decimal(price)) for name, price in chosen]

    def tse_block(self, when: dt.datetime) -> list[str]:
        local = when.replace(tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
        start = local.astimezone(dt.timezone.utc)
        stop = start + dt.timedelta(seconds=self.rng.randrange(5, 90))
        serial = "".join(self.rng.choice("0123456789abcdef") for _ in range(16))
        return ["", "TSE-Transaktion: " + str(self.rng.randrange(10000, 999999)),
                f"TSE-Start: {start:%Y-%m-%dT%H:%M:%S}.000Z", f"TSE-Stop: {stop:%Y-%m-%dT%H:%M:%S}.000Z",
                f"TSE-Seriennr.: {serial}", "TSE-Signaturzaehler: " + str(self.rng.randrange(1000, 99999))]


SUPERMARKETS = (("KORBMARKT", "Korbmarkt GmbH", "supermarket"), ("FRISCHEHOF", "Frischehof Handels GmbH & Co. KG",
                 "supermarket"), ("Marktwerk", "Marktwerk Süd oHG", "supermarket"),
                ("SONNENDROGERIE", "Sonnendrogerie GmbH & Co. KG", "drugstore"),
                ("PFLEGEPUNKT", "Pflegepunkt Drogeriemarkt GmbH", "drugstore"))
MARKET_GOODS = (("BIO BANANE", "1.29"), ("H-MILCH 3,5%", "0.99"), ("SPAGHETTI", "0.79"),
                ("GOUDA JUNG SCHEIBEN", "1.99"),
                ("RISPENTOMATEN", "2.49"), ("ROGGENMISCHBROT", "1.89"), ("JOGHURT MILD 3,8%", "0.59"),
                ("KAFFEE CREMA 1KG", "11.99"), ("MINERALWASSER", "0.49"), ("APFELSAFT KLAR", "1.29"),
                ("BUTTER", "1.99"), ("HAEHNCHENBRUSTFILET", "5.99"), ("ZWIEBELN 1KG", "1.19"))
CARE_GOODS = (("ZAHNCREME", "1.95"), ("DUSCHGEL SENSITIV", "0.95"), ("SHAMPOO REPAIR", "2.45"), ("WATTEPADS", "0.85"),
              ("HANDCREME", "1.75"), ("TASCHENTUECHER", "1.25"), ("DEO ROLL-ON", "1.55"), ("WASCHMITTEL", "4.95"))


def build_supermarket(rng: random.Random, index: int) -> Check:
    """A German supermarket or drugstore receipt: a logo and the legal name with the address and the
    VAT id; an EUR column, tax-class letters, count and weight lines under their items, a saving
    under an item, Pfand; SUMME, "Geg. EC-Cash" or cash with change; the card terminal's customer
    copy (Datum: / Uhrzeit: lines, the authorisation time "AS-Zeit 02.03. 15:59 Uhr", Betrag EUR);
    the VAT table with its "Gesamtbetrag" row; a loyalty-points block; the till's line with date,
    time, Bon, Markt and Kasse at the bottom. Scanned on an A4 flatbed mostly (``flatbed``)."""
    brand, legal, trade = rng.choice(SUPERMARKETS)
    width = rng.choice((38, 40, 42))
    when = dt.datetime(2023, 1, 1, 7) + dt.timedelta(days=rng.randrange(0, 900), minutes=rng.randrange(0, 840))
    logo = rng.random() < 0.8
    lines = [(" ".join(brand) if rng.random() < 0.25 else brand).center(width).rstrip()] if logo else []
    street = rng.choice(("Hauptstraße", "Bahnhofstr.", "Lindenallee", "Marktplatz")) + f" {rng.randrange(1, 90)}"
    lines.extend([legal, street,
                  rng.choice(CITIES["de"]), f"Tel.: 0{rng.randrange(200, 999)} {rng.randrange(100000, 999999)}",
                  f"UID Nr.: DE{rng.randrange(100000000, 999999999)}", "", "EUR".rjust(width)])
    food, other = rng.choice((("B", "A"), ("A", "B")))  # 7 % and 19 %
    rates = {food: Decimal(7), other: Decimal(19)}
    gross = {letter: Decimal(0) for letter in rates}
    items: list[tuple[str, int, Decimal]] = []
    goods = MARKET_GOODS if trade == "supermarket" else CARE_GOODS
    for description, price in rng.sample(goods, rng.randrange(3, 9)):
        letter = food if trade == "supermarket" and description != "WASCHMITTEL" else other
        quantity = rng.choice((1, 1, 1, 2, 3))
        amount = Decimal(price) * quantity
        lines.append(row(description, f"{money(amount, 'de')} {letter}", width))
        if quantity > 1:
            lines.append(f"  {quantity} Stk x {money(Decimal(price), 'de').rjust(6)}")
        if rng.random() < 0.12:
            saving = (amount * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)
            lines.append(row(rng.choice(("  Rabatt 20%", "  Aktionsrabatt", "  Sie sparen")),
                             f"-{money(saving, 'de')} {letter}", width))
            amount -= saving
        items.append((description, quantity, amount))
        gross[letter] += amount
        if description in ("MINERALWASSER", "APFELSAFT KLAR"):
            deposit = Decimal("0.25") * quantity
            lines.append(row("PFAND 0,25 EURO", f"{money(deposit, 'de')} {other} *", width))
            items.append(("Pfand", quantity, deposit))
            gross[other] += deposit
    if trade == "supermarket" and rng.random() < 0.5:
        kilos, per_kilo = Decimal(rng.randrange(200, 1800)) / 1000, Decimal(rng.choice(("1.49", "2.99", "3.79")))
        amount = (kilos * per_kilo).quantize(CENT, ROUND_HALF_UP)
        lines.extend([row(rng.choice(("TRAUBEN HELL", "NEKTARINEN", "PAPRIKA ROT")), f"{money(amount, 'de')} {food}",
                          width),
                      f"  {str(kilos).replace('.', ',')} kg x  {money(per_kilo, 'de')} EUR/kg"])
        items.append(("gewogen", 1, amount))
        gross[food] += amount
    total = sum(gross.values(), Decimal(0))
    lines.extend(["-" * width, row("SUMME", f"EUR {money(total, 'de')}", width), "=" * width])
    card = rng.random() < 0.65
    if card:
        lines.append(row(rng.choice(("Geg. EC-Cash", "Geg. Girocard", "Geg. Mastercard", "Geg. VISA")),
                         f"EUR {money(total, 'de')}", width))
    else:
        given = (total / 10).to_integral_value(rounding="ROUND_CEILING") * 10
        lines.extend([row("Geg. BAR", f"EUR {money(given, 'de')}", width),
                      row("Rückgeld BAR", f"EUR {money(given - total, 'de')}", width)])
    lines.append("")
    if card:
        slip = when + dt.timedelta(seconds=rng.randrange(5, 50))
        lines.extend(["*  Kundenbeleg  *".center(width).rstrip(), row("Datum:", f"{slip:%d.%m.%Y}", width),
                      row("Uhrzeit:", f"{slip:%H:%M:%S} Uhr", width),
                      row("Beleg-Nr.", str(rng.randrange(1000, 9999)), width),
                      row("Trace-Nr.", f"{rng.randrange(0, 999999):06d}", width), "Bezahlung".center(width).rstrip(),
                      rng.choice(("Contactless", "Kartenzahlung")).center(width).rstrip(),
                      rng.choice(("girocard", "Mastercard", "VISA")).center(width).rstrip(),
                      row("Nr.", f"############{rng.randrange(1000, 9999)} 0000", width),
                      row("VU-Nr.", str(rng.randrange(10 ** 8, 10 ** 9)), width),
                      row("Terminal-ID", str(rng.randrange(10 ** 7, 10 ** 8)), width),
                      row("Pos-Info", "00 075 00", width), f"AS-Zeit {slip:%d.%m.} {slip:%H:%M} Uhr",
                      row("Betrag EUR", money(total, "de"), width), "Zahlung erfolgt".center(width).rstrip(),
                      "BITTE BELEG AUFBEWAHREN".center(width).rstrip(), ""])
    lines.append("Steuer  %    Netto  Steuer  Brutto")
    net_sum, vat_sum = Decimal(0), Decimal(0)
    for letter in sorted(rates):
        if gross[letter]:
            vat = (gross[letter] * rates[letter] / (100 + rates[letter])).quantize(CENT, ROUND_HALF_UP)
            lines.append(f"{letter}= {rates[letter]},0%  {money(gross[letter] - vat, 'de'):>6}  {money(vat, 'de'):>5}  "
                         f"{money(gross[letter], 'de'):>6}")
            net_sum, vat_sum = net_sum + gross[letter] - vat, vat_sum + vat
    lines.append(f"Gesamtbetrag {money(net_sum, 'de'):>6}  {money(vat_sum, 'de'):>5}  {money(total, 'de'):>6}")
    if rng.random() < 0.5:
        lines.extend(["", f"PUNKTE-Karte: ########{rng.randrange(1000, 9999)}",
                      f"Punktestand vor Einkauf: {rng.randrange(1000, 9999):,}".replace(",", "."),
                      f"Punkte mit diesem Einkauf: {int(total) // 2}", f"Ihr Umsatz: {money(total, 'de')} EUR"])
    bon, store, till = rng.randrange(1000, 9999), rng.randrange(1000, 9999), rng.randrange(1, 9)
    lines.extend(["", rng.choice((f"{when:%d.%m.%Y}  {when:%H:%M}  Bon-Nr.:{bon}",
                                  f"{when:%d.%m.%y} {when:%H:%M} Bon {bon}")),
                  f"Markt:{store} Kasse:{till} Bed.:{rng.randrange(100000, 999999)}",
                  "*" * width, rng.choice(("Vielen Dank für Ihren Einkauf", f"Ihr {brand.title()} Team dankt!")),
                  "Öffnungszeiten Mo-Sa 7-22 Uhr"])
    company = brand if logo else legal
    receipt = Receipt(f"syn-market-{index:03d}-de", "de", company, when.date(), when.time(), total, lines)
    return Check(receipt, (), tuple(items))


DIY_STORES = (("WERKHOF", "Werkhof Baumarkt GmbH"), ("BAUKISTE", "Baukiste Bau- und Gartenmarkt GmbH & Co. KG"),
              ("HAMMERWERK", "Hammerwerk Heimwerkermarkt KG"))
DIY_GOODS = (("Holzschrauben 4x40", "3.99"), ("Duebel 8mm 50St", "2.49"), ("Malerkrepp 30mm", "1.79"),
             ("Wandfarbe weiss 10l", "34.95"), ("Silikon transp.", "5.49"), ("Kabelbinder 100St", "3.29"),
             ("Blumenerde 40l", "6.99"), ("LED Lampe E27", "4.95"), ("Schleifpapier K120", "2.19"),
             ("Akkuschrauber 18V", "59.00"), ("Arbeitshandschuhe", "3.95"))


def build_diy(rng: random.Random, index: int) -> Check:
    """A German DIY store's receipt: the logo spaced out or not, article numbers before the goods,
    a quantity column (``2 ST``), unit price and amount with a tax-class digit (``1``: 19 %), the
    sum, cash or card, the VAT row, the till line with date and time at the bottom."""
    brand, legal = rng.choice(DIY_STORES)
    width = 44
    when = dt.datetime(2023, 1, 1, 7) + dt.timedelta(days=rng.randrange(0, 900), minutes=rng.randrange(0, 780))
    logo = brand if rng.random() < 0.6 else " ".join(brand.lower())
    lines = [logo.center(width).rstrip(), legal, rng.choice(("Gewerbestraße", "Industriering", "Am Bauhof"))
             + f" {rng.randrange(1, 60)}", rng.choice(CITIES["de"]), f"Tel. 0{rng.randrange(200, 999)}/{rng.randrange(10000, 99999)}",
             "", "Art.-Nr.  Bezeichnung   Menge  Preis  Betrag"]
    items: list[tuple[str, int, Decimal]] = []
    total = Decimal(0)
    for description, price in rng.sample(DIY_GOODS, rng.randrange(2, 7)):
        quantity = rng.choice((1, 1, 2, 3, 5))
        amount = Decimal(price) * quantity
        number = str(rng.randrange(10 ** 6, 10 ** 7)) if rng.random() < 0.6 else str(rng.randrange(4 * 10 ** 12, 5 * 10 ** 12))
        if rng.random() < 0.5:
            lines.append(f"{number} {description}")
            lines.append(row(f"  {quantity} ST x {money(Decimal(price), 'de')}", f"{money(amount, 'de')} 1", width))
        else:
            lines.append(row(f"{number} {description}", f"{money(amount, 'de')} 1", width))
            if quantity > 1:
                lines.append(f"  {quantity} ST x {money(Decimal(price), 'de')}")
        items.append((description, quantity, amount))
        total += amount
    vat = (total * 19 / 119).quantize(CENT, ROUND_HALF_UP)
    lines.extend(["-" * width, row("Summe EUR", money(total, "de"), width)])
    if rng.random() < 0.5:
        given = (total / 10).to_integral_value(rounding="ROUND_CEILING") * 10
        lines.extend([row("Bar", money(given, "de"), width), row("Rückgeld", money(given - total, "de"), width)])
    else:
        lines.extend([row(rng.choice(("EC-Karte", "Girocard", "Kreditkarte")), money(total, "de"), width)])
    lines.extend(["", "MwSt-Satz   Netto    MwSt   Brutto",
                  f"1 19,00%  {money(total - vat, 'de'):>7} {money(vat, 'de'):>6} {money(total, 'de'):>7}", "",
                  f"Bon {rng.randrange(1000, 9999)}  Kasse {rng.randrange(1, 20)}  {when:%d.%m.%Y}  {when:%H:%M}",
                  "Umtausch nur mit Kassenbon", "Vielen Dank für Ihren Einkauf!"])
    receipt = Receipt(f"syn-diy-{index:03d}-de", "de", brand, when.date(), when.time(), total, lines)
    return Check(receipt, (), tuple(items))


def flatbed(image: Image.Image, rng: random.Random) -> Image.Image:
    """The slip laid on an A4 flatbed and scanned at 300 dpi: the whole page, the slip a narrow
    strip somewhere on it (a long slip makes a longer page)."""
    page = Image.new("L", (2480, max(3508, image.height + 300)), rng.randrange(235, 252))
    page.paste(image, (rng.randrange(100, 2480 - image.width - 100), rng.randrange(80, 220)))
    return scan(page, rng)


def write_hand(image: Image.Image, receipt: Receipt, handwritten, rng: random.Random) -> Image.Image:
    """Words written into the printed lines with a pen: a larger slanted font, a wobbly baseline,
    to the right of the printed label."""
    if not handwritten:
        return image
    line_height = image.height // (len(receipt.lines) + 4)
    pen = rng.choice(("DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf", "DejaVuSerif-Italic.ttf"))
    font = ImageFont.truetype(str(FONT_DIR / pen), int(line_height * rng.uniform(1.3, 1.7)))
    for index, text in handwritten:
        layer = Image.new("L", (int(font.getlength(text)) + 40, int(font.size * 1.6)), 0)
        ImageDraw.Draw(layer).text((10, 5), text, fill=255, font=font)
        layer = layer.transform(layer.size, Image.AFFINE, (1, rng.uniform(0.15, 0.35), -10, 0, 1, 0),
                                resample=Image.BICUBIC).rotate(rng.uniform(-5, 5), resample=Image.BICUBIC, expand=True)
        x = int(image.width * rng.uniform(0.45, 0.55))
        y = line_height * (index + 2) - layer.height // 3
        ink = Image.new("L", layer.size, rng.randrange(20, 90))
        image.paste(ink, (x, y), layer)
    return image


def scan(image: Image.Image, rng: random.Random) -> Image.Image:
    """A flatbed scan at 300 dpi: white, nearly straight, a little sensor noise."""
    image = image.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, expand=True, fillcolor=250)
    arr = np.asarray(image, dtype=np.float32)
    arr = arr + np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(1.5, 5), arr.shape)
    image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return image.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.6)))


def item_labels(items) -> dict:
    """The labelled items, their count (lines with a positive amount) and that they sum to the
    subtotal (restaurant) or the total (discounter)."""
    return {"items": [{"description": d, "count": c, "amount": str(a)} for d, c, a in items],
            "item_count": sum(1 for _, _, a in items if a > 0), "items_sum_matches": True}


def render(receipt: Receipt, rng: random.Random, fonts: tuple[str, ...] = FONTS) -> Image.Image:
    font = ImageFont.truetype(str(FONT_DIR / rng.choice(fonts)), rng.choice((22, 24, 26, 28)))
    line_height = int(font.size * 1.45)
    text_width = max(int(font.getlength(line)) for line in receipt.lines if line)
    image = Image.new("L", (text_width + 80, line_height * (len(receipt.lines) + 4)), 250)
    draw = ImageDraw.Draw(image)
    faded = rng.random() < 0.3  # thermal paper that has faded
    for i, line in enumerate(receipt.lines):
        ink = rng.randrange(110, 150) if faded else rng.randrange(10, 70)
        draw.text((40, line_height * (i + 2)), line, fill=ink, font=font)
    return image


def photo(image: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo of the slip: on a darker table, tilted, unevenly lit, noisy, blurred, JPEG'd."""
    pad = 120
    table = Image.new("L", (image.width + 2 * pad, image.height + 2 * pad), rng.randrange(60, 130))
    table.paste(image, (pad + rng.randrange(-30, 30), pad + rng.randrange(-30, 30)))
    table = table.rotate(rng.uniform(-6, 6), resample=Image.BICUBIC, fillcolor=rng.randrange(60, 130))
    w, h = table.size  # the phone not quite parallel to the paper: a mild perspective
    d = [rng.uniform(-0.04, 0.04) * w for _ in range(4)]
    corners = (d[0], 0, d[3], h, w - d[2], h, w + d[1], 0)  # source corners: UL, LL, LR, UR
    table = table.transform(table.size, Image.QUAD, corners, resample=Image.BICUBIC, fillcolor=rng.randrange(60, 130))
    arr = np.asarray(table, dtype=np.float32)
    ramp = np.linspace(rng.uniform(0.75, 0.9), rng.uniform(1.0, 1.1), arr.shape[0])[:, None]
    arr = arr * ramp + np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(3, 9), arr.shape)
    table = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    table = table.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.3)))
    scale = rng.uniform(0.8, 1.2)
    return table.resize((int(table.width * scale), int(table.height * scale)), Image.LANCZOS)


def roughened(image: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo taken worse (``--rough-photos``): out of focus by a stroke's width or two,
    in dim light with a hand's shadow across part of the slip, as panelists' photos at a
    restaurant table often are; at a phone camera's resolution, the blur magnified with the text."""
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.5)))
    arr = np.asarray(image, dtype=np.float32) * rng.uniform(0.5, 0.75)
    rows, cols = np.mgrid[0:arr.shape[0], 0:arr.shape[1]]
    cy, cx = rng.uniform(0.3, 1.0) * arr.shape[0], rng.uniform(0.0, 1.0) * arr.shape[1]
    radius = rng.uniform(0.25, 0.45) * max(arr.shape)
    inside = np.clip(1.0 - np.hypot(rows - cy, cols - cx) / radius, 0.0, 1.0)
    arr = arr * (1.0 - rng.uniform(0.3, 0.5) * np.minimum(1.0, 3.0 * inside))  # a soft-edged shadow
    arr = arr + np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(4, 10), arr.shape)
    image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    scale = rng.uniform(1.0, 1.6)
    return image.resize((int(image.width * scale), int(image.height * scale)), Image.LANCZOS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=48)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--countries", default="us,de,uk,fr", help="comma-separated, of us, de, uk, fr")
    parser.add_argument("--dollar-signs", action="store_true",
                        help='US amounts printed "$12.34" (the totals block always, items on half the receipts)')
    parser.add_argument("--varied-headers", action="store_true",
                        help="restaurant: headers, footers and house gratuities as more restaurants print them; "
                             "discounter: the till's security-module block (UTC stamps) and weighed goods")
    parser.add_argument("--varied-payments", action="store_true",
                        help="restaurant: discounts, two taxes, a total with no word, tips keyed in at the card "
                             "terminal, cash with change")
    parser.add_argument("--rough-photos", action="store_true",
                        help="photos taken worse: out of focus, dim, a shadow across the slip, smaller text, lower "
                             "JPEG quality (the photos only; scans as before)")
    parser.add_argument("--kind", choices=("shop", "restaurant", "discounter", "supermarket", "diy"), default="shop",
                        help="shop: the four countries' shops (above); restaurant: US restaurant checks, phone photos "
                             "mostly; discounter: German discounter receipts, 300 dpi scans mostly; supermarket: "
                             "German supermarket and drugstore receipts with a card slip, A4 flatbed scans mostly; "
                             "diy: German DIY store receipts with article numbers and a quantity column")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    (args.out / "images").mkdir(parents=True, exist_ok=True)
    (args.out / "labels").mkdir(parents=True, exist_ok=True)
    if args.kind != "shop":
        for index in range(args.count):
            _write_check(args.out, index, args.kind, rng, args.varied_headers, args.varied_payments, args.rough_photos)
        print(f"{args.count} {args.kind} receipts in {args.out} (seed {args.seed})")
        return
    countries = tuple(args.countries.split(","))
    for index in range(args.count):
        receipt = build(rng, index, countries[index % len(countries)], args.dollar_signs)
        image = render(receipt, rng)
        style = "photo" if (index // len(countries)) % 2 else "scan"
        if style == "photo":
            image = photo(image, rng)
            if args.rough_photos:
                image = roughened(image, rng)
        quality = rng.randrange(70, 92)
        if style == "photo" and args.rough_photos:
            quality -= 20
        image.convert("RGB").save(args.out / "images" / f"{receipt.id}.jpg", quality=quality)
        label = {"id": receipt.id, "company": receipt.merchant, "country": receipt.country, "style": style,
                 "date": receipt.date.isoformat(), "time": f"{receipt.time:%H:%M}", "total": str(receipt.total),
                 "normalized": {"date": receipt.date.isoformat(), "time": f"{receipt.time:%H:%M}",
                                "total": str(receipt.total)}}
        (args.out / "labels" / f"{receipt.id}.json").write_text(json.dumps(label, ensure_ascii=False, indent=1))
    print(f"{args.count} receipts in {args.out} (seed {args.seed})")


def _write_check(out: Path, index: int, kind: str, rng: random.Random, varied: bool = False,
                 payments: bool = False, rough: bool = False) -> None:
    if kind in ("supermarket", "diy"):
        check = build_supermarket(rng, index) if kind == "supermarket" else build_diy(rng, index)
    else:
        check = (build_restaurant(rng, index, varied, payments) if kind == "restaurant"
                 else build_discounter(rng, index, varied))
    receipt = check.receipt
    image = write_hand(render(receipt, rng, THERMAL_FONTS), receipt, check.handwritten, rng)
    style = "photo" if rng.random() < {"restaurant": 0.75, "discounter": 0.2, "supermarket": 0.25, "diy": 0.25}[kind] \
        else "scan"
    if style == "photo":
        image = photo(image, rng)
        if rough:
            image = roughened(image, rng)
    else:
        image = flatbed(image, rng) if kind in ("supermarket", "diy") else scan(image, rng)
    quality = rng.randrange(70, 92)
    if style == "photo" and rough:
        quality -= 20
    image.convert("RGB").save(out / "images" / f"{receipt.id}.jpg", quality=quality)
    normalized = {"date": receipt.date.isoformat(), "time": f"{receipt.time:%H:%M}", "total": str(receipt.total)}
    label = {"id": receipt.id, "company": receipt.merchant, "country": receipt.country, "style": style, "kind": kind,
             "date": normalized["date"], "time": normalized["time"], "total": normalized["total"],
             "normalized": normalized, **item_labels(check.items)}
    (out / "labels" / f"{receipt.id}.json").write_text(json.dumps(label, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
