"""The clauses of the rule tables' expressions (graph.regex_literals.checked) kept between runs, as
Python keeps a module's bytecode and graph.jinja_cache the templates' compiled code.

Reading the ~930 expressions of the theme and context tables with the standard library's parser
took ~0.1 s of every process that loads the rules (two fifths of loading them, a twentieth of a
seed build, before its first document is read); read back from the file it takes a few ms.  The
file is JSON (nothing is run from it), in a folder only this user may write, and named by the code
that reads the expressions and the Python that parses them, so a change to either starts a new
file.  An expression that does not compile is never kept: its error is raised every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

_known: dict[tuple[str, str], tuple] | None = None  # read from the file once per process
_used: dict[tuple[str, str], tuple] = {}  # looked up or added in this process: what is saved
_added = False

CODE = (Path(__file__).with_name("regex_literals.py"), Path(__file__))
"""The code whose reading of the expressions the file holds: a change to it starts a new file."""


def cache_file() -> Path | None:
    """The file for this code and Python in the user's own folder of the temporary folder; None
    where no such folder can be made, or it is not the user's alone."""
    code = b"".join(p.read_bytes() for p in CODE) + sys.version.encode()
    uid = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / f"recgraph-cache-{uid if uid is not None else 'user'}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = folder.stat()
    except OSError:
        return None
    if uid is not None and (st.st_uid != uid or st.st_mode & 0o022):
        return None  # another user's folder, or one others may write to: not read
    return folder / f"clauses-{hashlib.sha256(code).hexdigest()[:16]}.json"


def _load() -> dict[tuple[str, str], tuple]:
    global _known
    if _known is None:
        _known = {}
        path = cache_file()
        try:
            rows = json.loads(path.read_text(encoding="utf-8")) if path is not None else []
            _known = {(source, anywhere): tuple(frozenset(words) for words in clauses)
                      for source, anywhere, clauses in rows}
        except (OSError, ValueError, TypeError):  # none yet, or unreadable: read again and rewritten
            pass
    return _known


def lookup(source: str, anywhere: str) -> tuple | None:
    """The clauses of ``source`` read with ``anywhere`` kept by an earlier run, None if none were."""
    found = _load().get((source, anywhere))
    if found is not None:
        _used[source, anywhere] = found
    return found


def remember(source: str, anywhere: str, clauses: tuple) -> None:
    """Keep the clauses of ``source`` read with ``anywhere`` (:func:`save` writes them)."""
    global _added
    _load()[source, anywhere] = _used[source, anywhere] = clauses
    _added = True


def save() -> None:
    """Write the clauses this process used, if it read any expression itself (the file then holds
    those of the tables as they are now, not every version of them); written whole, then renamed."""
    global _added
    path = cache_file() if _added else None
    if path is None:
        return
    rows = [[source, anywhere, [sorted(words) for words in clauses]] for (source, anywhere), clauses in _used.items()]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:  # not worth failing a build for
        tmp.unlink(missing_ok=True)
        return
    _added = False
