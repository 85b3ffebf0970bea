"""The merchant's name line among a real photo's header lines (parse/merchant.py): OCR slips in the
name, a mall or a street taken for it, a name's trade word misread."""
from __future__ import annotations

import pytest

from parse.extract import extract_receipt
from parse.merchant import clean_name, describes_the_trade, has_legal_form, mended_glyphs
from parse.types import OcrLine


def ocr(text: str, tall: tuple[int, ...] = ()) -> list[OcrLine]:
    """One OcrLine per non-empty line, stacked top to bottom; the lines numbered in ``tall`` are
    printed twice as high (a logo)."""
    rows = [row.strip() for row in text.strip().splitlines() if row.strip()]
    lines, top = [], 0
    for i, row in enumerate(rows):
        height = 48 if i in tall else 24
        lines.append(OcrLine(row, box=(10, top, 10 + 12 * len(row), top + height), confidence=0.8))
        top += height + 6
    return lines


def merchant(text: str, tall: tuple[int, ...] = ()) -> str | None:
    return extract_receipt(ocr(text, tall)).merchant_raw


BODY = """
04/28/2017 14:17
CARD THANKS 5.99
SUBTOTAL 5.99
TOTAL 5.99
"""


def test_a_mall_line_under_the_name_is_no_trade():
    """``CENTER`` says where the shop is, not what it sells: the name above it stays the name."""
    assert merchant("SUE'S HALLMARK\nILLINOIS CENTER\n225 NORTH MICHIGAN AVENUE\nCHICAGO 60601" + BODY) \
        == "SUE'S HALLMARK"


def test_a_trade_word_in_the_plural_is_a_trade_word():
    header = "Prenier Restaurants Eesti AS\nTallinn , H Tammsaare tee, 47\nViru restoran\nViru 24\nnr 10190065"
    assert merchant(header + BODY) == "Prenier Restaurants Eesti AS"


def test_a_line_of_trade_words_in_the_plural_continues_the_name_above():
    assert merchant("WELCOME To\nFOODTOWN\nSUPERMARKETS\nLihited\nCNR CDLERIDGE 6 WILLIAMSON AVE" + BODY) \
        == "FOODTOWN SUPERMARKETS"


def test_the_trade_word_under_the_name_may_carry_one_slip():
    assert merchant("VOLUME QNE\nBOOKSHOF\nUNIT 41 MERRY HILL CENTRE\nMERRY HILL" + BODY) == "VOLUME QNE BOOKSHOF"
    # two slips: no trade word (under a name of mixed case it is no part of the name)
    assert merchant("Volume Qne\nBoxshof\nUNIT 41 MERRY HILL CENTRE" + BODY) == "Volume Qne"


def test_a_name_split_like_a_us_state_in_lower_case_is_no_address():
    """``Bugenvi Ia`` reads as a town and Iowa, but a state is printed in capitals."""
    assert merchant("Bugenvi Ia\nOhala Jeviju 20210 Cavtal\nCeminl NAM ;OIB:961" + BODY) == "Bugenvi Ia"
    assert merchant("Sawmill Rd\nDublin OH 43017\nJOE'S DINER" + BODY) == "JOE'S DINER"  # Rd: a street still


def test_an_owners_name_and_a_fuel_trade_beat_a_tall_word_above():
    header = ("Custoer-ctivated Furchaze Capture\nSevnce Kaker 11251\nAFrleD #215;\nQump\nHATOFF 'S GAS\n"
              "3440 WASHINGTON St")
    assert merchant(header + BODY, tall=(3,)) == "HATOFF 'S GAS"


def test_a_name_whose_capital_ocr_lost_before_its_trade_word_is_no_fragment():
    header = ("FARCA GRAN VIA\nGran Via Carts Catalanes n 630\n08007 Barcelora 61759205\nippopot amus Restauration\n"
              "Tel 933426040 Fax:933424432\nNO VALIDO COMO FACTURA")
    assert merchant(header + BODY) == "ippopot amus Restauration"
    assert merchant("KWIK STOP\nery fresh bread daily" + BODY) == "KWIK STOP"  # a fragment without a trade


@pytest.mark.parametrize(("printed", "name"), [
    ("L4 TAURINA", "LA TAURINA"),  # 4 for A
    ("CAF0 ROMA", "CAFO ROMA"),  # 0 for O
    ("DRe5s For Less", "DReSs For Less"),  # 5 for S inside a word
    ("7ELEVEN", "7ELEVEN"),  # a digit starting a word is a digit
    ("B52 BAR", "B52 BAR"),  # two digits: a number
    ("PLAZA8 DINER", "PLAZA8 DINER"),  # a number glued to a longer word
    ("CAFE NO5", "CAFE NO5"),
])
def test_a_digit_inside_a_word_of_a_name_is_its_look_alike_letter(printed, name):
    assert clean_name(printed) == name


def test_a_place_named_for_the_street_under_it_is_no_name():
    """``FARGA GRAN VIA`` over ``Gran Via Corts Catalanes 630``: the mall, named for its street."""
    header = "FARGA GRAN VIA\nGran Via Corts Catalanes, 630\n08007 Barcelona\nBAR LOLO\nTel 933426040"
    assert merchant(header + BODY) == "BAR LOLO"
    assert merchant("MAIN STREET DINER\n12 Main Street\nSpringfield, IL 62701" + BODY) == "MAIN STREET DINER"


def test_the_order_type_above_the_name_is_no_name():
    """``To G0`` (its O read as a zero) and ``Order #435`` head a restaurant's check above its name;
    a name that ends in the words is one (``Pizza To Go``)."""
    assert merchant(f"To G0\nOrder #435\nCOPPER KETTLE\n2069 Broadway\nSpringfield, IL 62701\n{BODY}") == \
        "COPPER KETTLE"
    assert merchant(f"DINE IN\nCOPPER KETTLE\n2069 Broadway\n{BODY}") == "COPPER KETTLE"
    assert merchant(f"Pizza To Go\n2069 Broadway\n{BODY}") == "Pizza To Go"


def test_a_welcome_split_by_ocr_and_a_possessive_s_read_as_a_dollar_still_name_the_shop():
    assert merchant(f"Wel come to Maple Street Diner\n6784 Route 9\nColumbus, OH 43215\n{BODY}") == \
        "Maple Street Diner"
    assert merchant(f"Welcome to Rosa'$ Trattoria\n8411 Main St\nColumbus OH 43215\n{BODY}") == "Rosa's Trattoria"


@pytest.mark.parametrize(("welcome", "name"), [
    ("Herzlich Willkommen im Gasthaus Adler", "Gasthaus Adler"), ("Willkommen bei Bäckerei Sailer", "Bäckerei Sailer"),
    ("Willkommen in der Pizzeria Roma", "Pizzeria Roma"), ("Herzlich Willkommen", None),
])
def test_a_german_welcome_on_one_line_names_the_shop_and_the_table_is_no_name(welcome, name):
    """``Herzlich Willkommen im Gasthaus Adler`` as ``Welcome to ...``; ``Tisch 3`` and ``Kellner:
    Hans`` under the address are the bill's table and waiter, never the shop."""
    assert merchant(f"{welcome}\nHauptstr. 12\n79098 Freiburg\nTisch 3\nKellner: Hans{GERMAN_BODY}") == name


@pytest.mark.parametrize(("header", "name"), [
    ("Lucky Dragon\nChinese Restaurant\n412 Elm St\nColumbus, OH 43215", "Lucky Dragon"),
    ("EL TORO\nMEXICAN RESTAURANT\n412 Elm St\nColumbus, OH 43215", "EL TORO"),
    ("THE\nBLUE DOOR\n1010 Main St\nColumbus, OH 43215", "THE BLUE DOOR"),
    ("Vino Veritas\nWine Bar\n415 W 2nd St\nRoyal Oak MI 48067", "Vino Veritas"),  # what it pours, and the room
    ("Blue Moon\nCoffee House\n415 W 2nd St\nRoyal Oak MI 48067", "Blue Moon"),
    ("Harbor View\nSeafood Restaurant\n415 W 2nd St\nRoyal Oak MI 48067", "Harbor View"),  # what it serves
    ("Tap & Barrel\nBREWING COMPANY\n415 W 2nd St\nRoyal Oak MI 48067", "Tap & Barrel"),  # what it makes
    ("H&F BURGER\nat Ponce City Market\n675 Ponce De Leon Ave NE\nAtlanta GA 30308", "H&F BURGER"),  # where
])
def test_what_the_shop_is_or_where_under_the_name_and_an_article_over_it_are_no_name_of_their_own(header, name):
    """``Chinese Restaurant`` under ``Lucky Dragon`` says what it is, not its name, however much
    its trade word weighs; ``THE`` alone over the rest of the name opens it."""
    assert merchant(f"{header}\n{BODY}") == name


def test_a_tagline_a_guests_name_and_a_till_vendors_site_give_way_to_the_thanks_or_no_name():
    assert merchant(f"Authentic Italian Cuisine\n77 Federal Hill Ave\n{BODY}\nThank you for dining at Villa Roma!") \
        == "Villa Roma"
    assert merchant(f"3201 S Lamar Blvd\nAustin TX 78704\nJordan P.\n{BODY}") is None
    assert merchant(f"1208 Magazine St\nNew Orleans LA 70130\n{BODY}\nhttps://clover.com/privacy") is None
    assert merchant(f"~~\n{BODY}\nThank you for eating at Taco Loco!") == "Taco Loco"
    assert merchant(f"310 Main St\n{BODY}\nBlue Heron Grill - Since 1998\nwww.blueherongrill.com") == "Blue Heron Grill"


@pytest.mark.parametrize(("header", "footer", "name"), [
    ("Zum Runden Tisch\nHauptstr. 12\n79098 Freiburg", "", "Zum Runden Tisch"),
    ("Salon K\n1420 Elm St\nDallas TX 75201", "", "Salon K"),
    ("Thai Cuisine\nLunch Special\n1420 Elm St\nDallas TX 75201", "", "Thai Cuisine"),
    ("Café & Konditorei & Eis\nDolce Vita GmbH\nHauptstr. 12\n79098 Freiburg", "",
     "Café & Konditorei & Eis Dolce Vita GmbH"),
    ("1420 Elm St\nDallas TX 75201", "Thank you for coming in!", None),
    ("Willkommen im Markt\nHauptstr. 12\n79098 Freiburg", "", None),
])
def test_words_of_tables_people_cuisines_and_thanks_name_no_shop_where_they_are_part_of_one(header, footer, name):
    """``Tisch`` without its number, a trade word and an initial without its dot, a cuisine on the
    opening line, a trade list over a firm, a thanks without ``at``, a welcome to a one-word place."""
    assert merchant(f"{header}\n{BODY}\n{footer}") == name


@pytest.mark.parametrize(("header", "name"), [
    ("Rise Coffee Co.\n214 W Main St", "Rise Coffee Co"), ("HUDSON COFFEE CO\n214 W Main St", "HUDSON COFFEE CO"),
    ("Driftwood Brewing Co\n214 W Main St", "Driftwood Brewing Co"),
    ("Denver CO\n214 W Main St", None),  # a town in Colorado stays one
])
def test_a_company_named_for_its_trade_ending_co_is_no_town_in_colorado(header, name):
    assert merchant(f"{header}\n{BODY}") == name


def test_a_town_with_its_state_glued_to_the_zip_is_an_address_and_the_thanks_names_the_shop():
    """No name at the top (the logo a picture): ``Columbus OH43215`` is the town, not the name; the
    closing thanks names the restaurant."""
    assert merchant(f"6090 Route 9\nColumbus OH43215\n(542 ) 864-1548\n{BODY}\n"
                    "Thank you for dining at The Salty Pelican!") == "The Salty Pelican"
    assert merchant(f"3817 Route 9\nPortland, OR 97205\n{BODY}\n"  # a speck before a word
                    "Thank you for 'dining at Golden Spoon Bistro!") == "Golden Spoon Bistro"


@pytest.mark.parametrize(("logo", "legal", "name"), [
    ("PFLEGEPUNKT", "Pflegepunkt Drogeriemarkt GmbH", "PFLEGEPUNKT"),
    ("M a r k t W e r k", "Marktwerk Süd oHG", "MarktWerk"),  # letters spaced: not the start of a longer name
    ("P F L E 6 E P U N K T", "Pflegepunkt Drogeriemarkt GmbH", "Pflegepunkt"),  # one letter misread: as the legal line
    ("P FL E G EP U n Kt", "Pflegepunkt Drogeriemarkt GmbH", "Pflegepunkt"),  # spaced unevenly: as the legal line
    ("F R I $ € H E H 0 F", "Frischehof Handels GmbH & Co. KG", "Frischehof"),
    ("50NNENDR0GERIE", "Sonnendrogerie GmbH & Co. KG", "Sonnendrogerie"),  # digits for letters: as the legal line
    ("SONNE", "Sonnenhof Markt GmbH", "Sonnenhof Markt GmbH"),  # part of a word opens no name
])
def test_a_logo_printing_the_legal_names_first_words_is_the_trade_name(logo, legal, name):
    """Chains whose stores are run by different firms (``EDEKA Müller e.K.``) print one logo: the
    name the receipts of one chain share, as the analyst's views group them."""
    header = f"{logo}\n{legal}\nLindenallee 5\n50667 Köln"
    assert merchant(header + "\n02.03.2021 15:59\nBUTTER 1,99 B\nSUMME EUR 1,99") == name


@pytest.mark.parametrize(("footer", "name"), [
    ("Ihr Korbmarkt Team dankt!", "Korbmarkt"),
    ("Ihr Kaufland-Team", "Kaufland"),
    ("Ihr Service-Team", None),  # any shop's team: no name
    ("Ihr Apotheken-Team", None),
    ("Vielen Dank Ihr Marktteam", None),
])
def test_a_footer_signed_by_the_shops_team_names_a_shop_whose_logo_is_a_picture(footer, name):
    body = "Lindenallee 5\n50667 Köln\n02.03.2021 15:59\nBUTTER 1,99 B\nSUMME EUR 1,99\nGeg. BAR EUR 5,00\n"
    assert merchant(body + footer) == name


def test_a_numbered_road_over_the_town_is_an_address_and_a_barbecue_is_a_trade():
    """A check whose logo is a picture opens with its street (``248 Route 9``): the thanks names the
    place; a slogan under a name that says its trade (``RED BARN BBQ``) is neither the name nor part of it."""
    assert merchant("248 Route 9\nSpringfield, IL 62701\n(217) 794-6447" + BODY
                    + "Thank you for dining at Golden Spoon Bistro!") == "Golden Spoon Bistro"
    assert merchant("RED  BARN  BBQ\nGood Food Good Mood\n26 Ocean Ave\nPortland OR 97205" + BODY) == "RED BARN BBQ"
    assert merchant("MAPLE STREET DINER\nBar & Grill\n26 Ocean Ave\nPortland OR 97205" + BODY) == "MAPLE STREET DINER"


@pytest.mark.parametrize(("subtitle", "expected"), [
    ("Bat 6 Grill", "COPPER KETTLE"),  # "Bar & Grill": its & read as 6, a letter of BAR misread
    ("Bar 8 Grill", "COPPER KETTLE"),
    ("Pizza 6 Pasta", "COPPER KETTLE"),
])
def test_a_garbled_trade_subtitle_under_the_name_is_not_taken_for_it(subtitle, expected):
    """A subtitle of a trade's words joined by an & (``Bar & Grill``), the & read as a 6 or an 8 and a
    letter of one word misread, says what the shop over it is; it is not the name."""
    assert merchant(f"COPPER KETTLE\n{subtitle}\n1197 Elm Street\nPortland OR 97205" + BODY) == expected


def test_a_name_of_its_own_joined_by_an_ampersand_under_a_logo_stays_a_name():
    """``Bat & Ball`` is no trade's words with a letter misread (two words of it say no trade)."""
    assert merchant("~\nBat & Ball\n1197 Elm Street\nPortland OR 97205" + BODY) == "Bat & Ball"


@pytest.mark.parametrize("name", ["Lake & Pub", "King & Bar"])
def test_a_printed_ampersand_between_a_name_and_a_trade_word_mends_no_letter(name):
    """Guard: only an & read as a 6 or 8 makes its line a subtitle whose other word may be a glyph off a trade's
    (``Bat 6 Grill``); with the & printed, ``Lake`` is no misread ``Cake``: the line is the name."""
    assert not describes_the_trade(name)
    assert merchant(f"~\n{name}\n1197 Elm Street\nPortland OR 97205" + BODY) == name


def test_a_thanks_whose_exclamation_mark_ocr_read_as_a_question_mark_still_names_the_shop():
    """The logo was lost; the footer's ``Thank you for dining at Copper Kettle!`` came out with a ``?``."""
    assert merchant("9580 Broadway\nSpringfield, IL 62701" + BODY + "Thank you for dining at Copper Kettle?") \
        == "Copper Kettle"
    assert merchant("9580 Broadway\nSpringfield, IL 62701" + BODY + "Thank you for dining at Copper Kettle??") \
        != "Copper Kettle??"


@pytest.mark.parametrize("question", ["Thank you for dining with us. How was it?",
                                      "THANK YOU FOR YOUR VISIT WHY NOT RETURN?", "Thank you for dining at?"])
def test_a_question_after_the_thanks_names_no_shop(question):
    """Guard: a footer that asks the guest a question after its thanks names no shop, as before the rule that
    takes a thanks whose ``!`` came out ``?``."""
    assert merchant("1197 Elm Street\nPortland, OR 97205" + BODY + question) is None


def test_a_possessive_whose_apostrophe_ocr_read_as_a_quote_still_names_the_shop():
    assert merchant("343 Ocean Ave\nPortland, OR 97205" + BODY + 'Thank you for dining at Rosa"$ Trattoria!') \
        == "Rosa's Trattoria"


def test_a_header_label_misread_by_one_letter_is_still_no_name():
    """A blurred photo whose logo the recogniser lost: ``Setver: Ben`` is the server's line
    (``Server`` with one letter misread), not the restaurant's name."""
    assert merchant("Setver: Ben\nTable 12\n9700 Ocean Ave\nColumbus, OH 43215" + BODY) != "Setver: Ben"
    assert merchant("CASA VERDE CANTINA\nSetver: Ben\n9700 Ocean Ave\nColumbus, OH 43215" + BODY) \
        == "CASA VERDE CANTINA"


def test_a_receipt_opening_with_its_address_is_named_by_its_thanks_not_by_an_item_line():
    """The logo over ``6852 Broadway`` was not read; ``Cheesecake 750`` (its price's point lost)
    is an item, and the footer's thanks names the restaurant."""
    text = """6852 Broadway
Portland OR 97205
(509) 416-3647
Server 615 John
Cheesecake 750
Iced Tea 2.99
Total 37.87
"""
    assert merchant(text + "Thank you for dining at Rosa's Trattoria") == "Rosa's Trattoria"
    assert merchant("ROSA'S TRATTORIA\n" + text + "Thank you for dining at Rosa's Trattoria") == "ROSA'S TRATTORIA"


@pytest.mark.parametrize("welcome", ["Nelcore tO", "Mel cone tO", "Hetcone to", "Helcore Io", "Welcone o",
                                     "(Ne [cone tO"])
def test_a_welcome_misread_past_one_letter_still_opens_the_name(welcome):
    assert merchant(f"{welcome} Copper Kettle\n12 Main St\nSpringfield, IL 62701" + BODY) == "Copper Kettle"


@pytest.mark.parametrize("welcome", ["dlcora t0", "(Nelcoadeto"])
def test_a_welcome_misread_further_before_a_to_read_as_one_or_glued_to_it_still_opens_the_name(welcome):
    """``dlcora t0`` (four letters of Welcome misread, its ``to`` read as one) and ``(Nelcoadeto`` (Welcome to
    glued, three misread): still the welcome, the name after it the restaurant's."""
    assert merchant(f"{welcome} Casa Verde Cantina\n12 Main St\nSpringfield, IL 62701" + BODY) == "Casa Verde Cantina"


def test_words_before_a_name_unlike_a_welcome_stay_in_it():
    """``Harvest to Fork``, ``Helmets to Hardhats Cafe``: a ``to`` in the name after a word unlike Welcome."""
    for name in ("Harvest to Fork", "Garden to Fork Bistro", "Helmets to Hardhats Cafe", "Nelson to Go Deli",
                 "NELSON TO GO DELI", "Delconto Trattoria", "oMG Burgers", "Pho oNG"):
        assert merchant(f"{name}\n12 Main St\nSpringfield, IL 62701" + BODY) == name


def test_a_logo_whose_capitals_ocr_read_small_is_the_name_over_a_slogan_read_surely():
    """``ThESaLTY PELICAN`` (a logo in capitals, some read small, read unsurely) over ``Good Food Good Hood``
    (its slogan in title case, read surely) and the address: the logo is the name, not the slogan."""
    rows = ocr("ThESaLTY PELICAN\nGood Food Good Hood\n9695 Ocean Ave\nAustin, TX 78701\n(955) 754-1247"
               "\nTable 19/4 Check 8010\nServer: Ben" + BODY)
    lines = [OcrLine(row.text, box=row.box, confidence={0: 0.3, 1: 0.94}.get(i, 0.6)) for i, row in enumerate(rows)]
    assert extract_receipt(lines).merchant_raw == "ThESaLTY PELICAN"


@pytest.mark.parametrize("header", ["FREE WiFi", "RePRINT", "TRAiNING MODE"])
def test_a_header_in_mixed_case_over_a_name_read_surely_is_no_misread_logo(header):
    """``FREE WiFi`` or ``RePRINT`` (a header's words, mixed case) over ``Blue Door Cafe`` read surely: the cafe
    is the name, no slogan under a logo."""
    rows = ocr(f"{header}\nBlue Door Cafe\n9695 Ocean Ave\nAustin, TX 78701\n(955) 754-1247" + BODY)
    lines = [OcrLine(row.text, box=row.box, confidence={0: 0.4, 1: 0.95}.get(i, 0.6)) for i, row in enumerate(rows)]
    assert extract_receipt(lines).merchant_raw == "Blue Door Cafe"


def test_a_line_mostly_in_small_letters_over_a_slogan_is_no_misread_logo():
    """``the sa1ty pElican`` (its letters mostly small: a fragment or a scribble, not a logo's capitals) over
    ``Good Food Good Hood`` read surely: the name line is chosen as before."""
    rows = ocr("the sa1ty pElican\nGood Food Good Hood\n9695 Ocean Ave\nAustin, TX 78701\n(955) 754-1247"
               "\nTable 19/4 Check 8010\nServer: Ben" + BODY)
    lines = [OcrLine(row.text, box=row.box, confidence={0: 0.3, 1: 0.94}.get(i, 0.6)) for i, row in enumerate(rows)]
    assert extract_receipt(lines).merchant_raw == "Good Food Good Hood"


@pytest.mark.parametrize("thanks", ["Thankeyou for dining at The Salty Pelican!",
                                    "Thank you for dining atThe Salty Pelican!",
                                    "Thank you To7 dining 08 The Salty Pelican",
                                    'Thank Vou ter dining # The Salty Pelican "'])
def test_a_thanks_whose_every_word_but_the_verb_ocr_garbled_still_names_the_restaurant(thanks):
    """The logo over ``6852 Broadway`` was not read; the footer's thanks, however blurred, names the
    restaurant (its verb, ``dining``, read)."""
    text = "6852 Broadway\nPortland OR 97205\nServer 615 John\nIced Tea 2.99\nTotal 37.87\n"
    assert merchant(text + thanks) == "The Salty Pelican"
    assert merchant(text + "Thanks for coming, see you soon") != "see you soon"


def test_a_street_whose_suffix_ocr_garbled_and_the_town_under_it_are_no_name():
    """``679 Moa Strea:`` (679 Main Street) under a logo read unsurely, ``Colntus 0H492}'`` under it:
    the logo's reading is the name, not the street's nor the town's."""
    rows = ocr("seeBLick { OoDS\n679 Moa Strea:\nColntus 0H492}'\n{751,248.6106" + BODY)
    lines = [OcrLine(row.text, box=row.box, confidence=0.04 if i in (0, 2) else 0.3) for i, row in enumerate(rows)]
    assert extract_receipt(lines).merchant_raw == "seeBLick { OoDS"


def test_a_thanks_with_us_names_no_shop_and_one_whose_apostrophe_ocr_added_names_it():
    """Over a header that opens with its address: ``Thanx YOu For DINING WITH US`` (its W read as N
    too) names nobody; ``Thankyou' Tor dining at Rosa's Trattoria`` names the restaurant."""
    text = "2761 Main St\nSpringfield, IL 62701\nServer 356 Dana" + BODY + "\nThanx YOu For DINING NITH US\n"
    assert merchant(text + "Thankyou' Tor dining at Rosa's Trattoria") == "Rosa's Trattoria"


def test_an_order_number_line_is_no_name():
    """``Orde{ #840`` over a name line whose capital OCR lost: the name still."""
    assert merchant("T0G0\nOrde{ #840\nred barn bbq\n4404 Ocean Ave\nAustin, TX 78701\n(955) 754-1247"
               "\nTable 19/4 Check 8010\nServer: Ben" + BODY) == "red barn bbq"


def test_the_town_under_a_street_whose_suffix_ocr_garbled_is_no_brand():
    """``Springhield 162701`` (Springfield, IL 62701) under ``697 Mem Sueet``: a town, not the
    Springfield clothes shop of the directory; the legal name over them is the shop."""
    receipt = extract_receipt(ocr("Riverside PHARMACY INC\n697 Mem Sueet\nSpringhield 162701" + BODY))
    assert (receipt.merchant, receipt.brand_wikidata) == ("Riverside PHARMACY INC", None)
    receipt = extract_receipt(ocr("COPPER KETTLE\n3671 Elm_Street\nSpringfield; AL67701" + BODY))
    assert (receipt.merchant, receipt.brand_wikidata) == ("COPPER KETTLE", None)
    # the house number's last digit read as a bracket: "Colunbus 04543215" is still the town, no Columbus Café
    receipt = extract_receipt(ocr("SOMEMBLICK PhARHACY\n36} Main Strtet\nColunbus 04543215\n{8c8} 299-2473\n"
                                  "Coffee Beans 30,96\nChicken Breast 39.27\nSubTOTAL 70.23\nSALES TAX 5.62\n"
                                  "Amount due $75.85\n07/29/2025 03:54 PM"))
    assert (receipt.merchant, receipt.brand_wikidata) == ("SOMEMBLICK PhARHACY", None)
    # a line without a postcode's digits under the town names a brand
    zara = extract_receipt(ocr("Gran Via Corts Catalanes, 630\n08007 Barcelona\nZara\n" + BODY))
    assert (zara.merchant, zara.brand_wikidata) == ("Zara", "Q147662")


def test_the_line_between_the_street_and_the_phone_number_is_the_town_however_garbled():
    """``Springtield. 1 ani`` (Springfield, IL 62701) between ``2675 Broadtay`` and ``(36e} 477-9215``:
    the town, its state and ZIP code garbled past reading (no Springfield shop of the directory); the
    logo over the street, read unsurely, is the name. A shop's legal name there stays a name."""
    rows = ocr("CASA Verde Cartina\n2675 Broadtay\nSpringtield. 1 ani\n(36e} 477-9215\nTabte 3 Cht 84154\n"
               "Server Luie" + BODY)
    lines = [OcrLine(row.text, box=row.box, confidence=0.05 if i == 0 else 0.5) for i, row in enumerate(rows)]
    receipt = extract_receipt(lines)
    assert (receipt.merchant, receipt.brand_wikidata) == ("CASA Verde Cartina", None)
    assert merchant("2675 Broadway\nCasa Verde Cantina LLC\n(360) 477-9215" + BODY) == "Casa Verde Cantina LLC"
    assert merchant("1600 Broadway\nStardust Diner\n(212) 956-5151" + BODY) == "Stardust Diner"  # a name alone


def test_a_welcome_misread_is_still_a_welcome_and_the_name_follows_it():
    assert merchant("Helcoma to Blue Heron Grill\n12 Main St\nSpringfield, IL 62701" + BODY) == "Blue Heron Grill"


def test_a_garbled_name_line_takes_the_spelling_the_thanks_line_reads_surely():
    """A blurred header (``Slue HexoN GRtL``, read unsurely) and the footer's thanks naming the
    same restaurant surely: the thanks' spelling; a thanks naming another name changes nothing."""
    def lines(footer: str) -> list[OcrLine]:
        rows = ocr("Slue HexoN GRtL\n12 Main St\nSpringfield, IL 62701" + BODY + "\n" + footer)
        return [OcrLine(row.text, box=row.box, confidence=0.35 if i == 0 else 0.9) for i, row in enumerate(rows)]

    assert extract_receipt(lines("Thank You tor dining at Blue Heron Grill!")).merchant_raw == "Blue Heron Grill"
    assert extract_receipt(lines("Thank you for dining at Casa Verde!")).merchant_raw == "Slue HexoN GRtL"


def test_a_town_and_its_state_under_a_street_are_no_brand_though_the_zip_code_was_lost():
    """``Springfields IL an`` under ``3215 Elm Street``: the town (no Springfield shop of the
    directory), the logo over the street, its spaces lost, is the name."""
    receipt = extract_receipt(ocr("To G0\nOrder *447\nMAPLEAStREeDNar\n3215 Elm Street\nSpringfields IL an\n"
                                  "(74) 30892990\nTable 48/5 Check; 77755\nServer: Maria" + BODY))
    assert (receipt.merchant, receipt.brand_wikidata) == ("MAPLEAStREeDNar", None)


def test_a_street_whose_first_letter_came_out_a_glyph_is_no_name():
    """``2513 #ain St`` (Main St): a street, so the thanks line names the restaurant."""
    assert merchant("2513 #ain St\nPortland, OR 97205" + BODY + "\nThank You for dining at Blue Heron Grill") \
        == "Blue Heron Grill"


def test_a_welcome_whose_to_came_out_two_other_glyphs_still_opens_the_name():
    assert merchant("Wel cone 30 Casa Verde Cantina\n3215 Elm Street\nAustin, TX 78701\n(955) 754-1247"
               "\nTable 19/4 Check 8010\nServer: Ben" + BODY) == "Casa Verde Cantina"


def test_a_garbled_thanks_names_the_shop_whose_capital_c_came_out_a_bracket():
    assert merchant("19128 Ela Streat\nPortland, OR 97205" + BODY + "\nThankeyou for dining at (asa Verde Cantina") \
        == "Casa Verde Cantina"


def test_a_garbled_thanks_whose_at_came_out_a_bracket_still_names_the_restaurant():
    """``Thank ycu {on jining 0{ Golden Spoon Bistro!``: EasyOCR reads a blurred ``t`` or ``f`` as a
    brace, in ``at`` too; the verb read, the name after it is the restaurant's. A line with no verb
    of a thanks before the brace names nobody."""
    text = "2132 Route 9\nColumbus OH 43215\nServer: Marla" + BODY
    assert merchant(text + "\nThank ycu {on jining 0{ Golden Spoon Bistro!") == "Golden Spoon Bistro"
    assert merchant(text + "\nThank ycu {on the 0{ Golden Spoon Bistro!") != "Golden Spoon Bistro"


def test_a_thanks_whose_spaces_around_its_verb_ocr_lost_still_names_the_restaurant():
    """``Thank You tor"diningeat Casa Verde Cantina``: the spaces before and after ``dining`` came out
    a quote and a letter, or nothing (``shoppingat``); the name after the ``at`` is the shop's."""
    text = "9737 Broadway\nColumbus OH 43215\nServer Luis" + BODY
    assert merchant(text + '\nThank You tor"diningeat Casa Verde Cantina') == "Casa Verde Cantina"
    assert merchant(text + "\nThanks for shoppingat Willow Foods") == "Willow Foods"
    assert merchant(text + "\nThank you for dining eat Fresh Cafe") == "eat Fresh Cafe"


def test_an_order_number_without_its_hash_and_a_check_line_are_no_names():
    assert merchant("To G0\nJrder 450\nKLRbor Light TaverR\n424 Route 9\nPortland, OR 97205" + BODY) \
        == "KLRbor Light TaverR"
    assert merchant("Tabte -13/5 Check;417070\nHarbor Light Tavern\n424 Route 9\nPortland, OR 97205" + BODY) \
        == "Harbor Light Tavern"


def test_a_thanks_with_a_colon_after_its_you_names_the_restaurant():
    assert merchant("3911 Ocean Ave\nPortland OR 97205\n(617) 925-2691" + BODY
                    + "\nThank You: Tor dining at Rosa S Trattorial") == "Rosa S Trattorial"


def test_an_item_under_the_address_whose_price_lost_its_point_is_no_name():
    """The logo over ``3147Elo 'Street`` was not read and the thanks is garbled beyond reading:
    ``bratt-Beer 650`` (Draft Beer 6.50) is an item, so no name rather than a wrong one."""
    assert merchant("3147Elo 'Street\nAustin ; TX 78701\nServer: Ben\nbratt-Beer 650\nIced Tea 2 .99" + BODY) is None


GERMAN_BODY = """
Kaffee 5,99 A
SUMME EUR 5,99
Geg. BAR EUR 10,00
14.03.2024 17:42
"""


@pytest.mark.parametrize(("header", "name"), [
    ("EDEKA Müller\nAm Markt 3\n91054 Erlangen", "EDEKA Müller"),
    ("Getränke Rösler\nAm Markt 3\n91054 Erlangen", "Getränke Rösler"),
    ("Hofladen Berger\nNeumarkt 12a\nD-50667 Köln", "Hofladen Berger"),
    ("Fruchthof Maier\nKe Markt 38\n70173 Stuttgart", "Fruchthof Maier"),  # its "Am" garbled under the name
    ("MAPKTBLITZ\nKe Markt 38\n70173 Stuttgart", "MAPKTBLITZ"),
    ("LA Bakery 12\n70173 Stuttgart", "LA Bakery 12"),  # two letters opening the name itself: no street
    ("Willkommen\nLA Cafe 21\n70173 Stuttgart", "LA Cafe 21"),  # under a welcome, not a name
])
def test_a_street_named_before_its_house_number_over_the_postcode_is_no_name(header, name):
    """``Am Markt 3`` over ``91054 Erlangen``: a street as most of Europe prints it, with no street word
    (``Markt`` is a trade's word too), is not the shop's name."""
    assert merchant(header + GERMAN_BODY) == name


def test_a_name_and_number_printed_larger_over_the_postcode_is_the_name_not_a_street():
    """``Studio 54`` in a logo's print right over ``80331 München`` (no street between): a street prints
    in the receipt's own size."""
    assert merchant("Studio 54\n80331 München" + GERMAN_BODY, tall=(0,)) == "Studio 54"
    assert merchant("Am Markt 3\n91054 Erlangen" + GERMAN_BODY, tall=(0,)) is None  # a preposition opens a street
    assert merchant("Getränke Rösler\nAm Markt 3\n91054 Erlangen" + GERMAN_BODY, tall=(0,)) == "Getränke Rösler"


@pytest.mark.parametrize(("header", "name"), [
    ("ALDI SÜD\nGmbH & Co. oHG\nLeopoldstr. 5\n80802 München", "ALDI SÜD GmbH & Co. oHG"),
    ("Bäckerei Rösler\nGmbH & Co. KG\nLindenallee 4\n10115 Berlin", "Bäckerei Rösler GmbH & Co. KG"),
    ("Netto Marken-Discount\nStiftung & Co. KG\nIndustriepark Ponholz 1\n93142 Maxhütte-Haidhof",
     "Netto Marken-Discount Stiftung & Co. KG"),
])
def test_a_line_opening_with_the_legal_form_continues_the_name_above_it(header, name):
    assert merchant(header + GERMAN_BODY) == name


def test_a_thanks_with_an_umlaut_before_the_name_gives_the_whole_name():
    """``für`` upper-cases to ``FUER``: the name is cut from the line as printed, not one letter late."""
    receipt = extract_receipt(ocr("Bahnhofstr. 3\n93047 Regensburg" + GERMAN_BODY
                                  + "Vielen Dank für Ihren Einkauf bei Getränke Hörl"))
    assert receipt.merchant_raw == "Getränke Hörl"


def test_a_branch_number_alone_is_no_name():
    assert merchant("Filiale 1234\nRötelstr. 35\n74172 Neckarsulm" + GERMAN_BODY
                    + "Vielen Dank für Ihren Einkauf bei Getränke Hörl") == "Getränke Hörl"


@pytest.mark.parametrize(("header", "name"), [
    ("Stadt-Apotheke\nInh. Dr. M. Meier e.K.\nMarktplatz 3\n91054 Erlangen", "Stadt-Apotheke"),
    ("Blumen Rösler\nInhaberin: Anna Rösler e.K.\nLindenallee 4\n10115 Berlin", "Blumen Rösler"),
])
def test_the_owners_line_under_the_name_is_no_part_of_it(header, name):
    """``Inh.`` (Inhaber): the owner's name and legal form, not the shop's, however strong its e.K."""
    assert merchant(header + GERMAN_BODY) == name


def test_a_kiosk_named_for_its_street_over_that_street_is_the_name():
    """``Kiosk am Ring`` over ``Am Ring 12``: a kiosk's trade word makes it a shop, not the street."""
    assert merchant("Kiosk am Ring\nAm Ring 12\n28195 Bremen" + GERMAN_BODY) == "Kiosk am Ring"


@pytest.mark.parametrize(("header", "name"), [
    ("Café Central\nCentral Gastro GmbH\nMarktplatz 3\n72764 Reutlingen", "Café Central"),
    ("Rosen-Apotheke\nApothekerin Anna Klein e.K.\nMarktplatz 3\n72764 Reutlingen", "Rosen-Apotheke"),
    ("Hotel Krone\nKrone Hotelbetriebs GmbH\nMarktplatz 3\n72764 Reutlingen", "Hotel Krone"),
    # no trade word: the firm named for the shop, or a caterer's firm
    ("Sushi Yamato\nYamato Gastro GmbH\nRosenthaler Str. 10\n10119 Berlin", "Sushi Yamato"),
    ("Blauer Engel\nMüller Gastronomie GmbH\nMarktplatz 3\n72764 Reutlingen", "Blauer Engel"),
    # the legal form alone continues the name; a trade word alone opens the firm's name
    ("Bäckerei Schmitt\nGmbH & Co. KG\nMarktplatz 3\n72764 Reutlingen", "Bäckerei Schmitt GmbH & Co. KG"),
    ("Metzgerei\nHans Müller GmbH\nMarktplatz 3\n72764 Reutlingen", "Metzgerei Hans Müller GmbH"),
])
def test_the_firm_that_runs_a_shop_under_its_trade_name_is_no_part_of_the_name(header, name):
    """A German operator's line (GmbH, e.K.) under a shop's whole name that says its trade, or that
    the firm is named for, or a caterer's firm: the shop is the name the panelist knows, not the two joined."""
    assert merchant(header + GERMAN_BODY) == name


@pytest.mark.parametrize(("header", "name"), [
    ("Restaurant\nZur Post\nPoststr. 2\n82319 Starnberg", "Restaurant Zur Post"),
    ("Apotheke\nam Rathaus\nRathausplatz 1\n90403 Nürnberg", "Apotheke am Rathaus"),
    ("Restaurant\nPoststr. 2\n82319 Starnberg", "Restaurant"),  # no name under the trade
    ("Bakery\nTel. 555 0134\n412 Elm Street", "Bakery"),
])
def test_a_trade_printed_alone_over_the_name_opens_it(header, name):
    assert merchant(header + GERMAN_BODY) == name


@pytest.mark.parametrize("copy", ["** CUSTOMER COPY **", "MERCHANT COPY", "* Kundenbeleg *"])
def test_the_slips_copy_line_over_the_name_names_no_customer(copy):
    """Which copy of the slip this is; a ``CUSTOMER`` line over a name (an invoice's buyer) still is one."""
    assert merchant(f"{copy}\nThe Rusty Spoon\n412 Elm Street\nAustin, TX 78701\n(955) 754-1247"
               "\nTable 19/4 Check 8010\nServer: Ben" + BODY) == "The Rusty Spoon"
    assert merchant("CUSTOMER\nJohn Smith\nThe Rusty Spoon\n412 Elm Street\nAustin, TX 78701\n(955) 754-1247"
               "\nTable 19/4 Check 8010\nServer: Ben" + BODY) \
        == "The Rusty Spoon"


@pytest.mark.parametrize(("printed", "name"), [
    ("Oakwood Merkt Grbh", "Oakwood Merkt GmbH"),  # its m read as an r
    ("Korbmarkt Gabh", "Korbmarkt GmbH"),
    ("Meier 6mbH & Co. KG", "Meier GmbH & Co. KG"),  # its G read as a 6
    ("Oakwood Markt Gmbk", "Oakwood Markt GmbH"),  # its h read as a k
])
def test_a_gmbh_with_a_letter_misread_is_the_legal_form(printed, name):
    assert clean_name(printed) == name
    assert merchant(f"{printed}\nHauptstr. 74\n50667 Köln" + GERMAN_BODY) == name


def test_a_logo_over_a_legal_name_whose_gmbhs_h_was_read_as_a_k_is_the_trade_name():
    """``Pflegepunkt Drogeriemarkt Gmbk``: the GmbH's lower-case h read as a k is still the legal form, so the
    logo over it, printing its first word (a letter misread), is the trade name."""
    header = "PF L E 6 E P U n K T\nPflegepunkt Drogeriemarkt Gmbk\nLindenallee 5\n50667 Köln"
    assert merchant(header + "\n02.03.2021 15:59\nBUTTER 1,99 B\nSUMME EUR 1,99") == "Pflegepunkt"


def test_a_word_ending_in_gmbk_letters_is_no_legal_form():
    """Only the whole word ``Gmbk`` is a misread GmbH, not a name with those letters inside."""
    assert clean_name("Zagmbk Imbiss") == "Zagmbk Imbiss"


@pytest.mark.parametrize("order_type", ["DINE 1#", "DINE I#", "DINELIN", "DINE n", "Dine In"])
def test_a_dine_in_line_misread_is_no_name(order_type):
    """The order's type over the restaurant's name, its IN misread (``DINE 1#``, ``DINELIN``)."""
    assert merchant(f"{order_type}\nOrder #37\nThe Salty Pelican\n8708 Main St\nColumbus, OH 43215" + BODY) \
        == "The Salty Pelican"


def test_a_town_whose_state_is_also_a_word_before_its_zip_code_names_no_brand():
    """``Pertland; OR97205``: Portland, Oregon, one letter misread, is no Petland; with the ZIP code
    after it, ``OR`` is the state."""
    receipt = extract_receipt(ocr("Dine In\nOrder 0122\n(3972 Ocean Avt\nPertland; OR97205\n(855) 207-7469" + BODY))
    assert receipt.merchant != "Petland" and receipt.brand_wikidata is None


def test_an_item_whose_price_reads_as_a_number_of_four_digits_under_the_address_is_no_name():
    """``Cheesecake 7450`` (7.50, its point read as a 4): the number is dropped from a name as a
    registration's, so the line is judged as printed, not as cleaned."""
    assert merchant("6678 Hain 4\nAutin, TX 7870}\n(702} 330 1975\nCheesecake 7450\nIced Tea 8.97" + BODY) is None


def test_a_to_go_line_misread_is_no_name():
    assert merchant("ToGu\norder 0524\nCopper Kettle\n4433 Broadway\nAustin, TX 78701\n(955) 754-1247"
               "\nTable 19/4 Check 8010\nServer: Ben" + BODY) == "Copper Kettle"


def test_a_house_number_whose_second_digit_reads_as_a_quote_is_a_street():
    """``9" Nain 3`` (99 Main St): no name; the thanks under the bill names the shop."""
    assert merchant('9" Nain 3\nCOlRbus, GA>\n{362} 490 3670' + BODY + "Thank you for dining at Copper Kettle") \
        == "Copper Kettle"


def test_a_legal_forms_letters_opening_a_logo_are_no_legal_form():
    """``PTE THING`` (a logo, its I read as a T) over ``FOUR QUARTERS JUN' BHD``: a legal form closes a
    legal name; opening a line of other words it is a word of a name."""
    header = "PTE THING\nFOUR QUARTERS JUN' BHD 10/s-.g-P)\nNo , 128G JLM SS21/35\n47400 SELANGOR"
    assert merchant(header + BODY) == "FOUR QUARTERS SDN BHD"


@pytest.mark.parametrize(("header", "name"), [
    ("Cafe 101\n1234 Main Street\nSpringfield, IL 62701", "Cafe 101"),  # a US house number is no postcode
    ("Cafe 21\n10115 Berlin", "Cafe 21"),  # a trade's word: a name, however it ends
    ("50's Burgers\n1234 Main Street\nSpringfield, IL 62701", "50's Burgers"),  # not a quote for a digit
    ("Dine Inn\n1234 Main Street\nSpringfield, IL 62701", "Dine Inn"),  # no DINE IN misread
    ("Diner\n1234 Main Street\nSpringfield, IL 62701", "Diner"),
    ("Inh. Hans Meier\nBlumenhaus Meier\nLindenstr. 4\n10115 Berlin", "Blumenhaus Meier"),
    ("Blumen Meier Inh. Hans Meier\nLindenstr. 4\n10115 Berlin", "Blumen Meier"),
])
def test_names_like_the_lines_that_are_none_stay_names(header, name):
    assert merchant(header + GERMAN_BODY) == name


@pytest.mark.parametrize(("header", "name"), [
    ("TIME OUT MARKET\n401 Park Dr\nBoston, MA 02215", "TIME OUT MARKET"),  # a bill's header words in a name
    ("ORIGINAL JOE'S\nSince 1937", "ORIGINAL JOE'S"),
    ("SERVER'S CHOICE\n640 W 3rd St", "SERVER'S CHOICE"),
    ("CHECK PLEASE BAR\nBartender: Jess", "CHECK PLEASE BAR"),
    ("WELCOME DINER\n929 E Pierce St", "WELCOME DINER"),
    ("HARVEST TABLE\n88 Maple Ave", "HARVEST TABLE"),
])
def test_a_name_holding_a_bills_header_words_is_a_name(header, name):
    assert merchant(header + BODY) == name


@pytest.mark.parametrize("line", ["Table 12", "TIME: 19:12", "GUEST CHECK", "ORIGINAL RECEIPT", "Online Order",
                                  "Welcome to", "Server Jess", "Check #1042"])
def test_a_bills_header_words_used_as_such_name_nothing(line):
    assert merchant(f"Rosa's Cantina\n{line}" + BODY) == "Rosa's Cantina"
    assert merchant(f"{line}\nRosa's Cantina" + BODY) == "Rosa's Cantina"


@pytest.mark.parametrize(("header", "name"), [
    ("NAVARRO\nDISCOUNT PHARMACY\n1200 SW 8th St", "NAVARRO"),  # the trade and what kind under the name
    ("HIGH TIDES\nSMOKE SHOP\n88 Ocean Ave", "HIGH TIDES"),
    ("THE RED LION\nFREE HOUSE\n12 High Street", "THE RED LION"),  # a British pub's tagline
])
def test_a_subtitle_saying_the_trade_under_the_name_is_no_name(header, name):
    assert merchant(header + BODY) == name


def test_a_mall_address_on_a_plaza_is_no_name():
    assert merchant("~~\n1 GARDEN STATE PLZ\nPARAMUS NJ 07652" + BODY) != "1 GARDEN STATE PLZ"


@pytest.mark.parametrize("line", ["PRE-CHECK", "APP ORDER", "WELCOME JESSICA", "TABLE BOOTH", "ORIGINAL TICKET",
                                  "REOPENED CHECK"])
def test_a_bills_header_words_beside_other_words_are_no_name(line):
    assert merchant(f"{line}\nThe Smith\n956 2nd Ave" + BODY) == "The Smith"


@pytest.mark.parametrize(("printed", "name"), [
    ("T0PG0LF", "TOPGOLF"),  # a name in capitals whose Os OCR read as 0s
    ("R0SE & CR0WN", "ROSE & CROWN"),
    ("JUMB0", "JUMBO"),
    ("PElICAN", "PElICAN"),  # an l in capitals may be an I or an L: it stays
    ("PLAZA8", "PLAZA8"),  # a number glued on
    ("H20 CAFE", "H20 CAFE"),
    ("STUDIO54", "STUDIO54"),
])
def test_os_read_as_zeros_in_a_name_in_capitals_are_os(printed, name):
    assert clean_name(printed) == name


@pytest.mark.parametrize(("header", "name"), [
    ("Family Owned Since 1978\nORGANIC FARM MARKET\n12 Oak St", "ORGANIC FARM MARKET"),  # a tagline over the name
    ("THE SWAN FREE HOUSE\n12 High Street", "THE SWAN FREE HOUSE"),  # the tagline in the name
    ("FREEHOUSE\n2701 N Lyndale Ave", "FREEHOUSE"),  # a brewpub's name
])
def test_a_taglines_words_in_a_name_or_over_it_leave_the_name(header, name):
    assert merchant(header + BODY) == name


def test_a_tagline_under_the_name_leaves_the_cuisine_under_it_no_name():
    assert merchant("GOLDEN WOK\nEST. 1998\nChinese Restaurant\n12 Oak St" + BODY) == "GOLDEN WOK"


INDEPENDENT_ADDRESS = "\n1425 NE Alberta St\nPortland, OR 97211"
INDEPENDENT_BODY = "\n12/05/2026 7:14 PM\nBurger 15.00\nFries 6.00\nSubtotal 21.00\nTax 1.68\nTotal 22.68"


def independent(header: str, footer: str = "", confidence: float = 0.8) -> str | None:
    """The merchant of an independent restaurant's receipt, its name line read with ``confidence``."""
    lines = ocr(header + INDEPENDENT_ADDRESS + INDEPENDENT_BODY + footer)
    lines[0] = OcrLine(lines[0].text, box=lines[0].box, confidence=confidence)
    return extract_receipt(lines).merchant


@pytest.mark.parametrize(("header", "expected"), [
    ("HARBOR VIEW GRlLL", "HARBOR VIEW GRILL"),  # an l among capitals is an I
    ("SUNR1SE DONUTS", "SUNRISE DONUTS"),  # a 1 inside a word of letters
    ("ELBOW R00M", "ELBOW ROOM"),
    ("0AK + EMBER", "OAK + EMBER"),  # a 0 opening a word of capitals
    ("PH0 99\nVietnamese Noodle House", "PHO 99"),  # or closing one
    ("Mama Rosa'5 Kitchen", "Mama Rosa's Kitchen"),
])
def test_a_glyph_read_for_a_look_alike_in_a_names_word_is_mended_before_the_name_is_weighed(header, expected):
    assert independent(header, confidence=0.4) == expected


def test_a_postcode_keeps_its_digits():
    """``SW1A 1AA``, ``K1A 0B1``: a British or a Canadian postcode's letters and digits are no misread word."""
    assert mended_glyphs("London SW1A 1AA") == "London SW1A 1AA"
    assert mended_glyphs("Ottawa ON K1A 0B1") == "Ottawa ON K1A 0B1"


def test_a_word_shaped_like_a_postcodes_first_half_is_mended():
    """``MA1N`` has a British outward code's shape, but no inward code follows it: a misread word."""
    assert mended_glyphs("MA1N STREET D1NER") == "MAIN STREET DINER"


@pytest.mark.parametrize(("header", "expected"), [
    ("Crêpes de Paris\nCreperie & Cafe", "Crêpes de Paris"),  # what the shop is, under its name
    ("Vino Veritas\nWine Bar & Bottle Shop", "Vino Veritas"),
    ("Rosebud Books\nAn Independent Bookstore", "Rosebud Books"),
    ("OAK + EMBER\nWood Fired Kitchen", "OAK + EMBER"),
    ("Since 2014\nPatisserie Chanson", "Patisserie Chanson"),  # a tagline alone is no name
    ("Blue Heron Bistro\nRJM Restaurant Group LLC", "Blue Heron Bistro"),  # the company running it
    ("DOGWOOD HOSPITALITY GROUP LLC\nDBA DOGWOOD TAPHOUSE", "DOGWOOD TAPHOUSE"),  # the name it trades under
    ("T H E   B L U E   D O O R", "THE BLUE DOOR"),  # a letter-spaced logo
    ("TONY 8 SONS\nPIZZERIA", "TONY & SONS PIZZERIA"),  # its ampersand read as 8
    ("WELCOME!\nCasa Verde", "Casa Verde"),
])
def test_the_name_over_its_subtitle_tagline_or_company(header, expected):
    assert independent(header) == expected


def test_a_name_line_of_numbers_and_marks_is_not_taken_over_its_trade_name():
    assert independent("#Waka1 (10)\nCharcoal Grill Diner") == "Charcoal Grill Diner"


@pytest.mark.parametrize(("header", "footer", "expected"), [
    ("~", "\nThank you! - The Blue Fig", "The Blue Fig"),  # the footer's sign-off names the shop
    ("~", "\nThanks for visiting The Rusty Anchor!", "The Rusty Anchor"),
    ("Order #41\nPickup at Window", "\nThank you for eating at Mama Empanada!", "Mama Empanada"),
])
def test_the_shop_named_in_the_footer_where_the_logo_was_not_read(header, footer, expected):
    assert independent(header, footer, confidence=0.2) == expected


@pytest.mark.parametrize("text", [
    "11/30/26 2:14 PM\nServer: JEN\nVISA XXXXXXXXXXXX2093\nAMOUNT: 33.40\nTIP: 6.00\nTOTAL: 39.40",
    "Order XHQ9F7K2R1A3B\nEmployee: Rosa\nNov 27, 2026 1:12 PM\nBurrito $12.50\nTotal $12.50",
])
def test_a_card_line_or_a_staff_line_is_no_name(text):
    assert merchant(text) is None


def test_the_category_weighs_the_trade_printed_under_the_name():
    receipt = extract_receipt(ocr("TONY 8 SONS\nPIZZERIA\nFamily Owned Since 1974\n1127 Hamburg Tpke\nWayne, NJ 07470"
                                  "\nDec 3, 2026 6:12 PM\nLarge Cheese Pie 18.50\n2 Liter Coke 3.99\nTotal 22.49"))
    assert receipt.category == "restaurant"


@pytest.mark.parametrize(("header", "expected"), [
    ("REPRINT\nHarbor Grill", "Harbor Grill"),  # a shop's own name under a mark, not a subtitle
    ("Merry Christmas!\nVillage Bakery", "Village Bakery"),
    ("Dr. Sarah Lee\nBright Smiles Dental LLC", "Bright Smiles Dental LLC"),  # a person over her practice
    ("LUCKY 8 CHINESE RESTAURANT", "LUCKY 8 CHINESE RESTAURANT"),  # a number in the name
    ("ROUTE 8 DINER", "ROUTE 8 DINER"),
    ("TRAVIS COUNTY CLERK", "TRAVIS COUNTY CLERK"),  # an office, no till's staff
    ("A1A ALE WORKS", "A1A ALE WORKS"),  # a road's name: a word of three, its digit its own
])
def test_names_that_only_look_like_a_subtitle_an_ampersand_or_a_staff_line_stay_names(header, expected):
    assert independent(header) == expected


@pytest.mark.parametrize("footer", ["\nThank you - Please come again!", "\nTHANK YOU - HAVE A GREAT DAY!",
                                    "\nPizza Pals Rewards 2210"])
def test_a_courtesy_after_the_thanks_or_another_shops_scheme_names_no_shop(footer):
    assert independent("~", footer, confidence=0.2) is None


@pytest.mark.parametrize(("header", "expected"), [
    ("101 NOODLE EXPRESS\n1408 Huntington Dr\nDuarte, CA 91010", "101 NOODLE EXPRESS"),
    ("900 DEGREES PIZZA\n50 Dow St\nManchester, NH 03101", "900 DEGREES PIZZA"),
    ("STATE STREET BRATS\n603 State St\nMadison, WI 53703", "STATE STREET BRATS"),
    ("1889 Brewing Co.\nTaproom\n422 Washington Ave N\nMinneapolis, MN 55401", "1889 Brewing Co"),
    ("Kneaded Bread Co.\nArtisan Bakery\n19 Water St\nPort Townsend, WA 98368", "Kneaded Bread Co"),
])
def test_a_name_shaped_like_a_street_or_a_town_over_the_shops_whole_address_is_its_name(header, expected):
    assert merchant(header + BODY) == expected


@pytest.mark.parametrize("header", [
    "1408 Huntington Dr\nDuarte, CA 91010",  # the address alone: no name
    "VALLEY FAIR MALL\n2855 Stevens Creek Blvd\nSanta Clara, CA 95050",  # a mall over its address
    "100 Main St NW\nSuite 5\nTown, MN 55401",  # a street over its suite
])
def test_an_address_or_a_mall_over_the_address_is_still_no_name(header):
    assert merchant(header + BODY) is None


@pytest.mark.parametrize(("header", "expected"), [
    ("YELLOW DOG\nEATS\n1425 NE Alberta St\nPortland, OR 97211", "YELLOW DOG EATS"),
    ("SPIN CITY\nRECORDS\n(503) 555-0199", "SPIN CITY RECORDS"),
    ("V E L V E T\nL O U N G E\n1425 NE Alberta St", "VELVET LOUNGE"),
    ("La Cocina\nde Abuela\nAuthentic Mexican Cuisine\n1425 NE Alberta St", "La Cocina de Abuela"),
    ("JOE'S PIZZA\nMIDTOWN\n1425 NE Alberta St", "JOE'S PIZZA"),  # a branch under the name
    ("Zur Eiche\nKneipe\nHauptstr. 5\n50667 Köln", "Zur Eiche"),  # what it is, in the name's case
    ("Marktwerk Sud oHG\nLindenallee\n50667 Köln", "Marktwerk Sud oHG"),  # a street under a legal name
])
def test_a_name_stacked_over_two_logo_lines_is_read_whole(header, expected):
    assert merchant(header + BODY) == expected


@pytest.mark.parametrize(("header", "expected"), [
    ("MAC'S\nTAVERN\n1425 NE Alberta St\nPortland, OR 97211", "MAC'S TAVERN"),  # no Circle K (Mac's)
    ("BOB'S\nDINER\n1425 NE Alberta St\nPortland, OR 97211", "BOB'S DINER"),  # no Bob's Stores
])
def test_a_chains_alias_that_a_logo_of_another_trade_runs_on_from_is_no_chain(header, expected):
    receipt = extract_receipt(ocr(header + BODY))
    assert (receipt.merchant_raw, receipt.brand_wikidata) == (expected, None)


@pytest.mark.parametrize(("footer", "expected"), [
    ("www.saltboxkitchen.com", "SALTBOX KITCHEN"),
    ("Follow us on Instagram @Ramble.Coffee!", "RAMBLE COFFEE"),
    ("IG: @saltbox_kitchen", "SALTBOX KITCHEN"),
    ("instagram.com/ramblecoffee/", "RAMBLE COFFEE"),
])
def test_a_web_address_or_a_social_handle_names_a_shop_whose_name_was_not_read(footer, expected):
    assert merchant("Server: Alyssa" + BODY + footer) == expected


def test_a_handle_or_a_mailbox_is_never_the_name_line_and_a_garbled_logo_with_an_at_sign_stays():
    assert merchant("IG: @saltbox_kitchen\n1425 NE Alberta St" + BODY) == "SALTBOX KITCHEN"
    assert merchant("info@gmail.com\n1425 NE Alberta St" + BODY) is None
    assert merchant("@Nmon LPuE 3 BREWERY\n1425 NE Alberta St" + BODY) == "@Nmon LPuE 3 BREWERY"


def test_a_possessive_glued_to_the_next_word_is_set_apart():
    assert clean_name("NONNA'SDELI") == "NONNA'S DELI"
    assert clean_name("Nonna'sDeli") == "Nonna's Deli"
    assert clean_name("JOE'S") == "JOE'S"


@pytest.mark.parametrize(("header", "expected"), [
    ("TONY'S\nPIZZA\n111 Chelsea St\nEast Boston, MA 02128", "TONY'S PIZZA"),  # PIZZA: no &pizza without its &
    ("PLUCKERS\nWING BAR\n2222 Rio Grande St\nAustin, TX 78705", "PLUCKERS"),  # what it is, under the name
    ("2 AMYS\nNEAPOLITAN PIZZERIA\n3715 Macomb St NW\nWashington, DC 20016", "2 AMYS"),
    ("EASY TIGER\nBake Shop & Beer Garden\n1501 E 7th St\nAustin, TX 78702", "EASY TIGER"),
    ("ARNOLD'S\nCOUNTRY KITCHEN\n605 8th Ave S\nNashville, TN 37203", "ARNOLD'S"),  # no Country Kitchen chain
    ("5 NAPKIN\nBURGER\n630 9th Ave\nNew York, NY 10036", "5 NAPKIN BURGER"),
])
def test_an_independents_logo_lines_name_it_not_a_chain_or_its_trade(header, expected):
    receipt = extract_receipt(ocr(header + BODY))
    assert (receipt.merchant_raw, receipt.brand_wikidata) == (expected, None)


def test_a_bare_web_address_in_the_footer_names_the_shop_but_not_a_tills():
    assert merchant("3200 Lyndale Ave S\nServer: Britt" + BODY + "pizzaluce.com @pizzaluce\nPowered by Toast") \
        == "PIZZALUCE"
    assert merchant("3200 Lyndale Ave S\nServer: Britt" + BODY + "Order online at toasttab.com") is None


@pytest.mark.parametrize(("header", "expected"), [
    ("Gasthof\nZum Löwen\nHauptstr. 5\n91054 Erlangen", "Gasthof Zum Löwen"),  # the trade over the name
    ("Fleischerei\nMüller\nHauptstr. 5\n91054 Erlangen", "Fleischerei Müller"),
    ("Metzgerei - Partyservice\nWagner\nHauptstr. 5\n91054 Erlangen", "Metzgerei - Partyservice Wagner"),
    ("China-Restaurant\nPeking Garden\nHauptstr. 5\n91054 Erlangen", "China-Restaurant Peking Garden"),
    ("Apotheke am Markt\nApotheker Jens Hoffmann e.K.\nHauptstr. 5\n91054 Erlangen", "Apotheke am Markt"),
    ("Bäckerei am Markt\nThomas Kunz e.K.\nHauptstr. 5\n91054 Erlangen", "Bäckerei am Markt"),  # no Inh.
    ("Bewirtungsbeleg\nRistorante Roma\nHauptstr. 5\n91054 Erlangen", "Ristorante Roma"),
    ("Caf  Central\nHauptstr. 5\n91054 Erlangen", "Café Central"),  # its é lost
    ("EISCAF CORTINA\nHauptstr. 5\n91054 Erlangen", "EISCAFÉ CORTINA"),
    ("Antalya D ner Kebap Haus\nHauptstr. 5\n91054 Erlangen", "Antalya Döner Kebap Haus"),
])
def test_german_trades_owners_and_accents_around_a_shops_name(header, expected):
    assert merchant(header + BODY) == expected


@pytest.mark.parametrize(("printed", "expected"), [
    ("Marktwerk Siid oHG", "Marktwerk Süd oHG"), ("Miiller Getraenke", "Müller Getraenke"),
    ("Griin & Frisch", "Grün & Frisch"),
    # guards: an English name's own double i
    ("Hawaiian Bros", "Hawaiian Bros"), ("Shiitake House", "Shiitake House"), ("Skiing Outlet", "Skiing Outlet"),
])
def test_a_german_u_umlaut_read_as_two_is_is_read_as_printed(printed, expected):
    """EasyOCR reads a German ü as ``ii`` (``Siid`` for Süd, ``Miiller``): after a word's capital, a consonant
    after it, the name gets its ü back."""
    assert clean_name(printed) == expected


def test_a_menu_line_under_a_cuisine_is_no_name_and_a_branch_line_alone_is_none():
    assert merchant("Thai Cuisine\nLunch Special\n1420 Elm St\nDallas TX 75201" + BODY) == "Thai Cuisine"
    assert merchant("Filiale Mannheim-Neckarau\nHauptstr. 5\n68199 Mannheim" + BODY) is None


@pytest.mark.parametrize(("header", "expected"), [
    ("Bäckerei\nMüller\nHauptstr. 5\n91054 Erlangen", "Bäckerei Müller"),  # no Müller drugstore
    ("Metzgerei\nWolf\nHauptstr. 5\n91054 Erlangen", "Metzgerei Wolf"),  # no Wolf bakery chain
])
def test_a_surname_beside_a_family_trades_line_is_the_owners_not_a_chains(header, expected):
    receipt = extract_receipt(ocr(header + BODY))
    assert (receipt.merchant_raw, receipt.brand_wikidata) == (expected, None)


@pytest.mark.parametrize(("text", "category"), [
    ("Bäckerei Kunz\nHauptstr. 5" + BODY, "restaurant"),
    ("Gasthof Krone\nHauptstr. 5" + BODY, "restaurant"),
    ("Reformhaus Brandl\nHauptstr. 5" + BODY, "grocery"),
    ("Tabakwaren Brandl\nHauptstr. 5" + BODY, "tobacco"),
    ("TACOS EL GORDO\n1 Main St" + BODY, "restaurant"),  # the name says what it serves
    ("RAMEN TATSU-YA\n1 Main St" + BODY, "restaurant"),
    ("SUNNY CORNER\n1 Main St\nHONEY BUTTER 5.99\nTO GO\nPowered by Toast" + BODY, "restaurant"),
    ("SUNNY CORNER\n1 Main St\nTACO SHELLS 2.99\nBBQ SAUCE 3.49" + BODY, "retail"),  # a grocer's items: no restaurant
    ("THE CODFATHER\nFish & Chips\n1 High St" + BODY, "restaurant"),
])
def test_a_shops_trade_words_in_german_in_its_name_or_on_its_till_give_its_category(text, category):
    assert extract_receipt(ocr(text)).category == category


@pytest.mark.parametrize(("header", "expected"), [
    ("Herzlich Willkommen\nSchuhhaus Meier e.K.\nBahnhofstr. 8\n79098 Freiburg", "Schuhhaus Meier e.K"),  # its own
    ("Pizza Haus\nItalienische Spezialitäten\nBahnhofstr. 4\n63065 Offenbach", "Pizza Haus"),  # what it serves
    ("China Haus\nLieferservice\nBergstr. 5\n69469 Weinheim", "China Haus"),
    ("CHINA GARDEN\nChinese Takeaway\n12 High St\nLeeds LS1 4AP", "CHINA GARDEN"),
    ("Zur Linde\nHotel · Restaurant · Café\nLindenplatz 1\n37073 Göttingen", "Zur Linde"),  # trades listed under it
    ("Zum Ochsen\nGasthof mit Biergarten\nKirchgasse 2\n79098 Freiburg", "Zum Ochsen"),
    ("Branch Line\n321 Arsenal St\nWatertown, MA 02472", "Branch Line"),  # no branch's line
])
def test_a_shops_own_legal_name_its_subtitles_and_a_name_opening_with_branch_stay_as_they_are(header, expected):
    assert merchant(header + BODY) == expected


@pytest.mark.parametrize(("header", "brand"), [
    ("Bäckerei\nHOSSELMANN\nBahnhofstr. 12\n59065 Hamm", "Hosselmann"),  # a bakery chain over its own trade
    ("EDEKA\nBäckerei\nBahnhofstr. 12\n59065 Hamm", "Edeka"),  # a supermarket's bakery counter
])
def test_a_chain_beside_its_own_trades_line_stays_the_chain(header, brand):
    receipt = extract_receipt(ocr(header + BODY))
    assert receipt.merchant == brand


def test_to_go_counts_for_a_restaurant_only_as_the_orders_kind_on_its_own_line():
    assert extract_receipt(ocr("SUNNY CORNER\n1 Main St\nMILK 2.49\nTO GO CUPS 3.50\nEGGS 3.00" + BODY)).category \
        == "grocery"
    assert extract_receipt(ocr("SUNNY CORNER\n1 Main St\nTO GO\nHONEY BUTTER 5.99" + BODY)).category == "restaurant"


@pytest.mark.parametrize(("header", "footer", "expected"), [
    ("O'SULLIVAN'S\n1425 NE Alberta St", "", "O'SULLIVAN'S"),  # an O' opens a surname: no possessive glued
    ("PAGLIACCI\nBALLARD\n1425 NE Alberta St", "", "PAGLIACCI"),  # the branch under the name, as tall
    ("CARMINE'S\non Broadway\n1425 NE Alberta St", "", "CARMINE'S"),  # where it is
    ("EAT@JOE'S\n1 Gateway Center", "", "EAT@JOE'S"),  # an at sign in a name, no mail address
    ("Server: Alyssa", "Order online at doordash.com", None),  # a delivery app's bare address names no shop
    ("Server: Alyssa", "Questions? craig@bikeworksrva.com", None),  # the IG of craig@ is no Instagram handle
])
def test_what_only_looks_like_a_stacked_name_a_possessive_or_a_handle(header, footer, expected):
    assert merchant(header + BODY + footer) == expected


def test_a_street_alone_over_its_address_is_no_name_where_the_logo_was_lost():
    assert merchant("ELM STREET\n5 Elm St\nSpringfield, IL 62701" + BODY) is None


def test_a_patients_dob_beside_the_invoices_own_date_is_a_birth_date():
    receipt = extract_receipt(ocr("PAWS ANIMAL HOSPITAL\n1 Main St\nPatient: Max DOB: 03/14/2019\nEXAM 65.00\n"
                                  "TOTAL 65.00\n11/02/2026"))
    assert str(receipt.date) == "2026-11-02"


@pytest.mark.parametrize(("header", "expected"), [
    ("PHO BAC\nSUP SHOP\n1240 S Jackson St\nSeattle, WA 98144", "PHO BAC SUP SHOP"),
    ("JULEPS\nBOURBON BAR\n120 N Limestone\nLexington, KY 40507", "JULEPS BOURBON BAR"),  # a street with no suffix
    ("ALDI SUD anna.schmidt@gmail.com\nMusterstr. 1\n12345 Berlin", "ALDI SUD anna.schmidt@gmail.com"),
])
def test_a_logos_name_over_its_trade_in_capitals_is_read_whole(header, expected):
    assert merchant(header + BODY) == expected


@pytest.mark.parametrize("heading", ["GROCERY", "GENERAL MERCHANDISE", "DELI"])
def test_a_supermarket_tills_department_heading_is_no_name(heading):
    """An Albertsons-family receipt whose logo was not read: the heading over its first items is no shop's name."""
    text = (f"Store 1407 Dir Donna Pratt\nMain: (202) 555-0177\n1855 WISCONSIN AVE NW\nWASHINGTON DC 20007\n{heading}\n"
            "SIG SELECT CORN FLAKES 2.99 S\nLUCERNE LG EGGS 4.49 S\nTAX 0.00\n**** BALANCE 7.48\nVISA 7.48")
    assert merchant(text) != heading


@pytest.mark.parametrize(("header", "expected"), [
    ("Glendale Bakery - 303-377-0401", "Glendale Bakery"),
    ("Glendale Bakery\n303-377-0401", "Glendale Bakery"),
])
def test_a_shop_named_after_its_place_keeps_its_name_beside_its_phone(header, expected):
    assert merchant(header + BODY).startswith(expected)


@pytest.mark.parametrize(("header", "expected"), [
    ("TABAKBORSE\nam Markt", "TABAKBORSE am Markt"),
    ("SCHMIDT\nam Markt", "SCHMIDT am Markt"),
    ("Café Klein\nan der Oper", "Café Klein an der Oper"),
    # guards: an inn named with its preposition, a name that holds its place
    ("Gasthof\nZum Löwen", "Gasthof Zum Löwen"),
    ("Zur Post", "Zur Post"),
    ("Apotheke am Markt", "Apotheke am Markt"),
])
def test_a_place_line_under_a_shops_name_joins_the_name(header, expected):
    """``am Markt``, ``an der Oper``, ``im Hauptbahnhof`` under a name line: where the shop is, part of its name,
    never a name of its own (not an inn's ``Zum Löwen``, ``Zur Post``)."""
    assert merchant(f"{header}\nMarktplatz 3 - 72070 Tübingen\n01.12.2026 11:08\nFeuerzeug 1,50\nSUMME 1,50\n"
                    "Bar 2,00\nZurück 0,50") == expected


@pytest.mark.parametrize(("printed", "name"), [
    ("Kaufgut GmbH 6 Co RG", "Kaufgut GmbH & Co. KG"),  # & read as 6, K as R
    ("Kaufgut GmbH 8 C0 KG", "Kaufgut GmbH & Co. KG"),
    ("Kaufgut GmbH & Co. KG", "Kaufgut GmbH & Co. KG"),
    ("Kaufgut GmbH", "Kaufgut GmbH"),
])
def test_a_limited_partnerships_ampersand_and_k_read_as_look_alikes_are_its_legal_form(printed, name):
    """``GmbH & Co. KG`` on German receipts' legal lines: OCR reads the ampersand as a 6 or an 8 and the K as an
    R; the name keeps its legal form as printed, not a number and a stray word."""
    assert clean_name(printed) == name


@pytest.mark.parametrize(("logo", "legal", "name"), [
    ("M < r k t w @ r k", "Marktwerk Süd omG", "Marktwerk"),  # two letters read as marks; oHG's H as an m
    ("M a r k t w @ r k", "Marktwerk Süd oHG", "Marktwerk"),  # one
])
def test_a_spaced_logo_with_letters_read_as_marks_is_the_legal_names_opening(logo, legal, name):
    """A logo printed in spaced letters, one or two read as marks (``<``, ``@``) by OCR, a glyph for each letter
    of the legal name's first word: that word is the trade name."""
    header = f"{logo}\n{legal}\nLindenallee 5\n50667 Köln"
    assert merchant(header + "\n02.03.2021 15:59\nBUTTER 1,99 B\nSUMME EUR 1,99") == name


@pytest.mark.parametrize(("logo", "legal", "name"), [
    ("M < r k t w @ r x", "Marktwerk Süd oHG", "Marktwerk Süd oHG"),  # a third glyph off: no logo of it
    ("M < r k t", "Marktwerk Süd oHG", "Marktwerk Süd oHG"),  # fewer glyphs than the word's letters
])
def test_a_spaced_logo_too_far_from_the_legal_names_opening_stays_as_read(logo, legal, name):
    """Guards: marks and slips past two, or a glyph count unlike the word's, make no trade name of a logo."""
    header = f"{logo}\n{legal}\nLindenallee 5\n50667 Köln"
    assert merchant(header + "\n02.03.2021 15:59\nBUTTER 1,99 B\nSUMME EUR 1,99") == name


def test_an_ohg_with_its_h_read_as_an_m_is_a_legal_form_but_omg_in_capitals_is_none():
    """``Marktwerk Süd omG``: the o in lower case, the H read as an m; ``OMG Burgers`` names no company."""
    assert has_legal_form("Marktwerk Süd omG") and not has_legal_form("OMG Burgers")


@pytest.mark.parametrize(("text", "name"), [
    ("MARKEL DELI\n95 Main Street\nSpringfield, IL 62701", "MARKEL DELI"),  # a name one letter off Market
    ("Liisa's Bakery\n95 Main Street\nSpringfield, IL 62701", "Liisa's Bakery"),  # Finnish, Danish, Hawaiian ii
    ("Friis Kaffe\nLindenstr. 4\n80331 Muenchen", "Friis Kaffe"),
    ("Niihau Store\n95 Main Street\nLihue, HI 96766", "Niihau Store"),
])
def test_names_a_letter_off_a_trade_or_with_a_double_i_are_read_as_printed(text, name):
    """Guard: the mending of a trade word one look-alike off (``HARKET``) spares a short word whose last letter
    differs; an ü read as ``ii`` is one before two consonants or a word's end, not in ``Liisa``, ``Friis``."""
    assert merchant(text + BODY) == name


@pytest.mark.parametrize(("footer", "name"), [
    ("hank You for dining at Red Barn Bbq!", "Red Barn Bbq"),  # the line's first letter lost
    ("Thank you for dining t Red Barn Bbq", "Red Barn Bbq"),  # the A of its "at" lost
])
def test_a_thanks_that_lost_its_first_letter_or_the_a_of_at_still_names_the_shop(footer, name):
    """The logo was lost; the footer's ``Thank you for dining at Red Barn Bbq!`` came out with a letter lost at the
    line's start (``hank You``) or before the name (``dining t Red``): the thanks names the shop, no ``t`` in it."""
    assert merchant("7866 Ocean Ave\nAustin, TX 78701" + BODY + footer) == name


@pytest.mark.parametrize("footer", ["Thank you for dining at T Bones", "CHANK YOU FOR DINING AT THE PIT"])
def test_a_thanks_with_its_at_or_a_word_ending_in_hank_keeps_its_name_whole(footer):
    """Guard: a whole ``at`` is still the preposition (``at T Bones`` names ``T Bones``); ``hank`` inside a word is
    no thanks that lost its T."""
    name = merchant("7866 Ocean Ave\nAustin, TX 78701" + BODY + footer)
    assert name == ("T Bones" if "Bones" in footer else None)


@pytest.mark.parametrize(("thanks", "name"), [("Thank you for shopping T J Maxx", "TJ Maxx"),
                                              ("Thanks for visiting T Mobile", "T-Mobile"),
                                              ("THANK YOU FOR VISITING T & J DELI", "T & J DELI")])
def test_a_name_opening_with_a_capital_t_after_the_thanks_keeps_it(thanks, name):
    """Guard: the A of ``at`` lost shows as a lower-case ``t`` (``dining t Red Barn``); a capital T opening the name
    after the thanks' verb is the name's (the brand directory's spelling where it knows it)."""
    assert extract_receipt(ocr(f"7866 Ocean Ave\nBurger 12.00\nTotal 12.00\n{thanks}\n")).merchant == name


def test_a_welcome_with_a_mark_read_for_a_letter_inside_its_word_still_opens_the_name():
    """``Welcome to Rosa's Trattoria`` on a blurred logo line read ``Re[cone to``: a bracket for Welcome's l inside the
    word, no gap beside it, as ``(Ne [cone tO`` has one; still the welcome, the name after it the restaurant's."""
    assert merchant("Re[cone to Rosa's Trattoria\n12 Main St\nSpringfield, IL 62701" + BODY) == "Rosa's Trattoria"


@pytest.mark.parametrize("name", ["Surf-Turf to Go", "Pick-Up to Go Deli"])
def test_a_hyphened_word_before_a_to_unlike_a_welcome_stays_in_the_name(name):
    """Guard: a mark inside a word before ``to`` makes no welcome of a word unlike Welcome."""
    assert merchant(f"{name}\n12 Main St\nSpringfield, IL 62701" + BODY) == name


def test_a_thanks_whose_h_was_read_as_an_n_still_names_the_shop():
    """The logo was lost; the footer's ``Thank You for dining at Lucky Dragon!`` came out ``Tnank You``: its h read
    as an n, still the thanks, and the name after it the restaurant's (not a garbled guests' line above)."""
    text = "7583 Route 9\nAustin, TX 78701\nGuesLa Oneek #2639" + BODY + "Tnank You for dining at Lucky Dregon!"
    assert merchant(text) == "Lucky Dregon"


def test_a_thanks_whose_h_was_read_as_an_n_naming_no_shop_gives_no_name():
    """Guard: ``Tnank you for dining with us`` names no shop."""
    assert merchant("7583 Route 9\nAustin, TX 78701" + BODY + "Tnank you for dining with us") is None


def test_the_town_under_a_street_whose_name_has_a_letter_read_as_a_digit_is_no_brand():
    """``9932 Elm Street`` read ``9932 El0 Sireef`` (its m a 0) over ``Springfield. 3 6270]`` (state and ZIP garbled)
    over the phone: still the street, so the town under it is no brand (not the Springfield clothes shop); the welcome
    line over them names the restaurant."""
    header = "Melcore t0 Copper Kette\n9932 El0 Sireef\nSpringfield. 3 6270]\n(346 } 400-8162\nTable 59/5 Check: 15595"
    check = "\nPad Thai 13.95\nSubtotal 13.95\nTax 1.00\nTotal $14.95\nAMEX XXXX1423\nThank You For DINING KITH US"
    assert extract_receipt(ocr(header + check)).merchant == "Copper Kette"


@pytest.mark.parametrize("name", ["10 Barrel5 Brewing", "400 Gradi0 Pizza", "16 Handle5"])
def test_a_name_with_a_digit_for_a_letter_and_no_streets_suffix_over_the_address_is_still_the_name(name):
    """Guard: a house number's shape and a word with a 0, 1 or 5 in it but no street's suffix after it (``10 Barrel5
    Brewing``, its s read as 5) over the shop's street is the shop's name, not a street."""
    assert merchant(f"{name}\n9932 Elm Street\nSpringfield, IL 62701\nTotal 14.95") == name


def test_a_name_with_digits_over_the_address_is_still_the_name():
    """Guard: a word with a digit only after its first letter (``B52``) or digits of its own (``Studio 54``) in a
    name over the address keeps it the name."""
    assert merchant("Studio 54 B52 Bar\n12 Main St\nSpringfield, IL 62701" + BODY) == "Studio 54 B52 Bar"


CHECK = "\nServer Kim\nSep 25 23 3:45pm\nCoffee 2.50\nSubtotal 2.50\nTotal 2.50"


def test_a_street_whose_house_number_was_glued_to_it_is_no_name():
    """``4551 Main St`` read ``4551Main St`` (the space lost) over the town: still the street, not the name; the
    thanks names the restaurant."""
    header = "4551Main St\nSpringtield; IL 62701\n(604) 842+ 3523\nTable 53/1 Check: 34267"
    assert merchant(header + BODY + "Thank you for dining at Casa Verde Cantina") == "Casa Verde Cantina"


@pytest.mark.parametrize("address", ["12 Main St\nSpringfield, IL 62701", "Springfield, IL 62701"])
def test_a_name_opening_with_a_number_glued_to_a_word_stays_the_name(address):
    """Guard: digits glued to a word on a line no street's suffix closes (``1889Brewing Company``) stay the name,
    over its street or right over its town."""
    assert merchant(f"1889Brewing Company\n{address}" + BODY) == "1889Brewing Company"


def test_a_welcome_whose_gap_after_to_was_read_as_a_hyphen_still_opens_the_name():
    """``Welcome to Blue Heron Grill`` read ``Welcone to-Blue Heron Grill``: the gap after the ``to`` a hyphen."""
    assert merchant("Welcone to-Blue Heron Grill\n2360 Ocean Ave\nAustin, TX 78701" + CHECK) == "Blue Heron Grill"


def test_the_town_over_a_phone_whose_bracket_was_read_as_a_digit_is_no_name():
    """``Austin, TX 78701`` read ``Austin; cle7ul`` over ``(955) 443-3526`` read ``((95512443-3526`` (the area code's
    bracket a 1, run into the number): still the phone, so the line over it is the town, not the name."""
    header = "elcore to BlueeHeron Grit\n2360 Ocean Ave\nAustin; cle7ul\n((95512443-3526"
    assert merchant(header + CHECK) == "BlueeHeron Grit"


def test_a_name_over_a_phone_whose_bracket_was_read_as_a_digit_stays_the_name():
    """Guard: a name with no town's garbled mark in it over that phone stays the name."""
    assert merchant("2360 Ocean Ave\nBlue Heron Grill\n((95512443-3526" + CHECK) == "Blue Heron Grill"


@pytest.mark.parametrize(("header", "name"), [
    ("SUMRISE Fcods LLc\n911 %in Steet\nSpringfleld. Jou\n(685} 4-492", "SUMRISE Fcods LLc"),
    ("GreeMhay}#arket\n716 M0in Street\nSpringtield, L 6270\n(927) 631-5107", "GreeMhay}#arket"),
])
def test_a_town_whose_state_and_zip_were_garbled_is_no_brand(header, name):
    """``Springfield, IL 62701`` read ``Springfleld. Jou`` or ``Springtield, L 6270`` under the name: a town's line
    (a mark glued to the town, a state's few letters after it), not the Springfield clothes shop."""
    receipt = extract_receipt(ocr(header + BODY))
    assert (receipt.merchant, receipt.brand_wikidata) == (name, None)


def test_a_brands_line_with_its_store_number_after_a_comma_under_the_name_keeps_its_brand():
    """Guard: ``Walgreens, #12`` under a line: a store's number after the mark, no state; still the brand."""
    receipt = extract_receipt(ocr("Quik Mart\nWalgreens, #12\n12 Main St\nSpringfield, IL 62701" + BODY))
    assert receipt.brand_wikidata == "Q1591889"


_GERMAN_BODY = "EUR\nGouda Scheiben 1,89 A\nToastbrot 1,19 A\nSumme 3,08\nKartenzahlung 3,08\n02.03.25 13:59\n"


@pytest.mark.parametrize("street", ["Industriestrage 2", "Hauptstrabe 94", "Hauptstrale 10"])
def test_a_german_street_whose_sharp_s_ocr_misread_is_no_name(street):
    """``Industriestrage 2``: a street glued to its STRASSE, its ß read as a g (or a B, an l), before its house
    number, is the address; the shop is the one its thanks names."""
    receipt = extract_receipt(ocr(f"{street}\n{_GERMAN_BODY}Vielen Dank fur Ihren Einkauf bei Nordkauf"))
    assert (receipt.merchant, receipt.merchant_address) == ("Nordkauf", street)


@pytest.mark.parametrize("name", ["MAESTRALE", "Ristorante Maestrale 2", "ORCHESTRALE 1"])
def test_a_name_ending_in_a_misread_streets_letters_stays_the_name(name):
    """Guard: ``MAESTRALE`` over its street is the shop's name, no street, with a number after it too (``Ristorante
    Maestrale 2``): its STRALE follows a vowel, no street's name."""
    receipt = extract_receipt(ocr(f"{name}\nHauptstraße 2\n{_GERMAN_BODY}"))
    assert receipt.merchant == name


def test_a_name_line_that_prints_the_phone_after_the_name_names_the_shop_and_keeps_its_phone():
    """``Subway#39344-0 Phone 780-437-2604``: the name, a branch's number and the phone on one line; the name is
    the shop's, the phone still read, and the town under it is no name."""
    receipt = extract_receipt(ocr("Subway#39344-0 Phone 780-437-2604\n401-5015-111st\nEdmonton, AB, T6H-4M6\n"
                                    "Served by: Sabnam DATE: 10/8/2015 TIME: 3:28:05 pm\nSoup RTU 8oz Soup $5.00\n"
                                    "Sub Total $5.00\nGeneral Sales Tax (5%) $0.25\nTotal (Eat In) $5.25\nVISA $5.25"))
    assert (receipt.merchant, receipt.phone) == ("Subway", "780-437-2604")


@pytest.mark.parametrize(("header", "name"), [
    # the town alone between its street and its state and ZIP code; the shop's own words' capitals in its address
    ("Shop-No S+ 319 North Street\nNorma1\nIL,61761\n(309)452-7400\nRedbirdSpiritShop.com", "Redbird Spirit Shop"),
    ("319 North Street\nNormal\nIL 61761\nwww.RedbirdSpiritShop.com", "Redbird Spirit Shop"),
    ("319 North Street\nSpringfield\nIL 62701", None),  # a town, no chain of its name
    ("CORNER SPIRITS\nIL 61761", "CORNER SPIRITS"),  # a name over the state: its town lost, no street above it
    ("319 North Street\nNormal\nIL 61761\nTouchBistro.com", None),  # a till's site
    ("319 North Street\nNormal, IL 61761\n(309)452-7400\nORDER FROM\nBiteSquad.com", None),  # an ordering service
    ("319 North Street\nNormal, IL 61761\nwww.McGuiresIrishPub.com", "McGuires Irish Pub"),
])
def test_a_town_over_its_state_and_zip_is_no_name_and_a_web_address_in_its_words_capitals_names_the_shop(header,
                                                                                                         name):
    assert merchant(f"{header}\nMILK 3.49\nSubtotal $3.49\nTotal $3.49") == name
