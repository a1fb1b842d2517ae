"""The command line: `optimize ROSTER.xlsx` and `optimize check ROSTER.xlsx PLAN.xlsx`.

A thin shell: it reads the workbook, calls `solve`, validates, writes, and turns every outcome
into a message and an exit code of the contract (0 plan written, 1 unexpected error, 2 bad
input, 3 no plan exists, 4 time ran out before any plan). No traceback reaches a coordinator
unless TAITO_DEBUG=1 is set.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from optimizer import __version__
from optimizer.checks.validate import Report, validate
from optimizer.core import bounds
from optimizer.core.errors import InputErrors
from optimizer.core.messages import CHANGE_WORDS, COMPARE_WORDS, columns, describe, fmt_date, status_word, t, yes_no
from optimizer.core.privacy import contains_identity_code
from optimizer.core.service_model import load_service_model
from optimizer.explain.compare import compare_rows, summarize
from optimizer.explain.diagnose import diagnose, diagnosis_budget
from optimizer.explain.diff import by_staff, changes
from optimizer.explain.explain import Explained, explain_costs
from optimizer.output.chart import draw
from optimizer.output.files import OutputSet, check_folder, check_output, exclusive
from optimizer.output.ics import calendar_files, stale_calendars
from optimizer.search import stopping
from optimizer.search.replan import done_by_others, with_previous
from optimizer.search.solve import DEFAULT_SEED, DEFAULT_TIME_LIMIT_S, DEFAULT_WORKERS, Result, solve
from optimizer.workbook.changes import write_changes_workbook
from optimizer.workbook.comparison import write_comparison
from optimizer.workbook.plan_read import foreign_ids, most_events, read_plan
from optimizer.workbook.read import read_roster
from optimizer.workbook.template import write_template
from optimizer.workbook.write import write_no_plan, write_plan

EXIT_OK, EXIT_UNEXPECTED, EXIT_INPUT, EXIT_NO_PLAN, EXIT_TIMEOUT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # Ctrl-C before any plan was found, as shells report SIGINT


def say(text: str, err: bool = False) -> None:
    """One line to the console, with no control characters: a value from a workbook never
    moves the cursor or recolours the terminal. A console that went away (`optimize ... |
    head -1`) stops the talking, not the work: the plan is still written."""
    try:
        click.echo("".join(ch if ch in "\n\t" or ch.isprintable() else "?" for ch in text), err=err)
    except (BrokenPipeError, OSError):
        stream = sys.stderr if err else sys.stdout
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())  # nothing more to say there


# Paths are checked by the tool itself (optimizer/output/files.py, workbook/intake.py), which never
# names an identity code; click's own checks would echo the path.
PATH = click.Path(path_type=Path)


class Seconds(click.ParamType):
    """A time limit in seconds: a finite number within bounds.TIME_LIMIT_S (NaN, infinity and
    1e-9 are not time limits), the same bounds as the Settings sheet's aikaraja_s."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        lo, hi = bounds.TIME_LIMIT_S
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not lo <= number <= hi:  # False for NaN as well
            self.fail(f"{value} is not within {lo:g}-{hi:g} seconds", param, ctx)
        return number


SECONDS = Seconds()
SHOWN_ERRORS = 200
SEEDS = click.IntRange(*bounds.SEED)


class _DefaultToPlan(click.Group):
    """`optimize ROSTER` runs the `plan` command; `optimize check ...` runs `check`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if any(contains_identity_code(arg) for arg in args):
            # Before click reads them: its messages echo an argument ("'...' is not a valid integer").
            lang = "en" if ("--lang", "en") in itertools.pairwise(args) else "fi"
            say(t("hetu_argument", lang), err=True)
            ctx.exit(EXIT_INPUT)
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["plan", *args]
        return super().parse_args(ctx, args)


def _guard(run: Callable[[], int], lang: str) -> None:
    """Run a command; any unexpected error becomes a one-line message and exit 1."""
    # openpyxl warns of what it reads oddly (a date past its range), naming its own source files:
    # the tool says what matters in its own messages, with the cell.
    warnings.filterwarnings("ignore", module="openpyxl")
    try:
        code = run()
    except InputErrors as exc:
        for m in exc.messages[:SHOWN_ERRORS]:  # a workbook of a million bad cells is not a million lines
            say(m, err=True)
        if len(exc.messages) > SHOWN_ERRORS:
            say(t("more_errors", lang, n=len(exc.messages) - SHOWN_ERRORS), err=True)
        say(t("input_errors", lang, n=len(exc.messages)), err=True)
        code = EXIT_INPUT
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:
        if os.environ.get("TAITO_DEBUG"):
            raise
        say(t("unexpected", lang, kind=type(exc).__name__), err=True)
        code = EXIT_UNEXPECTED
    sys.exit(code)


def _ortools_version() -> str:
    try:
        import ortools

        return str(ortools.__version__)
    except (ImportError, AttributeError):
        return "?"


def _checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


@click.group(cls=_DefaultToPlan, invoke_without_command=False,
             help="Plan Kela Taito rehabilitation courses: optimize ROSTER.xlsx [-o PLAN.xlsx]")
@click.version_option(__version__, prog_name="optimize")
def main() -> None:
    pass


@main.command("plan")
@click.argument("roster", type=PATH)
@click.option("-o", "--output", type=PATH,
              help="Where to write the plan (default: ROSTER-plan.xlsx beside the input).")
@click.option("--time-limit", type=SECONDS, help="Seconds the solver may search (1-86400).")
@click.option("--lang", type=click.Choice(["fi", "en"]), default="fi", show_default=True,
              help="Language of the plan and the messages.")
@click.option("--service-model", type=PATH,
              help="Service model file (default: Settings service_model or models/taito-2021.toml).")
@click.option("--seed", type=SEEDS, default=DEFAULT_SEED, show_default=True, help="Solver random seed.")
@click.option("--workers", type=click.IntRange(*bounds.WORKERS), default=DEFAULT_WORKERS, show_default=True,
              help="Solver threads.")
@click.option("--log", is_flag=True, help="Show the solver's search log.")
@click.option("--previous", type=PATH,
              help="The plan made before: re-plan moving as few of its events as possible (S-CHANGE), "
                   "and list what moved in a Changes sheet.")
@click.option("--ics", "ics_dir", type=PATH,
              help="Also write one iCalendar file per staff member into this directory.")
@click.option("--explain", is_flag=True,
              help="List every soft-rule cost of the plan with who, when, how much and why (also in Checks).")
@click.option("--deterministic", is_flag=True,
              help="Same input and seed, same plan in every run: solver threads in fixed turns, the time "
                   "limit counted in the solver's own work units (slower to improve; see the README).")
def plan_command(roster: Path, output: Path | None, time_limit: float | None, lang: str,
                 service_model: Path | None, seed: int, workers: int, log: bool, previous: Path | None,
                 ics_dir: Path | None, explain: bool, deterministic: bool) -> None:
    """Plan every group and client of ROSTER and write the plan workbook."""
    _guard(lambda: _plan(roster, output, time_limit, lang, service_model, seed, workers, log, deterministic,
                         explain, ics_dir, previous), lang)


def _plan(roster_path: Path, output: Path | None, time_limit: float | None, lang: str,
          service_model: Path | None, seed: int, workers: int, log: bool, deterministic: bool = False,
          explain: bool = False, ics_dir: Path | None = None, previous_path: Path | None = None) -> int:
    output = output or roster_path.with_name(f"{roster_path.stem}-plan.xlsx")
    # Everything about the outputs that can be known is checked before the search (files.py).
    check_output(output, lang, (roster_path, previous_path, service_model), derived=(output.with_suffix(".png"),))
    if ics_dir is not None:
        check_folder(ics_dir, lang, create=True)
    with exclusive(output, lang):
        return _plan_locked(roster_path, output, time_limit, lang, service_model, seed, workers, log,
                            deterministic, explain, ics_dir, previous_path)


def _plan_locked(roster_path: Path, output: Path, time_limit: float | None, lang: str,
                 service_model: Path | None, seed: int, workers: int, log: bool, deterministic: bool,
                 explain: bool, ics_dir: Path | None, previous_path: Path | None) -> int:
    roster, sm, notes = read_roster(roster_path, lang, service_model, replan=previous_path is not None)
    previous = read_plan(previous_path, lang, most_events(roster)) if previous_path is not None else None
    if previous is not None:
        roster = _with_previous(roster, previous, lang)
    for note in notes:
        say(note, err=True)
    limit = time_limit or roster.time_limit_s or DEFAULT_TIME_LIMIT_S
    say(t("solving", lang, groups=len(roster.groups), clients=len(roster.clients),
          staff=len(roster.staff), limit=f"{limit:g}"))
    explanation: list[tuple[str, str]] = []  # (message key, text): the Checks rows of exit 3
    with _stop_on_ctrl_c(lang) as stops:
        result = _in_background(lambda: solve(roster, sm, time_limit_s=limit, seed=seed, workers=workers,
                                              log=log, progress=None if log else _Progress(lang),
                                              deterministic=deterministic))
        if result.status == "infeasible":
            for key, info_ in result.reasons or [("model_infeasible", {})]:
                explanation.append((key, t(key, lang, **info_)))
                say(explanation[-1][1], err=True)
        if result.status == "infeasible" and not stops:
            budget = diagnosis_budget(limit)
            say(t("diagnosing", lang, seconds=f"{budget:g}"), err=True)
            found = _in_background(lambda: diagnose(roster, sm, result.reasons, budget, seed, workers,
                                                    deterministic=deterministic))
            for key, info_ in found.lines:
                explanation.append((key, t(key, lang, **info_)))
                say(explanation[-1][1], err=True)
    interrupted = bool(stops)
    info = _summary_info(result, roster, sm, roster_path, limit, seed, lang)
    info["deterministic"] = yes_no(deterministic, lang)
    say(t("status", lang, status=status_word(result.status, lang)))
    if result.status == "unknown":
        if interrupted:
            say(t("interrupted", lang), err=True)
            return EXIT_INTERRUPTED
        say(t("timeout", lang, limit=f"{limit:g}"), err=True)
        return EXIT_TIMEOUT
    if result.plan is None:
        _write_one(output, lambda tmp: write_no_plan(tmp, sm, explanation, info, lang), lang)
        say(t("infeasible", lang, path=output), err=True)
        return EXIT_NO_PLAN
    plan = result.plan
    report = validate(roster, sm, plan)
    info["broken"] = len(report.broken)
    info["events"] = len(plan.events)
    moved = changes(previous, plan) if previous is not None else None
    calendars = calendar_files(roster, plan, lang) if ics_dir is not None else {}
    # The workbook, its picture and the calendar files: the whole new set, or the old one untouched.
    with OutputSet(lang, (roster_path, previous_path, service_model)) as out:
        picture = out.add(output.with_suffix(".png"), lambda tmp: draw(roster, plan, tmp, lang))
        out.add(output, lambda tmp: write_plan(tmp, roster, sm, plan, report, info, result.penalty_by_rule(), lang,
                                               picture, moved))
        stale: list[Path] = []
        if ics_dir is not None:
            for name, data in calendars.items():
                out.add(ics_dir / name, lambda tmp, data=data: tmp.write_bytes(data))
            stale = stale_calendars(ics_dir, set(calendars))
            for path in stale:  # a calendar of someone no longer in the plan goes with the old set
                out.remove(path)
        out.commit()
    for gid in sorted(result.postponed):
        first = min(e.date for e in plan.events if e.group_id == gid)
        say(t("postponed", lang, group=gid, start=first))
    _echo_report_problems(report, lang)
    say(t("summary_line", lang, events=len(plan.events), broken=len(report.broken),
          objective=_number(result.objective), bound=_number(result.bound),
          gap=f"{100 * result.gap:.1f} %" if result.gap is not None else "-",
          time=f"{result.seconds:.1f}"))
    if moved is not None and previous is not None:
        say(t("replan_summary", lang, moved=sum(c.change == "moved" for c in moved), n=len(previous.events),
              added=sum(c.change == "added" for c in moved), removed=sum(c.change == "removed" for c in moved)))
    if explain:
        _echo_costs(explain_costs(roster, sm, plan, lang), lang)
    if ics_dir is not None:
        say(t("ics_written", lang, n=len(calendars), path=ics_dir))
        if stale:
            say(t("ics_removed", lang, n=len(stale), names=", ".join(p.name for p in stale[:10])))
    say(t("written", lang, path=output))
    return EXIT_OK


def _with_previous(roster: Any, previous: Any, lang: str) -> Any:
    """The roster re-planned from `previous` (replan.py); events done by people no longer on the
    Staff sheet are named with their cells (bad input) rather than found to have no plan."""
    gone = done_by_others(roster, previous)
    if gone:
        raise InputErrors([t("previous_unknown_staff", lang, cell=e.row, staff=", ".join(
            s for s in e.staff_ids if s not in roster.staff)) for e in gone[:SHOWN_ERRORS]])
    return with_previous(roster, previous)


def _write_one(path: Path, write: Callable[[Path], object], lang: str) -> None:
    """One file, written whole or not at all (optimizer/output/files.py)."""
    with OutputSet(lang) as out:
        out.add(path, write)
        out.commit()


def _echo_costs(costs: list[Explained], lang: str) -> None:
    """`--explain`: every soft-rule cost, the costliest first (the Checks sheet has the same)."""
    if not costs:
        say(t("explain_none", lang))
        return
    say(t("explain_header", lang))
    for x in costs:
        when = fmt_date(x.item.when, lang) if x.item.when else ""
        say(f"  {x.item.rule:13} {x.item.who:7} {when:10} {x.cost:6}  {t(x.why.key, lang, **x.why.info)}")


class _Progress:
    """One line per better plan on the console, at most one a second (the search log replaces it)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.shown = -1.0

    def __call__(self, seconds: float, objective: float, bound: float | None) -> None:
        if seconds - self.shown < 1.0 and bound is not None:
            return
        self.shown = seconds
        if bound is None:  # the greedy plan and its group-by-group improvements: no bound yet
            say(t("progress_first", self.lang, time=f"{seconds:6.1f}", objective=f"{objective:g}"), err=True)
            return
        gap = 100 * (objective - bound) / abs(objective) if objective else 0.0
        say(t("progress", self.lang, time=f"{seconds:6.1f}", objective=f"{objective:g}",
                     bound=f"{bound:g}", gap=f"{gap:.1f} %"), err=True)


def _in_background(work: Callable[[], Any]) -> Any:
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
    return box["result"]


@contextmanager
def _stop_on_ctrl_c(lang: str) -> Iterator[list[int]]:
    """Ctrl-C stops the search, and the best plan found so far is written rather than lost.
    Yields a list that holds the signal once Ctrl-C was pressed."""
    stops: list[int] = []

    def stop(signum: int, frame: object) -> None:
        stops.append(signum)
        say(t("stopping", lang), err=True)
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


def _number(value: float | None) -> str:
    """The bound is unknown when the plan comes from planning groups one by one."""
    return f"{value:g}" if value is not None else "-"


def _summary_info(result: Result, roster: Any, sm: Any, roster_path: Path, limit: float, seed: int,
                  lang: str) -> dict[str, Any]:
    gap = result.gap
    return {
        "status": status_word(result.status, lang),
        "objective": result.objective,
        "bound": result.bound,
        "gap": f"{100 * gap:.2f} %" if gap is not None else "",
        "seconds": round(result.seconds, 1),
        "groups": len(roster.groups),
        "clients": len(roster.clients),
        "staff": len(roster.staff),
        "events": 0,
        "broken": 0,
        "postponed": ", ".join(sorted(result.postponed)),
        "variables": result.variables,
        "constraints": result.constraints,
        "input": roster_path.name,
        "input_checksum": _checksum(roster_path),
        "plan_start": roster.frozen_until or roster.plan_start,
        "plan_end": roster.plan_end,
        "service_model": f"{sm.name} ({sm.path.name})",
        "service_model_checksum": sm.checksum,
        "tool_version": __version__,
        "ortools_version": _ortools_version(),
        "seed": seed,
        "time_limit": limit,
        "written": datetime.now().replace(microsecond=0).isoformat(sep=" "),
    }


def _echo_report_problems(report: Report, lang: str) -> None:
    for r in report.broken:
        for f in r.findings:
            if not f.notice and not f.relaxed:
                when = fmt_date(f.when, lang) if f.when else ""
                say(f"{r.rule} {f.who} {when} {f.why(lang)}", err=True)


@main.command("diff")
@click.argument("old", type=PATH)
@click.argument("new", type=PATH)
@click.option("-o", "--output", type=PATH,
              help="Where to write the Changes workbook (default: NEW-changes.xlsx beside NEW).")
@click.option("--lang", type=click.Choice(["fi", "en"]), default="fi", show_default=True)
def diff_command(old: Path, new: Path, output: Path | None, lang: str) -> None:
    """List every event that moved, was added, removed or reassigned from plan OLD to plan NEW,
    grouped by staff member, and write the same as a Changes workbook."""
    _guard(lambda: _diff(old, new, output, lang), lang)


def _diff(old_path: Path, new_path: Path, output: Path | None, lang: str) -> int:
    output = output or new_path.with_name(f"{new_path.stem}-changes.xlsx")
    check_output(output, lang, (old_path, new_path))
    with exclusive(output, lang):
        found = changes(read_plan(old_path, lang), read_plan(new_path, lang))
        for staff, mine in by_staff(found).items():
            say(f"{staff}:")
            for c in mine:
                before = fmt_date(c.before.date, lang) if c.before else ""
                after = fmt_date(c.after.date, lang) if c.after else ""
                shift = f" ({c.days:+d})" if c.days else ""
                say(f"  {CHANGE_WORDS[c.change][0 if lang == 'fi' else 1]:15} {describe(c.event, lang):55} "
                    f"{before:>10} → {after:<10}{shift}")
        _write_one(output, lambda tmp: write_changes_workbook(tmp, found, lang), lang)
    say(t("diff_summary", lang, n=len(found), moved=sum(c.change == "moved" for c in found),
          added=sum(c.change == "added" for c in found), removed=sum(c.change == "removed" for c in found),
          path=output))
    return EXIT_OK


@main.command("compare")
@click.argument("variant_a", type=PATH)
@click.argument("variant_b", type=PATH)
@click.option("-o", "--output", type=PATH,
              help="Where to write the comparison (default: A-vs-B.xlsx beside A).")
@click.option("--time-limit", type=SECONDS, help="Seconds the solver may search, per variant.")
@click.option("--lang", type=click.Choice(["fi", "en"]), default="fi", show_default=True)
@click.option("--seed", type=SEEDS, default=DEFAULT_SEED, show_default=True)
def compare_command(variant_a: Path, variant_b: Path, output: Path | None, time_limit: float | None, lang: str,
                    seed: int) -> None:
    """Plan two input variants (e.g. two holiday arrangements) and compare them side by side:
    group starts, process lengths, each person's busiest week and each soft rule's cost."""
    _guard(lambda: _compare(variant_a, variant_b, output, time_limit, lang, seed), lang)


def _compare(path_a: Path, path_b: Path, output: Path | None, time_limit: float | None, lang: str,
             seed: int) -> int:
    output = output or path_a.with_name(f"{path_a.stem}-vs-{path_b.stem}.xlsx")
    check_output(output, lang, (path_a, path_b))
    with exclusive(output, lang):
        summaries = []
        for path in (path_a, path_b):
            roster, sm, _ = read_roster(path, lang)
            limit = time_limit or roster.time_limit_s or DEFAULT_TIME_LIMIT_S
            say(t("solving", lang, groups=len(roster.groups), clients=len(roster.clients),
                  staff=len(roster.staff), limit=f"{limit:g}"))
            result = _in_background(lambda roster=roster, sm=sm, limit=limit: solve(roster, sm, time_limit_s=limit,
                                                                                   seed=seed))
            if result.plan is None:
                say(t("compare_no_plan", lang, path=path), err=True)
                return EXIT_NO_PLAN if result.status == "infeasible" else EXIT_TIMEOUT
            if not validate(roster, sm, result.plan).ok:
                raise RuntimeError("a plan that breaks a rule")  # never expected: the validator is the second opinion
            summaries.append(summarize(roster, sm, result.plan))
        rows = compare_rows(*summaries)
        words = {k: pair[0 if lang == "fi" else 1] for k, pair in COMPARE_WORDS.items()}
        say(f"{'':22} {'':10} {path_a.stem:>14} {path_b.stem:>14} {columns('comparison', lang)[-1]:>10}")
        for what, who, a, b, diff in rows:
            if what == "group_start" or diff or who == "total":
                shown = [fmt_date(v, lang) if hasattr(v, "year") else v for v in (a, b)]
                say(f"{words[what]:22} {who:10} {shown[0]!s:>14} {shown[1]!s:>14} {diff!s:>10}")
        _write_one(output, lambda tmp: write_comparison(tmp, rows, path_a.stem, path_b.stem, lang), lang)
    say(t("written", lang, path=output))
    return EXIT_OK


@main.command("template")
@click.argument("path", type=PATH)
@click.option("--lang", type=click.Choice(["fi", "en"]), default="fi", show_default=True)
@click.option("--example", is_flag=True, help="Fill the template with the example roster.")
def template_command(path: Path, lang: str, example: bool) -> None:
    """Write a blank input workbook (instructions, headers, drop-downs, an example row) to PATH."""
    _guard(lambda: _template(path, lang, example), lang)


def _template(path: Path, lang: str, example: bool) -> int:
    if path.exists() or path.is_symlink():
        raise InputErrors([t("template_exists", lang, path=path)])
    check_output(path, lang)
    with exclusive(path, lang):
        _write_one(path, lambda tmp: write_template(tmp, load_service_model(), lang, example), lang)
    say(t("template_written", lang, path=path))
    return EXIT_OK


@main.command("check")
@click.argument("roster", type=PATH)
@click.argument("plan", type=PATH)
@click.option("--lang", type=click.Choice(["fi", "en"]), default="fi", show_default=True)
@click.option("--service-model", type=PATH)
@click.option("--previous", type=PATH,
              help="The plan PLAN was re-planned from: its events before the plan's start are done (pinned).")
def check_command(roster: Path, plan: Path, lang: str, service_model: Path | None, previous: Path | None) -> None:
    """Check PLAN (the optimizer's or one made by hand) against every rule for ROSTER."""
    _guard(lambda: _check(roster, plan, lang, service_model, previous), lang)


def _check(roster_path: Path, plan_path: Path, lang: str, service_model: Path | None,
           previous_path: Path | None = None) -> int:
    roster, sm, _ = read_roster(roster_path, lang, service_model, replan=previous_path is not None)
    if previous_path is not None:
        roster = _with_previous(roster, read_plan(previous_path, lang, most_events(roster)), lang)
    plan = read_plan(plan_path, lang, most_events(roster))
    # A plan of another roster is said in one line before any rule, and events of clients,
    # groups or staff the roster does not have cannot be checked at all (bad input, exit 2).
    foreign, first = foreign_ids(roster, plan, lang)
    if foreign:
        raise InputErrors([first, *foreign])
    if first:
        say(first)
    report = validate(roster, sm, plan)
    for r in report.results:
        for f in r.findings:
            status = "notice" if f.notice else ("relaxed" if f.relaxed else "broken")
            when = fmt_date(f.when, lang) if f.when else ""
            say(f"{status:8} {r.rule:11} {f.who:8} {when:10} {f.why(lang)}")
    if report.ok:
        say(t("check_ok", lang, n=len(report.results)))
        return EXIT_OK
    say(t("check_broken", lang, n=len(report.broken)))
    return EXIT_NO_PLAN


if __name__ == "__main__":
    main()
