"""The guided story in the app (AppTest, on a temporary library via ZMOT_LIBRARY): its steps, their links,
Back and Next, and what each step sets against what its text says."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from test_workshop import R, lib, open_app, rerun, shown_view, texts  # noqa: F401 (lib: a fixture)

from sim.experiment import compare
from ui import state as S
from ui import story
from ui import story_file as SF
from ui.views import VIEWS

pytestmark = pytest.mark.usefixtures("lib")  # every test on a temporary library


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_shipped_stories_are_valid_and_alike_in_both_languages(lang: str):
    story = SF.load("workshop", lang, VIEWS)
    en = SF.load("workshop", "en", VIEWS)
    assert 4 <= len(story.steps) <= 6
    for s, e in zip(story.steps, en.steps, strict=True):
        assert (s.view, s.highlight, s.baseline) == (e.view, e.highlight, e.baseline)
        assert [(r.preset, r.set) for r in s.scenarios] == [(r.preset, r.set) for r in e.scenarios]


def test_a_story_link_opens_its_step_and_next_back_follow():
    at = open_app(story="workshop", step="2")
    story = SF.load("workshop", "en", VIEWS)
    step = story.steps[1]
    assert [p.name for p in at.session_state[S._PINS]] == [r.name for r in step.scenarios[:-1]]
    assert at.text_input(key=S.NAME).value == step.scenarios[-1].name
    assert at.session_state[S.SPLIT] == pytest.approx(0.6)
    assert shown_view(at) == step.view == "funnel"
    assert f"### {step.title}" in texts(at, "markdown")
    assert any(step.question in m for m in texts(at, "info"))
    assert at.query_params["story"] == "workshop" and at.query_params["step"] == "2"
    at.button(key="story.next").click()
    rerun(at)
    assert shown_view(at) == story.steps[2].view and at.query_params["step"] == "3"
    assert [p.name for p in at.session_state[S._PINS]] == [r.name for r in story.steps[2].scenarios[:-1]]
    at.button(key="story.back").click()
    rerun(at)
    assert shown_view(at) == "funnel" and at.query_params["step"] == "2"
    at.button(key="story.end").click()
    rerun(at)
    assert "story" not in at.query_params


def test_the_story_starts_from_the_board_in_french():
    at = open_app(view="board", lang="fr")
    at.button(key="story.start").click()
    rerun(at)
    first = SF.load("workshop", "fr", VIEWS).steps[0]
    assert f"### {first.title}" in texts(at, "markdown")
    assert at.button(key="story.back").disabled
    assert any("Regardez" in m for m in texts(at, "markdown"))


def test_a_bad_story_file_is_explained_and_changes_nothing(tmp_path: Path, monkeypatch):
    (tmp_path / "broken.en.toml").write_text('title = "x"\n[[steps]]\ntitle = "a"\nview = "nowhere"\n'
                                             'highlight = "winz"\nquestion = "?"\n'
                                             'scenarios = [{ preset = "baseline_2011", name = "n" }]\n')
    monkeypatch.setenv("ZMOT_STORIES", str(tmp_path))
    at = open_app(story="broken")
    errors = texts(at, "error")
    assert errors and "broken.en.toml" in errors[0] and "nowhere" in errors[0] and "winz" in errors[0], errors
    assert [p.name for p in at.session_state[S._PINS]] == ["baseline_2011"]  # the first screen, unchanged
    monkeypatch.delenv("ZMOT_STORIES")
    at = open_app(story="workshop", step="99")
    assert any("no step 99" in w for w in texts(at, "warning"))


def on_screen(at) -> dict:
    """What a step puts on screen: the pins, the live scenario's inputs and name, the baseline, the view
    and every figure drawn (the panel's cards among them)."""
    state = at.session_state.to_dict()
    pins = at.session_state[S._PINS]
    base = at.session_state[S.BASE]
    return {"pins": [(p.name, p.scenario.model_dump(mode="json")) for p in pins],
            "live": sorted((k, repr(v)) for k, v in state.items() if k.startswith("in.")),
            "name": at.text_input(key=S.NAME).value,
            "base": next((p.name for p in pins if p.id == base), base), "view": shown_view(at),
            "figures": [(m.label, m.value, m.delta) for m in at.metric]}


@pytest.mark.parametrize("step", [3, 4, 5])
def test_a_step_shows_the_same_scenarios_by_next_by_back_and_by_its_link(step: int):
    linked = on_screen(open_app(story="workshop", step=str(step)))
    at = open_app(story="workshop", step=str(step - 1))
    at.button(key="story.next").click()
    assert on_screen(rerun(at)) == linked
    if step < 5:
        at = open_app(story="workshop", step=str(step + 1))
        at.button(key="story.back").click()
        assert on_screen(rerun(at)) == linked


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_last_step_starts_every_team_from_the_seeds_advice_against_the_2011_habit(lang: str):
    at = open_app(story="workshop", step="5", lang=lang)
    step = SF.load("workshop", lang, VIEWS).steps[4]
    assert shown_view(at) == "board"
    assert [p.preset for p in at.session_state[S._PINS]] == ["baseline_2011"]
    assert at.session_state[S.PRESET] == "seed_advice"
    assert at.text_input(key=S.NAME).value == step.scenarios[-1].name
    assert at.session_state[S.SPLIT] == pytest.approx(0.6)
    assert at.session_state[S.BASE] == at.session_state[S._PINS][0].id


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_steps_text_says_what_the_step_sets(lang: str):
    steps = [[r.scenario() for r in s.scenarios] for s in SF.load("workshop", lang, VIEWS).steps]
    text = [s.text for s in SF.load("workshop", lang, VIEWS).steps]
    habit, moved = steps[1]  # step 2: two reps' budget to content, still sales-led, no nurture
    assert moved.policy == habit.policy == "sales_led" and moved.nurture_spend == 0
    assert moved.content_spend - habit.content_spend == pytest.approx(300_000) and habit.reps - moved.reps == 2
    assert ("no nurture yet" if lang == "en" else "pas encore de nurturing") in text[1]
    for nurtured in steps[2][1:]:  # step 3: nurture on, 40% of marketing, no cold prospecting
        assert nurtured.policy == "zmot_nurture" and nurtured.sales.prospecting_share == 0
        assert nurtured.nurture_spend == pytest.approx(0.4 * nurtured.marketing_spend)
    assert "40" in text[2]
    habit, nurtured = steps[3]  # step 4: the same reps and budget, one nurtured
    assert (habit.reps, habit.marketing_spend) == (nurtured.reps, nurtured.marketing_spend) == (10, 500_000)
    assert habit.policy == "sales_led" and nurtured.policy == "zmot_nurture"
    assert [s.policy for s in steps[4]] == ["sales_led", "zmot_nurture"]  # step 5: the seed's advice live
    assert steps[4][1].reps == 8


def test_a_step_card_draws_an_arrow_only_for_a_difference_outside_the_noise():
    noise = []
    for i in (2, 3):  # step 2: more wins, clearly; step 3: conversion barely moves with nurture alone
        step = SF.load("workshop", "en", VIEWS).steps[i - 1]
        at = open_app(story="workshop", step=str(i))
        d = compare([r.scenario() for r in step.scenarios], R, 42, detail=False).differences.set_index(
            ["scenario", "kpi"])
        cards = [m for m in at.metric if any(m.label.startswith(r.name) for r in step.scenarios)]
        assert [m.label for m in cards][:1] == [step.scenarios[0].name]  # the baseline's card first
        for card, ref in zip(cards[1:], step.scenarios[1:], strict=True):
            lo, hi = d.loc[(ref.name, step.highlight), ["ci_low", "ci_high"]]
            arrow = card.proto.direction != MetricProto.MetricDirection.NONE
            assert arrow == (lo > 0 or hi < 0), (card.label, card.delta, lo, hi)
            noise.append(not arrow)
    assert any(noise) and not all(noise)  # both kinds were drawn


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_picker_names_a_story_by_its_title_not_its_file(lang: str):
    at = open_app(view="board", lang=lang)
    picker = at.selectbox(key=story.PICK)
    assert picker.options == [SF.load("workshop", lang, VIEWS).title] and picker.value == "workshop"
    assert "workshop" not in picker.options
