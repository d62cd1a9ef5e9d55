"""The dashboard's helpers without a running app: untrusted text, display tables, the bench,
and the rules its code keeps (reads only through directory's queries, no HTML)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import bench, charts, data, texts
from dashboard.safe import md_escape, page_label, plain, safe_url
from directory.export import CSV_COLUMNS, EXTRA_COLUMNS, Filters, export_frame, rank
from directory.rubric import CRITERIA, DEFAULT_WEIGHTS

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "javascript://example.com/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "mailto:a@b.c",
        "//example.com/",
        "/relative/path",
        "http://",
        "http:///nohost",
        "https://exa mple.com/",
        "http://example.com/\nset-cookie",
        "http://[::1",
        "",
        None,
        42,
        "https://example.com/" + "a" * 3000,
    ],
)
def test_safe_url_refuses_anything_but_http(url) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    "url", ["http://example.com", "https://www.example.com/fees?x=1#top", "HTTPS://EXAMPLE.COM/"]
)
def test_safe_url_keeps_http_and_https(url) -> None:
    assert safe_url(url) == url


def test_plain_makes_scraped_text_fit_for_st_text() -> None:
    assert plain("  Calm\n\tClinic  ") == "Calm Clinic"
    assert plain("<script>alert(1)</script>") == "<script>alert(1)</script>"  # kept, as text
    assert plain("evil\u202egnp.exe") == "evilgnp.exe"  # no right-to-left override tricks
    assert plain("zero\u200bwidth\x00nul\x07") == "zerowidthnul"
    assert plain(None) == "" and plain(float("nan")) == ""
    assert plain("x" * 600, 100) == "x" * 99 + "…"
    assert page_label("https://www.calm.test/fees/") == "calm.test/fees/"
    assert page_label("http://calm.test/") == "calm.test"


def test_md_escape_leaves_no_markdown_syntax() -> None:
    nasty = "sqlite:///var/*clinics*_db [x](javascript:alert(1)) <b> $x$ :red[y] `z`\nnext"
    escaped = md_escape(nasty)
    assert "\n" not in escaped
    assert re.sub(r"\\(.)", r"\1", escaped) == nasty.replace("\n", " ")
    for ch in "*_[]()<>$:`":
        assert re.search(rf"(?<!\\){re.escape(ch)}", escaped) is None, ch


def test_display_text_for_facts() -> None:
    assert texts.price_text(350.0, 550.0) == "$350–$550"
    assert texts.price_text(400.0, 400.0) == "$400"
    assert texts.price_text(None, float("nan")) == "Not published"
    assert texts.routes_text(["iv", "esketamine", "bogus"]) == "IV infusion, Spravato (esketamine)"
    assert texts.coverage_text(0.833) == "5 of 6 topics"
    assert texts.yes_no(None) == "Not stated"
    assert texts.state_label("CO") == "Colorado (CO)" and texts.state_label("") == "Any state"
    assert data.clinic_ids("3, 5,x,3") == [3, 5] and data.clinic_ids(["1,2", "4"]) == [1, 2, 4]


def test_table_is_plain_text_with_safe_links_in_rank_order() -> None:
    frame = bench.synthetic_frame(300)
    frame.loc[0, "website"] = "javascript:alert(1)"
    frame.loc[1, "name"] = "[Click me](javascript:alert(1))"
    ranked = data.find(frame, DEFAULT_WEIGHTS, Filters())
    table = data.table(ranked)
    assert table["clinic_id"].tolist() == ranked["clinic_id"].tolist()
    assert table["rank"].tolist() == list(range(1, 301))
    assert all(pd.isna(u) or u.startswith(("http://", "https://")) for u in table["website"])
    assert "[Click me](javascript:alert(1))" in set(table["name"])
    prepared = data.table(data.prepare(ranked))  # the cached, prepared frame gives the same table
    pd.testing.assert_frame_equal(prepared, table)


def test_name_search_happens_before_ranking() -> None:
    frame = bench.synthetic_frame(200)
    found = data.find(frame, DEFAULT_WEIGHTS, Filters(), "clinic 1")
    assert found["rank"].tolist() == list(range(1, len(found) + 1))
    assert found["name"].str.lower().str.contains("clinic 1", regex=False).all()


def test_search_filters_from_widget_values() -> None:
    values = {
        "radius": 25, "state": "CO", "routes": ["iv"], "insurance": "partial", "max_price": 500,
        "ptsd_only": True, "telehealth_only": False, "min_score": 40, "min_topics": 5,
    }  # fmt: skip
    f = data.search_filters(values, "80202")
    assert (f.near_zip, f.radius_miles, f.state, f.routes) == ("80202", 25.0, "CO", ("iv",))
    assert (f.insurance, f.max_price, f.ptsd_only, f.min_score) == ("partial", 500.0, True, 40.0)
    assert 0.8 < f.min_coverage <= 0.833  # 5 of 6, stored rounded to 0.833
    assert data.search_filters({**values, "state": ""}, "").radius_miles is None


def test_csv_download_is_the_export_of_the_ranking() -> None:
    frame = data.prepare(bench.synthetic_frame(120))
    frame.loc[3, "name"] = '=HYPERLINK("http://x")'
    ranked = data.find(frame, {**DEFAULT_WEIGHTS, "cost": 90}, Filters(min_coverage=0.3))
    body = data.csv_bytes(ranked)
    assert body == export_frame(ranked).to_csv(index=False, lineterminator="\n").encode()
    header = body.split(b"\n", 1)[0].decode().split(",")
    assert header == [*CSV_COLUMNS, *EXTRA_COLUMNS]  # display columns never reach the CSV
    assert b"'=HYPERLINK" in body


def test_weighted_overall_matches_rank() -> None:
    frame = bench.synthetic_frame(50)
    weights = {
        "safety": 3,
        "expertise": 0,
        "holistic": 1,
        "cost": 1,
        "personalization": 0,
        "reviews": 5,
    }
    ranked = rank(frame, weights)
    for _, row in ranked.head(10).iterrows():
        scores = {c: row[f"score_{c}"] for c in CRITERIA}
        assert data.weighted_overall(scores, weights) == pytest.approx(
            row["score_overall"], abs=0.051
        )


def test_breakdown_adds_up_to_the_overall_score() -> None:
    scores = {
        "safety": 80,
        "expertise": 50,
        "holistic": 0,
        "cost": 100,
        "personalization": 20,
        "reviews": 90,
    }
    frame = charts.breakdown_frame(scores, DEFAULT_WEIGHTS)
    assert frame["points"].sum() == pytest.approx(
        data.weighted_overall(scores, DEFAULT_WEIGHTS), abs=0.2
    )
    assert frame["possible"].sum() == pytest.approx(100)
    assert frame["criterion"].iloc[0] == "Safety"  # heaviest default weight first


def test_map_points_colour_by_score() -> None:
    ranked = data.find(bench.synthetic_frame(100), DEFAULT_WEIGHTS, Filters())
    points = data.map_points(ranked)
    assert len(points) == 100 and {"lat", "lon", "name", "rank", "score", "r", "g", "b"} <= set(
        points
    )
    low, high = data.score_colors(pd.Series([0.0, 100.0]).to_numpy())
    assert low.tolist() == [253, 231, 160] and high.tolist() == [12, 44, 132]


def test_synthetic_frame_has_the_ranking_frame_columns() -> None:
    frame = bench.synthetic_frame(20)
    assert tuple(frame.columns) == bench.FRAME_COLUMNS
    assert set(bench.FRAME_COLUMNS) == (
        {c for c in CSV_COLUMNS if c not in ("rank", "distance_miles")} | set(EXTRA_COLUMNS)
    )
    export_frame(rank(frame))  # exports like a real ranking


def test_bench_times_a_rerun() -> None:
    ms = bench.filter_and_rerank_ms(n_clinics=2000, repeat=1)
    assert 0 < ms < 2000
    assert bench.download_ms(n_clinics=500, repeat=1) > 0


def test_dashboard_reads_only_through_directory_queries_and_never_renders_html() -> None:
    for path in DASHBOARD.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in source, path
        assert "st.html" not in source and "components.html" not in source, path
        assert "directory.models" not in source, path
        assert not re.search(r"\bselect\(|session\.execute|\.scalars?\(|text\(\"", source), path
        assert "import sqlalchemy" not in source, path
        if path.parent.name == "app_pages":  # pages lay out widgets; data comes from helpers
            assert "directory.queries" not in source and "session_factory" not in source, path
