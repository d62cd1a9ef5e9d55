"""HTML for clinic websites: four layouts over the same theme-agnostic ``SitePlan``.

- ``Classic``: semantic HTML5, root-relative links, FAQ as ``<dl>``.
- ``Press``: WordPress-like markup, absolute links, sub-menus, FAQ as ``<details>``, Yoast-style
  JSON-LD ``@graph``.
- ``Builder``: site-builder div soup, text in spans, accordions, price "tables" as div grids.
- ``Legacy``: table layout, upper-case tags, ``.html`` pages linked relatively (``fees.html``).

Structured data follows ``clinic.markup``: JSON-LD in the head, microdata around the footer's
address block and the rating, or none.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import ClassVar

from sampleweb.model import Clinic
from sampleweb.site import Block, Page, SitePlan, money, normalize_path, phone_text

YEAR = 2025  # a fixed "current" year keeps bytes identical across runs


def _e(text: str) -> str:
    return escape(text, quote=True)


class Theme:
    """Base layout. Hooks: ``document``, ``nav``, ``footer`` and one method per block kind."""

    name: ClassVar[str] = "classic"
    link_style: ClassVar[str] = "root"  # root | absolute | relative

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan
        self.c: Clinic = plan.clinic

    # -- links ---------------------------------------------------------------------------------

    def href(self, key: str) -> str:
        page = self.plan.pages[key]
        if self.link_style == "absolute":
            return f"http://{self.c.host}{page.path}"
        if self.link_style == "relative":
            return "index.html" if page.path == "/" else page.path.lstrip("/")
        return page.path

    def link(self, key: str, css: str = "") -> str:
        page = self.plan.pages[key]
        cls = f' class="{css}"' if css else ""
        return f'<a{cls} href="{_e(self.href(key))}">{_e(page.link_text)}</a>'

    # -- page ----------------------------------------------------------------------------------

    def render(self, page: Page) -> str:
        body = "\n".join(self.block(b) for b in page.blocks)
        return self.document(page, body)

    def head(self, page: Page) -> str:
        title = (
            f"{page.title} | {self.c.name}"
            if page.kind != "home"
            else f"{self.c.name} | {page.title}"
        )
        canonical = f"http://{self.c.host}{page.path}"
        parts = [
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(title)}</title>",
            f'<meta name="description" content="{_e(self.c.name)} - ketamine therapy in {_e(self.c.place.city)}, {self.c.place.state}.">',
            f'<link rel="canonical" href="{_e(canonical)}">',
        ]
        if page.jsonld:
            parts.append(self.jsonld())
        return "\n".join(parts)

    def document(self, page: Page, body: str) -> str:
        return (
            f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{self.head(page)}\n'
            "<style>body{font-family:sans-serif;margin:0}header,footer{padding:1em}</style>\n</head>\n<body>\n"
            f'<header class="site-header">\n<div class="logo"><a href="{_e(self.href("home"))}">{_e(self.c.name)}</a></div>\n'
            f"{self.nav(page)}\n</header>\n"
            f'<main id="content">\n<h1>{_e(page.title)}</h1>\n{body}\n{self.cta(page)}\n</main>\n'
            f"{self.footer()}\n</body>\n</html>\n"
        )

    def nav(self, page: Page) -> str:
        items = "\n".join(f"<li>{self.link(k)}</li>" for k in self.plan.nav)
        return f'<nav class="main-nav">\n<ul class="menu">\n{items}\n</ul>\n</nav>'

    def cta(self, page: Page) -> str:
        if page.kind in {"privacy", "post", "portal"}:
            return ""
        if self.plan.booking_url:
            return f'<p class="cta"><a href="{_e(self.plan.booking_url)}">Book online</a></p>'
        return f'<p class="cta">{self.link("contact", "button")}</p>'

    def address_html(self) -> str:
        c = self.c
        street = _e(c.street) + (f", Suite {_e(c.suite)}" if c.suite else "")
        locality = f"{_e(c.place.city)}, {c.place.state} {c.place.zip}"
        if self.c.markup != "microdata":
            return f'<p class="address">{street}<br>\n{locality}</p>'
        return (
            '<div class="address" itemscope itemtype="https://schema.org/MedicalClinic">\n'
            f'<meta itemprop="name" content="{_e(c.name)}">\n'
            f'<link itemprop="url" href="{_e(c.home_url)}">\n'
            '<p itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
            f'<span itemprop="streetAddress">{street}</span><br>\n'
            f'<span itemprop="addressLocality">{_e(c.place.city)}</span>, '
            f'<span itemprop="addressRegion">{c.place.state}</span> '
            f'<span itemprop="postalCode">{c.place.zip}</span></p>\n'
            f'<p>Phone: <span itemprop="telephone">{_e(phone_text(self.plan))}</span></p>\n</div>'
        )

    def footer(self) -> str:
        c = self.c
        links = " | ".join(self.link(k) for k in self.plan.footer)
        social = " ".join(
            f'<a href="{_e(url)}" rel="noopener">{_e(label)}</a>'
            for url, label in self.plan.socials
        )
        phone = "" if self.c.markup == "microdata" else f"<p>{self._tel()}</p>\n"
        return (
            f'<footer class="site-footer">\n<p class="footer-name">{_e(c.name)}</p>\n{self.address_html()}\n'
            f'{phone}<p class="social">{social}</p>\n<p class="footer-links">{links}</p>\n'
            f'<p class="disclaimer">{_e(self.plan.disclaimer)}</p>\n<p>© {YEAR} {_e(c.name)}. All rights reserved.</p>\n</footer>'
        )

    def _tel(self) -> str:
        return f'<a href="tel:{self.c.phone_e164}">{_e(phone_text(self.plan))}</a>'

    # -- blocks --------------------------------------------------------------------------------

    def block(self, b: Block) -> str:
        render: Callable[[Block], str] = getattr(self, f"b_{b.kind}")
        return render(b)

    def b_p(self, b: Block) -> str:
        return f"<p>{_e(b.items[0])}</p>"

    def b_h2(self, b: Block) -> str:
        return f"<h2>{_e(b.title)}</h2>"

    def b_ul(self, b: Block) -> str:
        title = f"<h2>{_e(b.title)}</h2>\n" if b.title else ""
        items = "\n".join(f"<li>{_e(t)}</li>" for t in b.items)
        return f"<section>\n{title}<ul>\n{items}\n</ul>\n</section>"

    def b_faq(self, b: Block) -> str:
        items = "\n".join(f"<dt>{_e(q)}</dt>\n<dd>{_e(a)}</dd>" for q, a in b.items)
        return f'<dl class="faq">\n{items}\n</dl>'

    def b_table(self, b: Block) -> str:
        head = b.data.get("head", ("", ""))
        rows = "\n".join(f"<tr>\n<td>{_e(x)}</td>\n<td>{_e(y)}</td>\n</tr>" for x, y in b.items)
        return (
            f'<h2>{_e(b.title)}</h2>\n<table class="fees">\n<thead><tr><th>{_e(head[0])}</th>\n<th>{_e(head[1])}</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table>"
        )

    def b_team(self, b: Block) -> str:
        cards = "\n".join(
            f'<div class="provider">\n<h3>{_e(person.display)}</h3>\n<p class="role">{_e(person.role)}</p>\n<p>{_e(bio)}</p>\n</div>'
            for person, bio in b.items
        )
        return f"<h2>{_e(b.title)}</h2>\n{cards}"

    def b_testimonials(self, b: Block) -> str:
        items = "\n".join(
            f'<blockquote class="testimonial">\n<p>“{_e(q)}”</p>\n<cite>— {_e(who)}</cite>\n</blockquote>'
            for q, who in b.items
        )
        return f'<div class="testimonials">\n{items}\n</div>'

    def rating_html(self, b: Block) -> str:
        template: str = b.data["template"]
        c = self.c
        if c.markup != "microdata":
            return _e(template.format(rating=c.rating, count=c.review_count))
        inner = _e(template).format(
            rating=f'<span itemprop="ratingValue">{c.rating}</span>',
            count=f'<span itemprop="reviewCount">{c.review_count}</span>',
        )
        return (
            f'<span itemscope itemtype="https://schema.org/MedicalClinic"><meta itemprop="name" content="{_e(c.name)}">'
            f'<span itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">{inner}'
            '<meta itemprop="bestRating" content="5"></span></span>'
        )

    def b_rating(self, b: Block) -> str:
        return f'<p class="rating">★★★★★ {self.rating_html(b)}</p>'

    def b_contact(self, b: Block) -> str:
        c = self.c
        hours = "\n".join(
            f"<tr><td>{_e(d)}</td>\n<td>{_e(h)}</td></tr>" for d, h in self.plan.hours
        )
        street = _e(c.street) + (f", Suite {_e(c.suite)}" if c.suite else "")
        maps = f"http://maps.test/?q={c.place.zip}"
        return (
            f'<section class="contact">\n<h2>{_e(c.name)}</h2>\n<p>{street}<br>\n{_e(c.place.city)}, {c.place.state} {c.place.zip}</p>\n'
            f"<p>Call us at {self._tel()}</p>\n"
            f'<p>Email: <a href="mailto:{_e(c.email)}">{_e(c.email)}</a></p>\n'
            f'<p><a href="{maps}">Get directions</a></p>\n<table class="hours">\n{hours}\n</table>\n</section>'
        )

    def b_links(self, b: Block) -> str:
        items = "\n".join(
            f'<li><a href="{_e(self._path_href(path))}">{_e(t)}</a></li>' for t, path in b.items
        )
        return f'<ul class="posts">\n{items}\n</ul>'

    def _path_href(self, path: str) -> str:
        if self.link_style == "absolute":
            return f"http://{self.c.host}{path}"
        if self.link_style == "relative":
            return path.lstrip("/")
        return path

    # -- structured data -----------------------------------------------------------------------

    def jsonld_object(self) -> dict[str, object]:
        c = self.c
        kind: object = ("MedicalClinic", "MedicalBusiness", ["MedicalClinic", "LocalBusiness"])[
            c.index % 3
        ]
        obj: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": kind,
            "name": c.name,
            "url": c.home_url,
            "telephone": phone_text(self.plan) if c.index % 2 else c.phone_e164,
            "email": c.email,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": c.street_line,
                "addressLocality": c.place.city,
                "addressRegion": c.place.state,
                "postalCode": c.place.zip,
                "addressCountry": "US",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": c.place.lat, "longitude": c.place.lon},
        }
        if c.rating is not None:
            obj["aggregateRating"] = {
                "@type": "AggregateRating",
                "ratingValue": str(c.rating),
                "reviewCount": str(c.review_count),
                "bestRating": "5",
            }
        if c.price_min is not None and c.index % 4 == 0:
            obj["priceRange"] = (
                f"{money(int(c.price_min))}-{money(int(c.price_max or c.price_min))}"
            )
        elif c.index % 4 == 1:
            obj["priceRange"] = "$$$"
        return obj

    def jsonld(self) -> str:
        data = json.dumps(self.jsonld_object(), ensure_ascii=False, indent=1).replace("</", "<\\/")
        return f'<script type="application/ld+json">\n{data}\n</script>'


class Press(Theme):
    """WordPress-like: absolute links, a sub-menu, ``<details>`` FAQ, Yoast-style JSON-LD graph."""

    name = "press"
    link_style = "absolute"

    def nav(self, page: Page) -> str:
        nav = list(self.plan.nav)
        sub = [k for k in ("reviews", "faq") if k in nav and "team" in nav]
        items = []
        for key in nav:
            if key in sub:
                continue
            child = ""
            if key == "team" and sub:
                inner = "\n".join(f'<li class="menu-item">{self.link(k)}</li>' for k in sub)
                child = f'\n<ul class="sub-menu">\n{inner}\n</ul>'
            items.append(
                f'<li class="menu-item menu-item-type-post_type">{self.link(key)}{child}</li>'
            )
        joined = "\n".join(items)
        return (
            '<nav id="site-navigation" class="main-navigation">\n'
            '<a class="menu-toggle" href="javascript:void(0)">Menu</a>\n'
            f'<div class="menu-primary-container"><ul id="primary-menu" class="menu">\n{joined}\n</ul></div>\n</nav>'
        )

    def document(self, page: Page, body: str) -> str:
        return (
            f'<!DOCTYPE html>\n<html lang="en-US">\n<head>\n{self.head(page)}\n'
            "<script>window.dataLayer = window.dataLayer || [];</script>\n</head>\n"
            f'<body class="page-template-default page">\n<div id="page" class="site">\n'
            f'<header id="masthead" class="site-header">\n<div class="site-branding"><p class="site-title">'
            f'<a href="{_e(self.href("home"))}" rel="home">{_e(self.c.name)}</a></p></div>\n{self.nav(page)}\n</header>\n'
            f'<div id="content" class="site-content">\n<article class="page type-page">\n'
            f'<header class="entry-header"><h1 class="entry-title">{_e(page.title)}</h1></header>\n'
            f'<div class="entry-content">\n{body}\n{self.cta(page)}\n</div>\n</article>\n</div>\n'
            f"{self.footer()}\n</div>\n</body>\n</html>\n"
        )

    def b_p(self, b: Block) -> str:
        return f'<p class="wp-block-paragraph">{_e(b.items[0])}</p>'

    def b_faq(self, b: Block) -> str:
        return "\n".join(
            f'<details class="wp-block-details">\n<summary>{_e(q)}</summary>\n<p>{_e(a)}</p>\n</details>'
            for q, a in b.items
        )

    def jsonld(self) -> str:
        clinic = self.jsonld_object()
        del clinic["@context"]
        clinic["@id"] = f"{self.c.home_url}#organization"
        graph = {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "WebSite",
                    "@id": f"{self.c.home_url}#website",
                    "url": self.c.home_url,
                    "name": self.c.name,
                },
                clinic,
            ],
        }
        return f'<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(graph, ensure_ascii=False)}</script>'


class Builder(Theme):
    """Site-builder div soup: spans, accordions and div grids instead of tables."""

    name = "builder"

    def nav(self, page: Page) -> str:
        items = "\n".join(
            f'<div class="header-nav-item">{self.link(k, "header-nav-link")}</div>'
            for k in self.plan.nav
        )
        return (
            f'<div class="header-nav"><a class="burger" href="javascript:void(0)" aria-label="Open menu"></a>\n'
            f'<div class="header-nav-list">\n{items}\n</div></div>'
        )

    def document(self, page: Page, body: str) -> str:
        return (
            f"<!doctype html>\n<html>\n<head>\n{self.head(page)}\n"
            '<script>var Static = {"SQUARESPACE_CONTEXT": {"templateId": "5c5a519771c10ba3470d8101"}};</script>\n'
            "</head>\n<body>\n"
            '<div class="cookie-banner"><span>We use cookies to improve your experience.</span> <a href="javascript:void(0)">Accept</a></div>\n'
            f'<header class="header">\n<div class="header-title"><a href="{_e(self.href("home"))}" class="header-title-text">'
            f"<span>{_e(self.c.name)}</span></a></div>\n{self.nav(page)}\n</header>\n"
            f'<div class="page-section"><div class="content-wrapper">\n<div class="sqs-block html-block"><div class="sqs-block-content">'
            f"<h1>{_e(page.title)}</h1></div></div>\n{body}\n{self.cta(page)}\n</div></div>\n"
            f"{self.footer()}\n</body>\n</html>\n"
        )

    def b_p(self, b: Block) -> str:
        return f'<div class="sqs-block html-block"><div class="sqs-block-content"><p><span>{_e(b.items[0])}</span></p></div></div>'

    def b_ul(self, b: Block) -> str:
        title = f"<h3>{_e(b.title)}</h3>\n" if b.title else ""
        items = "\n".join(
            f'<div class="list-item"><span class="list-item-text">{_e(t)}</span></div>'
            for t in b.items
        )
        return f'<div class="sqs-block list-block">\n{title}{items}\n</div>'

    def b_faq(self, b: Block) -> str:
        items = "\n".join(
            f'<div class="accordion-item">\n<button class="accordion-item__click-target"><span>{_e(q)}</span></button>\n'
            f'<div class="accordion-item__dropdown"><p>{_e(a)}</p></div>\n</div>'
            for q, a in b.items
        )
        return f'<div class="accordion-block">\n{items}\n</div>'

    def b_table(self, b: Block) -> str:
        rows = "\n".join(
            f'<div class="price-row">\n<span class="price-label">{_e(x)}</span>\n<span class="price-amount">{_e(y)}</span>\n</div>'
            for x, y in b.items
        )
        return f'<div class="sqs-block price-block">\n<h3>{_e(b.title)}</h3>\n{rows}\n</div>'

    def b_testimonials(self, b: Block) -> str:
        return "\n".join(
            f'<div class="sqs-block quote-block"><figure><blockquote><span>“</span>{_e(q)}<span>”</span></blockquote>\n'
            f"<figcaption>{_e(who)}</figcaption></figure></div>"
            for q, who in b.items
        )


class Legacy(Theme):
    """An old hand-written site: table layout, upper-case tags, relative ``.html`` links."""

    name = "legacy"
    link_style = "relative"

    def document(self, page: Page, body: str) -> str:
        nav = " |\n".join(self.link(k) for k in self.plan.nav)
        return (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<HTML>\n<HEAD>\n'
            f'{self.head(page)}\n</HEAD>\n<BODY BGCOLOR="#FFFFFF">\n'
            '<TABLE WIDTH="100%" BORDER="0" CELLPADDING="8">\n<TR><TD COLSPAN="2" BGCOLOR="#336699">'
            f'<FONT FACE="Arial" SIZE="5" COLOR="#FFFFFF">{_e(self.c.name)}</FONT></TD></TR>\n'
            f'<TR><TD VALIGN="top" WIDTH="20%"><FONT FACE="Arial" SIZE="2">\n{nav}\n</FONT></TD>\n'
            f'<TD VALIGN="top"><FONT FACE="Arial">\n<H1>{_e(page.title)}</H1>\n{body}\n{self.cta(page)}\n</FONT></TD></TR>\n</TABLE>\n'
            f"{self.footer()}\n</BODY>\n</HTML>\n"
        )

    def b_p(self, b: Block) -> str:
        return f"<P>{_e(b.items[0])}</P>"

    def b_ul(self, b: Block) -> str:
        title = f"<B>{_e(b.title)}</B><BR>\n" if b.title else ""
        items = "<BR>\n".join(f"&bull; {_e(t)}" for t in b.items)
        return f"<P>{title}{items}</P>"

    def b_faq(self, b: Block) -> str:
        return "\n".join(f"<P><B>{_e(q)}</B><BR>\n{_e(a)}</P>" for q, a in b.items)

    def b_table(self, b: Block) -> str:
        rows = "\n".join(
            f'<TR><TD>{_e(x)}</TD>\n<TD ALIGN="right">{_e(y)}</TD></TR>' for x, y in b.items
        )
        return f'<H2>{_e(b.title)}</H2>\n<TABLE BORDER="1" CELLPADDING="4">\n{rows}\n</TABLE>'


THEMES: tuple[type[Theme], ...] = (Theme, Press, Builder, Legacy)


def render_page(plan: SitePlan, page: Page) -> str:
    """The HTML of one page of a clinic site."""
    return THEMES[plan.clinic.theme](plan).render(page)


def robots_txt(plan: SitePlan) -> str:
    """Mostly allow-all; a few sites keep a private area out of crawlers' reach."""
    lines = ["User-agent: *", f"Disallow: {plan.clinic.robots_disallow or ''}"]
    if plan.clinic.sitemap:
        lines += ["", f"Sitemap: http://{plan.clinic.host}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def sitemap_xml(plan: SitePlan) -> str:
    """Every public page, absolute canonical URLs."""
    urls = []
    for n, page in enumerate(p for p in plan.pages.values() if p.kind != "portal"):
        lastmod = f"{YEAR - 1}-{(plan.clinic.index + n) % 12 + 1:02d}-{(n * 7) % 28 + 1:02d}"
        urls.append(
            f"<url><loc>http://{_e(plan.clinic.host)}{_e(page.path)}</loc><lastmod>{lastmod}</lastmod></url>"
        )
    body = "\n".join(urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}\n</urlset>\n'


__all__ = ["THEMES", "normalize_path", "render_page", "robots_txt", "sitemap_xml"]
