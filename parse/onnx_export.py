"""The ONNX cache of EasyOCR's networks, made from the ``.pth`` weights: export, check against
torch, int8 quantisation of the detector. An install step (``make`` runs it), or the engine's
first start on an empty cache (``parse.ocr``); the daemon's later starts never import it.

The detector and recogniser are exported from torch, checked against torch's outputs on the
same inputs and written to ``[ocr] cache_dir`` in the layout ``parse.onnx_models`` reads.

    python -m parse.onnx_export [--cache-dir DIR] [--model-dir DIR]   # export now (install step)
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from .ocr_core import MODEL_HEIGHT, detector_input
from .onnx_models import (DETECTOR_INT8, DETECTOR_ONNX, EXPORT_VERSION, INT8_RECIPE, META, RECOGNISER_ONNX,
                          TorchNets, cached, default_model_dir, int8_tried, ready, warnings_quiet, weights_key)

log = logging.getLogger(__name__)

OPSET = 17
# largest difference from torch allowed at export (measured: about 1e-7 and 2e-5)
DETECTOR_TOLERANCE = 1e-3
RECOGNISER_TOLERANCE = 1e-2
# the int8 detector must find the same text: overlap (IoU) of the text masks of both detectors
# (0.97 with the recipe below on CPUs with and without VNNI; a saturating one scored 0.86 here
# and found no text at all on some real receipts)
INT8_MIN_IOU = 0.95


class ExportError(RuntimeError):
    """The ONNX models could not be made or did not match torch."""


def ensure_exported(cache_dir: str, model_dir: str, network_dir: str, int8: bool = True) -> bool:
    """Export the ONNX models into ``cache_dir`` unless a valid export is there (and, with
    ``int8``, the int8 detector); True if it made anything. Several processes may start at
    once: one exports, the others wait for it and then use its files."""
    os.makedirs(cache_dir, exist_ok=True)
    if ready(cache_dir, model_dir, int8):
        return False
    with open(Path(cache_dir) / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            made = False
            if not cached(cache_dir, model_dir):
                export(cache_dir, model_dir, network_dir)
                made = True
            if int8 and not int8_tried(cache_dir):
                quantize_detector(cache_dir)
                made = True
            return made
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def export(cache_dir: str, model_dir: str, network_dir: str) -> dict:
    """Export both networks from the ``.pth`` weights and check them against torch."""
    started = time.monotonic()
    nets = TorchNets(model_dir, network_dir, gpu=False)
    torch = nets._torch
    detector = _DetectorOnly(nets.detector).eval()
    recogniser = _RecogniserOnly(nets.recognizer).eval()
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=cache_dir))
    try:
        with warnings_quiet():
            torch.onnx.export(detector, (torch.zeros(1, 3, 320, 256),), str(tmp / DETECTOR_ONNX), dynamo=False,
                              input_names=["image"], output_names=["maps"], opset_version=OPSET,
                              dynamic_axes={"image": {0: "n", 2: "h", 3: "w"}, "maps": {0: "n", 1: "h2", 2: "w2"}})
            torch.onnx.export(recogniser, (torch.zeros(2, 1, MODEL_HEIGHT, 256),), str(tmp / RECOGNISER_ONNX),
                              dynamo=False, input_names=["image"], output_names=["logits"], opset_version=OPSET,
                              dynamic_axes={"image": {0: "n", 3: "w"}, "logits": {0: "n", 1: "t"}})
        diffs = _verify(tmp, nets)
        meta = {"key": weights_key(model_dir), "export_version": EXPORT_VERSION, "torch": torch.__version__,
                "opset": OPSET, "characters": nets.charset.characters, "ignore": list(nets.charset.ignore),
                "max_abs_diff": diffs}
        (tmp / META).write_text(json.dumps(meta, indent=1))
        _drop_int8(Path(cache_dir))  # made from the previous export
        for name in (DETECTOR_ONNX, RECOGNISER_ONNX, META):  # meta.json last: it marks a whole export
            os.replace(tmp / name, Path(cache_dir) / name)
    except Exception as err:
        raise ExportError(f"ONNX export failed: {err}") from err
    finally:
        for leftover in tmp.iterdir():
            leftover.unlink()
        tmp.rmdir()
    log.info("OCR models exported to ONNX in %s (%.0fs, max diff detector %.1e, recogniser %.1e)",
             cache_dir, time.monotonic() - started, diffs["detector"], diffs["recogniser"])
    return meta


def _verify(folder: Path, nets: TorchNets) -> dict[str, float]:
    """Same inputs through torch and onnxruntime: a synthetic text image for the detector
    (other size than the export's), a batch of text-like strips for the recogniser."""
    import onnxruntime as ort

    rng = np.random.default_rng(0)
    page = np.full((480, 352), 235, dtype=np.uint8)
    for row in range(40, 440, 36):  # dark bars of varying length look like lines of text to CRAFT
        for x in range(20, 20 + int(rng.integers(80, 300)), 12):
            page[row:row + 16, x:x + 8] = rng.integers(0, 60)
    det_in = detector_input(page, 1.0)
    strips = rng.integers(0, 255, size=(3, 1, MODEL_HEIGHT, 192)).astype(np.float32) / 127.5 - 1
    diffs = {}
    for name, file, x, torch_fn, tolerance in (
            ("detector", DETECTOR_ONNX, det_in, nets.detect_maps, DETECTOR_TOLERANCE),
            ("recogniser", RECOGNISER_ONNX, strips, nets.recognise, RECOGNISER_TOLERANCE)):
        session = ort.InferenceSession(str(folder / file), providers=["CPUExecutionProvider"])
        got = session.run(None, {"image": x})[0]
        want = torch_fn(x)
        if got.shape != want.shape:
            raise ExportError(f"{name}: onnx output shape {got.shape} != torch {want.shape}")
        diffs[name] = float(np.abs(got - want).max())
        if not diffs[name] <= tolerance:
            raise ExportError(f"{name}: onnx differs from torch by {diffs[name]:.2e} (> {tolerance:.0e})")
    return diffs


def quantize_detector(cache_dir: str) -> bool:
    """Static int8 quantisation of the detector (``quantize_model``), kept only if it finds the
    same text as the float detector on other synthetic pages (mask IoU >= ``INT8_MIN_IOU``).
    The outcome is recorded in meta.json either way, so a failed attempt is not repeated at
    every start."""
    import onnxruntime as ort

    started = time.monotonic()
    folder = Path(cache_dir)
    meta_path = folder / META
    meta = json.loads(meta_path.read_text())
    tmp = Path(tempfile.mkdtemp(prefix=".int8-", dir=cache_dir))
    try:
        quantize_model(folder / DETECTOR_ONNX, tmp / DETECTOR_INT8)
        fp32 = ort.InferenceSession(str(folder / DETECTOR_ONNX), providers=["CPUExecutionProvider"])
        int8 = ort.InferenceSession(str(tmp / DETECTOR_INT8), providers=["CPUExecutionProvider"])
        iou = min(text_mask_iou(fp32, int8, page) for page in synthetic_pages(range(100, 103)))
        ok = iou >= INT8_MIN_IOU
        if ok:
            os.replace(tmp / DETECTOR_INT8, folder / DETECTOR_INT8)
            log.info("OCR detector quantised to int8 (%.0fs, text mask IoU with float %.3f)",
                     time.monotonic() - started, iou)
        else:
            _drop_int8(folder)
            log.warning("OCR: int8 detector differs from the float one (text mask IoU %.3f < %.2f); using float",
                        iou, INT8_MIN_IOU)
        meta["int8"] = {"ok": ok, "iou": iou, "recipe": INT8_RECIPE}
    except Exception as err:  # noqa: BLE001 - the float detector still works
        _drop_int8(folder)
        log.warning("OCR: int8 quantisation of the detector failed (%s: %s); using float", type(err).__name__, err)
        meta["int8"] = {"ok": False, "error": str(err)[:300], "recipe": INT8_RECIPE}
    finally:
        for leftover in tmp.iterdir():
            leftover.unlink()
        tmp.rmdir()
    tmp_meta = folder / (META + ".tmp")
    tmp_meta.write_text(json.dumps(meta, indent=1))
    os.replace(tmp_meta, meta_path)
    return meta["int8"]["ok"]


def quantize_model(float_model: Path, out: Path, *, reduce_range: bool = True) -> None:
    """The float detector -> int8 (QDQ, per-channel weights), calibrated on synthetic receipt
    pages. ``reduce_range``: 7-bit weights. x86 CPUs without VNNI (AVX2 only) multiply u8 x s8
    with VPMADDUBSW, whose 16-bit sums saturate on full-range weights."""
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    class Pages(CalibrationDataReader):
        def __init__(self):
            self._inputs = iter([{"image": detector_input(page, 1.0)} for page in synthetic_pages(range(6))])

        def get_next(self):
            return next(self._inputs, None)

    pre = out.with_suffix(".pre.onnx")
    try:
        with warnings_quiet():
            quant_pre_process(str(float_model), str(pre), skip_symbolic_shape=True)
            quantize_static(str(pre), str(out), Pages(), quant_format=QuantFormat.QDQ, activation_type=QuantType.QUInt8,
                            weight_type=QuantType.QInt8, per_channel=True, reduce_range=reduce_range)
    finally:
        pre.unlink(missing_ok=True)


def text_mask_iou(float_session, int8_session, grey: np.ndarray) -> float:
    """Overlap of the text masks (region score > 0.4) both detectors make of one greyscale page."""
    x = {"image": detector_input(grey, 1.0)}
    a = float_session.run(None, x)[0][0, :, :, 0] > 0.4
    b = int8_session.run(None, x)[0][0, :, :, 0] > 0.4
    return float((a & b).sum() / max(1, (a | b).sum()))


def _drop_int8(folder: Path) -> None:
    """No int8 detector is used unless this recipe made and checked it (not one an earlier recipe left)."""
    with contextlib.suppress(FileNotFoundError):
        (folder / DETECTOR_INT8).unlink()


def synthetic_pages(seeds) -> list[np.ndarray]:
    """Receipt-like greyscale pages: lines of words and prices, text about 18 px high (the
    size the detector is fed), paper of varying brightness, noise and blur."""
    import cv2
    from PIL import Image, ImageDraw, ImageFont

    words = ["TOTAL", "CASH", "CHANGE", "GST", "Subtotal", "Milk", "BREAD", "Qty", "RM", "Tax", "Visa", "Date:",
             "12/03/2018", "14:05", "Invoice", "No.", "SDN BHD", "Thank you", "MwSt", "Summe", "EUR", "$"]
    pages = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        width, height = int(rng.integers(480, 720)), int(rng.integers(640, 900))
        paper = int(rng.integers(170, 255))
        image = Image.new("L", (width, height), paper)
        draw = ImageDraw.Draw(image)
        font = ImageFont.load_default(size=int(rng.integers(12, 18)))
        y = int(rng.integers(10, 40))
        while y < height - 30:
            x = int(rng.integers(10, 60))
            for _ in range(int(rng.integers(1, 5))):
                word = str(rng.choice(words)) if rng.random() < 0.6 else f"{rng.integers(0, 999)}.{rng.integers(0, 99):02d}"
                draw.text((x, y), word, fill=int(rng.integers(0, paper // 3)), font=font)
                x += int(draw.textlength(word, font=font)) + int(rng.integers(8, 120))
                if x > width - 60:
                    break
            y += int(font.size * rng.uniform(1.3, 2.2))
        page = np.asarray(image).astype(np.float32) + rng.normal(0, rng.uniform(1, 8), (height, width))
        page = np.clip(page, 0, 255).astype(np.uint8)
        if rng.random() < 0.5:
            page = cv2.GaussianBlur(page, (3, 3), 0)
        pages.append(page)
    return pages


def _mean_pool_module():
    """``AdaptiveAvgPool2d((None, 1))`` as a plain mean, which ONNX exports with a dynamic width."""
    import torch

    class MeanOverHeight(torch.nn.Module):
        def forward(self, x):
            return x.mean(3, keepdim=True)

    return MeanOverHeight()


def _DetectorOnly(craft):
    import torch

    class DetectorOnly(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.craft = craft

        def forward(self, x):
            return self.craft(x)[0]

    return DetectorOnly()


def _RecogniserOnly(model):
    import copy

    import torch

    model = copy.deepcopy(model)
    model.AdaptiveAvgPool = _mean_pool_module()

    class RecogniserOnly(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, x):
            return self.model(x, None)

    return RecogniserOnly()


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Export EasyOCR's weights to ONNX (the OCR cache).")
    parser.add_argument("--cache-dir", default="var/ocr-cache")
    parser.add_argument("--model-dir", default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    model_dir = args.model_dir or default_model_dir()
    network_dir = tempfile.mkdtemp(prefix="receiptd-easyocr-")
    if not ensure_exported(args.cache_dir, model_dir, network_dir):
        print(f"{args.cache_dir}: already exported for these weights")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
