"""A lower bound by relaxation, to see how far a plan really is from the best possible one.

CP-SAT's own bound on the joint model is weak on M and larger (its linear relaxation cannot
see, for example, that a case manager's holiday forces substitute calls). Dropping every rule
that links groups (R-GROUP-4 across groups, R-GROUP-5, R-STAFF-2 across groups) leaves one
small model per group that CP-SAT's core-based search usually proves optimal in seconds. Every
soft rule but S-LOAD is a sum over groups and clients, so the groups' optima add up to a lower
bound of the joint optimum; S-LOAD (each person's busiest week) counts each person in one
group's model only (optimizer.search.lower_bound.load_owners). The bound holds for the case managers the optimizer chose
and its search windows, as the solver's bound does. Used by the benchmark runner only,
outside the time limit.
"""

from __future__ import annotations

from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.service_model import ServiceModel
from optimizer.search.lower_bound import groupwise_bound
from optimizer.search.model import Build, SearchWindows, build_model
from optimizer.search.solver import Clock


def _whole_group(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                 windows: SearchWindows, load_of: frozenset[str]) -> Build:
    return build_model(roster, sm, cal, cms, frozenset(), windows, load_of=load_of)


def relaxation_bound(roster: Roster, sm: ServiceModel, cms: dict[str, str], seconds_per_group: float,
                     seed: int = 1, deterministic: bool = False) -> tuple[float, int]:
    """(lower bound, groups proven optimal): the groups alone, each with S-LOAD of the people it
    owns (optimizer.search.lower_bound.groupwise_bound with the whole model of each group).
    `deterministic`: each group's search limited in work units (optimizer/search/solver.py), so that
    which groups are proven optimal is the same in every run (the tests ask this)."""
    groups = len([g for g in roster.groups if roster.clients_of(g)])
    seconds = seconds_per_group * groups
    clock = Clock(seconds, seed, deterministic=deterministic)
    found = groupwise_bound(roster, sm, Calendar(roster), cms, SearchWindows.focused(sm), clock, seconds,
                            _whole_group, light=False)
    return found.bound, found.proven
