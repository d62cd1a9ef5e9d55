"""Per-session prices, told apart from every other dollar figure on a clinic page.

Each dollar amount is classified by the words right around it (bounded by its neighbouring
amounts, so "$250 consultation, $450 per infusion" splits cleanly), in this order:

1. ignored: cancellation/no-show/returned-check fees, deposits, copays, refunds, "$50 off each";
2. market: typical/average/national ranges, other clinics' prices ("can range from");
3. other fee: consultation, intake, evaluation, integration, package or series totals,
   memberships and monthly plans, other discounts (these still count as `other_fees`);
4. session: per infusion/session/treatment, "each infusion is", "starting at", intro prices;
5. a bare amount right after a classified one ("$365 $335 cash") shares its class.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from directory.extract.patterns import FIRST_PERSON, Hit, rx
from directory.extract.text import PageText, Sentence

MIN_SESSION_USD = 25.0
MAX_SESSION_USD = 5_000.0

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d{1,6})(?:\.(\d{1,2}))?"
# "$450", "$400-$600", "USD 375"; groups 1-2 the (first) amount, 3-4 a range's second amount
_MONEY_SIGN = r"(?:\$|usd\b)\s?"
_MONEY = re.compile(
    rf"(?<![\w$]){_MONEY_SIGN}{_NUMBER}(?![\d,]*\d)(?:\s*(?:-|–|—|to)\s*(?:{_MONEY_SIGN})?{_NUMBER}"
    r"(?![\d,]*\d))?(?!\s*(?:k\b|million|billion))"
    # "500 dollars", "375 USD" (groups 5-6)
    rf"|(?<![\w$.,]){_NUMBER}\s?(?:dollars|usd)\b",
    re.IGNORECASE,
)
# extras sold on top of a session, not the session
_ADD_ON = rx(r"\badd(?:-ons?| a| an| on)\b|\bupgrade\b|\bhydration\b|\bvitamins?\b|\bnad\+?")
_MONEY_CUE = re.compile(r"\$|\busd\b|\bdollars\b", re.IGNORECASE)
_IGNORED = rx(
    r"\bcancel\w*|\bno[- ]shows?\b|\blate\b|\bmissed\b|\breturned\b|\bnsf\b|\bbounced\b|"
    r"\bco-?pays?\b|\bsavings\b|\bdeposits?\b|\bbooking\b|\brefund\w*|\breschedul\w*|"
    r"\bbank\b|\bprocessing fee|\bdeductible|\breimburs\w*|\bgift card|\bparking\b|"
    r"\bactual ketamine\b|\bmedication itself\b|\bper vial\b|\bsaving\b"
    # "$50 off each infusion" for veterans: a discount, not a fee (package discounts: cost.py)
    r"|\boff (?:each|every|your|the|all|any|one|a)\b"
)
_NUM_WORD = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)"
# other providers' or the country's prices
_MARKET_STRONG = rx(
    r"\btypical(?:ly)?\b|\baverage\b|\bnational(?:ly)?\b|\bnationwide\b|\bindustry\b|"
    r"\bacross the (?:us|u\.s\.|country|united states)\b|\bin the (?:us|u\.s\.|united states)\b|"
    r"\b(?:most|many|some|other) (?:clinics|providers)\b|\bclinics (?:charge|may charge|typically|"
    r"often|usually)\b|\bsome charge\b|\bmarket\b|\b(?:can|may|could|might|generally|usually|"
    r"often|tend to) cost\b|\bexpect to pay\b|\(us\)|\bcanada\b|\bestimated?\b|\belsewhere\b|"
    r"\bcan range\b|\bvar(?:y|ies|ying)\b|\banywhere from\b|\bas much as\b|"
    r"\b(?:depending on|by|between|from) (?:the )?(?:clinics?|providers?|locations?|region|state)\b|"
    r"\b(?:usually|commonly|often|roughly|generally|ordinarily)(?: (?:between|from|around|about))?"
    r"\s*\Z"
)
_CLINIC_VOICE = rx(
    r"\bhere\b|\bat our\b|\bour (?:clinic|office|practice|center|centre|price|fee|rate)"
)
_OTHER_FEE = rx(
    r"\b(?:integration|preparation|prep|therapy|psychotherapy|counsel\w*|coaching|follow[- ]?ups?|"
    r"consultation|consult|intake|evaluation|assessment|talk therapy|group therapy|medication "
    r"management|psychiatric|psychiatry) (?:sessions?|visits?|appointments?|calls?|fees?)\b|"
    r"\bconsult\w*|\bintake\b|\bevaluation\b|\bassessment\b|\bfollow[- ]?ups?\b|\bintegration\b|"
    r"\bpreparation\b|\bprep\b|\bpsychotherapy\b|\bcounsel\w*|"
    r"\bvisits?\b|\bappointments?\b|\bmedication management\b|\bmembership\b|"
    r"\bper hour\b|\bhourly\b|/\s?h(?:ou)?r\b|"
    r"\bsubscription\b|\b(?:per|a|each) month\b|/\s?mo(?:nth)?\b|\bmonthly\b|\bannual\b|\byearly\b|\blabs?\b|\blab work\b|"
    r"\bblood work\b|\badmin\w*|\bletters?\b|\bforms?\b|\btelephone\b|\btotal\b|\bsave\b|"
    r"\boff\b|\bdiscount\w*|\bscreening\b|\bpsychiatri\w+|\bpsychologist\b|\bmd will\b"
)
# a number of sessions sold together; "6 infusions at $450 each" is still per session
_PACKAGE = rx(
    rf"\b(?:series|package|bundle|course|block|set|round) of {_NUM_WORD}(?: [\w-]+){{0,3}} "
    rf"(?:infusions|sessions|treatments|injections)\b|\b{_NUM_WORD}[- ](?:infusion|session|treatment|injection)s?"
    r"(?: (?:package|series|course|bundle|protocol|program))?\b|"
    # "five prepaid ketamine infusions", not "two 40-minute infusions"
    rf"\b{_NUM_WORD} (?:(?!(?:\d+[- ])?(?:minutes?|min|hours?|hr|mg)\b)[\w-]+ ){{1,3}}"
    r"(?:infusions|sessions|treatments|injections)\b|"
    r"\bfor (?:a |the )?(?:full |whole |complete |entire )?(?:series|package|course|bundle|"
    r"protocol|program)\b|\bpackages?\b|\bbundles?\b|\bseries\b|\bcourse\b|\bprogram\b|\bprepaid\b"
)
_SESSION = rx(
    r"\binfusions?\b|\bsessions?\b|\btreatments?\b|\binjections?\b|\bspravato\b|\besketamine\b|"
    r"\blozenges?\b|\btroches?\b|\bketamine\b|\bstarting (?:at|from)\b|\bstarts? at\b|"
    r"\bas low as\b|\bintro(?:ductory)?\b|\bsliding[- ]scale\b|\bcash price\b|\bself-pay\b|"
    r"\bper (?:infusion|session|treatment|injection|dose)\b|/\s?(?:infusion|session|treatment)"
)
_PER_UNIT_AFTER = rx(
    r"^\s*\)?\s*(?:each|apiece|/\s?(?:infusion|session|treatment|injection|dose)|"
    r"per (?:infusion|session|treatment|injection|dose))\b"
)
_SESSION_HEADING = rx(
    r"\b(?:infusions?|sessions?|treatments?|ketamine|pric\w+|fees?|costs?|rates?)\b"
)


@dataclass
class PriceFindings:
    """Per-session prices and the first sentences stating a session price or another fee."""

    session_usd: list[float] = field(default_factory=list)
    session_hit: Hit | None = None
    other_fee_hit: Hit | None = None
    market_sentences: set[int] = field(default_factory=set)


def _value(whole: str, cents: str | None) -> float:
    return float(whole.replace(",", "")) + (float("0." + cents) if cents else 0.0)


def _amounts(m: re.Match[str]) -> list[float]:
    """The amount (or both ends of a range) one _MONEY match states."""
    if m.group(1) is None:
        return [_value(m.group(5), m.group(6))]
    values = [_value(m.group(1), m.group(2))]
    if m.group(3):
        values.append(_value(m.group(3), m.group(4)))
    return values


def find_prices(page: PageText) -> PriceFindings:
    """Classify every dollar amount on the page (see the module docstring)."""
    out = PriceFindings()
    money_sentences = [s for s in page.sentences if _MONEY_CUE.search(s.text)]
    if not money_sentences:
        return out
    market_page = any(
        _MARKET_STRONG.search(s.lower) and not FIRST_PERSON.search(s.lower) for s in money_sentences
    )
    for s in money_sentences:
        _classify_sentence(s, market_page, out)
    return out


def _classify_sentence(s: Sentence, market_page: bool, out: PriceFindings) -> None:
    amounts = list(_MONEY.finditer(s.text))
    if not amounts:
        return
    lower = s.lower
    context = _context(s)
    clinic_voice = bool(
        FIRST_PERSON.search(lower)
        or _CLINIC_VOICE.search(lower)
        or (context and FIRST_PERSON.search(context))  # under "What we charge"
    )
    market_context = bool(context and _MARKET_STRONG.search(context))  # "Typical prices"
    if not clinic_voice and (market_page or market_context or _MARKET_STRONG.search(lower)):
        out.market_sentences.add(s.index)
        return
    heading_kind = _closest(context, from_end=True) if context else None
    prev_kind: str | None = None
    prev_end = 0
    for i, m in enumerate(amounts):
        next_start = amounts[i + 1].start() if i + 1 < len(amounts) else len(lower)
        before = lower[max(prev_end, m.start() - 60) : m.start()]
        if prev_end:
            # "$400 per infusion, or $2,200 ...": "per infusion" belongs to the first amount
            before = _UNIT_AFTER_AMOUNT.sub("", before, count=1)
        after = lower[m.end() : min(next_start, m.end() + 30)]
        kind, said_before = _nearest_cue(before, after)
        if kind == "session" and not said_before and heading_kind and heading_kind[1] == "other":
            # "$90 per 50-minute session" under "Integration sessions": the unit says how it
            # is billed, the heading says what is paid for
            kind = "other"
        if kind == "session" and _ADD_ON.search(before):
            kind = "other"  # "Add a hydration bag to any infusion for $75"
        if kind in (None, "package") and _PER_UNIT_AFTER.search(after):
            kind = "session"  # "6 infusions at $450 each", "($450 each)"
        elif kind == "package":
            kind = "other"
        elif kind is None and prev_kind and len(before.strip(" ,/")) <= 15:
            kind = prev_kind  # "$365 $335 cash": the second figure shares the first's label
        elif kind is None and _heading_says_session(s):
            kind = "session"
        if kind == "market":
            out.market_sentences.add(s.index)
        elif kind == "session":
            values = [v for v in _amounts(m) if MIN_SESSION_USD <= v <= MAX_SESSION_USD]
            if values:
                out.session_usd.extend(values)
                if out.session_hit is None:
                    out.session_hit = Hit(s, m.start(), m.end())
            else:
                kind = None
        elif kind == "other" and out.other_fee_hit is None and _amounts(m)[0] > 0:
            out.other_fee_hit = Hit(s, m.start(), m.end())
        prev_kind, prev_end = kind, m.end()


_UNIT_PHRASE = rx(
    r"\(?\s*\bper\s+(?:session|infusion|treatment|injection|visit|dose)\s*\)?|"
    r"/\s?(?:session|infusion|treatment|injection|visit|dose)\b"
)
_UNIT_AFTER_AMOUNT = rx(r"^\s*\)?\s*(?:per|/|a|an|each)\s*[\w-]+")
# The cue closest to an amount decides; on a tie the more cautious reading wins, in this order.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ignored", _IGNORED),
    ("market", _MARKET_STRONG),
    ("other", _OTHER_FEE),
    ("package", _PACKAGE),
    ("session", _SESSION),
)


def _context(s: Sentence) -> str:
    """The heading, list lead-in and FAQ question above a sentence, lower-cased."""
    parts = (s.block.heading, s.block.lead_in, s.block.question)
    return " ".join(p.lower() for p in parts if p)


def _nearest_cue(before: str, after: str) -> tuple[str | None, bool]:
    """What the amount is, from the words around it.

    The words before an amount name what it pays for ("Integration therapy: $225 per
    session" is integration, whatever the unit after it); the words after it decide only when
    nothing before does ("$390 consultation fee") or when they sit right against it and say
    it is another fee ("each infusion ... $100 deposit"). The flag: did the words before the
    amount say what it pays for?
    """
    # "Integration therapy (per session) $200": the unit does not say what is paid for
    unitless = _UNIT_PHRASE.sub(lambda m: " " * len(m.group()), before)
    ahead = _closest(unitless, from_end=True)
    said = ahead is not None
    if ahead is None and unitless != before:
        ahead = (0, "session")
    behind = _closest(after, from_end=False)
    if ahead is None:
        return (behind[1] if behind else None), False
    if ahead[1] == "session" and behind is not None and behind[0] <= 2 and behind[1] != "session":
        return behind[1], True
    return ahead[1], said


def _closest(window: str, *, from_end: bool) -> tuple[int, str] | None:
    """(distance, class) of the cue nearest to the amount in `window`; ties go to the more
    cautious class (the order of _CUES)."""
    best: tuple[int, int, str] | None = None
    for rank, (kind, cue) in enumerate(_CUES):
        if from_end:
            dists = [len(window) - m.end() for m in cue.finditer(window)]
            dist = min(dists) if dists else None
        else:
            m = cue.search(window)
            dist = m.start() if m else None
        if dist is not None and (best is None or (dist, rank) < best[:2]):
            best = (dist, rank, kind)
    return (best[0], best[2]) if best else None


def offer_session_prices(offers: Iterable[tuple[str, float]]) -> list[float]:
    """Per-session prices from structured-data offers (name, price): weak evidence, used only
    when the text states none."""
    out: list[float] = []
    for name, price in offers:
        label = name.lower()
        is_session = _SESSION.search(label) and not (
            _OTHER_FEE.search(label) or _PACKAGE.search(label)
        )
        if is_session and MIN_SESSION_USD <= price <= MAX_SESSION_USD:
            out.append(price)
    return out


def _heading_says_session(s: Sentence) -> bool:
    """A bare amount in a list or table under 'Infusion pricing' is a session price."""
    for ctx in (s.block.heading, s.block.lead_in, s.block.question):
        low = ctx.lower() if ctx else ""
        if (
            low
            and _SESSION_HEADING.search(low)
            and not (_OTHER_FEE.search(low) or _PACKAGE.search(low))
        ):
            return True
    return False


__all__ = ["PriceFindings", "find_prices", "offer_session_prices"]
