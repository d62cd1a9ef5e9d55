"""Real US places (from the ``zipcodes`` package) and phone numbers valid for ``phonenumbers``."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import phonenumbers
import zipcodes

from sampleweb.names import METROS, STATE_NAMES


@dataclass(frozen=True)
class Place:
    """One real, active, standard ZIP code with its city, state, location and area codes."""

    zip: str
    city: str
    state: str
    lat: float
    lon: float
    area_codes: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    """Places to draw from: all usable ZIPs, and the ZIPs of each major metro."""

    all: tuple[Place, ...]
    metros: tuple[tuple[Place, ...], ...]


@cache
def gazetteer() -> Gazetteer:
    """Standard, active ZIPs in the 50 states and DC that have area codes (loaded once)."""
    places = [
        Place(
            z["zip_code"],
            z["city"],
            z["state"],
            float(z["lat"]),
            float(z["long"]),
            tuple(z["area_codes"]),
        )
        for z in zipcodes.list_all()  # type: ignore[no-untyped-call]
        if z["zip_code_type"] == "STANDARD"
        and z["active"]
        and z["area_codes"]
        and z["state"] in STATE_NAMES
    ]
    by_metro: dict[tuple[str, str], list[Place]] = {(c.upper(), s): [] for c, s in METROS}
    for place in places:
        bucket = by_metro.get((place.city.upper(), place.state))
        if bucket is not None:
            bucket.append(place)
    return Gazetteer(tuple(places), tuple(tuple(b) for b in by_metro.values() if b))


def pick_place(rng: random.Random) -> Place:
    """A ZIP: mostly inside a major metro (clinics cluster there), otherwise anywhere."""
    g = gazetteer()
    pool = g.metros[rng.randrange(len(g.metros))] if rng.random() < 0.65 else g.all
    return pool[rng.randrange(len(pool))]


_BAD_EXCHANGES = frozenset({"555", "950", "958", "959", "976"})


def _is_valid(digits: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse("+1" + digits))


def make_phone(rng: random.Random, place: Place) -> str:
    """Ten NANP digits with an area code of the place, valid for ``phonenumbers``."""
    for _ in range(50):
        area = rng.choice(place.area_codes)
        exchange = str(rng.randrange(201, 1000))
        if exchange[1:] == "11" or exchange in _BAD_EXCHANGES:
            continue
        digits = f"{area}{exchange}{rng.randrange(10000):04d}"
        if _is_valid(digits):
            return digits
    raise ValueError(f"no valid phone number for area codes {place.area_codes}")


def format_phone(digits: str, style: str) -> str:
    """Format ten digits: ``paren`` (303) 555-0142, ``dash``, ``dot``, ``intl`` +1 ..., ``one``, ``e164``."""
    a, b, c = digits[:3], digits[3:6], digits[6:]
    formats = {
        "paren": f"({a}) {b}-{c}",
        "dash": f"{a}-{b}-{c}",
        "dot": f"{a}.{b}.{c}",
        "intl": f"+1 {a}-{b}-{c}",
        "one": f"1-{a}-{b}-{c}",
        "e164": f"+1{digits}",
        "plain": digits,
    }
    return formats[style]
