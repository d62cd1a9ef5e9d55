"""Item pipelines, in order: normalize listings (100), validate (800), store (900).

The store pipeline owns the crawl run's row: opened when the spider opens, closed (with facts
merged, clinics scored and the status recorded) when it closes. Each item is written in its
own transaction, so a crawl killed at any moment leaves every committed page intact.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

import jsonschema
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from crawler.items import ListingItem, PageItem
from directory import store
from directory.db import open_db, session_factory
from directory.normalize import (
    clean_text,
    normalize_phone,
    normalize_street,
    normalize_url,
    parse_address,
    zip_place,
)
from directory.service import finalize_run

logger = logging.getLogger(__name__)
SCHEMAS = Path(__file__).resolve().parent / "schemas"


class NormalizeListingPipeline:
    """strings -> address -> phone -> website; unparseable values stay raw and are counted."""

    def __init__(self, crawler: Crawler) -> None:
        assert crawler.stats is not None
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizeListingPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ListingItem):
            return item
        item.raw = {
            "name": item.name,
            "phone": item.phone,
            "address": item.address,
            "website": item.website,
            **item.raw,
        }
        item.name = clean_text(item.name, 300) or ""
        if not item.name:
            self.stats.inc_value("clinics/listing_without_name")
            raise DropItem(f"listing without a name at {item.url}")
        if item.address and not (item.zip or item.street):
            parsed = parse_address(item.address)
            item.street, item.city, item.state, item.zip = (
                parsed.street,
                parsed.city,
                parsed.state,
                parsed.zip,
            )
        else:
            item.street = normalize_street(item.street)
            item.city, item.state = (
                clean_text(item.city, 100),
                (clean_text(item.state, 2) or "").upper() or None,
            )
        if item.zip and not zip_place(item.zip):
            self.stats.inc_value("clinics/unparsed_zip")
            item.zip = None
        if item.address and not item.zip:
            self.stats.inc_value("clinics/unparsed_address")
        raw_phone = item.phone
        item.phone = normalize_phone(raw_phone)
        if raw_phone and not item.phone:
            self.stats.inc_value("clinics/unparsed_phone")
        raw_site = item.website
        item.website = normalize_url(raw_site)
        if raw_site and not item.website:
            self.stats.inc_value("clinics/refused_website_url")
        return item


class ValidationPipeline:
    """Validate every item against its JSON Schema (crawler/schemas); invalid items are dropped."""

    def __init__(self, crawler: Crawler) -> None:
        assert crawler.stats is not None
        self.stats = crawler.stats
        self.validators = {
            ListingItem: jsonschema.Draft202012Validator(
                json.loads((SCHEMAS / "listing.json").read_text())
            ),
            PageItem: jsonschema.Draft202012Validator(
                json.loads((SCHEMAS / "page.json").read_text())
            ),
        }

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        validator = self.validators.get(type(item))
        if validator is None:
            return item
        errors = sorted(validator.iter_errors(asdict(item)), key=lambda e: list(e.path))
        if errors:
            self.stats.inc_value("spidermon/validation/items/errors")
            for e in errors[:5]:
                self.stats.inc_value(
                    f"spidermon/validation/fields/errors/{'.'.join(map(str, e.path)) or 'item'}"
                )
            raise DropItem(
                f"invalid {type(item).__name__} {getattr(item, 'url', '')}: {errors[0].message}"
            )
        self.stats.inc_value("spidermon/validation/validators")
        return item


class StorePipeline:
    """Write items to the database through `directory.store`, one transaction per item."""

    def __init__(self, crawler: Crawler) -> None:
        url = crawler.settings.get("CLINICS_DB")
        if not url:
            raise NotConfigured("CLINICS_DB is not set")
        self.crawler = crawler
        self.engine = open_db(url)
        self.factory = session_factory(self.engine)
        self.run_id: int | None = None
        self.clinics_seen: set[int] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        args = {k: v for k, v in getattr(spider, "run_args", {}).items() if v not in (None, [], "")}
        with self.factory.begin() as session:
            reaped = store.reap_dead_runs(session)
            self.run_id = store.start_run(session, spider.name, args)
        if reaped:
            logger.warning("marked interrupted runs %s as failed", reaped)
        spider.run_id = self.run_id  # type: ignore[attr-defined] - read by the monitor report

    def process_item(self, item: Any) -> Any:
        assert self.run_id is not None
        with self.factory.begin() as session:
            if isinstance(item, ListingItem):
                rec = store.ListingRecord(
                    source=item.source, url=item.url, name=item.name, website=item.website, phone=item.phone,
                    street=item.street, city=item.city, state=item.state, zip=item.zip, raw=item.raw,
                )  # fmt: skip
                self.clinics_seen.add(store.save_listing(session, self.run_id, rec))
            elif isinstance(item, PageItem):
                rec_page = store.PageRecord(
                    item.site, item.url, item.status, item.content_hash, item.extraction
                )
                self.clinics_seen.add(store.save_page(session, self.run_id, rec_page))
        return item

    def close_spider(self) -> None:
        if self.run_id is None:
            return
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        reason = stats.get("finish_reason") or "finished"
        status = "finished" if reason == "finished" else "failed"
        summary = {
            "response_count": stats.get("response_received_count", 0),
            "item_scraped_count": stats.get("item_scraped_count", 0),
            "error_count": stats.get("log_count/ERROR", 0),
            "finish_reason": reason,
            "clinics_seen": len(self.clinics_seen),
            **{k: v for k, v in stats.items() if isinstance(v, int | float | str)},
        }
        complete = bool(getattr(self.crawler.spider, "crawls_all_known_sites", False))
        finalize_run(
            self.engine, self.run_id, status=status, stats=summary, complete_site_crawl=complete
        )
        logger.info(
            "run %s %s: %s clinics stored and scored", self.run_id, status, len(self.clinics_seen)
        )
