"""Who used the machine's CPU while a bench ran: the app's server or the browsers driving it.

On this machine the browsers of a multi-session bench share the cores with the server, so a slow first
load may be the browsers' own work, not the server's. This meter says which, as CPU-seconds: a thread
samples every process the bench started (and theirs) with `psutil`, a few times a second, and sums
each one's CPU time over the meter's life. Python processes are the server (Streamlit and its engine
workers: the bench starts no other Python); the rest (Playwright's driver, Chromium's processes) are
the browsers, told apart by kind: the pages' renderers, the GPU process (which composites every page's
frames in software here), Chromium's own and its helpers, and Playwright's driver. A process's work
after its last sample is missed: at most one interval of it.
"""

from __future__ import annotations

import threading

import psutil

INTERVAL_S = 0.2


KINDS = ("renderers", "gpu", "chromium", "driver")  # the browsers' processes, by what they do


def _kind(p: psutil.Process) -> str:
    """'server' or one of `KINDS`."""
    name = p.name()
    if name.startswith("python"):
        return "server"
    if name.startswith("node"):
        return "driver"
    kind = next((a[7:] for a in p.cmdline() if a.startswith("--type=")), "")
    return {"renderer": "renderers", "gpu-process": "gpu"}.get(kind, "chromium")


class CpuMeter:
    """`with CpuMeter() as m: ...` then `m.seconds()`: CPU-seconds used inside the block by the processes
    below this one: "server", "browsers" (all the rest), and the browsers' by kind (`KINDS`)."""

    def __init__(self, interval: float = INTERVAL_S):
        self.interval = interval
        self._start: dict[tuple[int, float], float] = {}  # (pid, created) -> CPU-seconds when first seen
        self._last: dict[tuple[int, float], tuple[str, float]] = {}  # -> (side, CPU-seconds when last seen)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self, first: bool = False) -> None:
        for p in psutil.Process().children(recursive=True):
            try:
                with p.oneshot():
                    key, t = (p.pid, p.create_time()), p.cpu_times()
                    used, side = t.user + t.system, _kind(p)
            except psutil.Error:  # it ended between the listing and the reading
                continue
            self._start.setdefault(key, used if first else 0.0)
            self._last[key] = (side, used)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> CpuMeter:
        self._sample(first=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def seconds(self) -> dict[str, float]:
        out = dict.fromkeys(("server", *KINDS), 0.0)
        for key, (kind, used) in self._last.items():
            out[kind] += used - self._start[key]
        out["browsers"] = sum(out[k] for k in KINDS)
        return out
