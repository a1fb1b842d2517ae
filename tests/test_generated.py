"""Rosters this test suite did not write: the benchmark generator's, through the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from benchmarks.generate import SIZES, generate
from optimizer.checks.validate import validate
from optimizer.cli import main
from optimizer.workbook.example import write_input_workbook
from optimizer.workbook.plan_read import read_plan
from optimizer.workbook.read import read_roster


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_small_provider_gets_a_valid_plan(tmp_path, seed):
    roster_path = write_input_workbook(tmp_path / "s.xlsx", generate(SIZES["S"], seed))
    # 5 s: a valid plan is what is asserted, and the greedy start plan is there at once (20 s made
    # these two the suite's slowest command-line tests).
    result = CliRunner().invoke(main, [str(roster_path), "--time-limit", "5", "--lang", "en"])
    assert result.exit_code == 0, result.output
    roster, sm, _, _ = read_roster(roster_path)
    report = validate(roster, sm, read_plan(tmp_path / "s-plan.xlsx"))
    assert report.ok
