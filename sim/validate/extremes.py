"""Extreme cases: zero budgets, zero reps, no buyers, endless patience and others give honest results."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from ..experiment import RunTooLarge, check_size, run
from ..presets import load_preset
from ..scenario import Policy, Scenario
from ..scenario_errors import ScenarioError
from .core import (
    COUNT_KPIS,
    LOST_KPIS,
    SEED,
    Verdict,
    _compare,
    _frames_equal,
    _g,
    _preset_runs,
    _reps,
    _run,
    _scenario,
    _short,
    check,
)

DEADLINE_SECONDS = 30.0  # a short one-replication run takes well under a second, plus ~2 s of imports


def _in_child(conn, fn: Callable, args: tuple) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as e:  # reported to the parent, which decides
        conn.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


def run_with_deadline(fn: Callable, args: tuple, seconds: float = DEADLINE_SECONDS) -> tuple[str, object]:
    """fn(*args) in a child process killed at the deadline: ('ok', value), ('error', message) or
    ('timeout', None). A check of a run that might never end must not hang the whole validation."""
    # spawn, not fork: a fork of a process whose worker-pool threads hold a lock can deadlock the child
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_in_child, args=(child, fn, args), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(seconds):
            return ("timeout", None)
        try:
            return parent.recv()
        except EOFError:
            return ("error", f"the run died (exit code {proc.exitcode})")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()


def _zero_everywhere(k: pd.DataFrame, names: Sequence[str]) -> list[str]:
    return [n for n in names if not (k[n] == 0).all()]


@check
def no_content_budget_no_inquiries(quick: bool) -> Verdict:
    """content_share_of_marketing = 0: our share of voice is zero, so nobody fills a form (each policy)."""
    bad = []
    for preset in ("baseline_2011", "mql_handoff", "zmot_nurture", "hybrid"):
        k = _run(_short(_scenario(preset, "budget.content_share_of_marketing=0")), _reps(quick, 2, 4)).per_replication
        bad += [f"{preset}.{n}" for n in _zero_everywhere(k, ["inquiries", "mqls"] if preset != "baseline_2011"
                                                             else ["inquiries"])]
        share = k["marketing_sourced_revenue_share"].dropna()
        if (share != 0).any():
            bad.append(f"{preset}.marketing_sourced_revenue_share")
    return Verdict("inquiries 0 (and MQLs 0 where marketing passes leads), marketing-sourced revenue 0",
                   f"non-zero: {', '.join(bad)}" if bad else "all zero", not bad)


@check
def no_marketing_budget_no_inquiries(quick: bool) -> Verdict:
    """sales_share = 1: the whole budget pays reps; no content, no nurture, no inquiries."""
    bad = []
    for preset in ("baseline_2011", "zmot_nurture"):
        k = _run(_short(_scenario(preset, "budget.sales_share=1")), _reps(quick, 2, 4)).per_replication
        bad += [f"{preset}.{n}" for n in _zero_everywhere(k, ["inquiries"])]
        if not (k["wins"] > 0).all():
            bad.append(f"{preset}: no wins although reps answer hand-raises")
    return Verdict("inquiries 0; hand-raisers still bought (wins > 0)", "; ".join(bad) or "as expected", not bad)


@check
def zero_reps_nobody_answers(quick: bool) -> Verdict:
    """sales_share = 0: no rep; nobody is talked to or won, hand-raisers give up, the run does not crash."""
    bad = []
    for preset in ("baseline_2011", "mql_handoff", "zmot_nurture", "hybrid"):
        s = _short(_scenario(preset, "budget.sales_share=0"))
        k = _run(s, _reps(quick, 2, 4)).per_replication
        bad += [f"{preset}.{n} != 0" for n in _zero_everywhere(
            k, ["sals", "sqls", "opportunities", "wins", "revenue", "rep_hours_premature", "rep_hours_qualification",
                "rep_hours_opportunity", "rep_hours_prospecting", "rep_hours_idle", "rep_hours_admin"])]
        if not (k["lost_slow_response"] > 0).all():
            bad.append(f"{preset}: no hand-raiser lost to slow response")
        if not k["response_time_hours"].isna().all():
            bad.append(f"{preset}: a response time without reps")
        if np.isinf(k.drop(columns="replication").to_numpy(dtype=float)).any():
            bad.append(f"{preset}: infinite KPI")
        gap = k["buyers_arrived"] - k["wins"] - k[list(LOST_KPIS)].sum(axis=1) - k["buyers_in_progress"]
        if (gap != 0).any():
            bad.append(f"{preset}: buyers do not add up")
    return Verdict("SALs, SQLs, opportunities, wins, revenue, rep hours 0; slow-response losses > 0; "
                   "response time undefined (NaN); buyers add up; nothing infinite (each policy)",
                   "; ".join(bad) or "as expected", not bad)


@check
def market_without_buyers(quick: bool) -> Verdict:
    """arrivals_per_week = 0: every count zero, every ratio undefined (NaN, not an error), cost still paid."""
    s = _short(_scenario("baseline_2011", "market.arrivals_per_week=0"))
    k = _run(s, 2).per_replication
    bad = _zero_everywhere(k, [*COUNT_KPIS, "revenue"])
    for name in ("conversion_rate", "win_rate", "cost_per_win", "response_time_hours", "days_to_zmot"):
        if not k[name].isna().all():
            bad.append(f"{name} defined")
    if not (k["cost_total"] > 0).all():
        bad.append("cost_total not paid")
    if np.isinf(k.drop(columns="replication").to_numpy(dtype=float)).any():
        bad.append("infinite KPI")
    return Verdict("counts 0, ratios NaN, cost_total > 0, no crash", "; ".join(bad) or "as expected", not bad)


def _one_short_run(s: Scenario) -> tuple[float, float]:
    """Largest gap in the buyers' and in the weekly rep hours' accounting, for one replication."""
    res = run(s, 1, SEED, n_jobs=1, detail=True)
    k = res.per_replication
    buyers = float((k["buyers_arrived"] - k["wins"] - k[list(LOST_KPIS)].sum(axis=1) - k["buyers_in_progress"])
                   .abs().max())
    paid = s.reps * s.sales.hours_per_week
    weekly = res.rep_hours.groupby(["replication", "week"])["hours"].sum()
    return buyers, float((weekly - paid).abs().max() / paid)


@check
def working_week_of_any_length_runs(quick: bool) -> Verdict:
    """A 38.4-hour week (any length from 10 to 80 is allowed) runs and its books balance: week boundaries
    that are not whole binary numbers must not trap the time bookkeeping."""
    parts, ok = [], True
    for hours in (38.4, 37.5):
        s = _short(_scenario("baseline_2011", f"sales.hours_per_week={hours}"))
        status, value = run_with_deadline(_one_short_run, (s,))
        if status == "ok":
            buyers, gap = value  # type: ignore[misc]
            ok &= buyers == 0 and gap < 1e-9
            parts.append(f"{hours} h: ran; buyers gap {_g(buyers)}, hours gap {_g(gap)}")
        else:
            ok = False
            why = f"did not finish in {_g(DEADLINE_SECONDS)} s" if status == "timeout" else value
            parts.append(f"{hours} h: {why}")
    return Verdict(f"runs within {_g(DEADLINE_SECONDS)} s (one short replication); buyers and hours add up",
                   "; ".join(parts), ok)


def _simulate_once(s: Scenario) -> int:
    check_size([s], 1)
    return int(run(s, 1, SEED, n_jobs=1, detail=False).per_replication["buyers_arrived"].iloc[0])


@check
def huge_sales_team_is_refused_or_runs(quick: bool) -> Verdict:
    """A possible but absurd budget (1e9 EUR, 1,000 EUR per rep: 750,000 reps) must be refused with
    RunTooLarge's clear message or run in reasonable time, never hang the app."""
    try:
        s = _short(_scenario("baseline_2011", "budget.gtm_budget_eur_per_year=1e9",
                             "budget.cost_per_rep_eur_per_year=1000"))
    except ScenarioError as e:  # refusing such a budget outright is a fine answer too
        return Verdict("RunTooLarge or ScenarioError, or done in time", f"refused: {e}", True)
    status, value = run_with_deadline(_simulate_once, (s,))
    refused = status == "error" and str(value).startswith(RunTooLarge.__name__)
    observed = {"ok": f"ran ({value} buyers)", "timeout": f"still running after {_g(DEADLINE_SECONDS)} s"}.get(
        status, str(value))
    return Verdict(f"{s.reps:,} reps: RunTooLarge, or done within {_g(DEADLINE_SECONDS)} s", observed,
                   status == "ok" or refused)


@check
def hybrid_without_eligible_accounts_is_zmot_nurture(quick: bool) -> Verdict:
    """hybrid whose fit threshold no account reaches (1) never checks in: it is zmot_nurture, replication by
    replication (the two presets share market, budget and reps)."""
    cmp = _compare((load_preset("zmot_nurture"), _scenario("hybrid", "marketing.hybrid_fit_threshold=1")),
                   _reps(quick, 2, 4))
    a, b = (r.per_replication for r in cmp.results)
    same = _frames_equal(a, b)
    return Verdict("identical per-replication KPIs", "identical" if same else "different", same)


@check
def recalled_leads_keep_researching(quick: bool) -> Verdict:
    """mql_handoff with an MQL threshold of 0 and calls that teach nothing: a recalled lead goes back to
    research (MODEL.md), so it still reaches its ZMOT and some buyers still buy from us."""
    s = _short(_scenario("mql_handoff", "marketing.mql_threshold=0", "sales.premature_learning_touchpoints=0"))
    res = _run(s, _reps(quick, 2, 4), detail=True)
    k, b = res.per_replication, res.buyers
    wins = k["wins"].tolist()
    return Verdict("wins > 0 in every replication",
                   f"wins {wins}; most early calls to one buyer {int(b['premature_contacts'].max())}; "
                   f"rep utilisation {_g(float(k['rep_utilization'].mean()))}", all(w > 0 for w in wins))


@check
def zmot_threshold_near_zero_first_contacts_after_zmot(quick: bool) -> Verdict:
    """research.need_mean_touchpoints = 0.05: buyers know what they want at once, so (with no policy that
    calls every inquiry) at least 95% of first rep contacts come after the ZMOT."""
    parts, ok = [], True
    for preset in ("mql_handoff", "zmot_nurture", "hybrid"):
        cmp = _compare((load_preset(preset), _scenario(preset, "research.need_mean_touchpoints=0.05")),
                       _reps(quick, 3, 8))
        before, after = (r.kpi("premature_contact_share") for r in cmp.results)
        ok &= after <= 0.05
        parts.append(f"{preset} {_g(before)} -> {_g(after)}")
    return Verdict("premature_contact_share <= 0.05 (default need -> need 0.05)", "; ".join(parts), ok)


@check
def zmot_threshold_near_zero_reached_almost_at_once(quick: bool) -> Verdict:
    """research.need_mean_touchpoints accepts 0.05: a buyer that needs a twentieth of a touchpoint reaches
    its ZMOT in a fraction of the time one that needs a whole touchpoint takes (0.05 vs 1: under half), dormant
    spells aside."""
    cmp = _compare((_scenario("zmot_nurture", "research.need_mean_touchpoints=1", "research.dormant_share=0",
                              name="need 1"),
                    _scenario("zmot_nurture", "research.need_mean_touchpoints=0.05", "research.dormant_share=0",
                              name="need 0.05")),
                   _reps(quick, 2, 4))
    one, tiny = (r.kpi("days_to_zmot") for r in cmp.results)
    return Verdict("days_to_zmot(need 0.05) < 0.5 x days_to_zmot(need 1)",
                   f"need 1: {_g(one)} days; need 0.05: {_g(tiny)} days", tiny < 0.5 * one)


@check
def zmot_nurture_without_prospecting_makes_no_early_contact(quick: bool) -> Verdict:
    """zmot_nurture preset (no prospecting): no premature contact, no outbound buyer, no prospecting hours."""
    res = next(r for r in _preset_runs(quick) if r.scenario.name == "zmot_nurture")
    k, b = res.per_replication, res.buyers
    bad = _zero_everywhere(k, ["rep_hours_premature", "rep_hours_prospecting", "premature_contact_share"])
    if (b["source"] == "outbound").any():
        bad.append("outbound buyers")
    return Verdict("premature hours, prospecting hours, premature share 0; no outbound buyer",
                   f"non-zero: {', '.join(bad)}" if bad else "as expected", not bad)


@check
def idle_reps_prospect_under_sales_led(quick: bool) -> Verdict:
    """sales_led books idle time to prospecting (no idle hours); other policies keep idle time as idle."""
    bad = []
    for res in _preset_runs(quick):
        k, s = res.per_replication, res.scenario
        paid = s.reps * s.sales.hours_per_week * s.experiment.horizon_weeks
        if s.policy is Policy.sales_led:
            if not (k["rep_hours_idle"] == 0).all():
                bad.append(f"{s.name}: idle hours under sales_led")
        elif not np.allclose(k["rep_hours_prospecting"], s.sales.prospecting_share * paid, rtol=1e-9, atol=1e-6):
            bad.append(f"{s.name}: prospecting hours != prospecting_share x paid hours")
        elif not (k["rep_hours_idle"] > 0).all():
            bad.append(f"{s.name}: no idle hours")
    return Verdict("sales_led: idle 0; others: prospecting = share x paid, idle > 0",
                   "; ".join(bad) or "as expected", not bad)


def _all_zero_verdict(s: Scenario, quick: bool, zero: Sequence[str], positive: Sequence[str]) -> Verdict:
    k = _run(_short(s), _reps(quick, 2, 4)).per_replication
    bad = [f"{n} {k[n].tolist()}" for n in _zero_everywhere(k, zero)]
    bad += [f"{n} {k[n].tolist()}" for n in positive if not (k[n] > 0).all()]
    expected = ", ".join(f"{n} 0" for n in zero) + "".join(f"; {n} > 0" for n in positive)
    return Verdict(expected, "; ".join(bad) or "as expected", not bad)


@check
def no_annoyance_no_premature_losses(quick: bool) -> Verdict:
    """annoyance_max_probability = 0: early calls never annoy, so nobody is lost to a premature contact."""
    s = _scenario("baseline_2011", "sales.annoyance_max_probability=0")
    return _all_zero_verdict(s, quick, ["lost_premature"], ["rep_hours_premature"])


@check
def alone_on_every_shortlist_never_lost_to_competitor(quick: bool) -> Verdict:
    """Shortlists of exactly one vendor: a buyer that decides with us on its list buys from us."""
    s = _scenario("baseline_2011", "market.shortlist_min=1", "market.shortlist_max=1")
    return _all_zero_verdict(s, quick, ["lost_competitor"], ["wins"])


@check
def endless_patience_no_slow_response_losses(quick: bool) -> Verdict:
    """Stretched reps but buyers who wait for ever (patience 1e9 h): nobody is lost to a slow response."""
    s = _scenario("stretched_reps", "research.patience_hours_mean=1e9")
    return _all_zero_verdict(s, quick, ["lost_slow_response"], ["wins"])


@check
def never_shortlisted_never_wins(quick: bool) -> Verdict:
    """shortlist_max_probability = 0: no buyer ever has us on its shortlist, so no SQL, opportunity or win."""
    bad = []
    for preset in ("baseline_2011", "zmot_nurture"):
        s = _short(_scenario(preset, "marketing.shortlist_max_probability=0"))
        k = _run(s, _reps(quick, 2, 4)).per_replication
        bad += [f"{preset}.{n}" for n in _zero_everywhere(k, ["sqls", "opportunities", "wins", "revenue"])]
    return Verdict("SQLs, opportunities, wins, revenue 0", f"non-zero: {', '.join(bad)}" if bad else "all zero",
                   not bad)


@check
def everyone_disqualified_no_opportunity(quick: bool) -> Verdict:
    """unqualified_fit_below = 1: every buyer fails qualification: no SQL, opportunity or win."""
    k = _run(_short(_scenario("baseline_2011", "sales.unqualified_fit_below=1")), _reps(quick, 2, 4)).per_replication
    bad = _zero_everywhere(k, ["sqls", "opportunities", "wins"])
    if not (k["lost_disqualified"] > 0).all():
        bad.append("lost_disqualified = 0")
    return Verdict("SQLs, opportunities, wins 0; lost_disqualified > 0", "; ".join(bad) or "as expected", not bad)


@check
def no_group_attrition_no_no_decision(quick: bool) -> Verdict:
    """Purchase likelihood 1 for every group size: nobody ends in 'no decision'."""
    k = _run(_short(_scenario("baseline_2011", "research.purchase_likelihood_one=1",
                              "research.purchase_likelihood_six=1")), _reps(quick, 2, 4)).per_replication
    bad = _zero_everywhere(k, ["lost_no_decision"])
    return Verdict("lost_no_decision 0", f"lost_no_decision {k['lost_no_decision'].tolist()}", not bad)


@check
def fixed_deal_value_revenue_is_wins_times_value(quick: bool) -> Verdict:
    """deal_value_spread = 0: every deal is worth the median, so revenue = wins x median."""
    s = _short(_scenario("baseline_2011", "market.deal_value_spread=0"))
    k = _run(s, _reps(quick, 2, 4)).per_replication
    value = s.market.deal_value_median_eur
    gap = float((k["revenue"] - k["wins"] * value).abs().max())
    ok = gap <= 1e-9 * value * max(1.0, float(k["wins"].max())) and k["wins"].sum() > 0
    return Verdict("revenue = wins x deal_value_median_eur", f"largest gap {_g(gap)} EUR; wins {k['wins'].tolist()}",
                   bool(ok))
