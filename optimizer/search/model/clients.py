"""A client's individual events: start and getting-ready visits, work practice with its visits
and weekly calls, the final discussion and the follow-up visits.

Each event is a day-indexed literal that exists only on days where it may happen: a working
day (R-CAL-1), the case manager at work (R-STAFF-1, R-STAFF-3), the client not absent and the
decision made (R-CLIENT-1). Ordering rules tie the literals to the group's periods.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.core.calendar import Calendar
from optimizer.core.domain import Client, Group
from optimizer.core.placements import (
    PracticePlacement,
    days_away,
    practice_placements,
    working_days_before_in_week,
)
from optimizer.core.service_model import Range
from optimizer.search.model.case_managers import group_process_interval
from optimizer.search.model.context import Build, ClientVars


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


def _may_be_by_video(b: Build, cid: str, days: list[int]) -> bool:
    """Whether a start, getting-ready or follow-up visit on one of `days` may be by video: with
    S-OFFICE weighed 0, or where a pin says so (otherwise the office is the plan)."""
    return b.sm.weights.get("S-OFFICE", 0) == 0 or any((cid, d) in b.video_pins for d in days)


def _office_visit(b: Build, client: Client, name: str, d: int) -> object:
    """A start, getting-ready or follow-up visit on day d, at the office or by video (both allowed:
    R-START-1, R-READY-1, R-FOLLOW-1); S-OFFICE prefers the office. The video literal takes the
    minutes a video visit saves off the day (R-STAFF-2)."""
    cid = client.client_id
    cv = b.clients[cid]
    visit = _visit(b, client, name, d, b.minutes("minutes_office"))
    if not _may_be_by_video(b, cid, [d]):
        # With S-OFFICE weighed the office is the plan; video where a pin says so. A literal per
        # visit day for a choice the objective never makes grew the model by a sixth and slowed
        # the example's search; weight 0 opens the choice on every day.
        return visit
    video = b.new_bool(f"{name}_by_video[{cid},{b.iso(d)}]")
    b.m.Add(video <= visit)
    b.add_load(cv.case_manager, d, b.minutes("minutes_video") - b.minutes("minutes_office"), video)
    cv.by_video[(name, d)] = video
    b.penalize("S-OFFICE", video, cid, f"{name} by video")
    return visit


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
    for d in days:
        v = _office_visit(b, client, "start_visit", d)
        cv.start_visits[d] = v
        b.forbid_together(v, gv.start_opts, lambda o, d=d: o.first <= d)
    b.m.Add(sum(cv.start_visits.values()) == client.start_visits)
    _start_spacing(b, client)
    # The first day of rehabilitation, for the certificate (R-CERT-1) and the length (R-TOTAL-4).
    horizon = b.cal.n_days
    cv.first_day = b.new_int(days[0], days[-1], f"first_day[{client.client_id}]")
    b.m.AddMinEquality(cv.first_day, [d * v + horizon * (1 - v) for d, v in cv.start_visits.items()])
    # S-DECISION: decision_lead_days after the decision (the letter reaches the client and the
    # provider calls first); a decision before the plan's start counts from the start for lateness.
    lead = b.sm.rng("decision_lead_days")
    decided = b.cal.index(client.decision_date)
    cid = client.client_id
    early = b.positive_part(decided + lead.min - cv.first_day, lead.min, f"first_visit_early[{cid}]")
    late = b.positive_part(cv.first_day - max(decided, 0) - lead.max, horizon, f"first_visit_late[{cid}]")
    b.penalize("S-DECISION", early, cid, "first visit too soon after the decision")
    b.penalize("S-DECISION", late, cid, "first visit late after the decision")


@dataclass(frozen=True)
class FirstVisitDays:
    """The days a client's first start visit can take without the start visits' literals: before
    the group's first day with room for the other start visits (R-START-1), on days the case
    manager can meet the client; and what each costs in S-DECISION."""

    days: list[int]
    visits: int  # the client's start visits
    decided: int
    lead: Range

    def units(self, d: int) -> int:
        """S-DECISION: the days a first visit on day d lies outside decision_lead_days."""
        return max(0, self.decided + self.lead.min - d) + max(0, d - max(self.decided, 0) - self.lead.max)

    def before(self, first: int) -> int:
        """How many of the days lie before a start period beginning on day `first`."""
        return bisect_left(self.days, first)

    def for_start(self, first: int) -> list[int]:
        """The days the first visit can take for a start period beginning on day `first`."""
        before = self.before(first)
        return self.days[:before - self.visits + 1] if before >= self.visits else []


def first_visit_days(b: Build, client: Client) -> FirstVisitDays:
    """The days the client's first start visit can take in some start placement of the group."""
    gv = b.groups[client.group_id]
    latest_first = max(o.first for o, _ in gv.start_opts)
    return FirstVisitDays(candidate_days(b, client, 0, latest_first - 1), client.start_visits,
                          b.cal.index(client.decision_date), b.sm.rng("decision_lead_days"))


def add_decision_lead_forced(b: Build, client: Client) -> None:
    """S-DECISION without the start visits' literals, for the periods relaxation: the first start
    visit comes at the latest on the day that leaves the other start visits room before the
    start period (R-START-1), on a day the case manager can meet the client. Each start option
    of the group costs the client the least S-DECISION any such day costs; an option that leaves
    too few days is ruled out. On M2 a group whose start period came within a week of its
    clients' decisions paid 160 that the relaxation did not see. S-START too: the least the
    start visits on those days fall short of their gap (`least_shortfalls`)."""
    gv = b.groups[client.group_id]
    first = first_visit_days(b, client)
    costs, close = [], []
    short = least_shortfalls(first.days, client.start_visits, b.sm.num("start_visit_gap_days"))
    for o, v in gv.start_opts:
        days = first.for_start(o.first)
        if not days:
            b.m.Add(v == 0)
            continue
        least = min(first.units(d) for d in days)
        if least:
            costs.append(least * v)
        before = first.before(o.first)
        if short[before - 1]:  # S-START: the start visits on those days, closer than their gap
            close.append(short[before - 1] * v)
    if costs:
        b.penalize("S-DECISION", sum(costs), client.client_id, "first visit forced away from the decision's rhythm")
    if close:
        b.penalize("S-START", sum(close), client.client_id, "start visits forced close together")


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
    firsts = b.cal.working_between(first, last)
    if b.windows.week_starts_only and client.wp_start is None:
        firsts = [d for d in firsts if working_days_before_in_week(b.cal, d, client.wp_weekdays) == 0]
    return practice_placements(b.cal, b.sm, cid, client.wp_days, firsts, client.wp_weekdays)


def _away_slack(b: Build, client: Client, first: int, start_last: int) -> int:
    """Days the focused window for the practice start grows by: the case manager's long
    absences (longer than wp_visit_gap_max_days) within reach of the practice. A practice may
    then wait until the case manager is back rather than break for a month after its first week
    (S-SPREAD; R-STAFF-3: visits move, not change hands). Never past ready_phase_max_days."""
    widest = b.sm.num("ready_phase_max_days")
    if b.windows.ready_max_days >= widest:
        return 0
    reach = start_last + b.windows.ready_max_days + b.sm.num("wp_max_span_days")
    away = days_away(b.cal, b.clients[client.client_id].case_manager, b.sm.num("wp_visit_gap_max_days"),
                     first, reach)
    return min(away, widest - b.windows.ready_max_days)


def add_work_practice(b: Build, client: Client) -> None:
    """R-WP-1, R-WP-2: one unbroken span of practice; practice[d] says the client practises on d."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    min_start_last = min(o.last for o, _ in gv.start_opts)
    max_start_last = max(o.last for o, _ in gv.start_opts)
    first = min_start_last + client.ready_visits + 1
    last = max_start_last + b.windows.ready_max_days + _away_slack(b, client, first, max_start_last)
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
    if client.wp_start is None:
        # S-WP-WEEK: a practice starts on the first working day of its week (an agreed start holds).
        b.penalize("S-WP-WEEK", sum(working_days_before_in_week(b.cal, o.first, client.wp_weekdays) * v
                                    for o, v in cv.wp_opts), cid,
                   "practice starts after the week's first working day")
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
        practises = client.wp_weekdays is None or b.cal.weekday(d) in client.wp_weekdays  # part-time (R-WP-2)
        if b.cal.client_available(cid, d) and practises and started_prev is not None:
            cv.practice[d] = started_prev - ended_prev if ended_prev is not None else started_prev
    cv.started = cv_started


def ready_days(b: Build, client: Client) -> list[int]:
    """R-READY-1: the days a getting-ready visit may take, from the earliest start period's end
    to the day before the latest practice start, on which the case manager can meet the client.
    The whole model's visits and the periods relaxation's forced costs read the same days."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    return candidate_days(b, client, min(o.last for o, _ in gv.start_opts) + 1,
                          max(o.first for o, _ in cv.wp_opts) - 1)


def add_ready_visits(b: Build, client: Client) -> None:
    """R-READY-1: ready_visits visits after the last start-period group day and before work
    practice starts; R-WP-1: work practice starts at most wp_start_max_gap_days after the last of
    them (each day over wp_start_target_gap_days costs S-WP-GAP)."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    if cv.wp_first is None:
        return
    days = ready_days(b, client)
    if len(days) < client.ready_visits:
        b.no_plan("no_ready_visit_days", client=client.client_id, staff=cv.case_manager)
        return
    started = cv.started
    for d in days:
        v = _office_visit(b, client, "ready_visit", d)
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
    if client.wp_start is None:  # R-WP-1: a start agreed with the employer holds even further away (Q3)
        b.m.Add(gap <= b.sm.num("wp_start_max_gap_days"))
    target = b.sm.num("wp_start_target_gap_days")
    b.penalize("S-WP-GAP", b.positive_part(gap - target, b.cal.n_days, f"wp_gap_over[{cid}]"), cid,
               "days over the target gap")
    _ready_spacing(b, client)
    add_ready_phase_length(b, client)


def _add_last_ready_visit_load(b: Build, client: Client, days: list[int]) -> None:
    """S-LOAD for the periods relaxation: the last getting-ready visit in the week before the
    practice, or a unit of S-WP-GAP. Where the days the case manager can meet the client within
    wp_start_target_gap_days before a placement's first day lie in one week, every plan has its
    last visit on one of them or starts the practice at least a day later than the target after
    it: a unit more than add_ready_visits_forced counts (none, with such a day). On the S
    benchmark four practices of one case manager began on one Monday and a fifth a week later:
    the plans' busiest week held the four first site visits and the fifth's last getting-ready
    visit, which no relaxation counted (13 hours against 11, 5.12.)."""
    if not b.sm.weights.get("S-WP-GAP", 0):
        return  # the unit costs nothing: the term could only lower other weeks
    cv = b.clients[client.client_id]
    cid = client.client_id
    target = b.sm.num("wp_start_target_gap_days")
    office = b.minutes("minutes_office")
    minutes = min(office, b.minutes("minutes_video")) if _may_be_by_video(b, cid, days) else office
    weeks: dict[int, list] = {}
    for o, lit in cv.wp_opts:
        near = {b.cal.week(d) for d in days[bisect_left(days, o.first - target):bisect_left(days, o.first)]}
        if len(near) == 1:
            weeks.setdefault(near.pop(), []).append(lit)
    if not weeks:
        return
    early = b.new_bool(f"last_ready_visit_early[{cid}]")
    for week, lits in weeks.items():
        if b.start_load:
            # The relaxation together: as with the first site visit (forced.add_practice_start_load),
            # a week's count may fall to -1 where the unit is paid, a lower count still. A literal
            # per week took L1's model 48 s to prove instead of 31 s (5.12.).
            b.add_week_load(cv.case_manager, week, minutes, sum(lits) - early, 1)
        else:
            # A literal per week: a person's own relaxation (lower_bound.busiest_weeks) weighs
            # S-LOAD alone, where the unit is free, and a count of -1 would take a visit's
            # minutes off a week that holds other work: a weaker floor (C1's 3 hours fell to 2
            # in test_lower_bound's roster of a leader of two groups).
            held = b.new_bool(f"last_ready_visit_in_week[{cid},{week}]")
            b.m.Add(held + early >= sum(lits))
            b.add_week_load(cv.case_manager, week, minutes, held, 1)
    b.penalize("S-WP-GAP", early, cid, "the last getting-ready visit before the practice's previous week")


def add_ready_days_needed(b: Build, client: Client) -> None:
    """R-READY-1 without the visits' literals, for the periods relaxation (optimizer/search/
    lower_bound.py): a practice starts only after as many days on which the case manager can meet
    the client as there are getting-ready visits, counted from the start period's last day."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    if not cv.wp_opts:
        return
    days = ready_days(b, client)
    next_to = ready_next_to(b, days)
    for start, s in gv.start_opts:
        lo = bisect_left(days, start.last + 1)
        fit = most_visits(days[lo:], next_to and next_to[lo:])
        for o, w in cv.wp_opts:
            between = bisect_left(days, o.first) - lo
            if between <= 0 or fit[between - 1] < client.ready_visits:
                b.m.AddBoolOr([s.Not(), w.Not()])


def add_ready_visits_forced(b: Build, client: Client) -> None:
    """S-READY and S-WP-GAP without the visits' literals, for the periods relaxation: the
    getting-ready visits lie between the first day after the start period and the last day
    before the practice on which the case manager can meet the client (R-READY-1).
    - Their ready_visits - 1 gaps add up to at most that span; each day the gaps fall short of
      ready_visit_gap_days apiece costs at least one S-READY unit (`_ready_spacing` also prices
      pairs that are not next to each other). A practice right after the start period squeezes
      the visits: on the test roster of two groups the relaxation put it there at no cost, where
      every plan pays 7 units a client.
    - Practice by practice, the least the visits fall short on the days the case manager can
      meet the client (`least_shortfalls`): a holiday between the periods leaves the span long
      and the days few. On the example's T27-2 the relaxation's placements had cost 15 more in
      the whole model for one such client; with it the group's step ended 9 above its bound in
      5 of 5 runs, against 10-25 (4.12.).
    - The practice starts at least the days from that last day after the last visit: S-WP-GAP
      beyond wp_start_target_gap_days (a case manager away in the week before the practice).
    Both are least with the last visit on that last day, so together they are a bound too."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    if not cv.wp_opts:
        return
    days = ready_days(b, client)
    if not days:
        return

    def first_after(day: int) -> int:
        k = bisect_left(days, day + 1)
        return days[k] if k < len(days) else day + 1

    def last_before(day: int) -> int:
        k = bisect_left(days, day)
        return days[k - 1] if k > 0 else day - 1

    cid = client.client_id
    target = b.sm.num("wp_start_target_gap_days")
    gap_over = [(o.first - last_before(o.first) - target) * w for o, w in cv.wp_opts
                if o.first - last_before(o.first) > target]
    if gap_over:
        b.penalize("S-WP-GAP", sum(gap_over), cid, "no day to meet the client just before the practice")
    if b.start_load or b.counts_work_of(cv.case_manager):
        _add_last_ready_visit_load(b, client, days)
    if client.ready_visits < 2:
        return
    gap = b.sm.num("ready_visit_gap_days")
    span = sum(last_before(o.first) * w for o, w in cv.wp_opts) - sum(first_after(s.last) * v for s, v in gv.start_opts)
    need = (client.ready_visits - 1) * gap
    short = b.positive_part(need - span, need, f"ready_short_forced[{cid}]")
    # The example's A015: five visits, two in the week before S01's four weeks away and three in
    # the 2.5 weeks after, where the span saw room for all.
    next_to = ready_next_to(b, days)
    least = least_shortfalls(days, client.ready_visits, gap, next_to)

    def by_practice(first: int) -> int:
        """The least shortfall on the days before a practice beginning on day `first`."""
        k = bisect_left(days, first)
        return least[k - 1] if k > 0 else 0

    by_days = [by_practice(o.first) * w for o, w in cv.wp_opts if by_practice(o.first)]
    if by_days:
        b.m.Add(short >= sum(by_days))
    _ready_window_pairs(b, client, days, next_to, short, need, gap, by_practice)
    b.penalize("S-READY", short, cid, "getting-ready visits squeezed between the start period and the practice")


def _ready_window_pairs(b: Build, client: Client, days: list[int], next_to: list[bool] | None,
                        short: cp_model.IntVar, need: int, gap: int, by_practice: Callable[[int], int]) -> None:
    """S-READY of one start period and one practice together: the least the visits fall short on
    the days between the two (`least_shortfalls` of that window), where it is more than the span
    alone (`need - span`) or the days before the practice alone (`by_practice`) say. A weekend
    inside the window does that: on M2 the relaxation placed G002's start period to end on a
    Friday and A0017's practice to begin eleven days later, a span of room for three visits five
    days apart, but on weekdays only two fit (every plan paid 15). A window whose days cannot hold
    the visits has no plan in the whole model: `add_ready_days_needed` rules that pair out, and
    `least_shortfalls` claims nothing for it."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    for s, x in gv.start_opts:
        lo = bisect_left(days, s.last + 1)
        window = days[lo:]
        least = least_shortfalls(window, client.ready_visits, gap, next_to and next_to[lo:])
        for o, y in cv.wp_opts:
            hi = bisect_left(window, o.first)  # window[:hi]: the days between the two
            if hi == 0:
                continue  # no day between: ruled out (add_ready_days_needed)
            shortfall = least[hi - 1]
            if shortfall > max(need - (window[hi - 1] - window[0]), by_practice(o.first), 0):
                b.m.Add(short >= shortfall * (x + y - 1))


def ready_next_to(b: Build, days: list[int]) -> list[bool] | None:
    """For each of `days` (sorted), whether it is the next working day after the one before it in
    the list: two getting-ready visits never fall on both in the focused windows (`_ready_spacing`).
    None where the windows allow it. The first mark is never read, so the marks of a run of days
    from k on are this list from k on."""
    if not b.windows.ready_apart:
        return None
    return [k > 0 and b.cal.working_between(days[k - 1] + 1, d) == [d] for k, d in enumerate(days)]


def most_visits(days: list[int], next_to: list[bool] | None) -> list[int]:
    """For each k, the most visits days[:k + 1] hold, no two on days `next_to` marks as next to
    each other: all of them without marks. Taking each day unless the day before it in the list
    was taken and is next to it holds the most in every prefix at once."""
    out, count, taken = [], 0, False
    for k in range(len(days)):
        taken = not (taken and next_to is not None and next_to[k])
        count += taken
        out.append(count)
    return out


def least_shortfalls(days: list[int], visits: int, gap: int, next_to: list[bool] | None = None) -> list[int]:
    """For each k, the least that `visits` visits on days among days[:k + 1] fall short of `gap`
    days apart, summed over each visit and the next (0 where the days cannot hold the visits: the
    whole model has no plan there, and the bound claims nothing). Every plan's S-READY or S-START
    is at least that: each prices every pair of its visits closer than the gap, the next ones
    among them. Dynamic programming over the last visit's day: the visit before it is either
    `gap` days earlier or more (free, the cheapest such plan so far) or one of the gap - 1 days
    between, but not the day before it in the list where `next_to` marks it (getting-ready
    visits on consecutive working days, which the focused windows rule out)."""
    if visits < 2:
        return [0] * len(days)
    inf = visits * gap + 1
    cost = [0] * len(days)  # the least shortfall of the visits so far, the last on days[i]
    for _ in range(visits - 1):
        nxt = [inf] * len(days)
        far, free = 0, inf  # free: the least of cost[j] over days[j] <= days[i] - gap
        for i, d in enumerate(days):
            while far < i and days[far] <= d - gap:
                free = min(free, cost[far])
                far += 1
            nxt[i] = min([free] + [cost[j] + gap - (d - days[j]) for j in range(far, i)
                                   if not (next_to is not None and next_to[i] and j == i - 1)])
        cost = nxt
    out, best = [], inf
    for c in cost:
        best = min(best, c)
        out.append(0 if best >= inf else best)
    return out


def add_ready_phase_length(b: Build, client: Client) -> None:
    """S-RHYTHM: the getting-ready phase, from the start period's last day to the practice's
    first, no longer than ready_target_days (each day over costs)."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    if cv.wp_first is None or gv.start_last is None:
        return
    over = b.positive_part(cv.wp_first - gv.start_last - b.sm.num("ready_target_days"), b.cal.n_days,
                           f"ready_over[{client.client_id}]")
    b.penalize("S-RHYTHM", over, client.client_id, "getting-ready phase longer than its target")


def _ready_spacing(b: Build, client: Client) -> None:
    """S-READY: two getting-ready visits at least ready_visit_gap_days apart; each day short, for
    each pair of visits, costs (the workplace is found and agreed in between). The focused search
    keeps them off consecutive working days altogether: no workplace is found overnight."""
    _visit_spacing(b, client, b.clients[client.client_id].ready_visits, "ready_visit_gap_days", "S-READY",
                   "ready_close", "getting-ready visits close together", b.windows.ready_apart)


def _start_spacing(b: Build, client: Client) -> None:
    """S-START: two start visits at least start_visit_gap_days apart; each day short, for each
    pair of visits, costs (the client has time to think over the plan drafted at a visit before
    the next one). Priced only: a decision close to the group's start may leave no other days."""
    _visit_spacing(b, client, b.clients[client.client_id].start_visits, "start_visit_gap_days", "S-START",
                   "start_close", "start visits close together", apart=False)


def _visit_spacing(b: Build, client: Client, visits: dict[int, object], gap_param: str, rule: str,
                   name: str, what: str, apart: bool, across_weeks: bool = False) -> None:
    """The soft spacing of one phase's visits (S-READY, S-START, S-SPREAD): for each pair of
    candidate days closer than the gap, a literal true when both hold a visit, costing each day
    short. With `apart`, two visits on consecutive working days are ruled out instead of priced;
    with `across_weeks`, only pairs in different calendar weeks count (S-SPREAD prices two
    visits in one week on its own)."""
    cid = client.client_id
    gap = b.sm.num(gap_param)
    days = sorted(visits)
    for i, d in enumerate(days):
        if apart and i + 1 < len(days) and b.cal.working_between(d + 1, days[i + 1]) == [days[i + 1]]:
            b.m.Add(visits[d] + visits[days[i + 1]] <= 1)
        for e in days[i + 1:]:
            if e - d >= gap:
                break
            if across_weeks and b.cal.week(d) == b.cal.week(e):
                continue
            both = b.new_bool(f"{name}[{cid},{b.iso(d)},{b.iso(e)}]")
            b.m.Add(both >= visits[d] + visits[e] - 1)
            b.penalize(rule, (gap - (e - d)) * both, cid, what)


def add_wp_visits_and_calls(b: Build, client: Client) -> None:
    """R-WP-3: wp_visits visits during practice, each at the workplace or by video (the plan
    chooses); at least wp_site_visits_min at the workplace besides the network meeting, at least
    wp_employer_visits_min with the employer (who joins every site visit unless a pin says
    otherwise), and exactly wp_network_meetings network meetings, at the workplace or by video.
    R-WP-4: wp_calls_per_week calls in every calendar week with a practice day, by the case
    manager or, when the case manager is not at work that day, by a substitute (S-OWN-CM)."""
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
            cv.network_site[d] = b.new_bool(f"network_meeting_site[{cid},{b.iso(d)}]")
            cv.network_video[d] = b.new_bool(f"network_meeting_video[{cid},{b.iso(d)}]")
            b.m.Add(cv.network_site[d] <= site)
            b.m.Add(cv.network_video[d] <= video)
        else:
            for s in substitutes:
                if b.cal.staff_at_work(s, d):
                    v = b.new_bool(f"sub_call[{cid},{s},{b.iso(d)}]")
                    b.add_load(s, d, phone, v)
                    b.add_individual(cid, d, v)
                    b.m.Add(v <= practising)
                    cv.sub_calls[(d, s)] = v
                    b.penalize("S-OWN-CM", v, cid, f"call by substitute {s}")
    for e in b.run.pinned:  # R-CLIENT-3: a pinned visit keeps its employer mark
        if e.client_id == cid and e.kind == "wp_visit" and e.with_employer != (e.mode == "site"):
            cv.employer_pinned[b.cal.index(e.date)] = e.with_employer
    network = [*cv.network_site.values(), *cv.network_video.values()]
    b.m.Add(sum(network) == b.sm.num("wp_network_meetings"))
    b.m.Add(sum(cv.site_visits.values()) + sum(cv.video_visits.values()) == client.wp_visits)
    b.m.Add(sum(cv.site_visits.values()) - sum(cv.network_site.values()) >= b.sm.num("wp_site_visits_min"))
    b.m.Add(sum(_employer_visits(cv)) >= b.sm.num("wp_employer_visits_min"))
    _weekly_calls(b, client)
    _visit_order(b, client)
    _visit_spread(b, client)
    _substitute_voices(b, client)


def _employer_visits(cv: ClientVars) -> list:
    """R-WP-3: the literals of the visits the employer joins."""
    return [v for _, v in cv.employer_days()]


def _weekly_calls(b: Build, client: Client) -> None:
    """R-WP-4: wp_calls_per_week calls in every calendar week with a practice day; S-SPREAD: a
    second visit in one week costs."""
    cid = client.client_id
    cv = b.clients[cid]
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


def working_day_numbers(cal: Calendar) -> list[int]:
    """For each day index (and one past the plan), the number of working days up to it."""
    out, n = [], 0
    for d in range(cal.n_days):
        n += 1 if cal.is_working(d) else 0
        out.append(n)
    return [*out, n + 1]


def _visit_order(b: Build, client: Client) -> None:
    """S-WP-ORDER: the first practice visit is at the workplace with the employer, within the first
    wp_first_visit_days working days of the practice; the network meeting after it and in the
    first half of the practice; the last visit within wp_last_visit_days of the practice's end,
    and the employer joins it (the wrap-up). A visit out of order (a visit before the first site
    visit with the employer, a network meeting on or before it, a last visit the employer does
    not join) costs wp_order_units; each day away from a target, one unit."""
    cid = client.client_id
    cv = b.clients[cid]
    if not cv.site_visits or cv.wp_first is None or cv.wp_last is None:
        return
    horizon = b.cal.n_days
    lo = min(cv.site_visits)
    site, video = cv.site_visits, cv.video_visits
    with_employer = [(d, v) for d, v in site.items() if cv.employer_pinned.get(d, True)]
    first_site = b.new_int(lo, horizon, f"first_site_visit[{cid}]")
    b.m.AddMinEquality(first_site, [d * v + horizon * (1 - v) for d, v in with_employer] or [horizon])
    first_visit = b.new_int(lo, horizon, f"first_wp_visit[{cid}]")
    b.m.AddMinEquality(first_visit, [d * v + horizon * (1 - v) for lits in (site, video) for d, v in lits.items()])
    last_visit = b.new_int(0, horizon, f"last_wp_visit[{cid}]")
    b.m.AddMaxEquality(last_visit, [d * v for lits in (site, video) for d, v in lits.items()])
    units = b.sm.num("wp_order_units")
    out_of_order = b.new_bool(f"first_visit_not_site[{cid}]")
    b.m.Add(first_site - first_visit <= horizon * out_of_order)
    network_day = sum(d * (cv.network_site[d] + cv.network_video[d]) for d in site)
    network_early = b.new_bool(f"network_before_site[{cid}]")
    b.m.Add(first_site - network_day + 1 <= (horizon + 1) * network_early)
    b.penalize("S-WP-ORDER", units * out_of_order, cid, "first visit not at the workplace with the employer")
    b.penalize("S-WP-ORDER", units * network_early, cid, "network meeting before the first site visit")
    numbers = working_day_numbers(b.cal)
    first_site_number = b.new_int(0, numbers[-1], f"first_site_visit_workday[{cid}]")
    b.m.AddElement(first_site, numbers, first_site_number)
    start_number = sum(numbers[o.first] * v for o, v in cv.wp_opts)
    late = b.positive_part(first_site_number - start_number - (b.sm.num("wp_first_visit_days") - 1), horizon,
                           f"first_site_visit_late[{cid}]")
    b.penalize("S-WP-ORDER", late, cid, "first site visit late in the practice")
    half = b.positive_part(0, horizon, f"network_late_half_days[{cid}]")
    b.m.Add(2 * half >= 2 * network_day - cv.wp_first - cv.wp_last)
    b.penalize("S-WP-ORDER", half, cid, "network meeting in the second half of the practice")
    early_end = b.positive_part(cv.wp_last - (b.sm.num("wp_last_visit_days") - 1) - last_visit, horizon,
                                f"last_visit_early[{cid}]")
    b.penalize("S-WP-ORDER", early_end, cid, "last visit before the last two weeks")
    # The wrap-up: the last visit the employer joins is the last visit.
    last_with_employer = b.new_int(0, horizon, f"last_employer_visit[{cid}]")
    b.m.AddMaxEquality(last_with_employer, [d * v for d, v in cv.employer_days()] or [0])
    no_wrap_up = b.new_bool(f"last_visit_without_employer[{cid}]")
    b.m.Add(last_visit - last_with_employer <= horizon * no_wrap_up)
    b.penalize("S-WP-ORDER", units * no_wrap_up, cid, "last visit without the employer")


def _visit_spread(b: Build, client: Client) -> None:
    """S-SPREAD: each working day s that opens a window of wp_visit_gap_max_days calendar days
    without a visit, between two visits of the practice, costs one unit (a gap of g days between
    consecutive visits costs the working days among its first g - wp_visit_gap_max_days days).
    Two visits in different calendar weeks closer than wp_visit_gap_min_days (a Friday and the
    next Monday) cost each day short: the practice weeks between them are left without a visit,
    and the client has had no time to practise what was agreed."""
    cid = client.client_id
    cv = b.clients[cid]
    days = sorted(set(cv.site_visits) | set(cv.video_visits))
    if not days:
        return
    _visit_spacing(b, client, {d: cv.site_visits[d] + cv.video_visits[d] for d in days}, "wp_visit_gap_min_days",
                   "S-SPREAD", "wp_visits_close", "practice visits close together", apart=False, across_weeks=True)
    n = client.wp_visits
    span = b.sm.num("wp_visit_gap_max_days")
    count_to: dict[int, object] = {}  # day -> visits on candidate days up to it
    previous: object = 0
    for d in days:
        c = b.new_int(0, n, f"wp_visits_so_far[{cid},{b.iso(d)}]")
        b.m.Add(c == previous + cv.site_visits[d] + cv.video_visits[d])
        count_to[d], previous = c, c

    def upto(x: int) -> object:
        k = bisect_left(days, x + 1) - 1
        return count_to[days[k]] if k >= 0 else 0

    seen_before: dict[int, object] = {}
    seen_after: dict[int, object] = {}
    for s in b.cal.working_between(days[0] + 1, days[-1] - span):
        before, through = upto(s - 1), upto(s + span - 1)
        key_b, key_a = id(before), id(through)
        if key_b not in seen_before:  # 1 when a visit came before s
            seen_before[key_b] = b.new_bool(f"wp_visit_before[{cid},{b.iso(s)}]")
            b.m.Add(before <= n * seen_before[key_b])
        if key_a not in seen_after:  # 1 when a visit comes after the window
            seen_after[key_a] = b.new_bool(f"wp_visit_after[{cid},{b.iso(s + span - 1)}]")
            b.m.Add(n - through <= n * seen_after[key_a])
        gap = b.new_bool(f"wp_visit_gap[{cid},{b.iso(s)}]")
        b.m.Add(gap >= seen_before[key_b] + seen_after[key_a] - 1 - (through - before))
        b.penalize("S-SPREAD", gap, cid, "long gap between work-practice visits")


def _substitute_voices(b: Build, client: Client) -> None:
    """S-OWN-CM: when substitutes call, the same one for the client rather than a new voice: each
    substitute beyond the first costs one unit."""
    cid = client.client_id
    by_sub: dict[str, list] = defaultdict(list)
    for (_, s), v in b.clients[cid].sub_calls.items():
        by_sub[s].append(v)
    if len(by_sub) < 2:
        return
    used = []
    for s, lits in by_sub.items():
        u = b.new_bool(f"substitute_used[{cid},{s}]")
        for v in lits:
            b.m.Add(v <= u)
        used.append(u)
    extra = b.positive_part(sum(used) - 1, len(used), f"substitutes_over_one[{cid}]")
    b.penalize("S-OWN-CM", extra, cid, "more than one substitute")


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


def add_final_discussion_period(b: Build, client: Client) -> None:
    """R-DEEP-2 / R-FINAL-2 for the periods relaxation, which has no visit literals: the period
    that holds the client's final discussion has a day on which the case manager can meet the
    client. The whole model says this through add_final_discussion's literals; the relaxation
    without it let the example's first group hold its deepening period in a clear-plan client's
    case manager's summer holiday (a bound of 16 for a group whose plans cost 384 or more)."""
    gv = b.groups[client.group_id]
    phase = "deep" if client.clear_plan else "final"
    options = getattr(gv, f"{phase}_opts")
    meets = set(candidate_days(b, client, min((o.first for o, _ in options), default=0),
                               max((o.last for o, _ in options), default=-1)))
    in_week: dict[int, list] = defaultdict(list)  # week -> the options with a day to meet in it
    for o, chosen in options:
        days = meets.intersection(o.days)
        if not days:
            b.m.Add(chosen == 0)
        for week in {b.cal.week(d) for d in days}:
            in_week[week].append(chosen)
    cm = b.clients[client.client_id].case_manager
    if (b.counts_work_of(cm) or b.start_load) and in_week:
        add_final_discussion_load(b, client, in_week, [chosen for _, chosen in options])


def add_final_discussion_load(b: Build, client: Client, in_week: dict[int, list], chosen: list) -> None:
    """S-LOAD for the periods relaxation: the final discussion's minutes in one week of the
    chosen period (`in_week`: week -> the options with a day to meet in it), for the case
    manager's busiest week. On M2 S008 led G003's deepening days and held two final discussions
    in that week, 27 hours where the relaxation counted the 24 of the days. In the relaxation of
    every group together too (`start_load`): M1's bound 4,816 -> 4,822, M3's 3,161 -> 3,163,
    L1's after 45 s 12,640 -> 13,007 (4.12.)."""
    cm = b.clients[client.client_id].case_manager
    held = {week: b.new_bool(f"final_discussion_week[{client.client_id},{week}]") for week in in_week}
    for week, options in in_week.items():
        b.m.Add(held[week] <= sum(options))
        b.add_week_load(cm, week, b.minutes("minutes_office"), held[week], 1)
    b.m.Add(sum(held.values()) == sum(chosen))  # none for a group postponed


@dataclass(frozen=True)
class FollowUpWindow:
    """Where the k-th follow-up visit may fall for each final placement (R-FOLLOW-1): after
    `after[i]` and by `until[i]` for the placement ending on `lasts[i]` (both grow with it), and
    on which days the case manager can meet the client at all (`days`)."""

    number: int  # 1 or 2
    limit_months: int
    target: Range  # the target months
    lasts: list[int]
    after: list[int]
    until: list[int]
    days: list[int]

    def placement_range(self, d: int) -> tuple[int, int]:
        """The placements (indices into `lasts`) with a visit on day d allowed: latest < earliest
        when none."""
        latest = bisect_left(self.after, d) - 1  # the last placement whose first allowed day is before d
        earliest = bisect_left(self.until, d)  # the first placement whose last allowed day is d or later
        return earliest, latest

    def target_days(self, b: Build, last: int) -> tuple[int, int]:
        """The first and last day of the visit's target months for a final period ending on day
        `last` (S-RHYTHM). The target ends follow_up_margin_days before the deadline, if not
        before: a visit the client cancels can still be held in time."""
        return (b.cal.add_months(last, self.target.min),
                min(b.cal.add_months(last, self.target.max),
                    b.cal.add_months(last, self.limit_months) - b.sm.num("follow_up_margin_days")))


def follow_up_windows(b: Build, client: Client) -> list[FollowUpWindow]:
    """The windows of the client's 1-2 follow-up visits (R-FOLLOW-1), each with room for its
    report before the plan ends (R-FOLLOW-2, R-CAL-0)."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    months = [b.sm.num("follow_up_1_months"), b.sm.num("follow_up_2_months")]
    targets = [b.sm.rng("follow_up_1_target_months"), b.sm.rng("follow_up_2_target_months")]
    if client.follow_up_visits == 1:
        months, targets = months[:1], targets[:1]
    last_day = b.cal.n_days - 2  # room for the follow-up report inside the plan (R-CAL-0)
    if b.roster.staff[cv.case_manager].max_clients is not None:
        # R-STAFF-4: case managers were chosen with each process inside its group's span.
        last_day = min(last_day, b.cal.index(group_process_interval(b.roster, b.sm, client.group_id)[1]))
    lasts = sorted(o.last for o, _ in gv.final_opts)
    out = []
    for k, (limit, target) in enumerate(zip(months, targets, strict=True)):
        after = [b.cal.add_months(last, b.windows.follow_up_min_months[k]) for last in lasts]
        until = [b.cal.add_months(last, limit) for last in lasts]
        days = candidate_days(b, client, after[0] + 1, min(until[-1], last_day))
        out.append(FollowUpWindow(k + 1, limit, target, lasts, after, until, days))
    return out


def add_follow_ups(b: Build, client: Client) -> None:
    """R-FOLLOW-1: 1-2 follow-up visits after the group's final period, the 1st within
    follow_up_1_months, the 2nd within follow_up_2_months (calendar months); each needs room
    for its report before the plan ends (R-FOLLOW-2, R-CAL-0). S-RHYTHM: in the target months."""
    gv = b.groups[client.group_id]
    cv = b.clients[client.client_id]
    cid = client.client_id
    if not gv.final_opts:
        return
    previous = None
    for w in follow_up_windows(b, client):
        visits = {d: _office_visit(b, client, f"follow_up_{w.number}", d) for d in w.days}
        if not visits:
            b.no_plan("no_follow_up_day", client=cid, staff=cv.case_manager, number=w.number)
            return
        b.m.AddExactlyOne(visits.values())
        cv.follow_ups.append(visits)
        day = b.new_int(min(visits), max(visits), f"follow_up_{w.number}_day[{cid}]")
        b.m.Add(day == sum(d * v for d, v in visits.items()))
        # A visit on day d bounds the final period's last day from both sides: two short
        # constraints per visit day, not one per day over every placement it rules out (those
        # grew with the square of a wide window).
        for d, v in visits.items():
            earliest, latest = w.placement_range(d)
            if latest < earliest:
                b.m.Add(v == 0)
                continue
            if latest < len(w.lasts) - 1:
                b.m.Add(gv.final_last <= w.lasts[latest]).OnlyEnforceIf(v)
            if earliest > 0:
                b.m.Add(gv.final_last >= w.lasts[earliest]).OnlyEnforceIf(v)
        if previous is not None:
            b.m.Add(day > previous)
        previous = day
        _follow_up_rhythm(b, client, w, day)
    if cv.first_day is not None and previous is not None:
        _process_length(b, client, previous)


def _follow_up_rhythm(b: Build, client: Client, w: FollowUpWindow, day: object) -> None:
    """S-RHYTHM: each day a follow-up visit on `day` lies before or after its target months."""
    gv = b.groups[client.group_id]
    cid = client.client_id
    early = sum(w.target_days(b, o.last)[0] * v for o, v in gv.final_opts) - day
    late = day - sum(w.target_days(b, o.last)[1] * v for o, v in gv.final_opts)
    b.penalize("S-RHYTHM", b.positive_part(early, b.cal.n_days, f"follow_up_{w.number}_early[{cid}]"),
               cid, f"follow-up {w.number} before its target month")
    b.penalize("S-RHYTHM", b.positive_part(late, b.cal.n_days, f"follow_up_{w.number}_late[{cid}]"),
               cid, f"follow-up {w.number} after its target month")


# The rules whose units add_follow_ups_forced counts, in the order of its unit vectors.
FOLLOW_UP_RULES = ("S-RHYTHM", "S-LENGTH", "S-DECISION")
Units = tuple[int, int, int]


def add_follow_ups_forced(b: Build, group: Group) -> None:
    """S-RHYTHM, S-LENGTH and S-DECISION of the follow-up visits of the group's clients, for the
    periods relaxation, which has no visit: what each pair of a start and a final placement
    forces on them. A late final period leaves the last visit the choice between its target
    months and a process over process_months from the first start visit: on M1 the joint relaxation put
    G001's final period two or three weeks later at no cost of its own, and the group in those
    placements cost 2,238-2,474 instead of 2,086 in the whole model (the 2nd follow-ups up to 39
    days early), since the first start visits come 7-14 days after the decisions (S-DECISION).

    Each visit costs at least its fewest days outside its target on the days of its window on
    which the case manager can meet the client (R-FOLLOW-1, the whole model's days). The last
    one ends the process: its months over process_months count from the first start visit, on
    each day the start placement leaves it (`FirstVisitDays`) paying that day's own S-DECISION
    (`_follow_up_units`). What every start placement
    forces goes on the final placement's literal; what a start placement adds, on one literal
    for the final placement and the starts that add the same (49 on the example, 210 on M1; a
    literal for every pair, 179 on the example, took its relaxation together from about 8 s to
    11-12 s). The visits' order and every rule between people are left out, so no plan costs
    less; a final placement that leaves a visit no such day is ruled out, as in the whole model."""
    gv = b.groups[group.group_id]
    members = b.roster.clients_of(group.group_id)
    weights = tuple(b.sm.weights.get(rule, 0) for rule in FOLLOW_UP_RULES)
    if not gv.final_opts or not members or not any(weights):
        return
    starts: dict[int, list] = defaultdict(list)  # the start period's first day -> its placements
    for o, v in gv.start_opts:
        starts[o.first].append(v)
    units: dict[tuple[int, int], Units] = defaultdict(lambda: (0, 0, 0))  # (final's last day, start's first)
    barred: set[int] = set()
    for client in members:
        windows = follow_up_windows(b, client)
        if any(not w.days for w in windows):
            continue  # the whole model has no plan (no_follow_up_day)
        own, never = _follow_up_units(b, client, windows, sorted(starts), weights)
        barred |= never
        for pair, more in own.items():
            units[pair] = _sum(units[pair], more)
    terms: list[list] = [[] for _ in FOLLOW_UP_RULES]
    for o, v in gv.final_opts:
        if o.last in barred:
            b.m.Add(v == 0)
            continue
        least = min((units[o.last, first] for first in starts), key=lambda u: _weighed(u, weights))
        for k, n in enumerate(least):
            terms[k].append(n * v)
        # The start placements that add the same units share one literal with the final placement.
        adding: dict[Units, list] = defaultdict(list)
        for first in starts:
            more = _more_units(units[o.last, first], least, weights)
            if any(more):
                adding[more] += starts[first]
        for more, chosen in adding.items():
            pair = b.new_bool(f"final_after_start[{group.group_id},{b.iso(o.last)},{'/'.join(map(str, more))}]")
            b.m.Add(pair >= v + sum(chosen) - 1)
            for k, n in enumerate(more):
                terms[k].append(n * pair)
    for rule, rule_terms in zip(FOLLOW_UP_RULES, terms, strict=True):
        b.penalize(rule, sum(rule_terms), group.group_id, "forced by the follow-up visits")


def _follow_up_units(b: Build, client: Client, windows: list[FollowUpWindow], firsts: list[int],
                     weights: tuple[int, ...]) -> tuple[dict[tuple[int, int], Units], set[int]]:
    """For one client's follow-up visits, the least units (FOLLOW_UP_RULES) by the last day of the
    final placement and the first day of the start placement, and the final placements that
    leave a visit no day."""
    first_visit = first_visit_days(b, client)
    months = b.sm.num("process_months")
    # Per start placement, the first visit's days worth trying, as (the process limit it sets,
    # its S-DECISION units above the least the placement forces, counted by
    # add_decision_lead_forced): the latest day of the least units, and every later day, whose
    # units rise with each day. An earlier day sets an earlier limit for no fewer units. The
    # cheapest of them for the last visit pairs each limit with its own units: pairing the
    # latest day's limit with the next day's units had left L1's G016 clients' 6-month visits
    # in their target months in the relaxation, 3-20 days early in every plan (5.12.).
    choices: dict[int, list[tuple[int, int]]] = {}
    by_cut: dict[int, list[tuple[int, int]]] = {}
    for first in firsts:
        days = first_visit.for_start(first)
        if not days:
            continue  # the start placement is ruled out (add_decision_lead_forced)
        if len(days) not in by_cut:
            units = [first_visit.units(d) for d in days]
            least = min(units)
            latest = max(k for k, n in enumerate(units) if n == least)
            by_cut[len(days)] = [(b.cal.add_months(d, months), n - least)
                                 for d, n in zip(days[latest:], units[latest:], strict=True)]
        choices[first] = by_cut[len(days)]
    out: dict[tuple[int, int], Units] = defaultdict(lambda: (0, 0, 0))
    barred: set[int] = set()
    for k, w in enumerate(windows):
        allowed: dict[int, list[int]] = defaultdict(list)  # placement index -> its days, in order
        for d in w.days:
            earliest, latest = w.placement_range(d)
            for i in range(earliest, latest + 1):
                allowed[i].append(d)
        for i, last in enumerate(w.lasts):
            if i not in allowed:
                barred.add(last)
                continue
            visit = _VisitDays(allowed[i], *w.target_days(b, last), weights)
            if k < len(windows) - 1:  # not the last visit: nothing depends on the start
                cheapest = visit.least(None)
                for first in firsts:
                    out[last, first] = _sum(out[last, first], cheapest)
                continue
            least_by_limit: dict[int, Units] = {}
            for first, tried in choices.items():
                best: Units | None = None
                for limit, extra in tried:
                    if best is not None and extra * weights[2] >= _weighed(best, weights):
                        break  # each later day costs more in S-DECISION than the rest can save
                    if limit not in least_by_limit:
                        least_by_limit[limit] = visit.least(limit)
                    cost = _sum(least_by_limit[limit], (0, 0, extra))
                    if best is None or _weighed(cost, weights) < _weighed(best, weights):
                        best = cost
                out[last, first] = _sum(out[last, first], best or (0, 0, 0))
    return out, barred


class _VisitDays:
    """A follow-up visit's days for one final placement, and their days off its target [lo, hi]
    (S-RHYTHM), with the cheapest of each prefix kept, so that the cheapest day for a process
    limit takes a bisection and the days after the limit."""

    def __init__(self, days: list[int], lo: int, hi: int, weights: tuple[int, ...]) -> None:
        self.days, self.weights = days, weights
        self.off = [max(lo - d, 0) + max(d - hi, 0) for d in days]
        self.prefix: list[int] = []  # index of the fewest days off among days[:k + 1]
        for k, n in enumerate(self.off):
            self.prefix.append(k if not self.prefix or n < self.off[self.prefix[-1]] else self.prefix[-1])

    def least(self, limit: int | None) -> Units:
        """The cheapest day's units with the process limited to end on day `limit` (S-LENGTH)."""
        if limit is None or limit >= self.days[-1]:
            return (self.off[self.prefix[-1]], 0, 0)
        k = bisect_right(self.days, limit)
        rhythm, length = self.weights[0], self.weights[1]
        best, cost = (0, 0, 0), None
        if k:
            best = (self.off[self.prefix[k - 1]], 0, 0)
            cost = rhythm * best[0]
        for j in range(k, len(self.days)):
            over = _months_past(self.days[j], limit)
            if cost is None or rhythm * self.off[j] + length * over < cost:
                best, cost = (self.off[j], over, 0), rhythm * self.off[j] + length * over
        return best


def _months_past(d: int, limit: int | None) -> int:
    """S-LENGTH: the months, begun, a process ending on day d runs past `limit` (31 days each)."""
    return 0 if limit is None else -(-max(d - limit, 0) // 31)


def _sum(a: Units, b: Units) -> Units:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _weighed(units: Units, weights: tuple[int, ...]) -> int:
    return sum(n * w for n, w in zip(units, weights, strict=True))


def _more_units(units: Units, least: Units, weights: tuple[int, ...]) -> Units:
    """What `units` cost above `least`, as units that are each at least 0 and together cost no
    more than the difference: a start placement can trade one rule's units for another's (a
    month over for days before the target)."""
    diff = tuple(n - m for n, m in zip(units, least, strict=True))
    if min(diff) >= 0:
        return diff  # type: ignore[return-value]
    more = _weighed(diff, weights)  # at least 0: `least` is the cheapest
    k = max((k for k, n in enumerate(diff) if n > 0 and weights[k]), key=lambda k: weights[k], default=None)
    if k is None:
        return (0, 0, 0)
    out = [0, 0, 0]
    out[k] = more // weights[k]
    return (out[0], out[1], out[2])


def _process_length(b: Build, client: Client, last_day: object) -> None:
    """S-LENGTH (R-TOTAL-4): each month the process runs over process_months from its first start
    visit costs."""
    cv = b.clients[client.client_id]
    lo, hi = min(cv.start_visits), max(cv.start_visits)
    table = [b.cal.add_months(d, b.sm.num("process_months")) for d in range(lo, hi + 1)]
    limit = b.new_int(min(table), max(table), f"length_limit[{client.client_id}]")
    b.m.AddElement(cv.first_day - lo, table, limit)
    cid = client.client_id
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
