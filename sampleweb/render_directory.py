"""HTML for the directory sites, each with its own markup and pagination.

KetamineFinder (``ketaminefinder.test``)
    Listing: ``/`` and ``/?page=N``; ``table.results tbody tr.result``, name link in
    ``td.result-name a``; ``a[rel=next]`` inside ``nav.pager``. Detail ``/clinic/<slug>``:
    schema.org microdata ``[itemtype$=MedicalClinic]`` with ``itemprop`` name, telephone,
    address (streetAddress, addressLocality, addressRegion, postalCode) and url.

Calm Clinics (``calmclinics.test``)
    Listing: ``/clinics/`` and ``/clinics/page/N/``; ``div.card``, name link in
    ``h3.card-title a``; ``a.next`` ("Next »"). Detail ``/listing/<id>/<slug>/``: JSON-LD
    ``MedicalBusiness`` in the head, and irregular body markup (paragraphs with bold labels,
    a list, or a table) inside ``div.entry-content``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from html import escape
from urllib.parse import parse_qs, urlsplit

from sampleweb.model import Clinic, DirectorySite, ListedOnly, Listing
from sampleweb.names import STATE_NAMES

PAGE_STYLE = "<style>body{font-family:Georgia,serif;max-width:960px;margin:auto}</style>"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _doc(title: str, head: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{_e(title)}</title>\n'
        f"{PAGE_STYLE}\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _json_in_script(data: object) -> str:
    """JSON safe inside <script>: a listed name such as ``</script>`` cannot end the element."""
    return json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e")


def _page_number(query: str) -> int | None:
    values = parse_qs(query).get("page", ["1"])
    try:
        return int(values[0])
    except ValueError:
        return None


class _Directory:
    """What every directory site has: its listings, found by path, split into pages."""

    def __init__(
        self,
        site: DirectorySite,
        listings: list[Listing],
        clinics: Mapping[str, Clinic | ListedOnly],
    ) -> None:
        self.site = site
        self.listings = listings
        self.clinics = clinics
        self.by_path = {item.path: item for item in listings}
        self.pages = max(1, math.ceil(len(listings) / site.per_page))


class Finder(_Directory):
    """KetamineFinder: a table of results with ``?page=N``, microdata detail pages."""

    def page(self, path_q: str) -> str | None:
        parts = urlsplit(path_q)
        if parts.path in ("/", "/index.html"):
            number = _page_number(parts.query)
            if number is None or not 1 <= number <= self.pages:
                return None
            return self.listing_page(number)
        if parts.path == "/about":
            return self.chrome(
                "About",
                "<p>KetamineFinder is an independent directory of ketamine clinics in the United States. Listings are provided by clinics and are not endorsements.</p>",
            )
        if parts.path == "/add-listing":
            return self.chrome(
                "Add your clinic", "<p>Clinic owners can request a free listing by email.</p>"
            )
        item = self.by_path.get(parts.path)
        return self.detail(item) if item else None

    def chrome(self, title: str, body: str) -> str:
        header = (
            '<header><a class="brand" href="/">KetamineFinder</a>\n'
            '<nav><a href="/">Browse clinics</a> <a href="/about">About</a> <a href="/add-listing">Add your clinic</a></nav></header>'
        )
        footer = (
            "<footer><p>© 2025 KetamineFinder. Information only; not medical advice.</p></footer>"
        )
        return _doc(
            f"{title} | KetamineFinder",
            "",
            f"{header}\n<main>\n<h1>{_e(title)}</h1>\n{body}\n</main>\n{footer}",
        )

    def listing_page(self, number: int) -> str:
        per = self.site.per_page
        chunk = self.listings[(number - 1) * per : number * per]
        rows = []
        for item in chunk:
            c = self.clinics[item.clinic_id]
            rows.append(
                f'<tr class="result">\n<td class="result-name"><a href="{_e(item.path)}">{_e(item.name)}</a></td>\n'
                f'<td class="result-loc">{_e(c.place.city)}, {c.place.state}</td>\n<td class="result-phone">{_e(item.phone)}</td>\n</tr>'
            )
        table = (
            '<table class="results">\n<thead><tr><th>Clinic</th><th>Location</th><th>Phone</th></tr></thead>\n'
            "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        )
        links = []
        if number > 1:
            links.append(f'<a rel="prev" href="/?page={number - 1}">« Prev</a>')
        window = sorted(
            {1, self.pages, *range(max(1, number - 2), min(self.pages, number + 2) + 1)}
        )
        for n in window:
            links.append(
                f'<span class="current">{n}</span>'
                if n == number
                else f'<a href="/?page={n}">{n}</a>'
            )
        if number < self.pages:
            links.append(f'<a rel="next" href="/?page={number + 1}">Next</a>')
        pager = '<nav class="pager">\n' + "\n".join(links) + "\n</nav>"
        intro = f"<p>{len(self.listings)} clinics listed. Page {number} of {self.pages}.</p>"
        return self.chrome("Find a ketamine clinic near you", f"{intro}\n{table}\n{pager}")

    def detail(self, item: Listing) -> str:
        c = self.clinics[item.clinic_id]
        website = (
            f'<p class="website"><a itemprop="url" href="{_e(item.website)}" rel="nofollow">Visit website</a></p>'
            if item.website
            else '<p class="website muted">Website not listed</p>'
        )
        body = (
            '<div class="listing" itemscope itemtype="https://schema.org/MedicalClinic">\n'
            f'<h2 itemprop="name">{_e(item.name)}</h2>\n'
            '<div class="addr" itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">\n'
            f'<span itemprop="streetAddress">{_e(item.street)}</span>,\n'
            f'<span itemprop="addressLocality">{_e(c.place.city)}</span>,\n'
            f'<span itemprop="addressRegion">{c.place.state}</span>\n'
            f'<span itemprop="postalCode">{c.place.zip}</span>\n</div>\n'
            f'<p class="phone">Phone: <a href="tel:{c.phone_e164}" itemprop="telephone">{_e(item.phone)}</a></p>\n'
            f"{website}\n</div>\n"
            '<p><a href="/">« Back to all clinics</a></p>'
        )
        return self.chrome(item.name, body)


class Calm(_Directory):
    """Calm Clinics: cards, ``/clinics/page/N/`` with "Next »", JSON-LD + irregular details."""

    def page(self, path_q: str) -> str | None:
        path = urlsplit(path_q).path
        if path == "/":
            return self.home()
        if path == "/clinics/":
            return self.listing_page(1)
        if path.startswith("/clinics/page/") and path.endswith("/"):
            number = path[len("/clinics/page/") : -1]
            if number.isdigit() and 2 <= int(number) <= self.pages:
                return self.listing_page(int(number))
            return None
        if path == "/about/":
            return self.chrome(
                "About Calm Clinics",
                "<p>Calm Clinics helps people find mental health clinics offering ketamine treatment.</p>",
            )
        item = self.by_path.get(path)
        return self.detail(item) if item else None

    def chrome(self, title: str, body: str, head: str = "") -> str:
        header = (
            '<div class="topbar"><a class="logo" href="/">Calm Clinics</a>\n'
            '<ul class="nav"><li><a href="/clinics/">All clinics</a></li><li><a href="/about/">About</a></li></ul></div>'
        )
        return _doc(
            f"{title} – Calm Clinics",
            head,
            f'{header}\n<div class="wrap">\n<h1>{_e(title)}</h1>\n{body}\n</div>\n<div class="foot">© Calm Clinics</div>',
        )

    def card(self, item: Listing) -> str:
        c = self.clinics[item.clinic_id]
        return (
            f'<div class="card">\n<h3 class="card-title"><a href="{_e(item.path)}">{_e(item.name)}</a></h3>\n'
            f'<div class="card-body"><span class="city">{_e(c.place.city)}</span>, '
            f'<span class="state">{_e(STATE_NAMES[c.place.state])}</span></div>\n'
            f'<a class="more" href="{_e(item.path)}">View details</a>\n</div>'
        )

    def home(self) -> str:
        featured = "\n".join(self.card(item) for item in self.listings[:3])
        return self.chrome(
            "Find calm, qualified ketamine care",
            f'<p>Browse {len(self.listings)} clinics.</p>\n<p><a class="button" href="/clinics/">Browse all clinics</a></p>\n'
            f'<h2>Featured</h2>\n<div class="cards">\n{featured}\n</div>',
        )

    def listing_page(self, number: int) -> str:
        per = self.site.per_page
        chunk = self.listings[(number - 1) * per : number * per]
        cards = "\n".join(self.card(item) for item in chunk)
        nav = []
        if number > 1:
            prev = "/clinics/" if number == 2 else f"/clinics/page/{number - 1}/"
            nav.append(f'<a class="prev page-numbers" href="{prev}">« Previous</a>')
        nav.append(f'<span class="page-numbers current">{number}</span>')
        if number < self.pages:
            nav.append(
                f'<a class="next page-numbers" href="/clinics/page/{number + 1}/">Next »</a>'
            )
        pagination = '<div class="pagination">' + " ".join(nav) + "</div>"
        return self.chrome(
            "Ketamine clinics", f'<div class="cards">\n{cards}\n</div>\n{pagination}'
        )

    def detail(self, item: Listing) -> str:
        c = self.clinics[item.clinic_id]
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "MedicalBusiness",
            "name": item.name,
            "telephone": item.phone,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": item.street,
                "addressLocality": c.place.city,
                "addressRegion": c.place.state,
                "postalCode": c.place.zip,
            },
        }
        if item.website:
            data["url"] = item.website
        head = f'<script type="application/ld+json">{_json_in_script(data)}</script>'
        locality = f"{_e(c.place.city)}, {c.place.state} {c.place.zip}"
        web_text = item.website.split("//", 1)[-1].split("?")[0].rstrip("/") if item.website else ""
        web = (
            f'<a href="{_e(item.website)}" target="_blank">{_e(web_text)}</a>'
            if item.website
            else ""
        )
        label = ("Phone:", "Tel:", "Call:")[item.variant]
        if item.variant == 0:
            rows = [
                f"<p><strong>Address:</strong> {_e(item.street)}<br>\n{locality}</p>",
                f"<p><strong>{label}</strong> {_e(item.phone)}</p>",
            ]
            if web:
                rows.append(f"<p><strong>Website:</strong> {web}</p>")
            body = "\n".join(rows)
        elif item.variant == 1:
            rows = [
                f"<li><b>Address</b> {_e(item.street)}, {locality}</li>",
                f"<li><b>{label}</b> {_e(item.phone)}</li>",
            ]
            if web:
                rows.append(f"<li><b>Web</b> {web}</li>")
            body = '<ul class="details">\n' + "\n".join(rows) + "\n</ul>"
        else:
            rows = [
                f"<tr><th>Location</th><td>{_e(item.street)}<br>{locality}</td></tr>",
                f"<tr><th>{label}</th><td>{_e(item.phone)}</td></tr>",
            ]
            if web:
                rows.append(f"<tr><th>Online</th><td>{web}</td></tr>")
            body = '<table class="info">\n' + "\n".join(rows) + "\n</table>"
        content = (
            f'<article class="listing-detail">\n<div class="entry-content">\n{body}\n</div>\n'
            '<p><a href="/clinics/">« All clinics</a></p>\n</article>'
        )
        return self.chrome(item.name, content, head)


def hub_page(port: int, directories: list[DirectorySite], clinics: int, seed: int) -> str:
    """The page served for the proxy's own address: where to start, and how to connect."""
    items = "\n".join(
        f'<li><a href="{_e(d.start_url)}">{_e(d.title)}</a> — {_e(d.start_url)}</li>'
        for d in directories
    )
    return _doc(
        "Sample web",
        "",
        f"<h1>Sample web</h1>\n<p>{clinics} clinic sites (seed {seed}) and {len(directories)} directories.</p>\n"
        f"<ul>\n{items}\n</ul>\n<p>These sites are reached by using this server as an HTTP proxy: "
        f"<code>http_proxy=http://127.0.0.1:{port}</code></p>",
    )
