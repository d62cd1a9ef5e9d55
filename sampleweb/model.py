"""The sample web's data model: clinics, their facts, and their directory listings.

These records are the single source of both the rendered pages and the ground truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sampleweb.places import Place, format_phone

PHYSICIANS: Final = frozenset({"MD", "DO"})
MENTAL_HEALTH: Final = frozenset({"LCSW", "LPC", "LMFT", "PMHNP", "PhD", "PsyD", "LCPC", "LMHC"})


@dataclass(frozen=True)
class Clinician:
    """A named clinician with one credential, as the clinic's team page shows them."""

    first: str
    last: str
    cred: str
    role: str
    female: bool

    @property
    def display(self) -> str:
        """Canonical form used in the ground truth, e.g. ``Jane Roe, MD``."""
        return f"{self.first} {self.last}, {self.cred}"


@dataclass(frozen=True)
class Fee:
    """A fee that is not a per-session price: consultation, package, membership, integration."""

    kind: str
    usd: int
    sessions: int = 0  # size of a package


@dataclass(frozen=True)
class Pricing:
    """Per-session prices (``mode`` says how they are written) and other fees."""

    mode: str | None  # single | range | per_route | starting | intro | None
    items: tuple[tuple[str, int], ...]  # (route id, or "low"/"high"/"intro"/"regular", USD)
    fees: tuple[Fee, ...]

    @property
    def per_session(self) -> tuple[int, ...]:
        """Every per-session amount stated."""
        return tuple(usd for _, usd in self.items)


@dataclass(frozen=True)
class Clinic:
    """One clinic: identity, facts, rubric signals and how its site is dressed."""

    id: str
    index: int
    name: str
    name_style: str
    domain: str
    www: bool
    street: str
    suite: str | None
    place: Place
    phone: str  # ten digits
    email: str
    clinicians: tuple[Clinician, ...]
    routes: tuple[str, ...]
    pricing: Pricing
    insurance: str | None
    insurers: tuple[str, ...]
    financing: bool | None
    financing_vendor: str
    superbill: bool | None
    hsa_fsa: bool | None
    conditions: tuple[str, ...]
    ptsd_negative: bool
    telehealth: bool
    veterans: bool
    rating: float | None
    review_count: int | None
    testimonials: bool
    signals: tuple[str, ...]  # sorted rubric signal ids, derived ones included
    red_flags: tuple[str, ...]
    markup: str  # jsonld | microdata | none
    theme: int
    sitemap: bool
    robots_disallow: str | None
    founded: int

    @property
    def host(self) -> str:
        """The canonical host name (with or without ``www.``)."""
        return f"www.{self.domain}" if self.www else self.domain

    @property
    def home_url(self) -> str:
        return f"http://{self.host}/"

    @property
    def street_line(self) -> str:
        """Street with the suite written canonically, e.g. ``1200 Main St Suite 100``."""
        return f"{self.street} Suite {self.suite}" if self.suite else self.street

    @property
    def phone_e164(self) -> str:
        return format_phone(self.phone, "e164")

    @property
    def ptsd(self) -> bool:
        return "ptsd" in self.conditions

    @property
    def price_min(self) -> float | None:
        amounts = self.pricing.per_session
        return float(min(amounts)) if amounts else None

    @property
    def price_max(self) -> float | None:
        amounts = self.pricing.per_session
        return float(max(amounts)) if amounts else None

    @property
    def doctor(self) -> Clinician | None:
        """The first physician (MD/DO) on the team, if any."""
        return next((c for c in self.clinicians if c.cred in PHYSICIANS), None)

    @property
    def therapist(self) -> Clinician | None:
        """The first licensed mental-health clinician on the team, if any."""
        return next((c for c in self.clinicians if c.cred in MENTAL_HEALTH), None)


@dataclass(frozen=True)
class Listing:
    """A clinic as one directory lists it (name, phone, address and link as written there)."""

    directory: str
    clinic_id: str
    path: str
    name: str
    phone: str
    street: str
    website: str | None
    variant: int  # markup variant of the detail page


@dataclass(frozen=True)
class DirectorySite:
    """A directory site: key, host, display title and the crawler's start URL."""

    key: str
    host: str
    title: str
    start_url: str
    per_page: int


@dataclass(frozen=True)
class ListedOnly:
    """A clinic known only from one directory listing, with no crawlable website.

    The hostile listings live here: script tags and markdown links in the name, a
    ``javascript:`` website. They test that every layer treats listed text as data.
    """

    id: str
    index: int
    name: str
    website: str  # as the directory lists it; never http(s), so there is no site to crawl
    directory: str  # the one directory that lists it
    street: str
    suite: str | None
    place: Place
    phone: str  # ten digits

    @property
    def street_line(self) -> str:
        return f"{self.street} Suite {self.suite}" if self.suite else self.street

    @property
    def phone_e164(self) -> str:
        return format_phone(self.phone, "e164")
