"""The dashboard's own words: labels, the method in plain words, disclaimers, the crisis note.

Nothing here is scraped. The rubric tables are generated from `directory.rubric`, so the
Method page cannot drift from how scores are computed.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from directory.normalize import US_STATES
from directory.rubric import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    RED_FLAG_PENALTY,
    RED_FLAGS,
    ROUTES,
    RUBRIC_VERSION,
    TESTIMONIALS_ONLY_POINTS,
    signals_for,
)

APP_TITLE: Final = "Ketamine clinic finder"

CRITERION_LABELS: Final = {
    "safety": "Safety",
    "expertise": "Expertise",
    "holistic": "Therapy and support",
    "cost": "Clear costs",
    "personalization": "Personalized care",
    "reviews": "Patient reviews",
}
CRITERION_HELP: Final = {
    "safety": "Screening before treatment, monitoring during sessions, emergency readiness and "
    "after-care rules.",
    "expertise": "Who treats you: physicians, board certification, licensed therapists and "
    "their training.",
    "holistic": "Therapy alongside ketamine: preparation and integration sessions, working with "
    "your own clinicians, tracking how you are doing.",
    "cost": "Published prices per session, insurance policy, superbills, payment plans and "
    "other fees.",
    "personalization": "A plan made for you, doses adjusted to you, a choice of routes and a "
    "flexible schedule.",
    "reviews": "Published ratings and review counts (a few reviews count less than many), or "
    "testimonials.",
}
# The order sliders and charts use: the SPEC's default weights, heaviest first.
CRITERIA_ORDER: Final = tuple(sorted(CRITERIA, key=lambda c: -DEFAULT_WEIGHTS[c]))

ROUTE_LABELS: Final = {
    "iv": "IV infusion",
    "im": "Injection (IM)",
    "intranasal": "Nasal spray",
    "oral": "By mouth",
    "sublingual": "Under the tongue",
    "esketamine": "Spravato (esketamine)",
}
assert set(ROUTE_LABELS) == set(ROUTES)

INSURANCE_LABELS: Final = {
    "accepted": "Accepted",
    "not_accepted": "Not accepted",
    "partial": "Partly",
}
INSURANCE_CHOICES: Final = {
    "": "Any",
    "accepted": "Accepted",
    "partial": "Partly (some plans or services)",
    "not_accepted": "Not accepted (self-pay)",
}
UNKNOWN: Final = "Not stated"
NO_PRICE: Final = "Not published"

FACT_LABELS: Final = {
    "phone": "Phone",
    "email": "Email",
    "street": "Street",
    "city": "City",
    "state": "State",
    "zip": "ZIP",
    "routes": "Ways ketamine is given",
    "price_min_usd": "Lowest price per session",
    "price_max_usd": "Highest price per session",
    "insurance": "Insurance",
    "financing": "Payment plans",
    "superbill": "Superbills",
    "hsa_fsa": "HSA / FSA",
    "ptsd": "Treats PTSD",
    "telehealth": "Telehealth",
    "veterans": "Veterans program",
    "rating": "Rating",
    "review_count": "Reviews",
    "clinicians": "Clinicians named",
}

DISCLAIMER: Final = (
    "This directory is not medical advice. A score measures how much evidence of good practice "
    "a clinic publishes on its own website. It does not measure how well the treatment works "
    "or how patients do."
)
UNKNOWN_IS_NOT_BAD: Final = (
    '"Not found" means the clinic\'s website does not say. It is not a mark against the '
    "clinic: ask them. Coverage shows for how many of the six topics we found anything at all."
)
CRISIS: Final = (
    "If you are thinking about suicide or are in crisis, call or text **988** (988 Suicide & "
    "Crisis Lifeline, US, any time). Veterans: call 988 and press 1, or text 838255. "
    "In immediate danger, call 911."
)
CRISIS_SHORT: Final = "In crisis? Call or text **988** (US). Veterans: call 988, press 1."

WHO_MAY_BENEFIT: Final = """
Ketamine is used mainly for **depression that has not improved with other treatments**. The
nasal spray esketamine (Spravato) is approved by the FDA for treatment-resistant depression
and for depression with suicidal thoughts. Other forms (IV infusions, injections, lozenges)
are used "off label", which is legal and common, but means the FDA has not reviewed that use.

For **PTSD**, ketamine is also off label. Studies so far are small; the most promising
results combine ketamine with psychotherapy. A good clinic says this plainly and does not
promise a cure.
"""

CONTRAINDICATIONS_INTRO: Final = (
    "Ketamine is not right for everyone. Clinical guidance, such as the 2017 consensus statement "
    "on ketamine for mood disorders by an American Psychiatric Association task force "
    "(Sanacora et al., JAMA Psychiatry), names situations in which it is usually not given, or "
    "only with extra care:"
)
CONTRAINDICATIONS: Final = (
    "Pregnancy (and usually breastfeeding).",
    "Active psychosis, or a history of psychosis such as schizophrenia.",
    "Uncontrolled high blood pressure (hypertension), or serious heart or blood-vessel disease.",
    "Untreated substance use disorder, including past misuse of ketamine.",
    "A previous bad reaction to ketamine.",
)
CONTRAINDICATIONS_OUTRO: Final = (
    "A careful clinic screens for these before your first session, and says so on its website "
    "(the Safety score looks for exactly that). Tell the clinic about every medicine you take."
)

SESSION_STEPS: Final = (
    (
        "Preparation",
        "An evaluation first: your medical and mental-health history, your medicines, your "
        "blood pressure. Many clinics add a session with a therapist about what to expect and "
        "what you hope to change. You may be asked not to eat for a few hours before.",
    ),
    (
        "The session",
        "In the clinic, usually 40 to 60 minutes for an IV infusion, often in a quiet room. You "
        "may feel detached or dreamlike; this fades within an hour or two. Staff should check "
        "your blood pressure, heart rate and oxygen. Afterwards you are observed for a while, "
        "and someone else drives you home: no driving until the next day.",
    ),
    (
        "Integration",
        "Sessions with a therapist after treatment, to make sense of the experience and turn "
        "it into lasting change. A first series is often about six sessions over two to three "
        "weeks, then occasional boosters if they help.",
    ),
)

HOW_SCORES_WORK: Final = f"""
Each clinic gets six scores from 0 to 100, one per topic below. A topic's score is the sum of
the points of the good practices its website describes (anywhere on the site), capped at 100.
Every point is backed by a sentence quoted from the clinic's own website, with the page and
the date we read it: open a clinic to see them.

The **overall score** is a weighted average of the six. By default safety counts most
({DEFAULT_WEIGHTS["safety"]:.0f}%), then expertise and therapy ({DEFAULT_WEIGHTS["expertise"]:.0f}%
each), costs ({DEFAULT_WEIGHTS["cost"]:.0f}%), personalized care and reviews
({DEFAULT_WEIGHTS["personalization"]:.0f}% each). On the Find page you can change what matters
to you, and the ranking changes at once.

**Patient reviews** come from the rating and number of reviews a site publishes: a clinic with
a few reviews is pulled toward the average, so three perfect reviews do not beat two hundred
good ones. Testimonials alone count {TESTIMONIALS_ONLY_POINTS}.

**Warning signs** take {RED_FLAG_PENALTY} points off safety each and are always shown.

Scoring rules version {RUBRIC_VERSION}.
"""


def rubric_frame(criterion: str) -> pd.DataFrame:
    """One criterion's signals and points, as a table for the Method page."""
    rows = [
        {
            "What we look for": s.label,
            "Points": str(s.points) if s.points else "From the rating (0-100)",
            "If not found, ask": s.question,
        }
        for s in signals_for(criterion)
    ]
    return pd.DataFrame(rows)


def red_flag_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [{"Warning sign": f.label, "Effect": f"-{RED_FLAG_PENALTY} safety"} for f in RED_FLAGS]
    )


def routes_text(routes: object) -> str:
    """`['iv', 'im']` -> `IV infusion, Injection (IM)`; unknown codes are dropped."""
    if not isinstance(routes, list | tuple):
        return ""
    return ", ".join(ROUTE_LABELS[r] for r in routes if r in ROUTE_LABELS)


def yes_no(value: object) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return UNKNOWN


def price_text(low: object, high: object) -> str:
    """`$350`, `$350–$550`, or `Not published`."""
    lo = _number(low)
    hi = _number(high)
    if lo is None and hi is None:
        return NO_PRICE
    if lo is None or hi is None or lo == hi:
        return f"${(lo if lo is not None else hi):,.0f}"
    return f"${lo:,.0f}–${hi:,.0f}"


def _number(value: object) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def coverage_text(coverage: float) -> str:
    """0.833 -> `5 of 6 topics`."""
    found = round(float(coverage) * len(CRITERIA))
    return f"{found} of {len(CRITERIA)} topics"


STATE_NAMES: Final = US_STATES


def state_label(code: str) -> str:
    """`CO` -> `Colorado (CO)`; `` -> `Any state`."""
    if not code:
        return "Any state"
    name = STATE_NAMES.get(code)
    return f"{name} ({code})" if name else code
