"""Expertise: a concrete qualification of the provider's own clinicians.

A credential ("Jane Roe, MD", "LMFT"), a qualifying profession or specialty (psychiatrist,
anesthesiologist, emergency medicine), board certification, named training (EMDR, KAP) or
years of experience. Not enough alone: "Dr. X", "physician", "provider", "licensed
professional"; never a referrer, the patient's own doctor, history, or a quoted outsider.
"""

from __future__ import annotations

import re

from directory.extract.patterns import ATTRIBUTION, HIRING, rx, words
from directory.extract.rules import Rule, any_of, pattern
from directory.extract.text import Sentence

_NAME = (
    r"(?:Dr\.?\s+[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z][a-zA-Z'’\-]+){0,2}"
    r"|[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zA-Z'’\-]+){1,2})"
)
# clinical licences; academic degrees (PhD, MS) alone are not a clinical qualification
_LICENCES = (
    r"PMHNP(?:-BC)?|FNP(?:-BC|-C)?|APRN|ARNP|DNP|NP(?:-C)?|PA-C|CRNA|RN|LCSW|LICSW|"
    r"LISW|LMSW|LPCC?|LPC-S|LCPC|LMHC|LCMHC|LMFT|MFT|PsyD|Psy\.D\."
)
_ANY_CRED = rf"MD|M\.D\.|DO|D\.O\.|{_LICENCES}|FASA|FAPA|ABPN|MPH|MS|MA|PhD|Ph\.D\.|EdD|MSW|BSN|MSN"
# "Jane Roe, MD" / "Jane A. Roe MD, FAPA"; DO needs its comma ("How Long DO ..." is a heading)
_NAMED_PHYSICIAN = rx(
    rf"\b{_NAME},?\s+(?:(?:{_ANY_CRED}),?\s+)*?(?:MD|M\.D\.)(?![A-Za-z])|\b{_NAME},\s+D\.?O\.?(?![A-Za-z])"
)
_NAMED_LICENSED = rx(rf"\b{_NAME},?\s+(?:(?:{_ANY_CRED}),?\s+)*?(?:{_LICENCES})(?![A-Za-z])")
# credentials that mean one thing only, so they count without a name ("my fellow CRNAs")
_BARE_LICENCE = rx(r"\b(?:CRNA|PMHNP|LCSW|LMFT|LPCC|LMHC|LCMHC|PsyD|PA-C|APRN|DNP)s?\b")

# a physician specialty practised by the person the sentence is about
_SPECIALTY_PRACTICE = rx(
    r"\b(?:practic\w+|speciali[sz]\w+ in|residency in|fellowship in|trained in) "
    r"(?:emergency medicine|psychiatry|anesthesiology|anesthesia|pain medicine|"
    r"addiction medicine|interventional psychiatry)\b"
)
_PHYSICIAN_PROFESSIONS = rx(
    r"\b(?:psychiatrists?|anesthesiologists?|anaesthetists?|"
    r"emergency (?:medicine |room )?(?:physicians?|doctors?)|"
    r"pain (?:medicine |management )?(?:specialists?|physicians?)|"
    r"interventional psychiatrists?|"
    r"(?:psychiatry|psychiatric|anesthesia|anesthesiology|emergency medicine) "
    r"(?:team|group|practice|physicians?|staff))\b"
)
_LICENSED_PROFESSIONS = rx(
    r"\b(?:psychologists?|nurse practitioners?|physician (?:assistants?|associates?)|"
    r"nurse anesthetists?|certified registered nurse anesthetists?|registered nurses?|"
    r"anesthesia providers?|psychiatric nurses?|clinical social workers?|"
    r"licensed (?:clinical |independent )?social workers?|"
    r"licensed (?:professional|mental health|clinical mental health) counse?lors?|"
    r"marriage and family therapists?)\b"
)
# a quoted outside expert: "a board-certified anesthesiologist writing in a journal urged ..."
_OUTSIDE_EXPERT = rx(
    r"\bwriting in\b|\burged\b|\bwarn(?:s|ed)\b|\bcautioned\b|\bjournal\b|\baccording to\b|"
    r"\bsays\b|\bsaid\b|\bargue[sd]?\b"
)
_PARTNERS = r"\bpartner (?:clinics|sites|practices|providers)\b|\b(?:member|network|participating) clinics\b"
_NOT_TRAINED_HERE = rx(rf"{_PARTNERS}|{HIRING.pattern}")
# The profession is the patient's own clinician, a referrer, history, or someone else's.
_NOT_STAFF = rx(
    r"\breferr\w*|\brefer (?:you|yourself)\b|"
    r"\byour (?:[\w-]+ ){0,3}?(?:psychiatrist|therapist|doctor|physician|provider|psychologist|"
    r"specialist|prescriber|clinician|care team)|"
    r"\bunder the care of\b|\balready (?:seeing|established|under|working)\b|"
    r"\byou (?:have|see|are seeing|already have) an?\b|\bdepartment of\b|\bhistorically\b|"
    r"\bdiscovered\b|\b(?:has|have|had) been used\b|\bwere used\b|\bused by\b|"
    r"\bnon-?psychiatri\w+|\bthan (?:a |an |other )?(?:psychiatrists?|anesthesiologists?|physicians?)\b|"
    r"\blook for\b|\bmake sure (?:that )?(?:the|your|any|they|a|an|it)\b|\bask (?:if|whether|your)\b|\bshould (?:be|look|ask)\b|"
    r"\bsays\b|\bsaid\b|\bwrites\b|\baccording to\b|\bstud(?:y|ies)\b|\bresearch|"
    rf"{_PARTNERS}|{_OUTSIDE_EXPERT.pattern}|{HIRING.pattern}"
)
_STAFF_OWNERSHIP = rx(
    r"\b(?:our|we|we['’]re|us)\b|\bled by\b|\bstaffed by\b|\bteam of\b|\b(?:are|is) all\b|"
    r"\ball of (?:our|whom|them)\b|\bon (?:our )?staff\b|\bmy fellow\b"
)
_QUALIFIED_AFTER = rx(
    r"\b(?:trained|qualified|certified|experts?|skilled|experienced|specialists)\b"
)
_DETERMINER_BEFORE = rx(
    r"\b(?:a|an|our|the|by|from|with|each|one|his|her|my|is|am|as)\s+(?:[\w-]+\s+){0,2}$"
)
_SERVICE_AFTER = rx(
    r"^\s*(?:appointment|evaluation|visit|consultation|assessment|oversees|supervises|leads|"
    r"will|who|on staff|led)\b"
)


def _is_staff_profession(s: Sentence, m: re.Match[str]) -> bool:
    """A profession mention that describes the provider's own clinicians."""
    lower = s.lower
    if _NOT_STAFF.search(lower):
        return False
    word = m.group()
    if word.endswith("s") and not word.endswith(("ss", "staff")):
        return bool(
            _STAFF_OWNERSHIP.search(lower) or _QUALIFIED_AFTER.search(lower, m.end(), m.end() + 60)
        )
    before = lower[max(0, m.start() - 30) : m.start()]
    return bool(
        _DETERMINER_BEFORE.search(before)
        or _SERVICE_AFTER.search(lower, m.end(), m.end() + 30)
        or _STAFF_OWNERSHIP.search(lower)
    )


_HISTORY = rx(
    r"\b(?:developed|discovered|invented|synthesi[sz]ed|historically|pioneer\w*)\b|\bin 1[89]\d\d\b"
)


# "Silver Spring, MD 20901": a town in Maryland, not a physician
_ZIP_AFTER = re.compile(r"\s*,?\s*\d{5}(?:-\d{4})?\b")


def _not_outside_voice(s: Sentence, m: re.Match[str]) -> bool:
    """Not a quoted outside expert ('... says John Roe, MD, of Yale'), a historical figure or
    a Maryland address."""
    if _ZIP_AFTER.match(s.text, m.end()):
        return False
    return ATTRIBUTION.search(s.lower) is None and _HISTORY.search(s.lower) is None


_ADVICE = rx(
    r"\blook for\b|\bmake sure (?:that )?(?:the|your|any|they|a|an|it)\b|\bensure (?:that )?(?:your|the)\b|\bask (?:if|whether)\b|\bchoose an?\b"
)
_BOARD = rx(
    r"\bboard[- ]certified\b|\bboard certification\b|\bdiplomate\b|"
    r"\bcertified by the american board\b|\bfellowship[- ]trained\b"
)
_MODALITIES = (
    r"emdr|cognitive processing therapy|\bcpt\b|prolonged exposure|internal family systems|"
    r"\bifs\b|ketamine[- ]assisted (?:psycho)?therapy|\bkap\b|psychedelic[- ](?:assisted )?"
    r"(?:psycho)?therapy|psychedelic medicine|\bmaps\b|polaris|fluence|\bciis\b|"
    r"somatic experiencing|brainspotting|dialectical behavior|\bdbt\b|trauma[- ]focused|"
    r"trauma[- ]informed"
)
_TRAINING = rx(
    r"\b(?:certified|certification|certificate|certificates|trained|training|credentialed)"
    rf"\s+(?:[\w-]+\s+)?(?:in|as an?|through|from|with|by)\s+(?:[\w-]+\s+){{0,6}}?(?:{_MODALITIES})"
    rf"|(?:{_MODALITIES})[\s-]+(?:[\w()-]+\s+){{0,2}}?(?:certified|certification|certificate|"
    r"trained|training|practitioner)\b"
)
_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|many|several)"
)
_EXPERIENCE = rx(
    rf"\b(?:over |more than |nearly |almost )?{_NUMBER}\+? (?:years?|decades?) (?:of )?"
    r"(?:[\w-]+ (?:and )?){0,4}?(?:experience|practice|practicing|in practice|"
    r"in (?:the )?field|treating|providing|serving|administering)"
    r"|\bdecades of (?:combined |clinical )?experience"
    r"|\b(?:has|have|['’]ve) been (?:treating|practicing|providing|working|serving|administering|"
    r"helping|caring for|performing|offering|using|in practice)\b[^.]{0,90}?\bfor "
    rf"(?:over |more than |nearly |almost |about |a little over )?(?:{_NUMBER}|a)\+? (?:years?|decades?)"
    r"|\bspent (?:over |more than )?(?:decades|years|\d+ years|many years) (?:in|practicing|treating|working)"
    r"|\b(?:has|have|['’]ve) (?:practiced|practised|treated|worked|served|provided|specialized)\b"
    r"[^.]{0,60}?\bfor (?:over |more than |nearly |almost |about )?"
    rf"(?:{_NUMBER}|a)\+? (?:years?|decades?)"
    r"|\b(?:treated|served|helped|performed|administered|completed|provided|cared for) (?:over |"
    r"more than )?(?:\d[\d,]*\+?|thousands of|hundreds of) (?:[\w-]+ )?(?:patients|infusions|"
    r"treatments|sessions|clients|people)"
    r"|\b(?:provided|offered|offering|providing|administered|administering|practicing|serving) "
    r"(?:[\w-]+ ){0,3}?since (?:19|20)\d\d\b|\b(?:founded|established|opened|opening) in (?:19|20)\d\d\b"
    r"|\bmember(?:s)? of (?:the )?(?:american society of ketamine physicians|askp3|american psychiatric"
    r"|american society of anesthesiologists|american academy|american association of nurse anesth"
    r"|emdria|american psychological|international society)"
    r"|\baskp3\b"
)
_PERSON_SUBJECT = rx(
    r"\b(?:we|we['’]ve|our|i|i['’]ve|my|he|she|dr\.?|they|clinic|practice|team|center|centre)\b"
)

EXPERTISE_RULES: tuple[Rule, ...] = (
    Rule(
        "physician_led",
        words("md m d do o"),
        pattern(_NAMED_PHYSICIAN, case=True, negatable=False, check=_not_outside_voice),
    ),
    Rule(
        "physician_led",
        words(
            "psychiatrist psychiatrists anesthesiologist anesthesiologists anaesthetist "
            "anaesthetists emergency pain interventional psychiatry psychiatric anesthesia "
            "anesthesiology"
        ),
        pattern(_PHYSICIAN_PROFESSIONS, check=_is_staff_profession),
    ),
    Rule(
        "physician_led",
        words("practice practiced practicing specialize specialized residency fellowship trained"),
        pattern(_SPECIALTY_PRACTICE, require=_PERSON_SUBJECT),
    ),
    Rule(
        "board_certified",
        words("board diplomate fellowship"),
        pattern(_BOARD, veto=_ADVICE, check=lambda s, m: _OUTSIDE_EXPERT.search(s.lower) is None),
    ),
    Rule(
        "licensed_clinicians",
        words(
            "pmhnp fnp aprn arnp dnp np pa c crna rn bsn msn lcsw licsw lisw lmsw lpc lpcc "
            "lcpc lmhc lcmhc lmft mft psyd psy phd ph edd msw crnas lmfts lcsws"
        ),
        any_of(
            pattern(_NAMED_LICENSED, case=True, negatable=False, check=_not_outside_voice),
            pattern(_BARE_LICENCE, case=True, negatable=False, veto=_NOT_STAFF),
        ),
    ),
    Rule(
        "licensed_clinicians",
        words(
            "psychologist psychologists practitioner practitioners assistant assistants "
            "associate associates anesthetist anesthetists nurse nurses provider providers "
            "social workers counselor counselors counsellor counsellors marriage"
        ),
        pattern(_LICENSED_PROFESSIONS, check=_is_staff_profession),
    ),
    Rule(
        "trauma_training",
        words(
            "certified certification certificate certificates trained training credentialed "
            "practitioner"
        ),
        pattern(
            _TRAINING, veto=_ADVICE, check=lambda s, m: _NOT_TRAINED_HERE.search(s.lower) is None
        ),
    ),
    Rule(
        "experience",
        words(
            "years year decades decade experience treated served helped performed "
            "administered completed provided member members askp3 since founded established "
            "opened opening cared"
        ),
        pattern(
            _EXPERIENCE,
            check=lambda s, m: bool(
                _PERSON_SUBJECT.search(s.lower) or m.group().startswith(("member", "askp3"))
            ),
        ),
    ),
)
