"""Weekly calls set apart from visits (optimizer/search/spacing.py).

R-WP-4 lets a week's call fall on any working day of the week inside the practice. A call on the
day next to a visit is moved, within its week, where a free day lies further from the client's
visits. The moved plan keeps every rule and costs the same. A call stays where the week has no
such day, where it is pinned (R-CLIENT-3), or where a re-plan's previous plan had it (S-CHANGE).
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, timedelta

import pytest

from optimizer.checks.costs import objective
from optimizer.checks.validate import validate
from optimizer.core import plan as P
from optimizer.core.calendar import Calendar
from optimizer.core.plan import Event, Plan, RunSettings
from optimizer.search.greedy import greedy_plan
from optimizer.search.spacing import APART_DAYS, calls_apart

from .conftest import tiny_roster, with_absence

CASE_MANAGERS = {"A1": "C1"}


def _visits(plan: Plan, cid: str) -> list[date]:
    return [e.date for e in plan.events if e.client_id == cid and e.is_individual and e.kind != P.PHONE_CALL]


def _call_next_to_a_visit(roster, sm) -> tuple[Plan, Event]:
    """A valid plan of one client whose call, in some practice week, falls the day after a visit."""
    plan = greedy_plan(roster, sm, case_managers=CASE_MANAGERS)
    cal = Calendar(roster)
    wp = next(p for p in plan.periods if p.client_id == "A1" and p.phase == P.WORK_PRACTICE)
    busy = {e.date for e in plan.events if e.client_id == "A1" and e.is_individual}
    early = [e for e in plan.events if e.client_id == "A1" and e.kind == P.WP_VISIT and e.date.weekday() < 3]
    for visit in sorted(early, key=lambda e: e.date):
        day = visit.date + timedelta(days=1)
        week = day.isocalendar()[:2]
        calls = [e for e in plan.events if e.client_id == "A1" and e.kind == P.PHONE_CALL
                 and e.date.isocalendar()[:2] == week]
        i = cal.index(day)
        if (len(calls) != 1 or day in busy or not wp.start <= day <= wp.end or not cal.client_available("A1", i)
                or not cal.staff_at_work(calls[0].staff_ids[0], i) or calls[0].substitute):
            continue
        moved = replace(calls[0], date=day)
        crafted = Plan([moved if e is calls[0] else e for e in plan.events], list(plan.periods), set(plan.postponed))
        assert validate(roster, sm, crafted).ok  # the call next to the visit keeps every rule
        return crafted, moved
    raise AssertionError("no practice week with a visit early in the week and a free next day")


def _week_calls(plan: Plan, call: Event) -> list[Event]:
    week = call.date.isocalendar()[:2]
    return [e for e in plan.events if e.client_id == call.client_id and e.kind == P.PHONE_CALL
            and e.date.isocalendar()[:2] == week]


def test_a_call_next_to_a_visit_moves_apart_within_its_week(sm):
    """R-WP-4: the call moves to a day at least APART_DAYS from every visit, in the same week,
    with the same caller; the plan keeps every rule and costs the same."""
    roster = tiny_roster(1)
    crafted, call = _call_next_to_a_visit(roster, sm)
    spaced = calls_apart(roster, sm, Calendar(roster), crafted, CASE_MANAGERS)
    [after] = _week_calls(spaced, call)
    assert after.date != call.date
    assert min(abs((after.date - v).days) for v in _visits(spaced, "A1")) >= APART_DAYS
    assert after.staff_ids == call.staff_ids and after.substitute == call.substitute
    report = validate(roster, sm, spaced)
    assert report.ok, [r.rule for r in report.broken]
    assert objective(roster, sm, spaced) == objective(roster, sm, crafted)


def test_a_call_stays_when_its_caller_is_away_the_rest_of_the_week(sm):
    """R-STAFF-1: no day of the week both frees the call from the visit and has the caller at
    work (away on every day but the visit's and the call's), so the call stays."""
    roster = tiny_roster(1)
    crafted, call = _call_next_to_a_visit(roster, sm)
    monday = call.date - timedelta(days=call.date.weekday())
    away = roster
    for n in range(5):
        day = monday + timedelta(days=n)
        if day not in (call.date, call.date - timedelta(days=1)):
            away = with_absence(away, call.staff_ids[0], day, day)
    assert validate(away, sm, crafted).ok
    spaced = calls_apart(away, sm, Calendar(away), crafted, CASE_MANAGERS)
    assert _week_calls(spaced, call) == [call]


@pytest.mark.parametrize("how", ["pinned", "previous"])
def test_a_call_the_run_keeps_stays_next_to_the_visit(sm, how):
    """R-CLIENT-3: a pinned call stays exactly; S-CHANGE: in a re-plan, a call where the
    previous plan had it stays there."""
    roster = tiny_roster(1)
    crafted, call = _call_next_to_a_visit(roster, sm)
    run = RunSettings(pinned=(call,)) if how == "pinned" else RunSettings(previous=crafted)
    spaced = calls_apart(roster, sm, Calendar(roster), crafted, CASE_MANAGERS, run)
    assert _week_calls(spaced, call) == [call]


def _working_days_apart(cal: Calendar, a: date, b: date) -> int:
    """Working days from the earlier of two working days to the later (the next one is 1)."""
    first, last = sorted((cal.index(a), cal.index(b)))
    return len(cal.working_between(first, last)) - 1


def test_calls_on_a_friday_and_the_next_monday_move_apart(sm):
    """R-WP-4: a week's call on the Friday and the next week's on the Monday are one working
    day apart, though both stand apart from every visit. One of them moves, within its week,
    so the two are APART_DAYS or more apart; no call comes next to a visit; the plan keeps
    every rule and costs the same."""
    roster = tiny_roster(1)
    plan = greedy_plan(roster, sm, case_managers=CASE_MANAGERS)
    cal = Calendar(roster)
    wp = next(p for p in plan.periods if p.client_id == "A1" and p.phase == P.WORK_PRACTICE)
    calls = sorted((e for e in plan.events if e.client_id == "A1" and e.kind == P.PHONE_CALL), key=lambda e: e.date)
    busy = {e.date for e in plan.events if e.client_id == "A1" and e.is_individual}
    visits = _visits(plan, "A1")

    def usable(call: Event, day: date) -> bool:
        i = cal.index(day)
        return (wp.start <= day <= wp.end and day not in busy and cal.client_available("A1", i)
                and cal.staff_at_work(call.staff_ids[0], i) and not call.substitute
                and min(_working_days_apart(cal, day, v) for v in visits) >= APART_DAYS + 1)

    for first, second in itertools.pairwise(calls):
        friday = first.date + timedelta(days=4 - first.date.weekday())
        monday = friday + timedelta(days=3)
        if second.date.isocalendar()[:2] != monday.isocalendar()[:2]:
            continue
        if not (usable(first, friday) or friday == first.date) or not (usable(second, monday) or monday == second.date):
            continue
        pair = {first: replace(first, date=friday), second: replace(second, date=monday)}
        crafted = Plan([pair.get(e, e) for e in plan.events], list(plan.periods), set(plan.postponed))
        if _working_days_apart(cal, friday, monday) != 1 or not validate(roster, sm, crafted).ok:
            continue
        break
    else:
        raise AssertionError("no two practice weeks whose Friday and Monday are free and apart from visits")
    spaced = calls_apart(roster, sm, cal, crafted, CASE_MANAGERS)
    [a] = _week_calls(spaced, pair[first])
    [b] = _week_calls(spaced, pair[second])
    assert _working_days_apart(cal, a.date, b.date) >= APART_DAYS
    for before, after in ((pair[first], a), (pair[second], b)):
        near = min(_working_days_apart(cal, before.date, v) for v in visits)
        assert min(_working_days_apart(cal, after.date, v) for v in visits) >= min(near, APART_DAYS)
        assert after.staff_ids == before.staff_ids
    report = validate(roster, sm, spaced)
    assert report.ok, [r.rule for r in report.broken]
    assert objective(roster, sm, spaced) == objective(roster, sm, crafted)
