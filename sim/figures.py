"""The figures the app, the CLI and the report draw, reduced from engine results in one place.

Every number on screen comes from here or from `kpis`: stage-to-stage rates, paired differences,
weekly bands with their intervals, the response-time buckets, the histograms of the buyer's journey
and the sample of buyers for the timeline. The app only formats and draws them.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from .experiment import Results
from .stats import confidence_interval, paired_differences, t_quantile

__all__ = [
    "journey_histogram",
    "paired_differences",
    "response_buckets",
    "stage_rates",
    "timeline_sample",
    "weekly_bands",
    "zmot_histogram",
]

TIMELINE_SAMPLE = 300  # buyers of the first replication kept for the timeline
RESPONSE_BUCKETS = (("lt5m", 5 / 60), ("5to30m", 0.5), ("30to60m", 1.0), ("1to8h", 8.0), ("8to24h", 24.0),
                    ("gt24h", math.inf))  # working hours; 8 working hours = one day
ZMOT_BIN_DAYS = 14
ZMOT_LAST_DAYS = 364  # the last bin holds everything longer
JOURNEY_BINS = 10


# Stage-to-stage transitions shown beside the funnel, each a KPI that is a share of the buyers that
# reached the earlier stage (so never above 100%): the four stage rates, the win rate, and the
# conversion that matters (wins per buyer that entered the market).
TRANSITIONS = (("inquiry_to_mql_rate", "inquiries", "mqls"), ("mql_to_sal_rate", "mqls", "sals"),
               ("sal_to_sql_rate", "sals", "sqls"), ("sql_to_opportunity_rate", "sqls", "opportunities"),
               ("win_rate", "opportunities", "wins"), ("conversion_rate", "buyers_arrived", "wins"))


def stage_rates(per_replication: pd.DataFrame) -> pd.DataFrame:
    """One row per transition: its KPI, from, to, mean and 95% CI (kept within 0-100%)."""
    rows = []
    for name, a, b in TRANSITIONS:
        mean, lo, hi = confidence_interval(per_replication[name].to_numpy(dtype=float))
        if np.isfinite(lo):
            lo, hi = max(lo, 0.0), min(hi, 1.0)
        rows.append({"transition": name, "from": a, "to": b, "mean": mean, "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def _bands(queue: pd.DataFrame, values: pd.Series, metric: str) -> pd.DataFrame:
    wide = pd.DataFrame({"week": queue["week"].to_numpy(), "replication": queue["replication"].to_numpy(),
                         "v": values.to_numpy(dtype=float)}).pivot(index="week", columns="replication", values="v")
    arr = wide.to_numpy(dtype=float)
    n = arr.shape[1]
    with warnings.catch_warnings():  # weeks where a figure is undefined (no reps) stay NaN, quietly
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(arr, axis=1) if arr.size else np.array([])
        if n > 1:
            half = t_quantile(0.95, n - 1) * np.nanstd(arr, axis=1, ddof=1) / np.sqrt(n)
        else:
            half = np.full_like(mean, np.nan)
    return pd.DataFrame({"metric": metric, "week": wide.index.to_numpy(dtype=float), "mean": mean,
                         "ci_low": np.maximum(mean - half, 0.0), "ci_high": mean + half})  # both never negative


def weekly_bands(res: Results) -> pd.DataFrame:
    """Rep utilization and buyers waiting, week by week: mean and 95% band over replications."""
    q = res.queue
    if q.empty:
        return pd.DataFrame(columns=["metric", "week", "mean", "ci_low", "ci_high"])
    reps = res.scenario.reps
    util = q["busy_reps"] / reps if reps > 0 else q["busy_reps"] * np.nan
    return pd.concat([_bands(q, util, "utilization"), _bands(q, q["queue_length"], "queue_length")],
                     ignore_index=True)


def response_buckets(b: pd.DataFrame, replications: int) -> pd.DataFrame:
    """Leads handed to sales by how long they waited for a rep (working hours), and those never called."""
    cols = ["bucket", "order", "buyers_per_replication", "share"]
    if b.empty:
        return pd.DataFrame(columns=cols)
    handed = b[b["mqls"] | b["sals"] | (b["outcome"].astype(str) == "lost_slow_response")]
    r = handed["response_hours"].to_numpy(dtype=float)
    total = max(len(r), 1)
    rows, lo = [], -math.inf
    for order, (name, hi) in enumerate(RESPONSE_BUCKETS):
        n = int(np.sum((r > lo) & (r <= hi))) if lo > -math.inf else int(np.sum(r <= hi))
        rows.append((name, order, n / replications, n / total if len(r) else math.nan))
        lo = hi
    never = int(np.isnan(r).sum())
    rows.append(("never", len(RESPONSE_BUCKETS), never / replications, never / total if len(r) else math.nan))
    return pd.DataFrame(rows, columns=cols)


def zmot_histogram(b: pd.DataFrame) -> pd.DataFrame:
    """Share of buyers by calendar days from entering the market to their ZMOT, in two-week bins."""
    days = ((b["zmot_week"] - b["arrival_week"]) * 7).dropna().to_numpy(dtype=float) if not b.empty else np.array([])
    if days.size == 0:
        return pd.DataFrame({"days": [], "share": []})
    bins = np.minimum(np.floor(days / ZMOT_BIN_DAYS) * ZMOT_BIN_DAYS, ZMOT_LAST_DAYS)
    s = pd.Series(bins).value_counts(normalize=True).sort_index()
    return pd.DataFrame({"days": s.index.to_numpy(dtype=float), "share": s.to_numpy()})


def journey_histogram(b: pd.DataFrame) -> pd.DataFrame:
    """Share of contacted buyers by the share of their journey done at the first rep contact."""
    x = b["journey_share_at_first_contact"].dropna().to_numpy(dtype=float) if not b.empty else np.array([])
    if x.size == 0:
        return pd.DataFrame({"share_bin": [], "share": []})
    bins = np.minimum(np.floor(x * JOURNEY_BINS), JOURNEY_BINS - 1) / JOURNEY_BINS
    s = pd.Series(bins).value_counts(normalize=True).reindex(np.arange(JOURNEY_BINS) / JOURNEY_BINS, fill_value=0)
    return pd.DataFrame({"share_bin": s.index.to_numpy(dtype=float), "share": s.to_numpy()})


def timeline_sample(b: pd.DataFrame) -> pd.DataFrame:
    """An even sample of the first replication's buyers, with the milestones of their journey."""
    cols = ["buyer", "arrival_week", "known_week", "first_contact_week", "zmot_week", "end_week", "outcome",
            "source", "deal_value", "fit", "group_size"]
    if b.empty:
        return pd.DataFrame(columns=cols)
    first = b[b["replication"] == b["replication"].min()].sort_values("buyer")
    idx = np.unique(np.linspace(0, len(first) - 1, min(TIMELINE_SAMPLE, len(first))).astype(int))
    out = first.iloc[idx][[c for c in cols if c in first.columns]].copy()
    for c in ("outcome", "source"):
        if c in out:
            out[c] = out[c].astype(str)
    return out.reset_index(drop=True)
