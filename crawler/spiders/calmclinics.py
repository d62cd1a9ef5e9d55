from crawler.directory_spider import DirectorySpider
from crawler.pages.calmclinics import CalmDetailPage, CalmListingPage


class CalmclinicsSpider(DirectorySpider):
    name = "calmclinics"
    source = "calmclinics"
    allowed_domains = ["calmclinics.test"]
    start_urls = ["http://calmclinics.test/clinics/"]
    listing_page = CalmListingPage
    detail_page = CalmDetailPage
