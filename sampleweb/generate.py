"""Seeded generation of clinics and directory listings (facts only; pages are rendered lazily).

One ``random.Random(seed)`` drives everything here, in a fixed order, so the same arguments
always give the same world. Nothing iterates over a set or depends on hash order.
"""

from __future__ import annotations

import random
import re
from itertools import chain
from typing import Final

from sampleweb import names
from sampleweb.listings import DIRECTORIES, list_clinics
from sampleweb.model import Clinic, Clinician, Fee, ListedOnly, Listing, Pricing
from sampleweb.places import Place, make_phone, pick_place
from sampleweb.util import chance, slug

RESERVED_HOSTS: Final = frozenset(
    {d.host for d in DIRECTORIES} | {h for h, _ in names.SOCIAL_HOSTS} | set(names.BOOKING_HOSTS)
)

# Probability of each freely drawn signal for an average clinic (scaled by clinic quality).
SIGNAL_BASE: Final = (
    ("physician_led", 0.55),
    ("licensed_clinicians", 0.45),
    ("trauma_training", 0.3),
    ("experience", 0.45),
    ("psychotherapy", 0.45),
    ("prep_integration", 0.45),
    ("care_coordination", 0.35),
    ("outcome_tracking", 0.3),
    ("screening", 0.7),
    ("contraindications", 0.45),
    ("vitals_monitoring", 0.55),
    ("emergency_readiness", 0.35),
    ("aftercare_rules", 0.55),
    ("individualized_plan", 0.5),
    ("titrated_dosing", 0.35),
    ("flexible_schedule", 0.4),
)
EXTRA_ROUTES: Final = (
    ("im", 0.3),
    ("esketamine", 0.2),
    ("sublingual", 0.12),
    ("intranasal", 0.06),
    ("oral", 0.06),
)
ROUTE_ORDER: Final = ("iv", "im", "intranasal", "oral", "sublingual", "esketamine")
PRICE_RANGES: Final = {
    "iv": (350, 800),
    "im": (200, 500),
    "intranasal": (150, 400),
    "oral": (150, 350),
    "sublingual": (150, 350),
}
# Hostile listings (SPEC section 6): (name, website as listed, the one directory listing it).
# They are part of the N clinics when N >= HOSTILE_MIN_CLINICS, so `--clinics 200` stays 200.
HOSTILE: Final = (
    ("<script>alert(1)</script>", "javascript:alert(1)", "calmclinics"),
    ("[Click me](javascript:alert(1))", "javascript:void(0)", "ketaminefinder"),
)
HOSTILE_MIN_CLINICS: Final = 10
CONDITION_ODDS: Final = (
    ("anxiety", 0.8),
    ("ptsd", 0.65),
    ("ocd", 0.3),
    ("pain", 0.3),
    ("bipolar", 0.15),
    ("suicidal", 0.2),
    ("postpartum", 0.1),
)


def _money(rng: random.Random, lo: int, hi: int, step: int = 25) -> int:
    return rng.randrange(lo // step, hi // step + 1) * step


def _draw_routes(rng: random.Random) -> tuple[str, ...]:
    routes = {"iv"} if chance(rng, 0.85) else set()
    for route, p in EXTRA_ROUTES:
        if chance(rng, p):
            routes.add(route)
    if not routes:
        routes.add(rng.choice(("im", "esketamine", "sublingual", "intranasal")))
    return tuple(r for r in ROUTE_ORDER if r in routes)


def _draw_name(rng: random.Random, routes: tuple[str, ...], place: Place) -> tuple[str, str]:
    """A brand name and its style; the type suffix never implies IV unless IV is offered."""
    types = [t for t, iv_only in names.CLINIC_TYPES if "iv" in routes or not iv_only]
    kind = rng.choices(
        ("pair", "camel", "word", "amp", "city", "surname", "of_city"),
        weights=(34, 10, 18, 10, 12, 8, 8),
    )[0]
    clinic_type = rng.choice(types)
    first, second = rng.choice(names.BRAND_FIRST), rng.choice(names.BRAND_SECOND)
    if kind == "pair":
        return f"{first} {second} {clinic_type}", kind
    if kind == "camel":
        return f"{first}{second} {clinic_type}", kind
    if kind == "word":
        return f"{rng.choice(names.BRAND_WORD)} {clinic_type}", kind
    if kind == "amp":
        a, b = rng.choice(names.PAIRS)
        return f"{a} & {b} {clinic_type.replace(' & ', ' ')}", kind
    if kind == "city":
        return f"{place.city} {clinic_type}", kind
    if kind == "surname":
        return f"{rng.choice(names.LAST_NAMES)} {clinic_type}", kind
    return f"{clinic_type} of {place.city}", kind


def _draw_domain(rng: random.Random, name: str, place: Place, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", name.lower().replace("&", "and").replace("'", ""))
    short = [w for w in words if w not in {"of", "and", "the"}]
    style = rng.randrange(4)
    if style == 0:
        stem = "".join(short)
    elif style == 1:
        stem = "-".join(short)
    elif style == 2:
        stem = "".join(short[:2]) + ("-ketamine" if "ketamine" not in short[:2] else "")
    else:
        stem = "-".join(short[:3])
    candidates = chain(
        (stem, f"{stem}-{slug(place.city)}", f"{stem}{place.state.lower()}"),
        (f"{stem}{n}" for n in range(2, 10_000)),
    )
    for cand in candidates:
        domain = f"{cand}.test"
        if domain not in taken and domain not in RESERVED_HOSTS:
            taken.add(domain)
            return domain
    raise RuntimeError(f"no free domain for {name}")


def _draw_street(rng: random.Random) -> tuple[str, str | None]:
    number = rng.choice(
        (rng.randrange(100, 1000), rng.randrange(1000, 10000), rng.randrange(10, 100))
    )
    direction = f"{rng.choice(names.DIRECTIONALS)} " if chance(rng, 0.2) else ""
    street = (
        f"{number} {direction}{rng.choice(names.STREET_NAMES)} {rng.choice(names.STREET_SUFFIXES)}"
    )
    suite = None
    if chance(rng, 0.55):
        suite = rng.choice(
            (
                str(rng.randrange(100, 500)),
                str(rng.randrange(1, 30)),
                f"{rng.randrange(1, 4)}{'ABC'[rng.randrange(3)]}",
            )
        )
    return street, suite


def _clinician(rng: random.Random, cred: str, used: set[str]) -> Clinician:
    while True:
        female = chance(rng, 0.55)
        first = rng.choice(names.FIRST_NAMES_F if female else names.FIRST_NAMES_M)
        last = rng.choice(names.LAST_NAMES)
        if f"{first} {last}" not in used:
            used.add(f"{first} {last}")
            return Clinician(first, last, cred, rng.choice(names.ROLE_BY_CRED[cred]), female)


def _draw_team(rng: random.Random, signals: set[str]) -> tuple[Clinician, ...]:
    """Physicians only when physician-led; mental-health licences only when that signal is drawn."""
    used: set[str] = set()
    team: list[Clinician] = []
    if "physician_led" in signals:
        for _ in range(rng.choice((1, 1, 1, 2))):
            team.append(_clinician(rng, rng.choice(names.PHYSICIAN_CREDS), used))
        team[0] = Clinician(
            team[0].first, team[0].last, team[0].cred, "Medical Director", team[0].female
        )
    if "licensed_clinicians" in signals:
        for _ in range(rng.choice((1, 1, 1, 2))):
            team.append(_clinician(rng, rng.choice(names.MENTAL_HEALTH_CREDS), used))
    for _ in range(rng.choice((0, 1, 1, 2))):
        team.append(_clinician(rng, rng.choice(names.OTHER_CREDS), used))
    return tuple(team)


def _draw_pricing(rng: random.Random, routes: tuple[str, ...], signals: set[str]) -> Pricing:
    priced = [r for r in routes if r in PRICE_RANGES]
    mode: str | None = None
    items: list[tuple[str, int]] = []
    if priced and chance(rng, 0.72):
        main = priced[0]
        lo, hi = PRICE_RANGES[main]
        modes = ["single", "range", "starting", "intro"] + (
            ["per_route"] * 2 if len(priced) > 1 else []
        )
        mode = rng.choice(modes)
        if mode == "single" or mode == "starting":
            items = [(main, _money(rng, lo, hi))]
        elif mode == "range":
            low = _money(rng, lo, hi - 100)
            items = [("low", low), ("high", _money(rng, low + 75, min(hi + 200, low + 400)))]
        elif mode == "intro":
            regular = _money(rng, lo + 50, hi)
            items = [("intro", _money(rng, max(100, lo - 100), regular - 50)), ("regular", regular)]
        else:
            items = [(r, _money(rng, *PRICE_RANGES[r])) for r in priced]
    reference = max((usd for _, usd in items), default=550)
    fees: list[Fee] = []
    if chance(rng, 0.3 if mode else 0.45):
        fees.append(Fee("consult", _money(rng, 100, 400)))
    if chance(rng, 0.2):
        n = rng.choice((4, 5, 6, 6, 8))
        fees.append(Fee("package", round(n * reference * rng.uniform(0.8, 0.95) / 50) * 50, n))
    if chance(rng, 0.1):
        fees.append(Fee("membership", rng.choice((99, 149, 199, 249, 299))))
    if "prep_integration" in signals and chance(rng, 0.4):
        fees.append(Fee("integration", _money(rng, 100, 250)))
    return Pricing(mode, tuple(items), tuple(fees))


def _tri(rng: random.Random, p_true: float, p_false: float) -> bool | None:
    x = rng.random()
    return True if x < p_true else False if x < p_true + p_false else None


def _draw_clinic(
    rng: random.Random, index: int, taken_names: set[str], taken_domains: set[str]
) -> Clinic:
    quality = rng.random()
    scale = 0.45 + quality
    place = pick_place(rng)
    routes = _draw_routes(rng)
    for _ in range(100):
        name, name_style = _draw_name(rng, routes, place)
        if name.lower() not in taken_names:
            break
    else:
        name, name_style = f"{name} {place.city}", "city"
    taken_names.add(name.lower())
    domain = _draw_domain(rng, name, place, taken_domains)
    street, suite = _draw_street(rng)

    signals = {s for s, p in SIGNAL_BASE if chance(rng, min(0.97, p * scale))}
    if "physician_led" in signals and chance(rng, 0.6):
        signals.add("board_certified")
    red_flags: list[str] = []
    if chance(rng, 0.05 * (1.6 - quality)):
        red_flags.append("guarantee_claim")
    if chance(rng, 0.035 * (1.6 - quality)):
        red_flags.append("no_screening")
        signals.discard("screening")
    if "iv" in routes and chance(rng, 0.03):
        red_flags.append("at_home_iv")

    clinicians = _draw_team(rng, signals)
    if any(c.cred in names.LICENSED_OTHER_CREDS for c in clinicians):
        signals.add("licensed_clinicians")  # nurses, NPs, PAs and CRNAs are licensed clinicians too
    pricing = _draw_pricing(rng, routes, signals)
    insurance = rng.choices(
        ("accepted", "not_accepted", "partial", None),
        weights=(30 if "esketamine" in routes else 15, 30, 22, 28),
    )[0]
    insurers = (
        tuple(sorted(rng.sample(names.INSURERS, rng.randrange(2, 5))))
        if insurance == "accepted"
        else ()
    )
    financing = _tri(rng, 0.35, 0.12)
    superbill = _tri(rng, 0.5 if insurance == "partial" else 0.3, 0.06)
    if superbill and insurance in ("not_accepted", None):
        insurance = "partial"  # labelling convention: no insurance, but superbills -> partial
    hsa_fsa = _tri(rng, 0.3, 0.04)
    conditions = ("depression", *(c for c, p in CONDITION_ODDS if chance(rng, p)))
    rating: float | None = None
    review_count: int | None = None
    if chance(rng, 0.6):
        rating = round(min(5.0, rng.triangular(3.6, 5.0, 4.9)), 1)
        review_count = max(3, int(rng.lognormvariate(3.6, 1.0)))
    testimonials = chance(rng, 0.6)

    if len(routes) > 1:
        signals.add("multiple_routes")
    if pricing.items:
        signals.add("session_price")
    if pricing.fees:
        signals.add("other_fees")
    if insurance:
        signals.add("insurance_policy")
    if financing:
        signals.add("financing")
    if superbill or hsa_fsa:
        signals.add("superbill_hsa")
    if rating is not None:
        signals.add("aggregate_rating")
    if testimonials:
        signals.add("testimonials")

    return Clinic(
        id=f"c{index + 1:04d}",
        index=index,
        name=name,
        name_style=name_style,
        domain=domain,
        www=chance(rng, 0.55),
        street=street,
        suite=suite,
        place=place,
        phone=make_phone(rng, place),
        email=f"{rng.choice(('info', 'info', 'hello', 'contact', 'frontdesk', 'care'))}@{domain}",
        clinicians=clinicians,
        routes=routes,
        pricing=pricing,
        insurance=insurance,
        insurers=insurers,
        financing=financing,
        financing_vendor=rng.choice(names.FINANCING_VENDORS),
        superbill=superbill,
        hsa_fsa=hsa_fsa,
        conditions=conditions,
        ptsd_negative="ptsd" not in conditions and chance(rng, 0.25),
        telehealth=chance(rng, 0.35),
        veterans=chance(rng, 0.2),
        rating=rating,
        review_count=review_count,
        testimonials=testimonials,
        signals=tuple(sorted(signals)),
        red_flags=tuple(red_flags),
        markup=rng.choices(("jsonld", "microdata", "none"), weights=(45, 25, 30))[0],
        theme=rng.randrange(4),
        sitemap=chance(rng, 0.4),
        robots_disallow=rng.choice(("/admin/", "/patient-portal/")) if chance(rng, 0.12) else None,
        founded=rng.randrange(2014, 2024),
    )


def _draw_hostile(seed: int, first_index: int) -> list[ListedOnly]:
    """The hostile listings, from their own seeded stream so the regular clinics do not move."""
    rng = random.Random(f"sampleweb-hostile-{seed}")
    out: list[ListedOnly] = []
    for offset, (name, website, directory) in enumerate(HOSTILE):
        index = first_index + offset
        place = pick_place(rng)
        street, suite = _draw_street(rng)
        out.append(
            ListedOnly(
                id=f"c{index + 1:04d}",
                index=index,
                name=name,
                website=website,
                directory=directory,
                street=street,
                suite=suite,
                place=place,
                phone=make_phone(rng, place),
            )
        )
    return out


def generate(
    clinics: int, seed: int
) -> tuple[list[Clinic], list[ListedOnly], dict[str, list[Listing]]]:
    """Clinics with sites, listing-only (hostile) clinics, and each directory's listings in the
    order the directory shows them. Together they are exactly ``clinics`` clinics."""
    rng = random.Random(seed)
    taken_names: set[str] = set()
    taken_domains: set[str] = set()
    hostile = len(HOSTILE) if clinics >= HOSTILE_MIN_CLINICS else 0
    regular = clinics - hostile
    with_sites = [_draw_clinic(rng, i, taken_names, taken_domains) for i in range(regular)]
    listed_only = _draw_hostile(seed, regular) if hostile else []
    return with_sites, listed_only, list_clinics(rng, with_sites, listed_only)
