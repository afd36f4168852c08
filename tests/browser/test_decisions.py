"""The decision views in headless Chromium: the budget shift's curve, first coarse then refined, and the
why-waterfall under the headline. No wall-clock time is asserted; screenshots land in `screenshots/`."""

from __future__ import annotations

import harness as H
import pytest

from ui import text as T
from ui import text_decisions  # noqa: F401  (its strings)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_budget_shift_refines_and_why_waterfall_opens(page, app_url, screenshots):
    page.goto(app_url + "/?view=shift&r=6")  # 6 replications per point: a coarse curve first, then refined
    H.wait_view(page, "shift")
    page.wait_for_selector("#zmot-shift-final", state="attached", timeout=240_000)
    H.wait_marker(page, view="shift")  # the refined page (data-final)
    H.wait_drawn(page)
    main = page.locator('[data-testid="stMain"]')
    assert H.visible_charts(page) == 3
    assert main.get_by_text("6 replications per point").count() == 1
    assert main.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(screenshots / "20_shift_en.png"), full_page=True)

    page.get_by_role("tab", name=T.t("en", "tab.headline"), exact=True).click()
    H.wait_view(page, "headline")
    page.locator(".st-key-why-on label").click()
    page.get_by_text("From “The 2011 baseline” to").first.wait_for(timeout=240_000)
    H.wait_drawn(page, min_charts=2)  # the differences and the waterfall, which follows its intro
    assert main.get_by_text("Wins: from “The 2011 baseline” to “The seed's advice (live)”").count() == 1
    assert main.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(screenshots / "21_why_en.png"), full_page=True)


def test_what_matters_draws_its_tornado_on_the_button(page, app_url, screenshots):
    page.goto(app_url + "/?view=matters&r=3")  # 3 replications: the shipped ranges, a quick tornado
    H.wait_marker(page, view="matters")  # the refined page: no run's leftovers on screen
    main = page.locator('[data-testid="stMain"]')
    assert H.visible_charts(page) == 0  # costly: nothing runs before the button
    H.widget(page, "matters.run").locator("button:visible").first.click()
    main.get_by_text("coarse grid").first.wait_for(timeout=240_000)
    H.wait_drawn(page, min_charts=1)  # the tornado
    assert main.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(screenshots / "22_matters_en.png"), full_page=True)
