"""Per-session prices, told apart from every other dollar figure on a clinic page.

Each dollar amount is classified by the words right around it (bounded by its neighbouring
amounts, so "$250 consultation, $450 per infusion" splits cleanly), in this order:

1. ignored: cancellation/no-show/returned-check fees, deposits, copays, refunds;
2. market: typical/average/national ranges, other clinics' prices ("can range from");
3. other fee: consultation, intake, evaluation, integration, package or series totals,
   memberships and monthly plans, discounts (these still count as `other_fees`);
4. session: per infusion/session/treatment, "each infusion is", "starting at", intro prices;
5. a bare amount right after a classified one ("$365 $335 cash") shares its class.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from directory.extract.patterns import FIRST_PERSON, Hit, rx
from directory.extract.text import PageText, Sentence

MIN_SESSION_USD = 25.0
MAX_SESSION_USD = 5_000.0

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d{1,6})(?:\.(\d{1,2}))?"
_MONEY = re.compile(
    rf"(?<![\w$])\$\s?{_NUMBER}(?![\d,]*\d)(?:\s*(?:-|–|—|to)\s*\$?\s?{_NUMBER}(?![\d,]*\d))?"
    r"(?!\s*(?:k\b|million|billion))",
    re.IGNORECASE,
)
_IGNORED = rx(
    r"\bcancel\w*|\bno[- ]shows?\b|\blate\b|\bmissed\b|\breturned\b|\bnsf\b|\bbounced\b|"
    r"\bco-?pays?\b|\bsavings\b|\bdeposits?\b|\bbooking\b|\brefund\w*|\breschedul\w*|"
    r"\bbank\b|\bprocessing fee|\bdeductible|\breimburs\w*|\bgift card|\bparking\b|"
    r"\bactual ketamine\b|\bmedication itself\b|\bper vial\b"
)
_MARKET = rx(
    r"\btypical(?:ly)?\b|\baverage\b|\branges? (?:from|between)\b|\bcan range\b|"
    r"\bvar(?:y|ies|ying)\b|\banywhere from\b|\bnational(?:ly)?\b|"
    r"\bacross the (?:us|u\.s\.|country|united states)\b|\bin the (?:us|u\.s\.|united states)\b|"
    r"\b(?:most|many|some|other) (?:clinics|providers)\b|"
    r"\bclinics (?:charge|may charge|typically|often|usually)\b|\bsome charge\b|\bindustry\b|"
    r"\bmarket\b|\b(?:can|may|could|might|generally|usually|often|tend to) cost\b|"
    r"\bexpect to pay\b|\bas much as\b|\(us\)|\bcanada\b|\bnationwide\b|\bestimated?\b"
)
_CLINIC_VOICE = rx(r"\bhere\b|\bat our\b|\bour (?:clinic|office|practice|center|centre|price|fee|rate)")
_OTHER_FEE = rx(
    r"\bconsult\w*|\bintake\b|\bevaluation\b|\bassessment\b|\bfollow[- ]?ups?\b|\bintegration\b|"
    r"\bpreparation\b|\bprep\b|\btherapy sessions?\b|\bpsychotherapy\b|\bcounsel\w*|"
    r"\bvisits?\b|\bappointments?\b|\bmedication management\b|\bpackages?\b|\bbundles?\b|"
    r"\bseries\b|\bcourse\b|\bprogram\b|\bmembership\b|\bsubscription\b|\bper month\b|"
    r"/\s?mo(?:nth)?\b|\bmonthly\b|\bannual\b|\byearly\b|\blabs?\b|\blab work\b|\bblood work\b|"
    r"\badmin\w*|\bletters?\b|\bforms?\b|\btelephone\b|\btotal\b|\bsave\b|\boff\b|"
    r"\bdiscount\w*|\bscreening\b|\bpsychiatri\w+|\bpsychologist\b|\bmd will\b|"
    r"\bfor (?:a |the )?(?:series of |course of |package of )?(?:\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|twelve) (?:infusions|sessions|treatments)\b|"
    r"\b(?:\d+|two|three|four|five|six|seven|eight|ten|twelve)[- ](?:infusion|session|treatment)s?"
    r" (?:package|series|course|bundle|protocol)"
)
_SESSION = rx(
    r"\binfusions?\b|\bsessions?\b|\btreatments?\b|\binjections?\b|\bspravato\b|\besketamine\b|"
    r"\blozenges?\b|\btroches?\b|\bketamine\b|\bstarting (?:at|from)\b|\bstarts? at\b|"
    r"\bas low as\b|\bintro(?:ductory)?\b|\bsliding[- ]scale\b|\bcash price\b|\bself-pay\b|"
    r"\bper (?:infusion|session|treatment|injection|dose)\b|/\s?(?:infusion|session|treatment)"
)
_SESSION_HEADING = rx(r"\b(?:infusions?|sessions?|treatments?|ketamine|pric\w+|fees?|costs?|rates?)\b")


@dataclass
class PriceFindings:
    """Per-session prices and the first sentences stating a session price or another fee."""

    session_usd: list[float] = field(default_factory=list)
    session_hit: Hit | None = None
    other_fee_hit: Hit | None = None
    market_sentences: set[int] = field(default_factory=set)


def _value(whole: str, cents: str | None) -> float:
    return float(whole.replace(",", "")) + (float("0." + cents) if cents else 0.0)


def find_prices(page: PageText) -> PriceFindings:
    """Classify every dollar amount on the page (see the module docstring)."""
    out = PriceFindings()
    money_sentences = [s for s in page.sentences if "$" in s.text]
    if not money_sentences:
        return out
    market_page = any(_MARKET.search(s.lower) for s in money_sentences)
    for s in money_sentences:
        _classify_sentence(s, market_page, out)
    return out


def _classify_sentence(s: Sentence, market_page: bool, out: PriceFindings) -> None:
    amounts = list(_MONEY.finditer(s.text))
    if not amounts:
        return
    lower = s.lower
    clinic_voice = bool(FIRST_PERSON.search(lower) or _CLINIC_VOICE.search(lower))
    is_market = bool(_MARKET.search(lower)) or (market_page and not clinic_voice)
    if is_market:
        out.market_sentences.add(s.index)
        return
    prev_kind: str | None = None
    prev_end = 0
    for i, m in enumerate(amounts):
        next_start = amounts[i + 1].start() if i + 1 < len(amounts) else len(lower)
        before = lower[max(prev_end, m.start() - 60) : m.start()]
        if prev_end:
            # "$400 per infusion, or $2,200 ...": "per infusion" belongs to the first amount
            before = _UNIT_AFTER_AMOUNT.sub("", before, count=1)
        after = lower[m.end() : min(next_start, m.end() + 30)]
        kind = _nearest_cue(before, after)
        if kind is None and prev_kind and len(before.strip(" ,/")) <= 15:
            kind = prev_kind  # "$365 $335 cash": the second figure shares the first's label
        if kind is None and _heading_says_session(s):
            kind = "session"
        if kind == "session":
            values = [_value(m.group(1), m.group(2))]
            if m.group(3):
                values.append(_value(m.group(3), m.group(4)))
            values = [v for v in values if MIN_SESSION_USD <= v <= MAX_SESSION_USD]
            if values:
                out.session_usd.extend(values)
                if out.session_hit is None:
                    out.session_hit = Hit(s, m.start(), m.end())
            else:
                kind = None
        elif kind == "other" and out.other_fee_hit is None:
            if _value(m.group(1), m.group(2)) > 0:
                out.other_fee_hit = Hit(s, m.start(), m.end())
        prev_kind, prev_end = kind, m.end()


_UNIT_AFTER_AMOUNT = rx(r"^\s*(?:per|/|a|an|each)\s*[\w-]+")
# closer cues win; on a tie the more cautious reading wins (ignored, then other fee)
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ignored", _IGNORED),
    ("other", _OTHER_FEE),
    ("session", _SESSION),
)


def _nearest_cue(before: str, after: str) -> str | None:
    """The class of the cue word closest to an amount, looking both ways."""
    best: tuple[int, int, str] | None = None
    for rank, (kind, cue) in enumerate(_CUES):
        dist = None
        for m in cue.finditer(before):
            d = len(before) - m.end()
            dist = d if dist is None else min(dist, d)
        m2 = cue.search(after)
        if m2 is not None:
            dist = m2.start() if dist is None else min(dist, m2.start())
        if dist is not None and (best is None or (dist, rank) < best[:2]):
            best = (dist, rank, kind)
    return best[2] if best else None


def _heading_says_session(s: Sentence) -> bool:
    """A bare amount in a list or table under 'Infusion pricing' is a session price."""
    for ctx in (s.block.heading, s.block.lead_in, s.block.question):
        if ctx and _SESSION_HEADING.search(ctx.lower()) and not _OTHER_FEE.search(ctx.lower()):
            return True
    return False


__all__ = ["PriceFindings", "find_prices"]
