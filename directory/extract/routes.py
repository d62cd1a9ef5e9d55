"""Which routes of administration this provider offers.

A route counts when the page says the provider gives it, not when it is only explained:
"ketamine can be given IV, IM or orally" and "unlike IV infusions, ..." are education.
Conventions (realpages/README.md): Spravato/esketamine is `esketamine` (and an "intranasal"
that turns out to be Spravato folds into it); a lozenge or troche is `sublingual` unless the
page calls it oral; "infusion" on a provider's own page is `iv`; an unqualified "injection"
is not `im`.

`multiple_routes` (personalization) needs more than two routes on a page: it needs the page
to offer a *choice* between them ("depending on your needs", "patients can choose"). The
labelled real pages never count a plain list of services as personalization (nine of nine
multi-route pages there are labelled without it), and counting it would drop
personalization F1 there from 1.00 to 0.75.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from directory.extract.patterns import FIRST_PERSON, Hit, context_lower, negated, rx, words
from directory.extract.text import PageText, Sentence

ROUTE_ORDER = ("iv", "im", "intranasal", "oral", "sublingual", "esketamine")

# (route, pattern on the sentence's original text); IV and IM are matched in capitals only
_MENTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iv",
        rx(
            r"\b(?:(?<!Schedule )(?<!Stage )(?<!Type )(?<!Phase )(?<!Class )(?<!Part )(?<!Level )IV"
            r"|(?i:intravenous(?:ly)?|infusions?))\b"
        ),
    ),
    ("im", rx(r"\b(?:IM|(?i:intra-?muscular(?:ly)?))\b")),
    (
        "intranasal",
        rx(r"\b(?i:intra-?nasal(?:ly)?\b|nasally\b|nasal\b(?! passages?| congestion| cavity))"),
    ),
    (
        "oral",
        rx(
            r"\b(?i:orally\b|by mouth\b|sublingual/oral\b|oral(?=[ /-](?:ketamine|troches?|lozenges?|"
            r"tablets?|capsules?|solution|dos(?:e|es|ing)|form|route|administration|therapy|treatment|"
            r"program|option|sublingual|/sublingual)))"
        ),
    ),
    ("sublingual", rx(r"\b(?i:sub-?lingual(?:ly)?)\b")),
    (
        "lozenge",
        rx(
            r"\b(?i:lozenges?|troches?|(?:rapid[- ])?dissolv(?:able|ing|e) (?:tablets?|tabs?)|"
            r"rapid[- ]dissolv\w+ (?:tablets?|tabs?)|buccal|"
            r"dissolv\w+ (?:under|in) (?:the|your) (?:tongue|mouth))\b"
        ),
    ),
    ("esketamine", rx(r"\b(?i:spravato|esketamine)\b")),
)
_ROUTE_TRIGGERS: dict[str, frozenset[str]] = {
    "iv": words("iv intravenous intravenously infusion infusions"),
    "im": words("im intramuscular intramuscularly intra muscular"),
    "intranasal": words("nasal intranasal nasally intra"),
    "oral": words("oral orally mouth"),
    "sublingual": words("sublingual sublingually sub lingual"),
    "lozenge": words(
        "lozenge lozenges troche troches rapid buccal dissolve dissolving dissolves dissolvable"
    ),
    "esketamine": words("spravato esketamine"),
}
_TRIGGERS = frozenset().union(*_ROUTE_TRIGGERS.values())
# words without which _GENERAL cannot match (a cheap test before the regex)
_GENERAL_WORDS = words(
    "can may various variety several multiple different many two three four other forms form "
    "such including typically usually commonly often traditionally either whether fda approved "
    "approval research researchers study studies trial trials option possible historically "
    "related derivative enantiomer chemically brand acts act works work mechanism heard known "
    "developed certain clinics some most charge vary varies us canada gained received government"
)
_NOT_KETAMINE_INFUSION = rx(
    r"(?:lidocaine|nad\+?|vitamin|iron|myers['’]?|hydration|nutrient|magnesium|remicade|insulin|"
    r"chemo\w*|saline|fluid)\s+(?:iv\s+)?$"
)
_NOT_KETAMINE_ORAL = rx(r"^[ /-]?(?:anti-?depressants?|medications?|anti-?nausea|hygiene|surgery)")
# "an antidepressant taken by mouth": the oral drug is another medicine
_OTHER_ORAL_DRUG = rx(
    r"\b(?:anti-?depressants?|medications?|medicines?|pills?|drugs?|ssris?|prescriptions?)"
    r"(?: \w+){0,2} (?:taken |given )?$"
)
# "we don't provide infusions to people with ...": a refusal for some patients is an offer to
# the others
_SCOPED_REFUSAL = rx(
    r"\bto (?:people|patients|anyone|those|individuals|someone|adults|children|minors|women|men)"
    r" (?:with|who|under|over|that)\b|\bif you\b|\bunless\b|\bwho (?:are|have)\b"
)

# education, comparison, research and market talk: the route is explained, not offered
_GENERAL = rx(
    r"\bcan (?:also )?be (?:given|administered|delivered|taken|used|prescribed)\b"
    r"|\bmay be (?:given|administered|delivered)\b"
    r"|\b(?:various|variety of|several|multiple|different|many|two|three|four|other) "
    r"(?:ways|forms|routes|methods|options|formulations)\b"
    r"|\bforms? of (?:administration|ketamine|delivery)\b|\bsuch as\b|\bincluding\b"
    r"|\b(?:is|are) (?:typically|usually|commonly|often|traditionally|most commonly) "
    r"(?:given|administered|delivered|used)\b"
    r"|\beither\b|\bwhether\b|\b(?:is|are|was|were|been|not|only|being) (?:\w+ )?fda[- ‑]approved\b"
    r"|\bapproved (?:by|for|in|intranasal)\b|\bfda (?:has |had )?approved\b"
    r"|\b(?:fda|gained|received|government) approval\b|\bresearch\w*\b|\bstud(?:y|ies)\b"
    r"|\btrials?\b|\bone option\b|\balso possible\b|\bhistorically\b"
    r"|\brelated (?:drug|medication|compound)\b|\bderivative\b|\benantiomer\b|\bchemically\b"
    r"|\bbrand name\b|\b(?:acts?|works?) (?:on|by)\b|\bmechanism\b|\byou may have heard\b"
    r"|\balso known as\b|\bdeveloped by\b|\bavailable at certain\b"
    r"|\b(?:other|some|most|many) clinics\b|\bclinics (?:across|nationwide|around)\b"
    r"|\bsome charge\b|\bvar(?:y|ies) (?:widely|dramatically|by)\b|\(us\)|\bcanada\b"
    r"|\b(?:is|are) (?:also )?available (?:as|in)\b"
)
# in "X, as opposed to Y" / "unlike Y, X": Y (up to the next comma) is not offered
_CONTRAST = rx(
    r"\b(?:as opposed to|unlike|compared (?:to|with)|rather than|instead of|versus|vs\.?|"
    r"while|whereas|other than|in contrast to|different (?:from|than)|not the same as)\b[^,;.]*"
)
_NOT_OFFERED_AFTER = rx(
    r"[^,;.]{0,30}?\b(?:is|are)(?: currently)? (?:not|no longer) (?:offered|available|provided|"
    r"used|administered)\b|[^,;.]{0,30}?\b(?:isn['’]t|aren['’]t) (?:offered|available|provided)\b"
)
# "Spravato is a nasal spray; we do not currently offer it" - the routes before are not offered
_NEGATED_OFFER = rx(
    r"\b(?:we|our (?:clinic|practice|office|team))\b[^.;]{0,20}?\b(?:do not|don['’]t|does not|"
    r"doesn['’]t|no longer|cannot|can['’]t|won['’]t)\b[^.;]{0,15}?\b(?:offer|provide|use|administer|give|"
    r"prescribe|carry)\w*\b"
    r"|\b(?:is not|are not|isn['’]t|aren['’]t|not) (?:currently )?(?:available|offered|provided|"
    r"administered) (?:at|in|here|by|through)\b"
)
# a choice among routes is itself an offer ("Patients can choose between IV, IM and ...")
_CHOICE_OFFER = rx(
    r"\b(?:patients|you) can choose\b|\bchoose between\b|\bchoice of\b|\bavailable routes\b|"
    r"\broutes available\b|\bwe can administer\b|\bdepending on your (?:[\w-]+ )?(?:needs|history|"
    r"preferences?|goals|symptoms)\b|\bwhich (?:option|route|form) (?:suits|fits|is right for) you\b"
)
# racemic nasal ketamine named as such (not Spravato's "nasal spray")
_NASAL_KETAMINE = rx(
    r"\b(?:intra-?nasal|nasal) (?:racemic )?ketamine\b|\bketamine nasal spray\b|"
    r"\bcompounded (?:ketamine )?nasal\b|\bracemic\b"
)
_STRONG_OFFER = rx(
    r"\b(?:offers?|offering|provides?|providing|specializ\w+ in|administers?|utilizes?|"
    r"now offering|we use|we only use|exclusively use|focus\w* (?:exclusively |solely |only )?on)\b"
    r"[^.]{0,60}$"
)
_AT_CLINIC = re.compile(
    r"\b[Aa]t (?!This|That|These|Least|Home|Times|First|Higher|Lower|Sub|The |Low|High|All|Any|"
    r"Each|Some|Most|Doses|Present|Night|Risk|Rest|Its|Their|Your)[A-Z][a-z]+"
)
_CHOICE = rx(
    r"\b(?:choose|choice|choices|options?|prefer\w*|depending on (?:your|the patient|each|"
    r"individual)|best suited|right for you|which (?:route|method|form|option)|alternatively|"
    r"tailor\w*|individuali[sz]\w*|personali[sz]\w*|customi[sz]\w*|more than one (?:way|route))\b"
)


@dataclass
class RouteFindings:
    """Routes offered, plus the sentence that offers a choice of two or more."""

    routes: list[str]
    multiple: Hit | None


def find_routes(page: PageText, market: set[int] | None = None, url: str = "") -> RouteFindings:
    """The routes this page says the provider offers (sorted), and `multiple_routes`.

    On an article (a blog post, an explainer titled as a question) routes are often the
    subject rather than the service: there a heading naming a route, or a sentence about how
    things usually go, does not offer it; the clinic describing its own process still does.
    """
    market = market or set()
    article = is_article(page, url)
    found: dict[str, bool] = {}  # route -> seen
    per_sentence: list[tuple[Sentence, set[str]]] = []
    candidates = [s for s in page.candidates(_TRIGGERS) if s.index not in market]
    titles = [page.title or ""] + [s.block.heading or "" for s in candidates]
    comparison = any(_compares_routes(t) for t in set(titles) if t)
    if page.title and not (comparison or article):
        _collect(page.title, None, found)
    for s in candidates:
        if article and _explains(s):
            continue
        seen = _collect(s.text, s, found, comparison)
        if seen:
            per_sentence.append((s, seen))
    # a lozenge is sublingual unless the page itself calls it oral ketamine
    if found.pop("lozenge", False) and "oral" not in found:
        found["sublingual"] = True
    # "intranasal" on a page that offers Spravato is Spravato, unless one sentence names both
    # as different things ("IV infusions, intranasal ketamine spray and Spravato")
    distinct = any(
        {"intranasal", "esketamine"} <= seen and _NASAL_KETAMINE.search(s.lower)
        for s, seen in per_sentence
    )
    if "esketamine" in found and not distinct:
        found.pop("intranasal", None)
    routes = sorted(found, key=ROUTE_ORDER.index)
    return RouteFindings(routes, _multiple(per_sentence, set(routes)))


_ARTICLE_PATH = re.compile(
    r"/(?:blog|blogs|news|articles?|posts?|learn|resources|insights|library|education|journal)(?:/|$)",
    re.IGNORECASE,
)
_ARTICLE_TITLE = rx(
    r"^(?:what|how|why|when|is|are|can|does|do|should|will|which|who)\b[^?]*\?|\bvs\.?\b|\bversus\b|"
    r"\bguide\b|\bexplained\b|\bmyths?\b|\bfacts?\b|\bresearch\b|\bwhat you need to know\b"
)


# how things go in general, on an article: "usually", "off-label", "list price"
_ARTICLE_GENERAL = rx(
    r"\b(?:usually|often|frequently|typically|generally|commonly|tends? to|off-label|generic|"
    r"list price|lists at|nationally|(?:some|many|most) (?:people|patients)|researchers?|doctors|"
    r"clinicians)\b"
    r"|^\W*(?:ask|compare|look for|check|find out|consider)\b"  # advice to the reader
    # a definition: "Esketamine is sold as a nasal spray", "IV ketamine is a ..."
    r"|^\W*(?:[\w®-]+ ){1,3}(?:is|are) (?:a|an|the|sold|made|given|known|derived|marketed)\b"
)


def _explains(s: Sentence) -> bool:
    """On an article: a heading naming a route, or a sentence about the field in general."""
    heading = len(s.text.split()) <= 4 and s.text.strip() == s.block.text.strip()
    return heading or (
        (s.is_question or _ARTICLE_GENERAL.search(s.lower) is not None)
        and FIRST_PERSON.search(s.lower) is None
        and _AT_CLINIC.search(s.text) is None
    )


def is_article(page: PageText, url: str) -> bool:
    """A blog post or explainer: by its address or a question/guide title."""
    path = urlsplit(url).path if url else ""
    return bool(
        _ARTICLE_PATH.search(path) or (page.title and _ARTICLE_TITLE.search(page.title.lower()))
    )


def _compares_routes(text: str) -> bool:
    """A title or heading that sets three or more routes side by side ("IV, IM or oral?")."""
    named = {route for route, pat in _MENTIONS if pat.search(text)}
    if "esketamine" in named and not _NASAL_KETAMINE.search(text.lower()):
        named.discard("intranasal")
    return len(named) >= 3 and not FIRST_PERSON.search(text.lower())


def _collect(
    text: str, s: Sentence | None, found: dict[str, bool], comparison: bool = False
) -> set[str]:
    """The routes one sentence (or the title) offers; they are also added to `found`.

    A sentence with education cues counts only where it also speaks for the clinic
    (first person, "At <Clinic>", a list introduced by "we use the following:"); a route
    inside a contrast ("unlike IV infusions") or a refusal ("we do not offer it") never
    counts; three or more routes listed without an offer are an education list.
    """
    lower = text.lower()
    context = context_lower(s) if s is not None else lower
    strong = bool(
        FIRST_PERSON.search(context) or _AT_CLINIC.search(text) or _CHOICE_OFFER.search(lower)
    )
    maybe_general = s is None or not s.words.isdisjoint(_GENERAL_WORDS)
    general = maybe_general and bool(_GENERAL.search(lower))
    lead = s.block.lead_in if s is not None else None
    if lead and (FIRST_PERSON.search(lead.lower()) or _AT_CLINIC.search(lead)):
        strong, general = True, False  # "At X we use the following:" - its items are offers
    if general and not strong:
        return set()
    if comparison and not (
        strong
        or _STRONG_OFFER.search(lower)
        or (s is not None and s.block.heading and FIRST_PERSON.search(s.block.heading.lower()))
    ):
        return set()  # on a page setting routes side by side, only the clinic's voice offers
    blocked = [(m.start(), m.end()) for m in _CONTRAST.finditer(lower)]
    refusal = _NEGATED_OFFER.search(lower)
    scoped = refusal is not None and _SCOPED_REFUSAL.search(lower, refusal.end()) is not None
    if refusal is not None and not scoped:
        blocked.append((0, refusal.end()))  # everything named before "we do not offer (it)"
    seen: set[str] = set()
    for route, pat in _MENTIONS:
        if s is not None and s.words.isdisjoint(_ROUTE_TRIGGERS[route]):
            continue
        for m in pat.finditer(text):
            if (
                any(a <= m.start() < b for a, b in blocked)
                or (negated(lower, m.start(), reach=40) and not scoped)
                or _NOT_OFFERED_AFTER.match(lower, m.end())
            ):
                continue  # "unlike IV infusions", "we do not offer Spravato", "... is not offered"
            if route == "iv" and _NOT_KETAMINE_INFUSION.search(lower, 0, m.start()):
                continue
            if route == "oral" and (
                _NOT_KETAMINE_ORAL.search(lower, m.end())
                or _OTHER_ORAL_DRUG.search(lower, max(0, m.start() - 40), m.start())
            ):
                continue
            if general and not _offered_here(text, m.start()):
                continue
            seen.add(route)
            break
    spray_is_spravato = "esketamine" in seen and not _NASAL_KETAMINE.search(lower)
    distinct = {"sublingual" if r == "lozenge" else r for r in seen}  # a lozenge is one route
    if len(distinct - ({"intranasal"} if spray_is_spravato else set())) >= 3 and not strong:
        return set()  # "ketamine comes as an IV infusion, a shot, a spray or a lozenge"
    for route in seen:
        found[route] = True
    return seen


def _offered_here(text: str, pos: int) -> bool:
    """In a general sentence with an offer in it, the route must sit next to that offer."""
    lower = text.lower()
    before, after = lower[max(0, pos - 80) : pos], lower[pos : pos + 80]
    return bool(
        FIRST_PERSON.search(before)
        or _STRONG_OFFER.search(before)
        or FIRST_PERSON.search(after)
        or _AT_CLINIC.search(text, pos, pos + 80)
        or _CHOICE_OFFER.search(before)
    )


def _multiple(per_sentence: list[tuple[Sentence, set[str]]], offered: set[str]) -> Hit | None:
    """A sentence that offers a choice among two or more of the routes offered."""
    for s, seen in per_sentence:
        named = {"sublingual" if r == "lozenge" else r for r in seen} & offered
        if len(named) >= 2 and _CHOICE.search(context_lower(s)):
            return Hit(s, 0, len(s.text))
    return None
