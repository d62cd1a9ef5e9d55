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

import functools
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
from w3lib.encoding import html_to_unicode


def names(text: str) -> frozenset[str]:
    """A set of names written space-separated (easier to read than a long list literal)."""
    return frozenset(text.split())


MAX_BODY_BYTES = 2_000_000  # clinic pages are a few KB; a 20 MB page is cut, not refused
MAX_TEXT_CHARS = 400_000
MAX_QUOTE = 200

_SKIP_TAGS = names(
    "script style noscript template svg math head iframe object embed canvas select "
    "textarea button map audio video"
)
_BLOCK_TAGS = names(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html "
    "legend li main nav ol p pre section summary table tbody thead tfoot tr ul menu"
)
_HEADING_TAGS = names("h1 h2 h3 h4 h5 h6")
_CELL_TAGS = frozenset(("td", "th"))

_WS = re.compile(r"\s+")
# C0 control characters (except tab/newline/CR) and NUL upset lxml and mean nothing here.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
# Same-length folding for matching: typographic hyphens and no-break spaces become plain ones.
_FOLD = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00a0": " ", "\u202f": " "})
_FOLD_CHARS = re.compile("[\u2010\u2011\u2012\u00a0\u202f]")
_NUMBERED = re.compile(r"^(?:\d{1,2}|[a-z])[.)]\s")

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and a capital,
# digit or opening quote. Abbreviations below do not end sentences.
_SENTENCE_END = re.compile(r"[.!?]+[”\"’'\)\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9•])")
_ABBREVIATIONS = names(
    "dr mr mrs ms st vs etc e.g i.e inc no jr sr prof approx dept mt ft u.s a.m p.m m.d "
    "d.o ph.d ste co ltd corp fig al est appt"
)


@dataclass(slots=True)  # not frozen: built by the thousand, and frozen init is slow
class Block:
    """One visible block of text (paragraph, list item, heading, table row...)."""

    text: str
    kind: str  # "p", "li", "h", "row", "quote"
    index: int
    heading: str | None = None  # the nearest heading above this block
    lead_in: str | None = None  # for list items: the "...:" line that introduces the list
    question: str | None = None  # for FAQ answers: the question right above
    prev: str | None = None  # the text of the block right above


@dataclass(slots=True)
class Sentence:
    """One sentence of a block; `text` is exact page text, `lower` its lower-case twin."""

    text: str
    lower: str
    block: Block
    index: int  # position of the sentence in the page
    is_question: bool
    words: frozenset[str]  # its indexed (trigger) words
    tokens: tuple[str, ...] = ()  # all its words in order (features of the learned model)


@dataclass
class PageText:
    """The sentences of a page with a word index for cheap candidate lookup."""

    title: str | None
    sentences: list[Sentence]
    words: dict[str, list[int]] = field(default_factory=dict)

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        """The indexed words of the page, as a set (a dict's keys view & a frozenset would copy
        the keys into a new set on every call)."""
        return frozenset(self.words)

    def has_any(self, triggers: frozenset[str]) -> bool:
        """True when any trigger word occurs on the page."""
        return not self.vocabulary.isdisjoint(triggers)

    def question_for(self, s: Sentence) -> str | None:
        """The FAQ question a sentence answers: the question just before it (in its own
        paragraph, "Need a superbill? We can prepare one.") or the block's question."""
        if s.index > 0:
            prev = self.sentences[s.index - 1]
            if prev.is_question and (prev.block is s.block or s.block.question == prev.block.text):
                return prev.text
        return s.block.question

    def candidates(self, triggers: frozenset[str]) -> list[Sentence]:
        """The sentences containing any trigger word, in page order."""
        present = self.vocabulary & triggers  # iterates the smaller of the two sets
        if not present:
            return []
        words = self.words
        if len(present) == 1:
            return [self.sentences[i] for i in words[next(iter(present))]]
        hits: set[int] = set()
        for t in present:
            hits.update(words[t])
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
    return _CONTROL_CHARS.sub("", text)


def _looks_binary(raw: bytes) -> bool:
    """Images, PDFs and archives served as HTML: many NULs or control bytes up front."""
    head = raw[:4096]
    if not head:
        return False
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOM: text with NULs
        return False
    controls = len(head.translate(None, _NOT_CONTROL_BYTES))
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


def page_text(doc: lxml.html.HtmlElement, vocabulary: AbstractSet[str] | None = None) -> PageText:
    """Walk the document once and cut its visible text into blocks and sentences; index the
    words of `vocabulary` (all words when None)."""
    title = _title(doc)
    blocks = _blocks(doc)
    sentences: list[Sentence] = []
    words: dict[str, list[int]] = {}
    for block in blocks:
        for text in split_sentences(block.text):
            lower = text.lower()
            if len(lower) != len(text):  # a rare case-fold that changes length: keep spans exact
                lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
            if _FOLD_CHARS.search(lower):
                lower = lower.translate(_FOLD)
            idx = len(sentences)
            tokens = tuple(_WORD.findall(lower))
            found = set(tokens)
            found.update([w[:-1] for w in found if len(w) > 3 and w[-1] == "s" and w[-2] != "s"])
            if vocabulary is not None:
                found.intersection_update(vocabulary)
            sentences.append(
                Sentence(text, lower, block, idx, text.endswith("?"), frozenset(found), tokens)
            )
            for w in found:
                words.setdefault(w, []).append(idx)
    return PageText(title=title, sentences=sentences, words=words)


def _title(doc: lxml.html.HtmlElement) -> str | None:
    for el in doc.iter("title"):
        text = _WS.sub(" ", el.text_content() or "").strip()
        return text[:300] or None
    return None


_INVISIBLE_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


def _hidden(el: lxml.html.HtmlElement) -> bool:
    """Hidden by attribute or inline style (content a reader never sees)."""
    style = el.get("style")
    if style and ("none" in style or "hidden" in style) and _INVISIBLE_STYLE.search(style):
        return True
    return el.get("hidden") is not None or el.get("aria-hidden") == "true"


def visible_text(el: lxml.html.HtmlElement) -> str:
    """The text a reader sees in one element, cut into blocks as `page_text` cuts the page and
    joined by spaces; empty when the element or one around it is hidden or never shown."""
    for outer in el.iterancestors():
        if outer.tag in _SKIP_TAGS or (outer.attrib and _hidden(outer)):
            return ""
    return " ".join(b.text for b in _blocks(el))


def _blocks(doc: lxml.html.HtmlElement) -> list[Block]:
    """Visible text grouped by block element; headings and list lead-ins remembered."""
    raw: list[tuple[str, str]] = []  # (kind, text)
    buf: list[str] = []
    kinds: list[str] = ["p"]  # stack of enclosing block kinds ("skip" for skipped elements)
    size = 0
    skip_tags, block_tags, cell_tags = _SKIP_TAGS, _BLOCK_TAGS, _CELL_TAGS
    walker = lxml.etree.iterwalk(doc, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if (tag in skip_tags and not _faq_toggle(el)) or (el.attrib and _hidden(el)):
                walker.skip_subtree()
                kinds.append("skip")
                continue
            if tag in block_tags or tag == "button":
                if buf:
                    size += _flush(buf, kinds[-1], raw)
                kinds.append(_kind(tag, kinds))
            elif tag == "br":
                if buf:
                    size += _flush(buf, kinds[-1], raw)
            elif tag in cell_tags:
                buf.append(" ")
            text = el.text
            if text:
                buf.append(text)
        elif event == "end":
            if kinds[-1] == "skip":  # a skipped element's end comes right after its start
                kinds.pop()
            elif tag in block_tags or tag == "button":
                if buf:
                    size += _flush(buf, kinds[-1], raw)
                kinds.pop()
            elif tag in cell_tags:
                buf.append(" ")
            if size > MAX_TEXT_CHARS:
                break
            # the text after the walked element itself is not its own
            tail = el.tail if el is not doc else None
            if tail:
                buf.append(tail)
        else:  # a comment or processing instruction: only its tail is text
            tail = el.tail
            if tail:
                buf.append(tail)
    if buf:
        _flush(buf, kinds[-1] if kinds else "p", raw)
    return _with_context(raw)


def _faq_toggle(el: lxml.html.HtmlElement) -> bool:
    """A button that opens an FAQ answer (its text is the question): read as a heading."""
    if el.tag != "button":
        return False
    text = el.text_content()
    return len(text) <= 300 and text.strip().endswith("?")


def _flush(buf: list[str], kind: str, raw: list[tuple[str, str]]) -> int:
    text = "".join(buf).strip()
    buf.clear()
    if not text:  # most flushes: the whitespace between two tags
        return 0
    text = _WS.sub(" ", text)
    raw.append((kind, text))
    return len(text)


def _kind(tag: str, stack: list[str]) -> str:
    if tag in _HEADING_TAGS or tag == "button":  # only FAQ toggles are walked (_faq_toggle)
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


def _looks_like_heading(kind: str, text: str) -> bool:
    """A real heading, or a short title-like line set as a paragraph ("Our Fees")."""
    if kind == "h":
        return True
    return (
        kind == "p"
        and len(text) <= 70
        and text[:1].isupper()
        and not text.endswith((".", ",", ";", ":", "!"))
        and len(text.split()) <= 9
    )


def _with_context(raw: list[tuple[str, str]]) -> list[Block]:
    """Give each block the heading above it, its list's lead-in line and its FAQ question."""
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
        blocks.append(Block(text, kind, i, heading, lead_in if is_item else None, question, prev))
        if _looks_like_heading(kind, text):
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
