"""The relaxation-guided step of the groups' descent (optimizer/search/guided.py, issue 17).

Every search is deterministic (a Clock in work units), so whether a plan is found does not
depend on how loaded the machine is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest

from optimizer.checks.costs import objective
from optimizer.checks.validate import validate
from optimizer.core import plan as P
from optimizer.core.calendar import Calendar
from optimizer.search import decompose, guided, plan_parts
from optimizer.search.decompose import improve_group_by_group
from optimizer.search.greedy import greedy_plan
from optimizer.search.model import SearchWindows, build_model
from optimizer.search.model.case_managers import choose_case_managers
from optimizer.search.model.extract import extract_plan
from optimizer.search.plan_parts import reservations_of, union, without_groups
from optimizer.search.solver import Clock
from optimizer.search.warm_start import hint_from_plan

from .test_decompose import greedy_two_groups, two_groups


@pytest.fixture(scope="module")
def setting(sm):
    """Two groups sharing their leader and case managers, the greedy plan, and G2 cut out of it
    with what G1 leaves around it."""
    roster = two_groups()
    cal = Calendar(roster)
    cms = choose_case_managers(roster, sm)
    plan = greedy_plan(roster, sm, cal, cms)
    own, others = without_groups(plan, {"G2"})
    sub = replace(roster, groups={"G2": roster.groups["G2"]},
                  clients={c.client_id: c for c in roster.clients_of("G2")})
    reserved = reservations_of([others], roster, sm, cal)
    return SimpleNamespace(roster=roster, cal=cal, cms=cms, own=own, others=others, sub=sub, reserved=reserved)


def test_the_relaxation_around_the_rest_is_below_the_groups_optimum(sm, setting):
    """The periods relaxation of G2 around G1's plan costs no more than the best plan of G2's
    whole model around the same rest (proven optimal here); with the greedy part's placements
    assumed, no more than that part."""
    from ortools.sat.python import cp_model

    x = setting
    cal, cms, own, sub, reserved = x.cal, x.cms, x.own, x.sub, x.reserved
    windows = SearchWindows.focused(sm)
    guide = guided.relaxed_guide(sub, sm, cal, cms, windows, reserved, own, Clock(60, deterministic=True), 10)
    assert guide is not None
    placed = guide.best
    assert set(placed.group_days) == {P.START, P.DEEP, P.FINAL}
    assert set(placed.practices) == set(sub.clients)
    b = build_model(sub, sm, cal, cms, windows=windows, reserved=reserved)
    clock = Clock(120, deterministic=True)
    mine = hint_from_plan(b, own, clock, 30)  # the greedy part, as the group's model counts it
    assert mine is not None
    # With the part's own placements assumed, the relaxation is below the part's cost.
    assert placed.objective <= guide.current <= mine.objective + 1e-6
    solver = clock.solver(60, workers=2)
    assert clock.solve(solver, b.m) == cp_model.OPTIMAL
    assert placed.objective <= solver.ObjectiveValue() + 1e-6


def test_the_whole_model_with_the_placements_fixed_keeps_them_and_every_rule(sm, setting):
    """solve_placed: the group's periods lie where the relaxation put them, and the plan merged
    with the rest keeps every rule (the validator shares no code with the model). The model's
    domains are as before afterwards, and it has no assumptions left."""
    x = setting
    roster, cal, cms, own, others, sub, reserved = x.roster, x.cal, x.cms, x.own, x.others, x.sub, x.reserved
    windows = SearchWindows.focused(sm)
    clock = Clock(120, deterministic=True)
    guide = guided.relaxed_guide(sub, sm, cal, cms, windows, reserved, own, clock, 10)
    assert guide is not None
    placed = guide.best
    b = build_model(sub, sm, cal, cms, windows=windows, reserved=reserved)
    domains = [list(v.domain) for v in b.m.Proto().variables]
    solver = guided.solve_placed(b, "G2", placed, clock, 30)
    assert [list(v.domain) for v in b.m.Proto().variables] == domains
    assert solver is not None
    part = extract_plan(b, solver)
    days = {ph: tuple(sorted(cal.index(e.date) for e in part.events if e.kind == P.GROUP_DAY and e.phase == ph))
            for ph in (P.START, P.DEEP, P.FINAL)}
    assert days == placed.group_days
    merged = union([others, part])
    report = validate(roster, sm, merged)
    assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]
    assert not b.m.Proto().assumptions  # nothing is left on the model for the search after


def test_a_stalled_search_goes_on_from_its_plan_in_the_same_placements(sm, setting):
    """search_on: a search in the placements stopped at its first plan goes on from it, the group
    days where the relaxation put them; the plan costs no more, keeps every rule merged with the
    rest, and the model is left without hints and with its own domains."""
    x = setting
    windows = SearchWindows.focused(sm)
    clock = Clock(120, deterministic=True)
    guide = guided.relaxed_guide(x.sub, sm, x.cal, x.cms, windows, x.reserved, x.own, clock, 10)
    assert guide is not None
    placed = guide.best
    b = build_model(x.sub, sm, x.cal, x.cms, windows=windows, reserved=x.reserved)
    domains = [list(v.domain) for v in b.m.Proto().variables]
    first = guided.solve_placed(b, "G2", placed, Clock(120, deterministic=True, first_only=True), 30)
    assert first is not None
    on = guided.search_on(b, "G2", placed, first, clock, 20)
    assert on.ObjectiveValue() < first.ObjectiveValue()
    assert [list(v.domain) for v in b.m.Proto().variables] == domains
    assert not b.m.Proto().solution_hint.vars
    part = extract_plan(b, on)
    days = {ph: tuple(sorted(x.cal.index(e.date) for e in part.events if e.kind == P.GROUP_DAY and e.phase == ph))
            for ph in (P.START, P.DEEP, P.FINAL)}
    assert days == placed.group_days
    report = validate(x.roster, sm, union([x.others, part]))
    assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]


@pytest.mark.parametrize("objective, bound, expected", [(1000, 500, True), (1000, 800, False), (0, 0, False)])
def test_a_search_has_stalled_when_its_plan_is_far_above_its_bound(objective, bound, expected):
    solver = SimpleNamespace(ObjectiveValue=lambda: objective, BestObjectiveBound=lambda: bound)
    assert guided.stalled(solver) is expected  # type: ignore[arg-type]


def test_the_plans_own_placements_are_read_off_its_rows(sm, setting):
    """Placements.of_plan: the group days of each period and each client's practice, as the
    model's day indices; the relaxation with them assumed costs what the plan's placements force."""
    x = setting
    cal, own, sub = x.cal, x.own, x.sub
    mine = guided.Placements.of_plan(own, "G2", cal)
    assert set(mine.group_days) == {P.START, P.DEEP, P.FINAL}
    assert len(mine.group_days[P.START]) == 3 * sm.num("block_days")
    assert set(mine.practices) == set(sub.clients)
    for p in own.periods:
        if p.phase == P.WORK_PRACTICE:
            assert mine.practices[p.client_id] == (cal.index(p.start), cal.index(p.end))
    assert guided.Placements.of_plan(own, "G1", cal).group_days == {}


def test_the_guided_descent_keeps_every_rule_and_never_raises_the_cost(sm, monkeypatch):
    """With guided steps for two groups and any promise, each
    group's first step is guided; the plan keeps every rule and costs less than the greedy start."""
    roster, cal, cms, start = greedy_two_groups(sm)
    calls: list[str] = []
    solve_placed = decompose.solve_placed

    def counted(b, group_id, *args, **kw):
        calls.append(group_id)
        return solve_placed(b, group_id, *args, **kw)

    monkeypatch.setattr(decompose, "GUIDED_MIN_PROMISE", 0.0)
    monkeypatch.setattr(decompose, "solve_placed", counted)
    better = improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm),
                                    Clock(60, deterministic=True), 20)
    assert calls and set(calls) <= {"G1", "G2"}
    report = validate(roster, sm, better)
    assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]
    assert objective(roster, sm, better) < objective(roster, sm, start)


def test_a_failed_guide_is_reported_when_the_steps_own_search_improves(sm, monkeypatch):
    """Step.guide_failed: the guided search found nothing better, the step's own search did; the
    descent must still learn that guiding this group failed (it is not guided again)."""
    from optimizer.core.plan import DEFAULT_RUN

    roster, cal, cms, start = greedy_two_groups(sm)
    monkeypatch.setattr(decompose, "GUIDED_MIN_PROMISE", float("-inf"))
    monkeypatch.setattr(decompose, "solve_placed", lambda *args, **kw: None)
    step = decompose._replan_group(roster, sm, cal, cms, start, "G2", SearchWindows.focused(sm),
                                   Clock(60, deterministic=True), 10, DEFAULT_RUN, True)
    assert step.plan is not None and objective(roster, sm, step.plan) < objective(roster, sm, start)
    assert step.guide_failed


def test_no_guide_when_the_plans_own_placements_are_not_proven_in_the_relaxation(sm, setting):
    """The promise is the relaxation with the plan's placements assumed less its best: when the
    first is not proven in time, the promise is unknown and the group is not guided (it was once
    counted as infinite, which let any group through the GUIDED_MIN_PROMISE filter)."""
    from ortools.sat.python import cp_model

    x = setting

    class SecondSolveUnproven(Clock):
        calls = 0

        def solve(self, solver, model, callback=None):
            status = super().solve(solver, model, callback)
            self.calls += 1
            return cp_model.FEASIBLE if self.calls == 2 else status

    windows = SearchWindows.focused(sm)
    clock = SecondSolveUnproven(60, deterministic=True)
    assert guided.relaxed_guide(x.sub, sm, x.cal, x.cms, windows, x.reserved, x.own, clock, 10) is None
    assert clock.calls == 2
    # The same solves proven: a guide.
    assert guided.relaxed_guide(x.sub, sm, x.cal, x.cms, windows, x.reserved, x.own,
                                Clock(60, deterministic=True), 10) is not None


def test_a_deterministic_guided_step_ends_at_its_guided_plan(sm, monkeypatch):
    """In deterministic mode a guided plan that costs less than the group's part is the step: no
    search follows it from its solution. That search (interleaved workers, a full hint) stopped
    at its work limit with a plan and a count of work that differed between runs of the same
    input (a generated roster of four groups: 1,489 and 1,485 after the same 12 units), and
    every budget after it drifted. The part is counted dear here so that the guided plan is the
    cheaper. The descent then repeats: the same plan and the same work in two runs."""
    from optimizer.core.plan import DEFAULT_RUN
    from optimizer.search.warm_start import Start

    roster, cal, cms, start = greedy_two_groups(sm)
    solves: list[str] = []
    solve_placed, hinted = decompose.solve_placed, plan_parts.hint_from_plan

    def placed(*args, **kw):
        found = solve_placed(*args, **kw)
        solves.append("placed")
        return found

    def dear(*args, **kw):
        found = hinted(*args, **kw)
        return found and Start(found.objective + 1_000, found.penalties)

    class Counting(Clock):
        def solve(self, solver, model, callback=None):
            solves.append("solve")
            return super().solve(solver, model, callback)

    monkeypatch.setattr(decompose, "GUIDED_MIN_PROMISE", float("-inf"))
    monkeypatch.setattr(decompose, "solve_placed", placed)
    with monkeypatch.context() as m:
        m.setattr(plan_parts, "hint_from_plan", dear)
        step = decompose._replan_group(roster, sm, cal, cms, start, "G2", SearchWindows.focused(sm),
                                       Counting(60, deterministic=True), 10, DEFAULT_RUN, True)
    assert step.plan is not None and not step.guide_failed
    assert solves[-1] == "placed"  # no search after the guided one
    report = validate(roster, sm, step.plan)
    assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]

    runs = []
    for _ in range(2):
        clock = Clock(60, deterministic=True)
        plan = improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm), clock, 12)
        runs.append((sorted((e.kind, e.date, e.client_id, e.staff_ids) for e in plan.events), clock.work))
    assert runs[0] == runs[1]


def groups_sharing_their_leader_placed_together(sm):
    """G1 and G2 share their only leader L1 and their start window, and the relaxation of both
    in one model has placed them (lower_bound.joint_bound)."""
    from optimizer.search.lower_bound import joint_bound

    base = two_groups(2)
    roster = replace(base, groups={**base.groups, "G2": replace(base.groups["G2"], start_earliest=date(2027, 2, 1),
                                                                  start_latest=date(2027, 3, 1))})
    cal = Calendar(roster)
    cms = choose_case_managers(roster, sm, deterministic=True)
    clock = Clock(60, deterministic=True)
    windows = SearchWindows.focused(sm)
    relaxation = joint_bound(roster, sm, cal, cms, windows, clock, 20)
    assert set(relaxation.placements) == {"G1", "G2"}
    return roster, cal, cms, windows, clock, relaxation


@pytest.mark.parametrize("reserve", [0.0, 5.0])
def test_a_plan_in_the_joint_relaxations_placements_keeps_every_rule(sm, monkeypatch, reserve):
    # Every group's search counts as stalled here (guided.stalled): with a reserve each goes on
    # from its plan (search_on) within it, without one none does.
    monkeypatch.setattr(guided, "STALL_MIN_GAP", -1.0)
    went_on = []
    search_on = guided.search_on

    def counted(b, group_id, placements, solver, clock, seconds):
        began = clock.elapsed()
        found = search_on(b, group_id, placements, solver, clock, seconds)
        went_on.append(clock.elapsed() - began)
        return found

    monkeypatch.setattr(guided, "search_on", counted)
    # R-GROUP-4: G1 and G2 share their only leader L1 and start window, so their start periods
    # cannot share a week. The relaxation of both groups in one model places them apart, and
    # the plan made group by group in those placements keeps them there, G2's visits planned
    # around G1's plan and G1's visits around G2's group days. It keeps every rule and costs no
    # less than the relaxation's bound.
    roster, cal, cms, windows, clock, relaxation = groups_sharing_their_leader_placed_together(sm)
    plan = guided.plan_in_placements(roster, sm, cal, cms, relaxation.group_days, relaxation.placements, windows,
                                     clock, 20, P.DEFAULT_RUN, reserve)
    assert plan is not None
    assert (len(went_on) > 0) == (reserve > 0) and sum(went_on) <= reserve  # in the time counted
    report = validate(roster, sm, plan)
    assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]
    assert objective(roster, sm, plan) >= relaxation.bound > 0
    for gid, placed in relaxation.placements.items():
        days = {e.date for e in plan.events if e.kind == P.GROUP_DAY and e.group_id == gid}
        assert days == {cal.date(d) for phase_days in placed.group_days.values() for d in phase_days}
    starts = [min(e.date for e in plan.events if e.kind == P.GROUP_DAY and e.group_id == g) for g in ("G1", "G2")]
    # No week holds two 4-day blocks of one leader: the second start period begins three weeks on.
    assert abs((starts[0] - starts[1]).days) >= 21


def test_a_stalled_search_leaves_the_later_groups_their_shares(sm, monkeypatch):
    # The reserve of the stalled searches goes only to what the later groups' shares leave
    # before the time limit: with the limit at the end of the plan's own 20 s, G1's search does
    # not go on and G2, the last, still has its share for its plan and may go on in the rest.
    # On M1 at 47 s two extra shares of G005 had left G006 no time, and no plan came out.
    monkeypatch.setattr(guided, "STALL_MIN_GAP", -1.0)
    went_on = []
    search_on = guided.search_on

    def counted(b, group_id, placements, solver, clock, seconds):
        went_on.append(group_id)
        return search_on(b, group_id, placements, solver, clock, seconds)

    monkeypatch.setattr(guided, "search_on", counted)
    roster, cal, cms, windows, clock, relaxation = groups_sharing_their_leader_placed_together(sm)
    clock.limit_s = clock.elapsed() + 20
    plan = guided.plan_in_placements(roster, sm, cal, cms, relaxation.group_days, relaxation.placements, windows,
                                     clock, 20, P.DEFAULT_RUN, 10.0)
    assert plan is not None and "G1" not in went_on
    assert {e.group_id for e in plan.events if e.kind == P.GROUP_DAY} == {"G1", "G2"}
    assert validate(roster, sm, plan).ok


def test_the_groups_leave_the_seconds_kept_for_after_them(sm, monkeypatch):
    # `keep`: what solve does after the plan (the busiest weeks' bound, the plan's checks). On
    # M3 at 47 s the last group had once run to 0.6 s before the limit and left the bound's step
    # no time. Every search counts as stalled, so the reserve would take the rest too, and each
    # counts as running to its limit, as on M's groups.
    monkeypatch.setattr(guided, "STALL_MIN_GAP", -1.0)
    solve = Clock.solve

    def to_its_limit(self, solver, model, callback=None):
        status = solve(self, solver, model, callback)
        self.work = max(self.work, self.work - solver.ResponseProto().deterministic_time
                        + solver.parameters.max_deterministic_time)
        return status

    monkeypatch.setattr(Clock, "solve", to_its_limit)
    roster, cal, cms, windows, clock, relaxation = groups_sharing_their_leader_placed_together(sm)
    clock.limit_s = clock.elapsed() + 20
    plan = guided.plan_in_placements(roster, sm, cal, cms, relaxation.group_days, relaxation.placements, windows,
                                     clock, 20, P.DEFAULT_RUN, 10.0, keep=12.0)
    assert plan is not None and validate(roster, sm, plan).ok
    # A step searches for a second at least (Clock.step_solver); work adds up in floating point.
    assert clock.left() >= 12.0 - 1.0 - 1e-9


@pytest.mark.parametrize("reserve", [0.0, 10.0])
def test_a_group_without_a_plan_in_its_share_tries_once_more_from_the_reserve(sm, monkeypatch, reserve):
    # G1's first search in the placements finds nothing (as M3's G002 once did in 4.3 s at 47 s):
    # with a reserve it searches once more in the same placements and keeps them; without one it
    # falls back to its own search around the rest.
    calls = []
    solve_placed = guided.solve_placed

    def first_finds_nothing(b, group_id, placements, clock, seconds):
        calls.append(group_id)
        return None if calls.count(group_id) == 1 and group_id == "G1" else solve_placed(
            b, group_id, placements, clock, seconds)

    monkeypatch.setattr(guided, "solve_placed", first_finds_nothing)
    roster, cal, cms, windows, clock, relaxation = groups_sharing_their_leader_placed_together(sm)
    plan = guided.plan_in_placements(roster, sm, cal, cms, relaxation.group_days, relaxation.placements, windows,
                                     clock, 20, P.DEFAULT_RUN, reserve)
    assert plan is not None and validate(roster, sm, plan).ok
    assert calls.count("G1") == (2 if reserve else 1)
    if reserve:
        days = {cal.index(e.date) for e in plan.events if e.kind == P.GROUP_DAY and e.group_id == "G1"}
        assert days == {d for phase_days in relaxation.placements["G1"].group_days.values() for d in phase_days}


def test_a_day_overfilled_with_the_later_groups_days_counts(sm):
    # guided.overfilled_by, R-STAFF-2: L1 visits a G2 client (the group planned first) and a G1
    # client on one day on which L1 also leads a later group's day (`ahead`). Two visits fit
    # the day; with the group day they do not, and G1, the group with work that day, is named.
    # Counting without the later groups' days had once named no group where one overfilled it.
    roster = two_groups()
    cal = Calendar(roster)
    day = date(2027, 5, 4)
    visit = sm.event_minutes(P.READY_VISIT, P.OFFICE)
    assert 2 * visit <= sm.num("day_minutes") < 2 * visit + sm.event_minutes(P.GROUP_DAY, None)
    mine = P.Plan([P.Event(day, P.READY_VISIT, P.READY, "G2", "B2", ("L1",), P.OFFICE)])
    done = {"G1": P.Plan([P.Event(day, P.READY_VISIT, P.READY, "G1", "A2", ("L1",), P.OFFICE),
                          P.Event(day, P.READY_VISIT, P.READY, "G1", "A1", ("C1",), P.OFFICE)])}
    later = P.Plan([P.Event(day, P.GROUP_DAY, P.DEEP, "G2", None, ("L1",))])
    assert guided.overfilled_by(roster, sm, cal, mine, done, P.Plan()) == []
    assert guided.overfilled_by(roster, sm, cal, mine, done, later) == ["G1"]


def first_in_line_setting(sm):
    """G1 planned in the joint relaxation's placements, and what G2, the later group, needs."""
    roster, cal, cms, windows, clock, relaxation = groups_sharing_their_leader_placed_together(sm)
    plan = guided.plan_in_placements(roster, sm, cal, cms, relaxation.group_days, relaxation.placements, windows,
                                     clock, 20, P.DEFAULT_RUN)
    assert plan is not None
    done = {"G1": without_groups(plan, {"G2"})[1]}
    return roster, cal, cms, windows, clock, relaxation, done


@pytest.mark.parametrize("g1_again", [True, False])
def test_a_group_first_in_line_keeps_every_rule_with_those_planned_again(sm, monkeypatch, g1_again):
    # guided.first_in_line: G2 planned in its placements around G1's group days alone, then G1,
    # named as overfilling a day beside it, planned again in its own placements around G2's
    # plan. Where G1 has no plan beside it (g1_again False), G1 keeps its plan and G2 is planned
    # again around all of it, with nothing left to plan again. Either way the plans keep every
    # rule together, each group in its placements, G2's practices included.
    roster, cal, cms, windows, clock, relaxation, done = first_in_line_setting(sm)
    monkeypatch.setattr(guided, "overfilled_by", lambda *args: ["G1"])
    solve_placed = guided.solve_placed
    monkeypatch.setattr(guided, "solve_placed", lambda b, group_id, *args: None if group_id == "G1" and not g1_again
                        else solve_placed(b, group_id, *args))
    around = {}
    group_model = guided.group_model

    def recorded(roster, sm, cal, cms, group_id, plans, *args):
        b = group_model(roster, sm, cal, cms, group_id, plans, *args)
        around[group_id] = b.reserved if b is not None else None
        return b

    monkeypatch.setattr(guided, "group_model", recorded)
    ahead = P.Plan()
    first = guided.first_in_line(roster, sm, cal, cms, "G2", relaxation.placements, done, ahead, windows, clock, 10,
                                 P.DEFAULT_RUN)
    assert first is not None and set(first) == ({"G1", "G2"} if g1_again else {"G2"})
    # The group planned last in line was planned around the minutes of the other's plan.
    last, other = ("G1", first["G2"]) if g1_again else ("G2", done["G1"])
    for key, minutes in reservations_of([other], roster, sm, cal).minutes.items():
        assert around[last].minutes.get(key, 0) >= minutes
    plan = union([first.get("G1", done["G1"]), first["G2"]])
    report = validate(roster, sm, plan)
    assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]
    for gid, placed in relaxation.placements.items():
        assert guided.Placements.of_plan(plan, gid, cal).group_days == placed.group_days
    assert guided.Placements.of_plan(plan, "G2", cal).practices == relaxation.placements["G2"].practices


def test_a_group_whose_practices_find_no_plan_goes_first_where_that_costs_less(sm, monkeypatch):
    # plan_in_placements: G2's search in its placements finds a plan with its group days alone
    # (its practices had no plan around G1's visits, as L1's G011 in four runs of six). It then
    # goes first (first_in_line), its practices where the relaxation put them, and the cheaper of
    # the two plans is kept.
    roster, cal, cms, windows, clock, relaxation = groups_sharing_their_leader_placed_together(sm)
    holds_practices = guided.holds_practices
    refused = [True]
    monkeypatch.setattr(guided, "holds_practices", lambda b, group_id, *args: not (group_id == "G2" and refused[0])
                        and holds_practices(b, group_id, *args))
    went_first = []
    first_in_line = guided.first_in_line

    def first(*args):
        refused[0] = False
        went_first.append(first_in_line(*args))
        refused[0] = True
        return went_first[-1]

    monkeypatch.setattr(guided, "first_in_line", first)
    plan = guided.plan_in_placements(roster, sm, cal, cms, relaxation.group_days, relaxation.placements, windows,
                                     clock, 20, P.DEFAULT_RUN)
    assert plan is not None and len(went_first) == 1 and went_first[0] is not None
    assert validate(roster, sm, plan).ok
    # Both plans whole (G2 is the last group): the one kept costs no more than the first in line's.
    (g1,) = [gid for gid in relaxation.placements if gid != "G2"]
    first_plan = union([went_first[0].get(g1, without_groups(plan, {"G2"})[1]), went_first[0]["G2"]])
    assert objective(roster, sm, plan) <= objective(roster, sm, first_plan)
    assert guided.Placements.of_plan(first_plan, "G2", cal).practices == relaxation.placements["G2"].practices
