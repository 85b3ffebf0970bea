"""The stages for one mail, in order: candidates -> text lines -> receipt -> redaction.

No database here: the worker stores what this returns, in one transaction with the
message's outcome. The OCR engine is created on first use and then kept for the process.
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import imagehash
from PIL import Image

from receiptd.config import Config
from panel.eligibility import dedupe_key, judge_readable
from parse.extract import extract_receipt
from parse.images import ImageRejected, open_image
from parse.mail import PartLimits
from parse.ocr import OcrEngine, OcrSettings, prepare_image, read_region, read_upright
from parse.pdf import PdfRejected, read_pdf
from parse.second_look import second_look
from parse.types import Candidate, OcrLine, ParsedMail, Receipt, SkippedPart
from redact import Redacted, RedactionPolicy, redact_receipt, redacted_jpeg
from store.records import to_minor

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReceiptResult:
    position: int
    media_type: str
    receipt: Receipt  # already redacted
    redactions: tuple = ()  # redact.Redaction(kind, count)
    status: str = "accepted"
    reason: str | None = None
    ocr_seconds: float = 0.0
    image_sha256: str | None = None
    redacted_image: bytes | None = None  # downscaled JPEG with erased regions filled
    lines: tuple[OcrLine, ...] = ()  # the text lines after redaction (kept for reprocessing)
    phash: str | None = None  # 64-bit perceptual hash of the image OCR saw, hex (duplicates)
    dedupe_key: str | None = None  # merchant|date|time|total (duplicates)


@dataclass(frozen=True)
class MailResult:
    mail: ParsedMail
    receipts: tuple[ReceiptResult, ...]
    skipped: tuple[SkippedPart, ...]

    @property
    def outcome(self) -> str:
        return "processed" if self.receipts else "no_receipt"


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

    def process_mail(self, mail: ParsedMail) -> MailResult:
        receipts, skipped = [], list(mail.skipped)
        for candidate in mail.candidates:
            try:
                document = self.read(candidate)
            except (ImageRejected, PdfRejected) as err:
                skipped.append(_skip(candidate, err.reason))
                continue
            if not document.lines:
                skipped.append(_skip(candidate, "no_text"))
                continue
            receipts.append(self.understand(candidate, document))
        return MailResult(mail=mail, receipts=tuple(receipts), skipped=tuple(skipped))

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
        status, reason = judge(redacted.receipt)
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
            status=status,
            reason=reason,
            ocr_seconds=document.ocr_seconds + time.perf_counter() - started,
            image_sha256=hashlib.sha256(candidate.data).hexdigest(),
            redacted_image=stored_image,
            lines=tuple(redacted.lines),
            phash=phash,
            dedupe_key=dedupe_key(redacted.receipt, to_minor(redacted.receipt.total, redacted.receipt.currency)),
        )


    def look(self, candidate: Candidate, document: Document) -> tuple[tuple[OcrLine, ...], Receipt]:
        """The receipt the lines give, after a second look at the lines that should hold a field
        the first read missed (``parse.second_look``), on a photo (whose pixels the boxes are in)."""
        receipt = extract_receipt(document.lines)
        if candidate.kind != "image" or document.image is None or not self.config.ocr.second_look:
            return document.lines, receipt
        looked = second_look(document.lines, receipt, partial(read_region, self.engine, document.image))
        if looked is None:
            return document.lines, receipt
        return tuple(looked[0]), looked[1]


def judge(receipt: Receipt) -> tuple[str, str | None]:
    """What holds without the panel: a receipt must be readable. The panel's rules
    (``panel.eligibility``) are applied by the worker, which knows sender and arrival time."""
    return judge_readable(receipt)


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


def _skip(candidate: Candidate, reason: str) -> SkippedPart:
    return SkippedPart(
        position=candidate.position,
        reason=reason,
        media_type=candidate.media_type,
        filename=candidate.filename,
        declared_type=candidate.declared_type,
        size=len(candidate.data),
    )
