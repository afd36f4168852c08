"""`python -m sim shift | matters | explain`: the decision experiments from the command line.

Each takes `--format table|csv|json`, `--out FILE`, `--scheduler tcp://host:port` (or the
`ZMOT_SCHEDULER` environment variable) to run on a Dask cluster, `--force` to lift the size guard,
`--jobs N` local processes, and shows a progress bar on stderr when stderr is a terminal (or with
`--progress`). Errors are one line on stderr and exit 2 (see `sim.cli.main`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

import pandas as pd

from . import explain as ex
from . import matters as mt
from . import shift as sh

COMMANDS = ("shift", "matters", "explain")


def _common(p: argparse.ArgumentParser, replications: int) -> None:
    p.add_argument("--set", dest="assignments", action="append", default=[], metavar="PATH=VALUE",
                   help="change one field of the scenario(s), e.g. --set market.arrivals_per_week=60 (repeatable)")
    p.add_argument("--replications", "-r", type=int, default=replications,
                   help=f"replications (default {replications})")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    p.add_argument("--kpi", default=sh.DEFAULT_KPI, help="the KPI to decide on (default wins)")
    p.add_argument("--goal", choices=("max", "min"), default=None,
                   help="whether more or less of the KPI is better (default: the KPI's plain direction)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--out", help="write to this file instead of the screen")
    p.add_argument("--scheduler", default=None, metavar="ADDR",
                   help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (default: $ZMOT_SCHEDULER, else local)")
    p.add_argument("--jobs", type=int, default=None, help="local worker processes (default: all cores)")
    p.add_argument("--force", action="store_true", help="run even beyond the size guard's limit")
    p.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")


def add_parsers(sub: Any) -> None:
    """Add the three subcommands to `python -m sim`'s subparsers."""
    p = sub.add_parser("shift", help="budget shift: the fixed budget from reps to marketing, per policy")
    p.add_argument("scenario", nargs="?", default=None, help="preset name or TOML file (default: the default preset)")
    p.add_argument("--policies", default=",".join(sh.ALL_POLICIES),
                   help="comma-separated policies (default: all four)")
    p.add_argument("--shares", default="0:1:0.05",
                   help="marketing shares, start:stop:step or a list (default 0:1:0.05)")
    _common(p, sh.DEFAULT_REPLICATIONS)
    p = sub.add_parser("matters", help="what matters most: uncertain inputs at their low and high values")
    p.add_argument("scenario", nargs="?", default=None, help="preset name or TOML file (default: the default preset)")
    p.add_argument("--ranges", default=None, metavar="FILE",
                   help="TOML file of the uncertain inputs' ranges (default presets/ranges/uncertain_inputs.toml)")
    p.add_argument("--decision-shares", default=",".join(f"{x:g}" for x in mt.DECISION_SHARES),
                   help="the decision check's marketing shares (default 0,0.25,0.5,0.75,1)")
    p.add_argument("--decision-replications", type=int, default=mt.DECISION_REPLICATIONS,
                   help=f"the decision check's replications (default {mt.DECISION_REPLICATIONS})")
    _common(p, mt.DEFAULT_REPLICATIONS)
    p = sub.add_parser("explain", help="where a difference comes from: B minus A over the input groups (Shapley)")
    p.add_argument("a", help="first scenario (preset name or TOML file)")
    p.add_argument("b", help="second scenario")
    _common(p, ex.DEFAULT_REPLICATIONS)


@contextmanager
def _progress_bar(enabled: bool):
    """A tqdm bar on stderr fed by the executor's fraction done; None when disabled."""
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(total=1000, file=sys.stderr, unit="‰", bar_format="{l_bar}{bar}| {elapsed}<{remaining}",
               mininterval=0.2, leave=False)
    bar.refresh()

    def update(fraction: float) -> None:
        bar.update(max(0, round(fraction * 1000) - bar.n))

    try:
        yield update
    finally:
        bar.close()


def _clean(x: Any) -> Any:
    from .cli import _clean as clean

    return clean(x)


def _emit(text: str, out: str | None) -> None:
    from .cli import _emit as emit

    emit(text, out)


def _number(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 1e4 else f"{v:,.4g}"


def _table(df: pd.DataFrame) -> str:
    return df.to_string(index=False, float_format=_number)


def _records(df: pd.DataFrame, cols: list[str]) -> list[dict[str, Any]]:
    return [{c: (v.item() if hasattr(v, "item") else v) for c, v in zip(cols, row, strict=True)}
            for row in df[cols].itertuples(index=False, name=None)]


def _warn(messages: list[str]) -> None:
    for m in messages:
        print(f"warning: {m}", file=sys.stderr)


def _check_common(args: argparse.Namespace) -> None:
    if args.replications < 1:
        raise ValueError("--replications must be at least 1")
    if args.jobs is not None and args.jobs < 1:
        raise ValueError("--jobs must be at least 1")
    sh.kpi_goal(args.kpi, args.goal)  # an unknown KPI, or one with no plain direction, fails before any run


def dispatch(args: argparse.Namespace) -> int:
    """Run one of COMMANDS; errors are raised for `sim.cli.main` to print as one line. Ctrl-C stops the
    workers (the executor cancels what is left) and exits 130 without a traceback."""
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    from .cli import _scenarios

    _check_common(args)
    show = args.progress or sys.stderr.isatty()
    run_kw: dict[str, Any] = {"n_jobs": args.jobs, "scheduler": args.scheduler, "force": args.force}
    render: Callable[[], str]
    if args.command == "shift":
        shares = sh.parse_shares(args.shares)
        policies = sh.check_policies([p.strip() for p in args.policies.split(",") if p.strip()])
        base = _scenarios([args.scenario], args.assignments)[0]
        with _progress_bar(show) as progress:
            res = sh.budget_shift(base, shares, policies, args.replications, args.seed, progress=progress, **run_kw)
        _warn(res.warnings)

        def render() -> str:
            return shift_output(res, args.kpi, args.goal, args.format)
    elif args.command == "matters":
        shares = sh.parse_shares(args.decision_shares)
        base = _scenarios([args.scenario], args.assignments)[0]
        ranges = mt.load_ranges(args.ranges)
        with _progress_bar(show) as progress:
            res_m = mt.what_matters(base, args.kpi, args.replications, args.seed, ranges=ranges, goal=args.goal,
                                    decision_shares=shares, decision_replications=args.decision_replications,
                                    progress=progress, **run_kw)

        def render() -> str:
            return matters_output(res_m, args.format)
    else:
        a, b = _scenarios([args.a, args.b], args.assignments)
        with _progress_bar(show) as progress:
            res_e = ex.explain(a, b, args.replications, args.seed, progress=progress, **run_kw)

        def render() -> str:
            return explain_output(res_e, args.kpi, args.format)
    _emit(render(), args.out)
    return 0


# --- Output ------------------------------------------------------------------------------------------------


def shift_json(res: sh.Shift, kpi: str, goal: str | None = None) -> dict[str, Any]:
    pts = res.kpi(kpi).merge(res.p_best(kpi, goal), on=["policy", "marketing_share"])
    cols = ["policy", "marketing_share", "reps", "marketing_eur", "total_eur", "mean", "ci_low", "ci_high",
            "p_best"]
    best = {r["policy"]: {k: r[k] for k in ("marketing_share", "p_best", "mean", "ci_low", "ci_high")}
            for r in _records(res.best(kpi, goal), ["policy", "marketing_share", "p_best", "mean", "ci_low",
                                                    "ci_high"])}
    return _clean({"kpi": kpi, "goal": sh.kpi_goal(kpi, goal), "scenario": res.scenario.name, "seed": res.seed,
                   "replications": res.replications, "points": _records(pts, cols), "best": best,
                   "warnings": res.warnings})


def shift_output(res: sh.Shift, kpi: str, goal: str | None, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(shift_json(res, kpi, goal), indent=2)
    pts = res.kpi(kpi).merge(res.p_best(kpi, goal), on=["policy", "marketing_share"])
    pts = pts.drop(columns=["kpi"])
    if fmt == "csv":
        return pts.to_csv(index=False)
    best = res.best(kpi, goal)
    lines = [f"budget shift of {res.scenario.name}: {kpi} ({sh.kpi_goal(kpi, goal)} is best), total budget "
             f"{res.scenario.budget.gtm_budget_eur_per_year:,.0f} EUR a year at every point, {res.replications} "
             f"replications, seed {res.seed}", "", _table(pts.drop(columns=["unit", "p_best_overall"])), "",
             "best marketing share per policy (p_best: share of replications in which it is the best):",
             _table(best)]
    return "\n".join(lines)


def matters_json(res: mt.Matters) -> dict[str, Any]:
    cols = ["input", "label", "field", "low", "high", "kpi_low", "kpi_low_ci_low", "kpi_low_ci_high", "kpi_high",
            "kpi_high_ci_low", "kpi_high_ci_high", "swing", "swing_ci_low", "swing_ci_high", "decision_changes",
            "what_changes", "best_policy_low", "best_share_low", "best_policy_high", "best_share_high",
            "low_values", "high_values", "reason"]
    return _clean({"kpi": res.kpi, "goal": res.goal, "scenario": res.scenario.name, "seed": res.seed,
                   "replications": res.replications, "note": res.note,
                   "decision_grid": {"policies": res.policies, "marketing_shares": res.decision_shares,
                                     "replications": res.decision_replications},
                   "base": res.base, "rows": _records(res.rows, cols)})


def matters_output(res: mt.Matters, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(matters_json(res), indent=2)
    cols = ["input", "field", "low", "high", "kpi_low", "kpi_high", "swing", "swing_ci_low", "swing_ci_high",
            "decision_changes", "what_changes"]
    if fmt == "csv":
        return res.rows.drop(columns=["low_values", "high_values"]).to_csv(index=False)
    b = res.base
    lines = [f"what matters for {res.scenario.name}: {res.kpi} ({res.goal} is best), each input at its low and "
             f"high value, {res.replications} replications, seed {res.seed}",
             f"base: {b['mean']:,.4g} [{b['ci_low']:,.4g}, {b['ci_high']:,.4g}]; best policy at its split: "
             f"{b['best_policy']}; best marketing share for {b['policy']}: {mt._pct(b['best_share'])}",
             res.note, "", _table(res.rows[cols])]
    return "\n".join(lines)


def explain_json(res: ex.Explanation, kpi: str) -> dict[str, Any]:
    total, parts = res.kpi(kpi)
    return _clean({"kpi": kpi, "a": res.a.name, "b": res.b.name, "seed": res.seed,
                   "replications": res.replications, "groups": res.groups,
                   "total": {"mean": total["mean"], "ci_low": total["ci_low"], "ci_high": total["ci_high"],
                             "replications": int(total["replications"])},
                   "parts": _records(parts, ["group", "mean", "ci_low", "ci_high", "differs"])})


def explain_output(res: ex.Explanation, kpi: str, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(explain_json(res, kpi), indent=2)
    total, parts = res.kpi(kpi)
    rows = pd.concat([parts[["group", "differs", "mean", "ci_low", "ci_high"]],
                      pd.DataFrame([{"group": "total", "differs": bool(res.groups), "mean": total["mean"],
                                     "ci_low": total["ci_low"], "ci_high": total["ci_high"]}])], ignore_index=True)
    if fmt == "csv":
        return rows.to_csv(index=False)
    k = len(res.groups)
    lines = [f"{kpi}: {res.b.name} minus {res.a.name}, attributed to the groups that differ "
             f"({', '.join(res.groups) or 'none'}; Shapley over {2 ** k} scenario runs x {res.replications} "
             f"replications, seed {res.seed}); the parts add up to the total", "", _table(rows)]
    return "\n".join(lines)
