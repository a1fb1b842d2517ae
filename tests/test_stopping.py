"""Ctrl-C: a stop request ends the search with the best plan found so far (issue 3, item 4)."""

from __future__ import annotations

from optimizer.checks.validate import validate
from optimizer.search import stopping
from optimizer.search.solve import Status, solve

from .test_decompose import two_groups


def test_stop_request_returns_the_best_plan_so_far(sm):
    """The stop is asked from inside the joint search, when it reports its first plan (the first
    report with a bound), not after a fixed number of seconds: it falls in the middle of a running
    CP-SAT search however loaded the machine is (a 15 s timer cost the suite 15 s, and where in
    the search it fell depended on the machine)."""
    roster = two_groups()
    reported: list[float] = []
    asked: list[float] = []

    def progress(seconds: float, objective: float, bound: float | None) -> None:
        reported.append(objective)
        if bound is not None and not asked:  # the joint search is running
            asked.append(seconds)
            stopping.request()

    try:
        result = solve(roster, sm, time_limit_s=120, workers=2, progress=progress)
    finally:
        stopping.reset()
    assert asked, "the joint search reported no plan"
    assert result.plan is not None and result.status in (Status.FEASIBLE, Status.OPTIMAL)
    assert result.seconds < 60  # stopped, not run to its limit
    assert result.objective is not None and result.objective <= min(reported)  # the best plan so far
    assert validate(roster, sm, result.plan).ok


def test_ctrl_c_during_the_case_manager_choice_is_no_plan_in_time_not_no_plan(sm, monkeypatch):
    """The case-manager choice solves through the clock, so Ctrl-C stops it too. Stopped before
    it chose anyone, the run has found nothing in time (exit 130), not proven that no plan exists
    (exit 3, which would write a workbook saying so)."""
    from dataclasses import replace

    from ortools.sat.python import cp_model

    from optimizer.search.solver import Clock

    from .conftest import tiny_roster

    roster = tiny_roster(3)
    roster = replace(roster, clients={k: replace(c, case_manager=None) for k, c in roster.clients.items()})

    def stopped(self: Clock, solver: object, model: object, callback: object = None) -> int:
        stopping.request()  # Ctrl-C while the search runs: it ends without an answer
        return cp_model.UNKNOWN

    monkeypatch.setattr(Clock, "solve", stopped)
    try:
        result = solve(roster, sm, time_limit_s=5)
    finally:
        stopping.reset()
    assert result.status == Status.UNKNOWN and result.plan is None and not result.reasons
