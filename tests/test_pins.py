"""Pinned events (R-CLIENT-3, the input's Fixed sheet): every plan keeps them exactly; a pin no
plan can keep is named by its row; the validator flags a plan that drops one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import openpyxl

from optimizer.checks.validate import validate
from optimizer.core.plan import Event, RunSettings
from optimizer.explain.diagnose import diagnose
from optimizer.search.solve import Status, solve
from optimizer.workbook.read import read_roster

from .conftest import solve_and_check, tiny_roster
from .test_cli import run
from .workbooks import english, save

START_VISIT = Event(date(2027, 1, 20), "start_visit", "start", "G1", "A1", ("C1",), "office", row="Lukitut!A2")
GROUP_DAY = Event(date(2027, 2, 9), "group_day", "start", "G1", None, ("L1",), None, row="Lukitut!A3")


def test_pinned_visit_and_group_day_are_kept(sm):
    roster = tiny_roster(3)
    result, _ = solve_and_check(roster, sm, run=RunSettings(pinned=(START_VISIT, GROUP_DAY)))  # R-CLIENT-3 included
    events = result.plan.events
    assert any(e.date == START_VISIT.date and e.kind == "start_visit" and e.client_id == "A1"
               and e.staff_ids == ("C1",) for e in events)
    assert any(e.date == GROUP_DAY.date and e.kind == "group_day" and "L1" in e.staff_ids for e in events)


def test_a_plan_without_the_pinned_event_is_flagged(sm, tiny_solution):
    roster, result = tiny_solution
    # A working day on which the plan has no start visit of A1: the pin there is dropped.
    planned = {e.date for e in result.plan.events if e.client_id == "A1" and e.kind == "start_visit"}
    day = next(d for d in (date(2027, 1, k) for k in range(18, 30)) if d.weekday() < 5 and d not in planned)
    pinned = RunSettings(pinned=(replace(START_VISIT, date=day),))
    broken = [r for r in validate(roster, sm, result.plan, pinned).broken if r.rule == "R-CLIENT-3"]
    assert broken and "Lukitut!A2" in broken[0].findings[0].en
    assert validate(roster, sm, result.plan).ok  # without the pin the same plan is fine


def test_a_pin_on_a_saturday_has_no_plan_and_the_diagnosis_names_its_row(sm):
    # One client (A1, whose start visit is pinned): each of the diagnosis's 18 checks builds the
    # model, and with three clients they took 16 s. Deterministic: no check depends on the clock.
    roster = tiny_roster(1)
    pinned = RunSettings(pinned=(replace(START_VISIT, date=date(2027, 1, 23)),))
    result = solve(roster, sm, time_limit_s=10, deterministic=True, run=pinned)
    assert result.status == Status.INFEASIBLE
    assert result.reasons[0].key == "pinned_impossible" and result.reasons[0].info["row"] == "Lukitut!A2"
    found = diagnose(roster, sm, result.reasons, 60.0, deterministic=True, run=pinned)
    assert [m.key for m in found.lines][:2] == ["diagnosis_core", "fact_pinned"]
    assert any(k == "suggest_pinned" for k, _ in found.lines)


def test_fixed_sheet_is_read_and_names_an_empty_case_manager(tmp_path):
    sheets = english()
    header = ["date", "kind", "phase", "group_id", "client_id", "staff_id", "mode", "with_employer",
              "network_meeting", "substitute", "note"]
    sheets["Fixed"] = [header, [date(2027, 1, 19), "start_visit", "start", "G1", "A2", "C1", "office", "no",
                                "no", "no", "sovittu"]]
    path = save(tmp_path, sheets)
    roster, _, settings, _ = read_roster(path)
    assert len(settings.pinned) == 1 and settings.pinned[0].row == "Fixed!A2"
    assert roster.clients["A2"].case_manager == "C1"  # R-STAFF-3: the pin names her
    result = run(str(path), "--lang", "en", "--time-limit", "15")
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(tmp_path / "roster-plan.xlsx")["Events"].iter_rows(min_row=2, values_only=True))
    assert any(r[0].date() == date(2027, 1, 19) and r[1] == "start_visit" and r[4] == "A2" and r[5] == "C1"
               for r in rows)


def test_pinned_visit_marks_are_kept_exactly_and_a_rewritten_mark_is_broken(sm, tiny_solution):
    """R-WP-3, R-CLIENT-3: an in-person network meeting, a video visit on a day the plan held a
    site visit, and a video visit with the employer, all pinned: the plan keeps mode, employer
    and network marks exactly; the validator breaks R-CLIENT-3 on a plan that rewrites one."""
    roster, base = tiny_solution
    visits = sorted((e for e in base.plan.events if e.client_id == "A1" and e.kind == "wp_visit"),
                    key=lambda e: e.date)
    sites = [e for e in visits if e.mode == "site"]
    videos = [e for e in visits if e.mode == "video"]
    pins = (
        replace(videos[0], mode="site", with_employer=True, network_meeting=True, row="Lukitut!A2"),
        replace(sites[1], mode="video", with_employer=False, network_meeting=False, row="Lukitut!A3"),
        replace(videos[-1], mode="video", with_employer=True, network_meeting=False, row="Lukitut!A4"),
    )
    run_pins = RunSettings(pinned=pins)
    result, _ = solve_and_check(roster, sm, time_limit=3, deterministic=True, run=run_pins)
    planned = {(e.date, e.kind, e.client_id): e for e in result.plan.events}
    for pin in pins:
        e = planned[(pin.date, pin.kind, pin.client_id)]
        assert (e.mode, e.with_employer, e.network_meeting) == (pin.mode, pin.with_employer, pin.network_meeting)
    rewritten = [replace(e, network_meeting=False, with_employer=True, mode="video")
                 if (e.date, e.kind, e.client_id) == (pins[0].date, pins[0].kind, pins[0].client_id) else e
                 for e in result.plan.events]
    report = validate(roster, sm, replace(result.plan, events=rewritten), run_pins)
    assert "R-CLIENT-3" in {r.rule for r in report.broken}
