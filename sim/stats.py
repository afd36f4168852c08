"""The statistics every figure uses: a mean with its 95% interval over replications, and paired
differences between scenarios run on common random numbers. One source, so that the CLI, the app and
the report never disagree on an interval."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .kpis import KPIS

DIFFERENCE_COLUMNS = ["scenario", "kpi", "unit", "mean", "ci_low", "ci_high"]


def confidence_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and t-based confidence interval of the finite values (NaN where there are none)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return (float("nan"),) * 3
    mean = float(v.mean())
    if v.size == 1:
        return mean, float("nan"), float("nan")
    half = t_quantile(level, v.size - 1) * float(v.std(ddof=1)) / float(np.sqrt(v.size))
    return mean, mean - half, mean + half


def t_quantile(level: float, df: int) -> float:
    """The two-sided Student t quantile of a `level` interval with `df` degrees of freedom.

    From `scipy.special` (a tenth of a second to import) rather than `scipy.stats` (half a second, on
    the path of an app's first figures); imported on first use: worker processes never need it.
    """
    from scipy.special import stdtrit

    return float(stdtrit(df, 0.5 + level / 2))


def paired_differences(per_replication: Sequence[pd.DataFrame], labels: Sequence[str],
                       base: int = 0) -> pd.DataFrame:
    """Each scenario minus the baseline on every KPI, replication by replication (common random
    numbers), with the 95% interval of the paired difference."""
    rows = []
    b = per_replication[base]
    for pr, label in zip(per_replication, labels, strict=True):
        for kpi in KPIS:
            if kpi.name not in pr or kpi.name not in b:
                continue
            x, y = pr[kpi.name].to_numpy(dtype=float), b[kpi.name].to_numpy(dtype=float)
            n = min(len(x), len(y))
            mean, lo, hi = confidence_interval(x[:n] - y[:n])
            rows.append({"scenario": label, "kpi": kpi.name, "unit": kpi.unit, "mean": mean, "ci_low": lo,
                         "ci_high": hi})
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)
