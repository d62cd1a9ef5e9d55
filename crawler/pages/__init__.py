"""Page objects: each wraps one response and exposes one small method per output field.

`to_item()` assembles the fields. Page classes never fetch anything; they are tested with
saved pages under tests/fixtures/pages/.
"""

from crawler.pages.base import WebPage

__all__ = ["WebPage"]
