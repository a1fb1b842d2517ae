"""What every sheet the tool writes shares: plain tables, events in plain words, and one
function that every text cell goes through before a workbook is saved (`seal`): text is
always text, never a formula, and never an identity code. The plan workbook (write.py), the
staff rosters (rosters.py), the Changes and comparison workbooks, the template and the
calendar files build on it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..messages import KIND_WORDS, fmt_date, t
from ..plan import DUE_KINDS, Event
from ..privacy import contains_identity_code
from .errors import InputErrors

DATE_FORMAT = "d.m.yyyy"
HEADER_FONT = Font(bold=True)
_FORMULA_START = ("=", "+", "-", "@")

# Plain words (Finnish, English) for the codes of the Events and Periods sheets.
PHASE_WORDS = {"start": ("aloitusjakso", "start period"), "ready": ("tsemppivaihe", "getting-ready phase"),
               "work_practice": ("työharjoittelu", "work practice"), "deep": ("syventävä jakso", "deepening period"),
               "final": ("päätösjakso", "final period"), "follow_up": ("seurantavaihe", "follow-up")}
PHASE_FI = {phase: fi for phase, (fi, _) in PHASE_WORDS.items()}
MODE_WORDS = {"office": ("toimipisteessä", "at the office"), "site": ("työpaikalla", "at the workplace"),
              "video": ("kuvapuhelu", "video call"), "phone": ("puhelin", "by phone")}
FLAG_WORDS = {"with_employer": ("työnantaja mukana", "employer present"),
              "network_meeting": ("verkostoneuvottelu", "network meeting"), "substitute": ("sijainen", "substitute")}


def yes_no(flag: bool, lang: str = "en") -> str:
    if lang == "fi":
        return "kyllä" if flag else "ei"
    return "yes" if flag else "no"


def table(ws: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A plain table: bold frozen header, filter, date cells as d.m.yyyy, fitted widths."""
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = HEADER_FONT
    widths = [len(str(h)) for h in headers]
    for row in rows:
        ws.append(list(row))
        for j, v in enumerate(row):
            text = fmt_date(v) if isinstance(v, date) else str(v if v is not None else "")
            widths[j] = max(widths[j], min(len(text), 60))
    for j in range(len(headers)):
        letter = get_column_letter(j + 1)
        ws.column_dimensions[letter].width = widths[j] + 2
        for cell in ws[letter][1:]:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def describe(e: Event, lang: str) -> str:
    """An event in plain words, e.g. "A012 työpaikkakäynti, työpaikalla, työnantaja mukana"."""
    k = 0 if lang == "fi" else 1
    words = KIND_WORDS.get(e.kind, (e.kind, e.kind))[k]
    extra = [] if e.kind == "phone_call" else [MODE_WORDS.get(e.mode or "", ("", ""))[k]]  # a call is by phone
    if e.kind == "group_day":
        extra.append(PHASE_WORDS.get(e.phase, (e.phase, e.phase))[k])
    extra += [pair[k] for flag, pair in FLAG_WORDS.items() if getattr(e, flag)]
    if e.kind in DUE_KINDS:  # a deadline in the roster of the person who writes it
        extra.append(("määräpäivä", "due")[k])
    details = ", ".join(x for x in extra if x)
    return f"{e.client_id or e.group_id} {words}" + (f", {details}" if details else "")


def seal(wb: openpyxl.Workbook, lang: str) -> None:
    """The one gate between what the tool built and the file: every text cell of every sheet
    through `escape`, and every text and sheet name through the identity-code detector (a code
    is never written, whatever the text came from)."""
    for ws in wb.worksheets:
        if contains_identity_code(ws.title):
            raise InputErrors([t("hetu_output", lang, where=ws.title)])
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    if contains_identity_code(cell.value):
                        raise InputErrors([t("hetu_output", lang, where=f"{ws.title}!{cell.coordinate}")])
                    escape(cell)


def escape(cell: Any) -> None:
    """Text stays text. A text that starts like a formula (=, +, -, @: an id such as "=C1" or
    an input cell "=HYPERLINK(...)", formula injection) is stored as a string with Excel's
    quote prefix, what typing an apostrophe before it does in Excel: shown, edited and read
    back exactly as written (so that a plan's ids round-trip), never evaluated."""
    if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def save_workbook(wb: openpyxl.Workbook, path: Path | str, lang: str) -> None:
    """Seal and save (the caller writes to a temporary file of an OutputSet, optimizer/files.py)."""
    seal(wb, lang)
    wb.save(path)
