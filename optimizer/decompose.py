"""Planning groups one by one: a good first plan in seconds, and a plan to fall back on.

Each group is planned alone, in order of its start, around the staff minutes, leaders and rooms
that the groups before it already use (`Reservations`). The union is a plan that keeps every
rule, since each part keeps every rule around what the others use; the joint model then gets it
as a complete solution hint and improves it. When a group cannot be planned around the groups
before it (typically a leader whose days those groups already fill), it is planned again
together with the groups that share its leaders or room.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from . import stopping
from .calendar import Calendar
from .domain import Group, Roster
from .model import Build, NoPlan, Reservations, SearchWindows, build_model, build_start_periods_model
from .model.extract import extract_plan, penalty_report
from .plan import Event, Plan
from .service_model import ServiceModel
from .solver import new_solver

MIN_SECONDS_PER_GROUP = 1.5
MAX_SECONDS_PER_GROUP = 15.0


@dataclass
class Part:
    """Some groups planned together."""

    group_ids: tuple[str, ...]
    hints: dict[str, int]
    plan: Plan
    penalties: list[tuple[str, str, str, int, int]]
    objective: float


@dataclass
class GroupByGroup:
    parts: list[Part] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.parts) and not self.missing

    def hints(self, roster: Roster, sm: ServiceModel, cal: Calendar) -> dict[str, int]:
        """Values of the joint model's variables by name; the busiest week of each person is
        taken over all parts (S-LOAD), so that a complete plan gives a complete hint."""
        out: dict[str, int] = {}
        for p in self.parts:
            out.update(p.hints)
        weeks: dict[tuple[str, int], int] = {}
        for (staff_id, d), minutes in reservations_of([p.plan for p in self.parts], roster, sm, cal).minutes.items():
            key = (staff_id, cal.week(d))
            weeks[key] = weeks.get(key, 0) + minutes
        for (staff_id, _), minutes in weeks.items():
            name = f"busiest_week_hours[{staff_id}]"
            out[name] = max(out.get(name, 0), -(-minutes // 60))
        return out

    def plan(self) -> Plan:
        merged = Plan()
        for p in self.parts:
            merged.events += p.plan.events
            merged.periods += p.plan.periods
            merged.postponed |= p.plan.postponed
        merged.sort()
        return merged

    @property
    def penalties(self) -> list[tuple[str, str, str, int, int]]:
        return [x for p in self.parts for x in p.penalties]

    @property
    def objective(self) -> float:
        return sum(p.objective for p in self.parts)


def reservations_of(plans: list[Plan], roster: Roster, sm: ServiceModel, cal: Calendar) -> Reservations:
    """The staff minutes, leaders and rooms some plans use: what other groups must work around."""
    minutes = {"office": sm.num("minutes_office"), "video": sm.num("minutes_video"),
               "site": sm.num("minutes_site"), "phone": sm.num("minutes_phone")}
    out = Reservations()
    for plan in plans:
        for e in plan.events:
            if e.kind.endswith("_due"):
                continue
            d = cal.index(e.date)
            for s in e.staff_ids:
                used = sm.num("minutes_group_day") if e.kind == "group_day" else minutes[e.mode or "office"]
                out.minutes[(s, d)] = out.minutes.get((s, d), 0) + used
                if e.kind == "group_day":
                    out.leading.add((s, d))
            room = roster.groups[e.group_id].room if e.kind == "group_day" else None
            if room:
                out.rooms.add((room.casefold(), d))
    return out


def solution_by_name(b: Build, solver: cp_model.CpSolver) -> dict[str, int]:
    values = solver.ResponseProto().solution
    return {v.name: values[i] for i, v in enumerate(b.m.Proto().variables) if v.name}


def _shares_leaders_or_room(roster: Roster, a: Group, part: Part) -> bool:
    for gid in part.group_ids:
        b = roster.groups[gid]
        if set(a.leaders) & set(b.leaders):
            return True
        if a.room and b.room and a.room.casefold() == b.room.casefold():
            return True
    return False


def _plan_part(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], groups: list[Group],
               windows: SearchWindows, reserved: Reservations, seconds: float, seed: int,
               workers: int, retry: bool = True) -> Part | None:
    ids = {g.group_id for g in groups}
    sub = replace(roster, groups={g.group_id: g for g in groups},
                  clients={c.client_id: c for c in roster.clients.values() if c.group_id in ids})
    try:
        b = build_model(sub, sm, cal, cms, frozenset(), windows, reserved)
    except NoPlan:
        return None
    solver = new_solver(seconds, seed, workers, light=True)
    with stopping.running(solver):
        status = solver.Solve(b.m)
    if status == cp_model.UNKNOWN and retry and not stopping.requested():
        # Out of time, not proven impossible: once more, for longer.
        solver = new_solver(2 * seconds, seed, workers, light=True)
        with stopping.running(solver):
            status = solver.Solve(b.m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return Part(tuple(sorted(ids)), solution_by_name(b, solver), extract_plan(b, solver),
                penalty_report(b, solver), solver.ObjectiveValue())


def start_periods(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                  seconds: float, seed: int, workers: int) -> dict[str, Plan]:
    """Every group's start-period group days and leaders, chosen together (R-START-2, R-GROUP-4,
    R-GROUP-5), so that no group's visits take the days another group must start on."""
    try:
        b = build_start_periods_model(roster, sm, cal, cms)
    except NoPlan:
        return {}
    active = [g for g in roster.groups.values() if roster.clients_of(g.group_id)]
    solver = new_solver(seconds, seed, workers, light=True)
    if solver.Solve(b.m) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}
    out = {}
    for g in active:
        gv = b.groups[g.group_id]
        chosen = next(o for o, v in gv.start_opts if solver.Value(v))
        events = [Event(cal.date(d), "group_day", "start", g.group_id, None,
                        tuple(s for s, days in gv.lead.items() if d in days and solver.Value(days[d])))
                  for d in chosen.days]
        out[g.group_id] = Plan(events)
    return out


def plan_groups_one_by_one(roster: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str],
                           windows: SearchWindows, time_limit_s: float, seed: int,
                           workers: int, deadline: float | None = None) -> GroupByGroup:
    """Plan each group around the groups before it, in about `time_limit_s` in all; groups
    are skipped only past `deadline` (time.monotonic()), since a complete plan is worth more
    than the time. The start periods of all groups are chosen first and kept free for them."""
    if deadline is None:
        deadline = time.monotonic() + 2 * time_limit_s
    order = sorted((g for g in roster.groups.values() if roster.clients_of(g.group_id)),
                   key=lambda g: (g.start_earliest, g.group_id))
    per_group = min(max(time_limit_s / max(len(order) + 1, 1), MIN_SECONDS_PER_GROUP), MAX_SECONDS_PER_GROUP)
    starts = start_periods(roster, sm, cal, cms, per_group, seed, workers)
    result = GroupByGroup()
    for k, g in enumerate(order):
        if time.monotonic() > deadline or stopping.requested():
            result.missing.append(g.group_id)
            continue
        later = [starts[h.group_id] for h in order[k + 1:] if h.group_id in starts]
        reserved = reservations_of([p.plan for p in result.parts] + later, roster, sm, cal)
        left = deadline - time.monotonic()
        part = _plan_part(roster, sm, cal, cms, [g], windows, reserved, min(per_group, left), seed, workers,
                          retry=left > 3 * per_group)
        if part is None:
            related = [p for p in result.parts if _shares_leaders_or_room(roster, g, p)]
            rest = [p for p in result.parts if p not in related]
            if related:
                groups = [g] + [roster.groups[gid] for p in related for gid in p.group_ids]
                reserved = reservations_of([p.plan for p in rest] + later, roster, sm, cal)
                part = _plan_part(roster, sm, cal, cms, groups, windows, reserved,
                                  min(per_group * len(groups), max(deadline - time.monotonic(), 1.0)),
                                  seed, workers)
                if part is not None:
                    result.parts = rest
        if part is None:
            result.missing.append(g.group_id)
        else:
            result.parts.append(part)
    return result
