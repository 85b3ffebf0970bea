"""Real OCR: the ONNX and torch backends read the same text; the ONNX export is cached and
reused; a failed export falls back to torch instead of failing."""
from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from decimal import Decimal

import pytest
from PIL import Image, ImageDraw, ImageFont

from conftest import FIXTURES, REPO
from parse import onnx_export, onnx_models
from parse.extract import extract_receipt
from parse.ocr import OcrEngine, OcrSettings, prepare_image


def rendered_receipt() -> Image.Image:
    image = Image.new("L", (520, 360), 245)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=26)
    for row, text in enumerate(["CORNER SHOP", "Date 05/03/2024", "Coffee 3.50", "Bagel 2.25", "TOTAL 5.75"]):
        draw.text((30, 30 + 62 * row), text, fill=20, font=font)
    return image


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory):
    """A float-only export of its own (int8 quantisation is slower and is not compared to torch)."""
    return tmp_path_factory.mktemp("ocr-cache")


@pytest.fixture(scope="module")
def onnx_engine(export_dir, tmp_path_factory):
    settings = OcrSettings(backend="onnx", cache_dir=str(export_dir), detector_int8=False,
                           network_dir=str(tmp_path_factory.mktemp("easyocr")))
    engine = OcrEngine(settings)
    assert engine.backend == "onnx"
    return engine


@pytest.fixture(scope="module")
def torch_engine(tmp_path_factory):
    engine = OcrEngine(OcrSettings(backend="torch", network_dir=str(tmp_path_factory.mktemp("easyocr"))))
    assert engine.backend == "torch"
    return engine


def texts(lines):
    return [line.text for line in lines]


def test_onnx_and_torch_read_the_same_text(onnx_engine, torch_engine):
    for image in (prepare_image(Image.open(FIXTURES / "receipt.jpg"), 2000), rendered_receipt()):
        onnx_lines = onnx_engine.read(image)
        assert texts(onnx_lines) == texts(torch_engine.read(image))
        for line in onnx_lines:  # boxes in the pixels of the image passed in
            x0, y0, x1, y1 = line.box
            assert 0 <= x0 < x1 <= image.width + 2 and 0 <= y0 < y1 <= image.height + 2
    assert "TOTAL 5.75" in texts(onnx_engine.read(rendered_receipt()))


def test_the_fixture_reads_to_its_labelled_fields(onnx_engine):
    label = json.loads((FIXTURES / "receipt.json").read_text())
    receipt = extract_receipt(onnx_engine.read(prepare_image(Image.open(FIXTURES / "receipt.jpg"), 2000)))
    assert str(receipt.total) == label["normalized"]["total"]
    assert receipt.date.isoformat() == label["normalized"]["date"]


def test_the_daemons_int8_detector_marks_the_text_the_float_one_marks():
    """The set-up's cache (var/ocr-cache, what the daemon loads): its int8 detector, where the
    quantisation kept one, finds the same text as the float detector on a real scan, and the
    engine built on it reads the fixture's fields; a refused quantisation leaves no int8 file."""
    import numpy as np
    import onnxruntime as ort

    cache = REPO / "var" / "ocr-cache"
    engine = OcrEngine(OcrSettings(cache_dir=str(cache)))
    meta = json.loads((cache / onnx_models.META).read_text())
    assert meta["int8"]["recipe"] == onnx_models.INT8_RECIPE
    assert engine.nets.int8 == meta["int8"]["ok"] == (cache / onnx_models.DETECTOR_INT8).is_file()
    if engine.nets.int8:
        scan = np.asarray(prepare_image(Image.open(FIXTURES / "receipt.jpg"), 900).convert("L"))
        float_detector = ort.InferenceSession(str(cache / onnx_models.DETECTOR_ONNX))
        int8_detector = ort.InferenceSession(str(cache / onnx_models.DETECTOR_INT8))
        assert onnx_export.text_mask_iou(float_detector, int8_detector, scan) >= 0.9
    label = json.loads((FIXTURES / "receipt.json").read_text())
    receipt = extract_receipt(engine.read(prepare_image(Image.open(FIXTURES / "receipt.jpg"), 2000)))
    assert (str(receipt.total), receipt.date.isoformat()) == (label["normalized"]["total"], label["normalized"]["date"])


def test_an_image_not_prepared_gets_boxes_in_its_own_pixels(onnx_engine):
    small = rendered_receipt()
    big = small.resize((small.width * 9, small.height * 9))  # 15 Mpx, over max_pixels: scaled inside read()
    [total_small] = [line for line in onnx_engine.read(small) if line.text.startswith("TOTAL")]
    [total_big] = [line for line in onnx_engine.read(big) if line.text.startswith("TOTAL")]
    for a, b in zip(total_small.box, total_big.box):
        assert abs(9 * a - b) <= 45


@pytest.mark.parametrize(("size", "expected"), [
    ((1000, 6000), (1000, 6000)),  # a long receipt: 6 Mpx, kept whole
    ((4000, 4000), (2828, 2828)),  # 16 Mpx: to 8 Mpx
    ((300, 9000), (200, 6000)),  # longer than max_side
    ((800, 1200), (800, 1200)),
])
def test_images_are_bounded_by_their_area_and_longest_side(size, expected):
    assert prepare_image(Image.new("L", size, 255), max_side=6000, max_pixels=8_000_000).size == expected


def test_the_export_is_reused_on_a_second_start(onnx_engine, export_dir):
    meta = export_dir / onnx_models.META
    before = meta.stat().st_mtime_ns
    started = time.monotonic()
    again = OcrEngine(OcrSettings(backend="onnx", cache_dir=str(export_dir), detector_int8=False))
    assert again.backend == "onnx"
    assert meta.stat().st_mtime_ns == before
    assert time.monotonic() - started < 10  # no torch, no export: sessions only
    assert not onnx_export.ensure_exported(str(export_dir), onnx_models.default_model_dir(), str(export_dir),
                                           int8=False)


def test_the_daemon_loads_the_networks_without_the_export_code():
    """Issue 16 part 8: on a made cache the engine imports neither the export / quantisation
    code nor torch (a fresh interpreter, as a worker starts)."""
    code = ("import sys; from parse.ocr import OcrEngine, OcrSettings; "
            "OcrEngine(OcrSettings(cache_dir='var/ocr-cache')); "
            "print(sorted(m for m in ('parse.onnx_export', 'torch', 'onnxruntime') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[-2] == "['onnxruntime']"


def test_a_failed_export_falls_back_to_torch_with_a_warning(tmp_path, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise onnx_export.ExportError("exporter says no")

    monkeypatch.setattr(onnx_export, "export", broken)
    with caplog.at_level(logging.WARNING, logger="parse.ocr"):
        engine = OcrEngine(OcrSettings(cache_dir=str(tmp_path / "cache"), network_dir=str(tmp_path / "easyocr")))
    assert engine.backend == "torch"
    assert any("using torch" in r.getMessage() for r in caplog.records)
    assert "TOTAL 5.75" in texts(engine.read(rendered_receipt()))


def test_a_stale_export_is_replaced(export_dir, tmp_path):
    """A cache made from other weights (another key) is not used."""
    meta = json.loads((export_dir / onnx_models.META).read_text())
    assert meta["key"] == onnx_models.weights_key(onnx_models.default_model_dir())
    stale = tmp_path / "stale"
    stale.mkdir()
    for name in (onnx_models.DETECTOR_ONNX, onnx_models.RECOGNISER_ONNX):
        (stale / name).write_bytes(b"")
    (stale / onnx_models.META).write_text(json.dumps({**meta, "key": "other weights"}))
    assert not onnx_models.cached(str(stale), onnx_models.default_model_dir())


def test_a_tilted_photo_keeps_prices_on_their_labels_lines(onnx_engine):
    from images import receipt_image

    tilted = receipt_image().rotate(5, expand=True, fillcolor="white", resample=Image.BICUBIC)
    lines = texts(onnx_engine.read(tilted))
    assert "TOTAL 8.37" in lines and "SUBTOTAL 7.75" in lines
    receipt = extract_receipt(onnx_engine.read(tilted))
    assert (receipt.total, receipt.subtotal, receipt.tax) == (Decimal("8.37"), Decimal("7.75"), Decimal("0.62"))


def test_a_steeply_tilted_photo_is_read_level_with_boxes_in_its_own_pixels(onnx_engine):
    from images import receipt_image

    tilted = receipt_image().rotate(-8, expand=True, fillcolor="white", resample=Image.BICUBIC)
    [total] = [line for line in onnx_engine.read(tilted) if line.text.startswith("TOTAL")]
    assert total.text == "TOTAL 8.37"
    x0, y0, x1, y1 = total.box  # the box maps back onto the tilted image: the words are inside it
    assert "TOTAL" in " ".join(texts(onnx_engine.read(tilted.crop((x0 - 10, y0 - 10, x1 + 10, y1 + 10)))))


def test_an_int8_detector_from_an_earlier_recipe_is_made_again(tmp_path):
    """Caches quantised before 7-bit weights (saturating on CPUs without VNNI) are redone at the
    next start, and a failed attempt leaves no int8 file from the earlier recipe behind."""
    (tmp_path / onnx_models.META).write_text(json.dumps({"int8": {"ok": True, "iou": 0.86}}))
    (tmp_path / onnx_models.DETECTOR_INT8).write_bytes(b"an earlier recipe's model")
    assert not onnx_models.int8_tried(str(tmp_path))
    assert onnx_export.quantize_detector(str(tmp_path)) is False  # no float export here to quantise
    assert not (tmp_path / onnx_models.DETECTOR_INT8).exists()
    assert onnx_models.int8_tried(str(tmp_path))


def test_a_second_look_reads_a_lost_date_again_from_the_image(onnx_engine):
    """The first read's date line garbled (as a blurred photo gives it): the second look reads that
    band of the real image again, magnified, and the receipt gets its labelled date back."""
    from dataclasses import replace

    from parse.ocr import read_region
    from parse.second_look import second_look

    label = json.loads((FIXTURES / "receipt.json").read_text())
    image = prepare_image(Image.open(FIXTURES / "receipt.jpg"), 2000)
    lines = onnx_engine.read(image)
    date_line = next(i for i, line in enumerate(lines) if "MAR" in line.text.upper() and "2018" in line.text)
    garbled = [replace(line, text="14 MAR 2O1", confidence=0.2, words=()) if i == date_line else line
               for i, line in enumerate(lines)]
    first = extract_receipt(garbled)
    assert first.date is None
    asked = []

    def reader(box, text_height):
        asked.append(box)
        return read_region(onnx_engine, image, box, text_height)

    looked, receipt = second_look(garbled, first, reader)
    assert receipt.date.isoformat() == label["normalized"]["date"]
    assert str(receipt.total) == label["normalized"]["total"]
    assert any(band[1] <= lines[date_line].box[1] and lines[date_line].box[3] <= band[3] for band in asked)
    assert len(asked) <= 8
    x0, y0, x1, y1 = looked[date_line].box  # in the image's pixels, on the date's own line
    assert y0 <= (lines[date_line].box[1] + lines[date_line].box[3]) / 2 <= y1


def test_the_page_read_again_at_a_larger_text_height_gives_back_a_lost_date(onnx_engine):
    """Where even the second look's lines leave the date missing, the whole page is read again with
    the detector aiming at taller text ([ocr] second_look_text_height): the real read gives the
    labelled date and total, its boxes in the image's pixels."""
    from dataclasses import replace
    from functools import partial

    from parse.second_look import closer_read

    label = json.loads((FIXTURES / "receipt.json").read_text())
    image = prepare_image(Image.open(FIXTURES / "receipt.jpg"), 2000)
    lost = [replace(line, text="", words=()) if "2018" in line.text else line for line in onnx_engine.read(image)]
    first = extract_receipt(lost)
    assert first.date is None
    lines, receipt = closer_read(first, partial(onnx_engine.read, image, 24.0))
    assert receipt.date.isoformat() == label["normalized"]["date"]
    assert str(receipt.total) == label["normalized"]["total"]
    assert all(0 <= line.box[0] < line.box[2] <= image.width + 2 for line in lines)


def test_an_unsure_date_line_is_read_again_as_the_closer_page_read_would(onnx_engine):
    """The date's line with a digit misread and read unsurely: ``parse.ocr.read_band`` reads that
    line of the real image again (the detector aiming at 24 px text, at the page's text height)
    and the receipt gets its labelled date back, the line's new box on the date's own line."""
    from dataclasses import replace
    from functools import partial

    from parse.ocr import read_band
    from parse.second_look import date_read_closer

    label = json.loads((FIXTURES / "receipt.json").read_text())
    image = prepare_image(Image.open(FIXTURES / "receipt.jpg"), 2000)
    lines = onnx_engine.read(image)
    date_line = next(i for i, line in enumerate(lines) if "MAR" in line.text.upper() and "2018" in line.text)
    misread = lines[date_line].text.replace("14", "19", 1)
    assert misread != lines[date_line].text
    unsure = [replace(line, text=misread, confidence=0.5, words=()) if i == date_line else line
              for i, line in enumerate(lines)]
    first = extract_receipt(unsure)
    assert first.date is not None and first.date.isoformat() != label["normalized"]["date"]
    looked, receipt = date_read_closer(unsure, first, partial(read_band, onnx_engine, image, detector_text_height=24.0))
    assert receipt.date.isoformat() == label["normalized"]["date"]
    assert str(receipt.total) == label["normalized"]["total"]
    x0, y0, x1, y1 = looked[date_line].box
    assert y0 <= (lines[date_line].box[1] + lines[date_line].box[3]) / 2 <= y1 and 0 <= x0 < x1 <= image.width
