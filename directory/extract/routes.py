"""Which routes of administration this provider offers.

A route counts when the page says the provider gives it, not when it is only explained:
"ketamine can be given IV, IM or orally" and "unlike IV infusions, ..." are education.
Conventions (realpages/README.md): Spravato/esketamine is `esketamine` (and an "intranasal"
that turns out to be Spravato folds into it); a lozenge or troche is `sublingual` unless the
page calls it oral; "infusion" on a provider's own page is `iv`; an unqualified "injection"
is not `im`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from directory.extract.patterns import FIRST_PERSON, Hit, context_lower, rx, words
from directory.extract.text import PageText, Sentence

ROUTE_ORDER = ("iv", "im", "intranasal", "oral", "sublingual", "esketamine")

# (route, pattern on the sentence's original text); IV and IM are matched in capitals only
_MENTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iv", re.compile(
        r"(?<!Schedule )(?<!Stage )(?<!Type )(?<!Phase )(?<!Class )(?<!Part )(?<!Level )\bIV\b"
        r"|(?i:\bintravenous(?:ly)?\b|\binfusions?\b)")),
    ("im", re.compile(r"\bIM\b|(?i:\bintra-?muscular(?:ly)?\b)")),
    ("intranasal", re.compile(
        r"(?i:\bintra-?nasal(?:ly)?\b|\bnasally\b|\bnasal\b(?! passages?| congestion| cavity))")),
    ("oral", re.compile(
        r"(?i:\borally\b|\bby mouth\b|\boral(?=[ /-](?:ketamine|troches?|lozenges?|tablets?|"
        r"capsules?|solution|dos(?:e|es|ing)|form|route|administration|therapy|treatment|program|"
        r"option|sublingual|/sublingual))|\bsublingual/oral\b)")),
    ("sublingual", re.compile(r"(?i:\bsub-?lingual(?:ly)?\b)")),
    ("lozenge", re.compile(
        r"(?i:\blozenges?\b|\btroches?\b|\brapid[- ]dissolv\w+ (?:tablets?|tabs?)\b|\bbuccal\b|"
        r"\bdissolv\w+ (?:under|in) (?:the|your) (?:tongue|mouth)\b)")),
    ("esketamine", re.compile(r"(?i:\bspravato\b|\besketamine\b)")),
)
_ROUTE_TRIGGERS: dict[str, frozenset[str]] = {
    "iv": words("iv intravenous intravenously infusion infusions"),
    "im": words("im intramuscular intramuscularly intra muscular"),
    "intranasal": words("nasal intranasal nasally intra"),
    "oral": words("oral orally mouth"),
    "sublingual": words("sublingual sublingually sub lingual"),
    "lozenge": words("lozenge lozenges troche troches rapid buccal dissolve dissolving dissolves"),
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

# education, comparison, research and market talk: the route is explained, not offered
_GENERAL = rx(
    r"\bcan (?:also )?be (?:given|administered|delivered|taken|used|prescribed)\b"
    r"|\bmay be (?:given|administered|delivered)\b"
    r"|\b(?:various|variety of|several|multiple|different|many|two|three|four|other) "
    r"(?:ways|forms|routes|methods|options|formulations)\b"
    r"|\bforms? of (?:administration|ketamine|delivery)\b|\bsuch as\b|\bincluding\b"
    r"|\b(?:is|are) (?:typically|usually|commonly|often|traditionally|most commonly) "
    r"(?:given|administered|delivered|used)\b"
    r"|\beither\b|\bwhether\b|\bfda[- ‑]approved\b|\bapproved (?:by|for|in|intranasal)\b"
    r"|\b(?:fda|gained|received|government) approval\b|\bresearch\w*\b|\bstud(?:y|ies)\b"
    r"|\btrials?\b|\bone option\b|\balso possible\b|\bhistorically\b"
    r"|\brelated (?:drug|medication|compound)\b|\bderivative\b|\benantiomer\b|\bchemically\b"
    r"|\bbrand name\b|\b(?:acts?|works?) (?:on|by)\b|\bmechanism\b|\byou may have heard\b"
    r"|\balso known as\b|\bdeveloped by\b|\bavailable at certain\b"
    r"|\b(?:other|some|most|many) clinics\b|\bclinics (?:across|nationwide|around)\b"
    r"|\bsome charge\b|\bvar(?:y|ies) (?:widely|dramatically|by)\b|\(us\)|\bcanada\b"
)
# in "X, as opposed to Y" / "unlike Y, X": Y (up to the next comma) is not offered
_CONTRAST = rx(
    r"\b(?:as opposed to|unlike|compared (?:to|with)|rather than|instead of|versus|vs\.?|"
    r"while|whereas|other than|in contrast to)\b[^,;.]*"
)
_STRONG_OFFER = rx(
    r"\b(?:offers?|offering|provides?|providing|specializ\w+ in|administers?|utilizes?|"
    r"now offering|we use|we only use|exclusively use)\b[^.]{0,60}$"
)
_AT_CLINIC = re.compile(
    r"\b[Aa]t (?!This|That|These|Least|Home|Times|First|Higher|Lower|Sub|The |Low|High|All|Any|"
    r"Each|Some|Most|Doses|Present|Night|Risk|Rest|Its|Their|Your)[A-Z][a-z]+"
)
_CHOICE = rx(
    r"\b(?:choose|choice|choices|options?|prefer\w*|depending on (?:your|the patient|each|"
    r"individual)|best suited|right for you|which (?:route|method|form|option)|alternatively|"
    r"tailor\w*|individuali[sz]\w*|personali[sz]\w*|customi[sz]\w*)\b"
)


@dataclass
class RouteFindings:
    """Routes offered, plus the sentence that offers a choice of two or more."""

    routes: list[str]
    multiple: Hit | None


def find_routes(page: PageText, market: set[int] | None = None) -> RouteFindings:
    """The routes this page says the provider offers (sorted), and `multiple_routes`."""
    market = market or set()
    found: dict[str, bool] = {}  # route -> seen
    per_sentence: list[tuple[Sentence, set[str]]] = []
    if page.title:
        _collect(page.title, None, found)
    for s in page.candidates(_TRIGGERS):
        if s.index in market:
            continue
        seen = _collect(s.text, s, found)
        if seen:
            per_sentence.append((s, seen))
    # a lozenge is sublingual unless the page itself calls it oral ketamine
    if found.pop("lozenge", False) and "oral" not in found:
        found["sublingual"] = True
    # "intranasal" on a page that offers Spravato is Spravato
    if "esketamine" in found:
        found.pop("intranasal", None)
    routes = sorted(found, key=ROUTE_ORDER.index)
    return RouteFindings(routes, _multiple(per_sentence, set(routes)))


def _collect(text: str, s: Sentence | None, found: dict[str, bool]) -> set[str]:
    lower = text.lower()
    context = context_lower(s) if s is not None else lower
    strong = bool(FIRST_PERSON.search(context) or _AT_CLINIC.search(text))
    maybe_general = s is None or not s.words.isdisjoint(_GENERAL_WORDS)
    general = maybe_general and bool(_GENERAL.search(lower))
    lead = s.block.lead_in if s is not None else None
    if lead and (FIRST_PERSON.search(lead.lower()) or _AT_CLINIC.search(lead)):
        strong, general = True, False  # "At X we use the following:" - its items are offers
    if general and not strong:
        return set()
    blocked = [(m.start(), m.end()) for m in _CONTRAST.finditer(lower)]
    seen: set[str] = set()
    for route, pat in _MENTIONS:
        if s is not None and s.words.isdisjoint(_ROUTE_TRIGGERS[route]):
            continue
        for m in pat.finditer(text):
            if any(a <= m.start() < b for a, b in blocked):
                continue
            if route == "iv" and _NOT_KETAMINE_INFUSION.search(lower, 0, m.start()):
                continue
            if route == "oral" and _NOT_KETAMINE_ORAL.search(lower, m.end()):
                continue
            if general and not _offered_here(text, m.start()):
                continue
            seen.add(route)
            found[route] = True
            break
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
    )


def _multiple(per_sentence: list[tuple[Sentence, set[str]]], offered: set[str]) -> Hit | None:
    """A sentence that offers a choice among two or more of the routes offered."""
    for s, seen in per_sentence:
        named = {"sublingual" if r == "lozenge" else r for r in seen} & offered
        if len(named) >= 2 and _CHOICE.search(context_lower(s)):
            return Hit(s, 0, len(s.text))
    return None
