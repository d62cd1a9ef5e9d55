"""The dashboard in a real headless browser (Debian's chromium, driven by Playwright) on the
seeded database: the Find page, its download, hostile names as inert text, a Clinic page.
It also refreshes the README's screenshots in docs/screenshots/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect, sync_playwright

from directory.db import open_db, session_factory
from directory.export import export_frame, rank
from directory.queries import clinic_detail, ranking_frame
from tests.dashboard_fixtures import APP, HOSTILE_NAMES, ROOT, seeded_database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOTS = ROOT / "docs" / "screenshots"
LAPTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 1500}  # a phone, scrolled to the first results


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install it with `make browser` (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return seeded_database(tmp_path_factory)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(seeded_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run` on the seeded database, on a free port, until the module ends."""
    port = _free_port()
    log = (tmp_path_factory.mktemp("streamlit") / "server.log").open("w+")
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port),
            "--browser.gatherUsageStats", "false",
        ],
        cwd=ROOT,
        env={**os.environ, "CLINICS_DB": seeded_db},
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"streamlit did not start:\n{log.read()[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _settle(page: Page) -> None:
    """Wait until Streamlit has finished running the script and drawing."""
    page.wait_for_timeout(400)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000
    )
    page.wait_for_timeout(800)


def test_find_and_clinic_pages_in_a_real_browser(
    chromium: Path, server: str, seeded_db: str
) -> None:
    engine = open_db(seeded_db, migrate=False)
    with session_factory(engine).begin() as session:
        frame = ranking_frame(session)
        ranking = rank(frame)
        top = ranking.iloc[0]
        detail = clinic_detail(session, int(top["clinic_id"]))
    engine.dispose()
    assert detail is not None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        # Find: the best-ranked clinic first.
        page.goto(server)
        expect(page.get_by_text(f"1. {top['name']}")).to_be_visible(timeout=30_000)
        expect(page.get_by_text(f"2. {ranking.iloc[1]['name']}")).to_be_visible()
        _settle(page)
        page.screenshot(path=SCREENSHOTS / "find.png")
        page.set_viewport_size(PHONE)
        _settle(page)
        page.screenshot(path=SCREENSHOTS / "find-phone.png")
        page.set_viewport_size(LAPTOP)

        # The download is the ranking shown, byte for byte.
        with page.expect_download() as download:
            page.get_by_role("button", name="Download this ranking (CSV)").click()
        body = Path(download.value.path()).read_bytes()
        assert body == export_frame(ranking).to_csv(index=False, lineterminator="\n").encode()

        # Hostile names are text: visible, never run, never links.
        page.get_by_text("More filters").click()
        search = page.get_by_role("textbox", name="Clinic name contains")
        search.fill("alert")
        search.press("Enter")
        for name in HOSTILE_NAMES:
            expect(page.get_by_text(name, exact=False).first).to_be_visible(timeout=15_000)
        _settle(page)
        assert page.locator("script", has_text="alert(1)").count() == 0
        hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        assert not [h for h in hrefs if not h.startswith(("http://", "https://"))], hrefs

        # Clinic: the score breakdown and the quotes behind it.
        page.goto(f"{server}/clinic?clinic={int(top['clinic_id'])}")
        expect(page.get_by_text("Where the score comes from")).to_be_visible(timeout=30_000)
        page.get_by_text("Safety ·").first.click()
        quote = next(line.quote for line in detail.signals if line.criterion == "safety")
        expect(page.get_by_text(" ".join(quote.split()), exact=False).first).to_be_visible()
        _settle(page)
        page.set_viewport_size({"width": 1280, "height": 1500})
        _settle(page)
        page.screenshot(path=SCREENSHOTS / "clinic.png")

        browser.close()
    assert dialogs == [], f"a dialog opened: {dialogs}"
    assert all((SCREENSHOTS / f).stat().st_size > 10_000 for f in ("find.png", "clinic.png"))
    assert isinstance(frame, pd.DataFrame)
