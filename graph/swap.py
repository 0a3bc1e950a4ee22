"""Replace an output folder all at once: build beside it, then switch.

:func:`staging` makes ``.{name}.new-{pid}-XXXX`` next to ``out``; :func:`switch` exchanges it
with ``out`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``), so a reader or a kill at any
instant sees either the complete old folder or the complete new one, and files of the old build
absent from the new one do not linger.  Where the exchange is not available (other systems,
some file systems) the old folder is renamed aside and the new one renamed in: between the two
renames ``out`` is briefly absent, never half-written.  Folders left by killed runs (their
process is gone) are removed by the next run; nothing is ever written inside ``out`` itself.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from recgraph.model import InputError, Problem

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc if hasattr(libc, "renameat2") else None
    except OSError:
        return None


_LIBC = _libc()


def exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically; False when the system cannot (then nothing changed)."""
    if _LIBC is None:
        return False
    if _LIBC.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system or kernel cannot exchange
        return False
    raise OSError(err, os.strerror(err), str(b))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(out: Path) -> None:
    """Remove the staging, old and work folders of ``out`` whose process has ended."""
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(new|old|work)-(\d+)-")
    for sibling in out.parent.glob(f".{out.name}.*"):
        m = pattern.match(sibling.name)
        if m and int(m.group(2)) != os.getpid() and not _alive(int(m.group(2))):
            shutil.rmtree(sibling, ignore_errors=True)


def check_out(out: Path) -> None:
    """Refuse an ``--out`` that is a file or whose folder cannot be written, before any work."""
    problem = None
    if out.exists() and not out.is_dir():
        problem = "is a file, not a folder; choose a folder for the outputs"
    elif not out.parent.is_dir():
        problem = f"its parent folder {out.parent} does not exist; create it first"
    elif not os.access(out.parent, os.W_OK | os.X_OK):
        problem = f"cannot write into {out.parent}; choose a folder you can write to"
    if problem:
        raise InputError([Problem("--out", 0, f"{out}: {problem}")])


def sibling(out: Path, kind: str) -> Path:
    """A new empty folder next to ``out`` named for this process (``kind``: new, old or work)."""
    try:
        folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.{kind}-{os.getpid()}-", dir=out.parent))
    except OSError as e:
        raise InputError([Problem("--out", 0, f"{out}: cannot create a folder beside it ({e.strerror})")]) from None
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)  # mkdtemp's 0700 would become the published folder's mode
    return folder


def switch(new: Path, out: Path) -> None:
    """Make ``new`` the folder at ``out`` in one step and remove the old one."""
    if not out.exists():
        os.rename(new, out)
        return
    if exchange(new, out):
        shutil.rmtree(new)  # now the old build
        return
    old = sibling(out, "old")
    os.rename(out, old / out.name)
    os.rename(new, out)
    shutil.rmtree(old)


@contextmanager
def work_folder(out: str | Path) -> Iterator[Path]:
    """A sibling folder for a build's intermediate files, removed when the block ends."""
    out = Path(out).absolute()
    check_out(out)
    remove_stale(out)
    work = sibling(out, "work")
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def staging(out: str | Path, keep: bool = False) -> Iterator[Path]:
    """A sibling folder to fill; when the block ends normally it replaces ``out`` at once.

    ``keep``: start from hard links of ``out``'s files (for writers that add to a build).
    When the block raises, the staging folder is removed and ``out`` is untouched.
    """
    out = Path(out).absolute()
    check_out(out)
    remove_stale(out)
    new = sibling(out, "new")
    try:
        if keep and out.is_dir():
            shutil.copytree(out, new, copy_function=os.link, dirs_exist_ok=True)
        yield new
        switch(new, out)
    finally:
        shutil.rmtree(new, ignore_errors=True)
