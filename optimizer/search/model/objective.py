"""The objective: soft-rule penalty terms weighted from the service model, assembled in one place.

Group-level soft rules live here; client-level terms are added where their events are built.
"""

from __future__ import annotations

from optimizer.core.domain import Group
from optimizer.search.model.context import Build

# A postponed start (R-GROUP-2) costs this many units of S-GROUP-START on top of its days:
# the plan postpones only when the agreed window admits no plan.


def add_group_start(b: Build, group: Group) -> None:
    """S-GROUP-START: groups start early in their agreed window; a postponed start costs more."""
    gv = b.groups[group.group_id]
    if gv.start_first is None:
        return
    earliest = b.cal.index(group.start_earliest)
    b.penalize("S-GROUP-START", gv.start_first - earliest, group.group_id, "days after the window opens")
    if gv.postponed is not None:
        b.penalize("S-GROUP-START", b.sm.num("postpone_units") * gv.postponed, group.group_id, "start postponed")


def add_group_rhythm(b: Build, group: Group) -> None:
    """S-RHYTHM: the deepening period 2-4 weeks after the group's last practice day (each client's
    days of waiting beyond 4 weeks after their own practice cost), the final period 8-12 weeks
    after the deepening period."""
    gv = b.groups[group.group_id]
    gid = group.group_id
    wp_lasts = [b.clients[c.client_id].wp_last for c in b.roster.clients_of(gid)]
    wp_lasts = [v for v in wp_lasts if v is not None]
    if gv.deep_first is None or not wp_lasts:
        return
    group_wp_end = b.new_int(0, b.cal.n_days, f"group_wp_end[{gid}]")
    b.m.AddMaxEquality(group_wp_end, wp_lasts)
    deep = b.sm.rng("deep_after_wp_target_days")
    gap = gv.deep_first - group_wp_end
    n = b.cal.n_days
    b.penalize("S-RHYTHM", b.positive_part(deep.min - gap, n, f"deep_early[{gid}]"), gid,
               "deepening period too soon after work practice")
    # Late: each client's own wait from their practice's end, so that a client who holds the
    # period back (an agreed late start, a long absence) shows what the others wait.
    for c in b.roster.clients_of(gid):
        wp_last = b.clients[c.client_id].wp_last
        if wp_last is not None:
            b.penalize("S-RHYTHM", b.positive_part(gv.deep_first - wp_last - deep.max, n,
                                                   f"deep_wait[{c.client_id}]"), c.client_id,
                       "waits for the deepening period after practice")
    if gv.final_first is None:
        return
    final = b.sm.rng("final_after_deep_target_days")
    gap = gv.final_first - gv.deep_last
    b.penalize("S-RHYTHM", b.positive_part(final.min - gap, n, f"final_early[{gid}]"), gid,
               "final period too soon after the deepening period")
    b.penalize("S-RHYTHM", b.positive_part(gap - final.max, n, f"final_late[{gid}]"), gid,
               "final period late after the deepening period")


def set_objective(b: Build) -> None:
    """Minimise the weighted sum of all penalty terms (weights: service model / Weights sheet)."""
    terms = [b.sm.weights[p.rule] * p.expr for p in b.penalties if b.sm.weights.get(p.rule, 0)]
    b.m.Minimize(sum(terms))
