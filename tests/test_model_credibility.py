"""The model at its edges and for nurture: memory, dormant spells, nurture's effects, overload, the
budget spent in full, presets that isolate what they stand for, and the lever warnings."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from sim import compare, load_preset
from sim.calibrate import calibration_table, nurture_rows, ready_within
from sim.experiment import confidence_interval
from sim.groups import (
    BUDGET_SPLIT,
    LABEL,
    MARKET,
    MARKETING_MIX,
    POLICY,
    POLICY_LEVERS,
    differing_fields,
    differing_groups,
    fields,
    group_of,
    lever_warnings,
)
from sim.presets import preset_names, with_overrides

SEED = 7
SHORT = ("experiment.warmup_weeks=13", "experiment.horizon_weeks=26", "experiment.follow_up_weeks=8")


def short(preset: str, *assignments: str, name: str | None = None):
    s = with_overrides(load_preset(preset), [*SHORT, *assignments])
    return s.model_copy(update={"name": name or preset})


def paired(cmp, kpi: str, i: int = 1, j: int = 0) -> tuple[float, float, float]:
    a = cmp.results[i].per_replication[kpi].to_numpy(dtype=float)
    b = cmp.results[j].per_replication[kpi].to_numpy(dtype=float)
    return confidence_interval(a - b)


# Presets and input groups ------------------------------------------------------------------------
def test_every_input_belongs_to_one_group_and_levers_are_policy_inputs() -> None:
    for f in fields():
        group_of(f)  # raises if unmapped
    for levers in POLICY_LEVERS.values():
        assert all(group_of(f) == POLICY for f in levers)


@pytest.mark.parametrize("preset", ["mql_handoff", "zmot_nurture", "hybrid"])
def test_policy_presets_differ_from_the_baseline_only_in_policy_and_marketing_mix(preset: str) -> None:
    base, other = load_preset("baseline_2011"), load_preset(preset)
    assert set(differing_groups(base, other)) == {POLICY, MARKETING_MIX}


def test_nurturing_presets_share_one_marketing_mix_and_the_baseline_funds_no_nurture() -> None:
    mixes = {preset: load_preset(preset) for preset in ("mql_handoff", "zmot_nurture", "hybrid")}
    first = mixes["zmot_nurture"]
    for s in mixes.values():
        assert not [f for f in differing_fields(first, s) if group_of(f) == MARKETING_MIX]
        assert s.nurture_spend > 0
    assert load_preset("baseline_2011").nurture_spend == 0


def test_seed_advice_and_market_presets_change_only_what_they_stand_for() -> None:
    base = load_preset("baseline_2011")
    assert set(differing_groups(base, load_preset("seed_advice"))) == {POLICY, MARKETING_MIX, BUDGET_SPLIT}
    assert differing_groups(base, load_preset("later_market")) == [MARKET]
    assert differing_groups(base, load_preset("stretched_reps")) == [MARKET]
    assert "sales_led" not in preset_names()
    assert group_of("name") == LABEL


def test_spending_on_a_lever_the_policy_ignores_warns_in_the_cli() -> None:
    s = with_overrides(load_preset("baseline_2011"), ["budget.content_share_of_marketing=0.7"])
    assert [w.code for w in lever_warnings(s)] == ["nurture_ignored"]
    assert not lever_warnings(load_preset("zmot_nurture"))
    out = subprocess.run([sys.executable, "-m", "sim", "run", "baseline_2011", "-r", "1", "--jobs", "1",
                          "--set", "budget.content_share_of_marketing=0.7", "--set", "experiment.horizon_weeks=4",
                          "--set", "experiment.warmup_weeks=0", "--set", "experiment.follow_up_weeks=0",
                          "--format", "csv"], capture_output=True, text=True, check=True)
    assert "warning: baseline_2011: the sales_led policy does not nurture leads" in out.stderr


# The budget, spent in full -----------------------------------------------------------------------
def test_every_split_spends_the_whole_budget_with_a_part_time_rep() -> None:
    a, b = (with_overrides(load_preset("baseline_2011"), [f"budget.sales_share={x}"]) for x in (0.7, 0.75))
    assert a.reps == pytest.approx(2_000_000 * 0.7 / 150_000)
    assert a.yearly_cost == pytest.approx(b.yearly_cost) == pytest.approx(2_000_000)
    res = compare([short("baseline_2011", "budget.sales_share=0.7")], 2, SEED).results[0]
    weekly = res.rep_hours.groupby(["replication", "week"], observed=True)["hours"].sum()
    assert np.allclose(weekly.to_numpy(), a.reps * a.sales.hours_per_week)
    assert res.per_replication["cost_total"].iloc[0] == pytest.approx(2_000_000 * 26 / 52)


# Memory and dormant spells -----------------------------------------------------------------------
def test_a_dormant_spell_delays_the_zmot_by_about_its_length() -> None:
    weeks = 10
    # Nobody revealed at the pause and a follow-up long enough that no spell is cut short by the run's end.
    same = ("marketing.pause_reveal_probability=0", "experiment.follow_up_weeks=150")
    cmp = compare([short("zmot_nurture", *same, "research.dormant_share=0", name="awake"),
                   short("zmot_nurture", *same, "research.dormant_share=1", f"research.dormant_weeks_mean={weeks}",
                         name="asleep")], 3, SEED, detail=True)
    awake, asleep = (r.buyers for r in cmp.results)
    # Buyers nobody knew, that reached their ZMOT: each slept one spell of mean `weeks`, nothing else changed.
    pick = (awake["source"] == "hand_raise") | (awake["outcome"] == "lost_not_shortlisted")
    ids = awake.loc[pick, ["replication", "buyer"]]
    a = awake.merge(ids).set_index(["replication", "buyer"])["zmot_week"]
    b = asleep.merge(ids).set_index(["replication", "buyer"])["zmot_week"]
    delay = (b - a).dropna()
    assert delay.mean() == pytest.approx(weeks, rel=0.15)


def test_a_shorter_memory_loses_more_shortlists() -> None:
    cmp = compare([short("baseline_2011", "marketing.memory_half_life_weeks=10000", name="never forget"),
                   short("baseline_2011", "marketing.memory_half_life_weeks=2", name="forget fast")], 4, SEED)
    assert paired(cmp, "lost_not_shortlisted")[1] > 0


# Nurture -----------------------------------------------------------------------------------------
def test_switching_nurture_on_raises_opportunities_among_the_same_leads() -> None:
    on = load_preset("zmot_nurture")
    cmp = compare([on.without_nurture(), on], 6, SEED, detail=True)
    per = [
        res.buyers[res.buyers["source"] == "marketing_inquiry"].groupby("replication")["opportunities"].sum()
        for res in cmp.results
    ]
    assert confidence_interval((per[1] - per[0]).to_numpy(dtype=float))[1] > 0
    assert on.without_nurture().nurture_spend == on.nurture_spend  # same spend, no touches


def test_calibrate_reports_the_four_nurture_figures() -> None:
    table = calibration_table(load_preset("baseline_2011"), 3, SEED)
    nurture = table[table["kind"] == "nurture"]
    assert len(nurture) == 4
    assert nurture["model"].notna().all() and nurture["verdict"].isin(["ok", "miss"]).all()
    assert nurture["note"].str.contains("nurture", case=False).all()


def test_ready_within_treats_open_leads_as_censored_and_quitters_as_never_ready() -> None:
    leads = pd.DataFrame({
        "known_week": [0.0, 0.0, 0.0, 0.0],
        "zmot_week": [10.0, np.nan, np.nan, 30.0],
        "outcome": ["won", "in_progress", "lost_no_decision", "won"],
    })
    # The open lead is censored at 5 weeks, so 3 are at risk at 10 (one ready: S = 2/3); the quitter stays.
    assert ready_within(leads, 20, run_end_week=5.0) == pytest.approx(1 / 3)
    assert ready_within(leads, 40, run_end_week=5.0) == pytest.approx(1 - (2 / 3) * (1 / 2))
    assert np.isnan(ready_within(leads.iloc[0:0], 20, run_end_week=5.0))
    assert callable(nurture_rows)


# Overload ----------------------------------------------------------------------------------------
def test_wins_rise_then_saturate_never_fall_as_demand_grows_with_a_fixed_team() -> None:
    demand = (40, 240, 1000)
    cmp = compare([short("baseline_2011", f"market.arrivals_per_week={a}", name=f"{a}/week") for a in demand],
                  4, SEED)
    wins = [r.per_replication["wins"].to_numpy(dtype=float) for r in cmp.results]
    assert wins[1].mean() > wins[0].mean()
    for lo, hi, d in zip(wins, wins[1:], demand[1:], strict=False):
        # Markets of different sizes share no buyers, so the runs are independent: a fall beyond three
        # standard errors would be a finding (a correct model fails this about once in a thousand runs).
        se = np.sqrt(lo.var(ddof=1) / lo.size + hi.var(ddof=1) / hi.size)
        assert hi.mean() - lo.mean() > -3 * se, f"wins fell at {d} buyers a week: {[w.mean() for w in wins]}"
    util = cmp.results[-1].kpi("rep_utilization")
    assert util > 0.95 and cmp.results[-1].kpi("opportunities") > 0
