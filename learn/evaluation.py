"""Figures in `realpages/evaluate.py`'s table form, and site-grouped cross-validation.

`Tally` scores extraction JSON objects against labels exactly as `evaluate.py` does
(criteria present/absent, routes as a set, price and insurance on the pages where the label
or the extractor states one, financing and PTSD on every page), so in-process figures and
`evaluate.py --cmd clinics` agree; `tests/test_learn.py` checks that they do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sklearn.model_selection import GroupKFold

from directory.extract import extraction_json
from directory.extract.model import Model
from directory.rubric import CRITERIA, ROUTES
from learn.corpus import LabelledPage
from learn.dataset import Example


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) <= 1.0
    except (TypeError, ValueError):
        return False


@dataclass
class Tally:
    pages: int = 0
    bad_quotes: int = 0
    criteria: dict[str, list[int]] = field(default_factory=lambda: {c: [0, 0, 0] for c in CRITERIA})
    routes: list[int] = field(default_factory=lambda: [0, 0, 0])
    facts: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0] for k in ("price", "insurance", "financing", "ptsd")}
    )
    flags: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0, 0] for k in ("financing", "ptsd")}
    )
    misses: list[str] = field(default_factory=list)

    def add(self, page: LabelledPage, text: str, out: dict[str, Any]) -> None:
        """Score one extraction JSON object against the page's labels."""
        assert page.facts is not None, "only pages with fact labels can be scored"
        self.pages += 1
        flat = " ".join(text.split())
        crit = out.get("criteria") or {}
        for c in CRITERIA:
            ev = (crit.get(c) or {}).get("evidence") or []
            for e in ev:
                q = e.get("quote") or ""
                if q and " ".join(q.split()) not in flat:
                    self.bad_quotes += 1
            pred, gold = bool(ev), page.present(c)
            k = 0 if pred and gold else 1 if pred else 2 if gold else None
            if k is not None:
                self.criteria[c][k] += 1
            if pred != gold:
                self.misses.append(
                    f"{page.id} {c}: "
                    + (
                        f"false positive — got {ev[0].get('quote', '')[:90]!r}"
                        if pred
                        else f"missed — label {page.evidence[c][0][:90]!r}"
                    )
                )
        facts = out.get("facts") or {}
        lab = page.facts
        got, want = set(facts.get("routes") or []) & set(ROUTES), set(lab["routes"])
        self.routes[0] += len(got & want)
        self.routes[1] += len(got - want)
        self.routes[2] += len(want - got)
        if got != want:
            self.misses.append(f"{page.id} routes: got {sorted(got)} label {sorted(want)}")
        lp = (lab["price_min_usd"], lab["price_max_usd"])
        xp = (facts.get("price_min_usd"), facts.get("price_max_usd"))
        if lp != (None, None) or xp != (None, None):
            ok = _close(lp[0], xp[0]) and _close(lp[1], xp[1])
            self.facts["price"][0] += ok
            self.facts["price"][1] += 1
            if not ok:
                self.misses.append(f"{page.id} price: got {xp} label {lp}")
        li, xi = lab["insurance"], facts.get("insurance")
        if li is not None or xi is not None:
            self.facts["insurance"][0] += li == xi
            self.facts["insurance"][1] += 1
            if li != xi:
                self.misses.append(f"{page.id} insurance: got {xi} label {li}")
        for key in ("financing", "ptsd"):
            x, g = bool(facts.get(key)), bool(lab[key])
            k = 0 if x and g else 1 if x else 2 if g else None
            if k is not None:
                self.flags[key][k] += 1
            self.facts[key][0] += x == g
            self.facts[key][1] += 1
            if x != g:
                self.misses.append(f"{page.id} {key}: got {x} label {lab[key]}")

    def figures(self) -> dict[str, float]:
        out: dict[str, float] = {}
        f1s = []
        for c in CRITERIA:
            f = _f1(*self.criteria[c])[2]
            f1s.append(f)
            out[f"f1_{c}"] = round(f, 3)
        out["macro_f1"] = round(sum(f1s) / len(f1s), 3)
        out["routes_f1"] = round(_f1(*self.routes)[2], 3)
        for key, (ok, n) in self.facts.items():
            out[f"{key}_acc"] = round(ok / n if n else 1.0, 3)
        for key, c in self.flags.items():
            out[f"{key}_f1"] = round(_f1(*c)[2], 3)
        out["bad_quotes"] = self.bad_quotes
        return out

    def table(self, *, misses: bool = False) -> str:
        """The figures as `evaluate.py` prints them."""
        lines = [
            f"pages: {self.pages}   extractor failures: 0   quotes not found in page: "
            f"{self.bad_quotes}",
            f"{'criterion':16s} {'prec':>6s} {'recall':>6s} {'F1':>6s}   tp fp fn",
        ]
        f1s = []
        for c in CRITERIA:
            p, r, f = _f1(*self.criteria[c])
            f1s.append(f)
            tp, fp, fn = self.criteria[c]
            lines.append(f"{c:16s} {p:6.2f} {r:6.2f} {f:6.2f}   {tp:2d} {fp:2d} {fn:2d}")
        lines.append(f"{'macro-F1':16s} {'':6s} {'':6s} {sum(f1s) / len(f1s):6.2f}")
        p, r, f = _f1(*self.routes)
        tp, fp, fn = self.routes
        lines.append(f"{'routes':16s} {p:6.2f} {r:6.2f} {f:6.2f}   {tp:2d} {fp:2d} {fn:2d}")
        for key, (ok, n) in self.facts.items():
            acc = ok / n if n else 1.0
            stated = " stated by label or extractor" if key in ("price", "insurance") else ""
            lines.append(f"{key + ' accuracy':16s} {acc:6.2f}   ({ok}/{n} pages{stated})")
        for key, c in self.flags.items():
            p, r, f = _f1(*c)
            lines.append(
                f"{key + ' F1':16s} {p:6.2f} {r:6.2f} {f:6.2f}   {c[0]:2d} {c[1]:2d} {c[2]:2d}"
            )
        if misses and self.misses:
            lines += ["", "misses:", *("  " + m for m in self.misses)]
        return "\n".join(lines)


def page_text_of(ex: Example) -> str:
    """The text the quotes must come from: the labelled text, else the page's sentences."""
    return ex.page.text or " ".join(s.text for s in ex.text.sentences)


def revised(model: Model | None, ex: Example) -> dict[str, Any]:
    """The `clinics extract` JSON of one example under `model` (None: the rules alone)."""
    reading = ex.fresh()
    if model is not None:
        model.revise(reading)
    return extraction_json(reading.rules)


def measure(model: Model | None, examples: Iterable[Example]) -> Tally:
    return tally((ex, revised(model, ex)) for ex in examples)


def cross_validate(
    held: Sequence[Example],
    always: Sequence[Example],
    train: Callable[[list[Example]], Model],
    *,
    folds: int = 5,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[Example, dict[str, Any]]]:
    """Site-grouped k-fold: each page of `held` extracted by a model trained on the other
    folds plus `always` (pages that are never measured: written, blind, sample web)."""
    out: list[tuple[Example, dict[str, Any]]] = []
    groups = [ex.page.group for ex in held]
    for k, (train_idx, test_idx) in enumerate(GroupKFold(folds).split(held, groups=groups)):
        if progress is not None:
            progress(k, folds)
        model = train([held[i] for i in train_idx] + list(always))
        out += [(held[i], revised(model, held[i])) for i in test_idx]
    order = {id(ex): i for i, ex in enumerate(held)}
    return sorted(out, key=lambda pair: order[id(pair[0])])


def tally(results: Iterable[tuple[Example, dict[str, Any]]]) -> Tally:
    t = Tally()
    for ex, out in results:
        t.add(ex.page, page_text_of(ex), out)
    return t
