"""Other choices of case managers of the same balance, kept where their greedy plan costs less
(issue 17).

The choice model (optimizer/search/model/case_managers.py) balances caseloads and prices a case
manager's absences, but many choices tie there, and which one it returns decides much of the
plan: a case manager's working days and holidays fix where the group's practices, getting-ready
phases and deepening period can lie without cost (S-RHYTHM, S-OWN-CM, S-SPREAD). On the example
the first choice's periods relaxation (optimizer/search/lower_bound.py) proves that no plan
with it costs less than 2,130; eight other choices of the same balance, found by breaking the
model's ties at random, proved 1,665-2,102, and searching from one of them (1,914) gave a plan
of 1,938 where the first choice's plans cost 2,144-2,299 (benchmarks/README.md, 3.12. night).

Proving each choice's relaxation takes as long as the run's own bound (8-10 s on M), so the
greedy plan (optimizer/search/greedy.py, well under a second) judges them instead: on the
example every other choice whose greedy plan cost less than the first's (3,443-3,840 against
4,332) also proved a lower relaxation (1,899-1,920), and on M1, where none proved lower, every
greedy plan cost more. Input case managers are never changed: the choice model keeps them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.plan import Plan
from optimizer.core.service_model import ServiceModel
from optimizer.search import stopping
from optimizer.search.greedy import NoGreedyPlan, greedy_plan
from optimizer.search.model import NoPlan
from optimizer.search.model.case_managers import caseload_peak, choose_case_managers, practice_spans
from optimizer.search.solver import Clock

# Other choices asked for, at most: the ties broken by seeds 1, 2, ...
JITTERS = range(1, 7)
# The choice model's own limit for each: 0.1-0.3 s on the example; on M the broken ties keep
# its search going, and its balance is reached within this.
CHOICE_SECONDS = 1.0


def cheapest_choice(roster: Roster, sm: ServiceModel, cal: Calendar, case_managers: dict[str, str], start: Plan,
                    cost: Callable[[Plan], float], clock: Clock | None = None, until: float = math.inf,
                    seed: int = 1, deterministic: bool = False, jitters: Iterable[int] = JITTERS,
                    hint: dict[str, str] | None = None,
                    choice_seconds: float = CHOICE_SECONDS) -> tuple[dict[str, str], Plan]:
    """`case_managers` with `start`, its plan, or another choice of the choice model with its
    greedy plan where that costs less (`cost`): one choice for each of `jitters` (0: the model's
    own tie-breaking, from `hint`), each with the practices' dates of `start`, asked for while
    `clock` is before `until`. A choice less balanced than the first (its search stopped at its
    limit before the balance was reached) is not taken."""
    if all(c.case_manager is not None for c in roster.clients.values()):
        return case_managers, start
    balance = caseload_peak(roster, case_managers)
    spans = practice_spans(start)
    best, best_plan, best_cost = case_managers, start, cost(start)
    seen = [case_managers]
    for jitter in jitters:
        if (clock is not None and clock.elapsed() >= until) or stopping.requested():
            break
        try:
            again = choose_case_managers(roster, sm, time_limit_s=choice_seconds, seed=seed,
                                         deterministic=deterministic, practices=spans, hint=hint, jitter=jitter)
        except (NoPlan, stopping.Stopped):
            break
        if again in seen or caseload_peak(roster, again) > balance:
            continue
        seen.append(again)
        try:
            plan = greedy_plan(roster, sm, cal, again)
        except NoGreedyPlan:
            continue
        plan_cost = cost(plan)
        if plan_cost < best_cost:
            best, best_plan, best_cost = again, plan, plan_cost
    return best, best_plan
