"""Plain facts stated in the text: PTSD and other conditions, telehealth, veterans programs,
named clinicians with credentials, and a rating with review count written on the page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from directory.extract.patterns import ATTRIBUTION, Hit, negated, rx, words
from directory.extract.signals import RATING_TEXT
from directory.extract.structured import MAX_REVIEW_COUNT
from directory.extract.text import PageText, Sentence, names

_PTSD = rx(r"\b(?:c-?ptsd|\(c\)ptsd|ptsd|post[- ‑]?traumatic stress)\b")
# PTSD as a profession's field or a screening instrument is not "ketamine treats PTSD"
# the clinic says it does not treat PTSD: that answers the question for this page
_PTSD_NOT_TREATED = rx(
    r"\b(?:we|our (?:clinic|practice|program))\b[^.]{0,40}?\b(?:do not|don['’]t|does not|doesn['’]t|"
    r"cannot|can['’]t|no longer|(?:are |is )?(?:not able|unable) to) (?:currently )?(?:treat|offer|accept|"
    r"see)\b[^.]{0,50}?\b(?:c-?ptsd|ptsd|"
    r"post[- ]?traumatic)"
    r"|\b(?:c-?ptsd|ptsd|post[- ]?traumatic stress(?: disorder)?)\b(?: treatment)? (?:is|are) not "
    r"(?:currently )?(?:treated|offered|something we treat|among the conditions)"
)
_PTSD_NOT_A_USE = rx(
    r"\btraining (?:is )?focused\b|\b(?:trained|training) (?:in|to)\b|"
    r"\bspeciali[sz]\w* in (?:the )?(?:diagnos|treatment of)|\bevaluation and treatment of\b|"
    r"\bscreen(?:ing|s|ed)? for\b|\bchecklist\b|\bquestionnaire\b|\benrol\w*"
)
_RESEARCH_HEADING = rx(r"^\W*(?:our )?(?:research|clinical (?:trials?|research)|studies|trials)\b")
# the scale's name without patients treated for PTSD ("PTSD (PCL-5)" over a results line is fine)
_PTSD_SCALE_ONLY = rx(r"\bpcl-?5\b")
_TREATED_FOR = rx(r"\btreat\w*\b|\bpatients with\b")
# PTSD in one clinician's caseload or work history ("her clinical work focuses on PTSD",
# "Jane Roe, LPC - trauma, PTSD"), said without ketamine: the person's field, not the clinic's
_CASELOAD = rx(
    r"\b(?:worked with|clients? (?:have |has )?include[ds]?|clinical work|caseload|"
    r"(?:his|her|their) (?:clinical )?(?:work|practice)|therapists? (?:help|work with|treat)|"
    r"(?:he|she) (?:also )?(?:works with|treats|treated|helps|helped|sees))\b"
)
_CLINIC_VOICE = rx(r"\b(?:we|we['’]ve|us)\b")
_CREDENTIAL_LINE = re.compile(
    r"\b[A-Z][a-z]+,? (?:LPC|LMFT|LCSW|LICSW|LMHC|LPCC|PsyD|PhD|Ph\.D\.|MSW|MFT)\b"
)
_KETAMINE_CONTEXT = rx(r"\bketamine\b|\binfusions?\b|\bspravato\b|\besketamine\b|\bkap\b")


def _ptsd_not_a_use(s: Sentence, lower: str) -> bool:
    """PTSD named as a field, a scale, a trial's population or one clinician's caseload."""
    if _PTSD_NOT_A_USE.search(lower):
        return True
    if s.block.heading and _RESEARCH_HEADING.search(s.block.heading.lower()):
        return True  # under "Research" / "Clinical trials": a study's population, not a service
    if _PTSD_SCALE_ONLY.search(lower) and not _TREATED_FOR.search(lower):
        return True
    if _KETAMINE_CONTEXT.search(lower):
        return False
    if _CLINIC_VOICE.search(lower):
        return False
    return bool(_CASELOAD.search(lower) or _CREDENTIAL_LINE.search(s.text))


# (condition, trigger words, pattern); a pattern runs only where its words occur
_CONDITIONS: tuple[tuple[str, frozenset[str], re.Pattern[str]], ...] = (
    (
        "treatment_resistant_depression",
        words("resistant refractory trd"),
        rx(r"\btreatment[- ‑](?:resistant|refractory) depression\b|\btrd\b"),
    ),
    ("depression", words("depression depressive mdd"), rx(r"\bdepress(?:ion|ive)\b|\bmdd\b")),
    ("anxiety", words("anxiety gad"), rx(r"\banxiety\b|\bgad\b")),
    ("ptsd", words("ptsd cptsd c traumatic"), _PTSD),
    ("ocd", words("ocd obsessive"), rx(r"\bocd\b|\bobsessive[- ]compulsive\b")),
    ("bipolar_depression", words("bipolar"), rx(r"\bbipolar\b")),
    (
        "suicidal_ideation",
        words("suicidal suicidality"),
        rx(r"\bsuicidal (?:ideation|thoughts)\b|\bsuicidality\b"),
    ),
    ("postpartum_depression", words("postpartum partum"), rx(r"\bpost-?partum depression\b")),
    (
        "chronic_pain",
        words("chronic neuropathic pain"),
        rx(r"\bchronic pain\b|\bneuropathic pain\b|\bpain (?:conditions|syndromes|disorders)\b"),
    ),
    ("migraine", words("migraine migraines"), rx(r"\bmigraines?\b")),
    ("fibromyalgia", words("fibromyalgia"), rx(r"\bfibromyalgia\b")),
    ("crps", words("crps complex"), rx(r"\bcrps\b|\bcomplex regional pain\b")),
    (
        "addiction",
        words("addiction substance alcohol"),
        rx(r"\baddiction\b|\bsubstance use disorders?\b|\balcohol use disorder\b"),
    ),
    ("eating_disorders", words("eating"), rx(r"\beating disorders?\b")),
)
_CONDITION_TRIGGERS = frozenset().union(*(t for _, t, _ in _CONDITIONS))
_TELEHEALTH = rx(
    r"\btele-?health\b|\btele-?medicine\b|\bvirtual (?:visits?|consult\w*|appointments?|"
    r"sessions?|care|program)\b|\bvideo (?:visits?|consult\w*|calls?|chat|sessions?)\b|"
    r"\bat[- ]home (?:ketamine|treatment|program|sessions?|therapy)\b|\bonline consult\w*\b|"
    r"\bfully[- ]virtual\b|\bzoom\b"
)
_VETERANS = rx(
    r"\bveterans?\b[^.]{0,60}\b(?:discount|program|serve|serving|welcome|honou?r|accept|partner|"
    r"off|receive|reduced|savings|free|"
    r"community care|va\b|pricing|rate|special)\w*|\b(?:discount|program|serve|serving|welcome|"
    r"honou?r|partner)\w*\b[^.]{0,60}\b(?:veterans?|military|first responders)\b|"
    r"\bva community care\b|\bmilitary discount\b"
)
_CLINICIAN = re.compile(
    r"\b((?:Dr\.?\s+)?[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zA-Z'’\-]+){1,2}),?\s+"
    r"((?:(?:MD|M\.D\.|DO|D\.O\.|PMHNP(?:-BC)?|FNP(?:-BC|-C)?|APRN|ARNP|DNP|NP(?:-C)?|PA-C|CRNA|"
    r"RN|BSN|MSN|LCSW|LICSW|LISW|LPCC?|LCPC|LMHC|LCMHC|LMFT|PsyD|Psy\.D\.|PhD|Ph\.D\.|FAPA|FASA),?\s*)+)"
    r"(?![a-z])"
)
_ZIP_AFTER = re.compile(r"\s*,?\s*\d{5}(?:-\d{4})?\b")
_NOT_A_NAME = names(
    "By Reviewed Written Author Medically Meet Contact About Call Our The With Dear Hello "
    "Hi Happy And For From"
)


@dataclass
class TextFacts:
    ptsd: bool | None = None
    conditions: list[str] = field(default_factory=list)
    telehealth: bool | None = None
    veterans: bool | None = None
    clinicians: list[str] = field(default_factory=list)
    rating: float | None = None
    review_count: int | None = None
    rating_hit: Hit | None = None


def find_text_facts(page: PageText) -> TextFacts:
    out = TextFacts()
    _conditions(page, out)
    out.telehealth = _stated(page, _TELEHEALTH_TRIGGERS, _TELEHEALTH)
    out.veterans = _stated(page, _VETERANS_TRIGGERS, _VETERANS)
    out.clinicians = _clinicians(page)
    _rating(page, out)
    return out


_TELEHEALTH_TRIGGERS = words("telehealth tele telemedicine virtual video home online zoom")
_VETERANS_TRIGGERS = words("veteran veterans military va responders")
_CREDENTIAL_TRIGGERS = words(
    "md m d do o pmhnp fnp aprn arnp dnp np pa c crna rn bsn msn lcsw licsw lisw lpc lpcc lcpc lmhc "
    "lcmhc lmft psyd psy phd ph fapa fasa"
)
_RATING_TRIGGERS = words("reviews ratings rated")


def _stated(page: PageText, triggers: frozenset[str], pattern: re.Pattern[str]) -> bool | None:
    """True when a non-negated sentence states it; None (not stated) otherwise."""
    for s in page.candidates(triggers):
        m = pattern.search(s.lower)
        if m is not None and not negated(s.lower, m.start(), m.end()):
            return True
    return None


def _conditions(page: PageText, out: TextFacts) -> None:
    if not page.has_any(_CONDITION_TRIGGERS):
        return
    found: set[str] = set()
    ptsd_seen = ptsd_refused = False
    for s in page.candidates(_CONDITION_TRIGGERS):
        lower = s.lower
        if _PTSD_NOT_TREATED.search(lower):
            ptsd_seen = ptsd_refused = True
            continue
        for name, triggers, pat in _CONDITIONS:
            if (name in found and name != "ptsd") or s.words.isdisjoint(triggers):
                continue
            m = pat.search(lower)
            if m is None:
                continue
            if name == "ptsd":
                ptsd_seen = True
                if _ptsd_not_a_use(s, lower) or negated(lower, m.start(), m.end(), reach=30):
                    continue
            found.add(name)
    if "treatment_resistant_depression" in found:
        found.add("depression")
    if ptsd_refused:
        found.discard("ptsd")
    out.conditions = sorted(found)
    if "ptsd" in found:
        out.ptsd = True
    elif ptsd_seen:
        out.ptsd = False


def _clinicians(page: PageText) -> list[str]:
    if not page.has_any(_CREDENTIAL_TRIGGERS):
        return []
    names: list[str] = []
    for s in page.candidates(_CREDENTIAL_TRIGGERS):
        for m in _CLINICIAN.finditer(s.text):
            name, creds = m.group(1), m.group(2).strip(" ,")
            if _ZIP_AFTER.match(s.text, m.end(2)):
                continue  # "Lexington Park, MD 20653" is an address
            first = name.split()[0].rstrip(".")
            if first in _NOT_A_NAME or ATTRIBUTION.search(s.lower):
                continue
            if creds in ("DO", "D.O.") and "," not in m.group()[len(name) : len(name) + 2]:
                continue
            label = f"{name}, {creds}"
            if label not in names:
                names.append(label)
            if len(names) >= 50:
                return names
    return names


def _rating(page: PageText, out: TextFacts) -> None:
    if not page.has_any(_RATING_TRIGGERS):
        return
    for s in page.candidates(_RATING_TRIGGERS):
        m = RATING_TEXT.search(s.lower)
        if m is None:
            continue
        g = m.groups()
        value, count = (
            (g[0], g[1])
            if g[0]
            else (g[3], g[2])
            if g[2]
            else (g[4], g[5])
            if g[4]
            else (g[6], g[7])
        )
        try:
            rating, n = float(value), int(count.replace(",", ""))
        except (TypeError, ValueError, AttributeError):
            continue
        if 0 < rating <= 5 and 0 < n <= MAX_REVIEW_COUNT:
            out.rating, out.review_count = rating, n
            out.rating_hit = Hit(s, m.start(), m.end())
            return
