"""The base page object."""

from __future__ import annotations

from scrapy.http import Response, TextResponse


class WebPage:
    """One response, read-only. Subclasses add a method per field and `to_item()`.

    Hooks: `to_item()` (required) and whatever field methods it assembles.
    """

    def __init__(self, response: Response) -> None:
        self.response = response

    @property
    def url(self) -> str:
        return self.response.url

    @property
    def is_text(self) -> bool:
        return isinstance(self.response, TextResponse)
