"""What a plan costs under the soft rules (S-*), computed from its Events and Periods alone.

The CP-SAT model minimises the same weighted sum; this is its second opinion, in the way the
validator is for the hard rules: it reads any plan (the optimizer's, the greedy baseline's, a
hand-made one) and gives the units and cost of each soft rule. On a plan the solver proved
optimal the two agree exactly (tests/test_costs.py); on any plan the solver found, this is at
most the solver's objective (the solver's penalty variables are only bounded from below).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from optimizer.core import plan as P
from optimizer.core.calendar import finnish_public_holidays
from optimizer.core.dates import add_months
from optimizer.core.domain import Roster
from optimizer.core.plan import DEFAULT_RUN, Event, Plan, RunSettings
from optimizer.core.service_model import ServiceModel


@dataclass(frozen=True)
class CostItem:
    """One soft-rule cost of a plan: who, when (the day that costs), how many units, what the
    units measure (`what`: a message key of optimizer/explain/explain.py) and where to look for its
    cause: the people and the days between `span` (optimizer/explain/explain.py names what stands there)."""

    rule: str
    who: str
    when: date | None
    units: int
    what: str
    people: tuple[str, ...] = ()
    span: tuple[date, date] | None = None

    def cost(self, weights: dict[str, int]) -> int:
        """The units at the rule's weight: what the item adds to the objective."""
        return self.units * weights.get(self.rule, 0)


def group_of(roster: Roster, item: CostItem) -> str | None:
    """The group a cost belongs to: a group's own, or its client's; None for a person's (S-LOAD)."""
    return group_of_who(roster, item.who)


def cost_by_rule(items: list[CostItem], weights: dict[str, int]) -> dict[str, int]:
    """Each soft rule's share of the objective."""
    out: dict[str, int] = defaultdict(int)
    for item in items:
        out[item.rule] += item.cost(weights)
    return dict(out)


def staff_week_minutes(sm: ServiceModel, plan: Plan) -> dict[tuple[str, tuple[int, int]], int]:
    """R-STAFF-2 minutes of work per (staff member, ISO year and week): group days, visits and
    calls (deadlines are no work). S-LOAD's busiest week and the compared loads come from it."""
    out: dict[tuple[str, tuple[int, int]], int] = defaultdict(int)
    for e in plan.events:
        if e.kind in P.DUE_KINDS:
            continue
        week = tuple(e.date.isocalendar()[:2])
        for s in e.staff_ids:
            out[s, week] += sm.event_minutes(e.kind, e.mode)  # type: ignore[index]
    return out


def busiest_weeks(week_minutes: dict[tuple[str, tuple[int, int]], int]) -> dict[str, tuple[int, tuple[int, int]]]:
    """S-LOAD: each person's busiest week of `staff_week_minutes`, its minutes and ISO week (the
    earliest of equal weeks)."""
    busiest: dict[str, tuple[int, tuple[int, int]]] = {}
    for (s, week), m in sorted(week_minutes.items()):
        if s not in busiest or m > busiest[s][0]:
            busiest[s] = (m, week)
    return busiest


def group_of_who(roster: Roster, who: str) -> str | None:
    """The group a cost of `who` belongs to: a group's own, or its client's; None for a person."""
    if who in roster.groups:
        return who
    client = roster.clients.get(who)
    return client.group_id if client is not None else None


def soft_items(roster: Roster, sm: ServiceModel, plan: Plan, run: RunSettings = DEFAULT_RUN) -> list[CostItem]:
    """Every soft-rule cost of the plan, item by item (days, months, visits, hours); S-CHANGE
    against the run's previous plan, if it has one."""
    items: list[CostItem] = []
    group_days: dict[str, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
    by_client: dict[str, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
    week_minutes = staff_week_minutes(sm, plan)
    leaders: dict[str, set[str]] = defaultdict(set)
    for e in plan.events:
        if e.kind == P.GROUP_DAY:
            group_days[e.group_id][e.phase].append(e.date)
            leaders[e.group_id] |= set(e.staff_ids)
        elif e.client_id and e.kind not in P.DUE_KINDS:
            kind = "sub_call" if e.substitute else e.kind
            by_client[e.client_id][kind].append(e.date)
    for days in list(group_days.values()) + list(by_client.values()):
        for v in days.values():
            v.sort()
    wp = {p.client_id: p for p in plan.periods if p.phase == P.WORK_PRACTICE}
    wp_visits: dict[str, list[Event]] = defaultdict(list)
    office_or_video: dict[str, list[Event]] = defaultdict(list)
    sub_voices: dict[str, set[str]] = defaultdict(set)
    for e in plan.events:
        if e.client_id and e.kind == P.WP_VISIT:
            wp_visits[e.client_id].append(e)
        elif e.client_id and e.kind in (P.START_VISIT, P.READY_VISIT, P.FOLLOW_UP_VISIT):
            office_or_video[e.client_id].append(e)
        elif e.client_id and e.kind == P.PHONE_CALL and e.substitute:
            sub_voices[e.client_id] |= set(e.staff_ids)
    for visits in wp_visits.values():
        visits.sort(key=lambda e: e.date)
    off = set(roster.closed_days) | set(finnish_public_holidays(roster.plan_start - timedelta(days=366),
                                                                roster.plan_end + timedelta(days=366)))

    def working(d: date) -> bool:
        """R-CAL-1: a weekday that is neither a public holiday nor a closed day."""
        return d.weekday() < 5 and d not in off
    cm = {e.client_id: e.staff_ids[0] for e in plan.events
          if e.client_id and e.kind == P.START_VISIT and e.staff_ids}

    def days_between(a: date, b: date) -> int:
        return (b - a).days

    def add(rule: str, who: str, when: date | None, units: int, what: str, people: tuple[str, ...] = (),
            span: tuple[date, date] | None = None) -> None:
        if units > 0:
            items.append(CostItem(rule, who, when, units, what, people, span))

    # S-GROUP-START: days after the window opens; a postponed start costs more (R-GROUP-2).
    for gid, phases in group_days.items():
        g = roster.groups.get(gid)
        if g is None or not phases.get(P.START):
            continue
        first = phases[P.START][0]
        people = tuple(sorted(leaders[gid] | set(g.leaders)))
        add("S-GROUP-START", gid, first, days_between(g.start_earliest, first), "cost_group_start", people,
            (g.start_earliest, first))
        if gid in plan.postponed or first > g.start_latest:
            add("S-GROUP-START", gid, first, sm.num("postpone_units"), "cost_postponed", people,
                (g.start_earliest, first))
    # Per client: decision, gap before work practice, getting-ready length, follow-up months,
    # process length, missed group days, visits spread, substitute calls.
    deep_t, final_t = sm.rng("deep_after_wp_target_days"), sm.rng("final_after_deep_target_days")
    f_targets = [sm.rng("follow_up_1_target_months"), sm.rng("follow_up_2_target_months")]
    wp_end: dict[str, date] = {}
    absent: dict[str, set[date]] = defaultdict(set)
    for a in roster.absences:
        for k in range((a.end - a.start).days + 1):
            absent[a.person].add(date.fromordinal(a.start.toordinal() + k))
    for c in roster.clients.values():
        ev, phases = by_client.get(c.client_id), group_days.get(c.group_id)
        if not ev or not phases:
            continue
        cid = c.client_id
        both = (cid, cm[cid]) if cid in cm else (cid,)
        start = ev.get(P.START_VISIT, [])
        if start:
            lead = sm.rng("decision_lead_days")
            soonest = c.decision_date + timedelta(days=lead.min)
            latest = max(c.decision_date, roster.plan_start) + timedelta(days=lead.max)
            add("S-DECISION", cid, start[0], days_between(start[0], soonest), "cost_decision_early", both,
                (c.decision_date, soonest))
            add("S-DECISION", cid, start[0], days_between(latest, start[0]), "cost_decision", both,
                (c.decision_date, start[0]))
        period = wp.get(cid)
        ready = ev.get(P.READY_VISIT, [])
        if period and ready:
            add("S-WP-GAP", cid, period.start,
                days_between(ready[-1], period.start) - sm.num("wp_start_target_gap_days"), "cost_wp_gap", both,
                (ready[-1], period.start))
        # Visits closer together than the gap, each pair; two practice visits in one week are
        # priced by the week's count instead (S-SPREAD below), so only pairs across weeks count.
        for rule, kind_days, gap_param, what, across_weeks in (
                ("S-START", start, "start_visit_gap_days", "cost_start_close", False),
                ("S-READY", ready, "ready_visit_gap_days", "cost_ready_close", False),
                ("S-SPREAD", ev.get(P.WP_VISIT, []), "wp_visit_gap_min_days", "cost_visit_close", True)):
            gap = sm.num(gap_param)
            for i, d in enumerate(kind_days):
                for e in kind_days[i + 1:]:
                    if not (across_weeks and d.isocalendar()[:2] == e.isocalendar()[:2]):
                        add(rule, cid, e, gap - days_between(d, e), what, both, (d, e))
        if period and c.wp_start is None:
            monday = period.start - timedelta(days=period.start.weekday())
            before = [monday + timedelta(days=k) for k in range(period.start.weekday())]
            practise = c.wp_weekdays if c.wp_weekdays is not None else frozenset(range(5))
            add("S-WP-WEEK", cid, period.start, sum(1 for d in before if working(d) and d.weekday() in practise),
                "cost_wp_week", both,
                (monday, period.start))
        visits = wp_visits.get(cid, [])
        if period and visits:
            items += _order_items(sm, cid, both, period.start, period.end, visits, working)
        if period and phases.get(P.START):
            over = days_between(phases[P.START][-1], period.start) - sm.num("ready_target_days")
            add("S-RHYTHM", cid, period.start, over, "cost_ready_long", both, (phases[P.START][-1], period.start))
            wp_end[c.group_id] = max(wp_end.get(c.group_id, period.end), period.end)
        follow = ev.get(P.FOLLOW_UP_VISIT, [])
        if phases.get(P.FINAL):
            last = phases[P.FINAL][-1]
            for k, (day, target) in enumerate(zip(follow, f_targets, strict=False), start=1):
                # The target ends follow_up_margin_days before the deadline, if not before.
                deadline = add_months(last, sm.num(f"follow_up_{k}_months"))
                lo = add_months(last, target.min)
                hi = min(add_months(last, target.max), deadline - timedelta(days=sm.num("follow_up_margin_days")))
                # Early: the cause lies in the target months (an absence there, or the plan's end).
                add("S-RHYTHM", cid, day, days_between(day, lo), f"cost_follow_up_{k}_early", both, (lo, hi))
                add("S-RHYTHM", cid, day, days_between(hi, day), f"cost_follow_up_{k}_late", both, (hi, day))
        if start and follow:
            over = days_between(add_months(start[0], sm.num("process_months")), follow[-1])
            add("S-LENGTH", cid, follow[-1], -(-max(0, over) // 31), "cost_length", both, (start[0], follow[-1]))
        all_group_days = [d for days in phases.values() for d in days]
        for d in all_group_days:
            if d in absent[cid]:
                add("S-MISSED-DAY", cid, d, 1, "cost_missed_day", (cid,), (d, d))
        per_week: dict[tuple[int, int], list[date]] = defaultdict(list)
        visit_days = ev.get(P.WP_VISIT, [])
        for d in visit_days:
            per_week[tuple(d.isocalendar()[:2])].append(d)
        for days in per_week.values():
            add("S-SPREAD", cid, days[0], len(days) - 1, "cost_spread", both, (period.start, period.end)
                if period else None)
        longest = sm.num("wp_visit_gap_max_days")
        for a, b in pairwise(visit_days):
            # each working day that opens a visit-free window of `longest` days between a and b
            opening = [a + timedelta(days=k) for k in range(1, days_between(a, b) - longest + 1)]
            add("S-SPREAD", cid, b, sum(1 for d in opening if working(d)), "cost_visit_gap", both, (a, b))
        for d in ev.get("sub_call", []):
            add("S-OWN-CM", cid, d, 1, "cost_substitute_call", both[1:], (d, d))
        voices = sorted(sub_voices.get(cid, set()))
        if voices:
            add("S-OWN-CM", cid, None, len(voices) - 1, "cost_substitute_voices", tuple(voices))
        for e in office_or_video.get(cid, []):
            if e.mode == P.VIDEO:
                add("S-OFFICE", cid, e.date, 1, "cost_video_visit", both, (e.date, e.date))
    # S-RHYTHM of the groups: deepening 2-4 weeks after the last practice day, final 8-12 after.
    for gid, phases in group_days.items():
        people = tuple(sorted(leaders[gid]))
        if gid in wp_end and phases.get(P.DEEP):
            gap = days_between(wp_end[gid], phases[P.DEEP][0])
            add("S-RHYTHM", gid, phases[P.DEEP][0], deep_t.min - gap, "cost_deep_early", people,
                (wp_end[gid], phases[P.DEEP][0]))
            for cid, period in wp.items():  # each client's wait after their own practice
                if period.group_id == gid and cid in roster.clients:
                    add("S-RHYTHM", cid, phases[P.DEEP][0], days_between(period.end, phases[P.DEEP][0]) - deep_t.max,
                        "cost_deep_wait", (cid,), (period.end, phases[P.DEEP][0]))
        if phases.get(P.DEEP) and phases.get(P.FINAL):
            gap = days_between(phases[P.DEEP][-1], phases[P.FINAL][0])
            add("S-RHYTHM", gid, phases[P.FINAL][0], final_t.min - gap, "cost_final_early", people,
                (phases[P.DEEP][-1], phases[P.FINAL][0]))
            add("S-RHYTHM", gid, phases[P.FINAL][0], gap - final_t.max, "cost_final_late", people,
                (phases[P.DEEP][-1], phases[P.FINAL][0]))
    if run.previous is not None:
        items += _change_items(roster, sm, plan, run.previous)
    # S-LOAD: each person's busiest week, in whole hours.
    for s, (m, (year, week)) in sorted(busiest_weeks(week_minutes).items()):
        monday = date.fromisocalendar(year, week, 1)
        add("S-LOAD", s, monday, -(-m // 60), "cost_load", (s,), (monday, monday + timedelta(days=4)))
    return items


def _days(a: date, b: date) -> int:
    return (b - a).days


def _order_items(sm: ServiceModel, cid: str, both: tuple[str, ...], first: date, last: date,
                 visits: list[Event], working: Callable[[date], bool]) -> list[CostItem]:
    """S-WP-ORDER (optimizer/search/model/clients.py counts the same): the first visit at the
    workplace with the employer, within wp_first_visit_days working days of the practice; the
    network meeting after it and in the first half; the last visit in the last wp_last_visit_days,
    with the employer (the wrap-up)."""
    out: list[CostItem] = []
    units = sm.num("wp_order_units")

    def add(when: date, n: int, what: str, span: tuple[date, date]) -> None:
        if n > 0:
            out.append(CostItem("S-WP-ORDER", cid, when, n, what, both, span))

    with_employer = [e.date for e in visits if e.mode == P.SITE and e.with_employer]
    first_site = with_employer[0] if with_employer else None
    if first_site is None or visits[0].date < first_site:
        add(visits[0].date, units, "cost_first_visit_not_site", (first, visits[0].date))
    if first_site is not None:
        workdays = sum(1 for k in range(_days(first, first_site)) if working(first + timedelta(days=k)))
        add(first_site, workdays - (sm.num("wp_first_visit_days") - 1), "cost_first_site_late", (first, first_site))
    for e in visits:
        if e.network_meeting:
            if first_site is None or e.date <= first_site:
                add(e.date, units, "cost_network_before_site", (first, e.date))
            half = 2 * _days(first, e.date) - _days(first, last)
            add(e.date, -(-half // 2), "cost_network_late", (first, last))
    target = last - timedelta(days=sm.num("wp_last_visit_days") - 1)
    add(visits[-1].date, _days(visits[-1].date, target), "cost_last_visit_early", (visits[-1].date, last))
    if not visits[-1].with_employer:
        add(visits[-1].date, units, "cost_last_visit_without_employer", (visits[-1].date, last))
    return out


def _change_items(roster: Roster, sm: ServiceModel, plan: Plan, previous: Plan) -> list[CostItem]:
    """S-CHANGE (re-planning): each previous event inside the plan's dates that the plan does
    not keep on its day with the same person and kind costs one unit; each group period that
    is not on the same days, change_units_group_period (optimizer/search/model/change.py)."""
    def same(e: Event) -> tuple:
        return (e.date, e.kind, e.client_id, e.mode == "video", e.substitute,
                e.staff_ids if e.substitute or e.kind != P.GROUP_DAY else ())

    inside = [e for e in previous.events if roster.plan_start <= e.date <= roster.plan_end
              and e.kind not in P.DUE_KINDS and (e.client_id in roster.clients or e.client_id is None)]
    kept = {same(e) for e in plan.events}
    out = [CostItem("S-CHANGE", e.client_id or "", e.date, 1, "cost_moved_event", e.staff_ids, (e.date, e.date))
           for e in inside if e.kind != P.GROUP_DAY and same(e) not in kept]
    before: dict[tuple[str, str], list[date]] = defaultdict(list)
    after: dict[tuple[str, str], list[date]] = defaultdict(list)
    for e in inside:
        if e.kind == P.GROUP_DAY and e.group_id in roster.groups:
            before[(e.group_id, e.phase)].append(e.date)
    leaders = {}
    for e in plan.events:
        if e.kind == P.GROUP_DAY:
            after[(e.group_id, e.phase)].append(e.date)
            leaders[(e.group_id, e.phase, e.date)] = set(e.staff_ids)
    for e in inside:  # a group day kept with another leader: one unit per leader replaced
        now = leaders.get((e.group_id, e.phase, e.date))
        if e.kind == P.GROUP_DAY and now is not None:
            out += [CostItem("S-CHANGE", e.group_id, e.date, 1, "cost_leader_changed", (s,), (e.date, e.date))
                    for s in e.staff_ids if s not in now]
    for (gid, phase), days in sorted(before.items()):
        if sorted(days) != sorted(after.get((gid, phase), [])):
            out.append(CostItem("S-CHANGE", gid, min(days), sm.num("change_units_group_period"), "cost_moved_period",
                                (), (min(days), max(days))))
    return out


def soft_units(roster: Roster, sm: ServiceModel, plan: Plan, run: RunSettings = DEFAULT_RUN) -> dict[str, int]:
    """Units of each soft rule (days, months, visits, hours) that the plan incurs."""
    units: dict[str, int] = defaultdict(int)
    for item in soft_items(roster, sm, plan, run):
        units[item.rule] += item.units
    return {rule: n for rule, n in units.items() if n}


def soft_costs(roster: Roster, sm: ServiceModel, plan: Plan, run: RunSettings = DEFAULT_RUN) -> dict[str, int]:
    """Cost of each soft rule: its units times its weight (service model or Weights sheet)."""
    return {rule: n * sm.weights.get(rule, 0) for rule, n in soft_units(roster, sm, plan, run).items()}


def objective(roster: Roster, sm: ServiceModel, plan: Plan, run: RunSettings = DEFAULT_RUN) -> int:
    """The plan's objective, in the units the optimizer reports."""
    return sum(soft_costs(roster, sm, plan, run).values())
