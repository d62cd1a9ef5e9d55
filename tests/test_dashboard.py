"""Every dashboard page, run with Streamlit's AppTest on the seeded database: what it shows
after interactions, its empty and error states, and that scraped text stays inert."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import select, update
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard import data
from directory.db import open_db, session_factory
from directory.export import Filters, export_frame, haversine_miles, rank
from directory.models import Clinic
from directory.normalize import zip_latlon
from directory.queries import clinic_detail, ranking_frame
from directory.rubric import CRITERIA, DEFAULT_WEIGHTS
from tests.conftest import fresh_pg_schema
from tests.dashboard_fixtures import APP, HOSTILE_NAMES, crawl_sample_into, seeded_database

# Elements that show text without parsing it; everything else may render Markdown.
PLAIN_ELEMENTS = {"text", "dataframe", "table", "code", "selectbox", "multiselect"}


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return seeded_database(tmp_path_factory)


@pytest.fixture(scope="session")
def frame(seeded_db: str) -> pd.DataFrame:
    engine = open_db(seeded_db, migrate=False)
    with session_factory(engine).begin() as session:
        out = ranking_frame(session)
    engine.dispose()
    return out


@pytest.fixture
def page(seeded_db: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Run the app on the seeded database, then (optionally) switch to a page with a query."""
    monkeypatch.setenv("CLINICS_DB", seeded_db)
    return _page


def _page(path: str | None = None, query: dict[str, str] | None = None, **state: Any) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if path:
        at.query_params.update(query or {})
        at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_ids(at: AppTest) -> list[int]:
    (table,) = at.dataframe
    return [int(i) for i in table.value["clinic_id"]]


def ranked_ids(frame: pd.DataFrame, weights: Any = DEFAULT_WEIGHTS, **filters: Any) -> list[int]:
    return [int(i) for i in rank(frame, weights, Filters(**filters))["clinic_id"]]


def widget(at: AppTest, key: str) -> Any:
    return at.get_by_key(key)


def nodes(at: AppTest) -> Iterator[Any]:
    yield from (node for node in at._tree if node is not at._tree)


def markdown_strings(at: AppTest) -> list[str]:
    """Every string of every element that may render Markdown (labels, values, help)."""
    out = []
    for node in nodes(at):
        if getattr(node, "type", "") in PLAIN_ELEMENTS:
            continue
        for attr in ("value", "label", "help", "body", "text"):
            try:
                value = getattr(node, attr, None)
            except Exception:  # some elements have no value outside a widget run
                continue
            if isinstance(value, str):
                out.append(value)
    return out


def all_text(at: AppTest) -> str:
    return "\n".join(t.value for t in at.text)


# ---- Find --------------------------------------------------------------------------------


def test_find_ranks_like_the_export_and_shows_cards(page, frame) -> None:
    at = page(view="Table")
    assert at.title[0].value == "Find a ketamine clinic"
    assert at.subheader[0].value == f"{len(frame)} clinics"
    assert table_ids(at) == ranked_ids(frame)
    shown = at.dataframe[0].value
    assert list(shown["rank"]) == list(range(1, len(frame) + 1))
    assert shown["score"].is_monotonic_decreasing

    cards = _page()  # the default tab: a list of the ten best
    top = rank(frame).iloc[0]
    assert f"1. {top['name']}" in all_text(cards)
    assert any(p.proto.text.startswith("Score") for p in cards.get("progress"))


def test_changing_weights_reorders_exactly_as_rank_does(page, frame) -> None:
    at = page(view="Table")
    before = table_ids(at)
    widget(at, "weight_safety").set_value(0)
    widget(at, "weight_reviews").set_value(100)
    widget(at, "weight_cost").set_value(55)
    at.run()
    weights = {**DEFAULT_WEIGHTS, "safety": 0, "reviews": 100, "cost": 55}
    after = table_ids(at)
    assert after == ranked_ids(frame, weights)
    assert after != before
    expected = rank(frame, weights)["score_overall"].tolist()
    assert at.dataframe[0].value["score"].tolist() == expected
    assert "Ranked with your weights" in " ".join(c.value for c in at.caption)

    reset = next(b for b in at.button if b.label == "Back to the default weights")
    reset.click().run()
    assert table_ids(at) == before


def _route(row: Any) -> bool:
    return "im" in row.routes


FILTER_CASES = [
    ("state", "OH", {"state": "OH"}, lambda r: r.state == "OH"),
    ("routes", ["im"], {"routes": ("im",)}, _route),
    ("insurance", "accepted", {"insurance": "accepted"}, lambda r: r.insurance == "accepted"),
    ("max_price", 400, {"max_price": 400.0}, lambda r: r.price_min_usd <= 400),
    ("ptsd_only", True, {"ptsd_only": True}, lambda r: r.ptsd is True),
    ("telehealth_only", True, {"telehealth_only": True}, lambda r: r.telehealth is True),
    ("min_topics", 6, {"min_coverage": 0.99}, lambda r: r.coverage >= 0.99),
    ("name_contains", "ketamine", {}, lambda r: "ketamine" in r["name"].lower()),
]


@pytest.mark.parametrize(
    ("key", "value", "filters", "matches"), FILTER_CASES, ids=[c[0] for c in FILTER_CASES]
)
def test_each_filter_leaves_only_matching_rows(page, frame, key, value, filters, matches) -> None:
    at = page(view="Table")
    widget(at, key).set_value(value)
    at.run()
    shown = table_ids(at)
    by_id = frame.set_index("clinic_id")
    assert 0 < len(shown) < len(frame), f"{key} should keep some clinics and drop others"
    assert all(matches(by_id.loc[i]) for i in shown)
    dropped = set(frame["clinic_id"]) - set(shown)
    assert not any(matches(by_id.loc[i]) for i in dropped)
    if filters:
        assert shown == ranked_ids(frame, **filters)


def test_min_score_uses_the_weighted_score(page, frame) -> None:
    at = page(view="Table")
    widget(at, "min_score").set_value(50)
    at.run()
    expected = rank(frame, DEFAULT_WEIGHTS, Filters(min_score=50))
    assert table_ids(at) == [int(i) for i in expected["clinic_id"]]
    assert (at.dataframe[0].value["score"] >= 50).all() and len(expected) < len(frame)


def test_zip_and_radius_show_distances_within_the_radius(page, frame) -> None:
    at = page(view="Table")
    widget(at, "zip").input("44125")
    widget(at, "radius").set_value(50)
    at.run()
    shown = at.dataframe[0].value
    assert table_ids(at) == ranked_ids(frame, near_zip="44125", radius_miles=50.0)
    assert 0 < len(shown) < len(frame) and (shown["distance"] <= 50).all()
    lat, lon = zip_latlon("44125")
    by_id = frame.set_index("clinic_id")
    for cid, miles in zip(shown["clinic_id"], shown["distance"], strict=True):
        row = by_id.loc[cid]
        real = haversine_miles(
            pd.Series([row.lat]).to_numpy(), pd.Series([row.lon]).to_numpy(), lat, lon
        )
        assert math.isclose(float(real[0]), miles, abs_tol=0.06)
    assert (
        at.subheader[0].value
        == f"{len(shown)} {'clinic' if len(shown) == 1 else 'clinics'} within 50 miles of 44125"
    )


def test_no_clinic_in_the_radius_suggests_widening_it(page) -> None:
    at = page()
    widget(at, "zip").input("99501")  # Anchorage: no sample clinic nearby
    widget(at, "radius").set_value(10)
    at.run()
    assert at.subheader[0].value == "0 clinics within 10 miles of 99501"
    assert "Try a wider radius" in at.info[0].value
    wider = next(b for b in at.button if b.label == "Search within 25 miles")
    wider.click().run()
    assert widget(at, "radius").value == 25
    assert at.subheader[0].value.endswith("within 25 miles of 99501")


def test_no_match_for_the_filters_says_so_and_clears(page, frame) -> None:
    at = page()
    widget(at, "name_contains").input("no clinic is called this")
    at.run()
    assert at.subheader[0].value == "0 clinics"
    assert "No clinic matches all of your filters" in at.info[0].value
    next(b for b in at.button if b.label.startswith("Clear the filters")).click().run()
    assert at.subheader[0].value == f"{len(frame)} clinics"


def test_bad_zip_is_explained_and_ignored(page, frame) -> None:
    at = page()
    widget(at, "zip").input("80x02")
    at.run()
    assert "five digits" in at.warning[0].value
    assert at.subheader[0].value == f"{len(frame)} clinics"


def test_download_is_exactly_the_ranking_shown(page, frame, monkeypatch) -> None:
    made: list[tuple[Callable[[], Any], str | None, str | None]] = []
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kw):  # type: ignore[no-untyped-def]
        made.append((data_callable, mimetype, file_name))
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    at = page(view="Table")
    widget(at, "weight_expertise").set_value(80)
    widget(at, "ptsd_only").check()
    widget(at, "zip").input("44125")
    widget(at, "radius").set_value(1000)
    at.run()
    generate, mimetype, file_name = made[-1]
    body = generate()
    body = body if isinstance(body, bytes) else body.encode()
    weights = {**DEFAULT_WEIGHTS, "expertise": 80}
    shown = rank(frame, weights, Filters(near_zip="44125", radius_miles=1000.0, ptsd_only=True))
    assert body == export_frame(shown).to_csv(index=False, lineterminator="\n").encode()
    downloaded = pd.read_csv(io.BytesIO(body))
    assert downloaded["clinic_id"].tolist() == table_ids(at)
    assert downloaded["rank"].tolist() == at.dataframe[0].value["rank"].tolist()
    assert (mimetype, file_name) == ("text/csv", "clinic-ranking.csv")
    assert at.get("download_button")[0].label == "Download this ranking (CSV)"


def test_map_tab_shows_the_results(page, frame) -> None:
    at = page(view="Map")
    (chart,) = at.get("deck_gl_json_chart")
    assert '"@@type": "ScatterplotLayer"' in chart.proto.json
    assert '"text": "#{rank} {name}' in chart.proto.tooltip
    assert '"html"' not in chart.proto.tooltip  # the tooltip is plain text (innerText)
    located = int((frame["lat"].notna() & frame["lon"].notna()).sum())
    assert f"{located} of {len(frame)} clinics are on the map" in " ".join(
        c.value for c in at.caption
    )


# ---- Clinic ------------------------------------------------------------------------------


def test_clinic_page_shows_quotes_questions_and_facts(page, frame, seeded_db) -> None:
    top = int(rank(frame).iloc[0]["clinic_id"])
    engine = open_db(seeded_db, migrate=False)
    with session_factory(engine).begin() as session:
        detail = clinic_detail(session, top)
    engine.dispose()
    assert detail is not None and detail.signals and detail.questions()
    at = page("app_pages/clinic.py", {"clinic": str(top)})
    assert at.query_params["clinic"] == str(top)
    text = all_text(at)
    for line in detail.signals:
        if line.points:  # the first quote of each signal is always shown
            assert f"“{' '.join(line.quote.split())}”\n— " in text
    markdown = "\n".join(m.value for m in at.markdown)
    for question in detail.questions():
        assert question in markdown
    assert detail.name in widget(at, "clinic_pick").options[widget(at, "clinic_pick").index]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Overall score (0-100)"] == f"{rank(frame).iloc[0]['score_overall']:.0f}"
    assert metrics["Topics with evidence"].endswith(" of 6")
    assert metrics["Website last read"] != "Never"
    facts = at.dataframe[0].value
    assert facts.set_index("Fact").loc["City", "Value"] == detail.facts["city"]
    assert [b.label for b in at.get("download_button")] == ["Save these questions"]
    assert len(at.get("vega_lite_chart")) == 1  # the score breakdown


def test_clinic_page_shows_red_flags_prominently(page, frame) -> None:
    flagged = frame[frame["red_flags"].map(len) > 0]
    assert len(flagged), "the seeded sample web has a clinic with a warning sign"
    cid = int(flagged.iloc[0]["clinic_id"])
    at = page("app_pages/clinic.py", {"clinic": str(cid)})
    assert "Warning signs on this clinic's website" in at.error[0].value
    assert {m.label: m.value for m in at.metric}["Warning signs"] == str(
        len(flagged.iloc[0]["red_flags"])
    )


def test_clinic_page_without_a_choice_offers_one(page) -> None:
    at = page("app_pages/clinic.py")
    assert widget(at, "clinic_pick").value is None
    at2 = page("app_pages/clinic.py", {"clinic": "999999"})
    assert "no clinic number 999999" in at2.warning[0].value


# ---- Compare, Crawl health, Method -------------------------------------------------------


def test_compare_shows_the_chosen_clinics_side_by_side(page, frame) -> None:
    ids = [int(i) for i in rank(frame)["clinic_id"][:3]]
    names = frame.set_index("clinic_id").loc[ids, "name"].tolist()
    at = page("app_pages/compare.py", {"clinics": ",".join(map(str, ids))})
    assert widget(at, "compare_pick").value == ids
    assert [t.value for t in at.text][:3] == names
    scores, facts, signals = (d.value for d in at.dataframe)
    assert list(scores.columns) == names == list(facts.columns)
    assert list(scores.index[:3]) == ["Overall score", "Evidence found", "Warning signs"]
    assert set(names) <= set(signals.columns) and len(signals) == 25
    assert len(at.get("vega_lite_chart")) == 1


def test_compare_needs_two_clinics(page, frame) -> None:
    at = page("app_pages/compare.py", {"clinics": str(int(frame["clinic_id"][0]))})
    assert "Choose two to four clinics" in at.info[0].value


def test_crawl_health_shows_runs_coverage_and_freshness(page, frame) -> None:
    at = page("app_pages/health.py")
    runs, coverage, statuses, fresh = (d.value for d in at.dataframe)
    assert {"ketaminefinder", "calmclinics", "clinic_site"} <= set(runs["spider"])
    assert set(runs["status"]) == {"finished"}
    assert (runs["pages"] > 0).all()
    assert len(coverage) == 19 and coverage["share"].between(0, 1).all()
    assert 200 in set(statuses["http_status"])
    assert len(fresh) == len(frame)
    assert {m.label: m.value for m in at.metric}["Clinics"] == str(len(frame))


def test_method_shows_rubric_disclaimer_contraindications_and_crisis_line(page) -> None:
    at = page("app_pages/method.py")
    text = "\n".join(markdown_strings(at))
    for needle in (
        "not medical advice",
        "does not measure how well the treatment works",
        "not a mark against",
        "Pregnancy",
        "psychosis",
        "high blood pressure (hypertension)",
        "substance use disorder",
        "Preparation",
        "Integration",
        "988",
        "press 1",
    ):
        assert needle in text, needle
    rubric = pd.concat([d.value for d in at.dataframe[:-1]])
    from directory.rubric import SIGNALS

    assert set(rubric["What we look for"]) == {s.label for s in SIGNALS}
    assert len(at.expander) == len(CRITERIA)


# ---- hostile names and links -------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_seeded_db() -> Iterator[str]:
    """The same seeded sample web, crawled into a fresh PostgreSQL schema."""
    with fresh_pg_schema() as url:
        crawl_sample_into(url)
        yield url


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_hostile_names_are_shown_as_inert_text_everywhere(
    backend: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = request.getfixturevalue("seeded_db" if backend == "sqlite" else "pg_seeded_db")
    monkeypatch.setenv("CLINICS_DB", db)
    _forget_cached_queries()
    try:
        _hostile_names_are_inert(_page, db)
    finally:
        _forget_cached_queries()


def _hostile_names_are_inert(page: Callable[..., AppTest], db: str) -> None:
    engine = open_db(db, migrate=False)
    with session_factory(engine).begin() as session:
        frame = ranking_frame(session)
    engine.dispose()
    hostile = frame[frame["name"].isin(HOSTILE_NAMES)]
    assert sorted(hostile["name"]) == sorted(HOSTILE_NAMES)
    assert hostile["website"].isna().all()  # their javascript: websites were refused

    table = page(view="Table")
    listed = table.dataframe[0].value
    assert set(HOSTILE_NAMES) <= set(listed["name"])
    cards = page(name_contains="alert")
    runs = [table, cards]
    assert all(f". {name}" in all_text(cards) for name in HOSTILE_NAMES)
    for cid in hostile["clinic_id"]:
        clinic = page("app_pages/clinic.py", {"clinic": str(int(cid))})
        assert "lists no website" in clinic.info[0].value
        assert not clinic.get("link_button")
        runs.append(clinic)
    ids = ",".join(str(int(i)) for i in hostile["clinic_id"])
    compare = page("app_pages/compare.py", {"clinics": ids})
    assert set(HOSTILE_NAMES) <= set(compare.dataframe[0].value.columns)
    runs += [compare, page("app_pages/health.py")]
    for at in runs:
        for value in markdown_strings(at):
            assert "<script" not in value and "](javascript:" not in value, value


def test_only_http_links_are_ever_clickable(page, frame, seeded_db) -> None:
    # Make one stored website hostile, as a crawl of a compromised directory might.
    engine = open_db(seeded_db, migrate=False)
    victim = int(rank(frame).iloc[0]["clinic_id"])
    with session_factory(engine).begin() as session:
        old = session.scalar(select(Clinic.website).where(Clinic.id == victim))
        session.execute(
            update(Clinic).where(Clinic.id == victim).values(website="javascript:alert(1)")
        )
    _forget_cached_queries()
    try:
        at = page(view="Table")
        sites = at.dataframe[0].value["website"]
        assert all(pd.isna(s) or str(s).startswith(("http://", "https://")) for s in sites)
        assert sites.isna().sum() >= 1
        clinic = page("app_pages/clinic.py", {"clinic": str(victim)})
        assert "Visit the clinic's website" not in [b.label for b in clinic.get("link_button")]
        assert "lists no website" in clinic.info[0].value
        has_site = frame["website"].fillna("").str.startswith(("http://", "https://"))
        other = int(frame.loc[has_site & (frame["clinic_id"] != victim), "clinic_id"].iloc[0])
        compare = page("app_pages/compare.py", {"clinics": f"{victim},{other}"})
        assert len(compare.get("link_button")) == 1  # only the other clinic's website
        for at in (clinic, compare):
            for button in at.get("link_button"):
                assert button.proto.url.startswith(("http://", "https://")), button.proto.url
    finally:
        with session_factory(engine).begin() as session:
            session.execute(update(Clinic).where(Clinic.id == victim).values(website=old))
        engine.dispose()
        _forget_cached_queries()


def _forget_cached_queries() -> None:
    data.ranking.clear()
    data.detail.clear()
    data.details.clear()


# ---- no database, empty database, unreachable database ------------------------------------


def _run_everywhere(url: str, monkeypatch: pytest.MonkeyPatch) -> list[AppTest]:
    monkeypatch.setenv("CLINICS_DB", url)
    return [
        _page(),
        _page("app_pages/clinic.py"),
        _page("app_pages/compare.py"),
        _page("app_pages/health.py"),
    ]


def test_missing_database_says_how_to_build_it(tmp_path, monkeypatch) -> None:
    path = tmp_path / "nothing-here.db"
    for at in _run_everywhere(f"sqlite:///{path}", monkeypatch):
        (info,) = at.info
        assert "has not been built yet" in info.value and "make demo" in info.value
        assert "clinics crawl --sample" in info.value
        assert not at.dataframe and not at.error
    assert not path.exists()  # the dashboard never creates a database
    method = _page("app_pages/method.py")  # needs no database
    assert any("Pregnancy" in m.value for m in method.markdown)


def test_empty_database_says_how_to_fill_it(tmp_path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    open_db(url).dispose()  # schema, no clinics
    for at in _run_everywhere(url, monkeypatch)[:3]:
        assert "database is empty" in at.info[0].value and "make demo" in at.info[0].value
    health = _page("app_pages/health.py")
    assert "No crawl has run yet" in health.info[0].value


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://reader:s3cret@127.0.0.1:9/clinics", "notadialect://x"],
    ids=["unreachable", "malformed"],
)
def test_unusable_database_shows_one_error_line(url, monkeypatch) -> None:
    for at in _run_everywhere(url, monkeypatch):
        (error,) = at.error
        assert error.value.startswith("The clinic database cannot be opened:")
        assert "\n" not in error.value and "s3cret" not in error.value
        assert not at.exception and not at.dataframe
