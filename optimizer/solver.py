"""One place for CP-SAT solver settings, used by every search in the project."""

from __future__ import annotations

from ortools.sat.python import cp_model


def new_solver(time_limit_s: float, seed: int, workers: int, log: bool = False,
               light: bool = False) -> cp_model.CpSolver:
    """A CP-SAT solver. Ctrl-C goes through `optimizer.stopping`, which stops every search, so
    CP-SAT's own SIGINT handling is off. `light`: a lighter presolve (probing level 0, one
    presolve iteration, no symmetry), which on one group of ten clients finds the first plan in
    about 1 s instead of 3.4 s, of the same cost (benchmarks/README.md)."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max(time_limit_s, 0.5)
    p.num_workers = workers
    p.random_seed = seed
    p.log_search_progress = log
    p.catch_sigint_signal = False
    if light:
        p.cp_model_probing_level = 0
        p.max_presolve_iterations = 1
        p.symmetry_level = 0
    return solver
