"""optimizer/search/split.py: groups that share no person and no room are planned apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from optimizer.checks.validate import validate
from optimizer.core.domain import CASE_MANAGER, GROUP_LEADER, Group, Staff
from optimizer.search.solve import solve
from optimizer.search.split import independent_parts

from .conftest import client, tiny_roster


def two_sites(shared_room: bool = False):
    """Two groups with their own staff in two sites; optionally one room for both."""
    base = tiny_roster(3)
    room = "sali" if shared_room else None
    staff = {**base.staff,
             "L2": Staff("L2", frozenset({GROUP_LEADER, CASE_MANAGER}), site="B"),
             "C2": Staff("C2", frozenset({CASE_MANAGER}), site="B")}
    staff["L1"] = replace(staff["L1"], site="A")
    staff["C1"] = replace(staff["C1"], site="A")
    groups = {"G1": replace(base.groups["G1"], site="A", room=room),
              "G2": Group("G2", date(2027, 2, 1), date(2027, 3, 1), ("L2",), max_size=6, site="B", room=room)}
    clients = {**base.clients, **{f"B{k}": client(f"B{k}", group="G2", case_manager=None) for k in (1, 2, 3)}}
    return replace(base, staff=staff, groups=groups, clients=clients)


def test_sites_without_shared_staff_are_parts():
    parts = independent_parts(two_sites())
    assert [sorted(p.groups) for p in parts] == [["G1"], ["G2"]]
    assert set(parts[1].staff) == {"L2", "C2"}


def test_a_shared_room_or_person_keeps_one_part():
    """R-GROUP-5 and R-GROUP-4 link groups: a room or a leader shared means one model."""
    assert len(independent_parts(two_sites(shared_room=True))) == 1
    roster = two_sites()
    linked = replace(roster, groups={**roster.groups, "G2": replace(roster.groups["G2"], leaders=("L1",))})
    assert len(independent_parts(linked)) == 1


def test_parts_planned_apart_join_into_a_valid_plan(sm):
    roster = two_sites()
    result = solve(roster, sm, time_limit_s=20)
    assert result.plan is not None
    report = validate(roster, sm, result.plan)
    assert report.ok, [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken]
    # Case managers chosen within each site (R-STAFF-3).
    assert {result.case_managers[f"B{k}"] for k in (1, 2, 3)} <= {"L2", "C2"}


def test_a_part_whose_greedy_order_gets_stuck_starts_from_the_greedy_plan_of_its_own_case_managers(sm, monkeypatch):
    """An XL part at 900 s once ended without a plan, and once with the greedy plan of the last
    resort (1.12.): the greedy order got stuck with the optimizer's case managers, and planning the
    groups one by one took most of the time and ended incomplete. The greedy planner with its own
    choice gives the part a start plan at once, kept when no search finds a better one, and
    validated like any; planning one by one is never needed."""
    import optimizer.search.solve as S

    roster = two_sites()
    monkeypatch.setattr(S, "first_plan", lambda *a, **k: None)
    monkeypatch.setattr(S, "plan_groups_one_by_one", lambda *a, **k: pytest.fail("planned one by one"))
    monkeypatch.setattr(S, "_solve_once", lambda *a, **k: S.Result(S.Status.UNKNOWN))
    result = solve(roster, sm, time_limit_s=4)
    assert result.status == S.Status.FEASIBLE and result.plan is not None
    assert result.report.ok and validate(roster, sm, result.plan).ok
    assert {e.client_id for e in result.plan.events if e.client_id} == set(roster.clients)
