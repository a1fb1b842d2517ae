"""Two input variants side by side (issue 6, `optimize compare A.xlsx B.xlsx`): for holiday
planning, e.g. two ways to arrange the staff's summer holidays. Each variant is solved on its
own; the comparison lists which groups start later, each client's process length and end, each
staff member's busiest week and each soft rule's cost."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from optimizer.checks.costs import soft_costs, staff_week_minutes
from optimizer.core.dates import months_spanned
from optimizer.core.domain import Roster
from optimizer.core.plan import DUE_KINDS, GROUP_DAY, Plan
from optimizer.core.service_model import SOFT_RULES, ServiceModel


@dataclass
class Summary:
    """What a coordinator compares between variants, read off one plan."""

    group_start: dict[str, date]
    client_end: dict[str, date]
    client_months: dict[str, int]
    busiest_hours: dict[str, float]
    costs: dict[str, int]

    @property
    def objective(self) -> int:
        return sum(self.costs.values())


def summarize(roster: Roster, sm: ServiceModel, plan: Plan) -> Summary:
    starts: dict[str, date] = {}
    days: dict[str, list[date]] = defaultdict(list)
    for e in plan.events:
        if e.kind == GROUP_DAY:
            starts[e.group_id] = min(starts.get(e.group_id, e.date), e.date)
        elif e.client_id and e.kind not in DUE_KINDS:
            days[e.client_id].append(e.date)
    busiest: dict[str, float] = defaultdict(float)
    for (s, _), m in staff_week_minutes(sm, plan).items():
        busiest[s] = max(busiest[s], m / 60)
    costs = soft_costs(roster, sm, plan)
    return Summary(starts, {c: max(d) for c, d in days.items()},
                   {c: months_spanned(min(d), max(d)) for c, d in days.items()}, dict(busiest),
                   {rule: costs.get(rule, 0) for rule in SOFT_RULES})


Row = tuple[str, str, object, object, object]


def compare_rows(a: Summary, b: Summary) -> list[Row]:
    """(what, who, A, B, difference) rows: groups, clients, staff, soft rules, the total."""
    rows: list[Row] = []
    for gid in sorted(set(a.group_start) | set(b.group_start)):
        x, y = a.group_start.get(gid), b.group_start.get(gid)
        rows.append(("group_start", gid, x, y, (y - x).days if x and y else None))
    for cid in sorted(set(a.client_end) | set(b.client_end)):
        x, y = a.client_months.get(cid), b.client_months.get(cid)
        rows.append(("process_months", cid, x, y, y - x if x is not None and y is not None else None))
    for s in sorted(set(a.busiest_hours) | set(b.busiest_hours)):
        x, y = a.busiest_hours.get(s, 0.0), b.busiest_hours.get(s, 0.0)
        rows.append(("busiest_week_hours", s, round(x, 1), round(y, 1), round(y - x, 1)))
    for rule in SOFT_RULES:
        rows.append(("cost", rule, a.costs[rule], b.costs[rule], b.costs[rule] - a.costs[rule]))
    rows.append(("cost", "total", a.objective, b.objective, b.objective - a.objective))
    return rows
