"""R-CLIENT-3: events done or agreed (the input's Fixed sheet) stay exactly as they are.

Each pinned event fixes the model's own literal for it: the group's period holding that day
(and the leaders it names), or the client's visit, call, final discussion or follow-up on that
day with that person. A pinned event the model has no literal for (a day on which no plan could
hold it: a holiday, the case manager away, outside the phase's possible days) leaves no plan,
and the reason names its row. Deadlines (reports, certificates) follow from the plan and are
not pinned.
"""

from __future__ import annotations

from optimizer.core.plan import Event
from optimizer.search.model.context import Build, LinearExpr


def add_pinned(b: Build) -> None:
    """R-CLIENT-3: each pinned event of this model's groups and clients, exactly; before the
    re-plan's start (`frozen_until`) nothing but the pinned events."""
    fixed: set[int] = set()  # ids of the literals the pins set
    group_days: dict[tuple[str, str], set[int]] = {}
    for e in b.run.pinned:
        if e.kind.endswith("_due"):
            continue
        if e.client_id is not None and e.client_id not in b.clients:
            continue  # a client of another part of the roster
        if e.client_id is None and (e.group_id not in b.groups or not b.groups[e.group_id].start_opts):
            continue  # a group this model does not plan
        d = b.cal.index(e.date)
        literals = _group_day(b, e, d) if e.kind == "group_day" else event_literal(b, e, d)
        if literals is not None and e.kind != "group_day":
            literals = [*literals, *mark_literals(b, e, d)]
        if literals is None:
            b.no_plan("pinned_impossible", row=e.row or "-", event=e.kind, who=e.client_id or e.group_id, day=e.date)
            continue
        for literal in literals:
            b.m.Add(literal == 1)
            fixed.add(id(literal))
        if e.kind == "group_day":
            group_days.setdefault((e.group_id, e.phase), set()).add(d)
    if b.run.frozen_until is not None:
        _freeze_past(b, b.cal.index(b.run.frozen_until), fixed, group_days)


def _freeze_past(b: Build, frozen: int, fixed: set[int], group_days: dict[tuple[str, str], set[int]]) -> None:
    """Before day `frozen` the plan is what happened: no event but the pinned ones, and a group
    period there only on exactly its pinned days."""
    for cv in b.clients.values():
        families: list[dict] = [cv.start_visits, cv.ready_visits, cv.site_visits, cv.video_visits, cv.own_calls,
                                cv.final_discussion, cv.sub_calls, *cv.follow_ups]
        for family in families:
            for key, literal in family.items():
                d = key[0] if isinstance(key, tuple) else key
                if d < frozen and id(literal) not in fixed:
                    b.m.Add(literal == 0)
    for gid, gv in b.groups.items():
        for phase, options in (("start", gv.start_opts), ("deep", gv.deep_opts), ("final", gv.final_opts)):
            pinned = group_days.get((gid, phase), set())
            for option, literal in options:
                if {d for d in option.days if d < frozen} != {d for d in pinned if d < frozen}:
                    b.m.Add(literal == 0)


def _group_day(b: Build, e: Event, d: int) -> list[LinearExpr] | None:
    gv = b.groups[e.group_id]
    day = gv.day_of_phase.get(e.phase, {}).get(d)
    if day is None:
        return None
    leads = [gv.lead.get(s, {}).get(d) for s in e.staff_ids]
    if any(lead is None for lead in leads):
        return None
    return [day, *leads]  # type: ignore[list-item]


def event_literal(b: Build, e: Event, d: int) -> list[LinearExpr] | None:
    """The model's literal for a client's event on day d with that person ([literal]), or None
    when the model has none (the day cannot hold it). Pins fix it; S-CHANGE prices it."""
    cv = b.clients[e.client_id or ""]
    staff = e.staff_ids[0] if e.staff_ids else cv.case_manager
    if not e.substitute and staff != cv.case_manager:
        return None  # R-STAFF-3: the case manager holds the client's individual events
    found: object | None
    if e.kind in ("start_visit", "ready_visit"):
        visits = cv.start_visits if e.kind == "start_visit" else cv.ready_visits
        found = visits.get(d)
        if found is not None:  # at the office or by video, as the event says
            video = cv.by_video.get((e.kind, d))
            if video is None:  # no video choice on this day: the visit is at the office
                return [found] if e.mode != "video" else None
            return [found, video if e.mode == "video" else 1 - video]  # type: ignore[list-item]
    elif e.kind == "wp_visit":
        found = (cv.video_visits if e.mode == "video" else cv.site_visits).get(d)
    elif e.kind == "phone_call":
        found = cv.sub_calls.get((d, staff)) if e.substitute else cv.own_calls.get(d)
    elif e.kind == "final_discussion":
        found = cv.final_discussion.get(d)
    elif e.kind == "follow_up_visit":
        options = [(visits[d], cv.by_video.get((f"follow_up_{k + 1}", d), 0))
                   for k, visits in enumerate(cv.follow_ups) if d in visits]
        if not options:
            return None
        videos = sum(video for _, video in options)
        if e.mode == "video" and all(isinstance(video, int) for _, video in options):
            return None  # no video choice on this day
        mode = videos if e.mode == "video" else 1 - videos
        return [sum(v for v, _ in options)] + ([] if isinstance(mode, int) else [mode])  # type: ignore[list-item]
    else:
        found = None
    return None if found is None else [found]  # type: ignore[list-item]


def mark_literals(b: Build, e: Event, d: int) -> list[LinearExpr]:
    """R-WP-3 marks of a pinned practice visit, as literals that must hold: network meeting or
    not (in the visit's mode). The employer mark is kept by the model itself
    (ClientVars.employer_pinned)."""
    cv = b.clients[e.client_id or ""]
    if e.kind != "wp_visit":
        return []
    network = (cv.network_video if e.mode == "video" else cv.network_site).get(d)
    if network is None:
        return []
    return [network if e.network_meeting else 1 - network]  # type: ignore[list-item]
