"""The workshop app, driven headless with Streamlit's AppTest: inputs, pins, links, files, languages.

Runs use few replications (the `r` link parameter) so the suite stays quick; figures on screen are
checked against `sim.compare` run with the same scenarios, seed and replications.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sim.experiment import compare
from sim.presets import load_preset, scenario_from_toml, to_toml, with_overrides
from ui import fields as fl
from ui import formats as F
from ui import link as L
from ui import names as N
from ui import state as S
from ui import text as T
from ui.defaults import FIRST_LIVE
from ui.inputs import group_key
from ui.text import preset_name
from ui.text_about import ABOUT
from ui.text_figures import KPIS, LABELS
from ui.text_inputs import FIELDS, POLICIES
from ui.views import HEADLINE

BASE_LABEL = preset_name("en", "baseline_2011")  # a scenario named after its preset shows its title
LIVE_LABEL = f"{preset_name('en', FIRST_LIVE)} (live)"
APP = str(Path(__file__).resolve().parent.parent / "ui" / "page.py")  # the page `app.py` serves
R = 3  # replications in these tests
UNITS = {"wins": "buyers", "revenue": "EUR", "conversion_rate": "share", "rep_utilization": "share",
         "response_time_hours": "working hours", "cost_per_win": "EUR", "marketing_sourced_revenue_share": "share"}


def open_app(groups: bool = True, **params: str) -> AppTest:
    """The app on its first screen, with every sidebar group open (its inputs drawn) unless `groups` is
    False, as a person finds it."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["r"] = str(R)
    for k, v in params.items():
        at.query_params[k] = v
    for section in fl.SECTIONS:
        at.session_state[group_key(section)] = groups
    at.run()
    assert not at.exception, at.exception
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> list[tuple[str, str, str]]:
    return [(m.label, m.value, m.delta) for m in at.metric]


def row_values(at: AppTest, row: int) -> list[str]:
    """The headline values of the row-th scenario on screen."""
    ms = list(at.metric)
    return [m.value for m in ms[row * len(HEADLINE):(row + 1) * len(HEADLINE)]]


def expected_values(scenarios, seed: int = 42, lang: str = "en") -> list[list[str]]:
    cmp = compare(scenarios, R, seed, detail=False)
    out = []
    for res in cmp.results:
        s = res.summary.set_index("kpi")
        out.append([F.value(float(s.loc[k, "mean"]), UNITS[k], lang) for k in HEADLINE])
    return out


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [w.value for w in at.warning] + [i.value for i in at.info] + [s.value for s in at.success]
    parts += [m.label for m in at.metric] + [t.label for t in at.tabs] + [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def ready(at: AppTest) -> str:
    marker = [m.value for m in at.markdown if 'id="zmot-results-ready"' in m.value]
    assert marker, "no results-ready marker"
    return marker[0]


def chart_rows(chart) -> list[dict]:
    """The data rows of a drawn chart (Streamlit sends them as Arrow datasets beside the spec)."""
    import pyarrow as pa

    rows = []
    for ds in chart.proto.datasets:
        rows += pa.ipc.open_stream(ds.data.data).read_all().to_pylist()
    spec = json.loads(chart.proto.spec)
    for layer in [spec, *spec.get("layer", [])]:
        rows += layer.get("data", {}).get("values", [])
    return rows


@pytest.fixture(scope="module")
def first_screen() -> AppTest:
    return open_app()


# --- First screen -------------------------------------------------------------------------------------


def test_first_screen_compares_2011_baseline_with_the_seed_advice(first_screen: AppTest):
    at = first_screen
    assert not at.error
    pins = at.session_state[S._PINS]
    assert [p.name for p in pins] == ["baseline_2011"]
    assert at.selectbox(key=S.PRESET).value == FIRST_LIVE
    assert len(at.metric) == 2 * len(HEADLINE)
    expected = expected_values([load_preset("baseline_2011"), load_preset(FIRST_LIVE)])
    assert row_values(at, 0) == expected[0]
    assert row_values(at, 1) == expected[1]
    assert 'data-results="' in ready(at)
    assert LIVE_LABEL in all_text(at)


def test_differences_are_paired_and_match_the_engine(first_screen: AppTest):
    cmp = compare([load_preset("baseline_2011"), load_preset(FIRST_LIVE)], R, 42, detail=False)
    diffs = cmp.differences.set_index(["scenario", "kpi"])
    live = list(at_metrics for at_metrics in first_screen.metric)[len(HEADLINE):]
    arrows = []
    for m, kpi in zip(live, HEADLINE, strict=True):
        d = diffs.loc[(FIRST_LIVE, kpi)]
        assert m.delta.startswith(F.diff(float(d["mean"]), UNITS[kpi], "en")), (kpi, m.delta)
        arrow = m.proto.direction != m.proto.MetricDirection.NONE  # a direction only where it is known
        assert arrow == bool(d["ci_low"] > 0 or d["ci_high"] < 0), (kpi, m.delta, d["ci_low"], d["ci_high"])
        arrows.append(arrow)
    assert any(arrows) and not all(arrows)  # both kinds drawn (within the noise at these few replications)
    baseline = list(first_screen.metric)[:len(HEADLINE)]
    assert all(m.delta == "baseline" for m in baseline)


def test_summary_paragraph_says_what_rose_fell_or_stayed_within_noise(first_screen: AppTest):
    text = all_text(first_screen)
    paragraph = next(line for line in text.splitlines() if line.startswith(f"Against **“{BASE_LABEL}”**"))
    cmp = compare([load_preset("baseline_2011"), load_preset(FIRST_LIVE)], R, 42, detail=False)
    diffs = cmp.differences.set_index(["scenario", "kpi"])
    noise = paragraph.split("no clear change in", 1)[1] if "no clear change in" in paragraph else ""
    for kpi in HEADLINE:
        d = diffs.loc[(FIRST_LIVE, kpi)]
        name = T.kpi_label("en", kpi)
        name = name if name[1:2].isupper() else name[:1].lower() + name[1:]
        if d["ci_low"] > 0:
            assert f"{name} rose by" in paragraph, kpi
        elif d["ci_high"] < 0:
            assert f"{name} fell by" in paragraph, kpi
        else:
            assert name in noise, kpi


# --- Inputs -------------------------------------------------------------------------------------------


def test_budget_split_shows_reps_and_marketing_and_reruns():
    at = open_app()
    s = load_preset(FIRST_LIVE)
    share = 2 * s.budget.cost_per_rep_eur_per_year / s.budget.gtm_budget_eur_per_year  # two reps' worth
    at.select_slider(key=S.SPLIT).set_value(share)
    rerun(at)
    changed = with_overrides(s, [f"budget.sales_share={share}"])
    assert changed.reps == 2
    captions = "\n".join(c.value for c in at.sidebar.caption)
    assert "**2 reps**" in captions
    assert F.money(changed.marketing_spend, "en") in captions
    assert at.query_params["budget.sales_share"] == [fl.format_value(share)] or \
        at.query_params["budget.sales_share"] == fl.format_value(share)
    assert row_values(at, 1) == expected_values([load_preset("baseline_2011"), changed])[1]


@pytest.mark.parametrize(("path", "new"), [
    ("market.arrivals_per_week", 55.0),
    ("research.rep_aversion_mean", 60.0),  # a percent slider: 60% -> 0.6
    ("marketing.reveal_probability", 20.0),
    ("sales.opportunity_hours_mean", 30.0),
    ("budget.gtm_budget_eur_per_year", 2_500_000.0),
    ("experiment.horizon_weeks", 40),
])
def test_every_input_group_changes_the_live_scenario(path: str, new: float):
    at = open_app()
    f = fl.field_by_path(path)
    key = S.input_key(path)
    widget = at.select_slider(key=key) if f.percent else at.number_input(key=key)
    widget.set_value(new)
    rerun(at)
    value = S.from_widget(f, new)
    changed = with_overrides(load_preset(FIRST_LIVE), [f"{path}={value}"])
    params = at.query_params
    assert path in params
    assert row_values(at, 1) == expected_values([load_preset("baseline_2011"), changed])[1]


def test_more_settings_policy_and_experiment_controls():
    at = open_app()
    at.toggle(key="more.research").set_value(True)
    rerun(at)
    at.number_input(key=S.input_key("research.pace_shape")).set_value(3.0)
    at.selectbox(key=S.POLICY).set_value("hybrid")
    at.number_input(key=S.SEED).set_value(7)
    rerun(at)
    changed = with_overrides(load_preset(FIRST_LIVE), ["research.pace_shape=3.0", "policy=hybrid"])
    assert at.query_params["research.pace_shape"] in ("3", ["3"])
    assert at.query_params["seed"] in ("7", ["7"])
    assert row_values(at, 1) == expected_values([load_preset("baseline_2011"), changed], seed=7)[1]
    assert "seed 7" in all_text(at)
    at.number_input(key=S.REPS).set_value(2)
    rerun(at)
    assert "2 replications" in all_text(at)


def test_hidden_settings_keep_their_values():
    at = open_app()
    at.toggle(key="more.research").set_value(True)
    rerun(at)
    at.number_input(key=S.input_key("research.pace_shape")).set_value(3.5)
    rerun(at)
    at.toggle(key="more.research").set_value(False)  # hide them again
    at.number_input(key=S.input_key("market.arrivals_per_week")).set_value(45.0)
    rerun(at)
    assert at.query_params["research.pace_shape"] in ("3.5", ["3.5"])
    at.toggle(key="more.research").set_value(True)
    rerun(at)
    assert at.number_input(key=S.input_key("research.pace_shape")).value == 3.5


def test_impossible_settings_are_explained_and_pins_still_shown():
    at = open_app()
    at.toggle(key="more.market").set_value(True)
    rerun(at)
    at.slider(key=S.input_key("market.shortlist_min")).set_value(5)
    at.slider(key=S.input_key("market.shortlist_max")).set_value(3)
    rerun(at)
    errors = "\n".join(e.value for e in at.error)
    assert "market.shortlist_min" in errors
    assert len(at.metric) == len(HEADLINE)  # only the pinned baseline
    assert at.button(key=S.PIN_ADD).disabled


@pytest.mark.parametrize(("share", "na_kpis"), [(0.0, ["rep_utilization", "response_time_hours"]), (1.0, [])])
def test_extreme_splits_show_honest_results(share: float, na_kpis: list[str]):
    at = open_app(**{"budget.sales_share": str(share)})
    assert not at.error
    live = dict(zip(HEADLINE, row_values(at, 1), strict=True))
    for kpi in na_kpis:
        assert live[kpi] == "n/a"
    if share == 0.0:
        assert live["wins"] == "0"
        assert live["cost_per_win"] == "n/a"
    captions = "\n".join(c.value for c in at.sidebar.caption)
    assert ("**0 reps**" in captions) if share == 0.0 else ("€0 marketing" in captions)


def test_a_run_too_large_asks_to_confirm_with_the_engines_message_once(monkeypatch):
    monkeypatch.setenv("ZMOT_MAX_BUYER_RUNS", "100000")  # the engine's limit, lowered below the first screen
    at = open_app(r=str(S.MAX_REPS))  # allowed replications, but two scenarios make too many buyers
    said = [e.value for e in at.error] + [w.value for w in at.warning]
    assert len([m for m in said if "would simulate about" in m]) == 1, said  # refused or to confirm: once
    assert not at.metric


def test_replications_are_bounded_in_the_sidebar_and_in_links():
    at = open_app(r="2000")
    warnings = "\n".join(w.value for w in at.warning)  # still there after the refinement's own rerun
    assert "2000" in warnings and str(S.MAX_REPS) in warnings
    assert at.number_input(key=S.REPS).value == S.DEFAULT_REPS == int(at.session_state[S.REPS])
    assert at.number_input(key=S.REPS).max == S.MAX_REPS
    assert at.number_input(key=S.SEED).max == S.MAX_SEED
    for f in fl.all_fields():  # every scenario input has both bounds, from the schema
        assert f.lo is not None and f.hi is not None, f.path
    assert len(at.metric) == 2 * len(HEADLINE)
    at.number_input(key=S.SEED).set_value(43)  # the person's next action: the link's notice is done
    assert not [w for w in rerun(at).warning if "2000" in w.value]


# --- Pins, names, baseline ---------------------------------------------------------------------------


def test_pin_rename_baseline_and_remove():
    at = open_app()
    at.number_input(key=S.input_key("market.arrivals_per_week")).set_value(50.0)
    rerun(at)
    at.button(key=S.PIN_ADD).click()
    rerun(at)
    pins = at.session_state[S._PINS]
    assert [p.name for p in pins] == ["baseline_2011", FIRST_LIVE]
    assert len(at.metric) == 3 * len(HEADLINE)
    assert at.query_params["p2.market.arrivals_per_week"] in ("50", ["50"])
    new_id = pins[1].id
    # The pinned copy and the live scenario are the same world: same figures.
    assert row_values(at, 1) == row_values(at, 2)

    at.text_input(key=S.pin_key(new_id, "name")).input("More buyers")
    rerun(at)
    assert "More buyers" in all_text(at)
    assert at.query_params["p2.name"] in ("More buyers", ["More buyers"])

    at.radio(key=S.BASE).set_value(new_id)
    rerun(at)
    assert "the difference to **“More buyers”**" in all_text(at)
    deltas = [m.delta for m in at.metric]
    assert deltas[len(HEADLINE):2 * len(HEADLINE)] == ["baseline"] * len(HEADLINE)

    at.button(key=S.pin_key(new_id, "remove")).click()
    rerun(at)
    assert [p.name for p in at.session_state[S._PINS]] == ["baseline_2011"]
    assert len(at.metric) == 2 * len(HEADLINE)
    assert f"the difference to **“{BASE_LABEL}”**" in all_text(at)  # the baseline falls back to the first pin


def test_at_most_four_pins():
    at = open_app()
    for k in range(3):
        at.number_input(key=S.input_key("market.arrivals_per_week")).set_value(41.0 + k)
        rerun(at)
        at.button(key=S.PIN_ADD).click()
        rerun(at)
    assert len(at.session_state[S._PINS]) == 4
    assert at.button(key=S.PIN_ADD).disabled
    colours = {p.slot for p in at.session_state[S._PINS]}
    assert len(colours) == 4  # one colour each


# --- Languages ----------------------------------------------------------------------------------------


def test_language_switch_to_french():
    at = open_app()
    at.button_group(key=S.LANG).set_value("fr")
    rerun(at)
    text = all_text(at)
    assert "L'essentiel" in text
    assert "En clair" in text
    assert f"Par rapport à **«\u202f{preset_name('fr', 'baseline_2011')}\u202f»**" in text
    expected = expected_values([load_preset("baseline_2011"), load_preset(FIRST_LIVE)], lang="fr")
    assert row_values(at, 0) == expected[0]
    assert any("\u202f%" in v for v in row_values(at, 0))  # French number format
    assert at.query_params["lang"] in ("fr", ["fr"])


def test_french_link_keeps_the_open_tab_on_language_switch():
    at = open_app(lang="fr", view="about")
    assert "Ce que dit le modèle" in all_text(at)
    at.button_group(key=S.LANG).set_value("en")
    rerun(at)
    assert "What the model says" in all_text(at)


def test_text_tables_have_the_same_keys_in_both_languages():
    for table in (T.TEXT, FIELDS, KPIS, LABELS, POLICIES, ABOUT):
        assert set(table["en"] if isinstance(table["en"], dict) else {}) == \
            set(table["fr"] if isinstance(table["fr"], dict) else {})
    for f in fl.all_fields():  # every input has a label and help in each language (schema fallback)
        for lang in T.LANGS:
            lbl, _, help_ = T.field_text(lang, f.path, f.description)
            assert lbl and help_


# --- Files --------------------------------------------------------------------------------------------


def test_upload_a_good_scenario_file():
    at = open_app()
    uploaded = with_overrides(load_preset("hybrid"), ["market.arrivals_per_week=48", "name=from_file"])
    at.file_uploader(key=S.UPLOAD).set_value(("mine.toml", to_toml(uploaded).encode(), "application/toml"))
    rerun(at)
    assert any("Loaded mine.toml" in s.value for s in at.success)
    assert at.number_input(key=S.input_key("market.arrivals_per_week")).value == 48.0
    assert at.selectbox(key=S.POLICY).value == "hybrid"
    assert at.selectbox(key=S.PRESET).value == "hybrid"  # the closest preset: the link stays short
    assert "from_file (live)" in all_text(at)
    assert row_values(at, 1) == expected_values([load_preset("baseline_2011"), uploaded])[1]


@pytest.mark.parametrize(("content", "expected"), [
    (b"[market]\narrivals_per_week = -5\n", "market.arrivals_per_week"),
    (b"[market]\narrivals_per_wek = 50\n", "arrivals_per_wek"),
    (b"[market\narrivals_per_week = 50\n", "not valid TOML"),
    (b"\xff\xfe\x00bad", "UTF-8"),
])
def test_a_bad_file_is_explained_and_changes_nothing(content: bytes, expected: str):
    at = open_app()
    before_inputs = {k: at.session_state[k] for k in at.session_state if str(k).startswith("in.")}
    before_values = row_values(at, 1)
    at.file_uploader(key=S.UPLOAD).set_value(("bad.toml", content, "application/toml"))
    rerun(at)
    errors = "\n".join(e.value for e in at.error)
    assert "bad.toml" in errors and expected in errors
    after_inputs = {k: at.session_state[k] for k in before_inputs}
    assert after_inputs == before_inputs
    assert row_values(at, 1) == before_values


def test_the_scenario_downloads_as_toml_the_engine_loads_back():
    at = open_app()
    at.number_input(key=S.input_key("market.arrivals_per_week")).set_value(45.0)
    rerun(at)
    assert at.get_by_key("dl.toml").label == "Download scenario (TOML)"
    params = {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    live = L.decode(params).live  # what the app holds, as its link describes it
    expected = with_overrides(load_preset(FIRST_LIVE), ["market.arrivals_per_week=45"])
    assert live == expected
    assert scenario_from_toml(to_toml(live)) == live


# --- Links --------------------------------------------------------------------------------------------


def test_link_round_trip_reopens_the_same_comparison():
    at = open_app()
    at.number_input(key=S.input_key("market.arrivals_per_week")).set_value(52.0)
    at.selectbox(key=S.POLICY).set_value("mql_handoff")
    rerun(at)
    at.button(key=S.PIN_ADD).click()
    rerun(at)
    at.select_slider(key=S.SPLIT).set_value(0.45)
    at.radio(key=S.BASE).set_value(S.LIVE)
    rerun(at)
    params = {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert params["base"] == "live"
    assert "market.arrivals_per_week" in params and "p2.market.arrivals_per_week" in params
    values = [row_values(at, i) for i in range(3)]
    deltas = [m.delta for m in at.metric]

    again = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        again.query_params[k] = v
    rerun(again)
    assert [p.name for p in again.session_state[S._PINS]] == [p.name for p in at.session_state[S._PINS]]
    assert [p.scenario for p in again.session_state[S._PINS]] == [p.scenario for p in at.session_state[S._PINS]]
    assert [row_values(again, i) for i in range(3)] == values
    assert [m.delta for m in again.metric] == deltas
    assert {k: (v[-1] if isinstance(v, list) else v) for k, v in again.query_params.items()} == params


def test_a_bad_link_value_is_ignored_with_a_warning():
    at = open_app(**{"market.arrivals_per_week": "lots", "nonsense": "1", "p1": "baseline_2011"})
    warnings = "\n".join(w.value for w in at.warning)
    assert "market.arrivals_per_week" in warnings and "nonsense" in warnings
    assert at.number_input(key=S.input_key("market.arrivals_per_week")).value == \
        load_preset(FIRST_LIVE).market.arrivals_per_week
    assert len(at.metric) == 2 * len(HEADLINE)
    fr = "\n".join(w.value for w in open_app(**{"lang": "fr", "seed": "-3", "p1": "baseline_2011",
                                                 "p1.market.arrivals_per_week": "lots"}).warning).replace("\u202f", " ")
    assert "« Graine aléatoire » (seed) = « -3 »" in fr, fr  # the input's label in the page's language
    assert "(p1.market.arrivals_per_week) = « lots »" in fr and "« Groupes d'achat" in fr, fr


def test_encode_decode_are_inverse():
    base = load_preset("baseline_2011")
    live = with_overrides(load_preset("hybrid"), ["market.arrivals_per_week=61.5", "name=x y"])
    pin = S.Pin("p1", "base", "baseline_2011", base.model_copy(update={"name": "base"}), 0, named=True)
    q = L.encode("hybrid", live, [pin], S.LIVE, "fr", 5, 9, live_named=True)
    d = L.decode(q)
    assert (d.lang, d.reps, d.seed, d.live_preset, d.base) == ("fr", 5, 9, "hybrid", "live")
    assert d.live == live
    assert d.pins == [("baseline_2011", pin.scenario)]
    assert not d.errors
    assert L.decode({}).pins and L.decode({}).live_preset == S.FIRST_LIVE  # the first screen


# --- Views --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["funnel", "reps", "journey", "calibration", "about"])
def test_every_view_draws_without_error(view: str):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["r"] = str(R)
    at.query_params["view"] = view
    rerun(at)
    assert not at.error, [e.value for e in at.error]
    assert not at.warning, [w.value for w in at.warning]
    assert f'data-view="{view}"' in ready(at)
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    if view != "about":
        assert charts, "no chart drawn"
    for spec in charts:  # every chart of scenarios shows both of them
        text = json.dumps(spec)
        assert view == "calibration" or BASE_LABEL in text
    downloads = [d.label for d in at.get("download_button")]
    assert "CSV" in downloads
    if charts:
        assert "PNG" in downloads


def test_funnel_counts_match_the_engine():
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["r"] = str(R)
    at.query_params["view"] = "funnel"
    rerun(at)
    rows = chart_rows(at.get("vega_lite_chart")[0])
    cmp = compare([load_preset("baseline_2011"), load_preset(FIRST_LIVE)], R, 42, detail=False)
    wins = cmp.kpis.set_index(["scenario", "kpi"]).loc[(FIRST_LIVE, "wins"), "mean"]
    shown = [r["mean"] for r in rows if r["kpi"] == "wins" and r["scenario"] == LIVE_LABEL]
    assert shown and math.isclose(shown[0], wins)


def test_numbers_in_each_language():
    assert F.value(3_425_000, "EUR", "en") == "€3.42M"
    assert F.value(3_425_000, "EUR", "fr") == "3,42\u202fM€"
    assert F.value(0.0545, "share", "en") == "5.5%"
    assert F.value(0.0545, "share", "fr") == "5,5\u202f%"
    assert F.value(2087.4, "buyers", "fr") == "2\u202f087"
    assert F.diff(-0.031, "share", "en") == "-3.1 pts"
    assert F.value(float("nan"), "EUR", "en") == "n/a"
    assert F.value(float("nan"), "EUR", "fr") == "n.d."


# --- Chart downloads ---------------------------------------------------------------------------------


def test_every_chart_exports_to_png_with_its_text():
    """The PNG downloads: each builder's chart through vl-convert, with readable text."""
    import vl_convert as vlc

    from ui import charts as C
    from ui import run as RUN
    from ui.views import funnel, journey
    from ui.views.common import Ctx

    items = [S.Shown("p1", "baseline_2011", load_preset("baseline_2011"), S.PIN_COLOURS[0], True),
             S.Shown(S.LIVE, LIVE_LABEL, load_preset(FIRST_LIVE), S.LIVE_COLOUR, False)]
    data = RUN.compute([s.scenario for s in items], 42, 2, True)
    ctx = Ctx("en", items, data, 0, 42, 2)
    labels, colours = ctx.labels, ctx.colours
    stages = funnel.kpi_rows(ctx, funnel.STAGES, "stage")
    weekly = data[0].weekly.assign(scenario=labels[0])
    zmot = data[0].zmot.assign(scenario=labels[0], text="x")
    seg, marks, phases, markers = journey.timeline_frames(ctx, only_contacted=False)
    calib = pd_frame({"figure": ["a", "b"], "model": [0.5, 0.2], "ci_low": [0.4, 0.1], "ci_high": [0.6, 0.3],
                      "published_value": [0.57, 0.21], "verdict": ["ok", "miss"], "model_text": ["50%", "20%"],
                      "published": ["57%", "21%"]})
    w = C.EXPORT_WIDTH
    charts = [
        C.grouped_bars(stages, category="stage", order=list(stages["stage"].unique()), labels=labels, colours=colours,
                       value_title="Buyers", category_title="Stage", title="Stages title", width=w),
        C.dot_intervals(funnel.rate_rows(ctx), category="transition", order=[], labels=labels, colours=colours,
                        value_title="Rate", title="Rates title", width=w),
        C.bands(weekly[weekly["metric"] == "utilization"], labels=labels, colours=colours, y_title="Use",
                x_title="Week", title="Bands title", window=(0, 52), width=w),
        C.lines(zmot, x="days", x_title="Days", y_title="Share", labels=labels, colours=colours, title="Lines title",
                width=w),
        C.timeline(seg, marks, labels=labels, phase_order=phases, marker_order=markers, x_title="Weeks",
                   y_title="Buyer", title="Timeline title", width=w),
        C.calibration(calib, order=["a", "b"], verdict_labels={k: k for k in C.VERDICT_COLOURS}, value_title="V",
                      title="Calibration title", width=w),
    ]
    for chart in charts:
        png = C.png(chart)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
        spec = C.spec(chart, stretch=False)
        spec["config"]["font"] = C.EXPORT_FONT
        assert "title</text>" in vlc.vegalite_to_svg(spec).replace("</tspan>", "")


def pd_frame(d: dict):
    import pandas as pd

    return pd.DataFrame(d)


# --- Names follow the inputs; pins load back and download ------------------------------------------


def test_names_follow_policy_and_split_until_a_person_renames():
    at = open_app()
    at.selectbox(key=S.POLICY).set_value("hybrid")
    rerun(at)
    reps = load_preset(FIRST_LIVE).reps
    live = T.t("en", "live_label", name=f"{T.policy_label('en', 'hybrid')} · {reps:g} reps")
    assert live in all_text(at)
    at.button(key=S.PIN_ADD).click()
    rerun(at)
    pin = at.session_state[S._PINS][-1]
    assert pin.name != FIRST_LIVE and "Hybrid" in pin.name and not pin.named
    assert pin.scenario.description != load_preset(FIRST_LIVE).description
    at.text_input(key=S.NAME).input("Our plan")
    rerun(at)
    at.selectbox(key=S.POLICY).set_value("mql_handoff")
    rerun(at)
    assert "Our plan (live)" in all_text(at)  # a person's name stays
    at.button_group(key=S.LANG).set_value("fr")
    rerun(at)
    assert f"{T.policy_label('fr', 'hybrid')} · {reps:g} commerciaux" in all_text(at)


def test_split_label_says_1_rep():
    assert T.t("en", "split_option", reps=N.reps_text("en", 1), mkt="€1k") == "1 rep · €1k marketing"
    assert N.reps_text("fr", 1) == "1 commercial" and N.reps_text("en", 2) == "2 reps"


def test_a_pin_loads_back_into_the_controls_and_downloads_as_toml():
    at = open_app()
    at.selectbox(key=S.POLICY).set_value("hybrid")
    rerun(at)
    at.button(key=S.PIN_ADD).click()
    rerun(at)
    pid = at.session_state[S._PINS][-1].id
    at.selectbox(key=S.POLICY).set_value("mql_handoff")
    rerun(at)
    toml = at.get_by_key(S.pin_key(pid, "toml"))
    assert toml.label == T.t("en", "download_pin_toml")
    at.button(key=S.pin_key(pid, "load")).click()
    rerun(at)
    assert at.selectbox(key=S.POLICY).value == "hybrid"


# --- Uploads: empty, partial, not TOML ----------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"# nothing but a comment\n"])
def test_an_empty_file_changes_nothing_and_says_so(content: bytes):
    at = open_app()
    before = {k: at.session_state[k] for k in at.session_state if str(k).startswith("in.")}
    at.file_uploader(key=S.UPLOAD).set_value(("empty.toml", content, "application/toml"))
    rerun(at)
    assert any("empty.toml is empty" in i.value for i in at.info)
    assert not at.success and not at.error
    assert {k: at.session_state[k] for k in before} == before


def test_a_partial_file_lands_on_the_scenario_on_screen():
    at = open_app()
    at.number_input(key=S.input_key("market.arrivals_per_week")).set_value(55.0)
    at.selectbox(key=S.POLICY).set_value("hybrid")
    rerun(at)
    at.file_uploader(key=S.UPLOAD).set_value(("part.toml", b"[sales]\nqualification_hours = 2.5\n",
                                              "application/toml"))
    rerun(at)
    ok = "\n".join(s.value for s in at.success)
    assert "part.toml" in ok and "1 setting" in ok and "unchanged" in ok
    assert at.number_input(key=S.input_key("market.arrivals_per_week")).value == 55.0  # kept
    assert at.selectbox(key=S.POLICY).value == "hybrid"
    assert at.session_state[S.input_key("sales.qualification_hours")] == 2.5


def test_a_file_that_is_not_toml_is_refused_in_the_users_language():
    at = open_app(lang="fr")
    at.file_uploader(key=S.UPLOAD).set_value(("notes.txt", b"hello", "text/plain"))
    rerun(at)
    assert [e.value for e in at.error] == [T.t("fr", "upload_not_toml", file="notes.txt")]


# --- Honest figures -----------------------------------------------------------------------------------


def test_a_typed_decimal_shows_as_typed_and_money_is_readable():
    at = open_app()
    box = at.number_input(key=S.input_key("market.arrivals_per_week"))
    box.set_value(33.75)
    rerun(at)
    box = at.number_input(key=S.input_key("market.arrivals_per_week"))
    assert box.value == 33.75 and box.proto.format == "%.2f"
    captions = "\n".join(c.value for c in at.sidebar.caption)
    assert "€2,000,000" in captions or ("€" in captions and "," in captions)


def test_counts_per_year_and_durations_in_minutes():
    assert F.value(0.061, "working hours", "en") == "4\u00a0min"
    assert F.value(96.4, "buyers", "en") == "96"
    assert F.diff(9.77, "buyers", "en") == "+10"
    assert F.value(40, "working hours", "en") == "5.0 working days"
    at = open_app()
    labels = [m.label for m in at.metric]
    assert "Wins per year" in labels and "Revenue per year" in labels
    assert "par an" in T.t("fr", "per_year")


def test_the_first_screen_has_the_compact_comparison():
    at = open_app()
    table = next(m.value for m in at.markdown if "zmot-compare" in m.value)
    assert BASE_LABEL in table and html.escape(LIVE_LABEL) in table  # HTML: "The seed&#x27;s advice"
    assert table.count("<tr>") == 3  # the header and two scenarios


# --- Captions on downloads ---------------------------------------------------------------------------


def test_downloads_carry_scenarios_seed_replications_date_and_version():
    import datetime

    import vl_convert as vlc

    from ui import charts as C
    from ui import run as RUN
    from ui.views import common

    items = [S.Shown("p1", "baseline_2011", load_preset("baseline_2011"), S.PIN_COLOURS[0], True),
             S.Shown(S.LIVE, LIVE_LABEL, load_preset(FIRST_LIVE), S.LIVE_COLOUR, False)]
    data = RUN.compute([s.scenario for s in items], 7, 2, False)
    ctx = common.Ctx("en", items, data, 0, 7, 2)
    cap = common.caption(ctx)
    for part in ("baseline_2011", LIVE_LABEL, "seed 7", "2 replications",
                 datetime.date.today().isoformat(), common.app_version("en"), "engine"):
        assert part in cap, part
    fr = common.caption(common.Ctx("fr", items, data, 0, 7, 2))
    partial = common.Ctx("en", items, data, 0, 7, 30)  # 30 asked, 2 behind the figures (refining, stopped)
    assert "2 replications" in common.caption(partial) and "30 replications" not in common.caption(partial)
    assert common.RELEASE in fr and "moteur" in fr and "engine" not in fr, fr
    csv = common.csv_bytes(pd_frame({"a": [1]}), ctx).decode()
    assert csv.splitlines()[0] == f"# {cap}"
    chart = C.grouped_bars(pd_frame({"scenario": ["x"], "c": ["k"], "mean": [1.0], "ci_low": [0.5], "ci_high": [1.5],
                                     "text": ["1"], "ci_text": [""]}), category="c", order=["k"], labels=["x"],
                           colours=["#000"], value_title="v", category_title="c", title="T", width=400)
    spec = C.spec(chart, stretch=False)
    spec["title"] = {"text": "T", "subtitle": cap}
    spec["config"]["font"] = C.EXPORT_FONT
    assert "seed 7" in vlc.vegalite_to_svg(spec)
    assert common.png_bytes(chart, ctx)[:4] == b"\x89PNG"


def test_calibration_table_in_french_has_no_english_figure_names():
    from ui.calib_text import FIGURES_FR, NOTES_FR, SOURCES_FR, translate

    at = open_app(lang="fr", view="calibration")
    table = at.table[0].value  # a static table: its long sources and notes wrap at 1280 px
    figures = set(table[T.t("fr", "col.figure")])
    assert figures and not figures & set(FIGURES_FR)  # every English name translated
    assert all(translate("fr", "figure", k) != k for k in FIGURES_FR)
    assert all(translate("fr", "source", k) != k for k in SOURCES_FR)
    assert all(translate("fr", "note", k) != k for k in NOTES_FR)
    notes = at.table[1].value  # sources and notes, under the main table
    assert not any("model KPI" in str(n) for n in notes[T.t("fr", "col.note")])
    assert not set(notes[T.t("fr", "col.source")]) & set(SOURCES_FR)
    assert set(table[T.t("fr", "col.kind")]) <= {T.t("fr", f"kind.{k}") for k in ("target", "curve", "context",
                                                                                  "nurture")}


def test_nurture_spent_under_a_policy_that_ignores_it_warns_in_the_sidebar():
    at = open_app()
    at.selectbox(key=S.POLICY).set_value("sales_led")
    rerun(at)
    warnings = "\n".join(w.value for w in at.sidebar.warning)
    assert "does not nurture leads" in warnings  # seed_advice's nurture money under the sales-led policy


# --- Decision views: budget shift, what matters, why -------------------------------------------------


def test_budget_shift_draws_every_policy_with_the_best_share_and_downloads():
    at = open_app(view="shift")
    at.selectbox(key="shift.step").set_value(0.25)
    rerun(at)
    assert not at.error, [e.value for e in at.error]
    assert 'id="zmot-shift-final"' in "".join(m.value for m in at.markdown)
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3  # the KPI, rep utilization, response time
    rows = [r for r in chart_rows(charts[0]) if "marketing_share" in r and "n" in r]
    assert {r["marketing_share"] for r in rows} == {0.0, 0.25, 0.5, 0.75, 1.0}
    assert len({r["policy"] for r in rows}) == 4 and all(r["n"] == R for r in rows)
    text = all_text(at)
    assert text.count("best in **") == 4
    labels = [d.label for d in at.get("download_button")]
    assert labels.count("CSV") >= 3 and labels.count("PNG") >= 3
    at.selectbox(key="shift.kpi").set_value("cost_per_win")  # another figure: from the cache, no new run
    rerun(at)
    assert T.kpi_label("en", "cost_per_win") in json.dumps(json.loads(at.get("vega_lite_chart")[0].proto.spec))


def test_why_waterfall_parts_add_up_to_the_difference():
    at = open_app()
    at.toggle(key="why.on").set_value(True)
    rerun(at)
    assert not at.error, [e.value for e in at.error]
    chart = [c for c in at.get("vega_lite_chart") if "why" in c.proto.spec or "Budget split" in c.proto.spec]
    assert chart
    rows = list({r["step"]: r for r in chart_rows(chart[-1]) if "kind" in r}.values())
    parts = [r["mean"] for r in rows if r["kind"] == "part"]
    totals = [r["end"] for r in rows if r["kind"] == "total"]
    assert len(parts) == 3 and math.isclose(totals[0] + sum(parts), totals[1], rel_tol=1e-9)
    assert any(f"From **“{BASE_LABEL}”**" in m.value for m in at.markdown)


def test_why_says_when_a_scenario_is_the_baseline_again():
    at = open_app()
    at.selectbox(key=S.PRESET).set_value("baseline_2011")
    at.toggle(key="why.on").set_value(True)
    rerun(at)
    assert any("same inputs as the baseline" in i.value for i in at.info)


# Reps ten times cheaper or dearer move the best split for sure; a deal value that does not move is no swing.
RANGES = b"""
[rep_cost]
label = "Rep cost"
low = { "budget.cost_per_rep_eur_per_year" = 40000.0 }
high = { "budget.cost_per_rep_eur_per_year" = 1000000.0 }

[deal_value]
label = "Deal value"
low = { "market.deal_value_median_eur" = 40000.0 }
high = { "market.deal_value_median_eur" = 40000.0 }
"""


def test_what_matters_runs_on_the_button_and_highlights_a_decision_change():
    at = open_app(view="matters")
    assert not at.get("vega_lite_chart")  # costly: nothing runs before the button
    at.file_uploader(key="matters.ranges").set_value(("mine.toml", RANGES, "application/toml"))
    rerun(at)
    assert "mine.toml, 2 assumption(s)" in all_text(at)
    at.button(key="matters.run").click()
    rerun(at)
    assert not at.error, [e.value for e in at.error]
    charts = at.get("vega_lite_chart")
    assert charts and "coarse grid" in all_text(at)
    rows = chart_rows(charts[0])
    assert {r["end"] for r in rows if "end" in r} == {"at the low value", "at the high value"}
    changed = [r for r in rows if r.get("changes")]
    assert changed and all(r["input"].startswith("⚑") for r in changed)
    assert {r["input"] for r in changed} == {"⚑ Rep cost"}
    assert any("Rep cost" in w.value and "best" in w.value for w in at.warning)
    assert "CSV" in [d.label for d in at.get("download_button")]
    at.selectbox(key="matters.kpi").set_value("wins")  # a rerun shows the kept result, no new run
    rerun(at)
    assert at.get("vega_lite_chart")


def test_a_bad_ranges_file_is_explained_in_french():
    at = open_app(view="matters", lang="fr")
    at.file_uploader(key="matters.ranges").set_value(("bad.toml", b"[x]\nlow = 1\n", "application/toml"))
    rerun(at)
    assert any("Ce fichier de plages est inutilisable" in e.value for e in at.error)
    assert not at.exception


def test_closed_groups_draw_no_inputs_and_keep_their_values():
    at = open_app(groups=False)  # as a person finds it: every group closed
    assert not at.sidebar.number_input  # a closed group costs the page no widget
    at.session_state[group_key("market")] = True  # opened
    rerun(at)
    at.number_input(key=S.input_key("market.arrivals_per_week")).set_value(52.0)
    rerun(at)
    at.session_state[group_key("market")] = False  # closed again: the value stays and still runs
    rerun(at)
    assert not at.sidebar.number_input
    assert at.session_state[S.input_key("market.arrivals_per_week")] == 52.0
    assert at.query_params["market.arrivals_per_week"] in ("52", ["52"])
    at.session_state[group_key("market")] = True
    rerun(at)
    assert at.number_input(key=S.input_key("market.arrivals_per_week")).value == 52.0
