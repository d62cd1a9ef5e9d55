"""Every quote is the clinic's own words: visible text, or the structured-data fragment itself."""

import pytest

from directory.extract import extract_page

JSONLD = (
    b'<html><head><script type="application/ld+json">{"@context":"https://schema.org",'
    b'"@type":"MedicalClinic","name":"X","aggregateRating":{"@type":"AggregateRating",'
    b'"ratingValue":"4.8","reviewCount":"132"}}</script></head><body><p>Hello.</p></body></html>'
)
MICRODATA = (
    b'<html><body><div itemscope itemtype="https://schema.org/MedicalClinic"><span itemprop="name">Y'
    b'</span><div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">'
    b'<span itemprop="ratingValue">4.6</span> stars from <span itemprop="reviewCount">80</span> '
    b"reviews</div></div></body></html>"
)


@pytest.mark.parametrize(("body", "rating", "count"), [(JSONLD, 4.8, 132), (MICRODATA, 4.6, 80)])
def test_structured_rating_quotes_the_page(body, rating, count):
    page = extract_page("http://x.test/", body)
    (ev,) = [e for e in page.evidence if e.signal == "aggregate_rating"]
    assert ev.quote in body.decode() or ev.quote == "4.6 stars from 80 reviews"
    assert "structured data" not in ev.quote
    assert (page.facts.rating, page.facts.review_count) == (rating, count)
