"""The dashboard's data: cached reads through `directory.queries`, and the Find page's pure,
in-memory re-ranking (filters and weights) of the cached ranking frame.

Caches are bounded: one engine per database URL (`st.cache_resource`), query results for a
few minutes (`st.cache_data` with `ttl` and `max_entries`). A slider move re-ranks the cached
frame with `directory.export.rank`; it never queries the database again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from dashboard import texts
from dashboard.safe import plain, safe_url
from directory.db import default_url, open_db, session_factory
from directory.export import Filters, export_frame, rank
from directory.normalize import zip_latlon
from directory.queries import (
    ClinicDetail,
    CrawlHealth,
    SignalLine,
    clinic_detail,
    compare,
    crawl_health,
    database_state,
    ranking_frame,
)
from directory.rubric import CRITERIA

MAP_LIMIT = 2000  # dots on the map: the best-ranked; more is unreadable and slow to send
TTL_SECONDS = 300  # crawls run hours apart; five minutes of staleness is fine
STATE_TTL_SECONDS = 10  # so a database built while the app runs shows up quickly


def database_url() -> str:
    """$CLINICS_DB, else sqlite:///var/clinics.db (read on every run, so tests can set it)."""
    return default_url()


@st.cache_resource(max_entries=4, show_spinner=False)
def engine(url: str) -> Engine:
    # The dashboard only reads: it never creates or migrates a schema.
    return open_db(url, migrate=False)


def _missing_sqlite_file(url: str) -> bool:
    """A SQLite URL whose file does not exist (connecting would create an empty one)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return False
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:":
        return False
    return not name.startswith("file:") and not Path(name).expanduser().exists()


@st.cache_data(ttl=STATE_TTL_SECONDS, max_entries=4, show_spinner=False)
def state(url: str) -> str:
    """'missing', 'empty' or 'ready'. Raises DatabaseError for a URL that cannot be opened."""
    if _missing_sqlite_file(url):
        return "missing"
    return database_state(engine(url))


@st.cache_data(ttl=TTL_SECONDS, max_entries=4, show_spinner="Loading clinics...")
def ranking(url: str) -> pd.DataFrame:
    """Every clinic's scores and facts, one row each; re-ranked in memory by `find`."""
    with session_factory(engine(url)).begin() as session:
        return prepare(ranking_frame(session))


@st.cache_data(ttl=TTL_SECONDS, max_entries=256, show_spinner=False)
def detail(url: str, clinic_id: int) -> ClinicDetail | None:
    with session_factory(engine(url)).begin() as session:
        return clinic_detail(session, clinic_id)


@st.cache_data(ttl=TTL_SECONDS, max_entries=64, show_spinner=False)
def details(url: str, clinic_ids: tuple[int, ...]) -> list[ClinicDetail]:
    with session_factory(engine(url)).begin() as session:
        return compare(session, clinic_ids)


@st.cache_data(ttl=60, max_entries=4, show_spinner=False)
def health(url: str) -> CrawlHealth:
    with session_factory(engine(url)).begin() as session:
        return crawl_health(session)


# --- the Find page's pure steps (also timed by dashboard.bench) ----------------------------


def find(
    frame: pd.DataFrame,
    weights: Mapping[str, float],
    filters: Filters,
    name_contains: str = "",
) -> pd.DataFrame:
    """The ranking for these weights and filters (ranks 1..n), exactly as `clinics export`
    computes it; an optional name search narrows the clinics before ranking."""
    if name_contains.strip():
        mask = frame["name"].fillna("").str.contains(name_contains.strip(), case=False, regex=False)
        frame = frame[mask.to_numpy(dtype=bool)]
    return rank(frame, weights, filters)


def search_filters(values: Mapping[str, Any], zip_code: str) -> Filters:
    """The Find page's widget values (by key) as export filters; `zip_code` is already checked."""
    max_price = values.get("max_price")
    return Filters(
        state=values.get("state") or None,
        near_zip=zip_code or None,
        radius_miles=float(values["radius"]) if zip_code else None,
        routes=tuple(values.get("routes") or ()),
        insurance=values.get("insurance") or None,
        max_price=float(max_price) if max_price is not None else None,
        ptsd_only=bool(values.get("ptsd_only")),
        telehealth_only=bool(values.get("telehealth_only")),
        min_score=float(values.get("min_score") or 0),
        # coverage is stored rounded (5/6 -> 0.833): compare with a little slack
        min_coverage=max(0.0, int(values.get("min_topics") or 0) / len(CRITERIA) - 0.005),
    )


def weighted_overall(scores: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The overall score of one clinic for these weights (what `rank` computes, for one row)."""
    total = sum(max(0.0, float(weights.get(c, 0.0))) for c in CRITERIA)
    if total <= 0:
        return 0.0
    value = sum(float(scores.get(c, 0.0)) * max(0.0, float(weights.get(c, 0.0))) for c in CRITERIA)
    return round(value / total, 1)


# Display text computed once per cached frame (not on every slider move); `export_frame`
# keeps only the export columns, so these never reach the CSV.
DISPLAY_COLUMNS = (
    "show_name", "show_place", "show_price", "show_insurance", "show_routes", "show_evidence",
    "show_warnings", "show_website",
)  # fmt: skip


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the plain-text display columns the Find page shows (done once, when cached)."""
    out = frame.copy()
    red_flags = out["red_flags"].map(len)
    cities = out["city"].map(plain)
    states_ = out["state"].map(plain)
    out["show_name"] = out["name"].map(plain)
    out["show_place"] = [
        f"{c}, {s}" if c and s else c or s for c, s in zip(cities, states_, strict=True)
    ]
    out["show_price"] = [
        texts.price_text(lo, hi)
        for lo, hi in zip(out["price_min_usd"], out["price_max_usd"], strict=True)
    ]
    out["show_insurance"] = out["insurance"].map(texts.INSURANCE_LABELS).fillna(texts.UNKNOWN)
    out["show_routes"] = out["routes"].map(texts.routes_text)
    out["show_evidence"] = out["coverage"].map(texts.coverage_text)
    out["show_warnings"] = np.where(red_flags > 0, red_flags.map(_warnings_text), "")
    out["show_website"] = out["website"].map(safe_url)
    return out


def table(ranked: pd.DataFrame) -> pd.DataFrame:
    """The ranked clinics as the Find page shows them: plain text, safe links, live scores."""
    if "show_name" not in ranked:
        ranked = prepare(ranked)
    return pd.DataFrame(
        {
            "clinic_id": ranked["clinic_id"].to_numpy(),
            "rank": ranked["rank"].to_numpy(),
            "name": ranked["show_name"].to_numpy(),
            "score": ranked["score_overall"].to_numpy(dtype=float),
            "evidence": ranked["show_evidence"].to_numpy(),
            "distance": ranked["distance_miles"].to_numpy(dtype=float),
            "place": ranked["show_place"].to_numpy(),
            "price": ranked["show_price"].to_numpy(),
            "insurance": ranked["show_insurance"].to_numpy(),
            "routes": ranked["show_routes"].to_numpy(),
            "warnings": ranked["show_warnings"].to_numpy(),
            "website": ranked["show_website"].to_numpy(),
        }
    )


def _warnings_text(n: int) -> str:
    return f"⚠ {n} warning sign" + ("s" if n > 1 else "")


def _place(frame: pd.DataFrame) -> list[str]:
    cities = frame["city"].map(plain)
    states_ = frame["state"].map(plain)
    return [f"{c}, {s}" if c and s else c or s for c, s in zip(cities, states_, strict=True)]


def csv_bytes(ranked: pd.DataFrame) -> bytes:
    """The download: the ranking shown, in the `clinics export` CSV columns (formula-safe)."""
    return export_frame(ranked).to_csv(index=False, lineterminator="\n").encode("utf-8")


def map_points(ranked: pd.DataFrame) -> pd.DataFrame:
    """Clinics with a location, for the map: position, score colour (r, g, b), plain name."""
    if "show_name" not in ranked:
        ranked = prepare(ranked)
    lat = pd.to_numeric(ranked["lat"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(ranked["lon"], errors="coerce").to_numpy(dtype=float)
    keep = ~(np.isnan(lat) | np.isnan(lon))
    score = ranked["score_overall"].to_numpy(dtype=float)[keep]
    rgb = score_colors(score)
    return pd.DataFrame(
        {
            "lat": lat[keep],
            "lon": lon[keep],
            "name": ranked["show_name"].to_numpy()[keep],
            "rank": ranked["rank"].to_numpy()[keep],
            "score": np.round(score).astype(int),
            "r": rgb[:, 0],
            "g": rgb[:, 1],
            "b": rgb[:, 2],
        }
    )


# Low to high score: light amber to deep blue (readable for most kinds of colour blindness).
_RAMP = np.array([[253, 231, 160], [122, 193, 178], [44, 127, 184], [12, 44, 132]], dtype=float)


def score_colors(scores: np.ndarray) -> np.ndarray:
    """RGB colours (ints) for scores 0..100 along `_RAMP`."""
    x = np.clip(np.nan_to_num(scores.astype(float)), 0, 100) / 100 * (len(_RAMP) - 1)
    lo = np.floor(x).astype(int).clip(0, len(_RAMP) - 2)
    t = (x - lo)[:, None]
    return np.asarray((_RAMP[lo] * (1 - t) + _RAMP[lo + 1] * t).round().astype(int))


def zip_point(zip_code: str) -> tuple[float, float] | None:
    return zip_latlon(zip_code)


def states(frame: pd.DataFrame) -> list[str]:
    """The two-letter states that have clinics, sorted."""
    values = frame["state"].dropna().astype(str).str.upper()
    return sorted({s for s in values if len(s) == 2 and s.isalpha()})


def label_of(frame: pd.DataFrame) -> dict[int, str]:
    """clinic id -> `Name (City, ST)` in plain text, for choosers."""
    places = _place(frame)
    return {
        int(cid): f"{plain(name, 120)} ({place})" if place else plain(name, 120)
        for cid, name, place in zip(frame["clinic_id"], frame["name"], places, strict=True)
    }


def clinic_ids(values: Sequence[str] | str | None) -> list[int]:
    """`"3,5,9"` or `["3", "5"]` from a query string -> [3, 5, 9]; junk is ignored."""
    if values is None:
        return []
    parts = (
        values.split(",") if isinstance(values, str) else [p for v in values for p in v.split(",")]
    )
    out: list[int] = []
    for part in parts:
        part = part.strip()
        if part.isdigit() and int(part) not in out:
            out.append(int(part))
    return out


# --- one clinic ----------------------------------------------------------------------------


def facts_table(detail: ClinicDetail) -> pd.DataFrame:
    """The clinic's facts as two plain-text columns; unknown values say so."""
    facts = detail.facts
    rows: list[tuple[str, str]] = []
    for key, label in texts.FACT_LABELS.items():
        value = facts.get(key)
        if key in ("price_min_usd", "price_max_usd"):
            continue
        if key == "routes":
            text = texts.routes_text(value) or texts.UNKNOWN
        elif key == "insurance":
            text = texts.INSURANCE_LABELS.get(str(value), texts.UNKNOWN)
        elif key == "clinicians":
            text = "; ".join(plain(v, 80) for v in value or []) or texts.UNKNOWN
        elif key == "rating":
            text = f"{float(value):.1f} of 5" if value is not None else texts.UNKNOWN
        elif isinstance(value, bool) or value is None:
            text = texts.yes_no(value)
        else:
            text = plain(value, 200) or texts.UNKNOWN
        rows.append((label, text))
        if key == "routes":
            price = texts.price_text(facts.get("price_min_usd"), facts.get("price_max_usd"))
            rows.append(("Price per session", price))
    return pd.DataFrame(rows, columns=["Fact", "Value"])


def evidence_by_criterion(
    detail: ClinicDetail,
) -> dict[str, list[tuple[str, float, list[SignalLine]]]]:
    """criterion -> [(signal label, points, its quotes)] in the order the clinic's pages said them."""
    out: dict[str, list[tuple[str, float, list[SignalLine]]]] = {c: [] for c in CRITERIA}
    index: dict[str, tuple[str, float, list[SignalLine]]] = {}
    for line in detail.signals:
        if line.signal not in index:
            index[line.signal] = (line.label, line.points, [])
            out[line.criterion].append(index[line.signal])
        index[line.signal][2].append(line)
    return out


def missing_by_criterion(detail: ClinicDetail) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {c: [] for c in CRITERIA}
    for criterion, label, _question in detail.missing:
        out[criterion].append(label)
    return out


def questions_text(detail: ClinicDetail) -> str:
    """The questions as a small text file to take to a phone call."""
    lines = [f"Questions to ask {plain(detail.name, 120)}", ""]
    lines += [f"{i}. {q}" for i, q in enumerate(detail.questions(), 1)]
    lines += ["", texts.DISCLAIMER]
    return "\n".join(lines) + "\n"


def sources_table(detail: ClinicDetail) -> pd.DataFrame:
    return pd.DataFrame(
        [(plain(name, 60), safe_url(url)) for name, url in detail.sources],
        columns=["Directory", "Listing"],
    )


# --- compare -------------------------------------------------------------------------------


def compare_scores(
    clinics: Sequence[ClinicDetail], names: Sequence[str], weights: Mapping[str, float]
) -> pd.DataFrame:
    """Rows: overall, evidence, warning signs, then the six topic scores; one column per clinic."""
    rows: dict[str, list[str]] = {
        "Overall score": [f"{weighted_overall(d.scores, weights):.0f} of 100" for d in clinics],
        "Evidence found": [texts.coverage_text(d.coverage) for d in clinics],
        "Warning signs": [str(len(d.red_flags)) for d in clinics],
    }
    for c in texts.CRITERIA_ORDER:
        rows[texts.CRITERION_LABELS[c]] = [f"{d.scores.get(c, 0.0):.0f}" for d in clinics]
    return pd.DataFrame(rows, index=list(names)).T


def compare_facts(clinics: Sequence[ClinicDetail], names: Sequence[str]) -> pd.DataFrame:
    """Rows: the facts a patient compares first; one column per clinic, plain text."""
    columns = {}
    for d, name in zip(clinics, names, strict=True):
        f = d.facts
        city, state_code = plain(f.get("city")), plain(f.get("state"))
        columns[name] = {
            "Location": f"{city}, {state_code}" if city and state_code else city or state_code,
            "Price per session": texts.price_text(f.get("price_min_usd"), f.get("price_max_usd")),
            "Insurance": texts.INSURANCE_LABELS.get(str(f.get("insurance")), texts.UNKNOWN),
            "Given as": texts.routes_text(f.get("routes")) or texts.UNKNOWN,
            "Treats PTSD": texts.yes_no(f.get("ptsd")),
            "Telehealth": texts.yes_no(f.get("telehealth")),
            "Payment plans": texts.yes_no(f.get("financing")),
            "Veterans program": texts.yes_no(f.get("veterans")),
            "Phone": plain(f.get("phone")) or texts.UNKNOWN,
            "Website last read": d.last_crawled.strftime("%b %d, %Y")
            if d.last_crawled
            else "Never",
        }
    return pd.DataFrame(columns)


def compare_signals(clinics: Sequence[ClinicDetail], names: Sequence[str]) -> pd.DataFrame:
    """Rows: every good practice in the rubric; cells say whether each clinic's site shows it."""
    from directory.rubric import SIGNALS

    has = [{line.signal for line in d.signals} for d in clinics]
    rows = []
    for s in sorted(SIGNALS, key=lambda s: texts.CRITERIA_ORDER.index(s.criterion)):
        row = {"Topic": texts.CRITERION_LABELS[s.criterion], "Good practice": s.label}
        for name, found in zip(names, has, strict=True):
            row[name] = "✓ found" if s.id in found else "–"
        rows.append(row)
    return pd.DataFrame(rows)


RESERVED_COLUMNS = frozenset({"Topic", "Good practice"})


def display_names(clinics: Sequence[ClinicDetail]) -> list[str]:
    """Column names for a comparison: plain, short, and unique even when names repeat."""
    names: list[str] = []
    for d in clinics:
        name = plain(d.name, 60) or f"Clinic {d.clinic_id}"
        if name in names or name in RESERVED_COLUMNS:
            name = f"{name} (#{d.clinic_id})"
        names.append(name)
    return names
