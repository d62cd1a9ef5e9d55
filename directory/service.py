"""Whole-database operations built from the store's pieces: finish a run, rescore everything."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Engine

from directory import store
from directory.db import session_factory

Progress = Callable[[int, int], None]


def refresh_and_score(
    engine: Engine,
    run_id: int,
    clinic_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
) -> int:
    """Merge facts and score clinics (all, or the given ones) under `run_id`; one transaction each."""
    factory = session_factory(engine)
    with factory.begin() as session:
        ids = store.clinic_ids(session, clinic_ids)
    for cid in ids:
        with factory.begin() as session:
            store.refresh_clinic(session, cid)
    with factory.begin() as session:
        prior = store.population_rating_mean(session)
    for n, cid in enumerate(ids, 1):
        with factory.begin() as session:
            store.score_clinic(session, cid, run_id, prior)
        if progress:
            progress(n, len(ids))
    return len(ids)


def finalize_run(
    engine: Engine,
    run_id: int,
    *,
    status: str,
    stats: dict[str, Any],
    complete_site_crawl: bool = False,
) -> int:
    """Close a crawl run: merge facts and score the clinics it touched, then record its status.

    A run that failed still keeps what it committed, but never marks clinics stale: only a
    complete crawl of every known site can say a site has vanished.
    """
    factory = session_factory(engine)
    with factory.begin() as session:
        touched = store.clinics_touched(session, [run_id])
    scored = refresh_and_score(engine, run_id, touched) if touched else 0
    with factory.begin() as session:
        if complete_site_crawl and status == "finished":
            stats = {**stats, "clinics_marked_stale": store.mark_stale(session, run_id, touched)}
        store.finish_run(session, run_id, status, {**stats, "clinics_scored": scored})
    return scored


def rescore(engine: Engine, progress: Progress | None = None) -> tuple[int, int]:
    """Recompute every clinic's facts and scores from stored evidence, as a run of its own."""
    factory = session_factory(engine)
    with factory.begin() as session:
        store.reap_dead_runs(session)
        run_id = store.start_run(session, "score", {})
    try:
        count = refresh_and_score(engine, run_id, None, progress)
    except Exception as exc:
        with factory.begin() as session:
            store.finish_run(session, run_id, "failed", {}, reason=str(exc)[:200])
        raise
    with factory.begin() as session:
        store.finish_run(session, run_id, "finished", {"clinics_scored": count})
    return run_id, count
