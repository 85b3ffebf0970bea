"""Long receipts photographed whole: does the OCR input bound keep their text readable?

A phone photo of a long receipt is a narrow band of a tall frame. This sets each of N dev
receipts in a grey frame FRAME times its height (the receipt unchanged in the middle) and
reads them with the OCR engine under two bounds: the longest side only (``max_side``, the
pre-2026-12 default of 2000) and the area (``max_pixels``, the default now). Prints a table.

    .venv/bin/python bench/long_receipts.py --images 12 --frame 3
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from accuracy import FIELDS, score  # noqa: E402
from parse.extract import extract_receipt  # noqa: E402
from parse.ocr import OcrEngine, OcrSettings  # noqa: E402

SETTINGS = {
    "longest side 2000 (old default)": OcrSettings(max_side=2000, max_pixels=10**9),
    "area 8 Mpx, side 6000 (default)": OcrSettings(),
}


def framed(path: Path, frame: int) -> Image.Image:
    with Image.open(path) as image:
        receipt = image.convert("RGB")
    canvas = Image.new("RGB", (receipt.width, receipt.height * frame), (200, 200, 200))
    canvas.paste(receipt, (0, receipt.height * (frame - 1) // 2))
    return canvas


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("/work/shared/datasets/receipts-dev"))
    parser.add_argument("--images", type=int, default=12, help="every k-th image of the folder, this many")
    parser.add_argument("--frame", type=int, default=3, help="frame height / receipt height")
    args = parser.parse_args()

    paths = sorted((args.folder / "images").glob("*"))
    paths = paths[::max(1, len(paths) // args.images)][:args.images]
    labels = [json.loads((args.folder / "labels" / f"{p.stem}.json").read_text()) for p in paths]
    print(f"{'bound':<34} " + " ".join(f"{f:>9}" for f in FIELDS) + f" {'median s':>9}")
    for name, settings in SETTINGS.items():
        engine = OcrEngine(settings)
        hits = dict.fromkeys(FIELDS, 0)
        seconds = []
        for path, label in zip(paths, labels):
            image = framed(path, args.frame)
            started = time.monotonic()
            receipt = extract_receipt(engine.read(image))
            seconds.append(time.monotonic() - started)
            for field, (ok, _, _) in score(receipt, label).items():
                if field in hits:
                    hits[field] += ok
        print(f"{name:<34} " + " ".join(f"{hits[f]:>4} / {len(paths):<2}" for f in FIELDS)
              + f" {statistics.median(seconds):>9.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
