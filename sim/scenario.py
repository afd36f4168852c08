"""The scenario: every input of one simulated world, validated and immutable.

A scenario is a frozen pydantic model so that it can be hashed (cache key), compared and shared
between processes; unknown keys are refused so that a typo in a preset is an error, not a silent
default. Each field states its unit and meaning in its description; the JSON schema printed by
``python -m sim schema`` is generated from these descriptions.

Numbers are numbers: a numeric field refuses a boolean or a string (error type ``not_a_number``)
instead of reading ``true`` as 1 or ``"60"`` as 60; an integer may stand for a float. Pairs that must
stay ordered (shortlist bounds, the group-size curve, the two phases of lead decay, warm-up within the
horizon) are refused when inverted, with error type ``order`` and the two fields in its context.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

REPS_CAP = 1e15  # more reps than any budget should buy; floor() of an infinite quotient would overflow
MAX_NAME = 80  # characters of a scenario's name (tables and charts show it)
MAX_DESCRIPTION = 2000  # characters of its description


class Policy(StrEnum):
    """How marketing treats known leads and when a sales rep gets the buyer."""

    sales_led = "sales_led"
    mql_handoff = "mql_handoff"
    zmot_nurture = "zmot_nurture"
    hybrid = "hybrid"


def _is_numeric(annotation: Any) -> bool:
    return annotation in (int, float) or any(a in (int, float) for a in get_args(annotation))


_KIND = {bool: "a boolean", str: "a string", bytes: "bytes"}


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    @field_validator("*", mode="before")
    @classmethod
    def _numbers_are_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        """Every numeric field of every section: refuse booleans and strings, never read them as numbers."""
        numeric = info.field_name is not None and _is_numeric(cls.model_fields[info.field_name].annotation)
        if numeric and isinstance(value, bool | str | bytes):
            raise PydanticCustomError("not_a_number", "must be a number, not {kind}", {"kind": _KIND[type(value)]})
        return value


class Market(_Section):
    """Who enters the market and what they are worth."""

    arrivals_per_week: float = Field(
        ..., ge=0, le=1000,
        description="Buying groups entering the market per week (Poisson rate).",
    )
    deal_value_median_eur: float = Field(
        ..., gt=0, le=1e8, description="Median deal value, EUR (lognormal)."
    )
    deal_value_spread: float = Field(
        ..., ge=0, le=3, description="Lognormal sigma of the deal value (0 = every deal the same)."
    )
    fit_alpha: float = Field(..., gt=0, le=50, description="Beta(alpha, beta) of fit to our offer, 0-1.")
    fit_beta: float = Field(..., gt=0, le=50, description="Beta(alpha, beta) of fit to our offer, 0-1.")
    group_size_mean: float = Field(
        ..., ge=1, le=20,
        description="Mean number of stakeholders in a buying group (1 + Poisson); CEB: 5.4 in 2014.",
    )
    shortlist_min: int = Field(..., ge=1, le=10, description="Fewest vendors on a buyer's shortlist.")
    shortlist_max: int = Field(..., ge=1, le=10, description="Most vendors on a buyer's shortlist.")
    competitor_content_spend_eur: float = Field(
        ..., gt=0, le=1e9,
        description="Competitors' combined effective content spend per year, EUR (share of voice).",
    )


class Research(_Section):
    """How buyers self-qualify on the web up to their ZMOT."""

    need_mean_touchpoints: float = Field(
        ..., ge=0.05, le=100,
        description="Mean touchpoints a buyer needs to reach its ZMOT (1 + negative binomial).",
    )
    need_dispersion: float = Field(
        ..., ge=0.5, le=1000,
        description="Negative-binomial size of the research need (large = less spread; 0.5 is already very wide).",
    )
    pace_mean_per_week: float = Field(
        ..., gt=0, le=50, description="Mean research pace, touchpoints per week (gamma across buyers)."
    )
    pace_shape: float = Field(
        ..., ge=0.5, le=100, description="Gamma shape of the pace across buyers (small = some research very slowly)."
    )
    purchase_likelihood_one: float = Field(
        ..., gt=0, le=1,
        description="Share of single-stakeholder groups that end in a purchase (CEB: 81%).",
    )
    purchase_likelihood_six: float = Field(
        ..., gt=0, le=1,
        description="Share of six-stakeholder groups that end in a purchase (CEB: 31%).",
    )
    attrition_before_zmot: float = Field(
        ..., ge=0, le=1,
        description="Part (in log-odds of purchase) of the group-size attrition that happens before the ZMOT.",
    )
    evaluation_weeks_mean: float = Field(
        ..., gt=0, le=104,
        description="Mean weeks from ZMOT to decision when we are not part of the evaluation.",
    )
    rep_aversion_mean: float = Field(
        ..., ge=0, le=1,
        description="Mean aversion to early rep contact, 0-1 (Beta across buyers).",
    )
    patience_hours_mean: float = Field(
        ..., gt=0, le=1e9,
        description="Mean working hours a hand-raiser waits for a reply before turning to others.",
    )
    dormant_share: float = Field(
        ..., ge=0, le=1,
        description="Share of buyers whose research pauses for a spell (waiting for a budget or a trigger).",
    )
    dormant_weeks_mean: float = Field(
        ..., gt=0, le=260,
        description="Mean length of that pause, weeks (exponential), when nobody nurtures the buyer.",
    )


class Marketing(_Section):
    """What our content and nurture do for buyers."""

    sov_elasticity: float = Field(
        ..., gt=0, le=1,
        description="Exponent of spend in the share-of-voice attraction model (<1: diminishing returns).",
    )
    max_share_of_voice: float = Field(
        ..., gt=0, le=1, description="Share of a buyer's touchpoints we could hold with unlimited spend."
    )
    reveal_probability: float = Field(
        ..., ge=0, le=1,
        description="Chance that one of our touchpoints reveals the buyer (form fill, inquiry).",
    )
    reveal_ramp: float = Field(
        ...,
        ge=0,
        le=20,
        description="How much likelier a late touchpoint is to reveal the buyer (0: every touchpoint alike).",
    )
    pause_reveal_probability: float = Field(
        ..., ge=0, le=1,
        description="Chance that a buyer about to shelve its project downloads our gated content first, when "
        "its last touchpoint before the pause is ours (a lead known long before it is ready).",
    )
    brand_affinity: float = Field(
        ..., ge=0, le=10, description="Affinity for us a buyer starts with (brand awareness)."
    )
    affinity_per_touch: float = Field(
        ..., ge=0, le=5, description="Affinity gained per touchpoint of ours in a buyer's research."
    )
    affinity_per_nurture_touch: float = Field(
        ..., ge=0, le=5, description="Affinity gained per nurture touch, at full nurture budget."
    )
    memory_half_life_weeks: float = Field(
        ..., gt=0, le=10_000,
        description="Weeks for a buyer's affinity above our brand's to fade by half while we are absent (adstock).",
    )
    shortlist_scale: float = Field(
        ..., gt=0, le=20, description="Affinity at which the chance of being shortlisted is 63% of its maximum."
    )
    shortlist_max_probability: float = Field(
        ..., ge=0, le=1, description="Highest chance of being on a buyer's shortlist."
    )
    nurture_touches_per_week: float = Field(
        ..., ge=0, le=20, description="Nurture cadence at full nurture budget, touches per week."
    )
    nurture_pace_boost: float = Field(
        ..., ge=0, le=5, description="Relative speed-up of a nurtured buyer's research at full budget."
    )
    nurture_wake_boost: float = Field(
        ..., ge=0, le=20,
        description="How much sooner a nurtured dormant buyer resumes, at full nurture: its wake-up rate is "
        "multiplied by 1 + this.",
    )
    nurture_consensus: float = Field(
        ..., ge=0, le=1,
        description="Share of the buying group's extra stakeholders that nurture content brings to agreement, "
        "at full nurture (less group-size attrition and no decision).",
    )
    nurture_budget_scale_eur: float = Field(
        ..., gt=0, le=1e9,
        description="Nurture spend per year that gives 63% of the full nurture effect.",
    )
    score_per_touch: float = Field(
        ..., ge=0, le=100, description="Engagement score per touchpoint of ours or nurture touch."
    )
    mql_threshold: float = Field(
        ..., ge=0, le=10_000, description="Score at which a known lead becomes an MQL (mql_handoff)."
    )
    hybrid_score_threshold: float = Field(
        ..., ge=0, le=10_000, description="Score above which a rep checks in on an account (hybrid)."
    )
    hybrid_fit_threshold: float = Field(
        ..., ge=0, le=1, description="Fit above which a rep checks in on an account (hybrid)."
    )


class Sales(_Section):
    """Reps: their week, their tasks and how buyers respond to them."""

    hours_per_week: float = Field(
        ..., ge=10, le=80,
        description="Paid hours per rep per week; the clock runs in these working hours, so nights carry no events.",
    )
    admin_share: float = Field(
        ..., ge=0, lt=1, description="Fixed share of paid hours spent on administration."
    )
    prospecting_share: float = Field(
        ..., ge=0, lt=1, description="Fixed share of paid hours spent prospecting cold accounts."
    )
    prospect_hits_per_hour: float = Field(
        ..., ge=0, le=10, description="Buyers in the market found per hour of prospecting."
    )
    cold_call_engage_probability: float = Field(
        ..., ge=0, le=1, description="Chance that a buyer found by prospecting takes the call."
    )
    premature_contact_hours: float = Field(
        ..., ge=0.05, le=40, description="Rep hours of a contact with a buyer before its ZMOT."
    )
    premature_learning_touchpoints: float = Field(
        ..., ge=0, le=50, description="Research a premature contact saves the buyer, in touchpoints."
    )
    premature_rapport: float = Field(
        ..., ge=0, le=5, description="Affinity a premature contact builds when it does not annoy."
    )
    annoyance_max_probability: float = Field(
        ..., ge=0, le=1, description="Chance that a fully rep-averse buyer is annoyed by an early contact."
    )
    annoyance_affinity_loss: float = Field(
        ..., ge=0, le=10, description="Affinity lost by an annoyed buyer."
    )
    task_time_cv: float = Field(
        ..., ge=0, le=3,
        description="Coefficient of variation of rep task times (0 fixed, 1 exponential; gamma).",
    )
    qualification_hours: float = Field(
        ..., ge=0.05, le=40, description="Rep hours to qualify a buyer past its ZMOT."
    )
    unqualified_fit_below: float = Field(
        ..., ge=0, le=1, description="Fit under which a rep disqualifies a buyer."
    )
    opportunity_hours_mean: float = Field(
        ..., ge=0.1, le=1000, description="Mean rep hours of opportunity work (demo, proposal, negotiation)."
    )
    opportunity_blocks: int = Field(
        ..., ge=1, le=10, description="Blocks the opportunity work comes in (one per buyer meeting)."
    )
    opportunity_gap_weeks: float = Field(
        ..., ge=0, le=26, description="Mean weeks the buyer takes between two blocks."
    )
    speed_to_lead_target_hours: float = Field(
        ...,
        gt=0,
        le=1e9,
        description="Service level for leads: a lead no rep has called within this many working hours "
        "goes back to marketing (nurture or its own research).",
    )
    speed_to_lead_fast_hours: float = Field(
        ..., gt=0, le=100, description="Time constant of the fast phase of lead decay, working hours."
    )
    speed_to_lead_slow_hours: float = Field(
        ..., gt=0, le=1000, description="Time constant of the slow phase of lead decay, working hours."
    )
    speed_to_lead_slow_weight: float = Field(
        ..., ge=0, le=1, description="Weight of the slow phase in the lead-decay curve."
    )
    win_weight_affinity: float = Field(
        ..., ge=0, le=20, description="Log-strength of our offer per unit of affinity, in the win share."
    )
    win_weight_fit: float = Field(
        ..., ge=0, le=20, description="Log-strength of our offer per unit of fit, in the win share."
    )


class Budget(_Section):
    """The go-to-market budget and how it is split between reps and marketing."""

    gtm_budget_eur_per_year: float = Field(
        ..., ge=0, le=1e10, description="Go-to-market budget per year, EUR."
    )
    sales_share: float = Field(
        ..., ge=0, le=1, description="Share of the budget that pays for reps (the rest is marketing)."
    )
    cost_per_rep_eur_per_year: float = Field(
        ..., gt=0, le=1e7, description="Fully loaded cost of one rep per year, EUR."
    )
    content_share_of_marketing: float = Field(
        ..., ge=0, le=1, description="Share of the marketing budget spent on content (the rest on nurture)."
    )


class Experiment(_Section):
    """How long and how often to simulate."""

    horizon_weeks: int = Field(
        ..., ge=1, le=520, description="Measured window, weeks: buyers arriving in it are the cohort."
    )
    warmup_weeks: int = Field(
        ..., ge=0, le=520, description="Weeks simulated before the window so the market is in motion."
    )
    follow_up_weeks: int = Field(
        ..., ge=0, le=520,
        description="Weeks simulated after the window to follow the cohort to its outcome.",
    )


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


class Scenario(_Section):
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
