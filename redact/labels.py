"""Values that are identifying because of the label in front of them.

``CASHIER: JANE D.``, ``Es bediente Sie: Frau Müller``, ``AUTH CODE 0A12B3``, ``TID 12345678``,
``Trace-Nr. 558560``, ``AID A0000000043060``, ``PAYBACK-Karte 3083...``, ``Gutschein 0888...``.
The label stays; only the value is erased. A label that ends its line takes its value
from the start of the next line (``YOUR CASHIER TODAY WAS`` / ``JANE``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .spans import Span

_NO = r"(?:[\s.\-]*(?:no|nr|number|nummer|num|id|code|cd)(?![^\W\d_])\.?)?"  # optional "number" word
_SEP = r"[\s:#.=\-_]*"  # OCR reads a "." after a label as "_" now and then


@dataclass(frozen=True)
class Label:
    kind: str
    mode: str  # "id" (digits/masks), "name" (words), "expiry" (MM/YY), "email" (an address, however misread)
    pattern: re.Pattern[str]
    min_chars: int = 4  # digits or mask characters an "id" value must have


def _label(kind: str, mode: str, regex: str, min_chars: int = 4) -> Label:
    return Label(kind, mode, re.compile(r"(?<![^\W\d_])(?:" + regex + r")(?![^\W\d_])" + _SEP, re.IGNORECASE), min_chars)


# words between a role and the name: "YOUR SERVER TODAY WAS", "Ihre Kassiererin heute war"
_WAS_WORD = r"\s+(?:today|tonight|was|is|heute|war|ist)"
_WAS = f"(?:{_WAS_WORD})*"

LABELS: tuple[Label, ...] = (
    # loyalty / member / customer numbers
    _label("member_id", "id", r"member(?:ship)?(?:\s*card)?" + _NO + r"(?=\s*[:#]|\s*\d|\s*$|\s*[*x]{2})"),
    _label("member_id", "id", r"customer\s*(?:no\.?|nr\.?|number|#|id|acct|account)"),
    _label("member_id", "id", r"cust(?:omer)?\s*#|kunden[\s\-]*(?:nr\.?|nummer|karte|konto|id)|kd[.\-\s]*nr\.?"),
    _label("member_id", "id", r"mitglieds[\s\-]*(?:nr\.?|nummer)"),
    _label("member_id", "id", r"(?:payback|clubcard|deutschlandcard|extracare|rewards?|loyalty|advantage|bonus|plus\s*card|"
           r"kroger\s*plus|mperks|perks|safeway\s*club|club\s*card|my\s*walgreens|balance\s*rewards|target\s*circle|circle|plenti"
           r"|shoppers?\s*card|smart\s*card|fuel\s*points|lidl\s*plus|k\s*card|miles\s*&\s*more|happy\s*card|dm\s*app|ikea\s*family"
           r"|nectar|store\s*card|frequent\s*shopper|(?:treue|vorteils|stammkunden)[\s\-]*karte)"
           r"(?:[\s\-]*(?:karten?|card|konto|account|acct))?" + _NO),
    _label("member_id", "id", r"acct\s*#|account\s*(?:no\.?|number|#)"),
    # bank account (old German style) and labelled IBANs, masked or not
    _label("iban", "id", r"iban", 8),
    _label("bank_account", "id", r"(?:konto|kto)[\s.\-]*(?:nr\.?|nummer)?", 5),
    # gift cards and vouchers: their number is money
    _label("voucher", "id", r"gutschein(?:karte)?(?:[\s\-]*(?:nr\.?|nummer|code))?|geschenkkarte(?:[\s\-]*(?:nr\.?|nummer))?"
           r"|gift\s*card(?:\s*(?:no\.?|nr\.?|#|number))?|voucher(?:\s*(?:no\.?|#|code|number))?", 8),
    # card numbers announced by a label (any visible digits)
    _label("card_number", "id", r"karten[\s\-]*(?:nr\.?|nummer)|pan|card\s*(?:no\.?|nr\.?|number|#)", 8),
    # card expiry
    _label("card_expiry", "expiry", r"exp(?:iry|ires|iration)?(?:\s*date)?|g(?:ü|ue|u)ltig\s*bis|verfall(?:s)?datum|valid\s*(?:thru|through|until)"),
    # authorisation codes
    _label("auth_code", "id", r"auth(?:orization|orisation)?" + _NO + r"|appr(?:oval)?" + _NO + r"|approved"
           + r"|genehmigungs?[\s\-]*(?:nr\.?|nummer|code)?|autori[sz]ierungs?[\s\-]*(?:nr\.?|nummer|code)?|autor\.?[\s\-]*nr\.?"
           + r"|aid[\s\-]*59", 2),
    # terminal, merchant, trace and capture references
    _label("terminal_id", "id", r"terminal(?:[\s\-]*(?:id|nr\.?|nummer|no\.?|#))?|term\s*(?:id|#)|t[\s\-]?id|mid"
           r"|merchant\s*(?:id|no\.?|#|number)"
           r"|trace(?:[\s\-]*(?:nr\.?|no\.?|#|number|nummer))?|stan|rrn|ref(?:erence)?\s*(?:no\.?|nr\.?|#|number)"
           r"|vu[\s\-]*(?:nr\.?|nummer)|capt(?:ure)?\.?[\s\-]*ref(?:erence)?\.?", 4),
    # transaction numbers of the till or the card terminal (the fiscal "TSE-Transaktion" counter stays)
    _label("transaction_id", "id", r"(?<!tse[\s\-])(?:ta[\s\-]*(?:nr\.?|nummer)"
           r"|trans(?:aktions|action)?[\s.\-]*(?:nr\.?|nummer|no\.?|number|id|#)"
           r"|txn[\s\-]*(?:id|no\.?|#)|seq(?:uence)?[\s.\-]*(?:nr\.?|no\.?|number|#))", 4),
    # EMV data of the card terminal: application id, cryptogram, verification results
    # (an AID starts "A0", the other values are hex: "RITE AID #0512" or "ATC 12PK" is no EMV data)
    _label("emv_data", "id", r"emv(?:[\s\-]*(?:daten|data|info|aid))?|aid(?=" + _SEP + r"a0)"
           r"|(?:tvr|tsi|arqc|arpc|atc|iad|(?:app(?:lication)?\s*)?cryptogram)"
           r"(?=" + _SEP + r"[0-9a-f]{4,}(?![^\W_]))", 4),
    _label("emv_data", "id", r"(?:karten|pan|card)[\s\-]*(?:folge|seq(?:uence)?)[\s\-]*(?:nr\.?|nummer|no\.?|#)?", 1),
    # e-mail addresses after their label, also where OCR misread the "@" ("j.doe84eposteo.de")
    _label("email", "email", r"e[\s\-]?mail(?:[\s\-]*(?:address|adresse))?|(?:e[\s\-]?receipt\s+)?sent\s+to|gesendet\s+an|receipt\s+to"),
    # people: cashiers, servers, cardholders, patients
    _label("person_name", "name", r"(?:(?:your\s+)?(?:cashier|server)(?:\s+name)?|kassierer(?:in)?|bediener(?:in)?|bedienung"
           r"|(?:es\s+)?bediente\s+sie)" + _WAS +
           r"|sie\s+wurden\s+bedient\s+von|bedient\s+von|(?:you\s+were\s+)?served\s+by"
           r"|team\s+member|associate|clerk|operator|card\s*holder(?:\s+name)?|karteninhaber(?:in)?|customer\s+name"
           r"|patient(?:\s+name)?|prescriber|pharmacist|apotheker(?:in)?|(?:^|(?<=\s))name(?=\s*:)|kunde(?=\s*:)"
           # words that are also goods ("WAITRESS APRON", "BED. LINEN") only with a colon or "was"
           r"|(?:your\s+)?(?:host|waiter|waitress|bartender|kellner(?:in)?|verk(?:ä|ae)ufer(?:in)?|mitarbeiter(?:in)?|bed\.)"
           f"(?:(?:{_WAS_WORD})+|(?=\\s*:))"
           # the till's footer "Kasse:3 Bed.: Anna", however OCR read "Bed.:" ("Bed , Anna", "Bed_ Anna")
           r"|kasse[\s:.\-_]*\d+[\s,;.]+bed(?:\s?[.,_:])*"),
)

_TOKEN = re.compile(r"\S+")
_PRICE = re.compile(r"^-?\d{1,7}[.,]\d{2}-?$")
_DATE_OR_TIME = re.compile(r"^\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4}$|^\d{1,2}:\d{2}(?::\d{2})?$")
_MASK = "*#\u2022"
_GAP = re.compile(r"\s*(?:#?\d{1,6}[:,]?\s+)?$")  # between label and value: a cashier number at most
_EMAIL_TOKEN = re.compile(r"^[\w.@+\-']+$")
_EXPIRY = re.compile(r"^\d{1,2}\s*/\s*\d{2,4}$|^\d{2}/?\d{2}$")
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][^\W\d_'\u2019.\-]*\.?|[^\W\d_]\.)$")
_NAME_STOP = {
    "reg", "register", "lane", "term", "terminal", "trans", "tran", "trx", "store", "st", "date", "time", "kasse", "bon",
    "beleg", "id", "no", "nr", "table", "tbl", "tisch", "guests", "gäste", "check", "chk", "am", "pm", "uhr", "op",
    "ticket", "order", "seq", "copy", "customer", "receipt", "thank", "thanks", "danke", "visa", "mastercard", "total",
    "summe", "tid", "mid", "auth", "cashier", "server", "datum", "zeit", "filiale", "markt", "kassierer", "items",
}
_TITLE = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "frau", "herr", "fr.", "hr."}


def _is_id_token(tok: str) -> bool:
    if _PRICE.match(tok) or _DATE_OR_TIME.match(tok):
        return False
    if any(c.isdigit() or c in _MASK for c in tok):
        return True
    return bool(re.fullmatch(r"[Xx]{3,}[\w*]*", tok))


def _value_span(mode: str, text: str, pos: int, min_chars: int) -> tuple[int, int] | None:
    """The value starting at ``pos`` for a label of this mode, or None."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, pos)]
    # only tokens separated by a single space belong to one value
    if mode == "id":
        chosen: list[tuple[int, int]] = []
        for start, end, tok in tokens[:8]:
            tok_clean = tok.rstrip(".,;:)")
            end = start + len(tok_clean)
            if chosen and start - chosen[-1][1] > 2:
                break
            if not tok_clean or not _is_id_token(tok_clean):
                break
            chosen.append((start, end))
        if not chosen:
            return None
        s, e = chosen[0][0], chosen[-1][1]
        n = sum(c.isdigit() or c in _MASK or c in "xX" for c in text[s:e])
        return (s, e) if n >= min_chars else None
    if mode == "email":
        # the address, however OCR spaced or misread it: tokens of address characters
        chosen = []
        for start, end, tok in tokens[:6]:
            tok_clean = tok.rstrip(",;:)")
            if chosen and start - chosen[-1][1] > 2:
                break
            if not _EMAIL_TOKEN.match(tok_clean):
                break
            chosen.append((start, start + len(tok_clean)))
        if not chosen:
            return None
        s, e = chosen[0][0], chosen[-1][1]
        value = text[s:e]
        alnum = sum(c.isalnum() for c in value)
        return (s, e) if alnum >= 5 and ("@" in value or "." in value.strip(".")) else None
    if mode == "expiry":
        if tokens:
            start, end, tok = tokens[0]
            if _EXPIRY.match(tok):
                return start, end
        return None
    # name
    chosen = []
    skipped_number = False
    for start, end, tok in tokens[:6]:
        low = tok.lower().strip(":,;")
        if not chosen and not skipped_number and re.fullmatch(r"#?\d{1,6}[:,]?", tok):
            skipped_number = True  # "CASHIER: 0123 JANE"
            continue
        if low in _NAME_STOP or not _NAME_TOKEN.match(tok.strip(",;")):
            break
        if chosen and start - chosen[-1][1] > 3:
            break
        chosen.append((start, start + len(tok.rstrip(",;"))))
        if len(chosen) == 3:
            break
    # a lone title ("DR.") is no name
    if not chosen or all(text[s:e].lower() in _TITLE for s, e in chosen):
        return None
    return chosen[0][0], chosen[-1][1]


def find_labelled(text: str, carry: Label | None = None) -> tuple[list[Span], Label | None]:
    """Spans of labelled values, and the label left waiting for its value on the next line."""
    found: list[Span] = []
    if carry is not None:
        v = _value_span(carry.mode, text, 0, carry.min_chars)
        # the value must open the line
        if v and _GAP.match(text[: v[0]]):
            found.append(Span(v[0], v[1], carry.kind))
    waiting: Label | None = None
    for label in LABELS:
        for m in label.pattern.finditer(text):
            v = _value_span(label.mode, text, m.end(), label.min_chars)
            if v and _GAP.match(text[m.end() : v[0]]):
                found.append(Span(v[0], v[1], label.kind))
            elif not text[m.end() :].strip():
                waiting = label
    return found, waiting
