"""Issue 8 in the app (AppTest): French charts and engine messages, counts that say their period, bounds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import fields as fl
from ui import text as T

APP = str(Path(__file__).resolve().parent.parent / "ui" / "page.py")  # the page `app.py` serves
R = 3


def run_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["r"] = str(params.pop("r", R))
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def _titles(spec: dict) -> list[str]:
    """Every title and axis title of a Vega-Lite spec (lines of a wrapped title joined)."""
    out = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "title" and v:
                    text = v.get("text") if isinstance(v, dict) else v
                    out.append(" ".join(text) if isinstance(text, list) else str(text))
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return [s for s in out if s.strip()]


ENGLISH = ("Buyers", "per year", "replication)", "Share of", "Time to", "Week", "Hours per", "How each",
           "Difference to", "Stage", "Rate", "Value")


@pytest.mark.parametrize("view", ["headline", "funnel", "reps", "journey", "calibration"])
def test_french_charts_have_french_titles_and_counts_say_per_year(view):
    at = run_app(lang="fr", view=view)
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert specs
    titles = [s for spec in specs for s in _titles(spec)]
    left = [s for s in titles if any(w in s for w in ENGLISH)]
    assert not left, left
    if view in ("funnel", "journey"):
        assert any(T.t("fr", "per_year") in s for s in titles), titles


def test_english_count_axes_say_per_year():
    at = run_app(view="funnel")
    titles = [s for c in at.get("vega_lite_chart") for s in _titles(json.loads(c.proto.spec))]
    assert T.t("en", "axis.buyers", per="per year") in titles


def test_impossible_inputs_from_a_link_are_explained_in_french():
    at = run_app(lang="fr", **{"sales.admin_share": "0.6", "sales.prospecting_share": "0.5"})
    text = "\n".join(w.value for w in at.warning)
    assert "il faut du temps pour vendre" in text, text
    assert "must be below" not in text


def test_a_run_too_large_is_explained_in_french(monkeypatch):
    monkeypatch.setenv("ZMOT_MAX_BUYER_RUNS", "100000")  # the engine's limit, lowered below this run
    at = run_app(lang="fr", r="200", **{"market.arrivals_per_week": "1000"})
    text = "\n".join(e.value for e in [*at.error, *at.warning])  # refused, or to be confirmed
    assert "porterait sur environ" in text, text
    assert "would simulate" not in text


def test_every_input_has_both_bounds():
    assert all(f.lo and f.hi for f in fl.all_fields())


def test_the_preset_picker_names_presets_in_the_language_on_screen_and_keeps_the_choice():
    at = run_app(lang="fr", preset="later_market")
    picker = at.sidebar.selectbox(key="preset")
    assert picker.value == "later_market"
    assert "Un marché plus tardif" in picker.options  # the labels the browser shows: titles, no ids
    assert "La référence 2011" in picker.options
    at.sidebar.segmented_control(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    picker = at.sidebar.selectbox(key="preset")
    assert picker.value == "later_market"  # a new language keeps the preset
    assert "A later market" in picker.options
    assert T.preset_name("fr", "not_a_preset") == "not_a_preset"  # a preset without a title: its id


def test_a_burst_edit_draws_nothing_during_the_pause_but_its_engine_work_has_started(monkeypatch):
    """The burst's last edit settles about one run after the hands stop: its pause (drawing nothing
    while a newer edit may come) overlaps its engine work instead of coming before it, on every core
    (nothing is drawn meanwhile, so no core is kept for the page)."""
    from ui import jobs as J
    from ui import orchestrate as O
    from ui import state as S
    from ui.inputs import group_key

    monkeypatch.setattr(O, "BURST_GAP", 600.0)  # every run after the first is part of a burst
    held_during_pause: list[set[str]] = []
    pause = O._hold

    def watched(until):
        if until is not None:
            held_during_pause.append({j.key for j in J.scheduler().jobs.values()
                                      if j.holders and not j.over and j.whole})
        pause(until)

    monkeypatch.setattr(O, "_hold", watched)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["r"] = str(2 * J.FIRST_REPS)  # a run whose first replications are shown, then refined
    at.session_state[group_key("market")] = True
    at.run()
    at.number_input(key=S.input_key("market.arrivals_per_week")).set_value(43.25).run()
    assert not at.exception, at.exception
    marker = next(m.value for m in at.markdown if O.READY_ID in m.value)
    assert held_during_pause and held_during_pause[0], "the pause began before any engine work"
    assert any(f'{key[:8]}-' in marker or f'-{key[:8]}' in marker for key in held_during_pause[0]), marker


def test_percent_sliders_read_in_the_language_on_screen_and_keep_a_value_between_notches():
    from ui import state as S
    from ui.inputs import group_key, percent_options

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["r"] = str(R)
    at.query_params["lang"] = "fr"
    at.query_params["research.rep_aversion_mean"] = "0.3333"  # between two notches: kept, not moved
    at.session_state[group_key("research")] = True
    at.run()
    assert not at.exception, at.exception
    slider = at.select_slider(key=S.input_key("research.rep_aversion_mean"))
    assert slider.value == 33.33
    assert slider.format_func(60.5) == "60,5\u202f%"  # not sprintf's "60.5%"
    assert slider.format_func(60.0) == "60\u202f%"
    assert percent_options(0.0, 100.0, 33.33) == sorted([k / 2 for k in range(201)] + [33.33])
    assert percent_options(0.0, 100.0, 60.0) == [k / 2 for k in range(201)]


def test_every_text_field_but_a_password_has_a_character_limit(monkeypatch, tmp_path):
    """Streamlit's English key hint is drawn over in French only where a character count follows it
    (`ui.widget_text`): every text field of the app has a limit (its count), password fields excepted."""
    from ui import access as A

    monkeypatch.setenv("ZMOT_LIBRARY", str(tmp_path / "lib.sqlite"))
    monkeypatch.setenv(A.ENV_WORKSHOP, "room")
    monkeypatch.setenv(A.ENV_FACILITATOR, "lead")
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["r"] = str(R)
    at.query_params["view"] = "library"
    at.run()
    fields = list(at.text_input)
    assert [f.key for f in fields] == [A.CODE]
    at.text_input(key=A.CODE).input("room")
    at.button[0].click().run()
    assert not at.exception, at.exception
    fields = list(at.text_input) + list(at.text_area)
    keys = {f.key for f in fields}
    assert {"ws.save.note", "ws.save.name", A.FAC_CODE} <= keys, keys
    password = [f.key for f in at.text_input if f.proto.type == f.proto.PASSWORD]
    assert password == [A.FAC_CODE]
    unlimited = [f.key for f in fields if not f.max_chars and f.key not in password]
    assert not unlimited, unlimited


def test_a_run_leaves_no_stop_button_behind_and_states_the_engines_own_time(monkeypatch):
    """The Stop button and the progress bar share one slot, emptied when the run ends (a Stop button
    used to stay beside the final figures); the status line gives the engine's time for the run, even
    when the refined page collects a job finished before it (it used to read "0.0 s")."""
    from ui import jobs as J
    from ui import orchestrate as O
    from ui import run as RUN

    monkeypatch.setattr(RUN, "PROGRESS_BUYERS", 0)
    monkeypatch.setattr(RUN, "LARGE_RUN_BUYERS", 0)  # every run is "large": a bar and a Stop button
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["r"] = str(2 * J.FIRST_REPS)  # first replications shown, then refined
    at.query_params["seed"] = "913"  # a run nobody computed before
    at.run()
    assert not at.exception, at.exception
    assert "data-final=\"1\"" in next(m.value for m in at.markdown if O.READY_ID in m.value)
    assert not [b for b in at.button if b.key == "run.stop"], "a Stop button after the run"
    status = next(c.value for c in at.caption if c.value.startswith("✓"))
    seconds = float(status.rsplit(" s", 1)[0].rsplit(" ", 1)[-1])
    assert seconds >= 0.1, status


def test_stop_here_keeps_a_long_refinements_first_figures_until_refine_is_pressed(monkeypatch):
    """During a long refinement, "Stop here" keeps the figures of the replications finished so far
    (and frees the workers); they stay on screen, said to be partial, until "Refine" is pressed."""
    from ui import jobs as J
    from ui import orchestrate as O
    from ui import run as RUN

    monkeypatch.setattr(RUN, "LARGE_RUN_BUYERS", 0)  # every run is "long": the refinement can be stopped
    total = 2 * J.FIRST_REPS
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["r"] = str(total)
    at.query_params["seed"] = "4242"  # a run nobody computed before
    with monkeypatch.context() as m:  # the refinement never runs: the page stays on its first figures
        pick = J.Scheduler._next
        m.setattr(J.Scheduler, "_next", lambda self, ok: (lambda p: p if p and p[0].urgent else None)(pick(self, ok)))
        m.setattr(O, "speculate", lambda *args: None)  # it refines, then precomputes neighbours
        at.run()
        assert not at.exception, at.exception
        assert 'data-final="0"' in next(x.value for x in at.markdown if O.READY_ID in x.value)
        at.button(key="run.keep").click().run()
        assert not at.exception, at.exception
    marker = next(x.value for x in at.markdown if O.READY_ID in x.value)
    assert 'data-final="1"' in marker
    kept = next(c.value for c in at.caption if c.value.startswith("⏹"))
    assert f"{J.FIRST_REPS} of {total}" in kept, kept
    assert not [j for j in J.scheduler().jobs.values() if j.holders and not j.over and "4242" in str(j.seed)]
    at.run()  # another rerun (a tab, a click): the kept figures stay, nothing is computed
    assert any(c.value.startswith("⏹") for c in at.caption)
    at.button(key="run.refine").click().run()
    assert not at.exception, at.exception
    assert any(c.value.startswith("✓") and f"{total} replications" in c.value for c in at.caption)


def test_a_page_stops_waiting_for_the_splits_neighbours_once_a_room_is_at_work(monkeypatch):
    """A page that starts precomputing the split's neighbours on a quiet server stops waiting for them
    once another session asks for real work: they then yield to every real request, and a page waiting
    for them (the projector's, which no input interrupts) kept its board frozen for over a minute."""
    from ui import jobs as J

    pick = J.Scheduler._next
    monkeypatch.setattr(J.Scheduler, "_next",  # speculative work never gets a worker: the room's requests
                        lambda self, ok: (lambda p: p if p and p[0].real else None)(pick(self, ok)))
    seen = {"speculating": False}

    def others_active(self, session, within=J.ROOM_QUIET_S):  # the room arrives once the page speculates
        speculating = any(j.holders and not j.real and not j.over for j in self.jobs.values())
        seen["speculating"] |= speculating
        return speculating

    monkeypatch.setattr(J.Scheduler, "others_active", others_active)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["seed"] = "4343"  # a run nobody computed before: its neighbours are not in the cache
    at.run()
    assert not at.exception, at.exception
    assert seen["speculating"]  # the page did start on the neighbours, and stopped waiting when the room came
    marker = next(x.value for x in at.markdown if 'id="zmot-results-ready"' in x.value)
    assert 'data-final="1"' in marker
    assert not [j for j in J.scheduler().jobs.values() if not j.over and j.holders and not j.real]
