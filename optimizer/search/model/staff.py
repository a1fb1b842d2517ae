"""Staff: working minutes per day and the busiest week.

R-STAFF-1 (nobody works on an absence day or outside their work days) holds by construction:
event literals exist only on days the person is at work (see `calendar.Calendar.staff_at_work`).
"""

from __future__ import annotations

from collections import defaultdict

from optimizer.search.model.context import Build


def add_day_minutes(b: Build) -> None:
    """R-STAFF-2: a staff member's day holds at most day_minutes of work."""
    for staff_id, days in b.load.items():
        for d, terms in days.items():
            cap = b.day_minutes(staff_id, d)  # less what other groups' plans already use
            if sum(max(m, 0) for m, _ in terms) > cap:  # a video visit's saving is a negative term
                b.m.Add(sum(m * lit for m, lit in terms) <= cap)


def add_busiest_week(b: Build) -> None:
    """S-LOAD: the busiest week of each person as light as possible (in hours)."""
    for staff_id, days in b.load.items():
        weeks: dict[int, list] = defaultdict(list)
        fixed: dict[int, int] = defaultdict(int)  # minutes reserved outside this model
        for d, terms in days.items():
            weeks[b.cal.week(d)].extend(terms)
        for (s, d), minutes in b.reserved.minutes.items():
            if s == staff_id:
                fixed[b.cal.week(d)] += minutes
        top = max((sum(max(m, 0) for m, _ in terms) + fixed[w] for w, terms in weeks.items()), default=0)
        peak = b.new_int(0, top // 60 + 1, f"busiest_week_hours[{staff_id}]")
        for w, terms in weeks.items():
            b.m.Add(sum(m * lit for m, lit in terms) + fixed[w] <= 60 * peak)
        b.penalize("S-LOAD", peak, staff_id, "hours in the busiest week")
