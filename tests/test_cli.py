"""`python -m sim` as a person or a script uses it: in a subprocess, reading stdout, stderr and the exit code."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sim.kpis import KPIS
from sim.presets import DEFAULT_PRESET, preset_names

ROOT = Path(__file__).resolve().parent.parent
# A short run: the CLI's behaviour, not the model's figures, is under test here.
SHORT = ["--set", "experiment.horizon_weeks=8", "--set", "experiment.warmup_weeks=2",
         "--set", "experiment.follow_up_weeks=2", "--replications", "2", "--jobs", "1"]
REQUIRED_KPIS = (  # issue 2, point 4
    "buyers_arrived", "buyers_in_progress", "inquiries", "mqls", "sals", "sqls", "opportunities", "wins",
    "revenue", "win_rate", "conversion_rate", "lost_not_shortlisted", "lost_slow_response", "lost_premature",
    "lost_competitor", "lost_no_decision", "rep_utilization", "rep_hours_prospecting", "rep_hours_premature",
    "rep_hours_qualification", "rep_hours_opportunity", "rep_hours_per_win", "response_time_hours",
    "journey_share_at_first_contact", "touchpoints_per_buyer", "days_to_zmot",
    "marketing_sourced_revenue_share", "inbound_revenue_share", "outbound_revenue_share", "cost_total",
    "cost_per_win",
)


def sim(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "sim", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    return done


def assert_one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error:")
    for w in words:
        assert w in lines[0]
    assert done.stdout == ""


def test_presets_default_first_name_then_description() -> None:
    lines = sim("presets").stdout.strip().splitlines()
    assert lines[0].split()[0] == DEFAULT_PRESET == "baseline_2011"
    assert [line.split("\t")[0] for line in lines] == preset_names()
    assert all(len(line.split("\t")) == 2 and line.split("\t")[1].strip() for line in lines)


def test_schema_is_json_schema_of_the_scenario() -> None:
    schema = json.loads(sim("schema").stdout)
    assert schema["type"] == "object"
    for section in ("market", "research", "marketing", "sales", "budget", "experiment"):
        assert section in schema["properties"]
    assert "arrivals_per_week" in json.dumps(schema)


@pytest.fixture(scope="module")
def run_json() -> dict:
    return json.loads(sim("run", DEFAULT_PRESET, *SHORT, "--seed", "3", "--format", "json").stdout)


def test_run_json_has_the_required_keys(run_json: dict) -> None:
    assert set(run_json) >= {"scenario", "seed", "replications", "kpis"}
    assert run_json["seed"] == 3 and run_json["replications"] == 2
    assert run_json["scenario"]["name"] == DEFAULT_PRESET
    for name in REQUIRED_KPIS:
        assert set(run_json["kpis"][name]) >= {"mean", "ci_low", "ci_high", "unit"}, name


def test_run_json_buyers_add_up(run_json: dict) -> None:
    k = {name: v["mean"] for name, v in run_json["kpis"].items()}
    lost = sum(v for name, v in k.items() if name.startswith("lost_"))
    assert k["buyers_arrived"] > 0
    assert k["buyers_arrived"] == pytest.approx(k["wins"] + lost + k["buyers_in_progress"], abs=1e-9)


def test_compare_same_scenario_twice() -> None:
    out = json.loads(sim("compare", "zmot_nurture", "zmot_nurture", *SHORT, "--format", "json").stdout)
    assert out["scenarios"] == ["zmot_nurture", "zmot_nurture#2"]
    assert set(out) >= {"scenarios", "kpis", "differences"}
    for name in REQUIRED_KPIS:
        assert set(out["kpis"][name]) == {"zmot_nurture", "zmot_nurture#2"}
        assert out["kpis"][name]["zmot_nurture"] == out["kpis"][name]["zmot_nurture#2"]
        for value in out["differences"][name]["zmot_nurture#2"].values():
            assert value in (0, None), (name, out["differences"][name])


def test_set_changes_the_scenario() -> None:
    out = json.loads(sim("run", *SHORT, "--set", "market.arrivals_per_week=0", "--set", "policy=hybrid",
                         "--format", "json").stdout)
    assert out["scenario"]["market"]["arrivals_per_week"] == 0
    assert out["scenario"]["policy"] == "hybrid"
    assert out["kpis"]["buyers_arrived"]["mean"] == 0
    assert out["kpis"]["conversion_rate"]["mean"] is None  # undefined, not an error


@pytest.mark.parametrize(
    ("assignment", "words"),
    [
        ("market.arrivals_per_week=-5", ("market.arrivals_per_week", "1000")),
        ("market.arrivls=3", ("market.arrivls",)),
        ("garbage", ("garbage",)),
    ],
)
def test_bad_set_is_a_one_line_error(assignment: str, words: tuple[str, ...]) -> None:
    assert_one_line_error(sim("run", *SHORT, "--set", assignment, check=False), *words)


def test_bad_scenario_file_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[market]\narrivals_per_week = 5000\n", encoding="utf-8")
    assert_one_line_error(sim("run", str(bad), *SHORT, check=False), "market.arrivals_per_week", "1000")
    assert_one_line_error(sim("run", "no_such_preset", *SHORT, check=False), "no_such_preset")


def test_scenario_file_and_out_file(tmp_path: Path) -> None:
    scenario = tmp_path / "mine.toml"
    scenario.write_text('extends = "zmot_nurture"\nname = "mine"\n[market]\narrivals_per_week = 30\n',
                        encoding="utf-8")
    out = tmp_path / "out.json"
    done = sim("run", str(scenario), *SHORT, "--format", "json", "--out", str(out))
    assert done.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scenario"]["name"] == "mine" and data["scenario"]["policy"] == "zmot_nurture"
    assert data["scenario"]["market"]["arrivals_per_week"] == 30


def test_csv_and_table_formats() -> None:
    csv = pd.read_csv(io.StringIO(sim("run", *SHORT, "--format", "csv").stdout))
    assert {"kpi", "mean", "ci_low", "ci_high"} <= set(csv.columns)
    assert set(csv["kpi"]) == {k.name for k in KPIS}
    table = sim("run", *SHORT, "--format", "table").stdout
    assert "buyers_arrived" in table and "ci_low" in table
    assert not table.lstrip().startswith("{")


def test_same_seed_same_json_another_seed_another() -> None:
    a = sim("run", *SHORT, "--seed", "5", "--format", "json").stdout
    b = sim("run", *SHORT, "--seed", "5", "--format", "json").stdout
    c = sim("run", *SHORT, "--seed", "6", "--format", "json").stdout
    assert a == b
    assert json.loads(a)["kpis"] != json.loads(c)["kpis"]


def test_bad_replications_is_an_error() -> None:
    assert_one_line_error(sim("run", *SHORT, "--replications", "0", check=False), "replications")


# Issue 6: no traceback, no silent guess, every error names its option -------------------------------
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--seed", "-5"], ("--seed", "-5")),
        (["--seed", "1.5"], ("--seed",)),
        (["--replications", "x"], ("--replications",)),
        (["-r", "-1"], ("--replications",)),
        (["--jobs", "0"], ("--jobs",)),
        (["--format", "xml"], ("--format",)),
        (["--set", "market.arrivals_per_week=true"], ("market.arrivals_per_week", "number")),
        (["--set", "extends=nope"], ("extends", "nope")),
        (["--set", "research.purchase_likelihood_one=0.01", "--set", "research.purchase_likelihood_six=0.99"],
         ("research.purchase_likelihood_six", "research.purchase_likelihood_one")),
    ],
)
def test_every_run_error_names_its_option(args: list[str], words: tuple[str, ...]) -> None:
    assert_one_line_error(sim("run", *SHORT, *args, check=False), *words)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--values", "0.3,x"], ("--values", "'x'")),
        (["--values", "0.3,1.5"], ("--values", "1.5", "budget.sales_share")),
        (["--values", "nan"], ("--values",)),
        (["--field", "budget.nope"], ("--field", "budget.nope")),
        (["--seed", "-1"], ("--seed",)),
    ],
)
def test_every_sweep_error_names_its_option(args: list[str], words: tuple[str, ...]) -> None:
    assert_one_line_error(sim("sweep", *SHORT, *args, check=False), *words)


def test_bad_out_names_the_option(tmp_path: Path) -> None:
    done = sim("run", *SHORT, "--out", str(tmp_path / "no" / "such" / "dir.json"), check=False)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: --out")


def test_set_extends_is_applied() -> None:
    out = json.loads(sim("run", *SHORT, "--set", "extends=zmot_nurture", "--set", "market.arrivals_per_week=33",
                         "--format", "json").stdout)
    assert out["scenario"]["name"] == "zmot_nurture" and out["scenario"]["policy"] == "zmot_nurture"
    assert out["scenario"]["market"]["arrivals_per_week"] == 33


def test_deep_and_huge_files_are_one_line_errors(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("v = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert_one_line_error(sim("run", str(deep), *SHORT, check=False), "deep.toml", "nested too deeply")
    huge = tmp_path / "huge.toml"
    huge.write_text("# padding\n" * 150_000, encoding="utf-8")
    assert_one_line_error(sim("run", str(huge), *SHORT, check=False), "huge.toml", "too large")


def test_a_rep_cost_near_zero_is_too_many_reps() -> None:
    assert_one_line_error(sim("run", *SHORT, "--set", "budget.cost_per_rep_eur_per_year=5e-324", check=False),
                          "reps", "2,000")
