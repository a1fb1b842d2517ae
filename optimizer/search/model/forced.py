"""What each work-practice placement forces on its visits and calls, whatever days they take:
costs for the periods relaxation (optimizer/search/lower_bound.py), which has no visit literals.

The periods relaxation plans the practices without a single visit, so on its own it may place a
practice across the case manager's four-week holiday at no cost, where every plan pays: the
visits must wait for the case manager (R-STAFF-3), so the employer goes a month without a visit
(S-SPREAD) or the first or last visit moves away from its target (S-WP-ORDER), and the weekly
calls of those weeks are a substitute's (S-OWN-CM). On the M benchmark the plans paid 600-1,100
of such costs that the relaxation could not see, and it placed practices across the holidays
that the plans had to move (S-RHYTHM).

Each function below takes one placement and the days its case manager can visit, and returns
the least that any choice of visit days costs under that rule, counting as
optimizer/search/model/clients.py and optimizer/checks/costs.py count; the model adds it as a
constant times the placement's literal. Leaving out every other rule about the visits (minutes,
one event a day, the network meeting) can only lower that least cost, so the relaxation stays a
relaxation of the whole model.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

from ortools.sat.python import cp_model

from optimizer.core import plan as P
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Client
from optimizer.core.placements import PracticePlacement
from optimizer.core.service_model import ServiceModel
from optimizer.search.model.context import Build


@dataclass(frozen=True)
class VisitDays:
    """The days a placement's visits may take (practice days with the case manager at work) and
    what the rules count from them."""

    days: list[int]
    numbers: list[int]  # working days up to each day index (clients.working_day_numbers)
    first: int  # the placement's first and last day
    last: int

    def late(self, first_site: int, sm: ServiceModel) -> int:
        """S-WP-ORDER units of a first site visit on `first_site`: working days after the first
        wp_first_visit_days of the practice."""
        return max(0, self.numbers[first_site] - self.numbers[self.first] - (sm.num("wp_first_visit_days") - 1))

    def early(self, last_visit: int, sm: ServiceModel) -> int:
        """S-WP-ORDER units of a last visit on `last_visit`: days before the last wp_last_visit_days."""
        return max(0, self.last - (sm.num("wp_last_visit_days") - 1) - last_visit)


def gap_units(cal: Calendar, sm: ServiceModel, a: int, b: int) -> int:
    """S-SPREAD units of two consecutive visits on days a < b: each working day that opens a
    window of wp_visit_gap_max_days calendar days without a visit."""
    return len(cal.working_between(a + 1, b - sm.num("wp_visit_gap_max_days")))


def forced_visit_units(cal: Calendar, sm: ServiceModel, v: VisitDays, visits: int) -> dict[str, int] | None:
    """S-WP-ORDER and S-SPREAD: the least units any `visits` visits on `v.days` cost. None when
    the days are fewer than the visits (R-WP-3 cannot be kept: one event a day, R-CLIENT-2).

    The first visit comes on or after the first possible day and the last on or before the last
    one, whatever the plan does. A stretch without a possible day (the case manager's holiday)
    costs one of three ways: visits on both sides of it leave a gap (S-SPREAD); all visits after
    it make the first site visit late; all visits before it make the last visit early. The
    dearest stretch is counted, at the cheapest of its three ways; several visits in one week
    (S-SPREAD) are forced when the placement has fewer weeks with a possible day than visits."""
    days = v.days
    if len(days) < visits:
        return None
    weighed = partial(_weighed, sm)
    base = _base_units(cal, sm, v, visits)
    same_week = base["S-SPREAD"]
    stretches = []
    for a, b in pairwise(days):
        gap = gap_units(cal, sm, a, b)
        if gap:
            stretches.append(min([
                {"S-WP-ORDER": base["S-WP-ORDER"], "S-SPREAD": same_week + gap},
                {"S-WP-ORDER": v.late(b, sm) + v.early(days[-1], sm), "S-SPREAD": same_week},
                {"S-WP-ORDER": v.late(days[0], sm) + v.early(a, sm), "S-SPREAD": same_week},
            ], key=weighed))
    return max([base, *stretches], key=weighed)


def call_days(cal: Calendar, client_id: str, o: PracticePlacement) -> list[int]:
    """The days on which a weekly call of placement `o` may fall as the validator reads R-WP-4:
    working days inside the practice that the client is not away, for a part-time client its
    days off practice too (the model itself calls on practice days only)."""
    days = cal.client_days(client_id)
    return days[bisect_left(days, o.first):bisect_right(days, o.last)]


def visit_days(cal: Calendar, sm: ServiceModel, case_manager: str, o: PracticePlacement,
               calls_on: list[int] | None = None) -> tuple[list[int], int]:
    """The practice days of placement `o` that can hold a practice visit, and how many visits
    they hold at most: `visit_weeks` over all weeks."""
    return _days_and_room(visit_weeks(cal, sm, case_manager, o, calls_on))


def _weeks_without(weeks: dict[int, tuple[list[int], int]], leave: set[int]) -> dict[int, tuple[list[int], int]]:
    """visit_weeks' weeks without the days of `leave`, each week's room no more than its days."""
    return {w: (kept, min(len(kept), room)) for w, (own, room) in weeks.items()
            if (kept := [d for d in own if d not in leave])}


def _days_and_room(weeks: dict[int, tuple[list[int], int]]) -> tuple[list[int], int]:
    days, room = [], 0
    for own, week_room in weeks.values():
        days += own
        room += week_room
    return days, room


def visit_weeks(cal: Calendar, sm: ServiceModel, case_manager: str, o: PracticePlacement,
                calls_on: list[int] | None = None) -> dict[int, tuple[list[int], int]]:
    """Week -> (the practice days of placement `o` in it that can hold a practice visit, how
    many visits the week holds at most), for the weeks with room for one. A visit needs the case
    manager at work (R-STAFF-3) and a day of the client that the week's calls leave free: every
    week with a practice day has wp_calls_per_week calls (R-WP-4) and a client has one event a
    day (R-CLIENT-2). So a week of fewer practice days than that, plus one, holds no visit (the
    example's practices that ended on the Monday after the Christmas closure: the call took that
    day, and the last visit came before the closure), and a week holds at most its practice days
    less its calls. `calls_on` (call_days; the practice days when None): a part-time client's
    call may fall on a day off practice instead, and then leaves the practice days to the visits
    (a review found a valid plan below the bound when this counted practice days only)."""
    calls = sm.num("wp_calls_per_week")
    weeks: dict[int, list[int]] = {}
    for d in o.practice_days:
        weeks.setdefault(cal.week(d), []).append(d)
    practice = set(o.practice_days)
    off: dict[int, int] = {}  # days of each week a call may take outside the practice days
    for d in calls_on or ():
        if d not in practice:
            off[cal.week(d)] = off.get(cal.week(d), 0) + 1
    out = {}
    for week, week_days in weeks.items():
        free = len(week_days) - max(0, calls - off.get(week, 0))
        if free > 0:
            own = [d for d in week_days if cal.staff_at_work(case_manager, d)]
            if own:
                out[week] = (own, min(len(own), free))
    return out


def call_weeks(cal: Calendar, case_manager: str, o: PracticePlacement,
               calls_on: list[int] | None = None) -> dict[int, bool]:
    """Each calendar week of placement `o`'s practice, and whether its case manager is at work on
    a day its call may take (R-WP-4; `calls_on` as for visit_days, the practice days when None)."""
    weeks: dict[int, bool] = {cal.week(d): False for d in o.practice_days}
    for d in [*o.practice_days, *(calls_on or ())]:
        if cal.week(d) in weeks and cal.staff_at_work(case_manager, d):
            weeks[cal.week(d)] = True
    return weeks


def forced_substitute_calls(cal: Calendar, sm: ServiceModel, case_manager: str, o: PracticePlacement,
                            calls_on: list[int] | None = None) -> int:
    """S-OWN-CM: calls a substitute must make, one set for each calendar week of the practice
    in which the case manager is at work on none of the days a call may take (call_weeks)."""
    return _substitute_calls(sm, call_weeks(cal, case_manager, o, calls_on))


def _substitute_calls(sm: ServiceModel, own_weeks: dict[int, bool]) -> int:
    return sm.num("wp_calls_per_week") * sum(1 for own in own_weeks.values() if not own)


def sole_call_days(cal: Calendar, case_manager: str, calls_on: list[int]) -> set[int]:
    """The days that are the case manager's only day at work in their week on which the week's
    call may fall (`calls_on`, call_days). A visit on such a day leaves that week's call to a
    substitute (R-WP-4, S-OWN-CM): a client has one event a day (R-CLIENT-2)."""
    by_week: dict[int, list[int]] = {}
    for d in calls_on:
        if cal.staff_at_work(case_manager, d):
            by_week.setdefault(cal.week(d), []).append(d)
    return {days[0] for days in by_week.values() if len(days) == 1}


def sole_day_units(cal: Calendar, sm: ServiceModel, v: VisitDays, weeks: dict[int, tuple[list[int], int]],
                   visits: int, sole: set[int], forced: dict[str, int]) -> dict[str, int]:
    """forced_visit_units' `forced` with what the case manager's sole call days among the visit
    days (`sole`, sole_call_days) add: a plan that visits on one of them pays a substitute's call more (S-OWN-CM);
    one that visits on none has its visits on the other days, at their own forced cost. The
    cheaper of the two, where it costs more than `forced`. On M3 a case manager who works
    Tuesday to Thursday was on holiday until the last week of a practice that ended on a
    Tuesday: the last visit on that Tuesday left the week's call to a substitute, which the
    relaxation did not count, or the last visit came before the holiday (5.12.)."""
    if not sole:
        return forced
    using = {**forced, "S-OWN-CM": forced.get("S-OWN-CM", 0) + 1}
    kept_weeks = _weeks_without(weeks, sole)
    days, room = _days_and_room(kept_weeks)
    others = VisitDays(days, v.numbers, v.first, v.last)
    without = forced_visit_units(cal, sm, others, visits) if room >= visits else None
    weighed = partial(_weighed, sm)
    cheaper = using if without is None else min(using, without, key=weighed)
    return max(forced, cheaper, key=weighed)


def add_forced_practice_costs(b: Build, client: Client, numbers: list[int], load: bool = False) -> None:
    """For each practice placement of the client, the S-WP-ORDER, S-SPREAD and S-OWN-CM units
    its visits and calls cannot avoid, as costs of the placement's literal; a placement with
    room for fewer visits than it needs (`visit_days`) is ruled out (R-WP-3). `load`: also the
    least the practice adds to the case manager's weeks (add_practice_load), from the same
    weeks of each placement."""
    cv = b.clients[client.client_id]
    cid = client.client_id
    units: dict[str, list] = {"S-WP-ORDER": [], "S-SPREAD": [], "S-OWN-CM": []}
    rooms: dict[int, list] = {}  # week -> [(visits it holds, placement literal)]
    callable_weeks: dict[int, list] = {}  # week -> [placement literals whose call the case manager can make]
    first_weeks: dict[int, list] = {}  # week -> placement literals whose first site visit falls in it
    last_weeks: list[tuple[object, set[int]]] = []  # placement literal, the weeks its wrap-up may take
    for o, lit in cv.wp_opts:
        calls_on = call_days(b.cal, cid, o)
        weeks = visit_weeks(b.cal, b.sm, cv.case_manager, o, calls_on)
        own_calls = call_weeks(b.cal, cv.case_manager, o, calls_on)
        days, room = _days_and_room(weeks)
        v = VisitDays(days, numbers, o.first, o.last)
        forced = forced_visit_units(b.cal, b.sm, v, client.wp_visits)
        if forced is None or room < client.wp_visits:
            b.m.Add(lit == 0)
            continue
        sole = sole_call_days(b.cal, cv.case_manager, calls_on) & set(days)
        forced = sole_day_units(b.cal, b.sm, v, weeks, client.wp_visits, sole, forced)
        counted = b.start_load or load  # the visits' weeks are counted (S-LOAD)
        first = first_visit_week(b.cal, b.sm, v, weeks, client.wp_visits, sole, forced) if counted else None
        if first is not None:
            first_weeks.setdefault(first, []).append(lit)
        wrap_up = wrap_up_weeks(b.cal, b.sm, v, weeks, client.wp_visits, sole, forced) if counted else None
        if wrap_up:
            last_weeks.append((lit, wrap_up))
        forced["S-OWN-CM"] = forced.get("S-OWN-CM", 0) + _substitute_calls(b.sm, own_calls)
        # A week whose sole call day may hold a visit may have its call made by a substitute,
        # which `forced` may count already: its call is not counted in the weeks' minutes or
        # their substitute below (counted twice otherwise).
        for week in {b.cal.week(d) for d in sole}:
            own_calls[week] = False
        for rule, n in forced.items():
            if n:
                units[rule].append(n * lit)
        for week, (_, week_room) in weeks.items():
            rooms.setdefault(week, []).append((week_room, lit))
        for week in (w for w, own in own_calls.items() if own):
            callable_weeks.setdefault(week, []).append(lit)
    for rule, terms in units.items():
        if terms:
            b.penalize(rule, sum(terms), cid, "forced by the case manager's days in the practice")
    if load and client.wp_visits > 0 and rooms:
        add_practice_load(b, client, rooms, callable_weeks, first_weeks, last_weeks)
    elif b.start_load and client.wp_visits > 0:
        add_practice_start_load(b, client, first_weeks, callable_weeks, last_weeks)


def add_practice_load(b: Build, client: Client, rooms: dict[int, list], callable_weeks: dict[int, list],
                      first_weeks: dict[int, list], last_weeks: list[tuple[object, set[int]]]) -> None:
    """S-LOAD: the least a client's practice adds to the case manager's weeks, whatever days its
    visits and calls take, for the periods relaxation's bound on the busiest weeks
    (optimizer/search/lower_bound.py). `rooms` and `callable_weeks` come from
    add_forced_practice_costs: each week's room for visits (visit_weeks) and the weeks whose
    call the case manager can make (call_weeks), by placement literal.

    Where the placement forces the first site visit into its first week or the wrap-up with the
    employer into its last two weeks (first_visit_week, wrap_up_weeks), a site visit counts there,
    or a unit of S-WP-ORDER.

    In each week of the chosen placement the case manager makes the week's calls where at work
    on a day a call may take, or a substitute makes them at S-OWN-CM's cost (the weeks where the
    case manager cannot call cost through `add_forced_practice_costs`, so none is counted
    twice); and the visits (R-WP-3: wp_visits in all, wp_site_visits_min of them at the
    workplace, the rest at the least by video) go to the weeks with room for them.
    The visits' days, spacing and modes are otherwise free, so every plan's practice adds at
    least this to its case manager's weeks: the terms are a relaxation of the whole model's."""
    cv = b.clients[client.client_id]
    cid = client.client_id
    per_week = b.sm.num("wp_calls_per_week")
    site, video = {}, {}
    for week, terms in rooms.items():
        most = max(room for room, _ in terms)
        s = b.new_int(0, most, f"least_site_visits[{cid},{week}]")
        v = b.new_int(0, most, f"least_video_visits[{cid},{week}]")
        b.m.Add(s + v <= sum(room * lit for room, lit in terms))
        b.add_week_load(cv.case_manager, week, b.minutes("minutes_site"), s, most)
        b.add_week_load(cv.case_manager, week, b.minutes("minutes_video"), v, most)
        site[week] = s
        video[week] = v
    b.m.Add(sum(site.values()) >= b.sm.num("wp_site_visits_min"))
    b.m.Add(sum(site.values()) + sum(video.values()) >= client.wp_visits)
    if first_weeks:
        late = _first_site_visit_late(b, cid)
        for week, lits in first_weeks.items():
            b.m.Add(site[week] >= sum(lits) - late)
    if last_weeks:
        by_video = _wrap_up_by_video(b, cid)
        unplaced = _wrap_up_unplaced(b, cid)
        for lit, options in last_weeks:
            b.m.Add(sum(site[w] + (video[w] if by_video else 0) for w in options if w in site) + unplaced >= lit)
    substitute = []
    for week, lits in callable_weeks.items():
        calls = b.new_int(0, per_week, f"least_own_calls[{cid},{week}]")
        b.m.Add(calls <= per_week * sum(lits))
        b.add_week_load(cv.case_manager, week, b.minutes("minutes_phone"), calls, per_week)
        substitute.append(per_week * sum(lits) - calls)
    if substitute:
        b.penalize("S-OWN-CM", sum(substitute), cid, "calls by a substitute in a week the case manager works")


def _base_units(cal: Calendar, sm: ServiceModel, v: VisitDays, visits: int) -> dict[str, int]:
    """forced_visit_units' cost without a stretch: the first site visit on the first possible
    day, the last visit on the last one, and the visits the weeks cannot hold one by one."""
    return {"S-WP-ORDER": v.late(v.days[0], sm) + v.early(v.days[-1], sm),
            "S-SPREAD": max(0, visits - len({cal.week(d) for d in v.days}))}


def _weighed(sm: ServiceModel, units: dict[str, int]) -> int:
    return sum(sm.weights.get(rule, 0) * n for rule, n in units.items())


def least_units_without(cal: Calendar, sm: ServiceModel, v: VisitDays, weeks: dict[int, tuple[list[int], int]],
                        visits: int, sole: set[int], leave: set[int]) -> dict[str, int] | None:
    """What the visits cost at the least (forced_visit_units with sole_day_units) where none of
    them takes a day of `leave`; None where the other days cannot hold them (R-WP-3)."""
    kept_weeks = _weeks_without(weeks, leave)
    days, room = _days_and_room(kept_weeks)
    others = VisitDays(days, v.numbers, v.first, v.last)
    least = forced_visit_units(cal, sm, others, visits) if room >= visits else None
    return None if least is None else sole_day_units(cal, sm, others, kept_weeks, visits, sole & set(days), least)


def _a_unit_dearer(sm: ServiceModel, without: dict[str, int] | None, forced: dict[str, int]) -> bool:
    """Whether visits kept off some days cost at least a unit of S-WP-ORDER more than `forced`
    (None: they cannot be kept off them)."""
    return without is None or _weighed(sm, without) >= _weighed(sm, forced) + sm.weights.get("S-WP-ORDER", 0)


def first_visit_week(cal: Calendar, sm: ServiceModel, v: VisitDays, weeks: dict[int, tuple[list[int], int]],
                     visits: int, sole: set[int], forced: dict[str, int]) -> int | None:
    """The week of the days on which a placement's first site visit is as early as it can be
    (S-WP-ORDER: within the practice's first wp_first_visit_days), where those days lie in one
    week and every plan without a visit on them pays at least a unit of S-WP-ORDER more than
    `forced` (forced_visit_units, sole_day_units) counts; None otherwise.

    Then every plan either has its first site visit in that week, or pays that unit more: its
    visits all on later days (least_units_without), or a visit before its first site visit
    with the employer (wp_order_units). Where `forced` is the base cost (no stretch dearer) a
    later first site visit is itself the unit; where the case manager's holiday makes a stretch
    dearer, the unit holds wherever leaving those days costs more (the S benchmark's practice
    across a holiday whose gap, 11 units of S-SPREAD, the visits pay anyway, 5.12.)."""
    late = v.late(v.days[0], sm)
    early = {d for d in v.days if v.late(d, sm) == late}
    in_weeks = {cal.week(d) for d in early}
    if len(in_weeks) != 1 or not _a_unit_dearer(sm, least_units_without(cal, sm, v, weeks, visits, sole, early),
                                                forced):
        return None
    return next(iter(in_weeks))


def wrap_up_weeks(cal: Calendar, sm: ServiceModel, v: VisitDays, weeks: dict[int, tuple[list[int], int]],
                  visits: int, sole: set[int], forced: dict[str, int]) -> set[int] | None:
    """The weeks in which a placement's last visit, the wrap-up with the employer, costs no more
    S-WP-ORDER than `forced` (forced_visit_units, sole_day_units) counts: the weeks of the
    possible days in the practice's last wp_last_visit_days. None where a plan may have its
    last visit before those days at less than a unit of S-WP-ORDER more than `forced`.

    Otherwise every plan either has a visit the employer joins on one of those days (the last
    visit, its wrap-up) or pays at least a unit of S-WP-ORDER more than `forced`: a last visit
    without the employer costs wp_order_units, and visits all before those days cost at least
    that unit more (least_units_without)."""
    last = {d for d in v.days if not v.early(d, sm)}
    if visits < 2 or not last or not _a_unit_dearer(sm, least_units_without(cal, sm, v, weeks, visits, sole, last),
                                                     forced):
        return None
    return {cal.week(d) for d in last}


def add_practice_start_load(b: Build, client: Client, first_weeks: dict[int, list],
                            callable_weeks: dict[int, list], last_weeks: list[tuple[object, set[int]]]) -> None:
    """S-LOAD for the relaxation of every group together (lower_bound.joint_bound), which has
    no visit literals: what every practice adds to its case manager's weeks in all but the
    costliest plans, without a literal per visit. In the first week (`first_weeks`, week ->
    placement literals, from first_visit_week) the first site visit at the workplace with the
    employer (R-WP-3, wp_first_visit_days), or a unit of S-WP-ORDER more than the placement's
    forced cost; in each week the case manager can call, the week's calls (R-WP-4), or a call by
    a substitute (S-OWN-CM), which the forced costs count only in the weeks the case manager
    cannot call. On M3 five practices of one case manager's clients starting on the same Monday
    hold 11.25 hours in that week in every plan; the relaxation without these terms counted no
    work of that person at all in the model, only 6 hours from the person's own relaxation,
    which spread the practices over the year. A plan pays either the minutes or the unit, so
    this stays a relaxation."""
    cid = client.client_id
    cm = b.clients[cid].case_manager
    # A week's terms (the chosen placement's literal, less the escape) may fall to -1 in a week
    # the placement does not take where the escape is paid: a lower count than the plan's
    # (none), so still a relaxation, without a literal per week. The escape is never worth its
    # unit for the few minutes it takes off a week (10 or 8 units against a quarter of an hour
    # to 2.5 hours, weighed 1 an hour), and the model proved M1 in 1.5-2.4 s and M2 in 2.4-2.9
    # s, where with a literal per week and client it took 3.2-13.5 s and 1.9-4.5 s (4.12.).
    # Where a service model weighs the rule 0 the unit is free, and each count less it would
    # only lower the other weeks (a weaker bound): no term then.
    if first_weeks and b.sm.weights.get("S-WP-ORDER", 0):
        late = _first_site_visit_late(b, cid)
        for week, lits in first_weeks.items():
            b.add_week_load(cm, week, b.minutes("minutes_site"), sum(lits) - late, 1)
    if last_weeks:
        _add_wrap_up_load(b, client, last_weeks)
    if callable_weeks and b.sm.weights.get("S-OWN-CM", 0):
        per_week = b.sm.num("wp_calls_per_week")
        away = b.new_bool(f"a_call_by_substitute[{cid}]")
        for week, lits in callable_weeks.items():
            b.add_week_load(cm, week, per_week * b.minutes("minutes_phone"), sum(lits) - away, 1)
        b.penalize("S-OWN-CM", away, cid, "calls by a substitute in a week the case manager works")


def _first_site_visit_late(b: Build, cid: str) -> cp_model.IntVar:
    """The unit of S-WP-ORDER a plan pays whose first site visit is not in the week
    first_visit_week names: the relaxations' way out of counting it there."""
    late = b.new_bool(f"first_site_visit_late[{cid}]")
    b.penalize("S-WP-ORDER", late, cid, "the first site visit after the practice's first week")
    return late


def _wrap_up_unplaced(b: Build, cid: str) -> cp_model.IntVar:
    """The unit of S-WP-ORDER a plan pays whose wrap-up with the employer is not in the weeks
    wrap_up_weeks names: the relaxations' way out of counting it there."""
    unplaced = b.new_bool(f"wrap_up_unplaced[{cid}]")
    b.penalize("S-WP-ORDER", unplaced, cid, "the wrap-up with the employer outside the practice's last weeks")
    return unplaced


def _wrap_up_by_video(b: Build, cid: str) -> bool:
    """Whether a pin makes a video visit one the employer joins: a wrap-up by video."""
    return any(e.client_id == cid and e.kind == P.WP_VISIT and e.with_employer and e.mode != P.SITE
               for e in b.run.pinned)


def _add_wrap_up_load(b: Build, client: Client, last_weeks: list[tuple[object, set[int]]]) -> None:
    """S-LOAD for the relaxation of every group together: the wrap-up visit with the employer
    (S-WP-ORDER) in one of the weeks of its placement's last wp_last_visit_days (`last_weeks`:
    placement literal, those weeks; wrap_up_weeks), or a unit of S-WP-ORDER more than the
    placement's forced cost. It is another visit than the first site visit (a practice has
    wp_visits of them), so neither is counted twice. A visit in person, unless a pin makes a
    video visit one the employer joins (then a video visit's minutes, the fewer)."""
    cid = client.client_id
    cm = b.clients[cid].case_manager
    minutes = b.minutes("minutes_video" if _wrap_up_by_video(b, cid) else "minutes_site")
    weeks = sorted(set().union(*(w for _, w in last_weeks)))
    in_week = {week: b.new_bool(f"wrap_up_in_week[{cid},{week}]") for week in weeks}
    unplaced = _wrap_up_unplaced(b, cid)
    for lit, options in last_weeks:
        b.m.Add(sum(in_week[w] for w in options) + unplaced >= lit)
    for week, literal in in_week.items():
        b.add_week_load(cm, week, minutes, literal, 1)
