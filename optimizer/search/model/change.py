"""S-CHANGE: when re-planning from a previous plan (`optimize --previous`), as few events as
possible move (issue 6). A previous event that the new plan keeps on its day, with the same
person and kind, costs nothing; one that moves costs one unit; a group period that moves costs
five (the service model's unit). optimizer/checks/costs.py counts the same on any plan."""

from __future__ import annotations

from collections import defaultdict

from optimizer.core.plan import DUE_KINDS, GROUP_DAY
from optimizer.search.model.context import Build
from optimizer.search.model.pins import event_literal


def add_change(b: Build) -> None:
    """S-CHANGE against the run's previous plan (nothing without one)."""
    if b.run.previous is None:
        return
    periods: dict[tuple[str, str], list[int]] = defaultdict(list)
    for e in b.run.previous.events:
        if e.kind in DUE_KINDS or not 0 <= b.cal.index(e.date) < b.cal.n_days:
            continue
        if e.kind == GROUP_DAY:
            gv = b.groups.get(e.group_id)
            if gv is not None and gv.start_opts:
                d = b.cal.index(e.date)
                periods[(e.group_id, e.phase)].append(d)
                day = gv.day_of_phase.get(e.phase, {}).get(d)
                for s in e.staff_ids:  # a group day kept with another leader: one unit each
                    lead = gv.lead.get(s, {}).get(d)
                    if day is not None and lead is not None and lead is not day:
                        b.penalize("S-CHANGE", day - lead, e.group_id, f"leader {s} on {e.date.isoformat()} changed")
            continue
        if e.client_id not in b.clients:
            continue
        found = event_literal(b, e, b.cal.index(e.date))
        kept: object = 0
        if found and len(found) == 1:
            kept = found[0]
        elif found:  # the visit and its mode (office or video) both kept
            kept = b.new_bool(f"kept[{e.client_id},{e.kind},{e.date.isoformat()}]")
            for literal in found:
                b.m.Add(kept <= literal)
        b.penalize("S-CHANGE", 1 - kept, e.client_id, f"{e.kind} {e.date.isoformat()} moved")
    for (gid, phase), days in sorted(periods.items()):
        gv = b.groups[gid]
        options = {"start": gv.start_opts, "deep": gv.deep_opts, "final": gv.final_opts}.get(phase, [])
        same = next((v for o, v in options if o.days == tuple(sorted(days))), None)
        kept = same if same is not None else 0
        b.penalize("S-CHANGE", b.sm.num("change_units_group_period") * (1 - kept), gid, f"{phase} period moved")
