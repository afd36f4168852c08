"""Many headless Chromium sessions against one server at once: the driver of `ui_latency.py` and `room.py`.

    python bench/sessions.py --sessions 3            # a quick look on a fresh server

Every session is its own browser context (its own Streamlit session) in one Chromium, driven
concurrently with Playwright's asyncio API. A session opens the app (typing the workshop code at the
gate when there is one), waits for its first results, then changes "buying groups per week" to values
of its own, one change at a time: it waits for the new results, then for the refined ones (the app may
show the first replications at once and refine them), pauses, and changes again. A projector session
(`Plan.watch`) changes nothing: it keeps its page open while the others work, and notes when each text
under a selector (the board's rows) first shows.

Latency means first results on screen, measured in the page: from navigation (a first load) or from the
keydown that changes an input to the moment the app's results marker (`#zmot-results-ready`) carries
new results, taken in a MutationObserver with performance.now(), so Playwright's round trips never
count.

Checks, per session: errors (a page error, a Streamlit exception or error box, a change whose results
never came: `lost`), and crossed results: every results key seen on screen is recorded with the input
value the session had typed; a key seen for two different values (sessions use distinct values) means a
session was shown another's results.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import harness as H  # noqa: E402
from cpu import CpuMeter  # noqa: E402

TIMEOUT_S = 180.0
WATCH_S = 0.5  # s between a projector's looks at its page
LINGER_S = 12.0  # s a projector keeps watching after the others are done (the board looks every 5 s)
PROBE = """
(() => {
  const Z = window.__zmot = {marks: {}, input: null, changes: []};
  document.addEventListener('keydown', () => { Z.input = performance.now(); }, true);
  let last = null;
  const check = () => {
    if (!('first_element' in Z.marks) && document.querySelector('[data-testid="stElementContainer"]'))
      Z.marks.first_element = performance.now();
    const m = document.querySelector('#zmot-results-ready');
    const r = m && m.dataset.results;
    if (r && r !== 'none') {
      if (!('marker' in Z.marks)) Z.marks.marker = performance.now();
      if (r !== last) { last = r; Z.changes.push([performance.now(), r, m.dataset.final || '1']); }
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""
ERRORS_JS = """() => Array.from(document.querySelectorAll(
    '[data-testid="stException"], [data-testid="stMain"] [data-testid="stAlertContentError"]'))
    .map(e => (e.innerText || '').slice(0, 200))"""


@dataclass
class Plan:
    """What one session does: its link, its values, the code it types, what it does after each change."""

    values: list[float] = field(default_factory=list)  # buying groups per week, one per change
    query: str = ""  # its own link parameters
    code: str | None = None  # typed at the gate, if any
    think: float = 0.3  # s between refined results and the next change
    after_change: Callable[[int, float], None] | None = None  # (change number, value), e.g. a save
    slider: bool = False  # changes are ArrowRight presses on the slider keyed in.budget.sales_share
    watch: str = ""  # a CSS selector: a projector, keeping the page open while the others work, noting when
    # each text under the selector first shows (the board's rows), instead of changing anything
    viewport: dict[str, int] = field(default_factory=lambda: dict(H.VIEWPORT))


@dataclass
class Outcome:
    index: int
    first_load: float | None = None  # s from navigation to first results
    changes: list[float] = field(default_factory=list)  # s from keydown to first new results
    shown: dict[str, float] = field(default_factory=dict)  # a projector's texts, and when each first showed
    errors: list[str] = field(default_factory=list)
    lost: int = 0
    seen: list[tuple[str, float | None]] = field(default_factory=list)  # (live results key, value typed)


@dataclass
class Run:
    """What a drive gives: one outcome per plan, and who used the CPU meanwhile (`cpu.CpuMeter`)."""

    outcomes: list[Outcome]
    cpu: dict[str, float]


async def _first_results(page, timeout: float) -> float:
    await page.wait_for_function("() => 'marker' in ((window.__zmot || {}).marks || {})", polling=50,
                                 timeout=timeout * 1000)
    return await page.evaluate("() => window.__zmot.marks.marker") / 1000


async def _wait_final(page, timeout: float) -> str:
    h = await page.wait_for_function(
        """() => { const m = document.querySelector('#zmot-results-ready');
                   return m && m.dataset.results !== 'none' && m.dataset.final !== '0' && m.dataset.results; }""",
        polling=50, timeout=timeout * 1000)
    return await h.json_value()


async def _enter_code(page, code: str) -> None:
    box = page.locator(".st-key-access-code input")
    await box.wait_for(timeout=TIMEOUT_S * 1000)
    await box.fill(code)
    await box.press("Enter")


async def _open_market(page) -> None:
    from ui.text import t

    details = page.locator('[data-testid="stSidebar"] details').filter(
        has=page.locator(f'summary p:text-is("{t("en", "group.market")}")'))
    if await details.get_attribute("open") is None:
        await details.locator("summary").click()
    await details.locator(H.GROUP_INPUTS).first.wait_for()


def _live_key(results: str) -> str:
    """The live scenario's part of the marker's results (the last scenario; the baseline index follows)."""
    parts = results.split("-")
    return parts[-2] if len(parts) >= 2 else results


async def _load(page, url: str, plan: Plan, out: Outcome) -> float:
    await page.goto(url, wait_until="commit")
    if plan.code is not None:
        await _enter_code(page, plan.code)
    return await _first_results(page, TIMEOUT_S)


async def _watch(page, selector: str, out: Outcome, others_done: asyncio.Event) -> None:
    """Note each text under `selector` the first time it shows (time.monotonic), every `WATCH_S`, until the
    other sessions are done and then `LINGER_S` more, time for the page to show what they did last."""
    js = f"() => Array.from(document.querySelectorAll({selector!r})).map(e => e.innerText.trim())"
    end = None
    while end is None or time.monotonic() < end:
        for text in await page.evaluate(js):
            out.shown.setdefault(text, time.monotonic())
        if end is None and others_done.is_set():
            end = time.monotonic() + LINGER_S
        await asyncio.sleep(WATCH_S)


async def _session(browser, url: str, i: int, plan: Plan, out: Outcome, start: asyncio.Event,
                   others_done: asyncio.Event) -> None:
    context = await browser.new_context(viewport=plan.viewport)
    await context.add_init_script(PROBE)
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_S * 1000)
    page.on("pageerror", lambda e: out.errors.append(f"page error: {e}"))
    target = url + (f"/?{plan.query}" if plan.query else "")
    try:
        await start.wait()
        out.first_load = await _load(page, target, plan, out)
        res = await _wait_final(page, TIMEOUT_S)
        out.seen.append((_live_key(res), None))
        if plan.watch:
            await _watch(page, plan.watch, out, others_done)
            return
        if plan.slider:
            box = page.locator(".st-key-in-budget-sales_share input[type=range]")
        else:
            await _open_market(page)
            box = page.locator(".st-key-in-market-arrivals_per_week input")
        for n, v in enumerate(plan.values):
            await asyncio.sleep(plan.think)
            old = await page.evaluate("() => document.querySelector('#zmot-results-ready').dataset.results")
            await page.evaluate("() => { window.__zmot.input = null; }")
            if plan.slider:
                await box.focus()
                await page.keyboard.press("ArrowRight" if n % 2 == 0 else "ArrowLeft")
            else:
                await box.fill(f"{v:g}")
                await box.press("Enter")
            try:
                h = await page.wait_for_function(
                    """(old) => { const Z = window.__zmot; if (Z.input === null) return false;
                         const hit = Z.changes.find(([t, r]) => t >= Z.input && r !== old);
                         return hit ? [hit[0] - Z.input, hit[1]] : false; }""", arg=old, polling=20,
                    timeout=TIMEOUT_S * 1000)
                ms, first = await h.json_value()
                out.changes.append(ms / 1000)
                out.seen.append((_live_key(first), v))
                final = await _wait_final(page, TIMEOUT_S)
                out.seen.append((_live_key(final), v))
            except Exception as e:  # a change whose results never came
                out.lost += 1
                out.errors.append(f"change {n} to {v:g}: {type(e).__name__}")
                continue
            if plan.after_change is not None:
                try:
                    await asyncio.to_thread(plan.after_change, n, v)
                except Exception as e:
                    out.errors.append(f"after change {n}: {type(e).__name__}: {e}")
        out.errors += [f"on screen: {x}" for x in await page.evaluate(ERRORS_JS)]
    except Exception as e:
        out.errors.append(f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    finally:
        await context.close()


async def _drive(url: str, plans: list[Plan]) -> list[Outcome]:
    from playwright.async_api import async_playwright

    path = H.chromium_path()
    if path is None:
        raise RuntimeError(f"Chromium not found at {H.CHROMIUM}")
    outs = [Outcome(i) for i in range(len(plans))]
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=path, args=H.CHROMIUM_ARGS)
        try:
            start, others_done = asyncio.Event(), asyncio.Event()
            tasks = [asyncio.create_task(_session(browser, url, i, p, outs[i], start, others_done))
                     for i, p in enumerate(plans)]
            await asyncio.sleep(0.2)
            start.set()  # every session navigates at once
            await asyncio.gather(*(t for t, p in zip(tasks, plans, strict=True) if not p.watch))
            others_done.set()
            await asyncio.gather(*tasks)
        finally:
            await browser.close()
    return outs


def drive(url: str, plans: list[Plan]) -> Run:
    """Run every plan concurrently, each in its own browser session; one outcome per plan."""
    with CpuMeter() as meter:
        outcomes = asyncio.run(_drive(url, plans))
    return Run(outcomes, meter.seconds())


def crossed(outcomes: list[Outcome]) -> int:
    """Results keys shown for more than one typed value (sessions type distinct values)."""
    values: dict[str, set[float]] = {}
    for o in outcomes:
        for key, v in o.seen:
            if v is not None:
                values.setdefault(key, set()).add(v)
    return sum(1 for vs in values.values() if len(vs) > 1)


def own_values(i: int, changes: int, base: float = 40.0) -> list[float]:
    """Session i's values: distinct from every other session's (a different decimal per session)."""
    return [round(base + (1 + k) * (-1) ** k + (i + 1) / 16, 4) for k in range(changes)]


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    if len(xs) == 1:
        return xs[0]
    return statistics.quantiles(xs, n=100, method="inclusive")[round(q * 100) - 1]


def summary(run: Run) -> dict[str, float]:
    outcomes = run.outcomes
    loads = [o.first_load for o in outcomes if o.first_load is not None]
    changes = [x for o in outcomes for x in o.changes]
    return {"load_p50": pct(loads, 0.5), "load_p95": pct(loads, 0.95), "change_p50": pct(changes, 0.5),
            "change_p95": pct(changes, 0.95), "errors": sum(len(o.errors) for o in outcomes),
            "lost": sum(o.lost for o in outcomes), "crossed": crossed(outcomes), "n_changes": len(changes),
            "cpu_server": run.cpu["server"], "cpu_browsers": run.cpu["browsers"]}


def concurrent(url: str, n: int, changes: int, code: str | None = None, query: str = "") -> dict[str, float]:
    """N sessions each loading the page and making `changes` changes of their own; the summary."""
    plans = [Plan(values=own_values(i, changes), code=code, query=query) for i in range(n)]
    return summary(drive(url, plans))


def trivial(changes: int, log: Path | None = None, n: int = 1) -> dict[str, float]:
    """The trivial Streamlit app on a fresh server: `n` sessions' cold load and slider latency (with n > 1,
    what the machine itself allows that many browsers: the floor under any app's ratio to one session)."""
    with H.Server(log=log, app=ROOT / "bench" / "trivial_app.py") as server:
        return summary(drive(server.url, [Plan(values=[0.0] * changes, slider=True) for _ in range(n)]))


def levels(counts: list[int], changes: int, logs: Path, env: dict[str, str] | None = None,
           code: str | None = None) -> dict[int, dict[str, float]]:
    """For each count, a fresh server and that many concurrent sessions; their summaries."""
    out = {}
    for n in counts:
        with H.Server(log=logs / f"server-{n}.log", env=env) as server:
            out[n] = concurrent(server.url, n, changes, code=code)
    return out


def fmt(s: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in s.items())


def main() -> None:
    import argparse
    import tempfile

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", default="3", help="comma-separated session counts, a fresh server each")
    ap.add_argument("--changes", type=int, default=3)
    ap.add_argument("--trivial", action="store_true", help="also the trivial app, for ratios")
    args = ap.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="zmot-sessions-"))
    if args.trivial:
        tr = trivial(max(args.changes, 5), logs / "trivial.log")
        print(f"trivial app: {fmt(tr)}")
    for n, s in levels([int(x) for x in args.sessions.split(",")], args.changes, logs).items():
        ratio = (f" (x trivial: load {s['load_p50'] / tr['load_p50']:.1f}, "
                 f"change {s['change_p50'] / tr['change_p50']:.1f})") if args.trivial else ""
        print(f"{n} session(s): {fmt(s)}{ratio}")


if __name__ == "__main__":
    main()
