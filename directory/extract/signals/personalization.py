"""Personalization: individualized plans or dosing, titration to weight, response or
tolerance, a number or frequency of sessions decided per patient.

Not: "care tailored to your wellness journey", "boosters as needed", office hours.
"""

from __future__ import annotations

import re

from directory.extract.patterns import context_lower, rx, words
from directory.extract.rules import Rule, any_of, pattern
from directory.extract.text import Sentence

# what a clinic individualizes: plans, protocols, courses, schedules (doses belong to titration)
_PLAN_NOUNS = (
    r"treatment plans?|plans? of care|care plans?|plans?|protocols?|prescriptions?|infusions?|"
    r"maintenance(?: infusions| treatments?| schedule)?|regimens?|approach to (?:dosing|treatment)|"
    r"treatment (?:protocols?|course|schedule)|course of treatment|schedules?|programs?"
)
_ADAPTED = (
    r"individuali[sz]ed|personali[sz]ed|tailored|customi[sz]ed|custom|bespoke|patient-specific"
)
_INDIVIDUAL_PLAN = rx(
    # "an individualized treatment plan", "a personalized, evidence-based protocol"
    rf"\b(?:{_ADAPTED})\b[ ,]+(?:(?!of\b|nature\b|to\b|for\b|your\b|and\b|the\b)[\w-]+[ ,]+){{0,2}}?"
    rf"(?:{_PLAN_NOUNS})\b"
    # "maintenance infusions that are individualized", "your treatment plan is customized"
    rf"|\b(?:{_PLAN_NOUNS})\b (?:that |which )?(?:is |are |will be |can be |gets? )?"
    rf"(?:specifically |fully |always |then )?(?:{_ADAPTED})\b"
    rf"|\b(?:{_PLAN_NOUNS})\b (?:that |which )?(?:is |are |will be )?(?:designed|adjusted|created|"
    r"built|developed) (?:individually|for each|for every|around you|to fit)\b"
    r"|\bindividually (?:tailored|designed|created|determined|adjusted|planned)\b"
    r"|\badapt\w* (?:your|the|each|every) (?:[\w-]+ )?(?:plan|protocol|treatment)\b"
    r"|\bno two (?:[\w-]+ )?(?:plans|protocols|patients|treatments) are (?:alike|the same)\b"
    rf"|\b(?:{_PLAN_NOUNS})\b that (?:fits|meets|matches|suits) your (?:unique |individual |"
    r"specific |own )?(?:needs|goals|situation|symptoms)\b"
    # "we choose the protocol for each patient", "I build your plan around your diagnosis"
    r"|\b(?:choos|select|set|design|build|buil|creat|determin|decid|pick|plan|writ|shap|tailor)\w* "
    rf"(?:the |a |an |your |their )?(?:[\w-]+ )?(?:{_PLAN_NOUNS})\b (?:separately )?"
    r"(?:for (?:each|every) (?:patient|client|person|individual)|around (?:your|you|the patient|"
    r"each|their)|to (?:fit|match|suit) (?:your|you|the patient|each|their))\b"
)
_UNIQUE_PLAN = rx(
    rf"\b(?:{_PLAN_NOUNS})\b[^.]{{0,30}}?\b(?:is|are) (?:entirely |completely )?unique\b"
)
# "custom wellness plans", "tailored to your wellness journey": marketing, not care
_GENERIC_CARE = rx(
    r"\b(?:wellness|self-care|lifestyle|beauty) (?:plans?|programs?|journey)\b|\byour journey\b"
)
_COST_TALK = rx(r"\bcosts?\b|\bprices?\b|\bpricing\b|\bafford\w*|\binsurance\b|\bpay\b")
_DOSE_NOUNS = r"dose|doses|dosage|dosages|dosing|infusion rate|rate of infusion|medication dose"
# weight-based or titrated dosing, an individualized dose: no one's "response" needed
_TITRATION = rx(
    r"\bweight[- ]based\b|\bbased on (?:your )?(?:body )?weight\b|\bmg/kg\b|\bper kilogram\b|"
    # "calculated from your body weight", "set according to the patient's weight"
    r"\b(?:calculat\w+|determined|set|worked out|adjusted|scaled|measured) (?:from|by|on|to|"
    r"according to|using) (?:your |the patient['’]s |each patient['’]s |their )?(?:body )?weight\b|"
    r"\btitrat\w*|\bdosed (?:by|per|according to) (?:your )?(?:body )?weight\b"
    rf"|\b(?:customi[sz]ed|individuali[sz]ed|personali[sz]ed|tailored|custom) (?:ketamine )?"
    rf"(?:{_DOSE_NOUNS})\b"
    rf"|\b(?:{_DOSE_NOUNS})s? (?:is |are |will be |can be |may be |gets? )?(?:\w+ly )?(?:adjusted|titrated|"
    r"tailored|individuali[sz]ed|personali[sz]ed|customi[sz]ed|increased|modified|determined by|"
    r"guided by|optimi[sz]ed|calibrated|based on)\b"
    r"|\bbaseline (?:for|of) (?:your )?(?:ketamine )?dos\w+"
    r"|\b(?:increas|rais|escalat|advanc|adjust)\w*[^.;]{0,40}?\bas tolerated\b"
    r"|\bstart\w* (?:low|at a low (?:dose|rate))\b[^.;]{0,60}?\b(?:increas|rais|titrat|adjust|"
    r"escalat)\w*"
    r"|\b(?:find|finding|determine|establish|identify)\w* (?:the |your )?(?:optimal|right|ideal|"
    r"best|most effective|appropriate|correct) (?:ketamine )?(?:dose|dosage|dosing)"
)
# a clinician adjusting the treatment, or dosing guided by the patient's own response
_ADJUST_VERBS = (
    r"adjust\w*|modif\w*|increas\w*|decreas\w*|lower\w*|rais\w*|fine-tun\w*|optimi[sz]\w*|"
    r"chang\w*|customi[sz]e|personali[sz]e|individuali[sz]e|tailor"
)
_ORDINALS = r"next|first|second|third|following|subsequent|later|remaining|starting|initial"
_ADJUSTED = rx(
    # "adjusts your dose", "raises, lowers or holds your next dose", "adjusts the second and third doses"
    rf"\b(?:{_ADJUST_VERBS})(?:,? (?:or |and )?(?:{_ADJUST_VERBS}|holds?|keeps?|maintains?)\b){{0,3}} "
    r"(?:the |your |each |their |a |this |my )?"
    rf"(?:(?:{_ORDINALS})(?:,? and |,? or |, | ))?(?:(?:{_ORDINALS}) )?(?:ketamine )?"
    rf"(?:{_DOSE_NOUNS}|treatment)\b"
    r"|\b(?:based on|according to|depending on|guided by|in response to|depend\w* on|tailored to"
    r"|adjusted to)\b[^.;]{0,60}?\b(?:response|respond(?:s|ed|ing)?|tolerance|tolerability|"
    r"reaction|progress)\b"
    r"|\bif (?:your|the patient['’]s|their) response\b"
    r"|\bto how (?:you|your body|the patient|they) (?:respond\w*|did|felt|tolerat\w*)"
)
_RESPONSE_OWNER = rx(
    r"\b(?:your|you|the patient['’]s|each patient['’]s|their|individual|his|her|client['’]s|"
    r"we|our|my)\b"
)
_DOSING_CONTEXT = rx(
    r"\b(?:dos\w+|infusions?|sessions?|treatments?|ketamine|rate|amount|once (?:a|every)|"
    r"per week|every (?:\w+ )?weeks?)\b"
)
_SCHEDULE_NOUNS = (
    r"sessions|infusions|injections|treatments|boosters?|booster (?:sessions|infusions|treatments)|"
    r"maintenance(?: sessions| infusions| treatments)?|appointments|visits|doses"
)
# "your treatment schedule is adjusted to your response" (the schedule, not the dose)
_SCHEDULE_ADJUSTED = (
    r"\b(?:schedule|frequency|timing|spacing|intervals?) (?:is|are|will be|gets?|can be) "
    r"(?:\w+ )?(?:adjusted|tailored|individuali[sz]ed|personali[sz]ed|matched|set) (?:to|according "
    r"to|based on|around) (?:your|how|their|each)\b"
)
# "the number of booster infusions depends on your response": how many, not how much
_SCHEDULE_COUNT = rx(
    rf"\b(?:number|frequency|timing|spacing) of (?:[\w-]+ )?(?:{_SCHEDULE_NOUNS})\b"
)
_SCHEDULE_NOT_DOSE = rx(rf"{_SCHEDULE_ADJUSTED}|{_SCHEDULE_COUNT.pattern}")
_SCHEDULE_PER_PATIENT = rx(
    r"\bcase[- ]by[- ]case\b"
    r"|\b(?:tailor|adjust|individuali[sz]e|personali[sz]e|customi[sz]e|determine|decide)\w* (?:the )?"
    rf"(?:number|frequency|timing|schedule|spacing) of (?:[\w-]+ )?(?:{_SCHEDULE_NOUNS})\b"
    rf"|\b(?:number|frequency|timing|schedule|spacing|length|how many|how often)\b[^.]{{0,30}}?"
    rf"\b(?:{_SCHEDULE_NOUNS})\b[^.]{{0,70}}?\b(?:var(?:y|ies)|depend\w*|individuali[sz]ed|tailored|"
    rf"determined|personali[sz]ed|customi[sz]ed|adjusted|based on|differ\w*)\b"
    r"|\b(?:some|many) (?:patients|clients|people)\b[^.]{0,140}?(?:\b(?:while|whereas|but|and) |"
    r"[;:–—] ?)(?:others|other patients|some)\b"
    r"|\bvar(?:y|ies) (?:from )?(?:patient to patient|person to person|by (?:patient|individual|"
    r"person)|between (?:patients|individuals)|for each (?:patient|person|individual))"
    r"|\bboosters?\b[^.]{0,80}?\b(?:individuali[sz]ed|tailored|based on (?:your |each patient['’]s )?"
    r"(?:individual )?(?:response|needs))"
    # boosters when symptoms return, not on a calendar
    r"|\b(?:boosters?|maintenance (?:treatments?|infusions?|sessions?))\b[^.]{0,60}?\b(?:when (?:your )?"
    r"symptoms (?:return|recur|come back)|based on (?:your|how you)|according to (?:your|how you)|"
    r"as (?:your )?symptoms|not on a (?:fixed|set) (?:calendar|schedule))"
    r"|\b(?:spaced|scheduled|timed|planned) (?:out )?(?:according to|based on|around) (?:how you|your|"
    r"each patient['’]s)\b"
    rf"|{_SCHEDULE_ADJUSTED}"
    r"|\b(?:adjust|tailor|individuali[sz]|personali[sz]|customi[sz]|chang)\w* (?:the |your |their )?"
    r"(?:treatment |infusion |dosing |session |maintenance )?(?:schedule|frequency|timing|spacing|"
    r"intervals?)\b[^.;]{0,60}?\b(?:according to|based on|depending on|in response to|guided by|"
    r"as) (?:your|how|their|each|the patient)"
)
# a clinician helping the patient pick among treatments, on the patient's own history
_CHOSEN_FOR_YOU = rx(
    r"\b(?:help (?:you |each patient |patients )?(?:choose|decide|pick|select)|recommend|suggest)"
    r"\w*\b[^.;]{0,50}?\b(?:based on|according to|depending on|in light of|(?:that |which )?"
    r"(?:best )?(?:matches|fits|suits)) (?:your|their|the "
    r"patient['’]s|each patient['’]s)\b[^.;]{0,30}?\b(?:history|needs|goals|preferences|"
    r"symptoms|condition|diagnosis|situation|experiences?)\b"
)
_OPTION_WORDS = rx(
    r"\b(?:one|them|both|either|options?|routes?|treatments?|iv|spravato|esketamine|infusions?|"
    r"lozenges?|nasal|intramuscular|oral|approach)\b"
)
# "between four and eight sessions a month, depending on their plan"
_SESSION_RANGE = rx(
    r"\b(?:between )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)"
    r" (?:and|to|or|-|–) \w+ (?:sessions|infusions|treatments|visits)\b[^.;]{0,50}?"
    r"\b(?:depending on|based on|according to) (?:your|their|each|the patient|how)\b"
)
_SCHEDULE_CONTEXT = rx(
    rf"\b(?:{_SCHEDULE_NOUNS}|frequency|series|schedule|monthly|weekly|additional treatment|"
    r"further|course)\b"
)
_NOT_SCHEDULE = rx(r"\byounger\b|\bolder\b|\bage\b|\byears old\b|\beligib\w+|\bcost\b|\bprice\b")

# "the plan that fits your budget" is about price; "fits your symptoms and coverage" is not
_ONLY_COST = rx(
    r"^(?!.*\b(?:symptoms?|needs|history|goals|conditions?|response|diagnos[ie]s|health)\b)"
    rf".*(?:{_COST_TALK.pattern})"
)
_NOT_PLAN = rx(rf"{_COST_TALK.pattern}|{_GENERIC_CARE.pattern}")
# research doses and price talk are not this clinic's dosing
_NOT_OUR_DOSING = rx(rf"{_COST_TALK.pattern}|\bstud(?:y|ies)\b|\bresearch\w*|\btrials?\b")


def _about_dosing(s: Sentence, m: re.Match[str]) -> bool:
    """'Based on your response' must be about doses or sessions, not about a care plan."""
    if _SCHEDULE_NOT_DOSE.search(s.lower):
        return False  # the schedule follows the response: flexible_schedule, not dosing
    return _DOSING_CONTEXT.search(context_lower(s)) is not None


PERSONALIZATION_RULES: tuple[Rule, ...] = (
    Rule(
        "individualized_plan",
        words(
            "individualized individualised personalized personalised tailored customized "
            "customised custom bespoke specific unique individually adapt alike fits meets "
            "matches suits designed built created developed around each every fit match suit"
        ),
        any_of(pattern(_INDIVIDUAL_PLAN, veto=_NOT_PLAN), pattern(_UNIQUE_PLAN, veto=_NOT_PLAN)),
    ),
    Rule(
        "individualized_plan",
        words(
            "help recommend recommends recommended suggest suggests choose decide pick select "
            "matches fits suits"
        ),
        pattern(_CHOSEN_FOR_YOU, require=_OPTION_WORDS, veto=_ONLY_COST),
    ),
    Rule(
        "titrated_dosing",
        words(
            "weight mg kilogram titrate titration dosed customized customised individualized "
            "individualised personalized personalised tailored custom dose doses dosage dosing "
            "rate baseline optimal right ideal best find determine establish identify tolerated low"
        ),
        pattern(_TITRATION, veto=_NOT_OUR_DOSING),
    ),
    Rule(
        "titrated_dosing",
        words(
            "adjust modify modifies increase decrease lower raise fine optimize change customize "
            "customise personalize individualize tailor response tolerance tolerability "
            "reaction progress respond responds responded responding hold holds"
        ),
        pattern(_ADJUSTED, require=_RESPONSE_OWNER, veto=_NOT_OUR_DOSING, check=_about_dosing),
    ),
    Rule(
        "flexible_schedule",
        words(
            "case number frequency timing schedule spacing spaced length many often some vary "
            "varies booster boosters maintenance tailor adjust individualize personalize "
            "customize determine decide interval intervals others scheduled timed planned"
        ),
        pattern(_SCHEDULE_PER_PATIENT, require=_SCHEDULE_CONTEXT, veto=_NOT_SCHEDULE),
    ),
    Rule(
        "flexible_schedule",
        words("depending based according"),
        pattern(_SESSION_RANGE, veto=_NOT_SCHEDULE),
    ),
)
