"""End to end in headless Chromium: the workshop's gestures on a real server, checked on the screen.

Every action is followed by a wait for the app's results marker (`#zmot-results-ready`, see
`harness`) to show new results, never by a sleep or a wait for Streamlit's idle state. Labels come from
`ui.text`, so the tests follow the wording. Screenshots of each main view land in `screenshots/`
(git-ignored) for a person to look at. No wall-clock time is asserted here: `bench/ui_latency.py`
measures latency.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import harness as H
import pandas as pd
import pytest
from playwright.sync_api import expect

from sim.presets import load_preset, scenario_from_toml, to_toml
from ui import text as T
from ui.defaults import FIRST_LIVE, FIRST_PINS
from ui.views import HEADLINE, STAGES, VIEWS
from ui.views.headline import metric_label

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FIRST_PIN, FIRST_LIVE = FIRST_PINS[0], FIRST_LIVE  # the first screen
PIN_LABEL = T.preset_name("en", FIRST_PIN)  # shown by its title while it keeps its preset's name
CHART_VIEWS = ("headline", "funnel", "reps", "journey", "calibration")  # "about" is text and a table


# --- Helpers -----------------------------------------------------------------------------------------


def open_app(page, url: str, query: str = "") -> dict[str, str]:
    page.goto(url + (f"/?{query}" if query else ""))
    m = H.wait_marker(page)
    H.wait_drawn(page)
    return m


def metrics(page) -> list[list[tuple[str, str, str]]]:
    """The headline metrics, one list per scenario row: (label, value, delta)."""
    cards = page.locator('[data-testid="stMain"] [data-testid="stMetric"]')
    out = []
    for i in range(cards.count()):
        card = cards.nth(i)
        delta = card.locator('[data-testid="stMetricDelta"]')
        out.append((card.locator('[data-testid="stMetricLabel"]').inner_text().strip(),
                    card.locator('[data-testid="stMetricValue"]').inner_text().strip(),
                    delta.inner_text().strip() if delta.count() else ""))
    n = len(HEADLINE)
    assert out and len(out) % n == 0, out
    return [out[i:i + n] for i in range(0, len(out), n)]


def values(rows: list[list[tuple[str, str, str]]]) -> list[list[str]]:
    return [[v for _, v, _ in row] for row in rows]


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def click_tab(page, lang: str, view: str) -> dict[str, str]:
    page.get_by_role("tab", name=T.t(lang, f"tab.{view}"), exact=True).click()
    m = H.wait_view(page, view, lang)
    H.wait_drawn(page)
    return m


def wait_charts(page) -> int:
    """Wait until every Vega-Lite chart on screen is drawn; returns how many there are."""
    H.wait_drawn(page)
    return H.visible_charts(page)


def shot(page, path: Path) -> None:
    """The whole main area at once: the viewport is grown to the page's height for the screenshot."""
    height = page.evaluate(
        """() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]',
                               '[data-testid="stSidebarContent"]']
             .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight),
             document.documentElement.scrollHeight)""")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 8000)})
    try:
        page.wait_for_timeout(400)  # charts that fill their column redraw at the new size
        wait_charts(page)
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)


def sidebar_alerts(page) -> str:
    return "\n".join(page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').all_inner_texts())


# --- First screen --------------------------------------------------------------------------------------


def test_first_screen_compares_the_2011_baseline_with_the_seed_advice(page, app_url, screenshots):
    m = open_app(page, app_url)
    assert m["view"] == "headline" and m["lang"] == "en"
    rows = metrics(page)
    assert len(rows) == 2
    labels = [[lbl for lbl, _, _ in row] for row in rows]
    assert labels[0] == [metric_label("en", k, 52) for k in HEADLINE] == labels[1]
    for row in values(rows):
        assert all(v and v != T.NA["en"] for v in row), row
    assert values(rows)[0] != values(rows)[1]
    assert all(d == T.t("en", "baseline_delta") for _, _, d in rows[0])  # the first pin is the baseline
    assert all(d and d != T.t("en", "baseline_delta") for _, _, d in rows[1])
    text = main_text(page)
    assert PIN_LABEL in text and T.t("en", "live_label", name=T.preset_name("en", FIRST_LIVE)) in text
    assert T.t("en", "summary_title") in text
    assert m["lastWins"] == values(rows)[1][0]  # the marker describes the figures on screen
    shot(page, screenshots / "01_headline_en.png")


# --- Inputs ------------------------------------------------------------------------------------------


def test_moving_inputs_changes_the_figures(page, app_url):
    m0 = open_app(page, app_url)
    before = values(metrics(page))
    split = H.split_slider(page)
    reps_before = split.get_attribute("aria-valuetext")
    split.focus()
    page.keyboard.press("ArrowLeft")  # one rep fewer, its cost moved to marketing
    m1 = H.wait_marker(page, m0["results"])
    after = values(metrics(page))
    assert split.get_attribute("aria-valuetext") != reps_before
    assert after[0] == before[0]  # the pinned baseline did not move
    assert after[1] != before[1]
    assert m1["lastWins"] == after[1][0]

    H.open_section(page, T.t("en", "group.market"))
    arrivals = H.number_input(page, "market.arrivals_per_week")
    old = float(arrivals.input_value())
    arrivals.fill(f"{old * 1.5:g}")
    arrivals.press("Enter")
    m2 = H.wait_marker(page, m1["results"])
    bigger = values(metrics(page))
    assert bigger[0] == before[0]
    assert bigger[1][0] != after[1][0]  # wins moved with 50% more buyers
    assert m2["lastWins"] == bigger[1][0]
    expect(page).to_have_url(re.compile(r"market\.arrivals_per_week="))  # the link follows the inputs


# --- Pins, names and the baseline ------------------------------------------------------------------


def test_pin_two_rename_pick_baseline_compare(page, app_url, screenshots):
    m = open_app(page, app_url)
    pin = H.widget(page, "pin.add").get_by_role("button")
    pin.click()  # pin 2: the live scenario
    m = H.wait_marker(page, m["results"])
    split = H.split_slider(page)
    split.focus()
    page.keyboard.press("ArrowRight")  # the live scenario: one rep more
    m = H.wait_marker(page, m["results"])
    pin.click()  # pin 3: the live scenario with one rep more
    m = H.wait_marker(page, m["results"])
    assert len(metrics(page)) == 4  # three pins and the live scenario

    # rename pin 3 (ids p1, p2, p3 in pinning order)
    H.widget(page, "pin.p3.edit").get_by_role("button").first.click()
    name = H.widget(page, "pin.p3.name").locator("input")
    name.fill("Nurture plus one rep")
    name.press("Enter")
    radio = H.widget(page, "baseline")
    expect(radio).to_contain_text("Nurture plus one rep")
    page.keyboard.press("Escape")

    radio.get_by_text("Nurture plus one rep", exact=True).click()  # the baseline
    m = H.wait_marker(page, m["results"])
    rows = metrics(page)
    base = T.t("en", "baseline_delta")
    assert all(d == base for _, _, d in rows[2])  # the renamed pin is now the baseline
    for i in (0, 1, 3):
        assert all(d and d != base for _, _, d in rows[i]), rows[i]
    assert any(re.search(r"\d", d) for _, _, d in rows[0])  # differences shown as numbers
    text = main_text(page)
    assert "Against “Nurture plus one rep”, “The 2011 baseline”" in text  # the plain-words summary
    expect(page).to_have_url(re.compile(r"p3\.name=Nurture.*base=3|base=3.*p3\.name=Nurture"))
    shot(page, screenshots / "02_pins_baseline_en.png")

    # renaming the baseline, then moving an input, keeps the baseline where it was
    H.widget(page, "pin.p3.edit").get_by_role("button").first.click()
    name.fill("Plus one rep")
    name.press("Enter")
    expect(radio).to_contain_text("Plus one rep")
    page.keyboard.press("Escape")
    split.focus()
    page.keyboard.press("ArrowLeft")
    H.wait_marker(page, m["results"])
    rows = metrics(page)
    assert all(d == base for _, _, d in rows[2])
    assert "Against “Plus one rep”, “The 2011 baseline”" in main_text(page)


# --- Language ----------------------------------------------------------------------------------------


def test_switch_to_french(page, app_url, screenshots):
    m = open_app(page, app_url)
    H.widget(page, "lang").get_by_role("radio", name=T.LANG_NAMES["fr"]).click()
    H.wait_view(page, "headline", "fr")
    text = main_text(page)
    for key in ("summary_title", "tab.headline", "tab.funnel", "tab.about", "baseline_label"):
        assert T.t("fr", key) in text, key
    assert T.t("fr", "live_label", name=T.preset_name("fr", FIRST_LIVE)) in text
    assert FIRST_LIVE not in text  # no id on a French page: presets and scenarios go by their titles
    assert [lbl for lbl, _, _ in metrics(page)[0]] == [metric_label("fr", k, 52) for k in HEADLINE]
    assert T.t("fr", "split_label") in page.locator('[data-testid="stSidebar"]').inner_text()
    assert H.marker(page)["results"] == m["results"]  # same figures, other words
    expect(page).to_have_url(re.compile(r"lang=fr"))
    policy = H.widget(page, "in.policy").locator("input")
    assert policy.input_value() == T.policy_label("fr", load_preset(FIRST_LIVE).policy.value)
    shot(page, screenshots / "03_headline_fr.png")
    click_tab(page, "fr", "funnel")  # a rerun in French keeps every input (no label of the old language)
    assert H.marker(page)["results"] == m["results"]
    assert not sidebar_alerts(page)
    assert policy.input_value() == T.policy_label("fr", load_preset(FIRST_LIVE).policy.value)
    assert wait_charts(page) >= 3
    shot(page, screenshots / "04_funnel_fr.png")


# --- Files ---------------------------------------------------------------------------------------------


def test_download_a_chart_csv_and_the_scenario_toml(page, app_url):
    m = open_app(page, app_url)
    split = H.split_slider(page)
    split.focus()
    page.keyboard.press("ArrowLeft")
    H.wait_marker(page, m["results"])
    reps_shown = split.get_attribute("aria-valuetext")
    click_tab(page, "en", "funnel")

    with page.expect_download() as info:
        H.widget(page, "dl.funnel-stages.csv").get_by_role("button").click()
    dl = info.value
    assert dl.suggested_filename == "zmot_funnel-stages.csv"
    raw = Path(dl.path()).read_bytes()
    assert raw.startswith(b"# ZMOT Lab ") and b"seed 42" in raw.splitlines()[0]  # the caption
    df = pd.read_csv(io.BytesIO(raw), comment="#")
    assert {"scenario", "stage", "kpi", "mean", "ci_low", "ci_high"} <= set(df.columns)
    assert len(df) == 2 * len(STAGES)
    live = load_preset(FIRST_LIVE)
    live_name = f"{T.policy_label('en', live.policy.value)} · {live.reps - 1:g} reps"  # named by split
    assert sorted(df["scenario"].unique()) == sorted([PIN_LABEL, T.t("en", "live_label", name=live_name)])
    assert set(df["kpi"]) == set(STAGES)
    assert (df["ci_low"] <= df["mean"]).all() and (df["mean"] <= df["ci_high"]).all()
    live_wins = df[(df["kpi"] == "wins") & (df["scenario"] != PIN_LABEL)]["mean"].iloc[0]
    assert f"{live_wins:.0f}" == H.marker(page)["lastWins"].replace(",", "")

    with page.expect_download() as info:
        H.widget(page, "dl.toml").get_by_role("button").click()
    s = scenario_from_toml(Path(info.value.path()).read_text(encoding="utf-8"), "download.toml")
    preset = load_preset(FIRST_LIVE)
    assert s.reps == preset.reps - 1 and f"{s.reps:g} reps" in reps_shown  # the live scenario, split moved
    assert s.market == preset.market and s.policy == preset.policy


def test_bad_upload_names_the_field_and_changes_nothing(page, app_url, screenshots):
    m = open_app(page, app_url)
    before = values(metrics(page))
    split = H.split_slider(page).get_attribute("aria-valuetext")
    bad = to_toml(load_preset(FIRST_LIVE)).replace("arrivals_per_week = 40.0", "arrivals_per_week = -5.0")
    assert "arrivals_per_week = -5.0" in bad
    H.widget(page, "upload").locator('input[type="file"]').set_input_files(
        files=[{"name": "bad.toml", "mimeType": "application/toml", "buffer": bad.encode()}])
    alert = page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').filter(has_text="bad.toml")
    expect(alert).to_be_visible()
    message = alert.inner_text()
    assert "market.arrivals_per_week" in message
    assert T.t("en", "upload_error", file="bad.toml", error="").strip() in message
    assert H.marker(page)["results"] == m["results"]
    assert values(metrics(page)) == before
    assert H.split_slider(page).get_attribute("aria-valuetext") == split
    alert.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "05_upload_error_en.png"))

    good = to_toml(load_preset(FIRST_LIVE)).replace("arrivals_per_week = 40.0", "arrivals_per_week = 50.0")
    H.widget(page, "upload").locator('input[type="file"]').set_input_files(
        files=[{"name": "good.toml", "mimeType": "application/toml", "buffer": good.encode()}])
    m2 = H.wait_marker(page, m["results"])
    assert values(metrics(page))[1] != before[1]
    assert "good.toml" in sidebar_alerts(page)
    assert m2["lastWins"] == values(metrics(page))[1][0]


# --- Every tab ---------------------------------------------------------------------------------------


def test_every_tab_draws(page, app_url, screenshots):
    open_app(page, app_url)
    for i, view in enumerate(VIEWS):
        m = click_tab(page, "en", view) if view != "headline" else H.wait_view(page, "headline")
        assert m["results"] != "none"
        panel = page.get_by_role("tabpanel")
        expect(panel).to_be_visible()
        assert page.locator('[data-testid="stException"]').count() == 0
        broken = T.t("en", "error_generic", error="|").split("(")[0]
        assert broken not in main_text(page), view
        n = wait_charts(page)
        if view in CHART_VIEWS:
            assert n >= 1, view
        if view == "about":
            assert page.locator('[data-testid="stMain"] [data-testid="stExpander"]').count() >= 1
        shot(page, screenshots / f"1{i}_tab_{view}_en.png")
