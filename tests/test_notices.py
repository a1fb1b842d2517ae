"""The Notices sheet: who is told what (R-WP-2 short practice, R-WP-6 illness)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import openpyxl

from optimizer.checks.validate import Report
from optimizer.core.plan import Plan
from optimizer.workbook.write import write_notices


def notices(roster, sm, plan, lang):
    wb = openpyxl.Workbook()
    write_notices(wb, roster, sm, plan, Report([]), lang)
    return list(wb[wb.sheetnames[-1]].iter_rows(min_row=2, values_only=True))


def test_a_short_practice_asks_the_coordinator_to_document_its_reason(sm, tiny_solution):
    """R-WP-2 (Q11): fewer than 50 practice days are documented in the client's records with
    the reason; that is the coordinator's task, not a notice to Kela."""
    roster, result = tiny_solution
    short = [replace(p, days=45) if p.client_id == "A1" and p.phase == "work_practice" else p
             for p in result.plan.periods]
    clients = {**roster.clients, "A1": replace(roster.clients["A1"], wp_short_reason="employer's season")}
    plan = Plan(events=result.plan.events, periods=short)
    rows = notices(replace(roster, clients=clients), sm, plan, "en")
    assert [(r[0], r[1], r[2]) for r in rows] == [("R-WP-2", "coordinator", "A1")]
    assert "document the reason" in rows[0][4] and "employer's season" in rows[0][4]
    assert "not a notice to Kela" in rows[0][4]
    fi = notices(replace(roster, clients=clients), sm, plan, "fi")
    assert fi[0][1] == "koordinaattori" and "kirjaa perustelu" in fi[0][4]


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
