"""Holistic care: ketamine combined with psychotherapy, preparation/integration sessions,
a KAP programme, or coordination with the patient's own mental-health clinicians.

Not: psychotherapy as a treatment that failed before, "holistic" without therapy, "your
provider" without therapy, a requirement a primary-care doctor could meet.
"""

from __future__ import annotations

from directory.extract.patterns import rx, words
from directory.extract.rules import Rule, any_of, pattern

_KAP = rx(
    r"\bketamine[- ‑](?:assisted|facilitated|enhanced) (?:psycho)?therap(?:y|ies|ist)\b|"
    r"\bketamine[- ‑]assisted\b|\bketamine (?:assisted )?psychotherapy\b|\bkap\b|"
    r"\bpsychedelic[- ‑]assisted (?:psycho)?therapy\b|\bassisted psychotherapy\b"
)
# KAP named in market prices, in a staff member's training or in research: not an offer
_KAP_NOT_OFFERED = rx(
    r"\$\s?\d|\bcertific\w+|\btraining\b|\btrained in\b|\bcertified in\b|\bresearch\w*|"
    r"\bstud(?:y|ies)\b|\btrials?\b"
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
    r"|\b(?:combined|paired|pairs|combines|alongside|in conjunction) with (?:[\w-]+ ){0,2}?"
    r"(?<!ketamine )(?<!infusion )(?<!iv )(?<!spravato )therapy\b"
    rf"|\b(?:{_THERAPY})\b[^.]{{0,60}}?\b(?:part of|included|built into|component of)\b"
    rf"|\b(?:{_THERAPY})\b[^.]{{0,40}}?\b(?:with|after|before|between|alongside|of) (?:every|each|"
    r"your) (?:[\w-]+ ){0,2}(?:treatment|infusion|session|dose|series|course)"
)
_KETAMINE_CONTEXT = rx(
    r"\b(?:ketamine|infusions?|sessions?|medicine|treatment|experience|journey|kap|spravato|"
    r"dosing|psychedelic|program)\b"
)
_THERAPY_NOT_OFFERED = rx(
    r"\b(?:despite|failed|fail|tried|trials? of|haven['’]t|hasn['’]t|didn['’]t|don['’]t work|"
    r"not (?:responded|worked|helped)|such as antidepressants?|like medication|than|traditional|"
    r"conventional|frontline|first-line|standard (?:treatments|therapies)|instead of|unlike|"
    r"insurers?|insurance|documentation|prior|previous|other treatments|described as|"
    r"with yourself|pharmacologic|whether|referring)\b"
    # the patient's own therapist, outside the clinic: coordination, not therapy offered here
    r"|\byour (?:own |existing |current |outside )?(?:psycho)?therapist\b"
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
_INTEGRATION_CONTEXT = rx(
    r"\b(?:ketamine|psychedelic|kap|experiences?|insights?|journey|therap\w+|sessions?|"
    r"medicine work)\b"
)
_MENTAL_HEALTH_CLINICIAN = (
    r"(?:psycho)?therapists?|psychiatrists?|psychologists?|counse?lors?|"
    r"mental (?:and other )?(?:health ?care |health )?(?:professionals?|providers?|clinicians?|"
    r"team|programs?|practitioners?)|behavioral health (?:providers?|team|programs?)|"
    r"partial hospitali[sz]ation|intensive outpatient|\bphp\b|\biop\b"
)
_COORDINATION = rx(
    rf"\b(?:coordinat\w*|collaborat\w*|communicat\w* (?:\w+ )?with|work(?:s|ing)? (?:closely |together |"
    rf"directly |hand in hand )?(?:with|alongside)|talk(?:ing)? with|consult(?:ing)? with|contact(?:ing)? "
    rf"(?:your|you)|in touch with|updat\w+|shar\w+ (?:[\w-]+ ){{0,3}}with|include (?:them|him|her|"
    rf"your)|referral network|network of|refer you (?:to|back)|return (?:back )?to|resume|"
    rf"continue (?:[\w-]+ ){{0,2}}therapy|diagnosis from|referrals? from|referred by|letter from|"
    rf"partner(?:s|ed|ing)? with|continu\w* (?:to )?(?:see|work with|meet with)|"
    rf"send\w* (?:[\w-]+ ){{0,3}}(?:summary|summaries|reports?|notes|"
    rf"records|updates?))\b[^.]{{0,90}}?\b(?:{_MENTAL_HEALTH_CLINICIAN})\b"
    rf"|\b(?:{_MENTAL_HEALTH_CLINICIAN})\b[^.]{{0,60}}?\b(?:coordinat\w*|collaborat\w*|"
    rf"informed|updated|in the loop|network)\b"
    # "you keep seeing your therapist, and we send them an update after each session"
    rf"|\b(?:{_MENTAL_HEALTH_CLINICIAN})\b[^.]{{0,100}}?\b(?:we|our (?:clinic|team|staff|providers?|"
    r"nurses?)|i)\b[^.]{0,20}?\b(?:send|share|report|update|inform|notify|communicat|coordinat)\w*"
    rf"|\b(?:{_MENTAL_HEALTH_CLINICIAN})\b[^.]{{0,60}}?\b(?:share|send|report|forward)\w* "
    r"(?:[\w-]+ ){0,5}?(?:with|to) (?:them|him|her)\b"
    # "referring therapists receive a written summary": reports back to the patient's own
    rf"|\b(?:referring|treating|outside|primary) (?:{_MENTAL_HEALTH_CLINICIAN})\b[^.]{{0,40}}?"
    r"\b(?:receive|get|are sent|are given)s? (?:a |an )?(?:[\w-]+ ){0,2}?(?:summary|summaries|"
    r"reports?|updates?|notes|letters?)\b"
    # a mental-health clinician the patient must already have
    r"|\bmust (?:have|be under the care of|be seeing|already have|be established with) (?:an? )?"
    rf"(?:[\w-]+ ){{0,3}}?(?:{_MENTAL_HEALTH_CLINICIAN})\b"
)
_CLINIC_SIDE = rx(
    r"\b(?:we|we['’]ll|our|us|i)\b|\byour (?:[\w-]+ )?"
    r"(?:therapist|psychiatrist|psychologist|counse?lor|mental)|\b(?:is|are) coordinated\b|"
    r"\bin collaboration\b|\bmust be referred\b|\breferrals? (?:is |are )?required\b|"
    r"\brequires? (?:a )?referral\b|\breferrals? [^.]{0,60}\bonly\b|\bmust have\b|\breferring\b"
)
_MAY_BE_PRIMARY_CARE = rx(
    r"\b(?:primary care|neurologist|pain specialist|general practitioner)\b[^.]{0,60}\bor\b|"
    r"\bor (?:a |an |your )?(?:primary care|neurologist|pain specialist|general practitioner)\b|"
    r"\bin-house\b|\bon our team\b|\bon staff\b|"
    r"\bself-?refer|\brefer yourself\b|\bthey can refer\b|"
    r"\brefer you to (?:one of )?our (?:clinics?|offices?|locations?|centers?|centres?|practice)\b"
)
_OUTCOME_SCALES = rx(
    r"\b(?:phq-?9|gad-?7|pcl-?5|madrs|ham-?d|qids|beck depression inventory|bdi-?ii)\b"
)
_TRACKING = rx(
    r"\b(?:track\w*|measur\w*|monitor\w*|assess\w*|administer\w*|complet\w*|scor\w*|progress|"
    r"baseline|before each|after each|every|follow(?:s|ed|ing)? (?:each|your|every|their|the "
    r"patient['’]s|patients['’]?|progress|symptoms|response))\b"
)

# our network of therapists; "if you do not have a therapist, we refer you to one in our network"
_REFERRAL_NETWORK = rx(
    r"\breferral network\b|\bnetwork of (?:[\w-]+ ){0,2}?(?:therapists|psychotherapists|"
    r"psychiatrists|counse?lors|clinicians|mental health)|\brefer (?:you|patients|clients) "
    r"(?:back )?to (?:[\w-]+ ){0,4}?(?:in|from|within) our (?:[\w-]+ )?network\b"
)

# therapy offered at the clinic itself ("counseling services are offered on site")
_THERAPY_ON_SITE = rx(
    rf"\b(?:{_THERAPY}|therapy)\b(?: (?:services|sessions))? (?:is |are )?(?:also )?(?:offered|available|"
    r"provided) (?:on[- ]site|in[- ]house|here|at (?:our|the) (?:clinic|office|practice|center))\b"
    rf"|\b(?:on[- ]site|in[- ]house) (?:{_THERAPY})\b"
)

HOLISTIC_RULES: tuple[Rule, ...] = (
    Rule(
        "psychotherapy",
        words("assisted facilitated enhanced kap psychotherapy"),
        pattern(_KAP, veto=_KAP_NOT_OFFERED),
        questions=True,
    ),
    Rule(
        "psychotherapy",
        words(
            "psychotherapy psychotherapies psychotherapist psychotherapists therapist "
            "therapists counseling counselling counselor counselors therapy "
            "psychotherapeutic"
        ),
        pattern(_COMBINED, require=_KETAMINE_CONTEXT, veto=_THERAPY_NOT_OFFERED),
    ),
    Rule(
        "prep_integration",
        words("integration integrate integrating preparation preparatory prepare"),
        any_of(
            pattern(_PREP_INTEGRATION),
            pattern(
                rx(r"\bintegration\b"),
                require=_INTEGRATION_CONTEXT,
                veto=rx(
                    r"\bresearch\w*|\bstud(?:y|ies)\b|\bconcept\b|\bliterature\b|"
                    r"\bintegration (?:therapist|specialist|coordinator|guide|coach)s?\b"
                ),
            ),
        ),
    ),
    Rule(
        "care_coordination",
        words(
            "therapist therapists psychotherapist psychotherapists psychiatrist psychiatrists "
            "psychologist psychologists counselor counselors counsellor mental behavioral "
            "partial intensive php iop"
        ),
        pattern(_COORDINATION, require=_CLINIC_SIDE, veto=_MAY_BE_PRIMARY_CARE),
    ),
    Rule("care_coordination", words("referral network refer"), pattern(_REFERRAL_NETWORK)),
    Rule(
        "psychotherapy",
        words("site house onsite inhouse"),
        pattern(_THERAPY_ON_SITE, veto=_THERAPY_NOT_OFFERED),
    ),
    Rule(
        "outcome_tracking",
        words("phq gad pcl madrs ham qids beck bdi"),
        pattern(_OUTCOME_SCALES, require=_TRACKING, negatable=False),
    ),
)
