"""A lower bound on the cost of every plan, computed inside the time limit (issue 17).

CP-SAT's own bound on the whole model of several groups stays far below what any plan reaches:
on the M benchmark (six groups, 60 clients) 1,996 against plans of 5,200 and more. Most of that
distance is what the linear relaxation and the core-based search cannot see in 100,000 literals
of individual visits: that a group's deepening period waits for its last client's practice while
the others' practices ended weeks before (S-RHYTHM), that leaders' holidays push starts late
(S-GROUP-START), or that a practice across the case manager's holiday leaves the employer a
month without a visit (S-SPREAD). Those costs come from the periods and the practices alone.

The periods relaxation (`build_periods_model`) plans exactly that: every group's periods with
leaders and rooms, and every client's work practice with the visit and call costs each
placement forces (optimizer/search/model/forced.py), and the final discussion's period on a day
the case manager can meet the client, without a single visit literal. Every rule
of it is a rule of the whole model and every term of its objective is a term of the whole
objective or below one, so a bound on it holds for every plan in the same search windows with
the same case managers: what the solver's own bound holds for.

Each group's relaxation is solved alone (`groupwise_bound`), without the rules that link groups
(a leader leads one group a day, rooms, a person's minutes) and without S-LOAD, which is not a
sum over groups; the groups' bounds add up, with S-LOAD's floor (`load_lower_bound`). Each group
is proven in 0.05-2.3 s (M1: 3,918 in 1.3 s, all six groups, on a slow day). All groups in one model see them
compete for leaders and rooms, but CP-SAT proved that model much more slowly and it added
little: on M1 4,836 after 6 s, on M2 2,714 against 2,690 (benchmarks/README.md).

The service model's wide planning bounds (any start weekday, the longest getting-ready phase),
which every plan keeps, gave the same bound on M1 before the forced costs but took 11 s of a
60 s run; the focused windows are those of the groups' improvement and the joint search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.service_model import ServiceModel
from optimizer.search import stopping
from optimizer.search.model import Build, NoPlan, SearchWindows, build_periods_model
from optimizer.search.plan_parts import sub_roster
from optimizer.search.solver import Clock

# What a group's model is built by: (roster of one group, service model, calendar, case
# managers, windows) -> Build. The periods relaxation here; the whole model in benchmarks/bound.py.
GroupBuilder = Callable[[Roster, ServiceModel, Calendar, dict[str, str], SearchWindows], Build]


def load_lower_bound(roster: Roster, sm: ServiceModel, case_managers: dict[str, str] | None = None) -> int:
    """S-LOAD units every plan has, from the leaders' weeks of start-period group days and the
    case managers' workplace visits.

    In each week of a group's start period its leaders lead leaders_required x block_days group
    days among them, so any set S of its leaders holds at least (leaders_required - leaders
    outside S) of those leader-weeks: that many times a block's hours in the sum of their
    busiest weeks. Sets taken from different groups are disjoint, so their hours add up. The
    groups that need every leader come first (each of their leaders counts once); then each
    other group takes its leaders not yet counted. The example's T27-2 (one of S02 and S05 a
    day) added 24 hours to the 48 of T27-1's two leaders.

    A case manager not yet counted, with a client in work practice, makes at least
    wp_site_visits_min visits at the workplace (R-WP-3), each minutes_site long: that many hours,
    rounded up, in the busiest week (the example's four case managers who lead no group: 12)."""
    week = -(-sm.num("block_days") * sm.num("minutes_group_day") // 60)
    active = [g for g in roster.groups.values() if roster.clients_of(g.group_id)]
    counted: set[str] = set()
    weeks = 0
    for g in sorted(active, key=lambda g: (g.leaders_required < len(g.leaders), g.group_id)):
        outside = len(set(g.leaders) & counted)
        if g.leaders_required > outside:
            weeks += g.leaders_required - outside
            counted |= set(g.leaders)
    visiting = {cm for cid, cm in (case_managers or {}).items()
                if cid in roster.clients and roster.clients[cid].wp_days > 0 and roster.clients[cid].wp_visits > 0}
    site = -(-sm.num("minutes_site") // 60) if sm.num("wp_site_visits_min") > 0 else 0
    return week * weeks + site * len(visiting - counted)


def _periods_of_group(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                      windows: SearchWindows) -> Build:
    return build_periods_model(roster, sm, cal, cms, frozenset(), windows)


@dataclass
class GroupBounds:
    """What the groups' relaxations gave: the bound and how many groups were proven optimal."""

    bound: float = 0.0
    proven: int = 0


def groupwise_bound(roster: Roster, sm: ServiceModel, cal: Calendar, case_managers: dict[str, str],
                    windows: SearchWindows, clock: Clock, seconds: float,
                    build: GroupBuilder = _periods_of_group, light: bool = True) -> GroupBounds:
    """Each group's model alone, without S-LOAD, its CP-SAT bound after about seconds / groups,
    summed, plus S-LOAD's floor. A group without a model in these windows adds nothing (its cost
    is at least 0). `light`: a light presolve (False for the whole model of a group with its
    visits, benchmarks/bound.py)."""
    relaxed = sm.with_weights({"S-LOAD": 0})
    active = [g for g in roster.groups.values() if roster.clients_of(g.group_id)]
    out = GroupBounds()
    began = clock.elapsed()
    models: list[Build] = []
    for g in active:
        try:
            models.append(build(sub_roster(roster, {g.group_id}), relaxed, cal, case_managers, windows))
        except NoPlan:
            continue
    bounds = [0.0] * len(models)
    # Two passes: half an even share each, then what is left to the groups not yet proven, from
    # scratch, the nearest to its proof first so that the hardest gets what the others leave.
    # On M1 the two hardest groups came first and were not proven in their 1 s (3.0 s and 1.8 s
    # alone), while the other four took 0.2 s each of theirs.
    pending = list(range(len(models)))
    gaps = [0.0] * len(models)
    for first_pass in (True, False):
        unproven = []
        for k, i in enumerate(pending):
            if stopping.requested():
                break
            share = max((seconds - (clock.elapsed() - began)) / (len(pending) - k) * (0.5 if first_pass else 1), 0.2)
            # The core-based search: it proved every group of M1 and the example in 0.05-2.3 s.
            # The default search was three times faster on M1's two hardest groups but left one
            # group of the example unproven after 10 s (bound 946 against its optimum 1,682).
            solver = clock.solver(share, light=light, bound=True)
            status = clock.solve(solver, models[i].m)
            if status == cp_model.INFEASIBLE:
                continue
            bounds[i] = max(bounds[i], solver.BestObjectiveBound(), 0.0)
            if status == cp_model.OPTIMAL:
                out.proven += 1
            else:
                unproven.append(i)
                gaps[i] = solver.ObjectiveValue() - solver.BestObjectiveBound()
        pending = sorted(unproven, key=lambda i: gaps[i])
        if not pending or seconds - (clock.elapsed() - began) < 0.2 * len(pending):
            break
    out.bound = sum(bounds)
    out.bound += sm.weights.get("S-LOAD", 0) * load_lower_bound(roster, sm, case_managers)
    return out
