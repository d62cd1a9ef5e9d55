"""Red flags: guaranteed results or cure claims, treatment without screening, IV ketamine
at home. Each subtracts from safety and is always shown."""

from __future__ import annotations

import re

from directory.extract.patterns import negated, rx, words
from directory.extract.rules import Rule, pattern
from directory.extract.text import Sentence

_GUARANTEE = rx(
    r"\bguarantee[sd]?\b[^.]{0,40}?\b(?:results?|relief|success|improvement|recovery|outcomes?|"
    r"to (?:work|cure|help|heal|relieve|eliminate|feel)|you will|remission|effective\w*|happiness|"
    r"cure)\b"
    r"|\b(?:results?|relief|success|improvement|recovery|outcomes?|remission)\b[^.]{0,20}?"
    r"\bguaranteed\b"
    r"|\b100 ?% (?:success|effective|cure|guaranteed|results)"
    r"|\bmoney[- ]back\b|\bor your (?:money back|next [\w-]+ is free)\b"
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
    r"\b(?:no |without (?:a |an |any )?|skip (?:the )?|don['’]t need (?:a |an |any )?|"
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
    r"|\b(?:iv|intravenous|infusions?)\b[^.]{0,40}?\b(?:to|at|in) (?:your|the patient['’]s) (?:own )?"
    r"(?:home|house|living room|residence)\b"
)
_CONTRAST = rx(r"\b(?:unlike|while|whereas|instead of|rather than|compared|versus|vs)\b")


def _not_doubly_negated(s: Sentence, m: re.Match[str]) -> bool:
    """'We never treat without screening' is the opposite of a red flag."""
    return not negated(s.lower, m.start())


RED_FLAG_RULES: tuple[Rule, ...] = (
    Rule(
        "guarantee_claim",
        words("guarantee guarantees guaranteed cure cures 100 money"),
        pattern(_GUARANTEE, veto=_GUARANTEE_VETO),
    ),
    Rule(
        "no_screening",
        words("screening evaluation assessment exam examination consultation intake"),
        pattern(_NO_SCREENING, negatable=False, veto=_NO_SCREENING_VETO, check=_not_doubly_negated),
    ),
    Rule(
        "at_home_iv",
        words("home mobile concierge house living residence"),
        pattern(_AT_HOME_IV, veto=_CONTRAST),
    ),
)
