"""Hostile and broken input (SPEC section 6).

One crawl per database backend of every host of the sample web's hostile corner
(sampleweb/hostile.py) next to three good clinics: it finishes, stays small, records a reason
for each bad case and stores the good clinics as a crawl of them alone does. Then the address
guard and the redirect handling, without a crawl, against every private-address class.

The crawl runs with the address guard on (no --allow-private): `.test` names do not resolve, so
they pass the guard and reach the sample web through its proxy, while redirects to literal
private addresses and to names resolving to them are refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.utils.python import without_none_values
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select

from crawler.middlewares import PrivateAddressGuard, SafeRedirectMiddleware
from directory.db import open_db, session_factory
from directory.export import FORMULA_PREFIXES, load_frame, rank, write_csv
from directory.models import Clinic, CrawlRun, Page, Score
from sampleweb import SampleWeb
from sampleweb.hostile import (
    CASES,
    CP1252_NAME,
    HOSTILE_NAMES,
    PRIVATE_REDIRECTS,
    REDIRECT_HOPS,
    SCHEME_REDIRECTS,
    gzip_bomb,
)
from tests.conftest import fresh_pg_schema

CLINICS, SEED, GOOD = 12, 7, 3
SETTINGS = (
    "DOWNLOAD_TIMEOUT=3",  # each hanging response costs 3 attempts x 3 s
    "AUTOTHROTTLE_ENABLED=False",
    "DOWNLOAD_DELAY=0",
    # Requests waiting for their host's robots.txt count against CONCURRENT_REQUESTS; with
    # 32, the hanging hosts hold back the rest and the crawl takes half as long again.
    "CONCURRENT_REQUESTS=256",
    "LOG_LEVEL=WARNING",
)
REDIRECT_MAX_TIMES = 10  # crawler/settings.py
MAX_SECONDS = 120
# The good clinics alone peak near 290 MiB, with every hostile host near 310 MiB; holding the
# 200 MB page or the inflated gzip bomb in memory would pass this.
MAX_RSS_MIB = 640
HOST = {c.label: c.host for c in CASES}

# Hosts whose every page is refused or fails, each with the stat that records why.
REFUSED: dict[str, str] = {
    "big-page": "downloader/exception_type_count/scrapy.exceptions.DownloadCancelledError",
    "big-declared": "downloader/exception_type_count/scrapy.exceptions.DownloadCancelledError",
    "gzip-bomb": "clinics/decompression_too_large",
    "redirect-loop": "clinics/redirect_loop",
    "redirect-chain": "clinics/redirect_max_reached",
    **dict.fromkeys(SCHEME_REDIRECTS, "clinics/refused_redirect_scheme"),
    **dict.fromkeys(PRIVATE_REDIRECTS, "clinics/refused_private_address"),
    "not-found": "httperror/response_ignored_status_count/404",
    "truncated": "downloader/exception_type_count/scrapy.exceptions.ResponseDataLossError",
    "dropped": "downloader/exception_type_count/scrapy.exceptions.DownloadFailedError",
    "never-finishes": "downloader/exception_type_count/scrapy.exceptions.DownloadTimeoutError",
    "robots-503": "clinics/robots_unavailable",
    "robots-timeout": "clinics/robots_unavailable",
    "robots-redirect-file": "clinics/robots_unavailable",
    "robots-disallow": "robotstxt/forbidden",
    "robots-slow-disallow": "robotstxt/forbidden",
}
# Our own counters are one per host, so exact; Scrapy's count attempts (retries included).
EXACT = ("clinics/",)


# -- the crawl ---------------------------------------------------------------------------------


@contextlib.contextmanager
def database(kind: str, tmp: Path) -> Iterator[str]:
    """A fresh database for a module-scoped crawl (conftest's `db_url` is per test)."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'clinics.db'}"
        return
    with fresh_pg_schema() as url:
        yield url


@dataclass
class Crawl:
    db: str
    returncode: int
    stderr: str
    seconds: float
    peak_rss_mib: float  # of the crawl process alone
    status: str | None
    stats: dict[str, Any]
    hits: dict[str, dict[str, int]]  # hostile host -> path -> requests the server saw


# Measures its one child from a fresh, small process: a child forked from the test process
# itself would count the test process's own memory (copied at fork, before exec) as its peak.
_MEASURE = """
import os, subprocess, sys, threading
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL)
killer = threading.Timer(float(sys.argv[1]), proc.kill)
killer.daemon = True
killer.start()
_, status, usage = os.wait4(proc.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def run_measured(args: list[str], timeout: float = 600) -> tuple[int, str, float, float]:
    """Run a command: its exit code, stderr, seconds and own peak RSS in MiB (os.wait4 of
    that one process; RUSAGE_CHILDREN would be the largest child the test process ever had)."""
    with tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(timeout), *args],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            check=True,
            timeout=timeout + 60,
        )
        seconds = time.monotonic() - started
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    code, maxrss = (int(x) for x in proc.stdout.split())
    peak = maxrss / 2**20 if sys.platform == "darwin" else maxrss / 2**10
    return code, stderr, seconds, peak


def crawl(db: str, web: SampleWeb, urls: list[str]) -> Crawl:
    args = [sys.executable, "-m", "crawler", "--db", db, "--proxy", web.proxy_url]
    args += [a for url in urls for a in ("--url", url)]
    args += [a for setting in SETTINGS for a in ("--set", setting)]
    returncode, stderr, seconds, peak = run_measured(args)
    engine = open_db(db)
    with session_factory(engine).begin() as s:
        run = s.scalar(select(CrawlRun).order_by(CrawlRun.id.desc()))
        status, stats = (run.status, dict(run.stats)) if run else (None, {})
    engine.dispose()
    hits = {c.host: web.hostile.requests_to(c.host) for c in CASES} if web.hostile else {}
    return Crawl(db, returncode, stderr, seconds, peak, status, stats, hits)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def hostile(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Crawl]:
    """Every hostile host and three good clinics, in one crawl."""
    with (
        database(request.param, tmp_path_factory.mktemp("hostile")) as db,
        SampleWeb(clinics=CLINICS, seed=SEED, hostile=True) as web,
    ):
        assert web.hostile is not None
        gzip_bomb()  # built once up front, so its first request does not wait for it
        yield crawl(db, web, web.hostile.seed_urls + web.world.clinic_sites[:GOOD])


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The good clinics crawled on their own: what the hostile crawl must match."""
    db = f"sqlite:///{tmp_path_factory.mktemp('alone') / 'clinics.db'}"
    with SampleWeb(clinics=CLINICS, seed=SEED) as web:
        done = crawl(db, web, web.world.clinic_sites[:GOOD])
    assert done.returncode == 0, done.stderr[-3000:]
    return snapshot(db)


def snapshot(db: str) -> dict[str, dict[str, Any]]:
    """domain -> facts and newest score of each clinic."""
    engine = open_db(db)
    out: dict[str, dict[str, Any]] = {}
    with session_factory(engine).begin() as s:
        for c in s.scalars(select(Clinic)):
            score = s.scalar(
                select(Score).where(Score.clinic_id == c.id).order_by(Score.run_id.desc())
            )
            assert score is not None, f"{c.domain} was not scored"
            out[str(c.domain)] = {
                "name": c.name,
                "facts": (c.phone, c.street, c.zip, c.price_min_usd, c.insurance, c.routes),
                "score": (
                    score.overall, score.expertise, score.holistic, score.safety, score.cost,
                    score.reviews, score.personalization, score.coverage, score.evidence_count,
                ),
            }  # fmt: skip
    engine.dispose()
    return out


def pages_by_host(db: str) -> dict[str, dict[str, int]]:
    """host -> path -> HTTP status of every stored page."""
    engine = open_db(db)
    out: dict[str, dict[str, int]] = {}
    with session_factory(engine).begin() as s:
        for url, status in s.execute(select(Page.url, Page.http_status)):
            parts = urlsplit(url)
            out.setdefault(parts.hostname or "", {})[parts.path] = status
    engine.dispose()
    return out


def clinics_by_domain(db: str) -> dict[str, Clinic]:
    engine = open_db(db)
    with session_factory(engine)() as s:
        found = {str(c.domain): c for c in s.scalars(select(Clinic))}
        s.expunge_all()
    engine.dispose()
    return found


# -- the crawl: assertions ---------------------------------------------------------------------


def test_the_crawl_finishes_in_bounded_time_and_memory(hostile: Crawl) -> None:
    assert hostile.returncode == 0, hostile.stderr[-3000:]
    assert hostile.status == "finished"
    assert hostile.stats["finish_reason"] == "finished"
    assert hostile.stats.get("clinics/monitors_passed") is True
    assert hostile.seconds < MAX_SECONDS, "a hanging or huge response stalled the crawl"
    assert hostile.peak_rss_mib < MAX_RSS_MIB, f"peak RSS {hostile.peak_rss_mib:.0f} MiB"


def test_each_bad_case_is_recorded_with_its_reason_and_stores_nothing(hostile: Crawl) -> None:
    stored = pages_by_host(hostile.db)
    for label, stat in REFUSED.items():
        assert HOST[label] not in stored, f"{label}: a page was stored"
        assert hostile.stats.get(stat, 0) >= 1, f"{label}: nothing in {stat}"
    expected: dict[str, int] = {}
    for stat in REFUSED.values():
        expected[stat] = expected.get(stat, 0) + 1
    expected["clinics/refused_redirect_scheme"] += 1  # robots-redirect-file's robots.txt
    for stat, hosts in expected.items():
        if stat.startswith(EXACT):
            assert hostile.stats.get(stat) == hosts, stat
    # Refused before any byte left: the proxy answers 502 to every host it does not serve
    # (169.254.169.254, 10.0.0.1 ...), and would serve its hub page for 127.0.0.1.
    assert "downloader/response_status_count/502" not in hostile.stats
    assert not {"127.0.0.1", "localhost", "::1"} & set(stored)
    chain = hostile.hits[HOST["redirect-chain"]]
    assert max(int(p.rsplit("/", 1)[1]) for p in chain if p.startswith("/hop/")) == (
        REDIRECT_MAX_TIMES
    ), f"the {REDIRECT_HOPS}-hop chain was followed past REDIRECT_MAX_TIMES"
    assert hostile.hits[HOST["redirect-loop"]] == {
        "/robots.txt": 1,
        "/": 1,
        "/loop": 1,
        "/sitemap.xml": 1,
    }


def test_robots_txt_failures_follow_rfc_9309(hostile: Crawl) -> None:
    stored = pages_by_host(hostile.db)
    # 5xx and timeouts (retried first), Disallow: / (also for requests that were already
    # waiting for a slow robots.txt): the server sees nothing but robots.txt.
    # A robots.txt our own guards drop (a redirect to file:) is unavailable too.
    for label in (
        "robots-503",
        "robots-timeout",
        "robots-disallow",
        "robots-slow-disallow",
        "robots-redirect-file",
    ):
        assert set(hostile.hits[HOST[label]]) == {"/robots.txt"}, label
    assert hostile.hits[HOST["robots-503"]]["/robots.txt"] == 3  # RETRY_TIMES=2
    assert hostile.stats["clinics/robots_unavailable"] == 3
    assert hostile.stats["robotstxt/forbidden"] >= 3 * 2 + 3 + 1  # seeds and sitemaps
    # 404 (its body even says Disallow: /), 5 MB (cut at 500 KiB), binary, Crawl-delay: 86400:
    # the pages are crawled, and promptly.
    for label in ("robots-404", "robots-huge", "robots-binary", "robots-crawl-delay"):
        assert stored.get(HOST[label]) == {"/": 200}, label
    assert hostile.stats["clinics/robots_truncated"] == 1
    assert hostile.stats["clinics/robots_crawl_delay_ignored"] == 1


def test_503_twice_then_200_is_retried_and_stored(hostile: Crawl) -> None:
    assert hostile.hits[HOST["flaky"]]["/"] == 3
    assert pages_by_host(hostile.db)[HOST["flaky"]] == {"/": 200}
    assert hostile.stats["retry/reason_count/503 Service Unavailable"] >= 2


def test_odd_pages_are_stored_as_text(hostile: Crawl) -> None:
    stored = pages_by_host(hostile.db)
    for label in ("charset-mismatch", "charset-none", "empty", "long-fields", "malformed"):
        assert stored.get(HOST[label]) == {"/": 200}, label
    assert HOST["binary-as-html"] in stored
    clinics = clinics_by_domain(hostile.db)
    assert clinics[HOST["charset-none"]].name == CP1252_NAME  # decoded as Windows-1252
    wrong = clinics[HOST["charset-mismatch"]].name
    assert wrong.startswith("Caf") and "\ufffd" in wrong  # odd bytes replaced, no crash
    long = clinics[HOST["long-fields"]]
    assert long.name.startswith("Extremely Long Name") and len(long.name) <= 300
    assert long.street is None or len(long.street) <= 300
    odd = clinics[HOST["unparseable"]]
    assert (odd.name, odd.phone, odd.zip, odd.state) == (
        "Unparseable Fields Clinic",
        None,
        None,
        None,
    )
    assert clinics[HOST["empty"]].name == HOST["empty"]  # nothing on the page: named by domain


def test_hostile_names_are_stored_verbatim_and_neutralized_in_csv(
    hostile: Crawl, tmp_path: Path
) -> None:
    clinics = clinics_by_domain(hostile.db)
    for label, name in HOSTILE_NAMES.items():
        assert clinics[HOST[label]].name == name, label
    engine = open_db(hostile.db)
    with session_factory(engine).begin() as s:
        assert s.scalar(select(func.count()).select_from(Clinic)) == len(clinics)  # not dropped
        titles = {urlsplit(u).hostname: t for u, t in s.execute(select(Page.url, Page.title))}
        write_csv(rank(load_frame(s)), tmp_path / "clinics.csv")
    engine.dispose()
    with (tmp_path / "clinics.csv").open(newline="", encoding="utf-8") as fh:
        rows = {row["website"]: row for row in csv.DictReader(fh)}
    for label, name in HOSTILE_NAMES.items():
        assert titles[HOST[label]] == name, label
        cell = rows[f"http://{HOST[label]}/"]["name"]
        assert cell == ("'" + name if name.startswith(FORMULA_PREFIXES) else name), label


def test_good_clinics_are_stored_and_scored_as_when_crawled_alone(
    hostile: Crawl, alone: dict[str, dict[str, Any]]
) -> None:
    crawled = snapshot(hostile.db)
    assert len(alone) == GOOD
    for domain, expected in alone.items():
        assert crawled.get(domain) == expected, domain


# -- the address guard and redirects, without a crawl ------------------------------------------

FAKE_DNS = {
    "clinic.example": ["93.184.216.34"],
    "metadata.attacker.example": ["169.254.169.254"],
    "loopback.attacker.example": ["127.0.0.1"],
    "mixed.attacker.example": ["93.184.216.34", "10.0.0.1"],  # one private answer is enough
}
PRIVATE_TARGETS = {
    "ipv4-loopback": "http://127.0.0.1/",
    "ipv4-loopback-decimal": "http://2130706433/",
    "private-10": "http://10.1.2.3/",
    "private-172": "http://172.16.0.1/",
    "private-192": "http://192.168.0.1/",
    "cgnat": "http://100.64.0.1/",
    "cloud-metadata": "http://169.254.169.254/latest/meta-data/",
    "cloud-metadata-ipv6": "http://[fd00:ec2::254]/latest/meta-data/",
    "unspecified": "http://0.0.0.0/",
    "ipv6-loopback": "http://[::1]/",
    "ipv6-unique-local": "http://[fd00::1]/",
    "ipv6-link-local": "http://[fe80::1]/",
    "ipv4-mapped-loopback": "http://[::ffff:127.0.0.1]/",
    "6to4-loopback": "http://[2002:7f00:1::1]/",
    "nat64-metadata": "http://[64:ff9b::a9fe:a9fe]/",
    "ipv4-compatible-loopback": "http://[::127.0.0.1]/",
    "teredo-private": "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/",
    "localhost": "http://localhost/",
    "name-resolving-to-loopback": "http://loopback.attacker.example/",
    "name-resolving-to-metadata": "http://metadata.attacker.example/latest/meta-data/",
    "name-with-one-private-address": "http://mixed.attacker.example/",
}


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in FAKE_DNS:
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port or 0))
                for ip in FAKE_DNS[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def guarded() -> Crawler:
    return get_crawler(
        settings_dict={"CLINICS_ALLOW_PRIVATE": False, "REDIRECT_MAX_TIMES": REDIRECT_MAX_TIMES}
    )


def passes_guard(crawler: Crawler, request: Request) -> bool:
    guard = PrivateAddressGuard.from_crawler(crawler)
    try:
        asyncio.run(guard.process_request(request))
    except IgnoreRequest:
        return False
    return True


def redirect(crawler: Crawler, request: Request, location: str, status: int = 302) -> Any:
    response = Response(request.url, status=status, headers={"Location": location}, request=request)
    return SafeRedirectMiddleware.from_crawler(crawler).process_response(request, response)


@pytest.mark.usefixtures("fake_dns")
@pytest.mark.parametrize("url", PRIVATE_TARGETS.values(), ids=PRIVATE_TARGETS.keys())
def test_the_guard_refuses_every_private_address_class(guarded: Crawler, url: str) -> None:
    assert not passes_guard(guarded, Request(url))
    assert guarded.stats is not None
    assert guarded.stats.get_value("clinics/refused_private_address") == 1


@pytest.mark.usefixtures("fake_dns")
@pytest.mark.parametrize(
    "url",
    [
        "http://clinic.example/",
        "http://93.184.216.34/",
        "http://[2606:4700:4700::1111]/",
        "http://[64:ff9b::5db8:d822]/",  # NAT64 of a public IPv4 address
    ],
)
def test_the_guard_lets_public_addresses_through(guarded: Crawler, url: str) -> None:
    assert passes_guard(guarded, Request(url))


@pytest.mark.usefixtures("fake_dns")
@pytest.mark.parametrize(
    "target",
    [*PRIVATE_REDIRECTS.values(), "http://metadata.attacker.example/latest/meta-data/"],
)
def test_a_public_page_redirecting_to_a_private_address_is_refused_and_counted(
    guarded: Crawler, target: str
) -> None:
    page = Request("http://clinic.example/fees")
    assert passes_guard(guarded, page)
    followed = redirect(guarded, page, target)
    assert isinstance(followed, Request) and followed.url.startswith(target.split("/latest")[0])
    assert not passes_guard(guarded, followed)
    assert guarded.stats is not None
    assert guarded.stats.get_value("clinics/refused_private_address") == 1


@pytest.mark.parametrize(
    "target",
    [*SCHEME_REDIRECTS.values(), "data:text/html,<script>alert(1)</script>", "ftp://x.test/"],
)
def test_a_redirect_to_a_non_http_scheme_is_dropped_and_counted(
    guarded: Crawler, target: str
) -> None:
    with pytest.raises(IgnoreRequest):
        redirect(guarded, Request("http://clinic.example/"), target)
    assert guarded.stats is not None
    assert guarded.stats.get_value("clinics/refused_redirect_scheme") == 1


def test_redirect_loops_and_long_chains_are_dropped_and_counted(guarded: Crawler) -> None:
    first = redirect(guarded, Request("http://clinic.example/"), "/loop")
    with pytest.raises(IgnoreRequest):
        redirect(guarded, first, "http://clinic.example/")
    hop = Request("http://clinic.example/hop/0")
    with pytest.raises(IgnoreRequest):
        for n in range(1, REDIRECT_HOPS + 1):
            hop = redirect(guarded, hop, f"/hop/{n}")
    assert n == REDIRECT_MAX_TIMES + 1
    assert guarded.stats is not None
    assert guarded.stats.get_value("clinics/redirect_loop") == 1
    assert guarded.stats.get_value("clinics/redirect_max_reached") == 1


def test_a_redirect_the_request_handles_itself_is_left_alone(guarded: Crawler) -> None:
    request = Request("http://clinic.example/", meta={"handle_httpstatus_list": [302]})
    response = redirect(guarded, request, "javascript:alert(1)")
    assert isinstance(response, Response) and response.status == 302


def test_crawler_settings_are_bounded_polite_and_honest() -> None:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("AUTOTHROTTLE_ENABLED")
    assert re.search(r"^clinic-directory/\S+ \(\+https://\S+", settings["USER_AGENT"])
    assert settings.getint("DOWNLOAD_MAXSIZE") == 16 * 1024 * 1024
    assert 0 < settings.getfloat("DOWNLOAD_TIMEOUT") <= 60
    for name in (
        "DEPTH_LIMIT",
        "CLOSESPIDER_TIMEOUT",
        "CLOSESPIDER_ERRORCOUNT",
        "MEMUSAGE_LIMIT_MB",
    ):
        assert settings.getint(name) > 0, name
    assert settings.getbool("MEMUSAGE_ENABLED")
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    # what DownloadHandlers loads: only http(s), never file:, data:, s3: or ftp:
    assert set(without_none_values(settings.getwithbase("DOWNLOAD_HANDLERS"))) == {"http", "https"}
    middlewares = without_none_values(settings.getwithbase("DOWNLOADER_MIDDLEWARES"))
    assert "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware" not in middlewares
    assert "scrapy.downloadermiddlewares.redirect.RedirectMiddleware" not in middlewares
    # the address guard sees every request before robots.txt, redirects or a download
    guard = middlewares["crawler.middlewares.PrivateAddressGuard"]
    assert guard < middlewares["crawler.middlewares.StrictRobotsTxtMiddleware"]
    assert guard < middlewares["crawler.middlewares.SafeRedirectMiddleware"]
