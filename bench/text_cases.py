"""Extraction accuracy on receipts given as text: OCR output or e-receipt text layers that others kept.

    python bench/text_cases.py CASES.json [CASES.json ...] [--misses]

Each CASES.json is a list of ``{"id", "class", "lines": [...], "expect": {...}}``: ``lines`` the receipt's text
lines top to bottom (a row printed as two boxes split by ``||``), ``expect`` any of ``total`` (``"12.34"``),
``date`` (ISO), ``merchant`` (as a shopper names the shop) and ``items`` (the number of articles). A case's
country is its ``country`` field, else the two capitals closing its ``class`` after ``#`` or in brackets
(``repo:path#CA``, ``repo:path (DE)``). The lines go to ``parse.extract`` as the recogniser's would (stacked boxes,
confidence 0.8); no image, so no second look. Scores: total and date exact, merchant as ``bench/accuracy.py``'s
``merchant~`` (the name or its brand, or one contained in the other), items the count of articles (a discount or a
bottle deposit handed back is an item of its own below zero, no article). Prints a table per country
and for all; ``--misses`` lists what was missed. The cases hold other people's receipts: keep them outside the
repository.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import merchant_named  # noqa: E402
from parse.extract import extract_receipt  # noqa: E402
from parse.ocr import group_lines  # noqa: E402
from parse.types import OcrLine, Receipt  # noqa: E402

FIELDS = ("total", "date", "merchant", "items")
_COUNTRY_RE = re.compile(r"(?:#|\()\s*([A-Z]{2})\)?\s*$")
ROW_HEIGHT, CHAR_WIDTH, BOX_GAP = 30, 12, 120  # pixels of the stacked boxes


def ocr_lines(rows: list[str]) -> list[OcrLine]:
    """The rows as the recogniser's boxes, top to bottom; a row's parts split at ``||`` left to right."""
    boxes = []
    for index, row in enumerate(rows):
        left = 10
        for part in (part.strip() for part in row.split("||")):
            if part:
                width = CHAR_WIDTH * len(part)
                boxes.append(OcrLine(part, box=(left, ROW_HEIGHT * index, left + width, ROW_HEIGHT * index + 24),
                                     confidence=0.8))
                left += width + BOX_GAP
    return group_lines(boxes)


def country_of(case: dict) -> str:
    match = _COUNTRY_RE.search(case.get("class", ""))
    return case.get("country") or (match[1] if match else "?")


def scored(receipt: Receipt, expect: dict) -> dict[str, tuple[bool, str]]:
    """Each labelled field: right or not, and what was read."""
    got = {"total": receipt.total, "date": receipt.date.isoformat() if receipt.date else None,
           "merchant": receipt.merchant, "items": sum(item.amount >= 0 for item in receipt.items)}
    results = {}
    for field in FIELDS:
        if field not in expect:
            continue
        if field == "total":
            right = receipt.total is not None and receipt.total == Decimal(str(expect["total"]))
        elif field == "merchant":
            right = merchant_named(expect["merchant"], receipt.merchant) \
                or merchant_named(expect["merchant"], receipt.merchant_raw)
        elif field == "items":
            right = got["items"] == int(expect["items"])
        else:
            right = got[field] == expect[field]
        results[field] = (right, str(got[field]))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", type=Path, nargs="+")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args(argv)
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: {field: [0, 0] for field in FIELDS})
    for path in args.cases:
        for case in json.loads(path.read_text()):
            receipt = extract_receipt(ocr_lines([row if isinstance(row, str) else row[0] for row in case["lines"]]))
            for field, (right, got) in scored(receipt, case.get("expect", {})).items():
                for country in (country_of(case), "all"):
                    tally[country][field][0] += right
                    tally[country][field][1] += 1
                if not right and args.misses:
                    print(f"  {path.parent.name}/{case['id']:<8} {field:<9} expected={case['expect'][field]!r} "
                          f"got={got!r}")
    print(f"{'country':<8}" + "".join(f"{field:>14}" for field in FIELDS))
    for country in sorted(tally, key=lambda c: (c == "all", c)):
        print(f"{country:<8}" + "".join(f"{f'{right}/{n}':>14}" if n else f"{'-':>14}"
                                        for right, n in (tally[country][field] for field in FIELDS)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
