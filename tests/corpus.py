"""A corpus of bad and unusual input workbooks (issue 7), each with the answer it must get.

Every case builds its file in a directory and says what must happen: `error` (exit 2, every
message naming the sheet and cell, nothing written, the input byte-identical) with words the
messages must hold, or `ok` (the workbook is read, with a check of what was read).

    python -m tests.corpus      # every case and the message the tool gives it
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from .workbooks import english, save, set_cell


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    expect: str  # "error" or "ok"
    words: tuple[str, ...] = ()  # what the messages must say (error) or nothing
    check: Callable[[Any], bool] | None = field(default=None, compare=False)  # on the roster (ok)


def _sheets(change: Callable[[dict], Any]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        sheets = english()
        change(sheets)
        return save(tmp, sheets)
    return build


def _edit(change: Callable[[openpyxl.Workbook], Any], suffix: str = ".xlsx") -> Callable[[Path], Path]:
    """The small English workbook, changed with openpyxl (merged cells, hidden sheets, formulas)."""
    def build(tmp: Path) -> Path:
        path = save(tmp, english())
        wb = openpyxl.load_workbook(path)
        change(wb)
        out = path.with_suffix(suffix)
        wb.save(out)
        if out != path:
            path.unlink()
        return out
    return build


def _bytes(data: bytes, name: str = "roster.xlsx") -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path
    return build


def _truncated(tmp: Path) -> Path:
    path = save(tmp, english())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _ods(tmp: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return _bytes(buffer.getvalue())(tmp)


def _empty_workbook(tmp: Path) -> Path:
    path = tmp / "roster.xlsx"
    openpyxl.Workbook().save(path)
    return path


def _drop(sheet: str) -> Callable[[dict], Any]:
    return lambda s: s.pop(sheet)


def _rename_column(sheet: str, old: str, new: str) -> Callable[[dict], Any]:
    def change(s: dict) -> None:
        s[sheet][0][s[sheet][0].index(old)] = new
    return change


def _cell(sheet: str, row: int, column: str, value: Any) -> Callable[[dict], Any]:
    return lambda s: set_cell(s, sheet, row, column, value)


def _append(sheet: str, *rows: list) -> Callable[[dict], Any]:
    def change(s: dict) -> None:
        s[sheet].extend(list(r) for r in rows)
    return change


def _many_absences(n: int) -> Callable[[dict], Any]:
    def change(s: dict) -> None:
        s["Absences"] += [["A1", date(2028, 1, 3), date(2028, 1, 4), f"row {k}"] for k in range(n)]
    return change


def _merge(wb: openpyxl.Workbook) -> None:
    ws = wb["Staff"]
    ws["E2"] = 10
    ws.merge_cells("E2:E3")  # max_clients merged over two staff rows


def _hide(wb: openpyxl.Workbook) -> None:
    wb["Clients"].sheet_state = "hidden"


def _formula_error(wb: openpyxl.Workbook) -> None:
    wb["Clients"]["C2"] = "#REF!"  # a decision date whose formula broke


def _formula_no_value(wb: openpyxl.Workbook) -> None:
    wb["Clients"]["C2"] = "=DATE(2027,1,11)"  # written by a tool that computes nothing


def _serial_dates(wb: openpyxl.Workbook) -> None:
    wb["Groups"]["C2"] = 46419  # 1.2.2027 as an Excel day number, its date format lost
    wb["Groups"]["C2"].number_format = "General"


def _notes_sheet_with(value: str) -> Callable[[openpyxl.Workbook], Any]:
    def change(wb: openpyxl.Workbook) -> None:
        wb.create_sheet("Muistiinpanot")["B7"] = value
    return change


HETU_SIGNS = "-YXWVU+ABCDEF"  # the century signs, those of 2023 included


def _hetu(sign: str, k: int) -> Case:
    """An identity code with this century sign somewhere in the workbook: refused by its cell."""
    code = f"010199{sign}123K"
    sheet, row, column = [("Clients", 1, "lunch"), ("Staff", 2, "name"), ("Absences", 1, "reason"),
                          ("Groups", 1, "room"), ("Settings", 1, "value")][k % 5]
    change = _cell(sheet, row, column, f"henkilötunnus {code}") if sheet != "Settings" else \
        (lambda s: s["Settings"].append(["note", code]))
    return Case(f"identity code with '{sign}' in {sheet}", _sheets(change), "error", ("identity code",))


CASES: list[Case] = [
    Case("missing sheet", _sheets(_drop("Clients")), "error", ("Clients",)),
    Case("missing required column", _sheets(lambda s: [r.pop(1) for r in s["Clients"]]), "error", ("group_id",)),
    Case("misspelt header", _sheets(_rename_column("Clients", "client_id", "cleint_id")), "error",
         ("client_id", "cleint_id")),
    Case("text in a number column", _sheets(_cell("Groups", 1, "max_size", "kymmenen")), "error",
         ("Groups!B2", "kymmenen")),
    Case("impossible date 31.2.2027", _sheets(_cell("Clients", 1, "decision_date", "31.2.2027")), "error",
         ("Clients!C2", "31.2.2027")),
    Case("date as text, ISO and Finnish", _sheets(_cell("Clients", 1, "decision_date", "11.1.2027")), "ok",
         check=lambda r: r.clients["A1"].decision_date == date(2027, 1, 11)),
    Case("date as an Excel day number", _edit(_serial_dates), "ok",
         check=lambda r: r.groups["G1"].start_earliest == date(2027, 2, 1)),
    Case("a number far from any date", _sheets(_cell("Clients", 1, "decision_date", 12)), "error", ("Clients!C2",)),
    Case("numbers as text", _sheets(_cell("Clients", 2, "wp_days", " 55 ")), "ok",
         check=lambda r: r.clients["A2"].wp_days == 55),
    Case("bad yes/no", _sheets(_cell("Clients", 1, "clear_plan", "ehkä")), "error", ("Clients!E2", "ehkä")),
    Case("bad weekdays", _sheets(_cell("Staff", 1, "work_days", "joka päivä")), "error", ("Staff!D2",)),
    Case("unknown role", _sheets(_cell("Staff", 2, "roles", "kokki")), "error", ("Staff!C3",)),
    Case("count out of range", _sheets(_cell("Clients", 2, "start_visits", 9)), "error", ("Clients!F3", "R-START-1")),
    Case("formula error value #REF!", _edit(_formula_error), "error", ("Clients!C2", "#REF!")),
    Case("formula without a computed value", _edit(_formula_no_value), "error", ("Clients!C2",)),
    Case("merged cells", _edit(_merge), "ok", check=lambda r: r.staff["L1"].max_clients == 10),
    Case("hidden sheet", _edit(_hide), "ok", check=lambda r: len(r.clients) == 3),
    Case("duplicate client id", _sheets(_cell("Clients", 2, "client_id", "A1")), "error", ("A1",)),
    Case("duplicate staff id", _sheets(_append("Staff", ["C1", "", "case_manager", "Mon-Fri", 5, None, None])),
         "error", ("C1",)),
    Case("unknown group", _sheets(_cell("Clients", 1, "group_id", "G9")), "error", ("Clients!B2", "G9")),
    Case("unknown case manager", _sheets(_cell("Clients", 1, "case_manager", "X9")), "error", ("X9",)),
    Case("unknown leader", _sheets(_cell("Groups", 1, "leaders", "L1, L9")), "error", ("L9",)),
    Case("absence of an unknown person", _sheets(_append("Absences", ["Q7", date(2027, 3, 1), date(2027, 3, 2), ""])),
         "error", ("Q7",)),
    Case("end before start", _sheets(_append("Absences", ["C1", date(2027, 3, 9), date(2027, 3, 1), ""])),
         "error", ("Absences!C3",)),
    Case("overlapping absences", _sheets(_append("Absences", ["C1", date(2027, 7, 20), date(2027, 8, 6), "loma"])),
         "ok", check=lambda r: len(r.absences_of("C1")) == 2),
    Case("window outside the horizon", _sheets(_cell("Groups", 1, "start_earliest", date(2026, 11, 2))), "error",
         ("Groups!C2",)),
    Case("client id that is also a staff id", _sheets(_cell("Clients", 1, "client_id", "C1")), "error", ("C1",)),
    Case("an empty workbook", _empty_workbook, "error", ("Settings",)),
    Case("an empty file", _bytes(b""), "error", ("empty",)),
    Case(".xls renamed to .xlsx", _bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512), "error", (".xls",)),
    Case("password-protected workbook", _bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"EncryptedPackage" * 20),
         "error", ("password",)),
    Case(".csv renamed to .xlsx", _bytes(b"client_id,group_id\nA1,G1\n"), "error", ("CSV",)),
    Case(".ods renamed to .xlsx", _ods, "error", (".ods",)),
    Case("a picture renamed to .xlsx", _bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), "error",
         ("not a spreadsheet",)),
    Case("a truncated workbook", _truncated, "error", ("damaged",)),
    Case("macro-enabled .xlsm", _edit(lambda wb: None, ".xlsm"), "ok", check=lambda r: len(r.clients) == 3),
    Case("20,000 absence rows", _sheets(_many_absences(20_000)), "ok", check=lambda r: len(r.absences) == 20_001),
    Case("identity code in an extra sheet", _edit(_notes_sheet_with("asiakas 131052-308T")), "error",
         ("Muistiinpanot!B7",)),
    *[_hetu(sign, k) for k, sign in enumerate(HETU_SIGNS)],
]


def run_case(case: Case, tmp: Path) -> tuple[str, list[str]]:
    """('ok' or 'error', the messages) as the reader answers the case."""
    from optimizer.workbook.read import InputErrors, read_roster

    path = case.build(tmp)
    try:
        read_roster(path, lang="en")
    except InputErrors as exc:
        return "error", exc.messages
    return "ok", []


def main() -> None:
    import tempfile

    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            outcome, messages = run_case(case, Path(tmp))
        first = messages[0] if messages else "read"
        print(f"{case.name:42} {outcome:5} {first[:150]}")


if __name__ == "__main__":
    main()
