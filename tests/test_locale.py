"""Country, currency and date order from a receipt's own words."""
import pytest

from parse.locale import detect_locale, home_locale


@pytest.mark.parametrize(
    ("lines", "country", "currency", "day_first"),
    [
        (["CORNER MARKET", "Springfield, IL 62701", "(217) 555-0199", "SALES TAX 0.62", "TOTAL 8.37"], "US", "USD", False),
        # the state glued to its ZIP by OCR; a German VAT id's "DE" and nine digits is no Delaware ZIP
        (["JOES DINER", "Columbus OH43215", "09/01/16"], "US", "USD", False),
        (["Frische Markt", "USt-IdNr. DE230485700", "EUR 12,00"], "DE", "EUR", True),
        (["Frische Markt GmbH", "50667 Koln", "SUMME EUR 11,71", "MwSt 19% 1,87"], "DE", "EUR", True),
        # a restaurant's bill that prints no EUR, no MwSt and no Summe: its German words still say it
        (["Pizzeria Roma", "44787 Bochum", "Gesamt 10,50", "Kartenzahlung 10,50"], "DE", "EUR", True),
        (["Gasthaus Adler", "Tisch 3", "Zwischensumme 13,50", "Trinkgeld 1,50"], "DE", "EUR", True),
        (["UCI Kinowelt", "inkl. 19% Mehrwertsteuer 1,21", "girocard 7,60"], "DE", "EUR", True),
        # a Mexican or a German-style restaurant in the US: its words are Spanish or German, its till American
        (["El Toro", "12 Mesa Dr", "12/05/2026 7:41 PM", "Total 43.23", "Gracias!"], "US", "USD", False),
        (["Hofbrauhaus", "Tisch 22", "12/04/2026 8:15 PM", "Total 12.84", "Vielen Dank!"], "US", "USD", False),
        # a 12-hour clock after a slashed date is no American mark where the country's own marks stand
        (["Greggs", "Leeds LS1 5AB", "03/12/2026 12:41 PM", "Total 1.25", "Cash 2.00"], "GB", "GBP", True),
        (["Bondi Beach Cafe", "03/12/2026 10:15 AM", "Total $23.00", "Includes GST $2.09", "EFTPOS $23.00"],
         "AU", "AUD", True),
        # German words in Switzerland
        (["Zeughauskeller", "Bahnhofstrasse 28a, 8001 Zürich", "Tisch 12", "Total CHF 46.00", "Trinkgeld 4.00",
          "Kartenzahlung 50.00", "Mehrwertsteuer 8.1% 3.45"], "CH", "CHF", True),
        (["Restaurante El Faro", "Mesa 4", "TOTAL A PAGAR 23,40", "Efectivo 25,00", "Cambio 1,60", "Gracias"],
         "ES", "EUR", True),
        (["Meadow Pharmacy", "Leeds Ls1 SAB", "BALANCE DUE E23.73", "VAT 20% included E3.96"], "GB", "GBP", True),
        # a pound sign read as f or L before every price: British, whatever else the receipt leaves out
        (["Co-op Food - Swansea Uplands", "MINCE PIES 6PK f1.75", "CRISPS 6PK f2.50", "TOTAL f4.25"], "GB", "GBP",
         True),
        (["Co-op Food - Aberystwyth", "HAM SANDWICH L2.75", "TOTAL L2.75"], "GB", "GBP", True),
        (["Corner Shop", "Aisle L12 Unit F4", "TOTAL 3.21"], None, None, None),  # no price after the letters
        (["The Corner Kitchen Ltd", "Oxford OX1 4AH", "Total £20.85"], "GB", "GBP", True),
        (["BOOK TA .K (TAMAN DAYA) SDN BHD", "JALAN 1", "TOTAL RM 9.00"], "MY", "MYR", True),
        (["Boulangerie du Coin", "75011 Paris", "TOTAL TTC 12,40 €", "dont TVA 5,5% 0,65"], "FR", "EUR", True),
        (["MERCADONA S.A.", "28013 Madrid", "TOTAL A PAGAR 2,15", "TARJETA 2,15", "IVA 10% 0,20"], "ES", "EUR", True),
        (["COOP", "00184 Roma", "TOTALE EURO 2,79", "CONTANTI 5,00", "RESTO 2,21"], "IT", "EUR", True),
        (["Albert Heijn", "1012 JM Amsterdam", "TOTAAL 7,28", "BTW 9% 0,60"], "NL", "EUR", True),
        # "$" and GST: Australian by its state and postcode, not Malaysian by its GST
        (["WOOLWORTHS", "Bella Vista NSW 2153", "TOTAL $5.70", "EFTPOS $5.70", "GST included $0.52"], "AU", "AUD", True),
        (["DMart", "Mumbai 400001", "TOTAL Rs. 444.00", "CGST 2.5% 10.57"], "IN", "INR", True),
        # one "$" misread as "€" does not outweigh a state and its postcode
        (["JEANS WEST", "STRATHMORE VIC 2041", "WaS € 29.00", "TOTAL 19.95"], "AU", "AUD", True),
        # a garbled word ending in "DH", a card read "Cad": no dirham, no Canadian dollar
        (["COTTON ON", "St Petersburg FL 33710", "EFT Payment Visa 10.70", "NEWS FROM COTTOH DH"], "US", "USD", False),
        (["STOP & SHOP #039", "3RCJUII Cad Nutje", "TOTAL 3.21"], None, None, None),
        # Canada by its province and postcode (a 6 read as G), not Malaysia by its GST
        (["ZAKKUSHI", "Vancouver, BC, VGG 2L7", "Subtotal 80.40", "GST 4.82", "GST #869335000"], "CA", "CAD", False),
        # more European countries by their words
        (["Le Pain Quotidien", "1000 Bruxelles", "TVA BE 0462.921.452", "TOTAL 12,40 EUR"], "BE", "EUR", True),
        (["Continente", "Contribuinte 502011475", "TOTAL A PAGAR 23,04", "OBRIGADO"], "PT", "EUR", True),
        (["Bugenvila", "OIB: 96183242011", "UKUPNO 24,00", "PDV 25% 4,80"], "HR", "EUR", True),
        (["Viru restoran", "KMKR EE100342436", "KOKKU 31,50"], "EE", "EUR", True),
        (["Jaipur", "Org.nr 898 336 MVA", "Netto 528,80", "MVA 132,20"], "NO", "NOK", True),
        # a tax letter after every Polish price read as "€" is no euro receipt
        (["CARREFOUR Polska Sp. z o. o.", "NIP 937-00-08-168", "PARAGON FISKALNY", "MASLO 6,99 €",
          "CHLEB 4,99 €", "MLEKO 3,49 €", "SER 12,99 €", "SPRZEDAZ OPODATK. A 28,46", "PTU A 23% 5,32",
          "SUMA PLN 28,46"], "PL", "PLN", True),
        # pound signs read as euro signs on a British receipt
        (["MORRISONS", "Wm Morrison Supermarkets PLC", "London SE2 9RT", "BALANCE DUE €70.32", "CASH €80.00",
          "VAT 20%"], "GB", "GBP", True),
        # Dublin, Ohio and London, Kentucky by their state and ZIP code; a road named for a town
        (["KROGER", "DUBLIN OH 43017", "12/04/2026 06:22", "TOTAL 31.37"], "US", "USD", False),
        (["Walmart", "LONDON KY 40741", "TOTAL 31.37"], "US", "USD", False),
        (["SPEEDWAY", "1205 E DUBLIN GRANVILLE RD", "COLUMBUS OH 43229", "TOTAL 31.37"], "US", "USD", False),
        (["JOE'S DINER", "Dublin, OH", "(614) 555-1212", "TOTAL $5.00"], "US", "USD", False),  # its ZIP code lost
        (["GENT CUT 30.00", "TOTAL $30.00"], "US", "USD", False),  # a barber's cut, no Belgian town
        (["N95 PACK 12.99", "TOTAL $12.99"], "US", "USD", False),  # no Eircode: no digit in its last four
        (["Bewley's", "Grafton St, Dublin 2", "TOTAL €5.00"], "IE", "EUR", True),
        # Ireland by its Eircode, VAT number, a postal district or county, over British-looking VAT and E-prices
        (["Filter", "Cork T12 A6K4", "Flat White €3.80", "Total €3.80", "VAT No IE 3312456LH", "VAT 13.5% €0.45"],
         "IE", "EUR", True),
        (["Centra", "Rathmines Road Upper", "Dublin 6", "Roll E4.95", "Coffee E3.20", "Total E8.15", "Card E8.15"],
         "IE", "EUR", True),
        (["applegreen", "Co. Kildare", "Diesel €76.62", "Total €76.62", "VAT 23% €14.33"], "IE", "EUR", True),
        # Austria and Belgium by their towns, their cards and their companies' words
        (["INTERSPAR", "SPAR Österreichische Warenhandels-AG", "1060 Wien", "Summe 1,09"], "AT", "EUR", True),
        (["DELHAIZE", "1000 Bruxelles", "TOTAL 8,49", "Bancontact 8,49"], "BE", "EUR", True),
    ],
)
def test_locale_from_the_receipts_words(lines, country, currency, day_first):
    locale = detect_locale(lines)
    assert (locale.country, locale.currency, locale.day_first) == (country, currency, day_first)


@pytest.mark.parametrize("change", ["Zurück 3,05", "Ruckgeld 3,05"])
def test_a_kiosks_change_and_deposit_words_say_german_where_no_euro_is_printed(change):
    """Kiosk and market-stall slips print no EUR and often no postcode; the Summe may come out garbled. The
    till's change (``Zurück``, ``Rückgeld`` its dots lost) and the bottle deposit (``Pfand``, ``Leergut``) are
    German."""
    lines = ["Späti Kreuzberg", "Oranienstr. 20", "Chips 1,80", "Pfand 0,15", "Surnme 1,95", "Bar 5,00", change]
    assert (detect_locale(lines).country, detect_locale(lines).currency) == ("DE", "EUR")
    assert detect_locale(["Kiosk", "Leergut -0,75"]).currency == "EUR"


def test_an_english_bar_and_its_change_say_no_german():
    assert detect_locale(["Corner Bar", "Chips 1.80", "Total 1.95", "Bar 5.00", "Change 3.05"]).country is None


def test_balance_due_alone_says_nothing_about_the_country():
    assert detect_locale(["Shop", "BALANCE DUE 9.99"]).country is None


def test_a_stray_currency_sign_does_not_outvote_the_receipts_words():
    # OCR specks read as a euro sign on Malaysian invoices (sroie-333, sroie-369)
    lines = ["GARDENIA BAKERIES (KL) SDN BHD", "Jalan Pelabur 23/1", "40300 Shah Alam, Selangor", "GST: 0.82",
             "1 & 0 € _", "Total Payable: 27.10"]
    assert detect_locale(lines).currency == "MYR"
    assert detect_locale(["Frische Markt GmbH", "SUMME 11,71 €"]).currency == "EUR"  # one sign, the country agrees


@pytest.mark.parametrize(("address", "country"), [
    ("www.mcdonaldsschiphol.nl", "NL"), ("dt.ucdonal dsschiphol .nl", "NL"),  # its dot spaced by OCR
    ("info@vapiano.fr", "FR"), ("www.tesco.co.uk", "GB"), ("www.coles.com.au", "AU"),
])
def test_a_web_or_mail_address_under_a_countrys_domain_says_the_country(address, country):
    locale = detect_locale(["Kassabon", "Order No 64", "05/09/2011 07:12", address])
    assert locale.country == country and locale.day_first


@pytest.mark.parametrize(("lines", "country", "currency"), [
    (["Coop Basel Gundeli", "4053 Basel", "Brot 2.60", "Total CHF 2.60", "Bar 20.00", "Rückgeld 17.40",
      "MWST-Nr. CHE-116.320.053 MWST", "04.12.26 18:11 Kasse 5"], "CH", "CHF"),  # francs, German words
    (["Zeughauskeller", "8001 Zürich", "02.12.2026 19:48", "1 Rösti Fr. 8.50", "Total Fr. 8.50"], "CH", "CHF"),
    (["Café du Bourg-de-Four", "1204 Genève", "1 Croissant Fr. 3.20", "Total Fr. 3.20", "Merci"], "CH", "CHF"),
    (["Bäckerei Schmidt", "Fr. 05.12.26 07:12", "Brezel 0,90", "SUMME EUR 0,90", "Kasse 1"], "DE", "EUR"),  # Friday
    (["Countdown Grey Lynn", "Grey Lynn, Auckland 1021", "GST No: 72-034-883", "MILK 4.89", "TOTAL $4.89",
      "EFTPOS $4.89"], "NZ", "NZD"),
    (["TESCO", "Ennis Clare Road", "Co. Clare", "MILK E2.09", "BREAD E2.19", "CHOC E2.50", "TOTAL TO PAY E6.78",
      "CARD E6.78"], "IE", "EUR"),  # a euro sign read as E on every line counts once
    (["Griffin's Bakery", "21 Shop Street, Galway", "Scone E3.50", "TOTAL E3.50"], "IE", "EUR"),
])
def test_swiss_new_zealand_and_irish_receipts_say_where_they_are_from(lines, country, currency):
    locale = detect_locale(lines)
    assert (locale.country, locale.currency) == (country, currency)


def test_quebecs_french_receipts_print_the_day_first():
    french = ["IGA", "2500 boul. Laurier", "Québec QC G1V 2L1", "SOUS-TOTAL 3.49", "TPS 0.17", "TVQ 0.35",
              "TOTAL 4.01", "Date: 03/12/2026 Heure: 11:05"]
    english = ["Shoppers Drug Mart", "Toronto ON M5V 2T6", "SUBTOTAL 3.49", "HST 0.45", "TOTAL 3.94",
               "12/03/2026 11:05 AM"]
    assert (detect_locale(french).country, detect_locale(french).day_first) == ("CA", True)
    assert (detect_locale(english).country, detect_locale(english).day_first) == ("CA", False)


@pytest.mark.parametrize(("lines", "country"), [
    (["Burger Joint", "LG FR 3.49", "SM FR 2.49", "TOTAL $5.98", "Austin, TX 78704"], "US"),  # fries, not francs
    (["Baeckerei Kamps", "Oeffnungszeiten Mo.-Fr. 7.00-20.00", "Brezel 0,90", "SUMME 0,90"], "DE"),
    (["CORK & BOTTLE", "120 Main St", "Hudson, NY 12534", "WINE 14.99", "TOTAL 14.99"], "US"),  # a shop, no town
    (["Dan Murphy's", "NELSON 2022 SAUV BLANC 21.99", "TOTAL 21.99", "Bondi NSW 2026", "EFTPOS 21.99"], "AU"),
])
def test_words_that_only_look_swiss_irish_or_new_zealand_say_nothing(lines, country):
    assert detect_locale(lines).country == country


def test_an_english_canadian_receipt_thanking_in_french_keeps_its_month_first_dates():
    lines = ["Shoppers Drug Mart", "Ottawa ON K1P 5G4", "SUBTOTAL 3.49", "HST 0.45", "TOTAL 3.94",
             "DATE: 12/03/2026 5:05 PM", "THANK YOU / MERCI"]
    assert detect_locale(lines).day_first is False


@pytest.mark.parametrize(("guests", "country"), [
    ("TBL 8/1 CHK 1156 GST 2", "US"),  # a Micros check's guest count
    ("Tbl 14/1 Chk 4521 Gst: 3", "US"),
    ("GST 6% 3.10", "MY"),  # Malaysia's goods and services tax
])
def test_a_checks_guest_count_is_no_goods_and_services_tax(guests, country):
    lines = ["BENIHANA", "47 W 56TH ST", guests, "1 HIBACHI CHICKEN 23.50", "Subtotal 51.75", "Tax 4.59",
             "Total Due 56.34"]
    assert detect_locale(lines).country == country


def test_the_old_irish_vat_number_says_ireland():
    """Irish receipts printing the VAT number's old format (a letter second: ``IE 8F52100V``)."""
    lines = ["TESCO", "VAT Number: IE 8F52100V", "MILK 1.99", "TOTAL 1.99", "06/12/26"]
    assert (detect_locale(lines).country, detect_locale(lines).currency) == ("IE", "EUR")
    assert detect_locale(["TESCO", "VAT Number: GB 220 4302 31", "MILK 1.99", "TOTAL 1.99"]).country == "GB"


@pytest.mark.parametrize(("rate", "country", "currency"), [
    ("VAT 23% 0.45", "IE", "EUR"), ("VAT @ 13.5% 0.29", "IE", "EUR"), ("VAT 9.00% 0.12", "IE", "EUR"),
    ("VAT 20% 0.40", "GB", "GBP"), ("VAT 5% 0.11", "GB", "GBP"),  # the UK's rates
])
def test_an_irish_vat_rate_says_ireland_over_the_bare_vat(rate, country, currency):
    """Irish shops printing no euro sign (OCR read it as a C) nor an Irish address: their VAT rate
    (23 %, 13.5 % or 9 %) is Ireland's, where the word VAT alone would say Britain."""
    locale = detect_locale(["EUROSPAR", "Dungarvan", "COKE 1.5L C2.39", "TOTAL C2.39", rate])
    assert (locale.country, locale.currency) == (country, currency)


def test_a_northern_irish_receipt_in_pounds_stays_british_whatever_its_rate():
    locale = detect_locale(["SPAR", "Belfast BT1 4QG", "COKE 1.5L £2.39", "TOTAL £2.39", "VAT 20% £0.40"])
    assert (locale.country, locale.currency) == ("GB", "GBP")


@pytest.mark.parametrize(("address", "country"), [
    ("Bilbao", "ES"), ("C/ Cava Baja 22 Madrid", "ES"), ("75011 Paris", "FR"), ("1012 AB Amsterdam", "NL"),
    ("Via Dante 4, Milano", "IT"),
])
def test_a_big_euro_town_closing_the_address_says_its_country(address, country):
    """Receipts whose only mark of a country is a big town of the euro countries as the address's town."""
    locale = detect_locale(["EROSKI", address, "PAN 0,60", "VISA 0,60", "06/12/2026 13:22"])
    assert (locale.country, locale.currency, locale.day_first) == (country, "EUR", True)


@pytest.mark.parametrize("lines", [
    ["Pepperidge Farm", "MILANO COOKIES 3.99", "TOTAL 3.99"],  # a product named for a town
    ["PARIS BAGUETTE", "123 Main St", "Paris, TX 75460", "TOTAL 3.99"],  # a US town of that name
])
def test_a_euro_towns_name_elsewhere_says_nothing(lines):
    assert detect_locale(lines).country in (None, "US")


def test_a_chain_takes_the_currency_its_countries_share():
    """Chains trading in several countries (``home_locale``): their currency and date order where all share
    them, nothing where they differ (A&W: the US, Canada, Malaysia) or trade worldwide."""
    shared = home_locale(frozenset({"NL", "BE"}))
    assert (shared.country, shared.currency, shared.day_first) == (None, "EUR", True)
    assert home_locale(frozenset({"US", "CA", "MY"})) is None and home_locale(frozenset({"DE", "001"})) is None


@pytest.mark.parametrize("lines", [
    ["IKEA AB", "Kungens Kurva", "KOTTBULLAR 79.00", "TOTAL 79.00"],  # a Swedish company's form
    ["ADD ON", "KEDAI MAJU SDN BHD", "GST 6% 0.30", "TOTAL 5.30"],  # Malaysia's GST
])
def test_a_province_code_without_gst_or_quebec_words_or_beside_malaysian_words_is_no_canada(lines):
    assert detect_locale(lines).country != "CA"


@pytest.mark.parametrize("lines", [
    ["SUBWAY", "Served by: Sabnam", "GST# 128 127 324", "Soup $5.00", "Total $5.25"],  # a GST account's nine digits
    ["THAI EXPRESS", "EDMONTON .AB", "CiUK 000284204 RT0001", "GST 0.56", "Total 11.79"],  # its number and RT 0001
    ["SOBEYS", "2011 -111 Street", "GST/HST 137466199", "5% GST $0.65", "TOTAL $13.55"],  # Canada's GST/HST
    ["NOFRILLS", "PORK PIECE 14.87", "G:GST 5% 5.89 @ 5.000% 0.29", "TOTAL 65.90", "11411 40th Ave NW",
     "Edmonton AB"],  # a card slip's town and province under its street
])
def test_canadian_gst_numbers_and_a_slips_town_say_canada(lines):
    assert detect_locale(lines).country == "CA"


@pytest.mark.parametrize("lines", [
    ["KEDAI ANEKA SDN BHD", "GST ID : 000656195584", "TOTAL 9.61"],  # a Malaysian GST id's twelve digits
    ["IKEA AB", "TAMPINES", "MEATBALLS 8.90", "GST 0.71", "TOTAL 9.61"],  # a Swedish company, no street over it
])
def test_twelve_digit_gst_ids_and_a_swedish_company_say_no_canada(lines):
    """Guard: Malaysia's GST ids are twelve digits; ``IKEA AB`` is a company, not a town in Alberta."""
    assert detect_locale(lines).country != "CA"


@pytest.mark.parametrize("lines", [
    ["YELLOW DOG EATS", "1425 NE Alberta St", "Portland, OR 97211", "Burger 12.00", "TAX 0.96", "TOTAL 12.96"],
    ["RUSS & DAUGHTERS", "New York NY 10002", "NOVA SCOTIA SALMON 14.50", "TAX 1.29", "TOTAL 15.79"],
])
def test_a_province_named_in_a_street_or_a_product_says_no_canada(lines):
    """Guard: a province's name says Canada only closing an address's line (``Edmonton, Alberta T6J 5M8``)."""
    assert detect_locale(lines).country == "US"
