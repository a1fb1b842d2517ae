"""Read a plan workbook back (Events and Periods, in English or Finnish) for `optimize check`.

Works on the optimizer's own plans and on plans a coordinator made by hand in the same layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from optimizer.core.domain import Roster
from optimizer.core.errors import InputErrors
from optimizer.core.messages import t
from optimizer.core.plan import DUE_KINDS, EVENT_KINDS, INDIVIDUAL_KINDS, MODES, PHASES, Event, Period, Plan
from optimizer.workbook import cells
from optimizer.workbook.intake import PLAN_LIMITS, open_workbook
from optimizer.workbook.labels import EVENT_COLUMNS, OUTPUT_SHEETS, PERIOD_COLUMNS
from optimizer.workbook.table import WRITTEN, Table, find_sheets

PLAN_SHEETS = {key: OUTPUT_SHEETS[key] for key in ("events", "periods")}  # what a plan is read back from


def read_events(ws: Any, errors: list[str], lang: str, max_rows: int | None = None) -> list[Event]:
    """The rows of an Events-like sheet (the plan's Events, the input's Fixed) as events, each
    with the cell of its row; bad cells go to `errors`. `max_rows`: more rows than any plan of
    the roster can have is an error, found before they are all read."""
    out = []
    for row in Table(ws, EVENT_COLUMNS, lang, errors, WRITTEN, max_rows).rows():
        day = row.convert("date", row.as_date)
        kind = row.code("kind", EVENT_KINDS)
        phase = row.code("phase", PHASES)
        mode = row.code("mode", MODES, required=False)
        flags = [row.convert(k, cells.as_bool) or False for k in ("with_employer", "network_meeting", "substitute")]
        group = row.text("group_id", "")
        client = row.text("client_id")
        staff = tuple(cells.as_list(row.raw("staff_id")))
        note = row.text("note", "")
        if kind in (*INDIVIDUAL_KINDS, *DUE_KINDS) and client is None:  # whose visit, whose certificate?
            errors.append(t("event_needs", lang, cell=row.cell("client_id"), kind=kind, what="client_id"))
        elif not group:
            errors.append(t("event_needs", lang, cell=row.cell("group_id"), kind=kind, what="group_id"))
        elif day and kind and phase:
            out.append(Event(day, kind, phase, group, client, staff, mode, *flags, note=note, row=row.ref))
    return out


def read_plan(path: Path | str, lang: str = "fi", max_events: int | None = None) -> Plan:
    """Events and Periods of a plan workbook; every bad cell is reported (InputErrors).
    `max_events`: the most events a plan of the roster it is read with can have
    (`most_events`); a plan with more is refused before it is read whole."""
    wb = open_workbook(path, lang, PLAN_LIMITS)  # sizes and the identity-code scan first
    try:
        return _read_plan(wb, lang, max_events)
    finally:
        wb.close()


def most_events(roster: Roster, pinned: int = 0) -> int:
    """More events than any plan of `roster` holds: per client at most 5 start, 7 getting-ready,
    12 practice and 2 follow-up visits, a call a week through the longest practice, a final
    discussion and three deadlines (about 45); per group 20 group days. Twice that, and room
    for the run's `pinned` events (RunSettings.pinned)."""
    return 2 * (60 * len(roster.clients) + 25 * len(roster.groups)) + pinned + 100


def _read_plan(wb: Any, lang: str, max_events: int | None) -> Plan:
    errors: list[str] = []
    sheets = find_sheets(wb, PLAN_SHEETS, tuple(PLAN_SHEETS), lang, errors)
    if errors:
        raise InputErrors(errors)
    plan = Plan()
    plan.events = read_events(sheets["events"], errors, lang, max_events)
    for row in Table(sheets["periods"], PERIOD_COLUMNS, lang, errors, WRITTEN).rows():
        start = row.convert("start", row.as_date)
        end = row.convert("end", row.as_date)
        phase = row.code("phase", PHASES)
        days = row.convert("days", cells.as_int, "a whole number")
        client = row.text("client_id", "")
        group = row.text("group_id", "")
        note = row.text("note", "")
        if start and end and phase and days is not None:
            plan.periods.append(Period(client, group, phase, start, end, days, note, row=row.ref))
    if errors:
        raise InputErrors(errors)
    return plan


def foreign_ids(roster: Roster, plan: Plan, lang: str, shown: int = 20) -> tuple[list[str], str]:
    """Whether `plan` belongs to `roster` (`optimize check`): the rows that name a client,
    group or staff member the roster does not have (each with its cell; none can be checked),
    and one line that says how the two differ before any rule is listed ("" when they match)."""
    rows: list[str] = []
    unknown: dict[str, set[str]] = {"client": set(), "group": set(), "staff": set()}
    records: list[tuple[str, str | None, str, tuple[str, ...]]] = [
        (e.row, e.client_id, e.group_id, e.staff_ids) for e in plan.events]
    records += [(p.row, p.client_id or None, p.group_id, ()) for p in plan.periods]
    for row, client, group, staff in records:
        for kind, value, known in (("client", client, roster.clients), ("group", group or None, roster.groups),
                                   *(("staff", s, roster.staff) for s in staff)):
            if value is not None and value not in known:
                unknown[kind].add(value)
                rows.append(t(f"foreign_{kind}", lang, cell=row, value=value))
    planned = {c for _, c, _, _ in records if c}
    missing = sorted(set(roster.clients) - planned)
    if rows:
        clients = planned | unknown["client"]
        first = t("plan_foreign", lang, clients=len(unknown["client"]), of=len(clients), groups=len(unknown["group"]),
                  staff=len(unknown["staff"]), missing=len(missing), roster=len(roster.clients))
        more = [t("hetu_more_rows", lang, n=len(rows) - shown)] if len(rows) > shown else []
        return rows[:shown] + more, first
    if missing:
        return [], t("plan_missing_clients", lang, n=len(missing), of=len(roster.clients),
                     ids=", ".join(missing[:10]) + (", …" if len(missing) > 10 else ""))
    return [], ""
