"""A plan cut into the part a neighbourhood search plans again and the rest it plans around,
and joined again: shared by the groups' descent (optimizer/search/decompose.py) and the case
managers' steps (optimizer/search/caseload.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from optimizer.core.calendar import Calendar
from optimizer.core.domain import Group, Roster
from optimizer.core.plan import Plan, RunSettings
from optimizer.core.service_model import ServiceModel
from optimizer.search.model import Build, NoPlan, Reservations, SearchWindows, build_model
from optimizer.search.solver import Clock
from optimizer.search.warm_start import Start, hint_from_plan


@dataclass
class Step:
    """What planning a part again gave: a better plan (None: nothing better in time), whether the
    part is proven optimal around the rest (or has no model to search from), and whether a
    relaxation-guided search was tried and gave nothing better."""

    plan: Plan | None
    proven: bool
    guide_failed: bool = False


def sub_roster(roster: Roster, group_ids: Iterable[str]) -> Roster:
    """The roster of these groups and their clients alone (every staff member stays)."""
    ids = set(group_ids)
    return replace(roster, groups={g: group for g, group in roster.groups.items() if g in ids},
                   clients={c.client_id: c for c in roster.clients.values() if c.group_id in ids})


def groups_in_start_order(roster: Roster) -> list[Group]:
    """The groups that have clients, the earliest start window first: the order in which groups
    are planned one after another and visited by the descent."""
    return sorted((g for g in roster.groups.values() if roster.clients_of(g.group_id)),
                  key=lambda g: (g.start_earliest, g.group_id))


def reservations_of(plans: list[Plan], roster: Roster, sm: ServiceModel, cal: Calendar) -> Reservations:
    """The staff minutes, leaders and rooms some plans use: what other groups must work around."""
    out = Reservations()
    for plan in plans:
        for e in plan.events:
            if e.kind.endswith("_due"):
                continue
            d = cal.index(e.date)
            for s in e.staff_ids:
                out.minutes[(s, d)] = out.minutes.get((s, d), 0) + sm.event_minutes(e.kind, e.mode)
                if e.kind == "group_day":
                    out.leading.add((s, d))
            room = roster.groups[e.group_id].room if e.kind == "group_day" else None
            if room:
                out.rooms.add((room.casefold(), d))
    return out


def without_groups(plan: Plan, group_ids: set[str]) -> tuple[Plan, Plan]:
    """(the rows of these groups, the rest of the plan)."""
    inside, outside = Plan(), Plan()
    for e in plan.events:
        (inside if e.group_id in group_ids else outside).events.append(e)
    for p in plan.periods:
        (inside if p.group_id in group_ids else outside).periods.append(p)
    inside.postponed = plan.postponed & group_ids
    outside.postponed = plan.postponed - group_ids
    return inside, outside


def union(plans: list[Plan]) -> Plan:
    """One plan of the parts' events, periods and postponed groups (parts of disjoint groups)."""
    merged = Plan()
    for p in plans:
        merged.events += p.events
        merged.periods += p.periods
        merged.postponed |= p.postponed
    merged.sort()
    return merged


@dataclass
class HintedModel:
    """A part's model, hinted with the part's own plan, and the windows it was built in."""

    build: Build
    start: Start
    windows: SearchWindows


def hinted_model(sub: Roster, sm: ServiceModel, cal: Calendar, cms: dict[str, str], own: Plan,
                 windows: SearchWindows, reserved: Reservations, clock: Clock, seconds: float,
                 run: RunSettings) -> HintedModel | None:
    """The model of `sub` (some groups) around `reserved`, hinted with `own`, its part of the
    plan; None when no model holds that part. The part may lie outside the focused windows (the
    greedy plan follows the calendar, not the windows): then in the same windows with any start
    weekday, or in the service model's wide planning bounds."""
    for w in (windows, windows.any_weekday(), SearchWindows.wide(sm)):
        try:
            b = build_model(sub, sm, cal, cms, frozenset(own.postponed), w, reserved, run=run)
        except NoPlan:
            continue
        start = hint_from_plan(b, own, clock, seconds)
        if start is not None:
            return HintedModel(b, start, w)
    return None
