"""Property-based tests (hypothesis): any allowed input runs or is refused with the documented error.

- Scenarios drawn across the whole range the schema allows (each numeric field between its pydantic
  bounds, read from the schema itself, so that a new field is drawn too) run without any exception
  but `ScenarioError` or `RunTooLarge`, and keep every buyer of the cohort accounted for. Only the
  experiment's length, the arrival rate and the size of the sales team (MAX_DRAWN_REPS, by lowering
  the budget; or far beyond MAX_REPS, to meet RunTooLarge) are kept small, so that each example runs
  in a blink: a team of hundreds of prospecting reps costs seconds of simulation per week.
- Any text, TOML-like or random (random bytes decoded), fed to `scenario_from_toml` gives a scenario
  or a `ScenarioError`, never another exception; so do random --set assignments.
"""

from __future__ import annotations

import json
import math
import os

import annotated_types as at
import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from sim.experiment import RunTooLarge, run
from sim.presets import load_preset, scenario_from_dict, scenario_from_toml, with_overrides
from sim.records import OUTCOMES
from sim.scenario import ORDERED_PAIRS, Policy, Scenario
from sim.scenario_errors import ScenarioError

# 60 examples a test keeps the file to seconds; ZMOT_EXAMPLES=1000 for a longer hunt.
SETTINGS = settings(max_examples=int(os.environ.get("ZMOT_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
LOST = tuple(o for o in OUTCOMES if o.startswith("lost_"))
MAX_DRAWN_REPS = 12
SMALL = {  # what keeps an example fast: a short run of a small market
    "experiment.horizon_weeks": st.integers(4, 8),
    "experiment.warmup_weeks": st.integers(0, 2),
    "experiment.follow_up_weeks": st.integers(0, 2),
    "market.arrivals_per_week": st.floats(0, 30),
}


def _bounds(info) -> tuple[float | None, float | None, bool, bool]:
    lo = hi = None
    open_lo = open_hi = False
    for m in info.metadata:
        if isinstance(m, at.Ge):
            lo = m.ge
        elif isinstance(m, at.Gt):
            lo, open_lo = m.gt, True
        elif isinstance(m, at.Le):
            hi = m.le
        elif isinstance(m, at.Lt):
            hi, open_hi = m.lt, True
    return lo, hi, open_lo, open_hi


def _field_strategy(path: str, info) -> st.SearchStrategy:
    if path in SMALL:
        return SMALL[path]
    lo, hi, open_lo, open_hi = _bounds(info)
    if info.annotation is int:
        return st.integers(int(lo) + open_lo, int(hi) - open_hi)
    if info.annotation is float:
        return st.floats(lo, hi, exclude_min=open_lo, exclude_max=open_hi, allow_nan=False, allow_infinity=False)
    raise AssertionError(f"{path}: no strategy for {info.annotation}")


def _section(model: type[BaseModel], prefix: str) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({name: _field_strategy(f"{prefix}{name}", info)
                                  for name, info in model.model_fields.items()})


def _put(data: dict, path: str, value) -> None:
    *sections, leaf = path.split(".")
    for p in sections:
        data = data[p]
    data[leaf] = value


def _get(data: dict, path: str):
    for p in path.split("."):
        data = data[p]
    return data


@st.composite
def scenario_data(draw: st.DrawFn, ordered: bool = True) -> dict:
    """A scenario mapping with every field drawn within its bounds; ordered pairs put in order (unless
    `ordered` is False) and the reps' fixed shares leaving them time to sell, so that most draws are valid."""
    data: dict = {"name": "drawn", "description": "", "policy": draw(st.sampled_from([p.value for p in Policy]))}
    for name, info in Scenario.model_fields.items():
        ann = info.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            data[name] = draw(_section(ann, f"{name}."))
    if ordered:
        for low, high in ORDERED_PAIRS:
            a, b = _get(data, low), _get(data, high)
            if a > b:
                _put(data, low, b)
                _put(data, high, a)
        sales = data["sales"]
        sales["prospecting_share"] = sales["prospecting_share"] * (1 - sales["admin_share"]) * 0.999
    b = data["budget"]
    if draw(st.integers(0, 19)) == 0:  # now and then a budget that buys an absurd team: RunTooLarge
        b["cost_per_rep_eur_per_year"] = 5e-324
    elif b["gtm_budget_eur_per_year"] * b["sales_share"] > MAX_DRAWN_REPS * b["cost_per_rep_eur_per_year"]:
        b["gtm_budget_eur_per_year"] = MAX_DRAWN_REPS * b["cost_per_rep_eur_per_year"] / b["sales_share"]
    return data


def _buyers_accounted_for(res) -> None:
    """Each cohort buyer has exactly one outcome, and the counts are the KPIs (validate's buyers_add_up)."""
    k = res.per_replication
    lost = k[list(LOST)].sum(axis=1)
    assert (k["buyers_arrived"] == k["wins"] + lost + k["buyers_in_progress"]).all()
    b = res.buyers
    if k["buyers_arrived"].sum() == 0:
        return
    assert not b["outcome"].isna().any(), "a buyer without an outcome"
    assert not b.duplicated(["replication", "buyer"]).any(), "a buyer counted twice"
    counts = b.groupby(["replication", "outcome"], observed=False).size().unstack("outcome", fill_value=0)
    counts = counts.reindex(k.set_index("replication").index, fill_value=0)
    kk = k.set_index("replication")
    assert (counts.sum(axis=1) == kk["buyers_arrived"]).all()
    for outcome in counts.columns:
        kpi = {"won": "wins", "in_progress": "buyers_in_progress"}.get(outcome, outcome)
        assert (counts[outcome] == kk[kpi]).all(), outcome


@SETTINGS
@given(data=scenario_data(), seed=st.integers(0, 2**32))
def test_any_allowed_scenario_runs_or_is_refused_and_buyers_add_up(data: dict, seed: int) -> None:
    try:
        s = scenario_from_dict({**data, "extends": None}, "drawn")
        res = run(s, 1, seed, n_jobs=1, detail=True)
    except (ScenarioError, RunTooLarge) as e:
        event(f"refused: {type(e).__name__} {getattr(e, 'code', '')}")
        return
    event("ran")
    _buyers_accounted_for(res)
    values = res.per_replication.drop(columns="replication").to_numpy(dtype=float)
    assert not np.isinf(values).any(), "an infinite KPI"


@SETTINGS
@given(data=scenario_data(ordered=False))
def test_unordered_draws_are_refused_with_a_code_or_valid(data: dict) -> None:
    try:
        s = scenario_from_dict({**data, "extends": None}, "drawn")
    except ScenarioError as e:
        assert e.problems and all(p.code and p.message for p in e.problems)
        assert "\n" not in str(e)
        json.dumps(e.to_dict())  # the parameters are plain data, ready for a translation
        return
    for low, high in ORDERED_PAIRS:
        assert _get(s.model_dump(), low) <= _get(s.model_dump(), high)


# Texts ----------------------------------------------------------------------------------------------
_KEYS = st.sampled_from(["policy", "name", "extends", "market", "arrivals_per_week", "shortlist_min",
                         "purchase_likelihood_one", "x", "research", "sales", "experiment", "horizon_weeks"])
_SCALARS = st.one_of(
    st.floats().map(lambda x: "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf") if math.isinf(x) else repr(x)),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["true", "false", '"hybrid"', '"baseline_2011"', "1979-05-27", "[]", "{}"]),
    st.text(max_size=20).map(json.dumps),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
    st.lists(st.tuples(_KEYS, inner), max_size=3).map(lambda kv: "{" + ", ".join(f"{k} = {v}" for k, v in kv) + "}"),
), max_leaves=8)
_LINES = st.one_of(
    st.tuples(_KEYS, _VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    _KEYS.map(lambda k: f"[{k}]"),
    st.integers(1, 3000).map(lambda n: "v = " + "[" * n + "]" * n),
    st.text(max_size=30),
)
_TOMLISH = st.lists(_LINES, max_size=8).map("\n".join)
_BYTES_TEXT = st.binary(max_size=200).flatmap(
    lambda b: st.sampled_from([b.decode("utf-8", errors="replace"), b.decode("utf-8", errors="surrogateescape"),
                               b.decode("latin-1")]))


def _only_scenario_error(text: str) -> None:
    try:
        s = scenario_from_toml(text, "fuzz.toml")
    except ScenarioError as e:
        message = str(e)
        assert message.startswith("fuzz.toml") or message.startswith("--set") or e.code == "not_a_preset"
        assert e.problems and all(p.code for p in e.problems)
        return
    assert isinstance(s, Scenario)


@SETTINGS
@given(text=st.one_of(st.text(), _TOMLISH, _BYTES_TEXT))
def test_any_text_is_a_scenario_or_a_scenario_error(text: str) -> None:
    _only_scenario_error(text)


@SETTINGS
@given(assignments=st.lists(st.one_of(
    st.tuples(st.sampled_from(["market.arrivals_per_week", "market.shortlist_min", "policy", "extends", "budget",
                               "sales.speed_to_lead_fast_hours", "experiment.horizon_weeks", "a.b.c", ""]),
              st.one_of(_VALUES, st.text(max_size=20))).map(lambda kv: f"{kv[0]}={kv[1]}"),
    st.text(max_size=30)), max_size=3))
def test_any_set_is_applied_or_a_scenario_error(assignments: list[str]) -> None:
    try:
        s = with_overrides(load_preset("baseline_2011"), assignments)
    except ScenarioError as e:
        assert e.problems and all(p.code and p.message for p in e.problems)
        return
    assert isinstance(s, Scenario)


@pytest.mark.parametrize("n", [10, 100, 1000, 100_000])
def test_deep_nesting_is_one_clear_line(n: int) -> None:
    for text in ("v = " + "[" * n + "]" * n, "v = " + "{a = " * n + "1" + "}" * n, ".".join(["a"] * n) + " = 1"):
        with pytest.raises(ScenarioError) as e:
            scenario_from_toml(text, "deep.toml")
        assert e.value.code in ("too_deep", "too_large", "unknown_field"), str(e.value)[:200]
        assert "\n" not in str(e.value) and len(str(e.value)) < 400
