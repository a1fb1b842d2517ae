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
