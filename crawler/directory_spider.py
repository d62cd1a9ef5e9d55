"""The base of every directory spider: listing pages (paginated) -> detail pages -> listings.

A new directory is one short spider: `name`, `source`, `allowed_domains`, `start_urls` and
two page classes. The clinic websites the listings name are crawled afterwards by
`clinic_site` (seeded from the database), so directory spiders never fetch clinic sites.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response, TextResponse

from crawler.items import ListingItem
from crawler.pages.base import WebPage


class ListingPage(WebPage, ABC):
    """A page of a directory's list. Hooks: `detail_urls()`, `next_url()`."""

    @abstractmethod
    def detail_urls(self) -> list[str]:
        """Links to the clinics' detail pages on this listing page."""

    @abstractmethod
    def next_url(self) -> str | None:
        """The next listing page, or None on the last one."""


class DetailPage(WebPage, ABC):
    """One clinic's page on a directory. Hook: `to_item(source)`."""

    @abstractmethod
    def to_item(self, source: str) -> ListingItem:
        """The clinic as this directory lists it (raw strings)."""


class DirectorySpider(scrapy.Spider):
    """Hooks (class attributes): `source`, `listing_page`, `detail_page`."""

    source: ClassVar[str]
    listing_page: ClassVar[type[ListingPage]]
    detail_page: ClassVar[type[DetailPage]]
    custom_settings: ClassVar[dict[str, Any]] = {
        # every "next" link is one level deeper: long directories need a pagination-sized limit
        "DEPTH_LIMIT": 2000,
        "SPIDERMON_ADD_FIELD_COVERAGE": True,
        "SPIDERMON_FIELD_COVERAGE_SKIP_IF_NO_ITEM": True,
        "SPIDERMON_FIELD_COVERAGE_RULES": {"ListingItem/name": 1.0, "ListingItem/phone": 0.8},
    }

    def __init__(self, start_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if start_url:
            self.start_urls = [start_url]
        self.run_args = {"start_urls": list(self.start_urls)}

    def parse(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        page = self.listing_page(response)
        for url in page.detail_urls():
            yield response.follow(url, self.parse_detail)
        next_url = page.next_url()
        if next_url:
            yield response.follow(next_url, self.parse)

    def parse_detail(self, response: Response) -> Iterator[ListingItem]:
        if isinstance(response, TextResponse):
            yield self.detail_page(response).to_item(self.source)
