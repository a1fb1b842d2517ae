"""optimizer/checks/costs.py, the soft rules' second opinion, against the CP-SAT model's own objective."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from optimizer.checks.costs import cost_by_rule, objective, soft_costs, soft_items, soft_units
from optimizer.checks.validate import validate
from optimizer.core import plan as P
from optimizer.core.calendar import Calendar
from optimizer.core.plan import Plan
from optimizer.search.greedy import greedy_plan
from optimizer.search.model import SearchWindows, build_model
from optimizer.search.model.case_managers import choose_case_managers
from optimizer.search.solve import Status
from optimizer.search.solver import Clock
from optimizer.search.warm_start import hint_from_plan

from .conftest import solve_and_check, tiny_roster, with_absence


def test_equals_the_solver_on_a_proven_optimum(sm):
    # S-LOAD off: proving the busiest week's hours optimal takes the search minutes once practices
    # start on Mondays (S-WP-WEEK); every other soft rule is in, and a proof is in work units.
    sm = sm.with_weights({"S-LOAD": 0})
    roster = with_absence(tiny_roster(3), "C1", date(2027, 1, 11), date(2027, 1, 29))
    result, _ = solve_and_check(roster, sm, deterministic=True)
    assert result.status == Status.OPTIMAL
    assert result.objective > 0  # S-DECISION: the absence pushes A1's first visit past its window
    assert objective(roster, sm, result.plan) == result.objective


def test_equals_the_model_on_the_greedy_plan(sm):
    """Every soft rule counted the same way: the greedy plan fixed in the model costs what
    costs.py says, rule by rule (S-MISSED-DAY and S-OWN-CM included via the absences)."""
    roster = with_absence(tiny_roster(3), "A1", date(2027, 2, 1), date(2027, 2, 3))
    roster = with_absence(roster, "C1", date(2027, 5, 3), date(2027, 5, 28))
    cal = Calendar(roster)
    cms = choose_case_managers(roster, sm)
    plan = greedy_plan(roster, sm, cal, cms)
    b = build_model(roster, sm, cal, cms, windows=SearchWindows.wide(sm))
    start = hint_from_plan(b, plan, Clock(60), 20)
    assert start is not None
    by_rule = cost_by_rule(start.penalties, sm.weights)
    units = soft_units(roster, sm, plan)
    assert {r: n * sm.weights[r] for r, n in units.items()} == by_rule
    assert objective(roster, sm, plan) == start.objective
    assert units["S-MISSED-DAY"] > 0 and units["S-OWN-CM"] > 0


def test_s_spread_practice_visits_on_friday_and_monday_cost_the_same_in_the_model_and_the_checks(sm):
    """S-SPREAD: the greedy plan keeps A1's practice visits at least wp_visit_gap_min_days apart
    across weeks; an earlier visit moved to the Friday before a Monday visit costs
    wp_visit_gap_min_days - 3 units for the pair, and S-SPREAD as a whole costs the same in the
    checks and in the model fixed to that plan."""
    roster = tiny_roster(3)
    cal = Calendar(roster)
    cms = choose_case_managers(roster, sm)
    plan = greedy_plan(roster, sm, cal, cms)
    assert not [i for i in soft_items(roster, sm, plan) if i.what == "cost_visit_close"]
    visits = sorted((e for e in plan.events if e.client_id == "A1" and e.kind == P.WP_VISIT), key=lambda e: e.date)
    # the first pair whose later visit is on a Monday: the earlier one moves to the Friday before
    before, monday = next((a, b) for a, b in pairwise(visits) if b.date.weekday() == 0)
    friday = monday.date - timedelta(days=3)
    moved = Plan([replace(e, date=friday) if e is before else e for e in plan.events],
                 list(plan.periods), set(plan.postponed))
    assert validate(roster, sm, moved).broken == []
    close = [i for i in soft_items(roster, sm, moved) if i.what == "cost_visit_close"]
    assert [(i.when, i.units) for i in close] == [(monday.date, sm.num("wp_visit_gap_min_days") - 3)]
    b = build_model(roster, sm, cal, cms, windows=SearchWindows.wide(sm))
    fixed = hint_from_plan(b, moved, Clock(60), 20)
    assert fixed is not None
    assert cost_by_rule(fixed.penalties, sm.weights)["S-SPREAD"] == soft_costs(roster, sm, moved)["S-SPREAD"]


def test_s_start_visits_on_consecutive_days_cost_the_same_in_the_model_and_the_checks(sm):
    """S-START: the greedy plan spaces A1's start visits; moved onto the next day, the second one
    costs start_visit_gap_days - 1 units, in the model fixed to that plan and in costs.py alike."""
    roster = tiny_roster(3)
    cal = Calendar(roster)
    cms = choose_case_managers(roster, sm)
    plan = greedy_plan(roster, sm, cal, cms)
    first, second = sorted((e for e in plan.events if e.client_id == "A1" and e.kind == P.START_VISIT),
                           key=lambda e: e.date)
    assert (second.date - first.date).days >= sm.num("start_visit_gap_days")
    assert soft_units(roster, sm, plan).get("S-START", 0) == 0
    next_day = first.date + timedelta(days=1)
    assert next_day.weekday() < 5
    moved = Plan([replace(e, date=next_day) if e is second else e for e in plan.events],
                 list(plan.periods), set(plan.postponed))
    assert validate(roster, sm, moved).broken == []
    units = soft_units(roster, sm, moved)["S-START"]
    assert units == sm.num("start_visit_gap_days") - 1
    b = build_model(roster, sm, cal, cms, windows=SearchWindows.wide(sm))
    fixed = hint_from_plan(b, moved, Clock(60), 20)
    assert fixed is not None
    assert cost_by_rule(fixed.penalties, sm.weights)["S-START"] == units * sm.weights["S-START"]


def test_s_rhythm_a_follow_up_in_the_week_before_its_deadline_costs_in_the_model_and_the_checks(sm):
    """S-RHYTHM (R-FOLLOW-1): a 1st follow-up's target ends follow_up_margin_days before its
    deadline (follow_up_1_months after the final period), so that a cancelled visit can still be
    held. Moved onto the last working day before the deadline it costs the days past that target,
    the same in the checks and in the model fixed to the plan; moved to the target's last day it
    costs nothing."""
    roster = tiny_roster(3)
    cal = Calendar(roster)
    cms = choose_case_managers(roster, sm)
    plan = greedy_plan(roster, sm, cal, cms)
    final_last = max(p.end for p in plan.periods if p.client_id == "A1" and p.phase == P.FINAL)
    deadline = cal.date(cal.add_months(cal.index(final_last), sm.num("follow_up_1_months")))
    margin = sm.num("follow_up_margin_days")
    first = min((e for e in plan.events if e.client_id == "A1" and e.kind == P.FOLLOW_UP_VISIT), key=lambda e: e.date)

    def moved_to(latest: date) -> tuple[Plan, date]:
        day = next(latest - timedelta(days=k) for k in range(7) if cal.is_working_date(latest - timedelta(days=k)))
        # Only the visit moves (its period's and certificate's rows do not follow it): the costs
        # and the model's decisions read the events.
        moved = Plan([replace(e, date=day) if e is first else e for e in plan.events], list(plan.periods),
                     set(plan.postponed))
        return moved, day

    def late(p: Plan) -> list[int]:
        return [i.units for i in soft_items(roster, sm, p) if i.what == "cost_follow_up_1_late" and i.who == "A1"]

    near, day = moved_to(deadline)
    assert late(near) == [margin - (deadline - day).days] and margin > (deadline - day).days
    b = build_model(roster, sm, cal, cms, windows=SearchWindows.wide(sm))
    fixed = hint_from_plan(b, near, Clock(60), 20)
    assert fixed is not None
    assert cost_by_rule(fixed.penalties, sm.weights)["S-RHYTHM"] == soft_costs(roster, sm, near)["S-RHYTHM"]
    assert objective(roster, sm, near) == fixed.objective
    in_time, _ = moved_to(deadline - timedelta(days=margin))
    assert late(in_time) == []


def test_s_wp_order_a_last_visit_by_video_costs_the_same_in_the_model_and_the_checks(sm):
    """S-WP-ORDER: the greedy plan ends A1's practice with a visit at the workplace; with the
    modes of that visit and the video visit before it swapped (R-WP-3 still kept), the last visit
    has no employer and costs wp_order_units, in the model fixed to that plan and in costs.py
    alike."""
    roster = tiny_roster(3)
    cal = Calendar(roster)
    cms = choose_case_managers(roster, sm)
    plan = greedy_plan(roster, sm, cal, cms)
    visits = sorted((e for e in plan.events if e.client_id == "A1" and e.kind == P.WP_VISIT), key=lambda e: e.date)
    last = visits[-1]
    video = next(e for e in reversed(visits) if e.mode == P.VIDEO)
    assert last.mode == P.SITE and last.with_employer
    swapped = {id(last): replace(last, mode=P.VIDEO, with_employer=False),
               id(video): replace(video, mode=P.SITE, with_employer=True)}
    moved = Plan([swapped.get(id(e), e) for e in plan.events], list(plan.periods), set(plan.postponed))
    assert validate(roster, sm, moved).broken == []
    items = [i for i in soft_items(roster, sm, moved) if i.what == "cost_last_visit_without_employer"]
    assert [(i.who, i.units) for i in items] == [("A1", sm.num("wp_order_units"))]
    before = soft_costs(roster, sm, plan).get("S-WP-ORDER", 0)
    assert soft_costs(roster, sm, moved)["S-WP-ORDER"] == before + sm.num("wp_order_units") * sm.weights["S-WP-ORDER"]
    b = build_model(roster, sm, cal, cms, windows=SearchWindows.wide(sm))
    fixed = hint_from_plan(b, moved, Clock(60), 20)
    assert fixed is not None
    assert cost_by_rule(fixed.penalties, sm.weights)["S-WP-ORDER"] == soft_costs(roster, sm, moved)["S-WP-ORDER"]
