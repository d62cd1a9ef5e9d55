"""A page of a clinic's own website: its extraction, and the links worth following."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit

from scrapy.http import TextResponse

from crawler.items import PageItem
from crawler.pages.base import WebPage
from directory.extract import extract_page
from directory.normalize import domain_key, normalize_url
from directory.types import PageExtraction

# Pages that tend to hold evidence come first (higher priority), low-value ones last.
_LINK_HINTS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"pric|fee|cost|insurance|payment|financ|superbill|rates", re.I), 60),
    (re.compile(r"faq|question|what.to.expect|process|first.visit|safety", re.I), 50),
    (re.compile(r"team|provider|staff|about|physician|doctor|clinician|our.people|meet", re.I), 45),
    (re.compile(r"review|testimonial|stories|patients.say", re.I), 40),
    (
        re.compile(
            r"service|treatment|ketamine|infusion|therap|ptsd|spravato|esketamine|condition", re.I
        ),
        35,
    ),
    (re.compile(r"contact|location|visit|directions", re.I), 25),
)
_LOW_VALUE = re.compile(
    r"blog|news|post|privacy|terms|cookie|career|jobs|login|cart|account|wp-admin|/tag/|/category/|feed",
    re.I,
)
_ASSET = re.compile(
    r"\.(?:jpe?g|png|gif|svg|webp|ico|css|js|pdf|zip|mp4|mp3|docx?|xlsx?|woff2?)(?:$|\?)", re.I
)


def link_priority(url: str, text: str) -> int:
    """How likely a link leads to rubric evidence, from its URL and anchor text."""
    haystack = f"{url} {text}"
    score = max((points for pattern, points in _LINK_HINTS if pattern.search(haystack)), default=10)
    if _LOW_VALUE.search(url):
        score -= 30
    return score


class ClinicPage(WebPage):
    """A clinic site's page. Fields: `content_hash`, `extraction`, `links`."""

    def content_hash(self) -> str:
        return hashlib.sha256(self.response.body).hexdigest()

    def extraction(self) -> PageExtraction:
        encoding = self.response.encoding if isinstance(self.response, TextResponse) else None
        return extract_page(self.url, self.response.body, encoding=encoding)

    def links(self) -> Iterator[tuple[str, int]]:
        """Internal links (same site, www or not) with their priority, each once.

        A site reachable both with and without `www.` would otherwise be fetched twice, so
        internal links keep the host of the page they were found on.
        """
        if not isinstance(self.response, TextResponse):
            return
        site = domain_key(self.url)
        here = urlsplit(self.url)
        seen: set[str] = set()
        for anchor in self.response.css("a[href]"):
            href = anchor.attrib.get("href", "")
            url = normalize_url(urljoin(self.url, href))
            if url is None or domain_key(url) != site or _ASSET.search(url):
                continue
            url = urlunsplit(urlsplit(url)._replace(scheme=here.scheme, netloc=here.netloc))
            if url in seen:
                continue
            seen.add(url)
            text = " ".join(anchor.css("::text").getall())[:200]
            yield url, link_priority(url, text)

    def to_item(self, site: str) -> PageItem:
        return PageItem(
            site=site,
            url=self.url,
            status=self.response.status,
            content_hash=self.content_hash(),
            extraction=self.extraction(),
        )
