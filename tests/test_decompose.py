"""Planning groups one by one: every part keeps every rule around the others, so the union does.

Every search here is deterministic (a Clock in work units, `solve(..., deterministic=True)`):
whether a plan, a better plan or a proof is found does not depend on how loaded the machine is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from optimizer.checks.validate import validate
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Group
from optimizer.core.plan import DEFAULT_RUN, Plan
from optimizer.search.decompose import plan_groups_one_by_one, reservations_of
from optimizer.search.model import Reservations, SearchWindows
from optimizer.search.model.case_managers import choose_case_managers
from optimizer.search.solve import Status, solve
from optimizer.search.solver import WORK_PER_SECOND, Clock

from .conftest import client, tiny_roster


def two_groups(per_group: int = 3):
    """Two groups a month apart that share their leader and their case managers (with one client
    a group, only C1)."""
    base = tiny_roster(per_group)
    g2 = Group("G2", date(2027, 3, 1), date(2027, 3, 29), ("L1",), max_size=6)
    clients = {**base.clients, **{f"B{k}": client(f"B{k}", group="G2", decision=date(2027, 2, 1),
                                                   case_manager="C1" if k % 2 else "L1")
                                  for k in range(1, per_group + 1)}}
    return replace(base, groups={**base.groups, "G2": g2}, clients=clients)


def greedy_two_groups(sm):
    """two_groups(), its calendar, case managers and greedy plan: where a descent starts from."""
    from optimizer.search.greedy import greedy_plan

    roster = two_groups()
    cal = Calendar(roster)
    cms = choose_case_managers(roster, sm)
    return roster, cal, cms, greedy_plan(roster, sm, cal, cms)


def test_group_by_group_plan_keeps_every_rule(sm):
    roster = two_groups()
    cal = Calendar(roster)
    parts = plan_groups_one_by_one(roster, sm, cal, choose_case_managers(roster, sm), SearchWindows.focused(sm),
                                   Clock(60, deterministic=True), 10)
    assert parts.complete
    report = validate(roster, sm, parts.plan())
    assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]
    # The union's day minutes: the second group's visits fit around the first group's work.
    used = reservations_of([parts.plan()], roster, sm, cal).minutes
    assert max(used.values()) <= sm.num("day_minutes")


def test_reserved_minutes_are_kept(sm):
    """R-STAFF-2 across parts: visits fit into what other parts leave of a day."""
    from ortools.sat.python import cp_model

    from optimizer.search.model import build_model
    from optimizer.search.solver import new_solver

    roster = tiny_roster(1)
    cal = Calendar(roster)

    def status(left: int) -> int:
        taken = Reservations(minutes={("C1", d): sm.num("day_minutes") - left for d in range(cal.n_days)})
        b = build_model(roster, sm, cal, {"A1": "C1"}, windows=SearchWindows.wide(sm), reserved=taken)
        solver = new_solver(20, seed=1, workers=1, light=True, deterministic=True)  # as forced_status
        solver.parameters.stop_after_first_solution = True
        return solver.Solve(b.m)

    assert status(60) == cp_model.INFEASIBLE  # no room for a 90-minute office visit
    assert status(150) in (cp_model.FEASIBLE, cp_model.OPTIMAL)


def test_busiest_week_elsewhere_counts_in_a_groups_model(sm):
    """S-LOAD across parts: a person's busiest week is at least the week the rest of the plan
    holds busiest, also where this group's model puts nothing in that week. Without it a group's
    model gave the group's days to a leader with no other work rather than to one whose busiest
    week elsewhere already held them (L1's G018: 24 hours more)."""
    from ortools.sat.python import cp_model

    from optimizer.search.model import build_model
    from optimizer.search.solver import new_solver

    roster = tiny_roster(1)
    cal = Calendar(roster)
    # C1 (A1's case manager) works four whole days in the plan's first week, before A1's
    # decision date (6.1. is a holiday): no event of this model can fall in that week.
    week = [cal.index(date(2027, 1, d)) for d in (4, 5, 7, 8)]
    taken = Reservations(minutes={("C1", d): sm.num("day_minutes") for d in week})
    b = build_model(roster, sm, cal, {"A1": "C1"}, windows=SearchWindows.wide(sm), reserved=taken)
    solver = new_solver(20, seed=1, workers=1, light=True, deterministic=True)
    solver.parameters.stop_after_first_solution = True
    assert solver.Solve(b.m) in (cp_model.FEASIBLE, cp_model.OPTIMAL)
    (load,) = [p for p in b.penalties if p.rule == "S-LOAD" and p.who == "C1"]
    assert solver.Value(load.expr) >= -(-4 * sm.num("day_minutes") // 60)


def test_joint_search_starts_from_the_group_by_group_plan(sm):
    # One client a group: the whole solve, joint search and proof included, takes under 2 s (with
    # three a group it ran its whole 20 s limit of wall clock, the suite's fifth slowest test).
    roster = two_groups(1)
    result = solve(roster, sm, time_limit_s=20, workers=2, deterministic=True)
    assert result.plan is not None
    assert validate(roster, sm, result.plan).ok
    # The bound comes from the joint search (a plan of the group-by-group step alone has none).
    assert result.status == Status.OPTIMAL and result.bound == result.objective


def test_improving_group_by_group_never_raises_the_cost(sm):
    from optimizer.checks.costs import objective
    from optimizer.search.decompose import improve_group_by_group

    roster, cal, cms, start = greedy_two_groups(sm)
    better = improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm),
                                    Clock(60, deterministic=True), 20)
    assert validate(roster, sm, better).ok
    assert objective(roster, sm, better) < objective(roster, sm, start)



def test_a_group_proven_optimal_around_the_rest_is_not_searched_again(sm):
    """The descent: a step that proves its group optimal around the rest marks it settled; the
    next round skips it until another step changes the plan. Here both groups end proven (two
    steps each at most before every group is settled), the plan cheaper than the start and
    keeping every rule, and a second descent from that plan finds nothing to change."""
    from optimizer.checks.costs import objective
    from optimizer.search import decompose

    roster, cal, cms, start = greedy_two_groups(sm)
    steps: list[tuple[str, bool, bool]] = []
    replan = decompose._replan_group

    def counted(*args, **kw):
        step = replan(*args, **kw)
        steps.append((args[5], step.plan is not None, step.proven))
        return step

    decompose._replan_group = counted
    try:
        better = decompose.improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm),
                                                  Clock(600, deterministic=True), 120)
        assert validate(roster, sm, better).ok
        assert objective(roster, sm, better) < objective(roster, sm, start)
        # It stopped because every group was proven, not for lack of time.
        last_change = max((k for k, (_, changed, _) in enumerate(steps) if changed), default=-1)
        assert {gid for gid, _, proven in steps[last_change:] if proven} == {"G1", "G2"}
        steps.clear()
        again = decompose.improve_group_by_group(roster, sm, cal, cms, better, SearchWindows.focused(sm),
                                                 Clock(600, deterministic=True), 120)
    finally:
        decompose._replan_group = replan
    assert [changed for _, changed, _ in steps] == [False, False]  # each group once, then settled
    assert objective(roster, sm, again) == objective(roster, sm, better)


def test_the_descent_ends_when_less_than_a_second_is_left(sm):
    """No step starts with less than a second left; in deterministic mode only solves move the
    clock, so the descent must end there rather than start round after round without a step."""
    from optimizer.search.decompose import improve_group_by_group

    roster, cal, cms, start = greedy_two_groups(sm)
    plan = improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm),
                                  Clock(60, deterministic=True), 0.5)
    assert plan is start


def test_deterministic_work_is_counted_at_most_at_the_searchs_limit():
    """A search stopped by its work limit reports a little more work than the limit, and not
    always the same amount for the same search; the clock counts the limit, so that the budgets
    after it repeat. A search that ends early counts what it did; in wall-clock mode the work is
    only recorded."""
    from types import SimpleNamespace

    class Stopped:
        def __init__(self, work, limit):
            self.parameters = SimpleNamespace(max_deterministic_time=limit)
            self._work = work

        def Solve(self, model, callback=None):
            return 2

        def ResponseProto(self):
            return SimpleNamespace(deterministic_time=self._work)

        def StopSearch(self):
            pass

    clock = Clock(60, deterministic=True)
    clock.solve(Stopped(0.88, 0.8), None)
    assert clock.work == pytest.approx(0.8)
    clock.solve(Stopped(0.3, 0.8), None)
    assert clock.work == pytest.approx(1.1)
    wall = Clock(60)
    wall.solve(Stopped(0.88, 0.8), None)
    assert wall.work == pytest.approx(0.88)


def test_one_group_of_more_than_six_clients_gets_its_steps_before_the_joint_search(sm, monkeypatch):
    """A single group above ONE_GROUP_MIN_CLIENTS goes through its descent step (the guided
    search) before the joint search, within ONE_GROUP_SHARE of the time; two clients go straight
    to the joint search, which proves them faster, and their plan keeps every rule."""
    import optimizer.search.solve as solve_module

    class Reached(Exception):
        pass

    calls: list[tuple[int, float]] = []

    def spy(roster, sm_, cal, cms, plan, windows, clock, until, **kw):
        calls.append((len(roster.clients), until))
        raise Reached  # the step itself is tested above; here only who gets one

    monkeypatch.setattr(solve_module, "improve_group_by_group", spy)
    base = tiny_roster(7)
    seven = replace(base, groups={"G1": replace(base.groups["G1"], max_size=8)})
    with pytest.raises(Reached):
        solve(seven, sm, time_limit_s=6, deterministic=True)
    two = tiny_roster(2)
    result = solve(two, sm, time_limit_s=6, deterministic=True)
    assert result.plan is not None and validate(two, sm, result.plan).ok
    assert calls == [(7, pytest.approx(solve_module.ONE_GROUP_SHARE * 6))]


def test_a_steps_search_gets_a_second_but_never_runs_past_the_time_limit():
    """Clock.step_solver: building and hinting may take a step's share, so its search still
    gets a second; a step begun near the end searches only until the limit, and not at all
    once it is reached (a step had overrun the example's 40 s by 1.4-2 s)."""
    clock = Clock(40.0, deterministic=True)

    def seconds(wanted: float) -> float | None:
        solver = clock.step_solver(wanted)
        return None if solver is None else solver.parameters.max_deterministic_time / WORK_PER_SECOND

    clock.work = 30.0 * WORK_PER_SECOND
    assert seconds(5.0) == pytest.approx(5.0) and seconds(0.2) == pytest.approx(1.0)
    clock.work = 39.5 * WORK_PER_SECOND
    assert seconds(5.0) == pytest.approx(0.5)
    clock.work = 41.0 * WORK_PER_SECOND
    assert seconds(5.0) is None


def test_each_groups_part_of_the_cost_counts_once(sm):
    """decompose.excess_by_group with bounds of 0: every soft-rule cost of the plan falls to one
    group (its clients', its own, or S-LOAD of a person whose busiest week its relaxation bounds),
    so the parts add up to the plan's cost; a part never falls below 0 above its bound."""
    from optimizer.checks.costs import objective
    from optimizer.search.decompose import excess_by_group
    from optimizer.search.lower_bound import GroupBounds, load_owners

    roster, _, cms, start = greedy_two_groups(sm)
    owners = load_owners(roster, cms)
    parts = excess_by_group(roster, sm, start, DEFAULT_RUN, GroupBounds(by_group={"G1": 0.0, "G2": 0.0}, owners=owners))
    assert sum(parts.values()) == objective(roster, sm, start) > 0
    above = excess_by_group(roster, sm, start, DEFAULT_RUN, GroupBounds(by_group={"G1": 1e9, "G2": 0.0}, owners=owners))
    assert above == {"G1": 0.0, "G2": parts["G2"]}


def test_a_round_gives_its_time_to_the_group_farthest_above_its_bound(sm, monkeypatch):
    """EXCESS_SHARES: with each group's bound, a group far above its bound gets the share its
    distance weighs (to EXCESS_POWER) against a group at its bound, which weighs EXCESS_FLOOR; without bounds the
    groups share evenly. (The steps here take no time, so the last group of a round gets all
    that is left: the first group's share is the one compared.)"""
    from optimizer.search import decompose
    from optimizer.search.lower_bound import GroupBounds, load_owners
    from optimizer.search.plan_parts import Step

    roster, cal, cms, start = greedy_two_groups(sm)
    owners = load_owners(roster, cms)
    parts = decompose.excess_by_group(roster, sm, start, DEFAULT_RUN,
                                      GroupBounds(by_group={"G1": 0.0, "G2": 0.0}, owners=owners))
    floor, far = decompose.EXCESS_FLOOR, parts["G1"]
    assert far > floor
    given: dict[str, float] = {}

    def step(roster, sm, cal, cms, plan, gid, windows, clock, seconds, *args):
        given[gid] = seconds
        return Step(None, True)  # proven: each group once

    monkeypatch.setattr(decompose, "_replan_group", step)
    monkeypatch.setattr(decompose, "MAX_SECONDS_PER_GROUP", 1e9)
    bounds = GroupBounds(by_group={"G1": 0.0, "G2": parts["G2"]}, owners=owners)  # G1 `far` above, G2 at its bound
    decompose.improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm), Clock(1000), 100,
                                     caseloads=False, bounds=bounds)
    far, floor = far ** decompose.EXCESS_POWER, floor ** decompose.EXCESS_POWER
    assert given["G1"] == pytest.approx(100 * far / (far + floor), rel=0.02)
    given.clear()
    decompose.improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm), Clock(1000), 100,
                                     caseloads=False)
    assert given["G1"] == pytest.approx(50.0, rel=0.02)


def test_leader_collisions_pair_a_clients_group_with_the_group_its_case_manager_leads_in_its_costs_days(
        sm, monkeypatch):
    """PAIR_STEPS: a client's practice-visit cost (COLLISION_RULES) whose days hold a day on which
    its case manager leads another group pairs the two groups, the dearest pair first; other
    rules, days outside the cost's span and the client's own group make no pair."""
    from optimizer.checks.costs import CostItem
    from optimizer.core.plan import Event
    from optimizer.search import decompose

    roster = two_groups()  # L1 leads G1 and G2 and is the case manager of B2 (G2)
    cms = {cid: c.case_manager for cid, c in roster.clients.items()}
    assert cms["B2"] == "L1" and roster.clients["B2"].group_id == "G2"
    plan = Plan()
    for d in (date(2027, 5, 3), date(2027, 5, 4)):
        plan.events.append(Event(d, "group_day", "deep", "G1", None, ("L1",)))
    plan.events.append(Event(date(2027, 5, 5), "group_day", "deep", "G2", None, ("L1",)))
    items = [
        CostItem("S-WP-ORDER", "B2", date(2027, 5, 10), 3, "cost_last_visit_early",
                 span=(date(2027, 4, 26), date(2027, 5, 10))),
        CostItem("S-SPREAD", "B2", date(2027, 5, 4), 1, "cost_gap", span=(date(2027, 5, 4), date(2027, 5, 4))),
        CostItem("S-RHYTHM", "B2", date(2027, 5, 4), 9, "cost_deep_wait", span=(date(2027, 5, 1), date(2027, 5, 9))),
        CostItem("S-SPREAD", "B2", date(2027, 6, 1), 1, "cost_gap", span=(date(2027, 6, 1), date(2027, 6, 1))),
    ]
    monkeypatch.setattr(decompose, "soft_items", lambda *args: items)
    w = sm.weights
    assert decompose.leader_collisions(roster, sm, cms, plan, DEFAULT_RUN) == [
        (3 * w["S-WP-ORDER"] + w["S-SPREAD"], frozenset({"G1", "G2"}))]


def test_a_pair_step_follows_the_groups_steps_and_waits_once_proven(sm, monkeypatch):
    """PAIR_STEPS: on a roster of PAIR_MIN_GROUPS groups or more, in a search of PAIR_MIN_LIMIT_S or
    more, each round's group steps are followed by a step over each colliding pair
    (leader_collisions); a pair proven optimal around the rest is not searched again until the
    plan changes. None below PAIR_MIN_GROUPS or in a shorter search. (Fake
    steps: G1 is proven in its second step, G2 and the pair in their first.)"""
    from optimizer.search import decompose
    from optimizer.search.plan_parts import Step

    roster, cal, cms, start = greedy_two_groups(sm)
    pair = frozenset({"G1", "G2"})
    calls: list[object] = []

    def group_step(roster, sm, cal, cms, plan, gid, *args):
        calls.append(gid)
        return Step(None, gid == "G2" or calls.count("G1") > 1)

    def pair_step(roster, sm, cal, cms, plan, groups, *args):
        calls.append(groups)
        return Step(None, True)

    monkeypatch.setattr(decompose, "_replan_group", group_step)
    monkeypatch.setattr(decompose, "_replan_pair", pair_step)
    monkeypatch.setattr(decompose, "leader_collisions", lambda *args: [(10.0, pair)])

    def descent(limit: float = 1000.0) -> list[object]:
        calls.clear()
        decompose.improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm), Clock(limit), 100,
                                         caseloads=False)
        return list(calls)

    monkeypatch.setattr(decompose, "PAIR_MIN_GROUPS", 2)
    assert descent() == ["G1", "G2", pair, "G1"]
    assert descent(decompose.PAIR_MIN_LIMIT_S - 1) == ["G1", "G2", "G1"]  # a shorter search: none
    monkeypatch.setattr(decompose, "PAIR_MIN_GROUPS", 3)
    assert descent() == ["G1", "G2", "G1"]


def test_a_pair_step_keeps_every_rule_and_never_raises_the_cost(sm):
    """_replan_pair: both groups planned again together around the rest, from their part of
    the plan: a plan it returns keeps every rule and costs less."""
    from optimizer.checks.costs import objective
    from optimizer.search import decompose

    roster, cal, cms, start = greedy_two_groups(sm)
    step = decompose._replan_pair(roster, sm, cal, cms, start, frozenset({"G1", "G2"}), SearchWindows.focused(sm),
                                  Clock(600, deterministic=True), 3.0, DEFAULT_RUN)
    assert step.plan is not None  # the greedy plan leaves room
    assert validate(roster, sm, step.plan).ok
    assert objective(roster, sm, step.plan) < objective(roster, sm, start)


def test_the_first_round_ends_with_the_caseloads_whose_week_stands_above_the_joint_solutions(sm, monkeypatch):
    """CASELOADS_BY_LOADS (S-LOAD): where the descent knows each person's busiest week in the
    joint relaxation's best solution (GroupBounds.loads) and the plan stands above that solution
    mostly in those weeks, its first round ends with the caseload steps of the people whose
    busiest week in the plan holds more hours, the most hours above first; a person at their
    hours waits for the later rounds. Where the groups' parts stand farther above theirs, or
    without those weeks, the first round has the groups' steps alone."""
    from optimizer.checks.costs import staff_week_minutes
    from optimizer.search import decompose
    from optimizer.search.lower_bound import GroupBounds, load_owners
    from optimizer.search.plan_parts import Step

    roster, cal, cms, start = greedy_two_groups(sm)
    busiest: dict[str, int] = {}
    for (s, _), minutes in staff_week_minutes(sm, start).items():
        busiest[s] = max(busiest.get(s, 0), -(-minutes // 60))
    people = sorted(set(cms.values()))
    one_above, three_above = people  # the leader and the other case manager
    loads = {one_above: busiest[one_above] - 1, three_above: busiest[three_above] - 3}
    assert decompose.above_their_loads(sm, start, loads, set(people)) == {three_above: 3, one_above: 1}
    calls: list[str] = []

    def group_step(roster, sm, cal, cms, plan, gid, *args):
        calls.append(gid)
        return Step(None, True)

    def caseload_step(roster, sm, cal, cms, plan, staff_id, *args):
        calls.append(staff_id)
        return Step(None, True)

    monkeypatch.setattr(decompose, "_replan_group", group_step)
    monkeypatch.setattr(decompose, "replan_caseload", caseload_step)
    owners = load_owners(roster, cms)
    parts = decompose.excess_by_group(roster, sm, start, DEFAULT_RUN,
                                      GroupBounds(by_group={"G1": 0.0, "G2": 0.0}, owners=owners))
    # The groups' parts at the solution's: the plan stands above it in the weeks alone.
    at_parts = GroupBounds(by_group=parts, owners=owners, loads=loads)

    counted = decompose.excess_by_group

    def excess_by_group(*args):
        calls.append("|")  # once a round at least (and in the first round's choice of people)
        return counted(*args)

    monkeypatch.setattr(decompose, "excess_by_group", excess_by_group)

    def rounds(bounds: GroupBounds) -> list[list[str]]:
        calls.clear()
        decompose.improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm), Clock(1000), 100,
                                         bounds=bounds)
        return [r.split() for r in " ".join(calls).split("|") if r.strip()]

    def first_round(bounds: GroupBounds) -> list[str]:
        return rounds(bounds)[0]

    assert first_round(at_parts) == ["G1", "G2", three_above, one_above]
    # One at their hours: the other alone, and the one at their hours in the second round.
    assert rounds(replace(at_parts, loads={**loads, one_above: busiest[one_above]})) == [
        ["G1", "G2", three_above], [one_above]]
    # The groups' parts far above the solution's (their targets 0): their steps alone first.
    assert first_round(replace(at_parts, by_group={"G1": 0.0, "G2": 0.0})) == ["G1", "G2"]
    assert first_round(replace(at_parts, loads={})) == ["G1", "G2"]
