"""The scenario and its presets: bad files give one clear error; presets load; scenarios are frozen."""

from __future__ import annotations

import json
import math
import sys
import tomllib

import annotated_types as at
import pydantic
import pytest
from pydantic import BaseModel

from sim.experiment import MAX_REPS, RunTooLarge, check_size, max_buyer_runs
from sim.presets import (
    DEFAULT_PRESET,
    PRESETS_DIR,
    differences,
    list_presets,
    load_preset,
    preset_names,
    resolve,
    scenario_from_toml,
    with_overrides,
)
from sim.safe_toml import MAX_TOML_BYTES
from sim.scenario import Policy, Scenario
from sim.scenario_errors import ScenarioError


def _error(text: str) -> str:
    with pytest.raises(ScenarioError) as e:
        scenario_from_toml(text, "bad.toml")
    message = str(e.value)
    assert "\n" not in message.strip(), "one error, one line"
    assert message.startswith("bad.toml"), "the error says which file"
    return message


# Bad files -------------------------------------------------------------------------------------------
def test_toml_syntax_error() -> None:
    assert "not valid TOML" in _error("policy = [\n")


def test_unknown_key_is_named_with_a_suggestion() -> None:
    message = _error("[market]\narrivals_per_wek = 30\n")
    assert "market.arrivals_per_wek" in message
    assert "unknown" in message
    assert "arrivals_per_week" in message.split("arrivals_per_wek", 1)[1], "suggests the right name"


def test_unknown_top_level_key_and_section() -> None:
    assert "'policy'" in _error('polcy = "sales_led"\n')
    assert "'market'" in _error("[markt]\narrivals_per_week = 3\n")


def test_wrong_type_names_the_field() -> None:
    message = _error('[market]\narrivals_per_week = "many"\n')
    assert "market.arrivals_per_week" in message
    assert "number" in message
    message = _error("[market]\nshortlist_min = 2.5\n")
    assert "market.shortlist_min" in message and "integer" in message


@pytest.mark.parametrize(
    ("text", "field", "allowed"),
    [
        ("[market]\narrivals_per_week = 5000\n", "market.arrivals_per_week", "from 0 up to 1000"),
        ("[market]\narrivals_per_week = -1\n", "market.arrivals_per_week", "from 0 up to 1000"),
        ("[sales]\nadmin_share = 1.0\n", "sales.admin_share", "from 0 below 1"),
        ("[research]\nneed_mean_touchpoints = 0\n", "research.need_mean_touchpoints", "from 0.05 up to 100"),
        ("[budget]\ncost_per_rep_eur_per_year = 0\n", "budget.cost_per_rep_eur_per_year", "above 0"),
    ],
)
def test_out_of_range_names_field_and_range(text: str, field: str, allowed: str) -> None:
    message = _error(text)
    assert field in message
    assert allowed in message


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("[experiment]\nwarmup_weeks = 30\nhorizon_weeks = 10\n",
         ("experiment.warmup_weeks", "experiment.horizon_weeks")),
        ("[market]\nshortlist_min = 5\nshortlist_max = 2\n", ("market.shortlist_min", "market.shortlist_max")),
        ("[sales]\nadmin_share = 0.6\nprospecting_share = 0.4\n", ("sales.admin_share", "sales.prospecting_share")),
    ],
)
def test_impossible_combination(text: str, fields: tuple[str, str]) -> None:
    message = _error(text)
    for f in fields:
        assert f in message


def test_several_problems_reported_together() -> None:
    message = _error("[market]\narrivals_per_week = -1\nfit_alpha = 0\n")
    assert "market.arrivals_per_week" in message and "market.fit_alpha" in message


def test_extends_an_unknown_preset() -> None:
    message = _error('extends = "nope"\n')
    assert "nope" in message and DEFAULT_PRESET in message


# Presets -----------------------------------------------------------------------------------------------
def test_presets_list_default_first_then_alphabetical() -> None:
    names = preset_names()
    assert names[0] == DEFAULT_PRESET == "baseline_2011"
    assert names[1:] == sorted(names[1:])
    assert set(names) == {p.stem for p in PRESETS_DIR.glob("*.toml")}
    assert len(names) >= 6
    assert [n for n, _ in list_presets()] == names


def test_one_preset_per_policy_and_a_stretched_one() -> None:
    policies = {load_preset(n).policy for n in preset_names()}
    assert policies == set(Policy)
    assert "stretched_reps" in preset_names()


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_loads(name: str) -> None:
    s = load_preset(name)
    assert isinstance(s, Scenario)
    assert s.name == name
    assert s.description.strip()
    assert resolve(name) == s
    assert s.reps >= 1


@pytest.mark.parametrize("name", preset_names())
def test_preset_files_are_commented(name: str) -> None:
    text = (PRESETS_DIR / f"{name}.toml").read_text(encoding="utf-8")
    assert text.lstrip().startswith("#"), "a preset says what it stands for"
    tomllib.loads(text)


def test_default_preset_is_resolved_when_none() -> None:
    assert resolve(None) == load_preset(DEFAULT_PRESET)


def test_extends_takes_the_parent_and_changes_only_what_it_says() -> None:
    s = scenario_from_toml('extends = "zmot_nurture"\nname = "mine"\n[market]\narrivals_per_week = 55\n', "mine.toml")
    parent = load_preset("zmot_nurture")
    assert s.policy is Policy.zmot_nurture
    assert s.market.arrivals_per_week == 55
    mine, theirs = s.model_dump(), parent.model_dump()
    assert mine.pop("name") == "mine"
    theirs.pop("name")
    assert mine["market"].pop("arrivals_per_week") == 55
    theirs["market"].pop("arrivals_per_week")
    assert mine == theirs


def test_file_without_extends_layers_over_the_default() -> None:
    s = scenario_from_toml("[market]\narrivals_per_week = 12\n", "partial.toml")
    base = load_preset(DEFAULT_PRESET)
    assert s.market.arrivals_per_week == 12
    assert s.sales == base.sales and s.policy is base.policy


def test_resolve_a_file_and_a_missing_one(tmp_path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('extends = "hybrid"\n[experiment]\nhorizon_weeks = 30\n', encoding="utf-8")
    s = resolve(str(path))
    assert s.policy is Policy.hybrid and s.experiment.horizon_weeks == 30
    with pytest.raises(ScenarioError, match="neither a preset"):
        resolve(str(tmp_path / "missing.toml"))


# The scenario object -----------------------------------------------------------------------------------
def test_frozen() -> None:
    s = load_preset(DEFAULT_PRESET)
    with pytest.raises(pydantic.ValidationError):
        s.policy = Policy.hybrid
    with pytest.raises(pydantic.ValidationError):
        s.market.arrivals_per_week = 3.0
    assert hash(s) == hash(load_preset(DEFAULT_PRESET))


def test_unknown_keys_refused_in_code_too() -> None:
    data = load_preset(DEFAULT_PRESET).model_dump(mode="json")
    data["market"]["arrivals_per_wek"] = 1
    with pytest.raises(pydantic.ValidationError):
        Scenario.model_validate(data)


def _numeric_fields(model: type[BaseModel], prefix: str = ""):
    for name, info in model.model_fields.items():
        ann = info.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            yield from _numeric_fields(ann, f"{prefix}{name}.")
        elif ann in (int, float):
            yield f"{prefix}{name}", info


def test_every_number_bounded_and_described() -> None:
    fields = list(_numeric_fields(Scenario))
    assert len(fields) > 40
    for path, info in fields:
        lower = any(isinstance(m, at.Ge | at.Gt) for m in info.metadata)
        upper = any(isinstance(m, at.Le | at.Lt) for m in info.metadata)
        assert lower and upper, f"{path} is not bounded on both sides"
        assert info.description and len(info.description) > 10, f"{path} has no description"


def test_extreme_but_possible_settings_are_valid() -> None:
    s = load_preset(DEFAULT_PRESET)
    assert with_overrides(s, ["budget.sales_share=0"]).reps == 0
    assert with_overrides(s, ["budget.sales_share=1"]).marketing_spend == 0
    assert with_overrides(s, ["market.arrivals_per_week=0"]).market.arrivals_per_week == 0
    assert with_overrides(s, ["budget.content_share_of_marketing=0"]).content_spend == 0


# --set -----------------------------------------------------------------------------------------------
def test_overrides_apply_and_validate() -> None:
    s = with_overrides(load_preset(DEFAULT_PRESET), ["market.arrivals_per_week=60", "policy=hybrid",
                                                    "sales.task_time_cv=1"])
    assert s.market.arrivals_per_week == 60 and s.policy is Policy.hybrid and s.sales.task_time_cv == 1


@pytest.mark.parametrize(
    ("assignment", "words"),
    [
        ("market.arrivals_per_week=-5", ("market.arrivals_per_week", "from 0 up to 1000")),
        ("market.arrivls=3", ("market.arrivls", "arrivals_per_week")),
        ("nosuch.field=1", ("nosuch",)),
        ("garbage", ("path.to.field=value",)),
        ("policy=cold_calling", ("policy",)),
    ],
)
def test_bad_override_is_one_clear_error(assignment: str, words: tuple[str, ...]) -> None:
    with pytest.raises(ScenarioError) as e:
        with_overrides(load_preset(DEFAULT_PRESET), [assignment])
    for w in words:
        assert w in str(e.value)


# Numbers are numbers (issue 6) ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[market]\nshortlist_min = true\n", "market.shortlist_min"),
        ('[market]\narrivals_per_week = "60"\n', "market.arrivals_per_week"),
        ("[sales]\nadmin_share = false\n", "sales.admin_share"),
        ("[experiment]\nhorizon_weeks = \"52\"\n", "experiment.horizon_weeks"),
    ],
)
def test_booleans_and_strings_are_not_numbers(text: str, field: str) -> None:
    with pytest.raises(ScenarioError) as e:
        scenario_from_toml(text, "bad.toml")
    assert field in str(e.value) and "must be a number" in str(e.value)
    assert e.value.code == "not_a_number"
    assert e.value.problems[0].field == field


@pytest.mark.parametrize("assignment", ["market.arrivals_per_week=true", 'market.arrivals_per_week="60"',
                                        "market.shortlist_min=false"])
def test_set_refuses_booleans_and_strings_for_numbers(assignment: str) -> None:
    with pytest.raises(ScenarioError) as e:
        with_overrides(load_preset(DEFAULT_PRESET), [assignment])
    assert assignment.split("=")[0] in str(e.value) and e.value.code == "not_a_number"


def test_an_integer_stands_for_a_float_and_a_whole_float_for_an_integer() -> None:
    s = scenario_from_toml("[market]\narrivals_per_week = 60\nshortlist_min = 2.0\n", "ok.toml")
    assert s.market.arrivals_per_week == 60.0 and isinstance(s.market.arrivals_per_week, float)
    assert s.market.shortlist_min == 2 and isinstance(s.market.shortlist_min, int)


# Ordered pairs ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("assignments", "low", "high"),
    [
        (["research.purchase_likelihood_one=0.01", "research.purchase_likelihood_six=0.99"],
         "research.purchase_likelihood_six", "research.purchase_likelihood_one"),
        (["market.shortlist_min=5", "market.shortlist_max=2"], "market.shortlist_min", "market.shortlist_max"),
        (["sales.speed_to_lead_fast_hours=50", "sales.speed_to_lead_slow_hours=10"],
         "sales.speed_to_lead_fast_hours", "sales.speed_to_lead_slow_hours"),
    ],
)
def test_ordered_pairs_refused_when_inverted(assignments: list[str], low: str, high: str) -> None:
    with pytest.raises(ScenarioError) as e:
        with_overrides(load_preset(DEFAULT_PRESET), assignments)
    assert low in str(e.value) and high in str(e.value) and "must not exceed" in str(e.value)
    p = e.value.problems[0]
    assert (p.code, p.field, p.params["other"]) == ("order", low, high)
    assert p.params["value"] > p.params["other_value"]


def test_equal_pairs_are_fine() -> None:
    s = with_overrides(load_preset(DEFAULT_PRESET), [
        "research.purchase_likelihood_one=0.5", "research.purchase_likelihood_six=0.5",
        "sales.speed_to_lead_fast_hours=5", "sales.speed_to_lead_slow_hours=5"])
    assert s.research.purchase_likelihood_one == s.research.purchase_likelihood_six


# --set extends= ------------------------------------------------------------------------------------------
def test_set_extends_relayers_the_default_on_the_preset() -> None:
    s = with_overrides(load_preset(DEFAULT_PRESET), ["extends=zmot_nurture", "market.arrivals_per_week=55"])
    assert s == with_overrides(load_preset("zmot_nurture"), ["market.arrivals_per_week=55"])


def test_set_extends_keeps_what_a_preset_changes_from_its_parent() -> None:
    s = with_overrides(load_preset("hybrid"), ["extends=stretched_reps"])
    stretched, hybrid, base = load_preset("stretched_reps"), load_preset("hybrid"), load_preset(DEFAULT_PRESET)
    assert s.policy is Policy.hybrid and s.name == "hybrid"
    own = differences(base, hybrid)  # what hybrid changes from its parent...
    assert {k: v for k, v in differences(stretched, s).items()} == {
        k: v for k, v in own.items() if differences(stretched, hybrid).get(k) is not None}
    assert all(differences(base, s).get(k) == v for k, v in own.items())  # ...is kept, on stretched_reps


def test_set_extends_an_unknown_preset_is_refused() -> None:
    with pytest.raises(ScenarioError) as e:
        with_overrides(load_preset(DEFAULT_PRESET), ["extends=nope"])
    assert e.value.code == "extends_unknown" and "nope" in str(e.value) and DEFAULT_PRESET in str(e.value)
    assert e.value.params["presets"] == preset_names()


# Deep nesting and huge files -------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["v = " + "[" * 5000 + "]" * 5000, "v = " + "{a = " * 3000 + "1" + "}" * 3000,
                                  ".".join(["a"] * 200_000) + " = 1", "[" + ".".join(["a"] * 50_000) + "]\n",
                                  "[market]\nx = [[[[[[[[[[1]]]]]]]]]]\n"])
def test_deep_nesting_is_one_clear_error(text: str) -> None:
    message = _error(text)
    assert "nested too deeply" in message


def test_a_huge_file_is_one_clear_error(tmp_path) -> None:
    text = "# padding\n" * 150_000
    assert "too large" in _error(text)
    path = tmp_path / "huge.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as e:
        resolve(str(path))
    assert e.value.code == "too_large" and e.value.params["limit"] == MAX_TOML_BYTES


def test_ordinary_toml_with_dots_and_strings_is_not_deep() -> None:
    s = scenario_from_toml('name = "a.b.c.d.e.f.g.h.i.j.k"\ndescription = """[[[[[[[[[[ {{{{{{{{{{"""\n'
                           "[market] # a.b.c.d.e.f.g.h.i.j\narrivals_per_week = 1.5\n", "ok.toml")
    assert s.name == "a.b.c.d.e.f.g.h.i.j.k" and s.market.arrivals_per_week == 1.5


# Coded errors ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("policy = [\n", "bad_toml", {"detail"}),
        ("[market]\narrivals_per_wek = 30\n", "unknown_field", {"suggestion"}),
        ("[market]\narrivals_per_week = 5000\n", "out_of_range", {"value", "ge", "le"}),
        ("[market]\nshortlist_min = 2.5\n", "not_an_integer", {"value", "ge", "le"}),
        ('policy = "cold"\n', "not_a_choice", {"value", "choices"}),
        ('extends = "nope"\n', "extends_unknown", {"value", "presets"}),
        ("market = 3\n", "not_a_section", {"value"}),
        ("[sales]\nadmin_share = 0.6\nprospecting_share = 0.4\n", "no_selling_time", {"value"}),
    ],
)
def test_every_error_has_a_code_and_params(text: str, code: str, params: set[str]) -> None:
    with pytest.raises(ScenarioError) as e:
        scenario_from_toml(text, "bad.toml")
    assert e.value.code == code, str(e.value)
    assert params <= set(e.value.params), e.value.params
    assert str(e.value).startswith("bad.toml: ") and e.value.problems[0].message in str(e.value)
    assert code in sys.modules["sim.scenario_errors"].__doc__
    json.dumps(e.value.to_dict())


def test_several_problems_keep_their_own_codes() -> None:
    with pytest.raises(ScenarioError) as e:
        scenario_from_toml("[market]\narrivals_per_week = -1\nfit_alpha = true\nnope = 1\n", "bad.toml")
    assert sorted(p.code for p in e.value.problems) == ["not_a_number", "out_of_range", "unknown_field"]
    assert {p.field for p in e.value.problems} == {"market.arrivals_per_week", "market.fit_alpha", "market.nope"}


def test_missing_preset_and_file_codes() -> None:
    with pytest.raises(ScenarioError) as e:
        load_preset("nope")
    assert e.value.code == "not_a_preset"
    with pytest.raises(ScenarioError) as e:
        resolve("no/such\0file.toml")
    assert e.value.code == "not_a_preset"


def test_a_plain_message_is_still_a_scenario_error() -> None:
    e = ScenarioError("something odd")
    assert str(e) == "something odd" and e.code == "invalid" and e.problems[0].message == "something odd"


# Reps from any allowed budget ----------------------------------------------------------------------
def test_a_tiny_rep_cost_is_refused_as_too_many_reps_not_an_overflow() -> None:
    s = with_overrides(load_preset(DEFAULT_PRESET), ["budget.cost_per_rep_eur_per_year=5e-324"])
    assert s.reps > MAX_REPS
    assert math.isfinite(s.yearly_cost)
    with pytest.raises(RunTooLarge) as e:
        check_size([s], 1)
    assert e.value.code == "too_many_reps" and e.value.params["limit"] == MAX_REPS
    assert "reps" in str(e.value) and "budget.cost_per_rep_eur_per_year" in str(e.value)


def test_run_too_large_carries_buyers_and_limit() -> None:
    s = load_preset(DEFAULT_PRESET)
    with pytest.raises(RunTooLarge) as e:
        check_size([s], 100_000)
    assert e.value.code == "too_many_buyers"
    assert e.value.params["buyers"] > e.value.params["limit"] == max_buyer_runs()
    assert f"{e.value.params['buyers']:,}" in str(e.value)
    assert "too_many_buyers" in sys.modules["sim.experiment"].__doc__
