"""How scores work, in plain words (generated from directory.rubric), and what to know before
choosing a clinic: disclaimer, who may benefit, who should not take ketamine, a session."""

from __future__ import annotations

import streamlit as st

from dashboard import texts, ui

st.title("How scores work")
st.warning(texts.DISCLAIMER, icon=":material/info:")
st.markdown(texts.UNKNOWN_IS_NOT_BAD)
st.info(texts.CRISIS, icon=":material/call:")

st.markdown(texts.HOW_SCORES_WORK)
st.subheader("The six topics")
for criterion in texts.CRITERIA_ORDER:
    with st.expander(f"{texts.CRITERION_LABELS[criterion]}: {texts.CRITERION_HELP[criterion]}"):
        st.dataframe(texts.rubric_frame(criterion), hide_index=True, width="stretch")
st.markdown("**Warning signs**, shown on every clinic's page when its website says them:")
st.dataframe(texts.red_flag_frame(), hide_index=True)

st.subheader("Who may benefit")
st.markdown(texts.WHO_MAY_BENEFIT)

st.subheader("Who should not take ketamine")
st.markdown(texts.CONTRAINDICATIONS_INTRO)
st.markdown("\n".join(f"- {item}" for item in texts.CONTRAINDICATIONS))
st.markdown(texts.CONTRAINDICATIONS_OUTRO)

st.subheader("What a course of treatment involves")
for step, (title, body) in enumerate(texts.SESSION_STEPS, 1):
    st.markdown(f"**{step}. {title}.** {body}")

st.divider()
ui.crisis_note()
st.page_link(ui.FIND_PAGE, label="Find a clinic", icon=":material/search:")
