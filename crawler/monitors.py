"""Close-of-crawl health checks (spidermon) and the action that stores their report."""

from __future__ import annotations

from typing import Any

from spidermon import MonitorSuite
from spidermon.contrib.scrapy.monitors import (
    ErrorCountMonitor,
    FieldCoverageMonitor,
    FinishReasonMonitor,
    ItemCountMonitor,
)
from spidermon.core.actions import Action

from directory.db import open_db, session_factory
from directory.models import CrawlRun


class StoreReport(Action):
    """Save each monitor's verdict in the crawl run's stats, for the Crawl health page."""

    def run_action(self) -> None:
        crawler = self.data.crawler
        crawler.stats.set_value("clinics/monitors_passed", bool(self.result.all_monitors_passed))
        run_id = getattr(self.data.spider, "run_id", None)
        url = crawler.settings.get("CLINICS_DB")
        if run_id is None or not url:
            return
        report: list[dict[str, Any]] = [
            {
                "monitor": getattr(r.monitor, "monitor_description", None) or r.monitor.name,
                "status": r.status,
                "reason": (str(r.reason)[:300] if r.reason else None),
            }
            for r in self.result.monitor_results
        ]
        engine = open_db(url, migrate=False)
        try:
            with session_factory(engine).begin() as session:
                run = session.get(CrawlRun, run_id)
                if run is not None:
                    run.stats = {
                        **(run.stats or {}),
                        "monitors": report,
                        "monitors_passed": self.result.all_monitors_passed,
                    }
        finally:
            engine.dispose()


class CrawlHealthSuite(MonitorSuite):
    """Item count, error count, finish reason and field coverage of every crawl."""

    monitors = [ItemCountMonitor, ErrorCountMonitor, FinishReasonMonitor, FieldCoverageMonitor]
    monitors_finished_actions = [StoreReport]
