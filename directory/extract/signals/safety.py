"""Safety: screening before treatment, published contraindications, monitoring during
sessions (or medical supervision), emergency readiness, after-care rules.

Not: "safety is our priority", qualifications ("trained to monitor"), side effects that
mention blood pressure, a price that "includes monitoring".
"""

from __future__ import annotations

import re

from directory.extract.patterns import HIRING, rx, words
from directory.extract.rules import Rule, any_of, pattern
from directory.extract.text import Sentence

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


def _said_not_titled(s: Sentence, m: re.Match[str]) -> bool:
    """A bare heading ("Medical intake" over a fee line) names a service, not a protocol."""
    if len(s.text.split()) <= 3 and s.text.strip() == s.block.text.strip():
        return False
    return _not_a_qualification(s, m)


# screening sentences that are really about insurance or outcome questionnaires (a fee line
# for an "initial psychiatric evaluation" still tells that the evaluation happens)
_NOT_SCREENING = rx(
    r"\binsurance\b|\bcover(?:s|ed)?\b|\bphq-?9|\bgad-?7|\bpcl-?5|\bmeasure\w*|"
    r"\btrack\w*|\bprogress\b|\bbaseline (?:scores?|questionnaires?|measures?|symptoms?|phq|gad|pcl)"
    r"|\bconsult\w*(?: fee)?\s*[:–—-]\s*\$\s?\d"  # "Medical consultation: $300", a price list line
)
_SCREENING_WORDS = rx(
    r"\bscreen(?:ing|ed)\b[^.]{0,60}?\b(?:forms?|questionnaires?|process|tools?|visit|call|"
    r"appointment|before|prior|candidate|eligib\w+)\b"
    r"|\b(?:medical|psychiatric|safety|comprehensive|thorough|initial|health|mental health|"
    r"pre-?treatment|careful|full) (?:[\w-]+ )?screening\b"
    r"|\b(?:we|you will be|you['’]ll be|patients are|all patients are|everyone is) screened\b"
    r"|\b(?:we|our (?:team|staff|providers?|clinicians?|physicians?)) (?:carefully |thoroughly |"
    r"first )?screen (?:each|every|all|our|new|you)\b"
)
_EVALUATION = (
    r"evaluat\w*|assess\w*|pre-?assessment|consultation|consult|intake|exam|examination|"
    r"interview|questionnaire|screening"
)
_PURPOSE = (
    r"(?:determine|ensure|confirm|decide|see|evaluate|assess|make sure)\w*\b[^.]{0,70}?\b(?:candidate|"
    r"eligib\w+|right for you|appropriate|suitab\w+|safe|qualif\w+|benefit|viable|a good fit)"
    r"|candidacy|(?:good|suitable|appropriate|ideal) candidate|\brule out\b|eligib(?:le|ility)|"
    r"clinical(?:ly)? (?:appropriate|suitab\w+)|contraindicat\w+|"
    r"before (?:approval|treatment|starting|your first|their first|beginning|the first|any|"
    r"initiating|each|every)|"
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
    r"their|each patient['’]s|a patient['’]s)\s+(?:[\w-]+,?\s+){0,4}?(?:medical|health|heart|"
    r"cardiac|family|surgical|substance use|drug|"
    r"psychiatric|mental health|treatment|medication|prior|past)\w*\s*(?:history|histories|records|"
    r"medications|conditions|status|chart)?"
    r"|\b(?:medical|health|psychiatric|mental health|family) (?:history|histories)\b[^.]{0,100}?"
    r"\b(?:will be |are |is )?(?:discussed|reviewed|evaluated|assessed)\b"
    r"|\breview\w* (?:your|the) chart\b"
    r"|\b(?:review|evaluation|assessment) of (?:your|the patient['’]s) (?:[\w-]+ ){0,3}?(?:history|"
    r"medications|health|records|conditions)\b"
)
_INITIAL_EVALUATION = rx(
    r"\b(?:initial|pre-?treatment|pre-?infusion|pre-?procedure|comprehensive|thorough|medical|"
    r"psychiatric|psychiatry|intake|in-office|in-person|new patient|mental health|health|safety) "
    r"(?:psychiatric |medical |"
    r"health |safety )?(?:evaluation|assessment|screening|exam|examination|check(?!-in)|work-?up|"
    r"intake(?! fee| form))\b"
    r"|\b(?:psychiatric|psychiatry|medical) (?:consultation|consult)\b"
    r"|\bpre-?assessment\b|\bphysical exam\w*|\bhistory and physical\b"
)
_ELIGIBILITY_CRITERIA = rx(
    r"\b(?:must|need to|should) (?:meet|satisfy)\b[^.]{0,40}\b(?:criteria|requirements)\b"
    r"|\b(?:eligibility|inclusion|acceptance|exclusion|admission) criteria\b"
)
_CI_CONDITIONS = (
    r"(?:uncontrolled|untreated|unmanaged|poorly controlled) (?:high )?(?:blood pressure|hypertension)|"
    r"high blood pressure|hypertension|psychosis|psychotic|"
    r"schizophreni\w+|mania|manic|pregnan\w+|breast-?feeding|substance (?:abuse|use|misuse)|"
    r"active (?:addiction|substance)|heart (?:disease|failure|conditions?)|cardiac|"
    r"liver (?:disease|problems)|intracranial|aneurysm|allerg\w+|seizures?|glaucoma|"
    r"hyperthyroid\w*|history of (?:ketamine|drug)"
)
_CONTRAINDICATION = rx(
    r"\bcontraindicat\w*"
    r"|\b(?:disqualif\w*|exclusion|ineligible|advised against)\b"
    r"|\bnot (?:be )?(?:a )?(?:good |suitable |appropriate |ideal )?candidates?\b"
    r"|\bnot (?:be )?(?:suitable|appropriate|eligible|recommended|safe|right) for (?!everyone|all\b)"
    r"|\b(?:not (?:be )?(?:eligible|suitable|appropriate)|ineligible|excluded) (?:if|when|while)\b"
    r"|\bshould not (?:receive|have|undergo|use|take|get|be treated)\b"
    rf"|\bhistory of\b[^.]{{0,40}}?\b(?:{_CI_CONDITIONS})\b[^.]{{0,60}}?\b(?:{_CI_CONDITIONS})\b"
    rf"|\b(?:{_CI_CONDITIONS})\b[^.]{{0,80}}?\b(?:risk|unsafe|not (?:be )?(?:eligible|suitable|"
    rf"appropriate|a candidate)|excluded?|prevent|rule out|may not)\b"
)
_RESEARCH = rx(r"\bstud(?:y|ies)\b|\btrials?\b|\bresearch\w*")
_CI_REFUSED = rx(
    r"\b(?:do not|don['’]t|cannot|can['’]t|are unable to|will not|won['’]t|may not|(?:are|is) not "
    r"able to|aren['’]t able to|isn['’]t able to) (?:generally |usually |currently |safely )*"
    rf"(?:treat|accept|offer|provide|give|administer)\b[^.]{{0,80}}?\b(?:{_CI_CONDITIONS})\b"
    # the lead-in of an exclusion list: "We generally don't offer infusions to people who:"
    r"|\b(?:do not|don['’]t|cannot|can['’]t|will not|won['’]t|(?:are|is) not able to|aren['’]t able "
    r"to) (?:generally |usually |currently |safely )*(?:treat|offer|give|provide|administer)\b"
    r"[^.:]{0,50}?\b(?:people|patients|anyone|those|individuals|clients)\b (?:who|with)\b[^.:]{0,20}:"
    rf"|\bno (?:personal |known |prior )?history of (?:[\w-]+ ){{0,2}}?(?:{_CI_CONDITIONS})\b"
)
_CI_CONTEXT = rx(
    r"\bcontraindicat\w*|\bnot (?:a )?(?:good |suitable |ideal |right )?candidates?\b|"
    r"\bshould(?:n['’]t| not) (?:receive|have|get|use|take|try)\b|\bnot (?:be )?(?:right|safe|"
    r"suitable|appropriate|recommended|eligible) for\b|\bwho (?:can(?:not|['’]t)|should not|is not|"
    r"isn['’]t)\b|\bexclu\w+|\bdisqualif\w+|\bineligible\b|\brisks?\b"
)


def _contraindication_context(s: Sentence, m: re.Match[str]) -> bool:
    """Conditions listed under "Who should not receive ketamine?" or "not right for you if:"."""
    for ctx in (s.block.question, s.block.lead_in, s.block.heading):
        if ctx and _CI_CONTEXT.search(ctx.lower()):
            return True
    return False


_CI_SUBJECT = rx(
    rf"\b(?:{_CI_CONDITIONS})\b|\bconditions?\b|\bfollowing\b|\bthese\b|\bcertain\b|"
    r"\bindividuals\b|\bpatients\b|\bpeople\b|\bthose\b|\banyone\b|\bcontraindicat"
)
_VITALS = (
    r"vital signs?|vitals|blood pressure|heart rate|pulse|oxygen(?: saturation| levels?)?|"
    r"o2 sat\w*|spo2|pulse ox\w*|ekg|ecg|electrocardiogram|heart rhythm|cardiac monitor\w*|"
    r"heart monitor\w*|telemetry|"
    r"end[- ]tidal|capnograph\w*|respirations?|breathing"
)
_MEASURE = (
    r"monitor\w*|measur\w*|track\w*|check\w*|record\w*|watch\w*|observ\w*|cuff|oximeter|"
    r"sensors?|stickers|leads|telemetry"
)
# "takes and logs your blood pressure": these verbs only with the vital sign as their object
_RECORD = r"take[ns]?|enter(?:s|ed)?|log(?:s|ged)?"
_VITALS_MONITORED = rx(
    rf"\b(?:{_VITALS})\b(?! medications?| meds| pills| drugs)[^.]{{0,80}}?\b(?:{_MEASURE})\b"
    rf"|\b(?:{_MEASURE})\b[^.]{{0,80}}?\b(?:{_VITALS})\b(?! medications?| meds| pills| drugs)"
    rf"|\b(?:{_RECORD})\b(?: and \w+)? (?:your |the |each patient['’]s |their )?(?:{_VITALS})\b"
    r"(?! medications?| meds| pills| drugs| history)"
    rf"|\b(?:{_VITALS}) (?:is|are) (?:\w+ )?(?:taken|entered|logged)\b"
    r"|\bblood[- ]pressure cuff\b|\bpulse oximeter\b"
)
_SUPERVISED = rx(
    r"\b(?:monitor(?:ed|ing|s)?|supervis\w*|observ(?:ed|ing|es)?|watched|watch(?:es|ing)? over)\b"
    r"[^.]{0,40}?"
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
    r"|\b(?:she|he|they|nurse|clinician|provider)(?: is| are|['’]s|['’]re| stays?| remains?) with you "
    r"(?:from|throughout|for the (?:entire|whole)|the (?:entire|whole)|during)\b"
    r"|\b(?:continue|continues) (?:to )?monitor\w*"
)
_NOT_PROTOCOL = rx(
    # "the price includes monitoring" is a price, not a protocol
    r"\bmonitored doses?\b|\bprice\b|\bcost\b|\bfees?\b|"
    r"\bside effects? (?:may|can|include)\b"
)
_EMERGENCY = rx(
    r"\bacls\b|\bbls\b|\bpals\b|advanced cardiac life support|basic life support|crash cart|"
    r"defibrillator|\baed\b|emergency (?:equipment|medications?|protocols?|plans?|kits?|supplies|"
    r"response|preparedness|procedures)|resuscitation (?:equipment|cart)|airway (?:equipment|"
    r"supplies|cart)|supplemental oxygen|rescue medications?"
)
_DRIVER = rx(
    r"\bdrive (?:you|them|him|her) home\b|\b(?:a|your|designated|sober|responsible) driver\b|"
    r"\bdriver (?:to|who|will|must)\b|\bride (?:home|share)\b|\brideshare\b|"
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
    r"\bobserv(?:e|es|ed|ing|ation)\b[^.]{0,60}?\b(?:\d+|one|two|thirty|sixty)[- ](?:minutes?|hours?)\b"
    r"|\b(?:until|before) (?:a |our |the |your )?(?:nurse|clinician|provider|physician|doctor|staff|"
    r"team)\w* (?:member )?(?:clears|discharges|releases) you\b|\bclears? you to (?:go home|leave)\b"
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
    Rule(
        "screening",
        words("screen screening screened"),
        pattern(_SCREENING_WORDS, check=_not_a_qualification, veto=_NOT_SCREENING),
    ),
    Rule(
        "screening",
        words(
            "evaluate evaluated evaluation evaluations evaluating assess assessed assessment "
            "assessments assessing consultation consult intake exam examination interview "
            "questionnaire preassessment screening screen"
        ),
        pattern(_EVALUATION_WITH_PURPOSE, check=_not_a_qualification, veto=_NOT_SCREENING),
    ),
    Rule(
        "screening",
        words(
            "review reviews reviewed reviewing discuss discusses discussed go goes evaluate "
            "evaluation assessment assess screen history histories chart"
        ),
        pattern(_HISTORY_REVIEW, check=_not_a_qualification, veto=_NOT_SCREENING),
    ),
    Rule(
        "screening",
        words(
            "evaluation assessment screening exam examination check preassessment pre "
            "physical workup work intake consultation consult"
        ),
        pattern(_INITIAL_EVALUATION, check=_said_not_titled, veto=_NOT_SCREENING),
    ),
    Rule("screening", words("criteria"), pattern(_ELIGIBILITY_CRITERIA), questions=False),
    Rule(
        "contraindications",
        words(
            "contraindicated contraindication contraindications contraindicate disqualify "
            "disqualifies disqualified exclusion ineligible advised candidate candidates "
            "suitable appropriate eligible recommended safe should uncontrolled hypertension "
            "psychosis psychotic schizophrenia mania manic pregnant pregnancy excluded history "
            "able generally offer"
        ),
        any_of(
            pattern(
                _CONTRAINDICATION,
                require=_CI_SUBJECT,
                negatable=False,
                veto=rx(
                    r"\bnot for everyone\b|\bmost people\b|\bstud(?:y|ies)\b|\btrials?\b|\bresearch"
                ),
            ),
            pattern(_CI_REFUSED, negatable=False),
        ),
    ),
    Rule(
        "contraindications",
        words(
            "uncontrolled hypertension psychosis psychotic schizophrenia mania manic pregnant "
            "pregnancy breastfeeding heart liver intracranial aneurysm allergy allergic "
            "seizure glaucoma"
        ),
        pattern(
            rx(rf"\b(?:{_CI_CONDITIONS})\b"),
            negatable=False,
            check=_contraindication_context,
            veto=_RESEARCH,
        ),
    ),
    Rule(
        "vitals_monitoring",
        words(
            "vital vitals pressure heart pulse oxygen o2 spo2 ekg ecg electrocardiogram "
            "rhythm cardiac tidal capnography respirations breathing cuff oximeter"
        ),
        pattern(_VITALS_MONITORED, veto=_NOT_PROTOCOL, check=_not_a_qualification),
    ),
    Rule(
        "vitals_monitoring",
        words(
            "monitor monitored monitoring monitors supervised supervision supervising "
            "observed observing observation watch watched watches present side room nearby "
            "outside continue continues throughout entire whole moment"
        ),
        pattern(_SUPERVISED, veto=_NOT_PROTOCOL, check=_not_a_qualification),
    ),
    Rule(
        "emergency_readiness",
        words(
            "acls bls pals advanced basic crash defibrillator aed emergency resuscitation "
            "airway supplemental rescue"
        ),
        pattern(_EMERGENCY, veto=HIRING),
    ),
    Rule(
        "aftercare_rules",
        words(
            "drive driving driver ride rideshare uber lyft arrange accompanied accompany "
            "accompaniment pick transportation someone escort"
        ),
        any_of(pattern(_DRIVER), pattern(_NO_DRIVING, negatable=False)),
    ),
    Rule(
        "aftercare_rules",
        words(
            "eating eat drinking food solid solids fast fasting stomach npo mouth alcohol "
            "recreational cannabis marijuana"
        ),
        pattern(_FASTING, negatable=False),
    ),
    Rule(
        "aftercare_rules",
        words(
            "observe observed observation monitoring monitored discharge discharged release "
            "released clear clears cleared recovery decisions machinery"
        ),
        pattern(_OBSERVATION, negatable=False),
    ),
)
