"""A plan as the workbook contract describes it: Events and Periods rows.

Both the optimizer's result and a plan read back from a workbook (perhaps made by hand) are a
`Plan`, so the validator checks either the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Event kinds and phases: the English codes of the contract, used in both languages.
GROUP_DAY = "group_day"
START_VISIT = "start_visit"
READY_VISIT = "ready_visit"
WP_VISIT = "wp_visit"
PHONE_CALL = "phone_call"
FINAL_DISCUSSION = "final_discussion"
FOLLOW_UP_VISIT = "follow_up_visit"
CERTIFICATE_DUE = "certificate_due"
REPORT_DUE = "report_due"
FOLLOW_UP_REPORT_DUE = "follow_up_report_due"

EVENT_KINDS = (
    GROUP_DAY, START_VISIT, READY_VISIT, WP_VISIT, PHONE_CALL, FINAL_DISCUSSION,
    FOLLOW_UP_VISIT, CERTIFICATE_DUE, REPORT_DUE, FOLLOW_UP_REPORT_DUE,
)
DUE_KINDS = (CERTIFICATE_DUE, REPORT_DUE, FOLLOW_UP_REPORT_DUE)
# A client's individual events, held by the case manager (a call possibly by a substitute; R-STAFF-3).
INDIVIDUAL_KINDS = (START_VISIT, READY_VISIT, WP_VISIT, PHONE_CALL, FINAL_DISCUSSION, FOLLOW_UP_VISIT)

START, READY, WORK_PRACTICE, DEEP, FINAL, FOLLOW_UP = (
    "start", "ready", "work_practice", "deep", "final", "follow_up",
)
PHASES = (START, READY, WORK_PRACTICE, DEEP, FINAL, FOLLOW_UP)

OFFICE, SITE, VIDEO, PHONE = "office", "site", "video", "phone"
MODES = (OFFICE, SITE, VIDEO, PHONE)


@dataclass(frozen=True)
class Event:
    date: date
    kind: str
    phase: str
    group_id: str
    client_id: str | None = None
    staff_ids: tuple[str, ...] = ()
    mode: str | None = None
    with_employer: bool = False
    network_meeting: bool = False
    substitute: bool = False
    note: str = ""
    row: str = field(default="", compare=False)  # "Events!A12" when read from a workbook

    @property
    def is_individual(self) -> bool:
        """A visit or call with one client (R-CLIENT-2); not a group day, not a deadline."""
        return self.kind not in (GROUP_DAY, *DUE_KINDS)


@dataclass(frozen=True)
class Period:
    client_id: str
    group_id: str
    phase: str
    start: date
    end: date
    days: int
    note: str = ""
    row: str = field(default="", compare=False)


@dataclass
class Plan:
    events: list[Event] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    # Group ids whose start was postponed past the agreed window (R-GROUP-2).
    postponed: set[str] = field(default_factory=set)

    def first_group_day(self, group_id: str, phase: str) -> date | None:
        """The first day of the group's `phase` group period (start, deep, final), None if unplanned."""
        return min((e.date for e in self.events
                    if e.kind == GROUP_DAY and e.group_id == group_id and e.phase == phase), default=None)

    def sort(self) -> None:
        self.events.sort(
            key=lambda e: (e.date, e.group_id, e.client_id or "", EVENT_KINDS.index(e.kind))
            if e.kind in EVENT_KINDS else (e.date, e.group_id, e.client_id or "", 99)
        )
        self.periods.sort(
            key=lambda p: (p.group_id, p.client_id, PHASES.index(p.phase) if p.phase in PHASES else 9)
        )


CellRefs = dict[tuple[str, str], str]  # (what, whose id) -> "Sheet!A7"


@dataclass(frozen=True)
class RunSettings:
    """What one run holds beside the roster: the Settings sheet's time limit, the events done or
    agreed (the Fixed sheet's pins, R-CLIENT-3), and on a re-plan the plan made before (S-CHANGE
    counts its moved events) and the day before which everything is done (`frozen_until`: those
    events pinned, nothing new planned). Apart from `Roster`, which says what the courses are:
    these say what this run must keep, and a re-plan changes them, not the courses. The search,
    the validator and the costs read them from here."""

    time_limit_s: float | None = None  # None: --time-limit or the default
    pinned: tuple[Event, ...] = ()
    previous: Plan | None = field(default=None, compare=False)
    frozen_until: date | None = None
    # Where each fact of the roster stands in the input workbook, for messages that name the
    # cell: ("clients", "A012") -> "Asiakkaat!A7". The reader's, not the courses' (Roster).
    cells: CellRefs = field(default_factory=dict, compare=False)


DEFAULT_RUN = RunSettings()  # nothing pinned, no previous plan: a first plan


def events_by_staff(plan: Plan) -> dict[str, list[Event]]:
    """Each staff member's events: group days led, visits, calls, discussions, and the deadlines
    of the reports they write (R-REPORT-1, R-FOLLOW-2, R-CERT-1)."""
    out: dict[str, list[Event]] = {}
    for e in plan.events:
        for s in e.staff_ids:
            out.setdefault(s, []).append(e)
    return out
