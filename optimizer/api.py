"""A small Python API for an analyst in a notebook: read a roster, plan it (or read a plan made
before), and look at the plan as pandas DataFrames.

    from optimizer import api

    roster = api.read_roster("data/roster.xlsx")
    planned = api.plan(roster, time_limit_s=30)
    planned.events            # one row per event, the Events sheet's columns
    planned.periods           # one row per client and period
    planned.load              # minutes and capacity per staff member and week (the Load sheet)
    planned.broken            # rule ids the validator found broken: [] for every plan the tool makes

The same reader, search and validator as the `optimize` command; nothing is written. Client ids
are the workbook's pseudonymous ids; people's names are not in any of these tables.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from optimizer.checks.quality import Quality, quality
from optimizer.checks.validate import Report, validate
from optimizer.core.domain import Roster
from optimizer.core.plan import Plan as PlanRows
from optimizer.core.plan import RunSettings
from optimizer.core.service_model import ServiceModel
from optimizer.search.solve import DEFAULT_SEED, DEFAULT_TIME_LIMIT_S, solve
from optimizer.workbook import plan_read
from optimizer.workbook import read as roster_read
from optimizer.workbook.team import load_table

EVENT_COLUMNS = ["date", "kind", "phase", "group_id", "client_id", "staff_ids", "mode", "with_employer",
                 "network_meeting", "substitute", "note"]
PERIOD_COLUMNS = ["client_id", "group_id", "phase", "start", "end", "days", "note"]


@dataclass(frozen=True)
class RosterInput:
    """A roster workbook as read: the courses, the service model and what the run must keep."""

    roster: Roster
    sm: ServiceModel
    run: RunSettings


@dataclass(frozen=True)
class PlannedRoster:
    """A plan of a roster, with the validator's report, as tables."""

    input: RosterInput
    plan: PlanRows
    report: Report
    objective: float | None = None
    bound: float | None = None

    @property
    def broken(self) -> list[str]:
        """Rule ids of the hard rules the plan breaks (none for a plan the tool made)."""
        return [r.rule for r in self.report.broken]

    @property
    def events(self) -> pd.DataFrame:
        rows = [{**{k: getattr(e, k) for k in EVENT_COLUMNS if k != "staff_ids"}, "staff_ids": ",".join(e.staff_ids)}
                for e in self.plan.events]
        return pd.DataFrame.from_records(rows, columns=EVENT_COLUMNS)

    @property
    def periods(self) -> pd.DataFrame:
        return pd.DataFrame.from_records([{k: getattr(p, k) for k in PERIOD_COLUMNS} for p in self.plan.periods],
                                         columns=PERIOD_COLUMNS)

    @property
    def load(self) -> pd.DataFrame:
        """Minutes of work and capacity per week (rows: Mondays) and staff member (R-STAFF-2)."""
        return load_table(self.input.roster, self.input.sm, self.plan)

    @property
    def quality(self) -> dict[str, object]:
        """The plan's quality figures (the Summary sheet's), by name."""
        q: Quality = quality(self.input.roster, self.input.sm, self.plan)
        return asdict(q)


def read_roster(path: str | Path, service_model: str | Path | None = None) -> RosterInput:
    """Read and check a roster workbook; raises `optimizer.core.errors.InputError` with every
    problem (sheet, cell and value) when the input is bad."""
    roster, sm, run, _notes = roster_read.read_roster(Path(path), "en",
                                                      Path(service_model) if service_model else None)
    return RosterInput(roster, sm, run)


def plan(inp: RosterInput, time_limit_s: float = DEFAULT_TIME_LIMIT_S, seed: int = DEFAULT_SEED,
         deterministic: bool = False) -> PlannedRoster:
    """The best plan found within the time limit, validated. Raises ValueError when no plan
    keeps every rule (the `optimize` command then says which inputs collide)."""
    result = solve(inp.roster, inp.sm, time_limit_s=time_limit_s, seed=seed, deterministic=deterministic,
                   run=inp.run)
    if result.plan is None or result.report is None:
        raise ValueError(f"no plan: {result.status.value}")
    return PlannedRoster(inp, result.plan, result.report, result.objective, result.bound)


def read_plan(inp: RosterInput, path: str | Path) -> PlannedRoster:
    """A plan workbook made before (by the tool or by hand), validated against the roster."""
    rows = plan_read.read_plan(Path(path), "en")
    return PlannedRoster(inp, rows, validate(inp.roster, inp.sm, rows, inp.run))
