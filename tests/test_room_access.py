"""The shared room: the code gate, facilitator actions, rate limiting, the size guard's confirmation, the
time limit (AppTest), and the server-wide scheduler's in-flight registry and fairness (unit tests).

Each AppTest here uses a seed of its own, so its runs are neither in the cache nor in flight already.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sim.presets import load_preset
from ui import access as A
from ui import jobs as J
from ui import run as RUN
from ui import text as T

APP = str(Path(__file__).resolve().parent.parent / "ui" / "page.py")  # the page `app.py` serves


def open_app(seed: int, r: int = 3) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["r"] = str(r)
    at.query_params["seed"] = str(seed)
    at.run()
    assert not at.exception, at.exception
    return at


def marker(at: AppTest) -> str | None:
    found = [m.value for m in at.markdown if 'id="zmot-results-ready"' in m.value]
    return found[0] if found else None


def submit(at: AppTest, key: str, code: str) -> AppTest:
    at.text_input(key=key).input(code)
    at.button[0].click()  # the gate's only button
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def codes(monkeypatch):
    monkeypatch.setenv(A.ENV_WORKSHOP, "blue-lagoon-7")
    monkeypatch.setenv(A.ENV_FACILITATOR, "facilitate-me")


def test_without_codes_there_is_no_gate_and_the_single_user_may_do_everything(monkeypatch):
    monkeypatch.delenv(A.ENV_WORKSHOP, raising=False)
    monkeypatch.delenv(A.ENV_FACILITATOR, raising=False)
    at = open_app(9101)
    assert marker(at) is not None
    assert not [w for w in at.text_input if w.key == A.CODE]
    assert A.is_facilitator()


def test_the_gate_shows_nothing_until_the_workshop_code(codes):
    at = open_app(9102)
    assert marker(at) is None and not at.metric and not at.sidebar.number_input
    assert at.text_input(key=A.CODE).proto.type == at.text_input(key=A.CODE).proto.PASSWORD
    submit(at, A.CODE, "blue-lagoon-6")
    assert marker(at) is None
    assert T.t("en", "access.wrong", sec="1") in [e.value for e in at.error]
    at.session_state[A._UNTIL] = 0.0  # the test does not wait out the delay
    submit(at, A.CODE, " blue-lagoon-7 ")  # pasted from an e-mail with its spaces
    assert marker(at) is not None
    assert at.session_state[A.ROLE] == A.PARTICIPANT
    assert at.session_state[A.CODE] == ""  # the code does not stay in the session
    assert "blue-lagoon" not in str(dict(at.query_params))


def test_wrong_codes_are_rate_limited_with_a_growing_delay(codes):
    at = open_app(9103)
    submit(at, A.CODE, "nope")
    first = at.session_state[A._UNTIL]
    submit(at, A.CODE, "blue-lagoon-7")  # the right code, but within the delay: refused uncompared
    assert marker(at) is None
    assert any("wait" in e.value for e in at.error)
    at.session_state[A._UNTIL] = 0.0
    submit(at, A.CODE, "nope again")
    assert at.session_state[A._FAILS] == 2 and at.session_state[A._UNTIL] > first
    assert [A.delay(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


def test_the_facilitator_code_unlocks_facilitator_actions(codes):
    at = open_app(9104)
    submit(at, A.CODE, "blue-lagoon-7")
    assert at.session_state[A.ROLE] == A.PARTICIPANT
    at.text_input(key=A.FAC_CODE).input("facilitate-me")
    at.button[-1].click()
    at.run()
    assert at.session_state[A.ROLE] == A.FACILITATOR
    assert T.t("en", "access.facilitator_on") in [c.value for c in at.caption]


def test_can_delete_and_is_facilitator_follow_the_role(codes, monkeypatch):
    state: dict = {}
    monkeypatch.setattr(A.st, "session_state", state)
    entry = {"team": "red", "name": "Plan A"}
    assert not A.is_facilitator()
    assert A.can_delete(entry, own={("red", "Plan A")})
    assert not A.can_delete(entry, own={("red", "Plan B"), ("blue", "Plan A")}) and not A.can_delete(entry)
    state[A.ROLE] = A.FACILITATOR
    assert A.is_facilitator() and A.can_delete(entry)


def test_a_run_beyond_the_engine_limit_asks_to_confirm(monkeypatch):
    monkeypatch.setenv("ZMOT_MAX_BUYER_RUNS", "10000")
    at = open_app(9105)
    assert marker(at) is None or 'data-results="none"' in marker(at)
    assert any(T.t("en", "limits.confirm_button") == b.label for b in at.button)
    next(b for b in at.button if b.label == T.t("en", "limits.confirm_button")).click()
    at.run()
    assert not at.exception
    assert 'data-results="none"' not in marker(at)


def test_a_run_far_beyond_the_limit_is_refused(monkeypatch):
    monkeypatch.setenv("ZMOT_MAX_BUYER_RUNS", "1000")
    at = open_app(9106)
    assert not any(b.label == T.t("en", "limits.confirm_button") for b in at.button)
    assert any("too large" in e.value for e in at.error)


def test_a_run_past_its_time_limit_stops_and_says_so(monkeypatch):
    monkeypatch.setenv(J.ENV_TIME_LIMIT, "0.000001")
    at = open_app(9107, r=40)
    said = [w.value for w in at.warning]
    assert any("time limit" in w for w in said), said


# --- The scheduler ------------------------------------------------------------------------------------


def dry_scheduler(workers: int) -> J.Scheduler:
    """A scheduler whose pool takes batches and never runs them: what it dispatches, in which order."""
    sched = J.Scheduler(workers=workers)

    class Never:
        def submit(self, *args):
            return Future()

    sched.pool = Never
    return sched


def test_two_requests_for_the_same_uncached_scenario_compute_it_once():
    sched = J.Scheduler(workers=2)
    s = load_preset("baseline_2011")
    key = RUN.run_key(s, 8101, 4)
    calls = []
    real_submit = sched.pool

    def counting_pool():
        pool = real_submit()

        class Counting:
            def submit(self, fn, tasks, *a):
                calls.append([r for _, _, r in tasks])
                return pool.submit(fn, tasks, *a)
        return Counting()

    sched.pool = counting_pool
    out = {}

    def ask(session):
        job = sched.acquire(key, s, 8101, 4, False, session)
        while not sched.wait([job], lambda: job.over, 0.05):
            pass
        out[session] = sched.collect(job, lambda res, n: res)
        sched.release(job, session)

    threads = [threading.Thread(target=ask, args=(f"session-{i}",)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert sorted(r for c in calls for r in c) == [0, 1, 2, 3]  # every replication once
    assert out["session-0"] is out["session-1"]  # one result, reduced once


def test_real_requests_go_before_speculative_work_and_sessions_take_turns():
    sched = dry_scheduler(1)
    s = load_preset("baseline_2011")
    big = s.model_copy(update={"name": "big"})
    spec = sched.acquire("spec", s, 1, 8, False, "a", speculative=True)  # takes the only worker
    assert sched.dispatched[-1] == ("a", "spec")
    sched.acquire("long", big, 2, 30, False, "a")
    sched.acquire("short", s, 3, 4, False, "b")
    order = []
    for _ in range(4):
        sched.busy = sched.busy_deferrable = 0  # the worker is free again (its batch finished)
        sched._pump()
        order.append(sched.dispatched[-1])
    assert order[:2] in ([("b", "short"), ("a", "long")], [("a", "long"), ("b", "short")])
    assert ("a", "spec") not in order  # speculative work waits while real work is pending
    assert {o[0] for o in order} == {"a", "b"}  # neither session holds the worker
    assert spec.holders == {"a": True}


def test_every_pages_first_replications_go_before_any_refinement():
    sched = dry_scheduler(2)
    s = load_preset("baseline_2011")
    first = J.first_reps(30)
    sched.busy = sched.workers  # both workers busy: nothing is dispatched until one is freed below
    refining = sched.acquire("refining", s, 1, 30, False, "a")
    refining.pending = type(refining.pending)(b for b in refining.pending if b[0] >= first)  # shown already
    fresh = sched.acquire("fresh", s.model_copy(update={"name": "fresh"}), 2, 30, False, "b")
    sched.served["b"] = 1e12  # b was served last: without the rule, a would go first
    order = []
    while fresh.urgent:
        sched.busy = sched.workers - 1
        sched._pump()
        order.append(sched.dispatched[-1])
    assert len(order) == 2 and all(o == ("b", "fresh") for o in order)  # b's first figures: one batch a worker
    sched.busy = sched.workers - 1
    sched._pump()
    assert sched.dispatched[-1] == ("a", "refining")


def test_a_pages_first_replications_come_back_in_one_round_of_the_workers():
    s = load_preset("baseline_2011")
    for reps, workers in ((30, 2), (30, 1), (30, 4), (11, 2), (200, 8), (1, 2)):
        batches = J.batches(s, reps, workers)
        assert [r for b in batches for r in b] == list(range(reps))  # every replication once, in order
        first = J.first_reps(reps)
        if first:
            head = [b for b in batches if b[0] < first]
            assert len(head) <= workers and all(b[-1] < first for b in head)


def test_no_speculative_work_is_asked_for_while_other_sessions_are_at_work():
    sched = dry_scheduler(2)
    s = load_preset("baseline_2011")
    sched.acquire("warm", s, 1, 4, False, J.SERVER_WORK + "1")  # the server's own warm-up is no session
    assert not sched.others_active("a")
    sched.acquire("spec", s, 2, 4, False, "b", speculative=True)  # b guessing is not b at work
    assert not sched.others_active("a")
    sched.acquire("real", s, 3, 4, False, "b")
    assert sched.others_active("a") and not sched.others_active("b")
    assert not sched.others_active("a", within=0.0)


def test_a_refinement_leaves_a_worker_free_for_drawing_and_for_first_figures():
    sched = dry_scheduler(2)
    first = J.first_reps(30)
    s = load_preset("baseline_2011")
    sched.busy = sched.workers
    jobs = []
    for session in ("a", "b"):  # pages that show a run's first replications at once
        job = sched.acquire(f"refining-{session}", s.model_copy(update={"name": session}), 1, 30, False, session,
                            whole=False)
        job.pending = type(job.pending)(b for b in job.pending if b[0] >= first)  # its first ones came back
        jobs.append(job)
    sched.busy = 0
    sched._pump()
    assert sched.busy == 1 and sched.busy_deferrable == 1  # one refinement; the other worker stays free
    sched.acquire("fresh", s.model_copy(update={"name": "fresh"}), 2, 30, False, "c")
    assert sched.dispatched[-1] == ("c", "fresh") and sched.busy == 2  # c's first figures start at once
    waiting = dry_scheduler(2)  # a page that waits for every replication (a burst's last edit) takes both
    waiting.busy = waiting.workers
    job = waiting.acquire("all", s, 1, 30, False, "a")
    job.pending = type(job.pending)(b for b in job.pending if b[0] >= first)
    waiting.busy = 0
    waiting._pump()
    assert waiting.busy == 2


def test_only_those_who_wait_for_every_replication_hold_a_refinement_on_every_worker():
    s = load_preset("baseline_2011")
    first = J.first_reps(30)

    def past_first(job):
        job.pending = type(job.pending)(b for b in job.pending if b[0] >= first)  # its first ones came back
        return job

    warm = dry_scheduler(2)  # the warm-up's first screen: no page waits yet, the first page refines it
    warm.busy = warm.workers
    job = past_first(warm.acquire("first-screen", s, 1, 30, False, J.SERVER_WORK + "1", whole=False))
    assert job.deferrable
    warm.busy = 0
    warm._pump()
    assert warm.busy == 1  # the other core imports the app and draws the first page
    shared = dry_scheduler(2)  # two pages share a job: one shows its first figures, one waits for them all
    shared.busy = shared.workers
    job = past_first(shared.acquire("shared", s, 1, 30, False, "burst"))
    shared.acquire("shared", s, 1, 30, False, "glance", whole=False)
    shared.want([job], "glance", whole=False)
    assert not job.deferrable  # one page's glimpse does not make another's wait longer
    shared.want([job], "burst", whole=False)
    assert job.deferrable
    shared.want([job], "glance", whole=True)  # its page is drawn: the refinement takes every core
    assert not job.deferrable
    shared.want([job], "glance", whole=False)
    shared.release(job, "glance")
    assert job.deferrable and job.holders == {"burst": False}


def test_the_server_loads_the_page_before_its_first_visitor():
    """`app.py` serves `ui/page.py` and, at the server's start, imports every module the page may need
    (not the page itself, a script run per session) and starts the engine's warm-up."""
    root = Path(__file__).resolve().parent.parent
    code = ("import sys, app; from pathlib import Path; assert Path(app.PAGE).exists(); app._ready(); "
            "from ui import warm; "
            "assert 'ui.views.calibration' in sys.modules and 'ui.report' in sys.modules, 'not preloaded'; "
            "assert 'ui.page' not in sys.modules, 'the page ran outside a session'; "
            "from ui import jobs; warm.start().join(60); "
            "assert jobs.scheduler()._pool is not None, 'no workers'; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip().endswith("ok"), out.stderr[-2000:]


def test_the_engine_workers_end_with_their_server_and_run_below_it():
    """A server stopped by a signal runs no exit handler: its worker processes must notice by themselves
    (they lingered for many minutes, about 100 MB each). And they run at a lower priority than it."""
    root = Path(__file__).resolve().parent.parent
    code = ("import os, sys, time; from ui import jobs as J; s = J.Scheduler(2); "
            "pids = {s.pool().submit(os.getpid).result() for _ in range(8)}; "
            "print(' '.join(map(str, pids)), os.getpriority(os.PRIO_PROCESS, min(pids)), flush=True); "
            "time.sleep(60)")
    server = subprocess.Popen([sys.executable, "-c", code], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        *pids, nice = server.stdout.readline().split()
        workers = [int(p) for p in pids]
        assert workers and int(nice) >= J.WORKER_NICENESS
        assert all(_alive(p) for p in workers)
        server.send_signal(signal.SIGKILL)  # no exit handler can run
        server.wait(10)
        deadline = time.monotonic() + 10 * J.PARENT_CHECK_S
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(p) for p in workers), "a worker outlived its server"
    finally:
        if server.poll() is None:
            server.kill()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a dead child not yet reaped by init shows as a zombie
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True
