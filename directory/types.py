"""Plain data passed between extraction, storage and scoring (no I/O, no ORM)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """One detected signal: the sentence on a page that carries it."""

    criterion: str
    signal: str
    quote: str  # an exact substring of the page text, at most 200 characters
    url: str


@dataclass(frozen=True)
class Flag:
    """A red flag found on a page, with its quote."""

    flag: str
    quote: str
    url: str


@dataclass
class Facts:
    """Clinic facts stated on one page (or merged over a clinic's pages).

    `None` means "not stated"; it never means "no".
    """

    name: str | None = None
    phone: str | None = None  # E.164 once normalized
    email: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    routes: list[str] = field(default_factory=list)
    price_min_usd: float | None = None
    price_max_usd: float | None = None
    insurance: str | None = None  # accepted | not_accepted | partial
    financing: bool | None = None
    superbill: bool | None = None
    hsa_fsa: bool | None = None
    ptsd: bool | None = None
    conditions: list[str] = field(default_factory=list)
    telehealth: bool | None = None
    veterans: bool | None = None
    rating: float | None = None
    review_count: int | None = None
    rating_source: str | None = None
    clinicians: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facts:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class PageExtraction:
    """Everything one page says: facts, evidence per signal, red flags."""

    url: str
    facts: Facts
    evidence: list[Evidence] = field(default_factory=list)
    red_flags: list[Flag] = field(default_factory=list)
    title: str | None = None
