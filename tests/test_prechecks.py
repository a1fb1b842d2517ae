"""Pre-checks (issue 4): exact collisions found before the solver, named in plain words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.checks.prechecks import prechecks
from optimizer.core.messages import t
from optimizer.core.plan import RunSettings
from optimizer.search.solve import Status, solve

from . import collisions
from .collisions import CAUSES
from .conftest import client, forced_status, tiny_roster


def leader_case_manager_of(n: int, clear_plan: bool = False):
    """Group G1 (leader L1 runs every day) with n clients whose case manager is L1, in a plan
    that ends 1.6.2027, soon after the group can finish (collisions.leader_discussions)."""
    base = tiny_roster(1)
    clients = {f"A{k}": client(f"A{k}", case_manager="L1", clear_plan=clear_plan) for k in range(1, n + 1)}
    return replace(base, clients=clients, plan_end=collisions.EARLY_END)


def cells_of(n: int) -> RunSettings:
    """The clients' rows, as the reader returns them beside the roster."""
    return RunSettings(cells={("clients", f"A{k}"): f"Asiakkaat!A{k + 1}" for k in range(1, n + 1)})


def test_leader_with_more_final_discussions_than_days_is_named(sm):
    """R-STAFF-2 + R-FINAL-2: 360 min group day + 90 min discussion = 450: one a day, 4 days."""
    roster = leader_case_manager_of(5)
    found = prechecks(roster, sm, cells_of(5))
    assert [key for key, _ in found] == ["precheck_leader_discussions_final"]
    fi, en = (found[0].text(lang) for lang in ("fi", "en"))
    for text in (fi, en):
        assert "L1" in text and "G1" in text and "R-STAFF-2" in text and "R-FINAL-2" in text
        assert "Asiakkaat!A6" in text  # the fifth client's row
    assert "päätösjakson" in fi and "at most 4 in 4 days" in en
    # Exact, not a guess: the model without the pre-check has no plan either.
    assert forced_status(roster, sm) == "infeasible"
    result = solve(roster, sm, time_limit_s=10, run=cells_of(5))
    assert result.status == Status.INFEASIBLE and result.reasons == found


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
        roster, sm_, _, _ = read_roster(write_input_workbook(tmp_path / f"r{k}.xlsx", sheets))
        assert prechecks(roster, sm_) == []


def test_agreed_start_with_the_case_manager_away_before_it(sm):
    """R-WP-1 + R-READY-1 + R-STAFF-1: an agreed start holds however far from the last
    getting-ready visit, but A1's three getting-ready visits come before it and after the start
    period (which ends 18.2.2027 at the earliest): C1 away from then until the agreed start."""
    from datetime import date

    from .conftest import with_absence

    base = tiny_roster(2)
    agreed = replace(base, clients={**base.clients, "A1": replace(base.clients["A1"], wp_start=date(2027, 5, 17))})
    assert agreed.clients["A1"].case_manager == "C1"
    away = with_absence(agreed, "C1", date(2027, 2, 19), date(2027, 5, 16))
    found = prechecks(away, sm, cells_of(1))
    assert [key for key, _ in found] == ["precheck_agreed_start"]
    text = found[0].text("fi")
    assert "A1" in text and "C1" in text and "17.5.2027" in text and "R-WP-1" in text and "Asiakkaat!A2" in text
    assert "vain 0 työpäivänä 19.2.2027–16.5.2027" in text
    assert forced_status(away, sm) == "infeasible"
    # Three working days at work before the agreed start are enough, a month before it too.
    assert prechecks(with_absence(agreed, "C1", date(2027, 2, 19), date(2027, 5, 11)), sm) == []
    assert prechecks(with_absence(agreed, "C1", date(2027, 4, 1), date(2027, 5, 14)), sm) == []


# --- one roster per common cause (issue 4, tests/collisions.py): the pre-check names who, when,
# the rule and the cell; the model agrees that no plan exists; the allowed alternative gets no
# alarm.

def keys(found):
    return [key for key, _ in found]


def text_of(found, key, lang="en"):
    return next(t(k, lang, **info) for k, info in found if k == key)


@pytest.mark.parametrize("cause", sorted(CAUSES))
def test_each_common_cause_is_found_exactly(sm, cause):
    roster, alternative = CAUSES[cause]()
    assert set(keys(prechecks(roster, sm))) == {cause}
    assert forced_status(roster, sm) == "infeasible"
    assert prechecks(alternative, sm) == []


def test_leaders_away_names_leader_dates_rule_and_cells(sm):
    found = prechecks(collisions.leaders_away()[0], sm, collisions.run_of("precheck_start_leaders"))
    fi, en = text_of(found, "precheck_start_leaders", "fi"), text_of(found, "precheck_start_leaders")
    assert "L1" in en and "G1" in en and "R-GROUP-4" in en and "Poissaolot!B2" in en and "Ryhmät!C2" in en
    assert "1.2.2027–1.3.2027" in fi and "25.1.–28.3.2027" in fi


def test_leaders_away_names_the_public_holiday_and_closed_day_in_the_window(sm):
    """Issue 15: Helatorstai (Thursday 6.5.2027) takes the window's first week, L1 is away from
    its second: the reason names the holiday and the closed day beside the absences, where it
    said only "L1: …" before; a Sunday holiday (Helluntai 16.5.) is not named."""
    from datetime import date

    from .conftest import with_absence

    base = tiny_roster(4, closed_days={date(2027, 5, 4): "inventaario"})
    g = replace(base.groups["G1"], start_earliest=date(2027, 5, 3), start_latest=date(2027, 5, 10))
    found = prechecks(with_absence(replace(base, groups={"G1": g}), "L1", date(2027, 5, 11), date(2027, 5, 31)), sm)
    assert keys(found) == ["precheck_start_leaders"]
    fi, en = found[0].text("fi"), found[0].text("en")
    assert fi.endswith("Arkipyhät ja suljetut päivät: 4.5.2027 inventaario, 6.5.2027 Helatorstai.")
    assert en.endswith("closed days: 2027-05-04 inventaario, 2027-05-06 Ascension Day.")
    found = prechecks(collisions.leaders_away()[0], sm)
    assert found[0].text("en").endswith("Public holidays and closed days: -.")


def test_calendar_alone_is_said_so_and_the_other_pattern_has_a_plan(sm):
    assert forced_status(collisions.no_block_weeks()[1], sm) == "feasible"  # Tue-Fri in the Easter week


def test_case_manager_away_names_client_case_manager_and_absence(sm):
    found = prechecks(collisions.case_manager_away()[0], sm, collisions.run_of("precheck_case_manager_away"))
    assert keys(found) == ["precheck_case_manager_away"] * 2  # A1 and A3
    en = text_of(found, "precheck_case_manager_away")
    assert "A1" in en and "C1" in en and "R-WP-3" in en and "Asiakkaat!D2" in en and "15.2.–31.12.2027" in en


def test_plan_end_names_group_date_cell_and_rule(sm):
    fi = text_of(prechecks(collisions.plan_end()[0], sm, collisions.run_of("precheck_horizon")), "precheck_horizon",
                 "fi")
    assert "G1" in fi and "20.5.2027" in fi and "Asetukset!B3" in fi and "R-CAL-0" in fi


def test_weeks_without_a_caller_name_clients_weeks_and_rule(sm):
    en = text_of(prechecks(collisions.no_caller_weeks()[0], sm), "precheck_no_caller_week")
    assert "A1, A2" in en and "5.4.–9.4.2027" in en and "R-WP-4" in en


def test_start_visit_minutes_name_case_manager_and_minutes(sm):
    en = text_of(prechecks(collisions.start_visit_minutes()[0], sm), "precheck_start_visit_minutes")
    assert "C1" in en and "2160 min" in en and "1350 min" in en and "R-STAFF-2" in en


def test_small_generated_rosters_get_no_false_alarm(sm):
    import tempfile
    from pathlib import Path

    from benchmarks.generate import SIZES, generate
    from optimizer.workbook.example import write_input_workbook
    from optimizer.workbook.read import read_roster

    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, 9):
            roster, sm_, _, _ = read_roster(write_input_workbook(Path(tmp) / f"s{seed}.xlsx",
                                                              generate(SIZES["S"], seed)))
            assert prechecks(roster, sm_) == [], seed


# --- issue 14: a postponement the coordinator asks for, part-time practice weekdays ------------

def _postponed(roster, **group):
    return replace(roster, groups={"G1": replace(roster.groups["G1"], postpone=True, **group)})


POSTPONE_CELL = RunSettings(cells={("groups.postpone", "G1"): "Ryhmät!J2"})


def test_postponement_window_beyond_the_limit_is_named(sm):
    """R-GROUP-2: a postponed start lies after the agreed window and at the latest four months
    after the earliest decision (11.1.2027 -> 11.5.2027): a window ending 20.5.2027 leaves no
    day for it. Found before any search; the solve says so."""
    from datetime import date

    roster = _postponed(tiny_roster(3), start_latest=date(2027, 5, 20))
    found = prechecks(roster, sm, POSTPONE_CELL)
    assert keys(found) == ["precheck_postpone_empty"]
    fi, en = found[0].text("fi"), found[0].text("en")
    assert "G1" in en and "Ryhmät!J2" in en and "11.5.2027" in fi and "20.5.2027" in fi and "R-GROUP-2" in en
    assert "to be postponed" in en and "siirtämään" in fi
    result = solve(roster, sm, time_limit_s=10, run=POSTPONE_CELL)
    assert result.status == Status.INFEASIBLE and result.reasons == found
    assert prechecks(replace(roster, groups={"G1": replace(roster.groups["G1"], postpone=False)}), sm) == []


def test_postponement_window_without_leaders_is_named(sm):
    """R-GROUP-2 + R-START-2 + R-GROUP-4: L1, G1's only leader, away from the day after the
    agreed window (1.3.2027) until June: no start period fits the postponement window
    2.3.-11.5.2027. Back in mid-April, a start fits."""
    from datetime import date

    from .conftest import with_absence

    base = _postponed(tiny_roster(3))
    away = with_absence(base, "L1", date(2027, 3, 2), date(2027, 6, 4))
    found = prechecks(away, sm, POSTPONE_CELL)
    assert keys(found) == ["precheck_postpone_window"]  # once: not again as a start-window collision
    en, fi = found[0].text("en"), found[0].text("fi")
    assert "Ryhmät!J2" in en and "2027-03-02–2027-05-11" in en and "L1: 2.3.–4.6.2027" in en
    assert "2.3.2027–11.5.2027" in fi and "R-GROUP-4" in fi
    assert prechecks(with_absence(base, "L1", date(2027, 3, 2), date(2027, 4, 9)), sm) == []
    assert prechecks(base, sm) == []


def _fridays_away(roster, cid: str):
    """The client away every Friday of 2027 and 2028 (a training day elsewhere, say)."""
    from datetime import date, timedelta

    from optimizer.core.domain import Absence

    day = date(2027, 1, 1)  # a Friday
    away = []
    while day.year < 2029:
        away.append(Absence(cid, day, day, "koulutus"))
        day += timedelta(days=7)
    return replace(roster, absences=(*roster.absences, *away))


def test_part_time_weekdays_all_away_are_named(sm):
    """R-WP-2 + R-WP-3: A1 practises on Fridays only and is away every Friday: no practice day
    for its 8 visits where the work practice can lie. Thursdays too, and a (short) practice fits."""
    roster = _fridays_away(tiny_roster(3), "A1")
    fridays = replace(roster, clients={**roster.clients, "A1": replace(roster.clients["A1"],
                                                                         wp_weekdays=frozenset({4}))})
    cells = RunSettings(cells={("clients.wp_weekdays", "A1"): "Asiakkaat!O2"})
    found = prechecks(fridays, sm, cells)
    assert keys(found) == ["precheck_part_time_days"]
    fi, en = found[0].text("fi"), found[0].text("en")
    assert "A1" in en and "on Fri (Asiakkaat!O2)" in en and "only 0 of those days" in en and "R-WP-2" in en
    assert "päivinä pe (Asiakkaat!O2)" in fi and "…" in fi  # the many Friday absences, the first ones named
    assert forced_status(fridays, sm) == "infeasible"
    both = replace(roster, clients={**roster.clients, "A1": replace(roster.clients["A1"],
                                                                      wp_weekdays=frozenset({3, 4}))})
    assert prechecks(both, sm) == [] and prechecks(roster, sm) == []


def test_the_example_has_someone_to_call_in_every_open_week(sm, tmp_path):
    """R-WP-4 on the example roster: in every week with a working day some case manager is at
    work. When the whole staff's Christmas leave began a week before the office closed, every
    practice of T27-3 had to end before it and the getting-ready visits were squeezed into six
    working days (S-READY 360)."""
    from optimizer.checks.prechecks import weeks_without_a_caller
    from optimizer.core.calendar import Calendar
    from optimizer.workbook.example import example_sheets, write_input_workbook
    from optimizer.workbook.read import read_roster

    roster, _, _, _ = read_roster(write_input_workbook(tmp_path / "r.xlsx", example_sheets()))
    assert weeks_without_a_caller(roster, Calendar(roster)) == set()
