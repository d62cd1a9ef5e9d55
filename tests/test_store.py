"""Storage, entity resolution and run history, on SQLite and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import func, select

from directory import store
from directory.db import open_db, session_factory
from directory.models import Clinic, CrawlRun, EvidenceRow, Listing, Page, Score
from directory.service import finalize_run
from directory.types import Evidence, Facts, Flag, PageExtraction


def listing(source: str, **kw) -> store.ListingRecord:
    base = dict(
        url=f"http://{source}.test/clinic/1",
        name="Bright Path Ketamine Clinic",
        website="http://www.brightpath.test/",
        phone="+13038610142",
        street="1200 Main St Suite 100",
        city="Denver",
        state="CO",
        zip="80202",
    )
    return store.ListingRecord(source=source, **(base | kw))


def page(
    url: str, *signals: tuple[str, str], facts: Facts | None = None, flags=()
) -> store.PageRecord:
    ext = PageExtraction(
        url=url,
        facts=facts or Facts(),
        evidence=[Evidence(c, s, f"We say {s}.", url) for c, s in signals],
        red_flags=[Flag(f, "Guaranteed cure.", url) for f in flags],
    )
    return store.PageRecord(
        site="http://www.brightpath.test/",
        url=url,
        status=200,
        content_hash="0" * 64,
        extraction=ext,
    )


def crawl_once(url: str, extra: tuple[store.PageRecord, ...] = ()) -> int:
    """Two directories' listings and two pages of one clinic in one finished run (plus the
    `extra` pages)."""
    engine = open_db(url)
    factory = session_factory(engine)
    with factory.begin() as s:
        run = store.start_run(s, "test")
    with factory.begin() as s:
        store.save_listing(s, run, listing("dira"))
    with factory.begin() as s:  # the same clinic, formatted differently, on another directory
        store.save_listing(
            s,
            run,
            listing(
                "dirb",
                name="Bright Path Ketamine Clinic, LLC",
                website="brightpath.test",
                phone=None,
            ),
        )
    with factory.begin() as s:  # a different clinic in the same ZIP
        store.save_listing(
            s,
            run,
            listing(
                "dira",
                url="http://dira.test/clinic/2",
                name="Serene Minds",
                website="http://serene.test/",
                phone="+13038610199",
            ),
        )
    with factory.begin() as s:
        store.save_page(
            s, run,
            page("http://www.brightpath.test/", ("safety", "screening"), ("expertise", "physician_led"),
                 facts=Facts(name="Bright Path Ketamine Clinic", routes=["iv"], price_min_usd=450, price_max_usd=450)),
        )  # fmt: skip
    with factory.begin() as s:
        store.save_page(
            s,
            run,
            page(
                "http://www.brightpath.test/fees",
                ("cost", "session_price"),
                flags=["guarantee_claim"],
            ),
        )
    for record in extra:
        with factory.begin() as s:
            store.save_page(s, run, record)
    finalize_run(engine, run, status="finished", stats={"n": 1})
    engine.dispose()
    return run


def counts(url: str) -> dict[str, int]:
    engine = open_db(url)
    with session_factory(engine).begin() as s:
        result = {
            m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Clinic, Listing, Page, EvidenceRow, Score, CrawlRun)
        }
    engine.dispose()
    return result


def test_cross_listings_merge_into_one_clinic(db_url):
    crawl_once(db_url)
    engine = open_db(db_url)
    with session_factory(engine).begin() as s:
        clinics = {c.name: c for c in s.scalars(select(Clinic))}
        assert set(clinics) == {"Bright Path Ketamine Clinic", "Serene Minds"}
        bp = clinics["Bright Path Ketamine Clinic"]
        assert bp.domain == "brightpath.test" and bp.phone == "+13038610142"
        assert bp.routes == ["iv"] and bp.price_min_usd == 450
        assert bp.red_flags == ["guarantee_claim"]
        assert bp.lat is not None and bp.last_crawled is not None
        sc = s.scalar(select(Score).where(Score.clinic_id == bp.id))
        assert sc is not None
        assert (sc.expertise, sc.cost, sc.safety) == (30, 40, 0)  # 25 screening - 25 red flag
        assert sc.coverage == 0.5
        assert {b["signal"] for b in sc.breakdown} >= {
            "screening",
            "physician_led",
            "session_price",
        }
        assert all(b["url"].startswith("http://www.brightpath.test/") for b in sc.breakdown)
    engine.dispose()


def test_crawling_twice_is_idempotent_and_keeps_history(db_url):
    first = crawl_once(db_url)
    after_one = counts(db_url)
    second = crawl_once(db_url)
    after_two = counts(db_url)
    assert second != first
    assert after_two["clinics"] == after_one["clinics"] == 2
    assert after_two["listings"] == after_one["listings"] == 3
    # history: pages, evidence and scores of both runs are kept
    assert after_two["pages"] == 2 * after_one["pages"]
    assert after_two["evidence"] == 2 * after_one["evidence"]
    assert after_two["scores"] == 2 * after_one["scores"]
    assert after_two["crawl_runs"] == 2


def test_saving_the_same_page_twice_in_a_run_does_not_duplicate(db_url):
    engine = open_db(db_url)
    factory = session_factory(engine)
    with factory.begin() as s:
        run = store.start_run(s, "test")
    for _ in range(2):
        with factory.begin() as s:
            store.save_page(s, run, page("http://www.brightpath.test/", ("safety", "screening")))
    with factory.begin() as s:
        assert s.scalar(select(func.count()).select_from(Page)) == 1
        assert s.scalar(select(func.count()).select_from(EvidenceRow)) == 1
        assert s.scalar(select(func.count()).select_from(Clinic)) == 1
    engine.dispose()


def test_dead_running_runs_are_reaped(db_url):
    engine = open_db(db_url)
    factory = session_factory(engine)
    with factory.begin() as s:
        run = store.start_run(s, "killed")
        s.get(CrawlRun, run).pid = 2**22 + 7  # no such process
    with factory.begin() as s:
        assert store.reap_dead_runs(s) == [run]
        assert s.get(CrawlRun, run).status == "failed"
    engine.dispose()


def test_same_phone_different_website_stays_separate(db_url):
    engine = open_db(db_url)
    factory = session_factory(engine)
    with factory.begin() as s:
        run = store.start_run(s, "test")
        a = store.save_listing(s, run, listing("dira"))
        b = store.save_listing(
            s,
            run,
            listing(
                "dira",
                url="http://dira.test/x",
                name="Other Place",
                website="http://other.test/",
                zip="10001",
            ),
        )
    assert a != b
    engine.dispose()
