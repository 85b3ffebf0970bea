"""Real receipts as worse phone photos: a labelled set's photos tilted on a table, for bench/accuracy.py.

    .venv/bin/python bench/worse_photos.py ../shared/datasets/receipts-dev2 /tmp/dev2-tilted --split tune
    .venv/bin/python bench/worse_photos.py ../shared/datasets/receipts-dev2 /tmp/dev2-level --split tune --level
    .venv/bin/python bench/accuracy.py /tmp/dev2-tilted --ocr-cache /tmp/ocr-dev2-tilted

Panelists photograph receipts at an angle, on a table. This writes each photo of ``SRC`` (not its
PDFs) turned by 3 to 7 degrees either way (``--angles``) on a canvas grown to hold it, the corners
the colour of a table, JPEG'd again, beside the receipt's label, so that the real receipts'
layouts and print are read as such photos. ``--level`` turns each photo back after turning it:
the same resampling, the same canvas and JPEG, no tilt; the two sets side by side say what the
tilt itself costs and what the resampling does. Everything comes from one seed. The images are
copies of ``SRC``'s: keep them outside the repository, like the set itself.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import in_split  # noqa: E402  (bench/ is no package)

JPEG_QUALITY = 88


def worse(image: Image.Image, rng: random.Random, angles: tuple[float, float], level: bool) -> Image.Image:
    """``image`` turned by an angle from ``angles`` (either way) on a table-coloured canvas; with
    ``level`` turned back on that canvas."""
    angle = rng.uniform(*angles) * rng.choice((-1, 1))
    table = tuple(rng.randint(60, 140) for _ in range(3))
    turned = ImageOps.exif_transpose(image).convert("RGB").rotate(angle, resample=Image.BICUBIC, expand=True,
                                                                  fillcolor=table)
    return turned.rotate(-angle, resample=Image.BICUBIC, fillcolor=table) if level else turned


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="a folder laid out like receipts-dev (images/, labels/)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", choices=("all", "tune", "test"), default="all")
    parser.add_argument("--angles", type=float, nargs=2, default=(3.0, 7.0), metavar=("FROM", "TO"))
    parser.add_argument("--level", action="store_true", help="turn each photo back: the resampling alone")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    (args.out / "images").mkdir(parents=True, exist_ok=True)
    (args.out / "labels").mkdir(exist_ok=True)
    written = 0
    for path in sorted((args.src / "images").glob("*")):
        if path.suffix.lower() not in (".jpg", ".jpeg", ".png") or not in_split(path.stem, args.split):
            continue
        with Image.open(path) as image:
            worse(image, rng, tuple(args.angles), args.level).save(args.out / "images" / f"{path.stem}.jpg",
                                                                   quality=JPEG_QUALITY)
        label = args.src / "labels" / f"{path.stem}.json"
        (args.out / "labels" / label.name).write_text(label.read_text())
        written += 1
    print(f"{written} photos written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
