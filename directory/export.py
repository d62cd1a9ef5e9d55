"""Ranking and export: one row per clinic, re-weighted and filtered with vectorized pandas.

`load_frame` reads the current score and facts of every clinic once; `rank` re-weights and
filters that frame in memory (cheap enough to run on every slider move for 100k clinics);
`write_csv` / `write_parquet` write the SPEC section 7 columns. Identical input gives
byte-identical output.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.models import Clinic, Score
from directory.normalize import zip_latlon
from directory.rubric import CRITERIA, DEFAULT_WEIGHTS, ROUTES, RUBRIC_VERSION

CSV_COLUMNS = (
    "rank", "clinic_id", "name", "website", "phone", "street", "city", "state", "zip", "lat", "lon",
    "distance_miles", "routes", "price_min_usd", "price_max_usd", "insurance", "financing", "ptsd",
    "rating", "review_count", "score_overall", "score_expertise", "score_holistic", "score_safety",
    "score_cost", "score_reviews", "score_personalization", "coverage", "red_flags", "evidence_count",
    "last_crawled",
)  # fmt: skip
EXTRA_COLUMNS = ("telehealth", "veterans", "superbill", "stale")
SCORE_COLUMNS = tuple(f"score_{c}" for c in CRITERIA)
EARTH_RADIUS_MILES = 3958.8
# A spreadsheet treats a cell starting with one of these as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """A user-fixable problem with export options (bad weights, unknown ZIP, bad route)."""


def parse_weights(text: str | None) -> dict[str, float]:
    """`expertise=2,safety=3` -> weights; criteria not named keep their default weight."""
    weights = dict(DEFAULT_WEIGHTS)
    if not text:
        return weights
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        name = name.strip().lower()
        if not sep or name not in CRITERIA:
            raise ExportError(
                f"bad weight {part.strip()!r}: use criterion=number with criteria {', '.join(CRITERIA)}"
            )
        try:
            number = float(value)
        except ValueError:
            raise ExportError(
                f"bad weight {part.strip()!r}: {value.strip()!r} is not a number"
            ) from None
        if not np.isfinite(number) or number < 0:
            raise ExportError(f"bad weight {part.strip()!r}: weights must be finite and >= 0")
        weights[name] = number
    total = sum(weights.values())
    if total <= 0:
        raise ExportError("bad weights: at least one weight must be above 0")
    if not np.isfinite(total):  # rank() divides by the total: inf/inf would score NaN
        raise ExportError("bad weights: the weights are too large (their sum overflows)")
    return weights


def load_frame(session: Session) -> pd.DataFrame:
    """Every ranked clinic with its newest score under the current rubric (0 if none yet).

    A clinic is ranked once a finished run (or `clinics score`) has scored it: clinics first
    seen by a crawl that was killed or failed stay out until a crawl finishes.
    """
    newest = (
        select(Score.clinic_id, func.max(Score.run_id).label("run_id"))
        .where(Score.rubric_version == RUBRIC_VERSION)
        .group_by(Score.clinic_id)
        .subquery()
    )
    score_cols = [getattr(Score, c).label(f"score_{c}") for c in CRITERIA]
    query = (
        select(
            Clinic.id.label("clinic_id"),
            Clinic.name,
            Clinic.website,
            Clinic.phone,
            Clinic.street,
            Clinic.city,
            Clinic.state,
            Clinic.zip,
            Clinic.lat,
            Clinic.lon,
            Clinic.routes,
            Clinic.price_min_usd,
            Clinic.price_max_usd,
            Clinic.insurance,
            Clinic.financing,
            Clinic.ptsd,
            Clinic.rating,
            Clinic.review_count,
            Clinic.red_flags,
            Clinic.last_crawled,
            Clinic.telehealth,
            Clinic.veterans,
            Clinic.superbill,
            Clinic.stale,
            *score_cols,
            Score.overall.label("score_overall"),
            Score.coverage,
            Score.evidence_count,
        )
        .outerjoin(newest, newest.c.clinic_id == Clinic.id)
        .outerjoin(
            Score,
            (Score.clinic_id == Clinic.id)
            & (Score.run_id == newest.c.run_id)
            & (Score.rubric_version == RUBRIC_VERSION),
        )
        .where(Clinic.id.in_(select(Score.clinic_id)))
        .order_by(Clinic.id)
    )
    frame = pd.DataFrame(session.execute(query).mappings().all())
    if frame.empty:
        frame = pd.DataFrame(
            columns=[c for c in CSV_COLUMNS if c not in ("rank", "distance_miles")]
            + list(EXTRA_COLUMNS)
        )
    for col in (*SCORE_COLUMNS, "score_overall", "coverage"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").fillna(0.0).astype(float)
    frame["evidence_count"] = (
        pd.to_numeric(frame["evidence_count"], errors="coerce").fillna(0).astype(int)
    )
    frame["routes"] = frame["routes"].map(lambda v: list(v) if isinstance(v, list) else [])
    frame["red_flags"] = frame["red_flags"].map(lambda v: list(v) if isinstance(v, list) else [])
    return frame


@dataclass(frozen=True)
class Filters:
    state: str | None = None
    near_zip: str | None = None
    radius_miles: float | None = None
    routes: Sequence[str] = ()
    insurance: str | None = None
    max_price: float | None = None
    ptsd_only: bool = False
    telehealth_only: bool = False
    min_score: float = 0.0
    min_coverage: float = 0.0


def haversine_miles(
    lat: np.ndarray[Any, Any], lon: np.ndarray[Any, Any], lat0: float, lon0: float
) -> np.ndarray[Any, Any]:
    """Great-circle distance in miles from one point to many (NaN where unknown)."""
    p1, p2 = np.radians(lat), np.radians(lat0)
    dlat, dlon = p1 - p2, np.radians(lon) - np.radians(lon0)
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(a)))


def rank(
    frame: pd.DataFrame,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    filters: Filters | None = None,
) -> pd.DataFrame:
    """Re-weight, filter and order clinics; adds `rank`, `distance_miles`, `score_overall`."""
    filters = filters or Filters()
    out = frame.copy()
    w = np.array([max(0.0, float(weights.get(c, 0.0))) for c in CRITERIA])
    total = w.sum()
    matrix = out[list(SCORE_COLUMNS)].to_numpy(dtype=float)
    out["score_overall"] = np.round(matrix @ w / total, 1) if total > 0 else 0.0
    out["distance_miles"] = np.nan
    mask = np.ones(len(out), dtype=bool)
    if filters.near_zip:
        point = zip_latlon(filters.near_zip)
        if point is None:
            raise ExportError(f"unknown ZIP code {filters.near_zip!r}")
        lat = pd.to_numeric(out["lat"], errors="coerce").to_numpy(dtype=float)
        lon = pd.to_numeric(out["lon"], errors="coerce").to_numpy(dtype=float)
        out["distance_miles"] = np.round(haversine_miles(lat, lon, *point), 1)
        if filters.radius_miles is not None:
            mask &= (out["distance_miles"] <= filters.radius_miles).to_numpy()
    if filters.state:
        mask &= (out["state"].fillna("").str.upper() == filters.state.upper()).to_numpy()
    if filters.routes:
        wanted = set(filters.routes)
        unknown = wanted - set(ROUTES)
        if unknown:
            raise ExportError(
                f"unknown route {sorted(unknown)[0]!r}: choose from {', '.join(ROUTES)}"
            )
        mask &= out["routes"].map(lambda rs: bool(wanted & set(rs))).to_numpy(dtype=bool)
    if filters.insurance:
        mask &= (out["insurance"] == filters.insurance).to_numpy()
    if filters.max_price is not None:
        mask &= (
            pd.to_numeric(out["price_min_usd"], errors="coerce") <= filters.max_price
        ).to_numpy()
    if filters.ptsd_only:
        mask &= (out["ptsd"] == True).to_numpy()  # noqa: E712 - None means unknown
    if filters.telehealth_only:
        mask &= (out["telehealth"] == True).to_numpy()  # noqa: E712
    if filters.min_score:
        mask &= (out["score_overall"] >= filters.min_score).to_numpy()
    if filters.min_coverage:
        mask &= (out["coverage"] >= filters.min_coverage).to_numpy()
    out = out[mask]
    keys = ["score_overall", "coverage", "evidence_count", "clinic_id"]
    out = out.sort_values(keys, ascending=[False, False, False, True], kind="mergesort")
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


def neutralize(value: Any) -> Any:
    """Make a text cell safe for spreadsheets: a leading formula character gets a `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _text_cell(value: Any) -> Any:
    """A text cell fit for a CSV with LF line ends, then the formula guard. The csv writer
    quotes a cell holding an LF but not one holding a bare CR, which then ends the row in a
    reader (the rest, maybe `=...`, starting a row of its own): CR and CRLF become LF."""
    if isinstance(value, str) and "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return neutralize(value)


def export_frame(ranked: pd.DataFrame) -> pd.DataFrame:
    """The ranking in the SPEC column order (then extras), with lists joined and text made safe."""
    out = ranked.copy()
    out["routes"] = out["routes"].map(lambda rs: ";".join(rs))
    out["red_flags"] = out["red_flags"].map(lambda rs: ";".join(rs))
    out["last_crawled"] = pd.to_datetime(
        out["last_crawled"], utc=True, errors="coerce"
    ).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    for col in ("financing", "ptsd", "telehealth", "veterans", "superbill", "stale"):
        out[col] = out[col].map(
            lambda v: (
                ""
                if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
                else ("true" if v else "false")
            )
        )
    out["review_count"] = pd.to_numeric(out["review_count"], errors="coerce").astype("Int64")
    columns = [*CSV_COLUMNS, *EXTRA_COLUMNS]
    out = out[columns]
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(_text_cell)
    return out


def write_csv(ranked: pd.DataFrame, path: Path | str) -> int:
    table = export_frame(ranked)
    table.to_csv(path, index=False, lineterminator="\n")
    return len(table)


def write_parquet(ranked: pd.DataFrame, path: Path | str) -> int:
    table = export_frame(ranked)
    table.to_parquet(path, index=False)
    return len(table)
