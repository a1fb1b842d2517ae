"""Ctrl-C: a stop request ends the search with the best plan found so far (issue 3, item 4)."""

from __future__ import annotations

import threading

from optimizer import stopping
from optimizer.solve import solve
from optimizer.validate import validate

from .test_decompose import two_groups


def test_stop_request_returns_the_best_plan_so_far(sm):
    roster = two_groups()
    timer = threading.Timer(15.0, stopping.request)
    timer.start()
    try:
        result = solve(roster, sm, time_limit_s=120, workers=2)
    finally:
        timer.cancel()
        stopping.reset()
    assert result.plan is not None and result.status in ("feasible", "optimal")
    assert result.seconds < 60
    assert validate(roster, sm, result.plan).ok
