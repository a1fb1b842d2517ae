"""Starting a CP-SAT search from a plan made outside it (the greedy plan, another group's search).

Only the plan's decisions can be read off its rows (placements, visits, calls, leaders); the
model's other variables (first and last days, penalty parts, each person's busiest week) follow
from them. CP-SAT does not complete such a partial hint by itself on these models (measured: the
first solution came from scratch), so the decisions are fixed by assumptions in a short solve,
which derives the rest, and the complete solution becomes the hint.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from optimizer.checks.costs import CostItem
from optimizer.core.plan import Plan
from optimizer.search.model import Build
from optimizer.search.model.extract import penalty_report
from optimizer.search.model.hints import plan_hints
from optimizer.search.solver import Clock


@dataclass(frozen=True)
class Start:
    """A plan as the model counts it, and its decision literals' values (`plan_hints`)."""

    objective: float
    penalties: list[CostItem]
    decisions: dict[object, int] = field(default_factory=dict)


def hint_from_plan(b: Build, plan: Plan, clock: Clock, seconds: float) -> Start | None:
    """Hint model `b` with the complete solution that is `plan`; None when the plan lies outside
    the model (another search window, other case managers) or the short solve runs out of time."""
    decisions = plan_hints(b, plan)
    # Assumptions on the model itself, cleared after, not on a clone: a clone of the joint
    # model on M is 185 MiB more at the peak (issue 17).
    b.m.ClearAssumptions()
    b.m.AddAssumptions([v if value else v.Not() for v, value in decisions.items()])  # type: ignore[union-attr]
    solver = clock.solver(seconds, light=True, workers=1)
    try:
        status = clock.solve(solver, b.m)
    finally:
        b.m.ClearAssumptions()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    hint_from_solution(b, solver)
    return Start(solver.ObjectiveValue(), penalty_report(b, solver), decisions)


def decision_values(solver: cp_model.CpSolver, decisions: Mapping[object, int]) -> dict[object, int]:
    """The values the solver's solution gives the decision literals of `decisions` (a Start's)."""
    return {v: solver.Value(v) for v in decisions}  # type: ignore[call-overload]


def hint_from_solution(b: Build, solver: cp_model.CpSolver) -> None:
    """Hint model `b` with the solution `solver` holds for it: every variable's value."""
    values = solver.ResponseProto().solution
    b.m.ClearHints()
    for i in range(len(values)):
        b.m.AddHint(b.m.GetIntVarFromProtoIndex(i), values[i])


@contextmanager
def fixed(b: Build, values: Mapping[cp_model.IntVar, int]) -> Iterator[None]:
    """Each variable fixed to its value in the model's own variable domains, restored afterwards.
    Assumptions would do the same for the search, but presolve does not see them: on M3 one
    group's model with its placements assumed found its optimum (771) in 11-12 s and nothing
    near it in 6 s; with them fixed, presolve drops every visit the placements rule out and the
    same optimum came in 1.7 s (optimizer/search/guided.py)."""
    proto = b.m.Proto()
    saved = []
    for v, value in values.items():
        domain = proto.variables[v.Index()].domain
        saved.append((domain, list(domain)))
        domain.clear()
        domain.extend([value, value])
    try:
        yield
    finally:
        for domain, kept in saved:
            domain.clear()
            domain.extend(kept)
