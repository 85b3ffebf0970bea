"""The ``read`` step, pure: a mail's candidate parts -> text lines -> receipt -> redaction.

No database, no panel: what this returns is decided and stored by the finishing steps
(``ingest.steps``), in one transaction with the message's outcome. Each part is read on its
own (:meth:`Pipeline.read_part`), in this process or by an OCR worker
(``ingest.ocr_tasks``). The OCR engine is created on first use and then kept for the process.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial

import imagehash
from PIL import Image

from receiptd.config import Config
from parse.extract import extract_receipt
from parse.images import ImageRejected, open_image
from parse import tesseract
from parse.mail import PartLimits
from parse.ocr import OcrEngine, OcrSettings, prepare_image, read_band, read_region, read_upright
from parse.pdf import PdfRejected, read_pdf
from parse.second_look import look_again
from parse.types import Candidate, OcrLine, ParsedMail, Receipt, SkippedPart
from redact import Redacted, RedactionPolicy, redact_receipt, redacted_jpeg

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReceiptResult:
    position: int
    media_type: str
    receipt: Receipt  # already redacted
    redactions: tuple = ()  # redact.Redaction(kind, count)
    status: str = "accepted"  # the verdict, given by the steps' ``decide``
    reason: str | None = None
    ocr_seconds: float = 0.0
    image_sha256: str | None = None
    redacted_image: bytes | None = None  # downscaled JPEG with erased regions filled
    lines: tuple[OcrLine, ...] = ()  # the text lines after redaction (kept for reprocessing)
    phash: str | None = None  # 64-bit perceptual hash of the image OCR saw, hex (duplicates)
    dedupe_key: str | None = None  # merchant|date|time|total (duplicates), set by ``decide``
    total_minor: int | None = None  # the total in the currency's minor unit, set by ``decide``


@dataclass(frozen=True)
class MailResult:
    mail: ParsedMail
    receipts: tuple[ReceiptResult, ...]
    skipped: tuple[SkippedPart, ...]


def assemble(mail: ParsedMail, parts) -> MailResult:
    """The mail's result from its parts' (``ReceiptResult`` or ``SkippedPart``, in position order)."""
    return MailResult(mail=mail, receipts=tuple(p for p in parts if isinstance(p, ReceiptResult)),
                      skipped=tuple(mail.skipped) + tuple(p for p in parts if isinstance(p, SkippedPart)))


@dataclass(frozen=True)
class Document:
    """What a candidate reads as: its text lines and, for images, the prepared image OCR saw."""

    lines: tuple[OcrLine, ...]
    image: Image.Image | None
    ocr_seconds: float


class Pipeline:
    def __init__(self, config: Config, engine_factory: Callable[[], OcrEngine] | None = None):
        self.config = config
        self.part_limits = PartLimits(
            config.parse.min_image_side, config.parse.min_image_pixels, config.parse.max_image_pixels
        )
        # Pillow's own guard, for every decoder: twice this raises DecompressionBombError
        Image.MAX_IMAGE_PIXELS = config.parse.max_image_pixels
        self.redaction = RedactionPolicy(
            keep_card_last4=config.redact.keep_card_last4, extra_terms=config.redact.extra_terms
        )
        self._engine_factory = engine_factory or (lambda: OcrEngine(ocr_settings(config)))
        self._engine: OcrEngine | None = None

    @property
    def engine(self) -> OcrEngine:
        if self._engine is None:
            self._engine = self._engine_factory()
        return self._engine

    @cached_property
    def second_recogniser(self) -> tesseract.TesseractSettings | None:
        """Tesseract's settings where ``[ocr] second_recogniser`` asks for it and this machine has
        it (else None, said once in the log)."""
        ocr = self.config.ocr
        settings = tesseract.TesseractSettings(languages=ocr.second_recogniser_languages)
        return settings if ocr.second_recogniser == "tesseract" and tesseract.available(settings.languages) else None

    def process_mail(self, mail: ParsedMail) -> MailResult:
        return assemble(mail, [self.read_part(candidate) for candidate in mail.candidates])

    def read_part(self, candidate: Candidate) -> ReceiptResult | SkippedPart:
        """One part, read and understood; or why it was skipped."""
        try:
            document = self.read(candidate)
        except (ImageRejected, PdfRejected) as err:
            return _skip(candidate, err.reason)
        if not document.lines:
            return _skip(candidate, "no_text")
        return self.understand(candidate, document)

    def read(self, candidate: Candidate) -> Document:
        started = time.perf_counter()
        if candidate.kind == "pdf":
            lines: list[OcrLine] = []
            first_image = None
            for page in read_pdf(candidate.data, max_pages=self.config.parse.max_pdf_pages, dpi=self.config.parse.pdf_render_dpi):
                if page.image is not None:
                    image = self._prepare(page.image)
                    first_image = first_image or image
                    lines.extend(self.engine.read(image))
                else:
                    lines.extend(page.lines)
            return Document(tuple(lines), first_image, time.perf_counter() - started)
        image = open_image(candidate.data, max_pixels=self.config.parse.max_image_pixels)
        # prepared as _prepare does; a photo turned sideways without an EXIF tag is turned first
        image, lines = read_upright(self.engine, image, bounds=(self.config.ocr.max_side, self.config.ocr.max_pixels))
        return Document(tuple(lines), image, time.perf_counter() - started)

    def _prepare(self, image: Image.Image) -> Image.Image:
        """Upright, greyscale and bounded: OCR boxes and the stored image share these pixels."""
        return prepare_image(image, self.config.ocr.max_side, self.config.ocr.max_pixels)

    def understand(self, candidate: Candidate, document: Document) -> ReceiptResult:
        started = time.perf_counter()
        lines, receipt = self.look(candidate, document)
        redacted: Redacted = redact_receipt(receipt, lines, self.redaction)
        phash = str(imagehash.phash(document.image)) if document.image is not None else None
        stored_image = None
        if document.image is not None and not redacted.unlocated:
            # an erasure without a box could not be blacked out: then no image is kept at all
            stored_image = redacted_jpeg(document.image, redacted.erased_boxes)
        return ReceiptResult(
            position=candidate.position,
            media_type=candidate.media_type,
            receipt=redacted.receipt,
            redactions=tuple(redacted.report),
            ocr_seconds=document.ocr_seconds + time.perf_counter() - started,
            image_sha256=hashlib.sha256(candidate.data).hexdigest(),
            redacted_image=stored_image,
            lines=tuple(redacted.lines),
            phash=phash,
        )


    def look(self, candidate: Candidate, document: Document) -> tuple[tuple[OcrLine, ...], Receipt]:
        """The receipt the lines give, after a second look at the lines that should hold a field
        the first read missed and a closer read of an unsure date (``parse.second_look``), on a
        photo (whose pixels the boxes are in)."""
        receipt = extract_receipt(document.lines)
        if candidate.kind != "image" or document.image is None or not self.config.ocr.second_look:
            return document.lines, receipt
        height = self.config.ocr.second_look_text_height
        engine, image = self.engine, document.image
        other = self.second_recogniser
        looked = look_again(document.lines, receipt, partial(read_region, engine, image),
                            partial(engine.read, image, height) if height else None,
                            partial(read_band, engine, image, detector_text_height=height) if height else None,
                            partial(tesseract.read_line, image, settings=other) if other else None,
                            partial(tesseract.page_readings, image, other) if other else None)
        return looked.lines, looked.receipt


def ocr_settings(config: Config) -> OcrSettings:
    ocr = config.ocr
    return OcrSettings(
        gpu=ocr.gpu,
        backend=ocr.backend,
        cache_dir=ocr.cache_dir,
        detector_int8=ocr.detector_int8,
        max_side=ocr.max_side,
        max_pixels=ocr.max_pixels,
        text_height=ocr.text_height,
        max_detector_pixels=ocr.max_detector_pixels,
        threads=ocr.threads,
        model_dir=ocr.model_dir or None,
        network_dir=ocr.network_dir or None,
    )


def ocr_fingerprint(config: Config) -> str:
    """What a part's result depends on besides its bytes: the OCR, parse and redaction settings
    (not where a machine keeps its model files, nor its thread count). The coordinator and every
    OCR worker must agree on it."""
    ocr = config.ocr
    settings = {
        "ocr": {key: getattr(ocr, key) for key in ("backend", "detector_int8", "max_side", "max_pixels",
                                                    "text_height", "max_detector_pixels", "second_look",
                                                    "second_look_text_height", "second_recogniser",
                                                    "second_recogniser_languages")},
        "parse": config.parse.model_dump(),
        "redact": config.redact.model_dump(),
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=list).encode()).hexdigest()[:16]


def _skip(candidate: Candidate, reason: str) -> SkippedPart:
    return SkippedPart(
        position=candidate.position,
        reason=reason,
        media_type=candidate.media_type,
        filename=candidate.filename,
        declared_type=candidate.declared_type,
        size=len(candidate.data),
    )
