"""benchmarks/bound.py: the relaxation bound never exceeds a proven optimum."""

from __future__ import annotations

from benchmarks.bound import relaxation_bound

from .conftest import solve_and_check
from .test_decompose import two_groups


def test_relaxation_bound_is_below_the_optimum(sm):
    roster = two_groups()
    result, _ = solve_and_check(roster, sm, time_limit=20)
    bound, proven = relaxation_bound(roster, sm, result.case_managers, 10)
    assert proven == 2
    assert 0 < bound <= result.objective
