"""Text detectors for the rubric's signals (expertise, holistic, safety, reviews,
personalization) and for the red flags.

Each signal is a few `Rule`s built from named pattern families. The families encode the
labelling rubric (realpages/README.md): what counts is what the page says about *this*
provider's own practice, so most families pair a keyword with the context that makes it
about the clinic (first person, an FAQ answer, a process step) and with vetoes for the
contexts that do not (general education, research, the patient's own doctors, an outside
expert's quote, a profession's skills). Cost signals live in `cost.py`, routes in
`routes.py`.
"""

from __future__ import annotations

import re

from directory.extract.patterns import ATTRIBUTION, FIRST_PERSON, rx, words
from directory.extract.rules import Rule, any_of, pattern
from directory.extract.text import Sentence

# ======================================================================================
# expertise
# A concrete qualification of the provider's own clinicians: a credential, a qualifying
# profession or specialty, board certification, named training, years of experience.
# "Dr. X", "physician", "provider", "licensed professional" alone are not enough.

_NAME = r"(?:Dr\.?\s+)?[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zA-Z'’\-]+){1,2}"
_LICENCES = (
    r"PMHNP(?:-BC)?|FNP(?:-BC|-C)?|APRN|ARNP|DNP|NP(?:-C)?|PA-C|CRNA|RN|BSN|MSN|LCSW|LICSW|"
    r"LISW|LMSW|LPCC?|LPC-S|LCPC|LMHC|LCMHC|LMFT|MFT|PsyD|Psy\.D\.|PhD|Ph\.D\.|EdD|MSW"
)
_ANY_CRED = rf"MD|M\.D\.|DO|D\.O\.|{_LICENCES}|FASA|FAPA|ABPN|MPH|MS|MA"
# "Jane Roe, MD" / "Jane A. Roe MD, FAPA"; DO needs its comma ("How Long DO ..." is a heading)
_NAMED_PHYSICIAN = rx(
    rf"\b{_NAME},?\s+(?:(?:{_ANY_CRED}),?\s+)*?(?:MD|M\.D\.)(?![A-Za-z])|\b{_NAME},\s+D\.?O\.?(?![A-Za-z])"
)
_NAMED_LICENSED = rx(rf"\b{_NAME},?\s+(?:(?:{_ANY_CRED}),?\s+)*?(?:{_LICENCES})(?![A-Za-z])")
# credentials that mean one thing only, so they count without a name ("my fellow CRNAs")
_BARE_LICENCE = rx(r"\b(?:CRNA|PMHNP|LCSW|LMFT|LPCC|LMHC|LCMHC|PsyD|PA-C|APRN|DNP)s?\b")

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
# The profession is the patient's own clinician, a referrer, history, or someone else's.
_NOT_STAFF = rx(
    r"\breferr\w*|\brefer (?:you|yourself)\b|"
    r"\byour (?:own |current |referring |primary |treating |local |outside )?"
    r"(?:psychiatrist|therapist|doctor|physician|provider|psychologist|specialist|prescriber|"
    r"clinician|care team)|"
    r"\bunder the care of\b|\balready (?:seeing|established|under|working)\b|"
    r"\byou (?:have|see|are seeing|already have) an?\b|\bdepartment of\b|\bhistorically\b|"
    r"\bdiscovered\b|\b(?:has|have|had) been used\b|\bwere used\b|\bused by\b|"
    r"\bnon-?psychiatri\w+|\bthan (?:a |an |other )?(?:psychiatrists?|anesthesiologists?|physicians?)\b|"
    r"\blook for\b|\bmake sure\b|\bask (?:if|whether|your)\b|\bshould (?:be|look|ask)\b|"
    r"\bsays\b|\bsaid\b|\bwrites\b|\baccording to\b|\bstud(?:y|ies)\b|\bresearch"
)
_STAFF_OWNERSHIP = rx(
    r"\b(?:our|we|we['’]re|us)\b|\bled by\b|\bstaffed by\b|\bteam of\b|\b(?:are|is) all\b|"
    r"\ball of (?:our|whom|them)\b|\bon (?:our )?staff\b|\bmy fellow\b"
)
_QUALIFIED_AFTER = rx(r"\b(?:trained|qualified|certified|experts?|skilled|experienced|specialists)\b")
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
            _STAFF_OWNERSHIP.search(lower)
            or _QUALIFIED_AFTER.search(lower, m.end(), m.end() + 60)
        )
    before = lower[max(0, m.start() - 30) : m.start()]
    return bool(
        _DETERMINER_BEFORE.search(before)
        or _SERVICE_AFTER.search(lower, m.end(), m.end() + 30)
        or _STAFF_OWNERSHIP.search(lower)
    )


def _not_outside_voice(s: Sentence, m: re.Match[str]) -> bool:
    """Not a quoted outside expert ('... says John Roe, MD, of Yale')."""
    return ATTRIBUTION.search(s.lower) is None


_ADVICE = rx(r"\blook for\b|\bmake sure\b|\bensure (?:that )?(?:your|the)\b|\bask (?:if|whether)\b|\bchoose an?\b")
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
    rf"\s+(?:in|as an?|through|from|with|by)\s+(?:[\w-]+\s+){{0,6}}?(?:{_MODALITIES})"
    rf"|(?:{_MODALITIES})[\s-]+(?:[\w-]+\s+){{0,2}}?(?:certified|certification|certificate|"
    r"trained|training|practitioner)\b"
)
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|many|several)"
_EXPERIENCE = rx(
    rf"\b(?:over |more than |nearly |almost )?{_NUMBER}\+? (?:years?|decades?) (?:of )?"
    r"(?:combined |clinical |professional |medical )?(?:experience|practice|practicing|in practice|"
    r"in (?:the )?field|treating|providing|serving|administering)"
    r"|\bdecades of (?:combined |clinical )?experience"
    r"|\b(?:has|have|['’]ve) been (?:treating|practicing|providing|working|serving|administering|"
    r"helping|caring for|performing|offering|using|in practice)\b[^.]{0,90}?\bfor "
    rf"(?:over |more than |nearly |almost |about |a little over )?(?:{_NUMBER}|a)\+? (?:years?|decades?)"
    r"|\bspent (?:over |more than )?(?:decades|years|\d+ years|many years) (?:in|practicing|treating|working)"
    r"|\b(?:treated|served|helped|performed|administered|completed|provided) (?:over |more than )?"
    r"\d[\d,]*\+? (?:patients|infusions|treatments|sessions|clients)"
    r"|\bmember(?:s)? of (?:the )?(?:american society of ketamine physicians|askp3|american psychiatric"
    r"|american society of anesthesiologists|american academy|american association of nurse anesth"
    r"|emdria|american psychological|international society)"
    r"|\baskp3\b"
)
_PERSON_SUBJECT = rx(r"\b(?:we|we['’]ve|our|i|i['’]ve|my|he|she|dr\.?|they)\b")

EXPERTISE_RULES: tuple[Rule, ...] = (
    Rule("physician_led", words("md m d do o"),
         pattern(_NAMED_PHYSICIAN, case=True, negatable=False, check=_not_outside_voice)),
    Rule("physician_led",
         words("psychiatrist psychiatrists anesthesiologist anesthesiologists anaesthetist "
               "anaesthetists emergency pain interventional psychiatry psychiatric anesthesia "
               "anesthesiology"),
         pattern(_PHYSICIAN_PROFESSIONS, check=_is_staff_profession)),
    Rule("board_certified", words("board diplomate fellowship"),
         pattern(_BOARD, veto=_ADVICE)),
    Rule("licensed_clinicians",
         words("pmhnp fnp aprn arnp dnp np pa c crna rn bsn msn lcsw licsw lisw lmsw lpc lpcc "
               "lcpc lmhc lcmhc lmft mft psyd psy phd ph edd msw crnas lmfts lcsws"),
         any_of(
             pattern(_NAMED_LICENSED, case=True, negatable=False, check=_not_outside_voice),
             pattern(_BARE_LICENCE, case=True, negatable=False, veto=_NOT_STAFF),
         )),
    Rule("licensed_clinicians",
         words("psychologist psychologists practitioner practitioners assistant assistants "
               "associate associates anesthetist anesthetists nurse nurses provider providers "
               "social workers counselor counselors counsellor counsellors marriage"),
         pattern(_LICENSED_PROFESSIONS, check=_is_staff_profession)),
    Rule("trauma_training",
         words("certified certification certificate certificates trained training credentialed "
               "practitioner"),
         pattern(_TRAINING, veto=_ADVICE)),
    Rule("experience",
         words("years year decades decade experience treated served helped performed "
               "administered completed provided member members askp3"),
         pattern(_EXPERIENCE, check=lambda s, m: bool(
             _PERSON_SUBJECT.search(s.lower) or m.group().startswith(("member", "askp3"))))),
)

# ======================================================================================
# holistic
# Ketamine combined with psychotherapy, preparation/integration sessions, a KAP programme, or
# coordination with the patient's own mental-health clinicians. Not: psychotherapy as a
# treatment that failed before, "holistic" without therapy, "your provider" without therapy.

_KAP = rx(
    r"\bketamine[- ‑](?:assisted|facilitated|enhanced) (?:psycho)?therap(?:y|ies|ist)\b|"
    r"\bketamine[- ‑]assisted\b|\bketamine (?:assisted )?psychotherapy\b|\bkap\b|"
    r"\bpsychedelic[- ‑]assisted (?:psycho)?therapy\b|\bassisted psychotherapy\b"
)
_THERAPY = (
    r"psychotherap\w*|talk therapy|therapists?|counse?ling|counse?lors?|therapy sessions?|"
    r"psychotherapeutic"
)
_COMBINED = rx(
    rf"\b(?:combin\w+|paired|pairing|alongside|in conjunction|together with|along with|"
    rf"integrated with|enhanced by|deepen|facilitat\w+)\b[^.]{{0,80}}\b(?:{_THERAPY})\b"
    rf"|\b(?:{_THERAPY})\b[^.]{{0,80}}\b(?:combin\w+|paired|alongside|in conjunction|together)\b"
    rf"|\b(?:support of|with) an? (?:[\w-]+ ){{0,3}}(?:therapists?|psychotherapists?|counse?lors?)\b"
    rf"|\b(?:our|your assigned|an assigned) (?:[\w-]+ ){{0,2}}(?:therapists?|psychotherap\w+|counse?l\w+)"
    rf"|\bwe (?:also )?(?:offer|provide|include) (?:[\w-]+ ){{0,3}}(?:psychotherap\w+|therapy|counse?ling)"
    rf"|\bpsychotherapy (?:program|intake|sessions?|component)"
)
_KETAMINE_CONTEXT = rx(
    r"\b(?:ketamine|infusions?|sessions?|medicine|treatment|experience|journey|kap|spravato|"
    r"dosing|psychedelic)\b"
)
_THERAPY_NOT_OFFERED = rx(
    r"\b(?:despite|failed|fail|tried|trials? of|haven['’]t|hasn['’]t|didn['’]t|don['’]t work|"
    r"not (?:responded|worked|helped)|such as antidepressants?|like medication|than|traditional|"
    r"conventional|frontline|first-line|standard (?:treatments|therapies)|instead of|unlike|"
    r"insurers?|insurance|documentation|prior|previous|other treatments|described as|"
    r"with yourself|pharmacologic)\b"
)
_PREP_INTEGRATION = rx(
    r"\bintegration (?:therapy|sessions?|support|work|appointments?|visits?|circles?|coaching|"
    r"process|calls?|meetings?|groups?|phase|practices?|and preparation)\b"
    r"|\bpreparation,? (?:[\w-]+,? ){0,3}(?:and )?integration\b"
    r"|\b(?:and|or|with|post-session|follow-up|of|for) integration\b"
    r"|\bintegrat(?:e|ing) (?:your|the|their|these|this|each) (?:[\w-]+ )?(?:experiences?|insights?|sessions?)"
    r"|\bprepar(?:ation|atory) (?:therapy |psychotherapy )?(?:sessions?|therapy|appointments?|visits?|meetings?|calls?)\b"
    r"|\bprepare you for (?:your|the|each) (?:[\w-]+ )?(?:ketamine|first|infusion|sessions?|experience|journey|dosing)"
)
_MENTAL_HEALTH_CLINICIAN = (
    r"(?:psycho)?therapists?|psychiatrists?|psychologists?|counse?lors?|"
    r"mental (?:and other )?(?:health ?care |health )?(?:professionals?|providers?|clinicians?|"
    r"team|programs?|practitioners?)|behavioral health (?:providers?|team|programs?)|"
    r"partial hospitali[sz]ation|intensive outpatient|\bphp\b|\biop\b"
)
_COORDINATION = rx(
    rf"\b(?:coordinat\w*|collaborat\w*|communicat\w* with|work(?:s|ing)? (?:closely |together |"
    rf"directly |hand in hand )?with|talk(?:ing)? with|consult(?:ing)? with|contact(?:ing)? "
    rf"(?:your|you)|in touch with|updat\w+|shar\w+ (?:[\w-]+ ){{0,3}}with|include (?:them|him|her|"
    rf"your)|referral network|network of|refer you (?:to|back)|return (?:back )?to|resume|"
    rf"continue (?:[\w-]+ ){{0,2}}therapy|diagnosis from|referral from|letter from|"
    rf"partner(?:s|ed|ing)? with)\b[^.]{{0,90}}?\b(?:{_MENTAL_HEALTH_CLINICIAN})\b"
    rf"|\b(?:{_MENTAL_HEALTH_CLINICIAN})\b[^.]{{0,60}}?\b(?:coordinat\w*|collaborat\w*|"
    rf"informed|updated|in the loop|network)\b"
)
_CLINIC_SIDE = rx(
    r"\b(?:we|we['’]ll|our|us|i)\b|\byour (?:own |current |referring |treating )?"
    r"(?:therapist|psychiatrist|psychologist|counse?lor|mental)|\b(?:is|are) coordinated\b|"
    r"\bin collaboration\b"
)
_MAY_BE_PRIMARY_CARE = rx(
    r"\bprimary care\b|\bneurologist\b|\bpain specialist\b|\bgeneral practitioner\b|"
    r"\bself-?refer|\brefer yourself\b|\brefer you to (?:one of )?our\b|\bthey can refer\b"
)
_OUTCOME_SCALES = rx(
    r"\b(?:phq-?9|gad-?7|pcl-?5|madrs|ham-?d|qids|beck depression inventory|bdi-?ii)\b"
)
_TRACKING = rx(r"\b(?:track\w*|measur\w*|monitor\w*|assess\w*|administer\w*|complet\w*|scor\w*|progress|baseline|before each|after each|every)\b")

HOLISTIC_RULES: tuple[Rule, ...] = (
    Rule("psychotherapy", words("ketamine kap psychedelic assisted"),
         pattern(_KAP, veto=rx(r"\$\s?\d")), questions=True),
    Rule("psychotherapy",
         words("psychotherapy psychotherapies psychotherapist psychotherapists therapist "
               "therapists counseling counselling counselor counselors therapy "
               "psychotherapeutic"),
         pattern(_COMBINED, require=_KETAMINE_CONTEXT, veto=_THERAPY_NOT_OFFERED)),
    Rule("prep_integration",
         words("integration integrate integrating preparation preparatory prepare"),
         pattern(_PREP_INTEGRATION)),
    Rule("care_coordination",
         words("therapist therapists psychotherapist psychiatrist psychiatrists psychologist "
               "psychologists counselor counselors counsellor mental behavioral partial "
               "intensive php iop"),
         pattern(_COORDINATION, require=_CLINIC_SIDE, veto=_MAY_BE_PRIMARY_CARE)),
    Rule("outcome_tracking", words("phq gad pcl madrs ham qids beck bdi"),
         pattern(_OUTCOME_SCALES, require=_TRACKING, negatable=False)),
)

# ======================================================================================
# safety
# Screening before treatment, published contraindications, monitoring during sessions
# (or medical supervision), emergency readiness, after-care rules. Not: "safety is our
# priority", qualifications ("trained to monitor"), side effects that mention blood pressure.

_QUALIFICATION_CONTEXT = rx(
    r"\b(?:qualified|trained|experts?|expertise|skilled|capable|competen\w+|training|"
    r"experienced|proficient) (?:to|in|at|with)\b|\bspen[dt] years\b|\bbecoming experts\b"
)


def _not_a_qualification(s: Sentence, m: re.Match[str]) -> bool:
    """'Experts in monitoring vital signs' is a qualification, not the clinic's protocol."""
    if _QUALIFICATION_CONTEXT.search(s.lower):
        return False
    lead = s.block.lead_in
    return not (lead and _QUALIFICATION_CONTEXT.search(lead.lower()))


_SCREENING_WORDS = rx(
    r"\bscreen(?:ing|ed)\b[^.]{0,60}?\b(?:forms?|questionnaires?|process|tools?|visit|call|"
    r"appointment|before|prior|candidate|eligib\w+)\b"
    r"|\b(?:medical|psychiatric|safety|comprehensive|thorough|initial|health|mental health|"
    r"pre-?treatment|careful|full) (?:[\w-]+ )?screening\b"
    r"|\b(?:we|you will be|you['’]ll be|patients are|all patients are|everyone is) screened\b"
)
_EVALUATION = (
    r"evaluat\w*|assess\w*|pre-?assessment|consultation|consult|intake|exam|examination|"
    r"interview|questionnaire|screening"
)
_PURPOSE = (
    r"(?:determine|ensure|confirm|decide|see|evaluate|assess)\w*\b[^.]{0,70}?\b(?:candidate|"
    r"eligib\w+|right for you|appropriate|suitab\w+|safe|qualif\w+|benefit|viable|a good fit)"
    r"|candidacy|(?:good|suitable|appropriate|ideal) candidate|\brule out\b|eligib(?:le|ility)|"
    r"clinical(?:ly)? (?:appropriate|suitab\w+)|contraindicat\w+|"
    r"before (?:approval|treatment|starting|your first|beginning|the first|any|initiating)|"
    r"prior to (?:treatment|your first|the first|starting|the initiation|initiation|any|infusion|"
    r"beginning)|required before"
)
_EVALUATION_WITH_PURPOSE = rx(
    r"\b(?:evaluat|assess|determin|decid|screen)\w* (?:if|whether) [^.]{0,70}?\b(?:appropriate|"
    r"right for you|candidate|suitab\w+|safe|eligib\w+|viable|benefit|a good fit)"
    rf"|\b(?:{_EVALUATION})\b[^.]{{0,120}}?\b(?:{_PURPOSE})"
    rf"|\b(?:{_PURPOSE})\b[^.]{{0,80}}?\b(?:{_EVALUATION})\b"
)
_HISTORY_REVIEW = rx(
    r"\b(?:review|discuss|go over|goes over|evaluat|assess|screen)\w*\s+(?:your|the patient['’]s|"
    r"their|each patient['’]s|a patient['’]s)\s+(?:[\w-]+,?\s+){0,4}?(?:medical|health|"
    r"psychiatric|mental health|treatment|medication|prior|past)\w*\s*(?:history|histories|records|"
    r"medications|conditions|status|chart)?"
    r"|\b(?:medical|health|psychiatric|mental health|family) (?:history|histories)\b[^.]{0,100}?"
    r"\b(?:will be |are |is )?(?:discussed|reviewed|evaluated|assessed)\b"
    r"|\breview\w* (?:your|the) chart\b"
)
_INITIAL_EVALUATION = rx(
    r"\b(?:initial|pre-?treatment|pre-?infusion|pre-?procedure|comprehensive|thorough|medical|"
    r"psychiatric|psychiatry|intake|in-office|in-person|new patient) (?:psychiatric |medical |"
    r"health |safety )?(?:evaluation|assessment|screening|exam|examination|check|work-?up)\b"
    r"|\bpre-?assessment\b|\bphysical exam\w*|\bhistory and physical\b"
)
_ELIGIBILITY_CRITERIA = rx(
    r"\b(?:must|need to|should) (?:meet|satisfy)\b[^.]{0,40}\b(?:criteria|requirements)\b"
    r"|\b(?:eligibility|inclusion|acceptance|exclusion|admission) criteria\b"
)
_CI_CONDITIONS = (
    r"uncontrolled (?:high )?(?:blood pressure|hypertension)|hypertension|psychosis|psychotic|"
    r"schizophreni\w+|mania|manic|pregnan\w+|breast-?feeding|substance (?:abuse|use)|"
    r"active (?:addiction|substance)|heart (?:disease|failure|conditions?)|cardiac|"
    r"liver (?:disease|problems)|intracranial|aneurysm|allerg\w+|seizures?|glaucoma|"
    r"hyperthyroid\w*|history of (?:ketamine|drug)"
)
_CONTRAINDICATION = rx(
    r"\bcontraindicat\w*"
    r"|\b(?:disqualif\w*|exclusion|ineligible|advised against)\b"
    r"|\bnot (?:be )?(?:a )?(?:good |suitable |appropriate |ideal )?candidates?\b"
    r"|\bnot (?:be )?(?:suitable|appropriate|eligible|recommended|safe) for (?!everyone|all\b)"
    r"|\bshould not (?:receive|have|undergo|use|take|get|be treated)\b"
    rf"|\b(?:{_CI_CONDITIONS})\b[^.]{{0,80}}?\b(?:risk|unsafe|not (?:be )?(?:eligible|suitable|"
    rf"appropriate|a candidate)|excluded?|prevent|rule out|may not)\b"
)
_CI_SUBJECT = rx(
    rf"\b(?:{_CI_CONDITIONS})\b|\bconditions?\b|\bfollowing\b|\bthese\b|\bcertain\b|"
    r"\bindividuals\b|\bpatients\b|\bpeople\b|\bthose\b|\banyone\b|\bcontraindicat"
)
_VITALS = (
    r"vital signs?|vitals|blood pressure|heart rate|pulse|oxygen(?: saturation| levels?)?|"
    r"o2 sat\w*|spo2|pulse ox\w*|ekg|ecg|electrocardiogram|heart rhythm|cardiac monitor\w*|"
    r"end[- ]tidal|capnograph\w*|respirations?|breathing"
)
_MEASURE = (
    r"monitor\w*|measur\w*|track\w*|check\w*|record\w*|watch\w*|observ\w*|cuff|oximeter|"
    r"sensors?|stickers|leads|telemetry"
)
_VITALS_MONITORED = rx(
    rf"\b(?:{_VITALS})\b[^.]{{0,80}}?\b(?:{_MEASURE})\b|\b(?:{_MEASURE})\b[^.]{{0,80}}?\b(?:{_VITALS})\b"
    r"|\bblood[- ]pressure cuff\b|\bpulse oximeter\b"
)
_SUPERVISED = rx(
    r"\b(?:monitor(?:ed|ing|s)?|supervis\w*|observ(?:ed|ing|es)?|watched)\b[^.]{0,40}?"
    r"\b(?:throughout|during (?:the|your|each|every)|the entire|entire (?:time|session|treatment)|"
    r"whole (?:time|session)|continuous(?:ly)?|closely|constantly|at all times|every step)\b"
    r"|\b(?:throughout|during) (?:the|your|each|every) (?:[\w-]+ )?(?:infusion|session|treatment|"
    r"experience|procedure)s?\b[^.]{0,40}?\b(?:monitor\w*|supervis\w*|observ\w*)\b"
    r"|\b(?:on-?site|in-?clinic|in-?office|continuous|medical|close|constant|clinical) "
    r"(?:monitoring|supervision|observation)\b"
    r"|\bmedically (?:supervised|monitored)\b|\bunder (?:the )?(?:[\w’'-]+ ){0,6}?supervision\b"
    r"|\b(?:nurse|physician|doctor|clinician|provider|medical professional|anesthetist|crna|"
    r"anesthesiologist|staff member|team member|medical staff|someone from our team)s? "
    r"(?:is |are |will be |remains? |stays? |will (?:stay|remain) )(?:always )?"
    r"(?:present|with you|by your side|in the room|nearby|close by|right outside)"
    r"|\bwill (?:stay|remain|be) (?:close by|with you|nearby)\b[^.]{0,40}\bmonitor"
    r"|\b(?:continue|continues) (?:to )?monitor\w*"
)
_NOT_PROTOCOL = rx(
    r"\bmonitored doses?\b|\bprice\b|\bcost\b|\bfees?\b|\bincludes? (?:\w+ )?monitoring\b|"
    r"\bside effects? (?:may|can|include)\b"
)
_EMERGENCY = rx(
    r"\bacls\b|\bbls\b|\bpals\b|advanced cardiac life support|basic life support|crash cart|"
    r"defibrillator|\baed\b|emergency (?:equipment|medications?|protocols?|plans?|kits?|supplies|"
    r"response|preparedness|procedures)|resuscitation (?:equipment|cart)|airway (?:equipment|"
    r"supplies|cart)|supplemental oxygen|rescue medications?"
)
_DRIVER = rx(
    r"\bdrive (?:you|them|him|her) home\b|\bdriver\b|\bride (?:home|share)\b|\brideshare\b|"
    r"\b(?:uber|lyft)\b|\barrange (?:for )?(?:a ride|transportation|someone|a driver)\b|"
    r"\baccompan\w+ (?:by|home by) (?:a |an )?(?:responsible |trusted )?(?:adult|friend|family)|"
    r"\baccompaniment by\b|\bpick you up\b|\btransportation (?:home|after|to and from|arranged)\b|"
    r"\b(?:someone|adult|friend|family member|escort) (?:to|who (?:will|can)) (?:drive|take|pick)"
)
_NO_DRIVING = rx(
    r"\b(?:do not|don['’]t|should not|shouldn['’]t|must not|cannot|can['’]t|will not|won['’]t|"
    r"may not|not (?:be )?(?:safe|allowed|permitted|able) to|no|never|refrain from|avoid)\s+"
    r"(?:[\w-]+\s+){0,2}?driv(?:e|ing)\b(?! force| through)"
)
_FASTING = rx(
    r"\b(?:stop|no|avoid|refrain from|not|don['’]t|nothing to|abstain from) (?:eating|eat|"
    r"drinking|food|solid foods?|solids)\b|\bfast(?:ing)? (?:for|status|period|before|prior)\b|"
    r"\bempty stomach\b|\bnpo\b|\bnothing by mouth\b"
    r"|\b(?:not|no|avoid|refrain from|abstain from)\b[^.]{0,25}\b(?:alcohol|recreational drugs?|"
    r"cannabis|marijuana)\b[^.]{0,40}\b(?:before|prior|hours?|after|following|day)\b"
)
_OBSERVATION = rx(
    r"\bobserv(?:ed|ation)\b[^.]{0,60}?\b(?:\d+|one|two|thirty|sixty)[- ](?:minutes?|hours?)\b"
    r"|\b(?:\d+|one|two|thirty)[- ](?:minutes?|hours?) (?:of )?(?:post[- ]\w+ )?(?:observation|"
    r"monitoring|recovery monitoring)\b"
    r"|\bmonitored (?:by us |by our staff |in (?:the|our) clinic )?for (?:at least |about )?"
    r"(?:\d+|one|two|thirty)[- ]?(?:minutes?|hours?)\b"
    r"|\buntil (?:you are|you['’]re|the patient is) (?:discharged|released|cleared|fully recovered|"
    r"stable|alert)\b|\bdischarge criteria\b"
    r"|\brecovery (?:room|area|period)\b[^.]{0,60}\b(?:monitor\w*|observ\w*|staff|nurse)"
    r"|\b(?:avoid|no|do not|don['’]t|refrain from) (?:making )?(?:important|major|big|legal) decisions\b"
    r"|\boperat(?:e|ing) (?:heavy )?machinery\b"
)

SAFETY_RULES: tuple[Rule, ...] = (
    Rule("screening", words("screening screened"),
         pattern(_SCREENING_WORDS, check=_not_a_qualification)),
    Rule("screening",
         words("evaluate evaluated evaluation evaluations evaluating assess assessed assessment "
               "assessments assessing consultation consult intake exam examination interview "
               "questionnaire preassessment screening"),
         pattern(_EVALUATION_WITH_PURPOSE, check=_not_a_qualification)),
    Rule("screening",
         words("review reviews reviewed reviewing discuss discusses discussed go goes evaluate "
               "assess screen history histories chart"),
         pattern(_HISTORY_REVIEW, check=_not_a_qualification)),
    Rule("screening",
         words("evaluation assessment screening exam examination check preassessment pre "
               "physical workup work"),
         pattern(_INITIAL_EVALUATION, negatable=True, check=_not_a_qualification)),
    Rule("screening", words("criteria"), pattern(_ELIGIBILITY_CRITERIA), questions=False),
    Rule("contraindications",
         words("contraindicated contraindication contraindications contraindicate disqualify "
               "disqualifies disqualified exclusion ineligible advised candidate candidates "
               "suitable appropriate eligible recommended safe should uncontrolled hypertension "
               "psychosis psychotic schizophrenia mania manic pregnant pregnancy"),
         pattern(_CONTRAINDICATION, require=_CI_SUBJECT, negatable=False,
                 veto=rx(r"\bnot for everyone\b|\bmost people\b"))),
    Rule("vitals_monitoring",
         words("vital vitals pressure heart pulse oxygen o2 spo2 ekg ecg electrocardiogram "
               "rhythm cardiac tidal capnography respirations breathing cuff oximeter"),
         pattern(_VITALS_MONITORED, veto=_NOT_PROTOCOL, check=_not_a_qualification)),
    Rule("vitals_monitoring",
         words("monitor monitored monitoring monitors supervised supervision supervising "
               "observed observing observation watched present side room nearby outside "
               "continue continues"),
         pattern(_SUPERVISED, veto=_NOT_PROTOCOL, check=_not_a_qualification)),
    Rule("emergency_readiness",
         words("acls bls pals advanced basic crash defibrillator aed emergency resuscitation "
               "airway supplemental rescue"),
         pattern(_EMERGENCY)),
    Rule("aftercare_rules",
         words("drive driver ride rideshare uber lyft arrange accompanied accompany "
               "accompaniment pick transportation someone escort"),
         any_of(pattern(_DRIVER), pattern(_NO_DRIVING, negatable=False))),
    Rule("aftercare_rules",
         words("eating eat drinking food solid solids fast fasting stomach npo mouth alcohol "
               "recreational cannabis marijuana"),
         pattern(_FASTING, negatable=False)),
    Rule("aftercare_rules",
         words("observed observation monitoring monitored discharged released cleared "
               "discharge recovery decisions machinery"),
         pattern(_OBSERVATION, negatable=False)),
)

# ======================================================================================
# personalization
# Individualized plans or dosing, titration to weight/response/tolerance, a number or
# frequency of sessions decided per patient. Not: "care tailored to your wellness journey",
# "boosters as needed", office hours.

_PLAN_NOUNS = (
    r"treatment plans?|plans? of care|care plans?|plans?|protocols?|dos(?:e|es|ing|age|ages)|"
    r"prescriptions?|infusions?|maintenance(?: infusions| treatments?| schedule)?|regimens?|"
    r"approach to (?:dosing|treatment)|treatment (?:protocols?|course|schedule)|"
    r"course of treatment|schedules?|programs?|ketamine therapy plan"
)
_ADAPTED = r"individuali[sz]ed|personali[sz]ed|tailored|customi[sz]ed|custom|bespoke|patient-specific"
_INDIVIDUAL_PLAN = rx(
    rf"\b(?:{_ADAPTED})\b[ ,]+(?:(?!of\b|nature\b|to\b|for\b|your\b|and\b|the\b)[\w-]+[ ,]+){{0,2}}?"
    rf"(?:{_PLAN_NOUNS})\b"
    rf"|\b(?:{_PLAN_NOUNS})\b (?:that |which )?(?:is |are |will be |can be |gets? )?"
    rf"(?:specifically )?(?:{_ADAPTED}|designed|adjusted) (?:to|for|based|around|according)\b"
)
_COST_TALK = rx(r"\bcosts?\b|\bprices?\b|\bpricing\b|\bafford\w*|\binsurance\b|\bpay\b")
_DOSE = r"dose|doses|dosage|dosages|dosing|infusion rate|rate of infusion|treatment|medication dose|amount of ketamine"
_TITRATION = rx(
    r"\bweight[- ]based\b|\bbased on (?:your )?(?:body )?weight\b|\bmg/kg\b|\bper kilogram\b|"
    r"\btitrat\w*"
    rf"|\b(?:adjust\w*|modif\w*|tailor\w*|increas\w*|decreas\w*|lower\w*|rais\w*|fine-tun\w*|"
    rf"optimi[sz]\w*|chang\w*|individuali[sz]\w*|personali[sz]\w*) (?:the |your |each |their |a |"
    rf"this |my )?(?:ketamine )?(?:{_DOSE})\b"
    rf"|\b(?:{_DOSE})s? (?:is |are |will be |can be |may be |gets? )?(?:adjusted|titrated|tailored|"
    rf"individuali[sz]ed|personali[sz]ed|customi[sz]ed|increased|modified|determined by|guided by|"
    rf"optimi[sz]ed|calibrated|based on)\b"
    r"|\b(?:based on|according to|depending on|guided by|in response to|depend\w* on|tailored to"
    r"|adjusted to)\b[^.;]{0,60}?\b(?:response|tolerance|tolerability|reaction|progress)\b"
    r"|\bif (?:your|the patient['’]s|their) response\b"
    r"|\bbaseline (?:for|of) (?:your )?(?:ketamine )?dos\w+"
    r"|\b(?:find|finding|determine|establish|identify)\w* (?:the |your )?(?:optimal|right|ideal|"
    r"best|most effective|appropriate|correct) (?:ketamine )?(?:dose|dosage|dosing)"
)
_RESPONSE_OWNER = rx(
    r"\b(?:your|you|the patient['’]s|each patient['’]s|their|individual|his|her|client['’]s|"
    r"we|our)\b"
)
_SCHEDULE_NOUNS = (
    r"sessions|infusions|treatments|boosters?|booster (?:sessions|infusions|treatments)|"
    r"maintenance(?: sessions| infusions| treatments)?|appointments|visits|doses"
)
_SCHEDULE_PER_PATIENT = rx(
    r"\bcase[- ]by[- ]case\b"
    rf"|\b(?:number|frequency|timing|schedule|spacing|length|how many|how often)\b[^.]{{0,30}}?"
    rf"\b(?:{_SCHEDULE_NOUNS})\b[^.]{{0,70}}?\b(?:var(?:y|ies)|depend\w*|individuali[sz]ed|tailored|"
    rf"determined|personali[sz]ed|customi[sz]ed|adjusted|based on|differ\w*)\b"
    r"|\b(?:some|many) (?:patients|clients|people)\b[^.]{0,140}?\b(?:while|whereas|but|and) "
    r"(?:others|other patients|some)\b"
    r"|\bvar(?:y|ies) (?:from )?(?:patient to patient|person to person|by (?:patient|individual|"
    r"person)|between (?:patients|individuals)|for each (?:patient|person|individual))"
    r"|\bboosters?\b[^.]{0,80}?\b(?:individuali[sz]ed|tailored|based on (?:your |each patient['’]s )?"
    r"(?:individual )?(?:response|needs))"
)
_SCHEDULE_CONTEXT = rx(
    rf"\b(?:{_SCHEDULE_NOUNS}|frequency|series|schedule|monthly|weekly|additional treatment|"
    r"further|course)\b"
)
_NOT_SCHEDULE = rx(r"\byounger\b|\bolder\b|\bage\b|\byears old\b|\beligib\w+|\bcost\b|\bprice\b")

PERSONALIZATION_RULES: tuple[Rule, ...] = (
    Rule("individualized_plan",
         words("individualized individualised personalized personalised tailored customized "
               "customised custom bespoke specific"),
         pattern(_INDIVIDUAL_PLAN, veto=_COST_TALK)),
    Rule("titrated_dosing",
         words("weight mg kilogram titrate titrated titrating titration adjust adjusted "
               "adjusting adjusts adjustment adjustments modify modified modifies modifying "
               "tailor tailored increase increased decrease decreased lower lowered raise "
               "raised fine optimize optimized change changed changing individualize "
               "individualized personalize personalized response responses tolerance tolerability "
               "reaction progress baseline optimal right ideal best"),
         pattern(_TITRATION, require=_RESPONSE_OWNER, veto=_COST_TALK)),
    Rule("flexible_schedule",
         words("case number frequency timing schedule spacing length many often some vary varies "
               "booster boosters"),
         pattern(_SCHEDULE_PER_PATIENT, require=_SCHEDULE_CONTEXT, veto=_NOT_SCHEDULE)),
)

# ======================================================================================
# reviews
# Testimonials (a patient's or client's own quoted words), a rating with a review count,
# and the clinic's own quantified patient outcomes. Not: research statistics, quoted experts,
# staff anecdotes, generic "patients describe a floating feeling".

_OPEN_QUOTE = r"[“\"]"
_QUOTED_FIRST_PERSON = rx(
    rf"{_OPEN_QUOTE}[^”\"]{{0,300}}?\b(?:i|i['’]m|i['’]ve|i['’]d|my|me|myself)\b"
)
_PATIENT_SPEAKER = (
    r"patients?|clients?|veterans?|mother|father|wife|husband|son|daughter|she|he|"
    r"one of (?:our|my) \w+|an? (?:former|recent|past) (?:patient|client)"
)
_SPEECH = r"said|says|suggested|shared|told (?:us|me)|wrote|writes|reported|explained|described|put it"
_ATTRIBUTED_QUOTE = rx(
    rf"\b(?:{_PATIENT_SPEAKER})\b[^.“\"]{{0,50}}?\b(?:{_SPEECH})\b,?:?\s*{_OPEN_QUOTE}"
    rf"|{_OPEN_QUOTE}[^”\"]{{10,}}[”\"],?\s*(?:{_SPEECH})\s+(?:one |a |our |my )?"
    r"(?:former |recent |past )?(?:patient|client|veteran)"
)
_PATIENT_VOICE = rx(
    r"\b(?:patients?|clients?|veterans?|mother|father|wife|husband|son|daughter|"
    r"testimonials?|reviews?|shared|wrote to|e-?mail)\b"
)
_EXPERT_VOICE = rx(
    r"\b(?:md|m\.d\.|phd|ph\.d\.|dr\.|professor|researchers?|study|studies|journal|"
    r"according to|association|aana|fda|chief|director of|university|yale|harvard)\b"
)
_TESTIMONIAL_HEADING = rx(
    r"\btestimonials?\b|\bwhat (?:our )?(?:patients|clients|people) (?:are )?say|"
    r"\b(?:patient|client|success) (?:stories|experiences|reviews)\b|\breviews\b|\bkind words\b"
)
_FIRST_PERSON_SINGULAR = rx(r"\b(?:i|i['’]m|i['’]ve|i['’]d|my|me|myself)\b")
_OWN_OUTCOMES = rx(
    r"\b(?:our|we['’]ve|we have|we['’]re|we are)\b[^.]{0,80}?\b(?:patients|clients|patient "
    r"(?:demographic|population|base)|people we (?:treat|serve))\b[^.]{0,80}?\b(?:benefit\w*|"
    r"improv\w*|respond\w*|relief|remission|success\w*|better)\b"
)
_QUANTIFIED = rx(
    r"\d+ ?%|\bpercent\b|\bmajority\b|\bmost of our\b|\ball of our\b|\bentire\b|\bevery (?:one|single)\b|"
    r"\b\d+ out of \d+\b"
)
_RESEARCH = rx(r"\bstud(?:y|ies)\b|\bresearch\b|\btrials?\b|\bliterature\b|\bpublished\b|\bnational")
RATING_TEXT = rx(
    r"\b([1-5](?:\.\d)?)\s*(?:out of|/|of)\s*5\b(?:\s*stars?)?[^.]{0,40}?\(?\b(\d[\d,]*)\+?\s*"
    r"(?:google |verified |patient |five-star |5-star )?(?:reviews|ratings)\b"
    r"|\b(\d[\d,]*)\+?\s*(?:google |verified |patient |five-star |5-star )?(?:reviews|ratings)\b"
    r"[^.]{0,40}?\b([1-5]\.\d)\s*(?:stars?|out of 5|/5)"
    r"|\brated ([1-5](?:\.\d)?)\s*(?:stars?|/5|out of 5)?\s*(?:by|from|based on|across) "
    r"(?:over |more than )?(\d[\d,]*)\+?"
)


def _no_expert_in_block(s: Sentence) -> bool:
    return _EXPERT_VOICE.search(s.block.text.lower()) is None


def _attributed(s: Sentence, m: re.Match[str]) -> bool:
    """'One client told us, “...”' - a patient's own words, not an expert's."""
    return _no_expert_in_block(s)


def _patient_quote(s: Sentence, m: re.Match[str]) -> bool:
    """Quoted first-person words in a passage that says they come from a patient."""
    if not _no_expert_in_block(s):
        return False
    context = s.block.text.lower() + " " + (s.block.prev or "").lower()
    return bool(
        _PATIENT_VOICE.search(context)
        or (s.block.heading and _TESTIMONIAL_HEADING.search(s.block.heading.lower()))
        or s.block.kind == "quote"
    )


def _testimonial_block(s: Sentence, m: re.Match[str]) -> bool:
    """First-person words inside a blockquote or under a testimonials heading."""
    if not _no_expert_in_block(s):
        return False
    heading = s.block.heading
    return s.block.kind == "quote" or bool(heading and _TESTIMONIAL_HEADING.search(heading.lower()))


REVIEW_RULES: tuple[Rule, ...] = (
    Rule("testimonials",
         words("patient patients client clients veteran veterans mother father wife husband "
               "son daughter she he former recent past"),
         pattern(_ATTRIBUTED_QUOTE, negatable=False, check=_attributed)),
    Rule("testimonials", words("i im ive id my me myself"),
         pattern(_QUOTED_FIRST_PERSON, negatable=False, check=_patient_quote)),
    Rule("testimonials", words("i im ive id my me myself"),
         pattern(_FIRST_PERSON_SINGULAR, negatable=False, check=_testimonial_block)),
    Rule("testimonials", words("patients clients patient"),
         pattern(_OWN_OUTCOMES, require=_QUANTIFIED, veto=_RESEARCH)),
)

# ======================================================================================
# red flags

_GUARANTEE = rx(
    r"\bguarantee[sd]?\b[^.]{0,40}?\b(?:results?|relief|success|improvement|recovery|outcomes?|"
    r"to (?:work|cure|help|heal|relieve|eliminate|feel)|you will|remission|effective\w*|happiness|"
    r"cure)\b"
    r"|\b(?:results?|relief|success|improvement|recovery|outcomes?|remission)\b[^.]{0,20}?"
    r"\bguaranteed\b"
    r"|\b100 ?% (?:success|effective|cure|guaranteed|results)"
    r"|\b(?:ketamine|our (?:treatment|therapy|infusions?|program)|we|this treatment|it) "
    r"(?:will |can |)cures?\b"
    r"|\b(?:a|the|permanent|lasting) cure (?:for|to) (?:your )?(?:depression|ptsd|anxiety|"
    r"chronic pain|ocd|addiction|bipolar|suicidal)"
)
_GUARANTEE_VETO = rx(
    r"\b(?:may|might|could|potential\w*|hope|no one can|says|said|notes|according to)\b|"
    r"\bnot (?:a |an )?(?:guarantee|cure|magic)"
)
_NO_SCREENING = rx(
    r"\b(?:no|without (?:a |an |any )?|skip (?:the )?|don['’]t need (?:a |an |any )?|"
    r"do not need (?:a |an |any )?|no need for (?:a |an |any )?)(?:medical |psychiatric |prior |"
    r"lengthy |formal |health )?(?:screening|evaluation|assessment|exam|examination|"
    r"consultation|intake)s?\b(?: (?:needed|required|necessary))?"
    r"|\b(?:screening|evaluation|assessment|medical exam|consultation)s? (?:is |are )?not "
    r"(?:needed|required|necessary)\b"
)
_NO_SCREENING_VETO = rx(r"\bfees?\b|\bcharge\b|\bcost\b|\bfree\b|\breferral\b|\bprescription\b")
_AT_HOME_IV = rx(
    r"\b(?:at[- ]home|in[- ]home|mobile|concierge)\s+(?:ketamine\s+)?(?:iv|intravenous|infusions?)\b"
    r"|\b(?:iv|intravenous)\s+(?:ketamine\s+)?(?:infusions?\s+)?(?:therapy\s+)?(?:at|in)\s+"
    r"(?:the comfort of\s+)?(?:your|their)\s+(?:own\s+)?home\b"
    r"|\binfusions?\s+(?:at|in)\s+(?:the comfort of\s+)?(?:your|their)\s+(?:own\s+)?home\b"
    r"|\b(?:iv|infusions?)\b[^.]{0,40}\b(?:we come to you|house calls?)\b"
)
_CONTRAST = rx(r"\b(?:unlike|while|whereas|instead of|rather than|compared|versus|vs)\b")


def _not_doubly_negated(s: Sentence, m: re.Match[str]) -> bool:
    """'We never treat without screening' is the opposite of a red flag."""
    from directory.extract.patterns import negated

    return not negated(s.lower, m.start())


RED_FLAG_RULES: tuple[Rule, ...] = (
    Rule("guarantee_claim", words("guarantee guarantees guaranteed cure cures 100"),
         pattern(_GUARANTEE, veto=_GUARANTEE_VETO)),
    Rule("no_screening",
         words("screening evaluation assessment exam examination consultation intake"),
         pattern(_NO_SCREENING, negatable=False, veto=_NO_SCREENING_VETO,
                 check=_not_doubly_negated)),
    Rule("at_home_iv", words("home mobile concierge house"),
         pattern(_AT_HOME_IV, veto=_CONTRAST)),
)

_ = FIRST_PERSON  # re-exported vocabulary used by sibling modules
