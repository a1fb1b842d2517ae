"""What every sheet the tool writes shares: plain tables, and one
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
from openpyxl.cell.rich_text import CellRichText
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.core.errors import InputErrors
from optimizer.core.messages import fmt_date, t
from optimizer.core.privacy import contains_identity_code

DATE_FORMAT = "d.m.yyyy"
HEADER_FONT = Font(bold=True)
_FORMULA_START = ("=", "+", "-", "@")

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


def seal(wb: openpyxl.Workbook, lang: str) -> None:
    """The one gate between what the tool built and the file: every text cell of every sheet
    through `escape`, and every text and sheet name through the identity-code detector (a code
    is never written, whatever the text came from)."""
    for ws in wb.worksheets:
        if contains_identity_code(ws.title):
            raise InputErrors([t("hetu_output", lang, where=ws.title)])
        for row in ws.iter_rows():
            for cell in row:
                # Coloured lines (rosters.rich_lines) are rich text: read as text, written inline, never a formula.
                if not isinstance(cell.value, str | CellRichText):
                    continue
                if contains_identity_code(str(cell.value)):
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
    """Seal and save (the caller writes to a temporary file of an OutputSet, optimizer/output/files.py)."""
    seal(wb, lang)
    wb.save(path)
