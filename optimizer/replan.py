"""Re-planning from a previous plan (issue 6, `optimize --previous`).

The previous plan's events go into the roster (S-CHANGE counts the ones that move), and each
client keeps the case manager the previous plan gave them unless the input now names another:
a re-plan does not hand clients to new people, and a new case manager would move every event.
"""

from __future__ import annotations

from dataclasses import replace

from .domain import Roster
from .plan import Plan

CASE_MANAGER_KINDS = ("start_visit", "ready_visit", "wp_visit", "final_discussion", "follow_up_visit")


def with_previous(roster: Roster, previous: Plan) -> Roster:
    managers: dict[str, str] = {}
    for e in sorted(previous.events, key=lambda e: e.date):
        if e.client_id and e.kind in CASE_MANAGER_KINDS and e.staff_ids and not e.substitute:
            managers.setdefault(e.client_id, e.staff_ids[0])
    clients = {cid: (replace(c, case_manager=managers[cid])
                     if c.case_manager is None and managers.get(cid) in roster.staff
                     and roster.staff[managers[cid]].is_case_manager else c)
               for cid, c in roster.clients.items()}
    return replace(roster, clients=clients, previous=tuple(previous.events))
