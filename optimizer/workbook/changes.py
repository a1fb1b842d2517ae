"""The Changes sheet (issues 6 and 15): first each client's periods that moved, came or went
(one row each, under the client's case manager, with the periods' dates before and after), then
every moved, added, removed or reassigned event, one row per staff member it affects, saying
what it is for that person (gains, loses, moves) and who must be told (the client, the employer,
Kela), so that each person can be told of their own changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from optimizer.core.messages import CHANGE_ROLE_WORDS, CHANGE_WORDS, PHASE_WORDS, columns, describe, pick
from optimizer.core.plan import Event
from optimizer.explain.diff import Diff, audience, by_staff, period_words, tell_words
from optimizer.workbook.labels import sheet_name
from optimizer.workbook.sheet import save_workbook, table


def change_rows(found: Diff, lang: str) -> list[list[Any]]:
    rows = []
    for c in found.periods:
        p = c.period
        before, after = period_words(c, lang)
        rows.append([", ".join(found.managers.get(p.client_id, ())), c.change, pick(CHANGE_WORDS[c.change], lang),
                     f"{p.client_id} {pick(PHASE_WORDS.get(p.phase, (p.phase, p.phase)), lang)}", p.client_id,
                     p.group_id, c.before.start if c.before else None, c.after.start if c.after else None, c.days,
                     "", "", before, after, "", tell_words(audience(c), lang)])
    for staff, mine in by_staff(found.events).items():
        for c in mine:
            e: Event = c.event
            role = c.role(staff)
            words = pick(CHANGE_WORDS[c.change], lang) + (f", {c.hands}" if c.hands else "")
            rows.append([staff, c.change, words, describe(e, lang), e.client_id or "",
                         e.group_id, c.before.date if c.before else None, c.after.date if c.after else None,
                         c.days, ", ".join(c.before.staff_ids) if c.before else "",
                         ", ".join(c.after.staff_ids) if c.after else "", "", "",
                         pick(CHANGE_ROLE_WORDS[role], lang) if role else "", tell_words(audience(c), lang)])
    return rows


def write_changes(wb: openpyxl.Workbook, found: Diff, lang: str) -> None:
    ws = wb.create_sheet(sheet_name("changes", lang))
    table(ws, columns("changes", lang), change_rows(found, lang))


def write_changes_workbook(path: Path, found: Diff, lang: str) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    write_changes(wb, found, lang)
    save_workbook(wb, path, lang)
