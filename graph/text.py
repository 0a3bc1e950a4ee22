"""Text normalisation: line-wrap spaces, HTML opinion cells, paragraphs and sentences.

Normalisation never loses the original: callers keep the raw cell next to the result.

>>> squeeze_cjk_spaces("數位 產業 署")
'數位產業署'
>>> squeeze_cjk_spaces("導入 AI Agent 與 5G 基地臺")
'導入 AI Agent 與 5G 基地臺'
>>> split_sentences("一、甲（乙；丙）。丁；戊")
[(0, 9), (9, 11), (11, 12)]
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from recgraph.model import Paragraph, Sentence

# Han ideographs, CJK symbols and punctuation, full-width forms, bopomofo.
_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[{_CJK}])")
_ORDINAL = re.compile(r"^\s*([一二三四五六七八九十]+)\s*[、.．]\s*")
_OPEN = "（(「『【《〔［[｛{〈"
_CLOSE = "）)」』】》〕］]｝}〉"
_STOPS = "。；;"
_ENDINGS = tuple("。！？!?.」』）)】》") + ("。」", "。）")


def squeeze_cjk_spaces(text: str) -> str:
    """Drop spaces that line-wrapping left between two CJK characters; keep all others."""
    return _CJK_GAP.sub("", text).strip()


OPEN_BRACKETS, CLOSE_BRACKETS = _OPEN, _CLOSE


def cut_outside_brackets(text: str, stops: str) -> list[tuple[int, int, str]]:
    """``(start, end, stop)`` pieces of ``text`` cut at any character of ``stops`` outside brackets.

    ``end`` excludes the stop character; the last piece has stop ``""``.

    >>> cut_outside_brackets("甲（乙，丙），丁", "，")
    [(0, 6, '，'), (7, 8, '')]
    """
    pieces = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in stops and depth == 0:
            pieces.append((start, i, ch))
            start = i + 1
    pieces.append((start, len(text), ""))
    return pieces


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split at 。；; outside brackets; return (start, end) spans without surrounding spaces."""
    spans = [(s, e + (1 if stop else 0)) for s, e, stop in cut_outside_brackets(text, _STOPS)]
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def ends_mid_sentence(text: str) -> bool:
    """True when text stops without a sentence-final mark (the source was cut off)."""
    text = text.rstrip()
    return bool(text) and not text.endswith(_ENDINGS)


class _ParagraphParser(HTMLParser):
    """Collects the text of each <p>; records tag-balance problems instead of guessing."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.loose: list[str] = []
        self.problems: list[str] = []
        self.cut = False
        self._open = False
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            if self._open:
                self.problems.append("unbalanced <p> tags: <p> opened inside an open <p>")
                self._flush()
            self._open = True
        elif tag == "br":
            self._buf.append(" ")

    def handle_endtag(self, tag):
        if tag == "p":
            if not self._open:
                self.problems.append("unbalanced <p> tags: </p> without a matching <p>")
                return
            self._flush()

    def handle_data(self, data):
        if self._open:
            self._buf.append(data)
        elif data.strip():
            self.loose.append(data)

    def _flush(self):
        self.paragraphs.append("".join(self._buf))
        self._buf = []
        self._open = False

    def close(self):
        super().close()
        if self._open:
            self.cut = True
            self._flush()


@dataclass(frozen=True)
class Opinion:
    """A normalised opinion: plain text (paragraphs joined by a line feed) and its structure."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    truncated: bool
    problems: tuple[str, ...]


def parse_opinion(cell: str) -> Opinion:
    """Split an HTML opinion cell into paragraphs and sentences with offsets into its text.

    Cells without any <p> are one paragraph.  Entities are decoded, other tags stripped.
    """
    parser = _ParagraphParser()
    try:
        parser.feed(cell)
        parser.close()
    except AssertionError as e:  # html.parser asserts on some broken declarations, e.g. "<![" before "</p>"
        return Opinion("", (), False, (f"malformed HTML markup ({e}); fix or remove it",))
    raw = parser.paragraphs if parser.paragraphs else [html.unescape(re.sub(r"<[^>]*>", "", cell))]
    problems = list(parser.problems)
    if parser.paragraphs and parser.loose:
        problems.append("text outside <p> tags: " + parser.loose[0].strip()[:20])
    texts = [squeeze_cjk_spaces(re.sub(r"\s+", " ", p)) for p in raw]
    texts = [t for t in texts if t]
    paragraphs = []
    offset = 0
    for i, text in enumerate(texts, start=1):
        m = _ORDINAL.match(text)
        ordinal = m.group(1) if m else ""
        body_start = m.end() if m else 0
        sentences = tuple(
            Sentence(j, text[body_start + s:body_start + e], offset + body_start + s, offset + body_start + e)
            for j, (s, e) in enumerate(split_sentences(text[body_start:]), start=1)
        )
        paragraphs.append(Paragraph(i, ordinal, text, offset, offset + len(text), sentences))
        offset += len(text) + 1
    full = "\n".join(texts)
    truncated = bool(texts) and ends_mid_sentence(texts[-1])
    if parser.cut and not truncated:  # a cell cut off mid-sentence loses its </p>: that is truncation
        problems.append("unbalanced <p> tags: <p> never closed")
    return Opinion(full, tuple(paragraphs), truncated, tuple(problems))
