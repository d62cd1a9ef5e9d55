"""Property tests with hostile and random input (SPEC section 6).

Extraction, the normalizers, CSV export and the dashboard's link check are fed arbitrary text
and bytes, random HTML, random and broken JSON-LD, and mutated clinic pages. They must never
raise, must return what their docstrings promise, and must never let a `javascript:` URL or a
spreadsheet formula through. Runs are deterministic (`derandomize`) and bounded, for CI.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashboard.safe import md_escape, page_label, plain, safe_url
from directory.export import (
    FORMULA_PREFIXES,
    ExportError,
    export_frame,
    neutralize,
    parse_weights,
)
from directory.extract import extract_page, extraction_json, read_page
from directory.extract.model import default_model
from directory.extract.text import MAX_QUOTE, decode_body, names, page_text, parse_html
from directory.normalize import (
    US_STATES,
    Address,
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
from directory.rubric import (
    CRITERIA,
    INSURANCE_VALUES,
    RED_FLAGS_BY_ID,
    ROUTES,
    SIGNALS_BY_ID,
)
from directory.types import Facts, PageExtraction

# Deterministic and bounded: the same examples on every run, no example database, no deadline
# (a busy CI machine is slow, not wrong).
CI = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def ci(max_examples: int) -> settings:
    """The CI settings with this many examples (sized so the file runs in seconds)."""
    return settings(CI, max_examples=max_examples)


# --- building blocks of hostile text ----------------------------------------------------------

WEIRD_CHARS = (
    "\x00",  # NUL
    "\x0b\x0c\x1c\x1f\x7f\x85",  # controls and odd whitespace
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width characters
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",  # direction marks
    "\u00a0\u2007\u202f\u2028\u2029\u3000",  # no-break and other spaces
    "İıẞßﬁﬀΣς",  # case folding that changes length
    "\u0301\u0308",  # combining marks
    "\U0001f600\U0001f48a",  # astral characters
    "\u2010\u2011\u2012\u2013\u2014",  # dashes
    "＄＝＋－＠",  # fullwidth look-alikes
)
ENTITIES = (
    "&amp;",
    "&nbsp;",
    "&#0;",
    "&#x0;",
    "&#xD800;",
    "&#1114112;",
    "&#x10FFFF;",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&bogus;",
    "&#36;450",
    "&dollar;450",
    "&#x24;",
    "&",
    "&#",
    "&#x;",
    "&#99999999999999999999;",
)
CLINIC_PHRASES = (
    "IV ketamine infusions are $450 per infusion.",
    "Each infusion is $400 - $650 depending on the protocol.",
    "A package of 6 infusions is $2,400.",
    "Initial consultation: $250.",
    "We offer IM injections, intranasal Spravato and oral lozenges.",
    "Patients can choose between IV and IM depending on their needs.",
    "Rated 4.9 from 312 reviews.",
    "4.8 stars from 99999999999999999999999999999999999999 reviews",
    "Rated 5 out of 5 from 1,234,567,890,123,456,789 reviews.",
    "Dr. Jane Smith, MD is board-certified in anesthesiology.",
    "Our psychiatrist, Alan Grey, DO, leads every treatment plan.",
    "We accept most major insurance plans.",
    "We do not accept insurance, but we provide a superbill.",
    "Financing is available through CareCredit.",
    "We treat PTSD, depression and chronic pain.",
    "Veterans receive a 10% discount.",
    "Telehealth consultations are available.",
    "100% success rate guaranteed!",
    "Ketamine cures depression in one session.",
    "$0 per session",
    "$999999 per session",
    "$1,000,000.99 per infusion",
    "$25.00/session $5000.00/session $4,999.99 each",
    "Sessions start at $",
    "Starting at $$$450.",
    "from $450 to $",
    "Call (303) 861-0142 or email care@clinic.test.",
    "FAQ: Do you take insurance? No.",
    "Integration therapy (per session) $200",
)
HOSTILE_URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\x00javascript:alert(1)",
    "java\nscript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "javascript://a.test/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD4=",
    "file:///etc/passwd",
    "FILE://host/share",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "mailto:a@b.test",
    "tel:+13038610142",
    "ftp://a.test/",
    "http:/\\evil.test",
    "http:evil.test",
    "//evil.test/x",
    "\\\\evil.test\\x",
    "http://evil.test@good.test/",
    "http://[::1]/",
    "http://[::1",
    "http://./",
    "http://../x",
    "http://a.test:99999/",
    "http://a.test:0/",
    "https://ÄBC.test/Ü?utm_source=x&a=1#frag",
    "http://xn--bcher-kva.test/",
    "http://a\u3002test/",
    "http://a b.test/",
    "http://a.test/\x00x",
    "http://a.test/ path with spaces",
    "http://%41.test/",
    "https://a.test/?ref=1&&source=2&&x",
)

weird_text = st.sampled_from(WEIRD_CHARS)
entity = st.sampled_from(ENTITIES)
phrase = st.sampled_from(CLINIC_PHRASES)
long_line = st.builds(
    lambda word, n: (word + " ") * n,
    st.sampled_from(["ketamine", "$450", "a", "IV", "infusion.", "\u200b", "x" * 50]),
    st.integers(100, 3_000),
)
text_atom = st.one_of(
    phrase,
    st.text(max_size=40),
    weird_text,
    entity,
    long_line,
    st.sampled_from(HOSTILE_URLS),
)


def join_atoms(atoms: list[str]) -> str:
    return " ".join(atoms)


hostile_text = st.lists(text_atom, max_size=8).map(join_atoms)

# --- random HTML -------------------------------------------------------------------------------

TAGS = sorted(
    names(
        "p div span h1 h2 h3 h6 li ul ol table tr td th a br b i section main header footer "
        "blockquote script style noscript template svg math title head body html textarea iframe "
        "form button select option pre dl dt dd details summary font marquee x-unknown object "
        "img meta link hr"
    )
)
ATTR_NAMES = sorted(
    names(
        "class id style hidden aria-hidden href src itemprop itemscope itemtype type content "
        "property lang dir onclick data-x charset http-equiv"
    )
)
attr_value = st.one_of(
    st.sampled_from(
        [
            "display:none",
            "visibility: hidden",
            "true",
            "aggregateRating",
            "offers",
            "ratingValue",
            "reviewCount",
            "https://schema.org/MedicalClinic",
            "application/ld+json",
            "og:site_name",
            "rtl",
            'x" onmouseover="alert(1)',
            "tel:+13038610142",
            "tel:",
            "mailto:care@clinic.test?subject=hi",
            "mailto:",
            "text/html; charset=utf-16",
            "shift_jis",
            "no-such-charset",
        ]
    ),
    st.sampled_from(HOSTILE_URLS),
    st.text(max_size=20),
    st.integers(1_000, 30_000).map(lambda n: "A" * n),  # a huge attribute
)
attributes = st.lists(st.tuples(st.sampled_from(ATTR_NAMES), attr_value), max_size=4).map(
    lambda pairs: "".join(
        f' {k}="{v}"' if i % 2 == 0 else f" {k}={v}" for i, (k, v) in enumerate(pairs)
    )
)
markup_junk = st.sampled_from(
    [
        "<!-- a comment -->",
        "<!-- unclosed comment",
        "<![CDATA[ $450 per infusion ]]>",
        "<?php echo 1; ?>",
        "<?xml version='1.0' encoding='latin-1'?>",
        "<!DOCTYPE html>",
        "<",
        "</",
        ">",
        "</p></div></body></html>",
        "<a <b>",
        "<p/>",
        "<br/><br></br>",
        "<script>",
        "</script>",
        "<style>p{}",
        "<script>document.write('<p>We accept insurance.</p>')</script>",
        "<textarea>We accept insurance.",
        "<title>",
        "<meta charset='utf-16'>",
        "<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'>",
    ]
)


def render_element(tag: str, attrs: str, children: list[str], closed: bool) -> str:
    return f"<{tag}{attrs}>" + "".join(children) + (f"</{tag}>" if closed else "")


html_node = st.recursive(
    st.one_of(hostile_text, markup_junk),
    lambda children: st.builds(
        render_element,
        st.sampled_from(TAGS),
        attributes,
        st.lists(children, max_size=5),
        st.booleans(),
    ),
    max_leaves=15,
)
random_html = st.lists(html_node, min_size=1, max_size=6).map("".join)

# --- JSON-LD blocks ----------------------------------------------------------------------------

hostile_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.integers(10**290, 10**300),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "4,9",
            "4.9/5",
            "NaN",
            "Infinity",
            "-1",
            "1e309",
            "9" * 400,
            "1,234",
            "$450",
            "USD",
            "usd",
            "</script><script>alert(1)</script>",
            "+1 (303) 861-0142",
            "mailto:care@clinic.test",
            "javascript:alert(1)",
            "MedicalClinic",
        ]
    ),
)
json_value = st.recursive(
    hostile_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(
                    [
                        "@type",
                        "@graph",
                        "name",
                        "telephone",
                        "email",
                        "address",
                        "aggregateRating",
                        "ratingValue",
                        "reviewCount",
                        "offers",
                        "price",
                        "provider",
                    ]
                ),
                st.text(max_size=8),
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=15,
)
rating_object = st.fixed_dictionaries(
    {
        "@type": st.just("AggregateRating"),
        "ratingValue": st.sampled_from(["4.8", "4,9", "5", 95, "1", 3.5]) | hostile_scalar,
        "reviewCount": st.sampled_from(["132", "1,234", 7, "0"]) | hostile_scalar,
    },
    optional={
        "ratingCount": hostile_scalar,
        "bestRating": st.sampled_from(["5", "100", 10, "0"]) | hostile_scalar,
        "worstRating": st.sampled_from(["1", "0", 5]) | hostile_scalar,
    },
)
offer_object = st.fixed_dictionaries(
    {
        "@type": st.just("Offer"),
        "name": st.sampled_from(["Ketamine infusion", "IV session", "Package of 6", ""]),
        "price": st.sampled_from(["450", "$450.00", 25, "5000", "4,500"]) | hostile_scalar,
    },
    optional={
        "lowPrice": hostile_scalar,
        "priceCurrency": st.sampled_from(["USD", "usd", "EUR", "", None]),
        "priceSpecification": st.one_of(
            json_value, st.fixed_dictionaries({"price": hostile_scalar})
        ),
    },
)
address_value = st.one_of(
    hostile_text,
    st.fixed_dictionaries(
        {},
        optional={
            "streetAddress": hostile_scalar,
            "addressLocality": hostile_scalar,
            "addressRegion": st.one_of(hostile_scalar, st.sampled_from(list(US_STATES))),
            "postalCode": hostile_scalar,
        },
    ),
    json_value,
)
clinic_object = st.fixed_dictionaries(
    {
        "@type": st.sampled_from(
            [
                "MedicalClinic",
                ["LocalBusiness", "Thing"],
                "https://schema.org/Physician",
                "Offer",
                "",
            ]
        )
    },
    optional={
        "@context": st.just("https://schema.org"),
        "name": st.one_of(hostile_text, hostile_scalar),
        "telephone": st.one_of(
            hostile_scalar, st.sampled_from(["(303) 861-0142", "+44 20 7946 0958"])
        ),
        "email": hostile_scalar,
        "address": address_value,
        "aggregateRating": st.one_of(
            rating_object, st.lists(rating_object, max_size=2), json_value
        ),
        "offers": st.one_of(offer_object, st.lists(offer_object, max_size=3), json_value),
        "provider": json_value,
        "@graph": st.lists(json_value, max_size=3),
    },
)


def dump_json(value: Any) -> str:
    return json.dumps(value, allow_nan=True, default=str)


def break_json(text: str, cut: float, junk: str) -> str:
    at = int(len(text) * cut)
    return text[:at] + junk + text[at:]


rated_clinic = st.fixed_dictionaries(
    {
        "@type": st.sampled_from(["MedicalClinic", "LocalBusiness", "Physician"]),
        "aggregateRating": rating_object,
        "offers": st.lists(offer_object, min_size=1, max_size=2),
    }
)
jsonld_payload = st.one_of(
    rated_clinic.map(dump_json),
    st.one_of(clinic_object, st.lists(clinic_object, max_size=3), json_value).map(dump_json),
    st.builds(  # broken: truncated, or junk inserted somewhere
        break_json,
        clinic_object.map(dump_json),
        st.floats(0, 1),
        st.sampled_from(["", ",", "}", "{", '"', "]", "</script>", "\x00", "/* c */", "NaN"]),
    ),
)
jsonld_block = st.builds(
    lambda kind, payload: f'<script type="{kind}">{payload}</script>',
    st.sampled_from(["application/ld+json", " Application/LD+JSON ", "application/json"]),
    jsonld_payload,
)

# --- microdata blocks ---------------------------------------------------------------------------

inner_html = st.lists(html_node, max_size=2).map("".join)
microdata_block = st.builds(
    lambda wrap, tag, attrs, parts, value, count, price: (
        f'{wrap[0]}<div itemscope itemtype="https://schema.org/MedicalClinic">'
        f'<span itemprop="name">{parts[0]}</span>'
        f'<{tag} itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating"{attrs}>'
        f'{parts[1]}<span itemprop="ratingValue">{value}</span>{parts[2]}'
        f'<span itemprop="reviewCount">{count}</span>{parts[3]}</{tag}>'
        f'<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
        f'<span itemprop="name">Ketamine infusion{parts[4]}</span><meta itemprop="price" content="{price}">'
        f"</div></div>{wrap[1]}"
    ),
    st.sampled_from(
        [
            ("", ""),
            ("<p>Rated ", " on Google.</p>"),
            ('<div style="display:none">', "</div>"),
            ("<template>", "</template>"),
            ("<noscript>", "</noscript>"),
            ("<table><tr><td>", "</td></tr></table>"),
            ("<ul><li>", ""),
        ]
    ),
    st.sampled_from(["div", "span", "p", "li", "td", "section", "script", "textarea"]),
    attributes,
    st.tuples(inner_html, inner_html, inner_html, inner_html, inner_html),
    st.one_of(st.sampled_from(["4.6", "5", "4,9", "0", "6", ""]), hostile_text),
    st.one_of(st.sampled_from(["80", "1,234", "9" * 30, "0"]), hostile_text),
    st.one_of(st.sampled_from(["450", "$450.00", "1e400", "25"]), hostile_text),
)

# --- a real-looking clinic page and its mutations ----------------------------------------------

CLINIC_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Front Range Ketamine Clinic | IV ketamine in Denver</title>
<meta property="og:site_name" content="Front Range Ketamine Clinic">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "MedicalClinic", "name": "Front Range Ketamine Clinic",
 "telephone": "(303) 861-0142", "email": "care@frontrange.test",
 "address": {"@type": "PostalAddress", "streetAddress": "4500 E 9th Ave, Ste. 210",
  "addressLocality": "Denver", "addressRegion": "CO", "postalCode": "80220"},
 "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.8", "reviewCount": "132"},
 "offers": [{"@type": "Offer", "name": "Ketamine infusion", "price": "450", "priceCurrency": "USD"}]}
</script>
<style>.hidden{display:none}</style><script>var x = "<p>$1 per infusion</p>";</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/fees/">Fees</a></li></ul></nav></header>
<main>
<h1>IV ketamine therapy in Denver</h1>
<p>Our clinic is led by Dr. Jane Smith, MD, who is board-certified in anesthesiology.</p>
<p>Every patient is screened with the PHQ-9 before treatment, and we track progress after each infusion.</p>
<h2>Treatment options</h2>
<p>We offer IV infusions, IM injections and Spravato; patients can choose the route that fits their needs.</p>
<h2>Our fees</h2>
<table><tr><th>Service</th><th>Price</th></tr>
<tr><td>Initial consultation</td><td>$250</td></tr>
<tr><td>Ketamine infusion</td><td>$450 per infusion</td></tr>
<tr><td>Series of six infusions</td><td>$2,400</td></tr></table>
<p>We do not accept insurance, but we provide a superbill and accept HSA/FSA cards.</p>
<p>Financing is available through CareCredit.</p>
<h2>FAQ</h2>
<p>Do you treat PTSD?</p><p>Yes. We treat PTSD, depression, anxiety and chronic pain.</p>
<p>Do you offer telehealth?</p><p>Follow-up visits are available by telehealth.</p>
<div itemscope itemtype="https://schema.org/MedicalClinic"><span itemprop="name">Front Range</span>
<div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">
<span itemprop="ratingValue">4.6</span> stars from <span itemprop="reviewCount">80</span> reviews</div></div>
<p class="hidden" style="display:none">We accept all insurance.</p>
<blockquote>"Ketamine gave me my life back." - a patient</blockquote>
<p>Rated 4.9 from 312 reviews on Google.</p>
<p>100% success rate: ketamine cures depression!</p>
</main>
<footer><p>4500 E 9th Ave, Ste. 210, Denver, CO 80220</p>
<p><a href="tel:+13038610142">(303) 861-0142</a> <a href="mailto:care@frontrange.test">Email</a></p>
<p><a href="javascript:alert(1)">Book</a></p></footer>
</body></html>
"""
FIXTURE_PAGES = tuple(
    p.read_text(encoding="utf-8")
    for p in sorted(
        (Path(__file__).parent / "fixtures" / "pages" / "clinic_site").glob("*/page.html")
    )
)
junk_fragment = st.one_of(
    hostile_text,
    markup_junk,
    jsonld_block,
    microdata_block,
    random_html,
    st.text(max_size=30),
    weird_text,
)


def mutate(page: str, edits: list[tuple[str, float, float, str]]) -> str:
    """Apply edits (op, where, how much, junk) to a page: delete, duplicate, insert, truncate,
    swap case or shuffle a span. Positions are fractions, so any page takes any edit."""
    for op, where, size, junk in edits:
        at = int(len(page) * where)
        end = min(len(page), at + int(200 * size) + 1)
        if op == "delete":
            page = page[:at] + page[end:]
        elif op == "duplicate":
            page = page[:end] + page[at:end] * 3 + page[end:]
        elif op == "insert":
            page = page[:at] + junk + page[at:]
        elif op == "truncate":
            page = page[:at]
        elif op == "swapcase":
            page = page[:at] + page[at:end].swapcase() + page[end:]
        elif op == "reverse":
            page = page[:at] + page[at:end][::-1] + page[end:]
    return page


edit = st.tuples(
    st.sampled_from(["delete", "duplicate", "insert", "truncate", "swapcase", "reverse"]),
    st.floats(0, 1),
    st.floats(0, 1),
    junk_fragment,
)
mutated_page = st.builds(
    mutate, st.sampled_from((CLINIC_PAGE, *FIXTURE_PAGES)), st.lists(edit, min_size=1, max_size=4)
)

ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-be",
    "latin-1",
    "cp1252",
    "shift_jis",
    "koi8-r",
)


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


page_bytes = st.one_of(
    st.binary(max_size=3000),
    st.builds(encode, random_html, st.sampled_from(ENCODINGS)),
    st.builds(encode, mutated_page, st.sampled_from(ENCODINGS)),
    st.builds(
        lambda prefix, body: prefix + body,
        st.sampled_from(
            [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-1.4", b"\x89PNG", b"\x00" * 40, b""]
        ),
        st.binary(max_size=500) | random_html.map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
)
declared_encoding = st.one_of(
    st.none(), st.sampled_from([*ENCODINGS, "", "no-such-charset", "utf-32", "x-user-defined"])
)

# --- what an extraction must look like ---------------------------------------------------------

STRUCTURED_SIGNALS = frozenset({"aggregate_rating", "session_price"})  # may quote JSON-LD source
FACT_KEYS = tuple(Facts.__dataclass_fields__)
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
MAX_DB_INT = 2**31 - 1  # `review_count` is an INTEGER column


def run_extraction(body: bytes | str, encoding: str | None = None) -> dict[str, Any]:
    """Extract through the unguarded steps (the public entry point swallows every exception,
    which would hide a crash): the rules, then the shipped model; check the public entry point
    agrees, and check every property."""
    url = "http://clinic.test/page"
    reading = read_page(url, body, encoding=encoding)
    if reading is None:
        pe = PageExtraction(url=url, facts=Facts())
    else:
        default_model().revise(reading)
        pe = reading.rules
    assert extract_page(url, body, encoding=encoding) == pe
    out = extraction_json(pe)
    check_shape(out)
    check_quotes(out, body, encoding)
    return out


def check_shape(out: dict[str, Any]) -> None:
    json.dumps(out, allow_nan=False, ensure_ascii=False)  # plain JSON, no NaN or Infinity
    assert list(out) == ["url", "facts", "criteria", "red_flags"]
    facts = out["facts"]
    assert set(facts) == set(FACT_KEYS)
    assert list(facts)[:6] == [
        "routes",
        "price_min_usd",
        "price_max_usd",
        "insurance",
        "financing",
        "ptsd",
    ]
    assert facts["routes"] == sorted(set(facts["routes"]))
    assert set(facts["routes"]) <= set(ROUTES)
    lo, hi = facts["price_min_usd"], facts["price_max_usd"]
    assert (lo is None) == (hi is None)
    if lo is not None:
        assert isinstance(lo, float) and isinstance(hi, float)
        assert math.isfinite(lo) and math.isfinite(hi)
        assert 0 < lo <= hi
    assert facts["insurance"] in (None, *INSURANCE_VALUES)
    for key in ("financing", "superbill", "hsa_fsa", "ptsd", "telehealth", "veterans"):
        assert facts[key] in (None, True, False), key
    for key in ("name", "street", "city", "email", "rating_source"):
        assert facts[key] is None or (isinstance(facts[key], str) and facts[key]), key
    assert facts["phone"] is None or E164.match(facts["phone"])
    assert facts["state"] is None or re.fullmatch(r"[A-Z]{2}", facts["state"])
    assert facts["zip"] is None or re.fullmatch(r"[0-9]{5}", facts["zip"])
    if facts["rating"] is not None:
        assert isinstance(facts["rating"], float) and 0 <= facts["rating"] <= 5
        assert isinstance(facts["review_count"], int)
        assert 1 <= facts["review_count"] <= MAX_DB_INT
    for key in ("conditions", "clinicians"):
        assert isinstance(facts[key], list) and all(isinstance(x, str) for x in facts[key])
    assert list(out["criteria"]) == list(CRITERIA)
    for criterion, body in out["criteria"].items():
        assert set(body) == {"score", "evidence"}
        assert isinstance(body["score"], int) and 0 <= body["score"] <= 100
        if not body["evidence"]:  # SPEC 7: no evidence, no score
            assert body["score"] == 0, criterion
        for ev in body["evidence"]:
            assert set(ev) == {"signal", "quote"}
            assert SIGNALS_BY_ID[ev["signal"]].criterion == criterion
    for flag in out["red_flags"]:
        assert set(flag) == {"flag", "quote"}
        assert flag["flag"] in RED_FLAGS_BY_ID


def check_quotes(out: dict[str, Any], body: bytes | str, encoding: str | None) -> None:
    """Every quote is the page's own words: inside one sentence of its visible text (what
    `page_text` reports), or for structured-data signals the JSON-LD source itself."""
    source = decode_body(body, encoding)
    doc = parse_html(source)
    sentences = [] if doc is None else [s.text for s in page_text(doc).sentences]
    visible = " ".join(sentences)
    quoted = [(ev["signal"], ev["quote"]) for c in out["criteria"].values() for ev in c["evidence"]]
    quoted += [(f["flag"], f["quote"]) for f in out["red_flags"]]
    for signal, quote in quoted:
        assert isinstance(quote, str) and quote.strip() == quote and quote, (signal, quote)
        assert len(quote) <= MAX_QUOTE, (signal, quote)
        if any(quote in s for s in sentences):
            continue
        assert signal in STRUCTURED_SIGNALS, (signal, quote)
        assert quote in source or quote in visible, (signal, quote)


# --- extraction properties ---------------------------------------------------------------------


@ci(120)
@given(st.text(max_size=2000))
def test_extract_arbitrary_text(text: str) -> None:
    run_extraction(text)
    run_extraction(text.encode("utf-8"))


@ci(80)
@given(page_bytes, declared_encoding)
def test_extract_arbitrary_bytes(body: bytes, encoding: str | None) -> None:
    run_extraction(body, encoding)


@ci(60)
@given(random_html)
@example("<p>a</p>" + "<div>" * 5000)  # deep nesting
@example("<p>" + "IV ketamine infusions are $450 per infusion. " * 1000 + "</p>")
@example(f'<div class="{"A" * 1_000_000}">We accept insurance.</div>')
def test_extract_random_html(html: str) -> None:
    run_extraction(html)


@ci(60)
@given(st.lists(jsonld_block, min_size=1, max_size=3), st.lists(html_node, max_size=2))
@example(  # a postalCode of 0 became the ZIP code "0"
    [
        '<script type="application/ld+json">{"@type": "MedicalClinic", "address": {"postalCode": 0}}</script>'
    ],
    [],
)
def test_extract_pages_with_jsonld(blocks: list[str], nodes: list[str]) -> None:
    html = (
        "<html><head>"
        + blocks[0]
        + "</head><body>"
        + "".join(nodes + blocks[1:])
        + "</body></html>"
    )
    run_extraction(html)


@ci(40)
@given(st.lists(microdata_block, min_size=1, max_size=2), st.lists(html_node, max_size=2))
@example(
    [
        '<div itemscope itemtype="https://schema.org/MedicalClinic"><div itemprop="aggregateRating"'
        ' itemscope itemtype="https://schema.org/AggregateRating"><span hidden>secret</span>'
        '<script>var a=1;</script><p>Rated <span itemprop="ratingValue">4.6</span></p>'
        '<p><span itemprop="reviewCount">80</span> reviews</p></div></div>'
    ],
    [],
)
def test_extract_pages_with_microdata(blocks: list[str], nodes: list[str]) -> None:
    run_extraction("<html><body>" + "".join(blocks + nodes) + "</body></html>")


@ci(100)
@given(mutated_page)
def test_extract_mutated_clinic_pages(page: str) -> None:
    run_extraction(page)


def jsonld_page(item: dict[str, Any]) -> str:
    script = f'<script type="application/ld+json">{json.dumps(item)}</script>'
    return f"<html><head>{script}</head><body><p>Welcome.</p></body></html>"


PRICE_FORMATS = (
    lambda d, c: (d, d),
    lambda d, c: (str(d), d),
    lambda d, c: (f"{d:,}", d),
    lambda d, c: (f"${d:,}.{c:02d}", d + c / 100),
    lambda d, c: (f"{d}.{c:02d}", d + c / 100),
    lambda d, c: (f"USD {d:,}", d),
    lambda d, c: (d + c / 100, d + c / 100),
)


@ci(60)
@given(st.integers(25, 4999), st.integers(0, 99), st.sampled_from(PRICE_FORMATS))
def test_structured_price_read_as_written(dollars: int, cents: int, fmt: Any) -> None:
    """`"price": "4,500"` is four thousand five hundred dollars, not $4.50."""
    written, value = fmt(dollars, cents)
    offer = {
        "@type": "Offer",
        "name": "Ketamine infusion",
        "price": written,
        "priceCurrency": "USD",
    }
    facts = run_extraction(jsonld_page({"@type": "MedicalClinic", "offers": offer}))["facts"]
    assert facts["price_min_usd"] == facts["price_max_usd"] == value, written


@ci(60)
@given(
    st.integers(10, 50).map(lambda n: n / 10),
    st.integers(1, 10_000_000),
    st.booleans(),
    st.booleans(),
)
def test_structured_rating_read_as_written(
    stars: float, count: int, as_text: bool, commas: bool
) -> None:
    rating = {
        "@type": "AggregateRating",
        "ratingValue": str(stars) if as_text else stars,
        "reviewCount": (f"{count:,}" if commas else str(count)) if as_text else count,
    }
    facts = run_extraction(jsonld_page({"@type": "MedicalClinic", "aggregateRating": rating}))[
        "facts"
    ]
    assert (facts["rating"], facts["review_count"]) == (stars, count)


@ci(60)
@given(
    st.one_of(
        st.floats(5.01, 1e300),
        st.floats(-1e300, -0.01),
        st.sampled_from(["1e16", "-4", "4.5e3", "-0.5"]),
    ),
    st.one_of(st.integers(-(10**12), 0), st.sampled_from(["-12", "0", "1e9", "12e3"])),
)
def test_structured_rating_out_of_range_is_ignored(value: Any, count: Any) -> None:
    """A rating that is not on a 1-5 scale, or a count that is not a positive count, is no
    rating (not its leading digits: `1e16` stars is not 1 star)."""
    rating = {"@type": "AggregateRating", "ratingValue": value, "reviewCount": 40}
    facts = run_extraction(jsonld_page({"@type": "MedicalClinic", "aggregateRating": rating}))[
        "facts"
    ]
    assert facts["rating"] is None, value
    rating = {"@type": "AggregateRating", "ratingValue": 4.5, "reviewCount": count}
    facts = run_extraction(jsonld_page({"@type": "MedicalClinic", "aggregateRating": rating}))[
        "facts"
    ]
    assert facts["rating"] is None, count


def test_clinic_page_is_rich() -> None:
    """The page the mutations start from exercises prices, routes, ratings and quotes."""
    out = run_extraction(CLINIC_PAGE)
    facts = out["facts"]
    assert facts["routes"] and facts["price_min_usd"] == 450.0
    assert facts["rating"] is not None and facts["phone"] == "+13038610142"
    assert sum(len(c["evidence"]) for c in out["criteria"].values()) >= 5


@ci(40)
@given(st.sampled_from(("<p>", "<div>", "<i>", "<table><tr><td>")), st.integers(1, 20_000))
def test_extract_unclosed_tags_at_depth(tag: str, depth: int) -> None:
    run_extraction(tag * depth + "We offer IV ketamine infusions for $450 per infusion.")


# --- normalizers -------------------------------------------------------------------------------

anything = st.one_of(
    st.text(),
    hostile_text,
    st.sampled_from(HOSTILE_URLS),
    st.binary().map(lambda b: b.decode("latin-1")),
)


@ci(60)
@given(st.one_of(anything, st.none(), st.integers(), st.floats()), st.integers(0, 600))
@example("000 0", 4)  # the cut ended on a space
def test_clean_text(value: object, limit: int) -> None:
    out = clean_text(value, limit)
    if out is None:
        return
    assert isinstance(out, str) and out and len(out) <= limit
    assert out == out.strip() and "  " not in out
    assert all(ch.isprintable() or ch == " " for ch in out)
    assert clean_text(out, limit) == out


phone_like = st.one_of(
    st.from_regex(
        r"\A\+?1?[ .(-]{0,2}[2-9]\d{2}[ .)-]{0,2}\d{3}[ .-]?\d{4}( (ext|x)\.? ?\d{1,5})?\Z"
    ),
    st.from_regex(r"\A\+[1-9]\d{6,14}\Z"),
    st.from_regex(r"\A1-800-[A-Z]{7}\Z"),
    st.text(alphabet="0123456789+()-. #*xext\u00a0\u2011\uff10\u0661", max_size=30),
    anything,
)


@ci(60)
@given(phone_like, st.sampled_from(["US", "GB", "CA", "ZZ", ""]))
def test_normalize_phone(raw: str, region: str) -> None:
    out = normalize_phone(raw, region)
    if out is None:
        return
    assert E164.match(out), out
    assert normalize_phone(out) == out  # E.164 is a fixed point, whatever the region
    assert normalize_phone(out, region) == out


def obfuscate(scheme: str, upper: list[bool], noise: list[tuple[int, str]], rest: str) -> str:
    """A dangerous scheme in odd case, with whitespace, controls or entities mixed in."""
    chars = [c.upper() if i < len(upper) and upper[i] else c for i, c in enumerate(scheme)]
    for at, junk in noise:
        chars.insert(at % (len(chars) + 1), junk)
    return "".join(chars) + rest


obfuscated_url = st.builds(
    obfuscate,
    st.sampled_from(["javascript:", "data:", "file:", "vbscript:", "jar:", "blob:"]),
    st.lists(st.booleans(), max_size=11),
    st.lists(
        st.tuples(
            st.integers(0, 12),
            st.sampled_from(
                [
                    *(" ", "\t", "\n", "\r", "\x00", "\x0b", "\u200b", "\ufeff", "\u00a0"),
                    *("&#x09;", "&colon;", "&#58;", "%3A", "/", "//", "\\"),
                ]
            ),
        ),
        max_size=3,
    ),
    st.sampled_from(
        [
            "alert(1)",
            "//a.test/%0Aalert(1)",
            "text/html,<script>",
            "///etc/passwd",
            "//http://a.test/",
        ]
    ),
)
url_like = st.one_of(
    st.sampled_from(HOSTILE_URLS),
    obfuscated_url,
    st.builds(
        lambda scheme, sep, host, port, path, query, frag: (
            f"{scheme}{sep}{host}{port}{path}{query}{frag}"
        ),
        st.sampled_from(
            ["http", "HTTPS", "hTTp", "javascript", "data", "file", "vbscript", "", " http", "ftp"]
        ),
        st.sampled_from(["://", ":", ":/", "//", ":\\\\", ":///", "&colon;//"]),
        st.one_of(
            st.sampled_from(
                [
                    "a.test",
                    "WWW.A.TEST",
                    "a.test.",
                    "[::1]",
                    "[v1.x:y]",
                    "127.0.0.1",
                    "",
                    ".",
                    "a@b.test",
                ]
            ),
            st.text(max_size=12),
        ),
        st.sampled_from(["", ":80", ":8080", ":0", ":", ":99999", ":x"]),
        st.one_of(
            st.sampled_from(["", "/", "/a/../b", "/Fees", "/a%20b", "/ a", "/\x00"]),
            st.text(max_size=10),
        ),
        st.one_of(
            st.sampled_from(["", "?", "?utm_source=x", "?a=1&utm_medium=y&&b", "?ref=z"]),
            st.text(max_size=10).map(lambda t: "?" + t),
        ),
        st.sampled_from(["", "#", "#top", "#x?y"]),
    ),
    st.from_regex(r"\A[\w.-]+\.[a-z]{2,}(/\S*)?\Z"),
    anything,
)
HTTP_ONLY = re.compile(r"^https?://", re.IGNORECASE)


def assert_http_url(url: str) -> None:
    parts = re.match(r"^(https?)://([^/?#]+)", url)
    assert parts is not None, url
    assert parts.group(1) in ("http", "https"), url  # lower-case scheme
    assert "#" not in url, url


@ci(400)
@given(
    url_like,
    st.one_of(
        st.none(), st.sampled_from(["http://a.test/x/y", "https://b.test", "javascript:x", ""])
    ),
)
@example("http://./", None)  # gave "http:///"
@example("http://[::1]/", None)  # gave "http://::1/", which does not parse
@example("HTTP://0? #", None)  # gave "http://0/? ", then "http://0/"
def test_normalize_url(raw: str, base: str | None) -> None:
    out = normalize_url(raw, base)
    if out is None:
        return
    assert_http_url(out)
    assert normalize_url(out) == out, (raw, out)
    assert normalize_url(out, base) == out, (raw, out)
    key = domain_key(out)
    assert key is not None and key == domain_key(raw if base is None else out)
    assert not key.startswith("www.") and key == key.lower()


@ci(60)
@given(st.one_of(anything, st.none()))
def test_domain_key(raw: str | None) -> None:
    key = domain_key(raw)
    if key is None:
        return
    host = f"[{key}]" if ":" in key else key  # an IPv6 address
    assert isinstance(key, str) and key and key == domain_key(f"http://{host}/")


@ci(60)
@given(
    st.one_of(
        anything, st.none(), st.from_regex(r"\A[A-Za-z &.,'_-]{0,30}( (LLC|Inc\.?|P\.C\.|Co))?\Z")
    )
)
@example("ab_co")
def test_name_key(name: str | None) -> None:
    key = name_key(name)
    assert isinstance(key, str)
    assert re.fullmatch(r"(?:[a-z0-9]+(?: [a-z0-9]+)*)?", key), key
    assert name_key(key) == key


address_like = st.one_of(
    anything,
    st.builds(
        lambda n, street, unit, city, state, zip_: f"{n} {street}{unit}, {city}, {state} {zip_}",
        st.integers(0, 99999),
        st.sampled_from(["Main St.", "E 9th Ave", "Lake Way", "", "#", "Suite"]),
        st.sampled_from(["", ", Ste. 100", " #12", " Unit B", ", Suite", " ste"]),
        st.sampled_from(["Denver", "", "San Antonio", "İstanbul", "\x00"]),
        st.sampled_from(["CO", "TX", "XX", "co", "", "Colorado"]),
        st.sampled_from(["80202", "8020", "802021", "80202-1234", "", "ABCDE"]),
    ),
)


@ci(60)
@given(address_like)
@example("4500 E 9th Ave, Denver, CO ٨٠٢٢٠")  # Arabic-Indic digits are no ZIP code
def test_parse_address(raw: str) -> None:
    addr = parse_address(raw)
    assert isinstance(addr, Address)
    assert addr.state is None or addr.state in US_STATES
    assert addr.zip is None or re.fullmatch(r"[0-9]{5}", addr.zip)
    for part in (addr.street, addr.city):
        assert part is None or (isinstance(part, str) and part == part.strip())


@ci(60)
@given(st.one_of(address_like, st.none()))
@example("##0")  # gave "#Suite 0", then "Suite Suite 0"
@example("# #0")
@example("1200 Main St Ste #100")  # gave "1200 Main St Ste Suite 100"
@example("0" * 198 + "#0")  # 205 characters once `#` became `Suite`; cut to 200 the next time
def test_normalize_street(raw: str | None) -> None:
    out = normalize_street(raw)
    if out is None:
        return
    assert isinstance(out, str) and out == out.strip() and "  " not in out and len(out) <= 200
    assert normalize_street(out) == out


def test_street_unit_after_suite_word() -> None:
    assert normalize_street("1200 Main St Ste #100") == "1200 Main St Suite 100"
    assert normalize_street("1200 Main St ## 100") == "1200 Main St Suite 100"


@ci(60)
@given(st.one_of(anything, st.none(), st.from_regex(r"\A\s*\d{5}(-\d{4})?\s*\Z")))
def test_zip_lookups(raw: str | None) -> None:
    point = zip_latlon(raw)
    place = zip_place(raw)
    assert (point is None) == (place is None)
    if point is not None and place is not None:
        lat, lon = point
        assert math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        assert all(isinstance(x, str) for x in place)


# --- dashboard link safety ---------------------------------------------------------------------


@ci(300)
@given(st.one_of(url_like, st.none(), st.integers()))
def test_safe_url_only_http(value: object) -> None:
    out = safe_url(value)
    if out is None:
        return
    assert isinstance(value, str) and out == value.strip()
    assert HTTP_ONLY.match(out), out
    assert not any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in out), out


@ci(100)
@given(st.one_of(anything, st.none(), st.integers(), st.floats()), st.integers(0, 600))
@example("abcd", 0)  # gave "abc…"
def test_plain_is_one_printable_line(value: object, limit: int) -> None:
    out = plain(value, limit)
    assert isinstance(out, str) and len(out) <= limit and out == out.strip()
    assert not any(ch != " " and (ch.isspace() or unicodedata.category(ch)[0] == "C") for ch in out)


@ci(100)
@given(st.one_of(url_like, st.none()))
@example("http://[::1")  # raised ValueError
def test_page_label(url: str | None) -> None:
    out = page_label(url)
    assert isinstance(out, str) and len(out) <= 120 and out == plain(out, 120)


@ci(100)
@given(anything)
def test_md_escape_is_literal(text: str) -> None:
    out = md_escape(text)
    assert not any(ch.isspace() and ch != " " for ch in out)
    # every ASCII punctuation character escaped, and unescaped it is the text itself
    assert re.fullmatch(r"(?:\\[!-/:-@\[-`{-~]|[^!-/:-@\[-`{-~])*", out), out
    assert re.sub(r"\\(.)", r"\1", out) == " ".join(text.split())


# --- CSV export --------------------------------------------------------------------------------

cell = st.one_of(
    st.text(),
    st.builds(
        lambda p, t: p + t,
        st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", " =", "'"]),
        st.text(),
    ),
    st.sampled_from(
        ['=HYPERLINK("http://evil")', "=1+1", "@SUM(A1)", "-1", "+1", "\t=1", "\r=1", "'=1"]
    ),
)


def csv_roundtrip(rows: list[list[str]]) -> list[list[str]]:
    """Through the csv module's own dialect (CRLF rows, so it quotes a cell holding a CR)."""
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(rows)
    return list(csv.reader(io.StringIO(buf.getvalue(), newline="")))


@ci(300)
@given(st.lists(cell, min_size=1, max_size=5))
@example(["\r=1", "-1", "=1+1"])
def test_neutralized_cells_roundtrip(cells: list[str]) -> None:
    (back,) = csv_roundtrip([[neutralize(c) for c in cells]])
    for original, read in zip(cells, back, strict=True):
        assert not read.startswith(FORMULA_PREFIXES), read
        assert read == original or (
            read == "'" + original and original.startswith(FORMULA_PREFIXES)
        )


@ci(30)
@given(st.lists(st.tuples(cell, cell, cell, cell), min_size=1, max_size=4))
@example([("a", "b", "c", "'\r=HYPERLINK(1)")])  # the CR ended the row; the next began with "="
def test_exported_csv_has_no_formulas(rows: list[tuple[str, str, str, str]]) -> None:
    """The whole export path: every text column of `export_frame`, through pandas' CSV writer."""
    records = []
    for i, (name, website, street, flag) in enumerate(rows):
        records.append(
            {
                "rank": i + 1, "clinic_id": i + 1, "name": name, "website": website, "phone": name,
                "street": street, "city": flag, "state": flag, "zip": street, "lat": None, "lon": None,
                "distance_miles": None, "routes": [flag, "iv"], "price_min_usd": None,
                "price_max_usd": None, "insurance": flag, "financing": None, "ptsd": True,
                "rating": None, "review_count": None, "score_overall": 1.0, "coverage": 0.5,
                "red_flags": [flag], "evidence_count": 1, "last_crawled": None, "telehealth": None,
                "veterans": False, "superbill": None, "stale": False,
                **{f"score_{c}": 0.0 for c in CRITERIA},
            }
        )  # fmt: skip
    buf = io.StringIO()
    export_frame(pd.DataFrame(records)).to_csv(buf, index=False, lineterminator="\n")
    header, *back = csv.reader(io.StringIO(buf.getvalue(), newline=""))
    assert len(back) == len(rows) and all(len(row) == len(header) for row in back)
    for row in back:
        for value in row:
            assert not value.startswith(FORMULA_PREFIXES), value
    for (name, website, street, _flag), row in zip(rows, back, strict=True):
        got = dict(zip(header, row, strict=True))
        for column, value in (("name", name), ("website", website), ("street", street)):
            # the value itself, modulo the `'` guard and line breaks written as `\n`
            same = value.replace("\r\n", "\n").replace("\r", "\n")
            assert got[column] in (same, "'" + same), (column, value, got[column])
            assert got[column] == same or same.startswith(FORMULA_PREFIXES)


weights_text = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.tuples(
            st.sampled_from([*CRITERIA, "EXPERTISE ", "bogus", ""]),
            st.sampled_from(["=", "", "==", ":"]),
            st.one_of(
                st.sampled_from(
                    ["1", "0", "-1", "nan", "inf", "1e308", "1e309", "1_0", " 2 ", "", "0x1"]
                ),
                st.floats(allow_nan=True).map(repr),
            ),
        ),
        max_size=6,
    ).map(lambda parts: ",".join(f"{n}{s}{v}" for n, s, v in parts)),
)


@ci(300)
@given(st.one_of(weights_text, st.none()))
@example("expertise=1e308,holistic=1e308")
def test_parse_weights(text: str | None) -> None:
    try:
        weights = parse_weights(text)
    except ExportError as exc:
        assert str(exc)
        return
    assert set(weights) == set(CRITERIA)
    assert all(math.isfinite(w) and w >= 0 for w in weights.values())
    total = sum(weights.values())
    assert math.isfinite(total) and total > 0
