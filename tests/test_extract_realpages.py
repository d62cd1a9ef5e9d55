"""Regression guard on the hand-labelled real clinic pages (`../shared/realpages`).

The pages are third-party text, so they are read from their folder at test time and never
copied here; the test skips when the folder is absent. It checks that every quote is page
text, and that extraction (rules and the shipped model) stays above floors taken from the
site-grouped 5-fold cross-validated figures `make train` printed for the shipped model. The
model was trained on these pages, so what it reaches here is higher than those figures: the
floors guard against regressions; the honest estimate is the cross-validated one
(docs/extraction.md).
"""

from __future__ import annotations

import pytest

from directory.extract.model import default_model
from directory.rubric import CRITERIA
from learn import corpus
from learn.dataset import build_all
from learn.evaluation import Tally, measure

pytestmark = pytest.mark.skipif(
    not (corpus.REALPAGES / "pages.jsonl").is_file(),
    reason=f"real pages not found in {corpus.REALPAGES} (set CLINICS_REALPAGES to their folder)",
)

# Cross-validated figures of the shipped model (make train); the floors sit a little below.
CV_MACRO_F1 = 0.84
CV_CRITERION_F1 = {
    "expertise": 0.79,
    "holistic": 0.91,
    "safety": 0.87,
    "cost": 0.91,
    "reviews": 0.80,
    "personalization": 0.79,
}
CV_ROUTES_F1 = 0.90
CV_INSURANCE = 0.86
CV_PTSD_F1 = 0.98
MARGIN = 0.02


@pytest.fixture(scope="module")
def tally() -> Tally:
    return measure(default_model(), build_all(corpus.real_pages()))


def test_quotes_are_page_text(tally: Tally) -> None:
    assert tally.pages == 259
    assert tally.bad_quotes == 0


def test_criteria_floors(tally: Tally) -> None:
    figures = tally.figures()
    assert figures["macro_f1"] >= CV_MACRO_F1 - MARGIN, figures
    for c in CRITERIA:
        assert figures[f"f1_{c}"] >= CV_CRITERION_F1[c] - MARGIN, (c, figures)


def test_fact_floors(tally: Tally) -> None:
    figures = tally.figures()
    assert figures["routes_f1"] >= CV_ROUTES_F1 - MARGIN, figures
    assert figures["insurance_acc"] >= CV_INSURANCE - MARGIN, figures
    assert figures["ptsd_f1"] >= CV_PTSD_F1 - MARGIN, figures
    assert figures["price_acc"] >= 0.75 and figures["financing_acc"] >= 0.99, figures
