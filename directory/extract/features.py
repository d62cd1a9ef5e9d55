"""Named features of one sentence for the learned detectors (`directory.extract.model`).

A feature is a short string, so a model's weights read as a table ("w:tailored" +2.1,
"x:credential" +1.4). Features are binary: a sentence has a feature or not. The same function
serves training (`learn/`) and extraction, so the model evaluated is the model shipped.

Families (prefix: what it holds):
    w:  a word of the sentence (digits folded to 0: "phq-9" gives w:phq and w:0)
    b:  two adjacent words
    p:  the first five letters of a longer word (a cheap stem: personalize, personalised)
    C:  an upper-case token as written (MD, RN, LCSW, IV, IM: case tells "IM" from "I'm")
    x:  a word class of the domain (`LEXICON`: credentials, professions, dosing words...), so
        what is learned of one word carries to its synonyms
    h:, q:, l:  a word of the heading above, of the FAQ question answered, of the list lead-in;
        hx:, qx:, lx:  their word classes
    r:  a rule signal whose pattern matches the sentence (the rules' judgement as evidence)
    k:  the block kind (p, li, h, row, quote); isq: the sentence is a question
    cue:  who speaks and how (first person, you, hedged, negated, research, a price, a
        percentage, quotation marks)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Final

from directory.extract.text import PageText, Sentence
from directory.types import PageExtraction

FEATURE_VERSION: Final = 2

WORD = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"[0-9]")
_UPPER = re.compile(r"\b[A-Z][A-Z\-]{1,7}\b")

# Word classes of the domain. A class is a feature of its own, so a synonym the training
# pages never used still shares what its class learned.
LEXICON: Final[Mapping[str, str]] = {
    "credential": "md do np rn crna crnas lcsw licsw lisw lscsw lmsw lpc lpcc lcpc lmhc lcmhc "
    "lmft mft psyd phd pmhnp aprn arnp dnp fnp msn bsn msw facep fapa abpn dabpn nd pac mph",
    "profession": "psychiatrist psychiatrists anesthesiologist anesthesiologists anesthetist "
    "anesthetists anaesthetist psychologist psychologists nurse nurses psychiatry anesthesiology "
    "anesthesia",
    "role": "physician physicians doctor doctors provider providers clinician clinicians "
    "therapist therapists practitioner practitioners staff team prescriber prescribers",
    "board": "board certified certification residency fellowship diplomate accredited licensed "
    "license",
    "training": "emdr ifs kap cpt maps certificate trained training institute",
    "experience": "years decades experience since founded",
    "tailor": "tailor tailored tailoring individualized individualised personalized "
    "personalised customized customised customize custom bespoke unique specific individual "
    "individually personal personally",
    "adjust": "adjust adjusted adjusting adjustment adjustments titrate titrated titration "
    "modify modified increase increased decrease decreased lower lowered raise raised depending "
    "depends depend based response responds respond tolerance tolerate tolerated",
    "dose": "dose doses dosage dosages dosing mg kg weight",
    "schedule": "frequency schedule scheduled number boosters booster maintenance interval "
    "intervals spacing series",
    "screen": "screening screen screened evaluation evaluate evaluated assessment assess "
    "assessed intake history consultation eligibility eligible candidate candidates qualify "
    "criteria",
    "contra": "contraindication contraindications contraindicated pregnant pregnancy psychosis "
    "schizophrenia uncontrolled hypertension seizure seizures exclude excluded exclusion",
    "monitor": "monitor monitored monitoring vital vitals blood pressure oxygen heart pulse ekg "
    "ecg saturation telemetry supervision supervised observe observed",
    "emergency": "emergency acls bls pals crash cart defibrillator aed resuscitation",
    "aftercare": "drive driver driving ride observation recover recovery fasting fast eat "
    "eating food avoid",
    "therapy": "psychotherapy therapy therapeutic counseling counselling kap integration "
    "preparation prep integrate integrating",
    "coordination": "referral refer referring referred coordinate coordination collaborate "
    "collaboration",
    "price": "cost costs price prices pricing fee fees usd dollars",
    "insurance": "insurance insurer insurers covered coverage network superbill superbills "
    "reimbursement reimbursed reimburse hsa fsa medicare medicaid tricare aetna cigna",
    "financing": "financing finance carecredit installments installment affirm cherry",
    "review": "review reviews testimonial testimonials stars star rating rated google yelp story "
    "stories grateful thank changed",
    "outcome": "percent reported improvement improved remission phq gad pcl",
}
_CLASSES: Final[dict[str, tuple[str, ...]]] = {}
for _cls, _words in LEXICON.items():
    for _w in _words.split():
        _CLASSES[_w] = (*_CLASSES.get(_w, ()), _cls)

_CUES: Final = (
    ("cue:we", frozenset(["we", "our", "ours", "us"])),
    ("cue:i", frozenset(["i", "my", "me"])),
    ("cue:you", frozenset(["you", "your"])),
    (
        "cue:hedge",
        frozenset(["may", "might", "could", "can", "often", "typically", "usually", "generally"]),
    ),
    (
        "cue:neg",
        frozenset(
            ["not", "no", "never", "without", "cannot", "don", "doesn", "isn", "aren", "won"]
        ),
    ),
    ("cue:research", frozenset(["study", "studies", "research", "researchers", "trial", "trials"])),
    ("cue:general", frozenset(["most", "many", "some", "other", "clinics", "providers"])),
)


@dataclass
class PageReading:
    """A page as the detectors read it: its sentences, what the rules extract, the rule
    signals each sentence carries (by sentence index), and the signals stated in structured
    data (JSON-LD, microdata), which no text model overrules."""

    text: PageText
    rules: PageExtraction
    signals: dict[int, set[str]] = field(default_factory=dict)
    structured: frozenset[str] = frozenset()


def fold_digits(token: str) -> str:
    """'2019' -> '0000': numbers keep their shape, not their value."""
    return token if token.isalpha() else _DIGIT.sub("0", token)


def _context(prefix: str, text: str | None) -> list[str]:
    """w-features and word classes of a context line (heading, question, lead-in)."""
    if not text:
        return []
    words = {fold_digits(w) for w in WORD.findall(text.lower())}
    out = [prefix + ":" + w for w in words]
    out += sorted({prefix + "x:" + c for w in words for c in _CLASSES.get(w, ())})
    return out


def sentence_features(
    s: Sentence,
    signals: Collection[str] = (),
    context: dict[tuple[str, str | None], list[str]] | None = None,
) -> list[str]:
    """The features of one sentence; `signals`: the rule signals matched in it; `context`:
    a cache of context-line features shared by the sentences of one page."""
    tokens = [fold_digits(t) for t in (s.tokens or WORD.findall(s.lower))]
    out = ["w:" + t for t in tokens]
    out += ["b:" + a + "_" + b for a, b in itertools.pairwise(tokens)]
    out += ["p:" + t[:5] for t in tokens if len(t) > 5 and t.isalpha()]
    out += ["C:" + m for m in _UPPER.findall(s.text)]
    classes = _CLASSES
    out += sorted({"x:" + c for t in tokens for c in classes.get(t, ())})
    block = s.block
    cache = {} if context is None else context
    for prefix, line in (("h", block.heading), ("q", block.question), ("l", block.lead_in)):
        if line:
            key = (prefix, line)
            got = cache.get(key)
            if got is None:
                got = cache[key] = _context(prefix, line)
            out += got
    out += ["r:" + sig for sig in sorted(signals)]
    out.append("k:" + block.kind)
    if s.is_question:
        out.append("isq")
    present = set(tokens)
    out += [name for name, cue in _CUES if not cue.isdisjoint(present)]
    text = s.text
    if "$" in text:
        out.append("cue:$")
    if "%" in text:
        out.append("cue:%")
    if "“" in text or '"' in text:
        out.append("cue:quoted")
    return out


def reading_features(reading: PageReading) -> list[list[str]]:
    """The features of every sentence of a page, in page order."""
    signals = reading.signals
    context: dict[tuple[str, str | None], list[str]] = {}
    return [sentence_features(s, signals.get(s.index, ()), context) for s in reading.text.sentences]
