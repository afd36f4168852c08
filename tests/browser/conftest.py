"""A real Streamlit server and a real headless Chromium (Debian's), shared by the browser tests.

Chromium cannot be downloaded by Playwright here, so the tests drive /usr/bin/chromium (see
`harness`). A missing browser is a failure, not a skip: `scripts/test.sh` installs it. The server and
the browser are started once per xdist worker; every test gets a fresh browser context, and so a fresh
Streamlit session.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import harness as H
import pytest

SCREENSHOTS = H.ROOT / "screenshots"  # git-ignored
LOGS: dict[str, Path] = {}  # a test server's URL -> its log file (`H.log_problems` reads it)


def serve(tmp_path_factory, env: dict[str, str] | None = None) -> Iterator[str]:
    """A test server's URL until the fixture ends: its own log and its own library (never the user's)."""
    folder = tmp_path_factory.mktemp("streamlit")
    try:
        server = H.Server(log=folder / "server.log",
                          env={"ZMOT_LIBRARY": str(folder / "library.sqlite3"), **(env or {})}).start()
    except RuntimeError as e:
        pytest.fail(str(e))
    LOGS[server.url] = server.log
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    yield from serve(tmp_path_factory)


@pytest.fixture(scope="session")
def browser():
    if H.chromium_path() is None:
        pytest.fail(f"Chromium not found at {H.CHROMIUM}: install Debian's 'chromium' (scripts/test.sh does)")
    with H.chromium() as b:
        yield b


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport=H.VIEWPORT, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
