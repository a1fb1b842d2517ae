"""Calendar arithmetic that Kela's rules use: calendar months ("3 months after 30.11. is 28.2.")."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_spanned(first: date, last: date) -> int:
    """Calendar months from first to last, rounded up: the process length in months."""
    months = (last.year - first.year) * 12 + last.month - first.month
    while months > 0 and add_months(first, months - 1) >= last:
        months -= 1
    while add_months(first, months) < last:
        months += 1
    return months


def days_between(first: date, last: date) -> list[date]:
    """Every day from `first` to `last`, both included (a closed-day range of the input)."""
    return [date.fromordinal(k) for k in range(first.toordinal(), last.toordinal() + 1)]
