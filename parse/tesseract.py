"""A second recogniser: Tesseract (LSTM, English and German models) through pytesseract.

EasyOCR reads the page; where its reading of a field is unsure or missing, a recogniser of a
different make reads the same pixels again (``parse.second_look`` decides where and what is
kept). Tesseract's errors are not EasyOCR's: on receipts-dev2's tuning part it read right the
dates of four photos EasyOCR misread or missed, while it reads whole phone photos far worse
(totals 35 of 71 against 65), so it is asked only about lines and pages EasyOCR failed on.

The ``tesseract`` program and its ``eng`` and ``deu`` models are Debian packages
(``tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu``); nothing is downloaded. Where they are
missing, ``available`` says so and the second look goes without this reader.
"""
from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from dataclasses import dataclass

from PIL import Image, ImageOps

from .types import Box, OcrLine

log = logging.getLogger(__name__)

LINE_HEIGHT = 48  # pixels a line's box is magnified to: Tesseract's models read text about this tall best
MAX_SCALE = 4.0
PAGE_SIDE = 1600  # a page's longer side is brought to at least this many pixels before reading


@dataclass(frozen=True)
class TesseractSettings:
    languages: str = "eng+deu"
    timeout_s: float = 30.0


@functools.lru_cache(maxsize=8)
def available(languages: str = TesseractSettings.languages) -> bool:
    """Whether the ``tesseract`` program and the models ``languages`` names are installed."""
    program = shutil.which("tesseract")
    if program is None:
        log.warning("no tesseract program (Debian: tesseract-ocr): no second recogniser")
        return False
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("tesseract does not run (%s): no second recogniser", error)
        return False
    installed = set(listed.stdout.split())
    missing = [language for language in languages.split("+") if language not in installed]
    if missing:
        log.warning("tesseract lacks the models %s (Debian: tesseract-ocr-<lang>): no second recogniser",
                    ",".join(missing))
    return not missing


def read_page(image: Image.Image, settings: TesseractSettings = TesseractSettings()) -> list[OcrLine]:
    """The lines of a whole page, boxes in ``image``'s pixels."""
    gray = image.convert("L")
    scale = max(1.0, PAGE_SIDE / max(gray.size))
    if scale > 1.0:
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.LANCZOS)
    return [line.from_crop(scale, 0, 0) for line in _read(gray, "4", settings)]


def read_line(image: Image.Image, box: Box, settings: TesseractSettings = TesseractSettings()) -> list[OcrLine]:
    """The lines of a band half a line above and below ``box``, its whole width, magnified so the
    line is about ``LINE_HEIGHT`` pixels tall and contrast-stretched; boxes in ``image``'s pixels."""
    _, y0, _, y1 = box
    height = max(1, y1 - y0)
    region = (0, max(0, y0 - height // 2), image.width, min(image.height, y1 + height // 2))
    scale = min(MAX_SCALE, max(1.0, LINE_HEIGHT / height))
    crop = ImageOps.autocontrast(image.crop(region).convert("L"), cutoff=1)
    crop = crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.Resampling.LANCZOS)
    return [line.from_crop(scale, region[0], region[1]) for line in _read(crop, "6", settings)]


def _read(image: Image.Image, page_mode: str, settings: TesseractSettings) -> list[OcrLine]:
    """The lines Tesseract reads; none where it fails or runs past ``timeout_s`` (said in the log:
    the second recogniser only ever adds to EasyOCR's reading, so a mail is never lost to it)."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(image, lang=settings.languages, config=f"--psm {page_mode}",
                                         output_type=pytesseract.Output.DICT, timeout=settings.timeout_s)
    except (RuntimeError, OSError, pytesseract.TesseractError) as error:  # RuntimeError: the timeout
        log.warning("tesseract read nothing of a %dx%d image: %s", image.width, image.height,
                    type(error).__name__ if isinstance(error, pytesseract.TesseractError) else error)
        return []
    by_line: dict[tuple[int, int, int], list[OcrLine]] = {}
    for i, text in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if not text.strip() or confidence < 0:
            continue
        left, top = data["left"][i], data["top"][i]
        word = OcrLine(text=text.strip(), box=(left, top, left + data["width"][i], top + data["height"][i]),
                       confidence=confidence / 100)
        by_line.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(word)
    lines = [_joined(words) for words in by_line.values()]
    return sorted(lines, key=lambda line: (line.box[1], line.box[0]))


def _joined(words: list[OcrLine]) -> OcrLine:
    box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
           max(w.box[2] for w in words), max(w.box[3] for w in words))
    confidence = sum(w.confidence for w in words) / len(words)
    return OcrLine(text=" ".join(w.text for w in words), box=box, confidence=confidence, words=tuple(words))
