"""Spiders: they only navigate. Extraction lives in crawler.pages, storage in the pipelines."""
