"""The comparison workbook of `optimize compare` (issue 6): one row per group, client, staff
member and soft rule, variant A and B side by side with the difference."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from optimizer.core.messages import COMPARE_WORDS, columns, pick, t
from optimizer.explain.compare import Row
from optimizer.workbook.sheet import save_workbook, table


def write_comparison(path: Path, rows: list[Row], name_a: str, name_b: str, lang: str) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet(t("comparison_sheet", lang))
    what_word, who_word, difference = columns("comparison", lang)
    headers = [what_word, who_word, name_a, name_b, difference]
    table(ws, headers, [[pick(COMPARE_WORDS[what], lang), who, a, b, diff] for what, who, a, b, diff in rows])
    save_workbook(wb, path, lang)
