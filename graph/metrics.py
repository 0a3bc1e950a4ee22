"""The metric of a figure: the noun phrase naming what a number counts or measures.

The phrase before the number runs back to the previous delimiter outside brackets (or to the
joiner right after the previous figure: ``99.9%以上及改善偏鄉及易成孤島地區通訊品質15案`` keeps
``改善偏鄉及…``); the phrase after it runs to a delimiter, an opening bracket, 的/之, a joiner
before the next figure, or another number (``40個產業公協會成立四大產業任務小組`` counts
``產業公協會``).  Connectors and measure verbs are trimmed; the word lists are data.

>>> from recgraph.figure_rules import default_figure_rules
>>> text = "本計畫整合40個產業公協會成立四大產業任務小組"
>>> s, e = metric_span(text, 0, 5, 8, default_figure_rules()); text[s:e]
'產業公協會'
"""

from __future__ import annotations

from recgraph.figure_rules import FigureRules
from recgraph.numbers import NUMBER, match_word

DELIMS = "，,。；;、：:\n！？!?"
OPEN_BRACKETS = "（(「『【《〔［["
CLOSE_BRACKETS = "）)」』】》〕］]"
JOINERS = "及與和並"
_QUOTES = "「」『』\"“”"


def strip_metric(text: str, s: int, e: int, rules: FigureRules) -> tuple[int, int]:
    """Trim quotes, spaces, leading connectors and trailing measure verbs off text[s:e]."""
    changed = True
    while changed and s < e:
        changed = False
        while s < e and (text[s].isspace() or text[s] in _QUOTES):
            s += 1
            changed = True
        while e > s and (text[e - 1].isspace() or text[e - 1] in _QUOTES):
            e -= 1
            changed = True
        word = match_word(text[:e], s, rules.metric_prefixes)
        if word and s + len(word) <= e:
            s += len(word)
            changed = True
        for verb in rules.measure_verbs:
            if e - len(verb) >= s and text.startswith(verb, e - len(verb)):
                e -= len(verb)
                changed = True
                break
    return s, e


def _start_before(text: str, lo: int, num_start: int) -> int:
    """Where the phrase before a number starts: the previous delimiter outside brackets, or lo."""
    s, depth = num_start, 0
    while s > lo:
        ch = text[s - 1]
        if ch in CLOSE_BRACKETS:
            depth += 1
        elif ch in OPEN_BRACKETS:
            if depth == 0:
                break
            depth -= 1
        elif ch in DELIMS and depth == 0:
            break
        s -= 1
    if s == lo and lo > 0:  # right after the previous figure: 42個系統及完成…共10個
        cuts = [i for i in (text.find(j, s, num_start) for j in JOINERS) if i >= 0]
        if cuts:
            s = min(cuts) + 1
    return s


_PHRASE_ENDS = DELIMS + OPEN_BRACKETS + "的之"


def _phrase_ends_at(text: str, e: int) -> bool:
    """The phrase after a number ends at ``e``: the text's end, a delimiter, an opening bracket, 的/之 or 對於."""
    return e >= len(text) or text[e] in _PHRASE_ENDS or text.startswith("對於", e)


def _next_figure_at(text: str, e: int, after: int, rules: FigureRules) -> bool:
    """Another figure starts at ``e``: a joiner whose clause holds a number, or a number with a unit."""
    if text[e] in JOINERS:
        rest = text[e:]
        stop = min([rest.find(d) for d in DELIMS if d in rest] or [len(rest)])
        if NUMBER.search(rest[:stop]):
            return True
    m = NUMBER.match(text, e)
    return bool(m and e > after and (match_word(text, m.end(), rules.units)
                                    or match_word(text, m.end(), rules.not_units)))


def _end_after(text: str, after: int, rules: FigureRules) -> int:
    """Where the phrase after a number ends (see the module docstring)."""
    e = after
    while not _phrase_ends_at(text, e):
        if _next_figure_at(text, e, after, rules):
            # the verb introducing the next count is not part of this metric: 產業公協會成立 -> 產業公協會
            while verb := next((v for v in rules.metric_trailing_verbs
                                if text.startswith(v, e - len(v)) and e - len(v) > after), ""):
                e -= len(verb)
            return e
        e += 1
    return e


def metric_span(text: str, lo: int, num_start: int, after: int, rules: FigureRules) -> tuple[int, int]:
    """Offsets of the metric phrase: the words before the number, or after it when those are empty.

    When both are empty once trimmed, the untrimmed words before (then after) the number are
    kept (``吸引來自29國`` -> ``吸引來自``); a figure that is its whole clause after a comma takes the
    clause before (``以轉帳方式直接支付至申請人帳戶，約18萬人次``); only a text that is nothing but the
    figure has none.
    """
    s = _start_before(text, lo, num_start)
    pre_s, pre_e = strip_metric(text, s, num_start, rules)
    e = _end_after(text, after, rules)
    post_s, post_e = strip_metric(text, after, e, rules)
    measured = pre_e > pre_s and text[pre_e:num_start].strip() != ""
    means = bool(match_word(text, pre_s, rules.means_words))
    if pre_e > pre_s and (measured or post_e <= post_s) and not (means and post_e > post_s):
        return pre_s, pre_e
    if post_e > post_s:
        return post_s, post_e
    for a, b in ((s, num_start), (after, e)):
        while a < b and (text[a].isspace() or text[a] in _QUOTES):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in _QUOTES):
            b -= 1
        if b > a:
            return a, b
    if s > lo and text[s - 1] in "，,":  # 直接支付至申請人帳戶，約18萬人次: the clause before names what is counted
        a, b = strip_metric(text, _start_before(text, lo, s - 1), s - 1, rules)
        if b > a:
            return a, b
    return pre_s, pre_e
