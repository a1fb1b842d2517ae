"""One place for CP-SAT solver settings, used by every search in the project, and the clock
that every CP-SAT search runs through: `Clock.solve` counts the work done (deterministic mode
decides on it) and registers the solve with optimizer/search/stopping.py, so that Ctrl-C stops
it. A search with a budget of its own (the case-manager choice, a diagnosis's check) takes a
Clock of its own, so that it does not change the time a plan's searches count."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from optimizer.search import stopping

# Deterministic mode counts CP-SAT's deterministic time ("work") instead of seconds, and runs
# the two workers interleaved in fixed batches (CP-SAT's interleave_search), which makes the
# parallel search repeatable. Measured on the example roster with a 40 s limit: interleaved, 0.9
# units of work per second (0.8 per second of limit: 38 s, objective 1,058; default mode 971);
# one worker instead ran out of work units early and stopped at 2,040.
WORK_PER_SECOND = 0.8
# A wall-clock limit still applies, far above the work limit, so that a much slower machine
# cannot hang; if it is reached, the run is no longer repeatable.
WALL_SAFETY = 5.0


def new_solver(time_limit_s: float, seed: int, workers: int, log: bool = False,
               light: bool = False, bound: bool = False, deterministic: bool = False,
               lp: bool = True, both: bool = False, max_lp: bool = False) -> cp_model.CpSolver:
    """A CP-SAT solver. Ctrl-C goes through `optimizer.search.stopping`, which stops every search, so
    CP-SAT's own SIGINT handling is off. `light`: a lighter presolve (probing level 0, one
    presolve iteration, no symmetry), which on one group of ten clients finds the first plan in
    about 1 s instead of 3.4 s, of the same cost (benchmarks/README.md). `bound`: see below.
    `deterministic`: interleaved workers and a limit on deterministic time, so that the same
    input and seed give the same plan in every run (CP-SAT's parallel search is not repeatable).
    `lp`: False turns the linear relaxation off (linearization level 0). On the joint model of the
    M roster it held a third of the search's memory (peak 1,471 -> 1,094 MiB) and moved neither
    the bound nor, in 25 s, the plan found (benchmarks/README.md). `both`: the default and the
    core-based search side by side as full-problem workers, with one worker more than `workers`
    for them (see below). `max_lp`: the search with the fullest linear relaxation as the
    full-problem worker (see below)."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    limit = max(time_limit_s, 0.5)
    p.max_time_in_seconds = limit
    p.num_workers = workers
    p.random_seed = seed
    p.log_search_progress = log
    p.catch_sigint_signal = False
    if deterministic:
        p.interleave_search = True
        p.max_deterministic_time = limit * WORK_PER_SECOND
        p.max_time_in_seconds = limit * WALL_SAFETY
    if bound:
        # The core-based search as the full-problem worker (the other runs the neighbourhood
        # searches): it proved the S benchmark optimal in 4 s where the default LP search
        # left a 22 % gap after 20 s, and on the example it lifted the bound at 40 s from 883
        # to 968 (objective 971 both ways). See benchmarks/README.md.
        p.subsolvers.append("core")
    if both:
        # For the lower bounds of the periods relaxation (optimizer/search/lower_bound.py), where
        # the default search proves some models fast and the core-based search others, and
        # which is which cannot be told beforehand: both at once, beside the neighbourhood
        # searches' worker, proved each of the example's, M1's and L1's groups and their
        # relaxations together as fast as the better of the two or faster (the example's T27-2
        # in 0.9-1.2 s, against 1.8-6.4 s by the default search and 1.3-2.4 s by the core
        # search; benchmarks/README.md, 4.12.). Three workers on two cores: the searches share them.
        p.num_workers = workers + 1
        p.subsolvers.extend(["default_lp", "core"])
    if max_lp:
        # CP-SAT's search with every constraint in its linear relaxation (linearization level 2)
        # as the full-problem worker, for the groups' relaxation together: what it proves and
        # how fast is at lower_bound.JOINT_PASSES and LARGE_JOINT_PASSES.
        p.subsolvers.append("max_lp")
    if not lp:
        p.linearization_level = 0
    if light:
        p.cp_model_probing_level = 0
        p.max_presolve_iterations = 1
        p.symmetry_level = 0
    return solver


@dataclass
class Clock:
    """Time as the searches of one `solve` count it: wall-clock seconds, or in deterministic
    mode the deterministic time CP-SAT reports, summed over the searches so far, so that every
    decision taken on "time left" is the same in every run."""

    limit_s: float
    seed: int = 1
    workers: int = 2
    deterministic: bool = False
    started: float = field(default_factory=time.monotonic)
    work: float = 0.0
    first_only: bool = False  # every search stops at its first plan (a diagnosis's checks)

    def elapsed(self) -> float:
        return self.work / WORK_PER_SECOND if self.deterministic else time.monotonic() - self.started

    def left(self) -> float:
        return self.limit_s - self.elapsed()

    def step_solver(self, wanted: float, both: bool = False) -> cp_model.CpSolver | None:
        """A solver for a step's search of about `wanted` seconds: at least a second, since
        building and hinting may have taken the step's share, but never past the time limit (a
        step begun near the end had overrun the example's 40 s by 1.4-2 s, 2.12.). None once
        less than a tenth of a second is left: the step does not search. `both`: the default
        and the core-based search side by side (`new_solver`) instead of the core-based alone."""
        seconds = max(min(max(wanted, 1.0), self.left()), 0.0)
        return self.solver(seconds, light=True, bound=not both, both=both) if seconds >= 0.1 else None

    def wall(self) -> float:
        return time.monotonic() - self.started

    def solver(self, seconds: float, log: bool = False, light: bool = False, bound: bool = False,
               workers: int | None = None, lp: bool = True, both: bool = False,
               max_lp: bool = False) -> cp_model.CpSolver:
        solver = new_solver(seconds, self.seed, workers or self.workers, log, light, bound, self.deterministic, lp,
                            both, max_lp)
        solver.parameters.stop_after_first_solution = self.first_only
        return solver

    def solve(self, solver: cp_model.CpSolver, model: cp_model.CpModel,
              callback: cp_model.CpSolverSolutionCallback | None = None) -> int:
        """Solve, stoppable by Ctrl-C, and count the work done."""
        with stopping.running(solver):
            status = solver.Solve(model, callback)
        work = solver.ResponseProto().deterministic_time
        if self.deterministic:
            # A search stopped by its work limit reports a little more work than the limit, and
            # not always the same amount for the same search (seen after a hinted search: 0.80
            # and 0.88 for the same solution); counted at the limit, the budgets that follow
            # repeat.
            work = min(work, solver.parameters.max_deterministic_time)
        self.work += work
        return status
