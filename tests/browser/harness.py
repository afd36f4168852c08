"""Start a real Streamlit server and Debian's headless Chromium; wait for the app's results marker.

Shared by the browser tests (`conftest.py`) and the latency benchmark (`bench/ui_latency.py`), so the
way the app is started and watched is written once. Playwright cannot download its own browsers here:
Chromium is Debian's (`/usr/bin/chromium`, or `$ZMOT_CHROMIUM`).

The app draws a hidden `#zmot-results-ready` element whose `data-results` attribute changes whenever
the figures on screen change. After an action, wait for a *new* value of that attribute, never for
Streamlit's idle state: after drawing, the script keeps running to precompute the budget split's
neighbours.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ZMOT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1600, "height": 1000}
MARKER = "#zmot-results-ready"
START_TIMEOUT = 60.0  # s
# Streamlit's log lines with their level: by default they carry only the time, so a warning logged
# without a stack would read like any other line (`log_problems`).
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium_path() -> str | None:
    """Debian's Chromium, or None when it is not installed."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


class Server:
    """`streamlit run app.py` on a free local port, headless; `url` once it answers its health check."""

    def __init__(self, port: int | None = None, log: Path | None = None, app: Path | None = None,
                 env: dict[str, str] | None = None):
        self.port = port or free_port()
        self.app = app or ROOT / "app.py"  # another app (the benches' trivial one) or the ZMOT Lab
        self.env = env  # extra environment variables (workshop codes, the library's path)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.proc: subprocess.Popen | None = None
        self.started_at = self.healthy_at = float("nan")  # perf_counter() at launch and first health answer

    def start(self, timeout: float = START_TIMEOUT) -> Server:
        out = open(self.log, "w") if self.log else subprocess.DEVNULL  # noqa: SIM115 (closed in stop)
        self._out = out
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(self.app), "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
             "--logger.messageFormat", LOG_FORMAT],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, **self.env} if self.env else None,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"streamlit exited with code {self.proc.returncode}" + self._tail())
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        self.healthy_at = time.perf_counter()
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"streamlit did not answer within {timeout:.0f} s" + self._tail())

    def _tail(self) -> str:
        if self.log and self.log.exists():
            return ":\n" + "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])
        return ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._out not in (None, subprocess.DEVNULL):
            self._out.close()
            self._out = None

    _out = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright; RuntimeError when it is not installed."""
    path = chromium_path()
    if path is None:
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' (scripts/test.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- The server's log ---------------------------------------------------------------------------------

# What a clean run never logs: a traceback, a warning or an error (Streamlit's lines read
# "<time> WARNING streamlit.<module>: ..." in `LOG_FORMAT`), the stack Streamlit prints with some
# warnings, and the texts of the warnings that matter most here, whatever the format (a widget given a
# default and a value through the session state at once; a deprecated argument).
LOG_PROBLEMS = re.compile(r"Traceback|Stack \(most recent call last\)|\b(?:WARNING|ERROR|CRITICAL)\b"
                          r"|was created with a default value|StreamlitAPIException|Please replace")


def log_problems(log: Path) -> list[str]:
    """The lines of a server's log that say something went wrong (`LOG_PROBLEMS`); [] for a clean log."""
    return [line for line in log.read_text(errors="replace").splitlines() if LOG_PROBLEMS.search(line)]


def log_text(log: Path, limit: int = 6000) -> str:
    """A server's log for an assertion's message: its end, where a warning's stack says where it came from."""
    text = log.read_text(errors="replace")
    return text if len(text) <= limit else "...\n" + text[-limit:]


# --- The results marker ------------------------------------------------------------------------------


def marker(page) -> dict[str, str] | None:
    """The marker's data attributes (results, view, lang, compute-ms, last-wins), or None if not drawn."""
    return page.evaluate(
        """(sel) => { const el = document.querySelector(sel); if (!el) return null;
                      const out = {}; for (const k in el.dataset) out[k] = el.dataset[k]; return out; }""",
        MARKER)


def wait_marker(page, old: str | None = None, timeout: float = 60.0, view: str | None = None,
                lang: str | None = None, final: bool = True) -> dict[str, str]:
    """Wait until the marker shows results other than `old` (and the view and language asked for).

    Returns its attributes. `old=None` waits for any results (a first page). With `final` (the
    default), the results must be the refined ones (`data-final`), not a run's first replications.
    """
    page.wait_for_function(
        """([sel, old, view, lang, final]) => { const el = document.querySelector(sel);
             if (!el) return false; const d = el.dataset;
             return d.results && d.results !== 'none' && d.results !== old && (!final || d.final !== '0')
                    && (view === null || d.view === view) && (lang === null || d.lang === lang); }""",
        arg=[MARKER, old, view, lang, final], timeout=timeout * 1000, polling="raf")
    found = marker(page)
    assert found is not None
    return found


def wait_drawn(page, timeout: float = 60.0, min_charts: int = 0) -> None:
    """Wait until the main area has no loading placeholders and every Vega-Lite chart is drawn.

    On a first page, Streamlit loads each kind of element's code on first use and shows a skeleton
    meanwhile: the marker can be there a few hundred milliseconds before the metrics and charts are.
    `min_charts` waits for that many visible charts too: a text written before a chart (a view's
    intro) reaches the browser one message ahead of it.
    """
    page.wait_for_function(
        """(least) => { const main = document.querySelector('[data-testid="stMain"]');
             if (!main || main.querySelector('[data-testid="stSkeleton"]')) return false;
             const shown = Array.from(main.querySelectorAll('[data-testid="stVegaLiteChart"]'))
                                .filter(c => c.offsetParent !== null);  // not in a closed tab
             return shown.length >= least && shown.every(c => c.querySelector('canvas, svg')); }""",
        arg=min_charts, timeout=timeout * 1000, polling="raf")


def visible_charts(page) -> int:
    """How many Vega-Lite charts the main area shows (a closed tab's leftovers are hidden)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        '[data-testid="stMain"] [data-testid="stVegaLiteChart"]')).filter(c => c.offsetParent !== null).length""")


def wait_view(page, view: str, lang: str | None = None, timeout: float = 60.0) -> dict[str, str]:
    """Wait until the marker says the given tab is drawn (its results need not have changed)."""
    page.wait_for_function(
        """([sel, view, lang]) => { const el = document.querySelector(sel);
             return !!el && el.dataset.view === view && el.dataset.results !== 'none'
                    && (lang === null || el.dataset.lang === lang); }""",
        arg=[MARKER, view, lang], timeout=timeout * 1000, polling="raf")
    found = marker(page)
    assert found is not None
    return found


# --- Widgets (keys from `ui.state` / `ui.inputs`: `in.<section>.<field>` -> class `st-key-in-<section>-<field>`)


def widget(page, key: str):
    """The element container of the widget keyed `key` (Streamlit's `st-key-…` class, dots as dashes)."""
    return page.locator(f".st-key-{key.replace('.', '-')}")


def split_slider(page):
    """The budget split's range input (react-aria): focus it and press ArrowLeft/ArrowRight to move a notch."""
    return widget(page, "in.budget.sales_share").locator("input[type=range]")


def open_section(page, title: str) -> None:
    """Open a sidebar group (an expander) by its title, if closed, and wait for its inputs: the app draws
    a group's inputs only while it is open (the opening reruns the script)."""
    details = page.locator('[data-testid="stSidebar"] details').filter(
        has=page.locator(f'summary p:text-is("{title}")'))
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    details.locator(GROUP_INPUTS).first.wait_for()


GROUP_INPUTS = '[data-testid="stExpanderDetails"] [data-testid="stElementContainer"]'  # an open group's inputs


def number_input(page, path: str):
    """The text field of the number input of a scenario field (`market.arrivals_per_week`)."""
    return widget(page, f"in.{path}").locator("input")


def wait_idle(page, timeout: float = 60.0, quiet: float = 0.3) -> None:
    """Until the script has been finished for `quiet` seconds (the app's refinement and precomputation
    included): what a gesture settles on, however loaded the machine."""
    deadline = time.monotonic() + timeout
    since = None
    while time.monotonic() < deadline:
        state = page.evaluate("() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState")
        if state == "notRunning":
            since = since or time.monotonic()
            if time.monotonic() - since >= quiet:
                return
        else:
            since = None
        time.sleep(0.05)
    raise TimeoutError("the script did not finish")


def script_running(page) -> bool:
    """Whether Streamlit says its script is running (only to let precomputation finish, never for results)."""
    return page.locator('[data-testid="stStatusWidget"]').count() > 0
