"""The read side: one clinic's evidence and questions, crawl health, database state."""

from __future__ import annotations

import pandas as pd

from directory.db import open_db, session_factory
from directory.queries import clinic_detail, compare, crawl_health, database_state
from directory.rubric import SIGNALS
from tests.test_store import crawl_once


def test_database_state(sqlite_url):
    engine = open_db(sqlite_url, migrate=False)
    assert database_state(engine) == "missing"
    engine = open_db(sqlite_url)
    assert database_state(engine) == "empty"
    crawl_once(sqlite_url)
    assert database_state(engine) == "ready"


def test_clinic_detail_has_quotes_points_and_questions(db_url):
    crawl_once(db_url)
    engine = open_db(db_url)
    with session_factory(engine).begin() as s:
        detail = next(d for d in compare(s, [1, 2, 999]) if d.name == "Bright Path Ketamine Clinic")
        assert clinic_detail(s, 999) is None
    found = {line.signal: line for line in detail.signals}
    assert set(found) == {"screening", "physician_led", "session_price"}
    assert found["session_price"].points == 40 and found["session_price"].url.endswith("/fees")
    assert (
        found["screening"].quote == "We say screening."
        and found["screening"].crawled_at is not None
    )
    assert [f.signal for f in detail.red_flags] == ["guarantee_claim"]
    assert len(detail.missing) == len(SIGNALS) - 3
    assert "Which physician" not in " ".join(detail.questions())  # physician_led was found
    assert any("superbill" in q for q in detail.questions())
    assert {src for src, _url in detail.sources} == {"dira", "dirb"}
    assert detail.scores["safety"] == 0 and detail.coverage == 0.5


def test_crawl_health(db_url):
    crawl_once(db_url)
    engine = open_db(db_url)
    with session_factory(engine).begin() as s:
        health = crawl_health(s)
    assert list(health.runs["status"]) == ["finished"]
    coverage = health.field_coverage.set_index("fact")["clinics_with_value"]
    assert coverage["phone"] == 2 and coverage["price_min_usd"] == 1
    fresh = health.freshness.set_index("name")
    assert fresh.loc["Bright Path Ketamine Clinic", "days_since_crawl"] < 1
    assert pd.isna(fresh.loc["Serene Minds", "last_crawled"])
    assert list(health.pages_by_status["http_status"]) == [200]


def test_a_flag_found_on_two_pages_is_one_warning_sign(sqlite_url):
    """The detail lists each warning sign once, as the score subtracts it once."""
    from tests.test_store import page

    # crawl_once's /fees page already carries the flag; /results says it again
    crawl_once(sqlite_url, (page("http://www.brightpath.test/results", flags=["guarantee_claim"]),))
    engine = open_db(sqlite_url)
    with session_factory(engine).begin() as s:
        detail = next(d for d in compare(s, [1, 2]) if d.name == "Bright Path Ketamine Clinic")
    assert [f.signal for f in detail.red_flags] == ["guarantee_claim"]
    engine.dispose()
