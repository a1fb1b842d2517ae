"""What to tell whom (issue 15): the Notices sheet grouped by addressee, and the Deadlines sheet.

"What do I tell Kela?" has one place: every notice is a row for one addressee, in this order:
Kela (postponed starts, R-GROUP-2; repeated or long illness absences, R-WP-6), the clients
(postponed starts; a first visit soon after the decision, S-DECISION; their changes on a
re-plan), the employers (each practice's dates and the visits with the employer, R-WP-2, R-WP-3;
an agreed late start, R-WP-1; changes to practice visits), the provider's own records (the
reason for a short practice, R-WP-2; an agreed late start, R-WP-1) and the coordinator (what
only the coordinator acts on: a missing lunch arrangement, R-WP-5; missed group days,
R-CLIENT-1). A notice for two addressees is a row for each. Every row has its date, its client
(or group) and its reason. The addressees come from the validator's findings (`Finding.to`).

The Deadlines sheet lists the certificates (R-CERT-1), rehabilitation reports (R-REPORT-1) and
follow-up reports (R-FOLLOW-2) by date, with the case manager who writes them; where a report's
date is not a working day of its writer (their holiday, a public holiday, a weekend), a note gives
their last working day before it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import openpyxl
from openpyxl.styles import PatternFill

from optimizer.checks.validate import Report
from optimizer.core import plan as P
from optimizer.core.calendar import finnish_public_holidays
from optimizer.core.domain import Absence, Roster
from optimizer.core.messages import (
    CHANGE_WORDS,
    DAY_OFF_WORDS,
    KIND_WORDS,
    PHASE_WORDS,
    WEEKDAY_WORDS,
    columns,
    describe,
    fmt_date,
    fmt_span,
    pick,
    t,
)
from optimizer.core.plan import Event, Period, Plan
from optimizer.core.service_model import ServiceModel
from optimizer.explain.diff import REASSIGNED, Change, Diff
from optimizer.workbook.labels import sheet_name
from optimizer.workbook.rosters import day_status
from optimizer.workbook.sheet import table

# Addressees in the sheet's order, each with its band colour.
ADDRESSEES = {
    "to_kela": PatternFill("solid", fgColor="DDEBF7"),
    "to_clients": PatternFill("solid", fgColor="E2EFDA"),
    "to_employer": PatternFill("solid", fgColor="FCE4D6"),
    "to_records": PatternFill("solid", fgColor="EDEDED"),
    "to_coordinator": PatternFill("solid", fgColor="FFF2CC"),
}
# A finding's addressee (Finding.to) -> the addressees it is a row for.
SPLIT = {
    "to_kela": ("to_kela",), "to_kela_clients": ("to_kela", "to_clients"), "to_clients": ("to_clients",),
    "to_employer_records": ("to_employer", "to_records"), "to_employer": ("to_employer",),
    "to_records": ("to_records",), "": ("to_coordinator",),
}
DUE_RULES = {P.CERTIFICATE_DUE: "R-CERT-1", P.REPORT_DUE: "R-REPORT-1", P.FOLLOW_UP_REPORT_DUE: "R-FOLLOW-2"}


def notice_rows(plan: Plan, report: Report, lang: str,
                moved: Diff | None = None) -> list[tuple[str, str, str, date | None, str]]:
    """(addressee key, rule, who, date, text) of every notice, grouped by addressee (ADDRESSEES'
    order), by date within each."""
    rows: list[tuple[str, str, str, date | None, str]] = []

    def add(to: str, rule: str, who: str, when: date | None, text: str) -> None:
        for addressee in SPLIT[to]:
            rows.append((addressee, rule, who, when or _first_day(plan, who), text))

    for gid in sorted(plan.postponed):
        first = min(e.date for e in plan.events if e.group_id == gid and e.kind == P.GROUP_DAY)
        add("to_kela_clients", "R-GROUP-2", gid, first, t("postponed", lang, group=gid, start=first))
    for r in report.results:
        for f in r.findings:
            if f.notice:
                add(f.to or ("to_kela" if r.rule == "R-WP-6" else ""), r.rule, f.who, f.when, f.why(lang))
    visits: dict[str, list[Event]] = defaultdict(list)  # once, not per client: 1,000 clients on XL
    for e in plan.events:
        if e.kind == P.WP_VISIT and e.client_id:
            visits[e.client_id].append(e)
    for wp in (p for p in plan.periods if p.phase == P.WORK_PRACTICE):
        add("to_employer", "R-WP-2, R-WP-3", wp.client_id, wp.start, _practice(wp, visits[wp.client_id], lang))
    if moved is not None:  # a re-plan: each moved period first (R-WP-2: the employer hears of the practice's)
        for pc in moved.periods:
            p = pc.period
            before = fmt_span(pc.before.start, pc.before.end, lang) if pc.before else "–"
            after = fmt_span(pc.after.start, pc.after.end, lang) if pc.after else "–"
            text = t("notice_period_change", lang, phase=pick(PHASE_WORDS[p.phase], lang), before=before, after=after)
            for to in ("to_clients", "to_employer") if p.phase == P.WORK_PRACTICE else ("to_clients",):
                add(to, "S-CHANGE", p.client_id, p.start, text)
    for c in moved.events if moved is not None else ():
        for to, who in _told(c):
            before, after = c.before.date if c.before else None, c.after.date if c.after else None
            text = t("notice_change", lang, what=describe(c.event, lang), change=pick(CHANGE_WORDS[c.change], lang),
                     before=fmt_date(before, lang) if before else "–", after=fmt_date(after, lang) if after else "–")
            add(to, "S-CHANGE", who, after or before, text)
    order = list(ADDRESSEES)
    rows.sort(key=lambda r: (order.index(r[0]), r[3] or date.max, r[2], r[1]))
    return rows


def _first_day(plan: Plan, who: str) -> date | None:
    """A notice's date when its finding has none (a missing lunch arrangement, R-WP-5): the first
    day of the client's work practice, else the client's or group's first event."""
    wp = next((p.start for p in plan.periods if p.client_id == who and p.phase == P.WORK_PRACTICE), None)
    days = [e.date for e in plan.events if who in (e.client_id, e.group_id)]
    return wp or (min(days) if days else None)


def _practice(wp: Period, visits: list[Event], lang: str) -> str:
    """What the employer is told of one client's practice: its dates and days, the visits at the
    workplace with the employer and the network meeting (R-WP-2, R-WP-3)."""
    mine = sorted(visits, key=lambda e: e.date)
    met = [e.date for e in mine if e.with_employer]
    meeting = next((e.date for e in mine if e.network_meeting), None)
    text = t("notice_practice", lang, span=fmt_span(wp.start, wp.end, lang), days=wp.days,
             visits=", ".join(fmt_date(d, lang) for d in met) or "–")
    return text + (t("notice_practice_meeting", lang, day=meeting) if meeting else "")


def _told(c: Change) -> list[tuple[str, str]]:
    """Who hears of a change between two plans, with the client or group it is about: the client
    of an individual event, the group's clients of a group day that moves, is added or removed
    (another leader on the day, and any deadline, is the staff's own); and the employer of a
    visit at the workplace or with the employer."""
    e: Event = c.event
    if e.kind in P.DUE_KINDS or (e.kind == P.GROUP_DAY and c.change == REASSIGNED):
        return []
    out = [("to_clients", e.client_id or e.group_id)]
    if e.kind == P.WP_VISIT and any(x is not None and (x.mode == "site" or x.with_employer)
                                    for x in (c.before, c.after)):
        out.append(("to_employer", e.client_id or e.group_id))
    return out


def write_notices(wb: openpyxl.Workbook, roster: Roster, sm: ServiceModel, plan: Plan, report: Report, lang: str,
                  moved: Diff | None = None) -> None:
    """Ilmoitukset / Notices: one row per notice and addressee, grouped by addressee (the
    addressee cell in its band colour), each with its rule, client or group, date and reason.
    (`roster` and `sm` keep the signature every caller has used.)"""
    ws = wb.create_sheet(sheet_name("notices", lang))
    rows = notice_rows(plan, report, lang, moved)
    table(ws, columns("notices", lang), [[rule, t(to, lang), who, when, text] for to, rule, who, when, text in rows])
    for (to, *_), cells in zip(rows, ws.iter_rows(min_row=2), strict=False):
        cells[1].fill = ADDRESSEES[to]


def deadline_rows(roster: Roster, plan: Plan, lang: str) -> list[list[Any]]:
    """Every certificate, rehabilitation report and follow-up report by date: date, document,
    client, group, case manager, rule, the event's code and a note where the writer is not at
    work on the date (`WriterDays.note`)."""
    due = sorted((e for e in plan.events if e.kind in P.DUE_KINDS),
                 key=lambda e: (e.date, e.client_id or "", P.DUE_KINDS.index(e.kind)))
    away = WriterDays(roster, lang)
    since = report_written_from(roster, plan)
    return [[e.date, pick(KIND_WORDS[e.kind], lang), e.client_id or "", e.group_id, ", ".join(e.staff_ids),
             DUE_RULES[e.kind], e.kind, away.note(e, since.get((e.client_id, e.kind)))] for e in due]


def report_written_from(roster: Roster, plan: Plan) -> dict[tuple[str | None, str], date]:
    """(client, kind) -> the day after which each report can be written: the end of the client's
    rehabilitation, the final period or for a clear-plan client the deepening period
    (R-REPORT-1), and the last follow-up visit (R-FOLLOW-2)."""
    out: dict[tuple[str | None, str], date] = {}
    for p in plan.periods:
        c = roster.clients.get(p.client_id)
        if c is not None and p.phase == (P.DEEP if c.clear_plan else P.FINAL):
            key = (p.client_id, P.REPORT_DUE)
            out[key] = max(out.get(key, p.end), p.end)
    for e in plan.events:
        if e.kind == P.FOLLOW_UP_VISIT:
            key = (e.client_id, P.FOLLOW_UP_REPORT_DUE)
            out[key] = max(out.get(key, e.date), e.date)
    return out


class WriterDays:
    """Which days a report's writer is at work: not a weekend, a public holiday, a closed day, one
    of their absences or a regular day off (rosters.day_status, the weekly rosters' shading)."""

    def __init__(self, roster: Roster, lang: str) -> None:
        self.roster, self.lang = roster, lang
        self.holidays = finnish_public_holidays(roster.plan_start, roster.plan_end, lang)
        self.absences: dict[str, list[Absence]] = defaultdict(list)
        for a in roster.absences:
            self.absences[a.person].append(a)

    def why_not(self, staff_id: str, d: date) -> str | None:
        """Why `staff_id` is not at work on d, in words ("poissa: loma 26.7.–20.8.2027"); None on
        a working day of theirs."""
        status = day_status(self.roster, self.holidays, staff_id, d, self.absences[staff_id])
        if status is None:
            return None
        kind, reason = status
        lang = self.lang
        if kind == "absent":
            a = next(a for a in self.absences[staff_id] if a.start <= d <= a.end)
            reason = " ".join(x for x in (a.reason, fmt_span(a.start, a.end, lang)) if x)
        elif kind == "day_off":
            reason = pick(WEEKDAY_WORDS[d.weekday()], lang)
        return f"{pick(DAY_OFF_WORDS[kind], lang)}: {reason}" if reason else pick(DAY_OFF_WORDS[kind], lang)

    def note(self, e: Event, since: date | None) -> str:
        """R-REPORT-1, R-FOLLOW-2: a report is due on the last day its rule allows, which can be
        a weekend, a public holiday or a day its writer is away. The note then gives the writer's
        last working day before it, after the day the report can be written from (`since`); where
        there is none, the report is written on that day itself, or someone else writes it. Empty
        where the writer works on the date, and for a certificate (R-CERT-1), dated on the first
        start visit, which its writer holds."""
        if e.kind == P.CERTIFICATE_DUE or since is None or not e.staff_ids:
            return ""
        writer = e.staff_ids[0]
        why = self.why_not(writer, e.date)
        if why is None:
            return ""
        d = e.date - timedelta(days=1)
        while d > since and self.why_not(writer, d) is not None:
            d -= timedelta(days=1)
        if d > since:
            return t("deadline_writer_away", self.lang, staff=writer, due=e.date, why=why, last=d)
        if self.why_not(writer, since) is None:  # on the day of the period's end or the visit
            return t("deadline_writer_none", self.lang, staff=writer, first=since + timedelta(days=1), due=e.date,
                     why=why, since=since)
        return t("deadline_writer_none_at_all", self.lang, staff=writer, since=since, due=e.date, why=why)


def write_deadlines(wb: openpyxl.Workbook, roster: Roster, plan: Plan, lang: str) -> None:
    """Määräajat / Deadlines: the documents due, by date, with the case manager who writes each,
    and when that person is not at work on the date, their last working day before it."""
    ws = wb.create_sheet(sheet_name("deadlines", lang))
    table(ws, columns("deadlines", lang), deadline_rows(roster, plan, lang))

