"""The sheets people print and copy from (issue 5): staff weekly rosters, certificates and
weights, checked against the plan's events (counts and dates, not only that a sheet exists)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from optimizer.checks.validate import validate
from optimizer.core.service_model import SOFT_RULES
from optimizer.explain.explain import explain_costs
from optimizer.search.solve import Status
from optimizer.workbook.rosters import roster_sheet_name
from optimizer.workbook.write import PlanBook, Summary, describe, write_plan

from .conftest import solve_and_check, tiny_roster, with_absence

EXAMPLE = Path(__file__).parents[1] / "data" / "roster.xlsx"


@pytest.fixture(scope="module")
def written(sm, tmp_path_factory):
    """The tiny roster with C1 on holiday over Easter 2027, planned and written in both languages."""
    roster = with_absence(tiny_roster(3), "C1", date(2027, 3, 22), date(2027, 4, 2))
    result, report = solve_and_check(roster, sm)
    out = {}
    for lang in ("fi", "en"):
        path = tmp_path_factory.mktemp(lang) / "plan.xlsx"
        costs = explain_costs(roster, sm, result.plan, lang)
        write_plan(path, PlanBook(roster, sm, result.plan, report, Summary(Status.OPTIMAL), costs), lang)
        out[lang] = openpyxl.load_workbook(path)
    return roster, result.plan, out


def cells_by_date(ws) -> dict[date, object]:
    """Each day's cell of a weekly roster: rows are weeks (Monday's date in the week column)."""
    out = {}
    for row in ws.iter_rows(min_row=3):
        head = row[0].value
        if not head or "\n" not in str(head):
            continue
        day, month = (int(x) for x in str(head).split("\n")[1].strip(".").split(".")[:2]) \
            if "." in str(head).split("\n")[1] else (None, None)
        if day is None:
            continue
        monday = next(date(y, month, day) for y in (2026, 2027, 2028, 2029) if date(y, month, day).weekday() == 0)
        for k in range(5):
            out[monday + timedelta(days=k)] = row[k + 1]
    return out


def test_every_staff_member_gets_a_roster_with_exactly_their_events(written):
    roster, plan, wb = written
    ws_names = wb["fi"].sheetnames
    for s in roster.staff:
        ws = wb["fi"][roster_sheet_name(s, "fi")]
        assert roster_sheet_name(s, "fi") in ws_names
        assert [c.value for c in ws[2]] == ["viikko", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai"]
        cells = cells_by_date(ws)
        mine = [e for e in plan.events if s in e.staff_ids]
        assert mine
        for e in mine:  # each event in its day's cell, in plain words
            assert describe(e, "fi") in str(cells[e.date].value), (s, e)
        lines = Counter()
        for d, cell in cells.items():
            for line in str(cell.value or "").split("\n")[1:]:
                if not line.startswith(("arkipyhä", "poissa", "suljettu", "ei työpäivä")):
                    lines[d] += 1
        assert sum(lines.values()) == len(mine)
        assert Counter(e.date for e in mine) == +lines


def test_holidays_and_absences_are_shaded_and_labelled(written):
    _, _, wb = written
    cells = cells_by_date(wb["fi"][roster_sheet_name("C1", "fi")])
    good_friday, holiday = cells[date(2027, 3, 26)], cells[date(2027, 3, 24)]
    assert "arkipyhä: Pitkäperjantai" in good_friday.value and good_friday.fill.fgColor.rgb.endswith("D9D9D9")
    assert "poissa: loma" in holiday.value and holiday.fill.fgColor.rgb.endswith("FFE699")
    ws = wb["en"][roster_sheet_name("C1", "en")]
    text = "\n".join(str(c.value) for row in ws.iter_rows(min_row=3) for c in row if c.value)
    assert "public holiday: Good Friday" in text and "away: loma" in text


def test_rosters_print_on_a4_landscape_one_page_wide(written):
    roster, _, wb = written
    for lang in ("fi", "en"):
        for s in roster.staff:
            ws = wb[lang][roster_sheet_name(s, lang)]
            assert ws.page_setup.orientation == "landscape"
            assert int(ws.page_setup.paperSize) == 9  # A4
            assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.print_title_rows.replace("$", "") == "1:2"
            assert len(ws.title) <= 31


def test_certificates_list_every_period_with_the_coming_ones_marked(written):
    roster, plan, wb = written
    rows = list(wb["fi"]["Todistukset"].iter_rows(min_row=2, values_only=True))
    expected = [p for p in plan.periods if p.phase in ("start", "work_practice", "deep", "final")]
    assert len(rows) == len(expected)
    issued = {e.client_id: e.date for e in plan.events if e.kind == "certificate_due"}
    for p in expected:
        row = next(r for r in rows if r[0] == p.client_id and r[4].date() == p.start)
        assert row[5].date() == p.end and row[2].date() == issued[p.client_id]
        assert row[6] == ("tulossa" if p.start > issued[p.client_id] else "alkanut")
    clear = [c.client_id for c in roster.clients.values() if c.clear_plan]
    assert clear and not any(r[0] in clear and r[3] == "päätösjakso" for r in rows)  # R-DEEP-2


def test_weights_sheet_round_trips_into_the_input(written, tmp_path):
    from optimizer.workbook.read import read_roster

    from .workbooks import english, save

    _, _, wb = written
    rows = list(wb["en"]["Weights"].iter_rows(values_only=True))
    assert rows[0] == ("rule", "weight", "description")
    assert [r[0] for r in rows[1:]] == list(SOFT_RULES)
    sheets = english()
    sheets["Weights"] = [list(rows[0]), *[[r[0], 7 if r[0] == "S-LOAD" else r[1], r[2]] for r in rows[1:]]]
    _, sm, _, _ = read_roster(save(tmp_path, sheets))
    assert sm.weights["S-LOAD"] == 7


def test_example_and_a_six_group_roster_have_every_sheet_in_both_languages(sm, tmp_path):
    from benchmarks.generate import SIZES, generate
    from optimizer.search.greedy import greedy_plan
    from optimizer.workbook.example import write_input_workbook
    from optimizer.workbook.labels import OUTPUT_SHEETS
    from optimizer.workbook.read import read_roster

    generated = write_input_workbook(tmp_path / "m.xlsx", generate(SIZES["M"], 1))
    for source in (generated, EXAMPLE):
        roster, sm_, _, _ = read_roster(source)
        plan = greedy_plan(roster, sm_)
        report = validate(roster, sm_, plan)
        for lang, k in (("fi", 1), ("en", 0)):
            path = tmp_path / f"plan-{lang}.xlsx"
            costs = explain_costs(roster, sm_, plan, lang)
            write_plan(path, PlanBook(roster, sm_, plan, report, Summary(Status.FEASIBLE), costs), lang)
            names = openpyxl.load_workbook(path, read_only=True).sheetnames
            always = {key: pair for key, pair in OUTPUT_SHEETS.items() if key != "changes"}  # re-plans only
            assert {pair[k] for pair in always.values()} <= set(names)
            working = {s for s in roster.staff if any(s in e.staff_ids for e in plan.events)}
            rostered = {n for n in names if n.startswith(("Viikot ", "Weeks "))}
            assert rostered == {roster_sheet_name(s, lang) for s in working}  # only people with events
    assert len(read_roster(generated)[0].groups) >= 6


def test_spreadsheet_conventions_on_every_sheet(written):
    """Frozen headers, filters on tables, d.m.yyyy date cells, no merged cells in Events and
    Periods, sheet names within Excel's 31 characters, a colour legend beside Checks."""
    _, _, wb = written
    for lang, book in wb.items():
        for ws in book.worksheets:
            assert len(ws.title) <= 31 and not set(ws.title) & set("[]:*?/\\")
            if ws.title in ("Yhteenveto", "Summary"):
                continue
            assert ws.freeze_panes in ("A2", "B3"), ws.title
            if not ws.title.startswith(("Viikot", "Weeks", "Painotukset", "Weights")):
                assert ws.auto_filter.ref, ws.title
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if hasattr(cell.value, "year"):
                        assert cell.number_format == "d.m.yyyy", (ws.title, cell.coordinate)
        for name in (("Tapahtumat", "Jaksot") if lang == "fi" else ("Events", "Periods")):
            assert not book[name].merged_cells.ranges
        checks = book["Tarkistukset" if lang == "fi" else "Checks"]
        legend = [c.value for c in checks["G"] if c.value]
        assert legend[0] in ("selite", "legend") and any(str(v).startswith("broken") for v in legend)


def test_group_calendar_rows_are_the_groups_periods(sm, written):
    roster, plan, wb = written
    rows = list(wb["en"]["Group calendar"].iter_rows(min_row=2, values_only=True))
    days = {phase: sorted(e.date for e in plan.events if e.kind == "group_day" and e.phase == phase)
            for phase in ("start", "deep", "final")}
    start_rows = [r for r in rows if str(r[1]).startswith("start")]
    assert [r[1] for r in start_rows] == ["start 1/3", "start 2/3", "start 3/3"]
    assert [r[2].date() for r in start_rows] == days["start"][0::4]
    assert [r[3].date() for r in start_rows] == days["start"][3::4]
    for phase in ("deep", "final"):
        row = next(r for r in rows if r[1] == phase)
        assert (row[2].date(), row[3].date(), row[4]) == (days[phase][0], days[phase][-1], len(days[phase]))
    for r in rows:
        assert r[0] == "G1" and r[5] == len(roster.clients) and r[6] == sm.group_min_size(6) and r[7] == "no"


def test_client_timelines_follow_the_periods_and_events(written):
    from optimizer.core.dates import months_spanned

    roster, plan, wb = written
    rows = {r[0]: r for r in wb["en"]["Client timelines"].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == set(roster.clients)
    periods = {(p.client_id, p.phase): p for p in plan.periods}
    for cid, r in rows.items():
        def day(v):
            return v.date() if v is not None else None
        mine = sorted(e.date for e in plan.events if e.client_id == cid and not e.kind.endswith("_due"))
        follow = sorted(e.date for e in plan.events if e.client_id == cid and e.kind == "follow_up_visit")
        assert day(r[5]) == periods[cid, "start"].start
        assert (day(r[7]), day(r[8]), r[9]) == (periods[cid, "work_practice"].start, periods[cid, "work_practice"].end,
                                                periods[cid, "work_practice"].days)
        assert [day(r[12]), day(r[13])] == follow
        assert day(r[14]) == next(e.date for e in plan.events if e.client_id == cid and e.kind == "certificate_due")
        assert r[17] == months_spanned(mine[0], mine[-1])


def test_summary_has_the_stamp_and_every_soft_rules_cost(tmp_path):
    from .test_cli import run
    from .workbooks import english, save

    roster = save(tmp_path, english())
    assert run(str(roster), "--lang", "en", "--time-limit", "10").exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "roster-plan.xlsx")["Summary"]
    values = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r and r[0]}
    for key in ("status", "objective", "bound", "gap", "seconds", "tool version", "ortools version",
                "service model", "service model checksum", "input checksum", "seed", "time limit"):
        assert key in values, key
    costs = {r[0]: r[2] for r in ws.iter_rows(values_only=True) if r and str(r[0]).startswith("S-")}
    assert list(costs) == list(SOFT_RULES)
    assert sum(costs.values()) == pytest.approx(float(values["objective"]), abs=1)
