"""A second recogniser: Tesseract (LSTM, English and German models) through tesserocr.

EasyOCR reads the page; where its reading of a field is unsure or missing, a recogniser of a
different make reads the same pixels again (``parse.second_look`` decides where and what is
kept). Tesseract's errors are not EasyOCR's: on receipts-dev2's tuning part it read right the
dates of four photos EasyOCR misread or missed, while it reads whole phone photos far worse
(totals 35 of 71 against 65), so it is asked only about lines and pages EasyOCR failed on.

tesserocr's wheel carries the Tesseract library and keeps its models loaded (one engine per
process and model set, used under a lock): a line reads in about 0.08 s, where the ``tesseract``
program took 0.7 s, most of it loading its models, and no receipt image is written to a file.
The models are Debian's (``tesseract-ocr-eng``, ``tesseract-ocr-deu``), found in
``$TESSDATA_PREFIX`` or Debian's tessdata folder; nothing is downloaded. Where a model is missing,
``available`` says so and the second look goes without this reader.
"""
from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .types import Box, OcrLine

log = logging.getLogger(__name__)

LINE_HEIGHT = 48  # pixels a line's box is magnified to: Tesseract's models read text about this tall best
MAX_SCALE = 4.0
PAGE_SIDE = 1600  # a page's longer side is brought to at least this many pixels before reading
# where Debian (and Tesseract's own install) keep the models, newest first
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")


@dataclass(frozen=True)
class TesseractSettings:
    languages: str = "eng+deu"
    timeout_s: float = 30.0


def tessdata_dir(languages: str) -> Path | None:
    """The folder holding a ``<language>.traineddata`` for each of ``languages``: ``$TESSDATA_PREFIX``
    where set, else the first of ``TESSDATA_DIRS`` that holds them all."""
    folders = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else TESSDATA_DIRS
    for folder in map(Path, folders):
        if all((folder / f"{language}.traineddata").is_file() for language in languages.split("+")):
            return folder
    return None


@functools.lru_cache(maxsize=8)
def available(languages: str = TesseractSettings.languages) -> bool:
    """Whether tesserocr imports and the models ``languages`` names are installed (said once in the
    log where not)."""
    try:
        import tesserocr  # noqa: F401
    except ImportError as error:
        log.warning("tesserocr does not import (%s): no second recogniser", error)
        return False
    if tessdata_dir(languages) is None:
        log.warning("no tessdata folder holds the models %s (Debian: tesseract-ocr-<lang>; or set"
                    " TESSDATA_PREFIX): no second recogniser", languages.replace("+", ", "))
        return False
    return True


# Tesseract's page segmentation modes a page is read in, in turn: one column of text of varying
# sizes, then sparse text (lines found wherever they stand: a receipt's date printed apart from
# the rest), then one uniform block
PAGE_MODES = ("4", "11", "6")


def read_page(image: Image.Image, settings: TesseractSettings = TesseractSettings(),
              page_mode: str = PAGE_MODES[0]) -> list[OcrLine]:
    """The lines of a whole page read in ``page_mode``, boxes in ``image``'s pixels."""
    gray = image.convert("L")
    scale = max(1.0, PAGE_SIDE / max(gray.size))
    if scale > 1.0:
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.LANCZOS)
    return [line.from_crop(scale, 0, 0) for line in _read(gray, page_mode, settings)]


def page_readings(image: Image.Image, settings: TesseractSettings = TesseractSettings()) -> Iterator[list[OcrLine]]:
    """The page read in each of ``PAGE_MODES`` in turn, each read only when asked for."""
    for page_mode in PAGE_MODES:
        yield read_page(image, settings, page_mode)


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


_engines: dict[str, tuple[object, threading.Lock]] = {}
_engines_lock = threading.Lock()


def _engine(languages: str):
    """This process's Tesseract engine for ``languages`` and the lock its use takes."""
    with _engines_lock:
        if languages not in _engines:
            import tesserocr

            folder = tessdata_dir(languages)
            if folder is None:
                raise RuntimeError(f"no tessdata folder holds the models {languages}")
            api = tesserocr.PyTessBaseAPI(path=f"{folder}/", lang=languages, oem=tesserocr.OEM.LSTM_ONLY)
            _engines[languages] = (api, threading.Lock())
        return _engines[languages]


def _read(image: Image.Image, page_mode: str, settings: TesseractSettings) -> list[OcrLine]:
    """The lines Tesseract reads; none where it fails or runs past ``timeout_s`` (said in the log:
    the second recogniser only ever adds to EasyOCR's reading, so a mail is never lost to it)."""
    import tesserocr

    try:
        api, lock = _engine(settings.languages)
    except RuntimeError as error:  # tesserocr's "Failed to init API": a model missing or unreadable
        log.warning("tesseract read nothing of a %dx%d image: %s", image.width, image.height, error)
        return []
    lines: list[list[OcrLine]] = []
    with lock:
        api.SetPageSegMode(int(page_mode))
        api.SetImage(image)
        if not api.Recognize(timeout=max(1, round(settings.timeout_s * 1000))):
            log.warning("tesseract read nothing of a %dx%d image (failed or past %.3g s)",
                        image.width, image.height, settings.timeout_s)
            return []
        level = tesserocr.RIL.WORD
        for word in tesserocr.iterate_level(api.GetIterator(), level):
            if word.IsAtBeginningOf(tesserocr.RIL.TEXTLINE) or not lines:
                lines.append([])  # a line starts here even where its first word has no text
            text, box = _text(word, level), word.BoundingBox(level)
            if text and box is not None:
                lines[-1].append(OcrLine(text=text, box=tuple(box), confidence=word.Confidence(level) / 100))
    joined = [_joined(words) for words in lines if words]
    return sorted(joined, key=lambda line: (line.box[1], line.box[0]))


def _text(word, level) -> str:
    try:
        return (word.GetUTF8Text(level) or "").strip()
    except RuntimeError:  # tesserocr's "No text returned": a word box with nothing recognised in it
        return ""


def _joined(words: list[OcrLine]) -> OcrLine:
    box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
           max(w.box[2] for w in words), max(w.box[3] for w in words))
    confidence = sum(w.confidence for w in words) / len(words)
    return OcrLine(text=" ".join(w.text for w in words), box=box, confidence=confidence, words=tuple(words))
