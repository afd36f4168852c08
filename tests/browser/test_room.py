"""The workshop room (issue 8): fast hands, figures shown as typed, French throughout, a projector's width.

Waits are for the app's results marker, never for a fixed time; the burst's 200 ms gaps are the gesture
itself, and no test asserts how long anything took.
"""

from __future__ import annotations

import harness as H
import pytest
from playwright.sync_api import expect

from sim.presets import load_preset, to_toml
from ui import fields as fl
from ui import text as T
from ui.calib_text import FIGURES_FR
from ui.views import VIEWS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SIZES = {"1280": {"width": 1280, "height": 800}, "1920": {"width": 1920, "height": 1080}}

_OVERFLOW_JS = """() => {
  const out = [];
  const roots = document.querySelectorAll('[data-testid="stMainBlockContainer"], [data-testid="stSidebarContent"]');
  for (const root of roots) {  // the content box: a table running into the page's padding is too wide
    if (root.getBoundingClientRect().right <= 0 || root.closest('[data-collapsed="true"]')) continue;
    const edge = root.getBoundingClientRect().right - parseFloat(getComputedStyle(root).paddingRight) + 1;
    for (const el of root.querySelectorAll('*')) {
      if (el.closest('[data-testid="stDataFrame"], [data-testid="stVegaLiteChart"] .vega-bindings, '
                     + '[data-testid="stTooltipContent"], [role="tooltip"], [data-baseweb="popover"]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.offsetParent === null) continue;
      const style = getComputedStyle(el);
      const text = (el.innerText || el.textContent || '').trim().slice(0, 60);
      const where = (el.closest('[class*="st-key-"]') || {className: ''}).className.toString()
                      .split(' ').filter(c => c.startsWith('st-key-')).join(' ');
      if (r.right > edge && !el.closest('[style*="overflow"]'))
        out.push('beyond: ' + el.tagName + ' ' + text + ' ' + where);
      if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && text)
        out.push('cut: ' + text);
    }
  }
  return [...new Set(out)].slice(0, 20);
}"""


def open_app(page, url: str, query: str = "") -> dict[str, str]:
    page.goto(url + (f"/?{query}" if query else ""))
    m = H.wait_marker(page)
    H.wait_drawn(page)
    return m


def test_a_key_press_burst_ends_where_the_hands_left_the_slider(page, app_url):
    m = open_app(page, app_url)
    split = H.split_slider(page)
    start = split.get_attribute("aria-valuetext")
    seen: list[str] = []
    page.expose_function("zmotSeen", lambda v: seen.append(v))
    page.evaluate("""() => { const el = document.querySelector('#zmot-results-ready');
        new MutationObserver(() => { const e = document.querySelector('#zmot-results-ready');
                                     if (e) window.zmotSeen(e.dataset.results); })
          .observe(document.querySelector('[data-testid="stMain"]'), {subtree: true, attributes: true,
                                                                       childList: true}); }""")
    split.focus()
    shown = []
    for key in ["ArrowLeft"] * 8 + ["ArrowRight"] * 2:
        page.keyboard.press(key)
        shown.append(split.get_attribute("aria-valuetext"))
        page.wait_for_timeout(200)  # the gesture's own rhythm, not a wait for the app
    target = shown[-1]
    assert target == shown[5] != start  # six notches left: where the hands left it
    H.wait_marker(page, m["results"])
    H.wait_idle(page, timeout=120, quiet=1.0)  # the burst's last run drawn, whatever the machine's load
    # whatever finishes later (overtaken runs, the neighbours' precomputation) must not move the slider
    assert split.get_attribute("aria-valuetext") == target, "the slider was moved back by an old run"
    settled = H.wait_marker(page)["results"]
    page.wait_for_timeout(1500)
    assert H.marker(page)["results"] == settled, "the figures changed after the hands had stopped"
    # The settled figures are those of where the hands left the slider: a fresh page on the same link
    # shows the same results (the same scenarios, seed and replications give the same cache key).
    fresh = page.context.new_page()
    fresh.goto(page.url)
    assert H.wait_marker(fresh)["results"] == settled
    fresh.close()
    drawn = [r for r in dict.fromkeys(seen) if r not in ("none", m["results"])]
    # The settled state and at most two before it (ten moves flashed 6 to 8 states before the fix; on a
    # loaded machine, with the suite's other browser tests running, one extra state can get through).
    assert len(drawn) <= 3, f"intermediate states drawn: {drawn}"


def test_a_typed_decimal_shows_as_typed(page, app_url):
    m = open_app(page, app_url)
    H.open_section(page, T.t("en", "group.market"))
    box = H.number_input(page, "market.arrivals_per_week")
    box.fill("33.75")
    box.press("Enter")
    H.wait_marker(page, m["results"])
    assert box.input_value() == "33.75"



def test_a_percent_slider_reads_in_french_and_moves_one_notch(page, app_url):
    m = open_app(page, app_url, "lang=fr")
    H.open_section(page, T.t("fr", "group.research"))
    box = H.widget(page, "in.research.rep_aversion_mean")
    handle = box.locator("input[type=range]")
    assert handle.get_attribute("aria-valuetext") == "40\u202f%"  # the preset's 0.4
    handle.focus()
    page.keyboard.press("ArrowRight")  # half a point: "40,5 %", not sprintf's "40.5%"
    after = H.wait_marker(page, m["results"])
    assert handle.get_attribute("aria-valuetext") == "40,5\u202f%"
    assert box.locator('[data-testid="stSliderThumbValue"]').inner_text() == "40,5\u202f%"
    assert after["results"] != m["results"]
    H.widget(page, "lang").get_by_role("radio", name=T.LANG_NAMES["en"]).click()  # new labels, same value
    H.wait_marker(page, lang="en", final=False)
    H.wait_idle(page)
    assert handle.get_attribute("aria-valuetext") == "40.5%"
    assert H.marker(page)["results"] == after["results"]

_STATUS_LINES_JS = """(prefixes) => {
  window.__statusMax = 0;
  const count = () => Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stCaptionContainer"]'))
      .filter(e => e.offsetParent !== null && prefixes.some(p => (e.innerText || '').startsWith(p))).length;
  new MutationObserver(() => { window.__statusMax = Math.max(window.__statusMax, count()); })
      .observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def test_one_status_line_while_a_run_computes_and_refines(page, app_url):
    m = open_app(page, app_url)
    prefixes = ["✓ ", "⏳ ", T.t("en", "status_running", n=1, r=30).split("1")[0]]
    page.evaluate(_STATUS_LINES_JS, prefixes)
    H.open_section(page, T.t("en", "group.market"))
    box = H.number_input(page, "market.arrivals_per_week")
    box.fill("41.7")
    box.press("Enter")
    H.wait_marker(page, m["results"])  # refined (data-final)
    assert page.evaluate("() => window.__statusMax") == 1  # the run's progress replaced the last status line


def _english_left(text: str) -> list[str]:
    en, fr = T.TEXT["en"], T.TEXT["fr"]
    phrases = [v for k, v in en.items() if "{" not in v and len(v) >= 14 and v != fr.get(k)]
    phrases += list(FIGURES_FR) + [T.kpi_label("en", k) for k in ("rep_utilization", "queue_length_mean")]
    phrases += ["must not exceed", "Input should be", "this run would simulate", "files are not allowed",
                " reps ", "per year", "model KPI", "Not-yet-ready", "nurtured", "(secondary)"]
    phrases += [fl.preset(name).description for name in fl.presets()]  # the sidebar's preset caption
    return [p for p in phrases if p in text]


_DRAWN_TEXT_OF_JS = """(e) => { const after = getComputedStyle(e, '::after').content;
  return getComputedStyle(e).fontSize === '0px' && after !== 'none' ? JSON.parse(after) : e.innerText; }"""
_DRAWN_TEXT_JS = f"""(sel) => {{ const e = document.querySelector(sel); if (!e) return null;
  return ({_DRAWN_TEXT_OF_JS})(e); }}"""


def test_streamlits_own_texts_are_drawn_in_french(page, app_url):
    """The uploader's button and size line, "Press Enter to apply" and the range error: Streamlit has no
    parameter for them; on a French page they are drawn in French over Streamlit's English."""
    from ui import widget_text  # noqa: F401  (registers the texts)

    open_app(page, app_url, "lang=fr")
    drawn = lambda sel: page.evaluate(_DRAWN_TEXT_JS, sel)  # noqa: E731
    assert drawn('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p') == "Charger"
    assert drawn('[data-testid="stFileUploaderDropzoneInstructions"] span') == "1 Mo par fichier"
    H.open_section(page, T.t("fr", "group.market"))
    box = H.number_input(page, "market.arrivals_per_week")
    box.fill("99999")  # beyond the field's bound: Streamlit's own range error
    page.wait_for_timeout(300)
    assert drawn('[data-testid="stNumberInput"] [data-testid="InputInstructions"] > span') == "Entrée pour valider"
    box.press("Enter")
    # The range error names its field and its bounds, as Streamlit's English does ("… between 0 and 1000."),
    # not only "out of the range": with two inputs in error, each its own.
    error = '[data-testid="stTooltipErrorContent"] p'
    H.widget(page, "in.market.arrivals_per_week").locator('[data-testid="stTooltipErrorHoverTarget"]').hover()
    page.locator(error).wait_for()
    arrivals = ("Erreur\u202f: «\u202fGroupes d'achat entrant sur le marché (par semaine)\u202f» est hors de la "
                "plage permise. Saisissez une valeur entre 0 et 1\u202f000.")
    assert drawn(error) == arrivals
    H.open_section(page, T.t("fr", "group.experiment"))
    reps = H.widget(page, "in.replications").locator("input")
    reps.fill("999")
    reps.press("Enter")
    H.widget(page, "in.replications").locator('[data-testid="stTooltipErrorHoverTarget"]').hover()
    expect(page.locator(error)).to_have_count(1)
    page.wait_for_function(f"([sel, old]) => ({_DRAWN_TEXT_JS})(sel) !== old", arg=[error, arrivals])
    assert drawn(error) == ("Erreur\u202f: «\u202fRéplications\u202f» est hors de la plage permise. Saisissez une "
                            "valeur entre 1 et 200.")
    H.widget(page, "in.market.arrivals_per_week").locator('[data-testid="stTooltipErrorHoverTarget"]').hover()
    page.wait_for_function(f"([sel, text]) => ({_DRAWN_TEXT_JS})(sel) === text", arg=[error, arrivals])
    # A text field's key hint is drawn over; its character count beside it stays as it is.
    from sim.library_rules import MAX_NOTE, MAX_TEAM

    page.get_by_role("tab", name=T.t("fr", "tab.library"), exact=True).click()
    H.wait_view(page, "library", "fr")
    form = '[data-testid="stForm"] '
    for kind, field, text, hint, limit in (
            ("stTextInput", "input", "ab", "Entrée pour envoyer", MAX_TEAM),  # the team, right of the name
            ("stTextArea", "textarea", "abc", "Ctrl/⌘+Entrée pour envoyer", MAX_NOTE)):
        widget = page.locator(f'{form}[data-testid="{kind}"]').last
        box = widget.locator(field)
        box.click()
        box.press_sequentially(text)
        spans = widget.locator('[data-testid="InputInstructions"] > span')
        spans.nth(1).wait_for()
        assert spans.nth(0).evaluate(_DRAWN_TEXT_OF_JS) == hint
        assert spans.nth(1).evaluate(_DRAWN_TEXT_OF_JS) == f"{len(text)}/{limit}"  # not drawn over


def test_french_pages_have_no_english_left(page, app_url):
    open_app(page, app_url, "lang=fr")
    found = {}
    for view in VIEWS:
        page.get_by_role("tab", name=T.t("fr", f"tab.{view}"), exact=True).click()
        H.wait_view(page, view, "fr")
        H.wait_drawn(page)
        text = page.locator('[data-testid="stMain"]').inner_text() + page.locator(
            '[data-testid="stSidebar"]').inner_text()
        left = _english_left(text)
        if left:
            found[view] = left
    assert not found, found


@pytest.mark.parametrize("size", ["1280", "1920"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_nothing_wider_than_its_container(page, app_url, lang, size, screenshots):
    page.set_viewport_size(SIZES[size])
    open_app(page, app_url, f"lang={lang}")
    problems = {}
    for view in VIEWS:
        if view != "headline":
            page.get_by_role("tab", name=T.t(lang, f"tab.{view}"), exact=True).click()
            H.wait_view(page, view, lang)
        H.wait_drawn(page)
        bad = page.evaluate(_OVERFLOW_JS)
        if bad:
            problems[view] = bad
        page.screenshot(path=str(screenshots / f"room_{size}_{lang}_{view}.png"), full_page=True)
    assert not problems, problems


# Four pins with long automatic names, and the live scenario: the most a screen has to hold.
FIVE = ("p1=baseline_2011&p2=seed_advice&p2.policy=hybrid&p3=seed_advice&p3.policy=mql_handoff&p4=seed_advice"
        "&p4.budget.sales_share=0.45&policy=hybrid")


@pytest.mark.parametrize("size", ["1280", "1920"])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("scenarios", [2, 5])
def test_the_first_screen_shows_the_whole_comparison(page, app_url, lang, size, scenarios, screenshots):
    page.set_viewport_size(SIZES[size])
    open_app(page, app_url, f"lang={lang}" + ("&" + FIVE if scenarios == 5 else ""))
    table = page.locator("table.zmot-compare")
    box = table.bounding_box()
    assert box is not None and box["y"] + box["height"] <= SIZES[size]["height"], box  # above the fold
    assert table.locator("tbody tr").count() == scenarios
    page.screenshot(path=str(screenshots / f"room_first_{size}_{lang}_{scenarios}.png"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_five_long_names_fit_the_legends_at_1280(page, app_url, lang):
    page.set_viewport_size(SIZES["1280"])
    open_app(page, app_url, f"lang={lang}&{FIVE}&view=funnel")
    H.wait_drawn(page, min_charts=3)
    assert not page.evaluate(_OVERFLOW_JS)
    beyond = page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
        .flatMap(c => { const edge = c.getBoundingClientRect().right + 1;
                        return Array.from(c.querySelectorAll('svg text'))
                          .filter(x => x.getBoundingClientRect().right > edge).map(x => x.textContent); })""")
    assert not beyond, beyond  # no label runs past its own chart into the next column


def test_a_link_remembers_the_open_view(page, app_url):
    open_app(page, app_url)
    page.get_by_role("tab", name=T.t("en", "tab.funnel"), exact=True).click()
    H.wait_view(page, "funnel", "en")
    page.wait_for_function("() => location.search.includes('view=funnel')")
    url = page.url
    page.goto(url)
    m = H.wait_marker(page)
    assert m["view"] == "funnel"


def test_a_bad_upload_and_impossible_inputs_are_explained_in_french(page, app_url):
    """The engine's coded errors, put into French words (ui/errors.py), in the sidebar's alerts."""
    open_app(page, app_url, "lang=fr")
    bad = to_toml(load_preset("seed_advice")).replace("arrivals_per_week = 40.0", "arrivals_per_week = -5.0")
    assert "arrivals_per_week = -5.0" in bad
    H.widget(page, "upload").locator('input[type="file"]').set_input_files(
        files=[{"name": "mauvais.toml", "mimeType": "application/toml", "buffer": bad.encode()}])
    alert = page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').filter(has_text="mauvais.toml")
    alert.wait_for()
    text = alert.inner_text()
    assert "market.arrivals_per_week" in text and "hors de la plage autorisée" in text, text
    assert not _english_left(text), text
    H.widget(page, "lang").get_by_role("radio", name=T.LANG_NAMES["en"]).click()  # the same message, in English
    page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebar\"]').innerText"
                           ".includes('Input should be')")


def test_the_sidebar_collapses_and_the_page_reflows(page, app_url):
    """Streamlit's own control folds the sidebar away; the main area, its table and its charts take the room."""
    page.set_viewport_size(SIZES["1280"])
    open_app(page, app_url, "lang=fr")
    main = page.locator('[data-testid="stMainBlockContainer"]')
    table = page.locator("table.zmot-compare")
    narrow, table_narrow = main.bounding_box()["width"], table.bounding_box()["width"]
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.hover()
    page.locator('[data-testid="stSidebarCollapseButton"] button').click()
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    page.wait_for_function("""(w) => document.querySelector('[data-testid="stMainBlockContainer"]')
                              .getBoundingClientRect().width > w + 100""", arg=narrow)
    assert table.bounding_box()["width"] > table_narrow + 100
    H.wait_drawn(page)
    assert not page.evaluate(_OVERFLOW_JS)
    page.locator('[data-testid="stExpandSidebarButton"]').click()  # and back
    expect(sidebar).to_have_attribute("data-collapsed", "false")
