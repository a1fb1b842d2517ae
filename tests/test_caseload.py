"""The caseload step (optimizer/search/caseload.py): one case manager's clients' visits and calls
planned again across groups, everything else of the plan as it was (R-STAFF-3: the case
manager's own events; R-GROUP-4: who leads a day of the groups the person leads).

Deterministic clocks: whether a step finds a better plan does not depend on the machine's load."""

from __future__ import annotations

from datetime import date

from optimizer.checks.costs import objective
from optimizer.checks.validate import validate
from optimizer.core import plan as P
from optimizer.core.plan import DEFAULT_RUN, Event, Plan
from optimizer.search.caseload import caseload_groups, caseload_order, caseloads_within, replan_caseload
from optimizer.search.model import SearchWindows
from optimizer.search.model.extract import extract_plan
from optimizer.search.plan_parts import hinted_model, reservations_of, sub_roster, union, without_groups
from optimizer.search.solver import Clock

from .test_decompose import greedy_two_groups, two_groups


def outside_caseload(plan: Plan, roster, cms: dict[str, str], staff_id: str) -> tuple[list, list]:
    """What a caseload step of `staff_id` must leave as it is: every event but those of the
    person's clients (a group day's leaders only where the person does not lead the group), and
    every period but the person's clients' getting-ready and follow-up phases, which span their
    visits (and of their start phase, which begins with the first start visit, only the end)."""
    led = {g.group_id for g in roster.groups.values() if staff_id in g.leaders}
    periods: list = [p for p in plan.periods
                     if cms[p.client_id] != staff_id or p.phase not in (P.START, P.READY, P.FOLLOW_UP)]
    periods += [(p.client_id, p.end) for p in plan.periods if cms[p.client_id] == staff_id and p.phase == P.START]
    events = []
    for e in plan.events:
        if e.client_id is not None and cms[e.client_id] == staff_id:
            continue
        if e.kind == P.GROUP_DAY and e.group_id in led:
            events.append((e.date, e.kind, e.phase, e.group_id))
        else:
            events.append(e)
    return sorted(events, key=repr), sorted(periods, key=repr)


def test_a_caseload_step_moves_only_that_persons_clients_and_never_raises_the_cost(sm):
    """From the greedy plan of two groups that share their leader L1 (also a case manager of
    both groups' clients) and the case manager C1: each person's step keeps every rule, changes
    nothing outside that person's caseload, and is returned only when it costs less."""
    roster, cal, cms, plan = greedy_two_groups(sm)
    before = objective(roster, sm, plan)
    improved = []
    for staff_id in sorted(set(cms.values())):
        assert caseload_groups(roster, cms, staff_id) == {"G1", "G2"}
        step = replan_caseload(roster, sm, cal, cms, plan, staff_id, SearchWindows.focused(sm),
                               Clock(60, deterministic=True), 5.0, DEFAULT_RUN)
        if step.plan is None:
            continue
        report = validate(roster, sm, step.plan)
        assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]
        assert objective(roster, sm, step.plan) < before
        assert outside_caseload(step.plan, roster, cms, staff_id) == outside_caseload(plan, roster, cms, staff_id)
        improved.append(staff_id)
    assert improved, "no caseload step improved the greedy plan: the test would not see a wrong neighbourhood"


def test_caseloads_within_a_group_keep_its_periods_and_practices_and_lower_the_cost(sm):
    """Inside one group's model (decompose._replan_group runs them after its own search), each
    case manager's clients' events are searched in turn with everything else fixed: from the
    greedy plan of G1 the cost falls, every rule holds, and the group days and work practices
    stay where they were."""
    roster, cal, cms, plan = greedy_two_groups(sm)
    own, others = without_groups(plan, {"G1"})
    clock = Clock(60, deterministic=True)
    hinted = hinted_model(sub_roster(roster, {"G1"}), sm, cal, cms, own, SearchWindows.focused(sm),
                          reservations_of([others], roster, sm, cal), clock, 5.0, DEFAULT_RUN)
    assert hinted is not None
    solver = caseloads_within(hinted.build, hinted.start.decisions, hinted.start.objective, clock, 10.0)
    assert solver is not None and solver.ObjectiveValue() < hinted.start.objective
    after = union([others, extract_plan(hinted.build, solver)])
    report = validate(roster, sm, after)
    assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]
    assert objective(roster, sm, after) < objective(roster, sm, plan)

    def fixed_part(p: Plan) -> tuple[list, list]:
        days = sorted((e.date, e.group_id) for e in p.events if e.kind == P.GROUP_DAY)
        practices = sorted((x.client_id, x.start, x.end) for x in p.periods if x.phase == P.WORK_PRACTICE)
        return days, practices

    assert fixed_part(after) == fixed_part(plan)


def test_a_person_without_clients_or_groups_has_no_step(sm):
    roster, cal, cms, plan = greedy_two_groups(sm)
    step = replan_caseload(roster, sm, cal, cms, plan, "nobody", SearchWindows.focused(sm),
                           Clock(10, deterministic=True), 1.0, DEFAULT_RUN)
    assert step.plan is None and step.proven


def test_the_person_whose_busiest_week_can_fall_most_comes_first(sm):
    """C1's busiest week (Monday to Thursday: four of its clients' visits, six hours) stands 4.5
    hours above its other week; L1's busiest week holds as much of its clients' work, but its
    other week is as busy, so moving one week's events cannot lower L1's busiest week."""
    roster = two_groups()
    cms = {"A1": "C1", "A2": "L1", "A3": "C1", "B1": "C1", "B2": "L1", "B3": "C1"}

    def visit(day: int, cid: str, staff: str) -> Event:
        return Event(date(2027, 3, day), P.START_VISIT, "start", roster.clients[cid].group_id, cid, (staff,), P.OFFICE)

    events = [visit(d, cid, "C1") for d, cid in ((1, "A1"), (2, "A3"), (3, "B1"), (4, "B3"))]
    events += [visit(8, "A1", "C1")]
    events += [visit(d, "A2", "L1") for d in (1, 2, 3, 4)] + [visit(d, "B2", "L1") for d in (8, 9, 10, 11)]
    order = caseload_order(sm, Plan(events), cms)
    assert order == ["C1", "L1"]


def steps_at_size_limits(sm, monkeypatch, step: str, limit: str, read, until: float) -> tuple[dict, list[set]]:
    """What `read(args)` gives for each call of decompose.`step` in a descent from the greedy plan
    of two groups, with decompose.`limit` one below their number of clients and then at it: the
    case managers, and a set for each limit."""
    from optimizer.search import decompose

    roster, cal, cms, start = greedy_two_groups(sm)
    seen: list = []
    original = getattr(decompose, step)

    def recorded(*args, **kw):
        seen.append(read(args))
        return original(*args, **kw)

    monkeypatch.setattr(decompose, step, recorded)
    out = []
    for value in (len(roster.clients) - 1, len(roster.clients)):
        monkeypatch.setattr(decompose, limit, value)
        seen.clear()
        plan = decompose.improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm),
                                                Clock(60, deterministic=True), until)
        assert validate(roster, sm, plan).ok
        out.append(set(seen))
    return cms, out


def test_the_descent_steps_only_caseloads_of_a_size_it_can_build(sm, monkeypatch):
    """A caseload whose groups hold more clients than CASELOAD_MAX_CLIENTS gets no step (their
    models took seconds to build on L); at the limit, every case manager's caseload gets one."""
    cms, (below, at) = steps_at_size_limits(sm, monkeypatch, "replan_caseload", "CASELOAD_MAX_CLIENTS",
                                            lambda args: args[5], 20)
    assert below == set()
    assert at == set(cms.values())


def test_caseloads_within_a_step_only_up_to_their_roster_size(sm, monkeypatch):
    """Above CASELOADS_WITHIN_MAX_CLIENTS (M's, L's and XL's parts) the group steps keep their
    whole time for their own search; up to it, every step may end with the caseloads within its
    model."""
    _, (below, at) = steps_at_size_limits(sm, monkeypatch, "_replan_group", "CASELOADS_WITHIN_MAX_CLIENTS",
                                          lambda args: args[-1], 5)
    assert below == {False}
    assert at == {True}


def test_caseload_steps_wait_for_the_second_round(sm, monkeypatch):
    """The first round is the groups' own: a caseload's model spans every group its clients are
    in (on the example all three, 5.6 s to build in a 3 s step), and the first round's group
    steps are where the cost falls most. The first round's steps are taken as unproven here, as
    they are on the example in a 30 s search, so that a second round follows."""
    from dataclasses import replace

    from optimizer.search import decompose

    roster, cal, cms, start = greedy_two_groups(sm)
    steps: list[str] = []
    replan_group, replan_caseload = decompose._replan_group, decompose.replan_caseload

    def group_step(*args, **kw):
        steps.append(f"group {args[5]}")
        step = replan_group(*args, **kw)
        return replace(step, proven=False) if len(steps) <= len(roster.groups) else step

    def caseload_step(*args, **kw):
        steps.append(f"caseload {args[5]}")
        return replan_caseload(*args, **kw)

    monkeypatch.setattr(decompose, "_replan_group", group_step)
    monkeypatch.setattr(decompose, "replan_caseload", caseload_step)
    plan = decompose.improve_group_by_group(roster, sm, cal, cms, start, SearchWindows.focused(sm),
                                            Clock(60, deterministic=True), 20)
    assert validate(roster, sm, plan).ok
    groups = [f"group {g}" for g in sorted(roster.groups)]
    assert steps[:2 * len(groups)] == groups + groups  # two rounds of group steps
    assert any(s.startswith("caseload") for s in steps)  # then the caseloads' turn
