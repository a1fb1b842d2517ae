"""The sheets people print and copy from (issue 5): staff weekly rosters, certificates and
weights, checked against the plan's events (counts and dates, not only that a sheet exists)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from optimizer.checks.validate import validate
from optimizer.core.domain import Absence
from optimizer.core.plan import PHASES, Plan
from optimizer.core.service_model import SOFT_RULES
from optimizer.explain.explain import explain_costs
from optimizer.search.solve import Status
from optimizer.workbook.rosters import certificate_rows, roster_sheet_name, with_periods
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
    issued = {e.client_id: e.date for e in plan.events if e.kind == "certificate_due"}
    for lang, sheet, words in (("fi", "Todistukset", ("tulossa", "alkanut", "päätösjakso")),
                               ("en", "Certificates", ("coming", "begun", "final"))):
        rows = list(wb[lang][sheet].iter_rows(min_row=2, values_only=True))
        assert wb[lang][sheet].cell(1, 10).comment is not None  # the total counts days: a note says so
        expected = [p for p in plan.periods if p.phase != "final" or not roster.clients[p.client_id].clear_plan]
        assert len(rows) == len(expected)
        for p in expected:
            row = next(r for r in rows if r[0] == p.client_id and r[4].date() == p.start)
            assert row[5].date() == p.end and row[2].date() == issued[p.client_id]
            assert row[10] == (words[0] if p.start > issued[p.client_id] else words[1])
        clear = [c.client_id for c in roster.clients.values() if c.clear_plan]
        assert clear and not any(r[0] in clear and r[3] == words[2] for r in rows)  # R-DEEP-2


@pytest.fixture(scope="module")
def example(sm):
    """The example roster's greedy plan (the same in every run), with A002 away on the sixth
    group day of the start period: the group keeps its days and A002 misses one (R-CLIENT-1)."""
    from optimizer.search.greedy import greedy_plan
    from optimizer.workbook.read import read_roster

    roster, sm_, _, _ = read_roster(EXAMPLE)
    days = sorted(e.date for e in greedy_plan(roster, sm_).events
                  if e.kind == "group_day" and e.group_id == "T27-1" and e.phase == "start")
    roster = replace(roster, absences=(*roster.absences, Absence("A002", days[5], days[5], "sairaus")))
    plan = greedy_plan(roster, sm_)
    assert validate(roster, sm_, plan).ok
    return roster, sm_, plan, days[5]


def test_example_certificates_list_all_six_periods_with_the_clients_days(example):
    """R-CERT-1 (Q8, Q9): each period separately, with its dates and the client's days, checked
    against the Events: visit days and attended group days, the practice's span and days."""
    roster, _, plan, missed = example
    rows = certificate_rows(roster, plan)
    for cid in ("A001", "A002", "A003"):  # A003 has a clear plan: no final period (R-DEEP-2)
        c = roster.clients[cid]
        by = {r.phase: r for r in rows if r.client_id == cid}
        assert list(by) == [p for p in PHASES if p != "final" or not c.clear_plan]
        mine = [e for e in plan.events if e.client_id == cid]
        away = {a.start for a in roster.absences_of(cid)}

        def visits(kind, phase, mine=mine):
            return sorted(e.date for e in mine if e.kind == kind and e.phase == phase)

        def group(phase, gid=c.group_id):
            return sorted(e.date for e in plan.events if e.kind == "group_day" and e.group_id == gid
                          and e.phase == phase)

        end_phase = "deep" if c.clear_plan else "final"
        for phase, kind in (("start", "start_visit"), ("ready", "ready_visit"), ("deep", "final_discussion"),
                            ("final", "final_discussion"), ("follow_up", "follow_up_visit")):
            if phase not in by:
                continue
            seen = visits(kind, phase) if kind != "final_discussion" or phase == end_phase else []
            days = group(phase) if phase in ("start", "deep", "final") else []
            attended = [d for d in days if d not in away]
            r = by[phase]
            assert (r.start, r.end) == (min(seen + days), max(seen + days)), (cid, phase)
            assert (r.visit_days, r.group_days, r.practice_days) == (len(seen), len(attended), None), (cid, phase)
            assert r.days == len(set(seen) | set(attended)), (cid, phase)
        wp = next(p for p in plan.periods if p.client_id == cid and p.phase == "work_practice")
        r = by["work_practice"]
        assert (r.start, r.end, r.visit_days, r.practice_days, r.days) == (wp.start, wp.end, None, wp.days, wp.days)
        issued = next(e.date for e in mine if e.kind == "certificate_due")
        assert all(r.issued == issued and r.coming == (r.start > issued) for r in by.values())
        assert by["start"].coming is False and by["follow_up"].coming is True
    a2 = next(r for r in rows if r.client_id == "A002" and r.phase == "start")
    assert a2.group_days == 11 and a2.days == a2.visit_days + 11  # the missed day is not counted
    note = next(p.note for p in plan.periods if p.client_id == "A002" and p.phase == "start")
    assert missed.isoformat() in note


def test_a_clear_plan_client_at_the_final_days_has_them_on_the_certificate(sm):
    """R-DEEP-2: A3 has a clear plan and attends the final group days: the final period is on the
    certificate with its four group days and no visit (no final discussion there)."""
    from optimizer.search.greedy import greedy_plan

    base = tiny_roster(3)
    for attends in (False, True):
        roster = replace(base, clients={**base.clients, "A3": replace(base.clients["A3"], attends_final=attends)})
        plan = greedy_plan(roster, sm)
        assert validate(roster, sm, plan).ok
        final = [r for r in certificate_rows(roster, plan) if r.client_id == "A3" and r.phase == "final"]
        if attends:
            assert [(r.visit_days, r.group_days, r.days) for r in final] == [(0, 4, 4)]
        else:
            assert final == []


def phases_of(roster, plan) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {cid: [] for cid in roster.clients}
    for p in plan.periods:
        out[p.client_id].append(p.phase)
    return out


def expected_phases(roster) -> dict[str, list[str]]:
    return {cid: [p for p in PHASES if p != "final" or c.final_days_attended] for cid, c in roster.clients.items()}


def test_every_way_of_planning_writes_every_clients_periods(sm, example, tiny_solution):
    """The Periods rows of the greedy planner, the CP-SAT model and a re-plan that freezes what is
    done (R-CLIENT-3) hold every period of every client, getting-ready and follow-up included."""
    from optimizer.core.plan import DEFAULT_RUN
    from optimizer.search.replan import with_previous
    from optimizer.search.solve import solve

    roster, _, plan, _ = example
    assert phases_of(roster, plan) == expected_phases(roster)
    tiny, result = tiny_solution
    assert phases_of(tiny, result.plan) == expected_phases(tiny)
    for start in (date(2027, 4, 1), date(2027, 10, 1)):  # in work practice; after the deepening period
        again, run = with_previous(replace(tiny, plan_start=start), DEFAULT_RUN, result.plan)
        replanned = solve(again, sm, time_limit_s=30, deterministic=True, run=run)
        assert replanned.plan is not None and validate(again, sm, replanned.plan, run).ok
        assert run.frozen_until == start and phases_of(again, replanned.plan) == expected_phases(again)


def test_periods_a_hand_made_plan_leaves_out_are_derived_from_its_events(example, tmp_path):
    """A plan made by hand with only its work practice rows: the written Periods sheet has every
    period again, the same rows the planner wrote (dates, days, missed days in the note), and the
    certificates are the same as the full plan's."""
    from optimizer.workbook.plan_read import read_plan

    roster, sm_, plan, _ = example
    bare = Plan(plan.events, [p for p in plan.periods if p.phase == "work_practice"], plan.postponed)
    assert with_periods(roster, bare).periods == plan.periods
    assert certificate_rows(roster, bare) == certificate_rows(roster, plan)
    path = tmp_path / "plan.xlsx"
    write_plan(path, PlanBook(roster, sm_, bare, validate(roster, sm_, bare), Summary(Status.FEASIBLE)), "en")
    assert read_plan(path, "en").periods == plan.periods
    assert with_periods(roster, plan) is plan  # nothing missing: the planner's own rows


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
            costs = explain_costs(roster, sm_, plan, lang, budget_s=0)  # the sheets, not the causes
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
    Periods, sheet names within Excel's 31 characters, every column of Checks with a header and its
    colour legend below its rows (issue 15)."""
    _, _, wb = written
    for lang, book in wb.items():
        for ws in book.worksheets:
            assert len(ws.title) <= 31 and not set(ws.title) & set("[]:*?/\\")
            if ws.title in ("Yhteenveto", "Summary"):
                continue
            assert ws.freeze_panes in ("A2", "B3", "B2", "C2"), ws.title  # B2, C2: the week columns stay too
            if not ws.title.startswith(("Viikot", "Weeks", "Painotukset", "Weights", "Tiimiviikko", "Team week")):
                assert ws.auto_filter.ref, ws.title
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if hasattr(cell.value, "year"):
                        assert cell.number_format == "d.m.yyyy", (ws.title, cell.coordinate)
        for name in (("Tapahtumat", "Jaksot") if lang == "fi" else ("Events", "Periods")):
            assert not book[name].merged_cells.ranges
        checks = book["Tarkistukset" if lang == "fi" else "Checks"]
        header = [c.value for c in checks[1]]
        assert len(header) == checks.max_column and all(header), header  # a header on every column
        column_a = [c.value for c in checks["A"]]
        below = column_a.index("selite" if lang == "fi" else "legend")  # the legend, below the rules
        last = "G" if lang == "fi" else "F"  # the Finnish plan has the status in words beside its code
        assert column_a[below - 1] is None and checks.auto_filter.ref.endswith(f"{last}{below - 1}")  # rows above
        assert column_a[below + 1:] == ["ok", "broken", "relaxed", "notice", "cost", "cause", "fix"]
        assert [c.value for c in checks[2]][2] in ("ok", "notice", "relaxed", "cost")  # no legend beside


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


def test_summary_ends_with_the_plans_quality_in_its_own_block(sm, written):
    """Below the soft rules, the quality figures (optimizer/checks/quality.py) with their labels,
    numbers with a decimal comma in Finnish; the figures above keep their places."""
    from optimizer.checks.quality import quality, quality_rows

    roster, plan, wb = written
    for lang, sheet, title in (("fi", "Yhteenveto", "Suunnitelman laatu"), ("en", "Summary", "Plan quality")):
        rows = [r[:2] for r in wb[lang][sheet].iter_rows(values_only=True)]
        k = rows.index((title, None))
        assert rows[k - 1] == (None, None) and rows[k - 2][0] == SOFT_RULES[-1]
        assert rows[k + 1:] == quality_rows(quality(roster, sm, plan), sm, lang)
        # Issue 15: the outcome in plain words first, then the run's figures under their own title.
        assert str(rows[2][0]).startswith(("Suunnitelma löytyi", "A plan was found")) and rows[2][1] is None
        technical = rows.index(("Tekniset tiedot" if lang == "fi" else "Technical details", None))
        assert rows[technical + 1][0] in ("tila", "status") and technical < k
        jargon = re.compile(r"\b(tavoite\w*|raja|alaraja|ero|siemen|muuttuj\w*|käypä|objective|bound|gap|seed|"
                            r"variables?|feasible)\b", re.IGNORECASE)
        assert not any(jargon.search(str(r[0])) for r in rows[:technical])
    figures = [v for _, v in quality_rows(quality(roster, sm, plan), sm, "fi")]
    assert not any("." in v for v in figures)  # Finnish decimals: tests/test_quality.py pins "4,5"


def test_checks_say_what_each_rule_means_beside_its_id(written):
    """Issue 15: each Checks row has its rule's one line beside the id (RULE_WORDS), in the
    sheet's language; every hard rule is there with it."""
    from optimizer.checks.validate import HARD_RULES
    from optimizer.core.messages import RULE_WORDS, pick

    _, _, wb = written
    for lang, name in (("fi", "Tarkistukset"), ("en", "Checks")):
        rows = list(wb[lang][name].iter_rows(min_row=2, values_only=True))
        rows = rows[:next(k for k, r in enumerate(rows) if all(v is None for v in r))]  # above the legend
        assert {r[0] for r in rows} >= set(HARD_RULES)
        for r in rows:
            assert r[1] == pick(RULE_WORDS[r[0]], lang), r


def test_every_roster_week_names_its_iso_year(written):
    """Issue 15: `vko 27 5.7.` of 2027 and `vko 27 3.7.` of 2028 read alike; every week of every
    weekly roster names its ISO week and year, and its Monday is that week's."""
    import itertools
    import re

    roster, plan, wb = written
    for lang, word in (("fi", "vko"), ("en", "wk")):
        for s in roster.staff:
            heads = [str(r[0].value) for r in wb[lang][roster_sheet_name(s, lang)].iter_rows(min_row=3)
                     if r[0].value and "\n" in str(r[0].value)]
            mondays = []
            for head in heads:
                m = re.fullmatch(rf"{word} (\d+)/(\d{{4}})\n(.+)", head)
                assert m, head
                monday = date.fromisocalendar(int(m[2]), int(m[1]), 1)
                assert m[3] == (f"{monday.day}.{monday.month}." if lang == "fi" else monday.strftime("%d %b"))
                mondays.append(monday)
            first = min(e.date for e in plan.events)
            assert mondays[0] == first - timedelta(days=first.weekday())
            assert [b - a for a, b in itertools.pairwise(mondays)] == [timedelta(days=7)] * (len(mondays) - 1)
            assert mondays[-1] >= max(e.date for e in plan.events) - timedelta(days=6)


def test_finnish_plan_has_words_beside_every_code_and_reads_back_the_same(written, tmp_path):
    """Issue 15: in the Finnish plan each column of English codes (the contract's) has a column of
    Finnish words right beside it; readers take the code columns by their names and ignore the
    display columns, so the Finnish and the English plan read back as the same plan."""
    from optimizer.core.messages import KIND_WORDS
    from optimizer.workbook.plan_read import read_plan

    _, plan, wb = written
    events = wb["fi"]["Tapahtumat"]
    header = [c.value for c in events[1]]
    for code, words in (("tapahtuma", "tapahtuma suomeksi"), ("jakso", "jakso suomeksi"), ("tapa", "tapa suomeksi"),
                        ("työnantaja", "työnantaja suomeksi"), ("sijainen", "sijainen suomeksi")):
        assert header[header.index(code) + 1] == words
    row = {h: c.value for h, c in zip(header, events[2], strict=True)}
    assert row["tapahtuma suomeksi"] == KIND_WORDS[row["tapahtuma"]][0]
    assert row["työnantaja"] == "no" and row["työnantaja suomeksi"] == "ei"
    periods = [c.value for c in wb["fi"]["Jaksot"][1]]
    assert periods[periods.index("jakso") + 1] == "jakso suomeksi"
    checks = [c.value for c in wb["fi"]["Tarkistukset"][1]]
    assert checks[checks.index("tila") + 1] == "tila suomeksi"
    assert {c.value for c in wb["fi"]["Tarkistukset"]["D"][1:] if c.value} <= {
        "kaikki kunnossa", "huomio", "joustettu", "pehmeän säännön kustannus", "rikottu"}
    assert "tapahtuma suomeksi" not in [c.value for c in wb["en"]["Events"][1]]
    for lang in ("fi", "en"):
        wb[lang].save(tmp_path / f"{lang}.xlsx")
    fi, en = read_plan(tmp_path / "fi.xlsx", "fi"), read_plan(tmp_path / "en.xlsx", "en")
    assert fi.events == en.events == plan.events and fi.periods == en.periods


def test_group_calendar_names_each_leaders_days_when_they_take_turns():
    """A block whose leaders alternate must not read as led by both every day (a coordinator
    reading the example took "S02, S05" for two leaders a day)."""
    from optimizer.core.plan import Event
    from optimizer.workbook.write import leaders_text

    both = [Event(date(2027, 5, d), "group_day", "deep", "G1", None, ("S02", "S05")) for d in (11, 12)]
    assert leaders_text(both, "fi") == "S02, S05"
    turns = [Event(date(2027, 5, 11), "group_day", "deep", "G1", None, ("S05",)),
             Event(date(2027, 5, 12), "group_day", "deep", "G1", None, ("S02",)),
             Event(date(2027, 5, 13), "group_day", "deep", "G1", None, ("S02",))]
    assert leaders_text(turns, "fi") == "S02 12.5., 13.5.; S05 11.5."
