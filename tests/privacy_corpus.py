"""A seeded privacy corpus: receipts that carry known sensitive values, and the checks that
find those values again wherever they might have leaked.

Everything is built here, deterministically (one ``random.Random`` seed): receipt images
rendered with Pillow (clean scans and photo-like ones: tilted, noisy, blurred, JPEG'd) and
PDF e-receipts with a text layer. Each document records exactly which sensitive values
(card numbers, phones, e-mail addresses, member ids, names, terminal and transaction numbers,
medication) and which harmless line items it carries, so a test can look for the former and
count the latter.
"""
from __future__ import annotations

import difflib
import io
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import phonenumbers
from fpdf import FPDF
from PIL import Image, ImageFilter
from stdnum import luhn

from images import encode, receipt_image

DATA = Path(__file__).parent / "redact_data"

SEED = 20250314


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Secret:
    """One sensitive value put into the corpus. kind: card, phone, email, member_id, name,
    terminal (card-terminal and transaction numbers), medication, mail_text (body, subject,
    headers)."""

    kind: str
    value: str

    @property
    def digits(self) -> str:
        return re.sub(r"\D", "", self.value)

    @property
    def numeric(self) -> bool:
        return self.kind in ("card", "phone", "member_id", "terminal")


@dataclass
class Document:
    name: str
    style: str  # "clean", "photo", "pdf"
    language: str  # "en", "de"
    lines: list[str]
    harmless: list[str]  # harmless item descriptions, as printed
    sensitive_items: list[str]  # sensitive purchases, as printed
    secrets: list[Secret]
    data: bytes = b""
    media_type: str = ""
    filename: str = ""
    image: Image.Image | None = field(default=None, repr=False)  # the rendered page, before photo effects


def grocery_items() -> list[str]:
    return [line.strip() for line in (DATA / "grocery_items.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def card_number(rng: random.Random, prefix: str, length: int) -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


def group(digits: str, sizes: list[int], sep: str) -> str:
    out, pos = [], 0
    for size in sizes:
        out.append(digits[pos : pos + size])
        pos += size
    return sep.join(out)


# (label, prefix, length, grouping, separator)
CARD_FORMATS = [
    ("VISA", "4", 16, [4, 4, 4, 4], " "),
    ("MASTERCARD", "54", 16, [4, 4, 4, 4], "-"),
    ("AMEX", "37", 15, [4, 6, 5], " "),
    ("VISA", "4", 16, [16], ""),
    ("DISCOVER", "6011", 16, [4, 4, 4, 4], " "),
    ("Karte", "52", 16, [4, 4, 4, 4], " "),
    ("Kartennr.:", "4", 16, [16], ""),
    ("MAESTRO", "6759", 19, [4, 4, 4, 4, 3], " "),
    ("CARD #", "4", 13, [13], ""),
    ("Mastercard", "51", 16, [4, 4, 4, 4], " "),
]

US_NAMES = [("MARIA", "OYELARAN"), ("JOHN", "HAGEDORN"), ("PRIYA", "CASTELLANOS"), ("DWIGHT", "FITZWILLIAM"),
            ("LUCIA", "THORVALDSEN"), ("KEVIN", "MBEKWENI"), ("RENATA", "OKONKWO"), ("SAMUEL", "WETHERBY")]
DE_NAMES = [("Jana", "Wischnewski"), ("Thomas", "Brzezinski"), ("Sabine", "Kowalczyk"), ("Jürgen", "Hagenbeck"),
            ("Petra", "Lindqvist"), ("Holger", "Zimmerlein"), ("Anke", "Vogelsang"), ("Dieter", "Ruckhaber")]

# servers and the German "Bed." (Bedienung) of the card-terminal block
US_SERVERS = [("ROSALIND", "QUACKENBUSH"), ("TOBIAS", "WINTERBOTTOM"), ("ODALYS", "FENWICKE"), ("BARNABY", "MCALLISTAIR")]
DE_SERVERS = ["Friedelinde", "Hildegunde", "Wolfhardt", "Ottilie"]

US_MEDS = ["IBUPROFEN 200MG 100CT", "TYLENOL EXTRA STRENGTH", "CLARITIN 24HR", "NICORETTE GUM 4MG",
           "CLEARBLUE PREGNANCY TEST", "ONETOUCH TEST STRIPS 50", "TROJAN ENZ 12CT", "MUCINEX DM",
           "AMOXICILLIN 500MG CAP", "ZYRTEC ALLERGY", "PEPCID AC", "METFORMIN HCL 500"]
DE_MEDS = ["Ibu-ratiopharm 400 akut", "Grippostad C Kapseln", "Voltaren Schmerzgel", "Sinupret extract",
           "Schwangerschaftstest", "Paracetamol 500 Hexal", "Kondome 10 Stueck", "Hustensaft 100ml"]
# the word of each medication line that must never be readable again
MED_MARKERS = {
    "IBUPROFEN 200MG 100CT": "IBUPROFEN", "TYLENOL EXTRA STRENGTH": "TYLENOL", "CLARITIN 24HR": "CLARITIN",
    "NICORETTE GUM 4MG": "NICORETTE", "CLEARBLUE PREGNANCY TEST": "PREGNANCY", "ONETOUCH TEST STRIPS 50": "ONETOUCH",
    "TROJAN ENZ 12CT": "TROJAN", "MUCINEX DM": "MUCINEX", "AMOXICILLIN 500MG CAP": "AMOXICILLIN",
    "ZYRTEC ALLERGY": "ZYRTEC", "PEPCID AC": "PEPCID", "METFORMIN HCL 500": "METFORMIN",
    "Ibu-ratiopharm 400 akut": "ratiopharm", "Grippostad C Kapseln": "Grippostad", "Voltaren Schmerzgel": "Voltaren",
    "Sinupret extract": "Sinupret", "Schwangerschaftstest": "Schwangerschaftstest",
    "Paracetamol 500 Hexal": "Paracetamol", "Kondome 10 Stueck": "Kondome", "Hustensaft 100ml": "Hustensaft",
}

US_STORES = [
    ("CORNER MARKET", "1200 Main Street", "Springfield, IL 62701", "(217) 555-0100"),
    ("FRESHWAY GROCERY", "88 Elm Avenue", "Madison, WI 53703", "(608) 555-0120"),
    ("CITY DRUG & GROCERY", "410 Lake Street", "Evanston, IL 60201", "(847) 555-0133"),
    ("VALLEY FOODS", "75 River Road", "Boise, ID 83702", "(208) 555-0161"),
    ("SUNRISE MARKET", "9 Harbor Way", "Portland, ME 04101", "(207) 555-0174"),
    ("PINE STREET GROCERS", "301 Pine Street", "Seattle, WA 98101", "(206) 555-0188"),
    ("MAPLE LEAF FOODS", "17 Oak Lane", "Dayton, OH 45402", "(937) 555-0145"),
    ("GREENFIELD MARKET", "640 Market Street", "Denver, CO 80202", "(303) 555-0119"),
]
DE_STORES = [
    ("Frischmarkt Koehler", "Hauptstrasse 12", "50667 Koeln", "0221 4711230"),
    ("Nahkauf Bergmann", "Lindenweg 3", "80331 Muenchen", "089 2305510"),
    ("Markthalle Sommer", "Bahnhofstr. 40", "20095 Hamburg", "040 3300712"),
    ("Vollkorn Biomarkt", "Gartenstr. 7", "70173 Stuttgart", "0711 2268040"),
    ("Edeka Neumann", "Marktplatz 1", "04109 Leipzig", "0341 9981200"),
    ("Rewe Hoffmann", "Kirchgasse 5", "60311 Frankfurt", "069 2470880"),
]


# --------------------------------------------------------------------------- receipts


def _price(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(79, 1299)) / 100


def _fmt(amount: Decimal, language: str) -> str:
    text = f"{amount:.2f}"
    return text.replace(".", ",") if language == "de" else text


def _item_line(description: str, amount: Decimal, language: str, width: int = 34) -> str:
    price = _fmt(amount, language)
    return description + " " * max(2, width - len(description) - len(price)) + price


def _us_phone(rng: random.Random) -> str:
    area = rng.choice(["312", "415", "646", "617", "720", "503", "404", "512"])
    return f"({area}) 555-01{rng.randint(10, 99)}" if rng.random() < 0.5 else f"{area}-555-01{rng.randint(10, 99)}"


def _de_phone(rng: random.Random) -> str:
    """A German mobile number that libphonenumber calls valid (0151: 8 digits follow, 0171: 7)."""
    prefix, length = rng.choice([("151", 8), ("160", 7), ("171", 7), ("176", 8)])
    rest = "".join(rng.choice("0123456789") for _ in range(length))
    number = f"+49 {prefix} {rest}" if rng.random() < 0.5 else f"0{prefix} {rest}"
    assert phonenumbers.is_valid_number(phonenumbers.parse(number, "DE")), number
    return number


def build_receipt(rng: random.Random, n: int, language: str, harmless: list[str], meds: list[str],
                  *, card_format: int, name_pair, cashier_pair, with_merchant_phone: bool = True) -> Document:
    """The lines of one receipt and the secrets printed on it."""
    secrets: list[Secret] = []
    if language == "en":
        store, street, city, phone = US_STORES[n % len(US_STORES)]
    else:
        store, street, city, phone = DE_STORES[n % len(DE_STORES)]
    header = [store, street, city]
    if with_merchant_phone:
        header.append(("TEL " if language == "en" else "Tel. ") + phone)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    hour, minute = rng.randint(8, 20), rng.randint(0, 59)
    if language == "en":
        header.append(f"{month:02d}/{day:02d}/2025 {hour:02d}:{minute:02d}")
        cashier_label = rng.choice(["CASHIER:", "YOUR CASHIER TODAY WAS", "SERVED BY:"])
    else:
        header.append(f"Datum: {day:02d}.{month:02d}.2025 {hour:02d}:{minute:02d}")
        cashier_label = rng.choice(["Kassierer:", "Es bediente Sie:", "Bediener:"])
    cashier = f"{cashier_pair[0]} {cashier_pair[1]}"
    header.append(f"{cashier_label} {cashier}")
    secrets.append(Secret("name", cashier))

    # harmless and sensitive items, the sensitive ones at varied positions
    body: list[tuple[str, Decimal]] = [(item, _price(rng)) for item in harmless]
    for med in meds:
        body.insert(rng.randint(1, len(body)), (med, _price(rng)))
        secrets.append(Secret("medication", MED_MARKERS[med]))
    items = [_item_line(d, a, language) for d, a in body]
    subtotal = sum((a for _, a in body), Decimal(0))
    if language == "en":
        tax = (subtotal * Decimal("0.0625")).quantize(Decimal("0.01"))
        total = subtotal + tax
        totals = [_item_line("SUBTOTAL", subtotal, language), _item_line("TAX 6.25%", tax, language),
                  _item_line("TOTAL", total, language)]
    else:
        total = subtotal
        tax = (total * Decimal(7) / Decimal(107)).quantize(Decimal("0.01"))
        totals = [_item_line("SUMME EUR", total, language), _item_line("MwSt 7% enth.", tax, language)]

    label, prefix, length, sizes, sep = CARD_FORMATS[card_format % len(CARD_FORMATS)]
    number = card_number(rng, prefix, length)
    secrets.append(Secret("card", number))
    holder = f"{name_pair[0]} {name_pair[1]}"
    secrets.append(Secret("name", holder))
    member = "".join(rng.choice("0123456789") for _ in range(rng.choice([9, 10, 11])))
    secrets.append(Secret("member_id", member))
    customer_phone = _us_phone(rng) if language == "en" else _de_phone(rng)
    secrets.append(Secret("phone", customer_phone))
    email = f"{name_pair[0][0].lower()}.{name_pair[1].lower()}{rng.randint(10, 99)}@" + rng.choice(
        ["example.net", "mailbox.org", "posteo.de", "example.com"])
    email = email.replace("ü", "ue")
    secrets.append(Secret("email", email))

    if language == "en":
        footer = [
            f"{label} {group(number, sizes, sep)}",
            f"CARDHOLDER: {holder}",
            f"AUTH CODE: {rng.randint(100000, 999999)}",
            rng.choice([f"MEMBER # {member}", f"REWARDS ACCT {member}", f"LOYALTY NO {member}"]),
            rng.choice([f"PHONE: {customer_phone}", f"CUSTOMER PHONE: {customer_phone}"]),
            f"E-RECEIPT SENT TO {email}",
            *terminal_lines(n, language, secrets),
            "THANK YOU FOR SHOPPING",
        ]
    else:
        footer = [
            f"{label} {group(number, sizes, sep)}",
            f"Karteninhaber: {holder}",
            f"Genehmigungs-Nr. {rng.randint(100000, 999999)}",
            rng.choice([f"PAYBACK-Karte {member}", f"Kundennr. {member}", f"Mitglieds-Nr. {member}"]),
            rng.choice([f"Tel.: {customer_phone}", f"Kunden-Tel. {customer_phone}", f"Handy: {customer_phone}"]),
            f"E-Mail: {email}",
            *terminal_lines(n, language, secrets),
            "Vielen Dank fuer Ihren Einkauf",
        ]
    lines = header + items + totals + footer
    return Document(name=f"{language}-{n}", style="", language=language, lines=lines, harmless=list(harmless),
                    sensitive_items=list(meds), secrets=secrets)


def terminal_lines(n: int, language: str, secrets: list[Secret]) -> list[str]:
    """The server's name and the card terminal's data of receipt ``n`` (a German Kundenbeleg,
    or a US check's transaction lines), recorded in ``secrets``. Drawn from a generator of
    their own, so that the rest of the corpus stays as it was."""
    rng = random.Random(f"{SEED}-terminal-{n}")

    def digits(count: int) -> str:
        return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(count - 1))

    if language == "en":
        first, last = US_SERVERS[(n // 2) % len(US_SERVERS)]
        server = rng.choice([f"SERVER: {first} {last}", f"YOUR SERVER TODAY WAS {first} {last}"])
        transaction, code = digits(9), digits(20)
        secrets += [Secret("name", f"{first} {last}"), Secret("terminal", transaction), Secret("terminal", code)]
        return ["AID A0000000031010", f"TRANSACTION ID: {transaction}", f"TC# {group(code, [4] * 5, ' ')}", server]
    name = DE_SERVERS[(n // 2) % len(DE_SERVERS)]
    terminal, vu = digits(8), digits(10)
    secrets += [Secret("name", name), Secret("terminal", terminal), Secret("terminal", vu)]
    return ["* * Kundenbeleg * *", f"Trace-Nr. {digits(6)}", f"Terminal-ID {terminal}", f"VU-Nr. {vu}",
            "AID A0000000043060", "Zahlung erfolgt", f"Kasse: 3 Bed.: {name}"]


# --------------------------------------------------------------------------- rendering


def photo_like(image: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo of a printed receipt: larger, tilted a few degrees, unevenly lit, noisy,
    slightly blurred; the caller JPEG-compresses it."""
    image = image.convert("L")
    image = image.resize((round(image.width * 2.2), round(image.height * 2.2)), Image.Resampling.BICUBIC)
    angle = rng.choice([-1, 1]) * rng.uniform(0.8, 2.0)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=235)
    pixels = np.asarray(image, dtype=np.float32)
    height, width = pixels.shape
    light = np.linspace(0.82, 1.0, width)[None, :] * np.linspace(1.0, 0.9, height)[:, None]
    np_rng = np.random.default_rng(rng.randint(0, 2**32 - 1))
    pixels = pixels * light + np_rng.normal(0, 10, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.3)))
    return image.convert("RGB")


def receipt_pdf(lines: list[str]) -> bytes:
    """An e-receipt PDF with a real text layer, long enough for many items."""
    pdf = FPDF(format=(80, max(120, 8 + 4.2 * len(lines))))
    pdf.set_margins(3, 4)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Courier", size=7)
    for text in lines:
        pdf.cell(0, 4.2, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def build_corpus(n_clean: int = 5, n_photo: int = 5, n_pdf: int = 2, seed: int = SEED) -> list[Document]:
    """The corpus: every harmless item of grocery_items.txt is used once; each document
    carries a card number, a cardholder, a cashier, a server, a member id, a customer phone,
    an e-mail address, card-terminal or transaction numbers and one or two sensitive purchases."""
    rng = random.Random(seed)
    items = grocery_items()
    german = [i for i in items if not i.isupper()]
    english = [i for i in items if i.isupper()]
    rng.shuffle(english)
    rng.shuffle(german)
    n_images = n_clean + n_photo
    # images carry 12 harmless items each, the PDFs the rest
    per_image = 12
    plan = []
    for k in range(n_images + n_pdf):
        language = "de" if k % 2 else "en"
        style = "clean" if k < n_clean else ("photo" if k < n_images else "pdf")
        plan.append((k, language, style))
    docs = []
    us_meds, de_meds = list(US_MEDS), list(DE_MEDS)
    rng.shuffle(us_meds)
    rng.shuffle(de_meds)
    pdf_count = sum(1 for _, _, s in plan if s == "pdf")
    image_slots = [p for p in plan if p[2] != "pdf"]
    german_per_de_image = max(1, len(german) // (2 * max(1, sum(1 for p in image_slots if p[1] == "de"))))
    for k, language, style in plan:
        if style == "pdf":
            share = len(english) // pdf_count if pdf_count else 0
            harmless = english[:share] if k < len(plan) - 1 else english[:]
            del english[: len(harmless)]
            if language == "de" or k == len(plan) - 1:
                harmless += german[:]
                german.clear()
        else:
            n_de = german_per_de_image if language == "de" else 0
            harmless = german[:n_de] + english[: per_image - n_de]
            del german[:n_de]
            del english[: per_image - n_de]
            rng.shuffle(harmless)
        meds_pool = us_meds if language == "en" else de_meds
        meds = [meds_pool.pop() for _ in range(2 if style == "pdf" else 1)] if meds_pool else []
        names = US_NAMES if language == "en" else DE_NAMES
        doc = build_receipt(rng, k, language, harmless, meds, card_format=k, name_pair=names[(k // 2) % len(names)],
                            cashier_pair=names[(k // 2 + 4) % len(names)], with_merchant_phone=k % 5 != 3)
        doc.style = style
        if style == "pdf":
            doc.data, doc.media_type, doc.filename = receipt_pdf(doc.lines), "application/pdf", f"eBon_{k:03d}.pdf"
        else:
            page = receipt_image(doc.lines, width=820, size=26)
            doc.image = page
            if style == "clean":
                doc.data, doc.media_type, doc.filename = encode(page, "PNG"), "image/png", f"scan_{k:03d}.png"
            else:
                doc.data = encode(photo_like(page, rng), "JPEG", quality=rng.randint(70, 82))
                doc.media_type, doc.filename = "image/jpeg", f"IMG_{2040 + k}.JPG"
        docs.append(doc)
    return docs


def mail_secrets(rng_seed: int = SEED) -> dict[str, str]:
    """Values put only into a mail's body, subject and extra headers (never needed by the pipeline)."""
    rng = random.Random(rng_seed + 1)
    return {
        "body_card": group(card_number(rng, "4", 16), [4, 4, 4, 4], " "),
        "body_phone": "+49 160 " + "".join(rng.choice("0123456789") for _ in range(7)),
        "body_token": "Quittung-fuer-Lindenthal-Beihilfe",
        "subject_token": "Arztbrief Oberhausener Praxis Dr. Quellmalz",
        "display_name": "Adelheid Quellmalz",
        "reply_to": "adelheid.quellmalz@privat-example.de",
        "header_token": "Abrechnung-Krankenkasse-Versichertennr-K483920177",
    }


# --------------------------------------------------------------------------- finding leaks

_CONFUSED_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                                  "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "G": "6", "b": "6", "g": "9",
                                  "T": "7"})
_DIGIT_RUN = re.compile(r"\d+(?:[ \-./]?\d+)*")
_WORD = re.compile(r"[^\W_]+(?:[.\-'][^\W_]+)*")
_HEX_DIGEST = re.compile(r"^[0-9a-f]{32,}$")


def squash(text: str) -> str:
    return " ".join(text.casefold().split())


def luhn_runs(text: str) -> list[str]:
    """Digit runs (digits in groups joined by single spaces or dashes, as card numbers are
    printed) of 13-19 digits that pass the Luhn check."""
    found = []
    for m in re.finditer(r"\d+(?:[ \-]\d+)*", text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
            found.append(m.group())
    return found


def find_leaks(text: str, secrets: list[Secret], *, fuzzy: bool = True, where: str = "") -> list[str]:
    """Every secret (or a near miss of it, as OCR misreads it) found in ``text``.

    Numbers: digits-only comparison (also with OCR's letter-for-digit confusions), and with
    ``fuzzy`` any digit run at least 85 % like it (difflib ratio). Names, e-mails, medication:
    case-insensitive, and with ``fuzzy`` any word at least 85 % like one of its words of five
    letters or more. Plus every Luhn-valid digit run of 13-19 digits.
    """
    if not text:
        return []
    leaks = []
    folded = squash(text)
    digits_only = re.sub(r"\D", "", text)
    confused = re.sub(r"\D", "", text.translate(_CONFUSED_DIGITS))
    runs = None
    words = None
    for secret in secrets:
        if secret.numeric:
            d = secret.digits
            if d in digits_only or d in confused:
                leaks.append(f"{where}: {secret.kind} {secret.value!r} (digits)")
                continue
            if fuzzy:
                if runs is None:
                    runs = [re.sub(r"\D", "", m.group()) for m in _DIGIT_RUN.finditer(text.translate(_CONFUSED_DIGITS))]
                near = [r for r in runs if len(r) >= len(d) - 2 and _best_window_ratio(r, d) >= 0.85]
                if near:
                    leaks.append(f"{where}: {secret.kind} {secret.value!r} (near miss {near[0]!r})")
            continue
        value = squash(secret.value)
        if value in folded:
            leaks.append(f"{where}: {secret.kind} {secret.value!r}")
            continue
        if fuzzy:
            if words is None:
                words = [w.casefold() for w in _WORD.findall(text)]
            # an e-mail address: its local part only (domains are shared by everyone)
            words_of = value.split("@")[0] if secret.kind == "email" else value
            parts = [p for p in re.split(r"[\s@.]+", words_of) if len(p) >= 5]
            for part in parts:
                near = [w for w in words if abs(len(w) - len(part)) <= 2 and difflib.SequenceMatcher(None, w, part).ratio() >= 0.85]
                if near:
                    leaks.append(f"{where}: {secret.kind} {secret.value!r} (word {near[0]!r})")
                    break
    for run in luhn_runs(text):
        if not _HEX_DIGEST.match(text.strip()):
            leaks.append(f"{where}: Luhn-valid digit run {run!r}")
    return leaks


def _best_window_ratio(run: str, digits: str) -> float:
    """How much the best window of ``run`` (about as long as ``digits``) is like ``digits``."""
    if len(run) <= len(digits) + 2:
        return difflib.SequenceMatcher(None, run, digits).ratio()
    best = 0.0
    for size in (len(digits) - 1, len(digits), len(digits) + 1):
        for start in range(0, len(run) - size + 1):
            best = max(best, difflib.SequenceMatcher(None, run[start : start + size], digits).ratio())
    return best


def item_survives(item: str, descriptions: list[str], threshold: float = 0.8) -> bool:
    """True if a stored description is the harmless item, give or take OCR noise."""
    want = squash(item)
    for description in descriptions:
        got = squash(description)
        if want == got or want in got:
            return True
        if difflib.SequenceMatcher(None, want, got).ratio() >= threshold:
            return True
        # a stored description may carry a quantity or a stray character: compare the best window
        if len(got) > len(want) and difflib.SequenceMatcher(None, want, got[: len(want) + 2]).ratio() >= threshold:
            return True
    return False


def as_text(value) -> str:
    """A column value as text: BLOBs decoded leniently (UTF-8, then Latin-1)."""
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        return raw.decode("utf-8", errors="ignore") + "\n" + raw.decode("latin-1")
    return str(value)


def black_block(image: Image.Image, width: int = 30, height: int = 10, level: int = 50) -> bool:
    """True if the image has a solid dark rectangle at least ``width`` x ``height`` pixels
    (an erased region; glyph strokes are never that solid)."""
    dark = (np.asarray(image.convert("L")) < level).astype(np.int32)
    integral = np.pad(dark, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    sums = (integral[height:, width:] - integral[:-height, width:] - integral[height:, :-width] + integral[:-height, :-width])
    return bool((sums == width * height).any())


def image_of(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
