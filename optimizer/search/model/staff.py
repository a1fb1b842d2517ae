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
    """S-LOAD: the busiest week of each person as light as possible (in hours); only of the
    people in `b.load_of` where it is set (a group's relaxation, optimizer/search/lower_bound.py)."""
    people = [*b.load, *(s for s in b.week_load if s not in b.load)]
    for staff_id in (people if b.load_of is None else [s for s in people if s in b.load_of]):
        weeks: dict[int, list] = defaultdict(list)
        fixed: dict[int, int] = defaultdict(int)  # minutes reserved outside this model
        most: dict[int, int] = defaultdict(int)  # the most minutes each week's terms can hold
        for d, terms in b.load.get(staff_id, {}).items():
            weeks[b.cal.week(d)].extend(terms)
            most[b.cal.week(d)] += sum(max(m, 0) for m, _ in terms)  # a video visit's saving is negative
        for w, terms in b.week_load.get(staff_id, {}).items():
            weeks[w].extend((m, count) for m, count, _ in terms)
            most[w] += sum(m * n for m, _, n in terms)
        for (s, d), minutes in b.reserved.minutes.items():
            if s == staff_id:
                fixed[b.cal.week(d)] += minutes
        top = max((most[w] + fixed[w] for w in weeks), default=0)
        # A floor no higher than any plan's busiest week (lower_bound.busiest_weeks): still a relaxation.
        # The week the rest of the plan holds busiest, though this model puts nothing in it, is a
        # floor too: without it a group's model counted a person's busiest week among its own
        # weeks alone, and gave a group's days to a leader with no other work (24 hours more of
        # S-LOAD) rather than to one whose busiest week elsewhere already held them (L1's G018).
        elsewhere = -(-max(fixed.values(), default=0) // 60)
        floor = max(b.load_floor.get(staff_id, 0), elsewhere)
        peak = b.new_int(floor, max(top // 60 + 1, floor), f"busiest_week_hours[{staff_id}]")
        for w, terms in weeks.items():
            b.m.Add(sum(m * lit for m, lit in terms) + fixed[w] <= 60 * peak)
        b.penalize("S-LOAD", peak, staff_id, "hours in the busiest week")
