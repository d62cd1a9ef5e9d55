"""Normalization of scraped values: phones, URLs, domains, addresses, ZIP codes, names.

Pure functions. A value that cannot be parsed gives `None` (callers keep the raw value and
count the failure); nothing here raises on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Final
from urllib.parse import quote, urlsplit, urlunsplit

import phonenumbers
import usaddress
import zipcodes

_WS = re.compile(r"\s+")


def clean_text(value: object, limit: int = 500) -> str | None:
    """Collapse whitespace, drop control characters, cut to `limit`; empty -> None."""
    if value is None:
        return None
    text = "".join(ch for ch in str(value) if ch.isprintable() or ch.isspace())
    text = _WS.sub(" ", text).strip()
    return text[:limit].rstrip() or None  # a cut can end on a space


def normalize_phone(raw: str | None, region: str = "US") -> str | None:
    """A phone number in E.164 (`+13035550142`), or None when it is not a valid number."""
    if not raw:
        return None
    try:
        number = phonenumbers.parse(raw[:64], region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_url(raw: str | None, base: str | None = None) -> str | None:
    """An absolute http(s) URL with a lower-case host and no fragment; anything else -> None.

    `javascript:`, `data:`, `mailto:` and friends are refused here, so no other layer has to
    remember to.
    """
    if not raw:
        return None
    raw = raw.strip()
    if base and "://" not in raw and not raw.startswith("//"):
        from urllib.parse import urljoin

        raw = urljoin(base, raw)
    if raw.startswith("//"):
        raw = "http:" + raw
    if "://" not in raw and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", raw, re.I):
        raw = "http://" + raw
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if not host or _BAD_HOST.search(host):
        return None
    if ":" in host:  # an IPv6 address keeps its brackets, or the URL would not parse again
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port else host
    path = _escape(parts.path) or "/"
    query = "&".join(
        pair
        for pair in _escape(parts.query).split("&")
        if pair and not _TRACKING.match(pair.split("=", 1)[0])
    )
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


_UNSAFE_IN_URL = re.compile(r"[\s\x00-\x1f\x7f]")


def _escape(part: str) -> str:
    """Spaces and control characters percent-encoded, as a browser sends them; a URL that
    keeps a raw space would not read back as itself."""
    return _UNSAFE_IN_URL.sub(lambda m: quote(m.group()), part)


# Characters no host name has (WHATWG forbidden host code points, spaces, controls).
_BAD_HOST = re.compile(r"[\s\x00-\x1f\x7f<>\\^|\"`{}]")
# Tracking parameters carry no identity; dropping them makes one site one URL.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|msclkid|mc_cid|mc_eid|ref|source)$", re.I)


def domain_key(url: str | None) -> str | None:
    """The identity of a website: its host without `www.` and port (`brightpath.test`)."""
    norm = normalize_url(url)
    if norm is None:
        return None
    host = urlsplit(norm).hostname or ""
    return host.removeprefix("www.") or None


_DOTTED_SUFFIXES = re.compile(r"\b(l\.l\.c|p\.c|p\.a)\b\.?")
_NAME_SUFFIXES = frozenset(("llc", "pllc", "inc", "incorporated", "corp", "co", "ltd", "pc", "pa"))
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def name_key(name: str | None) -> str:
    """A name folded for matching: lower case, `&` -> and, legal suffixes and punctuation gone.

    Suffixes are dropped as whole words after punctuation is gone, so the key of a key is
    itself (`ab_co` is `ab`, not `ab co`).
    """
    if not name:
        return ""
    text = _DOTTED_SUFFIXES.sub(" ", name.lower().replace("&", " and "))
    return " ".join(w for w in _NON_ALNUM.split(text) if w and w not in _NAME_SUFFIXES)


@dataclass(frozen=True)
class Address:
    street: str | None
    city: str | None
    state: str | None
    zip: str | None


_UNIT_WORDS = {"ste": "Suite", "ste.": "Suite", "suite": "Suite", "#": "Suite", "unit": "Unit"}
_STATE_NAMES = {
        "AL": "Alabama",
        "AK": "Alaska",
        "AZ": "Arizona",
        "AR": "Arkansas",
        "CA": "California",
        "CO": "Colorado",
        "CT": "Connecticut",
        "DE": "Delaware",
        "DC": "District of Columbia",
        "FL": "Florida",
        "GA": "Georgia",
        "HI": "Hawaii",
        "ID": "Idaho",
        "IL": "Illinois",
        "IN": "Indiana",
        "IA": "Iowa",
        "KS": "Kansas",
        "KY": "Kentucky",
        "LA": "Louisiana",
        "ME": "Maine",
        "MD": "Maryland",
        "MA": "Massachusetts",
        "MI": "Michigan",
        "MN": "Minnesota",
        "MS": "Mississippi",
        "MO": "Missouri",
        "MT": "Montana",
        "NE": "Nebraska",
        "NV": "Nevada",
        "NH": "New Hampshire",
        "NJ": "New Jersey",
        "NM": "New Mexico",
        "NY": "New York",
        "NC": "North Carolina",
        "ND": "North Dakota",
        "OH": "Ohio",
        "OK": "Oklahoma",
        "OR": "Oregon",
        "PA": "Pennsylvania",
        "RI": "Rhode Island",
        "SC": "South Carolina",
        "SD": "South Dakota",
        "TN": "Tennessee",
        "TX": "Texas",
        "UT": "Utah",
        "VT": "Vermont",
        "VA": "Virginia",
        "WA": "Washington",
        "WV": "West Virginia",
        "WI": "Wisconsin",
        "WY": "Wyoming",
        "PR": "Puerto Rico",
}  # fmt: skip
US_STATES: Final[Mapping[str, str]] = MappingProxyType(_STATE_NAMES)
_US_STATES = frozenset(US_STATES)


def normalize_street(street: str | None) -> str | None:
    """`1200 Main St., Ste. 100` and `1200 Main St #100` both become `1200 Main St Suite 100`."""
    text = clean_text(street, 200)
    if not text:
        return None
    text = re.sub(r"\s*,\s*", " ", text)
    text = re.sub(r"(?i)(?:\b(ste\.?|suite|unit)[\s#]*|#[\s#]*)(\w+)", _unit, text)
    text = re.sub(r"(?<=[A-Za-z])\.(?=\s|$)", "", text)
    text = _WS.sub(" ", text).strip()
    # `#1` became `Suite 1`: cut again so a street is never longer than its limit, and a
    # normalized street normalizes to itself
    return text if len(text) <= 200 else text[:200].rstrip(" .")


def _unit(m: re.Match[str]) -> str:
    word = (m.group(1) or "#").lower()
    return f"{_UNIT_WORDS.get(word, 'Suite')} {m.group(2)}"


def parse_address(raw: str | None) -> Address:
    """Split a one-line US address into street, city, state and ZIP (usaddress)."""
    text = clean_text(raw, 300)
    if not text:
        return Address(None, None, None, None)
    try:
        tagged, _kind = usaddress.tag(text)
    except (usaddress.RepeatedLabelError, ValueError, TypeError):
        return _fallback_address(text)
    street_parts = [
        v
        for k, v in tagged.items()
        if k.startswith(("AddressNumber", "StreetName", "StreetNamePre", "StreetNamePost"))
        or k in ("OccupancyType", "OccupancyIdentifier", "USPSBoxType", "USPSBoxID")
    ]
    state = (tagged.get("StateName") or "").strip(" .,").upper()
    zip5 = (tagged.get("ZipCode") or "")[:5]
    return Address(
        street=normalize_street(" ".join(street_parts)),
        city=clean_text(tagged.get("PlaceName", "").strip(" ,"), 80),
        state=state if state in _US_STATES else None,
        zip=zip5 if re.fullmatch(r"[0-9]{5}", zip5) else None,
    )


def _fallback_address(text: str) -> Address:
    m = re.search(r"^(.*?),\s*([^,]+),\s*([A-Z]{2})\s+([0-9]{5})", text)
    if not m:
        return Address(normalize_street(text), None, None, None)
    state = m.group(3) if m.group(3) in _US_STATES else None
    return Address(normalize_street(m.group(1)), m.group(2).strip(), state, m.group(4))


@lru_cache(maxsize=1)
def _zip_table() -> dict[str, tuple[float, float, str, str]]:
    table: dict[str, tuple[float, float, str, str]] = {}
    for row in zipcodes.list_all():  # type: ignore[no-untyped-call]
        try:
            table[row["zip_code"]] = (
                float(row["lat"]),
                float(row["long"]),
                row["city"],
                row["state"],
            )
        except (KeyError, TypeError, ValueError):
            continue
    return table


def zip_latlon(zip_code: str | None) -> tuple[float, float] | None:
    """Latitude and longitude of a US ZIP code's centre (offline), or None if unknown."""
    if not zip_code:
        return None
    hit = _zip_table().get(str(zip_code).strip()[:5])
    return (hit[0], hit[1]) if hit else None


def zip_place(zip_code: str | None) -> tuple[str, str] | None:
    """(city, state) of a ZIP code, or None."""
    if not zip_code:
        return None
    hit = _zip_table().get(str(zip_code).strip()[:5])
    return (hit[2], hit[3]) if hit else None
