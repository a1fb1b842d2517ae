"""What a plan costs under the soft rules (S-*), computed from its Events and Periods alone.

The CP-SAT model minimises the same weighted sum; this is its second opinion, in the way the
validator is for the hard rules: it reads any plan (the optimizer's, the greedy baseline's, a
hand-made one) and gives the units and cost of each soft rule. On a plan the solver proved
optimal the two agree exactly (tests/test_costs.py); on any plan the solver found, this is at
most the solver's objective (the solver's penalty variables are only bounded from below).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from . import plan as P
from .dates import add_months
from .domain import Roster
from .model.objective import POSTPONE_UNITS
from .plan import Plan
from .service_model import ServiceModel


def soft_units(roster: Roster, sm: ServiceModel, plan: Plan) -> dict[str, int]:
    """Units of each soft rule (days, months, visits, hours) that the plan incurs."""
    units: dict[str, int] = defaultdict(int)
    group_days: dict[str, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
    by_client: dict[str, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
    week_minutes: dict[tuple[str, tuple[int, int]], int] = defaultdict(int)
    for e in plan.events:
        week = tuple(e.date.isocalendar()[:2])
        if e.kind == P.GROUP_DAY:
            group_days[e.group_id][e.phase].append(e.date)
            for s in e.staff_ids:
                week_minutes[s, week] += sm.event_minutes(e.kind, e.mode)
        elif e.client_id and e.kind not in P.DUE_KINDS:
            kind = "sub_call" if e.substitute else e.kind
            by_client[e.client_id][kind].append(e.date)
            for s in e.staff_ids:
                week_minutes[s, week] += sm.event_minutes(e.kind, e.mode)
    for days in list(group_days.values()) + list(by_client.values()):
        for v in days.values():
            v.sort()
    wp = {p.client_id: p for p in plan.periods if p.phase == P.WORK_PRACTICE}

    def days_between(a: date, b: date) -> int:
        return (b - a).days

    # S-GROUP-START: days after the window opens; a postponed start costs more (R-GROUP-2).
    for gid, phases in group_days.items():
        g = roster.groups.get(gid)
        if g is None or not phases.get(P.START):
            continue
        first = phases[P.START][0]
        units["S-GROUP-START"] += days_between(g.start_earliest, first)
        if gid in plan.postponed or first > g.start_latest:
            units["S-GROUP-START"] += POSTPONE_UNITS
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
        start = ev.get(P.START_VISIT, [])
        if start:
            units["S-DECISION"] += days_between(max(c.decision_date, roster.plan_start), start[0])
        period = wp.get(c.client_id)
        ready = ev.get(P.READY_VISIT, [])
        if period and ready:
            units["S-WP-GAP"] += max(0, days_between(ready[-1], period.start) - sm.num("wp_start_target_gap_days"))
        if period and phases.get(P.START):
            over = days_between(phases[P.START][-1], period.start) - sm.num("ready_target_days")
            units["S-RHYTHM"] += max(0, over)
            wp_end[c.group_id] = max(wp_end.get(c.group_id, period.end), period.end)
        follow = ev.get(P.FOLLOW_UP_VISIT, [])
        if phases.get(P.FINAL):
            last = phases[P.FINAL][-1]
            for day, target in zip(follow, f_targets, strict=False):
                units["S-RHYTHM"] += max(0, days_between(day, add_months(last, target.min)))
                units["S-RHYTHM"] += max(0, days_between(add_months(last, target.max), day))
        if start and follow:
            over = days_between(add_months(start[0], sm.num("process_months")), follow[-1])
            units["S-LENGTH"] += -(-max(0, over) // 31)
        all_group_days = [d for days in phases.values() for d in days]
        units["S-MISSED-DAY"] += sum(1 for d in all_group_days if d in absent[c.client_id])
        per_week: dict[tuple[int, int], int] = defaultdict(int)
        for d in ev.get(P.WP_VISIT, []):
            per_week[tuple(d.isocalendar()[:2])] += 1
        units["S-SPREAD"] += sum(max(0, n - 1) for n in per_week.values())
        units["S-OWN-CM"] += len(ev.get("sub_call", []))
    # S-RHYTHM of the groups: deepening 2-4 weeks after the last practice day, final 8-12 after.
    for gid, phases in group_days.items():
        if gid in wp_end and phases.get(P.DEEP):
            gap = days_between(wp_end[gid], phases[P.DEEP][0])
            units["S-RHYTHM"] += max(0, deep_t.min - gap) + max(0, gap - deep_t.max)
        if phases.get(P.DEEP) and phases.get(P.FINAL):
            gap = days_between(phases[P.DEEP][-1], phases[P.FINAL][0])
            units["S-RHYTHM"] += max(0, final_t.min - gap) + max(0, gap - final_t.max)
    # S-LOAD: each person's busiest week, in whole hours.
    busiest: dict[str, int] = defaultdict(int)
    for (s, _), m in week_minutes.items():
        busiest[s] = max(busiest[s], m)
    units["S-LOAD"] = sum(-(-m // 60) for m in busiest.values())
    return {rule: n for rule, n in units.items() if n}


def soft_costs(roster: Roster, sm: ServiceModel, plan: Plan) -> dict[str, int]:
    """Cost of each soft rule: its units times its weight (service model or Weights sheet)."""
    return {rule: n * sm.weights.get(rule, 0) for rule, n in soft_units(roster, sm, plan).items()}


def objective(roster: Roster, sm: ServiceModel, plan: Plan) -> int:
    """The plan's objective, in the units the optimizer reports."""
    return sum(soft_costs(roster, sm, plan).values())
