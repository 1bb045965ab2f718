"""bench/peer_suites.py reads both peers' formats and scores ranges by midpoint or bounds (the suites
themselves are not shipped: these are items written here in their formats)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import peer_suites


def test_both_formats_scored_with_ranges_by_midpoint_or_bounds(tmp_path):
    quantulum = tmp_path / "quantities.json"
    quantulum.write_text(json.dumps([
        {"req": "I want a hundred and two of those", "res": [{"value": 102, "unit": "dimensionless",
                                                              "surface": "a hundred and two"}]},
        {"req": "Pour 3 to 4 L of wine", "res": [{"value": 3.5, "unit": "litre", "surface": "3 to 4 L",
                                                  "uncertainty": 0.5}]},
        {"req": "I sent some money", "res": []},
    ]), encoding="utf-8")
    recognizers = tmp_path / "CurrencyModel.json"
    recognizers.write_text(json.dumps([
        {"Input": "the fettuccine costs $ 8.50 .", "Results": [
            {"Text": "$ 8.50", "Resolution": {"value": "8.5", "unit": "Dollar"}}]},
        {"Input": "it rose 50 cents", "Results": [{"Text": "50 cents", "Resolution": {"value": "50", "unit": "Cent"}}]},
        {"Input": "convert to fahrenheit", "Results": [{"Text": "fahrenheit", "Resolution": {"value": None,
                                                                                           "unit": "F"}}]},
    ]), encoding="utf-8")
    expected = peer_suites.load(quantulum) + peer_suites.load(recognizers)
    assert [(e.suite, e.value, e.low, e.high) for e in expected] == [
        ("quantulum3", 102, None, None), ("quantulum3", 3.5, 3.0, 4.0),
        ("recognizers-text", 8.5, None, None), ("recognizers-text", 50, None, None)]
    tallies = peer_suites.score(expected)
    assert {key: (t.found, t.total) for key, t in tallies.items()} == {
        ("quantulum3", "quantities.json"): (2, 2), ("recognizers-text", "CurrencyModel.json"): (2, 2)}
