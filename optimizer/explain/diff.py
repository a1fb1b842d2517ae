"""What changed between two plans (issues 6 and 15): the clients' periods that moved, then every
moved, added, removed or reassigned event, who gains and who loses each, and who must be told.

Events are paired by what they are: the kind, phase, group and client, and the ordinal within
them (A012's third workplace visit of the work practice is paired with its third one), never by
date alone. Where the counts differ, the pairs keep their order and shift the fewest days in all,
and the events left over are added or removed. A pair on different dates has moved; a pair on the
same date with other people has changed hands (reassigned). A moved event may also change hands:
a call S05 made and S03 now makes is a loss for S05 and a gain for S03, "S05 → S03", not a move.

Periods (start, getting-ready, work practice, deepening, final, follow-up) are paired by client
and phase: a work practice that now runs 7.5.–16.7. instead of 12.5.–21.7. is one change, listed
first, as the client and the employer hear of it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from optimizer.core.messages import CHANGE_ROLE_WORDS, CHANGE_WORDS, PHASE_WORDS, describe, fmt_date, fmt_span, pick, t
from optimizer.core.plan import DUE_KINDS, GROUP_DAY, PHASES, WORK_PRACTICE, Event, Period, Plan

MOVED, ADDED, REMOVED, REASSIGNED = "moved", "added", "removed", "reassigned"
# What a change is for one person on it.
GAINS, LOSES, MOVES = "gains", "loses", "moves"
# Who must hear of a change besides the staff (with whose: a client or group id, or "").
CLIENT, GROUP_CLIENTS, EMPLOYER, KELA = "client", "group", "employer", "kela"
Audience = tuple[str, str]
_TELL_KEYS = {CLIENT: "tell_client", GROUP_CLIENTS: "tell_group", EMPLOYER: "tell_employer", KELA: "tell_kela"}

# An unpaired event costs more than any sum of shifts, so that as many events as possible are paired.
_UNPAIRED = 10**7


@dataclass(frozen=True)
class Change:
    change: str  # moved / added / removed / reassigned
    before: Event | None
    after: Event | None

    @property
    def event(self) -> Event:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def staff(self) -> tuple[str, ...]:
        """Everyone affected: on the event before or after the change."""
        people = list(self.before.staff_ids if self.before else ()) + list(self.after.staff_ids if self.after else ())
        return tuple(dict.fromkeys(people))

    @property
    def days(self) -> int | None:
        """How far a moved event moved (positive: later)."""
        if self.before and self.after:
            return (self.after.date - self.before.date).days
        return None

    @property
    def hands(self) -> str:
        """"S05 → S03" when the event changed hands, else ""."""
        if self.before and self.after and self.before.staff_ids != self.after.staff_ids:
            return f"{', '.join(self.before.staff_ids) or '-'} → {', '.join(self.after.staff_ids) or '-'}"
        return ""

    def role(self, person: str) -> str | None:
        """What the change is for `person`: a gain (the event is theirs now), a loss (no longer
        theirs) or a move (theirs before and after, on another date); None when neither."""
        had = self.before is not None and person in self.before.staff_ids
        has = self.after is not None and person in self.after.staff_ids
        if had and has:
            return MOVES if self.change == MOVED else None
        return GAINS if has else LOSES if had else None


@dataclass(frozen=True)
class PeriodChange:
    change: str  # moved / added / removed
    before: Period | None
    after: Period | None

    @property
    def period(self) -> Period:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def days(self) -> int | None:
        """How far the period's start moved (positive: later)."""
        if self.before and self.after:
            return (self.after.start - self.before.start).days
        return None


@dataclass
class Diff:
    """Two plans' differences: the periods first, then the events; the groups whose start is now
    postponed past the agreed window (R-GROUP-2, Kela hears of it), and each client's case
    managers (in the new plan; in the old one for a client no longer planned)."""

    periods: list[PeriodChange] = field(default_factory=list)
    events: list[Change] = field(default_factory=list)
    postponed: list[str] = field(default_factory=list)
    managers: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def count(self, change: str) -> int:
        """Events with this change (the summaries count events; the periods are listed apart)."""
        return sum(c.change == change for c in self.events)



def plan_diff(old: Plan, new: Plan) -> Diff:
    """Everything that changed from `old` to `new` (see the module's docstring)."""
    return Diff(period_changes(old, new), changes(old, new), sorted(new.postponed - old.postponed),
                {**_case_managers(old), **_case_managers(new)})


def _case_managers(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Each client's case managers: who holds the visits no substitute holds."""
    out: dict[str, dict[str, None]] = defaultdict(dict)
    for e in plan.events:
        if e.client_id and e.is_individual and not e.substitute:
            out[e.client_id].update(dict.fromkeys(e.staff_ids))
    return {c: tuple(staff) for c, staff in out.items()}


def period_changes(old: Plan, new: Plan) -> list[PeriodChange]:
    """Each client's periods that moved, came or went, by client and then phase order."""
    before = {(p.client_id, p.phase): p for p in old.periods}
    after = {(p.client_id, p.phase): p for p in new.periods}
    out = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], _phase_order(k[1]))):
        a, b = before.get(key), after.get(key)
        if a is None:
            out.append(PeriodChange(ADDED, None, b))
        elif b is None:
            out.append(PeriodChange(REMOVED, a, None))
        elif (a.start, a.end) != (b.start, b.end):
            out.append(PeriodChange(MOVED, a, b))
    return out


def _phase_order(phase: str) -> int:
    return PHASES.index(phase) if phase in PHASES else len(PHASES)


def _key(e: Event) -> tuple[str, str, str, str]:
    return (e.kind, e.phase, e.group_id, e.client_id or "")


def changes(old: Plan, new: Plan) -> list[Change]:
    """Every difference between two plans' events, in date order."""
    before: dict[tuple, list[Event]] = defaultdict(list)
    after: dict[tuple, list[Event]] = defaultdict(list)
    for e in old.events:
        before[_key(e)].append(e)
    for e in new.events:
        after[_key(e)].append(e)
    out: list[Change] = []
    for key in sorted(set(before) | set(after)):
        for a, b in _pair(sorted(before.get(key, []), key=lambda e: e.date),
                          sorted(after.get(key, []), key=lambda e: e.date)):
            if a is None:
                out.append(Change(ADDED, None, b))
            elif b is None:
                out.append(Change(REMOVED, a, None))
            elif a.date != b.date:
                out.append(Change(MOVED, a, b))
            elif a.staff_ids != b.staff_ids or a.substitute != b.substitute:
                out.append(Change(REASSIGNED, a, b))
    return sorted(out, key=lambda c: (c.event.date, c.change, _key(c.event)))


def _pair(olds: list[Event], news: list[Event]) -> list[tuple[Event | None, Event | None]]:
    """Old and new events alike, in date order, paired by ordinal: as many pairs as the shorter
    list has, in order, shifting the fewest days in all; the rest alone."""
    n, m = len(olds), len(news)
    if n == m:
        return list(zip(olds, news, strict=True))
    # cost[i][j]: the least cost of olds[i:] against news[j:].
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if i == n or j == m:
                cost[i][j] = _UNPAIRED * ((n - i) + (m - j))
                continue
            cost[i][j] = min(abs((news[j].date - olds[i].date).days) + cost[i + 1][j + 1],
                             _UNPAIRED + cost[i + 1][j], _UNPAIRED + cost[i][j + 1])
    out: list[tuple[Event | None, Event | None]] = []
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and cost[i][j] == abs((news[j].date - olds[i].date).days) + cost[i + 1][j + 1]:
            out.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif i < n and (j == m or cost[i][j] == _UNPAIRED + cost[i + 1][j]):
            out.append((olds[i], None))
            i += 1
        else:
            out.append((None, news[j]))
            j += 1
    return out


def by_staff(found: list[Change]) -> dict[str, list[Change]]:
    """Each staff member's changes (an event with two people is listed under both)."""
    out: dict[str, list[Change]] = defaultdict(list)
    for c in found:
        for s in c.staff or ("-",):
            out[s].append(c)
    return dict(sorted(out.items()))


def audience(c: Change | PeriodChange) -> list[Audience]:
    """Who must hear of a change besides the staff: the client (of a group day: the group's
    clients), the employer when the work practice changes, Kela when a report or certificate
    it receives moves."""
    if isinstance(c, PeriodChange):
        p = c.period
        return [(CLIENT, p.client_id)] + ([(EMPLOYER, p.client_id)] if p.phase == WORK_PRACTICE else [])
    e = c.event
    if e.kind == GROUP_DAY:
        return [(GROUP_CLIENTS, e.group_id)]
    out: list[Audience] = [(CLIENT, e.client_id)] if e.client_id else []
    if e.client_id and e.phase == WORK_PRACTICE and e.kind != "phone_call":
        out.append((EMPLOYER, e.client_id))
    if e.kind in DUE_KINDS:
        out.append((KELA, ""))
    return out


def audiences(found: list[Change | PeriodChange]) -> list[Audience]:
    """Everyone to tell of these changes, once each: clients, employers, then Kela."""
    order = {CLIENT: 0, GROUP_CLIENTS: 1, EMPLOYER: 2, KELA: 3}
    seen = {a for c in found for a in audience(c)}
    return sorted(seen, key=lambda a: (order[a[0]], a[1]))


def by_person(diff: Diff) -> dict[str, dict[str, list[Change]]]:
    """Each staff member's gains, losses and moves (a call handed from S05 to S03 is S05's loss
    and S03's gain)."""
    out: dict[str, dict[str, list[Change]]] = {}
    for person, mine in by_staff(diff.events).items():
        roles: dict[str, list[Change]] = {GAINS: [], LOSES: [], MOVES: []}
        for c in mine:
            role = c.role(person)
            if role is not None:
                roles[role].append(c)
        if any(roles.values()):
            out[person] = roles
    return out


def tell_words(found: list[Audience], lang: str) -> str:
    """Who to tell, in words: "asiakas A114, asiakkaan A114 työnantaja, Kela"."""
    return ", ".join(t(_TELL_KEYS[kind], lang, who=who) for kind, who in found) or "-"


def period_words(c: PeriodChange, lang: str) -> tuple[str, str]:
    """The period's dates before and after the change ("-" where it has none)."""
    return tuple(fmt_span(p.start, p.end, lang) if p else "-" for p in (c.before, c.after))  # type: ignore[return-value]


def diff_lines(diff: Diff, lang: str) -> list[str]:
    """What the console says of a diff: the clients' periods first, each with who to tell; then
    each person's gains, losses and moves, and who to tell of them."""
    lines: list[str] = []
    if diff.periods:
        lines.append(t("diff_periods", lang))
    for c in diff.periods:
        before, after = period_words(c, lang)
        lines.append(t("diff_period", lang, client=c.period.client_id, phase=pick(PHASE_WORDS[c.period.phase], lang)
                       if c.period.phase in PHASE_WORDS else c.period.phase, change=pick(CHANGE_WORDS[c.change], lang),
                       before=before, after=after, shift=f" ({c.days:+d})" if c.days else "",
                       tell=tell_words(audience(c), lang)))
    lines += [t("diff_postponed", lang, group=g) for g in diff.postponed]
    for person, roles in by_person(diff).items():
        lines.append(t("diff_person", lang, staff=person, **{r: len(cs) for r, cs in roles.items()}))
        for role, mine in roles.items():
            for c in mine:
                before = fmt_date(c.before.date, lang) if c.before else ""
                after = fmt_date(c.after.date, lang) if c.after else ""
                shift = f" ({c.days:+d})" if c.days else ""
                lines.append(f"  {pick(CHANGE_ROLE_WORDS[role], lang):10} {describe(c.event, lang):45} "
                             f"{before:>10} → {after:<10}{shift:7} {c.hands}".rstrip())
        lines.append(t("diff_tell", lang, tell=tell_words(audiences([c for cs in roles.values() for c in cs]), lang)))
    return lines
