"""The Changes sheet (issue 6): every moved, added, removed or reassigned event, one row per
staff member it affects, so that each person can be told of their own changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from optimizer.core.messages import CHANGE_WORDS, columns, describe, pick
from optimizer.core.plan import Event
from optimizer.explain.diff import Change, by_staff
from optimizer.workbook.labels import sheet_name
from optimizer.workbook.sheet import save_workbook, table


def change_rows(found: list[Change], lang: str) -> list[list[Any]]:
    rows = []
    for staff, mine in by_staff(found).items():
        for c in mine:
            e: Event = c.event
            rows.append([staff, c.change, pick(CHANGE_WORDS[c.change], lang), describe(e, lang), e.client_id or "",
                         e.group_id, c.before.date if c.before else None, c.after.date if c.after else None,
                         c.days, ", ".join(c.before.staff_ids) if c.before else "",
                         ", ".join(c.after.staff_ids) if c.after else ""])
    return rows


def write_changes(wb: openpyxl.Workbook, found: list[Change], lang: str) -> None:
    ws = wb.create_sheet(sheet_name("changes", lang))
    table(ws, columns("changes", lang), change_rows(found, lang))


def write_changes_workbook(path: Path, found: list[Change], lang: str) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    write_changes(wb, found, lang)
    save_workbook(wb, path, lang)
