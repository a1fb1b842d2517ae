"""solve(roster, service model) -> Result: the one way from domain data to a plan.

Order: choose case managers where the input leaves them empty, build the CP-SAT model with
every group in its agreed start window, solve. When that is proven impossible and some group is
below its minimum size, solve again allowing those groups to postpone (R-GROUP-2): a group is
postponed only when the agreed window admits no plan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .calendar import Calendar
from .domain import Roster
from .model import NoPlan, SearchWindows, build_model
from .model.case_managers import choose_case_managers
from .model.extract import extract_plan, penalty_report
from .plan import Plan
from .service_model import ServiceModel

DEFAULT_TIME_LIMIT_S = 60.0
DEFAULT_SEED = 1
DEFAULT_WORKERS = 4  # on the 2-core machines the project runs on, 4 workers beat 2 and 8


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


def _solve_once(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                allow_postpone: frozenset[str], windows: SearchWindows, time_limit_s: float,
                seed: int, workers: int, log: bool) -> Result:
    started = time.monotonic()
    try:
        b = build_model(roster, sm, cal, cms, allow_postpone, windows)
    except NoPlan as exc:
        return Result("infeasible", reasons=exc.reasons, case_managers=cms,
                      seconds=time.monotonic() - started)
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max(time_limit_s - (time.monotonic() - started), 1.0)
    p.num_workers = workers
    p.random_seed = seed
    p.log_search_progress = log
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
    for postpone, windows in attempts:
        remaining = max(time_limit_s - (time.monotonic() - started), 5.0)
        attempt = _solve_once(roster, sm, cal, cms, postpone, windows, remaining, seed, workers, log)
        if attempt.status != "infeasible":
            result = attempt
            break
        if result.status == "infeasible" and not result.reasons:
            result = attempt
    result.seconds = time.monotonic() - started
    return result
