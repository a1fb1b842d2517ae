"""Where things may go: the one place that enumerates placements and sums a day's minutes.

A group's start period, its deepening and final periods, a client's work practice: each is
placed by choosing one of a list of placements. The CP-SAT model turns the list into one
literal per placement, the greedy planner tries them in order and the pre-checks ask whether
any exists. All three enumerate them here, so a change of the service description (another
number of blocks, days or practice days) is a change in one place. What a day must offer
(leaders free, a room, nobody else booked) differs between them and is passed in as `day_ok`.

The validator (optimizer/checks/validate.py) does not use this module on purpose: it is the
second opinion and keeps its own reading of every rule.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import product

from optimizer.core.calendar import Calendar
from optimizer.core.dates import add_months
from optimizer.core.domain import PATTERN_DAYS, PATTERN_OFFSETS, Group, Staff
from optimizer.core.service_model import ServiceModel

DayOk = Callable[[int], bool]
WEEK_DAYS = 5  # Monday-Friday: the days a block of group days may take (R-CAL-1)


def day_capacity(person: Staff, sm: ServiceModel) -> int:
    """R-STAFF-2: the minutes of work one day of this person holds: the person's own
    `day_minutes` (a part-timer), else the service model's."""
    return person.day_minutes if person.day_minutes is not None else sm.num("day_minutes")


def block_offsets(weekdays: str | None, n_days: int) -> list[int]:
    """Weekday offsets a block of n days may start on (0 = Monday).

    R-START-2, R-DEEP-1, R-FINAL-1: any n consecutive weekdays (a 4-day block is Mon-Thu or
    Tue-Fri), or only the pattern the group's `weekdays` input asks for when the block has the
    pattern's length (Mon-Thu and Tue-Fri are four days).
    """
    if weekdays and n_days == PATTERN_DAYS:
        return [PATTERN_OFFSETS[weekdays]]
    return list(range(0, WEEK_DAYS - n_days + 1))


def start_span_days(sm: ServiceModel) -> tuple[int, int]:
    """R-START-2: the fewest and the most calendar days from a start period's first group day
    to its last (3 blocks of 4 days: Tue-Fri then Mon-Thu two weeks later is 16, Mon-Thu then
    Tue-Fri is 18)."""
    n_blocks, n_days = sm.num("start_blocks"), sm.num("block_days")
    offsets = block_offsets(None, n_days)
    spread = max(offsets) - min(offsets)
    whole = 7 * (n_blocks - 1) + n_days - 1
    return whole - spread, whole + spread


def start_window(cal: Calendar, sm: ServiceModel, group: Group, decisions: Iterable[date],
                 postpone: bool) -> tuple[int, int]:
    """R-GROUP-2: day indices of the agreed start window; with `postpone` (a group below its
    minimum size) reaching up to postpone_max_months after the earliest decision. A group the
    coordinator postpones (Groups `postpone` yes) starts only after the agreed window, by that
    limit. Clipped to the plan."""
    first, last = cal.index(group.start_earliest), cal.index(group.start_latest)
    decided = list(decisions)
    if (postpone or group.postpone) and decided:
        limit = cal.index(add_months(min(decided), sm.num("postpone_max_months")))
        if group.postpone:  # the coordinator postpones: only days after the agreed window
            first, last = last + 1, limit
        else:
            last = max(last, limit)
    return max(first, 0), min(last, cal.n_days - 1)


def start_placements(cal: Calendar, sm: ServiceModel, group: Group, first: int, last: int,
                     day_ok: DayOk | None = None) -> Iterator[tuple[int, ...]]:
    """R-START-2: start_blocks blocks of block_days consecutive weekdays on consecutive weeks,
    the first day in [first, last], inside the plan; every day passing `day_ok` when given.
    Each placement is its days in order; placements come earliest week first."""
    n_blocks, n_days = sm.num("start_blocks"), sm.num("block_days")
    offsets = block_offsets(group.weekdays, n_days)
    first = max(first, 0)
    for monday in range(first - cal.weekday(first), last + 1, 7):
        for combo in product(offsets, repeat=n_blocks):
            days = tuple(monday + 7 * k + off + j for k, off in enumerate(combo) for j in range(n_days))
            if first <= days[0] <= last and days[-1] < cal.n_days and (day_ok is None or all(map(day_ok, days))):
                yield days


def week_placements(cal: Calendar, group: Group, first: int, last: int, n_days: int,
                    day_ok: DayOk | None = None) -> Iterator[tuple[int, ...]]:
    """R-DEEP-1 / R-FINAL-1: n consecutive weekdays in one week with the first day in
    [first, last], inside the plan; every day passing `day_ok` when given. Earliest first."""
    offsets = block_offsets(group.weekdays, n_days)
    lo = max(first, 0)
    for monday in range(lo - cal.weekday(lo), min(last, cal.n_days - 1) + 1, 7):
        for off in offsets:
            days = tuple(monday + off + j for j in range(n_days))
            if first <= days[0] <= last and days[-1] < cal.n_days and (day_ok is None or all(map(day_ok, days))):
                yield days


def working_days_before_in_week(cal: Calendar, d: int, weekdays: frozenset[int] | None = None) -> int:
    """S-WP-WEEK: the working days of d's week (Monday on) before d, only the client's practice
    weekdays counted for part-time practice (wp_weekdays): 0 on the week's first working day."""
    return sum(1 for x in range(d - cal.weekday(d), d)
               if x >= 0 and cal.is_working(x) and (weekdays is None or cal.weekday(x) in weekdays))


@dataclass(frozen=True)
class PracticePlacement:
    """One way to place a client's work practice (R-WP-2): its first and last day and the
    practice days between, fewer than planned (`short`) only where absences leave no other way."""

    first: int
    last: int
    practice_days: tuple[int, ...]
    short: bool


def practice_placements(cal: Calendar, sm: ServiceModel, client_id: str, wp_days: int,
                        firsts: Iterable[int], weekdays: frozenset[int] | None = None) -> list[PracticePlacement]:
    """R-WP-2: from each possible first day, the first `wp_days` days the client can practise
    within wp_max_span_days (only on `weekdays`, 0 = Monday, for part-time practice). Only full
    placements when any exists; else the longest short ones (the client's absences or a
    part-time rhythm leave fewer days), in order of the first day."""
    span = sm.num("wp_max_span_days")
    full, short = [], []
    # The days the client can practise, in order: each first day's practice is a slice of them
    # (the greedy planner asks for many first days of every client; scanning each span day by
    # day took a third of a tiny roster's diagnosis).
    days = cal.client_days(client_id, weekdays)
    for f in firsts:
        k = bisect_left(days, f)
        if k == len(days) or days[k] != f:
            continue
        end = bisect_right(days, min(f + span - 1, cal.n_days - 1), lo=k)
        practice = days[k:min(k + wp_days, end)]
        if len(practice) == wp_days:
            full.append(PracticePlacement(f, practice[-1], tuple(practice), False))
        elif practice and f + span - 1 < cal.n_days:
            short.append(PracticePlacement(f, practice[-1], tuple(practice), True))
    if full:
        return full
    best = max((len(o.practice_days) for o in short), default=0)
    return [o for o in short if len(o.practice_days) == best]


def long_absences(cal: Calendar, person: str, longer_than: int) -> list[tuple[int, int]]:
    """S-SPREAD: the person's absences (first and last day index, weekends inside included) of
    more than `longer_than` calendar days: a case manager away that long leaves a gap between
    work-practice visits that nobody else may fill (R-STAFF-3: visits move, not change hands)."""
    days = sorted(cal.absent_days(person))
    runs: list[tuple[int, int]] = []
    for d in days:
        if runs and d <= runs[-1][1] + 3 and not any(cal.is_working(x) for x in range(runs[-1][1] + 1, d)):
            runs[-1] = (runs[-1][0], d)  # only non-working days between: the same absence
        else:
            runs.append((d, d))
    return [(a, z) for a, z in runs if z - a + 1 > longer_than]


def days_away(cal: Calendar, person: str, longer_than: int, first: int, last: int) -> int:
    """Calendar days of `person`'s absences longer than `longer_than` days within [first, last]."""
    return sum(max(0, min(z, last) - max(a, first) + 1) for a, z in long_absences(cal, person, longer_than))
