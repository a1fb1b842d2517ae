"""Planning group by group: re-planning each group around the rest of a plan, and planning
from scratch one group at a time where the greedy planner gets stuck.

`improve_group_by_group` takes a complete plan (the greedy one) and plans each group again by
CP-SAT around the staff minutes, leaders and rooms the other groups use (`Reservations`); every
step is a complete plan that keeps every rule, and its cost never rises. Each round ends with
steps over one case manager's clients across groups (optimizer/search/caseload.py).
`plan_groups_one_by_one` plans each group alone, in order of its start, around the groups
before it; the union keeps every rule, since each part keeps every rule around what the others
use. When a group cannot be planned around the groups before it (typically a leader whose days
those groups already fill), it is planned again together with the groups that share its leaders
or room.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from optimizer.checks.costs import busiest_weeks, soft_items, staff_week_minutes
from optimizer.checks.costs import objective as objective_of
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Group, Roster
from optimizer.core.plan import DEFAULT_RUN, GROUP_DAY, Event, Plan, RunSettings
from optimizer.core.service_model import ServiceModel
from optimizer.search import stopping
from optimizer.search.caseload import caseload_clients, caseload_order, caseloads_within, replan_caseload
from optimizer.search.guided import relaxed_guide, solve_placed
from optimizer.search.lower_bound import GroupBounds, owner_of_person, part_of
from optimizer.search.model import NoPlan, Reservations, SearchWindows, build_model, build_start_periods_model
from optimizer.search.model.extract import extract_plan
from optimizer.search.plan_parts import (
    Step,
    groups_in_start_order,
    hinted_model,
    reservations_of,
    sub_roster,
    union,
    without_groups,
)
from optimizer.search.solver import Clock
from optimizer.search.warm_start import decision_values, hint_from_solution

MIN_SECONDS_PER_GROUP = 1.5
MAX_SECONDS_PER_GROUP = 15.0
# After each round's group steps, on rosters of at least PAIR_MIN_GROUPS groups: pairs of groups
# planned together where a client's practice-visit cost (COLLISION_RULES) spans days its case
# manager leads another group (`leader_collisions`), the dearest first, at most PAIR_STEPS_PER_ROUND
# of them in PAIR_SECONDS each; a pair proven optimal around the rest waits until the plan changes.
# Neither group's own step sees that trade: one has the other's days fixed, the other does not
# count the client's cost. On L1 (6.12.) A0195's wrap-up came early (30) because its case manager
# ran all four days of G018's period beside its last weeks, where G018's other leader could run
# one: G018 and G020 together took the plan from 13,777 to 13,753 in 30 s. L1 at 300 s: 13,711 and
# 13,714 / 13,621 (0.66-0.68 %) against 13,744-13,789 without; M1 4,832 and M3 3,175 as before.
# Only in searches of at least PAIR_MIN_LIMIT_S: XL, whose five parts have 180 s each and a descent
# of about a minute after their relaxations and plans in the placements, ended at 68,064 / 63,313
# (7.0 %) with them, against 65,461-65,772 without (6.12.; one run).
PAIR_STEPS = True
PAIR_MIN_GROUPS = 4
PAIR_MIN_LIMIT_S = 240.0
PAIR_STEPS_PER_ROUND = 3
PAIR_SECONDS = 15.0
COLLISION_RULES = frozenset({"S-WP-ORDER", "S-SPREAD", "S-OWN-CM"})
# The relaxation-guided search of a step (guided.py); benchmarks turn it off to measure it.
GUIDED_STEPS = True
# Of a step's time, for the search with the relaxation's placements fixed; where it finds no
# plan, or proves its plan optimal early, the step's own search keeps the rest. At 60 s, 0.6
# against 0.3 in five pairs of runs: M1 5,742/6,158 and 5,176/5,179, M2 4,189/4,277, M3
# 3,761/5,001 and 3,262/3,298. The example at 40 s gave the same either way: median 2,172 of
# 17 runs (2,152-2,377) against 2,175 of 9 (2,151-2,352), 2.12.
GUIDED_SHARE = 0.6
# A group is guided when the relaxation with the plan's own placements costs this share of the
# group's cost more than with its best ones: the gain moving them promises. 0.25 while the
# placements were assumed and a guided search took 11-12 s; fixed, it takes 1-2 s, and on M1
# groups of a promise of 0.16-0.19 fell 240-400 units each: at 60 s M1 5,178 against
# 5,642-5,810, the example 2,149-2,152 against 2,154-2,156 (benchmarks/README.md).
GUIDED_MIN_PROMISE = 0.05
# The case managers' caseload steps (optimizer/search/caseload.py); measurements turn them off
# to compare. Of what is left when a round begins, CASELOAD_SHARE is kept from the groups' steps
# for them; each takes at most CASELOAD_MAX_SECONDS (the example's took 2.6-5.1 s, building
# included, five of seven proven optimal). At 40 s on the example 0.15 left the groups' steps
# 10.4 s each instead of 12 and gave 2,143-2,146 in 5 of 7 runs; 0.25 with 1.5 s steps 2,182.
CASELOAD_STEPS = True
CASELOAD_SHARE = 0.15
CASELOAD_MIN_SECONDS, CASELOAD_MAX_SECONDS = 3.0, 8.0
# A caseload's model holds every client of the groups it touches: above this many, no step (on L
# they reach 110 clients in 11 groups, where one group's model of 10 takes seconds to build; M's
# are 20-40, the example's 26).
CASELOAD_MAX_CLIENTS = 40
# Of what is left of a group's step after its guided search, the caseloads within the group's
# model (caseload.caseloads_within) get this share when the step's own search is not proven.
# The example at 32.5 s, ten runs each (3.12.): 2,145-2,278, median 2,166, four within 1 %,
# against 2,147-2,225, median 2,193, three within 1 %; M1 4,874 and 4,886, M2 3,805 and 3,816,
# M3 3,357 and 3,554 at 47 s, L1 13,963 at 265 s: as before, within their spread.
# Above CASELOADS_WITHIN_MAX_CLIENTS (of a part of a roster: XL is planned in parts of about
# 200) none: the step's own search needs the time where the periods still move. XL at 900 s
# 87,619 with them against 80,120 without (78,306-79,588 in earlier runs); L1 at 265-300 s
# 13,963 and 14,598 with, 13,822-14,420 without; M seed 4 at 45.7 s 9,112 with, 9,095 and
# 8,566 without (M1-M3 as above, within their spread). The example has 26 clients.
CASELOADS_WITHIN = True
CASELOADS_WITHIN_SHARE = 0.25
CASELOADS_WITHIN_MAX_CLIENTS = 40
# Where the groups' relaxations bound each group (lower_bound.groupwise_bound), a round's time is
# shared by how far each group's part of the plan's cost lies above its bound (`excess_by_group`),
# by the square root of that distance, a group at its bound weighing as EXCESS_FLOOR units: its
# step can still move a person's busiest week, and its bound may be below what its part can
# reach. An even share gave L1's one round 6 s a group, nine of its twenty groups within 25 units
# of their bounds (3.12.). In proportion to the distance itself, the example's T27-1 (160 above
# its bound, against T27-2's 1,161) got 2.3-2.6 s and gained 67-146; by its square root 4.4-4.9 s
# and 145-147. The example at 32.5 s: 1,929, 1,934, 1,938, 2,315 (square root), 1,920-2,288,
# median 2,036 in ten runs (proportional), 1,920-2,544, median 1,999 in five (even); M1-M3 at 47
# s 4,886, 3,707, 3,280 (square root), 4,884, 3,835, 3,293 (proportional), 5,009, 4,119, 3,495
# (even; benchmarks/README.md, 4.12.).
EXCESS_SHARES = True
EXCESS_FLOOR = 25.0
EXCESS_POWER = 0.5
# Where the descent starts in the joint relaxation's placements (`GroupBounds.loads` known) and
# the plan stands above that relaxation's best solution mostly in people's busiest weeks (S-LOAD:
# their hours above make up LOADS_MIN_SHARE of the groups' parts above), its first round ends
# with the caseload steps of those people, the most hours above first (`_loaded_first`), in the
# CASELOAD_SHARE of the round. A plan of M3 at 3,173 stood above the bound (3,150) in those weeks
# alone, and only the second round's caseload steps, at 120 s, took it to 3,162. The descent
# alone from five plans of M1-M3 in their placements, to 60 s (5.12.): 3,168 -> 3,162 and 3,163
# (3,165 twice without), 3,180 -> 3,173 twice (3,175-3,176), M1's 4,849 -> 4,831-4,832
# (4,832-4,833), M2's 3,517 -> 3,496 (3,497). A start far above the bound in its groups (3,236,
# 40 of its 86 units in the weeks) needs the time for G002's step (3,163-3,193 without them,
# 3,162-3,222 with them); the caseloads first, before the groups' steps, took it to 3,211 and
# M1's to 4,844.
CASELOADS_BY_LOADS = True
LOADS_MIN_SHARE = 0.5


@dataclass
class Part:
    """Some groups planned together."""

    group_ids: tuple[str, ...]
    plan: Plan


@dataclass
class GroupByGroup:
    parts: list[Part] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.parts) and not self.missing

    def plan(self) -> Plan:
        return union([p.plan for p in self.parts])


def _shares_leaders_or_room(roster: Roster, a: Group, part: Part) -> bool:
    for gid in part.group_ids:
        b = roster.groups[gid]
        if set(a.leaders) & set(b.leaders):
            return True
        if a.room and b.room and a.room.casefold() == b.room.casefold():
            return True
    return False


def _plan_part(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], groups: list[Group],
               windows: SearchWindows, reserved: Reservations, clock: Clock, seconds: float,
               retry: bool = True, run: RunSettings = DEFAULT_RUN) -> Part | None:
    ids = {g.group_id for g in groups}
    sub = sub_roster(roster, ids)
    try:
        b = build_model(sub, sm, cal, cms, frozenset(), windows, reserved, run=run)
    except NoPlan:
        return None
    solver = clock.solver(seconds, light=True)
    status = clock.solve(solver, b.m)
    if status == cp_model.UNKNOWN and retry and not stopping.requested():
        # Out of time, not proven impossible: once more, for longer.
        solver = clock.solver(2 * seconds, light=True)
        status = clock.solve(solver, b.m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return Part(tuple(sorted(ids)), extract_plan(b, solver))


def start_periods(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                  clock: Clock, seconds: float, run: RunSettings = DEFAULT_RUN) -> dict[str, Plan]:
    """Every group's start-period group days and leaders, chosen together (R-START-2, R-GROUP-4,
    R-GROUP-5), so that no group's visits take the days another group must start on."""
    try:
        b = build_start_periods_model(roster, sm, cal, cms, run)
    except NoPlan:
        return {}
    active = [g for g in roster.groups.values() if roster.clients_of(g.group_id)]
    solver = clock.solver(seconds, light=True)
    if clock.solve(solver, b.m) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}
    out = {}
    for g in active:
        gv = b.groups[g.group_id]
        chosen = next(o for o, v in gv.start_opts if solver.Value(v))
        events = [Event(cal.date(d), "group_day", "start", g.group_id, None,
                        tuple(s for s, days in gv.lead.items() if d in days and solver.Value(days[d])))
                  for d in chosen.days]
        out[g.group_id] = Plan(events)
    return out


def plan_groups_one_by_one(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                           windows: SearchWindows, clock: Clock, time_limit_s: float,
                           until: float | None = None, run: RunSettings = DEFAULT_RUN) -> GroupByGroup:
    """Plan each group around the groups before it, in about `time_limit_s` in all; groups
    are skipped only past `until` (on the clock), since a complete plan is worth more than the
    time. The start periods of all groups are chosen first and kept free for them. `run`: the
    pins and the previous plan each group's model keeps and prices."""
    deadline = until if until is not None else clock.elapsed() + 2 * time_limit_s
    order = groups_in_start_order(roster)
    per_group = min(max(time_limit_s / max(len(order) + 1, 1), MIN_SECONDS_PER_GROUP), MAX_SECONDS_PER_GROUP)
    starts = start_periods(roster, sm, cal, cms, clock, per_group, run)
    result = GroupByGroup()
    for k, g in enumerate(order):
        if clock.elapsed() > deadline or stopping.requested():
            result.missing.append(g.group_id)
            continue
        later = [starts[h.group_id] for h in order[k + 1:] if h.group_id in starts]
        reserved = reservations_of([p.plan for p in result.parts] + later, roster, sm, cal)
        left = deadline - clock.elapsed()
        part = _plan_part(roster, sm, cal, cms, [g], windows, reserved, clock, min(per_group, left),
                          retry=left > 3 * per_group, run=run)
        if part is None:
            related = [p for p in result.parts if _shares_leaders_or_room(roster, g, p)]
            rest = [p for p in result.parts if p not in related]
            if related:
                groups = [g] + [roster.groups[gid] for p in related for gid in p.group_ids]
                reserved = reservations_of([p.plan for p in rest] + later, roster, sm, cal)
                part = _plan_part(roster, sm, cal, cms, groups, windows, reserved, clock,
                                  min(per_group * len(groups), max(deadline - clock.elapsed(), 1.0)), run=run)
                if part is not None:
                    result.parts = rest
        if part is None:
            result.missing.append(g.group_id)
        else:
            result.parts.append(part)
    return result


def leader_collisions(roster: Roster, sm: ServiceModel, cms: dict[str, str], plan: Plan,
                      run: RunSettings) -> list[tuple[float, frozenset[str]]]:
    """Pairs of groups (a client's, and one its case manager leads) with what the client's
    practice-visit costs (COLLISION_RULES) add up to where their days (CostItem.span) hold a
    day on which the case manager leads that other group: the dearest first."""
    led: dict[str, dict[date, str]] = defaultdict(dict)  # person -> day -> the group they lead
    for e in plan.events:
        if e.kind == GROUP_DAY and e.group_id is not None:
            for s in e.staff_ids:
                led[s][e.date] = e.group_id
    pairs: dict[frozenset[str], float] = defaultdict(float)
    for item in soft_items(roster, sm, plan, run):
        client = roster.clients.get(item.who)
        if item.rule not in COLLISION_RULES or client is None or item.span is None:
            continue
        first, last = item.span
        others = {g for day, g in led[cms.get(client.client_id, "")].items()
                  if first <= day <= last and g != client.group_id}
        for g in others:
            pairs[frozenset({client.group_id, g})] += item.cost(sm.weights)
    return sorted(((cost, pair) for pair, cost in pairs.items()), key=lambda cp: (-cp[0], sorted(cp[1])))


def _replan_pair(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], plan: Plan,
                 group_ids: frozenset[str], windows: SearchWindows, clock: Clock, seconds: float,
                 run: RunSettings) -> Step:
    """Two groups planned again together by CP-SAT around the rest of `plan`, from their part of
    it, in about `seconds` (PAIR_STEPS): a group's step over both, without its guided search
    (the relaxation guides one group's placements) or the caseloads within."""
    return _replan_groups(roster, sm, cal, cms, plan, group_ids, windows, clock, seconds, run)


def _replan_group(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], plan: Plan,
                  group_id: str, windows: SearchWindows, clock: Clock, seconds: float, run: RunSettings,
                  guide: bool = False, within: bool = False) -> Step:
    """The group's step of the descent: _replan_groups of that group alone."""
    return _replan_groups(roster, sm, cal, cms, plan, frozenset({group_id}), windows, clock, seconds, run, guide,
                          within)


def _replan_groups(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], plan: Plan,
                   group_ids: frozenset[str], windows: SearchWindows, clock: Clock, seconds: float,
                   run: RunSettings, guide: bool = False, within: bool = False) -> Step:
    """The groups planned again by CP-SAT around the rest of `plan`, from their own part of it,
    in about `seconds`. A part that fits neither the focused nor the wide search windows is left
    as it is.

    `guide` (one group only): first, where the group's periods relaxation around the rest
    promises much from moving its periods and practices (GUIDED_MIN_PROMISE), the whole model is solved with the
    relaxation's placements assumed (optimizer/search/guided.py) in GUIDED_SHARE of the step.
    The search from the group's part follows in the rest of it, from the guided plan where that
    cost less (Step.guide_failed otherwise). In deterministic mode a cheaper guided plan ends the
    step: the search hinted from its solution did not repeat its work count from run to run
    (tests/test_guided.py), and the group's next step starts from the plan anyway.

    `within`: a step whose own search is not proven ends with each case manager's caseload
    inside the group's model (caseload.caseloads_within), in CASELOADS_WITHIN_SHARE of it."""
    began = clock.elapsed()
    own, others = without_groups(plan, set(group_ids))
    sub = sub_roster(roster, group_ids)
    reserved = reservations_of([others], roster, sm, cal)
    hinted = hinted_model(sub, sm, cal, cms, own, windows, reserved, clock, seconds, run)
    if hinted is None:  # nothing to search from: skipped like a proven group until the plan changes
        return Step(None, True)
    b, start, w = hinted.build, hinted.start, hinted.windows
    guide_failed = False
    best, found = start.objective, None  # the best plan of the groups the step found
    decisions = start.decisions  # the values of the model's decisions in the best plan so far
    if guide and not own.postponed and not run.pinned and run.previous is None:
        (group_id,) = group_ids
        relaxed = relaxed_guide(sub, sm, cal, cms, w, reserved, own, clock, seconds)
        if relaxed is not None and relaxed.promise >= GUIDED_MIN_PROMISE * start.objective:
            share = GUIDED_SHARE * (seconds - (clock.elapsed() - began))
            solver = solve_placed(b, group_id, relaxed.best, clock, share)
            if solver is not None and solver.ObjectiveValue() < start.objective - 0.5:
                best, found = solver.ObjectiveValue(), extract_plan(b, solver)
                if clock.deterministic:
                    return Step(union([others, found]), False)
                decisions = decision_values(solver, decisions)
                hint_from_solution(b, solver)  # the search below goes on from there
            else:
                guide_failed = True
    # The step keeps to its share: building and hinting came out of it (on M they took 1-2 s).
    left = seconds - (clock.elapsed() - began)
    solver = clock.step_solver(left * (1 - CASELOADS_WITHIN_SHARE if within else 1))
    if solver is None:  # the time limit is reached
        return Step(union([others, found]) if found is not None else None, False, guide_failed and found is None)
    status = clock.solve(solver, b.m)
    proven = status == cp_model.OPTIMAL
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.ObjectiveValue() < best - 0.5:
        best, found = solver.ObjectiveValue(), extract_plan(b, solver)
        decisions = decision_values(solver, decisions)
        hint_from_solution(b, solver)
    if within and not proven and status != cp_model.INFEASIBLE:
        better = caseloads_within(b, decisions, best, clock, seconds - (clock.elapsed() - began))
        if better is not None:
            found = extract_plan(b, better)
    if found is not None:
        return Step(union([others, found]), proven, guide_failed)
    return Step(None, proven or status == cp_model.INFEASIBLE, guide_failed)


def excess_by_group(roster: Roster, sm: ServiceModel, plan: Plan, run: RunSettings,
                    bounds: GroupBounds) -> dict[str, float]:
    """How far each bounded group's part of the plan's cost lies above its relaxation's bound: its
    clients' and its own soft-rule costs, and S-LOAD of the people whose busiest week its
    relaxation bounds (`bounds.owners`, lower_bound.load_owners). No plan's part goes below the
    bound apart; a part of the joint relaxation's solution (`JointRelaxation.as_targets`) a plan's
    part may go below, and counts as 0 above it."""
    owner = owner_of_person(bounds.owners)
    part = dict.fromkeys(bounds.by_group, 0.0)
    for item in soft_items(roster, sm, plan, run):
        gid = part_of(roster, owner, item.rule, item.who)
        if gid in part:
            part[gid] += item.cost(sm.weights)
    return {gid: max(0.0, part[gid] - bound) for gid, bound in bounds.by_group.items()}


def above_their_loads(sm: ServiceModel, plan: Plan, loads: dict[str, int], people: set[str]) -> dict[str, int]:
    """The people of `people` whose busiest week in `plan` holds more hours than `loads` gives
    them (the joint relaxation's best solution), with those hours, the most hours above first."""
    busiest = {s: -(-minutes // 60) for s, (minutes, _) in busiest_weeks(staff_week_minutes(sm, plan)).items()}
    above = {s: busiest.get(s, 0) - loads[s] for s in people if s in loads}
    return {s: above[s] for s in sorted(above, key=lambda s: (-above[s], s)) if above[s] > 0}


def _loaded_first(sm: ServiceModel, plan: Plan, bounds: GroupBounds | None, excess: dict[str, float],
                  people: set[str]) -> list[str]:
    """The people whose caseload steps end the descent's first round (CASELOADS_BY_LOADS): those
    above their weeks in the joint solution, the most hours above first, where those hours make
    up at least LOADS_MIN_SHARE of how far the plan's parts stand above that solution's (`excess`,
    `excess_by_group`)."""
    if not CASELOADS_BY_LOADS or bounds is None or not bounds.loads:
        return []
    above = above_their_loads(sm, plan, bounds.loads, people)
    weeks = sm.weights.get("S-LOAD", 0) * sum(above.values())
    return list(above) if weeks > 0 and weeks >= LOADS_MIN_SHARE * sum(excess.values()) else []


def improve_group_by_group(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                           plan: Plan, windows: SearchWindows, clock: Clock, until: float,
                           progress: Callable[[Plan], None] | None = None,
                           run: RunSettings = DEFAULT_RUN, caseloads: bool = True,
                           bounds: GroupBounds | None = None) -> Plan:
    """Large-neighbourhood descent over groups: each group in turn is planned again, optimally
    where time allows, around everything the other groups of the current plan use, starting from
    its own part of that plan; rounds repeat while time remains. The group's model holds the
    whole objective that its choices can change (its own soft-rule terms and the busiest week of
    each person it uses, counted with the other groups' minutes), so the plan's total cost never
    rises. Every rule holds throughout: each step is a complete plan.

    Time: the steps of a round share what is left of it, each between MIN_SECONDS_PER_GROUP and
    MAX_SECONDS_PER_GROUP; a group proven optimal around the rest is not searched again until
    another step changes the plan (any step may change its surroundings: substitutes call from
    every case manager's days). On M (six groups, 60 s) a fixed 10 s per group left half the
    groups unvisited in the time given, and the plan at 60 s cost 6,229-6,920; sharing the time
    gave 5,271-5,620. Pairs of groups that share a person or a room, planned together after a
    round, were tried and gained 1-3 units in 160 s on M and nothing on L (benchmarks/README.md).

    A group's steps are guided by its periods relaxation around the rest (_replan_group,
    optimizer/search/guided.py) until a guided search finds nothing better for it.

    After the groups' steps of each round, the pairs of groups that `leader_collisions` names are
    planned together (PAIR_STEPS), a pair proven optimal waiting like a group.

    After the groups' steps of each round but the first, each case manager's caseload is
    planned again across groups (optimizer/search/caseload.py), the person whose busiest week can
    fall most first, in the CASELOAD_SHARE of the round's time the groups' steps leave; a
    caseload proven optimal around the rest waits, like a group, until a step changes the plan.
    The first round ends so too where `bounds` gives each person's week in the joint
    relaxation's best solution and the plan stands above it mostly in those weeks: the caseloads
    of the people above theirs (CASELOADS_BY_LOADS).
    `caseloads`: False where a joint search of every group follows (it plans all caseloads at
    once; on two groups of one client each, an unproven caseload step had taken the time it
    needed for its proof)."""
    order = groups_in_start_order(roster)
    settled: set[str] = set()  # groups proven optimal around the current plan
    # The plan's cost as optimizer/checks/costs.py counts it: a step is taken only when that count
    # falls. The group model's own count of its start can be a unit or two high (the short solve
    # that completes a hint may stop before every derived term is at its least), and the example's
    # console once showed a step from 3,165 to 3,167 (1.12.).
    cost = objective_of(roster, sm, plan, run)
    guides_failed: set[str] = set()  # groups whose guided search found nothing better
    # Guided on every roster since the placements are fixed rather than assumed (2.12.): the
    # example's three groups reached 2,154-2,156 against 2,181-2,472 unguided; with placements
    # assumed, guiding had lost there (2,511-2,583), so it waited for four groups.
    guided = GUIDED_STEPS
    within = CASELOADS_WITHIN and len(roster.clients) <= CASELOADS_WITHIN_MAX_CLIENTS
    # Less than a second left ends the descent: no step starts then, so in deterministic mode,
    # where only solves move the clock, a round could otherwise repeat without end.
    settled_staff: set[str] = set()  # case managers whose caseload step is proven optimal
    settled_pairs: set[frozenset[str]] = set()  # pairs of groups proven optimal around the rest
    pairs = PAIR_STEPS and len(roster.groups) >= PAIR_MIN_GROUPS and clock.limit_s >= PAIR_MIN_LIMIT_S
    small_caseloads = {s for s in set(cms.values()) if caseload_clients(roster, cms, s) <= CASELOAD_MAX_CLIENTS
                       } if caseloads and CASELOAD_STEPS else set()

    def take(step: Step) -> None:
        """The step's plan where it costs less: then every group and caseload may gain again."""
        nonlocal plan, cost, settled, settled_staff, settled_pairs
        step_cost = objective_of(roster, sm, step.plan, run) if step.plan is not None else cost
        if step.plan is None or step_cost >= cost:
            return
        plan, cost = step.plan, step_cost
        settled, settled_staff, settled_pairs = set(), set(), set()  # the others' surroundings changed
        if progress is not None:
            progress(plan)

    rounds = 0
    while until - clock.elapsed() >= 1.0 and not stopping.requested():
        pending = [g.group_id for g in order if g.group_id not in settled]
        # Caseloads from the second round on: the first round's group steps are where the cost
        # falls most, and a caseload's model spans every group its clients are in (on the
        # example all three: building it took 5.6 s of a 3 s step). In a 30 s search the
        # example then gave 2,185 / 1,967 / 2,301 (seeds 1-3) against 2,317 / 1,999 / 2,550.
        # In the first round, those of the people above their weeks in the joint solution
        # (CASELOADS_BY_LOADS), the most hours above first.
        # Each group's part of the plan's cost above its bound or target, once a round.
        excess = excess_by_group(roster, sm, plan, run, bounds) if bounds is not None else {}
        first_loaded = _loaded_first(sm, plan, bounds, excess, small_caseloads) if not rounds else []
        open_caseloads = small_caseloads - settled_staff if rounds else set(first_loaded)
        rounds += 1
        if not pending and not open_caseloads:
            break  # every group and caseload proven optimal around the rest
        # The groups' steps leave CASELOAD_SHARE of what is left to the caseloads' steps.
        groups_until = until - (until - clock.elapsed()) * CASELOAD_SHARE if open_caseloads else until
        weight = dict.fromkeys(pending, 1.0)
        if EXCESS_SHARES and bounds is not None and set(pending) <= set(bounds.by_group):
            weight = {gid: max(excess[gid], EXCESS_FLOOR) ** EXCESS_POWER for gid in pending}
        for k, gid in enumerate(pending):
            left = until - clock.elapsed()
            if left < 1.0 or stopping.requested():
                break
            share = (groups_until - clock.elapsed()) * weight[gid] / sum(weight[g] for g in pending[k:])
            seconds = min(max(share, MIN_SECONDS_PER_GROUP), MAX_SECONDS_PER_GROUP, left)
            guide = guided and gid not in guides_failed
            step = _replan_group(roster, sm, cal, cms, plan, gid, windows, clock, seconds, run, guide, within)
            if step.guide_failed:
                guides_failed.add(gid)
            take(step)
            if step.proven:
                settled.add(gid)
        # Pairs of groups whose leader's days and a client's visits collide (PAIR_STEPS).
        collisions = leader_collisions(roster, sm, cms, plan, run) if pairs else []
        for _, pair in [c for c in collisions if c[1] not in settled_pairs][:PAIR_STEPS_PER_ROUND]:
            left = groups_until - clock.elapsed()
            if left < 1.0 or stopping.requested():
                break
            step = _replan_pair(roster, sm, cal, cms, plan, pair, windows, clock, min(PAIR_SECONDS, left), run)
            take(step)
            if step.proven:
                settled_pairs.add(pair)
        # Those of the first round, or in the order of the plan the groups' steps left.
        staff = first_loaded or [s for s in caseload_order(sm, plan, cms) if s in open_caseloads]
        for k, staff_id in enumerate(staff):
            left = until - clock.elapsed()
            if left < 1.0 or stopping.requested():
                break
            seconds = min(max(left / (len(staff) - k), CASELOAD_MIN_SECONDS), CASELOAD_MAX_SECONDS, left)
            step = replan_caseload(roster, sm, cal, cms, plan, staff_id, windows, clock, seconds, run)
            take(step)
            if step.proven:
                settled_staff.add(staff_id)
    return plan
