"""Issue 14, class 7: a receipt photographed turned by 90, 180 or 270 degrees without an EXIF
orientation tag (the pixels themselves sideways) is found turned and read upright; an upright
receipt is read once and never turned. Real OCR on the repository's real receipt photo."""
from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image

from conftest import FIXTURES, REPO
from parse.extract import extract_receipt
from parse.ocr import LITTLE_TEXT, OcrEngine, OcrSettings, mostly_tall, prepare_image, read_upright, text_score
from parse.types import OcrLine

EXIF_ORIENTATION = 0x0112
# degrees the photo's pixels were turned (counter-clockwise) -> degrees that bring it back
TURNS = {Image.Transpose.ROTATE_90: 270, Image.Transpose.ROTATE_180: 180, Image.Transpose.ROTATE_270: 90}
BOUNDS = (OcrSettings.max_side, OcrSettings.max_pixels)  # the pipeline's (config.toml's [ocr] defaults)


@pytest.fixture(scope="module")
def engine():
    """The daemon's engine on the set-up's cache (var/ocr-cache: the int8 detector where kept)."""
    return OcrEngine(OcrSettings(cache_dir=str(REPO / "var" / "ocr-cache")))


def photographed(turn: Image.Transpose | None) -> Image.Image:
    """The fixture receipt as a camera would send it turned: pixels turned, re-encoded as JPEG,
    no EXIF orientation tag."""
    image = Image.open(FIXTURES / "receipt.jpg")
    if turn is not None:
        image = image.transpose(turn)
    data = io.BytesIO()
    image.save(data, "JPEG", quality=95)
    sent = Image.open(io.BytesIO(data.getvalue()))
    assert EXIF_ORIENTATION not in sent.getexif()
    return sent


def fields(lines: list[OcrLine]) -> tuple[str, str, str | None]:
    receipt = extract_receipt(lines)
    return str(receipt.total), receipt.date.isoformat() if receipt.date else None, receipt.merchant


class Counting:
    """The engine, keeping its full reads and counting its orientation looks."""

    def __init__(self, engine: OcrEngine):
        self.engine, self.reads, self.looks = engine, [], 0

    def read(self, image, text_height=None, known_text_height=None):
        self.reads.append(self.engine.read(image, text_height, known_text_height))
        return self.reads[-1]

    def text_turn(self, image):
        self.looks += 1
        return self.engine.text_turn(image)


@pytest.fixture(scope="module")
def upright_fields(engine):
    image, lines = read_upright(engine, photographed(None), BOUNDS)
    assert image.tobytes() == prepare_image(photographed(None), *BOUNDS).tobytes()
    label = json.loads((FIXTURES / "receipt.json").read_text())
    read = fields(lines)
    assert read[:2] == (label["normalized"]["total"], label["normalized"]["date"]) and read[2]
    return read


@pytest.mark.parametrize("turn", list(TURNS), ids=["90", "180", "270"])
def test_a_receipt_photographed_turned_reads_as_it_does_upright(engine, upright_fields, turn):
    counting = Counting(engine)
    image, lines = read_upright(counting, photographed(turn), BOUNDS)  # as the pipeline reads a photo
    first = counting.reads[0]  # the image as it came (the read of the pipeline before): no receipt
    assert text_score(first) < LITTLE_TEXT or mostly_tall(first)
    assert fields(first) != upright_fields
    assert (len(counting.reads), counting.looks) == (2, 1)
    assert image.size == prepare_image(photographed(None), *BOUNDS).size  # turned back: the pixels to store
    assert fields(lines) == upright_fields
    for line in lines:
        x0, y0, x1, y1 = line.box
        assert 0 <= x0 < x1 <= image.width + 2 and 0 <= y0 < y1 <= image.height + 2


@pytest.mark.parametrize("turn", [None, *TURNS], ids=["0", "90", "180", "270"])
def test_the_turn_is_found_without_reading_the_image(engine, turn):
    """One low-scale detector pass and a few crops recognised both ways round."""
    assert engine.text_turn(prepare_image(photographed(turn), *BOUNDS)).turn == TURNS.get(turn, 0)


def test_an_upright_receipt_is_read_once_and_not_turned(engine):
    prepared = prepare_image(photographed(None), *BOUNDS)
    counting = Counting(engine)
    image, lines = read_upright(counting, photographed(None), BOUNDS)
    assert image.tobytes() == prepared.tobytes() and (len(counting.reads), counting.looks) == (1, 0)
    assert lines == engine.read(prepared)
    same, _ = read_upright(counting, prepared)  # an image read as it is (bench/accuracy.py)
    assert same is prepared and (len(counting.reads), counting.looks) == (2, 0)


def test_an_image_without_text_costs_one_look_and_is_not_turned(engine):
    blank = Image.fromarray(np.full((900, 600), 235, dtype=np.uint8))
    counting = Counting(engine)
    same, lines = read_upright(counting, blank)
    assert same is blank and lines == []
    assert (len(counting.reads), counting.looks) == (1, 1)


def _word(x0: int, y0: int, x1: int, y1: int) -> OcrLine:
    return OcrLine("x", box=(x0, y0, x1, y1), confidence=0.9)


def test_words_standing_mostly_taller_than_wide_mark_sideways_text():
    wide, tall = _word(0, 0, 80, 20), _word(0, 0, 20, 80)
    sideways = [OcrLine("x x x", box=(0, 0, 20, 300), words=(tall, tall, wide))]
    upright = [OcrLine("x x x", box=(0, 0, 300, 20), words=(wide, wide, tall))]
    assert mostly_tall(sideways) and not mostly_tall(upright) and not mostly_tall([])
