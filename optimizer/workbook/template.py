"""`optimize template PATH`: a blank input workbook a coordinator fills in (issue 5).

The sheets and columns of the workbook contract in one language, an instructions sheet, one
example row per sheet (so the template itself reads back as a small roster), drop-down lists for
roles, weekday patterns, yes/no and languages, and date and whole-number validation with the
service model's ranges. `--example` fills it with the example roster instead.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.core.messages import CHOICE_TITLES, CHOICE_WORDS, COLUMN_HELP, EXAMPLE_WORDS, pick, t
from optimizer.core.service_model import SOFT_RULES, ServiceModel
from optimizer.workbook.example import example_sheets
from optimizer.workbook.labels import EVENT_CODES, EVENT_COLUMNS, INPUT_COLUMNS, INPUT_SHEETS, SETTINGS_KEYS, Column
from optimizer.workbook.sheet import save_workbook

ROWS = 500  # validation reaches this far down each sheet
DISPLAY = "words"  # the key of a display column (Finnish words beside a code) on the Fixed sheet
# Drop-down choices (CHOICE_WORDS) by sheet and column.
COLUMN_LISTS = {("staff", "roles"): "roles", ("staff", "work_days"): "work_days",
                ("groups", "weekdays"): "weekdays", ("groups", "language"): "language",
                ("groups", "postpone"): "yes_no",
                ("clients", "clear_plan"): "yes_no", ("clients", "language"): "language",
                ("clients", "wp_weekdays"): "wp_weekdays", ("clients", "attends_final"): "yes_no",
                ("absences", "reason"): "absence_reason"}
# Columns whose list helps but allows any other text too (a warning, not a stop): work days and
# part-time practice weekdays may be any pattern (e.g. "ma, ke, pe"), a reason any text.
OPEN_LISTS = {("staff", "work_days"), ("clients", "wp_weekdays"), ("absences", "reason")}
# Drop-downs of the ids the workbook itself holds (issue 15): the sheet whose first column they
# come from. Open (a warning, not a stop) where a cell may hold a list or an id of another sheet:
# a group's leaders, an absence of a client, a pinned group day's leaders.
ID_LISTS = {("clients", "group_id"): "groups", ("clients", "case_manager"): "staff", ("groups", "leaders"): "staff",
            ("absences", "person"): "staff", ("fixed", "group_id"): "groups", ("fixed", "client_id"): "clients",
            ("fixed", "staff_id"): "staff"}
OPEN_ID_LISTS = {("groups", "leaders"), ("absences", "person"), ("fixed", "staff_id")}
DATE_COLUMNS = {("groups", "start_earliest"), ("groups", "start_latest"), ("clients", "decision_date"),
                ("clients", "wp_start"), ("absences", "end"), ("fixed", "date")}
# Date columns that also take a range of days as text (27.12.2027–31.12.2027): no date validation.
RANGE_COLUMNS = {("absences", "start"), ("closed", "date")}
# Whole numbers and the service-model parameter that bounds them (R-START-1, R-READY-1, ...).
NUMBER_COLUMNS = {("clients", "start_visits"): "start_visits", ("clients", "ready_visits"): "ready_visits",
                  ("clients", "wp_visits"): "wp_visits", ("clients", "wp_days"): "wp_days",
                  ("clients", "follow_up_visits"): "follow_up_visits", ("groups", "max_size"): "group_max_size"}


def example_rows() -> dict[str, list[list[Any]]]:
    """One row per sheet that together make a small valid roster: a leader who is also a case
    manager, one group, one client, one holiday, one closed day."""
    return {
        "settings": [["plan_start", date(2027, 1, 4)], ["plan_end", None], ["time_limit_s", 60]],
        "staff": [["S01", "", "group_leader, case_manager", "Mon-Fri", 10, None, None]],
        "groups": [["G1", 8, date(2027, 3, 1), date(2027, 3, 29), "Mon-Thu", "S01", None, "fi", None, "no", None]],
        "clients": [["A001", "G1", date(2027, 2, 1), "S01", "no", 2, 3, 8, 50, 2, None, "", None, None, "no", "fi"]],
        "absences": [["S01", date(2027, 7, 5), date(2027, 7, 30), "holiday"]],
        "closed": [[date(2027, 12, 27), "Christmas"]],
    }


def write_template(path: Path, sm: ServiceModel, lang: str = "fi", example: bool = False) -> None:
    fi = lang == "fi"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    instructions = _instructions(wb, sm, lang)
    lists = _lists_sheet(wb, lang)
    rows = _example_roster(lang) if example else example_rows()
    for key in ("settings", "staff", "groups", "clients", "absences", "closed", "weights", "fixed"):
        en, fin = INPUT_SHEETS[key]
        ws = wb.create_sheet(fin if fi else en)
        lists.update({f"ids_{key}": f"{quote_sheetname(ws.title)}!$A$2:$A${ROWS}"})
        # Fixed (R-CLIENT-3): the Events sheet's columns as the plan has them, display columns of a
        # Finnish plan included, so a plan's rows can be copied in as they are.
        columns = INPUT_COLUMNS[key] if key != "fixed" else _fixed_columns(lang)
        ws.append([c[2] if fi else c[1] for c in columns])
        _explain_columns(instructions, ws, key, columns, lang)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        body = rows.get(key, [])
        if key == "settings" and not example:
            body = [[SETTINGS_KEYS[k][1 if fi else 0], v] for k, v in body]
        if key == "weights":
            body = [[rule, sm.weights[rule]] for rule in SOFT_RULES]
        for row in body:
            ws.append([_word(v, lang) for v in row])
        _format(ws, key, columns, lists, sm, lang)
    save_workbook(wb, path, lang)


def _word(value: Any, lang: str) -> Any:
    """The example rows' English words in Finnish for a Finnish template."""
    if lang != "fi" or not isinstance(value, str):
        return value
    for fi_list, en_list in CHOICE_WORDS.values():
        if value in en_list:
            return fi_list[en_list.index(value)]
    return EXAMPLE_WORDS[value][0] if value in EXAMPLE_WORDS else value


def _example_roster(lang: str) -> dict[str, list[list[Any]]]:
    """The example roster (data/roster.xlsx) by sheet key, its rows in the contract's column order."""
    by_fi = {fin: key for key, (_, fin) in INPUT_SHEETS.items()}
    out = {}
    for name, rows in example_sheets().items():
        key = by_fi[name]
        position = {str(h): k for k, h in enumerate(rows[0])}
        out[key] = [[row[position[fin]] if fin in position else None for _, _, fin, _ in INPUT_COLUMNS[key]]
                    for row in rows[1:]]
    return out


def _fixed_columns(lang: str) -> list[Column]:
    """The Fixed sheet's columns: the Events sheet's, each coded one followed in Finnish by its
    display column (optimizer/workbook/write.py), as the Finnish plan writes them."""
    out: list[Column] = []
    for column in EVENT_COLUMNS:
        out.append(column)
        if lang == "fi" and column[0] in EVENT_CODES:
            out.append((DISPLAY, column[1], t("display_column", lang, name=column[2]), False))
    return out


def _help(key: str, column: str, lang: str) -> str:
    return t("template_display_help", lang) if column == DISPLAY else pick(COLUMN_HELP[key, column], lang)


def _explain_columns(instructions: Worksheet, ws: Worksheet, key: str, columns: list[Column], lang: str) -> None:
    """A line on every column: in the instructions, and as the input message of its header cell."""
    for j, column in enumerate(columns, start=1):
        header = column[2] if lang == "fi" else column[1]
        text = _help(key, column[0], lang)
        instructions.append([f"{ws.title} / {header}: {text}"])
        prompt = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=header[:32], prompt=text[:255])
        ws.add_data_validation(prompt)
        prompt.add(ws.cell(1, j).coordinate)


def _format(ws: Worksheet, key: str, columns: list, lists: dict[str, str], sm: ServiceModel, lang: str) -> None:
    fi = lang == "fi"
    for j, (col_key, en, fin, required) in enumerate(columns, start=1):
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(len(fin if fi else en) + 4, 14)
        cells = f"{letter}2:{letter}{ROWS}"
        if (key, col_key) in ID_LISTS:
            source = ID_LISTS[key, col_key]
            dv = DataValidation(type="list", formula1=lists[f"ids_{source}"], allow_blank=True)
            dv.errorStyle = "warning" if (key, col_key) in OPEN_ID_LISTS else "stop"
            _add(ws, dv, cells, lang, sheet=INPUT_SHEETS[source][1 if fi else 0])
        elif (key, col_key) in RANGE_COLUMNS:
            for row in ws.iter_rows(min_row=2, min_col=j, max_col=j, max_row=ROWS):
                row[0].number_format = "d.m.yyyy"
        elif (key, col_key) in COLUMN_LISTS:
            dv = DataValidation(type="list", formula1=lists[COLUMN_LISTS[key, col_key]], allow_blank=True)
            dv.errorStyle = "warning" if (key, col_key) in OPEN_LISTS else "stop"
            _add(ws, dv, cells, lang)
        elif (key, col_key) in DATE_COLUMNS:
            dv = DataValidation(type="date", operator="between", formula1="DATE(2020,1,1)",
                                formula2="DATE(2040,12,31)", allow_blank=True)
            _add(ws, dv, cells, lang)
            for row in ws.iter_rows(min_row=2, min_col=j, max_col=j, max_row=ROWS):
                row[0].number_format = "d.m.yyyy"
        elif (key, col_key) in NUMBER_COLUMNS:
            param = NUMBER_COLUMNS[key, col_key]
            lo, hi = sm.rng(param).min, sm.rng(param).max
            dv = DataValidation(type="whole", operator="between", formula1=str(lo), formula2=str(hi),
                                allow_blank=True)
            _add(ws, dv, cells, lang, f"{lo}–{hi}")
        if required:
            ws.cell(1, j).font = Font(bold=True, underline="single")
    if key == "settings":
        for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
            if isinstance(row[0].value, date):
                row[0].number_format = "d.m.yyyy"
    ws.freeze_panes = "A2"


def _add(ws: Worksheet, dv: DataValidation, cells: str, lang: str, what: str = "", sheet: str = "") -> None:
    dv.showErrorMessage = True
    dv.error = (t("template_bad_id", lang, sheet=sheet) if sheet else t("template_bad_date", lang)
                if dv.type == "date" else t("template_bad_value", lang, what=what).strip())
    dv.errorTitle = "Taito"
    ws.add_data_validation(dv)
    dv.add(cells)


def _lists_sheet(wb: openpyxl.Workbook, lang: str) -> dict[str, str]:
    """A sheet of drop-down choices (an item may hold a comma, which a list formula cannot)."""
    ws = wb.create_sheet(t("template_choices_sheet", lang))
    ws.sheet_state = "hidden"  # the drop-downs read it; nobody fills it in
    refs = {}
    for j, (name, lists) in enumerate(CHOICE_WORDS.items(), start=1):
        values = pick(lists, lang)
        ws.cell(1, j, pick(CHOICE_TITLES[name], lang)).font = Font(bold=True)
        for i, v in enumerate(values, start=2):
            ws.cell(i, j, v)
        letter = get_column_letter(j)
        refs[name] = f"'{ws.title}'!${letter}$2:${letter}${len(values) + 1}"
        ws.column_dimensions[letter].width = 28
    return refs


def _instructions(wb: openpyxl.Workbook, sm: ServiceModel, lang: str) -> Worksheet:
    """The instructions sheet, ending in the title of the columns' lines (`_explain_columns`)."""
    ws = wb.create_sheet(t("template_instructions_sheet", lang))
    for line in t("template_instructions", lang).split("\n"):
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 120
    for row in ws.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    ws.append([])
    ws.append([t("template_columns_title", lang)])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    return ws
