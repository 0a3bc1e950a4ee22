"""The Jinja templates' compiled code kept between builds, as Python keeps a module's bytecode.

Compiling the dozen templates of the site and the views took ~0.04 s of every build; loaded from
Jinja's file cache (one folder per user in the temporary folder) it takes ~2 ms.  A template whose
source changed is compiled again (the cache checks the source's checksum); the pages are the same.
"""

from __future__ import annotations

from functools import cache

import jinja2


@cache
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's file cache of compiled templates; None (templates compiled each time) when it cannot be made."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no usable temporary folder: not worth failing a build for
        return None
