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
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSans.ttf", "DejaVuSansCondensed.ttf")
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


def render(receipt: Receipt, rng: random.Random) -> Image.Image:
    font = ImageFont.truetype(str(FONT_DIR / rng.choice(FONTS)), rng.choice((22, 24, 26, 28)))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=48)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--countries", default="us,de,uk,fr", help="comma-separated, of us, de, uk, fr")
    parser.add_argument("--dollar-signs", action="store_true",
                        help='US amounts printed "$12.34" (the totals block always, items on half the receipts)')
    args = parser.parse_args()
    rng = random.Random(args.seed)
    (args.out / "images").mkdir(parents=True, exist_ok=True)
    (args.out / "labels").mkdir(parents=True, exist_ok=True)
    countries = tuple(args.countries.split(","))
    for index in range(args.count):
        receipt = build(rng, index, countries[index % len(countries)], args.dollar_signs)
        image = render(receipt, rng)
        style = "photo" if (index // len(countries)) % 2 else "scan"
        if style == "photo":
            image = photo(image, rng)
        image.convert("RGB").save(args.out / "images" / f"{receipt.id}.jpg", quality=rng.randrange(70, 92))
        label = {"id": receipt.id, "company": receipt.merchant, "country": receipt.country, "style": style,
                 "date": receipt.date.isoformat(), "time": f"{receipt.time:%H:%M}", "total": str(receipt.total),
                 "normalized": {"date": receipt.date.isoformat(), "time": f"{receipt.time:%H:%M}",
                                "total": str(receipt.total)}}
        (args.out / "labels" / f"{receipt.id}.json").write_text(json.dumps(label, ensure_ascii=False, indent=1))
    print(f"{args.count} receipts in {args.out} (seed {args.seed})")


if __name__ == "__main__":
    main()
