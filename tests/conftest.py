"""Tiny rosters for rule tests, and helpers that solve them and check the plan.

Every test that solves also validates (the independent second opinion).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from optimizer.calendar import Calendar
from optimizer.domain import CASE_MANAGER, GROUP_LEADER, Absence, Client, Group, Roster, Staff
from optimizer.model import Build, NoPlan, SearchWindows, build_model
from optimizer.model.case_managers import choose_case_managers
from optimizer.service_model import ServiceModel, load_service_model
from optimizer.solve import Result, solve
from optimizer.validate import Report, validate

PLAN_START = date(2027, 1, 4)


@pytest.fixture(scope="session")
def sm() -> ServiceModel:
    return load_service_model()


def client(cid: str, group: str = "G1", decision: date = date(2027, 1, 11), **kw: object) -> Client:
    fields: dict[str, object] = dict(start_visits=2, ready_visits=3, wp_visits=8, wp_days=50, follow_up_visits=2)
    fields.update(kw)
    return Client(cid, group, decision, **fields)  # type: ignore[arg-type]


def tiny_roster(n_clients: int = 2, **kw: object) -> Roster:
    """One group of n clients, a leader who is also a case manager, and one more case manager.
    The third client has a clear employment plan."""
    staff = {
        "L1": Staff("L1", frozenset({GROUP_LEADER, CASE_MANAGER})),
        "C1": Staff("C1", frozenset({CASE_MANAGER})),
    }
    groups = {"G1": Group("G1", date(2027, 2, 1), date(2027, 3, 1), ("L1",), max_size=6)}
    clients = {f"A{k}": client(f"A{k}", case_manager="C1" if k % 2 else "L1", clear_plan=k == 3)
               for k in range(1, n_clients + 1)}
    roster = Roster(PLAN_START, date(2028, 9, 1), staff, groups, clients)
    return replace(roster, **kw) if kw else roster


def with_absence(roster: Roster, person: str, start: date, end: date) -> Roster:
    return replace(roster, absences=(*roster.absences, Absence(person, start, end, "loma")))


def solve_and_check(roster: Roster, sm: ServiceModel, time_limit: float = 30) -> tuple[Result, Report]:
    """Solve, and validate whatever plan comes out."""
    result = solve(roster, sm, time_limit_s=time_limit, workers=2)
    assert result.plan is not None, f"no plan: {result.status} {result.reasons}"
    report = validate(roster, sm, result.plan)
    broken = [(r.rule, [f.en for f in r.findings][:3]) for r in report.broken]
    assert report.ok, f"the validator found broken rules: {broken}"
    return result, report


def forced_status(roster: Roster, sm: ServiceModel, force: Callable[[Build], None] | None = None,
                  time_limit: float = 30) -> str:
    """Build the model, add the constraints `force` asks for, and say what the solver finds.

    "infeasible" when the model (or its construction) proves that no plan exists.
    """
    cal = Calendar(roster)
    try:
        cms = choose_case_managers(roster, sm)
        b = build_model(roster, sm, cal, cms, windows=SearchWindows.wide(sm))
    except NoPlan:
        return "infeasible"
    if force:
        force(b)
    b.m.ClearObjective()  # only feasibility matters here
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2
    solver.parameters.stop_after_first_solution = True
    status = solver.Solve(b.m)
    return {cp_model.OPTIMAL: "feasible", cp_model.FEASIBLE: "feasible",
            cp_model.INFEASIBLE: "infeasible", cp_model.MODEL_INVALID: "invalid"}.get(status, "unknown")


@pytest.fixture(scope="session")
def tiny_solution(sm: ServiceModel) -> tuple[Roster, Result]:
    roster = tiny_roster(3)
    result, _ = solve_and_check(roster, sm)
    return roster, result


@pytest.fixture
def tmp_workbook_dir(tmp_path: Path) -> Path:
    return tmp_path
