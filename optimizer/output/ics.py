"""Calendar files (issues 5 and 15): one iCalendar file per staff member, for Outlook or Google
Calendar, written by the maintained `icalendar` package (escaping, line folding and dates are its
job). Summaries, locations and UIDs use pseudonymous client and group ids and the roster's room
and site names only; no names of people go into a file that leaves the plan workbook.

Calendars that survive a re-plan (issue 15). A calendar program knows an event by its UID and
takes the one with the higher SEQUENCE, so:
- An event's UID says what the event is, never when it is or where it stands in the plan: the
  client (a group day: the group), the kind, the phase and its ordinal among the same client's
  events of that kind in that phase (group days: the group's days of the phase):
  `A012.wp_visit.work_practice.3@taito-optimizer`. A first calendar counts the ordinals by date;
  a re-plan keeps each UID the earlier calendars gave (`event_uids`), so a visit that moves, even
  past another of its kind, keeps its UID, and one dropped before others does not shift them.
- The calendar written before into the same folder is read back. An event that did not change is
  written byte for byte as it was (the same SEQUENCE and DTSTAMP: Outlook sees nothing new); one
  that changed gets SEQUENCE + 1 and a new DTSTAMP; one the new plan no longer has is written as
  cancelled (STATUS:CANCELLED, SEQUENCE + 1), so that importing the file takes it off the
  calendar rather than leaving it standing.
- Events have times (R-STAFF-2's minutes of each kind and mode): group days from the service
  model's `calendar_group_day_start_hour` for `minutes_group_day`; visits and calls one after
  another from `calendar_day_start_hour`, around the person's group day, an unmoved one at the
  time it had. Deadlines (`*_due`) stay all-day and free: nobody meets anyone then. Times are
  local ("floating"): the provider works in one time zone, and the file needs no zone data.
- LOCATION: a group day's room and site; an office visit's site (the case manager's, else the
  group's); the workplace, video call or phone in words otherwise.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar

from optimizer.core.domain import Roster
from optimizer.core.messages import LOCATION_WORDS, describe, pick
from optimizer.core.plan import DUE_KINDS, EVENT_KINDS, GROUP_DAY, OFFICE, Event, Plan
from optimizer.core.privacy import contains_identity_code
from optimizer.core.service_model import ServiceModel


def clean(text: str) -> str:
    """Text for a calendar property: no control characters (a bare CR or LF inside a value is
    read by some calendar programs as the start of another property)."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


PRODID = "-//taito-optimizer//Taito plan//FI"
UID_DOMAIN = "@taito-optimizer"
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")
MAX_CALENDAR_BYTES = 20 * 1024 * 1024  # a previous calendar read back; a year of a busy person is ~200 KB


def _uid_part(value: str) -> str:
    """An id as it is when it is plain letters, digits, '-' and '_'; otherwise a checksum of it
    ('~' first, which no plain id has): the parts of a UID stay unambiguous between the dots."""
    return value if _PLAIN_ID.fullmatch(value) else "~" + hashlib.sha256(value.encode()).hexdigest()[:12]


Known = Mapping[str, tuple[date, bool]]  # an earlier calendar's UIDs: (day, cancelled)


def event_uids(events: Sequence[Event], known: Known | None = None) -> list[str]:
    """Each event's UID, in the order of `events`: what the event is (its client or group, kind
    and phase) and an ordinal among those (module docstring). Without earlier calendars the
    ordinals follow the dates. With them (`known`), an event keeps the UID that stood on its day
    before; the others take the UIDs left over by date order (a moved visit keeps its own, even
    past another visit of its kind), then cancelled ones, then new ordinals: so a re-plan that
    moves one event changes one UID's day and no other."""
    keys = [f"{_uid_part(e.group_id if e.kind == GROUP_DAY else e.client_id or e.group_id)}.{e.kind}.{e.phase}"
            for e in events]
    before: dict[str, list[tuple[int, date, bool]]] = {}
    for uid, (day, cancelled) in (known or {}).items():
        key, _, n = uid.removesuffix(UID_DOMAIN).rpartition(".")
        if uid.endswith(UID_DOMAIN) and n.isdigit():
            before.setdefault(key, []).append((int(n), day, cancelled))
    mine: dict[str, list[int]] = {}
    for i in sorted(range(len(events)), key=lambda i: (events[i].date, events[i].staff_ids, events[i].mode or "")):
        mine.setdefault(keys[i], []).append(i)
    uids = [""] * len(events)
    for key, indices in mine.items():
        old = before.get(key, [])
        free = sorted((day, n) for n, day, cancelled in old if not cancelled)
        for i in indices:  # still on its day
            same = next(((day, n) for day, n in free if day == events[i].date), None)
            if same is not None:
                free.remove(same)
                uids[i] = f"{key}.{same[1]}{UID_DOMAIN}"
        spare = [n for _, n in free] + sorted(n for n, _, cancelled in old if cancelled)
        last = max((n for n, _, _ in old), default=0)
        spare += range(last + 1, last + len(indices) + 1)
        for i, n in zip((i for i in indices if not uids[i]), spare, strict=False):
            uids[i] = f"{key}.{n}{UID_DOMAIN}"
    return uids


@dataclass(frozen=True)
class _Item:
    """One of a person's events with its UID and, unless it is a deadline, its hours."""

    event: Event
    uid: str
    start: datetime | None = None  # None: all day
    end: datetime | None = None


def _times(sm: ServiceModel, day: date, items: list[_Item], before: Mapping[str, icalendar.Event]) -> list[_Item]:
    """One person's events of one day with their hours (module docstring): the group day at its
    hour, then visits and calls kept at their earlier time where it is still free, the others in
    the first free time from the day's start, in the order of the kinds."""
    busy: list[tuple[int, int]] = []
    out: list[_Item] = []

    def at(minute: int, it: _Item, minutes: int) -> None:
        busy.append((minute, minute + minutes))
        start = datetime.combine(day, time()) + timedelta(minutes=minute)
        out.append(_Item(it.event, it.uid, start, start + timedelta(minutes=minutes)))

    def free(minute: int, minutes: int) -> bool:
        return all(minute + minutes <= a or b <= minute for a, b in busy)

    def earlier(it: _Item) -> int | None:
        old = before.get(it.uid)
        start = old.decoded("dtstart") if old is not None and "dtstart" in old else None
        if isinstance(start, datetime) and start.date() == day and old.get("status") != "CANCELLED":
            return start.hour * 60 + start.minute
        return None

    for it in items:
        if it.event.kind == GROUP_DAY:
            at(60 * sm.num("calendar_group_day_start_hour"), it, sm.num("minutes_group_day"))
        elif it.event.kind in DUE_KINDS:
            out.append(it)
    timed = [it for it in items if it.event.kind not in (GROUP_DAY, *DUE_KINDS)]
    kept = sorted((it for it in timed if earlier(it) is not None), key=lambda it: (earlier(it), it.uid))
    others = sorted((it for it in timed if earlier(it) is None),
                    key=lambda it: (EVENT_KINDS.index(it.event.kind), it.event.client_id or "", it.uid))
    for it in kept + others:
        minutes = sm.event_minutes(it.event.kind, it.event.mode)
        minute = earlier(it)
        if minute is None or not free(minute, minutes):
            minute = 60 * sm.num("calendar_day_start_hour")
            while not free(minute, minutes):
                minute = min(b for a, b in busy if not (minute + minutes <= a or b <= minute))
        at(minute, it, minutes)
    return out


def _location(roster: Roster, e: Event, staff_id: str, lang: str) -> str:
    """Where the event is (module docstring); "" for a deadline."""
    group = roster.groups.get(e.group_id)
    if e.kind == GROUP_DAY:
        return ", ".join(x for x in (group.room, group.site) if x) if group else ""
    if e.kind in DUE_KINDS:
        return ""
    staff = roster.staff.get(staff_id)
    mode = e.mode or OFFICE
    if mode == OFFICE:
        site = (staff.site if staff else None) or (group.site if group else None)
        if site:
            return site
    return pick(LOCATION_WORDS.get(mode, ("", "")), lang)


def _vevent(it: _Item, summary: str, location: str, sequence: int, stamp: datetime) -> icalendar.Event:
    ev = icalendar.Event()
    ev.add("uid", it.uid)
    ev.add("dtstamp", stamp)
    ev.add("sequence", sequence)
    if it.start is None or it.end is None:  # a deadline: a date, an all-day event
        ev.add("dtstart", it.event.date)
        ev.add("dtend", it.event.date + timedelta(days=1))
    else:
        ev.add("dtstart", it.start)
        ev.add("dtend", it.end)
    ev.add("summary", clean(summary))
    if location:
        ev.add("location", clean(location))
    ev.add("transp", "TRANSPARENT" if it.event.kind in DUE_KINDS else "OPAQUE")
    return ev


def _cancelled(old: icalendar.Event, stamp: datetime) -> icalendar.Event:
    """An event the new plan no longer has, cancelled: its old day, time and words (only the
    tool's own texts; one with an identity code, edited in by hand, is left out), a higher
    SEQUENCE. One cancelled already stays as it was."""
    if old.get("status") == "CANCELLED":
        return old
    ev = icalendar.Event()
    ev.add("uid", str(old["uid"]))
    ev.add("dtstamp", stamp)
    ev.add("sequence", int(old.get("sequence", 0)) + 1)
    for key in ("dtstart", "dtend"):
        if key in old:
            ev.add(key, old.decoded(key))
    for key in ("summary", "location"):
        if key in old and not contains_identity_code(str(old[key])):
            ev.add(key, clean(str(old[key])))
    ev.add("status", "CANCELLED")
    ev.add("transp", "TRANSPARENT")
    return ev


def previous_events(data: bytes | None) -> dict[str, icalendar.Event]:
    """The events of a calendar file written before, by UID; none when it cannot be read as one
    (then the new file starts afresh)."""
    if not data:
        return {}
    try:
        found = icalendar.Calendar.from_ical(data).walk("VEVENT")
    except Exception:  # any damage in an old file: it is written anew
        return {}
    out = {}
    for ev in found:
        try:  # what a re-plan reads of an event: one that does not read is not carried on
            ev.decoded("dtstart"), ev.decoded("dtstamp"), int(ev.get("sequence", 0)), str(ev["uid"])
        except Exception:
            continue
        out[str(ev["uid"])] = ev
    return out


def staff_calendar(roster: Roster, sm: ServiceModel, staff_id: str, items: list[_Item], lang: str,
                   stamp: datetime, before: Mapping[str, icalendar.Event]) -> icalendar.Calendar:
    """One person's calendar: their events, kept, changed (SEQUENCE + 1) or new against `before`,
    and `before`'s events they no longer have, cancelled."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", clean(f"Taito {staff_id}"))
    by_day: dict[date, list[_Item]] = {}
    for it in items:
        by_day.setdefault(it.event.date, []).append(it)
    events: list[icalendar.Event] = []
    for day, mine in by_day.items():
        for it in _times(sm, day, mine, before):
            summary, location = describe(it.event, lang), _location(roster, it.event, staff_id, lang)
            old = before.get(it.uid)
            if old is None:
                events.append(_vevent(it, summary, location, 0, stamp))
                continue
            sequence = int(old.get("sequence", 0))
            same = _vevent(it, summary, location, sequence, old.decoded("dtstamp") if "dtstamp" in old else stamp)
            events.append(same if same.to_ical() == old.to_ical() else _vevent(it, summary, location, sequence + 1,
                                                                               stamp))
    now = {it.uid for it in items}
    events += [_cancelled(old, stamp) for uid, old in before.items() if uid not in now]
    for ev in sorted(events, key=lambda ev: (ev.decoded("dtstart").isoformat() if "dtstart" in ev else "",
                                             str(ev["uid"]))):
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


def calendar_files(roster: Roster, sm: ServiceModel, plan: Plan, lang: str,
                   previous: Mapping[str, bytes] | None = None, stamp: datetime | None = None) -> dict[str, bytes]:
    """File name -> content: one calendar per staff member with events, or with a calendar of
    the tool's in `previous` (file name -> content, `previous_calendars`: its events are then
    kept, changed or cancelled, module docstring). The command line writes them with the plan
    as one set (optimizer/output/files.py). Names are given over the whole Staff sheet, so that
    a person's file keeps its name whoever else has events."""
    before = {name: previous_events(data) for name, data in (previous or {}).items()}
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    known = {uid: (_day(ev.decoded("dtstart")), ev.get("status") == "CANCELLED")
             for events in before.values() for uid, ev in events.items()}
    uids = event_uids(plan.events, known)
    items: dict[str, list[_Item]] = {}
    for e, uid in zip(plan.events, uids, strict=True):
        for s in e.staff_ids:
            items.setdefault(s, []).append(_Item(e, uid))
    names = file_names(list(roster.staff))
    ids = [sid for sid in roster.staff if sid in items or names[sid] in before]
    return {names[sid]: staff_calendar(roster, sm, sid, items.get(sid, []), lang, stamp,
                                       before.get(names[sid], {})).to_ical() for sid in ids}


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _own_calendars(directory: Path) -> list[Path]:
    """Calendar files in `directory` that the tool wrote (their PRODID is the tool's): regular
    files, not links. Other files are not the tool's to read or touch."""
    if not directory.is_dir():
        return []
    own = []
    for path in sorted(directory.glob("*.ics")):
        if path.name.startswith(".") or path.is_symlink() or not path.is_file():
            continue
        with contextlib.suppress(OSError), path.open("rb") as f:
            if f"PRODID:{PRODID}".encode() in f.read(2048):
                own.append(path)
    return own


def previous_calendars(directory: Path) -> dict[str, bytes]:
    """File name -> content of the tool's calendars already in `directory`, to re-plan against
    (`calendar_files`); one that is too large or cannot be read is left out (written afresh)."""
    out = {}
    for path in _own_calendars(directory):
        with contextlib.suppress(OSError), path.open("rb") as f:
            data = f.read(MAX_CALENDAR_BYTES + 1)  # a regular file (_own_calendars), read bounded
            if len(data) <= MAX_CALENDAR_BYTES:
                out[path.name] = data
    return out


def stale_calendars(directory: Path, written: set[str]) -> list[Path]:
    """Calendar files in `directory` that an earlier plan wrote and this one does not: a staff
    member no longer on the Staff sheet."""
    return [path for path in _own_calendars(directory) if path.name not in written]
