"""Directory listings: which directories list each clinic, and how each one writes it."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from sampleweb import names
from sampleweb.model import Clinic, DirectorySite, ListedOnly, Listing
from sampleweb.places import format_phone
from sampleweb.util import chance, slug

DIRECTORIES: Final = (
    DirectorySite(
        "ketaminefinder", "ketaminefinder.test", "KetamineFinder", "http://ketaminefinder.test/", 20
    ),
    DirectorySite(
        "calmclinics", "calmclinics.test", "Calm Clinics", "http://calmclinics.test/clinics/", 15
    ),
)


def name_variant(rng: random.Random, clinic: Clinic) -> str:
    """How a directory may write a clinic's name: legal suffix, joined words, "and", city..."""
    name = clinic.name
    options: list[str] = [name + rng.choice(names.LEGAL_SUFFIXES), f"{name} - {clinic.place.city}"]
    words = name.split()
    if clinic.name_style == "pair":
        options.append(" ".join([words[0] + words[1], *words[2:]]))
    if clinic.name_style == "camel":
        options.append(re.sub(r"([a-z])([A-Z])", r"\1 \2", name))
    if "&" in name:
        options.append(name.replace("&", "and"))
    if len(words) >= 3 and words[-1] in {"Clinic", "Center"}:
        options.append(" ".join(words[:-1]))
    if clinic.name_style == "of_city":
        options.append(name.replace(" of ", " - "))
    return rng.choice(options)


def _website_variant(rng: random.Random, clinic: Clinic, directory: str) -> str:
    host = (
        clinic.host
        if chance(rng, 0.6)
        else (clinic.domain if clinic.www else f"www.{clinic.domain}")
    )
    url = f"http://{host}" + ("/" if chance(rng, 0.6) else "")
    if directory == "calmclinics" and chance(rng, 0.3):
        url = f"http://{host}/?utm_source=calmclinics&utm_medium=listing"
    return url


def _street_variant(rng: random.Random, clinic: Clinic, labels: tuple[str, ...]) -> str:
    if not clinic.suite:
        return clinic.street
    label = rng.choice(labels)
    sep = ", " if chance(rng, 0.5) else " "
    return f"{clinic.street}{sep}{label}{clinic.suite}"


def _listing(rng: random.Random, clinic: Clinic, directory: str, website: bool) -> Listing:
    if directory == "ketaminefinder":
        listed_name = clinic.name if chance(rng, 0.6) else name_variant(rng, clinic)
        phone = format_phone(clinic.phone, rng.choice(("paren", "paren", "dash")))
        street = _street_variant(rng, clinic, ("Suite ", "Ste. ", "Ste "))
    else:
        listed_name = clinic.name if chance(rng, 0.3) else name_variant(rng, clinic)
        phone = format_phone(clinic.phone, rng.choice(("dot", "intl", "one", "dot")))
        street = _street_variant(rng, clinic, ("#", "Ste ", "Suite ", "Unit "))
    return Listing(
        directory=directory,
        clinic_id=clinic.id,
        path="",
        name=listed_name,
        phone=phone,
        street=street,
        website=_website_variant(rng, clinic, directory) if website else None,
        variant=rng.randrange(3),
    )


def _listed_only(item: ListedOnly) -> Listing:
    """The one listing of a listing-only clinic, written the way its directory writes phones."""
    finder = item.directory == "ketaminefinder"
    street = f"{item.street}, Suite {item.suite}" if item.suite else item.street
    return Listing(
        directory=item.directory,
        clinic_id=item.id,
        path="",
        name=item.name,
        phone=format_phone(item.phone, "paren" if finder else "dot"),
        street=street,
        website=item.website,
        variant=item.index % 3,
    )


def _assign_paths(
    listings: list[Listing], clinics: dict[str, Clinic | ListedOnly], directory: str
) -> list[Listing]:
    """Give listings their detail paths, unique per directory, in the order the site shows them."""
    out: list[Listing] = []
    used: set[str] = set()
    for number, item in enumerate(listings):
        if directory == "ketaminefinder":
            place = clinics[item.clinic_id].place
            base = f"/clinic/{slug(item.name)}-{slug(place.city)}-{place.state.lower()}"
            path, n = base, 2
            while path in used:
                path, n = f"{base}-{n}", n + 1
        else:
            path = f"/listing/{1001 + number}/{slug(item.name)}/"
        used.add(path)
        out.append(replace(item, path=path))
    return out


def list_clinics(
    rng: random.Random, all_clinics: list[Clinic], listed_only: Sequence[ListedOnly] = ()
) -> dict[str, list[Listing]]:
    """Each directory's listings, in the order it shows them (about 55% of clinics on both).

    A listing-only clinic appears on its one directory only.
    """
    by_dir: dict[str, list[Listing]] = {d.key: [] for d in DIRECTORIES}
    for clinic in all_clinics:
        x = rng.random()
        on_a, on_b = x < 0.775, x < 0.55 or x >= 0.775
        both = on_a and on_b
        missing = (
            rng.choice(("ketaminefinder", "calmclinics")) if both and chance(rng, 0.06) else None
        )
        if on_a:
            by_dir["ketaminefinder"].append(
                _listing(rng, clinic, "ketaminefinder", missing != "ketaminefinder")
            )
        if on_b:
            by_dir["calmclinics"].append(
                _listing(rng, clinic, "calmclinics", missing != "calmclinics")
            )

    for item in listed_only:
        by_dir[item.directory].append(_listed_only(item))
    index: dict[str, Clinic | ListedOnly] = {c.id: c for c in all_clinics}
    index.update((c.id, c) for c in listed_only)
    a = sorted(
        by_dir["ketaminefinder"],
        key=lambda item: (
            index[item.clinic_id].place.state,
            index[item.clinic_id].place.city,
            item.name,
            item.clinic_id,
        ),
    )
    b = list(by_dir["calmclinics"])
    rng.shuffle(b)
    return {
        "ketaminefinder": _assign_paths(a, index, "ketaminefinder"),
        "calmclinics": _assign_paths(b, index, "calmclinics"),
    }
