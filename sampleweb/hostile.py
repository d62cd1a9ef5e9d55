"""The hostile corner of the sample web: one `.test` host per broken or malicious case.

Served only when asked (`SampleWeb(..., hostile=True)`, `python -m sampleweb --hostile`); the
normal world and its ground truth do not change. Each case is a host of its own under
`hostile.test`, so a crawl can be seeded with exactly the cases it wants, e.g.
`http://gzip-bomb.hostile.test/`. Every host serves an allow-all robots.txt (unless the case is
about robots.txt) and no sitemap; all its other paths are the case.

Big bodies stream from generators and nothing large is built in memory. Responses that never
finish end when the client goes away or the server stops (`HostileWeb.close`).
"""

from __future__ import annotations

import functools
import html
import json
import random
import select
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

DOMAIN = "hostile.test"
HTML = "text/html; charset=utf-8"
MiB = 1024 * 1024

BIG_PAGE_BYTES = 200 * MiB
GZIP_BOMB_BYTES = 256 * MiB  # decompressed; about 250 KiB on the wire
HUGE_ROBOTS_BYTES = 5 * MiB
LONG_FIELD = 100_000  # characters in each over-long field
REDIRECT_HOPS = 25
FLAKY_FAILURES = 2  # 503s per path before the page answers
ROBOTS_SLOW_SECONDS = 1.0
TRICKLE_SECONDS = 0.25  # one byte this often, for the response that never finishes
HOLD_LIMIT_SECONDS = 600.0  # "forever", bounded so a forgotten client cannot pin a thread

# Clinic names that are code in some context: HTML, Markdown, URLs, spreadsheets, SQL.
HOSTILE_NAMES: dict[str, str] = {
    "name-script": "<script>alert(1)</script>",
    "name-img": "<img src=x onerror=alert(1)>",
    "name-markdown": "[x](javascript:alert(1))",
    "name-data-url": "data:text/html,<script>alert(1)</script>",
    "name-hyperlink": '=HYPERLINK("http://evil.test","x")',
    "name-plus": "+1 555",
    "name-at-sum": "@SUM(A1:A2)",
    "name-sql": "O'Brien'; DROP TABLE clinics;--",
}
# Private, loopback, link-local (cloud metadata) and CGNAT targets; a crawler must refuse each.
PRIVATE_REDIRECTS: dict[str, str] = {
    "redirect-loopback": "http://127.0.0.1/",
    "redirect-localhost": "http://localhost/admin",
    "redirect-private": "http://10.0.0.1/",
    "redirect-cgnat": "http://100.64.0.1/",
    "redirect-metadata": "http://169.254.169.254/latest/meta-data/",
    "redirect-metadata-v6": "http://[fd00:ec2::254]/latest/meta-data/",
    "redirect-ipv6-loopback": "http://[::1]/",
    "redirect-ipv6-ula": "http://[fd00::1]/",
}
SCHEME_REDIRECTS: dict[str, str] = {
    "redirect-file": "file:///etc/passwd",
    "redirect-javascript": "javascript:alert(1)",
}
# Declared UTF-8 (or nothing), written in Windows-1252: é, í, an em dash and curly quotes.
CP1252_NAME = "Café Clínica — “Ketamine” Care"
LONG_NAME = ("Extremely Long Name Ketamine Clinic " * (LONG_FIELD // 36 + 1))[:LONG_FIELD]


@dataclass(frozen=True)
class Case:
    """One hostile host: what it serves and what a careful crawler does about it."""

    label: str
    serves: str
    expected: str
    paths: tuple[str, ...] = ("/",)  # the seeds of the case

    @property
    def host(self) -> str:
        return f"{self.label}.{DOMAIN}"

    @property
    def url(self) -> str:
        return f"http://{self.host}/"

    @property
    def urls(self) -> list[str]:
        return [f"http://{self.host}{path}" for path in self.paths]


_NOT_FOUND = (
    b"<!DOCTYPE html><html><head><title>Not found</title></head><body><h1>404</h1>"
    b"<pre>User-agent: *\nDisallow: /</pre></body></html>\n"
)  # a 4xx body is never robots rules, even when it looks like them


class Reply:
    """Writes one response straight to the socket: hostile cases need raw control.

    Every reply closes the connection afterwards, so no broken state leaks into the next
    request on a kept-alive connection.
    """

    def __init__(
        self, handler: BaseHTTPRequestHandler, host: str, head_only: bool, closed: threading.Event
    ) -> None:
        self.handler = handler
        self.host = host
        self.label = host.split(".", 1)[0]
        self.head_only = head_only
        self.closed = closed

    def head(self, status: int, headers: Iterable[tuple[str, str]]) -> None:
        h = self.handler
        h.close_connection = True
        h.send_response(status)
        for name, value in headers:
            h.send_header(name, value)
        h.send_header("Connection", "close")
        h.end_headers()

    def send(self, status: int, body: bytes, ctype: str = HTML, **extra: str) -> None:
        headers = [("Content-Type", ctype), ("Content-Length", str(len(body)))]
        self.head(status, [*headers, *((k.replace("_", "-"), v) for k, v in extra.items())])
        if not self.head_only:
            self.handler.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, b"", Location=location)

    def stream(
        self,
        chunks: Iterable[bytes],
        *,
        ctype: str = HTML,
        length: int | None = None,
        pause: float = 0.0,
        extra: Iterable[tuple[str, str]] = (),
    ) -> None:
        """A 200 whose body comes from `chunks`: chunked, or raw when `length` is declared."""
        framing = (
            ("Transfer-Encoding", "chunked") if length is None else ("Content-Length", str(length))
        )
        self.head(200, [("Content-Type", ctype), framing, *extra])
        if self.head_only:
            return
        out = self.handler.wfile
        for chunk in chunks:
            if self.closed.is_set():
                return
            out.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if length is None else chunk)
            if pause and self.closed.wait(pause):
                return
        if length is None:
            out.write(b"0\r\n\r\n")

    def drop(self) -> None:
        """Close the connection without a byte of response."""
        self.handler.close_connection = True

    def hold(self, limit: float = HOLD_LIMIT_SECONDS) -> None:
        """Answer nothing and keep the connection open until the client leaves."""
        self.handler.close_connection = True
        sock = self.handler.connection
        deadline = time.monotonic() + limit
        while not self.closed.is_set() and time.monotonic() < deadline:
            readable, _, _ = select.select([sock], [], [], 0.25)
            if readable and not sock.recv(4096):
                return  # the client hung up


Handler = Callable[["HostileWeb", Reply, str], None]
_CASES: dict[str, tuple[Case, Handler]] = {}
_ROBOTS: dict[str, Handler] = {}


def case(label: str, serves: str, expected: str) -> Callable[[Handler], Handler]:
    """Register the handler of every path of one hostile host (robots.txt aside)."""

    def register(fn: Handler) -> Handler:
        _CASES[label] = (Case(label, serves, expected), fn)
        return fn

    return register


def robots(
    label: str, serves: str, expected: str, paths: tuple[str, ...] = ("/",)
) -> Callable[[Handler], Handler]:
    """Register a host whose robots.txt is the case; its pages are an ordinary clinic."""

    def register(fn: Handler) -> Handler:
        _ROBOTS[label] = fn
        _CASES[label] = (Case(label, serves, expected, paths), _ordinary_clinic)
        return fn

    return register


# -- pages -----------------------------------------------------------------------------------


def clinic_page(
    name: str,
    *,
    phone: str,
    street: str = "4500 E 9th Ave",
    city: str = "Denver",
    state: str = "CO",
    zip_code: str = "80220",
    extra: str = "",
    charset: str | None = "utf-8",
) -> str:
    """A small clinic home page: name in <title>, <h1> and JSON-LD; a little evidence text."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": name,
        "telephone": phone,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": street,
            "addressLocality": city,
            "addressRegion": state,
            "postalCode": zip_code,
        },
    }
    jsonld = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    meta = f'<meta charset="{charset}">' if charset else ""
    e = html.escape(name)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head>{meta}<title>{e}</title>\n'
        f'<script type="application/ld+json">{jsonld}</script></head>\n'
        f'<body><nav><a href="javascript:alert(1)">Book</a> '
        f'<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">Offer</a> '
        f'<a href="file:///etc/passwd">Files</a></nav>\n'
        f"<main><h1>{e}</h1>\n"
        "<p>Every patient completes a medical and psychiatric evaluation before the first "
        "infusion.</p>\n"
        "<p>Your blood pressure, heart rate and oxygen levels are monitored throughout each "
        "session.</p>\n"
        f"<p>Call us at {html.escape(phone)}.</p>{extra}</main></body></html>\n"
    )


def _phone(label: str) -> str:
    """A valid, distinct Denver number per host, so no two hostile clinics look alike."""
    return f"(303) 861-{1000 + sorted(_CASES).index(label):04d}"


def _ordinary_clinic(web: HostileWeb, reply: Reply, path: str) -> None:
    label = reply.label
    title = " ".join(w.capitalize() for w in label.split("-"))
    reply.send(200, clinic_page(f"{title} Ketamine Clinic", phone=_phone(label)).encode())


def _repeat(block: bytes, total: int) -> Iterator[bytes]:
    """`total` bytes made of `block`, one block at a time."""
    sent = 0
    while sent < total:
        piece = block[: total - sent]
        sent += len(piece)
        yield piece


def _trickle(limit: float = HOLD_LIMIT_SECONDS) -> Iterator[bytes]:
    """One space at a time until `limit` seconds have passed."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        yield b" "


_FILLER = (b"<p>A page that goes on and on about ketamine clinics.</p>\n" * 1200)[: 64 * 1024]


@functools.cache
def gzip_bomb() -> bytes:
    """GZIP_BOMB_BYTES of spaces, gzip-compressed once per process (about 250 KiB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * MiB
    parts = [packer.compress(b"<!DOCTYPE html><html><body>")]
    parts += [packer.compress(block) for _ in range(GZIP_BOMB_BYTES // MiB)]
    return b"".join([*parts, packer.flush()])


def _random_bytes(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


# -- the cases -------------------------------------------------------------------------------


@case("big-page", "a 200 MB page, chunked, no Content-Length", "cancelled at DOWNLOAD_MAXSIZE")
def _big_page(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.stream(_repeat(_FILLER, BIG_PAGE_BYTES))


@case("big-declared", "a 200 MB page with its Content-Length", "refused before the body")
def _big_declared(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.stream(_repeat(_FILLER, BIG_PAGE_BYTES), length=BIG_PAGE_BYTES)


@case("gzip-bomb", "256 MiB of gzip in 250 KiB", "dropped at DOWNLOAD_MAXSIZE while inflating")
def _gzip_bomb(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.send(200, gzip_bomb(), Content_Encoding="gzip")


@case("redirect-loop", "/ -> /loop -> /", "dropped as a redirect loop")
def _redirect_loop(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.redirect("/" if path.startswith("/loop") else "/loop")


@case("redirect-chain", f"{REDIRECT_HOPS} redirects before a page", "dropped at REDIRECT_MAX_TIMES")
def _redirect_chain(web: HostileWeb, reply: Reply, path: str) -> None:
    hop = int(path.rsplit("/", 1)[1]) if path.startswith("/hop/") else 0
    if hop < REDIRECT_HOPS:
        reply.redirect(f"/hop/{hop + 1}", status=301 if hop % 2 else 302)
    else:
        reply.send(
            200, clinic_page("End Of The Chain Clinic", phone=_phone("redirect-chain")).encode()
        )


def _redirect_to(target: str) -> Handler:
    def handler(web: HostileWeb, reply: Reply, path: str) -> None:
        reply.redirect(target)

    return handler


for _label, _target in {**PRIVATE_REDIRECTS, **SCHEME_REDIRECTS}.items():
    case(_label, f"a redirect to {_target}", "refused, never fetched")(_redirect_to(_target))


@case("flaky", f"{FLAKY_FAILURES} x 503 per path, then the page", "retried, then stored")
def _flaky(web: HostileWeb, reply: Reply, path: str) -> None:
    if web.attempt(reply, path) <= FLAKY_FAILURES:
        reply.send(503, b"busy, try again\n", "text/plain", Retry_After="1")
    else:
        _ordinary_clinic(web, reply, path)


@case("not-found", "404 for every page", "recorded as an HTTP error")
def _not_found(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.send(404, _NOT_FOUND)


@case(
    "truncated", "Content-Length 100000, 2000 bytes, then close", "retried, then a data-loss error"
)
def _truncated(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.head(200, [("Content-Type", HTML), ("Content-Length", "100000")])
    if not reply.head_only:
        reply.handler.wfile.write(_FILLER[:2000])


@case("dropped", "the connection closes before any response", "retried, then recorded")
def _dropped(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.drop()


@case(
    "never-finishes", "headers, then one byte every 250 ms, forever", "timed out, retried, recorded"
)
def _never_finishes(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.stream(_trickle(), length=10 * MiB, pause=TRICKLE_SECONDS)


@case("charset-mismatch", "declares UTF-8, is Windows-1252", "stored, odd bytes replaced")
def _charset_mismatch(web: HostileWeb, reply: Reply, path: str) -> None:
    page = clinic_page(CP1252_NAME, phone=_phone("charset-mismatch"))
    reply.send(200, page.encode("cp1252"), "text/html; charset=utf-8")


@case("charset-none", "no charset anywhere, Windows-1252 bytes", "stored, decoded as Windows-1252")
def _charset_none(web: HostileWeb, reply: Reply, path: str) -> None:
    page = clinic_page(CP1252_NAME, phone=_phone("charset-none"), charset=None)
    reply.send(200, page.encode("cp1252"), "text/html")


@case("empty", "200 with an empty body", "stored as an empty page")
def _empty(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.send(200, b"")


@case("long-fields", "100,000-character name, address and paragraph", "stored, fields cut")
def _long_fields(web: HostileWeb, reply: Reply, path: str) -> None:
    street = ("1234 Endless Avenue " * (LONG_FIELD // 20 + 1))[:LONG_FIELD]
    paragraph = "<p>" + ("ketamine" * (LONG_FIELD // 8))[:LONG_FIELD] + "</p>"
    page = clinic_page(LONG_NAME, phone=_phone("long-fields"), street=street, extra=paragraph)
    reply.send(200, page.encode())


@case("binary-as-html", "64 KiB of random bytes labelled text/html", "no crash")
def _binary_as_html(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.send(200, _random_bytes(1, 64 * 1024))


@case("malformed", "tag soup: unclosed, misnested, stray end tags", "stored")
def _malformed(web: HostileWeb, reply: Reply, path: str) -> None:
    soup = (
        "<html><head><title>Malformed Markup Clinic<body><div><p>Ketamine <b>infusions <i>for"
        "</b> depression</i></div></div></span><table><tr><td>IV infusion<td>$450</table"
        "<p class=\"unterminated>Every patient completes a medical evaluation.<script>var x = '"
        "</scr</script><!-- never closed comment <p>"
    )
    reply.send(200, soup.encode())


@case("unparseable", "phone, address and ZIP that parse as nothing", "stored raw, not as facts")
def _unparseable(web: HostileWeb, reply: Reply, path: str) -> None:
    page = clinic_page(
        "Unparseable Fields Clinic",
        phone="call us maybe",
        street="Somewhere over the rainbow",
        city="???",
        state="Narnia",
        zip_code="ABCDE",
        extra="<p>Phone: 555-CLINIC-NOW. ZIP: 9 9 9 9 9. Address: third door past the oak.</p>",
    )
    reply.send(200, page.encode())


def _named(name: str) -> Handler:
    def handler(web: HostileWeb, reply: Reply, path: str) -> None:
        reply.send(200, clinic_page(name, phone=_phone(reply.label)).encode())

    return handler


for _label, _name in HOSTILE_NAMES.items():
    case(_label, f"a clinic named {_name}", "name stored verbatim as text; CSV cell neutralized")(
        _named(_name)
    )


@robots("robots-404", "robots.txt is 404 (its page says Disallow: /)", "allow all (RFC 9309)")
def _robots_404(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.send(404, _NOT_FOUND)


@robots("robots-503", "robots.txt is always 503", "disallow all (RFC 9309 2.3.1.4)")
def _robots_503(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.send(503, b"down for maintenance\n", "text/plain")


@robots("robots-timeout", "robots.txt never answers", "disallow all after the timeout")
def _robots_timeout(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.hold()


@robots("robots-disallow", "robots.txt says Disallow: /", "nothing fetched")
def _robots_disallow(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.send(200, b"User-agent: *\nDisallow: /\n", "text/plain")


@robots(
    "robots-slow-disallow",
    "robots.txt says Disallow: / after a second; seeded with three pages",
    "nothing fetched: every request waiting for robots.txt gets its rules",
    paths=("/", "/fees", "/team"),
)
def _robots_slow_disallow(web: HostileWeb, reply: Reply, path: str) -> None:
    if not reply.closed.wait(ROBOTS_SLOW_SECONDS):
        reply.send(200, b"User-agent: *\nDisallow: /\n", "text/plain")


@robots("robots-huge", "a 5 MB robots.txt; Disallow: / only after 4 MB", "first 500 KiB obeyed")
def _robots_huge(web: HostileWeb, reply: Reply, path: str) -> None:
    head = b"User-agent: *\nDisallow: /private/\n"
    tail = b"User-agent: *\nDisallow: /\n"
    line = b"# " + b"filler " * 9 + b"\n"
    filler = HUGE_ROBOTS_BYTES - len(head) - len(tail)
    body = (head, *_repeat(line * 1024, filler), tail)
    reply.stream(body, ctype="text/plain", length=HUGE_ROBOTS_BYTES)


@robots("robots-binary", "robots.txt is 64 KiB of random bytes", "allow all, no crash")
def _robots_binary(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.send(200, _random_bytes(2, 64 * 1024), "application/octet-stream")


@robots("robots-crawl-delay", "robots.txt asks Crawl-delay: 86400", "crawled without stalling")
def _robots_crawl_delay(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.send(200, b"User-agent: *\nCrawl-delay: 86400\nDisallow: /private/\n", "text/plain")


@robots(
    "robots-redirect-file",
    "robots.txt redirects to file:///etc/passwd",
    "the redirect is refused, so robots.txt is unavailable: disallow all",
)
def _robots_redirect_file(web: HostileWeb, reply: Reply, path: str) -> None:
    reply.redirect("file:///etc/passwd")


ALLOW_ALL = b"User-agent: *\nAllow: /\n"
CASES: tuple[Case, ...] = tuple(c for c, _ in _CASES.values())


class HostileWeb:
    """The hostile hosts, with a log of every request they were sent (`hits`)."""

    def __init__(self) -> None:
        self.cases = {c.host: c for c in CASES}
        self.hits: Counter[tuple[str, str]] = Counter()  # (host, path) -> requests
        self._lock = threading.Lock()
        self.closed = threading.Event()

    @property
    def seed_urls(self) -> list[str]:
        return [url for c in CASES for url in c.urls]

    def knows_host(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.cases

    def attempt(self, reply: Reply, path: str) -> int:
        """How many times this host and path have been asked for, this one included."""
        with self._lock:
            return self.hits[(reply.host, path)]

    def requests_to(self, host: str) -> dict[str, int]:
        """Path -> requests seen for one host."""
        with self._lock:
            return {p: n for (h, p), n in self.hits.items() if h == host}

    def serve(self, handler: BaseHTTPRequestHandler, host: str, path: str, head_only: bool) -> None:
        """Answer one request for a hostile host; a client hanging up is not an error."""
        host = host.lower().rstrip(".")
        path = path.split("?", 1)[0] or "/"
        with self._lock:
            self.hits[(host, path)] += 1
        reply = Reply(handler, host, head_only, self.closed)
        label = reply.label
        try:
            if path == "/robots.txt":
                robots_case = _ROBOTS.get(label)
                if robots_case is None:
                    reply.send(200, ALLOW_ALL, "text/plain")
                else:
                    robots_case(self, reply, path)
            elif path == "/sitemap.xml":
                reply.send(404, _NOT_FOUND)
            else:
                _CASES[label][1](self, reply, path)
        except OSError:  # BrokenPipe, ConnectionReset: the client gave up, as it should
            handler.close_connection = True

    def close(self) -> None:
        """End every response still streaming or holding its connection."""
        self.closed.set()
