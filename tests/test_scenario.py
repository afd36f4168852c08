"""The scenario and its presets: bad files give one clear error; presets load; scenarios are frozen."""

from __future__ import annotations

import tomllib

import annotated_types as at
import pydantic
import pytest
from pydantic import BaseModel

from sim.presets import (
    DEFAULT_PRESET,
    PRESETS_DIR,
    ScenarioError,
    list_presets,
    load_preset,
    preset_names,
    resolve,
    scenario_from_toml,
    with_overrides,
)
from sim.scenario import Policy, Scenario


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
