"""What changed between two plans (issue 6): moved, added, removed and reassigned events,
grouped by staff member; `optimize diff` prints and writes the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import openpyxl

from optimizer.core.plan import Event, Plan
from optimizer.explain.diff import ADDED, MOVED, REASSIGNED, REMOVED, by_staff, changes

from .test_cli import run


def ev(day: int, kind: str = "wp_visit", client: str | None = "A1", staff: tuple[str, ...] = ("C1",),
       phase: str = "work_practice") -> Event:
    return Event(date(2027, 5, day), kind, phase, "G1", client, staff, "site")


def test_moves_additions_removals_and_reassignments():
    old = Plan([ev(3), ev(10), ev(17), ev(4, "group_day", None, ("L1",), "deep"), ev(5, "phone_call")])
    new = Plan([ev(3), ev(12), ev(17), ev(24), ev(11, "group_day", None, ("L1",), "deep"),
                ev(5, "phone_call", staff=("L1",))])
    found = changes(old, new)
    kinds = sorted((c.change, c.event.kind, c.before.date.day if c.before else None,
                    c.after.date.day if c.after else None) for c in found)
    assert kinds == sorted([(MOVED, "wp_visit", 10, 12), (ADDED, "wp_visit", None, 24),
                            (MOVED, "group_day", 4, 11), (REASSIGNED, "phone_call", 5, 5)])
    assert next(c for c in found if c.change == MOVED and c.event.kind == "group_day").days == 7
    staff = by_staff(found)
    assert set(staff) == {"C1", "L1"}
    assert any(c.change == REASSIGNED for c in staff["C1"]) and any(c.change == REASSIGNED for c in staff["L1"])
    removed = changes(new, old)
    assert sum(c.change == REMOVED for c in removed) == 1


def test_same_plan_has_no_changes(tiny_solution):
    _, result = tiny_solution
    assert changes(result.plan, result.plan) == []


def test_optimize_diff_lists_exactly_the_moved_event_under_its_staff(tiny_solution, sm, tmp_path):
    from optimizer.checks.validate import validate
    from optimizer.search.solve import Status
    from optimizer.workbook.write import PlanBook, Summary, write_plan

    roster, result = tiny_solution
    plan = result.plan
    target = next(e for e in plan.events if e.kind == "ready_visit")
    moved = Plan([replace(e, date=e.date + timedelta(days=1)) if e is target else e for e in plan.events],
                 plan.periods, plan.postponed)
    for name, p in (("old.xlsx", plan), ("new.xlsx", moved)):
        write_plan(tmp_path / name, PlanBook(roster, sm, p, validate(roster, sm, p), Summary(Status.FEASIBLE)), "en")
    out = run("diff", str(tmp_path / "old.xlsx"), str(tmp_path / "new.xlsx"), "--lang", "en")
    assert out.exit_code == 0, out.output
    assert f"{target.staff_ids[0]}:" in out.output and "1 change (1 moved, 0 added, 0 removed)" in out.output
    rows = list(openpyxl.load_workbook(tmp_path / "new-changes.xlsx")["Changes"].iter_rows(min_row=2,
                                                                                            values_only=True))
    assert len(rows) == 1
    staff, change, _, _, client, _, before, after, days = rows[0][:9]
    assert (staff, change, client, days) == (target.staff_ids[0], "moved", target.client_id, 1)
    assert before.date() == target.date and after.date() == target.date + timedelta(days=1)
