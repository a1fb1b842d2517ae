"""The greedy baseline: plans the way a coordinator plans by hand, earliest feasible date first.

Group by group in order of their start windows, client by client within a group, each event
goes on the first day that keeps every hard rule around what is already booked: staff minutes
(R-STAFF-2), leaders and rooms (R-GROUP-4, R-GROUP-5), the client's own days (R-CLIENT-2).
Nothing is revisited once booked except within one group's current attempt, so a choice that
blocks a later one is kept as a coordinator would keep it. Where the service model names a
rhythm (S-RHYTHM), the hand planner aims at the start of the target, not before it.

It serves the benchmarks as the baseline the optimizer must beat (issue 3), and a plan it
makes is a plan like any other: the validator checks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from optimizer.core import placements
from optimizer.core import plan as P
from optimizer.core.calendar import Calendar
from optimizer.core.domain import Client, Group, Roster, same_site
from optimizer.core.placements import day_capacity
from optimizer.core.plan import Event, Plan
from optimizer.core.plan_rows import ClientDays, client_rows
from optimizer.core.service_model import ServiceModel
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

    # --- capacity --------------------------------------------------------------------------
    def free_minutes(self, staff_id: str, d: int) -> int:
        return day_capacity(self.roster.staff[staff_id], self.sm) - self.ledger.minutes.get((staff_id, d), 0)

    def can_meet(self, client: Client, staff_id: str, d: int, minutes: int) -> bool:
        """R-CAL-1, R-STAFF-1/2, R-CLIENT-1/2: both free on day d for an event of `minutes`."""
        return (self.cal.client_available(client.client_id, d) and self.cal.staff_at_work(staff_id, d)
                and d >= self.cal.index(client.decision_date)
                and (client.client_id, d) not in self.ledger.client_days
                and self.free_minutes(staff_id, d) >= minutes)

    def meet(self, client: Client, staff_id: str, d: int, minutes: int) -> None:
        self.ledger.book_minutes(staff_id, d, minutes)
        self.ledger.book("client_days", (client.client_id, d))

    def visits(self, client: Client, first: int, last: int, count: int, minutes: int) -> list[int]:
        """The earliest `count` days in [first, last] for visits with the case manager, booked."""
        cm = self.case_managers[client.client_id]
        days = []
        for d in self.cal.working_between(first, last):
            if len(days) == count:
                break
            if self.can_meet(client, cm, d, minutes):
                self.meet(client, cm, d, minutes)
                days.append(d)
        if len(days) < count:
            raise NoGreedyPlan(f"{client.client_id}: no days for {count} visits")
        return days

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
        free = [s for s in group.leaders if self.cal.staff_at_work(s, d) and (s, d) not in self.ledger.leading
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

    def start_group(self, group: Group) -> tuple[dict[int, tuple[str, ...]], list[ClientDays]]:
        """R-START-1/2, R-GROUP-2: the earliest start period in the agreed window (or, for a group
        below its minimum size, the postponement window) that leaders, room and start visits fit."""
        members = self.members(group)
        decisions = [c.decision_date for c in members]
        first, last = placements.start_window(self.cal, self.sm, group, decisions, postpone=False)
        windows = [(first, last)]
        if len(members) < self.sm.group_min_size(group.max_size):
            # Tried only after the agreed window: a coordinator postpones as the last resort.
            windows.append((last + 1, placements.start_window(self.cal, self.sm, group, decisions, postpone=True)[1]))
        why = "no start period (R-START-2, R-GROUP-4)"
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
                        # R-START-1: before the first group day; R-CLIENT-1: not before the decision.
                        days.start = self.visits(c, 0, firsts[0] - 1, c.start_visits, self.n("minutes_office"))
                except NoGreedyPlan as exc:
                    self.ledger.rollback(mark)
                    why = str(exc)
                    continue
                if lo > last:
                    self.plan.postponed.add(group.group_id)
                return start_days, clients
        raise NoGreedyPlan(f"{group.group_id}: no start period; last try: {why}")

    def plan_group_rest(self, group: Group, start_days: dict[int, tuple[str, ...]],
                        clients: list[ClientDays]) -> None:
        members = self.members(group)
        group_start = sorted(start_days)
        for c, days in zip(members, clients, strict=True):
            self.plan_ready_and_practice(c, days, group_start[-1])
        wp_end = max(d.wp_last for d in clients)
        deep_target = self.sm.rng("deep_after_wp_target_days")
        deep = self.group_period(group, P.DEEP, members, clients, wp_end + 1, wp_end + deep_target.min,
                                 wp_end + self.n("deep_after_wp_max_days"), self.n("deep_group_days"))
        final_target = self.sm.rng("final_after_deep_target_days")
        deep_last = max(deep)
        final = self.group_period(group, P.FINAL, members, clients, deep_last + 1,
                                  deep_last + final_target.min, deep_last + self.n("final_after_deep_max_days"),
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

    def plan_ready_and_practice(self, c: Client, days: ClientDays, start_last: int) -> None:
        """R-READY-1 then R-WP-1..4: getting-ready visits from the day after the start period;
        work practice from the first day it fits after them, within wp_start_max_gap_days."""
        gap = self.n("wp_start_max_gap_days")
        first = start_last + 1
        if c.wp_start is not None:
            first = max(first, self.cal.index(c.wp_start) - gap)
        latest = start_last + self.n("ready_phase_max_days")
        if c.wp_start is not None:
            latest = min(latest, self.cal.index(c.wp_start) - 1)
        while first <= latest:
            mark = len(self.ledger.journal)
            ready = self.visits(c, first, latest, c.ready_visits, self.n("minutes_office"))
            if self.work_practice(c, days, ready[-1]):
                days.ready = ready
                return
            self.ledger.rollback(mark)
            first = ready[0] + 1
        raise NoGreedyPlan(f"{c.client_id}: no work practice after the getting-ready visits (R-WP-1, R-WP-2)")

    def practice_placements(self, c: Client, ready_last: int) -> list[placements.PracticePlacement]:
        """R-WP-1/R-WP-2: placements in order of the first day, starting within
        wp_start_max_gap_days of the last getting-ready visit (on the agreed day, if any)."""
        gap = self.n("wp_start_max_gap_days")
        firsts = [self.cal.index(c.wp_start)] if c.wp_start is not None else range(ready_last + 1, ready_last + gap + 1)
        firsts = [f for f in firsts if ready_last < f <= ready_last + gap]
        return placements.practice_placements(self.cal, self.sm, c.client_id, c.wp_days, firsts, c.wp_weekdays)

    def work_practice(self, c: Client, days: ClientDays, ready_last: int) -> bool:
        for o in self.practice_placements(c, ready_last):
            mark = len(self.ledger.journal)
            if self.calls_and_visits(c, days, list(o.practice_days)):
                days.wp_first, days.wp_last, days.wp_short = o.first, o.last, o.short
                days.wp_days = len(o.practice_days)
                return True
            self.ledger.rollback(mark)
        return False

    def calls_and_visits(self, c: Client, days: ClientDays, practice: list[int]) -> bool:
        """R-WP-4: a call in every week with practice, by the case manager or, on a day the case
        manager is not at work, a substitute case manager. R-WP-3: the visits spread evenly over
        the practice days, wp_site_visits_min of them at the workplace with the employer."""
        cm = self.case_managers[c.client_id]
        phone = self.n("minutes_phone")
        weeks: dict[int, list[int]] = {}
        for d in practice:
            weeks.setdefault(self.cal.week(d), []).append(d)
        own, subs = [], []
        for week_days in weeks.values():
            for _ in range(self.n("wp_calls_per_week")):
                day = next((d for d in week_days if self.can_meet(c, cm, d, phone)), None)
                if day is not None:
                    self.meet(c, cm, day, phone)
                    own.append(day)
                    continue
                sub = next(((d, s.staff_id) for d in week_days if not self.cal.staff_at_work(cm, d)
                            for s in self.roster.case_managers()
                            if s.staff_id != cm and self.can_meet(c, s.staff_id, d, phone)), None)
                if sub is None:
                    return False
                self.meet(c, sub[1], sub[0], phone)
                subs.append(sub)
        n_visits, n_site = c.wp_visits, self.n("wp_site_visits_min")
        site_positions = {round(k * n_visits / n_site) for k in range(n_site)}
        site, video, visited_weeks = [], [], set()
        for k in range(n_visits):
            is_site = k in site_positions or len(site) + (n_visits - k) <= n_site
            minutes = self.n("minutes_site") if is_site else self.n("minutes_video")
            target = (k * len(practice)) // n_visits
            later = practice[target:] + practice[:target]
            free = [d for d in later if self.can_meet(c, cm, d, minutes)]
            spread = [d for d in free if self.cal.week(d) not in visited_weeks]  # S-SPREAD
            if not free:
                return False
            d = (spread or free)[0]
            self.meet(c, cm, d, minutes)
            visited_weeks.add(self.cal.week(d))
            (site if is_site else video).append(d)
        days.own_calls, days.sub_calls, days.site, days.video = own, subs, site, video
        return True

    def group_period(self, group: Group, phase: str, members: list[Client], clients: list[ClientDays],
                     earliest: int, target: int, latest: int, n_days: int) -> dict[int, tuple[str, ...]]:
        """R-DEEP-1 / R-FINAL-1: the first week from the rhythm's target (S-RHYTHM), else the
        first after `earliest`, that the leaders, the room and the final discussions fit
        (R-DEEP-2 for clear-plan clients in the deepening period, R-FINAL-2 for the others)."""
        latest = min(latest, self.cal.n_days - 1)
        firsts = list(self.week_options(group, target, latest, n_days))
        firsts += list(self.week_options(group, earliest, target - 1, n_days))
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
