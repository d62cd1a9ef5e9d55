"""Signal and fact extraction: one page in, a `PageExtraction` out.

    extract_page(url, body) -> PageExtraction   # facts, evidence per signal, red flags
    extraction_json(pe)     -> dict             # the `clinics extract` object (SPEC 7)

The page is decoded and parsed once (lxml); structured data is read from that tree with
extruct; the visible text becomes sentences that the detectors in `signals`, `cost`,
`prices`, `routes` and `facts` read. Every quote is an exact substring of a sentence of the
page's visible text (whitespace collapsed), at most 200 characters; the two signals that can
come from structured data alone (`aggregate_rating`, an offer's `session_price`) quote the
JSON-LD or microdata fragment verbatim from the page source (see `source_excerpt`). Pure: no I/O, no network, no global state; garbage in gives an empty extraction,
never an exception.

Modules: `text` (decode, parse, blocks, sentences, word index), `patterns` and `rules`
(shared vocabulary and the detector building block), `signals` (expertise, holistic, safety,
reviews, personalization, red flags), `cost` (insurance, financing, superbill/HSA),
`prices` (per-session prices vs other fees), `routes`, `facts` (PTSD, conditions,
telehealth, veterans, clinicians, text ratings), `structured` (JSON-LD, microdata),
`report` (JSON object and per-page scores).
"""

from __future__ import annotations

import re

import lxml.html

from directory.extract.cost import find_cost
from directory.extract.facts import find_text_facts
from directory.extract.features import PageReading
from directory.extract.model import ModelError, default_model
from directory.extract.patterns import VOCABULARY, Hit
from directory.extract.prices import find_prices, offer_session_prices
from directory.extract.report import criterion_scores, extraction_json
from directory.extract.routes import find_routes, is_article
from directory.extract.rules import survey
from directory.extract.signals import (
    EXPERTISE_RULES,
    HOLISTIC_RULES,
    PERSONALIZATION_RULES,
    RED_FLAG_RULES,
    REVIEW_RULES,
    SAFETY_RULES,
)
from directory.extract.structured import StructuredData, read_structured
from directory.extract.text import decode_body, page_text, parse_html, quote, visible_text
from directory.normalize import clean_text, normalize_phone, parse_address
from directory.rubric import SIGNALS
from directory.types import Evidence, Facts, Flag, PageExtraction

__all__ = ["criterion_scores", "extract_page", "extraction_json", "read_page"]

_TEXT_RULES = EXPERTISE_RULES + HOLISTIC_RULES + SAFETY_RULES + PERSONALIZATION_RULES + REVIEW_RULES
_VOCABULARY = frozenset(VOCABULARY)  # every module's trigger words, fixed once imported
_EMAIL = re.compile(r"^[\w.+'-]+@[\w-]+(?:\.[\w-]+)+$")
_STATE = re.compile(r"[A-Z]{2}")  # ASCII: "ÄÖ" is no state code
_ZIP = re.compile(r"[0-9]{5}")  # ASCII digits: "0" or "٨٠٢٠٢" is no ZIP code


def extract_page(
    url: str,
    body: bytes | str,
    *,
    encoding: str | None = None,
    rules_only: bool = False,
) -> PageExtraction:
    """Everything one page says: facts, evidence per signal, red flags. Never raises (but
    for a broken model file, `ModelError`).

    The rules run first; then the shipped learned detectors add, for each criterion the rules
    found nothing for, the sentence they judge to carry it (unless `rules_only`)."""
    safe_url = url if isinstance(url, str) else ""
    try:
        reading = _extract(safe_url, body, encoding)
        if reading is None:
            return PageExtraction(url=safe_url, facts=Facts())
        if not rules_only:
            default_model().revise(reading)
        return reading.rules
    except ModelError:
        raise  # a broken installation is not a hostile page
    except Exception:  # a hostile page must cost one empty row, never a crawl
        return PageExtraction(url=safe_url, facts=Facts())


def read_page(url: str, body: bytes | str, *, encoding: str | None = None) -> PageReading | None:
    """The page as the learned detectors read it (its sentences, what the rules alone
    extract, the rule signals of each sentence); None when it has no text. For training on
    exactly what extraction sees."""
    return _extract(url, body, encoding)


def _extract(url: str, body: bytes | str, encoding: str | None) -> PageReading | None:
    if not isinstance(body, bytes | bytearray | memoryview | str):
        return None
    raw = body if isinstance(body, str) else bytes(body)
    text = decode_body(raw, encoding)
    doc = parse_html(text)
    if doc is None:
        return None
    page = page_text(doc, _VOCABULARY)
    data = read_structured(doc, text, url)

    prices = find_prices(page)
    cost = find_cost(page, is_article(page, url))
    routes = find_routes(page, prices.market_sentences, url)
    told = find_text_facts(page)
    found, signals = survey(page, _TEXT_RULES)
    hits: dict[str, Hit | str] = dict(found)

    session_usd = list(prices.session_usd)
    if not session_usd:  # structured offers are weak evidence: used only when the text is silent
        from_offers = offer_session_prices((o.name, o.price) for o in data.offers)
        if from_offers:
            session_usd = from_offers
            snippet = source_excerpt(text, doc, "offers")
            if snippet:
                hits["session_price"] = snippet
    _put(hits, "session_price", prices.session_hit)
    _put(hits, "other_fees", prices.other_fee_hit or cost.package_discount_hit)
    _put(hits, "insurance_policy", cost.insurance_hit)
    _put(hits, "superbill_hsa", cost.benefit_hit)
    if cost.financing:
        _put(hits, "financing", cost.financing_hit)
    _put(hits, "multiple_routes", routes.multiple)

    rating, count, source = None, None, None
    if data.rating is not None:
        rating, count, source = data.rating.value, data.rating.count, data.rating.source
        snippet = source_excerpt(text, doc, "aggregateRating")
        if snippet:
            hits["aggregate_rating"] = snippet
    elif told.rating is not None:
        rating, count, source = told.rating, told.review_count, "page"
        _put(hits, "aggregate_rating", told.rating_hit)

    for signal, hit in hits.items():  # the other detectors' sentences, for the learned ones
        if isinstance(hit, Hit):
            signals.setdefault(hit.sentence.index, set()).add(signal)
    evidence = [
        Evidence(sig.criterion, sig.id, _quote(hits[sig.id]), url)
        for sig in SIGNALS
        if sig.id in hits
    ]
    flags = [
        Flag(flag, quote(hit.sentence, hit.start, hit.end), url)
        for flag, hit in survey(page, RED_FLAG_RULES)[0].items()
    ]
    facts = Facts(
        routes=routes.routes,
        price_min_usd=min(session_usd) if session_usd else None,
        price_max_usd=max(session_usd) if session_usd else None,
        insurance=cost.insurance,
        financing=cost.financing,
        superbill=cost.superbill,
        hsa_fsa=cost.hsa_fsa,
        ptsd=told.ptsd,
        conditions=told.conditions,
        telehealth=told.telehealth,
        veterans=told.veterans,
        rating=rating,
        review_count=count,
        rating_source=source,
        clinicians=told.clinicians,
    )
    _contact_facts(facts, data, doc)
    pe = PageExtraction(url=url, facts=facts, evidence=evidence, red_flags=flags, title=page.title)
    structured = frozenset(signal for signal, hit in hits.items() if isinstance(hit, str))
    return PageReading(page, pe, signals, structured)


def source_excerpt(
    source: str, doc: lxml.html.HtmlElement, prop: str, limit: int = 200
) -> str | None:
    """The structured-data statement of `prop`, verbatim from the clinic's own page.

    Microdata: the visible text of the element carrying `itemprop=prop`, as page text (blocks
    apart, hidden parts left out). Otherwise the page's words are its markup, so the quote is
    the `"prop"...` fragment of a JSON-LD script (else of the source: microdata in `<meta>`
    tags), cut at the end of its object or at `limit` characters, and only if the source
    holds it verbatim.
    """
    for element in doc.xpath(f'//*[@itemprop="{prop}"]')[:1]:
        visible = visible_text(element)[:limit].rstrip()
        if visible:
            return visible
    key = f'"{prop}"'
    scripts = [
        script.text or ""
        for script in doc.iter("script")
        if (script.get("type") or "").strip().lower() == "application/ld+json"
    ]
    for code in (*scripts, source):
        start = code.find(key)
        if start < 0:
            continue
        window = code[start : start + limit]
        end = window.find("}")
        excerpt = (window[: end + 1] if end > 0 else window).strip()
        if excerpt and excerpt in source:
            return excerpt
    return None


def _put(hits: dict[str, Hit | str], signal: str, hit: Hit | None) -> None:
    if hit is not None and signal not in hits:
        hits[signal] = hit


def _quote(hit: Hit | str) -> str:
    return hit if isinstance(hit, str) else quote(hit.sentence, hit.start, hit.end)


def _contact_facts(facts: Facts, data: StructuredData, doc: lxml.html.HtmlElement) -> None:
    """Name, phone, email and address from structured data, then tel:/mailto: links."""
    facts.name = clean_text(data.name, 200) or _site_name(doc)
    phone = data.telephone or _link(doc, "tel:")
    facts.phone = normalize_phone(phone) if phone else None
    email = data.email or _link(doc, "mailto:")
    email = (email or "").split("?")[0].strip()
    facts.email = email if _EMAIL.match(email) else None
    if data.street or data.city or data.zip:
        facts.street, facts.city = clean_text(data.street, 200), clean_text(data.city, 80)
        state = (clean_text(data.state, 20) or "").upper()
        facts.state = state if _STATE.fullmatch(state) else None
        zip5 = (data.zip or "")[:5]
        facts.zip = zip5 if _ZIP.fullmatch(zip5) else None
    elif data.address_text:
        address = parse_address(data.address_text)
        facts.street, facts.city, facts.state, facts.zip = (
            address.street,
            address.city,
            address.state,
            address.zip,
        )


def _site_name(doc: lxml.html.HtmlElement) -> str | None:
    for meta in doc.iter("meta"):
        if meta.get("property") == "og:site_name":
            return clean_text(meta.get("content"), 200)
    return None


def _link(doc: lxml.html.HtmlElement, scheme: str) -> str | None:
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if href.lower().startswith(scheme):
            return href[len(scheme) :].strip() or None
    return None
