"""Choosing case managers where the input leaves them empty (R-STAFF-3, R-STAFF-4).

A small CP-SAT model of its own, solved before the main model: the case manager is fixed for
the whole process, so deciding it first keeps every later rule linear in the main model.
It balances caseloads relative to each person's working week, keeps max_clients "at once"
over each group's expected process, avoids people with long absences during it, and never
gives a group leader more of the group's clients than the period has days for final
discussions (R-STAFF-2).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from ortools.sat.python import cp_model

from optimizer.checks.prechecks import can_make_work_practice_visits
from optimizer.core.calendar import Calendar
from optimizer.core.dates import add_months
from optimizer.core.domain import Roster, Staff, same_site
from optimizer.core.messages import Msg
from optimizer.core.plan import Plan
from optimizer.core.service_model import ServiceModel
from optimizer.search import stopping
from optimizer.search.model.context import NoPlan
from optimizer.search.solver import Clock

# Below the least availability cost (a weight of at least 8 times days or weeks away): ties
# broken, real costs kept.
JITTER_UNITS = 4


def group_process_interval(roster: Roster, sm: ServiceModel, group_id: str) -> tuple[date, date]:
    """The span within which every process of the group lies: from the earliest decision to
    process_months + 3 after the latest allowed start (a postponed one included). R-STAFF-4 is
    kept over these spans here, and the main model keeps each process inside its span."""
    g = roster.groups[group_id]
    members = roster.clients_of(group_id)
    decisions = [c.decision_date for c in members] or [g.start_earliest]
    latest = g.start_latest
    if 0 < len(members) < sm.group_min_size(g.max_size):
        latest = max(latest, add_months(min(decisions), sm.num("postpone_max_months")))
    return min(min(decisions), g.start_earliest), add_months(latest, sm.num("process_months") + 3)


def choose_case_managers(roster: Roster, sm: ServiceModel,
                         time_limit_s: float = 10.0, seed: int = 0, deterministic: bool = False,
                         practices: dict[str, tuple[date, date]] | None = None,
                         hint: dict[str, str] | None = None, jitter: int = 0) -> dict[str, str]:
    """client_id -> staff_id for every client; input choices are kept as they are. Its search has
    a clock of its own (`time_limit_s`): the plan's clock, and so every decision taken on the time
    left in deterministic mode, does not count it. Ctrl-C stops it; stopped before any choice, it
    raises `stopping.Stopped`.

    `practices`: group_id -> the span its work practices take in a plan already made (see
    `practice_spans`). Without it the practice is estimated from the group's start window alone,
    so widely that every summer holiday falls in it; with it, a case manager whose long holiday
    falls inside the practice is priced as the gap between visits it leaves (S-SPREAD, R-STAFF-3:
    visits move rather than change hands). `hint`: a choice to start the search from.
    `jitter`: a seed for a few units (under JITTER_UNITS) on each open client's options, which
    breaks the model's many ties otherwise, never its balance or an absence's price (a weight of
    at least 8 times days or weeks away): another choice of the same worth, for optimizer/search/rechoose.py."""
    managers = [s for s in roster.staff.values() if s.is_case_manager]
    open_clients = [c for c in roster.clients.values() if c.case_manager is None]
    chosen = {c.client_id: c.case_manager for c in roster.clients.values() if c.case_manager}
    if not open_clients:
        return chosen  # type: ignore[return-value]
    if not managers:
        raise NoPlan([Msg("no_case_managers", {})])
    m = cp_model.CpModel()
    x: dict[tuple[str, str], cp_model.IntVar] = {}
    cal = Calendar(roster)
    for c in roster.clients.values():
        g = roster.groups[c.group_id]
        if c.case_manager is not None:
            x[c.client_id, c.case_manager] = m.NewConstant(1)
            continue
        local = [s for s in managers if same_site(s.site, g.site)]
        # Never someone away for so much of the work practice that its visits cannot be made.
        present = [s for s in local if can_make_work_practice_visits(roster, sm, cal, c, s.staff_id)]
        for s in present or local:
            x[c.client_id, s.staff_id] = m.NewBoolVar(f"cm[{c.client_id},{s.staff_id}]")
    for c in open_clients:
        options = [x[c.client_id, s.staff_id] for s in managers if (c.client_id, s.staff_id) in x]
        if not options:
            raise NoPlan([Msg("no_case_manager_for", {"client": c.client_id, "group": c.group_id})])
        m.AddExactlyOne(options)

    # R-STAFF-4: at most max_clients at once. The largest overlap of intervals begins at the
    # start of one of them, so checking each group's start is enough.
    spans = {gid: tuple(d.toordinal() for d in group_process_interval(roster, sm, gid))
             for gid in roster.groups}
    members: dict[str, list[str]] = {gid: [] for gid in roster.groups}  # once: 1,000 clients x 100 groups
    for c in roster.clients.values():
        members[c.group_id].append(c.client_id)
    for s in managers:
        if s.max_clients is None:
            continue
        for _gid, (first, _) in spans.items():
            active = [gg for gg, (a, z) in spans.items() if a <= first <= z]
            terms = [x[cid, s.staff_id] for gg in active for cid in members[gg] if (cid, s.staff_id) in x]
            if terms:
                m.Add(sum(terms) <= s.max_clients)

    # R-STAFF-2: a leader of the group can hold one final discussion per group day.
    for g in roster.groups.values():
        for lid in g.leaders:
            for clear, days in ((False, sm.num("final_group_days")), (True, sm.num("deep_group_days"))):
                terms = [x[c.client_id, lid] for c in roster.clients_of(g.group_id)
                         if c.clear_plan == clear and (c.client_id, lid) in x]
                if len(terms) > days:
                    m.Add(sum(terms) <= days)

    # Balance: caseload per working day of the week, so a part-timer gets fewer clients.
    peak = m.NewIntVar(0, 1000 * len(roster.clients), "caseload_peak")
    by_manager: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for (_, sid), v in x.items():
        by_manager[sid].append(v)
    for s in managers:
        terms = [_client_weight(s) * v for v in by_manager[s.staff_id]]
        if terms:
            m.Add(sum(terms) <= peak)
    # Availability, priced in the main model's own soft-rule weights: a case manager away soon
    # after the decision delays the first visit (S-DECISION); one away during the likely work
    # practice leaves weekly calls to substitutes (S-OWN-CM).
    costs = []
    w_decision = sm.weights["S-DECISION"]
    for c in open_clients:
        g = roster.groups[c.group_id]
        soon = (c.decision_date, c.decision_date + timedelta(days=13))
        if practices and c.group_id in practices:
            practice = practices[c.group_id]
        else:
            practice_from = g.start_latest + timedelta(weeks=sm.num("start_blocks"))  # after the start period
            practice = (practice_from,
                        practice_from + timedelta(days=sm.num("wp_max_span_days") + sm.num("search_slack_days")))
        for s in managers:
            if (c.client_id, s.staff_id) not in x:
                continue
            away_soon = _weekdays_absent(roster, s.staff_id, *soon)
            cost = w_decision * away_soon + _away_in_practice_cost(roster, sm, s.staff_id, *practice,
                                                                   gaps=practices is not None)
            if cost:
                costs.append(cost * x[c.client_id, s.staff_id])
    if hint:
        for (cid, sid), v in x.items():
            if roster.clients[cid].case_manager is None:
                m.AddHint(v, hint.get(cid) == sid)
                if hint.get(cid) == sid:
                    # A unit for staying: among equal choices the hinted one, so that only the
                    # clients whose case manager's holiday is priced move (every other cost is a
                    # weight times days, at least 8).
                    costs.append(-v)
    if jitter:
        rng = random.Random(jitter)
        for (cid, _sid), v in sorted(x.items(), key=lambda kv: kv[0]):
            if roster.clients[cid].case_manager is None:
                costs.append(rng.randrange(JITTER_UNITS) * v)
    # Balance first: one more client at the peak outweighs any availability cost.
    m.Minimize(1000 * peak + sum(costs))
    # One worker: same input, same choice.
    clock = Clock(time_limit_s, seed, workers=1, deterministic=deterministic)
    solver = clock.solver(time_limit_s)
    status = clock.solve(solver, m)
    if status == cp_model.UNKNOWN and stopping.requested():
        raise stopping.Stopped()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise NoPlan([Msg("no_case_manager_assignment", {})])
    for c in open_clients:
        for s in managers:
            v = x.get((c.client_id, s.staff_id))
            if v is not None and solver.Value(v):
                chosen[c.client_id] = s.staff_id
    return chosen  # type: ignore[return-value]


def _client_weight(staff: Staff) -> int:
    """A client's share of a case manager's week in the balance: 500 per working weekday, so
    that a part-timer gets fewer clients."""
    return 500 // max(len([d for d in staff.work_days if d < 5]), 1)


def caseload_peak(roster: Roster, case_managers: dict[str, str]) -> int:
    """The balance the choice model minimizes first: the highest of the case managers' clients,
    each weighed by `_client_weight`."""
    counts: dict[str, int] = defaultdict(int)
    for staff_id in case_managers.values():
        counts[staff_id] += 1
    return max((_client_weight(roster.staff[s]) * n for s, n in counts.items()), default=0)


def practice_spans(plan: Plan) -> dict[str, tuple[date, date]]:
    """group_id -> (median start, median end) of the group's work practices in `plan`: the span
    a re-chosen case manager should be at work through. The median, not the extremes: one late
    agreed start would otherwise stretch the span over every holiday of the summer."""
    starts: dict[str, list[date]] = defaultdict(list)
    ends: dict[str, list[date]] = defaultdict(list)
    for p in plan.periods:
        if p.phase == "work_practice":
            starts[p.group_id].append(p.start)
            ends[p.group_id].append(p.end)
    return {gid: (sorted(starts[gid])[len(starts[gid]) // 2], sorted(ends[gid])[len(ends[gid]) // 2])
            for gid in starts}


def _away_in_practice_cost(roster: Roster, sm: ServiceModel, staff_id: str, first: date, last: date,
                           gaps: bool) -> int:
    """What the case manager's absences during a practice from `first` to `last` cost, in the main
    model's units: a substitute's weekly call per week away (S-OWN-CM) and, when the span is a
    planned one (`gaps`), the days of the gap between visits beyond wp_visit_gap_max_days that
    an absence leaves, counting the visit just before and just after it (S-SPREAD)."""
    cost = sm.weights["S-OWN-CM"] * (_weekdays_absent(roster, staff_id, first, last) // 5)
    if gaps:
        for a in roster.absences_of(staff_id):
            overlap = (min(a.end, last) - max(a.start, first)).days + 1
            if overlap > 0:
                gap = overlap + 5  # from the working day before it to the one after: a weekend each side
                cost += sm.weights["S-SPREAD"] * max(0, gap - sm.num("wp_visit_gap_max_days"))
    return cost


def _weekdays_absent(roster: Roster, staff_id: str, first: date, last: date) -> int:
    """Weekdays from first to last on which the person is absent."""
    days = set()
    for a in roster.absences_of(staff_id):
        day = max(a.start, first)
        while day <= min(a.end, last):
            if day.weekday() < 5:
                days.add(day)
            day += timedelta(days=1)
    return len(days)
