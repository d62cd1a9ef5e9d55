"""Items passed from spiders to pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from directory.types import PageExtraction


@dataclass
class ListingItem:
    """A clinic as a directory site lists it; raw strings, normalized by the pipelines."""

    source: str
    url: str
    name: str
    website: str | None = None
    phone: str | None = None
    address: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class PageItem:
    """One page of a clinic's own site and what was extracted from it."""

    site: str
    url: str
    status: int
    content_hash: str
    extraction: PageExtraction
