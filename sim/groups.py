"""The one map of input groups and of the levers each policy uses.

Executives think of a scenario as a few decisions and assumptions: the policy and its hand-off rules,
the marketing mix (content against nurture), the budget split, the market and its buyers, the sales
team, and the experiment's settings. Preset checks, lever warnings, the budget-shift experiment's
`--policies` and the attribution of a difference (Shapley over groups) all read this map, so a field
belongs to exactly one group here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .scenario import Policy, Scenario

POLICY, MARKETING_MIX, BUDGET_SPLIT, MARKET, SALES, EXPERIMENT = (
    "policy", "marketing_mix", "budget_split", "market", "sales", "experiment")
LABEL = "label"  # name and description: they change no figure

# Group of every input, as dotted paths. Sections map whole unless a field is listed elsewhere.
_SECTION_GROUP = {"market": MARKET, "research": MARKET, "marketing": MARKET, "sales": SALES,
                  "budget": BUDGET_SPLIT, "experiment": EXPERIMENT}
_FIELD_GROUP = {
    "name": LABEL, "description": LABEL,
    # The policy and its hand-off rules.
    "policy": POLICY,
    "marketing.score_per_touch": POLICY,
    "marketing.mql_threshold": POLICY,
    "marketing.hybrid_score_threshold": POLICY,
    "marketing.hybrid_fit_threshold": POLICY,
    "sales.speed_to_lead_target_hours": POLICY,
    "sales.prospecting_share": POLICY,
    # What marketing buys: content against nurture, and the nurture program's cadence and cost.
    "budget.content_share_of_marketing": MARKETING_MIX,
    "marketing.nurture_touches_per_week": MARKETING_MIX,
    "marketing.nurture_budget_scale_eur": MARKETING_MIX,
    # A rep's cost belongs to the sales team, not to the split.
    "budget.cost_per_rep_eur_per_year": SALES,
}
GROUP_ORDER = (BUDGET_SPLIT, MARKETING_MIX, POLICY, MARKET, SALES, EXPERIMENT)

NURTURING = frozenset({Policy.mql_handoff, Policy.zmot_nurture, Policy.hybrid})
# Policy-group fields each policy reads (the policy field itself is always used).
POLICY_LEVERS: dict[Policy, frozenset[str]] = {
    Policy.sales_led: frozenset({"sales.prospecting_share", "sales.speed_to_lead_target_hours"}),
    Policy.mql_handoff: frozenset({"sales.prospecting_share", "sales.speed_to_lead_target_hours",
                                   "marketing.score_per_touch", "marketing.mql_threshold"}),
    Policy.zmot_nurture: frozenset({"sales.prospecting_share"}),
    Policy.hybrid: frozenset({"sales.prospecting_share", "sales.speed_to_lead_target_hours",
                              "marketing.score_per_touch", "marketing.hybrid_score_threshold",
                              "marketing.hybrid_fit_threshold"}),
}
# The preset that stands for each policy: `--policies` takes its policy group (and, for a nurturing
# policy, its marketing mix) from there.
POLICY_PRESET = {Policy.sales_led: "baseline_2011", Policy.mql_handoff: "mql_handoff",
                 Policy.zmot_nurture: "zmot_nurture", Policy.hybrid: "hybrid"}


def fields() -> list[str]:
    """Every input's dotted path, in schema order."""
    out = []
    for name, info in Scenario.model_fields.items():
        sub = info.annotation
        if isinstance(sub, type) and hasattr(sub, "model_fields"):
            out += [f"{name}.{f}" for f in sub.model_fields]
        else:
            out.append(name)
    return out


def group_of(path: str) -> str:
    """The group of one input, by its dotted path."""
    if path in _FIELD_GROUP:
        return _FIELD_GROUP[path]
    section = path.split(".", 1)[0]
    if section in _SECTION_GROUP and "." in path:
        return _SECTION_GROUP[section]
    raise KeyError(f"{path!r} is not an input of the scenario")


def members(group: str) -> list[str]:
    """The inputs of one group."""
    return [f for f in fields() if group_of(f) == group]


def _flat(s: Scenario) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in s.model_dump(mode="json").items():
        if isinstance(v, dict):
            out.update({f"{k}.{f}": x for f, x in v.items()})
        else:
            out[k] = v
    return out


def differing_fields(a: Scenario, b: Scenario) -> list[str]:
    """Inputs (not labels) whose values differ between two scenarios."""
    fa, fb = _flat(a), _flat(b)
    return [f for f in fields() if fa[f] != fb[f] and group_of(f) != LABEL]


def differing_groups(a: Scenario, b: Scenario) -> list[str]:
    """Groups with at least one differing input, in GROUP_ORDER."""
    diff = {group_of(f) for f in differing_fields(a, b)}
    return [g for g in GROUP_ORDER if g in diff]


def combine(a: Scenario, b: Scenario, groups: Iterable[str]) -> Scenario:
    """`a` with the inputs of `groups` taken from `b` (validated: a mix can be impossible)."""
    take = set(groups)
    data = a.model_dump(mode="json")
    fb = _flat(b)
    for f in fields():
        if group_of(f) in take:
            section, _, leaf = f.partition(".")
            if leaf:
                data[section][leaf] = fb[f]
            else:
                data[section] = fb[f]
    return Scenario.model_validate(data)


def uses_nurture(policy: Policy) -> bool:
    return policy in NURTURING


def with_policy(s: Scenario, policy: Policy | str) -> Scenario:
    """`s` under another policy: that policy's preset gives the policy group and, for a nurturing
    policy, its marketing mix; a policy that does not nurture keeps `s`'s marketing mix."""
    from .presets import load_preset

    p = Policy(policy)
    preset = load_preset(POLICY_PRESET[p])
    groups = [POLICY, MARKETING_MIX] if uses_nurture(p) else [POLICY]
    return combine(s, preset, groups).model_copy(update={"name": f"{s.name} · {p.value}"})


@dataclass(frozen=True)
class LeverWarning:
    """Money or effort spent on a lever the scenario's policy ignores."""

    code: str
    params: dict[str, Any]
    message: str


def lever_warnings(s: Scenario) -> list[LeverWarning]:
    """What the scenario spends on levers its policy ignores (shown by the CLI and the app)."""
    out = []
    if not uses_nurture(s.policy) and s.nurture_spend > 0:
        out.append(LeverWarning(
            "nurture_ignored", {"policy": s.policy.value, "nurture_eur": s.nurture_spend},
            f"the {s.policy.value} policy does not nurture leads, yet {s.nurture_spend:,.0f} EUR a year goes to "
            "nurture programs (budget.content_share_of_marketing below 1): that money buys nothing here"))
    return out
