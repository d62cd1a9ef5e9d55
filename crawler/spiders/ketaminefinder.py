from crawler.directory_spider import DirectorySpider
from crawler.pages.ketaminefinder import FinderDetailPage, FinderListingPage


class KetaminefinderSpider(DirectorySpider):
    name = "ketaminefinder"
    source = "ketaminefinder"
    allowed_domains = ["ketaminefinder.test"]
    start_urls = ["http://ketaminefinder.test/"]
    listing_page = FinderListingPage
    detail_page = FinderDetailPage
