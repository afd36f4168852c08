"""Issue 8, ready for the room: chart text fitted to a projector's column, French throughout (engine
errors from their codes, the calibration table, preset descriptions). No Streamlit runtime needed."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from sim import load_preset
from sim.calibrate import TARGETS, calibration_table
from sim.presets import scenario_from_dict
from ui import charts as C
from ui import errors as E
from ui import fields as fl
from ui.calib_text import PROPER_NAMES, translate
from ui.chart_fit import label_expr, wrap
from ui.text import kpi_label, policy_label, t

# --- Engine errors -------------------------------------------------------------------------------------
from ui.text_inputs import PRESET_DESCRIPTIONS_FR

CODES = ("bad_toml", "too_deep", "too_large", "unreadable", "not_a_preset", "extends_unknown", "extends_loop",
         "bad_assignment", "not_a_section", "unknown_field", "missing", "not_a_number", "not_an_integer",
         "out_of_range", "not_a_choice", "too_long", "not_a_text", "order", "no_selling_time",
         "too_many_reps", "too_many_buyers")  # sim.scenario_errors' table of codes and RunTooLarge's


class _Problem:  # the shape of sim.scenario_errors.Problem
    def __init__(self, code, field, params, message):
        self.code, self.field, self.params, self.message = code, field, params, message


class _ScenarioError(ValueError):
    def __init__(self, *problems):
        super().__init__("inputs: " + "; ".join(p.message for p in problems))
        self.problems = list(problems)


class _TooLarge(ValueError):
    def __init__(self, code, params):
        super().__init__("this run would simulate about 9,000,000 buyers; the limit is 3,000,000")
        self.code, self.params = code, params


def test_every_error_code_has_french_words():
    missing = [c for c in CODES if f"err.{c}" not in E.STRINGS["fr"]]
    assert not missing


def test_a_value_out_of_range_reads_in_french_with_the_fields_label_and_range():
    e = _ScenarioError(_Problem("out_of_range", "market.arrivals_per_week", {"value": -5, "ge": 0, "le": 1000},
                                "market.arrivals_per_week: Input should be greater than or equal to 0"))
    c = E.coded(e, "inputs")
    fr = E.explain("fr", c)
    assert "market.arrivals_per_week" in fr and "Groupes d'achat" in fr and "1\u202f000" in fr
    assert "Input should" not in fr and "must" not in fr
    assert E.explain("en", c).startswith("market.arrivals_per_week: Input should")  # the engine's own line


def test_an_impossible_combination_and_a_run_too_large_read_in_french():
    e = _ScenarioError(_Problem("order", "research.a", {"value": 5, "other": "research.b", "other_value": 3},
                                "research.a (5) must not exceed research.b (3)"))
    assert "ne doit pas dépasser" in E.explain("fr", e)
    big = _TooLarge("too_many_buyers", {"buyers": 9_000_000, "replications": 2000, "limit": 3_000_000})
    fr = E.explain("fr", big)
    assert "9\u202f000\u202f000" in fr and "3\u202f000\u202f000" in fr and "would simulate" not in fr
    reps = _TooLarge("too_many_reps", {"scenario": "Plan A", "reps": None, "limit": 2000})
    assert "Plan A" in E.explain("fr", reps) and "2\u202f000" in E.explain("fr", reps)


def test_a_too_large_run_names_its_scenarios_as_the_page_does():
    """The engine names a scenario by its own name (an automatic English one, say); a French page's
    alert names it as its card does."""
    from ui import run as R

    hybrid = load_preset("hybrid")
    budget = hybrid.budget.model_copy(update={"gtm_budget_eur_per_year": 900_000_000, "sales_share": 0.9})
    big = hybrid.model_copy(update={"name": "Hybrid · 5,400 reps", "budget": budget})
    shown = {big.name: "Hybride · 5 400 commerciaux (en direct)"}
    verdict, fr = R.guard([big], 30, "fr", shown)
    assert verdict == "refuse" and "Hybride · 5 400 commerciaux (en direct)" in fr and "Hybrid ·" not in fr, fr
    assert "Hybride · 5 400" in R.check([big], 30, "fr", shown)
    assert "Hybrid · 5,400 reps" in R.guard([big], 30, "en")[1]  # English: the engine's own line


def _engine_error(**changes) -> ValueError:
    d = load_preset("baseline_2011").model_dump(mode="json")
    for path, v in changes.items():
        section, name = path.split("__") if "__" in path else (None, path)
        (d[section] if section else d)[name] = v
    with pytest.raises(ValueError) as info:
        scenario_from_dict({**d, "extends": None}, "inputs")
    return info.value


@pytest.mark.parametrize("changes", [
    {"market__arrivals_per_week": -5}, {"market__arrivals_per_week": "abc"}, {"market__shortlist_min": 9},
    {"sales__admin_share": 0.6, "sales__prospecting_share": 0.5}, {"policy": "nope"}, {"market__bogus": 1},
])
def test_the_engines_coded_errors_read_in_french(changes):
    c = E.coded(_engine_error(**changes), "inputs")
    fr = E.explain("fr", c)
    assert c.problems[0].code != "invalid"
    for english in ("Input should", "must", "allowed", "got", "unknown field", "sales_led"):
        assert english not in fr, fr
    assert E.explain("en", c) == c.message and not c.message.startswith("inputs:")
    assert E.localize("fr", {"error": c, "file": "x.toml"}) == {"error": fr, "file": "x.toml"}


def test_a_run_too_large_and_a_toml_syntax_error_read_in_french():
    from sim.experiment import RunTooLarge, check_size
    from sim.presets import scenario_from_toml
    from sim.scenario_errors import ScenarioError

    with pytest.raises(RunTooLarge) as info:
        check_size([load_preset("baseline_2011")], 100_000)
    assert "would simulate" in E.explain("en", info.value) and "porterait" in E.explain("fr", info.value)
    with pytest.raises(ScenarioError) as bad:
        scenario_from_toml("[market\narrivals = ", "bad.toml")
    assert "ligne 1" in E.explain("fr", bad.value) and "Expected" not in E.explain("fr", bad.value)


# --- French tables -----------------------------------------------------------------------------------


def test_every_preset_has_a_french_description():
    assert set(fl.presets()) <= set(PRESET_DESCRIPTIONS_FR)


def test_the_calibration_table_is_french_throughout():
    d = load_preset("seed_advice").model_dump(mode="json")
    d["market"]["arrivals_per_week"] = 10.0
    small = scenario_from_dict({**d, "extends": None}, "test")
    table = calibration_table(small, replications=2, seed=3)
    left = []
    for col in ("figure", "published", "source", "note"):
        for v in table[col].dropna().unique():
            fr = translate("fr", col, v)
            if fr == v and v not in PROPER_NAMES and not any(ch.isalpha() for ch in v.replace("h", "")):
                continue  # a bare number ("42 h") reads the same
            if fr == v and v not in PROPER_NAMES:
                left.append((col, v))
    assert not left, left
    assert t("fr", "kind.nurture") != "nurture"



ENGINE_ID = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(?:market|research|marketing|sales|budget)\.[a-z]")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_calibration_notes_name_kpis_inputs_and_policies_as_the_app_does(lang):
    """No engine id (win_rate, sales_led, marketing.nurture_consensus) in a note, and in French no English
    reason for a miss: each target's reason as the engine writes it, and the notes of real tables."""
    notes = [f"model KPI {tg.kpi}; miss: {tg.reason_if_missed}" for tg in TARGETS]
    notes.append("the consensus effect of nurture (marketing.nurture_consensus) sets it")
    for name in ("baseline_2011", "hybrid"):
        d = load_preset(name).model_dump(mode="json")
        d["market"]["arrivals_per_week"] = 10.0
        notes += list(calibration_table(scenario_from_dict({**d, "extends": None}, "t"), 2, 3)["note"].dropna())
    shown = [translate(lang, "note", n) for n in notes]
    assert not [n for n in shown if ENGINE_ID.search(n)], [n for n in shown if ENGINE_ID.search(n)]
    if lang == "fr":
        english = [tg.reason_if_missed for tg in TARGETS] + ["model KPI", "policy is", "input curve"]
        assert not [n for n in shown if any(e in n for e in english)]
    assert any(t(lang, "calib.note.kpi", kpi=kpi_label(lang, "win_rate")) in n for n in shown)
    assert any(policy_label(lang, "hybrid") in n for n in shown)

# --- Charts fitted to their column ----------------------------------------------------------------------


def _bars(labels, order, title="Time from hand-off to a rep's first reply", span=1.0):
    rows = [{"scenario": s, "cat": c, "mean": 0.1, "ci_low": 0.1, "ci_high": 0.1, "text": "", "ci_text": ""}
            for s in labels for c in order]
    chart = C.grouped_bars(pd.DataFrame(rows), category="cat", order=order, labels=labels,
                           colours=["#000"] * len(labels), value_title="v", category_title="c", title=title)
    return C.spec(chart, span=span, lang="fr")


def test_category_labels_wrap_instead_of_overlapping():
    order = ["moins de 5 min", "5 à 30 min", "30 à 60 min", "1 à 8 h (le jour même)", "1 à 3 jours ouvrés",
             "plus de 3 jours ouvrés", "jamais"]
    spec = _bars(["a", "b"], order)
    x = spec["layer"][0]["encoding"]["x"]
    assert '"1 à 8 h (le jour même)" ? ["' in x["axis"]["labelExpr"]  # drawn on two lines
    assert label_expr(["Wins", "MQLs"], 100, 17) is None
    assert wrap("over 3 working days", 60, 17) == ["over 3", "working", "days"]


def test_long_titles_wrap_and_legends_fit_a_half_column():
    names = ["ZMOT nurture · 7 reps (live)", "baseline_2011", "Hybrid · 9 reps"]
    spec = _bars(names, ["x", "y"], title="Occupation des commerciaux dans le temps (moyenne, bande à 95 %)",
                 span=0.5)
    assert isinstance(spec["title"]["text"], list) and len(spec["title"]["text"]) >= 2
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["columns"] == 1 and legend["labelLimit"] <= 400
    rows = [{"scenario": "a", "cat": "x", "mean": 1, "ci_low": 1, "ci_high": 1, "text": "", "ci_text": ""}]
    long_axis = "Part du parcours faite au premier contact commercial, moyenne des réplications"
    half = C.spec(C.grouped_bars(pd.DataFrame(rows), category="cat", order=["x"], labels=["a"], colours=["#000"],
                                 value_title="v", category_title=long_axis, title="t"), span=0.5)
    assert isinstance(half["layer"][0]["encoding"]["x"]["title"], list)


def test_chart_text_is_large_enough_for_a_room_and_french_numbers_keep_apart():
    spec = _bars(["a"], ["x"])
    cfg = spec["config"]
    assert cfg["axis"]["labelFontSize"] >= 17 and cfg["axis"]["titleFontSize"] >= 17
    assert cfg["legend"]["labelFontSize"] >= 17 and cfg["title"]["fontSize"] >= 22
    assert cfg["axis"]["labelSeparation"] >= 8
    assert cfg["locale"]["number"]["thousands"] == "\u202f"
