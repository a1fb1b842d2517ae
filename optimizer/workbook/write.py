"""Plan -> workbook: Summary, Events, Periods, Checks, Notices and Deadlines (notices.py), Group
calendar, Client timelines, Certificates, Team week and Load (team.py), the weekly rosters.

Finnish by default, English with lang="en". Events and Periods follow the contract to the
letter (one header row, one record per row, real date cells, English codes as values).
The file is written to a temporary file beside the target and renamed into place, so a plan
is written whole or not at all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.checks.quality import Quality, quality, quality_rows
from optimizer.checks.validate import Report
from optimizer.core.dates import months_spanned
from optimizer.core.domain import Roster
from optimizer.core.messages import (
    BOUND_SOURCE_WORDS,
    CHECK_STATUS_WORDS,
    PHASE_FI,
    RULE_WORDS,
    SUMMARY_WORDS,
    Msg,
    code_word,
    columns,
    describe,
    fmt_gap,
    pick,
    status_word,
    t,
    yes_no,
)
from optimizer.core.plan import Event, Plan
from optimizer.core.service_model import SOFT_RULES, ServiceModel
from optimizer.explain.diff import Diff
from optimizer.explain.explain import Explained
from optimizer.search.solve import Status
from optimizer.workbook.changes import write_changes
from optimizer.workbook.labels import (
    EVENT_CODES,
    EVENT_COLUMNS,
    PERIOD_CODES,
    PERIOD_COLUMNS,
    column_names,
    sheet_name,
)
from optimizer.workbook.notices import write_deadlines, write_notices
from optimizer.workbook.rosters import (
    certificate_rows,
    short_date,
    with_periods,
    write_staff_rosters,
    write_weights,
)
from optimizer.workbook.sheet import DATE_FORMAT, HEADER_FONT, save_workbook, table
from optimizer.workbook.team import write_load, write_team_week

CHART_WIDTH_PX = 1100  # the timeline picture beside the Summary's figures
FILLS = {
    "ok": PatternFill("solid", fgColor="C6EFCE"),
    "broken": PatternFill("solid", fgColor="FFC7CE"),
    "relaxed": PatternFill("solid", fgColor="FFEB9C"),
    "notice": PatternFill("solid", fgColor="DDEBF7"),
    "cost": PatternFill("solid", fgColor="EDEDED"),
    "cause": PatternFill("solid", fgColor="FFC7CE"),
    "fix": PatternFill("solid", fgColor="C6EFCE"),
}
CHECK_KEYS = ("rule", "meaning", "status", "who", "when", "why")  # the Checks sheet's columns (COLUMN_WORDS["checks"])
CHECKS_STATUS = CHECK_KEYS.index("status")
RULE_ID = re.compile(r"\b[RS]-[A-Z]+-\d+\b")
BROKEN = "broken"  # the status of an exported plan that breaks a rule (`optimize export`)


@dataclass(frozen=True)
class Summary:
    """The Summary sheet's figures of one run: what was planned from what, with which tool, and
    how the search ended. Typed, so that no figure is left out or misspelt on the way from the
    run (optimizer/run.py) to the sheet; the sheet shows them in this order."""

    status: Status | str  # a search's Status, or BROKEN for an exported plan that breaks a rule
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None  # (objective - bound) / objective
    bound_source: str | None = None  # "solver", "periods" or "joint" (Result.bound_source)
    seconds: float = 0.0
    groups: int = 0
    clients: int = 0
    staff: int = 0
    events: int = 0
    broken: int = 0  # hard rules the validator found broken
    postponed: tuple[str, ...] = ()  # groups whose start was postponed (R-GROUP-2)
    variables: int = 0  # of the joint model; 0 (shown "–") when none was built: the descent alone, an export
    constraints: int = 0
    input: str = ""
    input_checksum: str = ""
    plan_start: date | None = None
    plan_end: date | None = None
    service_model: str = ""
    service_model_checksum: str = ""
    tool_version: str = ""
    ortools_version: str = ""
    seed: int | None = None
    time_limit: float | None = None
    written: str = ""
    deterministic: bool = False
    penalties: dict[str, int] = field(default_factory=dict)  # each soft rule's cost in the search's report
    exported_from: str = ""  # `optimize export`: the plan workbook written again, not planned
    # Clients whose case manager the tool chose (the input left it empty): the bound holds for
    # the plan's case managers only, and the verdict says so.
    chosen_case_managers: int = 0

    def plain(self, lang: str) -> list[str]:
        """The sheet's first lines: the outcome in plain words, as the console says it."""
        if self.status not in (Status.OPTIMAL, Status.FEASIBLE):
            return [t("verdict_no_plan", lang, sheet=sheet_name("checks", lang))]
        return [verdict(self.status, self.gap, lang, self.bound_source, self.chosen_case_managers),
                t("verdict_counts", lang, events=self.events, groups=self.groups, clients=self.clients,
                  staff=self.staff),
                t("verdict_rules_hold", lang) if not self.broken
                else t("verdict_rules_broken", lang, n=self.broken, sheet=sheet_name("checks", lang))]

    def rows(self, lang: str) -> list[tuple[str, Any]]:
        """(key, value) rows of the sheet's top, the values as shown."""
        return [
            ("status", status_word(self.status, lang)), ("objective", self.objective), ("bound", self.bound),
            ("gap", fmt_gap(self.gap, lang) if self.gap is not None else ""),
            ("bound_source", pick(BOUND_SOURCE_WORDS[self.bound_source], lang) if self.bound_source else ""),
            ("seconds", round(self.seconds, 1)), ("groups", self.groups), ("clients", self.clients),
            ("staff", self.staff), ("events", self.events), ("broken", self.broken),
            ("postponed", ", ".join(sorted(self.postponed)) or "–"), ("variables", self.variables or "–"),
            ("constraints", self.constraints or "–"), ("input", self.input), ("input_checksum", self.input_checksum),
            ("plan_start", self.plan_start), ("plan_end", self.plan_end), ("service_model", self.service_model),
            ("service_model_checksum", self.service_model_checksum), ("tool_version", self.tool_version),
            ("ortools_version", self.ortools_version), ("seed", self.seed), ("time_limit", self.time_limit),
            ("written", self.written), ("deterministic", yes_no(self.deterministic, lang)),
        ] + ([("exported_from", self.exported_from)] if self.exported_from else [])


@dataclass(frozen=True)
class PlanBook:
    """Everything the plan workbook shows: the plan with the validator's report, the soft-rule
    costs explained (computed once by the run, the same rows `--explain` prints), the run's
    summary and, on a re-plan, what moved (the Changes sheet)."""

    roster: Roster
    sm: ServiceModel
    plan: Plan
    report: Report
    summary: Summary
    costs: Sequence[Explained] = ()
    moved: Diff | None = None


def verdict(status: str, gap: float | None, lang: str, bound_source: str | None = None, chosen: int = 0) -> str:
    """What a found plan's search outcome means, in plain words: the best possible (proven: its
    cost reaches a valid bound), or how much cheaper the best possible may be (the gap as
    `fmt_gap` shows it everywhere, rounded up so that "at most" holds) and where that figure
    comes from, or that nobody knows (no bound). `chosen`: how many clients' case managers the
    tool chose; every bound is for the plan's case managers, so then the claim is for those."""
    if gap is None and status != "optimal":
        return t("verdict_unknown_gap", lang)
    if status == "optimal" or (gap is not None and gap <= 0):
        said = t("verdict_optimal", lang)
    else:
        key = {"periods": "verdict_gap_periods", "joint": "verdict_gap_joint"}.get(bound_source or "", "verdict_gap")
        said = t(key, lang, gap=fmt_gap(gap, lang))
    return said + (" " + t("verdict_chosen_case_managers", lang, n=chosen) if chosen else "")


# --- sheets -----------------------------------------------------------------------------------

def with_words(headers: Sequence[str], keys: Sequence[str], rows: Sequence[Sequence[Any]], codes: dict[str, str],
               lang: str) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows with, in a Finnish plan, a display column right after each coded column
    (`codes`: column key -> CODE_WORDS table). The code columns keep their headers and values, so
    every reader of the contract reads the sheet as before; a display column is read by none."""
    headers, rows = list(headers), [list(r) for r in rows]
    if lang != "fi":
        return headers, rows
    for j in sorted((keys.index(k) for k in codes), reverse=True):
        words = codes[keys[j]]
        headers.insert(j + 1, t("display_column", lang, name=headers[j]))
        for row in rows:
            row.insert(j + 1, code_word(words, row[j], lang))
    return headers, rows


def write_events(wb: openpyxl.Workbook, plan: Plan, lang: str) -> None:
    ws = wb.create_sheet(sheet_name("events", lang))
    headers, rows = with_words(column_names(EVENT_COLUMNS, lang), [c[0] for c in EVENT_COLUMNS],
                               [[e.date, e.kind, e.phase, e.group_id, e.client_id or "", ", ".join(e.staff_ids),
                                 e.mode or "", yes_no(e.with_employer), yes_no(e.network_meeting),
                                 yes_no(e.substitute), e.note] for e in plan.events], EVENT_CODES, lang)
    if lang == "fi":
        headers.append("kuvaus")
        for row, e in zip(rows, plan.events, strict=True):
            row.append(describe(e, lang))
    table(ws, headers, rows)


def write_periods(wb: openpyxl.Workbook, plan: Plan, lang: str) -> None:
    ws = wb.create_sheet(sheet_name("periods", lang))
    rows = [[p.client_id, p.group_id, p.phase, p.start, p.end, p.days, p.note] for p in plan.periods]
    table(ws, *with_words(column_names(PERIOD_COLUMNS, lang), [c[0] for c in PERIOD_COLUMNS], rows,
                          PERIOD_CODES, lang))


def write_checks(wb: openpyxl.Workbook, report: Report | None, lang: str,
                 reasons: Sequence[Msg] = (), costs: Sequence[Explained] = ()) -> None:
    """Every hard rule (ok / broken / relaxed / notice) and then every soft-rule cost with its
    cause (status "cost"; issue 4), the costliest first. Each rule id has its one-line meaning
    beside it (RULE_WORDS), and the colours of the statuses are explained below the rows, never
    beside them (issue 15: a legend beside row 2 read as part of that rule's row)."""
    ws = wb.create_sheet(sheet_name("checks", lang))
    headers = columns("checks", lang)
    rows: list[list[Any]] = []

    def row(rules: str, status: str, who: str, when: date | None, why: str) -> None:
        meaning = "; ".join(pick(RULE_WORDS[r], lang) for r in rules.split(", ") if r in RULE_WORDS)
        rows.append([rules, meaning, status, who, when, why])

    for reason in reasons:
        key, text = reason.key, reason.text(lang)
        status = ("fix" if key.startswith("suggest_") else "cause" if key.startswith(("diagnosis_core", "fact_"))
                  else "notice" if key.startswith("diagnosis_") else "broken")
        row(", ".join(dict.fromkeys(RULE_ID.findall(text))), status, "", None, text)
    if report is not None:
        for r in report.results:
            if not r.findings:
                row(r.rule, "ok", "", None, "")
            for f in r.findings:
                row(r.rule, "notice" if f.notice else ("relaxed" if f.relaxed else "broken"), f.who, f.when,
                    f.why(lang))
    for x in costs:
        row(x.item.rule, "cost", x.item.who, x.item.when, t("cost_row", lang, cost=x.cost, why=x.why))
    headers, rows = with_words(headers, CHECK_KEYS, rows, {"status": "status"}, lang)
    table(ws, headers, rows)
    for cells in ws.iter_rows(min_row=2):
        fill = FILLS.get(str(cells[CHECKS_STATUS].value))
        if fill:
            cells[CHECKS_STATUS].fill = fill
    legend(ws, lang)


def legend(ws: Worksheet, lang: str) -> None:
    """The colours of the status column, below the table after an empty row (outside its filter)."""
    ws.append([])
    ws.append([t("legend", lang)])
    ws.cell(ws.max_row, 1).font = HEADER_FONT
    for status, words in CHECK_STATUS_WORDS.items():
        ws.append([status, pick(words, lang)])
        ws.cell(ws.max_row, 1).fill = FILLS[status]


def write_summary(wb: openpyxl.Workbook, summary: Summary, sm: ServiceModel, lang: str,
                  figures: Quality | None = None) -> None:
    """The run's figures, every soft rule's weight and cost, and below them the plan's quality
    figures (optimizer/checks/quality.py), when there is a plan."""
    ws = wb.create_sheet(sheet_name("summary", lang), 0)
    ws.append([t("summary_title", lang)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    for line in summary.plain(lang):  # issue 15: plain words first, the solver's terms below
        ws.append([line])
    ws.append([])
    ws.append([t("technical_title", lang)])
    ws.cell(ws.max_row, 1).font = HEADER_FONT
    for key, value in summary.rows(lang):
        label = pick(SUMMARY_WORDS.get(key, (key, key.replace("_", " "))), lang)
        ws.append([label, value])
        if isinstance(value, date):
            ws.cell(ws.max_row, 2).number_format = DATE_FORMAT
    ws.append([])
    ws.append(columns("soft_rules", lang))
    for cell in ws[ws.max_row]:
        cell.font = HEADER_FONT
    key = "{}/fi" if lang == "fi" else "{}"
    for rule in SOFT_RULES:
        ws.append([rule, sm.weights[rule], summary.penalties.get(rule, 0), sm.weight_units[key.format(rule)],
                   sm.weight_texts[key.format(rule)]])
    if figures is not None:
        ws.append([])
        ws.append([t("quality_title", lang)])
        ws.cell(ws.max_row, 1).font = HEADER_FONT
        for label, value in quality_rows(figures, sm, lang):
            ws.append([label, value])
            ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
            ws.cell(ws.max_row, 2).alignment = Alignment(horizontal="right", vertical="top")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 44
    ws.column_dimensions["E"].width = 50


def write_group_calendar(wb: openpyxl.Workbook, roster: Roster, plan: Plan, sm: ServiceModel, lang: str) -> None:
    ws = wb.create_sheet(sheet_name("groups", lang))
    fi = lang == "fi"
    days: dict[str, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for e in plan.events:
        if e.kind == "group_day":
            days[e.group_id][e.phase].append(e)
    rows = []
    for g in roster.groups.values():
        size = len(roster.clients_of(g.group_id))
        for phase in ("start", "deep", "final"):
            evs = days[g.group_id].get(phase, [])
            if phase == "start":
                weeks: dict[tuple[int, int], list[Event]] = defaultdict(list)
                for e in evs:
                    weeks[e.date.isocalendar()[:2]].append(e)
                blocks = [weeks[k] for k in sorted(weeks)]
            else:
                blocks = [evs] if evs else []
            for k, blk in enumerate(blocks):
                label = PHASE_FI[phase] if fi else phase
                if phase == "start":
                    label += f" {k + 1}/{len(blocks)}"
                rows.append([g.group_id, label, blk[0].date, blk[-1].date, len(blk), size,
                             sm.group_min_size(g.max_size),
                             yes_no(g.group_id in plan.postponed, "fi" if fi else "en"),
                             leaders_text(blk, lang)])
    table(ws, columns("groups", lang), rows)


def leaders_text(days: list[Event], lang: str) -> str:
    """Who runs a block's group days: "S02, S05" when the same people run every day, else each
    leader with their days ("S02 12.5., 13.5.; S05 11.5., 14.5."), so that a group whose leaders
    take turns does not read as led by two every day."""
    leaders = sorted({s for e in days for s in e.staff_ids})
    if all(set(e.staff_ids) == set(leaders) for e in days):
        return ", ".join(leaders)
    return "; ".join(f"{s} " + ", ".join(short_date(e.date, lang) for e in days if s in e.staff_ids)
                     for s in leaders)


def write_timelines(wb: openpyxl.Workbook, roster: Roster, plan: Plan, lang: str) -> None:
    ws = wb.create_sheet(sheet_name("timelines", lang))
    fi = lang == "fi"
    periods = {(p.client_id, p.phase): p for p in plan.periods}
    events: dict[str, list[Event]] = defaultdict(list)
    for e in plan.events:
        if e.client_id:
            events[e.client_id].append(e)
    rows = []
    for c in roster.clients.values():
        evs = sorted(events[c.client_id], key=lambda e: e.date)

        def first(kind: str, evs: list[Event] = evs) -> date | None:
            return next((e.date for e in evs if e.kind == kind), None)

        follow = [e.date for e in evs if e.kind == "follow_up_visit"]
        cm = next((e.staff_ids[0] for e in evs if e.kind == "start_visit" and e.staff_ids), c.case_manager)

        def period(phase: str, end: bool = False, cid: str = c.client_id) -> date | None:
            p = periods.get((cid, phase))
            return (p.end if end else p.start) if p else None

        visits = [e.date for e in evs if e.kind not in ("certificate_due", "report_due", "follow_up_report_due")]
        length = months_spanned(min(visits), max(visits)) if visits else None
        wp = periods.get((c.client_id, "work_practice"))
        clear = yes_no(c.clear_plan, "fi" if fi else "en")
        rows.append([c.client_id, c.group_id, cm, c.decision_date, clear, period("start"),
                     period("ready"), period("work_practice"), period("work_practice", True),
                     wp.days if wp else None, period("deep"), period("final"),
                     follow[0] if follow else None, follow[1] if len(follow) > 1 else None,
                     first("certificate_due"), first("report_due"), first("follow_up_report_due"), length,
                     c.lunch or ""])
    table(ws, columns("timelines", lang), rows)


def write_certificates(wb: openpyxl.Workbook, roster: Roster, plan: Plan, lang: str) -> None:
    """R-CERT-1: per client every period with its dates and the client's days, the coming ones
    marked."""
    ws = wb.create_sheet(sheet_name("certificates", lang))
    fi = lang == "fi"
    coming, done = t("certificate_coming", lang), t("certificate_begun", lang)
    rows = [[r.client_id, r.group_id, r.issued, PHASE_FI[r.phase] if fi else r.phase, r.start, r.end,
             r.visit_days, r.group_days, r.practice_days, r.days, coming if r.coming else done]
            for r in certificate_rows(roster, plan)]
    table(ws, columns("certificates", lang), rows)
    # The total counts days, not events: a final discussion held on a group day adds none, which
    # a coordinator reading "1 + 4 = 4" took for a mistake.
    ws.cell(1, 10).comment = Comment(t("certificate_days_note", lang), "taito-optimizer")


# --- whole workbooks --------------------------------------------------------------------------

def write_plan(path: Path, book: PlanBook, lang: str = "fi", chart: Path | None = None) -> None:
    """The whole plan workbook; `chart` (a PNG, optimizer/output/chart.py) is shown in the Summary;
    `book.moved` (re-planning from a previous plan) becomes the Changes sheet."""
    roster, sm, report = book.roster, book.sm, book.report
    plan = with_periods(roster, book.plan)  # a period the Events show is in Periods (R-CERT-1)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    write_summary(wb, book.summary, sm, lang, quality(roster, sm, plan))
    if chart is not None:
        image = Image(str(chart))
        scale = CHART_WIDTH_PX / image.width
        image.width, image.height = CHART_WIDTH_PX, int(image.height * scale)
        wb.worksheets[0].add_image(image, "G2")
    write_events(wb, plan, lang)
    write_periods(wb, plan, lang)
    write_checks(wb, report, lang, costs=book.costs)
    write_notices(wb, roster, sm, plan, report, lang, book.moved)
    write_deadlines(wb, roster, plan, lang)
    write_group_calendar(wb, roster, plan, sm, lang)
    write_timelines(wb, roster, plan, lang)
    write_certificates(wb, roster, plan, lang)
    write_team_week(wb, roster, plan, lang)
    write_load(wb, roster, sm, plan, lang)
    write_weights(wb, sm, lang, sheet_name("weights", lang))
    if book.moved is not None:
        write_changes(wb, book.moved, lang)
    write_staff_rosters(wb, roster, plan, lang)
    save_workbook(wb, path, lang)


def write_no_plan(path: Path, sm: ServiceModel, reasons: Sequence[Msg], summary: Summary,
                  lang: str = "fi") -> None:
    """Exit 3: only Summary and Checks, saying which rules and inputs collide. `reasons`: the
    pre-checks' and the model's reasons (status broken), the diagnosis's collision (cause) and
    its verified changes (fix)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    write_summary(wb, summary, sm, lang)
    write_checks(wb, None, lang, reasons)
    save_workbook(wb, path, lang)


