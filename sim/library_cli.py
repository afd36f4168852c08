"""`python -m sim library ...`: the scenario library from the command line (see `sim.library`).

Errors are one line on stderr and exit code 2 (handled by `sim.cli.main`, as `LibraryError` is a
`ValueError`); an import that refused some files prints one `error:` line per file and exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EXIT_BAD_INPUT = 2


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add `library` and its subcommands to the `python -m sim` parser."""
    where = "the library file (default: $ZMOT_LIBRARY, else library.sqlite3 in the user's data folder)"
    p = subparsers.add_parser("library", help="saved scenarios: list, show, save, delete, restore, export, import")
    p.add_argument("--library", metavar="PATH", default=None, help=where)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--library", metavar="PATH", default=argparse.SUPPRESS, help=where)
    sub = p.add_subparsers(dest="library_command", required=True)

    def fmt(q: argparse.ArgumentParser, choices: tuple[str, ...] = ("table", "csv", "json")) -> None:
        q.add_argument("--format", choices=choices, default="table")
        q.add_argument("--out", help="write to this file instead of the screen")

    q = sub.add_parser("list", parents=[common], help="the latest version of every saved scenario")
    q.add_argument("--team", help="only this team")
    q.add_argument("--search", help="text to find in names and notes")
    q.add_argument("--trash", action="store_true", help="only what is in the trash")
    q.add_argument("--all", dest="include_trash", action="store_true", help="include the trash")
    fmt(q)
    q = sub.add_parser("show", parents=[common], help="one saved scenario (the latest version by default)")
    q.add_argument("name")
    q.add_argument("--team", default=None, help="its team (default: default)")
    q.add_argument("--version", type=int, default=None)
    fmt(q, ("table", "json", "toml"))
    q = sub.add_parser("versions", parents=[common], help="every version of a saved scenario")
    q.add_argument("name")
    q.add_argument("--team", default=None)
    fmt(q)
    q = sub.add_parser("save", parents=[common], help="save a preset or a TOML file (a new version if the name exists)")
    q.add_argument("scenario", help="a preset name or a TOML file")
    q.add_argument("--name", help="the entry's name (default: the scenario's name)")
    q.add_argument("--team", default=None, help="the team (default: default)")
    q.add_argument("--note", default="", help="a note")
    q.add_argument("--set", dest="assignments", action="append", default=[], metavar="PATH=VALUE",
                   help="change one field first (repeatable)")
    q.add_argument("--seed", type=int, default=None, help="the seed to record (42 with --run)")
    q.add_argument("--replications", "-r", type=int, default=None, help="replications to record (30 with --run)")
    q.add_argument("--run", action="store_true", help="run it and store the KPI summary")
    q.add_argument("--jobs", type=int, default=None, help="worker processes for --run")
    q.add_argument("--format", choices=("table", "json"), default="table")
    for verb, text in (("delete", "move every version of a saved scenario to the trash"),
                       ("restore", "bring a saved scenario back from the trash")):
        q = sub.add_parser(verb, parents=[common], help=text)
        q.add_argument("name")
        q.add_argument("--team", default=None)
    q = sub.add_parser("export", parents=[common], help="a zip of TOML scenarios and manifest.json")
    q.add_argument("--out", required=True, help="the zip file to write")
    q.add_argument("--team", help="only this team")
    q.add_argument("--name", dest="names", action="append", default=None, help="only this name (repeatable)")
    q.add_argument("--trash", dest="include_trash", action="store_true", help="include the trash")
    q = sub.add_parser("import", parents=[common], help="import a zip made by export (or of TOML scenarios)")
    q.add_argument("zip")
    q.add_argument("--team", help="put every scenario in this team")
    return p


def dispatch(args: argparse.Namespace) -> int:
    from .cli import _clean, _emit, _render_frame
    from .library import Library
    from .library_rules import DEFAULT_TEAM

    lib = Library(args.library)
    cmd = args.library_command
    team = getattr(args, "team", None)
    if cmd == "list":
        df = lib.list(team=team, search=args.search, include_trash=args.include_trash, only_trash=args.trash)
        if args.format == "table" and df.empty:
            _emit(f"(no saved scenarios in {lib.path})", args.out)
        else:
            _emit(_render_frame(df, args.format), args.out)
        return 0
    team = team or DEFAULT_TEAM
    if cmd == "show":
        e = lib.show(args.name, team=team, version=args.version)
        if args.format == "toml":
            text = e.scenario_toml
        elif args.format == "json":
            text = json.dumps(_clean(e.to_dict()), indent=2)
        else:
            text = _show_text(e)
        _emit(text, args.out)
        return 0
    if cmd == "versions":
        _emit(_render_frame(lib.versions(args.name, team=team), args.format), args.out)
        return 0
    if cmd == "save":
        return _save(lib, args, team)
    if cmd == "delete":
        n = lib.delete(args.name, team=team)
        print(f"moved {team}/{args.name} ({n} version{'s' * (n != 1)}) to the trash")
        return 0
    if cmd == "restore":
        n = lib.restore(args.name, team=team)
        print(f"restored {team}/{args.name} ({n} version{'s' * (n != 1)})")
        return 0
    if cmd == "export":
        names = None if args.names is None else [(team, n) for n in args.names]
        data = lib.export_zip(team=getattr(args, "team", None), names=names, include_trash=args.include_trash)
        with open(args.out, "wb") as f:
            f.write(data)
        print(f"exported to {args.out}")
        return 0
    report = lib.import_zip(args.zip, team=getattr(args, "team", None))
    for i in report.imported:
        print(f"imported {i.team}/{i.name} v{i.version} from {i.file}")
    for i in report.skipped:
        print(f"skipped {i.file}: already saved as {i.team}/{i.name} v{i.version}")
    for p in report.problems:
        print(f"error: {p.message}", file=sys.stderr)
    return 0 if report.ok else EXIT_BAD_INPUT


def _save(lib: Any, args: argparse.Namespace, team: str) -> int:
    from .cli import _clean
    from .presets import resolve, with_overrides

    scenario = resolve(args.scenario)
    if args.assignments:
        scenario = with_overrides(scenario, args.assignments)
    seed, reps, results = args.seed, args.replications, None
    if args.run:
        from .experiment import run

        seed = 42 if seed is None else seed
        reps = 30 if reps is None else reps
        if reps < 1:
            raise ValueError("--replications must be at least 1")
        results = run(scenario.model_copy(update={"name": args.name or scenario.name}), reps, seed,
                      n_jobs=args.jobs, detail=False)
    e = lib.save(scenario, name=args.name, team=team, note=args.note, seed=seed, replications=reps,
                 results=results)
    if args.format == "json":
        print(json.dumps(_clean({k: v for k, v in e.to_dict().items() if k != "scenario_toml"}), indent=2))
    else:
        print(f"saved {e.team}/{e.name} v{e.version} in {lib.path}")
    return 0


def _show_text(e: Any) -> str:
    import pandas as pd

    from .cli import _table

    lines = [f"team:         {e.team}", f"name:         {e.name}",
             f"version:      {e.version} of {', '.join(map(str, e.versions))}" + ("  (in the trash)" * e.deleted),
             f"saved:        {e.created_at}", f"note:         {e.note}",
             f"seed:         {'' if e.seed is None else e.seed}",
             f"replications: {'' if e.replications is None else e.replications}"]
    if e.results:
        df = pd.DataFrame([{"kpi": k, **v} for k, v in e.results.items()], columns=["kpi", "mean", "ci_low", "ci_high"])
        lines += ["", _table(df)]
    lines += ["", e.scenario_toml.rstrip()]
    return "\n".join(lines)
