"""solve(roster, service model) -> Result: the one way from domain data to a plan.

Order: choose case managers where the input leaves them empty, build the CP-SAT model with
every group in its agreed start window, solve. When that is proven impossible and some group is
below its minimum size, solve again allowing those groups to postpone (R-GROUP-2): a group is
postponed only when the agreed window admits no plan.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from . import stopping
from .calendar import Calendar
from .decompose import GroupByGroup, plan_groups_one_by_one
from .domain import Roster
from .model import Build, NoPlan, SearchWindows, build_model
from .model.case_managers import choose_case_managers
from .model.extract import extract_plan, penalty_report
from .plan import Plan
from .service_model import ServiceModel
from .solver import new_solver

DEFAULT_TIME_LIMIT_S = 60.0
DEFAULT_SEED = 1
DEFAULT_WORKERS = 2  # one per core: on the example roster 2 workers beat 1, 3, 4 and 8 (see README)
SEQUENTIAL_SHARE = 0.25  # of the time limit, for planning groups one by one before the joint search
LAST_GROUP_SHARE = 0.85  # planning groups one by one may run this far into the time limit to finish
JOINT_MIN_SECONDS, JOINT_MIN_SHARE = 8.0, 0.2  # less time than this left: the joint search is skipped


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


ProgressFn = Callable[[float, float, float], None]


class _Progress(cp_model.CpSolverSolutionCallback):
    """Tells `progress(seconds in this search, objective, bound)` of every better plan found."""

    def __init__(self, progress: ProgressFn) -> None:
        super().__init__()
        self.progress = progress
        self.started = time.monotonic()

    def on_solution_callback(self) -> None:
        self.progress(time.monotonic() - self.started, self.ObjectiveValue(), self.BestObjectiveBound())


def running_sums(b: Build, plan: Plan) -> dict[str, int]:
    """Values of the work-practice running sums for a plan: which of them exist depends on the
    placements a model sees, so they are computed from the plan's dates, not copied by name."""
    spans = {p.client_id: (b.cal.index(p.start), b.cal.index(p.end))
             for p in plan.periods if p.phase == "work_practice"}
    out = {}
    for cid, cv in b.clients.items():
        if cid not in spans:
            continue
        first, last = spans[cid]
        for d, kind, var in cv.running:
            out[var.Name()] = int(first <= d) if kind == "started" else int(last < d)
    return out


def _solve_once(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                allow_postpone: frozenset[str], windows: SearchWindows, time_limit_s: float,
                seed: int, workers: int, log: bool, hints: dict[str, int] | None = None,
                plan_hint: Plan | None = None, progress: ProgressFn | None = None) -> Result:
    started = time.monotonic()
    try:
        b = build_model(roster, sm, cal, cms, allow_postpone, windows)
    except NoPlan as exc:
        return Result("infeasible", reasons=exc.reasons, case_managers=cms,
                      seconds=time.monotonic() - started)
    if hints and plan_hint is not None:
        hints = dict(hints)
        hints.update(running_sums(b, plan_hint))
        # A variable the group-by-group plan does not name is a placement or visit it did not
        # choose (the joint model sees more of them): 0, so that the hint is complete.
        for i, v in enumerate(b.m.Proto().variables):
            value = hints.get(v.name, 0 if v.domain[0] <= 0 <= v.domain[-1] else v.domain[0])
            b.m.AddHint(b.m.GetIntVarFromProtoIndex(i), value)
    solver = new_solver(max(time_limit_s - (time.monotonic() - started), 1.0), seed, workers, log)
    if stopping.requested():
        return Result("unknown", case_managers=cms, seconds=time.monotonic() - started)
    with stopping.running(solver):
        status = solver.Solve(b.m, _Progress(progress) if progress else None)
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


def _since(started: float, progress: ProgressFn | None) -> ProgressFn | None:
    """The progress function with seconds counted from the start of `solve`."""
    if progress is None:
        return None
    offset = time.monotonic() - started
    return lambda seconds, objective, bound: progress(offset + seconds, objective, bound)


def _from_parts(parts: GroupByGroup, joint: Result) -> Result:
    plan = parts.plan()
    return Result("feasible", plan=plan, objective=parts.objective, bound=None, variables=joint.variables,
                  constraints=joint.constraints, case_managers=joint.case_managers,
                  penalties=parts.penalties, postponed=set(plan.postponed))


def solve(roster: Roster, sm: ServiceModel, time_limit_s: float = DEFAULT_TIME_LIMIT_S,
          seed: int = DEFAULT_SEED, workers: int = DEFAULT_WORKERS, log: bool = False,
          progress: ProgressFn | None = None) -> Result:
    """The best plan that keeps every hard rule, within the time limit. `progress` hears of
    every better plan of the joint search (seconds since solve began, objective, bound)."""
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
    one_by_one = GroupByGroup()
    if len([g for g in roster.groups if roster.clients_of(g)]) > 1:
        one_by_one = plan_groups_one_by_one(roster, sm, cal, cms, attempts[0][1],
                                            SEQUENTIAL_SHARE * time_limit_s, seed, workers,
                                            deadline=started + LAST_GROUP_SHARE * time_limit_s)
        left = time_limit_s - (time.monotonic() - started)
        if one_by_one.complete and (left < max(JOINT_MIN_SECONDS, JOINT_MIN_SHARE * time_limit_s)
                                    or stopping.requested()):
            # No time left for the joint model to build and improve: a plan is better than none.
            result = _from_parts(one_by_one, Result("feasible", case_managers=cms))
            result.seconds = time.monotonic() - started
            return result
    for k, (postpone, windows) in enumerate(attempts):
        remaining = max(time_limit_s - (time.monotonic() - started), 5.0)
        attempt = _solve_once(roster, sm, cal, cms, postpone, windows, remaining, seed, workers, log,
                              one_by_one.hints(roster, sm, cal) if k == 0 else None,
                              one_by_one.plan() if k == 0 and one_by_one.complete else None,
                              _since(started, progress))
        if k == 0 and attempt.status == "unknown" and one_by_one.complete:
            # The joint search found nothing in time: the group-by-group plan keeps every rule.
            attempt = _from_parts(one_by_one, attempt)
        if attempt.status != "infeasible" or stopping.requested():
            result = attempt
            break
        if result.status == "infeasible" and not result.reasons:
            result = attempt
    result.seconds = time.monotonic() - started
    return result
