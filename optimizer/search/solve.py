"""solve(roster, service model) -> Result: the one way from domain data to a plan.

Order: split the roster into parts that share no staff (optimizer/search/split.py); per part, choose
case managers where the input leaves them empty, make the greedy plan (optimizer/search/greedy.py),
choose the case managers once more with its practice dates (kept when that plan costs less),
bound the cost of every plan by the periods relaxation (optimizer/search/lower_bound.py), where
the relaxation of all groups together is the higher bound or the roster is large make a plan in
its placements (optimizer/search/guided.py) and start from it where it costs less, and with several groups
re-plan it group by group (optimizer/search/decompose.py); a single group, or
a handful of clients, or a roster with no start plan, is searched as one joint CP-SAT model
from that plan with every group in its agreed start window. When that is proven impossible and some
group is below its minimum size, solve again allowing those groups to postpone (R-GROUP-2): a
group is postponed only when the agreed window admits no plan. Every step keeps a complete plan,
so a search that finds nothing better in time leaves the plan of the step before.

Every plan `solve` returns has been through the validator (optimizer/checks/validate.py), whichever
step made it (the greedy planner, group by group, the joint search): its report is
`Result.report`, so that no caller can take a plan without its second opinion.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from ortools.sat.python import cp_model

from optimizer.checks.costs import CostItem, cost_by_rule, soft_units
from optimizer.checks.costs import objective as objective_of
from optimizer.checks.prechecks import prechecks
from optimizer.checks.validate import Report, validate
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.messages import Msg
from optimizer.core.plan import DEFAULT_RUN, Plan, RunSettings
from optimizer.core.service_model import ServiceModel
from optimizer.search import stopping
from optimizer.search.decompose import improve_group_by_group, plan_groups_one_by_one
from optimizer.search.greedy import GreedyPlanner, NoGreedyPlan, greedy_plan
from optimizer.search.guided import plan_in_placements
from optimizer.search.heap import return_freed_memory
from optimizer.search.lower_bound import (
    JOINT_PASSES,
    LARGE_JOINT_PASSES,
    GroupBounds,
    busiest_weeks,
    groupwise_bound,
    joint_bound,
)
from optimizer.search.model import NoPlan, SearchWindows, build_model
from optimizer.search.model.case_managers import choose_case_managers
from optimizer.search.model.extract import extract_plan, penalty_report
from optimizer.search.rechoose import cheapest_choice
from optimizer.search.solver import Clock
from optimizer.search.spacing import calls_apart
from optimizer.search.split import independent_parts
from optimizer.search.warm_start import hint_from_plan

DEFAULT_TIME_LIMIT_S = 60.0
DEFAULT_SEED = 1
DEFAULT_WORKERS = 2  # one per core: on the example roster 2 workers beat 1, 3, 4 and 8 (benchmarks/README.md)
SEQUENTIAL_SHARE = 0.25  # of the time limit, for planning groups one by one before the joint search
LAST_GROUP_SHARE = 0.85  # planning groups one by one may run this far into the time limit to finish
JOINT_MIN_SECONDS, JOINT_MIN_SHARE = 8.0, 0.2  # less time than this left: the joint search is skipped
# ... or than this per client: building and hinting the joint model of a 200-client part of XL
# took 10.5-21.5 s, and a part whose model could not be hinted in time built three of them, ending
# 44 s over a 29 s share (1.12.).
JOINT_SECONDS_PER_CLIENT = 0.1
IMPROVE_SHARE = 0.7  # of the time limit, for improving the first plan group by group before the joint search
# Of the time limit, at most, for the lower bound of the periods relaxation (optimizer/search/
# lower_bound.py) before the groups are improved; it ends where every group is proven: the
# example in 1.5 s, M in 3.2-5.8 s, L1 in 5.8-6.3 s (4.12., lower_bound.PASSES). A roster whose
# groups are not all proven keeps the bound reached. At 0.1 of the command's 32.5 s search one
# example run of about twenty did not prove its groups (bound 1,995 against 2,130), and M seed 7
# at 47 s had 5,069 where 7.4 s prove 5,089 (3.12.); the larger share cost the example's proven
# runs nothing (2.0-2.2 s).
BOUND_SHARE = 0.15
# But at least BOUND_MIN_SECONDS where that is at most BOUND_MAX_SHARE of the limit. S's one
# group takes the default search 0.5-1.25 s to prove, and 15 % of 10 s gave its first pass 0.45 s
# (lower_bound.PASSES): proven in 1 run of 5 (bounds 207-231 otherwise, gaps 19-26 %); with 3 s,
# in 5 of 5 (265, gaps 4-8 %, plans 277-289 against 280-289; 3.12.).
BOUND_MIN_SECONDS, BOUND_MAX_SHARE = 3.0, 0.3
# Of the time limit, at most, for the periods relaxation of every group in one model after the
# groups' relaxations apart (lower_bound.joint_bound), with several groups: M1 4,789 proven in
# 2.2 s against 4,227 apart; the example proves it in 1.2 s (2,116, below the 2,130 apart).
# L1's was not proven in 30 s, its bound below the groups' apart, but its placements serve.
# At 0.1 of a 47 s search M2's (2.7 s alone) was proven in one run of three, and the two others
# started the descent from the greedy plan (4,145 and 4,114 against 3,794); at 0.15 it was proven
# in three of three (3,792-3,822), and M3's too (3,217-3,737, 3.12.). It ends when proven.
# On a roster of more than PLACED_ALWAYS_ABOVE_CLIENTS clients the same share, in one pass of the
# search with the fullest linear relaxation (lower_bound.LARGE_JOINT_PASSES), which proves L1's
# model in 10-19 s of its 45 s (4.12.; 31 s with the terms of 5.12.). The default search needed
# 55-135 s on L1, and a share of 45 % for it (4.12.) left the plan less time.
JOINT_BOUND_SHARE = 0.15
# But on a roster of more than PLACED_ALWAYS_ABOVE_CLIENTS clients at least
# LARGE_JOINT_BOUND_MIN_SECONDS where that is at most LARGE_JOINT_BOUND_MAX_SHARE of the limit.
# With the first-visit, wrap-up and getting-ready weeks (5.12.) XL's five 200-client parts
# (180 s each: 27 s at 0.15) were proven in 17-48 s, and two of five not in their 27 s, their
# bound then well below the proof (XL 62,324 against the plan's 65,311, 4.6 %). With 45 s four
# of five were proven in 18-26 s, the fifth's bound 11,908 against 11,976: XL 65,461 / 63,308
# (3.3 %, 6.12.). L1 (300 s) keeps its 45 s.
LARGE_JOINT_BOUND_MIN_SECONDS, LARGE_JOINT_BOUND_MAX_SHARE = 45.0, 0.25
# Of the time limit, at most, for each case manager's busiest week alone (lower_bound.busiest_weeks)
# before the joint relaxation, which adds those of the people it leaves out and takes the
# leaders' as floors: M's ten case managers took 2.1-3.8 s at 47 s, the example's seven 1.1 s
# (4.12.). At 0.05 M3's would not have had the time their proofs took.
PEOPLE_BOUND_SHARE = 0.08
PEOPLE_MIN_SECONDS = 0.3  # a person's model takes 0.1-0.2 s to build, and each search at least 0.2 s
# A plan is made in the joint relaxation's placements, group by group (guided.plan_in_placements),
# in at most PLACED_SHARE of the limit (PLACED_SHARE_UP_TO_ALWAYS up to 100 clients), and the
# descent starts from it where it costs less than the greedy plan: where that relaxation is the
# higher bound (the groups compete for their staff and rooms in ways each group's step of the
# descent cannot see), and on every roster of more than PLACED_ALWAYS_ABOVE_CLIENTS clients,
# where the descent from the greedy plan cannot go round the groups often enough in its time.
# At 60 s: M1 4,833 against 5,192-5,513 from the greedy plan, M2 3,789 (4,032-4,045), M3
# 3,204-3,259 (3,193-3,207); L1 at 300 s 13,877 against 17,267-17,602. On the example, whose
# groups apart give the higher bound, starting from such a plan gave 2,143 and 2,427, against
# 2,144-2,154 from the greedy plan.
PLACED_SHARE = 0.35
# The relaxation together counts as the higher only where it passes the groups apart by more than
# this share: since it counts each practice's first visit and calls it passes them on the example
# by 1 (1,902 against 1,901), where the groups hardly compete, and the plan in its placements then
# ended at 1,917-1,932 against 1,912-1,917 from the greedy plan (4.12.). On M1 it passes them by
# 14 % (4,822 against 4,229).
PLACED_MIN_MARGIN = 0.01
# Where the descent starts in the relaxation together's placements, it shares its rounds by how
# far each group's part of the plan lies above the group's part of that relaxation's best
# solution (JointRelaxation.as_targets), not above the group's bound apart. Apart, M1's groups
# are bounded 4,229 in all against 4,822 together: G001 stood 518 above its bound apart and took
# 10-11 s of the first round's 25 s, where its part of the plan equalled its part of the joint
# solution (1,944), and G005's two units of S-SPREAD above its part were not reached.
# At 60 s in-process (5.12.): M1 4,830, 4,832, 4,831 against 4,843, 4,853, 4,843; M2 3,497-3,499
# against 3,496; M3 a median of 3,172 in seven runs either way, 3,163-3,191 against 3,162-3,186
# (it turns on G002's plan in the placements); L1 through the runner 13,687 / 13,606 (0.6 %)
# against 13,719 (0.8 %).
JOINT_TARGETS = True
# Up to PLACED_ALWAYS_ABOVE_CLIENTS clients the plan in the placements gets more of the limit: its
# groups' searches decide the plan there, and the descent after it moved M1's by 12-200. At 47 s,
# 0.5 against 0.35: M1 4,860-4,912 in six runs against 4,875-5,961 in twelve, M2 3,807 and 4,148
# against 4,148 twice, M3 3,206 and 3,269 against 3,326 and 3,375. L1 at 265 s lost with 0.5
# (14,675 against 13,901), its descent 40 s shorter (3.12.).
PLACED_SHARE_UP_TO_ALWAYS = 0.5
PLACED_ALWAYS_ABOVE_CLIENTS = 100
# Up to PLACED_ALWAYS_ABOVE_CLIENTS clients, at most this share of the limit more for the groups'
# searches in the placements that stall (guided.stalled), taken from the descent after it, which
# gained 0-1 units in 10 s on every M plan traced. At 47 s, with and without, each pair run side
# by side on the 2 cores: M1 5,947/7,337 and 5,417/5,093, M2 3,811/5,269 and 5,382/3,814 (that
# run's relaxation together was not proven: no plan in the placements), M3 3,408/3,547 and
# 3,245/3,695; run alone, where stalls are rare, the same within the spread (M1 4,847-4,859
# against 4,863-4,864, M2 3,807-3,818 against 3,789-3,795, M3 3,362-3,585 against 3,273-3,608).
PLACED_STALL_RESERVE = 0.25
# Of the time limit, at most, for asking the choice model for other choices (rechoose.py), up to
# RECHOOSE_MAX_CLIENTS clients: measured on the example and M (benchmarks/README.md), not on L,
# whose descent needs its time.
RECHOOSE_SHARE = 0.1
RECHOOSE_MAX_CLIENTS = 100
JOINT_MAX_CLIENTS = 400  # above this, no joint model: improving group by group takes all the time
JOINT_SEVERAL_MAX_CLIENTS = 12  # several groups with more clients: no joint search after the descent
# The descent, when no joint search follows it, runs until the later of DESCENT_SHARE of the
# limit and the limit less what `solve` does after it (the plan's validation, its cost, the
# calls' spacing): 0.1 s after the example's descent, 0.3 s after M1's, about 1.5 s after L1's
# (200 clients), 3.12. At 0.95 alone the example's last step ended 1.3 s before its limit and
# L1's descent 12 s before.
DESCENT_SHARE = 0.95
AFTER_DESCENT_SECONDS, AFTER_DESCENT_SECONDS_PER_CLIENT = 0.5, 0.01
# One group of more than ONE_GROUP_MIN_CLIENTS clients: its steps (the relaxation-guided search
# above all, optimizer/search/guided.py) take up to ONE_GROUP_SHARE of the time limit before the
# joint search. S at 10 s, seeds 1-3, two runs each: 289, 251, 229 every time, against 445-501,
# 426-542 and 509-653 from the joint search alone; shares 0.8 and 0.95 gave the same. Three
# clients are proven optimal by the joint search in 2.5 s, and took 4.9 s after a step (2.12.).
ONE_GROUP_SHARE = 0.5
ONE_GROUP_MIN_CLIENTS = 6
# The joint search of several groups without the linear relaxation: a quarter less memory on M,
# the same bound (optimizer/search/solver.py, benchmarks/README.md).
JOINT_WITHOUT_LP = True


class Status(StrEnum):
    """How a search ended. The values are the words the benchmarks show and the keys of the
    Summary sheet's status words (optimizer.core.messages.STATUS_WORDS)."""

    OPTIMAL = "optimal"  # a plan, proven the best
    FEASIBLE = "feasible"  # a plan that keeps every rule
    INFEASIBLE = "infeasible"  # no plan exists (Result.reasons say why)
    UNKNOWN = "unknown"  # time ran out, or Ctrl-C, before any plan was found


@dataclass
class Result:
    status: Status
    plan: Plan | None = None
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    variables: int = 0
    constraints: int = 0
    case_managers: dict[str, str] = field(default_factory=dict)
    penalties: list[CostItem] = field(default_factory=list)  # the soft-rule terms that cost
    reasons: list[Msg] = field(default_factory=list)
    postponed: set[str] = field(default_factory=set)
    report: Report | None = None  # the validator's report of `plan` (set by `solve` on every plan)
    # Where `bound` comes from: "solver" (CP-SAT's bound on the whole model), "periods" (the
    # periods relaxation group by group) or "joint" (the periods relaxation of every group in one
    # model; optimizer/search/lower_bound.py), whichever is highest.
    bound_source: str | None = None

    @property
    def gap(self) -> float | None:
        """(objective - bound) / objective, as the solver reports it."""
        if self.objective is None or self.bound is None:
            return None
        if self.objective == 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / abs(self.objective))

    def penalty_by_rule(self, weights: dict[str, int]) -> dict[str, int]:
        return cost_by_rule(self.penalties, weights)


def groups_below_minimum(roster: Roster, sm: ServiceModel) -> frozenset[str]:
    """R-GROUP-2: groups that may postpone their start because they are below the minimum size."""
    return frozenset(
        g.group_id for g in roster.groups.values()
        if 0 < len(roster.clients_of(g.group_id)) < sm.group_min_size(g.max_size)
    )


ProgressFn = Callable[[float, float, float | None], None]


class _Progress(cp_model.CpSolverSolutionCallback):
    """Tells `progress(seconds in this search, objective, bound)` of every better plan found,
    and only of those that cost less than `below` (the plan the search started from)."""

    def __init__(self, progress: ProgressFn, below: float | None = None) -> None:
        super().__init__()
        self.progress = progress
        self.below = below
        self.started = time.monotonic()

    def on_solution_callback(self) -> None:
        if self.below is None or self.ObjectiveValue() < self.below:
            self.progress(time.monotonic() - self.started, self.ObjectiveValue(), self.BestObjectiveBound())


def _solve_once(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                allow_postpone: frozenset[str], windows: SearchWindows, clock: Clock, log: bool,
                start: Plan | None = None, progress: ProgressFn | None = None,
                run: RunSettings = DEFAULT_RUN) -> Result | None:
    """One CP-SAT search over what is left of the time; from `start` when given. When the search
    finds nothing better in time, the start plan is the result (status feasible). None: the
    start plan lies outside this model's search windows (a wider one may hold it)."""
    started = time.monotonic()
    try:
        b = build_model(roster, sm, cal, cms, allow_postpone, windows, run=run)
    except NoPlan as exc:
        return Result(Status.INFEASIBLE, reasons=exc.reasons, case_managers=cms,
                      seconds=time.monotonic() - started)
    kept = None
    if start is not None:
        if hint_from_plan(b, start, clock, max(clock.left() / 4, 1.0)) is None:
            return None
        # The start plan as optimizer/checks/costs.py counts it, the count every sheet shows. The
        # hint's own objective can be a unit or two above it when the short solve that completes
        # the hint stops before the derived terms (a busiest week, a wait) are at their least: the
        # console then showed the example's cost rising from 3,082 to 3,083 (1.12.).
        kept = outside_plan_result(roster, sm, start, cms, run)
    solver = clock.solver(max(clock.left(), 1.0), log, light=True, bound=True,
                          lp=not (_several_groups(roster) and JOINT_WITHOUT_LP))
    if stopping.requested():
        return Result(Status.UNKNOWN, case_managers=cms, seconds=time.monotonic() - started)
    status = clock.solve(solver, b.m, _Progress(progress, kept.objective if kept else None) if progress else None)
    proto = b.m.Proto()
    result = Result(
        status={cp_model.OPTIMAL: Status.OPTIMAL, cp_model.FEASIBLE: Status.FEASIBLE,
                cp_model.INFEASIBLE: Status.INFEASIBLE}.get(status, Status.UNKNOWN),
        seconds=time.monotonic() - started,
        variables=len(proto.variables),
        constraints=len(proto.constraints),
        case_managers=cms,
    )
    if kept is not None and start is not None and (
            status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or solver.ObjectiveValue() >= kept.objective):
        # Nothing better than the start plan in time: it is the result, with the search's bound
        # (a bound equal to its cost proves it optimal: with_better_bound).
        result.status, result.plan, result.objective = Status.FEASIBLE, start, kept.objective
        result.penalties, result.postponed = kept.penalties, set(start.postponed)
        result.bound = solver.BestObjectiveBound() if status != cp_model.INFEASIBLE else None
    elif status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result.plan = extract_plan(b, solver)
        result.objective = solver.ObjectiveValue()
        result.bound = solver.BestObjectiveBound()
        result.penalties = penalty_report(b, solver)
        result.postponed = set(result.plan.postponed)
    elif status == cp_model.INFEASIBLE:
        result.reasons = [Msg("model_infeasible", {})]
    return result


def _cheaper(roster: Roster, sm: ServiceModel, run: RunSettings, plan: Plan, other: Plan | None) -> Plan:
    """`other` where it exists and costs less than `plan`, else `plan`."""
    if other is not None and objective_of(roster, sm, other, run) < objective_of(roster, sm, plan, run):
        return other
    return plan


def _several_groups(roster: Roster) -> bool:
    """More than one group with clients: what decides the joint search's settings and shares."""
    return len([g for g in roster.groups if roster.clients_of(g)]) > 1


def _since(started: float, progress: ProgressFn | None, relaxed: float | None) -> ProgressFn | None:
    """The progress function with seconds counted from the start of `solve`, and the higher of
    the search's bound and the periods relaxation's (`relaxed`)."""
    if progress is None:
        return None
    offset = time.monotonic() - started

    def tell(seconds: float, objective: float, bound: float | None) -> None:
        # Not `bound or relaxed`: a bound of 0 is a bound.
        higher = max((b for b in (bound, relaxed) if b is not None), default=None)
        progress(offset + seconds, objective, higher)
    return tell


def outside_plan_result(roster: Roster, sm: ServiceModel, plan: Plan, cms: dict[str, str],
                        run: RunSettings = DEFAULT_RUN) -> Result:
    """A plan made outside the joint search (greedy, group by group), costed by `optimizer.checks.costs`."""
    units = soft_units(roster, sm, plan, run)
    penalties = [CostItem(rule, "", None, n, "") for rule, n in sorted(units.items())]
    return Result(Status.FEASIBLE, plan=plan, objective=float(sum(p.cost(sm.weights) for p in penalties)),
                  case_managers=cms, penalties=penalties, postponed=set(plan.postponed))


def keeps_pinned(roster: Roster, sm: ServiceModel, plan: Plan, run: RunSettings) -> bool:
    """R-CLIENT-3 on a plan made outside the model (the validator's own check)."""
    return next(r for r in validate(roster, sm, plan, run).results if r.rule == "R-CLIENT-3").status == "ok"


def first_plan(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str]) -> Plan | None:
    """The greedy plan with the chosen case managers: a complete plan in well under a second on
    every benchmark size, the joint search's starting point (None where the greedy order gets stuck)."""
    try:
        return greedy_plan(roster, sm, cal, cms)
    except NoGreedyPlan:
        return None


def rechosen_for_practices(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                            start: Plan, time_limit_s: float, seed: int, deterministic: bool,
                            run: RunSettings) -> tuple[dict[str, str], Plan]:
    """The case managers chosen again, now that the greedy plan says when each group's practices
    run: a case manager whose four-week holiday falls inside them leaves the employer a month
    without a visit (S-SPREAD), which the first choice, made before any date was known, could not
    see. Kept only when the greedy plan with the new choice costs less: never worse (the same
    step as other choices' in rechoose.py, with the model's own tie-breaking from `cms`)."""
    return cheapest_choice(roster, sm, cal, cms, start, lambda p: objective_of(roster, sm, p, run), seed=seed,
                           deterministic=deterministic, jitters=(0,), hint=cms,
                           choice_seconds=min(5.0, time_limit_s / 8))


def solve(roster: Roster, sm: ServiceModel, time_limit_s: float = DEFAULT_TIME_LIMIT_S,
          seed: int = DEFAULT_SEED, workers: int = DEFAULT_WORKERS, log: bool = False,
          progress: ProgressFn | None = None, deterministic: bool = False, first_only: bool = False,
          run: RunSettings = DEFAULT_RUN) -> Result:
    """The best plan that keeps every hard rule, within the time limit. `progress` hears of
    every better plan (seconds since solve began, objective, bound or None before the search).
    `deterministic`: the same input and seed give the same plan (interleaved workers, and the
    time limit counted as the solver's deterministic work; see optimizer/search/solver.py).
    `run`: what this run keeps (pinned events, the frozen past) and stays close to (the previous
    plan, S-CHANGE); its time limit is not read here (`time_limit_s` is the one that applies).

    A roster whose groups share no staff (regional sites) is planned part by part, each part
    with a share of the time by its number of clients (optimizer/search/split.py).

    `first_only`: any plan that keeps every hard rule will do, found as fast as possible (the
    diagnosis asks this of many changed rosters; optimizer/explain/diagnose.py).

    The plan returned, whichever step made it, comes with the validator's report
    (`Result.report`); the time the validator takes is not in `Result.seconds`. Unless
    `first_only`, its weekly calls are set apart from visits first (optimizer/search/spacing.py).

    Freed memory goes back to the system from here on (optimizer/search/heap.py)."""
    return_freed_memory()
    result = _solve(roster, sm, time_limit_s, seed, workers, log, progress, deterministic, first_only, run)
    if result.plan is not None and first_only:  # any plan answers whether one exists (the diagnosis)
        result.report = validate(roster, sm, result.plan, run)
    elif result.plan is not None:
        result.plan, result.report = _with_calls_apart(roster, sm, result.plan, result.case_managers, run)
    return result


def _with_calls_apart(roster: Roster, sm: ServiceModel, plan: Plan, cms: dict[str, str],
                      run: RunSettings) -> tuple[Plan, Report]:
    """The plan with its weekly calls set apart from visits (optimizer/search/spacing.py), where
    the validator finds every rule kept and it costs no more; else the plan as it was. With
    the validator's report of the plan returned."""
    spaced = calls_apart(roster, sm, Calendar(roster), plan, cms, run)
    if spaced is not plan:
        report = validate(roster, sm, spaced, run)
        if report.ok and objective_of(roster, sm, spaced, run) <= objective_of(roster, sm, plan, run):
            return spaced, report
    return plan, validate(roster, sm, plan, run)


def _solve(roster: Roster, sm: ServiceModel, time_limit_s: float, seed: int, workers: int, log: bool,
           progress: ProgressFn | None, deterministic: bool, first_only: bool, run: RunSettings) -> Result:
    problems = prechecks(roster, sm, run)
    if problems:  # no plan can exist: say why before any search (issue 4)
        return Result(Status.INFEASIBLE, reasons=problems)
    parts = independent_parts(roster)
    if len(parts) == 1:
        return _solve_part(roster, sm, time_limit_s, seed, workers, log, progress, deterministic, first_only, run)
    started = time.monotonic()
    # Each part's greedy plan first (case managers chosen by hand, in a second or two for 1,000
    # clients): the total shown while later parts wait is that of a complete plan, and the plan
    # of a part that Ctrl-C leaves unsearched.
    fallback: dict[int, Plan] = {}
    latest: dict[int, tuple[float, float | None]] = {}
    for k, part in enumerate(parts):
        with contextlib.suppress(NoGreedyPlan):
            fallback[k] = greedy_plan(part, sm)
            latest[k] = (objective_of(part, sm, fallback[k], run), None)

    def part_progress(k: int) -> ProgressFn | None:
        if progress is None:
            return None

        def tell(seconds: float, value: float, bound: float | None) -> None:
            latest[k] = (value, bound)
            if len(latest) == len(parts):  # a total only once every part has a plan
                bounds = [b for _, b in latest.values()]
                total_bound = sum(bounds) if all(b is not None for b in bounds) else None  # type: ignore[misc]
                progress(time.monotonic() - started, sum(v for v, _ in latest.values()), total_bound)
        return tell

    results = []
    clients_left = len(roster.clients)
    for k, part in enumerate(parts):
        # A second or two kept back for joining the parts' plans (XL ended 1.3 s over 900 s).
        left = time_limit_s - (time.monotonic() - started) - min(2.0, 0.01 * time_limit_s)
        if deterministic:  # shares fixed in advance: no decision may depend on the wall clock
            left, clients_left = time_limit_s, len(roster.clients)
        share = max(left * len(part.clients) / max(clients_left, 1), 1.0)
        clients_left -= len(part.clients)
        if stopping.requested() and k in fallback:
            results.append(outside_plan_result(part, sm, fallback[k], {}, run))
            continue
        results.append(_solve_part(part, sm, share, seed, workers, log, part_progress(k), deterministic,
                                   first_only, run))
    return _joined(results, time.monotonic() - started)


def _joined(results: list[Result], seconds: float) -> Result:
    """The parts' results as one: plans joined, objectives and bounds added up."""
    statuses = {r.status for r in results}
    if any(r.plan is None for r in results):
        status = Status.INFEASIBLE if Status.INFEASIBLE in statuses else Status.UNKNOWN
        return Result(status, seconds=seconds, reasons=[x for r in results for x in r.reasons])
    plan = Plan()
    for r in results:
        plan.events += r.plan.events  # type: ignore[union-attr]
        plan.periods += r.plan.periods  # type: ignore[union-attr]
        plan.postponed |= r.plan.postponed  # type: ignore[union-attr]
    plan.sort()
    bounds = [r.bound for r in results]
    sources = {r.bound_source for r in results}
    return Result(
        Status.OPTIMAL if statuses == {Status.OPTIMAL} else Status.FEASIBLE, plan=plan,
        objective=sum(r.objective or 0.0 for r in results),
        bound=sum(b for b in bounds if b is not None) if all(b is not None for b in bounds) else None,
        seconds=seconds, variables=sum(r.variables for r in results),
        constraints=sum(r.constraints for r in results),
        case_managers={k: v for r in results for k, v in r.case_managers.items()},
        penalties=[x for r in results for x in r.penalties], postponed=set(plan.postponed),
        bound_source=_joined_source(sources))


def _joined_source(sources: set[str | None]) -> str | None:
    """The bound source of parts joined: a relaxation's where any part's bound is one (the
    whole-model words would say too little), the joint one where any part's is."""
    if None in sources:
        return None
    return next((s for s in ("joint", "periods") if s in sources), "solver")


def _solve_part(roster: Roster, sm: ServiceModel, time_limit_s: float, seed: int, workers: int, log: bool,
                progress: ProgressFn | None, deterministic: bool, first_only: bool, run: RunSettings) -> Result:
    started = time.monotonic()
    clock = Clock(time_limit_s, seed, workers, deterministic, started, first_only=first_only)
    cal = Calendar(roster)
    try:
        cms = choose_case_managers(roster, sm, time_limit_s=min(10.0, time_limit_s / 4), seed=seed,
                                   deterministic=deterministic)
    except NoPlan as exc:
        return Result(Status.INFEASIBLE, reasons=exc.reasons, seconds=time.monotonic() - started)
    except stopping.Stopped:
        return Result(Status.UNKNOWN, seconds=time.monotonic() - started)
    small = groups_below_minimum(roster, sm)
    # Focused search windows first; the service model's wide bounds only when that is proven
    # impossible; postponing small groups (R-GROUP-2) only when the agreed windows admit no plan.
    # A start plan outside the focused windows (a practice begun on a Tuesday) is searched from in
    # the same windows with any start day before the wide ones.
    focused = SearchWindows.focused(sm)
    attempts = [(frozenset(), focused), (frozenset(), focused.any_weekday()), (frozenset(), SearchWindows.wide(sm))]
    if small:
        attempts.append((small, SearchWindows.wide(sm)))
    if first_only:  # any plan will do: the widest search at once
        attempts = attempts[-1:]
    told: list[Plan] = []
    relaxed: float | None = None  # the periods relaxation's bound, once known
    relaxed_source = "periods"  # of `relaxed`: the groups apart, or "joint" (all in one model)
    apart: GroupBounds | None = None  # each group's relaxation
    targets: GroupBounds | None = None  # what the descent shares its rounds by (`JOINT_TARGETS`)

    def tell(plan: Plan) -> None:
        if progress is not None and not (told and told[-1] is plan):  # each plan shown once
            told.append(plan)
            progress(time.monotonic() - started, objective_of(roster, sm, plan, run), relaxed)

    start = first_plan(roster, sm, cal, cms)
    # The greedy planner with its own case-manager choice: the baseline a coordinator's hand
    # plan stands for. Where the greedy order gets stuck with the chosen case managers it may
    # not with its own: a start plan in a second or two, where planning the groups one by one
    # took 162 s of an XL part's 196 s and ended incomplete (its plan then cost 37,364, 1.12.).
    fresh = run.previous is None and not run.pinned
    several = _several_groups(roster)
    own = greedy_with_own_choice(roster, sm) if start is None and fresh else None
    if own is not None:
        cms, start = own
    if start is not None and not first_only and fresh:
        tell(start)  # a plan to show at once: choosing again takes seconds on L
        cms, start = rechosen_for_practices(roster, sm, cal, cms, start, time_limit_s, seed, deterministic, run)
        if several and len(roster.clients) <= RECHOOSE_MAX_CLIENTS:
            # Other choices of the same balance, where their greedy plan costs less (rechoose.py).
            cms, start = cheapest_choice(roster, sm, cal, cms, start, lambda p: objective_of(roster, sm, p, run),
                                         clock, clock.elapsed() + RECHOOSE_SHARE * time_limit_s, seed, deterministic)
        if not several:
            # One group, searched as one joint model from its start plan: never from above the
            # baseline. On S the own-choice plan cost 562 against 631, and 10 s from 631 ended
            # at 480-620, from 562 at 276-278. With several groups the descent moved far from
            # either start and the swap gained nothing (M2 4,635 against 4,614) or lost (the
            # example 2,467-2,537 against 2,292-2,428, its case managers' bound 1,876 against
            # 2,028).
            own = own or greedy_with_own_choice(roster, sm)
            if own is not None and objective_of(roster, sm, own[1], run) < objective_of(roster, sm, start, run):
                cms, start = own
    if start is None and several and not first_only:
        # Where the greedy order gets stuck, CP-SAT plans the groups one by one instead.
        one_by_one = plan_groups_one_by_one(roster, sm, cal, cms, attempts[0][1], clock,
                                            SEQUENTIAL_SHARE * time_limit_s, LAST_GROUP_SHARE * time_limit_s, run)
        start = one_by_one.plan() if one_by_one.complete else None

    if run.previous is not None and validate(roster, sm, run.previous, run).ok:
        start = run.previous  # re-planning: the previous plan, where it still keeps every rule
    if start is not None and run.pinned and not keeps_pinned(roster, sm, start, run):
        start = None  # the greedy planner does not know the pins (R-CLIENT-3): CP-SAT plans from scratch
    # Several groups beyond a handful of clients: the groups' descent takes all the time and the
    # periods relaxation gives the bound; the joint search held 40-70 % of the memory (M1: peak
    # 631 against 409 MiB; the example 580 against 360-401) and its bound stayed below the
    # relaxation's. It still plans where no start plan exists, and proves tiny rosters optimal.
    descent_only = several and start is not None and len(roster.clients) > JOINT_SEVERAL_MAX_CLIENTS
    joint = len(roster.clients) <= JOINT_MAX_CLIENTS and not descent_only
    if start is not None and first_only:
        return outside_plan_result(roster, sm, start, cms, run)
    if not first_only:
        # In the windows of the joint search's first attempt, as the solver's own bound. One
        # group too: on S (8 clients) the relaxation gave 336-424 in 0.2-0.3 s, where the joint
        # search's own bound was 251-361 after 10 s (1.12.).
        apart = groupwise_bound(roster, sm, cal, cms, attempts[0][1], clock, bound_seconds(time_limit_s))
        relaxed = apart.bound or None
        targets = apart
        if several:
            floors = _busiest_weeks(roster, sm, cal, cms, attempts[0][1], clock, PEOPLE_BOUND_SHARE * time_limit_s)
            # Where only a higher bound would make its placements serve, the relaxation together
            # stops once a solution of it, with the weeks of the people it leaves out, costs no
            # more than the groups apart's bound.
            large = len(roster.clients) > PLACED_ALWAYS_ABOVE_CLIENTS
            together = joint_bound(roster, sm, cal, cms, attempts[0][1], clock,
                                   joint_bound_seconds(time_limit_s, large),
                                   enough=None if large else relaxed, floors=floors,
                                   passes=LARGE_JOINT_PASSES if large else JOINT_PASSES)
            higher = together.bound > (relaxed or 0.0)
            competing = together.bound > (relaxed or 0.0) * (1 + PLACED_MIN_MARGIN)
            if higher:
                relaxed, relaxed_source = together.bound, "joint"
            if (competing or large) and start is not None and descent_only and fresh and together.placements:
                placed_share = PLACED_SHARE if large else PLACED_SHARE_UP_TO_ALWAYS
                reserve = 0.0 if large else PLACED_STALL_RESERVE * time_limit_s
                start = _cheaper(roster, sm, run, start, plan_in_placements(
                    roster, sm, cal, cms, together.group_days, together.placements, attempts[0][1], clock,
                    placed_share * time_limit_s, run, reserve, _after_descent(roster)))
                if JOINT_TARGETS and together.parts and higher:
                    targets = together.as_targets()
    if start is not None:
        tell(start)
        if several or len(roster.clients) > ONE_GROUP_MIN_CLIENTS:
            share = (ONE_GROUP_SHARE if not several else IMPROVE_SHARE if joint
                     else DESCENT_SHARE if descent_only else LAST_GROUP_SHARE)
            until = share * time_limit_s
            if descent_only:
                until = max(until, time_limit_s - _after_descent(roster))
            # Where the joint search follows, it plans every caseload at once: no caseload steps.
            start = improve_group_by_group(roster, sm, cal, cms, start, attempts[0][1], clock,
                                           until, progress=tell, run=run, caseloads=not joint, bounds=targets)
    # Building the joint model of several groups takes seconds of its own: not for the last few.
    needed = (max(JOINT_MIN_SECONDS, JOINT_MIN_SHARE * time_limit_s, JOINT_SECONDS_PER_CLIENT * len(roster.clients))
              if several else 0.5)
    if start is not None and (not joint or clock.left() < needed or stopping.requested()):
        # No time left for the joint model to build and improve, or a roster too large for one
        # model: the plan improved group by group keeps every rule.
        result = outside_plan_result(roster, sm, start, cms, run)
        result.seconds = time.monotonic() - started
        return with_better_bound(result, relaxed, relaxed_source)
    result = Result(Status.INFEASIBLE)
    for postpone, windows in attempts:
        if start is None and clock.left() < 5.0:
            clock.limit_s = clock.elapsed() + 5.0  # a proof of infeasibility deserves a few seconds
        attempt = _solve_once(roster, sm, cal, cms, postpone, windows, clock, log, start,
                              _since(started, progress, relaxed), run)
        if attempt is None:  # the start plan needs the wider windows of the next attempt,
            if clock.left() < needed:  # or its hint ran out of time: then the start plan stands
                break
            continue
        if attempt.status == Status.UNKNOWN and start is not None:
            # The joint search found nothing in time: the start plan keeps every rule.
            attempt = outside_plan_result(roster, sm, start, cms, run)
        if attempt.status != Status.INFEASIBLE or stopping.requested():
            result = attempt
            break
        if result.status == Status.INFEASIBLE and not result.reasons:
            result = attempt
    if result.plan is None and start is not None:
        result = outside_plan_result(roster, sm, start, cms, run)
    result.seconds = time.monotonic() - started
    return with_better_bound(result, relaxed, relaxed_source)


def _busiest_weeks(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], windows: SearchWindows,
                   clock: Clock, seconds: float) -> dict[str, int]:
    """Each case manager's busiest week alone (lower_bound.busiest_weeks), for the joint
    relaxation; none where `seconds` leave too little for their models."""
    people = frozenset(cms.values())
    if seconds < PEOPLE_MIN_SECONDS * len(people):
        return {}
    return busiest_weeks(roster, sm, cal, cms, windows, clock, seconds, people)


def _after_descent(roster: Roster) -> float:
    """What `solve` does after the descent takes about this many seconds (AFTER_DESCENT_SECONDS)."""
    return AFTER_DESCENT_SECONDS + AFTER_DESCENT_SECONDS_PER_CLIENT * len(roster.clients)


def bound_seconds(time_limit_s: float) -> float:
    """The time for the groups' relaxations apart (BOUND_SHARE, BOUND_MIN_SECONDS)."""
    return min(max(BOUND_SHARE * time_limit_s, BOUND_MIN_SECONDS), BOUND_MAX_SHARE * time_limit_s)


def joint_bound_seconds(time_limit_s: float, large: bool) -> float:
    """The time for the groups' relaxation together (JOINT_BOUND_SHARE; on a large roster
    LARGE_JOINT_BOUND_MIN_SECONDS within LARGE_JOINT_BOUND_MAX_SHARE)."""
    seconds = JOINT_BOUND_SHARE * time_limit_s
    if large:
        seconds = max(seconds, min(LARGE_JOINT_BOUND_MIN_SECONDS, LARGE_JOINT_BOUND_MAX_SHARE * time_limit_s))
    return seconds


def with_better_bound(result: Result, relaxed: float | None, relaxed_source: str = "periods") -> Result:
    """The result with the higher of its search's bound and the periods relaxation's, and
    which one it is; a plan whose cost reaches a valid bound is proven optimal."""
    if result.plan is None or result.objective is None:
        return result
    if result.bound is not None:
        result.bound_source = "solver"
    if relaxed is not None and (result.bound is None or relaxed > result.bound):
        result.bound, result.bound_source = relaxed, relaxed_source
    if result.status == Status.FEASIBLE and result.bound is not None and result.objective <= result.bound:
        result.status = Status.OPTIMAL
    return result


def greedy_with_own_choice(roster: Roster, sm: ServiceModel) -> tuple[dict[str, str], Plan] | None:
    """The greedy planner with its own case-manager choice, and its plan: it can succeed where its
    order got stuck with the optimizer's choice (an XL part at 900 s once ended without a plan for
    that reason, 1.12.). None if it gets stuck too."""
    planner = GreedyPlanner(roster, sm)
    try:
        plan = planner.plan_all()
    except NoGreedyPlan:
        return None
    return dict(planner.case_managers), plan
