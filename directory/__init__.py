"""clinic-directory's domain: models, normalization, extraction, resolution, scoring, export.

This package never imports Scrapy or Streamlit, so it can be used and tested alone.
"""

__version__ = "0.1.0"
