"""Regression floors on the blind set (tests/fixtures/blind): original pages written, and
labelled by the realpages rubric, by an author who never saw the extractor.

Figures before the extractor was ever run on it (the honest generalization estimate):
macro-F1 0.90, personalization 0.75, routes F1 0.91, price 0.53, insurance 0.83. Error
classes it revealed were then fixed with general rules (docs/extraction.md); the floors
below guard what was reached, a little below it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from directory.extract import extract_page, extraction_json
from directory.rubric import CRITERIA
from tests.test_extract_realpages import _f1, to_html

BLIND = Path(__file__).resolve().parent / "fixtures" / "blind"
MACRO_F1_FLOOR = 0.92  # reached 0.95
ROUTES_F1_FLOOR = 0.93  # reached 0.96
PRICE_ACCURACY_FLOOR = 0.90  # reached 1.00 (14/14)


def _load(name: str) -> list[dict[str, Any]]:
    return [
        json.loads(ln)
        for ln in (BLIND / name).read_text(encoding="utf-8").splitlines()
        if ln.strip()
    ]


@pytest.fixture(scope="module")
def results() -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    labels = {d["id"]: d for d in _load("labels.jsonl")}
    return [
        (
            p,
            labels[p["id"]],
            extraction_json(extract_page(p["url"], to_html(p["url"], p["text"]).encode())),
        )
        for p in _load("pages.jsonl")
    ]


def test_blind_quotes_are_page_text(results):
    for page, _label, out in results:
        text = " ".join(page["text"].split())
        for criterion in CRITERIA:
            for ev in out["criteria"][criterion]["evidence"]:
                assert " ".join(ev["quote"].split()) in text, (page["id"], ev)


def test_blind_floors(results):
    f1s = []
    for criterion in CRITERIA:
        tp = fp = fn = 0
        for _page, label, out in results:
            pred, gold = (
                bool(out["criteria"][criterion]["evidence"]),
                label["criteria"][criterion] is not None,
            )
            tp, fp, fn = tp + (pred and gold), fp + (pred and not gold), fn + (gold and not pred)
        f1s.append(_f1(tp, fp, fn))
    assert sum(f1s) / len(f1s) >= MACRO_F1_FLOOR, f1s
    tp = fp = fn = 0
    priced = ok = 0
    for _page, label, out in results:
        got, want = set(out["facts"]["routes"]), set(label["routes"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        xp = (out["facts"]["price_min_usd"], out["facts"]["price_max_usd"])
        lp = (label["price_min_usd"], label["price_max_usd"])
        if xp != (None, None) or lp != (None, None):
            priced += 1
            ok += all(
                a is not None and b is not None and abs(a - b) <= 1
                for a, b in zip(xp, lp, strict=True)
            )
    assert _f1(tp, fp, fn) >= ROUTES_F1_FLOOR
    assert ok / priced >= PRICE_ACCURACY_FLOOR, (ok, priced)
