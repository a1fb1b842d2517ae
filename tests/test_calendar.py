"""The calendar: public holidays from the library (R-CAL-2), working days (R-CAL-1), people."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from optimizer.core.calendar import Calendar, finnish_public_holidays
from optimizer.core.dates import add_months, months_spanned
from optimizer.core.placements import practice_placements

from .conftest import tiny_roster, with_absence


def test_finnish_public_holidays_come_from_the_library():
    days = finnish_public_holidays(date(2027, 1, 1), date(2027, 12, 31))
    for d in (date(2027, 1, 6), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 6), date(2027, 6, 25),
              date(2027, 12, 6), date(2027, 12, 24)):
        assert d in days


def test_working_days_and_people():
    roster = with_absence(tiny_roster(1, closed_days={date(2027, 12, 27): "joulu"}), "C1",
                          date(2027, 2, 1), date(2027, 2, 5))
    roster = replace(roster, staff={**roster.staff, "C1": replace(roster.staff["C1"], work_days=frozenset({0, 1, 2}))})
    cal = Calendar(roster)
    assert cal.date(0) == date(2027, 1, 4)
    assert not cal.is_working(cal.index(date(2027, 1, 6)))  # Epiphany
    assert not cal.is_working(cal.index(date(2027, 1, 9)))  # Saturday
    assert not cal.is_working(cal.index(date(2027, 12, 27)))  # closed
    assert cal.is_working(cal.index(date(2027, 1, 7)))
    assert not cal.staff_at_work("C1", cal.index(date(2027, 2, 2)))  # absent
    assert not cal.staff_at_work("C1", cal.index(date(2027, 2, 11)))  # Thursday: not a work day
    assert cal.staff_at_work("C1", cal.index(date(2027, 2, 9)))
    assert cal.week(cal.index(date(2027, 1, 10))) == 0 and cal.week(cal.index(date(2027, 1, 11))) == 1


def test_calendar_months():
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert months_spanned(date(2027, 1, 15), date(2028, 4, 15)) == 15
    assert months_spanned(date(2027, 1, 15), date(2028, 4, 16)) == 16


def _placements_day_by_day(cal, sm, client_id, wp_days, firsts, weekdays):
    """R-WP-2 as the text says it, day by day: the reference for the sliced implementation."""
    span = sm.num("wp_max_span_days")
    full, short = [], []

    def practises(d):
        return cal.client_available(client_id, d) and (weekdays is None or cal.weekday(d) in weekdays)

    for f in firsts:
        if not practises(f):
            continue
        practice = [d for d in range(f, min(f + span - 1, cal.n_days - 1) + 1) if practises(d)][:wp_days]
        if len(practice) == wp_days:
            full.append((f, practice[-1], tuple(practice), False))
        elif practice and f + span - 1 < cal.n_days:
            short.append((f, practice[-1], tuple(practice), True))
    if full:
        return full
    best = max((len(o[2]) for o in short), default=0)
    return [o for o in short if len(o[2]) == best]


@given(absences=st.lists(st.tuples(st.integers(0, 560), st.integers(0, 40)), max_size=6),
       weekdays=st.one_of(st.none(), st.frozensets(st.integers(0, 4), min_size=1)),
       wp_days=st.integers(1, 70), first=st.integers(-5, 580))
def test_practice_placements_match_the_day_by_day_reading(sm, absences, weekdays, wp_days, first):
    """core/placements.py takes each practice as a slice of the client's practice days (a speed-up
    for the greedy planner): the same placements as scanning each span day by day, around random
    absences, part-time weekdays and first days up to and past the plan's end."""
    roster = tiny_roster(1)
    for start, length in absences:
        begin = roster.plan_start + timedelta(days=start)
        roster = with_absence(roster, "A1", begin, begin + timedelta(days=length))
    cal = Calendar(roster)
    firsts = range(first, first + 30)
    got = [(o.first, o.last, o.practice_days, o.short)
           for o in practice_placements(cal, sm, "A1", wp_days, firsts, weekdays)]
    assert got == _placements_day_by_day(cal, sm, "A1", wp_days, firsts, weekdays)
