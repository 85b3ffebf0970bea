#!/usr/bin/env python3
"""OCR + extraction speed: receiptd's stage against bare ``easyocr.Reader.readtext()``,
side by side in one run, each variant a whole process (model load included).

    .venv/bin/python bench/ocr_speed.py [FOLDER] --images 12 [--against DIR]

FOLDER is laid out like ../shared/datasets/receipts-dev (images/ + labels/). Both variants
read the same images; both results go through the same extraction and scoring
(bench/accuracy.py), so the table also shows that speed costs no field accuracy.
``--against DIR`` adds a third variant: receiptd's stage as another source tree has it (an
earlier commit, e.g. ``git archive <commit> | tar -x -C DIR`` with ``DIR/var`` linked to this
tree's ``var``, so that it loads the same ONNX cache), for before/after in one run.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_FOLDER = ROOT.parent / "shared" / "datasets" / "receipts-dev"


def child_bare(images: list[Path]) -> None:
    """EasyOCR as its README shows it: default Reader, default readtext, one image at a time."""
    from parse.ocr import group_lines, _word
    from parse.onnx_models import import_easyocr
    from parse.extract import extract_receipt
    import easyocr_en_models
    import tempfile

    started = time.perf_counter()
    easyocr = import_easyocr()
    reader = easyocr.Reader(["en"], gpu=False, model_storage_directory=str(easyocr_en_models.model_dir()),
                            user_network_directory=tempfile.mkdtemp(), download_enabled=False, verbose=False)
    emit({"load": time.perf_counter() - started})
    for path in images:
        t = time.perf_counter()
        results = reader.readtext(str(path))
        seconds = time.perf_counter() - t
        words = [_word(points, text, conf) for points, text, conf in results if text.strip()]
        emit({"image": path.name, "seconds": seconds, "receipt": as_dict(extract_receipt(group_lines(words)))})


def child_receiptd(images: list[Path]) -> None:
    """The daemon's own stage: Pipeline.read (OCR) + Pipeline.understand (extraction, redaction)."""
    from ingest.pipeline import Pipeline
    from parse.images import sniff
    from parse.types import Candidate
    from receiptd.config import Config

    started = time.perf_counter()
    pipeline = Pipeline(Config())
    pipeline.engine  # noqa: B018 - load the model now, as the worker does
    emit({"load": time.perf_counter() - started})
    for path in images:
        data = path.read_bytes()
        candidate = Candidate(position=0, kind="image", media_type=sniff(data), data=data)
        t = time.perf_counter()
        result = pipeline.understand(candidate, pipeline.read(candidate))
        emit({"image": path.name, "seconds": time.perf_counter() - t, "receipt": as_dict(result.receipt)})


def as_dict(receipt) -> dict:
    return {"total": str(receipt.total) if receipt.total is not None else None,
            "date": receipt.date.isoformat() if receipt.date else None, "merchant": receipt.merchant}


def emit(record: dict) -> None:
    print("BENCH " + json.dumps(record), flush=True)


def run_variant(name: str, images: list[Path], root: Path = ROOT) -> dict:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(root / "bench" / Path(__file__).name), "--child", name,
                           *map(str, images)], capture_output=True, text=True, cwd=root)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed:\n{proc.stderr[-3000:]}")
    records = [json.loads(line[6:]) for line in proc.stdout.splitlines() if line.startswith("BENCH ")]
    return {"wall": wall, "load": records[0]["load"], "per_image": records[1:-1], "peak_mb": records[-1]["peak_mb"]}


def score(records: list[dict], folder: Path) -> dict[str, float]:
    import datetime as dt

    from accuracy import score as score_fields
    from parse.types import Receipt
    from decimal import Decimal

    hits = {"total": 0, "date": 0, "merchant": 0}
    for record in records:
        label = json.loads((folder / "labels" / f"{Path(record['image']).stem}.json").read_text())
        r = record["receipt"]
        receipt = Receipt(merchant=r["merchant"], total=Decimal(r["total"]) if r["total"] else None,
                          date=dt.date.fromisoformat(r["date"]) if r["date"] else None)
        for field, (ok, _, _) in score_fields(receipt, label).items():
            if field in hits:  # the table's fields; accuracy.py also scores the address
                hits[field] += ok
    return {field: 100 * count / len(records) for field, count in hits.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--images", type=int, default=12, help="how many images (evenly spread over the folder)")
    parser.add_argument("--against", type=Path, help="another source tree whose receiptd stage runs too")
    parser.add_argument("--child", choices=["bare", "receiptd"], help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        # in a child, argparse puts the first image path into ``folder``
        {"bare": child_bare, "receiptd": child_receiptd}[args.child]([args.folder, *args.paths])
        emit({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})  # this process's own peak
        return

    # The ONNX export (and int8 detector) is an install step, made once per weights; do it before
    # timing so that the receiptd variant's load is what every later worker start costs.
    subprocess.run([sys.executable, "-m", "parse.onnx_export"], cwd=ROOT, check=True)
    every = sorted((args.folder / "images").iterdir())
    step = max(1, len(every) // args.images)
    images = every[::step][: args.images]
    print(f"{len(images)} images from {args.folder}, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at start; each variant is one whole process")
    results = {}
    for name in ("bare", "receiptd"):
        results[name] = run_variant(name, images)  # peak RSS: each child reports its own ru_maxrss
    labels = {"bare": "bare EasyOCR readtext (defaults)", "receiptd": "receiptd OCR + extraction stage"}
    if args.against:
        results["against"] = run_variant("receiptd", images, args.against.resolve())
        labels["against"] = f"the same stage in {args.against.name}"[:34]
    print(f"| {'variant':<34} | load s | median s/receipt | process wall s | peak RSS MB | total % | date % | merchant % |")
    print(f"|{'-' * 36}|--------|------------------|----------------|-------------|---------|--------|------------|")
    for name, result in results.items():
        median = statistics.median(r["seconds"] for r in result["per_image"])
        acc = score(result["per_image"], args.folder)
        print(f"| {labels[name]:<34} | {result['load']:6.1f} | {median:16.2f} | {result['wall']:14.1f} | "
              f"{result['peak_mb']:11.0f} | {acc['total']:7.1f} | {acc['date']:6.1f} | {acc['merchant']:10.1f} |")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    bare, ours = results["bare"], results["receiptd"]
    median_ratio = statistics.median(r["seconds"] for r in bare["per_image"]) / statistics.median(
        r["seconds"] for r in ours["per_image"])
    print(f"speed-up (whole process wall): {bare['wall'] / ours['wall']:.2f}x; median per receipt: {median_ratio:.2f}x")
    if args.against:
        same = sum(a["receipt"] == b["receipt"] for a, b in zip(ours["per_image"], results["against"]["per_image"]))
        print(f"receipts read the same as in {args.against}: {same} of {len(images)}")


if __name__ == "__main__":
    main()
