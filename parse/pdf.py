"""PDF e-receipts: the text layer where there is one, rendered pages otherwise."""
from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

from .types import OcrLine

MIN_TEXT_CHARS = 20  # fewer characters than this on a page: it is a scan, render it


class PdfRejected(Exception):
    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class PdfPage:
    lines: tuple[OcrLine, ...] = ()  # from the text layer
    image: Image.Image | None = None  # rendered, for OCR, when there is no text layer


def read_pdf(data: bytes, *, max_pages: int, dpi: int) -> list[PdfPage]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise PdfRejected("unreadable_pdf", str(err)) from None
    try:
        pages = []
        for index in range(min(len(document), max_pages)):
            page = document[index]
            text = page.get_textpage().get_text_bounded()
            if len(text.strip()) >= MIN_TEXT_CHARS:
                pages.append(PdfPage(lines=_text_lines(text)))
            else:
                pages.append(PdfPage(image=page.render(scale=dpi / 72, grayscale=True).to_pil()))
        return pages
    finally:
        document.close()


def _text_lines(text: str) -> tuple[OcrLine, ...]:
    rows = (row.strip() for row in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return tuple(OcrLine(text=row) for row in rows if row)
