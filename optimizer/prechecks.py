"""Fast checks before the solver: inputs that make every plan impossible, said in the
coordinator's words with the rule ids and the workbook cells (issue 4, first checks).

Each check is exact, never a guess: it reports only what no plan can satisfy, so a feasible
roster gets no false alarm.
"""

from __future__ import annotations

from .calendar import Calendar
from .domain import Roster
from .service_model import ServiceModel

Reason = tuple[str, dict[str, object]]


def check_leader_case_manager_discussions(roster: Roster, sm: ServiceModel) -> list[Reason]:
    """R-STAFF-2 with R-FINAL-2 / R-DEEP-2: a leader who runs every day of a group's final period
    (all of the group's leaders are needed) has, besides the group day, minutes for
    (day_minutes - minutes_group_day) // minutes_office final discussions a day. As the case
    manager (named in the input) of more of the group's clients than that allows over the
    period's days, no plan exists. The same for clear-plan clients in the deepening period."""
    out: list[Reason] = []
    group_day, office = sm.num("minutes_group_day"), sm.num("minutes_office")
    for g in roster.groups.values():
        members = roster.clients_of(g.group_id)
        if not members or g.leaders_required < len(g.leaders):
            continue  # leaders take turns: one of them may hold the discussions on days off the group
        for s in g.leaders:
            person = roster.staff.get(s)
            if person is None:
                continue
            cap = person.day_minutes if person.day_minutes is not None else sm.num("day_minutes")
            per_day = max(0, (cap - group_day) // office)
            for phase, clear, n_days in (("final", False, sm.num("final_group_days")),
                                         ("deep", True, sm.num("deep_group_days"))):
                mine = sorted(c.client_id for c in members if c.case_manager == s and c.clear_plan == clear)
                if len(mine) > per_day * n_days:
                    out.append((f"precheck_leader_discussions_{phase}", {
                        "staff": s, "group": g.group_id, "count": len(mine), "days": n_days,
                        "per_day": per_day, "most": per_day * n_days, "clients": ", ".join(mine),
                        "cells": ", ".join(roster.cells.get(("clients", c), c) for c in mine),
                    }))
    return out


def check_agreed_start_after_ready_visit(roster: Roster, sm: ServiceModel, cal: Calendar) -> list[Reason]:
    """R-WP-1 with R-READY-1 and R-STAFF-1: work practice starts at most wp_start_max_gap_days
    after the last getting-ready visit, so an agreed start (`wp_start`) needs a day in the
    days before it on which the named case manager is at work and the client can meet."""
    out: list[Reason] = []
    gap = sm.num("wp_start_max_gap_days")
    for c in roster.clients.values():
        if c.wp_start is None or c.case_manager is None or c.case_manager not in roster.staff:
            continue
        start = cal.index(c.wp_start)
        first = max(start - gap, cal.index(c.decision_date), 0)
        days = [d for d in range(first, start) if cal.staff_at_work(c.case_manager, d)
                and cal.client_available(c.client_id, d)]
        if start > 0 and not days:
            out.append(("precheck_agreed_start", {
                "client": c.client_id, "staff": c.case_manager, "day": c.wp_start,
                "first": cal.date(max(start - gap, 0)), "last": cal.date(max(start - 1, 0)), "gap": gap,
                "cell": roster.cells.get(("clients", c.client_id), c.client_id),
            }))
    return out


def prechecks(roster: Roster, sm: ServiceModel) -> list[Reason]:
    """Every pre-check's findings; empty when none of them sees a collision."""
    cal = Calendar(roster)
    return check_leader_case_manager_discussions(roster, sm) + check_agreed_start_after_ready_visit(roster, sm, cal)
