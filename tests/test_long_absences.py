"""A case manager's long absence inside a work practice (S-SPREAD, R-STAFF-3: visits move, they
do not change hands). A practice that starts a week before the case manager's four-week holiday
leaves the employer a month without a visit; where the group's deepening period waits for a later
practice anyway, the practice goes after the holiday instead, in the greedy plan and the
optimizer's alike (issue 14: no gap between practice visits over 21 days)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from optimizer.checks.costs import objective
from optimizer.checks.validate import validate
from optimizer.core import plan as P
from optimizer.core.calendar import Calendar
from optimizer.core.domain import CASE_MANAGER, Staff
from optimizer.core.placements import days_away, long_absences
from optimizer.core.plan import DEFAULT_RUN
from optimizer.search.greedy import greedy_plan
from optimizer.search.model import build_model
from optimizer.search.model.case_managers import choose_case_managers, practice_spans
from optimizer.search.model.context import SearchWindows
from optimizer.search.solve import rechosen_for_practices

from .conftest import solve_and_check, tiny_roster, with_absence


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _holiday_roster(sm, weeks_away: int = 4):
    """A1's case manager C1 is away `weeks_away` weeks from the second week of A1's earliest
    practice; A2 has an agreed start six weeks after C1 is back, so the group's deepening period
    waits for A2 whatever A1 does."""
    base = greedy_plan(tiny_roster(2), sm)
    first = next(p.start for p in base.periods if p.client_id == "A1" and p.phase == P.WORK_PRACTICE)
    away_from = _monday(first) + timedelta(days=7)
    back = away_from + timedelta(weeks=weeks_away)
    roster = with_absence(tiny_roster(2), "C1", away_from, back - timedelta(days=3))  # Mon to Fri
    agreed = back + timedelta(weeks=6)
    roster = replace(roster, clients={**roster.clients, "A2": replace(roster.clients["A2"], wp_start=agreed)})
    return roster, away_from


def _visit_gaps(plan, cid):
    days = sorted(e.date for e in plan.events if e.client_id == cid and e.kind == P.WP_VISIT)
    return [(b - a).days for a, b in pairwise(days)]


def _practice(plan, cid):
    return next(p for p in plan.periods if p.client_id == cid and p.phase == P.WORK_PRACTICE)


def test_long_absences_join_over_a_weekend_and_leave_out_short_ones():
    roster = with_absence(tiny_roster(1), "C1", date(2027, 6, 7), date(2027, 6, 18))  # Mon-Fri, 12 days
    roster = with_absence(roster, "C1", date(2027, 6, 21), date(2027, 7, 2))  # the next Mon on: one absence
    roster = with_absence(roster, "C1", date(2027, 9, 1), date(2027, 9, 3))  # three days
    cal = Calendar(roster)
    assert [(cal.date(a), cal.date(z)) for a, z in long_absences(cal, "C1", 14)] == [
        (date(2027, 6, 7), date(2027, 7, 2))]
    assert long_absences(cal, "C1", 30) == []
    # Calendar days of the absence within a window: 26 of 26, then the 12 of June 21 - July 2.
    assert days_away(cal, "C1", 14, cal.index(date(2027, 6, 1)), cal.index(date(2027, 7, 31))) == 26
    assert days_away(cal, "C1", 14, cal.index(date(2027, 6, 21)), cal.index(date(2027, 7, 31))) == 12


def test_greedy_plan_starts_the_practice_after_the_case_managers_holiday(sm):
    roster, away_from = _holiday_roster(sm)
    plan = greedy_plan(roster, sm)
    assert validate(roster, sm, plan).ok
    assert _practice(plan, "A1").start > away_from
    assert max(_visit_gaps(plan, "A1")) <= 21


def test_focused_search_reaches_past_a_long_holiday_of_the_case_manager(sm):
    """Eight weeks away: the practice after it begins beyond the focused window's
    ready_target_days + search_slack_days after the start period; the window grows by the
    absence (clients._away_slack), by no more than ready_phase_max_days allows."""
    roster, away_from = _holiday_roster(sm, weeks_away=8)
    cal = Calendar(roster)
    b = build_model(roster, sm, cal, {"A1": "C1", "A2": "L1"})
    start_last = max(o.last for o, _ in b.groups["G1"].start_opts)
    latest = max(o.first for o, _ in b.clients["A1"].wp_opts)
    assert latest > start_last + SearchWindows.focused(sm).ready_max_days
    assert latest <= start_last + sm.num("ready_phase_max_days")
    assert cal.date(latest) > away_from + timedelta(weeks=8)


def test_optimizer_keeps_the_practice_clear_of_the_case_managers_holiday(sm):
    roster, away_from = _holiday_roster(sm, weeks_away=8)
    result, _ = solve_and_check(roster, sm, deterministic=True)
    assert _practice(result.plan, "A1").start > away_from
    assert max(_visit_gaps(result.plan, "A1")) <= 21


def test_case_manager_chosen_again_away_from_a_holiday_inside_the_practice(sm):
    """Before any date is known, C1 and C2 look alike: each has a four-week holiday within the
    months the practice may take. Once the greedy plan dates A1's practice, C1's holiday lies in
    its middle (a month without a visit, S-SPREAD) and C2's after its end: the case manager is
    chosen again, and the plan with C2 is kept because it costs less (never worse)."""
    base = greedy_plan(tiny_roster(2), sm)
    practice = _practice(base, "A1")
    c1_away = _monday(practice.start) + timedelta(days=14)
    c2_away = _monday(practice.end) + timedelta(days=14)
    roster = tiny_roster(2)
    roster = replace(roster, staff={**roster.staff, "C2": Staff("C2", frozenset({CASE_MANAGER}))},
                     clients={**roster.clients, "A1": replace(roster.clients["A1"], case_manager=None)})
    roster = with_absence(roster, "C1", c1_away, c1_away + timedelta(days=25))
    roster = with_absence(roster, "C2", c2_away, c2_away + timedelta(days=25))
    cal = Calendar(roster)
    cms = {"A1": "C1", "A2": "L1"}
    start = greedy_plan(roster, sm, cal, cms)
    assert max(_visit_gaps(start, "A1")) > 21  # the premise: C1's holiday splits the visits
    again, plan = rechosen_for_practices(roster, sm, cal, cms, start, 10.0, 1, True, DEFAULT_RUN)
    assert again == {"A1": "C2", "A2": "L1"}
    assert validate(roster, sm, plan).ok
    assert objective(roster, sm, plan) < objective(roster, sm, start)
    assert max(_visit_gaps(plan, "A1")) <= 21
    # Either holiday priced over the practice's dates: C1's month inside costs, C2's after it not.
    # Without the dates the two are a tie, and the choice stays where it was.
    spans = practice_spans(start)
    assert choose_case_managers(roster, sm, deterministic=True, practices=spans, hint=cms)["A1"] == "C2"
    assert choose_case_managers(roster, sm, deterministic=True, hint=cms)["A1"] == "C1"
