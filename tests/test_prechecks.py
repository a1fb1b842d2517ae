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
