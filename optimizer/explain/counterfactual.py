"""The input fact behind a cost, found by taking facts away one at a time (issue 15).

`explain.py` names what stands on a cost's days: an absence, a holiday, another group. That names
the wrong cause when the cost comes from elsewhere: a deepening period held back by another
client's agreed practice start is not caused by the leader's holiday that happens to fall in the
same weeks. Here each input fact of the cost's group that could cause it is taken away in turn
(an agreed practice start, a client's part-time weekdays, an absence, a part-timer's days off, the
group's weekday pattern), the group is planned again by the greedy planner
(optimizer/search/greedy.py, a fraction of a second a group) with the same case managers, and the
cost's own units in that plan are compared with those in the greedy plan of the unchanged group.
The fact whose removal lowers the cost most is its cause, named with its cell and the saving.

The greedy planner stands in for the optimiser here, so the saving is an estimate and the words
say so. The search is time-boxed (`budget_s`): what it did not reach is reported as cut, and
those costs keep the causes `explain.py` finds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from optimizer.checks.costs import CostItem, group_of, soft_items
from optimizer.core import plan as P
from optimizer.core.domain import Roster
from optimizer.core.messages import PATTERN_WORDS, WEEKDAY_SHORT, Msg, fmt_span, pick
from optimizer.core.plan import DEFAULT_RUN, Plan, RunSettings
from optimizer.core.service_model import ServiceModel
from optimizer.search.greedy import NoGreedyPlan, greedy_plan

ALL_WEEKDAYS = frozenset(range(5))
# Rules whose cause can lie in another client's facts or far from the cost's own days: every item
# of these is looked into, the rest only among the costliest (issue 15).
ALWAYS = ("S-LENGTH", "S-RHYTHM")
TOP = 10


@dataclass(frozen=True)
class Fact:
    """One input fact that could be taken away: how it is named, where it is, and the roster
    without it."""

    name: Msg
    cell: str | None
    relax: Callable[[Roster], Roster]
    about: str = ""  # the person, client or group the fact is of
    begins: date | None = None  # an absence's first day: one that begins after a cost's day is not tried


@dataclass(frozen=True)
class Cause:
    """The fact whose removal lowers a cost most: `saving` of the cost's own units at its weight,
    and, for a wait for the deepening period or a process too long, the day that period could
    begin without the fact."""

    fact: Fact
    saving: int
    deep_from: date | None = None
    partial: bool = False  # it explains less than half of the cost: named after what stands on its days

    def message(self, lang: str) -> Msg:
        key = ("cause_counterfactual_part" if self.partial else
               "cause_counterfactual_deep" if self.deep_from else "cause_counterfactual")
        return Msg(key, {"fact": self.fact.name, "cell": self.fact.cell or "-", "saving": self.saving,
                         "day": self.deep_from})


@dataclass
class Search:
    """The counterfactual plans of one explanation run: one greedy plan per (group, fact), shared
    by every cost of the group, within `budget_s` seconds."""

    roster: Roster
    sm: ServiceModel
    plan: Plan
    run: RunSettings = DEFAULT_RUN
    lang: str = "fi"
    budget_s: float = 8.0
    started: float = field(default_factory=time.monotonic)
    cut: bool = False
    _plans: dict[tuple[str, int], Plan | None] = field(default_factory=dict)
    _facts: dict[str, list[Fact]] = field(default_factory=dict)
    _managers: dict[str, str] | None = None
    _rosters: dict[str, Roster] = field(default_factory=dict)
    _items: dict[int, list[CostItem]] = field(default_factory=dict)  # by id of a plan held in _plans

    def cause(self, item: CostItem) -> Cause | None:
        """The fact whose removal lowers `item`'s cost most, or None (nothing lowers it, the item
        belongs to no group, or the time box ran out; then `cut` is set)."""
        group = group_of(self.roster, item)
        if group is None:
            return None
        base = self._plan(group, -1)
        if base is None:
            return None
        before = self._units(group, base, item)
        if before <= 0:
            return None  # the quick plan does not have this cost: nothing to compare
        best: Cause | None = None
        facts = list(enumerate(self._facts_of(group)))
        # The cost's own people first: of two facts that lower it as much, the one about the client
        # or the staff member the cost is about is its cause (a holiday of the case manager rather
        # than another client's agreed start that lets the practice wait for it).
        own = {item.who, *item.people}
        facts.sort(key=lambda kf: kf[1].about not in own)
        for k, fact in facts:
            if fact.begins is not None and item.when is not None and fact.begins > item.when:
                continue  # a holiday that begins after the costly day (most of a year's absences)
            if time.monotonic() - self.started > self.budget_s:
                self.cut = True
                break
            relaxed = self._plan(group, k)
            if relaxed is None:
                continue
            saving = (before - self._units(group, relaxed, item)) * self.sm.weights.get(item.rule, 0)
            if saving > 0 and (best is None or saving > best.saving):
                best = Cause(fact, saving, self._earlier_deep(item, group, relaxed))
        return best

    def _earlier_deep(self, item: CostItem, group: str, relaxed: Plan) -> date | None:
        """For a wait for the deepening period or a process too long: the day the period could
        begin without the fact, when that is before the plan's own."""
        if item.what != "cost_deep_wait" and item.rule != "S-LENGTH":
            return None
        could, now = relaxed.first_group_day(group, P.DEEP), self.plan.first_group_day(group, P.DEEP)
        return could if could is not None and now is not None and could < now else None

    # --- the group's roster, facts and quick plans ---------------------------------------------
    def _managers_of_plan(self) -> dict[str, str]:
        """Each client's case manager as the plan has it: the quick plans keep them, so that a
        fact's removal is all that changes."""
        if self._managers is None:
            self._managers = {}
            for e in self.plan.events:
                if e.client_id and e.kind in P.INDIVIDUAL_KINDS and e.staff_ids and not e.substitute:
                    self._managers.setdefault(e.client_id, e.staff_ids[0])
        return self._managers

    def _alone(self, group: str, roster: Roster) -> Roster:
        """The group and its clients alone, with every person: other groups' bookings do not
        blur what one fact does to this one. Made once a group."""
        if group in self._rosters:
            return self._rosters[group]
        clients = {cid: c for cid, c in roster.clients.items() if c.group_id == group}
        managers = self._managers_of_plan()
        clients = {cid: replace(c, case_manager=c.case_manager or managers.get(cid)) for cid, c in clients.items()}
        people = set(roster.staff) | set(clients)
        self._rosters[group] = replace(roster, groups={group: roster.groups[group]}, clients=clients,
                                       absences=tuple(a for a in roster.absences if a.person in people))
        return self._rosters[group]

    def _plan(self, group: str, fact: int) -> Plan | None:
        """The greedy plan of the group alone, without fact number `fact` (-1: unchanged)."""
        key = (group, fact)
        if key not in self._plans:
            roster = self._alone(group, self.roster)
            if fact >= 0:
                roster = self._facts_of(group)[fact].relax(roster)
            try:
                self._plans[key] = greedy_plan(roster, self.sm)
            except NoGreedyPlan:
                self._plans[key] = None
        return self._plans[key]

    def _units(self, group: str, plan: Plan, item: CostItem) -> int:
        """The item's units in a quick plan; each plan's costs counted once for all its items."""
        if id(plan) not in self._items:
            self._items[id(plan)] = soft_items(self._alone(group, self.roster), self.sm, plan)
        return sum(i.units for i in self._items[id(plan)]
                   if (i.rule, i.who, i.what) == (item.rule, item.who, item.what))

    def _facts_of(self, group: str) -> list[Fact]:
        if group not in self._facts:
            self._facts[group] = group_facts(self.roster, self.run, group, self._managers_of_plan(), self.lang)
        return self._facts[group]


def group_facts(roster: Roster, run: RunSettings, group: str, managers: dict[str, str],
                lang: str = "fi") -> list[Fact]:
    """The input facts of a group that could cost: its clients' agreed practice starts (R-WP-1)
    and part-time weekdays (R-WP-2), the absences of its clients, leaders and case managers, the
    part-timers' days off among those people (R-STAFF-1), and the group's weekday pattern
    (R-START-2)."""
    g = roster.groups[group]
    clients = [c for c in roster.clients.values() if c.group_id == group]
    staff = sorted(set(g.leaders) | {c.case_manager or managers.get(c.client_id) or "" for c in clients} - {""})
    cells = run.cells
    out: list[Fact] = []
    for c in clients:
        cid = c.client_id
        if c.wp_start is not None:
            out.append(Fact(Msg("whatif_agreed_start", {"client": cid, "day": c.wp_start}),
                            cells.get(("clients.wp_start", cid)), _without_client_field(cid, wp_start=None), cid))
        if c.wp_weekdays is not None:
            out.append(Fact(Msg("whatif_part_time_client", {"client": cid, "days": _days(c.wp_weekdays, lang)}),
                            cells.get(("clients.wp_weekdays", cid)), _without_client_field(cid, wp_weekdays=None), cid))
    people = set(staff) | {c.client_id for c in clients}
    for k, a in enumerate(roster.absences):
        if a.person in people:
            out.append(Fact(Msg("whatif_absence", {"person": a.person, "reason": a.reason or "-",
                                                 "span": fmt_span(a.start, a.end, lang)}),
                            cells.get(("absences", str(k))), _without_absence(a), a.person, a.start))
    for sid in staff:
        s = roster.staff.get(sid)
        if s is not None and s.work_days != ALL_WEEKDAYS:
            out.append(Fact(Msg("whatif_part_time_staff", {"person": sid, "days": _days(s.work_days, lang)}),
                            cells.get(("staff.work_days", sid), cells.get(("staff", sid))), _full_week(sid), sid))
    if g.weekdays:
        words = pick(PATTERN_WORDS.get(g.weekdays, (g.weekdays, g.weekdays)), lang)
        out.append(Fact(Msg("whatif_weekday_pattern", {"group": group, "days": words}),
                        cells.get(("groups.weekdays", group), cells.get(("groups", group))), _any_weekdays(group),
                        group))
    return out


def _days(days: frozenset[int], lang: str) -> str:
    return "+".join(pick(WEEKDAY_SHORT[d], lang) for d in sorted(days))


def _without_client_field(cid: str, **change: object) -> Callable[[Roster], Roster]:
    def relax(r: Roster) -> Roster:
        return replace(r, clients={**r.clients, cid: replace(r.clients[cid], **change)})
    return relax


def _without_absence(absence) -> Callable[[Roster], Roster]:
    def relax(r: Roster) -> Roster:
        return replace(r, absences=tuple(a for a in r.absences if a != absence))
    return relax


def _full_week(sid: str) -> Callable[[Roster], Roster]:
    def relax(r: Roster) -> Roster:
        return replace(r, staff={**r.staff, sid: replace(r.staff[sid], work_days=ALL_WEEKDAYS)})
    return relax


def _any_weekdays(gid: str) -> Callable[[Roster], Roster]:
    def relax(r: Roster) -> Roster:
        return replace(r, groups={**r.groups, gid: replace(r.groups[gid], weekdays=None)})
    return relax


def worth_a_look(items: list[tuple[CostItem, int]]) -> list[CostItem]:
    """The costs looked into, costliest first: the TOP costliest and every S-LENGTH and S-RHYTHM
    item (their cause often lies in another client's facts)."""
    ranked = sorted(items, key=lambda x: -x[1])
    return [item for k, (item, _) in enumerate(ranked) if k < TOP or item.rule in ALWAYS]
