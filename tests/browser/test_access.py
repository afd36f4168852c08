"""The workshop code gate in a real browser: nothing shown before the code, a wrong code refused, the
right one opens the app, and the code never reaches the URL. A server of its own, started with codes."""

from __future__ import annotations

import harness as H
import pytest
from conftest import serve

from ui import access  # noqa: F401 (registers the gate's strings)
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
