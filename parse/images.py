"""Receipt candidates from bytes: sniff the real type, open safely, judge the size."""
from __future__ import annotations

import io
import warnings

import pillow_heif
from PIL import Image

pillow_heif.register_heif_opener()

_MEDIA_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "TIFF": "image/tiff",
    "HEIF": "image/heic",
    "GIF": "image/gif",
    "BMP": "image/bmp",
    "MPO": "image/jpeg",  # multi-picture JPEG, as some phone cameras write
}
RECEIPT_IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/tiff", "image/heic"})


class ImageRejected(Exception):
    """The bytes are not an image we can read; ``reason`` is a short code for the record."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def sniff(data: bytes) -> str | None:
    """The media type the bytes really are (PDF or a supported image), whatever the mail said."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "application/pdf"
    try:
        with Image.open(io.BytesIO(data)) as image:
            return _MEDIA_TYPES.get(image.format or "")
    except Exception:
        return None


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


def too_small(width: int, height: int, *, min_side: int, min_pixels: int) -> bool:
    """Logos, signature icons and tracking pixels are far smaller than any receipt photo."""
    return min(width, height) < min_side or width * height < min_pixels
