"""Receipt candidates from bytes: sniff the real type, open safely, judge the size."""
from __future__ import annotations

import datetime as dt
import io
import warnings

import filetype
import pillow_heif
from PIL import Image

pillow_heif.register_heif_opener()

_ALIASES = {"image/heif": "image/heic", "image/x-ms-bmp": "image/bmp"}
RECEIPT_IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/tiff", "image/heic"})


class ImageRejected(Exception):
    """The bytes are not an image we can read; ``reason`` is a short code for the record."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def sniff(data: bytes) -> str | None:
    """The media type the bytes really are, from their magic numbers, whatever the mail said.

    Nothing is decoded here (a decompression bomb is still recognised as an image).
    """
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "application/pdf"  # also when a few bytes of junk precede the header
    kind = filetype.guess(data[:8192])
    if kind is None:
        return None
    return _ALIASES.get(kind.mime, kind.mime)


def open_image(data: bytes, *, max_pixels: int) -> Image.Image:
    """Decode fully (so truncation shows now), refusing decompression bombs."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > max_pixels:
                raise ImageRejected("too_large", f"{image.width}x{image.height} pixels")
            image.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise ImageRejected("too_large", str(err)) from None
    except Exception as err:
        raise ImageRejected("unreadable_image", type(err).__name__) from None
    return image


_EXIF_IFD, _TAKEN, _CHANGED = 0x8769, 0x9003, 0x0132  # Exif sub-IFD; DateTimeOriginal; DateTime


def taken_on(data: bytes) -> dt.date | None:
    """The day a photo was taken, as its camera wrote it in EXIF (``2026:03:04 15:59:12``); None
    where it has none, it is not a date, or the day is still to come."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            stamp = exif.get_ifd(_EXIF_IFD).get(_TAKEN) or exif.get(_CHANGED)
        day = dt.datetime.strptime(str(stamp).strip()[:10], "%Y:%m:%d").date() if stamp else None
    except (OSError, ValueError, SyntaxError):
        return None
    return day if day is not None and day <= dt.date.today() else None


def too_small(width: int, height: int, *, min_side: int, min_pixels: int) -> bool:
    """Logos, signature icons and tracking pixels are far smaller than any receipt photo."""
    return min(width, height) < min_side or width * height < min_pixels
