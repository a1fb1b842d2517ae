"""Pre-checks (issue 4): exact collisions found before the solver, named in plain words."""

from __future__ import annotations

from dataclasses import replace

from optimizer.messages import t
from optimizer.prechecks import prechecks
from optimizer.solve import solve

from .conftest import client, forced_status, tiny_roster


def leader_case_manager_of(n: int, clear_plan: bool = False):
    """Group G1 (leader L1 runs every day) with n clients whose case manager is L1."""
    base = tiny_roster(1)
    clients = {f"A{k}": client(f"A{k}", case_manager="L1", clear_plan=clear_plan) for k in range(1, n + 1)}
    cells = {("clients", f"A{k}"): f"Asiakkaat!A{k + 1}" for k in range(1, n + 1)}
    return replace(base, clients=clients, cells=cells)


def test_leader_with_more_final_discussions_than_days_is_named(sm):
    """R-STAFF-2 + R-FINAL-2: 360 min group day + 90 min discussion = 450: one a day, 4 days."""
    roster = leader_case_manager_of(5)
    found = prechecks(roster, sm)
    assert [key for key, _ in found] == ["precheck_leader_discussions_final"]
    fi, en = (t(found[0][0], lang, **found[0][1]) for lang in ("fi", "en"))
    for text in (fi, en):
        assert "L1" in text and "G1" in text and "R-STAFF-2" in text and "R-FINAL-2" in text
        assert "Asiakkaat!A6" in text  # the fifth client's row
    assert "päätösjakson" in fi and "at most 4 in 4 days" in en
    # Exact, not a guess: the model without the pre-check has no plan either.
    assert forced_status(roster, sm) == "infeasible"
    result = solve(roster, sm, time_limit_s=10)
    assert result.status == "infeasible" and result.reasons == found


def test_as_many_as_the_period_has_days_is_no_collision(sm):
    roster = leader_case_manager_of(4)
    assert prechecks(roster, sm) == []
    assert forced_status(roster, sm) == "feasible"


def test_clear_plan_clients_in_the_deepening_period(sm):
    """R-DEEP-2: clear-plan clients' final discussions fall on the deepening period's 4 days."""
    found = prechecks(leader_case_manager_of(5, clear_plan=True), sm)
    assert [key for key, _ in found] == ["precheck_leader_discussions_deep"]


def test_example_and_generated_rosters_get_no_false_alarm(sm, tmp_path):
    from benchmarks.generate import SIZES, generate
    from optimizer.workbook.example import example_sheets, write_input_workbook
    from optimizer.workbook.read import read_roster

    for k, sheets in enumerate([example_sheets(), generate(SIZES["M"], 1), generate(SIZES["L"], 2)]):
        roster, sm_, _ = read_roster(write_input_workbook(tmp_path / f"r{k}.xlsx", sheets))
        assert prechecks(roster, sm_) == []


def test_agreed_start_with_the_case_manager_away_before_it(sm):
    """R-WP-1 + R-READY-1 + R-STAFF-1: C1 away the two weeks before A1's agreed start."""
    from datetime import date

    from .conftest import with_absence

    base = tiny_roster(2)
    agreed = replace(base, clients={**base.clients, "A1": replace(base.clients["A1"], wp_start=date(2027, 5, 17))},
                     cells={("clients", "A1"): "Asiakkaat!A2"})
    assert agreed.clients["A1"].case_manager == "C1"
    away = with_absence(agreed, "C1", date(2027, 5, 3), date(2027, 5, 16))
    found = prechecks(away, sm)
    assert [key for key, _ in found] == ["precheck_agreed_start"]
    text = t(found[0][0], "fi", **found[0][1])
    assert "A1" in text and "C1" in text and "17.5.2027" in text and "R-WP-1" in text and "Asiakkaat!A2" in text
    assert forced_status(away, sm) == "infeasible"
    # One working day at work inside the fortnight is enough: no alarm.
    assert prechecks(with_absence(agreed, "C1", date(2027, 5, 3), date(2027, 5, 13)), sm) == []


# --- one workbook per common cause (issue 4): the pre-check names who, when, the rule and the
# cell, the model agrees that no plan exists, and the allowed alternative gets no alarm.

def keys(found):
    return [key for key, _ in found]


def text_of(found, key, lang="en"):
    return next(t(k, lang, **info) for k, info in found if k == key)


def test_leaders_away_through_the_start_window(sm):
    """R-START-2 + R-GROUP-4 + R-STAFF-1: L1 away from before the window until after it."""
    from datetime import date

    from .conftest import with_absence

    base = replace(tiny_roster(4), cells={("absences", "0"): "Poissaolot!B2",
                                          ("groups.start_earliest", "G1"): "Ryhmät!C2"})
    away = with_absence(base, "L1", date(2027, 1, 25), date(2027, 3, 28))
    found = prechecks(away, sm)
    assert keys(found) == ["precheck_start_leaders"]
    fi, en = text_of(found, "precheck_start_leaders", "fi"), text_of(found, "precheck_start_leaders")
    assert "L1" in en and "G1" in en and "R-GROUP-4" in en and "Poissaolot!B2" in en and "Ryhmät!C2" in en
    assert "1.2.2027–1.3.2027" in fi and "25.1.–28.3.2027" in fi
    assert forced_status(away, sm) == "infeasible"
    # Back one day before the window's last start + 3 weeks: the last start (1.3.) fits.
    assert prechecks(with_absence(base, "L1", date(2027, 1, 25), date(2027, 2, 26)), sm) == []


def test_no_three_weeks_with_a_block_public_holidays_counted(sm):
    """R-START-2: Mon-Thu blocks from 15.3.2027 only: the third week holds Easter Monday 29.3."""
    from datetime import date

    from optimizer.domain import MON_THU

    base = tiny_roster(4)
    g = replace(base.groups["G1"], start_earliest=date(2027, 3, 15), start_latest=date(2027, 3, 15), weekdays=MON_THU)
    roster = replace(base, groups={"G1": g})
    assert keys(prechecks(roster, sm)) == ["precheck_start_calendar"]
    assert forced_status(roster, sm) == "infeasible"
    either = replace(base, groups={"G1": replace(g, weekdays=None)})  # Tue-Fri in the Easter week
    assert prechecks(either, sm) == [] and forced_status(either, sm) == "feasible"


def test_case_manager_away_for_the_whole_work_practice(sm):
    """R-WP-3 + R-STAFF-3: C1 (named for A1 and A3) away from the end of the start period on."""
    from datetime import date

    from .conftest import with_absence

    base = replace(tiny_roster(4), cells={("clients.case_manager", "A1"): "Asiakkaat!D2"})
    away = with_absence(base, "C1", date(2027, 2, 15), date(2027, 12, 31))
    found = prechecks(away, sm)
    assert keys(found) == ["precheck_case_manager_away"] * 2
    en = text_of(found, "precheck_case_manager_away")
    assert "A1" in en and "C1" in en and "R-WP-3" in en and "Asiakkaat!D2" in en and "15.2.–31.12.2027" in en
    assert forced_status(away, sm) == "infeasible"
    assert prechecks(with_absence(base, "C1", date(2027, 2, 15), date(2027, 5, 31)), sm) == []


def test_plan_end_before_the_final_period_and_follow_ups(sm):
    """R-CAL-0 + R-FINAL-1 + R-FOLLOW-1: 50 practice days from March leave no room by 1.5.2027."""
    from datetime import date

    base = replace(tiny_roster(4), cells={("settings", "plan_end"): "Asetukset!B3"})
    short = replace(base, plan_end=date(2027, 5, 1))
    found = prechecks(short, sm)
    assert keys(found) == ["precheck_horizon"]
    fi = text_of(found, "precheck_horizon", "fi")
    assert "G1" in fi and "1.5.2027" in fi and "Asetukset!B3" in fi and "R-CAL-0" in fi
    assert forced_status(short, sm) == "infeasible"
    assert prechecks(replace(base, plan_end=date(2027, 6, 1)), sm) == []  # the model has a plan then


def test_weeks_without_any_case_manager_for_the_weekly_call(sm):
    """R-WP-4: every case manager away one week in five from April: 50 practice days never fit
    between two such weeks, so some week of work practice would have nobody to call."""
    from datetime import date, timedelta

    from .conftest import with_absence

    def away_every(weeks: int) -> object:
        roster = tiny_roster(2)
        for k in range(12):
            monday = date(2027, 4, 5) + timedelta(days=7 * weeks * k)
            for person in ("L1", "C1"):
                roster = with_absence(roster, person, monday, monday + timedelta(days=6))
        return roster

    roster = away_every(5)
    found = prechecks(roster, sm)
    assert keys(found) == ["precheck_no_caller_week"]
    en = text_of(found, "precheck_no_caller_week")
    assert "A1, A2" in en and "5.4.–9.4.2027" in en and "R-WP-4" in en
    assert forced_status(roster, sm) == "infeasible"
    assert keys(prechecks(away_every(12), sm)) == []  # 11 weeks between: room for 50 days


def test_start_visits_over_the_case_managers_minutes(sm):
    """R-START-1 + R-STAFF-2: 8 clients x 3 start visits x 90 min in a week with C1 away 2 days."""
    from datetime import date

    from .conftest import client, with_absence

    base = tiny_roster(1)
    g = replace(base.groups["G1"], start_earliest=date(2027, 2, 8), start_latest=date(2027, 2, 8), max_size=10)
    clients = {f"A{k}": client(f"A{k}", decision=date(2027, 2, 1), case_manager="C1", start_visits=3)
               for k in range(1, 9)}
    roster = replace(base, groups={"G1": g}, clients=clients)
    away = with_absence(roster, "C1", date(2027, 2, 1), date(2027, 2, 2))
    found = prechecks(away, sm)
    assert keys(found) == ["precheck_start_visit_minutes"]
    en = text_of(found, "precheck_start_visit_minutes")
    assert "C1" in en and "2160 min" in en and "1350 min" in en and "R-STAFF-2" in en
    assert forced_status(away, sm) == "infeasible"
    assert prechecks(roster, sm) == []  # five days at work: 2,250 minutes


def test_small_generated_rosters_get_no_false_alarm(sm):
    import tempfile
    from pathlib import Path

    from benchmarks.generate import SIZES, generate
    from optimizer.workbook.example import write_input_workbook
    from optimizer.workbook.read import read_roster

    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, 9):
            roster, sm_, _ = read_roster(write_input_workbook(Path(tmp) / f"s{seed}.xlsx",
                                                              generate(SIZES["S"], seed)))
            assert prechecks(roster, sm_) == [], seed
