"""The learned detectors: the training path (on a tiny set), the shipped model file, and the
in-process figures against `realpages/evaluate.py` itself.

`make test` does not train the shipped model; the smoke test below trains a small one on the
project's own blind pages and two sample-web clinics, in a few seconds.
"""

from __future__ import annotations

import gzip
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from directory.extract import extract_page
from directory.extract.model import MODEL_PATH, Model, ModelError, default_model
from directory.rubric import CRITERIA
from learn import corpus
from learn.dataset import POSITIVE, UNKNOWN, build, build_all
from learn.evaluation import measure
from learn.fit import TrainConfig, _fit_sentences, fit

TINY = TrainConfig(inner_folds=2)


@pytest.fixture(scope="module")
def tiny_examples():
    pages = corpus.labelled_set(corpus.FIXTURES / "blind", "blind")[:40]
    return build_all(pages + corpus.sample_web_pages(2, 5))


@pytest.fixture(scope="module")
def tiny_model(tiny_examples):
    return fit(tiny_examples, TINY)


def test_training_path_end_to_end(tiny_model, tiny_examples, tmp_path):
    assert set(tiny_model.criteria) == set(CRITERIA)
    for d in tiny_model.criteria.values():
        assert 0.0 <= d.threshold <= 1.01
        assert tiny_model.outputs[d.column] == f"criterion:{d.criterion}"
    path = tmp_path / "model.json.gz"
    tiny_model.save(path)
    again = Model.load(path)
    assert again.to_json() == tiny_model.to_json()
    # a model trained on pages finds, on those pages, at least what the rules alone find
    assert (
        measure(again, tiny_examples[:40]).figures()["macro_f1"]
        >= (measure(None, tiny_examples[:40]).figures()["macro_f1"])
    )


def test_training_is_deterministic(tiny_model, tiny_examples, tmp_path):
    a, b = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    tiny_model.save(a)
    fit(tiny_examples, TINY).save(b)
    assert a.read_bytes() == b.read_bytes()


def test_compiled_scores_are_the_pipelines(tiny_model, tiny_examples):
    """The weight table scores a sentence as the scikit-learn pipeline it came from, less the
    features too light to keep (MIN_WEIGHT), which change a score by little."""
    pipe = _fit_sentences(tiny_examples, "safety", TINY)
    features = [f for ex in tiny_examples[:10] for f in ex.features]
    column = tiny_model.criteria["safety"].column
    ours = tiny_model.score_features(features)[:, column]
    vocab = pipe.named_steps["features"].vocabulary_
    coef = pipe.named_steps["classify"].coef_[0]
    light = [
        sum(coef[vocab[f]] for f in set(fs) if f in vocab and f not in tiny_model.vocabulary)
        for fs in features
    ]
    full = pipe.decision_function(features)
    np.testing.assert_allclose(ours, full - np.array(light), atol=1e-4)
    assert np.abs(ours - full).max() < 0.5


def test_labels_mark_the_quoted_sentence_and_leave_the_rest_unknown():
    pages = corpus.labelled_set(corpus.FIXTURES / "blind", "blind")
    page = next(p for p in pages if p.evidence["safety"])
    ex = build(page)
    marked = [s.text for s, y in zip(ex.text.sentences, ex.labels["safety"], strict=True) if y == 1]
    assert marked and any(page.evidence["safety"][0][:30] in s for s in marked)
    assert set(ex.labels["safety"]) <= {POSITIVE, UNKNOWN}  # one quote: the rest is unknown


def test_shipped_model_is_small_named_weights_never_sentences():
    assert MODEL_PATH.stat().st_size <= 20_000_000
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as f:
        data = json.load(f)
    family = re.compile(r"^(?:[wpCxhqlr]|hx|qx|lx|k|cue):[^ ]+$|^isq$|^b:[a-z0-9]+_[a-z0-9]+$")
    odd = [f for f in data["features"] if not family.match(f)]
    assert not odd, odd[:5]  # a feature is a word, a word pair or a tag: no sentence fits
    figures = data["meta"]["cross_validation"]
    assert {"macro_f1", "routes_f1"} <= set(figures)


def test_shipped_model_finds_what_the_rules_miss():
    body = (
        "<html><body><h2>Your care</h2><p>Your prescriber sets the amount of medicine from your "
        "weight, history and how you felt last time.</p></body></html>"
    )
    rules = extract_page("https://clinic.test/", body, rules_only=True)
    learned = extract_page("https://clinic.test/", body)
    assert not [e for e in rules.evidence if e.criterion == "personalization"]
    (found,) = [e for e in learned.evidence if e.criterion == "personalization"]
    assert found.quote in body and found.signal == "titrated_dosing"


def test_a_broken_model_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "model.json.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(ModelError, match="cannot read the extraction model"):
        Model.load(bad)
    data = default_model().to_json()
    data["feature_version"] = -1
    with pytest.raises(ModelError, match="make train"):
        Model.from_json(data)


@pytest.mark.skipif(not (corpus.REALPAGES / "pages.jsonl").is_file(), reason="real pages not found")
def test_in_process_figures_match_evaluate_py(tmp_path):
    """`learn`'s tally scores as `realpages/evaluate.py` does, on the same pages."""
    pages = corpus.read_jsonl(corpus.REALPAGES / "pages.jsonl")[::23]
    labels = {d["id"]: d for d in corpus.read_jsonl(corpus.REALPAGES / "labels.jsonl")}
    (tmp_path / "p.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pages))
    (tmp_path / "l.jsonl").write_text("".join(json.dumps(labels[p["id"]]) + "\n" for p in pages))
    cmd = f"{shlex.quote(sys.executable)} -m directory"
    proc = subprocess.run(
        [
            sys.executable,
            str(corpus.REALPAGES / "evaluate.py"),
            "--pages",
            str(tmp_path / "p.jsonl"),
            "--labels",
            str(tmp_path / "l.jsonl"),
            "--cmd",
            cmd,
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    theirs = json.loads(proc.stdout.strip().splitlines()[-1])
    batch = corpus.labelled_set_files(tmp_path / "p.jsonl", tmp_path / "l.jsonl", "real")
    ours = measure(default_model(), build_all(batch)).figures()
    for key, value in ours.items():
        assert theirs[key] == pytest.approx(value, abs=1e-3), key


def test_written_pages_are_labelled_within_their_text():
    """Every quote of the project's written training pages is its own page's text."""
    written = [p for p in corpus.project_pages() if p.source == "written"]
    assert len(written) >= 500
    for p in written:
        flat = " ".join(p.text.split())
        for quotes in p.evidence.values():
            for q in quotes:
                assert " ".join(q.split()) in flat, (p.id, q)
    assert Path(corpus.WRITTEN).is_dir()
