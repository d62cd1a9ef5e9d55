"""Untrusted text: everything scraped from the web (names, quotes, addresses, URLs) is data.

The dashboard shows scraped text only through elements that never parse it (st.text,
st.dataframe, st.table, widget options), never inside Markdown, and makes a link clickable
only when `safe_url` says it is http(s). The link columns also carry `LINK_PATTERN`, so the
browser refuses anything else even if a value slipped through.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Given to st.column_config.LinkColumn(validate=...): the browser side of the same rule.
LINK_PATTERN = r"^https?://"
MAX_URL = 2048
_WS = re.compile(r"\s+")
# Bidirectional overrides and isolates can make text display as something it is not.
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, else None (javascript:, data:...)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > MAX_URL or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def plain(value: object, limit: int = 500) -> str:
    """Scraped text made fit for st.text: printable, one line, no direction tricks, cut."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from pandas
        return ""
    text = "".join(
        ch
        for ch in str(value)
        if ch not in _BIDI and (ch.isspace() or unicodedata.category(ch)[0] != "C")
    )
    text = _WS.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…" if limit > 0 else ""


def page_label(url: str | None) -> str:
    """A short plain label for a page: host without `www.`, then the path (`x.com/fees/`)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": no host to name
        return plain(url, 120)
    host = (parts.hostname or "").removeprefix("www.")
    return plain(host + (parts.path if parts.path not in ("", "/") else ""), 120)


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def md_escape(text: str) -> str:
    """Our own operational text (a database URL, a file path) made literal inside Markdown:
    every ASCII punctuation character is backslash-escaped, as CommonMark allows, and line
    breaks become spaces. Scraped text is never put in Markdown, even escaped."""
    return _MD_SPECIAL.sub(r"\\\1", _WS.sub(" ", text).strip())
