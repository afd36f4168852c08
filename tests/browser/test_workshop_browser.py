"""The workshop in headless Chromium at a projector's 1920x1080: two teams save, the facilitator opens the
board (which follows a third team's save by itself), downloads the take-away report, which Chromium then
renders on its own, and steps through the story.

The server's library is a temporary file (`conftest.app_url`). Screenshots land in `screenshots/`
(git-ignored): `20_board_1920.png`, `21_story_1920.png`, `22_report_1920.png`, `23_board_shift_1920.png`.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import harness as H
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from ui import text as T
from ui.views import HEADLINE

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PROJECTOR = {"width": 1920, "height": 1080}


def save(page, team: str, name: str) -> None:
    H.widget(page, "ws.team").locator("input").fill(team)
    H.widget(page, "ws.save.name").locator("input").fill(name)
    page.get_by_role("button", name=T.t("en", "ws.save_button")).click()
    expect(page.locator('[data-testid="stAlert"]').filter(has_text=f"Saved {name} for team {team}")).to_be_visible(
        timeout=90_000)


def download(page, key: str, tries: int = 4):
    """Click a download button (the visible one: a tab's stale copy may linger hidden) until the file
    comes: a rerun that refines the figures may redraw the button under the click."""
    for attempt in range(tries):
        try:
            with page.expect_download(timeout=30_000) as info:
                H.widget(page, key).locator("button:visible").first.click()
            return info.value
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def test_teams_save_the_board_compares_and_the_report_downloads(page, app_url, screenshots, tmp_path: Path):
    page.set_viewport_size(PROJECTOR)
    red, blue = f"red-{uuid.uuid4().hex[:4]}", f"blue-{uuid.uuid4().hex[:4]}"
    page.goto(f"{app_url}/?view=library")
    H.wait_view(page, "library")
    save(page, red, "Plan A")
    save(page, blue, "Plan B")
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()

    page.get_by_role("tab", name=T.t("en", "tab.board"), exact=True).click()
    H.wait_view(page, "board")
    table = page.locator("table.zmot-board")
    expect(table).to_contain_text(f"{red} · Plan A", timeout=120_000)
    expect(table).to_contain_text(f"{blue} · Plan B")
    H.wait_drawn(page)
    rows = table.locator("tbody tr")
    assert rows.count() >= 3  # the 2011 baseline and the two teams
    assert table.locator("thead th").count() == len(HEADLINE) + 1
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "20_board_1920.png"))

    green = f"green-{uuid.uuid4().hex[:4]}"  # another team saves on its own laptop: the board follows
    other = page.context.browser.new_context(viewport=PROJECTOR).new_page()
    other.goto(f"{app_url}/?view=library")
    H.wait_view(other, "library")
    save(other, green, "Plan C")
    other.context.close()
    expect(table).to_contain_text(f"{green} · Plan C", timeout=90_000)  # no click: the board refreshed itself
    H.wait_drawn(page)
    H.wait_idle(page)  # the run that drew the table goes on to the report's button: the old one until then

    report = Path(download(page, "dl.report.board").path()).read_text(encoding="utf-8")
    missing = [team for team in (red, blue, green) if f"{team} · Plan" not in report]
    assert not missing and report.count("<svg") == 2, (missing, report.count("<svg"))
    out = tmp_path / "report.html"
    out.write_text(report, encoding="utf-8")
    view = page.context.new_page()
    view.set_viewport_size(PROJECTOR)
    view.goto(out.as_uri())
    expect(view.locator("h1")).to_have_text(T.t("en", "ws.report_board_title"))
    assert view.locator("svg").count() == 2
    wide = view.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
    assert not wide, "the report is wider than the screen"
    view.screenshot(path=str(screenshots / "22_report_1920.png"), full_page=True)
    view.close()

    page.get_by_text(T.t("en", "ws.shift_toggle"), exact=True).click()  # the budget shift, on demand
    shift_title = T.t("en", "ws.shift_chart", kpi=T.kpi_label("en", "wins"))
    chart = page.locator('[data-testid="stVegaLiteChart"]').filter(has_text=shift_title)
    expect(chart).to_be_visible(timeout=240_000)
    H.wait_drawn(page)
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "23_board_shift_1920.png"))

    page.get_by_role("button", name=T.t("en", "ws.story_start")).click()
    panel = page.locator(".st-key-story-panel")
    expect(panel).to_contain_text(T.t("en", "ws.story_step", i=1, n=5), timeout=60_000)
    H.wait_view(page, "headline")
    page.get_by_role("button", name=T.t("en", "ws.story_next")).click()
    expect(panel).to_contain_text(T.t("en", "ws.story_step", i=2, n=5), timeout=60_000)
    H.wait_view(page, "funnel")
    H.wait_drawn(page)
    assert "story=workshop" in page.url and "step=2" in page.url
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "21_story_1920.png"))
