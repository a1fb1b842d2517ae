"""Calendar files (issue 5): one iCalendar file per staff member, for Outlook or Google Calendar.

All-day events (RFC 5545, written by the maintained `icalendar` package rather than by hand:
escaping, line folding and dates are its job). Summaries use pseudonymous client and group ids
only; no names of people go into a file that leaves the plan workbook.
"""

from __future__ import annotations

import contextlib
import hashlib
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar

from optimizer.core.domain import Roster
from optimizer.core.messages import describe
from optimizer.core.plan import Event, Plan, events_by_staff


def clean(text: str) -> str:
    """Text for a calendar property: no control characters (a bare CR or LF inside a value is
    read by some calendar programs as the start of another property)."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


PRODID = "-//taito-optimizer//Taito plan//FI"


def staff_calendar(staff_id: str, events: list[Event], lang: str, stamp: datetime) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", clean(f"Taito {staff_id}"))
    for k, e in enumerate(sorted(events, key=lambda e: (e.date, e.kind, e.client_id or "", e.group_id))):
        ev = icalendar.Event()
        ev.add("uid", clean(f"{e.date.isoformat()}-{k}-{staff_id}@taito-optimizer"))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.date)  # a date: an all-day event
        ev.add("dtend", e.date + timedelta(days=1))
        ev.add("summary", clean(describe(e, lang)))
        ev.add("transp", "TRANSPARENT" if e.kind.endswith("_due") else "OPAQUE")
        cal.add_component(ev)
    return cal


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{k}" for k in range(1, 10)), *(f"LPT{k}" for k in range(1, 10))}
MAX_STEM = 60


def file_names(staff_ids: list[str]) -> dict[str, str]:
    """Each staff id's calendar file name: the id's letters, digits, '-' and '_' (others become
    '_'). Where that changed the id, or where the name is already taken on a disk that ignores
    case (S01 and s01; a/b and an id a_b-...; Windows' reserved names CON, NUL, ...), a checksum
    of the id is added, and a number after it if even that is taken: no calendar is ever
    written over another. Ids kept as they are claim their names first, so that the names do
    not depend on the order of the Staff sheet."""
    def stem_of(sid: str) -> tuple[str, bool]:
        stem = "".join(ch if (ch.isalnum() and ch.isascii()) or ch in "-_" else "_" for ch in sid)[:MAX_STEM]
        return stem or "_", stem != sid or stem.upper() in _RESERVED

    out: dict[str, str] = {}
    taken: set[str] = set()
    for sid in sorted(staff_ids, key=lambda s: (stem_of(s)[1], s)):
        stem, altered = stem_of(sid)
        name = stem if not altered and stem.casefold() not in taken else \
            f"{stem}-{hashlib.sha256(sid.encode()).hexdigest()[:8]}"
        k = 1
        while name.casefold() in taken:
            k += 1
            name = f"{stem}-{hashlib.sha256(sid.encode()).hexdigest()[:8]}-{k}"
        taken.add(name.casefold())
        out[sid] = f"{name}.ics"
    return out


def calendar_files(roster: Roster, plan: Plan, lang: str) -> dict[str, bytes]:
    """File name -> content: one calendar per staff member with events (the command line writes
    them with the plan as one set, optimizer/output/files.py)."""
    stamp = datetime.now(UTC).replace(microsecond=0)
    by_staff = events_by_staff(plan)
    ids = [sid for sid in roster.staff if sid in by_staff]
    names = file_names(ids)
    return {names[sid]: staff_calendar(sid, by_staff[sid], lang, stamp).to_ical() for sid in ids}


def stale_calendars(directory: Path, written: set[str]) -> list[Path]:
    """Calendar files in `directory` that an earlier plan wrote (their PRODID is the tool's)
    and this one does not: a staff member no longer in the plan. Other files are not the
    tool's to touch."""
    if not directory.is_dir():
        return []
    stale = []
    for path in sorted(directory.glob("*.ics")):
        if path.name in written or path.name.startswith(".") or not path.is_file() or path.is_symlink():
            continue
        with contextlib.suppress(OSError), path.open("rb") as f:
            if f"PRODID:{PRODID}".encode() in f.read(2048):
                stale.append(path)
    return stale
