"""optimizer/checks/costs.py, the soft rules' second opinion, against the CP-SAT model's own objective."""

from __future__ import annotations

from datetime import date

from optimizer.checks.costs import cost_by_rule, objective, soft_units
from optimizer.core.calendar import Calendar
from optimizer.search.greedy import greedy_plan
from optimizer.search.model import SearchWindows, build_model
from optimizer.search.model.case_managers import choose_case_managers
from optimizer.search.solve import Status
from optimizer.search.solver import Clock
from optimizer.search.warm_start import hint_from_plan

from .conftest import solve_and_check, tiny_roster, with_absence


def test_equals_the_solver_on_a_proven_optimum(sm):
    # S-LOAD off: proving the busiest week's hours optimal takes the search minutes once practices
    # start on Mondays (S-WP-WEEK); every other soft rule is in, and a proof is in work units.
    sm = sm.with_weights({"S-LOAD": 0})
    roster = with_absence(tiny_roster(3), "C1", date(2027, 1, 11), date(2027, 1, 29))
    result, _ = solve_and_check(roster, sm, deterministic=True)
    assert result.status == Status.OPTIMAL
    assert result.objective > 0  # S-DECISION: the absence pushes A1's first visit past its window
    assert objective(roster, sm, result.plan) == result.objective


def test_equals_the_model_on_the_greedy_plan(sm):
    """Every soft rule counted the same way: the greedy plan fixed in the model costs what
    costs.py says, rule by rule (S-MISSED-DAY and S-OWN-CM included via the absences)."""
    roster = with_absence(tiny_roster(3), "A1", date(2027, 2, 1), date(2027, 2, 3))
    roster = with_absence(roster, "C1", date(2027, 5, 3), date(2027, 5, 28))
    cal = Calendar(roster)
    cms = choose_case_managers(roster, sm)
    plan = greedy_plan(roster, sm, cal, cms)
    b = build_model(roster, sm, cal, cms, windows=SearchWindows.wide(sm))
    start = hint_from_plan(b, plan, Clock(60), 20)
    assert start is not None
    by_rule = cost_by_rule(start.penalties, sm.weights)
    units = soft_units(roster, sm, plan)
    assert {r: n * sm.weights[r] for r, n in units.items()} == by_rule
    assert objective(roster, sm, plan) == start.objective
    assert units["S-MISSED-DAY"] > 0 and units["S-OWN-CM"] > 0
