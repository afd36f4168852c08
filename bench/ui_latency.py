"""How fast does the app answer in a real browser? Cold page loads and input-change latency, headless Chromium.

    python bench/ui_latency.py [--changes 15] [--cold 3] [--sessions 1,3,8]

Run it on an idle machine: the app's engine uses every core, and so does a busy neighbour.

(a) Cold page load: a freshly started server (new process, nothing cached; `app.py` loads the page's
    code and starts the engine's warm-up before it answers), a new browser session navigating as soon as
    the server answers; from navigation to the first results marker (`#zmot-results-ready`)
    and to the figures drawn (no loading placeholder left, every chart drawn). Repeated on `--cold`
    fresh servers. The phases of the first load are printed too: page code loaded and connected
    (WebSocket open), first element on screen (on a server's first page, the word that the app is
    starting, drawn before the app's own imports: the progress indication), results marker, figures drawn.
    Then a second fresh browser session on the now warm server; and a first visitor `LATER_S` s after a
    fresh server answers, as in a workshop, where the server starts before the room arrives.
(b) Input-change latency: from the key press that changes an input to the DOM showing the new
    results (the marker's `data-results` changes; the browser paints within the next frame). Measured
    in the page itself (performance.now() at keydown and in a MutationObserver), so Playwright's own
    round trips are not counted. Between two changes, the bench waits until the script has finished
    (the app precomputes the budget split's neighbours after drawing; a workshop pauses between
    questions too). Three series of `--changes` changes each:
      - budget split, one notch at a time: the app precomputes the live scenario one notch either way
        after each run, so a move normally finds its result in the cache;
      - a market input (buying groups per week, a new value each time): a new engine run of the live
        scenario (30 replications on every core);
      - back to a cached setting: the split moved back and forth between two notches already computed.
    "New results" means the first results on screen: the app shows a run's first replications at once
    and refines them to the full count (`data-final` on the marker); the bench waits for the refined
    figures before the next change.
(c) Key-press bursts (`--bursts`, median): ten new values of "buying groups per week" typed 150 ms
    apart; seconds from the last edit to the last value's first results in the DOM (in the page) and
    to its refined results (Playwright's round trip included); and how many different results the page
    showed during the burst (its first replications, then refined: none of the intermediate values
    flashed).
(d) The first screen at 1920x1080: the comparison table (every scenario's headline figures and its
    difference to the baseline) lies above the fold.
(e) Concurrent sessions (`bench/sessions.py`, the room bench's driver): 1, 3 and 8 sessions at once on a
    fresh server each, loading the first screen and then changing buying groups per week three times
    each, to values of their own: p50/p95 of the first load and of a change.
(f) A trivial Streamlit app (`bench/trivial_app.py`: one slider), on a fresh server in the same run: its
    cold load and slider latency, so that every figure above also reads as a ratio to it; and the same
    app with as many sessions as (e)'s largest count: what that many browsers cost this machine alone.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "bench"))

import harness as H  # noqa: E402
import sessions as D  # noqa: E402

from ui.text import t  # noqa: E402

TARGET_CHANGE_S = 0.8  # median after an input change (issue 3); aim 0.5 s
TARGET_COLD_S = 4.0  # first results after a cold page load
LATER_S = 5.0  # s between a server's start and its first visitor, as in a workshop (the server preloads)

# Timestamps taken inside the page, in ms since navigation started (performance.now()).
PROBE = """
(() => {
  const Z = window.__zmot = {marks: {}, input: null, changes: []};
  const mark = k => { if (!(k in Z.marks)) Z.marks[k] = performance.now(); };
  document.addEventListener('keydown', () => { Z.input = performance.now(); }, true);
  const WS = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new WS(...args);
    ws.addEventListener('open', () => mark('ws_open'));
    return ws;
  };
  window.WebSocket.prototype = WS.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  const drawn = () => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main || main.querySelector('[data-testid="stSkeleton"]')) return false;
    if (!main.querySelector('[data-testid="stMetricValue"]')) return false;
    return Array.from(main.querySelectorAll('[data-testid="stVegaLiteChart"]'))
      .filter(c => c.offsetParent !== null).every(c => c.querySelector('canvas, svg'));
  };
  let last = null;
  const check = () => {
    if (document.querySelector('[data-testid="stElementContainer"]')) mark('first_element');
    const m = document.querySelector('#zmot-results-ready');
    const r = m && m.dataset.results;
    if (r && r !== 'none') {
      mark('marker');
      const f = m.dataset.final;
      if (r + f !== last) { last = r + f; Z.changes.push([performance.now(), r, f]); }
      if (!('drawn' in Z.marks) && drawn()) mark('drawn');
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true,
                                                  characterData: false});
})();
"""


def fresh_page(browser):
    context = browser.new_context(viewport=H.VIEWPORT)
    context.add_init_script(PROBE)
    page = context.new_page()
    page.set_default_timeout(120_000)
    return context, page


def marks(page) -> dict[str, float]:
    return page.evaluate("() => window.__zmot.marks")


def first_load(browser, url: str) -> dict[str, float]:
    """Navigate, wait for the figures drawn; the page's marks in seconds since navigation started.

    Before closing, waits for the script to finish (the split's neighbours computed), so that the
    next measurement starts on a quiet server.
    """
    context, page = fresh_page(browser)
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => 'drawn' in (window.__zmot || {marks: {}}).marks", polling=50)
        out = {k: v / 1000 for k, v in marks(page).items()}
        H.wait_idle(page)
        return out
    finally:
        context.close()


def change(page, act) -> tuple[float, dict[str, str]]:
    """Do `act` (which presses a key); seconds from that keydown to new results in the DOM, and the marker."""
    old = H.marker(page)["results"]
    page.evaluate("() => { window.__zmot.input = null; }")
    act()
    found = page.wait_for_function(
        """(old) => { const Z = window.__zmot; if (Z.input === null) return false;
             const hit = Z.changes.find(([t, r]) => t >= Z.input && r !== old);
             return hit ? hit[0] - Z.input : false; }""", arg=old, polling=20)
    seconds = found.json_value() / 1000
    return seconds, H.marker(page)


def press(page, locator, key: str):
    def act():
        locator.focus()
        page.keyboard.press(key)
    return act


def type_enter(page, locator, text: str):
    def act():
        locator.fill(text)
        locator.press("Enter")  # the keydown the probe times
    return act


def series_split(page, n: int) -> list[tuple[float, float | None]]:
    """One notch at a time, away from the settings already computed; reversing at either end."""
    slider = H.split_slider(page)
    lo, hi = int(slider.get_attribute("min")), int(slider.get_attribute("max"))
    key, out = "ArrowLeft", []
    pos = int(slider.input_value())
    while len(out) < n:
        if (key == "ArrowLeft" and pos <= lo + 1) or (key == "ArrowRight" and pos >= hi - 1):
            # at an end: everything on the way back is cached; start a fresh seed instead
            reset_seed(page)
            key = "ArrowRight" if key == "ArrowLeft" else "ArrowLeft"
        H.wait_idle(page)
        out.append(timed(page, press(page, slider, key)))
        pos = int(slider.input_value())
    return out


SEEDS = itertools.count(1000)  # seeds nothing on the fresh server has used yet


def reset_seed(page) -> None:
    """A seed never used: every setting after it is computed afresh (not timed)."""
    H.open_section(page, t("en", "group.experiment"))
    field = H.widget(page, "in.seed").locator("input")
    old = H.marker(page)["results"]
    field.fill(str(next(SEEDS)))
    field.press("Enter")
    H.wait_marker(page, old)


def series_new_run(page, n: int) -> list[tuple[float, float | None]]:
    """Values around the default (41, 39, 42, 38, ...): a new run each time, of the default's size."""
    H.open_section(page, t("en", "group.market"))
    field = H.number_input(page, "market.arrivals_per_week")
    base = float(field.input_value())
    out = []
    for i in range(n):
        H.wait_idle(page)
        out.append(timed(page, type_enter(page, field, f"{base + (i // 2 + 1) * (-1) ** i:g}")))
    return out


def series_cached(page, n: int) -> list[tuple[float, float | None]]:
    slider = H.split_slider(page)
    out = []
    for i in range(n):
        H.wait_idle(page)
        out.append(timed(page, press(page, slider, "ArrowLeft" if i % 2 == 0 else "ArrowRight")))
    return out


def timed(page, act) -> tuple[float, float | None]:
    """(seconds to new results, the engine's seconds in that rerun or None when served from the cache)."""
    seconds, m = change(page, act)
    return seconds, float(m["computeMs"]) / 1000 if m.get("computeMs") else None


def burst(page, start: float, n: int = 10, gap: float = 0.15) -> tuple[float, float, str]:
    """Ten new values typed `gap` s apart from `start` up. Returns the seconds from the last edit to its
    first results in the DOM (measured in the page) and to its refined results (Playwright's round
    trip included), and the results the page showed from the first edit on: "f" for first
    replications, "R" for refined ("fR" or "R": no intermediate value flashed)."""
    H.open_section(page, t("en", "group.market"))
    field = H.number_input(page, "market.arrivals_per_week")
    H.wait_idle(page)
    old = H.marker(page)["results"]
    before = page.evaluate("() => window.__zmot.changes.length")
    last = 0.0
    for i in range(n):
        field.fill(f"{start + i / 8:g}")
        last = time.perf_counter()
        field.press("Enter")
        page.wait_for_timeout(gap * 1000)  # the hands' rhythm
    H.wait_marker(page, old)
    refined = time.perf_counter() - last
    first, states = page.evaluate(
        """(n0) => { const Z = window.__zmot; const seen = Z.changes.slice(n0);
             const hit = seen.find(([t]) => t >= Z.input);
             return [hit ? (hit[0] - Z.input) / 1000 : NaN, seen.map(c => c[2] === '0' ? 'f' : 'R').join('')]; }""",
        before)
    return first, refined, states


def first_screen_1920(browser, url: str) -> bool:
    """Whether the comparison table is above the fold at 1920x1080."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        page = context.new_page()
        page.goto(url)
        H.wait_marker(page)
        H.wait_drawn(page)
        box = page.locator("table.zmot-compare").bounding_box()
        return box is not None and box["y"] + box["height"] <= 1080
    finally:
        context.close()


def p90(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=10, method="inclusive")[-1] if len(xs) > 1 else xs[0]


def verdict(x: float, target: float) -> str:
    return "ok" if x <= target else "MISS"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changes", type=int, default=15, help="input changes per series")
    ap.add_argument("--cold", type=int, default=3, help="fresh servers for the cold page load")
    ap.add_argument("--bursts", type=int, default=3, help="key-press bursts")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every change's latency")
    ap.add_argument("--sessions", default="1,3,8", help="concurrent session counts ('' to skip)")
    args = ap.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="zmot-bench-"))

    print(f"ZMOT Lab in headless Chromium ({H.chromium_path()}); server logs in {logs}\n")
    cold, warm_loads = [], []
    with H.chromium() as browser:
        # (a) cold page loads, each on a fresh server; then a second session on the last, warm one
        for i in range(args.cold):
            server = H.Server(log=logs / f"server-{i}.log").start()
            try:
                cold.append((server.healthy_at - server.started_at, first_load(browser, server.url)))
                if i == args.cold - 1:
                    warm_loads.append(first_load(browser, server.url))
                    warm_loads.append(first_load(browser, server.url))
                    # (b) input changes, on this warm server
                    context, page = fresh_page(browser)
                    try:
                        page.goto(server.url + f"/?seed={next(SEEDS)}")
                        H.wait_marker(page)
                        series = {
                            "budget split, one notch (neighbours precomputed)": series_split(page, args.changes),
                            "market: buying groups per week (new engine run)": series_new_run(page, args.changes),
                            "budget split back and forth (cached settings)": series_cached(page, args.changes),
                        }
                        settles = [burst(page, 44.5 + 2 * k) for k in range(args.bursts)]
                    finally:
                        context.close()
                    fold_1920 = first_screen_1920(browser, server.url)
            finally:
                server.stop()
        # (a) again, as a workshop meets it: the server started a little before its first visitor
        server = H.Server(log=logs / "server-later.log").start()
        try:
            time.sleep(LATER_S)
            later = first_load(browser, server.url)
        finally:
            server.stop()
    counts = [int(x) for x in args.sessions.split(",") if x.strip()]
    levels = D.levels(counts, 3, logs) if counts else {}
    trivial = D.trivial(max(args.changes, 5), logs / "trivial.log")
    crowd = max(counts, default=1)
    trivial_crowd = D.trivial(3, logs / "trivial-crowd.log", n=crowd) if crowd > 1 else None

    print("(a) Page load, seconds from navigation (target: first results within "
          f"{TARGET_COLD_S:.0f} s of a cold page load)")
    head = f"  {'':34s}{'server up':>10s}{'connected':>11s}{'1st element':>13s}{'results':>9s}{'drawn':>7s}"
    print(head)
    for i, (up, m) in enumerate(cold, 1):
        print(f"  {f'cold server #{i}':34s}{up:10.2f}{m.get('ws_open', float('nan')):11.2f}"
              f"{m['first_element']:13.2f}{m['marker']:9.2f}{m['drawn']:7.2f}  {verdict(m['marker'], TARGET_COLD_S)}")
    for i, m in enumerate(warm_loads, 1):
        print(f"  {f'warm server, new session #{i}':34s}{'':10s}{m.get('ws_open', float('nan')):11.2f}"
              f"{m['first_element']:13.2f}{m['marker']:9.2f}{m['drawn']:7.2f}")
    print(f"  {f'fresh server, visitor {LATER_S:g} s after start':34s}{'':10s}"
          f"{later.get('ws_open', float('nan')):11.2f}{later['first_element']:13.2f}{later['marker']:9.2f}"
          f"{later['drawn']:7.2f}")
    med = cold_med = statistics.median(m["marker"] for _, m in cold)
    print(f"  median cold: results {med:.2f} s, drawn {statistics.median(m['drawn'] for _, m in cold):.2f} s "
          "('server up' is before navigation and not included)\n")

    print(f"(b) Input change to new results in the DOM, seconds ({args.changes} changes each; target median "
          f"<= {TARGET_CHANGE_S} s, aim 0.5 s)")
    print(f"  {'':52s}{'median':>8s}{'p90':>7s}{'min':>7s}{'max':>7s}{'cached':>8s}{'engine':>8s}")
    for name, runs in series.items():
        xs = [x for x, _ in runs]
        engine = [e for _, e in runs if e is not None]
        med = statistics.median(xs)
        eng = f"{statistics.median(engine):8.2f}" if engine else f"{'-':>8s}"
        print(f"  {name:52s}{med:8.2f}{p90(xs):7.2f}{min(xs):7.2f}{max(xs):7.2f}"
              f"{len(runs) - len(engine):5d}/{len(runs):<2d}{eng}  {verdict(med, TARGET_CHANGE_S)}")
        if args.verbose:
            print("    " + " ".join(f"{x:.2f}" + ("" if e is None else "*") for x, e in runs))
    print("  cached: changes served from the cache; engine: median seconds of the engine run in the others "
          "(data-compute-ms)" + ("; *: an engine run" if args.verbose else ""))
    firsts, refined, states = zip(*settles, strict=True)
    print(f"\n(c) Burst of 10 edits 150 ms apart ({len(settles)} bursts): the last value's first results "
          f"{statistics.median(firsts):.2f} s after the last edit (median; {' '.join(f'{x:.2f}' for x in firsts)}), "
          f"refined {statistics.median(refined):.2f} s ({' '.join(f'{x:.2f}' for x in refined)}); "
          f"results shown per burst: {' '.join(states)} (f: first replications, R: refined; "
          "fR or R: no intermediate value shown)")
    print(f"(d) 1920x1080: the comparison is {'above' if fold_1920 else 'BELOW'} the fold")
    tl, tc = trivial["load_p50"], trivial["change_p50"]
    print(f"(f) Trivial Streamlit app, same run: cold load {tl:.2f} s, slider {tc:.3f} s")
    if levels:
        print("(e) Concurrent sessions on a fresh server each, seconds (x trivial app's cold load / slider; "
              "x one session of this run):")
        one = levels.get(1)
        for n, v in levels.items():
            alone = (f"; x one session: load {v['load_p50'] / one['load_p50']:.1f}, change "
                     f"{v['change_p50'] / one['change_p50']:.1f}") if one and n > 1 else ""
            print(f"  {n} session(s): first load p50 {v['load_p50']:.2f} (x{v['load_p50'] / tl:.1f}) "
                  f"p95 {v['load_p95']:.2f}; change p50 {v['change_p50']:.2f} (x{v['change_p50'] / tc:.0f}) "
                  f"p95 {v['change_p95']:.2f}; errors {v['errors']} lost {v['lost']} crossed {v['crossed']}{alone}")
        if trivial_crowd is not None:
            print(f"  the trivial app, {crowd} sessions (the browsers' own share of this machine): first load p50 "
                  f"{trivial_crowd['load_p50']:.2f} (x{trivial_crowd['load_p50'] / tl:.1f} its one session), "
                  f"slider p50 {trivial_crowd['change_p50']:.3f} (x{trivial_crowd['change_p50'] / tc:.1f})")
    new_run = statistics.median(x for x, _ in series["market: buying groups per week (new engine run)"])
    print(f"ratios to the trivial app: cold first results x{cold_med / tl:.1f}; new engine run x{new_run / tc:.0f}; "
          f"warm new session x{statistics.median(m['marker'] for m in warm_loads) / tl:.1f}")


if __name__ == "__main__":
    main()
