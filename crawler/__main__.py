"""`python -m crawler`: run one crawl phase in this process (called by `clinics crawl`).

Directory spiders run first; the process then re-executes itself as the `clinic_site` phase,
seeded with every clinic website now in the database (a fresh reactor per phase).

With `--jobdir DIR` each spider keeps its Scrapy job state in `DIR/<spider>`: a crawl stopped
with Ctrl-C resumes where it stopped when started again with the same DIR (a phase that had
finished is not run again), and a crawl that finishes clears that state.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from crawler.directory_spider import DirectorySpider
from directory import store
from directory.db import DatabaseError, open_db, session_factory
from directory.extract.model import ModelError, default_model


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m crawler", description=__doc__)
    ap.add_argument("--db", required=True)
    ap.add_argument("--url", action="append", default=[])
    ap.add_argument("--seeds")
    ap.add_argument("--spider")
    ap.add_argument("--allow-private", action="store_true")
    ap.add_argument("--proxy", help="send every request through this HTTP proxy (the sample web)")
    ap.add_argument(
        "--sample-directories", action="store_true", help="--url are directory start URLs"
    )
    ap.add_argument("--max-pages-per-site", type=int, default=25)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument(
        "--no-follow-sites", action="store_true", help="do not crawl clinic sites after directories"
    )
    ap.add_argument("--jobdir", help="keep resumable job state in DIR/<spider> (Scrapy JOBDIR)")
    return ap.parse_args(argv)


def build_settings(args: argparse.Namespace) -> Any:
    settings = get_project_settings()
    settings.set("CLINICS_DB", args.db, priority="cmdline")
    settings.set("CLINICS_ALLOW_PRIVATE", args.allow_private, priority="cmdline")
    settings.set("CLINICS_MAX_PAGES_PER_SITE", args.max_pages_per_site, priority="cmdline")
    interactive = sys.stderr.isatty()
    settings.set("CLINICS_PROGRESS", interactive, priority="cmdline")
    if interactive:
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
        settings.set(
            "EXTENSIONS", {**settings.getdict("EXTENSIONS"), "crawler.extensions.RichProgress": 600}
        )
    for pair in args.set:
        name, _, value = pair.partition("=")
        settings.set(name.strip(), value, priority="cmdline")
    return settings


def directory_spiders(settings: Any) -> dict[str, type[DirectorySpider]]:
    loader = SpiderLoader.from_settings(settings)
    found = {name: loader.load(name) for name in loader.list()}
    return {n: cls for n, cls in found.items() if issubclass(cls, DirectorySpider)}


def _stat(crawler: Crawler, key: str) -> Any:
    try:
        stats = crawler.stats
    except RuntimeError:  # the crawl never started
        return None
    return stats.get_value(key) if stats is not None else None


def _succeeded(crawler: Crawler) -> bool:
    """Finished, and the close-of-crawl health checks passed (e.g. at least one item)."""
    return _stat(crawler, "finish_reason") == "finished" and _stat(
        crawler, "clinics/monitors_passed"
    ) in (True, None)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.proxy:
        os.environ["http_proxy"] = os.environ["https_proxy"] = args.proxy
        os.environ.pop("no_proxy", None)
        os.environ.pop("NO_PROXY", None)
    try:
        engine = open_db(args.db)
        default_model()  # a broken installation fails here, not on the first page
    except (DatabaseError, ModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    settings = build_settings(args)
    dir_spiders = directory_spiders(settings)
    planned: list[tuple[type[Any], dict[str, Any]]] = []
    directories_phase = args.sample_directories or (args.spider in dir_spiders)
    follow_sites = directories_phase and not args.no_follow_sites
    if args.sample_directories:
        by_host = {d: cls for cls in dir_spiders.values() for d in cls.allowed_domains}
        for url in args.url:
            host = (urlsplit(url).hostname or "").removeprefix("www.")
            if host not in by_host:
                print(f"error: no directory spider knows {url}", file=sys.stderr)
                return 2
            planned.append((by_host[host], {"start_url": url}))
    elif args.spider in dir_spiders:
        planned.append((dir_spiders[args.spider], {}))
    elif args.spider not in (None, "clinic_site"):
        known = ", ".join(sorted(["clinic_site", *dir_spiders]))
        print(f"error: unknown spider {args.spider!r}; known spiders: {known}", file=sys.stderr)
        return 2
    else:
        from crawler.spiders.clinic_site import ClinicSiteSpider

        from_db = not args.url and not args.seeds
        urls = list(args.url)
        if from_db:
            with session_factory(engine).begin() as session:
                urls = store.site_seeds(session)
            if not urls:
                print(
                    "error: no clinic websites in the database yet: give --url or --seeds",
                    file=sys.stderr,
                )
                return 2
        planned.append(
            (ClinicSiteSpider, {"urls": urls, "seeds": args.seeds, "from_database": from_db})
        )
    engine.dispose()
    if (
        args.jobdir
        and follow_sites
        and all(phase_finished(args.jobdir, cls.name) for cls, _ in planned)
    ):
        print("resuming: the directory phase had finished; crawling clinic sites", file=sys.stderr)
        exec_clinic_site_phase(args)
    process = AsyncCrawlerProcess(settings)
    crawlers: list[Crawler] = []
    for spider_cls, kwargs in planned:
        crawler = process.create_crawler(spider_cls)
        if args.jobdir:
            crawler.settings.set("JOBDIR", str(phase_dir(args.jobdir, spider_cls.name)), "cmdline")
        crawlers.append(crawler)
        process.crawl(crawler, **kwargs)
    process.start()
    failed = [c for c in crawlers if not _succeeded(c)]
    lost = [m for c in crawlers if (m := _stat(c, "clinics/database_error"))]
    if lost:
        print(f"error: {lost[0]}", file=sys.stderr)
        return 1
    if args.jobdir:
        if failed:
            if any(_stat(c, "finish_reason") == "shutdown" for c in crawlers):
                print(
                    f"stopped: run the same command again to resume from {args.jobdir}",
                    file=sys.stderr,
                )
        elif follow_sites:
            for c in crawlers:
                (Path(c.settings["JOBDIR"]) / PHASE_FINISHED).touch()
        else:
            clear_job_state(args.jobdir)
    if follow_sites and not failed:
        exec_clinic_site_phase(args)
    return 1 if failed else 0


PHASE_FINISHED = "phase-finished"


def phase_dir(jobdir: str, spider: str) -> Path:
    return Path(jobdir) / spider


def phase_finished(jobdir: str, spider: str) -> bool:
    return (phase_dir(jobdir, spider) / PHASE_FINISHED).is_file()


def clear_job_state(jobdir: str) -> None:
    """The crawl finished: forget its job state, so the same DIR starts the next crawl afresh."""
    from crawler.pipelines import RUN_FILE

    root = Path(jobdir)
    for sub in root.iterdir() if root.is_dir() else []:
        if (sub / RUN_FILE).is_file():  # only the phase directories our crawls made
            shutil.rmtree(sub, ignore_errors=True)


def exec_clinic_site_phase(args: argparse.Namespace) -> None:
    """Hand the clinic websites the directories named to clinic_site, in a fresh process."""
    argv = [sys.executable, "-m", "crawler", "--db", args.db, "--spider", "clinic_site"]
    argv += ["--max-pages-per-site", str(args.max_pages_per_site)]
    argv += ["--allow-private"] if args.allow_private else []
    argv += ["--proxy", args.proxy] if args.proxy else []
    argv += ["--jobdir", args.jobdir] if args.jobdir else []
    for pair in args.set:
        argv += ["--set", pair]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, argv)


if __name__ == "__main__":
    sys.exit(main())
