"""The quality view (issue 14, optimizer/checks/quality.py): each figure pinned on small plans
built by hand, worked out in the comments from the dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from optimizer.checks.quality import ROWS, Quality, quality, quality_rows
from optimizer.core.domain import CASE_MANAGER, GROUP_LEADER, Absence, Group, Roster, Staff
from optimizer.core.plan import Event, Period, Plan

from .conftest import PLAN_START, client

D = date


def roster(**clients_kw: dict) -> Roster:
    staff = {s: Staff(s, frozenset({CASE_MANAGER, GROUP_LEADER})) for s in ("C1", "C2", "S1", "S2")}
    groups = {"G1": Group("G1", D(2027, 2, 1), D(2027, 3, 1), ("C2",))}
    clients = {
        "A1": client("A1", decision=D(2027, 1, 11), case_manager="C1"),
        "A2": client("A2", decision=D(2027, 1, 13), case_manager="C1", wp_start=D(2027, 3, 17)),
        "A3": client("A3", decision=D(2027, 1, 13), case_manager="C1"),  # nothing planned for A3
    }
    for cid, kw in clients_kw.items():
        clients[cid] = replace(clients[cid], **kw)
    return Roster(PLAN_START, D(2028, 9, 1), staff, groups, clients)


def ev(day: date, kind: str, phase: str, cid: str | None = "A1", mode: str | None = None, staff: str = "C1",
       **flags: bool) -> Event:
    return Event(day, kind, phase, "G1", cid, (staff,), mode, **flags)


def visit(day: date, cid: str, mode: str = "site", **flags: bool) -> Event:
    return ev(day, "wp_visit", "work_practice", cid, mode, **flags)


def two_clients() -> Plan:
    """A1 and A2 of one group, every figure worked out by hand below; A3 has no events."""
    deep = [ev(D(2027, 8, k), "group_day", "deep", None) for k in (2, 3, 4, 5)]  # Mon-Thu
    a1 = [
        ev(D(2027, 1, 13), "start_visit", "start", mode="office"),  # 2 days after the decision 11.1.
        ev(D(2027, 1, 20), "start_visit", "start", mode="office"),
        ev(D(2027, 3, 1), "ready_visit", "ready", mode="office"),  # Mon
        ev(D(2027, 3, 2), "ready_visit", "ready", mode="office"),  # Tue: the next working day, gap 1
        ev(D(2027, 3, 9), "ready_visit", "ready", mode="office"),  # gap 7
        visit(D(2027, 3, 17), "A1", with_employer=True),  # practice from Mon 15.3.: day 3
        visit(D(2027, 3, 31), "A1", "video", network_meeting=True),  # gap 14, after the first site visit
        visit(D(2027, 4, 1), "A1"),  # gap 1, the same week as 31.3.: a week of two visits
        visit(D(2027, 5, 20), "A1"),  # gap 49
        ev(D(2027, 4, 7), "phone_call", "work_practice", mode="phone", staff="S1", substitute=True),
        ev(D(2027, 4, 14), "phone_call", "work_practice", mode="phone", staff="S2", substitute=True),
        ev(D(2027, 4, 21), "phone_call", "work_practice", mode="phone"),
        ev(D(2027, 12, 1), "follow_up_visit", "follow_up", mode="office"),
        ev(D(2028, 2, 15), "follow_up_visit", "follow_up", mode="office"),  # 13.1.2027-15.2.2028: 14 months
        ev(D(2027, 1, 13), "certificate_due", "start"),  # deadlines are not visits
    ]
    a2 = [
        ev(D(2027, 1, 25), "start_visit", "start", "A2", "office"),  # 12 days after the decision 13.1.
        ev(D(2027, 1, 26), "start_visit", "start", "A2", "office"),  # the next working day (S-START)
        ev(D(2027, 3, 1), "ready_visit", "ready", "A2", "office"),
        ev(D(2027, 3, 8), "ready_visit", "ready", "A2", "office"),  # gap 7
        visit(D(2027, 3, 18), "A2", "video", network_meeting=True),  # before any site visit: early
        visit(D(2027, 3, 24), "A2"),  # practice from Wed 17.3.: 17, 18, 19, 22, 23, 24 -> day 6
        visit(D(2027, 4, 13), "A2", with_employer=True),  # the employer only now: not within 5 days
        ev(D(2027, 4, 14), "phone_call", "work_practice", "A2", "phone", staff="S1", substitute=True),
        ev(D(2027, 11, 30), "follow_up_visit", "follow_up", "A2", "video"),  # 25.1.-30.11.2027: 11 months
    ]
    periods = [
        Period("A1", "G1", "work_practice", D(2027, 3, 15), D(2027, 5, 28), 50),  # Mon; 65 days before 2.8.
        Period("A2", "G1", "work_practice", D(2027, 3, 17), D(2027, 6, 1), 50),  # agreed Wed; 61 days
    ]
    return Plan(deep + a1 + a2, periods)


def test_every_figure_of_a_two_client_plan(sm):
    q = quality(roster(), sm, two_clients())
    assert q == Quality(
        decision_days_median=7.0, decision_days_min=2, decision_soon=1, start_next_day_pairs=1,
        ready_gap_min=1, ready_gap_median=7.0, ready_next_day_pairs=1,
        wp_week_start_share=1.0,  # A1 only: A2's start was agreed with the employer
        first_site_day_median=4.5, first_site_day_max=6, first_employer_visit_share=0.5,
        network_before_site=1,
        wp_visit_gap_max=49, wp_visit_gap_max_at_work=49, no_double_week_share=0.5, double_weeks=1,
        wp_next_day_pairs=1,  # A1's 31.3. and 1.4.
        calls_next_to_visit=1,  # A2's call 14.4. the day after its visit 13.4.
        call_next_day_pairs=0,  # A1's calls a week apart
        substitute_calls=3, several_substitutes=1,
        idle_days_median=63.0, idle_days_max=65,
        process_months_median=12.5, process_months_max=14,
    )


def test_an_agreed_start_is_left_out_of_the_week_start_share(sm):
    plan = two_clients()
    assert quality(roster(), sm, plan).wp_week_start_share == 1.0
    # Without the agreement, A2's Wednesday start is the plan's choice and counts against it.
    assert quality(roster(A2={"wp_start": None}), sm, plan).wp_week_start_share == 0.5
    # Agreed for both: no practice the plan chose the start of, no share.
    assert quality(roster(A1={"wp_start": D(2027, 3, 15)}), sm, plan).wp_week_start_share is None


def test_the_first_working_day_of_a_week_follows_holidays_and_part_time_weekdays(sm):
    """Tuesday 30.3.2027 follows Easter Monday: the week's first working day. A part-time client
    practising Tue-Thu starts the week on a Tuesday too."""
    easter = Plan(periods=[Period("A1", "G1", "work_practice", D(2027, 3, 30), D(2027, 6, 11), 50)])
    assert quality(roster(), sm, easter).wp_week_start_share == 1.0
    tuesday = Plan(periods=[Period("A1", "G1", "work_practice", D(2027, 4, 6), D(2027, 6, 11), 50)])
    assert quality(roster(), sm, tuesday).wp_week_start_share == 0.0
    assert quality(roster(A1={"wp_weekdays": frozenset({1, 2, 3})}), sm, tuesday).wp_week_start_share == 1.0


def test_practice_days_to_the_first_visit_leave_out_the_clients_absences(sm):
    """A1 away on 16.3.: the visit on 17.3. is the second practice day, not the third."""
    base = roster()
    away = replace(base, absences=(Absence("A1", D(2027, 3, 16), D(2027, 3, 16), "sairaus"),))
    plan = two_clients()
    assert quality(base, sm, plan).first_site_day_median == 4.5
    assert quality(away, sm, plan).first_site_day_median == 4.0


def test_a_gap_over_the_case_managers_absence_is_left_out_of_the_gap_at_work(sm):
    """A1's 49 days from 1.4. to 20.5. hold C1's holiday 3.-14.5. (R-STAFF-3: nobody else may
    visit): the longest gap with C1 at work throughout is then A2's 20 days (24.3.-13.4.)."""
    away = replace(roster(), absences=(Absence("C1", D(2027, 5, 3), D(2027, 5, 14), "loma"),))
    q = quality(away, sm, two_clients())
    assert (q.wp_visit_gap_max, q.wp_visit_gap_max_at_work) == (49, 20)
    # An absence on the day of a visit is not inside the gap.
    edge = replace(roster(), absences=(Absence("C1", D(2027, 5, 20), D(2027, 5, 21), "loma"),))
    assert quality(edge, sm, two_clients()).wp_visit_gap_max_at_work == 49


def test_a_plan_without_practice_visits_has_no_practice_figures(sm):
    plan = two_clients()
    plan.events = [e for e in plan.events if e.kind != "wp_visit"]
    q = quality(roster(), sm, plan)
    assert q.first_site_day_median is None and q.first_site_day_max is None
    assert q.first_employer_visit_share is None and q.wp_visit_gap_max is None
    assert q.no_double_week_share is None and q.double_weeks == 0 and q.network_before_site == 0
    assert q.decision_days_min == 2 and q.substitute_calls == 3  # the rest is still measured


def test_one_client_and_an_empty_plan(sm):
    plan = two_clients()
    one = Plan([e for e in plan.events if e.client_id in ("A1", None)], plan.periods[:1])
    q = quality(roster(), sm, one)
    assert (q.decision_days_median, q.decision_days_min, q.decision_soon) == (2.0, 2, 1)
    assert (q.ready_gap_min, q.ready_gap_median, q.ready_next_day_pairs) == (1, 4.0, 1)
    assert (q.first_site_day_median, q.first_site_day_max, q.first_employer_visit_share) == (3.0, 3, 1.0)
    assert (q.wp_visit_gap_max, q.no_double_week_share, q.double_weeks) == (49, 0.0, 1)
    assert (q.substitute_calls, q.several_substitutes) == (2, 1)
    assert (q.idle_days_median, q.process_months_max) == (65.0, 14)
    assert quality(roster(), sm, Plan()) == Quality()  # nothing to measure: None and zero counts


def test_a_network_meeting_without_any_site_visit_before_it_is_early(sm):
    plan = Plan([visit(D(2027, 3, 17), "A1", "video", network_meeting=True), visit(D(2027, 3, 24), "A1", "video")],
                [Period("A1", "G1", "work_practice", D(2027, 3, 15), D(2027, 5, 28), 50)])
    q = quality(roster(), sm, plan)
    assert q.network_before_site == 1
    assert q.first_site_day_median is None and q.first_employer_visit_share == 0.0  # visits, no employer


@pytest.mark.parametrize("lang, median, share, none", [("fi", "4,5", "50 %", "–"), ("en", "4.5", "50 %", "–")])
def test_rows_in_words_with_the_languages_number_format(sm, lang, median, share, none):
    plan = two_clients()
    rows = dict(quality_rows(quality(roster(), sm, plan), sm, lang))
    assert len(rows) == len(ROWS) and all(rows.values())  # every row, each label its own
    label = {"fi": "1. työpaikkakäynti, monesko harjoittelupäivä, mediaani",
             "en": "first workplace visit, practice day, median"}[lang]
    assert rows[label] == median
    employer = next(k for k in rows if "5" in k and ("työnantaja" in k or "employer" in k))
    assert rows[employer] == share
    empty = dict(quality_rows(quality(roster(), sm, Plan()), sm, lang))
    assert empty[label] == none


def test_visits_across_a_closure_are_not_on_consecutive_working_days(sm):
    """The provider closed over Christmas: 17.12. and 3.1. have no working day between them, but
    the client has had two weeks; a Friday and the next Monday are consecutive working days."""
    r = replace(roster(), closed_days={D(2027, 12, 20) + timedelta(days=k): "joulu" for k in range(12)})
    plan = Plan([visit(D(2027, 12, 17), "A1"), visit(D(2028, 1, 3), "A1"), visit(D(2028, 1, 7), "A1"),
                 visit(D(2028, 1, 10), "A1")],
                [Period("A1", "G1", "work_practice", D(2027, 12, 1), D(2028, 2, 1), 40)])
    assert quality(r, sm, plan).wp_next_day_pairs == 1  # 7.1. (Fri) and 10.1. (Mon) only


def test_weekly_calls_next_to_a_visit_are_counted(sm):
    """R-WP-4 figure: a call on the working day before or after a visit counts (a Friday visit
    and the Monday call too), a call with a working day between them does not."""
    practice = [Period("A1", "G1", "work_practice", D(2027, 3, 15), D(2027, 5, 28), 50)]
    calls = [ev(D(2027, 4, 22), "phone_call", "work_practice", mode="phone"),  # Thu, the day after Wed's visit
             ev(D(2027, 5, 3), "phone_call", "work_practice", mode="phone"),  # Mon after Fri 30.4.'s visit
             ev(D(2027, 5, 12), "phone_call", "work_practice", mode="phone")]  # Wed, two days after Mon 10.5.
    visits = [visit(D(2027, 4, 21), "A1"), visit(D(2027, 4, 30), "A1"), visit(D(2027, 5, 10), "A1")]
    assert quality(roster(), sm, Plan(calls + visits, practice)).calls_next_to_visit == 2


def test_weekly_calls_on_consecutive_working_days_are_counted(sm):
    """R-WP-4 figure: a Friday call and the next week's Monday call are a pair, and so is a
    Wednesday call and the Friday after Ascension Day (Thursday 6.5.2027); calls with a working
    day between them are not."""
    practice = [Period("A1", "G1", "work_practice", D(2027, 3, 15), D(2027, 5, 28), 50)]
    days = [D(2027, 3, 19), D(2027, 3, 22),  # Fri, Mon: a pair
            D(2027, 4, 9), D(2027, 4, 13),  # Fri, Tue: Monday between them
            D(2027, 5, 5), D(2027, 5, 7)]  # Wed, Fri after Ascension Day: a pair
    calls = [ev(d, "phone_call", "work_practice", mode="phone") for d in days]
    assert quality(roster(), sm, Plan(calls, practice)).call_next_day_pairs == 2
