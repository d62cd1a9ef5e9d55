"""`python -m learn`: train the extraction model and measure it honestly.

    python -m learn train      # site-grouped 5-fold CV report, then the shipped model
    python -m learn evaluate   # the CV report, and first runs of the shipped model on new
                               # batches (--batch PAGES LABELS, the realpages schema)

`make train` and `make evaluate` run these. Training is deterministic: the same data gives
the same model file, byte for byte.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import Console

from directory.extract.model import MODEL_PATH, Model
from learn import corpus
from learn.dataset import Example, build_all
from learn.evaluation import cross_validate, measure, tally
from learn.fit import TrainConfig, fit

console = Console(stderr=True)
SAMPLE_CLINICS = 60  # sample-web clinics trained on (about 13 pages each)
SAMPLE_SEED = 101  # not a seed the tests or the demo crawl


def load(sample_clinics: int) -> tuple[list[Example], list[Example]]:
    """(real pages, every other labelled page), read as extraction reads them."""
    started = time.perf_counter()
    real = build_all(corpus.real_pages())
    if not real:
        raise SystemExit(
            f"no real pages in {corpus.REALPAGES} (set CLINICS_REALPAGES to the realpages folder)"
        )
    others = build_all(corpus.project_pages())
    if sample_clinics:
        others += build_all(corpus.sample_web_pages(sample_clinics, SAMPLE_SEED))
    counts: dict[str, int] = {}
    for ex in [*real, *others]:
        counts[ex.page.source] = counts.get(ex.page.source, 0) + 1
    console.print(
        f"[dim]read {', '.join(f'{n} {s}' for s, n in counts.items())} pages in "
        f"{time.perf_counter() - started:.1f}s[/]"
    )
    return real, others


def cv_report(
    real: list[Example], others: list[Example], config: TrainConfig, *, misses: bool = False
) -> dict[str, Any]:
    started = time.perf_counter()
    results = cross_validate(
        real,
        others,
        lambda train: fit(train, config),
        progress=lambda k, n: console.print(f"[dim]  fold {k + 1}/{n}...[/]"),
    )
    t = tally(results)
    print(
        f"Site-grouped 5-fold cross-validation on {len(real)} real pages "
        f"(the model retrained per fold on the other folds and {len(others)} other pages):"
    )
    print(t.table(misses=misses))
    later = [(ex, out) for ex, out in results if not corpus.first_batch(ex.page)]
    if later and len(later) < len(results):
        print(
            f"\nOf which the {len(later)} pages added after the rules were written "
            "(the first batch flatters the rules, which were written with it in view):"
        )
        print("\n".join(tally(later).table().splitlines()[:9]))
    print(f"[{time.perf_counter() - started:.0f}s]")
    return t.figures()


def top_weights(model: Model, n: int = 12) -> str:
    """The heaviest features of each criterion's sentence classifier."""
    inverse = {row: f for f, row in model.vocabulary.items()}
    lines = []
    for c, d in model.criteria.items():
        column = model.weights[1:, d.column]
        order = column.argsort()[::-1][:n]
        names = ", ".join(f"{inverse[i + 1]} {column[i]:+.2f}" for i in order)
        lines.append(f"  {c}: {names}")
    return "\n".join(lines)


def train(args: argparse.Namespace) -> int:
    config = TrainConfig()
    real, others = load(args.sample_clinics)
    figures = {} if args.no_cv else cv_report(real, others, config)
    started = time.perf_counter()
    model = fit([*real, *others], config)
    model.meta = {
        "trained_on": {
            "real": len(real),
            "other": len(others),
            "sample_web_clinics": args.sample_clinics,
        },
        "config": {k: v for k, v in vars(config).items()},
        "cross_validation": figures,
    }
    model.save(args.out)
    size = args.out.stat().st_size
    print(
        f"\nmodel: {args.out} ({size / 1e6:.1f} MB, {len(model.vocabulary):,} features, "
        f"trained in {time.perf_counter() - started:.0f}s)"
    )
    print("heaviest features per criterion:\n" + top_weights(model))
    return 0


def evaluate(args: argparse.Namespace) -> int:
    real, others = load(args.sample_clinics)
    if not args.no_cv:
        cv_report(real, others, TrainConfig(), misses=args.show_misses)
    model = Model.load(args.model)
    for pages, labels in args.batch or []:
        folder = Path(pages).parent
        batch = corpus.labelled_set_files(Path(pages), Path(labels), source="batch")
        t = measure(model, build_all(batch))
        print(
            f"\nThe shipped model on {pages} ({folder}); a first run, an honest estimate, only "
            "if none of these pages was ever trained or tuned on:"
        )
        print(t.table(misses=args.show_misses))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m learn", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    for name, helptext in (
        ("train", "cross-validate, then train and write the shipped model"),
        ("evaluate", "cross-validate, and measure the shipped model on new batches"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument(
            "--sample-clinics",
            type=int,
            default=SAMPLE_CLINICS,
            help=f"sample-web clinics to train on (default {SAMPLE_CLINICS})",
        )
        p.add_argument("--no-cv", action="store_true", help="skip the cross-validation report")
    sub.choices["train"].add_argument(
        "--out", type=Path, default=MODEL_PATH, help=f"model file to write (default {MODEL_PATH})"
    )
    ev = sub.choices["evaluate"]
    ev.add_argument("--model", type=Path, default=MODEL_PATH, help="model file to measure")
    ev.add_argument(
        "--batch",
        nargs=2,
        action="append",
        metavar=("PAGES", "LABELS"),
        help="a new labelled batch (pages.jsonl labels.jsonl): its first-run figures",
    )
    ev.add_argument(
        "--show-misses",
        action="store_true",
        help="list the misses (cross-validated, and a batch's)",
    )
    args = ap.parse_args(argv)
    return train(args) if args.command == "train" else evaluate(args)


if __name__ == "__main__":
    sys.exit(main())
