"""Small shared vocabulary: regex builders, negation scope, voice and hedging cues.

Detectors match on `Sentence.lower` unless a pattern needs case (credentials such as `IV`,
`MD`, `LMFT`), in which case it matches `Sentence.text`; both have the same length for the
text clinic pages use, so spans from either can cut a quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from directory.extract.text import Sentence


def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern (written for lower-case text unless it says otherwise).

    `\\bfoo|\\bbar|\\bbaz` is compiled as `\\b(?:foo|bar|baz)`: the same matches, but `re`
    then tests the word boundary once per position instead of once per alternative, which
    makes the long keyword families here about ten times faster.
    """
    return re.compile(_fold_word_boundaries(pattern), flags)


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split a pattern on its top-level `|` (not inside groups or character classes)."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _fold_word_boundaries(pattern: str) -> str:
    """Group runs of consecutive top-level alternatives that all start with a word boundary."""
    alts = _top_level_alternatives(pattern)
    if len(alts) < 2:
        return pattern
    out: list[str] = []
    run: list[str] = []
    for alt in [*alts, ""]:
        if alt.startswith("\\b") and alt != "":
            run.append(alt[2:])
            continue
        if len(run) > 1:
            out.append("\\b(?:" + "|".join(run) + ")")
        elif run:
            out.append("\\b" + run[0])
        run = []
        if alt:
            out.append(alt)
    return "|".join(out)


# Every trigger word of every detector; the page's word index keeps only these.
VOCABULARY: set[str] = set()


def words(text: str) -> frozenset[str]:
    """Trigger words for the page's word index, written space-separated, with their common
    inflections ("adjust" also triggers on "adjusted", "adjusting", "adjustment"); registered
    once, at import, in VOCABULARY."""
    found = frozenset(inflections(text.split()))
    VOCABULARY.update(found)
    return found


_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ment", "ments", "ion", "ions", "ly", "al")


def inflections(tokens: Iterable[str]) -> set[str]:
    """Each word with crude English inflections (a few are not words; they never match)."""
    out: set[str] = set()
    for t in tokens:
        out.add(t)
        out.add(singular(t))
        if len(t) < 4 or not t.isalpha():
            continue
        out.update(t + sfx for sfx in _SUFFIXES)
        if t.endswith("e"):  # evaluate -> evaluating, evaluation; customize -> customization
            out.update((t[:-1] + "ing", t[:-1] + "ion", t[:-1] + "ions", t[:-1] + "ation"))
        if t.endswith("y"):  # modify -> modified, modifies
            out.update((t[:-1] + "ied", t[:-1] + "ies"))
    return out


def singular(token: str) -> str:
    """The crude singular the word index uses: one trailing 's' dropped from longer words."""
    return (
        token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token
    )


# ---------------------------------------------------------------------------------------
# Negation with clause scope: "we do not accept insurance" is negated, but in "we do not
# need a referral, but we do require a diagnosis" the second clause is not.
_CLAUSE_BREAK = rx(
    r"[;:()\[\]]|,\s|\s[-–—]\s|\b(?:but|however|although|though|whereas|while|yet)\b"
)
_NEGATION = rx(
    r"\b(?:not|no|never|without|cannot|nor|neither|none|unable|rarely|seldom|hardly)\b"
    r"|n['’]t\b"
)


def clause_start(lower: str, pos: int) -> int:
    """Where the clause holding `pos` starts."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(lower, 0, pos):
        start = m.end()
    return start


def negated(lower: str, pos: int, end: int | None = None, reach: int = 60) -> bool:
    """A negation in the same clause before `pos` (or inside `pos:end`), within `reach`."""
    lo = max(clause_start(lower, pos), pos - reach)
    hi = pos if end is None else end
    return _NEGATION.search(lower, lo, hi) is not None


# ---------------------------------------------------------------------------------------
# Voice: who is speaking. A clinic talks about itself in the first person or by name; general
# education ("ketamine can be given IV or IM") and market talk are not about this provider.
# "us" but not the country: "the US", "(US)", "US-based"
FIRST_PERSON: Final = rx(
    r"\b(?:we|we['’](?:re|ve|ll|d)|our|ours|(?<!the )(?<!\()us(?![)\-])|i|i['’](?:m|ve|ll|d)|my)\b"
)
HEDGE: Final = rx(
    r"\b(?:may|might|could|can be|often|typically|usually|generally|sometimes|likely|"
    r"possibly|in some cases)\b"
)
# Attribution to an outside voice: a quoted expert, a study, an association.
ATTRIBUTION: Final = rx(
    r"\b(?:says|said|writes|wrote|notes|noted|explains|explained|according to|told|"
    r"stated|interview|study|studies|researchers?|research|published|journal)\b"
    r"(?! (?:any|the|your|a|all|each|every|prescriptions?|orders?|notes)\b)"
)


# A job posting: the qualifications a clinic wants to hire, not the ones its staff have.
HIRING: Final = rx(
    r"\brequirements?:|\bqualifications?:|\bwe(?: are|['’]re) (?:seeking|hiring|looking for|recruiting)"
    r"\b|\bjob (?:description|posting|opening)s?\b|\bopen positions?\b|\b(?:part|full)[- ]time\b|"
    r"\bapply (?:now|today|here|online)\b|\bcandidates? (?:must|should) have\b"
)


# Advice about clinics in general, not this clinic's practice.
GENERIC_PROVIDER: Final = rx(
    r"\b(?:most|many|some|other|reputable|good|quality|any|certain) (?:ketamine |infusion |"
    r"esketamine )?(?:clinics?|providers?|practices?|centers?|centres?|practitioners?)\b"
    r"|\b(?:ketamine |infusion )?clinics (?:typically|usually|often|generally|may|should|must|will|"
    r"tend|commonly|also)\b|\bwhen (?:choosing|selecting|looking for|comparing)\b"
    r"|\blook for (?:a|an)\b|\bmake sure (?:the|your|a|that)\b|\bask (?:the|your|a|if|whether)\b"
    r"|\bshould (?:only )?be (?:given|administered|done|performed|supervised|monitored)\b"
)


# without one of these words GENERIC_PROVIDER cannot match (a cheap test before the regex)
GENERIC_WORDS: Final = words(
    "most many some other reputable good quality any certain clinics choosing selecting "
    "looking comparing look make ask should"
)


def generic_provider(s: Sentence) -> bool:
    """The sentence gives advice about clinics in general."""
    return not s.words.isdisjoint(GENERIC_WORDS) and GENERIC_PROVIDER.search(s.lower) is not None


def context_lower(s: Sentence) -> str:
    """The sentence with its list lead-in and FAQ question, for cues that may sit above it."""
    parts = [s.lower]
    if s.block.lead_in:
        parts.append(s.block.lead_in.lower())
    if s.block.question:
        parts.append(s.block.question.lower())
    return " \n ".join(parts)


@dataclass(frozen=True, slots=True)
class Hit:
    """A detector's answer: the sentence and the span that carries the signal."""

    sentence: Sentence
    start: int
    end: int
