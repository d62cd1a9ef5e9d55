"""Training: labelled examples in, a `directory.extract.model.Model` out.

One function builds each decision's scikit-learn `Pipeline` (`sentence_pipeline`,
`verdict_pipeline`), and both training and cross-validation call `fit`, so the model
cross-validated is the model shipped. Inside `fit`, the page verdicts are trained on
out-of-fold sentence scores (an inner site-grouped split of the training pages), and their
thresholds are chosen on those out-of-fold verdicts: nothing is tuned on the pages a model
is measured on.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from directory.extract.model import CriterionDetector, Model, verdict_inputs
from directory.rubric import CRITERIA, signals_for
from learn.dataset import NEGATIVE, POSITIVE, Example

# What a quote found by a criterion's classifier alone may be typed as: signals whose facts
# come from elsewhere (a parsed price, a rating) are left to the rules.
TYPES: dict[str, tuple[str, ...]] = {
    "expertise": tuple(s.id for s in signals_for("expertise")),
    "holistic": tuple(s.id for s in signals_for("holistic")),
    "safety": tuple(s.id for s in signals_for("safety")),
    "cost": ("insurance_policy", "superbill_hsa", "financing", "other_fees"),
    "reviews": ("testimonials",),
    "personalization": tuple(s.id for s in signals_for("personalization")),
}


MIN_WEIGHT = 0.01  # a feature whose weights all stay under this is dropped from the model


@dataclass(frozen=True)
class TrainConfig:
    sentence_c: float = 0.3  # inverse regularization of the sentence classifiers
    balanced: bool = False  # weigh the rare positive sentences up to the negatives?
    verdict_c: float = 1.0
    inner_folds: int = 5
    min_df: int = 2  # a feature must occur in this many training sentences
    # how much one sentence of each source counts (the sample web repeats its templates)
    source_weight: dict[str, float] = field(
        default_factory=lambda: {"sampleweb": 0.3, "real": 1.0, "written": 0.5}
    )
    # the pages thresholds are chosen on: the kind the model is judged by
    tune_sources: tuple[str, ...] = ("real",)
    # the model adds to a criterion only where that beats the rules alone by this much of F1
    # out of fold (a gain smaller than one or two pages is noise)
    min_gain: float = 0.01


def _identity(features: list[str]) -> list[str]:
    return features


def sentence_pipeline(config: TrainConfig) -> Pipeline:
    """Binary bag of named features -> a linear classifier (one per criterion)."""
    return Pipeline(
        [
            (
                "features",
                CountVectorizer(
                    analyzer=_identity, binary=True, min_df=config.min_df, lowercase=False
                ),
            ),
            (
                "classify",
                LogisticRegression(
                    C=config.sentence_c,
                    solver="liblinear",
                    class_weight="balanced" if config.balanced else None,
                    max_iter=1000,
                    random_state=0,
                ),
            ),
        ]
    )


def verdict_pipeline(config: TrainConfig) -> LogisticRegression:
    """The page verdict over `verdict_inputs` (a handful of numbers)."""
    return LogisticRegression(C=config.verdict_c, max_iter=1000)


def type_pipeline(config: TrainConfig) -> Pipeline:
    """Which signal a sentence of the criterion carries (multinomial)."""
    return Pipeline(
        [
            (
                "features",
                CountVectorizer(analyzer=_identity, binary=True, min_df=1, lowercase=False),
            ),
            ("classify", LogisticRegression(C=config.sentence_c, max_iter=2000)),
        ]
    )


@dataclass
class _Rows:
    features: list[list[str]]
    labels: np.ndarray
    weights: np.ndarray


def _rows(examples: Sequence[Example], criterion: str, config: TrainConfig) -> _Rows:
    feats: list[list[str]] = []
    labels: list[int] = []
    weights: list[float] = []
    for ex in examples:
        w = config.source_weight.get(ex.page.source, 1.0)
        for f, y in zip(ex.features, ex.labels[criterion], strict=True):
            if y in (POSITIVE, NEGATIVE):
                feats.append(f)
                labels.append(int(y))
                weights.append(w)
    return _Rows(feats, np.array(labels), np.array(weights))


def _fit_sentences(examples: Sequence[Example], criterion: str, config: TrainConfig) -> Pipeline:
    rows = _rows(examples, criterion, config)
    pipe = sentence_pipeline(config)
    pipe.fit(rows.features, rows.labels, classify__sample_weight=rows.weights)
    return pipe


def _scores(pipe: Pipeline, ex: Example) -> np.ndarray:
    if not ex.features:
        return np.zeros(0)
    return np.asarray(pipe.decision_function(ex.features), dtype=float)


def _rules_found(ex: Example, criterion: str) -> bool:
    return any(e.criterion == criterion for e in ex.rules.evidence)


def _verdict_inputs(examples: Sequence[Example], criterion: str, config: TrainConfig) -> np.ndarray:
    """Out-of-fold verdict inputs of every training example (an inner site-grouped split)."""
    groups = [ex.page.group for ex in examples]
    folds = min(config.inner_folds, len(set(groups)))
    out: list[list[float] | None] = [None] * len(examples)
    for train, test in GroupKFold(folds).split(examples, groups=groups):
        pipe = _fit_sentences([examples[i] for i in train], criterion, config)
        for i in test:
            ex = examples[i]
            out[i] = verdict_inputs(_scores(pipe, ex))
    return np.array(out, dtype=float)


def _cuts(values: Sequence[float]) -> list[float]:
    """Candidate thresholds: midway between consecutive distinct values."""
    v = sorted({*values, 0.0, 1.0})
    return [(a + b) / 2 for a, b in itertools.pairwise(v)]


def _f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = float((pred & gold).sum())
    fp = float((pred & ~gold).sum())
    fn = float((~pred & gold).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_threshold(
    p: np.ndarray, gold: np.ndarray, fired: np.ndarray, min_gain: float = 0.0
) -> float:
    """The threshold with the best F1 of "the rules fired, or the verdict is at least it";
    it sits midway between the verdicts on either side of the best cut. 1.01 (never add) unless
    some threshold beats the rules alone by `min_gain`."""
    rules_alone = _f1(fired, gold)
    best = (rules_alone + min_gain, 1.01)
    for t in _cuts(p[~fired]):
        f = _f1((p >= t) | fired, gold)
        if f > best[0] + 1e-9:
            best = (f, t)
    return best[1]


@dataclass
class _Column:
    name: str
    vocabulary: dict[str, int]
    coef: np.ndarray
    intercept: float


def _columns_of(pipe: Pipeline, names: Sequence[str]) -> list[_Column]:
    vec: CountVectorizer = pipe.named_steps["features"]
    clf: LogisticRegression = pipe.named_steps["classify"]
    vocab = dict(vec.vocabulary_)
    coef = np.asarray(clf.coef_, dtype=float)
    intercept = np.asarray(clf.intercept_, dtype=float)
    if coef.shape[0] == 1 and len(names) == 2:  # binary: class 1 against class 0
        return [
            _Column(names[0], vocab, -coef[0], -float(intercept[0])),
            _Column(names[1], vocab, coef[0], float(intercept[0])),
        ]
    return [_Column(n, vocab, coef[i], float(intercept[i])) for i, n in enumerate(names)]


def _type_columns(
    examples: Sequence[Example], criterion: str, config: TrainConfig
) -> list[_Column]:
    allowed = TYPES[criterion]
    if len(allowed) < 2:
        return []
    feats, labels = [], []
    for ex in examples:
        for f, t in zip(ex.features, ex.types, strict=True):
            if t in allowed:
                feats.append(f)
                labels.append(t)
    present = sorted(set(labels), key=allowed.index)
    if len(present) < 2:
        return []
    pipe = type_pipeline(config)
    pipe.fit(feats, labels)
    classes = list(pipe.named_steps["classify"].classes_)
    return _columns_of(pipe, [f"type:{criterion}:{c}" for c in classes])


def fit(examples: Sequence[Example], config: TrainConfig | None = None) -> Model:
    """Train every learned detector on `examples`."""
    config = config or TrainConfig()
    columns: list[_Column] = []
    detectors: dict[str, CriterionDetector] = {}
    tune = np.array([ex.page.source in config.tune_sources for ex in examples])
    for c in CRITERIA:
        inputs = _verdict_inputs(examples, c, config)
        gold = np.array([ex.page.present(c) for ex in examples])
        fired = np.array([_rules_found(ex, c) for ex in examples])
        silent = ~fired  # the verdict only ever speaks where the rules found nothing
        coef, intercept, threshold = [0.0, 0.0], 0.0, 1.01
        if len(set(gold[silent])) == 2:
            verdict = verdict_pipeline(config).fit(inputs[silent], gold[silent])
            coef = [float(x) for x in verdict.coef_[0]]
            intercept = float(verdict.intercept_[0])
            p = verdict.predict_proba(inputs)[:, 1]
            threshold = choose_threshold(p[tune], gold[tune], fired[tune], config.min_gain)
        sentence = _fit_sentences(examples, c, config)
        column = len(columns)
        columns.append(_columns_of(sentence, ["-", f"criterion:{c}"])[1])
        type_columns, type_names = [], []
        for col in _type_columns(examples, c, config):
            type_columns.append(len(columns))
            type_names.append(col.name.rsplit(":", 1)[1])
            columns.append(col)
        detectors[c] = CriterionDetector(
            criterion=c,
            column=column,
            coef=tuple(coef),
            intercept=intercept,
            threshold=threshold,
            types=tuple(type_names) if type_names else TYPES[c][:1],
            type_columns=tuple(type_columns),
        )
    return _assemble(columns, detectors)


def _assemble(columns: Sequence[_Column], detectors: dict[str, CriterionDetector]) -> Model:
    """One weight table for every column: the union of their vocabularies."""
    features = sorted({f for col in columns for f in col.vocabulary})
    row = {f: i + 1 for i, f in enumerate(features)}
    weights = np.zeros((len(features) + 1, len(columns)))
    for j, col in enumerate(columns):
        weights[0, j] = col.intercept
        for f, k in col.vocabulary.items():
            weights[row[f], j] = col.coef[k]
    # features too light to matter in any column are left out of the file
    keep = np.concatenate([[True], np.abs(weights[1:]).max(axis=1) >= MIN_WEIGHT])
    features = [f for f, k in zip(features, keep[1:], strict=True) if k]
    weights = weights[keep].astype(np.float32)  # as the model file stores them
    return Model(
        vocabulary={f: i + 1 for i, f in enumerate(features)},
        weights=weights,
        outputs=tuple(col.name for col in columns),
        criteria=detectors,
    )
