"""A lower bound on the cost of every plan, computed inside the time limit (issue 17).

CP-SAT's own bound on the whole model of several groups stays far below what any plan reaches:
on the M benchmark (six groups, 60 clients) 1,996 against plans of 5,200 and more. Most of that
distance is what the linear relaxation and the core-based search cannot see in 100,000 literals
of individual visits: that a group's deepening period waits for its last client's practice while
the others' practices ended weeks before (S-RHYTHM), or that leaders' holidays push starts late
(S-GROUP-START). Those costs come from the periods and the practices alone.

`periods_bound` plans exactly that: every group's periods with leaders and rooms, and every
client's work practice, without a single visit (`build_periods_model`), in the search windows
of the whole model. Every rule of that model is a rule of the whole model and every term of its
objective is a term of the whole objective or below one, so CP-SAT's bound on it holds for every
plan in those windows with those case managers: what the solver's own bound holds for. On M1 it
is proven optimal in 2 s: 3,396 where the whole model's search reports 1,996 after 60 s.

The service model's wide planning bounds (any start weekday, the longest getting-ready phase),
which every plan keeps, gave the same 3,396 on M1 but took 11 s of a 60 s run, and the groups'
improvement lost more in those seconds than a coordinator would accept (M1 at 60 s: 6,618-6,965
against 5,271-5,538).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.service_model import ServiceModel
from optimizer.search import stopping
from optimizer.search.model import NoPlan, SearchWindows, build_periods_model
from optimizer.search.solver import Clock


def periods_bound(roster: Roster, sm: ServiceModel, cal: Calendar, case_managers: dict[str, str],
                  allow_postpone: frozenset[str], windows: SearchWindows, clock: Clock,
                  seconds: float) -> float | None:
    """The best lower bound CP-SAT proves on the periods relaxation in about `seconds` (its
    optimum where it is proven in time), or None when there is none to give (no model, no time)."""
    try:
        b = build_periods_model(roster, sm, cal, case_managers, allow_postpone, windows)
    except NoPlan:
        return None  # the whole model's search says why
    if stopping.requested():
        return None
    # Light presolve: in the wide windows it proved M1's optimum in 7.9 s, the full presolve in 10.5 s.
    solver = clock.solver(max(seconds, 0.5), light=True, bound=True)
    status = clock.solve(solver, b.m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
        return None  # infeasible or invalid: no bound worth showing; the whole search decides
    bound = solver.BestObjectiveBound()
    return bound if bound > 0 else None
