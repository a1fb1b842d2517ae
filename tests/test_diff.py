"""What changed between two plans (issue 6): moved, added, removed and reassigned events,
grouped by staff member; `optimize diff` prints and writes the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import openpyxl

from optimizer.core.plan import Event, Period, Plan
from optimizer.explain.diff import (
    ADDED,
    CLIENT,
    EMPLOYER,
    GAINS,
    KELA,
    LOSES,
    MOVED,
    REASSIGNED,
    REMOVED,
    audience,
    by_staff,
    changes,
    diff_lines,
    plan_diff,
)
from optimizer.workbook.changes import change_rows

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


def practice(start: date, end: date) -> Period:
    return Period("A114", "T27-2", "work_practice", start, end, 50)


def calls(first: date, staff: list[str]) -> list[Event]:
    """A114's weekly calls of the work practice from `first`, the k-th made by staff[k]."""
    return [Event(first + timedelta(weeks=k), "phone_call", "work_practice", "T27-2", "A114", (s,), "phone",
                  substitute=s != "S05") for k, s in enumerate(staff)]


def test_a_moved_practice_period_is_listed_first_and_a_call_changing_hands_reads_s05_to_s03():
    """Issue 15: A114's whole work practice moved from 12.5.-21.7. to 7.5.-16.7.2027 and S03 now
    makes a call S05 made. The period comes first, with the client and the employer to tell; the
    calls pair by their ordinal (the k-th call with the k-th), so the handed call is S05's loss and
    S03's gain, "S05 → S03", not a move of 47 days."""
    visit = Event(date(2027, 5, 12), "wp_visit", "work_practice", "T27-2", "A114", ("S05",), "site")
    old = Plan([visit, *calls(date(2027, 5, 14), ["S05"] * 6)], [practice(date(2027, 5, 12), date(2027, 7, 21))])
    new = Plan([replace(visit, date=date(2027, 5, 7)),
                *calls(date(2027, 5, 10), ["S05", "S05", "S05", "S05", "S03", "S05"])],
               [practice(date(2027, 5, 7), date(2027, 7, 16))])
    found = plan_diff(old, new)
    assert [(c.change, c.period.phase, c.days) for c in found.periods] == [(MOVED, "work_practice", -5)]
    handed = [c for c in found.events if c.hands]
    assert [(c.hands, c.days, c.role("S05"), c.role("S03")) for c in handed] == [("S05 → S03", -4, LOSES, GAINS)]
    assert all(c.days in (-4, -5) for c in found.events)  # no call paired with another week's
    assert audience(found.periods[0]) == [(CLIENT, "A114"), (EMPLOYER, "A114")]
    lines = diff_lines(found, "en")
    assert lines[:2] == ["Periods by client:", "  A114 work practice (moved): 2027-05-12–2027-07-21 → "
                         "2027-05-07–2027-07-16 (-5); tell: client A114, client A114's employer"]
    s03 = lines.index("S03: gains 1, loses 0, moves 0")
    assert lines[s03 + 1].split()[0] == "gains" and lines[s03 + 1].endswith("S05 → S03")
    s05 = lines.index("S05: gains 0, loses 1, moves 6")
    losses = [line for line in lines[s05 + 1:] if line.split()[0] == "loses"]
    assert len(losses) == 1 and losses[0].endswith("S05 → S03")
    assert "client A114's employer" in lines[-1] and "Kela" not in lines[-1]
    fi = diff_lines(found, "fi")
    assert fi[1].startswith("  A114 työharjoittelu (siirtyi): 12.5.–21.7.2027 → 7.5.–16.7.2027 (-5); kerro: "
                            "asiakas A114")
    rows = change_rows(found, "fi")
    assert rows[0][:9] == ["S05", MOVED, "siirtyi", "A114 työharjoittelu", "A114", "T27-2", date(2027, 5, 12),
                           date(2027, 5, 7), -5]
    assert rows[0][11:] == ["12.5.–21.7.2027", "7.5.–16.7.2027", "", "asiakas A114, asiakkaan A114 työnantaja"]
    assert [r[2] for r in rows if r[0] == "S03"] == ["siirtyi, S05 → S03"]


def test_a_moved_report_is_told_to_kela_and_unequal_counts_pair_in_order():
    """A report due (Kela receives it) moved: Kela is named. Of a phase with one call fewer, the
    calls pair in order with the fewest days shifted in all, and the one left over is removed."""
    report = Event(date(2027, 9, 1), "report_due", "final", "T27-2", "A114", ("S05",))
    old = Plan([report, *calls(date(2027, 5, 14), ["S05"] * 4)])
    new = Plan([replace(report, date=date(2027, 9, 8)),
                *[e for k, e in enumerate(calls(date(2027, 5, 14), ["S05"] * 4)) if k != 2]])
    found = plan_diff(old, new)
    assert [(c.change, c.event.kind, c.before.date if c.before else None) for c in found.events] == [
        (REMOVED, "phone_call", date(2027, 5, 28)), (MOVED, "report_due", date(2027, 9, 1))]
    assert (KELA, "") in audience(found.events[1])
    assert diff_lines(found, "en")[-1] == "  tell: client A114, Kela"


def test_optimize_diff_lists_a_moved_work_practice_first_on_the_console_and_the_sheet(tiny_solution, sm, tmp_path):
    """Issue 15, end to end: a client's work practice and its events a week later. `optimize
    diff` names the period before any person's events, with the employer to tell, and the
    Changes sheet's first row is the period with its dates before and after."""
    from optimizer.checks.validate import validate
    from optimizer.search.solve import Status
    from optimizer.workbook.write import PlanBook, Summary, write_plan

    roster, result = tiny_solution
    plan = result.plan
    cid = plan.periods[0].client_id
    week = timedelta(days=7)
    later = Plan([replace(e, date=e.date + week) if e.client_id == cid and e.phase == "work_practice" else e
                  for e in plan.events],
                 [replace(p, start=p.start + week, end=p.end + week) if (p.client_id, p.phase) == (cid, "work_practice")
                  else p for p in plan.periods], plan.postponed)
    for name, p in (("old.xlsx", plan), ("new.xlsx", later)):
        write_plan(tmp_path / name, PlanBook(roster, sm, p, validate(roster, sm, p), Summary(Status.FEASIBLE)), "en")
    out = run("diff", str(tmp_path / "old.xlsx"), str(tmp_path / "new.xlsx"), "--lang", "en")
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == "Periods by client:"
    assert lines[1].startswith(f"  {cid} work practice (moved): ") and lines[1].endswith(
        f"(+7); tell: client {cid}, client {cid}'s employer")
    assert all(not line.startswith("  ") for line in lines[2:3])  # then the first person
    rows = list(openpyxl.load_workbook(tmp_path / "new-changes.xlsx")["Changes"].iter_rows(min_row=2, values_only=True))
    first = next(p for p in plan.periods if (p.client_id, p.phase) == (cid, "work_practice"))
    assert rows[0][1:9] == ("moved", "moved", f"{cid} work practice", cid, first.group_id,
                            datetime.combine(first.start, datetime.min.time()),
                            datetime.combine(first.start + week, datetime.min.time()), 7)
    assert all(r[11] is None for r in rows[1:])  # the events after the period
