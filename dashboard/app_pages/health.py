"""Crawl health: runs, pages, errors, field coverage and freshness, for the people who run
the directory (and anyone who wants to know how fresh the data is)."""

from __future__ import annotations

import streamlit as st

from dashboard import data, texts, ui
from dashboard.safe import plain

url = ui.require_data(allow_empty=True)
health = ui.load(data.health, url)
runs, fresh = health.runs, health.freshness

st.title("Crawl health")
st.markdown(
    "How complete and how fresh the directory is. Clinics' websites are read by a crawler; "
    "each run is listed below with what it fetched and what went wrong."
)

metrics = st.columns(4)
metrics[0].metric("Clinics", len(fresh))
metrics[1].metric("Crawl runs", len(runs))
if len(runs):
    last = runs.iloc[0]
    metrics[2].metric("Last run", str(last["status"]).capitalize(), help=f"Run {last['run']}")
    metrics[3].metric("Errors in last run", int(last["errors"]))
stale = int(fresh["stale"].fillna(False).astype(bool).sum()) if len(fresh) else 0
if stale:
    st.warning(
        f"{stale} clinic websites could not be reached on the last full crawl (kept, marked stale)."
    )

st.subheader("Runs")
if len(runs):
    st.dataframe(
        runs,
        hide_index=True,
        width="stretch",
        column_order=[
            "run", "spider", "status", "started_at", "finished_at", "pages", "items", "errors",
            "refused", "robots_forbidden", "checks_failed", "clinics_scored", "reason",
        ],
        column_config={
            "run": st.column_config.NumberColumn("Run", format="%d"),
            "spider": "Spider",
            "status": "Status",
            "started_at": st.column_config.DatetimeColumn("Started (UTC)", format="YYYY-MM-DD HH:mm"),
            "finished_at": st.column_config.DatetimeColumn("Finished (UTC)", format="YYYY-MM-DD HH:mm"),
            "pages": "Pages",
            "items": "Items",
            "errors": "Errors",
            "refused": st.column_config.NumberColumn("Refused", help="Private addresses refused."),
            "robots_forbidden": st.column_config.NumberColumn("Robots.txt", help="Pages robots.txt forbade."),
            "checks_failed": st.column_config.NumberColumn("Checks failed", help="Close-of-crawl health checks that failed."),
            "clinics_scored": "Clinics scored",
            "reason": "Note",
        },
    )  # fmt: skip
else:
    st.info("No crawl has run yet.")

left, right = st.columns(2)
with left:
    st.subheader("Facts found")
    coverage = health.field_coverage.assign(
        fact=health.field_coverage["fact"]
        .map(texts.FACT_LABELS)
        .fillna(health.field_coverage["fact"])
    )
    st.dataframe(
        coverage,
        hide_index=True,
        width="stretch",
        column_config={
            "fact": "Fact",
            "clinics_with_value": st.column_config.NumberColumn("Clinics"),
            "share": st.column_config.ProgressColumn("Share of clinics", min_value=0, max_value=1, format="percent"),
        },
    )  # fmt: skip
with right:
    st.subheader("Pages by HTTP status")
    st.caption("The newest crawl of each clinic's website.")
    st.dataframe(
        health.pages_by_status,
        hide_index=True,
        column_config={"http_status": "HTTP status", "pages": "Pages"},
    )

st.subheader("Freshness")
if len(fresh):
    oldest = fresh.sort_values("days_since_crawl", ascending=False, na_position="first")
    never = int(fresh["last_crawled"].isna().sum())
    st.caption(
        f"Median {fresh['days_since_crawl'].median():.1f} days since a clinic's website was last "
        f"read; {never} clinics have no website we could read. Oldest first."
    )
    st.dataframe(
        oldest.assign(name=oldest["name"].map(plain)),
        hide_index=True,
        width="stretch",
        column_config={
            "clinic_id": st.column_config.NumberColumn("ID", format="%d"),
            "name": "Clinic",
            "last_crawled": st.column_config.DatetimeColumn("Last read (UTC)", format="YYYY-MM-DD HH:mm"),
            "days_since_crawl": st.column_config.NumberColumn("Days ago", format="%.1f"),
            "stale": st.column_config.CheckboxColumn("Stale"),
        },
    )  # fmt: skip
