"""Find: where, filters and weights; the ranked clinics as a list, a table and a map; and a
download of exactly the ranking shown."""

from __future__ import annotations

import re

import streamlit as st

from dashboard import charts, data, texts, ui
from directory.export import ExportError
from directory.rubric import CRITERIA, ROUTES

PAGE_SIZE = 10


def show_more() -> None:
    st.session_state["shown"] = st.session_state.get("shown", PAGE_SIZE) + PAGE_SIZE


url = ui.require_data()
frame = ui.load(data.ranking, url)
ui.start_find_state()

st.title("Find a ketamine clinic")
st.markdown(
    "Clinics ranked by the evidence of good practice they publish on their own websites. "
    "Every point comes with a quote you can read. **This is not medical advice.** "
    + texts.CRISIS_SHORT
)

where = st.columns(3)
where[0].text_input(
    "Your ZIP code",
    key="zip",
    max_chars=5,
    placeholder="e.g. 80202",
    help="Measure distances from this US ZIP code.",
)
where[1].select_slider(
    "Within (miles)", options=ui.RADII, key="radius", help="Used when you give a ZIP code."
)
states = ["", *data.states(frame)]
if st.session_state["state"] not in states:
    st.session_state["state"] = ""
where[2].selectbox("State", states, key="state", format_func=texts.state_label)

with st.expander("More filters", icon=":material/tune:"):
    left, right = st.columns(2)
    left.multiselect(
        "How ketamine is given",
        ROUTES,
        key="routes",
        format_func=texts.ROUTE_LABELS.__getitem__,
        placeholder="Any way",
        help="Clinics offering at least one of these.",
    )
    right.selectbox(
        "Insurance",
        list(texts.INSURANCE_CHOICES),
        key="insurance",
        format_func=texts.INSURANCE_CHOICES.__getitem__,
    )
    left.number_input(
        "Highest price per session ($)",
        min_value=0,
        step=50,
        value=None,
        key="max_price",
        placeholder="Any price",
        help="Clinics that do not publish a price are hidden while this is set.",
    )
    right.text_input("Clinic name contains", key="name_contains", placeholder="Any name")
    left.checkbox("Only clinics that say they treat PTSD", key="ptsd_only")
    right.checkbox("Only clinics that offer telehealth visits", key="telehealth_only")
    left.slider("Lowest overall score", 0, 100, step=5, key="min_score")
    right.slider(
        "Evidence on at least this many of the 6 topics",
        0,
        len(CRITERIA),
        key="min_topics",
        help="Coverage: topics for which the clinic's website published anything at all.",
    )

with st.expander("What matters most to you", icon=":material/balance:"):
    st.caption(
        "Move a slider to change how much a topic counts in the overall score; the ranking "
        "changes at once. What matters is how the weights compare: 0 ignores a topic."
    )
    sliders = st.columns(3)
    for i, criterion in enumerate(texts.CRITERIA_ORDER):
        sliders[i % 3].slider(
            texts.CRITERION_LABELS[criterion],
            0,
            100,
            step=5,
            key=ui.WEIGHT_KEYS[criterion],
            help=texts.CRITERION_HELP[criterion],
        )
    st.button("Back to the default weights", on_click=ui.reset_weights)

typed = st.session_state["zip"].strip()
zip_code = typed if re.fullmatch(r"\d{5}", typed) else ""
if typed and not zip_code:
    st.warning("A US ZIP code has five digits, e.g. 80202. Showing clinics anywhere for now.")
elif zip_code and data.zip_point(zip_code) is None:
    st.warning(f"We do not know the ZIP code {zip_code}. Showing clinics anywhere for now.")
    zip_code = ""
weights = ui.weights()
if sum(weights.values()) <= 0:
    st.warning("All weights are 0, so clinics are ordered by evidence found. Raise one.")
try:
    filters = data.search_filters(st.session_state.to_dict(), zip_code)
    ranked = data.find(frame, weights, filters, st.session_state["name_contains"])
except ExportError as exc:  # the widgets only offer valid values; say it plainly if not
    st.warning(f"That search could not run: {exc}")
    st.stop()

found, radius = len(ranked), st.session_state["radius"]
near = f" within {radius} miles of {zip_code}" if zip_code else ""
st.subheader(f"{found} {'clinic' if found == 1 else 'clinics'}{near}")
if found == 0:
    if zip_code and radius < ui.RADII[-1]:
        st.info(
            f"No clinic matches within {radius} miles of {zip_code}. Try a wider radius, or "
            "remove a filter.",
            icon=":material/travel_explore:",
        )
        wider = next(r for r in ui.RADII if r > radius)
        st.button(f"Search within {wider} miles", on_click=ui.widen_radius, type="primary")
    else:
        st.info(
            "No clinic matches all of your filters. Try removing some of them.",
            icon=":material/filter_alt_off:",
        )
    st.button("Clear the filters (keep ZIP and weights)", on_click=ui.clear_filters)
    st.stop()

st.caption(
    ("Ranked with the default weights: safety counts most. " if ui.weights_are_default()
     else "Ranked with your weights. ")
    + "A low score can mean the website says little: check how much evidence was found."
)  # fmt: skip

# Stateful tabs: only the open tab's code runs, so a slider move never builds a hidden map.
list_tab, table_tab, map_tab = st.tabs(["List", "Table", "Map"], key="view", on_change="rerun")
if list_tab.open:
    with list_tab:
        shown = min(found, st.session_state.get("shown", PAGE_SIZE))
        for row in data.table(ranked.head(shown)).itertuples(index=False):
            ui.clinic_card(row, with_distance=bool(zip_code))
        if shown < found:
            st.button(f"Show {min(PAGE_SIZE, found - shown)} more", on_click=show_more)
if table_tab.open:
    with table_tab:
        table = data.table(ranked)
        picked = ui.results_table(table, with_distance=bool(zip_code))
        ui.selection_actions(picked)
if map_tab.open:
    with map_tab:
        points = data.map_points(ranked.head(data.MAP_LIMIT))
        centre = data.zip_point(zip_code) if zip_code else None
        st.pydeck_chart(charts.results_map(points, centre, float(radius)), height=460)
        shown_on_map = f"The {len(points)} best-ranked" if found > data.MAP_LIMIT else len(points)
        st.caption(
            f"{shown_on_map} of {found} clinics are on the map. Darker blue means a higher "
            "score, light yellow a lower one. Hover over a dot for its name."
        )

st.download_button(
    "Download this ranking (CSV)",
    data=lambda: data.csv_bytes(ranked),
    file_name="clinic-ranking.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    help="The clinics above, in this order, with every score and fact (opens in any spreadsheet).",
)
st.page_link(
    ui.METHOD_PAGE,
    label="How scores work, who ketamine may help, and who should not take it",
    icon=":material/menu_book:",
)
