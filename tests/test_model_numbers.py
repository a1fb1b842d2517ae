"""Every number of the service model is read by the planner and the validator alike (issue 13).

For each parameter of models/taito-2021.toml, a copy of the file with that number changed (up
one, else down one, keeping the model loadable) plans a small roster with both planners, the
CP-SAT model (its first solution) and the greedy one, and the independent validator checks the
plan. A planner that ignored a number the validator reads (or hard-coded its old value) makes a
plan the validator rejects. Deterministic: a work limit, one worker, no wall clock.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from optimizer.checks.prechecks import prechecks
from optimizer.checks.validate import validate
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.plan import Plan
from optimizer.core.service_model import (
    DEFAULT_MODEL_PATH,
    ServiceModel,
    ServiceModelError,
    bounds,
    load_service_model,
)
from optimizer.search.greedy import NoGreedyPlan, greedy_plan
from optimizer.search.model import NoPlan, build_model
from optimizer.search.model.case_managers import choose_case_managers
from optimizer.search.model.extract import extract_plan
from optimizer.search.solver import new_solver

from .conftest import tiny_roster

TEXT = DEFAULT_MODEL_PATH.read_text(encoding="utf-8")
PARAMS = tomllib.loads(TEXT)["param"]
WORK_SECONDS = 10.0  # deterministic work; a first solution of this roster takes well under 1


@dataclass(frozen=True)
class Variant:
    name: str
    key: str  # value, min, max or default
    new: int

    def __str__(self) -> str:
        return f"{self.name}.{self.key}={self.new}"


def changed_text(v: Variant) -> str:
    """The model file with one number of one [param.NAME] table replaced."""
    section = re.search(rf"^\[param\.{re.escape(v.name)}\]\n(.*?)(?=^\[|\Z)", TEXT, re.M | re.S)
    assert section, v.name
    body = re.sub(rf"^{v.key} = -?\d+$", f"{v.key} = {v.new}", section.group(1), count=1, flags=re.M)
    return TEXT[:section.start(1)] + body + TEXT[section.end(1):]


def load_variant(v: Variant, tmp_path: Path) -> ServiceModel | None:
    """The changed model, or None when the loader refuses it (a course that cannot exist)."""
    path = tmp_path / f"{v}.toml"
    path.write_text(changed_text(v), encoding="utf-8")
    try:
        return load_service_model(path)
    except ServiceModelError:
        return None


def variants(tmp_path_factory: pytest.TempPathFactory) -> list[Variant]:
    """One loadable change per number: up one, else down one."""
    tmp = tmp_path_factory.mktemp("variants")
    out = []
    for name, table in PARAMS.items():
        for key in ("value", "min", "max", "default"):
            if key not in table:
                continue
            lo, hi = bounds(name)
            for new in (table[key] + 1, table[key] - 1):
                v = Variant(name, key, new)
                if lo <= new <= hi and load_variant(v, tmp) is not None:
                    out.append(v)
                    break
    return out


def roster_for(sm: ServiceModel) -> Roster:
    """The small roster, with per-client counts inside the changed model's ranges (the reader
    refuses counts outside them, so a roster never has such a client)."""
    def fit(name: str, value: int) -> int:
        rng = sm.rng(name)
        return min(max(value, rng.min), rng.max)

    # Two clients: A2, whose case manager is the group's leader, and A3 with a clear
    # employment plan (final discussion in the deepening period): the two special cases of a
    # tiny roster, in a model half the size of three clients.
    base = tiny_roster(3)
    groups = {gid: replace(g, max_size=fit("group_max_size", g.max_size)) for gid, g in base.groups.items()}
    counts = ("start_visits", "ready_visits", "wp_visits", "wp_days", "follow_up_visits")
    clients = {cid: replace(c, **{n: fit(n, getattr(c, n)) for n in counts})
               for cid, c in base.clients.items() if cid != "A1"}
    return replace(base, groups=groups, clients=clients)


def model_plan(roster: Roster, sm: ServiceModel, solved: dict[str, cp_model.CpSolver | None]) -> Plan | None:
    """The CP-SAT model's first solution (in the search windows around the targets), or None.

    A number that only the plan's rows read (a report's due days, the network meetings) leaves
    the model as it was: the solution of an identical model (`solved`, by the model's text) is
    read again through this model's rows instead of solving it again, which halves the test."""
    cal = Calendar(roster)
    try:
        cms = choose_case_managers(roster, sm, deterministic=True)
        b = build_model(roster, sm, cal, cms)
    except NoPlan:
        return None
    b.m.ClearObjective()
    key = str(b.m.Proto())  # the model in text form
    if key not in solved:
        solver = new_solver(WORK_SECONDS, seed=1, workers=1, light=True, deterministic=True, lp=False)
        solver.parameters.stop_after_first_solution = True
        # One worker needs no interleaving to repeat itself; alone, without the linear
        # relaxation, it finds the first plan of this roster in 1.1 s instead of 2.5 s.
        solver.parameters.interleave_search = False
        found = solver.Solve(b.m) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        solved[key] = solver if found else None
    solver = solved[key]
    return extract_plan(b, solver) if solver is not None else None


def broken(roster: Roster, sm: ServiceModel, plan: Plan) -> list[str]:
    report = validate(roster, sm, plan)
    return [f"{r.rule}: {r.findings[0].en}" for r in report.broken]


def test_every_number_has_a_loadable_change(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The test below covers the parameters; these few cannot move by one and stay a course
    that exists (the group days must add up to group_days_total, R-TOTAL-2)."""
    covered = {v.name for v in variants(tmp_path_factory)}
    assert set(PARAMS) - covered <= {"start_blocks", "block_days", "deep_group_days", "final_group_days"}


def test_planner_and_validator_agree_on_every_changed_number(tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("models")
    disagree, planned, no_plan = [], 0, []
    solved: dict[str, cp_model.CpSolver | None] = {}
    for v in variants(tmp_path_factory):
        sm = load_variant(v, tmp)
        assert sm is not None
        roster = roster_for(sm)
        if prechecks(roster, sm):
            no_plan.append(str(v))  # said before any search; nothing to compare
            continue
        try:
            plans = {"greedy": greedy_plan(roster, sm)}
        except NoGreedyPlan:
            plans = {}
        if (plan := model_plan(roster, sm, solved)) is not None:
            plans["model"] = plan
        if not plans:
            no_plan.append(str(v))
        for who, plan in plans.items():
            planned += 1
            if problems := broken(roster, sm, plan):
                disagree.append(f"{v} ({who}): {problems[:2]}")
    assert disagree == []
    print(f"{len(solved)} models solved for {planned} plans")
    # Not vacuous: nearly every changed model still gives plans to compare.
    assert planned >= len(PARAMS), (planned, no_plan)
    assert len(no_plan) <= 3, no_plan


def test_a_planner_ignoring_a_number_is_caught(tmp_path: Path, sm: ServiceModel) -> None:
    """The check itself: with two calls a week asked by the model file but a planner that still
    makes one (the plan of the unchanged model), the validator finds R-WP-4 broken."""
    two_calls = load_variant(Variant("wp_calls_per_week", "value", 2), tmp_path)
    assert two_calls is not None
    roster = roster_for(sm)
    plan = greedy_plan(roster, sm)
    assert broken(roster, sm, plan) == []
    assert any(p.startswith("R-WP-4") for p in broken(roster, two_calls, plan))
