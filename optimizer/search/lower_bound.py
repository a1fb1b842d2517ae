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
(a leader leads one group a day, rooms, a person's minutes); the groups' bounds add up. S-LOAD
(each person's busiest week) is not a sum over groups, so each person's busiest week is
bounded in one group's relaxation only (`load_owners`), from the group days they lead there and
the least their clients' practices there add to their weeks (forced.add_practice_load). Each
group is proven in 0.05-1.8 s by the default and the core-based search side by side (all groups,
with the case managers of a plan: the example in 1.5 s, M in 3.2-5.8 s, L1 in 5.8-6.3 s; 4.12.).

All groups in one model (`joint_bound`) see them compete for leaders, rooms and the people's
weeks. With everyone's practice load in it CP-SAT proved that model much more slowly (the
example 2,134 in 9 s against 2,130 from the groups apart); with S-LOAD of the group days alone
it proves M1 in 2-4 s, 4,789 against 4,227 apart: four of its groups share one room, and
four leaders lead two or three groups.
It counts no busiest week of the case managers who lead no group, whose weeks hold visits and
calls alone (M1: four of them, 27 hours in the plans' busiest weeks); each of them is bounded in
a model of their own (`busiest_weeks`) and added: M1 4,804 instead of 4,789, M2 3,494
instead of 3,472, M3 3,142 instead of 3,118 (4.12.). In the joint model itself their weeks made
it unprovable in 20 s (M1's bound 4,568 where the groups apart prove 4,229). A leader's own
busiest week, bounded the same way, is a floor under the leader's S-LOAD in the joint model: the
leaders' own clients' visits and final discussions beside their group days raised M1's bound to
4,811, M2's to 3,505 and M3's to 3,146 (4.12., evening). Each practice's first site visit
and weekly calls in the joint model (forced.add_practice_start_load: no visit literals, a few
per client), with each final discussion, count every case manager's week there, the floors
beneath: 4,822, 3,524 and 3,163. Since the last visit is the wrap-up with the employer, its
visit in one of the practice's last weeks too (forced.wrap_up_weeks): M1 4,825, M3 3,157
(5.12., evening). Those weeks count also where the case manager's holiday makes a stretch of
the practice dearer, wherever leaving them costs a unit more (forced.least_units_without), and
each practice's last getting-ready visit in the week before it (S-WP-GAP,
clients._add_last_ready_visit_load): M3 3,164, M2 3,490, L1 13,621 (5.12., night).
`optimizer/search/solve.py` takes the higher of the two (benchmarks/README.md).

The service model's wide planning bounds (any start weekday, the longest getting-ready phase),
which every plan keeps, gave the same bound on M1 before the forced costs but took 11 s of a
60 s run; the focused windows are those of the groups' improvement and the joint search.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from optimizer.checks.costs import group_of_who
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.plan import Plan
from optimizer.core.service_model import ServiceModel
from optimizer.search import stopping
from optimizer.search.guided import Placements
from optimizer.search.model import Build, NoPlan, SearchWindows, build_periods_model
from optimizer.search.model.extract import extract_group_days
from optimizer.search.plan_parts import sub_roster
from optimizer.search.solver import Clock

# A pass of `_bounds`: which search (DEFAULT: CP-SAT's default, LP-based; CORE: the core-based
# search, with a light presolve; BOTH: the two side by side; MAX_LP: the search with the fullest
# linear relaxation; optimizer/search/solver.py) and its share of an even split of what is left.
DEFAULT, CORE, BOTH, MAX_LP = "default", "core", "both", "max_lp"
# The passes of `groupwise_bound`. Which of the default and the core-based search proves a
# group's relaxation fast differs from group to group and from one choice of case managers to
# another: the example's T27-2 took the default search 1.8-6.4 s and the core search 1.3-2.4 s,
# its T27-1 the default 0.7-1.0 s while the core search did not prove it in 10 s, M1's G001 the
# default 2.5-3.2 s and the core more than 10 s. Earlier passes of one, then the other, began
# afresh and lost what the first had done: the example's groups were proven in 6.3 s where the
# run gave them 4.9 s. Both at once proved the example's in 2.0 s, M1's in 3.5 s and L1's in
# 6.8 s (against 7.2 s by the default search alone; benchmarks/README.md, 4.12.). A second
# pass gives a group that was not proven in its share what the others left.
PASSES = ((BOTH, 1.0), (BOTH, 1.0))
# A roster of one group: its default search first, for most of the time. The S benchmark's
# groups (seeds 1-3) take that search 0.4-2.8 s (both at once 1.0-1.8 s) and the core search
# never proves them in 6 s; through the command at 10 s (a 6.1 s search, 1.8 s of bound) an even
# split of passes gave the first 0.55 s, and S seed 2's bound was 87 where 242 is proven, a gap
# of 82 % (3.12.).
ONE_MODEL_PASSES = ((DEFAULT, 0.7), (CORE, 0.5), (DEFAULT, 1.0))
# The passes of `joint_bound` over its one model. The default search proved M1's in 2.2-2.4 s
# and M2's in 2.7 s, but not the example's in 15 s, which the core search proved in 1.2 s (M1's
# not in 10 s); each pass starts afresh, so the default search gets the larger share: with
# PASSES, M1's 6 s gave 4,502 instead of 4,789. Both at once (BOTH) proved the example's and
# M1's in 2.0-2.9 s alone, but inside `solve` at 47 s M1's was not proven in its 7 s (4.12.).
# With each practice's first visit and calls in it (forced.add_practice_start_load) the default
# search proves the example's in 0.5 s (the core search 1.9 s), and M2's took it 2.4-4.7 s
# inside `solve`, past the 4.2 s of a first pass of 0.6 in two runs of seven: it has 0.8 now.
# Since 5.12. the first pass is the search with the fullest linear relaxation (MAX_LP): the same
# bounds, M1-M3's proven in 1.2-1.9 s instead of 1.8-2.5 s and the example's in 0.5 s as before.
JOINT_PASSES = ((MAX_LP, 0.8), (CORE, 1.0))
# A large roster's model: that search alone. On L1 (200 clients) the default search held its
# bound near the root LP's 13,008 until its tree was exhausted and proved 13,510 in 55-135 s;
# with every constraint in the LP the bound is 13,501-13,505 after 8-9 s and proven in 10-19 s
# (seeds 1-3), XL's first two parts in 9.5 s and 13.3 s (5.12.). The core search reached 9,308
# in 60 s: a core pass after it begins afresh and only takes time.
LARGE_JOINT_PASSES = ((MAX_LP, 1.0),)

# What a group's model is built by: (roster of one group, service model, calendar, case
# managers, windows, whose busiest weeks it bounds) -> Build. The periods relaxation here; the
# whole model in benchmarks/bound.py.
GroupBuilder = Callable[[Roster, ServiceModel, Calendar, dict[str, str], SearchWindows, frozenset[str]], Build]


def load_owners(roster: Roster, case_managers: dict[str, str]) -> dict[str, frozenset[str]]:
    """Group -> the people whose busiest week (S-LOAD) that group's relaxation bounds: each
    person in one group only, so that the groups' bounds add up (a person's busiest week holds
    at least what any one group gives them).

    Leaders first, the groups that need every leader before the others: a group takes its
    leaders not yet taken when it needs more of them than the leaders other groups took (one
    of S02 and S05 a day in the example's T27-2: between them a full week of group days in each
    start-period week). A group whose other leaders were taken leaves its remaining one to a
    later group, where that leader's days count: in its own relaxation the taken leaders, whose
    weeks it does not count, could lead every day. Then each other case manager goes to the
    group with most of their clients in work practice (whose visits fill their weeks)."""
    active = sorted((g for g in roster.groups.values() if roster.clients_of(g.group_id)),
                    key=lambda g: (g.leaders_required < len(g.leaders), g.group_id))
    owner: dict[str, str] = {}
    for g in active:
        if g.leaders_required > sum(1 for s in g.leaders if s in owner):
            for s in g.leaders:
                owner.setdefault(s, g.group_id)
    clients_in: dict[str, dict[str, tuple[int, int]]] = {}
    for cid, cm in case_managers.items():
        client = roster.clients.get(cid)
        if client is not None:
            counts = clients_in.setdefault(cm, {})
            practice, all_ = counts.get(client.group_id, (0, 0))
            visiting = client.wp_days > 0 and client.wp_visits > 0
            counts[client.group_id] = (practice + visiting, all_ + 1)
    for cm, counts in clients_in.items():
        owner.setdefault(cm, max(sorted(counts), key=lambda g: counts[g]))
    out: dict[str, set[str]] = {g.group_id: set() for g in active}
    for s, g in owner.items():
        if g in out:
            out[g].add(s)
    return {g: frozenset(people) for g, people in out.items()}


def owner_of_person(owners: dict[str, frozenset[str]]) -> dict[str, str]:
    """Person -> the group whose part holds their busiest week (`load_owners` turned round)."""
    return {person: gid for gid, people in owners.items() for person in people}


def part_of(roster: Roster, owner: dict[str, str], rule: str, who: str) -> str | None:
    """The group whose part holds a cost term of `rule` for `who`: S-LOAD the group `owner`
    (`owner_of_person`) gives the person, any other a group's own or its client's group. A
    plan's parts (decompose.excess_by_group) and the joint solution's (`_parts`) count alike."""
    return owner.get(who) if rule == "S-LOAD" else group_of_who(roster, who)


def _periods_of_group(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                      windows: SearchWindows, load_of: frozenset[str]) -> Build:
    return build_periods_model(roster, sm, cal, cms, frozenset(), windows, load_of=load_of)


@dataclass
class GroupBounds:
    """What the groups' relaxations gave: the bound and how many groups were proven optimal."""

    bound: float = 0.0
    proven: int = 0
    # Each group's bound, with S-LOAD of the people `load_owners` gives it (`owners`): what no
    # plan's share of the cost for that group goes below (optimizer/search/decompose.py).
    by_group: dict[str, float] = field(default_factory=dict)
    owners: dict[str, frozenset[str]] = field(default_factory=dict)
    # Each person's busiest week in hours where the joint relaxation's best solution has it
    # (`JointRelaxation.as_targets`; empty for the groups apart): the caseload steps of the
    # people whose week a plan holds above it can end the descent's first round
    # (decompose.CASELOADS_BY_LOADS).
    loads: dict[str, int] = field(default_factory=dict)


def groupwise_bound(roster: Roster, sm: ServiceModel, cal: Calendar, case_managers: dict[str, str],
                    windows: SearchWindows, clock: Clock, seconds: float,
                    build: GroupBuilder = _periods_of_group, light: bool = True) -> GroupBounds:
    """Each group's model alone, with S-LOAD of the people `load_owners` gives it, its CP-SAT
    bound after about seconds / groups, summed. A group without a model in these windows adds
    nothing (its cost is at least 0). `light`: a light presolve for the core search (False for
    the whole model of a group with its visits, benchmarks/bound.py)."""
    active = [g for g in roster.groups.values() if roster.clients_of(g.group_id)]
    owners = load_owners(roster, case_managers)
    out = GroupBounds(owners=owners)
    models: list[Build] = []
    built: list[str] = []
    for g in active:
        try:
            models.append(build(sub_roster(roster, {g.group_id}), sm, cal, case_managers, windows, owners[g.group_id]))
            built.append(g.group_id)
        except NoPlan:
            continue
    bounds, out.proven = _bounds(models, clock, seconds, light, passes=PASSES if len(models) > 1 else ONE_MODEL_PASSES)
    out.bound = sum(bounds)
    out.by_group = dict(zip(built, bounds, strict=True))
    return out


@dataclass
class JointRelaxation:
    """What the relaxation of every group in one model gave: its bound, and where its best
    solution places each group's periods and its clients' practices (empty: no solution)."""

    bound: float = 0.0  # with `weeks`
    objective: float | None = None  # of the model's best solution, without `weeks`
    # The busiest weeks of the people the model does not count, from `joint_bound`'s floors.
    weeks: float = 0.0
    group_days: Plan = field(default_factory=Plan)  # every group's days with their leaders
    placements: dict[str, Placements] = field(default_factory=dict)
    # The people whose busiest week (S-LOAD) the model counts: the leaders (their group days) and
    # the case managers of practices (forced.add_practice_start_load).
    counted: frozenset[str] = frozenset()
    # Each group's part of the best solution's cost, with the weeks of the people `load_owners`
    # gives it: where the groups' descent looks for what is left to gain (`JointRelaxation.as_targets`).
    parts: dict[str, float] = field(default_factory=dict)
    owners: dict[str, frozenset[str]] = field(default_factory=dict)
    # Each person's busiest week in hours in the best solution, the left-out people's floors
    # included (`GroupBounds.loads`).
    loads: dict[str, int] = field(default_factory=dict)

    def as_targets(self) -> GroupBounds:
        """Each group's part of the best solution in the form of the groups' bounds apart, for
        the groups' descent (decompose.excess_by_group): not a bound of each group, since a plan
        can trade one group's cost for another's, but what the plan's parts stand above where the
        whole plan stands near the bound together."""
        return GroupBounds(self.bound, 0, dict(self.parts), self.owners, dict(self.loads))

    def left_out(self, case_managers: dict[str, str]) -> frozenset[str]:
        """The case managers whose busiest week the model does not count (`busiest_weeks`)."""
        return frozenset(case_managers.values()) - self.counted


def joint_bound(roster: Roster, sm: ServiceModel, cal: Calendar, case_managers: dict[str, str],
                windows: SearchWindows, clock: Clock, seconds: float, enough: float | None = None,
                floors: dict[str, int] | None = None,
                passes: tuple[tuple[str, float], ...] = JOINT_PASSES) -> JointRelaxation:
    """The periods relaxation of every group in one model, its CP-SAT bound after about
    `seconds` (0 where it has no model), and its best solution's placements. It sees what the
    groups apart cannot: groups competing for the same leaders and rooms and for a person's
    week. S-LOAD counts the group days here, each final discussion, and of the practices only
    each one's first site visit, wrap-up visit and weekly calls (forced.add_practice_start_load): with the
    practices' least work of everyone in it the model was twice the size and no pass proved it
    in 10 s on M1, where these terms lifted M1's bound from 4,811 to 4,822, M2's from 3,520 to
    3,524 and M3's from 3,146 to 3,163, proven in 2.2-4.8 s instead of 1.4-3.1 s (4.12.). With
    the group days alone it proved M1's 4,789 in 2.2 s where the groups apart gave 4,227 (four
    groups share a room, four leaders lead two or three groups). On the example it now proves
    1,902 in 0.5-0.7 s, above the groups apart (1,901); `solve` takes the higher.

    `enough`: the search stops once its best solution costs at most this, since its bound can
    then rise no higher (`solve` passes the groups' bound apart, which it takes anyway). On the
    example a solution of 2,116 against 2,130 apart ends it: 1.3-1.8 s in all, where the proof
    took 2.9-3.1 s.

    `floors`: each person's busiest week alone (`busiest_weeks`). The people it counts (the
    leaders and the case managers of practices, `JointRelaxation.counted`) have theirs as a
    floor under their S-LOAD: on M a
    leader's own clients' visits beside the group days lifted M1's bound from 4,789 to 4,796,
    M2's from 3,472 to 3,483 and M3's from 3,114 to 3,126, proven in about the same time (4.12.).
    The others' weeks are terms of their own in every plan's cost: they are added to its bound
    and to `enough` (`JointRelaxation.weeks`)."""
    out = JointRelaxation()
    try:
        model = build_periods_model(roster, sm, cal, case_managers, frozenset(), windows, load_floor=floors,
                                    start_load=True)
    except NoPlan:
        return out
    out.counted = frozenset(p.who for p in model.penalties if p.rule == "S-LOAD")
    hours = sum((floors or {}).get(person, 0) for person in out.left_out(case_managers))
    out.weeks = sm.weights.get("S-LOAD", 0) * hours
    out.owners = load_owners(roster, case_managers)
    owner = owner_of_person(out.owners)

    def keep(_: int, solver: cp_model.CpSolver) -> None:
        if out.objective is None or solver.ObjectiveValue() < out.objective:
            out.objective = solver.ObjectiveValue()
            out.group_days = extract_group_days(model, solver)
            out.placements = {gid: Placements.of_solution(model, solver, gid) for gid in model.groups}
            weeks = {p: (floors or {}).get(p, 0) for p in out.left_out(case_managers)}
            out.parts = _parts(model, solver, owner, weeks)
            out.loads = {**weeks, **{p.who: round(solver.Value(p.expr)) for p in model.penalties
                                     if p.rule == "S-LOAD"}}

    bounds, _ = _bounds([model], clock, seconds, light=True, passes=passes, keep=keep,
                        enough=None if enough is None else enough - out.weeks)
    out.bound = bounds[0] + out.weeks
    return out


def _parts(model: Build, solver: cp_model.CpSolver, owner: dict[str, str],
           left_out: dict[str, int]) -> dict[str, float]:
    """Each group's part of the solution in `solver`: the terms of the group and its clients, and
    S-LOAD of the people `owner` gives it, with the hours of the busiest weeks the model leaves
    out (`left_out`: person -> hours)."""
    weights = model.sm.weights
    out = dict.fromkeys(model.groups, 0.0)
    for p in model.penalties:
        gid = part_of(model.roster, owner, p.rule, p.who)
        if gid in out:
            out[gid] += weights.get(p.rule, 0) * solver.Value(p.expr)
    for person, hours in left_out.items():
        if owner.get(person) in out:
            out[owner[person]] += weights.get("S-LOAD", 0) * hours
    return out


def busiest_weeks(roster: Roster, sm: ServiceModel, cal: Calendar, case_managers: dict[str, str],
                  windows: SearchWindows, clock: Clock, seconds: float, people: frozenset[str]) -> dict[str, int]:
    """S-LOAD: for each of `people` with clients, the fewest hours their busiest week holds in
    any plan: each person's CP-SAT bound after about seconds / people. A person's model is the
    periods relaxation of their clients in their groups, with S-LOAD of that person alone as its
    objective, so its periods and practices spread that person's work as evenly as they can,
    whatever else it costs. Each person's busiest week is a term of its own in the objective:
    these hours add to the bound of a model that counts none of these people's weeks, and are a
    floor under the weeks of those it counts (`joint_bound`). Each is proven in 0.1-0.4 s; on
    M1 the four case managers who lead no group have 3-6 hours (15 in all, where the plans hold
    27), and the leaders up to 29 where their group days alone hold 24 (4.12.)."""
    if not sm.weights.get("S-LOAD", 0):
        return {}
    models: list[Build] = []
    owners: list[str] = []
    for person in sorted(people):
        own = {c: client for c, client in roster.clients.items() if case_managers.get(c) == person}
        if not own:
            continue
        # Their own clients alone: the others' practices only hold their groups' periods back
        # (fewer rules, still a bound), and M3's five people took 2.8 s instead of 4.1 s for
        # the same 24 hours (4.12.).
        alone = replace(sub_roster(roster, {client.group_id for client in own.values()}), clients=own)
        try:
            b = build_periods_model(alone, sm, cal, case_managers, frozenset(), windows, load_of=frozenset({person}))
        except NoPlan:
            continue  # no plan of these groups in these windows: no bound from them
        b.m.Minimize(sum(p.expr for p in b.penalties if p.rule == "S-LOAD"))
        models.append(b)
        owners.append(person)
    # Whole hours: a bound of 5.2 hours is 6 in every plan (the busiest week's hours are whole).
    hours = _bounds(models, clock, seconds, light=True)[0]
    return {person: math.ceil(h - 1e-6) for person, h in zip(owners, hours, strict=True)}


def _bounds(models: list[Build], clock: Clock, seconds: float, light: bool,
            passes: tuple[tuple[str, float], ...] = PASSES,
            keep: Callable[[int, cp_model.CpSolver], None] | None = None,
            enough: float | None = None) -> tuple[list[float], int]:
    """Each model's CP-SAT bound (at least 0) after passes over those not yet proven optimal,
    in about `seconds` in all, and how many were proven. `keep(model's index, solver)` hears of
    every solve that ends with a solution. A model whose solution costs at most `enough` is
    searched no further: its bound is at most that."""
    began = clock.elapsed()
    bounds = [0.0] * len(models)
    proven = 0
    # Passes over the groups not yet proven, each group with a share of what is left, the
    # nearest to its proof first in the later passes, so that the hardest gets what the others
    # leave (PASSES). On M1 the two hardest groups came first and were not proven in their 1 s
    # (3.0 s and 1.8 s alone), while the other four took 0.2 s each of theirs.
    pending = list(range(len(models)))
    gaps = [0.0] * len(models)
    for search, fraction in passes:
        unproven = []
        for k, i in enumerate(pending):
            if stopping.requested():
                break
            share = max((seconds - (clock.elapsed() - began)) / (len(pending) - k) * fraction, 0.2)
            core = search == CORE
            solver = clock.solver(share, light=light and core, bound=core, both=search == BOTH,
                                  max_lp=search == MAX_LP)
            low = _StopAtMost(enough) if enough is not None else None
            status = clock.solve(solver, models[i].m, low)
            if status == cp_model.INFEASIBLE:
                continue
            bounds[i] = max(bounds[i], solver.BestObjectiveBound(), 0.0)
            if keep is not None and status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                keep(i, solver)
            if status == cp_model.OPTIMAL:
                proven += 1
            elif low is not None and low.reached:
                continue  # its bound can rise no higher than `enough`
            else:
                unproven.append(i)
                gaps[i] = solver.ObjectiveValue() - solver.BestObjectiveBound()
        pending = sorted(unproven, key=lambda i: gaps[i])
        if not pending or seconds - (clock.elapsed() - began) < 0.2 * len(pending):
            break
    return bounds, proven


class _StopAtMost(cp_model.CpSolverSolutionCallback):
    """Stops the search at the first solution that costs at most `enough`."""

    def __init__(self, enough: float) -> None:
        super().__init__()
        self.enough = enough
        self.reached = False

    def on_solution_callback(self) -> None:
        if self.ObjectiveValue() <= self.enough:
            self.reached = True
            self.StopSearch()
