"""Scrapy settings: polite, bounded and honest by default."""

from directory import __version__
from directory.db import default_url

BOT_NAME = "clinic-directory"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Honest and polite: a user agent that names us and a contact URL, robots.txt obeyed,
# AutoThrottle on, few parallel requests per site.
USER_AGENT = f"clinic-directory/{__version__} (+https://github.com/clinic-directory/clinic-directory; crawler for a public clinic comparison)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.5
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.25
COOKIES_ENABLED = False

# Bounded: no page, crawl or error storm can run away.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
DEPTH_LIMIT = 6
CLOSESPIDER_TIMEOUT = 6 * 3600
CLOSESPIDER_ERRORCOUNT = 500
MEMUSAGE_ENABLED = True
MEMUSAGE_LIMIT_MB = 2048
TELNETCONSOLE_ENABLED = False
DOWNLOAD_HANDLERS = {"file": None, "data": None, "s3": None, "ftp": None}

# Built-ins swapped for subclasses that follow RFC 9309 on robots.txt failures and record a
# reason in the stats for every request they drop (crawler/middlewares.py).
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.PrivateAddressGuard": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.StrictRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.BoundedDecompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.SafeRedirectMiddleware": 600,
}
SPIDER_MIDDLEWARES: dict[str, int] = {}

ITEM_PIPELINES = {
    "crawler.pipelines.NormalizeListingPipeline": 100,
    "crawler.pipelines.ValidationPipeline": 800,
    "crawler.pipelines.StorePipeline": 900,
}

# Close-of-crawl health checks (spidermon); their report is stored with the crawl run.
SPIDERMON_ENABLED = True
EXTENSIONS = {"spidermon.contrib.scrapy.extensions.Spidermon": 500}
SPIDERMON_SPIDER_CLOSE_MONITORS = ("crawler.monitors.CrawlHealthSuite",)
SPIDERMON_MIN_ITEMS = 1
SPIDERMON_MAX_ERRORS = 50
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]

# Our own knobs (documented in README, "Operator").
CLINICS_DB = default_url()  # $CLINICS_DB, else sqlite:///var/clinics.db (as `clinics --db`)
CLINICS_ALLOW_PRIVATE = False  # refuse loopback/private addresses unless True
CLINICS_MAX_PAGES_PER_SITE = 25
CLINICS_MAX_DEPTH_PER_SITE = 3

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
