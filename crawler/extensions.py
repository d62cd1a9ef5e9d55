"""Progress on the terminal while a crawl runs (rich), for people watching it."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class RichProgress:
    """A live line: pages fetched, items stored, errors. Enabled by CLINICS_PROGRESS."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.console = Console(stderr=True)
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
        )
        self.task: Any = None
        self.pages = self.items = self.errors = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RichProgress:
        if not crawler.settings.getbool("CLINICS_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.response, signal=signals.response_received)
        crawler.signals.connect(ext.item, signal=signals.item_scraped)
        crawler.signals.connect(ext.error, signal=signals.spider_error)
        return ext

    def _describe(self) -> str:
        name = self.crawler.spider.name if self.crawler.spider else "crawl"
        return (
            f"{name}: {self.pages} pages fetched, {self.items} items stored, {self.errors} errors"
        )

    def opened(self, spider: Any) -> None:
        self.progress.start()
        self.task = self.progress.add_task(self._describe(), total=None)

    def response(self, **_: Any) -> None:
        self.pages += 1
        self.progress.update(self.task, description=self._describe())

    def item(self, **_: Any) -> None:
        self.items += 1
        self.progress.update(self.task, description=self._describe())

    def error(self, **_: Any) -> None:
        self.errors += 1
        self.progress.update(self.task, description=self._describe())

    def closed(self, spider: Any, reason: str) -> None:
        self.progress.update(self.task, description=f"{self._describe()} ({reason})")
        self.progress.stop()
