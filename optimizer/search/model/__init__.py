"""The CP-SAT model of every hard rule, with the soft rules as weighted penalties.

`build_model` calls each part in a fixed order: group start periods, then each client's
start visits and work practice, the getting-ready visits that sit between them, the group's
deepening and final periods after everyone's work practice, final discussions and follow-ups,
and last the rules across people (leaders, rooms, minutes, one event a day) and the objective.
"""

from __future__ import annotations

from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.plan import DEFAULT_RUN, RunSettings
from optimizer.core.service_model import ServiceModel
from optimizer.search.model import change, clients, forced, groups, objective, pins, staff
from optimizer.search.model.context import Build, NoPlan, Reservations, SearchWindows


def _raise_if_no_plan(b: Build) -> None:
    if b.reasons:
        raise NoPlan(b.reasons)


def build_model(roster: Roster, sm: ServiceModel, cal: Calendar, case_managers: dict[str, str],
                allow_postpone: frozenset[str] = frozenset(),
                windows: SearchWindows | None = None, reserved: Reservations | None = None,
                relaxed_rules: frozenset[str] = frozenset(), run: RunSettings = DEFAULT_RUN,
                load_of: frozenset[str] | None = None) -> Build:
    """The whole model. `relaxed_rules` leaves out some rules across people (RELAXABLE_RULES):
    only the diagnosis of a roster without a plan asks for that, to name the rule that collides.
    `run`: the pinned events and frozen past (R-CLIENT-3), the previous plan (S-CHANGE).
    `load_of`: S-LOAD of these people only (one group's model in a bound, benchmarks/bound.py)."""
    b = Build(roster, sm, cal, case_managers, allow_postpone, windows, reserved, run)
    b.relaxed_rules = relaxed_rules
    b.load_of = load_of
    for g in roster.groups.values():
        if roster.clients_of(g.group_id):
            groups.add_start_period(b, g)
    _raise_if_no_plan(b)
    for c in roster.clients.values():
        clients.add_start_visits(b, c)
        clients.add_work_practice(b, c)
        clients.add_ready_visits(b, c)
        clients.add_wp_visits_and_calls(b, c)
    _raise_if_no_plan(b)
    _add_deep_and_final_periods(b)
    _raise_if_no_plan(b)
    for c in roster.clients.values():
        clients.add_final_discussion(b, c)
        clients.add_follow_ups(b, c)
        clients.add_missed_group_days(b, c)
    _raise_if_no_plan(b)
    _group_days_and_staff(b, [g for g in roster.groups.values() if roster.clients_of(g.group_id)])
    pins.add_pinned(b)  # R-CLIENT-3, once every literal (leaders included) exists
    _raise_if_no_plan(b)
    return b


def _add_deep_and_final_periods(b: Build) -> None:
    """Each group's deepening period after its clients' practices, and its final period after that."""
    for g in b.roster.groups.values():
        members = [b.clients[c.client_id] for c in b.roster.clients_of(g.group_id)]
        if not members:
            continue
        first = max(min(o.last for o, _ in cv.wp_opts) for cv in members) + 1
        last = max(max(o.last for o, _ in cv.wp_opts) for cv in members) + b.windows.deep_max_days
        groups.add_deep_period(b, g, first, last)
        gv = b.groups[g.group_id]
        if gv.deep_opts:
            first = min(o.last for o, _ in gv.deep_opts) + b.windows.final_min_days
            last = max(o.last for o, _ in gv.deep_opts) + b.windows.final_max_days
            groups.add_final_period(b, g, first, last)


def build_periods_model(roster: Roster, sm: ServiceModel, cal: Calendar, case_managers: dict[str, str],
                        allow_postpone: frozenset[str], windows: SearchWindows,
                        reserved: Reservations | None = None, load_of: frozenset[str] | None = None,
                        load_floor: dict[str, int] | None = None, start_load: bool = False) -> Build:
    """A relaxation of `build_model` for a lower bound (optimizer/search/lower_bound.py): every
    group's periods with their leaders and rooms, and every client's work practice, without any
    individual visit or call. Each part is added by the same function as in the whole model, so
    every rule here is a rule of the whole model, and every soft-rule term here is a term of its
    objective (S-GROUP-START, S-RHYTHM's period and getting-ready-phase terms, S-WP-WEEK,
    S-MISSED-DAY) or below one (S-LOAD: a week's hours of group days alone; S-READY of the
    getting-ready visits squeezed between the periods (clients.add_ready_visits_forced) and
    S-DECISION of a start period soon after the decision (clients.add_decision_lead_forced); the S-WP-ORDER,
    S-SPREAD and S-OWN-CM that each practice placement forces on its visits and calls,
    optimizer/search/model/forced.py). The final discussion's period has a day the case manager
    can meet the client (add_final_discussion_period: R-DEEP-2, R-FINAL-2). Since no soft-rule
    term is negative, no plan of the whole model in the same windows costs less than this
    model's optimum. Pins and a previous plan are left out: fewer rules, a bound still.
    `reserved`: what the rest of a plan uses, as for `build_model` (the groups' descent places
    one group's periods around the others with it, optimizer/search/guided.py).

    `load_of`: for the bound of groups solved apart (optimizer/search/lower_bound.py), S-LOAD
    counts the busiest weeks of these people only, each of them in one group's relaxation, and
    with the least their clients' practices add to their weeks (forced.add_practice_load).
    Without it S-LOAD counts everyone's group days alone.

    `load_floor`: hours that a person's busiest week holds in every plan, at least (each
    person's own relaxation, lower_bound.busiest_weeks). S-LOAD counts the person's group days
    or that, whichever is more: still no more than the busiest week of any plan.

    `start_load`: S-LOAD counts in everyone's weeks each practice's first site visit and weekly
    calls too, or the unit each costs to leave out (forced.add_practice_start_load), and each
    final discussion in a week of its period (add_final_discussion_period), for the relaxation
    of every group together."""
    b = Build(roster, sm, cal, case_managers, allow_postpone, windows, reserved)
    b.load_of = load_of
    b.load_floor = dict(load_floor or {})
    b.start_load = start_load
    active = [g for g in roster.groups.values() if roster.clients_of(g.group_id)]
    for g in active:
        groups.add_start_period(b, g)
    _raise_if_no_plan(b)
    numbers = clients.working_day_numbers(cal)
    for c in roster.clients.values():
        clients.add_work_practice(b, c)
        clients.add_ready_phase_length(b, c)
        clients.add_ready_days_needed(b, c)
        clients.add_ready_visits_forced(b, c)
        clients.add_decision_lead_forced(b, c)
        forced.add_forced_practice_costs(b, c, numbers, load=b.counts_work_of(case_managers[c.client_id]))
    _raise_if_no_plan(b)
    _add_deep_and_final_periods(b)
    _raise_if_no_plan(b)
    for c in roster.clients.values():
        clients.add_final_discussion_period(b, c)
        clients.add_missed_group_days(b, c)
    for g in active:
        clients.add_follow_ups_forced(b, g)
    _group_days_and_staff(b, active)
    return b


# The rules across people and groups, each added by one function; a diagnosis may leave one out.
RELAXABLE_RULES = {
    "R-GROUP-4": groups.add_one_group_per_leader_day,  # a leader leads one group a day
    "R-GROUP-5": groups.add_rooms,
    "R-CLIENT-2": clients.add_one_event_per_day,
    "R-STAFF-2": staff.add_day_minutes,
}


def build_start_periods_model(roster: Roster, sm: ServiceModel, cal: Calendar,
                              case_managers: dict[str, str], run: RunSettings = DEFAULT_RUN) -> Build:
    """Only the groups' start periods with their leaders and rooms (R-START-2, R-GROUP-4,
    R-GROUP-5, R-STAFF-2) and S-GROUP-START: to keep every group's start days free while the
    groups are planned one by one."""
    b = Build(roster, sm, cal, case_managers, run=run)
    active = [g for g in roster.groups.values() if roster.clients_of(g.group_id)]
    for g in active:
        groups.add_start_period(b, g)
    _raise_if_no_plan(b)
    _group_days_and_staff(b, active)
    return b


def _group_days_and_staff(b: Build, active: list) -> None:
    """The rules across groups and people, and the objective: the last step of every build."""
    for g in active:
        groups.add_leaders(b, g)
        objective.add_group_start(b, g)
        objective.add_group_rhythm(b, g)
    for rule, add in RELAXABLE_RULES.items():
        if rule not in b.relaxed_rules:
            add(b)
    if b.run.previous is not None:
        change.add_change(b)  # S-CHANGE: re-planning from a previous plan
    staff.add_busiest_week(b)
    objective.set_objective(b)


__all__ = ["RELAXABLE_RULES", "Build", "NoPlan", "Reservations", "SearchWindows", "build_model",
           "build_periods_model", "build_start_periods_model"]
