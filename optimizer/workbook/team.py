"""The whole team's weeks (issue 15): the Team week sheet answers "who works with which client in
week 27?" on one sheet, and the Load sheet shows each person's minutes of work against what
their working days of the week hold, so that the crunch weeks before the holidays show.

Both have weeks down and staff across, as the weekly rosters (rosters.py) have weeks down, and
colour events by kind as they do. Only ids are shown: staff ids and pseudonymous client ids,
never names (a person's name is only in their own weekly roster).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import openpyxl
import pandas as pd
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from optimizer.checks.costs import staff_week_minutes
from optimizer.core.calendar import Calendar, finnish_public_holidays
from optimizer.core.domain import Absence, Roster
from optimizer.core.messages import DAY_OFF_WORDS, KIND_WORDS, WEEKDAY_SHORT, columns, pick, t
from optimizer.core.placements import day_capacity
from optimizer.core.plan import GROUP_DAY, Event, Plan, events_by_staff
from optimizer.core.service_model import ServiceModel
from optimizer.workbook.labels import sheet_name
from optimizer.workbook.rosters import (
    KIND_COLOURS,
    QUIET,
    SHADES,
    a4_landscape,
    day_status,
    iso_week,
    kind_legend,
    plan_weeks,
    rich_lines,
    week_label,
)
from optimizer.workbook.sheet import DATE_FORMAT, HEADER_FONT

TEAM_WIDTH = 34  # characters of a person's column in the team view
AWAY = ("holiday", "closed", "absent")  # why a working weekday holds no work, as the team view names it


def week_lines(roster: Roster, events: list[Event], monday: date, absences: list[Absence],
               holidays: dict[date, str], staff_id: str, lang: str) -> list[tuple[str, str | None]]:
    """One person's week in short lines, each (text, colour): a group's days of one period on one
    line ("ma–to T27-1 ryhmäpäivä"), every other event on its own ("ti A012 työpaikkakäynti"),
    in day order; then the weekdays the person is away, on a holiday or the provider is closed
    ("poissa: ma, ti")."""
    group: dict[tuple[str, str], list[date]] = defaultdict(list)
    lines: list[tuple[date, str, str | None]] = []
    for e in sorted(events, key=lambda e: (e.date, e.kind != GROUP_DAY, e.client_id or "")):
        if e.kind == GROUP_DAY:
            group[e.group_id, e.phase].append(e.date)
        else:
            word = pick(KIND_WORDS[e.kind], lang)
            lines.append((e.date, f"{_day(e.date, lang)} {e.client_id or e.group_id} {word}", KIND_COLOURS[e.kind]))
    for (gid, _), days in group.items():
        text = f"{_days(days, lang)} {gid} {pick(KIND_WORDS[GROUP_DAY], lang)}"
        lines.append((days[0], text, KIND_COLOURS[GROUP_DAY]))
    lines.sort(key=lambda x: x[0])
    out: list[tuple[str, str | None]] = [(text, colour) for _, text, colour in lines]
    off: dict[str, list[date]] = defaultdict(list)
    for k in range(5):
        d = monday + timedelta(days=k)
        status = day_status(roster, holidays, staff_id, d, absences)
        if status is not None and status[0] in AWAY:
            off[status[0]].append(d)
    for why, days in off.items():
        out.append((f"{pick(DAY_OFF_WORDS[why], lang)}: {_days(days, lang)}", QUIET))
    return out


def _day(d: date, lang: str) -> str:
    return pick(WEEKDAY_SHORT[d.weekday()], lang)


def _days(days: list[date], lang: str) -> str:
    """Weekdays in short, three or more in a row as a span: "ma–to", "ma, ke", "ma–ke, pe"."""
    runs: list[list[date]] = []
    for d in sorted(days):
        if runs and (d - runs[-1][-1]).days == 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ", ".join(f"{_day(r[0], lang)}–{_day(r[-1], lang)}" if len(r) > 2 else ", ".join(_day(d, lang) for d in r)
                     for r in runs)


def write_team_week(wb: openpyxl.Workbook, roster: Roster, plan: Plan, lang: str) -> None:
    """Tiimiviikko / Team week: weeks down, every staff member with events across, each cell the
    person's events of the week in short lines coloured by kind; a week the person is away
    altogether is shaded as in their weekly roster."""
    ws = wb.create_sheet(sheet_name("team_week", lang))
    by_staff = events_by_staff(plan)
    staff = [sid for sid in roster.staff if sid in by_staff]
    holidays = finnish_public_holidays(roster.plan_start, roster.plan_end, lang)
    absences: dict[str, list[Absence]] = defaultdict(list)
    for a in roster.absences:
        absences[a.person].append(a)
    weekly: dict[tuple[str, date], list[Event]] = defaultdict(list)
    for sid in staff:
        for e in by_staff[sid]:
            weekly[sid, e.date - timedelta(days=e.date.weekday())].append(e)
    ws.append([t("roster_week", lang), *staff])
    for cell in ws[1]:
        cell.font = HEADER_FONT
    for monday in plan_weeks(plan):
        ws.append([week_label(monday, lang)])
        row = ws.max_row
        height = 2
        for j, sid in enumerate(staff, start=2):
            lines = week_lines(roster, weekly.get((sid, monday), []), monday, absences[sid], holidays, sid, lang)
            if not lines:
                continue
            cell = ws.cell(row, j, rich_lines(lines))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if not weekly.get((sid, monday)) and all(
                    day_status(roster, holidays, sid, monday + timedelta(days=k), absences[sid]) is not None
                    for k in range(5)):
                cell.fill = SHADES["absent"]
            height = max(height, sum(max(1, -(-len(text) // (TEAM_WIDTH - 2))) for text, _ in lines))
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 14 * height + 2
    ws.append([])
    ws.append([t("legend", lang)])
    ws.cell(ws.max_row, 1).font = HEADER_FONT
    kind_legend(ws, 2, lang)
    ws.column_dimensions["A"].width = 12
    for j in range(2, len(staff) + 2):
        ws.column_dimensions[get_column_letter(j)].width = TEAM_WIDTH
    ws.freeze_panes = "B2"
    a4_landscape(ws, "1:1")


# --- load -------------------------------------------------------------------------------------

def load_scale() -> ColorScaleRule:
    """White at no load, yellow at three quarters of the week's capacity, red when full. A new
    rule for each sheet: openpyxl numbers a rule's priority when it is added."""
    return ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF", mid_type="num", mid_value=0.75,
                          mid_color="FFEB84", end_type="num", end_value=1, end_color="F8696B")


def load_table(roster: Roster, sm: ServiceModel, plan: Plan) -> pd.DataFrame:
    """Minutes of work and capacity per week (rows: Mondays of plan_weeks) and staff member
    (columns: a ("minutes" | "capacity", staff id) pair for everyone on the Staff sheet).

    Minutes are R-STAFF-2's, as S-LOAD counts them (costs.staff_week_minutes: group days,
    visits and calls; deadlines are no work). A week's capacity is the person's minutes a day
    (placements.day_capacity) times their days at work that week (Calendar.staff_at_work:
    working days, their own work days, absences out; R-CAL-1, R-STAFF-1)."""
    cal = Calendar(roster)
    minutes = staff_week_minutes(sm, plan)
    records = []
    for monday in plan_weeks(plan):
        week = tuple(monday.isocalendar()[:2])
        for sid, person in roster.staff.items():
            days = sum(cal.staff_at_work(sid, cal.index(monday + timedelta(days=k))) for k in range(5))
            records.append({"monday": monday, "staff": sid, "minutes": minutes.get((sid, week), 0),
                            "capacity": days * day_capacity(person, sm)})
    frame = pd.DataFrame.from_records(records, columns=["monday", "staff", "minutes", "capacity"])
    pivot = frame.pivot_table(index="monday", columns="staff", values=["minutes", "capacity"], aggfunc="sum",
                              fill_value=0)
    order = pd.MultiIndex.from_product([["minutes", "capacity"], list(roster.staff)])
    return pivot.reindex(columns=order, fill_value=0)


def write_load(wb: openpyxl.Workbook, roster: Roster, sm: ServiceModel, plan: Plan, lang: str) -> None:
    """Kuormitus / Load: weeks down; for each staff member the week's minutes of work, its
    capacity and the two's ratio, coloured white (free) through yellow to red (full)."""
    ws = wb.create_sheet(sheet_name("load", lang))
    week_word, monday_word, minutes_word, capacity_word, load_word = columns("load", lang)
    headers = [week_word, monday_word]
    for sid in roster.staff:
        headers += [f"{sid} {minutes_word}", f"{sid} {capacity_word}", f"{sid} {load_word}"]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = HEADER_FONT
    frame = load_table(roster, sm, plan)
    for monday, values in frame.iterrows():
        row: list[object] = [iso_week(monday, lang), monday]
        for sid in roster.staff:
            used, capacity = int(values["minutes", sid]), int(values["capacity", sid])
            row += [used, capacity, round(used / capacity, 3) if capacity else None]
        ws.append(row)
        ws.cell(ws.max_row, 2).number_format = DATE_FORMAT
    last = ws.max_row
    ratios = [5 + 3 * k for k in range(len(roster.staff))]  # each person's load column
    for cells in ws.iter_rows(min_row=2):
        for j in ratios:
            cells[j - 1].number_format = "0 %"
    if last > 1 and ratios:
        ws.conditional_formatting.add(" ".join(f"{get_column_letter(j)}2:{get_column_letter(j)}{last}"
                                               for j in ratios), load_scale())
    ws.column_dimensions["A"].width = 13
    ws.column_dimensions["B"].width = 11
    for j in range(3, len(headers) + 1):
        ws.column_dimensions[get_column_letter(j)].width = max(10, len(headers[j - 1]) + 2)
    for cell in ws[1]:
        cell.alignment = Alignment(wrap_text=True)
    ws.freeze_panes = "C2"
    if last > 1:
        ws.auto_filter.ref = ws.dimensions
