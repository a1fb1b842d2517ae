"""Group periods: the start blocks, the deepening and final periods, leaders and rooms.

Each period is chosen from an enumerated list of placements (`BlockOption`) that already keep
the calendar (R-CAL-1), the weekday patterns (R-START-2, R-DEEP-1, R-FINAL-1) and the leaders'
availability (R-GROUP-4, R-STAFF-1). Enumerating is cheap: a group has a few dozen placements.
"""

from __future__ import annotations

from collections.abc import Callable

from optimizer.core import placements
from optimizer.core.domain import Group
from optimizer.search.model.context import BlockOption, Build


def can_lead(b: Build, staff_id: str, d: int) -> bool:
    """R-GROUP-4, R-STAFF-1/2: at work on day d, not leading another group, time for a group day."""
    return (b.cal.staff_at_work(staff_id, d) and (staff_id, d) not in b.reserved.leading
            and b.day_minutes(staff_id, d) >= b.minutes("minutes_group_day"))


def leaders_available(b: Build, group: Group, d: int) -> bool:
    """R-GROUP-4: enough of the group's leaders can run the group on day d."""
    return sum(1 for s in group.leaders if can_lead(b, s, d)) >= group.leaders_required


def day_ok(b: Build, group: Group) -> Callable[[int], bool]:
    """Whether a day can hold one of the group's days: a working day with enough leaders free
    (R-GROUP-4) and the group's room not taken by a group planned before (R-GROUP-5)."""
    room = group.room.casefold() if group.room else None

    def ok(d: int) -> bool:
        return (b.cal.is_working(d) and leaders_available(b, group, d)
                and not (room and (room, d) in b.reserved.rooms))
    return ok


def start_window(b: Build, group: Group) -> tuple[int, int]:
    """R-GROUP-2: the agreed window, or up to postpone_max_months after the earliest decision."""
    decisions = [c.decision_date for c in b.roster.clients_of(group.group_id)]
    return placements.start_window(b.cal, b.sm, group, decisions, group.group_id in b.allow_postpone)


def add_start_period(b: Build, group: Group) -> None:
    """R-START-2: three 4-day blocks on three consecutive weeks, first day in the start window."""
    gv = b.groups[group.group_id]
    n_days = b.sm.num("block_days")
    first, last = start_window(b, group)
    options = [BlockOption(days) for days in placements.start_placements(b.cal, b.sm, group, first, last,
                                                                         day_ok(b, group))]
    if not options:
        b.no_plan("no_start_option", group=group.group_id, first=b.cal.date(first), last=b.cal.date(last))
        return
    def block_firsts(o: BlockOption) -> str:
        # Named by each block's first day, so a placement has the same name in every model
        # built for this roster (hints from one model to another go by name).
        return "/".join(b.iso(d) for k, d in enumerate(o.days) if k % n_days == 0)

    gv.start_opts = [(o, b.new_bool(f"start_opt[{group.group_id},{block_firsts(o)}]")) for o in options]
    _choose(b, group.group_id, "start", gv.start_opts)
    gv.start_first = _first_last(b, group.group_id, "start_first", gv.start_opts, lambda o: o.first)
    gv.start_last = _first_last(b, group.group_id, "start_last", gv.start_opts, lambda o: o.last)
    agreed_last = b.cal.index(group.start_latest)
    late = [v for o, v in gv.start_opts if o.first > agreed_last]
    if late:
        gv.postponed = b.new_bool(f"postponed[{group.group_id}]")
        b.m.Add(gv.postponed == sum(late))


def period_options(b: Build, group: Group, first: int, last: int, n_days: int) -> list[BlockOption]:
    """Placements of an n-day period in one week with its first day in [first, last]."""
    return [BlockOption(days) for days in placements.week_placements(b.cal, group, first, last, n_days,
                                                                     day_ok(b, group))]


def _one_week_period(b: Build, group: Group, phase: str, first: int, last: int, n_days: int) -> bool:
    """Choose one placement of an n-day period of `phase` with its first day in [first, last];
    False (and a reason) when there is none."""
    gv = b.groups[group.group_id]
    options = period_options(b, group, first, last, n_days)
    if not options:
        b.no_plan(f"no_{phase}_option", group=group.group_id, first=b.cal.date(min(first, b.cal.n_days - 1)),
                  last=b.cal.date(min(last, b.cal.n_days - 1)))
        return False
    opts = [(o, b.new_bool(f"{phase}_opt[{group.group_id},{b.iso(o.first)}]")) for o in options]
    _choose(b, group.group_id, phase, opts)
    setattr(gv, f"{phase}_opts", opts)
    setattr(gv, f"{phase}_first", _first_last(b, group.group_id, f"{phase}_first", opts, lambda o: o.first))
    setattr(gv, f"{phase}_last", _first_last(b, group.group_id, f"{phase}_last", opts, lambda o: o.last))
    return True


def add_deep_period(b: Build, group: Group, first: int, last: int) -> None:
    """R-DEEP-1: deep_group_days consecutive weekdays in one week, after all work practice."""
    if not _one_week_period(b, group, "deep", first, last, b.sm.num("deep_group_days")):
        return
    gv = b.groups[group.group_id]
    for c in b.roster.clients_of(group.group_id):
        wp_last = b.clients[c.client_id].wp_last
        if wp_last is not None:
            b.m.Add(gv.deep_first > wp_last)


def add_final_period(b: Build, group: Group, first: int, last: int) -> None:
    """R-FINAL-1: final_group_days consecutive weekdays in one week, after the deepening period."""
    if not _one_week_period(b, group, "final", first, last, b.sm.num("final_group_days")):
        return
    gv = b.groups[group.group_id]
    if gv.deep_last is not None:
        b.m.Add(gv.final_first >= gv.deep_last + b.windows.final_min_days)


def _choose(b: Build, group_id: str, phase: str, options: list) -> None:
    """Exactly one placement; group day d of this phase is the sum of placements holding d."""
    b.m.AddExactlyOne(v for _, v in options)
    days: dict[int, list] = {}
    for o, v in options:
        for d in o.days:
            days.setdefault(d, []).append(v)
    b.groups[group_id].day_of_phase[phase] = {d: sum(vs) for d, vs in days.items()}


def _first_last(b: Build, group_id: str, name: str, options: list, pick) -> object:
    values = [pick(o) for o, _ in options]
    var = b.new_int(min(values), max(values), f"{name}[{group_id}]")
    b.m.Add(var == sum(pick(o) * v for o, v in options))
    return var


def add_leaders(b: Build, group: Group) -> None:
    """R-GROUP-4: every group day is run by the group's leaders (all, or leaders_needed of them),
    each at work that day (R-STAFF-1); a group day costs each leader running it its minutes
    (R-STAFF-2)."""
    gv = b.groups[group.group_id]
    minutes = b.minutes("minutes_group_day")
    all_needed = group.leaders_required >= len(group.leaders)
    for d in sorted(gv.days()):
        day = gv.group_day(d)
        if all_needed:
            for s in group.leaders:
                gv.lead.setdefault(s, {})[d] = day
                b.add_load(s, d, minutes, day)
            continue
        leads = []
        for s in group.leaders:
            if can_lead(b, s, d):
                v = b.new_bool(f"lead[{group.group_id},{s},{b.iso(d)}]")
                gv.lead.setdefault(s, {})[d] = v
                b.add_load(s, d, minutes, v)
                leads.append(v)
        b.m.Add(sum(leads) == group.leaders_required * day)


def add_one_group_per_leader_day(b: Build) -> None:
    """R-GROUP-4: a leader does not lead two groups on one day."""
    by_leader: dict[str, dict[int, list]] = {}
    for gv in b.groups.values():
        for s, days in gv.lead.items():
            for d, lit in days.items():
                by_leader.setdefault(s, {}).setdefault(d, []).append(lit)
    for days in by_leader.values():
        for lits in days.values():
            if len(lits) > 1:
                b.m.Add(sum(lits) <= 1)


def add_rooms(b: Build) -> None:
    """R-GROUP-5: a room holds one group a day."""
    by_room: dict[str, list[str]] = {}
    for g in b.roster.groups.values():
        if g.room:
            by_room.setdefault(g.room.casefold(), []).append(g.group_id)
    for gids in by_room.values():
        if len(gids) < 2:
            continue
        all_days = set().union(*(b.groups[g].days() for g in gids))
        for d in all_days:
            terms = [b.groups[g].group_day(d) for g in gids if d in b.groups[g].days()]
            if len(terms) > 1:
                b.m.Add(sum(terms) <= 1)
