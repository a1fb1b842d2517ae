"""Read a plan workbook back (Events and Periods, in English or Finnish) for `optimize check`.

Works on the optimizer's own plans and on plans a coordinator made by hand in the same layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from ..messages import t
from ..plan import EVENT_KINDS, MODES, PHASES, Event, Period, Plan
from . import cells
from .cells import CellError
from .labels import EVENT_COLUMNS, OUTPUT_SHEETS, PERIOD_COLUMNS, Column, norm
from .read import InputErrors


def _find_sheet(wb: openpyxl.Workbook, key: str) -> Any:
    names = {norm(n) for n in OUTPUT_SHEETS[key]}
    return next((ws for ws in wb.worksheets if norm(ws.title) in names), None)


RowValues = tuple[int, dict[str, Any], dict[str, int]]


def _rows(ws: Any, spec: list[Column], errors: list[str], lang: str) -> list[RowValues]:
    names = {}
    for key, en, fi, _ in spec:
        names[norm(en)] = key
        names[norm(fi)] = key
    rows = list(ws.iter_rows(values_only=True))
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
        if all(cells.is_empty(v) for v in values):
            continue
        out.append((i, {k: values[j - 1] if j - 1 < len(values) else None for k, j in columns.items()}, columns))
    return out


class _Cells:
    """Parsing of one sheet's cells, each bad cell added to `errors` with its address."""

    def __init__(self, ws: Any, errors: list[str], lang: str) -> None:
        self.ws, self.errors, self.lang = ws, errors, lang

    def cell(self, columns: dict[str, int], key: str, i: int) -> str:
        return f"{self.ws.title}!{get_column_letter(columns.get(key, 1))}{i}"

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
        if text not in allowed:
            self.errors.append(t("out_of_range", self.lang, cell=self.cell(columns, key, i),
                                 value=cells.as_text(value or ""), expected=", ".join(allowed), rule="Events/Periods"))
            return None
        return text


def read_events(ws: Any, errors: list[str], lang: str) -> list[Event]:
    """The rows of an Events-like sheet (the plan's Events, the input's Fixed) as events, each
    with the cell of its row; bad cells go to `errors`."""
    c = _Cells(ws, errors, lang)
    out = []
    for i, v, columns in _rows(ws, EVENT_COLUMNS, errors, lang):
        day = c.parse(columns, i, "date", v.get("date"), cells.as_date)
        kind = c.code(columns, i, "kind", v.get("kind"), EVENT_KINDS)
        phase = c.code(columns, i, "phase", v.get("phase"), PHASES)
        mode = c.code(columns, i, "mode", v.get("mode"), MODES, required=False)
        flags = [c.parse(columns, i, k, v.get(k), cells.as_bool) or False
                 for k in ("with_employer", "network_meeting", "substitute")]
        group = cells.as_text(v.get("group_id")) if not cells.is_empty(v.get("group_id")) else ""
        client = cells.as_text(v.get("client_id")) if not cells.is_empty(v.get("client_id")) else None
        staff = tuple(cells.as_list(v.get("staff_id")))
        note = cells.as_text(v.get("note")) if not cells.is_empty(v.get("note")) else ""
        if day and kind and phase:
            out.append(Event(day, kind, phase, group, client, staff, mode, *flags, note=note, row=f"{ws.title}!A{i}"))
    return out


def read_plan(path: Path | str, lang: str = "fi") -> Plan:
    """Events and Periods of a plan workbook; every bad cell is reported (InputErrors)."""
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # any damaged or foreign file: a clear message, never a traceback
        raise InputErrors([t("cannot_open", lang, path=path, why=type(exc).__name__)]) from None
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

    plan.events = read_events(sheets["events"], errors, lang)
    ws = sheets["periods"]
    c = _Cells(ws, errors, lang)
    for i, v, columns in _rows(ws, PERIOD_COLUMNS, errors, lang):
        start = c.parse(columns, i, "start", v.get("start"), cells.as_date)
        end = c.parse(columns, i, "end", v.get("end"), cells.as_date)
        phase = c.code(columns, i, "phase", v.get("phase"), PHASES)
        days = c.parse(columns, i, "days", v.get("days"), cells.as_int, "a whole number")
        client = cells.as_text(v.get("client_id")) if not cells.is_empty(v.get("client_id")) else ""
        group = cells.as_text(v.get("group_id")) if not cells.is_empty(v.get("group_id")) else ""
        note = cells.as_text(v.get("note")) if not cells.is_empty(v.get("note")) else ""
        if start and end and phase and days is not None:
            plan.periods.append(Period(client, group, phase, start, end, days, note, row=f"{ws.title}!A{i}"))
    wb.close()
    if errors:
        raise InputErrors(errors)
    return plan
