"""The literal strings a regular expression's matches must contain: a cheap test that rules out a search.

:func:`required` reads an expression with the standard library's own parser and returns clauses: every
text in which the expression finds a match holds, for each clause, at least one of the clause's
strings (``(?:如|例如)[^，]{0,40}{M}…等`` needs one of 如/例如 and 等).  The reading is conservative: a
construct it does not follow (a case-insensitive part, a back-reference, an optional part) adds no
clause, so an expression it cannot read at all has none and is always searched.

:func:`index_patterns` indexes many expressions by the strings of their most selective clause, and
:func:`candidates` finds which strings a text holds and so which expressions may
match there: one whose clause the text does not meet need not be searched.  :func:`dispatch` turns a
long alternation into one that looks at the character at a position once and tries only the
alternatives that can start with it, in their order.

>>> clauses = required(re.compile("(?:如|例如)[^，]{0,40}X[^，]{0,30}等"))
>>> sorted(map(sorted, clauses))
[['X'], ['例如', '如'], ['等']]
>>> index = index_patterns([re.compile("例如.*X"), re.compile("如此|如何"), re.compile("[^，]+"), None])
>>> candidates(index, "例如 AI 等"), candidates(index, "如何")
([0, 2, 3], [1, 2, 3])
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

from recgraph import clause_cache

Clauses = tuple[frozenset[str], ...]
"""Each clause: one of its strings must occur in a text the expression matches."""

_MAX_STRINGS = 64
"""The most strings one clause holds (a product of alternatives grows fast); beyond it, none."""
_MAX_CLAUSES = 3
"""Clauses kept per expression: the longest strings first (the most selective)."""
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def required(pattern: re.Pattern, anywhere: str = "") -> Clauses:
    """The clauses every match of ``pattern`` meets (see the module docstring); () if none is known.
    ``anywhere``: characters every searched text holds (a mark standing for a mention), read as any
    character: a clause of them would rule nothing out, and would be chosen over one that does."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE):
        return ()
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError):  # pragma: no cover - compiled already, so parsable
        return ()
    return _best(_sequence(list(_as_any(tree, anywhere))))


def checked(source: str, anywhere: str = "") -> Clauses:
    """:func:`required` of ``source`` read without compiling it, raising ``re.error`` where
    ``re.compile`` would (a syntax error, a look-behind of variable width): a table of expressions is
    checked at load for a quarter of the cost of compiling it, and each compiled on first use.
    ``anywhere`` as for :func:`required`.

    >>> sorted(map(sorted, checked("(?<=宜|應)評估")))
    [['宜', '應'], ['評估']]
    >>> checked("(?<=宜|應該)評估")
    Traceback (most recent call last):
    re.error: look-behind requires fixed-width pattern

    The clauses are kept between runs (graph.clause_cache): an expression is read once per version of
    this module, not by every process that loads the rules.
    """
    found = clause_cache.lookup(source, anywhere)
    if found is None:
        found = _checked(source, anywhere)
        clause_cache.remember(source, anywhere, found)
    return found


def _checked(source: str, anywhere: str) -> Clauses:
    tree = sre_parse.parse(source)
    _check_lookbehinds(tree)
    if tree.state.flags & (re.IGNORECASE | re.LOCALE):
        return ()
    return _best(_sequence(list(_as_any(tree, anywhere))))


def _as_any(tree, chars: str):
    """``tree`` with each literal of one of ``chars`` read as any character (changed in place).

    >>> sorted(map(sorted, checked("(?:非|不)\\s*M|未M", anywhere="M")))
    [['不', '未', '非']]
    """
    if chars:
        for k, (op, av) in enumerate(tree.data):
            if op is sre.LITERAL and chr(av) in chars:
                tree.data[k] = (sre.ANY, None)
            for part in _NESTED[op](av) if op in _NESTED else ():
                if part is not None:
                    _as_any(part, chars)
    return tree


class Lazy:
    """A regular expression checked at once (:func:`checked`: a bad one fails where it is read) and
    compiled on first use; ``words``: its most selective clause (None: not known), for :func:`index_words`.
    A text lacking every string of one of its clauses is not searched (and the expression not compiled for it).

    >>> p = Lazy("例如.*等")
    >>> sorted(p.words), p.search("例如 AI"), p._compiled, p.search("例如 AI 等").span()
    (['例如'], None, None, (0, 7))
    """

    __slots__ = ("source", "words", "clauses", "_compiled")

    def __init__(self, source: str):
        clauses = checked(source)
        self.source, self.clauses, self._compiled = source, clauses, None
        self.words = clauses[0] if clauses else None

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled

    def could_match(self, text: str) -> bool:
        """Whether ``text`` holds a string of each clause (the expression cannot match otherwise)."""
        return all(any(w in text for w in clause) for clause in self.clauses)

    def search(self, text: str, *bounds) -> re.Match | None:
        return self.compiled.search(text, *bounds) if self.could_match(text) else None

    def match(self, text: str, *bounds) -> re.Match | None:
        return self.compiled.match(text, *bounds) if self.could_match(text) else None

    def finditer(self, text: str, *bounds):
        return self.compiled.finditer(text, *bounds) if self.could_match(text) else iter(())


def _check_lookbehinds(tree) -> None:
    """The compiler's own check (``re._compiler``): a look-behind must match one width."""
    for op, av in tree:
        if op in _NESTED:
            if op in (sre.ASSERT, sre.ASSERT_NOT) and av[0] < 0 and len(set(av[1].getwidth())) > 1:
                raise re.error("look-behind requires fixed-width pattern")
            for part in _NESTED[op](av):
                if part is not None:
                    _check_lookbehinds(part)


_NESTED = {sre.SUBPATTERN: lambda av: [av[3]], sre.BRANCH: lambda av: av[1], sre.ASSERT: lambda av: [av[1]],
           sre.ASSERT_NOT: lambda av: [av[1]], sre.ATOMIC_GROUP: lambda av: [av],
           sre.GROUPREF_EXISTS: lambda av: av[1:]} | {op: lambda av: [av[2]] for op in _REPEATS}
"""The parsed expressions inside an item, by its operator (a group's, a branch's, a repeat's...)."""


def _best(clauses: list[frozenset[str]]) -> Clauses:
    """The most selective clauses: longest shortest string, then fewest strings."""
    unique = {c for c in clauses if c and "" not in c}
    return tuple(sorted(unique, key=lambda c: (-min(map(len, c)), len(c), sorted(c)))[:_MAX_CLAUSES])


def _sequence(items: list) -> list[frozenset[str]]:
    """Clauses of a sequence: each run of fixed items (a literal, a small class, alternatives of
    literals) read as the strings it spells, and the clauses of the other items that must match."""
    clauses: list[frozenset[str]] = []
    run: frozenset[str] | None = None
    for op, av in items:
        fixed = _fixed(op, av)
        if fixed is not None and run is not None and len(run) * len(fixed) <= _MAX_STRINGS:
            run = frozenset(a + b for a in run for b in fixed)
            continue
        if run is not None:
            clauses.append(run)
        run = fixed
        if fixed is None:
            clauses.extend(_item(op, av))
    if run is not None:
        clauses.append(run)
    return clauses


def _fixed_sequence(items: list) -> frozenset[str] | None:
    """The strings a sequence of fixed items spells, or None when one is not fixed."""
    out = frozenset([""])
    for op, av in items:
        fixed = _fixed(op, av)
        if fixed is None or len(out) * len(fixed) > _MAX_STRINGS:
            return None
        out = frozenset(a + b for a in out for b in fixed)
    return out


def _fixed(op, av) -> frozenset[str] | None:
    """The strings one item matches when it consumes one of a few fixed strings, else None."""
    if op is sre.LITERAL:
        return frozenset(chr(av))
    if op is sre.IN:
        return _char_class(av)
    if op is sre.BRANCH:
        alternatives = [_fixed_sequence(list(alt)) for alt in av[1]]
        if any(a is None for a in alternatives):
            return None
        union = frozenset().union(*alternatives)
        return union if len(union) <= _MAX_STRINGS else None
    if op is sre.SUBPATTERN and not av[1] & sre.SRE_FLAG_IGNORECASE:
        return _fixed_sequence(list(av[3]))
    if op is sre.ATOMIC_GROUP:
        return _fixed_sequence(list(av))
    return None


def _char_class(items) -> frozenset[str] | None:
    """The characters of a small positive class (``[臺台]``), else None."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_STRINGS:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:  # NEGATE, CATEGORY (\d, \s), a wide range
            return None
    return frozenset(chars) if len(chars) <= _MAX_STRINGS else None


def _item(op, av) -> list[frozenset[str]]:
    """Clauses of an item that is not fixed: a repeat that must happen, a group, a lookaround that
    must hold (its text is in the searched text too), alternatives that each need something."""
    if op in _REPEATS:
        return _sequence(list(av[2])) if av[0] >= 1 else []
    if op is sre.SUBPATTERN:
        return [] if av[1] & sre.SRE_FLAG_IGNORECASE else _sequence(list(av[3]))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is sre.ASSERT:
        return _sequence(list(av[1]))
    if op is sre.BRANCH:
        best = [_best(_sequence(list(alt))) for alt in av[1]]
        if any(not b for b in best):
            return []
        union = frozenset().union(*(b[0] for b in best))
        return [union] if len(union) <= 4 * _MAX_STRINGS else []
    return []


class Index:
    """Items indexed by words (:func:`index_words`): :func:`candidates` gives those one of whose words a
    text holds.  A text is first searched for the words that start with one of its characters, a test
    per word (``in``); once the index has served twice as many texts as it has words it compiles its
    words into one trie-shaped expression that finds them in one engine call: compiling that for 2,000
    words cost ~60 ms, more than the seed build searched with every index together, and pays only
    for a larger corpus."""

    __slots__ = ("by_first", "by_word", "always", "searches", "finder")

    def __init__(self, by_word: dict[str, frozenset[int]], always: frozenset[int]):
        self.by_word, self.always, self.searches, self.finder = by_word, always, 0, None
        self.by_first: dict[str, tuple[str, ...]] = {}
        for word in sorted(by_word):
            self.by_first[word[0]] = self.by_first.get(word[0], ()) + (word,)

    def found(self, text: str) -> set[int]:
        """The items one of whose words ``text`` holds, and those always tried."""
        found = set(self.always)
        words, compiled = self.look(text)
        items = self.finder[1] if compiled else self.by_word
        for word in words:
            found |= items[word]
        return found

    def look(self, text: str) -> tuple[set[str], bool]:
        """The words ``text`` holds, and whether each stands for the indexed words that start it too
        (its finder compiled: the longest word at each position found) or only for itself."""
        self.searches += 1
        if self.finder is None and self.searches > _COMPILE_AFTER * len(self.by_word):
            self.finder = _finder(self.by_word)
        if self.finder is not None:
            return set(self.finder[0].findall(text)), True
        return {word for c in self.by_first.keys() & set(text) for word in self.by_first[c] if word in text}, False


_COMPILE_AFTER = 2
"""Texts an index serves per word of it before it compiles its finder (:class:`Index`)."""


def index_patterns(patterns) -> Index:
    """An index of ``patterns`` (a None: always tried) by the strings of their most selective clause."""
    return index_words([(required(p)[:1] or [None])[0] if p is not None else None for p in patterns])


def index_words(word_sets) -> Index:
    """An index of items by words, one set a item (None or empty: the item is always a candidate):
    :func:`candidates` gives the items one of whose words a text holds."""
    by_word: dict[str, set[int]] = {}
    always = set()
    for i, ws in enumerate(word_sets):
        ws = [w for w in ws or () if w]
        if not ws:
            always.add(i)
        for word in ws:
            by_word.setdefault(word, set()).add(i)
    return Index({w: frozenset(v) for w, v in by_word.items()}, frozenset(always))


def _finder(by_word: dict[str, frozenset[int]]) -> tuple[re.Pattern, dict[str, frozenset[int]], dict[str, tuple]]:
    """A pattern finding the longest word at each position; each word's items with those of the
    words that start it (they occur where it does), and those words themselves, it included."""
    words = sorted(by_word)
    trie = trie_of(words)
    starts = {w: tuple(w[:n] for n in range(1, len(w) + 1) if w[:n] in by_word) for w in words}
    prefixed = {w: frozenset().union(*(by_word[p] for p in starts[w])) for w in words}
    firsts = "".join(re.escape(c) for c in sorted(trie))
    return re.compile(f"(?=[{firsts}])(?=({_emit(trie)}))" if trie else r"(?!)"), prefixed, starts


def trie_of(sequences) -> dict:
    """The sequences (strings, or lists of atoms) as nested dicts, shared prefixes merged; the key ""
    marks where a sequence ends.

    >>> trie_of(["ab", "a"])
    {'a': {'b': {'': {}}, '': {}}}
    """
    trie: dict = {}
    for seq in sequences:
        node = trie
        for item in seq:
            node = node.setdefault(item, {})
        node[""] = {}
    return trie


_FAN = 8
"""Children of a trie node tried one by one; more are split in halves by a character-class test (the
engine tries alternatives in turn: 700 first characters in a row cost 700 tests at every position)."""


def _emit(node: dict) -> str:
    """A trie node as an alternation: longer continuations first, then the end of a word."""
    children = sorted((ch, child) for ch, child in node.items() if ch)
    branches = [_split(children)] if children else []
    if "" in node:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _split(children: list) -> str:
    """Alternatives for ``children`` (distinct first characters): a tree of class tests when many."""
    if len(children) <= _FAN:
        parts = [re.escape(ch) + _emit(child) for ch, child in children]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    half = len(children) // 2
    left = "".join(re.escape(ch) for ch, _ in children[:half])
    return f"(?:(?=[{left}]){_split(children[:half])}|{_split(children[half:])})"


class ClauseIndex:
    """Items indexed by every clause of theirs (:func:`index_clauses`): :meth:`met` gives the items
    whose every clause a text meets, from one look at the text for the strings of all clauses (a
    trie finder, :class:`Index`) rather than a test (``in``) per string and item.

    >>> index = index_clauses([checked("例如.*X"), checked("如此|如何"), (), (frozenset(),)])
    >>> index.met("例如 AI 等"), index.met("例如 X"), index.met("如何 X", among=0b101)
    ([2], [0, 2], [2])
    """

    __slots__ = ("index", "masks", "started", "items", "needs", "always")

    def __init__(self, index: Index, masks: dict[str, int], items: int, needs: tuple[int, ...], always: int):
        self.index, self.masks, self.items, self.needs, self.always = index, masks, items, needs, always
        self.started: dict[str, int] | None = None

    def met(self, text: str, among: int = -1) -> list[int]:
        """Positions of the items, of those whose bit is set in ``among``, whose every clause ``text``
        meets (holds one of its strings), in order: an expression cannot match where one is unmet."""
        words, compiled = self.index.look(text)
        masks = self.masks
        if compiled:
            if self.started is None:
                self.started = {w: _union(masks[s] for s in starts) for w, starts in self.index.finder[2].items()}
            masks = self.started
        bits = self.always
        for word in words:
            bits |= masks[word]
        found, others = bits & among & ((1 << self.items) - 1), bits >> self.items
        out = []
        while found:
            i = (found & -found).bit_length() - 1
            found &= found - 1
            if others & self.needs[i] == self.needs[i]:
                out.append(i)
        return out


def _union(masks) -> int:
    out = 0
    for m in masks:
        out |= m
    return out


def index_clauses(clause_lists) -> ClauseIndex:
    """A :class:`ClauseIndex` of items by their clauses (:func:`required`, :func:`checked`; () an item
    always met).  As :meth:`Lazy.could_match` has it, a clause holding the empty string is met by any
    text and an empty one by none.  An item is looked for by the strings of its first clause.  A
    string's mask: the bits of the items whose first clause holds it, and above them (shifted by the
    number of items) the bits of the clauses that hold it."""
    clause_lists = list(clause_lists)
    items = len(clause_lists)
    masks: dict[str, int] = {}
    needs, always, bit = [], 0, items
    for i, clauses in enumerate(clause_lists):
        lead = sorted(clauses[0]) if clauses and "" not in clauses[0] else []
        for w in lead:
            masks[w] = masks.get(w, 0) | 1 << i
        if not lead:
            always |= 1 << i
        need = 0
        for clause in clauses:
            if "" in clause:
                continue
            need |= 1 << (bit - items)
            for w in clause:
                masks[w] = masks.get(w, 0) | 1 << bit
            bit += 1
        needs.append(need)
    return ClauseIndex(index_words([[w] for w in sorted(masks)]), masks, items, tuple(needs), always)


def candidates(index: Index, text: str) -> list[int]:
    """Positions of the indexed expressions that may find a match in ``text``, in order: the others
    lack every string of a clause they need."""
    return sorted(index.found(text))


def first_characters(source: str) -> frozenset[str] | None:
    """The characters a match of ``source`` can start with, or None when not a few fixed ones (its
    first consuming item is a repeat, a wide class, a case-insensitive part); leading lookarounds
    consume nothing and are skipped.

    >>> sorted(first_characters("(?<![A-Z])[臺台]灣")), first_characters(r"\\s*x")
    (['台', '臺'], None)
    """
    try:
        tree = sre_parse.parse(source)
    except re.error:
        return None
    return _first_characters(tree)


def _first_characters(tree) -> frozenset[str] | None:
    """:func:`first_characters` of a parsed expression."""
    for op, av in tree:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        fixed = _fixed(op, av)
        if not fixed or "" in fixed:
            return None
        return frozenset(s[0] for s in fixed)
    return None


def dispatch(alternatives: list[str]) -> str | None:
    """An alternation of ``alternatives`` (expression sources) that matches as ``(?:a|b|…)`` does, the
    first that matches in order winning, but looks at the character at the position once, through a
    tree of class tests, and then tries only the alternatives that can start with it (the engine tries
    an alternation's branches one by one: 1,400 agency names cost 1,400 tests wherever one could
    start).  None when an alternative's first characters are unknown (:func:`first_characters`) or
    it holds a capturing group.

    >>> re.fullmatch(dispatch(["ab", "[ax]c", "a"]), "ac") is not None
    True
    """
    by_char: dict[str, list[int]] = {}
    for i, alt in enumerate(alternatives):
        try:
            tree = sre_parse.parse(alt)
        except re.error:
            return None
        chars = _first_characters(tree)
        if chars is None or tree.state.groups > 1:  # a capturing group would be copied under several characters
            return None
        for c in chars:
            by_char.setdefault(c, []).append(i)
    chars_of: dict[tuple[int, ...], list[str]] = {}  # characters with the same alternatives share a leaf (Ａ, A, a)
    for c in sorted(by_char):
        chars_of.setdefault(tuple(by_char[c]), []).append(c)
    leaves = [("".join(map(re.escape, cs)), "|".join(alternatives[i] for i in alts)) for alts, cs in chars_of.items()]
    return _tree(leaves) if leaves else None


def _tree(leaves: list[tuple[str, str]]) -> str:
    """Leaves (class of characters, their alternatives) as a tree of class tests, halves while more than a few."""
    if len(leaves) <= _FAN:
        return "(?:" + "|".join(f"(?=[{chars}])(?:{alts})" for chars, alts in leaves) + ")"
    half = len(leaves) // 2
    left = "".join(chars for chars, _ in leaves[:half])
    return f"(?:(?=[{left}]){_tree(leaves[:half])}|{_tree(leaves[half:])})"
