"""Small input workbooks in the contract's layout, English or Finnish, for reader and CLI tests."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

from optimizer.workbook.example import Sheets, write_input_workbook

ENGLISH: Sheets = {
    "Settings": [["key", "value"], ["plan_start", date(2027, 1, 4)], ["time_limit_s", 20]],
    "Staff": [
        ["staff_id", "name", "roles", "work_days", "max_clients", "day_minutes", "site"],
        ["L1", "Leena Ohjaaja", "group_leader, case_manager", "Mon-Fri", None, None, None],
        ["C1", "Kalle Ohjaaja", "case_manager", "Mon-Fri", 10, None, None],
    ],
    "Groups": [
        ["group_id", "max_size", "start_earliest", "start_latest", "weekdays", "leaders", "leaders_needed",
         "language", "room", "site"],
        ["G1", 6, date(2027, 2, 1), date(2027, 3, 1), None, "L1", None, "fi", None, None],
    ],
    "Clients": [
        ["client_id", "group_id", "decision_date", "case_manager", "clear_plan", "start_visits",
         "ready_visits", "wp_visits", "wp_days", "follow_up_visits", "wp_start", "lunch",
         "wp_short_reason", "language"],
        ["A1", "G1", date(2027, 1, 11), "C1", "no", None, None, None, None, None, None, "ravintola", None, None],
        ["A2", "G1", "2027-01-12", None, "no", 2, 3, 8, 50, 2, None, "ravintola", None, None],
        ["A3", "G1", "13.1.2027", None, "yes", None, None, None, None, None, None, None, None, None],
    ],
    "Absences": [
        ["person", "start", "end", "reason"],
        ["C1", date(2027, 7, 5), date(2027, 7, 30), "holiday"],
    ],
    "ClosedDays": [["date", "reason"], [date(2027, 12, 27), "Christmas"]],
}

FINNISH_SHEETS = {"Settings": "Asetukset", "Staff": "Henkilöstö", "Groups": "Ryhmät", "Clients": "Asiakkaat",
                  "Absences": "Poissaolot", "ClosedDays": "Suljettu"}


def english() -> Sheets:
    return copy.deepcopy(ENGLISH)


def finnish() -> Sheets:
    """The same roster with Finnish sheet names and headers."""
    from optimizer.workbook.labels import INPUT_COLUMNS

    out: Sheets = {}
    keys = {"Settings": "settings", "Staff": "staff", "Groups": "groups", "Clients": "clients",
            "Absences": "absences", "ClosedDays": "closed"}
    for name, rows in english().items():
        spec = {en: fi for _, en, fi, _ in INPUT_COLUMNS[keys[name]]}
        header = [spec.get(h, h) for h in rows[0]]
        body = rows[1:]
        if name == "Settings":
            body = [[{"plan_start": "suunnittelu_alkaa", "time_limit_s": "aikaraja_s"}.get(r[0], r[0]), r[1]]
                    for r in body]
        out[FINNISH_SHEETS[name]] = [header, *body]
    return out


def set_cell(sheets: Sheets, sheet: str, row: int, column: str, value: Any) -> Sheets:
    """Set a value by sheet name, data-row number (1 = first row under the header) and header."""
    rows = sheets[sheet]
    rows[row][rows[0].index(column)] = value
    return sheets


def save(tmp: Path, sheets: Sheets, name: str = "roster.xlsx") -> Path:
    return write_input_workbook(tmp / name, sheets)
