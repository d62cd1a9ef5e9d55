import pytest

from directory.normalize import (
    clean_text,
    domain_key,
    name_key,
    normalize_phone,
    normalize_street,
    normalize_url,
    parse_address,
    zip_latlon,
    zip_place,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("(303) 861-0142", "+13038610142"),
        ("303.861.0142", "+13038610142"),
        ("+1 303-861-0142", "+13038610142"),
        ("1-303-861-0142", "+13038610142"),
        ("303 861 0142 ext. 4", "+13038610142"),
        ("call us", None),
        ("123", None),
        ("", None),
        (None, None),
        ("+1 555 0100", None),
    ],
)
def test_phone_to_e164(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://WWW.Example.test/Fees#top", "http://www.example.test/Fees"),
        ("https://example.test", "https://example.test/"),
        ("example.test/about", "http://example.test/about"),
        ("//cdn.example.test/x", "http://cdn.example.test/x"),
        ("http://a.test/?utm_source=dir&utm_medium=listing", "http://a.test/"),
        ("http://a.test/p?id=3&utm_source=x", "http://a.test/p?id=3"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("mailto:a@b.test", None),
        ("ftp://example.test/", None),
        ("http://", None),
        ("http://[::1", None),
        (None, None),
    ],
)
def test_normalize_url(raw, expected):
    assert normalize_url(raw) == expected


def test_relative_url_joins_base():
    assert normalize_url("../fees", base="http://a.test/x/y") == "http://a.test/fees"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://www.brightpath.test/", "brightpath.test"),
        ("http://brightpath.test:8080/a", "brightpath.test"),
        ("HTTPS://BrightPath.Test", "brightpath.test"),
        ("javascript:void(0)", None),
    ],
)
def test_domain_key(url, key):
    assert domain_key(url) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bright Path Ketamine Clinic, LLC", "Bright Path Ketamine Clinic"),
        ("Calm & Clear Infusions", "Calm and Clear Infusions"),
        ("Calm-Clear Infusions, Inc.", "calm clear infusions"),
    ],
)
def test_name_key_folds_variants(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "street",
    [
        "1200 Main St., Ste. 100",
        "1200 Main St #100",
        "1200 Main St, Suite 100",
        "1200  Main St. suite 100",
    ],
)
def test_street_unit_variants_agree(street):
    assert normalize_street(street) == "1200 Main St Suite 100"


def test_parse_address():
    addr = parse_address("4500 E 9th Ave, Ste. 210, Denver, CO 80220")
    assert (addr.street, addr.city, addr.state, addr.zip) == (
        "4500 E 9th Ave Suite 210",
        "Denver",
        "CO",
        "80220",
    )


@pytest.mark.parametrize(
    "raw", ["", "n/a", "!!!", "Suite", "99999999999", "<script>alert(1)</script>"]
)
def test_parse_address_garbage_never_raises(raw):
    parse_address(raw)


def test_zip_lookup_offline():
    lat, lon = zip_latlon("80202")
    assert 39 < lat < 40 and -105.5 < lon < -104.5
    assert zip_place("80202") == ("Denver", "CO")
    assert zip_latlon("00000") is None
    assert zip_latlon(None) is None


def test_clean_text_strips_controls_and_cuts():
    assert clean_text("  a\x00b \n c  ") == "ab c"
    assert clean_text("x" * 1000, 10) == "x" * 10
    assert clean_text("   ") is None
