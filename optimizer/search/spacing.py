"""Weekly calls set apart from the client's visits, inside their week.

R-WP-4 asks for a call in every practice week, on any working day of the week inside the
practice. The objective does not care which day: S-LOAD counts whole weeks, S-OWN-CM counts who
calls. So the search leaves a call wherever its last step happened to put it, and in the example
5 of A025's 11 calls fell on the day before or after a visit. A coordinator would move those by
hand. A call the day after a visit repeats it, and the client then hears nothing for the rest
of the week.

After the search, each such call moves to the day of its week furthest from the client's visits,
where the week allows it. A call on the working day next to another call of the client (a Friday
call and the next week's Monday call) moves the same way: two calls in two days, then none for a
week and a half, is the other thing a coordinator would redo. A day apart from both, a working
day between, comes first; further from the visits, then from the calls, next. The caller stays
the same, and every rule the call's day touches is kept:
- R-CAL-1 and R-CLIENT-1: a working day on which the client is not away;
- R-WP-4: inside the practice, and a substitute calls only while the case manager is away;
- R-CLIENT-2: no other event of the client that day, and not a group day of the client's group;
- R-STAFF-1 and R-STAFF-2: the caller at work, with the minutes free;
- R-CLIENT-3: pinned events, and everything before a re-plan's frozen day, stay;
- S-CHANGE: in a re-plan, a call where the previous plan had it stays there.

`optimizer/search/solve.py` keeps the moved plan only where the validator finds every rule kept
and the plan costs no more.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from optimizer.core import plan as P
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.placements import day_capacity
from optimizer.core.plan import DEFAULT_RUN, Event, Plan, RunSettings
from optimizer.core.service_model import ServiceModel

# A call at least this many working days from every visit of its client stands apart: one
# working day between them at least (a Friday visit and a Monday call are next to each other).
APART_DAYS = 2
# Beyond this many working days from the nearest visit, a day is as good as any further one: among such
# days the one nearest the call's own day wins, so that calls move as little as they can.
FAR_ENOUGH_DAYS = 3
# Passes over the calls; each move makes its own call stand further apart, and the example's
# plans settle in the second.
PASSES = 3


def calls_apart(roster: Roster, sm: ServiceModel, cal: Calendar, plan: Plan, case_managers: dict[str, str],
                run: RunSettings = DEFAULT_RUN) -> Plan:
    """The plan with each weekly call that falls next to a visit of its client moved, within
    its week, to the free day furthest from the client's visits. The plan itself is returned
    where no call moves."""
    practice = {p.client_id: p for p in plan.periods if p.phase == P.WORK_PRACTICE}
    visits: dict[str, list[date]] = defaultdict(list)  # each client's individual events but calls
    calls: dict[str, list[date]] = defaultdict(list)  # each client's calls, kept as they move
    taken: set[tuple[str, date]] = set()  # (client, day) with an individual event or a group day
    group_days: dict[str, set[date]] = defaultdict(set)
    minutes: dict[tuple[str, date], int] = defaultdict(int)  # R-STAFF-2: each person's day
    for e in plan.events:
        if e.kind in P.DUE_KINDS:
            continue
        for s in e.staff_ids:
            minutes[s, e.date] += sm.event_minutes(e.kind, e.mode)
        if e.kind == P.GROUP_DAY:
            group_days[e.group_id].add(e.date)
        elif e.client_id is not None:
            taken.add((e.client_id, e.date))
            (calls if e.kind == P.PHONE_CALL else visits)[e.client_id].append(e.date)
    stays = set(run.pinned) | (set(run.previous.events) if run.previous is not None else set())

    def apart(days: list[date], d: date, skip: date | None = None) -> int:
        """Working days from d to the nearest of days other than skip (the next day is 1);
        FAR_ENOUGH_DAYS where there is none."""
        here = bisect_left(cal.working_days, cal.index(d))
        return min((abs(here - bisect_left(cal.working_days, cal.index(v))) for v in days if v != skip),
                   default=FAR_ENOUGH_DAYS)

    def spacing(cid: str, d: date, own: date) -> tuple[int, int, int, int]:
        """How well a call of cid on d stands apart (larger is better; own is the call's present
        day). First apart from the visits and from the client's other calls, APART_DAYS from
        each, then further from them, up to FAR_ENOUGH_DAYS: a call two working days from a visit
        and from the next week's call beats one three days from the visit beside that call."""
        visit, call = apart(visits[cid], d), apart(calls[cid], d, skip=own)
        return (min(visit, APART_DAYS), min(call, APART_DAYS), min(visit, FAR_ENOUGH_DAYS), min(call, FAR_ENOUGH_DAYS))

    def free(call: Event, d: date) -> bool:
        cid, caller = call.client_id or "", call.staff_ids[0]
        wp, i = practice[cid], cal.index(d)
        if not (wp.start <= d <= wp.end and cal.client_available(cid, i) and cal.staff_at_work(caller, i)):
            return False
        if (cid, d) in taken or d in group_days[call.group_id]:
            return False
        if run.frozen_until is not None and d < run.frozen_until:
            return False
        if minutes[caller, d] + sm.event_minutes(call.kind, call.mode) > day_capacity(roster.staff[caller], sm):
            return False
        if not call.substitute:
            return True
        case_manager = case_managers.get(cid) or roster.clients[cid].case_manager
        return case_manager is not None and not cal.staff_at_work(case_manager, i)

    events = list(plan.events)
    moved = False
    # A call that moves can come next to a call already looked at (the next week's call moves to
    # its Monday, beside this week's Friday call): a second pass moves that one where it can.
    for _ in range(PASSES):
        moved_now = False
        for k, call in enumerate(events):
            if (call.kind != P.PHONE_CALL or call.client_id is None or not call.staff_ids
                    or call.client_id not in practice or call.client_id not in roster.clients
                    or call.staff_ids[0] not in roster.staff or call in stays
                    or (run.frozen_until is not None and call.date < run.frozen_until)):
                continue
            cid = call.client_id
            now = spacing(cid, call.date, call.date)
            if min(now[:2]) >= APART_DAYS:
                continue
            monday = call.date - timedelta(days=call.date.weekday())
            week = [monday + timedelta(days=n) for n in range(5) if monday + timedelta(days=n) != call.date]
            options = [d for d in week if free(call, d) and spacing(cid, d, call.date) > now]
            if not options:
                continue
            best = max(options, key=lambda d: (spacing(cid, d, call.date), -abs((d - call.date).days)))
            caller, spent = call.staff_ids[0], sm.event_minutes(call.kind, call.mode)
            taken.discard((cid, call.date))
            taken.add((cid, best))
            calls[cid].remove(call.date)
            calls[cid].append(best)
            minutes[caller, call.date] -= spent
            minutes[caller, best] += spent
            events[k] = replace(call, date=best)
            moved = moved_now = True
        if not moved_now:
            break
    if not moved:
        return plan
    out = Plan(events=events, periods=list(plan.periods), postponed=set(plan.postponed))
    out.sort()
    return out
