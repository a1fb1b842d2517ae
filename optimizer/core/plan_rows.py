"""A client's Events and Periods rows from the days chosen for it, however they were chosen.

The CP-SAT model's extraction and the greedy baseline planner both describe a client's process
as day indices; this module turns them into the contract's rows in one way, so that both write
the same kind of plan (deadlines on the day the rules allow, periods matching their events).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from optimizer.core import plan as P
from optimizer.core.calendar import Calendar
from optimizer.core.plan import Event, Period
from optimizer.core.service_model import ServiceModel


@dataclass
class ClientDays:
    """Day indices of one client's individual events, and its work-practice placement."""

    client_id: str
    group_id: str
    case_manager: str
    clear_plan: bool
    start: list[int] = field(default_factory=list)
    ready: list[int] = field(default_factory=list)
    site: list[int] = field(default_factory=list)
    video: list[int] = field(default_factory=list)
    own_calls: list[int] = field(default_factory=list)
    sub_calls: list[tuple[int, str]] = field(default_factory=list)  # (day, substitute)
    final_discussion: list[int] = field(default_factory=list)
    follow_ups: list[int] = field(default_factory=list)
    wp_first: int = 0
    wp_last: int = 0
    wp_days: int = 0
    wp_short: bool = False
    # R-WP-3 marks chosen by the planner: the days whose visit has the employer along, the day(s)
    # of the network meeting. None: the planner left them to the default rule below.
    employer: set[int] | None = None
    network: set[int] | None = None
    # Start, getting-ready and follow-up visits held by video rather than at the office.
    by_video: set[int] = field(default_factory=set)
    attends_final: bool = False  # a clear-plan client at the final group days (R-DEEP-2)
    part_time: bool = False  # practice on some weekdays only (wp_weekdays, R-WP-2)


def client_rows(cal: Calendar, sm: ServiceModel, c: ClientDays,
                phases: dict[str, list[int]]) -> tuple[list[Event], list[Period]]:
    """Events and Periods of one client; `phases` holds the group's days of start, deep, final."""
    cid, gid, cm = c.client_id, c.group_id, c.case_manager

    def ev(d: int, kind: str, phase: str, mode: str | None, staff: tuple[str, ...] = (cm,),
           **kw: bool) -> Event:
        return Event(cal.date(d), kind, phase, gid, cid, staff, mode, **kw)

    video = sorted(c.video)
    network_days, employer_days = c.network, c.employer
    if network_days is None:
        # R-WP-3 by default: the network meetings spread over the video visits (the middle one).
        n_meetings = sm.num("wp_network_meetings")
        network_days = ({video[(2 * k + 1) * len(video) // (2 * n_meetings)] for k in range(n_meetings)}
                        if video else set())
    if employer_days is None:
        # R-WP-3 by default: the employer at every workplace visit and, when more are asked, at the
        # first video visits.
        employer_days = set(c.site) | set(video[:max(sm.num("wp_employer_visits_min") - len(c.site), 0)])

    def office_or_video(d: int) -> str:
        return P.VIDEO if d in c.by_video else P.OFFICE

    events = [ev(d, P.START_VISIT, P.START, office_or_video(d)) for d in sorted(c.start)]
    events += [ev(d, P.READY_VISIT, P.READY, office_or_video(d)) for d in sorted(c.ready)]
    events += [ev(d, P.WP_VISIT, P.WORK_PRACTICE, P.SITE, with_employer=d in employer_days,
                  network_meeting=d in network_days) for d in sorted(c.site)]
    events += [ev(d, P.WP_VISIT, P.WORK_PRACTICE, P.VIDEO, network_meeting=d in network_days,
                  with_employer=d in employer_days) for d in video]
    events += [ev(d, P.PHONE_CALL, P.WORK_PRACTICE, P.PHONE) for d in sorted(c.own_calls)]
    events += [ev(d, P.PHONE_CALL, P.WORK_PRACTICE, P.PHONE, staff=(s,), substitute=True)
               for d, s in sorted(c.sub_calls)]
    end_phase = P.DEEP if c.clear_plan else P.FINAL
    events += [ev(d, P.FINAL_DISCUSSION, end_phase, P.OFFICE) for d in sorted(c.final_discussion)]
    follow = sorted(c.follow_ups)
    events += [ev(d, P.FOLLOW_UP_VISIT, P.FOLLOW_UP, office_or_video(d)) for d in follow]
    # Deadlines (R-CERT-1, R-REPORT-1, R-FOLLOW-2): on the day the rule allows, inside the plan.
    start = sorted(c.start)
    events.append(ev(start[0], P.CERTIFICATE_DUE, P.START, None))
    rehab_end = phases[end_phase][-1]
    events.append(ev(min(rehab_end + sm.num("report_due_days"), cal.n_days - 1), P.REPORT_DUE, end_phase, None))
    if follow:
        due = min(follow[-1] + sm.num("follow_up_report_days"), cal.n_days - 1)
        events.append(ev(due, P.FOLLOW_UP_REPORT_DUE, P.FOLLOW_UP, None))

    absent = cal.absent_days(cid)

    def missed(days: list[int]) -> str:
        return ", ".join(f"missed {cal.date(d).isoformat()}" for d in days if d in absent)

    def period(phase: str, first: int, last: int, days: int, note: str = "") -> Period:
        return Period(cid, gid, phase, cal.date(first), cal.date(last), days, note)

    ready = sorted(c.ready)
    short_note = f"short: {'part-time' if c.part_time else 'absences'} (R-WP-2)" if c.wp_short else ""
    group_start, deep, final = phases[P.START], phases[P.DEEP], phases[P.FINAL]
    periods = [
        period(P.START, start[0], group_start[-1], len(start) + len(group_start), missed(group_start)),
        period(P.READY, ready[0], ready[-1], len(ready)),
        period(P.WORK_PRACTICE, c.wp_first, c.wp_last, c.wp_days, short_note),
        period(P.DEEP, deep[0], deep[-1], len(deep), missed(deep)),
    ]
    if not c.clear_plan or c.attends_final:
        periods.append(period(P.FINAL, final[0], final[-1], len(final), missed(final)))
    if follow:
        periods.append(period(P.FOLLOW_UP, follow[0], follow[-1], len(follow)))
    return events, periods
