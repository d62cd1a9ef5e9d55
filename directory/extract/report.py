"""The `clinics extract` JSON object (SPEC section 7) and the per-page criterion scores."""

from __future__ import annotations

from typing import Any

from directory.rubric import CRITERIA
from directory.scoring import score
from directory.types import PageExtraction


def criterion_scores(pe: PageExtraction) -> dict[str, int]:
    """Per criterion 0-100, by the rubric's formulas in `directory.scoring` (signal points
    capped at 100; reviews from the Bayesian-averaged rating or 20 for testimonials alone;
    safety minus 25 per red flag)."""
    card = score(
        pe.evidence, pe.red_flags, rating=pe.facts.rating, review_count=pe.facts.review_count
    )
    return {c: round(card.criteria.get(c, 0.0)) for c in CRITERIA}


_FIRST_FACTS = ("routes", "price_min_usd", "price_max_usd", "insurance", "financing", "ptsd")


def extraction_json(pe: PageExtraction) -> dict[str, Any]:
    """{"url", "facts", "criteria": {criterion: {"score", "evidence"}}, "red_flags"}."""
    facts = pe.facts.to_dict()
    facts["routes"] = sorted(facts.get("routes") or [])
    ordered = {k: facts[k] for k in _FIRST_FACTS}
    ordered.update((k, v) for k, v in facts.items() if k not in ordered)
    scores = criterion_scores(pe)
    criteria = {
        c: {
            "score": scores[c],
            "evidence": [
                {"signal": e.signal, "quote": e.quote} for e in pe.evidence if e.criterion == c
            ],
        }
        for c in CRITERIA
    }
    return {
        "url": pe.url,
        "facts": ordered,
        "criteria": criteria,
        "red_flags": [{"flag": f.flag, "quote": f.quote} for f in pe.red_flags],
    }
