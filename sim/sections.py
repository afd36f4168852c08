"""The six sections of a scenario's inputs: market, research, marketing, sales, budget, experiment.

Each is a frozen pydantic model whose fields state their bounds, unit and meaning (the JSON schema of
``python -m sim schema`` and the app's inputs are generated from them). They are most of a scenario's
text, so they live apart from `scenario`, which puts them together, checks what spans sections
(ordered pairs, time left to sell) and derives the spends: the scenario's own rules stay in view.

Numbers are numbers: a numeric field refuses a boolean or a string (error type ``not_a_number``)
instead of reading ``true`` as 1 or ``"60"`` as 60; an integer may stand for a float.
"""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError


def _is_numeric(annotation: Any) -> bool:
    return annotation in (int, float) or any(a in (int, float) for a in get_args(annotation))


_KIND = {bool: "a boolean", str: "a string", bytes: "bytes"}


class Section(BaseModel):
    """A part of a scenario: frozen, unknown keys refused, numbers only where a number is due."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    @field_validator("*", mode="before")
    @classmethod
    def _numbers_are_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        """Every numeric field of every section: refuse booleans and strings, never read them as numbers."""
        numeric = info.field_name is not None and _is_numeric(cls.model_fields[info.field_name].annotation)
        if numeric and isinstance(value, bool | str | bytes):
            raise PydanticCustomError("not_a_number", "must be a number, not {kind}", {"kind": _KIND[type(value)]})
        return value


class Market(Section):
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


class Research(Section):
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


class Marketing(Section):
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


class Sales(Section):
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


class Budget(Section):
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


class Experiment(Section):
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
