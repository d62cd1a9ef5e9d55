"""Crawl clinics' own websites, evidence pages first, within per-site page and depth limits."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap

from crawler.pages.clinic import ClinicPage, link_priority
from directory.normalize import domain_key, normalize_url


def same_host(url: str, like: str) -> str:
    """`url` on the scheme and host of `like` (www and bare host are one site)."""
    ref = urlsplit(like)
    return urlunsplit(urlsplit(url)._replace(scheme=ref.scheme, netloc=ref.netloc))


class ClinicSiteSpider(scrapy.Spider):
    """Seeds: `-a urls=URL,URL`, `-a seeds=FILE` (one URL a line), or, with neither, every
    clinic website in the database (passed in by `python -m crawler`)."""

    name = "clinic_site"
    custom_settings = {
        "SPIDERMON_ADD_FIELD_COVERAGE": True,
        "SPIDERMON_FIELD_COVERAGE_SKIP_IF_NO_ITEM": True,
        "SPIDERMON_FIELD_COVERAGE_RULES": {
            "PageItem/extraction": 1.0,
            "PageItem/content_hash": 1.0,
        },
    }

    def __init__(
        self, urls: str | list[str] | None = None, seeds: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        given = urls.split(",") if isinstance(urls, str) else list(urls or [])
        if seeds:
            with open(seeds, encoding="utf-8") as fh:
                given += [
                    line.strip()
                    for line in fh
                    if line.strip() and not line.lstrip().startswith("#")
                ]
        self.seeds = list(dict.fromkeys(u for u in (normalize_url(g) for g in given) if u))
        self.crawls_all_known_sites = bool(kwargs.get("from_database"))
        self.run_args = {
            "urls": self.seeds[:50],
            "seed_count": len(self.seeds),
            "seeds_file": seeds,
        }
        self.scheduled: Counter[str] = Counter()
        self.seen_urls: set[str] = set()

    @property
    def max_pages(self) -> int:
        return self.settings.getint("CLINICS_MAX_PAGES_PER_SITE", 25)

    @property
    def max_depth(self) -> int:
        return self.settings.getint("CLINICS_MAX_DEPTH_PER_SITE", 3)

    def _resume_budget(self) -> None:
        """With a job directory Scrapy saves `self.state` across a stop and resume: keep the
        per-site page counts there, so a resumed crawl does not start its budget again."""
        state = getattr(self, "state", None)
        if isinstance(state, dict):
            self.scheduled = state.setdefault("scheduled", self.scheduled)
            self.seen_urls = state.setdefault("seen_urls", self.seen_urls)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self._resume_budget()
        for seed in self.seeds:
            site = domain_key(seed) or seed
            if seed not in self.seen_urls:
                self.scheduled[site] += 1
                self.seen_urls.add(seed)
            yield scrapy.Request(
                seed, callback=self.parse, priority=100, meta={"site": seed, "site_depth": 0}
            )
            yield scrapy.Request(
                urljoin(seed, "/sitemap.xml"),
                callback=self.parse_sitemap,
                errback=self.no_sitemap,
                priority=90,
                meta={
                    "site": seed,
                    "site_depth": 0,
                    "handle_httpstatus_list": [404, 410],
                    "dont_retry": True,
                },
            )

    def parse(self, response: Response) -> Iterator[Any]:
        site = response.meta["site"]
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("clinics/non_text_pages")
            return
        page = ClinicPage(response)
        yield page.to_item(site)
        if response.meta["site_depth"] >= self.max_depth:
            return
        for url, priority in page.links():
            yield from self._follow(url, priority, site, response.meta["site_depth"] + 1)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        if response.status != 200:
            return
        try:
            sitemap = Sitemap(response.body)
        except Exception:
            self.crawler.stats.inc_value("clinics/bad_sitemap")
            return
        site = response.meta["site"]
        for entry in sitemap:
            url = normalize_url(entry.get("loc"))
            if url and domain_key(url) == domain_key(site):
                url = same_host(url, response.url)
                yield from self._follow(url, link_priority(url, ""), site, 1)

    def no_sitemap(self, failure: Any) -> None:
        self.crawler.stats.inc_value("clinics/sitemap_unavailable")

    def _follow(self, url: str, priority: int, site: str, depth: int) -> Iterator[scrapy.Request]:
        key = domain_key(site) or site
        if url in self.seen_urls:
            return
        if self.scheduled[key] >= self.max_pages:
            self.crawler.stats.inc_value("clinics/site_page_limit_reached")
            return
        self.scheduled[key] += 1
        self.seen_urls.add(url)
        yield scrapy.Request(
            url, callback=self.parse, priority=priority, meta={"site": site, "site_depth": depth}
        )
