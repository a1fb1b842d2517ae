"""A solved model -> `Plan` (Events and Periods rows as the workbook contract fixes them)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimizer.checks.costs import CostItem
from optimizer.core import plan as P
from optimizer.core.plan import Event, Plan
from optimizer.core.plan_rows import ClientDays, client_rows
from optimizer.search.model.context import Build


def extract_group_days(b: Build, solver: cp_model.CpSolver) -> Plan:
    """The group days of a solved model with their leaders, and the postponed groups: all a
    solved periods relaxation plans of the groups (optimizer/search/guided.py)."""
    return _group_days(b, solver.Value)[0]


def _group_days(b: Build, val) -> tuple[Plan, dict[str, dict[str, list[int]]]]:
    """(the group days and postponed groups, group -> phase -> its days' indices)."""
    plan = Plan()
    group_phase_days: dict[str, dict[str, list[int]]] = {}
    for gid, gv in b.groups.items():
        if not gv.start_opts:
            continue
        phases = {}
        for phase, opts in gv.period_options():
            chosen = [o for o, v in opts if val(v)]
            phases[phase] = list(chosen[0].days) if chosen else []
            for d in phases[phase]:
                leaders = tuple(s for s, days in gv.lead.items() if d in days and val(days[d]))
                plan.events.append(Event(b.cal.date(d), P.GROUP_DAY, phase, gid, None, leaders))
        group_phase_days[gid] = phases
        if gv.postponed is not None and val(gv.postponed):
            plan.postponed.add(gid)
    return plan, group_phase_days


def extract_plan(b: Build, solver: cp_model.CpSolver) -> Plan:
    cal, sm = b.cal, b.sm
    val = solver.Value

    def on(lits: dict) -> list:
        return sorted(k for k, v in lits.items() if val(v))

    plan, group_phase_days = _group_days(b, val)

    for cid, cv in b.clients.items():
        c = b.roster.clients[cid]
        phases = group_phase_days.get(c.group_id)
        if not phases:
            continue
        wp = next(o for o, v in cv.wp_opts if val(v))
        days = ClientDays(
            cid, c.group_id, cv.case_manager, c.clear_plan,
            start=on(cv.start_visits), ready=on(cv.ready_visits), site=on(cv.site_visits),
            video=on(cv.video_visits), own_calls=on(cv.own_calls),
            sub_calls=[key for key, v in cv.sub_calls.items() if val(v)],
            final_discussion=on(cv.final_discussion), follow_ups=[on(v)[0] for v in cv.follow_ups],
            wp_first=wp.first, wp_last=wp.last, wp_days=len(wp.practice_days), wp_short=wp.short,
            attends_final=c.attends_final, part_time=c.wp_weekdays is not None,
            by_video={d for (_, d), v in cv.by_video.items() if val(v)},
            network={d for lits in (cv.network_site, cv.network_video) for d, v in lits.items() if val(v)},
            employer={d for d, v in cv.employer_days() if val(v)})
        events, periods = client_rows(cal, sm, days, phases)
        plan.events += events
        plan.periods += periods
    plan.sort()
    return plan


def penalty_report(b: Build, solver: cp_model.CpSolver) -> list[CostItem]:
    """Every soft-rule term of the solution that costs something, as the model counts it (who,
    units and the term's own words; the day is the model's business and is not read back)."""
    out = []
    for p in b.penalties:
        units = int(solver.Value(p.expr))
        if units:
            out.append(CostItem(p.rule, p.who, None, units, p.what))
    return out


