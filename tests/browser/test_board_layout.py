"""The facilitator board and the story in headless Chromium, at 1280x800 and 1920x1080, English and French:
the board's table stays inside the page (or scrolls in its own box) with every figure whole, and a story
step brings its panel into view. A server of its own, on a library where four teams have saved.

Screenshots land in `screenshots/` (git-ignored): `board_<size>_<lang>.png`, `story_scroll_1280_<step>.png`.
"""

from __future__ import annotations

import harness as H
import pytest
from conftest import serve
from playwright.sync_api import expect

from sim.library import Library
from sim.presets import load_preset, with_overrides
from ui import text as T
from ui import text_workshop  # noqa: F401 (registers the story's strings)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SIZES = {"1280": {"width": 1280, "height": 800}, "1920": {"width": 1920, "height": 1080}}
R = 5  # replications: few, so wide intervals and long difference texts


@pytest.fixture(scope="module")
def board_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("board") / "library.sqlite3"
    lib = Library(path)
    lib.save(load_preset("seed_advice"), name="Plan A", team="Red")
    lib.save(load_preset("zmot_nurture"), name="Nurture first, reps when asked", team="Blue")
    lib.save(with_overrides(load_preset("hybrid"), ["budget.sales_share=0.45"]), name="Plan A", team="Green")
    lib.save(load_preset("mql_handoff"), name="Lead scoring", team="Orange")
    yield from serve(tmp_path_factory, {"ZMOT_LIBRARY": str(path)})


# Where the table ends against the main area, whether anything scrolls sideways, and every figure that
# breaks across lines (a word between two ordinary spaces drawn on two lines).
_LAYOUT_JS = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const edge = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight) + 1;
  const table = document.querySelector('table.zmot-board'), wrap = table.parentElement;
  const scrollers = [document.documentElement, document.querySelector('[data-testid="stMain"]'),
                     document.querySelector('[data-testid="stAppViewContainer"]')].filter(Boolean);
  const broken = [];
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let at = 0;
    for (const word of node.data.split(' ')) {
      if (word.trim()) {
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + word.length);
        const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(word);
      }
      at += word.length + 1;
    }
  }
  return {edge, tableRight: table.getBoundingClientRect().right, wrapRight: wrap.getBoundingClientRect().right,
          wrapScrolls: getComputedStyle(wrap).overflowX === 'auto', wrapWidth: wrap.clientWidth,
          tableWidth: table.scrollWidth, pageWide: scrollers.some(e => e.scrollWidth > e.clientWidth + 1),
          broken, font: parseFloat(getComputedStyle(table).fontSize)};
}"""


def open_board(page, url: str, lang: str) -> None:
    page.goto(f"{url}/?view=board&r={R}&lang={lang}")
    H.wait_view(page, "board", lang)
    expect(page.locator("table.zmot-board")).to_contain_text("Orange · Lead scoring", timeout=180_000)
    H.wait_drawn(page)


@pytest.mark.parametrize("size", ["1280", "1920"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_board_table_stays_inside_the_page_with_every_figure_whole(page, board_url, lang, size, screenshots):
    page.set_viewport_size(SIZES[size])
    open_board(page, board_url, lang)
    table = page.locator("table.zmot-board")
    assert table.locator("tbody tr").count() == 5  # the 2011 baseline and the four teams
    box = page.evaluate(_LAYOUT_JS)
    assert not box["pageWide"], box  # the page never scrolls sideways
    assert box["wrapRight"] <= box["edge"], box  # the table's box ends inside the main area...
    assert box["tableRight"] <= box["edge"] or box["wrapScrolls"], box  # ...and scrolls itself if wider
    assert not box["broken"], box["broken"]  # no figure split across two lines
    if size == "1920":  # the projector: the whole table at a reading size, nothing to scroll
        assert box["tableWidth"] <= box["wrapWidth"] and box["font"] >= 18, box
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"board_{size}_{lang}.png"))


_PANEL_IN_VIEW = """() => { const el = document.querySelector('.st-key-story-panel');
  if (!el) return false; const top = el.getBoundingClientRect().top;
  return top >= -1 && top <= window.innerHeight / 3; }"""


def test_a_story_step_brings_its_panel_into_view_at_1280(page, board_url, screenshots):
    page.set_viewport_size(SIZES["1280"])
    open_board(page, board_url, "en")
    start = page.get_by_role("button", name=T.t("en", "ws.story_start"))
    start.scroll_into_view_if_needed()  # the story starts from the board, far down the page
    start.click()
    panel = page.locator(".st-key-story-panel")
    expect(panel).to_contain_text(T.t("en", "ws.story_step", i=1, n=5), timeout=60_000)
    page.wait_for_function(_PANEL_IN_VIEW, timeout=20_000)
    H.wait_idle(page)
    assert page.evaluate(_PANEL_IN_VIEW)  # still in view once the page has settled
    page.screenshot(path=str(screenshots / "story_scroll_1280_1.png"))
    button = page.get_by_role("button", name=T.t("en", "ws.story_next"))
    button.evaluate("b => b.scrollIntoView({block: 'start'})")  # read down to Next: the step's title out of sight
    assert not page.evaluate(_PANEL_IN_VIEW)
    button.click()
    expect(panel).to_contain_text(T.t("en", "ws.story_step", i=2, n=5), timeout=60_000)
    page.wait_for_function(_PANEL_IN_VIEW, timeout=20_000)
    H.wait_idle(page)
    assert page.evaluate(_PANEL_IN_VIEW)
    page.screenshot(path=str(screenshots / "story_scroll_1280_2.png"))
