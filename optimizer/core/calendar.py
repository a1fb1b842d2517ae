"""The planning calendar: dates mapped once to day indices that the model uses.

Day 0 is the plan's start date. A working day (R-CAL-1) is Monday-Friday, not a Finnish public
holiday (from the `holidays` package, R-CAL-2) and not a day the provider has closed. Staff and
client availability is precomputed here so the model's rule code stays short.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cached_property, lru_cache

import holidays

from optimizer.core.dates import add_months
from optimizer.core.domain import Roster
from optimizer.core.messages import fmt_date

DAYS_OFF_SHOWN = 6  # public holidays and closed days a message names; "…" for the rest


def finnish_public_holidays(first: date, last: date, lang: str = "en") -> dict[date, str]:
    """Finnish public holidays between two dates (R-CAL-2: a maintained library, not a list),
    named in Finnish (lang "fi") or English."""
    return {d: name for d, name in _holidays_of_years(first.year, last.year, lang == "fi").items()
            if first <= d <= last}


@lru_cache(maxsize=32)
def _holidays_of_years(first_year: int, last_year: int, finnish: bool) -> dict[date, str]:
    """The holidays of whole years, computed once per process: the library takes 40 ms a call,
    and a run builds a calendar for every part and step it plans (5 of 3 s on a small roster)."""
    fi = holidays.country_holidays("FI", years=range(first_year, last_year + 1), language="fi" if finnish else "en_US")
    return {d: str(name) for d, name in fi.items()}


def days_off_info(roster: Roster, first: date, last: date,
                  skip: tuple[tuple[date, date], ...] = ()) -> dict[str, object]:
    """The public holidays (R-CAL-2) and closed days (R-CAL-1) on weekdays between two dates,
    for a message in either language: {"days_off_fi": "4.5.2027 inventaario, 6.5.2027
    Helatorstai", "days_off_en": …}, "-" when there are none. Closed days inside a `skip` span
    (named by the message already) are left out."""
    closed = {d: r for d, r in roster.closed_days.items()
              if first <= d <= last and not any(a <= d <= b for a, b in skip)}
    info: dict[str, object] = {}
    for lang in ("fi", "en"):
        days = {**finnish_public_holidays(first, last, lang), **closed}
        named = [f"{fmt_date(d, lang)} {name}" for d, name in sorted(days.items()) if d.weekday() < 5]
        info[f"days_off_{lang}"] = (", ".join(named[:DAYS_OFF_SHOWN]) + (", …" if len(named) > DAYS_OFF_SHOWN else "")
                                    or "-")
    return info


class Calendar:
    """Day indices, working days and who is at work when, for one roster."""

    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self.start = roster.plan_start
        self.end = roster.plan_end
        self.n_days = (self.end - self.start).days + 1
        self.public_holidays = finnish_public_holidays(self.start, self.end)
        self.closed = {d: r for d, r in roster.closed_days.items() if self.start <= d <= self.end}
        self.working = [
            self.is_working_date(self.date(i)) for i in range(self.n_days)
        ]
        self.working_days = [i for i in range(self.n_days) if self.working[i]]
        absent: dict[str, set[int]] = {}
        for a in roster.absences:
            days = absent.setdefault(a.person, set())
            first = max(self.index(a.start), 0)
            last = min(self.index(a.end), self.n_days - 1)
            days.update(range(first, last + 1))
        self._absent = absent
        self._client_days: dict[tuple[str, frozenset[int] | None], list[int]] = {}

    # --- dates and indices -------------------------------------------------------------------
    def date(self, i: int) -> date:
        return self.start + timedelta(days=i)

    def index(self, d: date) -> int:
        return (d - self.start).days

    def week(self, i: int) -> int:
        """Calendar week (Mon-Sun) number counted from the week of the plan's start."""
        return (i + self.start.weekday()) // 7

    def weekday(self, i: int) -> int:
        return self.date(i).weekday()

    def add_months(self, i: int, months: int) -> int:
        """Index of the day `months` calendar months after day i (may lie past the horizon)."""
        return self.index(add_months(self.date(i), months))

    def is_working_date(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.public_holidays and d not in self.closed

    def is_working(self, i: int) -> bool:
        return 0 <= i < self.n_days and self.working[i]

    def working_between(self, first: int, last: int) -> list[int]:
        """Working days first..last (inclusive), clipped to the horizon."""
        return [i for i in range(max(first, 0), min(last, self.n_days - 1) + 1) if self.working[i]]

    # --- people ------------------------------------------------------------------------------
    def absent(self, person: str, i: int) -> bool:
        return i in self._absent.get(person, ())

    def absent_days(self, person: str) -> set[int]:
        return self._absent.get(person, set())

    def staff_at_work(self, staff_id: str, i: int) -> bool:
        """R-STAFF-1: a working day, one of the person's work days, not an absence."""
        s = self.roster.staff[staff_id]
        return self.is_working(i) and self.weekday(i) in s.work_days and not self.absent(staff_id, i)

    def client_available(self, client_id: str, i: int) -> bool:
        """R-CLIENT-1: a working day on which the client is not absent."""
        return self.is_working(i) and not self.absent(client_id, i)

    def client_days(self, client_id: str, weekdays: frozenset[int] | None = None) -> list[int]:
        """The working days on which the client is not absent, in order (only `weekdays`, 0 =
        Monday, when given). Computed once per client: the planners ask for them many times."""
        key = (client_id, weekdays)
        if key not in self._client_days:
            self._client_days[key] = [i for i in self.working_days if not self.absent(client_id, i)
                                      and (weekdays is None or self.weekday(i) in weekdays)]
        return self._client_days[key]

    @cached_property
    def weeks(self) -> dict[int, list[int]]:
        """Working days of each calendar week."""
        out: dict[int, list[int]] = {}
        for i in self.working_days:
            out.setdefault(self.week(i), []).append(i)
        return out
