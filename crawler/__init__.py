"""The Scrapy project: spiders navigate, page classes extract, pipelines hand items to `directory`."""
