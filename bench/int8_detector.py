#!/usr/bin/env python3
"""The int8 text detector against the float one on real scans: text-mask overlap and time.

    .venv/bin/python bench/int8_detector.py [FOLDER] --images 12 [--full-range]

Uses the set-up's export (var/ocr-cache: the float detector and the int8 one the daemon runs).
With --full-range, the same float model is also quantised with 8-bit weights (the recipe before
7-bit weights) into a temporary folder and measured in the same run. Each scan is scaled to
--side pixels (longest side), as the detector sees a receipt. IoU: overlap of the text masks
(region score > 0.4) of the float and the int8 detector; 1.0 is the same text found.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parse import onnx_export, onnx_models  # noqa: E402
from parse.ocr import prepare_image  # noqa: E402
from parse.ocr_core import detector_input  # noqa: E402

DEFAULT_FOLDER = ROOT.parent / "shared" / "datasets" / "receipts-dev"


def timed_iou(float_session, int8_session, grey) -> tuple[float, float, float]:
    """IoU, then the float and the int8 detector's seconds on this page."""
    x = {"image": detector_input(grey, 1.0)}
    seconds = []
    for session in (float_session, int8_session):
        started = time.perf_counter()
        session.run(None, x)
        seconds.append(time.perf_counter() - started)
    return onnx_export.text_mask_iou(float_session, int8_session, grey), seconds[0], seconds[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT_FOLDER)
    parser.add_argument("--images", type=int, default=12)
    parser.add_argument("--side", type=int, default=900)
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "ocr-cache")
    parser.add_argument("--full-range", action="store_true", help="also measure 8-bit weights (the old recipe)")
    args = parser.parse_args(argv)

    providers = ["CPUExecutionProvider"]
    float_session = ort.InferenceSession(str(args.cache / onnx_models.DETECTOR_ONNX), providers=providers)
    variants = {"int8, 7-bit weights (shipped)": ort.InferenceSession(
        str(args.cache / onnx_models.DETECTOR_INT8), providers=providers)}
    if args.full_range:
        folder = Path(tempfile.mkdtemp())
        onnx_export.quantize_model(args.cache / onnx_models.DETECTOR_ONNX, folder / "full.onnx", reduce_range=False)
        variants["int8, 8-bit weights"] = ort.InferenceSession(str(folder / "full.onnx"), providers=providers)

    images = sorted((args.folder / "images").glob("*"))[: args.images]
    pages = [np.asarray(prepare_image(Image.open(path), args.side).convert("L")) for path in images]
    print(f"{len(pages)} scans of {args.folder.name} at {args.side} px; CPU flags: {cpu_flags()}")
    print(f"\n| {'detector':<30} | median IoU | min IoU | scans IoU < 0.9 | median s | float median s |")
    print(f"|{'-' * 32}|------------|---------|-----------------|----------|---------------|")
    for name, session in variants.items():
        rows = [timed_iou(float_session, session, page) for page in pages]
        ious = [r[0] for r in rows]
        print(f"| {name:<30} | {statistics.median(ious):>10.3f} | {min(ious):>7.3f} | "
              f"{sum(i < 0.9 for i in ious):>15} | {statistics.median(r[2] for r in rows):>8.3f} | "
              f"{statistics.median(r[1] for r in rows):>13.3f} |")
    return 0


def cpu_flags() -> str:
    try:
        flags = next(line for line in open("/proc/cpuinfo") if line.startswith("flags")).split()
    except (OSError, StopIteration):
        return "unknown"
    return ", ".join(f for f in ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8") if f in flags) or "none"


if __name__ == "__main__":
    raise SystemExit(main())
