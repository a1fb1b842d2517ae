"""Reading the input workbook per the contract: names in both languages, date forms, defaults,
and every error class named with sheet, cell and value, all reported together."""

from __future__ import annotations

from datetime import date

import pytest

from optimizer.workbook.read import InputErrors, read_roster

from .workbooks import english, finnish, save, set_cell


def errors_of(path) -> list[str]:
    with pytest.raises(InputErrors) as exc:
        read_roster(path, lang="en")
    return exc.value.messages


def test_reads_english_workbook_with_defaults(tmp_path):
    roster, _sm, run, notes = read_roster(save(tmp_path, english()))
    assert roster.plan_start == date(2027, 1, 4)
    assert roster.plan_end == date(2028, 9, 1)  # latest start_latest + 18 months
    assert run.time_limit_s == 20
    a1, a3 = roster.clients["A1"], roster.clients["A3"]
    assert (a1.start_visits, a1.ready_visits, a1.wp_visits, a1.wp_days, a1.follow_up_visits) == (2, 3, 8, 50, 2)
    assert a3.clear_plan and a3.case_manager is None
    assert roster.clients["A2"].decision_date == date(2027, 1, 12)  # ISO text
    assert a3.decision_date == date(2027, 1, 13)  # Finnish text
    assert roster.staff["C1"].work_days == frozenset(range(5))
    assert roster.groups["G1"].leaders_required == 1
    assert date(2027, 12, 27) in roster.closed_days
    assert notes == []


def test_finnish_names_read_the_same(tmp_path):
    en, _, _, _ = read_roster(save(tmp_path, english(), "en.xlsx"))
    fi, _, _, _ = read_roster(save(tmp_path, finnish(), "fi.xlsx"))
    assert en.clients == fi.clients and en.groups == fi.groups and en.absences == fi.absences
    assert {s.staff_id: s.roles for s in en.staff.values()} == {s.staff_id: s.roles for s in fi.staff.values()}


def test_names_match_case_insensitively_and_ignore_spaces(tmp_path):
    sheets = english()
    sheets["  CLIENTS "] = sheets.pop("Clients")
    sheets["  CLIENTS "][0] = [f" {h.upper()} " for h in sheets["  CLIENTS "][0]]
    roster, _, _, _ = read_roster(save(tmp_path, sheets))
    assert set(roster.clients) == {"A1", "A2", "A3"}


def test_unknown_sheet_is_a_note_and_numeric_ids_are_text(tmp_path):
    sheets = english()
    sheets["Muistiinpanot"] = [["anything"], ["at all"]]
    set_cell(sheets, "Clients", 1, "client_id", 7)
    roster, _, _, notes = read_roster(save(tmp_path, sheets))
    assert "7" in roster.clients
    assert any("Muistiinpanot" in n for n in notes)


def test_bad_date_names_sheet_cell_and_value(tmp_path):
    sheets = set_cell(english(), "Clients", 1, "decision_date", "31.2.2027")
    [message] = errors_of(save(tmp_path, sheets))
    assert "Clients!C2" in message and "31.2.2027" in message


def test_missing_sheet_and_column(tmp_path):
    sheets = english()
    del sheets["Groups"]
    assert any("Groups" in m for m in errors_of(save(tmp_path, sheets, "a.xlsx")))
    sheets = english()
    sheets["Clients"][0][2] = "decided"
    messages = errors_of(save(tmp_path, sheets, "b.xlsx"))
    assert any("decision_date" in m and "päätöspäivä" in m for m in messages)


def test_cross_sheet_errors_are_reported_together(tmp_path):
    sheets = english()
    set_cell(sheets, "Groups", 1, "leaders", "L1, X9")  # unknown staff id in leaders
    set_cell(sheets, "Clients", 1, "case_manager", "X8")  # unknown case manager
    set_cell(sheets, "Clients", 2, "group_id", "G7")  # client in an unknown group
    sheets["Clients"].append(list(sheets["Clients"][3]))  # duplicate client id A3
    sheets["Absences"].append(["C1", date(2027, 8, 5), date(2027, 8, 1), "holiday"])  # end before start
    messages = errors_of(save(tmp_path, sheets))
    text = "\n".join(messages)
    assert "Groups!F2" in text and "X9" in text
    assert "Clients!D2" in text and "X8" in text
    assert "Clients!B3" in text and "G7" in text
    assert "Clients!A5" in text and "A3" in text
    assert "Absences!C3" in text
    assert len(messages) == 5


def test_group_over_maximum_and_case_manager_without_role(tmp_path):
    sheets = english()
    set_cell(sheets, "Groups", 1, "max_size", 6)
    for k in range(4, 8):
        sheets["Clients"].append([f"A{k}", "G1", date(2027, 1, 11), None, "no", *[None] * 9])
    set_cell(sheets, "Clients", 1, "case_manager", "L1")
    set_cell(sheets, "Staff", 1, "roles", "group_leader")
    text = "\n".join(errors_of(save(tmp_path, sheets)))
    assert "7" in text and "R-GROUP-1" in text
    assert "Clients!D2" in text and "R-STAFF-3" in text


def test_window_outside_horizon(tmp_path):
    sheets = english()
    set_cell(sheets, "Groups", 1, "start_earliest", date(2026, 12, 1))
    text = "\n".join(errors_of(save(tmp_path, sheets)))
    assert "Groups!C2" in text and "R-CAL-0" in text


def test_out_of_range_counts(tmp_path):
    sheets = english()
    set_cell(sheets, "Clients", 1, "start_visits", 6)
    set_cell(sheets, "Clients", 2, "wp_days", 40)  # under 50 without a reason
    text = "\n".join(errors_of(save(tmp_path, sheets)))
    assert "Clients!F2" in text and "R-START-1" in text
    assert "Clients!I3" in text and "R-WP-2" in text


def test_short_work_practice_with_reason_is_read(tmp_path):
    sheets = english()
    set_cell(sheets, "Clients", 2, "wp_days", 40)
    set_cell(sheets, "Clients", 2, "wp_short_reason", "työnantajan konkurssi")
    roster, _, _, _ = read_roster(save(tmp_path, sheets))
    assert roster.clients["A2"].wp_days == 40


@pytest.mark.parametrize("code", ["131052-308T", "010190A123B", "311299+1234", "150505Y987K", "020304F0016"])
def test_identity_code_anywhere_is_refused(tmp_path, code):
    sheets = english()
    sheets["Notes"] = [["free text"], [f"asiakkaan hetu {code} tähän"]]
    messages = errors_of(save(tmp_path, sheets))
    assert any("Notes!A2" in m for m in messages)
    assert all(code not in m for m in messages)  # the code itself is never echoed


def test_fixed_rows_naming_an_unknown_client_are_refused(tmp_path):
    sheets = english()
    sheets["Fixed"] = [["date", "kind", "phase", "group_id", "client_id", "staff_id"],
                       [date(2027, 1, 12), "start_visit", "start", "G1", "A99", "C1"]]
    assert any("R-CLIENT-3" in m and "Fixed!A2" in m for m in errors_of(save(tmp_path, sheets)))


def test_language_mismatch_is_refused(tmp_path):
    sheets = set_cell(english(), "Clients", 1, "language", "sv")
    assert any("R-GROUP-3" in m for m in errors_of(save(tmp_path, sheets)))


def test_not_a_workbook(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_text("client_id,group_id\nA1,G1\n")
    [message] = errors_of(path)
    assert "roster.xlsx" in message


def test_weights_sheet_overrides_the_service_model(tmp_path):
    sheets = english()
    sheets["Weights"] = [["rule", "weight"], ["S-WP-GAP", 99], ["s-load", 0]]
    _, sm, _, _ = read_roster(save(tmp_path, sheets))
    assert sm.weights["S-WP-GAP"] == 99 and sm.weights["S-LOAD"] == 0
    sheets["Weights"].append(["S-NOPE", 1])
    assert any("S-NOPE" in m for m in errors_of(save(tmp_path, sheets, "bad.xlsx")))


# --- issue 14: postpone, part-time practice weekdays, attends_final ----------------------------

def with_columns(sheets, sheet: str, **values) -> dict:
    """The sheet with extra columns appended, each row's value given per data row (a list) or one
    value for the first data row."""
    rows = sheets[sheet]
    for header, value in values.items():
        rows[0].append(header)
        per_row = value if isinstance(value, list) else [value] + [None] * (len(rows) - 2)
        for row, v in zip(rows[1:], per_row, strict=True):
            row.append(v)
    return sheets


def test_postpone_below_the_minimum_is_read(tmp_path):
    """R-GROUP-2: three clients in a group of at most 6 (minimum 4) may be postponed."""
    roster, _, run, _ = read_roster(save(tmp_path, with_columns(english(), "Groups", postpone="yes")))
    assert roster.groups["G1"].postpone
    assert run.cells[("groups.postpone", "G1")] == "Groups!K2"
    roster, _, _, _ = read_roster(save(tmp_path, english(), "plain.xlsx"))
    assert not roster.groups["G1"].postpone  # default no


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_postpone_at_the_minimum_is_refused(tmp_path, lang):
    """R-GROUP-2: a group that has reached its minimum size starts on its agreed schedule: a
    postpone yes there is an input error naming the cell, the value, the count and the minimum."""
    sheets = with_columns(english(), "Groups", postpone="kyllä")
    sheets["Clients"].append(["A4", "G1", date(2027, 1, 11), None, "no", *[None] * 9])
    with pytest.raises(InputErrors) as exc:
        read_roster(save(tmp_path, sheets), lang=lang)
    [message] = exc.value.messages
    assert "Groups!K2" in message and "'kyllä'" in message and "R-GROUP-2" in message
    assert "4" in message and ("vähimmäiskoko on 4" in message if lang == "fi" else "minimum size is 4" in message)
    assert ("on 4 asiakasta" in message) if lang == "fi" else ("has 4 clients" in message)


def test_part_time_weekdays_in_either_language(tmp_path):
    """R-WP-2: wp_weekdays as Staff work_days: ranges and lists, Finnish or English; Mon-Fri or
    empty is every working day (None)."""
    values = ["ma-to", "Mon, Wed, Thu", "ma-pe"]
    sheets = with_columns(english(), "Clients", wp_weekdays=values, attends_final=[None, None, None])
    roster, _, run, _ = read_roster(save(tmp_path, sheets))
    assert roster.clients["A1"].wp_weekdays == frozenset({0, 1, 2, 3})
    assert roster.clients["A2"].wp_weekdays == frozenset({0, 2, 3})
    assert roster.clients["A3"].wp_weekdays is None
    assert run.cells[("clients.wp_weekdays", "A1")] == "Clients!O2"
    fi = finnish()
    fi["Asiakkaat"][0].append("th_viikonpäivät")
    for row, v in zip(fi["Asiakkaat"][1:], ["ti-pe", None, None], strict=True):
        row.append(v)
    roster, _, _, _ = read_roster(save(tmp_path, fi, "fi.xlsx"), lang="fi")
    assert roster.clients["A1"].wp_weekdays == frozenset({1, 2, 3, 4})
    assert roster.clients["A2"].wp_weekdays is None


@pytest.mark.parametrize(("value", "words"), [("ma-la", "Monday to Friday"), ("su", "Monday to Friday"),
                                              ("maanantaisin", "not a list of weekdays")])
def test_bad_part_time_weekdays_name_the_cell(tmp_path, value, words):
    sheets = with_columns(english(), "Clients", wp_weekdays=[None, value, None])
    [message] = errors_of(save(tmp_path, sheets))
    assert "Clients!O3" in message and value in message and words in message


def test_attends_final_for_clear_plan_and_others(tmp_path):
    """R-DEEP-2: attends_final yes for a clear-plan client (A3) joins the final days; for a client
    without a clear plan (A1) it is accepted (they attend anyway); default no."""
    sheets = with_columns(english(), "Clients", attends_final=["yes", None, "x"])
    roster, _, _, _ = read_roster(save(tmp_path, sheets))
    a1, a2, a3 = (roster.clients[k] for k in ("A1", "A2", "A3"))
    assert a3.attends_final and a3.final_days_attended
    assert a1.attends_final and a1.final_days_attended and not a2.attends_final
    sheets = with_columns(english(), "Clients", attends_final=[None, None, "perhaps"])
    [message] = errors_of(save(tmp_path, sheets, "bad.xlsx"))
    assert "Clients!O4" in message and "perhaps" in message


@pytest.mark.parametrize("text", ["27.12.2027–31.12.2027", "27.12.2027-31.12.2027", "27.12.–31.12.2027",
                                  "2027-12-27–2027-12-31"])
def test_closed_days_and_absences_as_ranges_in_one_cell(tmp_path, text):
    """Issue 15: a closed-day row may hold a range of days (en dash or hyphen); an absence's
    start cell may hold the whole range, its end then empty."""
    sheets = set_cell(english(), "ClosedDays", 1, "date", text)
    sheets = set_cell(sheets, "Absences", 1, "start", text.replace("12.", "7.", 2).replace("-12-", "-07-"))
    sheets = set_cell(sheets, "Absences", 1, "end", None)
    roster, _, _, notes = read_roster(save(tmp_path, sheets))
    assert {date(2027, 12, d) for d in range(27, 32)} <= set(roster.closed_days) and notes == []
    assert date(2027, 12, 26) not in roster.closed_days
    away = next(a for a in roster.absences if a.person == "C1")
    assert (away.start, away.end) == (date(2027, 7, 27), date(2027, 7, 31))


def test_a_bad_range_names_sheet_cell_and_value(tmp_path):
    sheets = set_cell(english(), "ClosedDays", 1, "date", "31.12.2027–27.12.2027")
    sheets = set_cell(sheets, "Absences", 1, "start", "joulu–loppiainen")
    sheets = set_cell(sheets, "Absences", 1, "end", None)
    messages = errors_of(save(tmp_path, sheets))
    assert any(m.startswith("ClosedDays!A2: '31.12.2027–27.12.2027'") and "before its first" in m for m in messages)
    assert any(m.startswith("Absences!B2: 'joulu–loppiainen'") and "range of days" in m for m in messages)
    sheets = set_cell(english(), "Absences", 1, "start", "1.7.2027–9.7.2027")  # the end says 30.7.
    assert any(m.startswith("Absences!C2:") and "1.7.2027–9.7.2027" in m for m in errors_of(save(tmp_path, sheets)))
