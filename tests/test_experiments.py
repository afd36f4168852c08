"""The decision experiments (budget shift, what matters, where a difference comes from), their executor,
size guard and command line. Short horizons and few replications: invariants, not the model's figures
(which move as the model does)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim import executor
from sim.executor import SchedulerError, run_grid, stream
from sim.experiment import (
    ENV_MAX_BUYER_RUNS,
    RunTooLarge,
    check_size,
    compare,
    estimate_work,
    expected_buyers,
    run,
)
from sim.explain import explain, mixed_scenarios
from sim.groups import GROUP_ORDER, differing_groups
from sim.kpis import KPIS
from sim.matters import DECISION_REPLICATIONS, DECISION_SHARES, RangesError, load_ranges, what_matters
from sim.presets import load_preset, preset_names, with_overrides
from sim.scenario_errors import ScenarioError
from sim.shift import ALL_POLICIES, DEFAULT_SHARES, budget_shift, check_policies, kpi_goal, parse_shares

ROOT = Path(__file__).resolve().parent.parent
SHORT = ["experiment.horizon_weeks=8", "experiment.warmup_weeks=2", "experiment.follow_up_weeks=2"]
SHORT_CLI = [x for a in SHORT for x in ("--set", a)]


def short(name: str, *more: str):
    return with_overrides(load_preset(name), [*SHORT, *more]).model_copy(update={"name": name})


def closed_port() -> int:
    """A local port with nothing listening on it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- Budget shift --------------------------------------------------------------------------------------------


def test_a_shift_point_is_a_plain_run_of_the_same_scenario_and_seed() -> None:
    s = short("baseline_2011")  # 25% marketing
    sh = budget_shift(s, [0.25, 0.5], None, 3, 7, n_jobs=1)
    point = sh.per_replication.query("marketing_share == 0.25").drop(columns=["policy", "marketing_share"])
    plain = run(s, 3, 7, n_jobs=1, detail=False).per_replication
    pd.testing.assert_frame_equal(point.reset_index(drop=True), plain, check_dtype=False)


def test_reps_and_spend_follow_the_budget_exactly_and_the_edges_are_honest() -> None:
    s = short("zmot_nurture")
    sh = budget_shift(s, DEFAULT_SHARES, ["zmot_nurture", "sales_led"], 2, 3, n_jobs=2)
    b = s.budget
    pts = sh.kpi("wins")
    assert len(pts) == 2 * 21 and sorted(set(pts["marketing_share"])) == list(DEFAULT_SHARES)
    for _, p in pts.iterrows():
        m = p["marketing_share"]
        assert p["total_eur"] == pytest.approx(b.gtm_budget_eur_per_year, rel=1e-12)
        assert p["reps"] == pytest.approx(b.gtm_budget_eur_per_year * (1 - m) / b.cost_per_rep_eur_per_year,
                                          rel=1e-12)
        assert p["marketing_eur"] == pytest.approx(b.gtm_budget_eur_per_year * m, rel=1e-12, abs=1e-6)
    per = sh.per_replication
    assert (per.loc[per["marketing_share"] == 0.0, "inquiries"] == 0).all()  # no marketing: no inquiries
    assert (per.loc[per["marketing_share"] == 1.0, "sals"] == 0).all()  # no reps: nobody answers
    assert (per.loc[per["marketing_share"] == 1.0, "wins"] == 0).all()


def test_best_share_carries_its_probability() -> None:
    sh = budget_shift(short("baseline_2011"), [0.0, 0.25, 0.5], ["sales_led", "hybrid"], 4, 5, n_jobs=1)
    pb = sh.p_best("wins")
    for _, g in pb.groupby("policy"):
        assert g["p_best"].sum() == pytest.approx(1.0)
    assert pb["p_best_overall"].sum() == pytest.approx(1.0)
    best = sh.best("wins")
    assert list(best["policy"]) == ["sales_led", "hybrid"]
    assert ((best["p_best"] >= 0) & (best["p_best"] <= 1)).all()
    # cost per win: less is better, and a point with no win is never best
    assert kpi_goal("cost_per_win") == "min"
    assert sh.best("cost_per_win")["marketing_share"].isin([0.0, 0.25, 0.5]).all()


def test_local_processes_one_process_and_a_dask_cluster_give_identical_frames() -> None:
    from distributed import LocalCluster

    s = short("baseline_2011")
    args = (s, [0.0, 0.3, 0.6], ["sales_led", "zmot_nurture"], 2, 11)
    one = budget_shift(*args, n_jobs=1)
    local = budget_shift(*args, n_jobs=2)
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        try:
            dask = budget_shift(*args, scheduler=cluster.scheduler_address)
        finally:
            executor.close_clients()
    for other in (local, dask):
        pd.testing.assert_frame_equal(one.points, other.points)
        pd.testing.assert_frame_equal(one.per_replication, other.per_replication)


def test_a_policy_point_takes_that_policys_groups_and_the_rest_from_the_scenario() -> None:
    s = short("baseline_2011", "market.arrivals_per_week=30")
    sh = budget_shift(s, [0.25], ["mql_handoff"], 1, 1, n_jobs=1)
    assert sh.policies == ["mql_handoff"]
    assert (sh.per_replication["mqls"] >= 0).all()
    from sim.shift import shift_points

    (_, _, p), = shift_points(s, [0.25], ["mql_handoff"])
    assert p.policy.value == "mql_handoff" and p.market.arrivals_per_week == 30
    assert p.budget.content_share_of_marketing == load_preset("mql_handoff").budget.content_share_of_marketing


# --- Bad inputs ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1:0:0.1", "0:1:0", "0:2:0.5", "a,b", "", "0,0", "0:1", "-0.1,0.5"])
def test_a_bad_grid_names_the_option(text: str) -> None:
    with pytest.raises(ValueError, match="--shares"):
        parse_shares(text)


def test_grids_read_as_written() -> None:
    assert parse_shares("0:1:0.05") == list(DEFAULT_SHARES)
    assert parse_shares("0,0.5,1") == [0.0, 0.5, 1.0]
    assert parse_shares("0.2:0.4:0.1") == [0.2, 0.3, 0.4]


def test_unknown_policy_or_kpi_names_the_option() -> None:
    with pytest.raises(ValueError, match="--policies"):
        check_policies(["sales_led", "nurture_everything"])
    with pytest.raises(ValueError, match="--kpi"):
        budget_shift(short("baseline_2011"), [0.5], None, 1, 1).best("winz")
    with pytest.raises(ValueError, match="--kpi"):
        what_matters(short("baseline_2011"), "winz", 1)
    with pytest.raises(ValueError, match="--goal"):
        kpi_goal("touchpoints_per_buyer")  # no plain direction: say which


def test_an_unreachable_scheduler_is_a_clear_error_within_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    addr = f"tcp://127.0.0.1:{closed_port()}"
    t0 = time.perf_counter()
    with pytest.raises(SchedulerError, match=r"--scheduler tcp://127\.0\.0\.1:\d+: no Dask scheduler answered"):
        budget_shift(short("baseline_2011"), [0.5], None, 2, 1, scheduler=addr)
    # A bound on the connect timeout (5 s), with a wide margin for a loaded machine; not a speed figure.
    assert time.perf_counter() - t0 < 30
    monkeypatch.setenv(executor.ENV_SCHEDULER, addr)
    with pytest.raises(SchedulerError, match="ZMOT_SCHEDULER"):
        compare([short("baseline_2011")], 1, 1)


# --- Executor -------------------------------------------------------------------------------------------------


def test_stream_yields_every_task_once_and_identical_tasks_run_once() -> None:
    a = short("baseline_2011")
    twin = a.model_copy(update={"name": "twin"})
    tasks = [(a, 0), (a, 1), (twin, 0), (short("hybrid"), 0)]
    calls: list[float] = []
    got = dict(stream(tasks, 3, n_jobs=2, progress=calls.append))
    assert sorted(got) == [0, 1, 2, 3]
    assert got[0] is got[2]  # the twin is the same run
    assert calls and calls[-1] == pytest.approx(1.0) and calls == sorted(calls)


def test_a_stop_from_progress_cancels_and_the_next_run_is_unharmed() -> None:
    s = short("baseline_2011")
    points = [with_overrides(s, [f"budget.sales_share={x}"]) for x in (0.5, 0.6, 0.7, 0.8)]

    class Stop(Exception):
        pass

    def stop(_: float) -> None:
        raise Stop

    with pytest.raises(Stop):
        run_grid(points, 6, 2, n_jobs=2, progress=stop)
    gen = stream([(p, r) for p in points for r in range(6)], 2, n_jobs=2)
    next(gen)
    gen.close()  # closing the generator cancels too
    after = pd.DataFrame([o.kpis for out in run_grid(points, 2, 2, n_jobs=2) for o in out])
    alone = pd.DataFrame([o.kpis for out in run_grid(points, 2, 2, n_jobs=1) for o in out])
    pd.testing.assert_frame_equal(after, alone)  # NaN where a rate is undefined: equal as frames


# --- Size guard -----------------------------------------------------------------------------------------------


def test_every_documented_default_fits_the_guard_on_every_preset() -> None:
    """Deterministic: the estimate reads the scenarios only. Runs nothing."""
    base = load_preset("baseline_2011")
    n_inputs = len(load_ranges())
    for name in preset_names():
        s = load_preset(name)
        check_size([s], 30)  # run
        check_size([s, base], 30)  # compare
        check_size([s] * 7, 30)  # sweep's seven default values
        check_size([s] * (len(DEFAULT_SHARES) * len(ALL_POLICIES)), 20)  # shift
        per_end = 20 + (len(ALL_POLICIES) + len(DECISION_SHARES)) * DECISION_REPLICATIONS
        check_size([s] * (1 + 2 * n_inputs), per_end)  # matters, an upper bound (shared runs counted twice)
        check_size([s] * 2 ** len(GROUP_ORDER), 30)  # explain, every group differing


def test_beyond_the_limit_the_guard_points_to_force_and_a_cluster(monkeypatch: pytest.MonkeyPatch) -> None:
    s = load_preset("stretched_reps")
    assert estimate_work([s] * 3, 10) == pytest.approx(3 * 10 * expected_buyers(s))
    with pytest.raises(RunTooLarge, match=r"--force.*--scheduler"):
        check_size([s] * 84, 1000)
    assert check_size([s] * 84, 1000, force=True) > 0
    monkeypatch.setenv(ENV_MAX_BUYER_RUNS, "1000")
    with pytest.raises(RunTooLarge, match="limit is 1,000"):
        budget_shift(short("baseline_2011"), [0.5], None, 3, 1)  # 3 x 480 buyers


# --- What matters ---------------------------------------------------------------------------------------------


def ranges_file(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "ranges.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_the_shipped_ranges_cover_the_inputs_asked_for_and_hold_the_presets_values() -> None:
    inputs = load_ranges()
    fields = {f for u in inputs for f in u.low}
    for f in ("marketing.affinity_per_nurture_touch", "marketing.nurture_consensus", "marketing.nurture_wake_boost",
              "marketing.sov_elasticity", "marketing.memory_half_life_weeks", "research.dormant_share",
              "sales.speed_to_lead_fast_hours", "sales.annoyance_max_probability", "research.need_mean_touchpoints",
              "market.deal_value_median_eur", "budget.cost_per_rep_eur_per_year"):
        assert f in fields, f
    base = load_preset("baseline_2011").model_dump()
    for u in inputs:
        assert u.reason
        for f in u.low:
            section, leaf = f.split(".")
            assert u.low[f] <= base[section][leaf] <= u.high[f], f


def test_low_equal_to_high_gives_zero_swing(tmp_path: Path) -> None:
    # Low and high both at the scenario's own value: the same runs as the base, so no swing and no
    # decision that changes (a value other than the base's may legitimately change the decision).
    s = short("baseline_2011", "experiment.follow_up_weeks=20")  # long enough for deals to close: revenue
    base = s.research.dormant_share
    p = ranges_file(tmp_path, f"""
[same]
low = {{ "research.dormant_share" = {base} }}
high = {{ "research.dormant_share" = {base} }}
[deal]
label = "Deal value"
low = {{ "market.deal_value_median_eur" = 20000.0 }}
high = {{ "market.deal_value_median_eur" = 80000.0 }}
""")
    m = what_matters(s, "revenue", 3, 1, ranges=p, policies=["sales_led", "hybrid"],
                     decision_shares=[0.25, 0.5], decision_replications=2, n_jobs=2)
    rows = m.rows.set_index("input")
    assert rows.loc["same", "swing"] == 0 and rows.loc["same", "kpi_low"] == rows.loc["same", "kpi_high"]
    assert not rows.loc["same", "decision_changes"]
    assert list(m.rows["input"]) == ["deal", "same"]  # sorted by swing
    assert rows.loc["deal", "swing"] > 0  # revenue grows with the deal value, the same buyers (CRN)
    assert "coarse grid" in m.note and "2 replications" in m.note
    assert m.base["best_policy"] in ("sales_led", "hybrid") and m.base["best_share"] in (0.25, 0.5)


@pytest.mark.parametrize(("text", "words"), [
    ("[x\nlow = 1", "not valid TOML"),
    ('[x]\nlow = { "research.dormant_shar" = 0.1 }\nhigh = { "research.dormant_shar" = 0.2 }', "not an input"),
    ('[x]\nlow = { "research.dormant_share" = 0.1 }', "missing high"),
    ('[x]\nlow = { "research.dormant_share" = "a" }\nhigh = { "research.dormant_share" = 0.2 }', "not a number"),
    ('[x]\nlow = { "research.dormant_share" = 0.1 }\nhigh = { "research.need_mean_touchpoints" = 2 }', "same fields"),
    ("", "no input"),
])
def test_a_bad_ranges_file_is_a_clear_error(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(RangesError, match=words) as e:
        load_ranges(ranges_file(tmp_path, text))
    assert "--ranges" in str(e.value)


def test_an_impossible_range_value_names_the_input(tmp_path: Path) -> None:
    p = ranges_file(tmp_path, '[odd]\nlow = { "research.dormant_share" = 0.1 }\n'
                              'high = { "research.dormant_share" = 2 }')
    with pytest.raises(RangesError, match=r"\[odd\] high.*dormant_share"):
        what_matters(short("baseline_2011"), "wins", 1, ranges=p)


# --- Where a difference comes from ----------------------------------------------------------------------------


def test_the_parts_add_up_to_the_total_replication_by_replication() -> None:
    a, b = short("baseline_2011"), short("seed_advice", "market.arrivals_per_week=45")
    e = explain(a, b, 4, 3, n_jobs=2)
    assert e.groups == differing_groups(a, b) == ["budget_split", "marketing_mix", "policy", "market"]
    per = e.per_replication
    ok = per["total"].notna()
    gap = per.loc[ok, list(GROUP_ORDER)].sum(axis=1) - per.loc[ok, "total"]
    scale = per.loc[ok, "total"].abs().clip(lower=1)
    assert (gap.abs() <= 1e-9 * scale).all()
    # and so do the means
    for kpi in [k.name for k in KPIS]:
        total, parts = e.kpi(kpi)
        if not np.isfinite(total["mean"]):  # undefined in some mix in every replication (no win: no cost per win)
            assert parts["mean"].isna().all()
            continue
        assert parts["mean"].sum() == pytest.approx(total["mean"], rel=1e-9, abs=1e-9)
        assert (parts.loc[~parts["differs"], "mean"] == 0).all()
    # the total is the paired difference B minus A
    cmp = compare([a, b], 4, 3, n_jobs=2, detail=False)
    d = cmp.differences.set_index(["scenario", "kpi"]).loc[("seed_advice", "wins"), "mean"]
    assert e.kpi("wins")[0]["mean"] == pytest.approx(d)


def test_identical_scenarios_give_zero_parts_and_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import sim.explain as ex

    points: list[int] = []
    real = ex.run_grid

    def counting(scenarios, *a, **k):
        points.append(len(scenarios))
        return real(scenarios, *a, **k)

    monkeypatch.setattr(ex, "run_grid", counting)
    a = short("zmot_nurture")
    e = explain(a, a.model_copy(update={"name": "copy"}), 3, 1, n_jobs=1)
    assert points == [1] and e.groups == []
    for kpi in ("wins", "revenue"):
        total, parts = e.kpi(kpi)
        assert total["mean"] == 0 and (parts["mean"] == 0).all() and len(parts) == len(GROUP_ORDER)


def test_an_impossible_mix_of_groups_is_reported() -> None:
    # A's sales (admin 50%) with B's policy (prospecting 60%) leaves reps no time to sell.
    a = short("baseline_2011", "sales.admin_share=0.5", "sales.prospecting_share=0.1")
    b = short("baseline_2011", "sales.admin_share=0.2", "sales.prospecting_share=0.6")
    with pytest.raises(ScenarioError, match=r"not a possible scenario.*admin_share"):
        mixed_scenarios(a, b, differing_groups(a, b))
    with pytest.raises(ScenarioError, match="policy"):
        explain(a, b, 1, 1)


# --- Command line ---------------------------------------------------------------------------------------------


def sim(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sim", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def ok_json(*args: str) -> dict:
    done = sim(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def test_cli_shift_json() -> None:
    out = ok_json("shift", "baseline_2011", *SHORT_CLI, "-r", "2", "--seed", "4", "--policies",
                  "sales_led,zmot_nurture", "--shares", "0:1:0.5", "--jobs", "2")
    assert out["kpi"] == "wins" and len(out["points"]) == 6
    for p in out["points"]:
        assert set(p) >= {"policy", "marketing_share", "reps", "marketing_eur", "total_eur", "mean", "ci_low",
                          "ci_high"}
        assert p["total_eur"] == pytest.approx(2_000_000)
    assert set(out["best"]) == {"sales_led", "zmot_nurture"}
    for b in out["best"].values():
        assert b["marketing_share"] in (0, 0.5, 1) and 0 <= b["p_best"] <= 1


def test_cli_matters_json(tmp_path: Path) -> None:
    p = ranges_file(tmp_path, '[need]\nlow = { "research.need_mean_touchpoints" = 8.0 }\n'
                              'high = { "research.need_mean_touchpoints" = 15.0 }\n'
                              '[same]\nlow = { "research.dormant_share" = 0.3 }\n'
                              'high = { "research.dormant_share" = 0.3 }')
    out = ok_json("matters", "baseline_2011", *SHORT_CLI, "-r", "2", "--ranges", str(p), "--decision-shares",
                  "0.25,0.5", "--decision-replications", "1", "--jobs", "2")
    assert out["kpi"] == "wins" and {"mean", "ci_low", "ci_high", "best_policy", "best_share"} <= set(out["base"])
    assert [r["input"] for r in out["rows"]][-1] == "same"
    for r in out["rows"]:
        assert set(r) >= {"input", "low", "high", "kpi_low", "kpi_high", "swing", "decision_changes"}
    assert "coarse grid" in out["note"]
    swings = [abs(r["swing"]) for r in out["rows"]]
    assert swings == sorted(swings, reverse=True)


def test_cli_explain_json_and_csv(tmp_path: Path) -> None:
    out = ok_json("explain", "baseline_2011", "seed_advice", *SHORT_CLI, "-r", "2", "--jobs", "2")
    assert out["kpi"] == "wins" and set(out["total"]) >= {"mean", "ci_low", "ci_high"}
    assert [p["group"] for p in out["parts"]] == list(GROUP_ORDER)
    assert sum(p["mean"] for p in out["parts"]) == pytest.approx(out["total"]["mean"], abs=1e-9)
    target = tmp_path / "parts.csv"
    done = sim("explain", "baseline_2011", "seed_advice", *SHORT_CLI, "-r", "2", "--jobs", "1", "--kpi", "revenue",
               "--format", "csv", "--out", str(target))
    assert done.returncode == 0 and done.stdout == ""
    assert list(pd.read_csv(target)["group"])[-1] == "total"


def no_process_left(marker: str) -> bool:
    """No process of this machine carries the environment marker given to the command (its workers)."""
    time.sleep(0.5)
    for env in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in env.read_bytes():
                return False
        except OSError:
            continue
    return True


@pytest.mark.parametrize(("args", "word"), [
    (["shift", "baseline_2011", "--shares", "0:2:0.5"], "--shares"),
    (["shift", "baseline_2011", "--policies", "sales_led,everything"], "--policies"),
    (["shift", "baseline_2011", "--kpi", "winz"], "--kpi"),
    (["matters", "baseline_2011", "--ranges", "/nonexistent/ranges.toml"], "--ranges"),
    (["explain", "baseline_2011", "no_such_preset"], "no_such_preset"),
    (["shift", "baseline_2011", "--scheduler", "SCHED"], "--scheduler"),
    (["explain", "baseline_2011", "seed_advice", "-r", "100000"], "--force"),
])
def test_cli_errors_are_one_line_exit_2_and_leave_no_process(args: list[str], word: str) -> None:
    marker = f"ZMOT_TEST_{uuid.uuid4().hex}"
    args = [a.replace("SCHED", f"tcp://127.0.0.1:{closed_port()}") for a in args]
    done = sim(*args, *SHORT_CLI, "-r" if "-r" not in args else "--seed", "2", env={marker: "1"})
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and word in lines[0], done.stderr
    assert no_process_left(f"{marker}=1")


def test_cli_scheduler_from_the_environment() -> None:
    done = sim("explain", "baseline_2011", "seed_advice", *SHORT_CLI, "-r", "1",
               env={executor.ENV_SCHEDULER: f"tcp://127.0.0.1:{closed_port()}"})
    assert done.returncode == 2 and "ZMOT_SCHEDULER" in done.stderr and "Traceback" not in done.stderr


def test_the_default_sweep_runs_on_every_preset_within_the_guard() -> None:
    """`python -m sim sweep stretched_reps` used to be refused (1.18 M buyers against a 1 M cap)."""
    s = load_preset("stretched_reps")
    assert np.isclose(estimate_work([s] * 7, 30), 7 * 30 * expected_buyers(s))
    check_size([s] * 7, 30)


def test_ctrl_c_stops_the_run_and_its_workers() -> None:
    marker = f"ZMOT_TEST_{uuid.uuid4().hex}"
    p = subprocess.Popen([sys.executable, "-m", "sim", "shift", *SHORT_CLI, "-r", "400", "--progress"], cwd=ROOT,
                         env={**os.environ, marker: "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        seen = b""
        while b"%" not in seen:  # the bar is drawn: the run has started
            chunk = p.stderr.read1(256)
            assert chunk, "the command ended before its progress bar"
            seen += chunk
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=60)
    finally:
        p.kill()
    assert p.returncode == 130 and b"error: interrupted" in err and b"Traceback" not in err
    assert no_process_left(f"{marker}=1")


def test_the_engine_fingerprint_covers_every_module_a_replication_imports():
    """Workers of a cluster are checked against the client by a hash of the engine's files: a module the
    engine imports (at module level) but the hash leaves out could differ unnoticed."""
    import ast

    from sim import replicate

    folder = Path(replicate.__file__).parent
    seen, todo = set(), ["replicate.py"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.parse((folder / name).read_text()).body:  # module level: what a worker loads
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo += [f"{node.module}.py"] if node.module else [f"{a.name}.py" for a in node.names]
    assert seen <= set(replicate._ENGINE_FILES), seen - set(replicate._ENGINE_FILES)
