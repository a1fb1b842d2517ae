"""The Notices sheet: who is told what (R-WP-2 short practice, R-WP-6 illness)."""

from __future__ import annotations

from dataclasses import replace

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
