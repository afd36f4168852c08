"""A workshop room under load: 8 teams and a projector against one server started with codes.

    python bench/room.py [--teams 8] [--changes 4]

On the multi-session driver (`bench/sessions.py`). The server is started with a workshop code and a
facilitator code and its own library file (`ZMOT_LIBRARY`). Every team's browser session types the
workshop code, loads the first screen, then changes "buying groups per week" to values of its own,
and after each change saves its scenario into the server's library file from the bench's process
(`sim.library.Library`, the engine's store the app's save button writes through): the app's server and
the bench then write one SQLite file at once, as two server processes would. A ninth session, the
projector, types the facilitator code and keeps the facilitator board (`view=board`) open, as a projector
does: the board reruns every team's latest saved scenario on one seed whenever the library changes (it
looks every few seconds), and the bench notes how long after each save the board showed that team's plan.

First, for reference, one session alone on a fresh server does the same; and the trivial Streamlit app
(`bench/trivial_app.py`) alone and with as many sessions as teams, which says what that many browsers
cost this machine before any app work (the browsers share its cores with the server); and the CPU-seconds
the server and the browsers used (`bench/cpu.py`), which say whose work a slow load was. Printed: each
session's first load and p50/p95 update latency, errors (must be 0), lost results or saves (must be 0:
every change shows new results and every save is in the library afterwards), crossed results (must be
0: each session shows its own results), the ratios to the single session (targets: first load p50 at
most 2.5x, change p50 at most 4x) beside the trivial app's; the last line reads
`errors=N lost=N crossed=N p50=Xs p95=Ys`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import harness as H  # noqa: E402
import sessions as D  # noqa: E402
from cpu import KINDS  # noqa: E402

from sim.library import Library  # noqa: E402
from sim.presets import load_preset, with_overrides  # noqa: E402
from ui.defaults import FIRST_LIVE  # noqa: E402

WORKSHOP_CODE = "room-bench-code"
FACILITATOR_CODE = "room-bench-facilitator"
TARGET_LOAD, TARGET_CHANGE = 2.5, 4.0


BOARD_ROWS = ".zmot-board tbody th"  # the board table's row labels, "team · name"
ROW = re.compile(r"team-(\d+) · plan (\d+)")  # a row label of a bench team's save


def saver(library: Path, team: int, saved: list[tuple[int, int, float]]):
    """Team `team`'s save after its change n, noted in `saved` as (team, n, time.monotonic())."""
    base = load_preset(FIRST_LIVE)

    def save(n: int, value: float) -> None:
        s = with_overrides(base, [f"market.arrivals_per_week={value}"])
        Library(library).save(s, name=f"plan {n}", team=f"team-{team}", note=f"value {value:g}")
        saved.append((team, n, time.monotonic()))
    return save


def board_lags(saved: list[tuple[int, int, float]], shown: dict[str, float]) -> tuple[list[float], int, int]:
    """For each save made while the board was up (after it first drew a team's row), the seconds until it
    showed that team's plan or a later one of the team's; how many of those it never caught up with (it
    shows the latest `MAX_SCENARIOS` only); and how many saves came before the board was up."""
    rows = [(int(m[1]), int(m[2]), t) for text, t in shown.items() if (m := ROW.search(text))]
    up = min((t for _, _, t in rows), default=float("inf"))
    lags, missed, before = [], 0, 0
    for team, n, at in saved:
        if at < up:
            before += 1
            continue
        seen = [t for row_team, m, t in rows if row_team == team and m >= n]
        if seen:
            lags.append(max(0.0, min(seen) - at))
        else:
            missed += 1
    return lags, missed, before


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--teams", type=int, default=8)
    ap.add_argument("--changes", type=int, default=4)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="zmot-room-"))
    library = tmp / "library.sqlite3"
    env = {"ZMOT_WORKSHOP_CODE": WORKSHOP_CODE, "ZMOT_FACILITATOR_CODE": FACILITATOR_CODE,
           "ZMOT_LIBRARY": str(library)}
    print(f"server logs and library in {tmp}")

    with H.Server(log=tmp / "single.log", env={**env, "ZMOT_LIBRARY": str(tmp / "single.sqlite3")}) as server:
        single = D.summary(D.drive(server.url, [D.Plan(values=D.own_values(99, args.changes), code=WORKSHOP_CODE)]))
    print(f"one session alone: {D.fmt(single)}")

    saved: list[tuple[int, int, float]] = []
    plans = [D.Plan(values=D.own_values(i, args.changes), code=WORKSHOP_CODE, after_change=saver(library, i, saved))
             for i in range(args.teams)]
    plans.append(D.Plan(code=FACILITATOR_CODE, watch=BOARD_ROWS, query="view=board"))  # the projector
    with H.Server(log=tmp / "room.log", env=env) as server:
        run = D.drive(server.url, plans)
    log = (tmp / "room.log").read_text(errors="replace")

    for o in run.outcomes:
        if plans[o.index].watch:
            lags, missed, before = board_lags(saved, o.shown)
            print(f"  projector  first load {o.first_load or float('nan'):6.2f} s   board behind a save p50 "
                  f"{D.pct(lags, 0.5):5.2f} s p95 {D.pct(lags, 0.95):5.2f} s over the {len(lags) + missed} saves "
                  f"made while it was up ({before} before), never caught up with {missed}  "
                  f"errors {len(o.errors)}" + (f": {o.errors[:3]}" if o.errors else ""))
            continue
        print(f"  {f'team-{o.index}':10s} first load {o.first_load or float('nan'):6.2f} s   "
              f"changes p50 {D.pct(o.changes, 0.5):5.2f} s p95 {D.pct(o.changes, 0.95):5.2f} s  "
              f"errors {len(o.errors)}" + (f": {o.errors[:3]}" if o.errors else ""))
    saved = {(e.team, e.name) for e in Library(library).entries()} if library.exists() else set()
    wanted = {(f"team-{i}", f"plan {n}") for i in range(args.teams) for n in range(args.changes)}
    lost_saves = len(wanted - saved)
    s = D.summary(run)
    tracebacks = log.count("Traceback")
    errors = int(s["errors"]) + tracebacks
    lost = int(s["lost"]) + lost_saves
    print(f"saves: {len(wanted & saved)} of {len(wanted)} in the library; server tracebacks: {tracebacks}")
    print(f"CPU-seconds on this machine's {os.cpu_count()} cores: the room {s['cpu_server']:.1f} server, "
          f"{s['cpu_browsers']:.1f} browsers; one session alone {single['cpu_server']:.1f} server, "
          f"{single['cpu_browsers']:.1f} browsers; the room's browsers by kind: "
          + ", ".join(f"{k} {run.cpu[k]:.1f}" for k in KINDS))
    rl, rc = s["load_p50"] / single["load_p50"], s["change_p50"] / single["change_p50"]
    t1 = D.trivial(args.changes, tmp / "trivial-1.log")
    tn = D.trivial(args.changes, tmp / "trivial-n.log", n=args.teams + 1)
    print(f"{args.teams} teams against one alone: first load p50 x{rl:.1f} (target <= {TARGET_LOAD}), "
          f"change p50 x{rc:.1f} (target <= {TARGET_CHANGE}); the trivial app, {args.teams + 1} sessions against "
          f"one: first load x{tn['load_p50'] / t1['load_p50']:.1f}, change x{tn['change_p50'] / t1['change_p50']:.1f}")
    print(f"errors={errors} lost={lost} crossed={s['crossed']} p50={s['change_p50']:.2f}s p95={s['change_p95']:.2f}s")


if __name__ == "__main__":
    main()
