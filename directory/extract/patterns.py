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
    """Compile a verbose-free pattern; patterns here are written for lower-case text."""
    return re.compile(pattern, flags)


# Every trigger word of every detector; the page's word index keeps only these.
VOCABULARY: set[str] = set()


def words(text: str) -> frozenset[str]:
    """Trigger words for the page's word index, written space-separated (registered once, at
    import, in VOCABULARY)."""
    found = frozenset(text.split())
    VOCABULARY.update(found)
    return found


# ---------------------------------------------------------------------------------------
# Negation with clause scope: "we do not accept insurance" is negated, but in "we do not
# need a referral, but we do require a diagnosis" the second clause is not.
_CLAUSE_BREAK = rx(r"[;:()\[\]]|,\s|\s[-–—]\s|\b(?:but|however|although|though|whereas|while|yet)\b")
_NEGATION = rx(
    r"\b(?:not|no|never|without|cannot|nor|neither|none|unable|unfortunately not)\b"
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
FIRST_PERSON: Final = rx(r"\b(?:we|we['’](?:re|ve|ll|d)|our|ours|us|i|i['’](?:m|ve|ll|d)|my)\b")
HEDGE: Final = rx(
    r"\b(?:may|might|could|can be|often|typically|usually|generally|sometimes|likely|"
    r"possibly|in some cases)\b"
)
# Attribution to an outside voice: a quoted expert, a study, an association.
ATTRIBUTION: Final = rx(
    r"\b(?:says|said|writes|wrote|notes|noted|explains|explained|according to|told|"
    r"stated|interview|study|studies|researchers?|research|published|journal)\b"
)


def first_person(s: Sentence) -> bool:
    return FIRST_PERSON.search(s.lower) is not None


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


def first_hit(hits: Iterable[Hit | None]) -> Hit | None:
    for h in hits:
        if h is not None:
            return h
    return None
