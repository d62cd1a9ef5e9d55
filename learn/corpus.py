"""The labelled pages the learned detectors are trained and measured on.

Four kinds, one shape (`LabelledPage`):

- `real`: `../shared/realpages` (third-party text, read from its folder, never copied here);
  one sufficient quote per criterion, so the other sentences of a positive page are unknown.
- `blind`, `blind2`: the project's own blind sets (`tests/fixtures/blind*`), labelled the
  same way.
- `written`: the project's own training pages (`learn/data/written/*`), labelled with *every*
  sufficient quote per criterion, so every other sentence is a known negative.
- `sampleweb`: clinic pages of the sample web, labelled from the statements the generator
  placed on each page (complete, and per signal).

Page texts are wrapped in the same minimal HTML that `realpages/evaluate.py` builds, so
training sees pages exactly as the evaluation does.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from directory.rubric import CRITERIA, SIGNALS_BY_ID

ROOT = Path(__file__).resolve().parents[1]
REALPAGES = Path(os.environ.get("CLINICS_REALPAGES") or ROOT.parent / "shared" / "realpages")
FIXTURES = ROOT / "tests" / "fixtures"
WRITTEN = Path(__file__).resolve().parent / "data" / "written"

# realpages/README.md: "d118 and d152 come from one operator on two hosts: keep them in the
# same fold". Any such note becomes one entry here (page id -> the id whose site it shares).
SAME_OPERATOR = {"d152": "d118"}
FIRST_BATCH_LAST = 60  # realpages/README.md: "Pages d001-d060 are the first batch"


@dataclass
class LabelledPage:
    """One page with its labels, whatever set it comes from."""

    id: str
    source: str  # real | blind | blind2 | written | sampleweb
    url: str
    html: str
    group: str  # the site: pages of one site never sit on both sides of a fold
    evidence: dict[str, list[str]]  # criterion -> sufficient quotes ([] = none on the page)
    complete: bool  # True when `evidence` lists every sufficient quote
    signals: dict[str, list[str]] = field(default_factory=dict)  # signal id -> quotes
    facts: dict[str, Any] | None = None  # routes, prices, insurance, financing, ptsd
    text: str = ""  # the labelled text itself (quotes are checked against it)

    def present(self, criterion: str) -> bool:
        return bool(self.evidence[criterion])


def page_html(url: str, text: str) -> str:
    """A page text as a minimal HTML document, the way `realpages/evaluate.py` wraps it."""
    lines = [ln.strip() for ln in text.splitlines()]
    title = next((ln for ln in lines if ln), url)
    body: list[str] = []
    items: list[str] = []
    for ln in lines:
        if ln[:1] in "•·-*" and len(ln) > 1:
            items.append(f"<li>{html.escape(ln[1:].strip())}</li>")
            continue
        if items:
            body.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if ln:
            body.append(f"<p>{html.escape(ln)}</p>")
    if items:
        body.append("<ul>" + "".join(items) + "</ul>")
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><main>"
        + "\n".join(body)
        + "</main></body></html>"
    )


def site_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(ln) for ln in lines if ln.strip()]


def labelled_set(folder: Path, source: str) -> list[LabelledPage]:
    """A folder holding `pages.jsonl` and `labels.jsonl`."""
    return labelled_set_files(folder / "pages.jsonl", folder / "labels.jsonl", source)


def labelled_set_files(pages_file: Path, labels_file: Path, source: str) -> list[LabelledPage]:
    """Pages and labels in the realpages schema (a label may add `evidence`: every
    sufficient quote per criterion)."""
    labels = {d["id"]: d for d in read_jsonl(labels_file)}
    pages = read_jsonl(pages_file)
    groups = {p["id"]: site_of(p["url"]) for p in pages}
    out = []
    for p in pages:
        lab = labels[p["id"]]
        complete = "evidence" in lab
        if complete:
            evidence = {c: list(lab["evidence"][c]) for c in CRITERIA}
        else:
            evidence = {c: [q] if (q := lab["criteria"][c]) is not None else [] for c in CRITERIA}
        facts = {
            k: lab[k]
            for k in ("routes", "price_min_usd", "price_max_usd", "insurance", "financing", "ptsd")
        }
        group = groups.get(SAME_OPERATOR.get(p["id"], p["id"]), groups[p["id"]])
        out.append(
            LabelledPage(
                id=p["id"],
                source=source,
                url=p["url"],
                html=page_html(p["url"], p["text"]),
                group=f"{source}:{group}",
                evidence=evidence,
                complete=complete,
                facts=facts,
                text=p["text"],
            )
        )
    return out


def first_batch(page: LabelledPage) -> bool:
    """A page of realpages' first batch (d001-d060), which the rules were written against."""
    return (
        page.source == "real"
        and page.id[:1] == "d"
        and page.id[1:].isdigit()
        and int(page.id[1:]) <= FIRST_BATCH_LAST
    )


def real_pages() -> list[LabelledPage]:
    """The realpages development set; [] when its folder is absent."""
    if not (REALPAGES / "pages.jsonl").is_file():
        return []
    return labelled_set(REALPAGES, "real")


def project_pages() -> list[LabelledPage]:
    """The project's own labelled pages: both blind sets and the written training pages."""
    out = labelled_set(FIXTURES / "blind", "blind") + labelled_set(FIXTURES / "blind2", "blind2")
    folders = sorted(WRITTEN.iterdir()) if WRITTEN.is_dir() else []
    for folder in (p for p in folders if (p / "pages.jsonl").is_file()):
        out += labelled_set(folder, "written")
    return out


def sample_web_pages(clinics: int, seed: int) -> list[LabelledPage]:
    """Every clinic page of a sample web, labelled from the statements placed on it."""
    from sampleweb import build_world

    world = build_world(clinics=clinics, seed=seed)
    out = []
    for clinic in world.truth()["clinic_list"]:
        if not clinic["domain"]:
            continue
        site = world.site(clinic["id"])
        host = clinic["website"].split("//", 1)[1].split("/", 1)[0]
        for path in site.by_path:
            served = world.page(host, path)
            if not (served and served[0] == 200 and "html" in served[1]):
                continue
            said = [st for st in site.statements if st.path == path and st.where == "text"]
            evidence: dict[str, list[str]] = {c: [] for c in CRITERIA}
            signals: dict[str, list[str]] = {}
            for st in said:
                for tag in st.tags:
                    sig = SIGNALS_BY_ID.get(tag)
                    if sig is not None:
                        evidence[sig.criterion].append(st.text)
                        signals.setdefault(tag, []).append(st.text)
            out.append(
                LabelledPage(
                    id=f"sw{seed}:{clinic['id']}{path}",
                    source="sampleweb",
                    url=f"http://{host}{path}",
                    html=served[2].decode("utf-8", "replace"),
                    group=f"sampleweb:{host}",
                    evidence=evidence,
                    complete=True,
                    signals=signals,
                )
            )
    return out


def iter_sets(*, sample_clinics: int, sample_seed: int) -> Iterator[LabelledPage]:
    yield from real_pages()
    yield from project_pages()
    if sample_clinics:
        yield from sample_web_pages(sample_clinics, sample_seed)
