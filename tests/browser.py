"""Drive the system's headless Chromium with Playwright, offline, for the page tests.

Never downloads a browser: it uses Debian's ``/usr/bin/chromium`` (or ``$RECGRAPH_CHROMIUM``).
When that is missing the tests are skipped with the reason, except under CI (``CI=true``),
where a missing browser is a failure.  Every request other than the page's own ``file://`` URL
is aborted and recorded, so a test can assert the page asked the network for nothing.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("RECGRAPH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> str:
    """The Chromium executable, or skip (fail under CI) with the reason it is unusable."""
    found = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which(CHROMIUM)
    reason = None
    if not found:
        reason = f"no Chromium at {CHROMIUM} (install Debian's chromium; set RECGRAPH_CHROMIUM to override)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright Python package is not installed (pip install -e '.[test]')"
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@contextmanager
def chromium():
    """A headless Chromium browser for the duration of the block."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """An opened page and everything it tried to do that a test may want to forbid."""

    page: object
    url: str
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Every blocked request, console error or warning, uncaught exception and dialog, as text."""
        return ([f"request: {u}" for u in self.blocked] + [f"console: {m}" for m in self.console_errors]
                + [f"exception: {m}" for m in self.page_errors] + [f"dialog: {m}" for m in self.dialogs])


def visit(browser, path: Path, query: str = "", site: Path | None = None,
          viewport: tuple[int, int] = (1280, 900), accept_downloads: bool = False) -> Visit:
    """Open ``path`` (with ``query``, e.g. ``?agency=x``) from ``file://`` in a fresh context with
    every outside request blocked; files under the folder ``site`` may load (a site's scripts)."""
    url = Path(path).resolve().as_uri() + query
    allowed = Path(site).resolve().as_uri() + "/" if site else None
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                  accept_downloads=accept_downloads)
    page = context.new_page()
    seen = Visit(page=page, url=url)

    def route(r):
        if r.request.url == url or (allowed and r.request.url.startswith(allowed)):
            r.continue_()
        else:
            seen.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    # a warning too: a library ignoring an option it does not know says so only as a warning
    page.on("console", lambda m: seen.console_errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: seen.page_errors.append(str(e)))

    def dialog(d):
        seen.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(url, wait_until="load")
    return seen
