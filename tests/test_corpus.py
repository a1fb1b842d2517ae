"""Bad and unusual input workbooks (issue 7, tests/corpus.py): each answered as it should be,
never a traceback, the input byte-identical afterwards; random cell values in every column of
every sheet (hypothesis) either read or refused with a clear message; and hostile or careless
use (issue 12, tests/corpus.py ATTACKS), each class in several instances: the exit code and
message, no traceback, every file byte-identical but what the step may write, nothing partial,
no temporary file left, no identity code echoed or written, and the size attacks within their
time and memory bounds (measured in a subprocess)."""

from __future__ import annotations

import hashlib
import time
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.core.privacy import contains_identity_code
from optimizer.workbook.read import InputErrors, read_roster

from .corpus import ATTACKS, CASES, play
from .test_cli import run
from .workbooks import english, save


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_corpus_holds_at_least_forty_cases():
    assert len(CASES) >= 40 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_gets_its_answer(case, tmp_path):
    path = case.build(tmp_path)
    before = digest(path)
    if case.expect == "error":
        result = run(str(path), "--lang", "en")
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        for word in case.words:
            assert word in result.output, (word, result.output)
        assert not list(tmp_path.glob("*-plan*")), "nothing is written on bad input"
    else:
        started = time.monotonic()
        roster, _, _, _ = read_roster(path, "en")
        assert time.monotonic() - started < 20  # 20,000 rows within seconds (measured 1.4 s)
        assert case.check is None or case.check(roster)
    assert digest(path) == before  # the input is never modified


CELL_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    # Control characters cannot be stored in a workbook at all (Excel and openpyxl refuse them).
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
    st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    st.datetimes(datetime(1950, 1, 1), datetime(2080, 1, 1)),
    st.sampled_from(["#REF!", "#DIV/0!", "=1/0", "+358401234567", "-", "@SUM(A1)", "31.2.2027", "ma-su", "ti-pe",
                     "kyllä", "EI", " 5 ", "1,5", "2027-13-01", "A1, A1", "group_leader, case_manager"]),
)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_cells_in_every_column_are_read_or_refused_clearly(tmp_path, data):
    sheets = english()
    for _ in range(data.draw(st.integers(1, 3))):
        name = data.draw(st.sampled_from(sorted(sheets)))
        rows = sheets[name]
        r = data.draw(st.integers(1, len(rows) - 1)) if len(rows) > 1 else 0
        c = data.draw(st.integers(0, len(rows[0]) - 1))
        rows[r][c] = data.draw(CELL_VALUES)
    path = save(tmp_path, sheets, f"fuzz-{data.draw(st.integers(0, 10**9))}.xlsx")
    try:
        read_roster(path, "en")
    except InputErrors as exc:
        assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)


def test_a_plan_open_in_excel_is_not_overwritten(tmp_path):
    roster = save(tmp_path, english())
    (tmp_path / "~$roster-plan.xlsx").write_bytes(b"lock")
    result = run(str(roster), "--lang", "en", "--time-limit", "5")
    assert result.exit_code == 2 and "open in Excel" in result.output
    assert not (tmp_path / "roster-plan.xlsx").exists()


def test_an_unwritable_place_gets_a_message_and_no_partial_file(tmp_path):
    """A folder that is not there (or not writable): a clear message, exit 2, no file."""
    roster = save(tmp_path, english())
    target = tmp_path / "no-such-folder" / "plan.xlsx"
    result = run(str(roster), "--lang", "en", "--time-limit", "5", "-o", str(target))
    assert result.exit_code == 2 and "There is no folder" in result.output and "Traceback" not in result.output
    assert not target.parent.exists() and not list(tmp_path.glob("*.png"))


def test_input_text_never_starts_a_formula_in_the_plan(tmp_path):
    """Formula injection: a lunch arrangement "=HYPERLINK(...)" is written as text."""
    import openpyxl

    from .workbooks import set_cell

    sheets = set_cell(english(), "Clients", 1, "lunch", '=HYPERLINK("http://x","klik")')
    roster = save(tmp_path, sheets)
    assert run(str(roster), "--lang", "en", "--time-limit", "10").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "roster-plan.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def test_no_name_reaches_the_console(tmp_path):
    """Privacy: staff names are in the input (Staff!B), but the console shows ids only, also with
    the cost listing, the calendar files and the diagnosis of a roster without a plan."""
    sheets = english()
    names = [row[1] for row in sheets["Staff"][1:] if row[1]]
    assert names
    roster = save(tmp_path, sheets)
    result = run(str(roster), "--lang", "en", "--time-limit", "10", "--explain", "--ics", str(tmp_path / "ics"))
    assert result.exit_code == 0
    sheets["Absences"].append(["L1", date(2027, 1, 18), date(2027, 12, 31), "sick leave"])
    blocked = save(tmp_path, sheets, "blocked.xlsx")
    diagnosed = run(str(blocked), "--lang", "en", "--time-limit", "10")
    assert diagnosed.exit_code == 3
    for output in (result.output, diagnosed.output):
        assert not any(name in output for name in names)


def test_every_class_of_issue_12_has_at_least_two_instances():
    classes = {a.cls for a in ATTACKS}
    assert len(classes) >= 18
    for cls in classes:
        assert sum(a.cls == cls for a in ATTACKS) >= 2, cls


@pytest.mark.parametrize("attack", ATTACKS, ids=[f"{a.cls}: {a.name}" for a in ATTACKS])
def test_each_attack_gets_its_answer(attack, tmp_path):
    for step, outcome, wrong in play(attack, tmp_path):
        assert not wrong, (step.args, wrong, outcome.output[-2000:])


# --- fuzzing what lies outside the cells (issue 12): sheet names, comments, defined names, and
# plans read back. Each is read or refused with a message; a text holding an identity code is
# always refused and never echoed. ------------------------------------------------------------

SHEET_NAME = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="[]:*?/\\'"),
                     min_size=1, max_size=31).filter(lambda s: s.strip() and s.lower() != "history")
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=60)
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _answer(path) -> list[str]:
    """The reader's messages ([] when read), asserting they are clear ones."""
    try:
        read_roster(path, "en")
    except InputErrors as exc:
        assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)
        return exc.messages
    return []


def _with(tmp_path, change) -> object:
    import openpyxl

    path = save(tmp_path, english(), f"fuzz-{time.monotonic_ns()}.xlsx")
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


@FUZZ
@given(name=SHEET_NAME, code=st.sampled_from(["", "010101A123B", "131052\u2013308T"]))
def test_random_sheet_names_are_read_or_refused_clearly(tmp_path, name, code):
    title = (name + code)[:31] if code else name
    messages = _answer(_with(tmp_path, lambda wb: wb.create_sheet(title)))
    if code and contains_identity_code(title):
        assert any("identity code" in m for m in messages)
    assert not code or all(code not in m for m in messages)


@FUZZ
@given(text=TEXT, code=st.sampled_from(["", " 010101A123B", " 0101\u200b01A123B"]),
       where=st.sampled_from(["comment", "defined name", "title", "header"]))
def test_random_comments_names_and_properties_are_read_or_refused_clearly(tmp_path, text, code, where):
    from openpyxl.comments import Comment
    from openpyxl.workbook.defined_name import DefinedName

    value = text + code

    def change(wb):
        if where == "comment":
            wb["Clients"]["B2"].comment = Comment(value or "x", "author")
        elif where == "defined name":
            name = "n_" + "".join(ch for ch in text if ch.isalnum() and ch.isascii())[:40] + "_" + code.strip()
            wb.defined_names.add(DefinedName(name, attr_text="Clients!$A$1"))
        elif where == "title":
            wb.properties.title = value
        else:
            wb["Staff"].oddFooter.left.text = value.replace("&", "")
    messages = _answer(_with(tmp_path, change))
    if code:
        assert any("identity code" in m for m in messages), (where, messages)
        assert all(code.strip() not in m for m in messages)
    else:
        assert not any("identity code" in m for m in messages) or contains_identity_code(text)


PLAN_CELLS = st.one_of(CELL_VALUES, st.sampled_from(["group_day", "wp_visit", "start", "work_practice", "site",
                                                      "video", "G1", "A1", "C1", "L1, C1", "NOPE", "=A1", "yes"]))


@FUZZ
@given(data=st.data())
def test_random_cells_in_a_plan_read_back_are_read_checked_or_refused_clearly(tmp_path, data):
    """`check`, `diff` and `--previous` read plans a coordinator may have edited by hand: every
    cell of Events and Periods changed at random is read and checked (the validator never
    fails on it) or refused with a clear message."""
    import openpyxl

    from optimizer.checks.validate import validate
    from optimizer.core.service_model import load_service_model
    from optimizer.workbook.plan_read import foreign_ids, read_plan

    from .corpus import planned

    roster_path, plan_path = planned(tmp_path, f"plan-{time.monotonic_ns()}.xlsx")
    wb = openpyxl.load_workbook(plan_path)
    for _ in range(data.draw(st.integers(1, 4))):
        ws = wb[data.draw(st.sampled_from(["Events", "Periods"]))]
        row = data.draw(st.integers(1, min(ws.max_row, 40)))
        col = data.draw(st.integers(1, ws.max_column))
        ws.cell(row, col).value = data.draw(PLAN_CELLS)
    wb.save(plan_path)
    roster, _, _, _ = read_roster(roster_path, "en")
    try:
        plan = read_plan(plan_path, "en")
    except InputErrors as exc:
        assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)
        return
    foreign, _ = foreign_ids(roster, plan, "en")
    if not foreign:
        validate(roster, load_service_model(), plan)
