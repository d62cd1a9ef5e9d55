"""Downloader middlewares."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached


def is_public_address(address: str) -> bool:
    """False for loopback, private, link-local, CGNAT, multicast, reserved and metadata addresses."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


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
