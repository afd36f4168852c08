"""Validation, as modellers do it: queueing theory, conservation, determinism, monotone and extreme cases.

Each check is a small function named after what it asserts; it returns the figure it expected, the
figure the model gave, and whether they agree. `run_checks()` runs them all into one table, which
`python -m sim validate` prints and `tests/test_validation.py` asserts check by check. The checks live
by theme (`theory`, `conservation`, `determinism`, `monotone`, `extremes`) and register in that order;
`core` holds the registry, the table and the helpers they share.

Statistical checks compare scenarios on common random numbers (replication i of every scenario
shares its random streams), so the paired difference between two scenarios has a narrow confidence
interval and a check needs only a few replications. Every run uses the fixed seed `SEED`: a verdict
is reproducible, and a changed verdict means the model changed. `quick=True` uses fewer
replications (wider intervals, same assertions) for the test suite.

Statistics that do not fail by chance
-------------------------------------
A check that compares the model with a known value (a theorem, a rate the engine was told to use)
fails a correct model by chance whenever its interval misses the truth. At 95% each such check would
fail one run in twenty; with nine of them, a correct model would fail the suite about one run in three
(1 - 0.95^9 = 0.37). So the suite holds a family-wise error budget, `SUITE_ALPHA` = 0.001, shared
equally (Bonferroni) among the `CHANCE_CHECKS`; a check made of m sub-tests splits its share m ways:

    alpha per check = 0.001 / 9 = 1.1e-4;   P(some chance check fails | correct model)
                    <= sum of the alphas = 0.001      (the union bound: no independence needed)

so the whole `validate` suite fails a correct model less than once in a thousand runs (seeds). The
levels this gives, in quick mode (full mode in brackets):

- Erlang C (three checks, one test each): 0 must lie in the t interval at level 1 - 1.1e-4 of the
  per-replication gap to theory: t(9) = 6.50 with 10 replications [t(29) = 4.47 with 30]. The checks
  keep their teeth: deterministic service gives a wait gap of t = -8.5 and reneging a gap in the
  probability of waiting of t = -13 over 10 replications (tests/test_validation.py asserts both);
- cohort size (one test per preset, m = 6 presets or more): |z| below norm.isf(1.1e-4 / (2 m)),
  4.28 with six presets;
- interval coverage (one test): the number of 95% intervals out of n seeds that cover the truth
  must lie within the binomial range of probability 1 - 1.1e-4 around 95% (n = 100 [200]);
- speed-to-lead and cold-call engagement (one test each): |z| <= norm.isf(1.1e-4 / 2) = 3.86;
- more reps never lengthen the response (two checks, three steps each, one-sided): each step's
  paired interval at one-sided level 1.1e-4 / 3 may not lie wholly above 0.

The levels hold exactly for exact tests and approximately for the normal and t approximations
(sums of hundreds of Bernoulli draws, means of 10 to 30 replications). Checks of a direction
("more content budget, more inquiries") compare with no known value: a correct model fails them only
for lack of power; their observed column gives the paired z, and effects many standard errors from
zero fail with negligible probability. Accounting and determinism checks are exact and cannot fail by
chance. Every verdict uses the fixed seed `SEED`, so it is reproducible; a change in how the engine
draws its random numbers re-draws the statistical verdicts, each with the probabilities above.
"""

from __future__ import annotations

from . import conservation, determinism, extremes, monotone, theory  # noqa: F401 (importing registers the checks)
from .conservation import cost_accounting
from .core import (
    CHANCE_CHECKS,
    CHECKS,
    FAIL,
    PASS,
    SEED,
    SUITE_ALPHA,
    Check,
    Verdict,
    _z_limit,
    check,
    check_alpha,
    format_table,
    run_checks,
)
from .extremes import DEADLINE_SECONDS, run_with_deadline
from .theory import ERLANG_REPS, ERLANG_RHO, erlang_c, erlang_scenario, erlang_verdict, mmc_mean_wait

THEMES = ("theory", "conservation", "determinism", "monotone", "extremes")  # the table's order
CHECKS.sort(key=lambda fn: THEMES.index(fn.__module__.rsplit(".", 1)[-1]))  # stable: each theme's own order

__all__ = ["CHANCE_CHECKS", "CHECKS", "DEADLINE_SECONDS", "ERLANG_REPS", "ERLANG_RHO", "FAIL", "PASS", "SEED",
           "SUITE_ALPHA", "Check", "Verdict", "_z_limit", "check", "check_alpha", "cost_accounting", "erlang_c",
           "erlang_scenario", "erlang_verdict", "format_table", "mmc_mean_wait", "run_checks", "run_with_deadline"]
