"""The calendar: public holidays from the library (R-CAL-2), working days (R-CAL-1), people."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from optimizer.core.calendar import Calendar, finnish_public_holidays
from optimizer.core.dates import add_months, months_spanned

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
