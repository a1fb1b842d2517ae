"""Re-planning from a previous plan (issue 6, `optimize --previous`).

The previous plan goes into the run's settings (`RunSettings.previous`): S-CHANGE counts its
events that move, and it is the search's first plan where it still keeps every rule. Each
client keeps the case manager the previous plan gave them unless the input now names another: a
re-plan does not hand clients to new people, and a new case manager would move every event.

What lies before the new plan's start is done: those events of the previous plan are pinned
(R-CLIENT-3), the plan's calendar reaches back to the first of them so that the model can hold
them, nothing new is planned before the start (`frozen_until`), and a work practice that began
before it keeps its first day (as an agreed start).
"""

from __future__ import annotations

from dataclasses import replace

from optimizer.core.domain import Roster
from optimizer.core.plan import DUE_KINDS, INDIVIDUAL_KINDS, WORK_PRACTICE, Event, Plan, RunSettings


def done_by_others(roster: Roster, previous: Plan) -> list[Event]:
    """Events of the previous plan before the new start (done, so they will be pinned) by staff
    the Staff sheet no longer has: no plan can keep them, and the coordinator can say why
    (optimize names each with its cell, exit 2)."""
    return [e for e in previous.events if e.date < roster.plan_start and e.kind not in DUE_KINDS
            and any(s not in roster.staff for s in e.staff_ids)]


def with_previous(roster: Roster, run: RunSettings, previous: Plan) -> tuple[Roster, RunSettings]:
    """The roster and run re-planned from `previous`: the roster with each client's case manager
    kept, agreed starts of begun work practice and the plan's start moved back to the first done
    event; the run with the previous plan, the done events pinned and the start frozen."""
    managers: dict[str, str] = {}
    for e in sorted(previous.events, key=lambda e: e.date):
        if e.client_id and e.kind in INDIVIDUAL_KINDS and e.staff_ids and not e.substitute:
            managers.setdefault(e.client_id, e.staff_ids[0])
    clients = {cid: (replace(c, case_manager=managers[cid])
                     if c.case_manager is None and managers.get(cid) in roster.staff
                     and roster.staff[managers[cid]].is_case_manager else c)
               for cid, c in roster.clients.items()}
    done = [e for e in previous.events if e.date < roster.plan_start and e.kind not in DUE_KINDS
            and (e.client_id in clients if e.client_id else e.group_id in roster.groups)]
    if not done:
        return replace(roster, clients=clients), replace(run, previous=previous)
    for p in previous.periods:
        if p.phase == WORK_PRACTICE and p.start < roster.plan_start and p.client_id in clients:
            clients[p.client_id] = replace(clients[p.client_id], wp_start=p.start)
    return (replace(roster, clients=clients, plan_start=min(e.date for e in done)),
            replace(run, previous=previous, pinned=run.pinned + tuple(done), frozen_until=roster.plan_start))
