"""The workshop in the app (AppTest, each test on a temporary library via ZMOT_LIBRARY): saving, browsing,
loading, pinning, versions, trash; the facilitator board with two teams; the take-away report's HTML
against the figures on screen. The guided story is in `test_story.py`."""

from __future__ import annotations

import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sim.experiment import compare
from sim.library import Library
from sim.presets import load_preset, with_overrides
from ui import formats as F
from ui import names as N
from ui import report as RP
from ui import run as Rn
from ui import state as S
from ui import text as T
from ui.views import HEADLINE
from ui.views.common import Ctx

APP = str(Path(__file__).resolve().parent.parent / "ui" / "page.py")  # the page `app.py` serves
R = 3
UNITS = {"wins": "buyers", "revenue": "EUR", "conversion_rate": "share", "rep_utilization": "share",
         "response_time_hours": "working hours", "cost_per_win": "EUR", "marketing_sourced_revenue_share": "share"}


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    path = tmp_path / "library.sqlite3"
    monkeypatch.setenv("ZMOT_LIBRARY", str(path))
    return Library(path)


def open_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["r"] = str(R)
    for k, v in params.items():
        at.query_params[k] = v
    return rerun(at)


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def shown_view(at: AppTest) -> str:
    return re.findall(r'data-view="(\w+)"', "".join(m.value for m in at.markdown))[0]


def board_table(at: AppTest) -> str:
    found = [m.value for m in at.markdown if 'class="zmot-board"' in m.value]
    assert found, "no board table"
    return found[0]


class Cells(HTMLParser):
    """The rows of the first table of a class: (row header text, [bold value of each cell])."""

    def __init__(self, cls: str) -> None:
        super().__init__()
        self.cls, self.rows, self.depth, self.where, self.bold = cls, [], 0, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("class") == self.cls and not self.rows and self.depth == 0:
            self.depth = 1
        elif self.depth and tag == "tr":
            self.rows.append(["", []])
        elif self.depth and tag in ("th", "td") and self.rows:
            self.where = tag
        elif self.depth and tag == "b":
            self.bold = True
            if self.where == "td":
                self.rows[-1][1].append("")

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth = 0
        elif tag == "b":
            self.bold = False

    def handle_data(self, data):
        if not (self.depth and self.rows and self.bold):
            return
        if self.where == "th":
            self.rows[-1][0] += data
        elif self.where == "td":
            self.rows[-1][1][-1] += data


def table_rows(html: str, cls: str = "zmot-board") -> list[tuple[str, list[str]]]:
    p = Cells(cls)
    p.feed(html)
    return [(h, v) for h, v in p.rows if v]


def expected_row(scenario, seed: int = 42, lang: str = "en", others=()) -> list[str]:
    cmp = compare([*others, scenario], R, seed, detail=False)
    s = cmp.results[-1].summary.set_index("kpi")
    return [F.unbroken(F.value(float(s.loc[k, "mean"]), UNITS[k], lang)) for k in HEADLINE]


# --- Saving, browsing, loading, pinning, versions, trash ---------------------------------------------------


def test_save_the_live_scenario_with_its_figures_then_versions_load_and_pin(lib: Library):
    at = open_app(view="library")
    at.text_input(key="ws.team").input("red")
    at.text_input(key="ws.save.name").input("Plan A")
    at.text_area(key="ws.save.note").input("two reps to marketing")
    at.get("form_submit_button")[0].click()
    rerun(at)
    assert any("Plan A" in s and "red" in s for s in texts(at, "success")), texts(at, "success")
    e = lib.show("Plan A", team="red")
    assert (e.version, e.seed, e.replications, e.note) == (1, 42, R, "two reps to marketing")
    live = load_preset("seed_advice")
    cmp = compare([load_preset("baseline_2011"), live], R, 42, detail=False)
    wins = cmp.results[1].summary.set_index("kpi").loc["wins"]
    assert e.results["wins"]["mean"] == pytest.approx(float(wins["mean"]))
    assert e.results["wins"]["ci_low"] == pytest.approx(float(wins["ci_low"]))
    assert e.scenario.budget.sales_share == live.budget.sales_share
    # a pin saved under another name: a second entry; the same name again: a second version
    at.selectbox(key="ws.save.which").set_value(at.session_state[S._PINS][0].id)
    at.text_input(key="ws.save.name").input("Plan A")
    at.get("form_submit_button")[0].click()
    rerun(at)
    assert lib.show("Plan A", team="red").version == 2
    assert lib.show("Plan A", team="red").scenario.budget.sales_share == 0.75
    assert len(at.dataframe[1].value) == 2
    at.selectbox(key="ws.version.red.Plan A").set_value(1)
    rerun(at)
    at.button(key="ws.pin").click()
    rerun(at)
    pins = at.session_state[S._PINS]
    assert [p.name for p in pins] == ["baseline_2011", "Plan A (red)"]
    assert pins[1].scenario.budget.sales_share == live.budget.sales_share  # version 1
    at.selectbox(key="ws.version.red.Plan A").set_value(2)
    rerun(at)
    at.button(key="ws.load").click()
    rerun(at)
    assert at.text_input(key=S.NAME).value == "Plan A (red)"
    assert at.session_state[S.SPLIT] == pytest.approx(0.75)


def test_browse_filter_search_delete_to_trash_and_restore(lib: Library):
    lib.save(load_preset("seed_advice"), name="Plan A", team="red", note="nurture first")
    lib.save(load_preset("zmot_nurture"), name="Plan B", team="blue", note="keep the reps")
    at = open_app(view="library")
    assert len(at.dataframe[0].value) == 2
    at.selectbox(key="ws.filter_team").set_value("blue")
    rerun(at)
    assert list(at.dataframe[0].value["Name"]) == ["Plan B"]
    at.selectbox(key="ws.filter_team").set_value("\u0000all")
    at.text_input(key="ws.search").input("NURTURE")
    rerun(at)
    assert list(at.dataframe[0].value["Name"]) == ["Plan A"]
    at.button(key="ws.delete").click()
    rerun(at)
    assert any("trash" in s for s in texts(at, "success"))
    assert lib.list(team="red").empty and len(lib.list(only_trash=True)) == 1
    at.toggle(key="ws.show_trash").set_value(True)
    rerun(at)
    at.button(key="ws.restore").click()
    rerun(at)
    assert set(lib.list()["name"]) == {"Plan A", "Plan B"}


def test_the_picked_entry_is_the_one_acted_on_after_delete_and_restore(lib: Library):
    lib.save(load_preset("seed_advice"), name="Plan A", team="red")
    lib.save(load_preset("zmot_nurture"), name="Plan B", team="blue")
    at = open_app(view="library")
    at.toggle(key="ws.show_trash").set_value(True)
    pick = at.selectbox(key="ws.pick")
    pick.set_value(next(k for k in pick.options if k.startswith("red")))
    rerun(at)

    def shown() -> tuple[str, list[str]]:  # the picked entry, and whose buttons are drawn below it
        return at.selectbox(key="ws.pick").value, [w.key for w in at.selectbox if w.key.startswith("ws.version.")]

    at.button(key="ws.delete").click()
    rerun(at)
    assert shown() == ("red\u0000Plan A\u00001", ["ws.version.red.Plan A"])  # the same entry, in the trash
    at.button(key="ws.restore").click()
    rerun(at)
    assert shown() == ("red\u0000Plan A\u00000", ["ws.version.red.Plan A"])
    at.toggle(key="ws.show_trash").set_value(False)
    at.button(key="ws.delete").click()
    rerun(at)
    assert shown() == ("blue\u0000Plan B\u00000", ["ws.version.blue.Plan B"])  # gone from the list: the first
    assert set(lib.list()["name"]) == {"Plan B"}


def test_deleting_goes_through_can_delete(lib: Library, monkeypatch: pytest.MonkeyPatch):
    from ui import workshop as W

    lib.save(load_preset("seed_advice"), name="Plan A", team="red")
    monkeypatch.setattr(W, "can_delete", lambda entry: False)
    at = open_app(view="library")
    assert at.button(key="ws.delete").disabled
    W.delete_entry("red", "Plan A")  # the callback checks too
    assert not lib.list().empty


def test_with_codes_a_participant_deletes_only_what_its_session_saved(lib: Library, monkeypatch):
    from ui import access as A
    from ui import workshop as W

    monkeypatch.setenv(A.ENV_WORKSHOP, "blue-lagoon-7")
    monkeypatch.setenv(A.ENV_FACILITATOR, "facilitate-me")
    lib.save(load_preset("seed_advice"), name="Plan A", team="red")  # another laptop's save
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["r"], at.query_params["view"] = str(R), "library"
    at.session_state[A.ROLE] = A.PARTICIPANT  # past the gate with the workshop code
    rerun(at)
    assert at.button(key="ws.delete").disabled
    assert at.button(key="ws.delete").help == T.t("en", "ws.delete_denied")
    at.text_input(key="ws.team").input("red")  # calling itself "red" proves nothing
    at.text_input(key="ws.save.name").input("Plan B")
    at.get("form_submit_button")[0].click()
    rerun(at)
    assert at.button(key="ws.delete").disabled  # red's Plan A, still picked: not saved here
    at.selectbox(key="ws.pick").set_value(next(k for k in at.selectbox(key="ws.pick").options if "Plan B" in k))
    rerun(at)
    assert not at.button(key="ws.delete").disabled  # its own save
    at.button(key="ws.delete").click()
    rerun(at)
    assert lib.list()["name"].tolist() == ["Plan A"]
    at.session_state[A.ROLE] = A.FACILITATOR
    rerun(at)
    assert not at.button(key="ws.delete").disabled  # the facilitator: any entry
    assert W.OWN in at.session_state


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_broken_library_is_explained_and_the_app_still_works(tmp_path: Path, monkeypatch, lang: str):
    bad = tmp_path / "broken.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("ZMOT_LIBRARY", str(bad))
    at = open_app(view="library", lang=lang)
    errors = texts(at, "error")
    assert errors and ("damaged" in errors[0] if lang == "en" else "endommagé" in errors[0]), errors
    assert "Traceback" not in "".join(errors)
    assert len(at.session_state[S._PINS]) == 1


def test_a_bad_name_is_refused_in_the_users_language_and_nothing_is_saved(lib: Library):
    at = open_app(view="library", lang="fr")
    at.text_input(key="ws.save.name").input("bad\x07name")
    at.get("form_submit_button")[0].click()
    rerun(at)
    assert any("Ce nom ne convient pas" in e for e in texts(at, "error")), texts(at, "error")
    assert lib.list().empty


# --- The facilitator board ------------------------------------------------------------------------------


def test_board_compares_two_teams_paired_on_one_seed(lib: Library):
    a = with_overrides(load_preset("baseline_2011"), ["budget.sales_share=0.6"])
    b = load_preset("zmot_nurture")
    lib.save(a, name="Plan A", team="red", seed=7, replications=5)  # saved on another seed: rerun on the page's
    lib.save(b, name="Plan B", team="blue")
    at = open_app(view="board")
    rows = table_rows(board_table(at))
    assert [h.strip(" ■") for h, _ in rows] == ["2011 baseline", "blue · Plan B", "red · Plan A"]
    base = load_preset("baseline_2011")
    cmp = compare([base, b, a], R, 42, detail=False)
    for (_, cells), res in zip(rows, cmp.results, strict=True):
        s = res.summary.set_index("kpi")
        assert cells == [F.unbroken(F.value(float(s.loc[k, "mean"]), UNITS[k], "en")) for k in HEADLINE]
    d = cmp.differences.set_index(["scenario", "kpi"]).loc[("zmot_nurture", "wins")]
    assert F.unbroken(F.diff(float(d["mean"]), "buyers", "en")) in board_table(at)  # the paired difference
    assert at.get("vega_lite_chart")  # the difference chart
    at.multiselect(key="board.teams").select("red")
    rerun(at)
    assert [h.strip(" ■") for h, _ in table_rows(board_table(at))] == ["2011 baseline", "red · Plan A"]
    lib.save(b, name="Plan C", team="red")  # a team saves: the next run (refresh) shows it
    at.button(key="board.refresh").click()
    rerun(at)
    assert len(table_rows(board_table(at))) == 3


def test_the_board_follows_the_library_while_its_page_waits_for_a_refinement(lib: Library,
                                                                              monkeypatch: pytest.MonkeyPatch):
    """While the page's script waits for a refinement, the board's watcher fragment cannot run (a busy room
    once kept the projector's board a minute behind): the hook that wait calls looks at the library every
    `REFRESH_S` and reruns the page once it changed, never sooner, never after the wait."""
    from ui.views import board as B

    lib.save(load_preset("seed_advice"), name="Plan A", team="red")
    now = [100.0]
    reruns: list[int] = []
    monkeypatch.setattr(B.st, "rerun", lambda *a, **k: reruns.append(1))
    look = B._follow(lib.changed(), clock=lambda: now[0])
    now[0] += B.REFRESH_S
    look(False)
    assert reruns == []  # nothing saved
    lib.save(load_preset("zmot_nurture"), name="Plan B", team="blue")
    now[0] += B.REFRESH_S / 2
    look(False)
    assert reruns == []  # saved, but the last look was less than REFRESH_S ago
    look(True)
    assert reruns == []  # the wait is over: the page reruns anyway
    now[0] += B.REFRESH_S
    look(False)
    assert reruns == [1]


def board_colours(at: AppTest) -> dict[str, str]:
    """Each board row's scenario and the colour of its swatch."""
    return dict((b, c) for c, b in re.findall(r'class="sw" style="color:([^"]+)">■</span> <b>([^<]+)</b>',
                                               board_table(at)))


def test_a_scenario_keeps_its_colour_on_the_board_whatever_the_filter_and_later_saves(lib: Library):
    lib.save(load_preset("seed_advice"), name="Plan A", team="red")  # saved first, sorted last
    lib.save(load_preset("zmot_nurture"), name="Plan B", team="blue")
    at = open_app(view="board")
    first = board_colours(at)
    assert len(set(first.values())) == 3, first  # the reference and both teams apart
    at.multiselect(key="board.teams").select("red")
    rerun(at)
    assert board_colours(at) == {k: v for k, v in first.items() if k != "blue · Plan B"}
    at.multiselect(key="board.teams").unselect("red")
    lib.save(load_preset("hybrid"), name="Plan C", team="green")  # sorted between blue and red
    at.button(key="board.refresh").click()
    rerun(at)
    now = board_colours(at)
    assert {k: now[k] for k in first} == first and now["green · Plan C"] not in first.values()
    chart = next(c.proto.spec for c in at.get("vega_lite_chart") if "Plan C" in c.proto.spec)
    scales = re.findall(r'"domain": (\[[^]]*\]), "range": (\[[^]]*\])', chart)
    drawn = {k: v for domain, hues in scales for k, v in zip(json.loads(domain), json.loads(hues), strict=True)}
    assert drawn == {k: v for k, v in now.items() if k != "2011 baseline"}  # the chart's colours are the table's


def test_past_the_palette_two_scenarios_shown_together_still_differ():
    from ui.views import board as B

    order = [("t", f"plan {i}") for i in range(len(B.COLOURS) + 1)]  # the last shares the first's rank colour
    assert B.colours(order, [order[-1], order[0]]) == [B.COLOURS[1], B.COLOURS[0]]
    assert B.colours(order, [order[-1]]) == [B.COLOURS[0]]


def test_an_empty_board_says_how_teams_save(lib: Library):
    at = open_app(view="board")
    assert any("Library tab" in i for i in texts(at, "info"))


# --- Wording ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_baseline_is_named_once_not_the_baseline_the_2011_baseline(lib: Library, lang: str):
    lib.save(load_preset("seed_advice"), name="Plan A", team="red")
    page, board = open_app(lang=lang), open_app(lang=lang, view="board")
    names = {T.preset_name(lang, "baseline_2011"), T.t(lang, "ws.board_reference_label")}  # page's, board's
    word = {"en": "baseline", "fr": "référence"}[lang]
    said = [x for x in texts(page, "caption") + texts(page, "markdown") + texts(board, "caption")
            if any(n in x for n in names)]
    assert len(said) >= 3, said  # the comparison's caption, the headline's intro, the board's note
    for x in said:
        for n in names:
            assert not re.search(rf"{word}\W*{re.escape(n)}", x, re.IGNORECASE), x


# --- The take-away report -------------------------------------------------------------------------------


def test_the_report_holds_the_figures_on_screen(lib: Library):
    from ui.views import takeaway

    at = open_app()
    screen = [m.value.replace("\u00a0", " ") for m in at.metric]
    scenarios = [load_preset("baseline_2011"), load_preset("seed_advice")]
    cmp = compare(scenarios, R, 42, detail=False)
    data = [Rn.reduce(res, f"k{i}", 0.0, False) for i, res in enumerate(cmp.results)]
    items = [S.Shown("p1", "baseline_2011", scenarios[0], S.PIN_COLOURS[0], True, "baseline_2011"),
             S.Shown(S.LIVE, "seed_advice (live)", scenarios[1], S.LIVE_COLOUR, False, "seed_advice")]
    html = takeaway.html_bytes(Ctx("en", items, data, 0, 42, R)).decode()
    rows = table_rows(html)
    assert [v.replace("\u00a0", " ") for _, cells in rows for v in cells] == screen
    assert html.count("<svg") == 2 and "seed 42" in html and f"{R} replications" in html
    assert not re.search(r'(src|href)="(https?:)?//', html) and "<script" not in html  # self-contained
    frame = RP.inputs_frame(scenarios, ["a", "b"], "en")
    assert frame[frame["differs"]]["input"].tolist()[:3] == ["Marketing-nurture policy", "Sales reps the budget buys",
                                                            "Marketing spend per year"]
    fr = takeaway.html_bytes(Ctx("fr", items, data, 0, 42, R)).decode()
    assert 'lang="fr"' in fr and "graine 42" in fr and "Chiffres clés" in fr
    for page in (html, fr):  # every text filled in: no "{per}" left in an axis title
        assert not re.search(r"\{[a-z_]+\}", page), re.search(r".{40}\{[a-z_]+\}.{40}", page)
    assert "Buyers per year" in html and "Acheteurs par an" in fr
    # the pinned baseline is named, but its description is its preset's: in French on a French report
    for name in ("baseline_2011", "seed_advice"):
        assert escape(T.preset_description("fr", name, "")) in fr
        assert escape(load_preset(name).description) not in fr


def test_a_saved_scenarios_description_follows_its_policy_and_language():
    from ui.views.bar import description

    saved = load_preset("seed_advice").model_copy(update={"name": "Plan A"})  # a team's save keeps it
    shown = S.Shown("b0", "red · Plan A", saved, S.PIN_COLOURS[0], True, "baseline_2011", True)
    assert description("fr", shown) == T.preset_description("fr", "seed_advice", "")
    assert description("en", shown) == saved.description
    moved = S.Shown("b0", "red · Plan A", with_overrides(saved, ["policy=sales_led"]), S.PIN_COLOURS[0], True,
                    "baseline_2011", True)  # the policy changed since: the seed's advice no longer describes it
    assert description("en", moved) != saved.description and "rep" in description("en", moved)
    split = with_overrides(load_preset("seed_advice"), ["budget.sales_share=0.55"])  # the split moved, then saved:
    auto = split.model_copy(update={"name": "Plan B", "description": N.auto_description("en", split, "seed_advice")})
    shown = S.Shown("b1", "red · Plan B", auto, S.PIN_COLOURS[0], True, "baseline_2011", True)
    assert description("fr", shown) == N.auto_description("fr", split, "seed_advice") != auto.description
    own = S.Shown("b0", "red · Plan A", saved.model_copy(update={"description": "Our bet on content."}),
                  S.PIN_COLOURS[0], True, "baseline_2011", True)
    assert description("fr", own) == "Our bet on content."  # a person's own words are kept as written


def test_the_board_shows_the_budget_shift_of_each_team_on_one_seed(lib: Library):
    from sim.shift import shift_points
    from ui.views import board_shift as SH

    lib.save(load_preset("seed_advice"), name="Plan A", team="red")
    at = open_app(view="board")
    at.toggle(key=SH.ON).set_value(True)
    rerun(at)
    assert not texts(at, "error"), texts(at, "error")
    title = T.t("en", "ws.shift_chart", kpi=T.kpi_label("en", "wins"))
    assert any(title in c.proto.spec for c in at.get("vega_lite_chart"))
    points = [s for _, _, s in shift_points(load_preset("seed_advice"), SH.SHARES)]
    cmp = compare(points, R, 42, detail=False)  # the same points, the same seed: the same figures
    best = max(range(len(points)), key=lambda i: float(cmp.results[i].summary.set_index("kpi").loc["wins", "mean"]))
    assert any(f"red · Plan A {F.percent(SH.SHARES[best], 'en', 0)}" in c for c in texts(at, "caption")), \
        texts(at, "caption")
