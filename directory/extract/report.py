"""The `clinics extract` JSON object (SPEC section 7) and the per-page criterion scores."""

from __future__ import annotations

from typing import Any

from directory.rubric import CRITERIA, RED_FLAG_PENALTY, SIGNALS_BY_ID, TESTIMONIALS_ONLY_POINTS
from directory.types import PageExtraction

# Reviews: a Bayesian average pulls a rating with few reviews toward the population mean.
RATING_PRIOR_MEAN = 4.3
RATING_PRIOR_WEIGHT = 10  # reviews' worth of prior


def reviews_score(rating: float | None, review_count: int | None, testimonials: bool) -> int:
    """0-100 from a rating and its review count; on-site testimonials alone count 20."""
    if rating is not None and review_count:
        n = max(0, review_count)
        shrunk = (RATING_PRIOR_WEIGHT * RATING_PRIOR_MEAN + n * rating) / (RATING_PRIOR_WEIGHT + n)
        return round(min(100.0, max(0.0, (shrunk - 1.0) / 4.0 * 100.0)))
    return TESTIMONIALS_ONLY_POINTS if testimonials else 0


def criterion_scores(pe: PageExtraction) -> dict[str, int]:
    """Per criterion: the points of the signals found (capped at 100); reviews from the
    rating; safety minus the red-flag penalty (floored at 0)."""
    found = {e.signal for e in pe.evidence}
    scores: dict[str, int] = {}
    for criterion in CRITERIA:
        points = sum(
            SIGNALS_BY_ID[s].points
            for s in found
            if s in SIGNALS_BY_ID and SIGNALS_BY_ID[s].criterion == criterion
        )
        scores[criterion] = min(100, points)
    scores["reviews"] = reviews_score(
        pe.facts.rating, pe.facts.review_count, "testimonials" in found
    )
    scores["safety"] = max(0, scores["safety"] - RED_FLAG_PENALTY * len(pe.red_flags))
    return scores


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
