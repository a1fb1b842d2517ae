"""The example roster of a mid-size provider (data/roster.xlsx), and a writer for input workbooks.

`python -m optimizer.workbook.example data/roster.xlsx` writes it anew. Tests use
`write_input_workbook` to make small rosters of their own in the contract's layout.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from optimizer.workbook.sheet import escape

Sheets = dict[str, list[list[Any]]]


def write_input_workbook(path: Path | str, sheets: Sheets) -> Path:
    """Write sheets (name -> rows, the first row the header) as an .xlsx with real date cells."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for col in range(1, ws.max_column + 1):
            width = max((len(str(c.value)) for c in ws[get_column_letter(col)] if c.value is not None),
                        default=8)
            ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 10), 40)
            for c in ws[get_column_letter(col)]:
                if isinstance(c.value, date):
                    c.number_format = "d.m.yyyy"
        ws.freeze_panes = "A2"
    path = Path(path)
    for ws in wb.worksheets:  # an id such as "=G1" is text, as a coordinator types it ('=G1) in Excel
        for row in ws.iter_rows():
            for cell in row:
                escape(cell)
    wb.save(path)
    return path


def _d(text: str) -> date:
    day, month, year = (int(x) for x in text.split("."))
    return date(year, month, day)


def example_sheets() -> Sheets:
    """Three groups, 26 clients and 7 staff of a mid-size provider, planned from January 2027."""
    settings = [
        ["avain", "arvo"],
        ["suunnittelu_alkaa", _d("4.1.2027")],
        ["aikaraja_s", 40],
    ]
    staff = [
        ["tunnus", "nimi", "roolit", "työpäivät", "asiakkaita_max", "minuutit_päivässä", "toimipiste"],
        ["S01", "Aino Virtanen", "omaohjaaja, ryhmänohjaaja", "ma-pe", 10, None, "Tampere"],
        ["S02", "Mikko Korhonen", "omaohjaaja, ryhmänohjaaja", "ma-pe", 10, None, "Tampere"],
        ["S03", "Liisa Mäkinen", "omaohjaaja", "ma-pe", 12, None, "Tampere"],
        ["S04", "Jari Nieminen", "omaohjaaja", "ma-pe", 12, None, "Tampere"],
        ["S05", "Sari Heikkinen", "ryhmänohjaaja, omaohjaaja", "ma-ke", 5, 450, "Tampere"],
        ["S06", "Timo Laine", "ryhmänohjaaja, psykologi", "ma-pe", None, None, "Tampere"],
        ["S07", "Kaisa Lehtonen", "omaohjaaja", "ma-pe", 12, None, "Tampere"],
    ]
    groups = [
        ["ryhmä", "enimmäiskoko", "aloitus_aikaisintaan", "aloitus_viimeistään", "viikonpäivät",
         "ohjaajat", "ohjaajia_vähintään", "kieli", "tila", "toimipiste"],
        ["T27-1", 10, _d("1.3.2027"), _d("29.3.2027"), "ma-to", "S01, S06", None, "fi", "Sali 1", "Tampere"],
        ["T27-2", 9, _d("3.5.2027"), _d("31.5.2027"), "ti-pe", "S02, S05", 1, "fi", "Sali 1", "Tampere"],
        ["T27-3", 8, _d("6.9.2027"), _d("4.10.2027"), None, "S06, S01, S02", 2, "fi", "Sali 2", "Tampere"],
    ]
    clients = [
        ["asiakas", "ryhmä", "päätöspäivä", "omaohjaaja", "selvä_suunnitelma", "starttikäynnit",
         "tsemppikäynnit", "th_käynnit", "th_päivät", "seurantakäynnit", "th_alkaa", "ruokailu",
         "th_lyhennys_syy", "kieli"],
    ]
    rows = [
        # group T27-1: decisions in January 2027
        ("A001", "T27-1", "11.1.2027", "S03", "ei", 2, 3, 8, 50, 2, None, "työpaikkaruokala"),
        ("A002", "T27-1", "11.1.2027", "S03", "ei", 2, 3, 8, 55, 2, None, "lounasseteli"),
        ("A003", "T27-1", "13.1.2027", None, "kyllä", 1, 3, 8, 50, 2, None, "työpaikkaruokala"),
        ("A004", "T27-1", "14.1.2027", None, "ei", 2, 4, 9, 50, 2, None, None),
        ("A005", "T27-1", "18.1.2027", "S04", "ei", 3, 3, 8, 60, 2, None, "oma toimipiste"),
        ("A006", "T27-1", "20.1.2027", None, "ei", 2, 3, 8, 50, 2, None, "lounasseteli"),
        ("A007", "T27-1", "22.1.2027", None, "ei", 2, 3, 8, 50, 2, None, "työpaikkaruokala"),
        ("A008", "T27-1", "25.1.2027", None, "ei", 2, 3, 10, 50, 2, None, "lounasseteli"),
        ("A009", "T27-1", "1.2.2027", None, "ei", 2, 3, 8, 50, 1, None, "työpaikkaruokala"),
        # group T27-2: decisions in March 2027
        ("A010", "T27-2", "8.3.2027", "S07", "ei", 2, 3, 8, 50, 2, None, "lounasseteli"),
        ("A011", "T27-2", "8.3.2027", None, "ei", 2, 3, 8, 50, 2, None, "työpaikkaruokala"),
        ("A012", "T27-2", "10.3.2027", "S04", "ei", 2, 3, 8, 50, 2, "30.8.2027", "työpaikkaruokala"),
        ("A013", "T27-2", "12.3.2027", None, "kyllä", 2, 3, 8, 50, 2, None, "lounasseteli"),
        ("A014", "T27-2", "15.3.2027", None, "ei", 2, 3, 8, 50, 2, None, None),
        ("A015", "T27-2", "17.3.2027", None, "ei", 1, 5, 8, 50, 2, None, "työpaikkaruokala"),
        ("A016", "T27-2", "22.3.2027", None, "ei", 2, 3, 8, 50, 2, None, "lounasseteli"),
        ("A017", "T27-2", "29.3.2027", None, "ei", 2, 3, 8, 50, 2, None, "työpaikkaruokala"),
        ("A018", "T27-2", "6.4.2027", None, "ei", 2, 3, 8, 50, 2, None, "lounasseteli"),
        # group T27-3: decisions in summer 2027
        ("A019", "T27-3", "14.6.2027", None, "ei", 2, 3, 8, 50, 2, None, "työpaikkaruokala"),
        ("A020", "T27-3", "16.6.2027", "S03", "ei", 2, 3, 8, 50, 2, None, "lounasseteli"),
        ("A021", "T27-3", "21.6.2027", None, "kyllä", 2, 3, 8, 50, 2, None, "työpaikkaruokala"),
        ("A022", "T27-3", "5.7.2027", None, "ei", 2, 3, 8, 50, 2, None, "lounasseteli"),
        ("A023", "T27-3", "2.8.2027", None, "ei", 2, 3, 8, 50, 2, None, "työpaikkaruokala"),
        ("A024", "T27-3", "4.8.2027", None, "ei", 2, 3, 8, 50, 2, None, None),
        ("A025", "T27-3", "9.8.2027", None, "ei", 2, 3, 8, 50, 2, None, "lounasseteli"),
        ("A026", "T27-3", "16.8.2027", None, "ei", 2, 3, 8, 50, 2, None, "työpaikkaruokala"),
    ]
    for cid, gid, dec, cm, clear, sv, rv, wv, wd, fv, wp_start, lunch in rows:
        clients.append([cid, gid, _d(dec), cm, clear, sv, rv, wv, wd, fv,
                        _d(wp_start) if wp_start else None, lunch, None, None])
    absences = [["henkilö", "alkaa", "päättyy", "syy"]]
    summer_2027 = {
        "S01": ("7.6.2027", "2.7.2027"), "S02": ("28.6.2027", "23.7.2027"),
        "S03": ("5.7.2027", "30.7.2027"), "S04": ("14.6.2027", "9.7.2027"),
        "S05": ("12.7.2027", "6.8.2027"), "S06": ("21.6.2027", "16.7.2027"),
        "S07": ("26.7.2027", "20.8.2027"),
    }
    summer_2028 = {
        "S01": ("19.6.2028", "14.7.2028"), "S02": ("3.7.2028", "28.7.2028"),
        "S03": ("12.6.2028", "7.7.2028"), "S04": ("10.7.2028", "4.8.2028"),
        "S05": ("26.6.2028", "21.7.2028"), "S06": ("17.7.2028", "11.8.2028"),
        "S07": ("24.7.2028", "18.8.2028"),
    }
    for sid in summer_2027:
        absences.append([sid, _d(summer_2027[sid][0]), _d(summer_2027[sid][1]), "kesäloma"])
        absences.append([sid, _d("20.12.2027"), _d("31.12.2027"), "joululoma"])
        absences.append([sid, _d(summer_2028[sid][0]), _d(summer_2028[sid][1]), "kesäloma"])
        absences.append([sid, _d("18.12.2028"), _d("29.12.2028"), "joululoma"])
    absences.append(["S04", _d("3.2.2027"), _d("4.2.2027"), "koulutus"])
    absences.append(["A006", _d("10.5.2027"), _d("14.5.2027"), "sairausloma"])
    # The office closes for the weeks the whole staff is on Christmas leave. Open with nobody at
    # work, no case manager could make a practice week's call (R-WP-4): every work practice
    # would have to end before 20.12., and the third group's getting-ready visits were squeezed
    # into six working days to make room.
    closed = [
        ["päivä", "syy"],
        ["20.12.2027–31.12.2027", "joulutauko"],
        ["18.12.2028–29.12.2028", "joulutauko"],
    ]
    return {
        "Asetukset": settings,
        "Henkilöstö": staff,
        "Ryhmät": groups,
        "Asiakkaat": clients,
        "Poissaolot": absences,
        "Suljettu": closed,
    }


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/roster.xlsx")
    print(write_input_workbook(target, example_sheets()))
