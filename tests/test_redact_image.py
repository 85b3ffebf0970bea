"""redact_image / redacted_jpeg: solid black boxes, fresh image, no metadata, downscaled."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from redact import redact_image, redacted_jpeg


def noisy(mode: str = "RGB", size: tuple[int, int] = (400, 300)) -> Image.Image:
    im = Image.effect_noise(size, 80).point(lambda v: min(255, v + 60))  # bright, no pure black
    return im.convert(mode)


BOXES = [(10, 10, 120, 40), (200, 150, 380, 170), (390, 280, 420, 320)]  # the last runs off the image


def _is_black(px) -> bool:
    vals = px if isinstance(px, tuple) else (px,)
    if len(vals) in (2, 4):  # alpha stays opaque
        return all(v == 0 for v in vals[:-1]) and vals[-1] == 255
    return all(v == 0 for v in vals)


@pytest.mark.parametrize("mode", ["RGB", "L", "RGBA", "P", "1"])
def test_every_pixel_in_every_box_is_black(mode: str) -> None:
    image = noisy(mode)
    out = redact_image(image, BOXES)
    assert out is not image and out.size == image.size
    for x0, y0, x1, y1 in BOXES:
        for x in range(x0, min(x1, out.width - 1) + 1):
            for y in range(y0, min(y1, out.height - 1) + 1):
                assert _is_black(out.getpixel((x, y))), (mode, x, y)


def test_margin_and_nothing_else_changes() -> None:
    image = noisy()
    out = redact_image(image, [(100, 100, 200, 120)])
    assert _is_black(out.getpixel((98, 98))) and _is_black(out.getpixel((202, 122)))  # margin
    assert out.getpixel((150, 150)) == image.getpixel((150, 150))
    assert out.getpixel((10, 10)) == image.getpixel((10, 10))
    assert image.getpixel((150, 110)) != (0, 0, 0)  # the input is untouched


def test_no_boxes_is_a_copy() -> None:
    image = noisy()
    out = redact_image(image, [])
    assert out is not image and out.tobytes() == image.tobytes()


def test_redacted_jpeg_is_downscaled_black_and_without_metadata() -> None:
    image = noisy(size=(3200, 2400))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    image.info["exif"] = exif.tobytes()
    data = redacted_jpeg(image, [(0, 0, 1600, 1200)], max_side=1600, quality=80)
    out = Image.open(io.BytesIO(data))
    assert out.format == "JPEG" and max(out.size) == 1600 and out.size == (1600, 1200)
    assert "exif" not in out.info and not out.getexif()
    # the blacked-out quarter is (JPEG-)black, the rest is not
    assert max(out.convert("L").crop((0, 0, 790, 590)).getdata()) < 16
    assert sum(out.convert("L").crop((820, 620, 1600, 1200)).getdata()) / (780 * 580) > 60


def test_redacted_jpeg_keeps_small_images_at_size() -> None:
    data = redacted_jpeg(noisy("L", (300, 200)), [(0, 0, 10, 10)])
    out = Image.open(io.BytesIO(data))
    assert out.size == (300, 200) and out.mode == "L"
