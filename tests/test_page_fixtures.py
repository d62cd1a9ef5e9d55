"""Saved-page tests for every page class (the web-poet pattern).

Each case is `tests/fixtures/pages/<source>/<case>/` with `page.html`, `meta.json` (the URL, the
page kind and *why the case exists*) and `expected.json`. The page class runs on an
HtmlResponse built from the files and its output is compared field by field. After an
intended change, `pytest tests/test_page_fixtures.py --update-fixtures` rewrites expected.json;
review the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from crawler.pages.registry import page_output

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pages"
CASES = sorted(p.parent for p in FIXTURES.glob("*/*/page.html"))


def test_there_are_fixtures_for_every_page_class():
    from crawler.pages.registry import PAGE_KINDS

    kinds = {json.loads((c / "meta.json").read_text())["kind"] for c in CASES}
    assert kinds >= set(PAGE_KINDS), (
        f"page kinds without a saved-page case: {set(PAGE_KINDS) - kinds}"
    )


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_saved_page(case: Path, request: pytest.FixtureRequest) -> None:
    meta = json.loads((case / "meta.json").read_text())
    assert meta.get("why"), f"{case}/meta.json must say why the case exists"
    response = HtmlResponse(
        url=meta["url"], body=(case / "page.html").read_bytes(), encoding=meta.get("encoding")
    )
    got: dict[str, Any] = json.loads(json.dumps(page_output(meta["kind"], response), default=str))
    expected_path = case / "expected.json"
    if request.config.getoption("--update-fixtures"):
        expected_path.write_text(
            json.dumps(got, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        )
    assert expected_path.exists(), (
        f"{case.name}: no expected.json; write it with --update-fixtures and review it"
    )
    expected = json.loads(expected_path.read_text())
    for field in sorted(set(expected) | set(got)):
        assert got.get(field) == expected.get(field), f"{case.name}: field {field!r} differs"
