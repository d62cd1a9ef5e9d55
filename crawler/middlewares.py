"""Downloader middlewares: the address guard, and hardened robots.txt, redirects and gzip.

Each Scrapy built-in replaced here (see DOWNLOADER_MIDDLEWARES in settings.py) keeps its
behaviour and adds what a hostile web needs: a reason in the crawl stats for every request it
drops, and RFC 9309 failure handling for robots.txt.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred
from w3lib.url import safe_url_string

from directory.netguard import is_public_address

logger = logging.getLogger(__name__)

# RFC 9309 2.5: parsers must read at least 500 KiB and may ignore the rest.
ROBOTS_MAX_BYTES = 500 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class PrivateAddressGuard:
    """Refuse requests (and redirects, which pass here again) to non-public addresses.

    The host name is resolved first, so a public-looking name that points at 127.0.0.1 or a
    cloud metadata address is refused too. `--allow-private` (CLINICS_ALLOW_PRIVATE) turns the
    guard off for the sample web and tests. Refusals are counted in the crawl stats.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.allow_private = crawler.settings.getbool("CLINICS_ALLOW_PRIVATE")
        self._verdicts: dict[str, bool] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressGuard:
        return cls(crawler)

    async def process_request(self, request: Request) -> Any:
        if self.allow_private:
            return None
        host = urlparse_cached(request).hostname or ""
        if host not in self._verdicts:
            self._verdicts[host] = await self._host_is_public(host)
        if not self._verdicts[host]:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("clinics/refused_private_address")
            raise IgnoreRequest(
                f"refused non-public address for host {host!r} (use --allow-private)"
            )
        return None

    async def _host_is_public(self, host: str) -> bool:
        if not host:
            return False
        with contextlib.suppress(ValueError):  # ValueError: a name, not an address literal
            return is_public_address(host)
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, None, type=socket.SOCK_STREAM
            )
        except (OSError, UnicodeError):
            return True  # unresolvable: let the download fail and be recorded as a DNS error
        return all(is_public_address(str(info[4][0])) for info in infos)


class _DisallowAll(RobotParser):
    """The rules of a host whose robots.txt could not be fetched: nothing may be crawled."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, robotstxt_body: bytes) -> _DisallowAll:
        return cls()

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False

    def crawl_delay(self, user_agent: str | bytes) -> float | None:
        return None


DISALLOW_ALL = _DisallowAll()


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    """robots.txt failures handled as RFC 9309 2.3.1 says, instead of Scrapy's "allow all".

    - 2xx: the rules, parsed from the first 500 KiB (the rest is ignored, 2.5).
    - 3xx left unresolved, 4xx (404, 410, 403...): no rules, crawl everything (2.3.1.3).
    - 5xx, 429, timeouts and connection failures: crawl nothing on that host (2.3.1.4).
      Counted once per host in `clinics/robots_unavailable`; every request refused for it is
      counted in `robotstxt/forbidden`, as for any disallowed URL.
    - A request the crawler itself refused (IgnoreRequest, e.g. the address guard): no rules,
      as in Scrapy; the host's pages meet the same refusal.

    `Crawl-delay` is not honoured (Scrapy never reads it; AutoThrottle and per-site concurrency
    keep the crawl polite), so `Crawl-delay: 86400` cannot stall a crawl; hosts that ask for
    one are counted in `clinics/robots_crawl_delay_ignored`.

    Every request that arrives while its host's robots.txt is downloading waits for it and
    gets its rules. (The built-in, as of Scrapy 2.19, shares one Deferred between waiters and
    converts it to a Future per waiter, which consumes the result: from the second waiter on
    they get None, "allow all", whatever robots.txt says.)
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self._parser_class: type[RobotParser] = load_object(settings.get("ROBOTSTXT_PARSER"))
        self._user_agent: str = settings.get("ROBOTSTXT_USER_AGENT") or settings["USER_AGENT"]
        assert crawler.stats is not None
        self.stats = crawler.stats
        self._rules: dict[str, RobotParser | None] = {}
        self._waiting: dict[str, list[Deferred[RobotParser | None]]] = {}

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc in self._rules:
            return self._rules[netloc]
        if netloc in self._waiting:
            waiter: Deferred[RobotParser | None] = Deferred()
            self._waiting[netloc].append(waiter)
            return await maybe_deferred_to_future(waiter)
        self._waiting[netloc] = []
        rules: RobotParser | None = DISALLOW_ALL  # if fetching is itself interrupted
        try:
            rules = await self._fetch_rules(request, netloc)
        finally:
            self._rules[netloc] = rules
            for waiter in self._waiting.pop(netloc):
                waiter.callback(rules)
        return rules

    async def _fetch_rules(self, request: Request, netloc: str) -> RobotParser | None:
        url = urlparse_cached(request)
        robots_request = Request(
            f"{url.scheme}://{netloc}/robots.txt",
            priority=self.DOWNLOAD_PRIORITY,
            meta={"dont_obey_robotstxt": True},
            callback=NO_CALLBACK,
        )
        assert self.crawler.engine is not None
        self.stats.inc_value("robotstxt/request_count")
        try:
            response = await self.crawler.engine.download_async(robots_request)
        except IgnoreRequest as exc:
            # dropped by our own guards (a bomb, a redirect to file:): unreadable, so unavailable
            return self._unavailable(netloc, f"dropped: {exc}"[:120])
        except Exception as exc:
            self.stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
            return self._unavailable(netloc, type(exc).__name__)
        self.stats.inc_value("robotstxt/response_count")
        self.stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        if response.status >= 500 or response.status == 429:
            return self._unavailable(netloc, f"HTTP {response.status}")
        if response.status >= 300:
            return None
        return await self._parse(response, request)

    async def _parse(self, response: Response, request: Request) -> RobotParser:
        body = response.body
        if len(body) > ROBOTS_MAX_BYTES:
            self.stats.inc_value("clinics/robots_truncated")
            body = body[:ROBOTS_MAX_BYTES]
            body = body[: body.rfind(b"\n") + 1]  # a whole last line, never half a rule
        rules: RobotParser = build_from_crawler(self._parser_class, self.crawler, body)
        with contextlib.suppress(Exception):  # a delay the parser cannot read is no delay
            if rules.crawl_delay(self._user_agent):
                self.stats.inc_value("clinics/robots_crawl_delay_ignored")
        await self.crawler.signals.send_catch_log_async(
            signal=signals.robots_parsed, robotparser=rules, request=request
        )
        return rules

    def _unavailable(self, netloc: str, reason: str) -> RobotParser:
        self.stats.inc_value("clinics/robots_unavailable")
        logger.warning(
            "robots.txt of %s is unavailable (%s): crawling nothing there (RFC 9309)",
            netloc,
            reason,
        )
        return DISALLOW_ALL


class SafeRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, with every dropped redirect counted under a reason.

    - to a scheme other than http(s) (`file:`, `javascript:`, `data:`):
      `clinics/refused_redirect_scheme` (the built-in passes the 3xx on, unexplained);
    - back to a URL already in the chain: `clinics/redirect_loop`;
    - more than REDIRECT_MAX_TIMES hops: `clinics/redirect_max_reached`.

    Redirects to private addresses pass through PrivateAddressGuard again like any request.
    """

    def process_response(self, request: Request, response: Response) -> Request | Response:
        stats = self.crawler.stats
        assert stats is not None
        target = self._target(request, response)
        if target is not None and urlsplit(target).scheme.lower() not in ("http", "https"):
            stats.inc_value("clinics/refused_redirect_scheme")
            raise IgnoreRequest(f"refused redirect to a non-HTTP URL: {target[:100]!r}")
        try:
            result = super().process_response(request, response)
        except IgnoreRequest:
            stats.inc_value("clinics/redirect_max_reached")
            raise
        if isinstance(result, Request) and result.url in result.meta.get("redirect_urls", ()):
            stats.inc_value("clinics/redirect_loop")
            raise IgnoreRequest(f"redirect loop back to {result.url}")
        return result

    def _target(self, request: Request, response: Response) -> str | None:
        """Where this response redirects to, when the built-in would follow it."""
        location = response.headers.get("Location")
        meta = request.meta
        if (
            location is None
            or response.status not in REDIRECT_STATUSES
            or meta.get("dont_redirect")
            or meta.get("handle_httpstatus_all")
            or response.status in meta.get("handle_httpstatus_list", ())
            or response.status in getattr(self.crawler.spider, "handle_httpstatus_list", ())
        ):
            return None
        return urljoin(request.url, safe_url_string(location))


class BoundedDecompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression (which stops at DOWNLOAD_MAXSIZE), with each decompression
    bomb counted in `clinics/decompression_too_large`."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            assert self.stats is not None
            self.stats.inc_value("clinics/decompression_too_large")
            raise
