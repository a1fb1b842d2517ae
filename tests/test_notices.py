"""The Notices sheet: who is told what (R-WP-2 short practice, R-WP-6 illness), grouped by
addressee; and the Deadlines sheet (issue 15)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

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


def test_a_full_practice_is_no_notice_but_its_dates_go_to_the_employer(sm, tiny_solution):
    """With nothing to report, the Notices hold only what each employer is told: the practice's
    dates and days and the visits with the employer (R-WP-2, R-WP-3), one row per client."""
    roster, result = tiny_solution
    rows = notices(roster, sm, result.plan, "en")
    practice = {p.client_id: p for p in result.plan.periods if p.phase == "work_practice"}
    assert [(r[0], r[1]) for r in rows] == [("R-WP-2, R-WP-3", "employer")] * len(practice) == [("R-WP-2, R-WP-3",
                                                                                                  "employer")] * 3
    for r in rows:
        wp = practice[r[2]]
        met = sorted(e.date for e in result.plan.events if e.client_id == r[2] and e.kind == "wp_visit"
                     and e.with_employer)
        meeting = next(e.date for e in result.plan.events if e.client_id == r[2] and e.network_meeting)
        assert r[3] == wp.start and f"({wp.days} practice days)" in r[4]
        assert f"{wp.start.isoformat()}–{wp.end.isoformat()}" in r[4] and meeting.isoformat() in r[4]
        assert all(d.isoformat() in r[4] for d in met) and len(met) >= 4


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
    assert [(r[1], r[2], r[3]) for r in rows] == [("employer", "A1", wp.start), ("client's records", "A1", wp.start)]
    assert "agreed with the employer" in rows[0][4] and "21 days" in rows[0][4]


def test_notices_are_grouped_by_addressee_each_with_date_client_and_reason(sm, tiny_solution):
    """Issue 15: Kela first (a postponed start, R-GROUP-2; repeated illness, R-WP-6), then the
    clients (the postponed start; a re-plan's changes), the employers (practice dates; a moved
    workplace visit), the client's records and the coordinator (a missing lunch, R-WP-5). A
    notice for two addressees is a row for each; a deadline moving is no one's notice but the
    staff's; every row has a date, a client or group and a reason."""
    from optimizer.core.domain import Absence
    from optimizer.explain.diff import Change, Diff

    roster, result = tiny_solution
    plan = Plan(list(result.plan.events), list(result.plan.periods), {"G1"})
    sick = tuple(Absence("A2", d, d, "sairaus") for d in (date(2027, 5, 8), date(2027, 5, 15)))  # Saturdays
    ill = replace(roster, absences=(*roster.absences, *sick),
                  clients={**roster.clients, "A3": replace(roster.clients["A3"], lunch=None)})
    report = validate(ill, sm, plan)
    assert [f.who for f in report.result("R-WP-6").findings] == ["A2"]
    visit = next(e for e in plan.events if e.client_id == "A1" and e.kind == "wp_visit" and e.mode == "site")
    day = next(e for e in plan.events if e.kind == "group_day")
    due = next(e for e in plan.events if e.kind == "report_due")
    moved = Diff(events=[Change("moved", visit, replace(visit, date=visit.date + timedelta(days=1))),
                         Change("moved", day, replace(day, date=day.date + timedelta(days=7))),
                         Change("moved", due, replace(due, date=due.date + timedelta(days=1))),
                         Change("reassigned", day, replace(day, staff_ids=("C1",)))])  # another leader: the staff's
    wb = openpyxl.Workbook()
    write_notices(wb, ill, sm, plan, report, "en", moved)
    rows = list(wb[wb.sheetnames[-1]].iter_rows(min_row=2, values_only=True))
    order = ["Kela", "clients", "employer", "client's records", "coordinator"]
    seen = [r[1] for r in rows]
    assert seen == sorted(seen, key=order.index) and set(seen) >= {"Kela", "clients", "employer", "coordinator"}
    for to in order:
        dates = [r[3] for r in rows if r[1] == to]
        assert dates == sorted(dates)
    assert all(r[2] and r[3] is not None and r[4] for r in rows)
    kela = {(r[0], r[2]) for r in rows if r[1] == "Kela"}
    assert kela == {("R-GROUP-2", "G1"), ("R-WP-6", "A2")}
    clients = [(r[0], r[2]) for r in rows if r[1] == "clients"]
    assert ("R-GROUP-2", "G1") in clients and ("S-CHANGE", "A1") in clients
    assert [r[4] for r in rows if r[0] == "S-CHANGE" and r[2] == "G1"] == [
        f"G1 group day, start period: moved ({day.date.isoformat()} → {(day.date + timedelta(days=7)).isoformat()})"]
    employer = [r for r in rows if r[1] == "employer" and r[0] == "S-CHANGE"]
    assert [(r[2], r[3]) for r in employer] == [("A1", visit.date + timedelta(days=1))]
    assert "moved" in employer[0][4] and visit.date.isoformat() in employer[0][4]
    assert not any(r[2] == due.client_id and "report" in str(r[4]) for r in rows if r[0] == "S-CHANGE")
    lunch = next(r for r in rows if r[0] == "R-WP-5" and r[2] == "A3")
    wp = next(p for p in plan.periods if p.client_id == "A3" and p.phase == "work_practice")
    assert (lunch[1], lunch[2], lunch[3]) == ("coordinator", "A3", wp.start)  # its date: the practice's start
    fi = openpyxl.Workbook()
    write_notices(fi, ill, sm, plan, report, "fi", moved)
    ws = fi[fi.sheetnames[-1]]
    assert ws.title == "Ilmoitukset"
    assert [c.value for c in ws[1]] == ["sääntö", "kenelle", "kuka", "milloin", "ilmoitus"]
    words = dict(zip(order, ("Kela", "asiakkaat", "työnantaja", "asiakkaan asiakirjat", "koordinaattori"), strict=True))
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == [words[w] for w in seen]


def test_a_moved_work_practice_is_told_to_the_client_and_the_employer(sm, tiny_solution):
    """Issue 15: a re-plan that moves a client's whole practice tells the client and the employer
    of the period itself (optimizer/explain/diff.py lists it first); another period, the client."""
    from optimizer.explain.diff import Diff, PeriodChange

    roster, result = tiny_solution
    plan = result.plan
    wp = next(p for p in plan.periods if p.client_id == "A1" and p.phase == "work_practice")
    deep = next(p for p in plan.periods if p.client_id == "A1" and p.phase == "deep")
    later = timedelta(days=7)
    moved = Diff(periods=[PeriodChange("moved", replace(wp, start=wp.start - later, end=wp.end - later), wp),
                          PeriodChange("moved", replace(deep, start=deep.start - later, end=deep.end - later), deep)])
    wb = openpyxl.Workbook()
    write_notices(wb, roster, sm, plan, validate(roster, sm, plan), "en", moved)
    rows = [r for r in wb[wb.sheetnames[-1]].iter_rows(min_row=2, values_only=True) if r[0] == "S-CHANGE"]
    told = sorted((r[1], r[4].split(" moved")[0]) for r in rows)  # rule, to whom, who, when, notice
    assert told == [("clients", "deepening period"), ("clients", "work practice"), ("employer", "work practice")]
    assert all(r[2] == "A1" and r[3] is not None for r in rows)


def test_deadlines_list_every_document_by_date_with_the_case_manager(sm, tiny_solution):
    """Issue 15: one view of the certificates (R-CERT-1), rehabilitation reports (R-REPORT-1) and
    follow-up reports (R-FOLLOW-2), by date, each with its client and case manager."""
    from optimizer.workbook.notices import write_deadlines

    roster, result = tiny_solution
    for lang, words in (("fi", ("osallistumistodistus", "kuntoutuspalaute", "seurantapalaute")),
                        ("en", ("participation certificate", "rehabilitation report", "follow-up report"))):
        wb = openpyxl.Workbook()
        write_deadlines(wb, roster, result.plan, lang)
        ws = wb[wb.sheetnames[-1]]
        assert ws.title == ("Määräajat" if lang == "fi" else "Deadlines")
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        due = [e for e in result.plan.events if e.kind.endswith("_due")]
        assert len(rows) == len(due) == 3 * len(roster.clients)
        assert [r[0] for r in rows] == sorted(r[0] for r in rows)
        expected = {(e.date, e.client_id, ", ".join(e.staff_ids), e.kind) for e in due}
        assert {(r[0], r[2], r[4], r[6]) for r in rows} == expected
        kinds = dict(zip(("certificate_due", "report_due", "follow_up_report_due"), words, strict=True))
        rules = {"certificate_due": "R-CERT-1", "report_due": "R-REPORT-1", "follow_up_report_due": "R-FOLLOW-2"}
        for r in rows:
            assert r[1] == kinds[r[6]] and r[5] == rules[r[6]] and r[3] == "G1"
            assert r[4] == roster.clients[r[2]].case_manager


def test_a_report_due_while_its_writer_is_away_gives_their_last_working_day_before_it(sm, tiny_solution):
    """R-REPORT-1: a report is due on the last day the rule allows. When its writer, the case
    manager, is away that day, the Deadlines row says so and gives their last working day before
    it; away every day since the period ended, it says to write it on the period's last day or
    agree who writes it, and away that day too, only the latter. At work, no note."""
    from optimizer.core.calendar import Calendar
    from optimizer.core.messages import fmt_date, fmt_span
    from optimizer.workbook.notices import deadline_rows

    from .conftest import with_absence

    roster, result = tiny_solution
    plan = result.plan
    due = next(e for e in plan.events if e.kind == "report_due" and e.client_id == "A1")
    end = max(p.end for p in plan.periods if p.client_id == "A1" and p.phase in ("deep", "final"))
    writer = due.staff_ids[0]
    cal = Calendar(roster)
    works = [d for d in (end + timedelta(days=k) for k in range(1, (due.date - end).days + 1))
             if cal.staff_at_work(writer, cal.index(d))]

    def note(r, lang="fi") -> str:
        return next(row[7] for row in deadline_rows(r, plan, lang) if row[2] == "A1" and row[6] == "report_due")

    assert len(works) >= 2
    if works[-1] == due.date:
        assert note(roster) == ""
    away = with_absence(roster, writer, works[-1], due.date)
    assert note(away) == (f"{writer} ei ole töissä {fmt_date(due.date)} "
                          f"(poissa: loma {fmt_span(works[-1], due.date)}); "
                          f"viimeinen työpäivä ennen sitä {fmt_date(works[-2])}")
    assert note(away, "en").endswith(f"their last working day before it is {works[-2].isoformat()}")
    gone = with_absence(roster, writer, end + timedelta(days=1), due.date)
    assert cal.staff_at_work(writer, cal.index(end))  # at work on the period's last day: write it then
    assert note(gone).endswith(f"kirjoitettava {fmt_date(end)} tai sovittava, kuka kirjoittaa")
    assert note(gone, "en").endswith(f"write it on {end.isoformat()} or agree who writes it")
    gone_too = with_absence(roster, writer, end, due.date)
    assert note(gone_too).endswith("): sovi, kuka kirjoittaa")
    assert note(gone_too, "en").endswith("): agree who writes it")
