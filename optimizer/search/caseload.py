"""A case manager's caseload planned again across groups (issue 17: a neighbourhood of what
competes for one person).

The groups' descent (optimizer/search/decompose.py) plans one group at a time around the rest,
but a case manager's clients often sit in several groups, and a group leader is also the case
manager of other groups' clients. A person's busiest week (S-LOAD) then holds a block of group
days of one group and the visits and weekly calls of clients of another, and no step of a
single group can move both. This step frees exactly what that person does for clients: every
visit and call of their clients (R-STAFF-3: the case manager's own events, or a substitute's
call), in every group those clients are in, and who leads each day of the groups they lead
(R-GROUP-4). Everything else of those groups (group days, work practices, the other case
managers' events) is fixed where the plan has it, so presolve leaves a small model: on the
example roster each step was proven optimal in 2.6-4.4 s, building the model included, and a
round of them took a 40 s plan from 2,149 to 2,139, below what 600 s of group steps had reached
(2,143). On M1 the same round gained 7 units of 5,178: there the periods decide the cost.

Like every step of the descent, it searches from the plan's own part and is taken only when the
plan's cost falls, so every rule holds throughout.

`caseloads_within` frees the same inside one group's model, which the group's step has built
already: each case manager's search there takes a fraction of a second, so it ends every group
step of the first round, where the step above waits for the second.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from optimizer.checks.costs import staff_week_minutes
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.plan import Plan, RunSettings
from optimizer.core.service_model import ServiceModel
from optimizer.search import stopping
from optimizer.search.model import Build, SearchWindows
from optimizer.search.model.extract import extract_plan
from optimizer.search.plan_parts import Step, hinted_model, reservations_of, sub_roster, union, without_groups
from optimizer.search.solver import Clock
from optimizer.search.warm_start import decision_values, fixed, hint_from_solution

# Less than this left of what caseloads_within was given: no further search starts (the
# example's took 0.13-0.33 s each, every one proven optimal).
MIN_WITHIN_SECONDS = 0.1


def caseload_groups(roster: Roster, cms: dict[str, str], staff_id: str) -> set[str]:
    """The groups of the person's clients and the groups with clients that the person leads."""
    mine = {roster.clients[cid].group_id for cid, cm in cms.items() if cm == staff_id and cid in roster.clients}
    leads = {g.group_id for g in roster.groups.values() if staff_id in g.leaders and roster.clients_of(g.group_id)}
    return mine | leads


def caseload_clients(roster: Roster, cms: dict[str, str], staff_id: str) -> int:
    """How many clients the model of the person's caseload step holds: every client of its groups."""
    return sum(len(roster.clients_of(g)) for g in caseload_groups(roster, cms, staff_id))


def caseload_order(sm: ServiceModel, plan: Plan, cms: dict[str, str]) -> list[str]:
    """The case managers, the one whose busiest week this step can lighten most first: by the
    minutes of their own clients' events in that week, up to how far it stands above their next
    busiest week (a peak shared by two weeks cannot fall by moving one). Then by those minutes
    alone. On the example the leader S01's peak (29 h: four group days, three visits and five
    calls of clients of another group, the next weeks 24 h) came first and gave 7 of the 10
    units a round gained."""
    week_minutes = staff_week_minutes(sm, plan)
    own_minutes = staff_week_minutes(sm, Plan([e for e in plan.events
                                              if e.client_id is not None and cms.get(e.client_id) in e.staff_ids]))
    weeks: dict[str, list[tuple[int, tuple[int, int]]]] = defaultdict(list)
    for (s, week), m in week_minutes.items():
        weeks[s].append((m, week))

    def lighter(s: str) -> tuple[int, int, str]:
        top = sorted(weeks.get(s, []), reverse=True)
        if not top:
            return (0, 0, s)
        (peak, week), second = top[0], (top[1][0] if len(top) > 1 else 0)
        own = own_minutes.get((s, week), 0)
        return (-min(own, peak - second), -own, s)
    return sorted(set(cms.values()), key=lighter)


def replan_caseload(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], plan: Plan,
                    staff_id: str, windows: SearchWindows, clock: Clock, seconds: float,
                    run: RunSettings) -> Step:
    """The visits and calls of `staff_id`'s clients, and who leads the days of the groups the
    person leads, planned again by CP-SAT in about `seconds`, everything else of the plan as it
    is. Step.proven: nothing better exists with the rest as it is (or there is nothing to
    search from)."""
    began = clock.elapsed()
    group_ids = caseload_groups(roster, cms, staff_id)
    if not group_ids:
        return Step(None, True)
    own, others = without_groups(plan, group_ids)
    sub = sub_roster(roster, group_ids)
    reserved = reservations_of([others], roster, sm, cal)
    hinted = hinted_model(sub, sm, cal, cms, own, windows, reserved, clock, seconds, run)
    if hinted is None:
        return Step(None, True)
    b = hinted.build
    free = _freed(b, staff_id)
    kept = {v: value for v, value in hinted.start.decisions.items() if v.Index() not in free}  # type: ignore[union-attr]
    solver = clock.step_solver(seconds - (clock.elapsed() - began))
    if solver is None:  # the time limit is reached
        return Step(None, False)
    with fixed(b, kept):
        status = clock.solve(solver, b.m)
    proven = status == cp_model.OPTIMAL
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.ObjectiveValue() < hinted.start.objective - 0.5:
        return Step(union([others, extract_plan(b, solver)]), proven)
    return Step(None, proven or status == cp_model.INFEASIBLE)


def _freed(b: Build, staff_id: str) -> set[int]:
    """The variable indices a caseload step frees: every event of the person's clients in the
    model, and who leads each day of the model's groups the person leads."""
    free = {v.Index() for cv in b.clients.values() if cv.case_manager == staff_id for v in cv.event_literals()}
    free |= {v.Index() for gv in b.groups.values() if staff_id in gv.lead for v in gv.leader_literals()}
    return free


def caseloads_within(b: Build, decisions: dict[object, int], objective: float, clock: Clock,
                     seconds: float) -> cp_model.CpSolver | None:
    """Each case manager's caseload inside one group's model, as the step above frees it across
    groups, searched in turn in about `seconds` in all, from the solution the model is hinted
    with (`decisions`: its decision literals' values there, at cost `objective`). The step of a
    group (decompose._replan_group) runs this after its own search: the model is built, so each
    search takes a fraction of a second, where a caseload's model across groups took the example
    seconds to build and came only in a second round, which a 40 s search never reaches. Returns
    the solver of the last search that lowered the cost, or None."""
    began = clock.elapsed()
    staff = sorted({cv.case_manager for cv in b.clients.values()})
    better = None
    for k, staff_id in enumerate(staff):
        left = seconds - (clock.elapsed() - began)
        if left < MIN_WITHIN_SECONDS or stopping.requested():
            break
        free = _freed(b, staff_id)
        kept = {v: value for v, value in decisions.items() if v.Index() not in free}  # type: ignore[attr-defined]
        solver = clock.solver(left / (len(staff) - k), light=True, bound=True)
        with fixed(b, kept):
            status = clock.solve(solver, b.m)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.ObjectiveValue() < objective - 0.5:
            objective, better = solver.ObjectiveValue(), solver
            decisions = decision_values(solver, decisions)
            hint_from_solution(b, solver)
    return better
