"""Read a plan workbook back (Events and Periods, in English or Finnish) for `optimize check`.

Works on the optimizer's own plans and on plans a coordinator made by hand in the same layout.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from optimizer.core.domain import Roster
from optimizer.core.errors import InputErrors
from optimizer.core.messages import t
from optimizer.core.plan import DUE_KINDS, EVENT_KINDS, INDIVIDUAL_KINDS, MODES, PHASES, Event, Period, Plan
from optimizer.workbook import cells
from optimizer.workbook.cells import CellError
from optimizer.workbook.intake import PLAN_LIMITS, open_workbook, sheet_rows
from optimizer.workbook.labels import EVENT_COLUMNS, OUTPUT_SHEETS, PERIOD_COLUMNS, Column, norm


def _find_sheet(wb: Any, key: str) -> Any:
    names = {norm(n) for n in OUTPUT_SHEETS[key]}
    return next((ws for ws in wb.worksheets if norm(ws.title) in names), None)


RowValues = tuple[int, dict[str, Any], dict[str, int]]


def _rows(ws: Any, spec: list[Column], errors: list[str], lang: str, max_rows: int | None = None) -> list[RowValues]:
    names = {}
    for key, en, fi, _ in spec:
        names[norm(en)] = key
        names[norm(fi)] = key
    rows = list(sheet_rows(ws, lang))
    if not rows:
        errors.append(t("missing_column", lang, sheet=ws.title, en=spec[0][1], fi=spec[0][2], row=1))
        return []
    columns = {}
    for j, name in enumerate(rows[0], start=1):
        key = names.get(norm(name))
        if key and key not in columns:
            columns[key] = j
    missing = [(en, fi) for key, en, fi, req in spec if req and key not in columns]
    for en, fi in missing:
        errors.append(t("missing_column", lang, sheet=ws.title, en=en, fi=fi, row=1))
    if missing:
        return []
    out = []
    for i, values in enumerate(rows[1:], start=2):
        if not values:
            continue  # a row between used ones (openpyxl gives it empty)
        known = {k: values[j - 1] if j - 1 < len(values) else None for k, j in columns.items()}
        if all(cells.is_empty(v) for v in known.values()):
            continue  # empty in the contract's columns (whatever stands far to the right)
        if max_rows is not None and len(out) >= max_rows:
            errors.append(t("too_many_events", lang, sheet=ws.title, n=max_rows))
            break
        out.append((i, known, columns))
    return out


class _Cells:
    """Parsing of one sheet's cells, each bad cell added to `errors` with its address."""

    def __init__(self, ws: Any, errors: list[str], lang: str) -> None:
        self.ws, self.errors, self.lang = ws, errors, lang

    def cell(self, columns: dict[str, int], key: str, i: int) -> str:
        return f"{self.ws.title}!{get_column_letter(columns.get(key, 1))}{i}"

    def date(self, value: object) -> date:
        """A date as this workbook's date system reads it (cells.as_date)."""
        return cells.as_date(value, getattr(self.ws.parent, "epoch", None))

    def parse(self, columns: dict[str, int], i: int, key: str, value: Any, parser: Any, *args: Any) -> Any:
        try:
            return parser(value, *args)
        except CellError as exc:
            self.errors.append(t(exc.key, self.lang, cell=self.cell(columns, key, i), value=cells.as_text(value),
                                 **exc.info))
            return None

    def code(self, columns: dict[str, int], i: int, key: str, value: Any, allowed: tuple[str, ...],
             required: bool = True) -> str | None:
        text = norm(cells.as_text(value)) if not cells.is_empty(value) else ""
        if not text and not required:
            return None
        if not text:  # also a formula with no value kept
            self.errors.append(t("required", self.lang, cell=self.cell(columns, key, i), what=key))
            return None
        if text not in allowed:
            self.errors.append(t("out_of_range", self.lang, cell=self.cell(columns, key, i),
                                 value=cells.as_text(value or ""), expected=", ".join(allowed), rule="Events/Periods"))
            return None
        return text


def read_events(ws: Any, errors: list[str], lang: str, max_rows: int | None = None) -> list[Event]:
    """The rows of an Events-like sheet (the plan's Events, the input's Fixed) as events, each
    with the cell of its row; bad cells go to `errors`. `max_rows`: more rows than any plan of
    the roster can have is an error, found before they are all read."""
    c = _Cells(ws, errors, lang)
    out = []
    for i, v, columns in _rows(ws, EVENT_COLUMNS, errors, lang, max_rows):
        day = c.parse(columns, i, "date", v.get("date"), c.date)
        kind = c.code(columns, i, "kind", v.get("kind"), EVENT_KINDS)
        phase = c.code(columns, i, "phase", v.get("phase"), PHASES)
        mode = c.code(columns, i, "mode", v.get("mode"), MODES, required=False)
        flags = [c.parse(columns, i, k, v.get(k), cells.as_bool) or False
                 for k in ("with_employer", "network_meeting", "substitute")]
        group = cells.as_text(v.get("group_id")) if not cells.is_empty(v.get("group_id")) else ""
        client = cells.as_text(v.get("client_id")) if not cells.is_empty(v.get("client_id")) else None
        staff = tuple(cells.as_list(v.get("staff_id")))
        note = cells.as_text(v.get("note")) if not cells.is_empty(v.get("note")) else ""
        if kind in (*INDIVIDUAL_KINDS, *DUE_KINDS) and client is None:  # whose visit, whose certificate?
            errors.append(t("event_needs", lang, cell=c.cell(columns, "client_id", i), kind=kind, what="client_id"))
        elif not group:
            errors.append(t("event_needs", lang, cell=c.cell(columns, "group_id", i), kind=kind, what="group_id"))
        elif day and kind and phase:
            out.append(Event(day, kind, phase, group, client, staff, mode, *flags, note=note, row=f"{ws.title}!A{i}"))
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
    plan = Plan()
    sheets = {}
    for key in ("events", "periods"):
        ws = _find_sheet(wb, key)
        if ws is None:
            en, fi = OUTPUT_SHEETS[key]
            errors.append(t("missing_sheet", lang, name=fi if lang == "fi" else en, fi=fi, en=en))
        sheets[key] = ws
    if errors:
        raise InputErrors(errors)

    plan.events = read_events(sheets["events"], errors, lang, max_events)
    ws = sheets["periods"]
    c = _Cells(ws, errors, lang)
    for i, v, columns in _rows(ws, PERIOD_COLUMNS, errors, lang):
        start = c.parse(columns, i, "start", v.get("start"), c.date)
        end = c.parse(columns, i, "end", v.get("end"), c.date)
        phase = c.code(columns, i, "phase", v.get("phase"), PHASES)
        days = c.parse(columns, i, "days", v.get("days"), cells.as_int, "a whole number")
        client = cells.as_text(v.get("client_id")) if not cells.is_empty(v.get("client_id")) else ""
        group = cells.as_text(v.get("group_id")) if not cells.is_empty(v.get("group_id")) else ""
        note = cells.as_text(v.get("note")) if not cells.is_empty(v.get("note")) else ""
        if start and end and phase and days is not None:
            plan.periods.append(Period(client, group, phase, start, end, days, note, row=f"{ws.title}!A{i}"))
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
