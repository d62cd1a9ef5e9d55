"""Ranking, filters and CSV export (pure pandas; no database)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from directory.export import (
    CSV_COLUMNS,
    ExportError,
    Filters,
    export_frame,
    neutralize,
    parse_weights,
    rank,
    write_csv,
)
from directory.rubric import CRITERIA, DEFAULT_WEIGHTS


def frame() -> pd.DataFrame:
    rows = [
        # id, name, state, zip, lat, lon, routes, scores (expertise, holistic, safety, cost, reviews, personalization)
        (
            1,
            '=HYPERLINK("http://evil")',
            "CO",
            "80202",
            39.7491,
            -104.9946,
            ["iv"],
            (100, 0, 0, 0, 0, 0),
            None,
        ),
        (2, "Safe Harbor", "CO", "80301", 40.05, -105.21, ["im", "iv"], (0, 0, 100, 0, 0, 0), True),
        (
            3,
            "Far Away",
            "NY",
            "10001",
            40.75,
            -73.99,
            ["esketamine"],
            (50, 50, 50, 50, 50, 50),
            False,
        ),
    ]
    data = []
    for cid, name, state, zip_, lat, lon, routes, scores, ptsd in rows:
        row = dict(
            clinic_id=cid, name=name, website=f"http://c{cid}.test/", phone="+13038610142", street="-1 Main St",
            city="X", state=state, zip=zip_, lat=lat, lon=lon, routes=routes, price_min_usd=400.0 + cid,
            price_max_usd=500.0, insurance="accepted" if cid == 2 else None, financing=None, ptsd=ptsd,
            rating=None, review_count=None, red_flags=[], last_crawled=pd.Timestamp("2026-11-01T12:00:00Z"),
            telehealth=cid == 3, veterans=None, superbill=None, stale=False, coverage=0.5, evidence_count=3,
            score_overall=0.0,
        )  # fmt: skip
        row |= {f"score_{c}": float(v) for c, v in zip(CRITERIA, scores, strict=True)}
        data.append(row)
    return pd.DataFrame(data)


def test_weights_reorder():
    assert list(rank(frame(), {"expertise": 1})["clinic_id"]) == [1, 3, 2]
    assert list(rank(frame(), {"safety": 1})["clinic_id"]) == [2, 3, 1]
    assert list(rank(frame(), DEFAULT_WEIGHTS)["rank"]) == [1, 2, 3]


def test_filters():
    assert list(rank(frame(), filters=Filters(state="co"))["clinic_id"]) == [2, 1] or set(
        rank(frame(), filters=Filters(state="co"))["clinic_id"]
    ) == {1, 2}
    near = rank(frame(), filters=Filters(near_zip="80202", radius_miles=50))
    assert set(near["clinic_id"]) == {1, 2}
    assert near.set_index("clinic_id").loc[1, "distance_miles"] == pytest.approx(0, abs=0.5)
    assert set(rank(frame(), filters=Filters(routes=("im",)))["clinic_id"]) == {2}
    assert set(rank(frame(), filters=Filters(ptsd_only=True))["clinic_id"]) == {2}
    assert set(rank(frame(), filters=Filters(max_price=402.5))["clinic_id"]) == {1, 2}
    assert set(rank(frame(), filters=Filters(insurance="accepted"))["clinic_id"]) == {2}


def test_unknown_zip_and_route_are_user_errors():
    with pytest.raises(ExportError, match="unknown ZIP"):
        rank(frame(), filters=Filters(near_zip="00000"))
    with pytest.raises(ExportError, match="unknown route"):
        rank(frame(), filters=Filters(routes=("teleport",)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, dict(DEFAULT_WEIGHTS)),
        ("safety=3,expertise=2", dict(DEFAULT_WEIGHTS) | {"safety": 3.0, "expertise": 2.0}),
        (" Reviews = 0 ", dict(DEFAULT_WEIGHTS) | {"reviews": 0.0}),
    ],
)
def test_parse_weights(text, expected):
    assert parse_weights(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "foo=1",
        "safety",
        "safety=x",
        "safety=-1",
        "safety=nan",
        ",".join(f"{c}=0" for c in CRITERIA),
    ],
)
def test_bad_weights(text):
    with pytest.raises(ExportError):
        parse_weights(text)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1 555", "'+1 555"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("ok", "ok"),
        (3, 3),
    ],
)
def test_neutralize(value, safe):
    assert neutralize(value) == safe


def test_csv_columns_and_neutralized_cells(tmp_path):
    path = tmp_path / "out.csv"
    assert write_csv(rank(frame()), path) == 3
    rows = list(csv.reader(io.StringIO(path.read_text())))
    assert tuple(rows[0][: len(CSV_COLUMNS)]) == CSV_COLUMNS
    by_id = {r[1]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_id["1"]["name"] == '\'=HYPERLINK("http://evil")'
    assert by_id["1"]["street"] == "'-1 Main St"
    assert by_id["1"]["lon"] == "-104.9946"  # numbers are numbers, not neutralized text
    assert by_id["2"]["routes"] == "im;iv"
    assert by_id["2"]["ptsd"] == "true" and by_id["1"]["ptsd"] == ""
    assert by_id["1"]["last_crawled"] == "2026-11-01T12:00:00Z"


def test_export_is_deterministic(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    write_csv(rank(frame(), {"safety": 2}), a)
    write_csv(rank(frame().sample(frac=1, random_state=1), {"safety": 2}), b)
    assert a.read_bytes() == b.read_bytes()


def test_export_frame_on_empty_ranking():
    empty = rank(frame(), filters=Filters(state="WY"))
    assert list(export_frame(empty).columns[: len(CSV_COLUMNS)]) == list(CSV_COLUMNS)
