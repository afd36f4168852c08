"""The workshop code gate in a real browser: nothing shown before the code, a wrong code refused, the
right one opens the app, and the code never reaches the URL. Then a room's walkthrough behind the codes
(a participant saves, the facilitator opens the board) leaves the server's log clean: Streamlit writes
its warnings, with their stack, there and nowhere else. A server of its own, started with codes."""

from __future__ import annotations

import re

import harness as H
import pytest
from conftest import LOGS, serve
from playwright.sync_api import expect

from ui import (
    access,  # noqa: F401 (registers the gate's strings)
    text_workshop,  # noqa: F401 (registers the library's strings)
)
from ui import text as T

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CODE, FACILITATOR = "teal-harbour-42", "lead-the-room"


@pytest.fixture(scope="module")
def room_url(tmp_path_factory):
    yield from serve(tmp_path_factory, {"ZMOT_WORKSHOP_CODE": CODE, "ZMOT_FACILITATOR_CODE": FACILITATOR})


def test_the_gate_opens_with_the_workshop_code_only(browser, room_url):
    context = browser.new_context(viewport=H.VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(room_url)
        box = H.widget(page, "access.code").locator("input")
        box.wait_for()
        assert box.get_attribute("type") == "password"
        assert page.locator(H.MARKER).count() == 0
        assert page.locator('[data-testid="stSidebar"] [data-testid="stNumberInput"]').count() == 0
        box.fill("not-the-code")
        box.press("Enter")
        page.get_by_text(T.t("en", "access.wrong", sec="1")).wait_for()
        assert page.locator(H.MARKER).count() == 0
        page.wait_for_timeout(1100)  # the first wrong code's delay, a second: the gesture, not a wait for the app
        box.fill(CODE)
        box.press("Enter")
        H.wait_marker(page)
        assert CODE not in page.url
        assert H.widget(page, "access.code").count() == 0
    finally:
        context.close()


def _enter(context, url: str, code: str):
    """A page of `context` past the gate with `code`, its first results drawn."""
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(url)
    box = H.widget(page, "access.code").locator("input")
    box.fill(code)
    box.press("Enter")
    H.wait_marker(page)
    return page


def _save(page, team: str, name: str, version: int) -> None:
    H.widget(page, "ws.team").locator("input").fill(team)
    H.widget(page, "ws.save.name").locator("input").fill(name)
    page.get_by_role("button", name=T.t("en", "ws.save_button")).click()
    expect(page.locator('[data-testid="stAlert"]').filter(
        has_text=f"Saved {name} for team {team} (version {version})")).to_be_visible()


def test_a_room_walkthrough_leaves_no_warning_in_the_servers_log(browser, room_url):
    """A participant enters the code, changes an input, pins, opens the library, saves the live scenario,
    then the pin, then the live one again under its name (a version), and turns the page French (the
    form's picker then names the live scenario in French); the facilitator enters its code and opens
    the board. A walkthrough once found, in the log only, Streamlit's warning (with a stack)
    about the save form's scenario picker, given a default and a value in the session state at once."""
    participant = browser.new_context(viewport=H.VIEWPORT)
    facilitator = browser.new_context(viewport=H.VIEWPORT)
    try:
        page = _enter(participant, room_url, CODE)
        H.open_section(page, T.t("en", "group.market"))
        old = H.marker(page)["results"]
        box = H.number_input(page, "market.arrivals_per_week")
        box.fill("37.5")
        box.press("Enter")
        H.wait_marker(page, old=old)
        H.widget(page, "pin.add").locator("button:visible").first.click()  # the pins come first in the form
        H.wait_idle(page)

        page.get_by_role("tab", name=T.t("en", "tab.library"), exact=True).click()
        H.wait_view(page, "library")
        _save(page, "red", "Plan A", 1)  # the live scenario: the form's default
        H.widget(page, "ws.save.which").locator('[data-testid="stSelectbox"]').click()
        options = page.get_by_role("option")
        expect(options.last).to_have_attribute("aria-selected", "true")  # the live scenario, last
        n = options.count()
        assert n >= 2, n  # the pins (the baseline's, this one), then the live scenario
        options.nth(n - 2).click()  # the pin just added
        _save(page, "red", "Pinned plan", 1)
        H.widget(page, "ws.save.which").locator('[data-testid="stSelectbox"]').click()
        page.get_by_role("option").last.click()
        _save(page, "red", "Plan A", 2)
        H.wait_idle(page)
        H.widget(page, "lang").get_by_role("radio", name=T.LANG_NAMES["fr"]).click()  # the picker's label follows
        H.wait_view(page, "library", "fr")
        which = H.widget(page, "ws.save.which").locator("input")
        expect(which).to_have_value(re.compile(re.escape(T.t("fr", "live_label", name="").strip()) + "$"))

        board = _enter(facilitator, room_url, FACILITATOR)
        board.get_by_role("tab", name=T.t("en", "tab.board"), exact=True).click()
        H.wait_view(board, "board")
        table = board.locator("table.zmot-board")
        expect(table).to_contain_text("red · Plan A", timeout=120_000)
        expect(table).to_contain_text("red · Pinned plan")
        H.wait_drawn(board)
        H.wait_idle(board)
    finally:
        participant.close()
        facilitator.close()
    problems = H.log_problems(LOGS[room_url])
    assert not problems, "the server logged:\n" + H.log_text(LOGS[room_url])
