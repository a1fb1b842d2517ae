"""A solved model -> `Plan` (Events and Periods rows as the workbook contract fixes them)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from .. import plan as P
from ..plan import Event, Period, Plan
from .context import Build


def extract_plan(b: Build, solver: cp_model.CpSolver) -> Plan:
    plan = Plan()
    cal, sm = b.cal, b.sm
    val = solver.Value

    def on(lits: dict) -> list:
        return sorted(k for k, v in lits.items() if val(v))

    group_phase_days: dict[str, dict[str, list[int]]] = {}
    for gid, gv in b.groups.items():
        if not gv.start_opts:
            continue
        phases = {}
        for phase, opts in ((P.START, gv.start_opts), (P.DEEP, gv.deep_opts), (P.FINAL, gv.final_opts)):
            chosen = [o for o, v in opts if val(v)]
            phases[phase] = list(chosen[0].days) if chosen else []
            for d in phases[phase]:
                leaders = tuple(s for s, days in gv.lead.items() if d in days and val(days[d]))
                plan.events.append(Event(cal.date(d), P.GROUP_DAY, phase, gid, None, leaders))
        group_phase_days[gid] = phases
        if gv.postponed is not None and val(gv.postponed):
            plan.postponed.add(gid)

    for cid, cv in b.clients.items():
        c = b.roster.clients[cid]
        gid, cm = c.group_id, cv.case_manager
        phases = group_phase_days.get(gid)
        if not phases:
            continue

        def ev(d: int, kind: str, phase: str, mode: str | None, gid: str = gid, cid: str = cid,
               cm: str = cm, **kw: object) -> Event:
            staff = kw.pop("staff", (cm,))
            return Event(cal.date(d), kind, phase, gid, cid, staff, mode, **kw)  # type: ignore[arg-type]

        start_days = on(cv.start_visits)
        ready_days = on(cv.ready_visits)
        site_days = on(cv.site_visits)
        video_days = on(cv.video_visits)
        network_day = video_days[len(video_days) // 2] if video_days else None
        wp = next(o for o, v in cv.wp_opts if val(v))
        for d in start_days:
            plan.events.append(ev(d, P.START_VISIT, P.START, P.OFFICE))
        for d in ready_days:
            plan.events.append(ev(d, P.READY_VISIT, P.READY, P.OFFICE))
        for d in site_days:
            plan.events.append(ev(d, P.WP_VISIT, P.WORK_PRACTICE, P.SITE, with_employer=True))
        for d in video_days:
            plan.events.append(ev(d, P.WP_VISIT, P.WORK_PRACTICE, P.VIDEO, network_meeting=d == network_day))
        for d in on(cv.own_calls):
            plan.events.append(ev(d, P.PHONE_CALL, P.WORK_PRACTICE, P.PHONE))
        for (d, s), v in sorted(cv.sub_calls.items()):
            if val(v):
                plan.events.append(ev(d, P.PHONE_CALL, P.WORK_PRACTICE, P.PHONE, staff=(s,), substitute=True))
        end_phase = P.DEEP if c.clear_plan else P.FINAL
        final_days = on(cv.final_discussion)
        for d in final_days:
            plan.events.append(ev(d, P.FINAL_DISCUSSION, end_phase, P.OFFICE))
        follow_days = [on(v)[0] for v in cv.follow_ups]
        for d in follow_days:
            plan.events.append(ev(d, P.FOLLOW_UP_VISIT, P.FOLLOW_UP, P.OFFICE))
        # Deadlines (R-CERT-1, R-REPORT-1, R-FOLLOW-2): on the day the rule allows, inside the plan.
        first_day = start_days[0]
        plan.events.append(ev(first_day, P.CERTIFICATE_DUE, P.START, None))
        rehab_end = phases[end_phase][-1]
        due = min(rehab_end + sm.num("report_due_days"), cal.n_days - 1)
        plan.events.append(ev(due, P.REPORT_DUE, end_phase, None))
        if follow_days:
            due = min(follow_days[-1] + sm.num("follow_up_report_days"), cal.n_days - 1)
            plan.events.append(ev(due, P.FOLLOW_UP_REPORT_DUE, P.FOLLOW_UP, None))

        absent = cal.absent_days(cid)

        def missed(days: list[int], absent: set[int] = absent) -> str:
            gone = [cal.date(d) for d in days if d in absent]
            return ", ".join(f"missed {d.isoformat()}" for d in gone)

        start_group = phases[P.START]
        plan.periods.append(Period(cid, gid, P.START, cal.date(start_days[0]), cal.date(start_group[-1]),
                                   len(start_days) + len(start_group), missed(start_group)))
        plan.periods.append(Period(cid, gid, P.READY, cal.date(ready_days[0]), cal.date(ready_days[-1]),
                                   len(ready_days)))
        note = "short: absences (R-WP-2)" if wp.short else ""
        plan.periods.append(Period(cid, gid, P.WORK_PRACTICE, cal.date(wp.first), cal.date(wp.last),
                                   len(wp.practice_days), note))
        plan.periods.append(Period(cid, gid, P.DEEP, cal.date(phases[P.DEEP][0]), cal.date(phases[P.DEEP][-1]),
                                   len(phases[P.DEEP]), missed(phases[P.DEEP])))
        if not c.clear_plan:
            plan.periods.append(Period(cid, gid, P.FINAL, cal.date(phases[P.FINAL][0]),
                                       cal.date(phases[P.FINAL][-1]), len(phases[P.FINAL]),
                                       missed(phases[P.FINAL])))
        if follow_days:
            plan.periods.append(Period(cid, gid, P.FOLLOW_UP, cal.date(follow_days[0]),
                                       cal.date(follow_days[-1]), len(follow_days)))
    plan.sort()
    return plan


def penalty_report(b: Build, solver: cp_model.CpSolver) -> list[tuple[str, str, str, int, int]]:
    """(rule, who, what, units, cost) for every soft-rule term that costs something."""
    out = []
    for p in b.penalties:
        units = int(solver.Value(p.expr))
        if units:
            out.append((p.rule, p.who, p.what, units, units * b.sm.weights.get(p.rule, 0)))
    return out


