"""One small roster per common cause of "no plan" (issue 4), shared by the pre-check and the
diagnosis tests. Each returns (the colliding roster, the allowed alternative); `CELLS` holds the
cell references the reader would return beside some of them (RunSettings.cells), which the
messages name."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from optimizer.core.domain import MON_THU, Roster
from optimizer.core.plan import RunSettings

from .conftest import client, tiny_roster, with_absence


def leaders_away() -> tuple[Roster, Roster]:
    """R-START-2 + R-GROUP-4: L1 away from before G1's window until after it (and back in time
    for the window's last start in the alternative)."""
    base = tiny_roster(4)
    return (with_absence(base, "L1", date(2027, 1, 25), date(2027, 3, 28)),
            with_absence(base, "L1", date(2027, 1, 25), date(2027, 2, 26)))


def no_block_weeks() -> tuple[Roster, Roster]:
    """R-START-2: Mon-Thu blocks from 15.3.2027 only; the third week holds Easter Monday."""
    base = tiny_roster(4)
    g = replace(base.groups["G1"], start_earliest=date(2027, 3, 15), start_latest=date(2027, 3, 15), weekdays=MON_THU)
    return replace(base, groups={"G1": g}), replace(base, groups={"G1": replace(g, weekdays=None)})


def case_manager_away() -> tuple[Roster, Roster]:
    """R-WP-3 + R-STAFF-3: C1, named for A1 and A3, away from the end of the start period on."""
    base = tiny_roster(4)
    return (with_absence(base, "C1", date(2027, 2, 15), date(2027, 12, 31)),
            with_absence(base, "C1", date(2027, 2, 15), date(2027, 5, 31)))


def agreed_start() -> tuple[Roster, Roster]:
    """R-WP-1 + R-READY-1: C1 away from the earliest end of the start period (18.2.2027) until
    A1's agreed start, so that none of its three getting-ready visits fits before it (an agreed
    start holds however far from the last visit); back three working days before it in the
    alternative."""
    base = tiny_roster(2)
    agreed = replace(base, clients={**base.clients, "A1": replace(base.clients["A1"], wp_start=date(2027, 5, 17))})
    return (with_absence(agreed, "C1", date(2027, 2, 19), date(2027, 5, 16)),
            with_absence(agreed, "C1", date(2027, 2, 19), date(2027, 5, 11)))


# A plan end soon after a group of tiny_roster can finish (plan_end's alternative has a plan).
# The final period then has few places to go, and CP-SAT proves that five final discussions do
# not fit its four days in 0.2 units of work; with the plan ending in September 2028 the proof
# took 25-50 s and once ran out of a 30 s limit on a loaded machine.
EARLY_END = date(2027, 6, 1)


def leader_discussions(n: int = 5) -> tuple[Roster, Roster]:
    """R-STAFF-2 + R-FINAL-2: leader L1 runs every final day and is the case manager of n
    clients; a group day and one 90-minute discussion fill the day, so 4 at most."""
    base = replace(tiny_roster(1), plan_end=EARLY_END)
    def named(k: int) -> Roster:
        clients = {f"A{i}": client(f"A{i}", case_manager="L1") for i in range(1, k + 1)}
        return replace(base, clients=clients)
    return named(n), named(4)


def plan_end(end: date = date(2027, 5, 20)) -> tuple[Roster, Roster]:
    """R-CAL-0 + R-FINAL-1 + R-FOLLOW-1: 50 practice days from late February end in early May;
    the deepening and final periods and two follow-ups do not fit by 20.5.2027 (with 1.5.2027
    not even the work practice)."""
    base = tiny_roster(4)
    return replace(base, plan_end=end), replace(base, plan_end=EARLY_END)


def plan_end_before_work_practice_ends() -> tuple[Roster, Roster]:
    return plan_end(date(2027, 5, 1))


def no_caller_weeks() -> tuple[Roster, Roster]:
    """R-WP-4: every case manager away one week in five from April (one in twelve in the
    alternative, which leaves eleven weeks for 50 practice days)."""
    def away_every(weeks: int) -> Roster:
        roster = tiny_roster(2)
        for k in range(12):
            monday = date(2027, 4, 5) + timedelta(days=7 * weeks * k)
            for person in ("L1", "C1"):
                roster = with_absence(roster, person, monday, monday + timedelta(days=6))
        return roster
    return away_every(5), away_every(12)


def start_visit_minutes() -> tuple[Roster, Roster]:
    """R-START-1 + R-STAFF-2: 8 clients x 3 start visits x 90 min in the week before the start,
    with C1 away two of its five days (at work all five in the alternative)."""
    base = tiny_roster(1)
    g = replace(base.groups["G1"], start_earliest=date(2027, 2, 8), start_latest=date(2027, 2, 8), max_size=10)
    clients = {f"A{k}": client(f"A{k}", decision=date(2027, 2, 1), case_manager="C1", start_visits=3)
               for k in range(1, 9)}
    roster = replace(base, groups={"G1": g}, clients=clients)
    return with_absence(roster, "C1", date(2027, 2, 1), date(2027, 2, 2)), roster


CAUSES = {
    "precheck_start_leaders": leaders_away, "precheck_start_calendar": no_block_weeks,
    "precheck_case_manager_away": case_manager_away, "precheck_agreed_start": agreed_start,
    "precheck_leader_discussions_final": leader_discussions, "precheck_horizon": plan_end,
    "precheck_horizon_wp": plan_end_before_work_practice_ends,
    "precheck_no_caller_week": no_caller_weeks, "precheck_start_visit_minutes": start_visit_minutes,
}


CELLS = {
    "precheck_start_leaders": {("absences", "0"): "Poissaolot!B2", ("groups.start_earliest", "G1"): "Ryhmät!C2",
                               ("groups.start_latest", "G1"): "Ryhmät!D2"},
    "precheck_case_manager_away": {("clients.case_manager", "A1"): "Asiakkaat!D2",
                                   ("clients.case_manager", "A3"): "Asiakkaat!D4"},
    "precheck_agreed_start": {("clients", "A1"): "Asiakkaat!A2", ("clients.wp_start", "A1"): "Asiakkaat!K2"},
    "precheck_leader_discussions_final": {("clients", f"A{i}"): f"Asiakkaat!A{i + 1}" for i in range(1, 6)},
    "precheck_horizon": {("settings", "plan_end"): "Asetukset!B3"},
    "precheck_horizon_wp": {("settings", "plan_end"): "Asetukset!B3"},
}


def run_of(cause: str) -> RunSettings:
    """What the reader would return beside the cause's roster: the cells its messages name."""
    return RunSettings(cells=CELLS.get(cause, {}))
