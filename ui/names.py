"""How a scenario is named on screen: after its preset while its policy and budget split are the preset's,
after its policy and reps once they change, as given once a person names it."""

from __future__ import annotations

from sim.scenario import Scenario

from . import fields as fl
from .formats import number
from .text import policy_help, policy_label, preset_description, preset_name, t


def reps_text(lang: str, n: float) -> str:
    """'10 reps', '1 rep', '9.3 reps': the budget buys a part-time rep with what whole reps leave."""
    whole = abs(n - round(n)) < 1e-6
    if whole and round(n) == 1:
        return t(lang, "n_reps_one")
    return t(lang, "n_reps", n=number(round(n), lang, 0) if whole else number(n, lang, 1))


def auto_name(lang: str, s: Scenario, preset: str) -> str:
    """The name of a scenario nobody named: its preset's while policy and split are the preset's."""
    p = fl.preset(preset) if preset in fl.presets() else None
    if p is not None and s.policy == p.policy and s.reps == p.reps:
        return preset
    return f"{policy_label(lang, s.policy.value)} · {reps_text(lang, s.reps)}"


def auto_description(lang: str, s: Scenario, preset: str) -> str:
    """The description that follows the policy and split: the preset's, or the policy's and the reps."""
    p = fl.preset(preset) if preset in fl.presets() else None
    if p is not None and s.policy == p.policy and s.reps == p.reps:
        return preset_description(lang, preset, p.description)
    return f"{policy_help(lang, s.policy.value)} {reps_text(lang, s.reps)}."


def written_by_app(s: Scenario) -> str | None:
    """The preset to describe `s` by when its description is the app's own English text, not a person's
    words: a preset's description (a saved scenario keeps the one of the preset it started from), or ''
    for the one `auto_description` writes from the policy and reps once they change. None: a person's."""
    shipped = next((name for name in fl.presets() if fl.preset(name).description == s.description), None)
    if shipped is not None:
        return shipped
    return "" if s.description == auto_description("en", s, "") else None


def label_of(lang: str, s: Scenario, preset: str, named: bool) -> str:
    """How a scenario is shown: a person's name as given; an automatic one in `lang`, a preset's by its title."""
    if named:
        return s.name
    name = auto_name(lang, s, preset)
    return preset_name(lang, name) if name == preset else name
