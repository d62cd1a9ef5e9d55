"""The detector building block: trigger words, a pattern, and the vetoes that give it scope.

A `Rule` answers "does this sentence carry signal X, and where?". Rules are cheap to skip:
the page's word index hands a rule only the sentences holding one of its trigger words, and
only those run the regexes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from directory.extract.patterns import Hit, generic_provider, negated
from directory.extract.text import PageText, Sentence

Matcher = Callable[[Sentence], tuple[int, int] | None]


@dataclass(frozen=True)
class Rule:
    """One way a signal shows on a page."""

    signal: str
    triggers: frozenset[str]
    match: Matcher
    questions: bool = False  # may a question ("Do you take insurance?") carry the signal?

    def first(self, page: PageText) -> Hit | None:
        """The first sentence on the page that carries the signal."""
        for s in page.candidates(self.triggers):
            if s.is_question and not self.questions:
                continue
            span = self.match(s)
            if span is not None:
                return Hit(s, span[0], span[1])
        return None


def pattern(
    find: re.Pattern[str],
    *,
    case: bool = False,
    require: re.Pattern[str] | None = None,
    veto: re.Pattern[str] | None = None,
    negatable: bool = True,
    check: Callable[[Sentence, re.Match[str]], bool] | None = None,
    generic_ok: bool = False,
    needs: tuple[str, ...] = (),
) -> Matcher:
    """A matcher: `find` in the sentence (on its original text when `case`), unless negated
    in its clause, unless `veto` matches, only if `require` matches, and `check` agrees.
    Advice about clinics in general ("most clinics monitor...") is skipped unless
    `generic_ok`. `needs`: characters one of which must be in the sentence (a cheap test)."""

    def match(s: Sentence) -> tuple[int, int] | None:
        if needs and not any(c in s.text for c in needs):
            return None
        text = s.text if case else s.lower
        if find.search(text) is None:  # the cheap, usual answer first
            return None
        if veto is not None and veto.search(s.lower):
            return None
        if not generic_ok and generic_provider(s):
            return None
        if require is not None and not require.search(s.lower):
            return None
        for m in find.finditer(text):
            if negatable and negated(s.lower, m.start(), m.end()):
                continue
            if check is not None and not check(s, m):
                continue
            return m.start(), m.end()
        return None

    return match


def any_of(*matchers: Matcher) -> Matcher:
    """The first of several matchers that answers."""

    def match(s: Sentence) -> tuple[int, int] | None:
        for m in matchers:
            span = m(s)
            if span is not None:
                return span
        return None

    return match


def survey(page: PageText, rules: Iterable[Rule]) -> tuple[dict[str, Hit], dict[int, set[str]]]:
    """Every sentence each rule matches: per signal the earliest hit on the page among that
    signal's rules (its quote), and per sentence the signals matched there (features of the
    learned detectors, `directory.extract.features`)."""
    best: dict[str, Hit] = {}
    where: dict[int, set[str]] = {}
    for rule in rules:
        if not page.has_any(rule.triggers):
            continue
        for s in page.candidates(rule.triggers):
            if s.is_question and not rule.questions:
                continue
            span = rule.match(s)
            if span is None:
                continue
            where.setdefault(s.index, set()).add(rule.signal)
            prev = best.get(rule.signal)
            if prev is None or s.index < prev.sentence.index:
                best[rule.signal] = Hit(s, span[0], span[1])
    return best, where
