"""Why each soft-rule cost of a plan is there (issue 4): who, when, how much, and the cause
where the input shows one.

Each cost item (optimizer/checks/costs.py) names the people and the days where its cause would lie: the
days between a group's window opening and its start, between a decision and the first visit,
around a substitute's call. What stands on those days is read from the input and the plan: the
people's absences (with their cells), their regular days off, public holidays, closed days, and
other groups' days that take the same leaders or room. Where nothing stands there, the cost is a
trade-off with other soft rules (their weights), and the explanation says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from optimizer.checks.costs import CostItem, soft_items, staff_week_minutes
from optimizer.core.calendar import finnish_public_holidays
from optimizer.core.domain import PATTERN_OFFSETS, Roster
from optimizer.core.messages import (
    KIND_WORDS,
    PATTERN_WORDS,
    WEEKDAY_SHORT,
    WEEKDAY_WORDS,
    Msg,
    fmt_span,
    pick,
    t,
)
from optimizer.core.plan import DEFAULT_RUN, DUE_KINDS, GROUP_DAY, READY, START, WORK_PRACTICE, Plan, RunSettings
from optimizer.core.service_model import ServiceModel
from optimizer.explain import counterfactual

MAX_CAUSES = 4  # causes named per cost; the rest are counted
CLOSED_RUN_GAP_DAYS = 4  # closed days this close, with one reason, are named as one span (Friday to Tuesday)
# Seconds for the counterfactual causes (greedy re-plans of one group, a tenth of a second or so
# each): the example's 26 clients need 1-3 s; a provider's hundreds are cut and say so.
CAUSE_SEARCH_S = 8.0
# Two visits closer together than their gap (S-START, S-READY): what takes the days of the
# client's phase they lie in squeezed them, not only what stands between the two. The example's
# A017 had its getting-ready visits 31.5. and 4.6. and the third 7.7., around its case manager
# S01's holiday 7.6.-2.7.; the pair's own days held nothing, and the Checks sheet called the
# cost a trade-off of the weights.
PHASE_OF_PAIR = {"cost_start_close": START, "cost_ready_close": READY}


@dataclass(frozen=True)
class Explained:
    item: CostItem
    cost: int
    why: Msg


def explain_costs(roster: Roster, sm: ServiceModel, plan: Plan, lang: str = "fi",
                  run: RunSettings = DEFAULT_RUN, budget_s: float = CAUSE_SEARCH_S) -> list[Explained]:
    """Every soft-rule cost of the plan with its cause, the costliest first (S-CHANGE against
    the run's previous plan). The costliest and every S-LENGTH and S-RHYTHM cost first get the
    input fact whose removal lowers them most (optimizer/explain/counterfactual.py), within
    `budget_s` seconds; a cost the search did not reach says so."""
    holidays = finnish_public_holidays(roster.plan_start, roster.plan_end, lang)
    items = [(item, item.units * sm.weights.get(item.rule, 0)) for item in soft_items(roster, sm, plan, run)]
    items = [(item, cost) for item, cost in items if cost]
    search = counterfactual.Search(roster, sm, plan, run, lang, budget_s)
    looked = {id(item) for item in counterfactual.worth_a_look(items)} if budget_s > 0 else set()
    out = []
    for item, cost in sorted(items, key=lambda x: -x[1]):
        found = None
        if id(item) in looked and not search.cut and item.rule != "S-CHANGE":
            found = search.cause(item)
            if found is not None:  # the quick plan may cost more than this plan: never more than it has
                found = replace(found, saving=min(found.saving, cost), partial=2 * found.saving < cost)
        why = _why(roster, sm, run, plan, holidays, item, lang, found)
        if id(item) in looked and search.cut and found is None:
            why = Msg("why_cut", {"why": why, "seconds": f"{budget_s:g}"})
        out.append(Explained(item, cost, why))
    return sorted(out, key=lambda x: (-x.cost, x.item.rule, x.item.who, x.item.when or date.min))


def _why(roster: Roster, sm: ServiceModel, run: RunSettings, plan: Plan, holidays: dict[date, str], item: CostItem,
         lang: str, found: counterfactual.Cause | None = None) -> Msg:
    if item.what == "cost_load":
        return _load(sm, plan, item, lang)
    if item.what == "cost_deep_early":  # nothing on the days between makes a period early
        causes = _others_waiting(roster, plan, item, lang)
    else:
        causes = _causes(roster, run, plan, holidays, item, lang) if item.span else []
        phase = _phase_of_pair(plan, item)
        if phase is not None:
            causes += [c for c in _causes(roster, run, plan, holidays, replace(item, span=phase), lang)
                       if c not in causes]
    if item.what == "cost_deep_wait":
        causes = _held_back(roster, plan, item, lang) + causes
    if item.what in ("cost_start_close", "cost_decision_early"):
        causes = _start_soon(roster, sm, plan, item, lang) + causes
    if found is not None:  # the fact whose removal lowers the cost comes first, and only once
        named = t(found.fact.name.key, lang, **found.fact.name.info)
        said = t(found.message(lang).key, lang, **found.message(lang).info)
        rest = [c for c in causes if not c.startswith(named)]
        # A fact that explains less than half of the cost comes after what stands on its days.
        # After a fact that explains it, the rest are said to be beside it, not a cause of their own.
        also = [t("cause_also", lang, cause=rest[0]), *rest[1:]] if rest else []
        causes = ([*rest[:MAX_CAUSES - 1], said, *rest[MAX_CAUSES - 1:]] if found.partial else [said, *also])
    what = Msg(item.what, {"units": item.units, "margin": sm.num("follow_up_margin_days")})
    if not causes:
        return Msg("why_trade_off", {"what": what})
    shown = "; ".join(causes[:MAX_CAUSES])
    if len(causes) > MAX_CAUSES:
        shown += t("more_causes", lang, n=len(causes) - MAX_CAUSES)
    return Msg("why_causes", {"what": what, "causes": shown})


def _causes(roster: Roster, run: RunSettings, plan: Plan, holidays: dict[date, str], item: CostItem,
            lang: str) -> list[str]:
    """What stands on the item's days: absences, days off, holidays, closed days, other groups."""
    first, last = item.span  # type: ignore[misc]
    out: list[str] = []
    for k, a in enumerate(roster.absences):
        if a.person in item.people and a.start <= last and a.end >= first:
            cell = run.cells.get(("absences", str(k)))
            reason = f" {a.reason}" if a.reason else ""
            out.append(f"{a.person}{reason} {fmt_span(a.start, a.end, lang)}" + (f" ({cell})" if cell else ""))
    days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
    for person in item.people:
        s = roster.staff.get(person)
        if s is not None and any(d.weekday() < 5 and d.weekday() not in s.work_days for d in days):
            out.append(f"{person} {_weekdays(s.work_days, lang)}")  # a day off inside the span
    out += [t("cause_public_holiday", lang, day=d, name=holidays[d]) for d in days if d in holidays and d.weekday() < 5]
    out += _closed_spans(roster, [d for d in days if d in roster.closed_days], lang)
    if item.rule == "S-GROUP-START":
        out += _pattern(roster, item, lang) + _other_groups(roster, plan, item, lang)
    if last > roster.plan_end:
        out.append(t("cause_plan_end", lang, end=roster.plan_end))
    return out


def _closed_spans(roster: Roster, closed: list[date], lang: str) -> list[str]:
    """The provider's closed days among `closed` (sorted), each run of them with one reason as one
    span: "20.12.2027–5.1.2028 joulutauko", not a row per day. A run goes on over a weekend or
    a public holiday between its days (at most CLOSED_RUN_GAP_DAYS apart)."""
    runs: list[list[date]] = []
    for d in closed:
        same = bool(runs) and roster.closed_days[d] == roster.closed_days[runs[-1][0]]
        if same and (d - runs[-1][-1]).days <= CLOSED_RUN_GAP_DAYS:
            runs[-1].append(d)
        else:
            runs.append([d])
    return [f"{fmt_span(r[0], r[-1], lang)} {roster.closed_days[r[0]] or '-'}" for r in runs]


def _phase_of_pair(plan: Plan, item: CostItem) -> tuple[date, date] | None:
    """The first and last day of the client's phase that a pair of visits too close lies in
    (PHASE_OF_PAIR); None for any other cost, or a plan without that period."""
    phase = PHASE_OF_PAIR.get(item.what)
    return next(((p.start, p.end) for p in plan.periods if p.client_id == item.who and p.phase == phase), None)


def _held_back(roster: Roster, plan: Plan, item: CostItem, lang: str) -> list[str]:
    """S-RHYTHM: the client of the group whose practice ends last holds the deepening period
    back; name them and why their practice ends late (an agreed start, part-time, absences)."""
    client = roster.clients.get(item.who)
    last = _last_practice(roster, plan, client.group_id, lang) if client is not None else None
    if last is None or last[0] == item.who:
        return []
    other, end, why = last
    return [t("cause_held_back", lang, client=other, end=end, why=why)]


def _others_waiting(roster: Roster, plan: Plan, item: CostItem, lang: str) -> list[str]:
    """S-RHYTHM, a deepening period too soon after the group's practices: it comes soon after
    the last of them because the clients whose practices ended earlier wait for it already
    (cost_deep_wait). Name the last practice and why it ends late. Nothing on the days between
    the practice and the period makes it early, so the days' absences and days off are no cause."""
    last = _last_practice(roster, plan, item.who, lang)
    ends = [p.end for p in plan.periods if p.phase == WORK_PRACTICE and p.group_id == item.who]
    if last is None or min(ends) == last[1]:
        return []
    other, end, why = last
    return [t("cause_others_waiting", lang, client=other, end=end, why=why)]


def _last_practice(roster: Roster, plan: Plan, group_id: str, lang: str) -> tuple[str, date, str] | None:
    """The client of the group whose practice ends last, its end, and why it ends then: an agreed
    start, part-time practice, absences, or a later start."""
    ends = {p.client_id: p for p in plan.periods if p.phase == WORK_PRACTICE and p.group_id == group_id}
    if not ends:
        return None
    last = max(ends.values(), key=lambda p: (p.end, p.client_id))
    other = roster.clients[last.client_id]
    if other.wp_start is not None:
        why = t("cause_agreed_start", lang, day=other.wp_start)
    elif other.wp_weekdays is not None:
        why = t("cause_part_time", lang)
    else:
        absent = sum(max(0, (min(a.end, last.end) - max(a.start, last.start)).days + 1)
                     for a in roster.absences_of(other.client_id))
        why = t("cause_absences", lang, days=absent) if absent else t("cause_later_start", lang, day=last.start)
    return other.client_id, last.end, why


def _start_soon(roster: Roster, sm: ServiceModel, plan: Plan, item: CostItem, lang: str) -> list[str]:
    """S-START, S-DECISION (too soon): the start visits come before the group's first day
    (R-START-1), so a start period soon after the decision squeezes them. Named when the group's
    first day comes before the visits' targets fit: the first visit decision_lead_days' most
    after the decision, each other one start_visit_gap_days after the one before."""
    client = roster.clients.get(item.who)
    if client is None:
        return []
    first = plan.first_group_day(client.group_id, START)
    if first is None:
        return []
    days = (first - client.decision_date).days
    room = sm.rng("decision_lead_days").max + sm.num("start_visit_gap_days") * (client.start_visits - 1)
    if days > room:
        return []
    return [t("cause_start_soon", lang, group=client.group_id, day=first, days=days)]


def _pattern(roster: Roster, item: CostItem, lang: str) -> list[str]:
    """R-START-2: a group held to Tue-Fri whose window opens on a Monday cannot start on its
    first day (or Mon-Thu on a window opening on a Tuesday and so on)."""
    g = roster.groups.get(item.who)
    if g is None or not g.weekdays or g.weekdays not in PATTERN_OFFSETS:
        return []
    opens = g.start_earliest
    if opens.weekday() == PATTERN_OFFSETS[g.weekdays]:
        return []
    return [t("cause_pattern_window", lang, days=pick(PATTERN_WORDS[g.weekdays], lang),
              weekday=pick(WEEKDAY_WORDS[opens.weekday()], lang), day=opens)]


def _other_groups(roster: Roster, plan: Plan, item: CostItem, lang: str) -> list[str]:
    """Other groups' days in the span that take this group's leaders or room."""
    g = roster.groups[item.who]
    first, last = item.span  # type: ignore[misc]
    room = g.room.casefold() if g.room else None
    busy: dict[str, list[date]] = {}
    for e in plan.events:
        if e.kind != GROUP_DAY or e.group_id == item.who or not first <= e.date <= last + timedelta(days=18):
            continue
        other = roster.groups.get(e.group_id)
        shares_room = room is not None and other is not None and (other.room or "").casefold() == room
        if shares_room or set(e.staff_ids) & set(g.leaders):
            busy.setdefault(e.group_id, []).append(e.date)
    return [f"{gid} {fmt_span(min(days), max(days), lang)}" for gid, days in sorted(busy.items())]


def _load(sm: ServiceModel, plan: Plan, item: CostItem, lang: str) -> Msg:
    """S-LOAD: the person's busiest week, its hours and minutes as the Load sheet counts them (the
    cost counts every hour begun: 28 h 15 min costs 29), and what fills it."""
    monday = item.when or date.min
    minutes = staff_week_minutes(sm, plan).get((item.who, tuple(monday.isocalendar()[:2])), 0)
    counts: dict[str, int] = {}
    for e in plan.events:
        if item.who in e.staff_ids and e.kind not in DUE_KINDS and monday <= e.date <= monday + timedelta(days=6):
            counts[e.kind] = counts.get(e.kind, 0) + 1
    words = {kind: pair[0 if lang == "fi" else 1] for kind, pair in KIND_WORDS.items()}
    filled = ", ".join(f"{n} × {words.get(kind, kind)}" for kind, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    time = f"{minutes // 60} h" + (f" {minutes % 60} min" if minutes % 60 else "")
    return Msg("why_load", {"time": time, "week": monday, "filled": filled})


def _weekdays(days: frozenset[int], lang: str) -> str:
    """A part-timer's work days: the days off are where a visit could not go."""
    return t("works_on", lang, days="+".join(pick(WEEKDAY_SHORT[d], lang) for d in sorted(days)))
