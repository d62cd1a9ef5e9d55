"""Item pipelines, in order: normalize listings (100), validate (800), store (900).

The store pipeline owns the crawl run's row: opened when the spider opens, closed when the
spider has closed (a finished run is promoted: facts merged, clinics scored, status recorded,
in one transaction). Each item is written in its own transaction, so a crawl killed at any
moment leaves every committed page intact.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import jsonschema
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from crawler.items import ListingItem, PageItem
from directory import store
from directory.db import open_db, redact, session_factory
from directory.models import CrawlRun
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
    """Write items to the database through `directory.store`, one transaction per item.

    With a job directory (JOBDIR), the run's id is kept there, so a crawl stopped with Ctrl-C
    (recorded as 'paused') and started again with the same job directory continues the same
    run. If the database fails mid-crawl, the crawl stops at once with one clear error: the
    run promotes nothing, and what it committed before stays as history.
    """

    def __init__(self, crawler: Crawler) -> None:
        url = crawler.settings.get("CLINICS_DB")
        if not url:
            raise NotConfigured("CLINICS_DB is not set")
        self.crawler = crawler
        self.url = url
        self.engine = open_db(url)
        self.factory = session_factory(self.engine)
        self.sqlite_file = _sqlite_identity(self.engine)
        self.jobdir = crawler.settings.get("JOBDIR")
        self.run_id: int | None = None
        self.resumed_from: dict[str, Any] | None = None
        self.clinics_seen: set[int] = set()
        self.db_error: str | None = None
        self._closing: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawler)
        # The close reason (finished, shutdown, closespider_...) is only known from this signal.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        args = {k: v for k, v in getattr(spider, "run_args", {}).items() if v not in (None, [], "")}
        state = Path(self.jobdir, RUN_FILE) if self.jobdir else None
        previous = _read_run_id(state)
        with self.factory.begin() as session:
            reaped = store.reap_dead_runs(session)
            if previous is not None and store.resume_run(session, previous, spider.name):
                self.run_id = previous
                run = session.get(CrawlRun, previous)
                self.resumed_from = dict(run.stats or {}) if run is not None else {}
            else:
                self.run_id = store.start_run(session, spider.name, args)
        if reaped:
            logger.warning("marked interrupted runs %s as failed", reaped)
        if state is not None:
            state.parent.mkdir(parents=True, exist_ok=True)
            state.write_text(json.dumps({"run_id": self.run_id}))
        if self.resumed_from is not None:
            logger.info("resuming run %s from %s", self.run_id, self.jobdir)
        spider.run_id = self.run_id  # type: ignore[attr-defined] - read by the monitor report

    def process_item(self, item: Any) -> Any:
        assert self.run_id is not None
        if self.db_error is not None:
            raise DropItem("not stored: the database is unavailable", log_level="DEBUG")
        try:
            self._check_database_file()
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
        except (SQLAlchemyError, DatabaseGone) as exc:
            self._lost_database(exc, stop_crawl=True)
            raise DropItem(f"not stored: {self.db_error}", log_level="DEBUG") from None
        return item

    def _check_database_file(self) -> None:
        """SQLite keeps writing to a database file that was deleted or moved: notice it."""
        if self.sqlite_file is not None:
            path, identity = self.sqlite_file
            try:
                same = _file_identity(path) == identity
            except OSError:
                same = False
            if not same:
                raise DatabaseGone(f"the database file {path} was moved or deleted")

    def _lost_database(self, exc: Exception, stop_crawl: bool = False) -> None:
        """Remember why; stop the crawl, as nothing more can be stored and fetching on wastes work."""
        if self.db_error is not None:
            return
        reason = _first_line(getattr(exc, "orig", None) or exc)
        self.db_error = (
            f"lost the database {redact(self.url)} during the crawl: {reason} (run {self.run_id}"
            " stopped; what the last finished crawl stored is still what is shown)"
        )
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("clinics/database_error", self.db_error)
        logger.error("%s; stopping the crawl", self.db_error)
        spider = self.crawler.spider
        if spider is not None:
            spider.run_id = None  # type: ignore[attr-defined] - the monitor report cannot be stored
        if stop_crawl:
            self._closing = deferred_from_coro(
                self.crawler.engine.close_spider_async(reason="database_error")
            )

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.run_id is None:
            return
        try:
            self._finalize(reason)
        except (SQLAlchemyError, DatabaseGone) as exc:
            self._lost_database(exc)
        finally:
            self.engine.dispose()

    def _finalize(self, reason: str) -> None:
        assert self.run_id is not None and self.crawler.stats is not None
        if self.db_error is not None:
            self._record_failure()
            return
        self._check_database_file()
        stats = self.crawler.stats.get_stats()
        if reason == "finished":
            status, note = "finished", None
        elif reason == "shutdown" and self.jobdir:
            status, note = (
                "paused",
                "stopped: run the same command to resume from its job directory",
            )
        else:
            status, note = "failed", f"crawl ended early ({reason})"
        summary: dict[str, Any] = {
            **{k: v for k, v in stats.items() if isinstance(v, int | float | str)},
            "response_count": stats.get("response_received_count", 0),
            "item_scraped_count": stats.get("item_scraped_count", 0),
            "error_count": stats.get("log_count/ERROR", 0),
            "finish_reason": reason,
            "clinics_seen": len(self.clinics_seen),
        }
        if self.resumed_from is not None:
            # One run across its pauses: its counts add up.
            for key in ("response_count", "item_scraped_count", "error_count"):
                summary[key] += int(self.resumed_from.get(key, 0) or 0)
            summary["resumed"] = int(self.resumed_from.get("resumed", 0) or 0) + 1
        complete = bool(getattr(self.crawler.spider, "crawls_all_known_sites", False))
        scored = finalize_run(
            self.engine,
            self.run_id,
            status=status,
            stats=summary,
            complete_site_crawl=complete,
            reason=note,
        )
        logger.info(
            "run %s %s: %s clinics stored, %s scored",
            self.run_id,
            status,
            len(self.clinics_seen),
            scored,
        )

    def _record_failure(self) -> None:
        """Best effort: say why the run failed, if the database is back; else the next crawl
        (or `clinics runs`) records it as interrupted."""
        assert self.run_id is not None
        try:
            self._check_database_file()
            with self.factory.begin() as session:
                store.finish_run(
                    session, self.run_id, "failed", {}, reason=(self.db_error or "")[:200]
                )
        except (SQLAlchemyError, DatabaseGone) as exc:
            logger.warning(
                "run %s could not be marked failed (%s); the next crawl or `clinics runs` will",
                self.run_id,
                type(exc).__name__,
            )


RUN_FILE = "clinics-run.json"


class DatabaseGone(Exception):
    """The SQLite database file is no longer where the crawl opened it."""


def _read_run_id(path: Path | None) -> int | None:
    if path is None or not path.is_file():
        return None
    try:
        value = json.loads(path.read_text()).get("run_id")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None


def _file_identity(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _sqlite_identity(engine: Engine) -> tuple[str, tuple[int, int]] | None:
    """(path, device and inode) of a file SQLite database, else None."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = str(Path(database).expanduser().resolve())
    try:
        return path, _file_identity(path)
    except OSError:
        return None


def _first_line(exc: object) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
