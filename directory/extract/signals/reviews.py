"""Reviews: testimonials (a patient's own quoted words), a rating with a review count,
and the clinic's own quantified patient outcomes.

Not: research statistics, quoted experts, staff anecdotes, "patients describe a floating
feeling".
"""

from __future__ import annotations

import re

from directory.extract.patterns import rx, words
from directory.extract.rules import Rule, any_of, pattern
from directory.extract.text import Sentence

_OPEN_QUOTE = r"[“\"]"
_QUOTE_MARKS = ("“", '"')
_QUOTED_FIRST_PERSON = rx(
    rf"{_OPEN_QUOTE}[^”\"]{{0,300}}?\b(?:i|i['’]m|i['’]ve|i['’]d|my|me|myself)\b"
)
_PATIENT_SPEAKER = (
    r"patients?|clients?|veterans?|mother|father|wife|husband|son|daughter|she|he|"
    r"one of (?:our|my) \w+|an? (?:former|recent|past) (?:patient|client)"
)
_SPEECH = (
    r"said|says|suggested|shared|told (?:us|me)|wrote|writes|reported|explained|described|put it"
)
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
    r"improv\w*|respond\w*|relief|remission|success\w*|better|drop\w*|reduc\w*|decreas\w*|"
    r"declin\w*|lower\w*|fewer)\b"
)
_OWN_OUTCOMES_AFTER = rx(
    r"\b(?:patients|clients|people) (?:we(?:['’]ve| have)? (?:treat|treated|see|serve|served|have treated)|"
    r"at our (?:clinic|practice|center)|in our (?:clinic|practice|care))\b[^.]{0,80}?\b(?:benefit\w*|"
    r"improv\w*|respond\w*|relief|remission|success\w*|better)\b"
)
# "Of the 212 patients who finished a series at Cedar, 71% reported ...": a past cohort of the
# clinic's own, named by "at <Name>", "our" or "we" in the same sentence.
_COHORT_OUTCOMES = rx(
    r"\b(?:patients|clients|veterans|people)\b (?:who|that) (?:completed|finished|received|"
    r"underwent|started|began|had)\b[^.]{0,100}?\b(?:benefit\w*|improv\w*|respond\w*|relief|"
    r"remission|better|drop\w*|reduc\w*|decreas\w*|declin\w*|lower\w*|fewer)\b"
)
_OWN_COHORT = re.compile(r"\b(?:[Oo]ur|[Ww]e|us|at [A-Z][\w'’-]+)\b")
_QUANTIFIED = rx(
    r"\d+ ?%|\bpercent\b|\bmajority\b|\bmost of our\b|\ball of our\b|\bentire\b|\bevery (?:one|single)\b|"
    r"\b\d+ out of \d+\b"
)
_RESEARCH = rx(
    r"\bstud(?:y|ies)\b|\bresearch\w*\b|\btrials?\b|\bliterature\b|\bpublished\b|\bnational|"
    r"\banalys[ie]s\b|\bmeta-|\bjournal\b|\bscientists?\b|\binvestigators\b|\bfda\b"
)
RATING_TEXT = rx(
    r"\b([1-5](?:\.\d)?)\s*(?:out of|/|of)\s*5\b(?:\s*stars?)?[^.]{0,40}?\(?\b(\d[\d,]*)\+?\s*"
    r"(?:google |verified |patient |five-star |5-star )?(?:reviews|ratings)\b"
    r"|\b(\d[\d,]*)\+?\s*(?:google |verified |patient |five-star |5-star )?(?:reviews|ratings)\b"
    r"[^.]{0,40}?\b([1-5]\.\d)\s*(?:stars?|out of 5|/5)"
    r"|\brated ([1-5](?:\.\d)?)\s*(?:stars?|/5|out of 5)?\s*(?:by|from|based on|across) "
    r"(?:over |more than )?(\d[\d,]*)\+?"
    r"|\b([1-5]\.\d)\s*(?:(?:★|⭐|stars?)[\s·•|,(-]*(?:(?:average|avg\.?|rating|overall)\s*)?|"
    r"(?:average|avg\.?|overall)(?: rating)?\s+)"
    r"(?:from |based on |across |on |over )?(?:over |more than )?(\d[\d,]*)\+?\s*"
    r"(?:google |verified |patient |member |client |five-star |5-star )?(?:reviews|ratings)\b"
)


_DASH_ATTRIBUTION = re.compile(r"[”\"]\s*[-–—~]\s*[A-Z][a-z]*")


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
        or _DASH_ATTRIBUTION.search(s.block.text)
    )


def _own_cohort(s: Sentence, m: re.Match[str]) -> bool:
    """The cohort is the clinic's own: "our", "we" or "at <Name>" in the sentence or in the
    passage it stands in (a results paragraph under "Our outcomes")."""
    return any(
        text and _OWN_COHORT.search(text)
        for text in (s.text, s.block.text, s.block.heading, s.block.prev)
    )


# a results list whose items drop the subject: "412 patients completed ..." then "64% had ..."
_LISTED_SHARE = rx(
    r"^\W*\d{1,3}(?:\.\d)? ?%(?: of (?:them|those|patients|clients|veterans))? (?:had|saw|"
    r"reported|experienced|reached|achieved|showed)\b[^.]{0,80}?\b(?:f[ae]ll\w*|drop\w*|reduc\w*|"
    r"improv\w*|remission|relief|better|decreas\w*|lower\w*|respon\w*)"
)
_PATIENT_COUNT = rx(r"\b\d[\d,]* (?:of our )?(?:patients|clients|veterans|people|members)\b")


def _listed_cohort(s: Sentence, m: re.Match[str]) -> bool:
    """A list item under a count of the clinic's patients, not of a study's."""
    context = " ".join(t for t in (s.block.prev, s.block.lead_in, s.block.heading) if t)
    return (
        s.block.kind == "li"
        and bool(_PATIENT_COUNT.search(context.lower()) or _OWN_COHORT.search(context))
        and _RESEARCH.search(context.lower()) is None
    )


def _testimonial_block(s: Sentence, m: re.Match[str]) -> bool:
    """First-person words inside a blockquote or under a testimonials heading."""
    if not _no_expert_in_block(s):
        return False
    heading = s.block.heading
    return s.block.kind == "quote" or bool(heading and _TESTIMONIAL_HEADING.search(heading.lower()))


REVIEW_RULES: tuple[Rule, ...] = (
    Rule(
        "testimonials",
        words(
            "patient patients client clients veteran veterans mother father wife husband "
            "son daughter she he former recent past"
        ),
        pattern(_ATTRIBUTED_QUOTE, negatable=False, check=_attributed, needs=_QUOTE_MARKS),
    ),
    Rule(
        "testimonials",
        words("i im ive id my me myself"),
        pattern(_QUOTED_FIRST_PERSON, negatable=False, check=_patient_quote, needs=_QUOTE_MARKS),
    ),
    Rule(
        "testimonials",
        words("i im ive id my me myself"),
        pattern(_FIRST_PERSON_SINGULAR, negatable=False, check=_testimonial_block),
    ),
    Rule(
        "testimonials",
        words("patients clients patient people veterans"),
        any_of(
            pattern(_OWN_OUTCOMES, require=_QUANTIFIED, veto=_RESEARCH),
            pattern(_OWN_OUTCOMES_AFTER, require=_QUANTIFIED, veto=_RESEARCH),
            pattern(_COHORT_OUTCOMES, require=_QUANTIFIED, veto=_RESEARCH, check=_own_cohort),
        ),
    ),
    Rule(
        "testimonials",
        words("had saw reported experienced reached achieved showed"),
        pattern(_LISTED_SHARE, negatable=False, veto=_RESEARCH, check=_listed_cohort),
    ),
)
