"""bench/text_cases.py: receipts given as text lines, scored per country."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import text_cases  # noqa: E402

_DINER = ["BLUE DOOR DINER", "12 Main St", "Austin, TX 78701", "09/01/2016 7:42 PM", "Pancakes || 8.99",
          "Coffee || 2.50", "Subtotal || 11.49", "Tax || 0.95", "Total || 12.44"]
_DISCOUNTED = ["REWE Markt GmbH", "Domstr. 20", "50668 Koeln", "BIO HACK 6,19 B", "BUTTER 1,99 B",
               "Mitarbeiterrabatt5% -0,41 B", "SUMME EUR 7,77", "24.03.2021 19:32"]
_BAECKER = ["Baeckerei Kamp", "Marktplatz 3", "48143 Muenster", "Brezel 0,80 A", "Kaffee 2,40 A", "SUMME EUR 3,20",
            "Bar 5,00", "Rueckgeld 1,80", "03.04.20 09:53"]


def test_text_cases_are_read_and_scored_per_country(tmp_path, capsys):
    cases = [{"id": "U1", "class": "own:diner#US", "lines": _DINER,
              "expect": {"total": "12.44", "date": "2016-09-01", "merchant": "Blue Door Diner", "items": 2}},
             {"id": "D1", "class": "own:baecker (DE)", "lines": _BAECKER,
              "expect": {"total": "3.20", "date": "2020-04-03", "merchant": "Kamp"}},
             {"id": "D2", "class": "own:baecker (DE)", "lines": _BAECKER, "expect": {"total": "9.99"}},
             {"id": "D3", "class": "own:rewe", "country": "DE", "lines": _DISCOUNTED,
              "expect": {"total": "7.77", "items": 2}}]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases))
    assert text_cases.main([str(path), "--misses"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if not line.startswith(" ")}
    assert rows["US"] == ["1/1", "1/1", "1/1", "1/1"]
    assert rows["DE"] == ["2/3", "1/1", "1/1", "1/1"]  # a discount is no article
    assert rows["all"] == ["3/4", "2/2", "2/2", "2/2"]
    assert "D2       total     expected='9.99' got='3.20'" in out
