"""Conservation: every buyer, hour and euro is accounted for; intervals cover a known mean."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from ..experiment import run
from ..presets import load_preset, with_overrides
from .core import (
    COUNT_KPIS,
    LOST_KPIS,
    SEED,
    SHARE_KPIS,
    WORK_ACTIVITIES,
    Verdict,
    _g,
    _preset_runs,
    _reps,
    _worst,
    _z_limit,
    check,
    check_alpha,
)


@check
def buyers_add_up_in_kpis(quick: bool) -> Verdict:
    """buyers_arrived = wins + every lost_* + buyers_in_progress, in every replication of every preset."""
    gaps = []
    for res in _preset_runs(quick):
        k = res.per_replication
        gaps += list((k["buyers_arrived"] - k["wins"] - k[list(LOST_KPIS)].sum(axis=1) - k["buyers_in_progress"]).abs())
    return Verdict("gap 0 in every replication of every preset",
                   f"largest gap {_g(_worst(gaps))} buyers over {len(gaps)} replications", _worst(gaps) == 0)


@check
def buyers_add_up_in_buyer_table(quick: bool) -> Verdict:
    """Every buyer of the cohort has one row and one outcome, and the outcome counts are the KPIs."""
    problems = []
    for res in _preset_runs(quick):
        b, k = res.buyers, res.per_replication.set_index("replication")
        counts = b.groupby(["replication", "outcome"], observed=False).size().unstack("outcome", fill_value=0)
        counts = counts.reindex(k.index, fill_value=0)
        if b["outcome"].isna().any():
            problems.append(f"{res.scenario.name}: buyers without an outcome")
        if not (counts.sum(axis=1) == k["buyers_arrived"]).all():
            problems.append(f"{res.scenario.name}: rows != buyers_arrived")
        for outcome in counts.columns:
            kpi = {"won": "wins", "in_progress": "buyers_in_progress"}.get(outcome, outcome)
            if kpi not in k.columns or not (counts[outcome] == k[kpi]).all():
                problems.append(f"{res.scenario.name}: {outcome} count != KPI {kpi}")
    return Verdict("one row per buyer; outcome counts equal the KPIs (every preset)",
                   "; ".join(problems) or "all equal", not problems)


@check
def funnel_stages_nested(quick: bool) -> Verdict:
    """Per buyer: won => opportunity => SQL => SAL, MQL => inquiry, and revenue if and only if won."""
    problems = []
    for res in _preset_runs(quick):
        b = res.buyers
        won = b["outcome"] == "won"
        pairs = ((won, "opportunities"), (b["opportunities"], "sqls"), (b["sqls"], "sals"), (b["mqls"], "inquiries"))
        for upper, lower in pairs:
            n = int((upper & ~b[lower]).sum())
            if n:
                problems.append(f"{res.scenario.name}: {n} buyers past a stage without {lower}")
        n = int(((b["revenue"] > 0) != won).sum())
        if n:
            problems.append(f"{res.scenario.name}: {n} buyers with revenue != won")
        if (b["wins"] != won).any():
            problems.append(f"{res.scenario.name}: wins flag != outcome won")
    return Verdict("no buyer skips a stage (win, opportunity, SQL, SAL; MQL, inquiry); revenue only on wins",
                   "; ".join(problems) or "nested in every preset", not problems)


@check
def rep_hours_add_up_each_week(quick: bool) -> Verdict:
    """Hours by activity (incl. admin and idle) add up to reps x hours_per_week, week by week."""
    gaps = []
    for res in _preset_runs(quick):
        paid = res.scenario.reps * res.scenario.sales.hours_per_week
        weekly = res.rep_hours.groupby(["replication", "week"])["hours"].sum()
        gaps.append(float((weekly - paid).abs().max() / paid))
    return Verdict("every week of every preset: relative gap below 1e-9",
                   f"largest relative gap {_g(_worst(gaps))}", _worst(gaps) < 1e-9)


@check
def rep_busy_time_matches_task_hours(quick: bool) -> Verdict:
    """Time-average busy reps x week x available share = hours booked to work on buyers, week by week.

    The queue statistics (busy reps integrated over time) and the activity hours (task by task) are
    kept separately; they must tell the same story.
    """
    gaps = []
    for res in _preset_runs(quick):
        s = res.scenario
        share = 1 - s.sales.admin_share - s.sales.prospecting_share
        h = res.rep_hours[res.rep_hours["activity"].isin(WORK_ACTIVITIES)]
        booked = h.groupby(["replication", "week"])["hours"].sum()
        busy = res.queue.set_index(["replication", "week"])["busy_reps"] * s.sales.hours_per_week * share
        paid = s.reps * s.sales.hours_per_week
        gaps.append(float((booked - busy.reindex(booked.index)).abs().max() / paid))
    return Verdict("every week of every preset: relative gap below 1e-9",
                   f"largest gap {_g(_worst(gaps))} of paid hours", _worst(gaps) < 1e-9)


@check
def cohort_size_matches_arrival_rate(quick: bool) -> Verdict:
    """The cohort is the buyers arriving in the measured window: arrivals_per_week x horizon_weeks on average."""
    parts, ok = [], True
    runs = _preset_runs(quick)
    limit = _z_limit(check_alpha(len(runs)))
    for res in runs:
        s, n = res.scenario, res.per_replication["buyers_arrived"]
        expected = s.market.arrivals_per_week * s.experiment.horizon_weeks * len(n)
        z = (float(n.sum()) - expected) / math.sqrt(expected)
        ok &= abs(z) < limit
        parts.append(f"{s.name} z={z:+.2f}")
    return Verdict(f"pooled cohort size within {limit:.2f} Poisson standard errors of the rate x window "
                   "(every preset)", "; ".join(parts), ok)


@check
def revenue_shares_add_up(quick: bool) -> Verdict:
    """Marketing-sourced + inbound + outbound revenue shares = 1: every win was first known one of three ways."""
    gaps = []
    for res in _preset_runs(quick):
        k = res.per_replication
        shares = ["marketing_sourced_revenue_share", "inbound_revenue_share", "outbound_revenue_share"]
        gaps += list((k[shares].sum(axis=1) - 1).abs()[k["revenue"] > 0])
    return Verdict("sum 1 in every replication with revenue (every preset)", f"largest gap {_g(_worst(gaps))}",
                   _worst(gaps) < 1e-9 and len(gaps) > 0)


@check
def cost_accounting(quick: bool) -> Verdict:
    """cost_total = (reps x cost per rep + marketing) x weeks / 52, and cost_per_win = cost_total / wins."""
    gaps = []
    for res in _preset_runs(quick):
        s, k = res.scenario, res.per_replication
        expected = (s.reps * s.budget.cost_per_rep_eur_per_year + s.marketing_spend) * s.experiment.horizon_weeks / 52
        gaps += list((k["cost_total"] - expected).abs() / expected)
        won = k["wins"] > 0
        gaps += list((k["cost_per_win"] - k["cost_total"] / k["wins"])[won].abs() / k["cost_per_win"][won])
        gaps += [math.inf] * int((~won & k["cost_per_win"].notna()).sum())  # a cost per win with no win
    return Verdict("relative gap below 1e-9 (every preset)", f"largest relative gap {_g(_worst(gaps))}",
                   _worst(gaps) < 1e-9)


@check
def kpis_within_bounds(quick: bool) -> Verdict:
    """Shares within [0, 1], counts whole and non-negative, hours non-negative, nothing infinite."""
    problems = []
    for res in _preset_runs(quick):
        k = res.per_replication
        for name in SHARE_KPIS:
            x = k[name].dropna()
            if ((x < 0) | (x > 1)).any():
                problems.append(f"{res.scenario.name}.{name} outside [0, 1]")
        for name in COUNT_KPIS:
            x = k[name]
            if (x < 0).any() or (x != np.round(x)).any():
                problems.append(f"{res.scenario.name}.{name} not a whole count")
        hours = [c for c in k.columns if c.startswith("rep_hours_")]
        if (k[hours] < 0).any().any():
            problems.append(f"{res.scenario.name}: negative hours")
        if np.isinf(k.drop(columns="replication").to_numpy(dtype=float)).any():
            problems.append(f"{res.scenario.name}: infinite KPI")
    return Verdict("every KPI of every preset within its bounds", "; ".join(problems) or "all within bounds",
                   not problems)


@check
def confidence_intervals_cover_a_known_mean(quick: bool) -> Verdict:
    """The 95% CIs the results report cover a KPI whose true mean is known (the cohort size, Poisson with
    mean arrivals x weeks) about 95% of the time: many seeds, three replications each (t, not z, matters)."""
    s = with_overrides(load_preset("baseline_2011"), ["budget.sales_share=0", "experiment.horizon_weeks=4",
                                                      "experiment.warmup_weeks=0", "experiment.follow_up_weeks=0"])
    truth = s.market.arrivals_per_week * s.experiment.horizon_weeks
    n = _reps(quick, 100, 200)
    covered = 0
    for seed in range(SEED, SEED + n):
        row = run(s, 3, seed, n_jobs=1, detail=False).summary.set_index("kpi").loc["buyers_arrived"]
        covered += bool(row["ci_low"] <= truth <= row["ci_high"])
    alpha = check_alpha()
    lo, hi = (int(x) for x in stats.binom.ppf([alpha / 2, 1 - alpha / 2], n, 0.95))
    return Verdict(f"between {lo} and {hi} of {n} intervals cover {_g(truth)} ({1 - alpha:.4%} binomial range "
                   "around 95%)",
                   f"{covered} of {n} ({covered / n:.0%})", lo <= covered <= hi)
