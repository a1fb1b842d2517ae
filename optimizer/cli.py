"""The command line: `optimize ROSTER.xlsx` and `optimize check ROSTER.xlsx PLAN.xlsx`.

A thin shell: it parses the arguments, calls the use cases of optimizer/run.py (read, re-plan,
solve, diagnose, write), prints their outcome and turns it into an exit code of the contract
(0 plan written, 1 unexpected error, 2 bad input, 3 no plan exists, 4 time ran out before any
plan). No traceback reaches a coordinator unless TAITO_DEBUG=1 is set.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from optimizer import __version__
from optimizer.checks.quality import quality, quality_rows
from optimizer.checks.validate import Report, validate
from optimizer.core import bounds
from optimizer.core.errors import FileErrors, InputErrors
from optimizer.core.messages import (
    CHECK_STATUS_WORDS,
    COMPARE_WORDS,
    HELP_WORDS,
    LANGS,
    columns,
    fmt_date,
    fmt_gap,
    fmt_number,
    pick,
    status_word,
    t,
)
from optimizer.core.privacy import contains_identity_code
from optimizer.core.service_model import ServiceModelError, load_service_model
from optimizer.explain.diff import diff_lines, plan_diff
from optimizer.explain.explain import Explained
from optimizer.output.files import check_output, exclusive
from optimizer.run import (
    SHOWN_ERRORS,
    ExportRequest,
    PlanRequest,
    Written,
    check_outputs,
    compare_variants,
    export_plan,
    plan_roster,
    read_input,
    write_no_plan_file,
    write_one,
    write_plan_files,
)
from optimizer.search.solve import DEFAULT_SEED, DEFAULT_WORKERS, Status
from optimizer.workbook.changes import write_changes_workbook
from optimizer.workbook.comparison import write_comparison
from optimizer.workbook.plan_read import foreign_ids, most_events, read_plan
from optimizer.workbook.template import write_template

EXIT_OK, EXIT_UNEXPECTED, EXIT_INPUT, EXIT_NO_PLAN, EXIT_TIMEOUT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # Ctrl-C before any plan was found, as shells report SIGINT


# Words for the few characters a Windows console (cp1252) cannot show: the rest become "?".
_PLAIN = str.maketrans({"→": "->", "←": "<-", "≥": ">=", "≤": "<=", "≈": "~", "✓": "ok", "…": "..."})


def _encodable(text: str, stream: object) -> str:
    """`text` as the console's encoding can write it (PYTHONIOENCODING=cp1252, a Windows console):
    a message never fails on an arrow it cannot show."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        return text.translate(_PLAIN).encode(encoding, errors="replace").decode(encoding)
    except LookupError:
        return text


def say(text: str, err: bool = False) -> None:
    """One line to the console, with no control characters: a value from a workbook never
    moves the cursor or recolours the terminal. A console that went away (`optimize ... |
    head -1`) stops the talking, not the work: the plan is still written."""
    try:
        shown = "".join(ch if ch in "\n\t" or ch.isprintable() else "?" for ch in text)
        click.echo(_encodable(shown, sys.stderr if err else sys.stdout), err=err)
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
SEEDS = click.IntRange(*bounds.SEED)


LANG_ENV = "TAITO_LANG"  # the user's language when --lang does not say it: --help and every --lang's default


def _env_lang() -> str:
    value = os.environ.get(LANG_ENV, "").strip().lower()
    return value if value in LANGS else "fi"


def _args_lang(args: list[str]) -> str:
    """The language the command line asks for (--lang en, --lang=en), else TAITO_LANG, else Finnish."""
    for name, value in itertools.pairwise(args):
        if name == "--lang" and value in LANGS:
            return value
    return next((a[7:] for a in args if a.startswith("--lang=") and a[7:] in LANGS), _env_lang())


class _Localized:
    """Click's help in the user's language: the headings and the help option (HELP_WORDS)."""

    help_lang = "fi"

    def _word(self, key: str) -> str:
        return pick(HELP_WORDS[key], self.help_lang)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=f"{self._word('help_usage')} ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [row for p in self.get_params(ctx)  # type: ignore[attr-defined]
                if not isinstance(p, click.Argument) and (row := p.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section(self._word("help_options")):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = self._word("help_help")
        return option


class _LocalizedCommand(_Localized, click.Command):
    pass


class _DefaultToPlan(_Localized, click.Group):
    """`optimize ROSTER` runs the `plan` command; `optimize check ...` runs `check`."""

    command_class = _LocalizedCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        lang = _args_lang(args)
        if any(contains_identity_code(arg) for arg in args):
            # Before click reads them: its messages echo an argument ("'...' is not a valid integer").
            say(t("hetu_argument", lang), err=True)
            ctx.exit(EXIT_INPUT)
        _localize(self, lang)
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["plan", *args]
        elif args and args[0] not in self.commands:  # `optimize --help --lang en`: the language is taken
            args = [a for k, a in enumerate(args) if not a.startswith("--lang")
                    and not (k and args[k - 1] == "--lang")]
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str(formatter.width - 6 - max(map(len, self.commands))))
                for name, command in sorted(self.commands.items()) if not command.hidden]
        if rows:
            with formatter.section(self._word("help_commands")):
                formatter.write_dl(rows)


def _localize(group: click.Group, lang: str) -> None:
    """Every help text of the tool in `lang` (HELP_WORDS, keyed "command" and "command --option");
    a command or option without an entry keeps its own text."""
    for name, command in [("optimize", group), *group.commands.items()]:
        if isinstance(command, _Localized):
            command.help_lang = lang
        command.options_metavar = pick(HELP_WORDS["help_options_metavar"], lang)
        if name in HELP_WORDS:
            command.help, command.short_help = pick(HELP_WORDS[name], lang), None
        for param in command.params:
            key = f"{name} {max(param.opts, key=len)}"
            if isinstance(param, click.Option) and key in HELP_WORDS:
                param.help = pick(HELP_WORDS[key], lang).replace("{default}", str(param.default))
                param.show_default = False  # the text says it, in its own language
    group.subcommand_metavar = pick(HELP_WORDS["help_subcommand_metavar"], lang)


def _guard(run: Callable[[], int], lang: str) -> None:
    """Run a command; any unexpected error becomes a one-line message and exit 1."""
    # openpyxl warns of what it reads oddly (a date past its range), naming its own source files:
    # the tool says what matters in its own messages, with the cell.
    warnings.filterwarnings("ignore", module="openpyxl")
    try:
        code = run()
    except InputErrors as exc:
        for m in exc.messages[:SHOWN_ERRORS]:
            say(m, err=True)
        if len(exc.messages) > SHOWN_ERRORS:
            say(t("more_errors", lang, n=len(exc.messages) - SHOWN_ERRORS), err=True)
        if not isinstance(exc, FileErrors):
            say(t("input_errors", lang, n=len(exc.messages)), err=True)
        elif not exc.messages[-1].endswith(t("nothing_written", lang)):  # a file open in Excel: no input error
            say(t("nothing_written", lang), err=True)
        code = EXIT_INPUT
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:
        if os.environ.get("TAITO_DEBUG"):
            raise
        say(t("unexpected", lang, kind=type(exc).__name__), err=True)
        code = EXIT_UNEXPECTED
    sys.exit(code)


@click.group(cls=_DefaultToPlan, invoke_without_command=False,
             help="Plan Kela Taito rehabilitation courses: optimize ROSTER.xlsx [-o PLAN.xlsx]")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=lambda c, p, v: _version(c, v),
              help="Show the version and the service model, then exit.")
def main() -> None:
    pass


def _version(ctx: click.Context, asked: bool) -> None:
    """`optimize --version`: the tool's version (one place: optimizer/__init__.py) and the name
    of the service model it plans with by default (issue 16)."""
    if not asked or ctx.resilient_parsing:
        return
    lang = _env_lang()
    try:
        model = load_service_model().name
    except ServiceModelError:
        model = "?"
    say(t("version", lang, version=__version__, model=model))
    ctx.exit()


@main.command("plan")
@click.argument("roster", type=PATH)
@click.option("-o", "--output", type=PATH,
              help="Where to write the plan (default: ROSTER-plan.xlsx beside the input).")
@click.option("--time-limit", type=SECONDS, help="Seconds the solver may search (1-86400).")
@click.option("--lang", type=click.Choice(["fi", "en"]), default=_env_lang,
              help="Language of the plan and the messages.")
@click.option("--service-model", type=PATH,
              help="Service model file (default: Settings service_model or models/taito-2021.toml).")
@click.option("--seed", type=SEEDS, default=DEFAULT_SEED, show_default=True, help="Solver random seed.")
@click.option("--workers", type=click.IntRange(*bounds.WORKERS), default=DEFAULT_WORKERS, show_default=True,
              help="Solver threads (the lower bound's two searches side by side take one more).")
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


def _started() -> float | None:
    """When the `optimize` command began (optimizer/command.py), if it was run as one."""
    obj = click.get_current_context().obj  # a command's context inherits the group's object
    return obj.get("started") if isinstance(obj, dict) else None


def _plan(roster_path: Path, output: Path | None, time_limit: float | None, lang: str,
          service_model: Path | None, seed: int, workers: int, log: bool, deterministic: bool = False,
          explain: bool = False, ics_dir: Path | None = None, previous_path: Path | None = None) -> int:
    request = PlanRequest(roster_path, output or roster_path.with_name(f"{roster_path.stem}-plan.xlsx"), lang=lang,
                          time_limit=time_limit, service_model=service_model, seed=seed, workers=workers, log=log,
                          deterministic=deterministic, previous_path=previous_path, ics_dir=ics_dir,
                          started=_started())
    check_outputs(request)
    with exclusive(request.output, lang):
        return _plan_locked(request, explain)


def _plan_locked(request: PlanRequest, explain: bool) -> int:
    lang, output = request.lang, request.output
    outcome = plan_roster(request, say)
    result = outcome.result
    if result.status == Status.UNKNOWN:
        if outcome.interrupted:
            say(t("interrupted", lang), err=True)
            return EXIT_INTERRUPTED
        say(t("timeout", lang, limit=f"{outcome.limit:g}"), err=True)
        return EXIT_TIMEOUT
    plan = result.plan
    if plan is None:
        write_no_plan_file(outcome)
        say(t("infeasible", lang, path=output), err=True)
        return EXIT_NO_PLAN
    written = write_plan_files(outcome)
    for gid in sorted(result.postponed):
        first = min(e.date for e in plan.events if e.group_id == gid)
        say(t("postponed", lang, group=gid, start=first))
    report = outcome.report
    _echo_report_problems(report, lang)
    # In plain words first; the solver's terms on a technical line below (issue 15).
    for line in outcome.summary.plain(lang):
        say(line)
    say(t("summary_line", lang, status=status_word(result.status, lang), broken=len(report.broken),
          objective=_number(result.objective), bound=_number(result.bound), gap=fmt_gap(result.gap, lang),
          time=fmt_number(result.seconds, lang)))
    previous, moved = outcome.input.previous, outcome.moved
    if moved is not None and previous is not None:
        for line in diff_lines(moved, lang):
            say(line)
        say(t("replan_summary", lang, moved=moved.count("moved"), n=len(previous.events),
              added=moved.count("added"), removed=moved.count("removed")))
    if explain:
        _echo_costs(outcome.costs, lang)
    _echo_written(written, request.ics_dir, output, lang)
    return EXIT_OK


def _echo_written(written: Written, ics_dir: Path | None, output: Path, lang: str) -> None:
    """The files a plan was written to: its calendars (and the old ones removed), its workbook."""
    if ics_dir is not None:
        say(t("ics_written", lang, n=written.calendars, path=ics_dir))
        if written.stale:
            say(t("ics_removed", lang, n=len(written.stale), names=", ".join(p.name for p in written.stale[:10])))
    say(t("written", lang, path=output))


def _echo_costs(costs: list[Explained], lang: str) -> None:
    """`--explain`: every soft-rule cost, the costliest first (the Checks sheet has the same)."""
    if not costs:
        say(t("explain_none", lang))
        return
    say(t("explain_header", lang))
    for x in costs:
        when = fmt_date(x.item.when, lang) if x.item.when else ""
        say(f"  {x.item.rule:13} {x.item.who:7} {when:10} {x.cost:6}  {t(x.why.key, lang, **x.why.info)}")


def _number(value: float | None) -> str:
    """The bound is unknown when the plan comes from planning groups one by one."""
    return f"{value:g}" if value is not None else "-"


def _echo_report_problems(report: Report, lang: str) -> None:
    for r in report.broken:
        for f in r.findings:
            if not f.notice and not f.relaxed:
                when = fmt_date(f.when, lang) if f.when else ""
                say(f"{r.rule} {f.who} {when} {f.why(lang)}", err=True)


@main.command("export")
@click.argument("roster", type=PATH)
@click.argument("plan", type=PATH)
@click.option("-o", "--output", type=PATH,
              help="Where to write the workbook (default: PLAN-LANG.xlsx beside PLAN, e.g. roster-plan-en.xlsx).")
@click.option("--lang", type=click.Choice(["fi", "en"]), default=_env_lang)
@click.option("--service-model", type=PATH)
@click.option("--ics", "ics_dir", type=PATH,
              help="Also write one iCalendar file per staff member into this directory.")
def export_command(roster: Path, plan: Path, output: Path | None, lang: str, service_model: Path | None,
                   ics_dir: Path | None) -> None:
    """Write an existing PLAN of ROSTER again, without planning again: the whole workbook (either
    language) and calendar files, event for event as PLAN has them, checked first."""
    _guard(lambda: _export(roster, plan, output, lang, service_model, ics_dir), lang)


def _export(roster_path: Path, plan_path: Path, output: Path | None, lang: str, service_model: Path | None,
            ics_dir: Path | None) -> int:
    """A plan is a decision: it is written again as it stands. Bad input (an unreadable plan, a
    plan of another roster) is exit 2 with nothing written; a plan that breaks a rule is written
    all the same, its broken rules listed as `check` lists them, and exits 3 as `check` does."""
    request = ExportRequest(roster_path, plan_path, output or plan_path.with_name(f"{plan_path.stem}-{lang}.xlsx"),
                            lang, service_model, ics_dir)
    check_outputs(request)
    with exclusive(request.output, lang):
        exported = export_plan(request, say)
        say(t("exporting", lang, plan=plan_path.name, events=len(exported.plan.events)))
        report = exported.report
        _echo_report_problems(report, lang)
        written = write_plan_files(exported)
    _echo_written(written, ics_dir, request.output, lang)
    if not report.ok:
        say(t("export_broken", lang, n=len(report.broken)), err=True)
        return EXIT_NO_PLAN
    say(t("check_ok", lang, n=len(report.results)))
    return EXIT_OK


@main.command("diff")
@click.argument("old", type=PATH)
@click.argument("new", type=PATH)
@click.option("-o", "--output", type=PATH,
              help="Where to write the Changes workbook (default: NEW-changes.xlsx beside NEW).")
@click.option("--lang", type=click.Choice(["fi", "en"]), default=_env_lang)
def diff_command(old: Path, new: Path, output: Path | None, lang: str) -> None:
    """List every event that moved, was added, removed or reassigned from plan OLD to plan NEW,
    grouped by staff member, and write the same as a Changes workbook."""
    _guard(lambda: _diff(old, new, output, lang), lang)


def _diff(old_path: Path, new_path: Path, output: Path | None, lang: str) -> int:
    output = output or new_path.with_name(f"{new_path.stem}-changes.xlsx")
    check_output(output, lang, (old_path, new_path))
    with exclusive(output, lang):
        found = plan_diff(read_plan(old_path, lang), read_plan(new_path, lang))
        for line in diff_lines(found, lang):
            say(line)
        write_one(output, lambda tmp: write_changes_workbook(tmp, found, lang), lang)
    say(t("diff_summary", lang, n=len(found.events), moved=found.count("moved"), added=found.count("added"),
          removed=found.count("removed"), path=output))
    return EXIT_OK


@main.command("compare")
@click.argument("variant_a", type=PATH)
@click.argument("variant_b", type=PATH)
@click.option("-o", "--output", type=PATH,
              help="Where to write the comparison (default: A-vs-B.xlsx beside A).")
@click.option("--time-limit", type=SECONDS, help="Seconds the solver may search, per variant.")
@click.option("--lang", type=click.Choice(["fi", "en"]), default=_env_lang)
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
        compared = compare_variants(path_a, path_b, time_limit, lang, seed, say)
        if compared.no_plan is not None:
            say(t("compare_no_plan", lang, path=compared.no_plan), err=True)
            return EXIT_NO_PLAN if compared.status == Status.INFEASIBLE else EXIT_TIMEOUT
        rows = compared.rows
        words = {k: pair[0 if lang == "fi" else 1] for k, pair in COMPARE_WORDS.items()}
        say(f"{'':22} {'':10} {path_a.stem:>14} {path_b.stem:>14} {columns('comparison', lang)[-1]:>10}")
        for what, who, a, b, diff in rows:
            if what == "group_start" or diff or who == "total":
                shown = [fmt_date(v, lang) if hasattr(v, "year") else v for v in (a, b)]
                say(f"{words[what]:22} {who:10} {shown[0]!s:>14} {shown[1]!s:>14} {diff!s:>10}")
        write_one(output, lambda tmp: write_comparison(tmp, rows, path_a.stem, path_b.stem, lang), lang)
    say(t("written", lang, path=output))
    return EXIT_OK


@main.command("template")
@click.argument("path", type=PATH)
@click.option("--lang", type=click.Choice(["fi", "en"]), default=_env_lang)
@click.option("--example", is_flag=True, help="Fill the template with the example roster.")
def template_command(path: Path, lang: str, example: bool) -> None:
    """Write a blank input workbook (instructions, headers, drop-downs, an example row) to PATH."""
    _guard(lambda: _template(path, lang, example), lang)


def _template(path: Path, lang: str, example: bool) -> int:
    if path.exists() or path.is_symlink():
        raise FileErrors([t("template_exists", lang, path=path)])
    check_output(path, lang)
    with exclusive(path, lang):
        write_one(path, lambda tmp: write_template(tmp, load_service_model(), lang, example), lang)
    say(t("template_written", lang, path=path))
    return EXIT_OK


@main.command("check")
@click.argument("roster", type=PATH)
@click.argument("plan", type=PATH)
@click.option("--lang", type=click.Choice(["fi", "en"]), default=_env_lang)
@click.option("--service-model", type=PATH)
@click.option("--previous", type=PATH,
              help="The plan PLAN was re-planned from: its events before the plan's start are done (pinned).")
def check_command(roster: Path, plan: Path, lang: str, service_model: Path | None, previous: Path | None) -> None:
    """Check PLAN (the optimizer's or one made by hand) against every rule for ROSTER."""
    _guard(lambda: _check(roster, plan, lang, service_model, previous), lang)


def _check(roster_path: Path, plan_path: Path, lang: str, service_model: Path | None,
           previous_path: Path | None = None) -> int:
    got = read_input(roster_path, lang, service_model, previous_path)
    roster, sm = got.roster, got.sm
    plan = read_plan(plan_path, lang, most_events(roster, len(got.run.pinned)))
    # A plan of another roster is said in one line before any rule, and events of clients,
    # groups or staff the roster does not have cannot be checked at all (bad input, exit 2).
    foreign, first = foreign_ids(roster, plan, lang)
    if foreign:
        raise InputErrors([first, *foreign])
    if first:
        say(first)
    report = validate(roster, sm, plan, got.run)
    for r in report.results:
        for f in r.findings:
            status = pick(CHECK_STATUS_WORDS["notice" if f.notice else ("relaxed" if f.relaxed else "broken")], lang)
            when = fmt_date(f.when, lang) if f.when else ""
            say(f"{status:9} {r.rule:11} {f.who:8} {when:10} {f.why(lang)}")
    say(t("check_ok", lang, n=len(report.results)) if report.ok else t("check_broken", lang, n=len(report.broken)))
    # How the plan reads to a coordinator, for comparing it with another (checks/quality.py).
    say("")
    say(t("quality_title", lang))
    for label, value in quality_rows(quality(roster, sm, plan), sm, lang):
        say(f"  {label}: {value}")
    return EXIT_OK if report.ok else EXIT_NO_PLAN


if __name__ == "__main__":
    main()
