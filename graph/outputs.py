"""Write a set of output files all-or-nothing: stage them, then move each into place.

A failing build never leaves half-written files: nothing is replaced until every file has been
rendered, and each file is swapped in with an atomic rename.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def write_all(out_dir: str | Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``{relative path: content}`` under ``out_dir``; return the written paths, sorted."""
    with staged(out_dir) as staging:
        for rel, data in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return [Path(out_dir) / rel for rel in sorted(files)]


@contextmanager
def staged(out_dir: str | Path) -> Iterator[Path]:
    """A staging folder inside ``out_dir`` for writers that write files themselves.

    When the block ends normally every staged file is moved into place (atomic renames); when it
    raises, the staging folder is removed and ``out_dir`` is left as it was.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        yield staging
        for path in sorted(p for p in staging.rglob("*") if p.is_file()):
            final = out / path.relative_to(staging)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
