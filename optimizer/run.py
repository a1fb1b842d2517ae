"""The use cases behind the command line: plan a roster, compare two input variants, read what a
check needs. Each returns one outcome object; optimizer/cli.py parses the arguments, calls
these, prints the outcome and turns it into an exit code, so that the steps of a run (read,
re-plan, solve, diagnose, explain, write) are in one place and not in the argument handling.

Lines a coordinator should see while a run goes on (notes on the input, the search's progress,
why no plan exists, the diagnosis) go to `say` as they come; everything else is in the outcome.
Ctrl-C during the search stops it and keeps the best plan found so far (`stop_on_ctrl_c`).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from optimizer import __version__
from optimizer.checks.costs import objective, soft_costs
from optimizer.checks.validate import Report, validate
from optimizer.core.domain import Roster
from optimizer.core.errors import InputErrors
from optimizer.core.messages import Msg, fmt_gap, fmt_number, t
from optimizer.core.plan import GROUP_DAY, Plan, RunSettings
from optimizer.core.privacy import checksum
from optimizer.core.service_model import ServiceModel
from optimizer.explain.compare import Row, compare_rows, summarize
from optimizer.explain.diagnose import diagnose, diagnosis_budget
from optimizer.explain.diff import Diff, plan_diff
from optimizer.explain.explain import Explained, explain_costs
from optimizer.output.chart import draw
from optimizer.output.files import OutputSet, check_folder, check_output
from optimizer.output.ics import calendar_files, previous_calendars, stale_calendars
from optimizer.search import stopping
from optimizer.search.replan import done_by_others, with_previous
from optimizer.search.solve import DEFAULT_SEED, DEFAULT_TIME_LIMIT_S, DEFAULT_WORKERS, Result, Status, solve
from optimizer.workbook.plan_read import foreign_ids, most_events, read_plan
from optimizer.workbook.read import read_roster
from optimizer.workbook.write import BROKEN, PlanBook, Summary, write_no_plan, write_plan

Say = Callable[[str, bool], None]  # one console line; True: to the error stream
SHOWN_ERRORS = 200  # input errors listed at most (a workbook of a million bad cells is not a million lines)
T = TypeVar("T")
# The time limit covers the command, not the search alone: after the search come the costs'
# causes (explain_costs), the validator, the workbook and its picture. The search gets the limit
# less AFTER_SEARCH_SECONDS and this much a client, at most AFTER_SEARCH_MAX_SHARE of the limit.
# Measured on 3.12. (console timestamps, nothing beside): 3.6 s after the example's search (26
# clients, 838 events), 5.3 s after M1's (60, 1,957), 15.8 s after L1's (200, 6,460): about
# 2 s and 0.07 s a client, which the reserve doubles for a machine busy with other work. On
# 2.12. they had taken 7-9 s after the example's search, and 0.3 s a client was reserved: a
# 60 s run of M1 then ended at 49 s, its search 6 s shorter than it could be. What the command
# spent before the search (starting, importing, reading: 1.6-2.6 s on the example) comes off
# too: the command took 41.1 s at 40 s without it. The search keeps at least half the limit,
# however short the limit.
AFTER_SEARCH_SECONDS = 2.0
AFTER_SEARCH_SECONDS_PER_CLIENT = 0.15
AFTER_SEARCH_MAX_SHARE = 0.25
MIN_SEARCH_SHARE = 0.5


def search_limit(limit: float, clients: int, spent: float = 0.0) -> float:
    """The search's share of a run's time limit: what is left after the `spent` seconds before
    it and the work that follows it."""
    after = min(AFTER_SEARCH_SECONDS + AFTER_SEARCH_SECONDS_PER_CLIENT * clients, AFTER_SEARCH_MAX_SHARE * limit)
    return max(limit - spent - after, MIN_SEARCH_SHARE * limit)


# --- reading --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Input:
    """A roster read and, with a previous plan, re-planned from it (optimizer/search/replan.py)."""

    roster: Roster
    sm: ServiceModel
    run: RunSettings
    notes: list[str] = field(default_factory=list)
    previous: Plan | None = None


def read_input(roster_path: Path, lang: str, service_model: Path | None = None,
               previous_path: Path | None = None) -> Input:
    """The input workbook and the previous plan, if any; the roster and run re-planned from it."""
    roster, sm, run, notes = read_roster(roster_path, lang, service_model, replan=previous_path is not None)
    previous = read_plan(previous_path, lang, most_events(roster, len(run.pinned))) if previous_path else None
    if previous is not None:
        roster, run = replan_from(roster, run, previous, lang)
    return Input(roster, sm, run, notes, previous)


def replan_from(roster: Roster, run: RunSettings, previous: Plan, lang: str) -> tuple[Roster, RunSettings]:
    """The roster and run re-planned from `previous` (replan.py); events done by people no longer
    on the Staff sheet are named with their cells (bad input) rather than found to have no plan."""
    gone = done_by_others(roster, previous)
    if gone:
        raise InputErrors([t("previous_unknown_staff", lang, cell=e.row, staff=", ".join(
            s for s in e.staff_ids if s not in roster.staff)) for e in gone[:SHOWN_ERRORS]])
    return with_previous(roster, run, previous)


# --- planning -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanRequest:
    """What `optimize ROSTER` was asked: the paths and the search's settings."""

    roster_path: Path
    output: Path
    lang: str = "fi"
    time_limit: float | None = None  # None: the Settings sheet's, else DEFAULT_TIME_LIMIT_S
    service_model: Path | None = None
    seed: int = DEFAULT_SEED
    workers: int = DEFAULT_WORKERS
    log: bool = False
    deterministic: bool = False
    previous_path: Path | None = None
    ics_dir: Path | None = None
    started: float | None = None  # time.monotonic() when the command began; None: when planning begins

    @property
    def inputs(self) -> tuple[Path | None, ...]:
        """The files the run reads: no output may be one of them."""
        return (self.roster_path, self.previous_path, self.service_model)


@dataclass
class PlanOutcome:
    """One planning run: what was read, how the search ended, and everything written or said
    about it. The soft-rule costs are explained once (`costs`): the Checks sheet and `--explain`
    show the same rows."""

    request: PlanRequest
    input: Input
    limit: float  # the time limit that applied
    result: Result  # its plan carries the validator's report
    summary: Summary
    interrupted: bool = False  # Ctrl-C during the search or the diagnosis
    reasons: list[Msg] = field(default_factory=list)  # why no plan, then the diagnosis
    costs: list[Explained] = field(default_factory=list)
    moved: Diff | None = None  # re-planning: what changed from the previous plan

    @property
    def plan(self) -> Plan | None:
        return self.result.plan

    @property
    def report(self) -> Report:
        """The validator's report of the plan (`solve` validates every plan it returns)."""
        if self.result.report is None:
            raise RuntimeError("a plan without the validator's report")  # never expected: solve sets it
        return self.result.report

    def book(self) -> PlanBook:
        """What the plan workbook shows."""
        assert self.plan is not None
        return PlanBook(self.input.roster, self.input.sm, self.plan, self.report, self.summary, self.costs,
                        self.moved)


def check_outputs(request: PlanRequest | ExportRequest) -> None:
    """Everything about the outputs that can be known, checked before the search or the export
    reads anything (files.py): the workbook, its picture and the calendar folder."""
    check_output(request.output, request.lang, request.inputs, derived=(request.output.with_suffix(".png"),))
    if request.ics_dir is not None:
        check_folder(request.ics_dir, request.lang, create=True)


def plan_roster(request: PlanRequest, say: Say) -> PlanOutcome:
    """Read, re-plan, solve and, when no plan exists, diagnose why; the plan's costs explained."""
    lang = request.lang
    got = read_input(request.roster_path, lang, request.service_model, request.previous_path)
    roster, sm, run = got.roster, got.sm, got.run
    for note in got.notes:
        say(note, True)
    limit = request.time_limit or run.time_limit_s or DEFAULT_TIME_LIMIT_S
    _say_solving(say, lang, roster, limit)
    reasons: list[Msg] = []  # why no plan, then the diagnosis: the Checks rows of exit 3
    with stop_on_ctrl_c(say, lang) as stops:
        spent = 0.0 if request.started is None else time.monotonic() - request.started
        result = in_background(lambda: solve(roster, sm, time_limit_s=search_limit(limit, len(roster.clients), spent),
                                              seed=request.seed,
                                              workers=request.workers, log=request.log,
                                              progress=None if request.log else Progress(say, lang),
                                              deterministic=request.deterministic, run=run))
        if result.status == Status.INFEASIBLE:
            for reason in result.reasons or [Msg("model_infeasible", {})]:
                reasons.append(reason)
                say(reason.text(lang), True)
        if result.status == Status.INFEASIBLE and not stops:
            budget = diagnosis_budget(limit)
            say(t("diagnosing", lang, seconds=f"{budget:g}"), True)
            found = in_background(lambda: diagnose(roster, sm, result.reasons, budget, request.seed,
                                                   request.workers, deterministic=request.deterministic, run=run))
            for line in found.lines:
                reasons.append(line)
                say(line.text(lang), True)
    outcome = PlanOutcome(request, got, limit, result, _summary(request, got, limit, result),
                          interrupted=bool(stops), reasons=reasons)
    if result.plan is not None:
        outcome.costs = explain_costs(roster, sm, result.plan, lang, run)
        if got.previous is not None:
            outcome.moved = plan_diff(got.previous, result.plan)
    return outcome


def _say_solving(say: Say, lang: str, roster: Roster, limit: float) -> None:
    say(t("solving", lang, groups=len(roster.groups), clients=len(roster.clients),
          staff=len(roster.staff), limit=f"{limit:g}"), False)


def _summary(request: PlanRequest, got: Input, limit: float, result: Result) -> Summary:
    roster, sm = got.roster, got.sm
    return Summary(
        status=result.status, objective=result.objective, bound=result.bound, gap=result.gap,
        bound_source=result.bound_source,
        seconds=result.seconds, groups=len(roster.groups), clients=len(roster.clients), staff=len(roster.staff),
        events=len(result.plan.events) if result.plan else 0,
        broken=len(result.report.broken) if result.report else 0,
        postponed=tuple(sorted(result.postponed)), variables=result.variables, constraints=result.constraints,
        input=request.roster_path.name, input_checksum=_checksum(request.roster_path),
        plan_start=got.run.frozen_until or roster.plan_start, plan_end=roster.plan_end,
        service_model=f"{sm.name} ({sm.path.name})", service_model_checksum=sm.checksum,
        tool_version=__version__, ortools_version=_ortools_version(), seed=request.seed, time_limit=limit,
        written=datetime.now().replace(microsecond=0).isoformat(sep=" "), deterministic=request.deterministic,
        penalties=result.penalty_by_rule(sm.weights),
        chosen_case_managers=sum(1 for c in roster.clients.values() if c.case_manager is None))


def _checksum(path: Path) -> str:
    return checksum(path.read_bytes())


def _ortools_version() -> str:
    try:
        import ortools

        return str(ortools.__version__)
    except (ImportError, AttributeError):
        return "?"


# --- exporting a plan made before -----------------------------------------------------------------

@dataclass(frozen=True)
class ExportRequest:
    """What `optimize export ROSTER PLAN` was asked: write an existing plan again (another
    language, calendar files) without planning again."""

    roster_path: Path
    plan_path: Path
    output: Path
    lang: str = "fi"
    service_model: Path | None = None
    ics_dir: Path | None = None

    @property
    def inputs(self) -> tuple[Path | None, ...]:
        """The files the export reads: no output may be one of them."""
        return (self.roster_path, self.plan_path, self.service_model)


@dataclass
class Exported:
    """A plan read back from its workbook, checked by the validator, with its costs explained."""

    request: ExportRequest
    input: Input
    plan: Plan
    report: Report
    summary: Summary
    costs: list[Explained] = field(default_factory=list)

    def book(self) -> PlanBook:
        return PlanBook(self.input.roster, self.input.sm, self.plan, self.report, self.summary, self.costs)


def export_plan(request: ExportRequest, say: Say) -> Exported:
    """Read the roster and the plan, refuse a plan of another roster (bad input, as `check`
    does), and check every rule (checks/validate.py) before anything is written: the plan is a
    decision made before, written again event for event, its broken rules said, not mended."""
    lang = request.lang
    got = read_input(request.roster_path, lang, request.service_model)
    roster, sm, run = got.roster, got.sm, got.run
    for note in got.notes:
        say(note, True)
    plan = read_plan(request.plan_path, lang, most_events(roster, len(run.pinned)))
    foreign, first = foreign_ids(roster, plan, lang)
    if foreign:
        raise InputErrors([first, *foreign])
    if first:
        say(first, True)
    # A postponed start (R-GROUP-2) is not a column of the plan: a group whose first day is past
    # its agreed window is one, as the costs and the validator read it too.
    firsts: dict[str, date] = {}
    for e in plan.events:
        if e.kind == GROUP_DAY:
            firsts[e.group_id] = min(e.date, firsts.get(e.group_id, e.date))
    plan.postponed = {gid for gid, day in firsts.items()
                      if gid in roster.groups and day > roster.groups[gid].start_latest}
    report = validate(roster, sm, plan, run)
    summary = Summary(
        status=Status.FEASIBLE if report.ok else BROKEN, objective=objective(roster, sm, plan, run),
        groups=len(roster.groups), clients=len(roster.clients), staff=len(roster.staff), events=len(plan.events),
        broken=len(report.broken), postponed=tuple(sorted(plan.postponed)), input=request.roster_path.name,
        input_checksum=_checksum(request.roster_path), plan_start=run.frozen_until or roster.plan_start,
        plan_end=roster.plan_end, service_model=f"{sm.name} ({sm.path.name})", service_model_checksum=sm.checksum,
        tool_version=__version__, ortools_version=_ortools_version(),
        written=datetime.now().replace(microsecond=0).isoformat(sep=" "),
        penalties=soft_costs(roster, sm, plan, run), exported_from=request.plan_path.name)
    return Exported(request, got, plan, report, summary, explain_costs(roster, sm, plan, lang, run))


# --- writing --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Written:
    calendars: int = 0  # calendar files written
    stale: list[Path] = field(default_factory=list)  # calendars of people no longer in the plan, removed


def write_no_plan_file(outcome: PlanOutcome) -> None:
    """Exit 3: a workbook of only Summary and Checks, saying which rules and inputs collide."""
    request = outcome.request
    write_one(request.output, lambda tmp: write_no_plan(tmp, outcome.input.sm, outcome.reasons, outcome.summary,
                                                        request.lang), request.lang)


def write_plan_files(outcome: PlanOutcome | Exported) -> Written:
    """The workbook, its picture and the calendar files: the whole new set, or the old one untouched."""
    request, book = outcome.request, outcome.book()
    roster, plan, lang = book.roster, book.plan, request.lang
    ics_dir, output = request.ics_dir, request.output
    # Against the calendars written there before: unchanged events stay as they were, moved
    # ones keep their UID, removed ones are cancelled (issue 15, optimizer/output/ics.py).
    calendars = calendar_files(roster, book.sm, plan, lang, previous_calendars(ics_dir)) \
        if ics_dir is not None else {}
    stale: list[Path] = []
    with OutputSet(lang, request.inputs) as out:
        picture = out.add(output.with_suffix(".png"), lambda tmp: draw(roster, plan, tmp, lang))
        out.add(output, lambda tmp: write_plan(tmp, book, lang, picture))
        if ics_dir is not None:
            for name, data in calendars.items():
                out.add(ics_dir / name, lambda tmp, data=data: tmp.write_bytes(data))
            stale = stale_calendars(ics_dir, set(calendars))
            for path in stale:  # a calendar of someone no longer in the plan goes with the old set
                out.remove(path)
        out.commit()
    return Written(len(calendars), stale)


def write_one(path: Path, write: Callable[[Path], object], lang: str) -> None:
    """One file, written whole or not at all (optimizer/output/files.py)."""
    with OutputSet(lang) as out:
        out.add(path, write)
        out.commit()


# --- comparing ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    """`optimize compare`: the rows side by side, or the first variant without a plan."""

    rows: list[Row] = field(default_factory=list)
    no_plan: Path | None = None  # the variant that has no plan
    status: Status | None = None  # how its search ended (infeasible or unknown)


def compare_variants(path_a: Path, path_b: Path, time_limit: float | None, lang: str, seed: int,
                     say: Say) -> Comparison:
    """Plan two input variants and compare them: group starts, process lengths, loads, costs."""
    summaries = []
    for path in (path_a, path_b):
        roster, sm, run, _ = read_roster(path, lang)
        limit = time_limit or run.time_limit_s or DEFAULT_TIME_LIMIT_S
        _say_solving(say, lang, roster, limit)
        result = in_background(lambda roster=roster, sm=sm, run=run, limit=limit: solve(
            roster, sm, time_limit_s=limit, seed=seed, run=run))
        if result.plan is None:
            return Comparison(no_plan=path, status=result.status)
        if result.report is None or not result.report.ok:
            raise RuntimeError("a plan that breaks a rule")  # never expected: the validator is the second opinion
        summaries.append(summarize(roster, sm, result.plan))
    return Comparison(compare_rows(*summaries))


# --- the search in the background, Ctrl-C --------------------------------------------------------

class Progress:
    """One line per better plan on the console, at most one a second (the search log replaces it)."""

    def __init__(self, say: Say, lang: str) -> None:
        self.say, self.lang = say, lang
        self.shown = -1.0

    def __call__(self, seconds: float, objective: float, bound: float | None) -> None:
        if seconds - self.shown < 1.0 and bound is not None:
            return
        self.shown = seconds
        if bound is None:  # the greedy plan and its group-by-group improvements: no bound yet
            self.say(t("progress_first", self.lang, time=f"{fmt_number(seconds, self.lang):>6}",
                       objective=f"{objective:g}"), True)
            return
        gap = (objective - bound) / abs(objective) if objective else 0.0
        self.say(t("progress", self.lang, time=f"{fmt_number(seconds, self.lang):>6}", objective=f"{objective:g}",
                   bound=f"{bound:g}", gap=fmt_gap(gap, self.lang)), True)


def in_background(work: Callable[[], T]) -> T:
    """Run the search in a worker thread, so that the main thread stays free to hear Ctrl-C
    (CP-SAT releases the interpreter while it searches)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # handed to the main thread as it is
            box["error"] = exc

    worker = threading.Thread(target=target, name="search", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.2)
    if "error" in box:
        raise box["error"]
    result: T = box["result"]
    return result


@contextmanager
def stop_on_ctrl_c(say: Say, lang: str) -> Iterator[list[int]]:
    """Ctrl-C stops the search, and the best plan found so far is written rather than lost.
    Yields a list that holds the signal once Ctrl-C was pressed."""
    stops: list[int] = []

    def stop(signum: int, frame: object) -> None:
        stops.append(signum)
        say(t("stopping", lang), True)
        stopping.request()

    try:
        previous = signal.signal(signal.SIGINT, stop)
    except ValueError:  # not the main thread (e.g. inside a test runner): no handler
        previous = None
    try:
        yield stops
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        stopping.reset()
