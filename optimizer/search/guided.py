"""A group's periods placed by its relaxation around the rest of a plan (issue 17).

The groups' descent (optimizer/search/decompose.py) searches each group's whole model from the
group's part of the current plan. There the group's periods hardly ever move: a deepening
period that moves takes every final discussion and many visits and calls with it, and the few
seconds of a step find no such plan from the hint. On M1 a plan's deepening period of G001 sat
three weeks after the target (S-RHYTHM 1,964 against 1,040 in the group's relaxation alone)
through every round.

The periods relaxation (`build_periods_model`) of the same group around the same rest solves in
0.1-0.3 s and places the group's periods and its clients' practices where their own costs are
least. The whole model with those placements assumed has only the visits and calls left to
plan, and CP-SAT finds that plan in seconds: on one M1 plan (6,702) G006 went from 2,901 to
2,070 in 2.4 s, G001 from 2,512 to 2,103 and G002, whose practices did not fit the relaxation's
placements, from 1,273 to 1,093 with its group periods alone assumed (benchmarks/README.md).
The step is taken only when the plan's cost falls, as every step of the descent.

A group is guided only where the relaxation promises much from moving its placements: solved
once more with the plan's own placements assumed, it costs a good share of the group's cost
more than at its best (`Guide.promise`, GUIDED_MIN_PROMISE in decompose.py). A relaxation that
cannot see the visits its placements force guides badly: the example's first group's best
placements cost 326 in the relaxation and 1,938 and more in the whole model, against 1,045 where
the plan had them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from ortools.sat.python import cp_model

from optimizer.checks.costs import objective as objective_of
from optimizer.core import plan as P
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.placements import day_capacity
from optimizer.core.plan import Plan, RunSettings
from optimizer.core.service_model import ServiceModel
from optimizer.search import stopping
from optimizer.search.model import Build, NoPlan, Reservations, SearchWindows, build_model, build_periods_model
from optimizer.search.model.extract import extract_plan
from optimizer.search.plan_parts import groups_in_start_order, reservations_of, sub_roster, union
from optimizer.search.solver import Clock
from optimizer.search.warm_start import fixed, hint_from_solution

# The relaxation proves a group's periods optimal in 0.1-0.3 s on M; a share of the step beyond
# this is left to the whole model.
RELAXATION_MAX_SECONDS = 2.0
# What is assumed, in turn: the practices with the group days, then the group days alone.
WITH_PRACTICES = (True, False)
# A group's search in the placements of the plan in placements that ends this share of its
# objective above its own bound has stalled: it goes on from its plan, in the same placements,
# a share at a time while each share lowers its cost, at most STALL_EXTRA_SHARES times, from a
# reserve of its own (plan_in_placements). Traced on M at 47 s with two runs sharing the 2 cores
# (3.12.): M1 G002 1,382 -> 762 (bound 692), G003 1,015 -> 340 (proven), G005 1,961 -> 526;
# M3 G002 1,286 -> 555 in three shares, 1,018 -> 508 in two. Where a search ends 25-45 % above
# a weak bound but near its optimum (M3 G003 691 against 382), the next share proves 669 and
# stops. The greedy plan's visits as the first search's hint ended the stalls too but gave higher
# plans where there was none (benchmarks/README.md).
STALL_MIN_GAP = 0.25
STALL_EXTRA_SHARES = 3
# The searches in placements (`solve_placed`, `search_on`) with the default and the core-based
# search side by side (`Clock.step_solver`), not the core-based alone. On two models of M3's G002
# in its placements (around two runs' G001 plans; optimum 455-457), each in 5.7 s and seeds 1-6:
# 5 of 12 searches reached 460 or less, final plans 455-1,595, against 0 of 12 and 664-1,978;
# the default search alone 6 of 12. The default search alone proves M's easy placed models in
# 3-4 s against the core search's 0.6-2.2 s; side by side in 0.7-2.6 s, and M1's G001 and G002
# (5.3-5.7 and 2.0-2.4 s) where the core search alone proved neither in 6 s (5.12.).
PLACED_BOTH = True
# How often a group planned first (`first_in_line`) is planned again around a group before it
# that found no plan beside it.
FIRST_IN_LINE_TRIES = 3
Found = TypeVar("Found", cp_model.CpSolver, cp_model.CpSolver | None)  # what a search in the placements gives


@dataclass(frozen=True)
class Placements:
    """Where a group's relaxation puts the group's periods and its clients' practices, and what
    that costs (a lower bound on the group's whole model around the same rest)."""

    objective: float
    group_days: dict[str, tuple[int, ...]]  # phase -> working-day indices of its group days
    practices: dict[str, tuple[int, int]]  # client -> first and last day index of the practice

    @staticmethod
    def of_solution(b: Build, solver: cp_model.CpSolver, group_id: str) -> Placements:
        """Where a solved periods relaxation places the group's periods and its clients'
        practices, at the solution's objective."""
        gv = b.groups[group_id]
        group_days = {phase: o.days for phase, opts in gv.period_options() for o, v in opts if solver.Value(v)}
        practices = {cid: (o.first, o.last) for cid, cv in b.clients.items()
                     if b.roster.clients[cid].group_id == group_id for o, v in cv.wp_opts if solver.Value(v)}
        return Placements(solver.ObjectiveValue(), group_days, practices)

    @staticmethod
    def of_plan(plan: Plan, group_id: str, cal: Calendar) -> Placements:
        """Where `plan` places the group's periods and its clients' practices (objective 0)."""
        days: dict[str, list[int]] = {}
        for e in plan.events:
            if e.kind == P.GROUP_DAY and e.group_id == group_id:
                days.setdefault(e.phase, []).append(cal.index(e.date))
        practices = {p.client_id: (cal.index(p.start), cal.index(p.end))
                     for p in plan.periods if p.phase == P.WORK_PRACTICE and p.group_id == group_id}
        return Placements(0.0, {k: tuple(sorted(v)) for k, v in days.items()}, practices)


@dataclass(frozen=True)
class Guide:
    """The relaxation's best placements, and the relaxation's cost with the plan's own placements
    assumed: what moving the periods and practices can gain at most shows in the difference."""

    best: Placements
    current: float  # inf: the plan's placements lie outside the relaxation's windows

    @property
    def promise(self) -> float:
        return self.current - self.best.objective


def relaxed_guide(group: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                  windows: SearchWindows, reserved: Reservations, own: Plan, clock: Clock,
                  seconds: float) -> Guide | None:
    """The periods relaxation of `group` (a roster of one group) around what the rest of the plan
    uses, solved twice: free, and with the placements of `own` (the group's part of the plan)
    fixed. None when either has no solution or is not proven in time."""
    try:
        b = build_periods_model(group, sm, cal, cms, frozenset(), windows, reserved)
    except NoPlan:
        return None
    (group_id,) = b.groups
    seconds = min(seconds, RELAXATION_MAX_SECONDS)
    solver = clock.solver(seconds, light=True, bound=True)
    if clock.solve(solver, b.m) != cp_model.OPTIMAL:
        return None
    best = Placements.of_solution(b, solver, group_id)
    mine = Placements.of_plan(own, group_id, cal)
    literals = assumed(b, group_id, mine, True)
    if len(literals) < len(mine.group_days) + len(mine.practices):
        return Guide(best, float("inf"))
    solver = clock.solver(seconds, light=True, bound=True)
    with fixed(b, dict.fromkeys(literals, 1)):
        status = clock.solve(solver, b.m)
    if status != cp_model.OPTIMAL:
        return None  # the promise unknown: no guide rather than one that may lead nowhere
    return Guide(best, solver.ObjectiveValue())


def assumed(b: Build, group_id: str, placements: Placements, with_practices: bool) -> list:
    """The literals of `b` (the group's whole model) that choose these placements: the group's
    periods, and the practices too when `with_practices`."""
    gv = b.groups[group_id]
    out = [v for phase, opts in gv.period_options() for o, v in opts if placements.group_days.get(phase) == o.days]
    if with_practices:
        out += [v for cid, cv in b.clients.items() for o, v in cv.wp_opts
                if placements.practices.get(cid) == (o.first, o.last)]
    return out


def solve_placed(b: Build, group_id: str, placements: Placements, clock: Clock,
                 seconds: float, tries: tuple[bool, ...] = WITH_PRACTICES) -> cp_model.CpSolver | None:
    """The group's whole model solved with the relaxation's placements fixed: its periods and
    practices, or where the visits do not fit those practices (a case manager's holiday the
    relaxation cannot see), its periods alone (`tries`: with the practices or not, in turn).
    The solver holding a plan, or None."""
    began = clock.elapsed()
    for with_practices in tries:
        solver = clock.step_solver(seconds - (clock.elapsed() - began), both=PLACED_BOTH)
        if solver is None:  # the time limit is reached
            return None
        with fixed(b, dict.fromkeys(assumed(b, group_id, placements, with_practices), 1)):
            status = clock.solve(solver, b.m)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return solver
        if status != cp_model.INFEASIBLE or seconds - (clock.elapsed() - began) < 1.0:
            return None
    return None


def stalled(solver: cp_model.CpSolver) -> bool:
    """Whether a search that found a plan ended far above its own bound (STALL_MIN_GAP)."""
    objective = solver.ObjectiveValue()
    return objective > 0 and objective - solver.BestObjectiveBound() > STALL_MIN_GAP * objective


def holds_practices(b: Build, group_id: str, placements: Placements, solver: cp_model.CpSolver) -> bool:
    """Whether the plan in `solver` has the group's practices where `placements` put them (and not
    its periods alone: `solve_placed`)."""
    return all(solver.Value(v) for v in assumed(b, group_id, placements, True))


def search_on(b: Build, group_id: str, placements: Placements, solver: cp_model.CpSolver, clock: Clock,
              seconds: float) -> cp_model.CpSolver:
    """The search of `solve_placed` that left `solver` continued from its plan, in the same
    placements, for `seconds`: the solver of the cheaper plan of the two."""
    with_practices = holds_practices(b, group_id, placements, solver)
    literals = assumed(b, group_id, placements, with_practices)
    hint_from_solution(b, solver)
    again = clock.step_solver(seconds, both=PLACED_BOTH)
    if again is None:
        return solver
    with fixed(b, dict.fromkeys(literals, 1)):
        status = clock.solve(again, b.m)
    b.m.ClearHints()
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return again if found and again.ObjectiveValue() < solver.ObjectiveValue() else solver


def plan_in_placements(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], group_days: Plan,
                       placements: dict[str, Placements], windows: SearchWindows, clock: Clock, seconds: float,
                       run: RunSettings, reserve: float = 0.0, keep: float = 0.0) -> Plan | None:
    """A complete plan made group by group, in order of start, each group's whole model solved
    with its periods and practices where the relaxation of every group together put them
    (`placements`, lower_bound.joint_bound; solve_placed), around the groups planned before it
    and the group days `group_days` gives the groups after it. That relaxation placed the groups
    around each other's leaders and rooms, which a group's own relaxation around the rest of a
    plan cannot: on M1 this plan cost 4,881 in 24 s, where the groups' descent from the greedy
    plan reached 5,192-5,513 in 50 s. A group's search that stalls (`stalled`) goes on from its
    plan, in up to `reserve` seconds over all groups. A group whose practices find no plan around
    the visits before it goes first where that costs less (`first_in_line`). No group's search
    runs into the last `keep` seconds before the time limit (what the caller does after). None
    where a group has no plan so, or no time is left."""
    order = groups_in_start_order(roster)
    began = clock.elapsed()
    reserve_spent = 0.0
    done: dict[str, Plan] = {}  # each group's plan, in the order planned

    def from_reserve(search: Callable[[], Found]) -> Found:
        """A search in a share more, its seconds taken from the reserve, not the later groups'."""
        nonlocal began, reserve_spent
        began_extra = clock.elapsed()
        found = search()
        reserve_spent += clock.elapsed() - began_extra
        began += clock.elapsed() - began_extra
        return found

    for k, g in enumerate(order):
        if g.group_id not in placements or stopping.requested():
            return None
        later = {h.group_id for h in order[k + 1:]}
        ahead = Plan([e for e in group_days.events if e.group_id in later])
        b = group_model(roster, sm, cal, cms, g.group_id, [*done.values(), ahead], windows, run)
        if b is None:
            return None
        share = min((seconds - (clock.elapsed() - began)) / (len(order) - k), clock.left() - keep)
        began_group = clock.elapsed()
        solver = solve_placed(b, g.group_id, placements[g.group_id], clock, share)
        others = k + 1 < len(order)  # groups after this one
        extra = _extra_share(clock, seconds, began, others, share, reserve - reserve_spent, keep)
        if solver is None and extra >= 1.0:
            # No plan found in its share: once more, from the reserve. On M3 at 47 s G002 once
            # found none in 4.3 s, no plan came out of the placements and the run ended at 4,193
            # (3,268 where G002 found one, 662, and went on to 518).
            solver = from_reserve(partial(solve_placed, b, g.group_id, placements[g.group_id], clock, extra))
        for _ in range(STALL_EXTRA_SHARES):
            # A stalled search goes on a share at a time while each share lowers its cost.
            extra = _extra_share(clock, seconds, began, others, share, reserve - reserve_spent, keep)
            if solver is None or not stalled(solver) or extra < 1.0:
                break
            before = solver.ObjectiveValue()
            solver = from_reserve(partial(search_on, b, g.group_id, placements[g.group_id], solver, clock, extra))
            if solver.ObjectiveValue() >= before:
                break
        own = None if solver is None else extract_plan(b, solver)
        if done and (solver is None or not holds_practices(b, g.group_id, placements[g.group_id], solver)):
            # The group's visits do not fit its practices around the visits of the groups before
            # it: the group first, and those whose visits then overfill a day planned again.
            began_first = clock.elapsed()
            first = first_in_line(roster, sm, cal, cms, g.group_id, placements, done, ahead, windows, clock,
                                  max(share - (clock.elapsed() - began_group), 1.0), run)
            if first is not None and (own is None or _cheaper_apart(roster, sm, run, done, g.group_id, own, first)):
                done.update(first)
                continue
            began_group += clock.elapsed() - began_first  # the search below keeps its share
        if own is None:
            # The visits fit neither placement (a relaxation cannot see every visit rule): the
            # group's own search around the same rest, in what is left of its share.
            solver = clock.step_solver(share - (clock.elapsed() - began_group))
            if solver is None or clock.solve(solver, b.m) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return None
            own = extract_plan(b, solver)
        done[g.group_id] = own
    return union(list(done.values()))


def group_model(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], group_id: str,
                around: list[Plan], windows: SearchWindows, run: RunSettings) -> Build | None:
    """The whole model of one group around the staff minutes, leaders and rooms of `around`
    (None: no model)."""
    reserved = reservations_of(around, roster, sm, cal)
    try:
        return build_model(sub_roster(roster, {group_id}), sm, cal, cms, frozenset(), windows, reserved, run=run)
    except NoPlan:
        return None


def first_in_line(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], group_id: str,
                  placements: dict[str, Placements], done: dict[str, Plan], ahead: Plan, windows: SearchWindows,
                  clock: Clock, seconds: float, run: RunSettings) -> dict[str, Plan] | None:
    """The group planned in its placements, practices included, around the group days alone of
    the groups planned before it (`done`) and after it (`ahead`); then each of those before it
    whose visits overfill a person's day beside the group's (`overfilled_by`) planned again in its
    own placements, around the rest. The relaxation of every group together counts a person's
    work by the week, not by the day, and the visits the earlier groups' searches put on a day
    can leave a later group's practices no plan: on L1 G011's in four runs of six, on XL seed 1's
    first part G076's in four of four (its case manager's days around its start period; 5.12.,
    benchmarks/README.md). A group that finds no plan again keeps its plan, and the group is
    planned first around that too, at most FIRST_IN_LINE_TRIES times: on L1 G003 once had none
    beside G011's first plan. The plans of the group and of those planned again, or None, each
    search in about `seconds`."""
    kept: set[str] = set()  # groups before it whose own plans stay

    def placed(gid: str, around: list[Plan], tries: tuple[bool, ...]) -> Plan | None:
        b = group_model(roster, sm, cal, cms, gid, around, windows, run)
        solver = None if b is None else solve_placed(b, gid, placements[gid], clock, seconds, tries)
        return None if b is None or solver is None else extract_plan(b, solver)

    for _ in range(FIRST_IN_LINE_TRIES):
        first = placed(group_id, [_group_days(p for gid, p in done.items() if gid not in kept),
                                  *(done[gid] for gid in kept), ahead], (True,))
        if first is None:
            return None
        out = {group_id: first}
        moved = [gid for gid in overfilled_by(roster, sm, cal, first, done, ahead) if gid not in kept]
        for other in moved:
            waiting = _group_days(done[gid] for gid in moved if gid not in out and gid != other)
            rest = [p for gid, p in done.items() if gid not in moved]
            again = placed(other, [*rest, *out.values(), waiting, ahead], WITH_PRACTICES)
            if again is None:
                kept.add(other)
                break
            out[other] = again
        else:
            return out
    return None


def _group_days(plans: Iterable[Plan]) -> Plan:
    """The group days of these plans alone, with their leaders and rooms."""
    return Plan([e for p in plans for e in p.events if e.kind == P.GROUP_DAY])


def overfilled_by(roster: Roster, sm: ServiceModel, cal: Calendar, plan: Plan, done: dict[str, Plan],
                  ahead: Plan) -> list[str]:
    """The groups of `done` with work on a day that, with `plan`'s work and `ahead`'s (the later
    groups' days), holds more minutes than the person's day does (R-STAFF-2), in the order of
    `done`."""
    theirs = {gid: reservations_of([p], roster, sm, cal).minutes for gid, p in done.items()}
    used = Counter(reservations_of([plan, ahead], roster, sm, cal).minutes)
    for minutes in theirs.values():
        used.update(minutes)
    mine = reservations_of([plan], roster, sm, cal).minutes
    full = {(s, d) for s, d in mine if used[s, d] > day_capacity(roster.staff[s], sm)}
    return [gid for gid, minutes in theirs.items() if full & minutes.keys()]


def _cheaper_apart(roster: Roster, sm: ServiceModel, run: RunSettings, done: dict[str, Plan], group_id: str,
                   own: Plan, first: dict[str, Plan]) -> bool:
    """Whether the groups planned so far cost less with the group first (`first_in_line`) than
    with its own plan after them, counted on those groups alone."""
    planned = sub_roster(roster, {*done, group_id})
    before = union([*done.values(), own])
    after = union([first.get(gid, p) for gid, p in done.items()] + [first[group_id]])
    return objective_of(planned, sm, after, run) < objective_of(planned, sm, before, run)


def _extra_share(clock: Clock, seconds: float, began: float, later: bool, share: float, reserve_left: float,
                 keep: float) -> float:
    """A share more for one group of `plan_in_placements`, in what the reserve has left and the
    later groups' shares (if `later` groups there are) leave before the time limit, less `keep`:
    on M1 at 47 s two extra shares of G005 once left G006 no time, and with no plan from the
    placements the greedy plan (8,353) stood."""
    theirs = seconds - (clock.elapsed() - began) if later else 0.0
    return min(share, reserve_left, clock.left() - theirs - keep)
