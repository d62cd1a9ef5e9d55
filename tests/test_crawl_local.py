"""The crawler on a tiny local site: address guard, robots.txt, links, storage."""

from __future__ import annotations

import asyncio
import functools
import http.server
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawler.spiders.clinic_site import ClinicSiteSpider
from directory.db import open_db, session_factory
from directory.models import Clinic, CrawlRun, Page

SITE = Path(__file__).resolve().parent / "fixtures" / "minisite"
FAST = ["--set", "AUTOTHROTTLE_ENABLED=False", "--set", "DOWNLOAD_DELAY=0"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(SITE))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def crawl(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "directory", "crawl", "--db", db, *args, *FAST],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_loopback_is_refused_without_allow_private(site_url, sqlite_url):
    proc = crawl(sqlite_url, "--url", site_url)
    assert proc.returncode == 1, proc.stderr[-2000:]  # nothing fetched: the run fails its checks
    engine = open_db(sqlite_url)
    with session_factory(engine).begin() as s:
        run = s.scalar(select(CrawlRun))
        assert run is not None and run.stats.get("clinics/refused_private_address", 0) >= 1
        assert s.scalar(select(Page)) is None
    engine.dispose()


def test_allow_private_crawls_the_site_politely(site_url, db_url):
    proc = crawl(db_url, "--url", site_url, "--allow-private")
    assert proc.returncode == 0, proc.stderr[-2000:]
    engine = open_db(db_url)
    with session_factory(engine).begin() as s:
        urls = {u.removeprefix(site_url.rstrip("/")) for u in s.scalars(select(Page.url))}
        assert urls == {"/", "/fees.html", "/team.html"}  # robots.txt kept /private.html out
        (clinic,) = s.scalars(select(Clinic))
        assert clinic.name == "Quiet Harbor Ketamine Clinic"
        assert clinic.price_min_usd == 475 and clinic.insurance == "partial"
        assert clinic.zip == "80220" and clinic.phone == "+13038610142"
        run = s.scalar(select(CrawlRun).where(CrawlRun.spider == "clinic_site"))
        assert run.status == "finished"
        assert run.stats.get("robotstxt/forbidden", 0) >= 1
        assert run.stats.get("monitors"), "the spidermon report is stored with the run"
    engine.dispose()


def test_page_limit_per_site(site_url, sqlite_url):
    proc = crawl(sqlite_url, "--url", site_url, "--allow-private", "--max-pages-per-site", "2")
    assert proc.returncode == 0, proc.stderr[-2000:]
    engine = open_db(sqlite_url)
    with session_factory(engine).begin() as s:
        assert len(list(s.scalars(select(Page.url)))) == 2
    engine.dispose()


def test_plain_scrapy_crawl_with_urls_argument(site_url, sqlite_url):
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "clinic_site", "-a", f"urls={site_url}",
         "-s", f"CLINICS_DB={sqlite_url}", "-s", "CLINICS_ALLOW_PRIVATE=True", "-s", "DOWNLOAD_DELAY=0"],
        capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    engine = open_db(sqlite_url)
    with session_factory(engine).begin() as s:
        assert len(list(s.scalars(select(Page.url)))) == 3
    engine.dispose()


def test_a_resumed_crawl_keeps_each_sites_page_budget():
    # With --jobdir Scrapy pickles `spider.state` at a stop and gives it back on resume: the
    # per-site counts must live there, or a resumed crawl starts each site's budget again.
    def spider_with(state: dict) -> ClinicSiteSpider:
        crawler = get_crawler(ClinicSiteSpider, {"CLINICS_MAX_PAGES_PER_SITE": 2})
        spider = ClinicSiteSpider.from_crawler(crawler, urls="http://clinic.test/")
        crawler.spider = spider
        spider.state = state  # what Scrapy's SpiderState extension sets on spider_opened
        return spider

    async def drain(spider: ClinicSiteSpider) -> list[Any]:
        return [r async for r in spider.start()]

    first = spider_with({})
    asyncio.run(drain(first))
    assert len(list(first._follow("http://clinic.test/fees", 0, "http://clinic.test/", 1))) == 1
    saved = pickle.loads(pickle.dumps(first.state))

    resumed = spider_with(saved)
    asyncio.run(drain(resumed))  # the seed is not counted twice
    assert list(resumed._follow("http://clinic.test/fees", 0, "http://clinic.test/", 1)) == []
    assert list(resumed._follow("http://clinic.test/team", 0, "http://clinic.test/", 1)) == []
    assert resumed.crawler.stats.get_value("clinics/site_page_limit_reached") == 1
