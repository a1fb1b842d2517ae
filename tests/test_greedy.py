"""The greedy baseline (optimizer/search/greedy.py): earliest feasible date first, every rule kept.

Its plans go through the same validator as the optimizer's; where it gets stuck it says which
group or client and which rule.
"""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks.generate import SIZES, generate
from optimizer.checks.validate import validate
from optimizer.search.greedy import NoGreedyPlan, greedy_plan
from optimizer.workbook.example import example_sheets, write_input_workbook
from optimizer.workbook.read import read_roster

from .conftest import tiny_roster, with_absence


def assert_valid(roster, sm, plan) -> None:
    report = validate(roster, sm, plan)
    assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]


def test_tiny_roster(sm):
    roster = tiny_roster(3)
    plan = greedy_plan(roster, sm)
    assert_valid(roster, sm, plan)
    # Earliest first: the start period opens the agreed window (S-GROUP-START 0).
    first = min(e.date for e in plan.events if e.kind == "group_day")
    assert first - roster.groups["G1"].start_earliest < (date(2027, 2, 8) - date(2027, 2, 1))


def test_example_roster(sm, tmp_path):
    roster, sm_, _, _ = read_roster(write_input_workbook(tmp_path / "r.xlsx", example_sheets()))
    assert_valid(roster, sm_, greedy_plan(roster, sm_))


@pytest.mark.parametrize("size,seed", [("S", 1), ("S", 2), ("S", 3), ("M", 1), ("L", 2)])
def test_generated_rosters(tmp_path, size, seed):
    roster, sm, _, _ = read_roster(write_input_workbook(tmp_path / "r.xlsx", generate(SIZES[size], seed)))
    assert_valid(roster, sm, greedy_plan(roster, sm))


def test_case_manager_holiday_moves_visits_or_calls_to_a_substitute(sm):
    """R-STAFF-1, R-WP-4: the case manager away for six weeks of work practice."""
    roster = with_absence(tiny_roster(2), "C1", date(2027, 5, 3), date(2027, 6, 11))
    plan = greedy_plan(roster, sm)
    assert_valid(roster, sm, plan)
    assert not [e for e in plan.events if "C1" in e.staff_ids and date(2027, 5, 3) <= e.date <= date(2027, 6, 11)]


def test_stuck_says_who_and_which_rule(sm):
    """The only leader away for the whole start window of a group at its minimum size (so it
    may not be postponed, R-GROUP-2): no start period (R-GROUP-4)."""
    roster = with_absence(tiny_roster(4), "L1", date(2027, 1, 25), date(2027, 4, 30))
    with pytest.raises(NoGreedyPlan, match=r"G1.*R-GROUP-4"):
        greedy_plan(roster, sm)


def test_small_group_is_postponed_when_its_window_is_blocked(sm):
    """R-GROUP-2, the allowed alternative: below its minimum size the same group starts later."""
    roster = with_absence(tiny_roster(2), "L1", date(2027, 1, 25), date(2027, 4, 30))
    plan = greedy_plan(roster, sm)
    assert plan.postponed == {"G1"}
    assert_valid(roster, sm, plan)
