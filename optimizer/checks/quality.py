"""How a plan reads to a coordinator: the figures two plans are compared by (issue 14).

Hard rules say whether a plan is a plan (validate.py) and the soft rules what it costs
(costs.py); these figures say how it feels to the client and the staff, in days and counts: how
soon the first visit follows the decision (S-DECISION), whether start visits fall on consecutive
working days (S-START), how the getting-ready visits are spaced (S-READY), whether practice
starts at the beginning of a week (S-WP-WEEK), how soon the employer is met and whether the
network meeting comes after that (S-WP-ORDER), how the practice visits spread (S-SPREAD),
substitute voices on the weekly call (S-OWN-CM), weekly calls next to a visit (R-WP-4), how long
clients wait for the deepening period (S-RHYTHM) and how long the whole process runs (R-TOTAL-4).

Computed from a Roster, a ServiceModel and a Plan only, so a hand-made plan read by
`optimize check` gets the same figures as the optimizer's own. Like the validator, it reads the
plan as a coordinator would (dates and counts) and imports only from core.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from optimizer.core import plan as P
from optimizer.core.calendar import finnish_public_holidays
from optimizer.core.dates import months_spanned
from optimizer.core.domain import Client, Roster
from optimizer.core.messages import fmt_number, t
from optimizer.core.plan import Event, Plan
from optimizer.core.service_model import ServiceModel

# A first start visit this soon after the decision date cannot follow the decision letter and the
# provider's first call (S-DECISION): the figure counts the clients a plan asks that of.
SOON_AFTER_DECISION_DAYS = 4
# Two visits count as on consecutive working days when no working day lies between them and they
# are at most this many calendar days apart: a long weekend, not a closure of weeks.
NEXT_DAY_SPAN = 4


@dataclass(frozen=True)
class Quality:
    """The figures of one plan; None where the plan has nothing to measure (no practice visits,
    no follow-ups). Days are calendar days unless the name says working or practice days; a
    share is a fraction 0..1."""

    # S-DECISION: decision date -> first start visit.
    decision_days_median: float | None = None
    decision_days_min: int | None = None
    decision_soon: int = 0  # clients whose first start visit is within SOON_AFTER_DECISION_DAYS
    # S-START: pairs of a client's start visits on consecutive working days.
    start_next_day_pairs: int = 0
    # S-READY: consecutive getting-ready visits of a client.
    ready_gap_min: int | None = None
    ready_gap_median: float | None = None
    ready_next_day_pairs: int = 0  # pairs on consecutive working days
    # S-WP-WEEK: practices without an agreed start that begin on the week's first working day.
    wp_week_start_share: float | None = None
    # S-WP-ORDER: the first visit at the workplace (not the network meeting), in practice days
    # from the practice's first day (that day is 1).
    first_site_day_median: float | None = None
    first_site_day_max: int | None = None
    first_employer_visit_share: float | None = None  # with the employer within wp_first_visit_days
    network_before_site: int = 0  # network meetings before the client's first workplace visit
    # S-SPREAD: practice visits over the practice weeks.
    wp_visit_gap_max: int | None = None
    # The same over the gaps without a day of the case manager's absence in them: what the visits'
    # days decide, not a holiday of the one person who may visit (R-STAFF-3).
    wp_visit_gap_max_at_work: int | None = None
    no_double_week_share: float | None = None  # clients with no calendar week of two practice visits
    double_weeks: int = 0  # (client, week) pairs with two or more practice visits
    wp_next_day_pairs: int = 0  # consecutive practice visits on consecutive working days
    # R-WP-4: weekly calls on the working day before or after a visit of the client (the call
    # then repeats the visit; optimizer/search/spacing.py moves them where the week allows).
    calls_next_to_visit: int = 0
    # R-WP-4: a client's consecutive calls on consecutive working days (a Friday call and the next
    # week's Monday call; the spacing moves one of them where its week allows).
    call_next_day_pairs: int = 0
    # S-OWN-CM: weekly calls by a substitute.
    substitute_calls: int = 0
    several_substitutes: int = 0  # clients who heard more than one different substitute
    # S-RHYTHM: calendar days between a client's last practice day and the group's deepening period.
    idle_days_median: float | None = None
    idle_days_max: int | None = None
    # R-TOTAL-4: first start visit -> last follow-up visit, calendar months.
    process_months_median: float | None = None
    process_months_max: int | None = None


def quality(roster: Roster, sm: ServiceModel, plan: Plan) -> Quality:
    """The figures of `plan` for `roster` (module docstring)."""
    by_client: dict[str, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    deep_first: dict[str, date] = {}
    for e in sorted(plan.events, key=lambda e: e.date):
        if e.kind == P.GROUP_DAY and e.phase == P.DEEP:
            deep_first.setdefault(e.group_id, e.date)
        elif e.client_id and e.kind != P.GROUP_DAY:
            by_client[e.client_id][e.kind].append(e)
    practice = {p.client_id: (p.start, p.end) for p in plan.periods if p.phase == P.WORK_PRACTICE}
    days = _Days(roster, plan)
    f = _Figures()
    for c in roster.clients.values():
        mine = by_client.get(c.client_id, {})
        starts = [e.date for e in mine.get(P.START_VISIT, [])]
        if starts:
            f.decision.append((starts[0] - c.decision_date).days)
        f.start_next_day += sum(days.next_day(a, b) for a, b in itertools.pairwise(sorted(set(starts))))
        ready = sorted({e.date for e in mine.get(P.READY_VISIT, [])})
        for a, b in itertools.pairwise(ready):
            f.ready_gaps.append((b - a).days)
            f.next_day += days.next_day(a, b)
        span = practice.get(c.client_id)
        if span is not None:
            if c.wp_start is None:  # an agreed start is the employer's choice, not the plan's
                f.week_start.append(span[0] == days.first_of_week(span[0], c))
            if c.group_id in deep_first:
                f.idle.append((deep_first[c.group_id] - span[1]).days - 1)
        _practice_visits(f, days, c, span, mine.get(P.WP_VISIT, []), sm.num("wp_first_visit_days"))
        calls = [e.date for e in mine.get(P.PHONE_CALL, [])]
        visits = [e.date for kind, events in mine.items() if kind in P.INDIVIDUAL_KINDS and kind != P.PHONE_CALL
                  for e in events]
        f.calls_next += sum(1 for d in calls if any(days.next_day(d, v) or days.next_day(v, d) for v in visits))
        f.call_pairs += sum(days.next_day(a, b) for a, b in itertools.pairwise(sorted(set(calls))))
        sub_calls = [e for e in mine.get(P.PHONE_CALL, []) if e.substitute]
        f.subs += len(sub_calls)
        f.several += len({s for e in sub_calls for s in e.staff_ids}) > 1
        follow = mine.get(P.FOLLOW_UP_VISIT, [])
        if starts and follow:
            f.months.append(months_spanned(starts[0], follow[-1].date))
    return Quality(
        decision_days_median=_median(f.decision), decision_days_min=min(f.decision, default=None),
        decision_soon=sum(1 for d in f.decision if d <= SOON_AFTER_DECISION_DAYS),
        start_next_day_pairs=f.start_next_day,
        ready_gap_min=min(f.ready_gaps, default=None), ready_gap_median=_median(f.ready_gaps),
        ready_next_day_pairs=f.next_day, wp_week_start_share=_share(f.week_start),
        first_site_day_median=_median(f.first_site), first_site_day_max=max(f.first_site, default=None),
        first_employer_visit_share=_share(f.employer_soon), network_before_site=f.network_early,
        wp_visit_gap_max=max(f.visit_gaps, default=None),
        wp_visit_gap_max_at_work=max(f.visit_gaps_at_work, default=None), no_double_week_share=_share(f.no_double),
        double_weeks=f.double_weeks, wp_next_day_pairs=f.wp_next_day, calls_next_to_visit=f.calls_next,
        call_next_day_pairs=f.call_pairs,
        substitute_calls=f.subs, several_substitutes=f.several,
        idle_days_median=_median(f.idle), idle_days_max=max(f.idle, default=None),
        process_months_median=_median(f.months), process_months_max=max(f.months, default=None),
    )


@dataclass
class _Figures:
    """Each client's measurements, gathered before they are summed up into `Quality`."""

    decision: list[int] = field(default_factory=list)
    start_next_day: int = 0
    ready_gaps: list[int] = field(default_factory=list)
    next_day: int = 0
    week_start: list[bool] = field(default_factory=list)
    first_site: list[int] = field(default_factory=list)
    employer_soon: list[bool] = field(default_factory=list)
    network_early: int = 0
    visit_gaps: list[int] = field(default_factory=list)
    visit_gaps_at_work: list[int] = field(default_factory=list)
    double_weeks: int = 0
    wp_next_day: int = 0
    no_double: list[bool] = field(default_factory=list)
    calls_next: int = 0
    call_pairs: int = 0
    subs: int = 0
    several: int = 0
    idle: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)


def _practice_visits(f: _Figures, days: _Days, c: Client, span: tuple[date, date] | None, visits: list[Event],
                     within: int) -> None:
    """S-WP-ORDER and S-SPREAD of one client's practice visits. The first workplace visit is the
    first visit in person at the workplace that is not the network meeting; a network meeting
    with no such visit before it is early."""
    site = [e for e in visits if e.mode == P.SITE and not e.network_meeting]
    if span is not None and visits:
        if site:
            f.first_site.append(days.practice_day(c, span[0], site[0].date))
        employer = [e for e in site if e.with_employer]
        f.employer_soon.append(bool(employer) and days.practice_day(c, span[0], employer[0].date) <= within)
    f.network_early += sum(1 for e in visits if e.network_meeting and (not site or e.date < site[0].date))
    dates = sorted({e.date for e in visits})
    f.visit_gaps += [(b - a).days for a, b in itertools.pairwise(dates)]
    f.wp_next_day += sum(days.next_day(a, b) for a, b in itertools.pairwise(dates))
    cms = {s for e in visits for s in e.staff_ids}
    f.visit_gaps_at_work += [(b - a).days for a, b in itertools.pairwise(dates)
                             if not any(days.away(cm, a, b) for cm in cms)]
    if dates:
        weeks = Counter(d.isocalendar()[:2] for d in dates)
        doubles = sum(1 for n in weeks.values() if n >= 2)
        f.double_weeks += doubles
        f.no_double.append(doubles == 0)


class _Days:
    """Working days as the plan's dates need them: Monday-Friday, not a public holiday (R-CAL-2)
    nor a closed day, over every date the plan holds (a hand-made plan may reach past the roster's
    horizon)."""

    def __init__(self, roster: Roster, plan: Plan) -> None:
        dates = [e.date for e in plan.events] + [d for p in plan.periods for d in (p.start, p.end)]
        first = min(dates, default=roster.plan_start) - timedelta(days=7)
        last = max(dates, default=roster.plan_end) + timedelta(days=7)
        self.holidays = finnish_public_holidays(first, last)
        self.closed = roster.closed_days
        self.absent: dict[str, list[tuple[date, date]]] = defaultdict(list)
        for a in roster.absences:
            self.absent[a.person].append((a.start, a.end))

    def away(self, person: str, after: date, before: date) -> bool:
        """The person is absent on some day strictly between the two dates."""
        return any(a < before and b > after for a, b in self.absent.get(person, ()))

    def working(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.holidays and d not in self.closed

    def next_day(self, a: date, b: date) -> bool:
        """b is the working day after a, at most NEXT_DAY_SPAN calendar days later (a Friday and
        the next Monday; a Thursday and the Monday after a holiday Friday). Across a closure of
        the provider (Christmas) the client has had the days in between."""
        if not a < b <= a + timedelta(days=NEXT_DAY_SPAN):
            return False
        return not any(self.working(a + timedelta(days=k)) for k in range(1, (b - a).days))

    def practising(self, c: Client, d: date) -> bool:
        """A practice day of the client (R-WP-2): a working day, one of the client's practice
        weekdays, not an absence."""
        return (self.working(d) and (c.wp_weekdays is None or d.weekday() in c.wp_weekdays)
                and not any(a <= d <= b for a, b in self.absent.get(c.client_id, ())))

    def first_of_week(self, d: date, c: Client) -> date | None:
        """The first working day of d's week on which the client can practise (S-WP-WEEK)."""
        monday = d - timedelta(days=d.weekday())
        return next((x for x in (monday + timedelta(days=k) for k in range(7))
                     if self.working(x) and (c.wp_weekdays is None or x.weekday() in c.wp_weekdays)), None)

    def practice_day(self, c: Client, first: date, d: date) -> int:
        """Which practice day of the client's practice (from `first`, which is day 1) date d is:
        the practice days from first to d, both included."""
        return sum(1 for k in range((d - first).days + 1) if self.practising(c, first + timedelta(days=k)))


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


# --- in words -------------------------------------------------------------------------------------

# The rows of the quality view, in order: (catalogue key, figure); a figure named *_share is
# shown in per cent.
ROWS = (
    ("quality_decision_median", "decision_days_median"),
    ("quality_decision_min", "decision_days_min"),
    ("quality_decision_soon", "decision_soon"),
    ("quality_start_next_day", "start_next_day_pairs"),
    ("quality_ready_gap_min", "ready_gap_min"),
    ("quality_ready_gap_median", "ready_gap_median"),
    ("quality_ready_next_day", "ready_next_day_pairs"),
    ("quality_wp_week_start", "wp_week_start_share"),
    ("quality_first_site_median", "first_site_day_median"),
    ("quality_first_site_max", "first_site_day_max"),
    ("quality_first_employer", "first_employer_visit_share"),
    ("quality_network_before_site", "network_before_site"),
    ("quality_wp_gap_max", "wp_visit_gap_max"),
    ("quality_wp_gap_max_at_work", "wp_visit_gap_max_at_work"),
    ("quality_no_double_week", "no_double_week_share"),
    ("quality_double_weeks", "double_weeks"),
    ("quality_wp_next_day", "wp_next_day_pairs"),
    ("quality_calls_next_to_visit", "calls_next_to_visit"),
    ("quality_call_next_day", "call_next_day_pairs"),
    ("quality_substitute_calls", "substitute_calls"),
    ("quality_several_substitutes", "several_substitutes"),
    ("quality_idle_median", "idle_days_median"),
    ("quality_idle_max", "idle_days_max"),
    ("quality_months_median", "process_months_median"),
    ("quality_months_max", "process_months_max"),
)


def quality_rows(q: Quality, sm: ServiceModel, lang: str) -> list[tuple[str, str]]:
    """(label, value) rows of the figures in `lang`: numbers with a decimal comma in Finnish,
    shares in per cent, "–" where the plan has nothing to measure."""
    out = []
    for key, name in ROWS:
        value = getattr(q, name)
        label = t(key, lang, soon=SOON_AFTER_DECISION_DAYS, within=sm.num("wp_first_visit_days"))
        if value is None:
            shown = "–"
        elif name.endswith("_share"):
            shown = f"{fmt_number(100 * value, lang, 0)} %"
        else:
            shown = fmt_number(value, lang, 1)
        out.append((label, shown))
    return out
