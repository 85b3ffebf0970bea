"""The second recogniser (``parse.tesseract``) reads real rendered receipts with the real
Tesseract (tesserocr) and its English and German models (Debian packages; skipped where missing)."""
import logging

import pytest
from PIL import ImageOps

from parse import tesseract
from parse.dates import find_dates

from images import receipt_image

pytestmark = pytest.mark.skipif(not tesseract.available(), reason="tesseract with its eng and deu models is not"
                                " installed (apt-get install tesseract-ocr-eng tesseract-ocr-deu)")

PRINTED = ["BÄCKEREI MÜLLER", "Hauptstraße 5, 50667 Köln", "Datum: 03.04.20 09:53", "2 x Brötchen 0,45 0,90",
           "SUMME EUR 0,90", "BAR 5,00", "Rückgeld 4,10"]
LINE_HEIGHT = 44  # tests/images.receipt_image at its size 28: each printed line's top is this times (index + 2)


def test_a_page_is_read_line_by_line_with_boxes_in_the_images_pixels():
    image = receipt_image(PRINTED)
    lines = tesseract.read_page(image)
    texts = [line.text for line in lines]
    assert any("Köln" in text for text in texts)  # the German model reads what English has no letter for
    assert any(text.endswith("4,10") for text in texts) and len(lines) == len(PRINTED)
    [dated] = [line for line in lines if find_dates(line.text)]
    assert "03.04.20" in dated.text and 0.8 <= dated.confidence <= 1.0
    top = LINE_HEIGHT * (2 + 2)  # the date is the third printed line
    assert top - 6 <= dated.box[1] <= top + 12 and dated.box[3] <= top + LINE_HEIGHT and dated.box[0] >= 30
    assert all(word.box[0] >= dated.box[0] and word.box[2] <= dated.box[2] for word in dated.words)


def test_one_lines_band_is_read_magnified_and_mapped_back():
    image = ImageOps.scale(receipt_image(PRINTED), 0.5)  # small print: 14-pixel letters
    top = LINE_HEIGHT * (2 + 2) // 2
    box = (20, top, 200, top + 16)
    lines = tesseract.read_line(image, box)
    [dated] = [line for line in lines if find_dates(line.text)]
    assert "03.04.20" in dated.text and "09:53" in dated.text
    assert dated.box[1] <= (box[1] + box[3]) / 2 <= dated.box[3]  # on the asked line, in the image's pixels
    assert all(line.box[3] <= image.height for line in lines)


def test_a_missing_model_is_said_plainly_and_means_no_second_recogniser(caplog):
    with caplog.at_level(logging.WARNING, logger="parse.tesseract"):
        assert not tesseract.available("eng+receiptd_no_such_model")
    assert "receiptd_no_such_model" in caplog.text


def test_a_read_that_fails_or_runs_too_long_gives_no_lines_and_says_so(caplog):
    image = receipt_image(PRINTED)
    with caplog.at_level(logging.WARNING, logger="parse.tesseract"):
        assert tesseract.read_page(image, tesseract.TesseractSettings(timeout_s=0.001)) == []
        assert tesseract.read_page(image, tesseract.TesseractSettings(languages="receiptd_no_such_model")) == []
    assert caplog.text.count("tesseract read nothing") == 2 and "Rückgeld" not in caplog.text


def test_the_models_are_found_where_tessdata_prefix_says_else_in_debians_folder(monkeypatch, tmp_path):
    debians = tesseract.tessdata_dir("eng+deu")
    assert debians is not None and str(debians) in tesseract.TESSDATA_DIRS
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert tesseract.tessdata_dir("eng") is None  # an empty folder: no models, no fallback
    (tmp_path / "eng.traineddata").symlink_to(debians / "eng.traineddata")
    assert tesseract.tessdata_dir("eng") == tmp_path and tesseract.tessdata_dir("eng+deu") is None


def test_the_page_is_read_in_each_layout_mode_in_turn():
    readings = list(tesseract.page_readings(receipt_image(PRINTED)))
    assert len(readings) == len(tesseract.PAGE_MODES) == 3
    for lines in readings:  # column, sparse text, one block: each finds the date line
        assert any("03.04.20" in line.text for line in lines)
