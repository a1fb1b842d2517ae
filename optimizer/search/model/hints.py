"""A plan -> values of the model's decision literals, to start the search from that plan.

Used with the greedy plan (optimizer/search/greedy.py): the joint search then begins from a complete
plan that keeps every rule instead of from nothing. Only the choices are given (placements,
visits, calls, leaders); CP-SAT derives the integer variables (first and last days, penalty
parts, the busiest week) from them by propagation.
"""

from __future__ import annotations

from collections import defaultdict

from optimizer.core import plan as P
from optimizer.core.plan import Plan
from optimizer.search.model.context import Build


def plan_hints(b: Build, plan: Plan) -> dict[object, int]:
    cal = b.cal
    group_days: dict[tuple[str, str], tuple[int, ...]] = defaultdict(tuple)
    leaders: dict[tuple[str, str, int], int] = {}
    events: dict[tuple[str, str], set] = defaultdict(set)
    for e in plan.events:
        d = cal.index(e.date)
        if e.kind == P.GROUP_DAY:
            group_days[e.group_id, e.phase] += (d,)
            for s in e.staff_ids:
                leaders[e.group_id, s, d] = 1
        elif e.client_id and e.kind not in P.DUE_KINDS:
            key = e.kind if e.kind != P.WP_VISIT else e.mode or P.SITE
            if e.substitute:
                events[e.client_id, "sub_call"].add((d, e.staff_ids[0]))
            else:
                events[e.client_id, key].add(d)
            if e.mode == P.VIDEO and e.kind != P.WP_VISIT:
                events[e.client_id, f"{e.kind.split('_')[0]}_video"].add(d)
            if e.network_meeting:
                events[e.client_id, f"network_{e.mode}"].add(d)
    wp_first = {p.client_id: cal.index(p.start) for p in plan.periods if p.phase == P.WORK_PRACTICE}
    out: dict[object, int] = {}
    for gid, gv in b.groups.items():
        for phase, opts in gv.period_options():
            chosen = tuple(sorted(group_days.get((gid, phase), ())))
            for o, v in opts:
                out[v] = int(o.days == chosen)
        for s, days in gv.lead.items():
            for d, lit in days.items():
                if hasattr(lit, "Index"):  # a literal of its own, when not every leader is needed
                    out[lit] = leaders.get((gid, s, d), 0)
        if gv.postponed is not None:
            out[gv.postponed] = int(gid in plan.postponed)
    for cid, cv in b.clients.items():
        for kind, lits in ((P.START_VISIT, cv.start_visits), (P.READY_VISIT, cv.ready_visits),
                           (P.SITE, cv.site_visits), (P.VIDEO, cv.video_visits),
                           (P.PHONE_CALL, cv.own_calls), (P.FINAL_DISCUSSION, cv.final_discussion)):
            chosen = events.get((cid, kind), set())
            for d, v in lits.items():
                out[v] = int(d in chosen)
        for key, v in cv.sub_calls.items():
            out[v] = int(key in events.get((cid, "sub_call"), set()))
        follow = sorted(events.get((cid, P.FOLLOW_UP_VISIT), set()))
        for k, lits in enumerate(cv.follow_ups):
            for d, v in lits.items():
                out[v] = int(k < len(follow) and follow[k] == d)
        for o, v in cv.wp_opts:
            out[v] = int(o.first == wp_first.get(cid))
        for (kind, d), v in cv.by_video.items():  # the visit's mode: office or video
            out[v] = int(d in events.get((cid, f"{kind.split('_')[0]}_video"), set()))
        for lits, mode in ((cv.network_site, P.SITE), (cv.network_video, P.VIDEO)):
            for d, v in lits.items():
                out[v] = int(d in events.get((cid, f"network_{mode}"), set()))
    out.update(running_sums(b, plan))
    return out


def running_sums(b: Build, plan: Plan) -> dict[object, int]:
    """Values of the work-practice running sums for a plan: which of them exist depends on the
    placements a model sees, so they are computed from the plan's dates, not copied by name."""
    spans = {p.client_id: (b.cal.index(p.start), b.cal.index(p.end))
             for p in plan.periods if p.phase == P.WORK_PRACTICE}
    out: dict[object, int] = {}
    for cid, cv in b.clients.items():
        if cid not in spans:
            continue
        first, last = spans[cid]
        for d, kind, var in cv.running:
            out[var] = int(first <= d) if kind == "started" else int(last < d)
    return out
