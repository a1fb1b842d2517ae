"""solve(roster, service model) -> Result: the one way from domain data to a plan.

Order: choose case managers where the input leaves them empty, build the CP-SAT model with
every group in its agreed start window, solve. When that is proven impossible and some group is
below its minimum size, solve again allowing those groups to postpone (R-GROUP-2): a group is
postponed only when the agreed window admits no plan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from .calendar import Calendar
from .domain import Roster
from .model import Build, NoPlan, Reservations, SearchWindows, build_model
from .model.case_managers import choose_case_managers
from .model.extract import extract_plan, penalty_report
from .plan import Plan
from .service_model import ServiceModel

DEFAULT_TIME_LIMIT_S = 60.0
DEFAULT_SEED = 1
DEFAULT_WORKERS = 2  # one per core: on the example roster 2 workers beat 1, 3, 4 and 8 (see README)
SEQUENTIAL_SHARE = 0.4  # of the time limit, for planning groups one by one before the joint search


@dataclass
class Result:
    status: str  # optimal / feasible / infeasible / unknown (time ran out before any plan)
    plan: Plan | None = None
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    variables: int = 0
    constraints: int = 0
    case_managers: dict[str, str] = field(default_factory=dict)
    penalties: list[tuple[str, str, str, int, int]] = field(default_factory=list)
    reasons: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    postponed: set[str] = field(default_factory=set)

    @property
    def gap(self) -> float | None:
        """(objective - bound) / objective, as the solver reports it."""
        if self.objective is None or self.bound is None:
            return None
        if self.objective == 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / abs(self.objective))

    def penalty_by_rule(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for rule, _, _, _, cost in self.penalties:
            out[rule] = out.get(rule, 0) + cost
        return out


def groups_below_minimum(roster: Roster, sm: ServiceModel) -> frozenset[str]:
    """R-GROUP-2: groups that may postpone their start because they are below the minimum size."""
    return frozenset(
        g.group_id for g in roster.groups.values()
        if 0 < len(roster.clients_of(g.group_id)) < sm.group_min_size(g.max_size)
    )


def _solver(time_limit_s: float, seed: int, workers: int, log: bool) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max(time_limit_s, 1.0)
    p.num_workers = workers
    p.random_seed = seed
    p.log_search_progress = log
    return solver


def reservations_of(plan: Plan, roster: Roster, sm: ServiceModel, cal: Calendar) -> Reservations:
    """The staff minutes, leaders and rooms a plan uses: what later groups must work around."""
    minutes = {"office": sm.num("minutes_office"), "video": sm.num("minutes_video"),
               "site": sm.num("minutes_site"), "phone": sm.num("minutes_phone")}
    out = Reservations()
    for e in plan.events:
        if e.kind.endswith("_due"):
            continue
        d = cal.index(e.date)
        for s in e.staff_ids:
            used = sm.num("minutes_group_day") if e.kind == "group_day" else minutes[e.mode or "office"]
            out.minutes[(s, d)] = out.minutes.get((s, d), 0) + used
            if e.kind == "group_day":
                out.leading.add((s, d))
        room = roster.groups[e.group_id].room if e.kind == "group_day" else None
        if room:
            out.rooms.add((room.casefold(), d))
    return out


def _solution_by_name(b: Build, solver: cp_model.CpSolver) -> dict[str, int]:
    proto = b.m.Proto()
    values = solver.ResponseProto().solution
    return {v.name: values[i] for i, v in enumerate(proto.variables) if v.name}


def plan_groups_one_by_one(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                           windows: SearchWindows, time_limit_s: float, seed: int,
                           workers: int) -> dict[str, int]:
    """Plan each group alone, in order of its start, around the work of the groups before it.

    The result is a solution hint for the whole model (variable name -> value): a good first
    plan in seconds that the joint search then improves. A group that cannot be planned this
    way is left to the joint search.
    """
    hints: dict[str, int] = {}
    reserved = Reservations()
    order = sorted(roster.groups.values(), key=lambda g: (g.start_earliest, g.group_id))
    order = [g for g in order if roster.clients_of(g.group_id)]
    for g in order:
        members = {c.client_id: c for c in roster.clients_of(g.group_id)}
        sub = replace(roster, groups={g.group_id: g}, clients=members)
        try:
            b = build_model(sub, sm, cal, cms, frozenset(), windows, reserved)
        except NoPlan:
            continue
        solver = _solver(time_limit_s / len(order), seed, workers, False)
        if solver.Solve(b.m) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        hints.update(_solution_by_name(b, solver))
        done = reservations_of(extract_plan(b, solver), roster, sm, cal)
        for key, minutes in done.minutes.items():
            reserved.minutes[key] = reserved.minutes.get(key, 0) + minutes
        reserved.leading |= done.leading
        reserved.rooms |= done.rooms
    return hints


def _solve_once(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                allow_postpone: frozenset[str], windows: SearchWindows, time_limit_s: float,
                seed: int, workers: int, log: bool, hints: dict[str, int] | None = None) -> Result:
    started = time.monotonic()
    try:
        b = build_model(roster, sm, cal, cms, allow_postpone, windows)
    except NoPlan as exc:
        return Result("infeasible", reasons=exc.reasons, case_managers=cms,
                      seconds=time.monotonic() - started)
    if hints:
        for i, v in enumerate(b.m.Proto().variables):
            if v.name in hints and len(v.domain) == 2 and v.domain[0] == 0 and v.domain[1] == 1:
                b.m.AddHint(b.m.GetIntVarFromProtoIndex(i), hints[v.name])
    solver = _solver(time_limit_s - (time.monotonic() - started), seed, workers, log)
    status = solver.Solve(b.m)
    proto = b.m.Proto()
    result = Result(
        status={cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
                cp_model.INFEASIBLE: "infeasible"}.get(status, "unknown"),
        seconds=time.monotonic() - started,
        variables=len(proto.variables),
        constraints=len(proto.constraints),
        case_managers=cms,
    )
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result.plan = extract_plan(b, solver)
        result.objective = solver.ObjectiveValue()
        result.bound = solver.BestObjectiveBound()
        result.penalties = penalty_report(b, solver)
        result.postponed = set(result.plan.postponed)
    elif status == cp_model.INFEASIBLE:
        result.reasons = [("model_infeasible", {})]
    return result


def solve(roster: Roster, sm: ServiceModel, time_limit_s: float = DEFAULT_TIME_LIMIT_S,
          seed: int = DEFAULT_SEED, workers: int = DEFAULT_WORKERS, log: bool = False) -> Result:
    """The best plan that keeps every hard rule, within the time limit."""
    started = time.monotonic()
    cal = Calendar(roster)
    try:
        cms = choose_case_managers(roster, sm, time_limit_s=min(10.0, time_limit_s / 4), seed=seed)
    except NoPlan as exc:
        return Result("infeasible", reasons=exc.reasons, seconds=time.monotonic() - started)
    small = groups_below_minimum(roster, sm)
    # Focused search windows first; the service model's wide bounds only when that is proven
    # impossible; postponing small groups (R-GROUP-2) only when the agreed windows admit no plan.
    attempts = [(frozenset(), SearchWindows.focused(sm)), (frozenset(), SearchWindows.wide(sm))]
    if small:
        attempts.append((small, SearchWindows.wide(sm)))
    result = Result("infeasible")
    hints: dict[str, int] = {}
    if len([g for g in roster.groups if roster.clients_of(g)]) > 1:
        hints = plan_groups_one_by_one(roster, sm, cal, cms, attempts[0][1], SEQUENTIAL_SHARE * time_limit_s,
                                       seed, workers)
    for postpone, windows in attempts:
        remaining = max(time_limit_s - (time.monotonic() - started), 5.0)
        attempt = _solve_once(roster, sm, cal, cms, postpone, windows, remaining, seed, workers, log,
                              hints if not postpone else None)
        if attempt.status != "infeasible":
            result = attempt
            break
        if result.status == "infeasible" and not result.reasons:
            result = attempt
    result.seconds = time.monotonic() - started
    return result
