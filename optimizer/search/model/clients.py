"""A client's individual events: start and getting-ready visits, work practice with its visits
and weekly calls, the final discussion and the follow-up visits.

Each event is a day-indexed literal that exists only on days where it may happen: a working
day (R-CAL-1), the case manager at work (R-STAFF-1, R-STAFF-3), the client not absent and the
decision made (R-CLIENT-1). Ordering rules tie the literals to the group's periods.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from ortools.sat.python import cp_model

from optimizer.core.domain import Client
from optimizer.core.placements import PracticePlacement, practice_placements
from optimizer.search.model.case_managers import group_process_interval
from optimizer.search.model.context import Build


def candidate_days(b: Build, client: Client, first: int, last: int) -> list[int]:
    """Days in [first, last] on which the client's case manager can meet the client."""
    cm = b.clients[client.client_id].case_manager
    decided = b.cal.index(client.decision_date)
    return [d for d in b.cal.working_between(max(first, decided), last)
            if b.cal.staff_at_work(cm, d) and b.cal.client_available(client.client_id, d)]


def _visit(b: Build, client: Client, name: str, d: int, minutes: int) -> object:
    """A literal for one individual event of the case manager with the client on day d."""
    cv = b.clients[client.client_id]
    v = b.new_bool(f"{name}[{client.client_id},{b.iso(d)}]")
    b.add_load(cv.case_manager, d, minutes, v)
    b.add_individual(client.client_id, d, v)
    return v


def add_start_visits(b: Build, client: Client) -> None:
    """R-START-1: start_visits individual visits with the case manager, all before the client's
    first group day and not before the decision date (R-CLIENT-1)."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    latest_first = max(o.first for o, _ in gv.start_opts)
    days = candidate_days(b, client, 0, latest_first - 1)
    if len(days) < client.start_visits:
        b.no_plan("no_start_visit_days", client=client.client_id, group=client.group_id,
                  staff=cv.case_manager)
        return
    office = b.minutes("minutes_office")
    for d in days:
        v = _visit(b, client, "start_visit", d, office)
        cv.start_visits[d] = v
        b.forbid_together(v, gv.start_opts, lambda o, d=d: o.first <= d)
    b.m.Add(sum(cv.start_visits.values()) == client.start_visits)
    # The first day of rehabilitation, for the certificate (R-CERT-1) and the length (R-TOTAL-4).
    horizon = b.cal.n_days
    cv.first_day = b.new_int(days[0], days[-1], f"first_day[{client.client_id}]")
    b.m.AddMinEquality(cv.first_day, [d * v + horizon * (1 - v) for d, v in cv.start_visits.items()])
    base = max(b.cal.index(client.decision_date), 0)
    b.penalize("S-DECISION", cv.first_day - base, client.client_id, "days from decision to first visit")


def wp_options(b: Build, client: Client, first: int, last: int) -> list[PracticePlacement]:
    """R-WP-2: placements of work practice with exactly wp_days practice days within
    wp_max_span_days; a shorter one only when the client's absences leave no full placement.
    R-WP-1: an agreed start (`wp_start`) is the only first day allowed."""
    cid = client.client_id
    if client.wp_start is not None:
        first = last = b.cal.index(client.wp_start)
        if not b.cal.client_available(cid, first):
            b.no_plan("wp_start_not_working_day", client=cid, day=client.wp_start,
                      why=b.cal.public_holidays.get(client.wp_start) or b.cal.closed.get(client.wp_start) or "")
            return []
    return practice_placements(b.cal, b.sm, cid, client.wp_days, b.cal.working_between(first, last),
                               client.wp_weekdays)


def add_work_practice(b: Build, client: Client) -> None:
    """R-WP-1, R-WP-2: one unbroken span of practice; practice[d] says the client practises on d."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    min_start_last = min(o.last for o, _ in gv.start_opts)
    max_start_last = max(o.last for o, _ in gv.start_opts)
    first = min_start_last + client.ready_visits + 1
    last = max_start_last + b.windows.ready_max_days
    options = wp_options(b, client, first, last)
    if not options and client.wp_start is not None and b.reasons:
        return
    if not options:
        b.no_plan("no_wp_option", client=client.client_id, group=client.group_id,
                  first=b.cal.date(min(first, b.cal.n_days - 1)), days=client.wp_days)
        return
    cid = client.client_id
    cv.wp_opts = [(o, b.new_bool(f"wp_opt[{cid},{b.iso(o.first)}]")) for o in options]
    b.m.AddExactlyOne(v for _, v in cv.wp_opts)
    cv.wp_first = b.new_int(options[0].first, options[-1].first, f"wp_first[{cid}]")
    b.m.Add(cv.wp_first == sum(o.first * v for o, v in cv.wp_opts))
    lasts = [o.last for o in options]
    cv.wp_last = b.new_int(min(lasts), max(lasts), f"wp_last[{cid}]")
    b.m.Add(cv.wp_last == sum(o.last * v for o, v in cv.wp_opts))
    # started[d] = (wp_first <= d), ended[d] = (wp_last < d), built as running sums so that the
    # model stays linear in the number of days rather than days x placements.
    starts_at: dict[int, list] = defaultdict(list)
    ends_at: dict[int, list] = defaultdict(list)
    for o, v in cv.wp_opts:
        starts_at[o.first].append(v)
        ends_at[o.last].append(v)
    span_days = b.cal.working_between(options[0].first, max(lasts))
    started_prev, ended_prev = None, None
    cv_started: dict[int, object | None] = {}
    pending_end: list = []
    for d in span_days:
        if starts_at.get(d):
            s = b.new_bool(f"wp_started[{cid},{b.iso(d)}]")
            b.m.Add(s == (started_prev if started_prev is not None else 0) + sum(starts_at[d]))
            started_prev = s
            cv.running.append((d, "started", s))
        if pending_end:
            e = b.new_bool(f"wp_ended[{cid},{b.iso(d)}]")
            b.m.Add(e == (ended_prev if ended_prev is not None else 0) + sum(pending_end))
            ended_prev = e
            cv.running.append((d, "ended", e))
        pending_end = ends_at.get(d, [])
        cv_started[d] = started_prev
        if b.cal.client_available(cid, d) and started_prev is not None:
            cv.practice[d] = started_prev - ended_prev if ended_prev is not None else started_prev
    cv.started = cv_started


def add_ready_visits(b: Build, client: Client) -> None:
    """R-READY-1: ready_visits visits after the last start-period group day and before work
    practice starts; R-WP-1: work practice starts at most wp_start_max_gap_days after the last of
    them (each day over wp_start_target_gap_days costs S-WP-GAP)."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    if cv.wp_first is None:
        return
    first = min(o.last for o, _ in gv.start_opts) + 1
    days = candidate_days(b, client, first, max(o.first for o, _ in cv.wp_opts) - 1)
    if len(days) < client.ready_visits:
        b.no_plan("no_ready_visit_days", client=client.client_id, staff=cv.case_manager)
        return
    office = b.minutes("minutes_office")
    started = cv.started
    for d in days:
        v = _visit(b, client, "ready_visit", d, office)
        cv.ready_visits[d] = v
        b.forbid_together(v, gv.start_opts, lambda o, d=d: o.last >= d)
        if started.get(d) is not None:
            b.m.Add(v + started[d] <= 1)
    b.m.Add(sum(cv.ready_visits.values()) == client.ready_visits)
    cid = client.client_id
    ready_last = b.new_int(days[0], days[-1], f"ready_last[{cid}]")
    b.m.AddMaxEquality(ready_last, [d * v for d, v in cv.ready_visits.items()])
    gap = cv.wp_first - ready_last
    b.m.Add(gap >= 1)
    b.m.Add(gap <= b.sm.num("wp_start_max_gap_days"))
    target = b.sm.num("wp_start_target_gap_days")
    b.penalize("S-WP-GAP", b.positive_part(gap - target, b.sm.num("wp_start_max_gap_days"),
                                           f"wp_gap_over[{cid}]"), cid, "days over the target gap")
    over = b.positive_part(cv.wp_first - gv.start_last - b.sm.num("ready_target_days"), b.cal.n_days,
                           f"ready_over[{cid}]")
    b.penalize("S-RHYTHM", over, cid, "getting-ready phase longer than its target")


def add_wp_visits_and_calls(b: Build, client: Client) -> None:
    """R-WP-3: wp_visits visits during practice, wp_site_visits_min of them at the workplace with
    the employer, the rest by video (one of them the network meeting).
    R-WP-4: wp_calls_per_week calls in every calendar week with a practice day, by the case manager or, when the
    case manager is not at work that day, by a substitute case manager (S-OWN-CM)."""
    cv = b.clients[client.client_id]
    cid = client.client_id
    if not cv.practice:
        return
    site_minutes, video_minutes = b.minutes("minutes_site"), b.minutes("minutes_video")
    phone = b.minutes("minutes_phone")
    cm = cv.case_manager
    substitutes = [s.staff_id for s in b.roster.case_managers() if s.staff_id != cm]
    for d, practising in cv.practice.items():
        if b.cal.staff_at_work(cm, d):
            site = _visit(b, client, "site_visit", d, site_minutes)
            video = _visit(b, client, "video_visit", d, video_minutes)
            call = _visit(b, client, "call", d, phone)
            cv.site_visits[d], cv.video_visits[d], cv.own_calls[d] = site, video, call
            for v in (site, video, call):
                b.m.Add(v <= practising)
        else:
            for s in substitutes:
                if b.cal.staff_at_work(s, d):
                    v = b.new_bool(f"sub_call[{cid},{s},{b.iso(d)}]")
                    b.add_load(s, d, phone, v)
                    b.add_individual(cid, d, v)
                    b.m.Add(v <= practising)
                    cv.sub_calls[(d, s)] = v
                    b.penalize("S-OWN-CM", v, cid, f"call by substitute {s}")
    n_site = b.sm.num("wp_site_visits_min")
    b.m.Add(sum(cv.site_visits.values()) == n_site)
    b.m.Add(sum(cv.video_visits.values()) == client.wp_visits - n_site)
    calls_by_day: dict[int, list] = defaultdict(list)
    for d, v in cv.own_calls.items():
        calls_by_day[d].append(v)
    for (d, _), v in cv.sub_calls.items():
        calls_by_day[d].append(v)
    by_week: dict[int, list[int]] = defaultdict(list)
    for d in cv.practice:
        by_week[b.cal.week(d)].append(d)
    per_week = b.sm.num("wp_calls_per_week")
    for week, days in by_week.items():
        calls = [v for d in days for v in calls_by_day.get(d, [])]
        for d in days:
            b.m.Add(sum(calls) >= per_week * cv.practice[d])
        # wp_calls_per_week calls a week is the plan (R-WP-4 asks at least that many): more would
        # cost nothing in a quiet week, so without this the solver could leave stray calls in
        # staff rosters.
        b.m.Add(sum(calls) <= per_week)
        visits = [cv.site_visits[d] for d in days if d in cv.site_visits] + [
            cv.video_visits[d] for d in days if d in cv.video_visits]
        if len(visits) > 1:
            extra = b.new_int(0, len(visits), f"visits_over_one[{cid},w{week}]")
            b.m.Add(sum(visits) <= 1 + extra)
            b.penalize("S-SPREAD", extra, cid, "work-practice visits in one week")


def add_final_discussion(b: Build, client: Client) -> None:
    """R-DEEP-2 / R-FINAL-2: one final discussion with the case manager on a group day of the
    deepening period (clear-plan client) or of the final period (everyone else)."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    phase = "deep" if client.clear_plan else "final"
    group_days = gv.day_of_phase.get(phase, {})
    days = [d for d in sorted(group_days) if candidate_days(b, client, d, d)]
    if not days:
        b.no_plan("no_final_discussion_day", client=client.client_id, staff=cv.case_manager,
                  group=client.group_id)
        return
    office = b.minutes("minutes_office")
    for d in days:
        v = _visit(b, client, "final_discussion", d, office)
        cv.final_discussion[d] = v
        b.m.Add(v <= group_days[d])
    b.m.AddExactlyOne(cv.final_discussion.values())


def add_follow_ups(b: Build, client: Client) -> None:
    """R-FOLLOW-1: 1-2 follow-up visits after the group's final period, the 1st within
    follow_up_1_months, the 2nd within follow_up_2_months (calendar months); each needs room
    for its report before the plan ends (R-FOLLOW-2, R-CAL-0). S-RHYTHM: in the target months."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    cid = client.client_id
    if not gv.final_opts:
        return
    months = [b.sm.num("follow_up_1_months"), b.sm.num("follow_up_2_months")]
    targets = [b.sm.rng("follow_up_1_target_months"), b.sm.rng("follow_up_2_target_months")]
    if client.follow_up_visits == 1:
        months, targets = months[:1], targets[:1]
    office = b.minutes("minutes_office")
    previous = None
    last_day = b.cal.n_days - 2  # room for the follow-up report inside the plan (R-CAL-0)
    if b.roster.staff[cv.case_manager].max_clients is not None:
        # R-STAFF-4: case managers were chosen with each process inside its group's span.
        last_day = min(last_day, b.cal.index(group_process_interval(b.roster, b.sm, client.group_id)[1]))
    for k, (limit, target) in enumerate(zip(months, targets, strict=True)):
        not_before = b.windows.follow_up_min_months[k]
        lo = min(b.cal.add_months(o.last, not_before) for o, _ in gv.final_opts) + 1
        hi = min(max(b.cal.add_months(o.last, limit) for o, _ in gv.final_opts), last_day)
        days = candidate_days(b, client, lo, hi)
        visits = {}
        # Each final placement's first and last allowed day, computed once: calendar months per
        # (day, placement) pair made 3 million date calculations on two groups (6 s of building).
        # Sorted by them, the placements a visit on day d rules out are a slice (found by bisect).
        by_earliest = sorted(((b.cal.add_months(o.last, not_before), v) for o, v in gv.final_opts),
                             key=lambda pair: pair[0])
        by_latest = sorted(((b.cal.add_months(o.last, limit), v) for o, v in gv.final_opts), key=lambda pair: pair[0])
        earliest_days = [day for day, _ in by_earliest]
        latest_days = [day for day, _ in by_latest]
        for d in days:
            v = _visit(b, client, f"follow_up_{k + 1}", d, office)
            visits[d] = v
            too_soon = [w for _, w in by_earliest[bisect_left(earliest_days, d):]]  # its first allowed day >= d
            too_late = [w for _, w in by_latest[:bisect_left(latest_days, d)]]  # its last allowed day < d
            for ruled_out in (too_soon, too_late):
                if ruled_out:
                    b.m.Add(v + cp_model.LinearExpr.Sum(ruled_out) <= 1)
        if not visits:
            b.no_plan("no_follow_up_day", client=cid, staff=cv.case_manager, number=k + 1)
            return
        b.m.AddExactlyOne(visits.values())
        cv.follow_ups.append(visits)
        day = b.new_int(min(visits), max(visits), f"follow_up_{k + 1}_day[{cid}]")
        b.m.Add(day == sum(d * v for d, v in visits.items()))
        if previous is not None:
            b.m.Add(day > previous)
        previous = day
        early = sum(b.cal.add_months(o.last, target.min) * v for o, v in gv.final_opts) - day
        late = day - sum(b.cal.add_months(o.last, target.max) * v for o, v in gv.final_opts)
        b.penalize("S-RHYTHM", b.positive_part(early, b.cal.n_days, f"follow_up_{k + 1}_early[{cid}]"),
                   cid, f"follow-up {k + 1} before its target month")
        b.penalize("S-RHYTHM", b.positive_part(late, b.cal.n_days, f"follow_up_{k + 1}_late[{cid}]"),
                   cid, f"follow-up {k + 1} after its target month")
    if cv.first_day is not None and previous is not None:
        _process_length(b, client, previous)


def _process_length(b: Build, client: Client, last_day: object) -> None:
    """S-LENGTH (R-TOTAL-4): each month the process runs over process_months costs."""
    cv = b.clients[client.client_id]
    cid = client.client_id
    lo, hi = min(cv.start_visits), max(cv.start_visits)
    table = [b.cal.add_months(d, b.sm.num("process_months")) for d in range(lo, hi + 1)]
    limit = b.new_int(min(table), max(table), f"length_limit[{cid}]")
    b.m.AddElement(cv.first_day - lo, table, limit)
    over_days = b.positive_part(last_day - limit, b.cal.n_days, f"length_over_days[{cid}]")
    months_over = b.new_int(0, b.cal.n_days // 28 + 1, f"length_over_months[{cid}]")
    b.m.Add(31 * months_over >= over_days)
    b.penalize("S-LENGTH", months_over, cid, f"months over {b.sm.num('process_months')}")


def add_missed_group_days(b: Build, client: Client) -> None:
    """R-CLIENT-1 / S-MISSED-DAY: group days are not moved for one client's absence; each group
    day the client misses costs."""
    gv = b.groups[client.group_id]
    absent = b.cal.absent_days(client.client_id)
    if not absent:
        return
    missed = [gv.group_day(d) for d in gv.days() if d in absent]
    if missed:
        b.penalize("S-MISSED-DAY", sum(missed), client.client_id, "group days missed")


def add_one_event_per_day(b: Build) -> None:
    """R-CLIENT-2: at most one individual event per client per day."""
    for days in b.individual.values():
        for lits in days.values():
            if len(lits) > 1:
                b.m.Add(sum(lits) <= 1)
