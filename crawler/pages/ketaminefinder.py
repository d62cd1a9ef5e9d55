"""KetamineFinder: a results table with `?page=N` pagination; microdata on detail pages."""

from __future__ import annotations

from crawler.directory_spider import DetailPage, ListingPage
from crawler.items import ListingItem


class FinderListingPage(ListingPage):
    def detail_urls(self) -> list[str]:
        hrefs = self.response.css("table.results tr.result td.result-name a::attr(href)").getall()
        return [self.response.urljoin(h) for h in hrefs]

    def next_url(self) -> str | None:
        href = self.response.css("nav.pager a[rel=next]::attr(href)").get()
        return self.response.urljoin(href) if href else None


class FinderDetailPage(DetailPage):
    """Fields come from schema.org microdata (`itemprop`), read with CSS selectors."""

    def _prop(self, name: str) -> str | None:
        text = " ".join(self.response.css(f"[itemscope] [itemprop={name}] ::text").getall()).strip()
        return text or None

    def name(self) -> str:
        return self._prop("name") or ""

    def phone(self) -> str | None:
        return self._prop("telephone")

    def website(self) -> str | None:
        href = self.response.css("[itemscope] a[itemprop=url]::attr(href)").get()
        return href.strip() if href else None

    def to_item(self, source: str) -> ListingItem:
        return ListingItem(
            source=source,
            url=self.url,
            name=self.name(),
            website=self.website(),
            phone=self.phone(),
            street=self._prop("streetAddress"),
            city=self._prop("addressLocality"),
            state=self._prop("addressRegion"),
            zip=self._prop("postalCode"),
        )
