"""A page's visible text as blocks and sentences, parsed once with lxml.

The detectors never see HTML: they see `Sentence`s, each the exact text of one sentence of
one visible block (whitespace collapsed), plus the little layout context that changes its
meaning - the heading it sits under, the lead-in line of the list it belongs to, the FAQ
question it answers. Quotes are cut from `Sentence.text`, so every quote is an exact
substring of the page's visible text.

`PageText.candidates()` is the speed trick: an inverted index from word to sentences lets a
detector run its regexes only on the few sentences that contain one of its trigger words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
from w3lib.encoding import html_to_unicode

MAX_BODY_BYTES = 2_000_000  # clinic pages are a few KB; a 20 MB page is cut, not refused
MAX_TEXT_CHARS = 400_000
MAX_QUOTE = 200

_SKIP_TAGS = frozenset(
    "script style noscript template svg math head iframe object embed canvas select "
    "textarea button map audio video".split()
)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend "
    "li main nav ol p pre section summary table tbody thead tfoot tr ul menu".split()
)
_HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_CELL_TAGS = frozenset(("td", "th"))

_WS = re.compile(r"\s+")
# C0 control characters (except tab/newline/CR) and NUL upset lxml and mean nothing here.
_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127])
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*")
_NUMBERED = re.compile(r"^(?:\d{1,2}|[a-z])[.)]\s")

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and a capital,
# digit or opening quote. Abbreviations below do not end sentences.
_SENTENCE_END = re.compile(r"[.!?]+[”\"’'\)\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9•])")
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms st vs etc e.g i.e inc no jr sr prof approx dept mt ft u.s a.m p.m m.d "
    "d.o ph.d ste co ltd corp fig al est appt".split()
)


@dataclass(frozen=True, slots=True)
class Block:
    """One visible block of text (paragraph, list item, heading, table row...)."""

    text: str
    kind: str  # "p", "li", "h", "row", "quote"
    index: int
    heading: str | None = None  # the nearest heading above this block
    lead_in: str | None = None  # for list items: the "...:" line that introduces the list
    question: str | None = None  # for FAQ answers: the question right above


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a block; `text` is exact page text, `lower` its lower-case twin."""

    text: str
    lower: str
    block: Block
    index: int  # position of the sentence in the page

    @property
    def is_question(self) -> bool:
        return self.text.rstrip().endswith("?")


@dataclass
class PageText:
    """The sentences of a page with a word index for cheap candidate lookup."""

    title: str | None
    sentences: list[Sentence]
    words: dict[str, list[int]] = field(default_factory=dict)

    @property
    def lower(self) -> str:
        return "\n".join(s.lower for s in self.sentences)

    def has_any(self, triggers: Iterable[str]) -> bool:
        """True when any trigger word occurs on the page."""
        words = self.words
        return any(t in words for t in triggers)

    def candidates(self, triggers: Iterable[str]) -> list[Sentence]:
        """The sentences containing any trigger word, in page order."""
        hits: set[int] = set()
        words = self.words
        for t in triggers:
            found = words.get(t)
            if found:
                hits.update(found)
        return [self.sentences[i] for i in sorted(hits)]


def decode_body(body: bytes | str, encoding: str | None = None) -> str:
    """The page as text: declared/BOM/meta charset, else UTF-8; bad bytes are replaced."""
    if isinstance(body, str):
        text = body[: MAX_BODY_BYTES * 2]
    else:
        raw = bytes(body[:MAX_BODY_BYTES])
        if _looks_binary(raw):
            return ""
        header = f"text/html; charset={encoding}" if encoding else None
        try:
            _enc, text = html_to_unicode(header, raw)
        except (LookupError, ValueError, TypeError):
            text = raw.decode("utf-8", errors="replace")
    return text.translate(_CONTROL)


def _looks_binary(raw: bytes) -> bool:
    """Images, PDFs and archives served as HTML: many NULs or control bytes up front."""
    head = raw[:4096]
    if not head:
        return False
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOM: text with NULs
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 10


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """An lxml document for `text`, or None when there is nothing to parse."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError, TypeError):
        return None


def page_text(doc: lxml.html.HtmlElement) -> PageText:
    """Walk the document once and cut its visible text into blocks and sentences."""
    title = _title(doc)
    blocks = _blocks(doc)
    sentences: list[Sentence] = []
    words: dict[str, list[int]] = {}
    for block in blocks:
        for text in split_sentences(block.text):
            lower = text.lower()
            idx = len(sentences)
            sentences.append(Sentence(text, lower, block, idx))
            for w in set(_WORD.findall(lower)):
                words.setdefault(w, []).append(idx)
    return PageText(title=title, sentences=sentences, words=words)


def _title(doc: lxml.html.HtmlElement) -> str | None:
    for el in doc.iter("title"):
        text = _WS.sub(" ", el.text_content() or "").strip()
        return text[:300] or None
    return None


def _hidden(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return (
        bool(style)
        and "none" in style
        and bool(re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style))
    )


def _blocks(doc: lxml.html.HtmlElement) -> list[Block]:
    """Visible text grouped by block element; headings and list lead-ins remembered."""
    raw: list[tuple[str, str]] = []  # (kind, text)
    buf: list[str] = []
    kinds: list[str] = []  # stack of enclosing block kinds
    size = 0

    def flush() -> None:
        nonlocal size
        if buf:
            text = _WS.sub(" ", "".join(buf)).strip()
            buf.clear()
            if text:
                raw.append((kinds[-1] if kinds else "p", text))
                size += len(text)

    walker = lxml.etree.iterwalk(doc, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):  # comment or processing instruction: keep its tail
            if el.tail:
                buf.append(el.tail)
            continue
        tag = tag.lower()
        if event == "start":
            if tag in _SKIP_TAGS or _hidden(el):
                walker.skip_subtree()
                kinds.append("skip")
                continue
            if tag in _BLOCK_TAGS:
                flush()
                kinds.append(_kind(tag, kinds))
            elif tag == "br":
                flush()
            elif tag in _CELL_TAGS:
                buf.append(" ")
            if el.text:
                buf.append(el.text)
        else:
            if kinds and kinds[-1] == "skip" and (tag in _SKIP_TAGS or _hidden(el)):
                kinds.pop()
            elif tag in _BLOCK_TAGS:
                flush()
                if kinds:
                    kinds.pop()
            elif tag in _CELL_TAGS:
                buf.append(" ")
            if size > MAX_TEXT_CHARS:
                break
            if el.tail:
                buf.append(el.tail)
    flush()
    return _with_context(raw)


def _kind(tag: str, stack: list[str]) -> str:
    if tag in _HEADING_TAGS:
        return "h"
    if tag == "li":
        return "li"
    if tag == "tr":
        return "row"
    if tag == "blockquote":
        return "quote"
    # a paragraph inside a list item or blockquote keeps the outer kind
    if stack and stack[-1] in ("li", "quote", "row"):
        return stack[-1]
    return "p"


def _with_context(raw: list[tuple[str, str]]) -> list[Block]:
    blocks: list[Block] = []
    heading: str | None = None
    lead_in: str | None = None
    prev: str | None = None
    for i, (kind, text) in enumerate(raw):
        is_item = kind == "li" or bool(_NUMBERED.match(text))
        if not is_item:
            lead_in = None
        question = prev if prev is not None and prev.endswith("?") else None
        if question is None and heading is not None and heading.endswith("?"):
            question = heading
        blocks.append(Block(text, kind, i, heading, lead_in if is_item else None, question))
        if kind == "h":
            heading = text
        if not is_item and text.endswith(":"):
            lead_in = text
        prev = text
    return blocks


def split_sentences(text: str) -> list[str]:
    """Cut a block's text into sentences, keeping each one's exact characters."""
    if len(text) < 40 or not any(c in text for c in ".!?"):
        return [text]
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if m.group()[0] == "." and _is_abbreviation(text, m.start()):
            continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    """`Dr.`, `e.g.`, `U.S.` and single initials (`J. Smith`) do not end a sentence."""
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    if len(word) == 1 and word.isalpha() and text[i].isupper():
        return True
    return word in _ABBREVIATIONS


def quote(sentence: Sentence, start: int = 0, end: int = 0) -> str:
    """The sentence, or a <= 200-character window of it around `start:end`."""
    text = sentence.text
    if len(text) <= MAX_QUOTE:
        return text
    end = max(end, start)
    span = min(end - start, MAX_QUOTE)
    slack = MAX_QUOTE - span
    lo = max(0, start - slack // 2)
    hi = min(len(text), lo + MAX_QUOTE)
    lo = max(0, hi - MAX_QUOTE)
    # move inwards to word boundaries so a quote never starts or ends mid-word
    if lo > 0:
        sp = text.find(" ", lo, min(start, hi))
        if sp != -1:
            lo = sp + 1
    if hi < len(text):
        sp = text.rfind(" ", max(end, lo), hi)
        if sp != -1:
            hi = sp
    return text[lo:hi].strip()
