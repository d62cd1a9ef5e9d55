"""Which network addresses a crawl may reach: the public internet only.

Shared by the crawler's address guard (`crawler.middlewares.PrivateAddressGuard`) and
`clinics extract URL`, so that neither can be pointed at loopback, a private network or a
cloud metadata service unless the user allows private addresses.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket

# IPv6 prefixes that carry an IPv4 address in their last 32 bits: NAT64 (RFC 6052) and the
# deprecated IPv4-compatible form (::a.b.c.d)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, Teredo, NAT64, compatible)."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_address(address: str) -> bool:
    """False for loopback, private, link-local, CGNAT, multicast, reserved and metadata
    addresses, also when written as an IPv6 address that embeds one (::ffff:127.0.0.1,
    2002:7f00:1::, 64:ff9b::7f00:1)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return inner.is_global and not inner.is_multicast
    return ip.is_global and not ip.is_multicast


def host_is_public(host: str) -> bool:
    """True when `host` (a name or an address literal) resolves only to public addresses.

    A name that does not resolve counts as public: the fetch then fails on its own and is
    recorded as a DNS error.
    """
    if not host:
        return False
    with contextlib.suppress(ValueError):  # ValueError: a name, not an address literal
        return is_public_address(host)
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return True
    return all(is_public_address(str(info[4][0])) for info in infos)
