"""Tiny rosters for rule tests, and helpers that solve them and check the plan.

Every test that solves also validates (the independent second opinion).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from ortools.sat.python import cp_model

import optimizer.search.solver
from optimizer.checks.validate import Report, validate
from optimizer.core.calendar import Calendar
from optimizer.core.domain import CASE_MANAGER, GROUP_LEADER, Absence, Client, Group, Roster, Staff
from optimizer.core.plan import DEFAULT_RUN, RunSettings
from optimizer.core.service_model import ServiceModel, load_service_model
from optimizer.search.model import Build, NoPlan, SearchWindows, build_model
from optimizer.search.model.case_managers import choose_case_managers
from optimizer.search.solve import Result, solve
from optimizer.search.solver import new_solver

PLAN_START = date(2027, 1, 4)

# Property tests (tests/test_properties.py, tests/test_corpus.py) take their number of examples
# from a profile, chosen by HYPOTHESIS_PROFILE. "ci", the default, keeps the suite fast: few
# examples (a random roster of test_properties.py is a solve of up to about 5 s) and the same
# ones in every run (derandomize, as Hypothesis's own CI profile), so that a red run is
# reproduced by running it again. "long" draws many new examples, for a local run before a
# release: HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/test_properties.py tests/test_corpus.py
settings.register_profile("ci", max_examples=10, derandomize=True, database=None, print_blob=True,
                          deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")

# forced_status's search is limited by CP-SAT's deterministic time, so that whether a proof or a
# plan is found is the same on every machine however loaded (a 30 s wall-clock limit once left a
# proof "unknown" on a loaded CI machine). One worker and the lighter presolve
# (optimizer.search.solver.new_solver): every caller's answer took at most 0.45 units of work, 1.5 s;
# with the default presolve up to 11 units, and two interleaved workers up to 27.
FORCED_WORK_SECONDS = 25.0  # 20 units of work (0.8 a second, optimizer/search/solver.py), 40x the most needed

# Deterministic searches must end on their work limit, never on the wall-clock safety behind it
# (5x the limit in optimizer/search/solver.py, for the command line): a test search that runs to its
# limit used up to 38 % of that safety on the development machine under light load (the S roster
# of test_cli.py, 7.4 s of 25 s), so a machine twice as slow and loaded could reach it and end a
# search where another run does not. In the tests it only guards against a hang.
optimizer.search.solver.WALL_SAFETY = 30.0


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


def solve_and_check(roster: Roster, sm: ServiceModel, time_limit: float | None = None,
                    deterministic: bool = False, run: RunSettings = DEFAULT_RUN) -> tuple[Result, Report]:
    """Solve, and validate whatever plan comes out. The callers assert only what every valid
    plan holds, and a plan exists before the search (the greedy one); `deterministic` where the
    outcome is itself asserted (a proven optimum, the same plan in every run). 8 s by default:
    since the rhythm rules of issue 14 a tiny roster's busiest week (S-LOAD) is no longer proven
    optimal in a second, and each search ran to its limit; a test that asserts a proof says so.
    Without `deterministic` the callers assert only what every valid plan holds, and the greedy
    start plan exists at once: 4 s is enough (such a test takes about 5 s rather than 8: the joint
    search keeps at least 5 s, optimizer/search/solve.py)."""
    if time_limit is None:
        time_limit = 8 if deterministic else 4
    result = solve(roster, sm, time_limit_s=time_limit, workers=2, deterministic=deterministic, run=run)
    assert result.plan is not None, f"no plan: {result.status} {result.reasons}"
    assert result.report is not None  # solve validates every plan it returns
    report = validate(roster, sm, result.plan, run)
    assert result.report.ok == report.ok
    broken = [(r.rule, [f.en for f in r.findings][:3]) for r in report.broken]
    assert report.ok, f"the validator found broken rules: {broken}"
    return result, report


def forced_status(roster: Roster, sm: ServiceModel, force: Callable[[Build], None] | None = None,
                  seconds: float = FORCED_WORK_SECONDS) -> str:
    """Build the model, add the constraints `force` asks for, and say what the solver finds.

    "infeasible" when the model (or its construction) proves that no plan exists; "unknown"
    when the deterministic work limit runs out first (the same in every run: make the roster
    smaller rather than the limit larger). The wall clock only guards against a hang.
    """
    cal = Calendar(roster)
    try:
        cms = choose_case_managers(roster, sm, deterministic=True)
        b = build_model(roster, sm, cal, cms, windows=SearchWindows.wide(sm))
    except NoPlan:
        return "infeasible"
    if force:
        force(b)
    b.m.ClearObjective()  # only feasibility matters here
    solver = new_solver(seconds, seed=1, workers=1, light=True, deterministic=True)
    solver.parameters.stop_after_first_solution = True
    status = solver.Solve(b.m)
    return {cp_model.OPTIMAL: "feasible", cp_model.FEASIBLE: "feasible",
            cp_model.INFEASIBLE: "infeasible", cp_model.MODEL_INVALID: "invalid"}.get(status, "unknown")


@pytest.fixture(scope="session")
def tiny_solution(sm: ServiceModel) -> tuple[Roster, Result]:
    roster = tiny_roster(3)
    # The same plan for every test that uses it. 3 s of work: 8 took 28 s of wall clock (the joint
    # model of three clients does about 0.23 units of work a second, optimizer/search/solver.py).
    result, _ = solve_and_check(roster, sm, time_limit=3, deterministic=True)
    return roster, result


@pytest.fixture
def tmp_workbook_dir(tmp_path: Path) -> Path:
    return tmp_path
