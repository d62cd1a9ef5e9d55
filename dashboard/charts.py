"""Charts (Altair) and the map (pydeck). Scraped text appears only as data values, which Vega
draws as text and deck.gl shows in a plain-text tooltip, never as HTML."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import cast

import altair as alt
import pandas as pd
import pydeck as pdk

from dashboard import texts
from directory.queries import ClinicDetail
from directory.rubric import CRITERIA

BLUE = "#1c6e8c"  # the dashboard theme's primary colour
GREY = "#e3e6ea"
# Up to four clinics side by side: distinct for most kinds of colour blindness (Okabe-Ito).
CLINIC_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")


def breakdown_frame(scores: Mapping[str, float], weights: Mapping[str, float]) -> pd.DataFrame:
    """Per criterion: its score, its share of the weights, and the points it adds to overall."""
    total = sum(max(0.0, float(weights.get(c, 0.0))) for c in CRITERIA) or 1.0
    rows = []
    for c in texts.CRITERIA_ORDER:
        share = max(0.0, float(weights.get(c, 0.0))) / total
        score = float(scores.get(c, 0.0))
        rows.append(
            {
                "criterion": texts.CRITERION_LABELS[c],
                "score": round(score),
                "weight": round(share * 100),
                "points": round(score * share, 1),
                "possible": round(share * 100, 1),
            }
        )
    return pd.DataFrame(rows)


def breakdown(scores: Mapping[str, float], weights: Mapping[str, float]) -> alt.LayerChart:
    """How many of the overall score's points each criterion adds (grey: what it could add)."""
    frame = breakdown_frame(scores, weights)
    order = list(frame["criterion"])
    y = alt.Y("criterion:N", sort=order, title=None, axis=alt.Axis(labelLimit=200))
    tooltip = [
        alt.Tooltip("criterion:N", title="Topic"),
        alt.Tooltip("score:Q", title="Topic score (0-100)"),
        alt.Tooltip("weight:Q", title="Weight (%)"),
        alt.Tooltip("points:Q", title="Points added to overall"),
    ]
    base = alt.Chart(frame).encode(y=y, tooltip=tooltip)
    possible = base.mark_bar(color=GREY, cornerRadiusEnd=3).encode(
        x=alt.X(
            "possible:Q",
            title="Points added to the overall score",
            scale=alt.Scale(domain=[0, max(1.0, float(frame["possible"].max())) * 1.3], nice=False),
            axis=alt.Axis(grid=False),
        )
    )
    earned = base.mark_bar(color=BLUE, cornerRadiusEnd=3).encode(x="points:Q")
    labels = (
        base.mark_text(align="left", dx=4, color="#333")
        .encode(x="possible:Q", text=alt.Text("label:N"))
        .transform_calculate(
            label="format(datum.points, '.1f') + ' of ' + format(datum.possible, '.0f')"
        )
    )
    return cast(alt.LayerChart, (possible + earned + labels).properties(height=alt.Step(34)))


def _zoom_for(radius_miles: float) -> float:
    """A zoom level at which a circle of this radius roughly fills the map."""
    return max(2.0, min(11.0, 8.6 - math.log2(max(radius_miles, 1.0) / 10)))


def compare_frame(clinics: Sequence[ClinicDetail], names: Sequence[str]) -> pd.DataFrame:
    rows = [
        {
            "clinic": name,
            "criterion": texts.CRITERION_LABELS[c],
            "score": round(float(d.scores.get(c, 0.0))),
        }
        for d, name in zip(clinics, names, strict=True)
        for c in texts.CRITERIA_ORDER
    ]
    return pd.DataFrame(rows)


def compare(clinics: Sequence[ClinicDetail], names: Sequence[str]) -> alt.Chart:
    """Six topic scores per clinic, grouped by topic."""
    frame = compare_frame(clinics, names)
    order = [texts.CRITERION_LABELS[c] for c in texts.CRITERIA_ORDER]
    colour = alt.Color(
        "clinic:N",
        sort=list(names),
        scale=alt.Scale(domain=list(names), range=list(CLINIC_COLOURS[: len(names)])),
        legend=alt.Legend(title=None, orient="top", direction="vertical", labelLimit=400),
    )
    chart = (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=2)
        .encode(
            y=alt.Y("criterion:N", sort=order, title=None, axis=alt.Axis(labelLimit=200)),
            yOffset=alt.YOffset("clinic:N", sort=list(names)),
            x=alt.X("score:Q", title="Score (0-100)", scale=alt.Scale(domain=[0, 100])),
            color=colour,
            tooltip=[
                alt.Tooltip("clinic:N", title="Clinic"),
                alt.Tooltip("criterion:N", title="Topic"),
                alt.Tooltip("score:Q", title="Score"),
            ],
        )
        .properties(height=alt.Step(12))
    )
    return cast(alt.Chart, chart)


def results_map(
    points: pd.DataFrame, centre: tuple[float, float] | None, radius_miles: float | None = None
) -> pdk.Deck:
    """Clinics as dots coloured by score; hovering shows rank, name and score as plain text.
    With a centre, a ring shows the search radius (useful even before map tiles load)."""
    if centre is not None:
        lat, lon, zoom = centre[0], centre[1], 7.0
    elif len(points):
        lat, lon = float(points["lat"].mean()), float(points["lon"].mean())
        zoom = 3.0 if len(points) > 1 else 8.0
    else:
        lat, lon, zoom = 39.8, -98.6, 3.0  # the contiguous United States
    layer = pdk.Layer(
        "ScatterplotLayer",
        data=points,
        get_position="[lon, lat]",
        get_fill_color="[r, g, b, 220]",
        get_line_color=[40, 40, 40, 160],
        line_width_min_pixels=1,
        stroked=True,
        radius_min_pixels=5,
        radius_max_pixels=14,
        get_radius=3000,
        pickable=True,
    )
    layers = [layer]
    if centre is not None and radius_miles:
        ring = pd.DataFrame({"lat": [centre[0]], "lon": [centre[1]]})
        layers.insert(
            0,
            pdk.Layer(
                "ScatterplotLayer",
                data=ring,
                get_position="[lon, lat]",
                get_radius=radius_miles * 1609.34,
                filled=False,
                stroked=True,
                get_line_color=[28, 110, 140, 200],
                line_width_min_pixels=2,
                pickable=False,
            ),
        )
        zoom = _zoom_for(radius_miles)
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom),
        map_style=None,
        # "text" (not "html"): deck.gl sets innerText, so a scraped name stays inert.
        tooltip={"text": "#{rank} {name}\nScore {score} of 100"},
    )
