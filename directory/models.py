"""The data model (SPEC section 3) as SQLAlchemy 2 typed ORM classes.

History is kept: pages, evidence and scores belong to the crawl run that produced them, so
"what changed since the last crawl" is a comparison of two runs. `clinics` holds the merged,
current facts of each resolved clinic; `clinic_keys` holds the identity keys (domain, phone,
name+ZIP) that entity resolution matches on.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Source(Base):
    """Where clinics come from: a directory site, or clinics' own sites."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # directory | clinic_site
    base_url: Mapped[str | None] = mapped_column(String(2000))


class CrawlRun(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    spider: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # running | finished | failed
    status: Mapped[str] = mapped_column(String(20), default="running", index=True)
    reason: Mapped[str | None] = mapped_column(String(200))
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    args: Mapped[dict[str, Any]] = mapped_column(default=dict)
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)


class Clinic(Base):
    __tablename__ = "clinics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(2000))
    domain: Mapped[str | None] = mapped_column(String(255), index=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(320))
    street: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(2), index=True)
    zip: Mapped[str | None] = mapped_column(String(10), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    routes: Mapped[list[Any]] = mapped_column(default=list)
    price_min_usd: Mapped[float | None] = mapped_column(Float)
    price_max_usd: Mapped[float | None] = mapped_column(Float)
    insurance: Mapped[str | None] = mapped_column(String(20))
    financing: Mapped[bool | None] = mapped_column(Boolean)
    superbill: Mapped[bool | None] = mapped_column(Boolean)
    hsa_fsa: Mapped[bool | None] = mapped_column(Boolean)
    ptsd: Mapped[bool | None] = mapped_column(Boolean)
    conditions: Mapped[list[Any]] = mapped_column(default=list)
    telehealth: Mapped[bool | None] = mapped_column(Boolean)
    veterans: Mapped[bool | None] = mapped_column(Boolean)
    rating: Mapped[float | None] = mapped_column(Float)
    review_count: Mapped[int | None] = mapped_column(Integer)
    rating_source: Mapped[str | None] = mapped_column(String(50))
    clinicians: Mapped[list[Any]] = mapped_column(default=list)
    red_flags: Mapped[list[Any]] = mapped_column(default=list)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_crawled: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    stale: Mapped[bool] = mapped_column(Boolean, default=False)


class ClinicKey(Base):
    """An identity key of a clinic; the unique constraint makes resolution idempotent."""

    __tablename__ = "clinic_keys"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # domain | phone | name_zip
    value: Mapped[str] = mapped_column(String(400))


class Listing(Base):
    """A clinic as one directory site shows it (raw as listed, plus normalized values)."""

    __tablename__ = "listings"
    __table_args__ = (UniqueConstraint("source_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"))
    url: Mapped[str] = mapped_column(String(2000))
    name: Mapped[str] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(2000))
    phone: Mapped[str | None] = mapped_column(String(20))
    street: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(2))
    zip: Mapped[str | None] = mapped_column(String(10))
    raw: Mapped[dict[str, Any]] = mapped_column(default=dict)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Page(Base):
    """One fetched page of a clinic's site in one run, with what was extracted from it."""

    __tablename__ = "pages"
    __table_args__ = (
        UniqueConstraint("run_id", "url"),
        Index("ix_pages_clinic_run", "clinic_id", "run_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"))
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2000))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    http_status: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(500))
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)


class EvidenceRow(Base):
    """A signal (or red flag) found on a page: the quote, its URL and its crawl date."""

    __tablename__ = "evidence"
    __table_args__ = (
        UniqueConstraint("run_id", "clinic_id", "kind", "signal", "page_url"),
        Index("ix_evidence_clinic_run", "clinic_id", "run_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id", ondelete="CASCADE"))
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"))
    kind: Mapped[str] = mapped_column(String(10), default="signal")  # signal | red_flag
    criterion: Mapped[str] = mapped_column(String(20))
    signal: Mapped[str] = mapped_column(String(50))
    quote: Mapped[str] = mapped_column(Text)
    page_url: Mapped[str] = mapped_column(String(2000))
    crawled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Score(Base):
    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("clinic_id", "run_id", "rubric_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"))
    rubric_version: Mapped[int] = mapped_column(Integer)
    expertise: Mapped[float] = mapped_column(Float)
    holistic: Mapped[float] = mapped_column(Float)
    safety: Mapped[float] = mapped_column(Float)
    cost: Mapped[float] = mapped_column(Float)
    reviews: Mapped[float] = mapped_column(Float)
    personalization: Mapped[float] = mapped_column(Float)
    overall: Mapped[float] = mapped_column(Float)
    coverage: Mapped[float] = mapped_column(Float)
    evidence_count: Mapped[int] = mapped_column(Integer, default=0)
    breakdown: Mapped[list[Any]] = mapped_column(default=list)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
