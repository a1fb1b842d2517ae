"""Fast checks before the solver: inputs that make every plan impossible, said in the
coordinator's words with the rule ids and the workbook cells (issue 4, first checks).

Each check is exact, never a guess: it reports only what no plan can satisfy, so a feasible
roster gets no false alarm.
"""

from __future__ import annotations

from optimizer.core import placements
from optimizer.core.calendar import Calendar, days_off_info
from optimizer.core.dates import add_months
from optimizer.core.domain import Client, Group, Roster
from optimizer.core.messages import Msg, fmt_span, weekday_names
from optimizer.core.plan import DEFAULT_RUN, CellRefs, RunSettings
from optimizer.core.service_model import ServiceModel

ABSENCES_SHOWN = 6  # absence rows a message names; "…" for the rest


def _absence_cells(roster: Roster, person: str, first: int, last: int, cal: Calendar, cells: CellRefs) -> str:
    """The absence rows of `person` that overlap days first..last, as cells with their dates (the
    first ABSENCES_SHOWN of them)."""
    out = []
    for k, a in enumerate(roster.absences):
        if a.person == person and cal.index(a.start) <= last and cal.index(a.end) >= first:
            cell = cells.get(("absences", str(k)), "")
            out.append(fmt_span(a.start, a.end) + (f" {cell}" if cell else ""))
    return ", ".join(out[:ABSENCES_SHOWN]) + (", …" if len(out) > ABSENCES_SHOWN else "") if out else "-"


def start_window(roster: Roster, sm: ServiceModel, cal: Calendar, g: Group) -> tuple[int, int]:
    """R-GROUP-2: day indices of the agreed start window, reaching up to postpone_max_months after
    the earliest decision for a group below its minimum size (as the model allows); for a group
    whose coordinator asks for the postponement (`postpone`), only the days after the agreed window."""
    members = roster.clients_of(g.group_id)
    first, last = placements.start_window(cal, sm, g, [c.decision_date for c in members],
                                          0 < len(members) < sm.group_min_size(g.max_size))
    if g.postpone:
        first = max(first, cal.index(g.start_latest) + 1)
    return first, last


def start_options(roster: Roster, sm: ServiceModel, cal: Calendar, g: Group,
                  with_leaders: bool) -> list[tuple[int, ...]]:
    """R-START-2 (with R-GROUP-4 and R-STAFF-1 when `with_leaders`): every placement of the
    start blocks with the first day in the start window."""
    first, last = start_window(roster, sm, cal, g)

    def day_ok(d: int) -> bool:
        if not cal.is_working(d):
            return False
        return not with_leaders or sum(cal.staff_at_work(s, d) for s in g.leaders if s in roster.staff) \
            >= g.leaders_required

    return list(placements.start_placements(cal, sm, g, first, last, day_ok))


def _next_block(cal: Calendar, g: Group, after: int, n_days: int) -> int | None:
    """R-DEEP-1 / R-FINAL-1: the last day of the earliest n-day block in one week that begins after
    day `after` (calendar only), or None past the horizon."""
    block = next(placements.week_placements(cal, g, after + 1, cal.n_days - 1, n_days, cal.is_working), None)
    return block[-1] if block else None


def _nth_working_day(cal: Calendar, after: int, n: int, client: str | None = None) -> int | None:
    """The n-th working day after day `after` (on which the client is not away, when given)."""
    d = after
    while n > 0:
        d += 1
        if d >= cal.n_days:
            return None
        if cal.is_working(d) and (client is None or not cal.absent(client, d)):
            n -= 1
    return d


def _least_practice_days(roster: Roster, sm: ServiceModel, c: Client) -> int:
    """R-WP-2: the client's practice days, or 1 where fewer may be allowed (absences, a reason
    on the employer's side, or part-time weekdays), so that the bounds below stay lower bounds."""
    if c.wp_short_reason or roster.absences_of(c.client_id) or c.wp_weekdays is not None:
        return 1
    return c.wp_days


def work_practice_bounds(roster: Roster, sm: ServiceModel, cal: Calendar, c: Client) -> tuple[int, int, int]:
    """Day indices: the earliest first practice day, the latest first practice day and the latest
    last practice day any plan may have (R-START-2, R-READY-1, R-WP-1, R-WP-2 and the service
    model's planning bound ready_phase_max_days); lower and upper bounds, never tighter."""
    first, last = start_window(roster, sm, cal, roster.groups[c.group_id])
    span_min, span_max = placements.start_span_days(sm)
    earliest = first + span_min + c.ready_visits + 1
    latest_first = last + span_max + sm.num("ready_phase_max_days") + sm.num("wp_start_max_gap_days")
    if c.wp_start is not None:
        earliest = latest_first = cal.index(c.wp_start)
    latest_last = min(latest_first + sm.num("wp_max_span_days") - 1, cal.n_days - 1)
    return earliest, min(latest_first, cal.n_days - 1), latest_last


def check_leader_case_manager_discussions(roster: Roster, sm: ServiceModel, cal: Calendar,
                                          cells: CellRefs) -> list[Msg]:
    """R-STAFF-2 with R-FINAL-2 / R-DEEP-2: a leader who runs every day of a group's final period
    (all of the group's leaders are needed) has, besides the group day, minutes for
    (day_minutes - minutes_group_day) // minutes_office final discussions a day. As the case
    manager (named in the input) of more of the group's clients than that allows over the
    period's days, no plan exists. The same for clear-plan clients in the deepening period."""
    out: list[Msg] = []
    group_day, office = sm.num("minutes_group_day"), sm.num("minutes_office")
    for g in roster.groups.values():
        members = roster.clients_of(g.group_id)
        if not members or g.leaders_required < len(g.leaders):
            continue  # leaders take turns: one of them may hold the discussions on days off the group
        for s in g.leaders:
            person = roster.staff.get(s)
            if person is None:
                continue
            cap = placements.day_capacity(person, sm)
            per_day = max(0, (cap - group_day) // office)
            for phase, clear, n_days in (("final", False, sm.num("final_group_days")),
                                         ("deep", True, sm.num("deep_group_days"))):
                mine = sorted(c.client_id for c in members if c.case_manager == s and c.clear_plan == clear)
                if len(mine) > per_day * n_days:
                    out.append(Msg(f"precheck_leader_discussions_{phase}", {
                        "staff": s, "group": g.group_id, "count": len(mine), "days": n_days,
                        "per_day": per_day, "most": per_day * n_days, "clients": ", ".join(mine),
                        "cells": ", ".join(cells.get(("clients", c), c) for c in mine),
                    }))
    return out


def check_agreed_start_after_ready_visit(roster: Roster, sm: ServiceModel, cal: Calendar, cells: CellRefs) -> list[Msg]:
    """R-WP-1 with R-READY-1 and R-STAFF-1: an agreed start (`wp_start`) holds however far it lies
    from the last getting-ready visit, but the client's ready_visits getting-ready visits come
    before it and after the start period, each on a day the named case manager is at work and
    the client can meet. Counted from the earliest day the group's start period can end."""
    out: list[Msg] = []
    for c in roster.clients.values():
        if c.wp_start is None or c.case_manager is None or c.case_manager not in roster.staff:
            continue
        options = start_options(roster, sm, cal, roster.groups[c.group_id], with_leaders=False)
        if not options:
            continue  # check_start_window_leaders says why
        first, start = min(o[-1] for o in options) + 1, cal.index(c.wp_start)
        days = [d for d in range(max(first, 0), start) if cal.staff_at_work(c.case_manager, d)
                and cal.client_available(c.client_id, d)]
        if start > 0 and len(days) < c.ready_visits:
            out.append(Msg("precheck_agreed_start", {
                "client": c.client_id, "staff": c.case_manager, "day": c.wp_start,
                "first": cal.date(min(max(first, 0), cal.n_days - 1)), "last": cal.date(max(start - 1, 0)),
                "count": len(days), "visits": c.ready_visits,
                "cell": cells.get(("clients.wp_start", c.client_id), cells.get(("clients", c.client_id), c.client_id)),
            }))
    return out


def check_start_window_leaders(roster: Roster, sm: ServiceModel, cal: Calendar, cells: CellRefs) -> list[Msg]:
    """R-START-2 with R-GROUP-4 and R-STAFF-1: the start window must hold three consecutive
    weeks with a 4-day block each (public holidays and closed days counted) on which enough of
    the group's leaders are at work. Names the leaders' absences in the window."""
    out: list[Msg] = []
    for g in roster.groups.values():
        if g.postpone or not roster.clients_of(g.group_id) or start_options(roster, sm, cal, g, with_leaders=True):
            continue  # a postponement the coordinator asks for: check_postpone_window
        first, last = start_window(roster, sm, cal, g)
        info: dict[str, object] = {
            "group": g.group_id, "first": cal.date(first), "last": cal.date(last),
            "cells": ", ".join(cells.get((f"groups.{k}", g.group_id), "")
                               for k in ("start_earliest", "start_latest")).strip(", ") or g.group_id,
        }
        if not start_options(roster, sm, cal, g, with_leaders=False):
            out.append(Msg("precheck_start_calendar", info))
            continue
        span_end = min(last + placements.start_span_days(sm)[1], cal.n_days - 1)
        info["leaders"] = ", ".join(g.leaders)
        info["needed"] = g.leaders_required
        info["absences"] = "; ".join(f"{s}: {_absence_cells(roster, s, first, span_end, cal, cells)}" for s in g.leaders
                                     if roster.absences_of(s)) or "-"
        info |= days_off_info(roster, cal.date(first), cal.date(span_end))
        out.append(Msg("precheck_start_leaders", info))
    return out


def check_postpone_window(roster: Roster, sm: ServiceModel, cal: Calendar, cells: CellRefs) -> list[Msg]:
    """R-GROUP-2 with R-START-2, R-GROUP-4 and R-STAFF-1: a group whose coordinator asks for the
    postponement (`postpone`) starts after its agreed window and at the latest
    postpone_max_months after its clients' earliest decision; that window must hold a start
    period (three weeks of blocks with enough leaders at work)."""
    out: list[Msg] = []
    months = sm.num("postpone_max_months")
    for g in roster.groups.values():
        members = roster.clients_of(g.group_id)
        if not g.postpone or not members or start_options(roster, sm, cal, g, with_leaders=True):
            continue
        decided = min(c.decision_date for c in members)
        info: dict[str, object] = {
            "group": g.group_id, "cell": cells.get(("groups.postpone", g.group_id), g.group_id),
            "after": g.start_latest, "limit": add_months(decided, months), "months": months, "decision": decided,
            "leaders": ", ".join(g.leaders), "needed": g.leaders_required,
        }
        first, last = start_window(roster, sm, cal, g)
        if first > last:
            out.append(Msg("precheck_postpone_empty", info))
            continue
        span_end = min(last + placements.start_span_days(sm)[1], cal.n_days - 1)
        info["absences"] = "; ".join(f"{s}: {_absence_cells(roster, s, first, span_end, cal, cells)}" for s in g.leaders
                                     if roster.absences_of(s)) or "-"
        info |= days_off_info(roster, cal.date(first), cal.date(span_end))
        out.append(Msg("precheck_postpone_window", {**info, "first": cal.date(first), "last": cal.date(last)}))
    return out


def check_part_time_days(roster: Roster, sm: ServiceModel, cal: Calendar, cells: CellRefs) -> list[Msg]:
    """R-WP-2 with R-WP-3: a part-time client practises only on its weekdays (`wp_weekdays`), and
    each of its wp_visits work-practice visits falls on a practice day of its own. Where the work
    practice can lie, those weekdays must hold that many working days the client is not away."""
    out: list[Msg] = []
    for c in roster.clients.values():
        if c.wp_weekdays is None:
            continue
        earliest, _, latest_last = work_practice_bounds(roster, sm, cal, c)
        days = [d for d in range(max(earliest, 0), latest_last + 1)
                if cal.weekday(d) in c.wp_weekdays and cal.client_available(c.client_id, d)]
        if len(days) < c.wp_visits:
            out.append(Msg("precheck_part_time_days", {
                "client": c.client_id, **weekday_names(c.wp_weekdays),
                "cell": cells.get(("clients.wp_weekdays", c.client_id), c.client_id),
                "first": cal.date(min(max(earliest, 0), cal.n_days - 1)), "last": cal.date(latest_last),
                "count": len(days), "visits": c.wp_visits,
                "absences": _absence_cells(roster, c.client_id, earliest, latest_last, cal, cells),
            }))
    return out


def check_case_manager_in_work_practice(roster: Roster, sm: ServiceModel, cal: Calendar, cells: CellRefs) -> list[Msg]:
    """R-WP-3 with R-STAFF-3 and R-STAFF-1: the named case manager makes every work-practice visit,
    on a day the client is at the workplace; fewer such days than visits anywhere the work
    practice can lie means no plan."""
    out: list[Msg] = []
    for c in roster.clients.values():
        s = c.case_manager
        if s is None or s not in roster.staff:
            continue
        earliest, _, latest_last = work_practice_bounds(roster, sm, cal, c)
        days = _visit_days(cal, c, s, earliest, latest_last)
        if len(days) < c.wp_visits:
            out.append(Msg("precheck_case_manager_away", {
                "client": c.client_id, "staff": s, "first": cal.date(min(max(earliest, 0), cal.n_days - 1)),
                "last": cal.date(latest_last), "count": len(days), "visits": c.wp_visits,
                "cell": cells.get(("clients.case_manager", c.client_id), c.client_id),
                "absences": _absence_cells(roster, s, earliest, latest_last, cal, cells),
            }))
    return out


def _visit_days(cal: Calendar, c: Client, staff_id: str, first: int, last: int) -> list[int]:
    """Days first..last on which the case manager is at work and the client available."""
    return [d for d in range(max(first, 0), last + 1)
            if cal.staff_at_work(staff_id, d) and cal.client_available(c.client_id, d)]


def can_make_work_practice_visits(roster: Roster, sm: ServiceModel, cal: Calendar, c: Client, staff_id: str) -> bool:
    """R-WP-3 with R-STAFF-3: could this case manager make the client's work-practice visits at
    all (enough days at work where the work practice can lie)? For choosing case managers."""
    earliest, _, latest_last = work_practice_bounds(roster, sm, cal, c)
    found = 0
    for d in range(max(earliest, 0), latest_last + 1):  # stops at enough days: asked per client and person
        if cal.staff_at_work(staff_id, d) and cal.client_available(c.client_id, d):
            found += 1
            if found >= c.wp_visits:
                return True
    return False


def check_horizon(roster: Roster, sm: ServiceModel, cal: Calendar, cells: CellRefs) -> list[Msg]:
    """R-CAL-0 with R-DEEP-1, R-FINAL-1 and R-FOLLOW-1: from the earliest start the group's
    deepening and final periods and its clients' follow-up visits must end before the plan does.
    Every step is counted at its earliest (no absences, the fewest practice days allowed)."""
    out: list[Msg] = []
    deep_days, final_days = sm.num("deep_group_days"), sm.num("final_group_days")
    for g in roster.groups.values():
        members = roster.clients_of(g.group_id)
        options = start_options(roster, sm, cal, g, with_leaders=False)
        if not members or not options:
            continue  # check_start_window_leaders says why
        start_last = min(o[-1] for o in options)
        wp_last = start_last
        for c in members:
            ready = _nth_working_day(cal, start_last, c.ready_visits)
            first = _nth_working_day(cal, ready, 1) if ready is not None else None
            if first is not None and c.wp_start is not None:
                first = max(first, cal.index(c.wp_start))
            last = (_nth_working_day(cal, first - 1, _least_practice_days(roster, sm, c), c.client_id)
                    if first is not None else None)
            wp_last = cal.n_days if last is None else max(wp_last, last)
        deep = _next_block(cal, g, wp_last, deep_days) if wp_last < cal.n_days else None
        final = _next_block(cal, g, deep, final_days) if deep is not None else None
        follow = max((c.follow_up_visits for c in members), default=0)
        done = _nth_working_day(cal, final, follow) if final is not None else None
        if done is None:
            out.append(Msg("precheck_horizon" if wp_last < cal.n_days else "precheck_horizon_wp", {
                "group": g.group_id, "start": cal.date(options[0][0] if options else 0),
                "end": roster.plan_end, "wp_end": cal.date(min(wp_last, cal.n_days - 1)),
                "final": cal.date(final) if final is not None else "-",
                "cell": cells.get(("settings", "plan_end"), "-"),
            }))
    return out


def weeks_without_a_caller(roster: Roster, cal: Calendar) -> set[int]:
    """R-WP-4: the weeks with working days on none of which any case manager is at work, so
    that nobody can make a practice week's call."""
    managers = [s.staff_id for s in roster.staff.values() if s.is_case_manager]
    return {w for w, days in cal.weeks.items() if not any(cal.staff_at_work(s, d) for s in managers for d in days)}


def check_weekly_call_weeks(roster: Roster, sm: ServiceModel, cal: Calendar, cells: CellRefs) -> list[Msg]:
    """R-WP-4: every week of work practice needs a call by a case manager (a substitute may
    call). A week in which no case manager is at work on any working day splits the calendar:
    each client's work practice must fit between such weeks, inside the span it may lie in."""
    managers = [s.staff_id for s in roster.staff.values() if s.is_case_manager]
    if not managers:
        return []
    dead = weeks_without_a_caller(roster, cal)
    if not dead:
        return []
    stopped: dict[tuple, list[str]] = {}
    for c in roster.clients.values():
        earliest, latest_first, latest_last = work_practice_bounds(roster, sm, cal, c)
        need = _least_practice_days(roster, sm, c)
        # Practice days the client can have in each stretch between weeks with nobody to call.
        blocking = sorted({w for w in dead if any(cal.client_available(c.client_id, d) for d in cal.weeks[w])})
        fits, run, run_start, in_the_way = False, 0, None, []
        for d in range(max(earliest, 0), latest_last + 1):
            if not cal.client_available(c.client_id, d):
                continue  # no practice day: neither counts nor needs a call
            if cal.week(d) in blocking:
                in_the_way.append(cal.week(d))
                run, run_start = 0, None
                continue
            if run_start is None:
                run_start = d
            run += 1
            if run >= need and run_start <= latest_first:
                fits = True
                break
        if not fits and in_the_way:
            # One message for the clients that the same weeks stop alike.
            stopped.setdefault((tuple(sorted(set(in_the_way))), earliest, latest_last, need), []).append(c.client_id)
    out: list[Msg] = []
    for (weeks, earliest, latest_last, need), clients in stopped.items():
        days = [d for w in weeks for d in cal.weeks[w]]
        out.append(Msg("precheck_no_caller_week", {
            "client": ", ".join(clients),
            "weeks": ", ".join(fmt_span(cal.date(min(cal.weeks[w])), cal.date(max(cal.weeks[w]))) for w in weeks),
            "first": cal.date(max(earliest, 0)), "last": cal.date(latest_last), "days": need,
            "absences": "; ".join(f"{s}: {_absence_cells(roster, s, min(days), max(days), cal, cells)}"
                                  for s in managers if any(cal.absent(s, d) for d in days)),
        }))
    return out


def check_start_visit_minutes(roster: Roster, sm: ServiceModel, cal: Calendar, cells: CellRefs) -> list[Msg]:
    """R-START-1 with R-STAFF-2 and R-STAFF-3: a case manager's start visits (all before the
    client's first group day, after the decision) must fit the minutes the case manager is at
    work between the earliest decision and the latest possible first group day. Checked for
    every interval of decisions and deadlines: the visits that must fall inside it against the
    working minutes inside it."""
    out: list[Msg] = []
    minutes = sm.event_minutes("start_visit", "office")
    for s in roster.case_managers():
        mine = [c for c in roster.clients.values() if c.case_manager == s.staff_id]
        if not mine:
            continue
        cap = placements.day_capacity(s, sm)
        jobs = [(max(cal.index(c.decision_date), 0),
                 start_window(roster, sm, cal, roster.groups[c.group_id])[1] - 1, c) for c in mine]
        for release in sorted({r for r, _, _ in jobs}):
            for deadline in sorted({d for _, d, _ in jobs}):
                inside = [c for r, d, c in jobs if r >= release and d <= deadline]
                need = sum(c.start_visits for c in inside) * minutes
                days = [d for d in range(release, deadline + 1) if cal.staff_at_work(s.staff_id, d)]
                if inside and need > len(days) * cap:
                    out.append(Msg("precheck_start_visit_minutes", {
                        "staff": s.staff_id, "first": cal.date(release), "last": cal.date(max(deadline, release)),
                        "visits": sum(c.start_visits for c in inside), "need": need, "have": len(days) * cap,
                        "clients": ", ".join(sorted(c.client_id for c in inside)),
                        "absences": _absence_cells(roster, s.staff_id, release, deadline, cal, cells),
                    }))
                    break
            else:
                continue
            break
    return out


def check_process_totals(roster: Roster, sm: ServiceModel, cal: Calendar, cells: CellRefs) -> list[Msg]:
    """R-TOTAL-1 and R-TOTAL-3: the client's visit counts fix the individual sessions (start and
    getting-ready visits, one final discussion, the follow-ups), which must lie in
    individual_sessions; with the group days and the fewest practice days allowed, the
    rehabilitation days must not exceed rehab_days_max."""
    out: list[Msg] = []
    sessions_allowed, most = sm.rng("individual_sessions"), sm.num("rehab_days_max")
    start_days = sm.num("start_blocks") * sm.num("block_days")
    for c in roster.clients.values():
        cell = cells.get(("clients", c.client_id), c.client_id)
        sessions = c.start_visits + c.ready_visits + 1 + c.follow_up_visits
        if sessions not in sessions_allowed:
            out.append(Msg("precheck_sessions", {
                "client": c.client_id, "cell": cell, "count": sessions, "start": c.start_visits,
                "ready": c.ready_visits, "follow": c.follow_up_visits, "least": sessions_allowed.min,
                "most": sessions_allowed.max}))
        group = start_days + sm.num("deep_group_days") + (sm.num("final_group_days") if c.final_days_attended else 0)
        practice = _least_practice_days(roster, sm, c)
        if sessions + group + practice > most:
            out.append(Msg("precheck_rehab_days", {
                "client": c.client_id, "cell": cell, "count": sessions + group + practice,
                "sessions": sessions, "group": group, "practice": practice, "most": most}))
    return out


def prechecks(roster: Roster, sm: ServiceModel, run: RunSettings = DEFAULT_RUN) -> list[Msg]:
    """Every pre-check's findings; empty when none of them sees a collision. The run's cell
    references (what the reader returns beside the roster) let the messages name the cells."""
    cal = Calendar(roster)
    checks = (check_start_window_leaders, check_postpone_window, check_leader_case_manager_discussions,
              check_process_totals, check_agreed_start_after_ready_visit, check_part_time_days,
              check_case_manager_in_work_practice, check_start_visit_minutes, check_weekly_call_weeks, check_horizon)
    return [found for check in checks for found in check(roster, sm, cal, run.cells)]
