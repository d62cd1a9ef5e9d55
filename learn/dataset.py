"""Labelled pages read the way extraction reads them: sentences, features, rule output, labels.

Each `Example` holds one page after `directory.extract.read_page` (its sentences and what the
rules alone extract), the features of every sentence, and per criterion the label of every
sentence: 1 carries a sufficient quote, 0 does not, -1 unknown (another sentence of a positive
page whose labels list only one quote).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from directory.extract import read_page
from directory.extract.features import PageReading, reading_features
from directory.extract.text import PageText
from directory.rubric import CRITERIA, SIGNALS_BY_ID
from directory.types import PageExtraction
from learn.corpus import LabelledPage

Labels = npt.NDArray[np.int8]
POSITIVE, NEGATIVE, UNKNOWN = 1, 0, -1
_MIN_OVERLAP = 15  # characters of a quote a sentence must hold to carry it


@dataclass
class Example:
    page: LabelledPage
    reading: PageReading  # the sentences, what the rules alone extract, rule signals
    features: list[list[str]]  # per sentence
    labels: dict[str, Labels]  # criterion -> per sentence
    types: list[str | None]  # per sentence: the signal it is known to carry, if any

    @property
    def text(self) -> PageText:
        return self.reading.text

    @property
    def rules(self) -> PageExtraction:
        return self.reading.rules

    def fresh(self) -> PageReading:
        """A copy of the reading whose rule extraction a model may revise."""
        r = self.reading
        return PageReading(r.text, copy.deepcopy(r.rules), r.signals, r.structured)


def _norm(text: str) -> str:
    return " ".join(text.split())


def sentence_spans(text: PageText) -> tuple[str, list[tuple[int, int]]]:
    """The page's sentences joined by single spaces, and each one's span in that string."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    for s in text.sentences:
        spans.append((at, at + len(s.text)))
        parts.append(s.text)
        at += len(s.text) + 1
    return " ".join(parts), spans


def carriers(joined: str, spans: list[tuple[int, int]], quote: str) -> list[int]:
    """The sentences that hold (a substantial part of) a quote."""
    q = _norm(quote)
    at = joined.find(q)
    if at < 0:
        q = q.lstrip("-•·* ")  # a bullet the HTML wrapper turned into a list item
        at = joined.find(q)
    if at < 0:
        return []
    end = at + len(q)
    return [
        i
        for i, (a, b) in enumerate(spans)
        if min(b, end) - max(a, at) >= min(_MIN_OVERLAP, b - a, end - at)
    ]


def build(page: LabelledPage) -> Example:
    reading = read_page(page.url, page.html.encode("utf-8"))
    if reading is None:
        raise ValueError(f"{page.id}: the page has no text")
    text, rules = reading.text, reading.rules
    features = reading_features(reading)
    joined, spans = sentence_spans(text)
    n = len(text.sentences)
    labels: dict[str, Labels] = {}
    for c in CRITERIA:
        quotes = page.evidence[c]
        if not quotes:
            labels[c] = np.zeros(n, dtype=np.int8)
            continue
        y = np.full(n, NEGATIVE if page.complete else UNKNOWN, dtype=np.int8)
        for q in quotes:
            y[carriers(joined, spans, q)] = POSITIVE
        labels[c] = y
    types: list[str | None] = [None] * n
    for signal, quotes in page.signals.items():  # the sample web says which signal
        for q in quotes:
            for i in carriers(joined, spans, q):
                types[i] = signal
    for e in rules.evidence:  # on a page labelled positive, trust the rule's signal
        if page.evidence[e.criterion] and e.signal in SIGNALS_BY_ID:
            for i in carriers(joined, spans, e.quote):
                types[i] = types[i] or e.signal
    return Example(page, reading, features, labels, types)


def build_all(pages: Iterable[LabelledPage]) -> list[Example]:
    return [build(p) for p in pages]
