"""Layout pieces shared by the pages: the database gate, the user's weights, column configs.

Every message here is the dashboard's own text; scraped text goes through st.text or a
dataframe, never Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard import data, texts
from dashboard.safe import LINK_PATTERN, md_escape, page_label, plain, safe_url
from directory.db import DatabaseError, redact
from directory.queries import SignalLine
from directory.rubric import CRITERIA, DEFAULT_WEIGHTS, RED_FLAG_PENALTY

FIND_PAGE = "app_pages/find.py"
CLINIC_PAGE = "app_pages/clinic.py"
COMPARE_PAGE = "app_pages/compare.py"
HEALTH_PAGE = "app_pages/health.py"
METHOD_PAGE = "app_pages/method.py"

WEIGHT_KEYS = {c: f"weight_{c}" for c in CRITERIA}
RADII = (10, 25, 50, 100, 250, 500, 1000)
# The Find page's widgets (by key) and their starting values.
FIND_DEFAULTS: dict[str, Any] = {
    "zip": "",
    "radius": 50,
    "state": "",
    "routes": [],
    "insurance": "",
    "max_price": None,
    "ptsd_only": False,
    "telehealth_only": False,
    "min_score": 0,
    "min_topics": 0,
    "name_contains": "",
    **{key: int(DEFAULT_WEIGHTS[c]) for c, key in WEIGHT_KEYS.items()},
}
FILTER_KEYS = tuple(k for k in FIND_DEFAULTS if k not in WEIGHT_KEYS.values())
FIND_KEYS = (*FIND_DEFAULTS, "view", "shown")

T = TypeVar("T")


def keep_find_state() -> None:
    """Streamlit forgets a widget's value when its page is not drawn; copying the values into
    session state on every run keeps the user's filters and weights across pages."""
    for key in FIND_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def start_find_state() -> None:
    """Give every Find widget its starting value once (widgets then take it from state)."""
    for key, value in FIND_DEFAULTS.items():
        st.session_state.setdefault(key, value)


def widen_radius() -> None:
    bigger = [r for r in RADII if r > st.session_state["radius"]]
    st.session_state["radius"] = bigger[0] if bigger else RADII[-1]


def clear_filters() -> None:
    """Back to no filters, keeping the ZIP code, the radius and the weights."""
    for key in FILTER_KEYS:
        if key not in ("zip", "radius"):
            st.session_state[key] = FIND_DEFAULTS[key]


def weights() -> dict[str, float]:
    """The user's weights (the SPEC defaults until they move a slider)."""
    return {
        c: float(st.session_state.get(key, DEFAULT_WEIGHTS[c])) for c, key in WEIGHT_KEYS.items()
    }


def weights_are_default() -> bool:
    return all(weights()[c] == DEFAULT_WEIGHTS[c] for c in CRITERIA)


def reset_weights() -> None:
    for c, key in WEIGHT_KEYS.items():
        st.session_state[key] = int(DEFAULT_WEIGHTS[c])


def database_message(error: Exception) -> None:
    """One clear line, no traceback."""
    if isinstance(error, DatabaseError):
        detail = str(error)
    else:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()
        detail = f"cannot read {redact(data.database_url())}: {reason[0] if reason else type(error).__name__}"
    st.error(f"The clinic database cannot be opened: {md_escape(detail)}", icon=":material/error:")


def load(fetch: Callable[..., T], *args: Any) -> T:
    """Run a data function; on a database error show one line and stop the page."""
    try:
        return fetch(*args)
    except (DatabaseError, SQLAlchemyError) as exc:
        database_message(exc)
        st.stop()
        raise  # unreachable: st.stop() ends the run


def require_data(*, allow_empty: bool = False) -> str:
    """The database URL when it holds clinics (or just a schema, with `allow_empty`);
    otherwise explain what to do, and stop."""
    url = data.database_url()
    current = load(data.state, url)
    if current == "ready" or (allow_empty and current == "empty"):
        return url
    if current == "missing":
        st.info(
            "The clinic database has not been built yet. In the project folder, run "
            "`make demo` (or `clinics crawl --sample`), then reload this page.",
            icon=":material/database:",
        )
    else:
        st.info(
            "The clinic database is empty: no clinic has been crawled yet. In the project "
            "folder, run `make demo` (or `clinics crawl --sample`), then reload this page.",
            icon=":material/database:",
        )
    st.stop()
    raise AssertionError("unreachable")


def crisis_note(where: Any = st) -> None:
    where.markdown(texts.CRISIS_SHORT)


def link_column(label: str, help: str | None = None) -> Any:
    """A link column that shows the site's host and refuses anything but http(s)."""
    return st.column_config.LinkColumn(
        label,
        help=help,
        validate=LINK_PATTERN,
        display_text=r"^https?://(?:www\.)?([^/?#]+)",
    )


def quote_block(
    label: str, points: float | None, lines: Sequence[SignalLine], limit: int = 3
) -> None:
    """One signal (or warning sign): our label, then each quote as plain text with its page,
    the date it was read and a link to the page when that is http(s)."""
    if points is None:
        st.markdown(f"**{label}** · {-RED_FLAG_PENALTY} safety points")
    else:
        st.markdown(f"**{label}** · +{points:.0f} points" if points else f"**{label}**")
    for line in lines[:limit]:
        page = safe_url(line.url)
        when = line.crawled_at.strftime("%b %d, %Y") if line.crawled_at else "an unknown date"
        source = f"{page_label(page)}, read on {when}" if page else f"read on {when}"
        quote, link = st.columns([5, 1], vertical_alignment="center")
        quote.text(f"“{plain(line.quote, 400)}”\n— {source}")
        if page:
            link.link_button("Open page", page, type="tertiary", icon=":material/open_in_new:")
    if len(lines) > limit:
        st.caption(f"And {len(lines) - limit} more places on the site say the same.")


def clinic_card(row: Any, *, with_distance: bool) -> None:
    """One ranked clinic (a row of `data.table`) as a card: name, place, score bar, facts."""
    with st.container(border=True):
        head, link = st.columns([4, 1], vertical_alignment="top")
        distance = ""
        if with_distance:
            distance = (
                " · under a mile away" if row.distance < 1 else f" · {row.distance:.0f} miles away"
            )
        head.text(f"{row.rank}. {row.name}\n{row.place}{distance}")
        link.page_link(
            CLINIC_PAGE,
            label="Details",
            icon=":material/arrow_forward:",
            query_params={"clinic": str(row.clinic_id)},
        )
        st.progress(
            min(1.0, max(0.0, row.score / 100)),
            text=f"Score {row.score:.0f} of 100 · evidence on {row.evidence}",
        )
        price = "Price not published" if row.price == texts.NO_PRICE else f"{row.price} per session"
        facts = f"{price} · Insurance: {row.insurance.lower()}"
        st.text(facts + (f"\nGiven as: {row.routes}" if row.routes else ""))
        if not row.website:
            st.caption("No website we could read is listed, so there is no evidence yet.")
        if row.warnings:
            st.markdown(f":red[**{row.warnings}** on its website: see details.]")


def results_table(table: Any, *, with_distance: bool) -> list[int]:
    """The ranked clinics as a table with score bars and safe links; returns the ticked ids."""
    columns = ["rank", "name", "score", "evidence"] + (["distance"] if with_distance else [])
    columns += ["place", "price", "insurance", "routes", "warnings", "website"]
    config = st.column_config
    event = st.dataframe(
        table,
        hide_index=True,
        column_order=columns,
        column_config={
            "rank": config.NumberColumn("#", format="%d", width="small"),
            "name": config.TextColumn("Clinic", width="large"),
            "score": config.ProgressColumn(
                "Score",
                min_value=0,
                max_value=100,
                format="%.0f",
                help="Overall score, 0 to 100, with the weights above.",
            ),
            "evidence": config.TextColumn(
                "Evidence found", help="Topics for which the website published anything."
            ),
            "distance": config.NumberColumn("Miles", format="%.0f"),
            "place": config.TextColumn("Location"),
            "price": config.TextColumn("Price per session"),
            "insurance": config.TextColumn("Insurance"),
            "routes": config.TextColumn("Given as"),
            "warnings": config.TextColumn("Warnings"),
            "website": link_column("Website"),
        },
        on_select="rerun",
        selection_mode="multi-row",
        key="results_table",
    )
    return [int(table["clinic_id"].iloc[i]) for i in event.selection.rows]


def selection_actions(picked: Sequence[int]) -> None:
    """Links for the clinics ticked in the results table: open one, or compare two to four."""
    if len(picked) == 1:
        st.page_link(
            CLINIC_PAGE,
            label="Open the selected clinic",
            icon=":material/arrow_forward:",
            query_params={"clinic": str(picked[0])},
        )
    elif 2 <= len(picked) <= 4:
        st.page_link(
            COMPARE_PAGE,
            label=f"Compare the {len(picked)} selected clinics",
            icon=":material/compare_arrows:",
            query_params={"clinics": ",".join(map(str, picked))},
        )
    elif len(picked) > 4:
        st.caption("Select at most four clinics to compare them.")
    else:
        st.caption("Tick one clinic to open it, or two to four to compare them.")
