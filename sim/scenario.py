"""The scenario: every input of one simulated world, validated and immutable.

A scenario is a frozen pydantic model so that it can be hashed (cache key), compared and shared
between processes; unknown keys are refused so that a typo in a preset is an error, not a silent
default. Its six sections, each field with its bounds, unit and meaning (the JSON schema printed by
``python -m sim schema`` is generated from these descriptions), are in `sections`, where numbers are
checked to be numbers (error type ``not_a_number``). The scenario puts them together with the policy
and checks what spans them: pairs that must stay ordered (shortlist bounds, the group-size curve, the
two phases of lead decay, warm-up within the horizon) are refused when inverted, with error type
``order`` and the two fields in its context, and reps need time left to sell. The spends are derived
here, never stored.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, model_validator
from pydantic_core import PydanticCustomError

from .sections import Budget, Experiment, Market, Marketing, Research, Sales, Section

REPS_CAP = 1e15  # more reps than any budget should buy; floor() of an infinite quotient would overflow
MAX_NAME = 80  # characters of a scenario's name (tables and charts show it)
MAX_DESCRIPTION = 2000  # characters of its description


class Policy(StrEnum):
    """How marketing treats known leads and when a sales rep gets the buyer."""

    sales_led = "sales_led"
    mql_handoff = "mql_handoff"
    zmot_nurture = "zmot_nurture"
    hybrid = "hybrid"


# Pairs of fields that must stay ordered (low <= high), with what an inversion would mean.
ORDERED_PAIRS: dict[tuple[str, str], str] = {
    ("market.shortlist_min", "market.shortlist_max"): "",
    ("research.purchase_likelihood_six", "research.purchase_likelihood_one"):
        ": larger buying groups buy less often (CEB: 81% with one stakeholder, 31% with six), never more",
    ("sales.speed_to_lead_fast_hours", "sales.speed_to_lead_slow_hours"):
        ": the fast phase of lead decay must not be slower than the slow one",
    ("experiment.warmup_weeks", "experiment.horizon_weeks"): "",
}


def _get(s: BaseModel, path: str) -> Any:
    for part in path.split("."):
        s = getattr(s, part)
    return s


class Scenario(Section):
    """One world to simulate: the market, buyers, marketing, sales, budget and policy."""

    name: str = Field("custom", max_length=MAX_NAME, description="Short name shown in tables and charts.")
    description: str = Field("", max_length=MAX_DESCRIPTION, description="One line on what this scenario stands for.")
    policy: Policy = Field(..., description="Marketing-nurture policy.")
    market: Market
    research: Research
    marketing: Marketing
    sales: Sales
    budget: Budget
    experiment: Experiment

    @model_validator(mode="after")
    def _possible(self) -> Scenario:
        for low, high in ORDERED_PAIRS:
            a, b = _get(self, low), _get(self, high)
            if a > b:
                raise PydanticCustomError(
                    "order", f"{low} ({a:g}) must not exceed {high} ({b:g}){ORDERED_PAIRS[low, high]}",
                    {"field": low, "other": high, "value": a, "other_value": b},
                )
        if self.sales.admin_share + self.sales.prospecting_share >= 1:
            total = self.sales.admin_share + self.sales.prospecting_share
            raise PydanticCustomError(
                "no_selling_time",
                f"sales.admin_share + sales.prospecting_share must be below 1 (now {total:g}): reps need time to sell",
                {"field": "sales.prospecting_share", "other": "sales.admin_share", "value": total, "lt": 1},
            )
        return self

    def without_nurture(self) -> Scenario:
        """The same scenario with its nurture program switched off: same budget and spend, no nurture
        touches and none of their effects (the counterfactual of MODEL.md's nurture figures)."""
        mk = self.marketing.model_copy(update={"nurture_touches_per_week": 0.0, "nurture_pace_boost": 0.0,
                                               "nurture_wake_boost": 0.0, "nurture_consensus": 0.0})
        return self.model_copy(update={"marketing": mk, "name": f"{self.name} (no nurture)"})

    # Derived quantities: computed, never stored, so that they cannot disagree with the inputs.
    @property
    def reps(self) -> float:
        """Reps the sales share of the budget pays for, as a decimal: the money left after whole reps
        buys a part-time rep, so every split of one budget spends it all.

        A rep cost near the smallest float would make the quotient overflow: it is capped far above
        any team the engine accepts, so `experiment.check_size` refuses it with its usual message.
        """
        b = self.budget
        return min(b.gtm_budget_eur_per_year * b.sales_share / b.cost_per_rep_eur_per_year, REPS_CAP)

    @property
    def marketing_spend(self) -> float:
        """Marketing spend per year, EUR."""
        return self.budget.gtm_budget_eur_per_year * (1 - self.budget.sales_share)

    @property
    def content_spend(self) -> float:
        return self.marketing_spend * self.budget.content_share_of_marketing

    @property
    def nurture_spend(self) -> float:
        return self.marketing_spend - self.content_spend

    @property
    def yearly_cost(self) -> float:
        """What the go-to-market costs per year, EUR: the whole budget, reps (part-time included) and marketing."""
        return self.reps * self.budget.cost_per_rep_eur_per_year + self.marketing_spend
