"""benchmarks/bound.py: the relaxation bound never exceeds a proven optimum."""

from __future__ import annotations

from benchmarks.bound import relaxation_bound
from optimizer.search.solve import Status

from .conftest import solve_and_check
from .test_decompose import two_groups


def test_relaxation_bound_is_below_the_optimum(sm):
    # One client a group, deterministic searches: the joint optimum and both groups' optima are
    # proven in a few seconds in every run. With three a group the joint search ran its whole
    # 20 s of wall clock without a proof, and the bound was compared with a plan, not the optimum.
    roster = two_groups(1)
    result, _ = solve_and_check(roster, sm, time_limit=20, deterministic=True)
    assert result.status == Status.OPTIMAL
    # Each group's proof took 4 units of work: 20 s are 16.
    bound, proven = relaxation_bound(roster, sm, result.case_managers, 20, deterministic=True)
    assert proven == 2
    assert 0 < bound <= result.objective
