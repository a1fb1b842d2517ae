"""The CP-SAT model cannot produce a plan that breaks a rule.

Per rule, in the three steps of the cpsat-primer: the tiny roster is feasible; the rule forced
to break (by the input or by an added constraint) is infeasible; the allowed alternative is
feasible. Plans that come out are validated by `solve_and_check`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from optimizer.checks.validate import validate
from optimizer.core.domain import GROUP_LEADER, Group, Staff
from optimizer.search.solve import Status, solve

from .conftest import client, forced_status, solve_and_check, tiny_roster, with_absence


def test_tiny_roster_is_feasible(sm):
    assert forced_status(tiny_roster(3), sm) == "feasible"


# --- Calendar -----------------------------------------------------------------------------------

def test_r_cal_0_plan_end_too_early_has_no_plan(sm):
    roster = tiny_roster(1, plan_end=date(2027, 5, 14))  # no room after work practice
    assert forced_status(roster, sm) == "infeasible"
    assert forced_status(tiny_roster(1, plan_end=date(2028, 6, 30)), sm) == "feasible"


def test_r_cal_1_no_group_days_on_closed_days(sm):
    # Closed every Monday and Friday of the window's weeks: no Mon-Thu nor Tue-Fri block fits.
    closed = {}
    for week in range(8):
        monday = date(2027, 2, 1) + timedelta(days=7 * week)
        closed[monday] = closed[monday + timedelta(days=4)] = "remontti"
    assert forced_status(tiny_roster(1, closed_days=closed), sm) == "infeasible"
    mondays_only = {d: r for d, r in closed.items() if d.weekday() == 0}
    assert forced_status(tiny_roster(1, closed_days=mondays_only), sm) == "feasible"


def test_r_cal_2_and_r_start_2_easter_blocks_the_mon_thu_pattern(sm):
    # The window allows only a start on 22.3.2027; the next week's Monday is Easter Monday,
    # a public holiday from the library, so Mon-Thu blocks cannot run three weeks in a row.
    g = Group("G1", date(2027, 3, 22), date(2027, 3, 22), ("L1",), max_size=6, weekdays="mon-thu")
    mon_thu = tiny_roster(1, groups={"G1": g})
    assert forced_status(mon_thu, sm) == "infeasible"
    either = tiny_roster(1, groups={"G1": replace(g, weekdays=None)})
    result, _ = solve_and_check(either, sm)
    days = sorted(e.date for e in result.plan.events if e.kind == "group_day" and e.phase == "start")
    assert date(2027, 3, 29) not in days and date(2027, 3, 26) not in days  # Easter Monday, Good Friday


# --- Start period ---------------------------------------------------------------------------------

def test_r_start_1_no_start_visit_before_the_group_starts(sm):
    late_decision = tiny_roster(1, clients={"A1": client("A1", decision=date(2027, 3, 2), case_manager="C1")})
    assert forced_status(late_decision, sm) == "infeasible"
    in_time = tiny_roster(1, clients={"A1": client("A1", decision=date(2027, 2, 22), case_manager="C1")})
    assert forced_status(in_time, sm) == "feasible"


def test_r_start_1_start_visits_come_before_the_first_group_day(sm):
    roster = tiny_roster(1)

    def visit_after_start(b):
        cv, gv = b.clients["A1"], b.groups["G1"]
        last = max(cv.start_visits)
        b.m.Add(gv.start_first <= last)
        b.m.Add(cv.start_visits[last] == 1)

    assert forced_status(roster, sm, visit_after_start) == "infeasible"


# --- Getting ready and work practice ------------------------------------------------------------

def test_r_ready_1_needs_its_visits_between_start_and_work_practice(sm):
    roster = tiny_roster(1, clients={"A1": client("A1", case_manager="C1", ready_visits=7)})

    def squeeze(days):
        return lambda b: b.m.Add(b.clients["A1"].wp_first <= b.groups["G1"].start_last + days)

    assert forced_status(roster, sm, squeeze(7)) == "infeasible"  # five working days for seven visits
    assert forced_status(roster, sm, squeeze(14)) == "feasible"


def test_r_wp_1_gap_limit_binds_only_without_an_agreed_start(sm):
    """R-WP-1: at most wp_start_max_gap_days from the last getting-ready visit to the practice,
    unless the start is agreed with the employer (Q3): then it holds further away."""
    free = tiny_roster(1, clients={"A1": client("A1", case_manager="C1")})
    away = with_absence(free, "C1", date(2027, 3, 19), date(2027, 4, 4))  # the two weeks before 5.4.

    def start_on_5_4(b):
        b.m.Add(b.clients["A1"].wp_first == b.cal.index(date(2027, 4, 5)))

    assert forced_status(away, sm, start_on_5_4) == "infeasible"
    agreed = tiny_roster(1, clients={"A1": client("A1", case_manager="C1", wp_start=date(2027, 4, 5))})
    result, _ = solve_and_check(with_absence(agreed, "C1", date(2027, 3, 19), date(2027, 4, 4)), sm)
    wp = next(p for p in result.plan.periods if p.phase == "work_practice")
    ready = max(e.date for e in result.plan.events if e.kind == "ready_visit")
    assert wp.start == date(2027, 4, 5) and (wp.start - ready).days > sm.num("wp_start_max_gap_days")


def test_r_wp_2_practice_days_are_exact(sm):
    roster = tiny_roster(1)

    def days(op):
        def force(b):
            total = sum(b.clients["A1"].practice.values())
            b.m.Add(total <= 49) if op == "<" else b.m.Add(total == 50)
        return force

    assert forced_status(roster, sm, days("<")) == "infeasible"
    assert forced_status(roster, sm, days("=")) == "feasible"


def test_r_wp_2_absences_lengthen_the_span(sm):
    # A sick fortnight inside work practice: 50 practice days still, over a longer span.
    roster = with_absence(tiny_roster(1, clients={"A1": client("A1", case_manager="C1",
                                                               wp_start=date(2027, 4, 5))}),
                          "A1", date(2027, 4, 19), date(2027, 4, 30))
    result, _ = solve_and_check(roster, sm)
    wp = next(p for p in result.plan.periods if p.phase == "work_practice")
    assert wp.days == 50 and (wp.end - wp.start).days + 1 <= sm.num("wp_max_span_days")


def test_r_wp_3_four_visits_at_the_workplace(sm):
    roster = tiny_roster(1)
    assert forced_status(roster, sm, lambda b: b.m.Add(sum(b.clients["A1"].site_visits.values()) <= 3)) == "infeasible"
    assert forced_status(roster, sm, lambda b: b.m.Add(sum(b.clients["A1"].video_visits.values()) == 4)) == "feasible"


def test_r_wp_4_a_call_every_week(sm):
    agreed = tiny_roster(1, clients={"A1": client("A1", case_manager="C1", wp_start=date(2027, 4, 5))})

    def no_calls_in_week_of(monday):
        def force(b):
            cv = b.clients["A1"]
            week = {b.cal.index(monday) + k for k in range(5)}
            calls = [v for d, v in cv.own_calls.items() if d in week]
            calls += [v for (d, _), v in cv.sub_calls.items() if d in week]
            b.m.Add(sum(calls) == 0)
        return force

    assert forced_status(agreed, sm, no_calls_in_week_of(date(2027, 4, 5))) == "infeasible"
    assert forced_status(agreed, sm, no_calls_in_week_of(date(2027, 3, 29))) == "feasible"  # before practice


def test_r_wp_4_and_r_staff_3_substitute_calls_while_case_manager_is_away(sm):
    agreed = tiny_roster(1, clients={"A1": client("A1", case_manager="C1", wp_start=date(2027, 4, 5))})
    away = with_absence(agreed, "C1", date(2027, 4, 19), date(2027, 4, 23))
    no_substitutes = forced_status(away, sm, lambda b: b.m.Add(sum(b.clients["A1"].sub_calls.values()) == 0))
    assert no_substitutes == "infeasible"
    result, _ = solve_and_check(away, sm)
    calls = [e for e in result.plan.events
             if e.kind == "phone_call" and date(2027, 4, 19) <= e.date <= date(2027, 4, 23)]
    assert calls and all(e.substitute and e.staff_ids == ("L1",) for e in calls)


# --- Deepening and final periods ----------------------------------------------------------------

def test_r_deep_1_after_every_clients_work_practice(sm):
    roster = tiny_roster(2)
    def overlap(b):
        b.m.Add(b.groups["G1"].deep_first <= b.clients["A2"].wp_last)

    assert forced_status(roster, sm, overlap) == "infeasible"


def test_r_deep_2_clear_plan_discussion_on_a_deepening_day(sm):
    roster = tiny_roster(3)
    assert forced_status(roster, sm, lambda b: [b.m.Add(v == 0) for v in b.clients["A3"].final_discussion.values()]) \
        == "infeasible"
    result, _ = solve_and_check(roster, sm)
    talk = next(e for e in result.plan.events if e.kind == "final_discussion" and e.client_id == "A3")
    assert talk.phase == "deep"
    assert not any(p.client_id == "A3" and p.phase == "final" for p in result.plan.periods)


def test_r_final_1_after_the_deepening_period(sm):
    roster = tiny_roster(1)
    assert forced_status(roster, sm, lambda b: b.m.Add(b.groups["G1"].final_first <= b.groups["G1"].deep_last)) \
        == "infeasible"


def test_r_final_2_discussion_on_a_final_day_with_the_case_manager(sm):
    roster = tiny_roster(1)
    assert forced_status(roster, sm, lambda b: [b.m.Add(v == 0) for v in b.clients["A1"].final_discussion.values()]) \
        == "infeasible"


# --- Follow-up --------------------------------------------------------------------------------

def test_r_follow_1_first_follow_up_within_three_months(sm):
    roster = tiny_roster(1)

    def late(b):
        gv, first = b.groups["G1"], b.clients["A1"].follow_ups[0]
        b.m.Add(sum(d * v for d, v in first.items()) >= gv.final_last + 93)

    assert forced_status(roster, sm, late) == "infeasible"


def test_r_follow_1_no_follow_up_before_the_final_period_ends(sm):
    """The visit day bounds the final period's last day from below too: a follow-up visit on or
    before it has no plan (the constraint per visit day, since 2.12.)."""
    roster = tiny_roster(1)

    def early(b):
        gv, first = b.groups["G1"], b.clients["A1"].follow_ups[0]
        b.m.Add(sum(d * v for d, v in first.items()) <= gv.final_last)

    def after(b):
        gv, first = b.groups["G1"], b.clients["A1"].follow_ups[0]
        b.m.Add(sum(d * v for d, v in first.items()) <= gv.final_last + 70)

    assert forced_status(roster, sm, early) == "infeasible"
    assert forced_status(roster, sm, after) in ("optimal", "feasible")


def test_r_follow_1_one_visit_when_the_input_says_one(sm):
    roster = tiny_roster(1, clients={"A1": client("A1", case_manager="C1", follow_up_visits=1)})
    result, _ = solve_and_check(roster, sm)
    assert sum(e.kind == "follow_up_visit" for e in result.plan.events) == 1


# --- Groups -----------------------------------------------------------------------------------

def _four_clients(**group_kw):
    g = Group("G1", date(2027, 2, 1), date(2027, 3, 1), ("L1",), max_size=6, **group_kw)
    clients = {f"A{k}": client(f"A{k}", case_manager="C1" if k % 2 else "L1") for k in range(1, 5)}
    return tiny_roster(groups={"G1": g}, clients=clients)


def test_r_group_2_full_group_is_not_postponed(sm):
    # Four clients is the minimum of a group of at most 6: it must start in its window.
    away = with_absence(_four_clients(), "L1", date(2027, 1, 25), date(2027, 3, 31))
    result = solve(away, sm, time_limit_s=30, workers=2)
    assert result.plan is None and result.status == Status.INFEASIBLE


def test_r_group_2_small_group_may_postpone(sm):
    away = with_absence(tiny_roster(3), "L1", date(2027, 1, 25), date(2027, 3, 31))
    result, report = solve_and_check(away, sm)
    assert result.postponed == {"G1"}
    assert report.result("R-GROUP-2").status == "relaxed"


def test_r_group_4_leader_away_or_a_stand_in(sm):
    away = with_absence(_four_clients(), "L1", date(2027, 2, 1), date(2027, 3, 26))
    assert forced_status(away, sm) == "infeasible"
    staff = {**away.staff, "L2": Staff("L2", frozenset({GROUP_LEADER}))}
    g = replace(away.groups["G1"], leaders=("L1", "L2"), leaders_needed=1)
    stand_in = replace(away, staff=staff, groups={"G1": g})
    result, _ = solve_and_check(stand_in, sm)
    start = [e for e in result.plan.events if e.kind == "group_day" and e.phase == "start"]
    assert all(e.staff_ids == ("L2",) for e in start)


def test_r_group_5_one_group_a_day_in_a_room(sm):
    base = tiny_roster(1)
    staff = {**base.staff, "L2": Staff("L2", frozenset({GROUP_LEADER}))}
    g1 = Group("G1", date(2027, 2, 1), date(2027, 2, 1), ("L1",), max_size=6, weekdays="mon-thu", room="Sali")
    g2 = replace(g1, group_id="G2", leaders=("L2",))
    clients = {"A1": client("A1", case_manager="C1"), "B1": client("B1", group="G2", case_manager="C1")}
    same_room = replace(base, staff=staff, groups={"G1": g1, "G2": g2}, clients=clients)
    assert forced_status(same_room, sm) == "infeasible"
    other_room = replace(same_room, groups={"G1": g1, "G2": replace(g2, room="Sali 2")})
    assert forced_status(other_room, sm) == "feasible"


# --- Staff and clients ------------------------------------------------------------------------

def test_r_staff_1_case_manager_away_before_the_group_starts(sm):
    roster = tiny_roster(1)
    assert forced_status(with_absence(roster, "C1", date(2027, 1, 4), date(2027, 3, 5)), sm) == "infeasible"
    result, _report = solve_and_check(with_absence(roster, "C1", date(2027, 1, 4), date(2027, 1, 15)), sm)
    assert all(e.date >= date(2027, 1, 18) for e in result.plan.events if "C1" in e.staff_ids)


def test_r_staff_2_leader_without_time_for_final_discussions(sm):
    staff = {"L1": Staff("L1", frozenset({GROUP_LEADER, "case_manager"}), day_minutes=360),
             "C1": Staff("C1", frozenset({"case_manager"}))}
    roster = tiny_roster(1, staff=staff, clients={"A1": client("A1", case_manager="L1")})
    assert forced_status(roster, sm) == "infeasible"
    roomy = replace(roster, staff={**staff, "L1": replace(staff["L1"], day_minutes=450)})
    assert forced_status(roomy, sm) == "feasible"


def test_r_staff_4_case_manager_caseload(sm):
    staff = {"L1": Staff("L1", frozenset({GROUP_LEADER})),
             "C1": Staff("C1", frozenset({"case_manager"}), max_clients=1),
             "C2": Staff("C2", frozenset({"case_manager"}), max_clients=1)}
    clients = {f"A{k}": client(f"A{k}") for k in range(1, 4)}
    roster = tiny_roster(staff=staff, clients=clients)
    assert forced_status(roster, sm) == "infeasible"
    roomy = replace(roster, staff={**staff, "C2": replace(staff["C2"], max_clients=2)})
    result, _ = solve_and_check(roomy, sm)
    assert sorted(result.case_managers.values()) == ["C1", "C2", "C2"]


def test_r_staff_4_optimizer_balances_caseloads(sm):
    staff = {"L1": Staff("L1", frozenset({GROUP_LEADER})),
             **{f"C{k}": Staff(f"C{k}", frozenset({"case_manager"})) for k in (1, 2, 3)}}
    clients = {f"A{k}": client(f"A{k}") for k in range(1, 7)}
    roster = tiny_roster(staff=staff, clients=clients)
    from optimizer.search.model.case_managers import choose_case_managers

    chosen = choose_case_managers(roster, sm)
    assert sorted(list(chosen.values()).count(s) for s in ("C1", "C2", "C3")) == [2, 2, 2]


def test_r_client_1_client_absent_until_the_group_starts(sm):
    roster = tiny_roster(1)
    assert forced_status(with_absence(roster, "A1", date(2027, 1, 11), date(2027, 3, 5)), sm) == "infeasible"
    result, _report = solve_and_check(with_absence(roster, "A1", date(2027, 1, 11), date(2027, 1, 22)), sm)
    individual = [e for e in result.plan.events if e.client_id == "A1" and e.kind != "certificate_due"]
    assert all(e.date > date(2027, 1, 22) for e in individual)


def test_r_client_1_missed_group_day_is_listed(sm):
    roster = with_absence(tiny_roster(1), "A1", date(2027, 2, 1), date(2027, 2, 26))
    # Deterministic: a start on 1.3.2027 would miss no day, so what is asserted is the solver's
    # choice between S-GROUP-START and S-MISSED-DAY (proven optimal in 0.4 s).
    result, report = solve_and_check(roster, sm, deterministic=True)
    assert result.penalty_by_rule(sm.weights).get("S-MISSED-DAY", 0) > 0
    assert any(f.notice for f in report.result("R-CLIENT-1").findings)


def test_r_client_2_one_individual_event_a_day(sm):
    roster = tiny_roster(1)

    def same_day(b):
        cv = b.clients["A1"]
        d = sorted(set(cv.site_visits) & set(cv.own_calls))[10]
        b.m.Add(cv.site_visits[d] + cv.own_calls[d] == 2)

    assert forced_status(roster, sm, same_day) == "infeasible"


def test_every_plan_from_the_model_validates(tiny_solution, sm):
    roster, result = tiny_solution
    assert validate(roster, sm, result.plan).ok


# --- Deadlines (placed by the plan, not searched) -------------------------------------------------

def test_r_report_1_r_follow_2_r_cert_1_deadlines_lie_in_their_windows(tiny_solution, sm):
    roster, result = tiny_solution
    events = result.plan.events
    for c in roster.clients.values():
        mine = sorted((e for e in events if e.client_id == c.client_id), key=lambda e: e.date)
        phase = "deep" if c.clear_plan else "final"
        end = max(e.date for e in events if e.kind == "group_day" and e.phase == phase)
        [report] = [e for e in mine if e.kind == "report_due"]
        assert end < report.date <= end + timedelta(days=sm.num("report_due_days"))  # R-REPORT-1
        last_visit = [e for e in mine if e.kind == "follow_up_visit"][-1].date
        [follow] = [e for e in mine if e.kind == "follow_up_report_due"]
        assert last_visit < follow.date <= last_visit + timedelta(days=sm.num("follow_up_report_days"))  # R-FOLLOW-2
        first = min(e.date for e in mine if e.kind == "start_visit")
        [cert] = [e for e in mine if e.kind == "certificate_due"]
        assert first <= cert.date <= first + timedelta(days=sm.num("certificate_max_delay_days"))  # R-CERT-1


def test_r_follow_2_no_room_for_the_follow_up_report_has_no_plan(sm):
    # The plan ends right after the latest possible second follow-up: no day is left for its report.
    roster = tiny_roster(1)

    def follow_up_on_last_day(b):
        last = b.cal.n_days - 1
        b.m.Add(sum(v for d, v in b.clients["A1"].follow_ups[-1].items() if d >= last) == 1)

    assert forced_status(roster, sm, follow_up_on_last_day) == "infeasible"
