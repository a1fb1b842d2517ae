"""Calendar files and the timeline picture (issue 5), checked against the plan's events."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import icalendar
import openpyxl
import pytest

from optimizer.output.chart import draw, rows_of
from optimizer.output.ics import calendar_files
from optimizer.search.greedy import greedy_plan
from optimizer.workbook.read import read_roster
from optimizer.workbook.write import describe

EXAMPLE = Path(__file__).parents[1] / "data" / "roster.xlsx"


@pytest.fixture(scope="module")
def example():
    roster, sm, _, _ = read_roster(EXAMPLE)
    return roster, sm, greedy_plan(roster, sm)


def test_one_ics_per_staff_member_with_exactly_their_events(example, tmp_path):
    roster, _, plan = example
    files = []
    for name, data in calendar_files(roster, plan, "fi").items():
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
        assert Counter(ev.decoded("dtstart") for ev in events) == Counter(e.date for e in mine)
        for ev in events:  # all-day: a date, ending the next day
            assert (ev.decoded("dtend") - ev.decoded("dtstart")).days == 1
            assert not hasattr(ev.decoded("dtstart"), "hour")
        assert {str(ev["summary"]) for ev in events} == {describe(e, "fi") for e in mine}
        assert len({str(ev["uid"]) for ev in events}) == len(events)


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
