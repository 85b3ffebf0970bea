"""Build ``nsi-brands.json.gz`` and ``SOURCE.md`` from the name-suggestion-index npm package.

    .venv/bin/python -m parse.brands.build name-suggestion-index-X.Y.Z.tgz \\
        --country-coder rapideditor-country-coder-A.B.C.tgz --words pyspellchecker-D.E.F-py3-none-any.whl

Each argument takes the downloaded package file (``npm pack NAME``, ``pip download --no-deps NAME``)
or its unpacked folder. Nothing is downloaded here, and nothing at run time.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

from .common_words import COMMON_TOP, LANGUAGES, NEAR_TOP, WORD_FILES, common_names, frequent_words, near_names
from .directory import DATA_FILE, PRIMARY_TAGS, Directory
from .match import edits_allowed
from .nsi import AMAZON_BRANDS, AMAZON_OPERATOR, KEPT_TRADES, brand_rows, check_amazon
from .packages import Package, wheel_version
from .regions import Resolver

HERE = Path(__file__).parent
SOURCE_FILE = HERE / "SOURCE.md"
NSI_FILES = ("package.json", "LICENSE.md", "dist/json/nsi.json", "dist/json/featureCollection.json")
COUNTRY_CODER_FILES = ("package.json", "LICENSE.md", "src/data/borders.json")


def write_data(document: dict) -> int:
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    with open(HERE / DATA_FILE, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(payload)
    return (HERE / DATA_FILE).stat().st_size


def source_text(document: dict, nsi: Package, country_coder: Package, words: Package, words_licence: str) -> str:
    rows = document["brands"]
    unresolved = sum(1 for row in rows if not row[3])
    trades = "; ".join(f"{key}: {', '.join(sorted(values))}" for key, values in KEPT_TRADES.items() if values)
    return f"""# Brand directory: where `{DATA_FILE}` comes from

| | |
| --- | --- |
| brands | npm `name-suggestion-index` {nsi.json("package.json")["version"]} (BSD-3-Clause), https://github.com/osmlab/name-suggestion-index; `dist/json/nsi.json`, `dist/json/featureCollection.json` |
| its tarball's sha256 | `{nsi.sha256}` |
| location codes resolved with | npm `@rapideditor/country-coder` {country_coder.json("package.json")["version"]} (ISC), `src/data/borders.json`; sha256 `{country_coder.sha256}` |
| ordinary words told with | PyPI `pyspellchecker` {wheel_version(words.path)} (MIT), word frequency lists {", ".join(LANGUAGES)}; sha256 `{words.sha256}` |
| brands kept | {len(rows):,} (NSI items of one brand name and Wikidata id merged; {unresolved} without a resolvable country) |
| names that are ordinary words | {len(document["common_names"]):,} (among the {COMMON_TOP[0]:,} most frequent English words or {COMMON_TOP[1]:,} of another language's) |
| ordinary words an OCR slip away from a name | {len(document["near_common"]):,} (among the {NEAR_TOP[0]:,} / {NEAR_TOP[1]:,} most frequent) |
| Amazon's brands | {", ".join(f"{name} ({qid})" for qid, name in AMAZON_BRANDS.items())}, and any item operated by {AMAZON_OPERATOR} |

Kept: NSI's `brands/` tree for every `shop=*`, and the `amenity`, `tourism` and `leisure` values
receipts come from ({trades}). Each row: canonical name (the `brand` tag, else the display name),
`brand:wikidata`, its OSM tags (filed under the first of {", ".join(PRIMARY_TAGS)}, else under
the tag of the item named just the brand, else the alphabetically first), countries (ISO 3166-1 alpha-2; `001` = worldwide), countries excluded, whether
Amazon owns it, the names it goes by (`name`, `brand`, their language variants, `official_name`,
the display name) and weaker aliases (`matchNames`, `short_name`, `alt_name`). `common_names`: the
folded one-word names that are frequent words; `near_common`: frequent words that the fuzzy match
must not take for a garbled name. Only these are shipped, not the word lists.

## Refresh

```sh
(cd /tmp && npm pack name-suggestion-index @rapideditor/country-coder)
.venv/bin/pip download --no-deps -d /tmp pyspellchecker
.venv/bin/python -m parse.brands.build /tmp/name-suggestion-index-*.tgz \\
    --country-coder /tmp/rapideditor-country-coder-*.tgz --words /tmp/pyspellchecker-*.whl
.venv/bin/python -m pytest tests/test_brands.py -q
```

## name-suggestion-index licence

{_demoted(nsi.text("LICENSE.md"))}

## country-coder licence (build time only; none of its data is shipped)

{_demoted(country_coder.text("LICENSE.md"))}

## pyspellchecker licence (build time only; none of its data is shipped)

{_demoted(words.text(words_licence))}
"""


def _demoted(licence: str) -> str:
    """A licence text whose own headings sit below this file's."""
    return re.sub(r"^(#+) ", r"#\1 ", licence.strip(), flags=re.MULTILINE)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nsi", type=Path, help="name-suggestion-index tarball or unpacked folder")
    parser.add_argument("--country-coder", type=Path, required=True,
                        help="@rapideditor/country-coder tarball or unpacked folder")
    parser.add_argument("--words", type=Path, required=True, help="pyspellchecker wheel or unpacked folder")
    args = parser.parse_args(argv)
    nsi = Package.open(args.nsi, NSI_FILES)
    country_coder = Package.open(args.country_coder, COUNTRY_CODER_FILES)
    licence = f"pyspellchecker-{wheel_version(args.words)}.dist-info/licenses/LICENSE"
    words = Package.open(args.words, (*WORD_FILES, licence))
    resolver = Resolver(country_coder.json("src/data/borders.json"), nsi.json("dist/json/featureCollection.json"))
    rows = brand_rows(nsi.json("dist/json/nsi.json"), resolver)
    check_amazon(rows)
    common = common_names(rows, frequent_words(words.files, COMMON_TOP))
    near = near_names(Directory(rows, common), frequent_words(words.files, NEAR_TOP), edits_allowed)
    document = {
        "source": {"name-suggestion-index": nsi.json("package.json")["version"]},
        "columns": ["name", "wikidata", "tags", "countries", "excluded", "amazon", "names", "aliases"],
        "brands": rows,
        "common_names": common,
        "near_common": near,
    }
    size = write_data(document)
    SOURCE_FILE.write_text(source_text(document, nsi, country_coder, words, licence))
    print(f"{len(rows):,} brands from name-suggestion-index {document['source']['name-suggestion-index']}; "
          f"{len(common):,} names are ordinary words, {len(near):,} words near names; {DATA_FILE}: {size:,} bytes")


if __name__ == "__main__":
    main()
