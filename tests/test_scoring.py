import pytest

from directory.rubric import CRITERIA, DEFAULT_WEIGHTS, SIGNALS, signals_for
from directory.scoring import bayesian_rating, overall_score, rating_points, score
from directory.types import Evidence, Flag


def ev(signal: str) -> Evidence:
    criterion = next(s.criterion for s in SIGNALS if s.id == signal)
    return Evidence(criterion, signal, f"quote for {signal}", "http://c.test/")


def test_points_add_up_per_criterion_and_cap_at_100():
    card = score([ev(s.id) for s in signals_for("expertise")])
    assert card.criteria["expertise"] == 100  # 30+25+20+15+10
    card = score([ev("physician_led"), ev("board_certified")])
    assert card.criteria["expertise"] == 55


def test_each_signal_counts_once():
    card = score([ev("screening"), ev("screening")])
    assert card.criteria["safety"] == 25
    assert len(card.breakdown) == 1


def test_breakdown_carries_quote_and_url():
    card = score([ev("session_price")])
    (line,) = card.breakdown
    assert (line.criterion, line.signal, line.points, line.url) == (
        "cost",
        "session_price",
        40,
        "http://c.test/",
    )
    assert line.quote == "quote for session_price"


def test_red_flags_subtract_25_each_and_floor_at_zero():
    flags = [Flag("guarantee_claim", "q", "u"), Flag("at_home_iv", "q", "u")]
    card = score([ev("screening"), ev("vitals_monitoring"), ev("contraindications")], flags)
    assert card.criteria["safety"] == 70 - 50
    card = score([ev("screening")], flags)
    assert card.criteria["safety"] == 0
    assert [c.signal for c in card.breakdown if c.points < 0] == [
        "red_flag:guarantee_claim",
        "red_flag:at_home_iv",
    ]


def test_testimonials_alone_count_20():
    assert score([ev("testimonials")]).criteria["reviews"] == 20


def test_bayesian_rating_shrinks_few_reviews():
    assert bayesian_rating(5.0, 2, 4.3) < bayesian_rating(4.8, 400, 4.3)
    assert rating_points(5.0, 10_000) == pytest.approx(100, abs=0.5)
    assert rating_points(1.0, 10_000) == pytest.approx(0, abs=0.5)


def test_rating_needs_count():
    card = score([ev("aggregate_rating")], rating=4.9, review_count=None)
    assert card.criteria["reviews"] == 0


def test_coverage_counts_criteria_with_evidence():
    card = score([ev("screening"), ev("session_price"), ev("psychotherapy")])
    assert card.coverage == pytest.approx(3 / 6, abs=1e-3)
    assert score([]).coverage == 0


def test_overall_is_weighted_mean():
    criteria = dict.fromkeys(CRITERIA, 0.0) | {"safety": 100.0}
    assert overall_score(criteria) == pytest.approx(
        100 * 25 / sum(DEFAULT_WEIGHTS.values()), abs=0.1
    )
    assert overall_score(criteria, {"safety": 1}) == 100
    assert overall_score(criteria, dict.fromkeys(CRITERIA, 0)) == 0


def test_rubric_is_consistent():
    assert {s.criterion for s in SIGNALS} == set(CRITERIA)
    assert len({s.id for s in SIGNALS}) == len(SIGNALS)
    assert sum(DEFAULT_WEIGHTS.values()) == 100
