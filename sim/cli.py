"""`python -m sim`: list presets, print the schema, run, compare, validate and calibrate.

Errors go to stderr as one line and a non-zero exit, never a traceback: the people who script this
are not necessarily programmers. Every error names the option or the input it is about (--seed,
--replications, --jobs, --values, --field, --set, --out, the scenario file or a field of it).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd

from . import cli_experiments, library_cli
from .experiment import Comparison, RunTooLarge, compare, sweep
from .groups import lever_warnings
from .presets import list_presets, parent_of, resolve, with_overrides
from .scenario import Scenario
from .scenario_errors import ScenarioError

EXIT_BAD_INPUT = 2


def _clean(x: Any) -> Any:
    """JSON has no NaN: an undefined figure (no wins, so no cost per win) becomes null."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_clean(v) for v in x]
    return x


def _interval(row: pd.Series) -> dict[str, float]:
    return {"mean": row["mean"], "ci_low": row["ci_low"], "ci_high": row["ci_high"]}


def run_json(cmp: Comparison) -> dict[str, Any]:
    res = cmp.results[0]
    kpis = {r["kpi"]: {**_interval(r), "unit": r["unit"]} for _, r in res.summary.iterrows()}
    return _clean({"scenario": res.scenario.model_dump(mode="json"), "seed": res.seed,
                   "replications": res.replications, "kpis": kpis})


def compare_json(cmp: Comparison) -> dict[str, Any]:
    def nest(df: pd.DataFrame) -> dict[str, dict[str, dict[str, float]]]:
        out: dict[str, dict[str, dict[str, float]]] = {}
        for _, r in df.iterrows():
            out.setdefault(r["kpi"], {})[r["scenario"]] = _interval(r)
        return out

    return _clean({"scenarios": cmp.names, "seed": cmp.results[0].seed,
                   "replications": cmp.results[0].replications,
                   "kpis": nest(cmp.kpis), "differences": nest(cmp.differences)})


def _parse_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"--values: {text.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"--values: {text.strip()!r} is not a finite number")
    return value


def _whole(lowest: int, highest: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from `lowest` (to `highest`); argparse names the option."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < lowest or (highest is not None and value > highest):
            bounds = f"at least {lowest:,}" if highest is None else f"from {lowest:,} to {highest:,}"
            raise argparse.ArgumentTypeError(f"{text!r} is out of range; allowed: {bounds}")
        return value

    return parse


MAX_SEED = 2**63 - 1
MAX_JOBS = 256
MAX_REPLICATIONS = 100_000  # beyond this RunTooLarge refuses anyway; a bound keeps the error on the option


class _Parser(argparse.ArgumentParser):
    """argparse, but its errors are one line like every other error of the command."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"error: {message} (see {self.prog} --help)\n")


def _table(df: pd.DataFrame) -> str:
    return df.to_string(index=False, float_format=lambda v: f"{v:,.4g}")


def _emit(text: str, out: str | None) -> None:
    if out:
        try:
            Path(out).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        except OSError as e:
            raise ValueError(f"--out {out}: cannot write: {e.strerror or e}") from None
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _scenarios(specs: Sequence[str | None], assignments: list[str]) -> list[Scenario]:
    out = []
    for spec in specs:
        s = resolve(spec)
        # --set extends=NAME re-layers the scenario on NAME: what it changes from its own parent is kept.
        relayering = any(a.partition("=")[0].strip() == "extends" for a in assignments)
        out.append(with_overrides(s, assignments, parent_of(spec) if relayering else None) if assignments else s)
    for s in out:
        for w in lever_warnings(s):
            print(f"warning: {s.name}: {w.message}", file=sys.stderr)
    return out


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--set", dest="assignments", action="append", default=[], metavar="PATH=VALUE",
                   help="change one field, e.g. --set market.arrivals_per_week=60 (repeatable)")
    p.add_argument("--replications", "-r", type=_whole(1, MAX_REPLICATIONS), default=30,
                   help="replications (default 30)")
    p.add_argument("--seed", type=_whole(0, MAX_SEED), default=42, help="random seed (default 42)")
    p.add_argument("--format", choices=("json", "csv", "table"), default="table")
    p.add_argument("--out", help="write to this file instead of the screen")
    p.add_argument("--jobs", type=_whole(1, MAX_JOBS), default=None,
                   help="worker processes (default: all cores)")
    p.add_argument("--scheduler", default=None, help="run on a Dask cluster, tcp://host:port (or $ZMOT_SCHEDULER)")
    p.add_argument("--force", action="store_true", help="run even beyond the size guard's limit")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m sim", description="ZMOT Lab simulation engine.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("presets", help="list the presets, the default first")
    sub.add_parser("schema", help="print the scenario's JSON schema")
    p_run = sub.add_parser("run", help="run one scenario (preset name or TOML file)")
    p_run.add_argument("scenario", nargs="?", default=None)
    _add_run_options(p_run)
    p_cmp = sub.add_parser("compare", help="run scenarios side by side on common random numbers")
    p_cmp.add_argument("scenarios", nargs="+")
    _add_run_options(p_cmp)
    p_sw = sub.add_parser("sweep", help="vary one field (the budget split by default) on common random numbers")
    p_sw.add_argument("scenario", nargs="?", default=None)
    p_sw.add_argument("--field", default="budget.sales_share", help="dotted field (default budget.sales_share)")
    p_sw.add_argument("--values", default="0.3,0.4,0.5,0.6,0.7,0.8,0.9",
                      help="comma-separated values (default 0.3 to 0.9)")
    _add_run_options(p_sw)
    cli_experiments.add_parsers(sub)  # shift, matters, explain
    p_val = sub.add_parser("validate", help="check the model against theory and invariants")
    p_val.add_argument("--format", choices=("json", "csv", "table"), default="table")
    p_val.add_argument("--quick", action="store_true", help="fewer replications (the test suite's setting)")
    p_cal = sub.add_parser("calibrate", help="the baseline against the published figures")
    p_cal.add_argument("scenario", nargs="?", default=None)
    p_cal.add_argument("--replications", "-r", type=_whole(1, MAX_REPLICATIONS), default=30)
    p_cal.add_argument("--seed", type=_whole(0, MAX_SEED), default=42)
    p_cal.add_argument("--format", choices=("json", "csv", "table"), default="table")
    library_cli.add_parser(sub)
    return parser


def _render_frame(df: pd.DataFrame, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(_clean(df.to_dict(orient="records")), indent=2)
    if fmt == "csv":
        return df.to_csv(index=False)
    return _table(df)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except (ScenarioError, RunTooLarge) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (ValueError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "library":
        return library_cli.dispatch(args)
    if args.command in cli_experiments.COMMANDS:
        return cli_experiments.dispatch(args)
    if args.command == "presets":
        for name, description in list_presets():
            print(f"{name}\t{description}")
        return 0
    if args.command == "schema":
        print(json.dumps(Scenario.model_json_schema(), indent=2))
        return 0
    if args.command == "validate":
        from .validate import format_table, run_checks

        table = run_checks(quick=args.quick)
        print(format_table(table) if args.format == "table" else _render_frame(table, args.format))
        return 0 if (table["verdict"] != "FAIL").all() else 1
    if args.command == "calibrate":
        from .calibrate import calibration_table

        table = calibration_table(resolve(args.scenario), args.replications, args.seed)
        print(_render_frame(table, args.format))
        return 0
    if args.command == "sweep":
        values = [_parse_number(v) for v in args.values.split(",") if v.strip()]
        if not values:
            raise ValueError("--values: no value given")
        base = _scenarios([args.scenario], args.assignments)[0]
        for v in values:  # a bad field or value is named by its option, not as the --set it becomes
            try:
                with_overrides(base, [f"{args.field}={v}"])
            except ScenarioError as e:
                raise ScenarioError(e.problems, f"--field {args.field} --values {v:g}") from None
        table = sweep(base, args.field, values, args.replications, args.seed, n_jobs=args.jobs,
                      scheduler=args.scheduler, force=args.force)
        _emit(_render_frame(table, args.format), args.out)
        return 0
    specs = [args.scenario] if args.command == "run" else args.scenarios
    cmp = compare(_scenarios(specs, args.assignments), args.replications, args.seed, n_jobs=args.jobs,
                  detail=False, scheduler=args.scheduler, force=args.force)
    if args.command == "run":
        if args.format == "json":
            text = json.dumps(run_json(cmp), indent=2)
        else:
            text = _render_frame(cmp.results[0].summary, args.format)
    elif args.format == "json":
        text = json.dumps(compare_json(cmp), indent=2)
    else:
        both = cmp.kpis.merge(cmp.differences, on=["scenario", "kpi", "unit"], suffixes=("", "_diff"))
        text = _render_frame(both, args.format)
    _emit(text, args.out)
    return 0
