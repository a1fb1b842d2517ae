"""A corpus of bad and unusual input workbooks (issue 7), each with the answer it must get.

Every case builds its file in a directory and says what must happen: `error` (exit 2, every
message naming the sheet and cell, nothing written, the input byte-identical) with words the
messages must hold, or `ok` (the workbook is read, with a check of what was read).

    python -m tests.corpus      # every case and the message the tool gives it
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatch
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


# =================================================================================================
# Hostile and careless use, round two (issue 12): each class of what did not hold, in instances
# other than the ones the issue names. Each attack builds files in a folder and runs `optimize`
# one or more times (Step); every step is checked for its exit code and words, for no traceback,
# for every file that was there being byte-identical afterwards (unless the step may replace
# it), for no file appearing that the step does not make (nothing partial), for no temporary
# file left behind, and for `never` (an identity code) in no output and no file written. Size
# attacks run in a subprocess, whose peak memory and time are measured against SIZE_BOUNDS.
# =================================================================================================

CODE = "010101A123B"  # an identity code (born 1.1.2001); each attack below hides one its own way
SIZE_BOUNDS = (40.0, 600)  # seconds and MiB for one size attack, on a loaded 2-core machine


@dataclass(frozen=True)
class Step:
    args: tuple[str, ...]  # optimize's arguments, paths relative to the attack's folder
    code: int  # the exit code it must give
    words: tuple[str, ...] = ()  # what its output must say
    made: tuple[str, ...] = ()  # files it writes (glob patterns): nothing else may appear
    changed: tuple[str, ...] = ()  # files it may replace: every other file stays byte-identical
    fault: Callable[[], Any] | None = None  # a context manager: a fault while the step runs (in-process)


@dataclass(frozen=True)
class Attack:
    cls: str  # the class of the table
    name: str
    build: Callable[[Path], list[Step]]
    never: tuple[str, ...] = ()  # in no output and no file written
    size: bool = False  # run in a subprocess; peak memory and time within SIZE_BOUNDS


# --- building blocks ----------------------------------------------------------------------------

def roster_file(tmp: Path, sheets: dict | None = None, name: str = "roster.xlsx") -> Path:
    return save(tmp, sheets if sheets is not None else english(), name)


_PLANNED: dict[str, bytes] = {}


def planned(tmp: Path, name: str = "plan.xlsx") -> tuple[Path, Path]:
    """The small roster and a plan of it (planned once per process, deterministically, then copied)."""
    from click.testing import CliRunner

    from optimizer.cli import main as cli

    roster = roster_file(tmp)
    if "plan" not in _PLANNED:
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            source = roster_file(Path(d))
            out = Path(d) / "plan.xlsx"
            result = CliRunner().invoke(cli, [str(source), "--lang", "en", "--time-limit", "10", "--deterministic",
                                              "-o", str(out)], catch_exceptions=False)
            assert result.exit_code == 0, result.output
            _PLANNED["plan"] = out.read_bytes()
    plan = tmp / name
    plan.write_bytes(_PLANNED["plan"])
    return roster, plan


def rewrite(path: Path, parts: dict[str, Any], out: Path | None = None) -> Path:
    """The zip at `path` with parts replaced (bytes), changed (a function of the old bytes) or
    added; written to `out` (default: over `path`)."""
    with zipfile.ZipFile(path) as z:
        old = {i.filename: z.read(i) for i in z.infolist()}
    for name, new in parts.items():
        old[name] = new(old.get(name, b"")) if callable(new) else new
    target = out or path
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in old.items():
            z.writestr(name, data)
    return target


def renamed(sheets: dict, ids: dict[str, str]) -> dict:
    """The sheets with every cell that is one of `ids` (or lists it) renamed."""
    for rows in sheets.values():
        for row in rows[1:]:
            for k, v in enumerate(row):
                if isinstance(v, str) and any(x.strip() in ids for x in v.split(",")):
                    row[k] = ", ".join(ids.get(x.strip(), x.strip()) for x in v.split(","))
    return sheets


def with_sheet(tmp: Path, sheet_xml: bytes, name: str = "Extra", base: dict | None = None,
               file: str = "roster.xlsx") -> Path:
    """The roster with one more sheet, whose XML is `sheet_xml` (as a hostile tool would write it)."""
    sheets = base if base is not None else english()
    sheets[name] = [["x"]]
    path = roster_file(tmp, sheets, file)
    return rewrite(path, {f"xl/worksheets/sheet{len(sheets)}.xml": sheet_xml})


def sheet_xml(rows: str, dimension: str = "A1") -> bytes:
    return (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>').encode()


def with_shared_strings(path: Path, sheet_part: str, si: list[str]) -> Path:
    """A shared-strings part holding `si` (raw <si> contents), its cells A1.. of one row of the
    sheet part pointing at them."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sst = f'<sst xmlns="{ns}" count="{len(si)}" uniqueCount="{len(si)}">' + "".join(
        f"<si>{x}</si>" for x in si) + "</sst>"
    cells = "".join(f'<c r="{chr(65 + k)}7" t="s"><v>{k}</v></c>' for k in range(len(si)))
    rel = ('<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    kind = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sharedStrings+xml"/></Types>')
    return rewrite(path, {
        "xl/sharedStrings.xml": sst.encode(),
        "xl/_rels/workbook.xml.rels": lambda b: b.replace(b"</Relationships>", rel.encode()),
        "[Content_Types].xml": lambda b: b.replace(b"</Types>", kind.encode()),
        sheet_part: lambda b: b.replace(b"</sheetData>", f'<row r="7">{cells}</row></sheetData>'.encode()),
    })


def openpyxl_edit(tmp: Path, change: Callable[[openpyxl.Workbook], Any], name: str = "roster.xlsx") -> Path:
    path = roster_file(tmp, name=name)
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def model_file(tmp: Path, change: Callable[[str], str], name: str = "model.toml") -> Path:
    from optimizer.core.service_model import DEFAULT_MODEL_PATH

    path = tmp / name
    path.write_text(change(DEFAULT_MODEL_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def set_param(text: str, name: str, key: str, value: str) -> str:
    """The model text with `key = value` in the table [param.NAME] or [weight.NAME]."""
    head = f"[{name}]\n"
    start = text.index(head) + len(head)
    end = text.find("\n[", start)
    body = "\n".join(line for line in text[start:end].split("\n") if not line.startswith(f"{key} "))
    return text[:start] + f"{key} = {value}\n" + body + text[end:]


def _plan_step(*extra: str, code: int = 0, words: tuple[str, ...] = (), roster: str = "roster.xlsx",
               out: str = "roster-plan.xlsx", made: tuple[str, ...] | None = None, **kw: Any) -> Step:
    """`optimize ROSTER` in English with a short limit, deterministic: what a plan holds (who
    has events, what a re-plan moves) is then the same however loaded the machine is."""
    default_made = (out, out.replace(".xlsx", ".png")) if code == 0 else ()
    return Step((roster, "--lang", "en", "--time-limit", "5", "--deterministic", "-o", out, *extra), code, words,
                made=default_made if made is None else made, **kw)


def _fixed_pid_dead() -> int:
    """A process id that no process has (for a temporary file a killed run left behind)."""
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid += 1


# --- the attacks, class by class ------------------------------------------------------------------

def _lost_input() -> list[Attack]:
    def compare_over_b(tmp: Path) -> list[Step]:
        roster_file(tmp, name="a.xlsx")
        roster_file(tmp, name="b.xlsx")
        return [Step(("compare", "a.xlsx", "b.xlsx", "-o", "b.xlsx", "--lang", "en", "--time-limit", "5"), 2,
                     ("cannot be the input",))]

    def diff_through_link(tmp: Path) -> list[Step]:
        _, plan = planned(tmp)
        (tmp / "link.xlsx").symlink_to(plan)
        return [Step(("diff", "plan.xlsx", "plan.xlsx", "-o", "link.xlsx", "--lang", "en"), 2,
                     ("cannot be the input",))]

    def plan_over_hard_link(tmp: Path) -> list[Step]:
        roster = roster_file(tmp)
        os.link(roster, tmp / "same.xlsx")
        return [_plan_step(out="same.xlsx", code=2, words=("cannot be the input",))]

    def plan_over_previous(tmp: Path) -> list[Step]:
        planned(tmp, "roster-plan.xlsx")
        return [_plan_step("--previous", "roster-plan.xlsx", code=2, words=("cannot be the input",))]

    def template_over_roster(tmp: Path) -> list[Step]:
        roster_file(tmp)
        return [Step(("template", "roster.xlsx", "--lang", "en"), 2, ("exists already",))]

    return [Attack("lost input", "compare -o the second variant", compare_over_b),
            Attack("lost input", "diff -o a symbolic link to its input", diff_through_link),
            Attack("lost input", "plan -o a hard link to the roster", plan_over_hard_link),
            Attack("lost input", "plan over the --previous plan", plan_over_previous),
            Attack("lost input", "template over an existing roster", template_over_roster)]


def _runaway_read() -> list[Attack]:
    def settings_path(value: str) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            sheets = english()
            sheets["Settings"].append(["service_model", value])
            roster_file(tmp, sheets)
            return [_plan_step(code=2, words=("Settings!B4", "--service-model"))]
        return build

    def cli_model(make: Callable[[Path], Path], words: tuple[str, ...]) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            roster_file(tmp)
            model = make(tmp)
            return [_plan_step("--service-model", str(model), code=2, words=words)]
        return build

    def fifo(tmp: Path) -> Path:
        os.mkfifo(tmp / "model.toml")
        return tmp / "model.toml"

    def huge(tmp: Path) -> Path:
        path = tmp / "model.toml"
        path.write_bytes(b"# " + b"x" * (3 * 1024 * 1024))
        return path

    def roster_fifo(tmp: Path) -> list[Step]:
        os.mkfifo(tmp / "roster.xlsx")
        return [_plan_step(code=2, words=("not a regular file",))]

    return [Attack("runaway read", "Settings service_model an absolute path", settings_path("/etc/passwd")),
            Attack("runaway read", "Settings service_model up the folders", settings_path("../../models/x.toml")),
            Attack("runaway read", "--service-model a named pipe", cli_model(fifo, ("not a regular file",))),
            Attack("runaway read", "--service-model of 3 MB", cli_model(huge, ("larger than a service model",))),
            Attack("runaway read", "the roster a named pipe", roster_fifo)]


def _runaway_scan() -> list[Attack]:
    far = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>' \
          '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row>'

    def extra_sheet_corners(tmp: Path) -> list[Step]:
        with_sheet(tmp, sheet_xml(far, "A1:XFD1048576"))
        return [_plan_step()]

    def plan_events_corner(tmp: Path) -> list[Step]:
        _, plan = planned(tmp)
        corner = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>z</t></is></c></row></sheetData>'
        rewrite(plan, {"xl/worksheets/sheet2.xml": lambda b: re.sub(
            rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', b.replace(b"</sheetData>", corner))})
        return [Step(("check", "roster.xlsx", "plan.xlsx", "--lang", "en"), 0, ("Every hard rule holds",)),
                Step(("diff", "plan.xlsx", "plan.xlsx", "--lang", "en", "-o", "changes.xlsx"), 0, ("0 changes",),
                     made=("changes.xlsx",))]

    def declared_only(tmp: Path) -> list[Step]:
        with_sheet(tmp, sheet_xml('<row r="2"><c r="B2"><v>1</v></c></row>', "A1:XFD1048576"))
        return [Step(("check", "roster.xlsx", "roster.xlsx", "--lang", "en"), 2, ("Events",))]

    return [Attack("runaway scan", "an extra sheet with cells in two far corners", extra_sheet_corners, size=True),
            Attack("runaway scan", "a plan's Events with a cell at XFD1048576 (check, diff)", plan_events_corner,
                   size=True),
            Attack("runaway scan", "a sheet declaring A1:XFD1048576 around one cell", declared_only, size=True)]


def _size() -> list[Attack]:
    def long_shared_string(megabytes: int, words: tuple[str, ...]) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            path = roster_file(tmp)
            with_shared_strings(path, "xl/worksheets/sheet2.xml", ["<t>" + "x" * (megabytes * 1024 * 1024) + "</t>"])
            return [_plan_step(code=2, words=words)]
        return build

    def lying_sizes(tmp: Path) -> list[Step]:
        """A part whose zip header says 1 KB while it unpacks to 64 MB (a zip bomb in disguise)."""
        path = with_sheet(tmp, sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>'))
        data = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (64 * 1024 * 1024))
        rewrite(path, {"xl/worksheets/sheet7.xml": data})
        _declare_size(path, "xl/worksheets/sheet7.xml", 1024)
        return [_plan_step(code=2, words=("damaged",))]

    def reach(tmp: Path) -> list[Step]:
        rows = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="XFD{r}"><v>2</v></c></row>' for r in range(1, 80))
        with_sheet(tmp, sheet_xml(rows))
        return [_plan_step(code=2, words=("more than 1 000 000 cells",))]

    def dense(tmp: Path) -> list[Step]:
        # Cells without a reference (allowed: each follows the one before), so that the file is
        # made in a moment.
        rows = ("<row>" + "<c><v>1</v></c>" * 12 + "</row>") * 90_000
        with_sheet(tmp, sheet_xml(rows))
        return [_plan_step(code=2, words=("more than 1 000 000 cells",))]

    def formatted_rows(tmp: Path) -> list[Step]:
        rows = "".join(f'<row r="{r}" s="1" customFormat="1"/>' for r in range(10, 400_000))
        path = roster_file(tmp)
        rewrite(path, {"xl/worksheets/sheet4.xml": lambda b: b.replace(b"</sheetData>",
                                                                        rows.encode() + b"</sheetData>")})
        return [_plan_step(code=2, words=("Clients", "more than 200 000 rows"))]

    def many_parts(tmp: Path) -> list[Step]:
        path = roster_file(tmp)
        rewrite(path, {f"customXml/item{k}.xml": b"<a/>" for k in range(2_500)})
        return [_plan_step(code=2, words=("internal parts",))]

    return [Attack("size", "a 160 MB shared string in a small file", long_shared_string(160, ("unpacks to more",)),
                   size=True),
            Attack("size", "a 40,000-character cell", lambda tmp: _long_cell(tmp), size=True),
            Attack("size", "a part whose zip header hides its size", lying_sizes, size=True),
            Attack("size", "79 rows reaching column XFD", reach, size=True),
            Attack("size", "1.08 million real cells", dense, size=True),
            Attack("size", "400,000 formatted empty rows in Clients", formatted_rows, size=True),
            Attack("size", "2,500 parts in the zip", many_parts, size=True)]


def _long_cell(tmp: Path) -> list[Step]:
    path = roster_file(tmp)
    with_shared_strings(path, "xl/worksheets/sheet2.xml", ["<t>" + "y" * 40_000 + "</t>"])
    return [_plan_step(code=2, words=("longer than 32 767 characters",))]


def _declare_size(path: Path, member: str, size: int) -> None:
    """Write `size` as the unpacked size of `member` in the zip's local header and central directory."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    data[info.header_offset + 22: info.header_offset + 26] = size.to_bytes(4, "little")
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(data[at + 28: at + 30], "little")
        if bytes(data[at + 46: at + 46 + length]) == name:
            data[at + 24: at + 28] = size.to_bytes(4, "little")
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def _slow_output() -> list[Attack]:
    def staff_rows(n: int) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            sheets = english()
            sheets["Staff"] += [[f"X{k}", None, "case_manager", "Mon-Fri", 5, None, None] for k in range(n)]
            roster_file(tmp, sheets)
            return [_plan_step("--ics", "cal", made=("roster-plan.*", "cal/*.ics"))]
        return build

    def absences(tmp: Path) -> list[Step]:
        sheets = english()
        sheets["Staff"] += [[f"X{k}", None, "case_manager", "Mon-Fri", 5, None, None] for k in range(300)]
        sheets["Absences"] += [[f"X{k % 300}", date(2027, 1 + k % 12, 1), date(2027, 1 + k % 12, 20), "loma"]
                               for k in range(4_000)]
        roster_file(tmp, sheets)
        return [_plan_step()]

    return [Attack("slow output", "800 staff rows and 3 clients", staff_rows(800), size=True),
            Attack("slow output", "300 staff with 4,000 absences", absences, size=True)]


def _cell_attack(cls: str, name: str, where: tuple[str, ...], change: Callable[[openpyxl.Workbook], Any],
                 file: str = "roster.xlsx") -> Attack:
    def build(tmp: Path) -> list[Step]:
        openpyxl_edit(tmp, change, file)
        return [_plan_step(code=2, roster=file, words=("identity code", *where))]
    return Attack(cls, name, build, never=(CODE,))


def _identity_echoed() -> list[Attack]:
    def sheet(title: str) -> Callable[[openpyxl.Workbook], Any]:
        return lambda wb: wb.create_sheet(title)

    def setting(wb: openpyxl.Workbook) -> None:
        wb["Settings"].append([f"muistiinpano {CODE}", "x"])

    return [_cell_attack("identity code echoed", "a sheet named by a code", ("the name of sheet no. 7",),
                         sheet(f"Muistio {CODE}")),
            _cell_attack("identity code echoed", "an input sheet's name with a code",
                         ("the name of sheet no. 7",), sheet(f"Poissaolot {CODE}")),
            _cell_attack("identity code echoed", "an unknown setting named by a code", ("Settings!A4",), setting)]


def _identity_unrecognised() -> list[Attack]:
    forms = {
        "a zero-width joiner inside": "0101\u200d01A123B",
        "a figure dash as the sign": "010101\u2012123B",
        "glued between letters": f"asiakas{CODE}x",
        "full-width digits": "０１０１０１A１２３B",
        "a soft hyphen inside": "01010\u00ad1A123B",
        "Cyrillic A as the sign": "010101\u0410123B",
    }
    out = [_cell_attack("identity code not recognised", name, ("Clients!L2",),
                        lambda wb, v=value: wb["Clients"].__setitem__("L2", f"ruokailu {v}"))
           for name, value in forms.items()]

    def comment(wb: openpyxl.Workbook) -> None:
        from openpyxl.comments import Comment

        wb["Staff"]["B2"].comment = Comment(f"hetu {CODE}", "coordinator")

    def defined_name(wb: openpyxl.Workbook) -> None:
        from openpyxl.workbook.defined_name import DefinedName

        wb.defined_names.add(DefinedName(f"x{CODE}", attr_text="Settings!$A$1"))

    def title(wb: openpyxl.Workbook) -> None:
        wb.properties.title = f"Asiakas {CODE}"

    def header(wb: openpyxl.Workbook) -> None:
        wb["Clients"].oddHeader.center.text = f"Asiakas {CODE}"

    def validation(wb: openpyxl.Workbook) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(type="list", formula1='"a,b"', prompt=f"hetu {CODE}", showInputMessage=True)
        wb["Clients"].add_data_validation(dv)
        dv.add("L2")

    def rich_runs(tmp: Path) -> list[Step]:
        path = roster_file(tmp)
        with_shared_strings(path, "xl/worksheets/sheet2.xml",
                            ['<r><t>asiakas 0101</t></r><r><rPr><b/></rPr><t xml:space="preserve">01A123B</t></r>'])
        return [_plan_step(code=2, words=("identity code", "Staff!A7"))]

    def file_name(tmp: Path) -> list[Step]:
        roster_file(tmp, name=f"asiakas {CODE}.xlsx")
        return [_plan_step(code=2, roster=f"asiakas {CODE}.xlsx", out="plan.xlsx", words=("identity code",))]

    def output_name(tmp: Path) -> list[Step]:
        roster_file(tmp)
        return [_plan_step(code=2, out=f"{CODE}.xlsx", words=("identity code",))]

    out += [_cell_attack("identity code not recognised", "a comment", ("a comment on Staff!B2",), comment),
            _cell_attack("identity code not recognised", "a defined name", ("a defined name",), defined_name),
            _cell_attack("identity code not recognised", "the document title", ("properties",), title),
            _cell_attack("identity code not recognised", "a sheet header", ("header or footer of sheet Clients",),
                         header),
            _cell_attack("identity code not recognised", "a data-validation prompt", ("sheet Clients",), validation),
            Attack("identity code not recognised", "a code split over two formatted runs", rich_runs, never=(CODE,)),
            Attack("identity code not recognised", "the roster's file name", file_name, never=(CODE,)),
            Attack("identity code not recognised", "the output's file name", output_name, never=(CODE,))]
    return out


def _plans_not_scanned() -> list[Attack]:
    def plan_with(part: str, cell: str, text: str) -> Callable[[Path], Path]:
        def change(tmp: Path) -> Path:
            _, plan = planned(tmp)
            wb = openpyxl.load_workbook(plan)
            wb.worksheets[int(part)][cell] = text
            wb.save(plan)
            return plan
        return change

    def check(tmp: Path) -> list[Step]:
        plan_with("1", "K5", f"muistiinpano {CODE}")(tmp)
        return [Step(("check", "roster.xlsx", "plan.xlsx", "--lang", "en"), 2, ("identity code", "Events!K5"))]

    def diff(tmp: Path) -> list[Step]:
        plan_with("2", "G3", f"asiakas {CODE}")(tmp)
        return [Step(("diff", "plan.xlsx", "plan.xlsx", "--lang", "en", "-o", "changes.xlsx"), 2,
                     ("identity code", "Periods!G3"))]

    def previous(tmp: Path) -> list[Step]:
        _, plan = planned(tmp, "old.xlsx")
        wb = openpyxl.load_workbook(plan)
        wb.create_sheet("Notes")["A1"] = f"asiakas {CODE}"
        wb.save(plan)
        return [_plan_step("--previous", "old.xlsx", code=2, words=("identity code", "Notes!A1"))]

    return [Attack("plans not scanned", "check: a code in an Events note", check, never=(CODE,)),
            Attack("plans not scanned", "diff: a code in a Periods note", diff, never=(CODE,)),
            Attack("plans not scanned", "--previous: a code in an extra sheet", previous, never=(CODE,))]


def _model_formula() -> list[Attack]:
    def build(change: Callable[[str], str]) -> Callable[[Path], list[Step]]:
        def steps(tmp: Path) -> list[Step]:
            roster_file(tmp)
            model_file(tmp, change)
            return [_plan_step("--service-model", "model.toml")]
        return steps

    return [
        Attack("formula from the service model", "a weight's Finnish text",
               build(lambda s: set_param(s, "weight.S-SPREAD", "text", "\"=cmd|' /C calc'!A0\""))),
        Attack("formula from the service model", "the model's name",
               build(lambda s: set_param(s, "model", "name", '"@SUM(1+1)*cmd|\' /C calc\'!A0"'))),
        Attack("formula from the service model", "a weight's unit",
               build(lambda s: set_param(s, "weight.S-LOAD", "unit", '"+1+HYPERLINK(\\"http://x\\")"'))),
    ]


def _calendar_overwrite() -> list[Attack]:
    def ids(*staff: str) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            sheets = english()
            for k, sid in enumerate(staff):
                sheets["Staff"].append([sid, None, "case_manager", "Mon-Fri", 10, None, None])
                sheets["Clients"][1 + k][sheets["Clients"][0].index("case_manager")] = sid
            roster_file(tmp, sheets)
            return [_plan_step("--ics", "cal", made=("roster-plan.*", "cal/*.ics"),
                               words=(f"{len(staff) + 1} calendar files",))]
        return build

    return [Attack("calendar files overwrite each other", "S-1 and s-1 on a disk that ignores case", ids("S-1", "s-1")),
            Attack("calendar files overwrite each other", "a.b and a_b", ids("a.b", "a_b")),
            Attack("calendar files overwrite each other", "CON and an id of symbols only", ids("CON", "€€"))]


def _fault(target: str, error: BaseException, after: int = 0, once: bool = False) -> Callable[[], Any]:
    """A fault at `target` (a function the command line calls): raised on the calls after
    `after` (`once`: only on the next one, a passing failure)."""
    from unittest import mock

    def context() -> Any:
        calls = {"n": 0}
        import pkgutil

        real = pkgutil.resolve_name(target)

        def faulty(*a: Any, **kw: Any) -> Any:
            calls["n"] += 1
            if calls["n"] > after and not (once and calls["n"] > after + 1):
                raise error
            return real(*a, **kw)
        return mock.patch(target, faulty)
    return context


def _lock_appears() -> Any:
    """Excel opens the old plan while this run plans: its lock file appears before the write
    (when the search validates its plan, the last step before the files are written)."""
    from unittest import mock

    import optimizer.search.solve as search

    real = search.validate

    def validate(*a: Any, **kw: Any) -> Any:
        Path("~$roster-plan.xlsx").write_bytes(b"lock")
        return real(*a, **kw)
    return mock.patch("optimizer.search.solve.validate", validate)


def _picture_lost() -> list[Attack]:
    outputs = ("roster-plan.*", "cal/*.ics")

    def twice(fault: Callable[[], Any], code: int, words: tuple[str, ...], made: tuple[str, ...] = ()) -> Callable:
        def build(tmp: Path) -> list[Step]:
            roster_file(tmp)
            return [_plan_step("--ics", "cal", made=outputs), _plan_step("--ics", "cal", code=code, words=words,
                                                                          fault=fault, made=made)]
        return build

    disk_full = OSError(28, "No space left on device")
    return [
        Attack("picture lost", "disk full while saving the workbook",
               twice(_fault("optimizer.run.write_plan", disk_full), 2, ("No space left",))),
        Attack("picture lost", "Ctrl-C while saving the workbook",
               twice(_fault("optimizer.run.write_plan", KeyboardInterrupt()), 130, ())),
        Attack("picture lost", "a lock file appearing before the write",
               twice(_lock_appears, 2, ("open in Excel",), made=("~$roster-plan.xlsx",))),
        Attack("picture lost", "the third rename failing",
               twice(_fault("optimizer.output.files.os.replace", OSError(30, "Read-only file system"),
                            after=3, once=True), 2, ("Read-only file system",))),
    ]


def _exit_one() -> list[Attack]:
    def staff_id(value: str, words: tuple[str, ...]) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            sheets = set_cell(english(), "Staff", 2, "staff_id", value)
            sheets["Clients"][1][3] = value
            roster_file(tmp, sheets)
            return [_plan_step("--ics", "cal", code=2, words=words)]
        return build

    def ids_plan(tmp: Path) -> list[Step]:
        roster_file(tmp, renamed(english(), {"A1": "A$\\frac{1}{2}$", "G1": "G$^{2}$"}))
        return [_plan_step()]

    def cell(sheet: str, row: int, column: str, value: Any, words: tuple[str, ...]) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            roster_file(tmp, set_cell(english(), sheet, row, column, value))
            return [_plan_step(code=2, words=words)]
        return build

    def plan_start(tmp: Path) -> list[Step]:
        sheets = english()
        sheets["Settings"][1][1] = "4.1.2150"
        roster_file(tmp, sheets)
        return [_plan_step(code=2, words=("Settings!B2", "2000–2099"))]

    def model(name: str, key: str, value: str, words: tuple[str, ...]) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            roster_file(tmp)
            model_file(tmp, lambda s: set_param(s, name, key, value))
            return [_plan_step("--service-model", "model.toml", code=2, words=words)]
        return build

    return [
        Attack("exit 1", "a staff id with a tab", staff_id("C\t1", ("Staff!A3", "line break"))),
        Attack("exit 1", "a staff id with a line separator", staff_id("C\u20281", ("Staff!A3",))),
        Attack("exit 1", "ids in TeX math ($\\frac$)", ids_plan),
        Attack("exit 1", "a caseload of 10^30", cell("Staff", 2, "max_clients", 1e30, ("Staff!E3",))),
        Attack("exit 1", "a weight of 10^20", lambda tmp: _weights(tmp, 10**20)),
        Attack("exit 1", "plan start in the year 2150", plan_start),
        Attack("exit 1", "--seed -1 and 2^40", _after(
            roster_file, Step(("roster.xlsx", "--seed", "-1"), 2, ("--seed",)),
            Step(("roster.xlsx", "--seed", str(2**40)), 2, ("--seed",)))),
        Attack("exit 1", "service model: video visits of 0 minutes",
               model("param.minutes_video", "value", "0", ("minutes_video",))),
        Attack("exit 1", "service model: process of 10^12 months",
               model("param.process_months", "value", str(10**12), ("process_months",))),
        Attack("exit 1", "service model: a weight of 10^40", model("weight.S-LOAD", "value", str(10**40), ("S-LOAD",))),
        Attack("exit 1", "service model: plan end 999 months after", model("param.plan_end_default_months", "value",
                                                                          "999", ("plan_end_default_months",))),
    ]


def _weights(tmp: Path, value: int) -> list[Step]:
    sheets = english()
    sheets["Weights"] = [["rule", "weight"], ["S-LOAD", value]]
    roster_file(tmp, sheets)
    return [_plan_step(code=2, words=("Weights!B2",))]


def _wrong_exit() -> list[Attack]:
    def long_id(tmp: Path) -> list[Step]:
        sheets = set_cell(english(), "Staff", 2, "staff_id", "C" * 120)
        sheets["Clients"][1][3] = "C" * 120
        roster_file(tmp, sheets)
        return [_plan_step("--ics", "cal", code=2, words=("Staff!A3", "at most 40"))]

    def ics_is_a_file(tmp: Path) -> list[Step]:
        roster_file(tmp)
        (tmp / "cal").write_text("not a folder")
        return [_plan_step("--ics", "cal", code=2, words=("is not a folder",))]

    def ics_disk_full(tmp: Path) -> list[Step]:
        roster_file(tmp)
        return [_plan_step("--ics", "cal", code=2, words=("No space left",),
                           fault=_fault("pathlib.Path.write_bytes", OSError(28, "No space left on device")))]

    return [Attack("wrong exit code", "a 120-character staff id with --ics", long_id),
            Attack("wrong exit code", "the calendar folder is a file", ics_is_a_file),
            Attack("wrong exit code", "disk full while making the calendars", ics_disk_full)]


def _round_trip() -> list[Attack]:
    def ids(rename: dict[str, str]) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            roster_file(tmp, renamed(english(), rename))
            return [_plan_step(),
                    Step(("check", "roster.xlsx", "roster-plan.xlsx", "--lang", "en"), 0, ("Every hard rule holds",)),
                    Step(("diff", "roster-plan.xlsx", "roster-plan.xlsx", "--lang", "en", "-o", "changes.xlsx"), 0,
                         ("0 changes",), made=("changes.xlsx",)),
                    # Ids that did not round-trip made every event of the previous plan "removed".
                    _plan_step("--previous", "roster-plan.xlsx", out="again.xlsx",
                               words=("events 0 moved", "and 0 removed"))]
        return build

    return [Attack("round trip broken", "ids starting with = and +", ids({"A1": "=A1", "C1": "+C1", "G1": "=G1"})),
            Attack("round trip broken", "ids starting with - and @", ids({"A2": "-A2", "L1": "@L1", "A3": "@A3"}))]


def _check_with_row(values: list[Any], words: tuple[str, ...]) -> Callable[[Path], list[Step]]:
    """`check` of the small plan with one more Events row: refused with `words`."""
    def build(tmp: Path) -> list[Step]:
        _, plan = planned(tmp)
        wb = openpyxl.load_workbook(plan)
        wb["Events"].append(values)
        wb.save(plan)
        return [Step(("check", "roster.xlsx", "plan.xlsx", "--lang", "en"), 2, words)]
    return build


def _check_lenient() -> list[Attack]:
    extra_row = _check_with_row

    def other_roster(tmp: Path) -> list[Step]:
        planned(tmp)
        sheets = english()
        for k, row in enumerate(sheets["Clients"][1:], start=1):
            row[0] = f"B{k}"
        roster_file(tmp, sheets, "other.xlsx")
        return [Step(("check", "other.xlsx", "plan.xlsx", "--lang", "en"), 2, ("does not belong to this roster",))]

    return [Attack("check too lenient", "an event of an unknown client",
                   extra_row([date(2027, 3, 1), "wp_visit", "work_practice", "G1", "NOPE", "C1", "video"],
                             ("client 'NOPE' is not in the roster",))),
            Attack("check too lenient", "an event of an unknown staff member",
                   extra_row([date(2027, 3, 1), "wp_visit", "work_practice", "G1", "A1", "Z9", "video"],
                             ("staff member 'Z9' is not in the roster",))),
            Attack("check too lenient", "a plan of another roster", other_roster)]


def _nan_limits() -> list[Attack]:
    def cli(value: str) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            roster_file(tmp)
            return [Step(("roster.xlsx", "--time-limit", value), 2, ("--time-limit",))]
        return build

    def setting(value: Any) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            sheets = english()
            sheets["Settings"][2][1] = value
            roster_file(tmp, sheets)
            return [Step(("roster.xlsx", "--lang", "en"), 2, ("Settings!B3",))]
        return build

    return [Attack("not-a-number limits", "--time-limit inf", cli("inf")),
            Attack("not-a-number limits", "--time-limit -nan", cli("-nan")),
            Attack("not-a-number limits", "--time-limit 1e-300", cli("1e-300")),
            Attack("not-a-number limits", "Settings aikaraja_s 'NaN'", setting("NaN")),
            Attack("not-a-number limits", "Settings aikaraja_s '-inf'", setting("-inf")),
            Attack("not-a-number limits", "Settings aikaraja_s 10^9", setting(1e9))]


def _misleading() -> list[Attack]:
    def decision_after_end(tmp: Path) -> list[Step]:
        sheets = english()
        sheets["Settings"].append(["plan_end", date(2028, 6, 30)])
        set_cell(sheets, "Clients", 2, "decision_date", date(2028, 9, 1))
        roster_file(tmp, sheets)
        return [_plan_step(code=2, words=("Clients!C3", "decision_date", "2028-09-01"))]

    def missing_folder(tmp: Path) -> list[Step]:
        roster_file(tmp)
        return [Step(("roster.xlsx", "-o", "nowhere/plan.xlsx", "--lang", "en"), 2, ("There is no folder",))]

    def dde_link(tmp: Path) -> list[Step]:
        path = roster_file(tmp)
        link = (b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<ddeLink ddeService="Excel" ddeTopic="C:\\\\x\\\\old.xls"><ddeItems><ddeItem name="R1C1"/>'
                b"</ddeItems></ddeLink></externalLink>")
        rel = (b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               b'externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>')
        kind = (b'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>')
        rewrite(path, {
            "xl/externalLinks/externalLink1.xml": link,
            "xl/_rels/workbook.xml.rels": lambda b: b.replace(b"</Relationships>", rel),
            "[Content_Types].xml": lambda b: b.replace(b"</Types>", kind),
            "xl/workbook.xml": lambda b: b.replace(
                b"<definedNames", b'<externalReferences><externalReference r:id="rIdX"/></externalReferences>'
                                  b"<definedNames"),
        })
        return [_plan_step()]

    def unfinished(tmp: Path) -> list[Step]:
        roster_file(tmp)
        return [Step(("roster.xlsx", "-o", "plan.txt", "--lang", "en"), 2, ("does not end in .xlsx",))]

    return [Attack("misleading messages", "a decision date after the plan's end", decision_after_end),
            Attack("misleading messages", "an output folder that is not there, said before the search",
                   missing_folder),
            Attack("misleading messages", "a workbook with a DDE link (read, not 'damaged')", dde_link),
            Attack("misleading messages", "an output that is not .xlsx", unfinished)]


def _ics_injection() -> list[Attack]:
    def ids(column: str, value: str, cell: str) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            sheets = english()
            if column == "staff_id":
                sheets["Staff"][2][0] = value
                sheets["Clients"][1][3] = value
            else:
                sheets["Clients"][1][0] = value
            roster_file(tmp, sheets)
            return [_plan_step("--ics", "cal", code=2, words=(cell, "line break"))]
        return build

    return [Attack(".ics line injection", "a staff id with CR LF and a property",
                   ids("staff_id", "C\r\nX-A:1", "Staff!A3")),
            Attack(".ics line injection", "a client id with a line feed",
                   ids("client_id", "A\nSUMMARY:x", "Clients!A2"))]


def _concurrent() -> list[Attack]:
    def busy(tmp: Path) -> list[Step]:
        roster_file(tmp)
        return [_plan_step(code=2, words=("Another optimize run",), fault=_held_lock)]

    def stale(tmp: Path) -> list[Step]:
        roster_file(tmp)
        pid = _fixed_pid_dead()
        (tmp / f".~taito-{pid}-abc.xlsx").write_bytes(b"half a plan")
        (tmp / f".~taito-{pid}-def.png").write_bytes(b"half a picture")
        return [_plan_step(changed=(f".~taito-{pid}-abc.xlsx", f".~taito-{pid}-def.png"))]

    def restored(tmp: Path) -> list[Step]:
        roster_file(tmp)
        pid = _fixed_pid_dead()
        (tmp / f".~taito-{pid}-old-kept.xlsx").write_bytes(b"the plan a killed run had put aside")
        return [_plan_step(made=("roster-plan.xlsx", "roster-plan.png", "kept.xlsx"),
                           changed=(f".~taito-{pid}-old-kept.xlsx",))]

    return [Attack("concurrent runs", "a second run on the same output", busy),
            Attack("concurrent runs", "temporary files of a killed run", stale),
            Attack("concurrent runs", "a plan a killed run had put aside is put back", restored)]


def _held_lock() -> Any:
    """Another run holds roster-plan.xlsx (in the attack's folder, the working directory)."""
    from optimizer.output.files import exclusive

    return exclusive(Path("roster-plan.xlsx").resolve(), "en")


def _held_before() -> list[Attack]:
    """What held up in round one and must keep holding through the new reader and writers."""
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
              b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
              b'<c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>')
    external = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
                b'<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')

    def xml(data: bytes) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            with_sheet(tmp, data)
            return [_plan_step(code=2, words=("document type declaration",))]
        return build

    def traversal(tmp: Path) -> list[Step]:
        roster_file(tmp, renamed(english(), {"C1": "../../x", "L1": "..\\..\\y"}))
        return [_plan_step("--ics", "cal", made=("roster-plan.*", "cal/*.ics"))]

    return [Attack("held before", "billion laughs in a sheet", xml(laughs)),
            Attack("held before", "an external entity in a sheet", xml(external)),
            Attack("held before", "a staff id climbing folders with --ics", traversal)]


# --- round three: what an attack on the round-two code found (tests/corpus.py names each) -----------

def add_shared_strings(path: Path, strings: list[str]) -> Path:
    """A shared-strings part of these texts (raw <si> contents), linked into the workbook."""
    return with_shared_strings(path, "xl/worksheets/sheet6.xml", strings)


def replace_cell(path: Path, part: str, ref: str, cell: str) -> Path:
    """The cell `ref` of a sheet part replaced by the raw XML `cell`."""
    def change(data: bytes) -> bytes:
        new, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)'.encode(), cell.encode(), data, count=1)
        assert n == 1, (part, ref)
        return new
    return rewrite(path, {part: change})


def _raw_cell(cell: str, ref: str = "C2", strings: list[str] | None = None, words: tuple[str, ...] = (),
              part: str = "xl/worksheets/sheet4.xml", edit: Callable[[Path], Any] | None = None) -> Callable:
    """The roster with one cell of Clients (or `part`) written as raw XML, and shared strings."""
    def build(tmp: Path) -> list[Step]:
        path = roster_file(tmp)
        if strings is not None:
            add_shared_strings(path, strings)
        replace_cell(path, part, ref, cell)
        if edit is not None:
            edit(path)
        return [_plan_step(code=2, words=words)]
    return build


def _workbook_part(change: Callable[[bytes], bytes]) -> Callable[[Path], Any]:
    return lambda path: rewrite(path, {"xl/workbook.xml": change})


def _content_types_redirect(path: Path) -> None:
    """[Content_Types].xml names another workbook part than the package's relationships."""
    with zipfile.ZipFile(path) as z:
        old = {i.filename: z.read(i) for i in z.infolist()}
    old["xl/wb2.xml"] = old["xl/workbook.xml"]
    old["xl/_rels/wb2.xml.rels"] = old["xl/_rels/workbook.xml.rels"]
    old["xl/workbook.xml"] = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", old["xl/workbook.xml"])
    old["[Content_Types].xml"] = old["[Content_Types].xml"].replace(b'PartName="/xl/workbook.xml"',
                                                                    b'PartName="/xl/wb2.xml"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in old.items():
            z.writestr(name, data)


def _hidden_rows(path: Path) -> None:
    """The Clients part renamed like a binary and pointed at by an attribute that looks like the
    relationship id, holding 300,000 formatted rows."""
    rows = "".join(f'<row r="{r}" ht="1" customHeight="1"/>' for r in range(10, 300_000)).encode()
    with zipfile.ZipFile(path) as z:
        old = {i.filename: z.read(i) for i in z.infolist()}
    old["xl/worksheets/sheet4.bin"] = old.pop("xl/worksheets/sheet4.xml").replace(b"</sheetData>",
                                                                                  rows + b"</sheetData>")
    old["xl/workbook.xml"] = old["xl/workbook.xml"].replace(
        b'<sheet name="Clients" sheetId="4" state="visible" r:id="rId4" />',
        b'<sheet xmlns:x="urn:x" name="Clients" sheetId="4" state="visible" x:id="rIdNone" r:id="rId4" />')
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        old[name] = old[name].replace(b"sheet4.xml", b"sheet4.bin")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in old.items():
            z.writestr(name, data)


def _after(prepare: Callable[[Path], Any], *steps: Step) -> Callable[[Path], list[Step]]:
    """An attack that prepares its folder, then runs `steps`."""
    def build(tmp: Path) -> list[Step]:
        prepare(tmp)
        return list(steps)
    return build


def _many_formats(styles: bytes) -> bytes:
    return re.sub(rb'(<cellXfs count="\d+">)', lambda m: m.group(1) + b'<xf numFmtId="14"/>' * 300_000, styles,
                  count=1)


def _round_three() -> list[Attack]:
    hidden = "identity code not recognised"
    code_cell = ("identity code", "Clients!C2")
    coded_sheet = _workbook_part(lambda b: b.replace(
        b'<sheet name="Clients" sheetId="4" state="visible" r:id="rId4" />',
        b'<sheet xmlns:x="urn:x" name="Clients" sheetId="4" state="visible" x:id="rIdNone" r:id="rId4" />'))
    out = [
        Attack(hidden, "a shared string with openpyxl's x005F_ escape inside the code",
               _raw_cell('<c r="C2" t="s"><v>0</v></c>', strings=["<t>asiakas 1310x005F_52-308T</t>"],
                         words=code_cell), never=("131052-308T",)),
        Attack(hidden, "an inline string whose plain text openpyxl puts before its runs",
               _raw_cell('<c r="C2" t="inlineStr"><is><r><t>52-308T</t></r><t>asiakas 1310</t></is></c>',
                         words=code_cell), never=("131052-308T",)),
        Attack(hidden, "a shared-string index written +0",
               _raw_cell('<c r="C2" t="s"><v>+0</v></c>', strings=["<t>131052-308T</t>"], words=code_cell),
               never=("131052-308T",)),
        Attack(hidden, "a sheet whose relationship id is shadowed by another namespace's id",
               _raw_cell('<c r="C2" t="s"><v>0</v></c>', strings=["<t>131052-308T</t>"], words=code_cell,
                         edit=coded_sheet), never=("131052-308T",)),
        Attack(hidden, "content types naming another workbook part",
               _raw_cell('<c r="C2" t="s"><v>0</v></c>', strings=["<t>131052-308T</t>"], words=("identity code",),
                         edit=_content_types_redirect), never=("131052-308T",)),
        *[_cell_attack(hidden, name, ("Clients!L2",), lambda wb, v=value: wb["Clients"].__setitem__("L2", v))
          for name, value in {"a tab inside (plain ASCII)": "ruokailu 131052\t-308T",
                              "a Greek kappa as the check character": "131052-308\u039a",
                              "a Hangul filler inside": "1310\u316452-308T",
                              "the Japanese long-vowel mark as the dash": "131052\u30fc308T",
                              "a code cut short before its check character": "hetu 131052-308",
                              "a GUID-shaped text around a code": "{00000000-0000-0000-0000-F010101A123B}"}.items()],
        Attack(hidden, "a service model text written with a TOML escape", _after(
            lambda tmp: (roster_file(tmp), model_file(tmp, lambda s: set_param(
                s, "model", "name", '"Taito 131052\\u002D308T"'))),
            _plan_step("--service-model", "model.toml", code=2, words=("identity code",)))),
        Attack("runaway scan", "an empty row numbered 999,999,999,999",
               _raw_cell('<c r="B2"><v>1</v></c></row><row r="999999999999"/><row r="999999999999">',
                         ref="B2", part="xl/worksheets/sheet5.xml", words=("outside an Excel sheet",))),
        Attack("runaway scan", "300,000 rows in a sheet part named like a binary",
               _after(lambda tmp: _hidden_rows(roster_file(tmp)),
                      _plan_step(code=2, words=("more than 200 000 rows",))), size=True),
        Attack("size", "350 shared strings of 32,000 characters", _after(
            lambda tmp: add_shared_strings(roster_file(tmp), ["<t>" + "x" * 32_000 + "\U0001f600</t>"] * 350),
            _plan_step(code=2, words=("more than 10 000 000 characters",))), size=True),
        Attack("size", "300,000 cell formats in styles.xml", _after(
            lambda tmp: rewrite(roster_file(tmp), {"xl/styles.xml": _many_formats}),
            _plan_step(code=2, words=("styles.xml", "more than 200 000"))), size=True),
        Attack("size", "a start window of four years", _after(
            lambda tmp: roster_file(tmp, set_cell(english(), "Groups", 1, "start_latest", date(2031, 2, 1))),
            _plan_step(code=2, words=("Groups!D2", "longer than 366 days")))),
    ]
    bad_cells = {"a date cell of 2027-13-45": ('<c r="C2" t="d"><v>2027-13-45</v></c>', "C2"),
                 "a number cell holding text": ('<c r="C2"><v>abc</v></c>', "C2"),
                 "a yes/no cell holding x": ('<c r="E2" t="b"><v>x</v></c>', "E2"),
                 "a shared-string index past the end": ('<c r="C2" t="s"><v>99</v></c>', "C2"),
                 "a style that is not a number": ('<c r="C2" s="abc"><v>1</v></c>', "C2"),
                 "a column past XFD": ('<c r="AAAA2"><v>1</v></c>', "C2")}
    out += [Attack("exit 1", name, _raw_cell(cell, ref=ref, strings=["<t>x</t>"] if "shared" in name else None,
                                             words=("Clients" if "XFD" not in name else "AAAA2",)))
            for name, (cell, ref) in bad_cells.items()]

    def model_table(change: Callable[[str], str], words: tuple[str, ...]) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            roster_file(tmp)
            model_file(tmp, change)
            return [_plan_step("--service-model", "model.toml", code=2, words=words)]
        return build

    header = ["date", "kind", "phase", "group_id", "client_id", "staff_id", "mode"]

    def fixed(rows: list[list[Any]], words: tuple[str, ...], two_groups: bool = False) -> Callable:
        def build(tmp: Path) -> list[Step]:
            sheets = english()
            if two_groups:
                sheets["Staff"].append(["L2", None, "group_leader, case_manager", "Mon-Fri", None, None, None])
                sheets["Groups"].append(["G2", 6, date(2027, 2, 1), date(2027, 3, 1), None, "L2", None, "fi", None,
                                         None])
                sheets["Clients"].append(["A4", "G2", "2027-01-12", "L2", "no", None, None, None, None, None, None,
                                          "ravintola", None, None])
            sheets["Fixed"] = [header, *rows]
            roster_file(tmp, sheets)
            return [_plan_step(code=2, words=words)]
        return build

    out += [
        Attack("exit 1", "a service model whose [model] is a text",
               model_table(lambda s: s.replace('[model]\nname = "Taito 2021"', 'model = "x"\n[x]\nname = "y"'),
                           ("[model] must be a table",))),
        Attack("exit 1", "a service model nested 100,000 deep",
               model_table(lambda s: s + "\nx = " + "[" * 100_000 + "]" * 100_000 + "\n", ("not a valid TOML",))),
        Attack("exit 1", "a pinned visit without a client",
               fixed([[date(2027, 4, 6), "wp_visit", "work_practice", "G1", None, "C1", "video"]],
                     ("Fixed!E2", "client_id"))),
        Attack("exit 1", "a pinned group day of one group naming a client of another",
               fixed([[date(2027, 2, 2), "group_day", "start", "G2", "A1", "L2", None]], ("Fixed!A2", "G1"),
                     two_groups=True)),
        Attack("exit 1", "an output path longer than the system allows",
               _after(roster_file, _plan_step(out="x/" * 2100 + "p.xlsx", code=2, words=("Cannot write",)))),
    ]

    def ics_over_model(tmp: Path) -> list[Step]:
        roster_file(tmp)
        (tmp / "cal").mkdir()
        from optimizer.core.service_model import DEFAULT_MODEL_PATH

        (tmp / "cal" / "C1.ics").write_bytes(DEFAULT_MODEL_PATH.read_bytes())
        return [_plan_step("--service-model", "cal/C1.ics", "--ics", "cal", code=2, words=("cannot be the input",))]

    def named_like_temp(tmp: Path) -> list[Step]:
        roster_file(tmp, name=".~taito-4000001-roster.xlsx")
        return [_plan_step(roster=".~taito-4000001-roster.xlsx", out="plan.xlsx", code=2, words=("temporary files",)),
                _plan_step(out=".~taito-lock-x.xlsx", roster=".~taito-4000001-roster.xlsx", code=2,
                           words=("temporary files",))]

    def ics_folder_target(tmp: Path) -> list[Step]:
        roster_file(tmp)
        (tmp / "cal" / "C1.ics").mkdir(parents=True)
        (tmp / "cal" / "C1.ics" / "notes.txt").write_text("mine")
        return [_plan_step("--ics", "cal", code=2, words=("not a regular file",))]

    def ids(*pairs: tuple[str, str]) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            sheets = english()
            for k, (sid, _) in enumerate(pairs):
                sheets["Staff"].append([sid, None, "case_manager", "Mon-Fri", 10, None, None])
                sheets["Clients"][1 + k][sheets["Clients"][0].index("case_manager")] = sid
            roster_file(tmp, sheets)
            return [_plan_step("--ics", "cal", made=("roster-plan.*", "cal/*.ics"),
                               words=(f"{len(pairs) + 1} calendar files",))]
        return build

    out += [
        Attack("lost input", "a calendar file that is the --service-model", ics_over_model),
        Attack("lost input", "files named like the tool's temporary files", named_like_temp),
        Attack("lost input", "a folder where a calendar file goes", ics_folder_target),
        Attack("calendar files overwrite each other", "S/1 and an id S_1-ac1175e6 (its would-be name)",
               ids(("S/1", ""), ("S_1-ac1175e6", ""))),
    ]

    def echoed(args: tuple[str, ...]) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            roster_file(tmp)
            (tmp / f"d{CODE}").mkdir()
            return [Step(args, 2, ("identity code",))]
        return build

    out += [
        Attack("identity code echoed", "--service-model named by a code",
               echoed(("roster.xlsx", "--lang", "en", "--service-model", f"{CODE}.toml")), never=(CODE,)),
        Attack("identity code echoed", "a folder named by a code given as the roster",
               echoed((f"d{CODE}", "--lang", "en")), never=(CODE,)),
        Attack("identity code echoed", "--seed with a code", echoed(("roster.xlsx", "--lang", "en", "--seed", CODE)),
               never=(CODE,)),
    ]

    def silent(change: Callable[[dict], Any], words: tuple[str, ...]) -> Callable[[Path], list[Step]]:
        def build(tmp: Path) -> list[Step]:
            sheets = english()
            change(sheets)
            roster_file(tmp, sheets)
            return [_plan_step(code=2, words=words)]
        return build

    def date1904(tmp: Path) -> list[Step]:
        path = roster_file(tmp)
        rewrite(path, {"xl/workbook.xml": lambda b: b.replace(b"<workbookPr />", b'<workbookPr date1904="1"/>')})
        replace_cell(path, "xl/worksheets/sheet5.xml", "B2", '<c r="B2"><v>45108</v></c>')  # 2.7.2027 there
        from optimizer.workbook.read import read_roster

        roster, _, _, _ = read_roster(path, "en")
        assert roster.absences[0].start == date(2027, 7, 2), roster.absences[0]
        return []

    out += [
        Attack("misleading messages", "both Clients and Asiakkaat",
               silent(lambda s: s.__setitem__("Asiakkaat", [list(s["Clients"][0]), list(s["Clients"][1])]),
                      ("Clients", "Asiakkaat", "same sheet twice"))),
        Attack("misleading messages", "plan_start and suunnittelu_alkaa both",
               silent(lambda s: s["Settings"].append(["suunnittelu_alkaa", date(2027, 1, 25)]),
                      ("Settings!A4", "given already"))),
        Attack("misleading messages", "a day number in a 1904-date workbook", date1904),
        Attack("misleading messages", "a plan running into the year 2100",
               silent(lambda s: (s["Settings"].__setitem__(1, ["plan_start", date(2099, 1, 5)]),
                                 set_cell(s, "Groups", 1, "start_earliest", date(2099, 2, 1)),
                                 set_cell(s, "Groups", 1, "start_latest", date(2099, 3, 1)),
                                 [row.__setitem__(2, date(2099, 1, 11)) for row in s["Clients"][1:]],
                                 s["Absences"].pop(), s["ClosedDays"].pop()), ("after 2099-12-31",))),
    ]

    def departed(tmp: Path) -> list[Step]:
        _, plan = planned(tmp, "old.xlsx")
        wb = openpyxl.load_workbook(plan)
        wb["Events"].append([date(2027, 1, 12), "start_visit", "start", "G1", "A1", "Z9", "office"])
        wb.save(plan)
        sheets = english()
        sheets["Settings"][1][1] = date(2027, 3, 1)
        roster_file(tmp, sheets)
        return [_plan_step("--previous", "old.xlsx", code=2, words=("Z9", "not on the Staff sheet"))]

    def broken_pipe(tmp: Path) -> list[Step]:
        roster_file(tmp)
        return [_plan_step(fault=_closed_console)]

    out += [
        Attack("check too lenient", "a visit without a client",
               _check_with_row([date(2027, 3, 1), "wp_visit", "work_practice", "G1", None, "C1", "video"],
                        ("client_id", "wp_visit"))),
        Attack("check too lenient", "a previous plan's event done by someone no longer on the staff", departed),
        Attack("wrong exit code", "a console closed by `| head -1`: the plan is still written", broken_pipe),
    ]
    return out


def _closed_console() -> Any:
    """The console goes away after the first line (`optimize ... | head -1`)."""
    from unittest import mock

    import click

    real, lines = click.echo, []

    def echo(message: Any = None, *a: Any, **kw: Any) -> None:
        lines.append(message)
        if len(lines) > 1:
            raise BrokenPipeError(32, "Broken pipe")
        real(message, *a, **kw)
    return mock.patch("optimizer.cli.click.echo", echo)


# --- round four: what a second attack on the hardened code found --------------------------------

_DRAWING = ('<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:sp>'
            '<xdr:txBody><a:bodyPr/><a:p><a:r><a:t>Asiakas 1310</a:t></a:r><a:r><a:rPr b="1"/><a:t>52-308T</a:t>'
            '</a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>')


def _text_box(path: Path) -> None:
    """A text box on the Staff sheet whose text is split into two formatted runs."""
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rIdD1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
            'Target="../drawings/drawing1.xml"/></Relationships>')
    kind = ('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.drawing+xml"/></Types>')
    rewrite(path, {
        "xl/drawings/drawing1.xml": _DRAWING.encode(),
        "xl/worksheets/_rels/sheet2.xml.rels": rels.encode(),
        "xl/worksheets/sheet2.xml": lambda b: b.replace(b"<worksheet ", b'<worksheet xmlns:r="http://schemas.'
                                                        b'openxmlformats.org/officeDocument/2006/relationships" ', 1)
        .replace(b"</worksheet>", b'<drawing r:id="rIdD1"/></worksheet>'),
        "[Content_Types].xml": lambda b: b.replace(b"</Types>", kind.encode()),
    })


def _png_with_text() -> bytes:
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"asiakas 131052-308T"))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def _embedded_workbook() -> bytes:
    inner = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active["B1"] = "131052-308T"
    wb.save(inner)
    return inner.getvalue()


def _number_shown_as_code(wb: openpyxl.Workbook) -> None:
    cell = wb["Clients"]["L2"]
    cell.value, cell.number_format = 131052308, '000000"-"000"T"'


def _long_attribute(megabytes: int, part: str = "xl/worksheets/sheet2.xml") -> Callable[[Path], Any]:
    def prepare(tmp: Path) -> None:
        big = b'<sheetPr codeName="' + b"x" * (megabytes * 1024 * 1024) + b'"/>'
        rewrite(roster_file(tmp), {part: lambda b: re.sub(rb"<sheetPr>.*?</sheetPr>|<sheetPr[^>]*/>", b"", b, count=1)
                                   .replace(b"<dimension", big + b"<dimension", 1) if b"<dimension" in b
                                   else b"<a " + big[9:]})
    return prepare


def _round_four() -> list[Attack]:
    hidden = "identity code not recognised"
    forms = {"a line separator inside": "13105\u20282-308T", "a hair space inside": "1310\u200a52-308T",
             "digits grouped by thin spaces": "131\u2009052-308T", "a space before the dash": "131052 -308T",
             "the Hangul vowel eu as the dash": "131052\u3161308T", "a small capital A as the sign": "010101\u1d00123B"}
    out = [_cell_attack(hidden, name, ("Clients!L2",), lambda wb, v=value: wb["Clients"].__setitem__("L2", v))
           for name, value in forms.items()]
    out += [
        Attack(hidden, "a link's stored result after its formula, in a sheet the tool skips",
               _after(lambda tmp: with_sheet(tmp, sheet_xml('<row r="1"><c r="A1" t="str"><f>[1]Asiakkaat!A1</f>'
                                                           '<v>131052-308T</v></c></row>'), name="Muistio"),
                      _plan_step(code=2, words=("identity code", "Muistio!A1"))), never=("131052-308T",)),
        Attack(hidden, "a text box whose code is split over two formatted runs",
               _after(lambda tmp: _text_box(roster_file(tmp)), _plan_step(code=2, words=("identity code",))),
               never=("131052-308T",)),
        _cell_attack(hidden, "a number shown through the format 000000\"-\"000\"T\"", ("Clients!L2",),
                     _number_shown_as_code),
        Attack(hidden, "an embedded workbook holding a code",
               _after(lambda tmp: rewrite(roster_file(tmp), {"xl/embeddings/Sheet1.xlsx": _embedded_workbook()}),
                      _plan_step(code=2, words=("identity code", "embeddings")))),
        Attack(hidden, "a picture's compressed text chunk holding a code",
               _after(lambda tmp: rewrite(roster_file(tmp), {"xl/media/image1.png": _png_with_text()}),
                      _plan_step(code=2, words=("identity code", "image1.png")))),
        Attack(hidden, "a roster named with a hair space inside a code",
               _after(lambda tmp: roster_file(tmp, name="asiakas 1310\u200a52-308T.xlsx"),
                      _plan_step(roster="asiakas 1310\u200a52-308T.xlsx", out="plan.xlsx", code=2,
                                 words=("identity code",))), never=("308T",)),
        Attack("size", "a 40 MB attribute in a sheet", _after(_long_attribute(40), _plan_step(
            code=2, words=("longer than Excel writes",))), size=True),
        Attack("size", "a 100 MB attribute in a part named like a picture", _after(
            _long_attribute(100, "xl/media/image1.png"), _plan_step()), size=True),
    ]

    def stale_calendar(tmp: Path) -> list[Step]:
        roster_file(tmp)
        (tmp / "cal").mkdir()
        from optimizer.output.ics import PRODID

        (tmp / "cal" / "S07.ics").write_text(f"BEGIN:VCALENDAR\r\nPRODID:{PRODID}\r\nEND:VCALENDAR\r\n")
        (tmp / "cal" / "mine.ics").write_text("BEGIN:VCALENDAR\r\nPRODID:-//someone else//\r\nEND:VCALENDAR\r\n")
        return [_plan_step("--ics", "cal", made=("roster-plan.*", "cal/*.ics"), changed=("cal/S07.ics",),
                           words=("Removed 1 calendar file of", "S07.ics"))]

    def upper_suffix(tmp: Path) -> list[Step]:
        roster_file(tmp)
        return [_plan_step(out="plan.XLSX", code=2, words=("Another optimize run",), fault=lambda: _held(
            "plan.xlsx"))]

    def planted_link(tmp: Path) -> list[Step]:
        roster_file(tmp)
        (tmp / "elsewhere").mkdir()
        (tmp / ".~taito-lock-roster-plan").symlink_to(tmp / "elsewhere" / "made-by-optimize")
        return [_plan_step(changed=(".~taito-lock-roster-plan",))]

    out += [
        Attack("calendar files overwrite each other", "a calendar of someone no longer in the plan is removed",
               stale_calendar),
        Attack("concurrent runs", "plan.xlsx and plan.XLSX, which share the picture", upper_suffix),
        Attack("concurrent runs", "a link planted where the lock goes", planted_link),
        Attack("misleading messages", "a 32,000-character Events kind, not echoed whole",
               _check_with_row([date(2027, 3, 1), "x" * 32_000, "work_practice", "G1", "A1", "C1", "video"],
                               ("Events!B",)), never=("x" * 100,)),
    ]
    return out


def _held(name: str) -> Any:
    """Another run holds output `name` (in the attack's folder, the working directory)."""
    from optimizer.output.files import exclusive

    return exclusive(Path(name).resolve(), "en")


ATTACKS: list[Attack] = [*_lost_input(), *_runaway_read(), *_runaway_scan(), *_size(), *_slow_output(),
                         *_identity_echoed(), *_identity_unrecognised(), *_plans_not_scanned(), *_model_formula(),
                         *_calendar_overwrite(), *_picture_lost(), *_exit_one(), *_wrong_exit(), *_round_trip(),
                         *_check_lenient(), *_nan_limits(), *_misleading(), *_ics_injection(), *_concurrent(),
                         *_held_before(), *_round_three(), *_round_four()]


# --- running an attack ----------------------------------------------------------------------------

@dataclass
class Outcome:
    code: int
    output: str
    seconds: float
    peak_mib: float | None  # measured in a subprocess only


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path, with its content (a pipe as a marker)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_fifo():
            out[str(p.relative_to(folder))] = b"<fifo>"
        elif p.is_file():
            out[str(p.relative_to(folder))] = p.read_bytes()
    return out


def text_of(data: bytes) -> bytes:
    """A file's bytes, and if it is a zip (a workbook) every part unpacked too."""
    if not data.startswith(b"PK"):
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return data + b"".join(z.read(i) for i in z.infolist())
    except zipfile.BadZipFile:
        return data


def run_step(step: Step, folder: Path, in_subprocess: bool) -> Outcome:
    import time

    started = time.monotonic()
    if in_subprocess:
        import subprocess
        import sys
        import tempfile

        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        with tempfile.TemporaryFile() as log:
            proc = subprocess.Popen([sys.executable, "-m", "optimizer", *step.args], cwd=folder, env=env,
                                    stdout=log, stderr=subprocess.STDOUT)
            peak = 0
            while proc.poll() is None:
                peak = max(peak, _peak_kib(proc.pid))
                time.sleep(0.02)
            log.seek(0)
            output = log.read().decode("utf-8", "replace")
        return Outcome(proc.returncode, output, time.monotonic() - started, peak / 1024)
    from click.testing import CliRunner

    from optimizer.cli import main as cli

    here = Path.cwd()
    os.chdir(folder)
    try:
        fault = step.fault() if step.fault else None
        with fault if fault is not None else _nothing():
            result = CliRunner().invoke(cli, list(step.args), catch_exceptions=False)
    finally:
        os.chdir(here)
    return Outcome(result.exit_code, result.output, time.monotonic() - started, None)


def _peak_kib(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), once it runs the tool. Not the child's
    rusage: Linux keeps a forked child's peak across exec, so it would count the test process's
    own memory at the fork."""
    try:
        if b"optimizer" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return 0  # forked, not yet the tool
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def play(attack: Attack, folder: Path) -> list[tuple[Step, Outcome, list[str]]]:
    """Run every step of `attack` in `folder`; each with what went wrong (empty: as it must be)."""
    out = []
    for step in attack.build(folder):
        before = files_of(folder)
        outcome = run_step(step, folder, attack.size)
        after = files_of(folder)
        wrong = []
        if outcome.code != step.code:
            wrong.append(f"exit {outcome.code}, not {step.code}")
        if "Traceback" in outcome.output:
            wrong.append("a traceback")
        wrong += [f"no {w!r} in the output" for w in step.words if w not in outcome.output]
        for name, data in before.items():
            if name not in step.changed and after.get(name) != data:
                wrong.append(f"{name} changed")
        made = set(after) - set(before)
        wrong += [f"{name} appeared" for name in sorted(made) if not any(fnmatch(name, p) for p in step.made)]
        wrong += [f"{name} left behind" for name in made if ".~taito-" in name]
        for never in attack.never:
            if never in outcome.output:
                wrong.append(f"{never!r} in the output")
            for name in made | {n for n in after if n in before and after[n] != before[n]}:
                if never.encode() in text_of(after[name]):
                    wrong.append(f"{never!r} written into {name}")
        if attack.size:
            seconds, mib = SIZE_BOUNDS
            if outcome.seconds > seconds:
                wrong.append(f"{outcome.seconds:.1f} s, over {seconds:g} s")
            if outcome.peak_mib is not None and outcome.peak_mib > mib:
                wrong.append(f"{outcome.peak_mib:.0f} MiB, over {mib} MiB")
        out.append((step, outcome, wrong))
    return out


def main() -> None:
    import tempfile
    import time

    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            outcome, messages = run_case(case, Path(tmp))
        first = messages[0] if messages else "read"
        print(f"{case.name:42} {outcome:5} {first[:150]}")
    print()
    started, worst = time.monotonic(), 0.0
    for attack in ATTACKS:
        with tempfile.TemporaryDirectory() as tmp:
            for _, outcome, wrong in play(attack, Path(tmp)):
                worst = max(worst, outcome.peak_mib or 0.0)
                first = next((line for line in outcome.output.splitlines() if line.strip()), "")
                size = f" {outcome.seconds:5.1f} s {outcome.peak_mib:4.0f} MiB" if outcome.peak_mib else ""
                verdict = "ok" if not wrong else "WRONG: " + "; ".join(wrong)
                print(f"{attack.cls:30} {attack.name[:44]:44} exit {outcome.code:3}{size}  {verdict}  {first[:110]}")
    print(f"{len(ATTACKS)} attacks in {time.monotonic() - started:.0f} s; largest peak {worst:.0f} MiB")


if __name__ == "__main__":
    main()
