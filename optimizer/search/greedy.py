"""The greedy baseline: plans the way a coordinator plans by hand, one decision at a time.

Group by group in order of their start windows, client by client within a group, each event
goes on the best day that keeps every hard rule around what is already booked: staff minutes
(R-STAFF-2), leaders and rooms (R-GROUP-4, R-GROUP-5), the client's own days (R-CLIENT-2).
Nothing is revisited once booked except within one group's current attempt, so a choice that
blocks a later one is kept as a coordinator would keep it.

The best day is the one the rhythm of the soft rules asks for (docs/rules.md, "Soft rules"),
every number from the service model:
- S-DECISION: the first start visit decision_lead_days after the decision date; earlier only
  when the start period leaves no room.
- S-START: the other start visits at least start_visit_gap_days apart, or at least not on
  consecutive working days, where the days before the start period allow.
- S-READY: getting-ready visits at least ready_visit_gap_days apart; closer (still not on
  consecutive working days when avoidable) only where the spacing would cost more than it saves:
  an agreed start that leaves no room, a practice the spacing would push out of its rhythm.
- S-WP-WEEK, S-WP-GAP: work practice without an agreed start begins on the first working day
  of a week, within wp_start_target_gap_days of the last getting-ready visit (where the two pull
  apart, their weights decide).
- S-WP-ORDER: the first practice visit in person at the workplace with the employer, within the
  first wp_first_visit_days practice days; the network meeting (by video) on the next visit
  that is not a workplace visit, in the first half; the last visit, at the workplace, within
  wp_last_visit_days of the practice's last day.
- S-SPREAD: the visits between spread evenly, one a week, none closer than wp_visit_gap_min_days
  to its neighbours and no gap over wp_visit_gap_max_days.
- S-OWN-CM: the weekly calls by the case manager; in the weeks a substitute must call, the one
  substitute (of the group's site first) who can stand in for most of them.
- S-RHYTHM, S-MISSED-DAY: the deepening and final periods in the week nearest their targets,
  weighed against members absent on its days; the follow-ups from the start of their target
  months.
The R-WP-3 marks are set here, not left to a default: the employer joins every workplace visit,
and the network meeting is one visit after the first of them.

The input's freedoms are kept: part-time practice on the client's wp_weekdays (R-WP-2, as many
days as fit when wp_days cannot), an agreed practice start however long after the
getting-ready phase (R-WP-1; its visits still come before it), a start the coordinator
postpones (Groups postpone, R-GROUP-2), a clear-plan client at the final group days (R-DEEP-2:
the days are in the client's Periods). Pinned events (RunSettings.pinned, R-CLIENT-3) are not
known here: the search does not start from a greedy plan that moves one
(optimizer/search/solve.py).

It serves the benchmarks as the baseline the optimizer must beat (issue 3), and the joint search
as its start; a plan it makes is a plan like any other: the validator checks it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise

from optimizer.core import placements
from optimizer.core import plan as P
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Client, Group, Roster, same_site
from optimizer.core.placements import day_capacity
from optimizer.core.plan import Event, Plan
from optimizer.core.plan_rows import ClientDays, client_rows
from optimizer.core.service_model import Range, ServiceModel
from optimizer.search.model.case_managers import group_process_interval


class NoGreedyPlan(Exception):
    """The greedy planner got stuck; the message names the group or client and the rule."""


@dataclass
class Ledger:
    """What is booked so far, with an undo journal for one group's attempt."""

    minutes: dict[tuple[str, int], int] = field(default_factory=dict)
    leading: set[tuple[str, int]] = field(default_factory=set)
    rooms: set[tuple[str, int]] = field(default_factory=set)
    client_days: set[tuple[str, int]] = field(default_factory=set)
    journal: list[tuple[str, tuple]] = field(default_factory=list)

    def book_minutes(self, staff_id: str, d: int, minutes: int) -> None:
        key = (staff_id, d)
        self.minutes[key] = self.minutes.get(key, 0) + minutes
        self.journal.append(("minutes", (key, minutes)))

    def book(self, which: str, key: tuple) -> None:
        getattr(self, which).add(key)
        self.journal.append((which, key))

    def rollback(self, mark: int) -> None:
        while len(self.journal) > mark:
            which, item = self.journal.pop()
            if which == "minutes":
                key, minutes = item
                self.minutes[key] -= minutes
            else:
                getattr(self, which).discard(item)


class GreedyPlanner:
    def __init__(self, roster: Roster, sm: ServiceModel, cal: Calendar | None = None,
                 case_managers: dict[str, str] | None = None) -> None:
        self.roster, self.sm = roster, sm
        self.cal = cal or Calendar(roster)
        self.ledger = Ledger()
        self.plan = Plan()
        # Given (the optimizer's choice, when the plan is to be its hint), or chosen by hand.
        self.case_managers: dict[str, str] = dict(case_managers or {})
        self.n = sm.num
        self._at_work: dict[str, list[bool]] = {}
        self._silent: dict[str, frozenset[int]] = {}

    # --- capacity --------------------------------------------------------------------------
    def free_minutes(self, staff_id: str, d: int) -> int:
        return day_capacity(self.roster.staff[staff_id], self.sm) - self.ledger.minutes.get((staff_id, d), 0)

    def at_work(self, staff_id: str, d: int) -> bool:
        """R-STAFF-1 (Calendar.staff_at_work), looked up once per person: asked of every case
        manager on every day a substitute might call, it was most of the time on large rosters."""
        days = self._at_work.get(staff_id)
        if days is None:
            days = self._at_work[staff_id] = [self.cal.staff_at_work(staff_id, i) for i in range(self.cal.n_days)]
        return 0 <= d < len(days) and days[d]

    def can_meet(self, client: Client, staff_id: str, d: int, minutes: int) -> bool:
        """R-CAL-1, R-STAFF-1/2, R-CLIENT-1/2: both free on day d for an event of `minutes`."""
        return (self.at_work(staff_id, d) and self.cal.client_available(client.client_id, d)
                and d >= self.cal.index(client.decision_date)
                and (client.client_id, d) not in self.ledger.client_days
                and self.free_minutes(staff_id, d) >= minutes)

    def meet(self, client: Client, staff_id: str, d: int, minutes: int) -> None:
        self.ledger.book_minutes(staff_id, d, minutes)
        self.ledger.book("client_days", (client.client_id, d))

    def free_days(self, client: Client, first: int, last: int, minutes: int) -> list[int]:
        """Working days in [first, last] on which the client and the case manager can meet for
        an event of `minutes`."""
        cm = self.case_managers[client.client_id]
        return [d for d in self.cal.working_between(first, last) if self.can_meet(client, cm, d, minutes)]

    def meet_all(self, client: Client, days: list[int], minutes: int) -> list[int]:
        cm = self.case_managers[client.client_id]
        for d in days:
            self.meet(client, cm, d, minutes)
        return sorted(days)

    def adjacent(self, a: int, b: int) -> bool:
        """Two working days with no working day between them (S-READY, S-START)."""
        return not self.cal.working_between(min(a, b) + 1, max(a, b) - 1)

    def start_visits(self, c: Client, first_group: int) -> list[int]:
        """R-START-1: the start visits before the group's first day, R-CLIENT-1 not before the
        decision date. S-DECISION: the first of them decision_lead_days after the decision date
        (the first day of that window free); with no day free there, the nearest day outside it,
        a later one rather than an earlier one; the others on the first free days after it, at the
        strictest spacing of S-START that fits."""
        office = self.n("minutes_office")
        decided = self.cal.index(c.decision_date)
        lead = self.sm.rng("decision_lead_days")
        soonest, latest = decided + lead.min, max(decided, 0) + lead.max
        free = self.free_days(c, decided, first_group - 1, office)
        # The rest of the visits fit after free[i] for the first len(free) - count + 1 days only.
        firsts = range(len(free) - c.start_visits + 1)
        if not firsts:
            raise NoGreedyPlan(f"{c.client_id}: no days for {c.start_visits} start visits (R-START-1)")
        i = min(firsts, key=lambda i: (max(soonest - free[i], free[i] - latest, 0), free[i] < soonest, free[i]))
        # free[i:] holds at least start_visits days, so the last spacing always fits.
        days = next(d for gap, apart in self.spacings("start_visit_gap_days")
                    if (d := self.spaced(free[i:], c.start_visits, gap, apart)) is not None)
        return self.meet_all(c, days, office)

    def spacings(self, gap_param: str) -> tuple[tuple[int, bool], ...]:
        """S-READY, S-START, strictest first: (the fewest calendar days between two visits of the
        phase, whether two may not fall on consecutive working days); the last always fits."""
        return ((self.n(gap_param), True), (1, True), (1, False))

    def spaced(self, free: list[int], count: int, gap: int, apart: bool) -> list[int] | None:
        """The first `count` of the `free` days, in their order, each at least `gap` days from
        the one before and, with `apart`, not on the working day next to it; None if they do not fit."""
        days: list[int] = []
        for d in free:
            if len(days) == count:
                break
            if not days or (abs(d - days[-1]) >= gap and not (apart and self.adjacent(days[-1], d))):
                days.append(d)
        return sorted(days) if len(days) == count else None

    def ready_cost(self, ready: list[int], days: ClientDays, start_last: int) -> int:
        """What the getting-ready visits and the practice start cost at their weights: S-READY
        (each day short of ready_visit_gap_days between two visits), S-WP-WEEK and S-WP-GAP
        (practice_start_cost), S-RHYTHM (each day of the start period's end to the practice
        start over ready_target_days)."""
        w = self.sm.weights
        gap = self.n("ready_visit_gap_days")
        short = sum(max(0, gap - (b - a)) for i, a in enumerate(ready) for b in ready[i + 1:])
        long = max(0, days.wp_first - start_last - self.n("ready_target_days"))
        start = self.practice_start_cost(self.roster.clients[days.client_id], days.wp_first, ready[-1])
        return w.get("S-READY", 0) * short + start + w.get("S-RHYTHM", 0) * long

    # --- case managers (R-STAFF-3, R-STAFF-4) -------------------------------------------------
    def choose_case_managers(self) -> None:
        """Where the input leaves it empty: the case manager of the group's site with the fewest
        clients whose processes overlap this group's, within max_clients, not leading the group."""
        spans = {g: group_process_interval(self.roster, self.sm, g) for g in self.roster.groups}
        held: dict[str, list[str]] = {}
        for c in self.roster.clients.values():
            if c.case_manager:
                self.case_managers[c.client_id] = c.case_manager
                held.setdefault(c.case_manager, []).append(c.group_id)
        for c in sorted(self.roster.clients.values(), key=lambda c: (self.roster.groups[c.group_id].start_earliest,
                                                                      c.group_id, c.client_id)):
            if c.case_manager:
                continue
            g = self.roster.groups[c.group_id]
            first, last = spans[g.group_id]

            def overlapping(staff_id: str, first=first, last=last) -> int:
                return sum(1 for other in held.get(staff_id, [])
                           if spans[other][0] <= last and first <= spans[other][1])

            candidates = []
            for s in self.roster.case_managers():
                if not same_site(s.site, g.site):
                    continue
                load = overlapping(s.staff_id)
                if s.max_clients is not None and load >= s.max_clients:
                    continue
                candidates.append((s.staff_id in g.leaders, load, s.staff_id))
            if not candidates:
                raise NoGreedyPlan(f"{c.client_id}: no case manager with room for another client (R-STAFF-4)")
            chosen = min(candidates)[2]
            self.case_managers[c.client_id] = chosen
            held.setdefault(chosen, []).append(c.group_id)

    # --- group periods ------------------------------------------------------------------------
    def leaders_for(self, group: Group, d: int) -> tuple[str, ...] | None:
        """R-GROUP-4: the first of the group's leaders free to run it on day d."""
        minutes = self.n("minutes_group_day")
        free = [s for s in group.leaders if self.at_work(s, d) and (s, d) not in self.ledger.leading
                and self.free_minutes(s, d) >= minutes]
        return tuple(free[: group.leaders_required]) if len(free) >= group.leaders_required else None

    def block(self, group: Group, first_day: int, n_days: int) -> dict[int, tuple[str, ...]] | None:
        """n consecutive weekdays from first_day with leaders and room free, or None."""
        out = {}
        room = group.room.casefold() if group.room else None
        for d in range(first_day, first_day + n_days):
            leaders = self.leaders_for(group, d) if self.cal.is_working(d) else None
            if leaders is None or (room and (room, d) in self.ledger.rooms):
                return None
            out[d] = leaders
        return out

    def book_block(self, group: Group, phase: str, days: dict[int, tuple[str, ...]]) -> None:
        for d, leaders in days.items():
            for s in leaders:
                self.ledger.book("leading", (s, d))
                self.ledger.book_minutes(s, d, self.n("minutes_group_day"))
            if group.room:
                self.ledger.book("rooms", (group.room.casefold(), d))

    def start_options(self, group: Group, first: int, last: int) -> list[list[int]]:
        """R-START-2: each start period's blocks by their first days, earliest first."""
        n_days = self.n("block_days")
        return [list(days[::n_days]) for days in placements.start_placements(self.cal, self.sm, group, first, last)]

    def week_options(self, group: Group, first: int, last: int, n_days: int) -> list[int]:
        return [days[0] for days in placements.week_placements(self.cal, group, first, last, n_days)]

    # --- planning ----------------------------------------------------------------------------
    def plan_all(self) -> Plan:
        """Start periods of every group first (they are fixed in Kela's course system before
        anything else), then each group's process from the getting-ready phase on."""
        if not self.case_managers:
            self.choose_case_managers()
        # The group that must start soonest is booked first (a group with a wide window takes
        # what is left), as a coordinator books the fixed dates first.
        order = [g for g in sorted(self.roster.groups.values(),
                                   key=lambda g: (g.start_latest, g.start_earliest, g.group_id))
                 if self.roster.clients_of(g.group_id)]
        started = [self.start_group(g) for g in order]
        for g, (start_days, clients) in zip(order, started, strict=True):
            self.plan_group_rest(g, start_days, clients)
        self.plan.sort()
        return self.plan

    def members(self, group: Group) -> list[Client]:
        return sorted(self.roster.clients_of(group.group_id), key=lambda c: c.client_id)

    def start_windows(self, group: Group, members: list[Client]) -> list[tuple[int, int]]:
        """R-GROUP-2: the agreed start window, and for a group below its minimum size the
        postponement after it (up to postpone_max_months after the earliest decision), tried only
        when the agreed window admits no start: a coordinator postpones as the last resort. A group
        the coordinator postpones (Groups `postpone`) has only the days after its window."""
        decisions = [c.decision_date for c in members]
        first, last = placements.start_window(self.cal, self.sm, group, decisions, postpone=False)
        limit = placements.start_window(self.cal, self.sm, group, decisions, postpone=True)[1]
        if group.postpone:
            return [(min(self.cal.index(group.start_latest), self.cal.n_days - 1) + 1, limit)]
        if len(members) < self.sm.group_min_size(group.max_size):
            return [(first, last), (last + 1, limit)]
        return [(first, last)]

    def start_group(self, group: Group) -> tuple[dict[int, tuple[str, ...]], list[ClientDays]]:
        """R-START-1/2, R-GROUP-2: the earliest start period in the start windows that leaders,
        room and start visits fit."""
        members = self.members(group)
        windows = self.start_windows(group, members)
        why = ("no day after the agreed window within postpone_max_months of the earliest decision (R-GROUP-2)"
               if all(lo > hi for lo, hi in windows) else "no start period (R-START-2, R-GROUP-4)")
        n_days = self.n("block_days")
        for lo, hi in windows:
            for firsts in self.start_options(group, lo, hi):
                blocks = [self.block(group, f, n_days) for f in firsts]
                if any(blk is None for blk in blocks):
                    why = "leaders or room not free (R-GROUP-4, R-GROUP-5)"
                    continue
                start_days = {d: s for blk in blocks for d, s in blk.items()}  # type: ignore[union-attr]
                mark = len(self.ledger.journal)
                self.book_block(group, P.START, start_days)
                clients = [ClientDays(c.client_id, group.group_id, self.case_managers[c.client_id],
                                      c.clear_plan, attends_final=c.attends_final) for c in members]
                try:
                    for c, days in zip(members, clients, strict=True):
                        days.start = self.start_visits(c, firsts[0])
                except NoGreedyPlan as exc:
                    self.ledger.rollback(mark)
                    why = str(exc)
                    continue
                if firsts[0] > self.cal.index(group.start_latest):
                    self.plan.postponed.add(group.group_id)
                return start_days, clients
        raise NoGreedyPlan(f"{group.group_id}: no start period; last try: {why}")

    def plan_group_rest(self, group: Group, start_days: dict[int, tuple[str, ...]],
                        clients: list[ClientDays]) -> None:
        members = self.members(group)
        group_start = sorted(start_days)
        # Agreed practice starts first (R-WP-1): they fix the latest practice end that the group's
        # deepening period waits for anyway, and the others may end by then at no cost to it.
        floor = -1
        for c, days in sorted(zip(members, clients, strict=True), key=lambda cd: cd[0].wp_start is None):
            self.plan_ready_and_practice(c, days, group_start[-1], floor)
            floor = max(floor, days.wp_last)
        wp_end = max(d.wp_last for d in clients)
        deep = self.group_period(group, P.DEEP, members, clients, wp_end, self.sm.rng("deep_after_wp_target_days"),
                                 self.n("deep_after_wp_max_days"), self.n("deep_group_days"))
        final = self.group_period(group, P.FINAL, members, clients, max(deep),
                                  self.sm.rng("final_after_deep_target_days"), self.n("final_after_deep_max_days"),
                                  self.n("final_group_days"))
        phases = {P.START: group_start, P.DEEP: sorted(deep), P.FINAL: sorted(final)}
        for c, days in zip(members, clients, strict=True):
            days.follow_ups = self.follow_ups(c, phases[P.FINAL][-1])
        for phase, blk in ((P.START, start_days), (P.DEEP, deep), (P.FINAL, final)):
            self.plan.events += [Event(self.cal.date(d), P.GROUP_DAY, phase, group.group_id, None, blk[d])
                                 for d in sorted(blk)]
        for days in clients:
            events, periods = client_rows(self.cal, self.sm, days, phases)
            self.plan.events += events
            self.plan.periods += periods

    def plan_ready_and_practice(self, c: Client, days: ClientDays, start_last: int, floor: int = -1) -> None:
        """R-READY-1 then R-WP-1..4. With an agreed start (`wp_start`), the getting-ready visits
        lead up to it, however long after the start period it lies (R-WP-1: the agreement holds).
        Otherwise the getting-ready visits from the day after the start period at each spacing
        of S-READY, each followed by the practice on its best first day; and, where the case
        manager's long absence falls inside that practice, the practice after the absence
        (S-SPREAD: visits move, not change hands, R-STAFF-3). The option whose visits and
        practice cost least wins, counting as a day of S-RHYTHM each day the practice ends later
        than with another and later than the group's practices planned so far (`floor`: the
        group's deepening period waits for it), and each day it ends more than
        deep_after_wp_target_days before that floor (the client waits for the group)."""
        if c.wp_start is not None:
            ready = self.ready_leading_to(c, start_last, self.cal.index(c.wp_start))
            if ready is None:
                raise NoGreedyPlan(f"{c.client_id}: no days for {c.ready_visits} getting-ready visits before "
                                   f"the agreed start {c.wp_start} (R-READY-1)")
            if not self.work_practice(c, days, ready[-1]):
                raise NoGreedyPlan(f"{c.client_id}: no work practice from its agreed start {c.wp_start} "
                                   "(R-WP-1, R-WP-2, R-WP-3, R-WP-4)")
            days.ready = ready
            return
        tried: list[tuple[int, int, int, Callable[[], list[int] | None]]] = []  # cost, first, last, book

        def measure(book: Callable[[], list[int] | None]) -> bool:
            """Books one option, notes its cost and undoes it; True when it keeps the rhythm on a
            week's first day (a looser spacing gains little then)."""
            mark = len(self.ledger.journal)
            ready = book()
            kept = False
            if ready is not None:
                tried.append((self.ready_cost(ready, days, start_last) + self.spread_cost(days),
                              days.wp_first, days.wp_last, book))
                kept = (days.wp_first - start_last <= self.n("ready_target_days")
                        and self.practice_start_cost(c, days.wp_first, ready[-1]) == 0)
            self.ledger.rollback(mark)
            return kept

        for spacing in self.spacings("ready_visit_gap_days"):
            if measure(partial(self.ready_then_practice, c, days, start_last, spacing)):
                break
        if not tried:
            raise NoGreedyPlan(f"{c.client_id}: no work practice after the getting-ready visits (R-WP-1, R-WP-2)")
        for first in self.after_absences(c, start_last, min(t[1] for t in tried), max(t[2] for t in tried)):
            measure(partial(self.ready_then_practice_from, c, days, start_last, first))
        soonest = max(floor, min(t[2] for t in tried))
        rhythm = self.sm.weights.get("S-RHYTHM", 0)
        wait = self.sm.rng("deep_after_wp_target_days").max

        def rhythm_days(last: int) -> int:
            """Days the group waits for this practice, or this client waits for the group's."""
            return max(0, last - soonest) + max(0, floor - last - wait)

        best = min(tried, key=lambda t: t[0] + rhythm * rhythm_days(t[2]))
        days.ready = best[3]()  # type: ignore[assignment]

    def ready_leading_to(self, c: Client, start_last: int, first: int) -> list[int] | None:
        """R-READY-1: the getting-ready visits on the latest free days before day `first` (the
        practice's first day), at the strictest spacing of S-READY that fits; booked."""
        office = self.n("minutes_office")
        free = self.free_days(c, start_last + 1, first - 1, office)[::-1]
        ready = next((r for gap, apart in self.spacings("ready_visit_gap_days")
                      if (r := self.spaced(free, c.ready_visits, gap, apart)) is not None), None)
        return None if ready is None else self.meet_all(c, ready, office)

    def after_absences(self, c: Client, start_last: int, wp_first: int, wp_last: int) -> list[int]:
        """S-SPREAD: for each long absence of the case manager (longer than
        wp_visit_gap_max_days) that falls inside the practice [wp_first, wp_last], the first
        week's first working day after the week the case manager comes back (a getting-ready
        visit fits before it), within ready_phase_max_days of the start period."""
        cm = self.case_managers[c.client_id]
        latest = start_last + self.n("ready_phase_max_days")
        out = []
        for a, z in placements.long_absences(self.cal, cm, self.n("wp_visit_gap_max_days")):
            if not (wp_first <= z and a <= wp_last):
                continue
            back = next((d for d in range(z + 1, latest) if self.at_work(cm, d)), None)
            first = next((d for d in self.cal.working_between(back + 1, latest)
                          if placements.working_days_before_in_week(self.cal, d, c.wp_weekdays) == 0),
                         None) if back is not None else None
            if first is not None:
                out.append(first)
        return out

    def ready_then_practice_from(self, c: Client, days: ClientDays, start_last: int, first: int) -> list[int] | None:
        """The getting-ready visits leading up to day `first` and the work practice after the
        last of them (within wp_start_max_gap_days, R-WP-1), both booked; None when either fails."""
        ready = self.ready_leading_to(c, start_last, first)
        if ready is None or first - ready[-1] > self.n("wp_start_max_gap_days"):
            return None
        return ready if self.work_practice(c, days, ready[-1]) else None

    def spread_cost(self, days: ClientDays) -> int:
        """S-SPREAD of the practice visits booked in `days`, as the model counts it: each working
        day opening wp_visit_gap_max_days calendar days without a visit between two visits,
        each visit beyond the first in a calendar week, and each day short of
        wp_visit_gap_min_days between two visits in different weeks, at the rule's weight."""
        visits = sorted({*days.site, *days.video})
        span, closest = self.n("wp_visit_gap_max_days"), self.n("wp_visit_gap_min_days")
        gaps = sum(len(self.cal.working_between(a + 1, b - span)) for a, b in pairwise(visits))
        weeks = [self.cal.week(d) for d in visits]
        close = sum(max(0, closest - (b - a)) for i, a in enumerate(visits) for b in visits[i + 1:]
                    if self.cal.week(a) != self.cal.week(b))
        return self.sm.weights.get("S-SPREAD", 0) * (gaps + len(weeks) - len(set(weeks)) + close)

    def ready_then_practice(self, c: Client, days: ClientDays, start_last: int,
                            spacing: tuple[int, bool]) -> list[int] | None:
        """The getting-ready visits at one spacing (S-READY) from the day after the start period,
        and the work practice after them (R-WP-1), both booked; where no practice fits, the
        visits begin a day later. Where the practice's best start lies more than
        wp_start_target_gap_days after the last visit (a holiday Monday, an absence), the last
        visit moves towards it (S-WP-GAP). None when nothing fits within ready_phase_max_days."""
        office = self.n("minutes_office")
        free = self.free_days(c, start_last + 1, start_last + self.n("ready_phase_max_days"), office)
        for i in range(len(free)):
            ready = self.spaced(free[i:], c.ready_visits, *spacing)
            if ready is None:
                return None
            mark = len(self.ledger.journal)
            self.meet_all(c, ready, office)
            if not self.work_practice(c, days, ready[-1]):
                self.ledger.rollback(mark)
                continue
            # A later last visit keeps the spacing to the one before it.
            target = days.wp_first - self.n("wp_start_target_gap_days")
            closer = [d for d in free if max(ready[-1], target - 1) < d < days.wp_first]
            if closer:
                self.ledger.rollback(mark)
                moved = [*ready[:-1], closer[0]]
                self.meet_all(c, moved, office)
                if self.work_practice(c, days, moved[-1]):
                    return moved
                self.ledger.rollback(mark)
                self.meet_all(c, ready, office)
                self.work_practice(c, days, ready[-1])
            return ready
        return None

    def practice_start_cost(self, c: Client, first: int, ready_last: int) -> int:
        """What a practice starting on day `first` costs: S-WP-WEEK, each working day of its
        week before it (placements.working_days_before_in_week, as the model counts), and
        S-WP-GAP, each day over wp_start_target_gap_days after the last getting-ready visit, at
        their weights."""
        w = self.sm.weights
        before = placements.working_days_before_in_week(self.cal, first, c.wp_weekdays)
        over = max(0, first - ready_last - self.n("wp_start_target_gap_days"))
        return w.get("S-WP-WEEK", 0) * before + w.get("S-WP-GAP", 0) * over

    def practice_placements(self, c: Client, ready_last: int) -> list[placements.PracticePlacement]:
        """R-WP-1/R-WP-2: placements on the part-time weekdays if any (wp_weekdays), from the
        agreed day, or within wp_start_max_gap_days of the last getting-ready visit, the cheapest
        first day first (S-WP-WEEK, S-WP-GAP), then the earliest."""
        if c.wp_start is not None:
            firsts = [f for f in (self.cal.index(c.wp_start),) if f > ready_last]
        else:
            gap = self.n("wp_start_max_gap_days")
            firsts = sorted(range(ready_last + 1, ready_last + gap + 1),
                            key=lambda f: (self.practice_start_cost(c, f, ready_last), f))
        return placements.practice_placements(self.cal, self.sm, c.client_id, c.wp_days, firsts, c.wp_weekdays)

    def no_caller_days(self, cm: str) -> frozenset[int]:
        """R-WP-4: the working days on which neither the case manager nor another case manager
        is at work to call; once per case manager, since every practice placement tried asks."""
        if cm not in self._silent:
            callers = [cm, *(s.staff_id for s in self.roster.case_managers() if s.staff_id != cm)]
            self._silent[cm] = frozenset(d for d in self.cal.working_days
                                         if not any(self.at_work(s, d) for s in callers))
        return self._silent[cm]

    def week_without_caller(self, practice_days: tuple[int, ...], silent: frozenset[int]) -> bool:
        """R-WP-4: some week of the practice has no practice day with a case manager at work to
        call. Only the weeks of its silent days can be such a week."""
        bad = silent.intersection(practice_days)
        if not bad:
            return False
        days = set(practice_days)
        for d in bad:
            monday = d - self.cal.weekday(d)
            if not any(x in days and x not in silent for x in range(monday, monday + 7)):
                return True
        return False

    def work_practice(self, c: Client, days: ClientDays, ready_last: int) -> bool:
        cm = self.case_managers[c.client_id]
        silent = self.no_caller_days(cm)
        for o in self.practice_placements(c, ready_last):
            if self.week_without_caller(o.practice_days, silent):
                continue  # a week nobody is at work to call in (everyone's Christmas holiday)
            mark = len(self.ledger.journal)
            if self.calls_and_visits(c, days, list(o.practice_days)):
                days.wp_first, days.wp_last, days.wp_short = o.first, o.last, o.short
                days.wp_days = len(o.practice_days)
                return True
            self.ledger.rollback(mark)
        return False

    def calls_and_visits(self, c: Client, days: ClientDays, practice: list[int]) -> bool:
        """R-WP-3 and R-WP-4 on the practice days: the visits first, on the days their order asks
        for, then the calls on the days left; where a week then has no day left for its call (a
        short or part-time week), the calls first and the visits around them."""
        mark = len(self.ledger.journal)
        calls = self.weekly_calls(c, days, practice)
        self.ledger.rollback(mark)
        if not calls:  # a week without a day for its call, whatever the visits do
            return False
        for steps in ((self.practice_visits, self.weekly_calls), (self.weekly_calls, self.practice_visits)):
            if all(step(c, days, practice) for step in steps):
                return True
            self.ledger.rollback(mark)
        return False

    def weekly_calls(self, c: Client, days: ClientDays, practice: list[int]) -> bool:
        """R-WP-4: wp_calls_per_week calls in every week with practice, by the case manager
        (S-OWN-CM). In a week the case manager cannot call, a substitute case manager on a day the
        case manager is not at work: the one who can stand in for most of those weeks, so that
        the client hears one voice for the whole absence rather than a new one each week."""
        cm, phone = self.case_managers[c.client_id], self.n("minutes_phone")
        weeks: dict[int, list[int]] = {}
        for d in practice:
            weeks.setdefault(self.cal.week(d), []).append(d)
        own, missing = [], []
        for week_days in weeks.values():
            for _ in range(self.n("wp_calls_per_week")):
                day = next((d for d in week_days if self.can_meet(c, cm, d, phone)), None)
                if day is None:
                    missing.append(week_days)
                    continue
                self.meet(c, cm, day, phone)
                own.append(day)
        if not missing:
            days.own_calls, days.sub_calls = own, []
            return True
        # The days of each such week the case manager is away: a substitute may call on them.
        away = [[d for d in week_days if not self.at_work(cm, d)] for week_days in missing]

        def stand_in(staff_id: str, k: int) -> list[int]:
            return [d for d in away[k] if self.can_meet(c, staff_id, d, phone)]

        # A substitute of the group's site first; of another only where none of the site can.
        site = self.roster.groups[c.group_id].site
        others = [s for s in self.roster.case_managers() if s.staff_id != cm]
        needed = range(len(missing))
        for pool in ([s.staff_id for s in others if same_site(s.site, site)], [s.staff_id for s in others]):
            if all(any(stand_in(s, k) for s in pool) for k in needed):
                break
        else:
            return False  # a week nobody can call in (a holiday of everyone)
        whole = next((s for s in pool if all(stand_in(s, k) for k in needed)), None)
        if whole is not None:
            pool = [whole, *pool]
        else:
            weeks_of = {s: sum(1 for k in needed if stand_in(s, k)) for s in pool}
            pool = sorted((s for s in pool if weeks_of[s]), key=lambda s: -weeks_of[s])
        subs = []
        for k in needed:
            sub = next(((d, s) for s in pool for d in stand_in(s, k)), None)
            if sub is None:  # two calls a week, one day the case manager is away
                return False
            self.meet(c, sub[1], sub[0], phone)
            subs.append(sub)
        days.own_calls, days.sub_calls = own, subs
        return True

    def site_positions(self, n_visits: int, n_site: int) -> set[int]:
        """Which of the visits, in date order, are at the workplace: the first and the last
        (S-WP-ORDER) and the others evenly between."""
        if n_site <= 1:
            return set(range(n_site))
        return {round(k * (n_visits - 1) / (n_site - 1)) for k in range(n_site)}

    def practice_visits(self, c: Client, days: ClientDays, practice: list[int]) -> bool:
        """R-WP-3: wp_visits visits, at least wp_site_visits_min (and wp_employer_visits_min) at
        the workplace with the employer, the others by video, one of them (after the first
        workplace visit) the network meeting. S-WP-ORDER: the first visit at the workplace on
        the first free practice day (within wp_first_visit_days where the case manager can),
        the last at the workplace on the last free practice day (within wp_last_visit_days of
        the end where the case manager can); S-SPREAD: the others nearest to even steps between
        them, in weeks without a visit and no gap over wp_visit_gap_max_days where possible."""
        cm, n = self.case_managers[c.client_id], c.wp_visits
        n_network = self.n("wp_network_meetings")
        n_site = min(max(self.n("wp_site_visits_min"), self.n("wp_employer_visits_min")), n - n_network)
        site_at = self.site_positions(n, n_site)
        minutes = [self.n("minutes_site") if k in site_at else self.n("minutes_video") for k in range(n)]
        free = [d for d in practice[: len(practice) - n + 1] if self.can_meet(c, cm, d, minutes[0])]
        if not free:
            return False
        first = free[0]
        self.meet(c, cm, first, minutes[0])
        chosen = [first]
        if n > 1:
            # The last visit leaves room for the ones between: n - 2 practice days after the first.
            room = practice[practice.index(first) + n - 1:]
            free = [d for d in room if self.can_meet(c, cm, d, minutes[-1])]
            if not free:
                return False
            last = free[-1]
            self.meet(c, cm, last, minutes[-1])
            between = self.visits_between(c, practice, first, last, minutes[1:-1])
            if between is None:
                return False
            chosen += [*between, last]
        site = [d for k, d in enumerate(chosen) if k in site_at]
        video = [d for k, d in enumerate(chosen) if k not in site_at]
        half = practice[0] + (practice[-1] - practice[0]) // 2
        after_first_site = [d for d in video if not site or d > site[0]]
        network = sorted(after_first_site, key=lambda d: (d > half, d))[:n_network]
        days.site, days.video = site, video
        days.employer, days.network = set(site), set(network)
        return True

    def visits_between(self, c: Client, practice: list[int], first: int, last: int,
                       minutes: list[int]) -> list[int] | None:
        """S-SPREAD: visits (of `minutes` each, in order) strictly between the first and the last
        visit, each on the free practice day nearest its even step, preferring a week without a
        visit, at least wp_visit_gap_min_days from the visits before and after, and a gap of at
        most wp_visit_gap_max_days from the visit before; booked."""
        cm, n = self.case_managers[c.client_id], len(minutes) + 1
        gap_max, gap_min = self.n("wp_visit_gap_max_days"), self.n("wp_visit_gap_min_days")
        inside = [d for d in practice if first < d < last]
        weeks = {self.cal.week(first), self.cal.week(last)}
        out: list[int] = []
        for k, m in enumerate(minutes, start=1):
            prev = out[-1] if out else first
            ideal = first + (last - first) * k / n
            # Each later visit needs a practice day of its own before the last visit.
            room = [d for i, d in enumerate(inside) if d > prev and len(inside) - i > len(minutes) - k]
            room.sort(key=lambda d: (int(self.cal.week(d) in weeks) + max(0, d - prev - gap_max)
                                     + max(0, gap_min - (d - prev)) + max(0, gap_min - (last - d)), abs(d - ideal), d))
            d = next((d for d in room if self.can_meet(c, cm, d, m)), None)
            if d is None:
                return None
            self.meet(c, cm, d, m)
            weeks.add(self.cal.week(d))
            out.append(d)
        return out

    def group_period(self, group: Group, phase: str, members: list[Client], clients: list[ClientDays],
                     after: int, target: Range, most: int, n_days: int) -> dict[int, tuple[str, ...]]:
        """R-DEEP-1 / R-FINAL-1: a week of n_days group days after day `after`, at most `most`
        days after it, that the leaders, the room and the final discussions fit (R-DEEP-2 for
        clear-plan clients in the deepening period, R-FINAL-2 for the others): the cheapest by
        S-RHYTHM (its distance from the rhythm's target, `target` days after `after`) and
        S-MISSED-DAY (members absent on its days), the earlier of two as cheap."""
        latest = min(after + most, self.cal.n_days - 1)
        lo, hi = after + target.min, after + target.max
        w = self.sm.weights

        def cost(f: int) -> int:  # S-RHYTHM, and S-MISSED-DAY for each member absent on a day of it
            missed = sum(1 for c in members for d in range(f, f + n_days) if self.cal.absent(c.client_id, d))
            return w.get("S-RHYTHM", 0) * max(lo - f, f - hi, 0) + w.get("S-MISSED-DAY", 0) * missed

        firsts = sorted(self.week_options(group, after + 1, latest, n_days), key=lambda f: (cost(f), f))
        discussing = [(c, d) for c, d in zip(members, clients, strict=True)
                      if c.clear_plan == (phase == P.DEEP)]
        office = self.n("minutes_office")
        for f in firsts:
            blk = self.block(group, f, n_days)
            if blk is None:
                continue
            mark = len(self.ledger.journal)
            self.book_block(group, phase, blk)
            chosen = []
            for c, days in discussing:
                cm = self.case_managers[c.client_id]
                d = next((d for d in sorted(blk) if self.can_meet(c, cm, d, office)), None)
                if d is None:
                    break
                self.meet(c, cm, d, office)
                chosen.append((days, d))
            if len(chosen) == len(discussing):
                for days, d in chosen:
                    days.final_discussion = [d]
                return blk
            self.ledger.rollback(mark)
        raise NoGreedyPlan(f"{group.group_id}: no {phase} period (R-{phase.upper()}-1)")

    def follow_ups(self, c: Client, final_last: int) -> list[int]:
        """R-FOLLOW-1: the 1st within follow_up_1_months, the 2nd within follow_up_2_months of the
        final period, from the start of each target month (S-RHYTHM); room left for the report."""
        cm = self.case_managers[c.client_id]
        limits = [self.n("follow_up_1_months"), self.n("follow_up_2_months")][: c.follow_up_visits]
        targets = [self.sm.rng("follow_up_1_target_months"), self.sm.rng("follow_up_2_target_months")]
        last_day = self.cal.n_days - 2
        if self.roster.staff[cm].max_clients is not None:
            span_end = group_process_interval(self.roster, self.sm, c.group_id)[1]
            last_day = min(last_day, self.cal.index(span_end))
        out: list[int] = []
        for limit, target in zip(limits, targets, strict=False):
            lo = max(self.cal.add_months(final_last, target.min), (out[-1] if out else final_last) + 1)
            hi = min(self.cal.add_months(final_last, limit), last_day)
            day = next((d for d in self.cal.working_between(lo, hi)
                        if self.can_meet(c, cm, d, self.n("minutes_office"))), None)
            if day is None:
                earlier = (out[-1] if out else final_last) + 1
                day = next((d for d in self.cal.working_between(earlier, lo - 1)
                            if self.can_meet(c, cm, d, self.n("minutes_office"))), None)
            if day is None:
                raise NoGreedyPlan(f"{c.client_id}: no day for follow-up visit {len(out) + 1} (R-FOLLOW-1)")
            self.meet(c, cm, day, self.n("minutes_office"))
            out.append(day)
        return out


def greedy_plan(roster: Roster, sm: ServiceModel, cal: Calendar | None = None,
                case_managers: dict[str, str] | None = None) -> Plan:
    """The baseline plan; raises NoGreedyPlan where the greedy order gets stuck."""
    return GreedyPlanner(roster, sm, cal, case_managers).plan_all()
