"""Clinic (deep link: ?clinic=ID): score breakdown, warning signs, every quote with its page
and date, questions to ask, facts and where it is listed."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, texts, ui
from dashboard.safe import safe_url
from directory.rubric import RED_FLAG_PENALTY

url = ui.require_data()
frame = ui.load(data.ranking, url)
labels = data.label_of(frame)
options = sorted(labels, key=lambda cid: (labels[cid].lower(), cid))

st.title("Clinic details")
asked = data.clinic_ids(st.query_params.get("clinic"))
if asked and asked[0] in labels:
    if st.session_state.get("clinic_pick") != asked[0]:
        st.session_state["clinic_pick"] = asked[0]
elif asked:
    st.warning(f"There is no clinic number {asked[0]} in the directory. Choose one below.")
chosen = st.selectbox(
    "Clinic",
    options,
    index=None,
    key="clinic_pick",
    format_func=labels.__getitem__,
    placeholder="Choose a clinic, or open one from the Find page",
)
if chosen is None:
    st.page_link(ui.FIND_PAGE, label="Find a clinic near you", icon=":material/search:")
    st.stop()
if asked[:1] != [chosen]:
    st.query_params["clinic"] = str(chosen)

detail = ui.load(data.detail, url, chosen)
if detail is None:
    st.warning("This clinic is no longer in the directory.")
    st.stop()

weights = ui.weights()
overall = data.weighted_overall(detail.scores, weights)
crawled = detail.last_crawled.strftime("%b %d, %Y") if detail.last_crawled else "Never"
# A wrapping row: four across on a laptop, two by two on a phone.
with st.container(horizontal=True, gap="medium"):
    st.metric(
        "Overall score (0-100)",
        f"{overall:.0f}",
        help="With the default weights." if ui.weights_are_default() else "With your weights.",
        width="content",
    )
    st.metric(
        "Topics with evidence",
        texts.coverage_text(detail.coverage).removesuffix(" topics"),
        help="Of the six topics, how many the website published anything about.",
        width="content",
    )
    st.metric("Warning signs", len(detail.red_flags), width="content")
    st.metric("Website last read", crawled, width="content")

website = safe_url(detail.website)
if website:
    st.link_button("Visit the clinic's website", website, icon=":material/open_in_new:")
else:
    st.info("This clinic lists no website we could read, so it has no evidence yet.")
if detail.stale:
    st.warning(
        "The last crawl could not reach this clinic's website; what is shown may be out of date."
    )

if detail.red_flags:
    st.error(
        f"**Warning signs on this clinic's website.** Each takes "
        f"{RED_FLAG_PENALTY} points off its safety score. Ask the clinic about them.",
        icon=":material/warning:",
    )
    for flag in detail.red_flags:
        ui.quote_block(flag.label, None, [flag])

st.subheader("Where the score comes from")
st.altair_chart(charts.breakdown(detail.scores, weights), width="stretch")
st.caption(
    "Each bar shows the points a topic adds to the overall score; the grey part is what the "
    "clinic could add by publishing more. Open a topic below to read the quotes."
)

st.subheader("What the website says")
found = data.evidence_by_criterion(detail)
missing = data.missing_by_criterion(detail)
for criterion in texts.CRITERIA_ORDER:
    title = (
        f"{texts.CRITERION_LABELS[criterion]} · {detail.scores.get(criterion, 0):.0f} of 100 · "
        f"{len(found[criterion])} found, {len(missing[criterion])} not found"
    )
    with st.expander(title):
        for label, points, lines in found[criterion]:
            ui.quote_block(label, points, lines)
        if not found[criterion]:
            st.markdown("The website says nothing about this topic.")
        if criterion == "safety" and detail.red_flags:
            st.caption(
                f"Warning signs took {RED_FLAG_PENALTY * len(detail.red_flags)} points off this "
                "score (see the top of the page)."
            )
        if missing[criterion]:
            st.caption("Not found: " + "; ".join(missing[criterion]) + ".")

st.subheader("Questions to ask this clinic")
questions = detail.questions()
if questions:
    st.markdown("Its website does not say. Ask before you book:")
    st.markdown("\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1)))
    st.download_button(
        "Save these questions",
        data=data.questions_text(detail),
        file_name=f"questions-clinic-{detail.clinic_id}.txt",
        mime="text/plain",
        on_click="ignore",
        icon=":material/download:",
    )
else:
    st.markdown("Its website answers every question we look for.")

st.subheader("Facts")
st.dataframe(data.facts_table(detail), hide_index=True, width="stretch")
sources = data.sources_table(detail)
if len(sources):
    st.caption("Listed on")
    st.dataframe(
        sources,
        hide_index=True,
        column_config={"Listing": ui.link_column("Listing")},
    )

st.divider()
ui.crisis_note()
st.caption(texts.DISCLAIMER + " " + texts.UNKNOWN_IS_NOT_BAD)
