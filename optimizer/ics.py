"""Calendar files (issue 5): one iCalendar file per staff member, for Outlook or Google Calendar.

All-day events (RFC 5545, written by the maintained `icalendar` package rather than by hand:
escaping, line folding and dates are its job). Summaries use pseudonymous client and group ids
only; no names of people go into a file that leaves the plan workbook.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar

from .domain import Roster
from .files import write_atomic
from .plan import Event, Plan, events_by_staff
from .workbook.sheet import describe


def staff_calendar(staff_id: str, events: list[Event], lang: str, stamp: datetime) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//taito-optimizer//Taito plan//FI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Taito {staff_id}")
    for k, e in enumerate(sorted(events, key=lambda e: (e.date, e.kind, e.client_id or "", e.group_id))):
        ev = icalendar.Event()
        ev.add("uid", f"{e.date.isoformat()}-{k}-{staff_id}@taito-optimizer")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.date)  # a date: an all-day event
        ev.add("dtend", e.date + timedelta(days=1))
        ev.add("summary", describe(e, lang))
        ev.add("transp", "TRANSPARENT" if e.kind.endswith("_due") else "OPAQUE")
        cal.add_component(ev)
    return cal


def write_ics(directory: Path, roster: Roster, plan: Plan, lang: str) -> list[Path]:
    """One `<staff_id>.ics` per staff member with events, each written whole or not at all."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).replace(microsecond=0)
    by_staff = events_by_staff(plan)
    written = []
    for staff_id in roster.staff:
        if staff_id not in by_staff:
            continue
        data = staff_calendar(staff_id, by_staff[staff_id], lang, stamp).to_ical()
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in staff_id)
        written.append(write_atomic(directory / f"{safe}.ics", lambda tmp, data=data: Path(tmp).write_bytes(data)))
    return written
