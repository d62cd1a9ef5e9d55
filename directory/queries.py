"""Read-side queries for the dashboard (and anyone else): rankings, one clinic, crawl health.

The dashboard reads only through these functions; they return plain data (dataclasses and
pandas frames), never ORM objects, so callers cannot lazy-load or write by accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from directory.export import Filters, load_frame, rank
from directory.models import Clinic, CrawlRun, EvidenceRow, Listing, Page, Score, Source
from directory.rubric import CRITERIA, RED_FLAGS_BY_ID, RUBRIC_VERSION, SIGNALS, SIGNALS_BY_ID
from directory.store import INTERRUPTED, latest_page_run, run_is_dead

FACT_FIELDS = (
    "phone", "email", "street", "city", "state", "zip", "routes", "price_min_usd", "price_max_usd",
    "insurance", "financing", "superbill", "hsa_fsa", "ptsd", "telehealth", "veterans", "rating",
    "review_count", "clinicians",
)  # fmt: skip


def database_state(engine: Engine) -> str:
    """'missing' (no schema yet), 'empty' (no clinics) or 'ready'."""
    if not inspect(engine).has_table("clinics"):
        return "missing"
    with Session(engine) as session:
        return "ready" if session.scalar(select(func.count()).select_from(Clinic)) else "empty"


def ranking_frame(session: Session) -> pd.DataFrame:
    """Every clinic's current scores and facts, one row each (re-weight it with `ranked`)."""
    return load_frame(session)


def ranked(
    frame: pd.DataFrame, weights: dict[str, float], filters: Filters | None = None
) -> pd.DataFrame:
    return rank(frame, weights, filters)


@dataclass(frozen=True)
class SignalLine:
    criterion: str
    signal: str
    label: str
    points: float
    quote: str
    url: str
    crawled_at: datetime | None


@dataclass
class ClinicDetail:
    clinic_id: int
    name: str
    website: str | None
    facts: dict[str, Any]
    scores: dict[str, float]
    overall: float
    coverage: float
    rubric_version: int | None
    last_crawled: datetime | None
    stale: bool
    signals: list[SignalLine] = field(default_factory=list)
    red_flags: list[SignalLine] = field(default_factory=list)
    missing: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (criterion, label, question)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (directory, listing url)

    def questions(self) -> list[str]:
        """What to ask this clinic about what its site does not say."""
        return [q for _c, _l, q in self.missing]


def clinic_detail(session: Session, clinic_id: int) -> ClinicDetail | None:
    clinic = session.get(Clinic, clinic_id)
    if clinic is None:
        return None
    score = session.scalar(
        select(Score)
        .where(Score.clinic_id == clinic_id, Score.rubric_version == RUBRIC_VERSION)
        .order_by(Score.run_id.desc())
        .limit(1)
    )
    points = {b["signal"]: float(b["points"]) for b in (score.breakdown if score else [])}
    run_id = latest_page_run(session, clinic_id)
    rows = (
        list(
            session.scalars(
                select(EvidenceRow)
                .where(EvidenceRow.clinic_id == clinic_id, EvidenceRow.run_id == run_id)
                .order_by(EvidenceRow.id)
            )
        )
        if run_id is not None
        else []
    )
    lines: list[SignalLine] = []
    flags: list[SignalLine] = []
    seen: set[str] = set()
    for row in rows:
        if row.kind == "red_flag":
            if any(f.signal == row.signal for f in flags):
                continue  # one flag found on several pages counts (and shows) once, as scored
            flag = RED_FLAGS_BY_ID.get(row.signal)
            flags.append(
                SignalLine(
                    "safety",
                    row.signal,
                    flag.label if flag else row.signal,
                    -25.0,
                    row.quote,
                    row.page_url,
                    row.crawled_at,
                )
            )
            continue
        signal = SIGNALS_BY_ID.get(row.signal)
        if signal is None:
            continue
        first = row.signal not in seen
        seen.add(row.signal)
        lines.append(
            SignalLine(
                signal.criterion,
                row.signal,
                signal.label,
                points.get(row.signal, 0.0) if first else 0.0,
                row.quote,
                row.page_url,
                row.crawled_at,
            )
        )
    missing = [(s.criterion, s.label, s.question) for s in SIGNALS if s.id not in seen]
    sources = [
        (name, url)
        for name, url in session.execute(
            select(Source.name, Listing.url)
            .join(Source, Source.id == Listing.source_id)
            .where(Listing.clinic_id == clinic_id)
        )
    ]
    return ClinicDetail(
        clinic_id=clinic.id,
        name=clinic.name,
        website=clinic.website,
        facts={f: getattr(clinic, f) for f in FACT_FIELDS},
        scores={c: float(getattr(score, c)) if score else 0.0 for c in CRITERIA},
        overall=float(score.overall) if score else 0.0,
        coverage=float(score.coverage) if score else 0.0,
        rubric_version=score.rubric_version if score else None,
        last_crawled=clinic.last_crawled,
        stale=clinic.stale,
        signals=lines,
        red_flags=flags,
        missing=missing,
        sources=sources,
    )


def compare(session: Session, clinic_ids: Sequence[int]) -> list[ClinicDetail]:
    return [d for d in (clinic_detail(session, cid) for cid in clinic_ids) if d is not None]


@dataclass
class CrawlHealth:
    runs: (
        pd.DataFrame
    )  # one row per run: id, spider, started_at, finished_at, status, pages, items, errors, ...
    field_coverage: pd.DataFrame  # fact, clinics_with_value, share
    freshness: pd.DataFrame  # clinic_id, name, last_crawled, days_since_crawl, stale
    pages_by_status: pd.DataFrame  # http_status, pages (newest finished run of each clinic)


def crawl_health(
    session: Session, now: datetime | None = None, limit_runs: int = 200
) -> CrawlHealth:
    now = now or datetime.now(UTC)
    run_rows = []
    for run in session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit_runs)):
        stats = run.stats or {}
        monitors = stats.get("monitors") or []
        dead = run_is_dead(run)  # killed: shown as failed before the next crawl records it so
        run_rows.append(
            {
                "run": run.id,
                "spider": run.spider,
                "started_at": run.started_at,
                "finished_at": run.finished_at,
                "status": "failed" if dead else run.status,
                "reason": INTERRUPTED if dead else run.reason,
                "pages": int(stats.get("response_count", 0) or 0),
                "items": int(stats.get("item_scraped_count", 0) or 0),
                "errors": int(stats.get("error_count", 0) or 0),
                "refused": int(stats.get("clinics/refused_private_address", 0) or 0),
                "robots_forbidden": int(stats.get("robotstxt/forbidden", 0) or 0),
                "checks_failed": sum(
                    1 for m in monitors if str(m.get("status")) in ("FAIL", "ERROR")
                ),
                "clinics_scored": int(stats.get("clinics_scored", 0) or 0),
            }
        )
    runs = pd.DataFrame(run_rows)
    clinics = list(session.scalars(select(Clinic).order_by(Clinic.id)))
    total = len(clinics)
    coverage_rows = []
    for fact in FACT_FIELDS:
        have = sum(1 for c in clinics if getattr(c, fact) not in (None, [], ""))
        coverage_rows.append(
            {"fact": fact, "clinics_with_value": have, "share": (have / total) if total else 0.0}
        )
    fresh_rows = []
    for c in clinics:
        last = c.last_crawled
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=UTC)
        fresh_rows.append(
            {
                "clinic_id": c.id,
                "name": c.name,
                "last_crawled": last,
                "days_since_crawl": round((now - last).total_seconds() / 86400, 1)
                if last
                else None,
                "stale": c.stale,
            }
        )
    newest = (
        select(Page.clinic_id, func.max(Page.run_id).label("run_id"))
        .join(CrawlRun, CrawlRun.id == Page.run_id)
        .where(CrawlRun.status == "finished")
        .group_by(Page.clinic_id)
        .subquery()
    )
    status_rows = session.execute(
        select(Page.http_status, func.count())
        .join(newest, (newest.c.clinic_id == Page.clinic_id) & (newest.c.run_id == Page.run_id))
        .group_by(Page.http_status)
        .order_by(Page.http_status)
    ).all()
    return CrawlHealth(
        runs=runs,
        field_coverage=pd.DataFrame(coverage_rows),
        freshness=pd.DataFrame(fresh_rows),
        pages_by_status=pd.DataFrame([{"http_status": s, "pages": n} for s, n in status_rows]),
    )
