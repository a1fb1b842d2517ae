"""The validator catches a plan that breaks each rule id.

Each test takes the tiny roster's valid plan, breaks one rule by hand the way a coordinator's
edit might, and asserts the validator reports that rule (other rules may break too).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from optimizer.checks.validate import HARD_RULES, NOTICE_CHECKS, validate
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Absence, Group, Roster
from optimizer.core.plan import DEFAULT_RUN, Event, Plan, RunSettings
from optimizer.core.service_model import Range, ServiceModel

from .conftest import with_absence


def broken(roster: Roster, sm: ServiceModel, plan: Plan) -> set[str]:
    return {r.rule for r in validate(roster, sm, plan).broken}


def edit(plan: Plan, pick, change) -> Plan:
    """A copy of the plan with every event that `pick` selects replaced by `change(event)`
    (or removed when change returns None)."""
    events = []
    for e in plan.events:
        if pick(e):
            e = change(e)
            if e is None:
                continue
        events.append(e)
    return Plan(events, list(plan.periods), set(plan.postponed))


def first_of(plan: Plan, kind: str, client: str | None = None) -> Event:
    return next(e for e in plan.events if e.kind == kind and (client is None or e.client_id == client))


def shift(days: int):
    return lambda e: replace(e, date=e.date + timedelta(days=days))


def with_param(sm: ServiceModel, name: str, value: int | Range) -> ServiceModel:
    params = dict(sm.params)
    params[name] = replace(params[name], value=value)
    return replace(sm, params=params)


@pytest.fixture
def valid(tiny_solution, sm):
    roster, result = tiny_solution
    assert broken(roster, sm, result.plan) == set()
    return roster, result.plan


def test_every_rule_id_is_checked(valid, sm):
    roster, plan = valid
    report = validate(roster, sm, plan)
    assert [r.rule for r in report.results] == [*HARD_RULES, *NOTICE_CHECKS]
    assert all(r.status == "ok" for r in report.results)


def test_r_cal_0_deadline_after_plan_end(valid, sm):
    roster, plan = valid
    late = edit(plan, lambda e: e.kind == "follow_up_report_due",
                lambda e: replace(e, date=roster.plan_end + timedelta(days=3)))
    assert "R-CAL-0" in broken(roster, sm, late)


def test_r_cal_1_visit_on_saturday(valid, sm):
    roster, plan = valid
    v = first_of(plan, "ready_visit")
    saturday = v.date + timedelta(days=5 - v.date.weekday())
    assert "R-CAL-1" in broken(roster, sm, edit(plan, lambda e: e == v, lambda e: replace(e, date=saturday)))


def test_r_cal_2_public_holiday_from_the_library_is_no_working_day(valid, sm):
    roster, plan = valid
    v = first_of(plan, "follow_up_visit")
    midsummer_eve = date(2028, 6, 23)  # a Friday; no list in this project names it
    assert "R-CAL-1" in broken(roster, sm, edit(plan, lambda e: e == v, lambda e: replace(e, date=midsummer_eve)))


def test_r_start_1_start_visit_after_first_group_day(valid, sm):
    roster, plan = valid
    first_group = min(e.date for e in plan.events if e.kind == "group_day")
    v = first_of(plan, "start_visit")
    late = edit(plan, lambda e: e == v, lambda e: replace(e, date=first_group + timedelta(days=1)))
    assert "R-START-1" in broken(roster, sm, late)


def test_r_start_1_missing_start_visit(valid, sm):
    roster, plan = valid
    v = first_of(plan, "start_visit")
    assert "R-START-1" in broken(roster, sm, edit(plan, lambda e: e == v, lambda e: None))


def test_r_start_2_blocks_not_on_consecutive_weeks(valid, sm):
    roster, plan = valid
    start_days = sorted(e.date for e in plan.events if e.kind == "group_day" and e.phase == "start")
    last_week = start_days[-1].isocalendar()[:2]
    moved = edit(plan, lambda e: e.kind == "group_day" and e.phase == "start"
                 and e.date.isocalendar()[:2] == last_week, shift(7))
    assert "R-START-2" in broken(roster, sm, moved)


def test_r_start_2_block_of_wrong_weekdays(valid, sm):
    roster, plan = valid
    first = min(e.date for e in plan.events if e.kind == "group_day" and e.phase == "start")
    week = first.isocalendar()[:2]
    to_wednesday = 2 if first.weekday() == 0 else 1  # Mon-Thu or Tue-Fri becomes Wed-Sat
    moved = edit(plan, lambda e: e.kind == "group_day" and e.date.isocalendar()[:2] == week, shift(to_wednesday))
    assert "R-START-2" in broken(roster, sm, moved)


def test_r_ready_1_visit_before_start_period_ends(valid, sm):
    roster, plan = valid
    v = first_of(plan, "ready_visit")
    start_days = sorted(e.date for e in plan.events if e.kind == "group_day" and e.phase == "start")
    moved = edit(plan, lambda e: e == v, lambda e: replace(e, date=start_days[0] - timedelta(days=1)))
    assert "R-READY-1" in broken(roster, sm, moved)


def test_r_wp_1_practice_starts_long_after_last_ready_visit(valid, sm):
    roster, plan = valid
    visits = sorted((e for e in plan.events if e.kind == "ready_visit" and e.client_id == "A1"), key=lambda e: e.date)
    wp = next(p for p in plan.periods if p.client_id == "A1" and p.phase == "work_practice")
    early = wp.start - timedelta(days=sm.num("wp_start_max_gap_days") + 7)
    moved = edit(plan, lambda e: e in visits, lambda e: replace(e, date=early - timedelta(days=7 * visits.index(e))))
    assert "R-WP-1" in broken(roster, sm, moved)


def test_r_wp_1_agreed_start_not_kept(valid, sm):
    roster, plan = valid
    wp = next(p for p in plan.periods if p.client_id == "A1" and p.phase == "work_practice")
    agreed = replace(roster, clients={**roster.clients,
                                      "A1": replace(roster.clients["A1"], wp_start=wp.start + timedelta(days=7))})
    assert "R-WP-1" in broken(agreed, sm, plan)


def test_r_wp_2_too_few_practice_days(valid, sm):
    roster, plan = valid
    periods = [replace(p, end=p.end - timedelta(days=14), days=p.days - 10)
               if p.client_id == "A1" and p.phase == "work_practice" else p for p in plan.periods]
    assert "R-WP-2" in broken(roster, sm, Plan(plan.events, periods))


def test_r_wp_2_span_over_three_and_a_half_months(valid, sm):
    roster, plan = valid
    periods = [replace(p, end=p.start + timedelta(days=sm.num("wp_max_span_days") + 10))
               if p.client_id == "A1" and p.phase == "work_practice" else p for p in plan.periods]
    assert "R-WP-2" in broken(roster, sm, Plan(plan.events, periods))


def test_r_wp_3_only_three_visits_at_the_workplace(valid, sm):
    roster, plan = valid
    v = next(e for e in plan.events if e.kind == "wp_visit" and e.mode == "site" and e.client_id == "A1")
    moved = edit(plan, lambda e: e == v, lambda e: replace(e, mode="video", with_employer=False))
    assert "R-WP-3" in broken(roster, sm, moved)


def test_r_wp_3_visit_at_the_office(valid, sm):
    roster, plan = valid
    v = next(e for e in plan.events if e.kind == "wp_visit" and e.mode == "video" and e.client_id == "A1")
    assert "R-WP-3" in broken(roster, sm, edit(plan, lambda e: e == v, lambda e: replace(e, mode="office")))


def test_r_wp_3_two_network_meetings(valid, sm):
    roster, plan = valid
    v = next(e for e in plan.events if e.kind == "wp_visit" and not e.network_meeting and e.client_id == "A1"
             and e.mode == "video")
    assert "R-WP-3" in broken(roster, sm, edit(plan, lambda e: e == v, lambda e: replace(e, network_meeting=True)))


def test_r_wp_4_week_without_a_call(valid, sm):
    roster, plan = valid
    call = first_of(plan, "phone_call", "A1")
    week = call.date.isocalendar()[:2]
    removed = edit(plan, lambda e: e.kind == "phone_call" and e.client_id == "A1"
                   and e.date.isocalendar()[:2] == week, lambda e: None)
    assert "R-WP-4" in broken(roster, sm, removed)


def test_r_wp_4_substitute_calls_while_case_manager_at_work(valid, sm):
    roster, plan = valid
    call = first_of(plan, "phone_call", "A1")  # A1's case manager is C1
    moved = edit(plan, lambda e: e == call, lambda e: replace(e, staff_ids=("L1",), substitute=True))
    assert "R-WP-4" in broken(roster, sm, moved)


def test_r_wp_5_missing_lunch_is_a_notice_not_a_break(valid, sm):
    roster, plan = valid
    result = validate(roster, sm, plan).result("R-WP-5")
    assert result.status == "ok"
    assert {f.who for f in result.findings if f.notice} == set(roster.clients)  # no lunch in the tiny roster


def _away(roster, plan, reasons):
    """A1 away one day in each of the first weeks of its work practice, for these reasons."""
    wp = next(p for p in plan.periods if p.client_id == "A1" and p.phase == "work_practice")
    for k, reason in enumerate(reasons):
        day = wp.start + timedelta(days=7 * k + 2)
        roster = replace(roster, absences=(*roster.absences, Absence("A1", day, day, reason)))
    return roster


def test_r_wp_6_repeated_illness_is_a_notice(valid, sm):
    """R-WP-6: the second illness absence (toistamiseen, Q11) is a notice to contact Kela; an
    absence with no reason counts as illness."""
    roster, plan = valid
    result = validate(_away(roster, plan, ["sairaus", ""]), sm, plan).result("R-WP-6")
    assert [f.who for f in result.findings] == ["A1"] and result.status == "ok"
    assert "2 illness absences" in result.findings[0].en


def test_r_wp_6_holidays_and_one_illness_are_not(valid, sm):
    """R-WP-6 counts illness only: three holidays and a training day, with one sick day, are no
    notice."""
    roster, plan = valid
    away = _away(roster, plan, ["loma", "Holiday", "koulutus", "Sick leave"])
    assert validate(away, sm, plan).result("R-WP-6").findings == []


def test_r_deep_1_days_not_consecutive(valid, sm):
    roster, plan = valid
    day = max(e.date for e in plan.events if e.kind == "group_day" and e.phase == "deep")
    moved = edit(plan, lambda e: e.kind == "group_day" and e.date == day, shift(7))
    assert "R-DEEP-1" in broken(roster, sm, moved)


def test_r_deep_1_before_work_practice_ends(valid, sm):
    roster, plan = valid
    wp_end = max(p.end for p in plan.periods if p.phase == "work_practice")
    deep = sorted(e.date for e in plan.events if e.kind == "group_day" and e.phase == "deep")
    weeks = ((deep[0] - wp_end).days // 7) + 1
    moved = edit(plan, lambda e: e.kind == "group_day" and e.phase == "deep", shift(-7 * weeks))
    assert "R-DEEP-1" in broken(roster, sm, moved)


def test_r_deep_2_clear_plan_discussion_in_final_period(valid, sm):
    roster, plan = valid
    final_day = min(e.date for e in plan.events if e.kind == "group_day" and e.phase == "final")
    moved = edit(plan, lambda e: e.kind == "final_discussion" and e.client_id == "A3",
                 lambda e: replace(e, date=final_day, phase="final"))
    assert "R-DEEP-2" in broken(roster, sm, moved)


def test_r_final_1_final_period_before_deepening(valid, sm):
    roster, plan = valid
    deep = min(e.date for e in plan.events if e.kind == "group_day" and e.phase == "deep")
    final = min(e.date for e in plan.events if e.kind == "group_day" and e.phase == "final")
    weeks = (final - deep).days // 7 + 1  # lands on or before the deepening week, whatever the weekdays
    moved = edit(plan, lambda e: e.kind == "group_day" and e.phase == "final", shift(-7 * weeks))
    assert "R-FINAL-1" in broken(roster, sm, moved)


def test_r_final_2_missing_final_discussion(valid, sm):
    roster, plan = valid
    removed = edit(plan, lambda e: e.kind == "final_discussion" and e.client_id == "A1", lambda e: None)
    assert "R-FINAL-2" in broken(roster, sm, removed)


def test_r_report_1_report_due_too_late(valid, sm):
    roster, plan = valid
    moved = edit(plan, lambda e: e.kind == "report_due" and e.client_id == "A1", shift(20))
    assert "R-REPORT-1" in broken(roster, sm, moved)


def test_r_follow_1_first_follow_up_after_three_months(valid, sm):
    roster, plan = valid
    final_end = max(e.date for e in plan.events if e.kind == "group_day" and e.phase == "final")
    v = first_of(plan, "follow_up_visit", "A1")
    moved = edit(plan, lambda e: e == v, lambda e: replace(e, date=final_end + timedelta(days=100)))
    assert "R-FOLLOW-1" in broken(roster, sm, moved)


def test_r_follow_2_follow_up_report_missing(valid, sm):
    roster, plan = valid
    removed = edit(plan, lambda e: e.kind == "follow_up_report_due" and e.client_id == "A1", lambda e: None)
    assert "R-FOLLOW-2" in broken(roster, sm, removed)


@pytest.mark.parametrize("kind, rule, since_kinds", [("report_due", "R-REPORT-1", ("deep", "final")),
                                                     ("follow_up_report_due", "R-FOLLOW-2", ("follow_up",))])
def test_r_report_1_r_follow_2_a_writer_away_until_the_report_is_due_is_a_notice(valid, sm, kind, rule, since_kinds):
    """The case manager writes the report after the period or visit it reports on. Away every day
    from then until the day it is due, the coordinator is told to agree who writes it: a notice,
    the plan's date stays the rule's. At work on the last working day of those, no notice."""
    roster, plan = valid
    due = first_of(plan, kind, "A1")
    since = max(p.end for p in plan.periods if p.client_id == "A1" and p.phase in since_kinds)
    writer = due.staff_ids[0]

    def notices(r: Roster) -> set[tuple[str, str]]:
        return {(x.rule, x.who) for res in validate(r, sm, plan).results for x in res.findings if x.notice}

    assert (rule, "A1") not in notices(roster)
    assert (rule, "A1") in notices(with_absence(roster, writer, since + timedelta(days=1), due.date))
    assert (rule, "A1") in notices(with_absence(roster, writer, since, due.date))
    cal = Calendar(roster)
    last = max(d for d in (since + timedelta(days=k) for k in range(1, (due.date - since).days + 1))
               if cal.staff_at_work(writer, cal.index(d)))
    partly = with_absence(roster, writer, since + timedelta(days=1), last - timedelta(days=1))
    assert (rule, "A1") not in notices(partly)


def test_r_total_1_sessions_outside_range(valid, sm):
    roster, plan = valid
    assert "R-TOTAL-1" in broken(roster, with_param(sm, "individual_sessions", Range(6, 7)), plan)


def test_r_total_2_group_days_outside_range(valid, sm):
    roster, plan = valid
    removed = edit(plan, lambda e: e.kind == "group_day" and e.phase == "deep", lambda e: None)
    assert "R-TOTAL-2" in broken(roster, sm, removed)


def test_r_total_3_too_many_rehabilitation_days(valid, sm):
    roster, plan = valid
    assert "R-TOTAL-3" in broken(roster, with_param(sm, "rehab_days_max", 60), plan)


def test_r_total_4_long_process_is_a_notice(valid, sm):
    roster, plan = valid
    result = validate(roster, with_param(sm, "process_months", 10), plan).result("R-TOTAL-4")
    assert result.status == "ok" and result.findings and all(f.notice for f in result.findings)


def test_r_cert_1_certificate_late(valid, sm):
    roster, plan = valid
    moved = edit(plan, lambda e: e.kind == "certificate_due" and e.client_id == "A1", shift(10))
    assert "R-CERT-1" in broken(roster, sm, moved)


def test_r_cert_1_period_missing(valid, sm):
    roster, plan = valid
    periods = [p for p in plan.periods if not (p.client_id == "A1" and p.phase == "ready")]
    assert "R-CERT-1" in broken(roster, sm, Plan(plan.events, periods))


def test_r_group_1_group_over_its_maximum(valid, sm):
    roster, plan = valid
    small = replace(roster, groups={"G1": replace(roster.groups["G1"], max_size=2)})
    assert "R-GROUP-1" in broken(small, sm, plan)


def test_r_group_2_start_outside_window(valid, sm):
    roster, plan = valid
    moved = edit(plan, lambda e: e.kind == "group_day" and e.phase == "start", shift(7 * 20))
    assert "R-GROUP-2" in broken(roster, sm, moved)


def test_r_group_2_postponed_small_group_is_relaxed(valid, sm):
    roster, plan = valid
    # Three clients in a group of at most 6 is below the minimum of 4: postponing is allowed.
    moved = edit(plan, lambda e: e.kind == "group_day" and e.phase == "start", shift(7 * 6))
    assert validate(roster, sm, moved).result("R-GROUP-2").status == "relaxed"


def test_r_group_3_client_event_in_another_group(valid, sm):
    roster, plan = valid
    v = first_of(plan, "ready_visit", "A1")
    assert "R-GROUP-3" in broken(roster, sm, edit(plan, lambda e: e == v, lambda e: replace(e, group_id="G9")))


def test_r_group_4_group_day_without_its_leader(valid, sm):
    roster, plan = valid
    day = first_of(plan, "group_day")
    assert "R-GROUP-4" in broken(roster, sm, edit(plan, lambda e: e == day, lambda e: replace(e, staff_ids=())))


def test_r_group_5_two_groups_in_one_room(valid, sm):
    roster, plan = valid
    g1 = replace(roster.groups["G1"], room="Sali")
    g2 = Group("G2", g1.start_earliest, g1.start_latest, ("C1",), room="sali")
    two = replace(roster, groups={"G1": g1, "G2": g2})
    day = first_of(plan, "group_day")
    plan2 = Plan([*plan.events, replace(day, group_id="G2", staff_ids=("C1",))], plan.periods)
    assert "R-GROUP-5" in broken(two, sm, plan2)


def test_r_staff_1_leader_on_holiday(valid, sm):
    roster, plan = valid
    day = first_of(plan, "group_day").date
    assert "R-STAFF-1" in broken(with_absence(roster, "L1", day, day), sm, plan)


def test_r_staff_2_day_over_its_minutes(valid, sm):
    roster, plan = valid
    day = first_of(plan, "group_day")
    extra = [Event(day.date, "phone_call", "work_practice", "G1", "A1", ("L1",), "phone") for _ in range(7)]
    assert "R-STAFF-2" in broken(roster, sm, Plan([*plan.events, *extra], plan.periods))


def test_r_staff_3_visit_by_someone_else(valid, sm):
    roster, plan = valid
    v = first_of(plan, "ready_visit", "A1")  # A1's case manager is C1
    assert "R-STAFF-3" in broken(roster, sm, edit(plan, lambda e: e == v, lambda e: replace(e, staff_ids=("L1",))))


def test_r_staff_4_too_many_clients_at_once(valid, sm):
    roster, plan = valid
    limited = replace(roster, staff={**roster.staff, "C1": replace(roster.staff["C1"], max_clients=1)})
    two = replace(limited, clients={**limited.clients, "A3": replace(limited.clients["A3"], case_manager="C1")})
    plan2 = edit(plan, lambda e: e.client_id == "A3" and e.staff_ids == ("L1",),
                 lambda e: replace(e, staff_ids=("C1",)))
    assert "R-STAFF-4" in broken(two, sm, plan2)


def test_r_client_1_visit_before_decision(valid, sm):
    roster, plan = valid
    v = first_of(plan, "start_visit", "A1")
    before = roster.clients["A1"].decision_date - timedelta(days=4)
    early = edit(plan, lambda e: e == v, lambda e: replace(e, date=before))
    assert "R-CLIENT-1" in broken(roster, sm, early)


def test_r_client_1_visit_on_clients_absence(valid, sm):
    roster, plan = valid
    v = first_of(plan, "ready_visit", "A1")
    assert "R-CLIENT-1" in broken(with_absence(roster, "A1", v.date, v.date), sm, plan)


def test_r_client_2_two_events_on_one_day(valid, sm):
    roster, plan = valid
    v = first_of(plan, "wp_visit", "A1")
    extra = replace(v, kind="phone_call", mode="phone", with_employer=False, network_meeting=False)
    assert "R-CLIENT-2" in broken(roster, sm, Plan([*plan.events, extra], plan.periods))


def test_r_client_2_visit_on_a_group_day(valid, sm):
    roster, plan = valid
    deep_day = first_of(plan, "group_day").date
    v = first_of(plan, "ready_visit", "A1")
    assert "R-CLIENT-2" in broken(roster, sm, edit(plan, lambda e: e == v, lambda e: replace(e, date=deep_day)))


def test_r_wp_2_short_when_an_absence_after_the_last_practice_day_fills_the_span(sm):
    """Found by the property test (there from 24.2.): wp_days 61, practice agreed from 8.3.2027
    ends 2.6. after 60 days, the client is absent 3.6.-21.6. and the 106-day span ends 21.6.: 60
    is all the span allows, so the short period keeps R-WP-2. Without that absence the same
    period breaks it."""
    from optimizer.core.domain import Absence, Client, Staff
    from optimizer.search.greedy import greedy_plan

    staff = {"L1": Staff("L1", frozenset({"case_manager", "group_leader"})),
             "C1": Staff("C1", frozenset({"case_manager"})), "C2": Staff("C2", frozenset({"case_manager"}))}
    groups = {"G1": Group("G1", date(2027, 2, 1), date(2027, 3, 1), ("L1",), max_size=6)}
    clients = {"A1": Client("A1", "G1", date(2027, 1, 4), 1, 3, 8, 61, 1, wp_start=date(2027, 3, 8))}
    roster = Roster(date(2027, 1, 4), date(2028, 7, 17), staff, groups, clients,
                    (Absence("A1", date(2027, 6, 3), date(2027, 6, 21)),))
    plan = greedy_plan(roster, sm)
    wp = next(p for p in plan.periods if p.phase == "work_practice")
    assert (wp.start, wp.end, wp.days) == (date(2027, 3, 8), date(2027, 6, 2), 60)
    assert "R-WP-2" not in broken(roster, sm, plan)
    assert "R-WP-2" in broken(replace(roster, absences=()), sm, plan)


# --- issue 14: the freedoms of the revised rules, and their notices ---------------------------

def practice_end(start: date, n: int, weekdays: set[int]) -> date:
    """The n-th working day from `start` (included) on `weekdays`: a test's own count of
    practice days (Finnish public holidays from the library, no absences)."""
    import holidays

    public = holidays.country_holidays("FI", years=range(start.year, start.year + 2))
    day, found = start, 0
    while True:
        if day.weekday() in weekdays and day not in public:
            found += 1
            if found == n:
                return day
        day += timedelta(days=1)


def with_client(roster: Roster, cid: str, **changes) -> Roster:
    return replace(roster, clients={**roster.clients, cid: replace(roster.clients[cid], **changes)})


def with_period(plan: Plan, cid: str, phase: str, **changes) -> Plan:
    periods = [replace(p, **changes) if (p.client_id, p.phase) == (cid, phase) else p for p in plan.periods]
    return Plan(list(plan.events), periods, set(plan.postponed))


def period_of(plan: Plan, cid: str, phase: str):
    return next(p for p in plan.periods if (p.client_id, p.phase) == (cid, phase))


@pytest.fixture(scope="module")
def freedoms(sm):
    """The tiny roster with A1 practising part-time Mon-Wed (R-WP-2: 50 days do not fit in 3.5
    months) and the clear-plan A3 attending the final days (R-DEEP-2), solved and validated."""
    from .conftest import solve_and_check, tiny_roster

    roster = with_client(tiny_roster(3), "A1", wp_weekdays=frozenset({0, 1, 2}))
    roster = with_client(roster, "A3", attends_final=True)
    result, report = solve_and_check(roster, sm, deterministic=True)
    return roster, result.plan, report


def test_r_wp_1_agreed_start_beyond_the_limit_holds_with_a_notice(valid, sm):
    """R-WP-1 [QA Q3]: a start agreed with the employer holds even past wp_start_max_gap_days
    after the last getting-ready visit; the plan names the agreement in a notice for the employer
    and the client's records. Without the agreement the same plan breaks R-WP-1."""
    roster, plan = valid
    visits = sorted((e for e in plan.events if e.kind == "ready_visit" and e.client_id == "A1"), key=lambda e: e.date)
    wp = period_of(plan, "A1", "work_practice")
    early = wp.start - timedelta(days=sm.num("wp_start_max_gap_days") + 7)
    moved = edit(plan, lambda e: e in visits, lambda e: replace(e, date=early - timedelta(days=7 * visits.index(e))))
    assert "R-WP-1" in broken(roster, sm, moved)
    agreed = with_client(roster, "A1", wp_start=wp.start)
    run = RunSettings(cells={("clients.wp_start", "A1"): "Asiakkaat!K2"})
    result = validate(agreed, sm, moved, run).result("R-WP-1")
    assert result.status == "ok"
    [notice] = result.findings
    assert notice.notice and notice.who == "A1" and notice.to == "to_employer_records"
    assert "agreed with the employer (Asiakkaat!K2)" in notice.en and "21 days" in notice.en
    assert "sovittu työnantajan kanssa (Asiakkaat!K2)" in notice.fi


def test_r_wp_2_part_time_practice_has_the_days_that_fit(freedoms, sm):
    """R-WP-2: Mon-Wed leaves fewer than 50 practice days in 3.5 months; the plan has all that
    fit and a notice asks the provider to document the reason (not a notice to Kela)."""
    _, plan, report = freedoms
    wp = period_of(plan, "A1", "work_practice")
    assert wp.days < sm.rng("wp_days").min and wp.start.weekday() in (0, 1, 2) and wp.end.weekday() in (0, 1, 2)
    [notice] = [f for f in report.result("R-WP-2").findings if f.who == "A1"]
    assert notice.notice and notice.to == "to_records"
    assert f"work practice of {wp.days} days (under 50)" in notice.en and "Mon, Tue, Wed" in notice.en
    assert "not a notice to Kela" in notice.en and "ma, ti, ke" in notice.fi and "ei ilmoiteta Kelalle" in notice.fi


def test_r_wp_2_part_time_practice_with_fewer_days_than_fit_is_broken(freedoms, sm):
    roster, plan, _ = freedoms
    wp = period_of(plan, "A1", "work_practice")
    end = practice_end(wp.start, wp.days - 3, {0, 1, 2})
    assert "R-WP-2" in broken(roster, sm, with_period(plan, "A1", "work_practice", end=end, days=wp.days - 3))


def test_r_wp_2_a_day_off_the_weekdays_is_no_practice_day(freedoms, sm):
    """R-WP-2: inside the span, a Thursday or Friday of a Mon-Wed client is not a practice day:
    a Periods row counting them is broken, and so is a span ending on one."""
    roster, plan, _ = freedoms
    wp = period_of(plan, "A1", "work_practice")
    thursdays = sum(1 for k in range((wp.end - wp.start).days + 1) if (wp.start + timedelta(days=k)).weekday() == 3)
    counted = validate(roster, sm, with_period(plan, "A1", "work_practice", days=wp.days + thursdays)).result("R-WP-2")
    assert counted.status == "broken" and f"counted {wp.days}" in counted.findings[0].en
    thursday = wp.end + timedelta(days=(3 - wp.end.weekday()) % 7)
    assert "R-WP-2" in broken(roster, sm, with_period(plan, "A1", "work_practice", end=thursday))


def test_r_wp_2_fewer_than_fifty_where_fifty_fit_is_broken(valid, sm):
    """R-WP-2: Mon-Thu fits 50 practice days in 3.5 months: 45 of them, all counted right, is
    still broken (no absences, no reason)."""
    roster, plan = valid
    wp = period_of(plan, "A1", "work_practice")
    part = with_client(roster, "A1", wp_weekdays=frozenset({0, 1, 2, 3}))
    start = wp.start + timedelta(days=(7 - wp.start.weekday()) % 7)  # a Monday
    fifty = with_period(plan, "A1", "work_practice", start=start, end=practice_end(start, 50, {0, 1, 2, 3}), days=50)
    assert "R-WP-2" not in broken(part, sm, fifty)
    short = with_period(plan, "A1", "work_practice", start=start, end=practice_end(start, 45, {0, 1, 2, 3}), days=45)
    result = validate(part, sm, short).result("R-WP-2")
    assert result.status == "broken" and "45 practice days, expected 50" in result.findings[0].en


def test_r_wp_4_part_time_calls_on_working_days_of_the_span(freedoms, sm):
    """R-WP-4 with R-WP-2: the weekly call of a Mon-Wed client may fall on a Thursday inside the
    practice span (the calls stay as they are); on a weekend, or after the span, it is broken."""
    roster, plan, _ = freedoms
    wp = period_of(plan, "A1", "work_practice")
    busy = {e.date for e in plan.events if e.client_id == "A1"}

    def thursday_of(d: date) -> date:
        return d + timedelta(days=3 - d.weekday())

    # A call off Thursday, whose week's Thursday inside the span is free (a call may stand on
    # any day of its week: optimizer/search/spacing.py sets calls apart from visits).
    call = next(e for e in plan.events if e.kind == "phone_call" and e.client_id == "A1" and e.date > wp.start
                and e.date.weekday() != 3 and thursday_of(e.date) < wp.end and thursday_of(e.date) not in busy)
    thursday = thursday_of(call.date)
    assert "R-WP-4" not in broken(roster, sm, edit(plan, lambda e: e == call, lambda e: replace(e, date=thursday)))
    saturday = thursday + timedelta(days=2)
    assert "R-WP-4" in broken(roster, sm, edit(plan, lambda e: e == call, lambda e: replace(e, date=saturday)))
    after = wp.end + timedelta(days=1 if wp.end.weekday() < 4 else 3)
    assert "R-WP-4" in broken(roster, sm, edit(plan, lambda e: e == call, lambda e: replace(e, date=after)))


def _marks(plan: Plan, cid: str, marks: list[tuple[str, bool, bool]]) -> Plan:
    """The client's work-practice visits, in date order, given (mode, with_employer, network_meeting)."""
    visits = sorted((e for e in plan.events if e.kind == "wp_visit" and e.client_id == cid), key=lambda e: e.date)
    assert len(visits) == len(marks)
    new = {id(v): replace(v, mode=m, with_employer=w, network_meeting=n) for v, (m, w, n) in zip(visits, marks,
                                                                                                strict=True)}
    return Plan([new.get(id(e), e) for e in plan.events], list(plan.periods), set(plan.postponed))


SITE, VIDEO = "site", "video"


def test_r_wp_3_employer_on_a_video_visit_counts(valid, sm):
    """R-WP-3 as revised: 4 in person besides the network meeting, 4 with the employer in any
    mode (here one by video), one network meeting (here by video): the marks as they stand."""
    roster, plan = valid
    marks = [(SITE, True, False), (SITE, True, False), (SITE, True, False), (SITE, False, False),
             (VIDEO, True, False), (VIDEO, False, True), (VIDEO, False, False), (VIDEO, False, False)]
    assert "R-WP-3" not in broken(roster, sm, _marks(plan, "A1", marks))


@pytest.mark.parametrize(("marks", "why"), [
    # The in-person network meeting is not one of the 4 site visits besides it.
    ([(SITE, True, False), (SITE, True, False), (SITE, True, False), (SITE, True, True),
      (VIDEO, False, False), (VIDEO, False, False), (VIDEO, False, False), (VIDEO, False, False)],
     "3 visits at the workplace, at least 4"),
    ([(SITE, True, False), (SITE, True, False), (SITE, True, False), (SITE, False, False),
      (VIDEO, False, True), (VIDEO, False, False), (VIDEO, False, False), (VIDEO, False, False)],
     "employer met 3 times, at least 4"),
    ([(SITE, True, False), (SITE, True, False), (SITE, True, False), (SITE, True, False),
      (VIDEO, False, False), (VIDEO, False, False), (VIDEO, False, False), (VIDEO, False, False)],
     "0 network meetings, expected 1"),
])
def test_r_wp_3_marks_short_of_the_rule(valid, sm, marks, why):
    roster, plan = valid
    result = validate(roster, sm, _marks(plan, "A1", marks)).result("R-WP-3")
    assert result.status == "broken" and [f.en for f in result.findings] == [why]


def _pinned_plan(plan: Plan, pick_event, marks: dict) -> tuple[Plan, Event]:
    """The plan with one event given `marks`, and that event (the pin)."""
    target = next(e for e in plan.events if pick_event(e))
    pin = replace(target, row="Lukitut!A5", **marks)
    return edit(plan, lambda e: e is target, lambda e: replace(e, **marks)), pin


@pytest.mark.parametrize(("marks", "change", "words"), [
    ({"mode": "site", "network_meeting": True, "with_employer": False}, {"mode": "video"},
     ("mode video, pinned site", "tapa video, lukittu site")),
    ({"mode": "site", "with_employer": True}, {"with_employer": False},
     ("with_employer no, pinned yes", "työnantaja no, lukittu yes")),
    ({"mode": "video", "network_meeting": True}, {"network_meeting": False},
     ("network_meeting no, pinned yes", "verkostoneuvottelu no, lukittu yes")),
    ({"mode": "site", "with_employer": False}, {"with_employer": True},
     ("with_employer yes, pinned no", "työnantaja yes, lukittu no")),
    ({"staff_ids": ("C1",)}, {"staff_ids": ("L1",)}, ("staff_id L1, pinned C1", "työntekijä L1, lukittu C1")),
])
def test_r_client_3_a_pinned_visit_keeps_its_marks(valid, sm, marks, change, words):
    """R-CLIENT-3 with R-WP-3: a pinned work-practice visit keeps its mode, employer and
    network-meeting marks and its person exactly; a plan rewriting one is broken."""
    roster, plan = valid
    kept, pin = _pinned_plan(plan, lambda e: e.kind == "wp_visit" and e.client_id == "A1", marks)
    run = RunSettings(pinned=(pin,))
    assert validate(roster, sm, kept, run).result("R-CLIENT-3").status == "ok"
    changed = edit(kept, lambda e: e == replace(pin, row=""), lambda e: replace(e, **change))
    result = validate(roster, sm, changed, run).result("R-CLIENT-3")
    assert result.status == "broken"
    [finding] = result.findings
    assert words[0] in finding.en and "Lukitut!A5" in finding.en and words[1] in finding.fi


def test_r_client_3_a_pinned_call_keeps_its_substitute_mark(valid, sm):
    roster, plan = valid
    kept, pin = _pinned_plan(plan, lambda e: e.kind == "phone_call" and e.client_id == "A1", {})
    run = RunSettings(pinned=(pin,))
    assert validate(roster, sm, kept, run).result("R-CLIENT-3").status == "ok"
    changed = edit(kept, lambda e: e == replace(pin, row=""), lambda e: replace(e, substitute=True))
    result = validate(roster, sm, changed, run).result("R-CLIENT-3")
    assert result.status == "broken" and "substitute yes, pinned no" in result.findings[0].en


def test_r_deep_2_clear_plan_client_at_the_final_days(freedoms, sm):
    """R-DEEP-2 (Q5): A3 (clear plan, attends_final) has a final row over the group's final days,
    its final discussion in the deepening period and its report due after it."""
    _, plan, _ = freedoms
    final = sorted(e.date for e in plan.events if e.kind == "group_day" and e.phase == "final")
    deep = sorted(e.date for e in plan.events if e.kind == "group_day" and e.phase == "deep")
    row = period_of(plan, "A3", "final")
    assert (row.start, row.end, row.days) == (final[0], final[-1], len(final))
    [talk] = [e for e in plan.events if e.kind == "final_discussion" and e.client_id == "A3"]
    [due] = [e for e in plan.events if e.kind == "report_due" and e.client_id == "A3"]
    assert talk.phase == "deep" and talk.date in deep and deep[-1] < due.date < final[0]


def test_r_deep_2_final_row_only_for_those_who_attend(freedoms, sm):
    roster, plan, _ = freedoms
    without_row = Plan(list(plan.events), [p for p in plan.periods if (p.client_id, p.phase) != ("A3", "final")])
    assert {"R-DEEP-2", "R-CERT-1"} <= broken(roster, sm, without_row)  # the certificate lists every period
    not_attending = with_client(roster, "A3", attends_final=False)
    assert "R-DEEP-2" in broken(not_attending, sm, plan)
    assert "R-DEEP-2" not in broken(not_attending, sm, without_row)


def test_r_deep_2_no_final_discussion_in_the_final_period(freedoms, sm):
    roster, plan, _ = freedoms
    final_day = min(e.date for e in plan.events if e.kind == "group_day" and e.phase == "final")
    talk = next(e for e in plan.events if e.kind == "final_discussion" and e.client_id == "A3")
    second = Plan([*plan.events, replace(talk, date=final_day, phase="final")], list(plan.periods))
    assert "R-DEEP-2" in broken(roster, sm, second)


def test_r_deep_2_missed_final_days(freedoms, sm):
    """A3 away on a final group day: its final row counts the group's days or those attended,
    and names the day missed in its note."""
    roster, plan, _ = freedoms
    row = period_of(plan, "A3", "final")
    day = row.start + timedelta(days=1)
    away = with_absence(roster, "A3", day, day)
    note = f"missed {day.isoformat()}"
    missed = validate(away, sm, plan).result("R-CLIENT-1").findings  # R-CLIENT-1: listed, not moved
    assert [(f.who, f.when, f.notice) for f in missed] == [("A3", day, True)]
    for days in (row.days, row.days - 1):
        assert "R-DEEP-2" not in broken(away, sm, with_period(plan, "A3", "final", days=days, note=note))
    assert "R-DEEP-2" in broken(away, sm, with_period(plan, "A3", "final", days=row.days - 2, note=note))
    result = validate(away, sm, with_period(plan, "A3", "final", note="")).result("R-DEEP-2")
    assert result.status == "broken" and _d_fi(day) in result.findings[0].en


def _d_fi(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def test_r_total_3_counts_the_final_days_attended(freedoms, sm):
    roster, plan, _ = freedoms
    a3 = validate(roster, with_param(sm, "rehab_days_max", 1), plan).result("R-TOTAL-3")
    [finding] = [f for f in a3.findings if f.who == "A3"]
    total = int(finding.en.split()[0])
    assert "A3" not in {f.who for f in validate(roster, with_param(sm, "rehab_days_max", total), plan)
                        .result("R-TOTAL-3").findings}
    assert "A3" in {f.who for f in validate(roster, with_param(sm, "rehab_days_max", total - 1), plan)
                    .result("R-TOTAL-3").findings}
    without = Plan(list(plan.events), [p for p in plan.periods if (p.client_id, p.phase) != ("A3", "final")])
    final_days = sm.num("final_group_days")
    counted = validate(with_client(roster, "A3", attends_final=False), with_param(sm, "rehab_days_max", 1), without)
    assert f"{total - final_days} rehabilitation days" in next(
        f.en for f in counted.result("R-TOTAL-3").findings if f.who == "A3")


def _postponing(roster: Roster) -> Roster:
    return replace(roster, groups={"G1": replace(roster.groups["G1"], postpone=True)})


def _start_moved(plan: Plan, weeks: int) -> Plan:
    return edit(plan, lambda e: e.kind == "group_day" and e.phase == "start", shift(7 * weeks))


def test_r_group_2_postpone_asked_starts_after_the_window(valid, sm):
    """R-GROUP-2: postpone yes (3 clients, minimum 4): a start after start_latest and within
    postpone_max_months of the earliest decision is relaxed, with the postponement notice for
    Kela's authority line and the clients; a start inside the agreed window is broken."""
    roster, plan = valid
    run = RunSettings(cells={("groups.postpone", "G1"): "Ryhmät!J2"})
    later = validate(_postponing(roster), sm, _start_moved(plan, 6), run).result("R-GROUP-2")
    assert later.status == "relaxed" and later.findings[0].to == "to_kela_clients"
    assert "as the coordinator asked (Ryhmät!J2" in later.findings[0].en
    assert "Kelan viranomaislinjalle ja asiakkaille" in later.findings[0].fi
    inside = validate(_postponing(roster), sm, plan, run).result("R-GROUP-2")
    assert inside.status == "broken" and "to be postponed (Ryhmät!J2)" in inside.findings[0].en
    assert validate(roster, sm, plan).result("R-GROUP-2").status == "ok"  # without postpone, as before


def test_r_group_2_postponed_too_late(valid, sm):
    """Four months after the earliest decision (11.1.2027) is 11.5.2027: a start in June is
    broken, asked for or not."""
    roster, plan = valid
    for r in (roster, _postponing(roster)):
        result = validate(r, sm, _start_moved(plan, 20), DEFAULT_RUN).result("R-GROUP-2")
        assert result.status == "broken" and "11.5.2027" in result.findings[0].en


def test_r_group_2_postpone_at_the_minimum_is_broken(valid, sm):
    roster, plan = valid
    small = replace(_postponing(roster), groups={"G1": replace(roster.groups["G1"], postpone=True, max_size=6)},
                    clients={**roster.clients, "A4": replace(roster.clients["A1"], client_id="A4")})
    assert validate(small, sm, _start_moved(plan, 6)).result("R-GROUP-2").status == "broken"


def test_s_decision_first_visit_too_soon_is_a_notice(valid, sm):
    """S-DECISION: a first start visit fewer than decision_lead_days.min days after the decision
    is no broken rule but a notice for the clients' side: contact the client first. Not for a
    visit that is pinned (done or agreed), nor for one a week after the decision."""
    roster, planned = valid
    planned_first = min((e for e in planned.events if e.kind == "start_visit" and e.client_id == "A1"),
                        key=lambda e: e.date)
    assert (planned_first.date - roster.clients["A1"].decision_date).days >= sm.rng("decision_lead_days").min
    first = replace(planned_first, date=roster.clients["A1"].decision_date + timedelta(days=2))  # moved by hand
    plan = Plan([first if e is planned_first else e for e in planned.events], planned.periods, planned.postponed)
    lead = 2
    result = validate(roster, sm, plan).result("S-DECISION")
    [notice] = [f for f in result.findings if f.who == "A1"]
    assert result.status == "ok" and notice.notice and notice.to == "to_clients"
    assert f"comes only {lead} days after the decision date" in notice.en and "ota yhteyttä asiakkaaseen" in notice.fi
    assert "A1" not in {f.who for f in validate(roster, sm, plan, RunSettings(pinned=(first,))).result(
        "S-DECISION").findings}
    later = replace(roster, clients={**roster.clients, "A1": replace(
        roster.clients["A1"], decision_date=first.date - timedelta(days=7))})
    assert "A1" not in {f.who for f in validate(later, sm, plan).result("S-DECISION").findings}
