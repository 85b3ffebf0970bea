"""Words around a brand on its line, and receipt words that are never a brand."""
from __future__ import annotations

from .fold import fold_word

# a legal name's form: a line ending in one names its company, whoever's name stands between
_LEGAL_FORMS = """
gmbh mbh co kg ag ohg ek kfm kfr ev gbr ug se kgaa mbb
inc incorporated llc llp lp ltd limited corp corporation plc pty pte sdn bhd berhad
sa sas sarl sl srl spa snc bv nv ab as asa oy oyj aps kft sro doo sp zoo cie soccoop scarl scrl
"""
# a trade's words that a chain's legal name prints ("C&A Mode GmbH & Co. KG", "Parfümerie Douglas Deutschland
# GmbH"), and a shop named for its owner too ("Mode Müller", "Textil Köhler"): filler like the others, except
# where a line's brand spans are weighed (``match._spans``): there only on a company's legal-name line, not on
# a registered merchant's ("Lebensmittel Schäfer e.K.")
_LEGAL_NAME_TRADES = """
textilien textil mode moden non nonfood parfümerie parfumerie lebensmittel lebensmittelfilialbetrieb
"""
# printed after (or before) a brand on its logo or legal-name line: legal forms, trade words,
# branch words, countries; a line of a brand and only these still names the brand
_FILLER = _LEGAL_FORMS + """
inh inhaber stiftung gruppe group holding holdings company
handels handelsgesellschaft vertrieb vertriebs vertriebsgesellschaft dienstleistung dienstleistungs
warenhandel filialen international und and the of
store stores shop shops markt market markets supermarkt supermarket supermarkets supercenter supercentre
hypermarket hypermarkt verbrauchermarkt center centre filiale fil branch outlet nr no nummer number
express city mini station tankstelle restaurant restaurants baumarkt drogerie drogeriemarkt apotheke
pharmacy drugstore food foods fresh deutschland germany usa uk gas fuel service services kiosk
location loc unit reg register einkauf warenhaus sb zentrale
""" + _LEGAL_NAME_TRADES
# greetings before a brand: "Welcome to", "Willkommen bei", "Bienvenue à"
_GREETINGS = "welcome to at willkommen bei im ihr your bienvenue a bienvenido bienvenida benvenuti"
# receipt vocabulary: a line made of these is no brand, and no brand is known by one of them
_RECEIPT = """
total subtotal sub grand due cash change visa mastercard amex maestro debit credit card tax vat gst sst
mwst ust summe zwischensumme gesamt gesamtbetrag bar gegeben ruckgeld wechselgeld ec girocard
kartenzahlung zahlung betrag eur euro usd rm thank thanks you danke vielen dank receipt invoice bon
beleg kassenbon rechnung quittung tel fax phone date datum time uhrzeit kasse cashier kassierer
server table tisch qty menge price preis amount balance tender tendered rounding discount rabatt
savings coupon member points welcome willkommen item items payment paid tip tips net merchant
terminal transaction approved approval auth customer copy signature account netto brutto
telephone telefon
"""


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold_word(word) for word in words.split())


LEGAL_FORMS = _folded(_LEGAL_FORMS)
FILLER = _folded(_FILLER)
LEGAL_NAME_TRADES = _folded(_LEGAL_NAME_TRADES)
GREETINGS = _folded(_GREETINGS)
RECEIPT_WORDS = _folded(_RECEIPT)
# another trade than a grocer's after a grocery chain's short name: the name is the owner's, not the
# chain's ("Acme Oyster Bar", "Spar Reisen")
OTHER_TRADES = _folded("""
bar pub grill house hotel cafe café kitchen diner tavern bistro inn lounge saloon pizza pizzeria sushi bbq
gasthaus gaststätte imbiss reisen optik autohaus auto salon friseur bakery bäckerei metzgerei cinema kino
repair hardware oyster steakhouse brewery grille taproom cantina taqueria eatery alehouse osteria smokehouse
chophouse trattoria brasserie deli nails wings butcher cleaners medical
brauhaus brauerei wirtshaus gasthof biergarten weinstube weinbar bierstube kneipe espressobar
""")
# trades whose shops and chains are named after a family (Bäckerei Schmidt, Metzgerei Meyer, Boulangerie
# Martin), in both spellings of their umlauts: beside such a word the rest of a name is a surname
FAMILY_TRADES = frozenset(fold_word(word, spell) for word in """
bäckerei metzgerei fleischerei konditorei friseur optik autohaus reisen blumen getränke schuhhaus modehaus
boulangerie pâtisserie patisserie boucherie charcuterie fromagerie traiteur bakkerij slagerij panadería
panaderia pastelería pasteleria carnicería carniceria panetteria macelleria pasticceria
""".split() for spell in (False, True))
