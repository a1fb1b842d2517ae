"""What the CP-SAT model's parts share: the CpModel, the calendar, variables and penalty terms.

Variables carry readable names (`wp_opt[A012,2027-05-03]`), so a model dump and the cost
report say which rule, whom and when.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from optimizer.core.calendar import Calendar
from optimizer.core.domain import Roster
from optimizer.core.messages import Msg
from optimizer.core.placements import PracticePlacement, day_capacity
from optimizer.core.plan import DEEP, DEFAULT_RUN, FINAL, START, RunSettings
from optimizer.core.service_model import ServiceModel

LinearExpr = cp_model.LinearExprT


class NoPlan(Exception):
    """Found while building the model: no plan can exist. Carries the reasons, with rule ids."""

    def __init__(self, reasons: list[Msg]) -> None:
        super().__init__("; ".join(r.key for r in reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class BlockOption:
    """One way to place a group period: its working-day indices, in order."""

    days: tuple[int, ...]

    @property
    def first(self) -> int:
        return self.days[0]

    @property
    def last(self) -> int:
        return self.days[-1]


@dataclass(frozen=True)
class SearchWindows:
    """How far the model looks for each phase, in days after the phase before.

    `focused` lies around the soft-rule targets and keeps the model small (practices start on a
    week's first working day, S-WP-WEEK, which also makes the search much easier); `wide` uses the
    service model's planning bounds and is tried when the focused search is proven impossible,
    so narrowing the search never costs a plan that the rules allow within those bounds.
    """

    ready_max_days: int
    deep_max_days: int
    final_min_days: int
    final_max_days: int
    follow_up_min_months: tuple[int, int]
    # S-WP-WEEK made firm: practices without an agreed start begin only on a week's first working day.
    week_starts_only: bool = False
    # S-READY made firm: no two getting-ready visits on consecutive working days.
    ready_apart: bool = False

    @staticmethod
    def focused(sm: ServiceModel) -> SearchWindows:
        slack = sm.num("search_slack_days")
        f1, f2 = sm.rng("follow_up_1_target_months"), sm.rng("follow_up_2_target_months")
        return SearchWindows(
            ready_max_days=min(sm.num("ready_target_days") + slack, sm.num("ready_phase_max_days")),
            deep_max_days=min(sm.rng("deep_after_wp_target_days").max + slack,
                              sm.num("deep_after_wp_max_days")),
            final_min_days=max(1, sm.rng("final_after_deep_target_days").min - slack // 2),
            final_max_days=min(sm.rng("final_after_deep_target_days").max + slack,
                               sm.num("final_after_deep_max_days")),
            follow_up_min_months=(max(f1.min - 1, 0), max(f2.min - 1, 0)),
            week_starts_only=True,
            ready_apart=True,
        )

    def any_weekday(self) -> SearchWindows:
        """The same windows with practices free to start on any day (S-WP-WEEK then costs): for a
        start plan that began one on another day. Getting-ready visits stay apart."""
        return replace(self, week_starts_only=False)

    @staticmethod
    def wide(sm: ServiceModel) -> SearchWindows:
        return SearchWindows(sm.num("ready_phase_max_days"), sm.num("deep_after_wp_max_days"), 1,
                             sm.num("final_after_deep_max_days"), (0, 0))


@dataclass
class Reservations:
    """Work already planned outside this model (other groups, when groups are planned one by
    one): minutes per staff-day, who leads a group on which day, which room is taken."""

    minutes: dict[tuple[str, int], int] = field(default_factory=dict)
    leading: set[tuple[str, int]] = field(default_factory=set)
    rooms: set[tuple[str, int]] = field(default_factory=set)


@dataclass(frozen=True)
class Penalty:
    """One soft-rule term: `weight_units` units of rule `rule` for `who`."""

    rule: str
    expr: LinearExpr
    who: str
    what: str


@dataclass
class GroupVars:
    start_opts: list[tuple[BlockOption, cp_model.IntVar]] = field(default_factory=list)
    deep_opts: list[tuple[BlockOption, cp_model.IntVar]] = field(default_factory=list)
    final_opts: list[tuple[BlockOption, cp_model.IntVar]] = field(default_factory=list)
    start_first: cp_model.IntVar | None = None
    start_last: cp_model.IntVar | None = None
    deep_first: cp_model.IntVar | None = None
    deep_last: cp_model.IntVar | None = None
    final_first: cp_model.IntVar | None = None
    final_last: cp_model.IntVar | None = None
    postponed: cp_model.IntVar | None = None
    # Group day d of each phase, as a sum of option literals.
    day_of_phase: dict[str, dict[int, LinearExpr]] = field(default_factory=dict)
    # leader -> day -> literal "this leader runs the group on that day"
    lead: dict[str, dict[int, LinearExpr]] = field(default_factory=dict)

    def period_options(self) -> tuple[tuple[str, list[tuple[BlockOption, cp_model.IntVar]]], ...]:
        """Each group period's phase with its placement options, in the order of the process."""
        return ((START, self.start_opts), (DEEP, self.deep_opts), (FINAL, self.final_opts))

    def group_day(self, d: int) -> LinearExpr:
        return sum(phase.get(d, 0) for phase in self.day_of_phase.values())

    def days(self) -> set[int]:
        return {d for phase in self.day_of_phase.values() for d in phase}

    def leader_literals(self) -> list[cp_model.IntVar]:
        """The literals that choose who leads a day (none where every leader is needed)."""
        return [lit for days in self.lead.values() for lit in days.values() if hasattr(lit, "Index")]


@dataclass
class ClientVars:
    case_manager: str
    start_visits: dict[int, cp_model.IntVar] = field(default_factory=dict)
    ready_visits: dict[int, cp_model.IntVar] = field(default_factory=dict)
    wp_opts: list[tuple[PracticePlacement, cp_model.IntVar]] = field(default_factory=list)
    wp_first: cp_model.IntVar | None = None
    wp_last: cp_model.IntVar | None = None
    practice: dict[int, LinearExpr] = field(default_factory=dict)
    started: dict[int, object | None] = field(default_factory=dict)  # wp_first <= d
    # The running-sum literals behind `practice`: (day made, "started" or "ended", literal).
    running: list[tuple[int, str, cp_model.IntVar]] = field(default_factory=list)
    site_visits: dict[int, cp_model.IntVar] = field(default_factory=dict)
    video_visits: dict[int, cp_model.IntVar] = field(default_factory=dict)
    own_calls: dict[int, cp_model.IntVar] = field(default_factory=dict)
    sub_calls: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)
    final_discussion: dict[int, cp_model.IntVar] = field(default_factory=dict)
    follow_ups: list[dict[int, cp_model.IntVar]] = field(default_factory=list)
    first_day: cp_model.IntVar | None = None
    # Start, getting-ready and follow-up visits held by video instead of at the office, by the
    # visit literal's name and day ("start_visit", d): video <= visit.
    by_video: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    # R-WP-3 marks: the network meeting on day d held at the workplace or by video (<= that
    # visit); the employer joins every site visit but where a pin says otherwise (day -> joins).
    network_site: dict[int, cp_model.IntVar] = field(default_factory=dict)
    network_video: dict[int, cp_model.IntVar] = field(default_factory=dict)
    employer_pinned: dict[int, bool] = field(default_factory=dict)

    def employer_days(self) -> list[tuple[int, cp_model.IntVar]]:
        """The days and literals of the visits the employer joins: every site visit, but a pinned
        visit as its pin says (R-WP-3, S-WP-ORDER)."""
        out = [(d, v) for d, v in self.site_visits.items() if self.employer_pinned.get(d, True)]
        return out + [(d, self.video_visits[d]) for d, joins in self.employer_pinned.items()
                      if joins and d in self.video_visits]

    def event_literals(self) -> list[cp_model.IntVar]:
        """The literals of the client's own events: visits, calls (the case manager's and the
        substitutes'), the final discussion, follow-ups, each visit's mode and the network
        meeting's marks. Not the practice's placement and its running sums."""
        kinds = (self.start_visits, self.ready_visits, self.site_visits, self.video_visits, self.own_calls,
                 self.sub_calls, self.final_discussion, *self.follow_ups, self.by_video, self.network_site,
                 self.network_video)
        return [v for lits in kinds for v in lits.values()]


class Build:
    """The model under construction. Parts add variables and constraints in a fixed order."""

    def __init__(self, roster: Roster, sm: ServiceModel, cal: Calendar,
                 case_managers: dict[str, str], allow_postpone: frozenset[str] = frozenset(),
                 windows: SearchWindows | None = None, reserved: Reservations | None = None,
                 run: RunSettings = DEFAULT_RUN) -> None:
        self.roster = roster
        self.run = run  # pins (R-CLIENT-3), the frozen past and the previous plan (S-CHANGE)
        self.reserved = reserved or Reservations()
        self.windows = windows or SearchWindows.focused(sm)
        self.sm = sm
        self.cal = cal
        self.case_managers = case_managers
        self.allow_postpone = allow_postpone
        self.m = cp_model.CpModel()
        self.groups: dict[str, GroupVars] = {g: GroupVars() for g in roster.groups}
        self.clients: dict[str, ClientVars] = {
            c: ClientVars(case_managers[c]) for c in roster.clients
        }
        # staff -> day -> [(minutes, literal)] for R-STAFF-2 and S-LOAD
        self.load: dict[str, dict[int, list[tuple[int, LinearExpr]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        # staff -> week -> [(minutes, count, most)]: S-LOAD only, load the periods relaxation
        # counts by the week (forced.add_practice_load), never a day's minutes (R-STAFF-2)
        self.week_load: dict[str, dict[int, list[tuple[int, LinearExpr, int]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        # Whose busiest week S-LOAD counts: everyone (None), or the people a group's relaxation
        # bounds (optimizer/search/lower_bound.py: each person in one group's only).
        self.load_of: frozenset[str] | None = None
        # staff -> hours their busiest week holds in every plan, at least: a floor under S-LOAD
        # in the periods relaxation (build_periods_model)
        self.load_floor: dict[str, int] = {}
        self.start_load = False  # the periods relaxation together: each practice's first site visit (forced.py)
        # client -> day -> individual-event literals (R-CLIENT-2)
        self.individual: dict[str, dict[int, list[cp_model.IntVar]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.penalties: list[Penalty] = []
        self.reasons: list[Msg] = []
        self.relaxed_rules: frozenset[str] = frozenset()  # left out by a diagnosis (model/__init__.py)
        # (client, day) of start, getting-ready and follow-up visits pinned as video (R-CLIENT-3).
        self.video_pins: set[tuple[str, int]] = {
            (e.client_id, cal.index(e.date)) for e in run.pinned
            if e.client_id and e.mode == "video" and e.kind in ("start_visit", "ready_visit", "follow_up_visit")}

    # --- helpers -----------------------------------------------------------------------------
    def iso(self, d: int) -> str:
        return self.cal.date(d).isoformat()

    def new_bool(self, name: str) -> cp_model.IntVar:
        return self.m.NewBoolVar(name)

    def new_int(self, lo: int, hi: int, name: str) -> cp_model.IntVar:
        return self.m.NewIntVar(lo, hi, name)

    def minutes(self, key: str) -> int:
        return self.sm.num(key)

    def day_minutes(self, staff_id: str, day: int | None = None) -> int:
        """Minutes of work the person's day holds, less what is reserved outside this model."""
        cap = day_capacity(self.roster.staff[staff_id], self.sm)
        return cap - self.reserved.minutes.get((staff_id, day), 0) if day is not None else cap

    def add_load(self, staff_id: str, day: int, minutes: int, literal: LinearExpr) -> None:
        self.load[staff_id][day].append((minutes, literal))

    def counts_work_of(self, staff_id: str) -> bool:
        """Whether the periods relaxation counts the least work of this case manager's clients
        (practice visits and calls, final discussions) in their weeks: only for the people whose
        busiest week it bounds (`load_of`), never where S-LOAD counts everyone's group days."""
        return self.load_of is not None and staff_id in self.load_of

    def add_week_load(self, staff_id: str, week: int, minutes: int, count: LinearExpr, most: int) -> None:
        self.week_load[staff_id][week].append((minutes, count, most))

    def add_individual(self, client_id: str, day: int, literal: cp_model.IntVar) -> None:
        self.individual[client_id][day].append(literal)

    def penalize(self, rule: str, expr: LinearExpr, who: str, what: str) -> None:
        self.penalties.append(Penalty(rule, expr, who, what))

    def no_plan(self, key: str, **info: object) -> None:
        self.reasons.append(Msg(key, info))

    def forbid_together(self, literal: cp_model.IntVar, options: list[tuple[BlockOption, cp_model.IntVar]],
                           condition) -> None:
        """literal and any option satisfying `condition` cannot both hold."""
        conflicting = [v for opt, v in options if condition(opt)]
        if conflicting:
            self.m.Add(literal + sum(conflicting) <= 1)

    def positive_part(self, expr: LinearExpr, hi: int, name: str) -> cp_model.IntVar:
        """A variable >= max(0, expr); the objective pushes it down to exactly that."""
        v = self.new_int(0, max(hi, 0), name)
        self.m.Add(v >= expr)
        return v
