"""The whole team's weeks (issue 15): the Team week and Load sheets, and the event kinds' colours
shared by them and the weekly rosters. Checked against the written Events sheet, not against
the code that wrote them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock

from optimizer.checks.validate import validate
from optimizer.core.messages import KIND_WORDS, WEEKDAY_SHORT
from optimizer.search.solve import Status
from optimizer.workbook.rosters import KIND_COLOURS, roster_sheet_name
from optimizer.workbook.write import PlanBook, Summary, write_plan

from .conftest import with_absence

NAME = "Liisa Esimerkki"
DAY = 450  # the service model's day_minutes: the tiny roster's staff give none of their own


def monday_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


@pytest.fixture(scope="module")
def team(sm, tiny_solution, tmp_path_factory):
    """The tiny roster's plan, with L1 named and C1 away a whole week in which C1 has nothing
    planned (an absence added after planning: the sheets show what the roster says), written in
    both languages."""
    roster, result = tiny_solution
    plan = result.plan
    busy = {monday_of(e.date) for e in plan.events if "C1" in e.staff_ids}
    away = next(m for m in (date(2027, 4, 12) + timedelta(days=7 * k) for k in range(30)) if m not in busy)
    roster = with_absence(replace(roster, staff={**roster.staff, "L1": replace(roster.staff["L1"], name=NAME)}),
                          "C1", away, away + timedelta(days=4))
    out = {}
    for lang in ("fi", "en"):
        path = tmp_path_factory.mktemp(lang) / "plan.xlsx"
        write_plan(path, PlanBook(roster, sm, plan, validate(roster, sm, plan), Summary(Status.FEASIBLE)), lang)
        out[lang] = path
    return roster, plan, away, out


def event_minutes(sm, path, events_sheet: str) -> dict[tuple[str, date], int]:
    """Minutes per (staff, Monday) counted from the written Events sheet with the service model's
    numbers (R-STAFF-2): group days, visits and calls; deadlines are no work."""
    ws = openpyxl.load_workbook(path)[events_sheet]
    out: dict[tuple[str, date], int] = defaultdict(int)
    header = [c.value for c in ws[1]]
    at = {key: header.index(name) for key, name in  # by name: the Finnish plan has display columns
          (("day", header[0]), ("kind", header[1]), ("staff", "työntekijä" if "työntekijä" in header else "staff_id"),
           ("mode", "tapa" if "tapa" in header else "mode"))}
    for row in ws.iter_rows(min_row=2, values_only=True):
        day, kind, staff, mode = (row[at[k]] for k in ("day", "kind", "staff", "mode"))
        if kind.endswith("_due"):
            continue
        minutes = sm.num("minutes_group_day") if kind == "group_day" else sm.num(f"minutes_{mode or 'office'}")
        for s in staff.split(", "):
            out[s, monday_of(day.date())] += minutes
    return out


def test_load_minutes_equal_the_events_minutes_per_person_and_week(sm, team):
    roster, _, away, paths = team
    for lang, load, events in (("fi", "Kuormitus", "Tapahtumat"), ("en", "Load", "Events")):
        expected = event_minutes(sm, paths[lang], events)
        ws = openpyxl.load_workbook(paths[lang])[load]
        header = [c.value for c in ws[1]]
        word = {"fi": ("minuutit", "kapasiteetti", "kuormitus"), "en": ("minutes", "capacity", "load")}[lang]
        assert header[2:] == [f"{s} {w}" for s in roster.staff for w in word]
        seen: dict[tuple[str, date], int] = {}
        rows = {}
        for row in ws.iter_rows(min_row=2, values_only=True):
            monday = row[1].date()
            year, week, _ = monday.isocalendar()
            assert monday.weekday() == 0 and row[0] == f"{'vko' if lang == 'fi' else 'wk'} {week}/{year}"
            for k, s in enumerate(roster.staff):
                seen[s, monday] = row[2 + 3 * k]
            rows[monday] = row
        assert {k: v for k, v in seen.items() if v} == dict(expected)
        assert sum(seen.values()) == sum(expected.values()) > 0
        mondays = sorted(rows)
        assert mondays == [mondays[0] + timedelta(days=7 * k) for k in range(len(mondays))]
        # Capacity: minutes a day times the days at work; public holidays and absences out.
        l1, c1 = (lambda r: r[2:5]), (lambda r: r[5:8])
        assert l1(rows[date(2027, 4, 12)])[1] == 5 * DAY
        assert l1(rows[date(2027, 3, 29)])[1] == 4 * DAY  # Easter Monday
        assert l1(rows[date(2027, 3, 22)])[1] == 4 * DAY  # Good Friday
        assert c1(rows[away]) == (0, 0, None)
        for row in rows.values():
            for used, capacity, ratio in (l1(row), c1(row)):
                assert ratio == (round(used / capacity, 3) if capacity else None)
        ranges = [str(cf.sqref) for cf in ws.conditional_formatting]
        assert len(ranges) == 1 and ranges[0].split() == [f"E2:E{ws.max_row}", f"H2:H{ws.max_row}"]
        rule = next(iter(ws.conditional_formatting)).rules[0]
        assert rule.type == "colorScale"
        assert NAME not in str([c.value for r in ws.iter_rows() for c in r])


def team_cells(path, sheet: str):
    """(staff, Monday) -> the team view's cell, read as rich text."""
    ws = openpyxl.load_workbook(path, rich_text=True)[sheet]
    staff = [c.value for c in ws[1]][1:]
    out = {}
    for row in ws.iter_rows(min_row=2):
        head = row[0].value
        m = re.match(r"(?:vko|wk) (\d+)/(\d{4})\n", str(head or ""))
        if not m:
            continue
        monday = date.fromisocalendar(int(m[2]), int(m[1]), 1)
        for s, cell in zip(staff, row[1:], strict=False):
            out[s, monday] = cell
    return ws, staff, out


def lines_of(cell) -> list[tuple[str, str | None]]:
    """A cell's lines, each with its font colour (None: plain text)."""
    value = cell.value
    if value is None:
        return []
    if not isinstance(value, CellRichText):
        return [(line, None) for line in str(value).split("\n")]
    return [(b.text.rstrip("\n"), b.font.color.rgb[-6:] if b.font.color is not None else None)
            if isinstance(b, TextBlock) else (str(b).rstrip("\n"), None) for b in value]


def test_team_week_shows_each_persons_events_of_the_week_by_client_id(team):
    roster, plan, away, paths = team
    for lang, sheet in (("fi", "Tiimiviikko"), ("en", "Team week")):
        ws, staff, cells = team_cells(paths[lang], sheet)
        assert staff == [s for s in roster.staff if any(s in e.staff_ids for e in plan.events)] == ["L1", "C1"]
        words = {kind: pair[0 if lang == "fi" else 1] for kind, pair in KIND_WORDS.items()}
        for s in staff:
            weeks: dict[date, list] = defaultdict(list)
            for e in plan.events:
                if s in e.staff_ids:
                    weeks[monday_of(e.date)].append(e)
            for monday in {m for (who, m) in cells if who == s}:
                lines = [text for text, colour in lines_of(cells[s, monday]) if colour != "808080"]
                mine = weeks.get(monday, [])
                single = sorted(f"{WEEKDAY_SHORT[e.date.weekday()][0 if lang == 'fi' else 1]} {e.client_id} "
                                f"{words[e.kind]}" for e in mine if e.kind != "group_day")
                group = {(e.group_id, e.phase) for e in mine if e.kind == "group_day"}
                assert sorted(x for x in lines if not x.endswith(words["group_day"])) == single, (s, monday)
                assert len([x for x in lines if x.endswith(words["group_day"])]) == len(group), (s, monday)
                for x in lines:
                    if x.endswith(words["group_day"]):  # "ma–to G1 ryhmäpäivä": a block of days as a span
                        assert re.fullmatch(r"\w+–\w+ G1 \S+( \S+)?", x), x
            assert sum(len(v) for v in weeks.values()) > 0
        # C1's week away: nothing planned, the days named and the cell shaded.
        cell = cells["C1", away]
        assert lines_of(cell) == [("poissa: ma–pe" if lang == "fi" else "away: Mon–Fri", "808080")]
        assert cell.fill.fgColor.rgb.endswith("FFE699")
        text = "\n".join(str(c.value) for r in ws.iter_rows() for c in r if c.value is not None)
        assert NAME not in text and not re.search(r"\bA\d\b.*\bA\d\b", text.split("\n")[0])


def test_event_kinds_have_one_colour_in_the_rosters_and_the_team_view_with_a_legend(team):
    """Issue 15: each event's line is written in its kind's colour, the same in every weekly
    roster and in the team view, and both sheets have a legend of the colours."""
    _, plan, _, paths = team
    for lang, sheet in (("fi", "Tiimiviikko"), ("en", "Team week")):
        words = {pair[0 if lang == "fi" else 1]: kind for kind, pair in KIND_WORDS.items()}
        book = openpyxl.load_workbook(paths[lang], rich_text=True)
        colours: dict[str, set[str]] = defaultdict(set)
        for name in (sheet, roster_sheet_name("L1", lang), roster_sheet_name("C1", lang)):
            ws = book[name]
            legend = {}
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value in words and cell.font.color is not None:
                        legend[words[cell.value]] = cell.font.color.rgb[-6:]
                    for text, colour in lines_of(cell) if isinstance(cell.value, CellRichText) else []:
                        if colour is None or colour == "808080":
                            continue
                        # "ti A1 työpaikkakäynti" (team view), "A1 työpaikkakäynti, työpaikalla" (roster)
                        kind = next(k for w, k in sorted(words.items(), key=lambda x: -len(x[0])) if w in text)
                        colours[kind].add(colour)
                        assert colour == KIND_COLOURS[kind], (name, text)
            assert legend == KIND_COLOURS, name
        kinds = {e.kind for e in plan.events}
        assert set(colours) == kinds and all(len(v) == 1 for v in colours.values())


def test_a_coloured_cell_passes_the_identity_code_gate_too(tmp_path):
    """The coloured lines are rich text, not str: `seal` reads them as text all the same, so an
    identity code cannot reach the file through a roster or the team view."""
    from optimizer.core.errors import InputErrors
    from optimizer.workbook.rosters import rich_lines
    from optimizer.workbook.sheet import save_workbook

    wb = openpyxl.Workbook()
    wb.active["A1"] = rich_lines([("ma 5.7.", None), ("A1 starttikäynti 131052-308T", KIND_COLOURS["start_visit"])])
    assert isinstance(wb.active["A1"].value, CellRichText)
    with pytest.raises(InputErrors):
        save_workbook(wb, tmp_path / "x.xlsx", "fi")
    assert not (tmp_path / "x.xlsx").exists()
    wb.active["A1"] = rich_lines([("ma 5.7.", None), ("=A1 starttikäynti", KIND_COLOURS["start_visit"])])
    save_workbook(wb, tmp_path / "y.xlsx", "fi")
    cell = openpyxl.load_workbook(tmp_path / "y.xlsx").active["A1"]
    assert cell.value == "ma 5.7.\n=A1 starttikäynti" and cell.data_type == "s"  # text, never a formula
