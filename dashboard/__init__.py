"""The patient-facing Streamlit dashboard (`streamlit run dashboard/streamlit_app.py`).

It reads only through `directory`'s query functions; `directory` never imports it.
"""
