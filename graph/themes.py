"""Technology themes: load the SKOS taxonomy (``ontology/themes.ttl``) and tag text with it.

The taxonomy is data.  Every ``skos:prefLabel``, ``skos:altLabel`` and ``skos:hiddenLabel`` of a
concept is a label the tagger looks for, and every ``rg:excludedContext`` is a longer string in
which a label of that concept does *not* mean the concept (永續經營 is not net zero).  Adding a
label to the Turtle changes the tagging with no code change.

Matching rules, applied to one text (a plan name or one sentence):

* Latin labels match at word boundaries: ``AI`` does not fire inside ``AIR`` or ``RAIN``, ``5G``
  not inside ``B5G``; a hyphen or a CJK character is a boundary (``AI-for-RAN``, ``5G基地臺``).
* Labels written in capitals and digits only (acronyms: ``AI``, ``RAN``, ``LEO``) match
  case-sensitively, because their lower-case forms are ordinary English words (ran, rag, leo);
  other Latin labels (``IoT``, ``GenAI``, ``zero trust``) match case-insensitively.
* Spaces in text are optional wherever a label has a space or switches between CJK and Latin
  script (``生成式AI`` matches ``生成式 AI``); 臺 and 台 are interchangeable, and so are ASCII
  and full-width forms (``ＡＩ``).
* A match inside one of its concept's excluded contexts is dropped for that concept.
* A match that straddles two words of a listed common pair (育種 inside 教育|種子: 金融教育種子教師) is
  dropped for every concept (:mod:`recgraph.word_breaks`, ``data/theme-word-breaks.tsv``).
* ``rg:labelPattern``: a regular expression whose match is a mention of its concept, for a cue whose
  words stand apart (整合各金融機構…通報資料: records of many bodies brought together is data exchange);
  it is matched as written (no 臺/台 or width folding) and takes part in longest-match-first like a label.
* Longest match first: a match is dropped for a concept when it overlaps a longer (or equally long,
  earlier) accepted match of the same concept or of a broader or narrower one, so ``AI算力`` is one
  ai-compute mention, not also an ai one.  Overlapping matches of unrelated concepts are all kept
  (``衛星上鏈`` is broadcasting, and its ``衛星`` is a satellite-network mention).

>>> tax = load_taxonomy()
>>> [(t, s.exact) for t, s in find_themes("導入AI算力與AI-for-RAN，AIR不算", tax)]
[('ai-compute', 'AI算力'), ('ai', 'AI'), ('mobile-networks', 'RAN')]
>>> ancestors("agentic-ai", tax)
('ai',)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, SKOS, Graph, URIRef

from recgraph.hierarchy import broader_closure
from recgraph.model import PlanRow, Span, ThemeMention, evidence_span
from recgraph.namespace import RG, THEME, VOCAB
from recgraph.regex_literals import ClauseIndex, Lazy, index_clauses, trie_of
from recgraph.vocab import ontology_path, read_turtle
from recgraph.word_breaks import DEFAULT_WORD_BREAKS, NO_BREAKS, WordBreaks, crosses_break, load_word_breaks

DEFAULT_TAXONOMY = ontology_path("themes.ttl")
"""``ontology/themes.ttl`` in a checkout, ``graph/ontology/themes.ttl`` in a wheel."""

SCHEME = URIRef(VOCAB + "theme")

_LATIN = "A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_NOT_BEFORE = f"(?<![{_LATIN}])"
_NOT_AFTER = f"(?![{_LATIN}])"
_SPACE = r"\s*"
_VARIANTS = {"臺": "台", "台": "臺"}
"""Interchangeable characters: written either way in Taiwanese government text."""
_FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F))}
"""ASCII -> its full-width form (ＡＩ, ５Ｇ), common in documents converted from Big5."""
_TO_ASCII = str.maketrans({v: k for k, v in _FULL_WIDTH.items()} | {"台": "臺"})
FOLD = _TO_ASCII
"""``str.translate`` table: full-width ASCII to ASCII, 台 to 臺 (as labels are matched)."""


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def normalise(text: str) -> str:
    """The lookup key of a label or a matched string: no spaces, 臺 for 台, ASCII lower case.

    >>> normalise("生成式 AI 台／ＩｏＴ")
    '生成式ai臺/iot'
    """
    return re.sub(r"\s+", "", text).translate(_TO_ASCII).lower()


@lru_cache(maxsize=4096)
def _key(matched: str) -> str:
    return normalise(matched)


def label_atoms(label: str) -> list[str]:
    """The regular-expression pieces matching ``label`` as the module docstring describes.

    >>> "".join(label_atoms("AI 代理"))
    '(?<![A-Za-z0-9０-９Ａ-Ｚａ-ｚ])[AＡ][IＩ]\\\\s*代理'
    """
    label = " ".join(label.split())
    insensitive = any(c.isascii() and c.islower() for c in label)
    atoms: list[str] = []
    if label and _is_latin(label[0]):
        atoms.append(_NOT_BEFORE)
    prev = ""
    for ch in label:
        if ch == " " or _script_switch(prev, ch):
            atoms.append(_SPACE)
        if ch != " ":
            atoms.append(_char_atom(ch, insensitive))
        prev = ch
    if label and _is_latin(label[-1]):
        atoms.append(_NOT_AFTER)
    return atoms


def _script_switch(prev: str, ch: str) -> bool:
    """Whether a label switches between CJK and Latin script from ``prev`` to ``ch`` (a space may
    stand there in the text)."""
    return bool(prev) and ((_is_cjk(prev) and _is_latin(ch)) or (_is_latin(prev) and _is_cjk(ch)))


@lru_cache(maxsize=None)
def _char_atom(ch: str, insensitive: bool) -> str:
    """The pattern for one label character: its 臺/台 variant, case forms (``insensitive``) and
    full-width forms.

    >>> _char_atom("臺", False), _char_atom("o", True), _char_atom("代", False)
    ('[台臺]', '[OoＯｏ]', '代')
    """
    forms = {ch, _VARIANTS.get(ch, ch)}
    if insensitive and ch.isascii() and ch.isalpha():
        forms |= {ch.upper(), ch.lower()}
    forms |= {_FULL_WIDTH[f] for f in list(forms) if f in _FULL_WIDTH}
    return re.escape(ch) if len(forms) == 1 else "[" + "".join(re.escape(f) for f in sorted(forms)) + "]"


def _trie_pattern(sequences: list[list[str]]) -> str:
    """One regular expression for many atom sequences, shared prefixes merged (a regex trie).

    Longer continuations are tried before stopping, so the match at a position is the longest.
    """
    trie = trie_of(sequences)
    zero_width = (_NOT_BEFORE, _NOT_AFTER, _SPACE)

    longest: dict[int, int] = {}  # id of a node -> characters of the longest label below it, each node once

    def reach(atom: str, child: dict) -> int:
        """Characters the longest label through this branch still needs."""
        if id(child) not in longest:
            longest[id(child)] = max((reach(a, c) for a, c in child.items() if a), default=0)
        return (atom not in zero_width) + longest[id(child)]

    def emit(node: dict) -> str:
        children = sorted(((a, c) for a, c in node.items() if a),
                          key=lambda ac: (-reach(*ac), ac[0]))
        branches = [atom + emit(child) for atom, child in children]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(trie)


@dataclass(frozen=True)
class Matcher:
    """The compiled form of a taxonomy's labels (built by :func:`compile_matcher`)."""

    pattern: re.Pattern
    """Zero-width lookahead finding the longest label starting at each position."""
    concepts: dict[str, tuple[str, ...]]
    """Normalised label -> concepts it names."""
    terms: dict[str, str]
    """Normalised label -> the label as written in the taxonomy (shortest, then first)."""
    singles: dict[str, re.Pattern]
    """Normalised label -> a pattern for that label alone (for labels that prefix others)."""
    prefixes: dict[str, tuple[str, ...]]
    """Normalised label -> shorter labels that are its prefixes, longest first."""
    excluded: dict[str, tuple[tuple[Lazy, int], ...]]
    """Concept -> (pattern, search window) of each of its excluded contexts."""
    patterns: tuple[tuple[str, Lazy], ...] = ()
    """(key, ``rg:labelPattern``) of each pattern label; the key (the pattern's source) is in
    ``concepts`` and ``terms`` like a label's.  These and the excluded contexts are compiled on first
    use (:class:`recgraph.regex_literals.Lazy`): a text is searched only with those its words allow."""
    breaks: WordBreaks = NO_BREAKS
    """Common word pairs no match may straddle (:mod:`recgraph.word_breaks`)."""
    indexes: dict[str, ClauseIndex] = field(default_factory=dict, compare=False)
    """The pattern labels (key ``""``) and each concept's excluded contexts indexed by the strings their
    matches need (:func:`recgraph.regex_literals.index_clauses`): a text is searched only with those
    whose every clause it meets."""


@dataclass(frozen=True)
class Taxonomy:
    """A theme concept scheme: concepts, labels, hierarchy and the compiled matcher."""

    concepts: tuple[str, ...]
    pref_labels: dict[str, dict[str, str]]
    """Concept -> language tag -> preferred label."""
    labels: dict[str, tuple[str, ...]]
    """Concept -> every label matched (preferred, alternative, hidden), sorted."""
    broader: dict[str, tuple[str, ...]]
    excluded_contexts: dict[str, tuple[str, ...]]
    matcher: Matcher = field(repr=False, compare=False)
    ancestry: dict[str, tuple[str, ...]] = field(repr=False, compare=False, default_factory=dict)
    """Concept -> all broader concepts, transitively, nearest first."""
    weak: dict[str, frozenset[str]] = field(default_factory=dict)
    """Concept -> its ``rg:weakLabel`` labels, normalised: too general to make a subject alone."""

    def label(self, concept: str, lang: str = "en") -> str:
        """The preferred label of ``concept`` in ``lang`` (falls back to the id)."""
        return self.pref_labels.get(concept, {}).get(lang, concept)


def compile_matcher(labels: dict[str, tuple[str, ...]],
                    excluded: dict[str, tuple[str, ...]],
                    patterns: dict[str, tuple[str, ...]] | None = None,
                    breaks: WordBreaks = NO_BREAKS) -> Matcher:
    """Compile concept labels, excluded contexts, pattern labels and word breaks into one :class:`Matcher`."""
    concepts: dict[str, set[str]] = defaultdict(set)
    terms: dict[str, str] = {}
    atoms: dict[str, set[str]] = defaultdict(set)
    sequences: set[tuple[str, ...]] = set()
    for concept, names in sorted(labels.items()):
        for name in names:
            key = normalise(name)
            if not key:
                continue
            concepts[key].add(concept)
            pieces = tuple(label_atoms(name))
            sequences.add(pieces)
            atoms[key].add("".join(pieces))
            if key not in terms or (len(name), name) < (len(terms[key]), terms[key]):
                terms[key] = name
    keys = sorted(concepts)
    pattern = _label_pattern(sequences)
    # every shorter label that starts ``k``, longest first: looked up by length, not by comparing
    # every pair of labels (626 labels: 390,000 comparisons, a third of loading the taxonomy)
    prefixes = {k: tuple(k[:n] for n in range(len(k) - 1, 0, -1) if k[:n] in concepts) for k in keys}
    prefixes = {k: v for k, v in prefixes.items() if v}
    needed = {p for v in prefixes.values() for p in v}
    singles = {k: re.compile("|".join(sorted(atoms[k]))) for k in sorted(needed)}
    excl = {c: tuple((Lazy("".join(label_atoms(x))), 2 * len(x) + 2) for x in sorted(xs))
            for c, xs in sorted(excluded.items()) if xs}
    compiled = _compile_patterns(patterns or {}, concepts, terms)
    return Matcher(pattern, {k: tuple(sorted(v)) for k, v in concepts.items()}, terms, singles,
                   prefixes, excl, compiled, breaks, _indexes(compiled, excl))


def _indexes(patterns: tuple[tuple[str, Lazy], ...],
             excluded: dict[str, tuple[tuple[Lazy, int], ...]]) -> dict[str, ClauseIndex]:
    """:attr:`Matcher.indexes`: 22 pattern labels and up to 54 excluded contexts of a concept were each
    searched in every text; most need a word the text does not hold."""
    out = {c: index_clauses([p.clauses for p, _ in xs]) for c, xs in excluded.items()}
    out[""] = index_clauses([p.clauses for _, p in patterns])
    return out


def prepare(taxonomy: Taxonomy) -> None:
    """Compile the pattern labels and excluded contexts now rather than on first use: before workers
    are forked (graph.pipeline), which then share them."""
    m = taxonomy.matcher
    for lazy in [p for _, p in m.patterns] + [p for xs in m.excluded.values() for p, _ in xs]:
        lazy.compiled


def _label_pattern(sequences: set[tuple[str, ...]]) -> re.Pattern:
    """The zero-width pattern whose group 1 is the longest label at a position (:class:`Matcher`).

    A lookahead for the labels' first characters (one class) rules out most positions before the
    engine tries the ~300 branches of the trie's root one by one: the scan takes a third of the time."""
    firsts = sorted({next(a for a in q if not a.startswith("(?")) for q in sequences})  # past a lookbehind
    return re.compile(f"(?={'|'.join(firsts)})(?=(" + _trie_pattern([list(q) for q in sorted(sequences)]) + "))")


def _compile_patterns(patterns: dict[str, tuple[str, ...]], concepts: dict[str, set[str]],
                      terms: dict[str, str]) -> tuple[tuple[str, Lazy], ...]:
    """(key, pattern) of each ``rg:labelPattern``, checked now and compiled on first use; its source is
    its key in ``concepts`` and ``terms`` (filled in here), as a label's normalised form is."""
    compiled = []
    for concept, sources in sorted(patterns.items()):
        for source in sorted(sources):
            concepts[source].add(concept)
            terms[source] = source
            compiled.append((source, Lazy(source)))
    return tuple(compiled)


def load_taxonomy(path: str | Path = DEFAULT_TAXONOMY,
                  word_breaks: str | Path | None = DEFAULT_WORD_BREAKS) -> Taxonomy:
    """Read a SKOS theme scheme from Turtle: concepts in ``<https://w3id.org/recgraph/theme>``;
    ``word_breaks``: the word-pair table (:mod:`recgraph.word_breaks`), None for none."""
    g = read_turtle(path)
    ids: dict[URIRef, str] = {}
    for c in g.subjects(RDF.type, SKOS.Concept):
        if (c, SKOS.inScheme, SCHEME) in g and str(c).startswith(str(THEME)):
            ids[c] = str(c)[len(str(THEME)):]
    pref: dict[str, dict[str, str]] = {}
    labels: dict[str, tuple[str, ...]] = {}
    broader: dict[str, tuple[str, ...]] = {}
    excluded: dict[str, tuple[str, ...]] = {}
    weak: dict[str, frozenset[str]] = {}
    for c, cid in sorted(ids.items(), key=lambda kv: kv[1]):
        pref[cid] = {lit.language or "": str(lit) for lit in g.objects(c, SKOS.prefLabel)}
        names = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, RG.weakLabel)
                 for o in g.objects(c, p)}
        weak[cid] = frozenset(normalise(str(o)) for o in g.objects(c, RG.weakLabel))
        labels[cid] = tuple(sorted(names))
        up = {ids[b] for b in g.objects(c, SKOS.broader) if b in ids}
        up |= {ids[s] for s in g.subjects(SKOS.narrower, c) if s in ids}
        broader[cid] = tuple(sorted(up))
        excluded[cid] = tuple(sorted(str(o) for o in g.objects(c, RG.excludedContext)))
    return Taxonomy(tuple(sorted(pref)), pref, labels, broader, excluded,
                    compile_matcher(labels, excluded, _label_patterns(g, ids),
                                    load_word_breaks(word_breaks) if word_breaks else NO_BREAKS),
                    {c: broader_closure(c, broader) for c in sorted(pref)}, {c: w for c, w in weak.items() if w})


def _label_patterns(g: Graph, ids: dict[URIRef, str]) -> dict[str, tuple[str, ...]]:
    """Concept -> its ``rg:labelPattern`` regular expressions, for the concepts that have any."""
    return {cid: tuple(sorted(str(o) for o in g.objects(c, RG.labelPattern))) for c, cid in ids.items()
            if (c, RG.labelPattern, None) in g}


def ancestors(theme_id: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Every broader concept of ``theme_id``, transitively, nearest first then by id."""
    if theme_id in taxonomy.ancestry:
        return taxonomy.ancestry[theme_id]
    return broader_closure(theme_id, taxonomy.broader)


def with_broader(ids, taxonomy: Taxonomy) -> list[str]:
    """``ids`` plus all their ancestors, sorted: the themes a plan is *under*.

    >>> with_broader(["5g", "generative-ai"], load_taxonomy())
    ['5g', 'ai', 'generative-ai', 'mobile-networks']
    """
    out = set(ids)
    for i in ids:
        out.update(ancestors(i, taxonomy))
    return sorted(out)


def _excluded(concept: str, start: int, end: int, text: str, matcher: Matcher,
              possible: list[int] | None = None) -> bool:
    """Whether text[start:end] lies inside one of ``concept``'s excluded contexts; ``possible``: those
    that can match in ``text`` (by position), if known."""
    contexts = matcher.excluded.get(concept, ())
    for ctx, width in contexts if possible is None else (contexts[i] for i in possible):
        found = ctx.finditer if possible is None else ctx.compiled.finditer  # those possible meet its clauses
        for m in found(text, max(0, start - width), min(len(text), end + width)):
            if m.start() <= start and end <= m.end():
                return True
    return False


def _candidates(text: str, m: Matcher) -> list[tuple[int, int, str]]:
    """(start, end, normalised label) of every label and pattern match, longest first, word breaks
    respected (a match straddling a listed word pair is none)."""
    candidates: list[tuple[int, int, str]] = []
    for hit in m.pattern.finditer(text):
        start = hit.start()
        end = hit.end(1)
        key = _key(hit.group(1))
        if key not in m.concepts:
            continue
        candidates.append((start, end, key))
        for p in m.prefixes.get(key, ()):
            sub = m.singles[p].match(text, start)
            if sub and sub.end() < end:
                candidates.append((start, sub.end(), p))
    index = m.indexes.get("")
    for i in index.met(text) if index is not None else range(len(m.patterns)):
        key, pat = m.patterns[i]
        found = pat.finditer if index is None else pat.compiled.finditer  # one met meets each of its clauses
        candidates.extend((hit.start(), hit.end(), key) for hit in found(text) if hit.end() > hit.start())
    candidates = [c for c in candidates if not crosses_break(text, c[0], c[1], m.breaks)]
    if len(candidates) > 1:
        candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    return candidates


def _matches(text: str, taxonomy: Taxonomy) -> list[tuple[int, int, str, str]]:
    """(start, end, normalised label, concept) of every accepted match, in text order."""
    m = taxonomy.matcher
    ancestry = taxonomy.ancestry
    accepted: list[tuple[int, int, str, str]] = []
    possible: dict[str, list[int]] = {}  # concept -> its excluded contexts that can match in text
    for start, end, key in _candidates(text, m):
        for concept in m.concepts[key]:
            if concept in m.excluded and concept in m.indexes and concept not in possible:
                possible[concept] = m.indexes[concept].met(text)
            if concept in m.excluded and _excluded(concept, start, end, text, m, possible.get(concept)):
                continue
            up = ancestry.get(concept, ())
            if any(s < end and start < e and (c == concept or c in up or
                                              concept in ancestry.get(c, ()))
                   for s, e, _, c in accepted):
                continue
            accepted.append((start, end, key, concept))
    accepted.sort(key=lambda a: (a[0], -a[1], a[3]))
    return accepted


def find_themes(text: str, taxonomy: Taxonomy) -> list[tuple[str, Span]]:
    """Every theme mentioned in ``text``: (theme id, span), in text order.

    >>> tax = load_taxonomy()
    >>> [(t, s.exact) for t, s in find_themes("強化5G/B5G與數位學生應用，永續經營", tax)]
    [('5g', '5G'), ('b5g-6g', 'B5G'), ('digital-twin', '數位學生')]
    """
    return [(concept, evidence_span(text, s, e)) for s, e, _, concept in _matches(text, taxonomy)]


def tag_row(row: PlanRow, taxonomy: Taxonomy) -> list[ThemeMention]:
    """Theme mentions in a plan's name (paragraph and sentence None) and opinion sentences."""
    terms = taxonomy.matcher.terms
    segments = [(None, None, row.name)] + [(p.index, s.index, s.text) for p in row.paragraphs
                                            for s in p.sentences]
    return [ThemeMention(concept, para, sent, evidence_span(text, s, e), terms[key])
            for para, sent, text in segments for s, e, key, concept in _matches(text, taxonomy)]


def theme_ids(text: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The distinct themes mentioned in ``text``, sorted (e.g. a recommendation's themes).

    >>> theme_ids("建議導入生成式 AI 與 AI Agent，並強化資安", load_taxonomy())
    ('agentic-ai', 'cybersecurity', 'generative-ai')
    """
    return tuple(sorted({concept for _, _, _, concept in _matches(text, taxonomy)}))
