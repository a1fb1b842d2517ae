"""The comparison workbook of `optimize compare` (issue 6): one row per group, client, staff
member and soft rule, variant A and B side by side with the difference."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from optimizer.explain.compare import Row
from optimizer.workbook.sheet import save_workbook, table

COMPARE_WORDS = {"group_start": "ryhmä alkaa", "process_months": "prosessin kesto (kk)",
                 "busiest_week_hours": "kiireisin viikko (h)", "cost": "kustannus"}


def write_comparison(path: Path, rows: list[Row], name_a: str, name_b: str, lang: str) -> None:
    fi = lang == "fi"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("Vertailu" if fi else "Comparison")
    headers = ["mitä" if fi else "what", "kuka" if fi else "who", name_a, name_b, "ero" if fi else "difference"]
    table(ws, headers, [[COMPARE_WORDS[what] if fi else what.replace("_", " "), who, a, b, diff]
                        for what, who, a, b, diff in rows])
    save_workbook(wb, path, lang)
