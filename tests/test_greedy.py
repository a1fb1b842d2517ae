"""The greedy baseline (optimizer/search/greedy.py): a coordinator's plan, every rule kept.

Its plans go through the same validator as the optimizer's; where it gets stuck it says which
group or client and which rule. Each soft rule's rhythm is checked on a small roster built for it
(with the case where the rhythm must bend), and each freedom of the input (issue 14).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from benchmarks.generate import SIZES, generate
from optimizer.checks.validate import validate
from optimizer.core.calendar import Calendar
from optimizer.core.domain import CASE_MANAGER, Roster, Staff
from optimizer.core.plan import Event, Period, Plan
from optimizer.search.greedy import NoGreedyPlan, greedy_plan
from optimizer.workbook.example import example_sheets, write_input_workbook
from optimizer.workbook.read import read_roster

from .conftest import tiny_roster, with_absence

DATA_ROSTER = Path(__file__).resolve().parent.parent / "data" / "roster.xlsx"



def assert_valid(roster, sm, plan, waiting: frozenset[str] = frozenset()) -> None:
    """Every rule kept; `waiting`: rules the validator revision of issue 14 will accept here."""
    report = validate(roster, sm, plan)
    broken = [(r.rule, [f.en for f in r.findings][:2]) for r in report.broken if r.rule not in waiting]
    assert not broken, broken


def planned(roster, sm, waiting: frozenset[str] = frozenset()) -> Plan:
    plan = greedy_plan(roster, sm)
    assert_valid(roster, sm, plan, waiting)
    return plan


def events(plan: Plan, client_id: str, kind: str) -> list[Event]:
    return sorted((e for e in plan.events if e.client_id == client_id and e.kind == kind), key=lambda e: e.date)


def period(plan: Plan, client_id: str, phase: str) -> Period:
    return next(p for p in plan.periods if p.client_id == client_id and p.phase == phase)


def with_clients(roster: Roster, **changes: dict) -> Roster:
    """The roster with each named client's fields replaced: A1={"ready_visits": 7}."""
    clients = dict(roster.clients)
    for cid, fields in changes.items():
        clients[cid] = replace(clients[cid], **fields)
    return replace(roster, clients=clients)


# --- whole rosters -------------------------------------------------------------------------------

def test_tiny_roster(sm):
    roster = tiny_roster(3)
    plan = planned(roster, sm)
    # Earliest first: the start period opens the agreed window (S-GROUP-START 0).
    first = min(e.date for e in plan.events if e.kind == "group_day")
    assert first - roster.groups["G1"].start_earliest < (date(2027, 2, 8) - date(2027, 2, 1))


def test_example_roster(sm, tmp_path):
    roster, sm_, _, _ = read_roster(write_input_workbook(tmp_path / "r.xlsx", example_sheets()))
    planned(roster, sm_)


def test_data_roster():
    roster, sm, _, _ = read_roster(DATA_ROSTER)
    planned(roster, sm)


@pytest.mark.parametrize("size,seed", [("S", 1), ("S", 2), ("S", 3), ("M", 1), ("L", 2)])
def test_generated_rosters(tmp_path, size, seed):
    """Every rule kept, and the R-WP-3 marks of every client as the coordinator sets them: the
    first visit at the workplace with the employer, the employer at every workplace visit, the
    network meeting by video after the first visit (S-WP-ORDER)."""
    roster, sm, _, _ = read_roster(write_input_workbook(tmp_path / "r.xlsx", generate(SIZES[size], seed)))
    plan = planned(roster, sm)
    for cid in roster.clients:
        visits = events(plan, cid, "wp_visit")
        assert visits[0].mode == "site" and visits[0].with_employer, cid
        assert all(v.with_employer == (v.mode == "site") for v in visits), cid
        [meeting] = [v for v in visits if v.network_meeting]
        assert meeting.mode == "video" and meeting.date > visits[0].date, cid


# --- S-DECISION ----------------------------------------------------------------------------------

def test_first_start_visit_a_week_or_two_after_the_decision(sm):
    """S-DECISION: the decision letter reaches the client and the provider calls first; the first
    visit decision_lead_days (7-14) after the decision date, not on the decision day."""
    roster = with_clients(tiny_roster(3), A2={"decision_date": date(2027, 1, 13)})
    plan = planned(roster, sm)
    lead = sm.rng("decision_lead_days")
    for c in roster.clients.values():
        first = events(plan, c.client_id, "start_visit")[0].date
        assert lead.min <= (first - c.decision_date).days <= lead.max, (c.client_id, first)


def test_first_start_visit_earlier_only_when_the_start_period_forces_it(sm):
    """The alternative: a group starting five days after the decision leaves no day 7-14 days
    after it; the start visits come as late as they fit before the first group day."""
    roster = tiny_roster(2)
    roster = replace(roster, groups={"G1": replace(roster.groups["G1"], start_latest=date(2027, 2, 1))})
    roster = with_clients(roster, A1={"decision_date": date(2027, 1, 27)}, A2={"decision_date": date(2027, 1, 27)})
    plan = planned(roster, sm)
    assert min(e.date for e in plan.events if e.kind == "group_day") == date(2027, 2, 1)
    for cid in ("A1", "A2"):
        assert [e.date for e in events(plan, cid, "start_visit")] == [date(2027, 1, 28), date(2027, 1, 29)]


# --- S-READY -------------------------------------------------------------------------------------

@pytest.mark.parametrize("n_ready", [3, 7])
def test_ready_visits_about_a_week_apart(sm, n_ready):
    """S-READY: the workplace is found and agreed between the visits: at least
    ready_visit_gap_days apart, so never on consecutive working days."""
    roster = with_clients(tiny_roster(2), A1={"ready_visits": n_ready})
    plan = planned(roster, sm)
    days = [e.date for e in events(plan, "A1", "ready_visit")]
    assert len(days) == n_ready
    assert all((b - a).days >= sm.num("ready_visit_gap_days") for a, b in pairwise(days))


def test_ready_visits_closer_when_the_agreed_start_leaves_no_room(sm):
    """The alternative: a practice start agreed a week after the start period leaves six working
    days for three visits; they come closer, still not on consecutive working days."""
    roster = with_clients(tiny_roster(2), A1={"wp_start": date(2027, 3, 1)})
    plan = planned(roster, sm)
    cal = Calendar(roster)
    days = [cal.index(e.date) for e in events(plan, "A1", "ready_visit")]
    assert len(days) == 3 and all(cal.date(d) < date(2027, 3, 1) for d in days)
    assert all(cal.working_between(a + 1, b - 1) for a, b in pairwise(days))
    assert period(plan, "A1", "work_practice").start == date(2027, 3, 1)


# --- S-WP-WEEK, S-WP-GAP ------------------------------------------------------------------------

def test_practice_begins_on_a_monday_within_a_week_of_the_last_ready_visit(sm):
    """S-WP-WEEK: an employer takes a trainee on the first working day of a week; S-WP-GAP:
    within wp_start_target_gap_days of the last getting-ready visit."""
    roster = tiny_roster(3)
    plan = planned(roster, sm)
    for cid in roster.clients:
        start = period(plan, cid, "work_practice").start
        assert start.weekday() == 0, (cid, start)
        assert (start - events(plan, cid, "ready_visit")[-1].date).days <= sm.num("wp_start_target_gap_days")


def test_practice_after_easter_begins_on_the_tuesday(sm):
    """The alternative: Easter Monday 29.3.2027 is not a working day, so the week's first working
    day is the Tuesday; the last getting-ready visit moves to keep it within a week (S-WP-GAP)."""
    roster = tiny_roster(2)
    roster = replace(roster, groups={"G1": replace(roster.groups["G1"], start_earliest=date(2027, 2, 22))})
    plan = planned(roster, sm)
    for cid in roster.clients:
        start = period(plan, cid, "work_practice").start
        assert start == date(2027, 3, 30)
        assert (start - events(plan, cid, "ready_visit")[-1].date).days <= sm.num("wp_start_target_gap_days")


# --- S-WP-ORDER, S-SPREAD and the R-WP-3 marks -------------------------------------------------------

def practice_days(roster, plan: Plan, cid: str) -> list[date]:
    cal = Calendar(roster)
    wp = period(plan, cid, "work_practice")
    return [cal.date(d) for d in cal.working_between(cal.index(wp.start), cal.index(wp.end))
            if cal.client_available(cid, d)]


def test_practice_visits_in_the_order_a_coordinator_keeps(sm):
    """S-WP-ORDER: the first visit at the workplace with the employer within wp_first_visit_days
    practice days; the network meeting (by video) after it, in the first half of the practice;
    the last visit, at the workplace with the employer, within wp_last_visit_days of the end.
    R-WP-3 marks set by the planner: the employer on every workplace visit, on no video visit."""
    roster = tiny_roster(3)
    plan = planned(roster, sm)
    for cid in roster.clients:
        visits, days = events(plan, cid, "wp_visit"), practice_days(roster, plan, cid)
        wp = period(plan, cid, "work_practice")
        first, last = visits[0], visits[-1]
        assert first.mode == "site" and first.with_employer and first.date in days[: sm.num("wp_first_visit_days")]
        [meeting] = [v for v in visits if v.network_meeting]
        assert meeting.mode == "video" and first.date < meeting.date <= wp.start + (wp.end - wp.start) / 2
        assert last.mode == "site" and last.with_employer
        assert (wp.end - last.date).days < sm.num("wp_last_visit_days")
        assert [v.with_employer for v in visits] == [v.mode == "site" for v in visits]
        assert sum(v.mode == "site" for v in visits) == sm.num("wp_site_visits_min")


def test_first_visit_waits_for_the_case_manager(sm):
    """The alternative: the case manager away in the practice's first week; the first visit is
    still the one at the workplace with the employer, on the case manager's first day back, and
    the network meeting after it."""
    roster = with_absence(tiny_roster(2), "C1", date(2027, 3, 8), date(2027, 3, 12))
    plan = planned(roster, sm)
    assert period(plan, "A1", "work_practice").start == date(2027, 3, 8)
    visits = events(plan, "A1", "wp_visit")
    assert visits[0].date == date(2027, 3, 15) and visits[0].mode == "site" and visits[0].with_employer
    assert next(v for v in visits if v.network_meeting).date > visits[0].date


@pytest.mark.parametrize("n_visits", [8, 12])
def test_practice_visits_spread_one_a_week(sm, n_visits):
    """S-SPREAD: no gap over wp_visit_gap_max_days between two visits, and a week with two visits
    only when there are more visits than practice weeks (12 visits, 10 weeks)."""
    roster = with_clients(tiny_roster(2), A1={"wp_visits": n_visits})
    plan = planned(roster, sm)
    visits = [e.date for e in events(plan, "A1", "wp_visit")]
    assert len(visits) == n_visits
    assert all((b - a).days <= sm.num("wp_visit_gap_max_days") for a, b in pairwise(visits))
    weeks = {d.isocalendar()[:2] for d in practice_days(roster, plan, "A1")}
    assert len({d.isocalendar()[:2] for d in visits}) == min(n_visits, len(weeks))


# --- S-OWN-CM ------------------------------------------------------------------------------------

def test_weekly_calls_by_the_case_manager(sm):
    """S-OWN-CM: with the case manager at work, every weekly call is the case manager's own."""
    roster = tiny_roster(3)
    plan = planned(roster, sm)
    calls = [e for e in plan.events if e.kind == "phone_call"]
    assert calls and not [e for e in calls if e.substitute]


def test_one_substitute_for_the_whole_absence(sm):
    """S-OWN-CM, the alternative: the case manager away four weeks of the practice; one
    substitute calls in all of them (L1, first in the roster, is away one of those weeks: a planner
    taking the first free substitute week by week would switch voices)."""
    roster = tiny_roster(1)
    roster = replace(roster, staff={**roster.staff, "C2": Staff("C2", frozenset({CASE_MANAGER}))})
    roster = with_absence(roster, "C1", date(2027, 4, 5), date(2027, 4, 30))
    roster = with_absence(roster, "L1", date(2027, 4, 12), date(2027, 4, 16))
    plan = planned(roster, sm)
    subs = [e for e in events(plan, "A1", "phone_call") if e.substitute]
    assert len(subs) == 4
    assert {e.staff_ids for e in subs} == {("C2",)}


# --- freedoms of issue 14 ------------------------------------------------------------------------

PART_TIME = frozenset({0, 1, 2, 3})  # Monday-Thursday


def test_part_time_practice_on_its_weekdays(sm):
    """R-WP-2: practice only on the client's wp_weekdays (Monday-Thursday): its days, visits and
    calls; 50 days fit in 3.5 months at that rhythm, so all 50."""
    roster = with_clients(tiny_roster(2), A1={"wp_weekdays": PART_TIME})
    plan = planned(roster, sm, waiting=frozenset({"R-WP-2"}))
    wp = period(plan, "A1", "work_practice")
    assert wp.days == 50 and wp.start.weekday() == 0
    kinds = ("wp_visit", "phone_call")
    assert all(e.date.weekday() in PART_TIME for kind in kinds for e in events(plan, "A1", kind))
    assert (wp.end - wp.start).days + 1 <= sm.num("wp_max_span_days")


def test_part_time_practice_keeps_every_rule(sm):
    roster = with_clients(tiny_roster(2), A1={"wp_weekdays": PART_TIME})
    assert_valid(roster, sm, greedy_plan(roster, sm))


TUE_THU = frozenset({1, 3})


def test_part_time_practice_as_many_days_as_fit(sm):
    """R-WP-2: two days a week cannot make 50 days in 3.5 months: as many as fit, marked short."""
    roster = with_clients(tiny_roster(2), A1={"wp_weekdays": TUE_THU})
    plan = planned(roster, sm, waiting=frozenset({"R-WP-2"}))
    wp = period(plan, "A1", "work_practice")
    cal = Calendar(roster)
    fit = [d for d in cal.working_between(cal.index(wp.start), cal.index(wp.start) + sm.num("wp_max_span_days") - 1)
           if cal.weekday(d) in TUE_THU]
    assert wp.days == len(fit) < 50
    assert all(e.date.weekday() in TUE_THU for kind in ("wp_visit", "phone_call") for e in events(plan, "A1", kind))


def test_short_part_time_practice_keeps_every_rule(sm):
    roster = with_clients(tiny_roster(2), A1={"wp_weekdays": TUE_THU})
    assert_valid(roster, sm, greedy_plan(roster, sm))


def test_agreed_start_with_the_ready_visits_leading_up_to_it(sm):
    """R-WP-1: the agreed start holds; the getting-ready visits lead up to it (S-WP-GAP)."""
    roster = with_clients(tiny_roster(2), A1={"wp_start": date(2027, 4, 12)})
    plan = planned(roster, sm)
    assert period(plan, "A1", "work_practice").start == date(2027, 4, 12)
    last_ready = events(plan, "A1", "ready_visit")[-1].date
    assert timedelta(0) < date(2027, 4, 12) - last_ready <= timedelta(days=sm.num("wp_start_target_gap_days"))


def agreed_late_roster():
    """The client away four weeks before a start agreed with the employer: the getting-ready
    visits can only come before the absence, over wp_start_max_gap_days before the start."""
    roster = with_clients(tiny_roster(2), A1={"wp_start": date(2027, 4, 19)})
    return with_absence(roster, "A1", date(2027, 3, 22), date(2027, 4, 16))


def test_agreed_start_holds_long_after_the_ready_visits(sm):
    """R-WP-1 (QA Q3): the start agreed with the employer holds even when it lies more than
    wp_start_max_gap_days after the last getting-ready visit; the visits still come before it."""
    roster = agreed_late_roster()
    plan = planned(roster, sm, waiting=frozenset({"R-WP-1"}))
    assert period(plan, "A1", "work_practice").start == date(2027, 4, 19)
    ready = events(plan, "A1", "ready_visit")
    assert len(ready) == 3 and ready[-1].date < date(2027, 3, 22)
    assert (date(2027, 4, 19) - ready[-1].date).days > sm.num("wp_start_max_gap_days")


def test_agreed_late_start_keeps_every_rule(sm):
    roster = agreed_late_roster()
    assert_valid(roster, sm, greedy_plan(roster, sm))


def test_the_coordinator_postpones_the_start(sm):
    """R-GROUP-2: a group below its minimum size that the coordinator postpones (Groups postpone)
    starts after its agreed window, as early as allowed, within postpone_max_months of the
    earliest decision; the plan lists the postponement."""
    roster = tiny_roster(2)
    roster = replace(roster, groups={"G1": replace(roster.groups["G1"], postpone=True)})
    plan = planned(roster, sm)
    first = min(e.date for e in plan.events if e.kind == "group_day")
    assert first == date(2027, 3, 2)  # the first day a start period fits after 1.3.
    assert plan.postponed == {"G1"}


def test_a_postponement_past_its_limit_is_refused(sm):
    """R-GROUP-2: with the agreed window ending after postpone_max_months of the earliest
    decision, no day is left to postpone to; the planner says so."""
    roster = tiny_roster(2)
    roster = replace(roster, groups={"G1": replace(roster.groups["G1"], start_latest=date(2027, 6, 1), postpone=True)})
    with pytest.raises(NoGreedyPlan, match=r"G1.*R-GROUP-2"):
        greedy_plan(roster, sm)


def test_clear_plan_client_at_the_final_group_days(sm):
    """R-DEEP-2: a clear-plan client who attends the final group days has them in Periods (so in
    the certificate and the day counts, R-TOTAL-3) but no individual event there; one who does not
    attend has no final period."""
    roster = tiny_roster(3)
    assert roster.clients["A3"].clear_plan
    plan = planned(with_clients(roster, A3={"attends_final": True}), sm)
    final_days = sorted(e.date for e in plan.events if e.kind == "group_day" and e.phase == "final")
    final = period(plan, "A3", "final")
    assert (final.start, final.end, final.days) == (final_days[0], final_days[-1], len(final_days))
    assert not [e for e in plan.events if e.client_id == "A3" and e.date in final_days]
    assert events(plan, "A3", "final_discussion")[0].phase == "deep"
    plain = planned(roster, sm)
    assert not [p for p in plain.periods if p.client_id == "A3" and p.phase == "final"]


# --- stuck ---------------------------------------------------------------------------------------

def test_case_manager_holiday_moves_visits_or_calls_to_a_substitute(sm):
    """R-STAFF-1, R-WP-4: the case manager away for six weeks of work practice."""
    roster = with_absence(tiny_roster(2), "C1", date(2027, 5, 3), date(2027, 6, 11))
    plan = planned(roster, sm)
    assert not [e for e in plan.events if "C1" in e.staff_ids and date(2027, 5, 3) <= e.date <= date(2027, 6, 11)]


def test_stuck_says_who_and_which_rule(sm):
    """The only leader away for the whole start window of a group at its minimum size (so it
    may not be postponed, R-GROUP-2): no start period (R-GROUP-4)."""
    roster = with_absence(tiny_roster(4), "L1", date(2027, 1, 25), date(2027, 4, 30))
    with pytest.raises(NoGreedyPlan, match=r"G1.*R-GROUP-4"):
        greedy_plan(roster, sm)


def test_small_group_is_postponed_when_its_window_is_blocked(sm):
    """R-GROUP-2, the allowed alternative: below its minimum size the same group starts later."""
    roster = with_absence(tiny_roster(2), "L1", date(2027, 1, 25), date(2027, 4, 30))
    plan = planned(roster, sm)
    assert plan.postponed == {"G1"}
