"""Whole-database operations built from the store's pieces: finish a run, rescore everything."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from directory import store
from directory.db import session_factory

Progress = Callable[[int, int], None]
# Flush and forget the ORM objects every so many clinics, so a long promotion stays small in memory.
BATCH = 500


def refresh_and_score(
    session: Session,
    run_id: int,
    clinic_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
) -> int:
    """Merge facts and score clinics (all, or the given ones) under `run_id`, in `session`.

    `run_id`'s own pages count as current even before it is recorded as finished.
    """
    ids = store.clinic_ids(session, clinic_ids)
    for n, cid in enumerate(ids, 1):
        store.refresh_clinic(session, cid, including=run_id)
        if n % BATCH == 0:
            session.flush()
            session.expunge_all()
    session.flush()
    prior = store.population_rating_mean(session)
    for n, cid in enumerate(ids, 1):
        store.score_clinic(session, cid, run_id, prior)
        if n % BATCH == 0:
            session.flush()
            session.expunge_all()
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
    reason: str | None = None,
) -> int:
    """Close a crawl run and, if it finished, promote it; returns how many clinics it scored.

    Promotion is one transaction: the merged facts and scores of the clinics the run touched,
    their stale flags and the run's 'finished' status appear together or not at all, so a
    crawl killed while finishing leaves the last good ranking in place. A run that did not
    finish (failed, paused) keeps what it committed as history but promotes nothing and never
    marks clinics stale: only a complete crawl of every known site can say a site has vanished.
    """
    with session_factory(engine).begin() as session:
        if status != "finished":
            store.finish_run(session, run_id, status, stats, reason=reason)
            return 0
        touched = store.clinics_touched(session, [run_id])
        scored = refresh_and_score(session, run_id, touched)
        reached = store.clinics_reached(session, run_id)
        store.mark_fresh(session, reached)
        if complete_site_crawl and reached:
            # A run that reached no site at all says more about our network than about the sites.
            stats = {**stats, "clinics_marked_stale": store.mark_stale(session, run_id, reached)}
        store.finish_run(session, run_id, status, {**stats, "clinics_scored": scored}, reason)
    return scored


def rescore(engine: Engine, progress: Progress | None = None) -> tuple[int, int]:
    """Recompute every clinic's facts and scores from stored evidence, as a run of its own.

    Like a crawl, the new scores appear all at once, when the run is recorded as finished.
    """
    factory = session_factory(engine)
    with factory.begin() as session:
        store.reap_dead_runs(session)
        run_id = store.start_run(session, "score", {})
    try:
        with factory.begin() as session:
            count = refresh_and_score(session, run_id, None, progress)
            store.finish_run(session, run_id, "finished", {"clinics_scored": count})
    except Exception as exc:
        with factory.begin() as session:
            store.finish_run(session, run_id, "failed", {}, reason=str(exc)[:200])
        raise
    return run_id, count
