"""Structured data (JSON-LD and microdata) read from the already-parsed tree.

extruct's extractors run on our lxml document (never on the HTML string again). Real sites
publish messy data: lists where one value is expected, `@graph`, nested organizations,
numbers as strings, "4,9" ratings, a broken script among good ones. Everything here is
defensive: a bad item is skipped, never raised.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from extruct.jsonld import JsonLdExtractor
from extruct.w3cmicrodata import MicrodataExtractor

from directory.extract.text import names

_MAX_DEPTH = 8
_MAX_ITEMS = 500
# More reviews than any clinic has: a typo or junk, and too big for the INTEGER column.
MAX_REVIEW_COUNT = 10_000_000
_ORG_TYPES = names(
    "localbusiness medicalclinic medicalbusiness medicalorganization physician "
    "organization healthandbeautybusiness psychiatric hospital dentist healthclub "
    "medicalspecialty medicaltherapy professionalservice store corporation ngo"
)
# A plain decimal number: "4.8", "4,9", "$1,250.00", "450,00". Not a piece of a bigger one: no
# sign ("-4" is no rating of 4), no exponent ("1e+16" is no rating of 1).
_NUMBER = re.compile(r"(?<![\w.,+\-])(\d{1,3}(?:,\d{3})+|\d+)(?:[.,](\d+))?(?![.,]?\d|[eE][+-]?\d)")
_COUNT = re.compile(r"(?<![\w.,+\-])(\d{1,3}(?:,\d{3})+|\d+)(?![.,]?\d|[eE][+-]?\d)")


@dataclass
class Rating:
    value: float  # on a 0-5 scale
    count: int
    source: str  # "jsonld" | "microdata"


@dataclass
class Offer:
    name: str
    price: float


@dataclass
class StructuredData:
    """The few structured facts the directory uses."""

    name: str | None = None
    telephone: str | None = None
    email: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    address_text: str | None = None
    rating: Rating | None = None
    offers: list[Offer] = field(default_factory=list)


def read_structured(doc: lxml.html.HtmlElement, raw_text: str, url: str) -> StructuredData:
    """JSON-LD first, then microdata; the first organization-like item supplies contacts."""
    out = StructuredData()
    items: list[tuple[str, dict[str, Any]]] = []
    if "ld+json" in raw_text:
        items.extend(("jsonld", it) for it in _jsonld_items(doc, url))
    if "itemscope" in raw_text:
        items.extend(("microdata", it) for it in _microdata_items(doc, url))
    for source, item in items:
        _absorb(out, source, item)
    return out


def _jsonld_items(doc: lxml.html.HtmlElement, url: str) -> list[dict[str, Any]]:
    extractor = JsonLdExtractor()
    found: list[dict[str, Any]] = []
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:  # one broken script must not hide the others
            data = extractor.extract_items(script, base_url=url)
        except Exception:  # extruct raises many kinds of errors on bad JSON
            continue
        found.extend(d for d in _walk(data) if isinstance(d, dict))
    return found


def _microdata_items(doc: lxml.html.HtmlElement, url: str) -> list[dict[str, Any]]:
    try:
        data = MicrodataExtractor().extract_items(doc, url)
    except Exception:  # a malformed itemscope tree must not stop the page
        return []
    return [d for d in (_from_microdata(it) for it in data) if d]


def _from_microdata(item: Any, depth: int = 0) -> dict[str, Any]:
    """A microdata item ({type, properties}) in JSON-LD shape ({@type, ...})."""
    if not isinstance(item, dict) or depth > _MAX_DEPTH:
        return {}
    out: dict[str, Any] = {}
    types = item.get("type")
    if types:
        out["@type"] = [str(t).rstrip("/").rsplit("/", 1)[-1] for t in _as_list(types)]
    props = item.get("properties")
    if isinstance(props, dict):
        for key, value in props.items():
            out[key] = [
                _from_microdata(v, depth + 1) if isinstance(v, dict) else v for v in _as_list(value)
            ]
    return out


def _walk(data: Any, depth: int = 0) -> Iterator[Any]:
    """Every dict in a JSON-LD payload: top level, lists and @graph (bounded)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for x in data[:_MAX_ITEMS]:
            yield from _walk(x, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk(graph, depth + 1)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _types(item: dict[str, Any]) -> set[str]:
    return {str(t).lower().rsplit("/", 1)[-1] for t in _as_list(item.get("@type")) if t}


def _text(value: Any) -> str | None:
    """A plain string from a value that may be a list, a dict with @value/name, or a number."""
    for v in _as_list(value):
        if isinstance(v, dict):
            v = v.get("@value") or v.get("name")
        if isinstance(v, int | float) and not isinstance(v, bool):
            v = str(v)
        if isinstance(v, str) and v.strip():
            return v.strip()[:300]
    return None


def _scalar(value: Any) -> float | str | None:
    """The first number or non-blank string of a value that may be a list or an @value dict."""
    for v in _as_list(value):
        if isinstance(v, dict):
            v = v.get("@value") or v.get("name")
        if isinstance(v, int | float) and not isinstance(v, bool):
            try:
                return float(v)
            except OverflowError:  # an integer beyond any float
                return None
        if isinstance(v, str) and v.strip():
            return v.strip()[:300]
    return None


def _number(value: Any) -> float | None:
    """A finite number from a JSON number or a string like "4,9" or "$1,250.00"."""
    v = _scalar(value)
    if isinstance(v, str):
        m = _NUMBER.search(v)
        if m is None:
            return None
        whole, fraction = m.group(1).replace(",", ""), m.group(2)
        v = float(f"{whole}.{fraction}" if fraction else whole)
    return v if v is not None and math.isfinite(v) else None


def _count(value: Any) -> int | None:
    """A review count: '1,234' is one thousand two hundred and thirty-four."""
    v = _scalar(value)
    if isinstance(v, str):
        m = _COUNT.search(v)
        v = float(m.group(1).replace(",", "")) if m else None
    if v is None or not math.isfinite(v) or not v.is_integer():
        return None
    return int(v) if 0 <= v <= MAX_REVIEW_COUNT else None


def _absorb(out: StructuredData, source: str, item: dict[str, Any], depth: int = 0) -> None:
    if depth > _MAX_DEPTH:
        return
    types = _types(item)
    if types & _ORG_TYPES or (not types and ("telephone" in item or "address" in item)):
        _contacts(out, item)
    if out.rating is None:
        for rating in _as_list(item.get("aggregateRating")):
            if isinstance(rating, dict):
                out.rating = _rating(rating, source)
                if out.rating is not None:
                    break
    if types & {"aggregaterating"} and out.rating is None:
        out.rating = _rating(item, source)
    _offers(out, item)
    # nested organizations: "provider", "parentOrganization", "department", "location" ...
    for key in (
        "provider",
        "parentOrganization",
        "department",
        "location",
        "publisher",
        "author",
        "mainEntity",
        "itemReviewed",
        "about",
    ):
        for child in _as_list(item.get(key)):
            if isinstance(child, dict):
                _absorb(out, source, child, depth + 1)


def _contacts(out: StructuredData, item: dict[str, Any]) -> None:
    out.name = out.name or _text(item.get("name"))
    out.telephone = out.telephone or _text(item.get("telephone"))
    email = _text(item.get("email"))
    if email and not out.email:
        out.email = email.removeprefix("mailto:").strip() or None
    if out.street or out.city or out.address_text:
        return
    for addr in _as_list(item.get("address")):
        if isinstance(addr, dict):
            out.street = _text(addr.get("streetAddress"))
            out.city = _text(addr.get("addressLocality"))
            out.state = _text(addr.get("addressRegion"))
            out.zip = _text(addr.get("postalCode"))
            return
        if isinstance(addr, str) and addr.strip():
            out.address_text = addr.strip()[:300]
            return


def _rating(rating: dict[str, Any], source: str) -> Rating | None:
    value = _number(rating.get("ratingValue"))
    count = _count(rating.get("reviewCount")) or _count(rating.get("ratingCount"))
    if value is None or not count or count < 1:
        return None
    best = _number(rating.get("bestRating")) or 5.0
    worst = _number(rating.get("worstRating")) or (0.0 if best == 100 else 1.0)
    if best <= worst or not worst <= value <= best:
        return None
    scaled = value if best == 5 else 1 + 4 * (value - worst) / (best - worst)
    return Rating(round(min(5.0, max(0.0, scaled)), 2), count, source)


def _offers(out: StructuredData, item: dict[str, Any]) -> None:
    name = _text(item.get("name")) or ""
    for offer in _as_list(item.get("offers"))[:50]:
        if not isinstance(offer, dict):
            continue
        price = _number(offer.get("price")) or _number(offer.get("lowPrice"))
        spec = offer.get("priceSpecification")
        if price is None and isinstance(spec, dict):
            price = _number(spec.get("price"))
        currency = (_text(offer.get("priceCurrency")) or "USD").upper()
        if price is not None and currency == "USD":
            label = " ".join(
                filter(None, (name, _text(offer.get("name")), _text(offer.get("description"))))
            )
            out.offers.append(Offer(label[:200], price))
