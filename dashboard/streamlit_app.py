"""The patient-facing dashboard: `streamlit run dashboard/streamlit_app.py` (or `clinics dashboard`).

Reads the database named by $CLINICS_DB (default sqlite:///var/clinics.db) through
`directory`'s query functions. Pages only lay out widgets; see dashboard/data.py, charts.py,
safe.py, texts.py and ui.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

try:
    import dashboard  # noqa: F401
except ModuleNotFoundError:  # run from a checkout that was installed before dashboard/ existed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import texts, ui

st.set_page_config(
    page_title=texts.APP_TITLE,
    page_icon=":material/health_and_safety:",
    layout="wide",
    initial_sidebar_state="auto",
)
ui.keep_find_state()

pages = [
    st.Page(ui.FIND_PAGE, title="Find a clinic", icon=":material/search:", default=True),
    st.Page(ui.CLINIC_PAGE, title="Clinic details", icon=":material/local_hospital:"),
    st.Page(ui.COMPARE_PAGE, title="Compare clinics", icon=":material/compare_arrows:"),
    st.Page(ui.METHOD_PAGE, title="How scores work", icon=":material/menu_book:"),
    st.Page(ui.HEALTH_PAGE, title="Crawl health", icon=":material/monitor_heart:"),
]
page = st.navigation(pages)
with st.sidebar:
    st.caption(texts.DISCLAIMER)
    ui.crisis_note()
page.run()
