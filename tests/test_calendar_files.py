"""Calendar files and the timeline picture (issue 5), checked against the plan's events."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import openpyxl
import pytest

from optimizer.core.domain import CASE_MANAGER, GROUP_LEADER, Group, Roster, Staff
from optimizer.core.plan import DUE_KINDS, Event, Plan
from optimizer.core.service_model import load_service_model
from optimizer.output.chart import draw, rows_of
from optimizer.output.ics import calendar_files, event_uids, previous_calendars
from optimizer.search.greedy import greedy_plan
from optimizer.workbook.read import read_roster
from optimizer.workbook.write import describe

from .conftest import PLAN_START, client

EXAMPLE = Path(__file__).parents[1] / "data" / "roster.xlsx"
D = date


@pytest.fixture(scope="module")
def example():
    roster, sm, _, _ = read_roster(EXAMPLE)
    return roster, sm, greedy_plan(roster, sm)


def test_one_ics_per_staff_member_with_exactly_their_events(example, tmp_path):
    roster, sm, plan = example
    files = []
    for name, data in calendar_files(roster, sm, plan, "fi").items():
        files.append(tmp_path / name)
        files[-1].write_bytes(data)
    assert {f.stem for f in files} == {s for s in roster.staff if any(s in e.staff_ids for e in plan.events)}
    names = [s.name for s in roster.staff.values() if s.name]
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert not any(name in text for name in names)  # pseudonymous ids only
        cal = icalendar.Calendar.from_ical(f.read_bytes())  # a maintained parser reads it back
        events = [c for c in cal.walk("VEVENT")]
        mine = [e for e in plan.events if f.stem in e.staff_ids]
        assert len(events) == len(mine)
        assert Counter(day_of(ev) for ev in events) == Counter(e.date for e in mine)
        assert {str(ev["summary"]) for ev in events} == {describe(e, "fi") for e in mine}
        assert len({str(ev["uid"]) for ev in events}) == len(events)
        due = [ev for ev in events if ev["transp"] == "TRANSPARENT"]
        assert len(due) == sum(e.kind in DUE_KINDS for e in mine)
        for ev in due:  # deadlines: all day, a date ending the next day
            assert not isinstance(ev.decoded("dtstart"), datetime)
            assert (ev.decoded("dtend") - ev.decoded("dtstart")).days == 1
        # Everything else has hours, as long as the service model's minutes of its kind and mode,
        # and one person's timed events of a day never overlap.
        minutes = Counter(sm.event_minutes(e.kind, e.mode) for e in mine if e.kind not in DUE_KINDS)
        timed = [ev for ev in events if ev not in due]
        assert Counter(length(ev) for ev in timed) == minutes
        spans = sorted((ev.decoded("dtstart"), ev.decoded("dtend")) for ev in timed)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def day_of(ev: icalendar.Event) -> date:
    start = ev.decoded("dtstart")
    return start.date() if isinstance(start, datetime) else start


def length(ev: icalendar.Event) -> int:
    return int((ev.decoded("dtend") - ev.decoded("dtstart")).total_seconds() // 60)


def test_chart_rows_follow_the_plan_and_the_png_is_written(example, tmp_path):
    roster, _, plan = example
    rows = rows_of(roster, plan)
    groups = [label for label, _ in rows if not label.startswith(" ")]
    assert groups == sorted(roster.groups)
    assert len(rows) == len(roster.groups) + len(roster.clients)
    for label, spans in rows:
        if label.startswith(" "):
            cid = label.strip()
            assert sorted(spans, key=lambda s: s[1]) == sorted(
                ((p.phase, p.start, p.end) for p in plan.periods if p.client_id == cid), key=lambda s: s[1])
    png = draw(roster, plan, tmp_path / "plan.png", "en")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_cli_writes_the_picture_into_summary_and_calendar_files(tmp_path):
    from .test_cli import run
    from .workbooks import english, save

    roster = save(tmp_path, english())
    result = run(str(roster), "--lang", "en", "--time-limit", "10", "--ics", str(tmp_path / "cal"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "roster-plan.png").exists()
    wb = openpyxl.load_workbook(tmp_path / "roster-plan.xlsx")
    assert wb["Summary"]._images  # the picture is shown in the Summary sheet
    assert sorted(p.name for p in (tmp_path / "cal").iterdir()) == ["C1.ics", "L1.ics"]


# --- calendars that survive a re-plan (issue 15) ------------------------------------------------

def small_roster() -> Roster:
    staff = {"C1": Staff("C1", frozenset({CASE_MANAGER, GROUP_LEADER}), site="Tampere", name="Maija Meikäläinen"),
             "C2": Staff("C2", frozenset({CASE_MANAGER}))}
    groups = {"G1": Group("G1", D(2027, 2, 1), D(2027, 3, 1), ("C1",), room="Sali 2")}
    clients = {cid: client(cid, case_manager="C1") for cid in ("A1", "A2")}
    return Roster(PLAN_START, D(2028, 9, 1), staff, groups, clients)


def ev(day: date, kind: str, phase: str, cid: str | None = "A1", mode: str | None = None, staff: str = "C1",
       **flags: bool) -> Event:
    return Event(day, kind, phase, "G1", cid, (staff,), mode, **flags)


def first_plan() -> Plan:
    """C1 leads G1 and is both clients' case manager: a group day with a final discussion on it
    (Tue 8.2.), two visits on one day (Mon 14.2.), calls, follow-ups, a deadline."""
    return Plan([
        ev(D(2027, 1, 20), "start_visit", "start", mode="office"),
        ev(D(2027, 1, 27), "start_visit", "start", mode="office"),
        ev(D(2027, 2, 8), "group_day", "start", None),
        ev(D(2027, 2, 8), "final_discussion", "final", "A2", "office"),
        ev(D(2027, 2, 14), "ready_visit", "ready", mode="video"),
        ev(D(2027, 2, 14), "ready_visit", "ready", "A2", "office"),
        ev(D(2027, 3, 17), "wp_visit", "work_practice", mode="site", with_employer=True),
        ev(D(2027, 3, 24), "wp_visit", "work_practice", mode="site"),
        ev(D(2027, 3, 19), "phone_call", "work_practice", mode="phone"),
        ev(D(2027, 3, 26), "phone_call", "work_practice", mode="phone", staff="C2", substitute=True),
        ev(D(2027, 12, 1), "follow_up_visit", "follow_up", mode="office"),
        ev(D(2028, 2, 15), "follow_up_visit", "follow_up", mode="office"),
        ev(D(2027, 1, 20), "certificate_due", "start"),
    ])


def moved(plan: Plan, index: int, day: date) -> Plan:
    return Plan([replace(e, date=day) if k == index else e for k, e in enumerate(plan.events)])


STAMP_1 = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
STAMP_2 = STAMP_1 + timedelta(days=30)


def vevents(data: bytes) -> dict[str, icalendar.Event]:
    """The file's events by UID, read back by a maintained parser."""
    return {str(v["uid"]): v for v in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def replanned(new: Plan, name: str = "C1.ics") -> tuple[dict, dict]:
    """One person's calendar file of `first_plan`, then of `new` written over it (a month later)."""
    roster, sm = small_roster(), load_service_model()
    before = calendar_files(roster, sm, first_plan(), "fi", stamp=STAMP_1)
    after = calendar_files(roster, sm, new, "fi", previous=before, stamp=STAMP_2)
    return vevents(before[name]), vevents(after[name])


def test_uids_name_what_the_event_is_not_when_and_no_person():
    plan = first_plan()
    uids = event_uids(plan.events)
    assert len(set(uids)) == len(uids)
    assert uids[0] == "A1.start_visit.start.1@taito-optimizer"
    assert uids[1] == "A1.start_visit.start.2@taito-optimizer"
    assert uids[2] == "G1.group_day.start.1@taito-optimizer"
    assert uids[9] == "A1.phone_call.work_practice.2@taito-optimizer"  # a substitute's call is the client's
    assert event_uids(moved(plan, 7, D(2027, 3, 31)).events) == uids  # a move keeps every UID
    # The order of the rows does not matter either.
    assert event_uids(list(reversed(plan.events))) == list(reversed(uids))
    # An id that is not plain letters and digits becomes a checksum: no '.', '@' or spaces inside.
    odd = event_uids([replace(plan.events[0], client_id="A 1.x@y")])[0]
    assert odd.startswith("~") and odd.count(".") == 3 and odd.count("@") == 1


def test_events_have_hours_and_places():
    old, _ = replanned(first_plan())
    by = {str(v["uid"]): v for v in old.values()}
    group_day = by["G1.group_day.start.1@taito-optimizer"]
    assert group_day.decoded("dtstart") == datetime(2027, 2, 8, 9, 0)  # calendar_group_day_start_hour
    assert group_day.decoded("dtend") == datetime(2027, 2, 8, 15, 0)  # minutes_group_day 360
    assert str(group_day["location"]) == "Sali 2"
    # The final discussion (office, 90 minutes) does not fit between 8:00 and the group day at
    # 9:00: it follows the group day, 15:00-16:30.
    final = by["A2.final_discussion.final.1@taito-optimizer"]
    assert (final.decoded("dtstart"), final.decoded("dtend")) == (datetime(2027, 2, 8, 15),
                                                                  datetime(2027, 2, 8, 16, 30))
    assert str(final["location"]) == "Tampere"  # the case manager's site
    # Two visits of one day one after the other from 8:00: the office visit (kinds, then clients).
    video = by["A1.ready_visit.ready.1@taito-optimizer"]
    office = by["A2.ready_visit.ready.1@taito-optimizer"]
    assert video.decoded("dtstart") == datetime(2027, 2, 14, 8) and video.decoded("dtend") == datetime(2027, 2, 14, 9)
    assert office.decoded("dtstart") == datetime(2027, 2, 14, 9) and str(video["location"]) == "kuvapuhelu"
    site = by["A1.wp_visit.work_practice.1@taito-optimizer"]
    assert length(site) == 150 and str(site["location"]) == "työpaikka"
    due = by["A1.certificate_due.start.1@taito-optimizer"]
    assert due.decoded("dtstart") == D(2027, 1, 20) and "location" not in due
    assert all(int(v["sequence"]) == 0 for v in old.values())


def test_replan_moving_one_event_changes_exactly_one_vevent():
    """The second wp visit moves a week: it keeps its UID, its SEQUENCE goes up by one; every
    other VEVENT of C1's file is byte for byte what it was, DTSTAMP included."""
    old, new = replanned(moved(first_plan(), 7, D(2027, 3, 31)))
    assert set(old) == set(new)
    changed = [uid for uid in old if old[uid].to_ical() != new[uid].to_ical()]
    assert changed == ["A1.wp_visit.work_practice.2@taito-optimizer"]
    before, after = old[changed[0]], new[changed[0]]
    assert after.decoded("dtstart") == datetime(2027, 3, 31, 8) and before.decoded("dtstart").day == 24
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert after.decoded("dtstamp") == STAMP_2 and new[changed[0].replace(".2@", ".1@")].decoded("dtstamp") == STAMP_1


def test_a_visit_moved_past_another_of_its_kind_or_removed_before_it_leaves_the_other_as_it_was():
    """The first workplace visit (17.3.) moves past the second (24.3.) to 31.3.: counted by date
    alone, the two would swap ordinals and both change; the earlier file keeps each UID on its
    visit. Likewise when the first is removed: it is cancelled, the second stays as it was."""
    old, new = replanned(moved(first_plan(), 6, D(2027, 3, 31)))
    first, second = (f"A1.wp_visit.work_practice.{n}@taito-optimizer" for n in (1, 2))
    assert [uid for uid in old if old[uid].to_ical() != new[uid].to_ical()] == [first]
    assert day_of(new[first]) == D(2027, 3, 31) and int(new[first]["sequence"]) == 1
    old, new = replanned(Plan([e for k, e in enumerate(first_plan().events) if k != 6]))
    assert [uid for uid in old if old[uid].to_ical() != new[uid].to_ical()] == [first]
    assert str(new[first]["status"]) == "CANCELLED" and new[second].to_ical() == old[second].to_ical()


def test_a_visit_moved_onto_a_busy_day_leaves_the_others_of_that_day_as_they_were():
    """A2's office ready visit of 14.2. (9:00-10:30) moves to 8.2., where the group day (9-15)
    and A2's final discussion (15:00-16:30) stand: it takes the first free time after them,
    16:30; they keep theirs. (By the order of kinds alone, the ready visit would come first.)"""
    old, new = replanned(moved(first_plan(), 5, D(2027, 2, 8)))
    changed = [uid for uid in old if old[uid].to_ical() != new[uid].to_ical()]
    assert changed == ["A2.ready_visit.ready.1@taito-optimizer"]
    assert new[changed[0]].decoded("dtstart") == datetime(2027, 2, 8, 16, 30)


def test_removed_event_is_cancelled_and_a_second_replan_keeps_it_so():
    plan = first_plan()
    fewer = Plan([e for k, e in enumerate(plan.events) if k != 11])  # the second follow-up visit
    old, new = replanned(fewer)
    uid = "A1.follow_up_visit.follow_up.2@taito-optimizer"
    assert [u for u in old if old[u].to_ical() != new[u].to_ical()] == [uid]
    assert str(new[uid]["status"]) == "CANCELLED" and int(new[uid]["sequence"]) == 1
    assert new[uid].decoded("dtstart") == old[uid].decoded("dtstart")  # the day the calendar shows it on
    # Written again from the same plan, nothing changes; put back, it is an event again, SEQUENCE 2.
    roster, sm = small_roster(), load_service_model()
    second = calendar_files(roster, sm, fewer, "fi", previous=calendar_files(
        roster, sm, fewer, "fi", previous=calendar_files(roster, sm, plan, "fi", stamp=STAMP_1), stamp=STAMP_2),
        stamp=STAMP_2 + timedelta(days=1))
    assert vevents(second["C1.ics"])[uid].to_ical() == new[uid].to_ical()
    back = vevents(calendar_files(roster, sm, plan, "fi", previous=second)["C1.ics"])[uid]
    assert "status" not in back and int(back["sequence"]) == 2


def test_a_person_left_without_events_gets_them_cancelled(tmp_path):
    """C2's only event (a substitute's call) goes to C1: C2's file is written, the call cancelled."""
    plan = first_plan()
    taken = Plan([replace(e, staff_ids=("C1",), substitute=False) if e.staff_ids == ("C2",) else e
                  for e in plan.events])
    _, new = replanned(taken, name="C2.ics")
    assert [str(v["status"]) for v in new.values()] == ["CANCELLED"]
    # read back from the folder as the command line does
    roster, sm = small_roster(), load_service_model()
    for name, data in calendar_files(roster, sm, plan, "fi").items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "other.ics").write_text("BEGIN:VCALENDAR\nPRODID:someone else\nEND:VCALENDAR\n")
    assert sorted(previous_calendars(tmp_path)) == ["C1.ics", "C2.ics"]  # the tool's own only
    assert "Meikäläinen" not in (tmp_path / "C1.ics").read_text(encoding="utf-8")


def test_the_hours_come_from_the_service_model(tmp_path):
    """calendar_day_start_hour 8 -> 10 and calendar_group_day_start_hour 9 -> 7 move the visits
    and the group days; a group day that would run past midnight is refused when the model loads."""
    from optimizer.core.service_model import DEFAULT_MODEL_PATH, ServiceModelError

    text = DEFAULT_MODEL_PATH.read_text(encoding="utf-8")

    def variant(day: int, group: int):
        path = tmp_path / f"m{day}-{group}.toml"
        changed = text
        for name, old, new in (("calendar_day_start_hour", 8, day), ("calendar_group_day_start_hour", 9, group)):
            changed = changed.replace(f"[param.{name}]\nvalue = {old}", f"[param.{name}]\nvalue = {new}")
        path.write_text(changed, encoding="utf-8")
        return load_service_model(path)

    got = vevents(calendar_files(small_roster(), variant(10, 7), first_plan(), "en")["C1.ics"])
    assert got["G1.group_day.start.1@taito-optimizer"].decoded("dtstart") == datetime(2027, 2, 8, 7)
    assert got["A1.start_visit.start.1@taito-optimizer"].decoded("dtstart") == datetime(2027, 1, 20, 10)
    assert str(got["A1.start_visit.start.1@taito-optimizer"]["summary"]) == "A1 start visit, at the office"
    with pytest.raises(ServiceModelError, match="past midnight"):
        variant(8, 19)  # 19:00 + 360 minutes
