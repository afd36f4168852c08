"""A team's save outlives the server: start a server, save a changed scenario from the app, stop the server,
start another on the same library file, and load the entry back into the controls in a new session;
neither server logs a warning or a traceback. Two servers of their own (the shared one never restarts)."""

from __future__ import annotations

from pathlib import Path

import harness as H
import pytest
from playwright.sync_api import expect

from ui import text as T
from ui import text_workshop  # noqa: F401 (registers the workshop's strings)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ARRIVALS = "37.5"  # buying groups per week, not the default: it must come back from the library
TEAM, NAME = "red", "Kept plan"


def _library_page(browser, url: str):
    context = browser.new_context(viewport=H.VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{url}/?view=library")
    H.wait_view(page, "library")
    return context, page


def _arrivals(page):
    H.open_section(page, T.t("en", "group.market"))
    return H.number_input(page, "market.arrivals_per_week")


def test_a_save_outlives_a_server_restart(browser, tmp_path: Path):
    env = {"ZMOT_LIBRARY": str(tmp_path / "library.sqlite3")}
    with H.Server(log=tmp_path / "before.log", env=env) as server:
        context, page = _library_page(browser, server.url)
        try:
            old = H.marker(page)["results"]
            box = _arrivals(page)
            box.fill(ARRIVALS)
            box.press("Enter")
            H.wait_marker(page, old=old)
            H.widget(page, "ws.team").locator("input").fill(TEAM)
            H.widget(page, "ws.save.name").locator("input").fill(NAME)
            page.get_by_role("button", name=T.t("en", "ws.save_button")).click()
            expect(page.locator('[data-testid="stAlert"]').filter(
                has_text=f"Saved {NAME} for team {TEAM}")).to_be_visible()
        finally:
            context.close()

    with H.Server(log=tmp_path / "after.log", env=env) as server:
        context, page = _library_page(browser, server.url)
        try:
            assert _arrivals(page).input_value() != ARRIVALS  # a new session starts on the defaults
            H.widget(page, "ws.load").locator("button:visible").first.click()
            expect(page.locator('[data-testid="stAlert"]').filter(
                has_text=f"Loaded {NAME} (team {TEAM}, v1)")).to_be_visible()
            expect(_arrivals(page)).to_have_value(ARRIVALS)
        finally:
            context.close()
    for log in ("before.log", "after.log"):
        assert not H.log_problems(tmp_path / log), H.log_text(tmp_path / log)
