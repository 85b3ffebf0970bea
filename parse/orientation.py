"""Which way up a receipt's text runs, for a photo whose pixels are turned without an EXIF tag.

Two cheap looks instead of reading the image four times:

* the text detector at a low scale (``line_boxes``): its word boxes run along the printed
  lines, so boxes mostly taller than wide mean lines running up or down the image (turned by
  90 or 270 degrees), boxes mostly wider than tall mean 0 or 180;
* the recogniser on a few of the longest boxes (``text_turn``), each crop turned both ways
  (0 and 180, or 90 and 270): text the right way up reads with far higher confidence.

Pure: a greyscale array and the two network functions in, a turn out.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .ocr_core import Charset, DetectFn, ReadParams, RecogniseFn, character_blobs, detect, recognise_crops, \
    to_model_height

LOOK_TEXT_HEIGHT = 14.0  # px: the detector's input is scaled so that a character's narrow side is about this
LOOK_MAX_PIXELS = 1_000_000  # ... within this many pixels
ELONGATED = 1.5  # a box this many times longer than thick runs along its text line
SAMPLE_BOXES = 8  # the longest boxes recognised both ways round
MIN_LEAD = 0.1  # mean confidence one way must beat the other by this to turn the text over


@dataclass(frozen=True)
class LineBox:
    """An axis-aligned word box of the detector (in the input image's pixels) and which way it runs."""

    box: tuple[int, int, int, int]  # x0, y0, x1, y1
    upright: bool  # taller than wide: the line runs up or down the image
    length: float  # along the line


@dataclass(frozen=True)
class Orientation:
    turn: int  # degrees counter-clockwise that bring the text upright: 0, 90, 180 or 270
    confidence: float  # the recogniser's mean confidence on the sample, turned so
    other: float  # ... and turned the other way round (180 degrees more)


def look_scale(grey: np.ndarray) -> float:
    """The detector's scale for the low look: character blobs' narrow side (about a character's
    width upright, its height sideways; no dependence on the orientation being found) to
    ``LOOK_TEXT_HEIGHT``, never above 1 nor above ``LOOK_MAX_PIXELS``."""
    cap = min(1.0, math.sqrt(LOOK_MAX_PIXELS / grey.size))
    blobs, f = character_blobs(grey)
    if len(blobs) < 10:
        return cap
    narrow = float(np.median(np.minimum(blobs[:, 2], blobs[:, 3]))) / f
    return min(cap, LOOK_TEXT_HEIGHT / max(narrow, 1.0))


def line_boxes(grey: np.ndarray, detect_maps: DetectFn, params: ReadParams = ReadParams()) -> list[LineBox]:
    """The detector's elongated word boxes at the low scale (``look_scale``)."""
    out = []
    for points in detect(detect_maps, grey, look_scale(grey), params):
        xs, ys = points[:, 0], points[:, 1]
        width, height = float(xs.max() - xs.min()), float(ys.max() - ys.min())
        if max(width, height) < ELONGATED * min(width, height):
            continue  # a character or a short word: runs either way
        box = (int(xs.min()), int(ys.min()), int(math.ceil(xs.max())), int(math.ceil(ys.max())))
        out.append(LineBox(box, upright=height > width, length=max(width, height)))
    return out


def runs_sideways(boxes: list[LineBox]) -> bool:
    """Most of the text's length runs up or down the image."""
    return sum(b.length for b in boxes if b.upright) > sum(b.length for b in boxes if not b.upright)


def text_turn(grey: np.ndarray, detect_maps: DetectFn, recognise: RecogniseFn, charset: Charset,
              params: ReadParams = ReadParams()) -> Orientation:
    """How far to turn ``grey`` (counter-clockwise) so that its text reads upright; a turn of 0
    where it cannot tell (no elongated boxes) or the other way round does not read clearly better."""
    boxes = line_boxes(grey, detect_maps, params)
    if not boxes:
        return Orientation(0, 0.0, 0.0)
    sideways = runs_sideways(boxes)
    sample = sorted((b for b in boxes if b.upright == sideways), key=lambda b: -b.length)[:SAMPLE_BOXES]
    first = 90 if sideways else 0
    one = _mean_confidence(grey, sample, first, recognise, charset, params)
    other = _mean_confidence(grey, sample, first + 180, recognise, charset, params)
    if other > one + MIN_LEAD:
        return Orientation(first + 180, other, one)
    if one > other + MIN_LEAD or sideways:
        return Orientation(first, one, other)
    return Orientation(0, one, other)  # level text, neither way round reads clearly: leave it as it is


def _mean_confidence(grey: np.ndarray, sample: list[LineBox], turn: int, recognise: RecogniseFn,
                     charset: Charset, params: ReadParams) -> float:
    """The recogniser's mean confidence on the sample's crops (with EasyOCR's margin), each turned
    by ``turn`` degrees counter-clockwise."""
    images, widths = [], []
    for line in sample:
        x0, y0, x1, y1 = line.box
        margin = int(params.add_margin * min(x1 - x0, y1 - y0))
        crop = grey[max(0, y0 - margin):y1 + margin, max(0, x0 - margin):x1 + margin]
        resized = to_model_height(np.ascontiguousarray(np.rot90(crop, turn // 90)))
        if resized is not None:
            images.append(resized[0])
            widths.append(resized[1])
    if not images:
        return 0.0
    return float(np.mean([conf for _, conf in recognise_crops(recognise, images, widths, charset, params.rec_batch)]))
