"""Faults: a crawl killed with SIGKILL or stopped with Ctrl-C, a database lost mid-crawl, sites
that vanish between crawls. Real crawls of the sample web, on SQLite and on PostgreSQL.

What "the dashboard still shows the last good run" means here: the dashboard reads only through
`directory.queries` (ranking frame, clinic detail, crawl health). Only a finished run changes
what they return; a killed, failed or paused run's pages stay in the database as history.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from typer.testing import CliRunner

from directory import store
from directory.cli import SAMPLE_WEB_SETTINGS, app
from directory.db import open_db, session_factory
from directory.export import rank, write_csv
from directory.models import Clinic, CrawlRun, Listing, Page, Score, Source
from directory.queries import clinic_detail, crawl_health, ranking_frame
from directory.service import finalize_run, rescore
from directory.types import Evidence, Facts, PageExtraction
from sampleweb import SampleWeb
from tests.conftest import PG_URL, _pg_reachable, require_service
from tests.test_store import crawl_once

pytestmark = pytest.mark.slow
QUIET = ("LOG_LEVEL=WARNING",)
FACT_FIELDS = (
    "name", "website", "phone", "street", "city", "state", "zip", "lat", "lon", "routes",
    "price_min_usd", "price_max_usd", "insurance", "financing", "ptsd", "telehealth", "veterans",
    "rating", "review_count", "red_flags", "stale",
)  # fmt: skip
SCORE_COLUMNS = (
    "score_overall", "score_expertise", "score_holistic", "score_safety", "score_cost",
    "score_reviews", "score_personalization", "coverage", "evidence_count",
)  # fmt: skip


def sets(*pairs: str) -> list[str]:
    return [a for p in pairs for a in ("--set", p)]


class Clinics:
    """`clinics ARGS` in its own process group (so a signal reaches it and its crawler, as a
    terminal's Ctrl-C would), its output kept in files."""

    def __init__(
        self, tmp_path: Path, name: str, *args: str, env: dict[str, str] | None = None
    ) -> None:
        self.out, self.err = tmp_path / f"{name}.out", tmp_path / f"{name}.err"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "directory", *args],
                stdout=out,
                stderr=err,
                env={**os.environ, "COLUMNS": "200", **(env or {})},
                cwd=tmp_path,
                start_new_session=True,
            )

    def send(self, sig: int) -> None:
        os.killpg(self.proc.pid, sig)

    def wait(self, timeout: float = 240) -> int:
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.send(signal.SIGKILL)
            raise

    @property
    def stderr(self) -> str:
        return self.err.read_text(errors="replace")

    def tail(self) -> str:
        return self.stderr[-3000:]


def run_clinics(
    tmp_path: Path, name: str, *args: str, env: dict[str, str] | None = None
) -> Clinics:
    """Run `clinics ARGS` to the end and expect success."""
    done = Clinics(tmp_path, name, *args, env=env)
    assert done.wait() == 0, done.tail()
    return done


def proxy_env(web: SampleWeb) -> dict[str, str]:
    """Send a crawl through the in-test sample web (so its requests can be counted)."""
    return {
        "http_proxy": web.proxy_url,
        "https_proxy": web.proxy_url,
        "no_proxy": "",
        "NO_PROXY": "",
    }


def wait_for_pages(db: str, crawl: Clinics, at_least: int, timeout: float = 120) -> int:
    """Wait until the running clinic_site run has committed `at_least` pages; its id."""
    engine = create_engine(db)
    deadline = time.monotonic() + timeout
    try:
        while True:
            if crawl.proc.poll() is not None:
                pytest.fail(f"the crawl ended before {at_least} pages were stored:\n{crawl.tail()}")
            run_id, pages = _running_pages(engine)
            if run_id is not None and pages >= at_least:
                return run_id
            if time.monotonic() > deadline:
                crawl.send(signal.SIGKILL)
                pytest.fail(f"no clinic_site run stored {at_least} pages in {timeout}s")
            time.sleep(0.05)
    finally:
        engine.dispose()


def _running_pages(engine: Engine) -> tuple[int | None, int]:
    try:
        with engine.connect() as conn:
            run_id = conn.scalar(
                select(func.max(CrawlRun.id)).where(
                    CrawlRun.spider == "clinic_site", CrawlRun.status == "running"
                )
            )
            if run_id is None:
                return None, 0
            pages = conn.scalar(select(func.count()).select_from(Page).where(Page.run_id == run_id))
            return run_id, int(pages or 0)
    except SQLAlchemyError:  # the crawl has not created the schema yet
        return None, 0


def runs(db: str) -> dict[int, CrawlRun]:
    engine = open_db(db)
    with session_factory(engine).begin() as s:
        found = {r.id: r for r in s.scalars(select(CrawlRun))}
    engine.dispose()
    return found


def dashboard_view(db: str) -> tuple[pd.DataFrame, dict[int, Any], pd.DataFrame]:
    """What the dashboard shows: the ranking, every clinic's detail, pages by HTTP status."""
    engine = open_db(db)
    with session_factory(engine).begin() as s:
        frame = ranking_frame(s)
        details = {}
        for cid in frame["clinic_id"]:
            d = clinic_detail(s, int(cid))
            assert d is not None
            details[int(cid)] = (
                d.name, d.scores, d.overall, d.coverage, d.stale, d.last_crawled,
                [(x.signal, x.points, x.quote, x.url, x.crawled_at) for x in d.signals],
                [(x.signal, x.quote, x.url) for x in d.red_flags],
            )  # fmt: skip
        by_status = crawl_health(s).pages_by_status
    engine.dispose()
    return frame, details, by_status


def content(db: str) -> dict[str, Any]:
    """The database's current content, keyed so that two databases can be compared: clinics by
    domain (or name) with their facts, current pages, evidence and scores; listings."""
    engine = open_db(db)
    clinics: dict[str, Any] = {}
    with session_factory(engine).begin() as s:
        frame = ranking_frame(s).set_index("clinic_id")
        for c in s.scalars(select(Clinic).order_by(Clinic.id)):
            key = c.domain or c.name
            assert key not in clinics, f"clinic {key} stored twice"
            run_id = store.latest_page_run(s, c.id)
            pages = s.execute(
                select(Page.url, Page.http_status, Page.content_hash).where(
                    Page.clinic_id == c.id, Page.run_id == run_id
                )
            )
            evidence, flags = store.current_evidence(s, c.id)
            ranked = c.id in frame.index
            clinics[key] = {
                "facts": {f: getattr(c, f) for f in FACT_FIELDS},
                "pages": sorted(tuple(p) for p in pages),
                "evidence": sorted({(e.criterion, e.signal, e.quote, e.url) for e in evidence}),
                "flags": sorted({(f.flag, f.url) for f in flags}),
                "scores": tuple(frame.loc[c.id, list(SCORE_COLUMNS)]) if ranked else None,
            }
        listings = sorted(
            tuple(row)
            for row in s.execute(
                select(Source.name, Listing.url, Listing.name, Listing.website, Listing.phone,
                       Listing.street, Listing.city, Listing.state, Listing.zip)
                .join(Source, Source.id == Listing.source_id)
            )
        )  # fmt: skip
    engine.dispose()
    return {"clinics": clinics, "listings": listings}


def assert_same_content(got: dict[str, Any], want: dict[str, Any]) -> None:
    assert set(got["clinics"]) == set(want["clinics"])
    for key, expected in want["clinics"].items():
        assert got["clinics"][key] == expected, key
    assert got["listings"] == want["listings"]


# --- 1. SIGKILL mid-crawl, then a restart -----------------------------------------------------

KILL_WORLD = {"clinics": 16, "seed": 3}


def site_crawl(db: str) -> list[str]:
    """`clinics crawl` through the in-test sample web (add --seeds; without, every known site)."""
    return ["crawl", "--allow-private", "--db", db, *sets(*SAMPLE_WEB_SETTINGS, *QUIET)]


def test_sigkill_mid_crawl_keeps_last_good_run_and_restart_completes(db_url, tmp_path):
    with SampleWeb(**KILL_WORLD) as web:
        env = proxy_env(web)
        seeds = tmp_path / "seeds.txt"
        seeds.write_text("\n".join(web.world.clinic_sites) + "\n")
        run_clinics(tmp_path, "good", *site_crawl(db_url), "--seeds", str(seeds), env=env)
        good = content(db_url)
        frame, details, by_status = dashboard_view(db_url)

        # A re-crawl of every known site, slowed down, killed (the CLI and its crawler) once it
        # has committed pages.
        killed = Clinics(
            tmp_path, "killed", *site_crawl(db_url), *sets("CONCURRENT_REQUESTS=2"), env=env
        )
        killed_run = wait_for_pages(db_url, killed, at_least=12)
        killed.send(signal.SIGKILL)
        assert killed.wait() == -signal.SIGKILL
        engine = open_db(db_url)
        with session_factory(engine).begin() as s:
            committed = set(
                s.execute(select(Page.url, Page.content_hash).where(Page.run_id == killed_run))
            )
            assert len(committed) >= 12
            scored = select(func.count()).select_from(Score).where(Score.run_id == killed_run)
            assert s.scalar(scored) == 0
        engine.dispose()

        # The dashboard's data still shows the last good crawl, not the killed one's pages...
        frame_after, details_after, by_status_after = dashboard_view(db_url)
        pd.testing.assert_frame_equal(frame_after, frame)
        assert details_after == details
        pd.testing.assert_frame_equal(by_status_after, by_status)
        assert_same_content(content(db_url), good)
        # ... and its crawl health shows the killed run as failed (it is still 'running' in the
        # database: the next crawl, or `clinics runs`, records it as failed).
        engine = open_db(db_url)
        with session_factory(engine).begin() as s:
            health = crawl_health(s).runs.set_index("run")
        engine.dispose()
        assert health.loc[killed_run, "status"] == "failed"
        assert runs(db_url)[killed_run].status == "running"

        # The restart crawls every known site again, to the end.
        run_clinics(tmp_path, "restart", *site_crawl(db_url), env=env)
        final = content(db_url)
        assert len(final["clinics"]) == len(web.world.clinics)  # every clinic exactly once
    assert_same_content(final, good)  # nothing lost, nothing doubled: as after the good crawl
    after = runs(db_url)
    assert [r.status for _, r in sorted(after.items())] == ["finished", "failed", "finished"]
    assert after[killed_run].reason == store.INTERRUPTED  # recorded by the restart
    engine = open_db(db_url)
    with session_factory(engine).begin() as s:
        # what the killed run had committed is intact (history), and no page is stored twice
        kept = s.execute(select(Page.url, Page.content_hash).where(Page.run_id == killed_run))
        assert set(kept) == committed
        dupes = s.execute(
            select(Page.run_id, Page.url).group_by(Page.run_id, Page.url).having(func.count() > 1)
        ).all()
        assert dupes == []
    engine.dispose()
    frame_final, _details, _status = dashboard_view(db_url)
    keep = [c for c in frame.columns if c != "last_crawled"]
    pd.testing.assert_frame_equal(frame_final[keep], frame[keep])


# --- 2. Ctrl-C with a job directory, then resume ------------------------------------------------

JOB_WORLD = {"clinics": 20, "seed": 5}


def jobdir_crawl(db: str, jobdir: Path) -> list[str]:
    return [
        "crawl", "--spider", "ketaminefinder", "--allow-private", "--jobdir", str(jobdir),
        "--db", db, *sets(*SAMPLE_WEB_SETTINGS, *QUIET),
    ]  # fmt: skip


def fetched_pages(web: SampleWeb) -> dict[str, int]:
    """URL -> times fetched; robots.txt is left out (each crawler process reads it once per site)."""
    return {u: n for u, n in web.requests.items() if not u.endswith("/robots.txt")}


@pytest.fixture(scope="module")
def clean_jobdir_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], set[str]]:
    """The same crawl as the interrupted one, run once without interruption (on SQLite)."""
    tmp = tmp_path_factory.mktemp("clean")
    db = f"sqlite:///{tmp / 'clean.db'}"
    with SampleWeb(**JOB_WORLD) as web:
        run_clinics(tmp, "clean", *jobdir_crawl(db, tmp / "job"), env=proxy_env(web))
        fetched = fetched_pages(web)
    assert set(fetched.values()) == {1}
    return content(db), set(fetched)


def test_ctrl_c_with_jobdir_resumes_without_fetching_a_page_twice(
    db_url, tmp_path, clean_jobdir_crawl
):
    clean, clean_urls = clean_jobdir_crawl
    jobdir = tmp_path / "job"
    with SampleWeb(**JOB_WORLD) as web:
        env = proxy_env(web)
        first = Clinics(tmp_path, "first", *jobdir_crawl(db_url, jobdir), env=env)
        paused_run = wait_for_pages(db_url, first, at_least=15)
        first.send(signal.SIGINT)  # once: a graceful stop
        assert first.wait() == 1, first.tail()
        assert "run the same command again to resume" in first.stderr
        assert (jobdir / "ketaminefinder" / "phase-finished").is_file()
        assert (jobdir / "clinic_site" / "requests.seen").is_file()
        paused = runs(db_url)[paused_run]
        assert paused.status == "paused"
        engine = open_db(db_url)
        with session_factory(engine).begin() as s:
            stored = s.scalar(
                select(func.count()).select_from(Page).where(Page.run_id == paused_run)
            )
            scored = select(func.count()).select_from(Score).where(Score.run_id == paused_run)
            assert s.scalar(scored) == 0
            assert not any(s.scalars(select(Clinic.stale)))  # a run that did not finish
        engine.dispose()
        assert 15 <= stored < sum(len(c["pages"]) for c in clean["clinics"].values())

        second = run_clinics(tmp_path, "second", *jobdir_crawl(db_url, jobdir), env=env)
        assert "resuming" in second.stderr
        fetched = fetched_pages(web)

    twice = sorted(u for u, n in fetched.items() if n > 1)
    assert twice == [], f"fetched more than once: {twice[:10]}"
    assert set(fetched) == clean_urls
    assert_same_content(content(db_url), clean)
    after = runs(db_url)
    site_runs = [r for r in after.values() if r.spider == "clinic_site"]
    assert [r.id for r in site_runs] == [paused_run]  # one run, paused and resumed
    assert {r.status for r in after.values()} == {"finished"}
    assert site_runs[0].stats["resumed"] == 1
    assert site_runs[0].stats["item_scraped_count"] == sum(
        len(c["pages"]) for c in clean["clinics"].values()
    )
    assert list(jobdir.iterdir()) == []  # a finished crawl clears its job state


# --- 3. The database lost mid-crawl -----------------------------------------------------------


def seed_good_run(db: str, world_sites: list[str]) -> int:
    """A finished crawl of every site, written directly (fast): one page and one signal each."""
    engine = open_db(db)
    factory = session_factory(engine)
    with factory.begin() as s:
        run = store.start_run(s, "clinic_site", {})
    for site in world_sites:
        ext = PageExtraction(
            url=site,
            facts=Facts(name=f"Clinic at {site}"),
            evidence=[Evidence("safety", "screening", "We screen every patient.", site)],
        )
        with factory.begin() as s:
            store.save_page(s, run, store.PageRecord(site, site, 200, "0" * 64, ext))
    finalize_run(engine, run, status="finished", stats={}, complete_site_crawl=True)
    engine.dispose()
    return run


class LosableDatabase:
    """A database that a test can take away mid-crawl and look into afterwards.

    SQLite: its folder is moved away (SQLite itself would go on writing to the moved file).
    PostgreSQL: a throwaway database stops accepting connections and its sessions are ended.
    """

    def __init__(self, backend: str, tmp_path: Path) -> None:
        self.backend = backend
        self.folder, self.moved = tmp_path / "db", tmp_path / "db-moved"
        self.name = f"t_gone_{uuid.uuid4().hex[:10]}"
        if backend == "sqlite":
            self.folder.mkdir()
            self.url = f"sqlite:///{self.folder / 'clinics.db'}"
            return
        self.admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        self._admin(f'create database "{self.name}"')
        self.url = make_url(PG_URL).set(database=self.name).render_as_string(hide_password=False)

    def _admin(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def lose(self) -> None:
        if self.backend == "sqlite":
            self.folder.rename(self.moved)
            return
        self._admin(f'alter database "{self.name}" allow_connections false')
        self._admin(
            f"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{self.name}'"
        )

    def inspect(self) -> str:
        """The URL to look into the lost database by, once the crawl is over."""
        if self.backend == "sqlite":
            assert not self.folder.exists()  # nothing made a new, empty database in its place
            return f"sqlite:///{self.moved / 'clinics.db'}"
        self._admin(f'alter database "{self.name}" allow_connections true')
        return self.url

    def drop(self) -> None:
        if self.backend == "postgres":
            self._admin(f'drop database if exists "{self.name}" with (force)')
            self.admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def losable_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LosableDatabase]:
    if request.param == "postgres":
        require_service(_pg_reachable(), f"PostgreSQL at {PG_URL}")
    db = LosableDatabase(request.param, tmp_path)
    try:
        yield db
    finally:
        db.drop()


def test_database_lost_mid_crawl_is_one_clear_error_and_promotes_nothing(losable_db, tmp_path):
    db = losable_db.url
    with SampleWeb(clinics=20, seed=4) as web:
        sites = web.world.clinic_sites
        good_run = seed_good_run(db, sites)
        before = content(db)
        # A complete re-crawl of every known site: had it finished, it would have rescored
        # clinics and marked the sites it did not reach stale.
        crawl = Clinics(tmp_path, "lost", *site_crawl(db), env=proxy_env(web))
        lost_run = wait_for_pages(db, crawl, at_least=10)
        losable_db.lose()
        started = time.monotonic()
        code = crawl.wait(timeout=120)
        stopped_in = time.monotonic() - started
        stderr = crawl.stderr
    assert code == 1, stderr[-3000:]
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert lines[-1].startswith("error: lost the database"), lines[-5:]
    # no exception traceback: the only frames are the failed-monitor report every failed crawl has
    frames = [ln for ln in lines if ln.lstrip().startswith('File "')]
    assert all("spidermon/contrib/scrapy/monitors" in f for f in frames), stderr[-3000:]
    assert stopped_in < 30  # it stops at once instead of crawling on without storing

    inspect_url = losable_db.inspect()
    engine = open_db(inspect_url)
    with session_factory(engine).begin() as s:
        run = s.get(CrawlRun, lost_run)
        assert run is not None and run.status != "finished"
        scores = select(Score.run_id, func.count()).group_by(Score.run_id)
        assert dict(s.execute(scores).all()) == {good_run: len(sites)}  # none from the lost run
        assert not any(s.scalars(select(Clinic.stale)))
    engine.dispose()
    assert_same_content(content(inspect_url), before)  # the last good crawl is what is shown


# --- 4. Stale: kept and flagged, only by complete, finished crawls ------------------------------


def test_site_that_vanishes_between_complete_crawls_is_kept_and_marked_stale(db_url, tmp_path):
    with SampleWeb(clinics=6, seed=6) as web:
        seed_good_run(db_url, web.world.clinic_sites)  # the earlier crawl of every site
        before = content(db_url)
        gone = web.world.clinics[0].domain
        knows_host = web.world.knows_host
        web.world.knows_host = lambda host: host.removeprefix("www.") != gone and knows_host(host)
        # every known site again, one of them gone
        run_clinics(tmp_path, "second", *site_crawl(db_url), env=proxy_env(web))

    after = content(db_url)
    assert set(after["clinics"]) == set(before["clinics"])  # kept, not deleted
    stale = {k for k, c in after["clinics"].items() if c["facts"]["stale"]}
    assert stale == {gone}
    # kept with its last good facts, evidence and scores
    assert {**after["clinics"][gone], "facts": None} == {**before["clinics"][gone], "facts": None}
    assert {**after["clinics"][gone]["facts"], "stale": False} == before["clinics"][gone]["facts"]
    second = runs(db_url)[2]
    assert second.status == "finished" and second.stats["clinics_marked_stale"] == 1

    # shown as stale in the export and in the dashboard's data
    engine = open_db(db_url)
    with session_factory(engine).begin() as s:
        export = tmp_path / "out.csv"
        write_csv(rank(ranking_frame(s)), export)
    with export.open(newline="") as fh:
        rows = {r["website"]: r for r in csv.DictReader(fh)}
    assert [r["stale"] for w, r in rows.items() if gone in w] == ["true"]
    assert {r["stale"] for w, r in rows.items() if gone not in w} == {"false"}
    with session_factory(engine).begin() as s:
        clinic_id = s.scalar(select(Clinic.id).where(Clinic.domain == gone))
        assert clinic_id is not None
        detail = clinic_detail(s, clinic_id)
        assert detail is not None and detail.stale and detail.signals
        fresh = crawl_health(s).freshness.set_index("clinic_id")
        assert bool(fresh.loc[clinic_id, "stale"])
    # rescoring from stored evidence keeps the flag: only a crawl that reaches the site clears it
    rescore(engine)
    with session_factory(engine).begin() as s:
        assert s.scalar(select(Clinic.stale).where(Clinic.id == clinic_id)) is True
    engine.dispose()


def test_failed_run_neither_promotes_nor_marks_stale(db_url):
    good = crawl_once(db_url)  # two clinics; Bright Path has pages, Serene Minds only listings
    engine = open_db(db_url)
    factory = session_factory(engine)
    with factory.begin() as s:
        view = ranking_frame(s)
        bright = s.scalar(select(Clinic.id).where(Clinic.domain == "brightpath.test"))
        assert bright is not None
        detail = clinic_detail(s, bright)
        run = store.start_run(s, "clinic_site")
    with factory.begin() as s:  # a partial crawl that saw the site say something else
        store.save_page(
            s, run,
            store.PageRecord(
                "http://www.brightpath.test/", "http://www.brightpath.test/", 200, "1" * 64,
                PageExtraction(url="http://www.brightpath.test/", facts=Facts(routes=["oral"])),
            ),
        )  # fmt: skip
    finalize_run(engine, run, status="failed", stats={}, complete_site_crawl=True, reason="x")
    with factory.begin() as s:
        pd.testing.assert_frame_equal(ranking_frame(s), view)
        assert clinic_detail(s, bright) == detail
        assert store.latest_page_run(s, bright) == good
        assert not any(s.scalars(select(Clinic.stale)))
        assert s.scalar(select(func.count()).select_from(Score).where(Score.run_id == run)) == 0
        assert s.get(CrawlRun, run).status == "failed"
    engine.dispose()


def test_clinics_first_seen_by_an_unfinished_run_are_not_ranked(db_url):
    crawl_once(db_url)
    engine = open_db(db_url)
    factory = session_factory(engine)
    with factory.begin() as s:
        run = store.start_run(s, "ketaminefinder")
        store.save_listing(
            s, run,
            store.ListingRecord(source="dira", url="http://dira.test/new", name="Brand New Clinic",
                                website="http://new.test/", zip="80202"),
        )  # fmt: skip
    with factory.begin() as s:
        assert "Brand New Clinic" not in set(ranking_frame(s)["name"])
    finalize_run(engine, run, status="finished", stats={})
    with factory.begin() as s:
        assert "Brand New Clinic" in set(ranking_frame(s)["name"])
    engine.dispose()


def test_runs_command_records_a_killed_run_as_failed(db_url):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process id that no longer exists
    engine = open_db(db_url)
    with session_factory(engine).begin() as s:
        run = store.start_run(s, "clinic_site")
        s.get(CrawlRun, run).pid = gone.pid
    engine.dispose()
    listed = CliRunner().invoke(app, ["runs", "--json", "--db", db_url])
    assert listed.exit_code == 0, listed.output
    by_id = {r["id"]: r for r in map(json.loads, listed.stdout.splitlines())}
    assert by_id[run]["status"] == "failed" and by_id[run]["reason"] == store.INTERRUPTED
    assert runs(db_url)[run].status == "failed"


def test_complete_run_that_reached_no_site_marks_nothing_stale(db_url):
    crawl_once(db_url)
    engine = open_db(db_url)
    with session_factory(engine).begin() as s:
        run = store.start_run(s, "clinic_site")  # e.g. our network was down: every fetch failed
    finalize_run(engine, run, status="finished", stats={}, complete_site_crawl=True)
    with session_factory(engine).begin() as s:
        assert not any(s.scalars(select(Clinic.stale)))
    engine.dispose()
