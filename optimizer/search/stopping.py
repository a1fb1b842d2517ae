"""Stopping the search from outside (Ctrl-C): every running CP-SAT solve registers here, so that
a stop request ends it with the best plan found so far instead of losing it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ortools.sat.python import cp_model


class Stopped(Exception):
    """A search stopped by request before it found anything to go on with (the case-manager
    choice): the run ends as if time had run out before any plan, not as "no plan exists"."""


_requested = threading.Event()
_running: set[cp_model.CpSolver] = set()
_lock = threading.Lock()


def requested() -> bool:
    return _requested.is_set()


def request() -> None:
    """Ask every running search to stop; searches not yet started are skipped."""
    _requested.set()
    with _lock:
        for solver in _running:
            solver.StopSearch()


def reset() -> None:
    _requested.clear()


@contextmanager
def running(solver: cp_model.CpSolver) -> Iterator[None]:
    with _lock:
        _running.add(solver)
    try:
        yield
    finally:
        with _lock:
            _running.discard(solver)
