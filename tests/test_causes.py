"""Counterfactual causes (issue 15, optimizer/explain/counterfactual.py). On a roster built for
each cause (an agreed late practice start, a part-timer's days off, a weekday pattern against the
window's first day, a leader's holiday), the cost's explanation names the true input fact with its
cell and the saving; planning again without that fact lowers the cost."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from optimizer.checks.costs import soft_items
from optimizer.core import plan as P
from optimizer.core.domain import TUE_FRI, Roster
from optimizer.core.messages import t
from optimizer.core.plan import RunSettings
from optimizer.explain.explain import explain_costs
from optimizer.search.greedy import greedy_plan

from .conftest import tiny_roster, with_absence

CELLS = RunSettings(cells={("clients.wp_start", "A2"): "Clients!K3", ("staff", "L1"): "Staff!A2",
                           ("groups", "G1"): "Groups!A2", ("absences", "0"): "Absences!B2"})


def _why(roster: Roster, sm, rule: str, who: str) -> str:
    """The explanation of the plan's costliest cost, which must be `rule` for `who`."""
    plan = greedy_plan(roster, sm)
    costs = explain_costs(roster, sm, plan, "en", CELLS)
    assert (costs[0].item.rule, costs[0].item.who) == (rule, who), "the cost built for is the costliest"
    return t(costs[0].why.key, "en", **costs[0].why.info)


def _cost(roster: Roster, sm, rule: str, who: str) -> int:
    plan = greedy_plan(roster, sm)
    return sum(i.cost(sm.weights) for i in soft_items(roster, sm, plan) if (i.rule, i.who) == (rule, who))


def test_an_agreed_late_start_is_named_as_what_holds_the_deepening_period_back(sm):
    base = tiny_roster(2)
    first = next(p.start for p in greedy_plan(base, sm).periods if p.client_id == "A2" and p.phase == P.WORK_PRACTICE)
    late = first + timedelta(weeks=12)
    late -= timedelta(days=late.weekday())
    roster = replace(base, clients={**base.clients, "A2": replace(base.clients["A2"], wp_start=late)})
    why = _why(roster, sm, "S-RHYTHM", "A1")
    assert "cause: client A2's agreed practice start" in why and "(Clients!K3)" in why
    assert "the deepening period could begin" in why
    assert _cost(base, sm, "S-RHYTHM", "A1") < _cost(roster, sm, "S-RHYTHM", "A1")


def test_a_leaders_days_off_are_named_when_the_group_starts_late_for_them(sm):
    """L1 leads alone and does not work Mondays: the window opens on Monday 1.2.2027 and the
    group starts on Tuesday."""
    base = tiny_roster(2)
    roster = replace(base, staff={**base.staff, "L1": replace(base.staff["L1"], work_days=frozenset({1, 2, 3, 4}))})
    why = _why(roster, sm, "S-GROUP-START", "G1")
    assert "cause: L1 works Tue+Wed+Thu+Fri (Staff!A2)" in why
    assert _cost(base, sm, "S-GROUP-START", "G1") < _cost(roster, sm, "S-GROUP-START", "G1")


def test_a_weekday_pattern_against_the_windows_first_day_is_named(sm):
    base = tiny_roster(2)
    assert base.groups["G1"].start_earliest == date(2027, 2, 1) and date(2027, 2, 1).weekday() == 0
    roster = replace(base, groups={"G1": replace(base.groups["G1"], weekdays=TUE_FRI)})
    why = _why(roster, sm, "S-GROUP-START", "G1")
    assert "cause: group G1's weekdays Tue–Fri (Groups!A2)" in why
    assert "the group's weekdays are Tue–Fri but the window opens on a Monday" in why
    assert _cost(base, sm, "S-GROUP-START", "G1") < _cost(roster, sm, "S-GROUP-START", "G1")


def test_a_leaders_holiday_at_the_windows_start_is_named_with_its_cell(sm):
    base = tiny_roster(2)
    roster = with_absence(base, "L1", date(2027, 2, 1), date(2027, 2, 5))
    why = _why(roster, sm, "S-GROUP-START", "G1")
    assert "cause: L1 loma 2027-02-01–2027-02-05 (Absences!B2)" in why
    assert _cost(base, sm, "S-GROUP-START", "G1") < _cost(roster, sm, "S-GROUP-START", "G1")


def test_no_time_for_the_search_says_so_and_keeps_the_causes_on_the_days(sm):
    roster = with_absence(tiny_roster(2), "L1", date(2027, 2, 1), date(2027, 2, 5))
    plan = greedy_plan(roster, sm)
    xs = explain_costs(roster, sm, plan, "en", CELLS, budget_s=0)
    group = next(x for x in xs if x.item.rule == "S-GROUP-START")
    assert "cause:" not in t(group.why.key, "en", **group.why.info)
    assert "L1 loma" in t(group.why.key, "en", **group.why.info)


def test_a_search_cut_by_its_time_box_says_so_on_the_costs_it_did_not_reach(sm):
    roster = with_absence(tiny_roster(2), "L1", date(2027, 2, 1), date(2027, 2, 5))
    plan = greedy_plan(roster, sm)
    xs = explain_costs(roster, sm, plan, "en", CELLS, budget_s=1e-9)
    texts = [t(x.why.key, "en", **x.why.info) for x in xs]
    assert any("the search for causes was cut after 1e-09 s" in text for text in texts)
    assert not any("cause:" in text for text in texts)


def test_a_fact_that_explains_part_of_a_cost_comes_after_what_stands_on_its_days(sm):
    """Tue-Fri in a window opening on Monday 1.2.2027 costs a day; L1's holiday in the second week
    (8.-12.2.) costs the rest: the pattern is named as a part, after the holiday on the days."""
    base = tiny_roster(2)
    roster = replace(base, groups={"G1": replace(base.groups["G1"], weekdays=TUE_FRI)})
    roster = with_absence(roster, "L1", date(2027, 2, 1), date(2027, 2, 12))
    why = _why(roster, sm, "S-GROUP-START", "G1")
    assert "cause: L1 loma 2027-02-01–2027-02-12 (Absences!B2)" in why


def test_a_weekday_pattern_behind_one_day_of_a_week_lost_to_a_public_holiday_is_a_part(sm):
    """T27-2 of the example: Tue-Fri from a window opening on Monday 3.5.2027, and Ascension Day
    on Thursday 6.5. takes the first week. Without the pattern the group would start on Monday
    10.5., one day sooner: the pattern explains a part, named after the holiday."""
    base = tiny_roster(2)
    window = replace(base.groups["G1"], weekdays=TUE_FRI, start_earliest=date(2027, 5, 3),
                     start_latest=date(2027, 5, 31))
    roster = replace(base, groups={"G1": window})
    why = _why(roster, sm, "S-GROUP-START", "G1")
    holiday, part = why.index("Ascension Day"), why.index("partly: group G1's weekdays Tue–Fri (Groups!A2)")
    assert holiday < part and "about 60 less" in why[part:]


def test_a_public_holiday_beside_the_cause_is_named_as_one_and_said_to_be_beside_it(sm):
    """L1's holiday 3.-14.5.2027 from the window's start (Monday 3.5.) is the cause of the group's
    late start; Ascension Day (Thursday 6.5., R-CAL-2) stands on the same days. It is named as a
    public holiday with its date and name, and after the cause as what else stands on those
    days, not as a cause of its own."""
    base = tiny_roster(2)
    window = replace(base.groups["G1"], start_earliest=date(2027, 5, 3), start_latest=date(2027, 5, 31))
    roster = with_absence(replace(base, groups={"G1": window}), "L1", date(2027, 5, 3), date(2027, 5, 14))
    why = _why(roster, sm, "S-GROUP-START", "G1")
    cause = why.index("cause: L1 loma 2027-05-03–2027-05-14 (Absences!B2)")
    beside = why.index("; also on those days: public holiday 2027-05-06 (Ascension Day)")
    assert cause < beside, why
