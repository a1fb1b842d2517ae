"""optimizer/search/model/forced.py: the visit and call costs a practice placement forces are
never more than what the cheapest choice of visit days costs (S-WP-ORDER, S-SPREAD, S-OWN-CM),
and they see the case manager's holiday in the middle of a practice.

The cheapest choice is found here by trying every set of visit days, with the costs counted
the way optimizer/checks/costs.py counts them, written out again on purpose.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations, pairwise

import pytest

from optimizer.core.calendar import Calendar
from optimizer.core.placements import PracticePlacement
from optimizer.search.model.clients import working_day_numbers
from optimizer.search.model.forced import (
    VisitDays,
    first_visit_week,
    forced_substitute_calls,
    forced_visit_units,
    sole_call_days,
    sole_day_units,
    visit_days,
    visit_weeks,
    wrap_up_weeks,
)

from .conftest import tiny_roster, with_absence

MONDAY = date(2027, 8, 2)


def cheapest(cal: Calendar, sm, days: list[int], first: int, last: int, visits: int) -> int:
    """The least weighted S-WP-ORDER + S-SPREAD cost of `visits` visits on `days`, by trying all."""
    order, spread = sm.weights["S-WP-ORDER"], sm.weights["S-SPREAD"]
    span, first_days = sm.num("wp_visit_gap_max_days"), sm.num("wp_first_visit_days")
    target = last - (sm.num("wp_last_visit_days") - 1)
    best = None
    for chosen in combinations(days, visits):
        late = max(0, sum(1 for d in range(first, chosen[0]) if cal.is_working(d)) - (first_days - 1))
        early = max(0, target - chosen[-1])
        weeks: dict[int, int] = {}
        for d in chosen:
            weeks[cal.week(d)] = weeks.get(cal.week(d), 0) + 1
        gaps = sum(1 for a, b in pairwise(chosen)
                   for d in range(a + 1, b - span + 1) if cal.is_working(d))
        cost = order * (late + early) + spread * (gaps + sum(n - 1 for n in weeks.values()))
        best = cost if best is None else min(best, cost)
    assert best is not None
    return best


def weighted(sm, units: dict[str, int]) -> int:
    return sm.weights["S-WP-ORDER"] * units["S-WP-ORDER"] + sm.weights["S-SPREAD"] * units["S-SPREAD"]


@pytest.mark.parametrize(("away_from", "away_days"), [
    (0, 0),     # no holiday: nothing is forced
    (3, 27),    # the case manager away from the practice's first week: the first visit waits
    (12, 28),   # a four-week holiday in the middle: a gap, or a late first or early last visit
    (31, 20),   # away at the end: the last visit comes early
    (10, 9),    # a short absence: nothing is forced
])
def test_forced_visit_costs_never_exceed_the_cheapest_choice(sm, away_from, away_days):
    # A seven-week practice with four visits; the case manager's days are those it is at work.
    roster = tiny_roster(1)
    if away_days:
        roster = with_absence(roster, "C1", MONDAY + timedelta(days=away_from),
                              MONDAY + timedelta(days=away_from + away_days - 1))
    cal = Calendar(roster)
    first, last = cal.index(MONDAY), cal.index(MONDAY + timedelta(days=46))
    days = [d for d in cal.working_between(first, last) if cal.staff_at_work("C1", d)]
    forced = forced_visit_units(cal, sm, VisitDays(days, working_day_numbers(cal), first, last), 4)
    assert forced is not None
    exact = cheapest(cal, sm, days, first, last, 4)
    assert weighted(sm, forced) <= exact
    if away_days >= 20:  # the holiday costs every plan, and the relaxation sees it
        assert weighted(sm, forced) > 0
    else:
        assert weighted(sm, forced) == exact == 0


def test_fewer_days_than_visits_rules_the_placement_out(sm):
    # R-WP-3 with one event a day: four visits cannot fit on three days.
    cal = Calendar(tiny_roster(1))
    days = cal.working_between(cal.index(MONDAY), cal.index(MONDAY + timedelta(days=2)))
    v = VisitDays(days, working_day_numbers(cal), days[0], days[-1])
    assert forced_visit_units(cal, sm, v, 4) is None
    assert forced_visit_units(cal, sm, v, 3) is not None


def test_weeks_without_the_case_manager_force_substitute_calls(sm):
    # R-WP-4 asks a call in every week of practice; the case manager is away two whole weeks.
    roster = with_absence(tiny_roster(1), "C1", MONDAY + timedelta(days=7), MONDAY + timedelta(days=20))
    cal = Calendar(roster)
    days = tuple(cal.working_between(cal.index(MONDAY), cal.index(MONDAY + timedelta(days=34))))
    o = PracticePlacement(days[0], days[-1], days, short=False)
    assert forced_substitute_calls(cal, sm, "C1", o) == 2 * sm.num("wp_calls_per_week")
    assert forced_substitute_calls(cal, sm, "L1", o) == 0  # the other case manager is at work


def test_a_week_whose_calls_take_its_practice_days_holds_no_visit(sm):
    # R-WP-4 and R-CLIENT-2: every practice week has its calls on practice days, one event a
    # day. A practice that ends on the Monday after a week off has one practice day in its last
    # week: the call takes it, and the last visit cannot (the example's practices that ended
    # after the Christmas closure). A week of two practice days holds one visit.
    cal = Calendar(tiny_roster(1))
    calls = sm.num("wp_calls_per_week")
    assert calls == 1
    monday = cal.index(MONDAY)
    days = tuple([*cal.working_between(monday, monday + 4), monday + 14, monday + 21, monday + 22])
    o = PracticePlacement(days[0], days[-1], days, short=False)
    free, room = visit_days(cal, sm, "C1", o)
    assert free == [*days[:5], monday + 21, monday + 22]
    assert room == 4 + 1  # five days less a call, and two days less a call
    # The case manager away on the practice's Tuesday and Wednesday: three of the week's days
    # are the case manager's, and the call (a substitute's on a day away) leaves them all free.
    away = Calendar(with_absence(tiny_roster(1), "C1", MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)))
    free, room = visit_days(away, sm, "C1", o)
    assert free == [monday, monday + 3, monday + 4, monday + 21, monday + 22]
    assert room == 3 + 1


def test_a_visit_on_the_case_managers_sole_call_day_of_a_week_costs_a_substitute_call(sm):
    # R-WP-4, R-CLIENT-2, S-OWN-CM: the case manager is away from the practice's fifth week to
    # the Thursday of its last, so the last week's Friday is the only day the case manager can
    # call in that week. A last visit there leaves the call to a substitute; a last visit before
    # the holiday comes early (S-WP-ORDER). The relaxation counts the cheaper of the two, never
    # more than the cheapest choice of visit days counted with the call.
    roster = with_absence(tiny_roster(1), "C1", MONDAY + timedelta(days=28), MONDAY + timedelta(days=45))
    cal = Calendar(roster)
    first, last = cal.index(MONDAY), cal.index(MONDAY + timedelta(days=46))
    practice = tuple(cal.working_between(first, last))
    o = PracticePlacement(first, last, practice, short=False)
    weeks = visit_weeks(cal, sm, "C1", o)
    days = [d for own, _ in weeks.values() for d in own]
    v = VisitDays(days, working_day_numbers(cal), first, last)
    sole = sole_call_days(cal, "C1", list(practice)) & set(days)
    assert sole == {last}
    forced = forced_visit_units(cal, sm, v, 4)
    assert forced is not None
    counted = sole_day_units(cal, sm, v, weeks, 4, sole, forced)
    own_cm = sm.weights["S-OWN-CM"]
    exact = min(cheapest(cal, sm, days, first, last, 4) + own_cm,  # a visit on the Friday
                cheapest(cal, sm, [d for d in days if d != last], first, last, 4))
    with_call = weighted(sm, counted) + own_cm * counted.get("S-OWN-CM", 0)
    assert weighted(sm, forced) < with_call <= exact
    # Without the holiday the week has other days to call on: nothing more is counted.
    free = Calendar(tiny_roster(1))
    weeks = visit_weeks(free, sm, "C1", o)
    days = [d for own, _ in weeks.values() for d in own]
    assert not sole_call_days(free, "C1", list(practice)) & set(days)


def _weeks_of(cal: Calendar, days: list[int]) -> dict[int, tuple[list[int], int]]:
    """visit_weeks' form for the days given: each week's days, and room for a visit on each."""
    weeks: dict[int, list[int]] = {}
    for d in days:
        weeks.setdefault(cal.week(d), []).append(d)
    return {w: (own, len(own)) for w, own in weeks.items()}


def test_the_wrap_up_may_take_the_weeks_of_the_practices_last_two_weeks(sm):
    """wrap_up_weeks (S-WP-ORDER, the relaxations' S-LOAD): a practice whose case manager can
    visit on every day may end with its wrap-up in any week of its last wp_last_visit_days;
    where the last possible day lies before them (the case manager's holiday), or the forced
    cost is so dear that visits all before them cost no unit more, no week is forced."""
    cal = Calendar(tiny_roster(1))
    numbers = working_day_numbers(cal)
    first, last = cal.index(MONDAY), cal.index(MONDAY + timedelta(days=46))  # to a Friday, 7 weeks
    days = cal.working_between(first, last)
    v = VisitDays(days, numbers, first, last)
    forced = forced_visit_units(cal, sm, v, 8)
    assert forced is not None
    window = [d for d in days if d >= last - (sm.num("wp_last_visit_days") - 1)]
    weeks = _weeks_of(cal, days)
    assert wrap_up_weeks(cal, sm, v, weeks, 8, set(), forced) == {cal.week(d) for d in window} and len(window) == 10
    away = VisitDays([d for d in days if d not in window], numbers, first, last)
    assert wrap_up_weeks(cal, sm, away, _weeks_of(cal, away.days), 8, set(),
                         forced_visit_units(cal, sm, away, 8)) is None
    # Visits all before the last two weeks cost 10 units of S-WP-ORDER: a forced cost within
    # a unit of that forces nothing.
    dear = {**forced, "S-WP-ORDER": forced["S-WP-ORDER"] + 10}
    assert wrap_up_weeks(cal, sm, v, weeks, 8, set(), dear) is None


@pytest.mark.parametrize(("away_from", "away_days"), [
    (0, 0),     # no holiday
    (12, 28),   # a four-week holiday in the middle: the gap it leaves, paid in every plan
    (3, 27),    # away from the first week's Thursday: its first days still hold the first visit
    (31, 20),   # away at the end: no wrap-up week is forced
])
def test_a_first_visit_or_wrap_up_week_is_forced_only_where_leaving_it_costs_a_unit_more(sm, away_from, away_days):
    """first_visit_week and wrap_up_weeks (S-WP-ORDER, the relaxations' S-LOAD): where they name
    a week, every choice of visit days with no visit on the days they stand for costs at least a
    unit of S-WP-ORDER more than the forced cost (found by trying every choice), also where the
    case manager's holiday makes a stretch dearer than the base cost (stop 58: before, any
    stretch dearer forced no week)."""
    roster = tiny_roster(1)
    if away_days:
        roster = with_absence(roster, "C1", MONDAY + timedelta(days=away_from),
                              MONDAY + timedelta(days=away_from + away_days - 1))
    cal = Calendar(roster)
    numbers = working_day_numbers(cal)
    first, last = cal.index(MONDAY), cal.index(MONDAY + timedelta(days=46))
    days = [d for d in cal.working_between(first, last) if cal.staff_at_work("C1", d)]
    v = VisitDays(days, numbers, first, last)
    forced = forced_visit_units(cal, sm, v, 4)
    assert forced is not None
    weeks = _weeks_of(cal, days)
    unit = sm.weights["S-WP-ORDER"]
    first_week = first_visit_week(cal, sm, v, weeks, 4, set(), forced)
    wrap_up = wrap_up_weeks(cal, sm, v, weeks, 4, set(), forced)
    early = [d for d in days if v.late(d, sm) == v.late(days[0], sm)]
    ending = [d for d in days if not v.early(d, sm)]
    for week, kept_off in ((first_week, early), (wrap_up, ending)):
        if week is not None:
            others = [d for d in days if d not in kept_off]
            assert len(others) < 4 or cheapest(cal, sm, others, first, last, 4) >= weighted(sm, forced) + unit
    expected = {(0, 0): (True, True), (12, 28): (True, True), (3, 27): (True, True), (31, 20): (True, False)}
    assert (first_week is not None, wrap_up is not None) == expected[(away_from, away_days)]
    if away_days == 28:
        assert weighted(sm, forced) > 0  # the holiday's gap: the stretch is dearer than the base cost
