"""The sheets people print and copy from (issue 5): a weekly roster per staff member, the
participation certificates' periods (R-CERT-1) and the soft rules' weights; and every client's
periods completed from the Events where a hand-made plan's Periods leave one out.

The weekly roster is what a staff member prints before the holiday season: rows are calendar
weeks, columns Monday to Friday, each cell the day's date and events in plain words; public
holidays, closed days, the person's absences and regular days off are shaded and labelled. Each
sheet prints on A4 landscape, one page wide, with its title and header rows on every page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.core import plan as P
from optimizer.core.calendar import finnish_public_holidays
from optimizer.core.domain import Absence, Roster
from optimizer.core.messages import DAY_OFF_WORDS, KIND_WORDS, WEEKDAY_WORDS, columns, describe, pick, t
from optimizer.core.plan import CERTIFICATE_DUE, DUE_KINDS, GROUP_DAY, Event, Period, Plan, events_by_staff
from optimizer.core.service_model import SOFT_RULES, ServiceModel

SHADES = {  # why a day has no work (DAY_OFF_WORDS): the legend under each roster says the same
    "holiday": PatternFill("solid", fgColor="D9D9D9"),
    "closed": PatternFill("solid", fgColor="D9D9D9"),
    "absent": PatternFill("solid", fgColor="FFE699"),
    "day_off": PatternFill("solid", fgColor="EDEDED"),
}
# One colour per kind of event, the same in every weekly roster, the team view and their legends
# (issue 15): each event's line is written in its kind's colour; deadlines share one red.
KIND_COLOURS = {
    P.GROUP_DAY: "1F4E79", P.START_VISIT: "375623", P.READY_VISIT: "008080", P.WP_VISIT: "C55A11",
    P.PHONE_CALL: "7030A0", P.FINAL_DISCUSSION: "833C0B", P.FOLLOW_UP_VISIT: "806000",
    P.CERTIFICATE_DUE: "C00000", P.REPORT_DUE: "C00000", P.FOLLOW_UP_REPORT_DUE: "C00000",
}
QUIET = "808080"  # a line that is no event (a day off, an absence) in the team view
DAY_WIDTH = 30  # characters: five days and the week column fit A4 landscape at about 60 %
MAX_SHEET_NAME = 31  # Excel's limit


def roster_sheet_name(staff_id: str, lang: str) -> str:
    """ "Viikot S01" / "Weeks S01", within Excel's 31 characters, without []:*?/\\ and not
    ending in an apostrophe (Excel refuses both)."""
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in staff_id)
    return t("roster_sheet", lang, staff=clean)[:MAX_SHEET_NAME].rstrip("'")


def roster_sheet_names(staff_ids: list[str], lang: str) -> dict[str, str]:
    """Each staff id's roster sheet: `roster_sheet_name`, and where two would be one sheet to
    Excel (cut at 31 characters, or the same but for case), a number instead of the last
    characters: "Weeks ABCDEFGHIJKLMNOPQRSTUV~2"."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for sid in staff_ids:
        name = roster_sheet_name(sid, lang)
        k = 1
        while name.casefold() in taken:
            k += 1
            suffix = f"~{k}"
            name = roster_sheet_name(sid, lang)[:MAX_SHEET_NAME - len(suffix)].rstrip("'") + suffix
        taken.add(name.casefold())
        out[sid] = name
    return out


def plan_weeks(plan: Plan) -> list[date]:
    """Mondays of every week from the plan's first event to its last."""
    if not plan.events:
        return []
    first = min(e.date for e in plan.events)
    last = max(e.date for e in plan.events)
    monday = first - timedelta(days=first.weekday())
    out = []
    while monday <= last:
        out.append(monday)
        monday += timedelta(days=7)
    return out


def day_status(roster: Roster, holidays: dict[date, str], staff_id: str, d: date,
               absences: list[Absence]) -> tuple[str, str] | None:
    """Why the person has no work on day d, with its label: a public holiday (its name), a closed
    day (its reason), one of the person's `absences` (its reason) or a regular day off; None on a
    working day."""
    if d in holidays:
        return "holiday", holidays[d]
    if d in roster.closed_days:
        return "closed", roster.closed_days[d]
    for a in absences:
        if a.start <= d <= a.end:
            return "absent", a.reason
    s = roster.staff.get(staff_id)
    if s is not None and d.weekday() not in s.work_days:
        return "day_off", ""
    return None


def write_staff_rosters(wb: openpyxl.Workbook, roster: Roster, plan: Plan, lang: str) -> None:
    """One sheet per staff member with events in the plan: weeks down, Monday-Friday across
    (workbook contract)."""
    holidays = finnish_public_holidays(roster.plan_start, roster.plan_end, lang)
    weeks = plan_weeks(plan)
    by_staff = events_by_staff(plan)
    absences: dict[str, list[Absence]] = defaultdict(list)  # once, not per day: 1,000 rows on XL
    for a in roster.absences:
        absences[a.person].append(a)
    names = roster_sheet_names([sid for sid in roster.staff if sid in by_staff], lang)
    for s in roster.staff.values():
        if s.staff_id not in names:
            continue  # only people with events: the time to write grows with the plan, not with rows
        ws = wb.create_sheet(names[s.staff_id])
        title = f"{s.staff_id}" + (f" – {s.name}" if s.name else "")  # the person's own roster
        ws.append([title])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([t("roster_week", lang), *(pick(day, lang) for day in WEEKDAY_WORDS[:5])])
        for cell in ws[2]:
            cell.font = Font(bold=True)
        days: dict[date, list[Event]] = defaultdict(list)
        for e in by_staff.get(s.staff_id, []):
            days[e.date].append(e)
        for monday in weeks:
            ws.append([week_label(monday, lang)])
            row = ws.max_row
            lines_in_row = 2
            for k in range(5):
                d = monday + timedelta(days=k)
                lines = [short_date(d, lang)]
                status = day_status(roster, holidays, s.staff_id, d, absences[s.staff_id])
                if status is not None:
                    kind, why = status
                    label = pick(DAY_OFF_WORDS[kind], lang)
                    lines.append(f"{label}: {why}" if why else label)
                order = sorted(days.get(d, []), key=lambda e: (e.kind != GROUP_DAY, e.kind in DUE_KINDS,
                                                               e.client_id or ""))
                coloured = [(line, None) for line in lines] + [(describe(e, lang), KIND_COLOURS[e.kind]) for e in order]
                lines += [describe(e, lang) for e in order]
                cell = ws.cell(row, k + 2, rich_lines(coloured))
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if status is not None:
                    cell.fill = SHADES[status[0]]
                # Lines longer than the column wrap: count them as printed, or the row clips them.
                printed = sum(max(1, -(-len(line) // (DAY_WIDTH - 3))) for line in lines)
                lines_in_row = max(lines_in_row, printed)
            ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[row].height = 14 * lines_in_row + 2
        _legend(ws, lang)
        _print_setup(ws)


def week_label(monday: date, lang: str) -> str:
    """A week as the rosters and the team view head it: its ISO week and year, and its Monday
    ("vko 27/2027\n5.7."), so that week 27 of 2027 and of 2028 are never mistaken (issue 15)."""
    return f"{iso_week(monday, lang)}\n{short_date(monday, lang)}"


def iso_week(d: date, lang: str) -> str:
    """The ISO week and year of day d: "vko 27/2027"."""
    year, week, _ = d.isocalendar()
    return t("iso_week", lang, week=week, year=year)


def short_date(d: date, lang: str) -> str:
    return f"{d.day}.{d.month}." if lang == "fi" else d.strftime("%d %b")


def rich_lines(lines: Sequence[tuple[str, str | None]]) -> CellRichText | str:
    """A cell of lines, each (text, colour or None): the coloured ones as rich text in their
    colour (an event in its kind's, KIND_COLOURS); plain text when no line has a colour."""
    if not any(colour for _, colour in lines):
        return "\n".join(text for text, _ in lines)
    parts: list[str | TextBlock] = []
    for k, (text, colour) in enumerate(lines):
        text += "\n" if k < len(lines) - 1 else ""
        parts.append(TextBlock(InlineFont(color=colour), text) if colour else text)
    return CellRichText(parts)


def kind_legend(ws: Worksheet, column: int, lang: str) -> None:
    """Below the sheet's rows, from `column`: each event kind's words in its colour (KIND_COLOURS)."""
    for kind, colour in KIND_COLOURS.items():
        ws.append([None] * (column - 1) + [pick(KIND_WORDS[kind], lang)])
        ws.cell(ws.max_row, column).font = Font(color=colour, bold=True)


def _legend(ws: Worksheet, lang: str) -> None:
    ws.append([])
    ws.append([t("legend", lang)])
    for kind, fill in SHADES.items():
        ws.append(["", pick(DAY_OFF_WORDS[kind], lang)])
        ws.cell(ws.max_row, 2).fill = fill
    kind_legend(ws, 2, lang)


def _print_setup(ws: Worksheet) -> None:
    """A4 landscape, one page wide, title and header rows repeated, frozen below the header."""
    ws.column_dimensions["A"].width = 10
    for letter in "BCDEF":
        ws.column_dimensions[letter].width = DAY_WIDTH
    ws.freeze_panes = "B3"
    a4_landscape(ws, "1:2")
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4


def a4_landscape(ws: Worksheet, title_rows: str) -> None:
    """Printed on A4 landscape, one page wide and as many long, `title_rows` on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows


# --- periods and certificates (R-CERT-1) --------------------------------------------------------

# The periods a client's days are read off the Events for: all but work practice, whose practice
# days (working days less absences, R-WP-2) only its Periods row holds.
EVENT_PHASES = (P.START, P.READY, P.DEEP, P.FINAL, P.FOLLOW_UP)


@dataclass(frozen=True)
class PhaseDays:
    """One client's days of one period as the Events have them: the days of the client's own
    visits (start, getting-ready and follow-up visits, the final discussion), the group's days
    of the period that the client takes part in (R-DEEP-2: a clear-plan client's final days only
    when attends_final), and those of them the client is away (R-CLIENT-1)."""

    visits: tuple[date, ...] = ()
    group: tuple[date, ...] = ()
    missed: tuple[date, ...] = ()

    @property
    def attended(self) -> tuple[date, ...]:
        """The group days the client is there."""
        return tuple(d for d in self.group if d not in self.missed)

    @property
    def days(self) -> tuple[date, ...]:
        """The days the client takes part: visit days and attended group days."""
        return tuple(sorted(set(self.visits) | set(self.attended)))


def phase_days(roster: Roster, plan: Plan) -> dict[tuple[str, str], PhaseDays]:
    """(client, phase) -> PhaseDays, for every client of the roster and EVENT_PHASES."""
    group_days: dict[tuple[str, str], set[date]] = defaultdict(set)
    visits: dict[tuple[str, str], set[date]] = defaultdict(set)
    for e in plan.events:
        if e.kind == GROUP_DAY:
            group_days[e.group_id, e.phase].add(e.date)
        elif e.client_id and e.is_individual and e.kind != P.PHONE_CALL:
            visits[e.client_id, e.phase].add(e.date)
    out = {}
    for c in roster.clients.values():
        away = roster.absences_of(c.client_id)
        for phase in EVENT_PHASES:
            group = (sorted(group_days[c.group_id, phase])
                     if phase in (P.START, P.DEEP) or (phase == P.FINAL and c.final_days_attended) else [])
            missed = [d for d in group if any(a.start <= d <= a.end for a in away)]
            out[c.client_id, phase] = PhaseDays(tuple(sorted(visits[c.client_id, phase])), tuple(group), tuple(missed))
    return out


def with_periods(roster: Roster, plan: Plan) -> Plan:
    """The plan with a Periods row for every period of every client that its Events show but its
    Periods leave out (a hand-made plan; R-CERT-1 lists every period): start, getting-ready,
    deepening, final (for a clear-plan client only with attends_final, R-DEEP-2) and follow-up,
    each spanning its days as the contract says, the days a client misses named in the note.
    Work practice is not derived: its practice days are not events. The plan itself is not changed."""
    have = {(p.client_id, p.phase) for p in plan.periods}
    added = []
    for (cid, phase), pd in phase_days(roster, plan).items():
        span = sorted(set(pd.visits) | set(pd.group))
        if (cid, phase) in have or not span:
            continue
        note = ", ".join(f"missed {d.isoformat()}" for d in pd.missed)
        added.append(Period(cid, roster.clients[cid].group_id, phase, span[0], span[-1], len(span), note))
    if not added:
        return plan
    out = Plan(list(plan.events), [*plan.periods, *added], set(plan.postponed))
    out.sort()
    return out


@dataclass(frozen=True)
class CertificateRow:
    """One period of a client's participation certificate (R-CERT-1): its dates and the days the
    client takes part. For work practice its span and practice days; for the other periods the
    visit days and the group days the client attends (missed ones not counted), and `days` the
    two together. `coming`: the period begins after the certificate's date."""

    client_id: str
    group_id: str
    issued: date
    phase: str
    start: date
    end: date
    visit_days: int | None
    group_days: int | None
    practice_days: int | None
    days: int
    coming: bool


def certificate_rows(roster: Roster, plan: Plan) -> list[CertificateRow]:
    """R-CERT-1: per client, every period (start, getting-ready, work practice, deepening, final,
    follow-up) with its dates and days, in the order they come. The certificate's date is the
    plan's certificate_due day (the first day of rehabilitation if a hand-made plan has none). A
    clear-plan client has no final period unless they attend the final days (R-DEEP-2)."""
    plan = with_periods(roster, plan)
    cert = {e.client_id: e.date for e in plan.events if e.kind == CERTIFICATE_DUE and e.client_id}
    periods = {(p.client_id, p.phase): p for p in plan.periods}
    days = phase_days(roster, plan)
    out = []
    for cid in sorted(roster.clients):
        c = roster.clients[cid]
        mine = [periods[cid, phase] for phase in P.PHASES if (cid, phase) in periods
                and (phase != P.FINAL or c.final_days_attended)]
        if not mine:
            continue
        issued = cert.get(cid, min(p.start for p in mine))
        for p in mine:
            if p.phase == P.WORK_PRACTICE:
                counts: tuple[int | None, int | None, int | None, int] = (None, None, p.days, p.days)
            else:
                pd = days[cid, p.phase]
                counts = (len(pd.visits), len(pd.attended), None, len(pd.days))
            out.append(CertificateRow(cid, c.group_id, issued, p.phase, p.start, p.end, *counts, p.start > issued))
    return out


def write_weights(wb: openpyxl.Workbook, sm: ServiceModel, lang: str, name: str) -> None:
    """Each soft rule's id, weight and one line: the sheet a coordinator may copy into the input
    workbook (Painotukset / Weights) to change weights for one run."""
    ws = wb.create_sheet(name)
    ws.append(columns("weights", lang))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    key = "{}/fi" if lang == "fi" else "{}"
    for rule in SOFT_RULES:
        ws.append([rule, sm.weights[rule], sm.weight_texts[key.format(rule)]])
    for letter, width in (("A", 16), ("B", 8), ("C", 70)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
