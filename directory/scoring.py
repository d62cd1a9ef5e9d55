"""Rubric scoring: pure functions from evidence to scores, always with a breakdown.

A criterion's score is the sum of the points of the distinct signals found for it, capped at
100. Reviews come from an aggregate rating shrunk toward the population mean (a Bayesian
average), or 20 points for on-site testimonials alone. Each red flag subtracts 25 from safety.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from directory.rubric import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    RED_FLAG_PENALTY,
    RUBRIC_VERSION,
    SIGNALS_BY_ID,
    TESTIMONIALS_ONLY_POINTS,
)
from directory.types import Evidence, Flag

# Reviews: a clinic with few reviews is pulled toward the population mean by this many
# pseudo-reviews, so "5.0 from 2 reviews" does not outrank "4.8 from 400".
PRIOR_REVIEWS = 10.0
DEFAULT_PRIOR_MEAN = 4.3


@dataclass(frozen=True)
class Contribution:
    """One line of a score breakdown: a signal, the points it earned and where it was said."""

    criterion: str
    signal: str
    points: float
    quote: str
    url: str


@dataclass
class ScoreCard:
    rubric_version: int
    criteria: dict[str, float]
    overall: float
    coverage: float
    breakdown: list[Contribution] = field(default_factory=list)
    red_flags: list[Flag] = field(default_factory=list)


def bayesian_rating(rating: float, count: int, prior_mean: float = DEFAULT_PRIOR_MEAN) -> float:
    """The rating shrunk toward `prior_mean` by PRIOR_REVIEWS pseudo-reviews."""
    count = max(0, count)
    return (PRIOR_REVIEWS * prior_mean + count * rating) / (PRIOR_REVIEWS + count)


def rating_points(rating: float, count: int, prior_mean: float = DEFAULT_PRIOR_MEAN) -> float:
    """A 1-5 star rating with its review count mapped to 0-100."""
    stars = min(5.0, max(1.0, bayesian_rating(rating, count, prior_mean)))
    return round((stars - 1.0) / 4.0 * 100.0, 1)


def overall_score(
    criteria: Mapping[str, float], weights: Mapping[str, float] = DEFAULT_WEIGHTS
) -> float:
    """The weighted mean of the six criterion scores."""
    total = sum(max(0.0, float(weights.get(c, 0.0))) for c in CRITERIA)
    if total <= 0:
        return 0.0
    return round(
        sum(criteria.get(c, 0.0) * max(0.0, float(weights.get(c, 0.0))) for c in CRITERIA) / total,
        1,
    )


def score(
    evidence: Iterable[Evidence],
    red_flags: Iterable[Flag] = (),
    *,
    rating: float | None = None,
    review_count: int | None = None,
    prior_mean: float = DEFAULT_PRIOR_MEAN,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
) -> ScoreCard:
    """Score one clinic (or one page) from its evidence; each signal counts once."""
    first: dict[str, Evidence] = {}
    for ev in evidence:
        if ev.signal in SIGNALS_BY_ID and ev.signal not in first:
            first[ev.signal] = ev
    breakdown: list[Contribution] = []
    totals = dict.fromkeys(CRITERIA, 0.0)
    for signal_id, ev in first.items():
        signal = SIGNALS_BY_ID[signal_id]
        points = float(signal.points)
        if signal_id == "aggregate_rating":
            if rating is None or not review_count:
                continue
            points = rating_points(rating, review_count, prior_mean)
        elif (
            signal_id == "testimonials"
            and "aggregate_rating" in first
            and rating is not None
            and review_count
        ):
            points = 0.0  # a rating supersedes testimonials; they still show as evidence
        breakdown.append(Contribution(signal.criterion, signal_id, points, ev.quote, ev.url))
        totals[signal.criterion] += points
    flags = _unique_flags(red_flags)
    for flag in flags:
        breakdown.append(
            Contribution(
                "safety", f"red_flag:{flag.flag}", -float(RED_FLAG_PENALTY), flag.quote, flag.url
            )
        )
    criteria = {c: min(100.0, totals[c]) for c in CRITERIA}
    if "testimonials" in first and criteria["reviews"] < TESTIMONIALS_ONLY_POINTS:
        criteria["reviews"] = float(TESTIMONIALS_ONLY_POINTS)
    criteria["safety"] = max(0.0, criteria["safety"] - RED_FLAG_PENALTY * len(flags))
    criteria = {c: round(v, 1) for c, v in criteria.items()}
    covered = {SIGNALS_BY_ID[s].criterion for s in first}
    return ScoreCard(
        rubric_version=RUBRIC_VERSION,
        criteria=criteria,
        overall=overall_score(criteria, weights),
        coverage=round(len(covered) / len(CRITERIA), 3),
        breakdown=breakdown,
        red_flags=flags,
    )


def _unique_flags(flags: Iterable[Flag]) -> list[Flag]:
    seen: dict[str, Flag] = {}
    for flag in flags:
        seen.setdefault(flag.flag, flag)
    return list(seen.values())
