"""Spending category from generic trade words on the receipt (never merchant names)."""
from __future__ import annotations

import re
from collections.abc import Collection

from .address import is_address
from .layout import Doc
from .merchant import has_legal_form, without_legal_forms
from .text import ascii_upper, find_keyword

_DISHES = ("CURRYWURST", "POMMES", "DOENER", "KEBAB", "KEBAP", "GYROS", "SCHNITZEL")  # an Imbiss's
CATEGORIES: dict[str, tuple[str, ...]] = {
    "fuel": ("PETROL", "DIESEL", "FUEL", "UNLEADED", "GASOLINE", "LITRE", "LITER", "LITRES", "PUMP", "RON95",
             "RON97", "RON 95", "RON 97", "BENZIN", "KRAFTSTOFF", "TANKSTELLE", "SUPER E10", "SUPER E5", "ZAPFSAEULE",
             "GALLONS", "GAL", "PETROLEUM", "SERVICE STATION", "FILLING STATION", "PETROL STATION"),
    "restaurant": ("RESTAURANT", "RESTORAN", "CAFE", "COFFEE", "BISTRO", "DINE IN", "DINE-IN", "TAKEOUT",
                   "TAKE OUT", "TAKE AWAY", "TAKEAWAY", "EAT IN", "TABLE", "TISCH", "SERVER", "GUESTS", "COVERS",
                   "GRATUITY", "TIP", "TRINKGELD", "PIZZA", "BURGER", "NOODLE", "NOODLES", "MEAL", "DRINK",
                   "DRINKS", "BEVERAGE", "KITCHEN", "GASTSTAETTE", "SPEISEN", "GETRAENKE", "FRIES", "LATTE",
                   "CAPPUCCINO", "TEA", "RICE", "CHICKEN", "SANDWICH", "PORRIDGE", "BAKERY", "CAKE", "CAKES", "DINER",
                   "GRILL", "TAVERN", "BRASSERIE", "TRATTORIA", "PIZZERIA", "STEAKHOUSE", "RESTAURANTE", "RISTORANTE",
                   "PUB", "GRILLE", "TAPROOM", "CANTINA", "TAQUERIA", "EATERY", "ALEHOUSE", "OSTERIA", "SMOKEHOUSE",
                   "CHOPHOUSE", "SALOON", "WINE BAR", "OYSTER BAR", "SPORTS BAR", "SUSHI BAR", "TAPAS BAR",
                   "BARTENDER", "MEALS TAX", "IMBISS",
                   # German bakeries, inns and cafés; British chip shops
                   "GASTHOF", "GASTHAUS", "WIRTSHAUS", "WEINSTUBE", "BRAUHAUS", "BIERGARTEN",
                   "RATSKELLER", "STEAKHAUS", "TAVERNE", "KNEIPE", "EISCAFE", "EISDIELE", "KAFFEEHAUS",
                   "GASTSTATTE", "WEINBAR", "COCKTAILBAR", "KAFFEEBAR", "ESPRESSOBAR", "BIERSTUBE", "GELATERIA",
                   "BRAEUSTUEBERL", "BRAEUHAUS",
                   # Spanish, Italian and French bars and restaurants: their names, a waiter, a cover charge
                   "TABERNA", "CERVECERIA", "CAFETERIA", "CAMARERO", "COPERTO", "COPERTI",
                   "FISH & CHIPS", "FISH AND CHIPS", "CHIP SHOP", "FISH BAR", "CHIPPY",
                   # a British pub's or restaurant's service charge (not a US grocer's "SVC CHG")
                   "SERVICE CHARGE", "DISCRETIONARY SERVICE", "OPTIONAL SERVICE",
                   # what only a restaurant's till prints: its vendor's footer, the order's kind
                   "POWERED BY TOAST", "TOASTTAB", "TOUCHBISTRO", "UPSERVE", "DINING OPTION")
                  + _DISHES,
    "grocery": ("SUPERMARKET", "GROCERY", "GROCERIES", "HYPERMARKET", "MINIMARKET", "MINI MARKET", "MART", "MARKET",
                "LEBENSMITTEL", "SUPERMARKT", "MILK", "MILCH", "EGGS", "EIER", "BREAD", "BROT", "BANANA", "BANANEN",
                "VEGETABLE", "VEGETABLES", "VEGE", "FRUIT", "PRODUCE", "OBST", "GEMUESE", "BUTTER", "CHEESE",
                "KAESE", "YOGURT", "JOGHURT", "PFAND", "DEPOSIT", "KG", "WHOLEMEAL", "RUNCIT",
                # drink shops, filed as the directory files OSM's shop=alcohol, wine and beverages
                "LIQUOR", "LIQUORS", "SPIRITS", "OFF LICENCE", "WINE SHOP", "GETRAENKEMARKT", "WEINHANDLUNG",
                # butchers and kiosks, filed as the directory files OSM's shop=butcher and shop=kiosk
                "METZGEREI", "FLEISCHEREI", "KIOSK", "SPAETI", "TRINKHALLE", "REFORMHAUS", "BIOLADEN", "HOFLADEN",
                "FEINKOST"),
    "pharmacy": ("PHARMACY", "PHARMACIE", "APOTHEKE", "DRUGSTORE", "DROGERIE", "DROGERIEMARKT", "CHEMIST",
                 "HEALTHCARE", "HEALTH", "MEDICINE", "MEDICAL", "TABLET", "TABLETS", "CAPSULE", "CAPSULES",
                 "PRESCRIPTION", "RX", "VITAMIN", "CLINIC", "FARMASI", "SYRUP", "OINTMENT", "BEAUTY", "COSMETIC",
                 "PARACETAMOL", "IBUPROFEN", "ASPIRIN", "ANTIHISTAMINE", "COUGH", "PLASTERS", "LOZENGES"),
    "cinema": ("CINEMA", "CINEMAS", "KINO", "THEATRE", "THEATER", "MOVIE", "FILM", "SCREEN", "SAAL", "SEAT",
               "SITZ", "REIHE", "SHOWTIME", "VORSTELLUNG", "IMAX", "3D", "POPCORN"),
    "entertainment": ("THEME PARK", "AMUSEMENT", "ADMISSION", "EINTRITT", "ZOO", "MUSEUM", "AQUARIUM",
                      "WRISTBAND", "DAY PASS", "TAGESKARTE", "FREIZEITPARK", "RIDES", "BOWLING", "ARCADE",
                      "WATER PARK", "ENTRY", "TICKETS", "PARK HOPPER", "TICKET BOOTH", "SEASON PASS", "ANNUAL PASS",
                      "ADMISSIONS", "FAST LANE", "PASSHOLDER", "MINI GOLF", "MINIGOLF", "ADVENTURE GOLF", "PUTT PUTT",
                      # bowling centres and arcades, zoos and parks: what they sell, a season's pass, the gift shop
                      "LANE RENTAL", "SHOE RENTAL", "KEGELBAHN", "BAHNMIETE", "LASER TAG", "LASERTAG", "GAME CARD",
                      "POWER CARD", "TIERPARK", "WILDPARK", "VOGELPARK", "JAHRESKARTE", "FRONT GATE"),
    "tobacco": ("TOBACCO", "TABAK", "CIGARETTE", "CIGARETTES", "CIGAR", "CIGARS", "ZIGARETTEN", "ZIGARREN",
                "VAPE", "E-LIQUID", "SMOKE SHOP", "TABAC", "ROLLING PAPERS", "TABAKWAREN", "TABAKSTEUER", "ZIGARILLOS",
                "DREHTABAK", "OTP TAX", "E-CIG TAX", "TOBACCO TAX"),
    # shops that are none of the above: their own trade words, so that a hardware store's "HOSE PUMP"
    # or a stationer's "RESTAURANT ORDER CHIT" pad does not make it a petrol station or a restaurant
    "retail": ("HARDWARE", "BOOKSTORE", "BOOKSTORES", "BOOKSHOP", "BOOK STORE", "STATIONERY", "STATIONERS",
               "ELECTRICAL", "ELECTRONICS", "FURNITURE", "CLOTHING", "APPAREL", "FASHION", "BOUTIQUE",
               "FOOTWEAR", "SHOES", "TOYS", "JEWELLERY", "JEWELRY", "OPTICIAN", "DEPARTMENT STORE",
               "HOME IMPROVEMENT", "GARDEN CENTRE", "GARDEN CENTER", "DIY", "D.I.Y", "HOUSEWARE", "HOUSEWARES",
               "BAUMARKT", "SCHREIBWAREN", "BUCHHANDLUNG", "ELEKTRO", "ELEKTRONIK", "MOEBEL", "BEKLEIDUNG",
               "SCHUHE", "SPIELWAREN", "KAUFHAUS", "WARENHAUS"),
}
# a park's or a zoo's gift shop, counted only where another line says entertainment (not a souvenir shop's mug)
_SOUVENIR_RE = re.compile(r"(?<![A-Z])SOUVENIRS?(?![A-Z])")
# what an entertainment centre sells for play, not its food or its gift shop (``plays_not_dines``)
_PLAY = ("BOWLING", "LASER TAG", "LASERTAG", "GAME CARD", "POWER CARD", "LANE RENTAL", "SHOE RENTAL", "ARCADE",
         "KEGELBAHN", "BAHNMIETE")
# a German compound opening with a trade's word is that trade's (``KINOPOLIS``, ``Kinotag``, ``TABAKBÖRSE``; not
# ``Kinder``, ``Kinoko``, ``Tabasco``): its openers and the endings it is built with
_COMPOUND_OPENERS = {"cinema": ("KINO",), "tobacco": ("TABAK", "ZIGARREN")}
_COMPOUND_ENDS = ("POLIS", "WELT", "CENTER", "CENTRE", "TAG", "HAUS", "BÖRSE", "LADEN", "PALAST", "STUDIO", "KASSE",
                  "KARTE", "GUTSCHEIN", "STUBE", "SHOP", "KONTOR")
# what only its trade sells, on a priced line that is not the shop's name (``LUCKY STRIKE`` bowling): the big
# cigarette, nicotine and cigar names, and a bar's drinks as poured (not ``Guinness Draught 4pk``)
_SOLD: dict[str, tuple[str, ...]] = {
    "tobacco": ("MARLBORO", "PALL MALL", "AMERICAN SPIRIT", "GAULOISES", "ZYN", "JUUL", "VUSE", "NJOY", "SWISHER",
                "BLACK & MILD", "BLACK AND MILD", "COHIBA", "ROBUSTO", "MADURO", "L&M", "ELF BAR", "GEEK BAR"),
    "restaurant": ("DRAFT", "DRAUGHT", "IPA"),
}
# a pint poured opening its line (``Pint Guinness``, ``2 Pint Lager``, ``HALF PINT CIDER``), not milk by the pint
# (``2 PINTS SEMI``, ``1 PINT SEMI SKIMMED``, ``MILK 4PT``)
_POURED_PINT_RE = re.compile(r"\W*(?:\d{1,2}\s?X?\s?)?(?:HALF\s)?PINT\s(?!.*(?:MILK|SEMI|SKIMMED|WHOLE))")
# a pitcher poured (``Pitcher Bud Light``, ``Domestic Pitcher``), not a jug sold (``GLASS PITCHER 2QT``)
_POURED_PITCHER_RE = re.compile(r"(?=.*(?<![A-Z])PITCHERS?(?![A-Z]))(?=.*(?<![A-Z])(?:BEER|BUD|COORS|MILLER|LAGER|ALE"
                                r"|IPA|DOMESTIC|IMPORT|MARGARITAS?|SANGRIA|MIMOSAS?)(?![A-Z]))")
# cigarettes whose names are words or places too (a camel coat, Newport's shop, Kool-Aid), counted with their
# pack's word right after the name or its variant's words (``CAMEL BLUE BOX``; not ``NEWPORT BEACH TOWEL PACK``)
_CIGARETTE_VARIANTS = r"(?:\s+(?:BLUE|RED|GOLD|SILVER|GREEN|WHITE|BLACK|MENTHOL|LIGHTS?|ULTRA|FULL|NON|CRUSH))*"
_PACKED_CIGARETTES_RE = re.compile(r"(?<![A-Z])(?:CAMEL|NEWPORT|WINSTON|KOOL|SALEM|LUCKY STRIKE)(?![A-Z-])"
                                   + _CIGARETTE_VARIANTS
                                   + r"\s+(?:BOX|KS|KINGS?|100S?|CARTON|CTN|PACK|PK|SOFT|MENTHOL|FILTERS?)(?![A-Z])")
# the order's kind on a line of its own (not a grocer's "TO GO CUPS", not "PENNY To Go"; "Im Haus", "Außer Haus")
_ORDER_KIND_RE = re.compile(r"\W*(?:(?:ORDER TYPE|DINING OPTION|DINE OPTION)\W*)?"
                            r"(?:TO GO|FOR HERE|IM HAUS|AUSSER[\s-]?HAUS|ZUM MITNEHMEN)\W*(?:#?\s?\d+\W*)?")
# a seat's row (``ROW F``, ``Row: 12``; not a street's ``Merrion Row Dublin 2``), a table's number in Spanish or
# Italian opening its line (``Mesa 3``, ``Tavolo 12``; not the town ``Mesa AZ``, a table sold ``MESA 80 CM``), a
# round of draught beers (``2 CAÑAS``; not hair dye's ``CUBRE CAÑAS``, fishing rods' ``CAÑAS PESCA``), a bowling
# lane's (``Lane 3``, ``LANE #12``)
_TABLE_OR_ROUND = (r"^\W*(?:MESA|TAVOLO)\W{0,2}\d{1,3}\b(?!\s?(?:CM|X\s?\d))(?!.*\d[.,]\d{2}\b)"
                   r"|^\s*\d{1,2}\s*X?\s*CANAS\b(?!\s*(?:DE\s)?PESCA)")
# a pump's number (``Pumpe 3``, ``Säule 07``; not a bike shop's ``Luftpumpe``), the litres times the price per litre
# (``23,10 l x 1,957 EUR/l``; not a grocer's ``kg x 1,49 EUR/kg``, a drink's ``1 l``)
_PUMP_OR_LITRES = (r"^\W*(?:PUMPE|SAEULE|SAULE)\W{0,2}(?:NR\W{0,2})?\d{1,2}\b(?!\s?(?:X|CM|MM|M|V|W|L|STK)\b)"
                   r"|\d[.,]\d{1,3}\s?L\s?X\s?\d[.,]\d{3}\s?(?:EUR|€)\s?/\s?L\b")
_PATTERNED: dict[str, re.Pattern[str]] = {"cinema": re.compile(r"\bROW\W{0,2}(?:[A-Z]|\d{1,2})\b"),
                                          "restaurant": re.compile(_TABLE_OR_ROUND),
                                          "entertainment": re.compile(r"\bLANE\W{0,2}\d{1,2}\b"),
                                          "fuel": re.compile(_PUMP_OR_LITRES)}
# a bar's name: ``BAR EL RINCON`` (not ``BAR CODE``, ``Barra de pan``, a shop named for Maine's ``Bar Harbor``)
_BAR_NAMED_RE = re.compile(r"\s*BAR\s+(?!CODES?\b|HARBOU?R\b)[A-Z]")
# a British pub's name (``The Crown Inn``, ``Kings Arms``)
_PUB_NAMED_RE = re.compile(r"(?<![A-Z])(?:INN|ARMS)\W*$")
_LODGING_RE = re.compile(r"(?<![A-Z])(?:HOTEL|ROOMS?|FOLIO|CHECK[\s-]?IN|CHECK[\s-]?OUT|NIGHTS?)(?![A-Z])")
# a drinks bar's name closing with its trade (``JOE'S BAR``, ``SKYLINE LOUNGE``), not a service's or a sweet's
_BAR_CLOSING_RE = re.compile(r"(?P<before>[A-Z']+)\s+(?:BAR|LOUNGE)\W*$")
_NO_DRINKS_BARS = frozenset(("NAIL", "NAILS", "BROW", "BROWS", "LASH", "LASHES", "WAX", "WAXING", "BLOWOUT", "BLOW",
                             "TAN", "TANNING", "BEAUTY", "HAIR", "SPA", "GENIUS", "OXYGEN", "CANDY", "SALAD", "SOAP",
                             "GRANOLA", "PROTEIN", "CHOCOLATE", "BEAD", "FIX", "REPAIR", "MAKEUP", "MASSAGE", "DRY",
                             "BLOWDRY", "BARBER", "IV", "HYDRATION", "SKIN", "BRAID", "BRAIDS", "GLAM", "TECH",
                             "PHONE"))
# a shop for brewers or selling a brewery's beer (``MIDWEST BREWERY SUPPLY``, ``BREWERY OUTLET``), no taproom
_BREWERS_SHOP_RE = re.compile(r"(?<![A-Z])BREW(?:ERY|ING|PUB)\s+(?:SUPPLY|SUPPLIES|OUTLET|STORE|SHOP)(?![A-Z])")
_NAME_WEIGHT = 3.5  # a trade word in the merchant's own name outweighs three in the items
# what a shop's own name says it serves, though a grocer sells it too ("TACOS EL GORDO", "RAMEN TATSU-YA",
# "BI-RITE CREAMERY"; not a supermarket's "TACO SHELLS" or "BBQ SAUCE"): counted on the name's line only
NAMED_TRADES: dict[str, tuple[str, ...]] = {
    "restaurant": ("TACO", "TACOS", "RAMEN", "PHO", "BBQ", "BARBECUE", "WINGS", "BAGEL", "BAGELS", "DONUT", "DONUTS",
                   "DOUGHNUTS", "CREAMERY", "BREWING", "SUSHI", "BURGERS", "CURRY", "KEBAB", "DOENERHAUS", "EATS",
                   # not "EDEKA & Bäckerei Schmidt": a grocer's bakery counter
                   "BAECKEREI", "BACKEREI", "KONDITOREI", "BACKSTUBE", "BREWERY", "BREWPUB", "TAPHOUSE"),
    "entertainment": ("LANES",),  # "SUNSET LANES": a bowling centre's
}


def find_category(doc: Doc, name_line: int | None, name: str | None = None) -> tuple[str, float]:
    """The shop's trade by the words of its lines, its name's (``name``, on ``name_line``: with the trade
    printed under it, ``TONY & SONS`` / ``PIZZERIA``) weighing most."""
    scores = {category: 0.0 for category in CATEGORIES}
    served, server_named, souvenirs = 0, False, 0.0
    lodging = any(_LODGING_RE.search(ascii_upper(line.text)) for line in doc.lines)
    for line in doc.lines:
        if line.index != name_line and not line.amounts and is_address(line.text):
            continue  # "Market Street", "Mill Road": where the shop is, not what it sells
        weight = _NAME_WEIGHT if line.index == name_line else 1.0
        text = _trade_words(name if name and line.index == name_line else line.text)
        for category in CATEGORIES:
            if _says(text, category, line.index == name_line, sold=bool(line.amounts), lodging=lodging):
                scores[category] += weight
        if _ORDER_KIND_RE.fullmatch(ascii_upper(line.text).strip()):
            scores["restaurant"] += weight  # "TO GO", "Dining Option: For Here": the order's kind, on a line of its own
        upper = ascii_upper(text)
        served += bool(_SERVED_RE.search(upper))
        server_named = server_named or bool(_SERVER_RE.search(upper))
        souvenirs += weight * bool(_SOUVENIR_RE.search(upper))
    if scores["entertainment"]:
        scores["entertainment"] += souvenirs  # a park's gift shop
    best = max(scores, key=lambda c: scores[c])  # a tie goes to the category listed first
    if served >= _SERVED_LINES and server_named and best in ("grocery", "retail"):
        best = "restaurant"  # "TIME OUT MARKET" with its server and the tip: a food hall's stall, no grocer
    if scores[best] < 1.0:
        return "retail", 0.3
    share = scores[best] / sum(scores.values())
    return best, round(min(0.9, 0.3 + 0.15 * scores[best]) * share + 0.1, 2)


def _says(text: str, category: str, names_the_shop: bool, sold: bool, lodging: bool = False) -> bool:
    """The line (the shop's name's, ``names_the_shop``; a priced line, ``sold``) counts for ``category``; on a
    hotel's bill (``lodging``) an inn's name is the hotel's."""
    return mentions(text, category) or _patterned(text, category) \
        or names_the_shop and _names_its_trade(text, category, lodging) \
        and not any(mentions(text, other) for other in CATEGORIES if other != category) \
        or sold and not names_the_shop and _sells(text, category)


def plays_not_dines(doc: Doc, name_line: int | None, item_lines: Collection[int]) -> bool:
    """Every item sells play (bowling, laser tag, a game card; ``_PLAY``) and no line says restaurant: an
    entertainment centre's bill, though the directory files the chain as a restaurant (Main Event, Dave &
    Buster's); not a restaurant's souvenir mug or raffle tickets."""
    items = [line.text for line in doc.lines if line.index in item_lines]
    return bool(items) and all(_matches(item, _PLAY_MATCHER) for item in items) and not _dines(doc, name_line)


def _dines(doc: Doc, name_line: int | None) -> bool:
    """A line says restaurant (its name, a dish, a server) or prints the order's kind (``TO GO``)."""
    return any(_says(line.text, "restaurant", line.index == name_line, sold=bool(line.amounts))
               or _ORDER_KIND_RE.fullmatch(ascii_upper(line.text).strip()) for line in doc.lines)


def served_at_a_table(doc: Doc) -> bool:
    """A line names a server, a table, the guests or a buffet: a bill served in a restaurant."""
    return any(_AT_A_TABLE_RE.search(ascii_upper(line.text)) for line in doc.lines)


def _sells(text: str, category: str) -> bool:
    """A product only ``category``'s shops sell (``_SOLD``), a pack of cigarettes (``CAMEL BLUE BOX``)."""
    upper = ascii_upper(text)
    if category == "tobacco" and _PACKED_CIGARETTES_RE.search(upper):
        return True
    return category in _SOLD_MATCHERS and not _DRINKS_PACKED_RE.search(upper) \
        and (_matches(text, _SOLD_MATCHERS[category]) or category == "restaurant" and _poured(upper))


def _poured(upper: str) -> bool:
    """A bar's drink as poured: a pitcher or a pint."""
    return bool(_POURED_PITCHER_RE.match(upper) or _POURED_PINT_RE.match(upper))


def _trade_words(text: str) -> str:
    """The line as its trade words are read: a firm's legal form is no unit (``GmbH & Co. KG``: no
    kilograms, unlike ``Tomaten 1,234 KG``), and a dish sold in a pack is a grocer's (``Pommes Frites TK
    2,5kg``, ``Gyros Pfanne 400g``), not a meal served."""
    if has_legal_form(text) and not _WEIGHED_RE.search(text):
        text = without_legal_forms(text)
    return _DISHES_RE.sub(" ", text) if _PACKED_RE.search(ascii_upper(text)) else text


# what only a bill where one was served prints: two lines of its server, the guests or the tip, one of them
# naming its server or the guests (a delivery's "Shopper Tip" alone is no table's)
_SERVERS = ("SERVER", "GUESTS", "COVERS", "BARTENDER", "KELLNER(?:IN)?")
_SERVER_RE = re.compile(rf"(?<![A-Z])(?:{'|'.join(_SERVERS)})(?![A-Z])")
_SERVED_RE = re.compile(rf"(?<![A-Z])(?:{'|'.join(_SERVERS + ('TIP', 'GRATUITY', 'TRINKGELD'))})(?![A-Z])")
_SERVED_LINES = 2
_AT_A_TABLE_RE = re.compile(rf"(?<![A-Z])(?:{'|'.join(_SERVERS + ('TABLE', 'TISCH', 'BUFFET'))})(?![A-Z])")
_WEIGHED_RE = re.compile(r"\d\s*KG\b", re.IGNORECASE)
_PACKED_RE = re.compile(r"\d\s?(?:KG|G|L|ML)\b|\bTK\b")  # a pack's size, or frozen (tiefgekühlt)
_DRINKS_PACKED_RE = re.compile(r"\d\s?(?:ML|L|OZ|PK|CT|QT|GAL)\b|\b(?:CANS?|BTLS?|BOTTLES?|PACK|GLASS)\b")  # "IPA 6PK"
_DISHES_RE = re.compile("|".join(_DISHES), re.IGNORECASE)
_GLUED = 7  # letters; a trade word this long is known even glued to the word before it
_SHORT = 4  # letters; a short trade word must be printed as it is ("KIND" folded is "KINO")


def _matcher(words: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The long words (matched OCR-tolerant) and one pattern for the short ones (matched exactly)."""
    short = [re.escape(word) for word in words if len(word.replace(" ", "")) <= _SHORT]
    pattern = re.compile(rf"(?<![A-Z0-9])(?:{'|'.join(short) or '(?!)'})(?![A-Z0-9])")
    return tuple(word for word in words if len(word.replace(" ", "")) > _SHORT), pattern


def _compounds(category: str) -> tuple[str, ...]:
    return tuple(opener + end for opener in _COMPOUND_OPENERS.get(category, ()) for end in _COMPOUND_ENDS)


_MATCHERS = {category: _matcher(words + _compounds(category)) for category, words in CATEGORIES.items()}
_SOLD_MATCHERS = {category: _matcher(words) for category, words in _SOLD.items()}
_PLAY_MATCHER = _matcher(_PLAY)
_NAMED_MATCHERS = {category: _matcher(words) for category, words in NAMED_TRADES.items()}


def _names_its_trade(name: str, category: str, lodging: bool = False) -> bool:
    """A word of ``NAMED_TRADES`` in the shop's name (not a shop's ``BREWERY SUPPLY``), a bar's name (``BAR EL
    RINCON``), or a pub's (``The Crown Inn``; not a hotel's, ``lodging``)."""
    name = _BREWERS_SHOP_RE.sub(" ", ascii_upper(name))
    return category in _NAMED_MATCHERS and _matches(name, _NAMED_MATCHERS[category]) \
        or category == "restaurant" and (bool(_BAR_NAMED_RE.match(ascii_upper(name))) or _bar_closing(name)
                                         or not lodging and bool(_PUB_NAMED_RE.search(ascii_upper(name))))


def _bar_closing(name: str) -> bool:
    """A drinks bar's name closing with ``BAR`` or ``LOUNGE`` (``JOE'S BAR``; not ``NAIL BAR``, ``CANDY BAR``)."""
    closing = _BAR_CLOSING_RE.search(ascii_upper(name))
    return closing is not None and closing.group("before").replace("'", "") not in _NO_DRINKS_BARS


def _patterned(text: str, category: str) -> bool:
    """A trade's word that counts only in its place on the line (``_PATTERNED``)."""
    return category in _PATTERNED and bool(_PATTERNED[category].search(ascii_upper(text)))


def mentions(text: str, category: str) -> bool:
    """A trade word of ``category`` on the line: long ones OCR-tolerant, short ones as printed."""
    return _matches(text, _MATCHERS[category])


def _matches(text: str, matcher: tuple[tuple[str, ...], re.Pattern[str]]) -> bool:
    long_words, short_pattern = matcher
    return bool(short_pattern.search(ascii_upper(text))) or find_keyword(text, long_words, _GLUED) is not None
