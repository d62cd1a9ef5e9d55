"""The World: a generated sample web, its pages on demand, and its ground truth."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from sampleweb.generate import generate
from sampleweb.listings import DIRECTORIES
from sampleweb.model import Clinic, DirectorySite, ListedOnly, Listing
from sampleweb.render_directory import Calm, Finder
from sampleweb.render_site import render_page, robots_txt, sitemap_xml
from sampleweb.site import SitePlan, Statement, build_site, normalize_path

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
XML = "application/xml; charset=utf-8"
DIRECTORY_ROBOTS = "User-agent: *\nDisallow:\n"

K = TypeVar("K")
V = TypeVar("V")


class _LRU:
    """A small thread-safe LRU cache (bounded, so a 10,000-site world stays small in memory)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.data: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V]) -> V:
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]  # type: ignore[no-any-return]
        value = make()
        with self.lock:
            self.data[key] = value
            while len(self.data) > self.size:
                self.data.popitem(last=False)
        return value


class World:
    """A deterministic sample web: clinics, directories, pages and ground truth."""

    def __init__(self, clinics: int, seed: int) -> None:
        self.seed = seed
        self.n = clinics
        all_clinics, listed_only, listings = generate(clinics, seed)
        self.clinics: list[Clinic] = all_clinics  # the clinics that have a website
        self.listed_only: list[ListedOnly] = listed_only  # hostile listings, no website
        self.by_id = {c.id: c for c in all_clinics}
        listed: dict[str, Clinic | ListedOnly] = {**self.by_id}
        listed.update((c.id, c) for c in listed_only)
        self.directories: list[DirectorySite] = list(DIRECTORIES)
        self.listings: dict[str, list[Listing]] = listings
        self._hosts: dict[str, Clinic] = {}
        for c in all_clinics:
            self._hosts[c.domain] = c
            self._hosts[f"www.{c.domain}"] = c
        self._dir_sites: dict[str, Finder | Calm] = {
            "ketaminefinder.test": Finder(DIRECTORIES[0], listings["ketaminefinder"], listed),
            "calmclinics.test": Calm(DIRECTORIES[1], listings["calmclinics"], listed),
        }
        self._plans = _LRU(2048)
        self._pages = _LRU(8192)

    # -- public API --------------------------------------------------------------------------

    @property
    def directory_start_urls(self) -> list[str]:
        """Where a crawl starts: one URL per directory site."""
        return [d.start_url for d in self.directories]

    @property
    def clinic_sites(self) -> list[str]:
        """The canonical home URL of every clinic that has a website, in clinic order."""
        return [c.home_url for c in self.clinics]

    def knows_host(self, host: str) -> bool:
        """Whether ``host`` (no port) is a site of this world."""
        host = host.lower().rstrip(".")
        return host in self._hosts or host in self._dir_sites

    def page(self, host: str, path_with_query: str) -> tuple[int, str, bytes] | None:
        """``(status, content_type, body)`` of a URL of this world, or None when there is no such page."""
        host = host.lower().rstrip(".").split(":", 1)[0]
        path_with_query = path_with_query or "/"
        clinic = self._hosts.get(host)
        if clinic is not None:
            key = (clinic.id, normalize_path(path_with_query))
            return self._pages.get(key, lambda: self._clinic_page(clinic, key[1]))
        site = self._dir_sites.get(host)
        if site is not None:
            return self._pages.get(
                (host, path_with_query), lambda: self._directory_page(site, path_with_query)
            )
        return None

    def site(self, clinic_id: str) -> SitePlan:
        """The plan of one clinic's site (pages, paths, link texts, statements)."""
        clinic = self.by_id[clinic_id]
        return self._plans.get(clinic_id, lambda: build_site(clinic, self.seed))

    def evidence(self, clinic_id: str) -> list[Statement]:
        """Every sentence on the clinic's site that states a signal, fact, red flag or negative."""
        return list(self.site(clinic_id).statements)

    def truth(self) -> dict[str, Any]:
        """The JSON-able ground truth, built from the same records the pages are rendered from."""
        ids = [c.id for c in self.clinics] + [c.id for c in self.listed_only]
        listings: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        hosts = {d.key: d.host for d in self.directories}
        for key, items in self.listings.items():
            for item in items:
                listings[item.clinic_id].append(
                    {
                        "directory": key,
                        "url": f"http://{hosts[key]}{item.path}",
                        "name": item.name,
                        "phone": item.phone,
                        "street": item.street,
                        "website": item.website,
                    }
                )
        return {
            "seed": self.seed,
            "clinics": self.n,
            "directories": [
                {"name": d.key, "title": d.title, "start_url": d.start_url}
                for d in self.directories
            ],
            "clinic_list": [_clinic_truth(c, listings[c.id]) for c in self.clinics]
            + [_listed_only_truth(c, listings[c.id]) for c in self.listed_only],
        }

    # -- rendering -----------------------------------------------------------------------------

    def _clinic_page(self, clinic: Clinic, path: str) -> tuple[int, str, bytes] | None:
        plan = self.site(clinic.id)
        if path == "/robots.txt":
            return 200, TEXT, robots_txt(plan).encode()
        if path == "/sitemap.xml":
            return (200, XML, sitemap_xml(plan).encode()) if clinic.sitemap else None
        page = plan.page_for(path)
        if page is None:
            return None
        return 200, HTML, render_page(plan, page).encode()

    def _directory_page(self, site: Finder | Calm, path_q: str) -> tuple[int, str, bytes] | None:
        if path_q.split("?", 1)[0] == "/robots.txt":
            return 200, TEXT, DIRECTORY_ROBOTS.encode()
        html = site.page(path_q)
        return None if html is None else (200, HTML, html.encode())


def _clinic_truth(c: Clinic, listings: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "website": c.home_url,
        "domain": c.domain,
        "phone_e164": c.phone_e164,
        "email": c.email,
        "street": c.street_line,
        "city": c.place.city,
        "state": c.place.state,
        "zip": c.place.zip,
        "lat": c.place.lat,
        "lon": c.place.lon,
        "routes": sorted(c.routes),
        "price_min_usd": c.price_min,
        "price_max_usd": c.price_max,
        "insurance": c.insurance,
        "financing": c.financing,
        "superbill": c.superbill,
        "hsa_fsa": c.hsa_fsa,
        "ptsd": c.ptsd,
        "conditions": list(c.conditions),
        "telehealth": c.telehealth,
        "veterans": c.veterans,
        "rating": c.rating,
        "review_count": c.review_count,
        "clinicians": [p.display for p in c.clinicians],
        "signals": list(c.signals),
        "red_flags": sorted(c.red_flags),
        "markup": c.markup,
        "listings": listings,
        "hostile": False,
    }


def _listed_only_truth(c: ListedOnly, listings: list[dict[str, Any]]) -> dict[str, Any]:
    """A clinic known only from its listing: its facts are what the listing says, no more."""
    return {
        "id": c.id,
        "name": c.name,
        "website": None,
        "domain": None,
        "phone_e164": c.phone_e164,
        "email": None,
        "street": c.street_line,
        "city": c.place.city,
        "state": c.place.state,
        "zip": c.place.zip,
        "lat": c.place.lat,
        "lon": c.place.lon,
        "routes": [],
        "price_min_usd": None,
        "price_max_usd": None,
        "insurance": None,
        "financing": None,
        "superbill": None,
        "hsa_fsa": None,
        "ptsd": False,
        "conditions": [],
        "telehealth": False,
        "veterans": False,
        "rating": None,
        "review_count": None,
        "clinicians": [],
        "signals": [],
        "red_flags": [],
        "markup": None,
        "listings": listings,
        "hostile": True,
    }


def build_world(clinics: int = 200, seed: int = 7) -> World:
    """Generate a sample web; pure and deterministic (same arguments, same world and bytes)."""
    if clinics < 1:
        raise ValueError("clinics must be at least 1")
    return World(clinics, seed)
