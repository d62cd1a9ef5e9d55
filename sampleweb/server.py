"""The sample web served on loopback: one HTTP forward proxy that routes by host name.

Clients send proxy-form requests (``GET http://www.x.test/fees HTTP/1.1``) or origin-form
requests with a ``Host`` header. The server's own address gets a small hub page.
"""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from sampleweb.hostile import HostileWeb
from sampleweb.render_directory import hub_page
from sampleweb.world import HTML, TEXT, World, build_world

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})

NOT_FOUND = (
    b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head>\n'
    b"<body><h1>404 - Page not found</h1><p>Sorry, the page you are looking for does not exist.</p>"
    b'<p><a href="/">Go to the home page</a></p></body></html>\n'
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    world: World
    hostile: HostileWeb | None = None

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self.requests: Counter[str] = Counter()  # URL -> times asked for, so tests count fetches
        self.requests_lock = threading.Lock()

    def count_request(self, host: str, path: str) -> None:
        with self.requests_lock:
            self.requests[f"http://{host}{path}"] += 1


class _Handler(BaseHTTPRequestHandler):
    """Routes each request to the world by host; GET and HEAD only."""

    protocol_version = "HTTP/1.1"
    server_version = "SampleWeb/1.0"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a crawl makes thousands of requests."""

    def _target(self) -> tuple[str, str]:
        """(host without port, path with query) from an absolute URI or the Host header."""
        if self.path.startswith(("http://", "https://")):
            parts = urlsplit(self.path)
            host = parts.hostname or ""
            path = parts.path or "/"
            return host, f"{path}?{parts.query}" if parts.query else path
        host = (self.headers.get("Host") or "").strip()
        if host.startswith("["):
            host = host[: host.find("]") + 1]
        else:
            host = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return host.lower(), self.path or "/"

    def _respond(self, head_only: bool) -> None:
        host, path = self._target()
        hostile = self.server.hostile
        if hostile is not None and hostile.knows_host(host):
            hostile.serve(self, host, path, head_only)
            return
        world = self.server.world
        if host in LOCAL_HOSTS or not host:
            if path.split("?", 1)[0] == "/":
                status, ctype = 200, HTML
                body = hub_page(
                    self.server.server_address[1], world.directories, world.n, world.seed
                ).encode()
            else:
                status, ctype, body = 404, HTML, NOT_FOUND
        elif not world.knows_host(host):
            status, ctype = 502, TEXT
            body = f"502 Bad Gateway: unknown host {host} (not part of the sample web)\n".encode()
        else:
            found = world.page(host, path)
            status, ctype, body = found if found is not None else (404, HTML, NOT_FOUND)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.count_request(*self._target())
        self._respond(head_only=False)

    def do_HEAD(self) -> None:
        self.server.count_request(*self._target())
        self._respond(head_only=True)


def make_server(
    world: World, port: int = 0, host: str = "127.0.0.1", hostile: HostileWeb | None = None
) -> ThreadingHTTPServer:
    """A bound (not yet serving) server for ``world`` (and the hostile hosts, when given);
    port 0 picks a free port."""
    server = _Server((host, port), _Handler)
    server.world = world
    server.hostile = hostile
    return server


class SampleWeb:
    """The sample web served in a background thread; use as a context manager.

    >>> with SampleWeb(clinics=50, seed=1) as web:  # doctest: +SKIP
    ...     web.proxy_url, web.directory_start_urls

    ``hostile=True`` also serves the hostile hosts of `sampleweb.hostile` (``web.hostile``).
    """

    def __init__(
        self, clinics: int = 200, seed: int = 7, port: int = 0, hostile: bool = False
    ) -> None:
        self.world = build_world(clinics=clinics, seed=seed)
        self.hostile = HostileWeb() if hostile else None
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("SampleWeb is not started")
        return int(self._server.server_address[1])

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def directory_start_urls(self) -> list[str]:
        return self.world.directory_start_urls

    @property
    def requests(self) -> Counter[str]:
        """How many times each URL (``http://host/path``) was asked for since the start (a copy)."""
        server = self._server
        if not isinstance(server, _Server):
            raise RuntimeError("SampleWeb is not started")
        with server.requests_lock:
            return Counter(server.requests)

    def start(self) -> SampleWeb:
        """Bind and serve in a daemon thread."""
        if self.hostile is not None:
            self.hostile.closed.clear()
        self._server = make_server(self.world, self._port, hostile=self.hostile)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="sampleweb", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port; responses still streaming end too."""
        if self.hostile is not None:
            self.hostile.close()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> SampleWeb:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def run_until_interrupted(server: ThreadingHTTPServer) -> None:
    """Serve on the calling thread until Ctrl-C, then close the socket."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def serve_forever(port: int, clinics: int, seed: int, hostile: bool = False) -> None:
    """Serve the sample web on 127.0.0.1:port until interrupted (blocking)."""
    world = build_world(clinics=clinics, seed=seed)
    run_until_interrupted(make_server(world, port, hostile=HostileWeb() if hostile else None))
