"""Independent parts of a roster: groups that share no staff can be planned apart.

Two groups are linked when one person could work for both: a leader of each, a case manager
named for clients of each, or a case manager who may be chosen for clients of each (same site,
or no site on either side, as the case-manager choice allows). Parts with no link share no rule
(R-GROUP-4, R-GROUP-5, R-STAFF-1..4 are all per person or per room), and every soft rule is a
sum over groups, clients or people, so planning each part alone and joining the plans loses
nothing. A provider with five regional sites (the XL benchmark) falls into five parts.
Substitute calls (R-WP-4) stay within a part: a restriction, never a broken rule.
"""

from __future__ import annotations

from dataclasses import replace

from optimizer.core.domain import Roster, same_site


def independent_parts(roster: Roster) -> list[Roster]:
    """The roster split into parts that share no person and no room; one part when linked."""
    active = [g for g in roster.groups.values() if roster.clients_of(g.group_id)]
    parent = {g.group_id: g.group_id for g in active}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    by_person: dict[str, str] = {}
    by_room: dict[str, str] = {}

    def link(key: str, gid: str, seen: dict[str, str]) -> None:
        if key in seen:
            union(seen[key], gid)
        else:
            seen[key] = gid

    managers = roster.case_managers()
    for g in active:
        people = set(g.leaders)
        clients = roster.clients_of(g.group_id)
        people |= {c.case_manager for c in clients if c.case_manager}
        if any(c.case_manager is None for c in clients):
            people |= {s.staff_id for s in managers if same_site(s.site, g.site)}
        for person in people:
            link(person, g.group_id, by_person)
        if g.room:
            link(g.room.casefold(), g.group_id, by_room)
    parts: dict[str, list[str]] = {}
    for g in active:
        parts.setdefault(find(g.group_id), []).append(g.group_id)
    if len(parts) <= 1:
        return [roster]
    out = []
    for gids in parts.values():
        ids = set(gids)
        clients = {cid: c for cid, c in roster.clients.items() if c.group_id in ids}
        people = {s for g in gids for s in roster.groups[g].leaders}
        people |= {c.case_manager for c in clients.values() if c.case_manager}
        people |= {s.staff_id for s in managers if any(same_site(s.site, roster.groups[g].site) for g in gids)}
        staff = {sid: s for sid, s in roster.staff.items() if sid in people}
        keep = set(staff) | set(clients)
        out.append(replace(roster, groups={g: roster.groups[g] for g in gids}, clients=clients, staff=staff,
                           absences=tuple(a for a in roster.absences if a.person in keep)))
    return sorted(out, key=lambda r: min(g.start_earliest for g in r.groups.values()))
