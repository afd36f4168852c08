"""The story panel's figure cards in headless Chromium, at 1280x800 and 1920x1080 with the sidebar open,
English and French: every card shows its scenario's full name, wrapped if need be, never cut short with an
ellipsis ("Nurture and two reps to market…"), and the cards' figures stay on one line across the row.

A server of its own, on a stories folder holding the shipped stories and one with five long names.
Screenshots land in `screenshots/` (git-ignored): `story_cards_<story>_<size>_<lang>.png`.
"""

from __future__ import annotations

import shutil

import harness as H
import pytest
from conftest import serve

from ui import story_file as SF
from ui import text as T
from ui import text_workshop  # noqa: F401 (registers the story's strings)
from ui.views import VIEWS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SIZES = {"1280": {"width": 1280, "height": 800}, "1920": {"width": 1920, "height": 1080}}
R = 5  # replications: few, the figures do not matter here

# Five scenarios, the most a step has, with names near the longest a name may be, one word too long for a
# 1280-pixel card: the narrowest cards the panel draws.
LONG = """title = "Long names"
[[steps]]
title = "Five long names"
view = "headline"
highlight = "revenue"
question = "Can the room read every name?"
scenarios = [
  { preset = "baseline_2011", name = "The 2011 habit of answering every inquiry within the hour" },
  { preset = "zmot_nurture", name = "Nurture with the same budget and no cold prospecting at all" },
  { preset = "seed_advice", name = "Nurture and two reps to marketing" },
  { preset = "hybrid", name = "Hybrid: nurture plus rep check-ins for the warmest accounts" },
  { preset = "mql_handoff", name = "Lead scoring with an MQL hand-off (Supercalifragilisticexpialidocious)" },
]
"""


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    where = tmp_path_factory.mktemp("stories")
    for f in SF.DEFAULT_DIR.glob("*.toml"):
        shutil.copy(f, where / f.name)
    (where / "long.en.toml").write_text(LONG, encoding="utf-8")
    return where


@pytest.fixture(scope="module")
def story_url(tmp_path_factory, stories):
    yield from serve(tmp_path_factory, {"ZMOT_STORIES": str(stories)})


# Per card: its label's text as drawn, whether the label's text box is cut (wider content than box, or an
# ellipsis asked for on a line that cannot wrap), whether the label runs out of its card, and the top of the
# card's figure.
_CARDS_JS = """() => Array.from(document.querySelectorAll('.st-key-story-panel [data-testid="stMetric"]')).map(m => {
  const label = m.querySelector('[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]');
  const boxes = [label, ...label.querySelectorAll('*')];
  const cut = boxes.filter(e => e.scrollWidth > e.clientWidth + 1
      || (e.clientHeight && e.scrollHeight > e.clientHeight + 1)
      || (getComputedStyle(e).textOverflow === 'ellipsis' && getComputedStyle(e).whiteSpace === 'nowrap'))
      .map(e => e.tagName);
  const card = m.getBoundingClientRect(), text = label.getBoundingClientRect();
  const value = m.querySelector('[data-testid="stMetricValue"]').getBoundingClientRect();
  return {text: label.innerText, cut, inside: text.left >= card.left - 1 && text.right <= card.right + 1
          && text.bottom <= value.top + 1, valueTop: Math.round(value.top)};
})"""


def names(story: str, step: int, lang: str, where) -> list[str]:
    """The cards' labels a step should show: its scenarios' names, the last one (the live one) so marked."""
    refs = SF.load(story, lang, list(VIEWS), where).steps[step - 1].scenarios
    return [r.name for r in refs[:-1]] + [T.t(lang, "live_label", name=refs[-1].name)]


@pytest.mark.parametrize("size", ["1280", "1920"])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("story", "step"), [("workshop", 3), ("long", 1)])
def test_story_cards_show_every_scenario_name_whole(page, story_url, stories, story, step, lang, size, screenshots):
    page.set_viewport_size(SIZES[size])
    page.goto(f"{story_url}/?story={story}&step={step}&r={R}&lang={lang}")
    H.wait_marker(page, lang=lang)
    H.wait_drawn(page)
    assert page.locator('[data-testid="stSidebar"]').is_visible()  # the sidebar is open, the cards narrow
    expected = names(story, step, lang, stories)
    panel = page.locator(".st-key-story-panel")
    panel.locator('[data-testid="stMetric"]').nth(len(expected) - 1).wait_for()
    cards = page.evaluate(_CARDS_JS)
    panel.screenshot(path=str(screenshots / f"story_cards_{story}_{size}_{lang}.png"))
    # the whole name, in one piece of text: a wrapped line joins back with a space, never "…"
    assert [" ".join(c["text"].split()) for c in cards] == expected
    assert all(not c["cut"] for c in cards), cards  # nothing cut short by the CSS
    assert all(c["inside"] for c in cards), cards  # the name stays in its card, above its figure
    assert len({c["valueTop"] for c in cards}) == 1, cards  # the figures on one line across the row
