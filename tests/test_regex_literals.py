"""The words a regular expression needs (graph/regex_literals.py) and the engines built on them: the
context rules tried only where they can fire, advice markers looked for only where they occur, agency
names tried by first character.  Each must give what the plain loop gives, on the dev and held-out text."""

import re
from pathlib import Path

import pytest

from recgraph import mentions, recommendation_rules as rr
from recgraph.agencies import load_agencies
from recgraph.model import InputError
from recgraph.regex_literals import candidates, checked, dispatch, index_patterns, index_words, required
from recgraph.source import read_report
from recgraph.theme_roles import _MARK, _WINDOW, SUBJECT, OPINION, load_context_rules, mention_role
from recgraph.themes import find_themes, label_atoms, load_taxonomy, normalise

RULES = load_context_rules()
TESTS = Path(__file__).parent


def _sentences() -> list[str]:
    out = []
    for path in sorted(TESTS.glob("dev/*.txt")) + sorted(TESTS.glob("heldout/*.txt")):
        try:
            report = read_report(path)
        except InputError:
            continue
        for row in report.rows:
            out += [row.name] + [s.text for p in row.paragraphs for s in p.sentences]
    return out


SENTENCES = _sentences()


def _mentions():
    """(sentence, start, end, theme) of every theme mention in the dev and held-out sentences."""
    tax = load_taxonomy()
    return [(text, span.start, span.end, theme) for text in SENTENCES for theme, span in find_themes(text, tax)]


MENTIONS = _mentions()


def _plain_role(text, start, end, rules, theme, in_advice):
    """The rule loop as written before the index: every rule in file order, the first that fires decides."""
    masked = text[max(0, start - _WINDOW):start] + _MARK + text[end:end + _WINDOW]
    whole = text[:start] + _MARK + text[start:]
    for rule in rules:
        if (rule.themes and theme not in rule.themes) or (rule.inside and not in_advice):
            continue
        if rule.pattern.search(whole if rule.plan_wide else masked):
            return rule.role, rule.id
    return SUBJECT, OPINION


def test_the_words_a_pattern_needs():
    def words(p):
        return sorted(sorted(c) for c in required(re.compile(p)))
    assert words("(?:如|例如)[^，]{0,40}X等") == [["X等"], ["例如", "如"]]
    assert words("平[臺台](?:之)?資料") == [["平台", "平臺"], ["資料"]]  # an optional part needs nothing
    assert words("(?=[^。]*評估)研議") == [["研議"], ["評估"]]  # a lookahead's words are in the text too
    assert words("(?:甲乙|丙[^，]*丁)") == [["丁", "甲乙"]]  # each branch needs one of them
    assert words("(?i)ai") == []  # case-insensitive: read as needing nothing, so always searched
    assert words("(?i:ai)x") == [["x"]]


@pytest.mark.parametrize("source", ["(?<=宜|應)評估", "(?<=宜|應該)評估", "(?:(?<!a|bc))x", "(a)(?(1)x|(?<=ab|c))",
                                    "(?>(?<=a+))", "(評估", "a{2,1}", "[(?<=a|bc)]", "(?<=ab|cd){M}", "\\1(a)"])
def test_checked_refuses_what_the_compiler_refuses_with_its_message(source):
    try:
        expected = required(re.compile(source))
    except re.error as e:
        with pytest.raises(re.error) as found:
            checked(source)
        assert str(found.value) == str(e)
    else:
        assert checked(source) == expected


def test_a_context_rule_is_tried_wherever_it_fires():
    index = index_patterns([None if r.plan_wide else r.pattern for r in RULES])
    missed = []
    for text, start, end, _ in MENTIONS:
        masked = text[max(0, start - _WINDOW):start] + _MARK + text[end:end + _WINDOW]
        tried = set(candidates(index, masked))
        missed += [(r.id, masked) for i, r in enumerate(RULES) if i not in tried and r.pattern.search(masked)]
    assert not missed


@pytest.mark.parametrize("in_advice", [False, True])
def test_the_first_rule_in_file_order_still_decides(in_advice):
    for text, start, end, theme in MENTIONS:
        assert mention_role(text, start, end, RULES, theme, in_advice) == \
            _plain_role(text, start, end, RULES, theme, in_advice), text


def test_rules_the_reader_cannot_follow_are_always_tried(tmp_path):
    path = tmp_path / "rules.tsv"
    header = "id\trole\tpattern\tdescription\texample\tthemes\tscope\n"
    path.write_text(header + "cased\tpassing\t(?i)genai{M}\td\te\t\t\n"
                    "again\tpassing\t(..)\\1{M}\td\te\t\t\n", encoding="utf-8")
    rules = load_context_rules(path)
    assert mention_role("看GENAI資安", 6, 8, rules) == ("passing", "cased")
    assert mention_role("資料資料資安", 4, 6, rules) == ("passing", "again")
    assert mention_role("資料資訊資安", 4, 6, rules) == (SUBJECT, OPINION)


def test_words_that_start_others_are_found_too():
    index = index_words([{"建議"}, {"議"}, {"建"}, {"可評估"}, None])
    assert candidates(index, "建議") == [0, 1, 2, 4]
    assert candidates(index, "可評") == [4]


def _plain_markers(text, rules, shortfalls=True):
    """find_markers as written before the index: every term in order."""
    found, taken = [], set()
    terms = [(t, False) for t in rules.markers] + ([(t, True) for t in rules.shortfall_markers] if shortfalls else [])
    for term, shortfall in terms:
        rr.take_term(text, term, shortfall, rules, found, taken)
    if shortfalls:
        rr.take_shortfall_patterns(text, rules, found, taken)
    return sorted(found)


def test_advice_markers_as_the_plain_loop_finds_them():
    rules = rr.default_rules()
    for text in SENTENCES:
        for part in [text] + re.split("[，,；;：:]", text):
            for shortfalls in (True, False):
                assert rr.find_markers(part, rules, shortfalls) == _plain_markers(part, rules, shortfalls), part


def test_agency_names_dispatched_by_first_character_match_as_the_plain_alternation():
    table = load_agencies()
    pattern, _ = mentions._compile(table)
    names = [n for n in sorted(table.names(), key=lambda n: (-len(normalise(n)), n)) if normalise(n)]
    plain = re.compile("|".join("".join(label_atoms(n)) for n in names))
    for text in SENTENCES:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_dispatch_keeps_the_order_of_alternatives():
    assert re.match(dispatch(["ab", "[ax]", "abc"]), "abc").group() == "ab"
    assert re.match(dispatch(["x", "[ax]b", "a"]), "ab").group() == "ab"
    assert dispatch([r"\s*a", "b"]) is None  # a first character the reader cannot tell


def test_themes_found_as_without_the_indexes_of_pattern_labels_and_excluded_contexts():
    from dataclasses import replace
    tax = load_taxonomy()
    plain = replace(tax, matcher=replace(tax.matcher, indexes={}))
    for text in SENTENCES:
        assert find_themes(text, tax) == find_themes(text, plain), text


def test_inside_excluded_as_the_plain_loop():
    excluded = ("應用", "因應", "供應鏈", "相應", "應", "用")
    for text in ["因應供應鏈應用", "應", "相應用", "x因應"] + SENTENCES[:300]:
        for start in range(len(text)):
            for end in range(start, min(len(text), start + 3) + 1):
                assert rr.inside_excluded(text, start, end, excluded) == \
                    rr.any_word_covers(text, start, end, excluded), (text, start, end)


def test_an_index_searched_often_finds_the_same_items_once_compiled():
    index = index_words([{"建議"}, {"議"}, {"建"}, {"可評估"}, {"評估", "可行性"}, None])
    texts = ["建議", "可評", "可評估其可行性", "無", "議題建立"]
    before = [candidates(index, t) for t in texts]
    assert index.finder is None  # fewer texts than twice its words: looked for word by word
    for _ in range(4):
        assert [candidates(index, t) for t in texts] == before
    assert index.finder is not None
    assert before == [[0, 1, 2, 5], [5], [3, 4, 5], [5], [1, 2, 5]]


def test_a_clause_index_meets_the_items_each_clause_test_meets():
    """index_clauses: one look at a text for every clause's strings gives the items ContextRule.could_match
    gives, before and after its index compiles its finder; a clause holding "" is met, an empty one never."""
    from recgraph.regex_literals import index_clauses

    clause_lists = [r.clauses for r in RULES] + [(), (frozenset({""}),), (frozenset({"", "資料"}), frozenset({"應"})),
                                                  (frozenset(),), (frozenset({"資料"}), frozenset())]
    index = index_clauses(clause_lists)

    def plain(text):
        return [i for i, cs in enumerate(clause_lists) if all(any(w in text for w in c) for c in cs)]

    texts = [t[:20] + _MARK + t[22:] for t in SENTENCES[:3000]] + ["", "應", "資料"]
    for text in texts:
        assert index.met(text) == plain(text), text
    assert index.index.finder is None  # fewer texts than twice its words: looked for word by word
    index.index.searches = 10 ** 9  # as if it had served that many: it compiles its finder
    for text in texts:
        assert index.met(text) == plain(text), text
    assert index.index.finder is not None
    assert index.met("資料應", among=1 << len(RULES) + 2) == [len(RULES) + 2]


def test_the_clauses_kept_between_runs_are_those_read_and_a_bad_expression_is_never_kept(tmp_path, monkeypatch):
    """graph.clause_cache: a second process finds each expression's clauses in the file the first
    wrote, the same clauses as reading the expression gives; one that does not compile raises each time."""
    import json
    import os
    import subprocess
    import sys
    import tempfile

    from recgraph import clause_cache, regex_literals

    script = ("import json, sys; from recgraph import clause_cache, regex_literals as r; "
              "kept = clause_cache.lookup(sys.argv[1], 'M') is not None; "
              "c = r.checked(sys.argv[1], anywhere='M'); clause_cache.save(); "
              "print(json.dumps([kept, [sorted(w) for w in c]]))")
    source = "(?:如|例如)[^，]{0,40}M[^，]{0,30}等"
    read = [sorted(w) for w in regex_literals._checked(source, "M")]
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    runs = [json.loads(subprocess.run([sys.executable, "-c", script, source], capture_output=True, text=True,
                                      env=env, check=True).stdout) for _ in range(2)]
    assert runs == [[False, read], [True, read]]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert json.loads(clause_cache.cache_file().read_text(encoding="utf-8")) == [[source, "M", read]]
    for _ in range(2):
        with pytest.raises(re.error):
            checked("(?<=宜|應該)評估")
    assert ("(?<=宜|應該)評估", "") not in clause_cache._used
