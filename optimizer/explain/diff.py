"""What changed between two plans (issue 6): every moved, added or removed event, and who is
affected, so that each staff member can be told of their own changes.

Events are matched by what they are: the kind, phase, group and client (a group day, A012's
third workplace visit). Among events alike, those on the same date in both plans are matched
first; the rest are paired in date order, so a phase that shifts by a week shows as that many
moves of a week, not as removals and additions. An event that stays on its date but changes
hands (another case manager, a substitute) is listed as reassigned.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from optimizer.core.plan import Event, Plan

MOVED, ADDED, REMOVED, REASSIGNED = "moved", "added", "removed", "reassigned"


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
        olds = sorted(before.get(key, []), key=lambda e: e.date)
        news = sorted(after.get(key, []), key=lambda e: e.date)
        # The same date in both: unchanged, or reassigned when the people differ.
        by_date: dict[date, list[Event]] = defaultdict(list)
        for e in news:
            by_date[e.date].append(e)
        left_old = []
        for e in olds:
            same = by_date.get(e.date)
            if same:
                match = next((x for x in same if x.staff_ids == e.staff_ids), same[0])
                same.remove(match)
                if match.staff_ids != e.staff_ids or match.substitute != e.substitute:
                    out.append(Change(REASSIGNED, e, match))
            else:
                left_old.append(e)
        left_new = sorted((e for es in by_date.values() for e in es), key=lambda e: e.date)
        for a, b in zip(left_old, left_new, strict=False):
            out.append(Change(MOVED, a, b))
        out += [Change(REMOVED, e, None) for e in left_old[len(left_new):]]
        out += [Change(ADDED, None, e) for e in left_new[len(left_old):]]
    return sorted(out, key=lambda c: (c.event.date, c.change, _key(c.event)))


def by_staff(found: list[Change]) -> dict[str, list[Change]]:
    """Each staff member's changes (an event with two people is listed under both)."""
    out: dict[str, list[Change]] = defaultdict(list)
    for c in found:
        for s in c.staff or ("-",):
            out[s].append(c)
    return dict(sorted(out.items()))
