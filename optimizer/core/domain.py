"""Validated domain data: what the workbook says, free of spreadsheet details.

Ids are text. Dates are `datetime.date`. Weekdays are 0 (Monday) to 6 (Sunday).
Names of people are kept only to be written back into the staff's own roster; they never go
to logs or messages.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date

CASE_MANAGER = "case_manager"
GROUP_LEADER = "group_leader"

# Group `weekdays` input: which 4-day pattern a group's blocks use (R-START-2).
MON_THU = "mon-thu"
TUE_FRI = "tue-fri"
PATTERN_OFFSETS = {MON_THU: 0, TUE_FRI: 1}  # the weekday (0 = Monday) a 4-day block starts on
PATTERN_DAYS = 4  # the days of a block in either pattern


def same_site(a: str | None, b: str | None) -> bool:
    """A person may work for a group of another site only when either has no site given."""
    return a is None or b is None or a.casefold() == b.casefold()


@dataclass(frozen=True)
class Staff:
    staff_id: str
    roles: frozenset[str]
    work_days: frozenset[int] = frozenset(range(5))
    max_clients: int | None = None
    day_minutes: int | None = None  # None: the service model's day_minutes
    site: str | None = None
    name: str | None = field(default=None, repr=False, compare=False)

    @property
    def is_case_manager(self) -> bool:
        return CASE_MANAGER in self.roles

    @property
    def is_leader(self) -> bool:
        return GROUP_LEADER in self.roles


@dataclass(frozen=True)
class Group:
    group_id: str
    start_earliest: date
    start_latest: date
    leaders: tuple[str, ...]
    max_size: int = 10
    weekdays: str | None = None  # MON_THU, TUE_FRI or None for either
    leaders_needed: int | None = None  # None: all listed leaders
    language: str = "fi"
    room: str | None = None
    site: str | None = None
    postpone: bool = False  # the coordinator postpones the start (below the minimum size only, R-GROUP-2)

    @property
    def leaders_required(self) -> int:
        return self.leaders_needed if self.leaders_needed is not None else len(self.leaders)


@dataclass(frozen=True)
class Client:
    client_id: str
    group_id: str
    decision_date: date
    start_visits: int
    ready_visits: int
    wp_visits: int
    wp_days: int
    follow_up_visits: int
    case_manager: str | None = None  # None: the optimizer chooses (R-STAFF-4)
    clear_plan: bool = False
    wp_start: date | None = None
    lunch: str | None = None
    wp_short_reason: str | None = None
    language: str | None = None
    # Part-time practice (R-WP-2): the weekdays (0 = Monday) the client practises; None: every working day.
    wp_weekdays: frozenset[int] | None = None
    attends_final: bool = False  # a clear-plan client joins the final group days (R-DEEP-2, Q5)

    @property
    def final_days_attended(self) -> bool:
        """R-DEEP-2 / R-FINAL-2: the client takes part in the final group days (everyone without a
        clear plan, and a clear-plan client who chose to)."""
        return not self.clear_plan or self.attends_final


# Absence reasons that mean illness (R-WP-6), as a coordinator writes them; an empty reason
# counts too, since a client's absence is most often a sick day nobody labelled.
ILLNESS_REASONS = frozenset({"sairaus", "sairausloma", "sairas", "sairastuminen", "illness", "ill", "sick",
                             "sick leave", "sickness"})


@dataclass(frozen=True)
class Absence:
    person: str
    start: date
    end: date  # inclusive
    reason: str = ""

    @property
    def is_illness(self) -> bool:
        """R-WP-6: an illness absence (reason sairaus / illness or left empty); a holiday is not."""
        return " ".join(self.reason.casefold().split()) in ILLNESS_REASONS | {""}


@dataclass(frozen=True)
class Roster:
    """Everything the input workbook says about the courses, checked across sheets. What one run
    holds beside it (time limit, pinned events, a previous plan) is `optimizer.core.plan.RunSettings`;
    the Weights sheet is folded into the service model (`ServiceModel.with_weights`)."""

    plan_start: date
    plan_end: date
    staff: dict[str, Staff]
    groups: dict[str, Group]
    clients: dict[str, Client]
    absences: tuple[Absence, ...] = ()
    closed_days: dict[date, str] = field(default_factory=dict)
    service_model: str | None = None

    def clients_of(self, group_id: str) -> list[Client]:
        return [c for c in self.clients.values() if c.group_id == group_id]

    def absences_of(self, person: str) -> list[Absence]:
        return list(self._absences_by_person.get(person, ()))

    @functools.cached_property
    def _absences_by_person(self) -> dict[str, tuple[Absence, ...]]:
        """Absences gathered by person once: asked per person and day, a scan of every row was
        quadratic in a roster of thousands of staff."""
        out: dict[str, list[Absence]] = {}
        for a in self.absences:
            out.setdefault(a.person, []).append(a)
        return {person: tuple(mine) for person, mine in out.items()}

    def case_managers(self) -> list[Staff]:
        return [s for s in self.staff.values() if s.is_case_manager]
