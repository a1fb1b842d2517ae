"""The Notices sheet: who is told what (R-WP-2 short practice, R-WP-6 illness)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import openpyxl

from optimizer.checks.validate import Report, validate
from optimizer.core.calendar import finnish_public_holidays
from optimizer.core.plan import Plan
from optimizer.workbook.write import write_notices


def notices(roster, sm, plan, lang, report=None):
    wb = openpyxl.Workbook()
    write_notices(wb, roster, sm, plan, report or Report([]), lang)
    return list(wb[wb.sheetnames[-1]].iter_rows(min_row=2, values_only=True))


def test_a_short_practice_asks_the_coordinator_to_document_its_reason(sm, tiny_solution):
    """R-WP-2 (Q11): fewer than 50 practice days are documented in the client's records with
    the reason; that is the coordinator's task, not a notice to Kela. The validator's notice
    reaches the sheet addressed to the client's records."""
    roster, result = tiny_solution
    wp = next(p for p in result.plan.periods if p.client_id == "A1" and p.phase == "work_practice")
    holidays = finnish_public_holidays(wp.start, wp.end)
    practice = [d for d in (wp.start + timedelta(days=k) for k in range((wp.end - wp.start).days + 1))
                if d.weekday() < 5 and d not in holidays]
    end = practice[44]  # the 45th practice day
    short = [replace(p, end=end, days=45) if p is wp else p for p in result.plan.periods]
    events = [e for e in result.plan.events if not (e.client_id == "A1" and e.phase == "work_practice"
                                                    and e.date > end)]
    clients = {**roster.clients, "A1": replace(roster.clients["A1"], wp_days=45,
                                               wp_short_reason="employer's season")}
    shorter = replace(roster, clients=clients)
    plan = Plan(events=events, periods=short)
    rows = notices(shorter, sm, plan, "en", validate(shorter, sm, plan))
    assert [(r[0], r[1], r[2]) for r in rows if r[0] == "R-WP-2"] == [("R-WP-2", "client's records", "A1")]
    text = next(r[4] for r in rows if r[0] == "R-WP-2")
    assert "document the reason" in text and "employer's season" in text and "not a notice to Kela" in text
    fi = [r for r in notices(shorter, sm, plan, "fi", validate(shorter, sm, plan)) if r[0] == "R-WP-2"]
    assert fi[0][1] == "asiakkaan asiakirjat" and "kirjaa perustelu" in fi[0][4]


def test_a_full_practice_is_no_notice(sm, tiny_solution):
    roster, result = tiny_solution
    assert notices(roster, sm, result.plan, "en") == []


def test_an_agreed_late_practice_start_is_a_notice_naming_the_agreement(sm, tiny_solution):
    """R-WP-1 [QA Q3]: a start agreed with the employer past wp_start_max_gap_days holds; the
    validator's notice (for the employer and the client's records: Finding.to) reaches the
    Notices sheet naming the agreement."""
    from optimizer.checks.validate import validate

    roster, result = tiny_solution
    plan = result.plan
    visits = [e for e in plan.events if e.kind == "ready_visit" and e.client_id == "A1"]
    wp = next(p for p in plan.periods if p.client_id == "A1" and p.phase == "work_practice")
    early = {id(e): replace(e, date=wp.start - timedelta(days=21 + 7 * k))
             for k, e in enumerate(sorted(visits, key=lambda e: e.date, reverse=True))}
    moved = Plan([early.get(id(e), e) for e in plan.events], list(plan.periods))
    agreed = replace(roster, clients={**roster.clients, "A1": replace(roster.clients["A1"], wp_start=wp.start)})
    report = validate(agreed, sm, moved)
    assert report.result("R-WP-1").status == "ok"
    assert [f.to for f in report.result("R-WP-1").findings] == ["to_employer_records"]
    wb = openpyxl.Workbook()
    write_notices(wb, agreed, sm, moved, report, "en")
    rows = [r for r in wb[wb.sheetnames[-1]].iter_rows(min_row=2, values_only=True) if r[0] == "R-WP-1"]
    assert [(r[2], r[3]) for r in rows] == [("A1", wp.start)]
    assert "agreed with the employer" in rows[0][4] and "21 days" in rows[0][4]
