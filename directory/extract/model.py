"""The learned detectors: the criteria the rules miss.

Rules are precise on the phrasings they were written for and miss the rest (docs/
extraction.md). For each criterion a linear sentence classifier, trained on labelled real,
written and sample-web pages (`learn/`, `make train`), scores every sentence of a page
(features: `directory.extract.features`, among them the rule signals matched in it). On a
page where the rules found no evidence for the criterion, a page verdict reads those scores,

    P(criterion on page) = sigmoid(a * best score + b * log(1 + sentences scoring > 0) + c)

and at or above its threshold the criterion gains one piece of evidence: the best-scoring
sentence, quoted exactly, typed as the signal its type scores prefer. What the rules found
stays: they are precise where they fire, and the model is there for what they miss.

Thresholds are chosen by cross-validation inside the training folds. The model is data,
never code or sentences: `model.json.gz` beside this module holds feature names, weights,
thresholds and the training report. It is loaded once, lazily, and needs only numpy.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from directory.extract.features import (
    FEATURE_VERSION,
    WORD,
    PageReading,
    fold_digits,
    reading_features,
)
from directory.extract.text import quote
from directory.types import Evidence, Facts

MODEL_PATH: Final = Path(__file__).with_name("model.json.gz")
MODEL_FORMAT: Final = 1
SCORE_CLIP: Final = 8.0  # sentence scores beyond +-8 say nothing more to a page verdict

Scores = npt.NDArray[np.float32]


class ModelError(RuntimeError):
    """The model file is missing, unreadable or of another format."""


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def verdict_inputs(column: Scores) -> list[float]:
    """The page verdict's inputs for one criterion: its best sentence score (clipped) and how
    many sentences score above zero."""
    if not len(column):
        return [-SCORE_CLIP, 0.0]
    best = max(-SCORE_CLIP, min(SCORE_CLIP, float(column.max())))
    return [best, math.log1p(int((column > 0).sum()))]


def denied(signal: str, facts: Facts) -> bool:
    """Whether the page's facts say the signal is absent: financing declined, superbills and
    HSA/FSA both refused, fewer than two routes for a choice of routes."""
    if signal == "financing":
        return facts.financing is False
    if signal == "superbill_hsa":
        refused = facts.superbill is False or facts.hsa_fsa is False
        return refused and not (facts.superbill or facts.hsa_fsa)
    if signal == "multiple_routes":
        return len(facts.routes) < 2
    return False


@dataclass(frozen=True)
class CriterionDetector:
    """The learned verdict on one criterion of one page."""

    criterion: str
    column: int  # the criterion's sentence scores in the weight table
    coef: tuple[float, ...]  # over `verdict_inputs`
    intercept: float
    threshold: float  # P at or above which a criterion the rules missed is found
    types: tuple[str, ...]  # what a quote found by the model alone may be typed as
    type_columns: tuple[int, ...]  # their scores in the weight table (none for one type)

    def probability(self, inputs: Sequence[float]) -> float:
        return _sigmoid(self.intercept + sum(w * x for w, x in zip(self.coef, inputs, strict=True)))


@dataclass
class Model:
    """Feature weights for every sentence-level output, and the page verdicts that use them."""

    vocabulary: dict[str, int]  # feature -> row of `weights` (row 0 is the bias)
    weights: npt.NDArray[np.float32]  # (1 + features, outputs)
    outputs: tuple[str, ...]  # the name of each column ("criterion:safety", "type:...")
    criteria: dict[str, CriterionDetector]
    meta: dict[str, Any] = field(default_factory=dict)  # what it was trained on, its report

    def score_features(self, features: Sequence[Sequence[str]]) -> Scores:
        """Every output's score for each sentence given by its features: (sentences, outputs)."""
        if not features:
            return np.zeros((0, len(self.outputs)), dtype=np.float32)
        vocab = self.vocabulary
        rows: list[int] = []
        starts: list[int] = []
        for feats in features:
            starts.append(len(rows))
            rows.append(0)
            hits = set(map(vocab.get, feats))
            hits.discard(None)
            rows.extend(hits)  # type: ignore[arg-type]  # None was discarded
        return np.add.reduceat(self.weights[rows], starts, axis=0)

    def revise(self, reading: PageReading) -> None:
        """Add the criteria the rules missed on one page, in place: one piece of evidence for
        each criterion they found nothing for, when the page verdict says it is there."""
        pe = reading.rules
        found = {e.criterion for e in pe.evidence}
        if all(c in found for c in self.criteria):
            return
        scores = self.score_features(reading_features(reading))
        if not len(scores):
            return
        for c, d in self.criteria.items():
            if c in found:
                continue
            column = scores[:, d.column]
            if d.probability(verdict_inputs(column)) >= d.threshold:
                evidence = self._evidence(reading, scores, int(np.argmax(column)), d)
                if evidence is not None:
                    pe.evidence.append(evidence)

    def _evidence(
        self, reading: PageReading, scores: Scores, i: int, d: CriterionDetector
    ) -> Evidence | None:
        """Sentence `i` as evidence for the detector's criterion, typed by its type scores;
        None when the type it prefers is one the page's own facts deny ("we do not offer
        financing" is about financing, and says there is none)."""
        signal = d.types[0]
        if d.type_columns:
            signal = d.types[int(np.argmax(scores[i, list(d.type_columns)]))]
        if denied(signal, reading.rules.facts):
            return None
        s = reading.text.sentences[i]
        start, end = self._strongest_span(s.lower, d.column)
        return Evidence(d.criterion, signal, quote(s, start, end), reading.rules.url)

    def _strongest_span(self, lower: str, column: int) -> tuple[int, int]:
        """Where the sentence's heaviest word stands (to centre the quote of a long one)."""
        best, span = 0.0, (0, 0)
        for m in WORD.finditer(lower):
            row = self.vocabulary.get("w:" + fold_digits(m.group()))
            if row is not None and (weight := float(self.weights[row, column])) > best:
                best, span = weight, m.span()
        return span

    # -- the file -------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        features = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        table = np.ascontiguousarray(self.weights, dtype="<f4")
        return {
            "format": MODEL_FORMAT,
            "feature_version": FEATURE_VERSION,
            "outputs": list(self.outputs),
            "features": features,
            # (1 + features) x outputs little-endian float32, row by row; row 0 is the bias
            "weights": base64.b64encode(table.tobytes()).decode("ascii"),
            "criteria": {c: _detector_json(d) for c, d in self.criteria.items()},
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        if data.get("format") != MODEL_FORMAT or data.get("feature_version") != FEATURE_VERSION:
            raise ModelError(
                f"model format {data.get('format')}/{data.get('feature_version')} is not "
                f"{MODEL_FORMAT}/{FEATURE_VERSION}: rebuild it with `make train`"
            )
        features: list[str] = data["features"]
        table = np.frombuffer(base64.b64decode(data["weights"]), dtype="<f4")
        return cls(
            vocabulary={f: i + 1 for i, f in enumerate(features)},
            weights=table.reshape(len(features) + 1, len(data["outputs"])).astype(np.float32),
            outputs=tuple(data["outputs"]),
            criteria={c: _detector(c, d) for c, d in data["criteria"].items()},
            meta=dict(data.get("meta") or {}),
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        """Write the model deterministically: same model, same bytes."""
        text = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        with path.open("wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as gz:
            gz.write(text.encode("utf-8"))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Model:
        try:
            with gzip.open(path, "rb") as gz:
                data = json.loads(gz.read().decode("utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read the extraction model {path}: {exc}") from exc
        return cls.from_json(data)


def _detector_json(d: CriterionDetector) -> dict[str, Any]:
    return {
        "column": d.column,
        "coef": [round(x, 6) for x in d.coef],
        "intercept": round(d.intercept, 6),
        "threshold": round(d.threshold, 6),
        "types": list(d.types),
        "type_columns": list(d.type_columns),
    }


def _detector(criterion: str, d: Mapping[str, Any]) -> CriterionDetector:
    return CriterionDetector(
        criterion=criterion,
        column=int(d["column"]),
        coef=tuple(float(x) for x in d["coef"]),
        intercept=float(d["intercept"]),
        threshold=float(d["threshold"]),
        types=tuple(d["types"]),
        type_columns=tuple(int(x) for x in d["type_columns"]),
    )


@functools.cache
def default_model() -> Model:
    """The model shipped with the package, loaded once."""
    return Model.load(MODEL_PATH)
