"""Every page class by kind, and what each yields for a response (used by the fixture tests)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from scrapy.http import Response

from crawler.pages.calmclinics import CalmDetailPage, CalmListingPage
from crawler.pages.clinic import ClinicPage
from crawler.pages.ketaminefinder import FinderDetailPage, FinderListingPage
from directory.extract import extraction_json


def _clinic(response: Response) -> dict[str, Any]:
    page = ClinicPage(response)
    return {"extraction": extraction_json(page.extraction()), "links": sorted(page.links())}


def _listing(page_class: type[Any]) -> Callable[[Response], dict[str, Any]]:
    def output(response: Response) -> dict[str, Any]:
        page = page_class(response)
        return {"detail_urls": page.detail_urls(), "next_url": page.next_url()}

    return output


def _detail(page_class: type[Any], source: str) -> Callable[[Response], dict[str, Any]]:
    def output(response: Response) -> dict[str, Any]:
        return asdict(page_class(response).to_item(source))

    return output


PAGE_KINDS: dict[str, Callable[[Response], dict[str, Any]]] = {
    "clinic": _clinic,
    "ketaminefinder_listing": _listing(FinderListingPage),
    "ketaminefinder_detail": _detail(FinderDetailPage, "ketaminefinder"),
    "calmclinics_listing": _listing(CalmListingPage),
    "calmclinics_detail": _detail(CalmDetailPage, "calmclinics"),
}


def page_output(kind: str, response: Response) -> dict[str, Any]:
    return PAGE_KINDS[kind](response)
