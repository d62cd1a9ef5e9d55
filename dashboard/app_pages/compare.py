"""Compare (deep link: ?clinics=ID,ID,...): two to four clinics side by side."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, ui
from dashboard.safe import safe_url
from directory.export import Filters

url = ui.require_data()
frame = ui.load(data.ranking, url)
labels = data.label_of(frame)
options = [int(i) for i in data.find(frame, ui.weights(), Filters())["clinic_id"]]

st.title("Compare clinics")
asked = [i for i in data.clinic_ids(st.query_params.get_all("clinics")) if i in labels][:4]
if asked and st.session_state.get("compare_pick") != asked:
    st.session_state["compare_pick"] = asked
chosen = st.multiselect(
    "Clinics to compare (two to four), best ranked first",
    options,
    key="compare_pick",
    format_func=labels.__getitem__,
    max_selections=4,
    placeholder="Choose clinics",
)
if chosen:
    st.query_params["clinics"] = ",".join(map(str, chosen))
elif "clinics" in st.query_params:
    del st.query_params["clinics"]
if len(chosen) < 2:
    st.info(
        "Choose two to four clinics above. On the Find page you can also tick clinics in the "
        "Table tab and compare them from there.",
        icon=":material/compare_arrows:",
    )
    st.stop()

clinics = ui.load(data.details, url, tuple(chosen))
names = data.display_names(clinics)
weights = ui.weights()

heads = st.columns(len(clinics))
for head, clinic, name in zip(heads, clinics, names, strict=True):
    with head.container(border=True):
        st.text(name)
        st.metric("Overall score", f"{data.weighted_overall(clinic.scores, weights):.0f}")
        site = safe_url(clinic.website)
        if site:
            st.link_button("Website", site, icon=":material/open_in_new:", type="tertiary")
        st.page_link(
            ui.CLINIC_PAGE,
            label="Details and quotes",
            icon=":material/arrow_forward:",
            query_params={"clinic": str(clinic.clinic_id)},
        )

st.subheader("Scores by topic")
st.altair_chart(charts.compare(clinics, names), width="stretch")
st.dataframe(data.compare_scores(clinics, names, weights), width="stretch")

st.subheader("Facts")
st.dataframe(data.compare_facts(clinics, names), width="stretch")

st.subheader("Good practices each website describes")
st.caption("A dash means the website does not say: ask the clinic.")
st.dataframe(data.compare_signals(clinics, names), hide_index=True, width="stretch")

st.divider()
ui.crisis_note()
