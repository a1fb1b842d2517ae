"""Each new soft rule of issue 14 counted on a plan (optimizer/checks/costs.py, the same units as
the model): the solved tiny plan, then one event moved so that the rule is broken; the units of
that rule rise by what the rule says, and nothing else is needed to see it."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import timedelta

import pytest

from optimizer.checks.costs import soft_items, soft_units
from optimizer.core import plan as P
from optimizer.core.calendar import finnish_public_holidays
from optimizer.core.plan import Plan


def _units(roster, sm, plan, rule):
    return soft_units(roster, sm, plan).get(rule, 0)


def _moved(plan: Plan, match, **changes) -> Plan:
    events = [replace(e, **changes) if match(e) else e for e in plan.events]
    return Plan(events, list(plan.periods), set(plan.postponed))


@pytest.fixture
def solved(sm, tiny_solution):
    roster, result = tiny_solution
    return roster, result.plan


def _client_events(plan, cid, kind):
    return sorted((e for e in plan.events if e.client_id == cid and e.kind == kind), key=lambda e: e.date)


def test_s_decision_a_first_visit_on_the_decision_day_costs_the_lead_days(sm, solved):
    roster, plan = solved
    first = _client_events(plan, "A1", P.START_VISIT)[0]
    decision = roster.clients["A1"].decision_date
    moved = _moved(plan, lambda e: e is first, date=decision)
    early = [i for i in soft_items(roster, sm, moved) if i.rule == "S-DECISION" and i.who == "A1"]
    assert sum(i.units for i in early) == sm.rng("decision_lead_days").min
    assert early[0].what == "cost_decision_early"


def test_s_ready_visits_on_consecutive_days_cost_the_days_short(sm, solved):
    roster, plan = solved
    ready = _client_events(plan, "A1", P.READY_VISIT)
    before = _units(roster, sm, plan, "S-READY")
    moved = _moved(plan, lambda e: e is ready[1], date=ready[0].date + timedelta(days=1))
    gap = sm.num("ready_visit_gap_days")
    assert _units(roster, sm, moved, "S-READY") >= before + gap - 1


def test_s_wp_week_a_practice_starting_on_a_wednesday_costs_two_working_days(sm, solved):
    roster, plan = solved
    wp = next(p for p in plan.periods if p.client_id == "A1" and p.phase == P.WORK_PRACTICE)
    assert _units(roster, sm, plan, "S-WP-WEEK") == 0  # the plan starts its practices on Mondays
    wednesday = wp.start - timedelta(days=wp.start.weekday()) + timedelta(days=9)  # the next week's
    while finnish_public_holidays(wednesday - timedelta(days=2), wednesday):  # Monday to Wednesday working
        wednesday += timedelta(days=7)
    periods = [replace(p, start=wednesday) if p is wp else p for p in plan.periods]
    moved = Plan(list(plan.events), periods, set(plan.postponed))
    assert _units(roster, sm, moved, "S-WP-WEEK") == 2


def test_s_wp_order_a_network_meeting_before_the_first_site_visit_costs_the_order_units(sm, solved):
    roster, plan = solved
    visits = _client_events(plan, "A1", P.WP_VISIT)
    first_site = next(e for e in visits if e.mode == P.SITE and e.with_employer)
    network = next(e for e in visits if e.network_meeting)
    before = _units(roster, sm, plan, "S-WP-ORDER")
    moved = _moved(plan, lambda e: e is network, date=first_site.date - timedelta(days=1))
    assert _units(roster, sm, moved, "S-WP-ORDER") >= before + 2 * sm.num("wp_order_units")  # first visit too


def test_s_wp_order_a_last_visit_without_the_employer_costs_the_order_units(sm, solved):
    """S-WP-ORDER: the last practice visit is the wrap-up with the employer. The solved plan holds
    it so for every client; the last visit made a video call (the employer not in it) costs
    wp_order_units, and one the employer joins again costs nothing."""
    roster, plan = solved
    for cid in roster.clients:
        visits = _client_events(plan, cid, P.WP_VISIT)
        assert visits and visits[-1].with_employer, cid
    last = _client_events(plan, "A1", P.WP_VISIT)[-1]
    before = _units(roster, sm, plan, "S-WP-ORDER")
    video = _moved(plan, lambda e: e is last, mode=P.VIDEO, with_employer=False)
    assert _units(roster, sm, video, "S-WP-ORDER") == before + sm.num("wp_order_units")
    items = [i for i in soft_items(roster, sm, video) if i.what == "cost_last_visit_without_employer"]
    assert [(i.who, i.when) for i in items] == [("A1", last.date)]
    joined = _moved(plan, lambda e: e is last, mode=P.VIDEO, with_employer=True)
    assert _units(roster, sm, joined, "S-WP-ORDER") == before


def test_s_spread_a_gap_of_three_weeks_costs_its_working_days(sm, solved):
    roster, plan = solved
    visits = _client_events(plan, "A1", P.WP_VISIT)
    before = _units(roster, sm, plan, "S-SPREAD")
    # One visit b moved to three weeks after the visit before it, the day after the old last visit
    # when need be: a gap of 21 days costs the working days among its first 7.
    a, b = visits[-2], visits[-1]
    target = a.date + timedelta(days=21)
    moved = _moved(plan, lambda e: e is b, date=target)
    assert _units(roster, sm, moved, "S-SPREAD") > before


def test_s_own_cm_a_second_substitute_costs_one_more_unit(sm, solved):
    roster, plan = solved
    calls = _client_events(plan, "A1", P.PHONE_CALL)
    subs = _moved(plan, lambda e: e is calls[0], substitute=True, staff_ids=("X1",))
    two = _moved(subs, lambda e: e.client_id == "A1" and e.kind == P.PHONE_CALL and e.date == calls[1].date,
                 substitute=True, staff_ids=("X2",))
    assert _units(roster, sm, two, "S-OWN-CM") == _units(roster, sm, subs, "S-OWN-CM") + 2


def test_s_office_a_video_start_visit_costs_one_unit(sm, solved):
    roster, plan = solved
    first = _client_events(plan, "A1", P.START_VISIT)[0]
    assert _units(roster, sm, _moved(plan, lambda e: e is first, mode=P.VIDEO), "S-OFFICE") == \
        _units(roster, sm, plan, "S-OFFICE") + 1


def test_the_tiny_plan_keeps_the_coordinators_rhythm(sm, solved):
    """The figures issue 14 asks of a default plan, on the tiny roster: the first visit 7-14 days
    after the decision, no getting-ready visits on consecutive days, Monday starts, the first
    site visit with the employer within 5 working days and before the network meeting, one
    visit a week and no gap over 21 days."""
    roster, plan = solved
    for cid, c in roster.clients.items():
        first = _client_events(plan, cid, P.START_VISIT)[0].date
        assert 7 <= (first - c.decision_date).days <= 14
        ready = [e.date for e in _client_events(plan, cid, P.READY_VISIT)]
        assert all((b - a).days > 1 for a, b in itertools.pairwise(ready))
        wp = next(p for p in plan.periods if p.client_id == cid and p.phase == P.WORK_PRACTICE)
        monday = wp.start - timedelta(days=wp.start.weekday())  # the week's first working day
        assert all(d in finnish_public_holidays(monday, wp.start) for d in
                   (monday + timedelta(days=k) for k in range(wp.start.weekday())))
        visits = _client_events(plan, cid, P.WP_VISIT)
        first_site = next(e for e in visits if e.mode == P.SITE and e.with_employer)
        holidays = finnish_public_holidays(wp.start, first_site.date)
        workdays = [wp.start + timedelta(days=k) for k in range((first_site.date - wp.start).days)]
        assert visits[0] is first_site
        assert sum(1 for d in workdays if d.weekday() < 5 and d not in holidays) < sm.num("wp_first_visit_days")
        assert all(first_site.date < e.date for e in visits if e.network_meeting)
        weeks = [e.date.isocalendar()[:2] for e in visits]
        assert len(weeks) == len(set(weeks))
        assert all((b.date - a.date).days <= 21 for a, b in itertools.pairwise(visits))
