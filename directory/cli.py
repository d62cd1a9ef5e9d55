"""The `clinics` command line (also `python -m directory`).

Every command takes `--db URL` (default: $CLINICS_DB, else sqlite:///var/clinics.db). Errors a
user can cause print one line starting with `error:` and exit with status 2.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Annotated, Any, TypeVar
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import select

from directory.db import DatabaseError, default_url, open_db, redact, session_factory
from directory.export import (
    ExportError,
    Filters,
    load_frame,
    parse_weights,
    rank,
    write_csv,
    write_parquet,
)
from directory.rubric import ROUTES

app = typer.Typer(
    help="Crawl, score and rank ketamine-therapy clinics, with every point backed by a quote.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLAlchemy database URL. Default: $CLINICS_DB, else sqlite:///var/clinics.db.",
        show_default=False,
    ),
]
T = TypeVar("T")


class UserError(Exception):
    """A problem the user can fix; shown as one line, exit status 2."""


def fail(message: str) -> typer.Exit:
    err.print(
        f"[bold red]error:[/] {message}", markup=True, soft_wrap=True, highlight=False, emoji=False
    )
    return typer.Exit(code=2)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can cause into one clear line and exit status 2."""
    try:
        yield
    except (DatabaseError, ExportError, UserError) as exc:
        raise fail(_plain(str(exc))) from None
    except FileNotFoundError as exc:
        raise fail(f"no such file: {exc.filename}") from None
    except PermissionError as exc:
        raise fail(f"permission denied: {exc.filename}") from None
    except IsADirectoryError as exc:
        raise fail(f"is a directory: {exc.filename}") from None


def _plain(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _db(url: str | None) -> str:
    return url or default_url()


# --- crawl ----------------------------------------------------------------------------------


@app.command()
def crawl(
    url: Annotated[
        list[str] | None, typer.Option("--url", help="A clinic website to crawl (repeatable).")
    ] = None,
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="A file of clinic website URLs, one per line.")
    ] = None,
    spider: Annotated[
        str | None,
        typer.Option("--spider", help="Spider to run (default: clinic_site; see `scrapy list`)."),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Allow loopback and private addresses (the sample web, tests)."
        ),
    ] = False,
    sample: Annotated[
        bool,
        typer.Option(
            "--sample", help="Serve a fresh sample web for this crawl and crawl it end to end."
        ),
    ] = False,
    clinics: Annotated[
        int, typer.Option("--clinics", min=1, help="Clinics in the sample web (with --sample).")
    ] = 200,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the sample web (with --sample).")
    ] = 7,
    max_pages: Annotated[
        int, typer.Option("--max-pages-per-site", min=1, help="Page limit per clinic site.")
    ] = 25,
    setting: Annotated[
        list[str] | None,
        typer.Option("--set", "-s", help="A Scrapy setting NAME=VALUE (repeatable)."),
    ] = None,
    jobdir: Annotated[
        Path | None,
        typer.Option(
            "--jobdir",
            help="Keep the crawl's state in this directory: after Ctrl-C, the same command "
            "resumes where it stopped.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Crawl clinic sites (or directories), then normalize, score and store what they say.

    With no --url/--seeds/--spider, re-crawls every clinic website already in the database.
    """
    with user_errors():
        if seeds is not None and not seeds.exists():
            raise UserError(f"seeds file {seeds} does not exist")
        if seeds is not None and not seeds.is_file():
            raise UserError(f"seeds file {seeds} is not a file")
        for u in url or []:
            if not u.lower().startswith(("http://", "https://")):
                raise UserError(f"bad --url {u!r}: only http(s) URLs can be crawled")
        if jobdir is not None:
            _make_jobdir(jobdir)
        open_db(_db(db)).dispose()  # fail fast, with one line, on a bad database URL
    args = ["--db", _db(db), "--max-pages-per-site", str(max_pages)]
    for s in setting or []:
        args += ["--set", s]
    if jobdir is not None:
        args += ["--jobdir", str(jobdir.resolve())]
    if allow_private or sample:
        args.append("--allow-private")
    if sample:
        code = _crawl_sample(args, clinics, seed)
    else:
        for u in url or []:
            args += ["--url", u]
        if seeds is not None:
            args += ["--seeds", str(seeds)]
        if spider:
            args += ["--spider", spider]
        code = _run_crawler(args)
    raise typer.Exit(code=code)


def _make_jobdir(jobdir: Path) -> None:
    if jobdir.exists() and not jobdir.is_dir():
        raise UserError(f"--jobdir {jobdir} is not a directory")
    try:
        jobdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create --jobdir {jobdir}: {exc.strerror}") from None
    if not os.access(jobdir, os.W_OK):
        raise UserError(f"--jobdir {jobdir} is not writable")


def _run_crawler(args: list[str], env: dict[str, str] | None = None) -> int:
    """Run the crawler in its own process, so `directory` never imports Scrapy.

    Ctrl-C reaches the crawler too (same process group): it stops gracefully, records the run
    and exits, while this process keeps waiting for it (and keeps a sample web serving until
    then). A second Ctrl-C makes the crawler stop at once.
    """
    cmd = [sys.executable, "-m", "crawler", *args]
    child = subprocess.Popen(cmd, env={**os.environ, **(env or {})})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        code = child.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return 128 - code if code < 0 else code  # killed by a signal: the shell's convention


SAMPLE_WEB_SETTINGS = (
    "AUTOTHROTTLE_ENABLED=False",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS_PER_DOMAIN=4",
)


def _crawl_sample(args: list[str], clinics: int, seed: int) -> int:
    from sampleweb import SampleWeb

    with SampleWeb(clinics=clinics, seed=seed, port=0) as web:
        err.print(f"sample web: {clinics} clinics (seed {seed}) served through {web.proxy_url}")
        # The sample web is our own loopback server: politeness delays would only slow the demo.
        # These come first, so a user's --set still wins.
        fast = [a for s in SAMPLE_WEB_SETTINGS for a in ("--set", s)]
        sample_args = [*fast, *args, "--proxy", web.proxy_url, "--sample-directories"]
        for start in web.directory_start_urls:
            sample_args += ["--url", start]
        return _run_crawler(sample_args)


# --- score ----------------------------------------------------------------------------------


@app.command()
def score(db: DbOption = None) -> None:
    """Recompute every clinic's merged facts and scores from stored evidence (e.g. after a rubric change)."""
    from directory.service import rescore

    with user_errors():
        engine = open_db(_db(db))
        with _progress("scoring") as tick:
            run_id, count = rescore(engine, tick)
    err.print(f"scored {count} clinics (run {run_id})")


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield tick


# --- export ---------------------------------------------------------------------------------


@app.command()
def export(
    csv: Annotated[
        Path | None, typer.Option("--csv", help="Write the ranking as CSV to this file.")
    ] = None,
    parquet: Annotated[
        Path | None, typer.Option("--parquet", help="Write the ranking as Parquet to this file.")
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", help="Only clinics in this state (two letters).")
    ] = None,
    near: Annotated[
        str | None, typer.Option("--near", help="Measure distances from this US ZIP code.")
    ] = None,
    radius_miles: Annotated[
        float | None,
        typer.Option(
            "--radius-miles", min=0, help="With --near: only clinics within this many miles."
        ),
    ] = None,
    route: Annotated[
        list[str] | None,
        typer.Option(
            "--route", help=f"Only clinics offering this route ({', '.join(ROUTES)}); repeatable."
        ),
    ] = None,
    weights: Annotated[
        str | None,
        typer.Option(
            "--weights",
            help="Criterion weights, e.g. safety=3,expertise=2; criteria not named keep their defaults "
            "(safety 25, expertise 20, holistic 20, cost 15, personalization 10, reviews 10).",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Export the ranking, one row per clinic, with scores, facts and provenance."""
    with user_errors():
        if csv is None and parquet is None:
            raise UserError("say where to write: --csv FILE and/or --parquet FILE")
        if radius_miles is not None and not near:
            raise UserError("--radius-miles needs --near ZIP")
        if state is not None and (len(state) != 2 or not state.isalpha()):
            raise UserError(f"bad --state {state!r}: use a two-letter code such as CO")
        chosen = parse_weights(weights)
        filters = Filters(
            state=state,
            near_zip=near,
            radius_miles=radius_miles,
            routes=tuple(r.lower() for r in route or ()),
        )
        engine = open_db(_db(db))
        with session_factory(engine).begin() as session:
            frame = load_frame(session)
        ranked = rank(frame, chosen, filters)
        written = 0
        if csv is not None:
            written = write_csv(ranked, csv)
            err.print(f"wrote {written} clinics to {csv}")
        if parquet is not None:
            written = write_parquet(ranked, parquet)
            err.print(f"wrote {written} clinics to {parquet}")
        if not written:
            err.print(
                "no clinic matched the filters"
                if len(frame)
                else "the database has no clinics yet: run `clinics crawl` first"
            )


# --- extract --------------------------------------------------------------------------------


@app.command()
def extract(
    source: Annotated[
        str, typer.Argument(help="An HTML file, or an http(s) URL to fetch.", metavar="FILE_OR_URL")
    ],
    url: Annotated[
        str | None, typer.Option("--url", help="The page's URL (for a file; used in evidence).")
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Allow fetching loopback and private addresses (refused by default, as in crawl).",
        ),
    ] = False,
    rules_only: Annotated[
        bool,
        typer.Option(
            "--rules-only",
            help="What the hand-written rules alone find (no learned detectors), for comparison.",
        ),
    ] = False,
) -> None:
    """Print the facts, evidence and per-criterion scores found on one page, as JSON."""
    with user_errors():
        if source.lower().startswith(("http://", "https://")):
            body, encoding = _fetch(source, allow_private)
            page_url = url or source
        else:
            path = Path(source)
            if not path.is_file():
                raise UserError(f"no such file: {source}")
            body, encoding = path.read_bytes(), None
            page_url = url or path.resolve().as_uri()
    from directory.extract import extract_page, extraction_json
    from directory.extract.model import ModelError

    try:
        pe = extract_page(page_url, body, encoding=encoding, rules_only=rules_only)
    except ModelError as exc:
        raise fail(_plain(str(exc))) from None
    result = extraction_json(pe)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


def _check_target(url: str, allow_private: bool) -> None:
    """Refuse a non-http(s) URL, or one on a non-public address (unless allowed)."""
    from directory.netguard import host_is_public

    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise UserError(f"refused to fetch {url}: only http(s) URLs are fetched")
    if not allow_private and not host_is_public(parts.hostname or ""):
        raise UserError(
            f"refused to fetch {url}: {parts.hostname or 'no host'} is not a public address "
            "(use --allow-private)"
        )


def _fetch(url: str, allow_private: bool = False) -> tuple[bytes, str | None]:
    from directory import __version__

    class CheckedRedirects(urllib.request.HTTPRedirectHandler):
        max_redirections = 10

        def redirect_request(
            self,
            req: urllib.request.Request,
            fp: IO[bytes],
            code: int,
            msg: str,
            headers: HTTPMessage,
            newurl: str,
        ) -> urllib.request.Request | None:
            _check_target(newurl, allow_private)  # a redirect is a new request: same checks
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    _check_target(url, allow_private)
    request = urllib.request.Request(
        url, headers={"User-Agent": f"clinic-directory/{__version__} (extract)"}
    )
    opener = urllib.request.build_opener(CheckedRedirects)
    try:
        with opener.open(request, timeout=20) as response:
            return response.read(16 * 1024 * 1024), response.headers.get_content_charset()
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot fetch {url}: {getattr(exc, 'reason', exc)}") from None


# --- sample-web -----------------------------------------------------------------------------


@app.command("sample-web")
def sample_web(
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (0 = any free port).")
    ] = 8765,
    clinics: Annotated[
        int, typer.Option("--clinics", min=1, help="How many clinic websites.")
    ] = 200,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the generator: same seed, same web.")
    ] = 7,
    truth: Annotated[
        Path | None, typer.Option("--truth", help="Also write the ground truth JSON here.")
    ] = None,
    hostile: Annotated[
        bool,
        typer.Option(
            "--hostile",
            help="Also serve the hostile corner (*.hostile.test: huge pages, gzip bomb, redirect "
            "loops, broken robots.txt, script names ...) and list its URLs.",
        ),
    ] = False,
) -> None:
    """Serve the offline sample web (directory sites and clinic sites) on 127.0.0.1 until Ctrl-C.

    Sites have their own host names under .test; reach them by using the server as an HTTP proxy,
    e.g. `http_proxy=http://127.0.0.1:8765 clinics crawl --url http://<site>.test/ --allow-private`.
    """
    from sampleweb import SampleWeb, build_world

    if truth is not None:
        with user_errors():
            truth.write_text(
                json.dumps(build_world(clinics=clinics, seed=seed).truth(), indent=1),
                encoding="utf-8",
            )
    with user_errors():
        try:
            web = SampleWeb(clinics=clinics, seed=seed, port=port, hostile=hostile)
            web.__enter__()
        except OSError as exc:
            raise UserError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    out.print(f"sample web: {clinics} clinics (seed {seed}) at {web.proxy_url}  (Ctrl-C to stop)")
    out.print("directory sites (use the address above as HTTP proxy):")
    for start in web.directory_start_urls:
        out.print(f"  {start}")
    if web.hostile is not None:
        out.print("hostile corner (crawl with --url; --allow-private is not needed):")
        for case in web.hostile.cases.values():
            out.print(f"  {case.urls[0]:<48} {case.serves}", markup=False, soft_wrap=True)
    try:
        import time

        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        web.__exit__(None, None, None)


# --- dashboard and demo --------------------------------------------------------------------


def _dashboard_script() -> Path:
    """The Streamlit app's path, found without importing it (directory never imports streamlit)."""
    import importlib.util

    spec = importlib.util.find_spec("dashboard")
    if spec is None or not spec.submodule_search_locations:
        raise UserError(
            "the dashboard package is not installed (run `make demo` from the project folder)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "streamlit_app.py"


def _serve_dashboard(db_url: str, port: int) -> int:
    script = _dashboard_script()
    url = f"http://127.0.0.1:{port}/"
    out.print(f"dashboard: [bold]{url}[/]  (database {_plain(redact(db_url))}; Ctrl-C to stop)")
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    return _run_quietly(cmd, {"CLINICS_DB": db_url})


def _run_quietly(cmd: list[str], env: dict[str, str]) -> int:
    try:
        return subprocess.call(cmd, env={**os.environ, **env})
    except KeyboardInterrupt:
        return 0


@app.command()
def dashboard(
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port on 127.0.0.1.")
    ] = 8501,
    db: DbOption = None,
) -> None:
    """Serve the dashboard (Find, Clinic, Compare, Crawl health, Method) and print its URL."""
    with user_errors():
        open_db(_db(db)).dispose()
        code = _serve_dashboard(_db(db), port)
    raise typer.Exit(code=code)


@app.command()
def demo(
    clinics: Annotated[
        int, typer.Option("--clinics", min=1, help="Clinics in the sample web.")
    ] = 200,
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Dashboard port on 127.0.0.1.")
    ] = 8501,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Crawl again even if the database has clinics.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Build the sample database (crawl the offline sample web) if needed, then serve the dashboard."""
    from directory.queries import database_state

    with user_errors():
        engine = open_db(_db(db))
        state = database_state(engine)
        engine.dispose()
    if rebuild or state != "ready":
        err.print(f"building the sample database: crawling a {clinics}-clinic sample web...")
        code = _crawl_sample(["--db", _db(db), "--allow-private"], clinics, 7)
        if code != 0:
            raise fail("the sample crawl failed; see `clinics runs`")
    with user_errors():
        code = _serve_dashboard(_db(db), port)
    raise typer.Exit(code=code)


# --- runs -----------------------------------------------------------------------------------


@app.command()
def runs(
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="How many recent runs to show.")
    ] = 20,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON lines instead of a table.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Show the crawl history: spider, start, end, status, pages, items and errors."""
    from directory.models import CrawlRun
    from directory.store import reap_dead_runs

    with user_errors():
        engine = open_db(_db(db))
        with session_factory(engine).begin() as session:
            reap_dead_runs(session)  # a killed crawl shows as failed, not as running forever
        with session_factory(engine).begin() as session:
            rows = list(session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)))
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(_run_dict(r), default=str) + "\n")
        return
    if not rows:
        err.print(f"no crawl runs yet in {redact(_db(db))}: run `clinics crawl`")
        return
    table = Table(
        "run", "spider", "started (UTC)", "duration", "status", "pages", "items", "errors", "note"
    )
    for r in rows:
        stats: dict[str, Any] = r.stats or {}
        duration = (
            f"{(r.finished_at - r.started_at).total_seconds():.0f}s"
            if r.finished_at and r.started_at
            else ""
        )
        colour = {"finished": "green", "failed": "red"}.get(r.status, "yellow")
        table.add_row(
            str(r.id), r.spider, f"{r.started_at:%Y-%m-%d %H:%M}", duration, f"[{colour}]{r.status}[/]",
            str(stats.get("response_count", "")), str(stats.get("item_scraped_count", "")),
            str(stats.get("error_count", "")), _plain(r.reason or ""),
        )  # fmt: skip
    out.print(table)


def _run_dict(r: Any) -> dict[str, Any]:
    return {
        k: getattr(r, k)
        for k in ("id", "spider", "started_at", "finished_at", "status", "reason", "stats", "args")
    }


def main() -> None:
    app()


if __name__ == "__main__":
    main()
