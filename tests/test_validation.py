"""Every validation check of `sim.validate`, one test each, plus tests that the checks have teeth.

The checks run in quick mode (fewer replications, same assertions). A check that reveals an engine
bug stays here, marked xfail(strict=True) with the bug described, until the engine is fixed; strict,
so that the fix turns the mark into a failure and the mark is removed.
"""

from __future__ import annotations

import time

import pandas as pd
import pytest

from sim import cli, validate
from sim.presets import with_overrides

# Checks failing because of a known engine bug: check name -> the bug. Empty: no known bug.
KNOWN_ENGINE_BUGS: dict[str, str] = {}

# One worker runs them all under pytest-xdist, so the simulations the checks share are run once.
pytestmark = pytest.mark.xdist_group("validation")


def _param(fn: validate.Check):
    reason = KNOWN_ENGINE_BUGS.get(fn.__name__)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(fn, id=fn.__name__, marks=marks)


@pytest.mark.parametrize("check", [_param(fn) for fn in validate.CHECKS])
def test_check(check: validate.Check) -> None:
    v = check(True)
    assert v.ok, f"{check.__name__}\n  expected: {v.expected}\n  observed: {v.observed}"


def test_known_bugs_name_real_checks() -> None:
    assert set(KNOWN_ENGINE_BUGS) <= {fn.__name__ for fn in validate.CHECKS}


def test_check_names_are_unique() -> None:
    names = [fn.__name__ for fn in validate.CHECKS]
    assert len(names) == len(set(names))


# The queueing formulas the Erlang C checks rest on -------------------------------------------------
def test_erlang_c_one_server_is_mm1() -> None:
    lam, mu = 0.6, 1.0
    assert validate.erlang_c(1, lam / mu) == pytest.approx(0.6)
    assert validate.mmc_mean_wait(lam, mu, 1) == pytest.approx(lam / (mu * (mu - lam)))


def test_erlang_c_two_servers_closed_form() -> None:
    # M/M/2: P(wait) = 2 rho^2 / (1 + rho), rho = lambda / (2 mu)
    lam, mu = 1.5, 1.0
    rho = lam / (2 * mu)
    assert validate.erlang_c(2, lam / mu) == pytest.approx(2 * rho**2 / (1 + rho))
    assert validate.mmc_mean_wait(lam, mu, 2) == pytest.approx(2 * rho**2 / (1 + rho) / (2 * mu - lam))


def test_erlang_c_edges() -> None:
    assert validate.erlang_c(3, 0.0) == 0.0
    assert validate.erlang_c(3, 3.0) == 1.0
    assert validate.mmc_mean_wait(3.0, 1.0, 3) == float("inf")
    # a textbook value: 10 servers, 8 Erlang offered
    assert validate.erlang_c(10, 8.0) == pytest.approx(0.4092, abs=1e-4)


def test_erlang_scenario_is_designed_for_rho_0_8() -> None:
    s = validate.erlang_scenario()
    assert s.reps == validate.ERLANG_REPS
    assert s.sales.task_time_cv == 1
    assert s.sales.prospecting_share == 0
    assert s.policy.value == "zmot_nurture"
    mu = (1 - s.sales.admin_share) / s.sales.qualification_hours
    lam = s.market.arrivals_per_week / s.sales.hours_per_week
    assert lam / (s.reps * mu) == pytest.approx(validate.ERLANG_RHO)


# The checks have teeth: a queue that is not M/M/c fails them ---------------------------------------
def test_erlang_check_rejects_deterministic_service() -> None:
    s = with_overrides(validate.erlang_scenario(), ["sales.task_time_cv=0"])  # M/D/c waits about half
    assert not validate.erlang_verdict(s, 10, "mean_wait").ok


def test_erlang_check_rejects_reneging() -> None:
    s = with_overrides(validate.erlang_scenario(), ["research.patience_hours_mean=2"])
    assert not validate.erlang_verdict(s, 10, "probability_of_waiting").ok


# Running a check that may never end -----------------------------------------------------------------
def test_run_with_deadline_ok_error_timeout() -> None:
    assert validate.run_with_deadline(sum, ([1, 2],), 30) == ("ok", 3)
    status, message = validate.run_with_deadline(int, ("x",), 30)
    assert status == "error" and str(message).startswith("ValueError")
    assert validate.run_with_deadline(time.sleep, (30,), 0.5) == ("timeout", None)


# The table and the command -------------------------------------------------------------------------
def _crashing_check(quick: bool) -> validate.Verdict:
    raise RuntimeError("boom")


def test_run_checks_table_and_crash_is_a_fail() -> None:
    table = validate.run_checks(quick=True, checks=[validate.cost_accounting, _crashing_check])
    assert list(table.columns) == ["check", "expected", "observed", "verdict"]
    assert table["check"].tolist() == ["cost_accounting", "_crashing_check"]
    assert table["verdict"].tolist() == ["PASS", "FAIL"]
    assert "RuntimeError: boom" in table["observed"].iloc[1]


@pytest.mark.parametrize(("verdicts", "code"), [(["PASS", "PASS"], 0), (["PASS", "FAIL"], 1)])
def test_validate_command_exit_code(monkeypatch, capsys, verdicts: list[str], code: int) -> None:
    table = pd.DataFrame({"check": ["a", "b"], "expected": ["x", "y"], "observed": ["x", "z"], "verdict": verdicts})
    monkeypatch.setattr(validate, "run_checks", lambda *a, **k: table)
    assert cli.main(["validate"]) == code
    out = capsys.readouterr().out
    assert "check" in out and "verdict" in out and verdicts[-1] in out


def test_format_table_wraps_long_text_and_counts_verdicts() -> None:
    table = pd.DataFrame({"check": ["short", "long"], "expected": ["x", "word " * 40],
                          "observed": ["y", "z"], "verdict": ["PASS", "FAIL"]})
    text = validate.format_table(table, width=30)
    lines = text.splitlines()
    assert lines[0].split() == ["check", "expected", "observed", "verdict"]
    assert lines[-1] == "1 PASS, 1 FAIL"
    assert max(len(line) for line in lines) < 90
    assert sum("word" in line for line in lines) > 5


# Statistics that do not fail by chance (issue 6) ----------------------------------------------------
def test_chance_checks_are_real_checks() -> None:
    assert set(validate.CHANCE_CHECKS) <= {fn.__name__ for fn in validate.CHECKS}
    assert len(set(validate.CHANCE_CHECKS)) == len(validate.CHANCE_CHECKS)


def test_the_suite_error_budget_adds_up_to_one_in_a_thousand() -> None:
    assert validate.SUITE_ALPHA <= 0.001
    assert validate.check_alpha() * len(validate.CHANCE_CHECKS) == pytest.approx(validate.SUITE_ALPHA)
    assert validate.check_alpha(3) * 3 == pytest.approx(validate.check_alpha())
    # the figures the module docstring quotes
    assert validate._z_limit(validate.check_alpha()) == pytest.approx(3.86, abs=0.01)
    assert validate._z_limit(validate.check_alpha(6)) == pytest.approx(4.28, abs=0.01)
    assert "0.001" in validate.__doc__ and "Bonferroni" in validate.__doc__


def test_erlang_check_at_the_wider_level_still_accepts_mmc() -> None:
    assert validate.erlang_verdict(validate.erlang_scenario(), 10, "mean_wait").ok
