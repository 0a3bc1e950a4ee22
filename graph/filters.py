"""One filter vocabulary for every command and the site: what a user may type for a theme, an
agency, a kind or a status, resolved to the ids the graph uses.

A theme is its id (``ai``), the prefixed form (``theme:ai``), its IRI or any of its labels
(``人工智慧``, ``Artificial intelligence``), and includes its narrower themes unless ``exact``; an
agency is its code, its zh-Hant or English name or a short form (``數產署``); a kind likewise; a
status is a token or label of an acceptance or implementation status, or a GAO / IG term.  An
unknown value raises InputError naming the option and the closest valid values.

>>> sorted(resolve_theme("theme:ai"))
['agentic-ai', 'ai', 'ai-compute', 'generative-ai']
>>> resolve_theme("人工智慧", exact=True)
frozenset({'ai'})
>>> resolve_agency("數產署")
'moda-adi'
"""

from __future__ import annotations

import difflib
from functools import cache

from recgraph.agencies import DEFAULT_AGENCIES, load_agencies
from recgraph.model import InputError, Problem
from recgraph.namespace import KIND, THEME
from recgraph.status_vocab import load_vocabulary
from recgraph.themes import load_taxonomy
from recgraph.vocab import label_key, load_scheme, ontology_path


def _unknown(option: str, value: str, what: str, valid: list[str]) -> InputError:
    close = difflib.get_close_matches(value, valid, n=5, cutoff=0.3) or valid[:8]
    return InputError([Problem(option, 0, f"{value!r} is not a known {what}; closest: {', '.join(close)}")])


def _local(value: str, namespace: str, prefix: str) -> str:
    for start in (str(namespace), prefix + ":"):
        if value.startswith(start):
            return value[len(start):]
    return value


@cache
def _theme_names() -> dict[str, str]:
    """Every way of writing a theme (id, labels), by label key -> theme id."""
    t = load_taxonomy()
    names = {}
    for concept in t.concepts:
        for name in (concept, *t.pref_labels.get(concept, {}).values(), *t.labels.get(concept, ())):
            names.setdefault(label_key(name), concept)
    return names


def narrower(theme: str) -> frozenset[str]:
    """``theme`` and every theme under it (skos:broader*), as ids."""
    t = load_taxonomy()
    return frozenset(c for c in t.concepts if c == theme or theme in t.ancestry.get(c, ()))


def resolve_theme(value: str, exact: bool = False, option: str = "--theme") -> frozenset[str]:
    """The theme ids ``value`` selects: the theme, and its narrower themes unless ``exact``."""
    theme = _theme_names().get(label_key(_local(value, THEME, "theme")))
    if theme is None:
        raise _unknown(option, value, "theme", sorted(load_taxonomy().concepts))
    return frozenset({theme}) if exact else narrower(theme)


def resolve_agency(value: str, option: str = "--agency", agencies=DEFAULT_AGENCIES) -> str:
    """The agency code ``value`` names (code, zh-Hant or English name, short form)."""
    table = load_agencies(agencies)
    found = table.by_code(value) or table.resolve(value) or next(
        (a for a in table.agencies if a.name_en and label_key(a.name_en) == label_key(value)), None)
    if found is None:
        valid = sorted({a.code for a in table.agencies} | set(table.names()))
        raise _unknown(option, value, "agency", valid)
    return found.code


def resolve_kind(value: str, option: str = "--kind") -> str:
    """The recommendation-kind id ``value`` names (id, ``kind:`` form, zh-Hant or English label)."""
    scheme = load_scheme(ontology_path("recommendation-kinds.ttl"))
    local = _local(value, KIND, "kind")
    iri = scheme.lookup(local) or (str(KIND[local]) if str(KIND[local]) in scheme.pref_labels else None)
    if iri is None:
        raise _unknown(option, value, "recommendation kind", sorted(_local(c, KIND, "") for c in scheme.pref_labels))
    return _local(iri, KIND, "")


def query_parameters(given: dict[str, str], declared: set[str]) -> dict[str, str]:
    """``-p`` values of a library query's ``agency``, ``theme`` and ``kind`` parameters, resolved as
    every other command resolves them: a name or short form becomes the code or IRI the query takes,
    and an unknown one is refused with the closest names rather than matching nothing.

    >>> query_parameters({"agency": "數產署", "theme": "人工智慧"}, {"agency", "theme"})
    {'agency': 'moda-adi', 'theme': '<https://w3id.org/recgraph/theme/ai>'}
    """
    out = dict(given)
    for name, value in given.items():
        if name not in declared or value.startswith("<"):
            continue
        if name == "agency":
            out[name] = resolve_agency(value, "-p agency")
        elif name == "theme":
            (theme,) = resolve_theme(value, exact=True, option="-p theme")
            out[name] = f"<{THEME[theme]}>"
        elif name == "kind":
            out[name] = f"<{KIND[resolve_kind(value, '-p kind')]}>"
    return out


def resolve_status(value: str, option: str = "--status") -> str:
    """``value`` as the label key graph.tracking.filter_status compares, once known to name a status."""
    v = load_vocabulary()
    names = {label_key(n) for c, token in v.notation.items() for n in (token, *v.labels.get(c, {}).values())}
    names |= set(v.schemes["acceptance"]) | set(v.schemes["implementation"])
    if label_key(value) not in names:
        raise _unknown(option, value, "status", sorted(set(v.notation.values())))
    return value
