"""`optimize template` (issue 5): a blank input workbook with instructions, drop-downs and date
validation that reads back as a roster, in Finnish and English, blank or with the example."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from optimizer.workbook.read import read_roster

from .test_cli import run


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_template_reads_back_and_has_working_drop_downs(tmp_path, lang):
    path = tmp_path / "pohja.xlsx"
    result = run("template", str(path), "--lang", lang)
    assert result.exit_code == 0, result.output
    roster, _, settings, _ = read_roster(path, lang)  # the example row is a valid little roster
    assert list(roster.clients) == ["A001"] and list(roster.groups) == ["G1"] and settings.pinned == ()
    wb = openpyxl.load_workbook(path)
    instructions, staff, groups, clients = (("Ohjeet", "Henkilöstö", "Ryhmät", "Asiakkaat") if lang == "fi"
                                            else ("Instructions", "Staff", "Groups", "Clients"))
    assert wb.sheetnames[0] == instructions
    choices = wb["Valinnat" if lang == "fi" else "Choices"]

    def listed(ws, column):
        """The drop-down values of a column, followed through the Choices sheet."""
        dv = next(v for v in ws.data_validations.dataValidation if str(v.sqref).startswith(f"{column}2"))
        assert dv.type == "list"
        ref = dv.formula1.split("!")[1].replace("$", "")
        return [c.value for row in choices[ref] for c in row]

    roles = listed(wb[staff], "C")
    assert ("omaohjaaja" if lang == "fi" else "case_manager") in roles
    assert listed(wb[groups], "E") == (["ma-to", "ti-pe"] if lang == "fi" else ["Mon-Thu", "Tue-Fri"])
    assert listed(wb[clients], "E") == (["kyllä", "ei"] if lang == "fi" else ["yes", "no"])
    # Issue 14: postpone (R-GROUP-2), part-time weekdays and attends_final (R-WP-2, R-DEEP-2).
    headers = {ws.title: [c.value for c in ws[1]] for ws in (wb[groups], wb[clients])}
    postpone = "ABCDEFGHIJKLMNOP"[headers[groups].index("siirrä" if lang == "fi" else "postpone")]
    weekdays, attends = ("ABCDEFGHIJKLMNOP"[headers[clients].index(h)] for h in
                         (("th_viikonpäivät", "päätösjaksolle") if lang == "fi" else ("wp_weekdays", "attends_final")))
    yes_no = ["kyllä", "ei"] if lang == "fi" else ["yes", "no"]
    assert listed(wb[groups], postpone) == yes_no and listed(wb[clients], attends) == yes_no
    assert listed(wb[clients], weekdays) == (["ma-pe", "ma-to", "ti-pe", "ma-ke"] if lang == "fi"
                                             else ["Mon-Fri", "Mon-Thu", "Tue-Fri", "Mon-Wed"])
    open_list = next(v for v in wb[clients].data_validations.dataValidation
                     if str(v.sqref).startswith(f"{weekdays}2"))
    assert open_list.errorStyle == "warning"  # other patterns (ma, ke, pe) are allowed too
    dates = [v for v in wb[clients].data_validations.dataValidation if v.type == "date"]
    assert any(str(v.sqref).startswith("C2") for v in dates)  # decision_date
    counts = {str(v.sqref).split(":")[0]: (v.formula1, v.formula2)
              for v in wb[clients].data_validations.dataValidation if v.type == "whole"}
    assert counts["F2"] == ("1", "5") and counts["I2"] == ("50", "70")  # R-START-1, R-WP-2


def test_every_choice_reads_back(tmp_path):
    """A filled template: every drop-down value, in either language, is one the reader accepts."""
    from optimizer.core.messages import CHOICE_WORDS

    from .workbooks import english, save

    for k, (fi_roles, en_roles) in enumerate(zip(*CHOICE_WORDS["roles"], strict=True)):
        sheets = english()
        sheets["Staff"][1][2] = fi_roles if k % 2 else en_roles
        sheets["Staff"][1][3] = CHOICE_WORDS["work_days"][k % 2][k]
        sheets["Groups"][1][4] = CHOICE_WORDS["weekdays"][k % 2][k % 2]
        sheets["Clients"][1][4] = CHOICE_WORDS["yes_no"][k % 2][k % 2]
        sheets["Groups"][0].append("postpone")
        sheets["Groups"][1].append(CHOICE_WORDS["yes_no"][k % 2][k % 2])  # three clients: below the minimum 4
        sheets["Clients"][0] += ["wp_weekdays", "attends_final"]
        for row in sheets["Clients"][1:]:
            row += [CHOICE_WORDS["wp_weekdays"][k % 2][k % 4], CHOICE_WORDS["yes_no"][k % 2][k % 2]]
        if "group_leader" in en_roles or "ryhmänohjaaja" in fi_roles:
            read_roster(save(tmp_path, sheets, f"r{k}.xlsx"))


def test_example_template_is_the_example_roster(tmp_path):
    path = tmp_path / "example.xlsx"
    assert run("template", str(path), "--lang", "en", "--example").exit_code == 0
    roster, _, _, _ = read_roster(path, "en")
    example, _, _, _ = read_roster(Path(__file__).parents[1] / "data" / "roster.xlsx")
    assert roster.clients == example.clients and roster.groups == example.groups
    assert roster.absences == example.absences and roster.staff == example.staff


def test_template_never_replaces_a_file(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"mine")
    result = run("template", str(path))
    assert result.exit_code == 2 and path.read_bytes() == b"mine"


def test_a_template_filled_as_a_coordinator_would_plans_without_notes_on_its_own_sheets(tmp_path):
    """Issue 15: `optimize template`, filled by a coordinator (ids picked from the drop-downs that
    the sheets themselves feed, a closed-day range and an absence range typed into one cell),
    gives a plan, and no run warns about the template's instructions or its hidden choices."""
    from datetime import date

    from optimizer.workbook.plan_read import read_plan

    path = tmp_path / "kevät.xlsx"
    assert run("template", str(path)).exit_code == 0
    wb = openpyxl.load_workbook(path)
    assert wb["Valinnat"].sheet_state == "hidden" and wb["Valinnat"]["A1"].value == "roolit"

    def drop_down(ws, column):
        """What the drop-down of `column` offers now: its list followed to the sheet it names."""
        dv = next(v for v in ws.data_validations.dataValidation if str(v.sqref).startswith(f"{column}2"))
        sheet, cells = dv.formula1.split("!")
        return [c.value for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row if c.value is not None]

    staff, groups, clients = wb["Henkilöstö"], wb["Ryhmät"], wb["Asiakkaat"]
    roles = drop_down(staff, "C")
    staff["A2"], staff["C2"] = "S01", roles[2]  # the example row becomes S01, leader and case manager
    staff.append(["S02", None, roles[0], "ma-pe", 10])
    groups["A2"], groups["B2"], groups["C2"], groups["D2"] = "K27", 6, date(2027, 2, 1), date(2027, 3, 1)
    groups["F2"] = drop_down(groups, "F")[0]
    assert groups["F2"].value == "S01"
    clients.delete_rows(2)
    managers = drop_down(clients, "D")
    for k, decision in enumerate((date(2027, 1, 11), date(2027, 1, 12), date(2027, 1, 13)), start=1):
        clients.append([f"A{k}", drop_down(clients, "B")[0], decision, managers[k % 2], "ei"])
    absences, closed = wb["Poissaolot"], wb["Suljettu"]
    absences["A2"], absences["B2"], absences["C2"] = drop_down(absences, "A")[1], "5.7.2027–30.7.2027", None
    closed["A2"], closed["B2"] = "27.12.2027-31.12.2027", "joulu"
    wb.save(path)

    result = run(str(path), "--time-limit", "3")
    assert result.exit_code == 0, result.output
    assert "Ohjeet" not in result.output and "Valinnat" not in result.output and "ohitettiin" not in result.output
    roster, _, _, notes = read_roster(path)
    assert notes == [] and {date(2027, 12, d) for d in range(27, 32)} <= set(roster.closed_days)
    assert [(a.person, a.start, a.end) for a in roster.absences] == [("S02", date(2027, 7, 5), date(2027, 7, 30))]
    plan = read_plan(tmp_path / "kevät-plan.xlsx")
    assert {e.client_id for e in plan.events if e.client_id} == {"A1", "A2", "A3"}
    assert not [e for e in plan.events if "S02" in e.staff_ids and date(2027, 7, 5) <= e.date <= date(2027, 7, 30)]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_column_is_explained_in_the_instructions_and_on_its_header(tmp_path, lang):
    from optimizer.core.messages import COLUMN_HELP, pick

    path = tmp_path / "pohja.xlsx"
    assert run("template", str(path), "--lang", lang).exit_code == 0
    wb = openpyxl.load_workbook(path)
    lines = [str(r[0].value) for r in wb.worksheets[0].iter_rows() if r[0].value]
    for ws in wb.worksheets[2:]:
        prompts = {str(v.sqref): v for v in ws.data_validations.dataValidation if v.showInputMessage}
        for cell in ws[1]:
            prompt = prompts[cell.coordinate]
            assert prompt.promptTitle == cell.value[:32] and len(prompt.prompt) <= 255
            assert f"{ws.title} / {cell.value}: {prompt.prompt}" in lines
    assert pick(COLUMN_HELP["groups", "room"], lang) in "\n".join(lines)  # tila: what a room is for
