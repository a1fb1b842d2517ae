"""A lower bound by relaxation, to see how far a plan really is from the best possible one.

CP-SAT's own bound on the joint model is weak on M and larger (its linear relaxation cannot
see, for example, that a case manager's holiday forces substitute calls). Dropping every rule
that links groups (R-GROUP-4 across groups, R-GROUP-5, R-STAFF-2 across groups) leaves one
small model per group that CP-SAT's core-based search usually proves optimal in seconds. Every
soft rule but S-LOAD is a sum over groups and clients, so the groups' optima add up to a lower
bound of the joint optimum; S-LOAD (each person's busiest week) is bounded from below
separately by what every plan must hold: a leader who runs all of a group's days works
block_days group days in one week. The bound holds for the case managers the optimizer chose
and its search windows, as the solver's bound does. Used by the benchmark runner only,
outside the time limit.
"""

from __future__ import annotations

from dataclasses import replace

from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.service_model import ServiceModel
from optimizer.search.model import NoPlan, SearchWindows, build_model
from optimizer.search.solver import Clock


def load_lower_bound(roster: Roster, sm: ServiceModel) -> int:
    """S-LOAD units every plan has: hours of a required leader's week of group days."""
    week = -(-sm.num("block_days") * sm.num("minutes_group_day") // 60)
    leaders = {s for g in roster.groups.values() if roster.clients_of(g.group_id)
               and g.leaders_required >= len(g.leaders) for s in g.leaders}
    return week * len(leaders)


def relaxation_bound(roster: Roster, sm: ServiceModel, cms: dict[str, str], seconds_per_group: float,
                     seed: int = 1, deterministic: bool = False) -> tuple[float, int]:
    """(lower bound, groups proven optimal): the groups alone, without S-LOAD, plus S-LOAD's floor.
    `deterministic`: each group's search limited in work units (optimizer/search/solver.py), so that
    which groups are proven optimal is the same in every run (the tests ask this)."""
    relaxed = sm.with_weights({"S-LOAD": 0})
    cal = Calendar(roster)
    total, proven = 0.0, 0
    for g in roster.groups.values():
        members = {c.client_id: c for c in roster.clients_of(g.group_id)}
        if not members:
            continue
        sub = replace(roster, groups={g.group_id: g}, clients=members)
        try:
            b = build_model(sub, relaxed, cal, cms, frozenset(), SearchWindows.focused(sm))
        except NoPlan:
            continue
        clock = Clock(seconds_per_group, seed, deterministic=deterministic)
        solver = clock.solver(seconds_per_group, bound=True)
        status = clock.solve(solver, b.m)
        total += solver.BestObjectiveBound()
        proven += int(solver.StatusName(status) == "OPTIMAL")
    return total + sm.weights.get("S-LOAD", 0) * load_lower_bound(roster, sm), proven
