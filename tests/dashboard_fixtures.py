"""The dashboard tests' one seeded database: the 30-clinic sample web (seed 7), crawled once
per test session and shared by tests/test_dashboard.py and tests/test_browser.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "streamlit_app.py"
CLINICS = 30
SEED = 7
HOSTILE_NAMES = ("<script>alert(1)</script>", "[Click me](javascript:alert(1))")


def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of the seeded database, crawling the sample web the first time it is asked for."""
    folder = tmp_path_factory.getbasetemp() / "dashboard-db"
    folder.mkdir(exist_ok=True)
    url = f"sqlite:///{folder / 'clinics.db'}"
    done = folder / "built"
    if not done.exists():
        crawl_sample_into(url)
        done.touch()
    return url


def crawl_sample_into(url: str) -> None:
    """Crawl the seeded sample web into the database at `url`."""
    proc = subprocess.run(
        [
            sys.executable, "-m", "directory", "crawl", "--sample",
            "--clinics", str(CLINICS), "--seed", str(SEED), "--db", url,
            "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "DOWNLOAD_DELAY=0",
            "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "--set", "LOG_LEVEL=WARNING",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
