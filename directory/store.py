"""Storage: crawl runs, listings, pages and evidence, merged clinic facts, and scores.

Every function takes a Session; callers own the transaction (`with factory.begin() as s:`),
so one page or one listing is one transaction and a crawl killed at any moment leaves the
database consistent. Writes are upserts, so re-running a crawl never duplicates anything.

A clinic's *current view* is what the newest finished run read of its site: pages of a run
that is still running, was paused, failed or was killed are kept as history but never replace
it. A run's merged facts, scores and stale flags are promoted together, when it finishes.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from directory.merge import merge_facts, merge_insurance
from directory.models import Clinic, CrawlRun, EvidenceRow, Listing, Page, Score, Source
from directory.normalize import (
    clean_text,
    domain_key,
    normalize_phone,
    normalize_street,
    normalize_url,
    zip_latlon,
    zip_place,
)
from directory.resolve import Identity, add_keys, find_clinic
from directory.rubric import RUBRIC_VERSION
from directory.scoring import DEFAULT_PRIOR_MEAN, ScoreCard, score
from directory.types import Evidence, Facts, Flag, PageExtraction


def _insert(session: Session) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


# --- crawl runs ---------------------------------------------------------------------------


def start_run(session: Session, spider: str, args: dict[str, Any] | None = None) -> int:
    run = CrawlRun(
        spider=spider, args=args or {}, status="running", host=socket.gethostname(), pid=os.getpid()
    )
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session,
    run_id: int,
    status: str,
    stats: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """Record how a run ended; `stats` are merged into what the run already stored (monitors)."""
    run = session.get(CrawlRun, run_id)
    if run is None:
        return
    run.status, run.reason, run.finished_at = status, reason, datetime.now(UTC)
    run.stats = {**(run.stats or {}), **_jsonable(stats or {})}
    session.flush()


INTERRUPTED = "interrupted: process ended before the run finished"


def reap_dead_runs(session: Session) -> list[int]:
    """Mark 'running' runs of this host whose process is gone as failed (killed, crashed)."""
    dead = [
        run.id
        for run in session.scalars(select(CrawlRun).where(CrawlRun.status == "running"))
        if run_is_dead(run)
    ]
    if dead:
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.id.in_(dead))
            .values(status="failed", reason=INTERRUPTED)
        )
    return dead


def run_is_dead(run: CrawlRun) -> bool:
    """A 'running' run of this host whose process no longer exists (killed, crashed)."""
    return (
        run.status == "running"
        and run.host == socket.gethostname()
        and (run.pid is None or not _pid_alive(run.pid))
    )


def resume_run(session: Session, run_id: int, spider: str) -> bool:
    """Reopen a paused or failed run of `spider` (a crawl resumed from its job directory)."""
    run = session.get(CrawlRun, run_id)
    if run is None or run.spider != spider or run.status not in ("paused", "failed"):
        return False
    run.status, run.reason, run.finished_at = "running", None, None
    run.host, run.pid = socket.gethostname(), os.getpid()
    return True


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed process nobody has reaped yet (common in containers) still answers kill(pid, 0)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def source_id(session: Session, name: str, kind: str, base_url: str | None = None) -> int:
    stmt = _insert(session)(Source).values(name=name, kind=kind, base_url=base_url)
    session.execute(stmt.on_conflict_do_nothing(index_elements=["name"]))
    found = session.scalar(select(Source.id).where(Source.name == name))
    assert found is not None
    return found


# --- listings (directory sites) -----------------------------------------------------------


@dataclass
class ListingRecord:
    """A clinic as a directory shows it: raw strings plus normalized values."""

    source: str
    url: str
    name: str
    website: str | None = None
    phone: str | None = None  # E.164, or None when unparseable (raw kept in `raw`)
    street: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)


def save_listing(session: Session, run_id: int, rec: ListingRecord) -> int:
    """Resolve the listing to a clinic (creating it if new) and upsert the listing row."""
    website = normalize_url(rec.website)
    ident = Identity(
        name=rec.name,
        domain=domain_key(website),
        phone=rec.phone,
        zip=rec.zip,
        city=rec.city,
        state=rec.state,
    )
    clinic_id = find_clinic(session, ident)
    if clinic_id is None:
        clinic = Clinic(
            name=clean_text(rec.name, 300) or "(unnamed clinic)",
            website=website,
            domain=ident.domain,
            phone=rec.phone,
            street=rec.street,
            city=rec.city,
            state=rec.state,
            zip=rec.zip,
        )
        session.add(clinic)
        session.flush()
        clinic_id = clinic.id
    elif website:
        session.execute(
            update(Clinic)
            .where(Clinic.id == clinic_id, Clinic.domain.is_(None))
            .values(website=website, domain=ident.domain)
        )
    add_keys(session, clinic_id, ident)
    src = source_id(session, rec.source, "directory")
    values = {
        "source_id": src,
        "clinic_id": clinic_id,
        "run_id": run_id,
        "url": rec.url,
        "name": clean_text(rec.name, 300) or "",
        "website": website,
        "phone": rec.phone,
        "street": rec.street,
        "city": rec.city,
        "state": rec.state,
        "zip": rec.zip,
        "raw": _jsonable(rec.raw),
        "seen_at": datetime.now(UTC),
    }
    stmt = _insert(session)(Listing).values(**values)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["source_id", "url"],
            set_={k: v for k, v in values.items() if k not in ("source_id", "url")},
        )
    )
    return clinic_id


# --- pages (clinic sites) -----------------------------------------------------------------


@dataclass
class PageRecord:
    site: str  # the clinic site's home URL (the seed the page was reached from)
    url: str
    status: int
    content_hash: str | None
    extraction: PageExtraction
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def clinic_for_site(session: Session, site: str, facts: Facts | None = None) -> int:
    """The clinic whose website is `site`, created from the page's own facts if unknown."""
    domain = domain_key(site)
    facts = facts or Facts()
    ident = Identity(
        name=facts.name,
        domain=domain,
        phone=facts.phone,
        zip=facts.zip,
        city=facts.city,
        state=facts.state,
    )
    clinic_id = (
        find_clinic(session, Identity(domain=domain)) if domain else find_clinic(session, ident)
    )
    if clinic_id is None:
        clinic = Clinic(
            name=facts.name or domain or site, website=normalize_url(site), domain=domain
        )
        session.add(clinic)
        session.flush()
        clinic_id = clinic.id
    add_keys(session, clinic_id, Identity(domain=domain))
    return clinic_id


def save_page(session: Session, run_id: int, rec: PageRecord) -> int:
    """Upsert one fetched page with its facts and evidence; returns the clinic id."""
    ext = rec.extraction
    clinic_id = clinic_for_site(session, rec.site, ext.facts)
    values = {
        "run_id": run_id,
        "clinic_id": clinic_id,
        "url": rec.url,
        "fetched_at": rec.fetched_at,
        "http_status": rec.status,
        "content_hash": rec.content_hash,
        "title": clean_text(ext.title, 500),
        "facts": _jsonable(ext.facts.to_dict()),
    }
    stmt = _insert(session)(Page).values(**values)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["run_id", "url"],
            set_={k: v for k, v in values.items() if k not in ("run_id", "url")},
        )
    )
    rows = [
        {
            "clinic_id": clinic_id,
            "run_id": run_id,
            "kind": "signal",
            "criterion": ev.criterion,
            "signal": ev.signal,
            "quote": ev.quote[:200],
            "page_url": ev.url or rec.url,
            "crawled_at": rec.fetched_at,
        }
        for ev in ext.evidence
    ] + [
        {
            "clinic_id": clinic_id,
            "run_id": run_id,
            "kind": "red_flag",
            "criterion": "safety",
            "signal": fl.flag,
            "quote": fl.quote[:200],
            "page_url": fl.url or rec.url,
            "crawled_at": rec.fetched_at,
        }
        for fl in ext.red_flags
    ]
    if rows:
        session.execute(
            _insert(session)(EvidenceRow)
            .values(rows)
            .on_conflict_do_nothing(
                index_elements=["run_id", "clinic_id", "kind", "signal", "page_url"]
            )
        )
    return clinic_id


# --- merged clinic facts ------------------------------------------------------------------


def latest_page_run(session: Session, clinic_id: int, including: int | None = None) -> int | None:
    """The newest finished run that fetched pages of this clinic: its current view.

    `including` also counts one unfinished run: the run being finalized.
    """
    promoted: ColumnElement[bool] = CrawlRun.status == "finished"
    if including is not None:
        promoted = or_(promoted, CrawlRun.id == including)
    return session.scalar(
        select(func.max(Page.run_id))
        .join(CrawlRun, CrawlRun.id == Page.run_id)
        .where(Page.clinic_id == clinic_id, promoted)
    )


def refresh_clinic(session: Session, clinic_id: int, including: int | None = None) -> None:
    """Recompute a clinic's merged facts from its current pages and its directory listings."""
    clinic = session.get(Clinic, clinic_id)
    if clinic is None:
        return
    run_id = latest_page_run(session, clinic_id, including)
    page_facts = (
        [
            Facts.from_dict(f)
            for f in session.scalars(
                select(Page.facts).where(Page.clinic_id == clinic_id, Page.run_id == run_id)
            )
        ]
        if run_id is not None
        else []
    )
    listings = list(
        session.scalars(select(Listing).where(Listing.clinic_id == clinic_id).order_by(Listing.id))
    )
    site = merge_facts(page_facts)
    listing_facts = merge_facts(
        [
            Facts(
                name=li.name,
                phone=li.phone,
                street=li.street,
                city=li.city,
                state=li.state,
                zip=li.zip,
            )
            for li in listings
        ]
    )
    clinic.name = clean_text(site.name, 300) or listing_facts.name or clinic.name
    clinic.phone = normalize_phone(site.phone) or listing_facts.phone
    site_zip = site.zip if site.zip and zip_place(site.zip) else None
    if site_zip:
        clinic.street, clinic.city = normalize_street(site.street), clean_text(site.city, 100)
        clinic.zip = site_zip
        clinic.state = (site.state or "").upper()[:2] or (zip_place(site_zip) or ("", None))[1]
    elif listing_facts.zip:
        clinic.street, clinic.city = listing_facts.street, listing_facts.city
        clinic.state, clinic.zip = listing_facts.state, listing_facts.zip
    point = zip_latlon(clinic.zip)
    clinic.lat, clinic.lon = point if point else (None, None)
    clinic.email = site.email
    clinic.routes = site.routes
    clinic.price_min_usd, clinic.price_max_usd = site.price_min_usd, site.price_max_usd
    clinic.insurance = merge_insurance([site.insurance])
    clinic.financing, clinic.superbill, clinic.hsa_fsa = (
        site.financing,
        site.superbill,
        site.hsa_fsa,
    )
    clinic.ptsd, clinic.conditions = site.ptsd, site.conditions
    clinic.telehealth, clinic.veterans = site.telehealth, site.veterans
    clinic.rating, clinic.review_count, clinic.rating_source = (
        site.rating,
        site.review_count,
        site.rating_source,
    )
    clinic.clinicians = site.clinicians
    if run_id is not None:
        clinic.red_flags = sorted(
            set(
                session.scalars(
                    select(EvidenceRow.signal).where(
                        EvidenceRow.clinic_id == clinic_id,
                        EvidenceRow.run_id == run_id,
                        EvidenceRow.kind == "red_flag",
                    )
                )
            )
        )
        clinic.last_crawled = session.scalar(
            select(func.max(Page.fetched_at)).where(
                Page.clinic_id == clinic_id, Page.run_id == run_id
            )
        )


# --- scoring ------------------------------------------------------------------------------


def current_evidence(
    session: Session, clinic_id: int, including: int | None = None
) -> tuple[list[Evidence], list[Flag]]:
    """The evidence of a clinic's current view (see `latest_page_run`)."""
    run_id = latest_page_run(session, clinic_id, including)
    if run_id is None:
        return [], []
    rows = session.scalars(
        select(EvidenceRow)
        .where(EvidenceRow.clinic_id == clinic_id, EvidenceRow.run_id == run_id)
        .order_by(EvidenceRow.id)
    )
    evidence: list[Evidence] = []
    flags: list[Flag] = []
    for row in rows:
        if row.kind == "red_flag":
            flags.append(Flag(row.signal, row.quote, row.page_url))
        else:
            evidence.append(Evidence(row.criterion, row.signal, row.quote, row.page_url))
    return evidence, flags


def population_rating_mean(session: Session) -> float:
    mean = session.scalar(select(func.avg(Clinic.rating)).where(Clinic.rating.is_not(None)))
    return float(mean) if mean is not None else DEFAULT_PRIOR_MEAN


def score_clinic(session: Session, clinic_id: int, run_id: int, prior_mean: float) -> ScoreCard:
    """Score one clinic from its current evidence (counting `run_id`'s pages) under `run_id`."""
    clinic = session.get(Clinic, clinic_id)
    evidence, flags = current_evidence(session, clinic_id, including=run_id)
    card = score(
        evidence,
        flags,
        rating=clinic.rating if clinic else None,
        review_count=clinic.review_count if clinic else None,
        prior_mean=prior_mean,
    )
    values = {
        "clinic_id": clinic_id,
        "run_id": run_id,
        "rubric_version": RUBRIC_VERSION,
        **card.criteria,
        "overall": card.overall,
        "coverage": card.coverage,
        "evidence_count": len(evidence) + len(flags),
        "breakdown": [
            {
                "criterion": c.criterion,
                "signal": c.signal,
                "points": c.points,
                "quote": c.quote,
                "url": c.url,
            }
            for c in card.breakdown
        ],
        "computed_at": datetime.now(UTC),
    }
    stmt = _insert(session)(Score).values(**values)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["clinic_id", "run_id", "rubric_version"],
            set_={
                k: v
                for k, v in values.items()
                if k not in ("clinic_id", "run_id", "rubric_version")
            },
        )
    )
    return card


def clinic_ids(session: Session, only: Iterable[int] | None = None) -> list[int]:
    query: Select[Any] = select(Clinic.id).order_by(Clinic.id)
    if only is not None:
        query = query.where(Clinic.id.in_(list(only)))
    return list(session.scalars(query))


def clinics_touched(session: Session, run_ids: Sequence[int]) -> list[int]:
    """Clinics that got pages or listings in any of these runs."""
    ids = set(session.scalars(select(Page.clinic_id).where(Page.run_id.in_(run_ids)).distinct()))
    ids |= set(
        session.scalars(select(Listing.clinic_id).where(Listing.run_id.in_(run_ids)).distinct())
    )
    return sorted(ids)


def clinics_reached(session: Session, run_id: int) -> list[int]:
    """Clinics whose site this run fetched at least one page of."""
    return sorted(session.scalars(select(Page.clinic_id).where(Page.run_id == run_id).distinct()))


def mark_fresh(session: Session, clinic_ids: Iterable[int]) -> None:
    """Clinics a finished run reached are not stale (any more)."""
    ids = list(clinic_ids)
    if ids:
        session.execute(update(Clinic).where(Clinic.id.in_(ids)).values(stale=False))


def mark_stale(session: Session, run_id: int, seen: Iterable[int]) -> int:
    """After a complete site crawl: clinics with a site that this run did not reach are stale.

    They are kept, with their last good facts and scores; the next run that reaches them
    clears the flag.
    """
    seen_ids = set(seen)
    stale = [
        cid
        for cid in session.scalars(
            select(Clinic.id).where(Clinic.domain.is_not(None), Clinic.last_crawled.is_not(None))
        )
        if cid not in seen_ids
    ]
    if stale:
        session.execute(update(Clinic).where(Clinic.id.in_(stale)).values(stale=True))
    return len(stale)


def delete_run_pages(session: Session, run_id: int) -> None:
    """Forget the pages and evidence of one run (used by tests and by `clinics runs --prune`)."""
    session.execute(delete(EvidenceRow).where(EvidenceRow.run_id == run_id))
    session.execute(delete(Page).where(Page.run_id == run_id))


def site_seeds(session: Session) -> list[str]:
    """Every known clinic website (one per domain), for a full re-crawl."""
    rows = session.execute(
        select(Clinic.domain, Clinic.website).where(Clinic.website.is_not(None)).order_by(Clinic.id)
    )
    seeds: dict[str, str] = {}
    for domain, website in rows:
        if domain and website and domain not in seeds:
            seeds[domain] = website
    return list(seeds.values())
