"""The second opinion: checks any plan against every rule id, sharing no code with the model.

Plain Python over the plan's Events and Periods rows and the roster. It computes its own
calendar (public holidays straight from the `holidays` package), so a bug in the model's
calendar cannot hide here. One function per rule id; each returns findings that say who,
when and why: the why as a key of the message catalogue (optimizer/core/messages.py) and its
values, said in Finnish or English.

Statuses: `ok`, `broken` (a hard rule does not hold), `relaxed` (a rule the service allows to
bend, bent with a notice: a postponed group start, R-GROUP-2). Findings on notice-only rules
(R-WP-5, R-WP-6, R-TOTAL-4) are notices and never break a plan; so are the notices of a freedom
the rules allow (an agreed late practice start, R-WP-1; a short part-time practice, R-WP-2) and
of the soft rule S-DECISION (a first visit too soon after the decision), whose check follows the
hard rules'.
"""

from __future__ import annotations

import calendar as _calendar
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import holidays

from optimizer.core.domain import Client, Roster
from optimizer.core.messages import EVENT_FIELD_WORDS, KIND_WORDS, Msg, pick, weekday_names
from optimizer.core.plan import DEFAULT_RUN, Event, Period, Plan, RunSettings
from optimizer.core.service_model import ServiceModel

HARD_RULES = (
    "R-CAL-0", "R-CAL-1", "R-CAL-2", "R-START-1", "R-START-2", "R-READY-1",
    "R-WP-1", "R-WP-2", "R-WP-3", "R-WP-4", "R-WP-5", "R-WP-6",
    "R-DEEP-1", "R-DEEP-2", "R-FINAL-1", "R-FINAL-2", "R-REPORT-1", "R-FOLLOW-1", "R-FOLLOW-2",
    "R-TOTAL-1", "R-TOTAL-2", "R-TOTAL-3", "R-TOTAL-4", "R-CERT-1",
    "R-GROUP-1", "R-GROUP-2", "R-GROUP-3", "R-GROUP-4", "R-GROUP-5",
    "R-STAFF-1", "R-STAFF-2", "R-STAFF-3", "R-STAFF-4",
    "R-CLIENT-1", "R-CLIENT-2", "R-CLIENT-3",
)
NOTICE_RULES = ("R-WP-5", "R-WP-6", "R-TOTAL-4")
NOTICE_CHECKS = ("S-DECISION",)  # checks of soft rules that only give notices, after the hard rules

INDIVIDUAL = ("start_visit", "ready_visit", "wp_visit", "phone_call", "final_discussion", "follow_up_visit")
DUE = ("certificate_due", "report_due", "follow_up_report_due")


@dataclass(frozen=True)
class Finding:
    rule: str
    who: str
    when: date | None
    message: Msg = field(hash=False)  # why, as the catalogue says it, with what it names
    notice: bool = False  # informational: does not break the plan
    relaxed: bool = False  # the rule bends as the service allows (R-GROUP-2)
    # Who a notice is for, as a catalogue key: to_kela, to_kela_clients, to_clients,
    # to_employer_records, to_records; empty: the coordinator.
    to: str = ""

    def why(self, lang: str) -> str:
        return self.message.text(lang)

    @property
    def fi(self) -> str:
        return self.why("fi")

    @property
    def en(self) -> str:
        return self.why("en")


@dataclass
class CheckResult:
    rule: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def status(self) -> str:
        hard = [f for f in self.findings if not f.notice]
        if any(not f.relaxed for f in hard):
            return "broken"
        if hard:
            return "relaxed"
        return "ok"


@dataclass
class Report:
    results: list[CheckResult]

    @property
    def broken(self) -> list[CheckResult]:
        return [r for r in self.results if r.status == "broken"]

    @property
    def ok(self) -> bool:
        return not self.broken

    def result(self, rule: str) -> CheckResult:
        return next(r for r in self.results if r.rule == rule)


def _kind(kind: str) -> dict[str, str]:
    """An event kind for a finding's message: its code (English) and its Finnish words."""
    return {"kind": kind, "kind_fi": KIND_WORDS.get(kind, (kind, kind))[0]}


def _d(x: date) -> str:
    """A date as findings write it in either language."""
    return f"{x.day}.{x.month}.{x.year}"


def _days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


def _months_after(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


class _Facts:
    """What the checks look up: the calendar and the plan, indexed once."""

    def __init__(self, roster: Roster, sm: ServiceModel, plan: Plan, run: RunSettings = DEFAULT_RUN) -> None:
        self.roster, self.sm, self.plan, self.run = roster, sm, plan, run
        years = range(roster.plan_start.year - 1, roster.plan_end.year + 2)
        self.public = holidays.country_holidays("FI", years=years)
        self.closed = set(roster.closed_days)
        self.absent: dict[str, set[date]] = defaultdict(set)
        for a in roster.absences:
            day = a.start
            while day <= a.end:
                self.absent[a.person].add(day)
                day += timedelta(days=1)
        self.group_days: dict[str, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
        self.group_day_events: list[Event] = []
        self.by_client: dict[str, list[Event]] = defaultdict(list)
        for e in plan.events:
            if e.kind == "group_day":
                self.group_days[e.group_id][e.phase].append(e.date)
                self.group_day_events.append(e)
            elif e.client_id:
                self.by_client[e.client_id].append(e)
        for phases in self.group_days.values():
            for days in phases.values():
                days.sort()
        self.periods: dict[tuple[str, str], Period] = {}
        for p in plan.periods:
            self.periods[(p.client_id, p.phase)] = p

    def working(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.public and d not in self.closed

    def at_work(self, staff_id: str, d: date) -> bool:
        s = self.roster.staff.get(staff_id)
        return (s is not None and self.working(d) and d.weekday() in s.work_days
                and d not in self.absent[staff_id])

    def events(self, client_id: str, *kinds: str) -> list[Event]:
        return sorted((e for e in self.by_client[client_id] if e.kind in kinds), key=lambda e: e.date)

    def practises(self, client: Client, d: date) -> bool:
        """R-WP-2: a day the client can be at the workplace: a working day, not absent, on the
        client's practice weekdays (part-time practice) when the input gives them."""
        return (self.working(d) and d not in self.absent[client.client_id]
                and (client.wp_weekdays is None or d.weekday() in client.wp_weekdays))

    def practice_days(self, client_id: str) -> list[date]:
        """The practice days of the client's work practice (R-WP-2): the working days of its span
        on the client's weekdays, less the client's absences."""
        p = self.periods.get((client_id, "work_practice"))
        c = self.roster.clients.get(client_id)
        if p is None or c is None:
            return []
        return [d for d in _days_between(p.start, p.end) if self.practises(c, d)]

    def cell(self, what: str, who: str, default: str) -> str:
        """The input cell a fact stands in ("Ryhmät!K3"), for a finding that names it."""
        return self.run.cells.get((what, who), default)

    def case_manager(self, client: Client) -> str | None:
        """The case manager the plan gives the client: the input's, else the one doing its visits."""
        if client.case_manager:
            return client.case_manager
        staff = [e.staff_ids[0] for e in self.by_client[client.client_id]
                 if e.kind in INDIVIDUAL and not e.substitute and e.staff_ids]
        return max(set(staff), key=staff.count) if staff else None

    def rehab_end(self, client: Client) -> date | None:
        phase = "deep" if client.clear_plan else "final"
        days = self.group_days[client.group_id].get(phase)
        return days[-1] if days else None

    def minutes(self, e: Event) -> int:
        n = self.sm.num
        if e.kind == "group_day":
            return n("minutes_group_day")
        return {"office": n("minutes_office"), "video": n("minutes_video"), "site": n("minutes_site"),
                "phone": n("minutes_phone")}.get(e.mode or "", n("minutes_office"))


Check = Callable[[_Facts], list[Finding]]


def _f(rule: str, who: str, when: date | None, key: str, *, notice: bool = False, relaxed: bool = False,
       to: str = "", **values: object) -> Finding:
    """A finding whose why is the catalogue's message `key` with `values`; a notice's `to` says
    for whom."""
    return Finding(rule, who, when, Msg(key, values), notice=notice, relaxed=relaxed, to=to)


# --- Calendar ---------------------------------------------------------------------------------

def check_cal_0(f: _Facts) -> list[Finding]:
    """R-CAL-0: everything, deadlines included, lies between the plan's start and end."""
    r = f.roster
    return [_f("R-CAL-0", e.client_id or e.group_id, e.date, "finding_outside_horizon", **_kind(e.kind),
               start=_d(r.plan_start), end=_d(r.plan_end))
            for e in f.plan.events if not r.plan_start <= e.date <= r.plan_end]


def check_cal_1(f: _Facts) -> list[Finding]:
    """R-CAL-1: group days, visits and calls fall on working days."""
    out = []
    for e in f.plan.events:
        if e.kind in DUE or f.working(e.date):
            continue
        why = (f.public.get(e.date) or f.roster.closed_days.get(e.date) or "viikonloppu")
        out.append(_f("R-CAL-1", e.client_id or e.group_id, e.date, "finding_not_working_day", **_kind(e.kind),
                      why=why))
    return out


def check_cal_2(f: _Facts) -> list[Finding]:
    """R-CAL-2: public holidays come from the maintained `holidays` library (this check uses it)."""
    return []


# --- Start period -----------------------------------------------------------------------------

def check_start_1(f: _Facts) -> list[Finding]:
    """R-START-1: start_visits (1-5) individual visits, all before the first group day."""
    out = []
    rng = f.sm.rng("start_visits")
    for c in f.roster.clients.values():
        visits = f.events(c.client_id, "start_visit")
        first_group = (f.group_days[c.group_id].get("start") or [None])[0]
        if len(visits) != c.start_visits or len(visits) not in rng:
            out.append(_f("R-START-1", c.client_id, None, "finding_start_visits", n=len(visits),
                          expected=c.start_visits, least=rng.min, most=rng.max))
        for v in visits:
            if first_group and v.date >= first_group:
                out.append(_f("R-START-1", c.client_id, v.date, "finding_start_visit_late", day=_d(first_group)))
            if v.mode not in ("office", "video"):
                out.append(_f("R-START-1", c.client_id, v.date, "finding_start_visit_mode", mode=v.mode))
    return out


def _block_findings(f: _Facts, rule: str, group_id: str, days: list[date], n_days: int,
                    weekdays: str | None) -> list[Finding]:
    """A block: n consecutive weekdays in one week; 4 days are Mon-Thu or Tue-Fri."""
    if len(days) != n_days:
        return [_f(rule, group_id, days[0] if days else None, "finding_block_days", n=len(days), expected=n_days)]
    out = []
    if any(days[k + 1] - days[k] != timedelta(days=1) for k in range(n_days - 1)) or \
            days[0].isocalendar()[:2] != days[-1].isocalendar()[:2]:
        out.append(_f(rule, group_id, days[0], "finding_block_not_consecutive"))
    elif days[-1].weekday() > 4:
        out.append(_f(rule, group_id, days[0], "finding_block_weekend"))
    elif n_days == 4:
        allowed = {"mon-thu": {0}, "tue-fri": {1}}.get(weekdays or "", {0, 1})
        if days[0].weekday() not in allowed:
            out.append(_f(rule, group_id, days[0], "finding_block_weekdays"))
    return out


def check_start_2(f: _Facts) -> list[Finding]:
    """R-START-2: three 4-day blocks (Mon-Thu or Tue-Fri) on three consecutive weeks."""
    out = []
    n_blocks, n_days = f.sm.num("start_blocks"), f.sm.num("block_days")
    for g in f.roster.groups.values():
        if not f.roster.clients_of(g.group_id):
            continue
        days = f.group_days[g.group_id].get("start", [])
        if not days:
            out.append(_f("R-START-2", g.group_id, None, "finding_start_days_missing"))
            continue
        weeks: dict[tuple[int, int], list[date]] = defaultdict(list)
        for d in days:
            weeks[d.isocalendar()[:2]].append(d)
        blocks = [weeks[k] for k in sorted(weeks)]
        if len(blocks) != n_blocks:
            out.append(_f("R-START-2", g.group_id, days[0], "finding_start_weeks", n=len(blocks), expected=n_blocks))
            continue
        mondays = [b[0] - timedelta(days=b[0].weekday()) for b in blocks]
        if any(mondays[k + 1] - mondays[k] != timedelta(days=7) for k in range(len(mondays) - 1)):
            out.append(_f("R-START-2", g.group_id, days[0], "finding_start_weeks_apart"))
        for b in blocks:
            out += _block_findings(f, "R-START-2", g.group_id, b, n_days, g.weekdays)
    return out


# --- Getting ready and work practice ----------------------------------------------------------

def check_ready_1(f: _Facts) -> list[Finding]:
    """R-READY-1: ready_visits (3-7) visits after the last start group day, before work practice."""
    out = []
    rng = f.sm.rng("ready_visits")
    for c in f.roster.clients.values():
        visits = f.events(c.client_id, "ready_visit")
        start = f.group_days[c.group_id].get("start") or []
        wp = f.periods.get((c.client_id, "work_practice"))
        if len(visits) != c.ready_visits or len(visits) not in rng:
            out.append(_f("R-READY-1", c.client_id, None, "finding_ready_visits", n=len(visits),
                          expected=c.ready_visits))
        for v in visits:
            if start and v.date <= start[-1]:
                out.append(_f("R-READY-1", c.client_id, v.date, "finding_ready_visit_early"))
            if wp and v.date >= wp.start:
                out.append(_f("R-READY-1", c.client_id, v.date, "finding_ready_visit_late"))
    return out


def check_wp_1(f: _Facts) -> list[Finding]:
    """R-WP-1: work practice starts at most wp_start_max_gap_days after the last getting-ready
    visit, on the agreed day where one is given. A start agreed with the employer (wp_start) holds
    even further away [QA Q3]: not broken, a notice naming the agreement."""
    out = []
    limit = f.sm.num("wp_start_max_gap_days")
    for c in f.roster.clients.values():
        wp = f.periods.get((c.client_id, "work_practice"))
        visits = f.events(c.client_id, "ready_visit")
        if wp is None:
            out.append(_f("R-WP-1", c.client_id, None, "finding_wp_missing"))
            continue
        gap = (wp.start - visits[-1].date).days if visits else None
        if gap is not None and gap > limit and c.wp_start and wp.start == c.wp_start:
            out.append(_f("R-WP-1", c.client_id, wp.start, "finding_wp_agreed_late", notice=True,
                          to="to_employer_records", day=_d(wp.start), n=gap, most=limit,
                          cell=f.cell("clients.wp_start", c.client_id, "wp_start")))
        elif gap is not None and not 0 < gap <= limit:
            out.append(_f("R-WP-1", c.client_id, wp.start, "finding_wp_gap", n=gap, most=limit))
        if c.wp_start and wp.start != c.wp_start:
            out.append(_f("R-WP-1", c.client_id, wp.start, "finding_wp_agreed_start", day=_d(c.wp_start)))
    return out


def check_wp_2(f: _Facts) -> list[Finding]:
    """R-WP-2: wp_days practice days (absences not counted; a part-time client's on its
    wp_weekdays only) within wp_max_span_days; fewer only when the client's absences or the
    part-time rhythm leave no more in the whole span from the first day, or the input gives a
    reason. A practice under wp_days.min is a notice: the provider documents the reason in the
    client's records [QA Q11], not a notice to Kela."""
    out = []
    span, least = f.sm.num("wp_max_span_days"), f.sm.rng("wp_days").min
    for c in f.roster.clients.values():
        wp = f.periods.get((c.client_id, "work_practice"))
        if wp is None:
            continue
        days = f.practice_days(c.client_id)
        length = (wp.end - wp.start).days + 1
        if length > span:
            out.append(_f("R-WP-2", c.client_id, wp.start, "finding_wp_span", n=length, most=span))
        if not days or days[0] != wp.start or days[-1] != wp.end:
            out.append(_f("R-WP-2", c.client_id, wp.start, "finding_wp_ends"))
        if wp.days != len(days):
            out.append(_f("R-WP-2", c.client_id, wp.start, "finding_wp_days_row", days=wp.days, n=len(days)))
        # Fewer days only when the client's absences or part-time weekdays leave no more within
        # the longest span from the first day: an absence after the last practice day counts when
        # it fills the rest of that span (found by the property test: practice ending 21.5.,
        # absent 24.5.-9.6., the span ending 9.6.).
        longest = _days_between(wp.start, wp.start + timedelta(days=span - 1))
        absences = any(d in f.absent[c.client_id] for d in longest)
        rhythm = [d for d in longest if f.working(d) and (c.wp_weekdays is None or d.weekday() in c.wp_weekdays)]
        part_time = c.wp_weekdays is not None and len(rhythm) < c.wp_days  # the weekdays alone leave too few
        all_there = len(days) == sum(f.practises(c, d) for d in longest)
        if len(days) != c.wp_days and (len(days) > c.wp_days or not ((absences or part_time) and all_there)):
            out.append(_f("R-WP-2", c.client_id, wp.start, "finding_wp_days", n=len(days), expected=c.wp_days))
        elif len(days) < least:
            reason: object = (c.wp_short_reason if c.wp_short_reason and len(days) == c.wp_days
                              else _part_time(c) if part_time else Msg("wp_short_absences", {}))
            out.append(_f("R-WP-2", c.client_id, wp.start, "finding_wp_short", notice=True, to="to_records",
                          n=len(days), least=least, reason=reason))
    return out


def _part_time(c: Client) -> Msg:
    """R-WP-2: the reason of a short part-time practice, the client's weekdays named."""
    return Msg("wp_short_part_time", weekday_names(c.wp_weekdays or frozenset()))


def check_wp_3(f: _Facts) -> list[Finding]:
    """R-WP-3: 8-12 visits during practice; at least 4 at the workplace besides the network
    meeting and at least 4 with the employer; exactly one network meeting; never at the office."""
    out = []
    n = f.sm.num
    for c in f.roster.clients.values():
        visits = f.events(c.client_id, "wp_visit")
        days = set(f.practice_days(c.client_id))
        if len(visits) != c.wp_visits:
            out.append(_f("R-WP-3", c.client_id, None, "finding_wp_visits", n=len(visits), expected=c.wp_visits))
        site = [v for v in visits if v.mode == "site" and not v.network_meeting]
        if len(site) < n("wp_site_visits_min"):
            out.append(_f("R-WP-3", c.client_id, None, "finding_wp_site_visits", n=len(site),
                          least=n("wp_site_visits_min")))
        employer = [v for v in visits if v.with_employer]
        if len(employer) < n("wp_employer_visits_min"):
            out.append(_f("R-WP-3", c.client_id, None, "finding_wp_employer_visits", n=len(employer),
                          least=n("wp_employer_visits_min")))
        meetings = [v for v in visits if v.network_meeting]
        if len(meetings) != n("wp_network_meetings"):
            out.append(_f("R-WP-3", c.client_id, None, "finding_wp_network_meetings", n=len(meetings),
                          expected=n("wp_network_meetings")))
        for v in visits:
            if v.mode not in ("site", "video"):
                out.append(_f("R-WP-3", c.client_id, v.date, "finding_wp_visit_mode", mode=v.mode))
            if v.date not in days:
                out.append(_f("R-WP-3", c.client_id, v.date, "finding_wp_visit_day"))
    return out


def check_wp_4(f: _Facts) -> list[Finding]:
    """R-WP-4: wp_calls_per_week calls in every calendar week with a practice day, on working days of that
    week inside the work practice, by the case manager or, while the case manager is not at work, a
    substitute case manager."""
    out = []
    for c in f.roster.clients.values():
        days = f.practice_days(c.client_id)
        cm = f.case_manager(c)
        calls = f.events(c.client_id, "phone_call")
        # A call falls on a working day of the practice's span that the client is not away; for a
        # part-time client also off its practice weekdays (R-WP-2: the weekly calls stay as they are).
        wp = f.periods.get((c.client_id, "work_practice"))
        practice = {d for d in _days_between(wp.start, wp.end)
                    if f.working(d) and d not in f.absent[c.client_id]} if wp else set()
        for call in calls:
            if call.date not in practice:
                out.append(_f("R-WP-4", c.client_id, call.date, "finding_call_day"))
            caller = call.staff_ids[0] if call.staff_ids else None
            if call.substitute:
                s = f.roster.staff.get(caller or "")
                if s is None or not s.is_case_manager or (cm and f.at_work(cm, call.date)):
                    out.append(_f("R-WP-4", c.client_id, call.date, "finding_call_substitute"))
        per_week = f.sm.num("wp_calls_per_week")
        call_weeks = Counter(call.date.isocalendar()[:2] for call in calls if call.date in practice)
        for week in sorted({d.isocalendar()[:2] for d in days}):
            if call_weeks[week] < per_week:
                first = next(d for d in days if d.isocalendar()[:2] == week)
                out.append(_f("R-WP-4", c.client_id, first, "finding_calls_in_week", week=week[1], year=week[0],
                              n=call_weeks[week], least=per_week))
    return out


def check_wp_5(f: _Facts) -> list[Finding]:
    """R-WP-5: lunch during work practice; a missing arrangement is a notice."""
    return [_f("R-WP-5", c.client_id, None, "finding_no_lunch", notice=True)
            for c in f.roster.clients.values() if not c.lunch]


def check_wp_6(f: _Facts) -> list[Finding]:
    """R-WP-6: repeated (absence_repeat_count or more) or long (absence_long_workdays in a row)
    illness absences during the process: contact Kela (notice). A planned holiday does not count."""
    out = []
    repeat, long_days = f.sm.num("absence_repeat_count"), f.sm.num("absence_long_workdays")
    for c in f.roster.clients.values():
        events = f.by_client[c.client_id]
        if not events:
            continue
        first, last = min(e.date for e in events), max(e.date for e in events)
        spans = [a for a in f.roster.absences_of(c.client_id)
                 if a.end >= first and a.start <= last and a.is_illness]
        longest = 0
        for a in spans:
            day, run = a.start, 0
            while day <= a.end:
                run += f.working(day)
                day += timedelta(days=1)
            longest = max(longest, run)
        if len(spans) >= repeat or longest >= long_days:
            out.append(_f("R-WP-6", c.client_id, spans[0].start if spans else None, "finding_absences",
                          n=len(spans), longest=longest, notice=True, to="to_kela"))
    return out


# --- Deepening and final periods ----------------------------------------------------------------

def _period_check(f: _Facts, rule: str, phase: str, n_days: int, after: Callable[[str], date | None]) -> list[Finding]:
    out = []
    for g in f.roster.groups.values():
        if not f.roster.clients_of(g.group_id):
            continue
        days = f.group_days[g.group_id].get(phase, [])
        if not days:
            out.append(_f(rule, g.group_id, None, "finding_period_missing"))
            continue
        out += _block_findings(f, rule, g.group_id, days, n_days, g.weekdays)
        limit = after(g.group_id)
        if limit and days[0] <= limit:
            out.append(_f(rule, g.group_id, days[0], "finding_period_early", day=_d(limit)))
    return out


def check_deep_1(f: _Facts) -> list[Finding]:
    """R-DEEP-1: deep_group_days consecutive weekdays in one week, after every client's work practice."""
    def wp_end(gid: str) -> date | None:
        ends = [p.end for (cid, ph), p in f.periods.items() if ph == "work_practice" and
                f.roster.clients.get(cid) and f.roster.clients[cid].group_id == gid]
        return max(ends) if ends else None
    return _period_check(f, "R-DEEP-1", "deep", f.sm.num("deep_group_days"), wp_end)


def check_final_1(f: _Facts) -> list[Finding]:
    """R-FINAL-1: final_group_days consecutive weekdays in one week, after the deepening period."""
    def deep_end(gid: str) -> date | None:
        days = f.group_days[gid].get("deep")
        return days[-1] if days else None
    return _period_check(f, "R-FINAL-1", "final", f.sm.num("final_group_days"), deep_end)


def _final_discussion(f: _Facts, rule: str, clear: bool) -> list[Finding]:
    out = []
    phase = "deep" if clear else "final"
    for c in f.roster.clients.values():
        if c.clear_plan != clear:
            continue
        talks = f.events(c.client_id, "final_discussion")
        days = set(f.group_days[c.group_id].get(phase, []))
        good = [t for t in talks if t.date in days and t.phase == phase]
        if len(talks) != 1 or len(good) != 1:
            out.append(_f(rule, c.client_id, talks[0].date if talks else None, "finding_final_discussion",
                          phase=phase, n=len(talks)))
    return out


def check_deep_2(f: _Facts) -> list[Finding]:
    """R-DEEP-2: a clear-plan client's final discussion is on a deepening-period group day (so
    none in the final period). A clear-plan client who attends the final days (attends_final)
    has a final Periods row over the group's final days, its days those attended or all of them
    and the days missed named in its note; one who does not has no final row."""
    out = _final_discussion(f, "R-DEEP-2", True)
    for c in f.roster.clients.values():
        if not c.clear_plan:
            continue
        row = f.periods.get((c.client_id, "final"))
        if row and not c.attends_final:
            out.append(_f("R-DEEP-2", c.client_id, row.start, "finding_final_row_not_attending"))
        elif c.attends_final:
            out += _attended_final_row(f, c, row)
    return out


def _attended_final_row(f: _Facts, c: Client, row: Period | None) -> list[Finding]:
    """R-DEEP-2 (Q5): the final row of a clear-plan client at the final days: there, counting
    the group's final days (or those the client attends), each day missed named in the note."""
    final = f.group_days[c.group_id].get("final", [])
    if row is None:
        return [_f("R-DEEP-2", c.client_id, final[0] if final else None, "finding_final_row_missing")]
    missed = [d for d in final if d in f.absent[c.client_id]]
    out = []
    if row.days not in (len(final), len(final) - len(missed)):
        out.append(_f("R-DEEP-2", c.client_id, row.start, "finding_final_row_days", days=row.days, n=len(final),
                      attended=len(final) - len(missed)))
    unnamed = [d for d in missed if d.isoformat() not in row.note and _d(d) not in row.note]
    if unnamed:
        out.append(_f("R-DEEP-2", c.client_id, unnamed[0], "finding_final_row_missed",
                      days=", ".join(_d(d) for d in unnamed)))
    return out


def check_final_2(f: _Facts) -> list[Finding]:
    """R-FINAL-2: every other client's final discussion is on a final-period group day."""
    return _final_discussion(f, "R-FINAL-2", False)


def check_report_1(f: _Facts) -> list[Finding]:
    """R-REPORT-1: the rehabilitation report is due within report_due_days after rehabilitation ends."""
    out = []
    limit = f.sm.num("report_due_days")
    for c in f.roster.clients.values():
        end = f.rehab_end(c)
        due = f.events(c.client_id, "report_due")
        if end is None:
            continue
        if len(due) != 1 or not end < due[0].date <= end + timedelta(days=limit):
            out.append(_f("R-REPORT-1", c.client_id, due[0].date if due else None, "finding_report_due",
                          day=_d(end), most=limit))
        else:
            out += _writer_away(f, "R-REPORT-1", c.client_id, due[0], end)
    return out


def _writer_away(f: _Facts, rule: str, client_id: str, due: Event, since: date) -> list[Finding]:
    """R-REPORT-1, R-FOLLOW-2 (a notice to the coordinator): the case manager writes the report
    after the period or visit it reports on. Where they have no working day between that day and
    the day the report is due (a holiday that begins right after it), they write it that same day
    or someone else does; the plan keeps the date the rule gives."""
    writer = due.staff_ids[0] if due.staff_ids else ""
    days = _days_between(since + timedelta(days=1), due.date)
    if not writer or any(f.at_work(writer, d) for d in days):  # days: the caller has due > since
        return []
    if f.at_work(writer, since):
        return [_f(rule, client_id, due.date, "finding_report_writer_away", notice=True, staff=writer,
                   first=_d(days[0]), due=_d(due.date), since=_d(since))]
    return [_f(rule, client_id, due.date, "finding_report_writer_away_at_all", notice=True, staff=writer,
               since=_d(since), due=_d(due.date))]


# --- Follow-up --------------------------------------------------------------------------------

def check_follow_1(f: _Facts) -> list[Finding]:
    """R-FOLLOW-1: 1-2 follow-up visits (office or video) after the final period, the 1st within
    3 months and the 2nd within 6 months."""
    out = []
    limits = [f.sm.num("follow_up_1_months"), f.sm.num("follow_up_2_months")]
    for c in f.roster.clients.values():
        final = f.group_days[c.group_id].get("final")
        visits = f.events(c.client_id, "follow_up_visit")
        if len(visits) != c.follow_up_visits:
            out.append(_f("R-FOLLOW-1", c.client_id, None, "finding_follow_up_visits", n=len(visits),
                          expected=c.follow_up_visits))
        if not final:
            continue
        for k, v in enumerate(visits[:2]):
            latest = _months_after(final[-1], limits[k])
            if not final[-1] < v.date <= latest:
                out.append(_f("R-FOLLOW-1", c.client_id, v.date, "finding_follow_up_day", number=k + 1,
                              after=_d(final[-1]), latest=_d(latest)))
            if v.mode not in ("office", "video"):
                out.append(_f("R-FOLLOW-1", c.client_id, v.date, "finding_follow_up_mode", mode=v.mode))
    return out


def check_follow_2(f: _Facts) -> list[Finding]:
    """R-FOLLOW-2: the follow-up report is due within follow_up_report_days after the last visit."""
    out = []
    limit = f.sm.num("follow_up_report_days")
    for c in f.roster.clients.values():
        visits = f.events(c.client_id, "follow_up_visit")
        due = f.events(c.client_id, "follow_up_report_due")
        if not visits:
            continue
        last = visits[-1].date
        if len(due) != 1 or not last < due[0].date <= last + timedelta(days=limit):
            out.append(_f("R-FOLLOW-2", c.client_id, due[0].date if due else None, "finding_follow_up_report_due",
                          day=_d(last), most=limit))
        else:
            out += _writer_away(f, "R-FOLLOW-2", c.client_id, due[0], last)
    return out


# --- Whole process ----------------------------------------------------------------------------

def _sessions(f: _Facts, c: Client) -> int:
    return len(f.events(c.client_id, "start_visit", "ready_visit", "final_discussion", "follow_up_visit"))


def check_total_1(f: _Facts) -> list[Finding]:
    """R-TOTAL-1: 6-16 individual sessions in all."""
    rng = f.sm.rng("individual_sessions")
    return [_f("R-TOTAL-1", c.client_id, None, "finding_sessions", n=_sessions(f, c), least=rng.min, most=rng.max)
            for c in f.roster.clients.values() if _sessions(f, c) not in rng]


def check_total_2(f: _Facts) -> list[Finding]:
    """R-TOTAL-2: 17-20 group days per group."""
    rng = f.sm.rng("group_days_total")
    out = []
    for g in f.roster.groups.values():
        if not f.roster.clients_of(g.group_id):
            continue
        n = sum(len(v) for v in f.group_days[g.group_id].values())
        if n not in rng:
            out.append(_f("R-TOTAL-2", g.group_id, None, "finding_group_days", n=n, least=rng.min, most=rng.max))
    return out


def _group_phases(c: Client) -> tuple[str, ...]:
    """The group periods a client takes part in: the final one too without a clear plan, or for
    a clear-plan client who attends the final days (R-DEEP-2)."""
    return ("start", "deep", "final") if c.final_days_attended else ("start", "deep")


def check_total_3(f: _Facts) -> list[Finding]:
    """R-TOTAL-3: at most rehab_days_max rehabilitation days per client (the final group days
    counted for every client who attends them)."""
    limit = f.sm.num("rehab_days_max")
    out = []
    for c in f.roster.clients.values():
        phases = _group_phases(c)
        group = sum(len(f.group_days[c.group_id].get(p, [])) for p in phases)
        total = _sessions(f, c) + group + len(f.practice_days(c.client_id))
        if total > limit:
            out.append(_f("R-TOTAL-3", c.client_id, None, "finding_rehab_days", n=total, most=limit))
    return out


def check_total_4(f: _Facts) -> list[Finding]:
    """R-TOTAL-4: the process usually runs about 15 months; longer ones are a notice."""
    months = f.sm.num("process_months")
    out = []
    for c in f.roster.clients.values():
        days = [e.date for e in f.by_client[c.client_id] if e.kind in INDIVIDUAL]
        if days and max(days) > _months_after(min(days), months):
            out.append(_f("R-TOTAL-4", c.client_id, max(days), "finding_process_long", months=months,
                          first=_d(min(days)), last=_d(max(days)), notice=True))
    return out


def check_cert_1(f: _Facts) -> list[Finding]:
    """R-CERT-1: a certificate date at the first day of rehabilitation or within
    certificate_max_delay_days, and every period listed with its dates."""
    out = []
    delay = f.sm.num("certificate_max_delay_days")
    for c in f.roster.clients.values():
        days = [e.date for e in f.by_client[c.client_id] if e.kind in INDIVIDUAL]
        days += f.group_days[c.group_id].get("start", [])
        due = f.events(c.client_id, "certificate_due")
        if days:
            first = min(days)
            if len(due) != 1 or not first <= due[0].date <= first + timedelta(days=delay):
                out.append(_f("R-CERT-1", c.client_id, due[0].date if due else None, "finding_certificate_due",
                              first=_d(first), last=_d(first + timedelta(days=delay))))
        needed = ["start", "ready", "work_practice", "deep"] + (["final"] if c.final_days_attended else []) + \
            ["follow_up"]
        missing = [p for p in needed if (c.client_id, p) not in f.periods]
        if missing:
            out.append(_f("R-CERT-1", c.client_id, None, "finding_periods_missing", phases=", ".join(missing)))
        out += _period_rows_match(f, c)
    return out


def _period_rows_match(f: _Facts, c: Client) -> list[Finding]:
    """Each Periods row's dates agree with the events it summarises."""
    out = []
    gd = f.group_days[c.group_id]
    expected: dict[str, tuple[date, date] | None] = {}
    starts = f.events(c.client_id, "start_visit")
    if starts and gd.get("start"):
        expected["start"] = (starts[0].date, gd["start"][-1])
    for phase, kind in (("ready", "ready_visit"), ("follow_up", "follow_up_visit")):
        ev = f.events(c.client_id, kind)
        expected[phase] = (ev[0].date, ev[-1].date) if ev else None
    for phase in ("deep", "final"):
        expected[phase] = (gd[phase][0], gd[phase][-1]) if gd.get(phase) else None
    for phase, span in expected.items():
        p = f.periods.get((c.client_id, phase))
        if p is None or span is None:
            continue
        if (p.start, p.end) != span:
            out.append(_f("R-CERT-1", c.client_id, p.start, "finding_period_row", phase=phase, start=_d(p.start),
                          end=_d(p.end), first=_d(span[0]), last=_d(span[1])))
    return out


# --- Groups -----------------------------------------------------------------------------------

def check_group_1(f: _Facts) -> list[Finding]:
    """R-GROUP-1: a group has at most its planned maximum size (6-10)."""
    rng = f.sm.rng("group_max_size")
    out = []
    for g in f.roster.groups.values():
        n = len(f.roster.clients_of(g.group_id))
        if n > g.max_size or g.max_size not in rng:
            out.append(_f("R-GROUP-1", g.group_id, None, "finding_group_size", n=n, most=g.max_size))
    return out


def check_group_2(f: _Facts) -> list[Finding]:
    """R-GROUP-2: a group starts in its agreed window; below its minimum size it may be
    postponed, at the latest postpone_max_months after its earliest decision date (relaxed: Kela's
    authority line and the clients are told). A group whose coordinator asks for the
    postponement (Groups `postpone` yes, below the minimum only) starts after its window."""
    out = []
    for g in f.roster.groups.values():
        members = f.roster.clients_of(g.group_id)
        days = f.group_days[g.group_id].get("start")
        if not members or not days:
            continue
        first = days[0]
        window = {"day": _d(first), "first": _d(g.start_earliest), "last": _d(g.start_latest)}
        if g.start_earliest <= first <= g.start_latest:
            if g.postpone:
                out.append(_f("R-GROUP-2", g.group_id, first, "finding_group_not_postponed", **window,
                              cell=f.cell("groups.postpone", g.group_id, "postpone")))
            continue
        minimum = f.sm.group_min_size(g.max_size)
        decided = min(c.decision_date for c in members)
        months = f.sm.num("postpone_max_months")
        limit = max(_months_after(decided, months), g.start_latest)
        if first < g.start_earliest or len(members) >= minimum:
            out.append(_f("R-GROUP-2", g.group_id, first, "finding_group_start_outside", **window))
        elif first > limit:
            out.append(_f("R-GROUP-2", g.group_id, first, "finding_group_postponed_too_late", day=_d(first),
                          months=months, decision=_d(decided), limit=_d(limit)))
        elif g.postpone:
            out.append(_f("R-GROUP-2", g.group_id, first, "finding_group_postponed_asked", relaxed=True,
                          to="to_kela_clients", n=len(members), least=minimum,
                          cell=f.cell("groups.postpone", g.group_id, "postpone")))
        else:
            out.append(_f("R-GROUP-2", g.group_id, first, "finding_group_postponed", n=len(members), least=minimum,
                          relaxed=True, to="to_kela_clients"))
    return out


def check_group_3(f: _Facts) -> list[Finding]:
    """R-GROUP-3: clients of a group share its group days; a client's language is the group's."""
    out = []
    for c in f.roster.clients.values():
        g = f.roster.groups.get(c.group_id)
        if g and c.language and c.language != g.language:
            out.append(_f("R-GROUP-3", c.client_id, None, "finding_language", language=c.language,
                          group_language=g.language))
        for e in f.by_client[c.client_id]:
            if e.group_id != c.group_id:
                out.append(_f("R-GROUP-3", c.client_id, e.date, "finding_other_group", group=e.group_id,
                              own=c.group_id))
    return out


def check_group_4(f: _Facts) -> list[Finding]:
    """R-GROUP-4: every group day is run by its leaders (all, or leaders_needed of them), each at
    work and not leading another group that day."""
    out = []
    leading: dict[tuple[str, date], list[str]] = defaultdict(list)
    for e in f.group_day_events:
        g = f.roster.groups.get(e.group_id)
        if g is None:
            out.append(_f("R-GROUP-4", e.group_id, e.date, "finding_unknown_group"))
            continue
        leaders = [s for s in e.staff_ids if s in g.leaders]
        if len(leaders) < g.leaders_required or len(leaders) != len(e.staff_ids):
            out.append(_f("R-GROUP-4", e.group_id, e.date, "finding_leaders", staff=", ".join(e.staff_ids) or "-",
                          needed=g.leaders_required, leaders=", ".join(g.leaders)))
        for s in e.staff_ids:
            leading[(s, e.date)].append(e.group_id)
    for (s, d), gids in leading.items():
        if len(gids) > 1:
            out.append(_f("R-GROUP-4", s, d, "finding_leader_twice", groups=", ".join(gids)))
    return out


def check_group_5(f: _Facts) -> list[Finding]:
    """R-GROUP-5: a room holds one group a day."""
    out = []
    used: dict[tuple[str, date], list[str]] = defaultdict(list)
    for e in f.group_day_events:
        g = f.roster.groups.get(e.group_id)
        if g and g.room:
            used[(g.room.casefold(), e.date)].append(e.group_id)
    for (room, d), gids in used.items():
        if len(set(gids)) > 1:
            out.append(_f("R-GROUP-5", ", ".join(sorted(set(gids))), d, "finding_room_twice", room=room))
    return out


# --- Staff ------------------------------------------------------------------------------------

def _work(f: _Facts) -> dict[tuple[str, date], list[Event]]:
    out: dict[tuple[str, date], list[Event]] = defaultdict(list)
    for e in f.plan.events:
        if e.kind in DUE:
            continue
        for s in e.staff_ids:
            out[(s, e.date)].append(e)
    return out


def check_staff_1(f: _Facts) -> list[Finding]:
    """R-STAFF-1: nobody works on an absence day or outside their working days."""
    return [_f("R-STAFF-1", s, d, "finding_not_at_work", staff=s, n=len(evs))
            for (s, d), evs in sorted(_work(f).items()) if not f.at_work(s, d)]


def check_staff_2(f: _Facts) -> list[Finding]:
    """R-STAFF-2: a staff member's day holds at most day_minutes of work."""
    out = []
    for (s, d), evs in sorted(_work(f).items()):
        person = f.roster.staff.get(s)
        cap = person.day_minutes if person and person.day_minutes is not None else f.sm.num("day_minutes")
        used = sum(f.minutes(e) for e in evs)
        if used > cap:
            out.append(_f("R-STAFF-2", s, d, "finding_day_minutes", n=used, most=cap))
    return out


def check_staff_3(f: _Facts) -> list[Finding]:
    """R-STAFF-3: the case manager does the client's visits, final discussion and follow-ups
    (a substitute only calls); the input's case manager is kept."""
    out = []
    for c in f.roster.clients.values():
        cm = f.case_manager(c)
        for e in f.by_client[c.client_id]:
            if e.kind == "phone_call" and e.substitute:
                continue
            if e.kind in INDIVIDUAL and (len(e.staff_ids) != 1 or e.staff_ids[0] != cm):
                out.append(_f("R-STAFF-3", c.client_id, e.date, "finding_visit_by_other", **_kind(e.kind),
                              staff=", ".join(e.staff_ids) or "-", case_manager=cm))
        s = f.roster.staff.get(cm or "")
        if cm and (s is None or not s.is_case_manager):
            out.append(_f("R-STAFF-3", c.client_id, None, "finding_not_case_manager", staff=cm))
    return out


def check_staff_4(f: _Facts) -> list[Finding]:
    """R-STAFF-4: a case manager holds at most max_clients clients at once."""
    out = []
    spans: dict[str, list[tuple[date, date, str]]] = defaultdict(list)
    for c in f.roster.clients.values():
        cm = f.case_manager(c)
        days = [e.date for e in f.by_client[c.client_id] if e.kind in INDIVIDUAL]
        if cm and days:
            spans[cm].append((min(days), max(days), c.client_id))
    for cm, items in spans.items():
        s = f.roster.staff.get(cm)
        if s is None or s.max_clients is None:
            continue
        for first, _, _ in items:
            active = [cid for a, z, cid in items if a <= first <= z]
            if len(active) > s.max_clients:
                out.append(_f("R-STAFF-4", cm, first, "finding_max_clients", n=len(active), most=s.max_clients))
                break
    return out


# --- Clients ----------------------------------------------------------------------------------

def check_client_1(f: _Facts) -> list[Finding]:
    """R-CLIENT-1: nothing individual before the decision date or on the client's absence days.
    (Group days a client misses are listed as notices: they are not moved for one client.)"""
    out = []
    for c in f.roster.clients.values():
        for e in f.by_client[c.client_id]:
            if e.kind not in INDIVIDUAL:
                continue
            if e.date < c.decision_date:
                out.append(_f("R-CLIENT-1", c.client_id, e.date, "finding_before_decision", **_kind(e.kind),
                              day=_d(c.decision_date)))
            if e.date in f.absent[c.client_id]:
                out.append(_f("R-CLIENT-1", c.client_id, e.date, "finding_client_absent", **_kind(e.kind)))
        phases = _group_phases(c)
        for p in phases:
            for d in f.group_days[c.group_id].get(p, []):
                if d in f.absent[c.client_id]:
                    out.append(_f("R-CLIENT-1", c.client_id, d, "finding_misses_group_day", notice=True))
    return out


def check_client_2(f: _Facts) -> list[Finding]:
    """R-CLIENT-2: at most one individual event per client per day, none on a group day of the
    client's group except the final discussion."""
    out = []
    for c in f.roster.clients.values():
        per_day: dict[date, int] = defaultdict(int)
        group_days = {d for days in f.group_days[c.group_id].values() for d in days}
        for e in f.by_client[c.client_id]:
            if e.kind not in INDIVIDUAL:
                continue
            per_day[e.date] += 1
            if e.date in group_days and e.kind != "final_discussion":
                out.append(_f("R-CLIENT-2", c.client_id, e.date, "finding_on_group_day", **_kind(e.kind)))
        for d, n in sorted(per_day.items()):
            if n > 1:
                out.append(_f("R-CLIENT-2", c.client_id, d, "finding_events_one_day", n=n))
    return out


def _pin_changes(pin: Event, e: Event) -> list[str]:
    """The marks in which a planned event differs from its pin (R-CLIENT-3): the people (the
    leaders a pinned group day names run it; an individual event's person is the pinned one),
    the mode where the pin gives one, and the employer, network-meeting and substitute marks."""
    changed = []
    if pin.staff_ids and not (set(pin.staff_ids) <= set(e.staff_ids) if pin.kind == "group_day"
                              else set(pin.staff_ids) == set(e.staff_ids)):
        changed.append("staff_ids")
    if pin.mode is not None and pin.mode != e.mode:
        changed.append("mode")
    return changed + [k for k in ("with_employer", "network_meeting", "substitute")
                      if getattr(pin, k) != getattr(e, k)]


def _mark(e: Event, mark: str) -> str:
    """A mark of an event as the Events sheet writes it (English codes in both languages)."""
    value = getattr(e, mark)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return ", ".join(value) if isinstance(value, tuple) else (value or "-")


def check_client_3(f: _Facts) -> list[Finding]:
    """R-CLIENT-3: every event pinned in the input (the Fixed sheet) is in the plan as it is:
    the same day, kind, group, client and people, the same mode (where the pin gives one), and the
    same employer, network-meeting and substitute marks (R-WP-3: a pinned visit keeps them)."""
    out = []
    planned = defaultdict(list)
    for e in f.plan.events:
        planned[(e.date, e.kind, e.group_id, e.client_id)].append(e)
    for pin in f.run.pinned:
        if pin.client_id is not None and pin.client_id not in f.roster.clients:
            continue  # another part of a split roster
        if pin.client_id is None and pin.group_id not in f.roster.groups:
            continue
        same = planned.get((pin.date, pin.kind, pin.group_id, pin.client_id), [])
        if any(not _pin_changes(pin, e) for e in same):
            continue
        who = pin.client_id or pin.group_id
        if not same:
            out.append(_f("R-CLIENT-3", who, pin.date, "finding_pin_missing", **_kind(pin.kind), row=pin.row))
            continue
        for mark in _pin_changes(pin, same[0]):
            out.append(_f("R-CLIENT-3", who, pin.date, "finding_pin_changed", **_kind(pin.kind), row=pin.row,
                          field=pick(EVENT_FIELD_WORDS[mark], "en"), field_fi=pick(EVENT_FIELD_WORDS[mark], "fi"),
                          pinned=_mark(pin, mark), planned=_mark(same[0], mark)))
    return out


# --- Soft rules with notices --------------------------------------------------------------------

def check_decision_lead(f: _Facts) -> list[Finding]:
    """S-DECISION: the client's first start visit comes at least decision_lead_days.min calendar
    days after the decision date, so that the decision letter has reached the client and the
    provider has made the first contact. Sooner is no broken rule (the group's start window may
    leave no later day) but a notice to the clients' side: contact the client first. A visit
    already done or agreed (pinned) has had its contact."""
    least = f.sm.rng("decision_lead_days").min
    pinned = {(e.date, e.kind, e.client_id) for e in f.run.pinned}
    out = []
    for c in f.roster.clients.values():
        visits = f.events(c.client_id, "start_visit")
        if not visits or (visits[0].date, visits[0].kind, c.client_id) in pinned:
            continue
        n = (visits[0].date - c.decision_date).days
        if 0 <= n < least:
            out.append(_f("S-DECISION", c.client_id, visits[0].date, "finding_decision_lead", notice=True,
                          to="to_clients", day=_d(visits[0].date), n=n, decision=_d(c.decision_date), least=least))
    return out


CHECKS: dict[str, Check] = {
    "R-CAL-0": check_cal_0, "R-CAL-1": check_cal_1, "R-CAL-2": check_cal_2,
    "R-START-1": check_start_1, "R-START-2": check_start_2, "R-READY-1": check_ready_1,
    "R-WP-1": check_wp_1, "R-WP-2": check_wp_2, "R-WP-3": check_wp_3, "R-WP-4": check_wp_4,
    "R-WP-5": check_wp_5, "R-WP-6": check_wp_6,
    "R-DEEP-1": check_deep_1, "R-DEEP-2": check_deep_2, "R-FINAL-1": check_final_1,
    "R-FINAL-2": check_final_2, "R-REPORT-1": check_report_1,
    "R-FOLLOW-1": check_follow_1, "R-FOLLOW-2": check_follow_2,
    "R-TOTAL-1": check_total_1, "R-TOTAL-2": check_total_2, "R-TOTAL-3": check_total_3,
    "R-TOTAL-4": check_total_4, "R-CERT-1": check_cert_1,
    "R-GROUP-1": check_group_1, "R-GROUP-2": check_group_2, "R-GROUP-3": check_group_3,
    "R-GROUP-4": check_group_4, "R-GROUP-5": check_group_5,
    "R-STAFF-1": check_staff_1, "R-STAFF-2": check_staff_2, "R-STAFF-3": check_staff_3,
    "R-STAFF-4": check_staff_4,
    "R-CLIENT-1": check_client_1, "R-CLIENT-2": check_client_2, "R-CLIENT-3": check_client_3,
    "S-DECISION": check_decision_lead,
}
assert tuple(CHECKS) == HARD_RULES + NOTICE_CHECKS


def validate(roster: Roster, sm: ServiceModel, plan: Plan, run: RunSettings = DEFAULT_RUN) -> Report:
    """Check every rule id on a plan; the report lists each rule with its findings. `run`: the
    events the run pinned (R-CLIENT-3)."""
    facts = _Facts(roster, sm, plan, run)
    return Report([CheckResult(rule, check(facts)) for rule, check in CHECKS.items()])
