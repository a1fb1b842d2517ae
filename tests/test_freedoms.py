"""The freedoms of the service description (issue 14), planned end to end on tiny rosters and
validated: an agreed late practice start (R-WP-1, Q3), part-time practice (R-WP-2), a postponement
the coordinator asks for (R-GROUP-2, Q13) and a clear-plan client at the final days (R-DEEP-2, Q5)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from optimizer.core import plan as P

from .conftest import solve_and_check, tiny_roster, with_absence


def _wp(result, cid):
    return next(p for p in result.plan.periods if p.client_id == cid and p.phase == P.WORK_PRACTICE)


def _ready(result, cid):
    return sorted(e.date for e in result.plan.events if e.client_id == cid and e.kind == P.READY_VISIT)


def test_agreed_start_five_weeks_after_the_getting_ready_visits_is_planned_with_a_notice(sm):
    """R-WP-1: wp_start beyond wp_start_max_gap_days holds when agreed with the employer. The case
    manager is away for the five weeks before it, so the getting-ready visits come before that."""
    base, _ = solve_and_check(tiny_roster(2), sm, deterministic=True)
    last_ready = _ready(base, "A1")[-1]
    agreed = last_ready + timedelta(days=35)
    agreed += timedelta(days=(7 - agreed.weekday()) % 7)  # a Monday
    roster = with_absence(tiny_roster(2), "C1", last_ready + timedelta(days=1), agreed - timedelta(days=1))
    roster = replace(roster, clients={**roster.clients, "A1": replace(roster.clients["A1"], wp_start=agreed)})
    result, report = solve_and_check(roster, sm, deterministic=True)
    assert _wp(result, "A1").start == agreed
    assert (agreed - _ready(result, "A1")[-1]).days >= 35
    assert any(f.rule == "R-WP-1" and f.notice and f.who == "A1" for r in report.results for f in r.findings)


def test_part_time_practice_mon_thu_gets_fifty_days_within_three_and_a_half_months(sm):
    """R-WP-2: wp_weekdays ma-to; 50 days of four a week fit in 106 days."""
    roster = tiny_roster(2)
    roster = replace(roster, clients={**roster.clients,
                                      "A1": replace(roster.clients["A1"], wp_weekdays=frozenset({0, 1, 2, 3}))})
    result, _ = solve_and_check(roster, sm, deterministic=True)
    wp = _wp(result, "A1")
    assert wp.days == 50 and (wp.end - wp.start).days + 1 <= sm.num("wp_max_span_days")
    assert all(e.date.weekday() < 4 for e in result.plan.events
               if e.client_id == "A1" and e.phase == P.WORK_PRACTICE and e.kind == P.WP_VISIT)


def test_part_time_practice_mon_wed_gets_what_fits_and_the_reason_notice(sm):
    """R-WP-2: three days a week cannot reach 50 in 106 days: as many as fit, and Notices ask for
    the documented reason."""
    roster = tiny_roster(2)
    roster = replace(roster, clients={**roster.clients,
                                      "A1": replace(roster.clients["A1"], wp_weekdays=frozenset({0, 1, 2}))})
    result, report = solve_and_check(roster, sm, deterministic=True)
    wp = _wp(result, "A1")
    assert 40 <= wp.days < 50
    assert any(f.rule == "R-WP-2" and f.notice and f.who == "A1" for r in report.results for f in r.findings)


def test_postpone_yes_starts_the_group_after_its_window(sm):
    """R-GROUP-2: a group below its minimum that the coordinator postpones starts after its
    agreed window, within postpone_max_months of the earliest decision."""
    roster = tiny_roster(3)  # 3 clients of a group of at most 6: below the minimum of 4
    roster = replace(roster, groups={"G1": replace(roster.groups["G1"], postpone=True)})
    result, _ = solve_and_check(roster, sm, deterministic=True)
    first = min(e.date for e in result.plan.events if e.kind == P.GROUP_DAY)
    assert first > roster.groups["G1"].start_latest
    assert first <= date(2027, 5, 11)  # 4 months after the decisions of 11.1.2027
    assert "G1" in result.plan.postponed


def test_a_clear_plan_client_who_attends_the_final_days_has_them_in_periods(sm):
    """R-DEEP-2: attends_final yes gives the client's final period (days = final group days)."""
    roster = tiny_roster(3)  # A3 has a clear plan
    roster = replace(roster, clients={**roster.clients, "A3": replace(roster.clients["A3"], attends_final=True)})
    result, _ = solve_and_check(roster, sm)  # what follows holds in every valid plan
    final = [p for p in result.plan.periods if p.client_id == "A3" and p.phase == P.FINAL]
    days = sorted(e.date for e in result.plan.events if e.kind == P.GROUP_DAY and e.phase == P.FINAL)
    assert len(final) == 1 and (final[0].start, final[0].end, final[0].days) == (days[0], days[-1], len(days))
    assert not [e for e in result.plan.events if e.client_id == "A3" and e.kind == P.FINAL_DISCUSSION
                and e.phase == P.FINAL]
