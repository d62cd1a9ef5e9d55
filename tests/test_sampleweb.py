"""The sample web: determinism, scale, reachability, realism and truth-vs-page consistency."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import phonenumbers
import pytest
import zipcodes

from directory.rubric import INSURANCE_VALUES, RED_FLAGS_BY_ID, ROUTES, SIGNALS_BY_ID
from sampleweb import SampleWeb, World, build_world
from sampleweb.site import CORE_KINDS, normalize_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(clinics=200, seed=7)


@pytest.fixture(scope="module")
def truth(world: World) -> dict:
    return world.truth()


def _doc(body: bytes) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(body)


def _text(body: bytes) -> str:
    """Visible text of a page, whitespace-normalized (scripts and styles dropped)."""
    doc = _doc(body)
    for node in doc.xpath("//script|//style"):
        node.drop_tree()
    return " ".join(doc.text_content().split())


def _get(world: World, url: str) -> bytes:
    parts = urlsplit(url)
    found = world.page(
        parts.hostname or "", parts.path + (f"?{parts.query}" if parts.query else "")
    )
    assert found is not None, url
    status, ctype, body = found
    assert status == 200 and ctype.startswith("text/html"), url
    return body


# ---- determinism and scale ---------------------------------------------------------------------


def _fingerprint(world: World) -> str:
    digest = hashlib.sha256(json.dumps(world.truth(), sort_keys=True).encode())
    for clinic in world.clinics[:15]:
        for page in world.site(clinic.id).pages.values():
            digest.update(world.page(clinic.host, page.path)[2])  # type: ignore[index]
    for url in world.directory_start_urls:
        digest.update(_get(world, url))
    return digest.hexdigest()


def test_same_seed_same_world_and_bytes() -> None:
    assert _fingerprint(build_world(40, 3)) == _fingerprint(build_world(40, 3))


def test_different_seed_different_world() -> None:
    assert build_world(40, 3).truth()["clinic_list"] != build_world(40, 4).truth()["clinic_list"]


def test_determinism_does_not_depend_on_hash_seed() -> None:
    code = (
        "from tests.test_sampleweb import _fingerprint; from sampleweb import build_world; "
        "print(_fingerprint(build_world(30, 5)))"
    )
    outputs = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(result.stdout.strip())
    assert outputs == {_fingerprint(build_world(30, 5))}


def test_ten_thousand_clinics_build() -> None:
    big = build_world(clinics=10_000, seed=11)
    assert len(big.clinics) + len(big.listed_only) == 10_000 == len(big.truth()["clinic_list"])
    assert len({c.name.lower() for c in big.clinics}) == len(big.clinics)
    assert len({c.domain for c in big.clinics}) == len(big.clinics)
    last = big.clinics[-1]
    assert big.page(last.host, "/") is not None


# ---- directories ---------------------------------------------------------------------------------


def _walk_finder(world: World) -> list[str]:
    """Detail URLs reached on KetamineFinder by following rel=next from the start URL."""
    url: str | None = world.directory_start_urls[0]
    details: list[str] = []
    while url:
        doc = _doc(_get(world, url))
        details += [
            urljoin(url, h)
            for h in doc.xpath(
                '//table[@class="results"]//tr[@class="result"]/td[@class="result-name"]/a/@href'
            )
        ]
        nxt = doc.xpath('//nav[@class="pager"]/a[@rel="next"]/@href')
        url = urljoin(url, nxt[0]) if nxt else None
    return details


def _walk_calm(world: World) -> list[str]:
    url: str | None = world.directory_start_urls[1]
    details: list[str] = []
    while url:
        doc = _doc(_get(world, url))
        details += [
            urljoin(url, h)
            for h in doc.cssselect("div.card h3.card-title a")
            for h in [h.get("href")]
        ]
        nxt = doc.cssselect("div.pagination a.next")
        url = urljoin(url, nxt[0].get("href")) if nxt else None
    return details


def _website_of(world: World, detail_url: str) -> str | None:
    doc = _doc(_get(world, detail_url))
    if "ketaminefinder" in detail_url:
        hrefs = doc.xpath(
            '//*[@itemtype="https://schema.org/MedicalClinic"]//a[@itemprop="url"]/@href'
        )
        return hrefs[0] if hrefs else None
    data = json.loads(doc.xpath('//script[@type="application/ld+json"]/text()')[0])
    return data.get("url")


def test_every_clinic_reachable_from_a_directory(world: World, truth: dict) -> None:
    by_host = {}
    for c in world.clinics:
        by_host[c.domain] = c.id
        by_host[f"www.{c.domain}"] = c.id
    reached: set[str] = set()
    finder, calm = _walk_finder(world), _walk_calm(world)
    assert len(finder) == len(world.listings["ketaminefinder"])
    assert len(calm) == len(world.listings["calmclinics"])
    for detail in finder + calm:
        website = _website_of(world, detail)
        if website and website.startswith("http"):
            reached.add(by_host[urlsplit(website).hostname or ""])
    assert reached == {c["id"] for c in truth["clinic_list"] if not c["hostile"]}


def test_listing_pages_hold_10_to_25_clinics(world: World) -> None:
    doc = _doc(_get(world, world.directory_start_urls[0]))
    assert 10 <= len(doc.xpath('//tr[@class="result"]')) <= 25
    doc = _doc(_get(world, world.directory_start_urls[1]))
    assert 10 <= len(doc.cssselect("div.card")) <= 25


def test_cross_listing_share_and_formatting(truth: dict) -> None:
    clinics = truth["clinic_list"]
    both = [c for c in clinics if len(c["listings"]) == 2]
    assert 0.4 <= len(both) / len(clinics) <= 0.7
    assert all(c["listings"] for c in clinics)
    for c in both:
        a, b = c["listings"]
        assert a["phone"] != b["phone"]  # each directory writes phones its own way
    assert any(not item["website"] for c in both for item in c["listings"])
    for c in clinics:  # a clinic always has its website on at least one directory
        assert c["hostile"] or any(item["website"] for item in c["listings"])
    assert (
        sum(1 for c in both if c["listings"][0]["name"] != c["listings"][1]["name"]) > len(both) / 3
    )


# ---- hostile listings (SPEC section 6) --------------------------------------------------------

HOSTILE_NAMES = {"<script>alert(1)</script>", "[Click me](javascript:alert(1))"}


def test_hostile_listings_are_part_of_the_n_clinics(world: World, truth: dict) -> None:
    hostile = [c for c in truth["clinic_list"] if c["hostile"]]
    assert {c["name"] for c in hostile} == HOSTILE_NAMES
    assert len(truth["clinic_list"]) == truth["clinics"] == 200
    assert len(world.clinics) == 198 and len(world.listed_only) == 2
    assert len({c["id"] for c in truth["clinic_list"]}) == 200
    for c in hostile:
        assert c["website"] is None and c["domain"] is None and c["email"] is None
        assert c["routes"] == c["signals"] == c["red_flags"] == c["clinicians"] == []
        assert c["price_min_usd"] is None and c["insurance"] is None and c["rating"] is None
        assert c["ptsd"] is False and c["telehealth"] is False and c["financing"] is None
        (listing,) = c["listings"]  # one directory only
        assert listing["name"] == c["name"]
        assert listing["website"].startswith("javascript:")
        number = phonenumbers.parse(listing["phone"], "US")
        assert phonenumbers.is_valid_number(number)
        assert (
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            == c["phone_e164"]
        )
        (match,) = zipcodes.matching(c["zip"])
        assert (match["city"], match["state"]) == (c["city"], c["state"])
        assert c["street"]
    assert {c["listings"][0]["directory"] for c in hostile} == {"ketaminefinder", "calmclinics"}
    small = build_world(clinics=9, seed=7).truth()["clinic_list"]
    assert len(small) == 9 and not any(c["hostile"] for c in small)
    ten = build_world(clinics=10, seed=7).truth()["clinic_list"]
    assert len(ten) == 10 and sum(c["hostile"] for c in ten) == 2


def test_hostile_names_are_escaped_data_on_the_directory_pages(world: World, truth: dict) -> None:
    listed = {
        item["url"]: c for c in truth["clinic_list"] if c["hostile"] for item in c["listings"]
    }
    details = set(_walk_finder(world) + _walk_calm(world))
    assert set(listed) <= details  # reachable by following the directory's own pagination
    for url, c in listed.items():
        body = _get(world, url)
        assert b"<script>alert" not in body and b"</script>alert" not in body
        doc = _doc(body)
        assert c["name"] in [" ".join(h.text_content().split()) for h in doc.xpath("//h1")]
        scripts = doc.xpath("//script")
        assert all(s.get("type") == "application/ld+json" for s in scripts)
        for block in scripts:  # the JSON-LD still parses, and says the same name
            assert json.loads(block.text)["name"] == c["name"]
        hrefs = [a.get("href") for a in doc.xpath("//a[@href]")]
        assert c["listings"][0]["website"] in hrefs  # the hostile link is there, as data
        assert _website_of(world, url) == c["listings"][0]["website"]
        with pytest.raises(KeyError):
            world.site(c["id"])


# ---- realism of facts ----------------------------------------------------------------------------


def test_phones_are_valid_and_listings_agree(truth: dict) -> None:
    for c in truth["clinic_list"]:
        number = phonenumbers.parse(c["phone_e164"])
        assert phonenumbers.is_valid_number(number), c["phone_e164"]
        for item in c["listings"]:
            listed = phonenumbers.parse(item["phone"], "US")
            assert (
                phonenumbers.format_number(listed, phonenumbers.PhoneNumberFormat.E164)
                == c["phone_e164"]
            )


def test_zips_are_real_and_consistent(truth: dict) -> None:
    states = set()
    for c in truth["clinic_list"]:
        (match,) = zipcodes.matching(c["zip"])
        assert (match["city"], match["state"]) == (c["city"], c["state"])
        states.add(c["state"])
    assert len(states) >= 25


def test_vocabulary_matches_rubric(truth: dict) -> None:
    for c in truth["clinic_list"]:
        assert set(c["signals"]) <= set(SIGNALS_BY_ID), c["signals"]
        assert set(c["red_flags"]) <= set(RED_FLAGS_BY_ID)
        assert (c["routes"] or c["hostile"]) and set(c["routes"]) <= set(ROUTES)
        assert c["insurance"] in (*INSURANCE_VALUES, None)


def test_derived_signals_follow_facts(truth: dict) -> None:
    for c in truth["clinic_list"]:
        s = set(c["signals"])
        assert ("multiple_routes" in s) == (len(c["routes"]) >= 2)
        assert ("session_price" in s) == (c["price_min_usd"] is not None)
        assert ("insurance_policy" in s) == (c["insurance"] is not None)
        assert ("financing" in s) == (c["financing"] is True)
        assert ("superbill_hsa" in s) == bool(c["superbill"] or c["hsa_fsa"])
        assert ("aggregate_rating" in s) == (
            c["rating"] is not None and c["review_count"] is not None
        )
        assert ("physician_led" in s) == any(p.endswith((", MD", ", DO")) for p in c["clinicians"])
        if c["price_min_usd"] is not None:
            assert 100 <= c["price_min_usd"] <= c["price_max_usd"] <= 1200
        assert not ("no_screening" in c["red_flags"] and "screening" in s)


# ---- clinic sites ------------------------------------------------------------------------------


def _pages(world: World, clinic_id: str) -> Iterator[tuple[str, bytes]]:
    clinic = world.by_id[clinic_id]
    for page in world.site(clinic_id).pages.values():
        found = world.page(clinic.host, page.path)
        assert found is not None and found[0] == 200
        yield page.path, found[2]


def test_home_links_every_page_kind(world: World) -> None:
    for clinic in world.clinics:
        plan = world.site(clinic.id)
        body = _get(world, clinic.home_url)
        links = {
            normalize_path(urlsplit(urljoin(clinic.home_url, href)).path)
            for href in _doc(body).xpath("//a/@href")
            if urlsplit(urljoin(clinic.home_url, href)).hostname == clinic.host
        }
        for kind in CORE_KINDS[1:]:
            assert normalize_path(plan.pages[kind].path) in links, (clinic.id, kind)


def test_both_hosts_serve_the_site_and_robots(world: World) -> None:
    for clinic in world.clinics[:30]:
        other = clinic.domain if clinic.www else f"www.{clinic.domain}"
        assert world.page(other, "/") == world.page(clinic.host, "/")
        status, ctype, robots = world.page(clinic.host, "/robots.txt")  # type: ignore[misc]
        assert status == 200 and ctype.startswith("text/plain") and b"User-agent: *" in robots
        assert (world.page(clinic.host, "/sitemap.xml") is not None) == clinic.sitemap
        assert world.page(clinic.host, "/no-such-page/") is None
    assert world.page("nowhere.test", "/") is None


def test_every_truth_signal_is_written_on_its_page(world: World, truth: dict) -> None:
    for c in truth["clinic_list"]:
        if c["hostile"]:  # no site: nothing is written anywhere but the listing
            continue
        statements = world.evidence(c["id"])
        pages = dict(_pages(world, c["id"]))
        texts = {path: _text(body) for path, body in pages.items()}
        tagged: set[str] = set()
        for st in statements:
            if st.where == "jsonld":
                blocks = _doc(pages[st.path]).xpath('//script[@type="application/ld+json"]/text()')
                assert any('"aggregateRating"' in b and f'"{c["rating"]}"' in b for b in blocks), c[
                    "id"
                ]
            else:
                assert " ".join(st.text.split()) in texts[st.path], (c["id"], st)
            tagged.update(st.tags)
        signals_stated = {t for t in tagged if t in SIGNALS_BY_ID}
        assert signals_stated == set(c["signals"]), c["id"]
        flags_stated = {t.split(":", 1)[1] for t in tagged if t.startswith("red_flag:")}
        assert flags_stated == set(c["red_flags"]), c["id"]
        assert ("ptsd" in tagged) == c["ptsd"]
        assert ("telehealth" in tagged) == c["telehealth"]
        assert ("veterans" in tagged) == c["veterans"]


def test_markup_styles_and_themes_vary(world: World) -> None:
    assert {c.markup for c in world.clinics} == {"jsonld", "microdata", "none"}
    assert {c.theme for c in world.clinics} == {0, 1, 2, 3}
    for clinic in world.clinics[:40]:
        home = _get(world, clinic.home_url)
        assert (b"application/ld+json" in home) == (clinic.markup == "jsonld")
        assert (b"itemscope" in home) == (clinic.markup == "microdata")


def test_prices_and_distractors_appear(world: World) -> None:
    texts = []
    for clinic in world.clinics:
        page = world.site(clinic.id).pages["pricing"]
        texts.append(_text(_get(world, f"http://{clinic.host}{page.path}")))
    joined = "\n".join(texts)
    for needle in ("consultation", "package", "per session", "$"):
        assert needle in joined.lower() or needle in joined


# ---- server --------------------------------------------------------------------------------------


def test_server_proxy_and_host_routing() -> None:
    with SampleWeb(clinics=20, seed=2, port=0) as web:
        assert web.proxy_url == f"http://127.0.0.1:{web.port}"
        clinic = web.world.clinics[0]
        conn = http.client.HTTPConnection("127.0.0.1", web.port, timeout=5)
        conn.request("GET", f"http://{clinic.host}/")  # proxy form
        resp = conn.getresponse()
        body = resp.read()
        assert resp.status == 200 and resp.getheader("Content-Type") == "text/html; charset=utf-8"
        assert clinic.name.encode() in body.replace(b"&amp;", b"&")
        conn.request(
            "GET", "/robots.txt", headers={"Host": f"{clinic.host}:80"}
        )  # origin form, same connection
        resp = conn.getresponse()
        assert resp.status == 200 and b"User-agent" in resp.read()
        conn.request("HEAD", f"http://{clinic.host}/")
        resp = conn.getresponse()
        assert (
            resp.status == 200
            and int(resp.getheader("Content-Length")) == len(body)
            and resp.read() == b""
        )
        conn.request("GET", "http://unknown-host.test/")
        resp = conn.getresponse()
        assert resp.status in (404, 502)
        resp.read()
        conn.request("GET", f"http://{clinic.host}/missing-page")
        resp = conn.getresponse()
        assert resp.status == 404 and b"not found" in resp.read().lower()
        conn.request("GET", "/", headers={"Host": f"127.0.0.1:{web.port}"})
        resp = conn.getresponse()
        hub = resp.read()
        assert (
            b"Sample web" in hub
            and b"ketaminefinder.test" in hub
            and f"127.0.0.1:{web.port}".encode() in hub
        )
        conn.close()

        opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": web.proxy_url}))
        with opener.open(web.directory_start_urls[1], timeout=5) as resp:
            assert resp.status == 200 and b'class="card"' in resp.read()
