"""Black out boxes on a receipt image, and encode the result for storage."""
from __future__ import annotations

import io
from collections.abc import Iterable

from PIL import Image, ImageDraw

from parse.types import Box

MIN_MARGIN = 2  # pixels around each box
MARGIN_FRACTION = 0.15  # of the box height, for OCR boxes that hug the glyphs


def _black(mode: str) -> int | tuple[int, ...]:
    bands = Image.getmodebands(mode)
    if mode in ("RGBA", "LA"):
        return (0,) * (bands - 1) + (255,)
    return 0 if bands == 1 else (0,) * bands


def _padded(box: Box, width: int, height: int) -> tuple[int, int, int, int] | None:
    x0, y0, x1, y1 = (int(v) for v in box)
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    m = max(MIN_MARGIN, round((y1 - y0) * MARGIN_FRACTION))
    x0, y0, x1, y1 = max(0, x0 - m), max(0, y0 - m), min(width - 1, x1 + m), min(height - 1, y1 + m)
    if x0 > x1 or y0 > y1:
        return None
    return x0, y0, x1, y1


def redact_image(image: Image.Image, boxes: Iterable[Box]) -> Image.Image:
    """A copy of ``image`` with every box (plus a small margin) filled solid black."""
    if image.mode not in ("1", "L", "RGB", "RGBA", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    out = image.copy()
    draw = ImageDraw.Draw(out)
    fill = _black(out.mode)
    for box in boxes:
        rect = _padded(box, out.width, out.height)
        if rect is not None:
            draw.rectangle(rect, fill=fill)
    return out


def redacted_jpeg(image: Image.Image, boxes: Iterable[Box], max_side: int = 1600, quality: int = 80) -> bytes:
    """JPEG bytes of the redacted image, downscaled so no side exceeds ``max_side``.

    Boxes are blacked out at full resolution before scaling; no metadata (EXIF, GPS,
    comments) is written.
    """
    out = redact_image(image, boxes)
    out = out.convert("L") if out.mode in ("1", "L", "LA") else out.convert("RGB")
    if max(out.size) > max_side:
        out.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=quality, optimize=True)
    return buf.getvalue()
