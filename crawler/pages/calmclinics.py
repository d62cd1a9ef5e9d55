"""Calm Clinics: cards with "Next »" pagination; JSON-LD plus irregular body markup on details.

The detail body varies (bold-label paragraphs, a list, or a table) and is read with
BeautifulSoup, which copes with that irregularity; JSON-LD, when present, is preferred.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bs4 import BeautifulSoup

from crawler.directory_spider import DetailPage, ListingPage
from crawler.items import ListingItem

_LABELS = {
    "address": re.compile(r"^(address|location)\b", re.I),
    "phone": re.compile(r"^(phone|tel|call)\b", re.I),
    "website": re.compile(r"^(website|web|online|site)\b", re.I),
}


class CalmListingPage(ListingPage):
    def detail_urls(self) -> list[str]:
        hrefs = self.response.css("div.card h3.card-title a::attr(href)").getall()
        return [self.response.urljoin(h) for h in hrefs]

    def next_url(self) -> str | None:
        href = self.response.css("div.pagination a.next::attr(href)").get()
        return self.response.urljoin(href) if href else None


class CalmDetailPage(DetailPage):
    def __init__(self, response: Any) -> None:
        super().__init__(response)
        self.soup = BeautifulSoup(response.text, "lxml")

    def jsonld(self) -> dict[str, Any]:
        for tag in self.soup.find_all("script", type="application/ld+json"):
            try:
                data = json.loads(tag.string or "")
            except ValueError:
                continue
            if isinstance(data, dict) and "name" in data:
                return data
        return {}

    def labelled(self) -> dict[str, Any]:
        """Label -> value element from the body, whatever its markup (p/strong, li/b, th/td)."""
        found: dict[str, Any] = {}
        content = self.soup.select_one("div.entry-content")
        if content is None:
            return found
        for label_tag in content.find_all(["strong", "b", "th"]):
            label = label_tag.get_text(" ", strip=True)
            for key, pattern in _LABELS.items():
                if key not in found and pattern.search(label):
                    value = (
                        label_tag.find_next_sibling("td")
                        if label_tag.name == "th"
                        else label_tag.parent
                    )
                    found[key] = (value, label_tag)
        return found

    def to_item(self, source: str) -> ListingItem:
        data = self.jsonld()
        body = self.labelled()
        address = data.get("address") if isinstance(data.get("address"), dict) else {}
        phone = data.get("telephone") or _value_text(body.get("phone"))
        website = data.get("url")
        if not website and "website" in body:
            link = body["website"][0].find("a", href=True)
            website = link["href"] if link else None
        name = data.get("name") or (self.soup.h1.get_text(" ", strip=True) if self.soup.h1 else "")
        item = ListingItem(
            source=source, url=self.url, name=str(name), website=website, phone=phone
        )
        if address:
            item.street = address.get("streetAddress")
            item.city = address.get("addressLocality")
            item.state = address.get("addressRegion")
            item.zip = str(address.get("postalCode") or "") or None
        else:
            item.address = _value_text(body.get("address"))
        return item


def _value_text(found: tuple[Any, Any] | None) -> str | None:
    """The text of a labelled value without its label."""
    if not found:
        return None
    value, label_tag = found
    text = value.get_text(", ", strip=True) if value is not None else ""
    label = label_tag.get_text(" ", strip=True)
    return re.sub(r"\s*,\s*,", ",", text.removeprefix(label).strip(" :,")) or None
