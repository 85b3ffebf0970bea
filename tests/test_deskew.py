"""Tilted photos: the slant of the text lines is measured and words chain along it."""
import math

import numpy as np
import pytest
from PIL import Image

from images import receipt_image
from parse.deskew import skew_angle
from parse.ocr import group_lines
from parse.types import OcrLine


@pytest.mark.parametrize("angle", [-8.0, -3.0, 0.0, 1.5, 4.0, 10.0])
def test_the_slant_of_a_rendered_receipt_is_measured(angle):
    tilted = receipt_image().convert("L").rotate(angle, expand=True, fillcolor=255, resample=Image.BICUBIC)
    assert skew_angle(np.asarray(tilted)) == pytest.approx(angle, abs=0.3)


def test_a_blank_image_has_no_slant():
    assert skew_angle(np.full((400, 300), 250, dtype=np.uint8)) == 0.0


def _tilted_word(text: str, x: float, y: float, width: float, angle: float) -> OcrLine:
    """A word printed at (x, y) on a receipt photographed ``angle`` degrees rising to the right."""
    t = math.radians(angle)
    cx, cy = x + width / 2, y + 12
    px, py = cx * math.cos(t) + cy * math.sin(t), cy * math.cos(t) - cx * math.sin(t)
    return OcrLine(text, box=(round(px - width / 2), round(py - 12), round(px + width / 2), round(py + 12)))


def test_labels_and_far_prices_chain_along_the_slant():
    rows = [("Milk", "1.20"), ("Bread", "2.40"), ("Eggs", "3.10"), ("TOTAL", "6.70")]
    words = [word for i, (label, price) in enumerate(rows)
             for word in (_tilted_word(label, 40, 100 + 40 * i, 90, 5.0), _tilted_word(price, 700, 100 + 40 * i, 60, 5.0))]
    expected = [f"{label} {price}" for label, price in rows]
    assert [line.text for line in group_lines(words, 5.0)] == expected
    assert [line.text for line in group_lines(words)] != expected  # level chaining pairs them wrongly


def test_only_a_steep_slant_is_rotated_out_of_the_image():
    from parse.deskew import ROTATE_FROM, straighten

    page = receipt_image().convert("L")
    slight = np.asarray(page.rotate(ROTATE_FROM - 1.5, expand=True, fillcolor=255, resample=Image.BICUBIC))
    level, matrix, slant = straighten(slight)
    assert level is slight and matrix is None and slant == pytest.approx(ROTATE_FROM - 1.5, abs=0.3)
    steep = np.asarray(page.rotate(6, expand=True, fillcolor=255, resample=Image.BICUBIC))
    level, matrix, slant = straighten(steep)
    assert matrix.shape == (2, 3) and slant == 0.0 and abs(skew_angle(level)) < 0.5


def test_the_second_piece_of_a_word_or_amount_reaching_back_under_the_first_joins_its_line():
    """A total written in by hand on the card slip: ``40`` and ``.91`` overlap where a printed
    word and the next never do; so do the pieces of a word the detector cut in two. Two words
    that overlap so and are no such pieces stay apart."""
    slip = [OcrLine(text, box=(190, top, 190 + 30 * len(text), top + 38))  # the printed slip
            for top, text in ((900, "CUSTOMER"), (946, "COPY"), (1000, "Server:"), (1044, "DISCOVER"),
                              (1090, "Auth"), (1132, "APPROVED"), (1157, "Amount:"), (1400, "Signature"))]
    words = [OcrLine("Total:", box=(196, 1310, 420, 1360)), OcrLine("40", box=(440, 1307, 549, 1360)),
             OcrLine(".91", box=(536, 1296, 621, 1359)), OcrLine("Tip:", box=(194, 1222, 330, 1284)),
             OcrLine("6.00", box=(400, 1225, 558, 1284))]
    assert [line.text for line in group_lines(slip + words)][-3:-1] == ["Tip: 6.00", "Total: 40 .91"]
    dotted = [OcrLine("133." if w.text == "40" else ".29" if w.text == ".91" else w.text, box=w.box) for w in words]
    assert "Total: 133. .29" in [line.text for line in group_lines(slip + dotted)]  # the point on both pieces
    pointed = [OcrLine("28." if w.text == "40" else "50" if w.text == ".91" else w.text, box=w.box) for w in words]
    assert "Total: 28. 50" in [line.text for line in group_lines(slip + pointed)]  # the point on the first
    timed = [OcrLine("4:" if w.text == "40" else "39PM" if w.text == ".91" else w.text, box=w.box) for w in words]
    assert "Total: 4: 39PM" in [line.text for line in group_lines(slip + timed)]  # a time cut after its colon
    printed = [OcrLine("CHEESE", box=(100, 500, 300, 540)), OcrLine("BURGER", box=(280, 505, 480, 545))]
    assert len(group_lines(printed)) == 2
    # a word the detector cut in two, its second piece reaching back under the first
    cut = [OcrLine("Marktb", box=(113, 1097, 211, 1131)), OcrLine("litz", box=(199, 1094, 260, 1137)),
           OcrLine("KG", box=(270, 1094, 311, 1137))]
    assert "Marktb litz KG" in [line.text for line in group_lines(slip + cut)]
